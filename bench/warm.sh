#!/usr/bin/env bash
# bench/warm.sh — the analysis cache's payoff on a large Maildir: kensa scan
# cold (filling the cache) and warm, then the browser opened on the same
# Maildir with the warm cache, timed (first screen included) until no
# message is left to analyse. MESSAGES hard links cycling over the corpus.
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

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "Maildir: $n messages"
t0=$(now); $run scan "$md" >/dev/null 2>&1; tcold=$(echo "$(now) - $t0" | bc -l)
t0=$(now); $run scan "$md" >/dev/null 2>&1; twarm=$(echo "$(now) - $t0" | bc -l)
printf 'scan filling the cache: %7.2f s\nscan warm:              %7.2f s (%.0fx the cold scan; target >= 20x)\n' \
	"$tcold" "$twarm" "$(echo "$tcold / $twarm" | bc -l)"
t0=$(now)
T new-session -d -x 100 -y 30 "$run $md; sleep 600"
for i in $(seq 72000); do
	T capture-pane -p -t 0 | grep -Eq "$n messages" && ! T capture-pane -p -t 0 | grep -q 'being analysed' && break
	sleep 0.05
done
printf 'browser, warm cache: risk column complete in %.2f s (target <= 1 s)\n' "$(echo "$(now) - $t0" | bc -l)"
T capture-pane -p -t 0 | tail -1
