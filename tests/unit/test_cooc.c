/* Co-occurrence: the sweep (analysis/cooc.c) against a brute-force O(n²)
 * reference that lives only here, on thousands of random projects, plus
 * hand-computed cases; and the project path (analysis_cooc_run) on random
 * projects in real files. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../codebook/codebook.h"
#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "../../analysis/analysis.h"
#include "unit_fixture.h"

/* ---------------------------------------------------------------------- */
/* A small deterministic PRNG (xorshift64*): every run tests the same
 * projects, and a failure names the seed that shows it. */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)((rnd() >> 11) % n) : 0;
}

/* ---------------------------------------------------------------------- */
/* Random projects */

#define MAXCODES 14
#define MAXDOCS 5
#define MAXSEGS 64
#define MAXLINES 12

struct rdoc {
	uint32_t nlines;
	uint32_t line_start[MAXLINES + 1];   /* code point where each line starts; [nlines] = chars */
	uint32_t chars;
};

struct rproj {
	size_t ncodes;
	int parent[MAXCODES];
	size_t ndocs;
	struct rdoc docs[MAXDOCS];
	size_t nsegs;
	struct analysis_cooc_seg segs[MAXSEGS];
	uint32_t ncoders;
};

/* The paragraph of code point cp, counted here without corpus/: line i
 * holds [line_start[i], line_start[i + 1]), its line break included. */
static uint32_t ref_para(const struct rdoc *d, uint32_t cp)
{
	uint32_t p = 1;
	while (p < d->nlines && d->line_start[p] <= cp)
		p++;
	return p;
}

static void random_doc(struct rdoc *d)
{
	d->nlines = 1 + below(MAXLINES);
	uint32_t at = 0;
	for (uint32_t i = 0; i < d->nlines; i++) {
		d->line_start[i] = at;
		/* Empty lines too: a segment across them touches them. */
		at += below(4) == 0 ? 0 : 1 + below(12);
		if (i + 1 < d->nlines)
			at++;   /* the line break */
	}
	if (at == 0)
		at = 1;     /* a document needs a code point to be coded */
	d->chars = at;
	d->line_start[d->nlines] = at;
}

static void set_range(struct rproj *p, struct analysis_cooc_seg *s, uint32_t start, uint32_t end)
{
	const struct rdoc *d = &p->docs[s->doc];
	if (end > d->chars)
		end = d->chars;
	if (start >= end)
		start = end - 1;
	s->start = start;
	s->end = end;
	s->pfirst = ref_para(d, start);
	s->plast = ref_para(d, end - 1);
}

/* Segments of every kind the definitions care about: random, identical to
 * an earlier one (another code or coder), nested in one, touching one
 * (starting where it ends), and whole paragraphs. */
static void random_segment(struct rproj *p, struct analysis_cooc_seg *s, size_t i)
{
	const struct analysis_cooc_seg *o = i ? &p->segs[below((uint32_t)i)] : NULL;
	s->code = below((uint32_t)p->ncodes);
	s->coder = below(p->ncoders);
	s->doc = o && below(2) ? o->doc : below((uint32_t)p->ndocs);
	const struct rdoc *d = &p->docs[s->doc];
	uint32_t kind = o && o->doc == s->doc ? below(6) : 0;
	uint32_t a, b;
	switch (kind) {
	case 1:   /* identical */
		set_range(p, s, o->start, o->end);
		return;
	case 2:   /* nested */
		a = o->start + below(o->end - o->start);
		set_range(p, s, a, a + 1 + below(o->end - a));
		return;
	case 3:   /* touching: starts where o ends, or ends where o starts */
		if (o->end < d->chars && below(2)) {
			set_range(p, s, o->end, o->end + 1 + below(8));
			return;
		}
		if (o->start > 0) {
			a = o->start > 8 ? o->start - 1 - below(8) : below(o->start);
			set_range(p, s, a, o->start);
			return;
		}
		break;
	case 4: { /* whole paragraphs */
		uint32_t f = below(d->nlines), l = f + below(d->nlines - f);
		set_range(p, s, d->line_start[f], d->line_start[l + 1]);
		return;
	}
	}
	a = below(d->chars);
	b = a + 1 + below(d->chars - a < 20 ? d->chars - a : 20);
	set_range(p, s, a, b);
}

static void random_project(struct rproj *p)
{
	memset(p, 0, sizeof *p);
	p->ncodes = 1 + below(MAXCODES);
	for (size_t c = 0; c < p->ncodes; c++)
		p->parent[c] = c == 0 || below(3) == 0 ? -1 : (int)below((uint32_t)c);
	p->ndocs = 1 + below(MAXDOCS);
	for (size_t d = 0; d < p->ndocs; d++)
		random_doc(&p->docs[d]);
	p->ncoders = 1 + below(3);
	p->nsegs = below(MAXSEGS + 1);
	for (size_t i = 0; i < p->nsegs; i++)
		random_segment(p, &p->segs[i], i);
}

/* ---------------------------------------------------------------------- */
/* The reference: straight from the definitions, every pair compared. */

static bool ref_is_or_under(const struct rproj *p, size_t code, size_t sel, bool rollup)
{
	if (code == sel)
		return true;
	if (!rollup)
		return false;
	for (int a = p->parent[code]; a >= 0; a = p->parent[a])
		if ((size_t)a == sel)
			return true;
	return false;
}

static bool ref_counts_as(const struct rproj *p, const struct analysis_cooc_spec *sp,
                          const struct analysis_cooc_seg *s, size_t j)
{
	if (sp->coder >= 0 && (int64_t)s->coder != sp->coder)
		return false;
	return ref_is_or_under(p, s->code, sp->sel[j], sp->rollup);
}

