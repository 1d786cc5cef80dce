# Agreement counts kept in the project (schema 13: kept): agreement asked
# for again is read, not counted, and is always what a count gives
# (--no-cache), whatever changed the project in between: anker's commands,
# undo and redo, a merge, the sqlite3 shell.

COMBOS=("--coders anna,ben" "--coders anna,ben --unit paragraph"
        "--coders anna,ben --unit paragraph --blank-units" "--coders anna,ben --unit document"
        "--coders anna,ben --ignore-uncoded" "--coders anna,ben --all-docs"
        "--coders anna,ben --codes 2.1,1,2.4" "--coders anna,ben --under 2"
        "--coders anna,ben --docs 'Interview 01,Interview 03'"
        "--coders anna,ben,cem --unit paragraph" "--coders anna,ben --segments"
        "--coders anna,ben --segments --min-overlap 50 --all-docs")

# agree_all: every combination asked for once (kept when counted).
agree_all() {
	local o
	for o in "${COMBOS[@]}"; do
		eval "anker -p \"\$P\" agree $o --format tsv" >/dev/null 2>&1 || fail "agree $o failed"
	done
}

# agree_match WHAT: every combination as kept (or counted and kept)
# equals a count, the documents compared and left out (stderr) too.
agree_match() {
	local o kept counted
	for o in "${COMBOS[@]}"; do
		kept=$(eval "anker -p \"\$P\" agree $o --format tsv" 2>&1 || true)
		counted=$(eval "anker -p \"\$P\" agree $o --no-cache --format tsv" 2>&1 || true)
		expect_eq "$counted" "$kept" "agree $o after $1"
	done
}

# A demo project with a third coder, cem, who coded two documents.
agree_project() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
	anker -p "$P" mark 'Interview 01' 2.1 10 400 --coder cem >/dev/null 2>&1 || fail "mark failed"
	anker -p "$P" mark 'Interview 02' 1 50 90 --coder cem >/dev/null 2>&1 || fail "mark failed"
}

