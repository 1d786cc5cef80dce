# agree, alpha, blind, merge: hand-computed tables, every error path.

# One document a (25 code points, 3 paragraphs):
#   p1 "aaaa bbbb" [0,9)  p2 "cccc dddd" [10,19)  p3 "eeee" [20,24)
# Codes 1 X, 2 Y, 3 Z (nobody uses Z).  base.anker has no codings; the two
# blind copies are coded:
#   anna: X [0,9), Y [10,19)      ben: X [0,4), X [20,24), Y [10,19)
setup() {
	anker -p base.anker init 2>/dev/null
	printf 'aaaa bbbb\ncccc dddd\neeee\n' > a.txt
	anker -p base.anker import -q a.txt
	printf 'T\n\nCodesystem\n\n1 X\n2 Y\n3 Z\n\n1 X\n\nCodedefinition: x\n\n2 Y\n\nCodedefinition: y\n\n3 Z\n\nCodedefinition: z\n' > cb.txt
	anker -p base.anker codebook import cb.txt 2>/dev/null
	anker -p base.anker blind anna A.anker 2>/dev/null
	anker -p base.anker blind ben B.anker 2>/dev/null
	anker -p A.anker mark a X 0 9 --coder anna >/dev/null
	anker -p A.anker mark a Y 10 19 --coder anna >/dev/null
	anker -p B.anker mark a X 0 4 --coder ben >/dev/null
	anker -p B.anker mark a X 20 24 --coder ben >/dev/null
	anker -p B.anker mark a Y 10 19 --coder ben >/dev/null
	cp base.anker p.anker
	anker -p p.anker merge A.anker 2>/dev/null
	anker -p p.anker merge B.anker 2>/dev/null
}

refused() {
	local want=$1 msg=$2 before
	shift 2
	before=$(snapshot p.anker)
	run "$@"
	expect_rc "$want"
	expect_err "$msg"
	expect_eq "" "$OUT" "stdout of a refused command"
	expect_eq "$before" "$(snapshot p.anker)" "project after: $*"
}

test_agree_char_units() {
	setup
	run anker -p p.anker agree --coders anna,ben --format tsv
	expect_rc 0
	# X: both [0,4), anna only 5, ben only 4, nobody 12; Cohen
	# (.64-.5504)/.4496; alpha 1 - 49*9/(33*17).  Pooled over X and Y.
	expect_tsv "Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|25|9|8|16|64.00|0.199|0.280|0.214
2|Y|25|9|9|25|100.00|1.000|1.000|1.000
|(pooled)|50|18|17|41|82.00|0.605|0.640|0.608"
}

test_agree_unused_code_and_ignore_uncoded() {
	setup
	run anker -p p.anker agree --coders anna,ben --codes Z,X --format tsv
	expect_rc 0
	expect_tsv "Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
3|Z|25|0|0|25|100.00||1.000|
1|X|25|9|8|16|64.00|0.199|0.280|0.214
|(pooled)|50|9|8|41|82.00|0.363|0.640|0.369"
	run anker -p p.anker agree --coders anna,ben --codes Z,X --ignore-uncoded --format tsv
	expect_rc 0
	# X without the 12 units nobody coded: 13 units, agree 4; Z: none.
	expect_tsv "Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
3|Z|0|0|0|0||||
1|X|13|9|8|4|30.77|-0.519|-0.385|-0.471
|(pooled)|13|9|8|4|30.77|-0.519|-0.385|-0.471"
}

