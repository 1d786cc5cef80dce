# The views follow every reload (issue 12 items 1 and 4): undo and redo,
# a write of another process (run between two keys with the headless
# hook <Hook>, or from the shell beside the TUI in tmux), a code deleted
# or merged under a view.  Views hold codes, documents and segments by
# GUID and look them up again; a row whose object is gone disappears, a
# view whose code is gone says so.

GONE="gone: deleted, merged or undone"

# hook CMD...: what <Hook> runs (anker on the project, output discarded).
hook() { export ANKER_TUI_HOOK="$ANKER -p $P $*"; }

# expect_sq TEXT: $OUT with runs of blanks squeezed contains TEXT.
expect_sq() {
	case $(printf '%s\n' "$OUT" | tr -s ' ') in *"$1"*) ;; *) fail "expected (blanks squeezed) '$1', got:
$OUT" ;; esac
}

# The demo's only step is its import (tester's): undo, asked and answered
# y, removes every code while the segments view shows one (it crashed:
# the view kept an index into the old code tree).
test_undo_of_every_code_under_the_segments_view() {
	demo_copy
	screen -s 140x42 'ruy'
	expect_line 1 "Segments (0) of 1 Verflechtungsdichte ($GONE)"
	expect_out "Undid step 1"
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM code')" "codes after the undo"
	# Every view, undo and redo under it (each run on a fresh copy: undo
	# writes the project).
	local v
	for v in R B F O I V '<Enter>' 'O<Enter>' 'I<Enter>'; do
		demo_copy
		screen -s 140x42 "<Tab>jj${v}uyjk<Enter><C-r>jk<Enter>q"
	done
	demo_copy
	screen -s 140x42 '<Tab>jjBuy'
	expect_out "The code is gone:"
	demo_copy
	screen -s 140x42 '<Tab>jjBuy<C-r>'
	expect_line 1 "Codebook and review: 2 segments"
}

# Undo of a coding under the segments view: the row goes, and Enter on
# the row the cursor was on goes to a passage that exists.
# demo_marked: a fresh copy with one more coding of 2.1 (zoe, Interview
# 02, 0-20) as its last step; the TUI runs as zoe (undo is per coder).
demo_marked() {
	demo_copy
	"$ANKER" -p "$P" mark "Interview 02" 2.1 0 20 --coder zoe >/dev/null
}

test_segments_view_drops_an_undone_coding() {
	local -x ANKER_CODER=zoe
	demo_marked
	screen '<Tab>jjr'
	expect_line 1 "Segments (3) of 2.1"
	expect_out "| zoe | weight 0"
	screen '<Tab>jjrjju'
	expect_line 1 "Segments (2) of 2.1"
	expect_no_out "| zoe | weight 0"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder c ON c.id = s.coder_id
	    WHERE c.name = 'zoe'")" "zoe's segments after the undo"
	demo_marked
	screen '<Tab>jjrjju<Enter>'
	expect_line 30 "| Interview 01 | Pos. 44 (6024)"
	# Redo brings it back, the cursor on the segment it was on.
	demo_marked
	screen '<Tab>jjrju<C-r><Enter>'
	expect_line 30 "| Interview 01 | Pos. 44 (6024)"
	demo_marked
	screen '<Tab>jjrjju<C-r>jk<Enter>'
	expect_line 30 "| Interview 01 | Pos. 44 (6024)"
	demo_marked
	screen '<Tab>jjrjj<Enter>'
	expect_line 30 "| Interview 02 | Pos. 1 (0)"
}

test_code_merged_under_the_views() {
	demo_copy
	hook codes merge 2.1 2.2
	screen -s 140x30 '<Tab>jjr<Hook>'
	expect_line 1 "Segments (0) of 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung ($GONE)"
	demo_copy
	hook codes merge 2.1 2.2
	screen '<Tab>jjB<Hook>'
	expect_out "The code is gone:"
	demo_copy
	hook codes merge 2.1 2.2
	screen -s 140x30 'Oj<Enter><Hook>'
	expect_line 1 "Segment pairs (0) of 2.1 x 1 (overlap) (a code is $GONE)"
	# The code tree: the merged code's row goes, the cursor stays on its
	# row (now 2.2), whose count grew.
	demo_copy
	hook codes merge 2.1 2.2
	screen '<Tab>jj<Hook>r'
	expect_line 1 "Segments (5) of 2.2"
}

# Another process codes 2.1 in Interview 02 (anna, 0-20) between two
# keys: every view counts it.
test_every_view_follows_another_writer() {
	demo_copy
	hook mark "'Interview 02'" 2.1 0 20 --coder anna
	screen '<Hook>'
	expect_line 4 "Interview 02              33"
	expect_sq "2.1 Sonstige Unterflec… 3|"
	demo_copy
	screen '<Tab>jjr<Hook>'
	expect_line 1 "Segments (3) of 2.1"
	demo_copy
	screen '<Tab>jjB<Hook>'
	expect_line 1 "Codebook and review: 3 segments"
	expect_out "Review: 0 of 3 segments"
	demo_copy
	screen 'F<Hook>'
	expect_sq "2.1 Sonstige Unterflechtung 3 2 2.33"
	demo_copy
	screen 'O<Hook>'
	expect_sq "2.1 Sonstige Unterflechtu… 0 3 0"
	demo_copy
	screen -s 140x30 'I<Hook>'
	expect_sq "2.1 Sonstige Unterflechtung 23184 271 251"
	demo_copy
	screen -s 140x30 'j<Enter>V'
	expect_line 1 "Side by side: Interview 02, 10 disagreements"
	screen -s 140x30 'j<Enter>V<Hook>'
	expect_line 1 "Side by side: Interview 02, 11 disagreements"
	# The open document: its stripe shows the new coding.
	demo_copy
	export NO_COLOR=1
	screen 'j<Enter>'
	expect_line 2 "| 1     Interview 02"
	screen 'j<Enter><Hook>'
	expect_line 2 "| 1 a   Interview 02"
}

# The cursor stays on its object when another process's write moves the
# rows: documents, codes, frequencies.
test_cursor_stays_on_its_object() {
	demo_copy
	hook import --group Aaa "$T/new.txt"
	printf 'Ein neues Dokument.\n' > "$T/new.txt"
	screen 'j<Hook><Enter>'
	expect_line 1 "Documents (6)"
	expect_out "| Interview 02"
	demo_copy
	hook codes add "'0 Neu'"
	screen 'Fjj<Hook><Enter>'
	expect_line 1 "Segments (2) of 2.1"
}

# The tmux end to end: the TUI open, the command line codes beside it;
# the counts follow within a second, the cursor where it was; Ctrl-L
# reloads at once.
test_tmux_live_with_another_writer() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)" || return 0
	keys j Tab j j
	wait_screen "2.1 Sonstige Unterflec… 2" || return 0
	"$ANKER" -p "$P" mark "Interview 02" 2.1 0 20 --coder cli >/dev/null
	wait_screen "Interview 02              33" 3 || return 0
	case $SCREEN in *"2.1 Sonstige Unterflec… 3"*) ;; *) fail "code count not updated: $SCREEN" ;; esac
	# The cursor stayed on 2.1: r shows its segments.
	keys r
	wait_screen "Segments (3) of 2.1" || return 0
	"$ANKER" -p "$P" undo --coder cli >/dev/null 2>&1
	wait_screen "Segments (2) of 2.1" 3 || return 0
	keys q C-l
	wait_screen "Interview 02              32" || return 0
	expect_eq 2 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN code c ON c.id = s.code_id
	    WHERE c.number = '2.1'")" "segments of 2.1"
}
