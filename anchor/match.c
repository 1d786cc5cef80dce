/* anchor/match.c — find quotes in texts, a little edited as quotes are.
 *
 * Comparing every quote with every stretch of a 100 MB corpus would take
 * hours; so each pair of neighbouring words of a quote is a seed, and a
 * text is read once, its word pairs looked up among the seeds.  Where a
 * quote's seeds land close together is a candidate place, and only there
 * is the quote aligned with the text word by word (an edit distance with
 * free ends in the text, gaps free where the quote has an ellipsis) to get
 * its score.  A quote edited so much that none of its word pairs is left
 * is not found, nor would a reader find it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"

enum {
	MAX_GAP = 250,          /* words an ellipsis may stand for */
	PER_TEXT = 4,           /* candidate places tried per quote and text */
};
#define SAME_SCORE 1e-9

struct quote {
	struct anchor_toks t;
	size_t words;           /* tokens other than gaps */
	size_t seeds;
	size_t *mark, stamp;   /* the pairs a cluster has, counted once each */
	struct anchor_place best;
};

/* A seed: quote q's tokens j and j + 1, under the key of the pair. */
struct seed {
	uint64_t key;
	size_t q;
	size_t j;
};

/* A seed found in the text: quote q's pair j at the text's token i. */
struct hit {
	size_t q, i, j;
};

struct anchor_matcher {
	struct quote *q;
	size_t nq;
	struct seed *seeds;     /* sorted by key once scanning starts */
	size_t nseeds;
	/* Open addressing, a quarter full, the key in the slot: most word
	 * pairs of a text are no seed, and such a lookup should end at an
	 * empty slot without touching the seeds. */
	struct slot {
		uint64_t key;
		size_t first;   /* first seed of the key + 1; 0: empty */
	} *slot;
	size_t mask;
	bool built;
	struct anchor_toks text;        /* the text being scanned, reused */
	struct hit *hits, *by_quote;    /* as found (by i), and grouped by quote */
	size_t nhits, caphits;
	size_t *first;          /* per quote: where its hits start in by_quote */
};

static uint64_t pair_key(uint64_t a, uint64_t b)
{
	uint64_t k = a * UINT64_C(0x9e3779b97f4a7c15) ^ (b + UINT64_C(0x632be59bd9b4e019));
	return k ^ (k >> 29);
}

struct anchor_matcher *anchor_matcher_new(void)
{
	return xcalloc(1, sizeof(struct anchor_matcher));
}

void anchor_matcher_free(struct anchor_matcher *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nq; i++) {
		anchor_toks_free(&m->q[i].t);
		free(m->q[i].mark);
	}
	free(m->q);
	free(m->seeds);
	free(m->slot);
	anchor_toks_free(&m->text);
	free(m->hits);
	free(m->by_quote);
	free(m->first);
	free(m);
}

size_t anchor_matcher_add(struct anchor_matcher *m, const char *quote, size_t len)
{
	m->q = xreallocarray(m->q, m->nq + 1, sizeof *m->q);
	struct quote *q = &m->q[m->nq];
	memset(q, 0, sizeof *q);
	anchor_tokens(&q->t, quote, len, true);
	q->mark = xcalloc(q->t.n + 1, sizeof *q->mark);
	for (size_t j = 0; j < q->t.n; j++)
		q->words += q->t.v[j].h != ANCHOR_GAP;
	if (q->words >= ANCHOR_MIN_WORDS)
		for (size_t j = 0; j + 1 < q->t.n; j++) {
			const struct anchor_tok *a = &q->t.v[j], *b = a + 1;
			/* Not a pair of short words ("in der", "and the"): found
			 * everywhere, such a pair tells no place apart. */
			if (a->h == ANCHOR_GAP || b->h == ANCHOR_GAP || (a->len <= 3 && b->len <= 3))
				continue;
			m->seeds = xreallocarray(m->seeds, m->nseeds + 1, sizeof *m->seeds);
			m->seeds[m->nseeds++] = (struct seed){ pair_key(q->t.v[j].h, q->t.v[j + 1].h),
			                                       m->nq, j };
			q->seeds++;
		}
	m->built = false;
	return m->nq++;
}

size_t anchor_matcher_tokens(const struct anchor_matcher *m, size_t quote)
{
	return m->q[quote].words;
}