test_agree_paragraph_and_document_units() {
	setup
	run anker -p p.anker agree --coders anna,ben --codes X --unit paragraph --format tsv
	expect_rc 0
	# p1 both, p2 nobody, p3 ben only; the final line feed starts no p4
	# (issue 15: an empty p4 used to count as a fourth, agreeing unit).
	# Cohen: po 2/3, pe 1/3*2/3 + 2/3*1/3 = 4/9, (2/9)/(5/9); BP (2/3 -
	# 1/2)/(1/2); alpha: o01 = 1, n0 = n1 = 3, 1 - 5 * 1 / (3 * 3).
	expect_tsv "Code|Path|Units|anna|ben|Agree|%|Cohen κ|BP κ|α
1|X|3|1|2|2|66.67|0.400|0.333|0.444
|(pooled)|3|1|2|2|66.67|0.400|0.333|0.444"
	run anker -p p.anker agree --coders anna,ben --unit document --format json
	expect_rc 0
	expect_out '"code": "1", "path": "X", "units": 1, "coded_anna": 1, "coded_ben": 1, "agree": 1, "percent": 100.00, "cohen": null'
}

test_agree_segments() {
	setup
	run anker -p p.anker agree --segments --coders anna,ben --format tsv
	expect_rc 0
	# X: anna [0,9) vs ben [0,4): 4/9 < 90 %; Y identical.  k = 2 codes.
	expect_tsv "Code|Path|Agree|Only anna|Only ben|%|κ
1|X|0|1|2|0.00|-1.000
2|Y|2|0|0|100.00|1.000
|(total)|2|1|2|40.00|-0.200"
	run anker -p p.anker agree --segments --coders anna,ben --min-overlap 40 --format tsv
	expect_tsv "Code|Path|Agree|Only anna|Only ben|%|κ
1|X|2|0|1|66.67|0.333
2|Y|2|0|0|100.00|1.000
|(total)|4|0|1|80.00|0.600"
	run anker -p p.anker agree --segments --coders anna,ben --disagreements --format tsv
	expect_tsv "Document|Pos.|Code|Path|Coder|Text
a|1|1|X|anna|aaaa bbbb
a|1|1|X|ben|aaaa
a|3|1|X|ben|eeee"
	run anker -p p.anker agree --segments --coders anna,ben --format table
	expect_out "Only anna"
	expect_out "eeee"
}

test_agree_save() {
	setup
	run anker -p p.anker agree --coders anna,ben --save ica --format tsv
	expect_rc 0
	expect_err "saved result 'ica'"
	run anker -p p.anker results ica --format tsv
	expect_out "(pooled)"
	expect_eq "agree|--coders anna,ben --unit char; compared 1 document: a" \
		"$(sql p.anker "SELECT kind || '|' || params FROM result WHERE name = 'ica'")" "saved"
}

test_agree_errors() {
	setup
	refused 2 "give the coders" anker -p p.anker agree
	refused 2 "give two coders or more" anker -p p.anker agree --coders anna
	refused 2 "an empty name" anker -p p.anker agree --coders anna,
	refused 2 "--unit 'word'" anker -p p.anker agree --coders anna,ben --unit word
	refused 2 "not both" anker -p p.anker agree --coders anna,ben --codes X --under X
	refused 2 "exactly two coders" anker -p p.anker agree --segments --coders anna,ben,cem
	refused 2 "--min-overlap '0'" anker -p p.anker agree --segments --coders anna,ben --min-overlap 0
	refused 2 "needs --segments" anker -p p.anker agree --coders anna,ben --min-overlap 50
	refused 2 "--replace needs --save" anker -p p.anker agree --coders anna,ben --replace
	refused 1 "no coder 'cem'" anker -p p.anker agree --coders anna,cem
	refused 1 "given twice" anker -p p.anker agree --coders anna,anna
	refused 1 "has no subcodes" anker -p p.anker agree --coders anna,ben --under X
	refused 1 "Q" anker -p p.anker agree --coders anna,ben --codes Q
}

# --- alpha -------------------------------------------------------------------

