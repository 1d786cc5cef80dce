#!/usr/bin/env bash
# bench/coding.sh — analysis benchmarks on a coded project, run by
# `make bench` after bench/run.sh.
#
#   ANKER=./anker GEN=build/bench-gen bash bench/coding.sh
#
# Figures, not tests: each goal is compared with a baseline measured in the
# same run on the same project (the straightforward SQL through the sqlite3
# shell) and reported as "goal met" or "goal missed"; the exit status is 0
# unless a command fails.
#
# The project: BENCH_CODING_DOCS (2000) small generated transcripts, a
# generated MAXQDA codebook of 200 codes in three levels, three coders and
# BENCH_CODING_SEGMENTS (1000000) segments at deterministic pseudo-random
# positions, inserted by the sqlite3 shell in one transaction.
#
# Environment: BENCH_RUNS (3) timed runs per command, the median is
# reported; BENCH_KEEP=1 keeps the work directory; TMPDIR where it is made.
set -euo pipefail

DOCS=${BENCH_CODING_DOCS:-2000}
SEGS=${BENCH_CODING_SEGMENTS:-1000000}
RUNS=${BENCH_RUNS:-3}
export LC_ALL=C.UTF-8
# Analyses count every coder unless asked; keep the acting coder fixed.
export ANKER_CODER=bench

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ -n ${GEN:-} && -x $GEN ]] || die "GEN='${GEN:-}' is not an executable (run 'make bench')"
command -v sqlite3 >/dev/null || die "the sqlite3 command is missing (Debian package 'sqlite3')"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
[[ $DOCS =~ ^[1-9][0-9]*$ && $SEGS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
	die "BENCH_CODING_DOCS, BENCH_CODING_SEGMENTS and BENCH_RUNS must be positive integers"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-coding.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi
P=$W/coding.anker

# --- helpers (timed, median, calc, at_most: bench/lib.sh) ------------------

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

# bench_runs NAME CMD...: RUNS times; MED_SEC and MED_CPU are the medians,
# ALL_SEC every run's wall seconds.
bench_runs() {
	local name=$1 i secs=() cpus=()
	shift
	for ((i = 1; i <= RUNS; i++)); do
		timed "$name" "$@"
		secs+=("$T_SEC")
		cpus+=("$T_CPU")
	done
	ALL_SEC=${secs[*]}
	MED_SEC=$(median "${secs[@]}")
	MED_CPU=$(median "${cpus[@]}")
}

# at_least VALUE LIMIT: the verdict.
at_least() { awk -v v="$1" -v l="$2" 'BEGIN { print (v >= l) ? "goal met" : "goal missed" }'; }

SUMMARY=()
row() { SUMMARY+=("$(printf '%-34s %10s %10s %9s  %-26s %s' "$@")"); }

q() { sqlite3 -batch -noheader "$P" "$1"; }

# --- 1. the project -----------------------------------------------------------

echo "== anker analysis benchmarks"
echo "machine:  $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown CPU)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (other work on the machine slows the wall times, not the CPU times)"
echo "runs:     $RUNS per timed command, median reported"
echo

t0=$EPOCHREALTIME
# Small documents: about 4 KB each on average (the generator varies sizes
# tenfold around the mean).
mb=$(( (DOCS * 4096 + 1048575) / 1048576 ))
"$GEN" "$W/corpus" "$DOCS" "$mb" >/dev/null
"$ANKER" -p "$P" init >/dev/null 2>&1
# Four document groups, for matrix --cols group.
(cd "$W/corpus" && ls | awk -v n=4 '{ print > ("../batch" (NR % n)) }')
for g in 0 1 2 3; do
	(cd "$W/corpus" && xargs -a "../batch$g" "$ANKER" -p "$P" import -q --group "Gruppe $g")
done

# The codebook: 8 codes, each with 4 subcodes, each with 5 subcodes: 200.
{
	printf 'Benchmark-Codebuch\n\nCodesystem\n\n'
	for a in 1 2 3 4 5 6 7 8; do
		echo "$a Bereich $a"
		for b in 1 2 3 4; do
			echo "$a.$b Thema $a.$b"
			for c in 1 2 3 4 5; do echo "$a.$b.$c Aspekt $a.$b.$c"; done
		done
	done
	echo
	for a in 1 2 3 4 5 6 7 8; do
		printf '%s\n\nCodedefinition: Bereich %s.\n\n' "$a Bereich $a" "$a"
		for b in 1 2 3 4; do
			printf '%s\n\nCodedefinition: Thema.\n\n' "$a.$b Bereich $a >> Thema $a.$b"
			for c in 1 2 3 4 5; do
				printf '%s\n\nCodedefinition: Aspekt.\n\n' \
					"$a.$b.$c Bereich $a >> Thema $a.$b >> Aspekt $a.$b.$c"
			done
		done
	done
} >"$W/codebook.txt"
"$ANKER" -p "$P" codebook import "$W/codebook.txt" >/dev/null 2>&1

# Segments: document k gets the rows i with i / per = k, so inserts go in
# document order; code, coder, start and length come from multiplicative
# hashes of i, deterministic on every machine.  Lengths 5–204 code points.
sqlite3 -batch "$P" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO coder(guid, name) VALUES
  ('00000000-0000-4000-8000-00000000c001', 'anna'),
  ('00000000-0000-4000-8000-00000000c002', 'ben'),
  ('00000000-0000-4000-8000-00000000c003', 'cem');
CREATE TEMP TABLE d(n INTEGER PRIMARY KEY, id INTEGER, chars INTEGER);
INSERT INTO d(n, id, chars) SELECT row_number() OVER (ORDER BY id) - 1, id, chars FROM document;
CREATE TEMP TABLE c(n INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO c(n, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM code;
CREATE TEMP TABLE k(n INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO k(n, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM coder
  WHERE name IN ('anna', 'ben', 'cem');
WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i + 1 < $SEGS),
h AS (SELECT i, i * $DOCS / $SEGS AS dn,
             (i * 2654435761 + 97) % 4294967291 AS h1,
             (i * 40503 + 7) % 65521 AS h2,
             (i * 69069 + 1) % 2147483647 AS h3 FROM i)
INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, "end", created, modified)
SELECT printf('00000000-0000-4000-8000-%012d', h.i), d.id, c.id, k.id,
       h.h1 % d.chars, min(h.h1 % d.chars + 5 + h.h2 % 200, d.chars),
       '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM h JOIN d ON d.n = h.dn JOIN c ON c.n = h.h3 % 200 JOIN k ON k.n = h.i % 3;
COMMIT;
SQL
t1=$EPOCHREALTIME
nseg=$(q 'SELECT COUNT(*) FROM segment')
ndoc=$(q 'SELECT COUNT(*) FROM document')
ncode=$(q 'SELECT COUNT(*) FROM code')
kb=$(q 'SELECT SUM(bytes) / 1024 FROM document')
echo "1. project: $ndoc documents ($kb KB), $ncode codes, 3 coders, $nseg segments;" \
	"built in $(calc 'sprintf("%.1f", b - a)' a="$t0" b="$t1") s"
echo

# --- 2. cooc --------------------------------------------------------------------

bench_runs cooc "$ANKER" -p "$P" cooc --mode overlap --format tsv
cooc_sec=$MED_SEC cooc_all=$ALL_SEC cooc_cpu=$MED_CPU
cooc_verdict=$(at_most "$cooc_sec" 0.5)

# The baseline: the self-join on the first documents, about 1% of the
# segments, scaled by the share of segments it covered.
sub=$(( ndoc / 100 > 0 ? ndoc / 100 : 1 ))
last_doc=$(q "SELECT id FROM document ORDER BY id LIMIT 1 OFFSET $((sub - 1))")
sub_segs=$(q "SELECT COUNT(*) FROM segment WHERE doc_id <= $last_doc")
join_sql="SELECT a.code_id, b.code_id, COUNT(*) FROM segment a JOIN segment b
  ON a.doc_id = b.doc_id AND a.start < b.\"end\" AND b.start < a.\"end\"
  WHERE a.doc_id <= $last_doc AND a.code_id <> b.code_id GROUP BY a.code_id, b.code_id;"
bench_runs join sqlite3 -readonly -batch "$P" "$join_sql"
join_sec=$MED_SEC join_all=$ALL_SEC
join_scaled=$(calc 'sprintf("%.1f", s * n / m)' s="$join_sec" n="$nseg" m="$sub_segs")
cooc_ratio=$(calc 'sprintf("%.0f", j / a)' j="$join_scaled" a="$cooc_sec")
ratio_verdict=$(at_least "$cooc_ratio" 100)
echo "2. co-occurrence, overlap mode ($nseg segments)"
printf '   anker cooc          %8s s   (CPU %s s)   runs: %s   goal: <= 0.5 s   %s\n' "$cooc_sec" "$cooc_cpu" "$cooc_all" "$cooc_verdict"
printf '   SQL self-join       %8s s on %s documents (%s segments), runs: %s\n' "$join_sec" "$sub" "$sub_segs" "$join_all"
printf '   self-join scaled    %8s s for all %s segments\n' "$join_scaled" "$nseg"
printf '   ratio               %8sx  goal: >= 100x   %s\n' "$cooc_ratio" "$ratio_verdict"
echo
row "cooc --mode overlap (s)" "$cooc_sec" "-" "-" "<= 0.5 s" "$cooc_verdict"
row "cooc vs SQL self-join (scaled, s)" "$cooc_sec" "$join_scaled" "${cooc_ratio}x" ">= 100x faster" "$ratio_verdict"

for mode in near:2 paragraph document; do
	bench_runs "cooc-$mode" "$ANKER" -p "$P" cooc --mode "$mode" --format tsv
	printf '   anker cooc --mode %-10s %8s s   (CPU %s s)   runs: %s\n' "$mode" "$MED_SEC" "$MED_CPU" "$ALL_SEC"
	row "cooc --mode $mode (s)" "$MED_SEC" "-" "-" "(for information)" "-"
done
bench_runs cooc-rollup "$ANKER" -p "$P" cooc --mode overlap --rollup --format tsv
printf '   anker cooc --rollup         %8s s   (CPU %s s)   runs: %s\n' "$MED_SEC" "$MED_CPU" "$ALL_SEC"
row "cooc --rollup (s)" "$MED_SEC" "-" "-" "(for information)" "-"
echo

# --- 3. freq, matrix, segments ----------------------------------------------------

# compare NAME LABEL GOAL ANKER-ARGS -- BASELINE-SQL
compare() {
	local name=$1 label=$2 goal=$3 a_sec a_cpu b_sec v
	shift 3
	local args=()
	while [[ $1 != -- ]]; do args+=("$1"); shift; done
	shift
	bench_runs "$name" "$ANKER" -p "$P" "${args[@]}" --format tsv
	a_sec=$MED_SEC a_cpu=$MED_CPU
	bench_runs "$name-sql" sqlite3 -readonly -batch "$P" "$1"
	b_sec=$MED_SEC
	if [[ $goal == - ]]; then v="-"; else v=$(at_most "$a_sec" "$goal"); fi
	printf '   %-28s anker %7s s (CPU %s s)   SQL %7s s   %s\n' "$label" "$a_sec" "$a_cpu" "$b_sec" \
		"$([[ $goal == - ]] && echo "(for information)" || echo "goal: <= $goal s   $v")"
	row "$label (s)" "$a_sec" "$b_sec" "$(calc 'sprintf("%.2f", a / b)' a="$a_sec" b="$b_sec")x" \
		"$([[ $goal == - ]] && echo "(for information)" || echo "<= $goal s")" "$v"
}

echo "3. frequencies, matrix, retrieval (baseline: the grouped SQL alone)"
compare freq "freq" 0.1 freq -- \
	"SELECT code_id, COUNT(*), COUNT(DISTINCT doc_id) FROM segment GROUP BY code_id;"
compare freq-rollup "freq --rollup" - freq --rollup -- \
	"SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY code_id, doc_id;"
compare freq-coder "freq --by coder" - freq --by coder -- \
	"SELECT coder_id, code_id, COUNT(*), COUNT(DISTINCT doc_id) FROM segment GROUP BY coder_id, code_id;"
compare matrix "matrix" - matrix -- \
	"SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY code_id, doc_id;"
compare matrix-group "matrix --cols group" - matrix --cols group -- \
	"SELECT s.code_id, d.grp, COUNT(*) FROM segment s JOIN document d ON d.id = s.doc_id GROUP BY s.code_id, d.grp;"
if "$ANKER" help 2>/dev/null | grep -q '^  segments '; then
	code=$(q "SELECT c.number FROM code c JOIN segment s ON s.code_id = c.id GROUP BY c.id ORDER BY abs(COUNT(*) - 5000) LIMIT 1")
	n=$(q "SELECT COUNT(*) FROM segment s JOIN code c ON c.id = s.code_id WHERE c.number = '$code'")
	compare segments "segments --code $code" 0.05 segments --code "$code" -- \
		"SELECT s.guid, d.name, s.start, s.\"end\", substr(d.text, s.start + 1, s.\"end\" - s.start)
		 FROM segment s JOIN document d ON d.id = s.doc_id JOIN code c ON c.id = s.code_id
		 WHERE c.number = '$code' ORDER BY d.grp, d.name, s.start;"
	echo "   (code $code has $n segments)"
else
	echo "   segments --code: skipped ('anker segments' does not exist yet)"
fi
echo

echo "== summary ($ndoc documents, $ncode codes, $nseg segments; median of $RUNS runs)"
printf '%-34s %10s %10s %9s  %-26s %s\n' "benchmark" "anker" "baseline" "ratio" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
