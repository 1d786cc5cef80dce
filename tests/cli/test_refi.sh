# REFI-QDA: qdpx export and import.

XSD="$FIXTURES/refi/Project.xsd"

demo_project() {
	anker demo . >/dev/null 2>&1
	# weights, memos and reviews, which the demo has none of
	local s1 s2
	s1=$(anker -p demo.anker segments --format tsv | sed -n 2p | cut -f1)
	s2=$(anker -p demo.anker segments --format tsv | sed -n 3p | cut -f1)
	anker -p demo.anker segment set "$s1" --weight 70 --memo 'key passage' 2>/dev/null
	anker -p demo.anker review "$s1" fits --comment 'clear case' --reviewer sup 2>/dev/null
	anker -p demo.anker review "$s2" borderline --reviewer sup 2>/dev/null
	anker -p demo.anker memo add --on segment:"$s2" --type theory 'a theory memo' >/dev/null 2>&1 ||
		anker -p demo.anker memo add --on segment "$s2" --type theory 'a theory memo' >/dev/null 2>&1 || true
	anker -p demo.anker memo add --on project --type method 'how we coded' >/dev/null 2>&1 || true
	# A memo on a code: its Note must be written, not only the NoteRef.
	anker -p demo.anker memo add --on code 1 --type definition 'what 1 covers' >/dev/null
}

# Everything the round trip must keep, one line per row.
dump() {
	sql "$1" "
	  SELECT 'doc', guid, name, grp, text, chars, paragraphs FROM document ORDER BY guid;
	  SELECT 'var', d.guid, v.name, v.type, v.value FROM doc_var v JOIN document d ON d.id = v.doc_id ORDER BY 2, 3;
	  SELECT 'turn', d.guid, t.n, t.start, t.\"end\", t.speaker FROM turn t JOIN document d ON d.id = t.doc_id ORDER BY 2, 3;
	  SELECT 'code', c.guid, c.number, c.name, IFNULL(p.guid, ''), c.position, c.color, c.codable, c.definition
	    FROM code c LEFT JOIN code p ON p.id = c.parent_id ORDER BY c.guid;
	  SELECT 'anchor', c.guid, a.position, a.text, a.citation, IFNULL(a.segment_guid, '') FROM anchor a JOIN code c ON c.id = a.code_id ORDER BY 2, 3;
	  SELECT 'note', c.guid, n.position, n.label, n.text FROM code_note n JOIN code c ON c.id = n.code_id ORDER BY 2, 3;
	  SELECT 'coder', guid, name FROM coder WHERE id IN (SELECT coder_id FROM segment UNION SELECT reviewer_id FROM review) ORDER BY guid;
	  SELECT 'seg', s.guid, d.guid, c.guid, k.guid, s.start, s.\"end\", s.weight, s.memo, s.created, s.modified
	    FROM segment s JOIN document d ON d.id = s.doc_id JOIN code c ON c.id = s.code_id JOIN coder k ON k.id = s.coder_id ORDER BY s.guid;
	  SELECT 'review', s.guid, r.verdict, r.comment, k.name, r.created FROM review r JOIN segment s ON s.id = r.segment_id JOIN coder k ON k.id = r.reviewer_id ORDER BY 2, 6;
	  SELECT 'memo', guid, type, target, text, created, modified FROM memo ORDER BY guid;"
}

test_qdpx_export_validates() {
	command -v xmllint >/dev/null || { fail "xmllint missing (make deps)"; return; }
	demo_project
	run anker -p demo.anker qdpx export out.qdpx
	expect_rc 0
	expect_err "128 selections"
	unzip -p out.qdpx project.qde > project.qde
	run xmllint --noout --schema "$XSD" project.qde
	expect_rc 0
	expect_err "project.qde validates"
	expect_eq 5 "$(unzip -l out.qdpx | grep -c 'sources/.*\.txt')" "source files"
}

