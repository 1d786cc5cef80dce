/* tui/views_grid.c — what the heat-map views (co-occurrence, the code
 * matrix) share: a cell cursor that scrolls both ways, and the color of a
 * cell by its value. */
#include <curses.h>

#include "views.h"

bool views_grid_move(struct views_grid *g, enum tui_action a, size_t page)
{
	size_t n = g->nrows, m = g->ncols;
	switch (a) {
	case TUI_ACT_DOWN: if (g->row + 1 < n) g->row++; return true;
	case TUI_ACT_UP: if (g->row) g->row--; return true;
	case TUI_ACT_RIGHT: case TUI_ACT_WORD_NEXT: if (g->col + 1 < m) g->col++; return true;
	case TUI_ACT_LEFT: case TUI_ACT_WORD_PREV: if (g->col) g->col--; return true;
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HALF_DOWN:
		g->row = g->row + page < n ? g->row + page : (n ? n - 1 : 0); return true;
	case TUI_ACT_PAGE_UP: case TUI_ACT_HALF_UP:
		g->row = g->row > page ? g->row - page : 0; return true;
	case TUI_ACT_TOP: g->row = g->col = 0; return true;
	case TUI_ACT_BOTTOM:
		g->row = n ? n - 1 : 0;
		g->col = m ? m - 1 : 0;
		return true;
	default: return false;
	}
}

void views_grid_scroll(struct views_grid *g, size_t rows, size_t cols)
{
	if (g->nrows && g->row >= g->nrows)
		g->row = g->nrows - 1;
	if (g->ncols && g->col >= g->ncols)
		g->col = g->ncols - 1;
	if (g->row < g->top)
		g->top = g->row;
	if (rows && g->row >= g->top + rows)
		g->top = g->row - rows + 1;
	if (g->col < g->left)
		g->left = g->col;
	if (cols && g->col >= g->left + cols)
		g->left = g->col - cols + 1;
}

int views_heat(double x, double max)
{
	if (!(x > 0) || max <= 0)   /* also NaN (0/0) */
		return 0;
	int h = (int)(x / max * 5.0 + 0.999);
	return h < 1 ? 1 : h > 5 ? 5 : h;
}

int views_heat_attr(struct tui *t, int h, bool dim)
{
	static const char *const ramp[6] = { NULL, "#ffd7d7", "#ffafaf", "#ff8787", "#ff5f5f",
	                                     "#d70000" };
	static const char *const ramp8[6] = { NULL, "#cdcd00", "#cdcd00", "#cd0000", "#cd0000",
	                                      "#cd0000" };
	if (dim)
		return A_DIM;
	if (!t->colors)
		return h >= 4 ? A_BOLD : A_NORMAL;
	if (!h)
		return A_NORMAL;
	short p = tui_color_pair(t, t->colors == 256 ? ramp[h] : ramp8[h]);
	return p ? (int)COLOR_PAIR(p) : (h >= 4 ? A_BOLD : A_NORMAL);
}
