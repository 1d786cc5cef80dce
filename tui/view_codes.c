/* tui/view_codes.c — the code system pane: the code tree with numbers and
 * names, fold and unfold, segment counts (rolled up over the subcodes of a
 * folded code), or with Y the verdicts per code.  The code under the cursor is the current code, the one
 * the text pane codes with; with text selected, Enter or c here codes it.
 * e, D, x and p, *, &, # and @ edit the code system (tui/code_edit.c).
 * Names too long for the pane keep what tells siblings apart
 * (text_name_fit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"

struct codes_view {
	int64_t *rollup;         /* per code: own + all descendants' segments */
	bool *folded;            /* per code */
	bool *has_kids;
	int *rows;               /* visible codes (indices), tree order */
	/* Y: verdict counts instead of segment counts, per code (rolled up as
	 * rollup): fits, misfit, borderline, unreviewed; [0..4) the code's own,
	 * [4..8) with its descendants'. */
	bool verdicts;
	int64_t (*vc)[8];
	size_t nrows, cur, top;
};

static void codes_rows(struct tui *t, struct codes_view *c)
{
	const struct codebook *cb = &t->codes.cb;
	int keep = t->codes.current;
	c->nrows = 0;
	for (size_t i = 0; i < cb->ncodes; i++) {
		bool hidden = false;
		for (int p = cb->codes[i].parent; p >= 0 && !hidden; p = cb->codes[p].parent)
			hidden = c->folded[p];
		if (!hidden)
			c->rows[c->nrows++] = (int)i;
	}
	/* Keep the cursor on the current code, or on its folded ancestor;
	 * when it is gone, on the row where it was. */
	if (c->cur >= c->nrows)
		c->cur = c->nrows ? c->nrows - 1 : 0;
	for (int k = keep; k >= 0; k = cb->codes[k].parent) {
		size_t r;
		for (r = 0; r < c->nrows && c->rows[r] != k; r++)
			;
		if (r < c->nrows) {
			c->cur = r;
			break;
		}
	}
	t->codes.current = c->nrows ? c->rows[c->cur] : -1;
}

static void codes_free(struct tui *t, struct codes_view *c)
{
	codebook_free(&t->codes.cb);
	memset(&t->codes.cb, 0, sizeof t->codes.cb);
	free(t->codes.pair);
	free(c->vc);
	c->vc = NULL;
	free(c->rollup);
	free(c->folded);
	free(c->has_kids);
	free(c->rows);
	t->codes.pair = NULL;
	c->rollup = NULL;
	c->folded = c->has_kids = NULL;
	c->rows = NULL;
}

/* The verdict counts of every code (anyone's newest verdict, as
 * `anker review counts`), rolled up over the subcodes like the segments. */
static int codes_verdicts(struct tui *t, struct codes_view *c, struct anker_err *err)
{
	const struct codebook *cb = &t->codes.cb;
	struct coding_review_count *rc;
	size_t n;
	if (coding_review_counts(t->st, NULL, &rc, &n, err))
		return err->status;
	c->vc = xcalloc(cb->ncodes + 1, sizeof *c->vc);
	for (size_t q = 0; q < n; q++) {
		/* Both lists are in tree order: the same index but for a race. */
		size_t i = q < cb->ncodes && cb->codes[q].id == rc[q].code_id ? q : cb->ncodes;
		for (size_t j = 0; i == cb->ncodes && j < cb->ncodes; j++)
			if (cb->codes[j].id == rc[q].code_id)
				i = j;
		if (i == cb->ncodes)
			continue;
		int64_t v[4] = { rc[q].fits, rc[q].misfit, rc[q].borderline,
		                 rc[q].segments - rc[q].reviewed };
		memcpy(c->vc[i], v, sizeof v);
		memcpy(c->vc[i] + 4, v, sizeof v);
	}
	coding_review_counts_free(rc, n);
	for (size_t i = cb->ncodes; i-- > 0;)
		if (cb->codes[i].parent >= 0)
			for (int k = 0; k < 4; k++)
				c->vc[cb->codes[i].parent][4 + k] += c->vc[i][4 + k];
	return 0;
}

