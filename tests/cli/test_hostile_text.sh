# Hostile text (issue #7): terminal escapes, C0/C1 controls and bidi
# overrides in documents, names, codebooks, memos, reviews.  On a terminal
# and in the table format they are shown as placeholders ("^[", "<U+009B>",
# "<U+202E>"); in the project and in the data formats they stay byte for
# byte.  Also a 100 MB single-line document and a million empty lines.
# The hostile project and the checks are shared with the TUI tests:
source "$FIXTURES/hostile/hostile.sh"

# Every listing in the table format: placeholders, nothing raw.
test_hostile_table_output_is_inert() {
	hostile_setup
	local cmd
	for cmd in "docs" "codes" "segments" "memo list" "review list" "anchors list 1" \
	           "search rot" "freq" "log" "review counts"; do
		# shellcheck disable=SC2086
		run anker -p p.anker $cmd --format table
		expect_rc 0
		expect_inert "$cmd --format table" "$OUT"
	done
	run anker -p p.anker codes --format table
	expect_out "Rot^[[31m Code"
	expect_out "Bidi <U+202E>evil<U+202C> Name"
	expect_out "C1 <U+009B>31m Name"
	expect_out "Definition ^[[2J clear."
	run anker -p p.anker search --format table rot
	expect_out "doc^[[1m"
	expect_out "Hallo ^[[31mrot^[[0m ^[]0;PWNED^[\\ Titel"
	run anker -p p.anker search --format table 'sep.+ max'
	expect_out "sep <U+2029>para <U+FFFE> nonchar <U+10FFFF> max"
	run anker -p p.anker search --format table '\S+ unassigned \S+ end'
	expect_out "<U+E0080> unassigned $(printf '\356\200\200')pua end"
	run anker -p p.anker memo list --format table
	expect_out "Projekt ^[]0;T^[\\ memo"
	expect_out "Dokument <U+202E>memo"
	expect_out "Code <U+009B>2J memo"
	run anker -p p.anker review list --format table
	expect_out "Kommentar ^[[31m"
	run anker -p p.anker segments --format table
	expect_out "Kodiermemo ^[[31m"
	run anker -p p.anker anchors list 1 --format table
	expect_out "„Hallo ^[[31mrot^[[0m ^[“"
}

