/* tui/view_compare.c — two coders' codings of one document side by side
 * (issue 6, TUI): coder A on the left, coder B on the right, each segment
 * as its position, code and text; a segment and the other coder's
 * matching one (SPEC §5's segment rule, 90 %) share a row, so rows follow
 * the document.  A segment without a match is a disagreement: marked "!"
 * and drawn reverse; n/N go to the next/previous one, C to the next pair
 * of coders, Enter to the passage in the text pane.  The document is the
 * one open in the text pane, else the first both coders coded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../team/team.h"

#define CMP_MIN_OVERLAP 90.0
#define CMP_TEXT_LINES 3

struct cmp_row {
	long s[2];               /* index into cmp.seg[k], -1: none */
};

struct compare_view {
	struct team_coder_count *coders;
	size_t ncoders, a, b;
	char code_guid[37];      /* the code, "": every code */
	char *code;              /* its label, or NULL */
	bool gone;               /* the code went, or the coders' segments */
	struct team_compare cmp;
	struct cmp_row *rows;
	size_t n, cur, top, ndis;
};

/* A document one coder has not coded is not compared (SPEC §5): no
 * disagreements there. */
static bool seg_dis(const struct compare_view *c, int k, long i)
{
	return i >= 0 && c->cmp.coded[0] && c->cmp.coded[1] && !c->cmp.agree[k][i];
}

static bool row_dis(const struct compare_view *c, const struct cmp_row *r)
{
	for (int k = 0; k < 2; k++)
		if (seg_dis(c, k, r->s[k]))
			return true;
	return false;
}

/* Rows in document order: a merge by start, a matching pair on one row. */
static void cmp_rows(struct compare_view *c)
{
	const struct team_compare *m = &c->cmp;
	free(c->rows);
	c->rows = xcalloc(m->n[0] + m->n[1] + 1, sizeof *c->rows);
	c->n = c->ndis = 0;
	size_t i = 0, j = 0;
	while (i < m->n[0] || j < m->n[1]) {
		struct cmp_row *r = &c->rows[c->n++];
		r->s[0] = r->s[1] = -1;
		if (i < m->n[0] && j < m->n[1] &&
		    team_segment_match(&m->seg[0][i], &m->seg[1][j], CMP_MIN_OVERLAP)) {
			r->s[0] = (long)i++;
			r->s[1] = (long)j++;
		} else if (j >= m->n[1] || (i < m->n[0] && m->seg[0][i].start <= m->seg[1][j].start))
			r->s[0] = (long)i++;
		else
			r->s[1] = (long)j++;
		c->ndis += row_dis(c, r);
	}
	if (c->cur >= c->n)
		c->cur = c->n ? c->n - 1 : 0;
}

/* The segment (GUID) on the current row, "" when none. */
static const char *row_key(const struct compare_view *c)
{
	if (c->cur >= c->n)
		return "";
	const struct cmp_row *r = &c->rows[c->cur];
	int k = r->s[0] >= 0 ? 0 : 1;
	return c->cmp.seg[k][r->s[k]].guid;
}

static int cmp_load(struct tui *t, struct compare_view *c, struct anker_err *err)
{
	int i = *c->code_guid ? views_code_find_guid(t, c->code_guid) : -1;
	c->gone = (*c->code_guid && i < 0) || c->ncoders < 2;
	if (c->gone) {
		team_compare_free(&c->cmp);
		memset(&c->cmp, 0, sizeof c->cmp);
		c->n = c->cur = c->top = c->ndis = 0;
		return 0;
	}
	int64_t code_id = i >= 0 ? t->codes.cb.codes[i].id : 0;
	const char *a = c->coders[c->a].name, *b = c->coders[c->b].name;
	struct team_compare m;
	int rc = ANKER_NOTFOUND;
	if (tui_text_doc(t) && t->doc_name) {
		rc = team_compare_doc(t->st, t->doc_name, code_id, a, b, CMP_MIN_OVERLAP, &m, err);
		/* A code not used in the open document: its first document. */
		if (!rc && code_id && !m.n[0] && !m.n[1]) {
			team_compare_free(&m);
			rc = ANKER_NOTFOUND;
		}
	}
	if (rc == ANKER_NOTFOUND)
		rc = team_compare_doc(t->st, NULL, code_id, a, b, CMP_MIN_OVERLAP, &m, err);
	if (rc)
		return rc;
	team_compare_free(&c->cmp);
	c->cmp = m;
	c->cur = c->top = 0;
	cmp_rows(c);
	return 0;
}

/* Load again: coders and code looked up again, the cursor on the same
 * segment. */
static void cmp_reload(struct tui *t, struct tui_view *v)
{
	struct compare_view *c = v->priv;
	struct anker_err err = { 0 };
	char keep[37];
	size_t top = c->top;
	snprintf(keep, sizeof keep, "%s", row_key(c));
	int rc = views_coders_rerank(t, &c->coders, &c->ncoders, &c->a, &c->b, &err);
	if (!rc)
		rc = cmp_load(t, c, &err);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	for (size_t r = 0; *keep && r < c->n; r++) {
		c->cur = r;
		if (strcmp(row_key(c), keep) == 0)
			break;
	}
	if (c->cur >= c->n || strcmp(row_key(c), keep) != 0)
		c->cur = 0;
	c->top = top < c->cur ? top : c->cur;
}

