/* tui/view_cooc.c — the co-occurrence matrix as a heat map (SPEC §5,
 * issue 4 item 8): rows "number name", columns numbered, each cell
 * colored by its value (a ramp on 256 colors, a few steps on 8, with
 * NO_COLOR the numbers alone, high ones bold); modes (o, ( and ) for
 * near:N), measure (%) and roll-up (R) switch in the view; h/j/k/l move
 * the cell cursor and scroll both ways.  Enter on a cell lists its segment
 * pairs (analysis_cooc_pairs: a second view, below), Enter on a pair goes
 * to the passage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../analysis/analysis.h"

#define COOC_CACHE 8

struct cooc_view {
	enum analysis_cooc_mode mode;
	unsigned near;
	enum analysis_measure measure;
	bool rollup;
	struct views_coders coders;
	struct analysis_cooc_result res;
	char **names;            /* per selected code: its own name */
	struct views_grid g;     /* the cell cursor (n × n) */
	/* The segments, read once, when a matrix is first counted (not when
	 * the project keeps it: analysis_cooc_run reads them): o, (, ), R and
	 * C count again from these (a million segments: 0.3-0.5 s each from
	 * the project).  Read again when the project changes (reload).  Ten
	 * million are too many to hold (280 MB): each matrix not kept in the
	 * project is then counted from it, with progress and Escape (the
	 * pass keeps the other modes it can count too: analysis/cooc_db.c's
	 * run_also). */
	struct analysis_cooc_rows rows;
	/* Matrices counted before, by their options (o, R and C cycle
	 * through a few): one asked for again is shown at once.  Emptied
	 * when the project changes.  res is one of them. */
	struct cooc_cached {
		char *key;
		struct analysis_cooc_result res;
	} cache[COOC_CACHE];
	size_t ncache;
};

static void cache_clear(struct cooc_view *c)
{
	for (size_t i = 0; i < c->ncache; i++) {
		free(c->cache[i].key);
		analysis_cooc_result_free(&c->cache[i].res);
	}
	c->ncache = 0;
	memset(&c->res, 0, sizeof c->res);
}

/* The options that make the matrix, as text. */
static void cache_key(struct tui *t, const struct cooc_view *c, struct strbuf *key)
{
	sb_addf(key, "%d %u %d %d %s", (int)c->mode, c->near, (int)c->rollup, (int)c->coders.mode,
	        c->coders.name);
	views_docs_say(t, key);
}

/* The matrix for the view's options: from the cache, else from the
 * project (kept there, or counted from the rows, read once) and kept, the
 * oldest dropped when it is full. */
static int cooc_count(struct tui *t, struct cooc_view *c, struct analysis_cooc_result *out,
                      struct anker_err *err)
{
	struct analysis_cooc_opts o = { .mode = c->mode, .near = c->near, .rollup = c->rollup,
	                               .coder = views_coders_one(&c->coders),
	                               .per_coder = c->coders.mode == VIEWS_CODERS_EACH,
	                               .docs = views_docs(t), .rows = &c->rows };
	struct strbuf key = { 0 };
	cache_key(t, c, &key);
	for (size_t i = 0; i < c->ncache; i++)
		if (strcmp(c->cache[i].key, sb_str(&key)) == 0) {
			*out = c->cache[i].res;
			sb_free(&key);
			return 0;
		}
	int rc = analysis_cooc_run(t->st, &o, out, err);
	if (rc) {
		sb_free(&key);
		return rc;
	}
	if (c->ncache == COOC_CACHE) {
		/* The oldest that is not on screen. */
		size_t drop = c->cache[0].res.counts == c->res.counts ? 1 : 0;
		free(c->cache[drop].key);
		analysis_cooc_result_free(&c->cache[drop].res);
		memmove(&c->cache[drop], &c->cache[drop + 1],
		        (COOC_CACHE - drop - 1) * sizeof c->cache[0]);
		c->ncache--;
	}
	c->cache[c->ncache++] = (struct cooc_cached){ .key = sb_steal(&key), .res = *out };
	return 0;
}

