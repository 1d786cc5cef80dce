# anker suggest (issue 17): passages for a code and codes for a passage,
# each with the words that made it match.  (Not test_suggest.sh, which is
# about "did you mean".)  Fixtures: tests/fixtures/suggest/.

setup() {
	anker -p p.anker init >/dev/null 2>&1
	anker -p p.anker import "$FIXTURES/suggest/interview-a.txt" "$FIXTURES/suggest/interview-b.txt" \
		>/dev/null 2>&1
	anker -p p.anker codebook import "$FIXTURES/suggest/codebook.txt" >/dev/null 2>&1
}

test_suggest_codes_for_a_passage() {
	setup
	# From the codebook alone: one word of a definition each.
	tsv_is suggest --doc interview-a --lines 7 <<'EOF'
Code|Path|Score|Reasons
1|Finanzierung|1.17|förderprogramme
2|Schnittstellen|0.74|schnittstellen
EOF
	# A coded segment adds its words to its code's profile.
	anker -p p.anker mark interview-b 1 --lines 3 >/dev/null
	run anker -p p.anker suggest --doc interview-a --lines 7 --format tsv
	expect_eq "1|förderprogramme, kosten" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1,4 | tr '\t' '|')" \
		"the segment's Kosten"
	# The same passage as a range of code points; -n; JSON for scripts
	run anker -p p.anker suggest --doc interview-a --range 294-358 -n 1 --format json
	expect_rc 0
	expect_out '"code": "1"'
	expect_out '"reasons": "förderprogramme, kosten"'
	expect_no_out '"code": "2"'
	# A passage sharing no word with any profile: no rows, said so.
	run anker -p p.anker suggest --doc interview-a --lines 1 --format tsv
	expect_rc 0
	expect_eq "Code	Path	Score	Reasons" "$OUT" "header only"
	expect_err "no code shares a term with the passage"
}

test_suggest_passages_for_a_code() {
	setup
	anker -p p.anker mark interview-a 1 --lines 3 >/dev/null
	# Columns: Document, Pos., Start, End, Score, Reasons, Text; line 3 is
	# coded with 1 and never suggested for it.
	tsv_is suggest --code 1 <<'EOF'
Document|Pos.|Start|End|Score|Reasons|Text
interview-b|3|37|95|4.70|bezahlt, förderprogramme, kosten|B: Die Kosten hat das Land aus dem Förderprogramm bezahlt.
interview-a|7|294|375|2.06|förderprogramme, kosten|B: Das Förderprogramm deckte die Kosten der Schnittstelle nicht. Der Server lief.
interview-a|2|12|41|1.90|finanzierung|I: Wie lief die Finanzierung?
EOF
	# Sentences: the second sentence of line 7 shares nothing; -n 2.
	run anker -p p.anker suggest --code Finanzierung --unit sentence -n 2 --format tsv
	expect_rc 0
	expect_eq "interview-b|3|37|95
interview-a|7|294|358" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1-4 | tr '\t' '|')" "sentences"
	# A misfit is no part of the profile: the segment's Kosten goes.
	local g
	g=$(anker -p p.anker mark interview-b 3 --lines 3)
	run anker -p p.anker suggest --code 3 --format tsv
	expect_out "interview-a	6"
	expect_out "kosten"
	anker -p p.anker review "$g" misfit >/dev/null 2>&1
	run anker -p p.anker suggest --code 3 --format tsv
	expect_out "interview-a	6"
	expect_no_out "kosten"
}

test_suggest_leaves_a_document_out() {
	setup
	anker -p p.anker mark interview-b 1 --lines 3 >/dev/null
	run anker -p p.anker suggest --doc interview-a --lines 7 --exclude-doc interview-b --format tsv
	expect_eq "1|förderprogramme" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1,4 | tr '\t' '|')" \
		"without interview-b's segment"
	# --codebook-only: the codebook's text alone, whatever was coded
	run anker -p p.anker suggest --doc interview-a --lines 7 --codebook-only --format tsv
	expect_eq "1|förderprogramme" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1,4 | tr '\t' '|')" \
		"codebook only"
}