static bool ref_meet(const struct analysis_cooc_spec *sp, const struct analysis_cooc_seg *x,
                     const struct analysis_cooc_seg *y)
{
	if (x->doc != y->doc)
		return false;
	if (sp->mode == ANALYSIS_COOC_OVERLAP)
		return x->start < y->end && y->start < x->end;
	uint32_t hi_first = x->pfirst > y->pfirst ? x->pfirst : y->pfirst;
	uint32_t lo_last = x->plast < y->plast ? x->plast : y->plast;
	uint32_t dist = hi_first > lo_last ? hi_first - lo_last : 0;
	return dist <= sp->near;
}

static void ref_pairs(const struct rproj *p, const struct analysis_cooc_spec *sp, int64_t *counts)
{
	size_t k = sp->nsel;
	for (size_t x = 0; x < p->nsegs; x++)
		for (size_t a = 0; a < k; a++) {
			if (!ref_counts_as(p, sp, &p->segs[x], a))
				continue;
			counts[a * k + a]++;
			for (size_t y = 0; y < p->nsegs; y++)
				for (size_t b = 0; b < k; b++)
					if (b != a && ref_counts_as(p, sp, &p->segs[y], b) &&
					    ref_meet(sp, &p->segs[x], &p->segs[y]))
						counts[a * k + b]++;
		}
}

static void ref_units(const struct rproj *p, const struct analysis_cooc_spec *sp, int64_t *counts)
{
	size_t k = sp->nsel;
	bool occ[MAXCODES];
	for (size_t d = 0; d < p->ndocs; d++) {
		uint32_t nunits = sp->mode == ANALYSIS_COOC_DOCUMENT ? 1 : p->docs[d].nlines;
		for (uint32_t u = 1; u <= nunits; u++) {
			for (size_t a = 0; a < k; a++) {
				occ[a] = false;
				for (size_t x = 0; x < p->nsegs; x++) {
					const struct analysis_cooc_seg *s = &p->segs[x];
					if (s->doc == d && ref_counts_as(p, sp, s, a) &&
					    (sp->mode == ANALYSIS_COOC_DOCUMENT ||
					     (s->pfirst <= u && u <= s->plast)))
						occ[a] = true;
				}
			}
			for (size_t a = 0; a < k; a++)
				for (size_t b = 0; b < k; b++)
					if (occ[a] && occ[b])
						counts[a * k + b]++;
		}
	}
}

static void reference(const struct rproj *p, const struct analysis_cooc_spec *sp, int64_t *counts)
{
	memset(counts, 0, sp->nsel * sp->nsel * sizeof *counts);
	if (sp->mode == ANALYSIS_COOC_OVERLAP || sp->mode == ANALYSIS_COOC_NEAR)
		ref_pairs(p, sp, counts);
	else
		ref_units(p, sp, counts);
}

static double ref_measure(const int64_t *c, size_t k, size_t i, size_t j, enum analysis_measure m)
{
	double n12 = (double)c[i * k + j], n1 = (double)c[i * k + i], n2 = (double)c[j * k + j];
	if (m == ANALYSIS_MEASURE_JACCARD)
		return n1 + n2 - n12 > 0 ? n12 / (n1 + n2 - n12) : NAN;
	if (m == ANALYSIS_MEASURE_ROWPCT)
		return n1 > 0 ? n12 * 100 / n1 : NAN;
	return n12;
}

/* ---------------------------------------------------------------------- */
/* Random specs */

struct rsel {
	size_t sel[MAXCODES];
	size_t n;
};

/* All codes; a random subset in random order; or a code's children. */
static void random_selection(const struct rproj *p, struct rsel *s)
{
	s->n = 0;
	uint32_t how = below(3);
	if (how == 1) {
		for (size_t c = 0; c < p->ncodes; c++)
			if (below(2))
				s->sel[s->n++] = c;
		for (size_t i = s->n; i > 1; i--) {
			size_t j = below((uint32_t)i), t = s->sel[i - 1];
			s->sel[i - 1] = s->sel[j];
			s->sel[j] = t;
		}
		if (s->n)
			return;
	}
	if (how == 2) {
		int top = (int)below((uint32_t)p->ncodes);
		for (size_t c = 0; c < p->ncodes; c++)
			if (p->parent[c] == top)
				s->sel[s->n++] = c;
		if (s->n)
			return;
	}
	for (size_t c = 0; c < p->ncodes; c++)
		s->sel[s->n++] = c;
}

static const struct {
	enum analysis_cooc_mode mode;
	unsigned near;
	const char *name;
} modes[] = {
	{ ANALYSIS_COOC_OVERLAP, 0, "overlap" },
	{ ANALYSIS_COOC_NEAR, 0, "near:0" },
	{ ANALYSIS_COOC_NEAR, 2, "near:2" },
	{ ANALYSIS_COOC_PARAGRAPH, 0, "paragraph" },
	{ ANALYSIS_COOC_DOCUMENT, 0, "document" },
};
#define NMODES (sizeof modes / sizeof modes[0])

static void shuffle(struct analysis_cooc_seg *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = below((uint32_t)i);
		struct analysis_cooc_seg t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static void expect_same(const int64_t *want, const int64_t *got, size_t k, uint64_t seed,
                        const char *mode, const struct analysis_cooc_spec *sp, const char *how)
{
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++)
			cr_assert_eq(got[i * k + j], want[i * k + j],
			             "seed %llu, %s, rollup %d, coder %lld, %s: cell (%zu,%zu) "
			             "(codes %zu,%zu): expected %lld (brute force), got %lld",
			             (unsigned long long)seed, mode, sp->rollup, (long long)sp->coder, how,
			             i, j, sp->sel[i], sp->sel[j], (long long)want[i * k + j],
			             (long long)got[i * k + j]);
}

