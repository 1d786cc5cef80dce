# The supervisor fixes and explores where the misfit is found (issues 14
# and 17), inside the codebook and review view B: the chosen segment's
# boundaries moved a word (, . [ ]) with undo; u, Ctrl-R, :undo and :redo
# all acting for the reviewer; the candidates (Z) coded (c) or promoted
# to anchor examples (a); where the code blurs (\).  Headless at 80x24
# and 200x60; the project checked with sqlite3 afterwards.
#
# In the demo's code tree '<Tab>jj' is 2.1: one passage (Interview 01,
# Pos. 44, code points 6024-6275) coded by anna and ben.

# extent CODER: "start-end" of CODER's 2.1 segment.
extent() {
	sql "$P" "SELECT s.start || '-' || s.\"end\" FROM segment s JOIN code c ON c.id = s.code_id
	  JOIN coder k ON k.id = s.coder_id WHERE c.number = '2.1' AND k.name = '$1'"
}

last_step() {
	sql "$P" "SELECT action, coder, undone FROM log ORDER BY id DESC LIMIT 1"
}

# boss KEYS [SIZE]: the screen, boss the reviewer.
boss() {
	sql "$P" "DELETE FROM coder_state"
	run env ANKER_REVIEWER=boss ANKER_TUI_HEADLESS="${2:-100x30}" ANKER_TUI_KEYS="$1" \
		"$ANKER" -p "$P" tui
	expect_rc 0
}