test_alpha_krippendorff() {
	printf 'A,1,2,3,3,2,1,4,1,2,,,\nB,1,2,3,3,2,2,4,1,2,5,,3\nC,.,3,3,3,2,3,4,2,2,5,1,\nD,1,2,3,3,2,4,4,1,2,5,1,.\n' > k.csv
	local level want
	for level in nominal:0.743 ordinal:0.815 interval:0.849 ratio:0.797; do
		run anker alpha --level "${level%:*}" --format tsv k.csv
		expect_rc 0
		expect_eq "Level|Coders|Units|Pairable values|α
${level%:*}|4|12|40|${level#*:}" "$(printf '%s\n' "$OUT" | tr '\t' '|')" "alpha ${level%:*}"
	done
	printf '0 1 0 0 0 0 0 0 1 0\n1 1 1 0 0 1 0 0 0 0\n' > b.txt
	run anker alpha --format json b.txt
	expect_out '"alpha": 0.095'
}

test_alpha_errors() {
	printf '1,2\n' > one.csv
	run anker alpha one.csv
	expect_rc 1
	expect_err "one.csv: only one row"
	printf '1,x\n2,3\n' > x.csv
	run anker alpha --level interval x.csv
	expect_rc 1
	expect_err "x.csv: line 1, column 2: 'x' is not a number"
	run anker alpha missing.csv
	expect_rc 1
	expect_err "missing.csv"
	run anker alpha
	expect_rc 2
	expect_err "give the CSV FILE"
	run anker alpha --level nominalish x.csv
	expect_rc 2
	expect_err "--level 'nominalish'"
	printf '1,1\n1,1\n' > same.csv
	run anker alpha same.csv
	expect_rc 0
	expect_err "alpha is undefined"
}

# A transposed matrix (units as rows: 100,000 "coders") and 3,000
# distinct ordinal values took minutes pair by pair; now the sums are
# linear, and the transposed file draws a warning.  The bound is the hang
# (timeout 20); bench/hostile.sh has the figures.
test_alpha_large_and_transposed() {
	awk 'BEGIN { for (i = 0; i < 100000; i++) print "1,2,3" }' > rows.csv
	run timeout 20 "$ANKER" alpha rows.csv
	expect_rc 0
	expect_out "nominal	100000	3	300000	1.000"
	expect_err "rows.csv: 100000 rows and 3 columns: alpha reads a row per coder and a column per unit; if the rows are the units, transpose the file"
	awk 'BEGIN { for (r = 0; r < 2; r++) { for (i = 0; i < 3000; i++)
	    printf "%s%d", i ? "," : "", i + (r && i == 7); print "" } }' > ord.csv
	run timeout 20 "$ANKER" alpha --level ordinal ord.csv
	expect_rc 0
	expect_out "ordinal	2	3000	6000	1.000"
	expect_eq "" "$ERR" "stderr of a matrix of two coders"
}

# --- blind, merge ------------------------------------------------------------

test_blind_copy() {
	setup
	expect_eq "2|anna|1|3" "$(sql A.anker "SELECT (SELECT COUNT(*) FROM log), (SELECT value FROM meta
	  WHERE key = 'blind_coder'), (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM code)" |
	  tr '\n' ' ' | sed 's/ $//')" "blind copy"
	expect_eq "$(sql base.anker 'SELECT guid FROM document')" "$(sql A.anker 'SELECT guid FROM document')" \
		"document GUID kept"
	anker -p p.anker blind cem C.anker 2>/dev/null
	expect_eq "0|0|0|cem" "$(sql C.anker "SELECT (SELECT COUNT(*) FROM segment), (SELECT COUNT(*)
	  FROM log), (SELECT COUNT(*) FROM review), (SELECT value FROM meta WHERE key = 'blind_coder')" |
	  tr '\n' ' ' | sed 's/ $//')" "blind copy of the merged project: no segments, log, reviews"
	run anker -p p.anker blind cem C.anker
	expect_rc 1
	expect_err "C.anker exists already"
	run anker -p p.anker blind cem
	expect_rc 2
	run anker -p nothere.anker blind cem D.anker
	expect_rc 1
	[ ! -e D.anker ] || fail "no copy of a missing project"
}

