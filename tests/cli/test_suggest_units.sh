# anker suggest --code from the units kept in the project (issue 17,
# schema 8; anchor/postings.c, anchor/units_rank.c): the same passages,
# scores and order as the scan over every document (--no-model), on the
# demo and on a project edited every way the units can change.

# same_as_scan LABEL ARGS...: suggest --code ARGS with the kept units and
# with --no-model agree on every column but the reasons (their words may
# be another form of the same stem, as with suggest --doc).
same_as_scan() {
	local label=$1 kept
	shift
	run anker -p p.anker suggest "$@" --format tsv
	expect_rc 0
	kept=$(printf '%s\n' "$OUT" | cut -f1-5,7)
	run anker -p p.anker suggest "$@" --no-model --format tsv
	expect_rc 0
	expect_eq "$(printf '%s\n' "$OUT" | cut -f1-5,7)" "$kept" "$label: kept units and --no-model"
}

test_suggest_passages_kept_like_the_scan() {
	anker demo d >/dev/null 2>&1
	cp d/demo.anker p.anker
	local u c
	for u in sentence paragraph turn; do
		for c in 1 2 2.1 2.7 3; do
			same_as_scan "demo, code $c, ${u}s" --code "$c" --unit "$u" -n 25
		done
	done
	same_as_scan "demo, all paragraphs" --code 1 -n 0
	# every result's reasons found in one walk of its document: the first
	# ten of all the same rows, reasons too, as the first ten asked alone
	local all
	run anker -p p.anker suggest --code 2 --unit sentence -n 0 --format tsv
	all=$OUT
	expect_eq "yes" "$([ "$(printf '%s\n' "$all" | tail -n +2 | cut -f1 | sort -u | wc -l)" -gt 3 ] &&
		echo yes)" "all sentences for 2: from several documents"
	run anker -p p.anker suggest --code 2 --unit sentence -n 10 --format tsv
	expect_eq "$(printf '%s\n' "$all" | head -n 11)" "$OUT" "-n 0's first ten, reasons too"
	# built on first use, each kind asked for (a bit each: 2, 4, 8)
	expect_eq "14|$(sql p.anker "SELECT COUNT(*) FROM document")" \
		"$(sql p.anker "SELECT (SELECT value FROM meta WHERE key = 'suggest_units'),
		    (SELECT COUNT(*) FROM model_unit WHERE kind = 2)")" "three kinds, a row per document"
}

test_suggest_passages_kept_through_edits() {
	anker -p p.anker init >/dev/null 2>&1
	anker -p p.anker import "$FIXTURES/suggest/interview-a.txt" >/dev/null 2>&1
	anker -p p.anker codebook import "$FIXTURES/suggest/codebook.txt" >/dev/null 2>&1
	anker -p p.anker mark interview-a 1 --lines 3 >/dev/null
	same_as_scan "one document" --code 1
	same_as_scan "one document, sentences" --code 1 --unit sentence
	# an import reads the new document's units in its own transaction
	anker -p p.anker import "$FIXTURES/suggest/interview-b.txt" >/dev/null 2>&1
	expect_eq "0|2|2" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM model_todo),
	    (SELECT COUNT(*) FROM model_unit WHERE kind = 2),
	    (SELECT COUNT(*) FROM model_unit WHERE kind = 1)")" "both kinds of the new document"
	same_as_scan "imported" --code 1
	same_as_scan "imported, sentences" --code 1 --unit sentence
	# coding and uncoding change the profile and what is left out
	local g
	g=$(anker -p p.anker mark interview-b 1 --lines 3)
	same_as_scan "coded" --code 1
	anker -p p.anker unmark "$g" >/dev/null
	same_as_scan "uncoded" --code 1 --unit sentence
	anker -p p.anker undo >/dev/null 2>&1
	same_as_scan "undone" --code 1
	anker -p p.anker redo >/dev/null 2>&1
	same_as_scan "redone" --code 1 --unit sentence
	# a document deleted goes out of the units and their counts; undo
	# brings it back
	anker -p p.anker docs delete interview-b >/dev/null 2>&1
	expect_eq "1|1|2" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM model_unit WHERE kind = 2),
	    (SELECT COUNT(DISTINCT doc_id) FROM model_unit), (SELECT COUNT(*) FROM model_unit_data)")" \
		"its rows gone"
	same_as_scan "deleted" --code 1
	same_as_scan "deleted, sentences" --code 1 --unit sentence
	anker -p p.anker undo >/dev/null 2>&1
	same_as_scan "delete undone" --code 1
	same_as_scan "delete undone, turns" --code 1 --unit turn
	# the counts are what a build from scratch gives
	local kept
	kept=$(sql p.anker "SELECT kind, term_id, df FROM model_df ORDER BY 1, 2")
	sql p.anker "DELETE FROM model_unit; DELETE FROM model_unit_data; DELETE FROM model_df;
	    DELETE FROM meta WHERE key = 'suggest_units'" >/dev/null
	anker -p p.anker suggest --code 1 --unit sentence >/dev/null 2>&1
	anker -p p.anker suggest --code 1 --unit turn >/dev/null 2>&1
	anker -p p.anker suggest --code 1 >/dev/null 2>&1
	expect_eq "$kept" "$(sql p.anker "SELECT kind, term_id, df FROM model_df ORDER BY 1, 2")" \
		"df kept through the edits and built afresh"
}