static void names_free(struct cooc_view *c)
{
	for (size_t i = 0; c->names && i < c->res.n; i++)
		free(c->names[i]);
	free(c->names);
	c->names = NULL;
}

/* The codes of the cursor cell, by path (ids change on undo). */
static void cursor_paths(const struct cooc_view *c, char *keep[2])
{
	size_t at[2] = { c->g.row, c->g.col };
	for (int k = 0; k < 2; k++)
		keep[k] = at[k] < c->res.n ? xstrdup(c->res.path[at[k]]) : NULL;
}

/* Count with the view's options; the cursor cell stays on the codes
 * keep names (freed). */
static int cooc_load_keep(struct tui *t, struct cooc_view *c, char *keep[2],
                          struct anker_err *err)
{
	struct analysis_cooc_result res;
	size_t *at[2] = { &c->g.row, &c->g.col };
	int rc = cooc_count(t, c, &res, err);
	if (rc) {
		free(keep[0]);
		free(keep[1]);
		return rc;
	}
	names_free(c);
	c->res = res;   /* the cache's */
	c->g.nrows = c->g.ncols = res.n;
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; keep[k] && i < res.n; i++)
			if (strcmp(res.path[i], keep[k]) == 0)
				*at[k] = i;
		free(keep[k]);
		if (*at[k] >= res.n)
			*at[k] = res.n ? res.n - 1 : 0;
	}
	c->names = xcalloc(res.n + 1, sizeof *c->names);
	for (size_t i = 0; i < res.n; i++) {
		const char *p = res.path[i], *q;
		while ((q = strstr(p, " >> ")))
			p = q + 4;
		c->names[i] = xstrdup(p);
	}
	return 0;
}

static int cooc_load(struct tui *t, struct cooc_view *c, struct anker_err *err)
{
	char *keep[2];
	cursor_paths(c, keep);
	return cooc_load_keep(t, c, keep, err);
}

static const char *mode_name(const struct cooc_view *c, char *buf, size_t n)
{
	switch (c->mode) {
	case ANALYSIS_COOC_OVERLAP: return "overlap";
	case ANALYSIS_COOC_NEAR: snprintf(buf, n, "near:%u", c->near); return buf;
	case ANALYSIS_COOC_PARAGRAPH: return "paragraph";
	case ANALYSIS_COOC_DOCUMENT: return "document";
	}
	return "";
}

static const char *measure_name(enum analysis_measure m)
{
	return m == ANALYSIS_MEASURE_COUNT ? "count" : m == ANALYSIS_MEASURE_JACCARD ? "jaccard" : "row %";
}

static int cooc_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct cooc_view *c = xcalloc(1, sizeof *c);
	c->mode = ANALYSIS_COOC_OVERLAP;
	c->near = 1;
	int rc = cooc_load(t, c, err);
	if (rc) {
		analysis_cooc_rows_free(&c->rows);
		free(c);
		v->priv = NULL;
		return rc;
	}
	v->priv = c;
	return 0;
}

static double value(const struct cooc_view *c, size_t i, size_t j)
{
	return analysis_cooc_value(c->res.counts, c->res.n, i, j, c->measure);
}

static void cell_text(const struct cooc_view *c, size_t i, size_t j, char buf[REPORT_NUMBER_MAX])
{
	if (c->measure == ANALYSIS_MEASURE_COUNT)
		snprintf(buf, REPORT_NUMBER_MAX, "%lld", (long long)c->res.counts[i * c->res.n + j]);
	else
		report_number(buf, value(c, i, j), c->measure == ANALYSIS_MEASURE_JACCARD ? 2 : 0, 0);
}

