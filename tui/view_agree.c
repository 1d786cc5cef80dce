/* tui/view_agree.c — intercoder agreement (issue 6, TUI): the per-code
 * table of `anker agree` for two coders (first the two with the most
 * segments; C cycles the pair), units switched with U (char, paragraph,
 * document, segments with 90 % overlap), the pooled (or total) row last.
 * Enter on a code opens the side-by-side view (tui/view_compare.c) for
 * that code.  A unit's table is made when it is first shown (the view
 * opens, U, the pair or the project changes): from the counts the project
 * keeps (team/agree_cache.c), else counted, with progress on the foot line
 * and Escape to cancel (ten million segments: seconds).  Characters and
 * documents are counted together, in one read of the segments; paragraphs
 * and segments alone.  U on a unit made before only shows it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../report/report.h"
#include "../team/team.h"

enum { UNIT_CHAR, UNIT_PARAGRAPH, UNIT_DOCUMENT, UNIT_SEGMENTS, NUNITS };
_Static_assert(NUNITS == TEAM_AGREE_TABLES && UNIT_DOCUMENT == (int)TEAM_AGREE_DOCUMENT,
               "the units are team_agree_every's tables");
static const char *const unit_name[NUNITS] = { "char", "paragraph", "document",
                                               "segments 90%" };

#define AGREE_COLS 16

struct agree_view {
	struct team_coder_count *coders;
	size_t ncoders, a, b;        /* the pair: indices into coders */
	int unit;
	struct report_table tabs[NUNITS];   /* by unit, made when first shown */
	bool have[NUNITS];
	struct report_table tb;             /* = tabs[unit], shown */
	struct team_agree_scope scope;   /* the documents compared, left out */
	size_t col[AGREE_COLS];      /* table columns shown after the code */
	int w[AGREE_COLS];
	size_t ncol, ccode, cpath;
	size_t cur, top;
};

static size_t col_of(const struct report_table *tb, const char *key)
{
	for (size_t j = 0; j < tb->ncols; j++)
		if (strcmp(tb->keys[j], key) == 0)
			return j;
	return SIZE_MAX;
}

static const char *cell(const struct report_table *tb, size_t r, size_t c)
{
	if (c == SIZE_MAX || r >= tb->nrows)
		return "";
	return report_table_cell(tb, r, c);
}

/* "number\tpath" of the row under the cursor, to find it again. */
static void cursor_key(const struct agree_view *g, struct strbuf *keep)
{
	if (g->cur < g->tb.nrows)
		sb_addf(keep, "%s\t%s", cell(&g->tb, g->cur, g->ccode), cell(&g->tb, g->cur, g->cpath));
}

/* Show tabs[unit]: its columns measured, the cursor on keep's row. */
static void agree_show(struct agree_view *g, const struct strbuf *keep)
{
	struct report_table tb = g->tabs[g->unit];
	g->tb = tb;
	g->ccode = col_of(&tb, "code");
	g->cpath = col_of(&tb, "path");
	g->ncol = 0;
	for (size_t j = 0; j < tb.ncols && g->ncol < AGREE_COLS; j++) {
		if (j == g->ccode || j == g->cpath)
			continue;
		int w = (int)corpus_utf8_width(tb.headers[j], strlen(tb.headers[j]));
		for (size_t r = 0; r < tb.nrows; r++) {
			int cw = (int)strlen(cell(&tb, r, j));
			w = cw > w ? cw : w;
		}
		g->col[g->ncol] = j;
		g->w[g->ncol++] = w;
	}
	for (size_t r = 0; keep->len && r < tb.nrows; r++) {
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s\t%s", cell(&tb, r, g->ccode), cell(&tb, r, g->cpath));
		if (strcmp(sb_str(&sb), sb_str(keep)) == 0)
			g->cur = r;
		sb_free(&sb);
	}
	if (g->cur >= tb.nrows)
		g->cur = tb.nrows ? tb.nrows - 1 : 0;
}

static void tabs_free(struct agree_view *g)
{
	for (int u = 0; u < NUNITS; u++) {
		report_table_free(&g->tabs[u]);
		report_table_init(&g->tabs[u]);
		g->have[u] = false;
	}
	report_table_init(&g->tb);
}

/* The table of unit for the pair, shown; fresh (the pair or the project
 * changed): the other units' tables dropped.  The old tables stay on
 * error (Escape: "agree cancelled"). */
