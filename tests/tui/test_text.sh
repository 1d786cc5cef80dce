# Headless screen tests of the text pane (issue 4 items 2, 3, 5, 9): the
# finder, recent codes, codings at the cursor, unit selection, the mouse,
# search and autocode, the prompt line and the `:` command line.  Changes
# are checked in the project through the command line and sqlite3.

# A small project: one document "t" and the codes 1 Alpha, 1.1 Sub, 2 Beta.
# Code points: paragraph 1 is 0-40 ("I: Erste Frage hier. Zweiter Satz
# folgt."), 2 is 41-82 (a turn of B), 3 is empty (83), 4 is 84-122.
# The text pane starts at column 38 at 100x30 (row 1 is its first line).
tdoc() {
	P=$T/p.anker
	printf 'I: Erste Frage hier. Zweiter Satz folgt.\nB: Die Antwort kommt. Noch ein Satz dazu.\n\nPortal eins, portal zwei, PORTAL drei.\n' > "$T/t.txt"
	anker -p "$P" init >/dev/null 2>&1
	anker -p "$P" import "$T/t.txt" >/dev/null 2>&1
	anker -p "$P" codes add Alpha >/dev/null
	anker -p "$P" codes add Beta >/dev/null
	anker -p "$P" codes add "Alpha >> Sub" >/dev/null
}

segs() {   # segs [SQL condition]: "start-end code coder" per segment
	sql "$P" "SELECT s.start || '-' || s.\"end\" || ' ' || c.name || ' ' || k.name
	          FROM segment s JOIN code c ON c.id = s.code_id JOIN coder k ON k.id = s.coder_id
	          ${1:+WHERE $1} ORDER BY s.start, c.name, k.name"
}

test_text_select_sentence_paragraph_turn() {
	tdoc
	screen '<Enter>s'
	expect_out "Selected sentence 0-20"
	expect_out "VISUAL"
	screen '<Enter>jp'
	expect_out "Selected paragraph 41-82"
	# a turn runs until the next one starts (the empty line and paragraph 4)
	screen '<Enter>jwwwwt'
	expect_out "Selected turn 41-122"
	# s on a selection extends it to the sentence under the cursor
	screen '<Enter>s}s'
	expect_out "Selected sentence 0-62"
	screen '<Enter>jjs'
	expect_out "No sentence at the cursor (an empty line)"
	screen '<Enter>sc'
	expect_eq "0-20 Alpha tester" "$(segs)" "the sentence coded"
	# the demo's title line is in no turn
	demo_copy
	screen '<Enter>t'
	expect_out "No speaker turn at the cursor"
}

# v starts a selection and v again cancels it (as in vim); a MAXQDA user
# reads the second v as "end it here", so it says so, and c codes nothing.
test_text_second_v_cancels_and_says_so() {
	tdoc
	screen '<Enter>v'
	expect_out "Selection started: move to extend it"
	expect_out "VISUAL"
	screen '<Enter>vwwv'
	expect_out "Selection cancelled"
	expect_out "NORMAL"
	screen '<Enter>vwwvc'
	expect_out "Nothing selected"
	expect_eq "" "$(segs)" "nothing coded"
	screen '?'
	expect_out "Start a selection at the cursor (v again: cancel it)"
}

test_text_finder_codes_selection() {
	tdoc
	screen '<Enter>sfsub'
	expect_line 2 "Code the selection with"
	expect_line 3 "> sub"
	expect_line 4 "1.1 Alpha >> Sub"
	case $(line 5) in *Beta*) fail "Beta matched 'sub'" ;; esac
	# best first: a number that starts with the query beats a name
	screen '<Enter>sf1'
	expect_line 4 "1 Alpha"
	expect_line 5 "1.1 Alpha >> Sub"
	screen '<Enter>sfbeta<Enter>'
	expect_out "Coded 0-20 with 2 Beta"
	expect_eq "0-20 Beta tester" "$(segs)" "coded with the finder's code"
	run anker -p "$P" segments --code Beta
	expect_out "Beta"
	# Up/Down choose among the matches; Esc codes nothing
	screen '<Enter>jsfalpha<Down><Enter>'
	expect_out "with 1.1 Sub"
	screen '<Enter>jjjsfalpha<Esc>'
	expect_eq "2" "$(sql "$P" 'SELECT COUNT(*) FROM segment')" "segments after Esc"
}

