#!/usr/bin/env bash
# datafiles.sh — a missing shipped data file stops kensa (report, scan and
# the TUI) at start-up, naming where it looked; never a silent weaker
# verdict. A config file's bad lines are all named, with file and line.
. "$top_srcdir/tests/cli/lib.sh"

pocket=$(sample 1770309790)
m=$tmp/Maildir
mkdir -p "$m"/{cur,new,tmp} && cp "$pocket" "$m/cur/1.eml:2,"

check "all data present: report exits 0" "$KENSA" report "$pocket" >/dev/null
for f in brands.conf phrases.ja urgency.en lures.en freemail.txt confusables.txt risky-tlds.txt \
	shorteners.txt mailing-services.txt tracking-hosts.txt cdn-asn.txt; do
	rm -rf "$tmp/data" && cp -r "$top_srcdir/data" "$tmp/data" && rm "$tmp/data/$f"
	out=$(KENSA_DATADIR=$tmp/data "$KENSA" report "$pocket" 2>&1); rc=$?
	check "no $f: report exits 1 (got $rc)" test "$rc" = 1
	check "no $f: report names $tmp/data/$f" grep -q "^kensa: $tmp/data/$f: No such file" <<<"$out"
	check "no $f: no report printed" test "$(grep -vc '^kensa: ' <<<"$out")" = 0
done
# scan and the TUI (which stops before it takes the terminal)
out=$(KENSA_DATADIR=$tmp/data "$KENSA" scan "$m" 2>&1); rc=$?
check "no cdn-asn.txt: scan exits 1 (got $rc)" test "$rc" = 1
check "no cdn-asn.txt: scan names the path" grep -q "$tmp/data/cdn-asn.txt: No such file" <<<"$out"
out=$(KENSA_DATADIR=$tmp/data "$KENSA" "$m" 2>&1 </dev/null); rc=$?
check "no cdn-asn.txt: the TUI exits 1 (got $rc)" test "$rc" = 1
check "no cdn-asn.txt: the TUI names the path" grep -q "$tmp/data/cdn-asn.txt: No such file" <<<"$out"
check "no cdn-asn.txt: the TUI stops on the data, not on the terminal" test "$(grep -c 'needs a terminal' <<<"$out")" = 0
# the browser loads the data while it lists the Maildir: a message file and standard input wait for it too
out=$(KENSA_DATADIR=$tmp/data "$KENSA" "$pocket" 2>&1 </dev/null); rc=$?
check "no cdn-asn.txt: the TUI on a file exits 1 (got $rc)" test "$rc" = 1
check "no cdn-asn.txt: the TUI on a file names the path" grep -q "$tmp/data/cdn-asn.txt: No such file" <<<"$out"
out=$(KENSA_DATADIR=$tmp/data "$KENSA" - <"$pocket" 2>&1); rc=$?
check "no cdn-asn.txt: the TUI on stdin exits 1 (got $rc)" test "$rc" = 1
check "no cdn-asn.txt: the TUI on stdin names the path once" test "$(grep -c "$tmp/data/cdn-asn.txt: No such file" <<<"$out")" = 1
# several files missing: each one named
rm -f "$tmp/data/lures.ja" "$tmp/data/brands.conf"
out=$(KENSA_DATADIR=$tmp/data "$KENSA" report "$pocket" 2>&1)
check "three missing: three named" test "$(grep -c "^kensa: $tmp/data/.*: No such file" <<<"$out")" = 3

# A user phrase list with a bad line: named with its line, kensa stops.
mkdir -p "$tmp/xdg/kensa"
printf 'good phrase\tadvance-fee\nno tab here\n# c\nanother bad\n' >"$tmp/xdg/kensa/lures.en"
out=$(XDG_CONFIG_HOME=$tmp/xdg "$KENSA" report "$pocket" 2>&1); rc=$?
check "bad user lure lines: exit 1 (got $rc)" test "$rc" = 1
check "bad user lure lines: line 2 named" grep -q "$tmp/xdg/kensa/lures.en:2: " <<<"$out"
check "bad user lure lines: line 4 named" grep -q "$tmp/xdg/kensa/lures.en:4: " <<<"$out"
rm "$tmp/xdg/kensa/lures.en"

# The config file: every bad line, each with file and line; exit 1.
printf 'lang = fr\nnetwork = on\ntrusted_relays = 999.1.1.1/33\nkeymap = nosuch\nfrobnicate = 1\n' >"$tmp/bad.conf"
out=$("$KENSA" --config "$tmp/bad.conf" report "$pocket" 2>&1); rc=$?
check "bad config: exit 1 (got $rc)" test "$rc" = 1
for l in 1 3 4 5; do
	check "bad config: line $l named" grep -q "^kensa: $tmp/bad.conf:$l: " <<<"$out"
done
check "bad config: the good line is not named" test "$(grep -c "$tmp/bad.conf:2:" <<<"$out")" = 0
check "bad config: no report printed" test "$(grep -vc '^kensa: ' <<<"$out")" = 0
printf 'lang = ja\nkeymap = vi\ntrusted_relays = 192.0.2.0/24\n' >"$tmp/good.conf"
check "good config: exit 0" "$KENSA" --config "$tmp/good.conf" report "$pocket" >/dev/null
finish
