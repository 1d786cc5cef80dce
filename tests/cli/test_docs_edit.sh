# docs rename|delete|group|var set|unset: each one undo step, restored
# exactly by undo (with the codings, reviews, memos and anchor links of a
# deleted document), refusals that change nothing, did you mean.

demo() { anker demo d >/dev/null 2>&1; P=d/demo.anker; }

# Everything a document edit touches, by GUID (row ids change when undo
# puts a row back), as one line per row.
dump() {
	sql "$1" "SELECT 'doc', guid, name, grp, hex(text), bytes, chars, paragraphs, source, imported
	    FROM document ORDER BY guid;
	  SELECT 'var', d.guid, v.name, v.type, v.value FROM doc_var v JOIN document d ON d.id = v.doc_id
	    ORDER BY 2, 3;
	  SELECT 'turn', d.guid, t.n, t.start, t.\"end\", t.para_first, t.para_last, t.speaker,
	    t.ts_start, t.ts_end FROM turn t JOIN document d ON d.id = t.doc_id ORDER BY 2, 3;
	  SELECT 'seg', s.guid, d.guid, c.guid, k.guid, s.start, s.\"end\", s.weight, s.memo, s.created,
	    s.modified FROM segment s JOIN document d ON d.id = s.doc_id JOIN code c ON c.id = s.code_id
	    JOIN coder k ON k.id = s.coder_id ORDER BY 2;
	  SELECT 'review', s.guid, r.verdict, r.comment, k.name, r.created FROM review r
	    JOIN segment s ON s.id = r.segment_id JOIN coder k ON k.id = r.reviewer_id ORDER BY 2, 3;
	  SELECT 'memo', m.guid, m.type, m.target, (SELECT guid FROM document WHERE id = m.doc_id),
	    (SELECT guid FROM code WHERE id = m.code_id), (SELECT guid FROM segment WHERE id = m.segment_id),
	    m.text, m.created, m.modified FROM memo m ORDER BY 2;
	  SELECT 'anchor', c.guid, a.position, a.text, a.citation, a.segment_guid FROM anchor a
	    JOIN code c ON c.id = a.code_id ORDER BY 2, 3;
	  SELECT 'code_doc', c.guid, d.guid, x.n FROM code_doc x JOIN code c ON c.id = x.code_id
	    JOIN document d ON d.id = x.doc_id ORDER BY 2, 3;" | md5sum
}

# refused STATUS MESSAGE CMD...: CMD fails with STATUS and MESSAGE on
# stderr, and the project $P is unchanged.
refused() {
	local rc=$1 msg=$2
	shift 2
	run_unchanged "$P" "$@"
	expect_rc "$rc"
	expect_err "$msg"
}

names() { sql "$P" "SELECT group_concat(name, '|') FROM (SELECT name FROM document ORDER BY name)"; }

# ---------------------------------------------------------------------------

test_docs_rename_undo_redo() {
	demo
	before=$(dump $P)
	run anker -p $P docs rename "interview 01" "Stadt Hohenfeld"
	expect_rc 0
	expect_err "renamed document 'Interview 01' to 'Stadt Hohenfeld'"
	expect_eq "Interview 02|Interview 03|Interview 04|Interview 05|Stadt Hohenfeld" "$(names)" "names"
	after=$(dump $P)
	run anker -p $P segments --doc "Stadt Hohenfeld" --format tsv
	expect_rc 0
	expect_eq 34 "$(printf '%s\n' "$OUT" | wc -l)" "the renamed document's segments (with the header)"
	run anker -p $P undo
	expect_rc 0
	expect_err "docs rename"
	expect_eq "$before" "$(dump $P)" "project after undo"
	run anker -p $P redo
	expect_rc 0
	expect_eq "$after" "$(dump $P)" "project after redo"
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM log WHERE action = 'docs rename'")" "log entries of the rename"
	# The rename logs the document's name and variables, not its text.
	expect_eq "0|0" "$(sql $P "SELECT json_type(before, '\$.text') IS NOT NULL,
	  json_type(after, '\$.text') IS NOT NULL FROM log WHERE action = 'docs rename'")" \
		"the rename's log entry holds no text"
	expect_eq 1 "$(sql $P "SELECT length(before) < 1000 FROM log WHERE action = 'docs rename'")" \
		"the rename's log entry is small"
}

