# Hostile text in the TUI (issue #7): escapes, C0/C1 controls and bidi
# overrides in every view that shows project text appear as placeholders;
# in a real terminal (tmux) they change neither the window title, nor the
# clipboard, nor the layout.  And the TUI on a 100 MB single line and on a
# million empty lines: opens in seconds, scrolls, reaches the end.
source "$FIXTURES/hostile/hostile.sh"

P=p.anker

# hscreen SIZE KEYS: a headless screen of the hostile project; no raw
# control byte on it, and no line wider than the screen.
hscreen() {
	screen -s "$1" "$2"
	expect_inert "screen after '$2'" "$OUT"
	expect_width "${1%x*}"
}

test_hostile_panes_and_views_show_placeholders() {
	hostile_setup
	# documents list and code tree
	hscreen 120x30 ''
	expect_out "doc^[[1m"
	expect_out "1 Rot^[[31m Code"
	expect_out "1.1 Bidi <U+202E>evil"
	expect_out "2 C1 <U+009B>31m Name"
	# the text view and the status line (plain stripes: the lines whole)
	hscreen 120x30 '<Enter>L'
	expect_out "Hallo ^[[31mrot^[[0m ^[]0;PWNED^[\\ Titel ^[]52;c;SGFjaw==^G clip"
	expect_out "dcs <U+009B>31m c1 ^A^_^? c0 <U+0085> nel <U+202E>live<U+202C>"
	expect_out "<U+2066>iso<U+2069> bidi"
	expect_out "ls<U+2028>sep <U+2029>para <U+FFFE> nonchar <U+10FFFF> max"
	expect_out "max <U+E0080>"
	expect_out "unassigned $(printf '\356\200\200')pua end"
	expect_line 30 "p.anker | doc^[[1m | Pos. 1 (0)"
	# narrow: placeholders wrap whole, nothing wider than the pane
	hscreen 40x12 '<Enter>'
	expect_out "doc^[[1m"
	# codebook and review card of code 1: definition, anchor, memo, comment
	hscreen 120x30 '<Tab>B'
	expect_out "Definition ^[[2J clear."
	expect_out "„Anker ^[[5mblink^[[0m.“"
	expect_out "Memo: Kodiermemo ^[[31m"
	expect_out "Verdict: misfit by tester: Kommentar ^[[31m"
	# retrieved segments of code 1
	hscreen 120x30 '<Tab>r'
	expect_out "Segments (1) of 1 Rot^[[31m Code"
	expect_out "Hallo ^[[31mrot^[[0m ^["
	# the finder, narrowed to the bidi code
	hscreen 120x30 '<Enter>fBidi'
	expect_out "1.1 Rot^[[31m Code >> Bidi <U+202E>evil<U+202C> Name"
	# the coding memo prompt, and a status message naming the code
	hscreen 120x30 '<Enter>M'
	expect_line 30 "Memo (free; ^E: editor) on the coding tester: 1 Rot^[[31m Code (0-20): Segment ^[[8m memo"
	hscreen 120x30 '<Enter>x'
	expect_out "Removed the coding tester: 1 Rot^[[31m Code (0-20)"
	# frequencies and the help (no project text, checked all the same)
	hscreen 120x30 'F'
	expect_out "Rot^[[31m Code"
	hscreen 120x40 '?'
	expect_out "Keys ("
}

