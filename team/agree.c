/* team/agree.c — intercoder agreement: the statistics of a unit count
 * (the sweep over one document's spans, percent, the kappas, alpha), the
 * coders, documents and codes compared (team/agree_int.h), and MAXQDA's
 * segment agreement.  The unit count over a project: team/agree_units.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../codebook/codebook.h"
#include "../corpus/corpus.h"
#include "agree_int.h"
#include "../coding/coding.h"

static int popcount64(uint64_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

uint64_t agree_all(size_t ncoders)
{
	return ncoders >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << ncoders) - 1;
}

void team_agree_add(struct team_agree_stats *s, size_t ncoders, uint64_t present,
                      uint64_t coded, int64_t weight, bool ignore_uncoded)
{
	uint64_t all = agree_all(ncoders);
	present &= all;
	coded &= present;
	if (weight <= 0 || (ignore_uncoded && !coded))
		return;
	int64_t m = popcount64(present), a = popcount64(coded), b = m - a;
	if (m >= 2) {
		struct team_agree_pairs *p = &s->pairs[m];
		p->c11 += weight * a * (a - 1);
		p->c00 += weight * b * (b - 1);
		p->c01 += weight * a * b;
	}
	if (present != all)
		return;
	s->units += weight;
	if (coded == 0 || coded == all)
		s->agree += weight;
	for (size_t i = 0; i < ncoders; i++)
		if (coded & ((uint64_t)1 << i))
			s->coded[i] += weight;
	if (ncoders == 2) {
		bool x = coded & 1, y = coded & 2;
		*(x ? (y ? &s->n11 : &s->n10) : (y ? &s->n01 : &s->n00)) += weight;
	}
}

struct event {
	int64_t pos;
	uint32_t coder;
	int delta;
};

static int event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

void team_agree_sweep(struct team_agree_stats *s, size_t ncoders, uint64_t present,
                        struct team_agree_span *spans, size_t n, int64_t len,
                        bool ignore_uncoded)
{
	struct event *ev = xmalloc((2 * n + 1) * sizeof *ev);
	uint32_t depth[TEAM_AGREE_MAX_CODERS] = {0};
	size_t ne = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t a = spans[i].start < 0 ? 0 : spans[i].start;
		int64_t b = spans[i].end > len ? len : spans[i].end;
		if (a >= b || spans[i].coder >= ncoders)
			continue;
		ev[ne++] = (struct event){ a, spans[i].coder, 1 };
		ev[ne++] = (struct event){ b, spans[i].coder, -1 };
	}
	qsort(ev, ne, sizeof *ev, event_cmp);
	int64_t prev = 0;
	uint64_t coded = 0;
	for (size_t i = 0; i < ne;) {
		int64_t pos = ev[i].pos;
		team_agree_add(s, ncoders, present, coded, pos - prev, ignore_uncoded);
		/* A coder's own overlapping codings count once: the state is
		 * whether the depth is above zero. */
		for (; i < ne && ev[i].pos == pos; i++) {
			depth[ev[i].coder] += (uint32_t)ev[i].delta;
			if (depth[ev[i].coder])
				coded |= (uint64_t)1 << ev[i].coder;
			else
				coded &= ~((uint64_t)1 << ev[i].coder);
		}
		prev = pos;
	}
	team_agree_add(s, ncoders, present, 0, len - prev, ignore_uncoded);
	free(ev);
}

void agree_stats_add(struct team_agree_stats *into, const struct team_agree_stats *s, int sign)
{
	into->units += sign * s->units;
	into->agree += sign * s->agree;
	for (size_t i = 0; i < TEAM_AGREE_MAX_CODERS; i++)
		into->coded[i] += sign * s->coded[i];
	into->n11 += sign * s->n11;
	into->n10 += sign * s->n10;
	into->n01 += sign * s->n01;
	into->n00 += sign * s->n00;
	for (size_t m = 2; m <= TEAM_AGREE_MAX_CODERS; m++) {
		into->pairs[m].c11 += sign * s->pairs[m].c11;
		into->pairs[m].c00 += sign * s->pairs[m].c00;
		into->pairs[m].c01 += sign * s->pairs[m].c01;
	}
}

