/* store/query.c — one-line queries: store_get_int, store_get_text,
 * store_exists, store_run (declared with their STORE_ pairs in store.h).
 *
 * Each prepares through the statement cache, binds the pairs through the
 * wrapper's store_bind_* (which fail loudly on an unknown name), checks
 * that every parameter of the SQL was given exactly once, steps, and
 * resets the statement before returning.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int store_arg_int(struct store_stmt *s, const struct store_arg *a, struct anker_err *err)
{
	return store_bind_int(s, a->name, a->i, err);
}

int store_arg_double(struct store_stmt *s, const struct store_arg *a, struct anker_err *err)
{
	return store_bind_double(s, a->name, a->d, err);
}

int store_arg_text(struct store_stmt *s, const struct store_arg *a, struct anker_err *err)
{
	return store_bind_text(s, a->name, a->text, err);
}

int store_arg_textn(struct store_stmt *s, const struct store_arg *a, struct anker_err *err)
{
	if (!a->text)
		return store_bind_null(s, a->name, err);
	return store_bind_textn(s, a->name, a->text, a->len, err);
}

int store_arg_blob(struct store_stmt *s, const struct store_arg *a, struct anker_err *err)
{
	return store_bind_blob(s, a->name, a->text, a->len, err);
}

int store_arg_null(struct store_stmt *s, const struct store_arg *a, struct anker_err *err)
{
	return store_bind_null(s, a->name, err);
}

static bool given(const struct store_arg *args, const char *name)
{
	for (const struct store_arg *a = args; a->bind; a++)
		if (strcmp(a->name, name) == 0)
			return true;
	return false;
}

/* A parameter left out would be NULL without a word, and one given twice
 * is a slip too: both are reported like an unknown name. */
static int bind_all(struct store_stmt *s, const struct store_arg *args, struct anker_err *err)
{
	int n = 0;
	for (const struct store_arg *a = args; a->bind; a++, n++) {
		if (!a->name)
			return anker_err_set(err, ANKER_DB, "internal: parameter without a name: %s",
			                     s->sql);
		for (const struct store_arg *b = args; b < a; b++)
			if (strcmp(a->name, b->name) == 0)
				return anker_err_set(err, ANKER_DB, "internal: parameter %s given twice: "
				                     "%s", a->name, s->sql);
		if (a->bind(s, a, err))
			return store_failed(err);
	}
	/* Every name given is one of the statement's (else it failed above)
	 * and none twice, so fewer than it has means one was left out. */
	int want = sqlite3_bind_parameter_count(s->stmt);
	for (int i = 1; n < want && i <= want; i++) {
		const char *name = sqlite3_bind_parameter_name(s->stmt, i);
		if (!name || !given(args, name))
			return anker_err_set(err, ANKER_DB, "internal: parameter %s not given: %s",
			                     name ? name : "?", s->sql);
	}
	return ANKER_OK;
}

/* Prepare, bind and take the first step: 1 a row, 0 none, -1 error (err
 * set, statement reset). */
static int first_row(struct store *st, const char *sql, const struct store_arg *args,
                     struct store_stmt **out, struct anker_err *err)
{
	if (store_prepare(st, sql, out, err))
		return -1;
	if (bind_all(*out, args, err)) {
		store_done(*out);
		return -1;
	}
	return store_step(*out, err);
}

/* The first row of a query whose column 0 is read: ANKER_OK with the
 * statement on it (the caller reads and calls store_done), ANKER_NOTFOUND,
 * or the error; the statement is reset unless ANKER_OK. */
static int value_row(struct store *st, const char *sql, const struct store_arg *args,
                     struct store_stmt **out, struct anker_err *err)
{
	int rc = first_row(st, sql, args, out, err);
	if (rc < 0)
		return store_failed(err);
	bool columns = sqlite3_column_count((*out)->stmt) >= 1;
	if (rc == 1 && columns)
		return ANKER_OK;
	store_done(*out);
	if (!columns)
		return anker_err_set(err, ANKER_DB, "internal: the query returns no column: %s", sql);
	return ANKER_NOTFOUND;
}

int store_get_int_args(struct store *st, int64_t *out, struct anker_err *err, const char *sql,
                       const struct store_arg *args)
{
	struct store_stmt *s;
	int rc = value_row(st, sql, args, &s, err);
	if (rc == ANKER_OK) {
		*out = store_col_int(s, 0);
		store_done(s);
	}
	return rc;
}

int store_get_text_args(struct store *st, struct strbuf *out, struct anker_err *err,
                        const char *sql, const struct store_arg *args)
{
	struct store_stmt *s;
	int rc = value_row(st, sql, args, &s, err);
	if (rc == ANKER_OK) {
		/* The text first, then its length: SQLite's order. */
		const char *text = store_col_text(s, 0);
		sb_reset(out);
		sb_add(out, text, store_col_bytes(s, 0));
		store_done(s);
	}
	return rc;
}

void store_texts_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

int store_get_texts_args(struct store *st, char ***out, size_t *n, struct anker_err *err,
                         const char *sql, const struct store_arg *args)
{
	struct store_stmt *s;
	int rc = first_row(st, sql, args, &s, err);
	*out = NULL;
	*n = 0;
	for (; rc == 1; rc = store_step(s, err)) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(store_col_text(s, 0));
	}
	if (rc < 0) {
		store_texts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_failed(err);
	}
	store_done(s);
	return ANKER_OK;
}

