/* team/agree_catch.c — agreement counts kept at an older gen caught up
 * (schema 15's journal, store_kept_changes) by counting again only the
 * documents changed since, each one's part as it was taken out and as it
 * is added: the counts are sums over the counted documents, every one
 * of whole numbers for any number of coders (the pairs of values by the
 * coders present, team.h), so that taking a part out is exact, as adding
 * it was (the counts are those of a count).  When more than a quarter of
 * the documents changed, they are counted anew.
 */
#include <stdlib.h>
#include <string.h>

#include "agree_units_int.h"

/* A document's part: a run of its own on r's context and kinds, reset
 * before each part (part_reset), its counts those of that document. */
static void part_init(struct unit_run *p, const struct unit_run *r)
{
	size_t nc = r->x->cb.ncodes + 1;
	*p = (struct unit_run){ .x = r->x, .all_docs = r->all_docs,
	                        .ignore_uncoded = r->ignore_uncoded, .blank_units = r->blank_units,
	                        .min_overlap = r->min_overlap };
	for (int k = 0; k < 3; k++)
		if (r->u[k].stats) {
			p->u[k].stats = xcalloc(nc, sizeof *p->u[k].stats);
			p->u[k].done = xcalloc(nc, sizeof *p->u[k].done);
			p->u[k].lens = xcalloc(2, sizeof *p->u[k].lens);
		}
	if (r->seg)
		p->seg = xcalloc(nc, sizeof *p->seg);
	p->used = xcalloc(nc, sizeof *p->used);
	p->cdocs = xcalloc(nc, sizeof *p->cdocs);
	p->bucket = xcalloc(nc * r->x->ncoders + 1, sizeof *p->bucket);
}

static void part_reset(struct unit_run *p, const struct unit_row *rows, size_t n)
{
	size_t nc = p->x->cb.ncodes + 1;
	for (int k = 0; k < 3; k++)
		if (p->u[k].stats) {
			memset(p->u[k].stats, 0, nc * sizeof *p->u[k].stats);
			memset(p->u[k].done, 0, nc * sizeof *p->u[k].done);
			p->u[k].nlens = 0;
		}
	if (p->seg)
		memset(p->seg, 0, nc * sizeof *p->seg);
	memset(p->used, 0, nc * sizeof *p->used);
	memset(p->cdocs, 0, nc * sizeof *p->cdocs);
	if (n > p->caprows)
		p->rows = xreallocarray(p->rows, p->caprows = n, sizeof *p->rows);
	if (n)
		memcpy(p->rows, rows, n * sizeof *rows);
	p->nrows = n;
}

/* r's counts += sign * p's (one document's, when it is counted). */
static void part_apply(struct unit_run *r, const struct unit_run *p, int sign)
{
	struct agree_ctx *x = r->x;
	for (int k = 0; k < 3; k++) {
		struct team_agree_stats blank = { 0 };
		if (!r->u[k].stats || p->u[k].nlens != 1)
			continue;
		team_agree_add(&blank, x->ncoders, agree_all(x->ncoders), 0, p->u[k].lens[0],
		               r->ignore_uncoded);
		agree_stats_add(&r->u[k].blank, &blank, sign);
		for (size_t c = 0; c < x->cb.ncodes; c++)
			agree_stats_add(&r->u[k].stats[c], p->used[c] ? &p->u[k].stats[c] : &blank, sign);
	}
	for (size_t c = 0; c < x->cb.ncodes; c++) {
		if (r->seg) {
			r->seg[c].agree += sign * p->seg[c].agree;
			r->seg[c].only[0] += sign * p->seg[c].only[0];
			r->seg[c].only[1] += sign * p->seg[c].only[1];
		}
		r->cdocs[c] += sign * p->cdocs[c];
	}
}

static int row_cmp(const void *a, const void *b)
{
	const struct unit_row *x = a, *y = b;
	return x->start != y->start ? (x->start > y->start) - (x->start < y->start)
	     : x->end != y->end ? (x->end > y->end) - (x->end < y->end)
	     : x->code != y->code ? (x->code > y->code) - (x->code < y->code)
	     : (x->coder > y->coder) - (x->coder < y->coder);
}

/* Document d's rows before its n changes ch: now's (n_now) less those
 * inserted, plus those deleted, in the index's order; *ok false when an
 * inserted one is not there. */
