#!/usr/bin/env bash
# bench/eval.sh — false-positive discipline: kensa scan --json over the
# phishing and ham corpora; prints the confusion table (verdict x set), the
# rates against the targets (>= 90 % of phishing not clean, <= 1 % of ham
# phishing) and the ten most frequent ids per set.
# Usage: bench/eval.sh [KENSA] (default build/kensa); CORPUS=dir overrides ../shared/corpus.
# Output goes to bench/RESULTS-eval.md by hand (with the machine line).
set -eu
cd "$(dirname "$0")/.."
kensa=${1:-build/kensa}
corpus=${CORPUS:-../shared/corpus}
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
export KENSA_DATADIR=${KENSA_DATADIR:-$PWD/data}

[ -x "$kensa" ] || { echo "eval: $kensa not built (./quickstart first)"; exit 1; }
command -v jq >/dev/null || { echo "eval: jq is needed"; exit 1; }

# One Maildir of symlinks per set: scan reads Maildirs, the corpora are plain files.
for set in phish ham; do
	mkdir -p "$tmp/$set"/{cur,new,tmp}
	n=0
	while IFS= read -r -d '' f; do
		n=$((n + 1)); ln -s "$(realpath "$f")" "$tmp/$set/cur/$(printf '%06d' $n).eval:2,"
	done < <(find "$corpus/$set" -type f ! -name '*.md' ! -name '*.tsv' ! -name '.*' -print0 | sort -z)
	# No user brands.d: the shipped registry only.
	HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$kensa" scan --no-cache --json "$tmp/$set" >"$tmp/$set.jsonl" 2>"$tmp/$set.err" || true
	# the file names in the JSON are our symlinks: map them back for the miss lists
	find "$tmp/$set/cur" -type l -printf '%f\t%l\n' >"$tmp/$set.map"
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "kensa: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), corpus: $corpus"
echo
printf '| set | messages | clean | suspicious | phishing | error |\n|---|---:|---:|---:|---:|---:|\n'
for set in phish ham; do
	jq -r '.verdict' "$tmp/$set.jsonl" | sort | uniq -c | awk -v set="$set" '
		{ c[$2] = $1; n += $1 }
		END { printf "| %s | %d | %d | %d | %d | %d |\n", set, n, c["clean"], c["suspicious"], c["phishing"], c["error"] }'
done
echo
phish_n=$(jq -r .verdict "$tmp/phish.jsonl" | wc -l)
phish_clean=$(jq -r .verdict "$tmp/phish.jsonl" | grep -c '^clean$' || true)
ham_n=$(jq -r .verdict "$tmp/ham.jsonl" | wc -l)
ham_phish=$(jq -r .verdict "$tmp/ham.jsonl" | grep -c '^phishing$' || true)
awk -v pn="$phish_n" -v pc="$phish_clean" -v hn="$ham_n" -v hp="$ham_phish" 'BEGIN {
	d = 0; f = 0
	if (pn > 0) d = 100 * (pn - pc) / pn
	if (hn > 0) f = 100 * hp / hn
	dm = "MISSED"; if (d >= 90) dm = "met"
	fm = "MISSED"; if (f <= 1) fm = "met"
	printf "phishing detected (not clean): %.1f %% (target >= 90 %%) %s\n", d, dm
	printf "ham called phishing: %.2f %% (target <= 1 %%) %s\n", f, fm
}'
for set in phish ham; do
	echo
	echo "ten most frequent ids in $set (messages raising each):"
	jq -r '[.findings[]?.id] | unique | .[]' "$tmp/$set.jsonl" | sort | uniq -c | sort -rn | head -10 |
		awk '{ printf "  %5d  %s\n", $1, $2 }'
done
echo
echo "ham called phishing (file: ids):"
jq -r 'select(.verdict=="phishing") | .file + "\t" + ([.findings[].id] | unique | join(","))' "$tmp/ham.jsonl" |
	while IFS=$'\t' read -r f ids; do
		real=$(awk -F'\t' -v b="$(basename "$f")" '$1 == b { print $2 }' "$tmp/ham.map")
		echo "  ${real#"$corpus/"}: $ids"
	done
echo
echo "phishing called clean: $phish_clean; by what they raised:"
jq -r 'select(.verdict=="clean") | ([.findings[].id] | unique | join(",")) | if . == "" then "(nothing)" else . end' "$tmp/phish.jsonl" |
	sort | uniq -c | sort -rn | head -12 | awk '{ printf "  %5d  %s\n", $1, $2 }'
