/* tui/view_text.c — the document pane: the text wrapped to the pane,
 * paragraph numbers in a gutter, coding stripes beside it and the cursor
 * line's codings under it (tui/text_stripe.c), coded ranges in their
 * code's color, a cursor, a selection that is coded with the current code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"

struct text_view *text_view_of(struct tui *t)
{
	return t->panes[TUI_PANE_TEXT].priv;
}

int64_t tui_text_doc(struct tui *t)
{
	return text_view_of(t)->doc_id;
}

static void text_geometry(struct tui_view *v)
{
	struct text_view *tv = v->priv;
	char buf[32];
	tv->gutter = snprintf(buf, sizeof buf, "%zu", text_para_count(&tv->d)) + 1;
	if (tv->gutter < 3)
		tv->gutter = 3;
	tv->stripe = text_stripe_width(tv, v->r.w);
	tv->tx = v->r.x + tv->gutter + tv->stripe + 1;
	tv->tw = v->r.w - (tv->tx - v->r.x);
	/* The title above, the codings of the cursor's line below. */
	tv->th = v->r.h - 2;
	text_doc_width(&tv->d, tv->tw);
}

static int load_segments(struct tui *t, struct text_view *tv, struct anker_err *err)
{
	coding_segments_free(tv->segs, tv->nsegs);
	free(tv->seg_code);
	free(tv->verdict);
	free(tv->memos);
	free(tv->maxend);
	tv->segs = NULL;
	tv->seg_code = NULL;
	tv->verdict = NULL;
	tv->memos = NULL;
	tv->maxend = NULL;
	tv->nsegs = 0;
	struct coding_filter f = { .doc_id = tv->doc_id, .min_weight = -1, .positions_only = true };
	int rc = coding_segments_list(t->st, &f, &tv->segs, &tv->nsegs, err);
	if (rc)
		return rc;
	tv->seg_code = xcalloc(tv->nsegs + 1, sizeof *tv->seg_code);
	tv->maxend = xcalloc(tv->nsegs + 1, sizeof *tv->maxend);
	tv->verdict = xcalloc(tv->nsegs + 1, sizeof *tv->verdict);
	tv->memos = xcalloc(tv->nsegs + 1, sizeof *tv->memos);
	int last = -1;
	for (size_t i = 0; i < tv->nsegs; i++) {
		const struct coding_segment *g = &tv->segs[i];
		/* Runs of one code are common (autocoding): look up once. */
		if (last < 0 || t->codes.cb.codes[last].id != g->code_id) {
			last = -1;
			for (size_t j = 0; j < t->codes.cb.ncodes && last < 0; j++)
				if (t->codes.cb.codes[j].id == g->code_id)
					last = (int)j;
		}
		tv->seg_code[i] = last;
		tv->maxend[i] = i && tv->maxend[i - 1] > g->end ? tv->maxend[i - 1] : g->end;
	}
	/* Judged segments and those with memos are marked in the margin. */
	if (coding_verdicts_latest(t->st, tv->segs, tv->nsegs, tv->verdict, err))
		return err->status ? err->status : ANKER_DB;
	return coding_memos_count(t->st, tv->segs, tv->nsegs, tv->memos, err);
}

/* What belongs to the document shown, dropped when another is opened or
 * it is gone: its turns, the search, the selection (and its mode). */
static void text_forget(struct tui *t, struct text_view *tv)
{
	free(tv->turns);
	tv->turns = NULL;
	tv->nturns = 0;
	tv->turns_done = false;
	text_search_clear(tv);
	tv->sel = false;
	t->mode = "NORMAL";
}

