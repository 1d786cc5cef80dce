# Each segment's newest verdicts counted per code, reviewer, coder and
# document (schema 19: review_tally, kept by triggers) stay equal to a
# count of the verdicts through verdicts, undo and redo, segments
# removed, codes merged and deleted, documents deleted, merges, .qdpx
# imports and edits in the sqlite3 shell; B's counts, review counts and
# the code tree's verdicts read them.

# The newest verdict of each segment and reviewer (and of each segment:
# reviewer 0), counted, and the kept rows that are not all zero.
RECOUNT="WITH k AS (SELECT segment_id, reviewer_id, MAX(id) AS rid FROM review
    GROUP BY segment_id, reviewer_id UNION ALL
    SELECT segment_id, 0, MAX(id) FROM review GROUP BY segment_id)
  SELECT s.code_id, k.reviewer_id, s.coder_id, s.doc_id, SUM(v.verdict = 'fits'),
    SUM(v.verdict = 'misfit'), SUM(v.verdict = 'borderline')
  FROM k JOIN review v ON v.id = k.rid JOIN segment s ON s.id = k.segment_id
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
KEPT="SELECT code_id, reviewer_id, coder_id, doc_id, fits, misfit, borderline
  FROM review_tally WHERE fits <> 0 OR misfit <> 0 OR borderline <> 0 ORDER BY 1, 2, 3, 4"

# tallies_match WHEN [PROJECT]: the kept tallies equal the recount.
tallies_match() {
	local p=${2:-$P}
	expect_eq "$(sql "$p" "$RECOUNT")" "$(sql "$p" "$KEPT")" "review_tally after $1"
}

# nth_segment N: the GUID of the project's segment N (0-based, wrapping).
nth_segment() {
	sql "$P" "SELECT guid FROM segment ORDER BY id LIMIT 1
	          OFFSET $1 % MAX((SELECT COUNT(*) FROM segment), 1)"
}

# quiet ARGS...: anker ARGS, its output dropped, its status returned (in
# the random mix a failure is fine: an undo with nothing to undo).
quiet() { anker "$@" >/dev/null 2>&1; }

