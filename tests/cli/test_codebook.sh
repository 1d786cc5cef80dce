# codebook import/export and the codes listing, on the real seed codebook.

CB="$FIXTURES/codebook/verflechtung-codebook.txt"

setup() { anker -p p.anker init 2>/dev/null; }

test_codebook_import_real() {
	setup
	run anker -p p.anker codebook import "$CB"
	expect_rc 0
	expect_err "54 codes: 54 added, 0 updated, 0 unchanged"
	expect_err "warning"
	expect_err "3.3.2"
	expect_eq 54 "$(sql p.anker 'SELECT COUNT(*) FROM code')" "codes"
	expect_eq 0 "$(sql p.anker "SELECT COUNT(*) FROM code WHERE definition = ''")" "codes without definition"
	expect_eq "2.12.8" "$(sql p.anker "SELECT p.number FROM code c JOIN code p ON p.id = c.parent_id WHERE c.number = '2.12.8.2'")" "parent of 2.12.8.2"
	expect_eq "Optimierung: Rechtskreisübergreifendes Fallmanagement" \
		"$(sql p.anker "SELECT name FROM code WHERE number = '3.3.2'")" "name of 3.3.2 (from the list)"
	expect_eq 2 "$(sql p.anker "SELECT COUNT(*) FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = '2.4'")" "anchors of 2.4"
	expect_eq "Auffälligkeiten|Kritik" "$(sql p.anker "SELECT group_concat(label, '|') FROM (SELECT label FROM code_note n JOIN code c ON c.id = n.code_id WHERE c.number = '2.9' ORDER BY n.position)")" "notes of 2.9"
	expect_eq "Copyright: Philipp Gräfe, Ruhr-Universität Bochum" \
		"$(sql p.anker "SELECT value FROM meta WHERE key = 'codebook_preamble'" | grep Copyright)" "copyright line kept"
}

test_codebook_reimport_changes_nothing() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	before=$(snapshot p.anker)
	sum=$(sql p.anker "SELECT group_concat(guid || number || name || definition, '|') FROM code")
	run anker -p p.anker codebook import "$CB"
	expect_rc 0
	expect_err "0 added, 0 updated, 54 unchanged"
	expect_eq "$before" "$(snapshot p.anker)" "project after re-import"
	expect_eq "$sum" "$(sql p.anker "SELECT group_concat(guid || number || name || definition, '|') FROM code")" "codes after re-import"
}

test_codes_order_and_json() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	run anker -p p.anker codes --format tsv
	expect_rc 0
	order=$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { print $1 }' | grep -n -x -e '2.9' -e '2.10' -e '2.9.5' | tr '\n' ' ')
	case $order in *"2.9 "*"2.9.5 "*"2.10 "*) ;; *) fail "2.9, 2.9.5, 2.10 not in natural order: $order" ;; esac
	run anker -p p.anker codes --format json
	expect_out '"number": "2.12.8.2"'
	expect_out '"parent": "2.12.8"'
	expect_out '"path": "Verflechtungsorganisation >> Optimierung >> Institutioneller Datenabgleich >> Institutionalisierte Prüfprozesse Drittregister/Datenbanken"'
	expect_out '"parent": null'
	expect_out '"notes": [{"label": "Auffälligkeiten"'
	expect_out '"anchors": ["„'
	expect_out '"segments": 0'
	n=$(printf '%s\n' "$OUT" | grep -c '"guid": "')
	expect_eq 54 "$n" "JSON objects with a guid"
}

test_codebook_export_txt_round_trip() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	run anker -p p.anker codebook export --format txt -o out.txt
	expect_rc 0
	grep -q "Copyright: Philipp Gräfe" out.txt || fail "export lost the copyright line"
	anker -p q.anker init 2>/dev/null
	anker -p q.anker codebook import out.txt 2>/dev/null
	a=$(anker -p p.anker codes --format json | grep -v '"guid"' | sed 's/"guid": "[^"]*", //')
	b=$(anker -p q.anker codes --format json | grep -v '"guid"' | sed 's/"guid": "[^"]*", //')
	expect_eq "$a" "$b" "codes after txt round trip"
	# Re-importing the export into the first project changes nothing.
	run anker -p p.anker codebook import out.txt
	expect_err "0 added, 0 updated, 54 unchanged"
}

test_codebook_export_md() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	run anker -p p.anker codebook export --format md
	expect_rc 0
	expect_out "## 1 Verflechtungsdichte"
	expect_out "> „Organisatorisch sind"
	expect_out "Kritik"
}

test_codebook_import_errors_leave_project_unchanged() {
	setup
	anker -p p.anker codebook import "$CB" 2>/dev/null
	before=$(snapshot p.anker)
	printf 'Titel\n\n1 Ohne Liste\n' > bad.txt
	run anker -p p.anker codebook import bad.txt
	expect_rc 1
	expect_err "bad.txt"
	expect_eq "$before" "$(snapshot p.anker)" "project after a bad codebook"
	run anker -p p.anker codebook import missing.txt
	expect_rc 1
	expect_err "missing.txt"
	run anker -p p.anker codebook frobnicate
	expect_rc 2
	run anker -p p.anker codebook export --format pdf
	expect_rc 2
}