# A codebook and documents for the pruning's edge cases: documents of
# many paragraphs (past the first units kept with each document's bound,
# and past the head), some paragraphs the same word for word in several
# documents and places (equal scores: ties at the N-th are broken by
# document, then start, as the scan breaks them), and a code whose
# profile is one term.
units_edge_project() {
	anker -p p.anker init >/dev/null 2>&1
	python3 - <<'PY'
import random
random.seed(7)
words = ("Schnittstelle Portal Förderung Haushalt Personal Schulung Datenschutz Signatur "
         "Störung Ausfall Wartung Register Formular Verfahren Antrag Bescheid Termin "
         "Landkreis Gemeinde Ministerium").split()
same = "Die Schnittstelle zum Register hakt, das Portal auch."
for d in range(4):
    paras = []
    for i in range(60):
        if i % 13 == 5:
            paras.append(same)      # the same paragraph: equal scores
        else:
            n = random.randint(3, 25)
            paras.append(" ".join(random.choice(words) for _ in range(n)) + ".")
    with open(f"edge-{d}.txt", "w") as f:
        f.write("\n".join(paras) + "\n")
with open("edge-cb.txt", "w") as f:
    f.write("Codebuch\n\nCodesystem\n\n1 Schnittstellen\n2 Wartung\n\n"
            "1 Schnittstellen\n\nCodedefinition: Schnittstellen, Register und Portale.\n\n"
            "2 Wartung\n\nCodedefinition: Wartung.\n")
PY
	anker -p p.anker import edge-0.txt edge-1.txt edge-2.txt >/dev/null 2>&1
	anker -p p.anker codebook import edge-cb.txt >/dev/null 2>&1
}

test_suggest_passages_kept_ties_and_one_term() {
	units_edge_project
	local n
	# the same paragraph in 3 documents, 5 places each: every cut through
	# the 15 equal scores, and past them
	for n in 1 2 4 5 6 14 15 16 40 0; do
		same_as_scan "ties, -n $n" --code 1 -n "$n"
	done
	run anker -p p.anker suggest --code 1 -n 15 --format tsv
	expect_eq "1" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f5 | sort -u | wc -l)" \
		"the first 15: one score"
	# a profile of one term: a unit's score is that term's weight alone
	for n in 1 3 10 0; do
		same_as_scan "one term, -n $n" --code 2 -n "$n"
		same_as_scan "one term, sentences, -n $n" --code 2 --unit sentence -n "$n"
	done
	# coded places are left out, ties or not
	anker -p p.anker mark edge-1 1 --lines 6 >/dev/null
	same_as_scan "ties, one coded" --code 1 -n 5
	same_as_scan "ties, one coded, sentences" --code 1 --unit sentence -n 5
}

