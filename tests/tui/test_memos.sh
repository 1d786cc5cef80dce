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
	expect_line 24 "Memo (free) on document 'Interview 01' (Ctrl-E: editor): drei Wege"
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
