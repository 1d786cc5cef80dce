/* store/undo.c — which step undo and redo take, whether they may, and what
 * a step did, in words.  The walk itself is store/log.c's.
 *
 * Undo is per coder: without a number it takes the acting coder's newest
 * step that is not undone; redo takes the oldest of the coder's undone
 * steps after the coder's newest done one.  A step named by its number
 * may be anyone's, and an undone step can be redone by number however
 * much happened since, unless it conflicts.  A conflict is a change the
 * undo or redo would overwrite or take with it, or a row it cannot put
 * back:
 *   - a later step that is done changed one of the step's rows (a review
 *     of the coding being undone, a coding of the code being restored);
 *   - redo: a row is no longer as the undo left it (changed by a step made
 *     or redone since, or an earlier step on it is undone), or a row the
 *     step inserts exists again;
 *   - a row to be deleted would take rows of other steps with it (a
 *     document's codings or memos, a code's codings, subcodes or memos,
 *     memos made since on a coding);
 *   - a row to be put back refers to one that is gone (a coding's
 *     document or code, a memo's target, a code's parent);
 *   - store_row_apply finds a unique value taken (ANKER_EXISTS: a document
 *     name, a code number, an identical coding).
 * Everything is checked before the first row changes, in the walk's
 * transaction, so a refused step changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char *const kind_entity[STORE_NKINDS] = {
	"document", "code", "segment", "memo", "coder",
};
static const char *const kind_one[STORE_NKINDS] = {
	"document", "code", "coding", "memo", "coder",
};
static const char *const kind_many[STORE_NKINDS] = {
	"documents", "codes", "codings", "memos", "coders",
};

static int kind_of(const char *entity)
{
	for (int k = 0; k < STORE_NKINDS; k++)
		if (strcmp(kind_entity[k], entity) == 0)
			return k;
	return -1;
}

/* ---------------------------------------------------------------------- */
/* Queries: the first row of a statement with :step (and :redo) bound, its
 * columns as new strings (NULL for NULL).  1: a row, 0: none, -1: error. */

#define MAX_COLS 6

struct row {
	char *col[MAX_COLS];
	int64_t num[MAX_COLS];
};

static void row_free(struct row *r)
{
	for (int i = 0; i < MAX_COLS; i++)
		free(r->col[i]);
	memset(r, 0, sizeof *r);
}

static int first_row(struct store *st, const char *sql, int64_t step, int redo, struct row *r,
                     struct anker_err *err)
{
	struct store_stmt *s;
	memset(r, 0, sizeof *r);
	if (store_prepare(st, sql, &s, err) || store_bind_int(s, ":step", step, err) ||
	    (redo >= 0 && store_bind_int(s, ":redo", redo, err)))
		return -1;
	int rc = store_step(s, err);
	for (int i = 0; rc == 1 && i < MAX_COLS; i++) {
		r->num[i] = store_col_int(s, i);
		r->col[i] = store_col_null(s, i) ? NULL
		                                  : xstrndup(store_col_text(s, i), store_col_bytes(s, i));
	}
	store_done(s);
	return rc;
}

/* "the coding 12-40 by anna with 2.1 Portale in 'Interview 01'": a row for
 * messages, from its JSON as the log has it (NULL: only the GUID). */
static void row_label(struct store *st, const char *entity, const char *guid, const char *json,
                      struct strbuf *out)
{
	static const char sql[] =
		"SELECT CASE :entity "
		"WHEN 'document' THEN 'document ''' || json_extract(:j, '$.name') || '''' "
		"WHEN 'code' THEN 'code ' || ltrim(json_extract(:j, '$.number') || ' ' || "
		"  json_extract(:j, '$.name')) "
		"WHEN 'segment' THEN 'the coding ' || json_extract(:j, '$.start') || '-' || "
		"  json_extract(:j, '$.end') || ' by ' || json_extract(:j, '$.coder') || "
		"  COALESCE(' with ' || (SELECT ltrim(number || ' ' || name) FROM code "
		"    WHERE guid = json_extract(:j, '$.code')), '') || "
		"  COALESCE(' in ''' || (SELECT name FROM document "
		"    WHERE guid = json_extract(:j, '$.doc')) || '''', '') "
		"WHEN 'memo' THEN 'a memo by ' || json_extract(:j, '$.author') "
		"WHEN 'coder' THEN 'coder ''' || json_extract(:j, '$.name') || '''' END";
	struct store_stmt *s;
	const char *label = NULL;
	if (json && !store_prepare(st, sql, &s, NULL) && !store_bind_text(s, ":entity", entity, NULL) &&
	    !store_bind_text(s, ":j", json, NULL)) {
		if (store_step(s, NULL) == 1 && !store_col_null(s, 0))
			label = store_col_text(s, 0);
		if (label)
			sb_adds(out, label);
		store_done(s);
	}
	if (!label)
		sb_addf(out, "%s %s", entity, guid);
}