/* One project, every mode, roll-up on and off, a random coder filter. */
static void check_project(uint64_t seed)
{
	struct rproj p;
	struct rsel s;
	int64_t want[MAXCODES * MAXCODES], got[MAXCODES * MAXCODES];
	struct analysis_cooc_seg segs[MAXSEGS];
	rng_state = seed;
	random_project(&p);
	random_selection(&p, &s);
	int64_t coder = below(3) == 0 ? (int64_t)below(p.ncoders) : -1;
	for (size_t m = 0; m < NMODES; m++)
		for (int rollup = 0; rollup < 2; rollup++) {
			struct analysis_cooc_spec sp = {
				.mode = modes[m].mode, .near = modes[m].near, .parent = p.parent,
				.ncodes = p.ncodes, .sel = s.sel, .nsel = s.n, .rollup = rollup,
				.coder = coder,
			};
			reference(&p, &sp, want);
			/* All at once, in a random order. */
			memcpy(segs, p.segs, p.nsegs * sizeof *segs);
			shuffle(segs, p.nsegs);
			memset(got, 0, sizeof got);
			analysis_cooc_add(&sp, segs, p.nsegs, got);
			expect_same(want, got, s.n, seed, modes[m].name, &sp, "all at once");
			/* One call per document, as the project path does. */
			memset(got, 0, sizeof got);
			for (uint32_t d = 0; d < p.ndocs; d++) {
				size_t n = 0;
				for (size_t i = 0; i < p.nsegs; i++)
					if (p.segs[i].doc == d)
						segs[n++] = p.segs[i];
				analysis_cooc_add(&sp, segs, n, got);
			}
			expect_same(want, got, s.n, seed, modes[m].name, &sp, "per document");
			for (size_t i = 0; i < s.n; i++)
				for (size_t j = 0; j < s.n; j++)
					for (int me = 0; me < 3; me++) {
						double r = ref_measure(want, s.n, i, j, (enum analysis_measure)me);
						double g = analysis_cooc_value(got, s.n, i, j, (enum analysis_measure)me);
						cr_assert(isnan(r) ? isnan(g) : fabs(g - r) < 1e-12,
						          "seed %llu, %s: measure %d of (%zu,%zu): expected %g, "
						          "got %g", (unsigned long long)seed, modes[m].name, me, i,
						          j, r, g);
					}
		}
}

TestSuite(cooc_core);

Test(cooc_core, random_projects_match_brute_force)
{
	for (uint64_t seed = 1; seed <= 5000; seed++)
		check_project(seed * 0x9E3779B97F4A7C15ULL);
}

/* ---------------------------------------------------------------------- */
/* Hand-computed cases */

/* Codes: 0 A, 1 A>>A1, 2 B, 3 C (no segments).  One document of three
 * paragraphs, each 10 code points and a line break: 0-10 \n 11-21 \n 22-32. */
static const int hand_parent[] = { -1, 0, -1, -1 };
static const size_t hand_sel[] = { 0, 1, 2, 3 };

static struct analysis_cooc_seg hseg(uint32_t doc, uint32_t code, uint32_t coder, uint32_t start,
                                   uint32_t end)
{
	struct analysis_cooc_seg s = { doc, code, coder, start, end, 1 + start / 11,
	                             1 + (end - 1) / 11 };
	return s;
}

static void hand(enum analysis_cooc_mode mode, unsigned near, bool rollup, int64_t coder,
                 const struct analysis_cooc_seg *segs, size_t n, int64_t out[16])
{
	struct analysis_cooc_spec sp = { .mode = mode, .near = near, .parent = hand_parent,
	                               .ncodes = 4, .sel = hand_sel, .nsel = 4, .rollup = rollup,
	                               .coder = coder };
	memset(out, 0, 16 * sizeof *out);
	analysis_cooc_add(&sp, segs, n, out);
}

static void expect_row(const int64_t *c, size_t row, int64_t a, int64_t b, int64_t d, int64_t e)
{
	int64_t want[4] = { a, b, d, e };
	for (size_t j = 0; j < 4; j++)
		cr_assert_eq(c[row * 4 + j], want[j], "row %zu, column %zu: expected %lld, got %lld",
		             row, j, (long long)want[j], (long long)c[row * 4 + j]);
}

Test(cooc_core, touching_segments_do_not_overlap)
{
	struct analysis_cooc_seg s[] = { hseg(0, 0, 0, 0, 5), hseg(0, 2, 0, 5, 9) };
	int64_t c[16];
	hand(ANALYSIS_COOC_OVERLAP, 0, false, -1, s, 2, c);
	expect_row(c, 0, 1, 0, 0, 0);
	expect_row(c, 2, 0, 0, 1, 0);
	/* Sharing one code point is enough. */
	s[1].start = 4;
	hand(ANALYSIS_COOC_OVERLAP, 0, false, -1, s, 2, c);
	expect_row(c, 0, 1, 0, 1, 0);
	expect_row(c, 2, 1, 0, 1, 0);
	/* Touching segments in one paragraph are near:0 and share it. */
	s[1].start = 5;
	hand(ANALYSIS_COOC_NEAR, 0, false, -1, s, 2, c);
	expect_row(c, 0, 1, 0, 1, 0);
	hand(ANALYSIS_COOC_PARAGRAPH, 0, false, -1, s, 2, c);
	expect_row(c, 0, 1, 0, 1, 0);
}

Test(cooc_core, same_range_two_coders_two_codes)
{
	/* Coder 0 codes A, coder 1 codes B on the same range; coder 1 also
	 * codes A there.  Pairs across coders count. */
	struct analysis_cooc_seg s[] = { hseg(0, 0, 0, 2, 8), hseg(0, 2, 1, 2, 8), hseg(0, 0, 1, 2, 8) };
	int64_t c[16];
	hand(ANALYSIS_COOC_OVERLAP, 0, false, -1, s, 3, c);
	expect_row(c, 0, 2, 0, 2, 0);   /* both A segments meet the B segment */
	expect_row(c, 2, 2, 0, 1, 0);
	hand(ANALYSIS_COOC_OVERLAP, 0, false, 1, s, 3, c);   /* coder 1 only */
	expect_row(c, 0, 1, 0, 1, 0);
	hand(ANALYSIS_COOC_PARAGRAPH, 0, false, -1, s, 3, c);
	expect_row(c, 0, 1, 0, 1, 0);   /* one paragraph, however many segments */
	hand(ANALYSIS_COOC_DOCUMENT, 0, false, -1, s, 3, c);
	expect_row(c, 2, 1, 0, 1, 0);
}