int store_exists_args(struct store *st, bool *out, struct anker_err *err, const char *sql,
                      const struct store_arg *args)
{
	struct store_stmt *s;
	int rc = first_row(st, sql, args, &s, err);
	if (rc < 0)
		return store_failed(err);
	*out = rc == 1;
	store_done(s);
	return ANKER_OK;
}

int store_run_args(struct store *st, struct anker_err *err, const char *sql,
                   const struct store_arg *args)
{
	struct store_stmt *s;
	int rc = first_row(st, sql, args, &s, err);
	while (rc == 1)
		rc = store_step(s, err);
	if (rc < 0)
		return store_failed(err);
	store_done(s);
	return ANKER_OK;
}

/* The meta table: project-wide settings, key to text. */

int store_meta_get(struct store *st, const char *key, char **value, struct anker_err *err)
{
	struct strbuf v = {0};
	*value = NULL;
	int rc = store_get_text(st, &v, err, "SELECT value FROM meta WHERE key = :key",
	                        STORE_TEXT(":key", key));
	if (rc == ANKER_OK)
		*value = sb_steal(&v);
	return rc && rc != ANKER_NOTFOUND ? ANKER_DB : ANKER_OK;
}

int store_meta_set(struct store *st, const char *key, const char *value, struct anker_err *err)
{
	if (store_run(st, err, "INSERT INTO meta(key, value) VALUES (:key, :value) "
	                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	              STORE_TEXT(":key", key), STORE_TEXT(":value", value)))
		return ANKER_DB;
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* SQL functions */

/* anker_paragraphs(T): one more than the line feeds of T, one less when T
 * ends in one, 0 when T is empty, NULL when it is NULL (corpus.h's
 * paragraphs).  The text is read where SQLite holds it, not copied. */
static void sql_paragraphs(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	size_t len = (size_t)sqlite3_value_bytes(argv[0]);
	int64_t n = len > 0 && t[len - 1] != '\n';
	for (const char *p = t, *end = t + len; p && (p = memchr(p, '\n', (size_t)(end - p)));
	     p++)
		n++;
	sqlite3_result_int64(ctx, n);
}

/* anker_rows(x1, ..., xk): the aggregate of store_each_group.  Rows go
 * to one buffer in the store, emptied after each group's result row; a
 * group that begins while another's rows wait there would mean SQLite
 * interleaved them, which GROUP BY never does: refused all the same. */
struct group_mark {
	bool begun;
};

static void sql_rows_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	struct group_mark *g = sqlite3_aggregate_context(ctx, sizeof *g);
	if (!g) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (!st->group.on || argc < 1 || argc > 8 || (st->group.k && argc != st->group.k) ||
	    (!g->begun && st->group.n)) {
		sqlite3_result_error(ctx, "anker_rows: outside store_each_group, groups "
		                          "interleaved or a changing number of values", -1);
		return;
	}
	g->begun = true;
	st->group.k = argc;
	if (st->group.n + (size_t)argc > st->group.cap) {
		st->group.cap = st->group.cap ? st->group.cap * 2 : 4096;
		st->group.v = xreallocarray(st->group.v, st->group.cap, sizeof *st->group.v);
	}
	int64_t *v = st->group.v + st->group.n;
	for (int k = 0; k < argc; k++)
		v[k] = sqlite3_value_int64(argv[k]);
	st->group.n += (size_t)argc;
}

static void sql_rows_final(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

int store_each_group(struct store_stmt *s, store_group_fn fn, void *arg, struct anker_err *err)
{
	struct store *st = s->st;
	int rc, status = ANKER_OK;
	st->group.n = 0;
	st->group.k = 0;
	st->group.on = true;
	while ((rc = store_step(s, err)) == 1) {
		size_t rows = st->group.k ? st->group.n / (size_t)st->group.k : 0;
		status = fn(arg, s, st->group.v, rows, err);
		st->group.n = 0;
		if (status)
			break;
	}
	st->group.on = false;
	st->group.n = 0;
	store_done(s);
	return status ? status : rc < 0 ? ANKER_DB : ANKER_OK;
}

int store_functions_add(struct store *st, struct anker_err *err)
{
	if (sqlite3_create_function(st->db, "anker_paragraphs", 1,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_paragraphs,
	                            NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "anker_rows", -1, SQLITE_UTF8, st, NULL,
	                            sql_rows_step, sql_rows_final) != SQLITE_OK)
		return anker_err_set(err, ANKER_NOMEM, "%s: cannot add SQL functions: %s", st->path,
		                     sqlite3_errmsg(st->db));
	return ANKER_OK;
}

/* Kept apart from store_begin: a cache is not the user's data, so a
 * command that only reads may write it, and it is not worth a wait. */
int store_begin_cache(struct store *st, struct anker_err *err)
{
	if (sqlite3_db_readonly(st->db, "main") != 0 || st->depth > 0)
		return anker_err_set(err, ANKER_DB, "%s: no cache written (read-only, or inside "
		                     "a transaction)", st->path);
	bool readonly = st->readonly;
	st->readonly = false;
	st->nowait = true;
	int rc = store_begin(st, err);
	st->readonly = readonly;
	if (rc)
		st->nowait = false;
	return rc;
}
