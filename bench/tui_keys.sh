#!/usr/bin/env bash
# bench/tui_keys.sh — every TUI view and its main keys, each key timed
# (issue 18: "any TUI key, any view, 1 GB / 10M segments: <= 100 ms, RSS
# <= 64 MB").  Sourced by bench/tui.sh (section 4, on its corpus with
# BENCH_SEGMENTS segments added), or run alone on a project made as there
# (bench_codebook 8 4 5, bench_segments; bench/lib.sh):
#
#   ANKER=./anker bash bench/tui_keys.sh PROJECT
#
# The tour (TOUR below) runs headless with ANKER_TUI_TIMING, BENCH_RUNS
# times, each from the same start (the saved place, coder_state, cleared).
# Each timing line says the key, its wall and CPU ms and the peak RSS so
# far (tui/tui.c).  Printed per step: the slowest key of the step (a step
# typing a prompt times each character), the median over the runs of its
# wall and CPU ms; then the worst step and the peak RSS of all runs.
# Figures, not tests.  The verdict is on the CPU time (the wall time of a
# busy shared machine also counts waiting for a CPU); the wall time is
# printed beside, and the peak RSS at the end of the step (the step that
# raised it shows).  Steps marked "*" are the agreement and co-occurrence
# views, whose counts the project keeps: the first run counts them (the
# steps over 100 ms only there are printed apart, "first run only"), the
# later ones catch them up after the tour's coding and undo (bench/coding.sh
# times their cold counts).
# BENCH_TUI_SKIP: an extended regular expression; steps whose label it
# matches are left out (e.g. 'boundaries|candidates': the suggestion
# model's, which hold every segment's text at 10M segments).
# Growth lines (bench/lib.sh growth, by the project's segments): run by
# bench/tui.sh at the default size, or with BENCH_DEFAULT=1, the tour
# records each step's CPU time; at another size it prints the growth of
# the steps of 10 ms or more and of the worst key.

# TOUR: "label|keys", in order; the keys of all steps make one script.
# It starts on the documents pane with the code tree's cursor on code 1.
TOUR=(
	"documents: down|j" "documents: half page|<C-d>" "documents: end|G" "documents: top|g"
	"open the first document|<Enter>"
	"text: down|j" "text: half page|<C-d>" "text: page|<C-f>" "text: paragraph|}" "text: word|w"
	"text: end|G" "text: top|g"
	"text: search /und/|/und<Enter>" "text: next hit|n" "text: previous hit|N"
	"text: plain stripes|L" "text: labelled stripes|L"
	"text: select two words|vww" "text: code the selection|c" "text: undo|u"
	"text: hints H|H" "hints: close|<Esc>" "text: cancel the selection|<Esc>"
	"side by side V|V" "side by side: next|n" "side by side: close|q"
	"focus the code system|<Tab><Tab>" "codes: down|j" "codes: half page|<C-d>" "codes: end|G"
	"codes: top|g" "codes: fold|<Space>" "codes: unfold|<Space>" "codes: verdicts Y|Y" "codes: segments Y|Y"
	"codes: to code 1.1.1|jj"
	"segments r|r" "segments: down|j" "segments: half page|<C-d>" "segments: end|G" "segments: top|g"
	"segments: subcodes R|R" "segments: coders C|C" "segments: coders ben, cem|CC" "segments: go to|<Enter>"
	"focus the code system again|<Tab><Tab>"
	"review B|B" "review: down|j" "review: next code|J" "review: previous code|K" "review: to judge|T"
	"review: context|z" "review: codebook|z" "review: candidates Z|Z" "review: candidates off|Z"
	"review: boundaries|\\" "review: boundaries off|\\" "review: boundaries again, kept|\\"
	"review: boundaries off again|\\" "review: close|q"
	"frequencies F|F" "frequencies: down|j" "frequencies: coders|C"
	"frequencies: each coder separately|CCC" "frequencies: each coder, roll-up|R"
	"frequencies: close|q"
	"matrix X|X" "matrix: down|j" "matrix: right|l" "matrix: roll-up|R" "matrix: cell|<Enter>" "matrix: cell close|q" "matrix: close|q"
	"filter :docs group bench|:docs group bench<Enter>" "frequencies, filtered|F" "close|q"
	"review, filtered B|B" "review: candidates, filtered Z|Z" "review: candidates off, filtered|Z"
	"review, filtered: close|q"
	"filter off|:docs<Enter>"
	"search all S|Sund<Enter>" "search all: down|j" "search all: end|G" "search all: go to|<Enter>"
	"messages E|E" "messages: close|q" "memos|\"" "memos: close|q" "help ?|?" "help: page|<C-d>" "help: close|q"
	"agreement I *|I" "agreement: unit *|U" "agreement: close *|q"
	"co-occurrence O *|O" "co-occurrence: mode *|o" "co-occurrence: close *|q"
)

