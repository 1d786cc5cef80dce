# mark, unmark, segment set, autocode, segments.
#
# The fixture's positions are code points, counted by hand:
#   1 "Kopf"                             [0, 4)
#   2 "I: Grüße aus Köln. Wie geht's?"   [5, 35)    "Grüße" [8, 13)
#   3 ""                                 [36, 36)
#   4 "B: Gut 😀 danke. Schön!"          [37, 59)   "😀" [44, 45)
#   5 "I: Und sonst?"                    [60, 73)   73 characters

setup() {
	anker -p p.anker init 2>/dev/null
	printf "Kopf\nI: Grüße aus Köln. Wie geht's?\n\nB: Gut 😀 danke. Schön!\nI: Und sonst?" > eins.txt
	printf 'B: Das Portal geht. Das Portal ist neu.\n' > zwei.txt
	anker -p p.anker import -q --var Jahr=2023 eins.txt
	anker -p p.anker import -q --group G --var Jahr=2024 zwei.txt
	printf 'T\n\nCodesystem\n\n1 Alpha\n1.1 Beta\n1.1.1 Gamma\n2 Delta\n2.1 Sonstiges\n3 Sonstiges\n' > cb.txt
	anker -p p.anker codebook import cb.txt 2>/dev/null
}

# expect_unchanged SNAPSHOT: the project is as it was.
expect_unchanged() {
	expect_eq "$1" "$(snapshot p.anker)" "project after a refused command"
}

test_mark_prints_guid_that_segments_shows() {
	setup
	run anker -p p.anker mark eins 1.1 8 13 --weight 40 --memo "ein Gruß"
	expect_rc 0
	guid=$OUT
	[[ $guid =~ ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]] ||
		fail "mark printed '$guid', not a GUID"
	run anker -p p.anker segments --format json
	expect_rc 0
	expect_out "{\"guid\": \"$guid\", \"document\": \"eins\", \"pos\": \"2\", \"start\": 8, \"end\": 13, \"code\": \"1.1\", \"path\": \"Alpha >> Beta\", \"coder\": \"tester\", \"weight\": 40, \"memo\": \"ein Gruß\", \"text\": \"Grüße\"}"
	expect_eq "$(sql p.anker "SELECT coder, action, entity, guid, before IS NULL FROM log WHERE entity = 'segment'")" \
		"tester|mark|segment|$guid|1" "log entry of mark"
}

test_mark_code_points_emoji_and_paragraphs() {
	setup
	run anker -p p.anker mark eins Beta 44 45
	expect_rc 0
	run anker -p p.anker mark eins "Alpha >> Beta >> Gamma" 28 43
	expect_rc 0
	run anker -p p.anker segments --format tsv
	expect_out "	eins	4	44	45	1.1	Alpha >> Beta	tester	0		😀"
	expect_out "	eins	2-4	28	43	1.1.1	Alpha >> Beta >> Gamma	tester	0		geht's?\\n\\nB: Gut"
}

test_mark_lines() {
	setup
	run anker -p p.anker mark eins 2 --lines 4-5
	expect_rc 0
	run anker -p p.anker mark eins 2 --lines 2
	expect_rc 0
	run anker -p p.anker segments --format csv
	expect_out $'eins,2,5,35,2,Delta,tester,0,,I: Grüße aus Köln. Wie geht\'s?\r'
	expect_out $'eins,4-5,37,73,2,Delta,tester,0,,"B: Gut 😀 danke. Schön!\nI: Und sonst?"\r'
	before=$(snapshot p.anker)
	run anker -p p.anker mark eins 2 --lines 3
	expect_rc 1
	expect_err "empty range"
	run anker -p p.anker mark eins 2 --lines 5-6
	expect_rc 1
	expect_err "eins has 5 paragraphs"
	run anker -p p.anker mark eins 2 --lines 3-2
	expect_rc 2
	expect_err "--lines '3-2'"
	run anker -p p.anker mark eins 2 0 4 --lines 1
	expect_rc 2
	expect_err "expected DOC CODE with --lines"
	expect_unchanged "$before"
}