# What a terminal shows (a pseudo-terminal through script(1)): show, the
# default table, a data format asked for on the terminal, the codebook.
test_hostile_terminal_output_is_inert() {
	hostile_setup
	local cmd
	for cmd in "show '$DOC'" "codes" "segments --format tsv" "memo list --format json" \
	           "codebook export" "search --format csv rot"; do
		run script -qec "$ANKER -p p.anker $cmd" /dev/null </dev/null
		expect_rc 0
		OUT=${OUT//$'\r'/}
		expect_inert "$cmd on a terminal" "$OUT"
	done
	run script -qec "$ANKER -p p.anker show '$DOC'" /dev/null </dev/null
	expect_out "^[]52;c;SGFjaw==^G clip ^[Pq^[\\ dcs <U+009B>31m c1 ^A^_^? c0 <U+0085> nel"
	expect_out "<U+202E>live<U+202C> <U+2066>iso<U+2069> bidi"
	run script -qec "$ANKER -p p.anker segments --format tsv" /dev/null </dev/null
	expect_out "Kodiermemo ^[[31m"
}

# The project and the data formats keep the bytes as they were.
test_hostile_bytes_exact_in_project_exports_and_json() {
	hostile_setup
	expect_eq "$(hex "$DOC.txt")" "$(sql p.anker "SELECT hex(text) FROM document")" \
		"document text in the project"
	expect_eq "$(printf '%s' "$DOC" | hex)" "$(sql p.anker "SELECT hex(name) FROM document")" \
		"document name in the project"
	expect_eq "$(printf 'Bidi %sevil%s Name' "$RLO" "$PDF" | hex)" \
		"$(sql p.anker "SELECT hex(name) FROM code WHERE number = '1.1'")" "code name"
	expect_eq "$(printf 'Kommentar %s[31m' "$E" | hex)" \
		"$(sql p.anker "SELECT hex(comment) FROM review")" "review comment"
	# TSV and CSV into a pipe: the text raw (TSV escapes only \t \n \r \\).
	anker -p p.anker search --format tsv rot > hits.tsv
	expect_eq "$(printf '%s' "$HOSTILE" | hex)" \
		"$(sed -n 2p hits.tsv | cut -f6 | sed 's/\\\\/\\/g' | tr -d '\n' | hex)" "the TSV line"
	anker -p p.anker memo list --format csv > memos.csv
	LC_ALL=C grep -qaF "Projekt ${E}]0;T${E}\\ memo" memos.csv ||
		fail "expected the memo's raw bytes in the CSV export"
	# The codebook text export: what was imported, byte for byte.
	anker -p p.anker codebook export --format txt -o out.txt
	LC_ALL=C grep -qaF "Codedefinition: Definition ${E}[2J clear." out.txt ||
		fail "expected the raw definition in the codebook export"
	LC_ALL=C grep -qaF "$(printf '1.1 Bidi %sevil%s Name' "$RLO" "$PDF")" out.txt ||
		fail "expected the raw code name in the codebook export"
	# qdpx: the document is its own text file in the archive.
	anker -p p.anker qdpx export out.qdpx 2>/dev/null
	local guid
	guid=$(sql p.anker "SELECT guid FROM document")
	expect_eq "$(hex "$DOC.txt")" "$(unzip -p out.qdpx "sources/$guid.txt" | hex)" \
		"the document in the qdpx"
	# JSON: C0 controls and DEL escaped (\u001b), the output valid UTF-8
	# that jq reads back into exactly the stored bytes.
	local cmd
	for cmd in "search rot" "docs" "codes" "memo list" "review list" "segments"; do
		# shellcheck disable=SC2086
		anker -p p.anker $cmd --format json > out.json
		if LC_ALL=C grep -qaP '[\x00-\x1f\x7f]' <(tr -d '\n' < out.json); then
			fail "$cmd --format json: a raw C0 control in the JSON"
		fi
		iconv -f UTF-8 -t UTF-8 out.json >/dev/null 2>&1 || fail "$cmd --format json: not UTF-8"
		jq -e . out.json >/dev/null || fail "$cmd --format json: jq cannot read it"
	done
	anker -p p.anker search --format json rot > out.json
	LC_ALL=C grep -qF 'Hallo \u001b[31mrot\u001b[0m \u001b]0;PWNED\u001b\\ Titel' out.json ||
		fail "expected \\u001b escapes in the JSON, got: $(head -c 300 out.json)"
	expect_eq "$(printf '%s' "$HOSTILE" | hex)" "$(jq -j '.[0].line' out.json | hex)" \
		"the line read back from JSON"
	expect_eq "$(printf '%s' "$DOC" | hex)" "$(jq -j '.[0].document' out.json | hex)" \
		"the document name read back from JSON"
}

# Messages that quote names or arguments do not print them raw to stderr;
# text that is not UTF-8 is refused before it is stored.
test_hostile_messages_inert_and_invalid_text_refused() {
	hostile_setup
	local before
	before=$(snapshot p.anker)
	run anker -p p.anker show "nix${E}]0;PWNED$(printf '\a')"
	expect_rc 1
	expect_err "no document 'nix^[]0;PWNED^G'"
	expect_inert "stderr of show" "$ERR"
	run anker -p p.anker codes rename "nicht${E}[2J" neu
	expect_rc 1
	expect_err "no code 'nicht^[[2J'"
	expect_inert "stderr of codes rename" "$ERR"
	run anker -p p.anker mark "$DOC" "${RLO}x" 0 5
	expect_rc 1
	expect_err "<U+202E>x"
	expect_inert "stderr of mark" "$ERR"
	run anker -p p.anker show --lines "${E}[2J" "$DOC"
	expect_rc 2
	expect_err "--lines '^[[2J'"
	expect_inert "stderr of a usage error" "$ERR"
	run anker -p p.anker import "$DOC.txt"
	expect_rc 1
	expect_inert "stderr of a refused import" "$ERR"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused commands"
	# Success messages name things too: the imported document, the review.
	printf 'x\n' > "neu${E}]0;T$(printf '\a').txt"
	run anker -p p.anker import "neu${E}]0;T$(printf '\a').txt"
	expect_rc 0
	expect_err "imported neu^[]0;T^G: 2 characters"
	expect_inert "stderr of an import" "$ERR"
	run anker -p p.anker review "$SEG" fits --reviewer "rev${E}[1m"
	expect_rc 0
	expect_err "(reviewer rev^[[1m)"
	expect_inert "stderr of a review" "$ERR"
	# Text stored from arguments or stdin must be UTF-8: refused with the
	# byte offset, nothing written.
	local bad
	bad=$(printf 'ab\377cd')
	before=$(snapshot p.anker)
	run anker -p p.anker memo add --on project "$bad"
	expect_rc 1
	expect_err "memo text: byte offset 2: invalid UTF-8"
	run sh -c "printf 'ok\\n\\376' | '$ANKER' -p p.anker memo add --on project -"
	expect_rc 1
	expect_err "memo text: byte offset 3: invalid UTF-8"
	# (checked by the modules that store the text, for every caller)
	run anker -p p.anker mark "$DOC" 1 0 5 --memo "$bad"
	expect_rc 1
	expect_err "anker: memo: byte offset 2: invalid UTF-8"
	run anker -p p.anker segment set "$SEG" --memo "$bad"
	expect_rc 1
	expect_err "anker: memo: byte offset 2"
	run anker -p p.anker review "$SEG" fits --comment "$bad"
	expect_rc 1
	expect_err "anker: comment: byte offset 2"
	run anker -p p.anker codes add Neu --definition "$bad"
	expect_rc 1
	expect_err "anker: definition: byte offset 2"
	run anker -p p.anker mark "$DOC" 1 0 5 --coder "$bad"
	expect_rc 2
	expect_err "--coder: byte offset 2"
	expect_inert "stderr" "$ERR"
	expect_eq "$before" "$(snapshot p.anker)" "project after invalid UTF-8"
}

# ---------------------------------------------------------------------------
# Size.  The 100 MB line runs at 10 MB under valgrind (check-valgrind runs
# these tests with ANKER_REAL set; 100 MB there takes minutes).

big_mb() { if [ -n "${ANKER_REAL:-}" ]; then echo 10; else echo 100; fi; }

# One line of N MB: "ab"×49 "ä" repeated (99 code points, 100 bytes), with
# the markers ANFANG, MITTE and ENDE at known code points.
big_line() {
	awk -v n="$(( $1 * 10000 ))" 'BEGIN { s = ""; for (i = 0; i < 49; i++) s = s "ab"; s = s "ä"
		printf "ANFANG"
		for (i = 0; i < n; i++) { printf "%s", s; if (i == int(n / 2)) printf "MITTE" }
		printf "ENDE\n" }' > big.txt
}