void team_agree_sum(struct team_agree_stats *into, const struct team_agree_stats *s)
{
	agree_stats_add(into, s, 1);
}

double team_agree_percent(const struct team_agree_stats *s)
{
	return s->units ? 100.0 * (double)s->agree / (double)s->units : NAN;
}

double team_agree_cohen(const struct team_agree_stats *s, size_t ncoders)
{
	if (ncoders != 2)
		return NAN;
	double t[4] = { (double)s->n00, (double)s->n01, (double)s->n10, (double)s->n11 };
	return team_cohen_kappa(t, 2);
}

/* The mean over complete units of the share of agreeing ordered pairs:
 * every complete unit has m = ncoders coders present, m (m - 1) pairs. */
double team_agree_bp(const struct team_agree_stats *s, size_t ncoders)
{
	if (!s->units || ncoders < 2 || ncoders > TEAM_AGREE_MAX_CODERS)
		return NAN;
	const struct team_agree_pairs *p = &s->pairs[ncoders];
	double pairs = (double)ncoders * (double)(ncoders - 1);
	return team_bp_kappa((double)(p->c11 + p->c00) / ((double)s->units * pairs), 2);
}

/* The coincidences: a unit of m coders present gives each of its m
 * values m - 1 pairs, weighed 1 / (m - 1) (each pairable value counts
 * once). */
double team_agree_alpha(const struct team_agree_stats *s)
{
	double o00 = 0, o01 = 0, o11 = 0;
	for (size_t m = 2; m <= TEAM_AGREE_MAX_CODERS; m++) {
		const struct team_agree_pairs *p = &s->pairs[m];
		o00 += (double)p->c00 / (double)(m - 1);
		o01 += (double)p->c01 / (double)(m - 1);
		o11 += (double)p->c11 / (double)(m - 1);
	}
	return team_alpha_binary(o00, o01, o11);
}

/* ---------------------------------------------------------------------- */
/* The project's side: coders, codes and documents (team/agree_int.h). */

void agree_ctx_free(struct agree_ctx *x)
{
	codebook_free(&x->cb);
	free(x->sel);
	free(x->sel_of);
	free(x->code_at);
	corpus_docs_free(x->docs, x->ndocs);
	free(x->doc_of);
	free(x->present);
	free(x->chosen);
	free(x->counted);
	for (size_t i = 0; i < TEAM_AGREE_MAX_CODERS; i++)
		sb_free(&x->canon[i]);
	for (size_t i = 0; i < x->ncoders; i++)
		coding_segments_free(x->segs[i], x->nsegs[i]);
}

/* The coders given (names), found as coding_coder_find finds them; their
 * names as stored from then on. */
