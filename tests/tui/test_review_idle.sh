# Where the code blurs (\ in B), computed while the reviewer is idle
# (issue 18): ranking a code's segments takes a second at ten million of
# them and every change makes the kept result stale, so B computes it when
# no key has come for a while and keeps it in the project, as \ does; \
# then reads it.  A key cancels the computing and is handled as if nothing
# had happened.  Headless (<Idle> is the idle time; a key after it is one
# typed meanwhile) and tmux; the project checked with sqlite3.
#
# In the demo's code tree '<Tab>jj' is 2.1: one passage (Interview 01,
# Pos. 44) coded by anna and ben.

# kept: the boundaries of 2.1 kept as B asks for them (ten rows a list).
kept() {
	sql "$P" "SELECT COUNT(*) FROM bounds_cache b JOIN code c ON c.guid = b.code
	  WHERE c.number = '2.1' AND b.lim = 10"
}

# more_passages: 2.1 on four more passages, Interview 02, Pos. 4, 6, 8, 10.
more_passages() {
	local i
	for i in 4 6 8 10; do
		"$ANKER" -p "$P" mark "Interview 02" 2.1 --lines "$i-$i" --coder anna >/dev/null ||
			fail "mark Interview 02 line $i"
	done
}

test_review_idle_keeps_boundaries() {
	demo_copy
	screen '<Tab>jjB<Idle>'
	expect_eq "1" "$(kept)" "kept after idle time in B"
	expect_eq "de" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"the model built for it"
	# \ reads what was kept, not ranks again: a kept row changed shows.
	sql "$P" "UPDATE bounds_cache SET data = CAST(replace(CAST(data AS TEXT), 'Interview',
	    'INTERVIEW') AS BLOB)"
	screen '<Tab>jjB\'
	expect_out "Where 2.1 "
	expect_out "INTERVIEW 01, Pos. 44: "
	expect_eq "" "$(project_unsound "$P")" "project after the idle time"
}

# Only in B, only for its code, never while a prompt is open, and nothing
# kept with ANKER_NO_CACHE (computing would be for nothing).
test_review_idle_only_in_b() {
	demo_copy
	screen '<Tab>jj<Idle>'
	expect_eq "0" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "idle in the panes"
	screen '<Tab>jjB:<Idle>'
	expect_eq "0" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "idle in B's : prompt"
	run env ANKER_NO_CACHE=1 ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS='<Tab>jjB<Idle>' \
		"$ANKER" -p "$P" tui
	expect_rc 0
	expect_eq "" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"no model built with ANKER_NO_CACHE"
	screen '<Tab>jjB<Idle>'
	expect_eq "1" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "the code under review's only"
	expect_eq "1" "$(kept)" "2.1's"
}

# A key typed while it computes cancels it (headless: the script's next
# key is there at once) and is handled: jjj moves the cursor three cards.
# Nothing is kept then, not even the model; the next idle time computes.
test_review_idle_cancelled_by_keys() {
	demo_copy
	more_passages
	screen -s 100x40 '<Tab>jjB<Idle>jjj'
	expect_out "|> Interview 02, Pos. 8 | 319-684"
	expect_eq "0" "$(kept)" "kept after keys cancelled it"
	expect_eq "" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"no model after keys cancelled it"
	screen -s 100x40 '<Tab>jjB<Idle>jjj<Idle>'
	expect_out "|> Interview 02, Pos. 8 | 319-684"
	expect_eq "1" "$(kept)" "kept at the next idle time"
}

# A change makes the kept result stale (the project's triggers drop it);
# the next idle time computes it again.
test_review_idle_again_after_change() {
	demo_copy
	cp "$P" "$T/start.anker"
	screen '<Tab>jjB<Idle>]'
	expect_eq "0" "$(kept)" "kept after ] moved the segment's end"
	cp "$T/start.anker" "$P"
	screen '<Tab>jjB<Idle>]<Idle>'
	expect_eq "1" "$(kept)" "kept at the idle time after the change"
	expect_eq "" "$(project_unsound "$P")" "project"
}

# In a terminal: idle means no key for the key timeout.  B left alone
# keeps the boundaries, \ shows them; jjj typed at once all count; a
# passage coded by another process is picked up and the boundaries are
# computed again.
test_tmux_review_idle() {
	demo_copy
	more_passages
	tmux_start 100 40 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys Tab j j B
	wait_screen "Codebook and review: 6 segments"
	wait_sql "$P" "SELECT COUNT(*) FROM bounds_cache" 1
	expect_eq "1" "$(kept)" "2.1's kept"
	keys '\'
	wait_screen "Interview 01, Pos. 44: "
	keys '\'
	wait_screen "Definition"
	keys j j j
	wait_screen "|> Interview 02, Pos. 8 | 319-684"
	local gen
	gen=$(sql "$P" "SELECT gen FROM bounds_state")
	"$ANKER" -p "$P" mark "Interview 02" 2.1 --lines 12-12 --coder anna >/dev/null ||
		fail "mark Interview 02 line 12"
	wait_screen "Codebook and review: 7 segments"
	wait_sql "$P" "SELECT gen > $gen AND (SELECT COUNT(*) FROM bounds_cache) = 1
	  FROM bounds_state" 1
	expect_eq "1" "$(kept)" "2.1's kept again"
	keys q
	wait_screen_gone "Codebook and review" || fail "B did not close"
	expect_eq "" "$(project_unsound "$P")" "project"
	tmux_cleanup
}
