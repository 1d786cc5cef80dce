# Which codes are here (issue 13): labelled coding stripes on wide panes
# (L toggles), "+N" for codings beyond the columns, letters without
# colors, the cursor line's codings with memo and weight under the text;
# coding from the code tree, code names and paths that keep siblings apart,
# no "create" row for an exact match, in-vivo coding; every code its own
# color on the terminal.  Headless at 80x24 and 200x60, tmux at 200x60;
# changes checked with sqlite3.

# A small project: document "t" (paragraph 1 is code points 0-40,
# paragraph 4 is 84-122) and the codes 1 Verflechtung with four
# "Koordination …" subcodes (1.1-1.4) and 2 Beta.  anna codes paragraph 1
# with all six; ben codes 84-95 with 1.1 (a memo) and 96-100 with 2
# (weight 80).
sdoc() {
	P=$T/p.anker
	printf 'I: Erste Frage hier. Zweiter Satz folgt.\nB: Die Antwort kommt. Noch ein Satz dazu.\n\nPortal eins, portal zwei, PORTAL drei.\n' > "$T/t.txt"
	anker -p "$P" init >/dev/null 2>&1
	anker -p "$P" import "$T/t.txt" >/dev/null 2>&1
	local c
	for c in Verflechtung "Verflechtung >> Koordination Bund - Länder" \
	    "Verflechtung >> Koordination Länder" "Verflechtung >> Koordination Land - Kommune" \
	    "Verflechtung >> Koordination mit extern" Beta; do
		anker -p "$P" codes add "$c" >/dev/null
	done
	for c in 1 1.1 1.2 1.3 1.4 2; do
		anker -p "$P" mark t "$c" 0 40 --coder anna >/dev/null
	done
	anker -p "$P" mark t 1.1 84 95 --coder ben --memo "Portale zählen" >/dev/null
	anker -p "$P" mark t 2 96 100 --coder ben --weight 80 >/dev/null
}

test_stripes_plain_with_plus_n_80x24() {
	sdoc
	screen -s 80x24 '<Enter>'
	# six codes on three columns: one mark (a color) and "+5"
	expect_line 2 "| 1  +5 I: Erste Frage hier."
	# a coding with a memo starts on paragraph 4: '*' beside the text
	expect_line 5 "| 4    *Portal eins"
	# the cursor's line: its codings by number, name and coder
	expect_line 23 "| 1 Verflechtung (anna), 1.1 Koordination Bund - Länder"
	expect_width 80
}

test_stripes_labelled_200x60() {
	sdoc
	screen -s 200x60 '<Enter>'
	# four lanes named by code number, the two codings left over as "+2"
	expect_line 2 "| 1 1      1.1    1.2    1.3    +2  I: Erste Frage hier."
	expect_line 5 "| 4 1.1    2                       *Portal eins"
	expect_width 200
}

test_stripes_toggle_at_any_width() {
	sdoc
	screen -s 80x24 '<Enter>L'
	expect_line 2 "| 1 1      1.1    1.2    +3  I: Erste"
	expect_out "Coding stripes: labelled"
	expect_width 80
	screen -s 200x60 '<Enter>L'
	expect_line 2 "| 1  +5 I: Erste Frage hier."
	expect_out "Coding stripes: plain marks"
}

test_stripes_letters_without_color() {
	sdoc
	NO_COLOR=1 screen -s 80x24 '<Enter>'
	expect_line 2 "| 1 a+5 I: Erste Frage hier."
	expect_line 23 "| a 1 Verflechtung (anna), b 1.1 Koordination"
}

test_stripes_cursor_line_memo_and_weight() {
	sdoc
	screen -s 200x60 '<Enter>jjj'
	expect_line 59 "| 1.1 Koordination Bund - Länder (ben, memo: Portale zählen), 2 Beta (ben, weight 80)"
	screen -s 80x24 '<Enter>jjj'
	expect_line 23 "| 1.1 Koordination Bund - Länder (ben, memo: Portale zä…"
	screen -s 80x24 '<Enter>j'
	expect_line 23 "(no coding on this line)"
}

