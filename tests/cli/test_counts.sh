# Segments per document and per code (schema 7: doc_segments and
# code_segments), per coder (schema 11: code_coder, code_doc_coder) and
# the passages per code and document (schema 19: code_passages),
# kept by triggers, stay equal to a count of the segments through coding,
# unmarking, recoding, undo, redo, merge, document deletion and edits in
# the sqlite3 shell; the document list, the code tree, the frequencies of
# a coder and the coders' ranking read them.

# counts_match: both tables equal the segment table's own counts.
counts_match() {
	local want got
	want=$(sql "$P" "SELECT doc_id, COUNT(*) FROM segment GROUP BY doc_id ORDER BY doc_id")
	got=$(sql "$P" "SELECT doc_id, n FROM doc_segments ORDER BY doc_id")
	expect_eq "$want" "$got" "doc_segments after $1"
	want=$(sql "$P" "SELECT code_id, COUNT(*) FROM segment GROUP BY code_id ORDER BY code_id")
	got=$(sql "$P" "SELECT code_id, n FROM code_segments ORDER BY code_id")
	expect_eq "$want" "$got" "code_segments after $1"
	coder_counts_match "$1"
}

# passages_match WHEN: code_passages (schema 19: the distinct ranges of
# each code's segments per document, B's cards) equals a recount.
passages_match() {
	expect_eq "$(sql "$P" "SELECT code_id, doc_id, COUNT(*) FROM (SELECT DISTINCT code_id, doc_id,
	                      start, \"end\" FROM segment) GROUP BY 1, 2 ORDER BY 1, 2")" \
		"$(sql "$P" "SELECT code_id, doc_id, n FROM code_passages ORDER BY 1, 2")" \
		"code_passages after $1"
}

