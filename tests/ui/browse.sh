#!/usr/bin/env bash
# Browsing the sample Maildir: the index, the ポケットカード message with its panel,
# drill-downs that close back to the same place, links, help, the vi keymap, resize,
# OSC 52 copies, the trust boundary, the report pager and piping.
. "$top_srcdir/tests/ui/lib.sh"
copy_samples
md=$tmp/Maildir

# without a terminal the browser says so in one line (scripts use report and scan)
"$KENSA" "$md" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no terminal: exit 1" test $rc = 1
check "no terminal: one line naming the alternative" sh -c "test \$(wc -l <'$tmp/err') = 1 && grep -q 'kensa report' '$tmp/err'"
"$KENSA" "$tmp/no-such-dir" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing Maildir: exit 1 naming it" sh -c "test $rc = 1 && grep -q 'no-such-dir' '$tmp/err'"

start 100 30 -- "$md"
check "index: first screen" wait_for '6 messages'
check "index: analysis finishes" wait_gone 'being analysed'
s=$(screen)
for subj in '【ANA】今だけ最大5,000マイル' '【Amazon】お支払い方法に問題' '最新のお客様情報のご登録' \
    '【三井住友カード】' '【American Express】' 'SMARTalk:クレジットカード情報の更新'; do
	check "index lists: $subj" grep -qF "$subj" <<<"$s"
done
check "index: sender name and domain" grep -qE 'ポケットカード +jfmmfn\.cn' <<<"$s"
check "index: risk glyphs" grep -qE '(●|▲).*jfmmfn' <<<"$s"
check "index: counts in the status line" grep -qE '6 messages \| phishing [0-9]+ \| suspicious [0-9]+' <<<"$s"

# limit patterns and sorting
keys l
check "limit: prompt" wait_for 'Limit to'
keys '~v clean' Enter
check "limit ~v clean: only the genuine notice" wait_for 'shown 1: ~v clean'
check "limit ~v clean: its row" test "$(screen | grep -cE '^.. [0-9-]+ . ')" = 1
keys l C-u '~f ORIGIN_NO_RDNS !Amazon' Enter
check "limit ~f ID with a negated term" wait_for 'shown [0-9]+: ~f ORIGIN_NO_RDNS !Amazon'
s=$(screen)
check "limit ~f: Amazon left out" sh -c "! grep -q '【Amazon】' <<'X'
$s
X"
check "limit ~f: the ポケットカード message kept" grep -qF 'ポケットカード' <<<"$s"
keys l C-u '~f NO_SUCH_FINDING' Enter
check "limit: an unknown id is reported" wait_for 'unknown finding id: NO_SUCH_FINDING'
keys l C-u Enter
check "limit: empty shows everything again" wait_for '6 messages \|'
check "limit: six rows" test "$(screen | grep -cE '^.. [0-9-]+ . ')" = 6
keys x
check "sort by risk" wait_for 'sort: risk'
check "sort by risk: the clean notice last" test "$(screen | grep -E '^.. [0-9-]+ . ' | tail -1 | grep -c SMARTalk)" = 1
keys s
check "sort by sender" wait_for 'sort: sender'
check "sort by sender: Amazon first" test "$(screen | grep -E '^.. [0-9-]+ . ' | head -1 | grep -c Amazon)" = 1
keys O
check "sort reversed" wait_for 'sort: sender \^'
keys o
check "sort by date again" wait_for 'sort: date\]'

