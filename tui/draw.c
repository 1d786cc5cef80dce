/* tui/draw.c — the drawing helpers: every piece of text reaches the screen
 * through tui_draw_text or tui_draw_glyph, measured by corpus_utf8_fit and
 * made visible by corpus_utf8_visible; colors "#rrggbb" mapped to what
 * the terminal has (256, 8, none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "view.h"

/* ---------------------------------------------------------------------- */
/* Colors */

#define MAX_PAIRS 240

static struct {
	short fg, bg;
	char hex[8];             /* the color asked for */
} pairs[MAX_PAIRS];
static int npairs;
static struct {
	char hex[8];              /* "#rrggbb", "" for none */
	short pair;
} last;

void tui_colors_init(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");
	npairs = 0;
	last.hex[0] = '\0';
	t->colors = 0;
	if ((nc && *nc) || !has_colors())
		return;
	if (start_color() == ERR)
		return;
	use_default_colors();
	t->colors = COLORS >= 256 ? 256 : COLORS >= 8 ? 8 : 0;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool parse_hex(const char *hex, int rgb[3])
{
	if (!hex || hex[0] != '#' || strlen(hex) != 7)
		return false;
	for (int i = 0; i < 3; i++) {
		int hi = hex_digit(hex[1 + 2 * i]), lo = hex_digit(hex[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return false;
		rgb[i] = 16 * hi + lo;
	}
	return true;
}

static int dist2(const int a[3], const int b[3])
{
	int d = 0;
	for (int i = 0; i < 3; i++)
		d += (a[i] - b[i]) * (a[i] - b[i]);
	return d;
}

/* The RGB of xterm color i (16-255: the 6×6×6 cube, the gray ramp). */
static void xterm_rgb(int i, int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	if (i >= 232) {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (i - 232);
		return;
	}
	rgb[0] = level[(i - 16) / 36];
	rgb[1] = level[(i - 16) / 6 % 6];
	rgb[2] = level[(i - 16) % 6];
}

static bool bg_taken(short bg)
{
	for (int i = 0; i < npairs; i++)
		if (pairs[i].bg == bg)
			return true;
	return false;
}

/* Near colors (sibling codes are shades of one hue) often round to one
 * xterm color: then the nearest one no other color has taken, so that
 * two codes never look alike while colors are left. */
static short nearest_free_256(const int rgb[3], short idx)
{
	if (!bg_taken(idx))
		return idx;
	int best = -1, bd = 0;
	for (int i = 16; i < 256; i++) {
		int c[3];
		xterm_rgb(i, c);
		if (!bg_taken((short)i) && (best < 0 || dist2(c, rgb) < bd)) {
			best = i;
			bd = dist2(c, rgb);
		}
	}
	return best < 0 ? idx : (short)best;
}

/* Nearest of the xterm 256 colors: the 6×6×6 cube or the gray ramp. */
static short nearest_256(const int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	int c[3], best[3];
	for (int i = 0; i < 3; i++) {
		int bi = 0;
		for (int j = 1; j < 6; j++)
			if (abs(level[j] - rgb[i]) < abs(level[bi] - rgb[i]))
				bi = j;
		c[i] = bi;
		best[i] = level[bi];
	}
	short idx = (short)(16 + 36 * c[0] + 6 * c[1] + c[2]);
	int avg = (rgb[0] + rgb[1] + rgb[2]) / 3;
	int g = avg < 8 ? 0 : avg > 238 ? 23 : (avg - 8) / 10;
	int gray[3] = { 8 + 10 * g, 8 + 10 * g, 8 + 10 * g };
	if (dist2(gray, rgb) < dist2(best, rgb))
		idx = (short)(232 + g);
	return idx;
}

static short nearest_8(const int rgb[3])
{
	static const int base[8][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	};
	short best = 0;
	for (short i = 1; i < 8; i++)
		if (dist2(base[i], rgb) < dist2(base[best], rgb))
			best = i;
	return best;
}

short tui_color_pair(struct tui *t, const char *hex)
{
	int rgb[3];
	short pair = 0;
	/* The pair of the color asked for last, kept: a subtree's codes share
	 * their color, and the code pane asks for each of 100,000 codes. */
	if (t->colors && hex && strcmp(hex, last.hex) == 0)
		return last.pair;
	if (!t->colors || !parse_hex(hex, rgb))
		return 0;
	for (int i = 0; i < npairs && !pair; i++)
		if (strcasecmp(pairs[i].hex, hex) == 0)
			pair = (short)(i + 1);
	if (!pair) {
		short bg = t->colors == 256 ? nearest_free_256(rgb, nearest_256(rgb)) : nearest_8(rgb);
		/* Black text on light colors, white on dark ones. */
		int luma = (299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2]) / 1000;
		short fg = luma > 110 ? COLOR_BLACK : COLOR_WHITE;
		for (int i = 0; i < npairs && !pair; i++)
			if (pairs[i].fg == fg && pairs[i].bg == bg)
				pair = (short)(i + 1);
		if (!pair) {
			if (npairs >= MAX_PAIRS || npairs + 1 >= COLOR_PAIRS)
				return 0;
			pairs[npairs].fg = fg;
			pairs[npairs].bg = bg;
			snprintf(pairs[npairs].hex, sizeof pairs[npairs].hex, "%s", hex);
			npairs++;
			init_pair((short)npairs, fg, bg);
			pair = (short)npairs;
		}
	}
	memcpy(last.hex, hex, sizeof last.hex);
	last.pair = pair;
	return pair;
}

/* ---------------------------------------------------------------------- */
/* Text */

size_t tui_glyph(const char *s, size_t len, int col, int *w)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!len) {
		*w = 0;
		return 0;
	}
	/* The common case, as corpus_utf8_fit's own fast path. */
	if (p[0] >= 0x20 && p[0] < 0x7F && (len == 1 || p[1] < 0x80)) {
		*w = 1;
		return 1;
	}
	/* corpus_utf8_fit stops before the first glyph that does not fit, so
	 * the smallest limit that lets anything through measures one glyph
	 * (placeholders are at most 10 columns, "<U+10FFFF>"; a tab 8). */
	for (int k = 0; k <= 10; k++) {
		int cols;
		size_t n = corpus_utf8_fit(s, len, col, k, &cols);
		if (n) {
			*w = cols;
			return n;
		}
	}
	*w = 1;
	return 1;
}

