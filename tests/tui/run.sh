#!/usr/bin/env bash
# Run every tests/tui/test_*.sh function test_* in its own temp dir: the
# headless screen tests (ANKER_TUI_HEADLESS) and the tmux end-to-end tests.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${ANKER:?set ANKER to the anker binary}"
export ANKER ANKER_CODER=tester LC_ALL=C.UTF-8 TERM=${TERM_TEST:-xterm-256color}
unset ANKER_PROJECT NO_COLOR
# One demo project for all tests (copied per test: they change it).
DEMO_DIR=$(mktemp -d)
"$ANKER" demo "$DEMO_DIR" >/dev/null 2>&1 || { echo "anker demo failed"; exit 1; }
export DEMO=$DEMO_DIR/demo.anker
pass=0 failed=0 failures=()
for file in "$here"/test_*.sh; do
	[ -n "${ONLY:-}" ] && [[ $file != *"$ONLY"* ]] && continue
	for t in $(bash -c "source '$here/lib.sh'; source '$file'; declare -F" |
	           awk '$3 ~ /^test_/ {print $3}'); do
		T=$(mktemp -d)
		# Standard input is never the terminal (tmux gives the TUI its own).
		(export T; cd "$T" || exit 1; source "$here/lib.sh"; source "$file"; set -e; [ -n "${TRACE:-}" ] && set -x
		 trap tmux_cleanup EXIT; "$t"; [ "$_fail" -eq 0 ]) </dev/null
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
rm -rf "$DEMO_DIR"
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
