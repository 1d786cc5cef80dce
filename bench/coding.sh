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
# The project: BENCH_CODING_DOCS (2000) generated transcripts of about 4 KB
# each (BENCH_CODING_MB, else BENCH_MB, sets their total size in MB), a
# generated MAXQDA codebook of 200 codes in three levels, three coders and
# BENCH_CODING_SEGMENTS, else BENCH_SEGMENTS (1000000) segments at
# deterministic pseudo-random positions, inserted by the sqlite3 shell in
# one transaction.
#
# Runs of anker and its baselines alternate (bench/lib.sh's alternate);
# min, median and max of each side are printed, and the CPU time.  Each
# figure names its floor where one exists (reading the segment rows, or
# the pre-counted code_doc table) and anker's ratio to it.  The SQL
# self-join for co-occurrence runs on 1 % of the documents and is scaled
# (printed as such) unless BENCH_COOC_JOIN_FULL=1 runs it whole, once.
#
# Agreement (anna and ben) is timed beside the same floor, and the TUI's
# agreement and co-occurrence views headless (ANKER_TUI_TIMING): the key
# opening each and the slowest of four switches of unit or mode.
#
# Environment: BENCH_RUNS (3) timed runs per command; BENCH_KEEP=1 keeps
# the work directory; TMPDIR where it is made; BENCH_RECORDS where the
# default size's figures are kept for the growth lines (bench/README.md).
set -euo pipefail

DOCS=${BENCH_CODING_DOCS:-2000}
SEGS=${BENCH_CODING_SEGMENTS:-${BENCH_SEGMENTS:-1000000}}
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

# --- helpers (calc, median, ratio, at_most, alternate, growth: bench/lib.sh) ---

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
# The default size records its figures for the growth lines of other sizes.
[[ -z ${BENCH_CODING_DOCS:-}${BENCH_CODING_SEGMENTS:-}${BENCH_SEGMENTS:-}${BENCH_MB:-}${BENCH_CODING_MB:-} ]] &&
	BENCH_DEFAULT=1

# at_least VALUE LIMIT: the verdict.
at_least() { awk -v v="$1" -v l="$2" 'BEGIN { print (v >= l) ? "goal met" : "goal missed" }'; }

SUMMARY=()
row() { SUMMARY+=("$(printf '%-36s %10s %10s %9s  %-26s %s' "$@")"); }

q() { sqlite3 -batch -noheader "$P" "$1"; }

# side LABEL X: one side of an alternate run (X is A, B, C or D): wall
# seconds min, median, max and the median CPU seconds.
side() {
	local spr=${2}_SPREAD cpu=${2}_CPU
	printf '   %-34s %s s   (CPU %s s)\n' "$1" "${!spr}" "${!cpu}"
}

# --- 1. the project -----------------------------------------------------------

echo "== anker analysis benchmarks"
echo "machine:  $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown CPU)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (other work on the machine slows the wall times, not the CPU times)"
echo "runs:     $RUNS per timed command, anker and its baselines alternating; min, median, max"
echo

t0=$EPOCHREALTIME
# Small documents: about 4 KB each on average (the generator varies sizes
# tenfold around the mean).
mb=${BENCH_CODING_MB:-${BENCH_MB:-$(( (DOCS * 4096 + 1048575) / 1048576 ))}}
"$GEN" "$W/corpus" "$DOCS" "$mb" >/dev/null
"$ANKER" -p "$P" init >/dev/null 2>&1
# Four document groups, for matrix --cols group.
(cd "$W/corpus" && ls | awk -v n=4 '{ print > ("../batch" (NR % n)) }')
for g in 0 1 2 3; do
	(cd "$W/corpus" && xargs -a "../batch$g" "$ANKER" -p "$P" import -q --group "Gruppe $g")
done

# The codebook: 8 codes, each with 4 subcodes, each with 5 subcodes: 200.
bench_codebook 8 4 5 >"$W/codebook.txt"
"$ANKER" -p "$P" codebook import "$W/codebook.txt" >/dev/null 2>&1

# Segments: three coders, SEGS of them (bench/lib.sh).
bench_segments "$P" "$SEGS"
t1=$EPOCHREALTIME
nseg=$(q 'SELECT COUNT(*) FROM segment')
ndoc=$(q 'SELECT COUNT(*) FROM document')
ncode=$(q 'SELECT COUNT(*) FROM code')
kb=$(q 'SELECT SUM(bytes) / 1024 FROM document')
echo "1. project: $ndoc documents ($kb KB), $ncode codes, 3 coders, $nseg segments;" \
	"built in $(calc 'sprintf("%.1f", b - a)' a="$t0" b="$t1") s"
