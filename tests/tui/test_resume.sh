# Resume where you left off (issue 12): quitting and reopening the TUI
# brings back the document, the cursor and the scroll, the pane, the
# current code and the recent codes (1-9), per coder; what was deleted
# meanwhile is simply not restored.  resume_screen keeps the place between
# runs (screen forgets it).

# The place of coder $1 as "key=value" lines.
place_of() {
	sql "$P" "SELECT key || '=' || value FROM coder_state WHERE coder = '$1' ORDER BY key"
}

test_resume_document_cursor_scroll_and_codes() {
	demo_copy
	# Interview 02, a page down and two paragraphs on; 2.9 made current
	# with the finder, then used to code (so it is recent code 1).
	resume_screen 'j<Enter><PgDn>}}wf2.9<Enter>vwc'
	expect_out "Coded"
	local first=$OUT
	expect_line 30 "Interview 02 | Pos. 16 (1163)"
	# Reopened with no key at all: the same screen, not "Choose a document".
	resume_screen ''
	expect_no_out "Choose a document"
	expect_line 30 "Interview 02 | Pos. 16 (1163) | tester"
	expect_eq "$(printf '%s\n' "$first" | sed -n 1,29p)" "$(printf '%s\n' "$OUT" | sed -n 1,29p)" \
		"the panes as left (scroll included)"
	expect_line 2 "14"
	# The recent codes are back: 1 codes with 2.9.
	resume_screen 'wvw1'
	expect_out "with 2.9 OZG-Entwicklung"
	run anker -p "$P" log --limit 1 --format tsv
	expect_out "mark"
	expect_eq "tui.code=$(sql "$P" "SELECT guid FROM code WHERE number = '2.9'")" \
		"$(place_of tester | grep '^tui.code=')" "current code saved by GUID"
}

test_resume_is_per_coder() {
	demo_copy
	ANKER_CODER=anna resume_screen 'jj<Enter>}}'
	expect_line 30 "Interview 03 | Pos. 3"
	ANKER_CODER=ben resume_screen 'jjj<Enter>'
	expect_line 30 "Interview 04 | Pos. 1 (0)"
	ANKER_CODER=anna resume_screen ''
	expect_line 30 "Interview 03 | Pos. 3"
	ANKER_CODER=ben resume_screen ''
	expect_line 30 "Interview 04 | Pos. 1 (0)"
	# A coder who never opened it: the first screen, which says how to get help.
	ANKER_CODER=carla resume_screen ''
	expect_out "Choose a document and press Enter"
	expect_out "Press ? for help"
}

test_resume_skips_what_was_deleted() {
	P=$T/p.anker
	anker -p "$P" init >/dev/null 2>&1
	printf 'Erster Absatz.\n\nZweiter Absatz.\n' > eins.txt
	printf 'Noch ein Text.\n\nMit zwei Absätzen.\n' > zwei.txt
	anker -p "$P" import eins.txt >/dev/null 2>&1
	anker -p "$P" import zwei.txt >/dev/null 2>&1
	anker -p "$P" codes add Alpha >/dev/null
	anker -p "$P" codes add Beta >/dev/null
	# zwei open at paragraph 3, Beta current and recent
	resume_screen '<Tab>j<S-Tab>j<Enter>}vwc'
	expect_out "with 2 Beta"
	expect_line 30 "zwei | Pos. 3"
	# Meanwhile Beta's coding, Beta and zwei are undone (as another
	# process would): nothing of it comes back, and nothing complains.
	anker -p "$P" undo --step 5 2>/dev/null
	anker -p "$P" undo --step 4 --yes 2>/dev/null
	anker -p "$P" undo --step 2 --yes 2>/dev/null
	expect_eq "1 1" "$(sql "$P" "SELECT (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM code)" | tr '|' ' ')" "documents and codes left"
	resume_screen ''
	expect_out "Choose a document and press Enter"
	expect_line 30 "no document"
	resume_screen '<Enter>vw1'
	expect_no_out "Coded"
	expect_out "No recent code 1"
}

test_first_screen_says_how_to_get_help() {
	P=$T/p.anker
	anker -p "$P" init >/dev/null 2>&1
	screen ''
	expect_out "Press ? for help (every key), q to quit"
}

# The real thing: q, and the TUI started again.
test_tmux_resume_after_quit() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys j j Enter
	wait_screen "Interview 03 | Pos. 1 (0)"
	keys '}' '}' '}'
	wait_screen "Interview 03 | Pos. 4"
	keys q
	wait_for_place
	tmux_cleanup
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Interview 03 | Pos. 4"
	keys q
}

# Until the TUI that quit has saved its place (at most 20 s).
wait_for_place() {
	local i
	for ((i = 0; i < 400; i++)); do
		[ "$(sql "$P" "SELECT COUNT(*) FROM coder_state WHERE key = 'tui.place'" 2>/dev/null)" = 1 ] && return 0
		sleep 0.05
	done
	fail "the TUI never saved its place"
}
