#!/usr/bin/env bash
# bench/scan.sh — kensa scan over the real corpus against a plain GMime
# parse-and-decode loop over the same files, in one run; prints the ratio.
# Usage: bench/scan.sh [KENSA] (default build/kensa). Figures go to bench/RESULTS-scan.md by hand.
set -eu
cd "$(dirname "$0")/.."
kensa=${1:-build/kensa}
corpus=${CORPUS:-../shared/corpus}
runs=${RUNS:-3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

[ -x "$kensa" ] || { echo "bench: $kensa not built (./quickstart first)"; exit 1; }
cc -O2 -o "$tmp/gmime-floor" bench/gmime-floor.c $(pkg-config --cflags --libs gmime-3.0)

mkdir -p "$tmp/md"/{cur,new,tmp}
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1)); ln -s "$(realpath "$f")" "$tmp/md/cur/$(printf '%06d' $n).bench:2,"
done < <(find "$corpus/ham" "$corpus/phish" "$corpus/torture" "$corpus/seeds/Maildir" -type f ! -name '*.md' ! -name '*.tsv' -print0 | sort -z)
find "$tmp/md/cur" -type l -print0 | xargs -0 cat >/dev/null   # warm the page cache

best() { sort -n | head -1; }
elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "corpus: $n messages ($(du -shL "$tmp/md/cur" | cut -f1))"
ks=$(for i in $(seq "$runs"); do elapsed "$kensa" scan --no-cache "$tmp/md"; done | best)
fl=$(for i in $(seq "$runs"); do elapsed sh -c "find '$tmp/md/cur' -type l -print0 | xargs -0 '$tmp/gmime-floor'"; done | best)
ks_rate=$(echo "$n / $ks" | bc -l); fl_rate=$(echo "$n / $fl" | bc -l)
printf 'kensa scan:  %6.2f s  %7.0f messages/s  (best of %d)\n' "$ks" "$ks_rate" "$runs"
printf 'gmime floor: %6.2f s  %7.0f messages/s  (best of %d, one core)\n' "$fl" "$fl_rate" "$runs"
printf 'ratio: kensa reaches %.0f %% of the floor (target >= 50 %%)\n' "$(echo "100 * $ks_rate / $fl_rate" | bc -l)"
if command -v /usr/bin/time >/dev/null; then
	/usr/bin/time -f 'kensa scan peak RSS: %M kB' "$kensa" scan --no-cache "$tmp/md" 2>&1 >/dev/null | tail -1
fi
