# tests/cli/lib.sh — a small harness for command-line tests.
#
# A test is a function named test_*; run.sh calls each in a fresh temp
# directory ($T) with $ANKER set to the binary.  Helpers record failures
# with what was expected and what was seen.

FIXTURES=${FIXTURES:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures" && pwd)}
_fail=0

fail() {
	echo "    FAIL: $*" >&2
	_fail=1
}

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
	set +e
	OUT=$("$@" 2>"$T/.stderr")
	RC=$?
	set -e
	ERR=$(cat "$T/.stderr")
}

anker() { "$ANKER" "$@"; }

expect_rc() {
	[ "$RC" -eq "$1" ] || fail "expected exit status $1, got $RC (stderr: ${ERR:0:300})"
}

expect_out() {   # expect_out SUBSTRING
	case $OUT in *"$1"*) ;; *) fail "expected stdout to contain '$1', got: ${OUT:0:400}" ;; esac
}

expect_no_out() {
	case $OUT in *"$1"*) fail "expected stdout not to contain '$1'" ;; esac
}

expect_err() {   # expect_err SUBSTRING
	case $ERR in *"$1"*) ;; *) fail "expected stderr to contain '$1', got: ${ERR:0:400}" ;; esac
}

expect_eq() {    # expect_eq EXPECTED ACTUAL WHAT
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}

# sql P QUERY: read the project with the sqlite3 tool (tests only).
# A busy timeout: an anker that has just quit may still be checkpointing.
sql() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$1" "$2"; }

# The state of a project as one string: row counts and integrity, to show
# that a failed command changed nothing.
snapshot() {
	sql "$1" "PRAGMA integrity_check;
	  SELECT 'documents', COUNT(*) FROM document; SELECT 'codes', COUNT(*) FROM code;
	  SELECT 'segments', COUNT(*) FROM segment; SELECT 'log', COUNT(*) FROM log;
	  SELECT 'anchors', COUNT(*) FROM anchor; SELECT 'notes', COUNT(*) FROM code_note;
	  SELECT 'turns', COUNT(*) FROM turn; SELECT 'vars', COUNT(*) FROM doc_var;
	  SELECT 'reviews', COUNT(*) FROM review; SELECT 'memos', COUNT(*) FROM memo;
	  SELECT 'coders', COUNT(*) FROM coder; SELECT 'results', COUNT(*) FROM result;" | tr '\n' ' '
}

# expect_tsv EXPECTED: stdout is the table EXPECTED, tabs shown as "|".
expect_tsv() {
	expect_eq "$1" "$(printf '%s\n' "$OUT" | tr '\t' '|')" "table"
}

# tsv_is ARGS... <<'EOF' TABLE EOF: `anker -p p.anker ARGS --format tsv`
# succeeds and prints TABLE (tabs shown as "|"); its stderr in $ERR.
tsv_is() {
	local want
	want=$(cat)
	run anker -p p.anker "$@" --format tsv
	expect_rc 0
	expect_tsv "$want"
}

# run_unchanged P CMD...: run CMD (as run does), and fail when it changed
# project P (its snapshot before and after differ): a refused command, or
# one that has nothing to change.
run_unchanged() {
	local p=$1 before
	shift
	before=$(snapshot "$p")
	run "$@"
	expect_eq "$before" "$(snapshot "$p")" "project $p after: $*"
}

# expect_present TABLE FILE WHAT: every GUID listed in FILE is in TABLE of
# the project $P (one query: a sqlite3 per GUID takes seconds for
# hundreds).
expect_present() {
	local values missing
	values=$(grep -E '^[0-9a-f-]{36}$' "$2" | sed "s/.*/('&')/" | paste -sd, - || true)
	[ -n "$values" ] || return 0
	# On standard input: thousands of GUIDs pass the 128 KB limit of one
	# argument (a fast machine acknowledges 3,600 codings in 30 s).
	missing=$(printf 'WITH ack(g) AS (VALUES %s)\nSELECT g FROM ack WHERE g NOT IN (SELECT guid FROM %s);\n' \
		"$values" "$1" | sqlite3 -batch -noheader -cmd ".timeout 5000" "$P" | head -5)
	[ -z "$missing" ] || fail "acknowledged $3 not in the project: $missing${SEED:+ (seed $SEED)}"
	return 0
}

