# qdpx import: colors for codes the file gives none, the size rule
# (project.qde streamed and not capped by --max-size, the texts read into
# memory capped), and a whole import as one undo step.

QC1=c0000000-0000-4000-8000-000000000001
QC2=c0000000-0000-4000-8000-000000000002
QC3=c0000000-0000-4000-8000-000000000003
QC4=c0000000-0000-4000-8000-000000000004
QC5=c0000000-0000-4000-8000-000000000005
QC6=c0000000-0000-4000-8000-000000000006

# Two top-level codes without a color and one with, subcodes without.
colors_qde() {
	cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="colors">
 <CodeBook><Codes>
  <Code guid="$QC1" name="A" isCodable="true">
   <Code guid="$QC2" name="A1" isCodable="true"/>
   <Code guid="$QC3" name="A2" isCodable="true"/>
  </Code>
  <Code guid="$QC4" name="B" isCodable="true" color="#1F2E3D">
   <Code guid="$QC5" name="B1" isCodable="true"/>
  </Code>
  <Code guid="$QC6" name="C" isCodable="true"/>
 </Codes></CodeBook>
</Project>
XML
}

test_qdpx_import_colors_derived_and_kept() {
	anker -p p.anker init 2>/dev/null
	mkqdpx c.qdpx "$(colors_qde)"
	run anker -p p.anker qdpx import c.qdpx
	expect_rc 0
	color() { sql p.anker "SELECT color FROM code WHERE name = '$1'"; }
	expect_eq "#1f2e3d" "$(color B)" "the file's color, kept"
	# top level: the palette by place, as codebook import gives it
	expect_eq "#e6194b" "$(color A)" "A, first at the top"
	expect_eq "#4363d8" "$(color C)" "C, third at the top"
	expect_eq 6 "$(sql p.anker 'SELECT COUNT(DISTINCT color) FROM code')" "distinct colors"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM code WHERE color = '#808080'")" "gray codes"
	# a subcode: a shade of its parent's hue, not the parent's color
	python3 - "$(color A)" "$(color A1)" "$(color A2)" "$(color B)" "$(color B1)" <<'PY' ||
import colorsys, sys
def hue(c):
    r, g, b = (int(c[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0]
a, a1, a2, b, b1 = sys.argv[1:]
# store/color.c keeps a child within 45 degrees of its parent's hue
near = lambda x, y: min(abs(hue(x) - hue(y)), 1 - abs(hue(x) - hue(y))) <= 46 / 360
sys.exit(0 if near(a, a1) and near(a, a2) and near(b, b1) and len({a, a1, a2}) == 3 else 1)
PY
		fail "subcodes not shades of their parents: A $(color A) A1 $(color A1) A2 $(color A2) B $(color B) B1 $(color B1)"
	# Imported again: nothing changes, no step.
	local steps
	steps=$(sql p.anker 'SELECT COUNT(DISTINCT step) FROM log')
	run_unchanged p.anker anker -p p.anker qdpx import c.qdpx
	expect_rc 0
	expect_eq "$steps" "$(sql p.anker 'SELECT COUNT(DISTINCT step) FROM log')" "steps after importing again"
}

# A code the project has and the file gives no color keeps the project's.
test_qdpx_import_keeps_project_color() {
	anker -p p.anker init 2>/dev/null
	mkqdpx c.qdpx "$(colors_qde)"
	anker -p p.anker qdpx import c.qdpx 2>/dev/null
	anker -p p.anker codes color A '#00ff00' 2>/dev/null
	run anker -p p.anker qdpx import c.qdpx
	expect_rc 0
	expect_eq "#00ff00" "$(sql p.anker "SELECT color FROM code WHERE name = 'A'")" "the project's color"
}

# project.qde is streamed: a small --max-size does not refuse a large
# one; a text read into memory over the cap is refused.
test_qdpx_import_size_rule() {
	anker -p p.anker init 2>/dev/null
	python3 - <<'PY'
import zipfile
g = '00000001-0000-0000-0000-000000000000'
head = ('<Project name="x"><Sources><TextSource guid="%s" name="s" '
        'plainTextPath="internal://%s.txt"/></Sources>' % (g, g)).encode()
pad = b'<!-- ' + b' ' * (3 << 20) + b' -->'
with zipfile.ZipFile('qde.qdpx', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr('project.qde', head + pad + b'</Project>')
    z.writestr('sources/%s.txt' % g, b'small text')
with zipfile.ZipFile('src.qdpx', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr('project.qde', head + b'</Project>')
    z.writestr('sources/%s.txt' % g, b'a' * (2 << 20))
PY
	run anker -p p.anker qdpx import --max-size 1M qde.qdpx
	expect_rc 0
	expect_eq "small text" "$(sql p.anker 'SELECT text FROM document')" "the document of a 3 MiB project.qde"
	anker -p q.anker init 2>/dev/null
	run_unchanged q.anker anker -p q.anker qdpx import --max-size 1M src.qdpx
	expect_rc 1
	expect_err "src.qdpx: too large: its entries inflate to 2097152 bytes"
	expect_err "--max-size SIZE"
}

# Every row but the log's (undo marks its entries, keeps them).
rows_now() {
	sql "$1" "SELECT 'documents', COUNT(*) FROM document; SELECT 'codes', COUNT(*) FROM code;
	  SELECT 'segments', COUNT(*) FROM segment; SELECT 'anchors', COUNT(*) FROM anchor;
	  SELECT 'notes', COUNT(*) FROM code_note; SELECT 'turns', COUNT(*) FROM turn;
	  SELECT 'vars', COUNT(*) FROM doc_var; SELECT 'reviews', COUNT(*) FROM review;
	  SELECT 'memos', COUNT(*) FROM memo; SELECT 'coders', COUNT(*) FROM coder;
	  SELECT 'doc', guid, name FROM document;" | tr '\n' ' '
}

# A bulk import, hundreds of codings and memos with reviews, is one step;
# undo takes every row back and leaves the project as it was.
test_qdpx_import_is_one_undo_step() {
	anker demo . >/dev/null 2>&1
	local s1
	s1=$(anker -p demo.anker segments --format tsv | sed -n 2p | cut -f1)
	anker -p demo.anker segment set "$s1" --weight 70 --memo 'key passage' 2>/dev/null
	anker -p demo.anker review "$s1" fits --comment 'clear case' --reviewer sup 2>/dev/null
	anker -p demo.anker memo add --on project --type method 'how we coded' >/dev/null 2>&1
	anker -p demo.anker qdpx export d.qdpx 2>/dev/null
	anker -p p.anker init 2>/dev/null
	anker -p p.anker import /dev/null --name keep 2>/dev/null || true
	before=$(rows_now p.anker)
	steps=$(sql p.anker 'SELECT COUNT(DISTINCT step) FROM log')
	run anker -p p.anker qdpx import d.qdpx
	expect_rc 0
	expect_eq $((steps + 1)) "$(sql p.anker 'SELECT COUNT(DISTINCT step) FROM log')" "steps after the import"
	expect_eq "$(sql demo.anker 'SELECT COUNT(*) FROM segment')" "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "segments imported"
	expect_eq 1 "$(sql p.anker 'SELECT COUNT(*) FROM review')" "reviews imported"
	run anker -p p.anker undo --yes
	expect_rc 0
	expect_eq "$before" "$(rows_now p.anker)" "project after undo"
	expect_eq 0 "$(sql p.anker 'SELECT (SELECT COUNT(*) FROM segment) + (SELECT COUNT(*) FROM memo) +
	  (SELECT COUNT(*) FROM review) + (SELECT COUNT(*) FROM code)')" "rows left after undo"
}

# The import of test_qdpx_import_bulk_log_*: a segment with two memos and
# two reviews, into a project that has segments of its own, by another
# coder.  $step is the import's step.
bulk_import() {
	anker demo . >/dev/null 2>&1
	local s1 s2
	s1=$(anker -p demo.anker segments --format tsv | sed -n 2p | cut -f1)
	s2=$(anker -p demo.anker segments --format tsv | sed -n 3p | cut -f1)
	anker -p demo.anker review "$s1" misfit --comment 'nicht "ganz" – zu weit' --reviewer sup 2>/dev/null
	anker -p demo.anker review "$s1" fits --reviewer ann 2>/dev/null
	anker -p demo.anker memo add --on "segment:$s1" 'zweite Notiz ü' >/dev/null 2>&1
	anker -p demo.anker memo add --on "segment:$s1" --type theory 'erste' >/dev/null 2>&1
	anker -p demo.anker memo add --on "segment:$s2" 'eine' >/dev/null 2>&1
	anker -p demo.anker memo add --on project --type method 'how we coded' >/dev/null 2>&1
	anker -p demo.anker qdpx export d.qdpx 2>/dev/null
	anker -p p.anker init 2>/dev/null
	printf 'Ein kurzer Text zum Kodieren.\n' >own.txt
	ANKER_CODER=own anker -p p.anker import own.txt >/dev/null 2>&1
	ANKER_CODER=own anker -p p.anker codes add Eigen --number 99 >/dev/null 2>&1
	ANKER_CODER=own anker -p p.anker mark own Eigen 0 3 >/dev/null 2>&1
	ANKER_CODER=own anker -p p.anker mark own Eigen 4 10 >/dev/null 2>&1
	run anker -p p.anker qdpx import d.qdpx
	expect_rc 0
	step=$(sql p.anker 'SELECT MAX(step) FROM log')
}

# per_row FROM TO: TO is FROM with its bulk entries as entries per row,
# as an older anker logged them (after {}: undo takes the row as it is).
per_row() {
	cp "$1" "$2"
	sql "$2" "INSERT INTO log(step, time, coder, action, entity, guid, before, after, undone)
	  SELECT l.step, l.time, l.coder, l.action, l.entity, j.value, NULL, '{}', l.undone
	  FROM log l, json_each(l.after) j WHERE l.guid IS NULL ORDER BY l.id, j.key;
	  DELETE FROM log WHERE guid IS NULL"
}

# The tables undo and redo touch, ids and all.
bulk_tables() {
	sql "$1" "SELECT * FROM segment ORDER BY id; SELECT * FROM memo ORDER BY id;
	  SELECT * FROM review ORDER BY id; SELECT * FROM code ORDER BY id;
	  SELECT id, guid, name FROM document ORDER BY id"
}

# The rows added in bulk are logged as one entry per entity naming them
# (store_log_bulk), in the order of their ids, not as their JSON; anker
# log counts them as rows all the same.  Undo writes the entries out as
# one per row, each with the row as it was, and redo brings back the same
# rows: the tables as a log with an entry per row (the format before
# schema 17, made here from the same import) leaves them after undo and
# after redo, byte for byte.
test_qdpx_import_bulk_log_undo_redo() {
	bulk_import
	expect_eq "segment|1
memo|1" "$(sql p.anker "SELECT entity, COUNT(*) FROM log WHERE step = $step AND guid IS NULL
	  GROUP BY entity ORDER BY entity DESC")" "bulk entries"
	expect_eq "$(sql p.anker "SELECT guid FROM segment WHERE id > 2 ORDER BY id")" "$(sql p.anker "SELECT j.value FROM log l, json_each(l.after) j WHERE
	  l.step = $step AND l.entity = 'segment' AND l.guid IS NULL ORDER BY j.key")" \
		"the segments named, in order"
	# the same import with an entry per row, as an older anker logged it
	per_row p.anker q.anker
	local changes
	changes=$(sql q.anker "SELECT COUNT(*) FROM log WHERE step = $step")
	run anker -p p.anker log --format tsv --limit 1
	expect_eq "$step	$changes" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1,5)" "anker log's changes"
	run anker -p q.anker log --format tsv --limit 1
	expect_eq "$step	$changes" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1,5)" "per row: anker log"
	local imported
	imported=$(bulk_tables p.anker)
	run anker -p p.anker undo --yes
	expect_rc 0
	run anker -p q.anker undo --yes
	expect_rc 0
	expect_eq "$(bulk_tables q.anker)" "$(bulk_tables p.anker)" "tables after undo"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM log WHERE guid IS NULL")" "bulk entries after undo"
	expect_eq 1 "$(sql p.anker "SELECT COUNT(*) FROM log WHERE step = $step AND entity = 'segment'
	  AND after LIKE '%\"memos\":[{%},{%' AND after LIKE '%\"reviews\":[{%},{%'")" \
		"a segment with two memos and two reviews kept for redo"
	expect_eq "$(sql q.anker "SELECT entity, guid, after, undone FROM log ORDER BY step, id")" \
		"$(sql p.anker "SELECT entity, guid, after, undone FROM log ORDER BY step, id")" "the logs after undo"
	run anker -p p.anker redo --yes
	expect_rc 0
	run anker -p q.anker redo --yes
	expect_rc 0
	expect_eq "$(bulk_tables q.anker)" "$(bulk_tables p.anker)" "tables after redo"
	expect_eq "$(sql p.anker 'SELECT COUNT(*) FROM segment')" \
		"$(printf '%s\n' "$imported" | grep -c "^[0-9]*|[0-9a-f-]*|[0-9]*|[0-9]*|[0-9]*|")" "segments after redo"
	# and again, now from entries per row
	run anker -p p.anker undo --yes
	expect_rc 0
	run anker -p p.anker redo --yes
	expect_rc 0
	expect_eq "$(bulk_tables q.anker)" "$(bulk_tables p.anker)" "tables after a second undo and redo"
}

# Merge reads both logs for the rows each side removed: bulk entries name
# theirs as entries per row would.  A copy removes an imported document
# (and its codings), unmarks and changes codings; this project removes
# another document and changes a coding; merged both ways, the projects
# end as they do with logs per row.
test_qdpx_import_bulk_log_merge() {
	bulk_import
	cp p.anker o.anker
	local g1 g2 g3
	g1=$(sql o.anker "SELECT guid FROM segment WHERE id > 2 ORDER BY id LIMIT 1 OFFSET 3")
	g2=$(sql o.anker "SELECT guid FROM segment WHERE id > 2 ORDER BY id LIMIT 1 OFFSET 5")
	g3=$(sql o.anker "SELECT guid FROM segment WHERE id > 2 ORDER BY id LIMIT 1 OFFSET 7")
	ANKER_CODER=ben anker -p o.anker unmark "$g1" >/dev/null 2>&1
	ANKER_CODER=ben anker -p o.anker segment set "$g2" --weight 33 >/dev/null 2>&1
	ANKER_CODER=ben anker -p o.anker docs delete --force 'Interview 02' >/dev/null 2>&1
	anker -p p.anker segment set "$g3" --weight 44 >/dev/null 2>&1
	anker -p p.anker docs delete --force 'Interview 03' >/dev/null 2>&1
	expect_eq 2 "$(sql o.anker 'SELECT COUNT(*) FROM log WHERE guid IS NULL')" "bulk entries there"
	per_row p.anker q.anker
	per_row o.anker r.anker
	cp o.anker o2.anker
	cp r.anker r2.anker
	run anker -p p.anker merge o.anker --format tsv
	expect_rc 0
	local bulk=$OUT
	run anker -p q.anker merge r.anker --format tsv
	expect_rc 0
	expect_eq "$OUT" "$bulk" "the merge's report"
	expect_eq "$(bulk_tables q.anker)" "$(bulk_tables p.anker)" "merged here"
	run anker -p o2.anker merge p.anker --format tsv
	expect_rc 0
	bulk=$OUT
	run anker -p r2.anker merge q.anker --format tsv
	expect_rc 0
	expect_eq "$OUT" "$bulk" "the merge's report, the other way"
	expect_eq "$(bulk_tables r2.anker)" "$(bulk_tables o2.anker)" "merged there"
}

# A coding unmarked, then added again by a .qdpx import (in a bulk
# entry): undo of the unmarking is refused, naming the import, as with an
# entry per row.
test_qdpx_import_bulk_log_adds_again() {
	anker demo . >/dev/null 2>&1
	anker -p demo.anker qdpx export d.qdpx 2>/dev/null
	local g unmark
	g=$(sql demo.anker "SELECT guid FROM segment ORDER BY id LIMIT 1")
	anker -p demo.anker unmark "$g" >/dev/null 2>&1
	unmark=$(sql demo.anker 'SELECT MAX(step) FROM log')
	run anker -p demo.anker qdpx import d.qdpx
	expect_rc 0
	expect_eq 1 "$(sql demo.anker "SELECT COUNT(*) FROM log l, json_each(l.after) j
	  WHERE l.guid IS NULL AND j.value = '$g'")" "the coding in a bulk entry"
	run_unchanged demo.anker anker -p demo.anker undo --step "$unmark" --yes
	expect_rc 1
	expect_err "step $((unmark + 1)) (qdpx import by tester) changed the coding"
	expect_err "undo that first"
}

# A later step by another coder changed a row added in bulk: undo of the
# import is refused, naming it, and leaves the log as it was (the bulk
# entries too); once that step is undone, the import's undo goes through.
test_qdpx_import_bulk_log_later_change() {
	bulk_import
	local seg log
	seg=$(sql p.anker "SELECT guid FROM segment ORDER BY id DESC LIMIT 1")
	ANKER_CODER=ben anker -p p.anker segment set "$seg" --weight 20 2>/dev/null
	log=$(sql p.anker "SELECT id, entity, guid, length(after), undone FROM log ORDER BY id")
	run_unchanged p.anker anker -p p.anker undo --step "$step" --yes
	expect_rc 1
	expect_err "changed the coding"
	expect_err "undo that first"
	expect_eq "$log" "$(sql p.anker "SELECT id, entity, guid, length(after), undone FROM log
	  ORDER BY id")" "the log after the refused undo"
	run env ANKER_CODER=ben "$ANKER" -p p.anker undo --yes
	expect_rc 0
	run anker -p p.anker undo --step "$step" --yes
	expect_rc 0
	expect_eq 2 "$(sql p.anker 'SELECT COUNT(*) FROM segment')" "segments after undo"
}

# project.qde's own bound: the free space of the project's disk (here a
# 4 MB file system), when --max-size is below it.
qde_over_disk() {
	anker -p p.anker init 2>/dev/null
	python3 - <<'PY'
import zipfile
with zipfile.ZipFile('huge.qdpx', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr('project.qde', b'<Project name="x"><!-- ' + b' ' * (8 << 20) + b' --></Project>')
PY
	run_unchanged p.anker anker -p p.anker qdpx import --max-size 1K huge.qdpx
	expect_rc 1
	expect_err "huge.qdpx: project.qde: too large: it inflates to 8388645 bytes, more than the"
	expect_err "free on the disk that holds the project"
}

test_qdpx_import_qde_over_free_disk() {
	in_small_fs qde_over_disk
}

# One small project; with refs=1 its GUIDs, times and positions written
# with character references (and a GUID in braces and capitals), which the
# parsed tree keeps as more than one text node, and a name, a note text and
# a memo needing NFC: read the same as the plain one.
refs_qde() {
	local d=- t=T q=
	[[ $1 == 1 ]] && d='&#x2D;' t='&#84;' q='&#x30;'
	cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="refs">
 <Users><User guid="a0000000${d}0000-4000-8000-000000000001" name="Ann"/></Users>
 <CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="A" isCodable="true"/></Codes></CodeBook>
 <Sources>
  <TextSource guid="{E0000000-0000-4000-8000-00000000000${q:-0}}" name="Inter&#x76;iew" creationDateTime="2024-01-02${t}10:00:00Z">
   <PlainTextContent>Ein Text &amp; mehr, ganz kurz.</PlainTextContent>
   <PlainTextSelection guid="f0000000${d}0000-4000-8000-000000000001" startPosition="${q}4" endPosition="8" creatingUser="a0000000-0000-4000-8000-0000000000${q:-0}1" creationDateTime="2024-01-03${t}10:00:00Z">
    <Coding guid="d0000000-0000-4000-8000${d}000000000001" creatingUser="a0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000${d}0000-4000-8000-000000000001"/></Coding>
    <NoteRef targetGUID="b0000000${d}0000-4000-8000-000000000001"/>
   </PlainTextSelection>
  </TextSource>
 </Sources>
 <Notes>
  <Note guid="b0000000${d}0000-4000-8000-000000000001" name="anker:memo free" creatingUser="a0000000${d}0000-4000-8000-000000000001" creationDateTime="2024-01-04${t}10:00:00Z"><PlainTextContent>Gru&#x308;n &amp; &lt;gut&gt;</PlainTextContent></Note>
 </Notes>
</Project>
XML
}

test_qdpx_import_attributes_with_references() {
	local k
	for k in 0 1; do
		anker -p "p$k.anker" init 2>/dev/null
		mkqdpx "r$k.qdpx" "$(refs_qde $k)"
		run anker -p "p$k.anker" qdpx import "r$k.qdpx"
		expect_rc 0
	done
	rows() {
		sql "$1" "SELECT guid, name, text, imported FROM document;
		  SELECT s.guid, s.start, s.\"end\", s.created, c.name FROM segment s JOIN coder c ON c.id = s.coder_id;
		  SELECT guid, target, text, created FROM memo; SELECT guid, name FROM coder ORDER BY name"
	}
	expect_eq "1 1 1" "$(sql p1.anker "SELECT (SELECT COUNT(*) FROM document) || ' ' ||
	  (SELECT COUNT(*) FROM segment) || ' ' || (SELECT COUNT(*) FROM memo)")" "rows read"
	expect_eq "$(rows p0.anker)" "$(rows p1.anker)" "rows with references against plain ones"
	expect_eq "Grün & <gut>" "$(sql p1.anker "SELECT text FROM memo")" "the note's text, NFC"
	expect_eq "2024-01-03T10:00:00Z" "$(sql p1.anker "SELECT created FROM segment")" "the selection's time"
}

# A .qdpx of $1 selections on one text, one coding each: Note N1 on the
# second selection and on the last but one (thousands of rows apart, so
# staged in different flushes), Note N2 on the last and the Project's too.
# $2: the code's GUID instead of 00000002-0000-4000-8000-000000000001.
twice_qdpx() {
	python3 - "$@" <<'PY'
import sys, zipfile
n = int(sys.argv[1])
g = lambda k, i: sys.argv[2] if k == 2 and len(sys.argv) > 2 else \
    '%08x-0000-4000-8000-%012x' % (k, i)
ref = lambda i: '<NoteRef targetGUID="%s"/>' % g(5, i)
sels = ''.join(
    '<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d" creatingUser="%s">'
    '<Coding guid="%s" creatingUser="%s"><CodeRef targetGUID="%s"/></Coding>%s</PlainTextSelection>'
    % (g(4, i), i, i + 3, g(1, 1), g(6, i), g(1, 1), g(2, 1),
       ref(1) if i in (1, n - 2) else ref(2) if i == n - 1 else '') for i in range(n))
note = lambda i, t: ('<Note guid="%s" name="anker:memo free"><PlainTextContent>%s'
                     '</PlainTextContent></Note>' % (g(5, i), t))
qde = ('<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="w">'
       '<Users><User guid="%s" name="u"/></Users><CodeBook><Codes><Code guid="%s" name="C" '
       'isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="%s" name="t" '
       'plainTextPath="internal://%s.txt">%s</TextSource></Sources><Notes>%s%s</Notes>%s</Project>\n'
       % (g(1, 1), g(2, 1), g(3, 1), g(3, 1), sels, note(1, 'shared'), note(2, 'both'), ref(2)))
with zipfile.ZipFile('w.qdpx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('project.qde', qde)
    z.writestr('sources/%s.txt' % g(3, 1), 'wort ' * (n + 10))
PY
}

# A memo's GUID staged again after a flush: in a project without segments
# and memos the import looks up only GUIDs it staged before (qdpx_bulk.c
# staged_once), so this one must still be found and applied one by one,
# as in a project with memos of its own, where every GUID is looked up:
# each Note ends as one memo, on the last selection that refers to it.
test_qdpx_import_memo_staged_twice_across_flushes() {
	twice_qdpx 9000
	anker -p fresh.anker init 2>/dev/null
	run anker -p fresh.anker qdpx import w.qdpx
	expect_rc 0
	local want="00000005-0000-4000-8000-000000000001|00000004-0000-4000-8000-000000002326|shared
00000005-0000-4000-8000-000000000002|00000004-0000-4000-8000-000000002327|both"
	local memos="SELECT m.guid, s.guid, m.text FROM memo m JOIN segment s ON s.id = m.segment_id
	  WHERE m.guid LIKE '00000005-%' ORDER BY m.guid"
	expect_eq "$want" "$(sql fresh.anker "$memos")" "memos, fresh project"
	expect_eq 9000 "$(sql fresh.anker 'SELECT COUNT(*) FROM segment')" "segments, fresh project"
	anker -p own.anker init 2>/dev/null
	printf 'Ein kurzer Text.\n' >own.txt
	anker -p own.anker import own.txt >/dev/null 2>&1
	anker -p own.anker codes add Eigen >/dev/null 2>&1
	anker -p own.anker mark own Eigen 0 3 >/dev/null 2>&1
	anker -p own.anker memo add --on project 'eigene' >/dev/null 2>&1
	run anker -p own.anker qdpx import w.qdpx
	expect_rc 0
	expect_eq "$want" "$(sql own.anker "$memos")" "memos, project with its own"
	run anker -p fresh.anker undo --yes
	expect_rc 0
	expect_eq "0|0" "$(sql fresh.anker 'SELECT (SELECT COUNT(*) FROM segment), (SELECT COUNT(*) FROM memo)')" \
		"rows after undo"
}

# The segments' indices a fresh import drops and makes again (qdpx_bulk.c
# drop_indices): there afterwards as the schema has them, and still there
# after an import into a project without segments that is refused once
# its rows are staged (its code named otherwise in the file: a conflict).
test_qdpx_import_segment_indices_made_again() {
	local indices="SELECT name, sql FROM sqlite_master WHERE tbl_name = 'segment' ORDER BY name"
	anker -p schema.anker init 2>/dev/null
	twice_qdpx 5000
	anker -p fresh.anker init 2>/dev/null
	run anker -p fresh.anker qdpx import w.qdpx
	expect_rc 0
	expect_eq "$(sql schema.anker "$indices")" "$(sql fresh.anker "$indices")" "segment indices after"
	expect_eq ok "$(sql fresh.anker 'PRAGMA integrity_check')" "integrity after"
	anker -p code.anker init 2>/dev/null
	anker -p code.anker codes add Eigen >/dev/null 2>&1
	twice_qdpx 5000 "$(sql code.anker 'SELECT guid FROM code')"
	run_unchanged code.anker anker -p code.anker qdpx import w.qdpx
	expect_rc 1
	expect_err "would overwrite"
	expect_eq "$(sql schema.anker "$indices")" "$(sql code.anker "$indices")" "segment indices, refused"
}