int tui_open_doc(struct tui *t, int64_t doc_id, const char *name)
{
	struct tui_view *v = &t->panes[TUI_PANE_TEXT];
	struct text_view *tv = v->priv;
	struct anker_err err = { 0 };
	char *text;
	size_t len;

	if (corpus_doc_text(t->st, doc_id, &text, &len, &err)) {
		tui_message(t, true, "%s", err.msg);
		return -1;
	}
	text_doc_set(&tv->d, text, len);
	free(tv->name);
	tv->name = xstrdup(name);
	tv->doc_id = doc_id;
	const char *guid = tui_docs_guid(t, doc_id);
	snprintf(tv->doc_guid, sizeof tv->doc_guid, "%s", guid ? guid : "");
	tv->cur = 0;
	tv->top = (struct text_pos){ 1, 0 };
	tv->goal = -1;
	text_forget(t, tv);
	t->doc_name = tv->name;
	text_geometry(v);
	if (load_segments(t, tv, &err))
		tui_message(t, true, "%s", err.msg);
	t->focus = TUI_PANE_TEXT;
	return 0;
}

/* Close the document (it is gone); the pane says which it was. */
static void text_close_doc(struct tui *t, struct text_view *tv)
{
	tui_message(t, true, "The document %s is %s", tv->name, TUI_GONE);
	text_doc_free(&tv->d);
	coding_segments_free(tv->segs, tv->nsegs);
	tv->segs = NULL;
	tv->nsegs = 0;
	tv->doc_id = 0;
	text_forget(t, tv);
	t->doc_name = NULL;
}

/* After the documents pane: the document found again by its GUID (its id
 * changes when undo and redo put it back; its name when renamed), its
 * segments loaded again; cursor, selection and scroll kept. */
static void text_reload(struct tui *t, struct tui_view *v)
{
	struct text_view *tv = v->priv;
	struct anker_err err = { 0 };
	int64_t id;
	const char *name;
	if (!tv->doc_id)
		return;
	if (!tui_docs_find(t, tv->doc_guid, &id, &name)) {
		text_close_doc(t, tv);
		return;
	}
	tv->doc_id = id;
	if (strcmp(name, tv->name) != 0) {
		free(tv->name);
		tv->name = xstrdup(name);
		t->doc_name = tv->name;
	}
	if (load_segments(t, tv, &err))
		tui_message(t, true, "%s", err.msg);
}

/* The segments touching code points [c0, c1), found by binary search:
 * segments come in document order (by start), and maxend[i] is the
 * largest end among the first i + 1, so those before the first with
 * maxend > c0 end too early and those from the first start >= c1 on begin
 * too late.  Only what lies between is looked at. */
void text_line_segs(struct text_view *tv, size_t c0, size_t c1)
{
	size_t lo = 0, hi = tv->nsegs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tv->maxend[mid] <= c0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t first = lo;
	hi = tv->nsegs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tv->segs[mid].start < c1)
			lo = mid + 1;
		else
			hi = mid;
	}
	tv->nline = 0;
	for (size_t i = first; i < lo; i++)
		if (tv->segs[i].end > c0) {
			if (tv->nline == tv->line_cap) {
				tv->line_cap = tv->line_cap ? 2 * tv->line_cap : 16;
				tv->line = xreallocarray(tv->line, tv->line_cap, sizeof *tv->line);
			}
			tv->line[tv->nline++] = i;
		}
}

/* The segment whose color a code point shows: the innermost (shortest)
 * covering it, the most recent (highest id) among equals; among the
 * segments of the line being drawn (line_segs). */
static int seg_at(const struct text_view *tv, size_t cp)
{
	int best = -1;
	for (size_t k = 0; k < tv->nline; k++) {
		size_t i = tv->line[k];
		const struct coding_segment *s = &tv->segs[i];
		if (s->start > cp || s->end <= cp)
			continue;
		if (best < 0)
			best = (int)i;
		else {
			const struct coding_segment *b = &tv->segs[best];
			size_t ls = s->end - s->start, lb = b->end - b->start;
			if (ls < lb || (ls == lb && s->id > b->id))
				best = (int)i;
		}
	}
	return best;
}

static void sel_range(const struct text_view *tv, size_t *a, size_t *b)
{
	*a = tv->anchor < tv->cur ? tv->anchor : tv->cur;
	*b = tv->anchor < tv->cur ? tv->cur : tv->anchor;
}

