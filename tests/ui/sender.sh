#!/usr/bin/env bash
# The sender column shows the part that decides: a long sender domain is cut
# from the left, keeping its end (where the registrable domain stands), not
# "amazon.co.jp.veri"; a domain wearing a brand before another registrable
# domain is coloured as a high finding; the message panel wraps a long
# domain before its registrable part, not inside it.
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
msg() {   # msg NAME FROM SUBJECT HOUR
	printf 'From: %s\nTo: taro@example.jp\nSubject: %s\nDate: Tue, 14 Nov 2023 %s:00:00 +0900\nMessage-ID: <%s@test>\n\nHello.\n' \
		"$2" "$3" "$4" "$1" >"$md/cur/$1:2,S"
}
msg 1700000001.M1P1.test '"Amazon.co.jp" <account@amazon.co.jp.verify-secure.top>' 'Your account is on hold' 10
msg 1700000002.M2P1.test '"Chain news" <news@a.very.long.subdomain.chain.example.com>' 'Weekly news' 11
msg 1700000003.M3P1.test 'Taro <taro@example.jp>' 'lunch' 12

start 100 24 -- "$md"
check "index shown" wait_for '3 messages'
s=$(screen)
check "brand-prefixed domain cut from the left: …verify-secure.top" grep -q 'Amazon\.co\.jp  *…verify-secure\.top Your account' <<<"$s"
check "its left end (the brand's name) is what is cut" sh -c "! grep -q 'amazon\.co\.jp\.veri' <<'X'
$s
X"
check "a long innocent domain keeps its registrable end: …chain.example.com" grep -q 'Chain news  *…chain\.example\.com Weekly' <<<"$s"
check "a domain that fits is shown whole" grep -q 'Taro  *example\.jp  *lunch' <<<"$s"

# colours: the SGR sequence that opens each domain cell
e=$(screen -e)
sgr() { grep -oE $'(\e\\[[0-9;]*m)+'"$1" <<<"$e" | head -1 | sed "s/$1\$//"; }
brand=$(sgr '…verify-secure\.top')
chain=$(sgr '…chain\.example\.com')
check "the brand-wearing domain is coloured" test -n "$brand"
check "as a high finding, not as the dim innocent domain" test "$brand" != "$chain"
check "high colour (red or bold)" grep -qE $'(1|31|91|38;5;(160|196|9))' <<<"$brand"

# the panel: the address and the domain line wrap before the registrable domain
keys End Enter
check "message opened" wait_for 'Your account is on hold'
s=$(screen)
check "panel: the address breaks after the brand's labels" grep -qE 'account@amazon\.co\.jp\. *$' <<<"$s"
check "panel: the registrable domain on its own line, whole" grep -qE '│ +verify-secure\.top *$' <<<"$s"
check "panel: the domain line breaks the same way" grep -qE 'domain amazon\.co\.jp\. *$' <<<"$s"
check "panel: no registrable domain cut inside" sh -c "! grep -qE 'verify-secure\.to *$|veri *$' <<'X'
$s
X"
keys q
check "back to the index" wait_for '3 messages'
keys Q
check "quit" wait_for '^\[exit 0\]'

# the Received view gives delays in human units (36 hours between two hops: +1d 12h)
cat >"$md/cur/1700000004.M4P1.test:2,S" <<'X'
Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.example.jp with ESMTP id B; Thu, 16 Nov 2023 00:00:00 +0900
Received: from sender.example.org (sender.example.org [198.51.100.7]) by mx.example.net with ESMTP id A; Tue, 14 Nov 2023 12:00:00 +0900
From: Delay <delay@example.org>
To: taro@example.jp
Subject: slow delivery
Date: Tue, 14 Nov 2023 12:00:00 +0900
Message-ID: <4@test>

Late.
X
start 100 24 -- "$md"
check "four messages" wait_for '4 messages'
keys Home
check "the slow one is the newest" wait_for 'slow delivery'
keys Enter
check "opened" wait_for 'Late\.'
keys r
check "Received view: a 36-hour delay as +1d 12h" wait_for '\+1d 12h'
keys Q
wait_for '^\[exit 0\]' >/dev/null
rm "$md/cur/1700000004.M4P1.test:2,S"

# without UTF-8 the cut is marked with an ASCII character
start 100 24 LC_ALL=C -- "$md"
check "C locale: index shown" wait_for '3 messages'
check "C locale: ~verify-secure.top" grep -q '~verify-secure\.top' <<<"$(screen)"
keys Q
finish
