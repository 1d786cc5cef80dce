#!/usr/bin/env bash
# Run every tests/cli/test_*.sh function test_* in its own temp dir.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${ANKER:?set ANKER to the anker binary}"
export ANKER ANKER_CODER=tester LC_ALL=C.UTF-8
unset ANKER_PROJECT
pass=0 failed=0 failures=()
for file in "$here"/test_*.sh; do
	[ -n "${ONLY:-}" ] && [[ $file != *"$ONLY"* ]] && continue
	for t in $(bash -c "source '$here/lib.sh'; source '$file'; declare -F" |
	           awk '$3 ~ /^test_/ {print $3}'); do
		T=$(mktemp -d)
		# Not inside "if": there bash would ignore set -e in the test.
		# Standard input is never the terminal: undo asks there.
		(export T; cd "$T" || exit 1; source "$here/lib.sh"; source "$file"; set -e
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
