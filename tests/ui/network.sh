#!/usr/bin/env bash
# With network use on, the message is on screen while its RDAP lookups still run
# (a loopback server that answers one domain slowly), and their answers are
# applied when they arrive: LINK_NEW_DOMAIN appears in the findings without a key.
# Nothing here leaves the loopback address.
. "$top_srcdir/tests/ui/lib.sh"
command -v python3 >/dev/null 2>&1 || { not_ok "python3 present (./quickstart installs it)"; finish; exit 1; }
RDAP_SLOW=6 python3 "$top_srcdir/tests/cli/rdap-server.py" "$tmp/port" "$tmp/requests" &
server=$!
trap 'kill $server 2>/dev/null; T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port" 2>/dev/null)
check "loopback RDAP server started" test -n "$port"
base=http://127.0.0.1:$port
printf '{"version": "1.0", "services": [[["top"], ["%s/top/"]]]}\n' "$base" >"$tmp/bootstrap.json"
printf 'network = on\ndns = off\nrdap_bootstrap = %s\nrdap_url = %s/fallback\nrdap_timeout = 10\n' \
	"$tmp/bootstrap.json" "$base" >"$tmp/config"

start 100 30 XDG_CACHE_HOME="$tmp/cache" KENSA_DATADIR="$KENSA_DATADIR" -- \
	--config "$tmp/config" --geoip-dir "$GEOIP_FIXTURES/geolite2" "$top_srcdir/tests/data/rdap-links.eml"
check "the message is shown at once" wait_for 'Confirm now' 50
# slow.top's answer takes 6 s: the lookups are still running
asked() { local i; for i in $(seq 50); do grep -q "$1" "$tmp/requests" && return 0; sleep 0.1; done; return 1; }
check "while the lookups run: the server has been asked" asked '/domain/slow.top'
keys f
check "findings view opens while the lookups run" wait_for 'LINK_TEXT_MISMATCH|LINK_|Findings' 30
check "... without LINK_NEW_DOMAIN yet" sh -c "! tmux -u -L '$sock' capture-pane -p -t 0 | grep -q LINK_NEW_DOMAIN"
check "the answers arrive and are applied without a key" wait_for 'LINK_NEW_DOMAIN' 150
keys q q
finish
