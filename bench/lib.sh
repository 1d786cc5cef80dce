# bench/lib.sh — helpers the benchmark scripts share (sourced).

# calc EXPR [VAR=VALUE]...: an awk expression, printed.
calc() {
	local expr=$1 a args=()
	shift
	for a in "$@"; do args+=(-v "$a"); done
	awk "${args[@]}" "BEGIN { print $expr }"
}

# median VALUE...: the median (the lower middle of an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# spread VALUE...: "min M, median D, max X".
spread() {
	printf '%s\n' "$@" | sort -g |
		awk '{ v[NR] = $1 } END { printf "min %s, median %s, max %s", v[1], v[int((NR + 1) / 2)], v[NR] }'
}

# at_most VALUE LIMIT: "goal met" when VALUE <= LIMIT, else "goal missed".
at_most() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "goal met" : "goal missed" }'; }

# ratio A B: A / B with two decimals, "-" when B is zero.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'; }

# timed NAME CMD...: run CMD once, stdout to $W/NAME.out (or $TIMED_OUT,
# e.g. /dev/null for output too large to keep), stderr to $W/NAME.err;
# exits naming CMD when its status is above $OK_STATUS (0; grep's "no
# match" is 1).  Sets T_SEC (wall seconds, from $EPOCHREALTIME: finer than
# /usr/bin/time's 1/100 s), T_CPU (user + system seconds: on a busy machine
# the wall time also counts waiting for a CPU, the CPU time does not) and
# T_KB (peak RSS).
OK_STATUS=0
timed() {
	local name=$1 t0 t1 st=0
	shift
	# The files of the last run go before the clock starts: truncated by
	# the redirections inside the timed window they added 20-30 ms of wall
	# time (no CPU) to a 15 ms run on this machine's ext4 (mounted with
	# discard), after another command had written its output.
	rm -f "$W/$name.time" "$W/$name.err"
	[[ -n ${TIMED_OUT:-} ]] || rm -f "$W/$name.out"
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %S %M" -o "$W/$name.time" "$@" >"${TIMED_OUT:-$W/$name.out}" \
		2>"$W/$name.err" || st=$?
	t1=$EPOCHREALTIME
	if ((st > OK_STATUS)); then
		echo "bench: failed with status $st: $*" >&2
		head -n 20 "$W/$name.err" >&2
		exit 1
	fi
	T_SEC=$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$t1")
	read -r T_CPU T_KB < <(awk 'END { printf "%.2f %d\n", $(NF - 2) + $(NF - 1), $NF }' "$W/$name.time")
}

