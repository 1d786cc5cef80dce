# anchors locate (issue 17): each anchor example of a codebook found in
# the transcripts it quotes, however its author tidied it; --link records
# the source, one undoable step.  Fixtures: tests/fixtures/anchor/.

setup() {
	anker -p p.anker init >/dev/null 2>&1
	anker -p p.anker import "$FIXTURES/anchor/interview-a.txt" "$FIXTURES/anchor/interview-b.txt" \
		>/dev/null 2>&1
	anker -p p.anker codebook import "$FIXTURES/anchor/codebook.txt" >/dev/null 2>&1
}

# cut_of DOC START END: the document's characters [START, END).
cut_of() {
	sql p.anker "SELECT substr(text, $2 + 1, $3 - $2) FROM document WHERE name = '$1'"
}

test_locate_finds_tidied_quotes() {
	setup
	# Columns: code, anchor number, status, score, document, Pos., start, end.
	run anker -p p.anker anchors locate --format tsv
	expect_rc 0
	expect_eq "1.1|1|found|1.00|interview-a|2|70|273
1.2|1|not found|0.70|interview-a|4|318|365
1.2|2|found|1.00|interview-a|4-5|404|527
2.1|1|found|0.93|interview-a|7|576|834
2.2|1|found|0.97|interview-b|4-5|223|323
2.3|1|found (also interview-b, Pos. 2)|1.00|interview-a|9|878|942
2.4|1|not found|||||
2.5|1|too short|||||" \
		"$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1,3-9 | tr '\t' '|')" "located"
	expect_err "found 5 of 8 anchor examples (score at least 0.80); too short to locate: fewer than 3 words"
	# The places are the quoted passages: broken over paragraphs in the
	# codebook, "[…]" for what was cut, a line-end hyphenation in the text.
	local c
	c=$(cut_of interview-a 70 273)
	[[ $c == "auf föderaler Ebene besteht "* && $c == *" der Freien Wohlfahrtspflege" ]] ||
		fail "[70,273) is '$c'"
	expect_eq "Wir mussten nur die Schnittstellen selbst finanzieren, und das war für eine kleine Verwal-
tung wie unsere schon eine Hürde" "$(cut_of interview-a 404 527)" "[404,527)"
	# A lower --min-score takes the paraphrased quote; --code one code.
	run anker -p p.anker anchors locate --min-score 0.7 --code Finanzierung --format tsv
	expect_rc 0
	expect_eq "1.2|1|found
1.2|2|found" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1,3,4 | tr '\t' '|')" "--code, --min-score"
	# JSON for scripts
	run anker -p p.anker anchors locate --code 2.2 --format json
	expect_out '"status": "found"'
	expect_out '"score": 0.97'
}

test_locate_refuses_what_it_cannot_do() {
	setup
	run_unchanged p.anker anker -p p.anker anchors locate --min-score 1.5
	expect_rc 2
	expect_err "--min-score '1.5': give a number from 0 to 1"
	run_unchanged p.anker anker -p p.anker anchors locate --code-passages
	expect_rc 2
	expect_err "--code-passages needs --link"
	run_unchanged p.anker anker -p p.anker anchors locate --code "Finanzirung"
	expect_rc 1
	expect_err "did you mean"
	# a project without documents: nothing found, said so
	anker -p e.anker init >/dev/null 2>&1
	anker -p e.anker codebook import "$FIXTURES/anchor/codebook.txt" >/dev/null 2>&1
	run anker -p e.anker anchors locate --format tsv
	expect_rc 0
	expect_err "found 0 of 8 anchor examples"
}

test_locate_link_records_sources_and_undoes() {
	setup
	run anker -p p.anker anchors locate --link --code-passages --format tsv
	expect_rc 0
	expect_err "linked 4 anchor examples to their source (the passages coded by the coder 'codebook')"
	expect_err "not linked: 1 found in several places"
	run anker -p p.anker anchors list 1.1 --format tsv
	expect_out "interview-a, Pos. 2"
	# the passage is coded with the example's code, and the example points to it
	expect_eq "1.1|70|273|codebook" "$(sql p.anker "SELECT c.number, s.start, s.\"end\", k.name
	    FROM anchor a JOIN code c ON c.id = a.code_id JOIN segment s ON s.guid = a.segment_guid
	    JOIN coder k ON k.id = s.coder_id WHERE c.number = '1.1'")" "the linked segment"
	expect_eq "4" "$(sql p.anker "SELECT COUNT(*) FROM anchor WHERE citation <> ''")" "cited"
	expect_eq "interview-a, Pos. 4–5" "$(sql p.anker "SELECT citation FROM anchor a JOIN code c
	    ON c.id = a.code_id WHERE c.number = '1.2' AND a.position = 2")" "a citation over two paragraphs"
	# found in two places: not linked, the reader chooses
	expect_eq "" "$(sql p.anker "SELECT citation FROM anchor a JOIN code c ON c.id = a.code_id
	    WHERE c.number = '2.3'")" "the example found twice"
	# again: nothing more to link, nothing changed
	run_unchanged p.anker anker -p p.anker anchors locate --link --code-passages
	expect_rc 0
	expect_err "left as they were: 4 with a citation or segment already"
	# one step, undone as one
	run anker -p p.anker log --format tsv
	expect_out "anchors locate"
	run anker -p p.anker undo
	expect_rc 0
	expect_err "removed 4 codings; changed back 4 codes"
	expect_eq "0|0" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM segment),
	    (SELECT COUNT(*) FROM anchor WHERE citation <> '' OR segment_guid IS NOT NULL)")" \
		"codings and cited examples after undo"
}

test_locate_link_uses_an_identical_coding() {
	setup
	# The passage is coded so already by the coder codebook: linked to it.
	local g
	g=$(ANKER_CODER=codebook anker -p p.anker mark interview-b 2.2 223 323)
	run anker -p p.anker anchors locate --code 2.2 --link --code-passages
	expect_rc 0
	expect_err "1 of those passages were coded so already"
	expect_eq "$g" "$(sql p.anker "SELECT segment_guid FROM anchor a JOIN code c ON c.id = a.code_id
	    WHERE c.number = '2.2'")" "linked to the existing coding"
	expect_eq 1 "$(sql p.anker "SELECT COUNT(*) FROM segment")" "no second coding"
}
