/* store/log.c — the change log, undo and redo.
 *
 * Undo restores `before` of each entry of a step, newest entry first; an
 * insert (before NULL) is undone by deleting the row, after capturing it
 * whole into the entry's `after` so that redo can bring it back (a
 * document import logs only a small `after`, to keep big corpora out of
 * the log until they are undone).  Neither undo nor redo logs.  Which step
 * they take, and whether they may, is store/undo.c's; rows are captured
 * and applied by store/row.c.  Writing the log (store_log) and the acting
 * coder are at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* ---------------------------------------------------------------------- */
/* Undo and redo.  log.undone: 0 done; 1 undone, and plain redo (the
 * coder's) brings it back; 2 undone before the coder made a new step, so
 * off the coder's redo path (linear, as in vim), but redo of it by number
 * still works, however much happened since. */

struct entry {
	int64_t id;
	char *entity, *guid, *before, *after;
};

static char *col_dup(struct store_stmt *s, int col)
{
	return store_col_null(s, col) ? NULL : xstrndup(store_col_text(s, col),
	                                                store_col_bytes(s, col));
}

static void entry_free(struct entry *e)
{
	free(e->entity);
	free(e->guid);
	free(e->before);
	free(e->after);
}

/* One entry at a time: a step may hold whole documents. */
static int entry_load(struct store *st, int64_t id, struct entry *e, struct anker_err *err)
{
	struct store_stmt *s;
	memset(e, 0, sizeof *e);
	e->id = id;
	if (store_prepare(st, "SELECT entity, guid, before, after FROM log WHERE id = :id", &s,
	                  err) ||
	    store_bind_int(s, ":id", id, err))
		return store_failed(err);
	int rc = store_step(s, err);
	if (rc == 1) {
		e->entity = col_dup(s, 0);
		e->guid = col_dup(s, 1);
		e->before = col_dup(s, 2);
		e->after = col_dup(s, 3);
	}
	store_done(s);
	if (rc == 0)
		return anker_err_set(err, ANKER_DB, "internal: log entry %lld vanished", (long long)id);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* The ids of a step's entries: newest first for undo, oldest first for redo. */
static int step_ids(struct store *st, int64_t step, bool backwards, int64_t **ids, size_t *n,
                    struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*ids = NULL;
	*n = 0;
	if (store_prepare(st, backwards ? "SELECT id FROM log WHERE step = :step ORDER BY id DESC"
	                                : "SELECT id FROM log WHERE step = :step ORDER BY id",
	                  &s, err) ||
	    store_bind_int(s, ":step", step, err))
		return store_failed(err);
	while ((rc = store_step(s, err)) == 1) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = store_col_int(s, 0);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Columns: step, time, coder, action, changes, undone; one row per step,
 * described by its first entry.  The grouping reads only the step index;
 * a bulk entry (store_log_bulk) counts its rows, found by the log_row
 * index. */
#define STEP_SELECT                                                                \
	"SELECT l.step, l.time, l.coder, l.action, g.n + COALESCE((SELECT "            \
	"SUM(json_array_length(b.after) - 1) FROM log b WHERE b.entity IN ('segment', " \
	"'memo') AND b.guid IS NULL AND b.step = g.step), 0), l.undone FROM (SELECT "   \
	"step, MIN(id) AS first, COUNT(*) AS n FROM log "

static void step_fill(struct store_stmt *s, struct store_step *out)
{
	memset(out, 0, sizeof *out);
	out->step = store_col_int(s, 0);
	snprintf(out->time, sizeof out->time, "%s", store_col_text(s, 1));
	snprintf(out->coder, sizeof out->coder, "%s", store_col_text(s, 2));
	snprintf(out->action, sizeof out->action, "%s", store_col_text(s, 3));
	out->changes = (size_t)store_col_int(s, 4);
	out->undone = store_col_int(s, 5) != 0;
}

int log_step_info(struct store *st, int64_t step, struct store_step *out,
                  struct anker_err *err)
{
	struct store_stmt *s;
	memset(out, 0, sizeof *out);
	if (store_prepare(st, STEP_SELECT "WHERE step = :step GROUP BY step) g "
	                      "JOIN log l ON l.id = g.first", &s, err) ||
	    store_bind_int(s, ":step", step, err))
		return store_failed(err);
	int rc = store_step(s, err);
	if (rc == 1)
		step_fill(s, out);
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Undo one entry: restore before, or delete what was inserted after
 * keeping it whole in `after` for redo. */
static int entry_undo(struct store *st, struct entry *e, struct anker_err *err)
{
	struct strbuf cur = {0};
	int rc = ANKER_OK;
	if (!e->before && e->after) {
		rc = store_row_json(st, e->entity, e->guid, &cur, err);
		if (!rc)
			rc = store_row_delete(st, e->entity, e->guid, err);
	} else if (e->before) {
		rc = store_row_apply(st, e->entity, e->before, err);
	}
	if (!rc && store_run(st, err, "UPDATE log SET undone = 1, after = COALESCE(:after, after) "
	                              "WHERE id = :id",
	                     STORE_TEXT(":after", cur.buf), STORE_INT(":id", e->id)))
		rc = store_failed(err);
	sb_free(&cur);
	return rc;
}

static int entry_redo(struct store *st, struct entry *e, struct anker_err *err)
{
	int rc = ANKER_OK;
	if (!e->after && e->before)
		rc = store_row_delete(st, e->entity, e->guid, err);
	else if (e->after)
		rc = store_row_apply(st, e->entity, e->after, err);
	if (!rc && store_run(st, err, "UPDATE log SET undone = 0 WHERE id = :id",
	                     STORE_INT(":id", e->id)))
		rc = store_failed(err);
	return rc;
}

/* The rows of bulk entry id (store_log_bulk) as one entry each at the end
 * of the log, in its order: as store_log_inserts logs them. */
static int bulk_spell(struct store *st, int64_t id, const char *entity, struct anker_err *err)
{
	struct row_sql e;
	if (row_sql(entity, &e, err))
		return ANKER_INPUT;
	/* A row gone since (a later step removed it) gets an empty object:
	 * the later step's own entry makes undo refuse, as it would have. */
	struct strbuf sql = {0};
	sb_addf(&sql, "INSERT INTO log(step, time, coder, action, entity, guid, before, after, "
	              "undone) SELECT l.step, l.time, l.coder, l.action, l.entity, j.value, NULL, "
	              "COALESCE((SELECT %s FROM %s WHERE %s.guid = j.value), '{}'), l.undone "
	              "FROM log l, json_each(l.after) j WHERE l.id = :id ORDER BY j.key",
	        e.object, e.from, e.alias);
	int rc = store_run(st, err, sql.buf, STORE_INT(":id", id));
	sb_free(&sql);
	return rc ? store_failed(err) : ANKER_OK;
}

/* A step with bulk entries (store_log_bulk), before its first undo, is
 * written out as one entry per row: each entry of the step copied to the
 * end of the log in its order, a bulk entry as its rows, and the old ones
 * deleted.  The checks, undo and redo then read it as any other.  Moving
 * a step's entries past later steps' changes nothing for those: steps are
 * ordered by number, and ids matter only within a step.  Inside the walk's
 * transaction, so a refused undo leaves the entry as it was. */
static int spell_out(struct store *st, int64_t step, struct anker_err *err)
{
	int64_t *ids = NULL;
	size_t n = 0;
	bool any;
	int rc;
	if (store_exists(st, &any, err, "SELECT 1 FROM log WHERE entity IN ('segment', 'memo') AND "
	                 "guid IS NULL AND step = :step", STORE_INT(":step", step)))
		return err->status;
	if (!any)
		return ANKER_OK;
	if ((rc = step_ids(st, step, false, &ids, &n, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		struct entry e;
		if ((rc = entry_load(st, ids[i], &e, err)))
			break;
		if (!e.guid)
			rc = bulk_spell(st, e.id, e.entity, err);
		else if (store_run(st, err, "INSERT INTO log(step, time, coder, action, entity, guid, "
		                   "before, after, undone) SELECT step, time, coder, action, entity, "
		                   "guid, before, after, undone FROM log WHERE id = :id",
		                   STORE_INT(":id", e.id)))
			rc = store_failed(err);
		entry_free(&e);
	}
	if (!rc && store_run(st, err, "DELETE FROM log WHERE step = :step AND id <= :last",
	                     STORE_INT(":step", step), STORE_INT(":last", ids[n - 1])))
		rc = store_failed(err);
	free(ids);
	return rc;
}

/* The coder's undone steps older than the coder's newest done one: a new
 * step was made after they were undone.  Marked when undo or redo next
 * runs, before anything could take them for the coder's redo path. */
static int abandon(struct store *st, const char *coder, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, "UPDATE log SET undone = 2 WHERE coder = :coder AND undone = 1 AND "
	                      "step < (SELECT COALESCE(MAX(step), 0) FROM log WHERE coder = :coder "
	                      "AND undone = 0)", &s, err) ||
	    store_bind_text(s, ":coder", coder, err) || store_step(s, err) < 0)
		return store_failed(err);
	store_done(s);
	return ANKER_OK;
}

static int walk(struct store *st, bool undo, int64_t step, struct store_step *done,
                struct anker_err *err)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;
	memset(done, 0, sizeof *done);
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = abandon(st, store_actor(st), err)) ||
	    (step == 0 && (rc = undo_pick(st, !undo, &step, err))) ||
	    (rc = store_step_get(st, step, done, err)) ||
	    (strcmp(done->coder, store_actor(st)) != 0 && (rc = abandon(st, done->coder, err))))
		goto fail;
	if (done->undone == undo)
		rc = anker_err_set(err, ANKER_INPUT, "it is %s", undo ? "undone already" : "not undone");
	if (!rc)
		rc = spell_out(st, step, err);
	if (!rc)
		rc = undo_check(st, done, !undo, err);
	if (!rc)
		rc = step_ids(st, step, undo, &ids, &n, err);
	for (size_t i = 0; i < n && !rc; i++) {
		struct entry e;
		if ((rc = entry_load(st, ids[i], &e, err)))
			break;
		rc = undo ? entry_undo(st, &e, err) : entry_redo(st, &e, err);
		entry_free(&e);
	}
	free(ids);
	if (rc) {
		struct strbuf name = {0};
		store_step_name(done, &name);
		anker_err_prefix(err, "cannot %s %s", undo ? "undo" : "redo", sb_str(&name));
		sb_free(&name);
		goto fail;
	}
	done->undone = undo;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

int store_undo(struct store *st, int64_t step, struct store_step *done, struct anker_err *err)
{
	return walk(st, true, step, done, err);
}

int store_redo(struct store *st, int64_t step, struct store_step *done, struct anker_err *err)
{
	return walk(st, false, step, done, err);
}

int store_steps(struct store *st, size_t limit, struct store_step **out, size_t *n,
                struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, STEP_SELECT "GROUP BY step ORDER BY step DESC LIMIT :limit) g "
	                      "JOIN log l ON l.id = g.first ORDER BY l.step DESC", &s, err) ||
	    store_bind_int(s, ":limit", limit ? (int64_t)limit : -1, err))
		return store_failed(err);
	while ((rc = store_step(s, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		step_fill(s, &(*out)[(*n)++]);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int store_log_entries(struct store *st, size_t limit, struct store_log_entry **out, size_t *n,
                      struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT id, step, time, coder, action, entity, guid, before, after, "
	                      "undone FROM log WHERE step IN (SELECT DISTINCT step FROM log "
	                      "ORDER BY step DESC LIMIT :limit) ORDER BY step DESC, id", &s, err) ||
	    store_bind_int(s, ":limit", limit ? (int64_t)limit : -1, err))
		return store_failed(err);
	while ((rc = store_step(s, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct store_log_entry *e = &(*out)[(*n)++];
		e->id = store_col_int(s, 0);
		e->step = store_col_int(s, 1);
		snprintf(e->time, sizeof e->time, "%s", store_col_text(s, 2));
		snprintf(e->coder, sizeof e->coder, "%s", store_col_text(s, 3));
		snprintf(e->action, sizeof e->action, "%s", store_col_text(s, 4));
		snprintf(e->entity, sizeof e->entity, "%s", store_col_text(s, 5));
		snprintf(e->guid, sizeof e->guid, "%s", store_col_text(s, 6));
		e->before = col_dup(s, 7);
		e->after = col_dup(s, 8);
		e->undone = store_col_int(s, 9) != 0;
	}
	store_done(s);
	if (rc < 0) {
		store_log_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ANKER_DB;
	}
	return ANKER_OK;
}

void store_log_entries_free(struct store_log_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].before);
		free(v[i].after);
	}
	free(v);
}

