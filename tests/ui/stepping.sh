#!/usr/bin/env bash
# Next and previous message from the message view: the view leaves the choice
# to the index below it (tui.c passes the action down, as NeoMutt's pager falls
# through to the index), shows the new message from its top, says so at either
# end, and the index cursor follows.
. "$top_srcdir/tests/ui/lib.sh"
copy_samples
start 100 30 -- "$tmp/Maildir"
check "index: first screen" wait_for '6 messages'
wait_gone 'being analysed' >/dev/null
cursor_row() { screen -e | grep -n $'\e\\[7m' | grep -v 'kensa ' | head -1 | cut -d: -f1; }
keys Enter
check "message: the newest (ANA) opens" wait_for '^ .  【ANA】'
keys p
check "previous at the first message: said so" wait_for 'this is the first message'
check "and the view stays on it" grep -q '【ANA】' <<<"$(screen | head -1)"
keys n
check "next: the Amazon message in the same view" wait_for '^ .  \[spam\] 【Amazon】'
check "next: its body, from the top" grep -qF 'Amazon.co.jp' <<<"$(screen | sed -n 2p)"
keys n
check "next again: the ポケットカード message" wait_for '最新のお客様情報のご登録'
keys p
check "previous: back to Amazon" wait_for '^ .  \[spam\] 【Amazon】'
for i in 1 2 3 4 5; do keys n; done
check "next past the last: said so" wait_for 'this is the last message'
check "the last message is SMARTalk" grep -q 'SMARTalk' <<<"$(screen | head -1)"
keys q
check "back to the index" wait_for '6 messages'
check "the index cursor followed to the last row" test "$(cursor_row)" = 7
# next-message in the index itself moves the cursor too
keys p
sleep 0.3
check "p in the index: one row up" test "$(cursor_row)" = 6
keys Q
finish
