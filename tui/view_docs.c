/* tui/view_docs.c — the documents pane: documents grouped by their group,
 * each with its number of coded segments; Enter opens one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "view.h"

struct docs_row {
	int doc;                 /* index into docs, -1: a group heading */
	const char *group;
};

struct docs_view {
	struct corpus_doc *docs;
	size_t ndocs;
	struct docs_row *rows;
	size_t nrows;
	size_t cur, top;         /* rows */
	char asked[37];           /* the document a prompt (e, D) is about */
};

static void docs_free(struct docs_view *d)
{
	corpus_docs_free(d->docs, d->ndocs);
	free(d->rows);
	d->docs = NULL;
	d->rows = NULL;
	d->ndocs = d->nrows = 0;
}

static void docs_move(struct docs_view *d, long delta)
{
	long r = (long)d->cur;
	long step = delta > 0 ? 1 : -1;
	long n = labs(delta);
	while (n > 0) {
		long next = r + step;
		while (next >= 0 && next < (long)d->nrows && d->rows[next].doc < 0)
			next += step;
		if (next < 0 || next >= (long)d->nrows)
			break;
		r = next;
		n--;
	}
	d->cur = (size_t)r;
}

/* Load (again): the cursor stays on its document (by GUID: ids change
 * when undo and redo put a document back), else on the row where it was. */
static int docs_load(struct tui *t, struct docs_view *d, struct anker_err *err)
{
	char keep[37] = "";
	size_t was = d->cur;
	if (d->cur < d->nrows && d->rows[d->cur].doc >= 0)
		memcpy(keep, d->docs[d->rows[d->cur].doc].guid, sizeof keep);
	struct corpus_doc *docs;
	size_t ndocs;
	int rc = corpus_docs_brief(t->st, &docs, &ndocs, err);
	if (rc)
		return rc;
	docs_free(d);
	d->docs = docs;
	d->ndocs = ndocs;
	d->rows = xcalloc(2 * d->ndocs + 1, sizeof *d->rows);
	const char *last = NULL;
	for (size_t i = 0; i < d->ndocs; i++) {
		const char *g = d->docs[i].group ? d->docs[i].group : "";
		if (!last || strcmp(last, g) != 0)
			d->rows[d->nrows++] = (struct docs_row){ -1, *g ? g : "(no group)" };
		last = g;
		d->rows[d->nrows++] = (struct docs_row){ (int)i, g };
	}
	d->cur = d->nrows;
	for (size_t r = 0; *keep && r < d->nrows; r++)
		if (d->rows[r].doc >= 0 && strcmp(d->docs[d->rows[r].doc].guid, keep) == 0)
			d->cur = r;
	if (d->cur == d->nrows && *keep && d->nrows) {
		d->cur = was < d->nrows ? was : d->nrows - 1;
		if (d->rows[d->cur].doc < 0)
			docs_move(d, 1);
		if (d->rows[d->cur].doc < 0)
			docs_move(d, -1);
	}
	for (size_t r = 0; d->cur == d->nrows && r < d->nrows; r++)
		if (d->rows[r].doc >= 0)
			d->cur = r;
	if (d->cur == d->nrows)
		d->cur = 0;
	return 0;
}

static int docs_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct docs_view *d = xcalloc(1, sizeof *d);
	v->priv = d;
	return docs_load(t, d, err);
}

