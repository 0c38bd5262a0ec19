#!/usr/bin/env bash
# The user's brands.d: adding and overriding brands changes what kensa
# reports; a broken file is a notice, not a failure; the installed-data
# override (KENSA_DATADIR) is what the other tests rely on.
. "$top_srcdir/tests/cli/lib.sh"

amazon=$(sample 1770813301)
ids() { jq -r '[.findings[].id]|unique|join(" ")' <<<"$1"; }

# Shipped registry: the Amazon sample's phone is not Amazon's.
j=$(HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$KENSA" report --format json "$amazon")
check "shipped: PHONE_NOT_BRAND on 0120-959-684" grep -q PHONE_NOT_BRAND <<<"$(ids "$j")"

# An override that lists the number as Amazon's silences it (the section replaces the shipped one).
mkdir -p "$tmp/xdg/kensa/brands.d"
cat >"$tmp/xdg/kensa/brands.d/50-amazon.conf" <<'CONF'
# test: pretend the number is Amazon's
[amazon]
name = Amazon
aliases = Amazon.co.jp
domains = amazon.co.jp
mail_domains = amazon.co.jp
phones = 0120-959-684
CONF
j=$(HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$KENSA" report --format json "$amazon")
check "override: no PHONE_NOT_BRAND" test -z "$(ids "$j" | grep -o PHONE_NOT_BRAND)"
check "override: still the Amazon claim" test "$(jq -r .brand.id <<<"$j")" = amazon

# A new brand claimed by a display name.
cat >"$tmp/xdg/kensa/brands.d/60-mine.conf" <<'CONF'
# test: a local brand
[jfmm]
name = ジェイエフエム
aliases = JFMM Card
domains = jfmm-card.example
CONF
f=$tmp/mine.eml
printf 'From: "JFMM Card" <info@evil.example>\nTo: taro@example.com\nSubject: hi\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nhttps://login.evil.example/\n' >"$f"
j=$(HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$KENSA" report --format json "$f")
check "new brand: claimed" test "$(jq -r .brand.id <<<"$j")" = jfmm
check "new brand: FROM_BRAND_MISMATCH and LINK_BRAND_MISMATCH" \
	test "$(jq -r '[.findings[].id|select(.=="FROM_BRAND_MISMATCH" or .=="LINK_BRAND_MISMATCH")]|unique|join(" ")' <<<"$j")" = "FROM_BRAND_MISMATCH LINK_BRAND_MISMATCH"

# A broken user file: the rest still loads, and the report says why.
printf '[broken\nname = x\n' >"$tmp/xdg/kensa/brands.d/70-broken.conf"
j=$(HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$KENSA" report --format json "$f"); rc=$?
check "broken file: exit 0" test $rc = 0
check "broken file: a notice names file and line" grep -q '70-broken.conf:1:' <<<"$(jq -r '.notices[]' <<<"$j")"
check "broken file: other brands still load" test "$(jq -r .brand.id <<<"$j")" = jfmm

# Without the brand registry kensa stops and says where it looked (tests/cli/datafiles.sh does every list).
rm -rf "$tmp/nowhere" && cp -r "$top_srcdir/data" "$tmp/nowhere" && rm "$tmp/nowhere/brands.conf"
out=$(KENSA_DATADIR=$tmp/nowhere HOME=$tmp XDG_CONFIG_HOME=$tmp/none "$KENSA" report --format json "$amazon" 2>&1); rc=$?
check "no brands.conf: exit 1" test $rc = 1
check "no brands.conf: the path is named" grep -q "$tmp/nowhere/brands.conf: No such file" <<<"$out"
finish
