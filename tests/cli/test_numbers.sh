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

# --- the locale (issue 15 item 2) ---------------------------------------------

# de_DE.UTF-8 generated into $T/loc (needs Debian's locales package for the
# de_DE source; the machine need not have the locale installed).  Fails
# loudly when the locale does not work: the test must see a comma locale.
de_locale() {
	mkdir -p "$T/loc"
	localedef -i de_DE -f UTF-8 "$T/loc/de_DE.UTF-8" >/dev/null 2>&1 ||
		{ fail "localedef -i de_DE -f UTF-8 failed (is the locales package there?)"; return 1; }
	[ "$(LOCPATH=$T/loc LC_ALL=de_DE.UTF-8 locale -k decimal_point)" = 'decimal_point=","' ] ||
		{ fail "the generated de_DE.UTF-8 has no decimal comma"; return 1; }
}

# de ARGS...: anker ARGS under de_DE.UTF-8.
de() { env LOCPATH="$T/loc" LC_ALL=de_DE.UTF-8 "$ANKER" "$@"; }

test_locale_keeps_the_decimal_point() {
	setup_32
	de_locale || return 0
	local f
	for f in json csv tsv table md latex; do
		run de -p p.anker freq --format $f
		expect_rc 0
		expect_out "3.13"
		expect_no_out "3,13"
		local c_out=$OUT
		run env LC_ALL=C.UTF-8 "$ANKER" -p p.anker freq --format $f
		expect_eq "$OUT" "$c_out" "freq --format $f under de_DE.UTF-8 and C.UTF-8"
	done
	run de -p p.anker freq --format json
	expect_out '"percent": 3.13}'
	# a saved result keeps the point; shown again as json it is valid
	run de -p p.anker freq --save t
	expect_rc 0
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM result WHERE content LIKE '%3,13%' OR content NOT LIKE '%"3.13"%'")" \
		"saved cells with a comma"
	run de -p p.anker results t --format json
	expect_out '"percent": 3.13}'
	# alpha reads numbers with a point
	printf '1.5,2.5,3\n1.5,2,3.5\n' > r.csv
	run de alpha --level interval r.csv
	expect_rc 0
	expect_out "interval"
}

test_markdown_escapes() {
	anker -p p.anker init 2>/dev/null
	printf 'a|b <b>x</b> *stern* _unter_ back\\slash `code` [link](u) ~~s~~ &amp;\n' > m.txt
	anker -p p.anker import -q m.txt
	run anker -p p.anker search 'a\|b' --format md
	expect_rc 0
	expect_out '| a\|b \<b>x\</b> \*stern\* \_unter\_ back\\slash \`code\` \[link\](u) \~\~s\~\~ \&amp; |'
}
