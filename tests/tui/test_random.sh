# Random key sequences on the headless TUI (issue 12 item 2), weighted
# toward reloads: undo and redo (u, Ctrl-R, :undo N and :redo N of any
# coder's step, the "Undo ...? y/N" question answered y or not, :coder to
# undo as another coder), Ctrl-L, opening and closing every view, and
# writes of another process between two keys (<Hook> runs random_hook.sh:
# anker mark, unmark, undo and redo per coder and by step, codes add and
# merge).  The code system is edited too (e, D, x/p, *, &, #, and @ in an
# editor that appends to the text).
#
# A run is one TUI process playing SEQS_PER_RUN sequences of 5 to 40
# keys, each from the panes (Esc Esc before it closes what the last one
# left open); after each run the test checks the exit status (no crash,
# no sanitizer report), SQLite's integrity, and that the log matches the
# segments (project_unsound).  The number of runs follows the time one
# takes: runs for about 20 s, 60 s under ASan or valgrind.  KEYS_SEED
# (or RANDOM_SEED) repeats the keys and the hook's writes; RANDOM_RUNS
# sets the number of runs.

RSEED=${KEYS_SEED:-${RANDOM_SEED:-$$}}
SEQS_PER_RUN=25

# Weighted toward reloads: a key appears as often as it is listed.
KEYS=(u u u u u uy uy un '<C-r>' '<C-r>' '<C-r>' '<C-l>' '<Hook>' '<Idle>'
      r r R B B F O O I V V E '?' q '<Esc>' '<Esc>' '<Esc>' '<Esc>'
      j j j k k w w b '}' '{' g G '<PgDn>' '<PgUp>' '<C-d>' '<Tab>' '<Tab>' '<Tab>' '<S-Tab>'
      '<Enter>' '<Enter>' '<Enter>' '<Space>' h l + - o % '(' ')' U C n N
      v v c c x '<lt>' '>' '[' ']' s p t 1 2 3 A y d m a
      D '*' '@')
# e, # and & in the code system rename, recolor and merge (the finder).
PROMPTS=(W M / f : : y e '#' '&')
TEXT=(a b u x 1 0 ' ' c q)
SIZES=(30x8 40x12 60x20 80x24 100x30 140x42)
# The demo's coder, the base's and the hook's: :coder makes u and Ctrl-R
# take their steps.
CODERS=(tui tui tui tester base0 base3 hook0 hook1)
# Answers to a question an undo may ask (any key is one).
ANSWERS=(y y y n '<Esc>' '<Enter>' j)

