# Editing the code system in its pane (issue 13): e renames, x and p (or
# *) move, & merges, D deletes after a question naming the subcodes and
# codings, # recolors, @ edits the definition, anchor examples or notes in
# $EDITOR; each change one undo step, checked on the screen at 80x24 and
# 200x60 and in the project afterwards through the command line.
#
# The code tree of the demo, as the pane lists it after Tab: 1, 2, 2.1,
# 2.2, …, 2.8, 2.9 (ten j down) with 2.9.1 … 2.9.5.

# code NUMBER: "name<TAB>parent number<TAB>color<TAB>segments" of the code.
code() {
	"$ANKER" -p "$P" codes --format tsv 2>/dev/null |
		awk -F'\t' -v n="$1" 'NR > 1 && $1 "" == n "" { print $2 "\t" $3 "\t" $8 "\t" $10 }'
}

ncodes() { sql "$P" "SELECT COUNT(*) FROM code"; }

# The newest step's action in `anker log`.
last_action() { "$ANKER" -p "$P" log --format tsv 2>/dev/null | awk -F'\t' 'NR == 2 { print $4 }'; }

test_code_rename_in_the_tree() {
	demo_copy
	screen -s 80x24 '<Tab>jje<C-u>Andere Unterflechtung<Enter>'
	expect_out "Renamed '2.1 Sonstige Unterflechtung' to '2.1 Andere Unterflechtung'"
	expect_out "2.1 Andere Unterflech"
	expect_eq "Andere Unterflechtung	2	#2a7e35	2" "$(code 2.1)" "2.1 after e"
	expect_eq "codes rename" "$(last_action)" "the log"
	# a sibling's name is refused; Esc changes nothing
	screen -s 200x60 '<Tab>jje<C-u>Koordinationsstelle<Enter>'
	expect_out "Not renamed:"
	screen -s 200x60 '<Tab>jje<C-u>X<Esc>'
	expect_eq "Andere Unterflechtung	2	#2a7e35	2" "$(code 2.1)" "2.1 after a refusal and Esc"
	screen -s 200x60 '<Tab>u'
	expect_out "Undid step 2 (codes rename by tester): changed back 1 code"
	expect_out "2.1 Sonstige Unterflechtung"
	expect_eq "Sonstige Unterflechtung	2	#2a7e35	2" "$(code 2.1)" "2.1 after u"
}

test_code_cut_and_paste_moves_it() {
	demo_copy
	# x on 2.1, up to 1, p: 2.1 becomes 1.1; the cursor stays on it
	screen -s 80x24 '<Tab>jjxkkp'
	expect_out "Moved '2.1 Sonstige Unterflechtung' under '1 Verflechtungsdichte' as 1.1"
	expect_out "1.1 Sonstige Unt…"
	expect_eq "Sonstige Unterflechtung	1	#2a7e35	2" "$(code 1.1)" "1.1 after x, p"
	expect_eq "" "$(code 2.1)" "no 2.1 any more"
	expect_eq "codes move" "$(last_action)" "the log"
	# * pastes at the top level; the cursor is on the moved code (e renames
	# it; E shows both messages)
	screen -s 200x60 '<Tab>jx*e<C-u>Oben<Enter>E'
	expect_out "Moved '1.1 Sonstige Unterflechtung' to the top level as 5 (u undoes)"
	expect_out "Renamed '5 Sonstige Unterflechtung' to '5 Oben'"
	expect_eq "Oben		#2a7e35	2" "$(code 5)" "5 after x, * and e"
	# under itself or its own subcode: refused; p without a cut says so
	screen -s 200x60 '<Tab>jxjp'
	expect_out "Not moved: cannot move 2 Verflechtungsorganisation under its own subcode"
	screen -s 200x60 '<Tab>p'
	expect_out "Nothing cut: x cuts the code at the cursor, p pastes it"
	# the title names the cut code until it is pasted; Esc forgets the cut
	screen -s 200x60 '<Tab>jjx'
	expect_out "Code System (54), cut: 2.2 Sonstige Über"
	screen -s 200x60 '<Tab>x<Esc>'
	expect_out "Nothing cut any more"
	expect_no_out ", cut:"
	screen -s 200x60 '<Tab>x<Esc>jp'
	expect_out "Nothing cut: x cuts"
	expect_eq "54" "$(ncodes)" "codes"
	screen -s 200x60 'uu'
	expect_eq "Sonstige Unterflechtung	1	#2a7e35	2" "$(code 1.1)" "after two u"
	expect_eq "" "$(project_unsound "$P")" "project"
}

