#!/usr/bin/env bash
# bench/refi.sh — REFI-QDA .qdpx import on a generated project (run by
# `make bench`).
#
#   ANKER=./anker bash bench/refi.sh
#
# A figure, not a test: the exit status is 0 unless a command fails.
#
# The file: BENCH_REFI_NOTES (35000) Notes in a project.qde written by awk
# and zipped with zip(1): 3 users, 200 codes in two levels, 100 text
# sources of about 12 KB in 5 sets with 2 variables, and a third of the
# notes' number in selections, each with one Coding, a memo Note and a
# weight Note; the other notes are project memos.  GUIDs look random (a
# fixed LCG), as other tools' do, so no two share a long prefix.  Each run
# imports it into a new project; min, median and max of BENCH_RUNS (3) are
# reported (CPU time beside wall time: on a busy machine the wall time
# also counts waiting for a CPU),
# with the import's peak RSS (goal: at most 256 MB at 200 000 selections,
# BENCH_REFI_NOTES=600000) and, run before each import, the floor: inflating
# project.qde and parsing it as a stream (unzip -p | xmllint --stream; goal:
# the import at most 3x its CPU time).  And, to show what bounds the
# import besides parsing, the rows alone: the rows the import made (the
# log's included) copied into a new project by the sqlite3 shell in one
# transaction, INSERT ... SELECT from the imported project attached, the
# same tables, indexes, triggers and page cache, with no parsing and no
# checks (after each import, so that the runs interleave).
#
# Environment: BENCH_KEEP=1 keeps the work directory; TMPDIR where it is made.
set -euo pipefail

