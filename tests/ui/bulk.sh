#!/usr/bin/env bash
# Bulk work: tag by pattern (T, a limit expression; C-t untags likewise), act
# on the tagged messages with their count in the confirmation; leaving kensa
# with tags, a limit or a moved trust boundary asks first.
. "$top_srcdir/tests/ui/lib.sh"
copy_samples
md=$tmp/Maildir
total=$(ls "$md/cur" "$md/new" | grep -c '^[0-9]')

start 120 30 -- "$md"
check "index shown" wait_for "$total messages"
check "analysed" wait_for "phishing [1-9]" 100
check "analysis finished" wait_gone 'being analysed' 100
phish=$(screen | grep -oE 'phishing [0-9]+' | head -1 | grep -oE '[0-9]+')

# T: tag every phishing message, whatever is shown
keys T
check "T prompts for a pattern" wait_for 'Tag messages matching'
keys '~v phishing' Enter
check "T ~v phishing: the count is said" wait_for "$phish messages? tagged"
keys k
check "the status line counts them" wait_for "tagged $phish"
tagged_rows=$(screen | grep -c '^\*')
check "as many rows marked * ($tagged_rows)" test "$tagged_rows" = "$phish"

# a pattern that is not one: an error, nothing tagged or untagged
keys T
wait_for 'Tag messages matching' >/dev/null
keys '~v nosuch' Enter
check "a bad pattern is an error" wait_for 'unknown verdict: nosuch'
keys k
check "and changes nothing" wait_for "tagged $phish"

# the action on tagged messages names their count
keys F
check "flag: the confirmation counts the tagged messages" wait_for "Toggle the flag of $phish messages\\?"
keys n

# C-t: untag by pattern
keys C-t
check "C-t prompts" wait_for 'Untag messages matching'
keys '~v phishing' Enter
check "C-t ~v phishing: the count is said" wait_for "$phish messages? untagged"
check "no row marked any more" sh -c "! grep -q '^\\*' <<'X'
$(screen)
X"

# Junk on tagged messages: the count, then the moves
keys T
wait_for 'Tag messages matching' >/dev/null
keys '~v phishing' Enter
wait_for "$phish messages? tagged" >/dev/null
keys J
check "Junk: the confirmation counts the tagged messages" wait_for "Move $phish messages? to the Junk folder\\?"
keys y
check "Junk: moved" wait_for "$phish messages? moved to Junk"
check "Junk: the files are in .Junk" test "$(ls "$md/.Junk/cur" "$md/.Junk/new" 2>/dev/null | grep -c '^[0-9]')" = "$phish"

# leaving with tags asks first; n stays, y quits
keys t
keys q
check "quit with a tagged message asks" wait_for 'Quit and lose 1 tagged message\?'
keys n
check "n: still in the index" wait_for 'messages \|'
keys Q
check "Q asks too" wait_for 'Quit and lose 1 tagged message\?'
keys y
check "y: quits" wait_for '^\[exit 0\]'

# a limit
start 120 30 -- "$md"
wait_for 'messages' >/dev/null
keys l
wait_for 'Limit to' >/dev/null
keys '~v clean' Enter
check "limit set" wait_for 'shown [0-9]+: ~v clean'
keys q
check "quit with a limit asks, naming it" wait_for 'Quit and lose the limit "~v clean"\?'
keys y
check "quits" wait_for '^\[exit 0\]'

# nothing to lose: quits at once
start 120 30 -- "$md"
wait_for 'messages' >/dev/null
keys q
check "nothing to lose: q quits at once" wait_for '^\[exit 0\]'

# a moved trust boundary
start 120 30 -- "$md"
wait_for 'messages' >/dev/null
keys Enter
keys r
check "Received view" wait_for 'Received'
keys b
check "trust boundary moved" wait_for 'hops above'
keys q q
keys Q
check "quit with a moved trust boundary asks" wait_for 'Quit and lose the trust boundary you moved\?'
keys y
check "quits" wait_for '^\[exit 0\]'
# evidence of the tagged messages: indicators to a new file under $XDG_STATE_HOME/kensa/, never overwritten unasked
copy_samples
start 120 30 XDG_STATE_HOME=$tmp/state "PAGER=cat > $tmp/reports.txt" -- "$md"
wait_for "phishing [1-9]" 100 >/dev/null
wait_gone 'being analysed' 100 >/dev/null
keys T
wait_for 'Tag messages matching' >/dev/null
keys '~v suspicious' Enter
check "suspicious ones tagged" wait_for '[0-9]+ messages? tagged'
nsusp=$(screen | grep -oE '[0-9]+ messages? tagged' | grep -oE '^[0-9]+')
keys w
check "indicators: the prompt counts the tagged messages" wait_for "Write the indicators of $nsusp messages? to: $tmp/state/kensa/indicators-"
keys Enter
check "indicators: written, with the count" wait_for "indicators of $nsusp messages? written to $tmp/state/kensa/indicators-"
saved=$(ls "$tmp"/state/kensa/indicators-*.txt 2>/dev/null | head -1)
check "indicators: the file is there" test -f "$saved"
check "indicators: one block per tagged message" test "$(grep -c '^verdict: ' "$saved")" = "$nsusp"
check "indicators: mode 0600" test "$(stat -c %a "$saved")" = 600
cp "$saved" "$tmp/saved.copy"
keys w
wait_for 'Write the indicators' >/dev/null
keys C-u "$saved" Enter
check "indicators: an existing file is not replaced unasked" wait_for 'exists\. Replace it\?'
keys n
check "indicators: n writes nothing" wait_for 'nothing written'
check "indicators: the file is unchanged" cmp -s "$saved" "$tmp/saved.copy"
# the report of the tagged messages, one after the other in $PAGER
keys R
check "report: back from the pager" wait_for 'messages \|'
check "report: one report per tagged message" test "$(grep -c '^Verdict' "$tmp/reports.txt")" = "$nsusp"
keys C-t
wait_for 'Untag messages' >/dev/null
keys '~T' Enter
keys Q
check "evidence: quits" wait_for '^\[exit 0\]'

# a pager that is not there is said, not silently skipped
start 120 30 PAGER=/nonexistent/pager -- "$md"
wait_for 'messages' >/dev/null
keys Enter
wait_for 'From' >/dev/null
keys R
check "a missing pager is said" wait_for 'the pager "/nonexistent/pager" was not found'
keys Q
wait_for '^\[exit 0\]' >/dev/null
finish
