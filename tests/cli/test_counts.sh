# Segments per document and per code (schema 7: doc_segments and
# code_segments, kept by triggers) stay equal to a count of the segments
# through coding, unmarking, undo, redo, merge and document deletion; the
# document list and the code tree read them.

# counts_match: both tables equal the segment table's own counts.
counts_match() {
	local want got
	want=$(sql "$P" "SELECT doc_id, COUNT(*) FROM segment GROUP BY doc_id ORDER BY doc_id")
	got=$(sql "$P" "SELECT doc_id, n FROM doc_segments ORDER BY doc_id")
	expect_eq "$want" "$got" "doc_segments after $1"
	want=$(sql "$P" "SELECT code_id, COUNT(*) FROM segment GROUP BY code_id ORDER BY code_id")
	got=$(sql "$P" "SELECT code_id, n FROM code_segments ORDER BY code_id")
	expect_eq "$want" "$got" "code_segments after $1"
}

test_segment_counts_follow_every_change() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	counts_match "the demo"
	local g
	g=$(sql "$P" "SELECT guid FROM segment ORDER BY id LIMIT 1")
	anker -p "$P" unmark "$g" >/dev/null 2>&1 || fail "unmark failed"
	counts_match "unmark"
	anker -p "$P" undo >/dev/null 2>&1 || fail "undo failed"
	counts_match "undo"
	anker -p "$P" redo >/dev/null 2>&1 || fail "redo failed"
	counts_match "redo"
	anker -p "$P" blind ben b.anker >/dev/null 2>&1 || fail "blind failed"
	anker -p "$P" docs delete --force 'Interview 02' >/dev/null 2>&1 || fail "docs delete failed"
	counts_match "docs delete"
	run anker -p "$P" docs --format tsv
	expect_rc 0
	expect_eq "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN document d ON d.id = s.doc_id
	                      WHERE d.name = 'Interview 01'")" \
		"$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "Interview 01" { print $7 }')" \
		"Interview 01's segments in the document list"
}

test_old_project_gets_the_counts() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local t
	for t in doc_segments code_segments; do
		sql "$P" "DROP TRIGGER ${t}_insert; DROP TRIGGER ${t}_delete; DROP TRIGGER ${t}_update;
		          DROP TABLE $t" || fail "cannot drop $t"
	done
	sql "$P" "PRAGMA user_version = 5"
	run anker -p "$P" docs --format tsv
	expect_rc 0
	expect_eq 12 "$(sql "$P" "PRAGMA user_version")" "the schema after opening"
	counts_match "the migration"
}
