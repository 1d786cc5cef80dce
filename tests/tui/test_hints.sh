# H (issue 17): the codes that fit a passage, ranked by the anchor module
# as anker suggest ranks them, each with its score and reasons; a digit
# or Enter codes the selection (or the sentence at the cursor) with one,
# in one undo step.  Headless at 80x24 and 200x60 on the demo project;
# the project checked with anker segments, anker log and sqlite3.

# The demo's sentence at "EfA-Leistung" in Interview 01 is 1063-1204.
hint_keys='<Enter>/EfA-Leistung<Enter>H'

# Row N of anker suggest for that sentence: "CODE<TAB>PATH<TAB>SCORE<TAB>REASONS".
suggest_row() {
	anker -p "$P" suggest --doc "Interview 01" --range 1063-1204 -n 9 | sed -n "$(( $1 + 1 ))p"
}

test_hints_list_with_reasons() {
	demo_copy
	local row code path score reasons
	row=$(suggest_row 1)
	IFS=$'\t' read -r code path score reasons <<< "$row"
	[ -n "$reasons" ] || fail "anker suggest gave no first row: '$row'"
	screen -s 200x60 "$hint_keys"
	expect_out "Codes for 1063-1204, best first (1-9 or Enter codes)"
	expect_out "| 1 $code $path  $score  $reasons"
	local first_score=$score
	IFS=$'\t' read -r code path score reasons <<< "$(suggest_row 2)"
	expect_out "| 2 $code $path  $score  $reasons"
	expect_width 200
	# narrow: the path cut from the left, score and reasons still there
	screen -s 80x24 "$hint_keys"
	expect_out "| 1 2.9.1 … >> EfA-Nachnutzung  $first_score  nachgenutzt"
	expect_width 80
	# typing narrows the list, the ranks stay
	screen -s 80x24 "${hint_keys}koord"
	expect_out "| 2 2.4 Koordination"
	expect_no_out "| 1 2.9.1"
}

test_hints_digit_codes_the_sentence() {
	demo_copy
	local before code
	before=$(sql "$P" "SELECT COUNT(*) FROM segment")
	code=$(suggest_row 2 | cut -f1)
	screen -s 80x24 "${hint_keys}2"
	expect_out "Coded 1063-1204 with $code"
	expect_eq $((before + 1)) "$(sql "$P" "SELECT COUNT(*) FROM segment")" "segments"
	expect_eq "mark segment" "$(sql "$P" "SELECT action || ' ' || entity FROM log WHERE step =
	    (SELECT MAX(step) FROM log)")" "one step"
	run anker -p "$P" segments --code "$code" --doc "Interview 01"
	expect_out "	1063	1204	"
	run anker -p "$P" undo --coder tester --yes
	expect_eq "$before" "$(sql "$P" "SELECT COUNT(*) FROM segment")" "after undo"
}

test_hints_enter_codes_the_selection() {
	demo_copy
	# the selection, not the sentence, is ranked and coded
	screen -s 200x60 '<Enter>/EfA-Leistung<Enter>vwwwwH'
	expect_out "Codes for 1132-1160"
	screen -s 200x60 '<Enter>/EfA-Leistung<Enter>vwwwwH<Enter>'
	expect_out "Coded 1132-1160 with 2.9.1 EfA-Nachnutzung"
	run anker -p "$P" segments --code 2.9.1 --doc "Interview 01"
	expect_out "	1132	1160	"
	# Esc codes nothing
	local n
	n=$(sql "$P" "SELECT COUNT(*) FROM segment")
	screen -s 80x24 "${hint_keys}<Esc>"
	expect_eq "$n" "$(sql "$P" "SELECT COUNT(*) FROM segment")" "after Esc"
	# without a document
	screen -s 80x24 '<Tab><Tab>H'
	expect_out "No document open"
}
