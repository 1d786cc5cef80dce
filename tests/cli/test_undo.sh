# log, undo, redo: the change log and stepping back and forth through it.

CB="$FIXTURES/codebook/verflechtung-codebook.txt"
DOC="$FIXTURES/corpus/lehre.txt"

setup() { anker -p p.anker init 2>/dev/null; }

test_undo_redo_import() {
	setup
	anker -p p.anker import --var Jahr=2023 "$DOC" 2>/dev/null
	guid=$(sql p.anker 'SELECT guid FROM document')
	text=$(sql p.anker 'SELECT text FROM document')
	run anker -p p.anker undo
	expect_rc 0
	expect_err "undid step 1 (import by tester): removed 1 document"
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM document')" "documents after undo"
	run anker -p p.anker docs --format tsv
	expect_rc 0
	expect_eq 1 "$(printf '%s\n' "$OUT" | wc -l)" "lines of docs after undo (header only)"
	run anker -p p.anker redo
	expect_rc 0
	expect_err "redid step 1 (import by tester): added 1 document"
	expect_eq "$guid" "$(sql p.anker 'SELECT guid FROM document')" "GUID after redo"
	expect_eq "$text" "$(sql p.anker 'SELECT text FROM document')" "text after redo"
	expect_eq "Jahr=2023" "$(sql p.anker "SELECT name || '=' || value FROM doc_var")" "variable after redo"
	expect_eq 2 "$(sql p.anker 'SELECT COUNT(*) FROM turn')" "turns after redo"
}

test_undo_redo_codebook_import() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	codes=$(sql p.anker "SELECT group_concat(guid || number || name || definition || color, '|') FROM (SELECT * FROM code ORDER BY guid)")
	anchors=$(sql p.anker "SELECT group_concat(text, '|') FROM (SELECT a.text FROM anchor a JOIN code c ON c.id = a.code_id ORDER BY c.guid, a.position)")
	run anker -p p.anker undo
	expect_rc 0
	expect_err "undid step 1 (codebook import by tester): removed 54 codes"
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM code')" "codes after undo"
	expect_eq "0 0" "$(sql p.anker 'SELECT COUNT(*) FROM anchor') $(sql p.anker 'SELECT COUNT(*) FROM code_note')" "anchors and notes after undo"
	run anker -p p.anker redo
	expect_rc 0
	expect_err "redid step 1 (codebook import by tester): added 54 codes"
	expect_eq 54 "$(sql p.anker 'SELECT COUNT(*) FROM code')" "codes after redo"
	expect_eq "$codes" "$(sql p.anker "SELECT group_concat(guid || number || name || definition || color, '|') FROM (SELECT * FROM code ORDER BY guid)")" "codes (GUIDs, numbers, names) after redo"
	expect_eq "$anchors" "$(sql p.anker "SELECT group_concat(text, '|') FROM (SELECT a.text FROM anchor a JOIN code c ON c.id = a.code_id ORDER BY c.guid, a.position)")" "anchors after redo"
	expect_eq "2.12.8" "$(sql p.anker "SELECT p.number FROM code c JOIN code p ON p.id = c.parent_id WHERE c.number = '2.12.8.2'")" "parent after redo"
}

test_codebook_reimport_logs_nothing() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	before=$(snapshot p.anker)
	run anker -p p.anker codebook import "$CB"
	expect_rc 0
	expect_eq "$before" "$(snapshot p.anker)" "project (log included) after an unchanged re-import"
	expect_eq 1 "$(sql p.anker 'SELECT COUNT(DISTINCT step) FROM log')" "steps"
	# A changed definition is one logged update, undone to the old text.
	sed 's/^Codedefinition: \(.*\)/Codedefinition: GEÄNDERT \1/' "$CB" > changed.txt
	old=$(sql p.anker "SELECT definition FROM code WHERE number = '1'")
	run anker -p p.anker codebook import changed.txt
	expect_rc 0
	run anker -p p.anker undo
	expect_rc 0
	expect_err "undid step 2 (codebook import by tester): changed back"
	expect_eq "$old" "$(sql p.anker "SELECT definition FROM code WHERE number = '1'")" "definition after undo"
}

