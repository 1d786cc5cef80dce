# freq, matrix, cooc, results: hand-computed tables, every error path, saved
# results, and the migration of a version-1 project (schema 2 adds indices).

# Two documents (positions in code points, end exclusive):
#   a (G1, Jahr=2020): p1 "Eins zwei drei." [0,15)  p2 "Vier fünf sechs." [16,32)
#                      p3 "" (33)  p4 "Sieben acht." [34,46)
#   b (G2, Jahr=2021): p1 "Alpha beta." [0,11)  p2 "Gamma delta." [12,24)
# Codes 1 Portale, 1.1 Viele, 1.2 Wenige, 2 Schnittstellen, 3 Sonstiges.
# Segments:
#   a  anna 1.1 [0,4) p1     ben 1.1 [0,4) p1 (the same range)
#      anna 2 [2,20) p1-p2   anna 1.2 [20,25) p2 (touches the 2 segment)
#      ben 2 [34,40) p4
#   b  ben 1.1 [0,5) p1      anna 3 [12,17) p2
setup() {
	anker -p p.anker init 2>/dev/null
	printf 'Eins zwei drei.\nVier fünf sechs.\n\nSieben acht.\n' > a.txt
	printf 'Alpha beta.\nGamma delta.\n' > b.txt
	anker -p p.anker import -q --group G1 --var Jahr=2020 a.txt
	anker -p p.anker import -q --group G2 --var Jahr=2021 b.txt
	printf 'Test\n\nCodesystem\n\n1 Portale\n1.1 Viele\n1.2 Wenige\n2 Schnittstellen\n3 Sonstiges\n\n1 Portale\n\nCodedefinition: p\n\n1.1 Portale >> Viele\n\nCodedefinition: v\n\n1.2 Portale >> Wenige\n\nCodedefinition: w\n\n2 Schnittstellen\n\nCodedefinition: s\n\n3 Sonstiges\n\nCodedefinition: o\n' > cb.txt
	anker -p p.anker codebook import cb.txt 2>/dev/null
	sql p.anker "INSERT INTO coder(guid, name) VALUES ('k1', 'anna'), ('k2', 'ben'), ('k3', 'cem');
	  CREATE TEMP TABLE s(n, doc, code, coder, start, e);
	  INSERT INTO s VALUES (1, 'a', '1.1', 'anna', 0, 4), (2, 'a', '1.1', 'ben', 0, 4),
	    (3, 'a', '2', 'anna', 2, 20), (4, 'a', '1.2', 'anna', 20, 25), (5, 'a', '2', 'ben', 34, 40),
	    (6, 'b', '1.1', 'ben', 0, 5), (7, 'b', '3', 'anna', 12, 17);
	  INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	    SELECT 'seg' || s.n, d.id, c.id, k.id, s.start, s.e, 't', 't' FROM s
	    JOIN document d ON d.name = s.doc JOIN code c ON c.number = s.code JOIN coder k ON k.name = s.coder;"
	[ "$(sql p.anker 'SELECT COUNT(*) FROM segment')" = 7 ] || fail "setup: 7 segments"
}

# refused RC MESSAGE CMD...: the command fails with RC and MESSAGE, and the
# project (and its saved results) stay as they were.
refused() {
	local want=$1 msg=$2 results
	shift 2
	results=$(sql p.anker 'SELECT group_concat(name || created, ",") FROM result')
	run_unchanged p.anker "$@"
	expect_rc "$want"
	expect_err "$msg"
	expect_eq "" "$OUT" "stdout of a refused command"
	expect_eq "$results" "$(sql p.anker 'SELECT group_concat(name || created, ",") FROM result')" \
		"saved results after: $*"
}

# --- freq --------------------------------------------------------------------

