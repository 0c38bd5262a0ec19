#!/usr/bin/env bash
# bench/eval.sh — false-positive discipline: kensa scan --json over the
# phishing and ham corpora; prints the verdict table for phish, ham (all of
# corpus/ham) and hard ham (ham/ham_sa_hardham), then the same with the
# receiving filter's SUBJECT_SPAM_TAG weighing 0 (kensa rerun with a
# --weights override: kensa's own scorer, not a reimplementation), the
# issue's targets met or MISSED, the ids behind ham's false alarms and what
# the phishing called clean (without the tag) raised.
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

# The tag weighs nothing, whatever severity it was raised at.
printf 'weight SUBJECT_SPAM_TAG %s 0\n' '*' info low medium high >"$tmp/notag.conf"

# One Maildir of symlinks per set: scan reads Maildirs, the corpora are plain files.
for set in phish ham; do
	mkdir -p "$tmp/$set"/{cur,new,tmp}
	n=0
	while IFS= read -r -d '' f; do
		n=$((n + 1)); ln -s "$(realpath "$f")" "$tmp/$set/cur/$(printf '%06d' $n).eval:2,"
	done < <(find "$corpus/$set" -type f ! -name '*.md' ! -name '*.tsv' ! -name '.*' -print0 | sort -z)
	# No user brands.d or weights.conf: the shipped data only.
	HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$kensa" scan --no-cache --json "$tmp/$set" >"$tmp/$set.jsonl" 2>"$tmp/$set.err" || true
	HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg "$kensa" --weights "$tmp/notag.conf" scan --no-cache --json "$tmp/$set" \
		>"$tmp/$set.notag.jsonl" 2>>"$tmp/$set.err" || true
	# the file names in the JSON are our symlinks: map them back
	find "$tmp/$set/cur" -type l -printf 'cur/%f\t%l\n' >"$tmp/$set.map"
done

# One row per message: set, verdict, verdict without the tag, ids (comma-joined), real path.
rows() {
	local set=$1
	paste <(jq -r '[.file, .verdict, ([.findings[]?.id] | unique | join(","))] | @tsv' "$tmp/$set.jsonl") \
		<(jq -r '[.file, .verdict] | @tsv' "$tmp/$set.notag.jsonl") |
	awk -F'\t' -v set="$set" -v map="$tmp/$set.map" '
		BEGIN { while ((getline l < map) > 0) { split(l, a, "\t"); real[a[1]] = a[2] } }
		$1 != $4 { print "eval: scans out of order" > "/dev/stderr"; exit 1 }
		{ print set "\t" $2 "\t" $5 "\t" ($3 == "" ? "-" : $3) "\t" real[$1]
		  if (set == "ham" && real[$1] ~ /\/ham_sa_hardham\//)
			print "hard\t" $2 "\t" $5 "\t" ($3 == "" ? "-" : $3) "\t" real[$1] }'
}
{ rows phish; rows ham; } >"$tmp/all.tsv"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "kensa: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), corpus: $corpus, weights: $KENSA_DATADIR/weights.conf"

# table COLUMN TITLE: the verdict table (column 2: as given; 3: without the tag)
table() {
	echo
	echo "$2"
	echo
	printf '| set | messages | clean | suspicious | phishing | error |\n|---|---:|---:|---:|---:|---:|\n'
	awk -F'\t' -v col="$1" '
		{ n[$1]++; c[$1, $col]++ }
		END { split("phish ham hard", s, " ")
		      for (i = 1; i <= 3; i++)
			printf "| %s | %d | %d | %d | %d | %d |\n", s[i], n[s[i]], c[s[i], "clean"],
			    c[s[i], "suspicious"], c[s[i], "phishing"], c[s[i], "error"] }' "$tmp/all.tsv"
}
table 2 "Verdicts as kensa gives them:"
table 3 "Verdicts with SUBJECT_SPAM_TAG weighing 0 (the receiving filter's verdict left out):"

echo
echo "Targets (as given / without SUBJECT_SPAM_TAG):"
awk -F'\t' '
	{ n[$1]++; for (k = 2; k <= 3; k++) { if ($k != "clean") nc[$1, k]++; if ($k == "phishing") ph[$1, k]++
	  if ($k == "suspicious") su[$1, k]++ } }
	function p(a, b) { return b > 0 ? 100 * a / b : 0 }
	function row(label, set, arr, op, lim,   k, v, s, out) {
		out = sprintf("  %-36s", label)
		for (k = 2; k <= 3; k++) {
			v = p(arr[set, k], n[set])
			s = (op == ">=" ? v >= lim : v <= lim) ? "met" : "MISSED"
			out = out sprintf("  %6.2f %% %-6s", v, s)
		}
		print out
	}
	END {
		row("phishing not clean >= 95 %", "phish", nc, ">=", 95)
		row("phishing called phishing >= 75 %", "phish", ph, ">=", 75)
		row("ham called phishing <= 1 %", "ham", ph, "<=", 1)
		row("ham called suspicious <= 5 %", "ham", su, "<=", 5)
		row("hard ham called phishing <= 2 %", "hard", ph, "<=", 2)
		row("hard ham called suspicious <= 10 %", "hard", su, "<=", 10)
	}' "$tmp/all.tsv"

echo
echo "ten ids behind ham's false alarms (ham messages not clean raising each):"
awk -F'\t' '$1 == "ham" && $2 != "clean" && $4 != "-" { print $4 }' "$tmp/all.tsv" | tr ',' '\n' |
	sort | uniq -c | sort -rn | head -10 | awk '{ printf "  %5d  %s\n", $1, $2 }'
for set in phish ham; do
	echo
	echo "ten most frequent ids in $set (messages raising each):"
	awk -F'\t' -v s="$set" '$1 == s && $4 != "-" { print $4 }' "$tmp/all.tsv" | tr ',' '\n' |
		sort | uniq -c | sort -rn | head -10 | awk '{ printf "  %5d  %s\n", $1, $2 }'
done
echo
echo "ham called phishing (file: ids):"
awk -F'\t' -v c="$corpus/" '$1 == "ham" && $2 == "phishing" { f = $5; sub(".*/ham/", "ham/", f); print "  " f ": " $4 }' "$tmp/all.tsv"
echo
echo "phishing called clean without SUBJECT_SPAM_TAG: $(awk -F'\t' '$1 == "phish" && $3 == "clean"' "$tmp/all.tsv" | wc -l); by what they raised (the tag left out):"
awk -F'\t' '$1 == "phish" && $3 == "clean" { s = $4; gsub(/(^|,)SUBJECT_SPAM_TAG/, "", s); sub(/^,/, "", s)
	print (s == "" || s == "-") ? "(nothing)" : s }' "$tmp/all.tsv" |
	sort | uniq -c | sort -rn | head -12 | awk '{ printf "  %5d  %s\n", $1, $2 }'
