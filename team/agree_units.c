/* team/agree_units.c — intercoder agreement over units (team_agree):
 * characters, paragraphs or documents, each coded or not with a code by
 * each coder.
 *
 * A document holds millions of characters, so units are never listed one
 * by one: per document and code the coders' segment boundaries are swept
 * once, and each run of units with one coded state (which coders coded
 * it) is added with its length as weight (team_agree_sweep).  Paragraph
 * and document units are the same sweep in other coordinates.
 *
 * A million segments: the rows are read one document at a time, in the
 * order of the document list, and only the columns counted (start, end,
 * code, coder) out of the covering index segment_span; one document's
 * rows are in memory at a time.  Each code's counts are added in document
 * order whatever the codes turn out to be selected (the default selection
 * is known only at the end: the codes used in the documents compared):
 * a code's documents without its segments add their units as uncoded,
 * caught up when its next segment comes or at the end, not every code at
 * every document (most codes have no segment in most).  The counts are
 * whole numbers (team.h), so the order they are added in does not matter.
 */
#include <stdlib.h>
#include <string.h>

#include "agree_units_int.h"
#include "../coding/coding.h"

/* Paragraph units are the paragraphs with text (SPEC §5): rank[k] counts
 * those among paragraphs 1..k (rank[0] = 0), so that the paragraphs
 * [a, b) (0-based) are the units [rank[a], rank[b]).  The n paragraphs
 * are the text's lines, the LF excluded (corpus_text_para_range), found
 * in bytes: no code point is converted (a document of 500 KB once had
 * two passes over it per code point and one per paragraph). */
static size_t *para_ranks(const char *text, size_t len, size_t n)
{
	size_t *r = xmalloc((n + 1) * sizeof *r);
	const char *p = text, *end = text + len;
	r[0] = 0;
	for (size_t k = 1; k <= n; k++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		r[k] = r[k - 1] + !coding_text_blank(p, (size_t)(e - p));
		p = e < end ? e + 1 : end;
	}
	return r;
}

static int64_t ranked(const size_t *rank, size_t n, int64_t para)
{
	return (int64_t)rank[para < 0 ? 0 : (size_t)para > n ? n : (size_t)para];
}

/* Where a document's paragraphs are: its index, and the paragraph
 * (0-based) of every CORPUS_CKPT-th code point, from which that of any
 * code point is a step or two on, paragraphs being longer as a rule (at
 * most CORPUS_CKPT steps): no binary search per row. */
struct para_map {
	struct corpus_text idx;
	size_t *at;
};

static void para_map_make(struct para_map *m, const char *text, size_t len)
{
	corpus_text_index(&m->idx, text, len);
	size_t n = m->idx.chars / CORPUS_CKPT + 1, p = 0;
	m->at = xmalloc(n * sizeof *m->at);
	for (size_t j = 0; j < n; j++) {
		while (p + 1 < m->idx.nlines && m->idx.line_cp[p + 1] <= j * CORPUS_CKPT)
			p++;
		m->at[j] = p;
	}
}

/* The 1-based paragraph of code point cp, as corpus_text_para and so
 * corpus_text_spans give it (the empty text: its one position is in
 * paragraph 1). */
static int64_t para_of(const struct para_map *m, int64_t cp)
{
	const struct corpus_text *t = &m->idx;
	if (!t->nlines)
		return 1;
	size_t c = (size_t)cp < t->chars ? (size_t)cp : t->chars, p = m->at[c / CORPUS_CKPT];
	while (p + 1 < t->nlines && t->line_cp[p + 1] <= c)
		p++;
	return (int64_t)p + 1;
}

/* Paragraph units of document d: its rows in 0-based paragraphs [first,
 * last + 1), ranked among the paragraphs with text unless blank_units;
 * *len the units.  One index of the text for all the rows. */
static int rows_paragraphs(struct unit_run *r, size_t d, int64_t *len, struct anker_err *err)
{
	char *text;
	size_t tlen;
	if (corpus_doc_text(r->x->st, r->x->docs[d].id, &text, &tlen, err))
		return err->status;
	struct para_map m;
	para_map_make(&m, text, tlen);
	size_t np = m.idx.nlines, *rank = r->blank_units ? NULL : para_ranks(text, tlen, np);
	*len = rank ? (int64_t)rank[np] : (int64_t)r->x->docs[d].paragraphs;
	for (size_t i = 0; i < r->nrows; i++) {
		struct unit_row *w = &r->rows[i];
		int64_t a = para_of(&m, w->start) - 1,
		        b = para_of(&m, w->end > w->start ? w->end - 1 : w->start);
		w->start = rank ? ranked(rank, np, a) : a;
		w->end = rank ? ranked(rank, np, b) : b;
	}
	free(rank);
	free(m.at);
	corpus_text_free(&m.idx);
	free(text);
	return ANKER_OK;
}