# One import that adds codes (logged together, one statement for all) and
# changes codes the project has (logged one by one): undo puts back the
# project as it was, redo as the import left it, whole rows each time.
test_undo_redo_codebook_import_adds_and_changes() {
	setup
	codes_sql="SELECT group_concat(guid || '/' || number || '/' || name || '/' || definition || '/' || color || '/' || COALESCE((SELECT guid FROM code p WHERE p.id = c.parent_id), '-') || '/' || position, '|') FROM (SELECT * FROM code ORDER BY guid) c"
	lists_sql="SELECT (SELECT group_concat(code_id || text, '|') FROM (SELECT * FROM anchor ORDER BY code_id, position)) || '#' || (SELECT group_concat(code_id || label || text, '|') FROM (SELECT * FROM code_note ORDER BY code_id, position))"
	printf 'T\n\nCodesystem\n\n1 Alt\n1.1 Kind\n\n1 Alt\n\nCodedefinition: alt\n\n' > one.txt
	anker -p p.anker codebook import one.txt 2>/dev/null
	before="$(sql p.anker "$codes_sql") $(sql p.anker "$lists_sql")"
	printf 'T\n\nCodesystem\n\n1 Alt\n1.1 Kind\n1.2 Neu\n1.2.1 Enkel\n2 Oben\n\n' > two.txt
	printf '1 Alt\n\nCodedefinition: neu\n\nAnkerbeispiel: "ein Anker"\n\n' >> two.txt
	printf '1.2 Alt >> Neu\n\nCodedefinition: frisch\n\nAnkerbeispiel: "noch einer"\n\n' >> two.txt
	run anker -p p.anker codebook import two.txt
	expect_rc 0
	expect_err "3 added, 1 updated, 1 unchanged"
	after="$(sql p.anker "$codes_sql") $(sql p.anker "$lists_sql")"
	expect_eq "5 2" "$(sql p.anker 'SELECT COUNT(*) FROM code') $(sql p.anker 'SELECT COUNT(*) FROM anchor')" "codes and anchors after the import"
	run anker -p p.anker undo
	expect_rc 0
	expect_err "undid step 2 (codebook import by tester): removed 3 codes; changed back 1 code"
	expect_eq "$before" "$(sql p.anker "$codes_sql") $(sql p.anker "$lists_sql")" "codes after undo"
	run anker -p p.anker redo
	expect_rc 0
	expect_eq "$after" "$(sql p.anker "$codes_sql") $(sql p.anker "$lists_sql")" "codes after redo"
	expect_eq "1.2" "$(sql p.anker "SELECT p.number FROM code c JOIN code p ON p.id = c.parent_id WHERE c.number = '1.2.1'")" "parent after redo"
}

test_log_formats() {
	setup
	anker -p p.anker import "$DOC" 2>/dev/null
	anker -p p.anker codebook import "$CB" 2>/dev/null
	anker -p p.anker undo 2>/dev/null
	run anker -p p.anker log --format tsv
	expect_rc 0
	expect_eq "Step	Time	Coder	Action	Changes	Undone" "$(printf '%s\n' "$OUT" | head -1)" "header"
	expect_out "2	"
	case $OUT in *"	tester	codebook import	54	yes"*) ;; *) fail "step 2 row, got: $OUT" ;; esac
	case $OUT in *"	tester	import	1	no"*) ;; *) fail "step 1 row, got: $OUT" ;; esac
	run anker -p p.anker log --format json
	expect_rc 0
	expect_out '"step": 2'
	expect_out '"coder": "tester"'
	expect_out '"action": "codebook import"'
	expect_out '"changes": 54'
	expect_out '"undone": true'
	expect_out '"undone": false'
	run anker -p p.anker log --limit 1 --format csv
	expect_rc 0
	expect_eq 2 "$(printf '%s\n' "$OUT" | wc -l)" "lines with --limit 1"
	run anker -p p.anker log --verbose --limit 1 --format json
	expect_rc 0
	expect_eq 54 "$(printf '%s\n' "$OUT" | grep -c '"entity": "code"')" "entries of step 2"
	expect_out '"before": null'
	expect_out '"after": {"guid":'
	run anker -p p.anker log -v --format tsv
	expect_rc 0
	expect_eq "Step	Time	Coder	Action	Entity	GUID	Before	After	Undone" "$(printf '%s\n' "$OUT" | head -1)" "verbose header"
	expect_eq 56 "$(printf '%s\n' "$OUT" | wc -l)" "verbose lines (header, 54 codes, 1 document)"
}

