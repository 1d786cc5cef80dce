/* refi/qdpx_bulk.c — the rows a .qdpx import adds, in bulk.
 *
 * A 200,000-selection project is 200,000 segments and as many memos.
 * Applied one by one (store_row_apply: the JSON taken apart, a dozen
 * statements, the row read back before and after, compared and logged)
 * they took 26 times what inflating and parsing project.qde takes.  Rows
 * the project lacks need no comparison: they are staged here, their
 * columns as they are (taking them out of their JSON with json_extract
 * took longer; a segment's memos too, temp.qr_memox) and their JSON for
 * the few applied one by one (temp.qr_stage), and every few thousand,
 * and at the end of the import, put into the tables with a few INSERT ...
 * SELECT statements, as team/merge does, and logged as inserted by one
 * entry per entity (store_log_bulk), in the same step as the rest.  The
 * staged rows the project has are found by one statement
 * (qr_bulk_settle) and applied one by one, in the order they came, before
 * any row after them is applied.
 *
 * The bulk statements do what store_row_apply does for the common case
 * only.  A staged row that is not common (its code, document or coder
 * cannot be found, an identical coding exists, a GUID is staged twice or
 * the project has a memo's GUID already) is applied one by one as before
 * (qr_apply_row), so that it fails, or is taken, with the same message
 * and effect as ever.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

/* Rows staged before they are added: enough that a statement's overhead
 * is spread, few enough that the temporary tables and what SQLite keeps
 * to undo one statement stay small in memory. */
#define QR_BULK_ROWS 4096
#define QR_CACHE_KB "32768"

/* Staged rows; what the segments among them resolve to (qr_segx) and the
 * memos they hold and are (qr_memox), each with n, its staged row; the
 * staged rows to apply one by one (qr_slow).  look: the row's GUID may be
 * the project's (staged_once). */
static const char create_sql[] =
	"CREATE TEMP TABLE qr_stage(n INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
	"  guid TEXT NOT NULL, j TEXT NOT NULL, doc, code, created, modified, "
	"  coder, coder_guid, start, \"end\", weight, memo, reviews, "
	"  type, target, segment, author, text, look INTEGER NOT NULL);"
	"CREATE TEMP TABLE qr_segx(n INTEGER PRIMARY KEY, guid TEXT, doc_id INTEGER, "
	"  code_id INTEGER, coder_id INTEGER, start INTEGER, \"end\" INTEGER, "
	"  weight INTEGER, memo TEXT, created TEXT, modified TEXT, reviews TEXT);"
	"CREATE TEMP TABLE qr_memox(n INTEGER NOT NULL, k INTEGER NOT NULL, guid TEXT, "
	"  type TEXT, target TEXT, doc TEXT, code TEXT, segment TEXT, author TEXT, text TEXT, "
	"  created TEXT, modified TEXT, look INTEGER NOT NULL);"
	"CREATE TEMP TABLE qr_slow(n INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE qr_twice(entity TEXT, guid TEXT, PRIMARY KEY(entity, guid));";

static const char drop_sql[] =
	"DROP TABLE IF EXISTS temp.qr_stage; DROP TABLE IF EXISTS temp.qr_segx;"
	"DROP TABLE IF EXISTS temp.qr_memox; DROP TABLE IF EXISTS temp.qr_slow;"
	"DROP TABLE IF EXISTS temp.qr_twice;";

int qr_bulk_begin(struct qr *q)
{
	int64_t cache = -2000;
	if (store_get_int(q->st, &cache, q->err, "PRAGMA main.cache_size"))
		return ANKER_DB;
	q->cache_size = cache;
	/* Rows added to indices keyed by random GUIDs (segment, memo, log)
	 * touch pages all over them: a larger page cache reads and writes
	 * them less often (as team/merge does; 8 MB took a third more CPU
	 * for 200,000 selections).  The staged rows in memory, not in a
	 * file; and so SQLite's statement journals: in a file they were a
	 * million small writes, a third of the time. */
	if (store_exec(q->st, "PRAGMA main.cache_size = -" QR_CACHE_KB, q->err) ||
	    store_exec(q->st, "PRAGMA temp_store = MEMORY", q->err) ||
	    store_exec(q->st, drop_sql, q->err) || store_exec(q->st, create_sql, q->err))
		return ANKER_DB;
	return ANKER_OK;
}

