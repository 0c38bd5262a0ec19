#!/usr/bin/env bash
# bench/fuzz.sh — every libFuzzer harness for a set time on its seed corpus:
# executions, coverage (libFuzzer's cov/ft at the end), exec/s and crashes.
# Builds build-asan with clang, --enable-sanitizers --enable-fuzzing when it
# is missing (as ./quickstart does), then only the fuzz binaries.
# Usage: bench/fuzz.sh [SECONDS per harness, default 60] [harness...]
# RUNS=N stops a harness after N executions (SECONDS still bounds it): RUNS=10000000
# is the issue's target. The harnesses are Makefile.am's FUZZ_TARGETS (one list).
# Crashes are kept in bench/fuzz-crashes/<harness>/ (add them as seeds with the fix).
# Output goes to bench/RESULTS-fuzz.md by hand (with the machine line).
set -u
cd "$(dirname "$0")/.."
root=$PWD
secs=${1:-60}
shift 2>/dev/null || true
all=$(sed -n 's/^FUZZ_TARGETS +\{0,1\}= *//p' Makefile.am | tr '\n' ' ')
targets=${*:-$all}
build=$root/build-asan
work=$(mktemp -d); [ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

command -v clang >/dev/null || { echo "fuzz: clang is needed"; exit 1; }
if [ ! -f "$build/Makefile" ] || ! grep -q 'enable-fuzzing' "$build/config.status" 2>/dev/null; then
	mkdir -p "$build"
	(cd "$build" && ../configure --enable-sanitizers CC=clang --enable-fuzzing >"$work/configure.log" 2>&1) ||
		{ tail -20 "$work/configure.log"; exit 1; }
fi
bins=
for t in $targets; do bins="$bins tests/fuzz/fuzz_$t"; done
make -C "$build" -j"$(nproc)" $bins >"$work/make.log" 2>&1 || { tail -30 "$work/make.log"; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "kensa: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $secs s per harness${RUNS:+ or $RUNS executions}, clang $(clang -dumpversion), ASan+UBSan"
echo
printf '| harness | seeds | executions | exec/s | cov | ft | corpus after | crashes |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
total_crashes=0
for t in $targets; do
	bin=$build/tests/fuzz/fuzz_$t
	seeds=$root/tests/fuzz/corpus/$t
	mkdir -p "$work/$t" "$root/bench/fuzz-crashes/$t"
	nseeds=$(find "$seeds" -type f 2>/dev/null | wc -l)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$bin" -max_total_time="$secs" ${RUNS:+-runs="$RUNS"} -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$root/bench/fuzz-crashes/$t/" "$work/$t" "$seeds" >"$work/$t.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$work/$t.log" | tail -1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	after=$(find "$work/$t" -type f | wc -l)
	crashes=$(find "$root/bench/fuzz-crashes/$t" -type f | wc -l)
	[ $rc = 0 ] || crashes=$((crashes > 0 ? crashes : 1))
	total_crashes=$((total_crashes + crashes))
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$nseeds" "${execs:-?}" "${speed:-?}" \
		"${cov:-?}" "${ft:-?}" "$after" "$crashes"
	[ $rc = 0 ] || { echo; echo "fuzz_$t exited $rc:"; grep -m3 -E 'ERROR|SUMMARY|Test unit written' "$work/$t.log"; echo; }
	rmdir "$root/bench/fuzz-crashes/$t" 2>/dev/null
done
rmdir "$root/bench/fuzz-crashes" 2>/dev/null
echo
echo "crashes: $total_crashes"
