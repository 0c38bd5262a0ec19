#!/usr/bin/env bash
# Hostile input at the command line: things that are not files end at once
# with one line (report and scan), streams stop at max_message_size, and no
# output format lets a C1 control, ESC or U+2028 through raw.
. "$top_srcdir/tests/cli/lib.sh"
T="timeout 10"

# ends NAME PATTERN COMMAND...: exit 1 within the timeout, one stderr line matching PATTERN
ends() {
	local name=$1 pat=$2
	shift 2
	$T "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
	check "$name: ends with exit 1 (got $rc; 124 is the timeout)" test $rc = 1
	check "$name: one line on stderr" test "$(wc -l <"$tmp/err")" = 1
	check "$name: says why ($pat)" grep -qi "$pat" "$tmp/err"
}
mkfifo "$tmp/fifo"
ln -s "$tmp/fifo" "$tmp/fifo-link"
mkdir "$tmp/dir"
ends "FIFO" "FIFO" "$KENSA" report "$tmp/fifo"
ends "symlink to a FIFO" "FIFO" "$KENSA" report "$tmp/fifo-link"
ends "directory" "directory" "$KENSA" report "$tmp/dir"
ends "/dev/zero" "device" "$KENSA" report /dev/zero
printf 'max_message_size = 64K\n' >"$tmp/small.conf"
ends "endless pipe" "max_message_size" sh -c "yes | '$KENSA' --config '$tmp/small.conf' report -"
ends "a file over the cap" "max_message_size" sh -c \
	"head -c 70000 /dev/zero | tr '\\0' x | sed 's/^/Subject: /' >'$tmp/big.eml'; '$KENSA' --config '$tmp/small.conf' report '$tmp/big.eml'"

# scan: every entry gets its line, the FIFO's and the device's an error
md=$tmp/Maildir
mkdir -p "$md"/cur "$md"/new "$md"/tmp
printf 'From: a@example.com\nSubject: fine\n\nbody\n' >"$md/cur/1.ok:2,"
mkfifo "$md/cur/2.fifo:2,"
ln -s "$tmp/fifo" "$md/cur/3.link:2,"
ln -s /dev/zero "$md/cur/4.zero:2,"
mkdir "$md/cur/5.dir:2,"
$T "$KENSA" scan "$md" >"$tmp/scan" 2>"$tmp/scan.err"; rc=$?
check "scan with a FIFO in the Maildir ends (exit $rc)" test $rc != 124
check "scan prints a line per entry (not the folder)" test "$(wc -l <"$tmp/scan")" = 4
check "scan: the message is analysed" grep -q '^clean .*cur/1.ok' "$tmp/scan"
check "scan: the FIFO is an error" grep -q '^error .*cur/2.fifo.*FIFO' "$tmp/scan"
check "scan: the link to the FIFO is an error" grep -q '^error .*cur/3.link.*FIFO' "$tmp/scan"
check "scan: the device is an error" grep -q '^error .*cur/4.zero.*device' "$tmp/scan"
$T "$KENSA" scan --json "$md" >"$tmp/scan.json" 2>/dev/null
check "scan --json: four objects" test "$(jq -s length "$tmp/scan.json")" = 4

# Escapes: C1 controls (CSI U+009B, NEL U+0085), ESC and U+2028 in the display
# name, the subject, a link's text and an attachment's file name.
c1=$(printf '\302\23331m\302\205\033[2J\342\200\250')
b64() { printf '%s' "$1" | base64 -w0; }
cat >"$tmp/esc.eml" <<EOF
From: =?UTF-8?B?$(b64 "Bank$c1")?= <x@evil.example>
Subject: =?UTF-8?B?$(b64 "Hello$c1")?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=BB

--BB
Content-Type: text/html; charset=utf-8

<p><a href="http://evil.example/x">click${c1}here</a></p>
--BB
Content-Type: text/plain; charset=utf-8

plain ${c1} http://evil.example/y
--BB
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="=?UTF-8?B?$(b64 "inv$c1.exe")?="

AAAA
--BB--
EOF
mkdir -p "$tmp/escmd/cur" "$tmp/escmd/new"
cp "$tmp/esc.eml" "$tmp/escmd/cur/1.x$(printf '\302\233\302\205\033')y:2,"
# raw NAME FILE: no raw C1 (0xC2 0x80-0x9F), ESC or U+2028/2029 in FILE
raw() {
	check "$1: no raw C1, ESC or U+2028" sh -c "! LC_ALL=C grep -q \$'\\xc2[\\x80-\\x9f]\\|\\x1b\\|\\xe2\\x80[\\xa8\\xa9]' '$2'"
}
"$KENSA" report --format json "$tmp/esc.eml" >"$tmp/esc.json" 2>/dev/null
check "report --format json is JSON" jq -e . "$tmp/esc.json" >/dev/null
raw "report --format json" "$tmp/esc.json"
check "report --format json: the C1 control is escaped" grep -qF '\u009b' "$tmp/esc.json"
check "report --format json: U+2028 is escaped" grep -qF '\u2028' "$tmp/esc.json"
jq -r '.subject, .from.display, .links[].text' "$tmp/esc.json" >"$tmp/esc.jq"
check "jq -r decodes the escapes back (the reader's choice)" grep -q 'Hello' "$tmp/esc.jq"
"$KENSA" scan --json "$tmp/escmd" >"$tmp/esc-scan.json" 2>/dev/null
check "scan --json is JSON" jq -e . "$tmp/esc-scan.json" >/dev/null
raw "scan --json" "$tmp/esc-scan.json"
for fmt in text markdown; do
	"$KENSA" report --format $fmt "$tmp/esc.eml" >"$tmp/esc.$fmt" 2>/dev/null
	raw "report --format $fmt" "$tmp/esc.$fmt"
done
"$KENSA" scan "$tmp/escmd" >"$tmp/esc-scan.txt" 2>/dev/null
raw "scan" "$tmp/esc-scan.txt"
finish
