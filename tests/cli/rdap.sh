#!/usr/bin/env bash
# Domain ages over RDAP against a server on 127.0.0.1 started here: LINK_NEW_DOMAIN for the new
# domain only, FROM_NEW_DOMAIN, failures bounded and cached, a second run answered from the cache,
# link hosts resolved (loopback only) and LINK_CDN_HOSTED. Nothing here leaves the loopback address.
. "$top_srcdir/tests/cli/lib.sh"
jqt() { jq -e "$1" >/dev/null; }   # jq test on standard input
data=$top_srcdir/tests/data
geo=$GEOIP_FIXTURES/geolite2
export XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data

if ! command -v python3 >/dev/null 2>&1; then
	echo "# python3 is needed for the loopback RDAP server"; not_ok "python3 present"; finish; exit 1
fi
python3 "$top_srcdir/tests/cli/rdap-server.py" "$tmp/port" "$tmp/requests" &
server=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port" 2>/dev/null)
check "loopback RDAP server started" test -n "$port"
base=http://127.0.0.1:$port

# .top from the bootstrap file, everything else (.com) from the fallback base URL
cat >"$tmp/bootstrap.json" <<JSON
{"version": "1.0", "publication": "2026-11-26T00:00:00Z",
 "services": [[["top"], ["$base/top/"]]]}
JSON
cat >"$tmp/config" <<CONF
network = on
dns = off
rdap_bootstrap = $tmp/bootstrap.json
rdap_url = $base/fallback
rdap_timeout = 1
CONF

# Network off (the default): no request, the report says so.
: >"$tmp/requests"
off=$(XDG_CONFIG_HOME=$tmp/none "$KENSA" --geoip-dir "$geo" report --format json "$data/rdap-links.eml" 2>/dev/null)
check "network off: JSON says not allowed" jqt '.network.allowed == false and .network.lookups == 0' <<<"$off"
check "network off: domain ages unknown" jqt '[.domains[].status] | all(. == "unknown" or . == "found")' <<<"$off"
check "network off: the server saw no request" test ! -s "$tmp/requests"
txt=$(XDG_CONFIG_HOME=$tmp/none "$KENSA" --geoip-dir "$geo" report "$data/rdap-links.eml" 2>/dev/null)
check "network off: text report states it" grep -q '^Lookups .*network use is off' <<<"$txt"
sed 's/^network = on/network = off/' "$tmp/config" >"$tmp/config-off"
js=$("$KENSA" --config "$tmp/config-off" --network --geoip-dir "$geo" report --format json "$data/rdap-links.eml")
check "--network wins over network = off in the config" jqt '.network.allowed and .network.lookups==5' <<<"$js"
rm -rf "$tmp/cache"

# First run with network use: everything from the server, within the bounds.
rm -rf "$tmp/cache"; : >"$tmp/requests"
start=$(date +%s)
js=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report --format json "$data/rdap-links.eml"); rc=$?
took=$(( $(date +%s) - start ))
check "network: exit 0" test $rc = 0
check "network: bounded by the 1 s timeout (took ${took}s)" test "$took" -le 4
check "network: LINK_NEW_DOMAIN raised once" \
	test "$(jq '[.findings[]|select(.id=="LINK_NEW_DOMAIN")]|length' <<<"$js")" = 1
check "network: ... for the new domain's link" \
	jqt '.findings[]|select(.id=="LINK_NEW_DOMAIN")|.where=="link[1]" and (.evidence|startswith("fresh-login.top: registered 2026-02-18, 2 days before this mail"))' <<<"$js"
check "network: no FROM_NEW_DOMAIN for an old sender" \
	jqt '[.findings[]|select(.id=="FROM_NEW_DOMAIN")]|length==0' <<<"$js"
check "network: old domain found through the fallback and a redirect" \
	jqt '.domains[]|select(.domain=="old-bank.com")|.status=="found" and .registered=="2005-04-01" and .source=="rdap"' <<<"$js"
check "network: age_days of the new domain" \
	jqt '.domains[]|select(.domain=="fresh-login.top")|.age_days==2' <<<"$js"
check "network: unknown domain not found" \
	jqt '.domains[]|select(.domain=="nosuch.top")|.status=="not_found"' <<<"$js"
check "network: malformed answer is a failure" \
	jqt '.domains[]|select(.domain=="broken.top")|.status=="failed" and (.detail|test("not JSON"))' <<<"$js"
