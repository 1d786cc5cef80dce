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

# model: the suggestion model built (the first suggest --doc builds it);
# idle time never builds it (a write, which may wait for another process).
model() {
	"$ANKER" -p "$P" suggest --doc "Interview 01" --lines 1-1 >/dev/null || fail "suggest --doc"
	expect_eq "de" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" "the model"
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
	# without the model nothing is computed: building it is \'s (or H's)
	screen '<Tab>jjB<Idle>'
	expect_eq "0" "$(kept)" "kept after idle time without the model"
	expect_eq "" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"no model built while idle"
	model
	screen '<Tab>jjB<Idle>'
	expect_eq "1" "$(kept)" "kept after idle time in B"
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
	model
	screen '<Tab>jj<Idle>'
	expect_eq "0" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "idle in the panes"
	screen '<Tab>jjB:<Idle>'
	expect_eq "0" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "idle in B's : prompt"
	run env ANKER_NO_CACHE=1 ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS='<Tab>jjB<Idle>' \
		"$ANKER" -p "$P" tui
	expect_rc 0
	expect_eq "0" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "idle with ANKER_NO_CACHE"
	screen '<Tab>jjB<Idle>'
	expect_eq "1" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "the code under review's only"
	expect_eq "1" "$(kept)" "2.1's"
}

# A key typed while it computes cancels it (headless: the script's next
# key is there at once) and is handled: jjj moves the cursor three cards.
# Nothing is kept then; the next idle time computes.
test_review_idle_cancelled_by_keys() {
	demo_copy
	more_passages
	model
	screen -s 100x40 '<Tab>jjB<Idle>jjj'
	expect_out "|> Interview 02, Pos. 8 | 319-684"
	expect_eq "0" "$(kept)" "kept after keys cancelled it"
	screen -s 100x40 '<Tab>jjB<Idle>jjj<Idle>'
	expect_out "|> Interview 02, Pos. 8 | 319-684"
	expect_eq "1" "$(kept)" "kept at the next idle time"
}

# A change makes the kept result stale (the project's triggers drop it);
# the next idle time computes it again.
test_review_idle_again_after_change() {
	demo_copy
	model
	cp "$P" "$T/start.anker"
	screen '<Tab>jjB<Idle>]'
	expect_eq "0" "$(kept)" "kept after ] moved the segment's end"
	cp "$T/start.anker" "$P"
	screen '<Tab>jjB<Idle>]<Idle>'
	expect_eq "1" "$(kept)" "kept at the idle time after the change"
	# a verdict changes the profiles too (fits count twice): B's list is
	# not read again, but the boundaries are worked out again when idle
	cp "$T/start.anker" "$P"
	screen '<Tab>jjB<Idle>y<Enter>'
	expect_eq "0" "$(kept)" "kept after a verdict"
	cp "$T/start.anker" "$P"
	screen '<Tab>jjB<Idle>y<Enter><Idle>'
	expect_eq "1" "$(sql "$P" "SELECT COUNT(*) FROM review")" "the verdict"
	expect_eq "1" "$(kept)" "kept at the idle time after the verdict"
	expect_eq "" "$(project_unsound "$P")" "project"
}

# In a terminal: idle means no key for the key timeout.  B left alone
# keeps the boundaries, \ shows them; jjj typed at once all count; a
# passage coded by another process is picked up and the boundaries are
# computed again.
test_tmux_review_idle() {
	demo_copy
	more_passages
	model
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
