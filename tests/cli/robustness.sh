#!/usr/bin/env bash
# kensa scan over every file of the torture, ham and phishing corpora: one line
# per file, exit 0, and (in the sanitizer build) no sanitizer report.
. "$top_srcdir/tests/cli/lib.sh"

# corpus_maildir NAME DIR...: a Maildir whose cur/ links every regular file below DIR
corpus_maildir() {
	local md=$tmp/$1 n=0
	shift
	mkdir -p "$md"/{cur,new,tmp}
	while IFS= read -r -d '' f; do
		n=$((n + 1))
		ln -s "$f" "$md/cur/$(printf '%06d' $n).corpus:2,"
	done < <(find "$@" -type f ! -name '*.md' ! -name '*.tsv' ! -name '.*' -print0 | sort -z)
	echo "$n"
}

scan_corpus() {  # NAME DIR...
	local name=$1 n rc
	n=$(corpus_maildir "$@")
	"$KENSA" scan "$tmp/$name" >"$tmp/$name.out" 2>"$tmp/$name.err"; rc=$?
	check "$name: exit 0 over $n files (got $rc)" test $rc = 0
	check "$name: one line per file" test "$(wc -l <"$tmp/$name.out")" = "$n"
	check "$name: no sanitizer report" sh -c "! grep -qE 'Sanitizer|runtime error' '$tmp/$name.err'"
	"$KENSA" scan --json "$tmp/$name" >"$tmp/$name.json" 2>>"$tmp/$name.err"
	check "$name: --json lines all parse" sh -c "jq -c . '$tmp/$name.json' | wc -l | grep -qx '$n'"
	echo "# $name: $(grep -c '^error' "$tmp/$name.out") unreadable, $(grep -c '^phishing' "$tmp/$name.out") phishing, $(grep -c '^suspicious' "$tmp/$name.out") suspicious"
}

scan_corpus bundled "$top_srcdir/tests/corpus" "$top_srcdir/data/samples/Maildir"
if [ -d "$shared" ]; then
	for set in torture ham phish; do
		[ -d "$shared/$set" ] && scan_corpus "$set" "$shared/$set"
	done
else
	echo "# ../shared/corpus not present: only the bundled corpus was scanned"
fi
finish