test_qdpx_selections_cut_their_text() {
	demo_project
	anker -p demo.anker qdpx export out.qdpx 2>/dev/null
	mkdir x && (cd x && unzip -q ../out.qdpx)
	# each selection: source GUID, start, end, segment GUID (python reads
	# code points, as REFI-QDA counts)
	python3 - x/project.qde x/sources > cut.tsv <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {'q': 'urn:QDA-XML:project:1.0'}
root = ET.parse(sys.argv[1]).getroot()
for src in root.iter('{urn:QDA-XML:project:1.0}TextSource'):
    text = open(sys.argv[2] + '/' + src.get('plainTextPath')[len('internal://'):], encoding='utf-8').read()
    for sel in src.findall('q:PlainTextSelection', ns):
        a, b = int(sel.get('startPosition')), int(sel.get('endPosition'))
        print(sel.get('guid') + '\t' + text[a:b].replace('\\', '\\\\').replace('\n', '\\n'))
PY
	n=0 bad=0
	while IFS=$'\t' read -r guid cut; do
		want=$(sql demo.anker "SELECT replace(replace(substr(d.text, s.start + 1, s.\"end\" - s.start), '\\', '\\\\'), char(10), '\\n') FROM segment s JOIN document d ON d.id = s.doc_id WHERE s.guid = '$guid'")
		n=$((n + 1))
		[ "$want" = "$cut" ] || { bad=$((bad + 1)); [ $bad -le 3 ] && fail "selection $guid: expected '${want:0:80}', cut '${cut:0:80}'"; }
	done < cut.tsv
	expect_eq 128 "$n" "selections checked"
	expect_eq 0 "$bad" "selections whose cut text differs"
}

test_qdpx_round_trip_demo() {
	demo_project
	anker -p demo.anker qdpx export out.qdpx 2>/dev/null
	anker -p e.anker init 2>/dev/null
	run anker -p e.anker qdpx import out.qdpx
	expect_rc 0
	dump demo.anker > a.txt
	dump e.anker > b.txt
	expect_eq "" "$(diff a.txt b.txt | head -20)" "differences after the round trip"
	[ "$(grep -c '^review' a.txt)" -ge 2 ] || fail "expected reviews in the dump, got $(grep -c '^review' a.txt)"
	grep -q '^seg.*|70|key passage|' a.txt || fail "expected the weight 70 and memo in the dump"
	# importing again changes nothing
	before=$(snapshot e.anker)
	run anker -p e.anker qdpx import out.qdpx
	expect_rc 0
	expect_eq "$before" "$(snapshot e.anker)" "project after importing the same file again"
	# and into the project it came from: nothing either
	before=$(snapshot demo.anker)
	run anker -p demo.anker qdpx import out.qdpx
	expect_rc 0
	expect_eq "$before" "$(snapshot demo.anker)" "source project after importing its own export"
	# one undo step reverts the whole import
	run anker -p e.anker undo
	expect_rc 0
	expect_eq 0 "$(sql e.anker 'SELECT COUNT(*) FROM segment')" "segments after undo"
}

G1=11111111-2222-3333-4444-555555555555
G2=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
U1=99999999-8888-7777-6666-555555555555
C1=12345678-1234-1234-1234-123456789abc
S1=0000aaaa-0000-0000-0000-000000000001

# A small project from "another tool": braces, uppercase GUIDs, an empty
# <Sets/>, no colors or names where they are optional.
foreign_qde() {   # foreign_qde START END [NS]
	cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${3:-urn:QDA-XML:project:1.0}" name="x" origin="OtherTool 1.0">
 <Users><User guid="{$U1}" name="Ola"/></Users>
 <CodeBook><Codes><Code guid="{${C1^^}}" name="Thema" isCodable="true"><Description>just a description</Description></Code></Codes></CodeBook>
 <Sources>
  <TextSource guid="$G1" name="Interview A" plainTextPath="internal://$G1.txt">
   <PlainTextSelection guid="$S1" startPosition="$1" endPosition="$2" creatingUser="$U1">
    <Coding guid="$G2" creatingUser="{$U1}"><CodeRef targetGUID="$C1"/></Coding>
   </PlainTextSelection>
  </TextSource>
  <PictureSource guid="$G2" name="photo" path="internal://p.jpg"/>
 </Sources>
 <Sets/>
</Project>
XML
}