/* ---------------------------------------------------------------------- */
/* Writing the log, and the coders it names. */

const char *store_default_coder(void)
{
	const char *c = getenv("ANKER_CODER");
	if (c && *c)
		return c;
	c = getenv("USER");
	if (c && *c)
		return c;
	return "anker";
}

int store_coder_id(struct store *st, const char *name, int64_t *id, struct anker_err *err)
{
	if (!name)
		name = store_default_coder();
	int rc = store_get_int(st, id, err, "SELECT id FROM coder WHERE name = :name",
	                       STORE_TEXT(":name", name));
	if (rc != ANKER_NOTFOUND)
		return rc ? ANKER_DB : ANKER_OK;
	char guid[37];
	store_guid(guid);
	if (store_run(st, err, "INSERT INTO coder(guid, name) VALUES (:guid, :name)",
	              STORE_TEXT(":guid", guid), STORE_TEXT(":name", name)))
		return ANKER_DB;
	*id = store_last_rowid(st);
	return ANKER_OK;
}

void store_set_actor(struct store *st, const char *coder)
{
	if (coder == st->actor)
		return;
	free(st->actor);
	st->actor = coder ? xstrdup(coder) : NULL;
}

const char *store_actor(const struct store *st)
{
	return st->actor ? st->actor : store_default_coder();
}