check "network: slow answer is a failure" \
	jqt '.domains[]|select(.domain=="slow.top")|.status=="failed"' <<<"$js"
check "network: five queries made and reported" jqt '.network.allowed and .network.lookups==5' <<<"$js"
check "network: only RDAP paths requested, never the links' own paths" \
	sh -c "! grep -v '/domain/' '$tmp/requests' | grep -q ."
check "network: bootstrap server asked for .top" grep -q '^/top/domain/fresh-login.top$' "$tmp/requests"
check "network: fallback asked for .com" grep -q '^/fallback/domain/old-bank.com$' "$tmp/requests"
check "network: link hosts not resolved with dns = off" jqt '.link_hosts|length==0' <<<"$js"
check "cache file written" test -s "$tmp/cache/kensa/domainage.tsv"
txt=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report "$data/rdap-links.eml")
check "text: Domains section with the date" grep -q 'fresh-login.top  link\[1\]  registered 2026-02-18 (2 days before the mail; cache)' <<<"$txt"
check "text: lookups line" grep -q '^Lookups .*network use is on' <<<"$txt"

# The sender's domain.
js=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report --format json "$data/rdap-from.eml")
check "FROM_NEW_DOMAIN for a sender registered 10 days before" \
	jqt '.findings[]|select(.id=="FROM_NEW_DOMAIN")|.where=="header:From" and (.evidence|test("registered 2026-02-10, 10 days before this mail"))' <<<"$js"
check "FROM_NEW_DOMAIN span covers the domain in From" \
	jqt '.findings[]|select(.id=="FROM_NEW_DOMAIN")|.span[1]-.span[0]==16' <<<"$js"
"$KENSA" --config "$tmp/config" --geoip-dir "$geo" report --format json "$data/rdap-from.eml" >/dev/null
printf 'new_domain_days = 7\n' >>"$tmp/config"
js=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report --format json "$data/rdap-from.eml")
check "new_domain_days = 7: a 10-day-old sender is not new" \
	jqt '[.findings[]|select(.id=="FROM_NEW_DOMAIN")]|length==0' <<<"$js"

# Second run with the server stopped: answers from the cache, no query.
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
: >"$tmp/requests"
js=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report --format json "$data/rdap-links.eml")
check "cache: LINK_NEW_DOMAIN still raised, once" \
	test "$(jq '[.findings[]|select(.id=="LINK_NEW_DOMAIN")]|length' <<<"$js")" = 1
check "cache: answers come from the cache" \
	jqt '[.domains[]|select(.status=="found")|.source]|all(.=="cache") and length==2' <<<"$js"
check "cache: failures cached too (no new query)" jqt '.network.lookups==0' <<<"$js"
check "cache: not-found cached" jqt '.domains[]|select(.domain=="nosuch.top")|.status=="not_found"' <<<"$js"

# Link hosts resolved (dns on; the only name is localhost) and the CDN network found.
sed -i 's/^dns = off/dns = on/' "$tmp/config"
js=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report --format json "$data/rdap-from.eml")
check "IP-literal link host: country and network" \
	jqt '.link_hosts[]|select(.host=="192.0.2.10")|.country=="NL" and .asn==64496' <<<"$js"
check "IPv6 literal link host: country and network" \
	jqt '.link_hosts[]|select(.host=="2001:db8::80")|.country=="DE" and .asn==64498' <<<"$js"
check "resolved link host in a CDN network" \
	jqt '.link_hosts[]|select(.host=="localhost")|.ip=="127.0.0.1" and .cdn=="Cloudflare"' <<<"$js"
check "LINK_CDN_HOSTED on that link" \
	jqt '.findings[]|select(.id=="LINK_CDN_HOSTED")|.where=="link[3]" and (.evidence|test("localhost → 127.0.0.1: US · AS13335"))' <<<"$js"
txt=$("$KENSA" --config "$tmp/config" --geoip-dir "$geo" report "$data/rdap-from.eml")
check "text: resolved link host with its network and CDN" \
	grep -q '^  link\[3\]  localhost → 127\.0\.0\.1  US · AS13335 Cloudflare, Inc\.  CDN Cloudflare$' <<<"$txt"
js=$("$KENSA" --geoip-dir "$geo" report --format json "$data/rdap-from.eml")
check "without --network: IP literals still located" \
	jqt '(.link_hosts|length==2) and ([.findings[]|select(.id=="LINK_CDN_HOSTED")]|length==0)' <<<"$js"
finish
