/* anchor/units_rank.c — passages for a code from the kept units
 * (anchor/postings.c): the same BM25 scores, ranks and ties as the scan
 * over every document (anchor/passages.c), found by reading far less.
 *
 * On a corpus of few words every unit holds some of the profile's terms,
 * so neither posting lists nor MaxScore's per-term bounds leave much out.
 * Bounds per unit instead: a unit's score is at most, for each class of
 * terms (terms about as common), the largest weight of the class's
 * profile terms times the sum of the unit's tf weights in that class
 * (kept with the units).  A document's units are kept strongest first,
 * with a bound of all those after them every PK_GROUP units, its first
 * PK_HEAD units (bound and places) in the small row read for every
 * document, their terms and the rest's blocks read only as far as they
 * may still rank.  Documents go in the order of their bound (from their
 * first units' own bounds); a document's units are scored exactly while
 * their bounds (and those of the rest: see ref_bound) can still reach the
 * N-th score, and the documents stop at the first whose bound cannot. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "postings_int.h"

/* A unit that may be suggested. */
struct ucand {
	int64_t doc_id;
	size_t start, end, len;
	double score;
};

/* A document: its bound (that of its best unit), and the factor its
 * units' bounds take for today's mean unit length. */
struct udoc {
	int64_t id;
	double bound, scale, avg0;
	const unsigned char *head;      /* model_unit's: its strongest units */
	unsigned char *hterms;  /* and their terms, read when first needed (hterms_read) */
	size_t nhead, nhterms, n;       /* n: its units */
	bool read;
	size_t at;              /* where head is in uquery's heads */
	size_t key;             /* its order key's weights in uquery's keys */
};

/* The order key's weights of the rows of one length (pk_key_weights), and
 * the profile's lambda for them (ref_bound). */
struct ukey {
	double len, lambda;
	double kw[PK_CLASSES];
};

