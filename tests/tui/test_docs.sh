# The documents pane manages documents: e renames, D deletes after a
# question that names the codings that go with it; u undoes either; the
# variables of the document at the cursor show when the pane has room.

# documents codings memos, as one line
counts() {
	sql "$P" "SELECT (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM segment),
	  (SELECT COUNT(*) FROM memo)" | tr '|' ' '
}

test_docs_rename_in_the_pane() {
	demo_copy
	screen 'e<C-u>Bauamt Hohenfeld<Enter>'
	expect_out "Renamed 'Interview 01' to 'Bauamt Hohenfeld' (u undoes)"
	expect_out "Bauamt Hohenfeld          33"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM document WHERE name = 'Bauamt Hohenfeld'")" "renamed"
	# a name in use is refused, and nothing changes
	screen 'e<C-u>interview 02<Enter>'
	expect_out "Not renamed: a document named 'Interview 02' exists already (names differ only in case)"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM document WHERE name = 'Bauamt Hohenfeld'")" "after the refusal"
	# Esc: nothing
	screen 'e<C-u>X<Esc>'
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM document WHERE name = 'X'")" "after Esc"
	screen 'u'
	expect_out "Undid step 2 (docs rename by tester): changed back 1 document"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM document WHERE name = 'Interview 01'")" "after u"
}

test_docs_delete_asks_naming_the_codings() {
	demo_copy
	"$ANKER" -p "$P" memo add --on "doc:Interview 02" "Notiz" >/dev/null 2>&1
	screen 'jD'
	expect_out "Delete 'Interview 02' with 32 codings and 1 memo? y/N"
	expect_eq "5 128 1" "$(counts)" "documents, codings, memos while asked"
	for no in n '<Esc>' '<Enter>'; do
		screen "jD$no"
		expect_out "Not deleted"
	done
	expect_eq "5 128 1" "$(counts)" "documents, codings, memos after no"
	screen 'jDy'
	expect_out "Deleted 'Interview 02' with 32 codings (u undoes)"
	expect_out "Documents (4)"
	expect_eq "4 96 0" "$(counts)" "documents, codings, memos after yes"
	# undo asks too (a document comes back), and brings everything back
	screen 'uy'
	expect_out "Undid step 3 (docs delete by tester): restored 1 document, 32 codings, 1 memo"
	expect_eq "5 128 1" "$(counts)" "documents, codings, memos after undo"
	expect_eq "" "$(project_unsound "$P")" "project after undo"
}

test_docs_pane_shows_variables_when_there_is_room() {
	demo_copy
	screen -s 100x40 'j'
	expect_out "Datum: 2023-03-21"
	expect_out "Organisation: Landkreis Müh"
	# no room: no variables
	screen -s 100x14 'j'
	expect_no_out "Datum:"
}

test_docs_keys_in_the_help() {
	demo_copy
	screen -s 120x250 '?'
	expect_out "rename the document at the cursor"
	expect_out "delete the document at the cursor"
	# e elsewhere opens no prompt for a name: what is typed next stays text
	screen '<Tab><Tab>eu'
	expect_out "Not renamed"
	expect_eq "5 128 0" "$(counts)" "after e and u in the text pane"
}

# End to end: rename and delete with the question in a real terminal, the
# project checked afterwards through the command line.
test_tmux_docs_rename_and_delete() {
	demo_copy
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys e C-u "Bauamt" Enter
	wait_screen "Renamed 'Interview 01' to 'Bauamt' (u undoes)"
	keys j D
	wait_screen "Delete 'Interview 02' with 32 codings? y/N"
	keys y
	wait_screen "Deleted 'Interview 02' with 32 codings (u undoes)"
	wait_screen "Documents (4)"
	keys q
	wait_screen_gone "Documents (4)" || true
	expect_eq "4 96 0" "$(counts)" "documents, codings, memos after the TUI"
	run "$ANKER" -p "$P" docs --format tsv
	expect_rc 0
	expect_out "Bauamt"
	case $OUT in *"Interview 02"*) fail "Interview 02 still listed" ;; esac
	run "$ANKER" -p "$P" log --format tsv
	expect_out "docs delete"
	expect_out "docs rename"
}

test_docs_delete_the_open_document() {
	demo_copy
	screen 'j<Enter><S-Tab><S-Tab>Dy'
	expect_out "Deleted 'Interview 02' with 32 codings (u undoes)"
	expect_out "no document"
	expect_eq "4 96 0" "$(counts)" "documents, codings, memos"
}

# Documents from the command line (issue 13): :import with group,
# speakers, encoding and variables as one step; :group and :var on the
# document at the documents pane's cursor or open in the text pane; the
# pane shows the change; u undoes each.

