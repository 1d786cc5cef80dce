# Progress of long operations (issue 18): a bar on standard error when it
# is a terminal, nothing in a pipe; a cancelled operation (ANKER_CANCEL_AT,
# the test hook store_progress reads: Escape in the TUI) exits 1 and leaves
# the project, and any file it was to replace, as they were.

# demo: the demo project in d/, its file in $P.
demo() {
	anker demo d >/dev/null 2>&1 || fail "anker demo failed"
	P=d/demo.anker
}

# many N: N small transcripts in many/.
many() {
	mkdir -p many
	for i in $(seq 1 "$1"); do printf 'I: Frage %d\nB: Antwort %d\n' "$i" "$i" > "many/doc$i.txt"; done
}

test_progress_bar_on_terminal_for_qdpx_export() {
	demo
	script -qec "$ANKER -p $P qdpx export out.qdpx" /dev/null > tty.txt
	grep -q 'qdpx export \[.*\] 0/5 (0 %)' tty.txt ||
		fail "no qdpx export bar on a terminal: $(cat -v tty.txt | head -3)"
	grep -q 'qdpx compress \[' tty.txt || fail "no compression bar: $(cat -v tty.txt | head -3)"
	grep -q "5 sources" tty.txt || fail "no summary after the bar: $(cat -v tty.txt | tail -2)"
}

test_progress_nothing_in_a_pipe() {
	demo
	run anker -p $P qdpx export out.qdpx
	expect_rc 0
	case $ERR in *"["*"]"*|*$'\r'*) fail "a progress bar written to a pipe: $(cat -v <<<"$ERR")" ;; esac
	run anker -p $P cooc --format tsv
	expect_rc 0
	case $ERR in *$'\r'*) fail "a progress bar written to a pipe by cooc" ;; esac
}

test_cancelled_import_changes_nothing() {
	anker -p p.anker init 2>/dev/null
	many 5
	anker -p p.anker import -q many/doc1.txt 2>/dev/null
	ANKER_CANCEL_AT=3 run_unchanged p.anker anker -p p.anker import many/doc[2-5].txt
	expect_rc 1
	expect_err "import cancelled; nothing was changed"
	expect_eq "doc1" "$(sql p.anker 'SELECT name FROM document')" "documents after the cancel"
}

test_cancelled_qdpx_export_keeps_the_old_file() {
	demo
	echo "the old file" > out.qdpx
	ANKER_CANCEL_AT=2 run anker -p $P qdpx export out.qdpx
	expect_rc 1
	expect_err "qdpx export cancelled"
	expect_eq "the old file" "$(cat out.qdpx)" "out.qdpx after the cancel"
}

test_cancelled_merge_changes_nothing() {
	demo
	anker -p "$P" blind ben b.anker >/dev/null 2>&1 || fail "blind copy failed"
	ANKER_CANCEL_AT=3 run_unchanged "$P" anker -p "$P" merge b.anker
	expect_rc 1
	expect_err "merge cancelled; nothing was changed"
}

test_cancelled_agree_and_cooc_say_so() {
	demo
	ANKER_CANCEL_AT=1 run anker -p $P agree --coders anna,ben --format tsv
	expect_rc 1
	expect_err "agree cancelled"
	expect_eq "" "$OUT" "output of a cancelled agree"
	ANKER_CANCEL_AT=0 run anker -p $P cooc --format tsv
	expect_rc 1
	expect_err "cooc cancelled"
}
