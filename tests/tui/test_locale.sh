# The TUI under a locale whose character set is not UTF-8 (issue 15 item
# 2): the data is UTF-8, and LC_ALL=C must not make the TUI drop every
# umlaut.  anker takes C.UTF-8 for LC_CTYPE then.

# One document whose first line holds "Ämter".
umlaut_doc() {
	P=$T/p.anker
	printf 'I: Die Ämter über Übergänge.\nB: Größe – „gut“.\n' > "$T/t.txt"
	anker -p "$P" init >/dev/null 2>&1
	anker -p "$P" import "$T/t.txt" >/dev/null 2>&1
	anker -p "$P" codes add "Ämter" >/dev/null
}

test_headless_lc_all_c_shows_umlauts() {
	umlaut_doc
	LC_ALL=C screen '<Enter>'
	expect_out "I: Die Ämter über Übergänge."
	expect_out "B: Größe – „gut“."
	expect_out "Ämter"
	LC_ALL=POSIX LANG= screen '<Enter>'
	expect_out "I: Die Ämter über Übergänge."
}

test_tmux_lc_all_c_shows_umlauts() {
	command -v tmux >/dev/null || { fail "tmux is missing"; return 0; }
	umlaut_doc
	tmux_start 100 30 env LC_ALL=C "$ANKER" -p "$P"
	wait_screen "Documents (1)" || return 0
	keys Enter
	wait_screen "Die Ämter über Übergänge" || return 0
	case $SCREEN in *"Größe – „gut“"*) ;; *) fail "expected 'Größe – „gut“' on the screen: $SCREEN" ;; esac
	keys q
}
