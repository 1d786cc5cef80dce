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
