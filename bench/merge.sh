#!/usr/bin/env bash
# bench/merge.sh — merging a coder's blind copy back (run by `make bench`).
#
#   ANKER=./anker GEN=build/bench-gen bash bench/merge.sh
#
# A figure beside its floor, not a test: the exit status is 0 unless a
# command fails.
#
# The projects: BENCH_MERGE_DOCS (200) generated transcripts and a codebook
# of 200 codes in base.anker; `anker blind ben` makes ben.anker, into which
# the sqlite3 shell inserts BENCH_MERGE_SEGMENTS (200000) of ben's segments
# at deterministic positions (one in ten with a weight and a memo).  Each
# run merges ben.anker into a fresh copy of base.anker.
#
# The floor: the same rows inserted into another fresh copy by the sqlite3
# shell, with ben.anker attached and one INSERT ... SELECT that maps
# documents, codes and coders by GUID and name in one transaction, as a
# competent user would write it (no log, no checks).  Goal: merge <= 2x the
# floor.  Runs of the two alternate; medians of BENCH_RUNS (3) are compared.
# Then, for information: merging the same copy again (nothing to do), and
# again after ben changed 1% of the segments and removed 1% (logged in
# ben.anker as anker logs them).
#
# Environment: BENCH_KEEP=1 keeps the work directory; TMPDIR where it is made.
set -euo pipefail

DOCS=${BENCH_MERGE_DOCS:-200}
SEGS=${BENCH_MERGE_SEGMENTS:-200000}
RUNS=${BENCH_RUNS:-3}
export LC_ALL=C.UTF-8 ANKER_CODER=bench

die() { echo "bench: $*" >&2; exit 1; }

