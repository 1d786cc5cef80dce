/* team/merge_rows.c — merging segments and memos (team_merge).
 *
 * New segments, with their reviews and memos, go in through a few INSERT …
 * SELECT statements over the other project attached as "other" and are
 * logged by one more (store_log_inserts): merging 200,000 codings is a
 * handful of statements, not 200,000 trips through JSON.  The rows both
 * projects have that differ, and those one side removed, are few; each is
 * decided on its own by the three-way rule, on JSON as store_row_json
 * writes it:
 *   base   the row as the last merge left it: the newest done "merge"
 *          entry of this project's log for its GUID (undoing a merge
 *          takes its entries, and so its base, back with it);
 *   here   unchanged when it is the base, or a version the other's log
 *          shows the other had (this project has not moved on from it);
 *   there  unchanged when it is the base, or a version this project's log
 *          shows this project had.
 * Versions are compared without GUIDs, times, reviews and memos: a
 * segment's document, code, coder, range, weight and memo; a memo's type,
 * target and text.  Removals are seen in the logs: a row the other's log
 * names and the other no longer has was removed there; one this project's
 * log names (a change not undone) and this project no longer has was
 * removed here, and is not brought back.  A log names rows added in bulk
 * (a .qdpx import: store_log_bulk) by one entry holding their GUIDs;
 * temp.merge_bulk lists them, for both logs, beside the entries per row.
 */
#include <stdlib.h>
#include <string.h>

#include "merge_int.h"

/* A row's version: its JSON without what a change leaves alone. */
#define VERSION(J) "json_remove(" J ", '$.guid', '$.coder_guid', '$.created', " \
                   "'$.modified', '$.reviews', '$.memos')"

struct side {
	bool has;
	struct strbuf json, version;
};

static void side_free(struct side *s)
{
	sb_free(&s->json);
	sb_free(&s->version);
}

static int side_version(struct store *st, struct side *s, struct anker_err *err)
{
	s->has = true;
	if (store_get_text(st, &s->version, err, "SELECT " VERSION(":j"),
	                   STORE_TEXT(":j", s->json.buf)))
		return err->status;
	return ANKER_OK;
}

/* The row in st (s->has false when st has none). */
static int side_load(struct store *st, const char *entity, const char *guid, struct side *s,
                     struct anker_err *err)
{
	int rc = store_row_json(st, entity, guid, &s->json, err);
	if (rc == ANKER_NOTFOUND) {
		anker_err_clear(err);
		return ANKER_OK;
	}
	return rc ? rc : side_version(st, s, err);
}

/* The row as the last merge left it here. */
static int side_base(struct merge *m, const char *entity, const char *guid, struct side *b,
                     struct anker_err *err)
{
	int rc = store_get_text(m->st, &b->json, err, "SELECT after FROM main.log WHERE "
	                        "entity = :entity AND guid = :guid AND action = 'merge' AND "
	                        "undone = 0 AND after IS NOT NULL ORDER BY id DESC LIMIT 1",
	                        STORE_TEXT(":entity", entity), STORE_TEXT(":guid", guid));
	if (rc == ANKER_NOTFOUND)
		return ANKER_OK;
	if (rc)
		return err->status;
	return side_version(m->st, b, err);
}

/* Whether s is unchanged since the base: it is the base, or a version the
 * log of hist (the other side) shows that side had. */