test_freq_per_code() {
	setup
	tsv_is freq <<'EOF'
Code|Path|Segments|Documents|%
1|Portale|0|0|0.00
1.1|Portale >> Viele|3|2|42.86
1.2|Portale >> Wenige|1|1|14.29
2|Schnittstellen|2|1|28.57
3|Sonstiges|1|1|14.29
EOF
	run anker -p p.anker freq --rollup --format json
	expect_rc 0
	expect_out '{"code": "1", "path": "Portale", "segments": 0, "documents": 0, "segments_rollup": 4, "documents_rollup": 2, "percent": 0.00, "percent_rollup": 57.14}'
	expect_out '{"code": "3", "path": "Sonstiges", "segments": 1, "documents": 1, "segments_rollup": 1, "documents_rollup": 1, "percent": 14.29, "percent_rollup": 14.29}'
}

# Rolled-up documents are a union over the subtree; without a document
# filter analysis/freq.c reads them three ways (bounds from each code's
# own count, a lookup per document, the bitsets of every row), chosen by
# cost: each must give the union a recount of the segments gives.  Thirty
# documents; code 1 has subcodes 1.1 and 1.2, codes 2 to 6 are in every
# document for every coder (rows enough that the lookups cost less):
#   anna 1.1 in documents 1-20, 1.2 in 11-30 (union 30: looked up)
#   ben  1.1 in 1-5, 1.2 in 4-8 (union 8: looked up; alone, --coder ben,
#        the bitsets: fewer rows than lookups)
#   cem  1.1 in all 30 (bounded: every document), 1.2 in none
test_freq_rolled_up_documents_each_way() {
	anker -p p.anker init 2>/dev/null
	local i files=()
	for i in $(seq 1 30); do
		printf 'Text %d.\n' "$i" > "d$i.txt"
		files+=("d$i.txt")
	done
	anker -p p.anker import -q "${files[@]}" || fail "import"
	printf 'T\n\nCodesystem\n\n1 A\n1.1 B\n1.2 C\n2 D\n3 E\n4 F\n5 G\n6 H\n' > cb.txt
	anker -p p.anker codebook import cb.txt 2>/dev/null || fail "codebook import"
	sql p.anker "INSERT INTO coder(guid, name) VALUES ('k1', 'anna'), ('k2', 'ben'), ('k3', 'cem');
	  CREATE TEMP TABLE s(coder, code, lo, hi);
	  INSERT INTO s VALUES ('anna', '1.1', 1, 20), ('anna', '1.2', 11, 30),
	    ('ben', '1.1', 1, 5), ('ben', '1.2', 4, 8), ('cem', '1.1', 1, 30);
	  INSERT INTO s SELECT k.name, c.number, 1, 30 FROM coder k, code c WHERE c.number > '1.9';
	  INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified)
	    SELECT s.coder || s.code || d.name, d.id, c.id, k.id, 0, 4, 't', 't' FROM s
	    JOIN document d ON CAST(substr(d.name, 2) AS INTEGER) BETWEEN s.lo AND s.hi
	    JOIN code c ON c.number = s.code JOIN coder k ON k.name = s.coder;"
	# code, coder, rolled-up documents by a recount (coder '': all)
	local recount="WITH RECURSIVE sub(top, id) AS (SELECT id, id FROM code UNION ALL
	    SELECT sub.top, c.id FROM code c JOIN sub ON c.parent_id = sub.id)
	  SELECT t.number, COALESCE(k.name, ''), COUNT(DISTINCT s.doc_id) FROM sub
	  JOIN code t ON t.id = sub.top JOIN segment s ON s.code_id = sub.id
	  LEFT JOIN coder k ON k.id = s.coder_id AND :each GROUP BY 1, 2 ORDER BY 1, 2"
	expect_eq "1||30 1.1||30 1.2||25 2||30 3||30 4||30 5||30 6||30" \
		"$(sql p.anker "${recount//:each/0}" | tr '\n' ' ' | sed 's/ $//')" "the recount, pooled"
	run anker -p p.anker freq --by coder --rollup --format tsv
	expect_rc 0
	expect_eq "$(sql p.anker "${recount//:each/1}" | tr '|' '\t')" \
		"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 && $7 > 0 { print $1 "\t" $3 "\t" $7 }')" \
		"rolled-up documents by coder"
	expect_out "1	A	anna	0	0	40	30"
	expect_out "1	A	ben	0	0	10	8"
	local who
	for who in anna ben cem; do
		run anker -p p.anker freq --coder "$who" --rollup --format tsv
		expect_rc 0
		expect_eq "$(sql p.anker "${recount//:each/1}" | awk -F'|' -v k="$who" '$2 == k {
		             print $1 "\t" $3 }')" \
			"$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 && $6 > 0 { print $1 "\t" $6 }')" \
			"rolled-up documents of $who"
	done
	run anker -p p.anker freq --rollup --format tsv
	expect_out "1	A	0	0	80	30"
}

