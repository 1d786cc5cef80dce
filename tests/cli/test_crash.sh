# Crash safety and concurrency of the command line: anker killed with
# SIGKILL at random moments, two processes writing one project at once,
# a process waiting for another's long write, an old project migrated by
# several processes at once.  What was acknowledged (a GUID printed) must
# be in the project afterwards, the file intact, and the user never sees
# "database is locked".
#
# The random moments come from $RANDOM seeded with CRASH_SEED (default:
# the shell's pid), printed with every failure so that a run can be
# repeated.

SEED=${CRASH_SEED:-$$}
RANDOM=$SEED

demo_project() {
	anker demo . >/dev/null 2>&1 || fail "anker demo failed"
	P=$PWD/demo.anker
}

# The whole file is sound: SQLite's checks, and the change log agrees
# with the segments (each present segment was logged; each logged insert
# is present unless a later entry deleted it).
expect_sound() {
	expect_eq ok "$(sql "$1" 'PRAGMA integrity_check')" "integrity_check (seed $SEED)"
	expect_eq "" "$(sql "$1" 'PRAGMA foreign_key_check')" "foreign_key_check (seed $SEED)"
	expect_eq "" "$(sql "$1" "SELECT guid FROM segment s WHERE NOT EXISTS
	    (SELECT 1 FROM log l WHERE l.entity = 'segment' AND l.guid = s.guid)")" \
		"segments without a log entry (seed $SEED)"
	expect_eq "" "$(sql "$1" "SELECT l.guid FROM log l WHERE l.entity = 'segment'
	    AND l.before IS NULL AND l.undone = 0
	    AND NOT EXISTS (SELECT 1 FROM segment s WHERE s.guid = l.guid)
	    AND NOT EXISTS (SELECT 1 FROM log m WHERE m.guid = l.guid AND m.id > l.id
	                    AND m.after IS NULL)")" "logged segments missing (seed $SEED)"
	expect_eq "" "$(sql "$1" "SELECT step FROM log GROUP BY step HAVING COUNT(DISTINCT undone) > 1")" \
		"steps half undone (seed $SEED)"
}

# One command of the stream, killed after a random delay of 1 to $1 ms
# unless it is done sooner (timeout(1) returns as soon as it ends).  Sets
# RC (137: killed) and leaves its output in o and e.
killed_run() {
	local max=$1 d; shift
	d=$((RANDOM % max + 1))
	printf -v d '%d.%03d' $((d / 1000)) $((d % 1000))
	RC=0
	# (braces: bash's "Killed" notice goes to /dev/null, not the log)
	{ timeout -s KILL "$d" "$ANKER" "$@" >o 2>e; } 2>/dev/null || RC=$?
	if [ "$RC" -eq 137 ]; then
		KILLED=$((KILLED + 1))
	elif [ "$RC" -ne 0 ] || [ -s e ]; then
		fail "anker $* (not killed): exit $RC, stderr: $(head -c 300 e) (seed $SEED)"
	fi
}

# The milliseconds one uncontended mark takes (the quickest of three, on
# this machine at this load), to spread the kill delays over it: kills
# should land before, during and after every phase.
mark_ms() {
	local t0 t1 i best=100000
	for i in 1 2 3; do
		t0=$(date +%s%N)
		anker -p "$P" mark "Interview 05" 1 $i $((i + 5)) --coder timing >/dev/null
		t1=$(date +%s%N)
		[ $(( (t1 - t0) / 1000000 )) -lt $best ] && best=$(( (t1 - t0) / 1000000 ))
	done
	echo "$best"
}