test_big_single_line_import_show_search_mark() {
	anker -p p.anker init 2>/dev/null
	local mb n t0 mid end
	mb=$(big_mb)
	n=$(( mb * 10000 ))
	big_line "$mb"
	mid=$(( 6 + (n / 2 + 1) * 99 ))
	end=$(( 6 + n * 99 + 5 ))
	cpu_mark t0
	run anker -p p.anker import big.txt
	expect_rc 0
	expect_fast "import of $mb MB" "$t0" 60
	# One line ended by a LF: one paragraph (issue 15; it used to count 2).
	expect_err "imported big: $(( end + 5 )) characters, 1 paragraph,"
	expect_eq "$(( end + 5 ))|1" "$(sql p.anker "SELECT chars, paragraphs FROM document")" \
		"chars and paragraphs"
	cpu_mark t0
	anker -p p.anker show big > shown.txt
	expect_fast "show" "$t0" 30
	cmp -s big.txt <(head -c "$(stat -c %s big.txt)" shown.txt) ||
		fail "show: expected the $mb MB line unchanged"
	cpu_mark t0
	run anker -p p.anker search --format tsv --count 'ANFANG|MITTE|ENDE'
	expect_eq "3" "$OUT" "hits of the three markers"
	# Every hit carries its whole line (100 MB): one hit is enough here.
	anker -p p.anker search --format tsv 'ENDE' | cut -f1-5 > hits.tsv
	expect_fast "search" "$t0" 30
	expect_eq "big	1	$end	$(( end + 4 ))	ENDE" "$(sed -n 2p hits.tsv)" "ENDE hit"
	anker -p p.anker codes add Marke >/dev/null
	cpu_mark t0
	run anker -p p.anker mark big Marke "$mid" "$(( mid + 5 ))"
	expect_rc 0
	run anker -p p.anker mark big Marke "$end" "$(( end + 4 ))"
	expect_rc 0
	run anker -p p.anker segments --format tsv
	expect_fast "mark and segments" "$t0" 30
	expect_eq "big	1	$mid	$(( mid + 5 ))	1	Marke" \
		"$(printf '%s\n' "$OUT" | sed -n 2p | cut -f2-7)" "segment in the middle"
	expect_eq "MITTE" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f11)" "its text"
	expect_eq "ENDE" "$(printf '%s\n' "$OUT" | sed -n 3p | cut -f11)" "the segment at the end"
	# Past the end: refused, nothing written.
	local before
	before=$(snapshot p.anker)
	run anker -p p.anker mark big Marke "$end" "$(( end + 6 ))"
	expect_rc 1
	expect_err "is outside big ($(( end + 5 )) characters)"
	expect_eq "$before" "$(snapshot p.anker)" "project after a range past the end"
}