test_docs_rename_refused() {
	demo
	refused 1 "a document named 'Interview 02' exists already" \
		anker -p $P docs rename "Interview 01" "Interview 02"
	refused 1 "a document named 'Interview 02' exists already (names differ only in case)" \
		anker -p $P docs rename "Interview 01" "INTERVIEW 02"
	refused 1 "document name 'a$(printf '\t')b' must be one line without control characters (U+0009 at byte 1)" \
		anker -p $P docs rename "Interview 01" "$(printf 'a\tb')"
	refused 1 "U+001B" anker -p $P docs rename "Interview 01" "$(printf 'a\033[31mb')"
	refused 1 "U+0085" anker -p $P docs rename "Interview 01" "$(printf 'a\302\205b')"
	refused 1 "a document name may not be empty" anker -p $P docs rename "Interview 01" "  "
	refused 1 "invalid UTF-8" anker -p $P docs rename "Interview 01" "$(printf 'a\377')"
	refused 1 "no document 'Intervew 01'; did you mean 'Interview 01'?" \
		anker -p $P docs rename "Intervew 01" X
	refused 2 "expected DOC NEWNAME" anker -p $P docs rename "Interview 01"
	refused 2 "unknown subcommand 'renam'; did you mean 'rename'?" anker -p $P docs renam a b
	# the same name: nothing to do, no step
	refused 0 "document 'Interview 01': the name is unchanged" \
		anker -p $P docs rename "Interview 01" " Interview 01 "
	# only the case of its own name: fine
	run anker -p $P docs rename "Interview 01" "INTERVIEW 01"
	expect_rc 0
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM document WHERE name = 'INTERVIEW 01'")" "renamed in case only"
	# NFC: a decomposed ü is stored composed
	run anker -p $P docs rename "INTERVIEW 01" "$(printf 'Mu\314\210hlbach')"
	expect_rc 0
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM document WHERE name = '$(printf 'M\303\274hlbach')'")" "NFC name"
}

test_docs_delete_refused_without_force() {
	demo
	refused 1 "document 'Interview 01' has 33 codings; --force deletes them with it" \
		anker -p $P docs delete "Interview 01"
	anker -p $P import --name Leer /dev/null 2>/dev/null
	anker -p $P memo add --on "doc:Leer" "Notiz" >/dev/null 2>&1
	refused 1 "document 'Leer' has 1 memo; --force deletes it with it" anker -p $P docs delete Leer
	refused 1 "no document 'Intervew 05'; did you mean 'Interview 05'?" \
		anker -p $P docs delete "Intervew 05"
	refused 2 "expected one DOC" anker -p $P docs delete
}