static int ctx_coders(struct agree_ctx *x, const char *const *names, size_t n,
                      struct anker_err *err)
{
	if (n < 2)
		return anker_err_set(err, ANKER_INPUT, "agreement needs two coders or more");
	if (n > TEAM_AGREE_MAX_CODERS)
		return anker_err_set(err, ANKER_INPUT, "at most %d coders", TEAM_AGREE_MAX_CODERS);
	x->names = x->namev;
	for (size_t i = 0; i < n; i++) {
		if (coding_coder_find(x->st, names[i], &x->coder_id[i], &x->canon[i], err))
			return err->status;
		x->namev[i] = sb_str(&x->canon[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(x->namev[i], x->namev[j]) == 0)
				return anker_err_set(err, ANKER_INPUT, "coder '%s' given twice",
				                     x->namev[i]);
	}
	x->ncoders = n;
	return ANKER_OK;
}

static int ctx_docs(struct agree_ctx *x, const struct agree_sel *sel, struct anker_err *err)
{
	static const struct corpus_doc_filter none = { 0 };
	/* The brief list: chars and paragraphs, stored after each text, are
	 * read only for the documents counted (agree_units.c): ten million
	 * segments over 1 GB of text, the full list was most of reading kept
	 * counts. */
	if (corpus_docs_brief(x->st, &x->docs, &x->ndocs, err))
		return err->status;
	for (size_t i = 0; i < x->ndocs; i++)
		if (x->docs[i].id > x->max_doc)
			x->max_doc = x->docs[i].id;
	x->doc_of = xcalloc((size_t)x->max_doc + 1, sizeof *x->doc_of);
	x->present = xcalloc(x->ndocs + 1, sizeof *x->present);
	x->chosen = xcalloc(x->ndocs + 1, sizeof *x->chosen);
	x->counted = xcalloc(x->ndocs + 1, sizeof *x->counted);
	for (size_t i = 0; i < x->ndocs; i++)
		x->doc_of[x->docs[i].id] = (int)i;
	return corpus_docs_filter(x->st, x->docs, x->ndocs, sel->docs ? sel->docs : &none,
	                          x->chosen, err);
}

static void ctx_codebook(struct agree_ctx *x)
{
	size_t nc = x->cb.ncodes;
	x->sel = xcalloc(nc + 1, sizeof *x->sel);
	for (size_t i = 0; i < nc; i++)
		if (x->cb.codes[i].id > x->max_code)
			x->max_code = x->cb.codes[i].id;
	x->sel_of = xmalloc(((size_t)x->max_code + 1) * sizeof *x->sel_of);
	x->code_at = xmalloc(((size_t)x->max_code + 1) * sizeof *x->code_at);
	for (int64_t i = 0; i <= x->max_code; i++)
		x->sel_of[i] = x->code_at[i] = -1;
	for (size_t i = 0; i < nc; i++)
		x->code_at[x->cb.codes[i].id] = (int)i;
}

int agree_ctx_begin(struct agree_ctx *x, struct store *st, const char *const *names, size_t n,
                    const struct agree_sel *sel, struct anker_err *err)
{
	memset(x, 0, sizeof *x);
	x->st = st;
	/* No read transaction around these: the listings open their own. */
	int rc = ctx_coders(x, names, n, err);
	if (!rc)
		rc = ctx_docs(x, sel, err);
	if (!rc && !(rc = codebook_load(x->st, 0, &x->cb, err)))
		ctx_codebook(x);
	return rc;
}

void team_agree_scope_free(struct team_agree_scope *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncompared; i++)
		free(s->compared[i]);
	for (size_t i = 0; i < s->nleft; i++) {
		free(s->left[i]);
		free(s->why[i]);
	}
	free(s->compared);
	free(s->left);
	free(s->why);
	memset(s, 0, sizeof *s);
}

/* "not coded by ben", "not coded by anna, ben and cem": the coders who
 * have no segment in a document (missing: bit i for coder i). */
static char *scope_why(const struct agree_ctx *x, uint64_t missing)
{
	struct strbuf sb = { 0 };
	size_t n = (size_t)popcount64(missing), k = 0;
	sb_adds(&sb, "not coded by ");
	for (size_t i = 0; i < x->ncoders; i++)
		if (missing & ((uint64_t)1 << i))
			sb_addf(&sb, "%s%s", k++ == 0 ? "" : k == n ? " and " : ", ", x->names[i]);
	return sb_steal(&sb);
}

/* SPEC §5's one rule: of the documents chosen, those every coder coded
 * in (or all of them with all_docs) are counted; the others are left out
 * and told why. */
bool agree_doc_counted(const struct agree_ctx *x, size_t d, bool all_docs)
{
	return x->chosen[d] && (all_docs || x->present[d] == agree_all(x->ncoders));
}