void store_log_action(struct store *st, const char *action)
{
	snprintf(st->step_action, sizeof st->step_action, "%s", action ? action : "");
}

int log_insert(struct store *st, const char *sql, const char *action,
               const struct store_arg *more, struct anker_err *err)
{
	char now[32];
	struct store_arg args[12];
	size_t n = 0;
	if (st->depth <= 0)
		return anker_err_set(err, ANKER_DB, "internal: store_log outside a transaction");
	if (st->step == 0 &&
	    store_query_int(st, "SELECT COALESCE(MAX(step), 0) + 1 FROM log", &st->step, err))
		return ANKER_DB;
	store_now(now);
	args[n++] = STORE_INT(":step", st->step);
	args[n++] = STORE_TEXT(":time", now);
	args[n++] = STORE_TEXT(":coder", store_actor(st));
	args[n++] = STORE_TEXT(":action", st->step_action[0] ? st->step_action : action);
	for (; more->bind; more++) {
		if (n + 1 == sizeof args / sizeof *args)
			return anker_err_set(err, ANKER_DB, "internal: too many log fields: %s", sql);
		args[n++] = *more;
	}
	args[n] = STORE_END_;
	return store_run_args(st, err, sql, args) ? ANKER_DB : ANKER_OK;
}

int store_log(struct store *st, const char *action, const char *entity, const char *guid,
              const char *before, const char *after, struct anker_err *err)
{
	return log_insert(st, "INSERT INTO log(step, time, coder, action, entity, guid, before, "
	                      "after) VALUES (:step, :time, :coder, :action, :entity, :guid, "
	                      ":before, :after)", action,
	                  STORE_LIST_(0, STORE_TEXT(":entity", entity), STORE_TEXT(":guid", guid),
	                              STORE_TEXT(":before", before), STORE_TEXT(":after", after),
	                              STORE_END_), err);
}

