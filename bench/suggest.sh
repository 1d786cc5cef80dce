#!/usr/bin/env bash
# bench/suggest.sh — anker suggest (issue 17), run by `make bench`; see
# bench/README.md.
#
#   ANKER=./anker GEN=build/bench-gen EVAL=build/bench-suggest-eval bash bench/suggest.sh
#
# 1. Speed on the bench corpus (BENCH_FILES files, BENCH_MB MB): a codebook
#    of six codes, each with a definition and segments autocoded (unit
#    sentence) in the first BENCH_CODED documents, as a project part way
#    through its coding.  Timed: `suggest --doc D --lines A-B` (codes for
#    a passage) and `suggest --code X` (passages for a code), against the
#    issue's goal of 20 ms, each beside a baseline anker run of the same
#    shape: `show D --lines A-B` (open the project, read one passage) and
#    `search WORD` (read every document once).  Runs alternate; min,
#    median and max of each.
# 2. Quality, leaving one document out (bench/suggest_eval.c): the demo
#    project, and BENCH_PROJECT=FILE when given (read from a copy whose
#    anchor examples were first located and linked, so that an example
#    quoting the left-out document is left out with it).
#
# Environment: BENCH_FILES (2000), BENCH_MB (100), BENCH_RUNS (5),
# BENCH_CODED (20), BENCH_PROJECT, BENCH_KEEP=1, TMPDIR.
set -euo pipefail

FILES=${BENCH_FILES:-2000}
MB=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-5}
CODED=${BENCH_CODED:-20}
export LC_ALL=C.UTF-8 ANKER_CODER=bench
unset ANKER_PROJECT

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ -n ${GEN:-} && -x $GEN ]] || die "GEN='${GEN:-}' is not an executable (run 'make bench')"
[[ -n ${EVAL:-} && -x $EVAL ]] || die "EVAL='${EVAL:-}' is not an executable (run 'make bench')"
[[ $FILES =~ ^[1-9][0-9]*$ && $MB =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ &&
   $CODED =~ ^[1-9][0-9]*$ ]] || die "BENCH_FILES, BENCH_MB, BENCH_RUNS, BENCH_CODED: positive integers"
if [[ -n ${BENCH_PROJECT:-} ]]; then
	[[ -f $BENCH_PROJECT ]] || die "BENCH_PROJECT='$BENCH_PROJECT' is not a file"
	BENCH_PROJECT=$(cd "$(dirname "$BENCH_PROJECT")" && pwd)/$(basename "$BENCH_PROJECT")
fi
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
EVAL=$(cd "$(dirname "$EVAL")" && pwd)/$(basename "$EVAL")
GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-suggest.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi
cd "$W"

echo "== suggest: speed ($FILES files, $MB MB; segments in the first $CODED documents)"
"$GEN" corpus "$FILES" "$MB" >/dev/null
"$ANKER" -p p.anker init >/dev/null 2>&1
(cd corpus && printf '%s\0' *.txt | xargs -0 "$ANKER" -p ../p.anker import -q)
cat > codebook.txt <<'CB'
Bench-Codebuch

Codesystem

1 Schnittstellen
2 Finanzierung
3 Portale
4 Personal
5 Datenschutz
6 Störungen

1 Schnittstellen

Codedefinition: Schnittstellen zwischen Fachverfahren, Registern und Portalen; Datenübermittlung und Formate.

2 Finanzierung

Codedefinition: Wer bezahlt: Förderung, Förderprogramm, Haushalt, Kosten, Gebühren.

3 Portale

Codedefinition: Landesportal, Serviceportal, Bürgerportal und ihr Zugang.

4 Personal

Codedefinition: Personal, Stellen, Schulungen der Mitarbeiter in der Verwaltung.

5 Datenschutz

Codedefinition: Datenschutz, Sicherheit, Identifizierung und Signatur.

6 Störungen

