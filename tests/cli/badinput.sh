#!/usr/bin/env bash
# Bad input of every kind: a one-line error naming the file (exit 1), or a
# result with a notice that analysis was capped; never a crash or a hang, and
# memory within a few times the message size.
. "$top_srcdir/tests/cli/lib.sh"
T="timeout 120"

# expect_error NAME FILE PATTERN: exit 1 and one stderr line naming the file and the reason
expect_error() {
	$T "$KENSA" report "$2" >"$tmp/out" 2>"$tmp/err"; local rc=$?
	check "$1: exit 1 (got $rc)" test $rc = 1
	check "$1: one error line" test "$(wc -l <"$tmp/err")" = 1
	check "$1: names the file" grep -qF "$2" "$tmp/err"
	check "$1: says why ($3)" grep -qi "$3" "$tmp/err"
}
expect_error "missing file" "$tmp/no-such.eml" "no such file"
: >"$tmp/empty.eml"
expect_error "empty file" "$tmp/empty.eml" "empty"
head -c 65536 /dev/urandom | tr -d '\n:' >"$tmp/garbage.bin"
expect_error "binary garbage" "$tmp/garbage.bin" "not a mail message"
mkdir -p "$tmp/adir"
expect_error "a directory" "$tmp/adir" "directory"
if [ "$(id -u)" != 0 ]; then
	cp "$(sample 1770309790)" "$tmp/locked.eml"; chmod 000 "$tmp/locked.eml"
	expect_error "unreadable file" "$tmp/locked.eml" "permission denied"
else
	echo "# unreadable file: skipped as root (root reads any file)"
fi

# A malformed trusted_relays entry would move the trust boundary: exit 1, naming file and line.
printf 'network = off\ntrusted_relays = 192.0.2.0/24, 999.1.1.1/33\n' >"$tmp/bad-relays.conf"
$T "$KENSA" --config "$tmp/bad-relays.conf" report "$(sample 1770309790)" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "bad trusted_relays: exit 1 (got $rc)" test $rc = 1
check "bad trusted_relays: names FILE:LINE and the entry" grep -qF "$tmp/bad-relays.conf:2: trusted_relays: \"999.1.1.1/33\"" "$tmp/err"
check "bad trusted_relays: no report" test ! -s "$tmp/out"

# expect_report NAME FILE: exit 0 with a JSON report; prints nothing on stderr
peak_kb() { sed -n 's/^peak://p' "$tmp/time"; }
expect_report() {
	if command -v /usr/bin/time >/dev/null; then
		$T /usr/bin/time -f 'peak:%M' -o "$tmp/time" "$KENSA" report --format json "$2" >"$tmp/out" 2>"$tmp/err"
	else
		$T "$KENSA" report --format json "$2" >"$tmp/out" 2>"$tmp/err"
	fi
	local rc=$?
	check "$1: exit 0 (got $rc)" test $rc = 0
	check "$1: JSON report" jq -e .verdict "$tmp/out" >/dev/null
}

# A 1 MB header line.
{ printf 'From: a@example.com\nTo: b@example.com\nSubject: long\nX-Long: '
  head -c 1048576 /dev/zero | tr '\0' 'x'; printf '\n\nbody\n'; } >"$tmp/longheader.eml"
expect_report "1 MB header line" "$tmp/longheader.eml"

# 10,000 MIME parts: capped with a notice.
{ printf 'From: a@example.com\nSubject: parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n'
  for i in $(seq 10000); do printf -- '--b\nContent-Type: text/plain\n\npart %d\n' "$i"; done
  printf -- '--b--\n'; } >"$tmp/parts.eml"
expect_report "10,000 MIME parts" "$tmp/parts.eml"
check "10,000 MIME parts: capped notice" jq -e '.notices|map(test("capped"))|any' "$tmp/out" >/dev/null

# One HTML tag with 200,000 attributes (gumbo's repeated-attribute search is
# quadratic: minutes): the HTML is cut before it, with a notice.
{ printf 'From: a@example.com\nSubject: attrs\nMIME-Version: 1.0\nContent-Type: text/html\n\n<p>before</p><p'
  seq -f ' a%g' 200000 | tr -d '\n'; printf '>after</p>\n'; } >"$tmp/attrs.eml"
expect_report "200,000 attributes on one tag" "$tmp/attrs.eml"
check "200,000 attributes: capped notice" jq -e '.notices|map(test("capped"))|any' "$tmp/out" >/dev/null

# Escape sequences and bidi controls in headers never reach the terminal raw.
printf 'From: "Evil\033]52;c;SGVsbG8=\007\033[2J" <a@example.com>\nSubject: =?utf-8?b?%s?=\n\nhi\n' \
	"$(printf 'pay\342\200\256fdp.exe\033[31m' | base64 -w0)" >"$tmp/escape.eml"
"$KENSA" report "$tmp/escape.eml" >"$tmp/out" 2>&1
check "escapes: no ESC byte in the text report" sh -c "! grep -q \$'\\033' '$tmp/out'"
check "escapes: no BEL byte" sh -c "! grep -q \$'\\007' '$tmp/out'"
check "escapes: bidi override shown as a marker" grep -q '<U+202E>' "$tmp/out"
check "escapes: ESC shown as a control picture" grep -q '␛' "$tmp/out"

# A 100 MB message: analysed, memory a few times its size at most.
{ printf 'From: a@example.com\nSubject: big\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhello\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n'
  head -c 75000000 /dev/zero | base64 -w 76; printf -- '--b--\n'; } >"$tmp/big.eml"
size_kb=$(( $(stat -c %s "$tmp/big.eml") / 1024 ))
expect_report "100 MB message" "$tmp/big.eml"
if [ -s "$tmp/time" ]; then
	peak=$(peak_kb)
	echo "# 100 MB message: peak RSS ${peak} kB for ${size_kb} kB of mail"
	check "100 MB message: peak RSS under 4x the message size" test "$peak" -lt $(( size_kb * 4 ))
fi
rm -f "$tmp/big.eml"
finish
