/* tui/view_messages.c — E: the last 100 status-line messages in full,
 * newest first, with the time each was said; errors marked.  The status
 * line cuts a long message to its width; here it wraps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"

struct messages_view {
	struct cards cards;
	uint64_t seq;            /* t->msglog.seq when the cards were made */
};

static void messages_load(struct tui *t, struct messages_view *m)
{
	const struct tui_msglog *l = &t->msglog;
	cards_free(&m->cards);
	m->cards.max_lines = 12;
	for (size_t k = 1; k <= l->n; k++) {
		size_t i = (l->next + TUI_MSGLOG - k) % TUI_MSGLOG;
		struct card *c = cards_add(&m->cards, 0, NULL, 0, NULL);
		cards_partf(c, A_BOLD, "%s%s", l->when[i], l->error[i] ? "  error" : "");
		cards_part(c, l->text[i], A_NORMAL, true);
	}
	m->seq = l->seq;
}

static int messages_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	(void)err;
	struct messages_view *m = xcalloc(1, sizeof *m);
	messages_load(t, m);
	v->priv = m;
	return 0;
}

static void messages_draw(struct tui *t, struct tui_view *v)
{
	struct messages_view *m = v->priv;
	/* A message said while the view is open (another process's write, a
	 * wait) shows at once, at the top. */
	if (m->seq != t->msglog.seq)
		messages_load(t, m);
	char title[128];
	snprintf(title, sizeof title, "Messages (%zu, newest first)  (q: close)", m->cards.n);
	tui_draw_title(&v->r, title, true);
	struct tui_rect r = { v->r.y + 1, v->r.x, v->r.h - 1, v->r.w };
	cards_draw(t, &m->cards, &r, true);
}

static bool messages_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct messages_view *m = v->priv;
	(void)t;
	if (cards_key(&m->cards, a, v->r.h))
		return true;
	return a == TUI_ACT_MESSAGES;   /* already open */
}

static void messages_close(struct tui_view *v)
{
	struct messages_view *m = v->priv;
	if (!m)
		return;
	cards_free(&m->cards);
	free(m);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_messages_ops = {
	.name = "messages",
	.open = messages_open,
	.draw = messages_draw,
	.key = messages_key,
	.resize = NULL,
	.reload = NULL,
	.close = messages_close,
};