echo

# --- 2. cooc --------------------------------------------------------------------

# The floor: the segment rows cooc reads (document, start, end, code), as
# SQLite hands them out of the covering index segment_span; summed inside
# SQLite, so nothing is printed.  Like for like: anker takes the same four
# columns the same way, a document's rows at a time through its aggregate
# anker_rows (store_each_group), with no step or column fetch per row.
#
# A counted matrix is kept in the project (schema 10, cooc_cache) and read
# when asked for again while the project is unchanged.  So each run of
# anker is timed twice: cold (the kept matrices deleted first: a count,
# what the first cooc after any change costs) and warm (right after, the
# same command: what reopening an unchanged project costs).  The goal
# applies to the warm figure, the one a user meets again and again; the
# cold one is printed beside it.
ROWS_SQL='SELECT SUM(doc_id + start + "end" + code_id) FROM segment;'
cooc_cold() { sqlite3 -batch "$P" "DELETE FROM cooc_cache;"; }
# Each round: cold (kept matrices deleted first), the floor, then warm
# (reads what the cold run kept).
alternate cooc-cold cooc_cold "$ANKER" -p "$P" cooc --mode overlap --format tsv ::: \
	rows : sqlite3 -readonly -batch "$P" "$ROWS_SQL" ::: \
	cooc-warm : "$ANKER" -p "$P" cooc --mode overlap --format tsv
cold_sec=$A_MED cold_cpu=$A_CPU
cooc_sec=$C_MED rows_sec=$B_MED
floor_ratio=$(ratio "$cooc_sec" "$rows_sec")
cold_ratio=$(ratio "$cold_sec" "$rows_sec")
cooc_verdict=$(at_most "$floor_ratio" 1.2)
echo "2. co-occurrence, overlap mode ($nseg segments; runs alternate)"
side "anker cooc --mode overlap, cold (counted)" A
side "anker cooc --mode overlap, warm (kept)" C
side "floor: reading the segment rows" B
echo "   cold anker/floor = ${cold_ratio}x (CPU $(ratio "$A_CPU" "$B_CPU")x): the first cooc after a change"
echo "   warm anker/floor = ${floor_ratio}x (CPU $(ratio "$C_CPU" "$B_CPU")x)   goal: <= 1.2x the floor (warm: an unchanged project)   $cooc_verdict"
growth "cooc --mode overlap (s)" "$nseg" "$cold_sec" "$cold_cpu"
row "cooc --mode overlap, warm (s)" "$cooc_sec" "$rows_sec" "${floor_ratio}x" "<= 1.2x (floor: rows)" "$cooc_verdict"
row "cooc --mode overlap, cold (s)" "$cold_sec" "$rows_sec" "${cold_ratio}x" "(information: first after a change)" "-"

# The baseline: the SQL self-join.  It grows with the square of the
# segments per document (75 s for 1M segments here), so by default it runs
# on the first 1 % of the documents and is scaled by the share of the
# segments it covered: an estimate, printed as one.
join_sql() {
	echo "SELECT a.code_id, b.code_id, COUNT(*) FROM segment a JOIN segment b
  ON a.doc_id = b.doc_id AND a.start < b.\"end\" AND b.start < a.\"end\"
  WHERE a.doc_id <= $1 AND a.code_id <> b.code_id GROUP BY a.code_id, b.code_id;"
}
if [[ ${BENCH_COOC_JOIN_FULL:-} == 1 ]]; then
	timed join sqlite3 -readonly -batch "$P" "$(join_sql "$(q 'SELECT MAX(id) FROM document')")"
	join_sec=$T_SEC join_kind="measured whole, once"
	printf '   SQL self-join, all %s segments   %s s (CPU %s s), measured once\n' "$nseg" "$T_SEC" "$T_CPU"
else
	sub=$(( ndoc / 100 > 0 ? ndoc / 100 : 1 ))
	last_doc=$(q "SELECT id FROM document ORDER BY id LIMIT 1 OFFSET $((sub - 1))")
	sub_segs=$(q "SELECT COUNT(*) FROM segment WHERE doc_id <= $last_doc")
	alternate join : sqlite3 -readonly -batch "$P" "$(join_sql "$last_doc")"
	join_sec=$(calc 'sprintf("%.1f", s * n / m)' s="$A_MED" n="$nseg" m="$sub_segs")
	join_kind="SCALED from $sub documents"
	side "SQL self-join, $sub documents ($sub_segs segments)" A
	echo "   SQL self-join SCALED to all $nseg segments: $join_sec s (an estimate; BENCH_COOC_JOIN_FULL=1 runs it whole)"
