#!/usr/bin/env bash
# bench/scan-identical.sh — `kensa scan --json` over every shared corpus file
# (seeds, phish, ham, torture), written to OUT, so that a refactor can be shown
# not to change one byte: run it with the old and the new binary and diff.
# Usage: bench/scan-identical.sh KENSA OUT   (CORPUS=dir overrides ../shared/corpus)
#   bench/scan-identical.sh old/kensa /tmp/a.jsonl; bench/scan-identical.sh build/kensa /tmp/b.jsonl
#   cmp /tmp/a.jsonl /tmp/b.jsonl && cmp /tmp/a.jsonl.txt /tmp/b.jsonl.txt && echo identical
set -eu
cd "$(dirname "$0")/.."
kensa=$1 out=$2
corpus=${CORPUS:-../shared/corpus}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export KENSA_DATADIR=${KENSA_DATADIR:-$PWD/data}
mkdir -p "$tmp/md"/{cur,new,tmp}
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1)); ln -s "$(realpath "$f")" "$tmp/md/cur/$(printf '%06d' $n).ident:2,"
done < <(find "$corpus" -type f ! -name '*.md' ! -name '*.tsv' ! -name '.*' -print0 | sort -z)
HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache \
	"$kensa" scan --no-cache --json "$tmp/md" >"$out" 2>"$out.err" || true
# the plain lines too, and a Maildir++ tree read recursively (the seeds' Maildir with the set as a subfolder)
mkdir -p "$tmp/tree"/{cur,new,tmp}
cp -P "$corpus"/seeds/Maildir/cur/* "$tmp/tree/cur/" 2>/dev/null || true
ln -s "$tmp/md" "$tmp/tree/.All"
HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache \
	"$kensa" scan --no-cache -r "$tmp/tree" >"$out.txt" 2>>"$out.err" || true
echo "$n files, $(wc -l <"$out") JSON lines in $out, $(wc -l <"$out.txt") plain lines in $out.txt"
