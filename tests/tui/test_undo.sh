# Undo that cannot destroy a project (issue 12): in the TUI a big step asks
# first, undo is per coder, nothing undone is lost; `anker undo` asks on a
# terminal.

# documents codes codings, as one line
counts() {
	sql "$P" "SELECT (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM code),
	  (SELECT COUNT(*) FROM segment)" | tr '|' ' '
}

test_undo_of_the_demo_asks_and_can_be_redone_later() {
	demo_copy
	# One u on a fresh demo: a question, not the whole demo gone.
	screen -s 200x30 'u'
	expect_out "Undo step 1 (demo by tester): 5 documents, 54 codes, 128 codings? y/N"
	expect_eq "5 54 128" "$(counts)" "documents, codes, codings while asked"
	screen -s 200x30 'un'
	expect_out "Not undone"
	screen -s 200x30 'u<Esc>'
	expect_out "Not undone"
	screen -s 200x30 'u<Enter>'
	expect_out "Not undone"
	expect_eq "5 54 128" "$(counts)" "documents, codes, codings after no"
	screen -s 200x30 'uy'
	expect_out "Undid step 1 (demo by tester): removed 5 documents, 54 codes, 128 codings"
	expect_eq "0 0 0" "$(counts)" "documents, codes, codings after yes"
	# A new change: Ctrl-R has nothing to redo, and says what stays undone ...
	"$ANKER" -p "$P" import "$FIXTURES/corpus/lehre.txt" >/dev/null 2>&1
	screen -s 200x30 '<C-r>'
	expect_out "Nothing to redo: tester changed the project after undoing; step 1 (demo by tester) stays undone"
	# ... but the demo is not gone for good.
	screen -s 200x30 ':redo 1<Enter>'
	expect_out "Redid step 1 (demo by tester): added 5 documents, 54 codes, 128 codings"
	expect_eq "6 54 128" "$(counts)" "documents, codes, codings after :redo 1"
	expect_eq ok "$(sql "$P" 'PRAGMA integrity_check')" "integrity"
}

test_undo_of_one_coding_does_not_ask() {
	demo_copy
	"$ANKER" -p "$P" mark "Interview 01" 2.9 0 10 >/dev/null
	screen -s 200x30 'u'
	expect_out "Undid step 2 (mark by tester): removed 1 coding"
	expect_eq "5 54 128" "$(counts)" "documents, codes, codings"
}

# With anna's TUI open, ben codes in another shell: anna's u takes back
# her own coding, never his, and says whose step it undid.
test_tmux_undo_is_per_coder() {
	demo_copy
	tmux_start 200 30 env ANKER_CODER=anna "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	ANKER_CODER=ben "$ANKER" -p "$P" mark "Interview 02" 2.9 0 10 >/dev/null
	keys u
	wait_screen "Nothing to undo for anna: the newest step is step 2 (mark by ben)"
	keys Enter
	wait_screen "Interview 01 – Stadt"
	keys v w c
	wait_screen "Coded 0-11"
	ANKER_CODER=ben "$ANKER" -p "$P" mark "Interview 02" 2.9 20 30 >/dev/null
	keys u
	wait_screen "Undid step 3 (mark by anna): removed 1 coding"
	expect_eq 2 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder k ON k.id = s.coder_id
	  WHERE k.name = 'ben' AND s.start IN (0, 20) AND s.doc_id = (SELECT id FROM document
	  WHERE name = 'Interview 02')")" "ben's two codings"
	expect_eq 130 "$(sql "$P" "SELECT COUNT(*) FROM segment")" "codings: the demo's and ben's two"
	keys q
}

# anker undo on a terminal asks before a big step, and names it.
test_tmux_cli_undo_asks_on_a_terminal() {
	demo_copy
	tmux_start 200 30 sh -c "'$ANKER' -p '$P' undo; echo \"rc=\$?\"; sleep 600"
	wait_screen "Undo step 1 (demo by tester): 5 documents, 54 codes, 128 codings? [y/N]"
	keys n Enter
	wait_screen "rc=1"
	expect_eq "5 54 128" "$(counts)" "after n"
	case $SCREEN in *"anker: step 1 (demo by tester) was not undone"*) ;;
		*) fail "no 'was not undone' message: $SCREEN" ;; esac
	tmux_cleanup
	tmux_start 200 30 sh -c "'$ANKER' -p '$P' undo; echo \"rc=\$?\"; sleep 600"
	wait_screen "? [y/N]"
	keys y Enter
	wait_screen "rc=0"
	case $SCREEN in *"undid step 1 (demo by tester): removed 5 documents, 54 codes, 128 codings"*) ;;
		*) fail "no 'undid' message: $SCREEN" ;; esac
	expect_eq "0 0 0" "$(counts)" "after y"
	tmux_cleanup
	# --yes: no question on a terminal either.
	"$ANKER" -p "$P" redo 2>/dev/null
	tmux_start 200 30 sh -c "'$ANKER' -p '$P' undo --yes; echo \"rc=\$?\"; sleep 600"
	wait_screen "rc=0"
	expect_eq "0 0 0" "$(counts)" "after undo --yes"
}

test_help_describes_undo_and_resume() {
	demo_copy
	screen -s 100x250 '?'
	expect_out "Undo your last change, not another coder's (big ones ask y/N)"
	expect_out "Redo what you undid last (:redo N: any undone step)"
	expect_out ":undo [STEP]     Undo your last change, or step STEP of anyone"
	expect_out "Quit (every change is saved; the next start resumes here)"
	expect_help "kept across sessions"
}

# On a narrow terminal the question keeps its start and its answer: the
# middle goes, never "y/N".
test_undo_question_fits_a_narrow_terminal() {
	demo_copy
	screen -s 50x20 'u'
	expect_out "Undo step 1 (demo by tes…odes, 128 codings? y/N"
	screen -s 50x20 'uy'
	expect_eq "0 0 0" "$(counts)" "documents, codes, codings after yes"
}
