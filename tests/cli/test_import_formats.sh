# Importing documents in other formats and encodings (issue 16):
# .docx, .odt, .rtf, .pdf, .srt, .vtt, .html, legacy encodings, and the
# speaker options.  The fixtures in tests/fixtures/formats/ were made by
# LibreOffice and iconv (see its README.md).

setup() { anker -p p.anker init 2>/dev/null; }
FMT=$FIXTURES/formats

# turns P DOC: "n|speaker|ts_start|ts_end" per turn, one per line.
turns() {
	sql "$1" "SELECT t.n || '|' || t.speaker || '|' || ifnull(t.ts_start, '') || '|' ||
	          ifnull(t.ts_end, '') FROM turn t JOIN document d ON d.id = t.doc_id
	          WHERE d.name = '$2' ORDER BY t.n"
}

text_of() { sql p.anker "SELECT text FROM document WHERE name = '$1'"; }

# expect_refused ARGS... MESSAGE: importing ARGS fails (status 1) saying
# MESSAGE.
expect_refused() {
	local msg=${*: -1}
	run anker -p p.anker import "${@:1:$#-1}"
	expect_rc 1
	expect_err "$msg"
}

# ---------------------------------------------------------------------------
# Encodings

test_encoding_cp1252_refused_with_hint() {
	setup
	before=$(snapshot p.anker)
	expect_refused "$FMT/cp1252.txt" "cp1252.txt: byte offset 5: invalid UTF-8"
	expect_err "try --encoding cp1252"
	expect_eq "$before" "$(snapshot p.anker)" "project after refused import"
}

test_encoding_cp1252_option() {
	setup
	run anker -p p.anker import --encoding cp1252 "$FMT/cp1252.txt"
	expect_rc 0
	expect_eq "$(cat "$FMT/utf8-source.txt")" "$(text_of cp1252)" "text read as cp1252"
	expect_eq "1|I||
2|B||" "$(turns p.anker cp1252)" "turns"
}

test_encoding_latin1_option() {
	setup
	run anker -p p.anker import --encoding latin1 "$FMT/latin1.txt"
	expect_rc 0
	expect_eq "I: Grüße
B: Schön." "$(text_of latin1)" "text read as Latin-1"
}

test_encoding_utf16_bom_recognised() {
	setup
	run anker -p p.anker import "$FMT/utf16le-bom.txt" "$FMT/utf16be-bom.txt"
	expect_rc 0
	expect_eq "$(cat "$FMT/utf8-source.txt")" "$(text_of utf16le-bom)" "UTF-16LE text"
	expect_eq "$(cat "$FMT/utf8-source.txt")" "$(text_of utf16be-bom)" "UTF-16BE text"
	# code points, counted by wc -m (the file's final LF is an empty paragraph)
	expect_eq "$(LC_ALL=C.UTF-8 wc -m < "$FMT/utf8-source.txt")" \
		"$(sql p.anker "SELECT chars FROM document WHERE name = 'utf16le-bom'")" "chars"
	expect_eq "4" "$(sql p.anker "SELECT COUNT(*) FROM turn")" "turns of both documents"
}

test_encoding_unknown_is_usage_error() {
	setup
	run anker -p p.anker import --encoding klingon "$FMT/cp1252.txt"
	expect_rc 2
	expect_err "--encoding 'klingon': unknown encoding"
}

test_encoding_invalid_byte_named() {
	setup
	printf 'I: ok \x81 nicht\n' > bad.txt   # 0x81 is undefined in cp1252
	expect_refused --encoding cp1252 bad.txt "bad.txt: byte offset 6: not valid cp1252 (byte 0x81)"
	run anker -p p.anker import --lossy --encoding cp1252 bad.txt
	expect_rc 0
	expect_err "replaced 1 invalid byte"
	expect_eq "I: ok � nicht" "$(text_of bad)" "lossy text"
}

# ---------------------------------------------------------------------------
# Speakers

test_speakers_auto_skips_captions_and_dates() {
	setup
	run anker -p p.anker import "$FMT/speakers.txt"
	expect_rc 0
	expect_eq "1|I||
2|B||
3|I||
4|B||" "$(turns p.anker speakers)" "turns (no Stand, Abbildung, Tabelle, Quelle)"
	run anker -p p.anker docs --format json
	expect_out '"speakers": ["I", "B"]'
}

