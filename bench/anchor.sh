#!/usr/bin/env bash
# bench/anchor.sh — anchors locate: 100 anchor examples against the bench
# corpus (issue 17), run by `make bench`; see bench/README.md.
#
#   ANKER=./anker GEN=build/bench-gen bash bench/anchor.sh
#
# The anchors quote passages of the generated transcripts as codebook
# authors do: a quarter verbatim, a quarter with a word left out, a
# quarter shortened with "[…]", a quarter with a typo.  The baseline is
# the search a competent user would run for the same quotes without anker:
# every quote as a fixed string, all at once (grep -F -f, Aho-Corasick)
# over the corpus files; it finds only the verbatim ones.  Runs of anker and
# the baseline alternate; min, median and max of each are printed.
#
# Environment: BENCH_FILES (2000), BENCH_MB (100), BENCH_RUNS (3),
# BENCH_ANCHORS (100), BENCH_KEEP=1, TMPDIR.
set -euo pipefail

FILES=${BENCH_FILES:-2000}
MB=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-3}
NANCH=${BENCH_ANCHORS:-100}
export LC_ALL=C.UTF-8 ANKER_CODER=bench
unset ANKER_PROJECT

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ -n ${GEN:-} && -x $GEN ]] || die "GEN='${GEN:-}' is not an executable (run 'make bench')"
[[ $FILES =~ ^[1-9][0-9]*$ && $MB =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ &&
   $NANCH =~ ^[1-9][0-9]*$ ]] || die "BENCH_FILES, BENCH_MB, BENCH_RUNS, BENCH_ANCHORS: positive integers"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
# The default size records its figures for the growth lines of other sizes.
[[ -z ${BENCH_FILES:-}${BENCH_MB:-} ]] && BENCH_DEFAULT=1

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-anchor.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi
cd "$W"

echo "== anchors locate ($NANCH anchor examples, $FILES files, $MB MB)"
"$GEN" corpus "$FILES" "$MB" >/dev/null
"$ANKER" -p p.anker init >/dev/null 2>&1
(cd corpus && printf '%s\0' *.txt | xargs -0 "$ANKER" -p ../p.anker import -q)

# The quotes: 25 words from the middle of an answer ("B: ...") of every
# FILES/NANCH-th file, edited by kind; quotes.txt holds the verbatim ones
# for the baseline.
i=0
for f in corpus/*.txt; do
	((i++ % (FILES / NANCH > 0 ? FILES / NANCH : 1) == 0)) || continue
	awk -v k="$((i / (FILES / NANCH > 0 ? FILES / NANCH : 1) % 4))" '
		/^B: / && NF > 40 && !done {
			from = int(NF / 3)
			q = ""
			for (w = from; w < from + 25; w++) {
				word = $w
				if (k == 1 && w == from + 10) continue            # a word left out
				if (k == 2 && w >= from + 8 && w < from + 14) {   # shortened
					if (w == from + 8) q = q " […]"
					continue
				}
				if (k == 3 && w == from + 12 && length(word) > 5) # a typo
					word = word "n"   # (bytes, not characters: mawk)
				q = q (q == "" ? "" : " ") word
			}
			print k "\t" q
			done = 1
		}' "$f"
done | head -n "$NANCH" > quotes.tsv
n=$(wc -l < quotes.tsv)
((n > 0)) || die "no quotes taken from the corpus"
awk -F'\t' '$1 == 0 { print $2 }' quotes.tsv > quotes.txt
{
	printf 'Bench-Codebuch\n\nCodesystem\n\n'
	for ((c = 1; c <= n; c++)); do printf '%d Code %d\n' "$c" "$c"; done
	awk -F'\t' '{ printf "\n%d Code %d\n\nCodedefinition: Bench.\n\nAnkerbeispiel: „%s“\n", NR, NR, $2 }' quotes.tsv
} > codebook.txt
"$ANKER" -p p.anker codebook import codebook.txt >/dev/null 2>&1

a_secs=() a_cpus=() b_secs=() a_kb=0
for ((r = 1; r <= RUNS; r++)); do
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %S %M" -o a.time "$ANKER" -p p.anker anchors locate --format tsv >a.out 2>a.err ||
		die "anchors locate failed: $(head -c 300 a.err)"
	t1=$EPOCHREALTIME
	a_secs+=("$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$t1")")
	read -r cpu kb < <(awk 'END { printf "%.2f %d\n", $(NF - 2) + $(NF - 1), $NF }' a.time)
	a_cpus+=("$cpu")
	((kb > a_kb)) && a_kb=$kb
	t0=$EPOCHREALTIME
	grep -F -o -f quotes.txt -r corpus >b.out || true
	t1=$EPOCHREALTIME
	b_secs+=("$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$t1")")
done
found=$(awk -F'\t' 'NR > 1 && $4 ~ /^found/' a.out | wc -l)
exact=$(wc -l < b.out)
a_med=$(median "${a_secs[@]}")
b_med=$(median "${b_secs[@]}")
ratio=$(calc 'sprintf("%.2f", a / b)' a="$a_med" b="$b_med")
printf '   anker anchors locate   %s s   CPU median %s s   peak RSS %s MB   found %s of %s (%s)\n' "$(spread "${a_secs[@]}")" \
	"$(median "${a_cpus[@]}")" "$(calc 'sprintf("%.1f", k / 1024)' k="$a_kb")" "$found" "$n" \
	"$(awk -F'\t' '{ k[$1]++ } END { printf "%d verbatim, %d a word left out, %d shortened, %d a typo", k[0], k[1], k[2], k[3] }' quotes.tsv)"
printf '   grep -F -f (baseline)  %s s   found %s verbatim quotes\n' "$(spread "${b_secs[@]}")" "$exact"
printf '   time: anker/baseline = %sx   goal: <= 1 s   %s\n' "$ratio" "$(at_most "$a_med" 1)"
growth "anchors locate (s)" "$MB" "$a_med" "$(median "${a_cpus[@]}")"
growth "anchors: grep -F -f baseline (s)" "$MB" "$b_med"
