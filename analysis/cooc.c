/* analysis/cooc.c — co-occurrence counting, without a database.
 *
 * The definitions are SPEC §5's, restated in coding.h.  Everything here is
 * pure (segments in, counts out), so tests/unit/test_cooc.c can compare it
 * with a brute-force O(n²) reference on thousands of random projects.
 *
 * Segments first become items: one per (segment, selected code it counts
 * for), an interval [lo, hi) in the mode's unit.  Overlap and near are then
 * one sweep per document over the items sorted by lo: an item's partners
 * are exactly the items still active when it starts.  While few items are
 * active they sit in a plain array; when many are (a passage coded over
 * and over), as counts per code with a heap to expire items by hi, so an
 * item costs the number of distinct codes active beside it, not the
 * number of segments.  Each pair is counted once and the matrix made
 * symmetric at the end (struct cooc_counter).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cooc_int.h"

bool analysis_cooc_mode_parse(const char *s, enum analysis_cooc_mode *mode, unsigned *near)
{
	*near = 0;
	if (strcmp(s, "overlap") == 0) {
		*mode = ANALYSIS_COOC_OVERLAP;
	} else if (strcmp(s, "paragraph") == 0) {
		*mode = ANALYSIS_COOC_PARAGRAPH;
	} else if (strcmp(s, "document") == 0) {
		*mode = ANALYSIS_COOC_DOCUMENT;
	} else if (strncmp(s, "near:", 5) == 0) {
		const char *p = s + 5;
		unsigned long v = 0;
		if (!*p || strlen(p) > 7)
			return false;
		for (; *p; p++) {
			if (*p < '0' || *p > '9')
				return false;
			v = v * 10 + (unsigned long)(*p - '0');
		}
		if (v > 1000000)
			return false;
		*mode = ANALYSIS_COOC_NEAR;
		*near = (unsigned)v;
	} else {
		return false;
	}
	return true;
}

int analysis_measure_parse(const char *s)
{
	if (strcmp(s, "count") == 0)
		return ANALYSIS_MEASURE_COUNT;
	if (strcmp(s, "jaccard") == 0)
		return ANALYSIS_MEASURE_JACCARD;
	if (strcmp(s, "rowpct") == 0)
		return ANALYSIS_MEASURE_ROWPCT;
	return -1;
}

bool analysis_cooc_measure_ok(enum analysis_cooc_mode mode, enum analysis_measure m)
{
	return m != ANALYSIS_MEASURE_JACCARD || mode == ANALYSIS_COOC_PARAGRAPH ||
	       mode == ANALYSIS_COOC_DOCUMENT;
}

double analysis_cooc_value(const int64_t *counts, size_t nsel, size_t i, size_t j,
                         enum analysis_measure m)
{
	int64_t c = counts[i * nsel + j];
	int64_t n1 = counts[i * nsel + i], n2 = counts[j * nsel + j];
	switch (m) {
	case ANALYSIS_MEASURE_COUNT:
		return (double)c;
	case ANALYSIS_MEASURE_JACCARD:
		return n1 + n2 - c > 0 ? (double)c / (double)(n1 + n2 - c) : NAN;   /* 0/0 */
	case ANALYSIS_MEASURE_ROWPCT:
		return n1 > 0 ? 100.0 * (double)c / (double)n1 : NAN;
	}
	return 0.0;
}

/* ---------------------------------------------------------------------- */
/* Segments to items */

struct item {
	uint64_t lo, hi;        /* the interval in the mode's unit, hi exclusive */
	uint32_t doc;
	uint32_t j;             /* selected code: row/column */
};

/* An active item of the sweep: where it ends, its code. */
struct act {
	uint64_t hi;
	uint32_t j;
};

/* The sweep keeps active items in a plain array while they are few: one
 * pass over it both drops the ended ones and counts the rest.  Beyond
 * this many (a document coded over and over in one place) it switches to
 * counts per code and a heap, so that an item costs the codes active
 * beside it, not the segments. */
#define ACT_MAX 48

/* For each code of the tree, the selected codes it counts for: itself if
 * selected, and with roll-up every selected ancestor.  CSR: the entries of
 * code c are list[first[c] .. first[c + 1]). */
struct counts_for {
	size_t *first;
	uint32_t *list;
};

/* Scratch of count_units, kept from document to document. */
struct unit_code {
	uint64_t unit;
	uint32_t j;
};
struct unit_scratch {
	struct unit_code *uc, *tmp;
	size_t cap;
	size_t *bucket;          /* per unit of a document + 1 */
	size_t capb;
	uint64_t *stamp;         /* per code: the last unit it was seen in, + 1 */
	uint32_t *set;
	uint64_t tag;
};

