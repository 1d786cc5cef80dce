# Crash safety and concurrency of the TUI: killed with SIGKILL at random
# moments while it codes, coding while the command line codes the same
# project, waiting for another process's long write.
#
# A coding is acknowledged when the status line says "Coded A-B with ...
# (GUIDPREFIX)".  Headless runs report every status-line message through
# the test hook ANKER_TUI_MESSAGES=FILE (tui/view.c: one line per message,
# written with write(2) as it is set, so a kill loses none); the tmux runs
# read the real status line with capture-pane.  $RANDOM is seeded with
# CRASH_SEED (default: the shell's pid), printed with every failure.

SEED=${CRASH_SEED:-$$}
RANDOM=$SEED

# coding_keys N: open the first document and code N words one after the
# other with the current code (w moves, v starts a selection, c codes).
coding_keys() {
	local k='<Enter>' i
	for ((i = 0; i < $1; i++)); do k+='wvwc'; done
	printf '%s' "$k"
}

# headless_coding CODER MSGFILE N: the TUI codes N words as CODER.
headless_coding() {
	ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS="$(coding_keys "$3")" ANKER_TUI_DUMP=/dev/null \
		ANKER_TUI_MESSAGES="$2" "$ANKER" -p "$P" tui --coder "$1"
}

# acked_values MSGFILE CODER: the acknowledged codings of one run as SQL
# VALUES rows (prefix, start, end, coder).
acked_values() {
	sed -n "s/^Coded \([0-9]*\)-\([0-9]*\) with .* (\([0-9a-f]*\))\$/('\3', \1, \2, '$2')/p" "$1"
}

# expect_acked_stored VALUES: every acknowledged coding is in the project,
# with its range and coder.
expect_acked_stored() {
	[ -n "$1" ] || return 0
	local missing
	missing=$(sql "$P" "WITH ack(p, a, b, coder) AS (VALUES $1)
	    SELECT p || ' ' || a || '-' || b || ' ' || coder FROM ack WHERE NOT EXISTS
	    (SELECT 1 FROM segment s JOIN coder c ON c.id = s.coder_id
	     WHERE s.guid LIKE ack.p || '%' AND s.start = ack.a AND s.\"end\" = ack.b
	       AND c.name = ack.coder)" | head -5)
	[ -z "$missing" ] || fail "acknowledged codings not in the project: $missing (seed $SEED)"
	return 0
}

expect_sound() {
	local bad
	bad=$(project_unsound "$P" | head -5)
	[ -z "$bad" ] || fail "the project is not sound (seed $SEED): $bad"
}

# Milliseconds of one whole headless run coding N words (the quicker of two).
run_ms() {
	local t0 t1 i best=100000
	for i in 1 2; do
		t0=$(date +%s%N)
		headless_coding "timing$i" /dev/null "$1" >/dev/null
		t1=$(date +%s%N)
		[ $(( (t1 - t0) / 1000000 )) -lt $best ] && best=$(( (t1 - t0) / 1000000 ))
	done
	echo "$best"
}

test_tui_sigkill_200_times_while_coding() {
	demo_copy
	local ms kills=200 i d rc killed=0 v n name coded over keys max max_seen=0
	keys=$(coding_keys 5)
	ms=$(run_ms 5)
	# Under ASan or valgrind a run takes many times as long: fewer kills
	# (the time is what counts there), the same checks.
	if [ "$ms" -gt 400 ]; then
		kills=$((15000 / ms + 20))
		echo "    ($ms ms per run: instrumented? $kills kills)"
	fi
	# The loop forks only timeout and anker: the kills, not the shell,
	# should take the time.
	export ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS="$keys" ANKER_TUI_DUMP=/dev/null
	# From the start (opening the project) to past the end of the run; the
	# bound follows the load (adapt_max, tests/cli/lib.sh).
	max=$((ms * 5 / 4 + 1))
	for ((i = 0; i < kills; i++)); do
		d=$((RANDOM % max + 1))
		printf -v d '%d.%03d' $((d / 1000)) $((d % 1000))
		rc=0
		{ ANKER_TUI_MESSAGES=msgs.$i timeout -s KILL "$d" "$ANKER" -p "$P" tui --coder "k$i" \
			>/dev/null 2>err.$i; } 2>/dev/null || rc=$?
		if [ "$rc" -eq 137 ]; then
			killed=$((killed + 1))
		elif [ "$rc" -ne 0 ] || [ -s err.$i ]; then
			fail "run $i (not killed): exit $rc, stderr: $(head -c 300 err.$i) (seed $SEED)"
		fi
		adapt_max "$rc"
	done
	unset ANKER_TUI_HEADLESS ANKER_TUI_KEYS ANKER_TUI_DUMP
	touch msgs.none
	coded=$(cat msgs.* | grep -c '^Coded ' || true)
	echo "    $killed of $kills runs killed (delays 1-$max_seen ms, adapted to the load); $coded codings acknowledged"
	[ "$killed" -ge $((kills / 10)) ] || fail "only $killed runs were killed (seed $SEED)"
	[ "$coded" -ge $((kills / 10)) ] || fail "only $coded codings acknowledged (seed $SEED)"
	v=$(grep -hv '^Coded \|^Selection started' msgs.* | head -3 || true)
	[ -z "$v" ] || fail "messages other than codings: $v"
	# Run i's file holds coder k$i's acknowledgements.
	expect_acked_stored "$(for f in msgs.[0-9]*; do acked_values "$f" "k${f#msgs.}"; done |
		paste -sd, -)"
	# Each run codes one word after the other: beyond what it acknowledged
	# at most the one coding it was killed after committing.
	over=$(sql "$P" "SELECT c.name || ':' || COUNT(*) FROM segment s JOIN coder c
	    ON c.id = s.coder_id WHERE c.name GLOB 'k[0-9]*' GROUP BY c.name")
	for v in $over; do
		name=${v%%:*}
		n=$(grep -c '^Coded ' "msgs.${name#k}" 2>/dev/null || true)
		[ "${v#*:}" -le $((${n:-0} + 1)) ] ||
			fail "run ${name#k}: ${v#*:} codings stored, ${n:-0} acknowledged (seed $SEED)"
	done
	expect_sound
}

# The real TUI in tmux, keys sent in a burst, killed at a random moment
# right after reading the status line: what it showed must be stored.
test_tmux_sigkill_after_status_line() {
	demo_copy
	local r n shown prefix range pid
	for r in 1 2 3; do
		# Wide: the status line must show the whole message.
		tmux_start 180 30 "$ANKER" -p "$P" tui --coder "tm$r"
		wait_screen "Documents (5)" || return 0
		keys Enter
		wait_screen "Interview 01 – Stadt" || return 0
		keys v w c
		wait_screen "Coded 0-11" || return 0
		keys w v w c w v w c w v w c w v w c w v w c w v w c
		pid=$(tm list-panes -t t -F '#{pane_pid}')
		sleep "0.$((RANDOM % 3))$((RANDOM % 10))"
		# The first status line that shows a coding (not "Selection
		# started"), and the kill at once.
		for ((n = 0; n < 100; n++)); do
			shown=$(tm capture-pane -p -t t | tail -1)
			case $shown in *"Coded "*) break ;; esac
		done
		kill -KILL "$pid"
		tmux_cleanup
		case $shown in
		*"Coded "*) ;;
		*) fail "round $r: no coding on the status line: '$shown'"; continue ;;
		esac
		range=$(printf '%s\n' "$shown" | sed -n 's/.*Coded \([0-9]*-[0-9]*\) with.*/\1/p')
		prefix=$(printf '%s\n' "$shown" | sed -n 's/.*(\([0-9a-f]\{8\}\)).*/\1/p')
		expect_eq 1 "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder c ON c.id = s.coder_id
		    WHERE c.name = 'tm$r' AND s.guid LIKE '$prefix%'
		      AND s.start || '-' || s.\"end\" = '$range'")" \
			"round $r: the coding $range ($prefix) the status line showed"
	done
	expect_sound
}