fi
# Counting against counting: the cold figure.
cooc_ratio=$(calc 'sprintf("%.0f", j / a)' j="$join_sec" a="$cold_sec")
ratio_verdict=$(at_least "$cooc_ratio" 100)
printf '   self-join/anker     %8sx  goal: >= 100x   %s\n' "$cooc_ratio" "$ratio_verdict"
echo
row "cooc (cold) vs SQL self-join (s)" "$cold_sec" "$join_sec" "${cooc_ratio}x" ">= 100x ($join_kind)" "$ratio_verdict"

# The other modes cold: counted each run.
for mode in near:2 paragraph document; do
	alternate "cooc-$mode" cooc_cold "$ANKER" -p "$P" cooc --mode "$mode" --format tsv ::: \
		rows : sqlite3 -readonly -batch "$P" "$ROWS_SQL"
	side "anker cooc --mode $mode (cold)" A
	echo "     anker/floor (reading the segment rows, $B_SPREAD s) = $(ratio "$A_MED" "$B_MED")x"
	growth "cooc --mode $mode, cold (s)" "$nseg" "$A_MED" "$A_CPU"
	row "cooc --mode $mode, cold (s)" "$A_MED" "$B_MED" "$(ratio "$A_MED" "$B_MED")x" "(floor: rows; information)" "-"
done
alternate cooc-rollup cooc_cold "$ANKER" -p "$P" cooc --mode overlap --rollup --format tsv ::: \
	rows : sqlite3 -readonly -batch "$P" "$ROWS_SQL"
side "anker cooc --rollup (cold)" A
echo "     anker/floor (reading the segment rows, $B_SPREAD s) = $(ratio "$A_MED" "$B_MED")x"
growth "cooc --rollup, cold (s)" "$nseg" "$A_MED" "$A_CPU"
row "cooc --rollup, cold (s)" "$A_MED" "$B_MED" "$(ratio "$A_MED" "$B_MED")x" "(floor: rows; information)" "-"
echo

# --- 2b. agreement -------------------------------------------------------------------

# The floor: the segment rows agreement reads (start, end, code, coder of
# every segment, through the covering index segment_span), summed.  The
# counts are kept in the project (schema 13, like cooc's matrices): the
# counting is timed with --no-cache, the read of kept counts once below.
AGREE_SQL='SELECT SUM(start + "end" + code_id + coder_id) FROM segment;'
echo "2b. intercoder agreement, anna and ben ($nseg segments of three coders; runs alternate)"
for unit in char paragraph; do
	alternate "agree-$unit" : "$ANKER" -p "$P" agree --no-cache --coders anna,ben --unit "$unit" --format tsv ::: \
		rows : sqlite3 -readonly -batch "$P" "$AGREE_SQL"
	v=$(at_most "$A_MED" 0.5)
	mv_=$(at_most "$(calc 'sprintf("%.1f", k / 1024)' k="$A_KB")" 64)
	side "anker agree --unit $unit" A
	side "floor: reading the segment rows" B
	echo "     anker/floor = $(ratio "$A_MED" "$B_MED")x (CPU $(ratio "$A_CPU" "$B_CPU")x)" \
		"  peak RSS $(calc 'sprintf("%.1f", k / 1024)' k="$A_KB") MB" \
		"  goal: <= 0.5 s $v, <= 64 MB $mv_"
	growth "agree --unit $unit (s)" "$nseg" "$A_MED" "$A_CPU"
	row "agree --unit $unit (s)" "$A_MED" "$B_MED" "$(ratio "$A_MED" "$B_MED")x" "<= 0.5 s (floor: rows)" "$v"
	row "agree --unit $unit, peak RSS (MB)" "$(calc 'sprintf("%.1f", k / 1024)' k="$A_KB")" "-" "-" \
		"<= 64 MB" "$mv_"
done
alternate agree-segments : "$ANKER" -p "$P" agree --no-cache --segments --coders anna,ben --format tsv ::: \
	rows : sqlite3 -readonly -batch "$P" "$AGREE_SQL"