test_suggest_english_guessed() {
	anker -p e.anker init >/dev/null 2>&1
	anker -p e.anker import "$FIXTURES/suggest/interview-en.txt" >/dev/null 2>&1
	anker -p e.anker codebook import "$FIXTURES/suggest/codebook-en.txt" >/dev/null 2>&1
	# English stems: "portals" is "portal", "connections" is "connects" (the
	# rarer word first: it is in one paragraph, portal in two)
	run anker -p e.anker suggest --code Portals --format tsv
	expect_rc 0
	expect_eq "3|connects, portal" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f2,6 | tr '\t' '|')" \
		"English"
	# German stems do not join them
	run anker -p e.anker suggest --code Portals --lang de --format tsv
	expect_no_out "connects"
}

test_suggest_refuses_what_it_cannot_do() {
	setup
	run_unchanged p.anker anker -p p.anker suggest
	expect_rc 2
	expect_err "give --code CODE (passages for a code) or --doc DOC"
	run_unchanged p.anker anker -p p.anker suggest --code 1 --doc interview-a --lines 2
	expect_rc 2
	run_unchanged p.anker anker -p p.anker suggest --doc interview-a
	expect_rc 2
	expect_err "--doc needs one of --lines A-B or --range START-END"
	run_unchanged p.anker anker -p p.anker suggest --code 1 --unit hit
	expect_rc 2
	expect_err "--unit 'hit': use sentence, paragraph or turn"
	run_unchanged p.anker anker -p p.anker suggest --code 1 --lang fr
	expect_rc 2
	expect_err "--lang 'fr': use de or en"
	run_unchanged p.anker anker -p p.anker suggest --code 1 -n x
	expect_rc 2
	run_unchanged p.anker anker -p p.anker suggest --doc interview-a --range 9-3
	expect_rc 2
	expect_err "--range '9-3'"
	run_unchanged p.anker anker -p p.anker suggest --doc interview-a --lines 7-9
	expect_rc 1
	expect_err "lines 7-9: document 'interview-a' has paragraphs 1-7"
	run_unchanged p.anker anker -p p.anker suggest --doc interview-a --range 0-9999
	expect_rc 1
	expect_err "range 0-9999: document 'interview-a' has characters 0-376"
	run_unchanged p.anker anker -p p.anker suggest --code Finanzirung
	expect_rc 1
	expect_err "did you mean"
	run_unchanged p.anker anker -p p.anker suggest --doc interview-c --lines 1
	expect_rc 1
	expect_err "no document 'interview-c'"
	anker -p p.anker codes add Leer >/dev/null
	run_unchanged p.anker anker -p p.anker suggest --code Leer
	expect_rc 1
	expect_err "code 'Leer' has nothing to compare with"
}

test_review_boundaries() {
	setup
	anker -p p.anker mark interview-b 1 --lines 3 >/dev/null
	local g3 g7
	g3=$(anker -p p.anker mark interview-b 3 --lines 4)
	# Betrieb on a sentence about money: closer to Finanzierung.
	g7=$(anker -p p.anker mark interview-a 3 --lines 7)
	# An anchor example of 1 that reads like 3.
	anker -p p.anker anchors add 1 --from "$g3" >/dev/null 2>&1
	run anker -p p.anker review boundaries --format tsv
	expect_rc 0
	expect_eq "Segment|Document|Pos.|Code|Path|Score|Closer to|Its path|Its score|Reasons|Text
$g7|interview-a|7|3|Betrieb|0.00|1|Finanzierung|2.00|förderprogramme, kosten|B: Das Förderprogramm deckte die Kosten der Schnittstelle nicht. Der Server lief." \
		"$(printf '%s\n' "$OUT" | tr '\t' '|')" "segments closer to another code"
	run anker -p p.anker review boundaries --list anchors --format tsv
	expect_eq "1|1|3" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1,3,5 | tr '\t' '|')" \
		"the example promoted from a 3 segment"
	expect_out "wartung"
	# Pairs of codes whose profiles overlap, with the words they share.
	run anker -p p.anker review boundaries --list pairs --format tsv
	# (the anchor example quotes a 3 segment: their words are shared most)
	expect_eq "1|3|wartung, rechenzentrum, ausfall, förderprogramme, übernimmt" \
		"$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1,3,6 | tr '\t' '|')" "the closest pair"
	# The people's format shows all three; --code narrows them.
	run anker -p p.anker review boundaries --code 2 --format table
	expect_rc 0
	expect_out "Similarity"
	expect_no_out "$g7"
	run_unchanged p.anker anker -p p.anker review boundaries --list bogus
	expect_rc 2
	expect_err "--list 'bogus': use segments, anchors or pairs"
}

