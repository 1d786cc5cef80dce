# merge again: a coder's changes to boundaries, weights and memos, removed
# codings, conflicts (changed on both sides), deletions here, undo.

# One document a (25 code points): "aaaa bbbb\ncccc dddd\neeee\n"; codes
# 1 X, 2 Y.  ben codes his blind copy B.anker (g1 X [0,4), g2 X [20,24),
# g3 Y [10,19)); p.anker is base.anker with B.anker merged once.
setup() {
	anker -p base.anker init 2>/dev/null
	printf 'aaaa bbbb\ncccc dddd\neeee\n' > a.txt
	anker -p base.anker import -q a.txt
	printf 'T\n\nCodesystem\n\n1 X\n2 Y\n\n1 X\n\nCodedefinition: x\n\n2 Y\n\nCodedefinition: y\n' > cb.txt
	anker -p base.anker codebook import cb.txt 2>/dev/null
	anker -p base.anker blind ben B.anker 2>/dev/null
	g1=$(anker -p B.anker mark a X 0 4 --coder ben)
	g2=$(anker -p B.anker mark a X 20 24 --coder ben)
	g3=$(anker -p B.anker mark a Y 10 19 --coder ben)
	cp base.anker p.anker
	anker -p p.anker merge B.anker 2>/dev/null
}

# Every segment of project P: "start end weight memo", by start.
segs() {
	sql "$1" "SELECT start || ' ' || \"end\" || ' ' || weight || ' ' || memo FROM segment
	  ORDER BY start" | paste -sd, -
}

# The merge's table without its GUID column.
changes() { printf '%s\n' "$OUT" | cut -f1-8 | tr '\t' '|'; }

# Make GUID's modified time in project P a fixed one, so that which side is
# newer does not depend on the second the test runs in.
touch_seg() { sql "$1" "UPDATE segment SET modified = '$3' WHERE guid = '$2'"; }

test_remerge_brings_boundaries_weights_memos() {
	setup
	anker -p B.anker segment set "$g1" --end 6 --weight 50 --coder ben 2>/dev/null
	anker -p B.anker segment set "$g3" --memo "unsicher" --coder ben 2>/dev/null
	m=$(anker -p B.anker memo add --on segment "$g2" "warum hier?" --coder ben 2>/dev/null)
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_err "merged 0 coders, 0 documents, 0 codes, 1 memo, 0 segments; updated 2, removed 0, 0 conflicts"
	expect_eq "Change|Row|Document|Code|Coder|Here|There|Result
updated|segment|a|1 X|ben|[0,4) weight 0|[0,6) weight 50|took the other's
updated|segment|a|2 Y|ben|[10,19) weight 0|[10,19) weight 0, memo: unsicher|took the other's" \
		"$(changes | sort)" "the changes taken"
	expect_eq "0 6 50 ,10 19 0 unsicher,20 24 0 " "$(segs p.anker)" "segments after the second merge"
	expect_eq "warum hier?|$g2" "$(sql p.anker "SELECT m.text, s.guid FROM memo m JOIN segment s
	  ON s.id = m.segment_id WHERE m.guid = '$m'")" "ben's new memo on a segment both have"
	# ben edits the memo: it follows.
	anker -p B.anker memo edit "$m" "warum genau hier?" --coder ben 2>/dev/null
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_eq "updated|memo|a|1 X|ben|free: warum hier?|free: warum genau hier?|took the other's" \
		"$(changes | tail -n +2)" "the memo taken"
	expect_eq "warum genau hier?" "$(sql p.anker "SELECT text FROM memo WHERE guid = '$m'")" "memo text"
}

test_remerge_brings_removal() {
	setup
	anker -p B.anker unmark "$g2" --coder ben 2>/dev/null
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_err "updated 0, removed 1, 0 conflicts"
	expect_eq "removed|segment|a|1 X|ben|[20,24) weight 0|removed|removed" "$(changes | tail -n +2)" \
		"the removal"
	expect_eq "0 4 0 ,10 19 0 " "$(segs p.anker)" "segments after ben's removal"
}

