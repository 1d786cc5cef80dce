# anker --help, anker COMMAND --help and the man page agree.

MAN="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/man/anker.1"

test_every_command_in_man_page() {
	run anker help
	expect_rc 0
	for c in $(printf '%s\n' "$OUT" | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
		grep -q "^\.SS $c\$" "$MAN" || fail "command '$c' has no .SS section in man/anker.1"
		run anker help "$c"
		expect_rc 0
		expect_out "usage: anker"
	done
}

test_every_option_in_man_page() {
	# Each long option a command's --help names must be in the man page.
	for c in $(anker help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
		for o in $(anker help "$c" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			man_o=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
			grep -q -- "$man_o" "$MAN" || fail "option $o of '$c' missing from man/anker.1"
		done
	done
}

test_command_help_flag() {
	for c in init import docs show search codes; do
		run anker "$c" --help
		expect_rc 0
		expect_out "usage: anker"
	done
	run anker import --bogus
	expect_rc 2
}

test_man_page_renders() {
	command -v mandoc >/dev/null || return 0
	run mandoc -T utf8 "$MAN"
	expect_rc 0
	expect_out "codebook import"
}

commands() { anker help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'; }

test_dash_h_is_help_everywhere() {
	local c s help
	for c in $(commands); do
		help=$(anker help "$c")
		run anker "$c" -h
		expect_rc 0
		expect_eq "$help" "$OUT" "anker $c -h"
		run anker "$c" --help
		expect_eq "$help" "$OUT" "anker $c --help"
		# and after each subcommand
		for s in $(anker __complete "$c" "" | tail -n +2 | cut -f1); do
			[ "$(anker __complete "$c" "" | head -1)" = words ] || break
			run anker "$c" "$s" -h
			expect_rc 0
			expect_eq "$help" "$OUT" "anker $c $s -h"
		done
	done
	run anker help -h
	expect_rc 0
	expect_out "usage: anker help [COMMAND]"
}

test_subcommand_missing_or_unknown() {
	run anker qdpx
	expect_rc 2
	expect_eq $'anker qdpx: expected a subcommand: export or import\nTry \'anker qdpx --help\'.' \
		"$ERR" "anker qdpx"
	run anker codes bogus
	expect_rc 2
	expect_err "anker codes: unknown subcommand 'bogus' (use add, rename, renumber, move, merge, delete or color)"
	run anker memo $'\e[2J'
	expect_rc 2
	expect_err "unknown subcommand '^[[2J'"
	# usage errors inside a subcommand name it once
	run anker segment set
	expect_rc 2
	expect_eq $'anker segment set: expected one SEGMENT\nTry \'anker segment --help\'.' "$ERR" \
		"anker segment set"
	# the common options may come before the subcommand
	run anker codebook -p nothere.anker export
	expect_rc 1
	expect_err "nothere.anker"
}

test_option_errors_name_the_command() {
	run anker freq --bogus
	expect_rc 2
	expect_eq $'anker freq: unrecognized option \'--bogus\'\nTry \'anker freq --help\'.' "$ERR" \
		"anker freq --bogus"
	run anker freq -x
	expect_rc 2
	expect_err "anker freq: unrecognized option '-x'"
	run anker search -ix REGEX
	expect_rc 2
	expect_err "anker search: unrecognized option '-x'"
	run anker freq --format
	expect_rc 2
	expect_err "anker freq: option '--format' needs an argument"
	run anker codes add -p
	expect_rc 2
	expect_err "anker codes add: option '-p' needs an argument"
	run anker freq --rollup=yes
	expect_rc 2
	expect_err "anker freq: option '--rollup' takes no argument"
	run anker agree --co x
	expect_rc 2
	expect_err "anker agree: option '--co' is ambiguous (--coder, --coders, --codes)"
	# the argument is shown inert
	run anker freq $'--\e]0;PWNED\a'
	expect_rc 2
	expect_err "anker freq: unrecognized option '--^[]0;PWNED^G'"
	case $ERR in *$'\e'*) fail "an escape reached stderr raw" ;; esac
	run anker demo $'-\e'
	expect_rc 2
	expect_err "anker demo: unrecognized option '-^['"
}

# The usage reads `anker [-p FILE] [--coder NAME] COMMAND`: a coder on a
# blind copy names herself once, before the command, as -p names the file.
test_coder_before_the_command() {
	anker -p p.anker init >/dev/null 2>&1
	printf 'I: eins zwei\n' > a.txt
	anker -p p.anker import -q a.txt
	anker -p p.anker codes add Eins >/dev/null
	run anker -p p.anker --coder ben mark a 1 0 4
	expect_rc 0
	run anker --coder=carl -p p.anker mark a 1 5 9
	expect_rc 0
	# the command's own --coder comes later and wins
	run anker --coder ben -p p.anker mark --coder dora a 1 0 9
	expect_rc 0
	expect_eq $'ben\ndora\ncarl' "$(sql p.anker "SELECT c.name FROM segment s JOIN coder c ON c.id = s.coder_id ORDER BY s.start, s.\"end\"")" \
		"coders of the three codings"
	# no command: the TUI, coding as ben
	run env ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS= "$ANKER" -p p.anker --coder ben
	expect_rc 0
	expect_out " p.anker | no document | ben | NORMAL"
	run anker -p p.anker --coder
	expect_rc 2
	expect_err "anker: --coder needs a NAME"
	run anker --coder $'\xff' -p p.anker mark a 1 0 2
	expect_rc 2
	expect_err "--coder"
	run anker --help
	expect_out "usage: anker [-p FILE] [--coder NAME] COMMAND"
}