void qr_bulk_end(struct qr *q)
{
	char restore[64];
	snprintf(restore, sizeof restore, "PRAGMA main.cache_size = %lld", (long long)q->cache_size);
	store_exec(q->st, drop_sql, NULL);
	store_exec(q->st, "PRAGMA temp_store = DEFAULT", NULL);
	refi_guids_free(&q->staged_ids[0]);
	refi_guids_free(&q->staged_ids[1]);
	refi_guid_bloom_free(&q->staged_ever);
	store_texts_free(q->indices, q->nindices);
	q->indices = NULL;
	q->nindices = 0;
	store_exec(q->st, restore, NULL);
}

/* Into a project without segments, the segments' indices that only speed
 * up reading (not UNIQUE: those check rows) are dropped for the import
 * and made again at its end (qr_bulk_finish), in the same transaction:
 * 200,000 rows took 2.4 s CPU to add with them and 1.4 s without, and
 * making them afterwards from sorted keys 1.0 s.  No statement of the
 * import needs them for its answer, only for its speed, and with no
 * segments of the project's own there are few to read.  DDL names
 * cannot be bound: the names are the schema's own. */
#define QR_INDICES "FROM sqlite_master WHERE type = 'index' AND tbl_name = 'segment' " \
	"AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid"

static int drop_indices(struct qr *q)
{
	char **drop;
	size_t n;
	if (store_get_texts(q->st, &q->indices, &q->nindices, q->err, "SELECT sql " QR_INDICES) ||
	    store_get_texts(q->st, &drop, &n, q->err,
	                    "SELECT 'DROP INDEX main.\"' || name || '\"' " QR_INDICES))
		return ANKER_DB;
	int rc = ANKER_OK;
	for (size_t i = 0; i < n && !rc; i++)
		rc = store_exec(q->st, drop[i], q->err);
	store_texts_free(drop, n);
	return rc;
}

int qr_bulk_finish(struct qr *q)
{
	int rc = qr_bulk_flush(q);
	for (size_t i = 0; i < q->nindices && !rc; i++)
		rc = store_exec(q->st, q->indices[i], q->err);
	store_texts_free(q->indices, q->nindices);
	q->indices = NULL;
	q->nindices = 0;
	return rc;
}

/* A GUID (space 0 segments, 1 memos, a segment's included) staged: in
 * *look whether the project may have it, so that the staged row is
 * looked up (qr_bulk_settle, the memos' check in split_sql): only when the
 * project had rows of the kind before the import, or this import staged
 * the GUID before (a flush, or a row applied one by one, may have added
 * it).  Rows of segments and memos are added by staged rows alone, so a
 * GUID new to both is not there: a fresh 200,000-selection import looked
 * up 600,000 GUIDs that were not, 0.7 s of its 12.5 s CPU.  A GUID staged
 * again since the last flush is noted in temp.qr_twice, so that the rows
 * with it are applied one by one: found as they are staged, where a
 * window over the staged rows at each flush took a tenth of the bulk
 * statements. */
static int staged_once(struct qr *q, int space, const char *guid, bool *look)
{
	if (!q->lacked) {
		int64_t segments = 0, memos = 0;
		if (store_get_int(q->st, &segments, q->err,
		                  "SELECT EXISTS (SELECT 1 FROM main.segment)") ||
		    store_get_int(q->st, &memos, q->err, "SELECT EXISTS (SELECT 1 FROM main.memo)"))
			return ANKER_DB;
		q->lacked = 1 + !segments + 2 * !memos;
		if (!segments && drop_indices(q))
			return ANKER_DB;
	}
	*look = refi_guid_bloom_add(&q->staged_ever, space, guid) ||
	        !((q->lacked - 1) & 1 << space);
	if (refi_guids_add(&q->staged_ids[space], guid, 0, NULL))
		return ANKER_OK;
	return store_run(q->st, q->err, "INSERT OR IGNORE INTO temp.qr_twice VALUES (:e, :g)",
	                 STORE_TEXT(":e", space ? "memo" : "segment"), STORE_TEXT(":g", guid));
}

