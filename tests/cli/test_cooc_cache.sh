# Co-occurrence matrices kept in the project (schema 10: cooc_cache): a
# matrix asked for again is read, not counted, and is always the one a
# count gives (--no-cache), whatever changed the project in between:
# anker's commands, undo and redo, the sqlite3 shell.

COMBOS=("" "--rollup" "--mode near:1" "--mode paragraph --rollup" "--mode document"
        "--coder ben" "--under 2 --rollup" "--codes 2.1,2.4,1 --mode near:0")

# cooc_all: every combination asked for once (kept when counted).
cooc_all() {
	local o
	for o in "${COMBOS[@]}"; do
		# shellcheck disable=SC2086
		anker -p "$P" cooc $o --format tsv >/dev/null 2>&1 || fail "cooc $o failed"
	done
}

# cooc_match WHAT: every combination as kept (or counted and kept) equals
# a count.
cooc_match() {
	local o kept counted
	for o in "${COMBOS[@]}"; do
		# shellcheck disable=SC2086
		kept=$(anker -p "$P" cooc $o --format tsv 2>&1 || true)
		# shellcheck disable=SC2086
		counted=$(anker -p "$P" cooc $o --no-cache --format tsv 2>&1 || true)
		expect_eq "$counted" "$kept" "cooc $o after $1"
	done
}

test_cooc_kept_matrix_is_read() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "matrices kept at first"
	run anker -p "$P" cooc --no-cache --format tsv
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "kept after --no-cache"
	run anker -p "$P" cooc --format tsv
	local first=$OUT
	expect_eq 1 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "kept after cooc"
	# What is shown is what was kept: a kept count changed behind anker's
	# back (no trigger watches the cache) shows, and only without
	# --no-cache.
	sql "$P" "UPDATE cooc_cache SET counts = zeroblob(8) || substr(counts, 9)"
	run anker -p "$P" cooc --format tsv
	expect_eq "$(printf '%s\n' "$first" | sed -n 2p | cut -f3)" 3 "the first cell counted"
	expect_eq 0 "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f3)" "the first cell as kept"
	run anker -p "$P" cooc --no-cache --format tsv
	expect_eq "$first" "$OUT" "--no-cache counts"
	export ANKER_NO_CACHE=1
	run anker -p "$P" cooc --format tsv
	expect_eq "$first" "$OUT" "ANKER_NO_CACHE=1 counts"
	export ANKER_NO_CACHE=0
	run anker -p "$P" cooc --format tsv
	expect_eq 0 "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f3)" "ANKER_NO_CACHE=0 reads"
	unset ANKER_NO_CACHE
	# A change of what no matrix depends on keeps them.
	sql "$P" "UPDATE segment SET memo = 'x' WHERE id = 1; UPDATE code SET color = '#123456' WHERE id = 1"
	expect_eq 1 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "kept after a memo and a color"
}

test_cooc_cache_follows_every_change() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local e="kept_edit cooc_all cooc_match"
	kept_follows_edits cooc_all cooc_match
	$e "segments recoded in the sqlite3 shell" sql "$P" "UPDATE OR IGNORE segment
	    SET code_id = (SELECT id FROM code WHERE number = '2.1')
	    WHERE id IN (SELECT id FROM segment ORDER BY id DESC LIMIT 4)"
	# Paragraphs (near, paragraph modes) from the text: a blank (the first
	# after character 40) turned into a line feed splits one, positions stay.
	$e "a text changed in the sqlite3 shell" sql "$P" "UPDATE document
	    SET text = substr(text, 1, 39 + instr(substr(text, 41), ' ')) || char(10) ||
	               substr(text, 41 + instr(substr(text, 41), ' '))
	    WHERE name = 'Interview 01'"
	$e "a code moved in the sqlite3 shell" sql "$P" "UPDATE code SET parent_id = NULL
	    WHERE number = '2.12.8.1'"
}

# Random codings, unmarkings, undo and redo, each compared with a count.
test_cooc_cache_random_edits() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local i r doc code start g
	RANDOM=18
	for i in 1 2 3 4 5 6 7 8; do
		cooc_all
		r=$((RANDOM % 4))
		if [ "$r" = 0 ] || [ "$r" = 1 ]; then
			doc=$(sql "$P" "SELECT name FROM document ORDER BY id LIMIT 1 OFFSET $((RANDOM % 5))")
			code=$(sql "$P" "SELECT number FROM code WHERE number <> '' ORDER BY id
			                   LIMIT 1 OFFSET $((RANDOM % 40))")
			start=$((RANDOM % 500))
			anker -p "$P" mark "$doc" "$code" "$start" $((start + 1 + RANDOM % 300)) \
				--coder anna >/dev/null 2>&1 || true
		elif [ "$r" = 2 ]; then
			g=$(sql "$P" "SELECT guid FROM segment ORDER BY id LIMIT 1 OFFSET $((RANDOM % 100))")
			anker -p "$P" unmark "$g" >/dev/null 2>&1 || fail "unmark failed"
		else
			anker -p "$P" undo >/dev/null 2>&1 || true
		fi
		cooc_match "random edit $i (kind $r)"
	done
}

