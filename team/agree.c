/* team/agree.c — intercoder agreement over units: characters,
 * paragraphs or documents, each coded or not with a code by each coder.
 *
 * A document holds millions of characters, so units are never listed one
 * by one: per document and code the coders' segment boundaries are swept
 * once, and each run of units with one coded state (which coders coded
 * it) is added with its length as weight.  Paragraph and document units
 * are the same sweep in other coordinates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../codebook/codebook.h"
#include "../corpus/corpus.h"
#include "team.h"
#include "../coding/coding.h"

static int popcount64(uint64_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

void team_agree_add(struct team_agree_stats *s, size_t ncoders, uint64_t present,
                      uint64_t coded, int64_t weight, bool ignore_uncoded)
{
	uint64_t all = ncoders >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << ncoders) - 1;
	coded &= present;
	if (weight <= 0 || (ignore_uncoded && !coded))
		return;
	double m = popcount64(present), a = popcount64(coded), b = m - a, w = (double)weight;
	if (m >= 2) {
		s->o11 += w * a * (a - 1) / (m - 1);
		s->o00 += w * b * (b - 1) / (m - 1);
		s->o01 += w * a * b / (m - 1);
	}
	if ((present & all) != all)
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
	s->pair_agree += w * (a * (a - 1) + b * (b - 1)) / (m * (m - 1));
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

void team_agree_sum(struct team_agree_stats *into, const struct team_agree_stats *s)
{
	into->units += s->units;
	into->agree += s->agree;
	for (size_t i = 0; i < TEAM_AGREE_MAX_CODERS; i++)
		into->coded[i] += s->coded[i];
	into->n11 += s->n11;
	into->n10 += s->n10;
	into->n01 += s->n01;
	into->n00 += s->n00;
	into->pair_agree += s->pair_agree;
	into->o00 += s->o00;
	into->o01 += s->o01;
	into->o11 += s->o11;
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

double team_agree_bp(const struct team_agree_stats *s)
{
	return s->units ? team_bp_kappa(s->pair_agree / (double)s->units, 2) : NAN;
}

double team_agree_alpha(const struct team_agree_stats *s)
{
	return team_alpha_binary(s->o00, s->o01, s->o11);
}

/* ---------------------------------------------------------------------- */
/* The project's side: coders, codes, documents and segments. */

struct agree_ctx {
	struct store *st;
	size_t ncoders;
	const char *const *names;       /* = namev: the coders' names as stored */
	const char *namev[TEAM_AGREE_MAX_CODERS];
	struct strbuf canon[TEAM_AGREE_MAX_CODERS];
	struct codebook cb;
	size_t *sel, nsel;              /* selected codes: indices into cb */
	int *sel_of;                    /* code row id -> position in sel, or -1 */
	int64_t max_code;
	struct corpus_doc *docs;
	size_t ndocs;
	int *doc_of;                    /* document row id -> index in docs */
	int64_t max_doc;
	uint64_t *present;              /* per document: the coders who coded in it */
	bool *counted;                  /* per document: compared (SPEC §5) */
	struct coding_segment *segs[TEAM_AGREE_MAX_CODERS];
	size_t nsegs[TEAM_AGREE_MAX_CODERS];
};

/* What both kinds of agreement choose: codes and documents. */
struct agree_sel {
	const char *const *codes;
	size_t ncodes;
	const char *under;
	const struct corpus_doc_filter *docs;
	bool all_docs;
};

static void ctx_free(struct agree_ctx *x)
{
	codebook_free(&x->cb);
	free(x->sel);
	free(x->sel_of);
	corpus_docs_free(x->docs, x->ndocs);
	free(x->doc_of);
	free(x->present);
	free(x->counted);
	for (size_t i = 0; i < TEAM_AGREE_MAX_CODERS; i++)
		sb_free(&x->canon[i]);
	for (size_t i = 0; i < x->ncoders; i++)
		coding_segments_free(x->segs[i], x->nsegs[i]);
}

/* The coders given (names), found as coding_coder_find finds them; their
 * names as stored from then on. */