bool text_sel_range(const struct text_view *tv, size_t *a, size_t *b)
{
	if (!tv->sel)
		return false;
	sel_range(tv, a, b);
	size_t r = text_right((struct text_doc *)&tv->d, *b);
	*b = r > *b ? r : tv->d.idx.chars;
	return *b > *a;
}

void text_select(struct tui *t, struct text_view *tv, size_t a, size_t b)
{
	tv->sel = true;
	tv->anchor = a;
	tv->cur = b > a ? b - 1 : a;
	tv->goal = -1;
	t->mode = "VISUAL";
	text_follow(tv);
}

static int glyph_attr(struct tui *t, const struct text_view *tv, size_t cp, size_t ncp)
{
	int attr = A_NORMAL;
	int s = seg_at(tv, cp);
	if (s >= 0) {
		int code = tv->seg_code[s];
		short pair = code >= 0 ? t->codes.pair[code] : 0;
		attr = pair ? COLOR_PAIR(pair) : A_UNDERLINE;
	}
	if (tv->nhits && text_search_hit(tv, cp))
		attr |= A_BOLD | A_UNDERLINE | (t->colors ? A_STANDOUT : 0);
	bool at_cursor = cp <= tv->cur && tv->cur < cp + (ncp ? ncp : 1);
	if (tv->sel) {
		size_t a, b;
		sel_range(tv, &a, &b);
		if (cp + ncp > a && cp <= b)
			attr = A_REVERSE;
		if (at_cursor)
			attr = A_REVERSE | A_BOLD | A_UNDERLINE;
	} else if (at_cursor) {
		attr = A_REVERSE;
	}
	return attr;
}

static void draw_line(struct tui *t, struct text_view *tv, int row, int y, struct text_pos p)
{
	size_t n;
	const struct text_line *ls = text_para_lines(&tv->d, p.para, &n);
	struct text_line l = ls[p.sub];
	bool last = p.sub + 1 == n;
	struct tui_view *v = &t->panes[TUI_PANE_TEXT];
	if (p.sub == 0) {
		char num[32];
		int k = snprintf(num, sizeof num, "%zu", p.para);
		tui_draw_text(y, v->r.x + tv->gutter - 1 - k, k, num, (size_t)k, A_DIM);
	}
	size_t c0 = text_cp(&tv->d, l.b0), c1 = text_cp(&tv->d, l.b1);
	text_line_segs(tv, c0, last ? c1 + 1 : c1);
	text_stripe_draw(t, tv, row, y, c0, last ? c1 + 1 : c1);
	size_t pos = l.b0, cp = c0;
	int col = 0, w;
	while (pos < l.b1) {
		size_t g = tui_glyph(tv->d.text + pos, l.b1 - pos, col, &w);
		size_t ncp = corpus_utf8_count(tv->d.text + pos, g);
		if (col + w > tv->tw)
			break;
		tui_draw_glyph(y, tv->tx + col, tv->d.text + pos, g, w,
		               glyph_attr(t, tv, cp, ncp));
		col += w;
		pos += g;
		cp += ncp;
	}
	/* The paragraph's line break: the cursor may stand on it. */
	if (last && col < tv->tw && tv->d.len && (tv->cur == cp || (tv->sel && cp < tv->d.idx.chars)))
		tui_draw_text(y, tv->tx + col, 1, " ", 1, glyph_attr(t, tv, cp, 1));
}

static void text_draw(struct tui *t, struct tui_view *v)
{
	struct text_view *tv = v->priv;
	bool focus = t->focus == TUI_PANE_TEXT;
	tui_draw_title(&v->r, tv->doc_id ? tv->name : "Document", focus);
	if (!tv->doc_id) {
		const char *m = "Choose a document and press Enter";
		const char *help = "Press ? for help (every key), q to quit";
		tui_draw_text(v->r.y + 2, v->r.x + 1, v->r.w - 1, m, strlen(m), A_DIM);
		tui_draw_text(v->r.y + 4, v->r.x + 1, v->r.w - 1, help, strlen(help), A_DIM);
		return;
	}
	text_stripe_layout(tv);
	struct text_pos p = tv->top;
	for (int i = 0; i < tv->th; i++) {
		draw_line(t, tv, i, v->r.y + 1 + i, p);
		if (!text_line_next(&tv->d, &p))
			break;
	}
	if (tv->th > 0)
		text_info_draw(t, tv, v->r.y + v->r.h - 1);
	t->pos_cp = tv->cur;
	t->pos_para = text_para_of(&tv->d, tv->cur);
}