Codedefinition: Störungen, Ausfall und Wartung im Betrieb.
CB
"$ANKER" -p p.anker codebook import codebook.txt >/dev/null 2>&1
mapfile -t docs < <("$ANKER" -p p.anker docs --format tsv | tail -n +2 | cut -f1 | head -n "$CODED")
for d in "${docs[@]}"; do
	"$ANKER" -p p.anker autocode 'Schnittstelle' 1 --unit sentence --doc "$d" >/dev/null 2>&1
	"$ANKER" -p p.anker autocode 'Förder|Kosten|Haushalt' 2 --unit sentence --doc "$d" >/dev/null 2>&1
	"$ANKER" -p p.anker autocode '[Pp]ortal' 3 --unit sentence --doc "$d" >/dev/null 2>&1
	"$ANKER" -p p.anker autocode 'Personal|Schulung' 4 --unit sentence --doc "$d" >/dev/null 2>&1
	"$ANKER" -p p.anker autocode 'Datenschutz|Signatur' 5 --unit sentence --doc "$d" >/dev/null 2>&1
	"$ANKER" -p p.anker autocode 'Störung|Ausfall' 6 --unit sentence --doc "$d" >/dev/null 2>&1
done
nseg=$(("$("$ANKER" -p p.anker segments --format tsv | wc -l)" - 1))
# the passage asked about: lines 10-12 of the last document (not coded)
last=$("$ANKER" -p p.anker docs --format tsv | tail -n 1 | cut -f1)

s_secs=() sb_secs=() c_secs=() cb_secs=() s_cpu=() sb_cpu=() c_cpu=() cb_cpu=()
# timed NAME COMMAND...: append the wall time of COMMAND to NAME_secs and its
# CPU time (user + system, the steadier figure on a shared machine) to
# NAME_cpu.
timed() {
	local -n secs=${1}_secs cpu=${1}_cpu
	shift
	local t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %S" -o cpu.txt "$@" >out.tsv 2>err.txt ||
		die "$* failed: $(head -c 300 err.txt)"
	secs+=("$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$EPOCHREALTIME")")
	cpu+=("$(awk '{ printf "%.3f", $1 + $2 }' cpu.txt)")
}
for ((r = 1; r <= RUNS; r++)); do
	timed s "$ANKER" -p p.anker suggest --doc "$last" --lines 10-12 --format tsv
	timed sb "$ANKER" -p p.anker show "$last" --lines 10-12
	timed c "$ANKER" -p p.anker suggest --code 1 --format tsv
	timed cb "$ANKER" -p p.anker search Schnittstelle --format tsv
done
range() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "min %s, median %s, max %s", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
ms() { calc 'sprintf("%.0f", s * 1000)' s="$(median "$@")"; }
printf '   %s segments of 6 codes\n' "$nseg"
row() {  # row LABEL NAME [GOAL]
	local -n secs=${2}_secs cpu=${2}_cpu
	printf '   %-33s %s s   CPU median %s s' "$1" "$(range "${secs[@]}")" "$(median "${cpu[@]}")"
	[[ -n ${3:-} ]] && printf '   median %s ms, goal <= 20 ms: %s' "$(ms "${secs[@]}")" \
		"$(at_most "$(median "${secs[@]}")" "$3")"
	printf '\n'
}
row "suggest --doc --lines (codes)" s 0.020
row "show --lines (baseline)" sb
row "suggest --code (passages)" c 0.020
row "search WORD (baseline, one pass)" cb

echo "== suggest: leave one document out (hit rates: the segment's own code among the first 1, 3, 5)"
"$ANKER" demo demo >/dev/null 2>&1
projects=("demo/demo.anker")
[[ -n ${BENCH_PROJECT:-} ]] && projects+=("$BENCH_PROJECT")
for p in "${projects[@]}"; do
	echo "   -- $(basename "$p")"
	cp "$p" eval.anker
	"$ANKER" -p eval.anker anchors locate --link --format tsv >/dev/null 2>link.txt ||
		die "anchors locate --link on a copy of $p failed: $(head -c 300 link.txt)"
	"$EVAL" eval.anker
	rm -f eval.anker eval.anker-wal eval.anker-shm
done
