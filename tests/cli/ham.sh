#!/usr/bin/env bash
# Ham test: kensa report --format json on each message the project wrote
# (tests/corpus/ham/kensa-written/): verdict clean, no HIGH finding, none of
# the ids expected.tsv forbids ("ID" or "ID:severity" = at that severity or above).
. "$top_srcdir/tests/cli/lib.sh"
dir=$top_srcdir/tests/corpus/ham/kensa-written

rank() { case $1 in info) echo 0 ;; low) echo 1 ;; medium) echo 2 ;; high) echo 3 ;; *) echo 0 ;; esac; }

n=0
while IFS=$'\t' read -r file verdict mustnot; do
	case $file in ''|'#'*) continue ;; esac
	n=$((n + 1))
	f=$dir/$file
	json=$("$KENSA" report --format json "$f" 2>/dev/null)
	if ! jq -e . >/dev/null 2>&1 <<<"$json"; then not_ok "$file: report is JSON"; continue; fi
	got=$(jq -r .verdict <<<"$json")
	ids=$(jq -r '[.findings[]|select(.severity!="info")|.id+":"+.severity]|join(",")' <<<"$json")
	high=$(jq -r '[.findings[]|select(.severity=="high")|.id]|join(",")' <<<"$json")
	check "$file: verdict $verdict (got $got: $ids)" test "$got" = "$verdict"
	check "$file: no HIGH finding ($high)" test -z "$high"
	for m in $mustnot; do
		id=${m%%:*} min=info
		case $m in *:*) min=${m#*:} ;; esac
		bad=$(jq -r --arg id "$id" '.findings[]|select(.id==$id)|.severity' <<<"$json" |
			while read -r s; do [ "$(rank "$s")" -ge "$(rank "$min")" ] && echo "$s"; done | head -1)
		check "$file: no $m${bad:+ (got $bad)}" test -z "$bad"
	done
done <"$dir/expected.tsv"
check "at least 40 messages in expected.tsv ($n)" test "$n" -ge 40
finish
