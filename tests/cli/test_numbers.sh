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

test_decimal_comma_on_request() {
	setup_32
	run anker -p p.anker freq --format table --decimal-comma
	expect_rc 0
	expect_out "3,13"
	expect_no_out "3.13"
	run anker -p p.anker freq --format md --decimal-comma
	expect_out "| 1 | A | 1 | 1 | 3,13 |"
	run anker -p p.anker freq --format latex --decimal-comma
	expect_out "3,13"
	# counts and code numbers keep their points: only numbers take a comma
	run anker -p p.anker freq --format csv --excel
	expect_out $'"=""1""";A;1;1;3,13\r'
	# the machine formats refuse it
	for f in tsv json csv xlsx; do
		run anker -p p.anker freq --format $f --decimal-comma -o x.$f
		expect_rc 2
		expect_err "--decimal-comma: $f keeps the decimal point"
	done
	[ ! -e x.tsv ] || fail "a refused command wrote its file"
}

# --- -o FILE (issue 15 item 6) ------------------------------------------------

test_output_file_for_every_table_command() {
	anker demo . >/dev/null 2>&1
	local P="-p demo.anker" cmd
	while IFS= read -r cmd; do
		# shellcheck disable=SC2086
		run anker $P $cmd --format csv
		expect_rc 0
		local want=$OUT
		rm -f out.csv
		# shellcheck disable=SC2086
		run anker $P $cmd -o out.csv
		expect_rc 0
		expect_eq "" "$OUT" "stdout of $cmd -o out.csv"
		[ -f out.csv ] || { fail "$cmd -o out.csv wrote no file"; continue; }
		expect_eq "$want" "$(cat out.csv)" "$cmd: -o out.csv (csv by the extension)"
	done <<'CMDS'
docs
search Portal
codes
segments --code 2.9
memo list
review counts
anchors list 2.9
freq
matrix
cooc
agree --coders anna,ben
agree --segments --coders anna,ben
log
CMDS
	printf '1,2\n1,1\n' > r.csv
	run anker alpha r.csv --output a.json
	expect_rc 0
	expect_out ""
	grep -q '"level": "nominal"' a.json || fail "alpha --output a.json: $(cat a.json)"
	run anker $P codebook export --format md -o cb.md
	expect_rc 0
	grep -q "Verflechtungsdichte" cb.md || fail "codebook export -o cb.md"
	# the table format into a file: both agreement tables, a blank line between
	run anker $P agree --segments --coders anna,ben --format table -o ag.txt
	expect_rc 0
	grep -q "^Document  *Pos\." ag.txt || fail "agree --segments -o ag.txt lacks the second table"
}

test_output_file_is_atomic_and_refused_where_no_table() {
	local before
	anker demo . >/dev/null 2>&1
	echo "old content" > keep.csv
	# a failing command leaves the file as it was
	run anker -p demo.anker cooc --codes nosuchcode -o keep.csv
	expect_rc 1
	expect_eq "old content" "$(cat keep.csv)" "keep.csv after a failed command"
	run anker -p demo.anker freq --save "" -o keep.csv
	expect_rc 2
	expect_eq "old content" "$(cat keep.csv)" "keep.csv after a usage error"
	# a directory that is not there: exit 3, nothing else written
	run anker -p demo.anker freq -o nodir/f.csv
	expect_rc 3
	expect_err "nodir/f.csv: No such file or directory"
	run anker -p demo.anker freq -o nodir/f.xlsx
	expect_rc 3
	expect_err "nodir/f.xlsx: No such file or directory"
	[ -z "$(ls | grep -v -e '^demo.anker' -e '^keep.csv$')" ] || fail "left behind: $(ls)"
	# a read-only directory: no file, no temporary file
	mkdir ro && chmod 555 ro
	if ! touch ro/probe 2>/dev/null; then
		run anker -p demo.anker freq -o ro/f.csv
		expect_rc 3
		expect_eq "" "$(ls ro)" "files in the read-only directory"
	fi
	chmod 755 ro
	# the project is never the output
	before=$(snapshot demo.anker)
	run anker -p demo.anker freq -o ./demo.anker
	expect_rc 2
	expect_err "-o ./demo.anker is the project: it would be overwritten"
	expect_eq "$before" "$(snapshot demo.anker)" "the project after freq -o ./demo.anker"
	# commands that print no table refuse -o (nothing done)
	before=$(snapshot demo.anker)
	run anker -p demo.anker mark "Interview 01" 2.9 --lines 3 -o m.txt
	expect_rc 2
	expect_err "-o: 'anker mark' prints no table"
	expect_eq "$before" "$(snapshot demo.anker)" "project after a refused mark -o"
	run anker show "Interview 01" -p demo.anker --decimal-comma
	expect_rc 2
	run anker -p demo.anker freq -o ""
	expect_rc 2
	# the help lists the table options where they apply
	run anker freq --help
	expect_out "Table options: --format table|tsv|csv|md|latex|json|xlsx; -o, --output FILE;"
	run anker mark --help
	expect_no_out "--output"
}