# A million empty lines, LF and CRLF, and a million with a word at the end.
million_lines() {
	head -c 1000000 /dev/zero | tr '\0' '\n' > lf.txt
	awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "\r\n" }' > crlf.txt
	{ cat lf.txt; printf 'Ende\n'; } > ende.txt
}

test_million_empty_lines() {
	anker -p p.anker init 2>/dev/null
	million_lines
	local t0
	cpu_mark t0
	run anker -p p.anker import lf.txt crlf.txt ende.txt
	expect_rc 0
	expect_fast "import of a million lines ×3" "$t0" 30
	# A paragraph is a line: 1 + the number of line feeds, less the empty
	# one a final LF used to start (corpus.h; issue 15: it was 1000001).
	expect_eq "crlf|1000000|1000000 ende|1000005|1000001 lf|1000000|1000000" \
		"$(sql p.anker "SELECT name, chars, paragraphs FROM document ORDER BY name" | tr '\n' ' ' |
		   sed 's/ $//')" "chars and paragraphs"
	expect_eq "$(hex lf.txt)" "$(sql p.anker "SELECT hex(text) FROM document WHERE name = 'crlf'")" \
		"CRLF stored as LF"
	cpu_mark t0
	anker -p p.anker show lf > shown.txt
	expect_eq "1000000" "$(wc -l < shown.txt)" "lines shown"
	run anker -p p.anker show -n --lines 999999-1000002 ende
	expect_eq "$(printf ' 999999  \n1000000  \n1000001  Ende')" "$OUT" "the last lines"
	run anker -p p.anker search --count --doc crlf '\n'
	expect_eq "1000000" "$OUT" "line feeds found in crlf"
	run anker -p p.anker search --format tsv Ende
	expect_eq "ende	1000001	1000000	1000004	Ende	Ende" "$(printf '%s\n' "$OUT" | sed -n 2p)" \
		"the word after a million lines"
	expect_fast "show and search" "$t0" 30
	anker -p p.anker codes add Leer >/dev/null
	local before
	before=$(snapshot p.anker)
	run anker -p p.anker mark lf Leer --lines 500000-500001
	expect_rc 1
	expect_err "only white space"
	expect_eq "$before" "$(snapshot p.anker)" "project after coding empty lines"
	cpu_mark t0
	run anker -p p.anker mark ende Leer --lines 1000001
	expect_rc 0
	# The final LF starts no paragraph 1000002 (issue 15: it used to be an
	# empty one, and 2-1000002 ran to the very end, 1000005).
	run anker -p p.anker mark ende Leer --lines 2-1000002
	expect_rc 1
	expect_err "ende has 1000001 paragraphs, not 2-1000002"
	run anker -p p.anker mark ende Leer --lines 2-1000001
	expect_rc 0
	run anker -p p.anker segments --format tsv
	expect_fast "mark --lines" "$t0" 30
	expect_eq "1000001	1000000	1000004" "$(printf '%s\n' "$OUT" | sed -n 3p | cut -f3-5)" \
		"Pos., start and end of the last paragraph"
	expect_eq "2-1000001	1	1000004" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f3-5)" \
		"--lines 2-1000001: to the end of the last paragraph, its LF excluded"
}

# XML 1.0 cannot carry C0 controls: the .qdpx and .qdc exports write them
# as U+FFFD with a warning, so the files stay valid and open again (in
# anker and elsewhere); the document text inside the .qdpx stays exact.
test_hostile_xml_exports_valid() {
	hostile_setup
	run anker -p p.anker qdpx export out.qdpx
	expect_rc 0
	expect_err "control characters in names, descriptions or memos written as U+FFFD"
	unzip -p out.qdpx project.qde > project.qde
	xmllint --noout --schema "$FIXTURES/refi/Project.xsd" project.qde 2>xmllint.err ||
		fail "project.qde does not validate: $(head -c 300 xmllint.err)"
	run anker -p back.anker qdpx import out.qdpx
	expect_rc 0
	expect_eq "$(sql p.anker "SELECT hex(text) FROM document")" \
		"$(sql back.anker "SELECT hex(text) FROM document")" "the document after the round trip"
	expect_eq "$(printf 'Rot\357\277\275[31m Code' | hex)" \
		"$(sql back.anker "SELECT hex(name) FROM code WHERE number = '1'")" "code 1's name"
	run anker -p p.anker codebook export --format qdc -o out.qdc
	expect_rc 0
	expect_err "written as U+FFFD"
	xmllint --noout --schema "$FIXTURES/refi/Codebook.xsd" out.qdc 2>xmllint.err ||
		fail "out.qdc does not validate: $(head -c 300 xmllint.err)"
	anker -p qdc.anker init 2>/dev/null
	run anker -p qdc.anker codebook import out.qdc
	expect_rc 0
}