# A seeded random mix of every way a verdict comes, goes or changes its
# segment's code, coder or document, the tallies checked after each.
test_review_tallies_follow_every_change() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	# Undo takes back the steps of this test's coders, never the demo's.
	local ANKER_CODER=editor
	export ANKER_CODER
	local i op g who undid=sup verdicts=(fits misfit borderline) reviewers=(sup boss anna editor)
	local -a done=()
	RANDOM=19
	for ((i = 0; i < 60; i++)); do
		g=$(nth_segment $RANDOM)
		who=${reviewers[RANDOM % 4]}
		op=$((RANDOM % 10))
		if case $op in
		0 | 1 | 2 | 3) quiet -p "$P" review "$g" "${verdicts[RANDOM % 3]}" --reviewer "$who" ;;
		4) undid=$who; quiet -p "$P" undo --coder "$who" ;;
		5) quiet -p "$P" redo --coder "$undid" ;;
		6) quiet -p "$P" unmark "$g" ;;
		7) quiet -p "$P" segment set "$g" --weight "$((RANDOM % 100))" ;;
		8) quiet -p "$P" codes merge "$(sql "$P" "SELECT c.number FROM segment s JOIN code c
		       ON c.id = s.code_id WHERE s.guid = '$g'")" "2.$((RANDOM % 9 + 1))" ;;
		9) quiet -p "$P" undo ;;
		esac; then done[op]=1; fi
		tallies_match "step $i (op $op)"
	done
	# Each way done at least once (0-3 a verdict, 9 an undo of editor's).
	expect_eq "1 1 1 1 1 1 1 1 1 1" "$(for op in 0 1 2 3 4 5 6 7 8 9; do printf '%s ' \
		"${done[op]:-0}"; done | sed 's/ $//')" "the ways done (verdict x4, undo, redo, unmark, set, merge, undo)"
	[ "$(sql "$P" "SELECT COUNT(*) FROM review")" -gt 10 ] || fail "too few verdicts to test"
	# A code deleted with its segments, and undone.
	local c
	c=$(sql "$P" "SELECT c.number FROM review r JOIN segment s ON s.id = r.segment_id
	              JOIN code c ON c.id = s.code_id ORDER BY r.id LIMIT 1")
	quiet -p "$P" codes delete "$c" --force || fail "codes delete $c --force failed"
	tallies_match "codes delete --force"
	quiet -p "$P" undo || fail "undo of codes delete failed"
	tallies_match "undo of codes delete"
	# A document deleted with its segments, and undone.
	c=$(sql "$P" "SELECT d.name FROM review r JOIN segment s ON s.id = r.segment_id
	              JOIN document d ON d.id = s.doc_id ORDER BY r.id LIMIT 1")
	quiet -p "$P" docs delete --force "$c" || fail "docs delete $c failed"
	tallies_match "docs delete"
	quiet -p "$P" undo || fail "undo of docs delete failed"
	tallies_match "undo of docs delete"
	# Another project's verdicts on segments both have, merged and undone.
	cp "$P" copy.anker
	g=$(nth_segment 3)
	anker -p copy.anker review "$g" misfit --reviewer chef >/dev/null 2>&1 || fail "review in the copy"
	anker -p copy.anker review "$(nth_segment 4)" fits --reviewer sup >/dev/null 2>&1 ||
		fail "review in the copy"
	anker -p "$P" merge copy.anker >/dev/null 2>&1 || fail "merge failed"
	tallies_match merge
	[ "$(sql "$P" "SELECT COUNT(*) FROM review r JOIN coder k ON k.id = r.reviewer_id
	               WHERE k.name = 'chef'")" = 1 ] || fail "the merge brought no verdict"
	quiet -p "$P" undo || fail "undo of merge failed"
	tallies_match "undo of merge"
	# A .qdpx export imported into a new project, and again over it.
	anker -p "$P" qdpx export p.qdpx >/dev/null 2>&1 || fail "qdpx export failed"
	anker -p q.anker init >/dev/null 2>&1 || fail "init failed"
	anker -p q.anker qdpx import p.qdpx >/dev/null 2>&1 || fail "qdpx import failed"
	tallies_match "qdpx import" q.anker
	expect_eq "$(sql "$P" "SELECT COUNT(*) FROM review")" "$(sql q.anker "SELECT COUNT(*) FROM review")" \
		"verdicts imported"
	anker -p q.anker qdpx import --replace p.qdpx >/dev/null 2>&1 || fail "qdpx import --replace failed"
	tallies_match "qdpx import --replace" q.anker
	quiet -p q.anker undo || fail "undo of qdpx import failed"
	tallies_match "undo of qdpx import" q.anker
	# The sqlite3 shell: verdicts changed, moved to another segment,
	# deleted; segments given another coder, code and document, deleted.
	sql "$P" "UPDATE review SET verdict = 'borderline' WHERE id % 2 = 0"
	tallies_match "sqlite3: verdicts changed"
	sql "$P" "UPDATE review SET segment_id = (SELECT MIN(id) FROM segment) WHERE id % 3 = 0"
	tallies_match "sqlite3: verdicts moved"
	sql "$P" "UPDATE OR IGNORE segment SET coder_id = (SELECT MAX(id) FROM coder), code_id = (SELECT MAX(id)
	          FROM code), doc_id = (SELECT MIN(id) FROM document) WHERE id IN (SELECT segment_id
	          FROM review WHERE id % 2 = 1)"
	tallies_match "sqlite3: segments moved"
	sql "$P" "PRAGMA foreign_keys = ON; DELETE FROM review WHERE id % 5 = 0;
	          DELETE FROM segment WHERE id IN (SELECT segment_id FROM review WHERE id % 7 = 1)"
	tallies_match "sqlite3: deleted"
	# What reads them: review counts, as a count of the verdicts says.
	run anker -p "$P" review counts --reviewer sup --format tsv
	expect_rc 0
	expect_eq "$(sql "$P" "WITH k AS (SELECT segment_id, MAX(r.id) AS rid FROM review r JOIN coder c
	                      ON c.id = r.reviewer_id WHERE c.name = 'sup' GROUP BY segment_id)
	                      SELECT COUNT(*) FROM k")" \
		"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Reviewed") c = i }
		   NR > 1 { s += $c } END { print s + 0 }')" "sup's verdicts in review counts"
}

