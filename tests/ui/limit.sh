#!/usr/bin/env bash
# The limit language reads the messages too: ~b (body), ~u (a link's host or
# registrable domain), ~a (an attachment's name or SHA-256 prefix), ~e (the
# sender); text is folded as the brand matcher folds it (ＰＡＳＳＷＯＲＤ finds
# password), in the limit and in / inside the views; an unknown ~x is an error.
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
hdr() { printf 'From: %s\nTo: hanako@example.jp\nSubject: %s\nDate: %s\nMessage-ID: <%s@test>\nMIME-Version: 1.0\n' "$@"; }
{
	hdr 'Taro <taro@example.jp>' 'account notice' 'Tue, 14 Nov 2023 12:00:00 +0900' 1
	printf 'Content-Type: text/html; charset=utf-8\n\n'
	printf '<p>Please confirm your password at <a href="https://login.evil-verify.example/x">our site</a>.</p>\n'
} >"$md/cur/1700000003.M3P1.test:2,S"
att='MZ fake executable bytes for the test'
sha=$(printf '%s' "$att" | sha256sum | cut -c1-12)
{
	hdr 'Jiro <jiro@example.org>' 'the invoice' 'Tue, 14 Nov 2023 11:00:00 +0900' 2
	printf 'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee the attached invoice.\n'
	printf -- '--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="invoice.pdf.exe"\nContent-Transfer-Encoding: base64\n\n'
	printf '%s' "$att" | base64
	printf -- '--b--\n'
} >"$md/cur/1700000002.M2P1.test:2,S"
{
	hdr 'Saburo <saburo@example.net>' 'lunch' 'Tue, 14 Nov 2023 10:00:00 +0900' 3
	printf 'Content-Type: text/plain; charset=utf-8\n\nLunch at noon? The needle is in the haystack.\n'
} >"$md/cur/1700000001.M1P1.test:2,S"

start 120 24 -- "$md"
check "index shown" wait_for '3 messages'
wait_gone 'being analysed' 100 >/dev/null
limit() { keys l; wait_for 'Limit to' >/dev/null; keys C-u "$1" Enter; }
rows() { screen | grep -cE '^[ *][ N] *[0-9]{4}-'; }

limit '~b ＰＡＳＳＷＯＲＤ'
check "~b full-width: the body's password is found" wait_for 'shown 1: ~b ＰＡＳＳＷＯＲＤ'
check "~b: the account notice is the row" wait_for 'account notice'
check "~b: one row" test "$(rows)" = 1
limit '~u evil-verify.example'
check "~u: the link's registrable domain" wait_for 'shown 1: ~u evil-verify'
check "~u: the account notice" wait_for 'account notice'
limit '~u LOGIN.EVIL'
check "~u: a host, case folded" wait_for 'shown 1: ~u LOGIN.EVIL'
limit '~a invoice'
check "~a: the attachment's name" wait_for 'shown 1: ~a invoice'
check "~a: the invoice row" wait_for 'the invoice'
limit "~a $sha"
check "~a: the start of its SHA-256" wait_for "shown 1: ~a $sha"
check "~a sha: the invoice row" wait_for 'the invoice'
limit '~a 0000deadbeef'
check "~a: another hash matches nothing" wait_for 'shown 0: ~a 0000deadbeef'
limit '!~b needle'
check "!~b: the two others" wait_for 'shown 2: !~b needle'
check "!~b: not the lunch" sh -c "! grep -q 'lunch' <<'X'
$(screen)
X"
limit '~e saburo ~b haystack'
check "~e with ~b: both must hold" wait_for 'shown 1: ~e saburo ~b haystack'
check "~e: the lunch" wait_for 'lunch'
limit '~e taro ~b haystack'
check "~e taro ~b haystack: none" wait_for 'shown 0: ~e taro'
limit '~x foo'
check "an unknown term is an error naming the known ones" wait_for 'unknown pattern: ~x \(~f ~v ~s ~e ~b ~u ~a'
keys k
check "and the limit in force stays" wait_for 'shown 0: ~e taro'
limit ''
check "empty: all again" wait_for '3 messages'
# T with a term read from the messages
keys T
wait_for 'Tag messages matching' >/dev/null
keys '~a .exe' Enter
check "T ~a .exe: one tagged" wait_for '1 message tagged'
keys M-t
# / in the message view folds too
limit '~s lunch'
wait_for 'shown 1' >/dev/null
keys Enter
check "lunch opened" wait_for 'Lunch at noon'
keys / 'ＮＥＥＤＬＥ' Enter
check "/ full-width: highlighted" test -n "$(screen -e | grep -oE $'\e\\[[0-9;]*mneedle')"
keys / 'nosuch' Enter
check "/: not found said" wait_for 'not found: nosuch'
keys q
keys Q
wait_for 'Quit and lose the limit' >/dev/null
keys y
check "quits" wait_for '^\[exit 0\]'

# many messages: a ~b limit reads them between keys, counting those left; T with ~b says how far it
# is and Escape stops it
big=$tmp/big
mkdir -p "$big/cur" "$big/new" "$big/tmp"
for i in $(seq 1 3000); do
	if [ "$i" = 2999 ]; then w='the rare word zebra'; else w='nothing here'; fi
	printf 'From: n%d <n%d@example.net>\nTo: you@example.jp\nSubject: note %d\nDate: Tue, 14 Nov 2023 10:00:00 +0900\nMessage-ID: <%d@big>\n\n%s\n' \
		"$i" "$i" "$i" "$i" "$w" >"$big/cur/17000$(printf '%05d' "$i").M1P1.big:2,S"
done
start 140 24 -- --no-cache "$big"
wait_for '3000 messages' >/dev/null
wait_gone 'being analysed' 300 >/dev/null
limit '~b zebra'
check "~b over 3000 messages: the status counts those left to read" wait_for 'messages left to read [0-9]+'
check "~b: the one message found when all are read" wait_for 'shown 1: ~b zebra' 300
check "~b: and the count is gone" sh -c "! grep -q 'left to read' <<'X'
$(screen)
X"
keys Q
wait_for 'Quit and lose the limit' >/dev/null
keys y
wait_for '^\[exit 0\]' >/dev/null
# slow messages (400 hard links to one of 300 kB): T with ~b is still reading when Escape comes
slow=$tmp/slow
mkdir -p "$slow/cur" "$slow/new" "$slow/tmp"
{
	printf 'From: s <s@example.net>\nTo: you@example.jp\nSubject: slow\nDate: Tue, 14 Nov 2023 10:00:00 +0900\nMessage-ID: <s@slow>\n\n'
	for i in $(seq 1 6000); do echo "line $i of a long and ordinary letter, nothing to see here at all"; done
} >"$slow/cur/1700000000.M0P1.slow:2,S"
for i in $(seq 1 399); do ln "$slow/cur/1700000000.M0P1.slow:2,S" "$slow/cur/17000$(printf '%05d' "$i").M1P1.slow:2,S"; done
start 140 24 -- --no-cache "$slow"
wait_for '400 messages' >/dev/null
wait_gone 'being analysed' 600 >/dev/null
keys T
wait_for 'Tag messages matching' >/dev/null
keys '~b nosuchword' Enter
check "T ~b: progress on the status line" wait_for 'reading the messages: [0-9]+ of 400'
keys Escape
check "Escape stops it, said" wait_for 'stopped: 0 messages tagged'
check "still in the index" wait_for 'kensa .*/slow$'
keys Q
check "quits" wait_for '^\[exit 0\]'
finish
