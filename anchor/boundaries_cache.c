/* anchor/boundaries_cache.c — where codes blur, kept in the project
 * (schema 12: bounds_state, bounds_cache), so that the boundaries of a code
 * asked for again on an unchanged project are read, not ranked again (a
 * million segments: a row of a few kilobytes instead of 0.4 s of ranking;
 * the TUI's \ pressed again, or B back on a code).
 *
 * Why it cannot go stale: the way co-occurrence matrices are kept
 * (analysis/cooc_cache.c).  The project's triggers count the changes of
 * what a result depends on in bounds_state.gen and empty bounds_cache,
 * while bounds_state.armed.  A result is computed after arming, with gen
 * and armed read before it reads anything, and kept only if gen is still
 * that in the write that keeps it: a change committed after the read
 * bumped gen (armed), one before it was seen by the computing.  The
 * kept model (anchor/model.c) follows the same rows within the same
 * transactions, so its state is part of what gen counts; a model built
 * anew empties the cache as well.  Writing is best effort (a file that
 * cannot be written, another writer, inside a write transaction: computed
 * and not kept).
 *
 * A result is packed as fields "LEN:BYTES" ("n" for NULL), numbers as
 * text ("%.17g" gives a double back exactly).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"

/* Results kept at most: the oldest go first. */
#define BOUNDS_CACHE_ENTRIES 64

static void put_str(struct strbuf *b, const char *s)
{
	if (!s) {
		sb_addc(b, 'n');
		return;
	}
	size_t n = strlen(s);
	sb_addf(b, "%zu:", n);
	sb_add(b, s, n);
}

static void put_size(struct strbuf *b, size_t v)
{
	char s[32];
	snprintf(s, sizeof s, "%zu", v);
	put_str(b, s);
}

static void put_double(struct strbuf *b, double v)
{
	char s[40];
	snprintf(s, sizeof s, "%.17g", v);
	put_str(b, s);
}

static void put_blurs(struct strbuf *b, const struct anchor_blur *v, size_t n)
{
	put_size(b, n);
	for (size_t i = 0; i < n; i++) {
		const struct anchor_blur *x = &v[i];
		put_str(b, x->guid);
		put_size(b, x->anchor);
		put_str(b, x->doc);
		put_size(b, x->start);
		put_size(b, x->end);
		put_size(b, x->para_first);
		put_size(b, x->para_last);
		put_str(b, x->code_number);
		put_str(b, x->code_path);
		put_double(b, x->own_score);
		put_str(b, x->other_number);
		put_str(b, x->other_path);
		put_double(b, x->other_score);
		put_str(b, x->reasons);
		put_str(b, x->text);
	}
}

static void pack(struct strbuf *b, const struct anchor_boundaries *r)
{
	put_blurs(b, r->segments, r->nsegments);
	put_blurs(b, r->anchors, r->nanchors);
	put_size(b, r->npairs);
	for (size_t i = 0; i < r->npairs; i++) {
		const struct anchor_overlap *p = &r->pairs[i];
		put_str(b, p->a_number);
		put_str(b, p->a_path);
		put_str(b, p->b_number);
		put_str(b, p->b_path);
		put_double(b, p->similarity);
		put_str(b, p->shared);
	}
}

/* A packed result being read: bad once a field does not parse. */
struct unpack {
	const char *p, *end;
	bool bad;
};

static char *get_str(struct unpack *u)
{
	if (u->bad || u->p >= u->end)
		goto bad;
	if (*u->p == 'n') {
		u->p++;
		return NULL;
	}
	size_t n = 0;
	while (u->p < u->end && *u->p >= '0' && *u->p <= '9')
		n = 10 * n + (size_t)(*u->p++ - '0');
	if (u->p >= u->end || *u->p++ != ':' || (size_t)(u->end - u->p) < n)
		goto bad;
	char *s = xstrndup(u->p, n);
	u->p += n;
	return s;
bad:
	u->bad = true;
	return NULL;
}

static double get_double(struct unpack *u)
{
	char *s = get_str(u);
	double v = s ? strtod(s, NULL) : 0;
	u->bad = u->bad || !s;
	free(s);
	return v;
}

static size_t get_size(struct unpack *u)
{
	char *s = get_str(u);
	size_t v = s ? (size_t)strtoull(s, NULL, 10) : 0;
	u->bad = u->bad || !s;
	free(s);
	return v;
}

/* A count of items of at least min bytes each: no more than the bytes
 * left can hold (a damaged row allocates nothing huge). */
static size_t get_count(struct unpack *u, size_t min)
{
	size_t n = get_size(u);
	if (n > (size_t)(u->end - u->p) / min)
		u->bad = true;
	return u->bad ? 0 : n;
}

static void get_blurs(struct unpack *u, struct anchor_blur **v, size_t *n)
{
	*n = get_count(u, 15);
	*v = xcalloc(*n + 1, sizeof **v);
	for (size_t i = 0; i < *n; i++) {
		struct anchor_blur *x = &(*v)[i];
		char *g = get_str(u);
		snprintf(x->guid, sizeof x->guid, "%s", g ? g : "");
		free(g);
		x->anchor = get_size(u);
		x->doc = get_str(u);
		x->start = get_size(u);
		x->end = get_size(u);
		x->para_first = get_size(u);
		x->para_last = get_size(u);
		x->code_number = get_str(u);
		x->code_path = get_str(u);
		x->own_score = get_double(u);
		x->other_number = get_str(u);
		x->other_path = get_str(u);
		x->other_score = get_double(u);
		x->reasons = get_str(u);
		x->text = get_str(u);
	}
}