# --- xlsx and csv for Excel (issue 15 item 5) -----------------------------------

# sheet FILE N: sheet N of workbook FILE with its shared strings put in
# (cells as "A2=s:text", "E2=n:2.34@3": type, value, style), one a line.
sheet() {
	unzip -p "$1" "xl/worksheets/sheet$2.xml" > sheet.xml
	unzip -p "$1" xl/sharedStrings.xml > strings.xml
	python3 - sheet.xml strings.xml <<'PY'
import re, sys, html
strings = [html.unescape(re.sub(r'<[^>]+>', '', m)) for m in
           re.findall(r'<si>(.*?)</si>', open(sys.argv[2], encoding='utf-8').read(), re.S)]
for ref, attrs, val in re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*)>(?:<v>([^<]*)</v>)?',
                                  open(sys.argv[1], encoding='utf-8').read()):
    s = re.search(r's="(\d+)"', attrs)
    style = '@' + s.group(1) if s else ''
    if 't="s"' in attrs:
        print(f'{ref}=s:{strings[int(val)]}{style}')
    else:
        print(f'{ref}=n:{val}{style}')
PY
}

test_xlsx_numbers_text_and_sheets() {
	setup_32
	run anker -p p.anker freq --format xlsx
	expect_rc 2
	expect_err "--format xlsx writes a binary file: give -o FILE"
	run anker -p p.anker freq --by doc -o f.xlsx
	expect_rc 0
	expect_eq "" "$OUT" "stdout"
	[ "$(head -c 2 f.xlsx)" = PK ] || fail "f.xlsx is not a zip file"
	local cells
	cells=$(sheet f.xlsx 1)
	# a bold header row; text as text, counts and percentages as numbers
	case $cells in *"A1=s:Code@1"*"E1=s:Documents@1"*"F1=s:%@1"*) ;;
	*) fail "header row: $cells" ;; esac
	case $cells in *"A2=s:1"$'\n'"B2=s:A"$'\n'"C2=s:a"$'\n'"D2=n:1@"*$'\n'"E2=n:1@"*$'\n'"F2=n:3.13@"*) ;;
	*) fail "row 2: $cells" ;; esac
	# 0/0: an empty cell
	case $cells in *"F3="*) fail "the n/a cell F3 is not empty: $cells" ;; esac
	grep -q 'formatCode="0.00"' <(unzip -p f.xlsx xl/styles.xml) || fail "no 0.00 number format"
	# one sheet per table, named after the command
	anker demo . >/dev/null 2>&1
	run anker -p demo.anker agree --segments --coders anna,ben -o ag.xlsx
	expect_rc 0
	grep -q '<sheet name="agree" sheetId="1".*<sheet name="agree (2)" sheetId="2"' \
		<(unzip -p ag.xlsx xl/workbook.xml) ||
		fail "sheets: $(unzip -p ag.xlsx xl/workbook.xml)"
	# a Pos. range stays text
	run anker -p demo.anker segments --code 2.9 -o s.xlsx
	expect_rc 0
	cells=$(sheet s.xlsx 1)
	case $cells in *$'\nC1=s:Pos.@1\n'*$'\nC2=s:'[0-9]*) ;; *) fail "Pos. is not text: ${cells:0:300}" ;; esac
}

test_csv_for_excel() {
	anker demo . >/dev/null 2>&1
	run anker -p demo.anker freq --excel
	expect_rc 0
	expect_eq $'\xef\xbb\xbfCode;Path;Segments;Documents;%\r' "$(printf '%s\n' "$OUT" | head -1)" "BOM and header"
	expect_out $'"=""2.1""";Verflechtungsorganisation >> Sonstige Unterflechtung;2;1;1,56\r'
	run anker -p demo.anker freq --format csv --excel
	expect_rc 0
	run anker -p demo.anker freq --format tsv --excel
	expect_rc 2
	expect_err "--excel is for --format csv, not tsv"
	# ranges, numbers-as-text and formulas stay text; ';' and quotes are quoted
	anker -p demo.anker mark "Interview 01" 2.9 --lines 9-11 >/dev/null
	run anker -p demo.anker segments --code 2.9 --excel
	expect_rc 0
	expect_out $';Interview 01;"=""9-10""";'   # Pos. 9-10: paragraph 11 is empty
	# text with a formula's first character is never run
	printf 'Erste Zeile.\n=HYPERLINK("http://x";"y")\n- eine Liste; mit Semikolon\n' > f.txt
	anker -p demo.anker import -q f.txt
	anker -p demo.anker codes add Test >/dev/null 2>&1
	anker -p demo.anker mark f Test --lines 2 >/dev/null
	anker -p demo.anker mark f Test --lines 3 >/dev/null
	run anker -p demo.anker segments --code Test --excel
	expect_out $'"=""=HYPERLINK(""""http://x"""";""""y"""")"""\r'
	expect_out $'"=""- eine Liste; mit Semikolon"""\r'
}