/* A step by number in words: "step 9 (review by ben)". */
static void step_label(struct store *st, int64_t step, struct strbuf *out)
{
	struct store_step s;
	if (log_step_info(st, step, &s, NULL) == ANKER_OK && s.step)
		store_step_name(&s, out);
	else
		sb_addf(out, "step %lld", (long long)step);
}

/* ---------------------------------------------------------------------- */
/* Describing a step */

int undo_counts(struct store *st, struct store_step *s, struct anker_err *err)
{
	struct store_stmt *q;
	int rc;
	memset(s->added, 0, sizeof s->added);
	memset(s->changed, 0, sizeof s->changed);
	memset(s->removed, 0, sizeof s->removed);
	/* A bulk entry (store_log_bulk) stands for the rows it names. */
	if (store_prepare(st, "SELECT entity, before IS NULL, after IS NULL, SUM(CASE WHEN guid "
	                      "IS NULL THEN json_array_length(after) ELSE 1 END) FROM log "
	                      "WHERE step = :step GROUP BY 1, 2, 3", &q, err) ||
	    store_bind_int(q, ":step", s->step, err))
		return store_failed(err);
	while ((rc = store_step(q, err)) == 1) {
		int k = kind_of(store_col_text(q, 0));
		size_t n = (size_t)store_col_int(q, 3);
		if (k < 0)
			continue;
		if (store_col_int(q, 1))
			s->added[k] += n;
		else if (store_col_int(q, 2))
			s->removed[k] += n;
		else
			s->changed[k] += n;
	}
	store_done(q);
	return rc < 0 ? store_failed(err) : ANKER_OK;
}

int store_step_get(struct store *st, int64_t n, struct store_step *out, struct anker_err *err)
{
	int rc = log_step_info(st, n, out, err);
	if (!rc && out->step == 0)
		return anker_err_set(err, ANKER_NOTFOUND, "there is no step %lld (anker log lists "
		                     "the steps)", (long long)n);
	return rc ? rc : undo_counts(st, out, err);
}

void store_step_name(const struct store_step *s, struct strbuf *out)
{
	sb_addf(out, "step %lld (%s by %s)", (long long)s->step, s->action, s->coder);
}

/* "5 documents, 54 codes" for counts per kind; false when all are 0. */
static bool add_counts(struct strbuf *out, const size_t *a, const size_t *b, const size_t *c)
{
	bool any = false;
	for (int k = 0; k < STORE_NKINDS; k++) {
		size_t n = a[k] + (b ? b[k] : 0) + (c ? c[k] : 0);
		if (!n)
			continue;
		sb_addf(out, "%s%zu %s", any ? ", " : "", n, n == 1 ? kind_one[k] : kind_many[k]);
		any = true;
	}
	return any;
}

void store_step_rows(const struct store_step *s, struct strbuf *out)
{
	if (!add_counts(out, s->added, s->changed, s->removed))
		sb_adds(out, "no rows");
}

void store_step_effect(const struct store_step *s, bool redo, struct strbuf *out)
{
	const struct {
		const size_t *n;
		const char *undo, *redo;
	} parts[] = {
		{ s->added, "removed ", "added " },
		{ s->removed, "restored ", "removed " },
		{ s->changed, "changed back ", "changed " },
	};
	bool any = false;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		struct strbuf part = {0};
		if (add_counts(&part, parts[i].n, NULL, NULL)) {
			sb_addf(out, "%s%s%s", any ? "; " : "", redo ? parts[i].redo : parts[i].undo,
			        sb_str(&part));
			any = true;
		}
		sb_free(&part);
	}
	if (!any)
		sb_adds(out, "no rows");
}

bool store_step_big(const struct store_step *s)
{
	return s->added[STORE_DOCUMENT] + s->removed[STORE_DOCUMENT] + s->added[STORE_CODE] +
	       s->removed[STORE_CODE] > 0 ||
	       s->added[STORE_SEGMENT] + s->removed[STORE_SEGMENT] + s->changed[STORE_SEGMENT] > 1;
}

