/* anchor/passages.c — passages for a code: every unit (sentence,
 * paragraph or turn) of the corpus scored against the code's profile with
 * BM25, in one pass over the documents (the model in anchor.h,
 * "Suggestions").  The collection statistics (how many units hold a term,
 * their mean length) are only known at the end of the pass, so each unit
 * keeps its length and the profile terms it holds until then.
 */
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"
#include "../corpus/corpus.h"

/* A unit that may be suggested: its place and its profile terms. */
struct cand {
	size_t doc;             /* index into docs */
	size_t start, end;
	double len;             /* terms */
	size_t p0, np;          /* its terms: pairs[p0, p0 + np) */
	double score;
};
struct pair {
	uint32_t id, tf;
};

struct coded;

struct scan {
	struct anchor_model *m;
	const struct anchor_suggest_opts *o;
	size_t nq;              /* profile terms have ids below this */
	double *qw;             /* per term below nq: its query weight (0: none) */
	size_t *df;             /* per term below nq: units holding it */
	double units, sumlen;
	struct cand *c;
	size_t nc, capc;
	struct pair *pairs;
	size_t np, capp;
	struct anchor_termv terms;
	uint32_t *utf;          /* per term below nq: its count in the unit being read */
	uint32_t *scratch;      /* the profile terms of that unit, each once */
	size_t nscratch, capscratch;
	struct coded *coded;    /* the code's segments, by document and start */
	size_t ncoded;
	size_t coded_from, coded_to;    /* the document's */
};