test_markdown_escapes() {
	anker -p p.anker init 2>/dev/null
	printf 'a|b <b>x</b> *stern* _unter_ back\\slash `code` [link](u) ~~s~~ &amp;\n' > m.txt
	anker -p p.anker import -q m.txt
	run anker -p p.anker search 'a\|b' --format md
	expect_rc 0
	expect_out '| a\|b \<b>x\</b> \*stern\* \_unter\_ back\\slash \`code\` \[link\](u) \~\~s\~\~ \&amp; |'
}

test_leaf_and_completion_of_table_options() {
	anker demo . >/dev/null 2>&1
	run anker -p demo.anker freq --leaf --format json
	expect_rc 0
	expect_out '{"code": "2.9.1", "name": "EfA-Nachnutzung", "segments": 6'
	run anker -p demo.anker segments --leaf --code 2.9.1 --format tsv
	expect_out $'GUID\tDocument\tPos.\tStart\tEnd\tCode\tName\tCoder'
	expect_out $'\t2.9.1\tEfA-Nachnutzung\t'
	run anker -p demo.anker cooc --leaf --codes 2.9.1,2.9.2 --format tsv
	expect_out $'2.9.1\tEfA-Nachnutzung\t'
	run anker -p demo.anker matrix --leaf --format csv
	expect_out $'2.9.2,Digitalisierungslabore,'
	# a saved table keeps the paths
	run anker -p demo.anker freq --leaf --save f
	expect_rc 0
	run anker -p demo.anker results f --format tsv
	expect_out $'2.9.1\tVerflechtungsorganisation >> OZG-Entwicklung >> EfA-Nachnutzung\t'
	run anker -p demo.anker docs --leaf
	expect_rc 2
	# shell completion offers the table options where they apply
	run anker __complete freq --
	expect_out $'--output\n--decimal-comma\n--excel'
	expect_out "--leaf"
	run anker __complete freq -o ""
	expect_out "files"
	run anker __complete mark --
	expect_no_out "--output"
}

# `anker alpha FILE` reads the files R, SPSS and Excel write: NA, "." and
# empty are missing (NA was a category: -0.091 instead of 0.000), a byte
# order mark is skipped (bom.csv was "numbers and labels mixed"), a
# semicolon file with decimal commas is recognised, quoted fields may hold
# line breaks, and errors name the file and line.
test_alpha_reads_spreadsheet_files() {
	printf 'a,a,b,NA,NA\na,b,NA,b,a\n' > na.csv
	run anker alpha --format tsv na.csv
	expect_rc 0
	expect_out $'nominal\t2\t5\t4\t0.000'
	printf '\xEF\xBB\xBFA,1,2,3,3,2,1,4,1,2,,,\r\nB,1,2,3,3,2,2,4,1,2,5,,3\r\nC,.,3,3,3,2,3,4,2,2,5,1,\r\nD,1,2,3,3,2,4,4,1,2,5,1,NA\r\n' > bom.csv
	run anker alpha --level interval --format tsv bom.csv
	expect_rc 0
	expect_out $'interval\t4\t12\t40\t0.849'
	tr ',' ';' < bom.csv > semi.csv
	run anker alpha --level ratio --format tsv semi.csv
	expect_rc 0
	expect_out $'ratio\t4\t12\t40\t0.797'
	tr ',' '\t' < bom.csv > k.tsv
	run anker alpha --level ordinal --format tsv k.tsv
	expect_rc 0
	expect_out $'ordinal\t4\t12\t40\t0.815'
	# alpha = 5/16 with decimal commas, as German Excel writes them, read
	# the same under a German locale
	printf '"Coder";1,5;1,5;1,5;1,5;1,5;2,5\n"B\nb";1,5;1,5;1,5;2,5;2,5;2,5\n' > de.csv
	run anker alpha --format csv de.csv
	expect_out "nominal,2,6,12,0.313"
	if de_locale; then
		run de alpha --format csv de.csv
		expect_out "nominal,2,6,12,0.313"
	fi
	printf 'A,1,2\nB,1;2,3\n' > mixed.csv
	run anker alpha mixed.csv
	expect_rc 1
	expect_err "mixed.csv: numbers and labels mixed ('1' in line 1, '1;2' in line 2): give all values as numbers or all as labels; a file separated by semicolons needs one in its first line"
	printf 'A,1,2\n\nB,"1,2\n' > open.csv
	run anker alpha open.csv
	expect_rc 1
	expect_err "open.csv: line 3, column 2: the quote opened here is never closed"
	printf 'A;1;2\nB;1\n' > short.csv
	run anker alpha short.csv
	expect_rc 1
	expect_err "short.csv: line 2: 2 cells, but line 1 has 3 (cells separated by semicolons, as in line 1)"
}

