# Views over the panes (issue 4 items 6-8): retrieved segments, codebook
# and review, frequencies, co-occurrence and its segment pairs.  Headless
# screen tests on the demo project; changes checked through the command
# line and sqlite3.

# The code tree's third row is 2.1 "Sonstige Unterflechtung" (2 segments,
# both at Interview 01, Pos. 44); the second is 2 (none of its own, 79
# with its subcodes).

test_segments_of_current_code() {
	demo_copy
	screen '<Tab>jjr'
	expect_line 1 "Segments (2) of 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung"
	expect_line 2 "> Interview 01, Pos. 44"
	expect_out "Sonstige Unterflechtung | anna | weight 0"
	expect_out "Sonstige Unterflechtung | ben | weight 0"
	expect_out "  Die Landesbauordnungen sind ja zu neunzig Prozent gleich"
	expect_width 100
}

test_segments_with_subcodes_toggle() {
	demo_copy
	screen '<Tab>jr'
	expect_line 1 "Segments (0) of 2 Verflechtungsorganisation"
	screen '<Tab>jR'
	expect_line 1 "Segments (79) of 2 Verflechtungsorganisation with subcodes"
	screen '<Tab>jrR'
	expect_line 1 "Segments (79) of 2 Verflechtungsorganisation with subcodes"
	screen '<Tab>jRR'
	expect_line 1 "Segments (0) of 2 Verflechtungsorganisation"
}

test_segments_enter_jumps_to_passage() {
	demo_copy
	screen '<Tab>jjrj<Enter>'
	expect_line 30 "| Interview 01 | Pos. 44 (6024)"
	expect_line 1 "Documents (5)"
	# q closes the view and leaves the panes as they were
	screen '<Tab>jjrq'
	expect_line 1 "Documents (5)"
	expect_line 30 "no document"
	# q in the document after the jump: back to the segments, the second
	# one still under the cursor
	screen '<Tab>jjrj<Enter>q'
	expect_line 1 "Segments (2)"
	screen '<Tab>jjrj<Enter>q<Enter>'
	expect_line 30 "| Interview 01 | Pos. 44 (6024)"
}

test_segments_wrap_at_small_sizes() {
	demo_copy
	screen -s 40x12 '<Tab>jjr'
	expect_line 1 "Segments (2)"
	expect_out "Interview 01, Pos. 44"
	expect_width 40
	screen -s 100x30 '<Tab>jjr<Resize 40x12>'
	expect_width 40
}

test_review_shows_codebook_and_segments() {
	demo_copy
	screen '<Tab>jjB'
	expect_line 1 "Codebook and review: 2 segments"
	expect_out "Definition:"
	expect_out "Unterflechtungserscheinungen ohne"
	expect_out "Anchor examples:"
	expect_out "1. „D.h. dass wir uns erstmal"
	expect_out "Review: 0 of 2 segments: 0 fit, 0 do"
	expect_out "|> Interview 01, Pos. 44"
	expect_width 100
}

test_review_verdicts_with_comment_and_undo() {
	demo_copy
	screen '<Tab>jjBldzu allgemein<Enter>'
	expect_out "Verdict on ben's: misfit by tester: zu allgemein"
	expect_out "Review: 1 of 2 segments: 0 fit, 1 do"
	expect_out "Reviewed: misfit"
	expect_eq "misfit|zu allgemein|tester" \
		"$(sql "$P" "SELECT r.verdict, r.comment, c.name FROM review r JOIN coder c ON c.id = r.reviewer_id")" "review row"
	run anker -p "$P" review list
	expect_out "zu allgemein"
	# fits without a comment, then undo it in the view: visible at once
	screen '<Tab>jjBy<Enter>'
	expect_out "Verdict on anna's: fits by tester"
	expect_out "1 fit, 1 do"
	screen '<Tab>jjBu'
	expect_out "Undid step"
	expect_out "Verdict on ben's: misfit by tester: zu allgemein"
	expect_out "0 fit, 1 do"
	screen '<Tab>jjBm<Esc>'
	expect_no_out "borderline by"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM review")" "reviews after Esc (the fits was undone)"
}