/* The many-items sweep: active items per selected code, the codes with
 * any, and a min-heap of the active items by hi. */
struct sweep {
	int64_t *cnt;
	uint32_t *codes;
	size_t *pos;            /* index of a code in codes */
	size_t ncodes;
	struct act *heap;
	size_t nheap, capheap;
};

/* Counts taken from batches of segments and added up at the end.  Each
 * pair is counted once, in raw[later * nsel + earlier] (the later item in
 * sweep or unit order): half the stores of counting both cells, and the
 * row written is the current item's, which stays in cache.  finish adds
 * raw and its transpose into the caller's counts. */
struct cooc_counter {
	struct analysis_cooc_spec sp;
	size_t nsel;
	struct counts_for cf;
	int64_t *raw;           /* nsel × nsel; its diagonal (same code) unused */
	int64_t *diag;          /* per selected code: segments or units */
	struct item *items;
	size_t capitems;
	struct act *act;        /* ACT_MAX */
	struct sweep w;
	struct unit_scratch u;
};

static void counts_for_build(const struct analysis_cooc_spec *sp, struct counts_for *cf)
{
	size_t *selpos = xmalloc((sp->ncodes ? sp->ncodes : 1) * sizeof *selpos);
	for (size_t c = 0; c < sp->ncodes; c++)
		selpos[c] = SIZE_MAX;
	for (size_t j = 0; j < sp->nsel; j++)
		if (sp->sel[j] < sp->ncodes)
			selpos[sp->sel[j]] = j;
	cf->first = xcalloc(sp->ncodes + 1, sizeof *cf->first);
	cf->list = NULL;
	size_t n = 0, cap = 0;
	for (size_t c = 0; c < sp->ncodes; c++) {
		cf->first[c] = n;
		/* Walk up at most ncodes steps: a damaged tree with a cycle
		 * must not hang the count. */
		size_t a = c;
		for (size_t steps = 0; steps <= sp->ncodes; steps++) {
			if (selpos[a] != SIZE_MAX) {
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					cf->list = xreallocarray(cf->list, cap, sizeof *cf->list);
				}
				cf->list[n++] = (uint32_t)selpos[a];
			}
			if (!sp->rollup || sp->parent[a] < 0 || (size_t)sp->parent[a] >= sp->ncodes)
				break;
			a = (size_t)sp->parent[a];
		}
	}
	cf->first[sp->ncodes] = n;
	free(selpos);
}

static void item_bounds(const struct analysis_cooc_spec *sp, const struct analysis_cooc_seg *s,
                        struct item *it)
{
	switch (sp->mode) {
	case ANALYSIS_COOC_OVERLAP:
		it->lo = s->start;
		it->hi = s->end;
		break;
	case ANALYSIS_COOC_NEAR:
		/* Distance max(0, max(pfirst) - min(plast)) <= N is the overlap
		 * of [pfirst, plast + N] with [pfirst, plast] for the pair in
		 * start order: widening one end by N turns near into overlap. */
		it->lo = s->pfirst;
		it->hi = (uint64_t)s->plast + sp->near + 1;
		break;
	case ANALYSIS_COOC_PARAGRAPH:
		it->lo = s->pfirst;
		it->hi = (uint64_t)s->plast + 1;
		break;
	case ANALYSIS_COOC_DOCUMENT:
		it->lo = 0;
		it->hi = 1;
		break;
	}
}

/* The items of segs in c->items; their number. */
static size_t make_items(struct cooc_counter *c, const struct analysis_cooc_seg *segs, size_t n)
{
	const struct analysis_cooc_spec *sp = &c->sp;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const struct analysis_cooc_seg *s = &segs[i];
		if (s->code >= sp->ncodes || s->start >= s->end)
			continue;
		if (sp->coder >= 0 && (int64_t)s->coder != sp->coder)
			continue;
		for (size_t k = c->cf.first[s->code]; k < c->cf.first[s->code + 1]; k++) {
			if (m == c->capitems) {
				c->capitems = c->capitems ? c->capitems * 2 : 256;
				c->items = xreallocarray(c->items, c->capitems, sizeof *c->items);
			}
			item_bounds(sp, s, &c->items[m]);
			c->items[m].doc = s->doc;
			c->items[m++].j = c->cf.list[k];
		}
	}
	return m;
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return 0;
}

/* Segments usually arrive in document order (the project is read through
 * an index on doc_id, start): then there is nothing to sort. */
static void sort_items(struct item *items, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (cmp_item(&items[i - 1], &items[i]) > 0) {
			qsort(items, n, sizeof *items, cmp_item);
			return;
		}
}