/* ---------------------------------------------------------------------- */
/* Which step */

/* Nothing for the coder: say whose steps there are instead. */
static int nothing(struct store *st, bool redo, const char *coder, struct anker_err *err)
{
	struct store_stmt *s;
	struct strbuf other = {0};
	int64_t step = 0;
	if (store_prepare(st, redo ? "SELECT MAX(step) FROM log WHERE coder = :coder AND undone <> 0"
	                           : "SELECT MAX(step) FROM log WHERE undone = 0", &s, err) ||
	    (redo && store_bind_text(s, ":coder", coder, err)))
		return store_failed(err);
	int rc = store_step(s, err);
	if (rc == 1)
		step = store_col_int(s, 0);
	store_done(s);
	if (rc < 0)
		return store_failed(err);
	if (step)
		step_label(st, step, &other);
	if (!step)
		anker_err_set(err, ANKER_NOTFOUND, "nothing to %s", redo ? "redo" : "undo");
	else if (redo)
		anker_err_set(err, ANKER_NOTFOUND, "nothing to redo: %s changed the project after "
		              "undoing; %s stays undone and can be redone by its number", coder,
		              sb_str(&other));
	else
		anker_err_set(err, ANKER_NOTFOUND, "nothing to undo for %s: the newest step is %s, "
		              "which is undone only when named by its number", coder, sb_str(&other));
	sb_free(&other);
	return ANKER_NOTFOUND;
}

int undo_pick(struct store *st, bool redo, int64_t *step, struct anker_err *err)
{
	struct store_stmt *s;
	const char *coder = store_actor(st);
	*step = 0;
	if (store_prepare(st, redo ? "SELECT MIN(step) FROM log WHERE coder = :coder AND undone = 1 "
	                             "AND step > (SELECT COALESCE(MAX(step), 0) FROM log "
	                             "WHERE coder = :coder AND undone = 0)"
	                           : "SELECT MAX(step) FROM log WHERE coder = :coder AND undone = 0",
	                  &s, err) ||
	    store_bind_text(s, ":coder", coder, err))
		return store_failed(err);
	int rc = store_step(s, err);
	if (rc == 1)
		*step = store_col_int(s, 0);
	store_done(s);
	if (rc < 0)
		return store_failed(err);
	return *step ? ANKER_OK : nothing(st, redo, coder, err);
}

