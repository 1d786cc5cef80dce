#!/usr/bin/env bash
# bench/hostile.sh — inputs that used to take quadratic (or worse) time
# (issue 19), run by `make bench` after bench/tui.sh; see bench/README.md.
#
#   ANKER=./anker bash bench/hostile.sh
#
# Each line names the input and its size, the time, the goal and "goal
# met" or "goal missed".  Figures, not tests (the tests assert the
# answers, and only a generous bound where a hang was the bug): the exit
# status is 0 unless a command fails in a way it should not.
#
# Environment: BENCH_RUNS (3) runs per figure, the median is reported;
# BENCH_KEEP=1 keeps the work directory; TMPDIR where it is made.
set -euo pipefail

RUNS=${BENCH_RUNS:-3}
export LC_ALL=C.UTF-8 ANKER_CODER=bench TERM=xterm-256color
unset ANKER_PROJECT NO_COLOR

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer"
command -v sqlite3 >/dev/null || die "the sqlite3 command is missing (Debian package 'sqlite3')"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
here=$(cd "$(dirname "$0")" && pwd)
# The generators the tests use (wide_codebook, many_codes_sql).
source "$here/../tests/fuzz/hostile_inputs.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-hostile.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi
cd "$W"

# --- helpers -----------------------------------------------------------------

# calc, median, at_most
source "$here/lib.sh"

SUMMARY=()
row() { SUMMARY+=("$(printf '%-52s %9s  %-12s %s' "$@")"); }

# timed WANT SETUP CMD...: RUNS times, call the function SETUP (or ':')
# and run CMD (stdout to out, stderr to err); the median wall seconds in
# T_SEC, the median CPU seconds (user + system) in T_CPU.  WANT is the
# exit status expected (1: a refusal).
timed() {
	local want=$1 setup=$2 i t0 t1 st secs=() cpus=()
	shift 2
	for ((i = 1; i <= RUNS; i++)); do
		"$setup"
		st=0
		t0=$EPOCHREALTIME
		/usr/bin/time -f "%U %S" -o cpu "$@" >out 2>err || st=$?
		t1=$EPOCHREALTIME
		((st == want)) || die "status $st (expected $want): $*: $(head -c 300 err)"
		secs+=("$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$t1")")
		cpus+=("$(awk 'END { printf "%.3f", $1 + $2 }' cpu)")
	done
	T_SEC=$(median "${secs[@]}")
	T_CPU=$(median "${cpus[@]}")
}

# figure LABEL GOAL_SECONDS: print and keep one timed figure.
figure() {
	local v
	v=$(at_most "$T_SEC" "$2")
	printf '   %-50s %7s s (CPU %s s)   goal: <= %s s   %s\n' "$1" "$T_SEC" "$T_CPU" "$2" "$v"
	row "$1" "$T_SEC s" "<= $2 s" "$v"
}

echo "== anker hostile-input benchmarks"
echo "machine:  $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown CPU)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "runs:     $RUNS per figure, median reported"
echo

# --- 1. a backreference over one long line -----------------------------------
# "(a+)\1+b" does n^3 work on a line of n letters within PCRE2's limits;
# the time budget stops search and autocode (with a message, status 1).

"$ANKER" -p re.anker init >/dev/null 2>&1
"$ANKER" -p re.anker codes add Code >/dev/null
for n in 4000 8000 50000; do
	{ head -c "$n" /dev/zero | tr '\0' a; printf '\nb\n'; } > "line$n.txt"
	"$ANKER" -p re.anker import -q "line$n.txt"
done
echo "1. '(a+)\\1+b' on one line of n letters (then a line 'b'): give up, with a message"
for n in 4000 8000 50000; do
	for jit in "" 1; do
		label="search, $n letters${jit:+, no JIT}"
		timed 1 : env ANKER_NO_JIT=$jit "$ANKER" -p re.anker search --doc "line$n" '(a+)\1+b'
		grep -q "pattern too complex" err || die "$label: no message: $(cat err)"
		figure "$label" 2
	done
	timed 1 : "$ANKER" -p re.anker autocode --doc "line$n" '(a+)\1+b' Code
	figure "autocode, $n letters" 2
done
echo

# --- 2. Krippendorff's alpha --------------------------------------------------

echo "2. alpha"
for n in 10000 100000; do
	awk -v n=$n 'BEGIN { srand(1); for (i = 0; i < n; i++)
		printf "%d,%d,%d\n", int(rand() * 5) + 1, int(rand() * 5) + 1, int(rand() * 5) + 1 }' > "rows$n.csv"
	timed 0 : "$ANKER" alpha "rows$n.csv"
	figure "transposed matrix, $n rows x 3 columns" 1
done
awk 'BEGIN { for (r = 0; r < 2; r++) { for (i = 0; i < 3000; i++)
	printf "%s%d", i ? "," : "", r ? (i + 1) % 3000 : i; print "" } }' > ord.csv
timed 0 : "$ANKER" alpha --level ordinal ord.csv
figure "--level ordinal, 2 coders, 3,000 distinct values" 1
echo

# --- 3. a large code system ---------------------------------------------------

echo "3. code systems"
wide_codebook 100000 > wide.txt
fresh() { rm -f cb.anker cb.anker-wal cb.anker-shm; "$ANKER" -p cb.anker init >/dev/null 2>&1; }
timed 0 fresh "$ANKER" -p cb.anker codebook import wide.txt
figure "codebook import, text of 100,000 codes" 2
timed 0 : "$ANKER" -p cb.anker codebook import wide.txt
figure "the same again (100,000 unchanged)" 2
timed 0 : "$ANKER" -p cb.anker codes --format tsv
figure "codes, 100,000 codes" 1