static void docs_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (docs_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

const char *tui_docs_guid(struct tui *t, int64_t id)
{
	struct docs_view *d = t->panes[TUI_PANE_DOCS].priv;
	for (size_t i = 0; id && i < d->ndocs; i++)
		if (d->docs[i].id == id)
			return d->docs[i].guid;
	return NULL;
}

bool tui_docs_find(struct tui *t, const char *guid, int64_t *id, const char **name)
{
	struct docs_view *d = t->panes[TUI_PANE_DOCS].priv;
	for (size_t i = 0; i < d->ndocs; i++)
		if (strcmp(d->docs[i].guid, guid) == 0) {
			*id = d->docs[i].id;
			*name = d->docs[i].name;
			return true;
		}
	return false;
}

int tui_docs_open_guid(struct tui *t, const char *guid)
{
	struct docs_view *d = t->panes[TUI_PANE_DOCS].priv;
	for (size_t r = 0; r < d->nrows; r++) {
		const struct corpus_doc *doc = d->rows[r].doc >= 0 ? &d->docs[d->rows[r].doc] : NULL;
		if (!doc || strcmp(doc->guid, guid) != 0)
			continue;
		if (tui_open_doc(t, doc->id, doc->name))
			return -1;
		d->cur = r;
		return 0;
	}
	return -1;
}

/* The variables of the document at the cursor, at the foot of the pane:
 * one a line when the rows below the list leave room for them and a line
 * between, else on the pane's last line, after its group (the list one
 * row shorter), so that a :var or :group shows at once. */
static const struct corpus_doc *docs_cursor_doc(const struct docs_view *d)
{
	return d->cur < d->nrows && d->rows[d->cur].doc >= 0 ? &d->docs[d->rows[d->cur].doc] : NULL;
}

static bool docs_vars_fit(const struct docs_view *d, int h)
{
	const struct corpus_doc *doc = docs_cursor_doc(d);
	return !doc || doc->nvars == 0 || (int)d->nrows + (int)doc->nvars + 1 <= h;
}

static void docs_draw_vars(struct tui_view *v, const struct docs_view *d, int h)
{
	const struct corpus_doc *doc = docs_cursor_doc(d);
	if (!doc || doc->nvars == 0)
		return;
	struct strbuf sb = { 0 };
	if (!docs_vars_fit(d, h)) {
		sb_addf(&sb, "%s:", doc->group && *doc->group ? doc->group : "(no group)");
		for (size_t k = 0; k < doc->nvars; k++)
			sb_addf(&sb, "%s%s=%s", k ? "; " : " ", doc->vars[k].name, doc->vars[k].value);
		tui_fill(v->r.y + h, v->r.x, v->r.w, A_DIM);
		tui_draw_text_cut(v->r.y + h, v->r.x, v->r.w, sb_str(&sb), sb.len, A_DIM);
		sb_free(&sb);
		return;
	}
	int y = v->r.y + 1 + h - (int)doc->nvars;
	for (size_t k = 0; k < doc->nvars; k++) {
		sb_reset(&sb);
		sb_addf(&sb, "%s: %s", doc->vars[k].name, doc->vars[k].value);
		tui_draw_text_cut(y + (int)k, v->r.x + 2, v->r.w - 2, sb_str(&sb), sb.len, A_DIM);
	}
	sb_free(&sb);
}

static void docs_draw(struct tui *t, struct tui_view *v)
{
	struct docs_view *d = v->priv;
	bool focus = t->focus == TUI_PANE_DOCS;
	char title[64];
	snprintf(title, sizeof title, "Documents (%zu)", d->ndocs);
	tui_draw_title(&v->r, title, focus);
	int h = v->r.h - 1;
	if (h <= 0)
		return;
	/* The rows of the list: one fewer for the line of variables. */
	int lh = h > 2 && !docs_vars_fit(d, h) ? h - 1 : h;
	if (d->cur < d->top)
		d->top = d->cur;
	if (d->cur >= d->top + (size_t)lh)
		d->top = d->cur - (size_t)lh + 1;
	/* Show the group heading above the first document when it fits. */
	if (d->top == 1 && d->cur < (size_t)lh)
		d->top = 0;
	for (int i = 0; i < lh && d->top + (size_t)i < d->nrows; i++) {
		size_t r = d->top + (size_t)i;
		int y = v->r.y + 1 + i;
		const struct docs_row *row = &d->rows[r];
		if (row->doc < 0) {
			tui_draw_text(y, v->r.x, v->r.w, row->group, strlen(row->group), A_BOLD);
			continue;
		}
		const struct corpus_doc *doc = &d->docs[row->doc];
		int attr = r == d->cur ? (focus ? A_REVERSE : A_UNDERLINE) : A_NORMAL;
		char cnt[32];
		int cw = snprintf(cnt, sizeof cnt, " %lld", (long long)doc->segments);
		tui_fill(y, v->r.x, v->r.w, attr);
		tui_draw_text(y, v->r.x, 2, doc->id == tui_text_doc(t) ? ">" : " ", 1, attr);
		tui_draw_text(y, v->r.x + 2, v->r.w - 2 - cw, doc->name, strlen(doc->name), attr);
		if (v->r.w > cw + 4)
			tui_draw_text(y, v->r.x + v->r.w - cw, cw, cnt, (size_t)cw, attr);
	}
	if (lh < h || docs_vars_fit(d, h))
		docs_draw_vars(v, d, h);
}

/* ---------------------------------------------------------------------- */
/* Rename and delete (e, D): through corpus/, each one undo step. */

/* The document at the cursor, or NULL (with a message). */
static const struct corpus_doc *docs_at_cursor(struct tui *t, struct docs_view *d)
{
	if (d->cur < d->nrows && d->rows[d->cur].doc >= 0)
		return &d->docs[d->rows[d->cur].doc];
	tui_message(t, true, "No document here");
	return NULL;
}

static struct docs_view *docs_of(struct tui *t)
{
	return t->panes[TUI_PANE_DOCS].priv;
}

const struct corpus_doc *tui_docs_cursor(struct tui *t)
{
	return docs_cursor_doc(docs_of(t));
}

static void rename_done(struct tui *t, const char *text)
{
	struct corpus_doc_edit ed;
	struct anker_err err = { 0 };
	if (corpus_doc_rename(t->st, docs_of(t)->asked, text, &ed, &err))
		tui_message(t, true, "Not renamed: %s", err.msg);
	else if (ed.docs == 0)
		tui_message(t, false, "The name is unchanged");
	else {
		tui_reload(t);
		tui_message(t, false, "Renamed '%s' to '%s' (u undoes)", ed.old_name, ed.name);
	}
	corpus_doc_edit_free(&ed);
}

/* The answer to "Delete …? y/N": y deletes, anything else not. */
static void delete_answer(struct tui *t, char key)
{
	struct corpus_doc_edit ed;
	struct anker_err err = { 0 };
	if (key != 'y' && key != 'Y') {
		tui_message(t, false, "Not deleted");
		return;
	}
	if (corpus_doc_delete(t->st, docs_of(t)->asked, true, &ed, &err)) {
		tui_message(t, true, "Not deleted: %s", err.msg);
	} else {
		/* After the reload, which says the open document is gone. */
		tui_reload(t);
		tui_message(t, false, "Deleted '%s' with %lld coding%s (u undoes)", ed.name,
		            (long long)ed.deps.segments, ed.deps.segments == 1 ? "" : "s");
	}
	corpus_doc_edit_free(&ed);
}

static void docs_ask_delete(struct tui *t, struct docs_view *d, const struct corpus_doc *doc)
{
	struct corpus_doc_deps k;
	struct anker_err err = { 0 };
	if (corpus_doc_deps(t->st, doc->id, &k, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	struct strbuf q = { 0 };
	sb_addf(&q, "Delete '%s' with %lld coding%s", doc->name, (long long)k.segments,
	        k.segments == 1 ? "" : "s");
	if (k.memos)
		sb_addf(&q, " and %lld memo%s", (long long)k.memos, k.memos == 1 ? "" : "s");
	sb_adds(&q, "? y/N ");
	memcpy(d->asked, doc->guid, sizeof d->asked);
	tui_prompt_ask(t, sb_str(&q), delete_answer);
	sb_free(&q);
}

static bool docs_edit_key(struct tui *t, struct docs_view *d, enum tui_action a)
{
	const struct corpus_doc *doc = docs_at_cursor(t, d);
	if (!doc)
		return true;
	if (a == TUI_ACT_DOC_DELETE) {
		docs_ask_delete(t, d, doc);
		return true;
	}
	memcpy(d->asked, doc->guid, sizeof d->asked);
	tui_prompt_open(t, TUI_PROMPT_NONE, "New name: ", doc->name, rename_done);
	return true;
}

static bool docs_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct docs_view *d = v->priv;
	long page = v->r.h > 2 ? v->r.h - 2 : 1;
	switch (a) {
	case TUI_ACT_DOWN: docs_move(d, 1); return true;
	case TUI_ACT_UP: docs_move(d, -1); return true;
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HALF_DOWN: docs_move(d, page); return true;
	case TUI_ACT_PAGE_UP: case TUI_ACT_HALF_UP: docs_move(d, -page); return true;
	case TUI_ACT_TOP: docs_move(d, -(long)d->nrows); return true;
	case TUI_ACT_BOTTOM: docs_move(d, (long)d->nrows); return true;
	case TUI_ACT_DOC_RENAME:
	case TUI_ACT_DOC_DELETE:
		return docs_edit_key(t, d, a);
	case TUI_ACT_OPEN:
	case TUI_ACT_RIGHT:
		if (d->cur < d->nrows && d->rows[d->cur].doc >= 0) {
			const struct corpus_doc *doc = &d->docs[d->rows[d->cur].doc];
			tui_open_doc(t, doc->id, doc->name);
		}
		return true;
	default:
		return false;
	}
}

static void docs_close(struct tui_view *v)
{
	docs_free(v->priv);
	free(v->priv);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_docs_ops = {
	.name = "documents",
	.open = docs_open,
	.draw = docs_draw,
	.key = docs_key,
	.resize = NULL,
	.reload = docs_reload,
	.close = docs_close,
};
