#!/usr/bin/env bash
# bench/suggest.sh — anker suggest (issue 17), run by `make bench`; see
# bench/README.md.
#
#   ANKER=./anker GEN=build/bench-gen EVAL=build/bench-suggest-eval bash bench/suggest.sh
#
# 1. Speed on the bench corpus (BENCH_FILES files, BENCH_MB MB): a codebook
#    of six codes, each with a definition and segments autocoded (unit
#    sentence) in the first BENCH_CODED documents, as a project part way
#    through its coding.  Timed, against the issue's goal of 20 ms:
#    `suggest --doc D --lines A-B` (codes for a passage) read from the
#    model kept in the project, beside the same with --no-model (the
#    profiles computed per call, as before the model) and `show D --lines
#    A-B` (open the project, read one passage); `suggest --code X`
#    (passages for a code) read from the units kept in the project (the
#    first such call keeps them: timed once) beside the same with
#    --no-model (a scan of every document) and `search WORD` (read every
#    document once); an import of two documents into the project whose
#    units are kept, beside one never given a model; and the cost of a coding (`mark`) with the model kept current,
#    beside the same on a copy made before the model was built (the
#    triggers note nothing there, the hook finds no model).  The model's
#    first build (the first suggest --doc, on a fresh copy each run) beside
#    --no-model on such a copy; suggest --code for turns and sentences (the
#    kinds kept by their first call, timed once), and every kind for the
#    dense codes 5 and 6 (sentences checked against --no-model); review
#    boundaries --code from the model beside --no-model.  Runs alternate
#    (bench/lib.sh alternate); min, median and max of each, CPU medians.
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
# The default size records its figures for the growth lines of other sizes.
[[ -z ${BENCH_FILES:-}${BENCH_MB:-} ]] && BENCH_DEFAULT=1

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
# the passage asked about: lines 10-12 of the last document (not coded)
last=$("$ANKER" -p p.anker docs --format tsv | tail -n 1 | cut -f1)

printf '   %s segments of 6 codes\n' "$(("$("$ANKER" -p p.anker segments --format tsv | wc -l)" - 1))"
cp p.anker q.anker   # (closed: no -wal beside it) never given a model

row() {  # row LABEL X [GOAL]: side X of the last alternate, and its growth
	local med=${2}_MED spread=${2}_SPREAD cpu=${2}_CPU
	printf '   %-36s %s s   CPU median %s s' "$1" "${!spread}" "${!cpu}"
	[[ -n ${3:-} ]] && printf '   goal <= %s ms: %s' "$(calc 'sprintf("%.0f", g * 1000)' g="$3")" \
		"$(at_most "${!med}" "$3")"
	printf '\n'
	growth "suggest: ${1#  } (s)" "$MB" "${!med}" "${!cpu}"
}
# The model's first build: each run on a fresh copy of q (no model), the
# first suggest --doc (it builds the model) beside --no-model on the same
# copy (what a call costs without it).
fresh() { rm -f b.anker-wal b.anker-shm; cp q.anker b.anker; }
alternate build fresh "$ANKER" -p b.anker suggest --doc "$last" --lines 10-12 --format tsv \
	::: buildno fresh "$ANKER" -p b.anker suggest --doc "$last" --lines 10-12 --no-model --format tsv
row "model built (the first suggest --doc)" A
row "  --no-model on the same copy" B
rm -f b.anker b.anker-wal b.anker-shm
"$ANKER" -p p.anker suggest --doc "$last" --lines 10-12 --format tsv >/dev/null

alternate model : "$ANKER" -p p.anker suggest --doc "$last" --lines 10-12 --format tsv \
	::: percall : "$ANKER" -p p.anker suggest --doc "$last" --lines 10-12 --no-model --format tsv \
	::: show : "$ANKER" -p p.anker show "$last" --lines 10-12
cmp -s "$W/model.out" "$W/percall.out" || die "suggest --doc: the model and --no-model disagree"
row "suggest --doc --lines (the model)" A 0.020
row "  --no-model (per call, baseline)" B
row "  show --lines (baseline)" C

timed units "$ANKER" -p p.anker suggest --code 1 --format tsv
printf '   units (paragraphs) kept by the first suggest --code: %s s (CPU %s s), once\n' "$T_SEC" "$T_CPU"
growth "suggest: the units' build (s)" "$MB" "$T_SEC" "$T_CPU"
alternate code : "$ANKER" -p p.anker suggest --code 1 --format tsv \
	::: scan : "$ANKER" -p p.anker suggest --code 1 --no-model --format tsv \
	::: search : "$ANKER" -p p.anker search Schnittstelle --format tsv
# (the reasons may show another form of the same stem, as with --doc)
cmp -s <(cut -f1-5,7 "$W/code.out") <(cut -f1-5,7 "$W/scan.out") ||
	die "suggest --code: the kept units and --no-model disagree"
row "suggest --code (the kept units)" A 0.020
row "  --no-model (a scan, baseline)" B
row "  search WORD (baseline, one pass)" C

