/* analysis/results.c — saved analysis tables (--save NAME) and the JSON
 * they are kept in.
 *
 * A result stores the table itself (columns with header, key and type;
 * rows of cell texts), not the options to recompute it: the numbers behind
 * a paper must stay what they were when the data changes afterwards, and
 * any format can be written from the table again.
 */
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
/* Reading it back: a strict parser for exactly what the writer produces
 * (whitespace aside).  Anything else is a damaged result. */

struct jp {
	const char *s;
	size_t len, i;
	struct anker_err *err;
};

static int jp_fail(struct jp *p, const char *what)
{
	return anker_err_set(p->err, ANKER_INPUT, "byte offset %zu: %s", p->i, what);
}

static void jp_ws(struct jp *p)
{
	while (p->i < p->len && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static bool jp_peek(struct jp *p, char c)
{
	jp_ws(p);
	return p->i < p->len && p->s[p->i] == c;
}

static int jp_expect(struct jp *p, char c)
{
	if (!jp_peek(p, c)) {
		char what[32];
		snprintf(what, sizeof what, "expected '%c'", c);
		return jp_fail(p, what);
	}
	p->i++;
	return ANKER_OK;
}

static int jp_hex4(struct jp *p, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++, p->i++) {
		char c = p->i < p->len ? p->s[p->i] : '\0';
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return jp_fail(p, "bad \\u escape");
		*v = *v * 16 + (unsigned)d;
	}
	return ANKER_OK;
}

static void utf8_put(struct strbuf *sb, unsigned cp)
{
	if (cp < 0x80) {
		sb_addc(sb, (char)cp);
	} else if (cp < 0x800) {
		sb_addc(sb, (char)(0xC0 | cp >> 6));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sb_addc(sb, (char)(0xE0 | cp >> 12));
		sb_addc(sb, (char)(0x80 | (cp >> 6 & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		sb_addc(sb, (char)(0xF0 | cp >> 18));
		sb_addc(sb, (char)(0x80 | (cp >> 12 & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp >> 6 & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

static int jp_escape(struct jp *p, struct strbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char c = p->i < p->len ? p->s[p->i++] : '\0';
	const char *at = c ? strchr(from, c) : NULL;
	if (at) {
		sb_addc(sb, to[at - from]);
		return ANKER_OK;
	}
	if (c != 'u')
		return jp_fail(p, "bad escape");
	unsigned cp, lo;
	if (jp_hex4(p, &cp))
		return ANKER_INPUT;
	if (cp >= 0xD800 && cp < 0xDC00) {   /* a surrogate pair */
		if (p->i + 2 > p->len || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
			return jp_fail(p, "lone surrogate");
		p->i += 2;
		if (jp_hex4(p, &lo))
			return ANKER_INPUT;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return jp_fail(p, "bad surrogate pair");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
		return jp_fail(p, "lone surrogate");
	}
	if (cp == 0)
		return jp_fail(p, "NUL in a string");
	utf8_put(sb, cp);
	return ANKER_OK;
}

/* A string (quotes included in the input); *out is malloc'd. */
static int jp_string(struct jp *p, char **out)
{
	struct strbuf sb = {0};
	*out = NULL;
	if (jp_expect(p, '"'))
		return ANKER_INPUT;
	for (;;) {
		if (p->i >= p->len) {
			sb_free(&sb);
			return jp_fail(p, "unterminated string");
		}
		char c = p->s[p->i++];
		if (c == '"')
			break;
		if ((unsigned char)c < 0x20) {
			sb_free(&sb);
			return jp_fail(p, "control character in a string");
		}
		if (c == '\\') {
			if (jp_escape(p, &sb)) {
				sb_free(&sb);
				return ANKER_INPUT;
			}
		} else {
			sb_addc(&sb, c);
		}
	}
	*out = sb_steal(&sb);
	return ANKER_OK;
}

static int jp_string_or_null(struct jp *p, char **out)
{
	*out = NULL;
	if (jp_peek(p, 'n')) {
		if (p->len - p->i < 4 || memcmp(p->s + p->i, "null", 4) != 0)
			return jp_fail(p, "expected null");
		p->i += 4;
		return ANKER_OK;
	}
	return jp_string(p, out);
}

/* "key": — the writer's keys, in its order. */
static int jp_key(struct jp *p, const char *key)
{
	char *k;
	if (jp_string(p, &k))
		return ANKER_INPUT;
	bool same = strcmp(k, key) == 0;
	free(k);
	if (!same) {
		char what[64];
		snprintf(what, sizeof what, "expected key \"%s\"", key);
		return jp_fail(p, what);
	}
	return jp_expect(p, ':');
}

static int jp_column(struct jp *p, struct report_table *t)
{
	char *header = NULL, *key = NULL, *type = NULL;
	int rc = ANKER_INPUT;
	if (jp_expect(p, '{') || jp_key(p, "header") || jp_string(p, &header) ||
	    jp_expect(p, ',') || jp_key(p, "key") || jp_string(p, &key) || jp_expect(p, ',') ||
	    jp_key(p, "type") || jp_string(p, &type) || jp_expect(p, '}'))
		goto out;
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(type, type_names[i]) == 0) {
			report_table_col(t, header, key, (enum report_col_type)i);
			rc = ANKER_OK;
		}
	if (rc)
		jp_fail(p, "unknown column type");
out:
	free(header);
	free(key);
	free(type);
	return rc;
}

static int jp_cell(struct jp *p, struct report_table *t)
{
	char *text = NULL, *json = NULL;
	int rc = ANKER_INPUT;
	if (jp_peek(p, '{')) {
		p->i++;
		if (jp_key(p, "text") || jp_string_or_null(p, &text) || jp_expect(p, ',') ||
		    jp_key(p, "json") || jp_string(p, &json) || jp_expect(p, '}'))
			goto out;
		report_table_json(t, text, json);
	} else {
		if (jp_string_or_null(p, &text))
			goto out;
		report_table_text(t, text);
	}
	rc = ANKER_OK;
out:
	free(text);
	free(json);
	return rc;
}

static int jp_row(struct jp *p, struct report_table *t)
{
	if (jp_expect(p, '['))
		return ANKER_INPUT;
	report_table_row(t);
	for (size_t c = 0; c < t->ncols; c++)
		if ((c && jp_expect(p, ',')) || jp_cell(p, t))
			return ANKER_INPUT;
	if (!jp_peek(p, ']'))
		return jp_fail(p, t->ncols ? "row has more cells than there are columns"
		                           : "expected ']'");
	p->i++;
	return ANKER_OK;
}

/* [ item, item ... ] */
static int jp_list(struct jp *p, int (*item)(struct jp *, struct report_table *),
                   struct report_table *t)
{
	if (jp_expect(p, '['))
		return ANKER_INPUT;
	if (jp_peek(p, ']')) {
		p->i++;
		return ANKER_OK;
	}
	for (;;) {
		if (item(p, t))
			return ANKER_INPUT;
		if (jp_peek(p, ']')) {
			p->i++;
			return ANKER_OK;
		}
		if (jp_expect(p, ','))
			return ANKER_INPUT;
	}
}

int analysis_table_from_json(const char *json, size_t len, struct report_table *t,
                           struct anker_err *err)
{
	struct jp p = { .s = json, .len = len, .err = err };
	report_table_init(t);
	if (jp_expect(&p, '{') || jp_key(&p, "columns") || jp_list(&p, jp_column, t) ||
	    jp_expect(&p, ',') || jp_key(&p, "rows") || jp_list(&p, jp_row, t) ||
	    jp_expect(&p, '}')) {
		report_table_free(t);
		return ANKER_INPUT;
	}
	jp_ws(&p);
	if (p.i != len) {
		report_table_free(t);
		return jp_fail(&p, "text after the table");
	}
	return ANKER_OK;
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
	struct store_stmt *s;
	if (store_prepare(st, "SELECT 1 FROM result WHERE name = :name", &s, err) ||
	    store_bind_text(s, ":name", name, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	store_done(s);
	*exists = rc == 1;
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int result_write(struct store *st, const struct analysis_result *r, const char *content,
                        bool update, struct anker_err *err)
{
	struct store_stmt *s;
	char now[32];
	store_now(now);
	const char *sql = update
		? "UPDATE result SET kind = :kind, params = :params, coders = :coders, "
		  "created = :created, content = :content WHERE name = :name"
		: "INSERT INTO result(name, kind, params, coders, created, content) "
		  "VALUES (:name, :kind, :params, :coders, :created, :content)";
	if (store_prepare(st, sql, &s, err) || store_bind_text(s, ":name", r->name, err) ||
	    store_bind_text(s, ":kind", r->kind, err) ||
	    store_bind_text(s, ":params", r->params ? r->params : "", err) ||
	    store_bind_text(s, ":coders", r->coders ? r->coders : "", err) ||
	    store_bind_text(s, ":created", now, err) ||
	    store_bind_text(s, ":content", content, err) || store_step(s, err) < 0)
		return ANKER_DB;
	store_done(s);
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
		if (analysis_table_from_json(store_col_text(s, 5), store_col_bytes(s, 5), t, err)) {
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
	struct store_stmt *s;
	if (store_begin(st, err))
		return err->status;
	if (store_prepare(st, "DELETE FROM result WHERE name = :name", &s, err) ||
	    store_bind_text(s, ":name", name, err) || store_step(s, err) < 0) {
		store_rollback(st);
		return ANKER_DB;
	}
	store_done(s);
	if (store_changes(st) == 0) {
		store_rollback(st);
		return anker_err_set(err, ANKER_NOTFOUND, "no saved result named '%s'", name);
	}
	return store_commit(st, err);
}
