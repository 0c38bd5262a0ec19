#!/usr/bin/env bash
# Origin country and network in every report format, from fixture databases in three schemas and,
# when ./quickstart has downloaded it, the default data; the missing-database hint; kensa geoip.
. "$top_srcdir/tests/cli/lib.sh"
jqt() { jq -e "$1" >/dev/null; }   # jq test on standard input
f=$(sample 1770309790)
export XDG_CONFIG_HOME=$tmp/config

for schema in geolite2 iplocation ipinfo; do
	dir=$GEOIP_FIXTURES/$schema
	js=$("$KENSA" --geoip-dir "$dir" report --format json "$f" 2>"$tmp/err")
	check "$schema: origin country" jqt '.origin.country=="SG"' <<<"$js"
	check "$schema: origin ASN and operator" jqt '.origin.asn==150436 and .origin.as_org=="Byteplus Pte. Ltd."' <<<"$js"
	# the message claims ポケットカード (JP) and comes from Singapore: low, not info
	check "$schema: ORIGIN_COUNTRY low finding (brand based elsewhere)" \
		jqt '.findings[]|select(.id=="ORIGIN_COUNTRY")|.severity=="low" and .where=="header:Received[2]" and .evidence=="origin 101.47.76.101: SG · AS150436 Byteplus Pte. Ltd.; the brand named is based in JP"' <<<"$js"
	check "$schema: no missing-database hint" test ! -s "$tmp/err"
done
dir=$GEOIP_FIXTURES/geolite2
txt=$("$KENSA" --geoip-dir "$dir" report "$f")
check "text: Origin network row" grep -q '^Origin network  SG · AS150436 Byteplus Pte\. Ltd\.$' <<<"$txt"
check "text: the origin hop carries country and ASN" grep -qE '^   2  origin .*101\.47\.76\.101.*  SG AS150436$' <<<"$txt"
check "json: hops carry country and ASN (private hops none)" \
	jqt '(.hops[1]|.country=="SG" and .asn==150436) and (.hops[0]|.country==null and .asn==null)' \
	<<<"$("$KENSA" --geoip-dir "$dir" report --format json "$f")"
check "text: Lookups row says no network use" grep -q '^Lookups .*network use is off' <<<"$txt"
md=$("$KENSA" --geoip-dir "$dir" report --format markdown "$f")
check "markdown: Origin network row" grep -q '^| Origin network | SG · AS150436 Byteplus Pte\. Ltd\. |$' <<<"$md"
check "markdown: ORIGIN_COUNTRY row" grep -q '`ORIGIN_COUNTRY`' <<<"$md"
check "markdown: a row per domain" grep -q '^| Age of cpvvl.cn | unknown (network use is off) |$' <<<"$md"
mdl=$("$KENSA" --geoip-dir "$dir" report --format markdown "$top_srcdir/tests/data/rdap-from.eml")
check "markdown: IP-literal link host row" grep -qF '| link\[1\] 192.0.2.10 | NL · AS64496 Example "Doc" Networks, B.V. |' <<<"$mdl"
js=$("$KENSA" --geoip-dir "$dir" report --format json "$f")
check "ORIGIN_COUNTRY adds its own weight to the score, nothing else changes" \
	test "$(jq '.score - ([.findings[]|select(.id=="ORIGIN_COUNTRY")|.weight]|add)' <<<"$js")" = \
	     "$("$KENSA" --geoip-dir "$tmp/empty" report --format json "$f" 2>/dev/null | jq .score)"

# The six samples: the default data when downloaded, else the fixtures (which hold the samples' origins).
default=
for d in "$top_builddir/inst/share/kensa/geoip" "${KENSA_DEFAULT_GEOIP:-}"; do
	[ -n "$d" ] && [ -s "$d/geo-whois-asn-country.mmdb" ] && [ -s "$d/ip-location-db-asn.mmdb" ] && { default=$d; break; }
done
if [ -n "$default" ]; then
	echo "# six samples against the default data in $default"
	use=$default
else
	echo "# default data not downloaded: six samples against the fixture databases"
	use=$dir
