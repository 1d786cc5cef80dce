#!/usr/bin/env bash
# bench/tui.sh — the TUI's benchmarks (issue 4), run by `make bench` after
# bench/coding.sh; see bench/README.md.
#
#   ANKER=./anker GEN=build/bench-gen bash bench/tui.sh
#
# The TUI runs headless (ANKER_TUI_HEADLESS, ANKER_TUI_KEYS) and times
# itself (ANKER_TUI_TIMING=FILE: "first-frame MS" from tui_run's start to
# the end of the first draw, then "key MS" per key, from taking the key to
# the end of its redraw; CLOCK_MONOTONIC).  Figures, not tests: each goal is
# reported as "goal met" or "goal missed"; the exit status is 0 unless a
# command fails.
#
# Environment: BENCH_TUI_MB (10) the size of the single transcript;
# BENCH_TUI_SEGMENTS (else BENCH_SEGMENTS: 1000000) the segments of the
# key tour (section 4, bench/tui_keys.sh; BENCH_TUI_SKIP leaves steps out);
# BENCH_TUI_FILES and BENCH_TUI_CORPUS_MB (else BENCH_FILES and BENCH_MB:
# 2000, 100) the corpus open for the first frame and the peak RSS;
# BENCH_TUI_CODES (2000) the code tree; BENCH_TUI_KEYS (1000) scroll keys;
# BENCH_TUI_SIZE (120x40) the headless screen; BENCH_RUNS (3) runs per
# figure, the median is reported; BENCH_KEEP=1 keeps the work directory;
# TMPDIR where it is made.
set -euo pipefail

MB=${BENCH_TUI_MB:-10}
FILES=${BENCH_TUI_FILES:-${BENCH_FILES:-2000}}
CORPUS_MB=${BENCH_TUI_CORPUS_MB:-${BENCH_MB:-100}}
NCODES=${BENCH_TUI_CODES:-2000}
NKEYS=${BENCH_TUI_KEYS:-1000}
SIZE=${BENCH_TUI_SIZE:-120x40}
RUNS=${BENCH_RUNS:-3}
export LC_ALL=C.UTF-8 ANKER_CODER=bench TERM=xterm-256color
unset ANKER_PROJECT NO_COLOR

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ -n ${GEN:-} && -x $GEN ]] || die "GEN='${GEN:-}' is not an executable (run 'make bench')"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
for v in "$MB" "$FILES" "$CORPUS_MB" "$NCODES" "$NKEYS" "$RUNS"; do
	[[ $v =~ ^[1-9][0-9]*$ ]] || die "BENCH_TUI_MB, BENCH_TUI_FILES, BENCH_TUI_CORPUS_MB," \
		"BENCH_TUI_CODES, BENCH_TUI_KEYS and BENCH_RUNS must be positive integers"
done
[[ $SIZE =~ ^[0-9]+x[0-9]+$ ]] || die "BENCH_TUI_SIZE must be WxH"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-tui.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi

# --- helpers -----------------------------------------------------------------

# calc, median, at_most
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
# The default size records its figures for the growth lines of other sizes.
[[ -z ${BENCH_TUI_SEGMENTS:-}${BENCH_SEGMENTS:-}${BENCH_TUI_FILES:-}${BENCH_FILES:-}${BENCH_TUI_CORPUS_MB:-}${BENCH_MB:-} ]] &&
	BENCH_DEFAULT=1

SUMMARY=()
row() { SUMMARY+=("$(printf '%-36s %10s %10s  %-16s %s' "$@")"); }

# tui NAME PROJECT KEYS: one headless run; the timing in $W/NAME.timing, the
# screen in $W/NAME.screen, /usr/bin/time's "%e %M" in $W/NAME.time.  Sets
# T_WALL (ms, the whole process, from $EPOCHREALTIME), T_FIRST (first-frame
# ms), T_KB (peak RSS).
tui() {
	local name=$1 p=$2 keys=$3 t0 t1 st=0
	t0=$EPOCHREALTIME
	ANKER_TUI_HEADLESS=$SIZE ANKER_TUI_KEYS=$keys ANKER_TUI_TIMING=$W/$name.timing \
		ANKER_TUI_DUMP=$W/$name.screen \
		/usr/bin/time -f "%e %M" -o "$W/$name.time" "$ANKER" -p "$p" tui 2>"$W/$name.err" || st=$?
	t1=$EPOCHREALTIME
	if ((st != 0)); then
		echo "bench: the TUI failed with status $st" >&2
		head -n 20 "$W/$name.err" >&2
		exit 1
	fi
	T_WALL=$(calc 'sprintf("%.1f", (b - a) * 1000)' a="$t0" b="$t1")
	T_FIRST=$(awk '$1 == "first-frame" { print $2 }' "$W/$name.timing")
	T_KB=$(awk 'END { print $NF }' "$W/$name.time")
}

