# tests/tui/lib.sh — helpers for the TUI tests, on top of tests/cli/lib.sh.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../cli" && pwd)/lib.sh"

# demo_copy: a fresh copy of the demo project as $T/p.anker.
demo_copy() { cp "$DEMO" "$T/p.anker"; P=$T/p.anker; }

# screen [-s WxH] KEYS: run the TUI headless on $P; the screen in $OUT.
# Each run starts as the coder's first: the place an earlier run saved
# (tui/resume.c: document, cursor, codes) is forgotten first, so that the
# runs of a test do not depend on each other.  resume_screen keeps it.
screen() {
	if [ -f "$P" ]; then sql "$P" "DELETE FROM coder_state" >/dev/null 2>&1 || true; fi
	resume_screen "$@"
}

resume_screen() {
	local size=100x30
	if [ "$1" = -s ]; then size=$2; shift 2; fi
	run env ANKER_TUI_HEADLESS="$size" ANKER_TUI_KEYS="$1" "$ANKER" -p "$P" tui
	expect_rc 0
}

# line N: line N (1-based) of $OUT.
line() { printf '%s\n' "$OUT" | sed -n "${1}p"; }

expect_line() {   # expect_line N SUBSTRING
	local l; l=$(line "$1")
	case $l in *"$2"*) ;; *) fail "expected line $1 to contain '$2', got: '$l'" ;; esac
}

# Every line of $OUT at most W columns wide (display width, as wc -L
# measures it in a UTF-8 locale: wide characters 2, combining marks 0).
expect_width() {
	local w
	w=$(printf '%s\n' "$OUT" | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -le "$1" ] || fail "expected the screen at most $1 columns wide, widest line: $w"
}

# project_unsound P: what is wrong with project P, one line each; nothing
# when it is sound: SQLite's integrity and foreign key checks, every
# segment with a log entry, and the log matching the segments (each
# segment's newest entry that is not undone holds the row as it is, or
# NULL and no row).  "Not undone" is log.undone = 0: 1 and 2 are both
# undone (2: off the coder's plain redo path, still redoable by number).
# The rule holds with per-coder undo and redo by number because
# store/undo.c refuses an undo under a later done step on the same row and
# a redo of a row that is not as its undo left it.
project_unsound() {
	sql "$1" "SELECT 'integrity_check: ' || integrity_check FROM pragma_integrity_check
	    WHERE integrity_check <> 'ok';
	  SELECT 'foreign_key_check: ' || \"table\" || ' ' || rowid FROM pragma_foreign_key_check;
	  SELECT 'segment without a log entry: ' || guid FROM segment s WHERE NOT EXISTS
	    (SELECT 1 FROM log l WHERE l.entity = 'segment' AND l.guid = s.guid) LIMIT 5;
	  WITH last AS (SELECT g.guid, (SELECT after FROM log x WHERE x.entity = 'segment'
	        AND x.guid = g.guid AND x.undone = 0 ORDER BY x.id DESC LIMIT 1) AS a
	      FROM (SELECT DISTINCT guid FROM log WHERE entity = 'segment') g)
	    SELECT 'log and segment differ: ' || last.guid || ' log: ' || IFNULL(a, 'none') FROM last
	    WHERE CASE WHEN a IS NULL THEN EXISTS (SELECT 1 FROM segment s WHERE s.guid = last.guid)
	      ELSE NOT EXISTS (SELECT 1 FROM segment s JOIN code c ON c.id = s.code_id
	        JOIN document d ON d.id = s.doc_id WHERE s.guid = last.guid
	        AND s.start = json_extract(a, '\$.start') AND s.\"end\" = json_extract(a, '\$.end')
	        AND s.weight = json_extract(a, '\$.weight') AND s.memo = json_extract(a, '\$.memo')
	        AND c.guid = json_extract(a, '\$.code') AND d.guid = json_extract(a, '\$.doc')) END
	    LIMIT 5;"
}

# --- tmux -------------------------------------------------------------
# A private server per test (its own socket), killed at the end.
TMUX_SOCK=""
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# tmux_start W H CMD...: start CMD in a detached session of that size.
tmux_start() {
	local w=$1 h=$2; shift 2
	TMUX_SOCK=anker-test-$$-$RANDOM
	tm new-session -d -s t -x "$w" -y "$h" "$@"
}

# wait_screen TEXT [SECONDS]: poll capture-pane until TEXT shows (at most
# SECONDS, default 20: a bound for a loaded machine, not a delay).
wait_screen() {
	local limit=$(( ${2:-20} * 20 )) i=0
	while [ $i -lt $limit ]; do
		SCREEN=$(tm capture-pane -p -t t 2>/dev/null)
		case $SCREEN in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "waited ${2:-20}s for '$1' on the screen; it shows:
$SCREEN"
	return 1
}

# wait_screen_gone TEXT: poll until TEXT no longer shows (at most 20 s);
# the screen in $SCREEN.  1 when it stayed.
wait_screen_gone() {
	local i=0
	while [ $i -lt 400 ]; do
		SCREEN=$(tm capture-pane -p -t t 2>/dev/null)
		case $SCREEN in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

keys() { tm send-keys -t t "$@"; }

# wait_sql P QUERY WANT [SECONDS]: poll project P until QUERY gives WANT
# (at most SECONDS, default 30: a bound for a loaded machine, not a
# delay): what the TUI writes when it is idle, not when a key is handled.
wait_sql() {
	local limit=$(( ${4:-30} * 20 )) i=0 got=""
	while [ $i -lt $limit ]; do
		got=$(sql "$1" "$2" 2>/dev/null) && [ "$got" = "$3" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "waited ${4:-30}s for '$2' to give '$3'; it gives '$got'"
	return 1
}

tmux_cleanup() {
	if [ -n "$TMUX_SOCK" ]; then
		tm kill-server 2>/dev/null || true
		TMUX_SOCK=""
	fi
	return 0
}

# expect_sq TEXT: $OUT with runs of blanks squeezed contains TEXT (a
# matrix's column width follows the longest code number).
expect_sq() {
	case $(printf '%s\n' "$OUT" | tr -s ' ') in *"$1"*) ;; *) fail "expected (blanks squeezed) '$1', got:
$OUT" ;; esac
}

# expect_help TEXT: the help on the screen ($OUT) says TEXT, its lines
# wrapped at the window's width joined again (blanks and line ends
# squeezed to one blank, in TEXT too).
expect_help() {
	local flat want
	flat=$(printf '%s\n' "$OUT" | tr -s ' \n' '  ')
	want=$(printf '%s' "$1" | tr -s ' ')
	case $flat in *"$want"*) ;; *) fail "expected the help to say '$1', got:
$OUT" ;; esac
}