test_suggest_passages_kind_built_after_edits() {
	units_edge_project
	same_as_scan "paragraphs first" --code 1 -n 12
	# edits while only paragraphs are kept: another document, one gone
	anker -p p.anker import edge-3.txt >/dev/null 2>&1
	anker -p p.anker docs delete edge-0 >/dev/null 2>&1
	anker -p p.anker mark edge-2 2 --lines 9 >/dev/null
	# sentences and turns built now, over the corpus as edited (their
	# bounds reckoned with another mean than the paragraphs')
	same_as_scan "sentences built after the edits" --code 1 --unit sentence -n 12
	same_as_scan "turns built after the edits" --code 2 --unit turn -n 12
	same_as_scan "paragraphs kept through them" --code 1 -n 12
	# and an edit after that reaches every kind
	anker -p p.anker undo >/dev/null 2>&1
	anker -p p.anker undo >/dev/null 2>&1
	local u
	for u in sentence paragraph turn; do
		same_as_scan "${u}s, two edits undone" --code 1 --unit "$u" -n 0
		same_as_scan "${u}s, two edits undone, one term" --code 2 --unit "$u" -n 7
	done
}

# Profile terms no unit holds (words cut by a segment's edge, a definition
# in words the documents never use) add to no score, and the units'
# bounds leave them out (anchor/units_rank.c profile_of): still the
# scan's passages, scores and order.
test_suggest_passages_kept_words_in_no_unit() {
	units_edge_project
	cat >edge-cb2.txt <<'CB'
Codebuch

Codesystem

3 Fremdwörter

3 Fremdwörter

Codedefinition: Quantenverschränkung, Bienenzucht und Leuchtturmwärter.
CB
	anker -p p.anker codebook import edge-cb2.txt >/dev/null 2>&1
	local s
	# cut inside words: "chnittstell", "orta", ... as terms of the profile
	for s in 3 41 97 160; do
		anker -p p.anker mark edge-1 3 "$s" "$((s + 23))" >/dev/null
	done
	expect_eq "1" "$(sql p.anker "SELECT COUNT(*) > 0 FROM segment s JOIN code c ON c.id = s.code_id
	    WHERE c.number = '3'")" "code 3 has segments"
	local n u
	for u in sentence paragraph; do
		for n in 1 3 10 0; do
			same_as_scan "words in no unit, ${u}s, -n $n" --code 3 --unit "$u" -n "$n"
		done
	done
	# only the definition's words: no unit holds any, so nothing to suggest
	anker -p p.anker codebook import "$FIXTURES/suggest/codebook.txt" >/dev/null 2>&1
	same_as_scan "words in no unit, one cut word" --code 1 -n 5
}

# A dense code over documents of many units: every sentence shares words
# with the profile, so nearly every document has units within the bound
# and its units are read past the head, block after block (postings_int.h
# PK_BLOCK; 300 sentences a document, five blocks); the kept units still
# give the scan's passages, and edits keep each block's counts.
test_suggest_passages_kept_dense_blocks() {
	anker -p p.anker init >/dev/null 2>&1
	python3 - <<'PY'
import random
random.seed(11)
words = ("Schnittstelle Portal Förderung Haushalt Personal Schulung Datenschutz Signatur "
         "Störung Ausfall Wartung Register").split()
for d in range(5):
    paras = []
    for i in range(100):
        sents = [" ".join(random.choice(words) for _ in range(random.randint(2, 6))) + "."
                 for _ in range(3)]
        paras.append(" ".join(sents))
    with open(f"dense-{d}.txt", "w") as f:
        f.write("\n".join(paras) + "\n")
with open("dense-cb.txt", "w") as f:
    f.write("Codebuch\n\nCodesystem\n\n1 Technik\n\n1 Technik\n\n"
            "Codedefinition: Schnittstelle, Portal, Register, Störung und Wartung.\n")
PY
	anker -p p.anker import dense-0.txt dense-1.txt dense-2.txt dense-3.txt >/dev/null 2>&1
	anker -p p.anker codebook import dense-cb.txt >/dev/null 2>&1
	anker -p p.anker autocode 'Datenschutz' 1 --unit sentence --doc dense-0 >/dev/null 2>&1
	local n u
	for u in sentence paragraph; do
		for n in 1 5 20 200 0; do
			same_as_scan "dense, ${u}s, -n $n" --code 1 --unit "$u" -n "$n"
		done
	done
	expect_eq "1" "$(sql p.anker "SELECT COUNT(*) > 4 * 4 FROM model_unit_data")" \
		"more than a row a document and kind"
	# edits reach every block: a new document, one gone, a coding undone
	anker -p p.anker import dense-4.txt >/dev/null 2>&1
	anker -p p.anker docs delete dense-2 >/dev/null 2>&1
	anker -p p.anker mark dense-3 1 --lines 40 >/dev/null
	anker -p p.anker undo >/dev/null 2>&1
	for n in 3 50 0; do
		same_as_scan "dense, edited, sentences, -n $n" --code 1 --unit sentence -n "$n"
	done
	local kept
	kept=$(sql p.anker "SELECT kind, term_id, df FROM model_df ORDER BY 1, 2")
	sql p.anker "DELETE FROM model_unit; DELETE FROM model_unit_data; DELETE FROM model_df;
	    DELETE FROM meta WHERE key = 'suggest_units'" >/dev/null
	anker -p p.anker suggest --code 1 --unit sentence >/dev/null 2>&1
	anker -p p.anker suggest --code 1 >/dev/null 2>&1
	expect_eq "$kept" "$(sql p.anker "SELECT kind, term_id, df FROM model_df ORDER BY 1, 2")" \
		"df kept through the edits and built afresh"
}

