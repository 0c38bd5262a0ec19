#!/usr/bin/env bash
# The only writes: move to Junk (Maildir++ .Junk, created), flag and seen
# toggles; each asks first and renames, so every message stays present exactly
# once. New mail in new/ shows up without a restart; folders are listed.
. "$top_srcdir/tests/ui/lib.sh"
copy_samples
md=$tmp/Maildir
# every message's unique part (before ":2,") -> how many times it is present in the tree
census() { find "$md" -path '*/tmp' -prune -o -type f ! -name maildirfolder ! -name '.*' -print | sed 's,.*/,,; s/:2,.*//' | sort | uniq -c; }
rows() { screen | grep -cE '^.. [0-9-]+ (●|▲|○|✓|…|✗) '; }
# rows_are N: the index shows N messages
rows_are() { local i; for i in $(seq 60); do [ "$(rows)" = "$1" ] && return 0; sleep 0.1; done; return 1; }
once_each() { [ "$(census | awk '$1 != 1' | wc -l)" = 0 ]; }
base_census=$(census | awk '{print $2}')
check "six messages to start with" test "$(echo "$base_census" | wc -l)" = 6

start 100 30 -- "$md"
check "index" wait_for '6 messages'
keys J
check "J asks first" wait_for 'Move 1 message to the Junk folder\? \[y/N\]'
keys n
check "declining moves nothing" test "$(ls "$md/cur" | wc -l)" = 6
check "no Junk folder created by declining" test ! -e "$md/.Junk"
keys J
wait_for 'Junk folder\?' >/dev/null
keys y
check "moved: the status says so" wait_for '1 message moved to Junk'
check "index: one fewer" rows_are 5
check ".Junk is a Maildir++ folder" test -d "$md/.Junk/cur" -a -d "$md/.Junk/new" -a -d "$md/.Junk/tmp" -a -f "$md/.Junk/maildirfolder"
check "the message is in .Junk/cur" test "$(ls "$md/.Junk/cur" | wc -l)" = 1
# tag two more and move them together
keys t t
check "tagged two" wait_for 'tagged 2'
keys J
check "J on the tagged messages" wait_for 'Move 2 messages to the Junk folder'
keys y
check "moved two" rows_are 3
check "every message present exactly once" once_each
check "the same six messages" test "$(census | awk '{print $2}')" = "$base_census"

# flag toggle: a rename in cur/, confirmed
keys F
check "F asks first" wait_for 'Toggle the flag of 1 message'
keys y
check "flagged: renamed with F" wait_for '.'
for i in $(seq 30); do ls "$md/cur" | grep -q ':2,.*F' && break; sleep 0.1; done
check "flagged: the file name carries F" sh -c "ls '$md/cur' | grep -q ':2,.*F'"
keys F y
for i in $(seq 30); do ls "$md/cur" | grep -q ':2,.*F' || break; sleep 0.1; done
check "unflagged again" sh -c "! ls '$md/cur' | grep -q ':2,.*F'"
keys N y
for i in $(seq 30); do [ "$(ls "$md/cur" | grep -c ':2,.*S')" != 1 ] && break; sleep 0.1; done
check "seen toggled by rename" test "$(ls "$md/cur" | grep -c ':2,.*S')" != 1
check "still every message exactly once" once_each

# new mail: a file delivered into new/ appears without a restart
cp "$samples/Maildir/cur/1770309790.M101P4242.mx.example.com,S=4096:2," "$md/new/1790000000.M999P1.mx.example.com"
check "new mail shows up" rows_are 4

# folders: the root and .Junk with counts; open .Junk (with a tag, asked first: the tag belongs to the folder left)
keys t
keys c
check "folders view" wait_for 'Folders'
check "folders: Junk with three messages" wait_for '\.Junk +3 messages'
keys j Enter
check "another folder with a tagged message: asked first" wait_for 'Open another folder and lose 1 tagged message\?'
keys n
check "n: the folder stays" sh -c "! grep -q 'kensa .*/\.Junk' <<'X'
$(screen)
X"
keys Enter
wait_for 'Open another folder and lose' >/dev/null
keys y
check "Junk folder opened" wait_for 'kensa .*/\.Junk'
check "Junk: three messages" rows_are 3
keys J
check "already in Junk: said so" wait_for 'already in the Junk folder'
keys Q
check "quit" wait_for '^\[exit 0\]'
check "nothing lost at the end" test "$(census | wc -l)" = 7
finish