# 60,000 codes, the list hand-sorted backwards: every number was looked up
# by a scan (the list, the parents, each heading, the project's codes) and
# the list sorted by insertion, and loading the tree scanned all codes per
# code: minutes.  Now maps and sorts; the bound is the hang (timeout 20;
# bench/hostile.sh has the figures).
test_codebook_60000_codes() {
	source "$FIXTURES/../fuzz/hostile_inputs.sh"
	local n=60000
	[ -n "${ANKER_REAL:-}" ] && n=3000   # valgrind: the same paths, smaller
	wide_codebook $n reversed > wide.txt
	setup
	run timeout 20 "$ANKER" -p p.anker codebook import wide.txt
	expect_rc 0
	expect_err "$n codes: $n added, 0 updated, 0 unchanged"
	expect_eq "Code 1 >> Unter 1.2 >> Blatt 1.2.3" \
		"$(sql p.anker "SELECT t.name || ' >> ' || m.name || ' >> ' || c.name FROM code c
		  JOIN code m ON m.id = c.parent_id JOIN code t ON t.id = m.parent_id
		  WHERE c.number = '1.2.3'")" "path of 1.2.3"
	expect_eq "Blatt 1.2.3, erzeugt." "$(sql p.anker "SELECT definition FROM code WHERE number = '1.2.3'")" \
		"definition of 1.2.3"
	run timeout 20 "$ANKER" -p p.anker codebook import wide.txt
	expect_rc 0
	expect_err "$n codes: 0 added, 0 updated, $n unchanged"
	run timeout 20 "$ANKER" -p p.anker codes --format tsv
	expect_rc 0
	expect_eq $((n + 1)) "$(printf '%s\n' "$OUT" | wc -l)" "lines of the codes listing"
	expect_eq "1.1.10" "$(printf '%s\n' "$OUT" | sed -n 13p | cut -f1)" "the 13th line: 2.9 before 2.10"
	printf 'I: Text.\n' > doc.txt
	anker -p p.anker import -q doc.txt
	run timeout 20 "$ANKER" -p p.anker mark doc "Code 1 >> Unter 1.2 >> Blatt 1.2.3" 0 4
	expect_rc 0
}

# cb_file FILE LABEL-DEF LABEL-ANCHOR: a one-code codebook with these labels.
cb_file() {
	printf 'Codesystem\n\n1 Portale\n\n1 Portale\n\n%s: Alles zu Portalen\n\n%s: „Wir haben drei Portale.“\n' \
		"$2" "$3" >"$1"
}

# Issue 14: the export's labels follow the imported codebook's language
# (recorded on import); --lang wins; without an imported codebook the
# text format keeps MAXQDA's German labels and the Markdown appendix its
# English ones.
test_codebook_export_lang_follows_import() {
	# German codebook: German labels in md, txt and LaTeX.
	setup
	cb_file de.txt Codedefinition Ankerbeispiel
	anker -p p.anker codebook import de.txt 2>/dev/null
	expect_eq de "$(sql p.anker "SELECT value FROM meta WHERE key = 'codebook_lang'")" "recorded"
	run anker -p p.anker codebook export --format md
	expect_rc 0
	expect_out "**Codedefinition.** Alles zu Portalen"
	expect_out "**Ankerbeispiel.**"
	expect_no_out "Anchor example"
	run anker -p p.anker codebook export --format txt
	expect_out "Codedefinition: Alles zu Portalen"
	run anker -p p.anker codebook export --format latex
	expect_out "Ankerbeispiel"
	# --lang en wins.
	run anker -p p.anker codebook export --format md --lang en
	expect_out "**Definition.** Alles zu Portalen"
	expect_out "**Anchor examples.**"
	# English codebook: English labels, also in the text format.
	rm -f p.anker
	setup
	cb_file en.txt "Code definition" "Anchor example"
	anker -p p.anker codebook import en.txt 2>/dev/null
	run anker -p p.anker codebook export --format txt
	expect_out "Code definition: Alles zu Portalen"
	expect_out "Anchor example: „Wir haben drei Portale.“"
	run anker -p p.anker codebook export --format md
	expect_out "**Anchor examples.**"
	run anker -p p.anker codebook export --format md --lang de
	expect_out "**Codedefinition.** Alles zu Portalen"
	# A later codebook with neither language's labels keeps the language.
	printf 'Codesystem\n\n2 Papier\n\n2 Papier\n\nDefinition: Akten\n' >neutral.txt
	anker -p p.anker codebook import neutral.txt 2>/dev/null
	run anker -p p.anker codebook export --format txt
	expect_out "Code definition: Akten"
	# No codebook imported: txt German (MAXQDA's), md English, as before.
	rm -f p.anker
	setup
	anker -p p.anker codes add Portale --number 1 --definition "Alles zu Portalen" 2>/dev/null
	run anker -p p.anker codebook export --format txt
	expect_out "Codedefinition: Alles zu Portalen"
	run anker -p p.anker codebook export --format md
	expect_out "**Definition.** Alles zu Portalen"
}
