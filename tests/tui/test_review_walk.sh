# The supervisor's review (issue 14): walking the code system inside B
# (J/K, T), the cursor moving on after a verdict, the reviewer's identity,
# cards that keep coder and weight, context with z, a misfit recoded (f)
# or removed (x) where it is found, and undo of it.  Headless and tmux;
# the project checked with sqlite3 afterwards.
#
# In the demo's code tree '<Tab>jj' is 2.1 (two segments, both at
# Interview 01, Pos. 44: anna's first, then ben's); 2.2 has three, 2.3 two.

# seg_of CODE CODER: the GUID of CODER's first segment of CODE.
seg_of() {
	sql "$P" "SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id JOIN coder k
	  ON k.id = s.coder_id WHERE c.number = '$1' AND k.name = '$2' ORDER BY s.start, s.id LIMIT 1"
}

# verdicts GUID: "verdict|comment|reviewer" of each review of the segment.
verdicts() {
	sql "$P" "SELECT r.verdict, r.comment, v.name FROM review r JOIN segment s ON s.id = r.segment_id
	  JOIN coder v ON v.id = r.reviewer_id WHERE s.guid = '$1' ORDER BY r.id" | tr '\n' ' '
}

code_of() {
	sql "$P" "SELECT c.number FROM segment s JOIN code c ON c.id = s.code_id WHERE s.guid = '$1'"
}


# as_boss KEYS: screen, with boss as the reviewer.
as_boss() {
	sql "$P" "DELETE FROM coder_state"
	run env ANKER_REVIEWER=boss ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS="$1" "$ANKER" -p "$P" tui
	expect_rc 0
}

