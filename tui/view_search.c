/* tui/view_search.c — S: a PCRE2 pattern over every document (as anker
 * search: corpus_search; smart case as `/`), the hits one per row:
 * document, Pos. and the hit in its context, the hit itself marked.
 * Enter opens the document at the hit (its hits then highlighted, n/N
 * going on from there); A codes every hit of every document with the
 * current code, by hit, sentence, paragraph or turn (one undo step);
 * :export writes every hit as anker search does, in parts.  The list
 * keeps the first SEARCH_ROWS_MAX hits and stops the search there, so
 * that a pattern with millions of hits in a 100 MB corpus does not hold
 * the screen; the title says when there are more. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"
#include "views.h"
#include "../report/report.h"

#define SEARCH_ROWS_MAX 2000
/* Context kept on each side of a hit, in bytes (the row shows less). */
#define SEARCH_CONTEXT 240

struct search_row {
	int64_t doc_id;
	char *doc;
	size_t pos, start, end;
	char *before, *match, *after;   /* the paragraph around the hit, cut */
};

struct search_view {
	char *pattern;
	bool icase;
	struct search_row *rows;
	size_t n, cap;
	bool more;                      /* stopped at SEARCH_ROWS_MAX */
	size_t cur, top;
};

static void rows_free(struct search_view *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].doc);
		free(s->rows[i].before);
		free(s->rows[i].match);
		free(s->rows[i].after);
	}
	free(s->rows);
	s->rows = NULL;
	s->n = s->cap = 0;
	s->more = false;
}

/* s[a, b) with at most max bytes kept at its far end (from_end: the end
 * is kept, for the context before a hit), cut on a character. */
static char *cut_copy(const char *s, size_t a, size_t b, size_t max, bool from_end)
{
	if (b - a > max) {
		if (from_end) {
			a = b - max;
			while (a < b && ((unsigned char)s[a] & 0xC0) == 0x80)
				a++;
		} else {
			b = a + max;
			while (b > a && ((unsigned char)s[b] & 0xC0) == 0x80)
				b--;
		}
	}
	return xstrndup(s + a, b - a);
}

static int on_hit(const struct corpus_hit *h, void *arg)
{
	struct search_view *s = arg;
	if (s->n == SEARCH_ROWS_MAX) {
		s->more = true;
		return 1;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->rows = xreallocarray(s->rows, s->cap, sizeof *s->rows);
	}
	struct search_row *r = &s->rows[s->n++];
	size_t len = strlen(h->line), ml = strlen(h->match);
	size_t at = h->line_at <= len ? h->line_at : len;
	size_t me = at + ml <= len ? at + ml : len;
	*r = (struct search_row){ .doc_id = h->doc_id, .doc = xstrdup(h->doc), .pos = h->pos,
	                          .start = h->start, .end = h->end };
	r->before = cut_copy(h->line, 0, at, SEARCH_CONTEXT, true);
	r->match = cut_copy(h->match, 0, ml, SEARCH_CONTEXT, false);
	r->after = cut_copy(h->line, me, len, SEARCH_CONTEXT, false);
	return 0;
}

static int search_load(struct tui *t, struct search_view *s, struct anker_err *err)
{
	rows_free(s);
	struct corpus_search_opts o = { .pattern = s->pattern, .icase = s->icase };
	int rc = corpus_search(t->st, &o, on_hit, s, err);
	if (s->cur >= s->n)
		s->cur = s->n ? s->n - 1 : 0;
	return rc;
}

static void search_free(struct search_view *s)
{
	rows_free(s);
	free(s->pattern);
	free(s);
}

static int search_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct search_view *s = xcalloc(1, sizeof *s);
	s->pattern = v->priv;   /* taken over */
	s->icase = text_search_icase(s->pattern);
	v->priv = NULL;
	int rc = search_load(t, s, err);
	if (rc) {
		search_free(s);
		return rc;
	}
	v->priv = s;
	return 0;
}

/* The start of the last w columns of s[0, len) (whole glyphs). */
static size_t tail_fit(const char *s, size_t len, int w)
{
	size_t at = 0;
	int total = tui_text_width(s, len);
	while (at < len && total > w) {
		int gw;
		size_t g = tui_glyph(s + at, len - at, 0, &gw);
		total -= gw;
		at += g;
	}
	return at;
}

