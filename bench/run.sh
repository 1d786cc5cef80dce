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
# BENCH_RUNS (3) timed runs per command, alternating with the baseline's
# (min, median and max of each printed, the median compared); BENCH_KEEP=1
# keeps the work directory; TMPDIR where it is made; BENCH_RECORDS where
# the default size's figures are kept for the growth lines of other sizes.
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

# calc, median, spread, ratio, timed, alternate, growth: bench/lib.sh.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
# The default size records its figures for the growth lines of other sizes.
[[ -z ${BENCH_FILES:-}${BENCH_MB:-} ]] && BENCH_DEFAULT=1

# verdict VALUE LIMIT: "goal met" when VALUE <= LIMIT.
verdict() { at_most "$@"; }

mb() { calc 'sprintf("%.1f", kb / 1024)' kb="$1"; }

SUMMARY=()
# row NAME ANKER BASELINE RATIO GOAL VERDICT
row() { SUMMARY+=("$(printf '%-30s %10s %10s %8s  %-24s %s' "$@")"); }

# side LABEL X: one side of an alternate run, X is A or B: its wall seconds
# (min, median, max), median CPU seconds and peak RSS.
side() {
	local spr=${2}_SPREAD cpu=${2}_CPU kb=${2}_KB
	printf '   %-22s %s s   (CPU %s s, peak RSS %s MB)\n' "$1" "${!spr}" "${!cpu}" "$(mb "${!kb}")"
}

# --- machine ---------------------------------------------------------------

model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
memkb=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo 2>/dev/null || echo 0)
echo "== anker benchmarks"
echo "machine:  $(nproc) CPUs, ${model:-unknown CPU}, $((memkb / 1024)) MB RAM, $(uname -sr)"
echo "tools:    sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(grep --version | head -n 1)"
echo "work dir: $W ($(df -hT "$W" | awk 'NR == 2 { print $2 ", " $5 " free" }'))"
echo "runs:     $RUNS per timed command, anker and its baseline alternating; min, median, max"
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

alternate import fresh_project "${import_cmd[@]}" ::: \
	baseline fresh_baseline sqlite3 "$BASEDB" ".read '$W/baseline.sql'"
imp_sec=$A_MED imp_kb=$A_KB base_sec=$B_MED base_kb=$B_KB
imp_min=$A_MIN imp_max=$A_MAX base_min=$B_MIN base_max=$B_MAX
cd "$W"

ndocs=$(sqlite3 "$BASEDB" 'SELECT count(*) FROM doc')
[[ $ndocs == "$FILES" ]] || die "the baseline holds $ndocs documents, not $FILES"
proj_mb=$(calc 'sprintf("%.1f", b / 1048576)' b="$(stat -c %s "$PROJECT")")
base_mb=$(calc 'sprintf("%.1f", b / 1048576)' b="$(stat -c %s "$BASEDB")")

imp_ratio=$(ratio "$imp_sec" "$base_sec")
imp_rate=$(calc 'sprintf("%.1f", m / s)' m="$corpus_mb" s="$imp_sec")
base_rate=$(calc 'sprintf("%.1f", m / s)' m="$corpus_mb" s="$base_sec")
imp_verdict=$(verdict "$imp_ratio" 1.5)
rss_limit_kb=$((64 * 1024 + (largest + 1023) / 1024))
rss_verdict=$(verdict "$imp_kb" "$rss_limit_kb")

echo "2. import ($FILES files, $corpus_mb MB; runs alternate: anker, sqlite3, anker, ...)"
side "anker import" A
side "sqlite3 readfile" B
echo "   rate: anker $imp_rate MB/s, sqlite3 $base_rate MB/s; project $proj_mb MB, database $base_mb MB"
echo "   time: anker/baseline = ${imp_ratio}x (the ratio of the mins $(ratio "$imp_min" "$base_min")x," \
	"of the maxes $(ratio "$imp_max" "$base_max")x; CPU $(ratio "$A_CPU" "$B_CPU")x)   goal: <= 1.5x   $imp_verdict"