/* Rows added in bulk (store/row.c gives their JSON as SQL). */

/* Rows of entity added in bulk, whose GUIDs guids_sql selects, logged as
 * inserted: one entry each with its JSON (rows), or one for all. */
static int log_added(struct store *st, const char *action, const char *entity,
                     const char *guids_sql, bool rows, struct anker_err *err)
{
	struct row_sql e;
	if (row_sql(entity, &e, err))
		return ANKER_INPUT;
	struct strbuf sql = {0};
	sb_adds(&sql, "INSERT INTO log(step, time, coder, action, entity, guid, before, after) ");
	if (rows) /* the row JSON as store_row_json writes it, from the same macros */
		sb_addf(&sql, "SELECT :step, :time, :coder, :action, '%s', %s.guid, NULL, %s FROM %s "
		              "WHERE %s.guid IN (%s) ORDER BY %s.id", e.name, e.alias, e.object, e.from,
		        e.alias, guids_sql, e.alias);
	else /* as the caller orders them, with no look-up of each in the GUID index */
		sb_addf(&sql, "SELECT :step, :time, :coder, :action, '%s', NULL, NULL, "
		              "json_group_array(guid) FROM (%s) HAVING COUNT(*) > 0", e.name, guids_sql);
	int rc = log_insert(st, sql.buf, action, STORE_LIST_(0, STORE_END_), err);
	sb_free(&sql);
	return rc ? store_failed(err) : ANKER_OK;
}

int store_log_inserts(struct store *st, const char *action, const char *entity,
                      const char *guids_sql, struct anker_err *err)
{
	return log_added(st, action, entity, guids_sql, true, err);
}

int store_log_bulk(struct store *st, const char *action, const char *entity,
                   const char *guids_sql, struct anker_err *err)
{
	return log_added(st, action, entity, guids_sql, false, err);
}
