# Typed text never runs as commands (issue 12 item 3): a prompt key that
# cannot act (W with no coding at the cursor, M or / with no document, a
# verdict with no segment) opens its prompt all the same, saying why, so
# the memo typed next stays text; and the prompts keep a history per
# kind (Up/Down) for the session.

# changes: undone log entries and segments (the project as the demo made
# it: "0 128").
changes() { sql "$P" "SELECT (SELECT COUNT(*) FROM log WHERE undone = 1) || ' ' ||
    (SELECT COUNT(*) FROM segment)"; }

test_memo_where_no_coding_is_stays_text() {
	demo_copy
	# The text pane with no document open: no memo to write.  The u's of
	# the memo used to undo (here: the whole import).
	screen '<Tab><Tab>Mhallo uuu'
	expect_line 30 "Memo not set: No document open: choose one and press Enter (Esc): hallo uuu"
	screen '<Tab><Tab>Mhallo uuu<Enter>'
	expect_line 30 "Memo not set: No document open"
	expect_eq "0 128" "$(changes)" "undone entries and segments"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM memo")" "memos"
	# The same with W, and with / where no document is open.
	screen '<Enter>W50 uu<Esc>'
	screen '/ab uu<Enter>'
	screen '<Tab>jBydu m<Enter>'
	expect_eq "0 128" "$(changes)" "undone entries and segments"
	screen '<Tab>jBy'
	expect_line 30 "No verdict: no segment to review (Esc):"
}

# What was typed into the failed prompt comes back with Up in the next
# memo prompt, on a coding.
test_failed_memo_recalled_on_a_coding() {
	demo_copy
	# r on code 1 and Enter go to its first coding (two coders: the list
	# to choose from, Enter takes the first).
	screen '<Tab><Tab>Mdrei Wege<Esc><Tab><Tab>r<Enter>M<Enter><Up>'
	expect_line 30 "Memo (free; ^E: editor) on the codi"
	expect_line 30 ": drei Wege"
	screen '<Tab><Tab>Mdrei Wege<Esc><Tab><Tab>r<Enter>M<Enter><Up><Enter>'
	expect_out "Wrote the free memo on the coding "
	expect_eq "segment free drei Wege" "$(sql "$P" "SELECT target, type, text FROM memo" | tr '|' ' ')" \
		"the memo"
}

test_prompt_history_per_kind() {
	demo_copy
	screen '<Enter>/Stadt<Enter>/Amt<Enter>:goto 3<Enter>/<Up>'
	expect_line 30 "/Amt"
	screen '<Enter>/Stadt<Enter>/Amt<Enter>:goto 3<Enter>/<Up><Up>'
	expect_line 30 "/Stadt"
	screen '<Enter>/Stadt<Enter>/Amt<Enter>:goto 3<Enter>/<Up><Up><Up>'
	expect_line 30 "/Stadt"
	# Down comes back to what was being typed.
	screen '<Enter>/Stadt<Enter>/Amt<Enter>/Wo<Up><Up><Down><Down>'
	expect_line 30 "/Wo"
	screen '<Enter>/Stadt<Enter>/Amt<Enter>:goto 3<Enter>:<Up>'
	expect_line 30 ":goto 3"
	# Esc keeps the text too; an empty prompt adds nothing.
	screen '<Enter>/Sta<Esc>/<Enter>/<Up>'
	expect_line 30 "/Sta"
	screen ':<Up>'
	expect_line 30 ":"
}