static int ctx_coders(struct agree_ctx *x, const char *const *names, size_t n, bool text,
                      struct anker_err *err)
{
	if (n < 2)
		return anker_err_set(err, ANKER_INPUT, "agreement needs two coders or more");
	if (n > TEAM_AGREE_MAX_CODERS)
		return anker_err_set(err, ANKER_INPUT, "at most %d coders", TEAM_AGREE_MAX_CODERS);
	x->names = x->namev;
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		if (coding_coder_find(x->st, names[i], &id, &x->canon[i], err))
			return err->status;
		x->namev[i] = sb_str(&x->canon[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(x->namev[i], x->namev[j]) == 0)
				return anker_err_set(err, ANKER_INPUT, "coder '%s' given twice",
				                     x->namev[i]);
	}
	for (size_t i = 0; i < n; i++) {
		struct coding_filter f = { .coder = x->names[i], .min_weight = -1, .with_text = text };
		if (store_progress("agree", i, n, err) ||
		    coding_segments_list(x->st, &f, &x->segs[i], &x->nsegs[i], err))
			return err->status;
		x->ncoders++;
	}
	return ANKER_OK;
}

static int ctx_docs(struct agree_ctx *x, struct anker_err *err)
{
	if (corpus_docs_list(x->st, &x->docs, &x->ndocs, err))
		return err->status;
	for (size_t i = 0; i < x->ndocs; i++)
		if (x->docs[i].id > x->max_doc)
			x->max_doc = x->docs[i].id;
	x->doc_of = xcalloc((size_t)x->max_doc + 1, sizeof *x->doc_of);
	x->present = xcalloc(x->ndocs + 1, sizeof *x->present);
	for (size_t i = 0; i < x->ndocs; i++)
		x->doc_of[x->docs[i].id] = (int)i;
	for (size_t c = 0; c < x->ncoders; c++)
		for (size_t k = 0; k < x->nsegs[c]; k++)
			x->present[x->doc_of[x->segs[c][k].doc_id]] |= (uint64_t)1 << c;
	return ANKER_OK;
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
static int ctx_scope(struct agree_ctx *x, const struct agree_sel *sel,
                     struct team_agree_scope *scope, struct anker_err *err)
{
	static const struct corpus_doc_filter none = { 0 };
	uint64_t all = x->ncoders >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << x->ncoders) - 1;
	bool *chosen = xcalloc(x->ndocs + 1, sizeof *chosen);
	x->counted = xcalloc(x->ndocs + 1, sizeof *x->counted);
	int rc = corpus_docs_filter(x->st, x->docs, x->ndocs, sel->docs ? sel->docs : &none, chosen,
	                            err);
	for (size_t d = 0; !rc && d < x->ndocs; d++) {
		if (!chosen[d])
			continue;
		x->counted[d] = sel->all_docs || x->present[d] == all;
		if (!scope)
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
	free(chosen);
	return rc;
}

/* The selected codes: codes (in the order given, duplicates dropped), or
 * under's children, else every code one of the coders used in the
 * documents compared. */
static int ctx_codes(struct agree_ctx *x, const char *const *codes, size_t ncodes,
                     const char *under, struct anker_err *err)
{
	if (codebook_load(x->st, 0, &x->cb, err))
		return err->status;
	size_t nc = x->cb.ncodes;
	bool *used = xcalloc(nc + 1, sizeof *used);
	x->sel = xcalloc(nc + 1, sizeof *x->sel);
	for (size_t i = 0; i < nc; i++)
		if (x->cb.codes[i].id > x->max_code)
			x->max_code = x->cb.codes[i].id;
	x->sel_of = xmalloc(((size_t)x->max_code + 1) * sizeof *x->sel_of);
	for (int64_t i = 0; i <= x->max_code; i++)
		x->sel_of[i] = -1;
	int rc = ANKER_OK, u = under ? codebook_find(&x->cb, under, err) : -1;
	if (under && u < 0)
		rc = err->status;
	for (size_t k = 0; !rc && k < ncodes; k++) {
		int c = codebook_find(&x->cb, codes[k], err);
		if (c < 0)
			rc = err->status;
		else
			used[c] = true;
	}
	for (size_t i = 0; under && !rc && i < nc; i++)
		used[i] = x->cb.codes[i].parent == u;
	for (size_t c = 0; !ncodes && !under && c < x->ncoders; c++)
		for (size_t k = 0; k < x->nsegs[c]; k++)
			for (size_t i = 0; x->counted[x->doc_of[x->segs[c][k].doc_id]] && i < nc; i++)
				if (x->cb.codes[i].id == x->segs[c][k].code_id)
					used[i] = true;
	/* --codes keeps the order given; the others tree order. */
	for (size_t k = 0; !rc && ncodes && k < ncodes; k++) {
		int c = codebook_find(&x->cb, codes[k], err);
		if (x->sel_of[x->cb.codes[c].id] < 0) {
			x->sel_of[x->cb.codes[c].id] = (int)x->nsel;
			x->sel[x->nsel++] = (size_t)c;
		}
	}
	for (size_t i = 0; !rc && !ncodes && i < nc; i++)
		if (used[i]) {
			x->sel_of[x->cb.codes[i].id] = (int)x->nsel;
			x->sel[x->nsel++] = i;
		}
	if (!rc && under && !x->nsel)
		rc = anker_err_set(err, ANKER_INPUT, "code '%s' has no subcodes", under);
	free(used);
	return rc;
}

static int ctx_open(struct agree_ctx *x, struct store *st, const char *const *names, size_t n,
                    const struct agree_sel *sel, bool text, struct team_agree_scope *scope,
                    struct anker_err *err)
{
	memset(x, 0, sizeof *x);
	if (scope)
		memset(scope, 0, sizeof *scope);
	x->st = st;
	/* No read transaction around these: the listings open their own. */
	int rc = ctx_coders(x, names, n, text, err);
	if (!rc)
		rc = ctx_docs(x, err);
	if (!rc)
		rc = ctx_scope(x, sel, scope, err);
	if (!rc)
		rc = ctx_codes(x, sel->codes, sel->ncodes, sel->under, err);
	if (rc)
		team_agree_scope_free(scope);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Agreement over units. */

struct unit_span {
	size_t doc, sel;
	struct team_agree_span span;
};

static int unit_span_cmp(const void *a, const void *b)
{
	const struct unit_span *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return x->sel < y->sel ? -1 : x->sel > y->sel;
}

/* Every selected segment in unit coordinates, by document and code. */
static size_t unit_spans(const struct agree_ctx *x, enum team_agree_unit unit,
                         struct unit_span **out)
{
	size_t n = 0, cap = 0;
	struct unit_span *v = NULL;
	for (size_t c = 0; c < x->ncoders; c++)
		for (size_t k = 0; k < x->nsegs[c]; k++) {
			const struct coding_segment *g = &x->segs[c][k];
			if (g->code_id > x->max_code || x->sel_of[g->code_id] < 0)
				continue;
			if (n == cap)
				v = xreallocarray(v, cap = cap ? 2 * cap : 64, sizeof *v);
			struct unit_span *u = &v[n++];
			u->doc = (size_t)x->doc_of[g->doc_id];
			u->sel = (size_t)x->sel_of[g->code_id];
			u->span.coder = (uint32_t)c;
			u->span.start = unit == TEAM_AGREE_CHAR ? (int64_t)g->start
			                : unit == TEAM_AGREE_PARAGRAPH ? (int64_t)g->para_first - 1 : 0;
			u->span.end = unit == TEAM_AGREE_CHAR ? (int64_t)g->end
			              : unit == TEAM_AGREE_PARAGRAPH ? (int64_t)g->para_last : 1;
		}
	if (n)   /* qsort(NULL, 0) is undefined: no code selected, no segment */
		qsort(v, n, sizeof *v, unit_span_cmp);
	*out = v;
	return n;
}

/* Paragraph units are the paragraphs with text (SPEC §5): rank[k] counts
 * those among paragraphs 1..k (rank[0] = 0), so that the paragraphs
 * [a, b) (0-based) are the units [rank[a], rank[b]); *n: the paragraphs. */
static int para_ranks(struct store *st, int64_t doc_id, size_t **rank, size_t *n,
                      struct anker_err *err)
{
	char *text;
	size_t len;
	struct corpus_text idx;
	if (corpus_doc_text(st, doc_id, &text, &len, err))
		return err->status;
	corpus_text_index(&idx, text, len);
	size_t *r = xmalloc((idx.nlines + 1) * sizeof *r);
	r[0] = 0;
	for (size_t k = 1; k <= idx.nlines; k++) {
		size_t a, b;
		corpus_text_para_range(&idx, k, &a, &b);
		a = corpus_text_byte(&idx, a);
		b = corpus_text_byte(&idx, b);
		r[k] = r[k - 1] + !coding_text_blank(text + a, b - a);
	}
	*n = idx.nlines;
	*rank = r;
	corpus_text_free(&idx);
	free(text);
	return ANKER_OK;
}

static int64_t ranked(const size_t *rank, size_t n, int64_t para)
{
	return (int64_t)rank[para < 0 ? 0 : (size_t)para > n ? n : (size_t)para];
}

/* Every coder is present in every document counted: one who coded
 * nothing in it is there only with all_docs, and then codes nothing. */
static int agree_count(const struct agree_ctx *x, const struct team_agree_opts *o,
                       struct team_agree_stats *stats, struct anker_err *err)
{
	uint64_t all = x->ncoders >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << x->ncoders) - 1;
	struct unit_span *v;
	size_t n = unit_spans(x, o->unit, &v), k = 0;
	struct team_agree_span *spans = xmalloc((n + 1) * sizeof *spans);
	bool filled = o->unit == TEAM_AGREE_PARAGRAPH && !o->blank_units;
	int rc = ANKER_OK;
	for (size_t d = 0; !rc && d < x->ndocs; d++) {
		if ((rc = store_progress("agree", d, x->ndocs, err)))
			break;
		int64_t len = o->unit == TEAM_AGREE_CHAR ? (int64_t)x->docs[d].chars
		              : o->unit == TEAM_AGREE_PARAGRAPH ? (int64_t)x->docs[d].paragraphs : 1;
		size_t *rank = NULL, np = 0;
		if (x->counted[d] && filled && !(rc = para_ranks(x->st, x->docs[d].id, &rank, &np, err)))
			len = (int64_t)rank[np];
		for (size_t j = 0; !rc && j < x->nsel; j++) {
			size_t m = 0;
			for (; k < n && v[k].doc == d && v[k].sel == j; k++) {
				spans[m] = v[k].span;
				if (rank) {
					spans[m].start = ranked(rank, np, spans[m].start);
					spans[m].end = ranked(rank, np, spans[m].end);
				}
				m++;
			}
			if (x->counted[d])
				team_agree_sweep(&stats[j], x->ncoders, all, spans, m, len,
				                   o->ignore_uncoded);
		}
		free(rank);
	}
	free(spans);
	free(v);
	return rc;
}

static void agree_row(struct report_table *t, const struct team_agree_stats *s, size_t ncoders)
{
	report_table_int(t, s->units);
	for (size_t i = 0; i < ncoders; i++)
		report_table_int(t, s->coded[i]);
	report_table_int(t, s->agree);
	report_table_float(t, team_agree_percent(s), 2);
	report_table_float(t, team_agree_cohen(s, ncoders), 3);
	report_table_float(t, team_agree_bp(s), 3);
	report_table_float(t, team_agree_alpha(s), 3);
}

/* The first columns of both agreement tables, and a row's first cells:
 * selected code j's number and path (sb: scratch). */
static void code_cols(struct report_table *t)
{
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
}

static void code_cells(struct report_table *t, const struct agree_ctx *x, size_t j,
                       struct strbuf *sb)
{
	report_table_row(t);
	report_table_text(t, x->cb.codes[x->sel[j]].number);
	sb_reset(sb);
	codebook_path(&x->cb, x->sel[j], sb);
	report_table_text(t, sb_str(sb));
}

/* The last row: no code, label where the path goes. */
static void total_cells(struct report_table *t, const char *label)
{
	report_table_row(t);
	report_table_text(t, NULL);
	report_table_text(t, label);
}

static void agree_table(const struct agree_ctx *x, const struct team_agree_stats *stats,
                        struct report_table *t)
{
	struct strbuf sb = {0};
	struct team_agree_stats all = {0};
	code_cols(t);
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
		code_cells(t, x, j, &sb);
		agree_row(t, &stats[j], x->ncoders);
		team_agree_sum(&all, &stats[j]);
	}
	total_cells(t, "(pooled)");
	agree_row(t, &all, x->ncoders);
	sb_free(&sb);
}