# rkey: one random token of a sequence, appended to $K (no subshell:
# $RANDOM must go on from one token to the next).
rkey() {
	local r=$((RANDOM % 100)) i n
	if [ $r -lt 8 ]; then
		# A prompt with some text, maybe Up or Esc, then Enter or Esc.
		K+=${PROMPTS[RANDOM % ${#PROMPTS[@]}]}
		n=$((RANDOM % 6))
		for ((i = 0; i < n; i++)); do K+=${TEXT[RANDOM % ${#TEXT[@]}]}; done
		case $((RANDOM % 4)) in 0) K+='<Up>' ;; 1) K+='<Esc>' ;; esac
		if [ $((RANDOM % 3)) -eq 0 ]; then K+='<Esc>'; else K+='<Enter>'; fi
	elif [ $r -lt 10 ]; then
		K+="<Resize ${SIZES[RANDOM % ${#SIZES[@]}]}>"
	elif [ $r -lt 11 ]; then
		local kinds=(press move release)
		K+="<Mouse ${kinds[RANDOM % 3]} $((RANDOM % 30)) $((RANDOM % 100))>"
	elif [ $r -lt 16 ]; then
		# Undo and redo by command, of anyone's step by number, then a key
		# that answers the question if one was asked.
		n=$((RANDOM % 30 + 1))
		local cmds=(':undo<Enter>' ':redo<Enter>' ":undo $n<Enter>" ":undo $n<Enter>"
		            ":redo $n<Enter>" ":redo $n<Enter>" ':goto 3<Enter>'
		            ":coder ${CODERS[RANDOM % ${#CODERS[@]}]}<Enter>")
		K+=${cmds[RANDOM % ${#cmds[@]}]}
		[ $((RANDOM % 2)) -eq 0 ] && K+=${ANSWERS[RANDOM % ${#ANSWERS[@]}]}
	else
		local k=${KEYS[RANDOM % ${#KEYS[@]}]}
		# q at the top level quits: keep that rare.
		[ "$k" = q ] && [ $((RANDOM % 4)) -ne 0 ] && k='<Esc>'
		K+=$k
	fi
}

# run_keys: the keys of one run in $K.
run_keys() {
	local s i n
	K=""
	for ((s = 0; s < SEQS_PER_RUN; s++)); do
		K+='<Esc><Esc>'
		n=$((RANDOM % 36 + 5))
		for ((i = 0; i < n; i++)); do rkey; done
	done
}

# The hook: writes as another process would, while the TUI waits.
write_hook() {
	cat > "$T/random_hook.sh" <<'HOOK'
#!/usr/bin/env bash
# $1: the project.  Calls so far in hook.n: the seed of this one.
P=$1
n=$(cat hook.n 2>/dev/null || echo 0)
echo $((n + 1)) > hook.n
RANDOM=$((HOOK_SEED + n))
codes=(1 2.1 2.2 2.3 2.4 2.6 2.9.1 2.11.1)
a=$((RANDOM % 5000))
{
case $((RANDOM % 10)) in
0|1|2) "$ANKER" -p "$P" mark "Interview 0$((RANDOM % 5 + 1))" "${codes[RANDOM % ${#codes[@]}]}" \
	"$a" $((a + RANDOM % 300 + 1)) --coder "hook$((RANDOM % 3))" ;;
3) "$ANKER" -p "$P" undo --coder "hook$((RANDOM % 3))" ;;
4) "$ANKER" -p "$P" redo --coder "hook$((RANDOM % 3))" ;;
8) "$ANKER" -p "$P" undo --step $((RANDOM % 30 + 1)) --yes ;;
9) "$ANKER" -p "$P" redo --step $((RANDOM % 30 + 1)) ;;
5) g=$(sqlite3 -cmd ".timeout 5000" "$P" "SELECT guid FROM segment ORDER BY id
	LIMIT 1 OFFSET $((RANDOM % 50))")
   [ -n "$g" ] && "$ANKER" -p "$P" unmark "$g" ;;
6) "$ANKER" -p "$P" codes add "Neu $n" ;;
7) [ $((RANDOM % 4)) -eq 0 ] && "$ANKER" -p "$P" codes merge "${codes[RANDOM % 8]}" "${codes[RANDOM % 8]}" ;;
esac
} >/dev/null 2>>hook.err
exit 0
HOOK
}

# one_run I: run i on $P with its own keys; failures named with the seed.
one_run() {
	local i=$1 rc=0
	run_keys
	printf '%s\n' "$K" > "keys.$i"
	ANKER_TUI_HEADLESS=100x30 ANKER_TUI_KEYS="$K" ANKER_TUI_DUMP=/dev/null ANKER_TUI_MESSAGES=msgs \
		ANKER_TUI_HOOK="bash $T/random_hook.sh $P" "$ANKER" -p "$P" tui --coder tui \
		>/dev/null 2>"err.$i" || rc=$?
	if [ "$rc" -ne 0 ] || [ -s "err.$i" ]; then
		fail "run $i (seed $RSEED): exit $rc, stderr: $(head -c 600 "err.$i")
keys: $(head -c 2000 "keys.$i")"
		return 1
	fi
	local bad
	bad=$(project_unsound "$P" | head -3)
	if [ -n "$bad" ]; then
		fail "run $i (seed $RSEED): the project is not sound: $bad
keys: $(head -c 2000 "keys.$i")"
		return 1
	fi
	return 0
}

test_random_keys_with_reloads_and_other_writers() {
	export HOOK_SEED=$RSEED
	RANDOM=$RSEED
	write_hook
	printf '#!/bin/sh\nprintf "\\n---\\nZufall\\n" >> "$1"\n' > "$T/random_editor.sh"
	chmod +x "$T/random_editor.sh"
	export VISUAL=$T/random_editor.sh
	# The base: the demo and a few steps of its own to undo.
	demo_copy
	local i runs ms base=$T/base.anker
	for ((i = 0; i < 6; i++)); do
		"$ANKER" -p "$P" mark "Interview 0$((i % 5 + 1))" 2.1 $((i * 100)) $((i * 100 + 40)) \
			--coder "base$i" >/dev/null
	done
	cp "$P" "$base"
	# Runs until the time is up (20 s; 60 s for a sanitized or slow
	# binary), each with its own keys from the one seed.
	local budget=20 t0=$SECONDS
	if grep -qa __asan_init "$ANKER"; then budget=60; fi
	runs=0
	while :; do
		[ -n "${RANDOM_RUNS:-}" ] && [ "$runs" -ge "$RANDOM_RUNS" ] && break
		[ -z "${RANDOM_RUNS:-}" ] && [ $((SECONDS - t0)) -ge "$budget" ] && break
		# A fresh base now and then, so that undo finds steps to undo.
		[ $((runs % 5)) -eq 0 ] && cp "$base" "$P"
		one_run "$runs" || return 0
		runs=$((runs + 1))
		[ "$runs" -eq 1 ] && [ $((SECONDS - t0)) -ge 3 ] && budget=60   # slow: valgrind
	done
	ms=$(( (SECONDS - t0) * 1000 / (runs ? runs : 1) ))
	# What the undo keys came to (the TUI's messages): undos and redos,
	# big ones undone after y (a document or a code removed or restored,
	# or several codings), questions answered otherwise.
	local undid redid big notundone
	undid=$(grep -c '^Undid step' msgs 2>/dev/null)
	redid=$(grep -c '^Redid step' msgs 2>/dev/null)
	big=$(grep -cE '^Undid step [0-9]+ \([^)]*\): .*(\<(documents?|codes?)\>|\<([2-9]|[0-9]{2,}) codings)' msgs 2>/dev/null)
	notundone=$(grep -c '^Not undone' msgs 2>/dev/null)
	echo "    $runs runs, $((runs * SEQS_PER_RUN)) sequences, $(cat keys.* | wc -c) bytes of keys," \
		"$(cat hook.n 2>/dev/null || echo 0) writes by another process; $ms ms per run;" \
		"seed $RSEED (KEYS_SEED=$RSEED RANDOM_RUNS=$runs repeats it)"
	local edits
	edits=$(grep -cE "^(Renamed '|Deleted '|Moved '|Merged '|Color of '|(Definition|Anchor examples|Notes) of ')" msgs 2>/dev/null)
	echo "    in the TUI: ${undid:-0} undos ($big big ones answered y), ${notundone:-0} questions" \
		"answered no, ${redid:-0} redos, ${edits:-0} edits of the code system or documents"
	[ "$(cat hook.n 2>/dev/null || echo 0)" -gt 0 ] || fail "no writes by another process (seed $RSEED)"
	# Enough runs make each of them all but certain: none means the keys
	# no longer reach them.
	if [ "$runs" -ge 10 ]; then
		[ "${undid:-0}" -gt 0 ] && [ "${redid:-0}" -gt 0 ] && [ "${big:-0}" -gt 0 ] &&
			[ "${notundone:-0}" -gt 0 ] ||
			fail "the keys never reached an undo, a redo, or both answers to the question (seed $RSEED)"
	fi
}