test_docs_delete_force_undo_redo_exact() {
	demo
	seg=$(sql $P "SELECT s.guid FROM segment s JOIN document d ON d.id = s.doc_id
	    WHERE d.name = 'Interview 02' ORDER BY s.id LIMIT 1")
	code=$(sql $P "SELECT c.number FROM segment s JOIN code c ON c.id = s.code_id WHERE s.guid = '$seg'")
	anker -p $P memo add --on "doc:Interview 02" "Zum Dokument" >/dev/null 2>&1
	anker -p $P memo add --on "segment:$seg" "Zur Codierung" >/dev/null 2>&1
	anker -p $P review "$seg" fits --comment "passt" --reviewer ben >/dev/null 2>&1
	anker -p $P anchors add "$code" --from "$seg" >/dev/null 2>&1
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM anchor WHERE segment_guid = '$seg'")" "the anchor example"
	before=$(dump $P)
	run anker -p $P docs delete "interview 02" --force
	expect_rc 0
	expect_err "deleted document 'Interview 02' with 32 codings, 1 review, 2 memos"
	expect_err "1 anchor example quoting its codings stays in the codebook"
	expect_eq "0 0 0" "$(sql $P "SELECT COUNT(*) FROM document WHERE name = 'Interview 02'") $(sql $P "SELECT COUNT(*) FROM memo") $(sql $P "SELECT COUNT(*) FROM review")" "document, memos, reviews after delete"
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM anchor WHERE segment_guid = '$seg'")" "the anchor example after delete"
	after=$(dump $P)
	run anker -p $P undo
	expect_rc 0
	expect_err "undid step"
	expect_err "restored 1 document, 32 codings, 1 memo"
	expect_eq "$before" "$(dump $P)" "project after undo"
	run anker -p $P redo
	expect_rc 0
	expect_eq "$after" "$(dump $P)" "project after redo"
	run anker -p $P undo
	expect_rc 0
	expect_eq "$before" "$(dump $P)" "project after undo, redo, undo"
	expect_eq ok "$(sql $P "PRAGMA foreign_key_check; PRAGMA integrity_check")" "integrity"
	expect_eq 1 "$(sql $P "SELECT COUNT(DISTINCT step) FROM log WHERE action = 'docs delete'")" "one step"
}

test_docs_delete_empty_and_undo() {
	demo
	anker -p $P import --name Leer --group G --var Jahr=2020 /dev/null 2>/dev/null
	before=$(dump $P)
	run anker -p $P docs delete leer
	expect_rc 0
	expect_err "deleted document 'Leer' ('anker undo' brings it back)"
	run anker -p $P undo
	expect_rc 0
	expect_eq "$before" "$(dump $P)" "project after undo"
}

test_docs_group() {
	demo
	before=$(dump $P)
	run anker -p $P docs group Städte "Interview 01" "interview 03"
	expect_rc 0
	expect_err "2 documents put in group 'Städte'"
	# the spelling in use wins; documents there already are not changed
	run anker -p $P docs group STÄDTE "Interview 01" "Interview 05"
	expect_rc 0
	expect_err "1 document put in group 'Städte' (1 document there already)"
	expect_eq "Interview 01|Interview 03|Interview 05" "$(sql $P "SELECT group_concat(name, '|') FROM (SELECT name FROM document WHERE grp = 'Städte' ORDER BY name)")" "group Städte"
	run anker -p $P docs group "" "Interview 05"
	expect_rc 0
	expect_err "1 document taken out of their group"
	expect_eq "" "$(sql $P "SELECT grp FROM document WHERE name = 'Interview 05'")" "no group"
	refused 1 "must be one line without control characters (U+000A at byte 1)" anker -p $P docs group "$(printf 'a\nb')" "Interview 02"
	refused 1 "no document 'Interview 9'" anker -p $P docs group X "Interview 02" "Interview 9"
	refused 2 "expected GROUP DOC..." anker -p $P docs group X
	for i in 1 2 3; do anker -p $P undo >/dev/null 2>&1; done
	expect_eq "$before" "$(dump $P)" "project after three undos"
}

test_docs_var_set_unset_types() {
	demo
	before=$(dump $P)
	while IFS='|' read -r value type; do
		run anker -p $P docs var set "Wert=$value" "Interview 01"
		expect_rc 0
		expect_err "Wert = $value ($type) on 1 document"
		expect_eq "$type|$value" "$(sql $P "SELECT type || '|' || value FROM doc_var WHERE name = 'Wert'")" "Wert=$value"
	done <<'EOF'
0.0|float
2023|integer
-1.5|float
2e3|float
007|text
+5|text
true|boolean
2024-02-29|date
2023-02-29|text
99999999999999999999|float
1.|text
EOF
	run anker -p $P docs var set "Wert=0.0" "Interview 01"
	run anker -p $P docs --format json
	expect_out '"Wert": 0.0'
	# a value typed by an older anker (007 as integer) is written as a
	# string, so that the JSON stays valid
	sql $P "UPDATE doc_var SET type = 'integer', value = '007' WHERE name = 'Wert'"
	run anker -p $P docs --format json
	expect_out '"Wert": "007"'
	python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$OUT" || fail "docs --format json is not valid JSON"
	anker -p $P docs var set "Wert=0.0" "Interview 01" 2>/dev/null
	# the spelling in use wins; one step for several documents
	run anker -p $P docs var set "wert=ja" "Interview 02" "Interview 03"
	expect_rc 0
	expect_err "Wert = ja (text) on 2 documents"
	run anker -p $P docs var set "Wert=ja" "Interview 02"
	expect_rc 0
	expect_err "Wert = ja (text) on 0 documents (1 document had it already)"
	expect_eq 1 "$(sql $P "SELECT COUNT(DISTINCT step) FROM log WHERE action = 'docs var set' AND step = (SELECT MAX(step) FROM log)")" "steps"
	run anker -p $P docs var unset WERT "Interview 01" "Interview 02" "Interview 04"
	expect_rc 0
	expect_err "Wert removed from 2 documents (1 document did not have it)"
	refused 1 "no document has a variable 'Wetr'; did you mean 'Wert'?" \
		anker -p $P docs var unset Wetr "Interview 03"
	refused 2 "expected NAME=VALUE" anker -p $P docs var set Wert "Interview 03"
	refused 2 "did you mean 'unset'?" anker -p $P docs var unsett Wert "Interview 03"
	refused 1 "variable value 'a$(printf '\t')b' must be one line" \
		anker -p $P docs var set "Wert=$(printf 'a\tb')" "Interview 03"
	refused 1 "a variable name may not be empty" anker -p $P docs var set " =1" "Interview 03"
	# the import types values the same way
	printf 'x\n' > e.txt
	anker -p $P import --var Wert2=0.0 --var PLZ=007 e.txt 2>/dev/null
	expect_eq "float text" "$(sql $P "SELECT group_concat(type, ' ') FROM (SELECT type FROM doc_var WHERE name IN ('Wert2', 'PLZ') ORDER BY name DESC)")" "import --var types"
	anker -p $P undo >/dev/null 2>&1
	n=$(sql $P "SELECT COUNT(DISTINCT step) FROM log WHERE undone = 0 AND action LIKE 'docs var%'")
	for ((i = 0; i < n; i++)); do anker -p $P undo >/dev/null 2>&1; done
	expect_eq "$before" "$(dump $P)" "project after undoing every variable step"
}

# A rename and a variable (logged as the document's head, without its text)
# followed by a delete (logged whole): undone and redone in any order, each
# state is exact.
test_docs_head_edits_then_delete_undo_redo() {
	demo
	s0=$(dump $P)
	anker -p $P docs rename "Interview 03" "Stadt Nord" 2>/dev/null
	s1=$(dump $P)
	anker -p $P docs var set Einwohner=12000 "Stadt Nord" 2>/dev/null
	expect_eq 1 "$(sql $P "SELECT COUNT(*) FROM doc_var WHERE name = 'Einwohner'")" "the variable"
	s2=$(dump $P)
	anker -p $P docs delete "Stadt Nord" --force 2>/dev/null
	s3=$(dump $P)
	for want in "$s2" "$s1" "$s0"; do
		run anker -p $P undo
		expect_rc 0
		expect_eq "$want" "$(dump $P)" "after an undo"
	done
	for want in "$s1" "$s2" "$s3"; do
		run anker -p $P redo
		expect_rc 0
		expect_eq "$want" "$(dump $P)" "after a redo"
	done
	expect_eq ok "$(sql $P "PRAGMA foreign_key_check; PRAGMA integrity_check")" "integrity"
}