# key_ms NAME N: the Nth "key" line's ms.  key_stats NAME FROM: median, 95th
# percentile and maximum of the key lines from the FROMth on.
key_ms() { awk -v n="$2" '$1 == "key" && ++i == n { print $2 }' "$W/$1.timing"; }
key_stats() {
	awk -v from="$2" '$1 == "key" && ++i >= from { print $2 }' "$W/$1.timing" | sort -g |
		awk '{ v[NR] = $1 } END { printf "%s %s %s %d\n", v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)], v[NR], NR }'
}

# expect_screen NAME TEXT: the run showed TEXT (it measured what it claims).
expect_screen() {
	grep -qF -- "$2" "$W/$1.screen" ||
		die "the $1 run does not show '$2'; its screen: $(head -n 5 "$W/$1.screen")"
}

# expect_no_screen NAME TEXT: the run no longer shows TEXT (it scrolled).
expect_no_screen() {
	! grep -qF -- "$2" "$W/$1.screen" || die "the $1 run still shows '$2'"
}

# scroll_keys N: N keys, <C-d> <C-d> j <C-u> k j <C-d> k in turn (a net
# one and a half pages down per eight keys, so the run moves through text).
scroll_keys() {
	awk -v n="$1" 'BEGIN { split("<C-d> <C-d> j <C-u> k j <C-d> k", k, " ");
		for (i = 0; i < n; i++) printf "%s", k[i % 8 + 1] }'
}

echo "== anker TUI benchmarks (headless, $SIZE)"
echo "machine:  $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown CPU)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "runs:     $RUNS per figure, median reported"
echo

# --- 1. a single transcript of MB MB ---------------------------------------------

