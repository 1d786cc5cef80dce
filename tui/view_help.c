/* tui/view_help.c — `?`: the keys, written from the action table that
 * binds them (tui/actions.h), so the two cannot disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "view.h"

struct help_view {
	size_t top;
};

static int help_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	(void)t;
	(void)err;
	v->priv = xcalloc(1, sizeof(struct help_view));
	return 0;
}

static void help_draw(struct tui *t, struct tui_view *v)
{
	struct help_view *h = v->priv;
	(void)t;
	tui_draw_title(&v->r, "Keys (q, ? or Esc closes; j/k scroll)", true);
	int rows = v->r.h - 1;
	size_t n = TUI_ACT_COUNT - 1;
	if (h->top + (size_t)rows > n)
		h->top = n > (size_t)rows ? n - (size_t)rows : 0;
	int kw = 16;
	for (int i = 0; i < rows && h->top + (size_t)i < n; i++) {
		const struct tui_action_info *a = &tui_action_table[h->top + (size_t)i + 1];
		int y = v->r.y + 1 + i;
		tui_draw_text(y, v->r.x + 1, kw, a->keys, strlen(a->keys), A_BOLD);
		char buf[256];
		snprintf(buf, sizeof buf, "%-12s %s", a->name, a->help);
		tui_draw_text(y, v->r.x + 2 + kw, v->r.w - kw - 2, buf, strlen(buf), A_NORMAL);
	}
}

static bool help_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct help_view *h = v->priv;
	(void)t;
	if (a == TUI_ACT_DOWN || a == TUI_ACT_PAGE_DOWN || a == TUI_ACT_HALF_DOWN)
		h->top += a == TUI_ACT_DOWN ? 1 : (size_t)(v->r.h / 2);
	else if (a == TUI_ACT_UP || a == TUI_ACT_PAGE_UP || a == TUI_ACT_HALF_UP) {
		size_t d = a == TUI_ACT_UP ? 1 : (size_t)(v->r.h / 2);
		h->top = h->top > d ? h->top - d : 0;
	} else if (a == TUI_ACT_TOP)
		h->top = 0;
	else
		return false;
	return true;
}

static void help_resize(struct tui *t, struct tui_view *v)
{
	(void)t;
	(void)v;
}

static void help_close(struct tui_view *v)
{
	free(v->priv);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.close = help_close,
};