echo "   floor: the sqlite3 readfile baseline is the floor (the same bytes into one table, no checks)"
echo "   peak RSS: $(mb "$imp_kb") MB   goal: <= 64 MB + largest file = $(mb "$rss_limit_kb") MB   $rss_verdict"
growth "import (s)" "$MB" "$imp_sec" "$A_CPU"
echo
row "import (s)" "$imp_sec" "$base_sec" "${imp_ratio}x" "<= 1.5x sqlite3 readfile" "$imp_verdict"
row "import peak RSS (MB)" "$(mb "$imp_kb")" "$(mb "$base_kb")" "-" "<= $(mb "$rss_limit_kb") MB" "$rss_verdict"

# --- 3. search -------------------------------------------------------------

# The last number in the output: the count, whatever words surround it.
last_number() { grep -o '[0-9]\+' "$1" | tail -n 1; }

# grep's "no match" is status 1.
grep_may_miss() { OK_STATUS=1; }

# The floor of a search: reading the text out of the project, every
# document's text loaded by SQLite (CAST to BLOB keeps it from being
# counted in characters), no matching.
TIMED_OUT=/dev/null alternate text_floor : sqlite3 -readonly "$PROJECT" 'SELECT SUM(length(CAST(text AS BLOB))) FROM document' ::: \
	cat_floor : cat -- "$CORPUS"/*.txt
text_floor=$A_MED
echo "3. search ($corpus_mb MB in the project; baseline grep -r over the files)"
echo "   floor: reading the text out of the project (sqlite3, no matching) $A_SPREAD s; cat of the files $B_SPREAD s"

# search_bench LABEL ANKER-OPTIONS GREP-OPTIONS PATTERN
search_bench() {
	local label=$1 aopt=$2 gopt=$3 pat=$4
	local a_sec a_kb a_n g_sec g_n m_n ratio v same
	# shellcheck disable=SC2086  # the option strings are split on purpose
	alternate search : "$ANKER" -p "$PROJECT" search --count $aopt "$pat" ::: \
		grepc grep_may_miss grep -P $gopt -c -r -- "$pat" "$CORPUS"
	a_sec=$A_MED a_kb=$A_KB g_sec=$B_MED
	a_n=$(last_number "$W/search.out")
	g_n=$(awk -F: '{ s += $NF } END { print s + 0 }' "$W/grepc.out")
	# Hits, not lines: grep -o prints each match; run once, for the count.
	OK_STATUS=1
	# shellcheck disable=SC2086
	timed grepo grep -P $gopt -o -r -h -- "$pat" "$CORPUS"
	OK_STATUS=0
	m_n=$(wc -l <"$W/grepo.out")
	ratio=$(ratio "$a_sec" "$g_sec")
	v=$(verdict "$ratio" 2)
	if [[ ${a_n:-x} == "$m_n" ]]; then same="hit counts equal"; else same="HIT COUNTS DIFFER"; fi
	echo "   $label: anker $a_n hits, grep -P -c $g_n lines, grep -P -o $m_n hits ($same)"
	side "  anker search --count" A
	side "  grep -P -c -r" B
	echo "     anker/grep = ${ratio}x (CPU $(ratio "$A_CPU" "$B_CPU")x)   goal: <= 2x   $v;" \
		"anker/floor (reading the text) = $(ratio "$a_sec" "$text_floor")x"
	growth "search $label (s)" "$MB" "$a_sec" "$A_CPU"
	row "search $label (s)" "$a_sec" "$g_sec" "${ratio}x" "<= 2x grep -P -c" "$v"
	row "  hits" "${a_n:-?}" "$m_n" "-" "equal to grep -P -o" "$same"
}

search_bench "'Schnittstelle\\w*'" "" "" 'Schnittstelle\w*'
search_bench "-i 'portal'" "-i" "-i" 'portal'
search_bench "'^B:' (turn starts)" "" "" '^B:'
echo

# --- 3b. search with many hits ----------------------------------------------

# A word in most sentences: hundreds of thousands of hits, each row with
# its line.  Rows are written as they are found, so the peak RSS must not
# grow with the hits (it was 880 MB for 100 MB); goal: 64 MB in every
# format that streams.  The output goes to /dev/null (it is larger than
# the corpus); the baseline time is grep -P -c over the files, run
# alternately with each format.
echo "3b. search with many hits ('\\bund\\b': rows to /dev/null; baseline grep -P -c -r)"
OK_STATUS=1
timed grepmany grep -P -c -r -- '\bund\b' "$CORPUS"
OK_STATUS=0
many_lines=$(awk -F: '{ s += $NF } END { print s + 0 }' "$W/grepmany.out")
timed many_count "$ANKER" -p "$PROJECT" search --count '\bund\b'
many_n=$(last_number "$W/many_count.out")
echo "   $many_n hits (anker), $many_lines lines (grep)"
for fmt in tsv json table; do
	TIMED_OUT=/dev/null alternate "many_$fmt" : "$ANKER" -p "$PROJECT" search --format "$fmt" '\bund\b' ::: \
		grepmany grep_may_miss grep -P -c -r -- '\bund\b' "$CORPUS"
	v=$(verdict "$A_KB" $((64 * 1024)))
	ratio=$(ratio "$A_MED" "$B_MED")
	side "--format $fmt" A
	side "  grep -P -c -r" B
	echo "     peak RSS goal: <= 64 MB  $v   anker/grep -P -c = ${ratio}x (CPU $(ratio "$A_CPU" "$B_CPU")x)"
	growth "search many hits: $fmt (s)" "$MB" "$A_MED" "$A_CPU"
	row "search many hits: $fmt RSS MB" "$(mb "$A_KB")" "-" "-" "<= 64 MB" "$v"
	row "search many hits: $fmt (s)" "$A_MED" "$B_MED" "${ratio}x" "(grep -P -c: time)" "-"
done
echo

# --- 3c. qdpx export ---------------------------------------------------------

# The baseline: zip -r (deflate level 6, as anker writes) of the same parts,
# project.qde and sources/, unzipped once from anker's file.
if command -v zip >/dev/null && command -v unzip >/dev/null; then
	echo "3c. qdpx export (runs alternate: anker qdpx export, zip -r of the same parts)"
	# Each side removes only its own file: both are measured after.
	fresh_qdpx() { rm -f "$W/out.qdpx"; }
	fresh_zip() { rm -f "$W/out.zip"; }
	fresh_qdpx
	"$ANKER" -p "$PROJECT" qdpx export "$W/out.qdpx" 2>/dev/null || die "qdpx export failed"
	mkdir -p "$W/qdpx" && (cd "$W/qdpx" && unzip -q "$W/out.qdpx")
	alternate qdpx fresh_qdpx "$ANKER" -p "$PROJECT" qdpx export "$W/out.qdpx" ::: \
		zip fresh_zip bash -c 'cd "$1" && zip -qr "$2" project.qde sources' _ "$W/qdpx" "$W/out.zip"
	ratio=$(ratio "$A_MED" "$B_MED")
	v=$(verdict "$ratio" 1.2)
	side "anker qdpx export" A
	side "zip -r" B
	echo "   anker/zip -r = ${ratio}x (CPU $(ratio "$A_CPU" "$B_CPU")x; files $(stat -c %s "$W/out.qdpx")" \
		"and $(stat -c %s "$W/out.zip") bytes; peak RSS $(mb "$A_KB") MB)   goal: <= 1.2x   $v"
	growth "qdpx export (s)" "$MB" "$A_MED" "$A_CPU"
	row "qdpx export (s)" "$A_MED" "$B_MED" "${ratio}x" "<= 1.2x zip -r" "$v"
	rm -rf "$W/qdpx" "$W/out.qdpx" "$W/out.zip"
	echo
else
	echo "3c. qdpx export skipped (zip or unzip missing: Debian packages zip, unzip)"
fi

# --- 4. summary ------------------------------------------------------------

echo "== summary ($FILES files, $corpus_mb MB; median of $RUNS runs; $(nproc) CPUs, ${model:-unknown CPU})"
printf '%-30s %10s %10s %8s  %-24s %s\n' "benchmark" "anker" "baseline" "ratio" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