# tour PROJECT NAME: the tour BENCH_RUNS times on PROJECT; timings in
# $W/NAME.N.timing.  Prints the table; adds summary rows when row() exists.
tour() {
	local p=$1 name=$2 keys="" step i n want got u sy kb
	local -a counts=() tour=()
	for step in "${TOUR[@]}"; do
		[[ -n ${BENCH_TUI_SKIP:-} && ${step%%|*} =~ $BENCH_TUI_SKIP ]] || tour+=("$step")
	done
	for step in "${tour[@]}"; do
		keys+=${step#*|}
		# Keys per step: <Name> or one character.
		counts+=("$(printf '%s' "${step#*|}" | grep -oE '<[^<>]+>|.' | wc -l)")
	done
	want=$(printf '%s\n' "${counts[@]}" | awk '{ s += $1 } END { print s }')
	[[ -z ${BENCH_TUI_SKIP:-} ]] ||
		echo "   left out (BENCH_TUI_SKIP): $((${#TOUR[@]} - ${#tour[@]})) steps matching '$BENCH_TUI_SKIP'"
	# The suggestion model and the paragraph units are built on their first
	# use (the first H, Z or \ builds them, with progress; Escape cancels:
	# minutes at 10M segments).  Built here first and timed apart, so that
	# the tour times the keys, and a key typed ahead is not taken for the
	# Escape that cancels the build.
	local code
	code=$(sqlite3 -batch -noheader "$p" "SELECT number FROM code WHERE number = '1.1.1'
		UNION ALL SELECT MIN(number) FROM code LIMIT 1")
	/usr/bin/time -f "%U %S %M" -o "$W/$name.build.time" "$ANKER" -p "$p" suggest --code "$code" \
		-n 1 >/dev/null 2>"$W/$name.err" ||
		die "the suggestion model could not be built: $(head -n 5 "$W/$name.err")"
	read -r u sy kb <"$W/$name.build.time"
	echo "   built before the tour: the suggestion model and paragraph units ($(calc \
		'sprintf("%.2f s CPU, %.1f MB", u + s, k / 1024)' u="$u" s="$sy" k="$kb"); the first H, Z or \\ builds them)"
	for ((i = 1; i <= RUNS; i++)); do
		sqlite3 -batch "$p" 'DELETE FROM coder_state' 2>/dev/null || true
		ANKER_TUI_HEADLESS=$SIZE ANKER_TUI_KEYS="${keys}q" ANKER_TUI_TIMING=$W/$name.$i.timing \
			ANKER_TUI_DUMP=$W/$name.screen \
			/usr/bin/time -f "%M" -o "$W/$name.$i.time" "$ANKER" -p "$p" tui 2>"$W/$name.err" ||
			die "the TUI failed in the key tour: $(head -n 5 "$W/$name.err")"
		got=$(awk '$1 == "key"' "$W/$name.$i.timing" | wc -l)
		((got == want + 1)) || die "the key tour timed $got keys, expected $((want + 1)) (a key took more than one)"
	done
	# Per run and step: the slowest key by CPU (its wall beside); then the
	# median over the runs.
	local steps
	steps=$(printf '%s\n' "${counts[@]}" | paste -sd' ')
	awk -v steps="$steps" -v runs="$RUNS" -v w="$W" -v name="$name" '
	BEGIN {
		ns = split(steps, cnt, " ")
		for (r = 1; r <= runs; r++) {
			f = w "/" name "." r ".timing"; s = 1; k = 0
			while ((getline line < f) > 0) {
				split(line, x, " ")
				if (x[1] == "first-frame") { fw[r] = x[2]; fc[r] = x[3]; continue }
				if (x[1] != "key" || s > ns) continue
				if (k == 0 || x[3] > cpu[s, r]) { cpu[s, r] = x[3]; wall[s, r] = x[2]; key[s] = x[5] }
				if (x[4] > rss) rss = x[4]
				if (x[4] > srss[s]) srss[s] = x[4]
				if (++k == cnt[s]) { s++; k = 0 }
			}
			close(f)
		}
		for (s = 1; s <= ns; s++) {
			for (r = 1; r <= runs; r++) { c[r] = cpu[s, r]; v[r] = wall[s, r] }
			print s, key[s], med(c, runs), med(v, runs), srss[s]
			if (runs > 1) print "first", s, cpu[s, 1]
		}
		for (r = 1; r <= runs; r++) { c[r] = fc[r]; v[r] = fw[r] }
		print 0, "-", med(c, runs), med(v, runs), 0
		print "rss", rss
	}
	function med(a, n,   i, j, t, b) {
		for (i = 1; i <= n; i++) b[i] = a[i] + 0
		for (i = 2; i <= n; i++) for (j = i; j > 1 && b[j - 1] > b[j]; j--) { t = b[j]; b[j] = b[j - 1]; b[j - 1] = t }
		return b[int((n + 1) / 2)]
	}' >"$W/$name.steps"
	local rss_kb worst_c=0 worst_w=0 worst_label="" worst_wlabel="" label missed=0 s k c wl kb
	rss_kb=$(awk '$1 == "rss" { print $2 }' "$W/$name.steps")
	read -r _ _ c wl _ < <(awk '$1 == 0' "$W/$name.steps")
	printf '   %-40s %-10s %9s %9s %7s\n' "step" "key" "CPU ms" "wall ms" "RSS MB"
	printf '   %-40s %-10s %9s %9s %7s  %s\n' "first frame" "-" "$c" "$wl" "-" "$(at_most "$c" 100)"
	while read -r s k c wl kb; do
		[[ $s =~ ^[1-9] ]] || continue
		label=${tour[s - 1]%%|*}
		printf '   %-40s %-10s %9s %9s %7s  %s\n' "$label" "$k" "$c" "$wl" \
			"$(calc 'sprintf("%.1f", k / 1024)' k="$kb")" "$(at_most "$c" 100)"
		awk -v c="$c" -v m="$worst_c" 'BEGIN { exit !(c > m) }' && worst_c=$c worst_label="$label ($k)"
		awk -v c="$wl" -v m="$worst_w" 'BEGIN { exit !(c > m) }' && worst_w=$wl worst_wlabel="$label ($k)"
		awk -v c="$c" 'BEGIN { exit !(c > 100) }' && missed=$((missed + 1))
	done <"$W/$name.steps"
	# The median hides what only the first run pays: counts the project
	# keeps (agreement, co-occurrence, boundaries) made for the first time.
	local first
	first=$(awk '$1 == "first" && $3 > 100 { f[$2] = $3 }
		$1 ~ /^[1-9]/ && ($1 in f) && $3 <= 100 { printf "%s %s %s\n", $1, $2, f[$1] }' \
		"$W/$name.steps" "$W/$name.steps")
	while read -r s k c; do
		[[ -n $s ]] || continue
		printf '   first run only: %-30s %-10s %9s ms CPU (counted for the first time; kept after)\n' \
			"${tour[s - 1]%%|*}" "$k" "$c"
	done <<<"$first"
	# What limits a first count: reading every segment row once (as
	# bench/coding.sh's cooc floor, summed inside SQLite).
	if [[ -n $first ]]; then
		TIMED_OUT=/dev/null timed "$name-floor" sqlite3 -batch "$p" \
			'SELECT SUM(doc_id + start + "end" + code_id + coder_id) FROM segment;'
		printf '   first run only: floor, reading the segment rows once: %s ms CPU\n' \
			"$(calc 'sprintf("%.0f", c * 1000)' c="$T_CPU")"
	fi
	# Growth from the default size (bench/lib.sh growth), by the CPU time
	# of each step: all are recorded; at another size the steps of 10 ms or
	# more are printed (below that a key is far from the goal, and a
	# fraction of a millisecond is noise).
	local nseg small=0
	nseg=$(sqlite3 -batch -noheader "$p" 'SELECT COUNT(*) FROM segment')
	while read -r s k c wl kb; do
		[[ $s =~ ^[1-9] ]] || continue
		label=${tour[s - 1]%%|*}
		if [[ ${BENCH_DEFAULT:-} == 1 ]] || awk -v c="$c" 'BEGIN { exit !(c >= 10) }'; then
			growth "key $label (CPU s)" "$nseg" "$(calc 'sprintf("%.4f", c / 1000)' c="$c")"
		else
			small=$((small + 1))
		fi
	done <"$W/$name.steps"
	[[ ${BENCH_DEFAULT:-} == 1 ]] || echo "   ($small steps under 10 ms CPU: no growth line)"
	local rss_mb key_v rss_v
	rss_mb=$(calc 'sprintf("%.1f", k / 1024)' k="$rss_kb")
	key_v=$(at_most "$worst_c" 100) rss_v=$(at_most "$rss_mb" 64)
	echo "   worst key (CPU): $worst_c ms, $worst_label; $missed over 100 ms   goal: <= 100 ms   $key_v"
	echo "   worst key (wall): $worst_w ms, $worst_wlabel"
	echo "   peak RSS of the tour: $rss_mb MB (the largest of $RUNS runs)   goal: <= 64 MB   $rss_v"
	growth "worst TUI key (CPU s)" "$nseg" "$(calc 'sprintf("%.4f", c / 1000)' c="$worst_c")"
	if declare -F row >/dev/null; then
		row "worst TUI key, $name (CPU ms)" "$worst_c" "-" "<= 100 ms" "$key_v"
		row "peak RSS, key tour $name (MB)" "$rss_mb" "-" "<= 64 MB" "$rss_v"
	fi
}

# Run alone: ANKER=./anker bash bench/tui_keys.sh PROJECT.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	set -euo pipefail
	die() { echo "bench: $*" >&2; exit 1; }
	[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable"
	[[ -f ${1:-} ]] || die "usage: ANKER=./anker bash bench/tui_keys.sh PROJECT"
	source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
	RUNS=${BENCH_RUNS:-3} SIZE=${BENCH_TUI_SIZE:-120x40}
	export LC_ALL=C.UTF-8 ANKER_CODER=bench TERM=xterm-256color
	unset ANKER_PROJECT NO_COLOR
	W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-keys.XXXXXX")
	if [[ ${BENCH_KEEP:-} == 1 ]]; then
		trap 'echo "bench: work directory kept: $W"' EXIT
	else
		trap 'rm -rf "$W"' EXIT
	fi
	echo "== key tour: $(sqlite3 -batch -noheader "$1" 'SELECT COUNT(*) FROM document') documents," \
		"$(sqlite3 -batch -noheader "$1" 'SELECT COUNT(*) FROM segment') segments; $RUNS runs, median"
	tour "$1" keys
fi