test_speakers_off() {
	setup
	run anker -p p.anker import --speakers off "$FMT/speakers.txt"
	expect_rc 0
	expect_err "0 turns"
	expect_eq 0 "$(sql p.anker 'SELECT COUNT(*) FROM turn')" "turns"
}

test_speakers_list() {
	setup
	run anker -p p.anker import --speakers 'Frau K.' "$FMT/name-stamp.txt"
	expect_rc 0
	expect_eq "1|Frau K.|9000|
2|Frau K.|75000|" "$(turns p.anker name-stamp)" "only the listed speaker"
	run anker -p p.anker import --name s2 --speakers 'I, Abbildung 55' "$FMT/speakers.txt"
	expect_rc 0
	expect_eq "I Abbildung 55 I" "$(sql p.anker "SELECT group_concat(speaker, ' ') FROM
		(SELECT speaker FROM turn t JOIN document d ON d.id = t.doc_id WHERE d.name = 's2'
		 ORDER BY n)")" "listed labels, even a caption"
}

test_speakers_list_empty_label_is_usage_error() {
	setup
	run anker -p p.anker import --speakers 'I,,B' "$FMT/speakers.txt"
	expect_rc 2
	expect_err "empty speaker label"
}

test_speakers_qualcoder_brackets() {
	setup
	run anker -p p.anker import "$FMT/qualcoder.txt"
	expect_rc 0
	expect_eq "1|id1||
2|id2||
3|id1||
4|id2||" "$(turns p.anker qualcoder)" "turns of [id1]/[id2]"
}

test_speakers_name_with_timestamp() {
	setup
	run anker -p p.anker import "$FMT/name-stamp.txt"
	expect_rc 0
	expect_eq "1|Interviewer|5000|
2|Frau K.|9000|
3|Interviewer|72000|
4|Frau K.|75000|" "$(turns p.anker name-stamp)" "turns of Name (00:00:05):"
}

# ---------------------------------------------------------------------------
# Word processors: the same interview, written by LibreOffice as .docx, .odt,
# .rtf (tests/fixtures/formats/source/interview.fodt)

# check_interview DOC: the text as the word processor shows it, tracked
# changes accepted, notes after the text, turns of I and B only.
check_interview() {
	expect_eq "$(cat "$FMT/interview.expected")" "$(text_of "$1")" "text of $1"
	expect_eq "$(sql p.anker "SELECT length(text) FROM document WHERE name = '$1'")" \
		"$(sql p.anker "SELECT chars FROM document WHERE name = '$1'")" \
		"chars of $1 in code points (SQLite's length())"
	expect_eq "I 3-3|B 4-4|I 5-8|B 9-12|B 13-15|I 16-16" \
		"$(sql p.anker "SELECT group_concat(x, '|') FROM (SELECT t.speaker || ' ' ||
		   t.para_first || '-' || t.para_last AS x FROM turn t JOIN document d ON
		   d.id = t.doc_id WHERE d.name = '$1' ORDER BY t.n)")" \
		"turns of $1 (not Stand, not Abbildung 5, not the notes)"
}

