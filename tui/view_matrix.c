/* tui/view_matrix.c — the code matrix (MAXQDA's Code Matrix Browser,
 * issue 13): segments per code (rows, "number name") and document
 * (columns, by name) as a heat map, a Total column last; roll-up (R), the
 * coder (C) and :docs as in F and O.  Enter on a cell lists its segments
 * (the code in that document; on Total, in every document). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../analysis/analysis.h"

struct matrix_view {
	bool rollup;
	struct views_coders coders;
	/* The counts, not a table of their texts: 2,000 documents make
	 * 400,000 cells, of which a screen shows a few hundred. */
	struct analysis_matrix mx;
	int64_t *total;          /* per row: the Total column */
	char **labels;           /* per row: "number name" */
	struct views_grid g;     /* rows: codes; columns: documents and Total */
	double max;              /* the largest document cell (Total counts all): the heat's scale */
};

static void matrix_drop(struct matrix_view *m)
{
	for (size_t i = 0; m->labels && i < m->mx.nrows; i++)
		free(m->labels[i]);
	free(m->labels);
	m->labels = NULL;
	free(m->total);
	m->total = NULL;
	analysis_matrix_free(&m->mx);
}

static struct analysis_matrix_opts matrix_opts(struct tui *t, const struct matrix_view *m)
{
	return (struct analysis_matrix_opts){ .cols = ANALYSIS_COLS_DOC, .rollup = m->rollup,
	                                      .coder = views_coders_one(&m->coders),
	                                      .docs = views_docs(t) };
}

static int matrix_table(struct tui *t, struct tui_view *v, struct report_table *out,
                        struct anker_err *err)
{
	struct analysis_matrix_opts o = matrix_opts(t, v->priv);
	return analysis_matrix(t->st, &o, out, NULL, err);
}

/* Row r's count in grid column c (the last: Total). */
static int64_t count(const struct matrix_view *m, size_t r, size_t c)
{
	return c < m->mx.ncols ? m->mx.cell[r * m->mx.ncols + c] : m->total[r];
}

/* Load (again); the cursor stays on its code (path) and document (name). */
static int matrix_load(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct matrix_view *m = v->priv;
	struct analysis_matrix mx;
	struct analysis_matrix_opts o = matrix_opts(t, m);
	int rc = analysis_matrix_counts(t->st, &o, &mx, err);
	if (rc)
		return rc;
	char *path = m->g.row < m->mx.nrows ? xstrdup(m->mx.paths[m->g.row]) : NULL;
	char *doc = m->g.col < m->mx.ncols ? xstrdup(m->mx.cols[m->g.col]) : NULL;
	bool at_total = m->mx.cols && m->g.col >= m->mx.ncols;
	matrix_drop(m);
	m->mx = mx;
	m->g.nrows = mx.nrows;
	m->g.ncols = mx.ncols + 1;   /* and Total */
	if (at_total)
		m->g.col = mx.ncols;
	m->labels = xcalloc(mx.nrows + 1, sizeof *m->labels);
	m->total = xcalloc(mx.nrows + 1, sizeof *m->total);
	/* The heat's scale once per load, not per frame. */
	m->max = 0;
	for (size_t r = 0; r < mx.nrows; r++) {
		const char *p = mx.paths[r], *q;
		while ((q = strstr(p, " >> ")))
			p = q + 4;
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s%s%s", mx.numbers[r], *mx.numbers[r] ? " " : "", p);
		m->labels[r] = sb_steal(&sb);
		if (path && strcmp(mx.paths[r], path) == 0)
			m->g.row = r;
		for (size_t c = 0; c < mx.ncols; c++) {
			int64_t n = mx.cell[r * mx.ncols + c];
			m->total[r] += n;
			if ((double)n > m->max)
				m->max = (double)n;
		}
	}
	for (size_t c = 0; doc && c < mx.ncols; c++)
		if (strcmp(mx.cols[c], doc) == 0)
			m->g.col = c;
	free(path);
	free(doc);
	return 0;
}

static void matrix_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (matrix_load(t, v, &err))
		tui_message(t, true, "%s", err.msg);
}

static int matrix_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct matrix_view *m = xcalloc(1, sizeof *m);
	v->priv = m;
	int rc = matrix_load(t, v, err);
	if (rc) {
		matrix_drop(m);
		free(m);
		v->priv = NULL;
	}
	return rc;
}

