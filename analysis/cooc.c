/* analysis/cooc.c — co-occurrence counting, without a database.
 *
 * The definitions are SPEC §5's, restated in coding.h.  Everything here is
 * pure (segments in, counts out), so tests/unit/test_cooc.c can compare it
 * with a brute-force O(n²) reference on thousands of random projects.
 *
 * Segments first become items: one per (segment, selected code it counts
 * for), an interval [lo, hi) in the mode's unit.  Overlap and near are then
 * one sweep per document over the items sorted by lo: an item's partners
 * are exactly the items still active when it starts.  The active set is
 * kept as counts per code (with a heap to expire items by hi), so an item
 * costs the number of distinct codes active beside it, not the number of
 * segments — a document with a thousand segments of one code stays cheap.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

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

/* For each code of the tree, the selected codes it counts for: itself if
 * selected, and with roll-up every selected ancestor.  CSR: the entries of
 * code c are list[first[c] .. first[c + 1]). */
struct counts_for {
	size_t *first;
	uint32_t *list;
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

static void counts_for_free(struct counts_for *cf)
{
	free(cf->first);
	free(cf->list);
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

static size_t make_items(const struct analysis_cooc_spec *sp, const struct analysis_cooc_seg *segs,
                         size_t n, struct item **out)
{
	struct counts_for cf;
	counts_for_build(sp, &cf);
	struct item *items = NULL;
	size_t m = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct analysis_cooc_seg *s = &segs[i];
		if (s->code >= sp->ncodes || s->start >= s->end)
			continue;
		if (sp->coder >= 0 && (int64_t)s->coder != sp->coder)
			continue;
		for (size_t k = cf.first[s->code]; k < cf.first[s->code + 1]; k++) {
			if (m == cap) {
				cap = cap ? cap * 2 : 256;
				items = xreallocarray(items, cap, sizeof *items);
			}
			item_bounds(sp, s, &items[m]);
			items[m].doc = s->doc;
			items[m++].j = cf.list[k];
		}
	}
	counts_for_free(&cf);
	*out = items;
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

struct sweep {
	size_t nsel;
	int64_t *cnt;           /* active items per selected code */
	uint32_t *codes;        /* the codes with cnt > 0 */
	size_t *pos;            /* index of a code in codes */
	size_t ncodes;
	struct item **heap;     /* active items, min-heap by hi */
	size_t nheap, capheap;
};

static void heap_push(struct sweep *w, struct item *it)
{
	if (w->nheap == w->capheap) {
		w->capheap = w->capheap ? w->capheap * 2 : 64;
		w->heap = xreallocarray(w->heap, w->capheap, sizeof *w->heap);
	}
	size_t i = w->nheap++;
	while (i > 0 && w->heap[(i - 1) / 2]->hi > it->hi) {
		w->heap[i] = w->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	w->heap[i] = it;
}

static struct item *heap_pop(struct sweep *w)
{
	struct item *top = w->heap[0], *last = w->heap[--w->nheap];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= w->nheap)
			break;
		if (c + 1 < w->nheap && w->heap[c + 1]->hi < w->heap[c]->hi)
			c++;
		if (w->heap[c]->hi >= last->hi)
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

/* One document's items, sorted by lo. */
static void sweep_doc(struct sweep *w, struct item *items, size_t n, int64_t *counts)
{
	size_t nsel = w->nsel;
	for (size_t k = 0; k < n; k++) {
		struct item *s = &items[k];
		/* Items that ended at or before s starts do not meet it (nor any
		 * later item: those start later still). */
		while (w->nheap && w->heap[0]->hi <= s->lo)
			active_remove(w, heap_pop(w)->j);
		for (size_t c = 0; c < w->ncodes; c++) {
			uint32_t j = w->codes[c];
			if (j == s->j)
				continue;
			counts[(size_t)s->j * nsel + j] += w->cnt[j];
			counts[(size_t)j * nsel + s->j] += w->cnt[j];
		}
		counts[(size_t)s->j * nsel + s->j]++;
		heap_push(w, s);
		active_add(w, s->j);
	}
	while (w->nheap)
		active_remove(w, heap_pop(w)->j);
}

static void count_pairs(size_t nsel, struct item *items, size_t n, int64_t *counts)
{
	struct sweep w = { .nsel = nsel };
	w.cnt = xcalloc(nsel ? nsel : 1, sizeof *w.cnt);
	w.codes = xcalloc(nsel ? nsel : 1, sizeof *w.codes);
	w.pos = xcalloc(nsel ? nsel : 1, sizeof *w.pos);
	for (size_t b = 0, e; b < n; b = e) {
		for (e = b + 1; e < n && items[e].doc == items[b].doc; e++)
			;
		sweep_doc(&w, items + b, e - b, counts);
	}
	free(w.cnt);
	free(w.codes);
	free(w.pos);
	free(w.heap);
}

/* ---------------------------------------------------------------------- */
/* Paragraph and document: units in which codes occur together */

struct unit_code {
	uint64_t unit;
	uint32_t j;
};

static int cmp_unit_code(const void *a, const void *b)
{
	const struct unit_code *x = a, *y = b;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

/* Scratch of count_units, kept from document to document. */
struct unit_scratch {
	struct unit_code *uc, *tmp;
	size_t cap;
	size_t *bucket;          /* per unit of a document + 1 */
	size_t capb;
	uint64_t *stamp;         /* per code: the last unit it was seen in, + 1 */
	uint32_t *set;
};

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

/* Each unit's distinct codes: the diagonal counts the units of a code, a
 * cell the units of a pair (both cells: the order within a unit does not
 * matter). */
static void count_unit_sets(size_t nsel, struct unit_scratch *w, size_t n, int64_t *counts,
                            uint64_t *tag)
{
	const struct unit_code *uc = units_sorted(w, n);
	for (size_t b = 0, e; b < n; b = e) {
		size_t m = 0;
		++*tag;
		for (e = b; e < n && uc[e].unit == uc[b].unit; e++)
			if (w->stamp[uc[e].j] != *tag) {
				w->stamp[uc[e].j] = *tag;
				w->set[m++] = uc[e].j;
			}
		for (size_t x = 0; x < m; x++) {
			size_t sx = w->set[x];
			counts[sx * nsel + sx]++;
			for (size_t y = x + 1; y < m; y++) {
				counts[sx * nsel + w->set[y]]++;
				counts[(size_t)w->set[y] * nsel + sx]++;
			}
		}
	}
}

static void count_units(const struct analysis_cooc_spec *sp, struct item *items, size_t n,
                        int64_t *counts)
{
	struct unit_scratch w = { 0 };
	size_t m = 0;
	uint64_t tag = 0;
	w.stamp = xcalloc(sp->nsel + 1, sizeof *w.stamp);
	w.set = xcalloc(sp->nsel + 1, sizeof *w.set);
	for (size_t b = 0, e; b < n; b = e) {
		for (e = b + 1; e < n && items[e].doc == items[b].doc; e++)
			;
		/* One document at a time: a unit is its paragraph (item_bounds
		 * gave a whole document the one unit [0, 1)). */
		for (size_t k = b; k < e; k++)
			for (uint64_t p = items[k].lo; p < items[k].hi; p++) {
				if (m == w.cap) {
					w.cap = w.cap ? w.cap * 2 : 256;
					w.uc = xreallocarray(w.uc, w.cap, sizeof *w.uc);
					w.tmp = xreallocarray(w.tmp, w.cap, sizeof *w.tmp);
				}
				w.uc[m].unit = p;
				w.uc[m++].j = items[k].j;
			}
		count_unit_sets(sp->nsel, &w, m, counts, &tag);
		m = 0;
	}
	free(w.uc);
	free(w.tmp);
	free(w.bucket);
	free(w.stamp);
	free(w.set);
}

void analysis_cooc_add(const struct analysis_cooc_spec *spec, const struct analysis_cooc_seg *segs,
                     size_t n, int64_t *counts)
{
	struct item *items;
	size_t m = make_items(spec, segs, n, &items);
	sort_items(items, m);
	if (spec->mode == ANALYSIS_COOC_OVERLAP || spec->mode == ANALYSIS_COOC_NEAR)
		count_pairs(spec->nsel, items, m, counts);
	else
		count_units(spec, items, m, counts);
	free(items);
}