int suggest_units_of(struct store *st, int64_t doc_id, int unit, const struct corpus_text *t,
                     struct suggest_range **out, size_t *n, struct anker_err *err)
{
	struct suggest_range *v = NULL;
	size_t nv = 0, cap = 0;
	struct corpus_turn *turns = NULL;
	size_t nturns = 0;
	if (unit == CODING_UNIT_TURN && corpus_doc_turns(st, doc_id, &turns, &nturns, err))
		return err->status;
	size_t total = unit == CODING_UNIT_TURN ? nturns : unit == CODING_UNIT_PARAGRAPH ? t->nlines
	                                                                                  : t->chars;
	for (size_t i = 0, cp = 0; i < total && cp < t->chars;) {
		struct suggest_range r;
		if (unit == CODING_UNIT_TURN) {
			r = (struct suggest_range){ turns[i].start, turns[i].end };
			i++;
		} else if (unit == CODING_UNIT_PARAGRAPH) {
			corpus_text_para_range(t, ++i, &r.start, &r.end);
		} else {
			corpus_sentence_at(t, cp, &r.start, &r.end);
			cp = r.end > cp ? r.end : cp + 1;
			/* past the spaces and line breaks after it: there
			 * corpus_sentence_at gives the same sentence again (as a
			 * cursor there selects it), each call reading its
			 * paragraph from the start (the bench corpus: 3.2M units
			 * of sentences, half of them such repeats holding no term,
			 * counted in N and the mean length) */
			for (size_t b = corpus_text_byte(t, cp); cp < t->chars && b < t->len &&
			                                         strchr(" \t\r\n", t->s[b]) && t->s[b];
			     b++)
				cp++;
			if (nv && v[nv - 1].start == r.start && v[nv - 1].end == r.end)
				continue;
		}
		size_t b0 = corpus_text_byte(t, r.start), b1 = corpus_text_byte(t, r.end);
		if (r.end <= r.start || coding_text_blank(t->s + b0, b1 - b0))
			continue;
		if (nv == cap) {
			cap = cap ? 2 * cap : 256;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[nv++] = r;
	}
	free(turns);
	*out = v;
	*n = nv;
	return ANKER_OK;
}

struct coded {
	int64_t doc_id;
	size_t start, end;
};

static int cmp_coded(const void *a, const void *b)
{
	const struct coded *x = a, *y = b;
	if (x->doc_id != y->doc_id)
		return x->doc_id < y->doc_id ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* The code's segments (every coder's, whatever the profile counts), by
 * document, for coded(). */
static void coded_index(struct scan *s)
{
	const struct anchor_model *m = s->m;
	s->coded = xcalloc(m->nsegs + 1, sizeof *s->coded);
	for (size_t i = 0; i < m->nsegs; i++)
		s->coded[i] = (struct coded){ m->segs[i].doc_id, m->segs[i].start, m->segs[i].end };
	s->ncoded = m->nsegs;
	qsort(s->coded, s->ncoded, sizeof *s->coded, cmp_coded);
}

/* The segments of document doc_id: coded[*from, *to). */
static void coded_of(const struct scan *s, int64_t doc_id, size_t *from, size_t *to)
{
	size_t lo = 0, hi = s->ncoded;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->coded[mid].doc_id < doc_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = *to = lo;
	while (*to < s->ncoded && s->coded[*to].doc_id == doc_id)
		++*to;
}

/* Whether [start, end) overlaps one of the document's segments. */
static bool coded(const struct scan *s, size_t from, size_t to, size_t start, size_t end)
{
	for (size_t i = from; i < to && s->coded[i].start < end; i++)
		if (start < s->coded[i].end)
			return true;
	return false;
}

/* One unit whose profile terms are scratch[0..nscratch) (utf: how often
 * each): counted, and kept as a candidate unless coded with the code. */
static void unit_done(struct scan *s, size_t doc, struct suggest_range r, double len)
{
	s->units++;
	s->sumlen += len;
	if (!s->nscratch)
		return;
	bool keep = !coded(s, s->coded_from, s->coded_to, r.start, r.end);
	if (keep && s->nc == s->capc) {
		s->capc = s->capc ? 2 * s->capc : 1024;
		s->c = xreallocarray(s->c, s->capc, sizeof *s->c);
	}
	if (keep && s->capp - s->np < s->nscratch) {
		s->capp = 2 * (s->np + s->nscratch);
		s->pairs = xreallocarray(s->pairs, s->capp, sizeof *s->pairs);
	}
	for (size_t i = 0; i < s->nscratch; i++) {
		uint32_t id = s->scratch[i];
		s->df[id]++;
		if (keep)
			s->pairs[s->np + i] = (struct pair){ id, s->utf[id] };
		s->utf[id] = 0;
	}
	if (keep) {
		s->c[s->nc++] = (struct cand){ .doc = doc, .start = r.start, .end = r.end, .len = len,
		                               .p0 = s->np, .np = s->nscratch };
		s->np += s->nscratch;
	}
	s->nscratch = 0;
}

/* Term id of the unit being read. */
static inline void unit_term(struct scan *s, uint32_t id)
{
	if (id >= s->nq || !(s->qw[id] > 0) || s->utf[id]++)
		return;
	if (s->nscratch == s->capscratch) {
		s->capscratch = s->capscratch ? 2 * s->capscratch : 256;
		s->scratch = xreallocarray(s->scratch, s->capscratch, sizeof *s->scratch);
	}
	s->scratch[s->nscratch++] = id;
}

static int scan_doc(struct store *st, struct scan *s, size_t doc, int64_t doc_id,
                    struct anker_err *err)
{
	char *text;
	size_t len, nu = 0;
	struct corpus_text t;
	struct suggest_range *u = NULL;
	coded_of(s, doc_id, &s->coded_from, &s->coded_to);
	if (corpus_doc_text(st, doc_id, &text, &len, err))
		return err->status;
	corpus_text_index(&t, text, len);
	int rc = suggest_units_of(st, doc_id, s->o->unit, &t, &u, &nu, err);
	s->terms.n = 0;
	if (!rc)
		anchor_vocab_terms(s->m->vocab, text, len, &s->terms);
	size_t k = 0;
	for (size_t i = 0; !rc && i < nu; i++) {
		size_t b0 = corpus_text_byte(&t, u[i].start), b1 = corpus_text_byte(&t, u[i].end);
		double ulen = 0;
		while (k < s->terms.n && s->terms.v[k].b0 < b0)
			k++;
		for (; k < s->terms.n && s->terms.v[k].b0 < b1; k++, ulen++)
			unit_term(s, s->terms.v[k].id);
		unit_done(s, doc, u[i], ulen);
	}
	free(u);
	corpus_text_free(&t);
	free(text);
	return rc;
}

/* Documents by id: equal scores go by document id, then start, as the
 * kept units rank them (anchor/units_rank.c); in the list's order (group,
 * name) they went another way wherever the ids do not follow the names,
 * as after a deleted document's undo. */
static int cmp_doc_id(const void *a, const void *b)
{
	const struct corpus_doc *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Once the pass is done: each profile term's weight times its idf (in
 * qw), and every candidate's score. */
static void score_all(struct scan *s)
{
	double avg = s->units ? s->sumlen / s->units : 0;
	for (size_t id = 0; id < s->nq; id++)
		if (s->qw[id] > 0)
			s->qw[id] *= suggest_idf(s->units, (double)s->df[id]);
	for (size_t i = 0; i < s->nc; i++) {
		struct cand *c = &s->c[i];
		c->score = 0;
		for (size_t j = 0; j < c->np; j++) {
			const struct pair *p = &s->pairs[c->p0 + j];
			c->score += s->qw[p->id] * suggest_tf(p->tf, c->len, avg);
		}
	}
}

static void sift_down(struct cand *h, size_t n, size_t i)
{
	for (;;) {
		size_t w = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp_cand(&h[l], &h[w]) > 0)
			w = l;
		if (r < n && cmp_cand(&h[r], &h[w]) > 0)
			w = r;
		if (w == i)
			return;
		struct cand t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

/* The best k candidates, best first, at the front of s->c: a heap of the
 * k best so far with the worst of them on top, since a corpus has far
 * more units than anyone reads suggestions. */
static void best(struct scan *s, size_t k)
{
	if (!k || k >= s->nc) {
		if (s->nc)
			qsort(s->c, s->nc, sizeof *s->c, cmp_cand);
		return;
	}
	for (size_t i = k / 2 + 1; i-- > 0;)
		sift_down(s->c, k, i);
	for (size_t i = k; i < s->nc; i++)
		if (cmp_cand(&s->c[i], &s->c[0]) < 0) {
			s->c[0] = s->c[i];
			sift_down(s->c, k, 0);
		}
	qsort(s->c, k, sizeof *s->c, cmp_cand);
}

static char *cand_reasons(const struct scan *s, const struct cand *c)
{
	double avg = s->units ? s->sumlen / s->units : 0;
	struct contrib *v = xcalloc(c->np + 1, sizeof *v);
	for (size_t j = 0; j < c->np; j++) {
		const struct pair *p = &s->pairs[c->p0 + j];
		v[j].id = p->id;
		v[j].v = s->qw[p->id] * suggest_tf(p->tf, c->len, avg);
	}
	char *r = suggest_reasons(s->m->vocab, v, c->np);
	free(v);
	return r;
}

/* A hit's document and its place among the hits. */
struct hit_at {
	int64_t doc;
	size_t i;
};

static int cmp_hit_at(const void *a, const void *b)
{
	const struct hit_at *x = a, *y = b;
	if (x->doc != y->doc)
		return (x->doc > y->doc) - (x->doc < y->doc);
	return (x->i > y->i) - (x->i < y->i);
}

int suggest_hits_fill(struct store *st, struct suggest_hit *h, size_t n,
                      struct anchor_suggestion *v, struct anker_err *err)
{
	struct corpus_span *sp = xcalloc(n + 1, sizeof *sp);
	struct hit_at *at = xcalloc(n + 1, sizeof *at);
	struct strbuf name = { 0 };
	int rc = ANKER_OK;
	/* each document's hits together, in their order (with -n 0 there are
	 * hundreds of thousands: a look through the rest for each document's
	 * took longer than the ranking) */
	for (size_t i = 0; i < n; i++)
		at[i] = (struct hit_at){ h[i].doc_id, i };
	if (n)
		qsort(at, n, sizeof *at, cmp_hit_at);
	for (size_t a = 0, b; !rc && a < n; a = b) {
		size_t k = 0;
		for (b = a; b < n && at[b].doc == at[a].doc; b++)
			sp[k++] = (struct corpus_span){ .start = h[at[b].i].start, .end = h[at[b].i].end };
		rc = store_get_text(st, &name, err, "SELECT name FROM document WHERE id = :id",
		                    STORE_INT(":id", at[a].doc));
		if (!rc)
			rc = corpus_doc_spans(st, at[a].doc, sp, k, true, err);
		for (size_t j = 0; !rc && j < k; j++) {
			struct anchor_suggestion *r = &v[at[a + j].i];
			struct suggest_hit *c = &h[at[a + j].i];
			r->doc_id = c->doc_id;
			r->doc = xstrdup(sb_str(&name));
			r->start = c->start;
			r->end = c->end;
			r->para_first = sp[j].para_first;
			r->para_last = sp[j].para_last;
			r->text = sp[j].text;
			r->score = c->score;
			r->reasons = c->reasons;
			c->reasons = NULL;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(h[i].reasons);
	sb_free(&name);
	free(at);
	free(sp);
	return rc;
}

int suggest_no_profile(const struct codebook *cb, size_t k, struct anker_err *err)
{
	struct strbuf path = { 0 };
	codebook_path(cb, k, &path);
	anker_err_set(err, ANKER_INPUT, "code '%s' has nothing to compare with: no definition, "
	              "anchor example or coded segment", sb_str(&path));
	sb_free(&path);
	return err->status;
}

static void scan_free(struct scan *s)
{
	free(s->qw);
	free(s->df);
	free(s->c);
	free(s->pairs);
	free(s->terms.v);
	free(s->scratch);
	free(s->utf);
	free(s->coded);
}

/* Only the passages of the documents f keeps stay candidates; every
 * document was scanned, so the terms' weights are the whole corpus's. */
static int keep_docs(struct store *st, struct scan *s, const struct corpus_doc *docs,
                     size_t ndocs, const struct corpus_doc_filter *f, struct anker_err *err)
{
	bool *keep = xcalloc(ndocs + 1, sizeof *keep);
	int rc = corpus_docs_filter(st, docs, ndocs, f, keep, err);
	size_t m = 0;
	for (size_t i = 0; !rc && i < s->nc; i++)
		if (keep[s->c[i].doc])
			s->c[m++] = s->c[i];
	if (!rc)
		s->nc = m;
	free(keep);
	return rc;
}

int anchor_suggest_passages(struct store *st, const char *code, const struct anchor_suggest_opts *o,
                            struct anchor_suggestion **out, size_t *n, struct anker_err *err)
{
	struct anchor_model *m;
	bool served = false;
	*out = NULL;
	*n = 0;
	if (!o->per_call && !o->exclude_doc && !o->codebook_only) {
		int rc = suggest_units_rank(st, code, o, &served, out, n, err);
		if (rc || served)
			return rc;
	}
	if (suggest_model_load(st, o, code, &m, err))
		return err->status;
	const struct prof *p = &m->prof[m->only];
	if (!(p->len > 0)) {
		suggest_no_profile(&m->cb, (size_t)m->only, err);
		anchor_model_free(m);
		return err->status;
	}
	struct scan s = { .m = m, .o = o, .nq = anchor_vocab_size(m->vocab) };
	s.qw = xcalloc(s.nq + 1, sizeof *s.qw);
	s.df = xcalloc(s.nq + 1, sizeof *s.df);
	s.utf = xcalloc(s.nq + 1, sizeof *s.utf);
	for (size_t i = 0; i < p->n; i++)
		s.qw[p->t[i]] = p->w[i] * (BM25_K1 + 1) / (p->w[i] + BM25_K1);
	coded_index(&s);
	struct corpus_doc *docs = NULL;
	size_t ndocs = 0;
	int rc = corpus_docs_list(st, &docs, &ndocs, err);
	if (!rc && ndocs)
		qsort(docs, ndocs, sizeof *docs, cmp_doc_id);
	for (size_t d = 0; !rc && d < ndocs; d++)
		rc = scan_doc(st, &s, d, docs[d].id, err);
	struct anchor_suggestion *v = NULL;
	size_t nv = 0;
	if (!rc) {
		score_all(&s);
		if (o->docs)
			rc = keep_docs(st, &s, docs, ndocs, o->docs, err);
	}
	if (!rc) {
		best(&s, o->limit);
		while (nv < s.nc && s.c[nv].score > 1e-9 && (!o->limit || nv < o->limit))
			nv++;
		v = xcalloc(nv + 1, sizeof *v);
		struct suggest_hit *h = xcalloc(nv + 1, sizeof *h);
		for (size_t i = 0; i < nv; i++)
			h[i] = (struct suggest_hit){ docs[s.c[i].doc].id, s.c[i].start, s.c[i].end,
			                             s.c[i].score, cand_reasons(&s, &s.c[i]) };
		rc = suggest_hits_fill(st, h, nv, v, err);
		free(h);
	}
	scan_free(&s);
	corpus_docs_free(docs, ndocs);
	anchor_model_free(m);
	if (rc) {
		anchor_suggestions_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return ANKER_OK;
}
