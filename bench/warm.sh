#!/usr/bin/env bash
# bench/warm.sh — the analysis cache's payoff on a large Maildir: kensa scan
# cold (filling the cache) and warm, then the browser opened on the same
# Maildir with the warm cache, timed (first screen included) until no
# message is left to analyse, with its RSS and the cache file's size; and
# first the browser's first screen without the cache. MESSAGES hard links
# cycling over the corpus; MESSAGES=1000000 gives the issue's million-message
# figures (targets: first screen <= 1 s, warm risk column <= 5 s,
# <= 600 bytes of RSS and <= 200 bytes of cache a message).
# Usage: bench/warm.sh [KENSA] (default build/kensa). Not a test: the
# printed figures go to bench/RESULTS-open.md by hand.
set -eu
cd "$(dirname "$0")/.."
kensa=$(realpath "${1:-build/kensa}")
n=${MESSAGES:-100000}
corpus=${CORPUS:-../shared/corpus}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kensa-warm.XXXXXX")
sock=kensa-warm-$$
T() { tmux -u -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
[ -x "$kensa" ] || { echo "bench: $kensa not built (./quickstart first)"; exit 1; }
command -v tmux >/dev/null || { echo "bench: tmux is needed"; exit 1; }

. bench/lib.sh
md=$tmp/Maildir
big_maildir "$md" "$n" "$corpus" >/dev/null
now() { date +%s.%N; }
run="env LC_ALL=C.UTF-8 HOME=$tmp XDG_CACHE_HOME=$tmp/cache KENSA_DATADIR=${KENSA_DATADIR:-$PWD/data} KENSA_KEYMAPDIR=$PWD/keymaps $kensa"

if [ "$n" -ge 1000000 ]; then t_first=1 t_warm=5; else t_first=0.1 t_warm=1; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr)"
echo "Maildir: $n messages"
ls -f "$md/cur" >/dev/null
# the first screen without the cache: the listing and the visible rows (best of 3)
best=
for r in 1 2 3; do
	T kill-server >/dev/null 2>&1 || true
	sleep 0.2
	t0=$(now)
	T new-session -d -x 100 -y 30 "$run --no-cache $md; sleep 600"
	for i in $(seq 30000); do T capture-pane -p -t 0 2>/dev/null | grep -Eq -- "$n messages" && break; sleep 0.005; done
	t=$(echo "$(now) - $t0" | bc -l)
	[ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ] && best=$t
done
T kill-server >/dev/null 2>&1 || true
printf 'browser first screen, no cache: %.3f s (best of 3; target <= %s s)\n' "$best" "$t_first"
t0=$(now); $run scan "$md" >/dev/null 2>&1; tcold=$(echo "$(now) - $t0" | bc -l)
t0=$(now); $run scan "$md" >/dev/null 2>&1; twarm=$(echo "$(now) - $t0" | bc -l)
printf 'scan filling the cache: %7.2f s\nscan warm:              %7.2f s (%.0fx the cold scan; target >= 20x)\n' \
	"$tcold" "$twarm" "$(echo "$tcold / $twarm" | bc -l)"
csize=$(stat -c %s "$tmp/cache/kensa/analysis.mdb" 2>/dev/null || echo 0)
printf 'cache file: %d bytes = %.0f bytes a message (target <= 200)\n' "$csize" "$(echo "$csize / $n" | bc -l)"
sleep 0.2
t0=$(now)
T new-session -d -x 100 -y 30 "$run $md; sleep 600"
for i in $(seq 72000); do
	T capture-pane -p -t 0 | grep -Eq "$n messages" && ! T capture-pane -p -t 0 | grep -q 'being analysed' && break
	sleep 0.05
done
printf 'browser, warm cache: risk column complete in %.2f s (target <= %s s)\n' "$(echo "$(now) - $t0" | bc -l)" "$t_warm"
sleep 1
pid=$(pgrep -P "$(T display-message -p -t 0 '#{pane_pid}')" | head -1)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
printf 'browser RSS, warm: %d kB = %.0f bytes a message (target <= 600)\n' "$rss" "$(echo "$rss * 1024 / $n" | bc -l)"
T capture-pane -p -t 0 | tail -1
