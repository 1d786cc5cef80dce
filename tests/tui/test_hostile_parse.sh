# Hostile input for the parsers, seen in the TUI (issue #7; the command
# line side is tests/cli/test_hostile_parse.sh): a code tree 60 levels
# deep, code names with quotes, a pattern that backtracks without end.

source "$FIXTURES/../fuzz/hostile_inputs.sh"

# A project with the 60-level codebook and one short document.
deep_project() {
	P=$T/deep.anker
	deep_codebook 60 > "$T/deep.txt"
	printf 'I: Text zum Kodieren.\n' > "$T/doc.txt"
	"$ANKER" -p "$P" init 2>/dev/null
	"$ANKER" -p "$P" codebook import "$T/deep.txt" 2>/dev/null
	"$ANKER" -p "$P" import "$T/doc.txt" >/dev/null 2>&1
}

test_hostile_parse_tui_code_tree_60_levels_deep() {
	deep_project
	local size
	for size in 40x12 100x30 300x70; do
		screen -s $size '<Tab>G'
		expect_out "Code System (6"   # cut at 40 columns
		expect_width "${size%x*}"
	done
	# fold the top code: one line left
	screen -s 100x30 '<Tab>-'
	expect_out "+  1 Ebene 1"
	expect_eq 1 "$(printf '%s\n' "$OUT" | grep -c 'Ebene\|1\.1')" "code lines after folding the top code"
	# the deepest code codes a selection like any other
	screen -s 120x30 '<Tab>G<Tab><Tab><Enter>lllvllllc'
	expect_out "Coded 3-8 with $(deep_number 20)"
	expect_eq "3|8" "$(sql "$P" "SELECT s.start, s.\"end\" FROM segment s JOIN code c ON c.id = s.code_id WHERE c.number = '$(deep_number 60)'")" "the segment in the project"
}

test_hostile_parse_tui_code_names_with_quotes() {
	P=$T/odd.anker
	odd_codebook > "$T/odd.txt"
	"$ANKER" -p "$P" init 2>/dev/null
	"$ANKER" -p "$P" codebook import "$T/odd.txt" 2>/dev/null
	screen -s 120x30 '<Tab>'
	expect_out "Code System (4)"
	expect_out "1 Name mit Tab"
	expect_out "2 Name \"mit\" 'Quotes'"
	expect_out "2.1 Unter, mit Komma"
	expect_width 120
	case $OUT in *$'\t'*) fail "a tab reached the screen" ;; esac
}

# The TUI search stops at the match limit, says so on the status line,
# and a following autocode codes nothing.
test_hostile_parse_tui_catastrophic_search() {
	P=$T/p.anker
	"$ANKER" -p "$P" init 2>/dev/null
	"$ANKER" -p "$P" codes add "Code" >/dev/null 2>&1
	{ printf 'I: '; printf 'a%.0s' {1..5000}; printf 'b\n'; } > "$T/doc.txt"
	"$ANKER" -p "$P" import "$T/doc.txt" >/dev/null 2>&1
	local t0 ms
	t0=$(date +%s%N)
	screen -s 120x20 '<Enter>/(a+)+$<Enter>'
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	# (the time budget stops it first on a loaded machine: either limit)
	case $OUT in
	*"/(a+)+\$: pattern too complex: match limit exceeded"*) ;;
	*"/(a+)+\$: pattern too complex: time limit exceeded"*) ;;
	*) fail "expected the search stopped by the match (or time) limit, got: $OUT" ;;
	esac
	[ "$ms" -lt "$(limit_ms)" ] || fail "the TUI search took ${ms} ms, expected under $(limit_ms) ms"
	# a call that matches the empty string looped in PCRE2's JIT
	t0=$(date +%s%N)
	screen -s 120x20 '<Enter>/|(?R)<Enter>'
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$ms" -lt "$(limit_ms)" ] || fail "the TUI search for '|(?R)' took ${ms} ms, expected under $(limit_ms) ms"
	local before; before=$(snapshot "$P")
	screen -s 120x20 '<Tab>j<Tab><Tab><Enter>/(a+)+$<Enter>A'
	expect_eq "$before" "$(snapshot "$P")" "project after autocode of a failed search"
}

# 100,000 codes: loading the tree scanned every code for each code's
# children (30,000: 9.5 s; 100,000: minutes before the first frame).  The
# bound is the hang (timeout 20); bench/hostile.sh has the first frame's
# figure.
test_hostile_parse_tui_100000_codes() {
	local n=100000
	[ -n "${ANKER_REAL:-}" ] && n=5000   # valgrind: the same paths, smaller
	P=$T/wide.anker
	"$ANKER" -p "$P" init 2>/dev/null
	many_codes_sql $n | sqlite3 "$P"
	run timeout 20 env ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS='<Tab>jj' "$ANKER" -p "$P" tui
	expect_rc 0
	expect_out "Code System ($n)"
	expect_out "1.2 Code"
	expect_width 100
}