int qr_bulk_stage(struct qr *q, const char *guid, const char *json, const struct qr_seg *seg,
                  const struct qr_memo *memo)
{
	bool look;
	int rc = staged_once(q, seg ? 0 : 1, guid, &look);
	if (rc)
		return ANKER_DB;
	if (seg)
		rc = store_run(q->st, q->err, "INSERT INTO temp.qr_stage(entity, guid, j, doc, code, "
		               "created, modified, coder, coder_guid, start, \"end\", weight, memo, "
		               "reviews, look) VALUES ('segment', :g, :j, :doc, :code, :created, "
		               ":modified, :coder, :cg, :start, :end, :weight, :memo, :reviews, :look)",
		               STORE_INT(":look", look), STORE_TEXT(":g", guid), STORE_TEXT(":j", json),
		               STORE_TEXT(":doc", seg->doc), STORE_TEXT(":code", seg->code),
		               STORE_TEXT(":created", seg->created),
		               STORE_TEXT(":modified", seg->modified), STORE_TEXT(":coder", seg->coder),
		               STORE_TEXT(":cg", seg->coder_guid), STORE_INT(":start", seg->start),
		               STORE_INT(":end", seg->end), STORE_INT(":weight", seg->weight),
		               STORE_TEXT(":memo", seg->memo), STORE_TEXT(":reviews", seg->reviews));
	else
		rc = store_run(q->st, q->err, "INSERT INTO temp.qr_stage(entity, guid, j, doc, code, "
		               "created, modified, type, target, segment, author, text, look) VALUES "
		               "('memo', :g, :j, :doc, :code, :created, :modified, :type, :target, "
		               ":segment, :author, :text, :look)", STORE_INT(":look", look),
		               STORE_TEXT(":g", guid), STORE_TEXT(":j", json),
		               STORE_TEXT(":doc", memo->doc), STORE_TEXT(":code", memo->code),
		               STORE_TEXT(":created", memo->created),
		               STORE_TEXT(":modified", memo->modified), STORE_TEXT(":type", memo->type),
		               STORE_TEXT(":target", memo->target),
		               STORE_TEXT(":segment", memo->segment),
		               STORE_TEXT(":author", memo->author), STORE_TEXT(":text", memo->text));
	/* A segment's memos, each with n, its row's, and k, its place */
	for (size_t k = 0; !rc && seg && seg->smemos && k < seg->smemos->n; k++) {
		const struct qr_smemo *m = &seg->smemos->v[k];
		if ((rc = staged_once(q, 1, m->guid, &look)))
			break;
		rc = store_run(q->st, q->err, "INSERT INTO temp.qr_memox(n, k, guid, type, target, "
		               "segment, author, text, created, modified, look) VALUES ((SELECT max(n) "
		               "FROM temp.qr_stage), :k, :g, :type, 'segment', :seg, :author, :text, "
		               ":created, :modified, :look)", STORE_INT(":look", look),
		               STORE_INT(":k", (int64_t)k),
		               STORE_TEXT(":g", m->guid), STORE_TEXT(":type", m->type),
		               STORE_TEXT(":seg", seg->smemos->seg), STORE_TEXT(":author", m->author),
		               STORE_TEXT(":text", m->text), STORE_TEXT(":created", m->created),
		               STORE_TEXT(":modified", m->modified));
	}
	if (rc)
		return ANKER_DB;
	q->stage_n++;
	if (++q->staged < QR_BULK_ROWS)
		return ANKER_OK;
	/* Counted are the rows the project lacks, as when each was looked up
	 * as it came: the flushes take the same rows and log the same. */
	rc = qr_bulk_settle(q);
	return rc || q->staged < QR_BULK_ROWS ? rc : qr_bulk_flush(q);
}

/* ---------------------------------------------------------------------- */
/* Taken apart */

/* Coders named by staged rows that the project lacks (a segment's coder
 * given by name, reviewers, memo authors), created as store_row_apply
 * would; a coder given by GUID that is not there is left to it. */
static const char names_sql[] =
	"SELECT name FROM ("
	"  SELECT coder AS name FROM temp.qr_stage "
	"    WHERE entity = 'segment' AND coder_guid IS NULL "
	"  UNION SELECT json_extract(r.value, '$.reviewer') FROM temp.qr_stage, "
	"    json_each(reviews) r WHERE entity = 'segment' "
	"  UNION SELECT author FROM temp.qr_memox "
	"  UNION SELECT author FROM temp.qr_stage WHERE entity = 'memo') "
	"WHERE name IS NOT NULL AND name NOT IN (SELECT name FROM main.coder)";

static int ensure_coders(struct qr *q)
{
	char **names;
	size_t n;
	int rc = store_get_texts(q->st, &names, &n, q->err, names_sql);
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t id;
		rc = store_coder_id(q->st, names[i], &id, q->err);
	}
	store_texts_free(names, n);
	return rc ? ANKER_DB : ANKER_OK;
}