fi
"$KENSA" --geoip-dir "$use" report --format json "$samples"/Maildir/cur/* | jq -r '[.origin.ip, .origin.country, .origin.asn, .origin.as_org]|@tsv' >"$tmp/origins"
sed 's/^/# /' "$tmp/origins"
check "six samples: six origins located" test "$(awk -F'\t' '$2 ~ /^[A-Z][A-Z]$/ && $3 ~ /^[0-9]+$/ && $4 != ""' "$tmp/origins" | wc -l)" = 6
for want in '101.47.76.101	SG' '101.47.76.36	SG' '154.223.230.135	MY' '163.43.131.56	JP' '106.185.101.209	JP'; do
	check "six samples: $want" grep -q "^$want	" "$tmp/origins"
done
check "six samples: Byteplus network for 101.47.76.0/24" grep -q '^101\.47\.76\.101	SG	150436	Byteplus' "$tmp/origins"
check "six samples: KDDI for the SMARTalk notice" grep -q '^106\.185\.101\.209	JP	2516	KDDI' "$tmp/origins"

# No database: reports still work; one hint for the whole run, on standard error.
mkdir -p "$tmp/empty"
"$KENSA" --geoip-dir "$tmp/empty" report "$f" "$(sample 1771568541)" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no database: exit 0" test $rc = 0
check "no database: one hint for two reports" test "$(grep -c 'GeoIP:' "$tmp/err")" = 1
check "no database: the hint says how to get one" grep -q 'kensa-update-geoip.*GeoLite2' "$tmp/err"
check "no database: origin network unknown" grep -q '^Origin network  unknown' "$tmp/out"
js=$("$KENSA" --geoip-dir "$tmp/empty" report --format json "$f" 2>/dev/null)
check "no database: JSON country/asn/as_org null" jqt '.origin.country==null and .origin.asn==null and .origin.as_org==null' <<<"$js"
check "no database: no ORIGIN_COUNTRY" jqt '[.findings[]|select(.id=="ORIGIN_COUNTRY")]|length==0' <<<"$js"
mkdir -p "$tmp/country"
cp "$GEOIP_FIXTURES/geolite2/GeoLite2-Country.mmdb" "$tmp/country/"
"$KENSA" --geoip-dir "$tmp/country" report "$f" >/dev/null 2>"$tmp/err"
check "country only: hint names the network database" grep -q 'no network (ASN) database' "$tmp/err"
printf 'geoip_dir = %s\n' "$dir" >"$tmp/cfg"
check "geoip_dir in the config file" sh -c "'$KENSA' --config '$tmp/cfg' report --format json '$f' | jq -e '.origin.asn==150436' >/dev/null"
check "--geoip-dir wins over the config file" \
	sh -c "'$KENSA' --geoip-dir '$tmp/empty' --config '$tmp/cfg' report --format json '$f' 2>/dev/null | jq -e '.origin.asn==null' >/dev/null"

# kensa geoip: the databases and their kinds; one line per address.
out=$("$KENSA" --geoip-dir "$dir" geoip)
check "geoip: lists both databases with their kinds" \
	test "$(printf '%s\n' "$out" | grep -c -E 'GeoLite2-(ASN\.mmdb	asn|Country\.mmdb	country)$')" = 2
out=$("$KENSA" --geoip-dir "$GEOIP_FIXTURES/ipinfo" geoip 101.47.76.101 ::ffff:154.223.230.135 2001:db8::1); rc=$?
check "geoip: lookups exit 0" test $rc = 0
check "geoip: IPv4" grep -q '^101\.47\.76\.101	SG	AS150436	Byteplus Pte\. Ltd\.$' <<<"$out"
check "geoip: IPv4-mapped IPv6" grep -q '^::ffff:154\.223\.230\.135	MY	AS17561	Larus Limited$' <<<"$out"
check "geoip: IPv6" grep -q '^2001:db8::1	DE	AS64498	IPv6 Documentation Network$' <<<"$out"
"$KENSA" --geoip-dir "$dir" geoip 8.8.8.8 not-an-ip >"$tmp/out"; rc=$?
check "geoip: unknown addresses exit 1" test $rc = 1
check "geoip: unknown address shown as -" grep -q '^not-an-ip	-	-	-$' "$tmp/out"
"$KENSA" --geoip-dir "$tmp/empty" geoip >/dev/null 2>&1; rc=$?
check "geoip: no database exits 1" test $rc = 1

v=$("$KENSA" --version)
check "--version: DB-IP attribution" grep -q 'DB-IP' <<<"$v"
check "--version: Route Views attribution" grep -q 'Route Views' <<<"$v"

# kensa-update-geoip: a second run is a no-op when the files are there; without npm, a clear way out.
if [ -n "${KENSA_UPDATE_GEOIP:-}" ] && [ -x "$KENSA_UPDATE_GEOIP" ]; then
	mkdir -p "$tmp/dest"
	cp "$GEOIP_FIXTURES/iplocation/geo-whois-asn-country.mmdb" "$GEOIP_FIXTURES/iplocation/ip-location-db-asn.mmdb" "$tmp/dest/"
	KENSA=$KENSA "$KENSA_UPDATE_GEOIP" --dest "$tmp/dest" 2>"$tmp/err"; rc=$?
	check "update: present files skipped (exit $rc)" sh -c "test $rc = 0 && grep -q 'present in' '$tmp/err'"
	mkdir -p "$tmp/bin"
	for t in sh mktemp tar cp mv mkdir rm sed date grep perl cat tail printf; do
		p=$(command -v $t) && ln -sf "$p" "$tmp/bin/$t"
	done
	PATH=$tmp/bin KENSA=$KENSA "$tmp/bin/sh" "$KENSA_UPDATE_GEOIP" --dest "$tmp/dest2" 2>"$tmp/err"; rc=$?
	check "update: without npm exit 1" test $rc = 1
	check "update: without npm, how to use GeoLite2 or DB-IP instead" grep -q 'GeoLite2-Country.mmdb' "$tmp/err"
	check "update: without npm, nothing written" test ! -e "$tmp/dest2/ip-location-db-asn.mmdb"
fi
finish