test_agree_kept_is_read() {
	agree_project
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM kept')" "kept at first"
	run anker -p "$P" agree --coders anna,ben --no-cache --format tsv
	local first=$OUT
	expect_eq 0 "$(sql "$P" 'SELECT COUNT(*) FROM kept')" "kept after --no-cache"
	run anker -p "$P" agree --coders anna,ben --format tsv
	expect_eq "$first" "$OUT" "agree counted and kept"
	expect_eq 1 "$(sql "$P" 'SELECT COUNT(*) FROM kept')" "kept after agree"
	# What is shown is what was kept: a count changed behind anker's back
	# (no trigger watches the table) shows, and only without --no-cache.
	# The value: ncoders, documents (count, then id and bits each), codes
	# (count, then id, documents, units, agree, ... each): the first code's
	# units.
	sql "$P" "UPDATE kept SET value = substr(value, 1, 8 * (3 + 2 * $(sql "$P" \
	            "SELECT COUNT(DISTINCT doc_id) FROM segment")) + 16) || zeroblob(8) ||
	            substr(value, 8 * (3 + 2 * $(sql "$P" "SELECT COUNT(DISTINCT doc_id) FROM segment")) + 25)"
	run anker -p "$P" agree --coders anna,ben --format tsv
	expect_eq 0 "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f3)" "the first code's units as kept"
	run anker -p "$P" agree --coders anna,ben --no-cache --format tsv
	expect_eq "$first" "$OUT" "--no-cache counts"
	ANKER_NO_CACHE=1 run anker -p "$P" agree --coders anna,ben --format tsv
	expect_eq "$first" "$OUT" "ANKER_NO_CACHE=1 counts"
	# A change no count depends on keeps them; a segment moved is caught
	# up (schema 15): the documents it was and is in counted again, the
	# first code's units (and so the pooled) still as kept, the others as
	# counted.
	sql "$P" "UPDATE segment SET memo = 'x' WHERE id = 1; UPDATE code SET color = '#123456' WHERE id = 1;
	          UPDATE document SET name = 'Interview 1' WHERE name = 'Interview 01'"
	run anker -p "$P" agree --coders anna,ben --format tsv
	expect_eq 0 "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f3)" "kept after a memo, a color, a name"
	expect_err "Interview 1,"
	sql "$P" "UPDATE segment SET \"end\" = \"end\" + 1 WHERE id = 1"
	run anker -p "$P" agree --coders anna,ben --format tsv
	local now=$OUT
	run anker -p "$P" agree --coders anna,ben --no-cache --format tsv
	expect_eq "$(printf '%s\n' "$OUT" | sed '2d;$d')" "$(printf '%s\n' "$now" | sed '2d;$d')" \
		"after a segment moved, but the first code"
	[ "$(printf '%s\n' "$OUT" | sed -n 2p)" != "$(printf '%s\n' "$now" | sed -n 2p)" ] ||
		fail "the first code counted anew after a segment moved, not caught up"
	# Three coders alike: their counts are whole numbers too (the pairs
	# of values by the coders present), caught up the same way.
	run anker -p "$P" agree --coders anna,ben,cem --format tsv
	sql "$P" "UPDATE kept SET value = substr(value, 1, 8 * (3 + 2 * $(sql "$P" \
	            "SELECT COUNT(DISTINCT doc_id) FROM segment")) + 16) || zeroblob(8) ||
	            substr(value, 8 * (3 + 2 * $(sql "$P" "SELECT COUNT(DISTINCT doc_id) FROM segment")) + 25)"
	sql "$P" "UPDATE segment SET \"end\" = \"end\" - 1 WHERE id = 1"
	run anker -p "$P" agree --coders anna,ben,cem --format tsv
	now=$OUT
	run anker -p "$P" agree --coders anna,ben,cem --no-cache --format tsv
	expect_eq "$(printf '%s\n' "$OUT" | sed '2d;$d')" "$(printf '%s\n' "$now" | sed '2d;$d')" \
		"three coders after a segment moved, but the first code"
	[ "$(printf '%s\n' "$OUT" | sed -n 2p)" != "$(printf '%s\n' "$now" | sed -n 2p)" ] ||
		fail "three coders: the first code counted anew after a segment moved, not caught up"
}

test_agree_kept_follows_every_change() {
	agree_project
	local e="kept_edit agree_all agree_match" kept
	kept_follows_edits agree_all agree_match
	# (--under 2: a row for it, every unit uncoded)
	$e "a code added" anker -p "$P" codes add 'Verflechtungsorganisation >> Neu'
	printf 'Ein neues Interview.\n\nZweiter Absatz.\n' >neu.txt
	$e "a document imported" anker -p "$P" import neu.txt
	# the first blank after character 40 turned into a line feed
	$e "a text changed in the sqlite3 shell" sql "$P" "UPDATE document
	    SET text = substr(text, 1, 39 + instr(substr(text, 41), ' ')) || char(10) ||
	               substr(text, 41 + instr(substr(text, 41), ' ')),
	    paragraphs = paragraphs + 1 WHERE name = 'Interview 01'"
	$e "a document's characters changed in the sqlite3 shell" sql "$P" "UPDATE document
	    SET chars = chars - 1 WHERE name = 'Interview 03'"
	# The documents a filter chooses are in the key.
	anker -p "$P" agree --coders anna,ben --group Interviews >/dev/null 2>&1 ||
		fail "agree --group failed"
	sql "$P" "UPDATE document SET grp = 'Andere' WHERE name = 'Interview 03'"
	run anker -p "$P" agree --coders anna,ben --group Interviews --format tsv
	kept=$OUT
	run anker -p "$P" agree --coders anna,ben --group Interviews --no-cache --format tsv
	expect_eq "$OUT" "$kept" "a document's group changed in the sqlite3 shell"
}