Test(cooc_core, segments_spanning_paragraphs)
{
	/* A covers paragraphs 1-2 (0..15), B is in paragraph 3, A1 in 3. */
	struct analysis_cooc_seg s[] = { hseg(0, 0, 0, 0, 15), hseg(0, 2, 0, 23, 30),
	                               hseg(0, 1, 0, 25, 27) };
	int64_t c[16];
	cr_assert_eq(s[0].plast, 2);
	hand(ANALYSIS_COOC_NEAR, 0, false, -1, s, 3, c);
	expect_row(c, 0, 1, 0, 0, 0);
	hand(ANALYSIS_COOC_NEAR, 1, false, -1, s, 3, c);
	expect_row(c, 0, 1, 1, 1, 0);   /* paragraphs 1-2 are 1 from 3 */
	expect_row(c, 1, 1, 1, 1, 0);
	hand(ANALYSIS_COOC_PARAGRAPH, 0, false, -1, s, 3, c);
	expect_row(c, 0, 2, 0, 0, 0);   /* A occurs in two paragraphs */
	expect_row(c, 2, 0, 1, 1, 0);
	hand(ANALYSIS_COOC_PARAGRAPH, 0, true, -1, s, 3, c);
	expect_row(c, 0, 3, 1, 1, 0);   /* rolled up: A in 1, 2 (own) and 3 (A1) */
	expect_row(c, 1, 1, 1, 1, 0);
	/* The line break belongs to the paragraph it ends: 10..11 is the
	 * break after paragraph 1, so a segment 5..11 touches only 1. */
	struct analysis_cooc_seg t = hseg(0, 2, 0, 5, 11);
	cr_assert_eq(t.plast, 1);
}

Test(cooc_core, rollup_counts_subcodes_and_pairs_with_itself)
{
	/* One A1 segment, one B segment overlapping it. */
	struct analysis_cooc_seg s[] = { hseg(0, 1, 0, 0, 6), hseg(0, 2, 0, 3, 9) };
	int64_t c[16];
	hand(ANALYSIS_COOC_OVERLAP, 0, false, -1, s, 2, c);
	expect_row(c, 0, 0, 0, 0, 0);   /* A has no own segment */
	expect_row(c, 1, 0, 1, 1, 0);
	hand(ANALYSIS_COOC_OVERLAP, 0, true, -1, s, 2, c);
	expect_row(c, 0, 1, 1, 1, 0);   /* A counts A1's segment: it meets B and A1 (itself) */
	expect_row(c, 1, 1, 1, 1, 0);
	expect_row(c, 3, 0, 0, 0, 0);   /* C: no segments, all zero */
}

/* Documents where many segments are active at once (more than the sweep
 * keeps in its plain array: it goes over to counts per code part way
 * through) and where few are, in one call and in several, against the
 * pairs compared one by one. */
Test(cooc_core, many_active_segments_match_brute_force)
{
	enum { NSEG = 600, NCODE = 6 };
	static struct analysis_cooc_seg segs[NSEG];
	static int64_t want[NCODE * NCODE], got[NCODE * NCODE];
	int parent[NCODE] = { -1, -1, -1, -1, -1, -1 };
	size_t sel[NCODE] = { 0, 1, 2, 3, 4, 5 };
	rng_state = 0x5DEECE66DULL;
	for (size_t i = 0; i < NSEG; i++) {
		/* Document 0: 300 segments within 400 code points; document 1:
		 * short ones spread wide; every third one long. */
		uint32_t doc = i < 300 ? 0 : 1, span = doc ? 20000 : 400;
		uint32_t start = below(span), len = 1 + below(i % 3 ? 30 : 300);
		segs[i] = (struct analysis_cooc_seg){ .doc = doc, .code = below(NCODE), .coder = 0,
		                                    .start = start, .end = start + len,
		                                    .pfirst = start / 50, .plast = (start + len) / 50 };
	}
	for (int near = 0; near < 2; near++) {
		struct analysis_cooc_spec sp = { .mode = near ? ANALYSIS_COOC_NEAR : ANALYSIS_COOC_OVERLAP,
		                               .near = 1, .parent = parent, .ncodes = NCODE,
		                               .sel = sel, .nsel = NCODE, .coder = -1 };
		memset(want, 0, sizeof want);
		for (size_t a = 0; a < NSEG; a++) {
			want[segs[a].code * NCODE + segs[a].code]++;
			for (size_t b = a + 1; b < NSEG; b++) {
				const struct analysis_cooc_seg *x = &segs[a], *y = &segs[b];
				bool meet = near ? (x->pfirst > y->plast ? x->pfirst - y->plast
				                                         : y->pfirst > x->plast
				                                           ? y->pfirst - x->plast : 0) <= 1
				                 : x->start < y->end && y->start < x->end;
				if (x->doc == y->doc && x->code != y->code && meet) {
					want[x->code * NCODE + y->code]++;
					want[y->code * NCODE + x->code]++;
				}
			}
		}
		memset(got, 0, sizeof got);
		analysis_cooc_add(&sp, segs, NSEG, got);
		expect_same(want, got, NCODE, 0, near ? "near:1" : "overlap", &sp, "many active");
		memset(got, 0, sizeof got);
		analysis_cooc_add(&sp, segs, 300, got);
		analysis_cooc_add(&sp, segs + 300, NSEG - 300, got);
		expect_same(want, got, NCODE, 0, near ? "near:1" : "overlap", &sp, "per document");
	}
}