# The TUI's first frame (ANKER_TUI_TIMING: from tui_run's start to the end
# of the first draw), over a code system made with SQL.
for n in 30000 100000; do
	rm -f "tui$n.anker"
	"$ANKER" -p "tui$n.anker" init >/dev/null 2>&1
	many_codes_sql "$n" | sqlite3 "tui$n.anker"
	ms=() cpus=()
	for ((i = 1; i <= RUNS; i++)); do
		ANKER_TUI_HEADLESS=120x40 ANKER_TUI_KEYS= ANKER_TUI_TIMING=$W/timing \
			ANKER_TUI_DUMP=$W/screen /usr/bin/time -f "%U %S" -o cpu \
			"$ANKER" -p "tui$n.anker" tui >/dev/null 2>&1 || die "the TUI failed on $n codes"
		grep -qF "Code System ($n)" screen || die "the TUI does not show $n codes: $(head -3 screen)"
		ms+=("$(awk '$1 == "first-frame" { print $2 }' timing)")
		cpus+=("$(awk 'END { printf "%.0f", ($1 + $2) * 1000 }' cpu)")
	done
	first=$(median "${ms[@]}")
	v=$(at_most "$first" 100)
	# (the CPU time is the whole process's, closing included: on a busy
	# machine the steadier figure)
	printf '   %-50s %7s ms (process CPU %s ms)   goal: <= 100 ms   %s\n' \
		"TUI first frame, $n codes" "$first" "$(median "${cpus[@]}")" "$v"
	row "TUI first frame, $n codes" "$first ms" "<= 100 ms" "$v"
done
echo

# --- 4. a zip bomb within the caps -------------------------------------------
# Four sources of 255 MB of text, a few MB zipped: within the default cap
# of 1 GiB inflated (imported, one source in memory at a time: peak RSS a
# multiple of one source, not of all four), and refused at once under
# --max-size of half that.  BENCH_BOMB_MB sets the size of each source.

BOMB_MB=${BENCH_BOMB_MB:-255}
command -v zip >/dev/null || die "the zip command is missing (Debian package 'zip')"
mkdir -p bomb/sources
{
	echo '<Project name="bomb" xmlns="urn:QDA-XML:project:1.0"><Sources>'
	for i in 1 2 3 4; do
		g=0000000$i-0000-4000-8000-000000000000
		echo "<TextSource guid=\"$g\" name=\"s$i\" plainTextPath=\"internal://$g.txt\"/>"
		{ yes 'Ein Satz, der sich wiederholt, mit Wörtern wie Übergänge.' || :; } |
			head -c "${BOMB_MB}M" > "bomb/sources/$g.txt"
	done
	echo '</Sources></Project>'
} > bomb/project.qde
(cd bomb && zip -q -1 -r ../bomb.qdpx project.qde sources)
rm -rf bomb
zipped=$(($(stat -c %s bomb.qdpx) / 1024))
echo "4. .qdpx of 4 sources x $BOMB_MB MB ($zipped KB zipped)"
# bomb_run WANT ARGS...: RUNS times into a new project; median wall and
# CPU seconds, peak RSS (MB) and the project's size (MB).
bomb_run() {
	local want=$1 i st secs=() cpus=() rss=() t0 t1
	shift
	for ((i = 1; i <= RUNS; i++)); do
		rm -f b.anker b.anker-wal b.anker-shm
		st=0
		t0=$EPOCHREALTIME
		/usr/bin/time -f "%U %S %M" -o cpu "$ANKER" -p b.anker qdpx import "$@" bomb.qdpx \
			>out 2>err || st=$?
		t1=$EPOCHREALTIME
		((st == want)) || die "status $st (expected $want): qdpx import $*: $(head -c 300 err)"
		secs+=("$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$t1")")
		cpus+=("$(awk 'END { printf "%.3f", $1 + $2 }' cpu)")
		rss+=("$(awk 'END { printf "%.0f", $3 / 1024 }' cpu)")
	done
	T_SEC=$(median "${secs[@]}")
	T_CPU=$(median "${cpus[@]}")
	T_RSS=$(median "${rss[@]}")
	T_SIZE=$( [[ -f b.anker ]] && echo $(($(stat -c %s b.anker) / 1048576)) || echo 0)
}
# rss_figure LABEL GOAL_MB
rss_figure() {
	local v
	v=$(at_most "$T_RSS" "$2")
	printf '   %-50s %7s MB peak RSS   goal: <= %s MB   %s\n' "$1" "$T_RSS" "$2" "$v"
	row "$1, peak RSS" "$T_RSS MB" "<= $2 MB" "$v"
}
bomb_run 1 --max-size $((BOMB_MB * 2))M
grep -q -- "--max-size SIZE" err || die "the refusal does not name --max-size: $(cat err)"
figure "refused under --max-size $((BOMB_MB * 2))M" 1
rss_figure "refused under --max-size $((BOMB_MB * 2))M" 64
bomb_run 0
printf '   (imported: %s MB project)\n' "$T_SIZE"
figure "imported (default cap 1 GiB)" 120
# One source at a time, but that one several times over: its JSON row,
# the row taken apart, SQLite's insert (the bound text, the paragraph
# count's replace() and CAST copies, the record) and the log's after-JSON.
# Goal: under 10 times one source (255 MB: 2.1 GB here; the import before,
# holding all four, took 3.2 GB and grew with every source).
rss_figure "imported (default cap 1 GiB)" $((BOMB_MB * 10))
rm -f bomb.qdpx b.anker b.anker-wal b.anker-shm
echo

echo "== summary (median of $RUNS runs)"
printf '%-52s %9s  %-12s %s\n' "benchmark" "anker" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