static void cooc_draw(struct tui *t, struct tui_view *v)
{
	struct cooc_view *c = v->priv;
	char mb[32];
	size_t n = c->res.n;
	struct strbuf title = { 0 };
	sb_addf(&title, "Co-occurrence: %s, %s%s, ", mode_name(c, mb, sizeof mb),
	        measure_name(c->measure), c->rollup ? ", rolled up" : "");
	views_coders_say(&c->coders, &title);
	views_docs_say(t, &title);
	sb_addf(&title, ", %zu code%s  (o mode, ( ) near, %% measure, R roll-up, C coders, "
	        "Enter: pairs)", n, n == 1 ? "" : "s");
	tui_draw_title(&v->r, sb_str(&title), true);
	sb_free(&title);
	if (!n) {
		tui_draw_text(v->r.y + 2, v->r.x + 1, v->r.w - 1, "(no coded segments)", 19, A_NORMAL);
		return;
	}
	/* Columns as wide as the longest number (at most 9), so none is cut. */
	int lw = v->r.w / 3 > 28 ? 28 : v->r.w / 3, cw = 6;
	for (size_t j = 0; j < n; j++) {
		int l = (int)strlen(*c->res.number[j] ? c->res.number[j] : c->names[j]) + 1;
		if (l > cw)
			cw = l > 10 ? 10 : l;
	}
	size_t rows = v->r.h > 2 ? (size_t)(v->r.h - 2) : 0;
	size_t cols = (size_t)((v->r.w - lw) / cw);
	views_grid_scroll(&c->g, rows, cols);
	double max = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (i != j && value(c, i, j) > max)
				max = value(c, i, j);
	int hy = v->r.y + 1;
	for (size_t j = c->g.left; j < n && j < c->g.left + cols; j++) {
		const char *h = *c->res.number[j] ? c->res.number[j] : c->names[j];
		int x = v->r.x + lw + (int)(j - c->g.left) * cw;
		tui_draw_text_cut(hy, x + 1, cw - 1, h, strlen(h), j == c->g.col ? A_REVERSE : A_BOLD);
	}
	for (size_t i = c->g.top; i < n && i < c->g.top + rows; i++) {
		int y = hy + 1 + (int)(i - c->g.top);
		struct strbuf sb = { 0 };
		if (*c->res.number[i])
			sb_addf(&sb, "%s ", c->res.number[i]);
		sb_adds(&sb, c->names[i]);
		tui_draw_text_cut(y, v->r.x + 1, lw - 2, sb_str(&sb), sb.len,
		                  i == c->g.row ? A_REVERSE : A_NORMAL);
		sb_free(&sb);
		for (size_t j = c->g.left; j < n && j < c->g.left + cols; j++) {
			char buf[REPORT_NUMBER_MAX];
			cell_text(c, i, j, buf);
			int x = v->r.x + lw + (int)(j - c->g.left) * cw;
			int attr = views_heat_attr(t, views_heat(value(c, i, j), max), i == j);
			if (i == c->g.row && j == c->g.col)
				attr = A_REVERSE | A_BOLD;
			char cellb[REPORT_NUMBER_MAX + 40];
			snprintf(cellb, sizeof cellb, "%*s ", cw - 1, buf);
			tui_draw_text(y, x, cw, cellb, strlen(cellb), attr);
		}
	}
}

/* Count again with the view's options (from the cache or the rows kept);
 * the cursor on the codes keep names. */
static void recount_keep(struct tui *t, struct cooc_view *c, char *keep[2])
{
	struct anker_err err = { 0 };
	if (!analysis_cooc_measure_ok(c->mode, c->measure))
		c->measure = ANALYSIS_MEASURE_COUNT;
	if (cooc_load_keep(t, c, keep, &err))
		tui_message(t, true, "%s", err.msg);
}

static void cooc_recount(struct tui *t, struct tui_view *v)
{
	char *keep[2];
	cursor_paths(v->priv, keep);
	recount_keep(t, v->priv, keep);
}

/* The project changed: its segments read again, nothing counted kept. */
static void cooc_reload(struct tui *t, struct tui_view *v)
{
	struct cooc_view *c = v->priv;
	char *keep[2];
	analysis_cooc_rows_free(&c->rows);
	cursor_paths(c, keep);
	names_free(c);
	cache_clear(c);
	recount_keep(t, c, keep);
}

static void cooc_pairs_open(struct tui *t, struct cooc_view *c);

