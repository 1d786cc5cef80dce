/* anchor/units_rank.c — passages for a code from the kept units
 * (anchor/postings.c): the same BM25 scores, ranks and ties as the scan
 * over every document (anchor/passages.c), found by reading far less.
 *
 * On a corpus of few words every unit holds some of the profile's terms,
 * so neither posting lists nor MaxScore's per-term bounds leave much out.
 * Each unit gets its own bound instead, from its packed summary alone:
 * its term counts paired with the profile's largest term weights (by the
 * rearrangement inequality no assignment of its terms scores more).  Units
 * are scored exactly in the order of their bounds, a document's terms read
 * once for all its units, until the next bound is below the N-th score. */
#include <stdlib.h>
#include <string.h>

#include "postings_int.h"

/* A unit that may be suggested. */
struct ucand {
	int64_t doc_id;
	uint32_t len;
	size_t start, end;
	size_t off, bytes;      /* its terms in the document's terms */
	double bound, score;
};

/* A document with units that may be suggested: cands[c0, c1). */
struct udoc {
	int64_t id;
	size_t c0, c1;
	double bound;           /* the largest of its units' */
};

struct uquery {
	double *a;              /* per model_term id: its weight times idf, 0: not in the profile */
	size_t na;
	double *pre;            /* prefix sums of the profile's weights, largest first */
	size_t np;
	double units, avg;
	struct ucand *c;
	size_t nc, capc;
	struct udoc *d;
	size_t nd, capd;
	struct ucand *top;      /* a heap of the best so far, the worst on top */
	size_t ntop, limit;
};

/* The scan's order (passages.c cmp_cand): score, then document, then start. */
static int cmp_better(const struct ucand *x, const struct ucand *y)
{
	if (x->score != y->score)
		return x->score > y->score ? 1 : -1;
	if (x->doc_id != y->doc_id)
		return x->doc_id < y->doc_id ? 1 : -1;
	return (x->start < y->start) - (x->start > y->start);
}

static void top_sift(struct uquery *q, size_t i)
{
	for (;;) {
		size_t w = i, l = 2 * i + 1, r = l + 1;
		if (l < q->ntop && cmp_better(&q->top[l], &q->top[w]) < 0)
			w = l;
		if (r < q->ntop && cmp_better(&q->top[r], &q->top[w]) < 0)
			w = r;
		if (w == i)
			return;
		struct ucand t = q->top[i];
		q->top[i] = q->top[w];
		q->top[w] = t;
		i = w;
	}
}

