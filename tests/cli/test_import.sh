# Importing documents: encodings, line ends, failures, summaries.

setup() { anker -p p.anker init 2>/dev/null; }

test_import_umlauts_and_turns() {
	setup
	run anker -p p.anker import --group Kommunen --var Ort=Bochum --var Jahr=2023 \
		"$FIXTURES/corpus/umlaute.txt"
	expect_rc 0
	expect_err "1 file imported, 0 failed"
	run anker -p p.anker docs --format json
	expect_rc 0
	expect_out '"name": "umlaute"'
	expect_out '"group": "Kommunen"'
	# chars: counted independently of anker, by wc -m in a UTF-8 locale
	# The file has five lines; its final LF ends the fifth paragraph and
	# starts no sixth (issue 15; it used to count 6).
	chars=$(LC_ALL=C.UTF-8 wc -m < "$FIXTURES/corpus/umlaute.txt")
	expect_out "\"chars\": $chars"
	expect_eq 5 "$(wc -l < "$FIXTURES/corpus/umlaute.txt")" "lines of umlaute.txt"
	expect_out '"paragraphs": 5'
	expect_out '"speakers": ["I", "B"]'
	expect_out '"variables": {"Jahr": 2023, "Ort": "Bochum"}'
	expect_eq 4 "$(sql p.anker 'SELECT COUNT(*) FROM turn')" "turns"
}

test_import_unicode_nfc() {
	setup
	run anker -p p.anker import "$FIXTURES/corpus/unicode.txt"
	expect_rc 0
	run anker -p p.anker show unicode --lines 3
	expect_out "combining: é ä (NFD input)"
	# NFC: 2 code points fewer than the NFD file has.
	nfd=$(LC_ALL=C.UTF-8 wc -m < "$FIXTURES/corpus/unicode.txt")
	expect_eq $((nfd - 2)) "$(sql p.anker "SELECT chars FROM document")" "chars after NFC"
	expect_eq "$(sql p.anker "SELECT length(text) FROM document")" \
		"$(sql p.anker "SELECT chars FROM document")" "chars vs SQLite's length()"
}

test_import_crlf_and_bom() {
	setup
	run anker -p p.anker import "$FIXTURES/corpus/crlf.txt" "$FIXTURES/corpus/bom.txt"
	expect_rc 0
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM document WHERE instr(text, char(13)) > 0")" \
		"documents with CR"
	expect_eq "I: mit BOM" "$(sql p.anker "SELECT substr(text, 1, 10) FROM document WHERE name='bom'")" \
		"start of BOM document"
	run anker -p p.anker show crlf --numbers
	expect_out "2  B: Zeile zwei"
	expect_out "4  I: Zeile vier"
}

test_import_invalid_utf8_refused() {
	setup
	run_unchanged p.anker anker -p p.anker import "$FIXTURES/corpus/invalid.txt"
	expect_rc 1
	expect_err "invalid.txt"
	expect_err "byte offset 17"
	expect_err "0 files imported, 1 failed"
}

test_import_lossy() {
	setup
	run anker -p p.anker import --lossy "$FIXTURES/corpus/invalid.txt"
	expect_rc 0
	expect_err "replaced 1 invalid byte"
	run anker -p p.anker show invalid --lines 2
	expect_out "kaputt �( hier"
}

test_import_nul_refused() {
	setup
	run_unchanged p.anker anker -p p.anker import "$FIXTURES/corpus/nul.bin"
	expect_rc 1
	expect_err "byte offset 10"
	expect_err "binary"
}

test_import_empty_warns() {
	setup
	run anker -p p.anker import "$FIXTURES/corpus/empty.txt"
	expect_rc 0
	expect_err "warning"
	expect_err "empty"
	expect_eq 0 "$(sql p.anker "SELECT chars FROM document WHERE name='empty'")" "chars"
}

test_import_duplicate_name_refused() {
	setup
	anker -p p.anker import -q "$FIXTURES/corpus/umlaute.txt"
	run_unchanged p.anker anker -p p.anker import "$FIXTURES/corpus/umlaute.txt"
	expect_rc 1
	expect_err "a document named 'umlaute' exists already (--name NAME imports it under another name)"
	# --name names one file's document: among several the hint says so
	cp "$FIXTURES/corpus/umlaute.txt" neu.txt
	run anker -p p.anker import neu.txt "$FIXTURES/corpus/umlaute.txt"
	expect_rc 1
	expect_err "umlaute.txt: a document named 'umlaute' exists already (import it alone with --name NAME to give it another name)"
	run anker -p p.anker import --name "umlaute 2" "$FIXTURES/corpus/umlaute.txt"
	expect_rc 0
	run anker -p p.anker import --name "umlaute 2" "$FIXTURES/corpus/umlaute.txt"
	expect_rc 1
	expect_eq "anker: $FIXTURES/corpus/umlaute.txt: a document named 'umlaute 2' exists already" \
		"$(printf '%s\n' "$ERR" | head -1)" "no hint when --name was given"
}