# check_comment DOC: the comment became a memo on the document.
check_comment() {
	memo=$(sql p.anker "SELECT m.text FROM memo m JOIN document d ON d.id = m.doc_id
	                    WHERE d.name = '$1' AND m.target = 'document'")
	expect_eq 'Comment by Anna Muster (2024-03-02) at Pos. 4, characters 150-164 ("Schnittstellen"): Schlüsselstelle für Code 2.11' \
		"$memo" "memo of $1's comment"
	# the characters it names are the word it marks
	expect_eq "Schnittstellen" "$(sql p.anker "SELECT substr(text, 151, 14) FROM document
		WHERE name = '$1'")" "characters 150-164 of $1"
}

test_docx_interview() {
	setup
	run anker -p p.anker import "$FMT/interview.docx"
	expect_rc 0
	expect_err "imported interview (docx): 588 characters, 20 paragraphs, 6 turns"
	check_interview interview
	check_comment interview
}

test_odt_interview() {
	setup
	run anker -p p.anker import "$FMT/interview.odt"
	expect_rc 0
	expect_err "imported interview (odt)"
	check_interview interview
	check_comment interview
}

test_docx_import_and_memo_are_one_step() {
	setup
	anker -p p.anker import -q "$FMT/interview.docx"
	run anker -p p.anker undo
	expect_rc 0
	expect_eq "0|0|0" "$(sql p.anker "SELECT (SELECT COUNT(*) FROM document),
		(SELECT COUNT(*) FROM memo), (SELECT COUNT(*) FROM turn)")" "after undo"
}

# zip_edit IN OUT MEMBER PYTHON-EXPR: copy a ZIP with one member's bytes
# (b) replaced by the expression.
zip_edit() {
	python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys, zipfile
src, dst, member, expr = sys.argv[1:]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for info in zi.infolist():
        b = zi.read(info.filename)
        if info.filename == member:
            b = eval(expr)
        zo.writestr(info, b)
PY
}

test_docx_damaged() {
	setup
	before=$(snapshot p.anker)
	head -c 3000 "$FMT/interview.docx" > cut.docx
	expect_refused cut.docx "cut.docx: damaged ZIP container"
	zip_edit "$FMT/interview.docx" bad.docx word/document.xml 'b.replace(b"</w:body>", b"")'
	expect_refused bad.docx "bad.docx: word/document.xml:2:"
	expect_err "malformed XML"
	printf 'I: nur Text\n' > text.docx
	expect_refused text.docx "text.docx: not a Word document (.docx): it does not start with a ZIP signature"
	cp "$FMT/interview.odt" odt.docx
	expect_refused odt.docx "odt.docx: not a Word document (.docx): its content is an OpenDocument text (.odt)"
	expect_eq "$before" "$(snapshot p.anker)" "project after refused files"
}

test_odt_damaged() {
	setup
	zip_edit "$FMT/interview.odt" bad.odt content.xml 'b[:len(b) // 2]'
	expect_refused bad.odt "bad.odt: content.xml:"
	expect_err "malformed XML"
	zip_edit "$FMT/interview.odt" nocontent.odt content.xml 'b"<x/>"'
	expect_refused nocontent.odt "nocontent.odt: content.xml: no office:body/office:text"
}

test_format_by_content_without_extension() {
	setup
	cp "$FMT/interview.docx" interview-copy
	run anker -p p.anker import interview-copy
	expect_rc 0
	expect_err "(docx)"
	check_interview interview-copy
}

test_rtf_interview() {
	setup
	run anker -p p.anker import "$FMT/interview.rtf"
	expect_rc 0
	expect_err "imported interview (rtf)"
	check_interview interview
	memo=$(sql p.anker "SELECT text FROM memo")
	expect_eq 'Comment by Anna Muster at Pos. 4, characters 150-164 ("Schnittstellen"): Schlüsselstelle für Code 2.11' \
		"$memo" "memo of the RTF comment"
}

test_rtf_transcripts_with_f4_stamps() {
	setup
	run anker -p p.anker import "$FMT/f4-cp1252.rtf" "$FMT/f5-transcript-pandoc.rtf"
	expect_rc 0
	expect_eq "B: Gut, aber die Schnittstellen sind schwierig für uns. Die Ämter arbeiten mit „Insellösungen“. #00:00:17-8#" \
		"$(anker -p p.anker show f4-cp1252 --lines 2)" "cp1252 umlauts and quotes"
	expect_eq "1|I||5100
2|B|5100|17800
3|I|17800|21000
4|B|21000|30400" "$(turns p.anker f4-cp1252)" "f4 turns and times"
	expect_eq "B: Über ein Praktikum im Bürgeramt. Das war 2009. #00:00:25-0#" \
		"$(anker -p p.anker show f5-transcript-pandoc --lines 2)" "pandoc's \\u escapes"
	expect_eq "4" "$(sql p.anker "SELECT COUNT(*) FROM turn t JOIN document d ON d.id = t.doc_id
		WHERE d.name = 'f5-transcript-pandoc'")" "turns of the pandoc RTF"
}

test_rtf_damaged() {
	setup
	before=$(snapshot p.anker)
	head -c 1234 "$FMT/interview.rtf" > cut.rtf
	expect_refused cut.rtf "cut.rtf: byte 1234: the file ends inside a group (truncated?)"
	printf 'I: Text\n' > plain.rtf
	expect_refused plain.rtf 'plain.rtf: not an RTF file: it does not start with {\rtf'
	expect_eq "$before" "$(snapshot p.anker)" "project after refused files"
}

# ---------------------------------------------------------------------------
# PDF: the text layer

test_pdf_interview() {
	setup
	run anker -p p.anker import "$FMT/interview.pdf"
	expect_rc 0
	expect_err "imported interview (pdf)"
	# a paragraph over two lines of the page is one paragraph again
	expect_eq "B: Es geht sehr schleppend voran, leider vor allem wegen der Schnittstellen zwischen den Fachverfahren." \
		"$(anker -p p.anker show interview --lines 4)" "paragraph rebuilt from two lines"
	expect_eq "$(printf 'System\tZweck\nOZG-Portal\tAnträge\nFachverfahren\tBauakten prüfen')" \
		"$(anker -p p.anker show interview --lines 6-8)" "table rows with tabs"
	expect_eq "$(printf 'das Bürgerportal\ndie E-Akte')" \
		"$(anker -p p.anker show interview --lines 10-11)" "list items without bullet glyphs"
	expect_eq "Abbildung 5: Ablauf der Antragsprüfung" \
		"$(anker -p p.anker show interview --lines 15)" "caption"
	expect_eq "I B I B B I" "$(sql p.anker "SELECT group_concat(speaker, ' ') FROM
		(SELECT speaker FROM turn ORDER BY n)")" "speakers"
	expect_eq "$(sql p.anker "SELECT length(text) FROM document")" \
		"$(sql p.anker "SELECT chars FROM document")" "chars in code points"
}

test_pdf_hyphenation_joined() {
	setup
	run anker -p p.anker import "$FMT/hyphen.pdf"
	expect_rc 0
	expect_eq "I: Wie steht es um die Verwaltungsdigitalisierung in Ihrer Kommune?
B: Die Digitalisierungsbeauftragte hat die Antragsbearbeitung neu organisiert, und zwar für die Bau- und Planungsämter, mit Onlinezugangsgesetzkonformen Formularen und der E-Akte für alle Sachbearbeiterinnen.
I: Danke." "$(text_of hyphen)" "hyphenated words joined, 'Bau- und' kept"
	expect_eq "3" "$(sql p.anker 'SELECT COUNT(*) FROM turn')" "turns"
}

test_pdf_without_text_refused() {
	setup
	before=$(snapshot p.anker)
	expect_refused "$FMT/no-text.pdf" "no-text.pdf: the PDF has no text layer"
	expect_err "OCR"
	head -c 5000 "$FMT/hyphen.pdf" > cut.pdf
	expect_refused cut.pdf "cut.pdf: damaged PDF"
	printf 'I: Text\n' > text.pdf
	expect_refused text.pdf "text.pdf: not a PDF file: it does not start with %PDF-"
	expect_eq "$before" "$(snapshot p.anker)" "project after refused files"
}

# poppler-glib is loaded on the first PDF, not at startup (7 ms a command).
test_pdf_library_loaded_only_for_pdf() {
	setup
	printf 'I: Text\n' > a.txt
	for cmd in "import a.txt" "docs" "show a"; do
		# shellcheck disable=SC2086 # the words of the command
		run env LD_DEBUG=files "$ANKER" -p p.anker $cmd
		expect_rc 0
		case $ERR in *libpoppler-glib*) fail "'anker $cmd' loaded poppler-glib" ;; esac
	done
	run env LD_DEBUG=files "$ANKER" -p p.anker import "$FMT/hyphen.pdf"
	expect_rc 0
	case $ERR in *"calling init: "*libpoppler-glib.so*) ;;
	*) fail "the PDF import did not load poppler-glib" ;; esac
}

