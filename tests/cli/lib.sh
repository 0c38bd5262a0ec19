# lib.sh — shared helpers for the shell tests (sourced); they print TAP for Automake's tap-driver.sh.
# Environment from make check: KENSA (the binary), top_srcdir, top_builddir.
# Anything else a test prints on stdout starts with "# " (a TAP comment).
set -u
: "${KENSA:?run through make check}"
: "${top_srcdir:?run through make check}"
samples=$top_srcdir/data/samples
shared=$top_srcdir/../shared/corpus
ntests=0 nfailed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kensa-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# TAP lines go to fd 7, the script's own stdout, so "check ... >/dev/null" silences only the command
exec 7>&1
ok() { ntests=$((ntests + 1)); echo "ok $ntests - $*" >&7; }
not_ok() { ntests=$((ntests + 1)); nfailed=$((nfailed + 1)); echo "not ok $ntests - $*" >&7; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# sample PREFIX: path of the sample message whose name starts with PREFIX
sample() { ls "$samples"/Maildir/cur/"$1"* 2>/dev/null | head -1; }
# skip DESCRIPTION REASON: a test point that cannot run here
skip() { ntests=$((ntests + 1)); echo "ok $ntests - $1 # SKIP $2" >&7; }
# skip_all REASON: the whole script cannot run here (TAP: a plan of none, exit 0)
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
# finish: the TAP plan (the harness counts the points against it), then the status
finish() {
	echo "# $ntests tests, $nfailed failed"
	echo "1..$ntests"
	[ "$nfailed" = 0 ]
}
