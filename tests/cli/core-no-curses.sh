#!/usr/bin/env bash
# The analysis core (src/) never includes curses: the TUI lives in ui/.
. "$top_srcdir/tests/cli/lib.sh"
bad=$(grep -lE '#include *[<"](n?curses|ncursesw/|term\.h)' "$top_srcdir"/src/*.[ch] || true)
check "src/ includes no curses header${bad:+: $bad}" test -z "$bad"
bad=$(grep -lE 'ui/' "$top_srcdir"/src/*.[ch] | grep -v 'src/kensa.c' || true)
check "only src/kensa.c refers to ui/${bad:+: $bad}" test -z "$bad"
finish