test_text_finder_creates_code() {
	tdoc
	screen '<Enter>sfGamma'
	expect_out '+ create code "Gamma"'
	# with a selection it asks whether to code it too: y does, in one step
	screen '<Enter>sfGamma<Enter>'
	expect_out "Create 'Gamma' and code the selection? y/N (N: only create)"
	screen '<Enter>sfGamma<Enter>y'
	expect_out "Created code 3 Gamma and coded 0-20 with it"
	expect_eq "0-20 Gamma tester" "$(segs)" "coded with the new code"
	run anker -p "$P" codes
	expect_out "Gamma"
	# PARENT >> NAME creates a subcode
	screen '<Enter>jsfAlpha >> Neu<Enter>y'
	expect_out "Created code 1.2 Neu and coded"
	expect_eq "Alpha >> Neu" "$(sql "$P" "SELECT p.name || ' >> ' || c.name FROM code c JOIN code p ON p.id = c.parent_id WHERE c.name = 'Neu'")" "the subcode"
	# one undo (asking: it removes a code) takes the coding and the code back
	screen 'uy'
	run anker -p "$P" codes
	expect_no_out "Neu"
	expect_out "Gamma"
	expect_eq "0-20 Gamma tester" "$(segs)" "the coding of Neu undone with it"
}

test_text_finder_without_selection_sets_current_code() {
	tdoc
	screen '<Enter>fbeta<Enter>'
	expect_out "Current code: 2 Beta"
	screen '<Tab>fbeta<Enter>'
	expect_out "Current code: 2 Beta"
	screen '<Enter>fbeta<Enter>vwc'
	expect_out "with 2 Beta"
}

test_text_recent_codes_by_digit() {
	tdoc
	screen '<Enter>1'
	expect_out "No recent code 1"
	# code with Beta, then Sub: 1 is Sub, 2 is Beta; 2 codes with Beta,
	# which is then 1 (the finder shows them)
	screen '<Enter>sfbeta<Enter>jsfsub<Enter>}}}s2f'
	expect_out "Recent  1:2 Beta  2:1.1 Sub"
	expect_eq "0-20 Beta tester
41-62 Sub tester
84-122 Beta tester" "$(segs)" "codings by digit"
	# recent codes last as long as the session
	screen '<Enter>}}}s1'
	expect_out "No recent code 1"
	screen '<Enter>sfalpha<Enter>}}}s1'
	expect_out "Coded 84-122 with 1 Alpha"
}

test_text_remove_coding_and_chooser() {
	tdoc
	anker -p "$P" mark t Alpha 0 20 --coder anna >/dev/null
	screen '<Enter>x'
	expect_out "Removed the coding anna: 1 Alpha (0-20)"
	expect_eq "" "$(segs)" "after x"
	screen 'u'
	expect_eq "0-20 Alpha anna" "$(segs)" "after undo"
	screen '<Enter>}}}x'
	expect_out "No coding at the cursor"
	# two codings under the cursor: a chooser lists them with their coders
	anker -p "$P" mark t Beta 3 20 --coder ben >/dev/null
	screen '<Enter>lllx'
	expect_out "Remove which coding?"
	expect_out "anna: 1 Alpha (0-20)"
	expect_out "ben: 2 Beta (3-20)"
	screen '<Enter>lllxben<Enter>'
	expect_eq "0-20 Alpha anna" "$(segs)" "ben's removed"
}

