# README.md's "What anker promises about your data" names, for each
# promise, the tests that back it: each named test must exist, so that a
# renamed or removed test cannot leave a promise without its proof.

README=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/README.md

test_readme_promises_name_tests_that_exist() {
	local root file="" tok n=0
	root=$(dirname "$README")
	# The "Tests:" parts of the section, their `names` one per line.
	sed -n '/^## What anker promises about your data/,/^## /p' "$README" |
		awk '/Tests:/ { on = 1 } /^- / && !/Tests:/ { on = 0 } /^$/ { on = 0 } on' |
		grep -o '`[^`]*`' | tr -d '`' > names
	[ -s names ] || fail "no 'Tests:' names in the promises of $README"
	while read -r tok; do
		case $tok in
		tests/*.sh | tests/*.c)
			file=$root/$tok
			[ -f "$file" ] || fail "README names $tok, which does not exist" ;;
		*.c) file=$(dirname "$file")/$tok
			[ -f "$file" ] || fail "README names $tok, which does not exist" ;;
		test_*)
			[ -n "$file" ] && grep -q "^$tok() {" "$file" ||
				fail "README names $tok in ${file#"$root"/}, which has no such test"
			n=$((n + 1)) ;;
		[a-z]*_*)
			# a Criterion test: Test(suite, NAME ...)
			[ -n "$file" ] && grep -q "^Test([a-z_]*, $tok[,)]" "$file" ||
				fail "README names $tok in ${file#"$root"/}, which has no such test"
			n=$((n + 1)) ;;
		esac
	done < names
	[ "$n" -ge 20 ] || fail "only $n tests named in the promises"
}