# the ポケットカード message (third newest): Received from the index and back to the same row
keys j j
cursor_row() { screen -e | grep -n $'\e\\[7m' | grep -v 'kensa ' | head -1 | cut -d: -f1; }
check "index: cursor on the third row" wait_for '.' && test "$(cursor_row)" = 4
keys r
check "received from the index: one key" wait_for 'Received chain'
keys q
check "received: closes back to the index" wait_for '6 messages'
check "received: index cursor on the same row" test "$(cursor_row)" = 4
keys Enter
check "message: opens" wait_for 'Links \(defanged\)'
s=$(screen)
check "message: panel shows the From domain" grep -qF 'jfmmfn.cn' <<<"$s"
check "message: panel shows the origin IP" grep -qF '101.47.76.101' <<<"$s"
check "message: panel beside the body" grep -qE '│(From|Origin) ' <<<"$s"
check "message: body rendered" grep -qF 'よるくお願い申し上げます' <<<"$s"
check "message: link numbered" grep -qF 'ログイン [1]' <<<"$s"
check "message: target defanged" grep -qF 'hXXps://reflecto[.]cpvvl[.]cn/' <<<"$s"
check "message: no live URL on screen" sh -c "! grep -qF 'https://reflecto' <<'X'
$s
X"
e=$(screen -e)
check "message: the link is styled" grep -qE $'\e\\[[0-9;]*m[^\e]*ログイン' <<<"$e"
check "message: the panel's Spam tag field is coloured" grep -qE $'\e\\[[0-9;]*(3[1-7]|9[1-7]|38;5;[0-9]+)[0-9;]*m *(Spam tag|Subject carries)' <<<"$e"
# the body findings are coloured where they stand: よるく (TEXT_TYPO) and Co,Ltd.td.
f=$(ls "$md"/cur/1770309790*)
check "message: よるく coloured (TEXT_TYPO)" grep -qE $'\e\\[([0-9;]*;)?(1|4|7|3[1-7]|9[1-7]|38;5;[0-9]+)m(\e\\[[0-9;]*m)*よるく' <<<"$e"
check "message: Co,Ltd.td. coloured (TEXT_TYPO)" grep -qE $'\e\\[([0-9;]*;)?(1|4|7|3[1-7]|9[1-7]|38;5;[0-9]+)m(\e\\[[0-9;]*m)*Co,Ltd\\.td\\.' <<<"$e"

# open Received from the message, come back to the same screen
before=$(screen)
keys r
check "received: opens" wait_for 'Received chain'
s=$(screen)
check "received: origin hop with its IP" grep -qF '101.47.76.101' <<<"$s"
check "received: trust reasons" grep -qF 'why:' <<<"$s"
check "received: hops numbered" grep -qE '^\[2\]' <<<"$s"
keys o
check "received: order toggles" wait_for 'oldest first'
keys q
check "received: closes" wait_for 'Links \(defanged\)'
check "received: back on the same screen" test "$(screen)" = "$before"

# the trust boundary: trust hop [2] too, then let kensa choose again
keys r
wait_for 'Received chain' >/dev/null
keys k b
check "received: moving the boundary re-runs the analysis" wait_for 'origin 127\.0\.0\.1|origin -'
keys B
check "received: automatic origin again" wait_for 'origin 101\.47\.76\.101'
keys q

# links view
keys L
check "links: opens" wait_for 'Links: visible text'
s=$(screen)
check "links: defanged target" grep -qF 'hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/' <<<"$s"
check "links: domain facts" grep -qE 'host: reflecto\.cpvvl\.cn +domain: cpvvl\.cn' <<<"$s"
# OSC 52: tmux keeps what the application copies as a paste buffer
T set-option -g set-clipboard on
keys y
check "links: copy reports the URL" wait_for 'sent to the terminal.s clipboard \(OSC 52\): hXXps://reflecto'
check "links: OSC 52 reached the terminal" sh -c "tmux -u -L '$sock' show-buffer 2>/dev/null | grep -qxF 'hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/'"
keys q

# findings, headers, MIME
keys f
check "findings: opens" wait_for 'Findings:'
check "findings: ids listed" wait_for 'SUBJECT_SPAM_TAG'
keys Enter
check "findings: Enter jumps to the header" wait_for 'Headers: as written'
keys q
check "findings: back" wait_for 'Findings:'
keys q h
check "headers: raw and decoded" wait_for '= ポケットカード <mail\.qaqrl@jfmmfn\.cn>'
keys q m
check "MIME: tree" wait_for 'MIME tree'
keys q

# help is generated from the keymap
keys '?'
check "help: opens" wait_for 'Help:'
s=$(screen)
check "help: names actions" grep -qE 'open-received +show the Received chain' <<<"$s"
check "help: shows keys" grep -qE '^ +r +open-received' <<<"$s"
keys q