test_agree_kept_old_project() {
	agree_project
	run anker -p "$P" agree --coders anna,ben --format tsv
	local want=$OUT
	sql "$P" "DROP TABLE kept; PRAGMA user_version = 10"
	run anker -p "$P" agree --coders anna,ben --format tsv
	expect_rc 0
	expect_eq "$want" "$OUT" "agree after the migration"
	expect_eq 20 "$(sql "$P" 'PRAGMA user_version')" "the schema after opening"
	expect_eq 1 "$(sql "$P" 'SELECT COUNT(*) FROM kept')" "kept after the migration"
}

# random_edit CODERS KINDS: one edit by one of CODERS (words) at random,
# of a kind below KINDS: 0 and 1 a coding, 2 one of the coder's codings
# unmarked, 3 all of the coder's codings in a document unmarked (the
# coder leaves it).  A document may come to be compared, or cease to be.
# E tells which edit it was.
random_edit() {
	local coders=($1) doc code start g
	local r=$((RANDOM % $2)) coder=${coders[RANDOM % ${#coders[@]}]}
	local by="s.coder_id = (SELECT id FROM coder WHERE name = '$coder')"
	E="kind $r, $coder"
	case $r in
	0|1)
		doc=$(sql "$P" "SELECT name FROM document ORDER BY id LIMIT 1 OFFSET $((RANDOM % 5))")
		code=$(sql "$P" "SELECT number FROM code WHERE number <> '' ORDER BY id
		                   LIMIT 1 OFFSET $((RANDOM % 40))")
		start=$((RANDOM % 500))
		anker -p "$P" mark "$doc" "$code" "$start" $((start + 1 + RANDOM % 300)) \
			--coder "$coder" >/dev/null 2>&1 || true ;;
	2)
		g=$(sql "$P" "SELECT s.guid FROM segment s WHERE $by ORDER BY s.id
		              LIMIT 1 OFFSET $((RANDOM % 20))")
		[ -z "$g" ] || anker -p "$P" unmark "$g" >/dev/null 2>&1 || fail "unmark failed" ;;
	3)
		doc=$(sql "$P" "SELECT DISTINCT s.doc_id FROM segment s WHERE $by ORDER BY s.doc_id
		                LIMIT 1 OFFSET $((RANDOM % 3))")
		E="$E, document $doc"
		for g in $([ -z "$doc" ] || sql "$P" "SELECT s.guid FROM segment s
		                                      WHERE $by AND s.doc_id = $doc"); do
			anker -p "$P" unmark "$g" >/dev/null 2>&1 || fail "unmark failed"
		done ;;
	esac
}

# Random codings and unmarkings by each coder, each compared with a
# count: kept counts are caught up (schema 15).
test_agree_kept_random_edits() {
	agree_project
	local i E
	RANDOM=14
	for i in 1 2 3 4 5 6 7 8; do
		agree_all
		random_edit "anna ben cem" 3
		agree_match "random edit $i ($E)"
	done
}

# The same with three and four coders (their pairs of values caught up
# as whole numbers, team.h): a fourth, dora, codes in one document of
# those cem coded in and in one he did not; coders come to code in a
# document and leave it (every coding of theirs there unmarked), so that
# documents come to be compared and cease to be; with --all-docs a
# document one coder alone coded is compared too.
test_agree_kept_random_edits_more_coders() {
	agree_project
	anker -p "$P" mark 'Interview 02' 2.1 0 120 --coder dora >/dev/null 2>&1 || fail "mark failed"
	anker -p "$P" mark 'Interview 04' 1 30 90 --coder dora >/dev/null 2>&1 || fail "mark failed"
	local i E
	local COMBOS=("--coders anna,ben,cem" "--coders anna,ben,cem --unit document --all-docs"
	              "--coders anna,ben,cem,dora --unit paragraph --all-docs"
	              "--coders anna,ben,cem,dora" "--coders cem,dora,anna --ignore-uncoded --all-docs"
	              "--coders dora,ben,cem --unit paragraph --blank-units --all-docs")
	RANDOM=7
	for i in $(seq 1 14); do
		agree_all
		random_edit "anna ben cem dora cem dora" 4
		agree_match "random edit $i ($E)"
	done
}
