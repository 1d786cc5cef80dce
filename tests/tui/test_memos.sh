# Memos from the TUI (issue 13): the typed memos of `anker memo` on a
# document, a code, a coding and the project.  M writes one line in the
# prompt, Ctrl-E (also from the M prompt) and :memo [project] [TYPE] open
# $VISUAL/$EDITOR; a memo of several lines goes to the editor at once;
# emptied, a memo is deleted; each change is one step that u undoes.

# The editor the tests run: it keeps what it was given in $T/seen and
# writes $T/next (when there is one) over the file.
editor_setup() {
	cat >"$T/ed.sh" <<-'EOF'
	#!/bin/sh
	dir=$(dirname "$0")
	cp "$1" "$dir/seen"
	if [ -f "$dir/next" ]; then cp "$dir/next" "$1"; fi
	EOF
	chmod +x "$T/ed.sh"
	export VISUAL="" EDITOR="$T/ed.sh"
}

# the memos as "target type on text" lines (text with \n), oldest first
memos() {
	anker -p "$P" memo list --format tsv | tail -n +2 | cut -f2,3,6 | tr '\t' ' '
}

test_memo_document_prompt_editor_and_undo() {
	demo_copy
	editor_setup
	# the documents pane: the memo of the document at the cursor
	screen -s 80x24 'Mdrei Wege<Enter>'
	expect_line 24 "Wrote the free memo on document 'Interview 01' (u undoes)"
	expect_eq "free Interview 01 drei Wege" "$(memos)" "after M"
	# M again shows it; Ctrl-E takes what was typed to the editor
	screen -s 80x24 'M'
	expect_line 24 "Memo (free; ^E: editor) on document 'Interview 01': drei Wege"
	printf 'Zeile eins\nZeile zwei\n' >"$T/next"
	screen -s 200x60 'M und mehr<C-e>'
	expect_eq "drei Wege und mehr" "$(cat "$T/seen")" "what the editor was given"
	expect_line 60 "Changed the free memo on document 'Interview 01' (u undoes)"
	expect_eq 'free Interview 01 Zeile eins\nZeile zwei' "$(memos)" "after the editor"
	# several lines: M goes to the editor at once, with the whole memo
	rm "$T/next"
	screen -s 80x24 'M'
	expect_eq "Zeile eins
Zeile zwei" "$(cat "$T/seen")" "the memo in the editor"
	expect_line 24 "The memo on document 'Interview 01' is unchanged"
	# :memo TYPE changes the type, the text kept
	screen -s 80x24 ':memo theory<Enter>'
	expect_line 24 "Changed the theory memo on document 'Interview 01'"
	expect_eq 'theory Interview 01 Zeile eins\nZeile zwei' "$(memos)" "after :memo theory"
	screen -s 80x24 ':memo nonsense<Enter>'
	expect_line 24 "Usage: :memo [project] [TYPE]"
	# emptied: deleted; u brings it back, one step each
	: >"$T/next"
	screen -s 80x24 '<C-e>'
	expect_line 24 "Deleted the theory memo on document 'Interview 01' (u undoes)"
	expect_eq "" "$(memos)" "after emptying"
	run anker -p "$P" log
	expect_out "memo delete"
	screen -s 80x24 'u'
	expect_eq 'theory Interview 01 Zeile eins\nZeile zwei' "$(memos)" "after u"
	screen -s 80x24 'uuuu'
	expect_eq "" "$(memos)" "after undoing every memo step"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM log WHERE entity = 'memo' AND undone = 0")" \
		"memo steps not undone"
}

test_memo_code_coding_text_pane_and_project() {
	demo_copy
	editor_setup
	# the code tree: the memo of the code at the cursor
	screen -s 80x24 '<Tab>jMAbgrenzung<Enter>'
	expect_line 24 "Wrote the free memo on code 2 "
	expect_eq "free 2 Verflechtungsorganisation Abgrenzung" "$(memos)" "code memo"
	# the text pane: the coding at the cursor (two coders' codings: the
	# list to choose from, Enter takes the first) ...
	screen -s 200x60 '<Tab>r<Enter>M'
	expect_out "Which coding?"
	screen -s 200x60 '<Tab>r<Enter>M<Enter>Segmentnotiz<Enter>'
	expect_line 60 "Wrote the free memo on the coding "
	# marked beside the text ('*' where the coding starts) and named
	# under it
	expect_out "(anna, 1 memo (M))"
	expect_out "  *B: Also die Beteiligung der Träger"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM memo m JOIN segment s ON s.id = m.segment_id
	    WHERE m.target = 'segment' AND m.text = 'Segmentnotiz'")" "segment memo"
	# ... and where no coding is, the document's
	screen -s 80x24 '<Enter>MDokumentnotiz<Enter>'
	expect_line 24 "Wrote the free memo on document 'Interview 01'"
	# the project: :memo project in the editor, with a type
	printf 'Forschungsfrage\n\nzweiter Absatz\n' >"$T/next"
	screen -s 80x24 ':memo project method<Enter>'
	expect_line 24 "Wrote the method memo on the project (u undoes)"
	run anker -p "$P" memo list --on project --format tsv
	expect_out 'method	project	tester'
	expect_out 'Forschungsfrage\n\nzweiter Absatz'
	expect_eq 4 "$(sql "$P" "SELECT COUNT(*) FROM memo")" "memos"
	# an editor that fails changes nothing
	export EDITOR=false
	screen -s 80x24 ':memo project<Enter>'
	expect_line 24 "Memo not set: memo: the editor 'false' failed: nothing changed"
	expect_eq 4 "$(sql "$P" "SELECT COUNT(*) FROM memo")" "memos after a failed editor"
	expect_eq "" "$(project_unsound "$P")" "the project is sound"
}