test_mark_refusals_change_nothing() {
	setup
	anker -p p.anker mark eins 1 0 4 >/dev/null
	before=$(snapshot p.anker)
	while IFS='|' read -r args rc msg; do
		# shellcheck disable=SC2086
		run anker -p p.anker mark $args
		expect_rc "$rc"
		expect_err "$msg"
	done <<-'EOF'
	eins 1 10 10|1|empty range: start and end are both 10
	eins 1 20 10|1|reversed range: start 20 is after end 10
	eins 1 70 74|1|range 70-74 is outside eins (73 characters)
	eins 1 35 37|1|range 35-37 of eins is only white space
	eins 1 0 4|1|the coder has this coding already
	nix 1 0 4|1|no document 'nix'
	eins 9.9 0 4|1|no code '9.9'
	eins Sonstiges 0 4|1|code 'Sonstiges' is ambiguous
	eins 1 0 4 --weight 101|2|--weight '101': expected 0 to 100
	eins 1 0 4 --weight -1|2|--weight '-1'
	eins 1 0 4 --weight x|2|--weight 'x'
	eins 1 a 4|2|START 'a': expected a number
	eins 1 0 4x|2|END '4x'
	eins 1 0|2|expected DOC CODE START END
	eins 1 0 4 --bogus|2|unrecognized option
	EOF
	expect_unchanged "$before"
	run anker -p nothere.anker mark eins 1 0 4
	expect_rc 1
	expect_err "nothere.anker"
	[ ! -e nothere.anker ] || fail "mark created a project"
}

test_mark_coders() {
	setup
	run anker -p p.anker mark eins 1 0 4
	expect_rc 0
	run anker -p p.anker mark eins 1 0 4 --coder bert
	expect_rc 0
	bert=$OUT
	ANKER_CODER=carla run anker -p p.anker mark eins 1 0 4
	expect_rc 0
	expect_eq "bert|mark" "$(sql p.anker "SELECT coder, action FROM log WHERE guid = '$bert'")" "log names the coder"
	expect_eq "bert carla tester" "$(sql p.anker "SELECT name FROM coder ORDER BY name" | tr '\n' ' ' | sed 's/ $//')" "coders"
	run anker -p p.anker segments --coder carla --format tsv
	expect_out "	carla	"
	expect_no_out "	bert	"
	expect_eq 2 "$(printf '%s\n' "$OUT" | wc -l)" "header and one row"
	ANKER_CODER=carla run anker -p p.anker mark eins 1 0 4
	expect_rc 1
	expect_err "already"
}

test_unmark_by_prefix() {
	setup
	sql p.anker "INSERT INTO coder(guid, name) VALUES ('c1', 'tester');
	  INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	  SELECT 'abcd1111-0000-4000-8000-000000000001', (SELECT id FROM document WHERE name = 'eins'),
	    (SELECT id FROM code WHERE number = '1'), (SELECT id FROM coder WHERE name = 'tester'), 0, 4, 'x', 'x';
	  INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	  SELECT 'abcd2222-0000-4000-8000-000000000002', (SELECT id FROM document WHERE name = 'eins'),
	    (SELECT id FROM code WHERE number = '1'), (SELECT id FROM coder WHERE name = 'tester'), 8, 13, 'x', 'x';"
	before=$(snapshot p.anker)
	run anker -p p.anker unmark abcd
	expect_rc 1
	expect_err "segment 'abcd' is ambiguous: abcd1111-0000-4000-8000-000000000001 (eins, 1), abcd2222-0000-4000-8000-000000000002 (eins, 1)"
	run anker -p p.anker unmark abc
	expect_rc 1
	expect_err "at least 4 characters"
	run anker -p p.anker unmark abcd3
	expect_rc 1
	expect_err "no segment 'abcd3'"
	run anker -p p.anker unmark
	expect_rc 2
	run anker -p p.anker unmark abcd1 abcd2
	expect_rc 2
	expect_unchanged "$before"
	run anker -p p.anker unmark ABCD2
	expect_rc 0
	expect_eq "abcd1111-0000-4000-8000-000000000001" "$(sql p.anker "SELECT guid FROM segment")" "left"
	expect_eq "unmark|1|1" "$(sql p.anker "SELECT action, before IS NOT NULL, after IS NULL FROM log WHERE entity = 'segment'")" "log"
}