"$GEN" "$W/one" 1 "$MB" >/dev/null
F=$(ls "$W"/one/*.txt)
fbytes=$(stat -c %s "$F")
P1=$W/one.anker
"$ANKER" -p "$P1" init >/dev/null 2>&1
t0=$EPOCHREALTIME
"$ANKER" -p "$P1" import -q "$F" >/dev/null
t1=$EPOCHREALTIME
docname=$(basename "$F" .txt)
echo "1. one transcript: $(calc 'sprintf("%.1f", b / 1048576)' b="$fbytes") MB ($docname)," \
	"imported in $(calc 'sprintf("%.2f", b - a)' a="$t0" b="$t1") s"

# Baseline: the bytes from the page cache, cat to /dev/null.
cats=()
for ((i = 1; i <= RUNS; i++)); do
	t0=$EPOCHREALTIME
	cat "$F" >/dev/null
	t1=$EPOCHREALTIME
	cats+=("$(calc 'sprintf("%.2f", (b - a) * 1000)' a="$t0" b="$t1")")
done
cat_ms=$(median "${cats[@]}")

# Open: <Enter> on the documents pane's first document.  The figure is
# first frame + the <Enter> key: from tui_run's start to the end of the
# frame showing the document; the whole process (store open included) and
# the <Enter> key alone are shown for information.
opens=() enters=() walls=()
for ((i = 1; i <= RUNS; i++)); do
	tui open "$P1" '<Enter>'
	expect_screen open "| $docname | Pos. 1 (0) |"
	e=$(key_ms open 1)
	opens+=("$(calc 'sprintf("%.2f", f + e)' f="$T_FIRST" e="$e")")
	enters+=("$e")
	walls+=("$T_WALL")
done
open_ms=$(median "${opens[@]}")
open_v=$(at_most "$open_ms" 100)
printf '   open to the first frame %8s ms   (<Enter> alone %s ms, whole process %s ms)   runs: %s   goal: <= 100 ms   %s\n' \
	"$open_ms" "$(median "${enters[@]}")" "$(median "${walls[@]}")" "${opens[*]}" "$open_v"
printf '   baseline: cat of the file to /dev/null %s ms (process start included)\n' "$cat_ms"
row "open $MB MB transcript (ms)" "$open_ms" "$cat_ms" "<= 100 ms" "$open_v"

# Scroll: NKEYS keys after <Enter>; the median over all of them (the <Enter>
# excluded), per run; the median of the runs' medians.
keys=$(scroll_keys "$NKEYS")
meds=() p95s=() maxs=()
for ((i = 1; i <= RUNS; i++)); do
	tui scroll "$P1" "<Enter>$keys"
	read -r med p95 max n < <(key_stats scroll 2)
	((n == NKEYS)) || die "expected $NKEYS timed keys, got $n"
	meds+=("$med") p95s+=("$p95") maxs+=("$max")
done
expect_screen scroll "| $docname | Pos. "
scroll_ms=$(median "${meds[@]}")
scroll_v=$(at_most "$scroll_ms" 5)
printf '   scroll key, median      %8s ms   (95th percentile %s ms, max %s ms; %s keys <C-d> <C-u> j k)   runs: %s   goal: <= 5 ms   %s\n' \
	"$scroll_ms" "$(median "${p95s[@]}")" "$(median "${maxs[@]}")" "$NKEYS" "${meds[*]}" "$scroll_v"
echo "   (ended at: $(tail -n 1 "$W/scroll.screen" | sed 's/^ *//'))"
row "scroll key, median (ms)" "$scroll_ms" "-" "<= 5 ms" "$scroll_v"
echo

# --- 2. a code tree of NCODES codes --------------------------------------------------

# A MAXQDA text codebook (as in bench/coding.sh): A top-level codes, each
# with B subcodes, each with C subcodes, A + A*B + A*B*C = NCODES as near as
# whole numbers allow (20, 9, 10 for 2,000).
read -r A B C < <(awk -v n="$NCODES" 'BEGIN {
	if (n >= 2000) { a = int(n / 100); print a, 9, 10; exit }
	a = int(n / 21); if (a < 1) a = 1; print a, 4, 4 }')
P2=$W/codes.anker
"$ANKER" -p "$P2" init >/dev/null 2>&1
"$ANKER" -p "$P2" import -q "$F" >/dev/null
bench_codebook "$A" "$B" "$C" >"$W/codebook.txt"
"$ANKER" -p "$P2" codebook import "$W/codebook.txt" >/dev/null 2>&1
ncodes=$(sqlite3 -batch -noheader "$P2" 'SELECT COUNT(*) FROM code' 2>/dev/null || echo "?")
echo "2. code tree: $ncodes codes ($A x $B x $C, three levels)"

firsts=() meds=() p95s=()
for ((i = 1; i <= RUNS; i++)); do
	tui tree "$P2" "<Tab>$keys"
	firsts+=("$T_FIRST")
	read -r med p95 max n < <(key_stats tree 2)
	meds+=("$med") p95s+=("$p95")
done
expect_screen tree "Code System ($ncodes)"
expect_no_screen tree " 1 Bereich 1 "
tree_first=$(median "${firsts[@]}")
tree_v=$(at_most "$tree_first" 100)
tree_ms=$(median "${meds[@]}")
tree_sv=$(at_most "$tree_ms" 5)
printf '   first frame             %8s ms   runs: %s   goal: <= 100 ms (as for a document)   %s\n' \
	"$tree_first" "${firsts[*]}" "$tree_v"
printf '   scroll key, median      %8s ms   (95th percentile %s ms; %s keys in the code tree)   runs: %s   goal: <= 5 ms   %s\n' \
	"$tree_ms" "$(median "${p95s[@]}")" "$NKEYS" "${meds[*]}" "$tree_sv"
row "code tree $ncodes, first frame (ms)" "$tree_first" "-" "<= 100 ms" "$tree_v"
row "code tree scroll key, median (ms)" "$tree_ms" "-" "<= 5 ms" "$tree_sv"
echo

# --- 3. peak RSS with the bench corpus open -------------------------------------------

"$GEN" "$W/corpus" "$FILES" "$CORPUS_MB" >/dev/null
P3=$W/corpus.anker
"$ANKER" -p "$P3" init >/dev/null 2>&1
(cd "$W/corpus" && printf '%s\0' *.txt | xargs -0 "$ANKER" -p "$P3" import -q --group bench)
largest=$(find "$W/corpus" -name '*.txt' -printf '%s\n' | sort -n | tail -n 1)
cbytes=$(find "$W/corpus" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "3. corpus: $FILES files, $(calc 'sprintf("%.1f", b / 1048576)' b="$cbytes") MB, largest $((largest / 1024)) KB"
# First frame with the corpus open: the document list is the work that
# grows with the corpus.  The same number of documents at a tenth of the
# size, in alternate runs, shows whether it grows with the megabytes (the
# list read every text's columns stored after it: 184 ms for 100 MB).
small_mb=$(( CORPUS_MB / 10 > 0 ? CORPUS_MB / 10 : 1 ))
"$GEN" "$W/small" "$FILES" "$small_mb" >/dev/null
P4=$W/small.anker
"$ANKER" -p "$P4" init >/dev/null 2>&1
(cd "$W/small" && printf '%s\0' *.txt | xargs -0 "$ANKER" -p "$P4" import -q --group bench)
cpu_of() { awk '$1 == "first-frame" { print $3 }' "$W/$1.timing"; }
big=() bigc=() small=() smallc=()
for ((i = 1; i <= RUNS; i++)); do
	tui first "$P3" ''
	big+=("$T_FIRST") bigc+=("$(cpu_of first)")
	tui first_small "$P4" ''
	small+=("$T_FIRST") smallc+=("$(cpu_of first_small)")
done
expect_screen first "Documents ($FILES)"
first_ms=$(median "${big[@]}")
first_v=$(at_most "$first_ms" 50)
printf '   first frame, %s MB    %s ms   (CPU median %s ms)   goal: <= 50 ms   %s\n' \
	"$CORPUS_MB" "$(spread "${big[@]}")" "$(median "${bigc[@]}")" "$first_v"
printf '   first frame, %s MB     %s ms   (CPU median %s ms; the same %s documents, a tenth of the text)\n' \
	"$small_mb" "$(spread "${small[@]}")" "$(median "${smallc[@]}")" "$FILES"
echo "   growth with the text: x$(ratio "$first_ms" "$(median "${small[@]}")") for x$(ratio "$CORPUS_MB" "$small_mb") the megabytes (goal: independent, about x1)"
growth "TUI first frame, $FILES files open (s)" "$CORPUS_MB" "$(calc 'sprintf("%.4f", m / 1000)' m="$first_ms")" \
	"$(calc 'sprintf("%.4f", m / 1000)' m="$(median "${bigc[@]}")")"
row "first frame, $FILES files open (ms)" "$first_ms" "$(median "${small[@]}")" "<= 50 ms" "$first_v"
# The TUI with the corpus open: the first document opened and scrolled,
# then (<Tab> to the documents pane, G) the last one opened and scrolled.
rss=() base=()
for ((i = 1; i <= RUNS; i++)); do
	tui rss "$P3" "<Enter>$(scroll_keys 200)<Tab>G<Enter>$(scroll_keys 200)"
	rss+=("$T_KB")
	/usr/bin/time -f "%M" -o "$W/base.time" "$ANKER" -p "$P3" docs >/dev/null 2>&1 ||
		/usr/bin/time -f "%M" -o "$W/base.time" "$ANKER" -p "$P3" codes >/dev/null 2>&1 || true
	base+=("$(tail -n 1 "$W/base.time")")
done
expect_screen rss " corpus.anker | $(printf 'interview-%05d' "$FILES") | Pos. "
rss_kb=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n 1)
rss_mb=$(calc 'sprintf("%.1f", k / 1024)' k="$rss_kb")
rss_v=$(at_most "$rss_mb" 64)
echo "   peak RSS                $rss_mb MB   (the largest of $RUNS runs; at the end: $(tail -n 1 "$W/rss.screen" | sed 's/^ *//'))   goal: <= 64 MB   $rss_v"
base_kb=$(printf '%s\n' "${base[@]}" | sort -n | tail -n 1)
if [[ $base_kb =~ ^[0-9]+$ ]]; then
	echo "   baseline: anker docs on the same project $(calc 'sprintf("%.1f", k / 1024)' k="$base_kb") MB"
	base_mb=$(calc 'sprintf("%.1f", k / 1024)' k="$base_kb")
else
	base_mb=-
fi
row "peak RSS, $FILES files open (MB)" "$rss_mb" "$base_mb" "<= 64 MB" "$rss_v"
echo

# --- 4. every view and its main keys, on the corpus with segments ---------------------

# The corpus of section 3 gets the codebook and segments of bench/coding.sh
# (200 codes, three coders, BENCH_SEGMENTS); bench/tui_keys.sh times each
# key of a tour through every view (issue 18: any key <= 100 ms, RSS <= 64
# MB at 1 GB / 10M segments).
SEGS=${BENCH_TUI_SEGMENTS:-${BENCH_SEGMENTS:-1000000}}
[[ $SEGS =~ ^[1-9][0-9]*$ ]] || die "BENCH_TUI_SEGMENTS and BENCH_SEGMENTS must be positive integers"
bench_codebook 8 4 5 >"$W/codebook200.txt"
"$ANKER" -p "$P3" codebook import "$W/codebook200.txt" >/dev/null 2>&1
t0=$EPOCHREALTIME
bench_segments "$P3" "$SEGS"
t1=$EPOCHREALTIME
echo "4. every view and its main keys: $FILES documents, $(sqlite3 -batch -noheader "$P3" 'SELECT COUNT(*) FROM segment') segments" \
	"(inserted in $(calc 'sprintf("%.1f", b - a)' a="$t0" b="$t1") s), 200 codes"
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tui_keys.sh"
tour "$P3" corpus
echo

echo "== summary (median of $RUNS runs; times from ANKER_TUI_TIMING)"
printf '%-36s %10s %10s  %-16s %s\n' "benchmark" "anker" "baseline" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