test_code_delete_asks_and_u_undoes() {
	demo_copy
	screen -s 80x24 '<Tab>jjjjjjjjjjD'
	expect_out "Delete '2.9 OZG-Entwicklung' with 5 sub"
	expect_out "14 codings and 0 memos? y/N"
	screen -s 200x60 '<Tab>jjjjjjjjjjD'
	expect_out "Delete '2.9 OZG-Entwicklung' with 5 subcodes (2.9.1 EfA-Nachnutzung, 2.9.2 Digitalisierungslabore,"
	# the memos that go with it are counted and named: on the code, on a
	# subcode, on one of their codings (first line, cut); not another code's
	anker -p "$P" memo add --on code 2.9 --type theory $'Zentral für den Vergleich der Länder\nzweite Zeile' >/dev/null
	anker -p "$P" memo add --on code 2.9.1 'EfA heißt Einer für Alle' >/dev/null
	local seg
	seg=$(sql "$P" "SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id WHERE c.number = '2.9.1' LIMIT 1")
	anker -p "$P" memo add --on segment "$seg" 'Gute Stelle' >/dev/null
	anker -p "$P" memo add --on code 2.5 'Nicht dieser' >/dev/null
	screen -s 200x60 '<Tab>jjjjjjjjjjD'
	expect_out "14 codings and 3 memos ('Zentral für den Verg…', 'EfA heißt Einer für …', 'Gute Stelle')? y/N"
	screen -s 80x24 '<Tab>jjjjjjjjjjD'
	expect_out "'Gute Stelle')? y/N"
	expect_width 80
	for no in n '<Esc>' '<Enter>'; do
		screen -s 200x60 "<Tab>jjjjjjjjjjD$no"
		expect_out "Not deleted"
	done
	expect_eq "54 128" "$(ncodes) $(sql "$P" 'SELECT COUNT(*) FROM segment')" "codes, codings after no"
	screen -s 200x60 '<Tab>jjjjjjjjjjDy'
	expect_out "Deleted '2.9 OZG-Entwicklung' with 5 subcodes, 14 codings and 3 memos (u undoes)"
	expect_out "Code System (48)"
	expect_no_out "2.9.1 EfA"
	expect_eq "48 114" "$(ncodes) $(sql "$P" 'SELECT COUNT(*) FROM segment')" "codes, codings after y"
	expect_eq "1" "$(sql "$P" 'SELECT COUNT(*) FROM memo')" "memos after y: 2.5's"
	expect_eq "" "$(code 2.9.1)" "2.9.1 gone"
	expect_eq "codes delete" "$(last_action)" "the log"
	# a leaf without codings: the question says so
	screen -s 200x60 '<Tab>jjjjjjD'
	expect_out "Delete '2.5 Koordination Länder' with 0 codings and 1 memo ('Nicht dieser')? y/N"
	# u asks (codes come back) and brings everything back
	screen -s 200x60 'uy'
	expect_out "Undid step 6 (codes delete by tester): restored 6 codes, 14 codings"
	expect_out "2.9.1 EfA-Nachnutzung"
	expect_eq "54 128" "$(ncodes) $(sql "$P" 'SELECT COUNT(*) FROM segment')" "codes, codings after u"
	expect_eq "4" "$(sql "$P" 'SELECT COUNT(*) FROM memo')" "memos after u"
	expect_eq "EfA-Nachnutzung	2.9	#53c69b	6" "$(code 2.9.1)" "2.9.1 back"
	expect_eq "" "$(project_unsound "$P")" "project after undo"
}

