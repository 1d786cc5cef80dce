# qdpx import keeps what the project has: no silent revert of local work,
# text from files checked as source text is, strict numbers, duplicate
# GUIDs refused, and messages about the file instead of SQLite's.

# What an import must not touch unasked: every segment, review, memo and
# code with what it holds.
rows() {
	sql "$1" "
	  SELECT 'seg', guid, start, \"end\", weight, memo, modified FROM segment ORDER BY guid;
	  SELECT 'review', s.guid, r.verdict, r.comment FROM review r JOIN segment s ON s.id = r.segment_id ORDER BY 2, 3;
	  SELECT 'memo', guid, text FROM memo ORDER BY guid;
	  SELECT 'code', guid, name, color, definition FROM code ORDER BY guid;
	  SELECT 'var', d.guid, v.name, v.value FROM doc_var v JOIN document d ON d.id = v.doc_id ORDER BY 2, 3;"
}

# A demo project and its export, old.qdpx, before any of the work below.
demo_exported() {
	anker demo . >/dev/null 2>&1
	anker -p demo.anker qdpx export old.qdpx 2>/dev/null
	SEG=$(anker -p demo.anker segments --format tsv | sed -n 2p | cut -f1)
}

test_qdpx_reimport_refuses_to_revert_local_work() {
	demo_exported
	# work done after the export: a weight and memo, a review, a segment memo
	anker -p demo.anker segment set "$SEG" --weight 70 --memo 'key passage' 2>/dev/null
	anker -p demo.anker review "$SEG" fits --comment 'clear case' 2>/dev/null
	anker -p demo.anker memo add --on segment:"$SEG" 'a later thought' >/dev/null 2>&1
	rows demo.anker > before.txt
	before=$(snapshot demo.anker)
	run anker -p demo.anker qdpx import old.qdpx
	expect_rc 1
	expect_err "importing would overwrite 1 row this project has"
	expect_err "segment $SEG in 'Interview 01' ["
	expect_err ": weight, memo, "
	expect_err "reviews, memos differ"
	expect_err "--replace"
	expect_err "anker merge"
	expect_eq "$before" "$(snapshot demo.anker)" "project after the refused import"
	expect_eq "" "$(rows demo.anker | diff before.txt - | head -5)" "rows after the refused import"
	# a renamed code and a changed variable are named too, and counted
	anker -p demo.anker codes rename 1 'Renamed here' 2>/dev/null
	run anker -p demo.anker qdpx import old.qdpx
	expect_rc 1
	expect_err "importing would overwrite 2 rows"
	expect_err "'Renamed here': name differs"
	# --replace keeps the old behaviour: the file's rows win
	run anker -p demo.anker qdpx import --replace old.qdpx
	expect_rc 0
	expect_eq "0||0" "$(sql demo.anker "SELECT weight, memo, (SELECT COUNT(*) FROM review) FROM segment WHERE guid = '$SEG'")" "segment after --replace"
	# one step: undo brings the local work back
	anker -p demo.anker undo >/dev/null 2>&1
	expect_eq "70|key passage|1" "$(sql demo.anker "SELECT weight, memo, (SELECT COUNT(*) FROM review) FROM segment WHERE guid = '$SEG'")" "segment after undo"
}

test_qdpx_reimport_of_new_or_identical_rows_works() {
	demo_exported
	# new work only: codings and memos the file does not have are no conflict
	anker -p demo.anker mark 'Interview 02' 1 1 4 >/dev/null 2>&1
	anker -p demo.anker memo add --on project 'new memo' >/dev/null 2>&1
	rows demo.anker > before.txt
	before=$(snapshot demo.anker)
	run anker -p demo.anker qdpx import old.qdpx
	expect_rc 0
	expect_eq "$before" "$(snapshot demo.anker)" "project after importing an older export of new work only"
	expect_eq "" "$(rows demo.anker | diff before.txt - | head -5)" "rows after the import"
	# the same file read from another path is the same file
	mkdir sub && cp old.qdpx sub/
	run anker -p demo.anker qdpx import sub/old.qdpx
	expect_rc 0
	expect_eq "$before" "$(snapshot demo.anker)" "project after importing a copy from another path"
}

# ---------------------------------------------------------------------------
# Hand-made files.  The entries are written as files first, so that they
# can hold any bytes (invalid UTF-8, NUL), then zipped.

