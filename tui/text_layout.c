/* tui/text_layout.c — a document's text on screen: paragraphs wrapped to a
 * width by display width (words kept whole where they fit, grapheme
 * clusters always), and the cursor's motions over it.  Positions are code
 * points (SPEC §1); screen lines are (paragraph, line within it). */
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void layout_free(struct text_doc *d)
{
	if (d->pl)
		for (size_t i = 0; i < d->idx.nlines; i++)
			free(d->pl[i]);
	free(d->pl);
	free(d->pn);
	d->pl = NULL;
	d->pn = NULL;
}

void text_doc_free(struct text_doc *d)
{
	layout_free(d);
	free(d->text);
	corpus_text_free(&d->idx);
	free(d->tmp);
	memset(d, 0, sizeof *d);
}

int text_doc_set(struct text_doc *d, char *text, size_t len)
{
	text_doc_free(d);
	d->text = text;
	d->len = len;
	d->width = 1;
	return corpus_text_index(&d->idx, text, len) ? -1 : 0;
}

void text_doc_width(struct text_doc *d, int width)
{
	width = width > 1 ? width : 1;
	if (width != d->width)
		layout_free(d);
	d->width = width;
}

size_t text_para_count(const struct text_doc *d)
{
	return d->idx.nlines;
}

void text_para_bytes(const struct text_doc *d, size_t para, size_t *b0, size_t *b1)
{
	size_t c0, c1;
	corpus_text_para_range(&d->idx, para, &c0, &c1);
	*b0 = corpus_text_byte(&d->idx, c0);
	*b1 = corpus_text_byte(&d->idx, c1);
}

static void push_line(struct text_doc *d, size_t *n, size_t b0, size_t b1)
{
	if (*n == d->tmp_cap) {
		d->tmp_cap = d->tmp_cap ? 2 * d->tmp_cap : 16;
		d->tmp = xreallocarray(d->tmp, d->tmp_cap, sizeof *d->tmp);
	}
	d->tmp[*n].b0 = b0;
	d->tmp[*n].b1 = b1;
	(*n)++;
}

/* Wrap paragraph para (1-based), once per width: scrolling and cursor
 * motions ask for the same paragraphs again and again. */
const struct text_line *text_para_lines(struct text_doc *d, size_t para, size_t *n)
{
	static const struct text_line none = { 0, 0 };
	if (para < 1 || para > d->idx.nlines) {
		*n = 1;
		return &none;
	}
	if (!d->pl) {
		d->pl = xcalloc(d->idx.nlines, sizeof *d->pl);
		d->pn = xcalloc(d->idx.nlines, sizeof *d->pn);
	}
	if (!d->pl[para - 1]) {
		size_t pos, end, k = 0;
		text_para_bytes(d, para, &pos, &end);
		size_t start = pos, space = 0;
		int col = 0;
		while (pos < end) {
			int w;
			size_t g = tui_glyph(d->text + pos, end - pos, col, &w);
			if (col > 0 && col + w > d->width) {
				size_t cut = space > start ? space : pos;
				push_line(d, &k, start, cut);
				start = pos = cut;
				space = 0;
				col = 0;
				continue;
			}
			col += w;
			pos += g;
			if (d->text[pos - g] == ' ')
				space = pos;
		}
		push_line(d, &k, start, end);
		d->pl[para - 1] = xmalloc(k * sizeof **d->pl);
		memcpy(d->pl[para - 1], d->tmp, k * sizeof **d->pl);
		d->pn[para - 1] = k;
	}
	*n = d->pn[para - 1];
	return d->pl[para - 1];
}

size_t text_cp(const struct text_doc *d, size_t byte)
{
	return corpus_text_cp(&d->idx, byte);
}

size_t text_byte(const struct text_doc *d, size_t cp)
{
	return corpus_text_byte(&d->idx, cp);
}

size_t text_last(const struct text_doc *d)
{
	return d->idx.chars ? d->idx.chars - 1 : 0;
}

struct text_pos text_pos_of(struct text_doc *d, size_t cp)
{
	struct text_pos p = { 1, 0 };
	if (!d->idx.nlines)
		return p;
	p.para = corpus_text_para(&d->idx, cp);
	size_t n, b = text_byte(d, cp);
	const struct text_line *l = text_para_lines(d, p.para, &n);
	for (size_t i = 0; i < n; i++)
		if (b >= l[i].b0 && (b < l[i].b1 || i + 1 == n)) {
			p.sub = i;
			break;
		}
	return p;
}

