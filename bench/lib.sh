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
