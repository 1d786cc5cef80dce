# REFI-QDA codebook (.qdc) export and import; two qdpx import checks.

QDC_XSD="$FIXTURES/refi/Codebook.xsd"
QDC_CB="$FIXTURES/codebook/verflechtung-codebook.txt"
QDC_ATLAS="$FIXTURES/refi/atlasti-23.4-codebook.qdc"
QDC_VARIANT="$FIXTURES/refi/variant-codebook-0-4.qdc"

qdc_setup() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker codebook import "$QDC_CB" 2>/dev/null
}

test_qdc_export_validates() {
	command -v xmllint >/dev/null || { fail "xmllint missing (make deps)"; return; }
	qdc_setup
	run anker -p p.anker codebook export --format qdc -o cb.qdc
	expect_rc 0
	run xmllint --noout --schema "$QDC_XSD" cb.qdc
	expect_rc 0
	expect_err "cb.qdc validates"
	expect_eq 54 "$(grep -c '<Code ' cb.qdc)" "Code elements"
	# nested: 2.9.1 is inside 2.9
	run xmllint --xpath "count(//*[local-name()='Code'][@name='OZG-Entwicklung']/*[local-name()='Code'])" cb.qdc
	expect_eq "$(sql p.anker "SELECT COUNT(*) FROM code c JOIN code p ON p.id = c.parent_id WHERE p.name = 'OZG-Entwicklung'")" "$OUT" "subcodes of OZG-Entwicklung in the file"
	# standard output is the same document
	run anker -p p.anker codebook export --format qdc
	expect_rc 0
	expect_eq "$(cat cb.qdc)" "$OUT" "stdout vs -o"
}

test_qdc_round_trip_identical() {
	qdc_setup
	anker -p p.anker codebook export --format qdc -o cb.qdc 2>/dev/null
	anker -p e.anker init 2>/dev/null
	run anker -p e.anker codebook import cb.qdc
	expect_rc 0
	expect_err "54 codes: 54 added, 0 updated, 0 unchanged"
	expect_eq "$(anker -p p.anker codes --format json)" "$(anker -p e.anker codes --format json)" "codes --format json after the round trip"
	expect_eq "$(sql p.anker 'SELECT guid, position, codable FROM code ORDER BY guid')" \
		"$(sql e.anker 'SELECT guid, position, codable FROM code ORDER BY guid')" "GUIDs, positions, codable"
	# re-import into either project changes nothing
	for p in e.anker p.anker; do
		run_unchanged $p anker -p $p codebook import cb.qdc
		expect_rc 0
		expect_err "0 added, 0 updated, 54 unchanged"
	done
}

test_qdc_import_is_one_undo_step() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker codebook import "$QDC_VARIANT" 2>/dev/null
	expect_eq 4 "$(sql p.anker 'SELECT COUNT(*) FROM log')" "log entries"
	expect_eq 1 "$(sql p.anker 'SELECT COUNT(DISTINCT step) FROM log')" "steps"
	run anker -p p.anker undo
	expect_rc 0
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM code')" "codes after undo"
}

test_qdc_import_atlasti() {
	anker -p p.anker init 2>/dev/null
	run anker -p p.anker codebook import "$QDC_ATLAS"
	expect_rc 0
	expect_err "1 code: 1 added"
	# its code group is not a document group: said, not dropped silently
	expect_err "line 9: set 'code group 1': its 1 code is not grouped (anker groups documents only)"
	expect_eq "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294|code1|description|#46aa00|1||" \
		"$(sql p.anker 'SELECT guid, name, definition, color, codable, parent_id, number FROM code')" "the ATLAS.ti code"
}

test_qdc_import_variants() {
	anker -p p.anker init 2>/dev/null
	run anker -p p.anker codebook import "$QDC_VARIANT"
	expect_rc 0
	expect_err "4 codes: 4 added, 0 updated, 0 unchanged"
	run anker -p p.anker codes --format tsv
	expect_out "Steuerung >> Hierarchie >> Weisung"
	expect_eq "Steuerung|#ff0000|0|Wer steuert?" \
		"$(sql p.anker "SELECT name, color, codable, definition FROM code WHERE guid = 'aaaaaaaa-0000-4000-8000-000000000001'")" "#F00, isCodable=false, braces and upper case"
	expect_eq "Hierarchie|1" "$(sql p.anker "SELECT c.name, c.codable FROM code c JOIN code p ON p.id = c.parent_id WHERE p.name = 'Steuerung'")" "child of Steuerung"
	# subcodes without a color: shades of their parent's (Steuerung's red)
	expect_eq "#b80000 #710000" "$(sql p.anker "SELECT group_concat(color, ' ') FROM (SELECT color
	    FROM code WHERE name IN ('Hierarchie', 'Weisung') ORDER BY name)")" "shades of red"
	# the same GUIDs in another spelling: matched, nothing changes
	sed 's/{\([^}]*\)}/\L\1/' "$QDC_VARIANT" > lower.qdc
	run_unchanged p.anker anker -p p.anker codebook import lower.qdc
	expect_rc 0
	expect_err "0 added, 0 updated, 4 unchanged"
}