test_review_promote_anchor() {
	demo_copy
	screen '<Tab>jjBa'
	expect_out "Added anchor example 2"
	expect_out "2. „Die Landesbauordnungen sind ja zu"
	run anker -p "$P" anchors list 2.1
	expect_out "Interview 01, Pos. 44"
	# promoting it again is refused, with a message on the status line
	screen '<Tab>jjBa'
	expect_line 30 "segment "
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM log WHERE action = 'anchors add'")" "anchors add steps"
	run anker -p "$P" log
	expect_out "anchors add"
}

# A code name too long for its column ends in "…" in F, O, X and I, as in
# the code tree: cut bare ("Unterstützung für Kommunen be") it read as the
# whole name.
test_table_views_mark_cut_names() {
	demo_copy
	screen 'F'
	expect_out "2.9.3 Unterstützung für Kom…  "
	expect_no_out "2.9.3 Unterstützung für Komm "
	screen 'O'
	expect_out "2.1 Sonstige Unterflechtu…  "
	screen 'X'
	expect_out "2.9.3 Unterstützung für Kommun…  "
	screen -s 120x40 'I'
	expect_out "2.10.3 kein einheitlicher Zugang für B…"
	# a name that fits is drawn whole, without the mark
	expect_out "2.1 Sonstige Unterflechtung "
}

test_freq_bars_and_rollup() {
	demo_copy
	screen 'F'
	expect_line 1 "Frequencies, all coders: 128 segments"
	expect_out " 1 Verflechtungsdichte                   3     2   2.34 ███"
	expect_out " 2 Verflechtungsorganisation             0     0   0.00"
	screen 'FR'
	expect_line 1 "Frequencies (rolled up)"
	expect_out " 2 Verflechtungsorganisation            79     5"
	expect_width 100
	run env TERM=linux NO_COLOR=1 ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS=F "$ANKER" -p "$P" tui
	expect_out "2.34 ###"
	case $OUT in *█*) fail "block characters on TERM=linux" ;; esac
	# Enter opens the retrieved segments of the row's code
	screen 'Fjj<Enter>'
	expect_line 1 "Segments (2) of 2.1"
	# each coder separately, rolled up: the documents where the code or a
	# subcode occurs, each coder's (analysis/freq.c reads them without the
	# bitsets of every row where it can; freq --by coder --rollup the same)
	screen -s 120x40 'FCCCR'
	expect_line 1 "Frequencies (rolled up), each coder separately: 128 segments"
	expect_out " 2 Verflechtungsorganisation (anna)            54     5  65.06"
	expect_out " 2 Verflechtungsorganisation (ben)             25     3  55.56"
	expect_out "   2.1 Sonstige Unterflechtung (ben)            1     1   2.22"
}

test_cooc_matrix_modes_and_measure() {
	demo_copy
	screen 'O'
	expect_line 1 "Co-occurrence: overlap, count, all coders, 44 codes"
	expect_sq " 1 2.1 2.2 2.3 2.4"
	expect_sq " 1 Verflechtungsdichte 3 0 1 0"
	screen 'Oo'
	expect_line 1 "Co-occurrence: near:1, count"
	screen 'Oo))('
	expect_line 1 "Co-occurrence: near:2, count"
	screen 'Ooo'
	expect_line 1 "Co-occurrence: paragraph, count"
	screen 'Oooo'
	expect_line 1 "Co-occurrence: document, count"
	expect_sq " 1 Verflechtungsdichte 2 1 2 0"
	screen 'Ooo%'
	expect_line 1 "paragraph, jaccard"
	expect_sq "Verflechtungsdichte 1.00 0.00 1.00"
	screen 'O%'
	expect_line 1 "overlap, row %"
	screen 'OR'
	expect_line 1 ", rolled up"
	expect_width 100
	screen -s 40x12 'O'
	expect_width 40
}

# Matrices counted once are kept per mode: o round to overlap shows the
# same; a change to the project (here :undo) counts every mode anew.
test_cooc_modes_kept_until_the_project_changes() {
	demo_copy
	run anker -p "$P" mark "Interview 01" 1 6024 6100
	expect_rc 0
	screen 'O'
	expect_sq " 1 Verflechtungsdichte 4 2 1 0"
	screen 'Ooooo'
	expect_line 1 "Co-occurrence: overlap, count"
	expect_sq " 1 Verflechtungsdichte 4 2 1 0"
	screen 'Oooo:undo<Enter>o'
	expect_line 1 "Co-occurrence: overlap, count"
	expect_sq " 1 Verflechtungsdichte 3 0 1 0"
}