test_coder_is_logged() {
	setup
	ANKER_CODER=anna anker -p p.anker import "$DOC" 2>/dev/null
	run anker -p p.anker log --format csv
	expect_out ",anna,import,1,no"
}

test_steps_option() {
	setup
	anker -p p.anker import "$DOC" 2>/dev/null
	anker -p p.anker codebook import "$CB" 2>/dev/null
	run anker -p p.anker undo --steps 5
	expect_rc 0
	expect_err "undid step 2 (codebook import by tester)"
	expect_err "undid step 1 (import by tester)"
	expect_err "nothing more to undo"
	expect_eq "0 0" "$(sql p.anker 'SELECT COUNT(*) FROM code') $(sql p.anker 'SELECT COUNT(*) FROM document')" "codes, documents"
	run anker -p p.anker redo --steps 1
	expect_rc 0
	expect_err "redid step 1 (import by tester)"
	expect_eq "0 1" "$(sql p.anker 'SELECT COUNT(*) FROM code') $(sql p.anker 'SELECT COUNT(*) FROM document')" "codes, documents"
	# After a new action plain redo has nothing (linear, as in vim) ...
	anker -p p.anker import --name zwei "$DOC" 2>/dev/null
	before=$(snapshot p.anker)
	run anker -p p.anker redo
	expect_rc 1
	expect_err "anker: nothing to redo: tester changed the project after undoing; step 2 (codebook import by tester) stays undone"
	expect_eq "$before" "$(snapshot p.anker)" "project after redo with nothing to redo"
	# ... but the undone step 2 is not lost: redo --step brings it back.
	run anker -p p.anker redo --step 2
	expect_rc 0
	expect_err "redid step 2 (codebook import by tester): added 54 codes"
	expect_eq "54 2" "$(sql p.anker 'SELECT COUNT(*) FROM code') $(sql p.anker 'SELECT COUNT(*) FROM document')" "codes, documents"
}

test_undo_errors_leave_project_unchanged() {
	setup
	before=$(snapshot p.anker)
	run anker -p p.anker undo
	expect_rc 1
	expect_err "anker: nothing to undo"
	run anker -p p.anker redo
	expect_rc 1
	expect_err "anker: nothing to redo"
	anker -p p.anker import "$DOC" 2>/dev/null
	before=$(snapshot p.anker)
	for bad in 0 -1 x 1x ""; do
		run anker -p p.anker undo --steps "$bad"
		expect_rc 2
		expect_err "--steps '$bad': expected a positive number"
		run anker -p p.anker redo --step "$bad"
		expect_rc 2
		expect_err "--step '$bad': expected a step number"
	done
	run anker -p p.anker undo extra
	expect_rc 2
	expect_err "unexpected argument 'extra'"
	run anker -p p.anker log --limit 0
	expect_rc 2
	run anker -p p.anker log --bogus
	expect_rc 2
	expect_eq "$before" "$(snapshot p.anker)" "project after usage errors"
	run anker -p missing.anker undo
	expect_rc 1
	expect_err "missing.anker"
	[ ! -e missing.anker ] || fail "undo created missing.anker"
}

test_undo_refuses_conflict() {
	setup
	anker -p p.anker import "$DOC" 2>/dev/null
	anker -p p.anker undo 2>/dev/null
	# A document of the same name, not through anker's log: redo must
	# not take it over.
	anker -p p.anker import "$DOC" 2>/dev/null
	sql p.anker "DELETE FROM log WHERE step = 2"
	before=$(snapshot p.anker)
	run anker -p p.anker redo
	expect_rc 1
	expect_err "cannot redo step 1 (import by tester)"
	expect_err "a document named 'lehre' exists already"
	expect_eq "$before" "$(snapshot p.anker)" "project after a refused redo"
}

test_help() {
	for c in log undo redo; do
		run anker "$c" --help
		expect_rc 0
		expect_out "usage: anker -p FILE $c"
	done
	run anker undo --help
	expect_out "--steps N"
	expect_out "--step N"
	expect_out "--yes"
	expect_out "per coder"
	run anker redo --help
	expect_out "--step N"
	run anker log --help
	expect_out "--verbose"
	expect_out "--limit N"
}

# --- Issue 12: undo per coder, by step, naming what it removed; nothing
# undone lost -------------------------------------------------------------