/* Code c's counts up to (not including) counted document k: those without
 * its segments add their units uncoded, as a sweep over no span does. */
static void catch_up(struct unit_run *r, struct unit_count *u, size_t c, size_t k)
{
	for (; u->done[c] < k; u->done[c]++)
		team_agree_add(&u->stats[c], r->x->ncoders, agree_all(r->x->ncoders), 0,
		               u->lens[u->done[c]], r->ignore_uncoded);
}

/* One document's rows, as store_each_group hands them over. */
struct rows_doc {
	struct unit_run *r;
	size_t d;
};

static int rows_take(void *arg, struct store_stmt *s, const int64_t *v, size_t n,
                     struct anker_err *err)
{
	(void)s;
	(void)err;
	struct unit_run *r = ((struct rows_doc *)arg)->r;
	struct agree_ctx *x = r->x;
	size_t d = ((struct rows_doc *)arg)->d;
	if (n > r->caprows) {
		r->caprows = n;
		r->rows = xreallocarray(r->rows, r->caprows, sizeof *r->rows);
	}
	for (size_t i = 0; i < n; i++, v += 4) {
		int64_t code = v[2], coder = v[3];
		size_t c = 0;
		while (c < x->ncoders && x->coder_id[c] != coder)
			c++;
		if (c == x->ncoders)
			continue;
		x->present[d] |= (uint64_t)1 << c;
		if (code < 0 || code > x->max_code || x->code_at[code] < 0)
			continue;
		r->rows[r->nrows++] = (struct unit_row){ (uint32_t)x->code_at[code], (uint32_t)c,
		                                         v[0], v[1] };
	}
	return ANKER_OK;
}

/* Document d's rows of the coders compared; x->present[d] set.  Handed
 * over at once (store_each_group): no step and column fetch per row,
 * which were most of a count's time. */
int agree_rows_read(struct unit_run *r, size_t d, struct anker_err *err)
{
	struct store_stmt *s;
	struct rows_doc g = { r, d };
	r->nrows = 0;
	if (store_prepare(r->x->st, "SELECT anker_rows(start, \"end\", code_id, coder_id) "
	                            "FROM segment WHERE doc_id = :doc GROUP BY doc_id", &s, err) ||
	    store_bind_int(s, ":doc", r->x->docs[d].id, err))
		return ANKER_DB;
	return store_each_group(s, rows_take, &g, err);
}

/* Does a match one of b[0..n) (one code's rows of the other coder, by
 * start)?  Those starting at a's end or later cannot. */
static bool seg_hit(const struct unit_row *a, const struct unit_row *b, size_t n, double p)
{
	struct coding_segment x = { .start = (size_t)a->start, .end = (size_t)a->end }, y = { 0 };
	for (size_t i = 0; i < n && b[i].start < a->end; i++) {
		y.start = (size_t)b[i].start;
		y.end = (size_t)b[i].end;
		if (team_segment_match(&x, &y, p))
			return true;
	}
	return false;
}

/* Segment agreement in a counted document: each segment of each code
 * checked against the other coder's of the same code.  Both coders' are
 * by start, so those of the other ending at or before a segment's start
 * (which cannot match it: no overlap) are passed once for all that come
 * after it, not scanned again for each. */
static void doc_segments(struct unit_run *r)
{
	for (size_t i = 0; i < r->nrows;) {
		size_t c = r->rows[i].code, k = i, e;
		while (k < r->nrows && r->rows[k].code == c && r->rows[k].coder == 0)
			k++;
		for (e = k; e < r->nrows && r->rows[e].code == c; e++)
			;
		/* The other coder's passed: coder 0's are checked against coder
		 * 1's from past[0] on, coder 1's against coder 0's from past[1]. */
		size_t past[2] = { k, i };
		for (size_t a = i; a < e; a++) {
			bool mine = a < k;
			size_t *lo = &past[!mine], end = mine ? e : k;
			while (*lo < end && r->rows[*lo].end <= r->rows[a].start)
				++*lo;
			if (seg_hit(&r->rows[a], &r->rows[*lo], end - *lo, r->min_overlap))
				r->seg[c].agree++;
			else
				r->seg[c].only[!mine]++;
		}
		r->used[c] = true;
		i = e;
	}
}

