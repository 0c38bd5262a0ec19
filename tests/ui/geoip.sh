#!/usr/bin/env bash
# Country and network on screen: the side panel's origin and every hop of the
# Received view, from the fixture GeoIP databases.
. "$top_srcdir/tests/ui/lib.sh"
f=$(sample 1770309790)
start 110 40 KENSA_DATADIR="$KENSA_DATADIR" -- --geoip-dir "$GEOIP_FIXTURES/geolite2" "$f"
check "panel: origin IP" wait_for 'Origin +101\.47\.76\.101'
check "panel: origin country and network" wait_for 'SG · AS150436 Byteplus'
keys r
check "received view opens" wait_for 'Received chain'
check "received: the origin hop's country and network" wait_for 'IP 101\.47\.76\.101  SG · AS150436 Byteplus'
keys q q
# the client behind a webmail server: the panel and the hop it came from (tests/data/submitted.eml)
start 110 40 KENSA_DATADIR="$KENSA_DATADIR" -- --geoip-dir "$GEOIP_FIXTURES/geolite2" "$top_srcdir/tests/data/submitted.eml"
check "panel: submitted from" wait_for 'Submitted +101\.47\.76\.9'
check "panel: its source" wait_for 'Received\[3\] with HTTP'
submitted_geo() { screen | grep -A1 'Submitted' | grep -q 'SG · AS150436 Byteplus'; }
check "panel: its country and network" submitted_geo
keys r
check "received: the hop it was submitted from" wait_for 'submitted from here'
keys q q
finish