test_docs_import_from_the_tui() {
	demo_copy
	printf 'I: Wie war das?\nB: Schwierig.\n' >"$T/neu eins.txt"
	printf 'Anna: Hallo\nBen: Tag\n' >"$T/neu2.txt"
	printf 'Caf\351 am Markt\n' >"$T/latin.txt"
	screen -s 80x24 ":import --group Neu --speakers Anna,Ben,I,B --var Welle=2 '$T/neu eins.txt' $T/neu2.txt<Enter>"
	expect_line 24 "Imported 2 documents into group Neu: 'neu eins', 'neu2' (u undoes)"
	expect_line 1 "Documents (7)"
	expect_out "Neu                     |"
	expect_out "  neu eins             0|"
	run anker -p "$P" docs --format tsv
	expect_out "neu eins	Neu	"
	expect_out "	I, B	Welle=2	0	"
	expect_out "neu2	Neu	"
	expect_out "	Anna, Ben	Welle=2	0	"
	run anker -p "$P" log --format tsv
	expect_out "	import	2	"
	# the encoding, a glob; the wide screen
	screen -s 200x60 ":import -e latin1 $T/lat*.txt<Enter>"
	expect_line 60 "Imported 1 document: 'latin' (u undoes)"
	expect_out "  latin  "
	expect_eq "Café am Markt" "$(anker -p "$P" show latin 2>/dev/null | tail -n 1 | sed 's/^ *[0-9]* *//')" \
		"the text decoded"
	# errors on the status line, nothing imported: one file missing
	# among good ones, a name in use, a bad option or encoding
	printf 'x\n' >"$T/gut.txt"
	screen -s 80x24 ":import $T/gut.txt $T/fehlt.txt<Enter>"
	expect_line 24 "Nothing imported: "
	expect_line 24 "fehlt.txt: No such file"
	screen -s 200x60 ":import $T/neu2.txt<Enter>"
	expect_line 60 "Nothing imported: $T/neu2.txt: a document named 'neu2' exists already"
	screen -s 200x60 ":import --encoding klingonisch $T/gut.txt<Enter>"
	expect_line 60 "Nothing imported: "
	expect_line 60 "klingonisch"
	screen -s 80x24 ":import --wohin x<Enter>"
	expect_line 24 "Nothing imported: unknown option '--wohin'"
	screen -s 80x24 ":import<Enter>"
	expect_line 24 "Nothing imported: no file to import"
	expect_eq 8 "$(sql "$P" "SELECT COUNT(*) FROM document")" "documents"
	# u takes back the latin import, then the two (asking first: it
	# removes documents)
	screen -s 80x24 'u'
	expect_line 24 "Undo step 3 (import by tester): 1 document? y/N"
	screen -s 80x24 'uy'
	expect_line 1 "Documents (7)"
	screen -s 80x24 'uy'
	expect_line 1 "Documents (5)"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM document WHERE name LIKE 'neu%'")" "after u"
	expect_eq "" "$(project_unsound "$P")" "the project is sound"
}

test_docs_group_and_variables_from_the_tui() {
	demo_copy
	# the document at the documents pane's cursor
	screen -s 80x24 'j:group Behörden<Enter>'
	expect_line 24 "Put 'Interview 02' in group 'Behörden' (u undoes)"
	expect_out "Behörden                |"
	# its group first now: the cursor on it at the start
	screen -s 80x24 ':var Ort=Mühlbach<Enter>'
	expect_line 24 "Ort = Mühlbach (text) on 'Interview 02' (u undoes)"
	# typed as docs var set types it
	screen -s 80x24 ':var Jahr=2023<Enter>'
	expect_line 24 "Jahr = 2023 (integer) on 'Interview 02' (u undoes)"
	screen -s 200x60 ''
	expect_line 27 "  Jahr: 2023     "
	expect_line 29 "  Ort: Mühlbach     "
	run anker -p "$P" docs --format json
	expect_out '"Jahr": 2023,'
	expect_out '"Ort": "Mühlbach"'
	# a pane too short for them: one line at its foot, after the group
	screen -s 80x16 ''
	expect_line 7 "Behörden: Datum=2023-03…|"
	screen -s 120x16 ''
	expect_line 7 "Behörden: Datum=2023-03-21; Jahr=20…|"
	screen -s 80x24 ':var -Ort<Enter>'
	expect_line 24 "Removed Ort from 'Interview 02' (u undoes)"
	screen -s 80x24 ':var -Ort<Enter>'
	expect_line 24 "Variable not unset: no document has a variable 'Ort'"
	screen -s 80x24 ':var =x<Enter>'
	expect_line 24 "Usage: :var NAME=VALUE (set), :var -NAME (unset)"
	# the document open in the text pane; :group alone: out of its group
	screen -s 200x60 'jj<Enter>:group<Enter>'
	expect_line 60 "Took 'Interview 03' out of its group (u undoes)"
	expect_out "(no group)"
	run anker -p "$P" log --format tsv
	expect_out "docs group"
	expect_out "docs var set"
	expect_out "docs var unset"
	# u, one step each: the group back, Ort back, Jahr gone, Ort gone,
	# the group gone
	screen -s 80x24 'uuuuu'
	run anker -p "$P" docs --format tsv
	expect_out "Interview 02	Interviews	"
	expect_out "Interview 03	Interviews	"
	expect_no_out "Jahr="
	expect_no_out "Ort="
}

# Escape while :import runs cancels it (store_progress: the headless
# script's <Esc> after the command is seen at the first report): nothing
# is imported, the status line says so; without it the same files come in.
test_docs_import_escape_cancels() {
	demo_copy
	printf 'I: Eins.\n' >"$T/eins.txt"
	printf 'I: Zwei.\n' >"$T/zwei.txt"
	local before
	before=$(sql "$P" "SELECT COUNT(*) FROM document; SELECT COUNT(*) FROM log" | tr '\n' ' ')
	screen -s 80x24 ":import $T/eins.txt $T/zwei.txt<Enter><Esc>"
	expect_line 24 "Nothing imported: "
	expect_out "cancelled"
	expect_eq "$before" "$(sql "$P" "SELECT COUNT(*) FROM document; SELECT COUNT(*) FROM log" | tr '\n' ' ')" \
		"the project after the cancel"
	screen -s 200x60 ":import $T/eins.txt $T/zwei.txt<Enter>"
	expect_line 60 "Imported 2 documents: 'eins', 'zwei' (u undoes)"
}
