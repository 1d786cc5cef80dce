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
# In each test's shell: TRACE=1 traces it; its tmux sessions end with it.
before_each() {
	if [ -n "${TRACE:-}" ]; then set -x; fi
	trap tmux_cleanup EXIT
}
source "$here/../runner.sh"
run_tests "$here"
rc=$?
rm -rf "$DEMO_DIR"
exit $rc