struct uquery {
	double *a;              /* per model_term id: its weight times idf, 0: not in the profile */
	size_t na;
	double amax[PK_CLASSES];        /* per class: the largest a */
	double step[PK_CLASSES];        /* how much the largest of amax[0..c] grows at c */
	struct ukey *keys;      /* per length of the documents' rows */
	size_t nkeys;
	double units, avg;
	struct udoc *d;
	size_t nd, capd;
	struct strbuf heads;    /* every document's head, one after another */
	struct ucand *top;      /* a heap of the best so far, the worst on top */
	size_t ntop, captop, limit;
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
		if (q->ntop == q->captop) {
			q->captop = q->captop ? 2 * q->captop : 64;
			q->top = xreallocarray(q->top, q->captop, sizeof *q->top);
		}
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

/* The profile of code (its model_weight rows) with each term's idf over
 * the units of kind (q->a; q->units counted by docs_load), each class's
 * largest (amax) and their steps. */
static int profile_of(struct store *st, int kind, int64_t code, struct uquery *q,
                      struct anker_err *err)
{
	int64_t maxid = 0;
	struct store_stmt *s;
	if (store_get_int(st, &maxid, err, "SELECT ifnull(max(id), 0) FROM model_term"))
		return err->status;
	q->na = (size_t)maxid + 1;
	q->a = xcalloc(q->na + 1, sizeof *q->a);
	if (store_prepare(st, "SELECT w.term_id, w.weight, ifnull(d.df, 0), ifnull(c.class, :last) "
	                      "FROM model_weight w LEFT JOIN model_df d ON d.kind = :kind AND "
	                      "d.term_id = w.term_id LEFT JOIN model_class c ON c.term_id = w.term_id "
	                      "WHERE w.code_id = :code", &s, err) ||
	    store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":code", code, err) ||
	    store_bind_int(s, ":last", PK_CLASSES - 1, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		int64_t id = store_col_int(s, 0), c = store_col_int(s, 3);
		double w = store_col_double(s, 1);
		if (id <= 0 || (size_t)id >= q->na || !(w > 0))
			continue;
		/* as passages.c: saturated, then times idf */
		int64_t df = store_col_int(s, 2);
		q->a[id] = w * (BM25_K1 + 1) / (w + BM25_K1);
		q->a[id] *= suggest_idf(q->units, (double)df);
		/* A term in no unit (a word cut by a segment's edge, one only the
		 * definition uses) adds to no score, while its idf, the largest
		 * there is, would raise its class's bound and every key's
		 * (lambda): bench code 1.1.1 at 1 GB, 10M segments, read 1.86M
		 * of 3.2M paragraphs for the cut words, 1.22M without. */
		if (!df)
			continue;
		c = c >= 0 && c < PK_CLASSES ? c : PK_CLASSES - 1;
		q->amax[c] = q->a[id] > q->amax[c] ? q->a[id] : q->amax[c];
	}
	store_done(s);
	double top = 0;
	for (int c = 0; c < PK_CLASSES; c++) {
		q->step[c] = q->amax[c] > top ? q->amax[c] - top : 0;
		top = q->amax[c] > top ? q->amax[c] : top;
	}
	return r < 0 ? err->status : ANKER_OK;
}

/* The bound of a unit from its (class, scaled bound) pairs p[0..end),
 * times scale; its order key (postings.c unit_stage, ref: the pairs'
 * bounds weighted by the row's kw, summed in the same order) into *ref. */
static double bound_of(const struct uquery *q, const unsigned char **p, const unsigned char *end,
                       size_t n, double scale, const double *kw, double *ref)
{
	double b = 0;
	*ref = 0;
	for (size_t i = 0; i < n && *p < end; i++) {
		uint64_t c = pk_get(p, end), v = pk_get(p, end);
		if (c < PK_CLASSES) {
			b += q->amax[c] * ((double)v / PK_SCALE);
			*ref += (double)v * kw[c];
		}
	}
	return b * scale;
}

/* A bound of every unit of d whose order key is at most ref: a unit's
 * bound, the sum over c of amax[c] F[c], is at most lambda (the largest
 * amax[c] / kw[c]) times the sum of kw[c] F[c], its key.  A
 * document's units are packed by their keys, largest first, so after a
 * unit this bounds all the rest, before their records are read.  Where
 * the profile's weights grow with the class much as the key's weights do,
 * far closer than the bound of the rest packed every PK_GROUP units,
 * which takes each class's largest sum from another unit (sentences of
 * the bench corpus, code 1: the rest of 1,922 documents' units read, 38
 * ms; with this bound that of 108, 14 ms; kw (c + PK_STEPS) then). */
static double ref_bound(const struct uquery *q, const struct udoc *d, double ref)
{
	return q->keys[d->key].lambda * (ref / PK_SCALE) * d->scale;
}

/* Each document's order key weights (d->key) and their lambda: the
 * largest amax[c] / kw[c] (after profile_of). */
static void keys_of(struct uquery *q)
{
	size_t cap = 0;
	for (size_t i = 0; i < q->nd; i++) {
		double len = pk_key_len(q->d[i].avg0);
		size_t k = 0;
		while (k < q->nkeys && q->keys[k].len != len)
			k++;
		if (k == q->nkeys) {
			if (q->nkeys == cap) {
				cap = cap ? 2 * cap : 8;
				q->keys = xreallocarray(q->keys, cap, sizeof *q->keys);
			}
			struct ukey *u = &q->keys[q->nkeys++];
			*u = (struct ukey){ .len = len };
			pk_key_weights(q->d[i].avg0, u->kw);
			for (int c = 0; c < PK_CLASSES; c++) {
				double l = q->amax[c] / u->kw[c];
				u->lambda = l > u->lambda ? l : u->lambda;
			}
		}
		q->d[i].key = k;
	}
}

/* The bound of the units from here on (postings.c rest_put): a unit's
 * bound, the sum over c of amax[c] F[c], is at most that with step[c] =
 * max(amax[0..c]) - max(amax[0..c - 1]) times the sums of F from c on
 * (Abel), each at most the record's. */
static double rest_bound(const struct uquery *q, const unsigned char **p,
                         const unsigned char *end, double scale)
{
	double b = 0;
	size_t k = (size_t)pk_get(p, end);
	for (size_t c = 0; c < k && *p < end; c++) {
		double v = (double)pk_get(p, end) / PK_SCALE;
		if (c < PK_CLASSES)
			b += q->step[c] * v;
	}
	return b * scale;
}

/* Every document of kind with its head, and the units' count and mean
 * length (q->units, q->avg): one pass over model_unit (a second for the
 * sums alone cost paragraphs of the bench corpus 4 ms of 25).  The heads'
 * terms are left for hterms_read: a copy of every document's cost those
 * paragraphs 5 ms of 21, and few documents are scored. */
static int docs_load(struct store *st, int kind, struct uquery *q, struct anker_err *err)
{
	struct store_stmt *s;
	int64_t units = 0, sumlen = 0;
	if (store_prepare(st, "SELECT doc_id, avg0, head, n, len FROM model_unit WHERE kind = :kind",
	                  &s, err) ||
	    store_bind_int(s, ":kind", kind, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		if (q->nd == q->capd) {
			q->capd = q->capd ? 2 * q->capd : 256;
			q->d = xreallocarray(q->d, q->capd, sizeof *q->d);
		}
		struct udoc *d = &q->d[q->nd++];
		*d = (struct udoc){ .id = store_col_int(s, 0), .n = (size_t)store_col_int(s, 3),
		                    .avg0 = store_col_double(s, 1), .at = q->heads.len,
		                    .nhead = store_col_bytes(s, 2) };
		/* (one buffer: a copy each was a fifth of the pass) */
		if (d->nhead)
			sb_add(&q->heads, (const char *)store_col_blob(s, 2), d->nhead);
		units += store_col_int(s, 3);
		sumlen += store_col_int(s, 4);
	}
	store_done(s);
	/* the scan's sums of counts, exact in doubles as there */
	q->units = (double)units;
	q->avg = units ? (double)sumlen / (double)units : 0;
	for (size_t i = 0; i < q->nd; i++) {
		struct udoc *d = &q->d[i];
		d->head = (const unsigned char *)sb_str(&q->heads) + d->at;   /* (none: NULL + 0) */
		/* the tf weights were reckoned with mean length avg0: a longer
		 * mean today raises them by at most avg / avg0 (postings.c) */
		d->scale = d->avg0 > 0 && q->avg > d->avg0 ? q->avg / d->avg0 : 1;
	}
	return r < 0 ? err->status : ANKER_OK;
}

/* Whether a bound may still reach the worst of the best (raised a
 * little: summed in another order than the score, it may round below). */
static bool may_reach(const struct uquery *q, double bound)
{
	return q->ntop < q->limit || bound * (1 + 1e-9) + 1e-12 >= q->top[0].score;
}

/* The exact score of unit u, its terms t[0..n), summed in the scan's
 * order (terms as they first occur); with c, each term's share into c. */
static double score_of(const struct uquery *q, const struct ucand *u, const unsigned char *t,
                       const unsigned char *end, struct contrib **c, size_t *nc)
{
	double score = 0;
	size_t cap = 0;
	while (t < end) {
		uint64_t id = pk_get(&t, end);
		double tf = (double)pk_get(&t, end);
		if (id >= q->na || !(q->a[id] > 0))
			continue;
		double v = q->a[id] * suggest_tf(tf, (double)u->len, q->avg);
		score += v;
		if (c) {
			if (*nc == cap) {
				cap = cap ? 2 * cap : 64;
				*c = xreallocarray(*c, cap, sizeof **c);
			}
			(*c)[(*nc)++] = (struct contrib){ (uint32_t)id, v };
		}
	}
	return score;
}

/* A unit to score: where its terms are in its document's. */
struct uterms {
	struct ucand u;
	size_t off, bytes;
};

/* Bytes read, not owned. */
struct span {
	const unsigned char *p;
	size_t len;
};

/* The next unit's record at *p (postings.c doc_pack) into *t, start
 * running on from the previous unit's (*start); its bound returned. */
static double unit_next(const struct uquery *q, const struct udoc *d, const unsigned char **p,
                        const unsigned char *end, size_t *start, size_t *off, struct uterms *t,
                        double *ref)
{
	uint64_t z = pk_get(p, end);
	*start = z & 1 ? *start - (size_t)((z + 1) >> 1) : *start + (size_t)(z >> 1);
	*t = (struct uterms){ .u = { .doc_id = d->id, .start = *start }, .off = *off };
	t->u.end = *start + (size_t)pk_get(p, end);
	t->u.len = (size_t)pk_get(p, end);
	t->bytes = (size_t)pk_get(p, end);
	*off += t->bytes;
	return bound_of(q, p, end, (size_t)pk_get(p, end), d->scale, q->keys[d->key].kw, ref);
}

/* Document d's bound from its head alone: the larger of its first
 * PK_GROUP units' own bounds and the bound of the rest after them, if
 * below the bound of all its units.  (The bound of all its units takes
 * each class's largest sum from another unit: on the bench corpus twice
 * as many documents of paragraphs passed it as pass this.) */
static double doc_bound(const struct uquery *q, const struct udoc *d)
{
	const unsigned char *p = d->head, *end = d->head + d->nhead;
	if (!d->nhead)
		return 0;
	double all = rest_bound(q, &p, end, d->scale), b = 0;
	size_t start = 0, off = 0;
	for (size_t i = 0; i < d->n && p < end; i++) {
		if (i == PK_GROUP) {
			double rest = rest_bound(q, &p, end, d->scale);
			b = rest > b ? rest : b;
			break;
		}
		struct uterms t;
		double ref, u = unit_next(q, d, &p, end, &start, &off, &t, &ref);
		b = u > b ? u : b;
		if (!i)         /* (the first unit's key is the largest) */
			all = ref_bound(q, d, ref) < all ? ref_bound(q, d, ref) : all;
	}
	return b < all ? b : all;
}

/* The next block of document d's units of kind (*s: the statement that
 * reads them in turn, prepared by the first call) into *units, which
 * points into the row and stays valid until the next call (a copy of
 * each block read cost a twentieth of Z at 1 GB); none when no more.  The
 * id of its terms' row into *terms_id.  (At 1 GB, a document of 1,600
 * paragraphs read ten blocks and more: a lookup each cost a fifth more
 * than one read of all the rest had.) */
static int block_next(struct store *st, int kind, const struct udoc *d, struct store_stmt **s,
                      struct span *units, int64_t *terms_id, struct anker_err *err)
{
	*units = (struct span){ 0 };
	if (!*s && (store_prepare(st, "SELECT id, units FROM model_unit_data WHERE id >= :a AND "
	                              "id < :b ORDER BY id", s, err) ||
	            store_bind_int(*s, ":a", PK_DATA_ID(d->id, kind, 1), err) ||
	            store_bind_int(*s, ":b", PK_DATA_ID(d->id, kind + 1, 1), err)))
		return err->status;
	int r = store_step(*s, err);
	if (r > 0) {
		*units = (struct span){ store_col_blob(*s, 1), store_col_bytes(*s, 1) };
		*terms_id = -store_col_int(*s, 0);  /* (PK_TERMS_ID) */
	}
	return r < 0 ? err->status : ANKER_OK;
}

/* The terms of a block (row id, PK_TERMS_ID) into *terms, pointing into
 * the row of *s (prepared here), valid until *s is done. */
static int block_terms(struct store *st, int64_t id, struct store_stmt **s, struct span *terms,
                       struct anker_err *err)
{
	*terms = (struct span){ 0 };
	if (store_prepare(st, "SELECT terms FROM model_unit_data WHERE id = :id", s, err) ||
	    store_bind_int(*s, ":id", id, err))
		return err->status;
	int r = store_step(*s, err);
	if (r > 0)
		*terms = (struct span){ store_col_blob(*s, 0), store_col_bytes(*s, 0) };
	return r < 0 ? err->status : ANKER_OK;
}

/* A result whose reasons are wanted: its unit, and its place in q->top. */
struct uwant {
	int64_t doc;
	size_t start, end, i;
};

/* By document, then unit. */
static int cmp_uwant(const void *a, const void *b)
{
	const struct uwant *x = a, *y = b;
	if (x->doc != y->doc)
		return (x->doc > y->doc) - (x->doc < y->doc);
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
}

static int cmp_udoc_id(const void *a, const void *b)
{
	const struct udoc *x = *(const struct udoc *const *)a, *y = *(const struct udoc *const *)b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Unit t's score from its terms, those at t->off in the terms that begin
 * at offset at of the document's (the head's or a block's), scored into
 * q->top; or with c, its terms' shares into *c instead. */
static void unit_score(struct uquery *q, struct uterms *t, struct span terms, size_t at,
                       struct contrib **c, size_t *nc)
{
	size_t o = t->off >= at ? t->off - at : terms.len;
	size_t a = o < terms.len ? o : terms.len;
	size_t b = a + t->bytes < terms.len ? a + t->bytes : terms.len;
	if (!terms.p)
		return;
	t->u.score = score_of(q, &t->u, terms.p + a, terms.p + b, c, nc);
	if (!c)
		top_add(q, &t->u);
}

/* Document d's units that may still reach the best (those coded with the
 * code left out: cv[from, to), the document's segments) scored into
 * q->top as they are read, their terms read only when one may; or with
 * want (results in this document, nwant of them, in cmp_uwant order) each
 * unit's terms' shares into c[want's i], in one walk of the document. */
static int doc_score(struct store *st, int kind, struct uquery *q, const struct udoc *d,
                     const struct pk_coded *cv, size_t from, size_t to, const struct uwant *want,
                     size_t nwant, struct contrib **c, size_t *nc, struct anker_err *err)
{
	size_t found = 0;
	struct store_stmt *bs = NULL, *ts = NULL;
	struct span terms = { d->hterms, d->nhterms }, block;
	size_t start = 0, off = 0, at = 0;
	int64_t terms_id = 0;   /* the block's terms' row, to read (0: read) */
	double ref = 0;
	int rc = ANKER_OK;
	const unsigned char *p = d->head, *end = d->head + d->nhead;
	for (size_t i = 0; i < d->n; i++) {
		/* keys largest first: none from here on may reach the best */
		if (!want && i && !may_reach(q, ref_bound(q, d, ref)))
			break;
		/* the head read: the next block (it starts with its bound) */
		if (i >= PK_HEAD && (i - PK_HEAD) % PK_BLOCK == 0) {
			if ((rc = block_next(st, kind, d, &bs, &block, &terms_id, err)))
				break;
			p = block.p;
			end = p + block.len;
			at = off;
			terms = (struct span){ 0 };
		}
		if (!p || p >= end)
			break;
		/* strongest first: none from here on may reach the best */
		if (i % PK_GROUP == 0) {
			double rest = rest_bound(q, &p, end, d->scale);
			if (!want && !may_reach(q, rest))
				break;
		}
		struct uterms t;
		double bound = unit_next(q, d, &p, end, &start, &off, &t, &ref);
		const struct uwant *w = NULL, key = { d->id, t.u.start, t.u.end, 0 };
		if (want ? !(w = bsearch(&key, want, nwant, sizeof *want, cmp_uwant))
		         : !may_reach(q, bound) || pk_coded_overlaps(cv, from, to, t.u.start, t.u.end))
			continue;
		if (terms_id && (rc = block_terms(st, terms_id, &ts, &terms, err)))
			break;
		terms_id = 0;
		unit_score(q, &t, terms, at, w ? c + w->i : NULL, w ? nc + w->i : NULL);
		if (want && ++found == nwant)
			break;
	}
	if (ts)
		store_done(ts);
	if (bs)
		store_done(bs);
	return rc;
}

/* The heads' terms of the documents q->d[from, from + HTERMS_BATCH) that
 * may still reach the best and have none read yet, in one statement. */
#define HTERMS_BATCH 64
static int hterms_read(struct store *st, int kind, struct uquery *q, size_t from,
                       struct anker_err *err)
{
	struct strbuf ids = { 0 };
	size_t to = from;
	for (; to < q->nd && to - from < HTERMS_BATCH && may_reach(q, q->d[to].bound); to++)
		if (!q->d[to].read)
			sb_addf(&ids, "%s%lld", ids.len ? "," : "[",
			        (long long)PK_DATA_ID(q->d[to].id, kind, 0));
	if (!ids.len)
		return ANKER_OK;
	sb_addc(&ids, ']');
	struct store_stmt *s;
	int r = -1;
	if (!store_prepare(st, "SELECT id, terms FROM model_unit_data WHERE id IN (SELECT "
	                       "value FROM json_each(:ids))", &s, err) &&
	    !store_bind_text(s, ":ids", sb_str(&ids), err)) {
		while ((r = store_step(s, err)) > 0) {
			int64_t id = store_col_int(s, 0);
			for (size_t i = from; i < to; i++)
				if (PK_DATA_ID(q->d[i].id, kind, 0) == id && !q->d[i].read) {
					size_t n = store_col_bytes(s, 1);
					q->d[i].hterms = xmalloc(n + 1);
					if (n)
						memcpy(q->d[i].hterms, store_col_blob(s, 1), n);
					q->d[i].nhterms = n;
					q->d[i].read = true;
				}
		}
		store_done(s);
	}
	sb_free(&ids);
	return r < 0 ? err->status : ANKER_OK;
}

static int cmp_doc_bound(const void *a, const void *b)
{
	const struct udoc *x = a, *y = b;
	if (x->bound != y->bound)
		return x->bound < y->bound ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The best limit units into q->top. */
static int best(struct store *st, int kind, struct uquery *q, const struct pk_coded *cv,
                size_t ncv, struct anker_err *err)
{
	for (size_t i = 0; i < q->nd; i++)
		q->d[i].bound = doc_bound(q, &q->d[i]);
	if (q->nd)
		qsort(q->d, q->nd, sizeof *q->d, cmp_doc_bound);
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < q->nd && q->d[i].bound > 0 && may_reach(q, q->d[i].bound);
	     i++) {
		size_t from, to;
		pk_coded_in(cv, ncv, q->d[i].id, &from, &to);
		if (!q->d[i].read)
			rc = hterms_read(st, kind, q, i, err);
		if (!rc)
			rc = doc_score(st, kind, q, &q->d[i], cv, from, to, NULL, 0, NULL, NULL, err);
	}
	return rc;
}

/* Each result's terms and what they added to its score, into c[i] (ids:
 * model_term ids): each document with results walked once for all of them
 * (with -n 0, hundreds of thousands of results, walking the document and
 * searching the documents for each result took 10 s where ranking took 1). */
static int contribs(struct store *st, int kind, struct uquery *q, struct contrib **c,
                    size_t *nc, struct anker_err *err)
{
	struct uwant *w = xcalloc(q->ntop + 1, sizeof *w);
	const struct udoc **byid = xcalloc(q->nd + 1, sizeof *byid);
	for (size_t j = 0; j < q->nd; j++)
		byid[j] = &q->d[j];
	if (q->nd)
		qsort(byid, q->nd, sizeof *byid, cmp_udoc_id);
	for (size_t i = 0; i < q->ntop; i++)
		w[i] = (struct uwant){ q->top[i].doc_id, q->top[i].start, q->top[i].end, i };
	if (q->ntop)
		qsort(w, q->ntop, sizeof *w, cmp_uwant);
	int rc = ANKER_OK;
	for (size_t a = 0, b; !rc && a < q->ntop; a = b) {
		for (b = a; b < q->ntop && w[b].doc == w[a].doc; b++)
			;
		struct udoc key = { .id = w[a].doc };
		const struct udoc *kp = &key, **d = bsearch(&kp, byid, q->nd, sizeof *byid, cmp_udoc_id);
		/* (a result's document was scored: its head's terms are read) */
		if (d)
			rc = doc_score(st, kind, q, *d, NULL, 0, 0, w + a, b - a, c, nc, err);
	}
	free(byid);
	free(w);
	return rc;
}

/* The results' reasons: their terms into a vocabulary in model_term order
 * (the order of the words of equal weight), then as the scan words them. */
static int reasons(struct store *st, int kind, struct uquery *q, struct suggest_hit *h,
                   enum anchor_lang lang, struct anker_err *err)
{
	struct contrib **c = xcalloc(q->ntop + 1, sizeof *c);
	size_t *nc = xcalloc(q->ntop + 1, sizeof *nc);
	struct anchor_vocab *v = anchor_vocab_new(lang);
	struct strbuf stem = { 0 }, word = { 0 };
	int rc = contribs(st, kind, q, c, nc, err);
	/* the terms named, marked by model_term id (a sort of every result's
	 * terms cost more than the ranking with -n 0), then numbered in id
	 * order: a fresh vocabulary numbers its terms 0, 1, ... as added */
	uint32_t maxid = 0;
	for (size_t k = 0; k < q->ntop; k++)
		for (size_t j = 0; j < nc[k]; j++)
			maxid = c[k][j].id > maxid ? c[k][j].id : maxid;
	uint32_t *slot = xcalloc((size_t)maxid + 1, sizeof *slot), nu = 0;
	for (size_t k = 0; k < q->ntop; k++)
		for (size_t j = 0; j < nc[k]; j++)
			slot[c[k][j].id] = 1;
	for (uint32_t id = 0; !rc && id <= maxid; id++) {
		if (!slot[id])
			continue;
		slot[id] = nu++;
		rc = store_get_text(st, &stem, err, "SELECT stem FROM model_term WHERE id = :id",
		                    STORE_INT(":id", id));
		if (!rc)
			rc = store_get_text(st, &word, err, "SELECT word FROM model_term WHERE id = :id",
			                    STORE_INT(":id", id));
		if (!rc)
			anchor_vocab_add(v, sb_str(&stem), sb_str(&word));
	}
	for (size_t k = 0; k < q->ntop; k++) {
		for (size_t j = 0; !rc && j < nc[k]; j++)
			c[k][j].id = slot[c[k][j].id];
		if (!rc)
			h[k].reasons = suggest_reasons(v, c[k], nc[k]);
		free(c[k]);
	}
	anchor_vocab_free(v);
	sb_free(&stem);
	sb_free(&word);
	free(slot);
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
	sb_free(&q->heads);
	for (size_t i = 0; i < q->nd; i++) {
		free(q->d[i].hterms);
	}
	free(q->d);
	free(q->top);
	free(q->keys);
}

/* Only the documents f keeps (B's candidates under :docs) to rank, after
 * the order keys: the terms keep the whole corpus's weights, as in the
 * scan.  (Their heads' terms are not read yet.) */
static int docs_keep(struct store *st, struct uquery *q, const struct corpus_doc_filter *f,
                     struct anker_err *err)
{
	int64_t *ids;
	size_t n, m = 0;
	int rc = pk_docs_kept(st, f, &ids, &n, err);
	for (size_t i = 0; !rc && i < q->nd; i++)
		if (pk_doc_kept(ids, n, q->d[i].id))
			q->d[m++] = q->d[i];
	if (!rc)
		q->nd = m;
	free(ids);
	return rc;
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
	struct pk_coded *cv = NULL;
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
		rc = docs_load(st, kind, &q, err);
	if (!rc)
		rc = profile_of(st, kind, id, &q, err);
	if (!rc)
		keys_of(&q);
	if (!rc)
		rc = pk_coded_load(st, id, &cv, &ncv, err);
	if (!rc && o->docs)
		rc = docs_keep(st, &q, o->docs, err);
	q.limit = o->limit ? o->limit : SIZE_MAX;
	if (!rc)
		rc = best(st, kind, &q, cv, ncv, err);
	struct suggest_hit *h = NULL;
	if (!rc) {
		if (q.ntop)
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
