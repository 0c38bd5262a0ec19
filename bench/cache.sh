#!/usr/bin/env bash
# bench/cache.sh — kensa scan on a large Maildir, cold (empty cache) and warm,
# and the cache file's size per message. The Maildir is N copies of the
# shared corpus's messages (default 100,000), delivered one second apart.
# Usage: bench/cache.sh [KENSA] (default build/kensa); N=... to change the size.
# Figures go to bench/RESULTS-cache.md by hand, with the machine line.
set -eu
cd "$(dirname "$0")/.."
kensa=${1:-build/kensa}
corpus=${CORPUS:-../shared/corpus}
n=${N:-100000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache HOME=$tmp XDG_CONFIG_HOME=$tmp/config

[ -x "$kensa" ] || { echo "bench: $kensa not built (./quickstart first)"; exit 1; }
mapfile -d '' files < <(find "$corpus/ham" "$corpus/phish" "$corpus/torture" -type f ! -name '*.md' ! -name '*.tsv' -print0 | sort -z)
mkdir -p "$tmp/md"/{cur,new,tmp}
# Copies, not links: each message its own inode and a modification time in delivery order, as in a real Maildir.
for ((i = 0; i < n; i++)); do
	f=$tmp/md/cur/$((1700000000 + i)).M${i}P1.bench:2,S
	cp "${files[i % ${#files[@]}]}" "$f"
	touch -d "@$((1700000000 + i))" "$f"
done
elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "kensa: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $n messages"
cold=$(elapsed "$kensa" scan "$tmp/md")
warm=$(elapsed "$kensa" scan "$tmp/md")
warm2=$(elapsed "$kensa" scan "$tmp/md")
[ "$(echo "$warm2 < $warm" | bc -l)" = 1 ] && warm=$warm2
"$kensa" scan --no-cache "$tmp/md" >"$tmp/a"; "$kensa" scan "$tmp/md" >"$tmp/b"
same=no; cmp -s "$tmp/a" "$tmp/b" && same=yes
size=$(stat -c %s "$XDG_CACHE_HOME/kensa/analysis.mdb")
printf 'cold scan (analysis + cache writes): %7.2f s  %6.0f messages/s\n' "$cold" "$(echo "$n / $cold" | bc -l)"
printf 'warm scan (cache hits):              %7.2f s  %6.0f messages/s\n' "$warm" "$(echo "$n / $warm" | bc -l)"
printf 'warm / cold speed-up: %.1fx (target >= 20x)\n' "$(echo "$cold / $warm" | bc -l)"
printf 'cache file: %d bytes, %.0f B per message (target <= 200)\n' "$size" "$(echo "$size / $n" | bc -l)"
echo "warm output identical to --no-cache: $same"