Test(cooc_core, measures_by_hand)
{
	/* Units: A in 3 paragraphs, B in 2, both in 1. */
	int64_t c[4] = { 3, 1, 1, 2 };
	cr_assert_float_eq(analysis_cooc_value(c, 2, 0, 1, ANALYSIS_MEASURE_JACCARD), 0.25, 1e-12);
	cr_assert_float_eq(analysis_cooc_value(c, 2, 0, 0, ANALYSIS_MEASURE_JACCARD), 1.0, 1e-12);
	cr_assert_float_eq(analysis_cooc_value(c, 2, 0, 1, ANALYSIS_MEASURE_ROWPCT), 100.0 / 3, 1e-12);
	cr_assert_float_eq(analysis_cooc_value(c, 2, 1, 0, ANALYSIS_MEASURE_ROWPCT), 50.0, 1e-12);
	int64_t z[4] = { 0, 0, 0, 0 };
	cr_assert(isnan(analysis_cooc_value(z, 2, 0, 1, ANALYSIS_MEASURE_JACCARD)), "0/0 is NaN");
	cr_assert(isnan(analysis_cooc_value(z, 2, 0, 1, ANALYSIS_MEASURE_ROWPCT)), "0/0 is NaN");
}

Test(cooc_core, parse_modes_and_measures)
{
	enum analysis_cooc_mode m;
	unsigned n;
	cr_assert(analysis_cooc_mode_parse("near:2", &m, &n) && m == ANALYSIS_COOC_NEAR && n == 2);
	cr_assert(analysis_cooc_mode_parse("near:0", &m, &n) && n == 0);
	cr_assert(analysis_cooc_mode_parse("paragraph", &m, &n) && m == ANALYSIS_COOC_PARAGRAPH);
	cr_assert(!analysis_cooc_mode_parse("near:", &m, &n));
	cr_assert(!analysis_cooc_mode_parse("near:-1", &m, &n));
	cr_assert(!analysis_cooc_mode_parse("near:2x", &m, &n));
	cr_assert(!analysis_cooc_mode_parse("near:99999999", &m, &n));
	cr_assert(!analysis_cooc_mode_parse("Overlap", &m, &n));
	cr_assert_eq(analysis_measure_parse("rowpct"), ANALYSIS_MEASURE_ROWPCT);
	cr_assert_eq(analysis_measure_parse("dice"), -1);
	cr_assert(!analysis_cooc_measure_ok(ANALYSIS_COOC_OVERLAP, ANALYSIS_MEASURE_JACCARD));
	cr_assert(analysis_cooc_measure_ok(ANALYSIS_COOC_DOCUMENT, ANALYSIS_MEASURE_JACCARD));
	cr_assert(analysis_cooc_measure_ok(ANALYSIS_COOC_NEAR, ANALYSIS_MEASURE_ROWPCT));
}

/* ---------------------------------------------------------------------- */
/* The project path: random projects in real files, through import (so
 * paragraphs come from corpus/ and the text has multibyte characters),
 * codes, coders and segments inserted with SQL, compared with the same
 * reference. */

static struct store *dbst;
static struct anker_err dberr;

static void db_open(void)
{
	dbst = unit_project_open();
}

static void db_close(void)
{
	unit_project_close(dbst);
	dbst = NULL;
}

static void db_exec(const char *sql)
{
	unit_exec(dbst, sql);
}

/* Text for a document of the random shape: one to four bytes per code
 * point, all NFC-stable. */
static void db_text(const struct rdoc *d, struct strbuf *out)
{
	static const char *const chars[] = { "a", "b", " ", "ä", "ß", "€", "😀", "x", "Ü" };
	for (uint32_t l = 0; l < d->nlines; l++) {
		uint32_t len = d->line_start[l + 1] - d->line_start[l] - (l + 1 < d->nlines);
		for (uint32_t i = 0; i < len; i++)
			sb_adds(out, chars[below(sizeof chars / sizeof chars[0])]);
		if (l + 1 < d->nlines)
			sb_addc(out, '\n');
	}
}

/* The table has UNIQUE (doc, code, coder, start, end): drop repeats. */
static void db_dedupe(struct rproj *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nsegs; i++) {
		const struct analysis_cooc_seg *s = &p->segs[i];
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = p->segs[j].doc == s->doc && p->segs[j].code == s->code &&
			      p->segs[j].coder == s->coder && p->segs[j].start == s->start &&
			      p->segs[j].end == s->end;
		if (!dup)
			p->segs[n++] = *s;
	}
	p->nsegs = n;
}