NOTES=${BENCH_REFI_NOTES:-35000}
RUNS=${BENCH_RUNS:-3}
export LC_ALL=C.UTF-8 ANKER_CODER=bench

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
command -v zip >/dev/null || die "the zip command is missing (Debian package 'zip')"
[[ $NOTES =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
	die "BENCH_REFI_NOTES and BENCH_RUNS must be positive integers"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
# GUID_AWK, the generators' GUIDs
source "$(cd "$(dirname "$0")" && pwd)/../tests/fuzz/hostile_inputs.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-refi.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi

# --- the file ---------------------------------------------------------------

gen() {
	mkdir -p "$W/q/sources"
	awk -v notes="$NOTES" -v dir="$W/q" "$GUID_AWK"'
	function note(g, name, text) {
		printf "<Note guid=\"%s\" name=\"%s\" creatingUser=\"%s\" " \
		       "creationDateTime=\"2024-01-01T10:00:00Z\"><PlainTextContent>%s" \
		       "</PlainTextContent></Note>\n", g, name, user[0], text > nf
	}
	BEGIN {
		seed = 42
		qde = dir "/project.qde"; nf = dir "/notes.part"
		nusers = 3; ncodes = 200; nsrc = 100; nsel = int(notes / 3)
		split("und die der das wir nicht auch mit dann also Verwaltung Portal " \
		      "Schnittstelle schwierig wichtig gemeinsam digital schnell", word, " ")
		printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" > qde
		printf "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"bench\" origin=\"bench\" " \
		       "creationDateTime=\"2024-01-01T10:00:00Z\">\n<Users>\n" > qde
		for (i = 0; i < nusers; i++) {
			user[i] = guid()
			printf "<User guid=\"%s\" name=\"coder%d\"/>\n", user[i], i > qde
		}
		printf "</Users>\n<CodeBook><Codes>\n" > qde
		for (i = 0; i < ncodes; i++) {
			code[i] = guid()
			if (i % 10 == 0 && i)
				printf "</Code>\n" > qde
			printf "<Code guid=\"%s\" name=\"Code %d\" isCodable=\"true\" color=\"#%02x%02x%02x\">" \
			       "<Description>what code %d means</Description>%s\n", code[i], i,
			       i % 256, (i * 7) % 256, (i * 13) % 256, i, i % 10 ? "</Code>" : "" > qde
		}
		printf "</Code>\n</Codes></CodeBook>\n" > qde
		printf "<Variables>\n<Variable guid=\"%s\" name=\"age\" typeOfVariable=\"Integer\"/>\n" \
		       "<Variable guid=\"%s\" name=\"site\" typeOfVariable=\"Text\"/>\n</Variables>\n",
		       (var[0] = guid()), (var[1] = guid()) > qde
		printf "<Sources>\n" > qde
		len = 12000; nn = 0
		for (s = 0; s < nsrc; s++) {
			src[s] = guid()
			text = ""
			for (k = 0; length(text) < len; k++)
				text = text word[(s * 31 + k * 7) % 18 + 1] ((k % 12 == 11) ? ".\n" : " ")
			printf "%s", text > (dir "/sources/" src[s] ".txt")
			close(dir "/sources/" src[s] ".txt")
			printf "<TextSource guid=\"%s\" name=\"interview-%03d\" plainTextPath=\"internal://%s.txt\" " \
			       "creationDateTime=\"2024-01-01T10:00:00Z\">\n", src[s], s, src[s] > qde
			per = int(nsel / nsrc) + (s < nsel % nsrc)
			for (j = 0; j < per; j++) {
				start = (j * 97) % (len - 200)
				printf "<PlainTextSelection guid=\"%s\" startPosition=\"%d\" endPosition=\"%d\" " \
				       "creatingUser=\"%s\" creationDateTime=\"2024-01-01T10:00:00Z\">" \
				       "<Coding guid=\"%s\" creatingUser=\"%s\"><CodeRef targetGUID=\"%s\"/></Coding>",
				       guid(), start, start + 50 + j % 100, user[j % nusers], guid(),
				       user[j % nusers], code[(s * 13 + j) % ncodes] > qde
				m = guid(); w = guid()
				printf "<NoteRef targetGUID=\"%s\"/><NoteRef targetGUID=\"%s\"/></PlainTextSelection>\n",
				       m, w > qde
				note(m, "anker:memo free", "memo " nn++)
				note(w, "anker:weight " (j % 101), "weight")
			}
			printf "<VariableValue><VariableRef targetGUID=\"%s\"/><IntegerValue>%d</IntegerValue>" \
			       "</VariableValue><VariableValue><VariableRef targetGUID=\"%s\"/><TextValue>site %d" \
			       "</TextValue></VariableValue>\n</TextSource>\n", var[0], 20 + s % 50, var[1], s % 7 > qde
		}
		printf "</Sources>\n" > qde
		for (i = 2 * nsel; i < notes; i++) {
			pm[i] = guid()
			note(pm[i], "anker:memo method", "project memo " i)
		}
		close(nf)
		printf "<Notes>\n" > qde
		while ((getline l < nf) > 0)
			print l > qde
		printf "</Notes>\n" > qde
		printf "<Sets>\n" > qde
		for (t = 0; t < 5; t++) {
			printf "<Set guid=\"%s\" name=\"group %d\"><Description>anker:group</Description>\n",
			       guid(), t > qde
			for (s = t; s < nsrc; s += 5)
				printf "<MemberSource targetGUID=\"%s\"/>\n", src[s] > qde
			printf "</Set>\n" > qde
		}
		printf "</Sets>\n" > qde
		for (i = 2 * nsel; i < notes; i++)
			printf "<NoteRef targetGUID=\"%s\"/>\n", pm[i] > qde
		printf "</Project>\n" > qde
	}'
	rm "$W/q/notes.part"
	(cd "$W/q" && zip -qr ../bench.qdpx project.qde sources)
}

# --- timing -------------------------------------------------------------------

# One import into a new project: T_SEC wall seconds from $EPOCHREALTIME,
# T_CPU user + system seconds and T_RSS peak resident kB from /usr/bin/time
# (on a busy machine the wall time also counts waiting for a CPU, the CPU
# time does not).
import_once() {
	local p=$W/p.anker t0 t1
	rm -f "$p" "$p"-*
	"$ANKER" -p "$p" init >/dev/null 2>&1 || die "anker init failed"
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %S %M" -o "$W/import.time" "$ANKER" -p "$p" qdpx import "$W/bench.qdpx" \
		>"$W/import.out" 2>"$W/import.err" || { cat "$W/import.err" >&2; die "qdpx import failed"; }
	t1=$EPOCHREALTIME
	T_SEC=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	T_CPU=$(awk 'END { printf "%.2f", $1 + $2 }' "$W/import.time")
	T_RSS=$(awk 'END { print $3 }' "$W/import.time")
}

# The floor: the CPU time of inflating project.qde and a streaming parse of
# it (unzip -p | xmllint --stream), F_CPU seconds; none (F_CPU empty) when
# unzip or xmllint is missing.
floor_once() {
	F_CPU=
	command -v unzip >/dev/null && command -v xmllint >/dev/null || return 0
	/usr/bin/time -f "%U %S" -o "$W/floor.time" \
		bash -c 'unzip -p "$1" project.qde | xmllint --stream --noout -' _ "$W/bench.qdpx" ||
		die "the floor (unzip | xmllint) failed"
	F_CPU=$(awk 'END { printf "%.2f", $1 + $2 }' "$W/floor.time")
}

# The rows alone: R_CPU seconds of the sqlite3 shell copying the rows of
# the project the last import made into a new one.
rows_once() {
	local r=$W/r.anker
	rm -f "$r" "$r"-*
	"$ANKER" -p "$r" init >/dev/null 2>&1 || die "anker init failed"
	/usr/bin/time -f "%U %S" -o "$W/rows.time" sqlite3 -batch "$r" "PRAGMA cache_size = -32768;
		ATTACH '$W/p.anker' AS i;
		BEGIN;
		INSERT INTO coder SELECT * FROM i.coder; INSERT INTO code SELECT * FROM i.code;
		INSERT INTO document SELECT * FROM i.document; INSERT INTO doc_turn SELECT * FROM i.doc_turn;
		INSERT INTO doc_var SELECT * FROM i.doc_var; INSERT INTO segment SELECT * FROM i.segment;
		INSERT INTO review SELECT * FROM i.review; INSERT INTO memo SELECT * FROM i.memo;
		INSERT INTO meta SELECT * FROM i.meta; INSERT INTO log SELECT * FROM i.log;
		COMMIT;" >/dev/null || die "the rows alone (sqlite3) failed"
	R_CPU=$(awk 'END { printf "%.2f", $1 + $2 }' "$W/rows.time")
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# "min/median/max" of the arguments.
spread() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[1] "/" v[int((NR + 1) / 2)] "/" v[NR] }'; }

t0=$EPOCHREALTIME
gen
printf 'refi: generated %s (%s bytes, project.qde %s bytes) in %.1f s\n' "bench.qdpx" \
	"$(stat -c %s "$W/bench.qdpx")" "$(stat -c %s "$W/q/project.qde")" \
	"$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
secs=() cpus=() rss=() floors=() rows=()
for ((i = 1; i <= RUNS; i++)); do
	floor_once
	[[ -n $F_CPU ]] && floors+=("$F_CPU")
	import_once
	secs+=("$T_SEC")
	cpus+=("$T_CPU")
	rss+=("$T_RSS")
	if command -v sqlite3 >/dev/null; then
		rows_once
		rows+=("$R_CPU")
	fi
done
tail -n 1 "$W/import.err"
echo "refi: qdpx import of $NOTES notes: min/median/max $(spread "${secs[@]}") s wall," \
	"$(spread "${cpus[@]}") s CPU"
echo "refi: qdpx import peak RSS: min/median/max $(spread "${rss[@]}") kB (goal at most 262144 kB)"
if ((${#floors[@]})); then
	f=$(median "${floors[@]}") c=$(median "${cpus[@]}")
	echo "refi: floor (unzip -p project.qde | xmllint --stream): min/median/max" \
		"$(spread "${floors[@]}") s CPU; import/floor (medians, CPU) $(awk -v c="$c" -v f="$f" \
		'BEGIN { printf "%.1f", (f > 0 ? c / f : 0) }')x (goal at most 3x)"
else
	echo "refi: floor skipped (unzip or xmllint missing: Debian packages unzip, libxml2-utils)"
fi
if ((${#rows[@]})); then
	echo "refi: the rows alone (sqlite3 INSERT ... SELECT of the imported rows, log included):" \
		"min/median/max $(spread "${rows[@]}") s CPU; import/rows (medians, CPU)" \
		"$(awk -v c="$(median "${cpus[@]}")" -v r="$(median "${rows[@]}")" \
		'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }')x"
fi
