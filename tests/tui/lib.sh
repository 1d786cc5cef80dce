# tests/tui/lib.sh — helpers for the TUI tests, on top of tests/cli/lib.sh.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../cli" && pwd)/lib.sh"

# demo_copy: a fresh copy of the demo project as $T/p.anker.
demo_copy() { cp "$DEMO" "$T/p.anker"; P=$T/p.anker; }

# screen [-s WxH] KEYS: run the TUI headless on $P; the screen in $OUT.
# Each run starts as the coder's first: the place an earlier run saved
# (tui/resume.c: document, cursor, codes) is forgotten first, so that the
# runs of a test do not depend on each other.  resume_screen keeps it.
screen() {
	if [ -f "$P" ]; then sql "$P" "DELETE FROM coder_state" >/dev/null 2>&1 || true; fi
	resume_screen "$@"
}

resume_screen() {
	local size=100x30
	if [ "$1" = -s ]; then size=$2; shift 2; fi
	run env ANKER_TUI_HEADLESS="$size" ANKER_TUI_KEYS="$1" "$ANKER" -p "$P" tui
	expect_rc 0
}

# line N: line N (1-based) of $OUT.
line() { printf '%s\n' "$OUT" | sed -n "${1}p"; }

expect_line() {   # expect_line N SUBSTRING
	local l; l=$(line "$1")
	case $l in *"$2"*) ;; *) fail "expected line $1 to contain '$2', got: '$l'" ;; esac
}

# Every line of $OUT at most W columns wide (display width, as wc -L
# measures it in a UTF-8 locale: wide characters 2, combining marks 0).
expect_width() {
	local w
	w=$(printf '%s\n' "$OUT" | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -le "$1" ] || fail "expected the screen at most $1 columns wide, widest line: $w"
}

# --- tmux -------------------------------------------------------------
# A private server per test (its own socket), killed at the end.
TMUX_SOCK=""
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# tmux_start W H CMD...: start CMD in a detached session of that size.
tmux_start() {
	local w=$1 h=$2; shift 2
	TMUX_SOCK=anker-test-$$-$RANDOM
	tm new-session -d -s t -x "$w" -y "$h" "$@"
}

# wait_screen TEXT [SECONDS]: poll capture-pane until TEXT shows (at most
# SECONDS, default 20: a bound for a loaded machine, not a delay).
wait_screen() {
	local limit=$(( ${2:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		SCREEN=$(tm capture-pane -p -t t 2>/dev/null)
		case $SCREEN in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "waited ${2:-20}s for '$1' on the screen; it shows:
$SCREEN"
	return 1
}

# wait_screen_gone TEXT: poll until TEXT no longer shows (at most 20 s);
# the screen in $SCREEN.  1 when it stayed.
wait_screen_gone() {
	local i=0
	while [ $i -lt 400 ]; do
		SCREEN=$(tm capture-pane -p -t t 2>/dev/null)
		case $SCREEN in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

keys() { tm send-keys -t t "$@"; }

tmux_cleanup() {
	if [ -n "$TMUX_SOCK" ]; then
		tm kill-server 2>/dev/null || true
		TMUX_SOCK=""
	fi
	return 0
}