# The other unit kinds from the kept units (each kept by its first call,
# timed once), against the goal too; their scans take seconds (see the
# paragraphs' above), so the baseline is the paragraphs' kept ranking.
for u in turn sentence; do
	timed "units-$u" "$ANKER" -p p.anker suggest --code 1 --unit "$u" --format tsv
	printf '   units (%ss) kept by the first suggest --code: %s s (CPU %s s), once\n' "$u" "$T_SEC" "$T_CPU"
done
alternate turn : "$ANKER" -p p.anker suggest --code 1 --unit turn --format tsv \
	::: sent : "$ANKER" -p p.anker suggest --code 1 --unit sentence --format tsv \
	::: para : "$ANKER" -p p.anker suggest --code 1 --format tsv
row "suggest --code, turns (kept)" A 0.020
row "suggest --code, sentences (kept)" B 0.020
row "  paragraphs (kept, baseline)" C
# Codes 5 and 6: dense, their best passages score alike in nearly every
# document (the kept units read past most documents' heads, block after
# block: postings_int.h PK_BLOCK), each beside the scan it must agree with.
for c in 5 6; do
	alternate "turn$c" : "$ANKER" -p p.anker suggest --code "$c" --unit turn --format tsv \
		::: "sent$c" : "$ANKER" -p p.anker suggest --code "$c" --unit sentence --format tsv \
		::: "para$c" : "$ANKER" -p p.anker suggest --code "$c" --format tsv
	row "suggest --code $c, turns (kept)" A 0.020
	row "suggest --code $c, sentences (kept)" B 0.020
	row "suggest --code $c, paragraphs (kept)" C 0.020
	"$ANKER" -p p.anker suggest --code "$c" --unit sentence --no-model --format tsv > "scan$c.out"
	cmp -s <(cut -f1-5,7 "$W/sent$c.out") <(cut -f1-5,7 "scan$c.out") ||
		die "suggest --code $c --unit sentence: the kept units and --no-model disagree"
done

# Where codes blur, for one code: from the kept model beside --no-model
# (the profiles computed per call).
alternate bkept : "$ANKER" -p p.anker review boundaries --code 1 --format tsv \
	::: bscan : "$ANKER" -p p.anker review boundaries --code 1 --no-model --format tsv
cmp -s "$W/bkept.out" "$W/bscan.out" || die "review boundaries --code: the model and --no-model disagree"
row "review boundaries --code (the model)" A
row "  --no-model (per call, baseline)" B

# An import once the units are kept: each run imports the next two
# documents of the corpus again under new names, into p (units of
# paragraphs kept) and into q (never given a model), the same on both.
mkdir more
cat > imp.sh <<IMP
#!/usr/bin/env bash
n=\$((\$(cat "\$1.i" 2>/dev/null || echo 0) + 1))
echo "\$n" > "\$1.i"
for f in \$(ls corpus | sed -n "\$((2 * n - 1)),\$((2 * n))p"); do
	cp "corpus/\$f" "more/\$1-\$n-\$f"
done
exec "$ANKER" -p "\$1" import -q more/"\$1-\$n"-*
IMP
chmod +x imp.sh
alternate impp : ./imp.sh p.anker ::: impq : ./imp.sh q.anker
row "import 2 documents (units kept)" A
row "  the same, no model (baseline)" B

# A coding: each run marks the next answer or question (paragraphs 6, 8,
# ...) of the first document not coded, the same on both sides, through a
# wrapper counting them.
free=$("$ANKER" -p p.anker docs --format tsv | tail -n +2 | cut -f1 | sed -n "$((CODED + 1))p")
cat > mark.sh <<MARK
#!/usr/bin/env bash
n=\$((\$(cat "\$1.n" 2>/dev/null || echo 4) + 2))
echo "\$n" > "\$1.n"
exec "$ANKER" -p "\$1" mark "$free" 4 --lines "\$n"
MARK
chmod +x mark.sh
alternate markm : ./mark.sh p.anker ::: markq : ./mark.sh q.anker
row "mark (the model kept current)" A
row "  mark (no model, baseline)" B
# (the model's share of a coding is below these commands' noise: see the
# figures in one process below)

# The same in one process: what the model costs and saves, without the
# process start, open and close every anker command pays (in the figures
# above, also in show's).
free2=$("$ANKER" -p p.anker docs --format tsv | tail -n +2 | cut -f1 | sed -n "$((CODED + 2))p")
echo "   in one process (bench-suggest-eval --time; $RUNS runs, alternating):"
"$EVAL" --time p.anker q.anker "$last" 10-12 "$free2" 4 "$RUNS" || die "bench-suggest-eval --time failed"
"$ANKER" -p p.anker suggest --doc "$free" --lines 2-4 --format tsv > m.tsv
"$ANKER" -p p.anker suggest --doc "$free" --lines 2-4 --no-model --format tsv > n.tsv
# (the scores and ranks; a reason may show another form of the same stem)
cmp -s <(cut -f1-3 m.tsv) <(cut -f1-3 n.tsv) || die "after the codings: the model and --no-model disagree"

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