test_freq_by_values() {
	setup
	run anker -p p.anker freq --by doc --format tsv
	expect_rc 0
	expect_eq 11 "$(printf '%s\n' "$OUT" | wc -l)" "header and 5 codes × 2 documents"
	expect_out "1.1	Portale >> Viele	a	2	1	40.00"
	expect_out "1.1	Portale >> Viele	b	1	1	50.00"
	run anker -p p.anker freq --by group --rollup --format tsv
	expect_out "Code	Path	Group	Segments	Documents	Segments (rolled up)	Documents (rolled up)	%	% (rolled up)"
	expect_out "1	Portale	G1	0	0	3	1	0.00"
	run anker -p p.anker freq --by coder --format tsv
	expect_eq 11 "$(printf '%s\n' "$OUT" | wc -l)" "anna and ben (cem has no segments)"
	expect_out "2	Schnittstellen	anna	1	1	25.00"
	expect_out "2	Schnittstellen	ben	1	1	33.33"
	run anker -p p.anker freq --by var:Jahr --format json
	expect_rc 0
	expect_out '{"code": "3", "path": "Sonstiges", "value": "2021", "segments": 1, "documents": 1, "percent": 50.00}'
}

test_freq_one_coder() {
	setup
	tsv_is freq --coder ben <<'EOF'
Code|Path|Segments|Documents|%
1|Portale|0|0|0.00
1.1|Portale >> Viele|2|2|66.67
1.2|Portale >> Wenige|0|0|0.00
2|Schnittstellen|1|1|33.33
3|Sonstiges|0|0|0.00
EOF
}

test_freq_errors() {
	setup
	refused 2 "--by 'word'" anker -p p.anker freq --by word
	refused 2 "--by 'var:'" anker -p p.anker freq --by var:
	refused 2 "unexpected argument 'x'" anker -p p.anker freq x
	refused 2 "--replace needs --save" anker -p p.anker freq --replace
	refused 2 "unknown format" anker -p p.anker freq --format xml
	refused 1 "no coder 'nobody'" anker -p p.anker freq --coder nobody
	refused 1 "no document has a variable 'Alter'" anker -p p.anker freq --by var:Alter
	refused 1 "nothere.anker" anker -p nothere.anker freq
	[ ! -e nothere.anker ] || fail "freq created a project"
}

# --- matrix ------------------------------------------------------------------

test_matrix() {
	setup
	tsv_is matrix <<'EOF'
Code|Path|a|b|Total
1|Portale|0|0|0
1.1|Portale >> Viele|2|1|3
1.2|Portale >> Wenige|1|0|1
2|Schnittstellen|2|0|2
3|Sonstiges|0|1|1
EOF
	tsv_is matrix --rollup --cols group --coder anna <<'EOF'
Code|Path|G1|G2|Total
1|Portale|2|0|2
1.1|Portale >> Viele|1|0|1
1.2|Portale >> Wenige|1|0|1
2|Schnittstellen|1|0|1
3|Sonstiges|0|1|1
EOF
	run anker -p p.anker matrix --format json
	expect_out '{"code": "1.1", "path": "Portale >> Viele", "a": 2, "b": 1, "total": 3}'
	run anker -p p.anker matrix --format latex
	expect_out '\toprule'
	expect_out '1.1 & Portale~\ankerpathsep{} Viele & 2 & 1 & 3 \\'
}

test_matrix_errors() {
	setup
	refused 2 "--cols 'code'" anker -p p.anker matrix --cols code
	refused 2 "unexpected argument" anker -p p.anker matrix a
	refused 1 "no coder 'x'" anker -p p.anker matrix --coder x
}

# --- cooc --------------------------------------------------------------------

