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