# Schema 14 (issue 18): after a small change a kept matrix is caught up
# (the changed documents counted again), not counted in full.  A kept cell
# changed behind anker's back shows it: caught up it stays off by what was
# changed, counted anew it would not.
test_cooc_cache_caught_up() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local o kept counted g
	for o in "" "--mode paragraph" "--mode near:2 --rollup" "--mode document --coder ben"; do
		sql "$P" "DELETE FROM cooc_cache"
		# shellcheck disable=SC2086
		anker -p "$P" cooc $o --format tsv >/dev/null 2>&1 || fail "cooc $o failed"
		sql "$P" "UPDATE cooc_cache SET counts = zeroblob(8) || substr(counts, 9)"
		g=$(anker -p "$P" mark 'Interview 01' 1 20 300 --coder ben 2>/dev/null) ||
			fail "mark failed"
		expect_eq 1 "$(sql "$P" 'SELECT COUNT(*) FROM kept_journal')" "journal after a mark ($o)"
		# shellcheck disable=SC2086
		kept=$(anker -p "$P" cooc $o --format tsv 2>&1)
		# shellcheck disable=SC2086
		counted=$(anker -p "$P" cooc $o --no-cache --format tsv 2>&1)
		expect_eq "$(printf '%s\n' "$counted" | sed 1,2d)" "$(printf '%s\n' "$kept" | sed 1,2d)" \
			"the rows after the first, caught up ($o)"
		[ "$(printf '%s\n' "$kept" | sed -n 2p)" != "$(printf '%s\n' "$counted" | sed -n 2p)" ] ||
			fail "the first row was counted anew, not caught up ($o)"
		expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM kept_journal')" "journal once caught up ($o)"
		anker -p "$P" unmark "$g" >/dev/null 2>&1 || fail "unmark failed"
	done
}

# more_segments N: N segments 'g1'..'gN' added behind anker's back, each
# the project's first segment with its end moved on by i.
more_segments() {
	sql "$P" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $1)
	    INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	    SELECT 'g' || i, s.doc_id, s.code_id, s.coder_id, s.start, s.\"end\" + i, s.created,
	    s.modified
	    FROM k, (SELECT * FROM segment ORDER BY id LIMIT 1) s"
}

# Many segments changed at once (a merge, an import): the journal would
# cost the writer more than a count costs; past 4,096 changes it is
# dropped, the cache emptied and disarmed, and the next matrix counted.
test_cooc_cache_journal_full() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	cooc_all
	sql "$P" "UPDATE cooc_cache SET counts = zeroblob(8) || substr(counts, 9)"
	more_segments 4000
	expect_eq "1|4000" "$(sql "$P" 'SELECT armed, (SELECT COUNT(*) FROM kept_journal)
	    FROM cooc_state')" "armed, journal after 4,000 changes"
	sql "$P" "DELETE FROM segment WHERE guid GLOB 'g[0-9]*' AND CAST(substr(guid, 2) AS INTEGER) <= 97"
	expect_eq "0|0|0" "$(sql "$P" 'SELECT armed, (SELECT COUNT(*) FROM kept_journal),
	    (SELECT COUNT(*) FROM cooc_cache) FROM cooc_state')" "armed, journal, kept past 4,096"
	cooc_match "more than 4,096 segments changed"
}

# A matrix kept under a code selection that is gone (a code got its first
# segment, so the default selection changed) is never asked for again: it
# holds the journal only while it is fewer than 1,024 changes behind
# (store_kept_trim), not until 4,096 changes drop every kept result.
test_cooc_cache_journal_trimmed_past_a_matrix_left_behind() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	run anker -p "$P" cooc --format tsv
	run anker -p "$P" codes add Neu
	expect_rc 0
	run anker -p "$P" mark 'Interview 03' Neu 10 200 --coder ben
	expect_rc 0
	run anker -p "$P" cooc --format tsv
	expect_eq 2 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "matrices kept, the old one left behind"
	more_segments 1500
	expect_eq "1|1501" "$(sql "$P" 'SELECT armed, (SELECT COUNT(*) FROM kept_journal)
	    FROM cooc_state')" "armed, journal after the mark and 1,500 changes"
	run anker -p "$P" cooc --format tsv
	expect_rc 0
	expect_eq "1|0" "$(sql "$P" 'SELECT armed, (SELECT COUNT(*) FROM kept_journal)
	    FROM cooc_state')" "armed, journal once the matrix asked for caught up"
	run anker -p "$P" cooc --no-cache --format tsv
	local counted=$OUT
	run anker -p "$P" cooc --format tsv
	expect_eq "$counted" "$OUT" "the kept matrix after 1,500 changes"
}

test_cooc_cache_is_capped() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	local n
	for n in $(seq 0 40); do
		anker -p "$P" cooc --mode "near:$n" --format tsv >/dev/null 2>&1 || fail "near:$n failed"
	done
	expect_eq 32 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "matrices kept at most"
	# the newest stay
	run anker -p "$P" cooc --mode near:40 --format tsv
	expect_eq 32 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "after a matrix kept before"
}

test_cooc_cache_old_project() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	run anker -p "$P" cooc --format tsv
	local want=$OUT
	sql "$P" "DROP TABLE cooc_cache; DROP TABLE cooc_state; PRAGMA user_version = 7"
	run anker -p "$P" cooc --format tsv
	expect_rc 0
	expect_eq "$want" "$OUT" "cooc after the migration"
	expect_eq 20 "$(sql "$P" 'PRAGMA user_version')" "the schema after opening"
	expect_eq 1 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "kept after the migration"
	# A read-only project: counted, nothing kept, nothing written (root
	# writes whatever the modes say).
	[ "$(id -u)" -ne 0 ] || return 0
	sql "$P" "DELETE FROM cooc_cache"
	chmod a-w "$P" d
	run anker -p "$P" cooc --format tsv
	chmod u+w "$P" d
	expect_rc 0
	expect_eq "$want" "$OUT" "cooc of a read-only project"
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM cooc_cache')" "kept in a read-only project"
}