/* One unit's sweep of a counted document of len units over its rows
 * (by code), in that unit's coordinates (document units: [0, 1)). */
static void doc_sweep(struct unit_run *r, enum team_agree_unit unit, int64_t len)
{
	struct unit_count *u = &r->u[unit];
	size_t k = u->nlens;
	u->lens[u->nlens++] = len;
	for (size_t i = 0; i < r->nrows;) {
		size_t c = r->rows[i].code, m = 0;
		for (; i < r->nrows && r->rows[i].code == c; i++) {
			const struct unit_row *w = &r->rows[i];
			r->spans[m++] = unit == TEAM_AGREE_DOCUMENT
			                ? (struct team_agree_span){ w->coder, 0, 1 }
			                : (struct team_agree_span){ w->coder, w->start, w->end };
		}
		catch_up(r, u, c, k);
		team_agree_sweep(&u->stats[c], r->x->ncoders, agree_all(r->x->ncoders), r->spans, m,
		                 len, r->ignore_uncoded);
		u->done[c] = k + 1;
		r->used[c] = true;
	}
}

/* Is this unit (TEAM_AGREE_TABLES - 1: the segment agreement) counted
 * in this read (asked for, not kept)? */
static bool counting(const struct unit_run *r, int k)
{
	if (k == TEAM_AGREE_TABLES - 1)
		return r->seg && !r->seg_kept;
	return r->u[k].stats && !r->u[k].kept;
}

/* The rows grouped by code, and for segment agreement each code's by
 * coder: a counting sort, linear in the rows (a sort by comparisons was a
 * sixth of the time at 500 segments a document, a quarter at 5,000).  It
 * is stable, so each group stays in the order of the index segment_span,
 * by start. */
static void rows_group(struct unit_run *r)
{
	size_t per = counting(r, TEAM_AGREE_TABLES - 1) ? r->x->ncoders : 1;
	size_t nk = r->x->cb.ncodes * per;
	memset(r->bucket, 0, (nk + 1) * sizeof *r->bucket);
	for (size_t i = 0; i < r->nrows; i++)
		r->bucket[r->rows[i].code * per + (per > 1 ? r->rows[i].coder : 0) + 1]++;
	for (size_t k = 0; k < nk; k++)
		r->bucket[k + 1] += r->bucket[k];
	r->tmp = xreallocarray(r->tmp, r->caprows + 1, sizeof *r->tmp);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct unit_row *w = &r->rows[i];
		r->tmp[r->bucket[w->code * per + (per > 1 ? w->coder : 0)]++] = *w;
	}
	struct unit_row *t = r->rows;
	r->rows = r->tmp;
	r->tmp = t;
}