[[ -n ${ANKER:-} && -x $ANKER ]] || die "ANKER='${ANKER:-}' is not an executable (run 'make bench')"
[[ -n ${GEN:-} && -x $GEN ]] || die "GEN='${GEN:-}' is not an executable (run 'make bench')"
command -v sqlite3 >/dev/null || die "the sqlite3 command is missing (Debian package 'sqlite3')"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
[[ $DOCS =~ ^[1-9][0-9]*$ && $SEGS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
	die "BENCH_MERGE_DOCS, BENCH_MERGE_SEGMENTS and BENCH_RUNS must be positive integers"
ANKER=$(cd "$(dirname "$ANKER")" && pwd)/$(basename "$ANKER")
GEN=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN")
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/anker-bench-merge.XXXXXX")
if [[ ${BENCH_KEEP:-} == 1 ]]; then
	trap 'echo "bench: work directory kept: $W"' EXIT
else
	trap 'rm -rf "$W"' EXIT
fi

# --- the projects -------------------------------------------------------------

t0=$EPOCHREALTIME
B=$W/base.anker C=$W/ben.anker
"$GEN" "$W/corpus" "$DOCS" $(( (DOCS * 8192 + 1048575) / 1048576 )) >/dev/null
"$ANKER" -p "$B" init >/dev/null 2>&1
(cd "$W/corpus" && "$ANKER" -p "$B" import -q -- *.txt)
{
	printf 'Benchmark-Codebuch\n\nCodesystem\n\n'
	for a in $(seq 1 20); do
		echo "$a Bereich $a"
		for b in $(seq 1 9); do echo "$a.$b Thema $a.$b"; done
	done
	echo
	for a in $(seq 1 20); do
		printf '%s\n\nCodedefinition: Bereich.\n\n' "$a Bereich $a"
		for b in $(seq 1 9); do
			printf '%s\n\nCodedefinition: Thema.\n\n' "$a.$b Bereich $a >> Thema $a.$b"
		done
	done
} >"$W/codebook.txt"
"$ANKER" -p "$B" codebook import "$W/codebook.txt" >/dev/null 2>&1
"$ANKER" -p "$B" blind ben "$C" >/dev/null 2>&1
# ben's segments: document i * DOCS / SEGS, so they go in document order;
# code, start and length from multiplicative hashes of i.
sqlite3 -batch "$C" <<SQL
BEGIN;
CREATE TEMP TABLE d(n INTEGER PRIMARY KEY, id INTEGER, chars INTEGER);
INSERT INTO d(n, id, chars) SELECT row_number() OVER (ORDER BY id) - 1, id, chars FROM document;
CREATE TEMP TABLE c(n INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO c(n, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM code;
WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i + 1 < $SEGS),
h AS (SELECT i, i * $DOCS / $SEGS AS dn, (i * 2654435761 + 97) % 4294967291 AS h1,
             (i * 40503 + 7) % 65521 AS h2 FROM i)
INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, "end", weight, memo,
                              created, modified)
SELECT printf('00000000-0000-4000-8000-%012d', h.i), d.id, c.id,
       (SELECT id FROM coder WHERE name = 'ben'),
       h.h1 % (d.chars - 300), h.h1 % (d.chars - 300) + 5 + h.h2 % 200,
       CASE WHEN h.i % 10 = 0 THEN h.i % 101 ELSE 0 END,
       CASE WHEN h.i % 10 = 0 THEN 'Memo ' || h.i ELSE '' END,
       '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM h JOIN d ON d.n = h.dn JOIN c ON c.n = h.h1 % 200;
COMMIT;
SQL
nseg=$(sqlite3 "$C" 'SELECT COUNT(*) FROM segment')
printf 'merge: %s documents, %s codes; ben.anker with %s segments; built in %.1f s\n' \
	"$(sqlite3 "$B" 'SELECT COUNT(*) FROM document')" "$(sqlite3 "$B" 'SELECT COUNT(*) FROM code')" \
	"$nseg" "$(calc 'b - a' a="$t0" b="$EPOCHREALTIME")"

FLOOR_SQL="ATTACH '$C' AS o;
BEGIN;
INSERT INTO coder(guid, name) SELECT guid, name FROM o.coder
  WHERE name NOT IN (SELECT name FROM coder);
INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, memo, created, modified)
SELECT t.guid, d.id, c.id, k.id, t.start, t.\"end\", t.weight, t.memo, t.created, t.modified
FROM o.segment t JOIN o.document od ON od.id = t.doc_id JOIN document d ON d.guid = od.guid
JOIN o.code oc ON oc.id = t.code_id JOIN code c ON c.guid = oc.guid
JOIN o.coder ok ON ok.id = t.coder_id JOIN coder k ON k.name = ok.name;
COMMIT;"

# --- merge against the floor, interleaved ---------------------------------------

# Each run on fresh copies of the base project (SETUP of lib.sh's alternate).
fresh_merge() { rm -f "$W"/p.anker*; cp "$B" "$W/p.anker"; }
fresh_floor() { rm -f "$W"/q.anker*; cp "$B" "$W/q.anker"; }
alternate merge fresh_merge "$ANKER" -p "$W/p.anker" merge "$C" ::: \
	floor fresh_floor sqlite3 -batch "$W/q.anker" "$FLOOR_SQL"
[[ $(sqlite3 "$W/p.anker" 'SELECT COUNT(*) FROM segment') == "$nseg" &&
   $(sqlite3 "$W/q.anker" 'SELECT COUNT(*) FROM segment') == "$nseg" ]] ||
	die "merge or floor did not bring all $nseg segments"
ratio=$(ratio "$A_MED" "$B_MED")
tail -n 1 "$W/merge.err"
echo "merge: anker merge of $nseg segments  $A_SPREAD s wall, median $A_CPU s CPU"
echo "merge: floor, sqlite3 INSERT ... SELECT  $B_SPREAD s wall, median $B_CPU s CPU"
echo "merge: ratio ${ratio}x wall ($(ratio "$A_CPU" "$B_CPU")x CPU)   goal: <= 2x   $(at_most "$ratio" 2)"

# --- merging again --------------------------------------------------------------

timed again "$ANKER" -p "$W/p.anker" merge "$C"
echo "merge: the same copy again (nothing to do)  $T_SEC s wall, $T_CPU s CPU: $(tail -n 1 "$W/again.err")"
# ben changes the weight and memo of 1% of the segments and removes 1%.
changed=$(( nseg / 100 ))
sqlite3 -batch "$C" <<SQL
BEGIN;
UPDATE segment SET weight = 99, memo = 'geändert', modified = '2025-06-01T00:00:00Z'
  WHERE id % 100 = 1;
DELETE FROM segment WHERE id % 100 = 2;
COMMIT;
SQL
# The removals logged in ben.anker as anker logs them (the row's JSON
# before): taken from the merged project, which still has them.
sqlite3 -batch "$C" <<SQL
ATTACH '$W/p.anker' AS p;
BEGIN;
INSERT INTO log(step, time, coder, action, entity, guid, before, after)
SELECT 1, '2025-06-01T00:00:00Z', 'ben', 'unmark', 'segment', l.guid, l.after, NULL
FROM p.log l WHERE l.entity = 'segment' AND l.guid NOT IN (SELECT guid FROM segment);
COMMIT;
SQL
timed remerge "$ANKER" -p "$W/p.anker" merge "$C"
echo "merge: again after ben changed $changed and removed about $changed segments" \
	" $T_SEC s wall, $T_CPU s CPU: $(tail -n 1 "$W/remerge.err")"

# --- what the co-occurrence cache's triggers cost ------------------------------

# Schema 10's triggers (cooc_cache, analysis/cooc_cache.c) on every segment
# row, as schema 15 made them: while a result is kept each row bumps a
# counter and writes a journal row (kept results are caught up from it),
# up to 4,096 rows; the next disarms and empties the cache, each further
# row reads whether that is still to do.  The
# merge into a copy with a matrix kept (armed) against one whose cooc_*
# triggers are dropped, alternating.
fresh_armed() { fresh_merge; sqlite3 -batch "$W/p.anker" "UPDATE cooc_state SET armed = 1"; }
# A fresh copy without the triggers whose names are LIKE $UNTRIGGERED.
UNTRIGGERED='cooc\_%'
fresh_untriggered() {
	rm -f "$W"/r.anker*
	cp "$B" "$W/r.anker"
	sqlite3 -batch "$W/r.anker" "$(sqlite3 -batch "$B" "SELECT 'DROP TRIGGER ' || name || ';'
	  FROM sqlite_master WHERE type = 'trigger' AND name LIKE '$UNTRIGGERED' ESCAPE '\'")"
}
alternate merge-armed fresh_armed "$ANKER" -p "$W/p.anker" merge "$C" ::: \
	merge-untriggered fresh_untriggered "$ANKER" -p "$W/r.anker" merge "$C"
echo "merge: with the cooc cache's triggers (armed)  $A_SPREAD s wall, median $A_CPU s CPU"
echo "merge: without them                            $B_SPREAD s wall, median $B_CPU s CPU"
echo "merge: the triggers cost $(ratio "$A_CPU" "$B_CPU")x CPU, $(ratio "$A_MED" "$B_MED")x wall   (information; goal: a few %)"

# --- what the per-coder counts' triggers cost ----------------------------------

# Schema 11's triggers (code_coder, code_doc_coder: the TUI's coder views
# and frequencies of a coder read them) on every segment row: two upserts
# and a lookup.  The merge into a fresh copy against one without them,
# alternating.
UNTRIGGERED='code\_doc\_coder\_%'
alternate merge-counted fresh_merge "$ANKER" -p "$W/p.anker" merge "$C" ::: \
	merge-uncounted fresh_untriggered "$ANKER" -p "$W/r.anker" merge "$C"
echo "merge: with the per-coder counts' triggers  $A_SPREAD s wall, median $A_CPU s CPU"
echo "merge: without them                         $B_SPREAD s wall, median $B_CPU s CPU"
echo "merge: the triggers cost $(ratio "$A_CPU" "$B_CPU")x CPU, $(ratio "$A_MED" "$B_MED")x wall   (information)"
