# End-to-end tests: the real binary in a detached tmux session (its own
# server), keys sent with send-keys, the screen read with capture-pane,
# the database checked through the command line.

test_tmux_browse_and_open() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	wait_screen "Code System (54)"
	keys Enter
	wait_screen "Interview 01 – Stadt Hohenfeld"
	keys '}' '}'
	wait_screen "Pos. 3 (62)"
	keys q
}

test_tmux_no_command_opens_tui() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P"
	wait_screen "Documents (5)"
	keys q
}

test_tmux_resize() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys Enter
	wait_screen "Interview 01 – Stadt"
	tm resize-window -t t -x 40 -y 12
	wait_screen "Code System"
	local w
	w=$(printf '%s\n' "$SCREEN" | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -le 40 ] || fail "a line wider than 40 at 40x12"
	tm resize-window -t t -x 39 -y 12
	wait_screen "Window too small"
	tm resize-window -t t -x 200 -y 60
	wait_screen "Documents (5)"
	wait_screen "Interview 01 | Pos. 1"
	keys q
}

test_tmux_no_color_and_term_linux() {
	demo_copy
	tmux_start 100 30 env NO_COLOR=1 TERM=linux "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys Enter
	wait_screen "|16 a   B: Tja."
	keys q
}

# SIGKILL while coding: tests/tui/test_crash.sh (headless at 200 random
# moments, and in tmux).