/* One row: document, Pos., then the hit near the middle of what is left,
 * its context on both sides. */
static void row_draw(const struct search_row *r, int y, int x, int w, int docw, bool cur)
{
	int attr = cur ? A_REVERSE : A_NORMAL;
	tui_fill(y, x, w, attr);
	tui_draw_text(y, x + 1, 1, cur ? ">" : " ", 1, attr | A_BOLD);
	tui_draw_text_cut(y, x + 2, docw, r->doc, strlen(r->doc), attr);
	char pos[32];
	snprintf(pos, sizeof pos, "%zu", r->pos);
	int px = x + 2 + docw + 1;
	tui_draw_text(y, px + 6 - (int)strlen(pos), 6, pos, strlen(pos), attr);
	int cx = px + 8, cw = x + w - cx;
	if (cw < 4)
		return;
	int mw = tui_text_width(r->match, strlen(r->match));
	if (mw > cw * 2 / 3)
		mw = cw * 2 / 3;
	int bw = (cw - mw) / 3;
	/* Right-aligned before the hit: the hits line up in one column. */
	size_t bl = strlen(r->before), b0 = tail_fit(r->before, bl, bw);
	int hx = cx + bw;
	tui_draw_text(y, hx - tui_text_width(r->before + b0, bl - b0), bw, r->before + b0, bl - b0,
	              attr);
	int mu = tui_draw_text(y, hx, mw, r->match, strlen(r->match), (attr ^ A_REVERSE) | A_BOLD);
	tui_draw_text(y, hx + mu, x + w - hx - mu, r->after, strlen(r->after), attr);
}

static void search_draw(struct tui *t, struct tui_view *v)
{
	struct search_view *s = v->priv;
	(void)t;
	struct strbuf sb = { 0 };
	sb_addf(&sb, "Search /%s/ in all documents: ", s->pattern);
	if (s->more)
		sb_addf(&sb, "more than %zu hits (the first %zu shown; :export writes all)", s->n, s->n);
	else
		sb_addf(&sb, "%zu hit%s", s->n, s->n == 1 ? "" : "s");
	sb_adds(&sb, "  (Enter: go to, A: autocode all, q: close)");
	tui_draw_title(&v->r, sb_str(&sb), true);
	sb_free(&sb);
	int x = v->r.x, w = v->r.w, y = v->r.y + 1, h = v->r.h - 2;
	int docw = w / 4 > 24 ? 24 : w / 4;
	if (h < 1 || w < 20)
		return;
	tui_fill(y, x, w, A_BOLD | A_UNDERLINE);
	tui_draw_text(y, x + 2, docw, "Document", 8, A_BOLD | A_UNDERLINE);
	tui_draw_text(y, x + 2 + docw + 3, 4, "Pos.", 4, A_BOLD | A_UNDERLINE);
	tui_draw_text(y, x + 2 + docw + 9, w - docw - 11, "Hit in context", 14,
	              A_BOLD | A_UNDERLINE);
	y++;
	if (!s->n) {
		tui_draw_text(y, x + 2, w - 2, "(no hits)", 9, A_DIM);
		return;
	}
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + (size_t)h)
		s->top = s->cur - (size_t)h + 1;
	for (int i = 0; i < h && s->top + (size_t)i < s->n; i++)
		row_draw(&s->rows[s->top + (size_t)i], y + i, x, w, docw, s->top + (size_t)i == s->cur);
}

