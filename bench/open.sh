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
. bench/lib.sh
md=$tmp/Maildir
nsrc=$(big_maildir "$md" "$n" "$corpus")
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

kensa_base="env LC_ALL=C.UTF-8 HOME=$tmp XDG_CACHE_HOME=$tmp/cache KENSA_DATADIR=${KENSA_DATADIR:-$root/data} KENSA_KEYMAPDIR=$root/keymaps $kensa"
mutt_cmd="env LC_ALL=C.UTF-8 HOME=$tmp neomutt -n -F /dev/null -e 'set folder=$md spoolfile=$md header_cache=\"\" mail_check_stats=no' -f $md"
# wait_done: seconds until the index has no message left to analyse
wait_done() {
	local t0 i
	t0=$(now)
	for i in $(seq 72000); do
		T capture-pane -p -t 0 | grep -Eq "$n messages" && ! T capture-pane -p -t 0 | grep -q 'being analysed' && break
		sleep 0.05
	done
	echo "$(now) - $t0" | bc -l
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr)"
echo "Maildir: $n messages, hard links to $nsrc corpus files ($(du -sL "$corpus" | cut -f1) kB of mail)"
echo "kensa $("$kensa" --version | head -1 | cut -d' ' -f2), $(neomutt -v 2>/dev/null | head -1)"

# 1. first screen, without the cache (the listing and the visible rows only)
ks=$(for i in $(seq "$runs"); do first_screen "$n messages" "$kensa_base --no-cache $md"; done | best)
T send-keys -t 0 Q
# 2. kensa scan's rate on the same Maildir (no cache), for the browser's first full analysis to be compared with
t0=$(now); KENSA_DATADIR=${KENSA_DATADIR:-$root/data} "$kensa" scan --no-cache "$md" >/dev/null 2>&1; tscan=$(echo "$(now) - $t0" | bc -l)
# 3. first full analysis in the browser, filling an empty cache
rm -rf "$tmp/cache"
t0=$(now)
first_screen "$n messages" "$kensa_base $md" >/dev/null
pid=$(pane_pid)
wait_done >/dev/null
tcold=$(echo "$(now) - $t0" | bc -l)
sleep 1   # the last results are applied and the workers' memory trimmed
k_rss=$(hwm_kb "$pid")
k_now=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
T send-keys -t 0 Q
sleep 1
csize=$(stat -c %s "$tmp/cache/kensa/analysis.mdb" 2>/dev/null || echo 0)
# 4. reopen with the warm cache: the whole risk column, then ~v phishing answered
t0=$(now)
first_screen "$n messages" "$kensa_base $md" >/dev/null
wait_done >/dev/null
twarm=$(echo "$(now) - $t0" | bc -l)
T send-keys -t 0 l
sleep 0.3
t0=$(now)
T send-keys -t 0 '~v phishing' Enter
for i in $(seq 2000); do T capture-pane -p -t 0 | grep -q 'shown [0-9]*: ~v phishing' && break; sleep 0.01; done
tlimit=$(echo "$(now) - $t0" | bc -l)
w_now=$(awk '/VmRSS/ {print $2}' "/proc/$(pane_pid)/status")
T send-keys -t 0 Q

ns=$(for i in $(seq "$runs"); do first_screen "Msgs:$n|$n msgs|Msgs: *$n" "$mutt_cmd"; done | best)
m_rss=$(hwm_kb "$(pane_pid)")
T send-keys -t 0 q

printf 'kensa   first screen: %6.3f s (best of %d; target <= 0.1 s)\n' "$ks" "$runs"
printf 'neomutt first screen: %6.3f s (best of %d, no header cache)\n' "$ns" "$runs"
printf 'ratio: kensa is %.0fx faster (target >= 20x)\n' "$(echo "$ns / $ks" | bc -l)"
printf 'kensa scan --no-cache:            %6.1f s = %5.0f messages/s\n' "$tscan" "$(echo "$n / $tscan" | bc -l)"
printf 'first full analysis in the TUI:   %6.1f s = %5.0f messages/s = %.0f %% of scan'"'"'s rate (target >= 80 %%)\n' \
	"$tcold" "$(echo "$n / $tcold" | bc -l)" "$(echo "100 * $tscan / $tcold" | bc -l)"
printf 'reopen, warm cache: risk column complete in %.2f s, ~v phishing answered in %.2f s (target <= 1 s)\n' "$twarm" "$tlimit"
printf 'kensa   RSS once analysed:      %d kB = %.0f bytes per message (target <= 600); warm reopen %d kB = %.0f\n' \
	"$k_now" "$(echo "$k_now * 1024 / $n" | bc -l)" "$w_now" "$(echo "$w_now * 1024 / $n" | bc -l)"
printf 'kensa   peak RSS (VmHWM):       %d kB = %.0f bytes per message (includes the core'"'"'s transient peak on the largest message)\n' "$k_rss" "$(echo "$k_rss * 1024 / $n" | bc -l)"
printf 'cache file: %d bytes = %.0f bytes per message (target <= 200)\n' "$csize" "$(echo "$csize / $n" | bc -l)"
printf 'neomutt peak RSS once indexed:  %d kB = %.0f bytes per message\n' "$m_rss" "$(echo "$m_rss * 1024 / $n" | bc -l)"
