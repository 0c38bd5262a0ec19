#!/usr/bin/env bash
# The analysis core (src/) never includes curses: the TUI lives in ui/. Inside
# ui/, views meet the application only through view.h's view_ops and tui.h's
# services: no view's own functions are called from outside it (no cycle).
. "$top_srcdir/tests/cli/lib.sh"
bad=$(grep -lE '#include *[<"](n?curses|ncursesw/|term\.h)' "$top_srcdir"/src/*.[ch] || true)
check "src/ includes no curses header${bad:+: $bad}" test -z "$bad"
bad=$(grep -lE 'ui/' "$top_srcdir"/src/*.[ch] | grep -v 'src/kensa.c' || true)
check "only src/kensa.c refers to ui/${bad:+: $bad}" test -z "$bad"
# a view file's non-static functions are view_NAME_*; nobody else may call them
bad=
for f in "$top_srcdir"/ui/*.[ch]; do
	calls=$(grep -oE '\bview_[a-z]+_[a-z_]+\(' "$f" | sed 's/($//' | sort -u)
	for c in $calls; do
		name=${c#view_}; name=${name%%_*}
		case $(basename "$f") in "view-$name.c") continue ;; esac
		bad="$bad $(basename "$f"):$c"
	done
done
check "ui/: no view's functions called from outside it${bad:+:$bad}" test -z "$bad"
bad=$(grep -lE '#define REACT_|struct view_ops \{' "$top_srcdir"/ui/tui.h || true)
check "ui/tui.h is the application API; the view interface is view.h${bad:+: $bad}" test -z "$bad"
bad=$(grep -l '#include "view-' "$top_srcdir"/ui/*.[ch] || true)
check "ui/: no file includes a view's file${bad:+: $bad}" test -z "$bad"
# Linking: configure keeps curses out of LIBS; only kensa and the UI tests link it.
libs=$(sed -n 's/^LIBS = //p' "$top_builddir/Makefile")
check "configure's LIBS holds no curses (LIBS = $libs)" sh -c "! grep -q curses <<'X'
$libs
X"
if command -v ldd >/dev/null 2>&1; then
	check "kensa links curses (the check below can see it)" sh -c "ldd '$KENSA' | grep -q curses"
	for b in tests/unit/test_url tests/fuzz/replay_url; do
		[ -x "$top_builddir/$b" ] || continue
		n=$(ldd "$top_builddir/$b" | grep -c curses)
		check "$b (core only) links no curses (ldd: $n)" test "$n" = 0
	done
else
	skip "core-only programs link no curses" "no ldd here"
fi
finish
