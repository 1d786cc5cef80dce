/* team/agree_cache.c — agreement counts kept in the project (schema 13's
 * table kept, store/kept.c), so that the agreement of an unchanged
 * project is read, not counted again (ten million segments: a read of a
 * few kilobytes instead of every segment and, for paragraph units, every
 * text).
 *
 * What is kept is what the counting gives before any code is selected:
 * per code used (a segment in a document compared) its counts, the
 * counts of a code without segments (every unit uncoded), and which
 * coders coded in which document.  The code selection, the table and the
 * documents compared and left out are made from them and the project as
 * it is: a code renamed or added, a document renamed, a coder renamed
 * shows as in a count.  Everything else the counts depend on moves the
 * change counter (store.h's kept results): the segments, the code tree,
 * the documents, their texts and units.  The key holds the rest: the
 * kind of count, the coders, the options, and the documents chosen when
 * a filter leaves some out.
 */
#include <string.h>

#include "agree_int.h"

/* 2: each code's documents (schema 15's catching up); 3: the pairs of
 * values as whole numbers by the coders present, not the coincidences */
#define KEPT_LAYOUT 3

void agree_kept_begin(struct store *st, bool no_cache, struct agree_kept *k)
{
	struct anker_err err = { 0 };
	memset(k, 0, sizeof *k);
	if (!store_kept_wanted(no_cache))
		return;
	store_kept_arm(st);
	k->on = !store_kept_state(st, &k->gen, &k->armed, &err);
}

static int64_t dbits(double v)
{
	int64_t b;
	memcpy(&b, &v, sizeof b);
	return b;
}

void agree_kept_key(const struct agree_ctx *x, int kind, const struct agree_kept_opts *o,
                    struct strbuf *key)
{
	size_t nchosen = 0;
	sb_reset(key);
	store_kept_add(key, KEPT_LAYOUT);
	store_kept_add(key, kind);
	store_kept_add(key, (int64_t)x->ncoders);
	for (size_t i = 0; i < x->ncoders; i++)
		store_kept_add(key, x->coder_id[i]);
	store_kept_add(key, kind == TEAM_AGREE_TABLES - 1 ? 0 : o->ignore_uncoded);
	store_kept_add(key, kind == TEAM_AGREE_PARAGRAPH ? o->blank_units : 0);
	store_kept_add(key, o->all_docs);
	store_kept_add(key, kind == TEAM_AGREE_TABLES - 1 ? dbits(o->min_overlap) : 0);
	for (size_t d = 0; d < x->ndocs; d++)
		nchosen += x->chosen[d];
	/* Every document: a document added moves the counter. */
	store_kept_add(key, nchosen == x->ndocs ? -1 : (int64_t)nchosen);
	for (size_t d = 0; nchosen < x->ndocs && d < x->ndocs; d++)
		if (x->chosen[d])
			store_kept_add(key, x->docs[d].id);
}

/* A code's counts: as many int64 as stats_len says: units, agree, the
 * 2 x 2 table, the pairs of values of the units with m = 2..ncoders
 * coders present, what each coder coded. */
static size_t stats_len(size_t ncoders)
{
	return 6 + 3 * (ncoders - 1) + ncoders;
}

static void stats_put(struct strbuf *v, const struct team_agree_stats *s, size_t ncoders)
{
	int64_t w[] = { s->units, s->agree, s->n11, s->n10, s->n01, s->n00 };
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		store_kept_add(v, w[i]);
	for (size_t m = 2; m <= ncoders; m++) {
		store_kept_add(v, s->pairs[m].c11);
		store_kept_add(v, s->pairs[m].c00);
		store_kept_add(v, s->pairs[m].c01);
	}
	for (size_t i = 0; i < ncoders; i++)
		store_kept_add(v, s->coded[i]);
}

static void stats_get(const unsigned char *p, size_t at, struct team_agree_stats *s,
                      size_t ncoders)
{
	memset(s, 0, sizeof *s);
	s->units = store_kept_at(p, at++);
	s->agree = store_kept_at(p, at++);
	s->n11 = store_kept_at(p, at++);
	s->n10 = store_kept_at(p, at++);
	s->n01 = store_kept_at(p, at++);
	s->n00 = store_kept_at(p, at++);
	for (size_t m = 2; m <= ncoders; m++) {
		s->pairs[m].c11 = store_kept_at(p, at++);
		s->pairs[m].c00 = store_kept_at(p, at++);
		s->pairs[m].c01 = store_kept_at(p, at++);
	}
	for (size_t i = 0; i < ncoders; i++)
		s->coded[i] = store_kept_at(p, at++);
}