test_segment_set() {
	setup
	g=$(anker -p p.anker mark eins 1 8 13)
	h=$(anker -p p.anker mark eins 1 5 13)
	run anker -p p.anker segment set "${g:0:8}" --end 18 --weight 70 --memo neu
	expect_rc 0
	run anker -p p.anker segments --format json
	expect_out "\"guid\": \"$g\", \"document\": \"eins\", \"pos\": \"2\", \"start\": 8, \"end\": 18, \"code\": \"1\", \"path\": \"Alpha\", \"coder\": \"tester\", \"weight\": 70, \"memo\": \"neu\", \"text\": \"Grüße aus \""
	expect_eq "segment set|1|1" "$(sql p.anker "SELECT action, before IS NOT NULL, after IS NOT NULL FROM log ORDER BY id DESC LIMIT 1")" "log"
	before=$(snapshot p.anker)
	while IFS='|' read -r args rc msg; do
		# shellcheck disable=SC2086
		run anker -p p.anker segment $args
		expect_rc "$rc"
		expect_err "$msg"
	done <<-EOF
	set $g --start 18|1|empty range
	set $g --start 30|1|reversed range
	set $g --end 74|1|outside eins
	set $g --start 35 --end 37|1|only white space
	set $g --start 5 --end 13|1|the coder has this coding already: segment ${h:0:8}
	set $g --weight 101|2|--weight '101'
	set $g --start x|2|--start 'x'
	set $g|2|nothing to change
	set|2|expected one SEGMENT
	set nope --weight 1|1|no segment 'nope'
	move $g|2|unknown subcommand 'move'
	|2|expected a subcommand
	EOF
	expect_unchanged "$before"
	# The same values again: no change, nothing logged.
	run anker -p p.anker segment set "$g" --end 18 --weight 70
	expect_rc 0
	expect_unchanged "$before"
}

test_autocode_units_and_report() {
	setup
	run anker -p p.anker autocode Portal 2 --doc zwei
	expect_rc 0
	expect_err "autocode: 2 hits, 2 segments added, 0 already coded"
	run anker -p p.anker autocode 'Portal|neu' 2 --unit sentence
	expect_rc 0
	expect_err "autocode: 3 hits, 2 segments added, 0 already coded"
	run anker -p p.anker autocode 'Portal' 2 --unit sentence
	expect_rc 0
	expect_err "autocode: 2 hits, 0 segments added, 2 already coded"
	run anker -p p.anker autocode 'Portal' 2 --unit paragraph
	expect_err "autocode: 2 hits, 1 segment added, 0 already coded"
	run anker -p p.anker autocode 'sonst|GRÜSSE|grüße' 3 --unit turn -i
	expect_err "autocode: 2 hits, 2 segments added, 0 already coded"
	run anker -p p.anker segments --format tsv
	# zwei: "B: Das Portal geht. Das Portal ist neu." (group G: listed first)
	expect_out "	zwei	1	7	13	2	Delta	tester	0		Portal"
	expect_out "	zwei	1	0	19	2	Delta	tester	0		B: Das Portal geht."
	expect_out "	zwei	1	20	39	2	Delta	tester	0		Das Portal ist neu."
	expect_out "	zwei	1	0	39	2	Delta	tester	0		B: Das Portal geht. Das Portal ist neu."
	expect_out "	eins	2	5	35	3	Sonstiges	tester	0		I: Grüße"
	expect_out "	eins	5	60	73	3	Sonstiges	tester	0		I: Und sonst?"
	expect_eq 7 "$(sql p.anker "SELECT COUNT(*) FROM segment")" "segments"
}

test_autocode_speaker_and_one_step() {
	setup
	steps=$(sql p.anker "SELECT COUNT(DISTINCT step) FROM log")
	run anker -p p.anker autocode '\w+' 1 --speaker I --coder bert
	expect_rc 0
	# Turn I, paragraph 2: I Grüße aus Köln Wie geht s; paragraph 5: I Und sonst
	expect_err "autocode: 10 hits, 10 segments added, 0 already coded"
	expect_eq $((steps + 1)) "$(sql p.anker "SELECT COUNT(DISTINCT step) FROM log")" "one step"
	expect_eq "10 bert" "$(sql p.anker "SELECT COUNT(*), coder FROM log WHERE action = 'autocode'" | tr '|' ' ')" "logged"
	run anker -p p.anker autocode 'Portal' 1 --speaker I
	expect_err "autocode: 0 hits, 0 segments added, 0 already coded"
	expect_rc 0
	if anker help undo >/dev/null 2>&1; then
		# Undo is per coder: the autocode run was bert's.
		run anker -p p.anker undo --coder bert
		expect_rc 0
		expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM segment")" "after undo"
	fi
}