static bool cooc_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct cooc_view *c = v->priv;
	if (views_grid_move(&c->g, a, v->r.h > 4 ? (size_t)(v->r.h - 3) : 1))
		return true;
	switch (a) {
	case TUI_ACT_COOC_MODE:
		c->mode = (enum analysis_cooc_mode)((c->mode + 1) % 4);
		break;
	case TUI_ACT_NEAR_MORE: case TUI_ACT_NEAR_LESS:
		if (c->mode != ANALYSIS_COOC_NEAR) {
			tui_message(t, true, "( and ) change N in mode near:N (o switches modes)");
			return true;
		}
		if (a == TUI_ACT_NEAR_MORE && c->near < 1000000)
			c->near++;
		else if (a == TUI_ACT_NEAR_LESS && c->near > 0)
			c->near--;
		break;
	case TUI_ACT_MEASURE:
		do
			c->measure = (enum analysis_measure)((c->measure + 1) % 3);
		while (!analysis_cooc_measure_ok(c->mode, c->measure));
		return true;
	case TUI_ACT_SUBCODES: c->rollup = !c->rollup; break;
	case TUI_ACT_CODERS:
		if (!views_coders_next(t, &c->coders, true))
			return true;
		break;
	case TUI_ACT_OPEN: cooc_pairs_open(t, c); return true;
	case TUI_ACT_COOC: return true;
	default: return false;
	}
	cooc_recount(t, v);
	return true;
}

static void cooc_close(struct tui_view *v)
{
	struct cooc_view *c = v->priv;
	if (!c)
		return;
	names_free(c);
	cache_clear(c);
	analysis_cooc_rows_free(&c->rows);
	free(c);
	v->priv = NULL;
}

/* :export: the matrix in the view's measure. */
static int cooc_table(struct tui *t, struct tui_view *v, struct report_table *out,
                      struct anker_err *err)
{
	struct cooc_view *c = v->priv;
	(void)t;
	(void)err;
	analysis_cooc_table(&c->res, c->measure, out);
	return 0;
}

const struct tui_view_ops tui_view_cooc_ops = {
	.name = "cooc",
	.open = cooc_open,
	.draw = cooc_draw,
	.key = cooc_key,
	.resize = NULL,
	.reload = cooc_reload,
	.close = cooc_close,
	.table = cooc_table,
};

/* ---------------------------------------------------------------------- */
/* The segment pairs of one cell. */

struct pairs_view {
	struct analysis_cooc_pairs_opts o;
	char a[64], b[64];       /* the codes: ids from the matrix, then GUIDs */
	char coder[128];         /* one coder's pairs ("": every coder's) */
	char title[256];
	bool gone;               /* a code went */
	struct cards cards;
};

static void cooc_pairs_open(struct tui *t, struct cooc_view *c)
{
	if (!c->res.n)
		return;
	struct pairs_view *p = xcalloc(1, sizeof *p);
	char mb[32];
	snprintf(p->a, sizeof p->a, "%lld", (long long)c->res.code_id[c->g.row]);
	snprintf(p->b, sizeof p->b, "%lld", (long long)c->res.code_id[c->g.col]);
	p->o = (struct analysis_cooc_pairs_opts){ .mode = c->mode, .near = c->near, .a = p->a,
	                                        .b = p->b, .rollup = c->rollup };
	if (views_coders_one(&c->coders)) {
		snprintf(p->coder, sizeof p->coder, "%s", c->coders.name);
		p->o.coder = p->coder;
	}
	p->o.per_coder = c->coders.mode == VIEWS_CODERS_EACH;
	snprintf(p->title, sizeof p->title, "%s x %s (%s)",
	         *c->res.number[c->g.row] ? c->res.number[c->g.row] : c->names[c->g.row],
	         *c->res.number[c->g.col] ? c->res.number[c->g.col] : c->names[c->g.col],
	         mode_name(c, mb, sizeof mb));
	tui_view_push(t, &tui_view_cooc_pairs_ops, p);
}

/* Load (again) the pairs of the two codes (by GUID); the cursor stays on
 * the pair at the same passage. */
