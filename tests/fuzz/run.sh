#!/usr/bin/env bash
# Runs each libFuzzer harness briefly (built with --enable-fuzzing); FUZZ_SECONDS per harness.
. "$top_srcdir/tests/cli/lib.sh"
secs=${FUZZ_SECONDS:-15}
for t in ${FUZZ_TARGETS:?run through make check (Makefile.am lists the targets once)}; do
	bin=$top_builddir/tests/fuzz/fuzz_$t
	mkdir -p "$tmp/corpus-$t"
	"$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		"$tmp/corpus-$t" "$top_srcdir/tests/fuzz/corpus/$t" >"$tmp/$t.log" 2>&1
	rc=$?
	check "fuzz_$t ran ${secs}s without a crash (exit $rc)" test $rc = 0
	[ $rc = 0 ] || tail -30 "$tmp/$t.log" | sed 's/^/# /'
	grep -E 'stat::number_of_executed_units' "$tmp/$t.log" | sed "s/^/# $t: /"
done
finish