side "anker agree --segments" A
echo "     anker/floor (reading the segment rows, $B_SPREAD s) = $(ratio "$A_MED" "$B_MED")x"
growth "agree --segments (s)" "$nseg" "$A_MED" "$A_CPU"
row "agree --segments (s)" "$A_MED" "$B_MED" "$(ratio "$A_MED" "$B_MED")x" "(floor: rows; information)" "-"
"$ANKER" -p "$P" agree --coders anna,ben --unit paragraph --format tsv >/dev/null 2>&1
alternate agree-kept : "$ANKER" -p "$P" agree --coders anna,ben --unit paragraph --format tsv ::: \
	rows : sqlite3 -readonly -batch "$P" "$AGREE_SQL"
side "anker agree --unit paragraph, kept" A
row "agree --unit paragraph, kept (s)" "$A_MED" "$B_MED" "$(ratio "$A_MED" "$B_MED")x" "(information: an unchanged project)" "-"
# All three coders after one coding (by anna, a new passage before each
# run): the kept counts caught up, the document coded counted again as
# it was and as it is (whole numbers for any number of coders), beside a
# count of the same (--no-cache) and checked against it.
AGREE3=(agree --coders anna,ben,cem --unit paragraph --format tsv)
agree_marks=0
agree_mark() {
	agree_marks=$((agree_marks + 1))
	"$ANKER" -p "$P" mark "$(printf 'interview-%05d' $((agree_marks * 7 % DOCS + 1)))" 1.1 \
		$((agree_marks * 40)) $((agree_marks * 40 + 200)) --coder anna >/dev/null 2>&1 ||
		die "the coding before agree, three coders, failed"
}
"$ANKER" -p "$P" "${AGREE3[@]}" >/dev/null 2>&1
alternate agree3-caught agree_mark "$ANKER" -p "$P" "${AGREE3[@]}" ::: \
	agree3-counted : "$ANKER" -p "$P" "${AGREE3[@]}" --no-cache
cmp -s <("$ANKER" -p "$P" "${AGREE3[@]}" 2>&1) <("$ANKER" -p "$P" "${AGREE3[@]}" --no-cache 2>&1) ||
	die "agree, three coders: the counts caught up and --no-cache disagree"
side "anker agree, 3 coders, after a coding" A
side "anker agree, 3 coders, --no-cache" B
row "agree, 3 coders, after a coding (s)" "$A_MED" "$B_MED" "$(ratio "$A_MED" "$B_MED")x" \
	"(information: caught up; beside: a count)" "-"
echo

# --- 2c. the TUI's agreement and co-occurrence views ----------------------------------

# tui_keys NAME KEYS: the TUI headless on the project, KEYS typed; per key
# the ms from taking it to the end of its redraw (ANKER_TUI_TIMING) in
# $W/NAME.keys, one a line; T_CPU and T_KB the process's CPU s and peak RSS.
tui_keys() {
	ANKER_TUI_HEADLESS=120x40 ANKER_TUI_KEYS=$2 ANKER_TUI_TIMING=$W/$1.timing \
		ANKER_TUI_DUMP=$W/$1.screen TERM=xterm-256color \
		/usr/bin/time -f "%U %S %M" -o "$W/$1.time" "$ANKER" -p "$P" tui 2>"$W/$1.err" ||
		die "the TUI failed: $(head -n 5 "$W/$1.err")"
	awk '$1 == "key" { print $2 }' "$W/$1.timing" >"$W/$1.keys"
	awk '$1 == "key" { print $3 }' "$W/$1.timing" >"$W/$1.cpus"
	read -r T_CPU T_KB < <(awk 'END { printf "%.2f %d\n", $1 + $2, $3 }' "$W/$1.time")
}

