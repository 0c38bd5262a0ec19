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
finish