static int codes_load(struct tui *t, struct codes_view *c, struct anker_err *err)
{
	/* Keep the fold state and the current code by GUID across reloads
	 * (ids change when undo and redo put a code back); looked up in a map,
	 * since a scan of the folded codes per code went quadratic. */
	size_t nold = t->codes.cb.ncodes;
	char (*old_folded)[37] = xcalloc(nold + 1, sizeof *old_folded);
	struct anker_map folded = { 0 };
	size_t nf = 0;
	for (size_t i = 0; i < nold; i++)
		if (c->folded[i]) {
			memcpy(old_folded[nf], t->codes.cb.codes[i].guid, sizeof *old_folded);
			anker_map_put(&folded, old_folded[nf], strlen(old_folded[nf]), nf);
			nf++;
		}
	char cur[37] = "";
	if (t->codes.current >= 0)
		memcpy(cur, t->codes.cb.codes[t->codes.current].guid, sizeof cur);
	codes_free(t, c);
	int rc = codebook_load(t->st, CODEBOOK_COUNTS, &t->codes.cb, err);
	if (rc) {
		anker_map_free(&folded);
		free(old_folded);
		memset(&t->codes.cb, 0, sizeof t->codes.cb);
		c->nrows = c->cur = 0;
		t->codes.current = -1;
		return rc;
	}
	const struct codebook *cb = &t->codes.cb;
	size_t n = cb->ncodes;
	t->codes.pair = xcalloc(n + 1, sizeof *t->codes.pair);
	c->rollup = xcalloc(n + 1, sizeof *c->rollup);
	c->folded = xcalloc(n + 1, sizeof *c->folded);
	c->has_kids = xcalloc(n + 1, sizeof *c->has_kids);
	c->rows = xcalloc(n + 1, sizeof *c->rows);
	t->codes.current = -1;
	for (size_t i = 0; i < n; i++) {
		const struct codebook_code *k = &cb->codes[i];
		c->rollup[i] = k->segments;
		t->codes.pair[i] = tui_color_pair(t, k->color);
		if (k->parent >= 0)
			c->has_kids[k->parent] = true;
		c->folded[i] = anker_map_get(&folded, k->guid, strlen(k->guid)) != SIZE_MAX;
		if (strcmp(k->guid, cur) == 0)
			t->codes.current = (int)i;
	}
	/* Children come after their parents: add up from the end. */
	for (size_t i = n; i-- > 0;)
		if (cb->codes[i].parent >= 0)
			c->rollup[cb->codes[i].parent] += c->rollup[i];
	anker_map_free(&folded);
	free(old_folded);
	codes_rows(t, c);
	return c->verdicts ? codes_verdicts(t, c, err) : 0;
}

static int codes_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	v->priv = xcalloc(1, sizeof(struct codes_view));
	return codes_load(t, v->priv, err);
}

