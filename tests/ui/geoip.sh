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
finish
