# Team views (issue 6, TUI): the agreement table (I) and the side-by-side
# view of two coders (V).  Headless screen tests on the demo project
# (anna coded all five interviews, ben 01-03 with deliberate differences);
# the numbers compared with `anker agree`.

# agree_row UNIT: the pooled row of `anker agree` for anna and ben, its
# numeric cells joined by single blanks.
agree_row() {
	"$ANKER" -p "$P" agree --coders anna,ben --unit "$1" --format tsv 2>/dev/null |
		awk -F'\t' '$2 == "(pooled)" { $1 = $2 = ""; print }' | tr -s ' ' | sed 's/^ //'
}

# expect_sq TEXT: $OUT with runs of blanks squeezed contains TEXT.
expect_team_sq() {
	case $(printf '%s\n' "$OUT" | tr -s ' ') in *"$1"*) ;; *) fail "expected (blanks squeezed) '$1', got:
$OUT" ;; esac
}

test_agree_opens_with_coders_and_pooled_row() {
	demo_copy
	screen 'IG'
	expect_line 1 "Agreement anna / ben, unit char"
	expect_line 2 "Units anna  ben"
	expect_out "(pooled)"
	expect_team_sq "(pooled) $(agree_row char)"
	expect_width 100
}

test_agree_unit_switch_changes_numbers() {
	demo_copy
	local char para
	char=$(agree_row char) para=$(agree_row paragraph)
	[ "$char" != "$para" ] || fail "char and paragraph pooled rows alike: $char"
	screen 'IUG'
	expect_line 1 "unit paragraph"
	expect_team_sq "(pooled) $para"
	screen 'IUUG'
	expect_line 1 "unit document"
	expect_team_sq "(pooled) $(agree_row document)"
	# segments: Agree, Only anna, Only ben, %, κ and a total row
	screen 'IUUUG'
	expect_line 1 "unit segments 90%"
	expect_line 2 "Only anna"
	local tot
	tot=$("$ANKER" -p "$P" agree --segments --coders anna,ben --format tsv 2>/dev/null |
		awk -F'\t' '$2 == "(total)" { $1 = $2 = ""; print }' | tr -s ' ' | sed 's/^ //')
	expect_team_sq "(total) $tot"
	screen 'IUUUUG'
	expect_line 1 "unit char"
}

test_agree_enter_opens_side_by_side_for_code() {
	demo_copy
	# the second row is 2.1, coded alike by both at Interview 01, Pos. 44
	screen 'Ij<Enter>'
	expect_line 1 "Side by side: Interview 01, 2.1 Verflechtungsorganisation >> Sonstige Unterflechtung, 0 disagreeme…"
	expect_line 2 "anna"
	expect_line 2 "ben"
	expect_line 3 ">   Pos. 44"
	# q goes back to the table
	screen 'Ij<Enter>q'
	expect_line 1 "Agreement anna / ben"
}

test_agree_coders_cycle_with_third_coder() {
	demo_copy
	# two coders: C has no other pair, and says so (it did nothing silently)
	screen 'IC'
	expect_line 1 "Agreement anna / ben"
	expect_out "Only anna and ben have segments: no other pair of coders"
	screen 'VC'
	expect_out "Only anna and ben have segments: no other pair of coders"
	# the side by side cycles the pairs as the table does
	"$ANKER" -p "$P" mark "Interview 01" 1 --lines 16-16 --coder carl >/dev/null
	screen 'VC'
	expect_line 1 "Side by side: Interview 01"
	expect_line 2 "  anna                                             carl"
	expect_no_out "Only anna and ben"
	screen 'I'
	expect_line 1 "Agreement anna / ben"
	screen 'IC'
	expect_line 1 "Agreement anna / carl"
	screen 'ICC'
	expect_line 1 "Agreement ben / carl"
	screen 'ICCC'
	expect_line 1 "Agreement anna / ben"
}

test_side_by_side_highlights_and_n_reaches_disagreement() {
	demo_copy
	# ben alone coded 2.13 at Interview 01, Pos. 24 (anna did not)
	local dis
	dis=$("$ANKER" -p "$P" agree --segments --disagreements --coders anna,ben --format tsv 2>/dev/null)
	grep -q "^Interview 01	24	2.13	.*	ben	" <<<"$dis" ||
		fail "demo: no disagreement at Interview 01, Pos. 24"
	screen 'V'
	expect_line 1 "Side by side: Interview 01, 11 disagreements"
	expect_line 3 ">   Pos. 16"
	expect_out "| ! Pos. 24"
	expect_out "|   2.13 Koordination Kommune - IT-Dienstleister"
	screen 'Vn'
	expect_out ">                                                | ! Pos. 24"
	# n again: anna alone, Pos. 28; N back to Pos. 24
	screen 'Vnn'
	expect_out "> ! Pos. 28"
	screen 'VnnN'
	expect_out ">                                                | ! Pos. 24"
	expect_width 100
}