test_sigkill_200_times_during_codings() {
	demo_project
	local ms kills=200 i guid k line
	ms=$(mark_ms)
	# Under ASan or valgrind one command takes 5 to 50 times as long: fewer
	# kills (the time is what counts there), the same checks.
	if [ "$ms" -gt 150 ]; then
		kills=$((15000 / ms + 20))
		echo "    ($ms ms per mark: instrumented? $kills kills)"
	fi
	local max=$((ms * 3 / 2 + 2)) max_seen=0
	# What was acknowledged, in arrays: the loop forks nothing but
	# timeout and anker, so that the kills, not the shell, take the time.
	local marks=() memos=() codes=() unmarked=()
	KILLED=0
	for ((i = 0; i < kills; i++)); do
		guid=
		[ ${#marks[@]} -gt 0 ] && guid=${marks[RANDOM % ${#marks[@]}]}
		line=
		case $((i % 10)) in
		6) if [ -n "$guid" ]; then
			killed_run "$max" -p "$P" segment set "$guid" --memo "m$i"
		   fi ;;
		7) killed_run "$max" -p "$P" memo add --on project "note $i"
		   read -r line < o || true
		   memos+=($line) ;;
		8) [ -n "$guid" ] || continue
		   # Being unmarked, the coding's presence is no longer certain.
		   for k in "${!marks[@]}"; do
			[ "${marks[k]}" = "$guid" ] && unset 'marks[k]'
		   done
		   marks=("${marks[@]}")
		   killed_run "$max" -p "$P" unmark "$guid"
		   if [ "$RC" -eq 0 ]; then unmarked+=("$guid"); fi ;;
		9) killed_run "$max" -p "$P" codes add "Crash >> K$i"
		   read -r k line < o || true
		   codes+=($line) ;;
		*) killed_run "$max" -p "$P" mark "Interview 0$((i % 5 + 1))" 1 $((i * 7 % 5000)) \
		       $((i * 7 % 5000 + 5 + i % 3)) --coder crash
		   read -r line < o || true
		   marks+=($line) ;;
		esac
		adapt_max "$RC"
		# The parent of the codes added above, made once and not killed.
		if [ "$i" -eq 0 ]; then anker -p "$P" codes add Crash >/dev/null; fi
	done
	printf '%s\n' "${marks[@]}" > marks
	printf '%s\n' "${memos[@]}" > memos
	printf '%s\n' "${codes[@]}" > codes
	printf '%s\n' "${unmarked[@]}" > unmarked
	echo "    $KILLED of $kills runs killed (kill delays 1-$max_seen ms, adapted to the load); ${#marks[@]} codings acknowledged"
	# Not vacuous: many kills landed, and many codings got through.
	[ "$KILLED" -ge $((kills / 10)) ] ||
		fail "only $KILLED of $kills runs were killed: the kills came too late (seed $SEED)"
	[ ${#marks[@]} -ge $((kills / 20)) ] ||
		fail "only ${#marks[@]} codings were acknowledged: the kills came too early (seed $SEED)"
	expect_sound "$P"
	expect_present segment marks coding
	expect_present memo memos memo
	expect_present code codes code
	local values
	values=$(grep . unmarked | sed "s/.*/'&'/" | paste -sd, - || true)
	expect_eq "" "$(sql "$P" "SELECT guid FROM segment WHERE guid IN (${values:-''})")" \
		"unmarked segments still there (seed $SEED)"
	[ ! -e "$P-journal" ] || fail "a rollback journal was left beside the project"
	# Undo still takes back the newest step whole, and redo brings it back
	# (by number: the step may be coder crash's or the tester's).
	local step n
	step=$(sql "$P" "SELECT MAX(step) FROM log WHERE undone = 0")
	n=$(snapshot "$P")
	run anker -p "$P" undo --step "$step"
	expect_rc 0
	expect_err "undid step $step"
	run anker -p "$P" redo --step "$step"
	expect_rc 0
	expect_eq "$n" "$(snapshot "$P")" "project after undo and redo of step $step"
	# And a clean run afterwards leaves no -wal or -shm.
	run anker -p "$P" mark "Interview 01" 1 0 3 --coder after
	expect_rc 0
	[ ! -e "$P-wal" ] && [ ! -e "$P-shm" ] || fail "-wal or -shm left after a clean run"
}

# An old project (schema 1), killed while it is migrated on opening.
make_v1() {
	sql "$1" "DROP INDEX segment_span; DROP INDEX segment_coder_code;
	  DROP INDEX segment_code_cover; DROP TRIGGER code_doc_insert;
	  DROP TRIGGER code_doc_delete; DROP TRIGGER code_doc_update; DROP TABLE code_doc;
	  DROP INDEX log_row; DROP INDEX log_coder; DROP TABLE coder_state;
	  DROP INDEX memo_segment; DROP INDEX memo_doc; DROP INDEX memo_code;
	  DROP TRIGGER doc_segments_insert; DROP TRIGGER doc_segments_delete;
	  DROP TRIGGER doc_segments_update; DROP TABLE doc_segments;
	  DROP TRIGGER code_segments_insert; DROP TRIGGER code_segments_delete;
	  DROP TRIGGER code_segments_update; DROP TABLE code_segments;
	  PRAGMA user_version = 1"
}

test_sigkill_during_migration() {
	demo_project
	make_v1 "$P"
	cp "$P" v1.anker
	local i v ok n ms t0 old=0
	# Kills spread over one whole run that migrates.
	t0=$(date +%s%N)
	anker -p v1.anker docs >/dev/null
	ms=$(( ($(date +%s%N) - t0) / 1000000 * 3 / 4 + 2 ))
	KILLED=0
	for ((i = 0; i < 20; i++)); do
		killed_run "$ms" -p "$P" docs
		# The ten objects of schemas 2 and 3: none or all, never half a
		# migration.
		IFS='|' read -r v ok n <<< "$(sql "$P" "SELECT (SELECT user_version FROM
		    pragma_user_version), (SELECT integrity_check FROM pragma_integrity_check),
		    (SELECT COUNT(*) FROM sqlite_master WHERE name IN ('segment_span',
		    'segment_coder_code', 'segment_code_cover', 'code_doc', 'code_doc_insert',
		    'code_doc_delete', 'code_doc_update', 'log_row', 'log_coder', 'coder_state'))")"
		expect_eq ok "$ok" "integrity after kill $i (seed $SEED)"
		case $v in
		1) expect_eq 0 "$n" "schema 2 and 3 objects in schema 1 after kill $i (seed $SEED)"
		   old=$((old + 1)) ;;
		20) expect_eq 10 "$n" "schema 2 and 3 objects after kill $i (seed $SEED)"
		   expect_eq "" "$(sql "$P" "SELECT 'code_doc differs' WHERE (SELECT COUNT(*) FROM
		       segment) <> (SELECT COALESCE(SUM(n), 0) FROM code_doc)")" "after kill $i"
		   make_v1 "$P" ;;
		*) fail "schema version $v after kill $i (seed $SEED)" ;;
		esac
	done
	echo "    $KILLED of 20 runs killed (delays 1-$ms ms); $old left at schema 1, $((20 - old)) migrated"
	[ "$KILLED" -gt 0 ] || fail "no run was killed: nothing was tested (seed $SEED)"
}