# Steps 1 (import) and 2 (codebook import) by tester, 3 by anna, 4 by ben.
two_coders() {
	setup
	anker -p p.anker import "$DOC" 2>/dev/null
	anker -p p.anker codebook import "$CB" 2>/dev/null
	ANNA=$(ANKER_CODER=anna anker -p p.anker mark lehre 2.1 0 5)
	BEN=$(ANKER_CODER=ben anker -p p.anker mark lehre 2.2 10 20)
}

coders_of_segments() {
	sql p.anker "SELECT group_concat(name, ' ') FROM (SELECT k.name FROM segment s
	  JOIN coder k ON k.id = s.coder_id ORDER BY k.name)"
}

test_undo_is_per_coder() {
	two_coders
	# anna's undo takes her own coding back, not ben's newer one.
	run env ANKER_CODER=anna "$ANKER" -p p.anker undo
	expect_rc 0
	expect_err "undid step 3 (mark by anna): removed 1 coding"
	expect_eq "ben" "$(coders_of_segments)" "coders of the segments left"
	# She has nothing left: the message names whose step is newest.
	before=$(snapshot p.anker)
	run env ANKER_CODER=anna "$ANKER" -p p.anker undo
	expect_rc 1
	expect_err "anker: nothing to undo for anna: the newest step is step 4 (mark by ben)"
	expect_eq "$before" "$(snapshot p.anker)" "project after nothing to undo"
	# --coder is the coder as everywhere; tester's own last step is 2.
	run anker -p p.anker undo --coder ben
	expect_rc 0
	expect_err "undid step 4 (mark by ben): removed 1 coding"
	run anker -p p.anker redo --coder ben
	expect_err "redid step 4 (mark by ben): added 1 coding"
	# A named step is undone whoever made it, and the message says whose.
	run env ANKER_CODER=anna "$ANKER" -p p.anker undo --step 4
	expect_rc 0
	expect_err "undid step 4 (mark by ben): removed 1 coding"
	expect_eq "" "$(coders_of_segments)" "coders of the segments left"
	# anker log: the step numbers and whose they are.
	run anker -p p.anker log --format tsv
	expect_out "4	"
	case $OUT in *$'\tben\tmark\t1\tyes'*) ;; *) fail "log row of ben's step 4, got: $OUT" ;; esac
	case $OUT in *$'\tanna\tmark\t1\tyes'*) ;; *) fail "log row of anna's step 3, got: $OUT" ;; esac
}

test_undo_refuses_to_overwrite_another_coders_later_change() {
	two_coders
	# ben changes anna's coding (step 5): her undo of step 3 would take
	# his change away with it.
	ANKER_CODER=ben anker -p p.anker segment set "$ANNA" --weight 50 2>/dev/null
	before=$(snapshot p.anker)
	run env ANKER_CODER=anna "$ANKER" -p p.anker undo
	expect_rc 1
	expect_err "cannot undo step 3 (mark by anna): step 5 (segment set by ben) changed the coding 0-5 by anna with 2.1 Sonstige Unterflechtung in 'lehre' since: undo that first"
	expect_eq "$before" "$(snapshot p.anker)" "project after a refused undo"
	run anker -p p.anker undo --step 5
	expect_rc 0
	run env ANKER_CODER=anna "$ANKER" -p p.anker undo
	expect_rc 0
	expect_err "undid step 3 (mark by anna)"
}

test_undo_of_an_import_refuses_codings_of_others() {
	two_coders
	before=$(snapshot p.anker)
	run anker -p p.anker undo --step 1
	expect_rc 1
	expect_err "cannot undo step 1 (import by tester): document 'lehre' would take 2 codings of other steps with it"
	expect_eq "$before" "$(snapshot p.anker)" "project after a refused undo"
}

test_undo_names_what_it_removed() {
	anker demo d >/dev/null
	# Off a terminal nothing is asked; the message names what went.
	run anker -p d/demo.anker undo
	expect_rc 0
	expect_err "undid step 1 (demo by tester): removed 5 documents, 54 codes, 128 codings"
	expect_eq "0 0 0" "$(sql d/demo.anker 'SELECT (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM code), (SELECT COUNT(*) FROM segment)' | tr '|' ' ')" "documents, codes, segments"
	run anker -p d/demo.anker redo
	expect_rc 0
	expect_err "redid step 1 (demo by tester): added 5 documents, 54 codes, 128 codings"
}

