# Numbers in tables (issue 15): ties round half up on the decimal shown,
# 0/0 is n/a (empty in csv and tsv, null in json) in every command.

# One document of 32 paragraphs; code A on paragraph 1, B on the other 31,
# C on none: A has 1/32 = 3.125 % of the segments, B 96.875 %.
setup_32() {
	anker -p p.anker init 2>/dev/null
	for i in $(seq 1 32); do echo "Zeile $i."; done > a.txt
	: > empty.txt
	anker -p p.anker import -q a.txt empty.txt 2>/dev/null
	anker -p p.anker codes add A >/dev/null 2>&1
	anker -p p.anker codes add B >/dev/null 2>&1
	anker -p p.anker codes add C >/dev/null 2>&1
	anker -p p.anker mark a A --lines 1 >/dev/null
	anker -p p.anker autocode 'Zeile ([2-9]|[1-3][0-9])\.' B --unit paragraph 2>/dev/null
	[ "$(sql p.anker 'SELECT COUNT(*) FROM segment')" = 32 ] || fail "setup: 32 segments"
}

test_ties_round_half_up() {
	setup_32
	run anker -p p.anker freq --format tsv
	expect_rc 0
	expect_out $'1\tA\t1\t1\t3.13'
	expect_out $'2\tB\t31\t1\t96.88'
	# alpha = 5/16 = 0.3125 exactly: 0.313, not 0.312
	printf '1,1,1,1,1,2\n1,1,1,2,2,2\n' > r.csv
	run anker alpha --format csv r.csv
	expect_rc 0
	expect_out "nominal,2,6,12,0.313"
}

test_zero_over_zero_is_na_everywhere() {
	setup_32
	# freq --by doc: the empty document has no segments: % is 0/0
	run anker -p p.anker freq --by doc --format table
	expect_rc 0
	expect_out "1     A     empty            0          0    n/a"
	run anker -p p.anker freq --by doc --format csv
	expect_out $'1,A,empty,0,0,\r'
	run anker -p p.anker freq --by doc --format tsv
	expect_out $'1\tA\tempty\t0\t0\t\n2'
	run anker -p p.anker freq --by doc --format json
	expect_out '"doc": "empty", "segments": 0, "documents": 0, "percent": null}'
	run anker -p p.anker freq --by doc --format md
	expect_out "| 1 | A | empty | 0 | 0 | n/a |"
	# cooc: C has no paragraphs, so jaccard (C, C) and C's row % are 0/0
	run anker -p p.anker cooc --mode paragraph --measure jaccard --codes A,C --format tsv
	expect_rc 0
	expect_eq $'Code\tPath\t1\t3\n1\tA\t1.000\t0.000\n3\tC\t0.000\t' "$OUT" "cooc jaccard tsv"
	run anker -p p.anker cooc --mode paragraph --measure rowpct --codes A,C --format json
	expect_out '{"code": "3", "path": "C", "1": null, "3": null}'
	run anker -p p.anker cooc --mode paragraph --measure jaccard --codes A,C --format table
	expect_out "C     0.000    n/a"
}