test_qdpx_import_foreign_tolerated() {
	anker -p p.anker init 2>/dev/null
	# lowercase sources/, a .qde not named project.qde, CRLF text
	QDE_NAME=export.qde mkqdpx f.qdpx "$(foreign_qde 10 15)" "sources/$G1.txt=$(printf 'I: Hallo\r\nB: Welt und mehr\r\n')"
	run anker -p p.anker qdpx import f.qdpx
	expect_rc 0
	expect_err "PictureSource 'photo' skipped"
	expect_eq "Interview A" "$(sql p.anker 'SELECT name FROM document')" "document"
	# no color in the file: the first palette color, as codebook import gives it
	expect_eq "Thema|just a description|#e6194b" "$(sql p.anker 'SELECT name, definition, color FROM code')" "code"
	# raw 10..15 is "B: We" after one CRLF: stored 9..14
	expect_eq "9|14|Ola" "$(sql p.anker 'SELECT s.start, s."end", k.name FROM segment s JOIN coder k ON k.id = s.coder_id')" "segment shifted past the CR"
	expect_eq "B: We" "$(sql p.anker 'SELECT substr(d.text, s.start + 1, s."end" - s.start) FROM segment s JOIN document d ON d.id = s.doc_id')" "segment text"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM document WHERE instr(text, char(13))")" "CR left in the text"
}

test_qdpx_import_refusals() {
	anker -p p.anker init 2>/dev/null
	anker -p p.anker import /dev/null --name keep 2>/dev/null || true
	before=$(snapshot p.anker)
	echo "not a zip" > nz.qdpx
	run anker -p p.anker qdpx import nz.qdpx
	expect_rc 1; expect_err "not a zip"
	python3 -c "import zipfile; zipfile.ZipFile('nq.qdpx','w').writestr('readme.txt','x')"
	run anker -p p.anker qdpx import nq.qdpx
	expect_rc 1; expect_err "no .qde"
	mkqdpx bad.qdpx $'<?xml version="1.0"?>\n<Project name="x">\n <Users>\n</Project>'
	run anker -p p.anker qdpx import bad.qdpx
	expect_rc 1; expect_err "project.qde:4:"; expect_err "malformed XML"
	mkqdpx out.qdpx "$(foreign_qde 5 500)" "sources/$G1.txt=short text"
	run anker -p p.anker qdpx import out.qdpx
	expect_rc 1; expect_err "outside the text"
	mkqdpx code.qdpx "$(foreign_qde 0 5 | sed "s/CodeRef targetGUID=\"$C1\"/CodeRef targetGUID=\"$G2\"/")" "sources/$G1.txt=short text"
	run anker -p p.anker qdpx import code.qdpx
	expect_rc 1; expect_err "not in the codebook"
	mkqdpx user.qdpx "$(foreign_qde 0 5 | sed "s/creatingUser=\"$U1\"/creatingUser=\"$G2\"/")" "sources/$G1.txt=short text"
	run anker -p p.anker qdpx import user.qdpx
	expect_rc 1; expect_err "not in <Users>"
	mkqdpx dots.qdpx "$(foreign_qde 0 5)" "sources/$G1.txt=short text" "../evil.txt=x"
	run anker -p p.anker qdpx import dots.qdpx
	expect_rc 1; expect_err "unsafe zip entry"
	# Broken after the Sources: found by the first pass, before any row.
	mkqdpx late.qdpx "$(foreign_qde 0 5 | sed 's|<\/Project>|<Notes><\/Project>|')" "sources/$G1.txt=short text"
	run anker -p p.anker qdpx import late.qdpx
	expect_rc 1; expect_err "malformed XML"; expect_err "late.qdpx: project.qde:"
	mkqdpx ent.qdpx $'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaa">]>\n<Project name="&a;"/>'
	run anker -p p.anker qdpx import ent.qdpx
	expect_rc 1; expect_err "DOCTYPE"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refusals"
}

test_qdpx_usage() {
	anker -p p.anker init 2>/dev/null
	run anker -p p.anker qdpx
	expect_rc 2
	run anker -p p.anker qdpx import
	expect_rc 2
	run anker -p p.anker qdpx import missing.qdpx
	expect_rc 3
	run anker qdpx --help
	expect_rc 0; expect_out "usage: anker"
}

# A TextSource with one selection coded Thema: TEXT is either "file" (the
# text is sources/GUID.txt) or the XML of the inline PlainTextContent.
pos_source() {   # pos_source GUID NAME START END SELGUID file|INLINE
	local text=""
	[ "$6" = file ] || text="<PlainTextContent>$6</PlainTextContent>"
	echo "<TextSource guid=\"$1\" name=\"$2\"$([ "$6" = file ] && echo " plainTextPath=\"internal://$1.txt\"")>$text"
	echo "<PlainTextSelection guid=\"$5\" startPosition=\"$3\" endPosition=\"$4\"><Coding guid=\"${5%?}f\"><CodeRef targetGUID=\"$C1\"/></Coding></PlainTextSelection></TextSource>"
}

