/* corpus/docs_edit.c — managing documents: rename, group, variables,
 * delete.
 *
 * Each call is one transaction, hence one step of the log, and logs every
 * row it changes with its before and after (store_row_json): a document
 * whole (text, variables, turns), a deleted coding with its reviews and
 * memos, a deleted memo.  Undo walks a step backwards, so a delete logs
 * what hangs on the document first and the document last: undo puts the
 * document back before its codings and memos, redo deletes them first.
 * Anchor examples quoting a deleted coding stay in the codebook (they are
 * the codebook's text, not the document's), their link to the coding's
 * GUID kept: undo brings the coding back under the same GUID. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

struct doc_edit {
	struct store *st;
	const char *action;          /* the log's action */
	struct corpus_doc_edit *rep;
	struct anker_err *err;
	struct strbuf before;
};

void corpus_doc_edit_free(struct corpus_doc_edit *e)
{
	if (!e)
		return;
	free(e->name);
	free(e->old_name);
	free(e->group);
	free(e->var);
	free(e->var_value);
	memset(e, 0, sizeof *e);
}

static int edit_begin(struct doc_edit *e, struct store *st, const char *action,
                      struct corpus_doc_edit *rep, struct anker_err *err)
{
	memset(e, 0, sizeof *e);
	memset(rep, 0, sizeof *rep);
	e->st = st;
	e->action = action;
	e->rep = rep;
	e->err = err;
	return store_begin(st, err);
}

static int edit_end(struct doc_edit *e, int rc)
{
	if (rc == ANKER_OK)
		rc = store_commit(e->st, e->err);
	else
		store_rollback(e->st);
	sb_free(&e->before);
	return rc;
}

/* Log a change of entity guid whose before is in e->before; the after is
 * captured now, unless the row was deleted (a changed row is only ever a
 * document's head: see doc_change). */
static int edit_log(struct doc_edit *e, const char *entity, const char *guid, bool deleted)
{
	struct strbuf after = {0};
	int rc = deleted ? ANKER_OK : store_row_json_head(e->st, entity, guid, &after, e->err);
	if (rc == ANKER_OK)
		rc = store_log(e->st, e->action, entity, guid, sb_str(&e->before),
		               deleted ? NULL : sb_str(&after), e->err);
	sb_free(&after);
	return rc;
}

/* Run sql (pairs as for store_run; :id is the document's row id) on
 * document d, logged: its head only, as sql changes neither text nor
 * turns. */
#define doc_change(e, d, ...) doc_change_args((e), (d), STORE_ARGS_(__VA_ARGS__))
static int doc_change_args(struct doc_edit *e, const struct corpus_doc *d, const char *sql,
                           const struct store_arg *args)
{
	sb_reset(&e->before);
	int rc = store_row_json_head(e->st, "document", d->guid, &e->before, e->err);
	if (rc == ANKER_OK)
		rc = store_run_args(e->st, e->err, sql, args);
	if (rc == ANKER_OK)
		rc = edit_log(e, "document", d->guid, false);
	if (rc == ANKER_OK)
		e->rep->docs++;
	return rc;
}