test_text_move_boundaries() {
	tdoc
	anker -p "$P" mark t Alpha 3 20 >/dev/null
	screen '<Enter>lll>'
	expect_out "to 9-20"
	expect_eq "9-20 Alpha tester" "$(segs)" "start a word right"
	screen '<Enter>llllllllll<lt><lt>'
	expect_eq "0-20 Alpha tester" "$(segs)" "start two words left"
	screen '<Enter>]'
	expect_eq "0-28 Alpha tester" "$(segs)" "end a word right"
	screen '<Enter>[['
	expect_eq "0-14 Alpha tester" "$(segs)" "end two words left"
	screen '<Enter>[[['
	expect_out "cannot move"
	expect_eq "0-2 Alpha tester" "$(segs)" "end at the first word"
	# each move is one undo step
	screen 'u'
	expect_eq "0-8 Alpha tester" "$(segs)" "after undo"
	local before after
	before=$(anker -p "$P" log | wc -l)
	screen '<Enter>]]'
	expect_eq "0-20 Alpha tester" "$(segs)" "end two words right"
	after=$(anker -p "$P" log | wc -l)
	expect_eq $((before + 2)) "$after" "log steps after two moves"
}

test_text_weight_and_memo_prompt() {
	tdoc
	anker -p "$P" mark t Alpha 0 20 >/dev/null
	screen '<Enter>W'
	expect_line 30 "Weight (0-100): 0"
	screen '<Enter>W<C-u>75<Enter>'
	expect_out "Set the weight of"
	expect_eq "75" "$(sql "$P" 'SELECT weight FROM segment')" "weight"
	screen '<Enter>W<BS><BS>500<Enter>'
	expect_out "A weight is a whole number from 0 to 100"
	expect_eq "75" "$(sql "$P" 'SELECT weight FROM segment')" "weight after a bad one"
	# the prompt edits UTF-8 by character: ä is deleted whole, X goes between
	screen '<Enter>Mabä<BS>ö<Left><Left>X<Enter>'
	expect_eq "aXbö" "$(sql "$P" 'SELECT text FROM memo')" "memo"
	screen '<Enter>Mfoo<Esc>'
	expect_eq "aXbö" "$(sql "$P" 'SELECT text FROM memo')" "memo after Esc"
	screen '<Enter>M<C-w><Enter>'
	expect_eq "0" "$(sql "$P" 'SELECT COUNT(*) FROM memo')" "memo emptied: deleted"
	run anker -p "$P" segments --min-weight 70
	expect_out "Alpha"
}

test_text_search_hits_next_prev() {
	tdoc
	screen '<Enter>/portal<Enter>'
	expect_out "/portal: hit 1 of 3"
	expect_out "Pos. 4 (84)"
	screen '<Enter>/portal<Enter>nn'
	expect_out "hit 3 of 3"
	expect_out "Pos. 4 (110)"
	screen '<Enter>/portal<Enter>nnn'
	expect_out "hit 1 of 3 (wrapped to the start)"
	screen '<Enter>/portal<Enter>N'
	expect_out "hit 3 of 3 (wrapped to the end)"
	# a capital makes it case-sensitive (smart case)
	screen '<Enter>/Portal<Enter>'
	expect_out "hit 1 of 1"
	screen '<Enter>/x{2<Enter>n'
	expect_out "No hits for /x{2"
	screen '<Enter>/(<Enter>'
	expect_out "/(: bad pattern"
	screen '<Enter>n'
	expect_out "No search: press / first"
}

# Search as grep reads lines: ^ at every line start, no match across a
# line end unless the pattern has \n.
test_text_search_line_starts() {
	tdoc
	screen '<Enter>/^B:<Enter>'
	expect_out "/^B:: hit 1 of 1"
	screen '<Enter>/folgt\.\s+B<Enter>'
	expect_out "No hits for /folgt\.\s+B"
	screen '<Enter>/folgt\.\nB<Enter>'
	expect_out "hit 1 of 1"
}

