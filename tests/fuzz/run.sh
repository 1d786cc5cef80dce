#!/bin/sh
# tests/fuzz/run.sh BUILD NAME... — run each libFuzzer harness BUILD/fuzz-NAME
# for $FUZZ_SECONDS (make fuzz).  Its corpus is BUILD/new/NAME, where
# libFuzzer writes the inputs it finds (kept between runs), and the seeds in
# tests/fuzz/corpus/NAME, which are only read.  Prints one line per harness:
# executions, inputs in BUILD/new/NAME, and what it found (kept in
# BUILD/crashes/NAME/).  Exit status 1 when any harness found something.
set -u
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
secs=${FUZZ_SECONDS:-60}
found=0
summary=""
# The harnesses' scratch projects and exports (fuzz_file.h): in memory
# where the machine has a tmpfs for that.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	export TMPDIR=/dev/shm
fi
for h in "$@"; do
	bin=$build/fuzz-$h
	new=$build/new/$h
	crashes=$build/crashes/$h
	log=$build/fuzz-$h.log
	mkdir -p "$new" "$crashes"
	# Findings of earlier runs stay; only this run's count.
	stamp=$build/.fuzz-start-$h
	touch "$stamp"
	dict=""
	[ -f "$here/$h.dict" ] && dict="-dict=$here/$h.dict"
	echo "== fuzz $h for ${secs}s (log: $log)"
	# ANKER_NO_JIT stays unset: the JIT is what users run.  Leaks are
	# findings too (detect_leaks is libFuzzer's default under ASan).
	nice "$bin" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" \
		-rss_limit_mb="${FUZZ_RSS_MB:-2048}" -print_final_stats=1 \
		-artifact_prefix="$crashes/" $dict "$new" "$here/corpus/$h" >"$log" 2>&1
	rc=$?
	# A harness that crashed left its scratch directory (fuzz_file.h).
	for d in "${TMPDIR:-/tmp}"/anker-fuzz-*; do
		[ -d "$d" ] && ! kill -0 "${d##*-}" 2>/dev/null && rm -rf "$d"
	done
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	units=$(ls "$new" | wc -l)
	files=$(find "$crashes" -type f -newer "$stamp" | sort)
	rm -f "$stamp"
	if [ "$rc" -eq 0 ] && [ -z "$files" ]; then
		result="nothing found"
	else
		result="FOUND: $(echo $files) (exit $rc; see $log)"
		found=1
	fi
	summary="$summary$(printf '%-9s %10s execs in %ss, %s inputs kept: %s' "$h" "${execs:-?}" "$secs" "$units" "$result")
"
done
echo "== fuzz summary"
printf '%s' "$summary"
exit $found