test_import_batch_partial_failure() {
	setup
	run anker -p p.anker import "$FIXTURES/corpus/umlaute.txt" "$FIXTURES/corpus/nul.bin" \
		"$FIXTURES/corpus/crlf.txt" missing.txt
	expect_rc 1
	expect_err "2 files imported, 2 failed"
	expect_err "missing.txt"
	expect_eq 2 "$(sql p.anker 'SELECT COUNT(*) FROM document')" "documents"
	expect_eq ok "$(sql p.anker 'PRAGMA integrity_check')" "integrity"
}

test_import_bad_var_is_usage_error() {
	setup
	run anker -p p.anker import --var novalue "$FIXTURES/corpus/umlaute.txt"
	expect_rc 2
	expect_err "NAME=VALUE"
}

test_import_big_single_line() {
	setup
	# 5 MB on one line, with a multi-byte character every 100 bytes.
	awk 'BEGIN { s = ""; for (i = 0; i < 49; i++) s = s "ab"; s = s "ä"
	             for (i = 0; i < 52000; i++) printf "%s", s; printf "\n" }' > big.txt
	run anker -p p.anker import big.txt
	expect_rc 0
	chars=$(LC_ALL=C.UTF-8 wc -m < big.txt)
	expect_eq "$chars" "$(sql p.anker "SELECT chars FROM document")" "chars of the 5 MB line"
	# A hit near the end: its code point offset counted independently.
	awk 'BEGIN { s = ""; for (i = 0; i < 49; i++) s = s "ab"; s = s "ä"
	             for (i = 0; i < 52000; i++) printf "%s", s; printf "ENDE" }' > big2.txt
	anker -p p.anker import -q big2.txt
	run anker -p p.anker search --doc big2 --format tsv 'ENDE'
	expect_rc 0
	expect_out "big2	1	$((52000 * 99))	$((52000 * 99 + 4))	ENDE"
}

test_import_lehre_timestamps() {
	setup
	anker -p p.anker import -q "$FIXTURES/corpus/lehre.txt"
	expect_eq "I|2000|32000" "$(sql p.anker "SELECT speaker, ts_start, ts_end FROM turn WHERE n=1")" \
		"first turn"
	expect_eq "B" "$(sql p.anker "SELECT speaker FROM turn WHERE n=2")" "second speaker"
}

test_import_logged() {
	setup
	anker -p p.anker import -q "$FIXTURES/corpus/umlaute.txt"
	expect_eq "import|document" "$(sql p.anker "SELECT action, entity FROM log")" "log row"
}

test_import_usage_errors_change_nothing() {
	setup
	run_unchanged p.anker anker -p p.anker import
	expect_rc 2
	expect_err "no FILE"
	run_unchanged p.anker anker -p p.anker import --name X "$FIXTURES/corpus/umlaute.txt" \
		"$FIXTURES/corpus/crlf.txt"
	expect_rc 2
	expect_err "--name takes one FILE"
}

test_import_progress_bar_only_on_terminal() {
	setup
	mkdir many
	for i in $(seq 1 25); do printf 'I: Frage %d\nB: Antwort\n' "$i" > "many/doc$i.txt"; done
	script -qec "$ANKER -p p.anker import many/doc1*.txt many/doc2*.txt many/doc3.txt many/doc4.txt many/doc5.txt many/doc6.txt many/doc7.txt many/doc8.txt many/doc9.txt" /dev/null > tty.txt
	grep -q '\[#*' tty.txt || fail "no progress bar on a terminal: $(cat -v tty.txt | head -3)"
	grep -q "25 files imported, 0 failed" tty.txt || fail "no summary: $(cat -v tty.txt | tail -2)"
	anker -p q.anker init 2>/dev/null
	run anker -p q.anker import many/*.txt
	expect_rc 0
	case $ERR in *"["*"#"*) fail "progress bar written to a non-terminal" ;; esac
	expect_err "25 files imported, 0 failed"
}

test_show_empty_document() {
	setup
	anker -p p.anker import -q "$FIXTURES/corpus/empty.txt" 2>/dev/null
	run anker -p p.anker show empty
	expect_rc 0
	expect_eq "" "$OUT" "output for an empty document"
}