/* Scroll so that the cursor's line is on screen: look at most a screen
 * ahead of the top, else put the cursor's line at the bottom (or top). */
void text_follow(struct text_view *tv)
{
	struct text_pos c = text_pos_of(&tv->d, tv->cur);
	if (text_pos_cmp(c, tv->top) < 0) {
		tv->top = c;
		return;
	}
	struct text_pos p = tv->top;
	for (int i = 0; i < tv->th; i++) {
		if (text_pos_cmp(p, c) == 0)
			return;
		if (!text_line_next(&tv->d, &p))
			return;
	}
	tv->top = c;
	for (int i = 1; i < tv->th && text_line_prev(&tv->d, &tv->top); i++)
		;
}

static void move_lines(struct text_view *tv, long n, bool scroll)
{
	if (tv->goal < 0)
		tv->goal = text_col_of(&tv->d, tv->cur);
	struct text_pos c = text_pos_of(&tv->d, tv->cur);
	for (long i = 0; i < labs(n); i++) {
		bool ok = n > 0 ? text_line_next(&tv->d, &c) : text_line_prev(&tv->d, &c);
		if (!ok)
			break;
		if (scroll)
			(void)(n > 0 ? text_line_next(&tv->d, &tv->top) : text_line_prev(&tv->d, &tv->top));
	}
	tv->cur = text_cp_at_col(&tv->d, c, tv->goal);
}

static bool text_motion(struct text_view *tv, enum tui_action a)
{
	size_t para = text_para_of(&tv->d, tv->cur);
	long half = tv->th / 2 > 0 ? tv->th / 2 : 1, page = tv->th > 1 ? tv->th - 1 : 1;
	switch (a) {
	case TUI_ACT_DOWN: move_lines(tv, 1, false); return true;
	case TUI_ACT_UP: move_lines(tv, -1, false); return true;
	case TUI_ACT_PAGE_DOWN: move_lines(tv, page, true); return true;
	case TUI_ACT_PAGE_UP: move_lines(tv, -page, true); return true;
	case TUI_ACT_HALF_DOWN: move_lines(tv, half, true); return true;
	case TUI_ACT_HALF_UP: move_lines(tv, -half, true); return true;
	default: break;
	}
	tv->goal = -1;
	switch (a) {
	case TUI_ACT_LEFT: tv->cur = text_left(&tv->d, tv->cur); return true;
	case TUI_ACT_RIGHT: tv->cur = text_right(&tv->d, tv->cur); return true;
	case TUI_ACT_WORD_NEXT: tv->cur = text_word_next(&tv->d, tv->cur); return true;
	case TUI_ACT_WORD_PREV: tv->cur = text_word_prev(&tv->d, tv->cur); return true;
	case TUI_ACT_PARA_NEXT:
		if (para < text_para_count(&tv->d))
			tv->cur = text_para_start(&tv->d, para + 1);
		return true;
	case TUI_ACT_PARA_PREV:
		if (tv->cur > text_para_start(&tv->d, para) || para == 1)
			tv->cur = text_para_start(&tv->d, para);
		else
			tv->cur = text_para_start(&tv->d, para - 1);
		return true;
	case TUI_ACT_TOP: tv->cur = 0; return true;
	case TUI_ACT_BOTTOM:
		/* The last character: a final LF starts no empty paragraph to
		 * go to any more (issue 15). */
		tv->cur = text_last(&tv->d);
		return true;
	default: return false;
	}
}