test_qdc_import_merges_by_guid_then_path() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker codes add Finanzierung --color '#123456' >/dev/null 2>&1
	anker -p p.anker codebook import "$QDC_VARIANT" 2>/dev/null
	old=$(sql p.anker "SELECT guid FROM code WHERE name = 'Finanzierung'")
	expect_eq 1 "$(sql p.anker "SELECT COUNT(*) FROM code WHERE name = 'Finanzierung'")" "Finanzierung merged by path"
	expect_eq "#123456" "$(sql p.anker "SELECT color FROM code WHERE name = 'Finanzierung'")" "color kept (the file has none)"
	# a renamed code is found by its GUID and renamed back
	anker -p p.anker codes rename Weisung Anordnung 2>/dev/null
	run anker -p p.anker codebook import "$QDC_VARIANT"
	expect_rc 0
	expect_err "0 added, 1 updated, 3 unchanged"
	expect_eq "Weisung" "$(sql p.anker "SELECT name FROM code WHERE guid = 'aaaaaaaa-0000-4000-8000-000000000003'")" "renamed back by GUID"
	expect_eq "$old" "$(sql p.anker "SELECT guid FROM code WHERE name = 'Finanzierung'")" "path match keeps the project's GUID"
}

# each refusal: message, exit 1, project unchanged
qdc_refused() {   # qdc_refused FILE MESSAGE
	run_unchanged p.anker anker -p p.anker codebook import "$1"
	expect_rc 1
	expect_err "$2"
}

test_qdc_import_refusals() {
	qdc_setup
	printf '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n <Codes>\n  <Code guid="x"\n' > trunc.qdc
	qdc_refused trunc.qdc "trunc.qdc:5:1: malformed XML"
	printf '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY e "x">]>\n<CodeBook><Codes><Code guid="aaaaaaaa-0000-4000-8000-000000000009" name="&e;" isCodable="true"/></Codes></CodeBook>\n' > dtd.qdc
	qdc_refused dtd.qdc "a DOCTYPE is not accepted"
	printf '<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:1.0"/>\n' > proj.qdc
	qdc_refused proj.qdc "not a REFI-QDA codebook: the root element is <Project>"
	printf '<CodeBook><Codes>\n<Code guid="aaaaaaaa-0000-4000-8000-00000000000a" name="Neu" isCodable="true"/>\n<Code guid="nope" name="x" isCodable="true"/></Codes></CodeBook>\n' > guid.qdc
	qdc_refused guid.qdc "guid.qdc: line 3: <Code> guid 'nope' is not a GUID"
	printf '<CodeBook><Codes><Code guid="aaaaaaaa-0000-4000-8000-00000000000b" isCodable="true"/></Codes></CodeBook>\n' > noname.qdc
	qdc_refused noname.qdc "has no name"
	# an entity loop ("billion laughs") stops the parser before the DOCTYPE check
	printf '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY e "&#38;e;&#38;e;">]>\n<CodeBook><Codes><Code guid="aaaaaaaa-0000-4000-8000-000000000009" name="&e;" isCodable="true"/></Codes></CodeBook>\n' > loop.qdc
	qdc_refused loop.qdc "loop.qdc:3:"
	run anker -p p.anker codebook import missing.qdc
	expect_rc "$(anker -p p.anker codebook import missing.txt 2>/dev/null; echo $?)"
	expect_err "missing.qdc"
}

test_qdc_usage() {
	qdc_setup
	run anker -p p.anker codebook export --format xml
	expect_rc 2
	expect_err "unknown format 'xml' (use txt, md, latex or qdc)"
	run anker -p p.anker codebook export --format qdc --examples 2
	expect_rc 2
	expect_err "--examples needs --format md"
	run anker codebook --help
	expect_rc 0
	expect_out "--format qdc"
}

# ---------------------------------------------------------------------- #
# qdpx: a namespace prefix and schemaLocation; an oversized entry.

QG_DOC=11111111-2222-3333-4444-555555555555
QG_CODE=12345678-1234-1234-1234-123456789abc
QG_SEL=0000aaaa-0000-0000-0000-000000000001
QG_USER=99999999-8888-7777-6666-555555555555