# The TUI codes (headless, one session after another) while the command
# line codes the same project: every acknowledged coding stored, nothing
# but codings said, no "database is locked" anywhere.
test_tui_and_command_line_code_at_once() {
	demo_copy
	local end=$((SECONDS + 4)) i=0 j=0 rc values="" v
	(
		while [ $SECONDS -lt $end ]; do
			rc=0
			"$ANKER" -p "$P" mark "Interview 02" 1 $((j % 6000)) $((j % 6000 + 4)) \
				--coder cli >> cli.guids 2>> cli.err || rc=$?
			[ "$rc" -eq 0 ] || echo "$j: $rc" >> cli.rc
			j=$((j + 1))
		done
	) &
	local cli=$!
	while [ $SECONDS -lt $end ]; do
		rc=0
		headless_coding "t$i" msgs.$i 40 >/dev/null 2>>tui.err || rc=$?
		[ "$rc" -eq 0 ] || fail "TUI run $i: exit $rc"
		v=$(acked_values msgs.$i "t$i" | paste -sd, -)
		[ -z "$v" ] || values+=${values:+,}$v
		expect_eq 40 "$(grep -c '^Coded ' msgs.$i || true)" "codings acknowledged by TUI run $i"
		i=$((i + 1))
	done
	wait "$cli"
	echo "    $i TUI runs ($((i * 40)) codings) and $(wc -l < cli.guids) command-line codings in 4 s"
	[ ! -s cli.rc ] || fail "command line: exit statuses: $(head -3 cli.rc)"
	local other
	other=$(cat tui.err cli.err; grep -hv '^Coded \|^Selection started\|^Waiting for another process' msgs.* || true)
	other=$(printf '%s\n' "$other" | grep -v '^anker: waiting for another process writing' | head -3 || true)
	[ -z "$other" ] || fail "messages: $other"
	expect_acked_stored "$values"
	expect_eq "$((i * 40))" "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder c
	    ON c.id = s.coder_id WHERE c.name GLOB 't[0-9]*'")" "TUI codings stored"
	expect_eq "$(wc -l < cli.guids)" "$(sql "$P" "SELECT COUNT(*) FROM segment s JOIN coder c
	    ON c.id = s.coder_id WHERE c.name = 'cli'")" "command-line codings stored"
	expect_sound
}

# Another process holds the write lock for longer than a second: the TUI
# says on its status line that it waits, then codes.
test_tui_waits_for_a_long_writer() {
	demo_copy
	local pid
	lock_take
	headless_coding w msgs 1 >/dev/null 2>err &
	pid=$!
	wait_for_text msgs '^Waiting' || fail "no 'Waiting' on the status line within 60 s"
	lock_release
	RC=0
	wait "$pid" || RC=$?
	expect_rc 0
	expect_eq "" "$(cat err)" "stderr"
	expect_eq "Waiting for another process writing p.anker" "$(grep -m1 '^Waiting' msgs || true)" \
		"the status line while waiting"
	grep -q '^Coded 10-14 with' msgs || fail "no coding after the wait: $(cat msgs)"
	expect_acked_stored "$(acked_values msgs w)"
}