# ben removed a coding this project changed since the last merge: kept, and
# reported.
test_remerge_removal_of_a_coding_changed_here_is_a_conflict() {
	setup
	anker -p p.anker segment set "$g2" --weight 30 2>/dev/null
	anker -p B.anker unmark "$g2" --coder ben 2>/dev/null
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_err "updated 0, removed 0, 1 conflict (changed on both sides)"
	expect_eq "conflict|segment|a|1 X|ben|[20,24) weight 30|removed|kept: changed here since the last merge" \
		"$(changes | tail -n +2)" "the conflict"
	expect_eq "0 4 0 ,10 19 0 ,20 24 30 " "$(segs p.anker)" "segments: the changed one kept"
}

test_remerge_both_sides_changed_newer_wins() {
	setup
	anker -p p.anker segment set "$g1" --start 1 2>/dev/null
	anker -p B.anker segment set "$g1" --end 8 --coder ben 2>/dev/null
	anker -p p.anker segment set "$g3" --weight 10 2>/dev/null
	anker -p B.anker segment set "$g3" --weight 90 --coder ben 2>/dev/null
	touch_seg p.anker "$g1" 2026-01-01T10:00:00Z
	touch_seg B.anker "$g1" 2026-01-01T11:00:00Z
	touch_seg p.anker "$g3" 2026-01-01T12:00:00Z
	touch_seg B.anker "$g3" 2026-01-01T11:00:00Z
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_err "updated 1, removed 0, 2 conflicts (changed on both sides)"
	expect_eq "Change|Row|Document|Code|Coder|Here|There|Result
conflict|segment|a|1 X|ben|[1,4) weight 0|[0,8) weight 0|took the other's (newer)
conflict|segment|a|2 Y|ben|[10,19) weight 10|[10,19) weight 90|kept this project's (newer)" \
		"$(changes | sort)" "the conflicts"
	expect_eq "0 8 0 ,10 19 10 ,20 24 0 " "$(segs p.anker)" "segments: the newer of each"
	# A change made here only stays.
	anker -p p.anker segment set "$g2" --weight 5 2>/dev/null
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_eq "20 24 5" "$(sql p.anker "SELECT start || ' ' || \"end\" || ' ' || weight FROM segment
	  WHERE guid = '$g2'")" "a change made here only"
}

# A coding this project removed is not brought back by merging again; if
# ben changed it since, that is reported.
test_remerge_does_not_resurrect_our_deletion() {
	setup
	anker -p p.anker unmark "$g2" 2>/dev/null
	local before
	before=$(snapshot p.anker)
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_eq "" "$OUT" "no changes to list"
	expect_err "merged 0 coders, 0 documents, 0 codes, 0 memos, 0 segments"
	expect_eq "$before" "$(snapshot p.anker)" "merging after a deletion here"
	anker -p B.anker segment set "$g2" --weight 40 --coder ben 2>/dev/null
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_eq "conflict|segment|a|1 X|ben|removed|[20,24) weight 40|left removed: changed there since the last merge" \
		"$(changes | tail -n +2)" "a deletion here against a change there"
	expect_eq "0 4 0 ,10 19 0 " "$(segs p.anker)" "still removed"
	# Undoing the deletion (the merges since made no step) brings it back as
	# it was; merging then takes ben's change.
	anker -p p.anker undo 2>/dev/null
	expect_eq "0 4 0 ,10 19 0 ,20 24 0 " "$(segs p.anker)" "after undoing the deletion"
	run anker -p p.anker merge B.anker
	expect_rc 0
	expect_eq "0 4 0 ,10 19 0 ,20 24 40 " "$(segs p.anker)" "ben's change once the deletion is undone"
}