test_cooc_overlap() {
	setup
	# The 1.2 segment only touches the 2 segment: no overlap.
	tsv_is cooc <<'EOF'
Code|Path|1.1|1.2|2|3
1.1|Portale >> Viele|3|0|2|0
1.2|Portale >> Wenige|0|1|0|0
2|Schnittstellen|2|0|2|0
3|Sonstiges|0|0|0|1
EOF
	run anker -p p.anker cooc --mode overlap --measure rowpct --format tsv
	expect_out "1.1	Portale >> Viele	100.00	0.00	66.67	0.00"
	expect_out "2	Schnittstellen	100.00	0.00	100.00	0.00"
	run anker -p p.anker cooc --coder anna --format tsv
	expect_out "1.1	Portale >> Viele	1	0	1	0"
	run anker -p p.anker cooc --format json
	expect_out '{"code": "1.1", "path": "Portale >> Viele", "1.1": 3, "1.2": 0, "2": 2, "3": 0}'
}

test_cooc_near() {
	setup
	# 2 spans p1-p2: it shares a paragraph with 1.1 (p1) and 1.2 (p2).
	tsv_is cooc --mode near:0 <<'EOF'
Code|Path|1.1|1.2|2|3
1.1|Portale >> Viele|3|0|2|0
1.2|Portale >> Wenige|0|1|1|0
2|Schnittstellen|2|1|2|0
3|Sonstiges|0|0|0|1
EOF
	run anker -p p.anker cooc --mode near:1 --format tsv
	expect_out "1.1	Portale >> Viele	3	2	2	1"
	expect_out "1.2	Portale >> Wenige	2	1	1	0"
	run anker -p p.anker cooc --mode near:2 --format tsv
	expect_out "1.2	Portale >> Wenige	2	1	2	0"
}

test_cooc_units() {
	setup
	tsv_is cooc --mode paragraph <<'EOF'
Code|Path|1.1|1.2|2|3
1.1|Portale >> Viele|2|0|1|0
1.2|Portale >> Wenige|0|1|1|0
2|Schnittstellen|1|1|3|0
3|Sonstiges|0|0|0|1
EOF
	run anker -p p.anker cooc --mode paragraph --measure jaccard --format tsv
	expect_out "1.1	Portale >> Viele	1.000	0.000	0.250	0.000"
	expect_out "1.2	Portale >> Wenige	0.000	1.000	0.333	0.000"
	tsv_is cooc --mode document <<'EOF'
Code|Path|1.1|1.2|2|3
1.1|Portale >> Viele|2|1|1|1
1.2|Portale >> Wenige|1|1|1|0
2|Schnittstellen|1|1|1|0
3|Sonstiges|1|0|0|1
EOF
}

test_cooc_selection_and_rollup() {
	setup
	tsv_is cooc --codes '2, 1' --rollup <<'EOF'
Code|Path|2|1
2|Schnittstellen|2|2
1|Portale|2|4
EOF
	tsv_is cooc --under Portale <<'EOF'
Code|Path|1.1|1.2
1.1|Portale >> Viele|3|0
1.2|Portale >> Wenige|0|1
EOF
	tsv_is cooc --codes 'Portale >> Viele,3,1.1' --mode document <<'EOF'
Code|Path|1.1|3
1.1|Portale >> Viele|2|1
3|Sonstiges|1|1
EOF
}

test_cooc_errors() {
	setup
	refused 2 "--measure jaccard needs --mode paragraph or document" anker -p p.anker cooc --measure jaccard
	refused 2 "--measure jaccard needs" anker -p p.anker cooc --mode near:1 --measure jaccard
	refused 2 "--mode 'near'" anker -p p.anker cooc --mode near
	refused 2 "--mode 'near:-1'" anker -p p.anker cooc --mode near:-1
	refused 2 "--mode 'sentence'" anker -p p.anker cooc --mode sentence
	refused 2 "--measure 'dice'" anker -p p.anker cooc --measure dice
	refused 2 "not both" anker -p p.anker cooc --codes 1 --under 1
	refused 2 "an empty code" anker -p p.anker cooc --codes 1,,2
	refused 1 "Nichts" anker -p p.anker cooc --codes 1,Nichts
	refused 1 "has no subcodes" anker -p p.anker cooc --under 3
	refused 1 "no coder 'x'" anker -p p.anker cooc --coder x
}