static int unchanged(struct store *hist, const char *entity, const char *guid,
                     const struct side *s, const struct side *b, bool *out,
                     struct anker_err *err)
{
	*out = b->has && strcmp(s->version.buf, b->version.buf) == 0;
	if (*out)
		return ANKER_OK;
	if (store_exists(hist, out, err, "SELECT 1 FROM log WHERE entity = :entity AND "
	                 "guid = :guid AND (" VERSION("before") " = :v OR " VERSION("after")
	                 " = :v)", STORE_TEXT(":entity", entity), STORE_TEXT(":guid", guid),
	                 STORE_TEXT(":v", s->version.buf)))
		return err->status;
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* The report. */

/* A value read from a row's JSON with SQL (sql has :j), into a new string. */
static char *json_say(struct store *st, const char *sql, const char *json, struct anker_err *err)
{
	struct strbuf sb = {0};
	if (json && store_get_text(st, &sb, err, sql, STORE_TEXT(":j", json)) == ANKER_OK)
		return sb_steal(&sb);
	sb_free(&sb);
	return xstrdup("");
}

/* What one side's version says: "[10,19) weight 50, memo: text". */
static char *side_say(struct store *st, const char *entity, const struct side *s,
                      struct anker_err *err)
{
	if (!s->has)
		return xstrdup("removed");
	return json_say(st, strcmp(entity, "segment") == 0
	                ? "SELECT printf('[%d,%d) weight %d', (:j ->> '$.start'), (:j ->> '$.end'), "
	                  "(:j ->> '$.weight')) || CASE WHEN (:j ->> '$.memo') <> '' THEN ', memo: ' || "
	                  "(:j ->> '$.memo') ELSE '' END"
	                : "SELECT (:j ->> '$.type') || ': ' || (:j ->> '$.text')",
	                s->json.buf, err);
}

static int change_add(struct merge *m, enum team_merge_what what, const char *entity,
                      const char *guid, const struct side *t, const struct side *o,
                      const char *result, struct anker_err *err)
{
	struct team_merge_report *r = m->r;
	const char *j = o->has ? o->json.buf : t->json.buf;
	/* A memo's place: its segment's, else its document or code. */
	static const char doc_sql[] =
		"SELECT COALESCE((SELECT d.name FROM main.document d WHERE d.guid = "
		"COALESCE((:j ->> '$.doc'), (SELECT x.guid FROM main.document x JOIN main.segment s ON "
		"s.doc_id = x.id WHERE s.guid = (:j ->> '$.segment')))), '')";
	static const char code_sql[] =
		"SELECT COALESCE((SELECT trim(c.number || ' ' || c.name) FROM main.code c WHERE "
		"c.guid = COALESCE((:j ->> '$.code'), (SELECT x.guid FROM main.code x JOIN main.segment s "
		"ON s.code_id = x.id WHERE s.guid = (:j ->> '$.segment')))), '')";
	r->changes = xreallocarray(r->changes, r->nchanges + 1, sizeof *r->changes);
	struct team_merge_change *c = &r->changes[r->nchanges++];
	c->what = what;
	c->entity = xstrdup(entity);
	c->guid = xstrdup(guid);
	c->doc = json_say(m->st, doc_sql, j, err);
	c->code = json_say(m->st, code_sql, j, err);
	c->coder = json_say(m->st, "SELECT COALESCE(:j ->> '$.coder', :j ->> '$.author', '')", j, err);
	c->here = side_say(m->st, entity, o, err);
	c->there = side_say(m->st, entity, t, err);
	c->result = xstrdup(result);
	r->nrow_conflicts += what == TEAM_MERGE_CONFLICT;
	return err->status;
}

/* ---------------------------------------------------------------------- */
/* One row both projects have, or one side removed. */

/* Take the other's version; a segment keeps this project's reviews and
 * memos (the other's are added on their own).  A version that cannot be
 * taken (it would be identical to another coding here) is kept out and
 * reported. */
static int take(struct merge *m, const char *entity, const char *guid, const struct side *t,
                const struct side *o, enum team_merge_what what, const char *result,
                struct anker_err *err)
{
	struct strbuf j = {0}, after = {0};
	int rc = ANKER_OK;
	if (strcmp(entity, "segment") == 0)
		rc = store_get_text(m->st, &j, err, "SELECT json_set(:t, '$.reviews', "
		                    "json(:o ->> '$.reviews'), '$.memos', json(:o ->> '$.memos'))",
		                    STORE_TEXT(":t", t->json.buf), STORE_TEXT(":o", o->json.buf));
	else
		sb_adds(&j, t->json.buf);
	if (!rc && (rc = store_row_apply(m->st, entity, j.buf, err)) == ANKER_EXISTS) {
		struct strbuf why = {0};
		sb_addf(&why, "kept this project's: %s", err->msg);
		anker_err_clear(err);
		rc = change_add(m, TEAM_MERGE_CONFLICT, entity, guid, t, o, why.buf, err);
		sb_free(&why);
		goto done;
	}
	if (!rc)
		rc = store_row_json(m->st, entity, guid, &after, err);
	if (!rc)
		rc = store_log(m->st, "merge", entity, guid, o->json.buf, after.buf, err);
	if (!rc) {
		m->r->updated++;
		rc = change_add(m, what, entity, guid, t, o, result, err);
	}
done:
	sb_free(&j);
	sb_free(&after);
	return rc;
}

static int drop(struct merge *m, const char *entity, const char *guid, const struct side *t,
                const struct side *o, struct anker_err *err)
{
	int rc = store_row_delete(m->st, entity, guid, err);
	if (!rc)
		rc = store_log(m->st, "merge", entity, guid, o->json.buf, NULL, err);
	if (!rc) {
		m->r->removed++;
		rc = change_add(m, TEAM_MERGE_REMOVED, entity, guid, t, o, "removed", err);
	}
	return rc;
}

static int decide(struct merge *m, const char *entity, const char *guid, const struct side *t,
                  const struct side *o, bool here_same, bool there_same, struct anker_err *err)
{
	if (t->has && o->has) {
		int64_t newer = 0;
		if (strcmp(t->version.buf, o->version.buf) == 0 || (there_same && !here_same))
			return ANKER_OK;
		if (here_same)
			return take(m, entity, guid, t, o, TEAM_MERGE_UPDATED, "took the other's", err);
		/* Changed on both sides: the newer wins; a tie keeps this one's. */
		if (store_get_int(m->st, &newer, err, "SELECT (:t ->> '$.modified') > "
		                  "(:o ->> '$.modified')", STORE_TEXT(":t", t->json.buf),
		                  STORE_TEXT(":o", o->json.buf)))
			return err->status;
		if (newer)
			return take(m, entity, guid, t, o, TEAM_MERGE_CONFLICT,
			            "took the other's (newer)", err);
		return change_add(m, TEAM_MERGE_CONFLICT, entity, guid, t, o,
		                  "kept this project's (newer)", err);
	}
	if (o->has)
		return here_same ? drop(m, entity, guid, t, o, err)
		                 : change_add(m, TEAM_MERGE_CONFLICT, entity, guid, t, o,
		                              "kept: changed here since the last merge", err);
	if (t->has && !there_same)
		return change_add(m, TEAM_MERGE_CONFLICT, entity, guid, t, o,
		                  "left removed: changed there since the last merge", err);
	return ANKER_OK;
}

static int sync_row(struct merge *m, const char *entity, const char *guid, struct anker_err *err)
{
	struct side t = {0}, o = {0}, b = {0};
	bool here_same = false, there_same = false;
	int rc = side_load(m->other, entity, guid, &t, err);
	if (!rc)
		rc = side_load(m->st, entity, guid, &o, err);
	if (!rc)
		rc = side_base(m, entity, guid, &b, err);
	if (!rc && o.has)
		rc = unchanged(m->other, entity, guid, &o, &b, &here_same, err);
	if (!rc && t.has)
		rc = unchanged(m->st, entity, guid, &t, &b, &there_same, err);
	if (!rc)
		rc = decide(m, entity, guid, &t, &o, here_same, there_same, err);
	side_free(&t);
	side_free(&o);
	side_free(&b);
	return rc;
}

/* Each GUID sql selects, collected first (applying reuses statements). */
static int each_guid(struct merge *m, const char *entity, const char *sql,
                     int (*fn)(struct merge *, const char *, const char *, struct anker_err *),
                     struct anker_err *err)
{
	char **v;
	size_t n;
	int rc = store_get_texts(m->st, &v, &n, err, sql);
	for (size_t i = 0; !rc && i < n; i++)
		rc = fn(m, entity, v[i], err);
	store_texts_free(v, n);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* The passes. */

/* Row ids of the other's documents, codes and coders here. */
static const char *const map_sql[] = {
	"DROP TABLE IF EXISTS temp.merge_doc",
	"DROP TABLE IF EXISTS temp.merge_code",
	"DROP TABLE IF EXISTS temp.merge_coder",
	"DROP TABLE IF EXISTS temp.merge_new",
	"DROP TABLE IF EXISTS temp.merge_bulk",
	"CREATE TEMP TABLE merge_doc(oid INTEGER PRIMARY KEY, id INTEGER NOT NULL)",
	"CREATE TEMP TABLE merge_code(oid INTEGER PRIMARY KEY, id INTEGER NOT NULL)",
	"CREATE TEMP TABLE merge_coder(oid INTEGER PRIMARY KEY, id INTEGER NOT NULL)",
	"INSERT INTO temp.merge_doc SELECT o.id, d.id FROM other.document o "
	"JOIN main.document d ON d.guid = o.guid",
	"INSERT INTO temp.merge_code SELECT o.id, c.id FROM other.code o "
	"JOIN main.code c ON c.guid = o.guid",
	/* As a segment finds its coder: by GUID, else by name. */
	"INSERT INTO temp.merge_coder SELECT o.id, COALESCE((SELECT id FROM main.coder "
	"WHERE guid = o.guid), (SELECT id FROM main.coder WHERE name = o.name)) FROM other.coder o "
	"WHERE EXISTS (SELECT 1 FROM main.coder WHERE guid = o.guid OR name = o.name)",
	"CREATE TEMP TABLE merge_new(oid INTEGER PRIMARY KEY, guid TEXT NOT NULL, "
	"doc INTEGER NOT NULL, code INTEGER NOT NULL, coder INTEGER NOT NULL, "
	"start INTEGER NOT NULL, \"end\" INTEGER NOT NULL)",
	/* The rows both logs name in bulk entries (store_log_bulk). */
	"CREATE TEMP TABLE merge_bulk(here INTEGER NOT NULL, entity TEXT NOT NULL, "
	"guid TEXT NOT NULL, undone INTEGER NOT NULL)",
	"INSERT INTO temp.merge_bulk SELECT 1, l.entity, j.value, l.undone FROM main.log l, "
	"json_each(l.after) j WHERE l.entity IN ('segment', 'memo') AND l.guid IS NULL",
	"INSERT INTO temp.merge_bulk SELECT 0, l.entity, j.value, l.undone FROM other.log l, "
	"json_each(l.after) j WHERE l.entity IN ('segment', 'memo') AND l.guid IS NULL",
	"CREATE INDEX temp.merge_bulk_guid ON merge_bulk(guid)",
};

static const char *const drop_sql[] = {
	"DROP TABLE temp.merge_doc", "DROP TABLE temp.merge_code",
	"DROP TABLE temp.merge_coder", "DROP TABLE temp.merge_new", "DROP TABLE temp.merge_bulk",
};

static int run_all(struct store *st, const char *const *sql, size_t n, struct anker_err *err)
{
	for (size_t i = 0; i < n; i++)
		if (store_run(st, err, sql[i]))
			return err->status;
	return ANKER_OK;
}

/* Whether this project's log names ENT G in a step not undone: an entry
 * of its own, or in a bulk entry. */
#define LOGGED_HERE(ENT, G)                                                          \
	"(EXISTS (SELECT 1 FROM main.log l WHERE l.entity = '" ENT "' AND l.guid = " G   \
	" AND l.undone = 0) OR EXISTS (SELECT 1 FROM temp.merge_bulk b WHERE b.here "     \
	"AND b.entity = '" ENT "' AND b.guid = " G " AND b.undone = 0))"

/* The GUIDs of ENT the other's log names. */
#define LOGGED_THERE(ENT)                                                            \
	"(SELECT guid FROM other.log WHERE entity = '" ENT "' AND guid IS NOT NULL "     \
	"UNION ALL SELECT guid FROM temp.merge_bulk WHERE NOT here AND entity = '" ENT "')"

/* Segments both have that differ, that the other removed, and that this
 * project removed; in document order (for the report). */
static const char segment_sync_sql[] =
	"SELECT u.guid FROM (SELECT t.guid FROM other.segment t JOIN main.segment s ON s.guid = t.guid "
	"JOIN temp.merge_doc d ON d.oid = t.doc_id JOIN temp.merge_code c ON c.oid = t.code_id "
	"JOIN temp.merge_coder k ON k.oid = t.coder_id "
	"WHERE s.start <> t.start OR s.\"end\" <> t.\"end\" OR s.weight <> t.weight OR "
	"s.memo <> t.memo OR s.doc_id <> d.id OR s.code_id <> c.id OR s.coder_id <> k.id "
	"UNION SELECT l.guid FROM " LOGGED_THERE("segment") " l WHERE NOT EXISTS (SELECT 1 "
	"FROM other.segment t WHERE t.guid = l.guid) AND EXISTS (SELECT 1 FROM main.segment s "
	"WHERE s.guid = l.guid) "
	"UNION SELECT t.guid FROM other.segment t WHERE NOT EXISTS (SELECT 1 FROM main.segment s "
	"WHERE s.guid = t.guid) AND " LOGGED_HERE("segment", "t.guid") ") u LEFT JOIN main.segment s ON s.guid = u.guid "
	"LEFT JOIN other.segment t ON t.guid = u.guid LEFT JOIN temp.merge_doc d ON d.oid = t.doc_id "
	"ORDER BY COALESCE(s.doc_id, d.id), COALESCE(s.start, t.start), u.guid";

static const char memo_sync_sql[] =
	"SELECT t.guid FROM other.memo t JOIN main.memo s ON s.guid = t.guid "
	"WHERE s.text <> t.text OR s.type <> t.type "
	"UNION SELECT l.guid FROM " LOGGED_THERE("memo") " l WHERE NOT EXISTS (SELECT 1 "
	"FROM other.memo t WHERE t.guid = l.guid) AND EXISTS (SELECT 1 FROM main.memo s "
	"WHERE s.guid = l.guid) "
	"UNION SELECT t.guid FROM other.memo t WHERE NOT EXISTS (SELECT 1 FROM main.memo s "
	"WHERE s.guid = t.guid) AND " LOGGED_HERE("memo", "t.guid");

/* New segments: neither here nor removed here, nor an identical coding
 * under another GUID (counted, left out); then they, their reviews and
 * memos, in bulk. */
static const char *const new_segments_sql[] = {
	"INSERT INTO temp.merge_new SELECT t.id, t.guid, d.id, c.id, k.id, t.start, t.\"end\" "
	"FROM other.segment t JOIN temp.merge_doc d ON d.oid = t.doc_id "
	"JOIN temp.merge_code c ON c.oid = t.code_id JOIN temp.merge_coder k ON k.oid = t.coder_id "
	"WHERE NOT EXISTS (SELECT 1 FROM main.segment s WHERE s.guid = t.guid) "
	"AND NOT " LOGGED_HERE("segment", "t.guid"),
	"DELETE FROM temp.merge_new WHERE EXISTS (SELECT 1 FROM main.segment s WHERE "
	"s.doc_id = merge_new.doc AND s.code_id = merge_new.code AND s.coder_id = merge_new.coder "
	"AND s.start = merge_new.start AND s.\"end\" = merge_new.\"end\")",
	"INSERT INTO main.segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, memo, "
	"created, modified) SELECT n.guid, n.doc, n.code, n.coder, n.start, n.\"end\", t.weight, "
	"t.memo, t.created, t.modified FROM temp.merge_new n JOIN other.segment t ON t.id = n.oid "
	"ORDER BY n.oid",
	"INSERT INTO main.review(segment_id, verdict, comment, reviewer_id, created) "
	"SELECT s.id, r.verdict, r.comment, k.id, r.created FROM temp.merge_new n "
	"JOIN other.review r ON r.segment_id = n.oid JOIN main.segment s ON s.guid = n.guid "
	"JOIN temp.merge_coder k ON k.oid = r.reviewer_id ORDER BY r.id",
	"INSERT INTO main.memo(guid, type, target, doc_id, code_id, segment_id, author_id, text, "
	"created, modified) SELECT x.guid, x.type, x.target, d.id, c.id, s.id, a.id, x.text, "
	"x.created, x.modified FROM temp.merge_new n JOIN other.memo x ON x.segment_id = n.oid "
	"JOIN main.segment s ON s.guid = n.guid LEFT JOIN temp.merge_doc d ON d.oid = x.doc_id "
	"LEFT JOIN temp.merge_code c ON c.oid = x.code_id "
	"LEFT JOIN temp.merge_coder a ON a.oid = x.author_id "
	"WHERE NOT EXISTS (SELECT 1 FROM main.memo y WHERE y.guid = x.guid) ORDER BY x.id",
};

static int new_segments(struct merge *m, struct anker_err *err)
{
	int changes[3] = {0};
	for (size_t i = 0; i < sizeof new_segments_sql / sizeof *new_segments_sql; i++) {
		if (store_run(m->st, err, new_segments_sql[i]))
			return err->status;
		if (i < 3)
			changes[i] = store_changes(m->st);
	}
	m->r->same += (size_t)changes[1];
	m->r->segments += (size_t)changes[2];
	return store_log_inserts(m->st, "merge", "segment", "SELECT guid FROM temp.merge_new", err);
}

/* Reviews the other gave a segment both have (a supervisor reviewed a
 * coder's copy): those this project lacks are added, and the segment's
 * change is logged. */
static const char reviewed_sql[] =
	"SELECT DISTINCT t.guid FROM other.review r JOIN other.segment t ON t.id = r.segment_id "
	"JOIN main.segment s ON s.guid = t.guid JOIN temp.merge_coder k ON k.oid = r.reviewer_id "
	"WHERE NOT EXISTS (SELECT 1 FROM main.review x WHERE x.segment_id = s.id AND "
	"x.verdict = r.verdict AND x.comment = r.comment AND x.reviewer_id = k.id AND "
	"x.created = r.created)";

static int merge_reviews(struct merge *m, const char *entity, const char *guid,
                         struct anker_err *err)
{
	struct strbuf before = {0}, after = {0};
	int rc = store_row_json(m->st, entity, guid, &before, err);
	if (!rc && store_run(m->st, err, "INSERT INTO main.review(segment_id, verdict, comment, "
	                     "reviewer_id, created) SELECT s.id, r.verdict, r.comment, k.id, "
	                     "r.created FROM other.review r JOIN other.segment t ON "
	                     "t.id = r.segment_id JOIN main.segment s ON s.guid = t.guid "
	                     "JOIN temp.merge_coder k ON k.oid = r.reviewer_id WHERE t.guid = :guid "
	                     "AND NOT EXISTS (SELECT 1 FROM main.review x WHERE x.segment_id = s.id "
	                     "AND x.verdict = r.verdict AND x.comment = r.comment AND "
	                     "x.reviewer_id = k.id AND x.created = r.created) ORDER BY r.id",
	                     STORE_TEXT(":guid", guid)))
		rc = err->status;
	if (!rc) {
		m->r->reviews += (size_t)store_changes(m->st);
		rc = store_row_json(m->st, entity, guid, &after, err);
	}
	if (!rc)
		rc = store_log(m->st, "merge", entity, guid, before.buf, after.buf, err);
	sb_free(&before);
	sb_free(&after);
	return rc;
}

/* New memos (on the project, a document, a code, or a segment both have),
 * unless removed here; those of new segments came with them. */
static const char new_memos_sql[] =
	"SELECT t.guid FROM other.memo t WHERE NOT EXISTS (SELECT 1 FROM main.memo s "
	"WHERE s.guid = t.guid) AND NOT " LOGGED_HERE("memo", "t.guid") " AND (t.segment_id IS NULL OR EXISTS (SELECT 1 "
	"FROM other.segment x JOIN main.segment s ON s.guid = x.guid WHERE x.id = t.segment_id)) "
	"ORDER BY t.id";

static int new_memo(struct merge *m, const char *entity, const char *guid, struct anker_err *err)
{
	int rc = store_row_json(m->other, entity, guid, &m->json, err);
	if (!rc)
		rc = merge_insert_row(m, entity, guid, err);
	m->r->memos += !rc;
	return rc;
}

int merge_rows(struct merge *m, struct anker_err *err)
{
	int rc = run_all(m->st, map_sql, sizeof map_sql / sizeof *map_sql, err);
	/* The rows both have first: the new ones need no deciding. */
	if (!rc)
		rc = each_guid(m, "segment", segment_sync_sql, sync_row, err);
	if (!rc)
		rc = new_segments(m, err);
	if (!rc)
		rc = each_guid(m, "segment", reviewed_sql, merge_reviews, err);
	if (!rc)
		rc = each_guid(m, "memo", memo_sync_sql, sync_row, err);
	if (!rc)
		rc = each_guid(m, "memo", new_memos_sql, new_memo, err);
	if (!rc)
		rc = run_all(m->st, drop_sql, sizeof drop_sql / sizeof *drop_sql, err);
	return rc;
}