static int agree_load(struct tui *t, struct agree_view *g, int unit, bool fresh,
                      struct anker_err *err)
{
	const char *names[2] = { g->coders[g->a].name, g->coders[g->b].name };
	struct report_table tabs[NUNITS];
	struct team_agree_scope scope;
	/* Characters and documents are counted together (the read of the
	 * segments is most of their cost); paragraphs, which read every text,
	 * and segments, which group them by code and coder, alone, when shown. */
	bool want[NUNITS] = { 0 }, light = unit == UNIT_CHAR || unit == UNIT_DOCUMENT;
	for (int u = 0; u < NUNITS; u++)
		want[u] = u == unit || (light && (u == UNIT_CHAR || u == UNIT_DOCUMENT) &&
		                        (fresh || !g->have[u]));
	for (int u = 0; u < NUNITS; u++)
		report_table_init(&tabs[u]);
	struct team_agree_opts o = { .coders = names, .ncoders = 2 };
	if (team_agree_every(t->st, &o, 90, want, tabs, &scope, err)) {
		for (int u = 0; u < NUNITS; u++)
			report_table_free(&tabs[u]);
		return err->status;
	}
	struct strbuf keep = { 0 };
	cursor_key(g, &keep);
	if (fresh)
		tabs_free(g);
	for (int u = 0; u < NUNITS; u++) {
		if (!want[u])
			continue;
		report_table_free(&g->tabs[u]);
		g->tabs[u] = tabs[u];
		g->have[u] = true;
	}
	team_agree_scope_free(&g->scope);
	g->unit = unit;
	g->scope = scope;
	agree_show(g, &keep);
	sb_free(&keep);
	return 0;
}

static void agree_reload(struct tui *t, struct tui_view *v)
{
	struct agree_view *g = v->priv;
	struct anker_err err = { 0 };
	int rc = views_coders_rerank(t, &g->coders, &g->ncoders, &g->a, &g->b, &err);
	if (!rc && g->ncoders < 2) {
		tabs_free(g);
		g->ncol = 0;
		g->cur = 0;
	} else if (rc || agree_load(t, g, g->unit, true, &err))
		tui_message(t, true, "%s", err.msg);
}

static int agree_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct agree_view *g = xcalloc(1, sizeof *g);
	tabs_free(g);
	int rc = team_coders_ranked(t->st, &g->coders, &g->ncoders, err);
	if (!rc && g->ncoders < 2)
		rc = anker_err_set(err, ANKER_INPUT, "agreement needs two coders with segments");
	g->a = 0;
	g->b = 1;
	if (!rc)
		rc = agree_load(t, g, g->unit, true, err);
	if (rc) {
		team_coder_counts_free(g->coders, g->ncoders);
		tabs_free(g);
		free(g);
		v->priv = NULL;
		return rc;
	}
	v->priv = g;
	return 0;
}

/* "2.1 Name": the code's number and its own name (the path's last part). */
static void row_label(const struct agree_view *g, size_t r, struct strbuf *sb)
{
	const char *num = cell(&g->tb, r, g->ccode), *p = cell(&g->tb, r, g->cpath), *q;
	while ((q = strstr(p, " >> ")))
		p = q + 4;
	if (*num)
		sb_addf(sb, "%s ", num);
	sb_adds(sb, p);
}

static void agree_draw(struct tui *t, struct tui_view *v)
{
	struct agree_view *g = v->priv;
	(void)t;
	char title[300];
	if (g->ncoders < 2) {
		tui_draw_title(&v->r, "Agreement: fewer than two coders have segments now  (q: close)",
		               true);
		return;
	}
	snprintf(title, sizeof title, "Agreement %s / %s, unit %s, %zu document%s  (U unit, C coders, "
	         "Enter: side by side)", g->coders[g->a].name, g->coders[g->b].name,
	         unit_name[g->unit], g->scope.ncompared, g->scope.ncompared == 1 ? "" : "s");
	tui_draw_title(&v->r, title, true);
	/* The last line: the documents left out and why (SPEC §5). */
	int h = v->r.h - 2 - (g->scope.nleft > 0), nw = 0;
	if (g->scope.nleft) {
		struct strbuf sb = { 0 };
		sb_adds(&sb, "Left out:");
		for (size_t i = 0; i < g->scope.nleft; i++)
			sb_addf(&sb, "%s %s (%s)", i ? "," : "", g->scope.left[i], g->scope.why[i]);
		tui_draw_text(v->r.y + v->r.h - 1, v->r.x + 1, v->r.w - 1, sb_str(&sb), sb.len, A_DIM);
		sb_free(&sb);
	}
	for (size_t c = 0; c < g->ncol; c++)
		nw += g->w[c] + 1;
	int lw = v->r.w - nw - 1;
	if (lw > 40)
		lw = 40;
	if (lw < 8)
		lw = 8;
	if (h <= 0)
		return;
	int y = v->r.y + 1, x = v->r.x + lw + 1;
	tui_draw_text(y, v->r.x + 1, lw - 1, "Code", 4, A_BOLD);
	for (size_t c = 0; c < g->ncol && x < v->r.x + v->r.w; c++) {
		const char *hd = g->tb.headers[g->col[c]];
		int hw = (int)corpus_utf8_width(hd, strlen(hd));
		tui_draw_text(y, x + g->w[c] - hw, v->r.x + v->r.w - (x + g->w[c] - hw), hd, strlen(hd),
		              A_BOLD);
		x += g->w[c] + 1;
	}
	if (g->cur < g->top)
		g->top = g->cur;
	if (g->cur >= g->top + (size_t)h)
		g->top = g->cur - (size_t)h + 1;
	for (int i = 0; i < h && g->top + (size_t)i < g->tb.nrows; i++) {
		size_t r = g->top + (size_t)i;
		int attr = r == g->cur ? A_REVERSE : r + 1 == g->tb.nrows ? A_BOLD : A_NORMAL;
		y = v->r.y + 2 + i;
		struct strbuf sb = { 0 };
		row_label(g, r, &sb);
		tui_fill(y, v->r.x, lw, attr);
		tui_draw_text_cut(y, v->r.x + 1, lw - 1, sb_str(&sb), sb.len, attr);
		sb_free(&sb);
		x = v->r.x + lw + 1;
		for (size_t c = 0; c < g->ncol && x < v->r.x + v->r.w; c++) {
			char buf[64];
			snprintf(buf, sizeof buf, "%*s", g->w[c], cell(&g->tb, r, g->col[c]));
			tui_draw_text(y, x, v->r.x + v->r.w - x, buf, strlen(buf), attr & A_BOLD);
			x += g->w[c] + 1;
		}
	}
}