test_qdpx_import_maps_positions() {
	anker -p p.anker init 2>/dev/null
	local nfd crlf mix d1=d0000000-0000-0000-0000-000000000001 d2=d0000000-0000-0000-0000-000000000002
	local d3=d0000000-0000-0000-0000-000000000003 d4=d0000000-0000-0000-0000-000000000004
	local d5=d0000000-0000-0000-0000-000000000005
	# NFD as macOS writes it: "Übergänge" with U+0308; "Portal" is [20,26).
	nfd=$(printf 'Die U\xcc\x88berga\xcc\x88nge zum Portal und mehr')
	# BOM, CRLF and NFD together: "Über" is [3,8), "Ende" [10,14).
	mix=$(printf '\xef\xbb\xbfa\r\nU\xcc\x88ber\r\nEnde')
	mkqdpx m.qdpx "<?xml version=\"1.0\"?>
<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\" origin=\"Mac Tool\">
<CodeBook><Codes><Code guid=\"$C1\" name=\"Thema\" isCodable=\"true\"/></Codes></CodeBook><Sources>
$(pos_source $d1 nfd-file 20 26 51000000-0000-0000-0000-000000000001 file)
$(pos_source $d2 crlf-inline 13 17 52000000-0000-0000-0000-000000000001 'Erste&#13;
Zwei&#13;
Ziel hier')
$(pos_source $d3 mix-file 3 8 53000000-0000-0000-0000-000000000001 file)
$(pos_source $d4 nfd-inline 5 7 54000000-0000-0000-0000-000000000001 "$(printf 'Die U\xcc\x88bergabe')")
$(pos_source $d5 mix-file-end 10 14 55000000-0000-0000-0000-000000000001 file)
</Sources></Project>" "sources/$d1.txt=$nfd" "sources/$d3.txt=$mix" "sources/$d5.txt=$mix"
	run anker -p p.anker qdpx import m.qdpx
	expect_rc 0
	[[ $ERR != *"may be off"* ]] || fail "warned that positions may be off: $ERR"
	# the coded text, each selection on the characters it had in the file
	# (a start inside the composed Ü of nfd-inline snaps outward)
	expect_eq "crlf-inline|Ziel
mix-file|Über
mix-file-end|Ende
nfd-file|Portal
nfd-inline|Üb" "$(sql p.anker 'SELECT d.name, substr(d.text, s.start + 1, s."end" - s.start) FROM segment s JOIN document d ON d.id = s.doc_id ORDER BY d.name')" "coded text"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM document WHERE instr(text, char(13)) OR instr(text, char(65279))")" "CR or BOM left in the text"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM document WHERE instr(text, char(776))")" "combining marks left (not NFC)"
}