static int cmp_seed(const void *a, const void *b)
{
	const struct seed *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

static void build(struct anchor_matcher *m)
{
	if (m->nseeds)   /* (qsort of NULL is undefined, even of none) */
		qsort(m->seeds, m->nseeds, sizeof *m->seeds, cmp_seed);
	size_t cap = 16;
	while (cap < 4 * m->nseeds)
		cap *= 2;
	free(m->slot);
	m->slot = xcalloc(cap, sizeof *m->slot);
	m->mask = cap - 1;
	for (size_t i = 0; i < m->nseeds; i++) {
		if (i && m->seeds[i].key == m->seeds[i - 1].key)
			continue;
		size_t h = (size_t)m->seeds[i].key & m->mask;
		while (m->slot[h].first)
			h = (h + 1) & m->mask;
		m->slot[h] = (struct slot){ m->seeds[i].key, i + 1 };
	}
	m->built = true;
}

/* The first seed of key, or nseeds when none. */
static size_t lookup(const struct anchor_matcher *m, uint64_t key)
{
	for (size_t h = (size_t)key & m->mask; m->slot[h].first; h = (h + 1) & m->mask)
		if (m->slot[h].key == key)
			return m->slot[h].first - 1;
	return m->nseeds;
}

static void hit_add(struct anchor_matcher *m, size_t q, size_t i, size_t j)
{
	if (m->nhits == m->caphits) {
		m->caphits = m->caphits ? 2 * m->caphits : 256;
		m->hits = xreallocarray(m->hits, m->caphits, sizeof *m->hits);
	}
	m->hits[m->nhits++] = (struct hit){ q, i, j };
}

/* ---------------------------------------------------------------------- */
/* Aligning a quote with a stretch of the text. */

static double cost(const struct anchor_toks *qt, const struct anchor_tok *a, const char *b,
                   size_t blen, uint64_t bh)
{
	if (a->h == bh)
		return 0;
	if (a->len >= 5 && blen >= 5 && (a->len > blen ? a->len - blen : blen - a->len) <= 4 &&
	    anchor_form_near(qt->arena.buf + a->off, a->len, b, blen))
		return 0.5;
	return 1;
}

/* Quote q against the text's tokens [a, b): the fewest edits, and the
 * tokens [*from, *to) the best alignment covers. */
static double align(const struct quote *q, const struct anchor_toks *tt, const char *text,
                    size_t a, size_t b, size_t *from, size_t *to)
{
	size_t w = b - a;
	/* The stretch's forms, for typos (the text's tokens keep none). */
	struct strbuf forms = { 0 };
	size_t *fo = xcalloc(w + 1, sizeof *fo);
	for (size_t k = 0; k < w; k++) {
		fo[k] = forms.len;
		anchor_tok_form(text, &tt->v[a + k], &forms);
	}
	fo[w] = forms.len;
	double *prev = xcalloc(2 * (w + 1), sizeof *prev), *cur = prev + w + 1;
	size_t *sprev = xcalloc(2 * (w + 1), sizeof *sprev), *scur = sprev + w + 1;
	for (size_t k = 0; k <= w; k++)
		sprev[k] = k;
	for (size_t j = 0; j < q->t.n; j++) {
		const struct anchor_tok *qt = &q->t.v[j];
		bool isgap = qt->h == ANCHOR_GAP;
		cur[0] = prev[0] + (isgap ? 0 : 1);
		scur[0] = sprev[0];
		for (size_t k = 1; k <= w; k++) {
			double best = prev[k] + (isgap ? 0 : 1);
			size_t s = sprev[k];
			double ins = cur[k - 1] + (isgap ? 0 : 1);
			if (!isgap) {
				double sub = prev[k - 1] + cost(&q->t, qt, forms.buf + fo[k - 1],
				                                fo[k] - fo[k - 1], tt->v[a + k - 1].h);
				if (sub <= best) {
					best = sub;
					s = sprev[k - 1];
				}
			}
			if (ins < best) {
				best = ins;
				s = scur[k - 1];
			}
			cur[k] = best;
			scur[k] = s;
		}
		double *t = prev;
		prev = cur;
		cur = t;
		size_t *st = sprev;
		sprev = scur;
		scur = st;
	}
	size_t end = 0;
	for (size_t k = 1; k <= w; k++)
		if (prev[k] < prev[end] - SAME_SCORE)
			end = k;
	double edits = prev[end];
	*from = a + sprev[end];
	*to = a + end;
	free(prev < cur ? prev : cur);
	free(sprev < scur ? sprev : scur);
	free(fo);
	sb_free(&forms);
	return edits;
}

/* Code points and line feeds in s[0..b). */
static void count(const char *s, size_t b, size_t *cps, size_t *lfs)
{
	size_t n = 0, l = 0;
	for (size_t i = 0; i < b; i++) {
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
		l += s[i] == '\n';
	}
	*cps = n;
	*lfs = l;
}

static void consider(struct quote *q, size_t text, const char *s, const struct anchor_toks *tt,
                     size_t from, size_t to, double score)
{
	struct anchor_place *p = &q->best;
	if (to <= from)
		return;
	size_t b0 = tt->v[from].b0, b1 = tt->v[to - 1].b1;
	if (p->found && score < p->score - SAME_SCORE)
		return;
	size_t start, lines, n, inside;
	count(s, b0, &start, &lines);
	count(s + b0, b1 - b0, &n, &inside);
	size_t end = start + n;
	if (p->found && score <= p->score + SAME_SCORE) {
		bool same = p->text == text && start < p->end && p->start < end;
		bool same2 = p->places > 1 && p->text2 == text && start < p->end2 && p->start2 < end;
		if (same || same2)
			return;
		if (++p->places == 2) {
			p->text2 = text;
			p->start2 = start;
			p->end2 = end;
			p->para2_first = lines + 1;
			p->para2_last = lines + 1 + inside;
		}
		return;
	}
	*p = (struct anchor_place){ .found = true, .text = text, .start = start, .end = end,
	                            .para_first = lines + 1, .para_last = lines + 1 + inside,
	                            .score = score, .places = 1 };
}

/* A cluster of one quote's hits h[0..n), close together in the text. */
struct cluster {
	size_t first, n;
	size_t votes;
};

static int cmp_cluster(const void *a, const void *b)
{
	const struct cluster *x = a, *y = b;
	return x->votes > y->votes ? -1 : x->votes < y->votes;
}

static void try_quote(struct anchor_matcher *m, struct quote *q, size_t text, const char *s,
                      const struct hit *h, size_t n)
{
	const struct anchor_toks *tt = &m->text;
	size_t span = q->t.n + MAX_GAP;
	struct cluster c[PER_TEXT + 1];
	size_t nc = 0;
	for (size_t i = 0; i < n;) {
		size_t k = i + 1;
		/* Close together, and not the quote starting over (a pair earlier
		 * in the quote than the last one): the quote twice in a row is two
		 * places. */
		while (k < n && h[k].i - h[k - 1].i <= span && h[k].j >= h[k - 1].j)
			k++;
		size_t votes = 0;
		q->stamp++;
		for (size_t y = i; y < k; y++)
			if (q->mark[h[y].j] != q->stamp) {
				q->mark[h[y].j] = q->stamp;
				votes++;
			}
		c[nc++] = (struct cluster){ i, k - i, votes };
		qsort(c, nc, sizeof *c, cmp_cluster);
		if (nc > PER_TEXT)
			nc = PER_TEXT;
		i = k;
	}
	/* A place needs a quarter of the quote's word pairs (one word in
	 * eight edited leaves three quarters), one for a short quote: fewer
	 * come together by chance, in a text of few words more often. */
	size_t need = q->seeds <= 4 ? 1 : q->seeds / 4 > 2 ? q->seeds / 4 : 2;
	size_t slack = 2 + q->t.n / 4;
	for (size_t x = 0; x < nc; x++) {
		if (c[x].votes < need)
			continue;
		size_t lo = SIZE_MAX, hi = 0;
		for (size_t y = c[x].first; y < c[x].first + c[x].n; y++) {
			size_t a = h[y].i > h[y].j ? h[y].i - h[y].j : 0;
			size_t b = h[y].i + (q->t.n - h[y].j);
			lo = a < lo ? a : lo;
			hi = b > hi ? b : hi;
		}
		lo = lo > slack ? lo - slack : 0;
		hi = hi + slack < tt->n ? hi + slack : tt->n;
		size_t from, to;
		double edits = align(q, tt, s, lo, hi, &from, &to);
		double score = 1 - edits / (double)q->words;
		consider(q, text, s, tt, from, to, score < 0 ? 0 : score);
	}
}

void anchor_matcher_scan(struct anchor_matcher *m, size_t text, const char *s, size_t len)
{
	if (!m->built)
		build(m);
	if (!m->nseeds)
		return;
	struct anchor_toks *tt = &m->text;
	tt->n = 0;
	sb_reset(&tt->arena);
	anchor_tokens(tt, s, len, false);
	m->nhits = 0;
	for (size_t i = 0; i + 1 < tt->n; i++) {
		uint64_t key = pair_key(tt->v[i].h, tt->v[i + 1].h);
		for (size_t k = lookup(m, key); k < m->nseeds && m->seeds[k].key == key; k++)
			hit_add(m, m->seeds[k].q, i, m->seeds[k].j);
	}
	/* Grouped by quote, each quote's in the order found (by i): a
	 * counting sort, hits being many and quotes few. */
	m->first = xreallocarray(m->first, m->nq + 1, sizeof *m->first);
	memset(m->first, 0, (m->nq + 1) * sizeof *m->first);
	for (size_t i = 0; i < m->nhits; i++)
		m->first[m->hits[i].q + 1]++;
	for (size_t q = 0; q < m->nq; q++)
		m->first[q + 1] += m->first[q];
	m->by_quote = xreallocarray(m->by_quote, m->caphits, sizeof *m->by_quote);
	for (size_t i = 0; i < m->nhits; i++)
		m->by_quote[m->first[m->hits[i].q]++] = m->hits[i];
	for (size_t q = 0, from = 0; q < m->nq; from = m->first[q++])
		if (m->first[q] > from)
			try_quote(m, &m->q[q], text, s, m->by_quote + from, m->first[q] - from);
}

void anchor_matcher_place(const struct anchor_matcher *m, size_t quote, struct anchor_place *p)
{
	*p = m->q[quote].best;
}
