#!/usr/bin/env bash
# Where the cursor starts (the newest message; with "start = unread" the first
# unread row), the same every time; a file deleted by another program leaves
# the list without a restart.
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
msg() {   # msg FILE SUBJECT HOUR
	printf 'From: Taro <taro@example.jp>\nTo: hanako@example.jp\nSubject: %s\nDate: Tue, 14 Nov 2023 %s:00:00 +0900\nMessage-ID: <%s@test>\n\nHello.\n' \
		"$2" "$3" "$3" >"$md/cur/$1"
}
msg '1700000001.M1P1.test:2,S' 'oldest, read' 09
msg '1700000002.M2P1.test:2,' 'older, unread' 10
msg '1700000003.M3P1.test:2,' 'newer, unread' 11
msg '1700000004.M4P1.test:2,S' 'newest, read' 12
# the cursor row is drawn in reverse video
cursor_line() { screen -e | grep -E $'\e\\[([0-9;]*;)?7m' | grep -v 'kensa ' | head -1; }

# twice each: the same start every time
starts_on() {   # starts_on LABEL ROW-TEXT
	local run
	for run in 1 2; do
		start 100 24 -- "$md"
		check "$1, run $run: index shown" wait_for '4 messages'
		check "$1, run $run: the cursor on $2" grep -q "$2" <<<"$(cursor_line)"
		keys Q
		wait_for '^\[exit 0\]' >/dev/null
	done
}
starts_on default 'newest, read'
mkdir -p "$tmp/home/.config/kensa"
printf 'start = unread\n' >"$tmp/home/.config/kensa/config"
starts_on 'start = unread' 'newer, unread'   # the first unread row from the top

printf 'start = oldest\n' >"$tmp/home/.config/kensa/config"
start 100 24 -- "$md"
check "start = oldest: kensa stops" wait_for '^\[exit 1\]'
# the line wraps where the path ends: read the screen joined
check "start = oldest: refused with file and line" sh -c "tmux -u -L '$sock' capture-pane -p -t 0 | tr -d '\n' | grep -q 'config:1: start: \"oldest\" is neither newest nor unread'"
rm "$tmp/home/.config/kensa/config"

# deleted behind kensa's back: gone from the list and from the count at the next look (every 2 s)
start 100 24 -- "$md"
check "before the deletion: 4 messages" wait_for '4 messages'
rm "$md/cur/1700000002.M2P1.test:2,"
check "after the deletion: 3 messages, without a restart" wait_for '3 messages' 60
check "the deleted message's row is gone" sh -c "! grep -q 'older, unread' <<'X'
$(screen)
X"
check "the others stay" grep -q 'oldest, read' <<<"$(screen)"
keys Q
check "quits" wait_for '^\[exit 0\]'
finish
