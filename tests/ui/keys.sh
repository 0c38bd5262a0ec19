#!/usr/bin/env bash
# Keys as real terminals send them: Home and End in every encoding (ESC[1~,
# ESC[7~, ESC[H, ESC O H; ESC[4~, ESC[8~, ESC[F, ESC O F) under
# TERM=xterm-256color and screen-256color, a lone Escape not taken for the
# start of a sequence, C-s and C-q reaching kensa (flow control off), and an
# unknown TERM drawn as xterm-256color with a notice instead of an exit.
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
for i in 1 2 3 4 5 6; do
	printf 'From: Taro <taro@example.jp>\nTo: hanako@example.jp\nSubject: message %s\nDate: Tue, 14 Nov 2023 1%s:00:00 +0900\nMessage-ID: <%s@test>\n\nHello.\n' \
		"$i" "$i" "$i" >"$md/cur/170000000$i.M${i}P1.test:2,S"
done
cursor_line() { screen -e | grep -E $'\e\\[([0-9;]*;)?7m' | grep -v 'kensa ' | head -1; }
# on ROW: the cursor is on "message N"
on() { local i; for i in $(seq 30); do grep -q "message $1" <<<"$(cursor_line)" && return 0; sleep 0.1; done
	echo "# cursor on: $(cursor_line | sed 's/\x1b\[[0-9;]*m//g')"; return 1; }

for term in xterm-256color screen-256color; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		skip "TERM=$term" "no terminfo entry here"
		continue
	fi
	start 100 24 TERM=$term -- "$md"
	check "$term: index shown" wait_for '6 messages'
	check "$term: the cursor starts on the newest" on 6
	for seq in '\e[4~' '\e[8~' '\e[F' '\eOF'; do
		keys -l "$(printf "$seq")"
		check "$term: End as $seq goes to the oldest" on 1
		keys k
		on 2 >/dev/null
		keys -l "$(printf '\e[1~')"
		on 6 >/dev/null
	done
	for seq in '\e[1~' '\e[7~' '\e[H' '\eOH'; do
		keys -l "$(printf '\e[4~')"
		on 1 >/dev/null
		keys -l "$(printf "$seq")"
		check "$term: Home as $seq goes to the newest" on 6
	done
	# a lone Escape is "back" (here: from the message to the index), not the start of a sequence
	keys Enter
	check "$term: the message opened" wait_for 'Hello\.'
	keys Escape
	check "$term: a lone Escape goes back to the index" wait_for '6 messages'
	keys j
	check "$term: and j then moves one row (not Alt-j)" on 5
	# flow control off: C-s and C-q reach kensa
	keys C-s
	check "$term: C-s reaches kensa" wait_for 'C-s is not bound'
	keys C-q
	check "$term: C-q reaches kensa" wait_for 'C-q is not bound'
	keys Q
	check "$term: quits" wait_for '^\[exit 0\]'
done

# help says that it goes on below the fold; its legend explains every glyph of the list
start 100 24 -- "$md"
wait_for '6 messages' >/dev/null
keys '?'
check "help: says it continues below" wait_for '\(more below\)'
keys End
check "help: at the end, more above" wait_for '\(more above\)'
check "help: the legend names the error glyph and the flag column" wait_for 'could not be read +\* tagged +! flagged +N unseen'
check "help: the legend explains the sender domain's colour" wait_for 'sender domain: red when a brand'
keys q Q
wait_for '^\[exit 0\]' >/dev/null

# monochrome (--no-color): the cursor row is reversed whole, a phishing row only in its glyph and sender
cp -R "$samples/Maildir" "$tmp/mono"
chmod -R u+w "$tmp/mono"
start 100 24 -- --no-color "$tmp/mono"
wait_for 'phishing [1-9]' 100 >/dev/null
wait_gone 'being analysed' 100 >/dev/null
e=$(screen -e | sed -n 2,3p)
cur=$(sed -n 1p <<<"$e"); other=$(sed -n 2p <<<"$e")
check "mono: the cursor row starts reversed" grep -qE $'^\e\\[([0-9;]*;)?7m(\e\\[[0-9;]*m)*[^\e]*[0-9]{4}-' <<<"$cur"
check "mono: the next (phishing) row's date is not reversed" sh -c "! grep -qE $'^(\e\\[[0-9;]*m)*\e\\[([0-9;]*;)?7m[^\e]*[0-9]{4}-' <<'X'
$other
X"
check "mono: but its glyph and sender are (bold, reversed)" grep -qE $'\e\\[1;7m' <<<"$other"
keys Q
wait_for '^\[exit 0\]' >/dev/null

# an unknown terminal type: drawn as xterm-256color, said on the first screen
start 100 24 TERM=no-such-terminal -- "$md"
check "unknown TERM: the index is drawn" wait_for 'message 6'
check "unknown TERM: the notice names it and the fallback" wait_for 'unknown terminal type "no-such-terminal": drawing as xterm-256color'
keys -l "$(printf '\e[4~')"
check "unknown TERM: keys still work" on 1
keys Q
check "unknown TERM: quits" wait_for '^\[exit 0\]'
finish
