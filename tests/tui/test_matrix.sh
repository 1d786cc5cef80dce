# The code matrix (issue 13, MAXQDA's Code Matrix Browser): segments per
# code and document as a heat map; R, C and :docs as in F and O; Enter
# on a cell lists its segments.  Headless screens at 80x24 and 200x60.

test_matrix_counts_per_code_and_document() {
	demo_copy
	screen -s 200x60 'X'
	expect_line 1 "Code matrix, all coders: 54 codes x 5 documents"
	expect_sq "Interview 01 Interview 02 Interview 03 Interview 04 Interview 05 Total"
	expect_sq " 1 Verflechtungsdichte 1 0 2 0 0 3"
	expect_sq " 2.1 Sonstige Unterflechtung 2 0 0 0 0 2"
	screen -s 200x60 'XR'
	expect_line 1 "Code matrix (rolled up), all coders"
	expect_sq " 2 Verflechtungsorganisation 22 20 12 15 10 79"
	screen -s 200x60 'XC'
	expect_line 1 "Code matrix, coder anna"
	expect_sq " 1 Verflechtungsdichte 1 0 1 0 0 2"
	screen -s 200x60 ':docs doc Interview 01, Interview 03<Enter>X'
	expect_line 1 "documents: Interview 01, Interview 03: 54 codes x 2 documents"
	expect_sq " 1 Verflechtungsdichte 1 2 3"
	screen -s 80x24 'X'
	expect_line 1 "Code matrix, all coders: 54 codes x 5 documents"
	expect_sq " 1 Verflechtungsdichte 1 0 2 0"
	expect_width 80
	# scrolling right shows Total at 80 columns
	screen -s 80x24 'Xllllll'
	expect_out "Total"
	expect_width 80
	run env NO_COLOR=1 ANKER_TUI_HEADLESS=80x24 ANKER_TUI_KEYS=X "$ANKER" -p "$P" tui
	expect_sq " 1 Verflechtungsdichte 1 0 2 0"
}

test_matrix_enter_lists_the_cells_segments() {
	demo_copy
	# 1 Verflechtungsdichte in Interview 03: two segments
	screen -s 200x60 'Xll<Enter>'
	expect_line 1 "Segments (2) of 1 Verflechtungsdichte in Interview 03, all coders"
	expect_out "> Interview 03, Pos."
	expect_no_out "Interview 01, Pos."
	# rolled up: with the subcodes; Total: every document
	screen -s 200x60 'XRjl<Enter>'
	expect_line 1 "Segments (20) of 2 Verflechtungsorganisation in Interview 02 with subcodes"
	screen -s 80x24 'XjjG<Enter>'
	expect_line 1 "Segments (6) of 4.1"
	# one coder's cell
	screen -s 200x60 'XCll<Enter>'
	expect_line 1 "Segments (1) of 1 Verflechtungsdichte in Interview 03, coder anna"
	# q goes back to the matrix
	screen -s 200x60 'Xll<Enter>q'
	expect_line 1 "Code matrix"
}

test_matrix_export() {
	demo_copy
	screen -s 200x60 "XR:export tsv $T/m.tsv<Enter>"
	expect_out "Wrote m.tsv ("
	expect_eq "$(anker -p "$P" matrix --rollup --format tsv)" "$(cat "$T/m.tsv")" "X as matrix --rollup"
}

test_matrix_and_filters_in_help() {
	demo_copy
	screen -s 200x250 '?'
	expect_out "Code matrix: segments per code and document as a heat map"
	expect_out "F, O, r, X, B: all coders, one coder, each separately"
	expect_out ":docs [group G|var N=V|doc A, B]"
	expect_out ":export KIND FORMAT FILE"
}

# The view holds counts, not the table's texts: every row on the screen
# has anker matrix's numbers, plain and rolled up; the cursor on Total
# stays there when the view loads again (C).
test_matrix_cells_match_the_command() {
	demo_copy
	local keys opt
	for keys in X XR; do
		opt=; [ "$keys" = XR ] && opt=--rollup
		screen -s 200x60 "$keys"
		anker -p "$P" matrix $opt --format tsv >"$T/m.tsv"
		printf '%s\n' "$OUT" >"$T/screen.txt"
		python3 - "$T/m.tsv" "$T/screen.txt" <<'PY' || fail "the $keys screen differs from anker matrix $opt"
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
screen = open(sys.argv[2]).read().split("\n")[2:]
seen = 0
for r, line in zip(rows, screen):
    nums = line.split()[-len(r[2:]):]
    if nums != r[2:]:
        print("row", r[0], "screen", nums, "command", r[2:]); sys.exit(1)
    seen += 1
if seen < 20:
    print("only", seen, "rows compared"); sys.exit(1)
PY
	done
	# Enter on Total lists the code's segments in every document.
	screen -s 200x60 'XllllllC<Enter>'
	expect_line 1 "Segments (2) of 1 Verflechtungsdichte, coder anna"
	screen -s 200x60 'XllC<Enter>'
	expect_line 1 "Segments (1) of 1 Verflechtungsdichte in Interview 03, coder anna"
}