test_remerge_idempotent_and_undo() {
	setup
	anker -p B.anker segment set "$g1" --end 6 --weight 50 --coder ben 2>/dev/null
	anker -p B.anker unmark "$g2" --coder ben 2>/dev/null
	local before after
	before=$(segs p.anker)
	run anker -p p.anker merge B.anker
	expect_rc 0
	after=$(segs p.anker)
	expect_eq "0 6 50 ,10 19 0 " "$after" "after the second merge"
	local snap steps
	snap=$(snapshot p.anker)
	steps=$(sql p.anker "SELECT COUNT(DISTINCT step) FROM log")
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_eq "" "$OUT" "nothing to list the third time"
	expect_err "merged 0 coders, 0 documents, 0 codes, 0 memos, 0 segments"
	expect_eq "$snap" "$(snapshot p.anker)" "merging a third time"
	expect_eq "$steps" "$(sql p.anker "SELECT COUNT(DISTINCT step) FROM log")" "no new step"
	# One undo takes the whole re-merge back ...
	run anker -p p.anker undo
	expect_rc 0
	expect_err "merge"
	expect_eq "$before" "$(segs p.anker)" "after undoing the second merge"
	# ... and merging again brings the same changes.
	run anker -p p.anker merge B.anker
	expect_rc 0
	expect_err "updated 1, removed 1, 0 conflicts"
	expect_eq "$after" "$(segs p.anker)" "merged again after the undo"
	run anker -p p.anker redo
	expect_rc 1
}

# Reviews ben gave in his copy come to the segments both have; memos on a
# segment go with it when it is removed, and come back with undo.
test_remerge_reviews_and_memos_follow_segments() {
	setup
	anker -p B.anker review "$g3" misfit --comment "eher X" --coder ben 2>/dev/null
	m=$(anker -p B.anker memo add --on segment "$g1" "Anfang" --coder ben 2>/dev/null)
	run anker -p p.anker merge B.anker
	expect_rc 0
	expect_err "1 memo, 0 segments, 1 review"
	expect_eq "misfit|eher X|ben" "$(sql p.anker "SELECT r.verdict, r.comment, c.name FROM review r
	  JOIN coder c ON c.id = r.reviewer_id")" "the review"
	anker -p B.anker unmark "$g1" --coder ben 2>/dev/null
	run anker -p p.anker merge B.anker
	expect_rc 0
	expect_err "removed 1"
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM memo WHERE guid = '$m'")" "the memo went with its segment"
	anker -p p.anker undo 2>/dev/null
	expect_eq "Anfang" "$(sql p.anker "SELECT text FROM memo WHERE guid = '$m'")" "back with undo"
}

# Memos on the project, a document or a code follow the same rule: the
# copy had them from the start (the blind copy keeps them).
test_remerge_memos_three_way() {
	anker -p base.anker init 2>/dev/null
	printf 'aaaa bbbb\n' > a.txt
	anker -p base.anker import -q a.txt
	m1=$(anker -p base.anker memo add --on doc a "Kontext" 2>/dev/null)
	m2=$(anker -p base.anker memo add --on project "Plan" 2>/dev/null)
	m3=$(anker -p base.anker memo add --on project "Frage" 2>/dev/null)
	anker -p base.anker blind ben B.anker 2>/dev/null
	cp base.anker p.anker
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_eq "" "$OUT" "nothing changed yet"
	anker -p B.anker memo delete "$m1" --coder ben 2>/dev/null
	anker -p B.anker memo edit "$m2" "Plan B" --coder ben 2>/dev/null
	anker -p B.anker memo edit "$m3" "Frage dort" --coder ben 2>/dev/null
	anker -p p.anker memo edit "$m3" "Frage hier" 2>/dev/null
	sql B.anker "UPDATE memo SET modified = '2026-01-01T10:00:00Z' WHERE guid = '$m3'"
	sql p.anker "UPDATE memo SET modified = '2026-01-01T11:00:00Z' WHERE guid = '$m3'"
	run anker -p p.anker merge B.anker --format tsv
	expect_rc 0
	expect_err "updated 1, removed 1, 1 conflict"
	expect_eq "conflict|memo|||tester|free: Frage hier|free: Frage dort|kept this project's (newer)
removed|memo|a||tester|free: Kontext|removed|removed
updated|memo|||tester|free: Plan|free: Plan B|took the other's" "$(changes | tail -n +2 | sort)" "memo changes"
	expect_eq "Frage hier,Plan B" "$(sql p.anker "SELECT text FROM memo ORDER BY text" | paste -sd, -)" \
		"memos after the merge"
	anker -p p.anker undo 2>/dev/null
	expect_eq "Frage hier,Kontext,Plan" "$(sql p.anker "SELECT text FROM memo ORDER BY text" | paste -sd, -)" \
		"memos after undo"
}

