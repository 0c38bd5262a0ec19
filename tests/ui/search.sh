#!/usr/bin/env bash
# Search in the message view: / asks, the match is highlighted and scrolled
# to, n and N go to the next and previous match (wrapping round, said), an
# empty search ends it (n is the next message again); not found is said.
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
{
	printf 'From: Taro <taro@example.jp>\nTo: hanako@example.jp\nSubject: long letter\nDate: Tue, 14 Nov 2023 12:00:00 +0900\nMessage-ID: <1@test>\n\n'
	for i in $(seq 1 60); do
		case $i in
		5) echo "line $i: the first Needle is here" ;;
		50) echo "line $i: the second needle is here" ;;
		*) echo "line $i: filler" ;;
		esac
	done
} >"$md/cur/1700000002.M2P1.test:2,S"
printf 'From: Jiro <jiro@example.jp>\nTo: hanako@example.jp\nSubject: short note\nDate: Tue, 14 Nov 2023 10:00:00 +0900\nMessage-ID: <2@test>\n\nHello.\n' \
	>"$md/cur/1700000001.M1P1.test:2,S"
# the highlighted (marked) text on screen
marked() { screen -e | grep -oE $'\e\\[[0-9;]*m[^\e]*[Nn]eedle' | head -5; }

start 100 24 -- "$md"
wait_for '2 messages' >/dev/null
keys Enter
check "the long letter opened" wait_for 'line 1: filler'
keys /
check "/ asks" wait_for 'Search the message for:'
keys needle Enter
check "the first match is on screen" wait_for 'line 5: the first Needle'
check "and highlighted (case folded: Needle)" test -n "$(marked)"
keys n
check "n: the next match, scrolled to" wait_for 'line 50: the second needle'
check "n: line 5 scrolled away" sh -c "! grep -q 'line 5:' <<'X'
$(screen)
X"
keys n
check "n past the last: wrapped to the top, said" wait_for 'search wrapped to the top'
check "n past the last: back on the first" wait_for 'line 5: the first Needle'
keys N
check "N before the first: wrapped to the bottom" wait_for 'search wrapped to the bottom'
check "N: on the second" wait_for 'line 50: the second needle'
keys / nosuchword Enter
check "not found is said" wait_for 'not found: nosuchword'
keys / Enter
keys n
check "an empty search ends it: n is the next message again" wait_for 'Hello\.'
keys q Q
check "quits" wait_for '^\[exit 0\]'

# the same in the drill-down views: findings, Received, headers, links, MIME
cp -R "$samples/Maildir" "$tmp/samples"
chmod -R u+w "$tmp/samples"
f=$(ls "$tmp"/samples/cur/1770309790*)
cursor_text() { screen -e | grep -E $'\e\\[([0-9;]*;)?7m' | grep -v 'kensa ' | head -1 | sed 's/\x1b\[[0-9;]*m//g'; }
on() { local i; for i in $(seq 30); do grep -q -- "$1" <<<"$(cursor_text)" && return 0; sleep 0.1; done
	echo "# cursor on: $(cursor_text)"; return 1; }
start 120 40 -- "$f"
check "sample opened" wait_for 'Links \(defanged\)'
check "panel: the Payload field names what the phishing verdict can harm with" wait_for 'Payload +LINK_BRAND_MISMATCH'
keys f
check "findings view" wait_for 'Findings'
keys / TEXT_URGENCY Enter
check "findings: / moves to the match" on TEXT_URGENCY
check "findings: the match stands out in the cursor's row (underlined)" grep -qE $'\e\\[[0-9;]*;4m(\e\\[[0-9;]*m)*TEXT_URGENCY' <<<"$(screen -e)"
keys / ｕｒｇｅｎｃｙ Enter
check "findings: full-width and case folded: ｕｒｇｅｎｃｙ finds TEXT_URGENCY" on TEXT_URGENCY
check "findings: the folded match is marked where it stands" grep -qE $'\e\\[[0-9;]*m(\e\\[[0-9;]*m)*URGENCY' <<<"$(screen -e | grep -a 'TEXT_')"
keys / TEXT_TYPO Enter
check "findings: another search" on TEXT_TYPO
keys / NO_SUCH_THING Enter
check "findings: not found is said" wait_for 'not found: NO_SUCH_THING'
keys q r
check "Received view" wait_for 'Received'
keys / 101.47.76 Enter
check "Received: / moves to the origin hop" on 'origin  from unknown HELO jfmmfn'
keys q L
check "links view" wait_for 'Links:'
keys / cpvvl Enter
check "links: / moves to the link" on 'cpvvl'
keys q m
check "MIME view" wait_for 'MIME tree'
keys / text/html Enter
check "MIME: / moves to the part" on 'text/html'
keys q h
check "headers view" wait_for 'Headers: as written'
keys / X-Spam-Status Enter
check "headers: / scrolls to the field" wait_for '^X-Spam-Status:'
keys q Q
check "quits" wait_for '^\[exit 0\]'
finish