test_review_walks_codes_judges_and_recodes() {
	demo_copy
	anna=$(seg_of 2.1 anna); ben=$(seg_of 2.1 ben); first22=$(sql "$P" "SELECT s.guid FROM segment s
	  JOIN code c ON c.id = s.code_id JOIN document d ON d.id = s.doc_id WHERE c.number = '2.2'
	  ORDER BY d.name, s.start, s.id LIMIT 1")
	screen '<Tab>jjB'
	expect_line 1 "Codebook and review: 2 segments, 0 judged by tester"
	expect_line 2 "2.1 Verflechtungsorganisation >>"
	# A verdict moves the cursor to the next segment not judged yet.
	screen '<Tab>jjBy<Enter>'
	expect_line 1 "2 segments, 1 judged by tester"
	# anna and ben coded the same passage: one card, the verdict moves on to ben's
	expect_out "  > ben | weight 0"
	expect_out "Verdict on anna's: fits by tester"
	# Judge ben's as a misfit, walk on to 2.2 and 2.3 and back, fix the
	# misfit by recoding it to 2.4.
	screen '<Tab>jjBy<Enter>deher 2.4<Enter>Jy<Enter>JKKlf2.4<Enter>'
	expect_out "Recoded to 2.4 Koordination Bund - Länder (u undoes)"
	expect_line 1 "Codebook and review: 1 segment, 1 judged by tester"
	expect_line 2 "2.1 Verflechtungsorganisation >>"
	expect_eq "fits||tester fits||tester " "$(verdicts "$anna")" "anna's 2.1 segment"
	expect_eq "fits||tester " "$(verdicts "$first22")" "2.2's first segment"
	expect_eq "2.4" "$(code_of "$ben")" "ben's segment after f 2.4"
	expect_eq "" "$(verdicts "$ben")" "the verdicts on the old code after the recode"
	expect_eq "segment recode|segment|tester" \
		"$(sql "$P" "SELECT action, entity, coder FROM log ORDER BY id DESC LIMIT 1")" "log"
	# u in the view undoes the recode: the code and the verdict are back.
	screen '<Tab>jjBu'
	expect_out "Undid step"
	expect_line 1 "2 segments"
	expect_eq "2.1" "$(code_of "$ben")" "ben's segment after u"
	expect_eq "misfit|eher 2.4|tester " "$(verdicts "$ben")" "ben's verdict after u"
	expect_eq "" "$(project_unsound "$P")" "project after the walk"
}

test_review_next_code_to_judge() {
	demo_copy
	for g in $(sql "$P" "SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id
	           WHERE c.number IN ('2.1', '2.2')"); do
		"$ANKER" -p "$P" review "$g" fits 2>/dev/null
	done
	screen '<Tab>jjBT'
	expect_line 2 "2.3 Verflechtungsorganisation >>"
	expect_line 1 "2 segments, 0 judged by tester"
	# Another reviewer has judged nothing: 2.2 is the next code for boss.
	as_boss '<Tab>jjBT'
	expect_line 2 "2.2 Verflechtungsorganisation"
	screen '<Tab>jjBKKK'
	expect_out "The first code"
	expect_line 2 "1 Verflechtungsdichte"
}

test_review_as_reviewer_marks_own_segments() {
	demo_copy
	as_boss '<Tab>jjBd<Enter>'
	expect_line 30 "tester | reviewer boss"
	expect_line 1 "judged by boss"
	expect_eq "misfit||boss " "$(verdicts "$(seg_of 2.1 anna)")" "the verdict's reviewer"
	expect_eq "review|boss" "$(sql "$P" "SELECT action, coder FROM log ORDER BY id DESC LIMIT 1")" "log"
	# u undoes the reviewer's step, not the coder's
	as_boss '<Tab>jjBu'
	expect_out "Undid step"
	expect_eq "" "$(verdicts "$(seg_of 2.1 anna)")" "after u"
	# :reviewer NAME: anna judging her own segment sees it marked
	screen '<Tab>jjB:reviewer anna<Enter>'
	expect_out "Judging as anna"
	expect_out "anna | weight 0 | own"
	expect_no_out "ben | weight 0 | own"
	expect_line 30 "tester | reviewer anna"
	screen ':reviewer<Enter>'
	expect_out "Judging as tester"
}

test_review_cards_keep_coder_weight_and_anchor() {
	demo_copy
	screen -s 80x24 '<Tab>jjBa'
	expect_out "Added anchor example 2"
	expect_out "anna | weight 0 | anchor example 2"
	expect_out "ben | weight 0"
	expect_no_out "| Verflechtungsorganisation >> Sonstige Unterflechtung |"
	expect_width 80
	screen -s 40x12 '<Tab>jjB'
	expect_out "anna | weight 0"
	expect_width 40
}

test_review_context_and_remove() {
	demo_copy
	screen '<Tab>jjBz'
	expect_out "Context: Interview 01"
	expect_out "44 > "
	expect_out "43   "
	expect_no_out "Definition:"
	screen '<Tab>jjBzz'
	expect_out "Definition:"
	screen '<Tab>jjBlx'
	expect_out "Removed the segment (u undoes)"
	expect_line 1 "1 segment,"
	expect_eq "" "$(seg_of 2.1 ben)" "ben's segment after x"
	screen '<Tab>jjBu'
	expect_line 1 "2 segments"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN code c ON c.id = s.code_id
	  JOIN coder k ON k.id = s.coder_id WHERE c.number = '2.1' AND k.name = 'ben'")" "after u"
}

test_review_keys_in_help() {
	demo_copy
	screen -s 140x250 '?'
	for name in next-code previous-code next-to-judge context verdicts verdict-all anchor-pick ":reviewer"; do
		expect_out "$name"
	done
	expect_help "in the review: recode the segment"
}

test_tmux_review_walk() {
	demo_copy
	ben=$(seg_of 2.1 ben)
	tmux_start 100 30 "$ANKER" -p "$P" tui
	wait_screen "Documents (5)"
	keys Tab j j B
	wait_screen "Codebook and review: 2 segments, 0 judged"
	keys y Enter
	wait_screen "1 judged by tester"
	keys d
	wait_screen "Does not fit, comment"
	keys -l 'eher 2.4'
	keys Enter
	wait_screen "2 judged by tester"
	keys J
	wait_screen "2.2 Verflechtungsorganisation"
	keys J
	wait_screen "2.3 Verflechtungsorganisation"
	keys K K
	wait_screen "2.1 Verflechtungsorganisation"
	keys l f
	wait_screen "Recode the segment with"
	keys -l '2.4'
	keys Enter
	wait_screen "Recoded to 2.4"
	keys q q
	wait_screen_gone "Codebook and review" || fail "the view did not close"
	expect_eq "2.4" "$(code_of "$ben")" "ben's segment"
	expect_eq "" "$(project_unsound "$P")" "project"
	tmux_cleanup
}

# Verdicts outside B: Y in the code tree counts fits/misfit/borderline/
# unreviewed per code (a folded code with its subcodes'), the document's
# gutter marks the line where a judged segment starts (the worst verdict),
# the line under the text names it, and r's cards say it.
test_review_verdicts_beyond_b() {
	demo_copy
	"$ANKER" -p "$P" review "$(seg_of 2.1 anna)" misfit >/dev/null 2>&1
	"$ANKER" -p "$P" review "$(seg_of 2.1 ben)" fits >/dev/null 2>&1
	"$ANKER" -p "$P" review "$(seg_of 2.2 anna)" borderline >/dev/null 2>&1
	screen -s 120x30 '<Tab>Y'
	expect_out "Code System (54) fit/mis/bord/open"
	expect_out "2.1 Sonstige Unterflec… 1/1/0/0"
	expect_out "2.2 Sonstige Überflech… 0/0/1/2"
	expect_out "Code system: verdicts per code"
	# folded, 2 counts its subcodes' verdicts; Y again: segment counts
	screen -s 120x30 '<Tab>jY-'
	expect_out "+  2 Verflechtungsorganisa… 1/1/1/"
	screen -s 120x30 '<Tab>YY'
	expect_out "2.1 Sonstige Unterflechtung   2"
	expect_no_out "fit/mis/bord/open"
	# The margin: Interview 01, Pos. 44 starts anna's misfit and ben's fit.
	screen -s 120x30 '<Enter>:goto 44<Enter>'
	expect_out "|44!2.1"
	expect_out "2.1 Sonstige Unterflechtung (anna, misfit), 2.1 Sonstige Unterflechtung (ben, fit"
	screen '<Tab>jjr'
	expect_out "Verdict: misfit"
	expect_out "Verdict: fits"
	expect_eq "" "$(project_unsound "$P")" "project (Y and the marks only read)"
}

# Identical passages coded by several coders are one card naming each
# coder and each one's verdict; h/l choose the coder a verdict goes to, =
# sends it to every coder's segment (one undo step).
test_review_identical_passages_one_card() {
	demo_copy
	anna=$(seg_of 2.1 anna); ben=$(seg_of 2.1 ben)
	screen '<Tab>jjB'
	expect_line 1 "2 segments, 0 judged by tester"
	expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c 'Interview 01, Pos. 44')" "one card for the passage"
	expect_out "  > anna | weight 0"
	expect_out "    ben | weight 0"
	# l chooses ben: the verdict is his alone
	screen '<Tab>jjBld<Enter>'
	expect_out "Verdict on ben's: misfit by tester"
	expect_eq "" "$(verdicts "$anna")" "anna's after l d"
	expect_eq "misfit||tester " "$(verdicts "$ben")" "ben's after l d"
	# = : every coder's, in one step that u takes back whole
	screen '<Tab>jjB=m<Enter>'
	expect_out "Reviewed: borderline; every segment of the code judged"
	expect_line 1 "verdicts for all coders"
	expect_eq "borderline||tester " "$(verdicts "$anna")" "anna's after = m"
	expect_eq "misfit||tester borderline||tester " "$(verdicts "$ben")" "ben's after = m"
	expect_eq 1 "$(sql "$P" "SELECT COUNT(DISTINCT step) FROM log WHERE action = 'review' AND
	  step = (SELECT MAX(step) FROM log)")" "one step"
	expect_eq 2 "$(sql "$P" "SELECT COUNT(*) FROM log WHERE step = (SELECT MAX(step) FROM log)")" \
		"two entries in it"
	screen '<Tab>jjBuy'
	expect_out "Undid step"
	expect_eq "" "$(verdicts "$anna")" "anna's after u"
	expect_eq "misfit||tester " "$(verdicts "$ben")" "ben's after u"
	expect_eq "" "$(project_unsound "$P")" "project"
}

# anchors_of CODE: the code's anchor examples "text|citation", in order.
anchors_of() {
	sql "$P" "SELECT a.text, a.citation FROM anchor a JOIN code c ON c.id = a.code_id
	  WHERE c.number = '$1' ORDER BY a.position" | tr '\n' '#'
}

# Anchor examples reordered, edited and deleted in B: P chooses one ('>'
# marks it), < and > move it, e edits it on the prompt, D deletes it; one
# undo step each, logged under the reviewer.
test_review_anchor_examples_move_edit_delete() {
	demo_copy
	screen '<Tab>jjBaPP<lt>'
	expect_out "Anchor example moved (u undoes)"
	expect_out "> 1. „Die Landesbauordnungen"
	case "$(anchors_of 2.1)" in
	"„Die Landesbauordnungen"*"|Interview 01, Pos. 44#„D.h. dass wir"*) ;;
	*) fail "after the move: $(anchors_of 2.1)" ;;
	esac
	screen '<Tab>jjBPe<C-u>„Neu gefasst.“<Enter>'
	expect_out "Anchor example edited (u undoes)"
	case "$(anchors_of 2.1)" in
	"„Neu gefasst.“|Interview 01, Pos. 44#„D.h. dass wir"*) ;;
	*) fail "after the edit (the citation stays): $(anchors_of 2.1)" ;;
	esac
	screen '<Tab>jjBPPD'
	expect_out "Anchor example deleted (u undoes)"
	case "$(anchors_of 2.1)" in
	"„Neu gefasst.“|Interview 01, Pos. 44#") ;;
	*) fail "after deleting the second: $(anchors_of 2.1)" ;;
	esac
	expect_eq "anchors delete|tester anchors edit|tester anchors move|tester " \
		"$(sql "$P" "SELECT action, coder FROM log ORDER BY id DESC LIMIT 3" | tr '\n' ' ')" "log"
	screen '<Tab>jjBu'
	expect_eq 2 "$(sql "$P" "SELECT COUNT(*) FROM anchor a JOIN code c ON c.id = a.code_id
	  WHERE c.number = '2.1'")" "after u"
	screen '<Tab>jjBD'
	expect_out "No anchor example chosen (P chooses one)"
	expect_eq "" "$(project_unsound "$P")" "project"
}