test_cooc_empty_project() {
	anker -p p.anker init 2>/dev/null
	run anker -p p.anker cooc --format tsv
	expect_rc 0
	expect_eq "Code	Path" "$OUT" "no codes: only the header"
	run anker -p p.anker freq --format json
	expect_rc 0
	expect_eq "[]" "$OUT" "freq of an empty project"
}

# --- saved results -------------------------------------------------------------

test_save_and_show_results() {
	setup
	run anker -p p.anker freq --rollup --coder anna --save "Tabelle 1" --format tsv
	expect_rc 0
	expect_err "saved result 'Tabelle 1'"
	expect_out "1	Portale	0	0	2	1	0.00"
	want=$(anker -p p.anker freq --rollup --coder anna --format json)
	run anker -p p.anker cooc --mode near:1 --codes 1.1,2 --save k --format tsv
	expect_rc 0
	run anker -p p.anker results --format tsv
	expect_rc 0
	expect_out "Name	Kind	Parameters	Coders	Created"
	expect_out "Tabelle 1	freq	--by code --rollup --coder anna	anna	"
	expect_out "k	cooc	--mode near:1 --measure count --codes 1.1,2	anna, ben	"
	run anker -p p.anker results "Tabelle 1" --format json
	expect_rc 0
	expect_eq "$want" "$OUT" "saved table as JSON"
	for f in table csv md latex; do
		run anker -p p.anker results k --format $f
		expect_rc 0
		expect_eq "$(anker -p p.anker cooc --mode near:1 --codes 1.1,2 --format $f)" "$OUT" "saved cooc as $f"
	done
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM log WHERE action LIKE '%result%' OR entity = 'result'")" \
		"saving is not logged (not undoable)"
}

test_saved_result_keeps_its_numbers() {
	setup
	anker -p p.anker matrix --save m --format tsv >/dev/null 2>&1
	before=$(anker -p p.anker results m --format tsv)
	sql p.anker "DELETE FROM segment WHERE guid = 'seg1'"
	run anker -p p.anker results m --format tsv
	expect_eq "$before" "$OUT" "a saved table after the data changed"
	run anker -p p.anker matrix --format tsv
	expect_out "1.1	Portale >> Viele	1	1	2"
}

test_save_refuses_name_in_use() {
	setup
	anker -p p.anker freq --save f >/dev/null 2>&1
	refused 1 "a saved result named 'f' exists already" anker -p p.anker matrix --save f
	refused 2 "--save needs a NAME" anker -p p.anker freq --save ''
	run anker -p p.anker matrix --save f --replace --format tsv
	expect_rc 0
	expect_eq matrix "$(sql p.anker "SELECT kind FROM result WHERE name = 'f'")" "replaced"
	expect_eq 1 "$(sql p.anker 'SELECT COUNT(*) FROM result')" "one result"
}

test_results_errors_and_delete() {
	setup
	anker -p p.anker freq --save f >/dev/null 2>&1
	refused 1 "no saved result named 'g'" anker -p p.anker results g
	refused 1 "no saved result named 'g'" anker -p p.anker results --delete g
	refused 2 "unexpected argument 'b'" anker -p p.anker results a b
	refused 2 "not both" anker -p p.anker results a --delete f
	run anker -p p.anker results --delete f
	expect_rc 0
	expect_err "deleted result 'f'"
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM result')" "deleted"
	run anker -p p.anker results --format json
	expect_rc 0
	expect_eq "[]" "$OUT" "no results"
	sql p.anker "INSERT INTO result(name, kind, params, coders, created, content)
	  VALUES ('bad', 'freq', '', '', '2025-01-01T00:00:00Z', 'nonsense')"
	run anker -p p.anker results bad
	expect_rc 3
	expect_err "saved result 'bad' is damaged"
}

# --- schema 2 ------------------------------------------------------------------