test_redo_by_number_after_new_changes() {
	anker demo d >/dev/null
	P=d/demo.anker
	anker -p $P undo 2>/dev/null
	# A new change: plain redo has nothing, as in vim ...
	anker -p $P import "$DOC" 2>/dev/null
	run anker -p $P redo
	expect_rc 1
	expect_err "nothing to redo: tester changed the project after undoing; step 1 (demo by tester) stays undone and can be redone by its number"
	# ... but the demo is not gone for good.
	run anker -p $P redo --step 1
	expect_rc 0
	expect_err "redid step 1 (demo by tester): added 5 documents, 54 codes, 128 codings"
	expect_eq "6 54 128" "$(sql $P 'SELECT (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM code), (SELECT COUNT(*) FROM segment)' | tr '|' ' ')" "documents, codes, segments"
	expect_eq ok "$(sql $P 'PRAGMA integrity_check')" "integrity"
}

test_redo_refuses_a_coding_whose_code_is_gone() {
	setup
	anker -p p.anker import "$DOC" 2>/dev/null
	anker -p p.anker codes add Neu >/dev/null 2>&1
	anker -p p.anker mark lehre 1 0 5 >/dev/null
	anker -p p.anker undo 2>/dev/null
	anker -p p.anker codes delete 1 2>/dev/null
	before=$(snapshot p.anker)
	run anker -p p.anker redo --step 3
	expect_rc 1
	expect_err "cannot redo step 3 (mark by tester): the coding 0-5 by tester in 'lehre' refers to code 1 Neu, which is gone"
	expect_eq "$before" "$(snapshot p.anker)" "project after a refused redo"
	# With the code back, the coding comes back too.
	run anker -p p.anker undo
	expect_rc 0
	expect_err "undid step 4 (codes delete by tester): restored 1 code"
	run anker -p p.anker redo --step 3
	expect_rc 0
	expect_eq 1 "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "segments"
}

test_undo_redo_step_errors() {
	two_coders
	before=$(snapshot p.anker)
	run anker -p p.anker undo --step 1 --steps 2
	expect_rc 2
	expect_err "--step and --steps exclude each other"
	run anker -p p.anker undo --step 99
	expect_rc 1
	expect_err "anker: there is no step 99 (anker log lists the steps)"
	run anker -p p.anker redo --step 3
	expect_rc 1
	expect_err "cannot redo step 3 (mark by anna): it is not undone"
	expect_eq "$before" "$(snapshot p.anker)" "project after errors"
	anker -p p.anker undo --step 3 2>/dev/null
	run anker -p p.anker undo --step 3
	expect_rc 1
	expect_err "cannot undo step 3 (mark by anna): it is undone already"
}

# Once the suggestion model is built (suggest, H, Z or \ in the TUI), the
# triggers note every changed segment; undo and redo of a change to a
# coding (weight, memo, range) applied it as an upsert, which overrode the
# triggers' OR IGNORE: "cannot undo ... UNIQUE constraint failed: model_todo".
test_undo_redo_segment_change_with_the_model_built() {
	anker demo d >/dev/null
	P=d/demo.anker
	anker -p $P suggest --doc "Interview 01" --lines 12 >/dev/null
	G=$(anker -p $P mark "Interview 01" 2.9.1 307 315)
	anker -p $P segment set "$G" --weight 80 --memo "erst mal"
	anker -p $P segment set "$G" --start 310
	run anker -p $P undo
	expect_rc 0
	expect_err "undid step 4 (segment set by tester): changed back 1 coding"
	run anker -p $P undo
	expect_rc 0
	expect_eq "307|315|0|" "$(sql $P "SELECT start, \"end\", weight, memo FROM segment WHERE guid = '$G'")" \
		"the coding after both undos"
	run anker -p $P redo
	expect_rc 0
	run anker -p $P redo
	expect_rc 0
	expect_eq "310|315|80|erst mal" "$(sql $P "SELECT start, \"end\", weight, memo FROM segment WHERE guid = '$G'")" \
		"the coding after both redos"
	# the model followed: it ranks as profiles computed per call do
	expect_eq "0" "$(sql $P "SELECT COUNT(*) FROM model_todo")" "nothing left to do in the model"
	expect_eq "$(anker -p $P suggest --doc "Interview 01" --lines 12 --no-model --format tsv)" \
		"$(anker -p $P suggest --doc "Interview 01" --lines 12 --format tsv)" "the model and --no-model"
}