# A project of schema 18 gets the tallies when opened, counted from its
# verdicts; set back and opened again, counted again, not twice.
test_old_project_gets_the_review_tallies() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local i
	for ((i = 0; i < 12; i++)); do
		anker -p "$P" review "$(nth_segment $((i * 7)))" "$([ $((i % 3)) = 0 ] && echo misfit ||
			echo fits)" --reviewer "$([ $((i % 2)) = 0 ] && echo sup || echo boss)" >/dev/null 2>&1 ||
			fail "review $i failed"
	done
	local want
	want=$(sql "$P" "$KEPT")
	sql "$P" "DROP TRIGGER review_tally_insert; DROP TRIGGER review_tally_delete;
	          DROP TRIGGER review_tally_update_old; DROP TRIGGER review_tally_update_new;
	          DROP TRIGGER review_tally_segment_delete; DROP TRIGGER review_tally_segment_update;
	          DROP TABLE review_tally; PRAGMA user_version = 18" || fail "cannot make a schema 18 project"
	# Verdicts given while the tallies were not kept.
	sql "$P" "INSERT INTO review(segment_id, verdict, reviewer_id, created) SELECT id, 'borderline',
	          (SELECT id FROM coder LIMIT 1), '2025-01-01T00:00:00Z' FROM segment WHERE id % 4 = 0"
	run anker -p "$P" docs --format tsv
	expect_rc 0
	expect_eq 20 "$(sql "$P" "PRAGMA user_version")" "the schema after opening"
	tallies_match "the migration"
	[ "$want" != "$(sql "$P" "$KEPT")" ] || fail "the verdicts given at schema 18 were not counted"
	sql "$P" "PRAGMA user_version = 18"
	run anker -p "$P" docs --format tsv
	expect_rc 0
	tallies_match "the migration run again"
}

# With the suggestion model built, undo and redo of a verdict and of a
# segment's change write the segment back with an upsert, whose conflict
# policy SQLite gives the model's triggers: they noted the segment twice
# and every such undo failed (schema 19 notes it once).
test_verdict_undone_with_the_model_built() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	anker -p "$P" suggest --code 2.9 -n 1 >/dev/null 2>&1 || fail "suggest failed"
	local g
	g=$(nth_segment 5)
	anker -p "$P" review "$g" fits --reviewer sup >/dev/null 2>&1 || fail "review failed"
	anker -p "$P" review "$g" misfit --reviewer sup >/dev/null 2>&1 || fail "review failed"
	run anker -p "$P" undo --coder sup
	expect_rc 0
	expect_err "undid step"
	tallies_match "undo with the model built"
	run anker -p "$P" redo --coder sup
	expect_rc 0
	tallies_match "redo with the model built"
	anker -p "$P" segment set "$g" --weight 30 >/dev/null 2>&1 || fail "segment set failed"
	run anker -p "$P" undo
	expect_rc 0
	expect_eq 0 "$(sql "$P" "SELECT weight FROM segment WHERE guid = '$g'")" "the weight undone"
	# The model brought up to date at the end of each step, as before.
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM model_todo")" "notes left in model_todo"
}

# A code id set far out in the sqlite3 shell (10^12): the counts find its
# code by a search of the ids, where a table as large as the highest id
# was "out of memory".
test_review_counts_with_a_code_id_far_out() {
	anker demo d >/dev/null 2>&1
	cp d/demo.anker p.anker
	run anker -p p.anker codes add "Weit draußen"
	expect_rc 0
	sql p.anker "UPDATE code SET id = 1000000000000 WHERE name = 'Weit draußen'"
	local g
	g=$(anker -p p.anker mark "Interview 01" "Weit draußen" --lines 3-3) || fail "mark"
	anker -p p.anker review "$g" fits 2>/dev/null || fail "review"
	run anker -p p.anker review counts --format tsv
	expect_rc 0
	expect_eq "5	Weit draußen	1	1	1	0	0" "$(printf '%s\n' "$OUT" | tail -n 1)" \
		"the code of the far id, counted"
	expect_eq "1	Verflechtungsdichte	3	0	0	0	0" "$(printf '%s\n' "$OUT" | sed -n 2p)" \
		"the others as before"
}
