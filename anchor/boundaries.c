/* anchor/boundaries.c — where codes blur: segments and anchor examples
 * that read more like another code's, and pairs of codes whose profiles
 * overlap (the model in anchor.h, "Suggestions").
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"
#include "../corpus/corpus.h"

void suggest_blur_clear(struct anchor_blur *b)
{
	free(b->doc);
	free(b->code_number);
	free(b->code_path);
	free(b->other_number);
	free(b->other_path);
	free(b->reasons);
	free(b->text);
}

static void blur_free(struct anchor_blur *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		suggest_blur_clear(&v[i]);
	free(v);
}

void anchor_boundaries_free(struct anchor_boundaries *b)
{
	blur_free(b->segments, b->nsegments);
	blur_free(b->anchors, b->nanchors);
	for (size_t i = 0; i < b->npairs; i++) {
		free(b->pairs[i].a_number);
		free(b->pairs[i].a_path);
		free(b->pairs[i].b_number);
		free(b->pairs[i].b_path);
		free(b->pairs[i].shared);
	}
	free(b->pairs);
	memset(b, 0, sizeof *b);
}

static char *path_of(const struct anchor_model *m, size_t k)
{
	struct strbuf sb = { 0 };
	codebook_path(&m->cb, k, &sb);
	return sb_steal(&sb);
}

/* The text of part p: its segment's, or its anchor example's. */
static const char *part_text(const struct anchor_model *m, const struct part *p)
{
	if (p->seg != SIZE_MAX)
		return m->segs[p->seg].text;
	return m->cb.codes[p->code].anchors[p->anchor - 1];
}

bool suggest_blur_rank(struct anchor_model *m, const struct part *p, const struct suggest_query *q,
                       size_t skip, struct anchor_blur *b)
{
	double first_score, own_score;
	char *reasons;
	size_t first = suggest_rank_first(m, q, p->doc_id, p->a, p->b, p->a, p->b, skip, p->code,
	                                  &first_score, &reasons, &own_score);
	if (first == SIZE_MAX || first == p->code) {
		free(reasons);
		return false;
	}
	memset(b, 0, sizeof *b);
	b->own_score = own_score;
	b->code_number = xstrdup(m->cb.codes[p->code].number);
	b->code_path = path_of(m, p->code);
	b->other_number = xstrdup(m->cb.codes[first].number);
	b->other_path = path_of(m, first);
	b->reasons = reasons;
	b->other_score = first_score;
	b->anchor = p->anchor;
	return true;
}

/* Rank the codes for part j; a blur into *b when another code comes first. */
static bool blurred(struct anchor_model *m, size_t j, struct anchor_blur *b)
{
	const struct part *p = &m->parts[j];
	const char *text = part_text(m, p);
	struct anchor_termv tv = { 0 };
	anchor_vocab_terms(m->vocab, text, strlen(text), &tv);
	uint32_t *ids = xcalloc(tv.n + 1, sizeof *ids);
	for (size_t i = 0; i < tv.n; i++)
		ids[i] = tv.v[i].id;
	struct suggest_query q;
	suggest_query_of(ids, tv.n, &q);
	free(ids);
	free(tv.v);
	bool yes = suggest_blur_rank(m, p, &q, j, b);
	suggest_query_free(&q);
	if (yes) {
		b->text = xstrdup(text);
		if (p->seg != SIZE_MAX) {
			const struct coding_segment *s = &m->segs[p->seg];
			memcpy(b->guid, s->guid, sizeof b->guid);
			b->doc = xstrdup(s->doc);
			b->start = s->start;
			b->end = s->end;
			b->para_first = s->para_first;
			b->para_last = s->para_last;
		}
	}
	return yes;
}

static int cmp_blur(const void *a, const void *b)
{
	const struct anchor_blur *x = a, *y = b;
	double mx = x->other_score - x->own_score, my = y->other_score - y->own_score;
	return (mx < my) - (mx > my);
}

void suggest_blurs_finish(struct anchor_blur *v, size_t nv, size_t limit, struct anchor_blur **out,
                          size_t *n)
{
	/* (glibc's qsort is a merge sort: equal margins keep their order) */
	if (nv)
		qsort(v, nv, sizeof *v, cmp_blur);
	for (size_t i = limit; limit && i < nv; i++)
		suggest_blur_clear(&v[i]);
	if (limit && nv > limit)
		nv = limit;
	*out = v;
	*n = nv;
}

static void blurs(struct anchor_model *m, int only, const struct anchor_suggest_opts *o,
                  bool anchors, struct anchor_blur **out, size_t *n)
{
	struct anchor_blur *v = NULL;
	size_t nv = 0;
	for (size_t j = 0; j < m->nparts; j++) {
		const struct part *p = &m->parts[j];
		if ((anchors ? p->anchor == 0 : p->seg == SIZE_MAX) ||
		    (only >= 0 && p->code != (size_t)only))
			continue;
		v = xreallocarray(v, nv + 1, sizeof *v);
		nv += blurred(m, j, &v[nv]);
	}
	suggest_blurs_finish(v, nv, o->limit, out, n);
}