test_pdf_library_missing_refused() {
	setup
	# A file by the library's name that is no library: dlopen fails on it.
	so=$(objdump -p "$(pkg-config --variable=libdir poppler-glib)/libpoppler-glib.so" |
		sed -n 's/^ *SONAME *//p')
	mkdir lib && : > "lib/$so"
	before=$(snapshot p.anker)
	run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker import "$FMT/hyphen.pdf"
	expect_rc 1
	expect_err "hyphen.pdf: PDF import needs the library $so (Debian package libpoppler-glib"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused PDF"
	printf 'I: Text\n' > a.txt
	run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker import a.txt "$FMT/interview.rtf"
	expect_rc 0
	expect_eq "2" "$(sql p.anker 'SELECT COUNT(*) FROM document')" "other formats imported"
}

# libxml2, libzip and libxlsxwriter are loaded by what needs them, not at
# startup (3 ms a command; store/libs.h); without them those formats are
# refused naming the library, and the rest works.
test_xml_zip_xlsx_libraries_loaded_when_needed() {
	setup
	local so
	printf 'I: Text\n' > a.txt
	for cmd in "import a.txt" "docs" "show a" "freq"; do
		# shellcheck disable=SC2086 # the words of the command
		run env LD_DEBUG=files "$ANKER" -p p.anker $cmd
		expect_rc 0
		case $ERR in *libxml2.so*|*libzip.so*|*libxlsxwriter.so*)
			fail "'anker $cmd' loaded libxml2, libzip or libxlsxwriter" ;; esac
	done
	run env LD_DEBUG=files "$ANKER" -p p.anker import "$FMT/interview.docx"
	expect_rc 0
	case $ERR in *"calling init: "*libzip.so*) ;;
	*) fail "the .docx import did not load libzip" ;; esac
	# A file by each library's name that is no library: dlopen fails on it.
	mkdir lib
	for so in $(ldconfig -p | sed -n 's/^\t\(lib\(xml2\|zip\|xlsxwriter\)\.so\.[0-9]*\) .*/\1/p'); do
		: > "lib/$so"
	done
	[ "$(ls lib | wc -l)" -ge 3 ] || fail "ldconfig -p named not all three: $(ls lib)"
	before=$(snapshot p.anker)
	for f in interview.odt interview.html; do
		run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker import "$FMT/$f"
		expect_rc 1
		expect_err "$f: importing "
		expect_err " needs the library lib"
		expect_err "(Debian package "
	done
	run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker qdpx export out.qdpx
	expect_rc 3
	expect_err "REFI-QDA import and export (.qdc, .qdpx) needs the library libxml2.so"
	[ ! -e out.qdpx ] || fail "out.qdpx written without libxml2"
	run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker freq -o f.xlsx
	expect_rc 3
	expect_err "writing an Excel workbook (xlsx) needs the library libxlsxwriter.so"
	expect_eq "$before" "$(snapshot p.anker)" "project after the refused imports"
	run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker import "$FMT/interview.rtf" --name rtf
	expect_rc 0
	run env LD_LIBRARY_PATH="$T/lib" "$ANKER" -p p.anker freq -o f.csv
	expect_rc 0
}