# A project as MAXQDA or ATLAS.ti writes it, exported again by anker: the
# code descriptions, the project name, the sources' (missing)
# descriptions and the GUIDs of sets and variables stay as they were;
# a Set of codes is not a document group, and says so.
test_qdpx_round_trip_foreign() {
	local v1=71000000-0000-0000-0000-000000000001 v2=71000000-0000-0000-0000-000000000002
	local set1=72000000-0000-0000-0000-000000000001 set2=72000000-0000-0000-0000-000000000002
	local c2=73000000-0000-0000-0000-000000000002
	mkqdpx f.qdpx "<?xml version=\"1.0\"?>
<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Studie Kommunen\" origin=\"MAXQDA 24\">
<Users><User guid=\"$U1\" name=\"Ola\"/></Users>
<CodeBook><Codes><Code guid=\"$C1\" name=\"Thema\" isCodable=\"true\"><Description>Was die Leute sagen.
== Summary ==
kein anker-Kopf</Description></Code><Code guid=\"$c2\" name=\"Ohne\" isCodable=\"true\"/></Codes></CodeBook>
<Variables><Variable guid=\"$v1\" name=\"Alter\" typeOfVariable=\"Integer\"/><Variable guid=\"$v2\" name=\"Ort\" typeOfVariable=\"Text\"/></Variables>
<Sources><TextSource guid=\"$G1\" name=\"Interview A\" plainTextPath=\"internal://$G1.txt\">
<PlainTextSelection guid=\"$S1\" startPosition=\"0\" endPosition=\"5\" creatingUser=\"$U1\"><Coding guid=\"$G2\" creatingUser=\"$U1\"><CodeRef targetGUID=\"$C1\"/></Coding></PlainTextSelection>
<VariableValue><VariableRef targetGUID=\"$v1\"/><IntegerValue>42</IntegerValue></VariableValue>
<VariableValue><VariableRef targetGUID=\"$v2\"/><TextValue>Kiel</TextValue></VariableValue>
</TextSource></Sources>
<Sets><Set guid=\"$set1\" name=\"Welle 1\"><MemberSource targetGUID=\"$G1\"/></Set>
<Set guid=\"$set2\" name=\"Codegruppe\"><MemberCode targetGUID=\"$C1\"/><MemberCode targetGUID=\"$c2\"/></Set></Sets>
</Project>" "sources/$G1.txt=Hallo Welt"
	run anker -p p.anker qdpx import f.qdpx
	expect_rc 0
	expect_err "1 user, 2 codes, 1 source, 1 selection, 0 notes, 1 set"
	expect_err "set 'Codegruppe': its 2 codes are not grouped (anker groups documents only)"
	expect_eq "Welle 1" "$(sql p.anker 'SELECT grp FROM document')" "the set is the document group"
	run anker -p p.anker qdpx export out.qdpx
	expect_rc 0
	unzip -p out.qdpx project.qde > a.qde
	grep -q '<Project [^>]*name="Studie Kommunen"' a.qde || fail "project name lost: $(grep -o '<Project [^>]*>' a.qde)"
	expect_eq "Was die Leute sagen.
== Summary ==
kein anker-Kopf" "$(xmllint --xpath 'string(//*[local-name()="Code"][@name="Thema"]/*[local-name()="Description"])' a.qde)" "foreign description"
	expect_eq 0 "$(xmllint --xpath 'count(//*[local-name()="Code"][@name="Ohne"]/*[local-name()="Description"])' a.qde)" "description invented for a code without one"
	expect_eq 0 "$(xmllint --xpath 'count(//*[local-name()="TextSource"]/*[local-name()="Description"])' a.qde)" "source description (the import path) invented"
	expect_eq "$set1" "$(xmllint --xpath 'string(//*[local-name()="Set"]/@guid)' a.qde)" "set GUID"
	expect_eq "$v1 $v2" "$(xmllint --xpath '//*[local-name()="Variable"]/@guid' a.qde | sed 's/.*="\(.*\)"/\1/' | tr '\n' ' ' | sed 's/ $//')" "variable GUIDs"
	# a second export writes the same GUIDs (the same file, but for its zip)
	anker -p p.anker qdpx export again.qdpx 2>/dev/null
	expect_eq "" "$(unzip -p again.qdpx project.qde | diff a.qde - | head -5)" "second export differs"
	# and anker's own groups and variables keep theirs from export to export
	anker demo . >/dev/null 2>&1
	anker -p demo.anker qdpx export d1.qdpx 2>/dev/null
	anker -p demo.anker qdpx export d2.qdpx 2>/dev/null
	expect_eq "" "$(diff <(unzip -p d1.qdpx project.qde) <(unzip -p d2.qdpx project.qde) | head -5)" "demo exports differ"
}

