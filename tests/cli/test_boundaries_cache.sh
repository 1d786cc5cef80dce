# review boundaries kept in the project (issues 17, 18; schema 12,
# anchor/boundaries_cache.c): asked again on an unchanged project, a code's
# boundaries are read, not ranked again; any change of what they depend on
# drops them, so what is shown is always what --no-model computes.  And the
# first build of the model reports progress and can be cancelled.

demo_project() {
	anker demo d >/dev/null 2>&1
	cp d/demo.anker p.anker
}

# stamp_kept: every kept result's "Interview" made "INTERVIEW" (the same
# length: the packed fields stay whole), so that a result read from the
# project says so.
stamp_kept() {
	sql p.anker "UPDATE bounds_cache SET data = CAST(replace(CAST(data AS TEXT), 'Interview',
	    'INTERVIEW') AS BLOB)"
}

# no_words: the column of words (Reasons, Shared) of a TSV list blanked.
# After an anchor example or a definition came, the kept model shows, for a stem, the first
# word it saw (an earlier text's "organisation" where --no-model, reading
# the definitions first, shows the new text's "organisationen"): the
# same scores and order, another word for the same term (anchor/model.c,
# model_term).
no_words() {
	awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Reasons" ||
	    $i == "Shared") w = i } { if (w) $w = ""; print }'
}

# kept_is_fresh LABEL CODE...: after stamp_kept, each code's boundaries
# (and every code's), each list, asked twice (the second read from the
# project), equal what the model computes anew (ANKER_NO_CACHE=1) and what
# --no-model computes (with $WORDS=stems, but for the words): nothing stale
# was read.
kept_is_fresh() {
	local label=$1 c l kept
	shift
	stamp_kept
	for c in "$@" ""; do
		for l in segments anchors pairs; do
			local args=(review boundaries ${c:+--code "$c"} --list "$l" -n 0 --format tsv)
			local what="$label: code ${c:-(all)}, $l"
			run anker -p p.anker "${args[@]}"
			expect_rc 0
			kept=$OUT
			run anker -p p.anker "${args[@]}"
			expect_eq "$kept" "$OUT" "$what, asked again"
			ANKER_NO_CACHE=1 run anker -p p.anker "${args[@]}"
			expect_eq "$OUT" "$kept" "$what, kept and computed anew"
			run anker -p p.anker "${args[@]}" --no-model
			if [ "${WORDS:-}" = stems ]; then
				expect_eq "$(no_words <<<"$OUT")" "$(no_words <<<"$kept")" "$what, and --no-model"
			else
				expect_eq "$OUT" "$kept" "$what, kept and --no-model"
			fi
		done
	done
}

test_boundaries_kept_are_read() {
	demo_project
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_rc 0
	expect_out "Interview 03"
	local first=$OUT
	expect_eq "1|5|de" "$(sql p.anker "SELECT code, lim, lang FROM bounds_cache")" "kept"
	stamp_kept
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_out "INTERVIEW 03"
	expect_no_out "Interview 03"
	# a damaged row is computed again (and kept anew)
	sql p.anker "UPDATE bounds_cache SET data = CAST('99999:x' AS BLOB)"
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_eq "$OUT" "$first" "a damaged row"
	stamp_kept
	# another limit, or $ANKER_NO_CACHE: computed
	run anker -p p.anker review boundaries --code 1 -n 4 --format tsv
	expect_out "Interview 03"
	ANKER_NO_CACHE=1 run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_eq "$OUT" "$first" "ANKER_NO_CACHE=1 computes"
	# a change anywhere the result depends on drops every kept one
	local g
	g=$(sql p.anker "SELECT guid FROM segment ORDER BY id DESC LIMIT 1")
	anker -p p.anker review "$g" fits >/dev/null 2>&1
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM bounds_cache")" "dropped by a verdict"
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_no_out "INTERVIEW"
	expect_eq "1" "$(sql p.anker "SELECT COUNT(*) FROM bounds_cache")" "kept again"
}

test_boundaries_kept_follow_every_change() {
	demo_project
	local codes="1 2.1 2.9.1" g1 g2 g3
	kept_is_fresh "built" $codes
	# coding, judgments, an anchor example
	g1=$(anker -p p.anker mark "Interview 01" 2.1 --lines 3)
	g2=$(sql p.anker "SELECT guid FROM segment ORDER BY id LIMIT 1")
	g3=$(sql p.anker "SELECT guid FROM segment ORDER BY id LIMIT 1 OFFSET 5")
	kept_is_fresh "coded" $codes
	anker -p p.anker review "$g2" misfit >/dev/null 2>&1
	kept_is_fresh "misfit" $codes
	anker -p p.anker review "$g3" fits >/dev/null 2>&1
	kept_is_fresh "fits" $codes
	# (from here on --no-model shows some other words for the same terms:
	# no_words)
	local WORDS=stems
	anker -p p.anker anchors add 1 --from "$g1" >/dev/null 2>&1
	kept_is_fresh "anchor example" $codes
	# names and paths shown, a document's name
	anker -p p.anker codes rename 2.9.1 "Neuer Name" >/dev/null 2>&1
	kept_is_fresh "code renamed" $codes
	anker -p p.anker docs rename "Interview 03" "Interview 33" >/dev/null 2>&1
	kept_is_fresh "document renamed" $codes
	# uncoding, undo and redo
	anker -p p.anker unmark "$g1" >/dev/null 2>&1
	kept_is_fresh "uncoded" $codes
	anker -p p.anker undo >/dev/null 2>&1
	kept_is_fresh "undone" $codes
	anker -p p.anker undo >/dev/null 2>&1
	kept_is_fresh "undone twice" $codes
	anker -p p.anker redo >/dev/null 2>&1
	kept_is_fresh "redone" $codes
	# definitions: by anker, by the sqlite3 shell (no hook runs), undone
	printf 'Codebuch\n\nCodesystem\n\n1 Verflechtungsdichte\n\n1 Verflechtungsdichte\n\nCodedefinition: Organisationen am Tisch, Bezirksregierung und Kreis.\n\n' >cb.txt
	anker -p p.anker codebook import cb.txt >/dev/null 2>&1
	kept_is_fresh "definition imported" $codes
	sql p.anker "UPDATE code SET definition = 'Stadtwerke und Denkmalpflege' WHERE number = '2.1'"
	kept_is_fresh "definition by sqlite3" $codes
	anker -p p.anker undo >/dev/null 2>&1
	kept_is_fresh "import undone" $codes
}

