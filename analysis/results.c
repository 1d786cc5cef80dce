/* analysis/results.c — saved analysis tables (--save NAME) and the JSON
 * they are kept in.
 *
 * A result stores the table itself (columns with header, key and type;
 * rows of cell texts), not the options to recompute it: the numbers behind
 * a paper must stay what they were when the data changes afterwards, and
 * any format can be written from the table again.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

static const char *const type_names[] = { "text", "int", "float", "path" };   /* enum report_col_type */

void analysis_table_to_json(const struct report_table *t, struct strbuf *out)
{
	struct json_w w = { .out = out };
	json_obj_begin(&w);
	json_key(&w, "columns");
	json_arr_begin(&w);
	for (size_t c = 0; c < t->ncols; c++) {
		json_obj_begin(&w);
		json_key(&w, "header");
		json_str(&w, t->headers[c]);
		json_key(&w, "key");
		json_str(&w, t->keys[c]);
		json_key(&w, "type");
		json_str(&w, type_names[t->types[c]]);
		json_obj_end(&w);
	}
	json_arr_end(&w);
	json_break(&w, "\n");
	json_key(&w, "rows");
	json_arr_begin(&w);
	for (size_t r = 0; r < t->nrows; r++) {
		json_break(&w, "\n");
		json_arr_begin(&w);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct report_cell *x = &t->cells[r * t->ncols + c];
			if (x->json) {
				json_obj_begin(&w);
				json_key(&w, "text");
				json_str(&w, x->text);
				json_key(&w, "json");
				json_str(&w, x->json);
				json_obj_end(&w);
			} else {
				json_str(&w, x->text);
			}
		}
		json_arr_end(&w);
	}
	json_arr_end(&w);
	json_obj_end(&w);
	sb_addc(out, '\n');
}

/* ---------------------------------------------------------------------- */
/* Reading it back, with SQLite's JSON functions: what the writer produces
 * (white space and the order of keys aside); anything else is a damaged
 * result.  SQLite does not say where JSON is malformed, nor where a path
 * lies in the text: those messages name the JSON path (where there is one)
 * and no byte offset, rather than a made-up one. */

#define NOWHERE ((size_t)-1)   /* the byte offset is not known */

static int damaged(struct anker_err *err, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int damaged(struct anker_err *err, size_t at, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (at == NOWHERE)
		return anker_err_set(err, ANKER_INPUT, "%s", what);
	return anker_err_set(err, ANKER_INPUT, "byte offset %zu: %s", at, what);
}

/* What SQLite lets through but a cell cannot hold: \u0000 (SQLite ends the
 * string there) and lone surrogates (it makes invalid UTF-8 of them).  In
 * well-formed JSON every backslash starts an escape. */
static int escapes_check(const char *s, size_t len, struct anker_err *err)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		size_t at = i++;
		if (s[i] != 'u' || i + 4 >= len)
			continue;
		char hex[5] = { s[i + 1], s[i + 2], s[i + 3], s[i + 4], 0 };
		unsigned long v = strtoul(hex, NULL, 16);
		i += 4;
		if (v == 0)
			return damaged(err, at, "\\u0000 in a string");
		bool pair = v >= 0xD800 && v < 0xDC00 && i + 6 < len && s[i + 1] == '\\' &&
		            s[i + 2] == 'u' && strchr("dD", s[i + 3]) && strchr("cdefCDEF", s[i + 4]);
		if (pair)
			i += 6;
		else if (v >= 0xD800 && v <= 0xDFFF)
			return damaged(err, at, "lone surrogate");
	}
	return ANKER_OK;
}

/* The whole: well-formed JSON, an object of exactly "columns" and "rows",
 * both lists. */
static int shape_check(struct store *st, const char *json, size_t len, struct anker_err *err)
{
	struct store_stmt *s;
	if (memchr(json, 0, len))
		return damaged(err, NOWHERE, "not well-formed JSON");
	if (store_prepare(st, "SELECT json_valid(:j), CASE WHEN json_valid(:j) THEN json_type(:j) = "
	                      "'object' AND json_type(:j, '$.columns') = 'array' AND json_type(:j, "
	                      "'$.rows') = 'array' AND (SELECT count(*) FROM json_each(:j)) = 2 END",
	                      &s, err) ||
	    store_bind_textn(s, ":j", json, len, err) || store_step(s, err) < 0)
		return ANKER_DB;
	bool valid = store_col_int(s, 0), table = store_col_int(s, 1);
	store_done(s);
	if (!valid)
		return damaged(err, NOWHERE, "not well-formed JSON");
	if (escapes_check(json, len, err))
		return ANKER_INPUT;
	if (!table)
		return damaged(err, NOWHERE, "expected {\"columns\": [...], \"rows\": [...]}");
	return ANKER_OK;
}

