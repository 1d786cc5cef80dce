#!/usr/bin/env bash
# Run every tests/cli/test_*.sh function test_* in its own temp dir.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${ANKER:?set ANKER to the anker binary}"
export ANKER ANKER_CODER=tester LC_ALL=C.UTF-8
unset ANKER_PROJECT
source "$here/../runner.sh"
run_tests "$here"
