# agree (issue 15): one rule for which documents count, in every mode;
# paragraph units are the paragraphs with text.  Every number by hand.

# Three documents:
#   a (G1, Welle=1): "aaaa bbbb\ncccc dddd\neeee\n"  25 code points,
#                    p1 [0,9)  p2 [10,19)  p3 [20,24)
#   b (G1, Welle=2): "ffff\n\ngggg\n"  11 code points,
#                    p1 [0,4)  p2 empty [5,5)  p3 [6,10)
#   c (G2, Welle=2): "hhhh iiii\n"  10 code points
# Codes 1 X, 2 Y.  anna: X a [0,9), X b [0,4), Y a [10,19);
# ben: X a [0,9), Y a [10,19).  So both coded a; b only anna; c nobody.
setup() {
	anker -p p.anker init 2>/dev/null
	printf 'aaaa bbbb\ncccc dddd\neeee\n' > a.txt
	printf 'ffff\n\ngggg\n' > b.txt
	printf 'hhhh iiii\n' > c.txt
	anker -p p.anker import -q --group G1 --var Welle=1 a.txt
	anker -p p.anker import -q --group G1 --var Welle=2 b.txt
	anker -p p.anker import -q --group G2 --var Welle=2 c.txt
	anker -p p.anker codes add X >/dev/null
	anker -p p.anker codes add Y >/dev/null
	anker -p p.anker mark a X 0 9 --coder anna >/dev/null
	anker -p p.anker mark b X 0 4 --coder anna >/dev/null
	anker -p p.anker mark a Y 10 19 --coder anna >/dev/null
	anker -p p.anker mark a X 0 9 --coder ben >/dev/null
	anker -p p.anker mark a Y 10 19 --coder ben >/dev/null
}

# Units and segments alike count a only (it used to be 100 % for units and
# 66.67 % for segments: anna's X in b was a disagreement there alone).
test_agree_counts_only_documents_every_coder_coded() {
	setup
	tsv_is agree --coders anna,ben <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|25|9|9|25|100.00|1.000|1.000|1.000
2|Y|25|9|9|25|100.00|1.000|1.000|1.000
|(pooled)|50|18|18|50|100.00|1.000|1.000|1.000
EOF
	expect_err "anker: compared 1 document: a"
	expect_err "anker: left out 1 document not coded by ben: b (--all-docs counts it)"
	expect_err "anker: left out 1 document not coded by anna and ben: c (--all-docs counts it)"
	tsv_is agree --segments --coders anna,ben <<'EOF'
Code|Path|Agree|Only anna|Only ben|%|κ
1|X|2|0|0|100.00|1.000
2|Y|2|0|0|100.00|1.000
|(total)|4|0|0|100.00|1.000
EOF
	expect_err "compared 1 document: a"
	tsv_is agree --segments --disagreements --coders anna,ben <<'EOF'
Document|Pos.|Code|Path|Coder|Text
EOF
	# JSON: one object with the lists and the rows.
	run anker -p p.anker agree --coders anna,ben --unit document --format json
	expect_rc 0
	expect_out '"compared": ["a"],'
	expect_out '"left_out": [{"document": "b", "reason": "not coded by ben"}, {"document": "c", "reason": "not coded by anna and ben"}],'
	expect_out '"rows": ['
	expect_out '{"code": "1", "path": "X", "units": 1, "coded_anna": 1, "coded_ben": 1, "agree": 1'
	expect_eq "" "$ERR" "stderr of json"
	printf '%s\n' "$OUT" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert len(d["rows"]) == 3' ||
		fail "json: not one object with three rows: $OUT"
}