# The real terminal: the document and the views drawn in tmux leave the
# pane's title and tmux's clipboard alone and the layout intact.  The same
# text cat'ed raw in another window does change both, so the check works.
test_hostile_tmux_terminal_unharmed() {
	hostile_setup
	tmux_start 120 30 "$ANKER" -p "$P" tui
	tm set -g set-clipboard on
	tm select-pane -t t -T anker-test
	wait_screen "Documents (1)"
	keys Enter
	wait_screen "<U+202E>live<U+202C>"
	keys Tab B
	wait_screen "Definition ^[[2J clear."
	keys q Tab r
	wait_screen "Segments (1) of 1 Rot^[[31m Code"
	keys q
	wait_screen_gone "Segments (1) of 1" || fail "the segments view did not close"
	expect_eq "anker-test" "$(tm display -p -t t '#{pane_title}')" "pane title"
	expect_eq "" "$(tm list-buffers)" "tmux paste buffers (OSC 52)"
	OUT=$SCREEN
	expect_line 1 "Documents (1)"
	expect_line 30 "p.anker | doc^[[1m | Pos. 1"
	local w
	w=$(printf '%s\n' "$SCREEN" | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -le 120 ] || fail "expected rows of at most 120 columns, widest: $w"
	# The control experiment: raw, the same bytes do take the terminal over.
	tm new-window -d -t t: -n raw "cat '$T/$DOC.txt'; sleep 30"
	local i=0
	while [ $i -lt 200 ] && [ "$(tm display -p -t t:raw '#{pane_title}')" != PWNED ]; do
		sleep 0.05
		i=$((i + 1))
	done
	expect_eq "PWNED" "$(tm display -p -t t:raw '#{pane_title}')" "title after cat of the raw text"
	keys q
}

# ---------------------------------------------------------------------------
# Size: opening must not be quadratic (ASan included); limits are generous.

test_big_single_line_opens_and_scrolls() {
	anker -p $P init 2>/dev/null
	# 100 MB on one line: "ab"×49 "ä" repeated, markers at both ends.
	awk 'BEGIN { s = ""; for (i = 0; i < 49; i++) s = s "ab"; s = s "ä"; printf "ANFANG"
	             for (i = 0; i < 1000000; i++) printf "%s", s; printf "ENDE\n" }' > big.txt
	anker -p $P import -q big.txt
	rm big.txt
	local t0
	cpu_mark t0
	screen -s 80x12 '<Enter>'
	expect_fast "opening the 100 MB line" "$t0" 20
	expect_line 2 "1     ANFANGabababab"
	expect_line 12 "big | Pos. 1 (0)"
	# Half a page down (4 screen lines of 48 columns) and to the end.
	cpu_mark t0
	screen -s 80x12 '<Enter><C-d>'
	expect_no_out "ANFANG"
	expect_out "Pos. 1 (192)"
	screen -s 80x12 '<Enter>G'
	expect_fast "scrolling in the 100 MB line" "$t0" 40
	expect_out "ENDE"
	expect_out "Pos. 1 (99000010)"
	expect_width 80
}

test_million_empty_lines_open_and_end() {
	anker -p $P init 2>/dev/null
	head -c 1000000 /dev/zero | tr '\0' '\n' > lf.txt
	awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "\r\n" }' > crlf.txt
	anker -p $P import -q lf.txt crlf.txt
	local t0
	cpu_mark t0
	screen -s 60x12 '<Enter>'
	expect_line 1 "crlf"
	expect_line 2 "      1"
	expect_out "crlf | Pos. 1 (0)"
	# A million line feeds: a million paragraphs, the last ended by the
	# last LF (issue 15: there was an empty 1000001st after it).
	screen -s 60x12 '<Enter>G'
	expect_line 10 "1000000"
	expect_no_out "1000001"
	expect_out "crlf | Pos. 1000000 (999999)"
	screen -s 60x12 'j<Enter><End>'
	expect_line 10 "1000000"
	expect_out "lf | Pos. 1000000 (999999)"
	screen -s 60x12 'j<Enter><End>gG<PgUp>'
	expect_out "lf | Pos. 99999"
	# A million hits: searched once, n/N by binary search, wrapping.
	screen -s 100x12 'j<Enter>/\n<Enter>NN'
	expect_out "lf | Pos. 999999 (999998) | tester | NORMAL  /\n: hit 999999 of the first 1000000"
	expect_fast "four sessions on a million lines" "$t0" 30
}