static const char *const split_sql[] = {
	"INSERT INTO temp.qr_segx SELECT n, guid, "
	"  (SELECT id FROM main.document d WHERE d.guid = s.doc), "
	"  (SELECT id FROM main.code c WHERE c.guid = s.code), "
	"  CASE WHEN coder_guid IS NULL "
	"    THEN (SELECT id FROM main.coder k WHERE k.name = s.coder) "
	"    ELSE (SELECT id FROM main.coder k WHERE k.guid = s.coder_guid) END, "
	"  start, \"end\", weight, memo, created, modified, reviews "
	"FROM temp.qr_stage s WHERE entity = 'segment'",
	/* the memo rows (a segment's memos are staged there) */
	"INSERT INTO temp.qr_memox SELECT n, 0, guid, type, target, doc, code, segment, author, "
	"  text, created, modified, look FROM temp.qr_stage WHERE entity = 'memo'",
	/* The rows to apply one by one: a segment whose document, code or
	 * coder is not found; one that the project or another staged row has
	 * (doc, code, coder, range), or whose GUID is staged twice; a memo,
	 * or a segment with a memo, whose GUID the project has or is staged
	 * twice, or that refers to what is not found (a segment's memo is on
	 * it; a memo row is never on a staged segment, the importer makes
	 * none on segments). */
	"INSERT OR IGNORE INTO temp.qr_slow SELECT n FROM temp.qr_segx x "
	"  WHERE doc_id IS NULL OR code_id IS NULL OR coder_id IS NULL "
	"  OR EXISTS (SELECT 1 FROM main.segment s WHERE s.doc_id = x.doc_id "
	"    AND s.code_id = x.code_id AND s.coder_id = x.coder_id AND s.start = x.start "
	"    AND s.\"end\" = x.\"end\")",
	"INSERT OR IGNORE INTO temp.qr_slow SELECT n FROM (SELECT n, "
	"  count(*) OVER (PARTITION BY doc_id, code_id, coder_id, start, \"end\") AS same "
	"  FROM temp.qr_segx) WHERE same > 1",
	"INSERT OR IGNORE INTO temp.qr_slow SELECT n FROM temp.qr_segx "
	"  WHERE guid IN (SELECT guid FROM temp.qr_twice WHERE entity = 'segment')",
	"INSERT OR IGNORE INTO temp.qr_slow SELECT n FROM temp.qr_memox m "
	"  WHERE guid IN (SELECT guid FROM temp.qr_twice WHERE entity = 'memo') "
	"  OR (look AND EXISTS (SELECT 1 FROM main.memo WHERE guid = m.guid)) "
	"  OR (doc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.document WHERE guid = m.doc)) "
	"  OR (code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.code WHERE guid = m.code)) "
	"  OR (author IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.coder WHERE name = m.author)) "
	"  OR (segment IS NOT NULL AND segment IS NOT (SELECT guid FROM temp.qr_segx x "
	"    WHERE x.n = m.n) AND NOT EXISTS (SELECT 1 FROM main.segment WHERE guid = m.segment))",
	"DELETE FROM temp.qr_segx WHERE n IN (SELECT n FROM temp.qr_slow)",
	"DELETE FROM temp.qr_memox WHERE n IN (SELECT n FROM temp.qr_slow)",
};

/* ---------------------------------------------------------------------- */
/* Applied */

/* The staged rows to apply one by one, in the order they came. */
static int apply_slow(struct qr *q)
{
	struct store_stmt *s;
	char **entity = NULL, **json = NULL;
	size_t n = 0;
	int rc;
	if (store_prepare(q->st, "SELECT entity, j FROM temp.qr_stage WHERE n IN "
	                         "(SELECT n FROM temp.qr_slow) ORDER BY n", &s, q->err))
		return ANKER_DB;
	/* Collected first: applying reuses cached statements. */
	while ((rc = store_step(s, q->err)) == 1) {
		entity = xreallocarray(entity, n + 1, sizeof *entity);
		json = xreallocarray(json, n + 1, sizeof *json);
		entity[n] = xstrdup(store_col_text(s, 0));
		json[n++] = xstrdup(store_col_text(s, 1));
	}
	store_done(s);
	rc = rc < 0 ? ANKER_DB : ANKER_OK;
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = qr_apply_row(q, entity[i], &json[i]);
		free(entity[i]);
		free(json[i]);
	}
	free(entity);
	free(json);
	return rc;
}

/* The staged rows since the last look the project has already (a GUID
 * looked up for every row as it came took a statement each), applied one
 * by one, in the order they came, and no longer staged (entity
 * 'applied', which no bulk statement takes). */