/* ---------------------------------------------------------------------- */
/* Overlap and near: the sweep */

static void heap_push(struct sweep *w, struct act a)
{
	if (w->nheap == w->capheap) {
		w->capheap = w->capheap ? w->capheap * 2 : 64;
		w->heap = xreallocarray(w->heap, w->capheap, sizeof *w->heap);
	}
	size_t i = w->nheap++;
	while (i > 0 && w->heap[(i - 1) / 2].hi > a.hi) {
		w->heap[i] = w->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	w->heap[i] = a;
}

static uint32_t heap_pop(struct sweep *w)
{
	uint32_t top = w->heap[0].j;
	struct act last = w->heap[--w->nheap];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= w->nheap)
			break;
		if (c + 1 < w->nheap && w->heap[c + 1].hi < w->heap[c].hi)
			c++;
		if (w->heap[c].hi >= last.hi)
			break;
		w->heap[i] = w->heap[c];
		i = c;
	}
	if (w->nheap)
		w->heap[i] = last;
	return top;
}

static void active_add(struct sweep *w, uint32_t j)
{
	if (w->cnt[j]++ == 0) {
		w->pos[j] = w->ncodes;
		w->codes[w->ncodes++] = j;
	}
}

static void active_remove(struct sweep *w, uint32_t j)
{
	if (--w->cnt[j] == 0) {
		uint32_t moved = w->codes[--w->ncodes];
		w->codes[w->pos[j]] = moved;
		w->pos[moved] = w->pos[j];
	}
}

/* The rest of a document with many items active at once: the active ones
 * come in act[0..na). */
static void sweep_many(struct cooc_counter *c, const struct item *items, size_t n, size_t na)
{
	struct sweep *w = &c->w;
	size_t nsel = c->nsel;
	for (size_t k = 0; k < na; k++) {
		heap_push(w, c->act[k]);
		active_add(w, c->act[k].j);
	}
	for (size_t k = 0; k < n; k++) {
		const struct item *s = &items[k];
		/* Items that ended at or before s starts do not meet it (nor any
		 * later item: those start later still). */
		while (w->nheap && w->heap[0].hi <= s->lo)
			active_remove(w, heap_pop(w));
		int64_t *row = c->raw + (size_t)s->j * nsel;
		for (size_t x = 0; x < w->ncodes; x++)
			row[w->codes[x]] += w->cnt[w->codes[x]];
		c->diag[s->j]++;
		heap_push(w, (struct act){ s->hi, s->j });
		active_add(w, s->j);
	}
	while (w->nheap)
		active_remove(w, heap_pop(w));
}

/* One document's items, sorted by lo.  An item meets exactly the items
 * still active when it starts. */
static void sweep_doc(struct cooc_counter *c, const struct item *items, size_t n)
{
	struct act *act = c->act;
	size_t nsel = c->nsel, na = 0;
	for (size_t k = 0; k < n; k++) {
		const struct item *s = &items[k];
		int64_t *row = c->raw + (size_t)s->j * nsel;
		size_t m = 0;
		/* Without a branch: which items have ended is not predictable. */
		for (size_t x = 0; x < na; x++) {
			struct act a = act[x];
			size_t on = a.hi > s->lo;
			row[a.j] += (int64_t)on;
			act[m] = a;
			m += on;
		}
		na = m;
		c->diag[s->j]++;
		act[na++] = (struct act){ s->hi, s->j };
		if (na == ACT_MAX) {
			sweep_many(c, items + k + 1, n - k - 1, na);
			return;
		}
	}
}

/* ---------------------------------------------------------------------- */
/* Paragraph and document: units in which codes occur together */

static int cmp_unit_code(const void *a, const void *b)
{
	const struct unit_code *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

/* uc[0..n) by unit.  A document's units are its paragraphs, so mostly
 * a dense range: a counting sort, stable (a sort by comparisons was a
 * quarter of the time of a mode switch in the TUI); qsort when sparse. */
static struct unit_code *units_sorted(struct unit_scratch *w, size_t n)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	for (size_t i = 0; i < n; i++) {
		lo = w->uc[i].unit < lo ? w->uc[i].unit : lo;
		hi = w->uc[i].unit > hi ? w->uc[i].unit : hi;
	}
	if (n < 2)
		return w->uc;
	if (hi - lo > 4 * (uint64_t)n + 1024) {
		qsort(w->uc, n, sizeof *w->uc, cmp_unit_code);
		return w->uc;
	}
	size_t r = (size_t)(hi - lo) + 2;
	if (r > w->capb)
		w->bucket = xreallocarray(w->bucket, w->capb = r, sizeof *w->bucket);
	memset(w->bucket, 0, r * sizeof *w->bucket);
	for (size_t i = 0; i < n; i++)
		w->bucket[w->uc[i].unit - lo + 1]++;
	for (size_t k = 1; k < r; k++)
		w->bucket[k] += w->bucket[k - 1];
	for (size_t i = 0; i < n; i++)
		w->tmp[w->bucket[w->uc[i].unit - lo]++] = w->uc[i];
	return w->tmp;
}

