#!/usr/bin/env bash
# The analysis cache in the browser: a 20,000-message Maildir whose answers are
# in the cache shows the whole risk column at once, from the cache (proved by
# changing a message's bytes behind the cache's back); and what the browser
# analyses is written to the cache for the next run.
. "$top_srcdir/tests/ui/lib.sh"
cache=$tmp/cache
copy_samples
src=$tmp/src
mkdir -p "$src" && cp "$tmp"/Maildir/cur/* "$src/"
md=$tmp/big
mkdir -p "$md/cur" "$md/new" "$md/tmp"
n=20000
perl -e 'my ($dir, $n, @src) = @ARGV; for my $i (0 .. $n - 1) { my $s = $src[$i % @src];
	my $d = sprintf("%s/cur/%d.M%dP1.bench:2,S", $dir, 1700000000 + $i, $i);
	link($s, $d) or system("cp", $s, $d) == 0 or die "$d: $!\n" }' "$md" $n "$src"/*
check "generated $n messages" test "$(ls "$md/cur" | wc -l)" = $n

# First run: every answer computed and kept (kensa scan and the browser share the cache and its keys).
XDG_CACHE_HOME=$cache "$KENSA" scan "$md" >"$tmp/scan1"
phish=$(grep -c '^phishing' "$tmp/scan1"); susp=$(grep -c '^suspicious' "$tmp/scan1")
check "first run: $phish phishing, $susp suspicious" test "$phish" -gt 0

# Change the bytes of the ポケットカード message (every link to it) keeping size and mtime:
# analysed afresh it would no longer be phishing; from the cache it still is.
victim=$(ls "$src"/1770309790*)
cp -p "$victim" "$tmp/keep"
head -c "$(stat -c %s "$victim")" /dev/zero | tr '\0' x | dd of="$victim" conv=notrunc status=none
touch -r "$tmp/keep" "$victim"

start 120 30 XDG_CACHE_HOME="$cache" -- "$md"
check "second run: the whole risk column from the cache" \
	wait_for "20000 messages \| phishing $phish \| suspicious $susp  " 600
check "second run: nothing left to analyse" sh -c "! grep -q 'being analysed' <<'X'
$(screen)
X"
keys l
wait_for 'Limit to' >/dev/null
keys '~v phishing' Enter
check "~v phishing answered from the cache" wait_for "shown $phish: ~v phishing" 100
keys Q
wait_for '^\[exit 0\]' 100 >/dev/null

# The browser writes what it analyses: a fresh cache filled by the TUI answers kensa scan.
cat "$tmp/keep" >"$victim"; touch -r "$tmp/keep" "$victim"
small=$tmp/small
mkdir -p "$small"/{cur,new,tmp} && cp -p "$src"/* "$small/cur/"
start 120 30 XDG_CACHE_HOME="$tmp/cache2" -- "$small"
check "small Maildir analysed in the browser" wait_for '6 messages \| phishing [1-9]' 300
wait_gone 'being analysed' 300 >/dev/null
keys Q
wait_for '^\[exit 0\]' 100 >/dev/null
check "the browser wrote the cache" test -s "$tmp/cache2/kensa/analysis.mdb"
v2=$(ls "$small"/cur/1770309790*)
cp -p "$v2" "$tmp/keep2"
head -c "$(stat -c %s "$v2")" /dev/zero | tr '\0' x | dd of="$v2" conv=notrunc status=none
touch -r "$tmp/keep2" "$v2"
check "kensa scan answers from what the browser cached" \
	grep -q '^phishing .*1770309790' <<<"$(XDG_CACHE_HOME=$tmp/cache2 "$KENSA" scan "$small")"
finish