# The units' first build reports progress through store_progress (the
# CLI's bar on a terminal, the TUI's foot line): a cancel (ANKER_CANCEL_AT)
# leaves the project as it was, and the next call builds them.
test_suggest_passages_kept_build_cancelled() {
	anker demo d >/dev/null 2>&1
	cp d/demo.anker p.anker
	anker -p p.anker suggest --code 1 >/dev/null 2>&1
	local before
	before=$(sql p.anker "SELECT (SELECT value FROM meta WHERE key = 'suggest_units'),
	    (SELECT COUNT(*) FROM model_unit), (SELECT COUNT(*) FROM model_unit_data),
	    (SELECT COUNT(*) FROM model_df)")
	ANKER_CANCEL_AT=2 run anker -p p.anker suggest --code 1 --unit sentence
	[ "$RC" -ne 0 ] || fail "cancelled, yet exit status 0"
	expect_err "suggestion units (sentences) cancelled; nothing was changed"
	expect_eq "$before" "$(sql p.anker "SELECT (SELECT value FROM meta WHERE key = 'suggest_units'),
	    (SELECT COUNT(*) FROM model_unit), (SELECT COUNT(*) FROM model_unit_data),
	    (SELECT COUNT(*) FROM model_df)")" "nothing changed"
	# no bar in a pipe; built by the next call
	run anker -p p.anker suggest --code 1 --unit sentence --format tsv
	expect_rc 0
	expect_eq "" "$ERR" "nothing on standard error"
	expect_eq "6" "$(sql p.anker "SELECT value FROM meta WHERE key = 'suggest_units'")" \
		"sentences and paragraphs kept"
	same_as_scan "built after the cancel" --code 1 --unit sentence -n 25
}

# A sentence is one unit, however many spaces and line breaks follow it
# (corpus_sentence_at gives it again for each of them: those repeats,
# holding no term, were counted in N and the mean length).
test_suggest_passages_sentence_once() {
	anker -p p.anker init >/dev/null 2>&1
	printf 'Das Portal geht.  Das Portal hakt. \n\nNoch ein Portal!\n   Und ein Register.\n' >a.txt
	printf 'Codebuch\n\nCodesystem\n\n1 Portale\n\n1 Portale\n\nCodedefinition: Portal.\n' >cb.txt
	anker -p p.anker import a.txt >/dev/null 2>&1
	anker -p p.anker codebook import cb.txt >/dev/null 2>&1
	same_as_scan "sentences" --code 1 --unit sentence -n 0
	expect_eq "4" "$(sql p.anker "SELECT n FROM model_unit WHERE kind = 1")" "four sentences"
	run anker -p p.anker suggest --code 1 --unit sentence -n 0 --format tsv
	expect_eq "0|16
18|34
37|53" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f3,4 | sort -n | tr '\t' '|')" \
		"the three with the profile's term, once each"
}