# The coded data, row by row (the snapshot counts saved results too, and
# the migration test saves one).
data_state() {
	sql p.anker "PRAGMA integrity_check;
	  SELECT group_concat(guid || name || grp || chars, ',') FROM (SELECT * FROM document ORDER BY id);
	  SELECT group_concat(guid || number || name || IFNULL(parent_id, '-'), ',') FROM (SELECT * FROM code ORDER BY id);
	  SELECT group_concat(guid || name, ',') FROM (SELECT * FROM coder ORDER BY id);
	  SELECT group_concat(guid || doc_id || code_id || coder_id || start || '-' || \"end\", ',') FROM (SELECT * FROM segment ORDER BY id);
	  SELECT COUNT(*) FROM log; SELECT COUNT(*) FROM doc_var;" | tr '\n' ' '
}

test_migration_from_version_1() {
	setup
	anker -p p.anker freq --save before >/dev/null 2>&1
	sql p.anker "DROP INDEX segment_span; DROP INDEX segment_coder_code;
	  DROP INDEX segment_code_cover; DROP TRIGGER code_doc_insert;
	  DROP TRIGGER code_doc_delete; DROP TRIGGER code_doc_update; DROP TABLE code_doc;
	  DROP INDEX log_row; DROP INDEX log_coder; DROP TABLE coder_state;
	  DROP INDEX memo_segment; DROP INDEX memo_doc; DROP INDEX memo_code;
	  PRAGMA user_version = 1"
	before=$(data_state)
	want=$(sql p.anker "SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY 1, 2")
	# Opening an old project migrates it, even for a command that only
	# reads: indices, the count table and its triggers added, data kept.
	run anker -p p.anker freq --coder ben --format tsv
	expect_rc 0
	expect_out "1.1	Portale >> Viele	2	2	66.67"
	expect_eq 20 "$(sql p.anker 'PRAGMA user_version')" "version after opening"
	expect_eq "$want" "$(sql p.anker 'SELECT code_id, doc_id, n FROM code_doc')" "code_doc filled from the segments"
	want=$(anker -p p.anker cooc --format tsv)
	run anker -p p.anker matrix --save after --format tsv
	expect_rc 0
	expect_eq "code_doc segment_code_cover segment_coder_code segment_span" \
		"$(sql p.anker "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE name IN ('segment_span', 'segment_coder_code', 'segment_code_cover', 'code_doc') ORDER BY name)")" \
		"indices and tables of schema 2"
	expect_eq "coder_state log_coder log_row" \
		"$(sql p.anker "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE name IN ('log_row', 'log_coder', 'coder_state') ORDER BY name)")" \
		"indices and table of schema 3"
	expect_eq "$before" "$(data_state)" "data after the migration"
	expect_eq "before after" "$(sql p.anker "SELECT group_concat(name, ' ') FROM (SELECT name FROM result ORDER BY id)")" "saved results"
	expect_eq "$want" "$(anker -p p.anker cooc --format tsv)" "cooc after the migration"
	expect_eq ok "$(sql p.anker 'PRAGMA integrity_check')" "integrity"
}

test_analysis_uses_the_covering_index() {
	setup
	plan=$(sql p.anker 'EXPLAIN QUERY PLAN SELECT doc_id, start, "end", code_id FROM segment ORDER BY doc_id, start')
	case $plan in *"COVERING INDEX segment_span"*) ;; *) fail "cooc scan plan: $plan" ;; esac
	case $plan in *"TEMP B-TREE"*) fail "cooc scan sorts: $plan" ;; esac
	plan=$(sql p.anker 'EXPLAIN QUERY PLAN SELECT doc_id, start, "end", code_id FROM segment WHERE +coder_id = 1 ORDER BY doc_id, start')
	case $plan in *"TEMP B-TREE"*) fail "cooc scan for one coder sorts: $plan" ;; esac
}

test_analysis_help() {
	for c in freq matrix cooc results; do
		run anker "$c" --help
		expect_rc 0
		expect_out "usage: anker -p FILE $c"
	done
	run anker cooc --help
	expect_out "--mode near:N"
	expect_out "--measure jaccard"
}