U1=99999999-8888-7777-6666-555555555555
C1=12345678-1234-1234-1234-123456789abc
D1=11111111-2222-3333-4444-555555555555
S1=0000aaaa-0000-0000-0000-000000000001
N1=0000bbbb-0000-0000-0000-000000000001

# small_qde: one user, code, source (text in sources/$D1.txt) with one
# selection; $NOTES goes into <Notes>, $SEL into the selection, $SRC into
# the source, $USERS and $CODES beside the first ones, $MORE after the
# sources.
small_qde() {
	cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="Test 1.0">
 <Users><User guid="$U1" name="Ola"/>${USERS:-}</Users>
 <CodeBook><Codes><Code guid="$C1" name="${CODE_NAME:-Thema}" isCodable="true"/>${CODES:-}</Codes></CodeBook>
 <Notes>${NOTES:-}</Notes>
 <Sources>
  <TextSource guid="$D1" name="${DOC_NAME:-Interview A}" plainTextPath="internal://$D1.txt">${SRC:-}
   <PlainTextSelection guid="$S1" startPosition="0" endPosition="5" creatingUser="$U1">
    <Coding guid="$N1" creatingUser="$U1"><CodeRef targetGUID="$C1"/></Coding>${SEL:-}
   </PlainTextSelection>
  </TextSource>${MORE:-}
 </Sources>
</Project>
XML
}

# zip_dir OUT DIR: the files below DIR as the .qdpx OUT.
zip_dir() { (cd "$2" && rm -f "../$1" && zip -qrX "../$1" .); }

# small_qdpx OUT: small_qde with the text "Hallo Welt" (or $TEXT), and the
# files already in q/ (notes).
small_qdpx() {
	mkdir -p q/sources
	small_qde > q/project.qde
	printf '%s' "${TEXT:-Hallo Welt}" > "q/sources/$D1.txt"
	zip_dir "$1" q
}

test_qdpx_weight_parsed_strictly() {
	anker -p p.anker init 2>/dev/null
	before=$(snapshot p.anker)
	for w in -4294967200 4294967346 101 -1 12abc '' ' 50' 0x10; do
		rm -rf q
		NOTES="<Note guid=\"$N1\" name=\"anker:weight $w\"/>" SEL="<NoteRef targetGUID=\"$N1\"/>" \
			small_qdpx w.qdpx
		run anker -p p.anker qdpx import w.qdpx
		expect_rc 1
		expect_err "w.qdpx: line 5: weight '$w' is not a whole number 0-100"
	done
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused weights"
	rm -rf q
	NOTES="<Note guid=\"$N1\" name=\"anker:weight 100\"/>" SEL="<NoteRef targetGUID=\"$N1\"/>" \
		small_qdpx w.qdpx
	run anker -p p.anker qdpx import w.qdpx
	expect_rc 0
	expect_eq 100 "$(sql p.anker 'SELECT weight FROM segment')" "weight"
}

test_qdpx_duplicate_guids_refused() {
	anker -p p.anker init 2>/dev/null
	before=$(snapshot p.anker)
	local g=0000cccc-0000-0000-0000-000000000001
	dup() {   # dup WHAT LINE FIRST [GUID]: w.qdpx is refused, WHAT given twice
		small_qdpx w.qdpx
		run anker -p p.anker qdpx import w.qdpx
		expect_rc 1
		expect_err "w.qdpx: line $2: $1 GUID ${4:-$g} is given twice (also at line $3)"
		rm -rf q
	}
	USERS="<User guid=\"$g\" name=\"A\"/><User guid=\"{${g^^}}\" name=\"B\"/>" dup user 3 3
	NOTES="<Note guid=\"$g\" name=\"a\"/>
<Note guid=\"$g\" name=\"b\"/>" dup note 6 5
	MORE="
<TextSource guid=\"$D1\" name=\"Other\"/>" dup source 12 7 $D1
	MORE="
<TextSource guid=\"$g\" name=\"Other\" plainTextPath=\"internal://$D1.txt\"><PlainTextSelection guid=\"$S1\" startPosition=\"0\" endPosition=\"2\"/></TextSource>" \
		dup selection 12 8 $S1
	SEL="<Coding guid=\"$N1\"><CodeRef targetGUID=\"$C1\"/></Coding>" dup coding 9 9 $N1
	MORE="</Sources><Sets><Set guid=\"$g\" name=\"a\"/><Set guid=\"$g\" name=\"b\"/></Sets><Sources>" dup set 11 11
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused files"
}