# evidence out: clipboard, file, the report in a pager, the message through a pipe
keys I
check "copy origin IP" wait_for 'sent to the terminal.s clipboard \(OSC 52\): 101\.47\.76\.101'
check "copy origin IP: OSC 52 buffer" sh -c "tmux -u -L '$sock' show-buffer | grep -qxF 101.47.76.101"
keys Y
check "copy indicators" wait_for 'every indicator of the message sent to the terminal.s clipboard'
T show-buffer >"$tmp/indicators.txt"
check "indicators: the defanged URL" grep -qxF 'url: hXXps://reflecto[.]cpvvl[.]cn/netsvice/logino/' "$tmp/indicators.txt"
check "indicators: the origin IP" grep -qxF 'origin-ip: 101.47.76.101' "$tmp/indicators.txt"
check "indicators: the finding ids" grep -qxF 'finding: SUBJECT_SPAM_TAG' "$tmp/indicators.txt"
check "indicators: no live URL" sh -c "! grep -q 'https://' '$tmp/indicators.txt'"
keys w
check "save indicators: prompt" wait_for 'Write the indicators to:'
keys C-u "$tmp/saved.txt" Enter
check "save indicators: written" wait_for "indicators written to $tmp/saved.txt"
check "save indicators: same as the clipboard" cmp -s "$tmp/saved.txt" "$tmp/indicators.txt"
keys '|'
check "pipe: prompt" wait_for 'Pipe the message to:'
keys "cat > $tmp/piped.eml" Enter
check "pipe: back in kensa" wait_for 'Press any key'
keys x
check "pipe: exit status shown" wait_for 'exit status 0'
check "pipe: the message went through unchanged" cmp -s "$tmp/piped.eml" "$f"

# resize to 60x20: the panel moves below the body; and back
T resize-window -t 0 -x 60 -y 20
check "resize: panel below the body" wait_for '^From +ポケットカード'
check "resize: no side panel" wait_gone '│From '
keys j j
check "resize: the body scrolls" wait_for '^3/'
before=$(screen)
keys h
check "resize: headers open" wait_for 'Headers: as written'
check "headers as written keep the blank after the colon" wait_for '^Received: from localhost \(localhost'
check "never Received:from" sh -c "! grep -q 'Received:from' <<'X'
$(screen)
X"
keys q
check "resize: back on the same line" wait_for '^3/'
check "resize: the same screen" test "$(screen)" = "$before"
T resize-window -t 0 -x 100 -y 30
check "resize back: panel beside the body" wait_for '│From '
keys q q
check "quit: clean exit" wait_for '^\[exit 0\]'

# the report pager
start 100 30 "PAGER=cat > $tmp/report.txt" -- "$f"
check "single file: straight into the message view" wait_for 'Links \(defanged\)'
keys R
sleep 0.3
check "report: written through \$PAGER" wait_for 'Links \(defanged\)'
check "report: has the verdict" grep -q 'Verdict' "$tmp/report.txt"
keys q
check "single file: q quits" wait_for '^\[exit 0\]'

# the vi keymap: G to the last message, then Enter opens it
start 100 30 -- --keymap vi "$md"
wait_for '6 messages' >/dev/null
keys G Enter
check "vi keymap: G goes to the last (oldest) message" wait_for 'SMARTalk'
keys K
check "vi keymap: K shows the previous message" wait_for 'American Express'
keys h
check "vi keymap: h goes back to the index" wait_for '6 messages'
keys h
check "vi keymap: h in the index does not quit" wait_for 'h is not bound'
check "vi keymap: still running" sh -c "! grep -q '^\[exit' <<'X'
$(screen)
X"
keys l
check "vi keymap: l in the index opens the message, not the limit prompt" wait_for 'American Express'
check "vi keymap: no limit prompt" sh -c "! grep -q 'Limit to' <<'X'
$(screen)
X"
keys h j k
check "vi keymap: j and k move in the index" wait_for '6 messages'
keys G
cursor_text() { screen -e | grep -E $'\e\\[([0-9;]*;)?7m' | grep -v 'kensa ' | head -1; }
check "vi keymap: G on the oldest" sh -c "sleep 0.3; grep -q SMARTalk <<'X'
$(sleep 0.3; cursor_text)
X"
keys g
check "vi keymap: g waits for the second key" wait_for '^g-$'
keys g
sleep 0.3
check "vi keymap: gg goes to the newest (first) message" grep -q 'ANA' <<<"$(cursor_text)"
keys q
check "vi keymap: q quits" wait_for '^\[exit 0\]'
printf 'keymap = vi\n' >"$tmp/config"
start 100 30 -- --config "$tmp/config" "$md"
wait_for '6 messages' >/dev/null
keys G Enter
check "keymap = vi in the config file" wait_for 'SMARTalk'
start 100 30 -- "$md"
wait_for '6 messages' >/dev/null
keys G
check "default keymap: G is not bound and says so" wait_for 'G is not bound'