/* Value: ncoders; the documents some coder coded in (count, then id and
 * coders' bits each); the codes used (count, then id, the documents
 * counted with its segments and counts each); for units the counts of a
 * code without segments. */
void agree_kept_value(const struct agree_ctx *x, const bool *used, const int64_t *cdocs,
                      const struct team_agree_stats *stats, const struct team_agree_stats *blank,
                      const struct agree_seg_count *seg, struct strbuf *v)
{
	size_t n = 0;
	sb_reset(v);
	store_kept_add(v, (int64_t)x->ncoders);
	for (size_t d = 0; d < x->ndocs; d++)
		n += x->present[d] != 0;
	store_kept_add(v, (int64_t)n);
	for (size_t d = 0; d < x->ndocs; d++)
		if (x->present[d]) {
			store_kept_add(v, x->docs[d].id);
			store_kept_add(v, (int64_t)x->present[d]);
		}
	n = 0;
	for (size_t c = 0; c < x->cb.ncodes; c++)
		n += used[c];
	store_kept_add(v, (int64_t)n);
	for (size_t c = 0; c < x->cb.ncodes; c++) {
		if (!used[c])
			continue;
		store_kept_add(v, x->cb.codes[c].id);
		store_kept_add(v, cdocs[c]);
		if (seg) {
			store_kept_add(v, seg[c].agree);
			store_kept_add(v, seg[c].only[0]);
			store_kept_add(v, seg[c].only[1]);
		} else {
			stats_put(v, &stats[c], x->ncoders);
		}
	}
	if (!seg)
		stats_put(v, blank, x->ncoders);
}

bool agree_kept_read(struct agree_ctx *x, const struct strbuf *v, bool *used, int64_t *cdocs,
                     struct team_agree_stats *stats, struct team_agree_stats *blank,
                     struct agree_seg_count *seg)
{
	const unsigned char *p = (const unsigned char *)v->buf;
	size_t n = v->len / 8, at = 0, per = seg ? 4 : stats_len(x->ncoders) + 1;
	if (n < 2 || store_kept_at(p, 0) != (int64_t)x->ncoders)
		return false;
	size_t nd = (size_t)store_kept_at(p, 1), nc;
	/* The whole value checked before anything is taken from it. */
	if (nd > n / 2 || 2 + 2 * nd >= n)
		return false;
	at = 2 + 2 * nd;
	nc = (size_t)store_kept_at(p, at++);
	if (nc > n || at + nc * (per + 1) + (seg ? 0 : per - 1) != n)
		return false;
	memset(x->present, 0, x->ndocs * sizeof *x->present);
	for (size_t i = 0; i < nd; i++) {
		int64_t id = store_kept_at(p, 2 + 2 * i);
		if (x->ndocs && id >= 0 && id <= x->max_doc && x->docs[x->doc_of[id]].id == id)
			x->present[x->doc_of[id]] = (uint64_t)store_kept_at(p, 3 + 2 * i);
	}
	if (!seg) {
		stats_get(p, n - (per - 1), blank, x->ncoders);
		for (size_t c = 0; c < x->cb.ncodes; c++)
			stats[c] = *blank;
	}
	for (size_t i = 0; i < nc; i++, at += per + 1) {
		int64_t id = store_kept_at(p, at);
		if (id < 0 || id > x->max_code || x->code_at[id] < 0)
			continue;   /* no code any more: the counter moved, never here */
		size_t c = (size_t)x->code_at[id];
		used[c] = true;
		cdocs[c] = store_kept_at(p, at + 1);
		if (seg) {
			seg[c].agree = store_kept_at(p, at + 2);
			seg[c].only[0] = store_kept_at(p, at + 3);
			seg[c].only[1] = store_kept_at(p, at + 4);
		} else {
			stats_get(p, at + 2, &stats[c], x->ncoders);
		}
	}
	return true;
}