test_code_merge_picks_the_target_in_the_finder() {
	demo_copy
	screen -s 80x24 '<Tab>jjj&'
	expect_out "Merge '2.2 Sonstige Überflechtung' into"
	screen -s 200x60 '<Tab>jjj&2.9.1<Enter>'
	expect_out "Merged '2.2 Sonstige Überflechtung' into '2.9.1 EfA-Nachnutzung': 3 codings moved (u undoes)"
	expect_out "Code System (53)"
	expect_eq "" "$(code 2.2)" "2.2 gone"
	expect_eq "EfA-Nachnutzung	2.9	#53c69b	9" "$(code 2.9.1)" "2.9.1 after the merge"
	expect_eq "codes merge" "$(last_action)" "the log"
	# its definition went along as a note
	"$ANKER" -p "$P" codebook export --format md -o "$T/cb.md" >/dev/null 2>&1
	expect_eq 1 "$(grep -c 'Überflechtungserscheinungen im Vollzug' "$T/cb.md")" "definition kept"
	# into its own subcode: refused
	screen -s 200x60 '<Tab>jjjjjjjjj&2.9.1<Enter>'
	expect_out "Not merged: cannot merge 2.9 OZG-Entwicklung into its own subcode"
	screen -s 80x24 'uy'
	expect_eq "Sonstige Überflechtung	2	#5bc89f	3" "$(code 2.2)" "2.2 after u"
	expect_eq "" "$(project_unsound "$P")" "project after undo"
}

test_code_recolor() {
	demo_copy
	screen -s 80x24 '<Tab>j#'
	expect_out "Color of '2 Verflechtungsorganisation',"
	expect_out "cb44b (#rrggbb, 1-10, red, green, …):"
	screen -s 80x24 '<Tab>j#red<Enter>'
	expect_out "#e6194b (u undoes)"
	expect_eq "Verflechtungsorganisation		#e6194b	0" "$(code 2)" "2 after red"
	screen -s 200x60 '<Tab>j#3<Enter>'
	expect_out "Color of '2 Verflechtungsorganisation': #4363d8 (u undoes)"
	screen -s 200x60 '<Tab>j##00AA11<Enter>'
	expect_out "Color of '2 Verflechtungsorganisation': #00aa11 (u undoes)"
	expect_eq "Verflechtungsorganisation		#00aa11	0" "$(code 2)" "2 after #00AA11"
	screen -s 200x60 '<Tab>j#mauve<Enter>'
	expect_out "Color not set: 'mauve' is no color: #rrggbb, a number 1-10 or a name (red, green, blue,"
	expect_eq "codes color" "$(last_action)" "the log"
	screen -s 200x60 'uuu'
	expect_eq "Verflechtungsorganisation		#3cb44b	0" "$(code 2)" "2 after three u"
}

# editor SCRIPT: $VISUAL and $EDITOR a shell script doing SCRIPT to the file "$1".
editor() {
	printf '#!/bin/sh\n%s\n' "$1" > "$T/editor.sh"
	chmod +x "$T/editor.sh"
	export VISUAL=$T/editor.sh EDITOR=$T/editor.sh
}