static void top_add(struct uquery *q, const struct ucand *c)
{
	if (!(c->score > 1e-9))
		return;
	if (q->ntop < q->limit) {
		size_t i = q->ntop++;
		q->top[i] = *c;
		while (i && cmp_better(&q->top[(i - 1) / 2], &q->top[i]) > 0) {
			struct ucand t = q->top[i];
			q->top[i] = q->top[(i - 1) / 2];
			q->top[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
	} else if (cmp_better(c, &q->top[0]) > 0) {
		q->top[0] = *c;
		top_sift(q, 0);
	}
}

static int cmp_double_desc(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (*x < *y) - (*x > *y);
}

/* The profile of code (its model_weight rows) with each term's idf over
 * the units of kind: q->a and its sorted prefix sums. */
static int profile_of(struct store *st, int kind, int64_t code, struct uquery *q,
                      struct anker_err *err)
{
	int64_t maxid = 0, n = 0, sumlen = 0;
	struct store_stmt *s;
	if (store_get_int(st, &maxid, err, "SELECT ifnull(max(id), 0) FROM model_term") ||
	    store_prepare(st, "SELECT ifnull(sum(n), 0), ifnull(sum(len), 0) FROM model_unit "
	                      "WHERE kind = :kind", &s, err) ||
	    store_bind_int(s, ":kind", kind, err))
		return err->status;
	if (store_step(s, err) > 0) {
		n = store_col_int(s, 0);
		sumlen = store_col_int(s, 1);
	}
	store_done(s);
	/* the scan's sums of counts, exact in doubles as there */
	q->units = (double)n;
	q->avg = n ? (double)sumlen / (double)n : 0;
	q->na = (size_t)maxid + 1;
	q->a = xcalloc(q->na + 1, sizeof *q->a);
	if (store_prepare(st, "SELECT w.term_id, w.weight, ifnull(d.df, 0) FROM model_weight w "
	                      "LEFT JOIN model_df d ON d.kind = :kind AND d.term_id = w.term_id "
	                      "WHERE w.code_id = :code", &s, err) ||
	    store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":code", code, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		int64_t id = store_col_int(s, 0);
		double w = store_col_double(s, 1);
		if (id <= 0 || (size_t)id >= q->na || !(w > 0))
			continue;
		/* as passages.c: saturated, then times idf */
		q->a[id] = w * (BM25_K1 + 1) / (w + BM25_K1);
		q->a[id] *= suggest_idf(q->units, (double)store_col_int(s, 2));
		q->pre = xreallocarray(q->pre, q->np + 2, sizeof *q->pre);
		q->pre[q->np++] = q->a[id];
	}
	store_done(s);
	if (r < 0)
		return err->status;
	q->pre = xreallocarray(q->pre, q->np + 2, sizeof *q->pre);
	qsort(q->pre, q->np, sizeof *q->pre, cmp_double_desc);
	double sum = 0;
	for (size_t i = 0; i < q->np; i++) {
		double v = q->pre[i];
		q->pre[i] = sum;
		sum += v;
	}
	q->pre[q->np] = sum;
	return ANKER_OK;
}

/* The profile's weights from the i-th largest on, up to the j-th. */
static double pre_range(const struct uquery *q, size_t i, size_t j)
{
	i = i < q->np ? i : q->np;
	j = j < q->np ? j : q->np;
	return q->pre[j] - q->pre[i];
}

/* The code's segments, every coder's (what the scan leaves out). */
struct coded {
	int64_t doc;
	size_t start, end;
};

static int coded_load(struct store *st, int64_t code, struct coded **out, size_t *n,
                      struct anker_err *err)
{
	struct store_stmt *s;
	size_t cap = 0;
	if (store_prepare(st, "SELECT doc_id, start, \"end\" FROM segment WHERE code_id = :code "
	                      "ORDER BY doc_id, start", &s, err) ||
	    store_bind_int(s, ":code", code, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = (struct coded){ store_col_int(s, 0), (size_t)store_col_int(s, 1),
		                                 (size_t)store_col_int(s, 2) };
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

static bool overlaps(const struct coded *v, size_t from, size_t to, size_t start, size_t end)
{
	for (size_t i = from; i < to && v[i].start < end; i++)
		if (start < v[i].end)
			return true;
	return false;
}

/* A document's units (its packed summary p[0..end)) as candidates with
 * their bounds, those coded with the code left out. */
static void doc_units(struct uquery *q, int64_t doc_id, const unsigned char *p,
                      const unsigned char *end, const struct coded *cv, size_t from, size_t to)
{
	if (q->nd == q->capd) {
		q->capd = q->capd ? 2 * q->capd : 256;
		q->d = xreallocarray(q->d, q->capd, sizeof *q->d);
	}
	struct udoc *d = &q->d[q->nd];
	*d = (struct udoc){ .id = doc_id, .c0 = q->nc };
	size_t start = 0, off = 0;
	while (p && p < end) {
		uint64_t z = pk_get(&p, end);
		start = z & 1 ? start - (size_t)((z + 1) >> 1) : start + (size_t)(z >> 1);
		struct ucand c = { .doc_id = doc_id, .start = start, .off = off };
		c.end = start + (size_t)pk_get(&p, end);
		c.len = (uint32_t)pk_get(&p, end);
		c.bytes = (size_t)pk_get(&p, end);
		off += c.bytes;
		size_t ng = (size_t)pk_get(&p, end), pos = 0;
		/* suggest_tf's denominator, once per unit */
		double k = BM25_K1 * (1 - BM25_B + BM25_B * (q->avg > 0 ? c.len / q->avg : 1));
		for (size_t g = 0; g < ng; g++) {
			double tf = (double)pk_get(&p, end);
			size_t cnt = (size_t)pk_get(&p, end);
			if (pos < q->np)
				c.bound += tf * (BM25_K1 + 1) / (tf + k) * pre_range(q, pos, pos + cnt);
			pos += cnt;
		}
		if (!(c.bound > 0) || overlaps(cv, from, to, c.start, c.end))
			continue;
		if (q->nc == q->capc) {
			q->capc = q->capc ? 2 * q->capc : 4096;
			q->c = xreallocarray(q->c, q->capc, sizeof *q->c);
		}
		q->c[q->nc++] = c;
		d->bound = c.bound > d->bound ? c.bound : d->bound;
	}
	d->c1 = q->nc;
	if (d->c1 > d->c0)
		q->nd++;
}

/* Every unit of kind with a bound, document by document. */
static int units_load(struct store *st, int kind, const struct coded *cv, size_t ncv,
                      struct uquery *q, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, "SELECT doc_id, units FROM model_unit WHERE kind = :kind "
	                      "ORDER BY doc_id", &s, err) ||
	    store_bind_int(s, ":kind", kind, err))
		return err->status;
	int r;
	size_t from = 0;
	while ((r = store_step(s, err)) > 0) {
		int64_t doc = store_col_int(s, 0);
		while (from < ncv && cv[from].doc < doc)
			from++;
		size_t to = from;
		while (to < ncv && cv[to].doc == doc)
			to++;
		const unsigned char *p = store_col_blob(s, 1);
		doc_units(q, doc, p, p + store_col_bytes(s, 1), cv, from, to);
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* Visit each term of candidate c (terms: its document's terms). */
#define EACH_TERM(c, terms, nterms, id, tf)                                             \
	for (const unsigned char *p_ = (terms) + (c)->off,                              \
	                         *e_ = (terms) + ((c)->off + (c)->bytes <= (nterms)      \
	                                              ? (c)->off + (c)->bytes : (nterms)); \
	     p_ < e_ && ((id) = pk_get(&p_, e_), (tf) = (double)pk_get(&p_, e_), 1);)

/* Document doc's terms (model_unit's blob), copied into *out. */
static int doc_terms(struct store *st, int kind, int64_t doc, unsigned char **out, size_t *n,
                     struct anker_err *err)
{
	struct store_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT terms FROM model_unit WHERE kind = :kind AND doc_id = :doc",
	                  &s, err) ||
	    store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":doc", doc, err))
		return err->status;
	int r = store_step(s, err);
	if (r > 0) {
		*n = store_col_bytes(s, 0);
		*out = xmalloc(*n + 1);
		if (*n)
			memcpy(*out, store_col_blob(s, 0), *n);
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* The exact score, summed in the scan's order (terms as they first occur). */
static double score_of(const struct uquery *q, const struct ucand *c, const unsigned char *t,
                       size_t n)
{
	uint64_t id;
	double tf, score = 0;
	EACH_TERM(c, t, n, id, tf)
		if (id < q->na && q->a[id] > 0)
			score += q->a[id] * suggest_tf(tf, c->len, q->avg);
	return score;
}

static int cmp_doc_bound(const void *a, const void *b)
{
	const struct udoc *x = a, *y = b;
	return (x->bound < y->bound) - (x->bound > y->bound);
}

/* The best limit candidates into q->top: documents in the order of their
 * units' largest bound, each scored whole, until no bound can reach the
 * worst of the best (a bound a little raised: summed in another order
 * than the score, it may round below it). */
static int best(struct store *st, int kind, struct uquery *q, struct anker_err *err)
{
	qsort(q->d, q->nd, sizeof *q->d, cmp_doc_bound);
	q->top = xcalloc(q->limit + 1, sizeof *q->top);
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < q->nd; i++) {
		struct udoc *d = &q->d[i];
		if (q->ntop == q->limit && d->bound * (1 + 1e-9) + 1e-12 < q->top[0].score)
			break;
		unsigned char *t;
		size_t n;
		rc = doc_terms(st, kind, d->id, &t, &n, err);
		for (size_t j = d->c0; !rc && j < d->c1; j++) {
			q->c[j].score = score_of(q, &q->c[j], t, n);
			top_add(q, &q->c[j]);
		}
		free(t);
	}
	return rc;
}

static int cmp_contrib_id(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Each result's terms and what they added to its score, into c[i] (ids:
 * model_term ids). */
static int contribs(struct store *st, int kind, const struct uquery *q, struct contrib **c,
                    size_t *nc, struct anker_err *err)
{
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < q->ntop; i++) {
		const struct ucand *u = &q->top[i];
		unsigned char *t;
		size_t n, cap = 0;
		uint64_t id;
		double tf;
		rc = doc_terms(st, kind, u->doc_id, &t, &n, err);
		EACH_TERM(u, t, n, id, tf)
			if (!rc && id < q->na && q->a[id] > 0) {
				if (nc[i] == cap) {
					cap = cap ? 2 * cap : 64;
					c[i] = xreallocarray(c[i], cap, sizeof *c[i]);
				}
				c[i][nc[i]++] = (struct contrib){ (uint32_t)id,
				                                  q->a[id] * suggest_tf(tf, u->len, q->avg) };
			}
		free(t);
	}
	return rc;
}

/* The results' reasons: their terms into a vocabulary in model_term order
 * (the order of the words of equal weight), then as the scan words them. */
static int reasons(struct store *st, int kind, const struct uquery *q, struct suggest_hit *h,
                   enum anchor_lang lang, struct anker_err *err)
{
	struct contrib **c = xcalloc(q->ntop + 1, sizeof *c), *all = NULL;
	size_t *nc = xcalloc(q->ntop + 1, sizeof *nc), nall = 0;
	struct anchor_vocab *v = anchor_vocab_new(lang);
	struct strbuf stem = { 0 }, word = { 0 };
	int rc = contribs(st, kind, q, c, nc, err);
	for (size_t i = 0; !rc && i < q->ntop; i++) {
		all = xreallocarray(all, nall + nc[i] + 1, sizeof *all);
		memcpy(all + nall, c[i], nc[i] * sizeof *all);
		nall += nc[i];
	}
	if (nall)
		qsort(all, nall, sizeof *all, cmp_contrib_id);
	size_t nu = 0;
	for (size_t i = 0; !rc && i < nall; i++) {
		if (i && all[i].id == all[i - 1].id)
			continue;
		all[nu++] = all[i];
		rc = store_get_text(st, &stem, err, "SELECT stem FROM model_term WHERE id = :id",
		                    STORE_INT(":id", all[i].id));
		if (!rc)
			rc = store_get_text(st, &word, err, "SELECT word FROM model_term WHERE id = :id",
			                    STORE_INT(":id", all[i].id));
		if (!rc)
			anchor_vocab_add(v, sb_str(&stem), sb_str(&word));
	}
	for (size_t k = 0; k < q->ntop; k++) {
		/* (a fresh vocabulary numbers its terms 0, 1, ... as added) */
		for (size_t j = 0; !rc && j < nc[k]; j++) {
			const struct contrib *hit = bsearch(&c[k][j], all, nu, sizeof *all, cmp_contrib_id);
			c[k][j].id = (uint32_t)(hit - all);
		}
		if (!rc)
			h[k].reasons = suggest_reasons(v, c[k], nc[k]);
		free(c[k]);
	}
	anchor_vocab_free(v);
	sb_free(&stem);
	sb_free(&word);
	free(all);
	free(nc);
	free(c);
	return rc;
}

/* Whether the kept units can serve: the model ready in the language asked
 * for, and the units of kind built. */
static int units_ready(struct store *st, const struct anchor_suggest_opts *o, int kind,
                       enum anchor_lang *lang, bool *ok, struct anker_err *err)
{
	unsigned kinds;
	*ok = false;
	int rc = suggest_model_ready(st, lang, err);
	if (rc == ANKER_NOTFOUND) {
		anker_err_clear(err);
		return ANKER_OK;
	}
	if (rc || (o->lang != ANCHOR_LANG_AUTO && o->lang != *lang))
		return rc;
	if (pk_kinds(st, &kinds, err))
		return err->status;
	if (!(kinds & (1u << kind)) && pk_build(st, *lang, kind, err))
		return err->status;
	*ok = true;
	return ANKER_OK;
}

static void uquery_free(struct uquery *q)
{
	free(q->a);
	free(q->pre);
	free(q->c);
	free(q->d);
	free(q->top);
}

static int cmp_top(const void *a, const void *b)
{
	return cmp_better(b, a);
}

/* The ranking itself, in one read transaction. */
static int rank(struct store *st, const char *code, int kind, enum anchor_lang lang,
                const struct anchor_suggest_opts *o, struct anchor_suggestion **out, size_t *n,
                struct anker_err *err)
{
	struct codebook cb;
	struct uquery q = { 0 };
	struct coded *cv = NULL;
	size_t ncv = 0;
	double len = 0;
	if (store_read_begin(st, err))
		return err->status;
	if (codebook_load(st, 0, &cb, err)) {
		store_read_end(st);
		return err->status;
	}
	int k = codebook_find(&cb, code, err), rc = k < 0 ? (int)err->status : ANKER_OK;
	int64_t id = k < 0 ? 0 : cb.codes[k].id;
	struct store_stmt *s;
	if (!rc && (store_prepare(st, "SELECT len FROM model_profile WHERE code_id = :c", &s, err) ||
	            store_bind_int(s, ":c", id, err)))
		rc = err->status;
	else if (!rc) {
		int r = store_step(s, err);
		len = r > 0 ? store_col_double(s, 0) : 0;
		store_done(s);
		rc = r < 0 ? (int)err->status : !(len > 0) ? suggest_no_profile(&cb, (size_t)k, err) : 0;
	}
	if (!rc)
		rc = profile_of(st, kind, id, &q, err);
	if (!rc)
		rc = coded_load(st, id, &cv, &ncv, err);
	if (!rc)
		rc = units_load(st, kind, cv, ncv, &q, err);
	q.limit = o->limit ? o->limit : q.nc;
	if (!rc)
		rc = best(st, kind, &q, err);
	struct suggest_hit *h = NULL;
	if (!rc) {
		qsort(q.top, q.ntop, sizeof *q.top, cmp_top);
		h = xcalloc(q.ntop + 1, sizeof *h);
		for (size_t i = 0; i < q.ntop; i++)
			h[i] = (struct suggest_hit){ q.top[i].doc_id, q.top[i].start, q.top[i].end,
			                             q.top[i].score, NULL };
		rc = reasons(st, kind, &q, h, lang, err);
	}
	if (!rc) {
		*out = xcalloc(q.ntop + 1, sizeof **out);
		*n = q.ntop;
		rc = suggest_hits_fill(st, h, q.ntop, *out, err);
	} else {
		for (size_t i = 0; h && i < q.ntop; i++)
			free(h[i].reasons);
	}
	store_read_end(st);
	free(h);
	free(cv);
	uquery_free(&q);
	codebook_free(&cb);
	return rc;
}

int suggest_units_rank(struct store *st, const char *code, const struct anchor_suggest_opts *o,
                       bool *served, struct anchor_suggestion **out, size_t *n,
                       struct anker_err *err)
{
	enum anchor_lang lang;
	int kind = o->unit == CODING_UNIT_PARAGRAPH || o->unit == CODING_UNIT_TURN
	               ? o->unit
	               : CODING_UNIT_SENTENCE;
	*out = NULL;
	*n = 0;
	int rc = units_ready(st, o, kind, &lang, served, err);
	if (rc || !*served)
		return rc;
	rc = rank(st, code, kind, lang, o, out, n, err);
	if (rc) {
		anchor_suggestions_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
