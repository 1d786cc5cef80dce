# anker demo: builds the demo project, idempotently.

test_demo_builds_project() {
	run anker demo d
	expect_rc 0
	expect_out "created, 5 interviews and 128 codings added"
	expect_eq 128 "$(sql d/demo.anker 'SELECT COUNT(*) FROM segment')" "segments"
	expect_eq "anna ben" "$(sql d/demo.anker 'SELECT group_concat(name, " ") FROM (SELECT name FROM coder ORDER BY name)')" "coders"
	expect_eq 1 "$(sql d/demo.anker 'SELECT COUNT(DISTINCT step) FROM log')" "the demo is one undo step"
	expect_eq 5 "$(sql d/demo.anker 'SELECT COUNT(*) FROM document')" "documents"
	expect_eq 54 "$(sql d/demo.anker 'SELECT COUNT(*) FROM code')" "codes"
	run anker -p d/demo.anker docs --format json
	expect_out '"name": "Interview 01"'
	expect_out '"group": "Interviews"'
	# The header lines (Datum:, Interviewer:) are not speakers.
	expect_out '"speakers": ["I", "B"]'
	expect_out '"speakers": ["I", "B1", "B2"]'
	expect_out '"Datum": "2023-03-14"'
	for f in d/demo.anker; do
		sizes=$(sql "$f" 'SELECT MIN(bytes), MAX(bytes) FROM document')
		min=${sizes%|*} max=${sizes#*|}
		[ "$min" -ge 3000 ] && [ "$max" -le 10500 ] || fail "transcript sizes $min..$max outside 3-10 KB"
	done
	expect_eq 0 "$(sql d/demo.anker "SELECT COUNT(*) FROM turn WHERE ts_end IS NULL AND ts_start IS NULL")" \
		"turns without f4 timestamp"
}

test_demo_is_idempotent() {
	anker demo d >/dev/null
	before=$(snapshot d/demo.anker)
	run anker demo d
	expect_rc 0
	expect_out "up to date, 0 interviews and 0 codings added"
	expect_eq "$before" "$(snapshot d/demo.anker)" "demo project after second run"
}

test_demo_completes_partial_project() {
	anker demo d >/dev/null
	sql d/demo.anker "PRAGMA foreign_keys=ON; DELETE FROM document WHERE name = 'Interview 03'"
	run anker demo d
	expect_rc 0
	expect_out "1 interview and 32 codings added"
	expect_eq 5 "$(sql d/demo.anker 'SELECT COUNT(*) FROM document')" "documents"
}

test_demo_refuses_foreign_file() {
	mkdir d && echo "not a project" > d/demo.anker
	run anker demo d
	expect_rc 1
	expect_err "not an anker project"
	expect_eq "not a project" "$(cat d/demo.anker)" "foreign file"
}

test_demo_uncoded() {
	run anker demo --uncoded d
	expect_rc 0
	expect_out "5 interviews and 0 codings added"
	expect_eq 0 "$(sql d/demo.anker 'SELECT COUNT(*) FROM segment')" "segments"
	run anker demo --bogus d
	expect_rc 2
}

test_demo_analyses_have_numbers() {
	anker demo d >/dev/null
	# anna and ben both coded 3.4.4 on the same passage of Interview 01.
	run anker -p d/demo.anker segments --code 3.4.4 --doc "Interview 01" --format tsv
	expect_rc 0
	expect_out "	anna	"
	expect_out "	ben	"
	run anker -p d/demo.anker freq --format json
	expect_out '"code": "2.9.1"'
	run anker -p d/demo.anker cooc --codes 3.3,3.4.2 --format tsv
	expect_rc 0
	row=$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "3.3" { print $4 }')
	[ "${row:-0}" -ge 1 ] || fail "3.3 and 3.4.2 overlap in the demo (coded together), got '${row}'"
}
