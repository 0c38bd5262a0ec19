#!/usr/bin/env bash
# bench/hostile.sh — memory and time of `kensa report --format json` on
# hostile inputs generated here (a 50 MB header line, header and hop floods,
# deep HTML, the formatting-element bomb, big bodies and attachments, many
# parts): max RSS (from /usr/bin/time -v) against the message size, and
# seconds. The target is RSS <= 3x the size for every input of 1 MB or more
# (smaller ones are dominated by the ~15 MB kensa needs for its data).
# Usage: bench/hostile.sh [KENSA] (default build/kensa)
# Output goes to bench/RESULTS-hostile.md by hand (with the machine line).
set -eu
cd "$(dirname "$0")/.."
kensa=$(realpath "${1:-build/kensa}")
export KENSA_DATADIR=${KENSA_DATADIR:-$PWD/data}
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "hostile: python3 is needed"; exit 1; }
[ -x /usr/bin/time ] || { echo "hostile: /usr/bin/time is needed (GNU time)"; exit 1; }

python3 - "$tmp" <<'PY'
import base64, os, sys
d = sys.argv[1]
hdr = "From: Shop <a@shop.example>\nSubject: bench\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n"
def w(name, s):
    with open(os.path.join(d, name), "w") as f:
        f.write(s)
MB = 1024 * 1024
w("header-line-50M.eml", hdr + "X-Long: " + "a" * (50 * MB) + "\n\nbody\n")
w("header-folded-50M.eml", hdr + "X-Long: x\n" + (" " + "a" * 70 + "\n") * (50 * MB // 72) + "\nbody\n")
w("fillers-2000.eml", "".join("X-Filler-%d: padding\n" % i for i in range(2000)) + hdr + "\nbody\n")
w("fillers-200000.eml", "".join("X-Filler-%d: padding\n" % i for i in range(200000)) + hdr + "\nbody\n")
w("hops-5000.eml", hdr + "".join(
    "Received: from r%d.example.net (r%d.example.net [198.51.100.%d]) by mx.example.net; Tue, 3 Mar 2026 10:00:00 +0000\n"
    % (i, i, i % 250 + 1) for i in range(5000)) + "\nbody\n")
html = hdr + "Content-Type: text/html; charset=utf-8\n\n"
w("html-divs-100000.eml", html + "<div>" * 100000 + "deep" + "</div>" * 100000 + "\n")
w("html-bomb-2000.eml", html + "<div>" * 2000 + "".join("<b id=%d>" % i for i in range(2000)) + "</div>x" * 2000 + "\n")
w("html-table-20M.eml", html + "<table>" + "<tr><td>cell text</td><td><a href=\"http://x.example/\">link</a></td></tr>\n" * (20 * MB // 80) + "</table>\n")
w("text-4M.eml", hdr + "Content-Type: text/plain; charset=utf-8\n\n" + ("plain words of a long body line\n" * (4 * MB // 32)))
w("text-20M.eml", hdr + "Content-Type: text/plain; charset=utf-8\n\n" + ("plain words of a long body line\n" * (20 * MB // 32)))
att = base64.encodebytes(os.urandom(22 * MB)).decode()
w("attachment-30M.eml", hdr + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nsee attached\n"
  "--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=a.bin\n"
  "Content-Transfer-Encoding: base64\n\n" + att + "--B--\n")
w("parts-10000.eml", hdr + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n" +
  "".join("--B\nContent-Type: text/plain\n\npart %d\n" % i for i in range(10000)) + "--B--\n")
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "kensa: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
# what kensa needs for itself (data files, libraries): a one-line message
printf 'Subject: x\n\ny\n' >"$tmp/base.txt"
/usr/bin/time -v "$kensa" report --format json "$tmp/base.txt" >/dev/null 2>"$tmp/time" </dev/null || true
base=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
echo "baseline: $((base / 1024)) MB max RSS for a one-line message; (RSS - baseline) / size is the cost of the message"
echo
printf '| input | size (MB) | max RSS (MB) | RSS / size | (RSS - baseline) / size | seconds | exit |\n|---|---:|---:|---:|---:|---:|---:|\n'
for f in "$tmp"/*.eml; do
	name=$(basename "$f" .eml)
	size=$(stat -c %s "$f")
	set +e
	/usr/bin/time -v "$kensa" report --format json "$f" >/dev/null 2>"$tmp/time" </dev/null
	rc=$?
	set -e
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	awk -v n="$name" -v b="$size" -v r="$rss" -v s="$secs" -v rc="$rc" -v base="$base" 'BEGIN {
		mb = b / 1048576; rmb = r / 1024
		ratio = mb >= 1 ? sprintf("%.2f", rmb / mb) : "-"
		extra = sprintf("%.2f", (r - base) / 1024 / mb)
		printf "| %s | %.2f | %.1f | %s | %s | %.2f | %d |\n", n, mb, rmb, ratio, extra, s, rc }'
done