void tui_draw_glyph(int y, int x, const char *s, size_t n, int w, int attr)
{
	struct strbuf sb = { 0 };
	if (n == 1 && s[0] == '\t') {
		attrset(attr);
		mvhline(y, x, ' ', w);
		attrset(A_NORMAL);
		return;
	}
	corpus_utf8_visible(&sb, s, n, true, false);
	attrset(attr);
	mvaddnstr(y, x, sb_str(&sb), (int)sb.len);
	attrset(A_NORMAL);
	/* Whatever ncurses made of it, the next glyph goes at x + w. */
	move(y, x + w);
	sb_free(&sb);
}

int tui_draw_text(int y, int x, int w, const char *s, size_t len, int attr)
{
	struct strbuf sb = { 0 };
	int used = 0;
	if (w <= 0)
		return 0;
	/* Make it visible first (tabs expanded), then cut by width. */
	corpus_utf8_visible(&sb, s, len, true, false);
	size_t n = corpus_utf8_fit(sb_str(&sb), sb.len, 0, w, &used);
	attrset(attr);
	if (n)
		mvaddnstr(y, x, sb_str(&sb), (int)n);
	attrset(A_NORMAL);
	sb_free(&sb);
	return used;
}

int tui_text_width(const char *s, size_t len)
{
	struct strbuf sb = { 0 };
	corpus_utf8_visible(&sb, s, len, true, false);
	int w = corpus_utf8_width(sb_str(&sb), sb.len);
	sb_free(&sb);
	return w;
}

int tui_draw_text_cut(int y, int x, int w, const char *s, size_t len, int attr)
{
	if (w <= 1 || tui_text_width(s, len) <= w)
		return tui_draw_text(y, x, w, s, len, attr);
	int used = tui_draw_text(y, x, w - 1, s, len, attr);
	return used + tui_draw_text(y, x + used, 1, "…", strlen("…"), attr);
}

int tui_draw_text_mid(int y, int x, int w, const char *s, size_t len, int attr)
{
	if (w <= 2 || tui_text_width(s, len) <= w)
		return tui_draw_text_cut(y, x, w, s, len, attr);
	/* The end of a question ("? y/N") says what to answer, its start
	 * what is asked: keep both, cut the middle. */
	int tail_w = (w - 1) / 2;
	size_t t = len;
	for (size_t o = len; o > 0; o--) {
		if (((unsigned char)s[o - 1] & 0xC0) == 0x80)
			continue;
		if (tui_text_width(s + o - 1, len - (o - 1)) > tail_w)
			break;
		t = o - 1;
	}
	int used = tui_draw_text(y, x, w - 1 - tui_text_width(s + t, len - t), s, t, attr);
	used += tui_draw_text(y, x + used, 1, "…", strlen("…"), attr);
	return used + tui_draw_text(y, x + used, w - used, s + t, len - t, attr);
}

void tui_fill(int y, int x, int w, int attr)
{
	if (w <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void tui_draw_title(const struct tui_rect *r, const char *title, bool focus)
{
	int attr = focus ? (A_REVERSE | A_BOLD) : A_UNDERLINE;
	tui_fill(r->y, r->x, r->w, attr);
	/* Cut short it ends in "…": bare, the review's keys ("T nex") read as all of them. */
	tui_draw_text_cut(r->y, r->x + 1, r->w - 1, title, strlen(title), attr);
}