static bool unpack(const char *data, size_t len, struct anchor_boundaries *r)
{
	struct unpack u = { .p = data, .end = data + len };
	get_blurs(&u, &r->segments, &r->nsegments);
	get_blurs(&u, &r->anchors, &r->nanchors);
	r->npairs = get_count(&u, 6);
	r->pairs = xcalloc(r->npairs + 1, sizeof *r->pairs);
	for (size_t i = 0; i < r->npairs; i++) {
		struct anchor_overlap *p = &r->pairs[i];
		p->a_number = get_str(&u);
		p->a_path = get_str(&u);
		p->b_number = get_str(&u);
		p->b_path = get_str(&u);
		p->similarity = get_double(&u);
		p->shared = get_str(&u);
	}
	if (u.bad || u.p != u.end)
		anchor_boundaries_free(r);
	return !u.bad && u.p == u.end;
}

/* What a lookup saw: the state before computing, and whether it found. */
struct bounds_state {
	int64_t gen, armed;
	bool hit;
};

/* The result kept for (code, limit, lang) into *out (state->hit), and the
 * state it is compared with when kept. */
static int bounds_get(struct store *st, const char *code, size_t limit, const char *lang,
                      struct anchor_boundaries *out, struct bounds_state *state,
                      struct anker_err *err)
{
	struct store_stmt *s;
	state->hit = false;
	if (store_read_begin(st, err))
		return err->status;
	int r = -1;
	if (!store_get_int(st, &state->gen, err, "SELECT gen FROM bounds_state WHERE id = 1") &&
	    !store_get_int(st, &state->armed, err, "SELECT armed FROM bounds_state WHERE id = 1") &&
	    !store_prepare(st, "SELECT data FROM bounds_cache WHERE code = :code AND lim = :lim "
	                       "AND lang = :lang", &s, err)) {
		if (store_bind_text(s, ":code", code, err) ||
		    store_bind_int(s, ":lim", (int64_t)limit, err) ||
		    store_bind_text(s, ":lang", lang, err))
			r = -1;
		else if ((r = store_step(s, err)) > 0)
			state->hit = unpack((const char *)store_col_blob(s, 0), store_col_bytes(s, 0), out);
		store_done(s);
	}
	store_read_end(st);
	return r < 0 ? (err->status ? err->status : ANKER_DB) : ANKER_OK;
}

static void bounds_put(struct store *st, const char *code, size_t limit, const char *lang,
                       const struct bounds_state *state, const struct anchor_boundaries *r)
{
	struct anker_err err = { 0 };
	struct strbuf blob = { 0 };
	int64_t gen = -1;
	if (!state->armed || state->hit || store_begin_cache(st, &err))
		return;
	pack(&blob, r);
	if (store_get_int(st, &gen, &err, "SELECT gen FROM bounds_state WHERE id = 1") ||
	    gen != state->gen ||
	    store_run(st, &err, "DELETE FROM bounds_cache WHERE code = :code AND lim = :lim AND "
	                        "lang = :lang",
	              STORE_TEXT(":code", code), STORE_INT(":lim", (int64_t)limit),
	              STORE_TEXT(":lang", lang)) ||
	    store_run(st, &err, "INSERT INTO bounds_cache(code, lim, lang, data) VALUES (:code, "
	                        ":lim, :lang, :data)",
	              STORE_TEXT(":code", code), STORE_INT(":lim", (int64_t)limit),
	              STORE_TEXT(":lang", lang), STORE_BLOB(":data", blob.buf, blob.len)) ||
	    store_run(st, &err, "DELETE FROM bounds_cache WHERE id <= (SELECT MAX(id) FROM "
	                        "bounds_cache) - :n",
	              STORE_INT(":n", BOUNDS_CACHE_ENTRIES)) ||
	    store_commit(st, &err))
		store_rollback(st);
	sb_free(&blob);
}

int suggest_bounds_kept(struct store *st, enum anchor_lang lang, const char *code,
                        const struct anchor_suggest_opts *o, struct anchor_boundaries *out,
                        struct anker_err *err)
{
	struct bounds_state state = { 0 };
	const char *key = code ? code : "", *lname = anchor_lang_name(lang);
	if (!store_kept_wanted(false))
		return suggest_kept_boundaries(st, lang, code, o, out, err);
	store_kept_arm_state(st, true);
	int rc = bounds_get(st, key, o->limit, lname, out, &state, err);
	if (rc || state.hit)
		return rc;
	rc = suggest_kept_boundaries(st, lang, code, o, out, err);
	if (!rc)
		bounds_put(st, key, o->limit, lname, &state, out);
	return rc;
}

/* A model built anew: results kept from the model before go (anchor/model.c,
 * inside its transaction). */
int suggest_bounds_drop(struct store *st, struct anker_err *err)
{
	return store_exec(st, "UPDATE bounds_state SET gen = gen + 1, armed = 0; "
	                      "DELETE FROM bounds_cache;", err);
}