test_qdpx_import_prefixed_namespace() {
	anker -p p.anker init 2>/dev/null
	python3 - <<PY
import zipfile
qde = '''<?xml version="1.0" encoding="utf-8"?>
<q:Project xmlns:q="urn:QDA-XML:project:1:0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:QDA-XML:project:1:0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" name="x">
 <q:Users><q:User guid="$QG_USER" name="Ola"/></q:Users>
 <q:CodeBook><q:Codes><q:Code guid="$QG_CODE" name="Thema" isCodable="true"/></q:Codes></q:CodeBook>
 <q:Sources>
  <q:TextSource guid="$QG_DOC" name="Interview A" plainTextPath="internal://$QG_DOC.txt">
   <q:PlainTextSelection guid="$QG_SEL" startPosition="0" endPosition="5" creatingUser="$QG_USER">
    <q:Coding guid="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" creatingUser="$QG_USER"><q:CodeRef targetGUID="$QG_CODE"/></q:Coding>
   </q:PlainTextSelection>
  </q:TextSource>
 </q:Sources>
</q:Project>
'''
with zipfile.ZipFile('ns.qdpx', 'w') as z:
    z.writestr('project.qde', qde)
    z.writestr('sources/$QG_DOC.txt', 'Hallo Welt\n')
PY
	run anker -p p.anker qdpx import ns.qdpx
	expect_rc 0
	expect_eq "Interview A|Thema|Hallo" "$(sql p.anker 'SELECT d.name, c.name, substr(d.text, s.start + 1, s."end" - s.start) FROM segment s JOIN document d ON d.id = s.doc_id JOIN code c ON c.id = s.code_id')" "document, code and segment from a prefixed project.qde"
}

test_qdpx_import_entry_too_large() {
	anker -p p.anker init 2>/dev/null
	# a source of 2 MiB, above a cap of 1 MiB; deflated it is a few KiB
	python3 - <<'PY'
import zipfile
g = '00000001-0000-0000-0000-000000000000'
with zipfile.ZipFile('big.qdpx', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr('project.qde', '<Project name="x"><Sources><TextSource guid="%s" name="s" '
               'plainTextPath="internal://%s.txt"/></Sources></Project>' % (g, g))
    z.writestr('sources/%s.txt' % g, b'a' * (2 << 20))
PY
	run_unchanged p.anker anker -p p.anker qdpx import --max-size 1M big.qdpx
	expect_rc 1
	expect_err "big.qdpx: too large"
	expect_err "--max-size SIZE"
	run anker -p p.anker qdpx import --max-size 3M big.qdpx
	expect_rc 0
	run anker -p p.anker qdpx import --max-size lots big.qdpx
	expect_rc 2
	expect_err "--max-size 'lots'"
}

# The cap counts everything inflated: four sources, each below it, are
# refused together (a zip bomb of many entries within the per-entry cap).
test_qdpx_import_total_too_large() {
	anker -p p.anker init 2>/dev/null
	python3 - <<'PY'
import zipfile
srcs = ['%08d-0000-0000-0000-000000000000' % i for i in range(4)]
qde = '<Project name="x"><Sources>' + ''.join(
    '<TextSource guid="%s" name="s%s" plainTextPath="internal://%s.txt"/>' % (g, g[:8], g)
    for g in srcs) + '</Sources></Project>'
with zipfile.ZipFile('bomb.qdpx', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr('project.qde', qde)
    for g in srcs:
        z.writestr('sources/%s.txt' % g, b'a' * (300 << 10))
PY
	run_unchanged p.anker anker -p p.anker qdpx import --max-size 1M bomb.qdpx
	expect_rc 1
	expect_err "bomb.qdpx: too large: its entries inflate to 1228800 bytes"
	expect_err "more than the 1048576 allowed (qdpx import --max-size SIZE raises the cap)"
	run anker -p p.anker qdpx import --max-size 2M bomb.qdpx
	expect_rc 0
	expect_eq 4 "$(sql p.anker 'SELECT COUNT(*) FROM document')" "documents within the raised cap"
}

# qdpx import into a project file that does not exist yet: created; and
# removed again when the import fails.
test_qdpx_import_into_a_new_project() {
	anker demo d >/dev/null
	anker -p d/demo.anker qdpx export s.qdpx 2>/dev/null
	run anker -p new.anker qdpx import s.qdpx
	expect_rc 0
	expect_eq 128 "$(sql new.anker 'SELECT COUNT(*) FROM segment')" "segments in the new project"
	echo "not a zip" > bad.qdpx
	run anker -p fresh.anker qdpx import bad.qdpx
	expect_rc 1
	[ ! -e fresh.anker ] || fail "a failed import left fresh.anker behind"
}

# A qdpx whose document has this project's GUID but another text is
# refused whole: the segments' positions count in the text.
test_qdpx_import_refuses_changed_text() {
	anker demo d >/dev/null
	anker -p d/demo.anker qdpx export s.qdpx 2>/dev/null
	sql d/demo.anker "UPDATE document SET text = text || 'x' WHERE name = 'Interview 02'"
	run_unchanged d/demo.anker anker -p d/demo.anker qdpx import s.qdpx
	expect_rc 1
	expect_err "its text differs"
}
