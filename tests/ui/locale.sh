#!/usr/bin/env bash
# Terminals and languages: NO_COLOR and --no-color keep glyphs and attributes,
# a non-UTF-8 locale gets ASCII glyphs, Japanese titles, labels and help under
# a Japanese locale, the theme can be overridden (bad lines reported).
. "$top_srcdir/tests/ui/lib.sh"
md=$samples/Maildir
colour_sgr=$'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5|9[0-7])[;m]'

start 100 30 NO_COLOR=1 -- "$md"
check "NO_COLOR: index shown" wait_for '6 messages'
wait_gone 'being analysed' >/dev/null
e=$(screen -e)
check "NO_COLOR: no colour at all" sh -c "! grep -qE '$colour_sgr' <<'X'
$e
X"
check "NO_COLOR: risk glyphs still there" grep -qE '▲|●' <<<"$(screen)"
check "NO_COLOR: cursor in reverse video" grep -qE $'\e\\[[0-9;]*7m' <<<"$e"
check "NO_COLOR: risky senders in bold" grep -qE $'\e\\[1[0-9;]*m[^\e]*(ポケットカード|u2zckmmpc)' <<<"$e"
keys j j Enter
check "NO_COLOR: message view" wait_for 'Links \(defanged\)'
check "NO_COLOR: panel glyphs" wait_for 'Origin +101\.47\.76\.101'
check "NO_COLOR: severity glyph beside the verdict" grep -qE 'Verdict +(!|✗) ' <<<"$(screen)"
# the link is drawn with an attribute: underlined, or bold/reverse when a finding marks it
check "NO_COLOR: the link drawn with an attribute" grep -qE $'\e\\[[0-9;]*[147]m(\e\\[[0-9;]*m)*[^\e]*(ログイン|hXXps)' <<<"$(screen -e)"

start 100 30 -- --no-color "$md"
wait_for '6 messages' >/dev/null
check "--no-color: no colour either" sh -c "! grep -qE '$colour_sgr' <<'X'
$(screen -e)
X"

# a terminal that is not UTF-8: ASCII glyphs, nothing else
start 100 30 LC_ALL=C -- "$md"
check "C locale: index shown" wait_for '6 messages'
wait_gone 'being analysed' >/dev/null
s=$(screen)
check "C locale: ASCII risk glyphs" grep -qE '^.. [0-9-]+ (!|#) ' <<<"$s"
check "C locale: only ASCII on the screen" sh -c "! LC_ALL=C grep -q \$'[\\x80-\\xff]' <<'X'
$s
X"
keys j j Enter
check "C locale: message view" wait_for '101\.47\.76\.101'

# Japanese: titles, panel labels and help
mkdir -p "$tmp/locale/ja/LC_MESSAGES"
msgfmt -o "$tmp/locale/ja/LC_MESSAGES/kensa.mo" "$top_srcdir/po/ja.po"
if locale -a 2>/dev/null | grep -qi '^ja_JP.utf-\?8$'; then
	start 100 30 "KENSA_LOCALEDIR=$tmp/locale" LC_ALL= LANGUAGE= LANG=ja_JP.UTF-8 -- "$md"
	how="LANG=ja_JP.UTF-8"
else
	start 100 30 "KENSA_LOCALEDIR=$tmp/locale" -- --lang ja "$md"
	how="--lang ja (no ja_JP.UTF-8 locale here)"
fi
check "ja ($how): status line in Japanese" wait_for '6 通 \| フィッシング [0-9]+ \| 要注意 [0-9]+'
keys j j Enter
check "ja: panel labels" wait_for '│差出人 +ポケットカード'
s=$(screen)
check "ja: origin label" grep -qE '│発信元 +101\.47\.76\.101' <<<"$s"
check "ja: link list heading" grep -qF 'リンク (無害化表記)' <<<"$s"
check "ja: wide characters keep the panel column" test "$(grep -c '│' <<<"$s")" -ge 20
# display columns before the separator (East Asian wide characters count two)
sepcols() { perl -CSD -Mutf8 -ne 'next unless /│/; my ($l) = split /│/; my $w = 0;
	for my $c (split //, $l) { my $o = ord $c; $w += ($o >= 0x1100 && $o <= 0x115F) || ($o >= 0x2E80 && $o <= 0xA4CF) ||
	    ($o >= 0xAC00 && $o <= 0xD7A3) || ($o >= 0xF900 && $o <= 0xFAFF) || ($o >= 0xFE30 && $o <= 0xFE4F) ||
	    ($o >= 0xFF00 && $o <= 0xFF60) || ($o >= 0xFFE0 && $o <= 0xFFE6) || ($o >= 0x1F300 && $o <= 0x1F64F) ? 2 : 1 }
	print "$w\n"' | sort -u; }
check "ja: the separator stays in one column" test "$(sepcols <<<"$s")" = 63
keys '?'
check "ja: help title" wait_for 'ヘルプ: メッセージ'
check "ja: help descriptions" wait_for 'open-received +Received 経路をホップごとに表示する'
keys q r
check "ja: Received view" wait_for 'Received 経路 \(新しい順\)'

# the theme: a user override, a bad line reported with file and line
mkdir -p "$tmp/home/.config/kensa"
printf '# my colours\nmedium = green,underline\nbogus = red\n' >"$tmp/home/.config/kensa/theme"
start 100 30 -- "$md"
check "theme: bad line reported as file:line" wait_for '~/\.config/kensa/theme:3: unknown theme element: bogus'
# the status line shows the theme error, not the progress: wait for the risk glyphs themselves
wait_for '▲' >/dev/null
check "theme: medium risk drawn green and underlined" grep -qE $'\e\\[4m\e\\[32m▲' <<<"$(screen -e)"
rm -f "$tmp/home/.config/kensa/theme"
finish