# --all-docs: anna's X in b counts against ben's nothing there.
test_agree_all_docs_counts_a_document_one_coder_never_touched() {
	setup
	# a: 25 units alike; b: 4 anna only, 7 nobody.  36 units, 32 agree:
	# n11 9, n10 4, n00 23.  Cohen: pe = (13*9 + 23*27) / 36^2 = .569444,
	# (.888889 - .569444) / .430556 = .742; BP (.888889 - .5) / .5;
	# alpha 1 - 71 * 4 / (50 * 22) = .742.
	tsv_is agree --coders anna,ben --codes X --docs a,b --all-docs <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|36|13|9|32|88.89|0.742|0.778|0.742
|(pooled)|36|13|9|32|88.89|0.742|0.778|0.742
EOF
	expect_err "compared 2 documents: a, b"
	# X: anna's two, ben's one; ben's matches anna's in a, anna's in b has
	# none: 2 / 3.  Total 4 / 5 = .8, kappa (.8 - .5) / .5 with two codes.
	tsv_is agree --segments --coders anna,ben --all-docs <<'EOF'
Code|Path|Agree|Only anna|Only ben|%|κ
1|X|2|1|0|66.67|0.333
2|Y|2|0|0|100.00|1.000
|(total)|4|1|0|80.00|0.600
EOF
	expect_err "compared 3 documents: a, b, c"
	tsv_is agree --segments --disagreements --coders anna,ben --all-docs <<'EOF'
Document|Pos.|Code|Path|Coder|Text
b|1|1|X|anna|ffff
EOF
}

test_agree_docs_group_and_var_choose_documents() {
	setup
	# b alone: ben never coded it, so nothing is compared.
	tsv_is agree --coders anna,ben --docs b <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
|(pooled)|0|0|0|0||||
EOF
	expect_err "compared 0 documents"
	expect_err "left out 1 document not coded by ben: b"
	# Welle=2 is b and c; with --all-docs both count: X 11 + 10 units,
	# 4 of them anna's alone: pe = po, kappa 0; BP (17/21 - .5) / .5;
	# alpha 1 - 41 * 4 / (38 * 4).  Names without case when unambiguous.
	tsv_is agree --coders anna,ben --codes X --var welle=2 --all-docs <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|21|4|0|17|80.95|0.000|0.619|-0.079
|(pooled)|21|4|0|17|80.95|0.000|0.619|-0.079
EOF
	expect_err "compared 2 documents: b, c"
	run anker -p p.anker agree --coders anna,ben --group g1 --docs B,a --format tsv
	expect_rc 0
	expect_err "compared 1 document: a"
	expect_err "left out 1 document not coded by ben: b"
	run anker -p p.anker agree --coders anna,ben --group G2 --var Welle=2 --all-docs --codes X --format tsv
	expect_rc 0
	expect_err "compared 1 document: c"
	# What does not exist is refused, with the nearest names.
	run_unchanged p.anker anker -p p.anker agree --coders anna,ben --group G3
	expect_rc 1
	expect_err "no group 'G3'; did you mean 'G1' or 'G2'?"
	run_unchanged p.anker anker -p p.anker agree --coders anna,ben --var Wele=1
	expect_rc 1
	expect_err "no document has a variable 'Wele'; did you mean 'Welle'?"
	run_unchanged p.anker anker -p p.anker agree --coders anna,ben --docs a,d
	expect_rc 1
	expect_err "no document 'd' (see 'anker docs')"
	run_unchanged p.anker anker -p p.anker agree --coders anna,ben --var Welle
	expect_rc 2
	expect_err "--var 'Welle': expected NAME=VALUE"
	run_unchanged p.anker anker -p p.anker agree --coders anna,ben --blank-units
	expect_rc 2
	expect_err "--blank-units needs --unit paragraph"
	run anker -p p.anker agree --coders anna,ben --docs a --all-docs --save s --format tsv
	expect_rc 0
	expect_eq "--coders anna,ben --unit char --docs a --all-docs; compared 1 document: a" \
		"$(sql p.anker "SELECT params FROM result WHERE name = 's'")" "saved parameters"
	# the record names the documents compared, which the options alone
	# do not once the coders code more documents
	run anker -p p.anker agree --coders anna,ben --save t --format tsv
	expect_rc 0
	run anker -p p.anker results --format tsv
	expect_out "t	agree	--coders anna,ben --unit char; compared "
}

# Paragraph units are the paragraphs with text; the empty one in b is a
# unit only with --blank-units.
test_agree_paragraph_units_are_paragraphs_with_text() {
	setup
	# p1 anna only, p3 nobody: 2 units, 1 agrees.  Cohen: pe = .5 * 0 +
	# .5 * 1 = .5, kappa 0; BP 0; alpha 1 - 3 * 1 / (3 * 1) = 0.
	tsv_is agree --coders anna,ben --codes X --docs b --all-docs --unit paragraph <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|2|1|0|1|50.00|0.000|0.000|0.000
|(pooled)|2|1|0|1|50.00|0.000|0.000|0.000
EOF
	# and p2, empty, nobody: 3 units, 2 agree; BP (2/3 - 1/2) / (1/2).
	tsv_is agree --coders anna,ben --codes X --docs b --all-docs --unit paragraph --blank-units <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|3|1|0|2|66.67|0.000|0.333|0.000
|(pooled)|3|1|0|2|66.67|0.000|0.333|0.000
EOF
}