/* Each unit's distinct codes: the diagonal counts the units of a code,
 * raw each pair of them once. */
static void count_unit_sets(struct cooc_counter *c, size_t n)
{
	struct unit_scratch *w = &c->u;
	const struct unit_code *uc = units_sorted(w, n);
	for (size_t b = 0, e; b < n; b = e) {
		size_t m = 0;
		++w->tag;
		for (e = b; e < n && uc[e].unit == uc[b].unit; e++)
			if (w->stamp[uc[e].j] != w->tag) {
				w->stamp[uc[e].j] = w->tag;
				w->set[m++] = uc[e].j;
			}
		for (size_t x = 0; x < m; x++) {
			int64_t *row = c->raw + (size_t)w->set[x] * c->nsel;
			c->diag[w->set[x]]++;
			for (size_t y = x + 1; y < m; y++)
				row[w->set[y]]++;
		}
	}
}

/* One document's items: a unit is its paragraph (item_bounds gave a
 * whole document the one unit [0, 1)). */
static void count_units(struct cooc_counter *c, const struct item *items, size_t n)
{
	struct unit_scratch *w = &c->u;
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		for (uint64_t p = items[k].lo; p < items[k].hi; p++) {
			if (m == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 256;
				w->uc = xreallocarray(w->uc, w->cap, sizeof *w->uc);
				w->tmp = xreallocarray(w->tmp, w->cap, sizeof *w->tmp);
			}
			w->uc[m].unit = p;
			w->uc[m++].j = items[k].j;
		}
	count_unit_sets(c, m);
}

/* ---------------------------------------------------------------------- */
/* The counter */

struct cooc_counter *cooc_counter_new(const struct analysis_cooc_spec *spec)
{
	struct cooc_counter *c = xcalloc(1, sizeof *c);
	size_t n = spec->nsel ? spec->nsel : 1;
	c->sp = *spec;
	c->nsel = spec->nsel;
	counts_for_build(spec, &c->cf);
	c->raw = xcalloc(n * n, sizeof *c->raw);
	c->diag = xcalloc(n, sizeof *c->diag);
	c->act = xcalloc(ACT_MAX, sizeof *c->act);
	c->w.cnt = xcalloc(n, sizeof *c->w.cnt);
	c->w.codes = xcalloc(n, sizeof *c->w.codes);
	c->w.pos = xcalloc(n, sizeof *c->w.pos);
	c->u.stamp = xcalloc(n, sizeof *c->u.stamp);
	c->u.set = xcalloc(n, sizeof *c->u.set);
	return c;
}

void cooc_counter_add(struct cooc_counter *c, const struct analysis_cooc_seg *segs, size_t n)
{
	size_t m = make_items(c, segs, n);
	bool sweep = c->sp.mode == ANALYSIS_COOC_OVERLAP || c->sp.mode == ANALYSIS_COOC_NEAR;
	sort_items(c->items, m);
	for (size_t b = 0, e; b < m; b = e) {
		for (e = b + 1; e < m && c->items[e].doc == c->items[b].doc; e++)
			;
		if (sweep)
			sweep_doc(c, c->items + b, e - b);
		else
			count_units(c, c->items + b, e - b);
	}
}

void cooc_counter_finish(struct cooc_counter *c, int64_t *counts)
{
	size_t n = c->nsel;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++)
			if (i != j)
				counts[i * n + j] += c->raw[i * n + j] + c->raw[j * n + i];
		counts[i * n + i] += c->diag[i];
	}
	free(c->cf.first);
	free(c->cf.list);
	free(c->raw);
	free(c->diag);
	free(c->items);
	free(c->act);
	free(c->w.cnt);
	free(c->w.codes);
	free(c->w.pos);
	free(c->w.heap);
	free(c->u.uc);
	free(c->u.tmp);
	free(c->u.bucket);
	free(c->u.stamp);
	free(c->u.set);
	free(c);
}

void analysis_cooc_add(const struct analysis_cooc_spec *spec, const struct analysis_cooc_seg *segs,
                     size_t n, int64_t *counts)
{
	struct cooc_counter *c = cooc_counter_new(spec);
	cooc_counter_add(c, segs, n);
	cooc_counter_finish(c, counts);
}