/* Delete one row by GUID, logged with its before. */
static int row_delete(struct doc_edit *e, const char *entity, const char *guid)
{
	sb_reset(&e->before);
	int rc = store_row_json(e->st, entity, guid, &e->before, e->err);
	if (rc == ANKER_OK)
		rc = store_row_delete(e->st, entity, guid, e->err);
	if (rc == ANKER_OK)
		rc = edit_log(e, entity, guid, true);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Names */

/* The document called name but for case, other than the one with guid
 * self (names are unique without case, so that every lookup finds one);
 * ANKER_EXISTS naming it. */
static int name_free(struct doc_edit *e, const char *name, const char *self)
{
	char **names;
	size_t n;
	int rc = store_get_texts(e->st, &names, &n, e->err, "SELECT name FROM document "
	                         "WHERE guid <> :self ORDER BY id", STORE_TEXT(":self", self));
	for (size_t i = 0; !rc && i < n; i++)
		if (corpus_name_equal_fold(names[i], name))
			rc = anker_err_set(e->err, ANKER_EXISTS, "a document named '%s' exists "
			                   "already%s", names[i], strcmp(names[i], name) == 0 ? ""
			                   : " (names differ only in case)");
	store_texts_free(names, n);
	return rc;
}

/* What people typed for a group or a variable, as it is to be stored:
 * cleaned (corpus_name_clean), and in the spelling the documents have
 * already when one differs from it only in case (sql lists the names in
 * use), so that "ort" does not start a second variable beside "Ort". */
static int canonical(struct doc_edit *e, const char *what, const char *in, const char *sql,
                     char **out)
{
	char **names;
	size_t n;
	if (corpus_name_clean(what, in, out, e->err))
		return e->err->status;
	if (store_get_texts(e->st, &names, &n, e->err, sql))
		return ANKER_DB;
	long i = corpus_name_find(*out, (const char *const *)names, n);
	if (i >= 0) {
		free(*out);
		*out = xstrdup(names[i]);
	}
	store_texts_free(names, n);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Rename, group, variables */

int corpus_doc_rename(struct store *st, const char *key, const char *name,
                      struct corpus_doc_edit *out, struct anker_err *err)
{
	struct doc_edit e;
	struct corpus_doc d = {0};
	int rc = edit_begin(&e, st, "docs rename", out, err);
	if (rc)
		return rc;
	if (!(rc = corpus_name_clean("document name", name, &out->name, err)) &&
	    !(rc = corpus_doc_find(st, key, &d, err))) {
		memcpy(out->guid, d.guid, sizeof out->guid);
		out->old_name = xstrdup(d.name);
		if (strcmp(d.name, out->name) != 0 && !(rc = name_free(&e, out->name, d.guid)))
			rc = doc_change(&e, &d, "UPDATE document SET name = :name WHERE id = :id",
			                STORE_TEXT(":name", out->name), STORE_INT(":id", d.id));
	}
	corpus_doc_free(&d);
	return edit_end(&e, rc);
}

/* fn(e, d, ctx) for each document keys[0..n) names, found as
 * corpus_doc_find finds them; the first that fails stops the walk. */
static int each_doc(struct doc_edit *e, const char *const *keys, size_t n,
                    int (*fn)(struct doc_edit *e, const struct corpus_doc *d, void *ctx),
                    void *ctx)
{
	int rc = ANKER_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		struct corpus_doc d;
		if ((rc = corpus_doc_find(e->st, keys[i], &d, e->err)))
			break;
		if (n == 1)
			memcpy(e->rep->guid, d.guid, sizeof e->rep->guid);
		rc = fn(e, &d, ctx);
		corpus_doc_free(&d);
	}
	return rc;
}

static int group_one(struct doc_edit *e, const struct corpus_doc *d, void *ctx)
{
	(void)ctx;
	if (strcmp(d->group, e->rep->group) == 0)
		return ANKER_OK;
	return doc_change(e, d, "UPDATE document SET grp = :grp WHERE id = :id",
	                  STORE_TEXT(":grp", e->rep->group), STORE_INT(":id", d->id));
}

int corpus_docs_group(struct store *st, const char *const *keys, size_t n, const char *group,
                      struct corpus_doc_edit *out, struct anker_err *err)
{
	struct doc_edit e;
	int rc = edit_begin(&e, st, "docs group", out, err);
	if (rc)
		return rc;
	if (*group == '\0')
		out->group = xstrdup("");
	else
		rc = canonical(&e, "group name", group, "SELECT DISTINCT grp FROM document "
		               "WHERE grp <> '' ORDER BY grp", &out->group);
	if (!rc)
		rc = each_doc(&e, keys, n, group_one, NULL);
	return edit_end(&e, rc);
}

/* The variable e->rep->var of document d: its value and type, or
 * NULL when it has none. */
static const struct corpus_var *var_of(const struct doc_edit *e, const struct corpus_doc *d)
{
	for (size_t k = 0; k < d->nvars; k++)
		if (strcmp(d->vars[k].name, e->rep->var) == 0)
			return &d->vars[k];
	return NULL;
}

static int var_set_one(struct doc_edit *e, const struct corpus_doc *d, void *ctx)
{
	const char *value = ctx;
	const struct corpus_var *v = var_of(e, d);
	if (v && strcmp(v->value, value) == 0 && strcmp(v->type, e->rep->type) == 0)
		return ANKER_OK;
	return doc_change(e, d, "INSERT INTO doc_var(doc_id, name, type, value) VALUES (:id, "
	                  ":name, :type, :value) ON CONFLICT DO UPDATE SET type = excluded.type, "
	                  "value = excluded.value", STORE_INT(":id", d->id),
	                  STORE_TEXT(":name", e->rep->var), STORE_TEXT(":type", e->rep->type),
	                  STORE_TEXT(":value", value));
}

int corpus_docs_var_set(struct store *st, const char *const *keys, size_t n, const char *name,
                        const char *value, struct corpus_doc_edit *out, struct anker_err *err)
{
	struct doc_edit e;
	char *clean = NULL;
	int rc = edit_begin(&e, st, "docs var set", out, err);
	if (rc)
		return rc;
	rc = canonical(&e, "variable name", name, "SELECT DISTINCT name FROM doc_var ORDER BY name",
	               &out->var);
	/* An empty value is a value (MAXQDA's variables have them). */
	if (!rc && *value)
		rc = corpus_name_clean("variable value", value, &clean, err);
	if (!rc) {
		out->var_value = clean ? clean : xstrdup("");
		out->type = corpus_var_type(out->var_value);
		rc = each_doc(&e, keys, n, var_set_one, out->var_value);
	}
	return edit_end(&e, rc);
}

static int var_unset_one(struct doc_edit *e, const struct corpus_doc *d, void *ctx)
{
	(void)ctx;
	if (!var_of(e, d))
		return ANKER_OK;
	return doc_change(e, d, "DELETE FROM doc_var WHERE doc_id = :id AND name = :name",
	                  STORE_INT(":id", d->id), STORE_TEXT(":name", e->rep->var));
}

int corpus_docs_var_unset(struct store *st, const char *const *keys, size_t n, const char *name,
                          struct corpus_doc_edit *out, struct anker_err *err)
{
	struct doc_edit e;
	struct strbuf canon = {0};
	int rc = edit_begin(&e, st, "docs var unset", out, err);
	if (rc)
		return rc;
	if (!(rc = corpus_var_name_find(st, name, &canon, err))) {
		out->var = sb_steal(&canon);
		rc = each_doc(&e, keys, n, var_unset_one, NULL);
	}
	sb_free(&canon);
	return edit_end(&e, rc);
}

/* ---------------------------------------------------------------------- */
/* Delete */

int corpus_doc_deps(struct store *st, int64_t doc_id, struct corpus_doc_deps *out,
                    struct anker_err *err)
{
	memset(out, 0, sizeof *out);
	if (store_get_int(st, &out->segments, err, "SELECT COUNT(*) FROM segment WHERE doc_id = :id",
	                  STORE_INT(":id", doc_id)) ||
	    store_get_int(st, &out->memos, err, "SELECT COUNT(*) FROM memo WHERE doc_id = :id OR "
	                  "segment_id IN (SELECT id FROM segment WHERE doc_id = :id)",
	                  STORE_INT(":id", doc_id)) ||
	    store_get_int(st, &out->reviews, err, "SELECT COUNT(*) FROM review WHERE segment_id IN "
	                  "(SELECT id FROM segment WHERE doc_id = :id)", STORE_INT(":id", doc_id)) ||
	    store_get_int(st, &out->anchors, err, "SELECT COUNT(*) FROM anchor WHERE segment_guid IN "
	                  "(SELECT guid FROM segment WHERE doc_id = :id)", STORE_INT(":id", doc_id)))
		return ANKER_DB;
	return ANKER_OK;
}

/* Delete every row of sql (GUIDs, :id the document's row id), logged. */
static int delete_all(struct doc_edit *e, const char *entity, const char *sql, int64_t id)
{
	char **guids;
	size_t n;
	int rc = store_get_texts(e->st, &guids, &n, e->err, sql, STORE_INT(":id", id));
	for (size_t k = 0; k < n && !rc; k++)
		rc = row_delete(e, entity, guids[k]);
	store_texts_free(guids, n);
	return rc;
}

int corpus_doc_delete(struct store *st, const char *key, bool force,
                      struct corpus_doc_edit *out, struct anker_err *err)
{
	struct doc_edit e;
	struct corpus_doc d = {0};
	int rc = edit_begin(&e, st, "docs delete", out, err);
	if (rc)
		return rc;
	if ((rc = corpus_doc_find(st, key, &d, err)) ||
	    (rc = corpus_doc_deps(st, d.id, &out->deps, err)))
		goto out;
	memcpy(out->guid, d.guid, sizeof out->guid);
	out->name = xstrdup(d.name);
	const struct corpus_doc_deps *k = &out->deps;
	if (!force && (k->segments || k->memos)) {
		struct strbuf has = {0};
		if (k->segments)
			sb_addf(&has, "%lld coding%s", (long long)k->segments, k->segments == 1 ? "" : "s");
		if (k->memos)
			sb_addf(&has, "%s%lld memo%s", has.len ? " and " : "", (long long)k->memos,
			        k->memos == 1 ? "" : "s");
		rc = anker_err_set(err, ANKER_INPUT, "document '%s' has %s; --force deletes %s with "
		                   "it", d.name, sb_str(&has), k->segments + k->memos == 1 ? "it" : "them");
		sb_free(&has);
		goto out;
	}
	/* Codings (each with its reviews and memos), then the memos on the
	 * document, then the document: undo walks back the other way. */
	if (!(rc = delete_all(&e, "segment", "SELECT guid FROM segment WHERE doc_id = :id "
	                      "ORDER BY id", d.id)) &&
	    !(rc = delete_all(&e, "memo", "SELECT guid FROM memo WHERE doc_id = :id ORDER BY id",
	                      d.id)) &&
	    !(rc = row_delete(&e, "document", d.guid)))
		out->docs = 1;
out:
	corpus_doc_free(&d);
	return edit_end(&e, rc);
}
