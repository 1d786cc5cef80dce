/* tui/text_stripe.c — what the text pane says about the codings beside
 * the text: the stripe margin, memo and weight marks beside the text, the
 * verdict marks in the gutter, and
 * the line under the text naming the codings of the cursor's line.
 *
 * Two kinds of stripes.  Labelled (MAXQDA's coding stripes; on a wide
 * pane or after `L`): each coding on screen gets a lane; its code's number
 * (or the start of its name) in the code's color stands at the first line
 * it covers, a bar runs down to its last.  Codings that find no free lane
 * are counted: "+N" on each line they cover.  Plain (narrow panes): a
 * mark per code covering the line, "+N" for codes beyond the columns.
 * Without colors the marks are letters, which the line under the text
 * explains ("a 2.9.1 …"); labels carry their numbers anyway. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"

/* Labelled stripes from this pane width on (a terminal of about 120
 * columns: the panes on the left take 3/10). */
#define LABEL_PANE_W 80
#define LANE_W 7
#define PLUS_W 3

static bool labels_on(const struct text_view *tv, int pane_w)
{
	return tv->st.mode == TEXT_STRIPES_AUTO ? pane_w >= LABEL_PANE_W
	                                        : tv->st.mode == TEXT_STRIPES_LABELS;
}

int text_stripe_width(struct text_view *tv, int pane_w)
{
	struct text_stripes *s = &tv->st;
	s->labels = labels_on(tv, pane_w);
	if (!s->labels)
		return pane_w >= 50 ? 3 : 2;
	/* Keep at least half the pane for the text. */
	s->lanes = pane_w >= 110 ? 4 : 3;
	while (s->lanes > 1 && s->lanes * LANE_W + PLUS_W > pane_w / 2)
		s->lanes--;
	return s->lanes * LANE_W + PLUS_W;
}

void text_stripe_toggle(struct tui *t, struct text_view *tv)
{
	tv->st.mode = tv->st.labels ? TEXT_STRIPES_PLAIN : TEXT_STRIPES_LABELS;
	tui_message(t, false, "%s", tv->st.labels ? "Coding stripes: plain marks (L: labelled)"
	                                          : "Coding stripes: labelled (L: plain marks)");
}

static void grow(struct text_stripes *s, size_t n)
{
	if (n <= s->cap)
		return;
	s->cap = n * 2;
	s->vis = xreallocarray(s->vis, s->cap, sizeof *s->vis);
}

/* The row (0-based screen line) of code point cp among the rows' ranges,
 * by binary search: the last row starting at or before it. */