# --- Locks held by another program (tests/cli and tests/tui test_crash.sh)
# lock_take / lock_release: another program (sqlite3) holds the project's
# write lock from the moment lock_take returns until lock_release.  The
# holder waits for the lock itself (a busy timeout: a probe of ours may hold
# it for an instant), says on its own output when it has it, and the lock is
# then checked from outside; lock_take fails the test loudly when either
# does not happen.
lock_take() {
	rm -f lockctl lockheld
	mkfifo lockctl
	sqlite3 "$P" < lockctl > lockheld 2>&1 &
	LOCK_PID=$!
	exec 8> lockctl
	printf '.timeout 30000\nBEGIN IMMEDIATE;\nSELECT '"'"'lock-held'"'"';\n' >&8
	wait_for_text lockheld '^lock-held$' ||
		fail "lock_take: sqlite3 never took the write lock: $(cat lockheld)"
	# from outside: a writer that does not wait must find the lock taken
	if sqlite3 "$P" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; then
		fail "lock_take: the write lock is not held although sqlite3 said so"
	fi
	return 0
}

lock_release() {
	echo "COMMIT;" >&8
	exec 8>&-
	wait "$LOCK_PID"
}

# wait_for_text FILE TEXT: until FILE contains TEXT (at most 60 s, for
# valgrind); 1 when it never did.
wait_for_text() {
	local i
	for ((i = 0; i < 1200; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# adapt_max RC: for the kill tests (tests/cli/test_crash.sh,
# tests/tui/test_crash.sh).  The kill delays follow the machine: a kill
# (RC 137) makes the next delays longer, a run that finished makes them
# shorter, so about half the runs are killed, spread over the whole run,
# whatever the load does meanwhile; a delay measured once leaves a test that
# fails when the load changes.  Uses and sets the caller's max and max_seen.
adapt_max() {
	if [ "$1" -eq 137 ]; then max=$((max * 11 / 10 + 1)); else max=$((max * 9 / 10)); fi
	[ "$max" -ge 2 ] || max=2
	[ "$max" -le "$max_seen" ] || max_seen=$max
}

# cpu_mark VAR: VAR = the CPU seconds (user + system) that this shell's
# finished children have used so far (bash's times; no command
# substitution or pipe: a subshell would count only its own children).
# Time bounds in tests count CPU, not wall time, so that another job on a
# busy machine cannot fail them.
cpu_mark() {
	local self u s f=${T:-/tmp}/.times.$$
	times > "$f"
	{ read -r self; read -r u s; } < "$f"
	rm -f "$f"
	printf -v "$1" '%s' "$(echo "$u $s" | awk '{ split($1, a, "m"); split($2, b, "m")
		printf "%.3f", a[1] * 60 + a[2] + b[1] * 60 + b[2] }')"
}

# cpu_took_ms VAR START: VAR = CPU milliseconds used since cpu_mark START.
cpu_took_ms() {
	local now
	cpu_mark now
	printf -v "$1" '%s' "$(echo "$now $2" | awk '{ printf "%d", ($1 - $2) * 1000 }')"
}

# --- A really full disk (tests/cli/test_project.sh, test_disk_full.sh)
# in_small_fs FUNCTION: ENOSPC (SQLITE_FULL) for real, in a 4 MB tmpfs in
# a private mount namespace (unshare, as root or through a user
# namespace).  Skipped with the reason where neither is allowed (a
# container without the rights).  FUNCTION runs inside, in fs/, with
# lib.sh and the caller's test file sourced again; $T (the harness's
# .stderr) stays outside, where there is room.  (4 MB: an empty project
# is 1 MB since schema 10, its 63 tables and indexes a 16 KiB page each.)
in_small_fs() {   # in_small_fs FUNCTION
	# (BASH_SOURCE[1]: the test file of the function that called this)
	local u here=${BASH_SOURCE[1]}
	mkdir fs
	for u in "unshare --mount" "unshare --user --map-root-user --mount"; do
		$u sh -c 'mount -t tmpfs -o size=4m none fs' 2>/dev/null || continue
		$u bash -c 'mount -t tmpfs -o size=4m none fs && cd fs &&
			source "$1" && source "$2" && set -e && "$3" && [ "$_fail" -eq 0 ]' \
			_ "$(dirname "$here")/lib.sh" "$here" "$1" || fail "$1 (in a 4 MB file system)"
		return 0
	done
	echo "    SKIP: no tmpfs in a private mount namespace here (unshare refused)" >&2
}

# --- Results kept in the project (tests/cli/test_cooc_cache.sh,
# test_agree_cache.sh)
# kept_edit ALL MATCH WHAT CMD...: every result asked for once (ALL: kept
# when counted), then the edit CMD (its failure fails the test), then
# MATCH WHAT: each as kept equals a count.
kept_edit() {
	local all=$1 match=$2 what=$3
	shift 3
	"$all"
	"$@" >/dev/null 2>&1 || fail "$what failed"
	"$match" "$what"
}

# kept_follows_edits ALL MATCH: kept_edit with the edits every kept result
# must follow, on the demo project $P: by anker (a coding, an unmarking,
# undo, redo, a code moved, codes merged and the merge undone, another
# project merged, a document deleted) and in the sqlite3 shell (segments
# moved, given another coder, deleted).
kept_follows_edits() {
	local e="kept_edit $1 $2"
	$e "mark" anker -p "$P" mark 'Interview 01' 2.2 10 200 --coder ben
	$e "unmark" anker -p "$P" unmark "$(sql "$P" "SELECT guid FROM segment ORDER BY id
	                                              LIMIT 1 OFFSET 7")"
	$e "undo" anker -p "$P" undo
	$e "redo" anker -p "$P" redo
	$e "codes move" anker -p "$P" codes move 2.2 --under 2.1
	$e "codes merge" anker -p "$P" codes merge 2.3 2.4
	$e "undo of the merge" anker -p "$P" undo
	rm -f b.anker
	anker -p "$P" blind ben b.anker >/dev/null 2>&1 || fail "blind failed"
	ANKER_CODER=ben anker -p b.anker mark 'Interview 04' 2.4 5 90 >/dev/null 2>&1 ||
		fail "mark in the blind copy failed"
	$e "merge" anker -p "$P" merge b.anker
	$e "docs delete" anker -p "$P" docs delete --force 'Interview 02'
	$e "segments moved in the sqlite3 shell" sql "$P" "UPDATE OR IGNORE segment
	    SET start = start + 1 WHERE id IN (SELECT id FROM segment WHERE start + 1 < \"end\"
	    ORDER BY id LIMIT 5)"
	$e "coders changed in the sqlite3 shell" sql "$P" "UPDATE OR IGNORE segment
	    SET coder_id = (SELECT id FROM coder WHERE name = 'ben')
	    WHERE id IN (SELECT id FROM segment ORDER BY id LIMIT 6)"
	$e "segments deleted in the sqlite3 shell" sql "$P" "DELETE FROM segment
	    WHERE id IN (SELECT id FROM segment ORDER BY id LIMIT 3 OFFSET 20)"
}

# --- REFI-QDA (tests/cli/test_refi.sh, test_qdpx_bulk.sh)
# mkqdpx OUT QDE [NAME=TEXT...]: a zip with project.qde (or the name in
# QDE_NAME) and the given entries.
mkqdpx() {
	local out=$1 qde=$2
	shift 2
	python3 - "$out" "$qde" "${QDE_NAME:-project.qde}" "$@" <<'PY'
import sys, zipfile
out, qde, name = sys.argv[1:4]
with zipfile.ZipFile(out, 'w') as z:
    z.writestr(name, qde)
    for arg in sys.argv[4:]:
        k, v = arg.split('=', 1)
        z.writestr(k, v.encode('utf-8'))
PY
}
