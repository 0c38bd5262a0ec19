#!/usr/bin/env bash
# Corpus test: kensa report --format json on each bundled sample; every id
# expected.tsv requires (among the ids implemented so far) is raised, and no
# "must not" id is.
. "$top_srcdir/tests/cli/lib.sh"

# Ids the analyser implements today; the list grows as checks land.
implemented="SUBJECT_SPAM_TAG FROM_ADDRESS_INVALID REPLY_TO_MISMATCH RETURN_PATH_MISMATCH
MESSAGE_ID_MISMATCH AUTH_SPF_FAIL AUTH_DKIM_FAIL AUTH_DMARC_FAIL AUTH_MISSING
ORIGIN_NO_RDNS ORIGIN_HELO_MISMATCH
FROM_BRAND_MISMATCH BRAND_VERIFIED FROM_RANDOM_NAME GREETING_IS_ADDRESS
LINK_TEXT_MISMATCH LINK_BRAND_MISMATCH LINK_RISKY_TLD LINK_SHORTENER LINK_IP_LITERAL
LINK_CONFUSABLE PHONE_NOT_BRAND ATTACHMENT_RISKY
TEXT_TYPO TEXT_URGENCY"
is_impl() { case " $(echo $implemented) " in *" $1 "*) return 0 ;; esac; return 1; }

while IFS=$'\t' read -r prefix verdict must mustnot; do
	case $prefix in ''|'#'*) continue ;; esac
	f=$(sample "$prefix")
	if [ -z "$f" ]; then not_ok "$prefix: sample present"; continue; fi
	json=$("$KENSA" report --format json "$f")
	check "$prefix: report exits 0 and is JSON" jq -e . >/dev/null <<<"$json"
	ids=" $(jq -r '.findings[].id' <<<"$json" | sort -u | tr '\n' ' ') "
	got=$(jq -r .verdict <<<"$json")
	check "$prefix: verdict $verdict (got $got)" test "$got" = "$verdict"
	# every finding of this issue carries a span (attachments point at a part, not at text)
	nospan=$(jq -r '[.findings[]|select(.id|test("^(FROM_BRAND|BRAND_VERIFIED|FROM_RANDOM|GREETING|LINK_|PHONE_)"))|select(.span==null)|.id]|join(",")' <<<"$json")
	check "$prefix: brand/link/phone findings have spans ($nospan)" test -z "$nospan"
	for id in $must; do
		is_impl "$id" || continue
		case $ids in *" $id "*) ok "$prefix raises $id" ;; *) not_ok "$prefix raises $id (got:$ids)" ;; esac
	done
	for id in $mustnot; do
		case $ids in *" $id "*) not_ok "$prefix must not raise $id" ;; *) ok "$prefix does not raise $id" ;; esac
	done
done <"$samples/expected.tsv"

# Links, defanged, with their domains (JSON "links").
j=$("$KENSA" report --format json "$(sample 1770309790)")
check "pocketcard: link defanged" test "$(jq -r '.links[]|select(.org_domain=="cpvvl.cn")|.defanged' <<<"$j" | head -1)" = "hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/"
check "pocketcard: link fields" jq -e '.links[0]|has("text") and has("href") and has("domain") and has("org_domain") and (.age_days==null)' <<<"$j"
check "pocketcard: claimed brand from the display name" test "$(jq -r '.brand.id+" "+.brand.source' <<<"$j")" = "pocketcard from-name"
j=$("$KENSA" report --format json "$(sample 1770813301)")
check "amazon: two links, one to the brand" test "$(jq -r '[.links[].org_domain]|join(",")' <<<"$j")" = "keiyakensev.top,amazon.co.jp"
check "amazon: PHONE_NOT_BRAND names 0120-959-684 with a span" \
	jq -e '[.findings[]|select(.id=="PHONE_NOT_BRAND")][0]|(.evidence|test("0120-959-684")) and (.span[1]-.span[0]==12)' <<<"$j"
j=$("$KENSA" report --format json "$(sample 1771568541)")
check "ana: claim from the subject" test "$(jq -r '.brand.id+" "+.brand.source' <<<"$j")" = "ana subject"
check "ana: text link found in the plain body" test "$(jq -r '.links[0].href' <<<"$j")" = "https://branchiish.aaxqlc.cn/amcmembr_Loginam/"
j=$("$KENSA" report --format json "$(sample 1639558840)")
check "smartalk: verified as SMARTalk" test "$(jq -r '.brand.id' <<<"$j")" = smartalk