# The memo list (") over the memos `anker memo add` wrote: one of each
# kind, the project's of several lines.
memos_add() {
	local seg
	seg=$(sql "$P" "SELECT s.guid FROM segment s JOIN document d ON d.id = s.doc_id
	    WHERE d.name = 'Interview 03' ORDER BY s.start LIMIT 1")
	anker -p "$P" memo add --on project --type theory "Forschungsfrage
zweite Zeile" >/dev/null
	anker -p "$P" memo add --on "doc:Interview 02" "Dokumentnotiz" >/dev/null
	anker -p "$P" memo add --on code 2.1 --type definition "Abgrenzung" >/dev/null
	anker -p "$P" memo add --on segment "$seg" --type method "Segmentnotiz" >/dev/null
}

test_memo_list_shows_and_filters() {
	demo_copy
	memos_add
	screen -s 80x24 '"'
	expect_line 1 "Memos (4, every type)"
	expect_line 2 "Type       On                Author       Changed    Memo"
	expect_line 3 "theory     project           tester       "
	expect_line 3 "Forschungsfrage …"
	expect_line 4 "free       Interview 02      tester"
	expect_line 5 "definition 2.1 Sonstige Unt… tester"
	expect_line 6 "method     "
	expect_line 6 " (2.2, I… tester"
	# the memo at the cursor in full below the list
	expect_out "theory memo on the project by tester"
	expect_out " Forschungsfrage"
	expect_out " zweite Zeile"
	expect_width 80
	screen -s 200x60 '"jj'
	expect_line 1 "Memos (4, every type)"
	expect_out "definition memo on code 2.1 Sonstige Unterflechtung by tester"
	expect_width 200
	# " again: one type after the other, then every type
	screen -s 80x24 '""'
	expect_line 1 "Memos (1, definition)"
	expect_line 3 "definition 2.1"
	screen -s 80x24 '""""""'
	expect_line 1 "Memos (4, every type)"
	# :export writes the list as shown (filter too)
	screen -s 80x24 "\"\":export tsv $T/memos.tsv<Enter>"
	expect_line 24 "Wrote memos.tsv"
	expect_eq 2 "$(wc -l <"$T/memos.tsv")" "rows exported with the filter"
	screen -s 80x24 "\":export csv $T/all.csv<Enter>"
	run cat "$T/all.csv"
	expect_out "GUID,Type,Target,On,Author,Created,Modified,Text"
	expect_out '"Forschungsfrage'
}

test_memo_list_enter_goes_to_it() {
	demo_copy
	memos_add
	# the project's: stays, shown below
	screen -s 80x24 '"<Enter>'
	expect_line 24 "The project's memo: shown below (M edits it)"
	# a document: opened
	screen -s 80x24 '"j<Enter>'
	expect_line 24 "Interview 02 | Pos. 1 (0)"
	expect_line 1 "Documents (5)"
	# a code: the current one in the code tree
	screen -s 200x60 '"jj<Enter>'
	expect_line 60 "Current code: 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung"
	expect_eq "2.1" "$(sql "$P" "SELECT (SELECT number FROM code WHERE guid = value)
	    FROM coder_state WHERE key = 'tui.code'")" "the current code kept"
	# a coding: its document at its start
	local start
	start=$(sql "$P" "SELECT s.start FROM memo m JOIN segment s ON s.id = m.segment_id")
	screen -s 80x24 '"jjj<Enter>'
	expect_line 24 "Interview 03 | Pos."
	expect_line 24 "($start)"
}

test_memo_list_edits_the_memo_at_the_cursor() {
	demo_copy
	editor_setup
	memos_add
	# M: one line; the project's has two, so the editor
	screen -s 80x24 '"jM<C-u>Neue Notiz<Enter>'
	expect_line 24 "Changed the free memo on document 'Interview 02' (u undoes)"
	expect_out "Neue Notiz"
	printf 'Frage\n' >"$T/next"
	screen -s 80x24 '"M'
	expect_eq "Forschungsfrage
zweite Zeile" "$(cat "$T/seen")" "the project's memo in the editor"
	expect_line 24 "Changed the theory memo on the project"
	run anker -p "$P" memo list --on project --format tsv
	expect_out "	Frage"
	# emptied from the list: deleted; u brings it back
	screen -s 80x24 '"jjM<C-u><Enter>'
	expect_line 24 "Deleted the definition memo on code 2.1 Sonstige Unterflechtung (u undoes)"
	expect_line 1 "Memos (3, every type)"
	screen -s 80x24 '"u'
	expect_line 1 "Memos (4, every type)"
	expect_eq 4 "$(sql "$P" "SELECT COUNT(*) FROM memo")" "memos after u"
}