/* Columns: objects of exactly "header", "key" and "type", all strings. */
static int columns_read(struct store *st, const char *json, size_t len, struct report_table *t,
                        struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, "SELECT n, (SELECT count(*) = 3 AND count(DISTINCT key) = 3 AND "
	                      "sum(key IN ('header', 'key', 'type') AND type = 'text') = 3 FROM "
	                      "json_each(o)), o ->> '$.header', o ->> '$.key', o ->> '$.type' FROM "
	                      "(SELECT key AS n, CASE type WHEN 'object' THEN value ELSE '{}' END AS o "
	                      "FROM json_each(:j, '$.columns')) ORDER BY n", &s, err) ||
	    store_bind_textn(s, ":j", json, len, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		size_t type = 0;
		if (!store_col_int(s, 1)) {
			rc = damaged(err, NOWHERE, "$.columns[%lld]: expected {\"header\", \"key\", \"type\"}, "
			             "three strings", (long long)store_col_int(s, 0));
			break;
		}
		while (type < sizeof type_names / sizeof type_names[0] &&
		       strcmp(store_col_text(s, 4), type_names[type]) != 0)
			type++;
		if (type == sizeof type_names / sizeof type_names[0]) {
			rc = damaged(err, NOWHERE, "$.columns[%lld]: unknown column type",
			             (long long)store_col_int(s, 0));
			break;
		}
		report_table_col(t, store_col_text(s, 2), store_col_text(s, 3),
		                 (enum report_col_type)type);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : rc;
}

/* One cell: a string, null, or {"text": string or null, "json": string}. */
static int cell_read(struct store_stmt *s, struct report_table *t, struct anker_err *err)
{
	const char *type = store_col_text(s, 3);
	if (strcmp(type, "text") == 0 || strcmp(type, "null") == 0)
		report_table_text(t, store_col_null(s, 4) ? NULL : store_col_text(s, 4));
	else if (strcmp(type, "object") == 0 && store_col_int(s, 5))
		report_table_json(t, store_col_null(s, 6) ? NULL : store_col_text(s, 6),
		                  store_col_text(s, 7));
	else
		return damaged(err, NOWHERE, "$.rows[%lld][%lld]: expected a string, null or "
		               "{\"text\", \"json\"}", (long long)store_col_int(s, 0),
		               (long long)store_col_int(s, 2));
	return ANKER_OK;
}

/* Rows: lists of as many cells as there are columns.  A row that is no
 * list is joined with no cells; its length is asked for once, at its
 * first cell (per cell, it would parse the row again each time).  No ORDER
 * BY: json_each walks in document order, and sorting every cell costs
 * more than reading them; the keys are checked instead. */