void agree_ctx_scope(struct agree_ctx *x, const struct agree_sel *sel,
                     struct team_agree_scope *scope)
{
	uint64_t all = agree_all(x->ncoders);
	if (scope)
		memset(scope, 0, sizeof *scope);
	for (size_t d = 0; d < x->ndocs; d++) {
		x->counted[d] = agree_doc_counted(x, d, sel->all_docs);
		if (!scope || !x->chosen[d])
			continue;
		if (x->counted[d]) {
			scope->compared = xreallocarray(scope->compared, scope->ncompared + 1,
			                                sizeof *scope->compared);
			scope->compared[scope->ncompared++] = xstrdup(x->docs[d].name);
		} else {
			scope->left = xreallocarray(scope->left, scope->nleft + 1, sizeof *scope->left);
			scope->why = xreallocarray(scope->why, scope->nleft + 1, sizeof *scope->why);
			scope->left[scope->nleft] = xstrdup(x->docs[d].name);
			scope->why[scope->nleft++] = scope_why(x, all & ~x->present[d]);
		}
	}
}

int agree_ctx_select(struct agree_ctx *x, const struct agree_sel *sel, const bool *used,
                     struct anker_err *err)
{
	size_t nc = x->cb.ncodes;
	int rc = ANKER_OK, u = sel->under ? codebook_find(&x->cb, sel->under, err) : -1;
	if (sel->under && u < 0)
		return err->status;
	/* --codes keeps the order given (the first time a code is named);
	 * the others tree order. */
	for (size_t k = 0; !rc && k < sel->ncodes; k++) {
		int c = codebook_find(&x->cb, sel->codes[k], err);
		if (c < 0)
			rc = err->status;
		else if (x->sel_of[x->cb.codes[c].id] < 0) {
			x->sel_of[x->cb.codes[c].id] = (int)x->nsel;
			x->sel[x->nsel++] = (size_t)c;
		}
	}
	for (size_t i = 0; !rc && !sel->ncodes && i < nc; i++)
		if (sel->under ? x->cb.codes[i].parent == u : used[i]) {
			x->sel_of[x->cb.codes[i].id] = (int)x->nsel;
			x->sel[x->nsel++] = i;
		}
	if (!rc && sel->under && !sel->ncodes && !x->nsel)
		rc = anker_err_set(err, ANKER_INPUT, "code '%s' has no subcodes", sel->under);
	return rc;
}

/* The first columns of both agreement tables, and a row's first cells:
 * selected code j's number and path (sb: scratch). */
void agree_code_cols(struct report_table *t)
{
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
}

void agree_code_cells(struct report_table *t, const struct agree_ctx *x, size_t j,
                      struct strbuf *sb)
{
	report_table_row(t);
	report_table_text(t, x->cb.codes[x->sel[j]].number);
	sb_reset(sb);
	codebook_path(&x->cb, x->sel[j], sb);
	report_table_text(t, sb_str(sb));
}

/* The last row: no code, label where the path goes. */
void agree_total_cells(struct report_table *t, const char *label)
{
	report_table_row(t);
	report_table_text(t, NULL);
	report_table_text(t, label);
}

/* The segment agreement's context: both coders' segments with their text
 * (for the list of disagreements), then the documents compared and the
 * codes (by default those used in them). */
