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
	struct report_table tb;  /* Code, Path, a column per document, Total */
	char **labels;           /* per row: "number name" */
	struct views_grid g;     /* rows: codes; columns: documents and Total */
	double max;              /* the largest document cell (Total counts all): the heat's scale */
};

static void labels_free(struct matrix_view *m)
{
	for (size_t i = 0; m->labels && i < m->tb.nrows; i++)
		free(m->labels[i]);
	free(m->labels);
	m->labels = NULL;
}

static int matrix_table(struct tui *t, struct tui_view *v, struct report_table *out,
                        struct anker_err *err)
{
	struct matrix_view *m = v->priv;
	struct analysis_matrix_opts o = { .cols = ANALYSIS_COLS_DOC, .rollup = m->rollup,
	                                  .coder = views_coders_one(&m->coders),
	                                  .docs = views_docs(t) };
	return analysis_matrix(t->st, &o, out, NULL, err);
}

static const char *cell(const struct matrix_view *m, size_t r, size_t c)
{
	return report_table_cell(&m->tb, r, c);
}

/* Load (again); the cursor stays on its code (path) and document (name). */
static int matrix_load(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct matrix_view *m = v->priv;
	struct report_table tb;
	report_table_init(&tb);
	int rc = matrix_table(t, v, &tb, err);
	if (rc) {
		report_table_free(&tb);
		return rc;
	}
	char *path = m->g.row < m->tb.nrows ? xstrdup(cell(m, m->g.row, 1)) : NULL;
	char *doc = m->g.col + 2 < m->tb.ncols ? xstrdup(m->tb.headers[m->g.col + 2]) : NULL;
	labels_free(m);
	report_table_free(&m->tb);
	m->tb = tb;
	m->g.nrows = tb.nrows;
	m->g.ncols = tb.ncols > 2 ? tb.ncols - 2 : 0;
	m->labels = xcalloc(tb.nrows + 1, sizeof *m->labels);
	for (size_t r = 0; r < tb.nrows; r++) {
		const char *p = cell(m, r, 1), *q;
		while ((q = strstr(p, " >> ")))
			p = q + 4;
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s%s%s", cell(m, r, 0), *cell(m, r, 0) ? " " : "", p);
		m->labels[r] = sb_steal(&sb);
		if (path && strcmp(cell(m, r, 1), path) == 0)
			m->g.row = r;
	}
	for (size_t c = 2; doc && c < tb.ncols; c++)
		if (strcmp(tb.headers[c], doc) == 0)
			m->g.col = c - 2;
	/* Once per load, not per frame: codes x documents cells. */
	m->max = 0;
	for (size_t r = 0; r < tb.nrows; r++)
		for (size_t c = 2; c + 1 < tb.ncols; c++)
			if (strtod(cell(m, r, c), NULL) > m->max)
				m->max = strtod(cell(m, r, c), NULL);
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
	report_table_init(&m->tb);
	v->priv = m;
	int rc = matrix_load(t, v, err);
	if (rc) {
		report_table_free(&m->tb);
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
	        m->tb.nrows, docs, docs == 1 ? "" : "s");
	tui_draw_title(&v->r, sb_str(&sb), true);
	sb_free(&sb);
}

static void matrix_draw(struct tui *t, struct tui_view *v)
{
	struct matrix_view *m = v->priv;
	matrix_title(t, v);
	if (!m->tb.nrows || !m->g.ncols)
		return;
	int lw = v->r.w / 3 > 40 ? 40 : v->r.w / 3, cw = 7;
	for (size_t c = 2; c < m->tb.ncols; c++) {
		int l = (int)tui_text_width(m->tb.headers[c], strlen(m->tb.headers[c])) + 1;
		cw = l > cw ? (l > 14 ? 14 : l) : cw;
	}
	size_t rows = v->r.h > 2 ? (size_t)(v->r.h - 2) : 0;
	size_t cols = v->r.w > lw ? (size_t)((v->r.w - lw) / cw) : 0;
	views_grid_scroll(&m->g, rows, cols);
	double max = m->max;
	int hy = v->r.y + 1;
	for (size_t j = m->g.left; j < m->g.ncols && j < m->g.left + cols; j++) {
		const char *h = m->tb.headers[j + 2];
		int x = v->r.x + lw + (int)(j - m->g.left) * cw;
		tui_draw_text(hy, x + 1, cw - 1, h, strlen(h), j == m->g.col ? A_REVERSE : A_BOLD);
	}
	for (size_t i = m->g.top; i < m->tb.nrows && i < m->g.top + rows; i++) {
		int y = hy + 1 + (int)(i - m->g.top);
		tui_draw_text(y, v->r.x + 1, lw - 2, m->labels[i], strlen(m->labels[i]),
		              i == m->g.row ? A_REVERSE : A_NORMAL);
		for (size_t j = m->g.left; j < m->g.ncols && j < m->g.left + cols; j++) {
			const char *s = cell(m, i, j + 2);
			bool total = j + 1 == m->g.ncols;
			int attr = views_heat_attr(t, views_heat(strtod(s, NULL), max), total);
			if (i == m->g.row && j == m->g.col)
				attr = A_REVERSE | A_BOLD;
			char buf[64];
			snprintf(buf, sizeof buf, "%*s ", cw - 1, s);
			tui_draw_text(y, v->r.x + lw + (int)(j - m->g.left) * cw, cw, buf, strlen(buf), attr);
		}
	}
}

/* Enter: the cell's segments (the code with its subcodes when rolled up;
 * the coder when one is chosen). */
static void matrix_segments(struct tui *t, struct matrix_view *m)
{
	if (m->g.row >= m->tb.nrows || !m->g.ncols)
		return;
	int i = views_code_find_path(t, cell(m, m->g.row, 0), cell(m, m->g.row, 1));
	if (i < 0)
		return;
	struct views_arg *arg = xcalloc(1, sizeof *arg);
	memcpy(arg->code, t->codes.cb.codes[i].guid, sizeof arg->code);
	arg->subcodes = m->rollup;
	if (views_coders_one(&m->coders))
		snprintf(arg->coder, sizeof arg->coder, "%s", m->coders.name);
	if (m->g.col + 1 < m->g.ncols)
		arg->doc = xstrdup(m->tb.headers[m->g.col + 2]);
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
	labels_free(m);
	report_table_free(&m->tb);
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