/* Document d's characters and paragraphs (the brief list has neither). */
static int doc_units(struct agree_ctx *x, size_t d, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(x->st, "SELECT chars, paragraphs FROM document WHERE id = :doc", &s, err) ||
	    store_bind_int(s, ":doc", x->docs[d].id, err))
		return ANKER_DB;
	if ((rc = store_step(s, err)) == 1) {
		x->docs[d].chars = (size_t)store_col_int(s, 0);
		x->docs[d].paragraphs = (size_t)store_col_int(s, 1);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Document d's rows (r->rows, x->present[d] set), when counted: each
 * code with segments in it, in each kind of agreement counted (paragraphs
 * last: they replace the rows' spans). */
int agree_doc_count_rows(struct unit_run *r, size_t d, struct anker_err *err)
{
	struct agree_ctx *x = r->x;
	if (!agree_doc_counted(x, d, r->all_docs))
		return ANKER_OK;
	if ((counting(r, TEAM_AGREE_CHAR) || counting(r, TEAM_AGREE_PARAGRAPH)) &&
	    doc_units(x, d, err))
		return err->status;
	rows_group(r);
	for (size_t i = 0; i < r->nrows; i++)
		if (!i || r->rows[i].code != r->rows[i - 1].code)
			r->cdocs[r->rows[i].code]++;
	r->spans = xreallocarray(r->spans, r->nrows + 1, sizeof *r->spans);
	if (counting(r, TEAM_AGREE_TABLES - 1))
		doc_segments(r);
	if (counting(r, TEAM_AGREE_CHAR))
		doc_sweep(r, TEAM_AGREE_CHAR, (int64_t)x->docs[d].chars);
	if (counting(r, TEAM_AGREE_DOCUMENT))
		doc_sweep(r, TEAM_AGREE_DOCUMENT, 1);
	if (counting(r, TEAM_AGREE_PARAGRAPH)) {
		int64_t len = 0;
		if (rows_paragraphs(r, d, &len, err))
			return err->status;
		doc_sweep(r, TEAM_AGREE_PARAGRAPH, len);
	}
	return ANKER_OK;
}

static int doc_count(struct unit_run *r, size_t d, struct anker_err *err)
{
	if (agree_rows_read(r, d, err))
		return err->status;
	return agree_doc_count_rows(r, d, err);
}

static void agree_row(struct report_table *t, const struct team_agree_stats *s, size_t ncoders)
{
	report_table_int(t, s->units);
	for (size_t i = 0; i < ncoders; i++)
		report_table_int(t, s->coded[i]);
	report_table_int(t, s->agree);
	report_table_float(t, team_agree_percent(s), 2);
	report_table_float(t, team_agree_cohen(s, ncoders), 3);
	report_table_float(t, team_agree_bp(s, ncoders), 3);
	report_table_float(t, team_agree_alpha(s), 3);
}

static void agree_table(const struct unit_run *r, enum team_agree_unit unit,
                        struct report_table *t)
{
	const struct team_agree_stats *stats = r->u[unit].stats;
	const struct agree_ctx *x = r->x;
	struct strbuf sb = {0};
	struct team_agree_stats all = {0};
	agree_code_cols(t);
	report_table_col(t, "Units", "units", REPORT_COL_INT);
	for (size_t i = 0; i < x->ncoders; i++) {
		sb_reset(&sb);
		sb_addf(&sb, "coded_%s", x->names[i]);
		report_table_col(t, x->names[i], sb.buf, REPORT_COL_INT);
	}
	report_table_col(t, "Agree", "agree", REPORT_COL_INT);
	report_table_col(t, "%", "percent", REPORT_COL_FLOAT);
	report_table_col(t, "Cohen κ", "cohen", REPORT_COL_FLOAT);
	report_table_col(t, "BP κ", "bp", REPORT_COL_FLOAT);
	report_table_col(t, "α", "alpha", REPORT_COL_FLOAT);
	for (size_t j = 0; j < x->nsel; j++) {
		agree_code_cells(t, x, j, &sb);
		agree_row(t, &stats[x->sel[j]], x->ncoders);
		team_agree_sum(&all, &stats[x->sel[j]]);
	}
	agree_total_cells(t, "(pooled)");
	agree_row(t, &all, x->ncoders);
	sb_free(&sb);
}

/* The kinds asked for that the project keeps, read (r->u[k].kept,
 * r->seg_kept: kept at the current gen); true when every one was.
 * *from: when every one is kept at one older gen, that gen (the counts
 * read, to be caught up); else -1. */
static bool run_kept(struct unit_run *r, struct strbuf *key, struct strbuf *val, int64_t *from,
                     struct anker_err *err)
{
	bool all = true, same = true;
	int64_t first = INT64_MIN;
	for (int k = 0; k < TEAM_AGREE_TABLES; k++) {
		bool seg = k == TEAM_AGREE_TABLES - 1, ok = false;
		int64_t at = -1;
		if (!(seg ? r->seg != NULL : r->u[k].stats != NULL))
			continue;
		agree_kept_key(r->x, k, &r->ko, key);
		if (r->kept.on && !store_kept_get(r->x->st, key, val, &at, err) && at >= 0)
			ok = agree_kept_read(r->x, val, r->used, r->cdocs, seg ? NULL : r->u[k].stats,
			                     seg ? NULL : &r->u[k].blank, seg ? r->seg : NULL);
		*(seg ? &r->seg_kept : &r->u[k].kept) = ok && at == r->kept.gen;
		all = all && ok && at == r->kept.gen;
		same = same && ok && (first == INT64_MIN || first == at);
		first = at;
	}
	*from = !all && same && first >= 0 ? first : -1;
	return all;
}

/* Before counting: nothing read from counts not kept at the current gen
 * stays (the counting sets used, cdocs and present anew, and adds to the
 * counts of the kinds it counts). */
static void run_unkept(struct unit_run *r)
{
	struct agree_ctx *x = r->x;
	size_t nc = x->cb.ncodes + 1;
	memset(r->used, 0, nc * sizeof *r->used);
	memset(r->cdocs, 0, nc * sizeof *r->cdocs);
	memset(x->present, 0, x->ndocs * sizeof *x->present);
	for (int k = 0; k < 3; k++)
		if (r->u[k].stats && !r->u[k].kept)
			memset(r->u[k].stats, 0, nc * sizeof *r->u[k].stats);
	if (r->seg && !r->seg_kept)
		memset(r->seg, 0, nc * sizeof *r->seg);
}

/* After a count: every code's counts complete, up to the last document
 * (a code without segments in the documents compared: every unit
 * uncoded), and kept in the project. */
static void run_finish(struct unit_run *r, struct strbuf *key, struct strbuf *val)
{
	struct agree_ctx *x = r->x;
	for (int k = 0; k < 3; k++) {
		struct unit_count *u = &r->u[k];
		struct team_agree_stats blank = u->blank;
		if (counting(r, k)) {
			memset(&blank, 0, sizeof blank);
			for (size_t i = 0; i < u->nlens; i++)
				team_agree_add(&blank, x->ncoders, agree_all(x->ncoders), 0, u->lens[i],
				               r->ignore_uncoded);
			for (size_t c = 0; c < x->cb.ncodes; c++) {
				if (r->used[c])
					catch_up(r, u, c, u->nlens);
				else
					u->stats[c] = blank;
			}
		} else if (!u->caught) {
			continue;
		}
		if (r->kept.on) {
			agree_kept_key(x, k, &r->ko, key);
			agree_kept_value(x, r->used, r->cdocs, u->stats, &blank, NULL, val);
			store_kept_put(x->st, key, r->kept.gen, r->kept.armed, val);
		}
	}
	if (r->kept.on && (counting(r, TEAM_AGREE_TABLES - 1) || r->seg_caught)) {
		agree_kept_key(x, TEAM_AGREE_TABLES - 1, &r->ko, key);
		agree_kept_value(x, r->used, r->cdocs, NULL, NULL, r->seg, val);
		store_kept_put(x->st, key, r->kept.gen, r->kept.armed, val);
	}
}

/* The counts asked for (units: which; segs: the segment agreement): those
 * the project keeps read, the others in one read of the segments.  Every
 * coder is present in every document counted: one who coded nothing in it
 * is there only with all_docs, and then codes nothing. */
static int run_count(struct unit_run *r, const bool units[3], bool segs,
                     const struct agree_sel *sel, struct team_agree_scope *scope,
                     struct anker_err *err)
{
	struct agree_ctx *x = r->x;
	size_t nc = x->cb.ncodes + 1;
	struct strbuf key = { 0 }, val = { 0 };
	for (int k = 0; k < 3; k++)
		if (units[k]) {
			r->u[k].stats = xcalloc(nc, sizeof *r->u[k].stats);
			r->u[k].done = xcalloc(nc, sizeof *r->u[k].done);
			r->u[k].lens = xcalloc(x->ndocs + 1, sizeof *r->u[k].lens);
		}
	if (segs)
		r->seg = xcalloc(nc, sizeof *r->seg);
	r->used = xcalloc(nc, sizeof *r->used);
	r->cdocs = xcalloc(nc, sizeof *r->cdocs);
	r->bucket = xcalloc(nc * x->ncoders + 1, sizeof *r->bucket);
	r->ko = (struct agree_kept_opts){ r->ignore_uncoded, r->blank_units, r->all_docs,
	                                  r->min_overlap };
	/* Codes given are checked before the rows are read. */
	bool given = sel->ncodes || sel->under;
	int rc = given ? agree_ctx_select(x, sel, NULL, err) : ANKER_OK;
	if (rc || (rc = store_read_begin(x->st, err)))
		goto out;
	int64_t from;
	bool all = run_kept(r, &key, &val, &from, err);
	if (!all && from >= 0)
		rc = agree_catch_up(r, from, &all, err);
	if (!all && !rc)
		run_unkept(r);
	/* Progress per document read (Escape cancels: store_progress). */
	for (size_t d = 0; !all && !rc && d < x->ndocs; d++)
		if (x->chosen[d] && !(rc = store_progress("agree", d, x->ndocs, err)))
			rc = doc_count(r, d, err);
	store_read_end(x->st);
	if (rc)
		goto out;
	run_finish(r, &key, &val);
	agree_ctx_scope(x, sel, scope);
	if (!given && (rc = agree_ctx_select(x, sel, r->used, err)))
		team_agree_scope_free(scope);
out:
	sb_free(&key);
	sb_free(&val);
	return rc;
}

void agree_run_free_counts(struct unit_run *r)
{
	for (int k = 0; k < 3; k++) {
		free(r->u[k].stats);
		free(r->u[k].done);
		free(r->u[k].lens);
	}
	free(r->seg);
	free(r->used);
	free(r->cdocs);
	free(r->rows);
	free(r->tmp);
	free(r->bucket);
	free(r->spans);
}

static void run_free(struct unit_run *r)
{
	agree_run_free_counts(r);
	agree_ctx_free(r->x);
}

static void seg_table(const struct unit_run *r, struct report_table *t)
{
	const struct agree_ctx *x = r->x;
	struct agree_seg_count *cnt = xcalloc(x->nsel + 1, sizeof *cnt);
	for (size_t j = 0; j < x->nsel; j++)
		cnt[j] = r->seg[x->sel[j]];
	agree_seg_table(x, cnt, t);
	free(cnt);
}

int team_agree(struct store *st, const struct team_agree_opts *o, struct report_table *t,
               struct team_agree_scope *scope, struct anker_err *err)
{
	struct agree_ctx x;
	struct agree_sel sel = { o->codes, o->ncodes, o->under, &o->docs, o->all_docs };
	struct unit_run r = { .x = &x, .all_docs = o->all_docs, .ignore_uncoded = o->ignore_uncoded,
	                      .blank_units = o->blank_units };
	bool units[3] = { 0 };
	units[o->unit] = true;
	if (scope)
		memset(scope, 0, sizeof *scope);
	agree_kept_begin(st, o->no_cache, &r.kept);
	int rc = agree_ctx_begin(&x, st, o->coders, o->ncoders, &sel, err);
	if (!rc && !(rc = run_count(&r, units, false, &sel, scope, err)))
		agree_table(&r, o->unit, t);
	run_free(&r);
	return rc;
}

int agree_segments_count(struct store *st, const struct team_agree_seg_opts *o,
                         struct report_table *t, struct team_agree_scope *scope,
                         struct anker_err *err)
{
	const char *names[2] = { o->a, o->b };
	struct agree_ctx x;
	struct agree_sel sel = { o->codes, o->ncodes, o->under, &o->docs, o->all_docs };
	struct unit_run r = { .x = &x, .all_docs = o->all_docs, .min_overlap = o->min_overlap };
	static const bool none[3] = { 0 };
	if (scope)
		memset(scope, 0, sizeof *scope);
	agree_kept_begin(st, o->no_cache, &r.kept);
	int rc = agree_ctx_begin(&x, st, names, 2, &sel, err);
	if (!rc && !(rc = run_count(&r, none, true, &sel, scope, err)))
		seg_table(&r, t);
	run_free(&r);
	return rc;
}

int team_agree_every(struct store *st, const struct team_agree_opts *o, double min_overlap,
                     const bool want[TEAM_AGREE_TABLES],
                     struct report_table out[TEAM_AGREE_TABLES], struct team_agree_scope *scope,
                     struct anker_err *err)
{
	struct agree_ctx x;
	struct agree_sel sel = { o->codes, o->ncodes, o->under, &o->docs, o->all_docs };
	struct unit_run r = { .x = &x, .all_docs = o->all_docs, .ignore_uncoded = o->ignore_uncoded,
	                      .blank_units = o->blank_units, .min_overlap = min_overlap };
	if (scope)
		memset(scope, 0, sizeof *scope);
	if (o->ncoders != 2)
		return anker_err_set(err, ANKER_INPUT, "segment agreement compares two coders");
	if (!(min_overlap > 0 && min_overlap <= 100))
		return anker_err_set(err, ANKER_INPUT, "the minimum overlap must be above 0 and at "
		                     "most 100 (percent)");
	agree_kept_begin(st, o->no_cache, &r.kept);
	int rc = agree_ctx_begin(&x, st, o->coders, o->ncoders, &sel, err);
	if (!rc && !(rc = run_count(&r, want, want[TEAM_AGREE_TABLES - 1], &sel, scope, err))) {
		for (int k = 0; k < 3; k++)
			if (want[k])
				agree_table(&r, (enum team_agree_unit)k, &out[k]);
		if (want[TEAM_AGREE_TABLES - 1])
			seg_table(&r, &out[TEAM_AGREE_TABLES - 1]);
	}
	run_free(&r);
	return rc;
}
