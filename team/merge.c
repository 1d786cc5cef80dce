/* team/merge.c — team work: a blind copy for a coder, and merging
 * another project's work back in by GUID.
 *
 * Coders, documents and codes move as whole rows, the JSON of
 * store_row_json applied with store_row_apply, so that a merged row is
 * exactly the other project's (references by GUID); segments and memos,
 * the bulk of a merge, are team/merge_rows.c's.  Every change is logged
 * like any other: undo takes the whole merge back as one step.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge_int.h"

/* Strip the copy down to what a blind coder may see. */
static int blind_strip(struct store *copy, const char *coder, struct anker_err *err)
{
	int64_t id;
	if (store_begin(copy, err))
		return err->status;
	if (store_run(copy, err, "DELETE FROM memo WHERE target = 'segment'") ||
	    store_run(copy, err, "DELETE FROM review") || store_run(copy, err, "DELETE FROM segment") ||
	    store_run(copy, err, "DELETE FROM log") || store_run(copy, err, "DELETE FROM result") ||
	    store_coder_id(copy, coder, &id, err) ||
	    store_meta_set(copy, "blind_coder", coder, err)) {
		store_rollback(copy);
		return err->status ? err->status : ANKER_DB;
	}
	return store_commit(copy, err);
}

/* SQLite's messages name the file of the store (the project, or the copy
 * under its temporary name); name the copy the user asked for instead. */
static void name_copy(struct anker_err *err, const char *named, const char *out)
{
	size_t n = strlen(named);
	if (strncmp(err->msg, named, n) == 0 && strncmp(err->msg + n, ": ", 2) == 0)
		memmove(err->msg, err->msg + n + 2, strlen(err->msg + n + 2) + 1);
	anker_err_prefix(err, "%s", out);
}

