#!/usr/bin/env bash
# kensa scan: one line per message in Maildir order, JSON lines, broken
# messages reported and passed, Maildir++ subfolders with --recursive.
. "$top_srcdir/tests/cli/lib.sh"
md=$samples/Maildir

out=$("$KENSA" scan "$md"); rc=$?
check "scan: exit 0" test $rc = 0
check "scan: six lines" test "$(wc -l <<<"$out")" = 6
order=$(awk '{print $3}' <<<"$out" | sed 's,^cur/,,; s,\..*,,' | tr '\n' ' ')
check "scan: Maildir (delivery) order" test "$order" = "1639558840 1764487212 1764487398 1770309790 1770813301 1771568541 "
check "scan: verdict and score first" sh -c "awk '\$1 !~ /^(clean|suspicious|phishing)\$/ || \$2 !~ /^[0-9]+\$/ {exit 1}' <<'X'
$out
X"
check "scan: ids on the line" grep -q 'ORIGIN_NO_RDNS' <<<"$(grep 1770309790 <<<"$out")"
check "scan: subject on the line" grep -q 'ANA' <<<"$(grep 1771568541 <<<"$out")"

js=$("$KENSA" scan --json "$md")
check "scan --json: six objects" test "$(jq -c . <<<"$js" | wc -l)" = 6
check "scan --json: one object per line" test "$(wc -l <<<"$js")" = 6
check "scan --json: each has verdict and findings" jq -e -s 'all(has("verdict") and has("findings"))' >/dev/null <<<"$js"

# A Maildir with a broken message in the middle, new/ mail and a subfolder.
m=$tmp/Maildir
mkdir -p "$m"/{cur,new,tmp} "$m/.Junk"/{cur,new,tmp}
cp "$(sample 1770309790)" "$m/cur/100.M1P1.host:2,S"
printf '' >"$m/cur/200.M2P2.host:2,"
head -c 4096 /dev/urandom | tr -d : >"$m/new/300.M3P3.host"   # no colon: never a header
cp "$(sample 1771568541)" "$m/new/400.M4P4.host"
cp "$(sample 1764487212)" "$m/.Junk/cur/500.M5P5.host:2,"
touch "$m/cur/.hidden"
before=$(cd "$m" && find . -type f -exec md5sum {} + | sort)
out=$("$KENSA" scan "$m"); rc=$?
check "broken: exit 0" test $rc = 0
check "broken: one line per message (4, dotfiles skipped)" test "$(wc -l <<<"$out")" = 4
check "broken: empty file reported" grep -q '^error .*200\.M2P2.*empty' <<<"$out"
check "broken: garbage reported" grep -q '^error .*300\.M3P3' <<<"$out"
check "broken: the messages after them scanned" grep -q '^[a-z]* .*400\.M4P4' <<<"$out"
out=$("$KENSA" scan --recursive "$m")
check "--recursive: subfolder messages included" grep -q '\.Junk/cur/500\.M5P5' <<<"$out"
after=$(cd "$m" && find . -type f -exec md5sum {} + | sort)
check "scan never modifies the Maildir" test "$before" = "$after"

"$KENSA" scan "$tmp/nothing" >/dev/null 2>"$tmp/err"; rc=$?
check "missing Maildir: exit 1" test $rc = 1
check "missing Maildir: one line naming it" sh -c "test \$(wc -l <'$tmp/err') = 1 && grep -q nothing '$tmp/err'"
mkdir -p "$tmp/plain"
"$KENSA" scan "$tmp/plain" >/dev/null 2>"$tmp/err"; rc=$?
check "not a Maildir: exit 1 with reason" sh -c "test $rc = 1 && grep -q 'not a Maildir' '$tmp/err'"
finish
