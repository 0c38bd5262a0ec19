#!/usr/bin/env bash
# bench/text.sh — what the text checks cost and how often they fire on ham.
# Times `kensa scan` over the whole corpus with the text module on and off
# (KENSA_NO_TEXT=1, honoured for this bench), then counts the ham messages
# each text finding fires on. Usage: bench/text.sh [KENSA] (default build/kensa).
# Figures go to bench/RESULTS-text.md by hand.
set -eu
cd "$(dirname "$0")/.."
kensa=${1:-build/kensa}
corpus=${CORPUS:-../shared/corpus}
runs=${RUNS:-3}
export KENSA_DATADIR=${KENSA_DATADIR:-$PWD/data}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ -x "$kensa" ] || { echo "bench: $kensa not built (./quickstart first)"; exit 1; }

# MAILDIR FILES...: a Maildir of symlinks
mkmd() {
	local md=$1 n=0; shift
	mkdir -p "$md"/{cur,new,tmp}
	while IFS= read -r -d '' f; do
		n=$((n + 1)); ln -s "$(realpath "$f")" "$md/cur/$(printf '%06d' $n).bench:2,"
	done < <(find "$@" -type f ! -name '*.md' ! -name '*.tsv' ! -name 'README*' -print0 | sort -z)
	echo "$n"
}
all=$(mkmd "$tmp/all" "$corpus/ham" "$corpus/phish" "$corpus/torture" "$corpus/seeds/Maildir")
ham=$(mkmd "$tmp/ham" "$corpus/ham")
find "$tmp/all/cur" -type l -print0 | xargs -0 cat >/dev/null   # warm the page cache

best() { sort -n | head -1; }
elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
cpu() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }'; }   # user + system seconds

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "corpus: $all messages ($(du -shL "$tmp/all/cur" | cut -f1)), ham: $ham"
on=$(for i in $(seq "$runs"); do elapsed "$kensa" scan --no-cache "$tmp/all"; done | best)
off=$(for i in $(seq "$runs"); do elapsed env KENSA_NO_TEXT=1 "$kensa" scan --no-cache "$tmp/all"; done | best)
printf 'kensa scan, text checks off: %6.2f s (best of %d)\n' "$off" "$runs"
printf 'kensa scan, text checks on:  %6.2f s (best of %d)\n' "$on" "$runs"
printf 'added by text analysis: %.1f %% of wall time (target <= 20 %%)\n' "$(echo "100 * ($on - $off) / $off" | bc -l)"
# scan uses every core: CPU time is the fairer measure of the work added
con=$(for i in $(seq "$runs"); do cpu "$kensa" scan "$tmp/all"; done | best)
coff=$(for i in $(seq "$runs"); do cpu env KENSA_NO_TEXT=1 "$kensa" scan --no-cache "$tmp/all"; done | best)
printf 'CPU time (user+sys), text off: %.2f s, on: %.2f s: %.1f %% added\n' "$coff" "$con" "$(echo "100 * ($con - $coff) / $coff" | bc -l)"

"$kensa" scan --json "$tmp/ham" >"$tmp/ham.json" 2>/dev/null || true
echo "ham messages with each text finding (target <= 1 % for TEXT_TYPO and TEXT_FOREIGN_GLYPH):"
for id in TEXT_TYPO TEXT_FOREIGN_GLYPH TEXT_MIXED_SCRIPT TEXT_URGENCY INVISIBLE_CHARS BIDI_CONTROL; do
	k=$(jq -r --arg id "$id" 'select([.findings[]?.id] | index($id)) | .file' "$tmp/ham.json" | wc -l)
	printf '  %-20s %4d of %d  (%.2f %%)\n' "$id" "$k" "$ham" "$(echo "100 * $k / $ham" | bc -l)"
done
phish=$(mkmd "$tmp/phish" "$corpus/phish")
"$kensa" scan --json "$tmp/phish" >"$tmp/phish.json" 2>/dev/null || true
echo "for comparison, phishing messages with each text finding:"
for id in TEXT_TYPO TEXT_FOREIGN_GLYPH TEXT_MIXED_SCRIPT TEXT_URGENCY INVISIBLE_CHARS BIDI_CONTROL; do
	k=$(jq -r --arg id "$id" 'select([.findings[]?.id] | index($id)) | .file' "$tmp/phish.json" | wc -l)
	printf '  %-20s %4d of %d  (%.2f %%)\n' "$id" "$k" "$phish" "$(echo "100 * $k / $phish" | bc -l)"
done
if [ -n "${SHOW:-}" ]; then
	jq -r --arg re "$SHOW" '.file as $f | .findings[]? | select(.id | test($re)) | "\($f)\t\(.id)\t\(.evidence)"' "$tmp/ham.json"
fi
