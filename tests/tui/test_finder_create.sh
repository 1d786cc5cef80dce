# The code finder on the demo project (issue 13): sibling codes that
# share their first words stay apart in the list; no "create" row for a
# code that is there; a new code codes the selection only when asked, and
# then in the same undo step as its creation; "A >> B" with A missing
# asks and creates both.  Headless at 80x24 and 200x60; the project
# checked with anker segments, anker log and sqlite3.

# The segments of code NAME as "start-end".
code_segs() {
	sql "$P" "SELECT s.start || '-' || s.\"end\" FROM segment s JOIN code c ON c.id = s.code_id
	          WHERE c.name = '$1' ORDER BY s.start"
}

# The newest step's entries, "action entity" each.
last_step() {
	sql "$P" "SELECT action || ' ' || entity FROM log WHERE step = (SELECT MAX(step) FROM log)
	          ORDER BY id"
}

test_finder_demo_siblings_apart() {
	demo_copy
	screen -s 80x24 '<Enter>fkoordination'
	expect_out "| 2.4 … >> Koordination Bund - Länder"
	expect_out "| 2.5 Verflechtungsorganisation >> Koordination Länder"
	expect_out "| 2.6 … >> Koordination Land - Kommune"
	expect_out "| 2.8 … >> Koordination mit extern"
	expect_width 80
	screen -s 200x60 '<Enter>fkoordination'
	expect_out "2.4 Verflechtungsorganisation >> Koordination Bund - Länder"
	expect_out "2.6 Verflechtungsorganisation >> Koordination Land - Kommune"
	# an exact name, number or number and name: no create row
	local q
	for q in '2.4' 'koordination länder' '2.6 koordination land - kommune'; do
		screen -s 80x24 "<Enter>f$q"
		expect_no_out "+ create"
	done
}

test_finder_create_without_coding() {
	demo_copy
	local before
	before=$(sql "$P" "SELECT COUNT(*) FROM segment")
	screen -s 80x24 '<Enter>vwfQuerschnitt<Enter>'
	expect_out "Create 'Querschnitt' and code the selection? y/N (N: only create)"
	# Enter (N): the code, not the coding; the selection stays for c
	screen -s 80x24 '<Enter>vwfQuerschnitt<Enter><Enter>'
	expect_out "Created code 5 Querschnitt (current: c codes the selection with it)"
	expect_out "VISUAL"
	expect_eq "$before" "$(sql "$P" "SELECT COUNT(*) FROM segment")" "segments"
	expect_eq "codes add code" "$(last_step)" "the step creates the code only"
	run anker -p "$P" codes
	expect_out "5	Querschnitt"
	# without a selection it is created without a question
	screen -s 200x60 '<Enter>fQuerschnitt >> Teil<Enter>'
	expect_out "Created code 5.1 Teil"
	expect_eq "codes add code" "$(last_step)" "the subcode's step"
	# Esc creates nothing
	screen -s 80x24 '<Enter>vwfZweiter Versuch<Enter><Esc>'
	expect_out "Nothing created"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM code WHERE name = 'Zweiter Versuch'")" "after Esc"
}

test_finder_create_and_code_one_step() {
	demo_copy
	screen -s 200x60 '<Enter>vwfQuerschnitt<Enter>y'
	expect_out "Created code 5 Querschnitt and coded 0-11 with it"
	expect_eq "0-11" "$(code_segs Querschnitt)" "the new code's coding"
	expect_eq "codes add code
mark segment" "$(last_step)" "one step"
	run anker -p "$P" segments --code Querschnitt
	expect_out "Interview 01"
	run anker -p "$P" log
	expect_out "codes add"
	expect_no_out "	mark	"
	# one undo takes both back
	run anker -p "$P" undo --coder tester --yes
	expect_rc 0
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM code WHERE name = 'Querschnitt'")" "code undone"
	run anker -p "$P" segments --code 2.4
	expect_no_out "Querschnitt"
}

test_finder_create_missing_parents() {
	demo_copy
	screen -s 200x60 '<Enter>vwfQneu >> Kind<Enter>'
	expect_out "No code 'Qneu': create Qneu >> Kind with its parents? y/N, c: code the selection too"
	# a narrow screen keeps the start and the answers
	screen -s 80x24 '<Enter>vwfQneu >> Kind<Enter>'
	expect_out "No code 'Qneu': create"
	expect_out "? y/N, c: code the selection too"
	expect_width 80
	# y: both codes, no coding
	screen -s 80x24 '<Enter>vwfQneu >> Kind<Enter>y'
	expect_out "Created code 5.1 Kind with its parents"
	expect_eq "codes add code
codes add code" "$(last_step)" "both codes in one step"
	expect_eq "" "$(code_segs Kind)" "no coding after y"
	# c: the codes and the coding, one step
	screen -s 200x60 '<Enter>vwfQwertz >> Kind<Enter>c'
	expect_out "Created code 6.1 Kind with its parents and coded 0-11 with it"
	expect_eq "codes add code
codes add code
mark segment" "$(last_step)" "codes and coding in one step"
	expect_eq "0-11" "$(code_segs Kind)" "the coding"
	# a parent that is there (a subcode's path): no question about parents
	screen -s 80x24 '<Enter>f2.4 >> Unterpunkt<Enter>'
	expect_out "Created code 2.4.1 Unterpunkt"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM code WHERE name = 'Unterpunkt'")" "one code"
}
