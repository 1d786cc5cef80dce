# Status-line messages (issue 12 item 5): what happened and to what stays
# on screen at 80 columns (the status gives way, paths are cut from the
# left), and E lists the last 100 messages in full.

test_message_keeps_what_happened_at_80_columns() {
	demo_copy
	screen -s 80x24 '<Tab>jj<Tab><Tab><Enter>vwc'
	expect_line 24 "Coded 0-11 with 2.1 Sonstige Unterflechtung ("
	expect_width 80
	# The GUID the message names is the stored coding's.
	local prefix
	prefix=$(line 24 | sed -n 's/.*(\([0-9a-f]\{8\}\)).*/\1/p')
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM segment WHERE guid LIKE '$prefix%'
	    AND start = 0 AND \"end\" = 11")" "the coding the status line names"
	# Room to spare: the whole status line as before.
	demo_copy
	screen -s 140x24 '<Tab>jj<Tab><Tab><Enter>vwc'
	expect_line 24 "p.anker | Interview 01 | Pos. 1 (10) | tester | NORMAL  Coded 0-11 with 2.1"
}

test_long_message_cut_and_shown_in_full() {
	demo_copy
	screen -s 40x12 '<Enter>Wx<Esc>'
	expect_line 12 "Weight not set: No coding at the curso…"
	expect_width 40
	screen -s 40x12 '<Enter>Wx<Esc>E'
	# The reason W gave, then what closing its prompt said.
	expect_line 1 "Messages (2, newest first)"
	expect_line 2 "> "
	expect_line 2 "  error"
	expect_line 3 "Weight not set: No coding at the"
	expect_line 4 "cursor (what was typed is kept: Up"
	expect_line 5 "recalls it)"
	expect_line 8 "No coding at the cursor"
	expect_width 40
	# Newest first; q closes.
	screen '<Enter>Wx<Esc>vE'
	expect_line 3 "Selection started"
	screen '<Enter>Wx<Esc>vEq'
	expect_line 1 "Documents (5)"
}

test_messages_keep_the_last_100() {
	demo_copy
	local k='<Enter>' i
	for ((i = 0; i < 105; i++)); do k+='x'; done
	screen "${k}E"
	expect_line 1 "Messages (100, newest first)"
	screen -s 120x250 '?'
	expect_help "messages The last 100 status-line messages in full"
}

test_export_names_the_file_then_its_absolute_path() {
	demo_copy
	local dir=$T/eine/sehr/lange/reihe/von/verzeichnissen/fuer/den/export
	mkdir -p "$dir"
	screen -s 80x24 "<Enter>:export freq csv $dir/freq.csv<Enter>"
	# the file's name first, where 80 columns show it; the absolute path
	# in full in the messages (E)
	expect_line 24 "Wrote freq.csv ("
	screen -s 200x24 "<Enter>:export freq csv $dir/freq.csv<Enter>E"
	expect_out ": $(realpath "$dir")/freq.csv"
	[ -s "$dir/freq.csv" ] || fail "no $dir/freq.csv"
}

# E opens the messages from the text pane too when no document is open
# (it said "No document open"), as do the other views' keys; the keys of
# the document itself still say there is none.
test_messages_from_the_empty_text_pane() {
	demo_copy
	screen '<Tab><Tab>jE'
	expect_line 1 "Messages (1, newest first)"
	expect_out "No document open: choose one and press Enter"
	screen '<Tab><Tab>F'
	expect_line 1 "Frequencies"
	screen '<Tab><Tab>v'
	expect_out "No document open: choose one and press Enter"
	expect_line 1 "Documents (5)"
}