# Facts the analysts read off by hand.
j=$("$KENSA" report --format json "$(sample 1770309790)")
check "pocketcard: origin 101.47.76.101" test "$(jq -r .origin.ip <<<"$j")" = 101.47.76.101
check "pocketcard: origin HELO jfmmfn.cn" test "$(jq -r .origin.helo <<<"$j")" = jfmmfn.cn
check "pocketcard: From domain jfmmfn.cn" test "$(jq -r .from.domain <<<"$j")" = jfmmfn.cn
check "pocketcard: display name decoded" test "$(jq -r .from.display <<<"$j")" = "ポケットカード"
typos=$(jq -r '.findings[]|select(.id=="TEXT_TYPO")|.evidence' <<<"$j")
check "pocketcard: よるく is a typo of よろしく" grep -q '"よるくお願い申し上げます": probably "よろしくお願い申し上げます"' <<<"$typos"
check "pocketcard: こ確認 is a typo of ご確認" grep -q '"こ確認": probably "ご確認"' <<<"$typos"
check "pocketcard: Co,Ltd.td. repeats td." grep -q '"Co,Ltd.td." repeats "td."' <<<"$typos"
check "pocketcard: urgency アカウントが停止" grep -q 'アカウントが停止' <<<"$(jq -r '.findings[]|select(.id=="TEXT_URGENCY")|.evidence' <<<"$j")"
j=$("$KENSA" report --format json "$(sample 1770813301)")
check "amazon: origin 154.223.230.135" test "$(jq -r .origin.ip <<<"$j")" = 154.223.230.135
check "amazon: From has no usable address" test "$(jq -r '[.findings[]|select(.id=="FROM_ADDRESS_INVALID")]|length' <<<"$j")" -ge 1
j=$("$KENSA" report --format json "$(sample 1771568541)")
check "ana: origin 101.47.76.36 behind the private filter hop" test "$(jq -r .origin.ip <<<"$j")" = 101.47.76.36
check "ana: SPF fail" test "$(jq -r .auth.spf <<<"$j")" = fail
check "ana: subject decoded from ISO-2022-JP" grep -q '【ANA】' <<<"$(jq -r .subject <<<"$j")"
j=$("$KENSA" report --format json "$(sample 1639558840)")
check "smartalk: origin 106.185.101.209 (Gmail chain)" test "$(jq -r .origin.ip <<<"$j")" = 106.185.101.209
check "smartalk: DKIM and DMARC pass, aligned" test "$(jq -r '[.auth.dkim,.auth.dmarc,.auth.aligned]|join(" ")' <<<"$j")" = "pass pass true"
check "smartalk: authserv-id mx.google.com" test "$(jq -r .auth.authserv_id <<<"$j")" = mx.google.com
check "smartalk: Return-Path mismatch is info only (aligned DKIM)" \
	test "$(jq -r '[.findings[]|select(.id=="RETURN_PATH_MISMATCH")|.severity]|join(",")' <<<"$j")" = info
check "smartalk: subject decoded" grep -q 'SMARTalk:クレジットカード' <<<"$(jq -r .subject <<<"$j")"
j=$("$KENSA" report --format json "$(sample 1764487212)")
check "amex: DMARC fail" test "$(jq -r .auth.dmarc <<<"$j")" = fail
check "amex: Return-Path mismatch is low (not authenticated)" \
	test "$(jq -r '[.findings[]|select(.id=="RETURN_PATH_MISMATCH")|.severity]|join(",")' <<<"$j")" = low
# The weight table is data: the shipped one loads, and a user's file changes verdicts.
pocket=$(sample 1770309790) amex=$(sample 1764487212)
check "shipped weights.conf loads (report exits 0)" "$KENSA" report --format json "$pocket" >/dev/null
mkdir -p "$tmp/nodata" "$tmp/xdg/kensa"
out=$(KENSA_DATADIR=$tmp/nodata "$KENSA" report "$pocket" 2>&1); rc=$?
check "missing shipped table: exit 1 (got $rc)" test "$rc" = 1
check "missing shipped table: says where kensa looked" grep -q "$tmp/nodata/weights.conf" <<<"$out"
printf 'clear\nseverity low 0\nseverity medium 0\nseverity high 0\nthreshold suspicious 20\nthreshold phishing 45\n' \
	>"$tmp/xdg/kensa/weights.conf"
got=$(XDG_CONFIG_HOME=$tmp/xdg "$KENSA" report --format json "$pocket" | jq -r '.verdict+" "+(.score|tostring)')
check "user weights.conf with zero weights: phishing seed is clean 0 (got $got)" test "$got" = "clean 0"
printf 'weight FROM_BRAND_MISMATCH %s 200\n' '*' low medium high >"$tmp/high.conf"
printf 'payload FROM_BRAND_MISMATCH\n' >>"$tmp/high.conf"
got=$("$KENSA" --weights "$tmp/high.conf" report --format json "$amex" | jq -r .verdict)
check "--weights with a high FROM_BRAND_MISMATCH: suspicious seed is phishing (got $got)" test "$got" = phishing
got=$("$KENSA" --weights "$tmp/high.conf" report --format json "$amex" |
	jq -r '[.findings[]|select(.id=="FROM_BRAND_MISMATCH")|.weight]|max')
check "the report shows the overridden weight (got $got)" test "$got" = 200
printf 'severity low 8\nweight NOT_AN_ID * 3\n' >"$tmp/bad.conf"
out=$("$KENSA" --weights "$tmp/bad.conf" report "$pocket" 2>&1); rc=$?
check "bad weights file: exit 1 (got $rc)" test "$rc" = 1
check "bad weights file: FILE:LINE and reason ($out)" grep -q "$tmp/bad.conf:2: unknown finding id: NOT_AN_ID" <<<"$out"
finish
