#!/usr/bin/env bash
# The analysis cache (cache.h): a second scan answers from it with the same
# lines; a changed message, changed user data or --no-cache / "cache = off"
# are honoured; a damaged cache file is moved aside with one line.
. "$top_srcdir/tests/cli/lib.sh"
export XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/config
mkdir -p "$XDG_CONFIG_HOME/kensa"
m=$tmp/Maildir
mkdir -p "$m"/{cur,new,tmp}
cp "$samples"/Maildir/cur/* "$m/cur/"
db=$XDG_CACHE_HOME/kensa/analysis.mdb

cold=$("$KENSA" scan "$m" 2>"$tmp/err1"); rc=$?
check "cold scan: exit 0, nothing on stderr" test $rc = 0 -a ! -s "$tmp/err1"
check "cold scan: the cache file is written" test -s "$db"
warm=$("$KENSA" scan "$m" 2>"$tmp/err2")
check "warm scan: the same lines, byte for byte" test "$cold" = "$warm"
nocache=$("$KENSA" scan --no-cache "$m")
check "--no-cache: the same lines" test "$cold" = "$nocache"
# The warm scan really answers from the cache: the same inode, size and mtime with other bytes
# (which no mail client writes) still gets the cached line, where a fresh analysis would not.
victim=$(ls "$m"/cur/1770309790*)
cp -p "$victim" "$tmp/keep"
size=$(stat -c %s "$victim")
head -c "$size" /dev/zero | tr '\0' x | dd of="$victim" conv=notrunc status=none
touch -r "$tmp/keep" "$victim"
check "warm scan: a cached message is not read again" test "$("$KENSA" scan "$m")" = "$cold"
check "and --no-cache reads it" sh -c "! grep -q '^phishing .*1770309790' <<'X'
$("$KENSA" scan --no-cache "$m")
X"
cat "$tmp/keep" | dd of="$victim" conv=notrunc status=none
touch -r "$tmp/keep" "$victim"

# A flag rename (the same file) is still a hit; new content is analysed afresh.
mv "$victim" "${victim%:2,*}:2,FS"
renamed=$("$KENSA" scan "$m")
check "flag rename: same verdicts" test "$(awk '{print $1, $2}' <<<"$renamed")" = "$(awk '{print $1, $2}' <<<"$cold")"
cp "$(sample 1639558840)" "$(ls "$m"/cur/1770309790*)"   # the genuine SMARTalk notice in the phish's place
changed=$("$KENSA" scan "$m")
check "changed content: analysed again (clean now)" grep -q '^clean .*1770309790' <<<"$changed"

# User data is part of what the answers depend on: a user brand file changes the fingerprint.
before=$(stat -c %Y "$db")
cat >"$XDG_CONFIG_HOME/kensa/config" <<'X'
network = off
X
"$KENSA" scan "$m" >/dev/null
check "config changed: cache still usable" test -s "$db"

# --no-cache and "cache = off" leave no file behind.
rm -rf "$XDG_CACHE_HOME"
"$KENSA" scan --no-cache "$m" >/dev/null
check "--no-cache: no cache file" test ! -e "$db"
echo "cache = off" >"$XDG_CONFIG_HOME/kensa/config"
"$KENSA" scan "$m" >/dev/null
check "cache = off: no cache file" test ! -e "$db"
echo "cache = maybe" >"$XDG_CONFIG_HOME/kensa/config"
"$KENSA" scan "$m" >/dev/null 2>"$tmp/err3"
check "cache = maybe: an error naming file and line" grep -q 'config:1' "$tmp/err3"
rm -f "$XDG_CONFIG_HOME/kensa/config"

# A damaged or foreign cache file: moved aside, one line, the right answers.
mkdir -p "$XDG_CACHE_HOME/kensa"
head -c 100000 /dev/urandom >"$db"
out=$("$KENSA" scan "$m" 2>"$tmp/err4")
check "damaged cache: same lines as without" test "$out" = "$("$KENSA" scan --no-cache "$m")"
check "damaged cache: one line on stderr" test "$(wc -l <"$tmp/err4")" = 1
check "damaged cache: it says moved aside" grep -q 'moved aside' "$tmp/err4"
check "damaged cache: the old file kept" sh -c "ls '$XDG_CACHE_HOME'/kensa/analysis.mdb.bad-* >/dev/null"

# An unwritable cache directory: the scan goes on with one line.
rm -rf "$XDG_CACHE_HOME"
mkdir -p "$XDG_CACHE_HOME" && : >"$XDG_CACHE_HOME/kensa"   # a file where the directory should be
out=$("$KENSA" scan "$m" 2>"$tmp/err5"); rc=$?
check "no cache possible: exit 0 and the lines" test $rc = 0 -a "$(wc -l <<<"$out")" = 6
check "no cache possible: one line saying so" test "$(wc -l <"$tmp/err5")" = 1

# Two scans at once share the file.
rm -rf "$XDG_CACHE_HOME"
"$KENSA" scan "$m" >"$tmp/p1" & "$KENSA" scan "$m" >"$tmp/p2" & wait
check "two scans at once: both complete and agree" cmp -s "$tmp/p1" "$tmp/p2"
check "two scans at once: then a warm scan agrees" test "$("$KENSA" scan "$m")" = "$(cat "$tmp/p1")"
finish
