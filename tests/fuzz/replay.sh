#!/usr/bin/env bash
# Replays every fuzz harness over its seed corpus and the bundled mail (no libFuzzer needed).
. "$top_srcdir/tests/cli/lib.sh"
for t in ${FUZZ_TARGETS:?run through make check (Makefile.am lists the targets once)}; do
	bin=$top_builddir/tests/fuzz/replay_$t
	files=$(find "$top_srcdir/tests/fuzz/corpus/$t" "$top_srcdir/tests/corpus" "$top_srcdir/data/samples/Maildir" \
		-type f ! -name '.*' ! -name '*.md' 2>/dev/null | wc -l)
	find "$top_srcdir/tests/fuzz/corpus/$t" "$top_srcdir/tests/corpus" "$top_srcdir/data/samples/Maildir" \
		-type f ! -name '.*' ! -name '*.md' -print0 2>/dev/null | xargs -0 -r "$bin" 2>"$tmp/$t.err"
	rc=$?
	check "replay_$t over $files inputs (exit $rc)" test $rc = 0
	check "replay_$t: no sanitizer report" sh -c "! grep -qE 'Sanitizer|runtime error' '$tmp/$t.err'"
done
# Makefile.am's FUZZ_TARGETS is the one list: every harness here is in it
missing=
for f in "$top_srcdir"/tests/fuzz/fuzz_*.c; do
	t=${f##*/fuzz_}; t=${t%.c}
	case " $FUZZ_TARGETS " in *" $t "*) ;; *) missing="$missing $t" ;; esac
done
check "every tests/fuzz/fuzz_*.c is in FUZZ_TARGETS${missing:+ (missing:$missing)}" test -z "$missing"
finish