static struct unit_row *rows_before(const struct agree_ctx *x, const struct unit_row *now,
                                    size_t n_now, const struct store_kept_change *ch, size_t n,
                                    size_t *out, bool *ok)
{
	struct unit_row *v = xcalloc(n_now + n + 1, sizeof *v);
	size_t m = n_now;
	memcpy(v, now, n_now * sizeof *v);
	for (int sign = -1; sign <= 1; sign += 2)
		for (size_t i = 0; i < n && *ok; i++) {
			size_t c = 0;
			while (c < x->ncoders && x->coder_id[c] != ch[i].coder)
				c++;
			if (ch[i].sign != sign || c == x->ncoders || ch[i].code < 0 ||
			    ch[i].code > x->max_code || x->code_at[ch[i].code] < 0)
				continue;
			struct unit_row w = { (uint32_t)x->code_at[ch[i].code], (uint32_t)c, ch[i].start,
			                      ch[i].end };
			size_t k = 0;
			while (sign > 0 && k < m && row_cmp(&v[k], &w) != 0)
				k++;
			if (sign < 0)
				v[m++] = w;
			else if ((*ok = k < m))
				v[k] = v[--m];
		}
	qsort(v, m, sizeof *v, row_cmp);
	*out = m;
	return v;
}

/* Document d, changed (ch, n): its part as it was out of r's counts, as it
 * is in; x->present[d] as it is. */
static int doc_delta(struct unit_run *r, struct unit_run *p, size_t d,
                     const struct store_kept_change *ch, size_t n, bool *ok, struct anker_err *err)
{
	struct agree_ctx *x = r->x;
	uint64_t was = x->present[d], now;
	size_t nbefore, nnow;
	x->present[d] = 0;
	if (agree_rows_read(p, d, err))
		return err->status;
	now = x->present[d];
	nnow = p->nrows;
	struct unit_row *cur = xcalloc(nnow + 1, sizeof *cur);
	/* (a document left without codings has no rows: p->rows NULL) */
	if (nnow)
		memcpy(cur, p->rows, nnow * sizeof *cur);
	struct unit_row *before = rows_before(x, cur, nnow, ch, n, &nbefore, ok);
	int rc = ANKER_OK;
	for (int s = 0; s < 2 && *ok && !rc; s++) {
		part_reset(p, s ? cur : before, s ? nnow : nbefore);
		x->present[d] = s ? now : was;
		if (agree_doc_counted(x, d, r->all_docs) && !(rc = agree_doc_count_rows(p, d, err)))
			part_apply(r, p, s ? 1 : -1);
	}
	x->present[d] = now;
	free(cur);
	free(before);
	return rc;
}

int agree_catch_up(struct unit_run *r, int64_t from, bool *caught, struct anker_err *err)
{
	struct agree_ctx *x = r->x;
	struct store_kept_change *ch;
	struct unit_run p;
	size_t n, ndirty = 0;
	int rc = ANKER_OK;
	*caught = false;
	if (!x->ndocs)
		return ANKER_OK;
	if (store_kept_changes(x->st, from, &ch, &n, caught, err))
		return ANKER_DB;
	for (size_t i = 0; i < n; i++)
		ndirty += !i || ch[i].doc != ch[i - 1].doc;
	*caught = *caught && 4 * ndirty <= x->ndocs;
	part_init(&p, r);
	for (size_t i = 0, e; !rc && *caught && i < n; i = e) {
		int64_t id = ch[i].doc;
		for (e = i; e < n && ch[e].doc == id; e++)
			;
		*caught = id >= 0 && id <= x->max_doc && x->docs[x->doc_of[id]].id == id;
		if (*caught && x->chosen[x->doc_of[id]])
			rc = doc_delta(r, &p, (size_t)x->doc_of[id], ch + i, e - i, caught, err);
	}
	agree_run_free_counts(&p);
	free(ch);
	*caught = *caught && !rc;
	for (size_t c = 0; *caught && c < x->cb.ncodes; c++)
		r->used[c] = r->cdocs[c] > 0;
	for (int k = 0; *caught && k < 3; k++)
		r->u[k].kept = r->u[k].caught = r->u[k].stats != NULL;
	if (*caught)
		r->seg_kept = r->seg_caught = r->seg != NULL;
	return rc;
}

