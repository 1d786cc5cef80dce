# tests/runner.sh — sourced by tests/cli/run.sh and tests/tui/run.sh.
#
# run_tests DIR: every function test_* of DIR/test_*.sh (with $ONLY: only
# the files whose path contains it), each in a subshell in a fresh temp
# directory $T, after DIR/lib.sh and its file are sourced and set -e; a
# test passes when it returns 0 and lib.sh's $_fail is still 0.  When the
# caller defines before_each, it runs in that subshell just before the
# test.  Prints the failures and "N passed, N failed"; returns 1 when any
# test failed.
run_tests() {
	local here=$1 pass=0 failed=0 failures=() file t f
	for file in "$here"/test_*.sh; do
		[ -n "${ONLY:-}" ] && [[ $file != *"$ONLY"* ]] && continue
		for t in $(bash -c "source '$here/lib.sh'; source '$file'; declare -F" |
		           awk '$3 ~ /^test_/ {print $3}'); do
			T=$(mktemp -d)
			# Not inside "if": there bash would ignore set -e in the test.
			# Standard input is never the terminal: undo asks there (tmux
			# gives a TUI under test its own).
			(export T; cd "$T" || exit 1; source "$here/lib.sh"; source "$file"; set -e
			 if declare -F before_each >/dev/null; then before_each; fi
			 "$t"; [ "$_fail" -eq 0 ]) </dev/null
			if [ $? -eq 0 ]; then
				pass=$((pass + 1))
			else
				failed=$((failed + 1))
				failures+=("$(basename "$file"): $t")
				echo "  FAILED $(basename "$file"): $t" >&2
			fi
			rm -rf "$T"
		done
	done
	for f in "${failures[@]}"; do echo "failed: $f"; done
	echo "$pass passed, $failed failed"
	[ "$failed" -eq 0 ]
}
