/* anchor/suggest.c — codes for a passage: the passage's terms against
 * every code's profile with BM25 (the model in anchor.h, "Suggestions").
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"
#include "../corpus/corpus.h"

double suggest_idf(double ndocs, double df)
{
	return log(1 + (ndocs - df + 0.5) / (df + 0.5));
}

/* BM25's length part of suggest_tf for a document of length len: the same
 * for every term of it (worked out once per code, not per term and code,
 * by the rankings of many: the same operations, the same doubles). */
static double tf_len(double len, double avglen)
{
	double norm = avglen > 0 ? len / avglen : 1;
	return BM25_K1 * (1 - BM25_B + BM25_B * norm);
}

static double tf_of(double tf, double lenpart)
{
	if (tf <= 0)
		return 0;
	return tf * (BM25_K1 + 1) / (tf + lenpart);
}

double suggest_tf(double tf, double len, double avglen)
{
	return tf_of(tf, tf_len(len, avglen));
}

static int cmp_strong(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

char *suggest_reasons(const struct anchor_vocab *v, struct contrib *c, size_t n)
{
	struct strbuf sb = { 0 };
	/* Only the strongest few are shown: selected to the front, where
	 * sorting all (qsort) was 7 % of a code's boundaries at 10M segments
	 * and more of its pairs (a profile's thousands of shared terms);
	 * cmp_strong orders fully, so the same few in the same order. */
	for (size_t i = 0; i < n && i < SUGGEST_REASONS; i++) {
		size_t best = i;
		for (size_t j = i + 1; j < n; j++)
			if (cmp_strong(&c[j], &c[best]) < 0)
				best = j;
		struct contrib t = c[i];
		c[i] = c[best];
		c[best] = t;
	}
	for (size_t i = 0; i < n && i < SUGGEST_REASONS && c[i].v > 0; i++) {
		if (i)
			sb_adds(&sb, ", ");
		sb_adds(&sb, anchor_vocab_word(v, c[i].id));
	}
	return sb_steal(&sb);
}

static void suggestion_clear(struct anchor_suggestion *s)
{
	free(s->doc);
	free(s->text);
	free(s->code_number);
	free(s->code_path);
	free(s->reasons);
}

void anchor_suggestions_free(struct anchor_suggestion *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		suggestion_clear(&v[i]);
	free(v);
}

void suggest_truncate(struct anchor_suggestion *v, size_t *n, size_t limit)
{
	if (!limit || *n <= limit)
		return;
	for (size_t i = limit; i < *n; i++)
		suggestion_clear(&v[i]);
	*n = limit;
}

static int cmp_id(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

/* The weight of term id in profile p, 0 when it has none. */
static double prof_weight(const struct prof *p, uint32_t id)
{
	const uint32_t *hit = bsearch(&id, p->t, p->n, sizeof *p->t, cmp_id);
	return hit ? p->w[hit - p->t] : 0;
}

bool suggest_part_overlaps(const struct part *p, int64_t doc_id, size_t start, size_t end,
                          size_t pf, size_t pl)
{
	if (!p->doc_id || p->doc_id != doc_id)
		return false;
	return p->cps ? p->a < end && start < p->b : p->a <= pl && pf <= p->b;
}

void suggest_query_of(const uint32_t *terms, size_t n, struct suggest_query *q)
{
	uint32_t *ids = xcalloc(n + 1, sizeof *ids);
	memcpy(ids, terms, n * sizeof *ids);
	qsort(ids, n, sizeof *ids, cmp_id);
	q->id = xcalloc(n + 1, sizeof *q->id);
	q->qtf = xcalloc(n + 1, sizeof *q->qtf);
	q->n = 0;
	for (size_t i = 0; i < n; i++) {
		if (q->n == 0 || q->id[q->n - 1] != ids[i]) {
			q->id[q->n] = ids[i];
			q->qtf[q->n++] = 0;
		}
		q->qtf[q->n - 1]++;
	}
	free(ids);
}

void suggest_query_free(struct suggest_query *q)
{
	free(q->id);
	free(q->qtf);
}

/* The query of text: its terms in m's vocabulary. */
static void query_of(struct anchor_model *m, const char *text, size_t len, struct suggest_query *q)
{
	struct anchor_termv tv = { 0 };
	anchor_vocab_terms(m->vocab, text, len, &tv);
	uint32_t *ids = xcalloc(tv.n + 1, sizeof *ids);
	for (size_t i = 0; i < tv.n; i++)
		ids[i] = tv.v[i].id;
	suggest_query_of(ids, tv.n, q);
	free(ids);
	free(tv.v);
}

void suggest_model_invert(struct anchor_model *m)
{
	size_t nt = 0, n = 0;
	for (size_t k = 0; k < m->cb.ncodes; k++) {
		n += m->prof[k].n;
		if (m->prof[k].n && m->prof[k].t[m->prof[k].n - 1] + 1 > nt)
			nt = m->prof[k].t[m->prof[k].n - 1] + 1;
	}
	m->nat = nt;
	m->at = xcalloc(nt + 2, sizeof *m->at);
	m->inv = xcalloc(n + 1, sizeof *m->inv);
	for (size_t k = 0; k < m->cb.ncodes; k++)
		for (size_t i = 0; i < m->prof[k].n; i++)
			m->at[m->prof[k].t[i] + 1]++;
	for (size_t t = 0; t < nt; t++)
		m->at[t + 1] += m->at[t];
	size_t *next = xcalloc(nt + 1, sizeof *next);
	memcpy(next, m->at, nt * sizeof *next);
	for (size_t k = 0; k < m->cb.ncodes; k++)
		for (size_t i = 0; i < m->prof[k].n; i++)
			m->inv[next[m->prof[k].t[i]]++] = (struct inv_weight){ k, m->prof[k].w[i] };
	free(next);
}

/* tf[i * ncodes + k] (zeroed): query term i's weight in profile k, and
 * len[k] the profile's length, both without the parts that overlap the
 * passage. */
static void adjusted(const struct anchor_model *m, const struct suggest_query *q, int64_t doc_id,
                     size_t start, size_t end, size_t pf, size_t pl, size_t skip, double *tf,
                     double *len)
{
	size_t nc = m->cb.ncodes;
	for (size_t k = 0; k < nc; k++) {
		len[k] = m->prof[k].len;
		for (size_t i = 0; m->inv == NULL && i < q->n; i++)
			tf[i * nc + k] = prof_weight(&m->prof[k], q->id[i]);
	}
	/* (tf comes zeroed) */
	for (size_t i = 0; m->inv && i < q->n; i++) {
		for (size_t j = q->id[i] < m->nat ? m->at[q->id[i]] : 0;
		     q->id[i] < m->nat && j < m->at[q->id[i] + 1]; j++)
			tf[i * nc + m->inv[j].code] = m->inv[j].w;
	}
	for (size_t j = 0; j < m->nparts; j++) {
		const struct part *p = &m->parts[j];
		if (j != skip && !suggest_part_overlaps(p, doc_id, start, end, pf, pl))
			continue;
		len[p->code] -= p->w * (double)p->nt;
		for (size_t t = 0; t < p->nt; t++) {
			uint32_t id = m->terms.v[p->t0 + t].id;
			const uint32_t *hit = bsearch(&id, q->id, q->n, sizeof *q->id, cmp_id);
			if (hit)
				tf[(size_t)(hit - q->id) * nc + p->code] -= p->w;
		}
	}
}

static int cmp_score(const void *a, const void *b)
{
	const struct anchor_suggestion *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return 0;
}

/* Each query term's idf over the profiles (tf as adjusted() left it). */
static double *idfs(const struct suggest_query *q, const double *tf, size_t nc, double ndocs)
{
	double *idf = xcalloc(q->n + 1, sizeof *idf);
	for (size_t i = 0; i < q->n; i++) {
		/* (counted as an integer: a double's additions waited on each
		 * other, a quarter of the ranking of a code's segments) */
		size_t df = 0;
		for (size_t k = 0; k < nc; k++)
			df += tf[i * nc + k] > 1e-9;
		idf[i] = suggest_idf(ndocs, (double)df);
	}
	return idf;
}

/* Best first; ties in the codebook's order (an insertion sort: stable, and
 * a codebook has tens of codes, not thousands). */
static void sort_stable(struct anchor_suggestion *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp_score(&v[j - 1], &v[j]) > 0; j--) {
			struct anchor_suggestion t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

void anchor_model_rank(struct anchor_model *m, int64_t doc_id, const char *text, size_t len,
                       size_t start, size_t end, size_t para_first, size_t para_last,
                       const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                       size_t *n)
{
	suggest_rank(m, doc_id, text, len, start, end, para_first, para_last, SIZE_MAX, o, out, n);
}

void suggest_rank(struct anchor_model *m, int64_t doc_id, const char *text, size_t len,
                  size_t start, size_t end, size_t para_first, size_t para_last, size_t skip,
                  const struct anchor_suggest_opts *o, struct anchor_suggestion **out, size_t *n)
{
	struct suggest_query q;
	query_of(m, text, len, &q);
	suggest_rank_query(m, &q, doc_id, start, end, para_first, para_last, skip, o, out, n);
	suggest_query_free(&q);
}

/* What a query's scores are made of: each query term's weight in each
 * profile and idf, and the profiles' lengths, without the parts taken from
 * the passage. */
struct ranking {
	double *tf, *plen, *idf, avg;
	double *lenpart;        /* per code: tf_len of its length */
	size_t nc;
};

static void ranking_of(struct anchor_model *m, const struct suggest_query *q, int64_t doc_id,
                       size_t start, size_t end, size_t pf, size_t pl, size_t skip,
                       struct ranking *r)
{
	size_t nc = r->nc = m->cb.ncodes;
	r->tf = xcalloc(q->n * nc + 1, sizeof *r->tf);
	r->plen = xcalloc(nc + 1, sizeof *r->plen);
	adjusted(m, q, doc_id, start, end, pf, pl, skip, r->tf, r->plen);
	double sum = 0;
	size_t ndocs = 0;
	for (size_t k = 0; k < nc; k++)
		if (r->plen[k] > 1e-9)
			ndocs++, sum += r->plen[k];
	r->avg = ndocs ? sum / (double)ndocs : 0;
	r->idf = idfs(q, r->tf, nc, (double)ndocs);
	r->lenpart = xcalloc(nc + 1, sizeof *r->lenpart);
	for (size_t k = 0; k < nc; k++)
		r->lenpart[k] = tf_len(r->plen[k], r->avg);
}

static void ranking_free(struct ranking *r)
{
	free(r->tf);
	free(r->plen);
	free(r->idf);
	free(r->lenpart);
}

/* Code k's score, each term's part of it into c[0..q->n). */
static double code_score(const struct ranking *r, const struct suggest_query *q, size_t k,
                         struct contrib *c)
{
	double score = 0;
	for (size_t i = 0; i < q->n; i++) {
		c[i].id = q->id[i];
		c[i].v = q->qtf[i] * r->idf[i] * tf_of(r->tf[i * r->nc + k], r->lenpart[k]);
		score += c[i].v;
	}
	return score;
}

/* code_score without the parts: the terms code k has not left out (each
 * would add 0, which leaves a sum as it was). */
static double code_score_only(const struct ranking *r, const struct suggest_query *q, size_t k)
{
	double score = 0;
	for (size_t i = 0; i < q->n; i++) {
		double tf = r->tf[i * r->nc + k];
		if (tf > 0)
			score += q->qtf[i] * r->idf[i] * tf_of(tf, r->lenpart[k]);
	}
	return score;
}

void suggest_rank_query(struct anchor_model *m, const struct suggest_query *q, int64_t doc_id,
                        size_t start, size_t end, size_t para_first, size_t para_last, size_t skip,
                        const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                        size_t *n)
{
	struct ranking r;
	size_t nc = m->cb.ncodes;
	ranking_of(m, q, doc_id, start, end, para_first, para_last, skip, &r);
	struct anchor_suggestion *v = xcalloc(nc + 1, sizeof *v);
	struct contrib *c = xcalloc(q->n + 1, sizeof *c);
	struct strbuf path = { 0 };
	size_t nv = 0;
	for (size_t k = 0; k < nc; k++) {
		double score = code_score(&r, q, k, c);
		if (!(score > 1e-9))
			continue;
		struct anchor_suggestion *s = &v[nv++];
		s->score = score;
		s->code_id = m->cb.codes[k].id;
		s->code_number = xstrdup(m->cb.codes[k].number);
		sb_reset(&path);
		codebook_path(&m->cb, k, &path);
		s->code_path = xstrdup(sb_str(&path));
		s->reasons = suggest_reasons(m->vocab, c, q->n);
	}
	sb_free(&path);
	sort_stable(v, nv);
	suggest_truncate(v, &nv, o->limit);
	free(c);
	ranking_free(&r);
	*out = v;
	*n = nv;
}

size_t suggest_rank_first(struct anchor_model *m, const struct suggest_query *q, int64_t doc_id,
                          size_t start, size_t end, size_t pf, size_t pl, size_t skip, size_t own,
                          double *first_score, char **reasons, double *own_score)
{
	struct ranking r;
	ranking_of(m, q, doc_id, start, end, pf, pl, skip, &r);
	struct contrib *c = xcalloc(q->n + 1, sizeof *c);
	size_t first = SIZE_MAX;
	*first_score = *own_score = 0;
	*reasons = NULL;
	/* (suggest_rank_query's order: the best score, the codebook's first
	 * among equals) */
	for (size_t k = 0; k < r.nc; k++) {
		double score = code_score_only(&r, q, k);
		if (!(score > 1e-9))
			continue;
		if (k == own)
			*own_score = score;
		if (first == SIZE_MAX || score > *first_score) {
			first = k;
			*first_score = score;
		}
	}
	if (first != SIZE_MAX) {
		code_score(&r, q, first, c);
		*reasons = suggest_reasons(m->vocab, c, q->n);
	}
	free(c);
	ranking_free(&r);
	return first;
}

void anchor_model_frequent(const struct anchor_model *m, int64_t **ids, size_t *n)
{
	size_t nc = m->cb.ncodes;
	int64_t *v = xcalloc(nc + 1, sizeof *v);
	size_t *ix = xcalloc(nc + 1, sizeof *ix);
	for (size_t k = 0; k < nc; k++)
		ix[k] = k;
	/* most segments first, the codebook's order among equals */
	for (size_t i = 1; i < nc; i++)
		for (size_t j = i; j > 0 && m->counted[ix[j - 1]] < m->counted[ix[j]]; j--) {
			size_t t = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = t;
		}
	for (size_t k = 0; k < nc; k++)
		v[k] = m->cb.codes[ix[k]].id;
	free(ix);
	*ids = v;
	*n = nc;
}

/* The passage's code points and paragraphs, checked against the text. */
static int passage_range(const struct anchor_passage *p, const struct corpus_doc *d,
                         const struct corpus_text *t, size_t *start, size_t *end,
                         struct anker_err *err)
{
	if (p->lines) {
		if (p->first < 1 || p->first > p->last || p->last > t->nlines)
			return anker_err_set(err, ANKER_INPUT,
			                     "lines %zu-%zu: document '%s' has paragraphs 1-%zu", p->first,
			                     p->last, d->name, t->nlines);
		size_t a, b;
		corpus_text_para_range(t, p->first, start, &a);
		corpus_text_para_range(t, p->last, &b, end);
		return ANKER_OK;
	}
	if (p->start >= p->end || p->end > t->chars)
		return anker_err_set(err, ANKER_INPUT,
		                     "range %zu-%zu: document '%s' has characters 0-%zu (end exclusive)",
		                     p->start, p->end, d->name, t->chars);
	*start = p->start;
	*end = p->end;
	return ANKER_OK;
}

int anchor_suggest_codes(struct store *st, const struct anchor_passage *p,
                         const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                         size_t *n, struct anker_err *err)
{
	struct corpus_doc d;
	char *text;
	size_t len, start, end;
	struct corpus_text t;
	*out = NULL;
	*n = 0;
	if (corpus_doc_find(st, p->doc, &d, err))
		return err->status;
	if (corpus_doc_text(st, d.id, &text, &len, err)) {
		corpus_doc_free(&d);
		return err->status;
	}
	corpus_text_index(&t, text, len);
	struct anchor_model *m = NULL;
	enum anchor_lang lang = ANCHOR_LANG_AUTO;
	int rc = passage_range(p, &d, &t, &start, &end, err);
	bool stored = !rc && !o->per_call && !o->exclude_doc && !o->codebook_only;
	if (stored && (rc = suggest_model_ready(st, &lang, err)) == ANKER_NOTFOUND) {
		anker_err_clear(err);
		stored = false;
		rc = ANKER_OK;
	}
	stored = stored && (o->lang == ANCHOR_LANG_AUTO || o->lang == lang);
	if (!rc && !stored)
		rc = anchor_model_load(st, o, &m, err);
	if (!rc) {
		size_t b0 = corpus_text_byte(&t, start), b1 = corpus_text_byte(&t, end);
		size_t pf = corpus_text_para(&t, start), pl = corpus_text_para(&t, end - 1);
		if (stored)
			rc = suggest_model_rank(st, lang, d.id, text + b0, b1 - b0, start, end, pf, pl, o,
			                        out, n, err);
		else
			anchor_model_rank(m, d.id, text + b0, b1 - b0, start, end, pf, pl, o, out, n);
	}
	anchor_model_free(m);
	corpus_text_free(&t);
	free(text);
	corpus_doc_free(&d);
	return rc;
}
