#!/usr/bin/env bash
# bench/run.sh — anker's benchmarks, run by `make bench` (see bench/README.md).
#
#   ANKER=./anker GEN=build/bench-gen bash bench/run.sh
#
# Figures, not tests: every goal is compared with a baseline measured in the
# same run on the same files, and reported as "goal met" or "goal missed";
# the exit status is 0 unless a command fails.
#
# Environment: BENCH_FILES (2000), BENCH_MB (100) size the corpus;
# BENCH_RUNS (3) timed runs per command, the median is reported;
# BENCH_KEEP=1 keeps the work directory; TMPDIR where it is made.
set -euo pipefail

FILES=${BENCH_FILES:-2000}
MB=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-3}
# A UTF-8 locale, so that grep -P reads the corpus as UTF-8 like anker does,
# and a decimal point in $EPOCHREALTIME.
export LC_ALL=C.UTF-8

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ -n ${GEN:-} && -x $GEN ]] || die "GEN='${GEN:-}' is not an executable (run 'make bench')"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
command -v sqlite3 >/dev/null || die "the sqlite3 command is missing (Debian package 'sqlite3')"
echo x | grep -qP 'x' 2>/dev/null || die "this grep has no -P (PCRE)"
[[ $FILES =~ ^[1-9][0-9]*$ && $MB =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
	die "BENCH_FILES, BENCH_MB and BENCH_RUNS must be positive integers"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi
CORPUS=$W/corpus
PROJECT=$W/bench.anker
BASEDB=$W/baseline.db

# --- helpers ---------------------------------------------------------------

# timed NAME CMD...: run CMD once, stdout to $W/NAME.out, stderr to
# $W/NAME.err.  Sets T_SEC (wall seconds, from $EPOCHREALTIME: /usr/bin/time's
# %e has only 1/100 s) and T_KB (max RSS in KB, /usr/bin/time's %M).  TIMED_OUT:
# stdout there instead (/dev/null for output too large to keep).  An exit
# status above $OK_STATUS (0; grep's "no match" is 1) ends the benchmark with
# the command's messages.
OK_STATUS=0
timed() {
	local name=$1 t0 t1 st=0
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%e %M" -o "$W/$name.time" "$@" >"${TIMED_OUT:-$W/$name.out}" 2>"$W/$name.err" || st=$?
	t1=$EPOCHREALTIME
	if ((st > OK_STATUS)); then
		echo "bench: failed with status $st: $*" >&2
		head -n 20 "$W/$name.err" >&2
		exit 1
	fi
	T_SEC=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	T_KB=$(awk 'END { print $NF }' "$W/$name.time")
}

# bench_runs NAME SETUP CMD...: RUNS times, call the function SETUP (or ':')
# and then time CMD.  Sets MED_SEC (median wall seconds), MAX_KB (largest
# max RSS of the runs) and ALL_SEC (every run's seconds, for the log).
bench_runs() {
	local name=$1 setup=$2 i secs=()
	shift 2
	MAX_KB=0
	for ((i = 1; i <= RUNS; i++)); do
		"$setup"
		timed "$name" "$@"
		secs+=("$T_SEC")
		if ((T_KB > MAX_KB)); then MAX_KB=$T_KB; fi
	done
	ALL_SEC=${secs[*]}
	MED_SEC=$(printf '%s\n' "${secs[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
}

# calc EXPR [VAR=VALUE]...: an awk expression, printed.
calc() {
	local expr=$1 a args=()
	shift
	for a in "$@"; do args+=(-v "$a"); done
	awk "${args[@]}" "BEGIN { print $expr }"
}

# verdict VALUE LIMIT: "goal met" when VALUE <= LIMIT.
verdict() {
	awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "goal met" : "goal missed" }'
}

mb() { calc 'sprintf("%.1f", kb / 1024)' kb="$1"; }

SUMMARY=()
# row NAME ANKER BASELINE RATIO GOAL VERDICT
row() { SUMMARY+=("$(printf '%-30s %10s %10s %8s  %-24s %s' "$@")"); }

# --- machine ---------------------------------------------------------------

model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
memkb=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo 2>/dev/null || echo 0)
echo "== anker benchmarks"
echo "machine:  $(nproc) CPUs, ${model:-unknown CPU}, $((memkb / 1024)) MB RAM, $(uname -sr)"
echo "tools:    sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(grep --version | head -n 1)"
echo "work dir: $W ($(df -hT "$W" | awk 'NR == 2 { print $2 ", " $5 " free" }'))"
echo "runs:     $RUNS per timed command, median reported"
echo

# --- 1. corpus -------------------------------------------------------------

timed gen "$GEN" "$CORPUS" "$FILES" "$MB"
bytes=$(find "$CORPUS" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
largest=$(find "$CORPUS" -name '*.txt' -printf '%s\n' | sort -n | tail -n 1)
smallest=$(find "$CORPUS" -name '*.txt' -printf '%s\n' | sort -n | head -n 1)
corpus_mb=$(calc 'sprintf("%.1f", b / 1048576)' b="$bytes")
echo "1. corpus: $FILES files, $corpus_mb MB ($bytes bytes), $((smallest / 1024))–$((largest / 1024)) KB per file," \
	"generated in $T_SEC s"
echo

# --- 2. import -------------------------------------------------------------

# Relative names keep the argument list short (2000 files: ~50 KB); a corpus
# too big for one exec goes through xargs, in as few execs as fit.
cd "$CORPUS"
names=(*.txt)
argbytes=$(printf '%s\n' "${names[@]}" | wc -c)
argmax=$(getconf ARG_MAX)

fresh_project() {
	rm -f "$PROJECT" "$PROJECT-wal" "$PROJECT-shm" "$PROJECT-journal"
	"$ANKER" -p "$PROJECT" init >/dev/null 2>"$W/init.err" || die "anker init failed: $(cat "$W/init.err")"
}
fresh_baseline() {
	rm -f "$BASEDB" "$BASEDB-wal" "$BASEDB-shm" "$BASEDB-journal"
}

# The baseline: the same files into a comparable table by the sqlite3 shell,
# each with readfile() in one INSERT, all in one transaction.
{
	echo "PRAGMA journal_mode=WAL;"
	echo "CREATE TABLE doc(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, text TEXT NOT NULL);"
	echo "BEGIN;"
	for f in "${names[@]}"; do
		echo "INSERT INTO doc(name, text) SELECT '${f%.txt}', CAST(readfile('$f') AS TEXT);"
	done
	echo "COMMIT;"
} >"$W/baseline.sql"

if ((argbytes + 8 * ${#names[@]} < argmax / 2)); then
	import_cmd=("$ANKER" -p "$PROJECT" import -q --group bench "${names[@]}")
else
	printf '%s\0' "${names[@]}" >"$W/names"
	import_cmd=(xargs -0 -a "$W/names" "$ANKER" -p "$PROJECT" import -q --group bench)
	echo "   (argument list of $argbytes bytes: importing through xargs)"
fi

bench_runs import fresh_project "${import_cmd[@]}"
imp_sec=$MED_SEC imp_kb=$MAX_KB imp_all=$ALL_SEC
bench_runs baseline fresh_baseline sqlite3 "$BASEDB" ".read '$W/baseline.sql'"
base_sec=$MED_SEC base_kb=$MAX_KB base_all=$ALL_SEC
cd "$W"

ndocs=$(sqlite3 "$BASEDB" 'SELECT count(*) FROM doc')
[[ $ndocs == "$FILES" ]] || die "the baseline holds $ndocs documents, not $FILES"
proj_mb=$(calc 'sprintf("%.1f", b / 1048576)' b="$(stat -c %s "$PROJECT")")
base_mb=$(calc 'sprintf("%.1f", b / 1048576)' b="$(stat -c %s "$BASEDB")")

imp_ratio=$(calc 'sprintf("%.2f", a / b)' a="$imp_sec" b="$base_sec")
imp_rate=$(calc 'sprintf("%.1f", m / s)' m="$corpus_mb" s="$imp_sec")
base_rate=$(calc 'sprintf("%.1f", m / s)' m="$corpus_mb" s="$base_sec")
imp_verdict=$(verdict "$imp_ratio" 3)
rss_limit_kb=$((64 * 1024 + (largest + 1023) / 1024))
rss_verdict=$(verdict "$imp_kb" "$rss_limit_kb")

echo "2. import ($FILES files, $corpus_mb MB)"
printf '   anker import    %8s s  %7s MB/s  peak RSS %7s MB  project %s MB   runs: %s\n' \
	"$imp_sec" "$imp_rate" "$(mb "$imp_kb")" "$proj_mb" "$imp_all"
printf '   sqlite3 readfile%8s s  %7s MB/s  peak RSS %7s MB  database %s MB  runs: %s\n' \
	"$base_sec" "$base_rate" "$(mb "$base_kb")" "$base_mb" "$base_all"
echo "   time: anker/baseline = ${imp_ratio}x   goal: <= 3x   $imp_verdict"
echo "   peak RSS: $(mb "$imp_kb") MB   goal: <= 64 MB + largest file = $(mb "$rss_limit_kb") MB   $rss_verdict"
echo
row "import (s)" "$imp_sec" "$base_sec" "${imp_ratio}x" "<= 3x sqlite3 readfile" "$imp_verdict"
row "import peak RSS (MB)" "$(mb "$imp_kb")" "$(mb "$base_kb")" "-" "<= $(mb "$rss_limit_kb") MB" "$rss_verdict"

# --- 3. search -------------------------------------------------------------

# The last number in the output: the count, whatever words surround it.
last_number() { grep -o '[0-9]\+' "$1" | tail -n 1; }

# search_bench LABEL ANKER-OPTIONS GREP-OPTIONS PATTERN
search_bench() {
	local label=$1 aopt=$2 gopt=$3 pat=$4
	local a_sec a_kb a_n g_sec g_n go_sec m_n ratio v same
	# shellcheck disable=SC2086  # the option strings are split on purpose
	bench_runs search : "$ANKER" -p "$PROJECT" search --count $aopt "$pat"
	a_sec=$MED_SEC a_kb=$MAX_KB
	a_n=$(last_number "$W/search.out")
	# The baseline, as the goal is written: grep -P -c, lines with a hit.
	OK_STATUS=1
	# shellcheck disable=SC2086
	bench_runs grepc : grep -P $gopt -c -r -- "$pat" "$CORPUS"
	g_sec=$MED_SEC
	g_n=$(awk -F: '{ s += $NF } END { print s + 0 }' "$W/grepc.out")
	# Hits, not lines: grep -o prints each match; timed for information.
	# shellcheck disable=SC2086
	bench_runs grepo : grep -P $gopt -o -r -h -- "$pat" "$CORPUS"
	go_sec=$MED_SEC
	OK_STATUS=0
	m_n=$(wc -l <"$W/grepo.out")
	ratio=$(calc 'sprintf("%.2f", a / b)' a="$a_sec" b="$g_sec")
	v=$(verdict "$ratio" 2)
	if [[ ${a_n:-x} == "$m_n" ]]; then same="hit counts equal"; else same="HIT COUNTS DIFFER"; fi
	printf '   %-26s anker %7s s (%s hits, RSS %s MB)   grep -P -c %7s s (%s lines)   grep -P -o %7s s (%s hits)\n' \
		"$label" "$a_sec" "${a_n:-?}" "$(mb "$a_kb")" "$g_sec" "$g_n" "$go_sec" "$m_n"
	echo "   $(printf '%-26s' '') anker/grep -P -c = ${ratio}x   goal: <= 2x   $v   ($same)"
	row "search $label (s)" "$a_sec" "$g_sec" "${ratio}x" "<= 2x grep -P -c" "$v"
	row "  hits" "${a_n:-?}" "$m_n" "-" "equal to grep -P -o" "$same"
}

echo "3. search ($corpus_mb MB in the project; baseline grep -r over the files)"
search_bench "'Schnittstelle\\w*'" "" "" 'Schnittstelle\w*'
search_bench "-i 'portal'" "-i" "-i" 'portal'
search_bench "'^B:' (turn starts)" "" "" '^B:'
echo

# --- 3b. search with many hits ----------------------------------------------

# A word in most sentences: hundreds of thousands of hits, each row with
# its line.  Rows are written as they are found, so the peak RSS must not
# grow with the hits (it was 880 MB for 100 MB); goal: 64 MB in every
# format that streams.  The output goes to /dev/null (it is larger than
# the corpus); the baseline time is grep -P -c over the files.
echo "3b. search with many hits ('\\bund\\b': rows to /dev/null; baseline grep -P -c -r)"
OK_STATUS=1
bench_runs grepmany : grep -P -c -r -- '\bund\b' "$CORPUS"
OK_STATUS=0
many_g=$MED_SEC
many_lines=$(awk -F: '{ s += $NF } END { print s + 0 }' "$W/grepmany.out")
bench_runs many_count : "$ANKER" -p "$PROJECT" search --count '\bund\b'
many_n=$(last_number "$W/many_count.out")
for fmt in tsv json table; do
	TIMED_OUT=/dev/null bench_runs "many_$fmt" : "$ANKER" -p "$PROJECT" search --format "$fmt" '\bund\b'
	v=$(verdict "$MAX_KB" $((64 * 1024)))
	ratio=$(calc 'sprintf("%.2f", a / b)' a="$MED_SEC" b="$many_g")
	printf '   --format %-6s %7s s (%s hits)  peak RSS %6s MB  goal: <= 64 MB  %s   grep -P -c %s s (%s lines): %sx\n' \
		"$fmt" "$MED_SEC" "${many_n:-?}" "$(mb "$MAX_KB")" "$v" "$many_g" "$many_lines" "$ratio"
	row "search many hits: $fmt RSS MB" "$(mb "$MAX_KB")" "-" "-" "<= 64 MB" "$v"
	row "search many hits: $fmt (s)" "$MED_SEC" "$many_g" "${ratio}x" "(grep -P -c: time)" "-"
done
echo

# --- 4. summary ------------------------------------------------------------

echo "== summary ($FILES files, $corpus_mb MB; median of $RUNS runs; $(nproc) CPUs, ${model:-unknown CPU})"
printf '%-30s %10s %10s %8s  %-24s %s\n' "benchmark" "anker" "baseline" "ratio" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