static int ctx_open_segments(struct agree_ctx *x, struct store *st, const char *const *names,
                             const struct agree_sel *sel, struct team_agree_scope *scope,
                             struct anker_err *err)
{
	if (scope)
		memset(scope, 0, sizeof *scope);
	int rc = agree_ctx_begin(x, st, names, 2, sel, err);
	for (size_t i = 0; !rc && i < x->ncoders; i++) {
		struct coding_filter f = { .coder = x->names[i], .min_weight = -1, .with_text = true };
		rc = coding_segments_list(x->st, &f, &x->segs[i], &x->nsegs[i], err);
		for (size_t k = 0; !rc && k < x->nsegs[i]; k++)
			x->present[x->doc_of[x->segs[i][k].doc_id]] |= (uint64_t)1 << i;
	}
	if (rc)
		return rc;
	agree_ctx_scope(x, sel, scope);
	bool *used = xcalloc(x->cb.ncodes + 1, sizeof *used);
	for (size_t c = 0; c < x->ncoders; c++)
		for (size_t k = 0; k < x->nsegs[c]; k++) {
			const struct coding_segment *g = &x->segs[c][k];
			if (x->counted[x->doc_of[g->doc_id]] && g->code_id <= x->max_code &&
			    x->code_at[g->code_id] >= 0)
				used[x->code_at[g->code_id]] = true;
		}
	rc = agree_ctx_select(x, sel, used, err);
	free(used);
	if (rc)
		team_agree_scope_free(scope);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Segment agreement (MAXQDA).  Every segment of both coders is checked:
 * it agrees when the other coder has a segment of the same code in the
 * same document overlapping it by at least P % of their union.  So agree
 * counts segments of both coders, and percent is
 *   P_o = agree / (agree + only A + only B),
 * MAXQDA's "percentage of agreement".  Kappa is Brennan and Prediger's as
 * MAXQDA computes it for segments (MAXQDA manual, "Intercoder agreement":
 * chance agreement P_c = 1 / the number of categories, taken as the
 * number of codes in the results table), kappa = (P_o - P_c) / (1 - P_c);
 * undefined with a single code. */

static void seg_dis_row(struct report_table *dis, const struct agree_ctx *x,
                        const struct coding_segment *g)
{
	struct strbuf sb = {0};
	report_table_row(dis);
	report_table_text(dis, g->doc);
	corpus_pos_cell(&sb, g->para_first, g->para_last);
	report_table_text(dis, sb.buf);
	report_table_text(dis, g->code);
	report_table_text(dis, g->path);
	report_table_text(dis, g->coder);
	report_table_text(dis, g->text);
	(void)x;
	sb_free(&sb);
}

/* Segments by document, code and start, to find a segment's candidates
 * among the other coder's by binary search. */
static int seg_ptr_cmp(const void *a, const void *b)
{
	const struct coding_segment *x = *(const struct coding_segment *const *)a;
	const struct coding_segment *y = *(const struct coding_segment *const *)b;
	if (x->doc_id != y->doc_id)
		return x->doc_id < y->doc_id ? -1 : 1;
	if (x->code_id != y->code_id)
		return x->code_id < y->code_id ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Does a match one of by[0..n) (sorted by seg_ptr_cmp)?  Only the other
 * coder's segments of a's document and code that start before a ends can. */
static bool seg_hit(const struct coding_segment *a, const struct coding_segment *const *by,
                    size_t n, double p)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct coding_segment *b = by[mid];
		if (b->doc_id < a->doc_id || (b->doc_id == a->doc_id && b->code_id < a->code_id))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && by[lo]->doc_id == a->doc_id && by[lo]->code_id == a->code_id &&
	       by[lo]->start < a->end; lo++)
		if (team_segment_match(a, by[lo], p))
			return true;
	return false;
}

/* Check coder c's segments against the other's; count and list. */
static void seg_check(const struct agree_ctx *x, size_t c, double p, struct agree_seg_count *cnt,
                      struct report_table *dis)
{
	size_t o = 1 - c, n = x->nsegs[o];
	const struct coding_segment **by = xcalloc(n + 1, sizeof *by);
	for (size_t k = 0; k < n; k++)
		by[k] = &x->segs[o][k];
	if (n)
		qsort(by, n, sizeof *by, seg_ptr_cmp);
	for (size_t i = 0; i < x->nsegs[c]; i++) {
		const struct coding_segment *a = &x->segs[c][i];
		if (a->code_id > x->max_code || x->sel_of[a->code_id] < 0 ||
		    !x->counted[x->doc_of[a->doc_id]])
			continue;
		struct agree_seg_count *s = &cnt[x->sel_of[a->code_id]];
		if (seg_hit(a, by, n, p)) {
			s->agree++;
		} else {
			s->only[c]++;
			seg_dis_row(dis, x, a);
		}
	}
	free(by);
}