static void matrix_title(struct tui *t, struct tui_view *v)
{
	struct matrix_view *m = v->priv;
	size_t docs = m->g.ncols ? m->g.ncols - 1 : 0;
	struct strbuf sb = { 0 };
	sb_addf(&sb, "Code matrix%s, ", m->rollup ? " (rolled up)" : "");
	views_coders_say(&m->coders, &sb);
	views_docs_say(t, &sb);
	sb_addf(&sb, ": %zu codes x %zu document%s  (R roll-up, C coders, Enter: segments)",
	        m->mx.nrows, docs, docs == 1 ? "" : "s");
	tui_draw_title(&v->r, sb_str(&sb), true);
	sb_free(&sb);
}

static void matrix_draw(struct tui *t, struct tui_view *v)
{
	struct matrix_view *m = v->priv;
	matrix_title(t, v);
	if (!m->mx.nrows || !m->g.ncols)
		return;
	int lw = v->r.w / 3 > 40 ? 40 : v->r.w / 3, cw = 7;
	for (size_t c = 0; c < m->g.ncols; c++) {
		const char *h = c < m->mx.ncols ? m->mx.cols[c] : "Total";
		int l = (int)tui_text_width(h, strlen(h)) + 1;
		cw = l > cw ? (l > 14 ? 14 : l) : cw;
	}
	size_t rows = v->r.h > 2 ? (size_t)(v->r.h - 2) : 0;
	size_t cols = v->r.w > lw ? (size_t)((v->r.w - lw) / cw) : 0;
	views_grid_scroll(&m->g, rows, cols);
	double max = m->max;
	int hy = v->r.y + 1;
	for (size_t j = m->g.left; j < m->g.ncols && j < m->g.left + cols; j++) {
		const char *h = j < m->mx.ncols ? m->mx.cols[j] : "Total";
		int x = v->r.x + lw + (int)(j - m->g.left) * cw;
		tui_draw_text_cut(hy, x + 1, cw - 1, h, strlen(h), j == m->g.col ? A_REVERSE : A_BOLD);
	}
	for (size_t i = m->g.top; i < m->mx.nrows && i < m->g.top + rows; i++) {
		int y = hy + 1 + (int)(i - m->g.top);
		tui_draw_text_cut(y, v->r.x + 1, lw - 2, m->labels[i], strlen(m->labels[i]),
		                  i == m->g.row ? A_REVERSE : A_NORMAL);
		for (size_t j = m->g.left; j < m->g.ncols && j < m->g.left + cols; j++) {
			int64_t n = count(m, i, j);
			bool total = j + 1 == m->g.ncols;
			int attr = views_heat_attr(t, views_heat((double)n, max), total);
			if (i == m->g.row && j == m->g.col)
				attr = A_REVERSE | A_BOLD;
			char buf[64];
			snprintf(buf, sizeof buf, "%*lld ", cw - 1, (long long)n);
			tui_draw_text(y, v->r.x + lw + (int)(j - m->g.left) * cw, cw, buf, strlen(buf), attr);
		}
	}
}

/* Enter: the cell's segments (the code with its subcodes when rolled up;
 * the coder when one is chosen). */
static void matrix_segments(struct tui *t, struct matrix_view *m)
{
	if (m->g.row >= m->mx.nrows || !m->g.ncols)
		return;
	int i = views_code_find_path(t, m->mx.numbers[m->g.row], m->mx.paths[m->g.row]);
	if (i < 0)
		return;
	struct views_arg *arg = xcalloc(1, sizeof *arg);
	memcpy(arg->code, t->codes.cb.codes[i].guid, sizeof arg->code);
	arg->subcodes = m->rollup;
	if (views_coders_one(&m->coders))
		snprintf(arg->coder, sizeof arg->coder, "%s", m->coders.name);
	if (m->g.col + 1 < m->g.ncols)
		arg->doc = xstrdup(m->mx.cols[m->g.col]);
	tui_view_push(t, &tui_view_segments_ops, arg);
}

static bool matrix_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct matrix_view *m = v->priv;
	if (views_grid_move(&m->g, a, v->r.h > 4 ? (size_t)(v->r.h - 3) : 1))
		return true;
	switch (a) {
	case TUI_ACT_SUBCODES:
		m->rollup = !m->rollup;
		break;
	case TUI_ACT_CODERS:
		if (!views_coders_next(t, &m->coders, false))
			return true;
		break;
	case TUI_ACT_OPEN:
		matrix_segments(t, m);
		return true;
	case TUI_ACT_MATRIX:
		return true;
	default:
		return false;
	}
	matrix_reload(t, v);
	return true;
}

static void matrix_close(struct tui_view *v)
{
	struct matrix_view *m = v->priv;
	if (!m)
		return;
	matrix_drop(m);
	free(m);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_matrix_ops = {
	.name = "matrix",
	.open = matrix_open,
	.draw = matrix_draw,
	.key = matrix_key,
	.resize = NULL,
	.reload = matrix_reload,
	.close = matrix_close,
	.table = matrix_table,
};