# A document or code removed here since the last merge stays removed when
# the coder's copy still has it; the codings left out with it are named.
test_remerge_does_not_resurrect_removed_document_or_code() {
	setup
	printf 'ffff gggg\n' > b.txt
	anker -p base.anker import -q b.txt
	anker -p base.anker blind ben B2.anker 2>/dev/null
	anker -p B2.anker mark b X 0 4 --coder ben >/dev/null
	anker -p B2.anker mark a Y 0 4 --coder ben >/dev/null
	anker -p B2.anker mark a X 5 9 --coder ben >/dev/null
	cp base.anker q.anker
	anker -p q.anker merge B2.anker 2>/dev/null
	anker -p q.anker docs delete b --force 2>/dev/null
	anker -p q.anker codes delete Y --force 2>/dev/null
	# ben codes on after the first merge, also on what was removed here.
	anker -p B2.anker mark b X 5 9 --coder ben >/dev/null
	anker -p B2.anker mark a Y 5 9 --coder ben >/dev/null
	local before
	before=$(snapshot q.anker)
	run anker -p q.anker merge B2.anker --format tsv
	expect_rc 0
	expect_err "document 'b' (GUID"
	expect_err "removed here; left out with the 2 codings there on it"
	expect_err "code 'Y' (GUID"
	expect_err "merged 0 coders, 0 documents, 0 codes, 0 memos, 0 segments"
	expect_eq "$before" "$(snapshot q.anker)" "nothing brought back"
	expect_eq "0" "$(sql q.anker "SELECT COUNT(*) FROM document WHERE name = 'b'")" "b stays removed"
	expect_eq "0" "$(sql q.anker "SELECT COUNT(*) FROM code WHERE name = 'Y'")" "Y stays removed"
	# Undoing the code's removal and merging again brings ben's new coding.
	anker -p q.anker undo 2>/dev/null
	run anker -p q.anker merge B2.anker
	expect_rc 0
	expect_eq "a 0 4,a 5 9" "$(sql q.anker "SELECT d.name || ' ' || s.start || ' ' || s.\"end\"
	  FROM segment s JOIN document d ON d.id = s.doc_id JOIN code c ON c.id = s.code_id
	  WHERE c.name = 'Y' ORDER BY s.start" | paste -sd, -)" "Y's codings after undoing its removal"
}

# A new code the coder made under a code removed here is left out with it.
test_remerge_new_code_under_removed_parent() {
	setup
	anker -p B.anker codes add "Y >> Y1" >/dev/null 2>&1
	anker -p B.anker mark a Y1 0 4 --coder ben >/dev/null
	anker -p p.anker codes delete Y --force 2>/dev/null
	run anker -p p.anker merge B.anker
	expect_rc 0
	expect_err "code 'Y1' (GUID"
	expect_err "its parent code was removed here; left out with the 1 coding there on it"
	expect_eq "0" "$(sql p.anker "SELECT COUNT(*) FROM code WHERE name IN ('Y', 'Y1')")" \
		"neither Y nor Y1"
}