# coder_counts_match WHEN: code_doc_coder and code_coder equal a recount
# (and code_passages).
coder_counts_match() {
	local want got
	passages_match "$1"
	want=$(sql "$P" "SELECT coder_id, doc_id, code_id, COUNT(*) FROM segment GROUP BY 1, 2, 3
	                 ORDER BY 1, 2, 3")
	got=$(sql "$P" "SELECT coder_id, doc_id, code_id, n FROM code_doc_coder ORDER BY 1, 2, 3")
	expect_eq "$want" "$got" "code_doc_coder after $1"
	want=$(sql "$P" "SELECT coder_id, code_id, COUNT(*), COUNT(DISTINCT doc_id) FROM segment
	                 GROUP BY 1, 2 ORDER BY 1, 2")
	got=$(sql "$P" "SELECT coder_id, code_id, n, docs FROM code_coder ORDER BY 1, 2")
	expect_eq "$want" "$got" "code_coder after $1"
}

# checked CHECK WHEN ARGS...: anker ARGS, which must succeed, then CHECK WHEN.
checked() {
	local check=$1 when=$2
	shift 2
	anker "$@" >/dev/null 2>&1 || fail "$when: anker $* failed"
	"$check" "$when"
}

test_segment_counts_follow_every_change() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	counts_match "the demo"
	local g
	g=$(sql "$P" "SELECT guid FROM segment ORDER BY id LIMIT 1")
	checked counts_match unmark -p "$P" unmark "$g"
	checked counts_match undo -p "$P" undo
	checked counts_match redo -p "$P" redo
	anker -p "$P" blind ben b.anker >/dev/null 2>&1 || fail "blind failed"
	checked counts_match "docs delete" -p "$P" docs delete --force 'Interview 02'
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
	expect_eq 20 "$(sql "$P" "PRAGMA user_version")" "the schema after opening"
	counts_match "the migration"
}

# The counts per coder through every way a segment comes, goes or changes
# its code, document or coder.
test_coder_counts_follow_every_change() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	coder_counts_match "the demo"
	local g h
	# A new coder's first segment, a second in the same document and code
	# (a count up, no new document), one in another document.
	g=$(anker -p "$P" mark "Interview 02" 2.12.3 10 50 --coder zoe 2>/dev/null) || fail "mark failed"
	h=$(anker -p "$P" mark "Interview 02" 2.12.3 60 90 --coder zoe 2>/dev/null) || fail "mark failed"
	anker -p "$P" mark "Interview 03" 2.12.3 10 50 --coder zoe >/dev/null 2>&1 || fail "mark failed"
	coder_counts_match "mark"
	expect_eq "zoe|3|2" "$(sql "$P" "SELECT k.name, n, docs FROM code_coder c JOIN coder k
	                                 ON k.id = c.coder_id WHERE k.name = 'zoe'")" "zoe's counts"
	checked coder_counts_match "segment set" -p "$P" segment set "$g" --end 55
	checked coder_counts_match unmark -p "$P" unmark "$h"
	checked coder_counts_match "undo of unmark" -p "$P" undo
	checked coder_counts_match "redo of unmark" -p "$P" redo
	# Recoding: a code's segments moved to another code.
	checked coder_counts_match "codes merge" -p "$P" codes merge 2.12.3 2.12.2
	checked coder_counts_match "undo of codes merge" -p "$P" undo
	checked coder_counts_match "redo of codes merge" -p "$P" redo
	# Another coder's blind copy, coded and merged back.
	anker -p "$P" blind ben b.anker >/dev/null 2>&1 || fail "blind failed"
	anker -p b.anker mark "Interview 01" 1 0 20 --coder ben >/dev/null 2>&1 || fail "mark in the copy failed"
	anker -p b.anker mark "Interview 04" 2 5 25 --coder ben >/dev/null 2>&1 || fail "mark in the copy failed"
	checked coder_counts_match merge -p "$P" merge b.anker
	checked coder_counts_match "undo of merge" -p "$P" undo
	# The sqlite3 shell: a segment given to another coder, document and
	# code, one deleted, one inserted, a document deleted with its segments.
	sql "$P" "UPDATE segment SET coder_id = (SELECT id FROM coder WHERE name = 'zoe')
	          WHERE id = (SELECT MIN(id) FROM segment)"
	coder_counts_match "sqlite3: another coder"
	sql "$P" "UPDATE segment SET doc_id = (SELECT MAX(id) FROM document),
	          code_id = (SELECT MAX(id) FROM code) WHERE id = (SELECT MAX(id) FROM segment)"
	coder_counts_match "sqlite3: another document and code"
	sql "$P" "UPDATE segment SET weight = 50, start = start WHERE id % 3 = 0"
	coder_counts_match "sqlite3: weights"
	# Ranges made the same (one passage of several segments), then apart.
	sql "$P" "UPDATE OR IGNORE segment SET start = 0, \"end\" = 10 WHERE id % 4 = 1"
	coder_counts_match "sqlite3: ranges made the same"
	sql "$P" "UPDATE OR IGNORE segment SET \"end\" = \"end\" + 5 WHERE id % 8 = 1"
	coder_counts_match "sqlite3: ranges apart"
	sql "$P" "DELETE FROM segment WHERE id % 5 = 0"
	coder_counts_match "sqlite3: deleted"
	sql "$P" "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	          SELECT 'x-' || id, doc_id, code_id, coder_id, start, \"end\" + 1, created, modified
	          FROM segment WHERE id % 4 = 0"
	coder_counts_match "sqlite3: inserted"
	sql "$P" "PRAGMA foreign_keys = ON; DELETE FROM document WHERE name = 'Interview 03'"
	coder_counts_match "sqlite3: a document deleted"
	# What reads them: the frequencies of one coder and of each, as a
	# count of the segments says.
	run anker -p "$P" freq --coder zoe --format tsv
	expect_rc 0
	expect_eq "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder k ON k.id = s.coder_id
	                      WHERE k.name = 'zoe'")" \
		"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { s += $3 } END { print s }')" "zoe's segments in freq"
	run anker -p "$P" freq --by coder --format tsv
	expect_rc 0
	expect_eq "$(sql "$P" "SELECT k.name || ' ' || COUNT(*) FROM segment s JOIN coder k
	                      ON k.id = s.coder_id GROUP BY k.name ORDER BY k.name")" \
		"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { s[$3] += $4 } END { for (k in s) print k, s[k] }' | sort)" \
		"segments per coder in freq --by coder"
}

test_old_project_gets_the_coder_counts() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local t
	sql "$P" "DROP TRIGGER code_doc_coder_insert; DROP TRIGGER code_doc_coder_delete;
	          DROP TRIGGER code_doc_coder_update; DROP TABLE code_doc_coder; DROP TABLE code_coder;
	          PRAGMA user_version = 10" || fail "cannot make a schema 10 project"
	run anker -p "$P" docs --format tsv
	expect_rc 0
	expect_eq 20 "$(sql "$P" "PRAGMA user_version")" "the schema after opening"
	coder_counts_match "the migration"
	# Set back and opened again: counted again, not twice.
	sql "$P" "PRAGMA user_version = 10"
	run anker -p "$P" docs --format tsv
	expect_rc 0
	coder_counts_match "the migration run again"
}