static void codes_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (codes_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

static void codes_draw_row(struct tui *t, struct tui_view *v, int y, size_t r, bool focus)
{
	struct codes_view *c = v->priv;
	const struct codebook *cb = &t->codes.cb;
	int i = c->rows[r];
	const struct codebook_code *k = &cb->codes[i];
	int attr = r == c->cur ? (focus ? A_REVERSE : A_UNDERLINE) : A_NORMAL;
	if (tui_code_is_cut(k->guid))
		attr |= A_DIM;
	int x = v->r.x, w = v->r.w;
	int depth = codebook_depth(cb, (size_t)i);
	int indent = depth * 2 < w / 2 ? depth * 2 : w / 2;
	char cnt[96];
	bool rolled = c->folded[i] && c->has_kids[i];
	int cw = snprintf(cnt, sizeof cnt, " %lld", (long long)(rolled ? c->rollup[i] : k->segments));
	if (c->verdicts && c->vc) {
		const int64_t *vc = c->vc[i] + (rolled ? 4 : 0);
		cw = snprintf(cnt, sizeof cnt, " %lld/%lld/%lld/%lld", (long long)vc[0],
		              (long long)vc[1], (long long)vc[2], (long long)vc[3]);
	}

	tui_fill(y, x, w, attr);
	const char *mark = !c->has_kids[i] ? " " : c->folded[i] ? "+" : "-";
	tui_draw_text(y, x + indent, 1, mark, 1, attr);
	/* The code's color as a swatch (a bar without colors). */
	short pair = t->codes.pair[i];
	if (pair)
		tui_fill(y, x + indent + 1, 1, COLOR_PAIR(pair));
	struct strbuf sb = { 0 };
	if (*k->number)
		sb_addf(&sb, "%s ", k->number);
	int tx = x + indent + 3, room = w - (tx - x) - cw;
	/* The name cut so that siblings still read apart. */
	text_name_fit(cb, (size_t)i, room - tui_text_width(sb_str(&sb), sb.len), &sb);
	tui_draw_text(y, tx, room, sb_str(&sb), sb.len, attr);
	if (w - (tx - x) > cw + 2)
		tui_draw_text(y, x + w - cw, cw, cnt, (size_t)cw, attr);
	sb_free(&sb);
}

static void codes_draw(struct tui *t, struct tui_view *v)
{
	struct codes_view *c = v->priv;
	bool focus = t->focus == TUI_PANE_CODES;
	struct strbuf title = { 0 }, cut = { 0 };
	sb_addf(&title, "Code System (%zu)%s", t->codes.cb.ncodes,
	        c->verdicts ? " fit/mis/bord/open" : "");
	/* The code x cut, until p or * pastes it (its row is dim too). */
	for (size_t i = 0; i < t->codes.cb.ncodes; i++)
		if (tui_code_is_cut(t->codes.cb.codes[i].guid))
			sb_addf(&title, ", cut: %s", tui_code_label(t, (int)i, &cut));
	tui_draw_title(&v->r, sb_str(&title), focus);
	sb_free(&title);
	sb_free(&cut);
	int h = v->r.h - 1;
	if (h <= 0)
		return;
	if (c->cur < c->top)
		c->top = c->cur;
	if (c->cur >= c->top + (size_t)h)
		c->top = c->cur - (size_t)h + 1;
	if (c->top + (size_t)h > c->nrows)
		c->top = c->nrows > (size_t)h ? c->nrows - (size_t)h : 0;
	for (int i = 0; i < h && c->top + (size_t)i < c->nrows; i++)
		codes_draw_row(t, v, v->r.y + 1 + i, c->top + (size_t)i, focus);
}

void tui_codes_set_current(struct tui *t, int i)
{
	struct codes_view *c = t->panes[TUI_PANE_CODES].priv;
	if (i < 0 || (size_t)i >= t->codes.cb.ncodes)
		return;
	for (int p = t->codes.cb.codes[i].parent; p >= 0; p = t->codes.cb.codes[p].parent)
		c->folded[p] = false;
	t->codes.current = i;
	codes_rows(t, c);
}

static void codes_move(struct tui *t, struct codes_view *c, long delta)
{
	long r = (long)c->cur + delta;
	if (r >= (long)c->nrows)
		r = (long)c->nrows - 1;
	if (r < 0)
		r = 0;
	c->cur = (size_t)r;
	t->codes.current = c->nrows ? c->rows[c->cur] : -1;
}

static bool codes_fold(struct tui *t, struct codes_view *c, int how)
{
	int i = t->codes.current;
	if (i < 0)
		return true;
	if (!c->has_kids[i]) {
		/* Folding a leaf folds its parent, as in most trees. */
		if (how == 0 && t->codes.cb.codes[i].parent >= 0) {
			t->codes.current = t->codes.cb.codes[i].parent;
			c->folded[t->codes.current] = true;
			codes_rows(t, c);
		}
		return true;
	}
	c->folded[i] = how < 0 ? !c->folded[i] : how == 0;
	codes_rows(t, c);
	return true;
}

/* Enter or c with text selected in the document: code it with the code
 * under the cursor (MAXQDA's drop onto a code), back in the text. */
static bool codes_code(struct tui *t)
{
	struct text_view *tv = text_view_of(t);
	size_t a, b;
	if (!tv->doc_id || !text_sel_range(tv, &a, &b))
		return false;
	t->focus = TUI_PANE_TEXT;
	text_code_with(t, tv, t->codes.current);
	return true;
}

static bool codes_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct codes_view *c = v->priv;
	long page = v->r.h > 2 ? v->r.h - 2 : 1;
	if ((a == TUI_ACT_OPEN || a == TUI_ACT_CODE) && codes_code(t))
		return true;
	if (tui_code_edit_key(t, a))
		return true;
	switch (a) {
	case TUI_ACT_DOWN: codes_move(t, c, 1); return true;
	case TUI_ACT_UP: codes_move(t, c, -1); return true;
	case TUI_ACT_PAGE_DOWN: codes_move(t, c, page); return true;
	case TUI_ACT_PAGE_UP: codes_move(t, c, -page); return true;
	case TUI_ACT_HALF_DOWN: codes_move(t, c, page / 2 + 1); return true;
	case TUI_ACT_HALF_UP: codes_move(t, c, -(page / 2 + 1)); return true;
	case TUI_ACT_TOP: codes_move(t, c, -(long)c->nrows); return true;
	case TUI_ACT_BOTTOM: codes_move(t, c, (long)c->nrows); return true;
	case TUI_ACT_OPEN: case TUI_ACT_TOGGLE: return codes_fold(t, c, -1);
	case TUI_ACT_UNFOLD: case TUI_ACT_RIGHT: return codes_fold(t, c, 1);
	case TUI_ACT_FOLD: case TUI_ACT_LEFT: return codes_fold(t, c, 0);
	case TUI_ACT_VERDICTS:
		c->verdicts = !c->verdicts;
		codes_reload(t, v);
		tui_message(t, false, c->verdicts ? "Code system: verdicts per code (fits/misfit/"
		            "borderline/unreviewed; Y: segments)" : "Code system: segments per code "
		            "(Y: verdicts)");
		return true;
	case TUI_ACT_CODE:
		tui_message_id(t, text_view_of(t)->doc_id ? TUI_MSG_NO_SEL : TUI_MSG_NO_DOC);
		return true;
	default: return false;
	}
}

static void codes_close(struct tui_view *v)
{
	/* The shared tree is freed by the manager's owner (tui_run) through
	 * codes_free; here only what is the view's own. */
	struct codes_view *c = v->priv;
	if (!c)
		return;
	free(c->vc);
	free(c->rollup);
	free(c->folded);
	free(c->has_kids);
	free(c->rows);
	free(c);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_codes_ops = {
	.name = "codes",
	.open = codes_open,
	.draw = codes_draw,
	.key = codes_key,
	.resize = NULL,
	.reload = codes_reload,
	.close = codes_close,
};