test_code_definition_anchors_and_notes_in_the_editor() {
	demo_copy
	editor 'cp "$1" "'"$T"'/seen"; printf "Neue Definition\nzweite Zeile\n" > "$1"'
	screen -s 80x24 '<Tab>j@d'
	expect_out "Definition of '2 Verflechtungsorganisation' changed"
	expect_eq "Neue Definition\\nzweite Zeile" "$("$ANKER" -p "$P" codes --format tsv |
		awk -F'\t' '$1 == 2 { print $5 }')" "definition"
	expect_eq 1 "$(grep -c '^- b) Formen der Verflechtungsorganisation' "$T/seen")" "the old one shown"
	expect_eq "codes define" "$(last_action)" "the log"
	# anchors: one more after a line ---; the first keeps its text
	editor 'cp "$1" "'"$T"'/seen"; printf "\n---\nEin neues Beispiel\n" >> "$1"'
	screen -s 200x60 '<Tab>jjjjjjjj@a'
	expect_out "Anchor examples of '2.7 Interkommunale Koordination' changed (u undoes)"
	expect_eq 1 "$(grep -c '^# Anchor examples of 2.7 Interkommunale Koordination' "$T/seen")" "header"
	expect_eq "„Auf Kreisebene setzen sich die Digitalisierungsverantwortlichen der Städte zusammen, um sich abzustimmen.“\\n\\nEin neues Beispiel" \
		"$("$ANKER" -p "$P" codes --format tsv | awk -F'\t' '$1 == "2.7" { print $6 }')" "anchors"
	expect_eq "anchors set" "$(last_action)" "the log"
	# notes: "Label: text" blocks
	editor 'printf "Kritik: zu langsam\n---\nBsp: Bauantrag\nzweite Zeile\n" > "$1"'
	screen -s 200x60 '<Tab>jjjjjjjj@n'
	expect_out "Notes of '2.7 Interkommunale Koordination' changed (u undoes)"
	expect_eq "Kritik: zu langsam\n\nBsp: Bauantrag\nzweite Zeile" \
		"$("$ANKER" -p "$P" codes --format tsv | awk -F'\t' '$1 == "2.7" { print $7 }')" "notes"
	# a note without a label: refused, nothing changed
	editor 'printf "ohne Label\n" > "$1"'
	screen -s 200x60 '<Tab>jjjjjjjj@n'
	expect_out "Notes not changed: note 1: its first line does not start with 'Label:'"
	# an editor that leaves the file as it was: nothing to store
	editor 'true'
	screen -s 200x60 '<Tab>jjjjjjjj@d'
	expect_out "Definition of '2.7 Interkommunale Koordination' unchanged"
	expect_eq "notes set" "$(last_action)" "the log after refusals"
	# each was one undo step
	screen -s 200x60 'uuu'
	expect_eq "3" "$("$ANKER" -p "$P" log --format tsv | awk -F'\t' '$6 == "yes"' | wc -l)" "steps undone"
	expect_eq "Koordinationsformen zwischen Kommunen (interkommunal)" \
		"$("$ANKER" -p "$P" codes --format tsv | awk -F'\t' '$1 == "2.7" { print $5 }')" "2.7's definition"
	expect_eq "" "$(project_unsound "$P")" "project"
}

test_code_editor_that_fails_changes_nothing() {
	demo_copy
	{ snapshot "$P"; sql "$P" "SELECT definition FROM code"; } >"$T/before"
	editor 'printf "Halb geschrieben\n" > "$1"; exit 1'
	screen -s 80x24 '<Tab>j@d'
	expect_out "Definition not changed"
	screen -s 200x60 '<Tab>j@d'
	expect_out "Definition not changed: definition: the editor '$T/editor.sh' failed: nothing changed"
	expect_eq 1 "$("$ANKER" -p "$P" log --format tsv | awk 'END { print NR - 1 }')" "steps"
	{ snapshot "$P"; sql "$P" "SELECT definition FROM code"; } >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "the project changed"
}

test_code_editor_invalid_utf8_is_refused() {
	demo_copy
	editor 'printf "gut\nschlecht \377 hier\n" > "$1"'
	screen -s 200x60 '<Tab>j@d'
	expect_out "Definition not changed: definition: byte offset 13: invalid UTF-8"
	screen -s 80x24 '<Tab>j@a'
	expect_out "Anchor examples not changed"
	expect_eq 1 "$("$ANKER" -p "$P" log --format tsv | awk 'END { print NR - 1 }')" "steps"
}