test_text_autocode_hits() {
	tdoc
	screen '<Enter>/portal<Enter>A'
	expect_out "Code /portal/ with 1 Alpha by h(it) s(entence) p(aragraph) t(urn)?"
	screen '<Enter>/portal<Enter>Ah'
	expect_out "Autocoded 3 hits with 1 Alpha: 3 added, 0 skipped"
	expect_eq "84-90 Alpha tester
97-103 Alpha tester
110-116 Alpha tester" "$(segs)" "autocoded hits"
	screen '<Enter>/portal<Enter>A<Enter>'
	expect_out "0 added, 3 skipped"
	# More than one coding: undo asks first, and only y undoes.
	screen 'u'
	expect_out "Undo step 5 (autocode by tester): 3 codings? y/N"
	screen 'un'
	expect_out "Not undone"
	expect_eq 3 "$(printf '%s\n' "$(segs)" | wc -l)" "codings after n"
	screen -s 160x30 'uy'
	expect_out "Undid step 5 (autocode by tester): removed 3 codings"
	expect_eq "" "$(segs)" "one undo takes all three back"
}

test_text_mouse_click_and_drag() {
	tdoc
	# column 38 shows code point 0 of paragraph 1
	screen '<Enter><Mouse press 1 41>'
	expect_out "Pos. 1 (3)"
	screen '<Enter><Mouse press 1 41><Mouse move 1 45><Mouse release 1 48>c'
	expect_out "Coded 3-11"
	screen '<Enter><Mouse press 2 38><Mouse release 2 38>'
	expect_out "Pos. 2 (41)"
	expect_out "NORMAL"
	# a click in the code system focuses it
	screen '<Enter><Mouse press 20 5>j'
	expect_out "Pos. 1 (0)"
}

test_text_command_line() {
	tdoc
	screen '<Enter>:goto 4<Enter>'
	expect_out "Pos. 4 (84)"
	screen '<Enter>:goto 99<Enter>'
	expect_out "Usage: :goto POS"
	screen ':bogus<Enter>'
	expect_out "Unknown command ':bogus'"
	screen ':coder zoe<Enter><Enter>sc'
	expect_out "| zoe |"
	expect_eq "0-20 Alpha zoe" "$(segs)" "coded as zoe"
	run anker -p "$P" log
	expect_out "zoe"
	# Undo is per coder: tester has no coding to undo, zoe has.
	screen ':undo<Enter>'
	expect_eq "0-20 Alpha zoe" "$(segs)" "after tester's :undo"
	screen -s 160x30 ':coder zoe<Enter>:undo<Enter>'
	expect_out "Undid step 5 (mark by zoe): removed 1 coding"
	expect_eq "" "$(segs)" "after zoe's :undo"
	screen ':coder zoe<Enter>:redo<Enter>'
	expect_eq "0-20 Alpha zoe" "$(segs)" "after :redo"
	screen ':undo 5<Enter>'
	expect_eq "" "$(segs)" "after :undo 5"
	screen ':redo x<Enter>'
	expect_out "Usage: :redo [STEP]"
	screen -s 100x250 ':help<Enter>'
	expect_out ":export KIND FORMAT FILE"
	expect_out ":coder NAME"
	screen ':q<Enter>'
}

test_text_resize_rewraps() {
	tdoc
	screen -s 100x30 '<Enter>'
	expect_line 2 " 1     I: Erste Frage hier. Zweiter Satz folgt."
	# 60 columns leave 35 for the text: paragraph 1 wraps (the layout is
	# cached per width, and made again when the width changes)
	screen -s 100x30 '<Enter><Resize 60x20>'
	expect_line 2 "| 1    I: Erste Frage hier. Zweiter Satz"
	expect_line 3 "|      folgt."
	screen -s 100x30 '<Enter><Resize 60x20><Resize 100x30>'
	expect_line 2 " 1     I: Erste Frage hier. Zweiter Satz folgt."
}