# alternate NAME SETUP CMD... [::: NAME SETUP CMD...]...: up to four sides,
# A, B, C, D, in BENCH_RUNS ($RUNS) rounds of A, B, ... in turn, so that a
# load spike on a shared machine falls on every side alike.  SETUP is a
# function called before each run (':' for none); it may set OK_STATUS,
# which is 0 again for each run.  Sets, for each side X: X_MED, X_MIN, X_MAX
# (wall seconds), X_CPU (median CPU seconds), X_KB (the largest peak RSS),
# X_SECS (every run's wall seconds) and X_SPREAD ("min …, median …, max …").
alternate() {
	local -a names=("$1") setups=("$2") c0=() c1=() c2=() c3=() secs=() cpus=() kbs=()
	local -a letters=(A B C D)
	local k=0 i x L
	shift 2
	while (($#)); do
		if [[ $1 == ::: ]]; then
			((++k < 4)) || { echo "bench: alternate takes at most four sides" >&2; exit 1; }
			names[k]=$2 setups[k]=$3
			shift 3
			continue
		fi
		local -n cur=c$k
		cur+=("$1")
		unset -n cur
		shift
	done
	for ((i = 1; i <= RUNS; i++)); do
		for ((x = 0; x <= k; x++)); do
			local -n cmd=c$x
			OK_STATUS=0
			"${setups[x]}"
			timed "${names[x]}" "${cmd[@]}"
			unset -n cmd
			secs[x]+="$T_SEC " cpus[x]+="$T_CPU "
			((T_KB > ${kbs[x]:-0})) && kbs[x]=$T_KB
		done
	done
	OK_STATUS=0
	for ((x = 0; x <= k; x++)); do
		L=${letters[x]}
		# shellcheck disable=SC2086  # the lists are split on purpose
		read -r "${L}_MIN" "${L}_MAX" < <(printf '%s\n' ${secs[x]} | sort -g | sed -n '1p;$p' | paste -sd' ')
		printf -v "${L}_MED" '%s' "$(median ${secs[x]})"
		printf -v "${L}_CPU" '%s' "$(median ${cpus[x]})"
		printf -v "${L}_SPREAD" '%s' "$(spread ${secs[x]})"
		printf -v "${L}_SECS" '%s' "${secs[x]% }"
		printf -v "${L}_KB" '%s' "${kbs[x]}"
	done
}

# growth KEY SIZE SECONDS [CPU]: keep SECONDS (and CPU seconds) as the
# figure KEY at SIZE (a number: MB, segments) in $BENCH_RECORDS (default
# ~/.cache/anker-bench), one file per host, when the script runs at its
# default size ($BENCH_DEFAULT=1); at another size print the growth from
# the recorded figure: the size and time factors (CPU beside) and "linear
# or better" when the time grew by no more than the size, with 20 % slack
# for noise: the CPU time when both runs have one and the default's is
# 0.1 s or more (on a busy shared machine the wall time also counts
# waiting for a CPU; /usr/bin/time counts CPU in 1/100 s), else the wall
# time.  Nothing when no default run is recorded.
growth() {
	local key=$1 size=$2 sec=$3 cpu=${4:--} dir=${BENCH_RECORDS:-${XDG_CACHE_HOME:-$HOME/.cache}/anker-bench}
	local file rec
	mkdir -p "$dir" 2>/dev/null || return 0
	file=$dir/$(hostname 2>/dev/null || echo host).tsv
	if [[ ${BENCH_DEFAULT:-} == 1 ]]; then
		{ awk -F'\t' -v k="$key" '$1 != k' "$file" 2>/dev/null || true
		  printf '%s\t%s\t%s\t%s\n' "$key" "$size" "$sec" "$cpu"; } >"$file.new" && mv "$file.new" "$file"
		return 0
	fi
	rec=$(awk -F'\t' -v k="$key" '$1 == k { print $2, $3, ($4 == "" ? "-" : $4) }' "$file" 2>/dev/null) || true
	[[ -n $rec ]] || return 0
	# shellcheck disable=SC2086  # the record's fields, split on purpose
	set -- $rec "$size" "$sec" "$cpu"
	awk -v s0="$1" -v t0="$2" -v c0="$3" -v s="$4" -v t="$5" -v c="$6" -v k="$key" 'BEGIN {
		fs = s / s0; ft = (t0 > 0) ? t / t0 : 0
		fc = (c0 > 0 && c != "-") ? sprintf(", CPU x%.2f (%s -> %s s)", c / c0, c0, c) : ""
		g = (c0 >= 0.1 && c != "-") ? c / c0 : ft
		printf "   growth from the default size: %s: size x%.2f (%s -> %s), time x%.2f (%s -> %s s)%s   %s\n",
			k, fs, s0, s, ft, t0, t, fc,
			(fs >= 1 ? (g <= fs * 1.2 ? "linear or better" : "WORSE THAN LINEAR") : "(smaller than the default)")
	}'
}

# bench_codebook A B C: a MAXQDA text codebook of A top-level codes
# ("N Bereich N"), each with B subcodes ("N.M Thema N.M"), each with C
# subcodes ("N.M.K Aspekt N.M.K"), with definitions, on stdout.
bench_codebook() {
	local A=$1 B=$2 C=$3 a b c
	printf 'Benchmark-Codebuch\n\nCodesystem\n\n'
	for ((a = 1; a <= A; a++)); do
		echo "$a Bereich $a"
		for ((b = 1; b <= B; b++)); do
			echo "$a.$b Thema $a.$b"
			for ((c = 1; c <= C; c++)); do echo "$a.$b.$c Aspekt $a.$b.$c"; done
		done
	done
	echo
	for ((a = 1; a <= A; a++)); do
		printf '%s\n\nCodedefinition: Bereich %s.\n\n' "$a Bereich $a" "$a"
		for ((b = 1; b <= B; b++)); do
			printf '%s\n\nCodedefinition: Thema.\n\n' "$a.$b Bereich $a >> Thema $a.$b"
			for ((c = 1; c <= C; c++)); do
				printf '%s\n\nCodedefinition: Aspekt.\n\n' \
					"$a.$b.$c Bereich $a >> Thema $a.$b >> Aspekt $a.$b.$c"
			done
		done
	done
}

# bench_segments PROJECT SEGS: coders anna, ben and cem and SEGS segments
# at deterministic pseudo-random positions over the project's documents and
# its first 200 codes (it needs 200), inserted by the sqlite3 shell in one
# transaction.  Document k gets the rows i with i * DOCS / SEGS = k, so
# inserts go in document order; code, coder, start and length come from
# multiplicative hashes of i, the same on every machine.  Lengths 5–204
# code points.  The segment table's own indices (as the schema made them,
# read from sqlite_master) are dropped for the insert and made again in
# the same transaction: kept, the code-first ones took a random page per
# row (1M segments: 150 s wall, 45 s CPU, two thirds of it reading pages;
# dropped and sorted once: 33 s, 10.5 s; 10M took 57 minutes).  The
# triggers stay, so code_doc, doc_segments and code_segments count as
# they would for any insert.
bench_segments() {
	local ix="FROM sqlite_master WHERE type = 'index' AND tbl_name = 'segment' AND sql IS NOT NULL"
	local drop make
	drop=$(sqlite3 -batch -noheader "$1" "SELECT 'DROP INDEX ' || name || ';' $ix") &&
		make=$(sqlite3 -batch -noheader "$1" "SELECT sql || ';' $ix") || return 1
	sqlite3 -batch "$1" <<SQL
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -1048576;
BEGIN;
$drop
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
WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i + 1 < $2),
h AS (SELECT i, i * (SELECT COUNT(*) FROM d) / $2 AS dn,
             (i * 2654435761 + 97) % 4294967291 AS h1,
             (i * 40503 + 7) % 65521 AS h2,
             (i * 69069 + 1) % 2147483647 AS h3 FROM i)
INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, "end", created, modified)
SELECT printf('00000000-0000-4000-8000-%012d', h.i), d.id, c.id, k.id,
       h.h1 % d.chars, min(h.h1 % d.chars + 5 + h.h2 % 200, d.chars),
       '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM h JOIN d ON d.n = h.dn JOIN c ON c.n = h.h3 % 200 JOIN k ON k.n = h.i % 3;
$make
COMMIT;
SQL
}
