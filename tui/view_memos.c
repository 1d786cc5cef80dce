/* tui/view_memos.c — the memo list (", issue 13): every memo of the
 * project, as `anker memo list` has them, with its type, what it is on,
 * author, date and first line, and the memo at the cursor in full below.
 * " again shows one type after the other (then all); Enter goes to what
 * the memo is on (a document opens, a coding opens at its passage, a code
 * becomes the current one; the project's stays here, shown below); M and
 * Ctrl-E edit the memo at the cursor (tui/memo.c); :export writes the
 * list as shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../report/report.h"

static const char *const types[] = { NULL, "definition", "method", "theory", "free" };
#define NTYPES (sizeof types / sizeof types[0])

struct memos_view {
	struct coding_memo *v;
	size_t n, cur, top;
	size_t type;             /* index into types: the filter (0: every type) */
};

static int memos_load(struct tui *t, struct memos_view *m, struct anker_err *err)
{
	char keep[37] = "";
	if (m->cur < m->n)
		memcpy(keep, m->v[m->cur].guid, sizeof keep);
	struct coding_memo_filter f = { .type = types[m->type] };
	struct coding_memo *v;
	size_t n;
	int rc = coding_memo_list(t->st, &f, &v, &n, err);
	if (rc)
		return rc;
	coding_memos_free(m->v, m->n);
	m->v = v;
	m->n = n;
	/* The cursor stays on its memo, else where it was. */
	for (size_t i = 0; *keep && i < n; i++)
		if (strcmp(v[i].guid, keep) == 0)
			m->cur = i;
	if (m->cur >= n)
		m->cur = n ? n - 1 : 0;
	return ANKER_OK;
}

static int memos_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct memos_view *m = xcalloc(1, sizeof *m);
	v->priv = m;
	int rc = memos_load(t, m, err);
	if (rc) {
		free(m);
		v->priv = NULL;
	}
	return rc;
}

