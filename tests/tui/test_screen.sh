# Headless screen tests: keys in, the screen out (ANKER_TUI_HEADLESS).

test_layout_panes_and_status() {
	demo_copy
	screen ''
	expect_line 1 "Documents (5)"
	expect_out "Code System (54)"
	expect_out "Interview 01              33"
	expect_line 30 "p.anker | no document | tester | NORMAL"
	expect_width 100
}

test_open_document_wrapped_with_gutter() {
	demo_copy
	screen '<Enter>'
	expect_line 1 "Interview 01"
	expect_line 2 " 1     Interview 01 – Stadt Hohenfeld, Bauaufsicht"
	# paragraph 3 wraps; the continuation line has no number
	expect_line 4 " 3     Interviewer: I, Befragte Person: B"
	expect_line 5 "|       Bauaufsicht)"
	expect_line 30 "| Interview 01 | Pos. 1 (0) | tester | NORMAL"
	expect_width 100
}

test_cursor_motions_and_pos() {
	demo_copy
	screen '<Enter>}}'
	expect_out "Pos. 3 (62)"
	screen '<Enter>}}w'
	expect_out "Pos. 3 (75)"
	screen '<Enter>}}wb'
	expect_out "Pos. 3 (62)"
	screen '<Enter>}}jj'
	expect_out "Pos. 4 "
	screen '<Enter>G'
	expect_no_out "Pos. 1 ("
	screen '<Enter>G{{g'
	expect_out "Pos. 1 (0)"
	screen '<Enter>lll'
	expect_out "Pos. 1 (3)"
	screen '<Enter>lllh'
	expect_out "Pos. 1 (2)"
}

test_page_down_scrolls() {
	demo_copy
	screen '<Enter><C-d><C-d>'
	expect_no_out " 1     Interview 01"
	screen '<Enter><C-d><C-d><C-u><C-u>'
	expect_out " 1     Interview 01"
	screen '<Enter><PgDn>'
	expect_no_out " 2     Datum"
}

test_code_tree_fold_rolls_up_counts() {
	demo_copy
	screen '<Tab>j'
	expect_out "-  2 Verflechtungsorg"
	expect_out "2.1 Sonstige"
	screen '<Tab>j-'
	expect_out "+  2 Verflechtungsorg"
	expect_out "79"
	expect_no_out "2.1 Sonstige"
	screen '<Tab>j-<Space>'
	expect_out "2.1 Sonstige"
}

test_help_lists_every_action() {
	demo_copy
	screen -s 100x40 '?'
	expect_out "Keys ("
	local n
	n=$(grep -c '^	_(' "$(dirname "$BASH_SOURCE")/../../tui/actions.h" 2>/dev/null || true)
	for name in quit help focus-next down up word-next para-next page-down open fold select code undo redo; do
		expect_out "$name"
	done
	expect_out "<C-d>"
	screen '??'
	expect_out "Documents (5)"
}

test_resize_to_minimum_and_below() {
	demo_copy
	screen -s 40x12 '<Enter>'
	expect_out "Documents (5)"
	expect_out "Code System"
	expect_line 12 "p.anker"
	expect_width 40
	screen '<Enter><Resize 39x12>'
	expect_line 1 "Window too small"
	screen '<Enter><Resize 30x8><Resize 200x60>'
	expect_out "Documents (5)"
	expect_line 60 "Interview 01 | Pos. 1"
	expect_width 200
}

test_wide_combining_emoji_and_escapes() {
	demo_copy
	printf 'Tab\there. 漢字かな wide 😀 emoji e\xcc\x81 combining\nESC \033[31mred\033[0m end\x07bell\n' > mix.txt
	anker -p "$P" import mix.txt >/dev/null 2>&1
	screen -s 60x14 '<Tab><Tab><Tab>G<Enter>'
	expect_out "Tab     here."
	expect_out "ESC ^[[31mred^[[0m end^Gbell"
	expect_out "漢字かな wide 😀"
	expect_out "emoji é combining"
	case $OUT in *$'\033'*) fail "a raw escape reached the screen" ;; esac
	expect_width 60
	screen -s 40x12 '<Tab><Tab><Tab>G<Enter>'
	expect_width 40
}

test_no_color_stripe_marks() {
	demo_copy
	run env NO_COLOR=1 ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS='<Enter>' "$ANKER" -p "$P" tui
	expect_rc 0
	# paragraph 16 is coded: the stripe (after the gutter) shows a letter
	expect_out "|16 a   B: Tja."
}

test_code_selection_undo_redo() {
	demo_copy
	local before
	before=$(sql "$P" "SELECT COUNT(*) FROM segment")
	# the first code in the tree is current; select two words of paragraph 1
	screen '<Enter>vwc'
	expect_out "Coded 0-"
	expect_eq $((before + 1)) "$(sql "$P" "SELECT COUNT(*) FROM segment")" "segments after coding"
	run anker -p "$P" segments --doc "Interview 01" --coder tester
	expect_out "Interview 0"
	screen 'u'
	expect_out "Undid step"
	expect_eq "$before" "$(sql "$P" "SELECT COUNT(*) FROM segment")" "segments after undo"
	screen '<C-r>'
	expect_out "Redid step"
	expect_eq $((before + 1)) "$(sql "$P" "SELECT COUNT(*) FROM segment")" "segments after redo"
}

test_code_without_selection_says_so() {
	demo_copy
	screen '<Enter>c'
	expect_out "Nothing selected"
	screen '~'
	expect_out "Key not bound"
}

test_no_terminal_is_a_usage_error() {
	demo_copy
	run anker -p "$P" tui </dev/null
	expect_rc 2
	expect_err "needs a terminal"
	run anker -p "$P" </dev/null
	expect_rc 2
}

# Long help is wrapped at the window's width, never cut: every action's
# help text whole at 60 and 100 columns (the table read from the source),
# its key column wide enough for "1 2 3 4 5 6 7 8 9"; at 40 columns the
# text goes under its key; the notes on prompts wrap too.
test_help_wraps_at_the_window_width() {
	demo_copy
	local src helps h size
	src=$(cd "$(dirname "$BASH_SOURCE")/../../tui" && pwd)
	helps=$(python3 - "$src/actions.h" "$src/actions_views.h" <<'PY'
import re, sys
for f in sys.argv[1:]:
    for m in re.finditer(r'^\t_\(\w+,\s*"(?:[^"\\]|\\.)*",\s*"(?:[^"\\]|\\.)*",\s*"((?:[^"\\]|\\.)*)"\)',
                         open(f, encoding='utf-8').read(), re.M):
        print(m.group(1).replace('\\"', '"').replace('\\\\', '\\'))
PY
)
	[ "$(printf '%s\n' "$helps" | wc -l)" -gt 80 ] || fail "expected the action table, got: $helps"
	for size in 60x400 100x300; do
		screen -s $size '?'
		expect_width "${size%x*}"
		while IFS= read -r h; do
			expect_help "$h"
		done <<< "$helps"
		expect_out " 1 2 3 4 5 6 7 8 9 "
	done
	screen -s 40x500 '?'
	expect_width 40
	expect_help "back to the list"
	expect_line 3 "    Quit (every change is saved; the"
	screen -s 60x30 '?G'
	expect_help "H lists the codes that fit the selection: a digit codes with that one."
	expect_help "and never runs as keys; Esc closes it, Up recalls the text later."
}
