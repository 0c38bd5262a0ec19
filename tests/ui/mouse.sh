#!/usr/bin/env bash
# The optional mouse ("mouse = on"): a click moves the index's cursor to the
# row, a click on the cursor's row opens the message, the wheel scrolls; with
# the default (off) clicks do nothing. Events are sent as the terminal sends
# them (SGR 1006 encoding, which tmux and xterm use).
. "$top_srcdir/tests/ui/lib.sh"
copy_samples
md=$tmp/Maildir
cursor_line() { screen -e | grep -nE $'\e\\[([0-9;]*;)?7m' | grep -v 'kensa ' | head -1 | cut -d: -f1; }
on_line() { local i; for i in $(seq 30); do [ "$(cursor_line)" = "$1" ] && return 0; sleep 0.1; done
	echo "# cursor on screen line $(cursor_line)"; return 1; }
click() { keys -l "$(printf '\e[<0;%d;%dM' "$1" "$2")"; keys -l "$(printf '\e[<0;%d;%dm' "$1" "$2")"; }
wheel_down() { keys -l "$(printf '\e[<65;%d;%dM' "$1" "$2")"; }

mkdir -p "$tmp/home/.config/kensa"
printf 'mouse = on\n' >"$tmp/home/.config/kensa/config"
start 100 24 TERM=xterm-256color -- "$md"
check "index shown" wait_for '6 messages'
check "the cursor on the first row" on_line 2
click 10 5
check "a click moves the cursor to the row clicked" on_line 5
click 10 5
check "a click on the cursor's row opens the message" wait_for 'American Express|三井住友'
before=$(screen | tail -1)
wheel_down 10 5
check "the wheel scrolls the message" sh -c "sleep 0.3; test \"\$(tmux -u -L '$sock' capture-pane -p -t 0 | tail -1)\" != \"$before\""
keys q Q
check "quits" wait_for '^\[exit 0\]'

# the default: no mouse, a click is not a selection
rm "$tmp/home/.config/kensa/config"
start 100 24 TERM=xterm-256color -- "$md"
wait_for '6 messages' >/dev/null
click 10 5
sleep 0.3
check "mouse off: the cursor stays" on_line 2
keys Q
wait_for '^\[exit 0\]' >/dev/null
finish