# view_bench NAME OPEN SWITCH LABEL WHAT [SETUP GOALS]: the view opened
# with the key OPEN, then SWITCH four times, in BENCH_RUNS runs, each
# after the command SETUP (default none): the open key's ms and the
# slowest switch's, medians; the process's CPU and the largest peak RSS.
# GOALS: "switch" (the default: the switch and RSS are judged), "open"
# (the open too) or "-" (for information only).
view_bench() {
	local name=$1 open=$2 sw=$3 label=$4 what=$5 setup=${6:-:} goals=${7:-switch}
	local opens=() sws=() cpus=() ocpus=() scpus=() kb=0 i
	for ((i = 1; i <= RUNS; i++)); do
		"$setup"
		tui_keys "$name" "$open$sw$sw$sw$sw"
		opens+=("$(sed -n 1p "$W/$name.keys")")
		sws+=("$(sed -n '2,$p' "$W/$name.keys" | sort -g | tail -n 1)")
		ocpus+=("$(sed -n 1p "$W/$name.cpus")")
		scpus+=("$(sed -n '2,$p' "$W/$name.cpus" | sort -g | tail -n 1)")
		cpus+=("$T_CPU")
		((T_KB > kb)) && kb=$T_KB
	done
	grep -qF -- "$what" "$W/$name.screen" || die "the $name run does not show '$what'"
	local om sm mbv
	om=$(median "${opens[@]}") sm=$(median "${sws[@]}")
	mbv=$(calc 'sprintf("%.1f", k / 1024)' k="$kb")
	printf '   %-34s open %s ms (runs: %s), slowest of 4 switches (%s) %s ms (runs: %s);\n' \
		"$label" "$om" "${opens[*]}" "$sw" "$sm" "${sws[*]}"
	printf '   %-34s process CPU %s s (whole run: open, 4 switches, exit), peak RSS %s MB\n' "" \
		"$(median "${cpus[@]}")" "$mbv"
	# Growth by the keys' own CPU time (ANKER_TUI_TIMING), in seconds.
	growth "TUI $label: open (s)" "$nseg" "$(calc 'sprintf("%.4f", m / 1000)' m="$om")" \
		"$(calc 'sprintf("%.4f", m / 1000)' m="$(median "${ocpus[@]}")")"
	growth "TUI $label: switch (s)" "$nseg" "$(calc 'sprintf("%.4f", m / 1000)' m="$sm")" \
		"$(calc 'sprintf("%.4f", m / 1000)' m="$(median "${scpus[@]}")")"
	if [[ $goals == open ]]; then
		row "TUI $label: open (ms)" "$om" "-" "-" "<= 100 ms" "$(at_most "$om" 100)"
	else
		row "TUI $label: open (ms)" "$om" "-" "-" "(information)" "-"
	fi
	if [[ $goals == - ]]; then
		row "TUI $label: switch (ms)" "$sm" "-" "-" "(information)" "-"
		row "TUI $label: peak RSS (MB)" "$mbv" "-" "-" "(information)" "-"
	else
		row "TUI $label: switch (ms)" "$sm" "-" "-" "<= 100 ms" "$(at_most "$sm" 100)"
		row "TUI $label: peak RSS (MB)" "$mbv" "-" "-" "<= 64 MB" "$(at_most "$mbv" 64)"
	fi
}

echo "2c. TUI views, headless 120x40 (ms per key from ANKER_TUI_TIMING: wall, so a busy machine counts)"
# Agreement cold (the kept counts deleted: each unit counted when first
# shown) and warm (read as the cold run kept them).
agree_cold() { sqlite3 -batch "$P" "DELETE FROM kept;"; }
view_bench agree-view I U "agreement (I, U), cold" "Agreement anna / ben" agree_cold -
view_bench agree-view-warm I U "agreement (I, U), warm" "Agreement anna / ben" : open
# Co-occurrence cold (the kept matrices deleted before each run: every
# matrix counted) and warm (the same keys again: the matrices the cold run
# kept are read); the goal applies to warm, reopening an unchanged project.
view_bench cooc-view O o "co-occurrence (O, o), cold" "Co-occurrence:" cooc_cold -
view_bench cooc-view-warm O o "co-occurrence (O, o), warm" "Co-occurrence:" : open
echo

# --- 3. freq, matrix, segments ----------------------------------------------------