static void search_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (search_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

/* Enter: the document at the hit, the search going on there. */
static void search_jump(struct tui *t, struct search_view *s)
{
	if (!s->n)
		return;
	const struct search_row *r = &s->rows[s->cur];
	size_t start = r->start;
	char *pattern = xstrdup(s->pattern);
	if (tui_open_doc(t, r->doc_id, r->doc) == 0) {   /* may reload: s is gone after */
		struct anker_err err = { 0 };
		struct text_view *tv = text_view_of(t);
		tui_text_goto(t, start);
		if (text_search_set(tv, pattern, &err))
			tui_message(t, true, "/%s: %s", pattern, err.msg);
		else
			tui_message(t, false, "/%s: %zu hit%s in %s (n/N: the next, the previous)",
			            pattern, tv->nhits, tv->nhits == 1 ? "" : "s", tv->name);
	}
	free(pattern);
}

static bool search_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct search_view *s = v->priv;
	size_t page = v->r.h > 4 ? (size_t)v->r.h - 3 : 1;
	switch (a) {
	case TUI_ACT_DOWN: if (s->cur + 1 < s->n) s->cur++; return true;
	case TUI_ACT_UP: if (s->cur) s->cur--; return true;
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HALF_DOWN:
		s->cur = s->cur + page < s->n ? s->cur + page : (s->n ? s->n - 1 : 0);
		return true;
	case TUI_ACT_PAGE_UP: case TUI_ACT_HALF_UP:
		s->cur = s->cur > page ? s->cur - page : 0;
		return true;
	case TUI_ACT_TOP: s->cur = 0; return true;
	case TUI_ACT_BOTTOM: s->cur = s->n ? s->n - 1 : 0; return true;
	case TUI_ACT_OPEN: search_jump(t, s); return true;
	case TUI_ACT_AUTOCODE: text_autocode_ask(t, s->pattern, s->icase, NULL); return true;
	default: return false;
	}
}

static void search_close(struct tui_view *v)
{
	if (v->priv)
		search_free(v->priv);
	v->priv = NULL;
}

struct table_hits {
	struct report_table *out;
	void (*part)(struct report_table *out, void *arg);
	void *arg;
};

static int table_hit(const struct corpus_hit *h, void *arg)
{
	struct table_hits *x = arg;
	struct report_table *t = x->out;
	corpus_search_table_row(t, h);
	if (x->part && t->nrows >= REPORT_STREAM_ROWS)
		x->part(t, x->arg);
	return 0;
}

/* :export: every hit (not only those shown), with the columns of anker
 * search; in parts, as anker search writes them, so that a pattern with
 * millions of hits is never held whole. */
static int search_table_parts(struct tui *t, struct tui_view *v, struct report_table *out,
                              void (*part)(struct report_table *out, void *arg), void *arg,
                              struct anker_err *err)
{
	struct search_view *s = v->priv;
	struct table_hits x = { .out = out, .part = part, .arg = arg };
	corpus_search_table_cols(out);
	struct corpus_search_opts o = { .pattern = s->pattern, .icase = s->icase };
	return corpus_search(t->st, &o, table_hit, &x, err);
}

/* The whole table at once: for LaTeX and xlsx, which are not written in
 * parts. */
static int search_table(struct tui *t, struct tui_view *v, struct report_table *out,
                        struct anker_err *err)
{
	return search_table_parts(t, v, out, NULL, NULL, err);
}

const struct tui_view_ops tui_view_search_ops = {
	.name = "search",
	.open = search_open,
	.draw = search_draw,
	.key = search_key,
	.resize = NULL,
	.reload = search_reload,
	.close = search_close,
	.table = search_table,
	.table_parts = search_table_parts,
};

bool tui_search_view_pattern(struct tui *t, const char **pattern, bool *icase)
{
	struct tui_view *v = tui_view_top(t);
	if (!v || v->ops != &tui_view_search_ops)
		return false;
	const struct search_view *s = v->priv;
	*pattern = s->pattern;
	*icase = s->icase;
	return true;
}

void tui_search_all_run(struct tui *t, const char *pattern)
{
	/* A bad pattern is said on the status line, nothing opened. */
	struct corpus_regex *re;
	struct anker_err err = { 0 };
	if (corpus_regex_compile(pattern, text_search_icase(pattern), &re, &err)) {
		tui_message(t, true, "S %s: %s", pattern, err.msg);
		return;
	}
	corpus_regex_free(re);
	tui_view_push(t, &tui_view_search_ops, xstrdup(pattern));
}

static void search_all_done(struct tui *t, const char *pattern)
{
	if (*pattern)
		tui_search_all_run(t, pattern);
}

void tui_search_all(struct tui *t)
{
	tui_prompt_open(t, TUI_PROMPT_SEARCH, "Search all documents: ", NULL, search_all_done);
}
