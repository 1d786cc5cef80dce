/* analysis/cooc_pairs.c — the segment pairs behind one cell of the
 * co-occurrence matrix (the TUI lists them when Enter is pressed on a
 * cell).  The definitions are analysis/cooc.c's, restated per pair: a
 * segment counts as code A when it is coded A or, with roll-up, with a
 * descendant of A; a pair (a, b) makes cell (A, B) when a counts as A, b
 * as B, both in one document and
 *   overlap     they share a code point,
 *   near:N      their paragraph ranges are at most N apart,
 *   paragraph   they share a paragraph (the paragraphs counted),
 *   document    always (the document counted).
 * Both codes' segments are few next to a whole project, so each document's
 * segments are simply compared pairwise. */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "../coding/coding.h"
#include "../codebook/codebook.h"

static bool pair_meets(const struct analysis_cooc_pairs_opts *o, const struct coding_segment *x,
                       const struct coding_segment *y)
{
	if (x->doc_id != y->doc_id)
		return false;
	switch (o->mode) {
	case ANALYSIS_COOC_OVERLAP:
		return x->start < y->end && y->start < x->end;
	case ANALYSIS_COOC_DOCUMENT:
		return true;
	case ANALYSIS_COOC_NEAR:
	case ANALYSIS_COOC_PARAGRAPH: {
		unsigned near = o->mode == ANALYSIS_COOC_NEAR ? o->near : 0;
		size_t hi_first = x->para_first > y->para_first ? x->para_first : y->para_first;
		size_t lo_last = x->para_last < y->para_last ? x->para_last : y->para_last;
		size_t dist = hi_first > lo_last ? hi_first - lo_last : 0;
		return dist <= near;
	}
	}
	return false;
}

static void pairs_add(struct analysis_cooc_pairs *p, size_t a, size_t b, size_t *cap)
{
	if (p->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p->pairs = xreallocarray(p->pairs, *cap, sizeof *p->pairs);
	}
	p->pairs[p->n].a = a;
	p->pairs[p->n].b = b;
	p->n++;
}

/* The end of the run of segments of v[i]'s document. */
static size_t doc_run(const struct coding_segment *v, size_t i, size_t n)
{
	size_t j = i + 1;
	while (j < n && v[j].doc_id == v[i].doc_id)
		j++;
	return j;
}

static void pairs_match(const struct analysis_cooc_pairs_opts *o, struct analysis_cooc_pairs *p)
{
	const struct coding_segment *va = p->segs, *vb = p->segs + p->na;
	size_t cap = 0;
	for (size_t i = 0; i < p->na;) {
		size_t ie = doc_run(va, i, p->na);
		/* B's run of the same document, if any (both lists are in
		 * document order, so the runs are contiguous). */
		size_t j = 0;
		while (j < p->nb && vb[j].doc_id != va[i].doc_id)
			j = doc_run(vb, j, p->nb);
		size_t je = j < p->nb ? doc_run(vb, j, p->nb) : j;
		for (size_t x = i; x < ie; x++)
			for (size_t y = j; y < je; y++)
				if (pair_meets(o, &va[x], &vb[y]) &&
				    (!o->per_coder || strcmp(va[x].coder, vb[y].coder) == 0))
					pairs_add(p, x, p->na + y, &cap);
		i = ie;
	}
}

static int pairs_list(struct store *st, const struct analysis_cooc_pairs_opts *o, const char *code,
                      struct coding_segment **out, size_t *n, struct anker_err *err)
{
	struct coding_filter f = {
		.code = code, .subcodes = o->rollup, .coder = o->coder, .min_weight = -1,
		.docs = o->docs,
		.with_text = true,
	};
	return coding_segments_list(st, &f, out, n, err);
}

int analysis_cooc_pairs(struct store *st, const struct analysis_cooc_pairs_opts *o,
                      struct analysis_cooc_pairs *out, struct anker_err *err)
{
	struct coding_segment *va = NULL, *vb = NULL;
	size_t na = 0, nb = 0;
	int rc;
	memset(out, 0, sizeof *out);
	int64_t ida, idb;
	if ((rc = codebook_resolve(st, o->a, &ida, err)) || (rc = codebook_resolve(st, o->b, &idb, err)))
		return rc;
	if ((rc = pairs_list(st, o, o->a, &va, &na, err)))
		return rc;
	if (ida != idb && (rc = pairs_list(st, o, o->b, &vb, &nb, err))) {
		coding_segments_free(va, na);
		return rc;
	}
	out->na = na;
	out->nb = ida == idb ? 0 : nb;
	out->segs = xcalloc(na + nb + 1, sizeof *out->segs);
	if (na)
		memcpy(out->segs, va, na * sizeof *va);
	if (nb)
		memcpy(out->segs + na, vb, nb * sizeof *vb);
	free(va);
	free(vb);
	if (ida == idb) {
		/* The diagonal counts A's own segments (or their units). */
		size_t cap = 0;
		for (size_t i = 0; i < na; i++)
			pairs_add(out, i, i, &cap);
	} else {
		pairs_match(o, out);
	}
	return ANKER_OK;
}

void analysis_cooc_pairs_free(struct analysis_cooc_pairs *p)
{
	coding_segments_free(p->segs, p->na + p->nb);
	free(p->pairs);
	memset(p, 0, sizeof *p);
}
