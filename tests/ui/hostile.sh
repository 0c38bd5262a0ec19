#!/usr/bin/env bash
# A message that tries to drive the terminal: CSI, OSC 52 (clipboard), OSC 8
# (hyperlink), OSC 0 (title), DCS, 8-bit C1 controls and bidi overrides in the
# subject, the sender and the body. kensa shows markers and nothing reaches tmux.
. "$top_srcdir/tests/ui/lib.sh"
eml=$tmp/hostile.eml
esc=$'\e' bel=$'\a'
{
	printf 'From: "Bank%s[31m support" <a@evil.example>\n' "$esc"
	printf 'To: you@example.com\n'
	printf 'Subject: Pay%s]52;c;cHduZWQ=%snow %s[2J\xe2\x80\xaeexe.pdf\n' "$esc" "$bel" "$esc"
	printf 'Date: Tue, 3 Mar 2026 10:00:00 +0000\n'
	printf 'Message-ID: <x@evil.example>\n'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n'
	printf 'Title %s]0;owned%s here\n' "$esc" "$bel"
	printf 'Link %s]8;;https://evil.example/%s\\click%s]8;;%s\\\n' "$esc" "$esc" "$esc" "$esc"
	printf 'Query %sP+q544e%s\\\n' "$esc" "$esc"
	printf 'C1 \xc2\x9b31m red \xc2\x9d52;c;QUFB\xc2\x9c\n'
	printf 'Bidi invoice_\xe2\x80\xaefdp.exe and pay\xe2\x80\x8bpal\n'
	printf 'Clip %s]52;c;ZXZpbA==%s end\n' "$esc" "$bel"
} >"$eml"

T_title() { T display-message -p -t 0 '#{pane_title}'; }

start 100 30 -- "$eml"
check "opens straight into the message view" wait_for 'Title'
T set-option -g set-clipboard on
s=$(screen)
check "ESC shown as a control picture" grep -qF '␛[31m' <<<"$s"
check "OSC 52 in the subject shown, not run" grep -qF '␛]52;c;cHduZWQ=␇now' <<<"$s"
check "RLO shown as a marker" grep -qF '<RLO>exe.pdf' <<<"$s"
check "zero-width space shown as a marker" grep -qF 'pay<ZWSP>pal' <<<"$s"
check "OSC 8 shown as text" grep -qF '␛]8;;https://evil.example/' <<<"$s"
check "DCS shown as text" grep -qF '␛P+q544e' <<<"$s"
check "8-bit CSI shown as a marker" grep -qF '<U+009B>31m' <<<"$s"
check "OSC 0 shown as text" grep -qF '␛]0;owned␇' <<<"$s"
e=$(screen -e)
check "capture -e: no OSC or DCS reached the terminal" sh -c "! grep -qE $'\\e(\\]|P)' <<'X'
$e
X"
check "capture -e: nothing but SGR escape sequences" sh -c "! grep -oE $'\\e[^m]{0,20}' <<'X' | grep -vqE $'^\\e\\\\[[0-9;]*\$'
$e
X"
check "the clipboard was not written" sh -c "! tmux -u -L '$sock' show-buffer >/dev/null 2>&1"
check "the pane title was not changed" sh -c "! tmux -u -L '$sock' display-message -p -t 0 '#{pane_title}' | grep -q owned"
check "the screen was not cleared by CSI 2J" wait_for 'From'
keys h
check "headers view: markers there too" wait_for '<RLO>exe\.pdf'
check "headers view: no clipboard write" sh -c "! tmux -u -L '$sock' show-buffer >/dev/null 2>&1"
keys q q
check "quits cleanly" wait_for '^\[exit 0\]'

# the same message from a pipe: kensa - reads it, then keys from the terminal
T kill-server >/dev/null 2>&1
for i in $(seq 50); do
	T new-session -d -x 100 -y 30 "cat '$eml' | env KENSA_KEYMAPDIR='$top_srcdir/keymaps' LC_ALL=C.UTF-8 HOME='$tmp/home' '$KENSA' -; echo \"[exit \$?]\"; sleep 600" 2>/dev/null && break
	sleep 0.1