# Artstein & Poesio (2008), table 1: 100 items, 20 both "no", 20 only the
# second coder "yes", 10 only the first, 50 both: kappa .348.  As 100
# lines of a file that ends in a line feed: 100 units, not 101.
test_agree_paragraph_units_artstein_poesio() {
	anker -p p.anker init 2>/dev/null
	seq 1 100 | sed 's/^/Zeile /' > ap.txt
	anker -p p.anker import -q ap.txt
	anker -p p.anker codes add Ja >/dev/null
	anker -p p.anker mark ap Ja --lines 41-100 --coder anna >/dev/null
	anker -p p.anker mark ap Ja --lines 21-40 --coder ben >/dev/null
	anker -p p.anker mark ap Ja --lines 51-100 --coder ben >/dev/null
	# po .7, pe .6 * .7 + .4 * .3 = .54, kappa .16 / .46 = .348;
	# BP (.7 - .5) / .5; alpha 1 - 199 * 30 / (70 * 130) = .344.
	tsv_is agree --coders anna,ben --unit paragraph <<'EOF'
Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|Ja|100|60|70|70|70.00|0.348|0.400|0.344
|(pooled)|100|60|70|70|70.00|0.348|0.400|0.344
EOF
}

# The demo: ben coded Interviews 01-03 only.  Segment agreement over those
# is 66 / (66 + 19 + 12) = 68.04 %; with all five documents, as it used to
# be counted, 66 / (66 + 50 + 12) = 51.56 %.
test_agree_demo_segments_over_documents_both_coded() {
	anker demo d >/dev/null 2>&1
	run anker -p d/demo.anker agree --segments --coders anna,ben --format tsv
	expect_rc 0
	expect_eq "|(total)|66|19|12|68.04" \
		"$(printf '%s\n' "$OUT" | tail -1 | tr '\t' '|' | cut -d'|' -f1-6)" "total row"
	expect_err "compared 3 documents: Interview 01, Interview 02, Interview 03"
	expect_err "left out 2 documents not coded by ben: Interview 04, Interview 05"
	run anker -p d/demo.anker agree --segments --coders anna,ben --all-docs --format tsv
	expect_rc 0
	expect_eq "|(total)|66|50|12|51.56|0.504" "$(printf '%s\n' "$OUT" | tail -1 | tr '\t' '|')" \
		"total row over all five"
	# Paragraph units: the demo's 152 lines with text of 284; in 01-03
	# 34 + 30 + 32 = 96 (grep counts them), times the codes in the table.
	local codes filled
	filled=$(cat "$(dirname "$FIXTURES")/../demo/interview-0"[123]*.txt | grep -c '[^[:space:]]')
	expect_eq 96 "$filled" "lines with text in the demo's Interviews 01-03"
	run anker -p d/demo.anker agree --coders anna,ben --unit paragraph --format tsv
	expect_rc 0
	codes=$(( $(printf '%s\n' "$OUT" | wc -l) - 2 ))
	expect_eq "$(( codes * 96 ))" "$(printf '%s\n' "$OUT" | tail -1 | cut -f3)" "pooled units"
	run anker -p d/demo.anker agree --coders anna,ben --unit paragraph --blank-units --format tsv
	expect_eq "$(( codes * (64 + 56 + 60) ))" "$(printf '%s\n' "$OUT" | tail -1 | cut -f3)" \
		"pooled units with blank paragraphs"
}

# A project of schema 3 counted an empty paragraph after a final line
# feed; opening it counts again (schema 4).
test_paragraphs_counted_again_in_an_older_project() {
	setup
	sql p.anker "UPDATE document SET paragraphs = paragraphs + 1; PRAGMA user_version = 3"
	run anker -p p.anker docs --format tsv
	expect_rc 0
	expect_eq "a|3 b|3 c|1" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1,4 | tr '\t\n' '| ' | sed 's/ $//')" \
		"paragraphs"
	expect_eq 20 "$(sql p.anker 'PRAGMA user_version')" "schema"
}
