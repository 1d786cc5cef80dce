# anker demo: builds the demo project, idempotently.

test_demo_builds_project() {
	run anker demo d
	expect_rc 0
	expect_out "created, 5 interviews added"
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
	expect_out "up to date, 0 interviews added"
	expect_eq "$before" "$(snapshot d/demo.anker)" "demo project after second run"
}

test_demo_completes_partial_project() {
	anker demo d >/dev/null
	sql d/demo.anker "PRAGMA foreign_keys=ON; DELETE FROM document WHERE name = 'Interview 03'"
	run anker demo d
	expect_rc 0
	expect_out "1 interview added"
	expect_eq 5 "$(sql d/demo.anker 'SELECT COUNT(*) FROM document')" "documents"
}

test_demo_refuses_foreign_file() {
	mkdir d && echo "not a project" > d/demo.anker
	run anker demo d
	expect_rc 1
	expect_err "not an anker project"
	expect_eq "not a project" "$(cat d/demo.anker)" "foreign file"
}