# Several processes open an old project at once: each used to read
# version 1 and migrate, and all but the first failed ("index
# segment_span already exists").
test_old_project_opened_by_four_at_once() {
	demo_project
	make_v1 "$P"
	cp "$P" v1.anker
	local r k
	for r in 1 2 3; do
		cp v1.anker "$P"
		for k in 1 2 3 4; do
			"$ANKER" -p "$P" docs >out.$k 2>err.$k &
		done
		wait
		for k in 1 2 3 4; do
			# Waiting (said after a second: valgrind) is fine; errors not.
			grep -v '^anker: waiting for another process writing ' err.$k > other || true
			[ -s other ] && fail "round $r, process $k: $(cat other)"
			grep -q "^Interview 05" out.$k || fail "round $r, process $k listed no documents"
		done
		expect_eq 20 "$(sql "$P" 'PRAGMA user_version')" "schema after round $r"
		expect_sound "$P"
	done
}

# mark_loop CODER DOC SECONDS: mark in a loop until the time is up; GUIDs
# to CODER.guids, stderr to CODER.err, statuses other than 0 to CODER.rc.
mark_loop() {
	local coder=$1 doc=$2 end=$((SECONDS + $3)) i=0 rc
	: > "$coder.guids"; : > "$coder.err"; : > "$coder.rc"
	while [ $SECONDS -lt $end ]; do
		rc=0
		"$ANKER" -p "$P" mark "$doc" 1 $((i % 6000)) $((i % 6000 + 4 + i / 6000)) \
			--coder "$coder" >> "$coder.guids" 2>> "$coder.err" || rc=$?
		[ "$rc" -eq 0 ] || echo "$i: $rc" >> "$coder.rc"
		# Now and then a reader, which closes (and checkpoints) too.
		if [ $((i % 8)) -eq 0 ]; then
			"$ANKER" -p "$P" freq --coder "$coder" >/dev/null 2>> "$coder.err" ||
				echo "freq $i: $?" >> "$coder.rc"
		fi
		i=$((i + 1))
	done
}