static void seg_row(struct report_table *t, const struct agree_seg_count *s, size_t ncodes)
{
	int64_t all = s->agree + s->only[0] + s->only[1];
	double po = all ? (double)s->agree / (double)all : NAN;
	report_table_int(t, s->agree);
	report_table_int(t, s->only[0]);
	report_table_int(t, s->only[1]);
	/* % as one division of counts (po * 100 would round twice) */
	report_table_float(t, all ? 100.0 * (double)s->agree / (double)all : NAN, 2);
	report_table_float(t, team_bp_kappa(po, ncodes), 3);
}

void agree_seg_table(const struct agree_ctx *x, const struct agree_seg_count *cnt,
                     struct report_table *t)
{
	struct strbuf sb = {0};
	struct agree_seg_count all = {0};
	agree_code_cols(t);
	report_table_col(t, "Agree", "agree", REPORT_COL_INT);
	sb_addf(&sb, "Only %s", x->names[0]);
	report_table_col(t, sb.buf, "only_a", REPORT_COL_INT);
	sb_reset(&sb);
	sb_addf(&sb, "Only %s", x->names[1]);
	report_table_col(t, sb.buf, "only_b", REPORT_COL_INT);
	report_table_col(t, "%", "percent", REPORT_COL_FLOAT);
	report_table_col(t, "κ", "kappa", REPORT_COL_FLOAT);
	for (size_t j = 0; j < x->nsel; j++) {
		agree_code_cells(t, x, j, &sb);
		seg_row(t, &cnt[j], x->nsel);
		all.agree += cnt[j].agree;
		all.only[0] += cnt[j].only[0];
		all.only[1] += cnt[j].only[1];
	}
	agree_total_cells(t, "(total)");
	seg_row(t, &all, x->nsel);
	sb_free(&sb);
}

int team_agree_segments(struct store *st, const struct team_agree_seg_opts *o,
                          struct report_table *t, struct report_table *dis,
                          struct team_agree_scope *scope, struct anker_err *err)
{
	if (scope)
		memset(scope, 0, sizeof *scope);
	if (!(o->min_overlap > 0 && o->min_overlap <= 100))
		return anker_err_set(err, ANKER_INPUT, "the minimum overlap must be above 0 and at "
		                     "most 100 (percent)");
	if (!dis)
		return agree_segments_count(st, o, t, scope, err);
	const char *names[2] = { o->a, o->b };
	struct agree_ctx x;
	struct agree_sel sel = { o->codes, o->ncodes, o->under, &o->docs, o->all_docs };
	int rc = ctx_open_segments(&x, st, names, &sel, scope, err);
	if (!rc) {
		struct agree_seg_count *cnt = xcalloc(x.nsel + 1, sizeof *cnt);
		report_table_col(dis, "Document", "document", REPORT_COL_TEXT);
		report_table_col(dis, "Pos.", "pos", REPORT_COL_TEXT);
		report_table_col(dis, "Code", "code", REPORT_COL_TEXT);
		report_table_col(dis, "Path", "path", REPORT_COL_PATH);
		report_table_col(dis, "Coder", "coder", REPORT_COL_TEXT);
		report_table_col(dis, "Text", "text", REPORT_COL_TEXT);
		seg_check(&x, 0, o->min_overlap, cnt, dis);
		seg_check(&x, 1, o->min_overlap, cnt, dis);
		agree_seg_table(&x, cnt, t);
		free(cnt);
	}
	agree_ctx_free(&x);
	return rc;
}
