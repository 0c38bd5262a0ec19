#!/usr/bin/env bash
# kensa report in its three formats, from a file and from a pipe; usage errors.
. "$top_srcdir/tests/cli/lib.sh"
f=$(sample 1770309790)

out=$("$KENSA" report "$f"); rc=$?
check "text: exit 0" test $rc = 0
for label in File Verdict Subject From Return-Path Origin Auth Findings; do
	check "text: has the $label row" grep -q "^$label" <<<"$out"
done
check "text: origin row names the IP" grep -q '^Origin .*101\.47\.76\.101' <<<"$out"
check "text: finding ids listed" grep -q 'SUBJECT_SPAM_TAG' <<<"$out"
# the value column starts at the same display column on every header row
cols=$(sed -n '/^File/,/^Auth/p' <<<"$out" | while IFS= read -r l; do
	lab=${l%%  *}; rest=${l#"$lab"}; sp=${rest%%[! ]*}; echo $(( ${#lab} + ${#sp} )); done | sort -u | wc -l)
check "text: aligned value column" test "$cols" = 1

md=$("$KENSA" report --format markdown "$f")
check "markdown: heading" grep -q '^## kensa report' <<<"$md"
check "markdown: field table" grep -q '^| Field | Value |' <<<"$md"
check "markdown: findings table" grep -q '^| Severity | Id | Finding | Evidence |' <<<"$md"
# every finding's weight shows, in text and markdown as in JSON
w=$(jq -r '.findings[0]|.title+" ("+(if .weight>=0 then "+" else "" end)+(.weight|tostring)+")"' <<<"$("$KENSA" report --format json "$f" 2>/dev/null)")
check "text: a finding's weight ($w)" grep -qF "$w" <<<"$out"
check "markdown: a finding's weight ($w)" grep -qF "$w" <<<"$md"
check "markdown: ids in code spans" grep -q '`ORIGIN_NO_RDNS`' <<<"$md"

js=$("$KENSA" report --format json "$f")
for key in file message_id date subject from origin auth links findings score verdict; do
	check "json: key $key" jq -e "has(\"$key\")" >/dev/null <<<"$js"
done
check "json: from has display/address/domain/org_domain" \
	jq -e '.from|has("display") and has("address") and has("domain") and has("org_domain")' >/dev/null <<<"$js"
check "json: origin has ip/helo/rdns/country/asn/as_org" \
	jq -e '.origin|has("ip") and has("helo") and has("rdns") and has("country") and has("asn") and has("as_org")' >/dev/null <<<"$js"
check "json: auth has spf/dkim/dmarc/aligned" \
	jq -e '.auth|has("spf") and has("dkim") and has("dmarc") and has("aligned")' >/dev/null <<<"$js"
check "json: findings carry id/severity/where/span/title/evidence" \
	jq -e '.findings|all(has("id") and has("severity") and has("where") and has("span") and has("title") and has("evidence"))' >/dev/null <<<"$js"
check "json: subject spam tag span covers [spam]" \
	test "$(jq -r '.subject as $s|.findings[]|select(.where=="header:Subject")|.span|@text' <<<"$js")" = "[0,6]"

piped=$("$KENSA" report --format json - <"$f" | jq -r .origin.ip)
check "stdin: report - reads a pipe" test "$piped" = 101.47.76.101

two=$("$KENSA" report --format json "$f" "$(sample 1771568541)" | jq -s length)
check "two files: two JSON objects" test "$two" = 2

"$KENSA" report --format yaml "$f" >/dev/null 2>"$tmp/err"; rc=$?
check "bad --format: exit 2" test $rc = 2
check "bad --format: one line" test "$(wc -l <"$tmp/err")" = 1
"$KENSA" report >/dev/null 2>&1; rc=$?
check "report without a file: exit 2" test $rc = 2
"$KENSA" --bogus-option >/dev/null 2>&1; rc=$?
check "unknown option: exit 2" test $rc = 2
check "--version names the version" sh -c "'$KENSA' --version | grep -q '^kensa [0-9]'"

# Japanese by locale and by --lang, with the catalogue compiled from po/ja.po
if locale -a 2>/dev/null | grep -qi '^ja_JP.utf-\?8$' && command -v msgfmt >/dev/null; then
	mkdir -p "$tmp/locale/ja/LC_MESSAGES"
	msgfmt -o "$tmp/locale/ja/LC_MESSAGES/kensa.mo" "$top_srcdir/po/ja.po"
	ja=$(KENSA_LOCALEDIR=$tmp/locale LC_ALL=ja_JP.UTF-8 LANGUAGE= "$KENSA" report "$f")
	check "ja locale: verdict label in Japanese" grep -q '^判定' <<<"$ja"
	check "ja locale: finding titles in Japanese" grep -q 'スパムフィルター' <<<"$ja"
	check "ja locale: rows still aligned" test "$(sed -n '/^ファイル/,/^認証/p' <<<"$ja" | grep -c '  ')" -ge 8
	en=$(KENSA_LOCALEDIR=$tmp/locale LC_ALL=ja_JP.UTF-8 "$KENSA" --lang en report "$f")
	check "--lang en under a Japanese locale: English" grep -q '^Verdict' <<<"$en"
	ja=$(KENSA_LOCALEDIR=$tmp/locale LC_ALL=C.UTF-8 "$KENSA" --lang ja report "$f")
	check "--lang ja under the C locale: Japanese" grep -q '^判定' <<<"$ja"
	ja=$(KENSA_LOCALEDIR=$tmp/locale LC_ALL=C.UTF-8 "$KENSA" --lang ja report --format json "$f")
	check "--lang ja: JSON ids and verdict stay untranslated" jq -e '.verdict=="suspicious" or .verdict=="phishing" or .verdict=="clean"' >/dev/null <<<"$ja"
else
	echo "# no ja_JP.UTF-8 locale here: Japanese output not checked"
fi
finish
