#!/usr/bin/env bash
# Attachments in the message view: the panel names each with type, size and
# the SHA-256 prefix; Enter on an attachment in the MIME view shows its whole
# hash (and again hides it).
. "$top_srcdir/tests/ui/lib.sh"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
cat >"$md/cur/1700000001.M1P1.test:2,S" <<'X'
From: Billing <billing@example.org>
To: taro@example.jp
Subject: your invoice
Date: Tue, 14 Nov 2023 10:00:00 +0900
Message-ID: <1@test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Please find the invoice attached.
--b1
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

aGVsbG8K
--b1--
X
start 120 30 -- "$md"
check "index shown" wait_for '1 message'
keys Enter
check "message opened" wait_for 'Please find the invoice'
check "panel: one attachment" wait_for '│Attached +1 attachment'
check "panel: its name" wait_for '│ +. invoice\.pdf'
check "panel: type and size" wait_for 'application/pdf, 6 bytes,'
check "panel: the SHA-256 prefix" wait_for 'sha256 5891b5b522d5…'
keys m
check "MIME view" wait_for 'MIME tree'
check "MIME view: the prefix on the attachment's row" wait_for 'invoice\.pdf.*sha256 5891b5b522d5…'
check "MIME view: no hash on the text part" sh -c "! grep -q 'text/plain.*sha256' <<'X'
$(screen)
X"
keys End Enter
check "Enter: the whole SHA-256" wait_for 'SHA-256 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03'
keys Enter
check "Enter again: one line" wait_gone 'SHA-256 5891'
keys q q Q
check "quits" wait_for '^\[exit 0\]'
finish