int team_blind(struct store *st, const char *coder, const char *out, struct anker_err *err)
{
	struct store *copy;
	if (!coder || !*coder)
		return anker_err_set(err, ANKER_INPUT, "the blind copy needs a coder's name");
	if (access(out, F_OK) == 0)
		return anker_err_set(err, ANKER_EXISTS, "%s exists already (a blind copy is always "
		                     "a new file)", out);
	/* VACUUM INTO writes a consistent copy even while others use the
	 * project; the copy is then stripped and compacted, all under a
	 * temporary name, and linked to OUT complete (as init does). */
	struct strbuf tmp = {0};
	store_new_name(&tmp, out);
	int rc = store_run(st, err, "VACUUM INTO :out", STORE_TEXT(":out", tmp.buf));
	if (rc)
		name_copy(err, store_path(st), out);
	if (!rc && !(rc = store_open(tmp.buf, STORE_OPEN_EXISTING, &copy, err))) {
		rc = blind_strip(copy, coder, err);
		if (!rc)
			rc = store_exec(copy, "VACUUM", err);
		int closed = store_finish(copy, rc ? NULL : err);
		rc = rc ? rc : closed;
	}
	if (rc == ANKER_OK)
		rc = store_link_new(tmp.buf, out, err);
	else if (strncmp(err->msg, tmp.buf, tmp.len) == 0)
		name_copy(err, tmp.buf, out);
	if (rc == ANKER_EXISTS)
		anker_err_set(err, ANKER_EXISTS, "%s exists already (a blind copy is always a new "
		              "file)", out);
	store_remove_files(tmp.buf);
	sb_free(&tmp);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Merge. */

void team_merge_report_free(struct team_merge_report *r)
{
	for (size_t i = 0; i < r->nconflicts; i++)
		free(r->conflicts[i]);
	free(r->conflicts);
	for (size_t i = 0; i < r->nchanges; i++) {
		struct team_merge_change *c = &r->changes[i];
		free(c->entity);
		free(c->guid);
		free(c->doc);
		free(c->code);
		free(c->coder);
		free(c->here);
		free(c->there);
		free(c->result);
	}
	free(r->changes);
	memset(r, 0, sizeof *r);
}

/* Add a message (taken over) to r->conflicts. */
static void conflict_add(struct team_merge_report *r, struct strbuf *msg)
{
	r->conflicts = xreallocarray(r->conflicts, r->nconflicts + 1, sizeof *r->conflicts);
	r->conflicts[r->nconflicts++] = sb_steal(msg);
}

static void conflict(struct team_merge_report *r, const char *guid, const char *field,
                     const char *theirs)
{
	struct strbuf sb = {0};
	sb_addf(&sb, "code %s: %s differs ('%s' there); kept this project's", guid, field, theirs);
	conflict_add(r, &sb);
}

/* 1 when st has the row, 0 when not, -1 on error. */
static int has_row(struct merge *m, const char *entity, const char *guid, struct anker_err *err)
{
	int rc = store_row_json(m->st, entity, guid, &m->mine, err);
	if (rc == ANKER_NOTFOUND) {
		anker_err_clear(err);
		return 0;
	}
	return rc ? -1 : 1;
}

int merge_insert_row(struct merge *m, const char *entity, const char *guid,
                     struct anker_err *err)
{
	struct strbuf after = {0};
	int rc = store_row_apply(m->st, entity, m->json.buf, err);
	if (!rc)
		rc = store_row_json(m->st, entity, guid, &after, err);
	if (!rc)
		rc = store_log(m->st, "merge", entity, guid, NULL, after.buf, err);
	sb_free(&after);
	return rc;
}

/* A field of a row's JSON ("" when null), read with SQLite's JSON
 * functions: there is no JSON parser in C. */
static int json_field(struct store *st, const char *json, const char *path, struct strbuf *out,
                      struct anker_err *err)
{
	sb_reset(out);
	sb_adds(out, "");
	if (store_get_text(st, out, err, "SELECT json_extract(:json, :path)",
	                   STORE_TEXT(":json", json), STORE_TEXT(":path", path)))
		return ANKER_DB;
	return ANKER_OK;
}

/* Whether field path of the other's row (m->json) and ours (m->mine)
 * differ; *theirs and *ours receive them. */
static int field_differs(struct merge *m, const char *path, struct strbuf *theirs,
                         struct strbuf *ours, bool *differs, struct anker_err *err)
{
	if (json_field(m->st, m->json.buf, path, theirs, err) ||
	    json_field(m->st, m->mine.buf, path, ours, err))
		return ANKER_DB;
	*differs = strcmp(sb_str(theirs), sb_str(ours)) != 0;
	return ANKER_OK;
}

/* Walk the other's rows of entity (GUIDs from sql) and call fn for each,
 * with its JSON in m->json. */
static int merge_each(struct merge *m, const char *entity, const char *sql,
                      int (*fn)(struct merge *, const char *, struct anker_err *),
                      struct anker_err *err)
{
	char **v;
	size_t n;
	int rc = store_get_texts(m->other, &v, &n, err, sql);
	for (size_t i = 0; !rc && i < n; i++) {
		rc = store_row_json(m->other, entity, v[i], &m->json, err);
		if (!rc)
			rc = fn(m, v[i], err);
	}
	store_texts_free(v, n);
	return rc;
}

static int merge_coder(struct merge *m, const char *guid, struct anker_err *err)
{
	struct strbuf name = {0};
	int64_t n = 0;
	int rc = has_row(m, "coder", guid, err);
	if (rc)
		return rc < 0 ? ANKER_DB : ANKER_OK;
	/* A coder of the same name is the same person under another GUID
	 * (each copy may have created her): segments find her by name. */
	if (json_field(m->st, m->json.buf, "$.name", &name, err) ||
	    store_get_int(m->st, &n, err, "SELECT COUNT(*) FROM coder WHERE name = :name",
	                  STORE_TEXT(":name", name.buf)))
		rc = ANKER_DB;
	sb_free(&name);
	if (rc || n)
		return rc;
	m->r->coders++;
	return merge_insert_row(m, "coder", guid, err);
}

/* A document or code this project had and removed (its log names the GUID
 * in a step not undone) stays removed: merging again must not undo a
 * deletion.  So does a new code under a parent removed here.  What the
 * other had on it, and is therefore left out, is reported. */
static int removed_here(struct merge *m, const char *entity, const char *guid, bool *removed,
                        struct anker_err *err)
{
	static const char parent_sql[] =
		"SELECT 1 FROM main.log WHERE entity = 'code' AND guid = (:j ->> '$.parent') AND "
		"undone = 0 AND NOT EXISTS (SELECT 1 FROM main.code WHERE guid = (:j ->> '$.parent'))";
	static const char count_sql[] =
		"SELECT COUNT(*) FROM other.segment s JOIN other.%s x ON x.id = s.%s "
		"WHERE x.guid = :guid AND NOT EXISTS (SELECT 1 FROM main.segment y WHERE y.guid = s.guid)";
	struct strbuf name = {0}, sql = {0};
	bool under_removed = false;
	int64_t n = 0;
	if (store_exists(m->st, removed, err, "SELECT 1 FROM main.log WHERE entity = :entity AND "
	                 "guid = :guid AND undone = 0", STORE_TEXT(":entity", entity),
	                 STORE_TEXT(":guid", guid)))
		return err->status;
	if (!*removed && strcmp(entity, "code") == 0) {
		if (store_exists(m->st, &under_removed, err, parent_sql,
		                 STORE_TEXT(":j", m->json.buf)))
			return err->status;
		*removed = under_removed;
	}
	if (!*removed)
		return ANKER_OK;
	sb_addf(&sql, count_sql, entity, strcmp(entity, "code") == 0 ? "code_id" : "doc_id");
	int rc = json_field(m->st, m->json.buf, "$.name", &name, err);
	if (!rc && store_get_int(m->st, &n, err, sql.buf, STORE_TEXT(":guid", guid)))
		rc = err->status;
	if (!rc) {
		struct strbuf msg = {0};
		sb_addf(&msg, "%s '%s' (GUID %s): %s; left out with the %lld coding%s there on it "
		        "(undo the removal and merge again to bring them)", entity, name.buf, guid,
		        under_removed ? "its parent code was removed here" : "removed here",
		        (long long)n, n == 1 ? "" : "s");
		conflict_add(m->r, &msg);
	}
	sb_free(&name);
	sb_free(&sql);
	return rc;
}

static int merge_document(struct merge *m, const char *guid, struct anker_err *err)
{
	struct strbuf a = {0}, b = {0}, name = {0};
	bool differs = false;
	int rc = has_row(m, "document", guid, err);
	if (rc < 0)
		return ANKER_DB;
	if (rc == 0) {
		bool removed = false;
		if ((rc = removed_here(m, "document", guid, &removed, err)) || removed)
			return rc;
		m->r->documents++;
		if ((rc = merge_insert_row(m, "document", guid, err)) == ANKER_EXISTS)
			err->status = rc = ANKER_INPUT;
		return rc;
	}
	if (!(rc = field_differs(m, "$.text", &a, &b, &differs, err)) && differs &&
	    !(rc = json_field(m->st, m->mine.buf, "$.name", &name, err)))
		rc = anker_err_set(err, ANKER_INPUT, "document '%s' (GUID %s): its text differs "
		                   "from this project's; nothing merged", name.buf, guid);
	sb_free(&a);
	sb_free(&b);
	sb_free(&name);
	return rc;
}

static int merge_code(struct merge *m, const char *guid, struct anker_err *err)
{
	static const char *const fields[] = { "$.name", "$.number", "$.definition" };
	struct strbuf a = {0}, b = {0};
	int rc = has_row(m, "code", guid, err);
	if (rc < 0)
		return ANKER_DB;
	if (rc == 0) {
		bool removed = false;
		if ((rc = removed_here(m, "code", guid, &removed, err)) || removed)
			return rc;
		m->r->codes++;
		if ((rc = merge_insert_row(m, "code", guid, err)) == ANKER_EXISTS)
			err->status = rc = ANKER_INPUT;
		return rc;
	}
	rc = ANKER_OK;
	for (size_t i = 0; !rc && i < sizeof fields / sizeof *fields; i++) {
		bool differs;
		if (!(rc = field_differs(m, fields[i], &a, &b, &differs, err)) && differs)
			conflict(m->r, guid, fields[i] + 2, sb_str(&a));
	}
	sb_free(&a);
	sb_free(&b);
	return rc;
}

static int merge_all(struct merge *m, struct anker_err *err)
{
	/* Progress in its four steps: the segments (bulk SQL) are most of it. */
	int rc = store_progress("merge", 0, 4, err);
	if (!rc)
		rc = merge_each(m, "coder", "SELECT guid FROM coder ORDER BY id", merge_coder, err);
	if (!rc)
		rc = store_progress("merge", 1, 4, err);
	if (!rc)
		rc = merge_each(m, "document", "SELECT guid FROM document ORDER BY id",
		                merge_document, err);
	if (!rc)
		rc = store_progress("merge", 2, 4, err);
	/* Parents before their children. */
	if (!rc)
		rc = merge_each(m, "code", "WITH RECURSIVE t(id, depth) AS (SELECT id, 0 FROM code "
		                "WHERE parent_id IS NULL UNION ALL SELECT c.id, t.depth + 1 FROM code c "
		                "JOIN t ON c.parent_id = t.id) SELECT code.guid FROM t JOIN code "
		                "ON code.id = t.id ORDER BY t.depth, code.id", merge_code, err);
	if (!rc)
		rc = store_progress("merge", 3, 4, err);
	if (!rc)
		rc = merge_rows(m, err);
	if (!rc)
		rc = store_progress("merge", 4, 4, err);
	return rc;
}

int team_merge(struct store *st, const char *other, struct team_merge_report *r,
                 struct anker_err *err)
{
	struct merge m = { .st = st, .r = r };
	memset(r, 0, sizeof *r);
	char *a = realpath(store_path(st), NULL), *b = realpath(other, NULL);
	bool same = a && b && strcmp(a, b) == 0;
	free(a);
	free(b);
	if (same)
		return anker_err_set(err, ANKER_INPUT, "%s: merging a project into itself", other);
	/* Opened on its own first: that checks it is a project of a schema
	 * this anker reads, and gives its rows as JSON.  Attached as well
	 * (outside the transaction, as SQLite wants) for the bulk statements,
	 * which then read it in the same transaction as they write. */
	int rc = store_open(other, STORE_OPEN_READONLY, &m.other, err);
	if (rc)
		return rc;
	/* Bulk inserts into a table with eight indices spill SQLite's default
	 * 2 MB page cache to the WAL again and again: 16 MB for the merge
	 * (a third less CPU for 200,000 segments), and its temporary table of
	 * new rows in memory, not in a file; the store's settings again after. */
	int64_t cache = -2000;
	char restore[64];
	if (store_get_int(st, &cache, err, "PRAGMA main.cache_size"))
		anker_err_clear(err);
	snprintf(restore, sizeof restore, "PRAGMA main.cache_size = %lld", (long long)cache);
	if (store_exec(st, "PRAGMA main.cache_size = -16384", err) ||
	    store_exec(st, "PRAGMA temp_store = MEMORY", err) ||
	    store_run(st, err, "ATTACH DATABASE :path AS other", STORE_TEXT(":path", other))) {
		store_close(m.other);
		return err->status;
	}
	if (store_read_begin(m.other, err) || store_begin(st, err)) {
		rc = err->status;
		goto done;
	}
	rc = merge_all(&m, err);
	if (rc) {
		store_rollback(st);
		team_merge_report_free(r);
	} else {
		rc = store_commit(st, err);
	}
	store_read_end(m.other);
done:
	/* A failed DETACH leaves only an attachment this store no longer uses. */
	store_exec(st, "DETACH DATABASE other", NULL);
	store_exec(st, restore, NULL);
	store_exec(st, "PRAGMA temp_store = DEFAULT", NULL);
	store_close(m.other);
	sb_free(&m.json);
	sb_free(&m.mine);
	return rc;
}