void tui_text_goto(struct tui *t, size_t cp)
{
	struct text_view *tv = text_view_of(t);
	tui_view_park(t);
	t->focus = TUI_PANE_TEXT;
	if (!tv->doc_id)
		return;
	tv->cur = cp > text_last(&tv->d) ? text_last(&tv->d) : cp;
	tv->goal = -1;
	tv->sel = false;
	t->mode = "NORMAL";
	/* The passage a few lines below the top, with its context above. */
	tv->top = text_pos_of(&tv->d, tv->cur);
	for (int i = 0; i < tv->th / 4 && text_line_prev(&tv->d, &tv->top); i++)
		;
	text_follow(tv);
}

void tui_text_place(struct tui *t, size_t *cur, size_t *top)
{
	struct text_view *tv = text_view_of(t);
	size_t n;
	*cur = tv->cur;
	*top = 0;
	if (tv->doc_id && text_para_count(&tv->d))
		*top = text_cp(&tv->d, text_para_lines(&tv->d, tv->top.para, &n)[tv->top.sub].b0);
}

void tui_text_set_place(struct tui *t, size_t cur, size_t top)
{
	struct text_view *tv = text_view_of(t);
	if (!tv->doc_id)
		return;
	size_t last = text_last(&tv->d);
	tv->cur = cur > last ? last : cur;
	tv->top = text_pos_of(&tv->d, top > last ? last : top);
	tv->goal = -1;
	text_follow(tv);
}

static const struct corpus_turn *turn_at(struct tui *t, struct text_view *tv, size_t cp)
{
	/* The turns stored at import (under its --speakers), as autocode and
	 * `docs` see them, not ones recomputed here. */
	if (!tv->turns_done) {
		struct anker_err err = {0};
		tv->turns_done = true;
		if (corpus_doc_turns(t->st, tv->doc_id, &tv->turns, &tv->nturns, &err)) {
			tv->turns = NULL;
			tv->nturns = 0;
		}
	}
	for (size_t i = 0; i < tv->nturns; i++)
		if (tv->turns[i].start <= cp && cp < tv->turns[i].end)
			return &tv->turns[i];
	return NULL;
}

/* s, p, t: select the unit at the cursor, or extend the selection to
 * cover it too. */
static void select_unit(struct tui *t, struct text_view *tv, enum tui_action a)
{
	size_t s = 0, e = 0;
	const char *what = "sentence";
	if (a == TUI_ACT_SEL_SENT) {
		corpus_sentence_at(&tv->d.idx, tv->cur, &s, &e);
	} else if (a == TUI_ACT_SEL_PARA) {
		what = "paragraph";
		corpus_text_para_range(&tv->d.idx, text_para_of(&tv->d, tv->cur), &s, &e);
	} else {
		what = "turn";
		const struct corpus_turn *tn = turn_at(t, tv, tv->cur);
		if (!tn) {
			tui_message(t, true, "No speaker turn at the cursor");
			return;
		}
		s = tn->start;
		e = tn->end;
	}
	if (e <= s) {
		tui_message(t, true, "No %s at the cursor (an empty line)", what);
		return;
	}
	size_t a0, b0;
	if (text_sel_range(tv, &a0, &b0)) {
		s = a0 < s ? a0 : s;
		e = b0 > e ? b0 : e;
	}
	text_select(t, tv, s, e);
	tui_message(t, false, "Selected %s %zu-%zu: c, f or 1-9 codes it", what, s, e);
}

/* The code point under screen cell (y, x) of the text pane; false when
 * the cell shows no text. */
bool tui_text_cell_cp(struct tui *t, int y, int x, size_t *cp)
{
	struct tui_view *v = &t->panes[TUI_PANE_TEXT];
	struct text_view *tv = v->priv;
	if (!tv->doc_id || y <= v->r.y || y > v->r.y + tv->th || x < v->r.x ||
	    x >= v->r.x + v->r.w)
		return false;
	struct text_pos p = tv->top;
	for (int i = v->r.y + 1; i < y; i++)
		if (!text_line_next(&tv->d, &p))
			return false;
	*cp = text_cp_at_col(&tv->d, p, x < tv->tx ? 0 : x - tv->tx);
	return true;
}

