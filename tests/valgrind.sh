#!/bin/sh
# Run anker under valgrind for `make check-valgrind`: memory errors and
# definite leaks fail the command (exit 99), so the test that ran it fails.
ANKER_NO_JIT=1 exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
	--error-exitcode=99 "$ANKER_REAL" "$@"