# A full disk (ulimit -f stands in for it) while the copy is written (the
# VACUUM INTO: up to 700 KB here) and while it is compacted (the VACUUM:
# 1000 and 1100).  Nothing is left under OUT's name (nor the temporary
# one), so the retry works.
test_blind_copy_file_size_limit() {
	anker demo . >/dev/null 2>&1 || fail "anker demo failed"
	local limit before
	before=$(snapshot demo.anker)
	for limit in 100 400 700 1000 1100; do
		run bash -c 'ulimit -f "$1"; exec "$0" -p demo.anker blind bob B.anker' "$ANKER" "$limit"
		expect_rc 3
		expect_err "anker: B.anker: cannot write: file too large (the file size limit, ulimit -f, was reached)"
		[ -z "$(ls -A | grep '^B\.anker')" ] || fail "left after ulimit -f $limit: $(ls -l B.anker*)"
	done
	expect_eq "$before" "$(snapshot demo.anker)" "the project after the failed copies"
	run anker -p demo.anker blind bob B.anker
	expect_rc 0
	expect_err "wrote B.anker for bob"
	expect_eq "ok|5|0" "$(sql B.anker "SELECT (SELECT integrity_check FROM pragma_integrity_check),
	  (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM segment)" | tr '\n' ' ' | sed 's/ $//')" \
		"the blind copy made once there was room"
}

test_merge_idempotent_and_undo() {
	setup
	expect_eq "5" "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "segments after merging both"
	local before
	before=$(snapshot p.anker)
	run anker -p p.anker merge A.anker
	expect_rc 0
	expect_err "merged 0 coders, 0 documents, 0 codes, 0 memos, 0 segments"
	expect_eq "$before" "$(snapshot p.anker)" "merging again"
	run anker -p p.anker undo
	expect_rc 0
	expect_eq "2" "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "undo takes back ben's merge"
}

test_merge_conflicts() {
	setup
	anker -p B.anker codes rename X Xneu 2>/dev/null
	run anker -p p.anker merge B.anker
	expect_rc 0
	expect_err "name differs ('Xneu' there); kept this project's"
	expect_eq "X" "$(sql p.anker "SELECT name FROM code WHERE number = '1'")" "kept ours"
	# A document whose text differs under the same GUID.
	sql B.anker "UPDATE document SET text = 'other'"
	refused 1 "its text differs from this project's; nothing merged" anker -p p.anker merge B.anker
	refused 1 "missing.anker" anker -p p.anker merge missing.anker
	refused 1 "into itself" anker -p p.anker merge p.anker
	refused 2 "give the OTHER.anker" anker -p p.anker merge
}

# A supervisor reviews in a copy; merging brings the verdicts onto the
# segments both projects have, once, and undo takes them back.
test_merge_brings_reviews_of_shared_segments() {
	anker demo d >/dev/null
	cp d/demo.anker copy.anker
	g=$(sql copy.anker "SELECT guid FROM segment ORDER BY id LIMIT 1")
	anker -p copy.anker review "$g" misfit --comment "eher 2.10.5" --reviewer boss 2>/dev/null
	run anker -p d/demo.anker merge copy.anker
	expect_rc 0
	expect_err "1 review"
	expect_eq "misfit|eher 2.10.5|boss" "$(sql d/demo.anker "SELECT r.verdict, r.comment, c.name FROM review r JOIN coder c ON c.id = r.reviewer_id")" "the merged review"
	before=$(snapshot d/demo.anker)
	run anker -p d/demo.anker merge copy.anker
	expect_rc 0
	expect_eq "$before" "$(snapshot d/demo.anker)" "merging again"
	anker -p d/demo.anker undo 2>/dev/null
	expect_eq 0 "$(sql d/demo.anker 'SELECT COUNT(*) FROM review')" "reviews after undo"
}