# ---------------------------------------------------------------------------
# Subtitles: a turn per cue, with its time and speaker

test_srt_cues_are_turns() {
	setup
	run anker -p p.anker import "$FMT/interview.srt"
	expect_rc 0
	expect_err "imported interview (srt)"
	expect_eq "[00:00:01.000–00:00:04.200] I: Wie lange arbeiten Sie schon im Bauamt?
[00:00:04.800–00:00:09.500] B: Seit 2015. Davor war ich in der Kämmerei.
[00:00:10.000–00:00:12.000] Und dann kam das Portal.
[00:00:12.500–00:00:15.000] Hat das geholfen?
Ja, sehr.
[01:02:05.250–01:02:08.000] I: Danke für das Gespräch & Ihre Zeit." "$(text_of interview)" "text"
	expect_eq "1|I|1000|4200
2|B|4800|9500
3||10000|12000
4||12500|15000
5|I|3725250|3728000" "$(turns p.anker interview)" "a turn per cue, speakers where named"
	run anker -p p.anker docs --format json
	expect_out '"speakers": ["I", "B"]'
}

test_vtt_cues_and_voices() {
	setup
	run anker -p p.anker import "$FMT/interview.vtt" "$FMT/voices.vtt"
	expect_rc 0
	# the same cues as the .srt (both written by aeidon)
	expect_eq "1|I|1000|4200
2|B|4800|9500
3||10000|12000
4||12500|15000
5|I|3725250|3728000" "$(turns p.anker interview)" "turns of the .vtt"
	expect_eq "[00:00:01.000–00:00:03.000] Anna Muster: Guten Tag, wie geht es Ihnen?
[00:00:03.500–00:00:06.000] Ben: Gut!
Anna Muster: Schön.
[00:00:06.500–00:00:08.000] Ohne Stimme <hier> & da" "$(text_of voices)" "voices and entities"
	expect_eq "1|Anna Muster|1000|3000
2|Ben|3500|6000
3|Anna Muster||
4||6500|8000" "$(turns p.anker voices)" "turns of <v Name>"
}

test_subtitles_damaged() {
	setup
	printf '1\n00:00:01,000 -> 00:00:02,000\nkaputt\n' > bad.srt
	expect_refused bad.srt "bad.srt: line 2: expected a cue timing like 00:00:01,000 --> 00:00:04,000, got '00:00:01,000 -> 00:00:02,000'"
	printf 'I: kein VTT\n' > bad.vtt
	expect_refused bad.vtt "bad.vtt: not WebVTT subtitles (.vtt): it does not start with WEBVTT"
}