static size_t coder_find(const struct compare_view *c, const char *name, size_t dflt)
{
	for (size_t i = 0; name && i < c->ncoders; i++)
		if (strcmp(c->coders[i].name, name) == 0)
			return i;
	return dflt;
}

static int cmp_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct compare_arg *arg = v->priv;
	struct compare_view *c = xcalloc(1, sizeof *c);
	int rc = team_coders_ranked(t->st, &c->coders, &c->ncoders, err);
	if (!rc && c->ncoders < 2)
		rc = anker_err_set(err, ANKER_INPUT, "side by side needs two coders with segments");
	if (!rc) {
		c->a = coder_find(c, arg ? arg->a : NULL, 0);
		c->b = coder_find(c, arg ? arg->b : NULL, c->a ? 0 : 1);
		if (arg)
			memcpy(c->code_guid, arg->code, sizeof c->code_guid);
		int i = views_code_find_guid(t, c->code_guid);
		if (i >= 0) {
			struct strbuf sb = { 0 };
			views_code_label(t, i, &sb);
			c->code = sb_steal(&sb);
		}
		rc = cmp_load(t, c, err);
	}
	if (arg) {
		free(arg->a);
		free(arg->b);
		free(arg);
	}
	v->priv = NULL;
	if (rc) {
		team_coder_counts_free(c->coders, c->ncoders);
		free(c->code);
		free(c);
		return rc;
	}
	v->priv = c;
	return 0;
}

/* Lines of a side: position, code, up to CMP_TEXT_LINES of text. */
static int side_lines(const struct coding_segment *g, int w)
{
	size_t b0[CMP_TEXT_LINES], b1[CMP_TEXT_LINES];
	bool more;
	const char *s = g->text ? g->text : "";
	size_t n = cards_wrap(s, strlen(s), w, b0, b1, CMP_TEXT_LINES, &more);
	return 2 + (n ? (int)n : 1);
}

static int row_height(const struct compare_view *c, const struct cmp_row *r, int w)
{
	int h = 1;
	for (int k = 0; k < 2; k++)
		if (r->s[k] >= 0) {
			int l = side_lines(&c->cmp.seg[k][r->s[k]], w);
			h = l > h ? l : h;
		}
	return h + 1;   /* and a blank line */
}

static void draw_side(const struct coding_segment *g, bool dis, int y, int x, int w, int maxy)
{
	struct strbuf sb = { 0 };
	sb_adds(&sb, dis ? "! " : "  ");
	corpus_citation(&sb, NULL, g->para_first, g->para_last);
	int attr = dis ? A_REVERSE | A_BOLD : A_BOLD;
	tui_fill(y, x, w, dis ? A_REVERSE : A_NORMAL);
	tui_draw_text(y, x, w, sb_str(&sb), sb.len, attr);
	sb.len = 0;
	if (*g->code)
		sb_addf(&sb, "%s ", g->code);
	const char *p = g->path, *q;
	while ((q = strstr(p, " >> ")))
		p = q + 4;
	sb_adds(&sb, p);
	if (y + 1 < maxy)
		tui_draw_text(y + 1, x + 2, w - 2, sb_str(&sb), sb.len, dis ? A_BOLD : A_NORMAL);
	sb_free(&sb);
	size_t b0[CMP_TEXT_LINES], b1[CMP_TEXT_LINES];
	bool more;
	const char *s = g->text ? g->text : "";
	size_t n = cards_wrap(s, strlen(s), w - 2, b0, b1, CMP_TEXT_LINES, &more);
	for (size_t i = 0; i < n && y + 2 + (int)i < maxy; i++)
		tui_draw_text(y + 2 + (int)i, x + 2, w - 2, s + b0[i], b1[i] - b0[i], A_NORMAL);
}