test_code_from_tree_enter_and_c() {
	sdoc
	# select "I: E", to the code tree, two down (1.2), Enter codes
	screen -s 80x24 '<Enter>vw<Tab><Tab>jj<Enter>'
	expect_out "Coded 0-4 with 1.2 Koordination Länder"
	screen -s 80x24 '<Enter>wvw<Tab><Tab>jjjc'
	expect_out "Coded 3-10 with 1.3 Koordination Land - Kommune"
	expect_eq "0|4|1.2
3|10|1.3" "$(sql "$P" "SELECT s.start || '|' || s.\"end\" || '|' || c.number FROM segment s
	    JOIN code c ON c.id = s.code_id JOIN coder k ON k.id = s.coder_id
	    WHERE k.name = 'tester' ORDER BY s.start")" "codings by tester"
	# without a selection: Enter folds, c says what is missing
	screen -s 80x24 '<Enter><Tab><Tab>c'
	expect_out "Nothing selected"
	screen -s 80x24 '<Tab>c'
	expect_out "No document open"
	expect_eq 2 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder k ON k.id = s.coder_id
	    WHERE k.name = 'tester'")" "no more codings"
}

test_tree_names_keep_siblings_apart() {
	demo_copy
	screen -s 80x24 ''
	expect_out "2.4 …Bund - Länd"
	expect_out "2.5 Koordi…Länder"
	expect_out "2.6 …Land - Komm"
	expect_out "2.8 Ko…mit extern"
	expect_out "2.3 Koo…onsstelle"
	expect_width 80
	screen -s 200x60 ''
	expect_out "2.4 Koordination Bund - Länder "
	expect_out "2.6 Koordination Land - Kommune "
}

test_finder_paths_cut_from_the_left() {
	demo_copy
	screen -s 80x24 '<Enter>f2.12.8'
	expect_out "| 2.12.8.1 … >> Neue Schnittstelle"
	expect_out "| 2.12.8 … >> Institutioneller Datenabgleich"
	expect_width 80
	screen -s 200x60 '<Enter>f2.12.8'
	expect_out "2.12.8.1 Verflechtungsorganisation >> Optimierung >> Institutioneller Datenabgleich >> Neue Schnittstelle"
}

test_finder_no_create_row_for_an_exact_match() {
	sdoc
	local q
	for q in 'koordination länder' 'Koordination Länder' '1.2' '1.2 koordination länder' \
	    'verflechtung >> koordination länder'; do
		screen -s 80x24 "<Enter>f$q"
		expect_out "1.2 Verflechtung >> Koordination Länder"
		expect_no_out "+ create"
	done
	screen -s 80x24 '<Enter>fKoord'
	expect_out '+ create code "Koord"'
}

test_invivo_coding_one_undo_step() {
	sdoc
	screen -s 80x24 '<Enter>jvwwi'
	expect_out "Coded 41-49 in vivo with a new code 3 B: Die A"
	expect_eq "41|49|tester" "$(sql "$P" "SELECT s.start || '|' || s.\"end\" || '|' || k.name
	    FROM segment s JOIN code c ON c.id = s.code_id JOIN coder k ON k.id = s.coder_id
	    WHERE c.name = 'B: Die A' AND c.parent_id IS NULL")" "the new code's coding"
	expect_eq "in-vivo code
in-vivo segment" "$(sql "$P" "SELECT action || ' ' || entity FROM log WHERE step =
	    (SELECT MAX(step) FROM log) ORDER BY id")" "one step"
	# again on the same words: the code is there, so is the coding
	screen -s 80x24 '<Enter>jvwwi'
	expect_out "has this coding already"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM code WHERE name = 'B: Die A'")" "one code"
	run anker -p "$P" undo --coder tester --yes
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM code WHERE name = 'B: Die A'")" "code undone"
	expect_eq 8 "$(sql "$P" "SELECT COUNT(*) FROM segment")" "coding undone"
	screen -s 80x24 '<Enter>i'
	expect_out "Nothing selected"
}

# The demo's subcodes 2.1-2.12 (2.13 is below the pane) each get their
# own xterm color (their swatches in the code tree), and the labelled
# stripes show at 200x60.
test_tmux_colors_and_stripes_200x60() {
	demo_copy
	tmux_start 200 60 env TERM=xterm-256color "$ANKER" -p "$P" tui
	wait_screen "Code System (54)" || return 0
	# The title can be on the pane before the tree's rows under it (tmux
	# takes the frame as it comes): the swatches are counted until all
	# twelve are drawn, at most 20 s.
	local colors i=0
	while :; do
		colors=$(tm capture-pane -e -p -t t | grep -a ' 2\.[0-9]* ' |
		    grep -av ' 2\.[0-9]*\.[0-9]' | sed -n 's/.*48;5;\([0-9]*\)m .*/\1/p')
		[ "$(printf '%s\n' "$colors" | grep -c .)" -ge 12 ] || [ $i -ge 400 ] && break
		sleep 0.05
		i=$((i + 1))
	done
	expect_eq 12 "$(printf '%s\n' "$colors" | grep -c .)" "swatches of the subcodes of 2"
	expect_eq 12 "$(printf '%s\n' "$colors" | sort -u | grep -c .)" "distinct swatch colors: $colors"
	keys Enter
	wait_screen "Interview 01 – Stadt" || return 0
	keys : g o t o Space 1 6 Enter
	wait_screen "2.11.1 2.11.1" || return 0
	keys q
}

test_finder_create_path_with_missing_parents() {
	sdoc
	screen -s 200x60 '<Enter>vwfNeu >> Mitte >> Kind<Enter>'
	expect_out "No code 'Neu >> Mitte': create Neu >> Mitte >> Kind with its parents? y/N"
	expect_out "y/N, c: code the selection too"
	screen -s 80x24 '<Enter>vwfNeu >> Mitte >> Kind<Enter>n'
	expect_out "Nothing created"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM code WHERE name IN ('Neu', 'Mitte', 'Kind')")" \
		"no code after n"
	screen -s 200x60 '<Enter>vwfNeu >> Mitte >> Kind<Enter>c'
	expect_out "Created code 3.1.1 Kind with its parents and coded 0-4 with it"
	expect_eq "3 Neu
3.1 Mitte
3.1.1 Kind" "$(sql "$P" "SELECT number || ' ' || name FROM code WHERE number LIKE '3%'
	    ORDER BY number")" "the codes of the path"
	# the three codes and the coding are one step
	expect_eq "codes add code
codes add code
codes add code
mark segment" "$(sql "$P" "SELECT action || ' ' || entity FROM log WHERE step =
	    (SELECT MAX(step) FROM log) ORDER BY id")" "one step for the codes and the coding"
}

test_help_lists_the_new_keys() {
	sdoc
	screen -s 200x250 '?'
	expect_out "In-vivo coding: a new code named after the selected words codes them"
	expect_out "Coding stripes: labelled (code numbers, bars; wide panes) or plain marks"
	expect_out "fold or unfold the code (text selected: code it)"
}
