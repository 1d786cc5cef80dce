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
	expect_err "undid step 1: import (1 change)"
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM document')" "documents after undo"
	run anker -p p.anker docs --format tsv
	expect_rc 0
	expect_eq 1 "$(printf '%s\n' "$OUT" | wc -l)" "lines of docs after undo (header only)"
	run anker -p p.anker redo
	expect_rc 0
	expect_err "redid step 1: import (1 change)"
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
	expect_err "undid step 1: codebook import (54 changes)"
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM code')" "codes after undo"
	expect_eq "0 0" "$(sql p.anker 'SELECT COUNT(*) FROM anchor') $(sql p.anker 'SELECT COUNT(*) FROM code_note')" "anchors and notes after undo"
	run anker -p p.anker redo
	expect_rc 0
	expect_err "redid step 1: codebook import (54 changes)"
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
	expect_err "undid step 2: codebook import"
	expect_eq "$old" "$(sql p.anker "SELECT definition FROM code WHERE number = '1'")" "definition after undo"
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
	expect_err "undid step 2"
	expect_err "undid step 1"
	expect_err "nothing more to undo"
	expect_eq "0 0" "$(sql p.anker 'SELECT COUNT(*) FROM code') $(sql p.anker 'SELECT COUNT(*) FROM document')" "codes, documents"
	run anker -p p.anker redo --steps 1
	expect_rc 0
	expect_err "redid step 1: import"
	expect_eq "0 1" "$(sql p.anker 'SELECT COUNT(*) FROM code') $(sql p.anker 'SELECT COUNT(*) FROM document')" "codes, documents"
	# A new action makes the undone step 2 unreachable.
	anker -p p.anker import --name zwei "$DOC" 2>/dev/null
	before=$(snapshot p.anker)
	run anker -p p.anker redo
	expect_rc 1
	expect_err "anker: nothing to redo"
	expect_eq "$before" "$(snapshot p.anker)" "project after redo with nothing to redo"
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
	expect_err "cannot redo step 1 (import)"
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
	run anker log --help
	expect_out "--verbose"
	expect_out "--limit N"
}