# seg_in CODE CODER DOC: the GUID of CODER's first segment of CODE in DOC.
seg_in() {
	sql "$P" "SELECT s.guid FROM segment s JOIN code c ON c.id = s.code_id JOIN coder k
	  ON k.id = s.coder_id JOIN document d ON d.id = s.doc_id WHERE c.number = '$1'
	  AND k.name = '$2' AND d.name = '$3' ORDER BY s.start, s.id LIMIT 1"
}

# B's coder filter (C: all coders, anna, ben, all again; a list, so each
# coder separately is one at a time) and the document filter (:docs):
# only those segments listed, the header names them, its counts, a
# verdict, J/K and :export follow.  In the demo '<Tab>jjj' is 2.2: ben's
# passage at Interview 01, Pos. 28 and one of anna and ben at Interview
# 03, Pos. 16 (anna's first on its card).
test_review_coder_and_docs_filter() {
	demo_copy
	anna03=$(seg_in 2.2 anna 'Interview 03'); ben03=$(seg_in 2.2 ben 'Interview 03')
	ben01=$(seg_in 2.2 ben 'Interview 01')
	for size in 80x24 200x60; do
		screen -s $size '<Tab>jjjB'
		expect_line 1 "Codebook and review: 3 segments, 0 judged by tester  ("
		screen -s $size '<Tab>jjjBC'
		expect_line 1 "Codebook and review: 1 segment, 0 judged by tester, coder anna"
		expect_out "anna | weight 0"
		expect_no_out "ben | weight"
		expect_no_out "Interview 01, Pos. 28"
		expect_width "${size%x*}"
		screen -s $size '<Tab>jjjBCC'
		expect_line 1 "2 segments, 0 judged by tester, coder ben"
		expect_no_out "anna | weight"
		screen -s $size '<Tab>jjjBCCC'
		expect_line 1 "3 segments, 0 judged by tester  ("
		screen -s $size '<Tab>jjjB:docs doc Interview 01<Enter>'
		expect_line 1 "1 segment, 0 judged by tester, documents: Interview 01"
		expect_out "Interview 01, Pos. 28"
		expect_no_out "Interview 03"
		expect_width "${size%x*}"
	done
	# Both, and J/K keep them (the filters are the view's, not the code's)
	screen -s 200x60 '<Tab>jjjBCC:docs doc Interview 03<Enter>JK'
	expect_line 1 "1 segment, 0 judged by tester, coder ben, documents: Interview 03  ("
	expect_line 2 "2.2 Verflechtungsorganisation"
	# A verdict under the filter: ben's segment of the shared passage (its
	# card without the filter would send it to anna's, the first).
	screen -s 200x60 '<Tab>jjjBCC:docs doc Interview 03<Enter>d<Enter>'
	expect_line 1 "1 segment, 1 judged by tester, coder ben, documents: Interview 03"
	expect_out "Reviewed: misfit; every segment listed judged"
	expect_eq "misfit||tester " "$(verdicts "$ben03")" "ben's at Interview 03"
	expect_eq "" "$(verdicts "$anna03")" "anna's at Interview 03"
	expect_eq "" "$(verdicts "$ben01")" "ben's at Interview 01"
	run "$ANKER" -p "$P" review list --code 2.2 --format tsv
	expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c "^$ben03	Interview 03	16	2.2	ben	misfit")" \
		"anker review list"
	# :export writes what B lists: anna's one segment
	screen -s 200x60 "<Tab>jjjBC:export tsv $T/b.tsv<Enter>"
	expect_out "Wrote b.tsv ("
	expect_eq "$("$ANKER" -p "$P" segments --code 2.2 --coder anna --format tsv)" "$(cat "$T/b.tsv")" \
		"B's export as segments --coder anna"
	expect_eq 1 "$(tail -n +2 "$T/b.tsv" | wc -l)" "rows exported"
	expect_eq "" "$(project_unsound "$P")" "project"
}