# The model's first build reports progress through store_progress: a
# cancel (ANKER_CANCEL_AT) leaves the project as it was, and the next call
# builds it.
test_boundaries_model_build_cancelled() {
	demo_project
	local before
	before=$(sql p.anker "SELECT (SELECT COUNT(*) FROM model_part), (SELECT COUNT(*) FROM meta),
	    (SELECT COUNT(*) FROM bounds_cache)")
	ANKER_CANCEL_AT=2 run anker -p p.anker review boundaries --code 1 -n 5
	[ "$RC" -ne 0 ] || fail "cancelled, yet exit status 0"
	expect_err "model cancelled; nothing was changed"
	expect_eq "$before" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM model_part),
	    (SELECT COUNT(*) FROM meta), (SELECT COUNT(*) FROM bounds_cache)")" "nothing changed"
	expect_eq "" "$(sql p.anker "SELECT value FROM meta WHERE key = 'suggest_lang'")" "no model"
	# no bar in a pipe
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_rc 0
	expect_eq "" "$ERR" "nothing on standard error"
	expect_eq "de" "$(sql p.anker "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"built by the next call"
	local kept=$OUT
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv --no-model
	expect_eq "$OUT" "$kept" "the model built after the cancel, and --no-model"
	# a cancelled boundaries computation keeps nothing
	sql p.anker "UPDATE code SET definition = 'x' WHERE number = '1'"
	ANKER_CANCEL_AT=0 run anker -p p.anker review boundaries --code 2.1 -n 5
	[ "$RC" -ne 0 ] || fail "cancelled, yet exit status 0"
	expect_err "boundaries cancelled; nothing was changed"
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM bounds_cache")" "nothing kept"
}

# longest_is_bound: doc_longest (schema 20) has a row per document with
# segments, each at least its longest segment's length.
longest_is_bound() {
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM (SELECT doc_id, MAX(\"end\" - start) m
	    FROM segment GROUP BY doc_id) s LEFT JOIN doc_longest l USING (doc_id)
	    WHERE l.len IS NULL OR l.len < s.m")" "$1: doc_longest bounds every document's longest"
}

# The segments a segment overlaps are found in a window of the index as
# long as a document's longest segment (doc_longest, kept by triggers): a
# segment coming, growing, moving and going keeps the boundaries what
# --no-model computes; a file of schema 18 gets the table filled.
test_boundaries_longest_segment() {
	demo_project
	# (the long segment's text brings words the model saw first in other
	# forms: no_words)
	local codes="1 2.1" g WORDS=stems
	kept_is_fresh "built" $codes
	longest_is_bound "built"
	expect_eq "322" "$(sql p.anker "SELECT len FROM doc_longest WHERE doc_id = 1")" "document 1"
	# a segment over most of document 1: the longest, overlapping many
	g=$(anker -p p.anker mark "Interview 01" 2.1 900 8000)
	expect_eq "7100" "$(sql p.anker "SELECT len FROM doc_longest WHERE doc_id = 1")" "raised"
	kept_is_fresh "a long segment" $codes
	anker -p p.anker segment set "$g" --start 100 --end 8400 >/dev/null 2>&1 || fail "segment set"
	expect_eq "8300" "$(sql p.anker "SELECT len FROM doc_longest WHERE doc_id = 1")" "grown"
	kept_is_fresh "grown" $codes
	anker -p p.anker segment set "$g" --start 4000 --end 4100 >/dev/null 2>&1 || fail "segment set"
	kept_is_fresh "shrunk" $codes
	anker -p p.anker unmark "$g" >/dev/null 2>&1 || fail "unmark"
	kept_is_fresh "gone" $codes
	longest_is_bound "gone"
	# an older file: the table made and filled as it opens (the kept
	# results, stamped by kept_is_fresh, dropped)
	sql p.anker "DELETE FROM bounds_cache; DROP TABLE doc_longest; DROP TRIGGER doc_longest_insert;
	    DROP TRIGGER doc_longest_update; DROP TRIGGER doc_longest_gone; PRAGMA user_version = 18"
	run anker -p p.anker review boundaries --code 1 -n 5 --format tsv
	expect_rc 0
	expect_eq "20" "$(sql p.anker 'PRAGMA user_version')" "the schema after opening"
	expect_eq "322" "$(sql p.anker "SELECT len FROM doc_longest WHERE doc_id = 1")" "migrated"
	longest_is_bound "migrated"
	kept_is_fresh "migrated" $codes
	# a document gone takes its row along
	anker -p p.anker docs delete "Interview 05" --force >/dev/null 2>&1
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM doc_longest WHERE doc_id = 5")" \
		"the row of a deleted document"
}
