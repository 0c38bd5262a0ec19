# lib.sh — shared helpers for the shell tests (sourced).
# Environment from make check: KENSA (the binary), top_srcdir, top_builddir.
set -u
: "${KENSA:?run through make check}"
: "${top_srcdir:?run through make check}"
samples=$top_srcdir/data/samples
shared=$top_srcdir/../shared/corpus
ntests=0 nfailed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kensa-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

ok() { ntests=$((ntests + 1)); echo "ok $ntests - $*"; }
not_ok() { ntests=$((ntests + 1)); nfailed=$((nfailed + 1)); echo "not ok $ntests - $*"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# sample PREFIX: path of the sample message whose name starts with PREFIX
sample() { ls "$samples"/Maildir/cur/"$1"* 2>/dev/null | head -1; }
finish() {
	echo "# $ntests tests, $nfailed failed"
	[ "$nfailed" = 0 ]
}