done
check "kensa -: message view from the pipe" wait_for 'pay<ZWSP>pal'
keys f
check "kensa -: keys come from the terminal" wait_for 'Findings:'
keys q q
check "kensa -: quits" wait_for '^\[exit 0\]'

# the index row of the same message, in a Maildir
mkdir -p "$tmp/md/cur" "$tmp/md/new" "$tmp/md/tmp"
cp "$eml" "$tmp/md/cur/1772532000.M1P1.host:2,S"
start 100 30 -- "$tmp/md"
check "index: subject markers" wait_for '<RLO>exe\.pdf'
check "index: sender markers" wait_for 'Bank␛\[31m'
check "index: no clipboard write" sh -c "! tmux -u -L '$sock' show-buffer >/dev/null 2>&1"

# things that are not messages in the Maildir: the index comes up at once and keys work
mkdir -p "$tmp/fifo-md/cur" "$tmp/fifo-md/new" "$tmp/fifo-md/tmp"
mkfifo "$tmp/fifo-md/cur/1772000000.M0P0.fifo:2,"
ln -s "$tmp/fifo-md/cur/1772000000.M0P0.fifo:2," "$tmp/fifo-md/new/1772000001.M0P0.link"
ln -s /dev/zero "$tmp/fifo-md/new/1772000002.M0P0.zero"
printf 'From: Shop <a@shop.example>\nSubject: a normal message\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n\nhello\n' \
	>"$tmp/fifo-md/cur/1773136800.M1P1.host:2,S"
start 100 30 -- "$tmp/fifo-md"
check "a FIFO in the Maildir: the index comes up" wait_for 'a normal message'
keys Home
keys Enter
check "a FIFO in the Maildir: the message opens" wait_for 'hello'
keys q q
check "a FIFO in the Maildir: quits" wait_for '^\[exit 0\]'

# text the message's CSS hides: shown where it stands, dimmed, and said below
printf 'From: a@example.com\nSubject: salted\nContent-Type: text/html; charset=utf-8\n\n<p>visible words</p><div style="display:none">saltedwords</div><p>more visible</p>\n' >"$tmp/salted.eml"
start 100 30 -- "$tmp/salted.eml"
check "hidden text: shown in the body" wait_for 'saltedwords'
check "hidden text: said below the body" wait_for "hidden by the message's CSS: 1 passage"
e=$(screen -e)
check "hidden text: drawn in another style than the visible text" sh -c "
v=\$(grep -o '.\\{0,24\\}visible words' <<'X' | head -1
$e
X
); h=\$(grep -o '.\\{0,24\\}saltedwords' <<'X' | head -1
$e
X
); [ -n \"\$h\" ] && [ \"\${h%saltedwords}\" != \"\${v%visible words}\" ]"
keys q
check "hidden text: quits" wait_for '^\[exit 0\]'

# a message slow to analyse (20 MB of text): its analysis goes on behind the
# screen; keys pressed meanwhile are handled, and the view fills in when it is done
mkdir -p "$tmp/slow-md/cur" "$tmp/slow-md/new" "$tmp/slow-md/tmp"
{ printf 'From: Shop <a@shop.example>\nSubject: a big one\nDate: Tue, 10 Mar 2026 10:00:00 +0000\n\n'
  yes 'plain words of a long body line' | head -c 20000000; } >"$tmp/slow-md/cur/1773136800.M1P1.host:2,S"
printf 'From: a@example.com\nSubject: a small one\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n\nhi\n' \
	>"$tmp/slow-md/cur/1772000000.M1P1.host:2,S"
start 100 30 -- "$tmp/slow-md"
check "slow message: the index comes up" wait_for 'a small one'
keys Home Enter q
check "slow message: back in the index at once" wait_for 'a small one'
keys Home Enter
check "slow message: the view fills in" wait_for 'plain words of a long body line' 300
keys q q
check "slow message: quits" wait_for '^\[exit 0\]'
finish