test_srt_legacy_encoding() {
	setup
	iconv -f utf-8 -t cp1252 "$FMT/interview.srt" > cp.srt
	expect_refused cp.srt "try --encoding cp1252"
	run anker -p p.anker import --encoding cp1252 cp.srt
	expect_rc 0
	expect_eq "[00:00:04.800–00:00:09.500] B: Seit 2015. Davor war ich in der Kämmerei." \
		"$(anker -p p.anker show cp --lines 2)" "cp1252 subtitles"
}

# ---------------------------------------------------------------------------
# HTML

test_html_interview() {
	setup
	run anker -p p.anker import "$FMT/interview.html"
	expect_rc 0
	expect_err "imported interview (html)"
	expect_eq "Interview 07 – Bauamt Kämmerei" "$(anker -p p.anker show interview --lines 1)" "heading"
	expect_eq "B: Es geht sehr schleppend voran, leider vor allem wegen der Schnittstellen zwischen den Fachverfahren." \
		"$(anker -p p.anker show interview --lines 4)" "a paragraph over source lines; the comment dropped"
	expect_eq "$(printf 'System\tZweck\nOZG-Portal\tAnträge\nFachverfahren\tBauakten prüfen')" \
		"$(anker -p p.anker show interview --lines 6-8)" "table rows with tabs"
	expect_eq "$(printf 'das Bürgerportal\ndie E-Akte\ndas Geoinformationssystem')" \
		"$(anker -p p.anker show interview --lines 10-12)" "list items"
	expect_eq "$(printf 'B: Die Kosten lagen bei 120\xc2\xa0000 €,\nalso deutlich über Plan.')" \
		"$(anker -p p.anker show interview --lines 13-14)" "<br> and &nbsp;"
	expect_eq "I B I B B I" "$(sql p.anker "SELECT group_concat(speaker, ' ') FROM
		(SELECT speaker FROM turn ORDER BY n)")" "speakers"
}

test_html_drops_scripts_and_styles() {
	setup
	cat > page.html <<'HTML'
<!DOCTYPE html>
<html><head><title>Titel</title><style>p { color: red }</style>
<script>var x = "I: kein Sprecher";</script></head>
<body><h1>Gespräch</h1><!-- Kommentar -->
<p>I: Frage   über
  zwei Zeilen?</p><noscript>Bitte JavaScript</noscript>
<div><div><p>B: Antwort.</p></div></div><pre>Zeile  1
  Zeile 2</pre></body></html>
HTML
	run anker -p p.anker import page.html
	expect_rc 0
	expect_eq "Gespräch
I: Frage über zwei Zeilen?
B: Antwort.
Zeile  1
  Zeile 2" "$(text_of page)" "blocks, collapsed white space, <pre> kept"
}

test_html_charset() {
	setup
	printf '<html><head><meta charset="windows-1252"></head><body><p>I: Gr\xfc\xdfe</p></body></html>' > cp.html
	(printf '\xff\xfe'; printf '<p>I: Grüße</p>' | iconv -f utf-8 -t utf-16le) > u16.html
	run anker -p p.anker import cp.html u16.html
	expect_rc 0
	expect_eq "I: Grüße" "$(text_of cp)" "the page's own charset"
	expect_eq "I: Grüße" "$(text_of u16)" "UTF-16 with BOM"
}

test_speakers_list_holds_for_autocode() {
	setup
	# With --speakers 'Frau K.', "Interviewer (...):" starts no turn: the
	# interviewer's question belongs to her turn before it.  Autocode by
	# turn and speaker follows the stored turns, not the automatic ones.
	anker -p p.anker import -q --speakers 'Frau K.' "$FMT/name-stamp.txt"
	anker -p p.anker codes add "Nachfrage" >/dev/null 2>&1
	run anker -p p.anker autocode 'Und dann' Nachfrage --unit turn --speaker 'Frau K.'
	expect_rc 0
	expect_eq "Frau K. (00:00:09): Also, angefangen hat es 2019.
Interviewer (00:01:12): Und dann?" \
		"$(sql p.anker "SELECT substr(d.text, s.start + 1, s.\"end\" - s.start) FROM segment s
		   JOIN document d ON d.id = s.doc_id")" "the coded turn"
}