static int rows_read(struct store *st, const char *json, size_t len, struct report_table *t,
                     struct anker_err *err)
{
	struct store_stmt *s;
	size_t cell = 0;
	int rc;
	if (store_prepare(st, "SELECT r.key, CASE WHEN x.key IS NULL OR x.key = 0 THEN CASE r.type "
	                      "WHEN 'array' THEN json_array_length(r.value) END END, x.key, x.type, "
	                      "x.atom, "
	                      "CASE x.type WHEN 'object' THEN (SELECT count(*) = 2 AND "
	                      "count(DISTINCT key) = 2 AND sum(key = 'text' AND type IN ('text', "
	                      "'null')) = 1 AND sum(key = 'json' AND type = 'text') = 1 FROM "
	                      "json_each(x.value)) END, "
	                      "CASE x.type WHEN 'object' THEN json_extract(x.value, '$.text') END, "
	                      "CASE x.type WHEN 'object' THEN json_extract(x.value, '$.json') END "
	                      "FROM json_each(:j, '$.rows') AS r LEFT JOIN json_each(CASE r.type "
	                      "WHEN 'array' THEN r.value ELSE '[]' END) AS x", &s, err) ||
	    store_bind_textn(s, ":j", json, len, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		bool first = store_col_null(s, 2) || store_col_int(s, 2) == 0;
		if (first && (store_col_null(s, 1) || (size_t)store_col_int(s, 1) != t->ncols)) {
			rc = damaged(err, NOWHERE, "$.rows[%lld]: expected a list of one cell per column (%zu)",
			             (long long)store_col_int(s, 0), t->ncols);
			break;
		}
		if (first) {
			report_table_row(t);
			cell = 0;
		}
		if ((size_t)store_col_int(s, 0) + 1 != t->nrows ||
		    (!store_col_null(s, 2) && (size_t)store_col_int(s, 2) != cell++)) {
			rc = anker_err_set(err, ANKER_DB, "SQLite's json_each walked out of order");
			break;
		}
		if (!store_col_null(s, 2) && (rc = cell_read(s, t, err)))
			break;
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : rc;
}

static int table_read(struct store *st, const char *json, size_t len, struct report_table *t,
                      struct anker_err *err)
{
	report_table_init(t);
	int rc = shape_check(st, json, len, err);
	if (!rc)
		rc = columns_read(st, json, len, t, err);
	if (!rc)
		rc = rows_read(st, json, len, t, err);
	if (rc)
		report_table_free(t);
	return rc;
}

int analysis_table_from_json(const char *json, size_t len, struct report_table *t,
                           struct anker_err *err)
{
	struct store *st = NULL;
	report_table_init(t);
	int rc = store_open_memory(&st, err);
	if (!rc)
		rc = table_read(st, json, len, t, err);
	store_close(st);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* The result table */

void analysis_result_free(struct analysis_result *r)
{
	free(r->name);
	free(r->kind);
	free(r->params);
	free(r->coders);
	free(r->created);
	memset(r, 0, sizeof *r);
}

void analysis_results_free(struct analysis_result *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		analysis_result_free(&v[i]);
	free(v);
}

static int result_exists(struct store *st, const char *name, bool *exists,
                         struct anker_err *err)
{
	*exists = false;
	if (store_exists(st, exists, err, "SELECT 1 FROM result WHERE name = :name",
	                 STORE_TEXT(":name", name)))
		return ANKER_DB;
	return ANKER_OK;
}

static int result_write(struct store *st, const struct analysis_result *r, const char *content,
                        bool update, struct anker_err *err)
{
	char now[32];
	store_now(now);
	const char *sql = update
		? "UPDATE result SET kind = :kind, params = :params, coders = :coders, "
		  "created = :created, content = :content WHERE name = :name"
		: "INSERT INTO result(name, kind, params, coders, created, content) "
		  "VALUES (:name, :kind, :params, :coders, :created, :content)";
	if (store_run(st, err, sql, STORE_TEXT(":name", r->name), STORE_TEXT(":kind", r->kind),
	              STORE_TEXT(":params", r->params ? r->params : ""),
	              STORE_TEXT(":coders", r->coders ? r->coders : ""),
	              STORE_TEXT(":created", now), STORE_TEXT(":content", content)))
		return ANKER_DB;
	return ANKER_OK;
}

int analysis_result_save(struct store *st, const struct analysis_result *r,
                       const struct report_table *t, bool replace, struct anker_err *err)
{
	if (!r->name || !*r->name)
		return anker_err_set(err, ANKER_INPUT, "a saved result needs a name");
	for (const char *c = r->name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return anker_err_set(err, ANKER_INPUT,
			                     "result name contains a control character");
	struct strbuf content = {0};
	bool exists;
	analysis_table_to_json(t, &content);
	if (store_begin(st, err)) {
		sb_free(&content);
		return err->status;
	}
	int rc = result_exists(st, r->name, &exists, err);
	if (!rc && exists && !replace)
		rc = anker_err_set(err, ANKER_EXISTS,
		                   "a saved result named '%s' exists already (--replace overwrites it)",
		                   r->name);
	if (!rc)
		rc = result_write(st, r, sb_str(&content), exists, err);
	sb_free(&content);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

static void result_from_row(struct store_stmt *s, struct analysis_result *r)
{
	r->name = xstrdup(store_col_text(s, 0));
	r->kind = xstrdup(store_col_text(s, 1));
	r->params = xstrdup(store_col_text(s, 2));
	r->coders = xstrdup(store_col_text(s, 3));
	r->created = xstrdup(store_col_text(s, 4));
}

int analysis_results_list(struct store *st, struct analysis_result **out, size_t *n,
                        struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT name, kind, params, coders, created FROM result "
	                      "ORDER BY created, id", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		result_from_row(s, &(*out)[(*n)++]);
	}
	store_done(s);
	if (rc < 0) {
		analysis_results_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ANKER_DB;
	}
	return ANKER_OK;
}

int analysis_result_get(struct store *st, const char *name, struct analysis_result *r,
                      struct report_table *t, struct anker_err *err)
{
	struct store_stmt *s;
	memset(r, 0, sizeof *r);
	report_table_init(t);
	if (store_prepare(st, "SELECT name, kind, params, coders, created, content FROM result "
	                      "WHERE name = :name", &s, err) ||
	    store_bind_text(s, ":name", name, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	if (rc == 1) {
		result_from_row(s, r);
		if (table_read(st, store_col_text(s, 5), store_col_bytes(s, 5), t, err)) {
			anker_err_prefix(err, "saved result '%s' is damaged", name);
			err->status = ANKER_DB;
			analysis_result_free(r);
			rc = -1;
		}
	}
	store_done(s);
	if (rc < 0)
		return err->status ? err->status : ANKER_DB;
	if (rc == 0)
		return anker_err_set(err, ANKER_NOTFOUND, "no saved result named '%s'", name);
	return ANKER_OK;
}

int analysis_result_delete(struct store *st, const char *name, struct anker_err *err)
{
	if (store_begin(st, err))
		return err->status;
	if (store_run(st, err, "DELETE FROM result WHERE name = :name", STORE_TEXT(":name", name))) {
		store_rollback(st);
		return ANKER_DB;
	}
	if (store_changes(st) == 0) {
		store_rollback(st);
		return anker_err_set(err, ANKER_NOTFOUND, "no saved result named '%s'", name);
	}
	return store_commit(st, err);
}