# Many sources in three groups, through anker's own export: each source's
# text is found in the zip through a map of its entries (a scan of all
# entries per source went quadratic: 20,000 sources, 4 s of CPU; figures in
# bench/hostile.sh), and each group comes back from its Set.
test_qdpx_many_sources_in_sets() {
	local n=300 g i
	[ -n "${ANKER_REAL:-}" ] && n=30   # valgrind: the same paths, smaller
	anker -p p.anker init 2>/dev/null
	for g in a b c; do
		mkdir "$g"
		for ((i = 0; i < n; i++)); do printf 'Text %s %d.\n' "$g" "$i" > "$g/$g$i.txt"; done
		anker -p p.anker import -q --group "group $g" "$g"/*.txt || fail "import of group $g"
	done
	anker -p p.anker qdpx export many.qdpx 2>/dev/null
	anker -p x.anker init 2>/dev/null
	cpu_mark t0
	run anker -p x.anker qdpx import many.qdpx
	cpu_took_ms ms t0
	expect_rc 0
	[ "$ms" -lt 20000 ] || fail "importing $((3 * n)) sources took ${ms} ms of CPU, expected under 20000"
	expect_eq "group a|$n group b|$n group c|$n" \
		"$(sql x.anker "SELECT group_concat(grp || '|' || n, ' ') FROM (SELECT grp, COUNT(*) AS n FROM document GROUP BY grp ORDER BY grp)")" \
		"documents per group"
	expect_eq "Text c $((n - 1))." "$(sql x.anker "SELECT text FROM document WHERE name = 'c$((n - 1))'")" \
		"the last source's text"
	expect_eq "$(sql p.anker 'SELECT group_concat(guid || text, "|") FROM (SELECT * FROM document ORDER BY guid)')" \
		"$(sql x.anker 'SELECT group_concat(guid || text, "|") FROM (SELECT * FROM document ORDER BY guid)')" \
		"every source's text, by GUID"
}

# A project.qde far larger than what its import may hold in memory: read
# as a stream, each source freed before the next (a 1M-segment project's
# is 500 MB; parsed whole it took 2.3 GB at 200 000).  10 sources of 300
# selections each, a Note per selection, and 60 MB of <Cases> (which
# anker does not read, but must parse) after the Sources, with the Notes
# the selections refer to after that.
test_qdpx_import_large_streams() {
	local cases=60000 kb qde
	[ -n "${ANKER_REAL:-}" ] && cases=2000   # valgrind: the same paths, smaller
	mkdir big
	awk -v cases="$cases" 'BEGIN {
		g = "00000000-0000-4000-8000-%012d"
		printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"big\">\n"
		printf "<Users><User guid=\"" g "\" name=\"ana\"/></Users>\n", 1
		printf "<CodeBook><Codes><Code guid=\"" g "\" name=\"Thema\" isCodable=\"true\"/></Codes></CodeBook>\n", 2
		text = ""
		for (i = 0; i < 200; i++) text = text "Wort " i ".\n"
		printf "<Sources>\n"
		for (s = 0; s < 10; s++) {
			printf "<TextSource guid=\"" g "\" name=\"doc%d\"><PlainTextContent>%s</PlainTextContent>\n", 100 + s, s, text
			for (j = 0; j < 300; j++) {
				k = s * 1000 + j
				printf "<PlainTextSelection guid=\"" g "\" startPosition=\"%d\" endPosition=\"%d\">", 10000 + k, j, j + 5
				printf "<Coding guid=\"" g "\"><CodeRef targetGUID=\"" g "\"/></Coding>", 20000 + k, 2
				printf "<NoteRef targetGUID=\"" g "\"/></PlainTextSelection>\n", 30000 + k
			}
			printf "</TextSource>\n"
		}
		printf "</Sources>\n<Cases>\n"
		pad = ""
		for (i = 0; i < 100; i++) pad = pad "Fallbeschreibung "
		for (i = 0; i < cases; i++)
			printf "<Case guid=\"" g "\" name=\"case %d\"><Description>%s</Description></Case>\n", 100000 + i, i, pad
		printf "</Cases>\n<Notes>\n"
		for (s = 0; s < 10; s++)
			for (j = 0; j < 300; j++)
				printf "<Note guid=\"" g "\" name=\"anker:memo free\"><PlainTextContent>memo %d</PlainTextContent></Note>\n", 30000 + s * 1000 + j, j
		printf "</Notes>\n</Project>\n"
	}' > big/project.qde
	(cd big && zip -q ../big.qdpx project.qde) || { fail "zip failed"; return; }
	qde=$(stat -c %s big/project.qde)
	rm big/project.qde
	anker -p p.anker init 2>/dev/null
	run /usr/bin/time -f %M -o rss.txt "$ANKER" -p p.anker qdpx import big.qdpx
	expect_rc 0
	expect_err "1 user, 1 code, 10 sources, 3000 selections, 3000 notes"
	expect_eq "3000|3000|10" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM segment),
	  (SELECT COUNT(*) FROM memo WHERE segment_id IS NOT NULL), (SELECT COUNT(*) FROM document)")" \
		"segments, their memos, documents"
	expect_eq "Wort 0" "$(sql p.anker "SELECT substr(d.text, s.start + 1, s.\"end\" - s.start + 1)
	  FROM segment s JOIN document d ON d.id = s.doc_id WHERE s.guid = '00000000-0000-4000-8000-000000010000'")" \
		"the first selection's text"
	# Peak RSS against the file: under valgrind or ASan it measures the tool.
	[ -n "${ANKER_REAL:-}${ASAN_OPTIONS:-}" ] && return
	kb=$(cat rss.txt)
	[ "$kb" -lt $((qde / 1024 / 2)) ] ||
		fail "peak RSS ${kb} kB importing a project.qde of $((qde / 1024)) kB, expected under half of it"
}