/* Codes get ids 1..ncodes (index + 1), numbers from the tree: "1", "1.2". */
static void db_fill(struct rproj *p, char numbers[][64])
{
	char sql[512];
	for (size_t d = 0; d < p->ndocs; d++) {
		struct strbuf text = {0};
		struct corpus_import_result res;
		char name[32];
		db_text(&p->docs[d], &text);
		snprintf(name, sizeof name, "d%zu", d + 1);
		cr_assert_eq(corpus_import_bytes(dbst, name, "mem", sb_str(&text), text.len, NULL, &res,
		                                 &dberr), ANKER_OK, "%s", dberr.msg);
		cr_assert_eq(res.chars, p->docs[d].chars, "document %zu: %zu code points, expected %u",
		             d, res.chars, p->docs[d].chars);
		free(res.name);
		sb_free(&text);
	}
	int kids[MAXCODES + 1] = {0};
	for (size_t c = 0; c < p->ncodes; c++) {
		int par = p->parent[c];
		int k = ++kids[par + 1];
		struct strbuf num = {0};
		if (par >= 0)
			sb_addf(&num, "%s.", numbers[par]);
		sb_addf(&num, "%d", k);
		cr_assert_lt(num.len, 64);
		memcpy(numbers[c], num.buf, num.len + 1);
		sb_free(&num);
		struct store_stmt *s;
		char guid[32];
		snprintf(guid, sizeof guid, "g%zu", c);
		cr_assert_eq(store_prepare(dbst, "INSERT INTO code(id, guid, number, name, parent_id, "
		                                 "created, modified) VALUES (:id, :guid, :number, "
		                                 ":guid, :parent, 't', 't')", &s, &dberr), ANKER_OK);
		store_bind_int(s, ":id", (int64_t)c + 1, &dberr);
		store_bind_text(s, ":guid", guid, &dberr);
		store_bind_text(s, ":number", numbers[c], &dberr);
		if (par < 0)
			store_bind_null(s, ":parent", &dberr);
		else
			store_bind_int(s, ":parent", par + 1, &dberr);
		cr_assert_eq(store_step(s, &dberr), 0, "%s", dberr.msg);
		store_done(s);
	}
	for (uint32_t k = 0; k < 3; k++) {
		snprintf(sql, sizeof sql, "INSERT INTO coder(id, guid, name) VALUES (%u, 'k%u', 'c%u')",
		         k + 100, k, k);
		db_exec(sql);
	}
	db_exec("BEGIN");
	for (size_t i = 0; i < p->nsegs; i++) {
		const struct analysis_cooc_seg *s = &p->segs[i];
		snprintf(sql, sizeof sql, "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, "
		         "\"end\", created, modified) SELECT 's%zu', id, %u, %u, %u, %u, 't', 't' "
		         "FROM document WHERE name = 'd%u'", i, s->code + 1, s->coder + 100, s->start,
		         s->end, s->doc + 1);
		db_exec(sql);
	}
	db_exec("COMMIT");
}

/* The codes a default selection holds: with segments counted (of the
 * coder; with roll-up in the subtree). */
static bool ref_default_has(const struct rproj *p, size_t c, bool rollup, int64_t coder)
{
	for (size_t i = 0; i < p->nsegs; i++)
		if ((coder < 0 || (int64_t)p->segs[i].coder == coder) &&
		    ref_is_or_under(p, p->segs[i].code, c, rollup))
			return true;
	return false;
}

/* The coders whose segments counted, by name. */
static void ref_coders(const struct rproj *p, const struct analysis_cooc_spec *sp,
                       struct strbuf *names)
{
	for (uint32_t k = 0; k < 3; k++) {
		bool used = false;
		for (size_t i = 0; i < p->nsegs; i++)
			for (size_t j = 0; j < sp->nsel; j++)
				used |= p->segs[i].coder == k && ref_counts_as(p, sp, &p->segs[i], j);
		if (used)
			sb_addf(names, "%sc%u", names->len ? ", " : "", k);
	}
}