test_suggest_model_kept_in_the_project() {
	setup
	local first coded
	# The first suggestion for a passage builds the model (schema 6) ...
	run anker -p p.anker suggest --doc interview-a --lines 7 --format tsv
	expect_rc 0
	first=$OUT
	expect_eq "de|4" "$(sql p.anker "SELECT (SELECT value FROM meta WHERE key = 'suggest_lang'),
	    (SELECT COUNT(*) FROM model_part)")" "built: three definitions, an anchor example"
	# ... each coding keeps it current, in its own transaction ...
	anker -p p.anker mark interview-b 1 --lines 3 >/dev/null
	expect_eq "0|5" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM model_todo),
	    (SELECT COUNT(*) FROM model_part)")" "the coding's segment in the model"
	run anker -p p.anker suggest --doc interview-a --lines 7 --format tsv
	coded=$OUT
	expect_out "förderprogramme, kosten"
	# ... and it ranks as the profiles computed per call do.
	run anker -p p.anker suggest --doc interview-a --lines 7 --no-model --format tsv
	expect_eq "$coded" "$OUT" "the model and --no-model"
	# Undo takes the segment out of the model again.
	anker -p p.anker undo >/dev/null 2>&1
	run anker -p p.anker suggest --doc interview-a --lines 7 --format tsv
	expect_eq "$first" "$OUT" "after undo"
	expect_eq "4" "$(sql p.anker "SELECT COUNT(*) FROM model_part")" "the segment's part gone"
}

# Once built, the kept model and units are only read (anchor/model.c
# suggest_model_ready): suggestions take no write lock, so they answer
# while another process writes, where they once waited for it.
test_suggest_kept_model_read_while_another_writes() {
	setup
	local doc code P=p.anker
	anker -p p.anker mark interview-a 1 --lines 3 >/dev/null
	run anker -p p.anker suggest --doc interview-a --lines 7 --format tsv
	expect_rc 0
	doc=$OUT
	run anker -p p.anker suggest --code 1 --format tsv
	expect_rc 0
	code=$OUT
	lock_take
	run env ANKER_WAIT=0 "$ANKER" -p p.anker suggest --doc interview-a --lines 7 --format tsv
	expect_rc 0
	expect_eq "$doc" "$OUT" "codes for a passage while another process holds the write lock"
	run env ANKER_WAIT=0 "$ANKER" -p p.anker suggest --code 1 --format tsv
	expect_rc 0
	expect_eq "$code" "$OUT" "passages for a code while another process holds the write lock"
	lock_release
	# A change made without the hook (sqlite3 on the file) still makes the
	# next suggestion bring the model up to date, in a write of its own.
	sql p.anker "INSERT INTO model_todo VALUES (3, (SELECT MIN(id) FROM segment))"
	run anker -p p.anker suggest --code 1 --format tsv
	expect_rc 0
	expect_eq "$code" "$OUT" "after the model caught up"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM model_todo")" "model_todo after the catch-up"
}

# same_boundaries LABEL CODE...: review boundaries of each code, and of
# all codes, from the kept model and per call (--no-model) agree, every
# list, every column.
same_boundaries() {
	local label=$1 c l kept
	shift
	for c in "" "$@"; do
		for l in segments anchors pairs; do
			run anker -p p.anker review boundaries ${c:+--code "$c"} --list "$l" -n 0 \
				--format tsv
			expect_rc 0
			kept=$OUT
			run anker -p p.anker review boundaries ${c:+--code "$c"} --list "$l" -n 0 \
				--no-model --format tsv
			expect_eq "$OUT" "$kept" "$label: code ${c:-(all)}, $l, kept model and --no-model"
		done
	done
}