int qr_bulk_settle(struct qr *q)
{
	int64_t have = 0;
	if (q->stage_n == q->stage_seen)
		return ANKER_OK;
	int rc = store_run(q->st, q->err, "INSERT INTO temp.qr_slow SELECT n FROM temp.qr_stage s "
	                   "WHERE n > :from AND look AND CASE entity "
	                   "  WHEN 'segment' THEN EXISTS (SELECT 1 FROM main.segment g "
	                   "    WHERE g.guid = s.guid) "
	                   "  WHEN 'memo' THEN EXISTS (SELECT 1 FROM main.memo m "
	                   "    WHERE m.guid = s.guid) END",
	                   STORE_INT(":from", (int64_t)q->stage_seen));
	q->stage_seen = q->stage_n;
	if (rc)
		return ANKER_DB;
	have = store_changes(q->st);
	if (!have)
		return ANKER_OK;
	q->staged -= (size_t)have;
	rc = apply_slow(q);
	if (!rc && store_exec(q->st, "UPDATE temp.qr_stage SET entity = 'applied' WHERE n IN "
	                             "(SELECT n FROM temp.qr_slow); DELETE FROM temp.qr_memox WHERE n "
	                             "IN (SELECT n FROM temp.qr_slow); DELETE FROM temp.qr_slow",
	                             q->err))
		rc = ANKER_DB;
	return rc;
}

static const char *const insert_sql[] = {
	"INSERT INTO main.segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, memo, "
	"  created, modified) SELECT guid, doc_id, code_id, coder_id, start, \"end\", weight, "
	"  memo, created, modified FROM temp.qr_segx ORDER BY n",
	"INSERT INTO main.review(segment_id, verdict, comment, reviewer_id, created) "
	"  SELECT s.id, json_extract(r.value, '$.verdict'), json_extract(r.value, '$.comment'), "
	"  (SELECT id FROM main.coder WHERE name = json_extract(r.value, '$.reviewer')), "
	"  json_extract(r.value, '$.created') FROM temp.qr_segx x "
	"  JOIN main.segment s ON s.guid = x.guid, json_each(x.reviews) r ORDER BY x.n, r.key",
	"INSERT INTO main.memo(guid, type, target, doc_id, code_id, segment_id, author_id, text, "
	"  created, modified) SELECT guid, type, target, "
	"  (SELECT id FROM main.document WHERE guid = m.doc), "
	"  (SELECT id FROM main.code WHERE guid = m.code), "
	"  (SELECT id FROM main.segment WHERE guid = m.segment), "
	"  (SELECT id FROM main.coder WHERE name = m.author), text, created, modified "
	"  FROM temp.qr_memox m ORDER BY n, k",
};

static const char clear_sql[] =
	"DELETE FROM temp.qr_stage; DELETE FROM temp.qr_segx; DELETE FROM temp.qr_memox; "
	"DELETE FROM temp.qr_slow; DELETE FROM temp.qr_twice";

static int run_all(struct qr *q, const char *const *sql, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (store_exec(q->st, sql[i], q->err))
			return ANKER_DB;
	return ANKER_OK;
}

/* The rows added in bulk logged as inserted, in the import's step: an
 * entry per entity naming them (a third of the import's time went into
 * writing each row's JSON to the log, a log 40% of the project). */
static int log_added(struct qr *q)
{
	/* In the order insert_sql adds them, and so of their ids: by n. */
	int rc = store_log_bulk(q->st, "qdpx import", "segment",
	                        "SELECT guid FROM temp.qr_segx ORDER BY n", q->err);
	if (!rc)
		rc = store_log_bulk(q->st, "qdpx import", "memo", "SELECT guid FROM temp.qr_stage "
		                    "WHERE entity = 'memo' AND n NOT IN (SELECT n FROM temp.qr_slow) "
		                    "ORDER BY n", q->err);
	return rc;
}

int qr_bulk_flush(struct qr *q)
{
	int rc = qr_bulk_settle(q);
	if (rc || !q->stage_n)
		return rc;
	q->staged = 0;
	rc = ensure_coders(q);
	if (!rc)
		rc = run_all(q, split_sql, sizeof split_sql / sizeof *split_sql);
	if (!rc)
		rc = apply_slow(q);
	if (!rc && (rc = run_all(q, insert_sql, sizeof insert_sql / sizeof *insert_sql)))
		anker_err_prefix(q->err, "%s", q->path);
	if (!rc)
		rc = log_added(q);
	if (!rc && store_exec(q->st, clear_sql, q->err))
		rc = ANKER_DB;
	q->stage_n = q->stage_seen = 0;
	refi_guids_free(&q->staged_ids[0]);
	refi_guids_free(&q->staged_ids[1]);
	return rc;
}