/* Per coder: the sum of each coder's own counts, same selection. */
static void db_check_per_coder(const struct rproj *p, struct analysis_cooc_opts *o,
                               struct analysis_cooc_spec *sp, uint64_t seed, const char *mode)
{
	int64_t want[MAXCODES * MAXCODES] = { 0 }, one[MAXCODES * MAXCODES];
	for (uint32_t k = 0; k < p->ncoders; k++) {
		sp->coder = k;
		reference(p, sp, one);
		for (size_t i = 0; i < sp->nsel * sp->nsel; i++)
			want[i] += one[i];
	}
	sp->coder = -1;
	o->per_coder = true;
	struct analysis_cooc_result r;
	cr_assert_eq(analysis_cooc_run(dbst, o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
	o->per_coder = false;
	cr_assert_eq(r.n, sp->nsel, "per coder: the same codes");
	expect_same(want, r.counts, r.n, seed, mode, sp, "per coder");
	analysis_cooc_result_free(&r);
}

/* kept: every count from the rows read once (the TUI's way), their
 * paragraphs located by the first mode that needs them and kept.  passes:
 * every matrix asked for that many times (after the first, the matrices
 * kept in the project are read: analysis/cooc_cache.c). */
static void db_check(uint64_t seed, int kept, int passes)
{
	struct rproj p;
	char numbers[MAXCODES][64];
	/* kept 2: rows too many to hold (max 1), counted from the project */
	struct analysis_cooc_rows rows = { .max = kept == 2 ? 1 : 0 };
	rng_state = seed;
	random_project(&p);
	db_dedupe(&p);
	db_open();
	db_fill(&p, numbers);
	/* Read here, or (passes > 1) by the first count, the TUI's way: rows
	 * read before any matrix was kept (the project not armed) keep none. */
	if (kept && passes < 2)
		cr_assert_eq(analysis_cooc_rows_read(dbst, &rows, &dberr), ANKER_OK, "%s", dberr.msg);
	for (int pass = 0; pass < passes; pass++)
	for (size_t m = 0; m < NMODES; m++)
		for (int variant = 0; variant < 6; variant++) {
			bool rollup = variant & 1;
			int64_t coder = variant >= 4 ? (int64_t)(seed % 3) : -1;
			char coder_name[8];
			snprintf(coder_name, sizeof coder_name, "c%lld", (long long)coder);
			struct rsel want_sel = { .n = 0 };
			struct analysis_cooc_opts o = { .mode = modes[m].mode, .near = modes[m].near,
			                              .rollup = rollup,
			                              .coder = coder >= 0 ? coder_name : NULL,
			                              .rows = kept ? &rows : NULL };
			const char *keys[MAXCODES];
			if (variant == 2 || variant == 3) {
				/* A list in a random order, given by number. */
				random_selection(&p, &want_sel);
				for (size_t j = 0; j < want_sel.n; j++)
					keys[j] = numbers[want_sel.sel[j]];
				o.codes = keys;
				o.ncodes = want_sel.n;
			} else {
				for (size_t c = 0; c < p.ncodes; c++)
					if (ref_default_has(&p, c, rollup, coder))
						want_sel.sel[want_sel.n++] = c;
			}
			struct analysis_cooc_result r;
			cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
			cr_assert_eq(r.n, want_sel.n, "seed %llu, %s, variant %d: %zu codes selected, "
			             "expected %zu", (unsigned long long)seed, modes[m].name, variant, r.n,
			             want_sel.n);
			struct rsel got_sel = { .n = r.n };
			for (size_t j = 0; j < r.n; j++)
				got_sel.sel[j] = (size_t)r.code_id[j] - 1;
			if (variant == 2 || variant == 3)
				for (size_t j = 0; j < r.n; j++)
					cr_assert_eq(got_sel.sel[j], want_sel.sel[j], "order of --codes kept");
			struct analysis_cooc_spec sp = { .mode = modes[m].mode, .near = modes[m].near,
			                               .parent = p.parent, .ncodes = p.ncodes,
			                               .sel = got_sel.sel, .nsel = got_sel.n,
			                               .rollup = rollup, .coder = coder };
			int64_t want[MAXCODES * MAXCODES];
			reference(&p, &sp, want);
			expect_same(want, r.counts, r.n, seed, modes[m].name, &sp, "project");
			struct strbuf names = {0};
			ref_coders(&p, &sp, &names);
			cr_expect_str_eq(r.coders, sb_str(&names), "seed %llu: coders '%s', expected '%s'",
			                 (unsigned long long)seed, r.coders, sb_str(&names));
			sb_free(&names);
			analysis_cooc_result_free(&r);
			if (coder < 0)
				db_check_per_coder(&p, &o, &sp, seed, modes[m].name);
		}
	int64_t nkept = 0;
	cr_assert_eq(store_get_int(dbst, &nkept, &dberr, "SELECT COUNT(*) FROM cooc_cache"), ANKER_OK);
	cr_assert(passes < 2 || nkept > 0, "seed %llu: no matrix kept", (unsigned long long)seed);
	analysis_cooc_rows_free(&rows);
	db_close();
}

TestSuite(cooc_db);

/* Limited to some documents (the TUI's :docs), from the project and from
 * rows kept: the counts of a project holding only those documents'
 * segments, and the default selection the codes with segments there. */
static void db_check_docs(uint64_t seed, int kept, int passes)
{
	struct rproj p, q;
	char numbers[MAXCODES][64], dname[MAXDOCS][24];
	const char *names[MAXDOCS];
	size_t nnames = 0;
	bool keep[MAXDOCS];
	struct analysis_cooc_rows rows = { .max = kept == 2 ? 1 : 0 };
	rng_state = seed;
	random_project(&p);
	db_dedupe(&p);
	db_open();
	db_fill(&p, numbers);
	for (size_t d = 0; d < p.ndocs; d++) {
		keep[d] = d == 0 || below(2);
		if (keep[d]) {
			snprintf(dname[nnames], sizeof dname[nnames], "d%zu", d + 1);
			names[nnames] = dname[nnames];
			nnames++;
		}
	}
	q = p;
	q.nsegs = 0;
	for (size_t i = 0; i < p.nsegs; i++)
		if (keep[p.segs[i].doc])
			q.segs[q.nsegs++] = p.segs[i];
	struct corpus_doc_filter f = { .names = names, .nnames = nnames };
	/* Read here, or (passes > 1) by the first count, the TUI's way: rows
	 * read before any matrix was kept (the project not armed) keep none. */
	if (kept && passes < 2)
		cr_assert_eq(analysis_cooc_rows_read(dbst, &rows, &dberr), ANKER_OK, "%s", dberr.msg);
	for (int pass = 0; pass < passes; pass++)
	for (size_t m = 0; m < NMODES; m++)
		for (int rollup = 0; rollup < 2; rollup++) {
			struct analysis_cooc_opts o = { .mode = modes[m].mode, .near = modes[m].near,
			                              .rollup = rollup, .docs = &f,
			                              .rows = kept ? &rows : NULL };
			struct analysis_cooc_result r;
			struct rsel sel = { .n = 0 };
			cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
			for (size_t c = 0; c < q.ncodes; c++)
				if (ref_default_has(&q, c, rollup, -1))
					sel.sel[sel.n++] = c;
			cr_assert_eq(r.n, sel.n, "seed %llu, %s, documents: %zu codes, expected %zu",
			             (unsigned long long)seed, modes[m].name, r.n, sel.n);
			/* The same codes (in tree order, which is not id order). */
			for (size_t j = 0; j < r.n; j++) {
				size_t c = (size_t)r.code_id[j] - 1;
				cr_assert(c < q.ncodes && ref_default_has(&q, c, rollup, -1),
				          "seed %llu, documents: code %zu has no segments there",
				          (unsigned long long)seed, c);
				sel.sel[j] = c;
			}
			struct analysis_cooc_spec sp = { .mode = modes[m].mode, .near = modes[m].near,
			                               .parent = q.parent, .ncodes = q.ncodes,
			                               .sel = sel.sel, .nsel = sel.n, .rollup = rollup,
			                               .coder = -1 };
			int64_t want[MAXCODES * MAXCODES];
			reference(&q, &sp, want);
			expect_same(want, r.counts, r.n, seed, modes[m].name, &sp, "documents");
			analysis_cooc_result_free(&r);
		}
	analysis_cooc_rows_free(&rows);
	db_close();
}

Test(cooc_db, documents_filter_matches_brute_force)
{
	for (uint64_t seed = 1; seed <= 30; seed++) {
		db_check_docs(seed * 0xA0761D6478BD642FULL, false, 1);
		db_check_docs(seed * 0xA0761D6478BD642FULL, true, 1);
	}
}

Test(cooc_db, random_projects_match_brute_force)
{
	for (uint64_t seed = 1; seed <= 40; seed++)
		db_check(seed * 0xD1B54A32D192ED03ULL, false, 1);
}

Test(cooc_db, kept_rows_match_brute_force)
{
	for (uint64_t seed = 1; seed <= 40; seed++)
		db_check(seed * 0xD1B54A32D192ED03ULL, true, 1);
}

/* More segments than a view holds (ANALYSIS_COOC_ROWS_MAX; here max 1):
 * every count reads the project, the same counts; kept ones read back. */
Test(cooc_db, streamed_rows_match_brute_force)
{
	for (uint64_t seed = 1; seed <= 12; seed++) {
		db_check(seed * 0xD1B54A32D192ED03ULL, 2, 1 + (int)(seed % 2));
		db_check_docs(seed * 0xA0761D6478BD642FULL, 2, 1 + (int)(seed % 2));
	}
}

/* Every matrix asked for twice: the second time read as kept in the
 * project (modes, roll-up, --codes, a coder, per coder, some documents;
 * the counting from the project and from rows kept), and still the
 * brute-force counts. */
Test(cooc_db, kept_matrices_match_brute_force)
{
	for (uint64_t seed = 1; seed <= 12; seed++) {
		db_check(seed * 0x9E3779B97F4A7C15ULL, seed % 2, 2);
		db_check_docs(seed * 0x9E3779B97F4A7C15ULL, seed % 2, 2);
	}
}

/* Rows a view read before the project changed count the older project:
 * such a matrix is shown but never kept as the project's. */
Test(cooc_db, stale_rows_keep_nothing)
{
	struct rproj p;
	char numbers[MAXCODES][64];
	struct analysis_cooc_rows rows = { 0 };
	struct analysis_cooc_result r, fresh;
	int64_t nkept = -1;
	rng_state = 0x5EEDULL;
	random_project(&p);
	db_dedupe(&p);
	db_open();
	db_fill(&p, numbers);
	struct analysis_cooc_opts o = { .mode = ANALYSIS_COOC_OVERLAP, .rows = &rows };
	cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
	analysis_cooc_result_free(&r);
	cr_assert_eq(store_get_int(dbst, &nkept, &dberr, "SELECT COUNT(*) FROM cooc_cache"), ANKER_OK);
	cr_assert_eq(nkept, 1, "the first matrix kept");
	db_exec("INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, "
	        "modified) SELECT 'late', id, 1, 100, 0, 1, 't', 't' FROM document LIMIT 1");
	o.mode = ANALYSIS_COOC_DOCUMENT;
	cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
	/* (The first matrix stays, stale, to be caught up: schema 15.) */
	cr_assert_eq(store_get_int(dbst, &nkept, &dberr, "SELECT COUNT(*) FROM cooc_cache WHERE "
	                           "gen = (SELECT gen FROM cooc_state)"), ANKER_OK);
	cr_assert_eq(nkept, 0, "a matrix from stale rows kept");
	analysis_cooc_result_free(&r);
	/* From the project: the new segment counts, kept and read again. */
	o.rows = NULL;
	for (int pass = 0; pass < 2; pass++) {
		o.no_cache = pass == 0;
		cr_assert_eq(analysis_cooc_run(dbst, &o, pass ? &r : &fresh, &dberr), ANKER_OK, "%s",
		             dberr.msg);
	}
	cr_assert_eq(r.n, fresh.n);
	cr_assert_arr_eq(r.counts, fresh.counts, r.n * r.n * sizeof *r.counts);
	analysis_cooc_result_free(&r);
	analysis_cooc_result_free(&fresh);
	analysis_cooc_rows_free(&rows);
	db_close();
}

/* Rows too many to hold (max 1): the first count also counts and keeps
 * the other modes (near with the view's N; with overlap only document,
 * which needs no paragraphs), so that switching modes reads kept
 * matrices; each is the count of its own run without the cache. */
Test(cooc_db, streamed_count_keeps_every_mode)
{
	struct rproj p;
	char numbers[MAXCODES][64];
	struct analysis_cooc_rows rows = { .max = 1 };
	struct analysis_cooc_result r, fresh;
	int64_t nkept = -1;
	rng_state = 0xA15EULL;
	random_project(&p);
	db_dedupe(&p);
	db_open();
	db_fill(&p, numbers);
	struct analysis_cooc_opts o = { .mode = ANALYSIS_COOC_OVERLAP, .near = 2, .rollup = true,
	                              .rows = &rows };
	cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
	analysis_cooc_result_free(&r);
	cr_assert(rows.streamed);
	cr_assert_eq(store_get_int(dbst, &nkept, &dberr, "SELECT COUNT(*) FROM cooc_cache"), ANKER_OK);
	cr_assert_eq(nkept, 2, "overlap and document kept after overlap: %lld", (long long)nkept);
	o.mode = ANALYSIS_COOC_PARAGRAPH;
	cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
	analysis_cooc_result_free(&r);
	cr_assert_eq(store_get_int(dbst, &nkept, &dberr, "SELECT COUNT(*) FROM cooc_cache"), ANKER_OK);
	cr_assert_eq(nkept, 4, "every mode kept after paragraph: %lld", (long long)nkept);
	for (int m = ANALYSIS_COOC_OVERLAP; m <= ANALYSIS_COOC_DOCUMENT; m++) {
		o.mode = (enum analysis_cooc_mode)m;
		o.no_cache = false;
		cr_assert_eq(analysis_cooc_run(dbst, &o, &r, &dberr), ANKER_OK, "%s", dberr.msg);
		o.no_cache = true;
		cr_assert_eq(analysis_cooc_run(dbst, &o, &fresh, &dberr), ANKER_OK, "%s", dberr.msg);
		cr_assert_eq(r.n, fresh.n);
		cr_assert_arr_eq(r.counts, fresh.counts, r.n * r.n * sizeof *r.counts, "mode %d", m);
		analysis_cooc_result_free(&r);
		analysis_cooc_result_free(&fresh);
	}
	cr_assert_eq(store_get_int(dbst, &nkept, &dberr, "SELECT COUNT(*) FROM cooc_cache"), ANKER_OK);
	cr_assert_eq(nkept, 4, "nothing counted again: %lld", (long long)nkept);
	analysis_cooc_rows_free(&rows);
	db_close();
}