test_text_command_export() {
	tdoc
	anker -p "$P" mark t Alpha 0 20 >/dev/null
	screen ":export freq latex $T/f.tex<Enter>"
	expect_out "Wrote f.tex ("
	expect_out "): $(realpath "$T")/f.tex"
	grep -q 'toprule' "$T/f.tex" || fail "no booktabs table in f.tex"
	grep -q 'Alpha' "$T/f.tex" || fail "no Alpha in f.tex"
	screen ":export freq csv $T/f.csv<Enter>"
	expect_eq "$(anker -p "$P" freq --format csv)" "$(cat "$T/f.csv")" "csv as the command line writes it"
	screen ":export codebook md $T/cb.md<Enter>"
	grep -q 'Beta' "$T/cb.md" || fail "no Beta in cb.md"
	# The labels follow the imported codebook's language, as on the command line.
	printf 'Codesystem\n\n9 Gamma\n\n9 Gamma\n\nCodedefinition: Dritte\n' >"$T/de.txt"
	anker -p "$P" codebook import "$T/de.txt" 2>/dev/null
	screen ":export codebook md $T/cb.md<Enter>"
	expect_eq "$(anker -p "$P" codebook export --format md)" "$(cat "$T/cb.md")" "md as the command line writes it"
	grep -q 'Codedefinition.\*\* Dritte' "$T/cb.md" || fail "no German label in cb.md"
	# the appendix for the paper too, as codebook export --format latex
	screen ":export codebook latex $T/cb.tex<Enter>"
	expect_out "Wrote cb.tex ("
	expect_eq "$(anker -p "$P" codebook export --format latex)" "$(cat "$T/cb.tex")" \
		"latex as the command line writes it"
	grep -q 'subsection.*Gamma' "$T/cb.tex" || fail "no Gamma section in cb.tex"
	# the codebook's title block (its copyright line) too, in every format
	demo_copy
	for f in md txt latex; do
		screen ":export codebook $f $T/demo.$f<Enter>"
		expect_eq "$(anker -p "$P" codebook export --format $f)" "$(cat "$T/demo.$f")" \
			"the demo's $f as the command line writes it"
	done
	grep -q 'Copyright: Philipp Gräfe' "$T/demo.md" || fail "no copyright line in demo.md"
	screen ":export codebook qdc $T/cb.qdc<Enter>"
	expect_out "a codebook is written as md, txt or latex, not 'qdc'"
	screen ":export freq xml $T/f.xml<Enter>"
	expect_out "unknown format 'xml'"
	screen ":export nothing<Enter>"
	expect_out "Usage: :export"
}

# The real binary in tmux: the finder takes typed UTF-8 from a terminal,
# the search prompt, and the command line; the database has the codings.
test_tmux_text_finder_search_command() {
	tdoc
	anker -p "$P" codes add "Überblick" >/dev/null
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (1)"
	keys Enter
	wait_screen "Erste Frage"
	keys s f
	wait_screen "Code the selection with"
	keys -l "überb"
	wait_screen "3 Überblick"
	keys Enter
	wait_screen "Coded 0-20 with 3 Überblick"
	keys /
	keys -l "portal"
	keys Enter
	wait_screen "hit 1 of 3"
	# the other hits are highlighted: bold, underlined, standout
	case $(tm capture-pane -p -e -t t) in
	*$'\e[1;4;7mportal'*$'\e[1;4;7mPORTAL'*) ;;
	*) fail "search hits not highlighted: $(tm capture-pane -p -e -t t | grep -a eins | cat -v)" ;;
	esac
	keys A
	wait_screen "t(urn)?"
	keys h
	wait_screen "3 added, 0 skipped"
	keys :
	keys -l "coder zoe"
	keys Enter
	wait_screen "| zoe |"
	keys q
	expect_eq "0-20 Überblick tester
84-90 Überblick tester
97-103 Überblick tester
110-116 Überblick tester" "$(segs)" "codings made in tmux"
}

# t selects the turns stored at import: with --speakers off there are none
# (the coder must agree with autocode --unit turn and `docs`).
test_text_turns_follow_the_import() {
	P=$T/p.anker
	printf 'I: Erste Frage hier.\nB: Die Antwort kommt.\n' > "$T/t.txt"
	anker -p "$P" init >/dev/null 2>&1
	anker -p "$P" import --speakers off "$T/t.txt" >/dev/null 2>&1
	screen '<Enter>t'
	expect_out "No speaker turn at the cursor"
}