/* Press moves the cursor (and drops the selection), moving with the
 * button down selects, release keeps what was dragged over. */
void tui_text_mouse(struct tui *t, int y, int x, int kind)
{
	struct text_view *tv = text_view_of(t);
	size_t cp;
	if (!tui_text_cell_cp(t, y, x, &cp))
		return;
	tv->goal = -1;
	if (kind == TUI_MOUSE_PRESS) {
		tv->cur = tv->anchor = cp;
		tv->sel = false;
		tv->drag = true;
		t->mode = "NORMAL";
		return;
	}
	if (!tv->drag)
		return;
	tv->cur = cp;
	tv->sel = tv->cur != tv->anchor;
	t->mode = tv->sel ? "VISUAL" : "NORMAL";
	if (kind == TUI_MOUSE_RELEASE)
		tv->drag = false;
	text_follow(tv);
}

static void text_resize(struct tui *t, struct tui_view *v);

static bool text_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct text_view *tv = v->priv;
	if (!tv->doc_id) {
		/* The views over the panes (E, F, S …) open from here as from
		 * any pane; the document's own keys say there is none. */
		if (!tui_views_open_for(t, a))
			tui_message_id(t, TUI_MSG_NO_DOC);
		return true;
	}
	if (text_motion(tv, a)) {
		text_follow(tv);
		return true;
	}
	switch (a) {
	case TUI_ACT_SELECT:
		tv->sel = !tv->sel;
		tv->anchor = tv->cur;
		t->mode = tv->sel ? "VISUAL" : "NORMAL";
		/* Said either way: a second v reads as "end it here" to a
		 * MAXQDA user, who should not go on believing it selected. */
		tui_message_id(t, tv->sel ? TUI_MSG_SEL_START : TUI_MSG_SEL_CANCEL);
		return true;
	case TUI_ACT_CANCEL:
		if (tv->sel)
			tui_message_id(t, TUI_MSG_SEL_CANCEL);
		tv->sel = false;
		t->mode = "NORMAL";
		return true;
	case TUI_ACT_CODE: text_code_with(t, tv, t->codes.current); return true;
	case TUI_ACT_STRIPES:
		text_stripe_toggle(t, tv);
		text_resize(t, v);
		return true;
	case TUI_ACT_SEL_SENT: case TUI_ACT_SEL_PARA: case TUI_ACT_SEL_TURN:
		select_unit(t, tv, a);
		return true;
	default: return text_code_key(t, tv, a) || text_search_key(t, tv, a) || text_hints_key(t, tv, a);
	}
}

static int text_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	(void)t;
	(void)err;
	struct text_view *tv = xcalloc(1, sizeof *tv);
	tv->goal = -1;
	v->priv = tv;
	return 0;
}

static void text_resize(struct tui *t, struct tui_view *v)
{
	struct text_view *tv = v->priv;
	(void)t;
	text_geometry(v);
	if (tv->doc_id) {
		/* The old top's line number means nothing at the new width:
		 * keep its paragraph and the cursor in view. */
		tv->top.sub = 0;
		text_follow(tv);
	}
}

static void text_close(struct tui_view *v)
{
	struct text_view *tv = v->priv;
	if (!tv)
		return;
	text_doc_free(&tv->d);
	coding_segments_free(tv->segs, tv->nsegs);
	free(tv->seg_code);
	free(tv->name);
	free(tv->verdict);
	free(tv->memos);
	free(tv->turns);
	free(tv->maxend);
	free(tv->line);
	text_stripe_free(&tv->st);
	text_search_clear(tv);
	free(tv);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_text_ops = {
	.name = "text",
	.open = text_open,
	.draw = text_draw,
	.key = text_key,
	.resize = text_resize,
	.reload = text_reload,
	.close = text_close,
};