test_side_by_side_enter_jumps_to_passage() {
	demo_copy
	screen 'Vn<Enter>'
	expect_line 30 "| Interview 01 | Pos. 24"
	expect_line 1 "Documents (5)"
}

test_side_by_side_follows_open_document() {
	demo_copy
	screen 'j<Enter>V'
	expect_line 1 "Side by side: Interview 02"
	# A document ben did not code is not compared (SPEC §5, issue 15):
	# anna's segments on the left, none marked, and no disagreements
	# counted (it said "16 disagreements", one per segment of anna's).
	screen 'jjjj<Enter>V'
	expect_line 1 "Side by side: Interview 05, ben has not coded this document"
	expect_no_out "disagreements"
	expect_no_out "! Pos."
	expect_line 2 "anna"
	expect_line 3 ">   Pos."
	# n finds nothing to go to
	screen 'jjjj<Enter>Vn'
	expect_out "no disagreements"
}

# The agreement table counts the documents both coded, names those left
# out and why (SPEC §5, issue 15), and matches `anker agree`.
test_agree_names_documents_left_out() {
	demo_copy
	screen 'I'
	expect_line 1 "Agreement anna / ben, unit char, 3 documents"
	expect_line 29 "Left out: Interview 04 (not coded by ben), Interview 05 (not coded by ben)"
	run "$ANKER" -p "$P" agree --coders anna,ben --format tsv
	expect_err "compared 3 documents: Interview 01, Interview 02, Interview 03"
	screen 'IUUU'
	expect_line 1 "unit segments 90%, 3 documents"
	expect_line 29 "Left out: Interview 04"
}

test_side_by_side_small_size() {
	demo_copy
	screen -s 40x12 'Vn'
	expect_line 1 "Side by side"
	expect_width 40
}

# The four tables are counted together when the view opens; U only shows
# another: a whole cycle of units is the screen of a fresh open, with the
# cursor still on its code.
test_agree_unit_cycle_is_fresh_open() {
	demo_copy
	local fresh
	screen 'Ijj'
	fresh=$OUT
	screen 'IjjUUUU'
	[ "$OUT" = "$fresh" ] || fail "after U U U U the screen differs from a fresh open:
$OUT
--- fresh:
$fresh"
	screen 'IjjU'
	expect_line 1 "unit paragraph"
	expect_line 5 "$(printf '%s\n' "$fresh" | sed -n 5p | cut -c1-20)"
}

# Escape while the agreement is computed cancels it (store_progress: the
# headless script's <Esc> right after I is seen at the operation's first
# report): the view does not open, the status line says so, and the
# project is as it was.  Without the <Esc> the same keys open it.
test_agree_escape_cancels() {
	demo_copy
	local before
	before=$(sql "$P" "SELECT COUNT(*) FROM segment; SELECT COUNT(*) FROM log" | tr '\n' ' ')
	screen 'I<Esc>'
	expect_out "agree cancelled; nothing was changed"
	expect_no_out "Agreement anna / ben"
	expect_eq "$before" "$(sql "$P" "SELECT COUNT(*) FROM segment; SELECT COUNT(*) FROM log" | tr '\n' ' ')" \
		"the project after the cancel"
	screen 'I'
	expect_line 1 "Agreement anna / ben"
}

# The agreement counts are kept in the project (schema 13): I counts the
# character and document units and keeps them, U counts paragraphs and
# keeps them too; the figures the view shows are `anker agree`'s, read
# from what the view kept and counted afresh (--no-cache), and a second
# run of the view reads them (rows of kept with a longer key than the
# coders' ranking, kept too).  Escape while U counts cancels: the view
# stays on the unit shown.
test_agree_kept_units_match_cli() {
	demo_copy
	screen 'IUG'
	expect_line 1 "unit paragraph"
	local para=$OUT
	expect_eq 3 "$(sql "$P" 'SELECT COUNT(*) FROM kept WHERE length(key) > 8')" "counts kept after I and U"
	OUT=$para
	expect_team_sq "(pooled) $(agree_row paragraph)"
	local fresh
	fresh=$("$ANKER" -p "$P" agree --coders anna,ben --unit paragraph --no-cache --format tsv \
		2>/dev/null | awk -F'\t' '$2 == "(pooled)" { $1 = $2 = ""; print }' | tr -s ' ' | sed 's/^ //')
	expect_team_sq "(pooled) $fresh"
	screen 'IG'
	expect_team_sq "(pooled) $(agree_row char)"
	screen 'IUG'
	expect_eq "$para" "$OUT" "the paragraph table read from the project"
	sql "$P" "DELETE FROM kept"
	screen 'IU<Esc>'
	expect_line 1 "unit char"
	expect_out "agree cancelled; nothing was changed"
	expect_eq 2 "$(sql "$P" 'SELECT COUNT(*) FROM kept WHERE length(key) > 8')" "counts kept after I and a cancelled U"
}
