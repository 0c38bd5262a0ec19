#!/usr/bin/env bash
# bench/open.sh — time to first screen and peak RSS of kensa on a 100,000-message
# Maildir (hard links to the corpus), against NeoMutt opening the same Maildir
# without a header cache; both driven in a private tmux server, in one run.
# Usage: bench/open.sh [KENSA] (default build/kensa). Not a test: the printed
# figures go to bench/RESULTS-open.md by hand.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
kensa=$(realpath "${1:-build/kensa}")
corpus=${CORPUS:-../shared/corpus}
n=${MESSAGES:-100000}
runs=${RUNS:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kensa-open.XXXXXX")
sock=kensa-bench-$$
T() { tmux -u -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT

[ -x "$kensa" ] || { echo "bench: $kensa not built (./quickstart first)"; exit 1; }
command -v tmux >/dev/null || { echo "bench: tmux is needed"; exit 1; }
if ! command -v neomutt >/dev/null; then
	echo "bench: installing neomutt (Debian) for the comparison"
	if [ "$(id -u)" = 0 ]; then apt-get install -y -qq neomutt >/dev/null
	else sudo apt-get install -y -qq neomutt >/dev/null; fi
fi

# the Maildir: n hard links cycling over the corpus files (symlinks if links are refused)
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
find "$corpus/ham" "$corpus/phish" "$corpus/seeds" -type f ! -name '*.md' ! -name '*.tsv' ! -name '.*' -print0 | sort -z >"$tmp/files"
perl -e 'local $/ = "\0"; open my $f, "<", $ARGV[2] or die; my @src = map { chomp; $_ } <$f>;
	for my $i (0 .. $ARGV[1] - 1) { my $s = $src[$i % @src];
	my $d = sprintf("%s/cur/%d.M%dP1.bench:2,S", $ARGV[0], 1600000000 + $i * 60, $i);
	link($s, $d) or symlink($s, $d) or die "$d: $!\n" }' "$md" "$n" "$tmp/files"
nsrc=$(tr -cd '\0' <"$tmp/files" | wc -c)
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null   # warm the page cache
ls -f "$md/cur" >/dev/null

now() { date +%s.%N; }
# first_screen REGEX CMD...: seconds from starting CMD in a 100x30 pane to REGEX on the screen
first_screen() {
	local re=$1 t0 t1 i
	shift
	T kill-server >/dev/null 2>&1 || true
	sleep 0.2
	t0=$(now)
	T new-session -d -x 100 -y 30 "$*; sleep 600"
	for i in $(seq 30000); do
		T capture-pane -p -t 0 2>/dev/null | grep -Eq -- "$re" && break
		sleep 0.005
	done
	t1=$(now)
	echo "$t1 - $t0" | bc -l
}
pane_pid() { pgrep -P "$(T display-message -p -t 0 '#{pane_pid}')" | head -1; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
best() { sort -n | head -1; }

kensa_cmd="env LC_ALL=C.UTF-8 HOME=$tmp KENSA_KEYMAPDIR=$root/keymaps $kensa $md"
mutt_cmd="env LC_ALL=C.UTF-8 HOME=$tmp neomutt -n -F /dev/null -e 'set folder=$md spoolfile=$md header_cache=\"\" mail_check_stats=no' -f $md"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr)"
echo "Maildir: $n messages, hard links to $nsrc corpus files ($(du -sL "$corpus" | cut -f1) kB of mail)"
echo "kensa $("$kensa" --version | head -1 | cut -d' ' -f2), $(neomutt -v 2>/dev/null | head -1)"

ks=$(for i in $(seq "$runs"); do first_screen "$n messages" "$kensa_cmd"; done | best)
# once indexed: wait for the worker to analyse every message, then read the peak RSS
pid=$(pane_pid)
t0=$(now)
for i in $(seq 36000); do
	T capture-pane -p -t 0 | grep -q 'being analysed' || break
	sleep 0.1
done
ta=$(echo "$(now) - $t0" | bc -l)
sleep 1   # the last results are applied and the worker's memory trimmed
k_rss=$(hwm_kb "$pid")
k_now=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
T send-keys -t 0 Q

ns=$(for i in $(seq "$runs"); do first_screen "Msgs:$n|$n msgs|Msgs: *$n" "$mutt_cmd"; done | best)
m_rss=$(hwm_kb "$(pane_pid)")
T send-keys -t 0 q

printf 'kensa   first screen: %6.3f s (best of %d)\n' "$ks" "$runs"
printf 'neomutt first screen: %6.3f s (best of %d, no header cache)\n' "$ns" "$runs"
printf 'ratio: kensa is %.0fx faster (target >= 20x; first screen target <= 0.3 s)\n' "$(echo "$ns / $ks" | bc -l)"
printf 'kensa analysed all %d messages in the background in %.0f s more\n' "$n" "$ta"
printf 'kensa   RSS once analysed:      %d kB = %.0f bytes per message (target <= 600)\n' "$k_now" "$(echo "$k_now * 1024 / $n" | bc -l)"
printf 'kensa   peak RSS (VmHWM):       %d kB = %.0f bytes per message (includes the core'"'"'s transient peak on the largest message)\n' "$k_rss" "$(echo "$k_rss * 1024 / $n" | bc -l)"
printf 'neomutt peak RSS once indexed:  %d kB = %.0f bytes per message\n' "$m_rss" "$(echo "$m_rss * 1024 / $n" | bc -l)"