# note_qdpx OUT: small_qdpx with a memo on the selection whose text is the
# file q/sources/note.txt (written by the caller).
note_qdpx() {
	NOTES="<Note guid=\"$N1\" name=\"m\" plainTextPath=\"internal://note.txt\"/>" \
		SEL="<NoteRef targetGUID=\"$N1\"/>" small_qdpx "$1"
}

test_qdpx_note_files_checked_as_source_text() {
	anker -p p.anker init 2>/dev/null
	before=$(snapshot p.anker)
	mkdir -p q/sources
	printf 'ab\xc3(cd' > q/sources/note.txt
	note_qdpx n.qdpx
	run anker -p p.anker qdpx import n.qdpx
	expect_rc 1
	expect_err "n.qdpx: sources/note.txt: byte offset 2: invalid UTF-8"
	printf 'before\0after' > q/sources/note.txt
	note_qdpx n.qdpx
	run anker -p p.anker qdpx import n.qdpx
	expect_rc 1
	expect_err "n.qdpx: sources/note.txt: byte offset 6: NUL byte"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused notes"
	# NFD becomes NFC, a BOM is dropped, line ends stay as they are
	printf '\xef\xbb\xbfGro\xcc\x88\xc3\x9fe\r\nzwei' > q/sources/note.txt
	note_qdpx n.qdpx
	run anker -p p.anker qdpx import n.qdpx
	expect_rc 0
	expect_eq "$(printf 'Gr\xc3\xb6\xc3\x9fe\r\nzwei' | od -An -tx1 | tr -d ' \n')" \
		"$(sql p.anker 'SELECT hex(text) FROM memo' | tr 'A-F' 'a-f')" "memo text"
}

test_qdpx_names_and_values_nfc() {
	anker -p p.anker init 2>/dev/null
	local nfd=$'Gro\xcc\x88\xc3\x9fe' nfc=$'Gr\xc3\xb6\xc3\x9fe' v=0000dddd-0000-0000-0000-000000000001
	mkdir -p q/sources
	USERS="" CODE_NAME="$nfd" DOC_NAME="$nfd doc" \
		SRC="<Description>$nfd</Description><VariableValue><VariableRef targetGUID=\"$v\"/><TextValue>$nfd</TextValue></VariableValue>" \
		SEL="<Description>$nfd memo</Description>" \
		MORE="</Sources><Variables><Variable guid=\"$v\" name=\"$nfd var\" typeOfVariable=\"Text\"/></Variables><Sources>" \
		small_qdpx n.qdpx
	# Variables come before Sources in the schema; the reader does not mind
	run anker -p p.anker qdpx import n.qdpx
	expect_rc 0
	expect_eq "$nfc|$nfc doc|$nfc var|$nfc|$nfc memo" \
		"$(sql p.anker "SELECT c.name, d.name, v.name, v.value, s.memo FROM code c, document d, doc_var v, segment s")" \
		"names and values after the import"
}

test_qdpx_qdc_control_characters_in_code_names() {
	anker -p p.anker init 2>/dev/null
	before=$(snapshot p.anker)
	for c in '&#x85;' '&#x7f;' '&#x9b;'; do
		rm -rf q
		CODE_NAME="Rot${c}x" small_qdpx c.qdpx
		run anker -p p.anker qdpx import c.qdpx
		expect_rc 1
		expect_err "c.qdpx: line 4: code name 'Rot"
		expect_err "must be one line without control characters"
		cat > c.qdc <<XML
<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="$C1" name="Rot${c}x" isCodable="true"/></Codes></CodeBook>
XML
		run anker -p p.anker codebook import c.qdc
		expect_rc 1
		expect_err "c.qdc: line 3: code name 'Rot"
		expect_err "must be one line without control characters"
	done
	# a tab or line break in a name is white space, as in the text import
	rm -rf q
	CODE_NAME="Mit&#9;Tab" small_qdpx c.qdpx
	run anker -p p.anker qdpx import c.qdpx
	expect_rc 0
	expect_eq "Mit Tab" "$(sql p.anker 'SELECT name FROM code')" "code name with a tab"
}