/* Enter: the side-by-side view of the pair, for the current row's code. */
static void agree_compare(struct tui *t, struct agree_view *g)
{
	struct compare_arg *arg = xcalloc(1, sizeof *arg);
	arg->a = xstrdup(g->coders[g->a].name);
	arg->b = xstrdup(g->coders[g->b].name);
	int i = views_code_find_path(t, cell(&g->tb, g->cur, g->ccode),
	                             cell(&g->tb, g->cur, g->cpath));
	if (i >= 0)
		memcpy(arg->code, t->codes.cb.codes[i].guid, sizeof arg->code);
	tui_view_push(t, &tui_view_compare_ops, arg);
}

static bool agree_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct agree_view *g = v->priv;
	struct anker_err err = { 0 };
	if (g->ncoders < 2 && (a == TUI_ACT_AGREE_UNIT || a == TUI_ACT_CODERS || a == TUI_ACT_OPEN))
		return true;         /* after a reload: nothing to agree on */
	if (tui_list_move(a, v->r.h, g->tb.nrows, &g->cur))
		return true;
	switch (a) {
	case TUI_ACT_AGREE_UNIT: {
		int next = (g->unit + 1) % NUNITS;
		struct strbuf keep = { 0 };
		if (!g->have[next]) {
			if (agree_load(t, g, next, false, &err))
				tui_message(t, true, "%s", err.msg);
			return true;
		}
		cursor_key(g, &keep);
		g->unit = next;
		agree_show(g, &keep);
		sb_free(&keep);
		return true;
	}
	case TUI_ACT_CODERS: {
		/* The next pair; kept on error. */
		size_t oa = g->a, ob = g->b;
		if (!views_coders_pair_next(t, g->coders, g->ncoders, &g->a, &g->b))
			return true;
		if (agree_load(t, g, g->unit, true, &err)) {
			tui_message(t, true, "%s", err.msg);
			g->a = oa;
			g->b = ob;
		}
		return true;
	}
	case TUI_ACT_OPEN:
		if (g->tb.nrows)
			agree_compare(t, g);
		return true;
	case TUI_ACT_AGREE:
		return true;
	default:
		return false;
	}
	return true;
}

static void agree_close(struct tui_view *v)
{
	struct agree_view *g = v->priv;
	if (!g)
		return;
	tabs_free(g);
	team_agree_scope_free(&g->scope);
	team_coder_counts_free(g->coders, g->ncoders);
	free(g);
	v->priv = NULL;
}

/* :export: the agreement table as loaded. */
static int agree_table(struct tui *t, struct tui_view *v, struct report_table *out,
                       struct anker_err *err)
{
	struct agree_view *g = v->priv;
	(void)t;
	(void)err;
	views_table_copy(&g->tb, out);
	return 0;
}

const struct tui_view_ops tui_view_agree_ops = {
	.name = "agreement",
	.open = agree_open,
	.draw = agree_draw,
	.key = agree_key,
	.resize = NULL,
	.reload = agree_reload,
	.close = agree_close,
	.table = agree_table,
};
