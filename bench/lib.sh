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

# at_most VALUE LIMIT: "goal met" when VALUE <= LIMIT, else "goal missed".
at_most() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "goal met" : "goal missed" }'; }

# timed NAME CMD...: run CMD once, stdout to $W/NAME.out, stderr to
# $W/NAME.err; exits naming CMD when it fails.  Sets T_SEC (wall seconds,
# from $EPOCHREALTIME) and T_CPU (user + system seconds, from
# /usr/bin/time: on a busy machine the wall time also counts waiting for a
# CPU, the CPU time does not).
timed() {
	local name=$1 t0 t1 st=0
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %S" -o "$W/$name.time" "$@" >"$W/$name.out" 2>"$W/$name.err" || st=$?
	t1=$EPOCHREALTIME
	if ((st != 0)); then
		echo "bench: failed with status $st: $*" >&2
		head -n 20 "$W/$name.err" >&2
		exit 1
	fi
	T_SEC=$(calc 'sprintf("%.3f", b - a)' a="$t0" b="$t1")
	T_CPU=$(awk 'END { printf "%.2f", $(NF - 1) + $NF }' "$W/$name.time")
}