bool text_line_next(struct text_doc *d, struct text_pos *p)
{
	size_t n;
	text_para_lines(d, p->para, &n);
	if (p->sub + 1 < n) {
		p->sub++;
		return true;
	}
	if (p->para < d->idx.nlines) {
		p->para++;
		p->sub = 0;
		return true;
	}
	return false;
}

bool text_line_prev(struct text_doc *d, struct text_pos *p)
{
	if (p->sub > 0) {
		p->sub--;
		return true;
	}
	if (p->para > 1) {
		size_t n;
		p->para--;
		text_para_lines(d, p->para, &n);
		p->sub = n - 1;
		return true;
	}
	return false;
}

int text_pos_cmp(struct text_pos a, struct text_pos b)
{
	if (a.para != b.para)
		return a.para < b.para ? -1 : 1;
	return a.sub < b.sub ? -1 : a.sub > b.sub;
}

/* Column of cp in its screen line, and the reverse: the code point at a
 * column of line p (the glyph under it, or the line's last one). */
int text_col_of(struct text_doc *d, size_t cp)
{
	struct text_pos p = text_pos_of(d, cp);
	size_t n, b = text_byte(d, cp);
	const struct text_line *l = &text_para_lines(d, p.para, &n)[p.sub];
	size_t pos = l->b0;
	int col = 0, w;
	while (pos < l->b1 && pos < b) {
		pos += tui_glyph(d->text + pos, l->b1 - pos, col, &w);
		col += w;
	}
	return col;
}

size_t text_cp_at_col(struct text_doc *d, struct text_pos p, int goal)
{
	size_t n;
	const struct text_line *ls = text_para_lines(d, p.para, &n);
	struct text_line l = ls[p.sub];
	size_t pos = l.b0, last = l.b0;
	int col = 0, w;
	while (pos < l.b1) {
		size_t g = tui_glyph(d->text + pos, l.b1 - pos, col, &w);
		if (col + w > goal)
			break;
		last = pos;
		col += w;
		pos += g;
	}
	/* Past the end of the paragraph's last line: its line break. */
	if (pos >= l.b1 && p.sub + 1 == n && col <= goal)
		last = l.b1;
	else if (pos < l.b1 && col <= goal)
		last = pos;
	size_t cp = text_cp(d, last);
	return cp > text_last(d) ? text_last(d) : cp;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

size_t text_right(struct text_doc *d, size_t cp)
{
	size_t b = text_byte(d, cp);
	int w;
	if (b >= d->len)
		return cp;
	size_t end = b;
	while (end < d->len && d->text[end] != '\n')
		end++;
	size_t g = d->text[b] == '\n' ? 1 : tui_glyph(d->text + b, end - b, 0, &w);
	size_t next = text_cp(d, b + g);
	return next > text_last(d) ? text_last(d) : next;
}

size_t text_left(struct text_doc *d, size_t cp)
{
	if (cp == 0)
		return 0;
	size_t para = corpus_text_para(&d->idx, cp), b0, b1;
	text_para_bytes(d, para, &b0, &b1);
	size_t b = text_byte(d, cp);
	if (b <= b0)
		return cp - 1;       /* to the previous paragraph's line break */
	size_t pos = b0, prev = b0;
	int col = 0, w;
	while (pos < b) {
		prev = pos;
		pos += tui_glyph(d->text + pos, b1 - pos, col, &w);
		col += w;
	}
	return text_cp(d, prev);
}

size_t text_word_next(struct text_doc *d, size_t cp)
{
	size_t b = text_byte(d, cp);
	while (b < d->len && !is_space(d->text[b]))
		b++;
	while (b < d->len && is_space(d->text[b]))
		b++;
	size_t r = text_cp(d, b);
	return r > text_last(d) ? text_last(d) : r;
}

size_t text_word_prev(struct text_doc *d, size_t cp)
{
	size_t b = text_byte(d, cp);
	while (b > 0 && is_space(d->text[b - 1]))
		b--;
	while (b > 0 && !is_space(d->text[b - 1]))
		b--;
	return text_cp(d, b);
}

size_t text_para_start(const struct text_doc *d, size_t para)
{
	size_t c0, c1;
	if (!d->idx.nlines)
		return 0;
	corpus_text_para_range(&d->idx, para, &c0, &c1);
	return c0 > text_last(d) ? text_last(d) : c0;
}

size_t text_para_of(const struct text_doc *d, size_t cp)
{
	return d->idx.nlines ? corpus_text_para(&d->idx, cp) : 1;
}