int team_agree(struct store *st, const struct team_agree_opts *o, struct report_table *t,
                 struct team_agree_scope *scope, struct anker_err *err)
{
	struct agree_ctx x;
	struct agree_sel sel = { o->codes, o->ncodes, o->under, &o->docs, o->all_docs };
	int rc = ctx_open(&x, st, o->coders, o->ncoders, &sel, false, scope, err);
	if (!rc) {
		struct team_agree_stats *stats = xcalloc(x.nsel + 1, sizeof *stats);
		if (!(rc = agree_count(&x, o, stats, err)))
			agree_table(&x, stats, t);
		else
			team_agree_scope_free(scope);
		free(stats);
	}
	ctx_free(&x);
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

struct seg_count {
	int64_t agree, only[2];
};

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

/* Check coder c's segments against the other's; count and list. */
static void seg_check(const struct agree_ctx *x, size_t c, double p, struct seg_count *cnt,
                      struct report_table *dis)
{
	size_t o = 1 - c;
	for (size_t i = 0; i < x->nsegs[c]; i++) {
		const struct coding_segment *a = &x->segs[c][i];
		if (a->code_id > x->max_code || x->sel_of[a->code_id] < 0 ||
		    !x->counted[x->doc_of[a->doc_id]])
			continue;
		bool hit = false;
		/* Both lists are in document order; a linear scan per segment
		 * is plenty for the few hundred segments a team compares. */
		for (size_t k = 0; !hit && k < x->nsegs[o]; k++)
			hit = team_segment_match(a, &x->segs[o][k], p);
		struct seg_count *s = &cnt[x->sel_of[a->code_id]];
		if (hit) {
			s->agree++;
		} else {
			s->only[c]++;
			seg_dis_row(dis, x, a);
		}
	}
}

static void seg_row(struct report_table *t, const struct seg_count *s, size_t ncodes)
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

static void seg_tables(const struct agree_ctx *x, const struct seg_count *cnt,
                       struct report_table *t)
{
	struct strbuf sb = {0};
	struct seg_count all = {0};
	code_cols(t);
	report_table_col(t, "Agree", "agree", REPORT_COL_INT);
	sb_addf(&sb, "Only %s", x->names[0]);
	report_table_col(t, sb.buf, "only_a", REPORT_COL_INT);
	sb_reset(&sb);
	sb_addf(&sb, "Only %s", x->names[1]);
	report_table_col(t, sb.buf, "only_b", REPORT_COL_INT);
	report_table_col(t, "%", "percent", REPORT_COL_FLOAT);
	report_table_col(t, "κ", "kappa", REPORT_COL_FLOAT);
	for (size_t j = 0; j < x->nsel; j++) {
		code_cells(t, x, j, &sb);
		seg_row(t, &cnt[j], x->nsel);
		all.agree += cnt[j].agree;
		all.only[0] += cnt[j].only[0];
		all.only[1] += cnt[j].only[1];
	}
	total_cells(t, "(total)");
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
	const char *names[2] = { o->a, o->b };
	struct agree_ctx x;
	struct agree_sel sel = { o->codes, o->ncodes, o->under, &o->docs, o->all_docs };
	int rc = ctx_open(&x, st, names, 2, &sel, true, scope, err);
	if (!rc) {
		struct seg_count *cnt = xcalloc(x.nsel + 1, sizeof *cnt);
		report_table_col(dis, "Document", "document", REPORT_COL_TEXT);
		report_table_col(dis, "Pos.", "pos", REPORT_COL_TEXT);
		report_table_col(dis, "Code", "code", REPORT_COL_TEXT);
		report_table_col(dis, "Path", "path", REPORT_COL_PATH);
		report_table_col(dis, "Coder", "coder", REPORT_COL_TEXT);
		report_table_col(dis, "Text", "text", REPORT_COL_TEXT);
		seg_check(&x, 0, o->min_overlap, cnt, dis);
		seg_check(&x, 1, o->min_overlap, cnt, dis);
		seg_tables(&x, cnt, t);
		free(cnt);
	}
	ctx_free(&x);
	return rc;
}