static int pairs_load(struct tui *t, struct pairs_view *p, struct anker_err *err)
{
	struct analysis_cooc_pairs r;
	p->gone = views_code_find_guid(t, p->a) < 0 || views_code_find_guid(t, p->b) < 0;
	cards_refill(&p->cards);
	p->o.docs = views_docs(t);   /* :docs may have changed it */
	int rc = p->gone ? 0 : analysis_cooc_pairs(t->st, &p->o, &r, err);
	if (rc || p->gone) {
		cards_settle(&p->cards);
		return rc;
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct coding_segment *a = &r.segs[r.pairs[i].a], *b = &r.segs[r.pairs[i].b];
		size_t cp = a->start < b->start ? a->start : b->start;
		char key[37];
		/* The pair's identity: its first segment (unique with the second
		 * only, but enough to keep the cursor near). */
		snprintf(key, sizeof key, "%.36s", a->guid);
		struct card *k = cards_add(&p->cards, a->doc_id, a->doc, cp, key);
		struct strbuf sb = { 0 };
		corpus_citation(&sb, a->doc, a->para_first, a->para_last);
		sb_adds(&sb, "  +  ");
		corpus_citation(&sb, b->doc, b->para_first, b->para_last);
		cards_part(k, sb_str(&sb), A_BOLD, false);
		sb_reset(&sb);
		sb_addf(&sb, "%s%s%s (%s): %s", a->code, *a->code ? " " : "", a->path, a->coder,
		        a->text ? a->text : "");
		cards_part(k, sb_str(&sb), A_NORMAL, true);
		sb_reset(&sb);
		if (a == b) {   /* the diagonal: a segment with itself */
			sb_free(&sb);
			continue;
		}
		sb_addf(&sb, "%s%s%s (%s): %s", b->code, *b->code ? " " : "", b->path, b->coder,
		        b->text ? b->text : "");
		cards_part(k, sb_str(&sb), A_NORMAL, true);
		sb_free(&sb);
	}
	cards_settle(&p->cards);
	analysis_cooc_pairs_free(&r);
	return 0;
}

static int pairs_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct pairs_view *p = v->priv;
	/* The modules take code keys; the matrix's ids (as fresh as the code
	 * tree) become GUIDs here, which outlive reloads. */
	int ia = views_code_find(t, strtoll(p->a, NULL, 10));
	int ib = views_code_find(t, strtoll(p->b, NULL, 10));
	int rc = ia < 0 || ib < 0 ? anker_err_set(err, ANKER_NOTFOUND, "The code is gone") : 0;
	if (!rc) {
		snprintf(p->a, sizeof p->a, "%s", views_code_key(t, ia));
		snprintf(p->b, sizeof p->b, "%s", views_code_key(t, ib));
		p->cards.max_lines = 3;
		rc = pairs_load(t, p, err);
	}
	if (rc) {
		cards_free(&p->cards);
		free(p);
		v->priv = NULL;
	}
	return rc;
}

static void pairs_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (pairs_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

static void pairs_draw(struct tui *t, struct tui_view *v)
{
	struct pairs_view *p = v->priv;
	char title[400];
	snprintf(title, sizeof title, "Segment pairs (%zu) of %s%s  (Enter: go to, q: back)",
	         p->cards.n, p->title, p->gone ? " (a code is " TUI_GONE ")" : "");
	tui_draw_title(&v->r, title, true);
	struct tui_rect r = { v->r.y + 1, v->r.x, v->r.h - 1, v->r.w };
	cards_draw(t, &p->cards, &r, true);
}

static bool pairs_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct pairs_view *p = v->priv;
	if (cards_key(&p->cards, a, v->r.h))
		return true;
	if (a == TUI_ACT_OPEN) {
		cards_jump(t, &p->cards);
		return true;
	}
	return false;
}

static void pairs_close(struct tui_view *v)
{
	struct pairs_view *p = v->priv;
	if (!p)
		return;
	cards_free(&p->cards);
	free(p);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_cooc_pairs_ops = {
	.name = "cooc-pairs",
	.open = pairs_open,
	.draw = pairs_draw,
	.key = pairs_key,
	.resize = NULL,
	.reload = pairs_reload,
	.close = pairs_close,
};