# compare NAME LABEL GOAL ANKER-ARGS -- BASELINE-SQL [RECOUNT-SQL]: anker,
# the baseline that reads what anker reads (the like-for-like one, and the
# floor), and, when given, the baseline that recounts the segments, in
# alternate runs; the ratio is to the first baseline.
compare() {
	local name=$1 label=$2 goal=$3 v r
	shift 3
	local args=()
	while [[ $1 != -- ]]; do args+=("$1"); shift; done
	shift
	local recount=()
	(($# > 1)) && recount=(::: "$name-recount" : sqlite3 -readonly -batch "$P" "$2")
	alternate "$name" : "$ANKER" -p "$P" "${args[@]}" --format tsv ::: \
		"$name-sql" : sqlite3 -readonly -batch "$P" "$1" "${recount[@]}"
	r=$(ratio "$A_MED" "$B_MED")
	# a goal "xN": at most N times the like-for-like SQL; else seconds
	if [[ $goal == - ]]; then v="-"
	elif [[ $goal == x* ]]; then v=$(at_most "$r" "${goal#x}")
	else v=$(at_most "$A_MED" "$goal"); fi
	echo "   $label"
	side "  anker" A
	side "  SQL, like for like (floor)" B
	(($# > 1)) && side "  SQL recounting the segments" C
	echo "     anker/like-for-like = ${r}x (CPU $(ratio "$A_CPU" "$B_CPU")x)" \
		"$( (($# > 1)) && echo "  anker/recount = $(ratio "$A_MED" "$C_MED")x")" \
		"  $(goal_say "$goal")   $v"
	growth "$name (s)" "${GROWTH_SIZE:-$nseg}" "$A_MED" "$A_CPU"
	row "$label (s)" "$A_MED" "$B_MED" "${r}x" \
		"$(goal_say "$goal" | sed 's/^goal: //')" "$v"
}

goal_say() {   # goal_say GOAL: how compare's goal reads
	case $1 in
	-) echo "(for information)" ;;
	x*) echo "goal: <= ${1#x}x the like-for-like SQL" ;;
	*) echo "goal: <= $1 s" ;;
	esac
}

echo "3. frequencies, matrix, retrieval (runs alternate: anker, the SQL reading what anker reads, the SQL recounting segments)"
compare freq "freq" 0.1 freq -- \
	"SELECT code_id, SUM(n), COUNT(*) FROM code_doc GROUP BY code_id;" \
	"SELECT code_id, COUNT(*), COUNT(DISTINCT doc_id) FROM segment GROUP BY code_id;"
compare freq-rollup "freq --rollup" - freq --rollup -- \
	"SELECT code_id, doc_id, n FROM code_doc;" \
	"SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY code_id, doc_id;"
# By coder, anker groups the segments itself (code_doc has no coder):
# the one baseline is the grouped SQL over the index it reads.
compare freq-coder "freq --by coder" - freq --by coder -- \
	"SELECT coder_id, code_id, COUNT(*), COUNT(DISTINCT doc_id) FROM segment GROUP BY coder_id, code_id;"
compare matrix "matrix" - matrix -- \
	"SELECT code_id, doc_id, n FROM code_doc;" \
	"SELECT code_id, doc_id, COUNT(*) FROM segment GROUP BY code_id, doc_id;"
# Like for like, the groups are read once, as anker reads them (joined per
# count, SQLite looks up a document row for each of the code_doc rows).
compare matrix-group "matrix --cols group" - matrix --cols group -- \
	"WITH g AS MATERIALIZED (SELECT id, grp FROM document)
	 SELECT x.code_id, g.grp, SUM(x.n) FROM code_doc x JOIN g ON g.id = x.doc_id GROUP BY x.code_id, g.grp;" \
	"SELECT s.code_id, d.grp, COUNT(*) FROM segment s JOIN document d ON d.id = s.doc_id GROUP BY s.code_id, d.grp;"
code=$(q "SELECT c.number FROM code c JOIN code_doc x ON x.code_id = c.id GROUP BY c.id ORDER BY abs(SUM(x.n) - 5000) LIMIT 1")
n=$(q "SELECT SUM(x.n) FROM code_doc x JOIN code c ON c.id = x.code_id WHERE c.number = '$code'")
# As a competent user writes it: the code's id first, so that SQLite reads
# the code's rows from the index segment_code_cover (written as a join on
# c.number, SQLite scanned all segments), and each text once per segment.
# Listing a code grows with the code's segments, not the project's: its
# growth line is by the code's size (the code nearest 5,000 segments has
# 50,000 at 10M segments).
GROWTH_SIZE=$n compare segments "segments --code $code" x1.5 segments --code "$code" -- \
	"SELECT s.guid, d.name, s.start, s.\"end\", substr(d.text, s.start + 1, s.\"end\" - s.start)
	 FROM segment s JOIN document d ON d.id = s.doc_id
	 WHERE s.code_id = (SELECT id FROM code WHERE number = '$code') ORDER BY d.grp, d.name, s.start;"
echo "   (code $code has $n segments)"
echo

echo "== summary ($ndoc documents, $ncode codes, $nseg segments; median of $RUNS alternating runs; baseline: like for like or the floor)"
printf '%-36s %10s %10s %9s  %-26s %s\n' "benchmark" "anker" "baseline" "ratio" "goal" "verdict"
printf '%s\n' "${SUMMARY[@]}"