test_qdpx_invalid_utf8_in_project_refused() {
	anker -p p.anker init 2>/dev/null
	mkdir -p q/sources
	CODE_NAME=$'Rot\xff' small_qdpx b.qdpx
	run_unchanged p.anker anker -p p.anker qdpx import b.qdpx
	expect_rc 1
	expect_err "b.qdpx: project.qde:4:"
	expect_err "malformed XML"
}

# What the file does wrong, in its words: no "UNIQUE constraint failed".
test_qdpx_collisions_say_what_is_wrong_in_the_file() {
	anker -p p.anker init 2>/dev/null
	before=$(snapshot p.anker)
	local v=0000dddd-0000-0000-0000-000000000001 v2=0000dddd-0000-0000-0000-000000000002
	local d2=0000eeee-0000-0000-0000-000000000002 u2=0000ffff-0000-0000-0000-000000000002
	local vv="
<VariableValue><VariableRef targetGUID=\"$v\"/><TextValue>a</TextValue></VariableValue>"
	local vars="</Sources><Variables><Variable guid=\"$v\" name=\"age\"/><Variable guid=\"$v2\" name=\"age\"/></Variables><Sources>"
	collide() {   # collide EXPECTED: the import of x.qdpx is refused saying EXPECTED
		mkdir -p q/sources
		printf 'Hallo' > "q/sources/$d2.txt"
		small_qdpx x.qdpx
		run anker -p p.anker qdpx import x.qdpx
		expect_rc 1
		expect_err "$1"
		case $ERR in *constraint*|*query:*) fail "a raw SQLite message: $ERR" ;; esac
		rm -rf q
	}
	SRC="$vv$vv" MORE="$vars" collide "x.qdpx: line 9: source 'Interview A' gives variable 'age' twice (also at line 8)"
	SRC="$vv
<VariableValue><VariableRef targetGUID=\"$v2\"/><TextValue>b</TextValue></VariableValue>" MORE="$vars" \
		collide "x.qdpx: line 9: source 'Interview A' gives variable 'age' twice (also at line 8)"
	MORE="<TextSource guid=\"$d2\" name=\"Interview A\" plainTextPath=\"internal://$d2.txt\"/>" \
		collide "a document named 'Interview A' exists already"
	USERS="<User guid=\"$u2\" name=\"Ola\"/>" collide "x.qdpx: user $u2: a coder named 'Ola' exists already"
	SEL="<Coding guid=\"$u2\"><CodeRef targetGUID=\"$C1\"/></Coding>" collide "an identical coding exists already"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused files"
	# names the project has under other GUIDs
	printf 'x' > 'Interview A.txt'
	anker -p p.anker import -q 'Interview A.txt'
	before=$(snapshot p.anker)
	collide "a document named 'Interview A' exists already"
	anker -p p.anker codes add Thema >/dev/null 2>&1
	ANKER_CODER=Ola anker -p p.anker mark 'Interview A' Thema 0 1 >/dev/null
	DOC_NAME=B collide "a coder named 'Ola' exists already"
}

# What README promises of .qdpx: document texts byte for byte; C0
# controls in names, descriptions and memos (XML 1.0 cannot carry them)
# as U+FFFD, counted in a warning.
test_qdpx_export_counts_replaced_control_characters() {
	anker -p p.anker init 2>/dev/null
	printf 'Text \001 mit \037 Steuerzeichen\n' > doc.txt
	anker -p p.anker import -q doc.txt
	anker -p p.anker memo add --on project "$(printf 'Memo \001\002 x')" >/dev/null
	run anker -p p.anker qdpx export out.qdpx
	expect_rc 0
	expect_err "warning: 2 control characters in names, descriptions or memos written as U+FFFD"
	local g
	g=$(sql p.anker 'SELECT guid FROM document')
	expect_eq "$(od -An -tx1 doc.txt | tr -d ' \n')" "$(unzip -p out.qdpx "sources/$g.txt" | od -An -tx1 | tr -d ' \n')" "document text in the export"
	grep -q "Memo $(printf '\357\277\275\357\277\275') x" <(unzip -p out.qdpx project.qde) ||
		fail "expected the memo with two U+FFFD in project.qde"
}
