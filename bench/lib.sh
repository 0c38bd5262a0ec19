# bench/lib.sh — what the browser benchmarks share (sourced, not run).

# big_maildir DIR N CORPUS: a Maildir at DIR with N messages in cur/, hard
# links (symlinks where links are refused) cycling over the ham, phish and
# seed files of CORPUS, named as deliveries one minute apart; prints how
# many distinct corpus files were used.
big_maildir() {
	local md=$1 n=$2 corpus=$3 list
	list=$(mktemp)
	mkdir -p "$md/cur" "$md/new" "$md/tmp"
	find "$corpus/ham" "$corpus/phish" "$corpus/seeds" -type f ! -name '*.md' ! -name '*.tsv' ! -name '.*' -print0 |
		sort -z >"$list"
	perl -e 'local $/ = "\0"; open my $f, "<", $ARGV[2] or die; my @src = map { chomp; $_ } <$f>;
		for my $i (0 .. $ARGV[1] - 1) { my $s = $src[$i % @src];
		my $d = sprintf("%s/cur/%d.M%dP1.bench:2,S", $ARGV[0], 1600000000 + $i * 60, $i);
		link($s, $d) or symlink($s, $d) or die "$d: $!\n" }' "$md" "$n" "$list"
	tr -cd '\0' <"$list" | wc -c
	rm -f "$list"
}
