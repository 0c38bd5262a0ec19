#!/usr/bin/env bash
# A 20,000-message Maildir (hard links to the samples): the first screen comes
# from the listing and the visible rows' headers while the worker still
# analyses, and keys are answered before it finishes.
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/big
mkdir -p "$md/cur" "$md/new" "$md/tmp"
n=20000
# perl (essential on Debian) makes the links without 20,000 processes; a copy where links are refused
perl -e 'my ($dir, $n, @src) = @ARGV; for my $i (0 .. $n - 1) { my $s = $src[$i % @src];
	my $d = sprintf("%s/cur/%d.M%dP1.bench:2,S", $dir, 1700000000 + $i, $i);
	link($s, $d) or system("cp", $s, $d) == 0 or die "$d: $!\n" }' "$md" $n "$samples"/Maildir/cur/*
check "generated $n messages" test "$(ls "$md/cur" | wc -l)" = $n

t0=$(date +%s.%N)
start 100 30 -- "$md"
check "first screen: counts while analysing" wait_for "20000 messages .*being analysed [0-9]+" 300
t1=$(date +%s.%N)
echo "# first screen after $(echo "$t1 - $t0" | bc) s (tmux start included)"
s=$(screen)
check "first screen: visible rows have subjects" test "$(grep -c '\[spam\]\|【ANA】\|SMARTalk' <<<"$s")" -ge 20
# a key while the worker is busy: open help and close it again
keys '?'
check "a key is answered during analysis" wait_for 'Help:' 50
help_seen=$(screen)
keys q
check "back to the index" wait_for '20000 messages'
pending=$(screen | grep -oE 'being analysed [0-9]+' | grep -oE '[0-9]+$' || echo 0)
check "analysis was still running when the keys were answered ($pending left)" test "${pending:-0}" -gt 0
# the risk column fills in as it goes: the pending count goes down
sleep 1
later=$(screen | grep -oE 'being analysed [0-9]+' | grep -oE '[0-9]+$' || echo 0)
check "the worker makes progress ($pending -> $later)" test "${later:-0}" -lt "$pending"
# jump to the end of the list: rows there are read on demand
keys End
check "End: the oldest rows shown with their subjects" wait_for '【ANA】|\[spam\]|SMARTalk'
keys Q
check "quits while the worker runs" wait_for '^\[exit 0\]' 100
finish