# The filters count too: "Review: N of M segments" on the left counts the
# segments B lists (C, :docs) and says which; T goes to the next code with
# unjudged segments among them; Z proposes passages of the documents
# :docs keeps only, and says that C does not apply (no coder coded them).
test_review_filters_count_t_and_z() {
	demo_copy
	"$ANKER" -p "$P" review "$(seg_in 2.2 ben 'Interview 01')" fits 2>/dev/null
	screen -s 200x60 '<Tab>jjjB'
	expect_out "Review: 1 of 3 segments: 1 fit, 0 do not fit, 0 borderline"
	screen -s 200x60 '<Tab>jjjBC'
	expect_out "Review (coder anna): 0 of 1 segment: 0 fit, 0 do not fit, 0 borderline"
	screen -s 200x60 '<Tab>jjjBCC'
	expect_out "Review (coder ben): 1 of 2 segments: 1 fit, 0 do not fit, 0 borderline"
	screen -s 200x60 '<Tab>jjjB:docs doc Interview 03<Enter>'
	expect_out "Review (documents: Interview 03): 0 of 2 segments: 0 fit"
	screen -s 200x60 '<Tab>jjjBCC:docs doc Interview 01<Enter>'
	expect_out "Review (coder ben, documents: Interview 01): 1 of 1 segment: 1 fit"
	# T from 2.1: 2.2 still has unjudged segments, but none in Interview
	# 01, whose next unjudged segment is 2.6's
	screen -s 200x60 '<Tab>jjBT'
	expect_line 2 "2.2 Verflechtungsorganisation"
	screen -s 200x60 '<Tab>jjB:docs doc Interview 01<Enter>T'
	expect_line 2 "2.6 "
	"$ANKER" -p "$P" review "$(seg_in 2.2 anna 'Interview 03')" fits 2>/dev/null
	screen -s 200x60 '<Tab>jjBCT'
	expect_line 1 "coder anna"
	expect_line 2 "2.3 "
	screen -s 200x60 '<Tab>jjBCCT'
	expect_line 2 "2.2 Verflechtungsorganisation"
	# Z: only Interview 02's passages, under :docs
	screen -s 200x60 '<Tab>jjB:docs doc Interview 02<Enter>Z'
	expect_line 1 "not coded with it, documents: Interview 02  ("
	expect_out "Interview 02, Pos."
	expect_no_out "Interview 01, Pos."
	expect_no_out "Interview 03, Pos."
	expect_no_out "Interview 04, Pos."
	expect_no_out "Interview 05, Pos."
	screen -s 200x60 '<Tab>jjBCZ'
	expect_line 1 "not coded with it by any coder  ("
}