test_autocode_errors_change_nothing() {
	setup
	before=$(snapshot p.anker)
	while IFS='|' read -r args rc msg; do
		# shellcheck disable=SC2086
		run anker -p p.anker autocode $args
		expect_rc "$rc"
		expect_err "$msg"
	done <<-'EOF'
	(Portal 1|1|bad pattern
	Portal 9|1|no code '9'
	Portal Sonstiges|1|ambiguous
	Portal 1 --doc drei|1|no document 'drei'
	Portal 1 --unit word|2|--unit 'word': use hit, sentence, paragraph or turn
	Portal|2|expected REGEX CODE
	Portal 1 2|2|expected REGEX CODE
	EOF
	run anker -p p.anker autocode '' 1
	expect_rc 2
	expect_err "empty REGEX"
	expect_unchanged "$before"
}

test_segments_filters() {
	setup
	anker -p p.anker mark eins 1.1.1 8 13 --weight 50 >/dev/null
	anker -p p.anker mark eins 1 5 35 >/dev/null
	anker -p p.anker mark eins 2 5 35 --coder bert >/dev/null
	anker -p p.anker mark zwei 1.1 3 13 --coder bert >/dev/null
	anker -p p.anker mark zwei 2.1 0 2 >/dev/null
	rows() { printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { printf "%s%s:%s-%s:%s", sep, $2, $4, $5, $6; sep = " " }'; }
	run anker -p p.anker segments --format tsv
	expect_eq "zwei:0-2:2.1 zwei:3-13:1.1 eins:5-35:1 eins:5-35:2 eins:8-13:1.1.1" "$(rows)" "all"
	run anker -p p.anker segments --code 1 --format tsv
	expect_eq "eins:5-35:1" "$(rows)" "--code 1"
	run anker -p p.anker segments --code Alpha --subcodes --format tsv
	expect_eq "zwei:3-13:1.1 eins:5-35:1 eins:8-13:1.1.1" "$(rows)" "--code Alpha --subcodes"
	run anker -p p.anker segments --doc eins --coder tester --format tsv
	expect_eq "eins:5-35:1 eins:8-13:1.1.1" "$(rows)" "--doc --coder"
	run anker -p p.anker segments --min-weight 1 --format tsv
	expect_eq "eins:8-13:1.1.1" "$(rows)" "--min-weight"
	run anker -p p.anker segments --var Jahr=2024 --format tsv
	expect_eq "zwei:0-2:2.1 zwei:3-13:1.1" "$(rows)" "--var"
	run anker -p p.anker segments --var Jahr=1999 --format tsv
	expect_eq "" "$(rows)" "--var no match"
	before=$(snapshot p.anker)
	while IFS='|' read -r args rc msg; do
		# shellcheck disable=SC2086
		run anker -p p.anker segments $args
		expect_rc "$rc"
		expect_err "$msg"
	done <<-'EOF'
	--subcodes|2|--subcodes needs --code
	--var Jahr|2|--var 'Jahr': expected NAME=VALUE
	--var =1|2|expected NAME=VALUE
	--min-weight 101|2|--min-weight '101'
	--format xml|2|unknown format 'xml'
	extra|2|unexpected argument 'extra'
	--code 7|1|no code '7'
	--doc nix|1|no document 'nix'
	--coder niemand|1|no coder 'niemand'
	--var Ort=x|1|no document has a variable 'Ort'
	EOF
	expect_unchanged "$before"
}

test_segments_formats_and_split_path() {
	setup
	anker -p p.anker mark eins 1.1.1 8 13 --memo 'a|b' >/dev/null
	anker -p p.anker mark eins 1 28 43 >/dev/null
	run anker -p p.anker segments --split-path --format tsv
	expect_rc 0
	expect_out "GUID	Document	Pos.	Start	End	Code	CAT1	CAT2	CAT3	Coder	Weight	Memo	Text"
	expect_out "	1.1.1	Alpha	Beta	Gamma	tester	0	a|b	Grüße"
	expect_out "	1	Alpha			tester	0		geht's?\\n\\nB: Gut"
	run anker -p p.anker segments --split-path --code 1 --format json
	expect_out '"code": "1", "cat1": "Alpha", "coder": "tester"'
	run anker -p p.anker segments --format md
	expect_out "| GUID | Document | Pos. | Start | End | Code | Path | Coder | Weight | Memo | Text |"
	expect_out '| a\|b | Grüße |'
	expect_out '| 2-4 | 28 | 43 |'
	run anker -p p.anker segments --format latex
	expect_out '\toprule'
	expect_out 'Alpha~\ankerpathsep{} Beta~\ankerpathsep{} Gamma'
	run anker -p p.anker segments --format csv
	expect_out $'"geht\'s?\n\nB: Gut"\r'
	run anker -p p.anker segments --format table
	expect_out "Pos.  Start  End  Code"
	expect_out "2-4"
}

test_segments_table_cuts_text_others_whole() {
	setup
	long=$(printf 'Wort%.0s ' $(seq 1 40))
	printf 'I: %s\n' "$long" > lang.txt
	anker -p p.anker import -q lang.txt
	anker -p p.anker mark lang 1 --lines 1 >/dev/null
	run anker -p p.anker segments --doc lang --format table
	expect_out "…"
	expect_no_out "Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort"
	run anker -p p.anker segments --doc lang --format json
	# The paragraph's trailing space is part of the text.
	expect_out "\"text\": \"I: ${long}\"}"
	run anker -p p.anker segments --doc lang --format tsv
	expect_out "	I: ${long}"
}

test_segments_on_demo() {
	anker demo --uncoded . >/dev/null 2>&1
	run anker -p demo.anker mark "Interview 01" 1 --lines 6
	expect_rc 0
	g=$OUT
	run anker -p demo.anker segments --code 1 --format json
	expect_out "\"guid\": \"$g\", \"document\": \"Interview 01\", \"pos\": \"6\""
	expect_out '"text": "I: Vielen Dank, dass Sie sich Zeit nehmen.'
	run anker -p demo.anker autocode -i 'portal' 2.2 --unit sentence --speaker B
	expect_rc 0
	expect_err "segments added, 0 already coded"
	run anker -p demo.anker segments --code 2 --subcodes --coder tester --format tsv
	expect_out "Verflechtungsorganisation >> Sonstige Überflechtung"
}

test_coding_help() {
	for c in mark unmark segment autocode segments; do
		run anker "$c" --help
		expect_rc 0
		expect_out "usage: anker -p FILE $c"
	done
	run anker segment set --help
	expect_rc 0
	expect_out "--start N"
}

test_mark_unmark_set_undo() {
	anker help undo >/dev/null 2>&1 || return 0   # undo is not there yet
	setup
	g=$(anker -p p.anker mark eins 1 8 13 --memo m --weight 20)
	anker -p p.anker segment set "$g" --start 5 --weight 30
	anker -p p.anker unmark "$g"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM segment")" "after unmark"
	run anker -p p.anker undo
	expect_rc 0
	expect_eq "$g|5|13|30|m" "$(sql p.anker "SELECT guid, start, \"end\", weight, memo FROM segment")" "undo of unmark"
	run anker -p p.anker undo
	expect_eq "$g|8|13|20|m" "$(sql p.anker "SELECT guid, start, \"end\", weight, memo FROM segment")" "undo of set"
	run anker -p p.anker undo
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM segment")" "undo of mark"
	run anker -p p.anker redo
	expect_eq "$g|8|13|20|m" "$(sql p.anker "SELECT guid, start, \"end\", weight, memo FROM segment")" "redo of mark"
}

# code_doc (counts per code and document, kept by triggers) must always
# agree with the segments, whatever changed them.
test_code_doc_counts_follow_every_change() {
	anker demo d >/dev/null
	P=d/demo.anker
	check() {
		expect_eq "$(sql $P 'SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY 1, 2 ORDER BY 1, 2')" \
			"$(sql $P 'SELECT code_id, doc_id, n FROM code_doc ORDER BY 1, 2')" "code_doc after $1"
	}
	g=$(anker -p $P mark "Interview 02" 4.1 10 50)
	check mark
	anker -p $P segment set "$g" --end 60
	anker -p $P unmark "$g"
	check unmark
	anker -p $P codes merge 2.12.3 2.12.2 2>/dev/null
	check merge
	anker -p $P undo 2>/dev/null
	check undo
	anker -p $P codes delete 3.4.4 --force 2>/dev/null
	check delete
	anker -p $P undo 2>/dev/null
	anker -p $P redo 2>/dev/null
	check redo
	sql $P "PRAGMA foreign_keys=ON; DELETE FROM document WHERE name = 'Interview 01'"
	check "a document deleted"
}