int store_undo_next(struct store *st, bool redo, struct store_step *out, struct anker_err *err)
{
	int64_t step;
	memset(out, 0, sizeof *out);
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if (!(rc = undo_pick(st, redo, &step, err)))
		rc = store_step_get(st, step, out, err);
	store_read_end(st);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Conflicts */

/* A conflict is the first row of a query, which say() puts in words. */
struct conflict {
	const char *sql;
	bool has_redo;           /* the SQL has :redo */
	void (*say)(struct store *st, const struct row *r, bool redo, struct anker_err *err);
};

static int check(struct store *st, const struct conflict *c, const struct store_step *s,
                 bool redo, struct anker_err *err)
{
	struct row r;
	int rc = first_row(st, c->sql, s->step, c->has_redo ? redo : -1, &r, err);
	if (rc == 1)
		c->say(st, &r, redo, err);
	row_free(&r);
	return rc < 0 ? store_failed(err) : rc ? ANKER_CONFLICT : ANKER_OK;
}

/* A later step that is done changed one of the step's rows (or added it
 * again, in bulk: store_log_bulk). */
static const char later_sql[] =
	"SELECT l.step, e.entity, e.guid, COALESCE(e.after, e.before) AS j "
	"FROM log e JOIN log l ON l.entity = e.entity AND l.guid = e.guid "
	"AND l.step > e.step AND l.undone = 0 WHERE e.step = :step "
	"UNION ALL SELECT l.step, e.entity, e.guid, COALESCE(e.after, e.before) "
	"FROM log l, json_each(l.after) b JOIN log e ON e.entity = l.entity AND e.guid = b.value "
	"AND e.step = :step WHERE l.entity IN ('segment', 'memo') AND l.guid IS NULL "
	"AND l.step > :step AND l.undone = 0 ORDER BY 1 LIMIT 1";

static void say_later(struct store *st, const struct row *r, bool redo, struct anker_err *err)
{
	struct strbuf later = {0}, what = {0};
	step_label(st, r->num[0], &later);
	row_label(st, r->col[1], r->col[2], r->col[3], &what);
	anker_err_set(err, ANKER_CONFLICT, "%s changed %s since%s: undo that first",
	              sb_str(&later), sb_str(&what), redo ? " it was undone" : "");
	sb_free(&later);
	sb_free(&what);
}

/* Rows the walk deletes (undo: those the step inserted; redo: those it
 * deleted) with rows of other steps hanging on them (rows the step
 * changes itself, as a merge moves a code's codings, are not in the way).
 * A coding's own memos go with it (they are part of its row), unless made
 * since (those of bulk entries, store_log_bulk, read once: the IN list
 * does not depend on the memo). */
static const char hangers_sql[] =
	"WITH del AS (SELECT entity, guid FROM log WHERE step = :step AND "
	"  CASE WHEN :redo THEN after IS NULL ELSE before IS NULL END), "
	"mine AS (SELECT entity, guid FROM log WHERE step = :step), "
	"hang(label, what, n) AS ("
	"  SELECT 'document ''' || d.name || '''', 'coding', (SELECT COUNT(*) FROM segment s "
	"    WHERE s.doc_id = d.id AND s.guid NOT IN (SELECT guid FROM mine WHERE entity = 'segment')) "
	"    FROM del JOIN document d ON del.entity = 'document' AND d.guid = del.guid "
	"  UNION ALL SELECT 'document ''' || d.name || '''', 'memo', (SELECT COUNT(*) FROM memo m "
	"    WHERE m.doc_id = d.id AND m.segment_id IS NULL AND m.guid NOT IN (SELECT guid FROM mine "
	"    WHERE entity = 'memo')) "
	"    FROM del JOIN document d ON del.entity = 'document' AND d.guid = del.guid "
	"  UNION ALL SELECT 'code ' || ltrim(c.number || ' ' || c.name), 'coding', (SELECT COUNT(*) "
	"    FROM segment s WHERE s.code_id = c.id AND s.guid NOT IN (SELECT guid FROM mine "
	"    WHERE entity = 'segment')) FROM del JOIN code c ON del.entity = 'code' AND c.guid = del.guid "
	"  UNION ALL SELECT 'code ' || ltrim(c.number || ' ' || c.name), 'subcode', (SELECT COUNT(*) "
	"    FROM code k WHERE k.parent_id = c.id AND k.guid NOT IN (SELECT guid FROM mine "
	"    WHERE entity = 'code')) FROM del JOIN code c ON del.entity = 'code' AND c.guid = del.guid "
	"  UNION ALL SELECT 'code ' || ltrim(c.number || ' ' || c.name), 'memo', (SELECT COUNT(*) "
	"    FROM memo m WHERE m.code_id = c.id AND m.segment_id IS NULL AND m.guid NOT IN (SELECT "
	"    guid FROM mine WHERE entity = 'memo')) "
	"    FROM del JOIN code c ON del.entity = 'code' AND c.guid = del.guid "
	"  UNION ALL SELECT 'the coding ' || s.start || '-' || s.\"end\" || ' in ''' || d.name || "
	"    '''', 'memo made since', (SELECT COUNT(*) FROM memo m WHERE m.segment_id = s.id AND "
	"    (EXISTS (SELECT 1 FROM log l WHERE l.entity = 'memo' AND l.guid = m.guid "
	"    AND l.step > :step AND l.undone = 0) OR m.guid IN (SELECT b.value FROM log l, "
	"    json_each(l.after) b WHERE l.entity = 'memo' AND l.guid IS NULL AND l.step > :step "
	"    AND l.undone = 0))) "
	"    FROM del JOIN segment s ON del.entity = 'segment' AND s.guid = del.guid "
	"    JOIN document d ON d.id = s.doc_id) "
	"SELECT n, label, what FROM hang WHERE n > 0 LIMIT 1";

static void say_hangers(struct store *st, const struct row *r, bool redo,
                        struct anker_err *err)
{
	(void)st;
	(void)redo;
	anker_err_set(err, ANKER_CONFLICT, "%s would take %lld %s%s of other steps with it",
	              r->col[1], (long long)r->num[0], r->col[2], r->num[0] == 1 ? "" : "s");
}

/* A row the walk puts back (undo: before; redo: after) refers to a row
 * that neither exists nor is put back by the step. */
static const char refs_sql[] =
	"WITH mine AS (SELECT entity, guid FROM log WHERE step = :step AND "
	"  CASE WHEN :redo THEN after ELSE before END IS NOT NULL), "
	"put AS (SELECT entity, guid, CASE WHEN :redo THEN after ELSE before END AS j FROM log "
	"  WHERE step = :step AND entity IN ('segment', 'memo', 'code') AND "
	"  CASE WHEN :redo THEN after ELSE before END IS NOT NULL), "
	"ref(entity, guid, j, rent, rguid) AS ("
	"  SELECT entity, guid, j, 'document', json_extract(j, '$.doc') FROM put "
	"    WHERE entity IN ('segment', 'memo') "
	"  UNION ALL SELECT entity, guid, j, 'code', json_extract(j, '$.code') FROM put "
	"    WHERE entity IN ('segment', 'memo') "
	"  UNION ALL SELECT entity, guid, j, 'segment', json_extract(j, '$.segment') FROM put "
	"    WHERE entity = 'memo' "
	"  UNION ALL SELECT entity, guid, j, 'code', json_extract(j, '$.parent') FROM put "
	"    WHERE entity = 'code') "
	"SELECT entity, guid, j, rent, rguid, (SELECT COALESCE(l.before, l.after) FROM log l "
	"  WHERE l.entity = ref.rent AND l.guid = ref.rguid ORDER BY l.id DESC LIMIT 1) "
	"FROM ref WHERE rguid IS NOT NULL "
	"  AND NOT EXISTS (SELECT 1 FROM mine WHERE mine.entity = rent AND mine.guid = rguid) "
	"  AND NOT EXISTS (SELECT 1 FROM document WHERE rent = 'document' AND guid = rguid) "
	"  AND NOT EXISTS (SELECT 1 FROM code WHERE rent = 'code' AND guid = rguid) "
	"  AND NOT EXISTS (SELECT 1 FROM segment WHERE rent = 'segment' AND guid = rguid) "
	"LIMIT 1";

static void say_refs(struct store *st, const struct row *r, bool redo, struct anker_err *err)
{
	struct strbuf what = {0}, gone = {0};
	(void)redo;
	row_label(st, r->col[0], r->col[1], r->col[2], &what);
	row_label(st, r->col[3], r->col[4], r->col[5], &gone);
	anker_err_set(err, ANKER_CONFLICT, "%s refers to %s, which is gone", sb_str(&what),
	              sb_str(&gone));
	sb_free(&what);
	sb_free(&gone);
}

static const struct conflict later = { later_sql, false, say_later };
static const struct conflict hangers = { hangers_sql, true, say_hangers };
static const struct conflict refs = { refs_sql, true, say_refs };

/* Is there a row of this entity with this GUID?  (Without reading it: a
 * document may be 100 MB.)  1 yes, 0 no, -1 error. */
static int row_exists(struct store *st, const char *entity, const char *guid,
                      struct anker_err *err)
{
	static const char *const sql[STORE_NKINDS] = {
		"SELECT 1 FROM document WHERE guid = :guid", "SELECT 1 FROM code WHERE guid = :guid",
		"SELECT 1 FROM segment WHERE guid = :guid", "SELECT 1 FROM memo WHERE guid = :guid",
		"SELECT 1 FROM coder WHERE guid = :guid",
	};
	struct store_stmt *s;
	int k = kind_of(entity);
	if (k < 0)
		return 0;
	if (store_prepare(st, sql[k], &s, err) || store_bind_text(s, ":guid", guid, err))
		return -1;
	int rc = store_step(s, err);
	store_done(s);
	return rc;
}

/* Why row (entity, guid) differs from what redo of step expects: an
 * earlier step on it is undone, or another changed it last. */
static void state_why(struct store *st, int64_t step, const char *entity, const char *guid,
                      const char *what, struct anker_err *err)
{
	struct store_stmt *s;
	struct strbuf other = {0};
	int64_t earlier = 0, last = 0;
	if (!store_prepare(st, "SELECT MAX(CASE WHEN step < :step AND undone <> 0 THEN step END), "
	                       "MAX(CASE WHEN step <> :step AND undone = 0 THEN step END) FROM log "
	                       "WHERE entity = :entity AND guid = :guid", &s, NULL) &&
	    !store_bind_int(s, ":step", step, NULL) && !store_bind_text(s, ":entity", entity, NULL) &&
	    !store_bind_text(s, ":guid", guid, NULL)) {
		if (store_step(s, NULL) == 1) {
			earlier = store_col_int(s, 0);
			last = store_col_int(s, 1);
		}
		store_done(s);
	}
	if (earlier || last)
		step_label(st, earlier ? earlier : last, &other);
	if (earlier)
		anker_err_set(err, ANKER_CONFLICT, "%s is not as it was: %s, which this step builds "
		              "on, is undone; redo that first", what, sb_str(&other));
	else if (last)
		anker_err_set(err, ANKER_CONFLICT, "%s has changed since it was undone (last by %s)",
		              what, sb_str(&other));
	else
		anker_err_set(err, ANKER_CONFLICT, "%s has changed since it was undone", what);
	sb_free(&other);
}

/* Redo: the row of one entry is as the undo left it: as the entry's
 * before, or absent when that is NULL. */
static int check_row_state(struct store *st, int64_t step, int64_t id, struct anker_err *err)
{
	struct store_stmt *s;
	char *entity = NULL, *guid = NULL, *before = NULL, *after = NULL;
	struct strbuf cur = {0}, what = {0};
	bool head = false;
	/* A document's rename or variables are logged as its head
	 * (store_row_json_head): compare like with like. */
	if (store_prepare(st, "SELECT entity, guid, before, entity = 'document' AND before IS NOT "
	                      "NULL AND json_type(before, '$.text') IS NULL FROM log WHERE id = :id",
	                  &s, err) ||
	    store_bind_int(s, ":id", id, err))
		return store_failed(err);
	int rc = store_step(s, err);
	if (rc == 1) {
		entity = xstrdup(store_col_text(s, 0));
		guid = xstrdup(store_col_text(s, 1));
		if (!store_col_null(s, 2))
			before = xstrndup(store_col_text(s, 2), store_col_bytes(s, 2));
		head = store_col_int(s, 3) != 0;
	}
	store_done(s);
	if (rc <= 0) {
		rc = rc < 0 ? store_failed(err) : ANKER_OK;
		goto out;
	}
	rc = ANKER_OK;
	if (!before) {
		int there = row_exists(st, entity, guid, err);
		if (there < 0)
			rc = store_failed(err);
		else if (there) {
			if (!store_row_json(st, entity, guid, &cur, err))
				after = cur.buf;
			row_label(st, entity, guid, after, &what);
			rc = anker_err_set(err, ANKER_CONFLICT, "%s exists again", sb_str(&what));
		}
	} else if ((rc = head ? store_row_json_head(st, entity, guid, &cur, err)
	                      : store_row_json(st, entity, guid, &cur, err)) == ANKER_NOTFOUND) {
		row_label(st, entity, guid, before, &what);
		rc = anker_err_set(err, ANKER_CONFLICT, "%s is gone", sb_str(&what));
	} else if (!rc && strcmp(sb_str(&cur), before) != 0) {
		row_label(st, entity, guid, before, &what);
		state_why(st, step, entity, guid, sb_str(&what), err);
		rc = ANKER_CONFLICT;
	}
out:
	free(entity);
	free(guid);
	free(before);
	sb_free(&cur);
	sb_free(&what);
	return rc;
}

static int check_state(struct store *st, const struct store_step *s, struct anker_err *err)
{
	struct store_stmt *q;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;
	/* The first entry of each row; collected first, as checking prepares
	 * statements of its own. */
	if (store_prepare(st, "SELECT MIN(id) FROM log WHERE step = :step GROUP BY entity, guid",
	                  &q, err) ||
	    store_bind_int(q, ":step", s->step, err))
		return store_failed(err);
	while ((rc = store_step(q, err)) == 1) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = store_col_int(q, 0);
	}
	store_done(q);
	rc = rc < 0 ? store_failed(err) : ANKER_OK;
	for (size_t i = 0; i < n && !rc; i++)
		rc = check_row_state(st, s->step, ids[i], err);
	free(ids);
	return rc;
}

int undo_check(struct store *st, const struct store_step *s, bool redo, struct anker_err *err)
{
	int rc = check(st, &later, s, redo, err);
	if (!rc && redo)
		rc = check_state(st, s, err);
	if (!rc)
		rc = check(st, &hangers, s, redo, err);
	if (!rc)
		rc = check(st, &refs, s, redo, err);
	return rc;
}
