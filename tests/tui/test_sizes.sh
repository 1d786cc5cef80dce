# Headless screen tests of the layout at a large size and across resizes
# (<Resize WxH> in the key script): the status line on the last line, no
# line wider than the screen, "Window too small" below 40x12 and the panes
# (or the open view) back after it.

# expect_screen W H: $OUT has exactly H lines (the last one the status line,
# which is never blank; a too-small screen, whose trailing blank lines $(...)
# cuts, at most H) and none wider than W columns.
expect_screen() {
	local n
	n=$(printf '%s\n' "$OUT" | wc -l)
	case $OUT in
	"Window too small"*) [ "$n" -le "$2" ] || fail "expected at most $2 lines, got $n" ;;
	*) [ "$n" -eq "$2" ] || fail "expected $2 lines on a $1x$2 screen, got $n" ;;
	esac
	# display width by wc -L (wcwidth in the UTF-8 locale): lib.sh's
	# expect_width starts python3 per call, too slow for this many screens
	n=$(printf '%s\n' "$OUT" | wc -L)
	[ "$n" -le "$1" ] || fail "expected the screen at most $1 columns wide, widest line: $n"
}

# expect_panes H: the three panes with Interview 01 open, status on line H.
expect_panes() {
	expect_line 1 "Documents (5)"
	expect_line 1 "| Interview 01"
	expect_out " Code System ("
	expect_out "Interview 01 –"
	expect_line "$1" " p.anker | Interview 01 | Pos. "
	expect_no_out "Window too small"
}

# expect_freq H: the frequencies view over the panes, status on line H.
expect_freq() {
	expect_line 1 " Frequencies, all coders: 128 segments"
	expect_line 2 " Code "
	expect_out "1 Verflecht"
	expect_no_out "Documents (5)"
	expect_line "$1" " p.anker | Interview 01 | Pos. "
	expect_no_out "Window too small"
}

expect_too_small() {
	expect_line 1 "Window too small: anker needs 40x12"
	expect_no_out "Documents (5)"
	expect_no_out "Frequencies"
	expect_no_out "p.anker |"
}

test_size_300x100_panes_and_view() {
	demo_copy
	screen -s 300x100 '<Enter>'
	expect_screen 300 100
	expect_panes 100
	expect_line 100 "| tester | NORMAL"
	# the whole first paragraph of the transcript fits on one line
	expect_out "6                                 I: Vielen Dank, dass Sie sich Zeit nehmen."
	screen -s 300x100 '<Enter>F'
	expect_screen 300 100
	expect_freq 100
	expect_line 100 "| tester | NORMAL"
}

# 300x100 -> 40x12 -> 120x40 -> 39x11 -> 80x24 with the frequencies view open
# over a document; then q closes the view and the panes are there.
test_resize_sequence_with_view_open() {
	demo_copy
	local k='<Enter>}}F'
	screen -s 300x100 "$k"
	expect_screen 300 100
	expect_freq 100
	k="$k<Resize 40x12>"
	screen -s 300x100 "$k"
	expect_screen 40 12
	expect_freq 12
	k="$k<Resize 120x40>"
	screen -s 300x100 "$k"
	expect_screen 120 40
	expect_freq 40
	expect_line 40 "| Pos. 3 (62) | tester | NORMAL"
	k="$k<Resize 39x11>"
	screen -s 300x100 "$k"
	expect_screen 39 11
	expect_too_small
	k="$k<Resize 80x24>"
	screen -s 300x100 "$k"
	expect_screen 80 24
	expect_freq 24
	expect_line 24 "| Pos. 3 (62) | tester | NORMAL"
	screen -s 300x100 "${k}q"
	expect_screen 80 24
	expect_panes 24
	expect_line 24 "| Pos. 3 (62) | tester | NORMAL"
}

# The same sequence with the panes only; the cursor survives every resize.
test_resize_sequence_panes() {
	demo_copy
	local k='<Enter>}}' s
	for s in 300x100 40x12 120x40 39x11 80x24; do
		k="$k<Resize $s>"
		screen -s 300x100 "$k"
		expect_screen "${s%x*}" "${s#*x}"
		if [ "$s" = 39x11 ]; then
			expect_too_small
		else
			expect_panes "${s#*x}"
			expect_line "${s#*x}" "| Pos. 3 (62)"
		fi
	done
	# keys still work after the window was too small
	screen -s 300x100 "$k}"
	expect_screen 80 24
	expect_out "Pos. 4 ("
}

# While the window is too small, keys other than quit do nothing: after it
# grows, the screen is the one from before.
test_keys_while_too_small() {
	demo_copy
	screen -s 39x11 '<Enter>F'
	expect_screen 39 11
	expect_too_small
	screen -s 39x11 '<Enter>F<Resize 100x30>'
	expect_screen 100 30
	expect_line 30 " p.anker | no document | tester | NORMAL"
	expect_no_out "Frequencies"
	screen -s 100x30 '<Enter><Resize 20x5>}}F<Resize 100x30>'
	expect_screen 100 30
	expect_panes 30
	expect_line 30 "| Pos. 1 (0) |"
	screen -s 20x5 'q'
	expect_out "Window too small"
}