# a keymap that is neither shipped nor a file: one line naming the option, before any screen
start 100 30 -- --keymap nosuch "$md"
check "--keymap nosuch: refused with the option named" wait_for '^kensa: --keymap: keymap: "nosuch" is neither'
check "--keymap nosuch: usage exit" wait_for '^\[exit 2\]'
# a shipped keymap whose file cannot be read: said so, and the default keys still work
mkdir -p "$tmp/keymaps-default-only"
cp "$top_srcdir/keymaps/default.keys" "$tmp/keymaps-default-only/"
start 100 30 KENSA_KEYMAPDIR=$tmp/keymaps-default-only -- --keymap vi "$md"
check "unreadable vi keymap: reported" wait_for 'cannot read the keymap .*vi\.keys'
keys Q
check "unreadable vi keymap: default keys still work" wait_for '^\[exit 0\]'

# a bad line in the user's keys file: reported with file and line, the rest loads
mkdir -p "$tmp/home/.config/kensa"
printf 'bind z quit\nbind x no-such-action\n' >"$tmp/home/.config/kensa/keys"
start 100 30 -- "$md"
check "user keys: bad line reported as file:line" wait_for '~/\.config/kensa/keys:2: unknown action: no-such-action'
keys z
check "user keys: the good line loaded" wait_for '^\[exit 0\]'
rm -f "$tmp/home/.config/kensa/keys"
# the limit prompt starts empty and Up brings back what was given before
start 100 30 -- "$md"
wait_for '6 messages' >/dev/null
keys l '~v clean' Enter
wait_for 'shown 1: ~v clean' >/dev/null
keys l C-u '~f NO_SUCH_FINDING' Enter
wait_for 'unknown finding id' >/dev/null
# another kind of prompt: its answers are its own
keys T '~N' Enter
wait_for 'messages? tagged' >/dev/null
keys C-t '~T' Enter
wait_for 'messages? untagged' >/dev/null
keys l
check "limit: the prompt starts empty" wait_for 'empty: all\):$'
keys Up
check "limit: Up recalls the last pattern" wait_for 'empty: all\): ~f NO_SUCH_FINDING$'
keys Up
check "limit: Up again, the one before" wait_for 'empty: all\): ~v clean$'
keys Down Down
check "limit: Down back to the empty line" wait_for 'empty: all\):$'
keys '~x foo' Enter
check "limit: an unknown ~ pattern is an error, not an empty list" wait_for 'unknown pattern: ~x'
# folded as the brand matcher folds: full-width and half-width forms, any case
keys l 'ＳＭＡＲＴａｌｋ' Enter
check "limit: full-width ＳＭＡＲＴａｌｋ finds SMARTalk" wait_for 'shown 1: ＳＭＡＲＴａｌｋ'
keys l 'ﾎﾟｹｯﾄ' Enter
check "limit: half-width ﾎﾟｹｯﾄ finds ポケットカード" wait_for 'shown 1: ﾎﾟｹｯﾄ'
check "limit: its row" grep -qF 'ポケットカード' <<<"$(screen)"
keys l C-u Enter
wait_for '6 messages \|' >/dev/null
keys Q
wait_for '^\[exit 0\]' >/dev/null
finish