# review_counts_seen: the title's judged count and the codebook side's
# verdict counts on the screen in $OUT.
review_counts_seen() {
	printf '%s\n' "$OUT" | grep -o -E '[0-9]+ judged by [a-z]+|Review: [^|]*borderline' | tr '\n' ';'
}

test_review_verdicts_move_the_counts_as_counted() {
	demo_copy
	# A verdict moves the counts without counting again: after each step
	# they are the ones B counts when opened.  boss: anna's fits, then
	# (B opens on anna's) ben's borderline (l), anna's again misfit (h);
	# then tester's fits on anna's becomes the newest verdict on it.
	local step keys seen fresh
	for step in "boss:<Tab>jjBy<Enter>" "boss:<Tab>jjBlm<Enter>hd<Enter>" "tester:<Tab>jjBy<Enter>"; do
		keys=${step#*:}
		sql "$P" "DELETE FROM coder_state"
		run env ANKER_REVIEWER="${step%%:*}" ANKER_TUI_HEADLESS=200x30 ANKER_TUI_KEYS="$keys" \
			"$ANKER" -p "$P" tui
		expect_rc 0
		seen=$(review_counts_seen)
		sql "$P" "DELETE FROM coder_state"
		run env ANKER_REVIEWER="${step%%:*}" ANKER_TUI_HEADLESS=200x30 ANKER_TUI_KEYS="<Tab>jjB" \
			"$ANKER" -p "$P" tui
		fresh=$(review_counts_seen)
		expect_eq "$fresh" "$seen" "the counts after $step"
	done
	sql "$P" "DELETE FROM coder_state"
	run env ANKER_REVIEWER=boss ANKER_TUI_HEADLESS=200x30 ANKER_TUI_KEYS="<Tab>jjB" "$ANKER" -p "$P" tui
	expect_eq "2 judged by boss;Review: 2 of 2 segments: 1 fit, 0 do not fit, 1 borderline;" \
		"$(review_counts_seen)" "boss's counts"
	expect_eq "1 judged by tester;Review: 2 of 2 segments: 1 fit, 0 do not fit, 1 borderline;" \
		"$fresh" "after tester's verdict"
}