# One code's boundaries from the kept model read its segments a window at
# a time and find those overlapping each in a window of the segment index
# as long as the document's longest segment (anchor/boundaries_kept.c):
# a code with more segments than a window (1,024) and segments of another
# code reaching far back over it give what --no-model computes.
test_review_boundaries_long_list_and_long_overlaps() {
	setup
	# code 1 on each line; code 2 from the start of every 40th line to the
	# end of the 60th after it; code 3 on every 9th line
	python3 - <<'PY'
words = ["kosten", "förderprogramme", "schnittstellen", "betrieb", "server", "budget",
         "daten", "wartung", "geld", "export"]
lines = ["Satz %d über %s und %s." % (i, words[i % 10], words[(i * 7 + 3) % 10])
         for i in range(1300)]
with open("long.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
at, pos = [], 0
for line in lines:
    at.append((pos, pos + len(line)))   # code points, end exclusive
    pos += len(line) + 1
rows = []
for i, (a, b) in enumerate(at):
    rows.append(("c1-%d" % i, "1", a, b))
    if i % 40 == 0:
        rows.append(("c2-%d" % i, "2", a, at[min(i + 60, len(at) - 1)][1]))
    if i % 9 == 0:
        rows.append(("c3-%d" % i, "3", a, b))
with open("segs.sql", "w") as f:
    f.write("INSERT INTO coder(guid, name) VALUES ('k1', 'anna');\n")
    for g, c, a, b in rows:
        f.write("INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, "
                "modified) SELECT '%s', d.id, c.id, k.id, %d, %d, 't', 't' FROM document d, "
                "code c, coder k WHERE d.name = 'long' AND c.number = '%s' AND k.name = 'anna';\n"
                % (g, a, b, c))
PY
	anker -p p.anker import long.txt >/dev/null 2>&1 || fail "import long.txt"
	sqlite3 -batch p.anker < segs.sql || fail "the segments"
	expect_eq 1300 "$(sql p.anker "SELECT n FROM code_segments JOIN code c ON c.id = code_id
	                               WHERE c.number = '1'")" "code 1's segments"
	same_boundaries "long" 1 2 3
}

test_review_boundaries_from_the_kept_model() {
	anker demo d >/dev/null 2>&1
	cp d/demo.anker p.anker
	local codes
	codes=$(sql p.anker "SELECT number FROM code WHERE number <> '' ORDER BY id")
	# shellcheck disable=SC2086
	same_boundaries "demo" $codes
	expect_eq "de" "$(sql p.anker "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"the first one built the model"
	rm -f p.anker
	setup
	anker -p p.anker mark interview-b 1 --lines 3 >/dev/null
	local g3 g7 g8
	g3=$(anker -p p.anker mark interview-b 3 --lines 4)
	g7=$(anker -p p.anker mark interview-a 3 --lines 7)
	anker -p p.anker anchors add 1 --from "$g3" >/dev/null 2>&1
	same_boundaries "coded" 1 2 3
	# overlapping segments, verdicts (a misfit leaves its profile), undo
	g8=$(anker -p p.anker mark interview-a 1 --lines 7)
	anker -p p.anker review "$g8" fits >/dev/null 2>&1
	anker -p p.anker review "$g3" misfit >/dev/null 2>&1
	same_boundaries "reviewed" 1 2 3
	anker -p p.anker unmark "$g7" >/dev/null
	same_boundaries "uncoded" 1 2 3
	anker -p p.anker undo >/dev/null 2>&1
	same_boundaries "undone" 1 2 3
}

test_suggest_model_built_document_by_document() {
	anker demo d >/dev/null 2>&1
	cp d/demo.anker p.anker
	# verdicts before the build: a misfit stays out, a fit counts twice
	local g1 g2 doc p kept
	g1=$(sql p.anker "SELECT guid FROM segment ORDER BY id LIMIT 1")
	g2=$(sql p.anker "SELECT guid FROM segment ORDER BY id LIMIT 1 OFFSET 7")
	anker -p p.anker review "$g1" misfit >/dev/null 2>&1
	anker -p p.anker review "$g2" fits >/dev/null 2>&1
	doc=$(sql p.anker "SELECT name FROM document ORDER BY id LIMIT 1")
	for p in 3 8 12-14 20; do
		run anker -p p.anker suggest --doc "$doc" --lines "$p" -n 0 --format tsv
		expect_rc 0
		kept=$OUT
		run anker -p p.anker suggest --doc "$doc" --lines "$p" -n 0 --no-model --format tsv
		expect_eq "$OUT" "$kept" "paragraph $p: the model built and --no-model"
	done
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM model_part p JOIN segment s
	    ON p.kind = 3 AND p.src = s.id WHERE s.guid = '$g1'")" "the misfit left out"
	expect_eq "2.0" "$(sql p.anker "SELECT p.weight FROM model_part p JOIN segment s
	    ON p.kind = 3 AND p.src = s.id WHERE s.guid = '$g2'")" "the fit weighs 2"
}