test_review_moves_segment_boundaries() {
	demo_copy
	expect_eq 6024-6275 "$(extent anna)" "anna's 2.1 segment at first"
	# . moves the start a word right: the card shows the new extent at once
	# (anna's passage is no longer ben's: a card of its own, still chosen).
	screen -s 80x24 '<Tab>jjB.'
	expect_out "Moved the segment to 6028-6275 (u undoes)"
	expect_out "> Interview 01, Pos. 44 | 6028-6275"
	expect_out "Interview 01, Pos. 44 | 6024-6275"
	expect_width 80
	expect_eq 6028-6275 "$(extent anna)" "after ."
	expect_eq 6024-6275 "$(extent ben)" "ben's after ."
	expect_eq "segment set|tester|0" "$(last_step)" "the step"
	# , moves it back (j: anna's card is the second now).
	screen -s 200x60 '<Tab>jjBj,'
	expect_out "Moved the segment to 6024-6275"
	expect_eq 6024-6275 "$(extent anna)" "after ,"
	# ] the end a word right, [ a word left again: the cursor stays on
	# the moved segment, each move one step.
	screen -s 200x60 '<Tab>jjB]['
	expect_out "Moved the segment to 6024-6275 (u undoes)"
	expect_width 200
	expect_eq 6024-6275 "$(extent anna)" "after ] ["
	screen -s 80x24 '<Tab>jjBu'
	expect_out "Undid step"
	end=$(extent anna); end=${end#6024-}
	[ "$end" -gt 6275 ] || fail "] should have moved the end right, got 6024-$end"
	screen -s 200x60 '<Tab>jjB'
	expect_out "Interview 01, Pos. 44 | 6024-$end"
	screen -s 80x24 '<Tab>jjBu'
	expect_eq 6024-6275 "$(extent anna)" "after u u"
	# ben's segment (l chooses him), as boss: the step is boss's.
	boss '<Tab>jjBl[' 200x60
	expect_out "Moved the segment to 6024-"
	expect_eq "segment set|boss|0" "$(last_step)" "boss's step"
	expect_eq 6024-6275 "$(extent anna)" "anna's after ben's ["
	expect_eq "" "$(project_unsound "$P")" "project after the moves"
	# A move that would leave nothing is refused, nothing written.
	demo_copy
	screen -s 80x24 '<Tab>jjB[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['
	expect_out "The segment cannot move that way (6024-"
	first=$(extent anna)
	n=$(sql "$P" "SELECT COUNT(*) FROM log")
	screen -s 80x24 '<Tab>jjB['
	expect_out "The segment cannot move that way ($first)"
	expect_eq "$n" "$(sql "$P" "SELECT COUNT(*) FROM log")" "log entries after a refused move"
	expect_eq 6024-6027 "$first" "anna's segment down to its first word"
	expect_eq "" "$(project_unsound "$P")" "project after the moves"
}

test_review_undo_acts_for_reviewer() {
	demo_copy
	anna=$(sql "$P" "SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id JOIN coder k
	  ON k.id = s.coder_id WHERE c.number = '2.1' AND k.name = 'anna'")
	# tester's own step, after which boss judges in B.
	ANKER_CODER=tester "$ANKER" -p "$P" mark "Interview 02" 2.1 0 10 >/dev/null
	boss '<Tab>jjBy<Enter>'
	expect_eq "review|boss|0" "$(last_step)" "boss's verdict"
	# :undo on B's command line undoes boss's verdict, not tester's coding
	boss '<Tab>jjB:undo<Enter>' 80x24
	expect_out "Undid step"
	expect_eq "" "$(sql "$P" "SELECT verdict FROM review")" "verdicts after :undo"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN document d ON d.id = s.doc_id
	  WHERE d.name = 'Interview 02' AND s.start = 0")" "tester's coding after boss's :undo"
	expect_width 80
	# :redo and Ctrl-R redo boss's; u undoes it again.
	boss '<Tab>jjB:redo<Enter>' 200x60
	expect_out "Redid step"
	expect_eq "fits" "$(sql "$P" "SELECT verdict FROM review")" "after :redo"
	boss '<Tab>jjBu<C-r>' 200x60
	expect_out "Redid step"
	expect_eq "fits" "$(sql "$P" "SELECT verdict FROM review")" "after u Ctrl-R"
	expect_width 200
	boss '<Tab>jjBu'
	expect_eq "" "$(sql "$P" "SELECT verdict FROM review")" "after u"
	# Outside B u and :undo are the coder's: tester's coding goes.
	boss ':undo<Enter>'
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN document d ON d.id = s.doc_id
	  WHERE d.name = 'Interview 02' AND s.start = 0")" "tester's coding after :undo outside B"
	expect_eq 1 "$(sql "$P" "SELECT undone FROM log WHERE action = 'mark'
	  ORDER BY id DESC LIMIT 1")" "tester's coding undone outside B"
	expect_eq "" "$(verdicts_of "$anna")" "no verdict came back"
	expect_eq "" "$(project_unsound "$P")" "project after the undos"
}

verdicts_of() {
	sql "$P" "SELECT r.verdict FROM review r JOIN segment s ON s.id = r.segment_id
	  WHERE s.guid = '$1'"
}

# cand N: "document|start|end" of the code 2.1's N-th candidate, as
# `anker suggest` ranks them.
cand() {
	"$ANKER" -p "$P" suggest --code 2.1 -n 20 --format tsv |
		awk -F'\t' -v n="$1" 'NR == n + 1 { print $1 "|" $3 "|" $4 }'
}

coded_21() {   # coded_21 DOC START END: CODER of such a 2.1 segment
	sql "$P" "SELECT k.name FROM segment s JOIN code c ON c.id = s.code_id JOIN coder k
	  ON k.id = s.coder_id JOIN document d ON d.id = s.doc_id WHERE c.number = '2.1'
	  AND d.name = '$1' AND s.start = $2 AND s.\"end\" = $3"
}

test_review_candidates_coded_and_promoted() {
	demo_copy
	IFS='|' read -r doc start end <<<"$(cand 1)"
	n=$("$ANKER" -p "$P" suggest --code 2.1 -n 20 --format tsv | tail -n +2 | wc -l)
	[ "$n" -gt 1 ] || fail "the demo should have candidates for 2.1, got $n"
	# Not computed when B opens; Z lists them as suggest does.
	screen -s 80x24 '<Tab>jjB'
	expect_no_out "Candidates for"
	screen -s 80x24 '<Tab>jjBZ'
	expect_line 1 "Candidates for 2.1 Verflechtungsorganisation"
	expect_out "$n candidates"
	expect_out "> $doc"
	expect_out "| $start-$end | score "
	expect_width 80
	# y does not judge a candidate; Z again: the segments.
	screen -s 80x24 '<Tab>jjBZy'
	expect_out "Candidates shown"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM review")" "verdicts after y on a candidate"
	screen -s 80x24 '<Tab>jjBZZ'
	expect_line 1 "Codebook and review: 2 segments"
	# c codes the first with 2.1, as the reviewer; it leaves the list.
	boss '<Tab>jjBZc' 200x60
	expect_out "Coded $start-$end as boss (u undoes)"
	expect_out "$((n - 1)) passages not coded with it"
	expect_no_out "| $start-$end | score"
	expect_width 200
	expect_eq boss "$(coded_21 "$doc" "$start" "$end")" "the candidate coded"
	expect_eq "mark|boss|0" "$(last_step)" "the step"
	# a codes the next and makes it anchor example 2, one step: u takes both.
	IFS='|' read -r doc2 start2 end2 <<<"$(cand 1)"
	screen -s 200x60 '<Tab>jjBZa'
	expect_out "Coded $start2-$end2 as tester, anchor example 2 (u undoes)"
	expect_out "2. „"
	expect_eq tester "$(coded_21 "$doc2" "$start2" "$end2")" "the second candidate coded"
	g=$(sql "$P" "SELECT s.guid FROM segment s JOIN document d ON d.id = s.doc_id
	  WHERE d.name = '$doc2' AND s.start = $start2 AND s.\"end\" = $end2")
	expect_eq "2|$g" "$(sql "$P" "SELECT a.position, a.segment_guid FROM anchor a JOIN code c
	  ON c.id = a.code_id WHERE c.number = '2.1' AND a.segment_guid IS NOT NULL")" "the anchor"
	screen -s 80x24 '<Tab>jjBu'
	expect_eq "" "$(coded_21 "$doc2" "$start2" "$end2")" "the coding after u"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM anchor a JOIN code c ON c.id = a.code_id
	  WHERE c.number = '2.1'")" "the anchors after u"
	expect_eq boss "$(coded_21 "$doc" "$start" "$end")" "boss's coding stays"
	expect_eq "" "$(project_unsound "$P")" "project after the candidates"
}

test_review_boundaries_panel() {
	demo_copy
	other=$("$ANKER" -p "$P" review boundaries --code 2.1 --list pairs --format tsv |
		awk -F'\t' 'NR == 2 { print ($1 == "2.1" ? $3 : $1) }')
	[ -n "$other" ] || fail "the demo should have a code overlapping 2.1"
	closer=$("$ANKER" -p "$P" review boundaries --code 2.1 --list segments --format tsv |
		awk -F'\t' 'NR == 2 { print $7 }')
	screen -s 200x60 '<Tab>jjB\'
	expect_line 2 "Where 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung blurs"
	expect_out "Segments closer to another code:"
	expect_out "Interview 01, Pos. 44: $closer "
	expect_out "Anchor examples that read like another code's:"
	expect_out "Codes it overlaps most (similarity: shared terms):"
	expect_out "- $other "
	expect_no_out "Definition:"
	expect_width 200
	screen -s 80x24 '<Tab>jjB\'
	expect_out "Where 2.1"
	expect_width 80
	# \ again: the codebook; J walks on and keeps the boundaries (of 2.2).
	screen -s 80x24 '<Tab>jjB\\'
	expect_out "Definition:"
	screen -s 200x60 '<Tab>jjB\J'
	expect_out "Where 2.2 "
}

test_review_fix_keys_in_help() {
	demo_copy
	screen -s 200x250 '?'
	for name in segment-start-left segment-start-right candidates boundaries \
		"in the review: of the chosen segment"; do
		expect_out "$name"
	done
}

# \ on a project without the suggestion model builds it first: Escape
# cancels (the project as it was), the next \ builds it.  The boundaries
# computed are kept in the project (schema 12): \ again, or B back on the
# code, reads them (a kept result marked by hand shows).
test_review_boundaries_kept_and_cancelled() {
	demo_copy
	expect_eq "" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" "no model yet"
	local parts
	parts=$(sql "$P" "SELECT COUNT(*) FROM model_part")
	screen -s 100x30 '<Tab>jjB\<Esc>'
	expect_out "suggestion model cancelled; nothing"
	expect_eq "" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" \
		"no model after Escape"
	expect_eq "$parts" "$(sql "$P" "SELECT COUNT(*) FROM model_part")" "model_part after Escape"
	screen -s 100x30 '<Tab>jjB\'
	expect_out "Interview 01, Pos. 44: "
	expect_eq "de" "$(sql "$P" "SELECT value FROM meta WHERE key = 'suggest_lang'")" "built"
	expect_eq "1" "$(sql "$P" "SELECT COUNT(*) FROM bounds_cache")" "kept"
	sql "$P" "UPDATE bounds_cache SET data = CAST(replace(CAST(data AS TEXT), 'Interview',
	    'INTERVIEW') AS BLOB)"
	screen -s 100x30 '<Tab>jjB\\\'
	expect_out "INTERVIEW 01, Pos. 44: "
	screen -s 100x30 '<Tab>jjB\JK'
	expect_out "Where 2.1 "
	expect_out "INTERVIEW 01, Pos. 44: "
	expect_eq "" "$(project_unsound "$P")" "project after the boundaries"
}
