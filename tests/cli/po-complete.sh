#!/usr/bin/env bash
# Every user-visible string has a Japanese translation: po/ja.po covers every
# msgid xgettext finds in the sources, none fuzzy or empty, and it compiles.
. "$top_srcdir/tests/cli/lib.sh"
po=$top_srcdir/po
files=$(grep -v '^#' "$po/POTFILES.in" | sed "s,^,$top_srcdir/,")
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C -o "$tmp/kensa.pot" $files 2>"$tmp/err"
check "xgettext reads the sources" test -s "$tmp/kensa.pot"
check "ja.po has every msgid" msgcmp "$po/ja.po" "$tmp/kensa.pot"
[ $? = 0 ] || msgcmp "$po/ja.po" "$tmp/kensa.pot" 2>&1 | head -20 | sed 's/^/# /'
stats=$(LC_ALL=C msgfmt -c --statistics -o "$tmp/ja.mo" "$po/ja.po" 2>&1)
echo "# ja.po: $stats"
check "ja.po compiles (msgfmt -c)" test -s "$tmp/ja.mo"
check "ja.po: no fuzzy or untranslated entries" sh -c "! grep -Eq 'fuzzy|untranslated' <<'X'
$stats
X"
finish