# The matrices counted are kept in the project (schema 10): the next run of
# the view reads them (a changed kept count shows, so it is read), and
# any change drops them, so the next run counts again.
test_cooc_kept_in_the_project_caught_up_after_a_change() {
	demo_copy
	screen 'Oooo'
	expect_line 1 "Co-occurrence: document, count"
	expect_eq 4 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "matrices kept"
	sql "$P" "UPDATE cooc_cache SET counts = zeroblob(8) || substr(counts, 9) WHERE id = 1"
	screen 'O'
	expect_sq " 1 Verflechtungsdichte 0 0 1 0"
	run anker -p "$P" mark "Interview 01" 1 6024 6100
	expect_rc 0
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache WHERE gen = (SELECT gen FROM
	    cooc_state)')" "matrices kept as the project is after mark"
	# Caught up (schema 15): the document marked counted again, the cell
	# set behind anker's back still off by what was set (3), the others as
	# counted.
	screen 'O'
	expect_sq " 1 Verflechtungsdichte 1 2 1 0"
	ANKER_NO_CACHE=1 screen 'O'
	expect_sq " 1 Verflechtungsdichte 4 2 1 0"
}

test_cooc_scrolls_both_ways() {
	demo_copy
	screen -s 60x14 'O'
	expect_no_out "2.12"
	screen -s 60x14 'OGG'
	expect_no_out "Verflechtungsdichte"
	expect_line 2 "4.1"
	expect_width 60
}

test_cooc_enter_lists_pairs_and_jumps() {
	demo_copy
	screen 'Oll<Enter>'
	expect_line 1 "Segment pairs (1) of 1 x 2.2 (overlap)"
	expect_line 2 "> Interview 01, Pos. 28  +  Interview 01, Pos. 28"
	expect_out "1 Verflechtungsdichte (anna): Wir beteiligen"
	expect_out "2.2 Verflechtungsorganisation >> Sonstige Überflechtung (ben): Wir beteiligen"
	screen 'Oll<Enter><Enter>'
	expect_line 30 "| Interview 01 | Pos. 28 (3178)"
	screen 'Oll<Enter>q'
	expect_line 1 "Co-occurrence: overlap"
}

test_cooc_no_color_bold_and_colors() {
	demo_copy
	run env NO_COLOR=1 ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS=O "$ANKER" -p "$P" tui
	expect_rc 0
	expect_sq " 1 Verflechtungsdichte 3 0 1"
	run env TERM=xterm ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS=O "$ANKER" -p "$P" tui
	expect_rc 0
	expect_sq " 1 Verflechtungsdichte 3 0 1"
}

test_views_listed_in_help() {
	demo_copy
	screen -s 120x250 '?'
	for name in segments subcodes review fits misfit borderline anchor frequencies cooc cooc-mode near-more measure; do
		expect_out "$name"
	done
}

# A command with long arguments has its help on the next line, in the
# column of the others, not pushed to the window's right edge.
test_help_long_command_text_below() {
	demo_copy
	screen -s 80x40 '?G'
	local l
	l=$(printf '%s\n' "$OUT" | grep -n '^ :docs \[group G|var N=V|doc A, B\] *$' | cut -d: -f1)
	[ -n "$l" ] || fail "expected ':docs [group G|var N=V|doc A, B]' alone on its line, got:
$OUT"
	expect_line $((l + 1)) "                  Count only these documents in r, F, O, X, B"
	expect_out " :rename NAME     Rename the current code"
}

test_tmux_review_and_segments() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys Tab j j B
	wait_screen "Codebook and review: 2 segments"
	keys y
	wait_screen "Fits, comment"
	keys -l 'passt gut'
	keys Enter
	wait_screen "Verdict on anna's: fits by tester: passt gut"
	keys q r
	wait_screen "Segments (2) of 2.1"
	keys Enter
	wait_screen "Pos. 44 (6024)"
	keys q
	run anker -p "$P" review list --all
	expect_out "passt gut"
}