expect_loop_clean() {   # expect_loop_clean CODER
	[ -s "$1.rc" ] && fail "$1: exit statuses other than 0: $(head -5 "$1.rc")"
	# Waiting a second is allowed (a loaded machine) and says so; any other
	# message, "database is locked" above all, is not.
	local other
	other=$(grep -v "^anker: waiting for another process writing " "$1.err" | head -5 || true)
	[ -z "$other" ] || fail "$1: messages: $other"
	expect_eq "$(wc -l < "$1.guids")" \
		"$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder c ON c.id = s.coder_id WHERE c.name = '$1'")" \
		"$1: codings acknowledged and codings in the project"
	expect_present segment "$1.guids" "coding by $1"
}

test_two_writers_30_seconds() {
	demo_project
	mark_loop one "Interview 01" 30 &
	local a=$!
	mark_loop two "Interview 02" 30 &
	local b=$!
	wait "$a" "$b"
	echo "    $(wc -l < one.guids) + $(wc -l < two.guids) codings in 30 s"
	# (Under valgrind a mark takes seconds: a few each is progress there.)
	[ "$(wc -l < one.guids)" -ge 3 ] && [ "$(wc -l < two.guids)" -ge 3 ] ||
		fail "a writer made (almost) no progress: $(wc -l < one.guids) and $(wc -l < two.guids)"
	expect_loop_clean one
	expect_loop_clean two
	expect_sound "$P"
	expect_eq 0 "$(sql "$P" "SELECT COUNT(*) FROM log WHERE step IN (SELECT step FROM log
	    GROUP BY step HAVING COUNT(DISTINCT coder) > 1)")" "log steps mixing both writers"
}

# Another program holds the write lock for longer than a second: anker
# says it waits, and goes on when the lock is free.  With ANKER_WAIT it
# gives up in time, with a message and nothing changed.
test_waits_for_a_long_writer() {
	demo_project
	local before pid
	lock_take
	"$ANKER" -p "$P" mark "Interview 01" 1 0 5 --coder w >out 2>err &
	pid=$!
	wait_for_text err "waiting for another process writing $P" ||
		fail "no 'waiting' message within 60 s: $(cat err)"
	lock_release
	RC=0
	wait "$pid" || RC=$?
	OUT=$(cat out) ERR=$(cat err)
	expect_rc 0
	expect_no_locked
	expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM segment WHERE guid = '$OUT'")" "the coding made after waiting"
	before=$(snapshot "$P")
	lock_take
	run env ANKER_WAIT=0.5 "$ANKER" -p "$P" mark "Interview 01" 1 5 9 --coder w
	lock_release
	expect_rc 3
	expect_err "another process has kept it locked for 0.5 s; gave up"
	expect_err "nothing was changed"
	expect_no_locked
	expect_eq "$before" "$(snapshot "$P")" "project after giving up"
}

expect_no_locked() {
	case $ERR in *"database is locked"*|*"SQLITE_BUSY"*) fail "SQLite's message reached the user: $ERR" ;; esac
}