static void memos_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (memos_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

static int memos_table(struct tui *t, struct tui_view *v, struct report_table *out,
                       struct anker_err *err)
{
	struct memos_view *m = v->priv;
	(void)t;
	(void)err;
	coding_memos_table(m->v, m->n, true, out);
	return ANKER_OK;
}

/* One row: type, what the memo is on, author, date, its first line. */
struct memos_cells {
	const char *type, *on, *author, *date, *text;
};

static void memos_draw_row(const struct memos_cells *c, int y, int x, int w, int attr)
{
	int tw = 10, aw = 12, dw = 10;
	int rest = w - tw - aw - dw - 4;
	int ow = rest * 2 / 5 > 40 ? 40 : rest * 2 / 5;
	tui_fill(y, x, w, attr);
	if (rest < 8) {          /* narrow: type and first line only */
		ow = aw = dw = 0;
		rest = w - tw - 1;
	}
	int cx = x;
	tui_draw_text_cut(y, cx, tw, c->type, strlen(c->type), attr);
	cx += tw + 1;
	if (ow) {
		tui_draw_text_cut(y, cx, ow, c->on, strlen(c->on), attr);
		cx += ow + 1;
		tui_draw_text_cut(y, cx, aw, c->author, strlen(c->author), attr);
		cx += aw + 1;
		tui_draw_text(y, cx, dw, c->date, strlen(c->date) < 10 ? strlen(c->date) : 10, attr);
		cx += dw + 1;
	}
	int left = x + w - cx;
	size_t first = strcspn(c->text, "\n");
	if (left <= 0)
		return;
	if (c->text[first]) {     /* more lines: the first, then … */
		int used = tui_draw_text_cut(y, cx, left > 2 ? left - 2 : left, c->text, first, attr);
		tui_draw_text(y, cx + used + 1, left - used - 1, "…", strlen("…"), attr);
	} else {
		tui_draw_text_cut(y, cx, left, c->text, first, attr);
	}
}

/* The memo at the cursor in full, wrapped, in rows y0..y0+h-1. */
static void memos_draw_full(const struct coding_memo *c, int y0, int x, int w, int h)
{
	size_t b0[64], b1[64];
	bool more;
	int y = y0;
	for (const char *p = c->text; *p && y < y0 + h;) {
		size_t len = strcspn(p, "\n");
		size_t n = len ? cards_wrap(p, len, w, b0, b1, 64, &more) : 0;
		if (n == 0)
			y++;
		for (size_t i = 0; i < n && y < y0 + h; i++, y++)
			tui_draw_text(y, x, w, p + b0[i], b1[i] - b0[i], A_NORMAL);
		p += len + (p[len] == '\n');
	}
}

static void memos_draw(struct tui *t, struct tui_view *v)
{
	struct memos_view *m = v->priv;
	struct strbuf title = { 0 };
	sb_addf(&title, "Memos (%zu, %s)  (\": type, Enter: go to it, M/Ctrl-E: edit, q: close)",
	        m->n, types[m->type] ? types[m->type] : "every type");
	tui_draw_title(&v->r, sb_str(&title), true);
	sb_free(&title);
	(void)t;
	int w = v->r.w, h = v->r.h - 2;
	if (h <= 0)
		return;
	/* The full memo below the list: a third of the rows, when there are 9. */
	int fh = h >= 9 ? h / 3 : 0, lh = h - (fh ? fh + 1 : 0);
	const struct memos_cells head = { "Type", "On", "Author", "Changed", "Memo" };
	memos_draw_row(&head, v->r.y + 1, v->r.x, w, A_BOLD);
	if (m->n == 0) {
		const char *none = "(no memos: M writes one, :memo project the project's)";
		tui_draw_text(v->r.y + 2, v->r.x, w, none, strlen(none), A_DIM);
		return;
	}
	if (m->cur < m->top)
		m->top = m->cur;
	if (m->cur >= m->top + (size_t)lh)
		m->top = m->cur - (size_t)lh + 1;
	for (int i = 0; i < lh && m->top + (size_t)i < m->n; i++) {
		size_t r = m->top + (size_t)i;
		const struct coding_memo *c = &m->v[r];
		const struct memos_cells row = { c->type, c->on, c->author, c->modified, c->text };
		memos_draw_row(&row, v->r.y + 2 + i, v->r.x, w, r == m->cur ? A_REVERSE : A_NORMAL);
	}
	if (!fh)
		return;
	const struct coding_memo *c = &m->v[m->cur];
	struct strbuf sb = { 0 };
	bool project = strcmp(c->target, "project") == 0;
	sb_addf(&sb, "%s memo on %s%s%s by %s, %s", c->type, project ? "the project" : c->target,
	        project ? "" : " ", project ? "" : c->on, *c->author ? c->author : "?", c->created);
	int y = v->r.y + 2 + lh;
	tui_fill(y, v->r.x, w, A_BOLD);
	tui_draw_text_cut(y, v->r.x, w, sb_str(&sb), sb.len, A_BOLD);
	sb_free(&sb);
	memos_draw_full(c, y + 1, v->r.x + 1, w - 2, fh - 1);
}

/* Enter: to what the memo is on. */
static void memos_jump(struct tui *t, const struct coding_memo *c)
{
	struct anker_err err = { 0 };
	if (strcmp(c->target, "project") == 0) {
		tui_message(t, false, "The project's memo: shown below (M edits it)");
	} else if (strcmp(c->target, "document") == 0) {
		char *guid = xstrdup(c->target_guid);
		if (tui_docs_open_guid(t, guid) == 0)
			tui_text_goto(t, 0);
		free(guid);
	} else if (strcmp(c->target, "code") == 0) {
		int i = views_code_find_guid(t, c->target_guid);
		if (i < 0) {
			tui_message(t, true, "The code is %s", TUI_GONE);
			return;
		}
		while (t->depth)
			tui_view_pop(t);
		tui_codes_set_current(t, i);
		t->focus = TUI_PANE_CODES;
		struct strbuf sb = { 0 };
		views_code_label(t, i, &sb);
		tui_message(t, false, "Current code: %s", sb_str(&sb));
		sb_free(&sb);
	} else {
		struct coding_quote q;
		if (coding_quote_get(t->st, c->target_guid, &q, &err)) {
			tui_message(t, true, "%s", err.msg);
			return;
		}
		if (tui_open_doc(t, q.doc_id, q.doc) == 0)
			tui_text_goto(t, q.start);
		coding_quote_free(&q);
	}
}

static bool memos_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct memos_view *m = v->priv;
	if (tui_list_move(a, v->r.h, m->n, &m->cur))
		return true;
	switch (a) {
	case TUI_ACT_MEMOS:
		m->type = (m->type + 1) % NTYPES;
		m->cur = m->top = 0;
		memos_reload(t, v);
		return true;
	case TUI_ACT_OPEN:
		if (m->n)
			memos_jump(t, &m->v[m->cur]);
		return true;
	case TUI_ACT_MEMO: case TUI_ACT_MEMO_EDIT:
		if (m->n)
			tui_memo_edit_memo(t, &m->v[m->cur], NULL, a == TUI_ACT_MEMO_EDIT);
		else
			tui_message(t, true, "No memo here");
		return true;
	default:
		return false;
	}
	return true;
}

static void memos_close(struct tui_view *v)
{
	struct memos_view *m = v->priv;
	if (!m)
		return;
	coding_memos_free(m->v, m->n);
	free(m);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_memos_ops = {
	.name = "memos",
	.open = memos_open,
	.draw = memos_draw,
	.key = memos_key,
	.resize = NULL,
	.reload = memos_reload,
	.close = memos_close,
	.table = memos_table,
};