test_code_tree_codes_the_selection() {
	demo_copy
	# Enter on a code in the tree with text selected: coded with it
	screen -s 200x60 '<Enter>vwww<S-Tab>jj<Enter>'
	expect_out "Coded 0-16 with 2.1 Sonstige Unterflechtung"
	# c too
	screen -s 80x24 '<Enter>vww<S-Tab>jjjc'
	expect_out "Coded 0-14 with 2.2"
	expect_eq 2 "$(sql "$P" "SELECT COUNT(*) FROM segment WHERE start = 0")" "codings at 0"
}

test_code_edit_keys_in_the_help() {
	demo_copy
	screen -s 200x250 '?'
	expect_out "(code system: the code; u undoes"
	expect_out "(code system: the code, naming its subcodes and memos too"
	expect_out "cut the code, p pastes it"
	expect_out "paste the code cut with x at the top level"
	expect_out "merge the code at the cursor into another"
	expect_out "recolor the code at the cursor"
	expect_out "in \$VISUAL/\$EDITOR"
	# # elsewhere opens no prompt for a color: what is typed next stays text
	screen -s 200x60 '#red'
	expect_out "Color not set: Not available in this pane"
}

test_code_commands_on_the_current_code() {
	demo_copy
	screen -s 80x24 '<Tab>jj:rename Neuer Name<Enter>'
	expect_out "Renamed '2.1 Sonstige Unterflechtung' to '2.1 Neuer Name'"
	screen -s 200x60 '<Tab>jj:color teal<Enter>'
	expect_out "Color of '2.1 Neuer Name': #469990 (u undoes)"
	expect_eq "Neuer Name	2	#469990	2" "$(code 2.1)" "2.1 after :rename and :color"
	screen -s 200x60 ':color<Enter>'
	expect_out "Usage: :color #rrggbb|1-10|NAME"
	editor 'printf "Per Befehl\n" > "$1"'
	screen -s 200x60 '<Tab>jj:define<Enter>'
	expect_out "Definition of '2.1 Neuer Name' changed (u undoes)"
	expect_eq "Per Befehl" "$("$ANKER" -p "$P" codes --format tsv | awk -F'\t' '$1 == "2.1" { print $5 }')" "definition"
	screen -s 200x60 '?G'
	expect_out ":rename NAME     Rename the current code"
}

# End to end in a real terminal: the editor gets the terminal and gives it
# back (the TUI redraws and goes on taking keys); the project checked
# through the command line afterwards.
test_tmux_code_edit_and_editor() {
	demo_copy
	printf '#!/bin/sh\nprintf "Im Terminal bearbeitet\\n" > "$1"\n' > "$T/editor.sh"
	chmod +x "$T/editor.sh"
	tmux_start 100 30 env VISUAL="$T/editor.sh" "$ANKER" -p "$P" tui
	wait_screen "Code System (54)"
	keys Tab j @
	wait_screen "Edit in the editor: d definition, a anchor examples, n notes of '2 Verflechtungsorganisation'?"
	keys d
	wait_screen "Definition of '2 Verflechtungsorganisation' changed (u undoes)"
	wait_screen "Code System (54)"
	keys j x k k p
	wait_screen "Moved '2.1 Sonstige Unterflechtung' under '1 Verflechtungsdichte' as 1.1 (u undoes)"
	keys q
	wait_screen_gone "Code System" || true
	expect_eq "Im Terminal bearbeitet" "$("$ANKER" -p "$P" codes --format tsv |
		awk -F'\t' '$1 == "2" { print $5 }')" "definition"
	expect_eq "Sonstige Unterflechtung	1	#2a7e35	2" "$(code 1.1)" "1.1"
	run "$ANKER" -p "$P" log --format tsv
	expect_out "codes define"
	expect_out "codes move"
}
