# lib.sh — drive the real kensa binary in a private tmux server (sourced by tests/ui/*.sh).
# Each test starts kensa in a detached session of a fixed size, sends keys and
# reads the screen back with capture-pane; waits are bounded retry loops.
. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed (./quickstart installs it)"
sock=kensa-test-$$
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
T() { tmux -u -L "$sock" -f /dev/null "$@"; }
# tmux brings its own terminal, but needs a pseudo-terminal for it (absent in some containers)
if ! T new-session -d -x 20 -y 5 "sleep 5" >/dev/null 2>&1; then
	skip_all "tmux cannot open a session here (no pseudo-terminals?)"
fi
T kill-server >/dev/null 2>&1

# start W H [VAR=VALUE...] -- ARGS...: run kensa ARGS in a fresh W x H session.
# The pane stays after kensa exits and shows "[exit N]".
start() {
	local w=$1 h=$2 envs="" cmd
	shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $(printf '%q' "$1")"; shift; done
	shift
	cmd="env KENSA_KEYMAPDIR=$(printf '%q' "$top_srcdir/keymaps") LC_ALL=\${LC_ALL:-C.UTF-8} HOME=$(printf '%q' "$tmp/home") XDG_CONFIG_HOME= $envs $(printf '%q' "$KENSA")"
	for a in "$@"; do cmd="$cmd $(printf '%q' "$a")"; done
	mkdir -p "$tmp/home"
	T kill-server >/dev/null 2>&1
	# a server that is still going away refuses the new session: retry briefly
	for i in $(seq 50); do
		T new-session -d -x "$w" -y "$h" "$cmd; echo \"[exit \$?]\"; sleep 600" 2>/dev/null && break
		sleep 0.1
	done
	T set-option -g status off >/dev/null
}
screen() { T capture-pane -p -t 0 "$@"; }
keys() { T send-keys -t 0 "$@"; }
# wait_for REGEX [TRIES]: until the screen matches (0.1 s between tries, default 150)
wait_for() {
	local i
	for i in $(seq "${2:-150}"); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	echo "# timed out waiting for: $1"; screen | sed 's/^/#   | /'
	return 1
}
# wait_gone REGEX: until the screen no longer matches
wait_gone() {
	local i
	for i in $(seq "${2:-150}"); do
		screen | grep -Eq -- "$1" || return 0
		sleep 0.1
	done
	echo "# timed out waiting for the screen to lose: $1"; screen | sed 's/^/#   | /'
	return 1
}
# the sample Maildir, copied (tests may write to it)
copy_samples() {
	rm -rf "$tmp/Maildir"
	cp -R "$samples/Maildir" "$tmp/Maildir"
	chmod -R u+w "$tmp/Maildir"
}