static void cmp_draw(struct tui *t, struct tui_view *v)
{
	struct compare_view *c = v->priv;
	(void)t;
	char title[400], count[200];
	if (c->gone) {
		snprintf(title, sizeof title, "Side by side: %s%s  (q: close)",
		         c->ncoders < 2 ? "fewer than two coders have segments now"
		                        : c->code ? c->code : "the code",
		         c->ncoders < 2 ? "" : " (" TUI_GONE ")");
		tui_draw_title(&v->r, title, true);
		return;
	}
	if (c->cmp.coded[0] && c->cmp.coded[1])
		snprintf(count, sizeof count, "%zu disagreement%s", c->ndis, c->ndis == 1 ? "" : "s");
	else
		snprintf(count, sizeof count, "%s has not coded this document",
		         c->coders[c->cmp.coded[0] ? c->b : c->a].name);
	snprintf(title, sizeof title, "Side by side: %s%s%s, %s  (n/N next/previous, "
	         "C coders, Enter: passage)", c->cmp.doc, c->code ? ", " : "", c->code ? c->code : "",
	         count);
	tui_draw_title(&v->r, title, true);
	int cw = (v->r.w - 5) / 2, xl = v->r.x + 2, xr = xl + cw + 2, maxy = v->r.y + v->r.h - 1;
	if (cw < 4 || v->r.h < 4)
		return;
	const char *na = c->coders[c->a].name, *nb = c->coders[c->b].name;
	tui_draw_text(v->r.y + 1, xl, cw, na, strlen(na), A_BOLD | A_UNDERLINE);
	tui_draw_text(v->r.y + 1, xr, cw, nb, strlen(nb), A_BOLD | A_UNDERLINE);
	if (!c->n) {
		tui_draw_text(v->r.y + 3, xl, v->r.w - 2, "(no segments)", 13, A_NORMAL);
		return;
	}
	/* Scroll so that the current row fits. */
	if (c->cur < c->top)
		c->top = c->cur;
	for (;;) {
		int y = v->r.y + 2;
		for (size_t i = c->top; i <= c->cur; i++)
			y += row_height(c, &c->rows[i], cw - 3);
		if (y - 1 <= maxy || c->top == c->cur)
			break;
		c->top++;
	}
	int y = v->r.y + 2;
	for (size_t i = c->top; i < c->n && y < maxy; i++) {
		const struct cmp_row *r = &c->rows[i];
		if (i == c->cur)
			tui_draw_text(y, v->r.x, 1, ">", 1, A_BOLD);
		for (int k = 0; k < 2; k++)
			if (r->s[k] >= 0)
				draw_side(&c->cmp.seg[k][r->s[k]], seg_dis(c, k, r->s[k]), y, k ? xr : xl,
				          cw - 1, maxy);
		int h = row_height(c, r, cw - 3);
		for (int l = 0; l < h - 1 && y + l < maxy; l++)
			tui_draw_text(y + l, xl + cw, 1, "|", 1, A_DIM);
		y += h;
	}
}

static void cmp_jump(struct tui *t, struct compare_view *c)
{
	if (!c->n)
		return;
	const struct cmp_row *r = &c->rows[c->cur];
	int k = r->s[0] >= 0 ? 0 : 1;
	const struct coding_segment *g = &c->cmp.seg[k][r->s[k]];
	if (tui_open_doc(t, g->doc_id, g->doc) == 0)
		tui_text_goto(t, g->start);
}

static void cmp_next_dis(struct tui *t, struct compare_view *c, bool back)
{
	for (size_t i = 1; i <= c->n; i++) {
		size_t r = back ? (c->cur + c->n - i) % c->n : (c->cur + i) % c->n;
		if (row_dis(c, &c->rows[r])) {
			c->cur = r;
			return;
		}
	}
	tui_message(t, false, "no disagreements");
}

static bool cmp_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct compare_view *c = v->priv;
	struct anker_err err = { 0 };
	long page = v->r.h > 12 ? (v->r.h - 3) / 6 : 1, d = 0, n = (long)c->n;
	switch (a) {
	case TUI_ACT_DOWN: d = 1; break;
	case TUI_ACT_UP: d = -1; break;
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HALF_DOWN: d = page; break;
	case TUI_ACT_PAGE_UP: case TUI_ACT_HALF_UP: d = -page; break;
	case TUI_ACT_TOP: d = -n; break;
	case TUI_ACT_BOTTOM: d = n; break;
	case TUI_ACT_SEARCH_NEXT: case TUI_ACT_SEARCH_PREV:
		if (c->n)
			cmp_next_dis(t, c, a == TUI_ACT_SEARCH_PREV);
		return true;
	case TUI_ACT_CODERS: {
		/* The next pair; kept on error. */
		size_t oa = c->a, ob = c->b;
		if (!views_coders_pair_next(t, c->coders, c->ncoders, &c->a, &c->b))
			return true;
		if (cmp_load(t, c, &err)) {
			tui_message(t, true, "%s", err.msg);
			c->a = oa;
			c->b = ob;
		}
		return true;
	}
	case TUI_ACT_OPEN: cmp_jump(t, c); return true;
	case TUI_ACT_COMPARE: return true;
	default: return false;
	}
	long r = (long)c->cur + d;
	c->cur = r < 0 ? 0 : r >= n ? (size_t)(n ? n - 1 : 0) : (size_t)r;
	return true;
}

static void cmp_close(struct tui_view *v)
{
	struct compare_view *c = v->priv;
	if (!c)
		return;
	team_compare_free(&c->cmp);
	team_coder_counts_free(c->coders, c->ncoders);
	free(c->rows);
	free(c->code);
	free(c);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_compare_ops = {
	.name = "side-by-side",
	.open = cmp_open,
	.draw = cmp_draw,
	.key = cmp_key,
	.resize = NULL,
	.reload = cmp_reload,
	.close = cmp_close,
};