static int row_of(const struct text_stripes *s, size_t cp)
{
	int lo = 0, hi = s->nrows;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->row0[mid] <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

/* The letter (no colors) of code index code among the screen's codes. */
static char code_letter(struct text_stripes *s, int code)
{
	for (size_t i = 0; i < s->nletters; i++)
		if (s->letters[i] == code)
			return (char)('a' + i % 26);
	if (s->nletters < sizeof s->letters / sizeof *s->letters)
		s->letters[s->nletters++] = code;
	return (char)('a' + (s->nletters - 1) % 26);
}

void text_stripe_layout(struct text_view *tv)
{
	struct text_stripes *s = &tv->st;
	s->nrows = 0;
	s->nvis = 0;
	s->nletters = 0;
	if (!tv->doc_id || tv->th <= 0)
		return;
	if ((size_t)tv->th > s->rows_cap) {
		s->rows_cap = (size_t)tv->th;
		s->row0 = xreallocarray(s->row0, s->rows_cap, sizeof *s->row0);
	}
	struct text_pos p = tv->top;
	size_t n, end = 0;
	for (int i = 0; i < tv->th; i++) {
		const struct text_line *ls = text_para_lines(&tv->d, p.para, &n);
		s->row0[s->nrows++] = text_cp(&tv->d, ls[p.sub].b0);
		end = text_cp(&tv->d, ls[p.sub].b1) + (p.sub + 1 == n);
		if (!text_line_next(&tv->d, &p))
			break;
	}
	if (!s->labels)
		return;
	/* Lanes, first come first served in document order: a lane is free
	 * again from the row after its last coding's last row. */
	text_line_segs(tv, s->row0[0], end);
	int lane_last[TEXT_LANES_MAX];
	for (int k = 0; k < TEXT_LANES_MAX; k++)
		lane_last[k] = -1;
	grow(s, tv->nline + 1);
	for (size_t k = 0; k < tv->nline; k++) {
		size_t i = tv->line[k];
		struct text_vis *v = &s->vis[s->nvis++];
		v->seg = i;
		v->first = tv->segs[i].start <= s->row0[0] ? 0 : row_of(s, tv->segs[i].start);
		v->last = row_of(s, tv->segs[i].end - 1);
		v->lane = -1;
		for (int l = 0; l < s->lanes && v->lane < 0; l++)
			if (lane_last[l] < v->first) {
				v->lane = l;
				lane_last[l] = v->last;
			}
	}
}

/* The label of code index code in w columns: its number (cut from the
 * left, where numbers share their start), else its name. */
static void draw_label(struct tui *t, int y, int x, int w, int code, int attr)
{
	if (code < 0) {
		tui_draw_text(y, x, w, "?", 1, attr);
		return;
	}
	const struct codebook_code *k = &t->codes.cb.codes[code];
	if (!*k->number) {
		tui_draw_text_cut(y, x, w, k->name, strlen(k->name), attr);
		return;
	}
	size_t len = strlen(k->number);
	if ((int)len <= w) {
		tui_draw_text(y, x, w, k->number, len, attr);
		return;
	}
	int used = tui_draw_text(y, x, 1, "…", strlen("…"), attr);
	tui_draw_text(y, x + used, w - used, k->number + len - (size_t)(w - used), (size_t)(w - used),
	              attr);
}

static int code_attr(struct tui *t, int code)
{
	short pair = code >= 0 ? t->codes.pair[code] : 0;
	return pair ? COLOR_PAIR(pair) : A_BOLD;
}

static void draw_plus(int y, int x, int w, size_t n)
{
	char buf[16];
	int k = n > 99 ? snprintf(buf, sizeof buf, "+99") : snprintf(buf, sizeof buf, "+%zu", n);
	tui_draw_text(y, x, w, buf, (size_t)k, A_BOLD);
}

static void draw_labelled(struct tui *t, struct text_view *tv, int row, int y, int x)
{
	struct text_stripes *s = &tv->st;
	size_t hidden = 0;
	for (size_t k = 0; k < s->nvis; k++) {
		const struct text_vis *v = &s->vis[k];
		if (row < v->first || row > v->last)
			continue;
		if (v->lane < 0) {
			hidden++;
			continue;
		}
		int code = tv->seg_code[v->seg];
		int attr = code_attr(t, code), lx = x + v->lane * LANE_W;
		if (row == v->first)
			draw_label(t, y, lx, LANE_W - 1, code, attr);
		else
			tui_draw_text(y, lx, 1, "│", strlen("│"), attr);
	}
	if (hidden)
		draw_plus(y, x + s->lanes * LANE_W, PLUS_W, hidden);
}

/* Plain: a mark per code covering code points [c0, c1) of the line (the
 * segments of the line: tv->line), "+N" for those beyond the columns. */
static void draw_plain(struct tui *t, struct text_view *tv, int y, int x, size_t c0, size_t c1)
{
	int shown[64], n = 0;
	for (size_t k = 0; k < tv->nline && n < 64; k++) {
		const struct coding_segment *g = &tv->segs[tv->line[k]];
		if (g->start >= c1 || g->end <= c0)
			continue;
		int code = tv->seg_code[tv->line[k]];
		bool dup = false;
		for (int j = 0; j < n; j++)
			dup |= shown[j] == code;
		if (!dup)
			shown[n++] = code;
	}
	int marks = n;
	if (n > tv->stripe) {
		/* As many marks as leave room for "+N" of the rest. */
		marks = tv->stripe - 2;
		while (marks > 0 && marks + snprintf(NULL, 0, "+%d", n - marks) > tv->stripe)
			marks--;
	}
	for (int j = 0; j < marks; j++) {
		int code = shown[j];
		short pair = code >= 0 ? t->codes.pair[code] : 0;
		if (pair) {
			tui_fill(y, x + j, 1, COLOR_PAIR(pair));
		} else {
			char c = code >= 0 ? code_letter(&tv->st, code) : '?';
			tui_draw_text(y, x + j, 1, &c, 1, A_BOLD);
		}
	}
	if (marks < n)
		draw_plus(y, x + marks, tv->stripe - marks, (size_t)(n - marks));
}

/* The mark in the column between stripes and text: a coding that starts
 * on the line has a memo ('*') or a weight ('w'). */
static void draw_marks(struct text_view *tv, int y, int x, size_t c0, size_t c1)
{
	char mark = 0;
	for (size_t k = 0; k < tv->nline; k++) {
		const struct coding_segment *g = &tv->segs[tv->line[k]];
		if (g->start < c0 || g->start >= c1)
			continue;
		if (*g->memo || tv->memos[tv->line[k]])
			mark = '*';
		else if (g->weight && !mark)
			mark = 'w';
	}
	if (mark)
		tui_draw_text(y, x, 1, &mark, 1, A_BOLD);
}

/* The mark in the gutter's last column: a judged segment starts on the
 * line ('+' fits, '~' borderline, '!' does not fit; the worst wins, as
 * the one that needs a look). */
static void draw_verdict(struct text_view *tv, int y, int x, size_t c0, size_t c1)
{
	static const char mark[] = { [CODING_FITS] = '+', [CODING_BORDERLINE] = '~',
	                             [CODING_MISFIT] = '!' };
	int worst = -1;
	for (size_t k = 0; k < tv->nline; k++) {
		size_t i = tv->line[k];
		int v = tv->verdict[i];
		if (v < 0 || tv->segs[i].start < c0 || tv->segs[i].start >= c1)
			continue;
		if (worst < 0 || v == CODING_MISFIT || (v == CODING_BORDERLINE && worst == CODING_FITS))
			worst = v;
	}
	if (worst >= 0)
		tui_draw_text(y, x, 1, &mark[worst], 1, worst == CODING_FITS ? A_DIM : A_BOLD);
}

void text_stripe_draw(struct tui *t, struct text_view *tv, int row, int y, size_t c0, size_t c1)
{
	int x = t->panes[TUI_PANE_TEXT].r.x + tv->gutter;
	draw_verdict(tv, y, x - 1, c0, c1);
	draw_marks(tv, y, x + tv->stripe, c0, c1);
	if (tv->st.labels)
		draw_labelled(t, tv, row, y, x);
	else
		draw_plain(t, tv, y, x, c0, c1);
}

/* The line under the text: the codings of the cursor's line, each with
 * code, coder, weight and memo; with letters when the marks are letters. */
void text_info_draw(struct tui *t, struct text_view *tv, int y)
{
	const struct tui_rect *r = &t->panes[TUI_PANE_TEXT].r;
	struct text_pos p = text_pos_of(&tv->d, tv->cur);
	size_t n;
	const struct text_line *ls = text_para_lines(&tv->d, p.para, &n);
	size_t c0 = text_cp(&tv->d, ls[p.sub].b0);
	size_t c1 = text_cp(&tv->d, ls[p.sub].b1) + (p.sub + 1 == n);
	text_line_segs(tv, c0, c1);
	struct strbuf sb = { 0 };
	for (size_t k = 0; k < tv->nline; k++) {
		const struct coding_segment *g = &tv->segs[tv->line[k]];
		int code = tv->seg_code[tv->line[k]];
		const char *own = g->path;
		for (const char *q = strstr(own, " >> "); q; q = strstr(q + 4, " >> "))
			own = q + 4;
		if (sb.len)
			sb_adds(&sb, ", ");
		if (!t->colors && !tv->st.labels && code >= 0)
			sb_addf(&sb, "%c ", code_letter(&tv->st, code));
		if (*g->code)
			sb_addf(&sb, "%s ", g->code);
		sb_addf(&sb, "%s (%s", own, g->coder);
		if (g->weight)
			sb_addf(&sb, ", weight %d", g->weight);
		if (*g->memo)
			sb_addf(&sb, ", memo: %s", g->memo);
		int nm = tv->memos[tv->line[k]];
		if (nm)
			sb_addf(&sb, ", %d memo%s (M)", nm, nm == 1 ? "" : "s");
		int v = tv->verdict[tv->line[k]];
		if (v >= 0)
			sb_addf(&sb, ", %s", coding_verdict_name((enum coding_verdict)v));
		sb_adds(&sb, ")");
	}
	if (!sb.len)
		sb_adds(&sb, "(no coding on this line)");
	tui_fill(y, r->x, r->w, A_UNDERLINE);
	tui_draw_text_cut(y, r->x + 1, r->w - 1, sb_str(&sb), sb.len,
	                  A_UNDERLINE | (tv->nline ? A_NORMAL : A_DIM));
	sb_free(&sb);
}

void text_stripe_free(struct text_stripes *s)
{
	free(s->vis);
	free(s->row0);
	memset(s, 0, sizeof *s);
}