# import --var: a number as JSON writes it is a number (0.0 was text);
# forms JSON has not (007, +5, .5) stay text, kept as written, so that
# docs --format json stays valid.  Filters compare numbers as numbers.
test_var_numbers() {
	anker -p p.anker init 2>/dev/null
	echo eins > a.txt
	echo zwei > b.txt
	run anker -p p.anker import -q --var a=0.0 --var b=-1.5 --var c=1e3 --var d=007 \
		--var e=+5 --var f=.5 --var g=12 --var h=1e999 a.txt
	expect_rc 0
	anker -p p.anker import -q --var a=1 b.txt
	expect_eq "a float 0.0|b float -1.5|c float 1e3|d text 007|e text +5|f text .5|g integer 12|h text 1e999" \
		"$(sql p.anker "SELECT v.name || ' ' || type || ' ' || value FROM doc_var v
		  JOIN document d ON d.id = doc_id WHERE d.name = 'a' ORDER BY 1" | paste -sd '|')" "types"
	run anker -p p.anker docs --format json
	expect_out '"variables": {"a": 0.0, "b": -1.5, "c": 1e3, "d": "007", "e": "+5", "f": ".5", "g": 12, "h": "1e999"}'
	printf '%s' "$OUT" | jq -e . >/dev/null || fail "docs --format json: jq cannot read it"
	anker -p p.anker codes add X >/dev/null
	anker -p p.anker mark a X 0 4 >/dev/null
	anker -p p.anker mark b X 0 4 >/dev/null
	local v
	for v in a=0 a=0.0 a=-0 a=0e5 b=-1.50 c=1000; do
		run anker -p p.anker segments --var "$v" --format tsv
		expect_rc 0
		expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c $'\teins')" "segments --var $v: document a"
		expect_eq 0 "$(printf '%s\n' "$OUT" | grep -c $'\tzwei')" "segments --var $v: not b"
	done
	# text compares as text
	run anker -p p.anker segments --var d=7 --format tsv
	expect_eq 0 "$(printf '%s\n' "$OUT" | grep -c $'\teins')" "segments --var d=7 (text 007)"
}

# -o FILE gets a long output in parts: the file is what stdout would get,
# and the command never holds it whole (it was: 1 MB of rows, 1 MB more
# memory, until the write at the end).
test_output_file_streams_a_long_output() {
	anker -p p.anker init >/dev/null 2>&1
	python3 -c 'import sys
w = ["Verwaltung", "Portal", "Kommune", "Antrag", "Bürger", "digital"]
sys.stdout.write("".join("B: " + " ".join(w[(i + j) % 6] for j in range(12)) + ".\n" for i in range(25000)))' > long.txt
	anker -p p.anker import long.txt >/dev/null 2>&1
	/usr/bin/time -f %M -o rss-stdout.txt "$ANKER" -p p.anker search '\w+' --format tsv > stdout.tsv
	run /usr/bin/time -f %M -o rss.txt "$ANKER" -p p.anker search '\w+' --format tsv -o file.tsv
	expect_rc 0
	expect_eq "$(md5sum < stdout.tsv)" "$(md5sum < file.tsv)" "-o file.tsv against stdout"
	local size rss base
	size=$(stat -c %s file.tsv)
	rss=$(tail -n 1 rss.txt)
	base=$(tail -n 1 rss-stdout.txt)
	[ "$size" -gt 20000000 ] || fail "expected an output over 20 MB, got $size bytes"
	# stdout streams; -o may hold a part (1 MiB) more, never the 40 MB
	[ "$rss" -lt $((base + 8192)) ] ||
		fail "peak RSS ${rss} kB with -o, ${base} kB to stdout, for $((size / 1024)) kB"
	[ -z "$(ls | grep '\.tmp\.')" ] || fail "left behind: $(ls)"
}