/* The cosine of profiles a and b (weights times idf), and the words that
 * add most to it into *shared. */
static double similarity(const struct anchor_model *m, size_t a, size_t b, const double *idf,
                         const double *norm, struct contrib *c, char **shared)
{
	const struct prof *x = &m->prof[a], *y = &m->prof[b];
	double dot = 0;
	size_t nc = 0;
	for (size_t i = 0, j = 0; i < x->n && j < y->n;) {
		if (x->t[i] < y->t[j]) {
			i++;
		} else if (x->t[i] > y->t[j]) {
			j++;
		} else {
			double v = x->w[i] * y->w[j] * idf[x->t[i]] * idf[x->t[i]];
			c[nc++] = (struct contrib){ x->t[i], v };
			dot += v;
			i++, j++;
		}
	}
	*shared = NULL;
	if (!(dot > 0) || !(norm[a] > 0) || !(norm[b] > 0))
		return 0;
	*shared = suggest_reasons(m->vocab, c, nc);
	return dot / (norm[a] * norm[b]);
}

static int cmp_overlap(const void *a, const void *b)
{
	const struct anchor_overlap *x = a, *y = b;
	return (x->similarity < y->similarity) - (x->similarity > y->similarity);
}

void suggest_overlaps(struct anchor_model *m, int only, size_t limit, struct anchor_overlap **out,
                      size_t *n)
{
	size_t nc = m->cb.ncodes, nt = anchor_vocab_size(m->vocab);
	double *df = xcalloc(nt + 1, sizeof *df), *idf = xcalloc(nt + 1, sizeof *idf);
	double *norm = xcalloc(nc + 1, sizeof *norm), profiles = 0;
	size_t longest = 0;
	for (size_t k = 0; k < nc; k++) {
		profiles += m->prof[k].n > 0;
		longest = m->prof[k].n > longest ? m->prof[k].n : longest;
		for (size_t i = 0; i < m->prof[k].n; i++)
			df[m->prof[k].t[i]]++;
	}
	for (size_t t = 0; t < nt; t++)
		idf[t] = suggest_idf(profiles, df[t]);
	for (size_t k = 0; k < nc; k++) {
		for (size_t i = 0; i < m->prof[k].n; i++) {
			double v = m->prof[k].w[i] * idf[m->prof[k].t[i]];
			norm[k] += v * v;
		}
		norm[k] = sqrt(norm[k]);
	}
	struct contrib *c = xcalloc(longest + 1, sizeof *c);
	struct anchor_overlap *v = NULL;
	size_t nv = 0;
	for (size_t a = 0; a < nc; a++)
		for (size_t b = a + 1; b < nc; b++) {
			if (only >= 0 && a != (size_t)only && b != (size_t)only)
				continue;
			char *shared;
			double sim = similarity(m, a, b, idf, norm, c, &shared);
			if (!shared)
				continue;
			v = xreallocarray(v, nv + 1, sizeof *v);
			v[nv++] = (struct anchor_overlap){
				.a_number = xstrdup(m->cb.codes[a].number), .a_path = path_of(m, a),
				.b_number = xstrdup(m->cb.codes[b].number), .b_path = path_of(m, b),
				.similarity = sim, .shared = shared,
			};
		}
	if (nv)
		qsort(v, nv, sizeof *v, cmp_overlap);
	for (size_t i = limit; limit && i < nv; i++) {
		free(v[i].a_number), free(v[i].a_path), free(v[i].b_number), free(v[i].b_path);
		free(v[i].shared);
	}
	if (limit && nv > limit)
		nv = limit;
	free(c);
	free(norm);
	free(idf);
	free(df);
	*out = v;
	*n = nv;
}

int anchor_boundaries(struct store *st, const char *code, const struct anchor_suggest_opts *o,
                      struct anchor_boundaries *out, struct anker_err *err)
{
	struct anchor_model *m;
	memset(out, 0, sizeof *out);
	/* From the kept model, as suggestions for a passage are; per call
	 * where it cannot serve (a read-only file without it, the options). */
	enum anchor_lang lang = ANCHOR_LANG_AUTO;
	int rc = ANKER_NOTFOUND;
	if (!o->per_call && !o->exclude_doc && !o->codebook_only)
		rc = suggest_model_ready(st, &lang, err);
	if (!rc && (o->lang == ANCHOR_LANG_AUTO || o->lang == lang)) {
		if ((rc = suggest_bounds_kept(st, lang, code, o, out, err)))
			anchor_boundaries_free(out);
		return rc;
	}
	if (rc && rc != ANKER_NOTFOUND)
		return rc;
	anker_err_clear(err);
	if (anchor_model_load(st, o, &m, err))
		return err->status;
	int only = code ? codebook_find(&m->cb, code, err) : -1;
	if (code && only < 0) {
		anchor_model_free(m);
		return err->status;
	}
	suggest_model_invert(m);
	blurs(m, only, o, false, &out->segments, &out->nsegments);
	blurs(m, only, o, true, &out->anchors, &out->nanchors);
	suggest_overlaps(m, only, o->limit, &out->pairs, &out->npairs);
	anchor_model_free(m);
	return ANKER_OK;
}
