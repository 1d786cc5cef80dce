/* tui/cards.c — the card list of the views over the panes (tui/views.h),
 * and the few helpers those views share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../team/team.h"

struct card *cards_add(struct cards *c, int64_t doc_id, const char *doc, size_t cp,
                       const char *key)
{
	c->v = xreallocarray(c->v, c->nv + 1, sizeof *c->v);
	struct card *k = &c->v[c->nv++];
	if (!c->page)
		c->n = c->nv;
	memset(k, 0, sizeof *k);
	k->doc_id = doc_id;
	k->doc = doc ? xstrdup(doc) : NULL;
	k->cp = cp;
	snprintf(k->key, sizeof k->key, "%s", key ? key : "");
	return k;
}

void cards_part(struct card *k, const char *s, int attr, bool wrap)
{
	k->parts = xreallocarray(k->parts, k->nparts + 1, sizeof *k->parts);
	k->parts[k->nparts++] = (struct card_part){ xstrdup(s ? s : ""), attr, 0, wrap };
}

void cards_partf(struct card *k, int attr, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	cards_part(k, sb_str(&sb), attr, false);
	sb_free(&sb);
}

static void card_parts_free(struct card *k)
{
	for (size_t j = 0; j < k->nparts; j++)
		free(k->parts[j].s);
	free(k->parts);
	k->parts = NULL;
	k->nparts = 0;
}

void cards_unfill(struct cards *c, size_t i)
{
	if (i >= c->base && i - c->base < c->nv) {
		card_parts_free(&c->v[i - c->base]);
		c->v[i - c->base].filled = false;
	}
}

static void cards_drop(struct cards *c)
{
	for (size_t i = 0; i < c->nv; i++) {
		card_parts_free(&c->v[i]);
		free(c->v[i].doc);
	}
	free(c->v);
	c->v = NULL;
	c->nv = 0;
	if (!c->page)
		c->n = 0;
}

void cards_window(struct cards *c, size_t base)
{
	cards_drop(c);
	c->base = base;
}

struct card *cards_at(struct cards *c, size_t i)
{
	if (i >= c->n)
		return NULL;
	if (c->page && (i < c->base || i - c->base >= c->nv))
		c->page(c, i, c->fill_arg);
	if (i < c->base || i - c->base >= c->nv)
		return NULL;
	return &c->v[i - c->base];
}

void cards_free(struct cards *c)
{
	cards_drop(c);
	memset(c, 0, sizeof *c);
}

void cards_refill(struct cards *c)
{
	const struct card *k = cards_at(c, c->cur);
	snprintf(c->keep, sizeof c->keep, "%s", k ? k->key : "");
	cards_drop(c);
}

void cards_settle(struct cards *c)
{
	for (size_t i = 0; *c->keep && i < c->nv; i++)
		if (strcmp(c->v[i].key, c->keep) == 0) {
			c->cur = c->base + i;
			break;
		}
	if (c->cur >= c->n)
		c->cur = c->n ? c->n - 1 : 0;
	if (c->top > c->cur)
		c->top = c->cur;
	c->keep[0] = 0;
}

size_t cards_wrap(const char *s, size_t len, int w, size_t *b0, size_t *b1, size_t max,
                  bool *more)
{
	size_t n = 0, i = 0;
	*more = false;
	if (w < 1)
		w = 1;
	while (i < len) {
		if (n == max) {
			*more = true;
			break;
		}
		size_t start = i, brk = 0;
		int col = 0;
		while (i < len && s[i] != '\n') {
			int gw;
			size_t g = tui_glyph(s + i, len - i, col, &gw);
			if (col + gw > w && i > start)
				break;
			if (s[i] == ' ')
				brk = i;
			col += gw;
			i += g;
		}
		if (i < len && s[i] != '\n' && brk > start) {
			/* Break after the last space of the line. */
			i = brk + 1;
		}
		b0[n] = start;
		b1[n] = i;
		n++;
		if (i < len && s[i] == '\n')
			i++;
		else
			while (i < len && s[i] == ' ')
				i++;
	}
	return n;
}

static int part_lines(const struct card_part *p, int w, size_t max)
{
	if (!p->wrap)
		return 1;
	size_t b0[64], b1[64];
	bool more;
	if (max > 64)
		max = 64;
	size_t n = cards_wrap(p->s, strlen(p->s), w, b0, b1, max, &more);
	return n ? (int)n : 1;
}

static size_t max_lines(const struct cards *c, const struct tui_rect *r)
{
	int m = c->max_lines > 0 ? c->max_lines : r->h / 3;
	return m < 1 ? 1 : (size_t)m;
}

void cards_ready(struct cards *c, size_t i)
{
	struct card *k = cards_at(c, i);
	if (c->fill && k && !k->filled) {
		k->filled = true;
		c->fill(c, i, c->fill_arg);
	}
}

static int card_height(struct cards *c, size_t i, const struct tui_rect *r)
{
	cards_ready(c, i);
	const struct card *k = cards_at(c, i);
	int h = 1;   /* the blank line after it */
	for (size_t j = 0; k && j < k->nparts; j++)
		h += part_lines(&k->parts[j], r->w - 4, max_lines(c, r));
	return h;
}

static int draw_part(const struct card_part *p, const struct tui_rect *r, int y, size_t max,
                     int attr)
{
	int x = r->x + 2, w = r->w - 4;
	if (!p->wrap) {
		tui_draw_text(y, x, w, p->s, strlen(p->s), p->attr | attr);
		return 1;
	}
	size_t b0[64], b1[64], len = strlen(p->s);
	bool more;
	size_t n = cards_wrap(p->s, len, w, b0, b1, max > 64 ? 64 : max, &more);
	for (size_t i = 0; i < n && y + (int)i < r->y + r->h; i++) {
		tui_draw_text(y + (int)i, x, w, p->s + b0[i], b1[i] - b0[i], p->attr);
		if (more && i + 1 == n)
			tui_draw_text(y + (int)i, x + w, 2, "…", strlen("…"), A_BOLD);
	}
	return n ? (int)n : 1;
}

void cards_draw(struct tui *t, struct cards *c, const struct tui_rect *r, bool focus)
{
	(void)t;
	if (!c->n) {
		const char *m = "(none)";
		tui_draw_text(r->y, r->x + 2, r->w - 2, m, strlen(m), A_NORMAL);
		return;
	}
	if (c->cur >= c->n)
		c->cur = c->n - 1;
	if (c->top > c->cur)
		c->top = c->cur;
	/* The first card from the top on such that it and the cards down to
	 * the cursor fit (the cursor's alone if it does not): summed from the
	 * cursor up, so a jump to the end of thousands of cards measures only
	 * those that can be on the screen. */
	int h = card_height(c, c->cur, r);
	size_t top = c->cur;
	while (top > c->top) {
		int hh = card_height(c, top - 1, r);
		if (h + hh - 1 > r->h)
			break;
		h += hh;
		top--;
	}
	c->top = top;
	int y = r->y;
	for (size_t i = c->top; i < c->n && y < r->y + r->h; i++) {
		cards_ready(c, i);
		const struct card *k = cards_at(c, i);
		if (!k)
			break;
		bool cur = i == c->cur;
		if (cur)
			tui_draw_text(y, r->x, 2, ">", 1, A_BOLD);
		for (size_t j = 0; j < k->nparts && y < r->y + r->h; j++) {
			int attr = cur && j == 0 ? (focus ? A_REVERSE : A_UNDERLINE) : 0;
			y += draw_part(&k->parts[j], r, y, max_lines(c, r), attr);
		}
		y++;
	}
}

bool cards_key(struct cards *c, enum tui_action a, int page)
{
	long d;
	switch (a) {
	case TUI_ACT_DOWN: d = 1; break;
	case TUI_ACT_UP: d = -1; break;
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HALF_DOWN: d = page > 6 ? page / 4 : 1; break;
	case TUI_ACT_PAGE_UP: case TUI_ACT_HALF_UP: d = page > 6 ? -(page / 4) : -1; break;
	case TUI_ACT_TOP: d = -(long)c->n; break;
	case TUI_ACT_BOTTOM: d = (long)c->n; break;
	default: return false;
	}
	long i = (long)c->cur + d;
	if (i >= (long)c->n)
		i = (long)c->n - 1;
	if (i < 0)
		i = 0;
	c->cur = (size_t)i;
	return true;
}

void cards_jump(struct tui *t, struct cards *c)
{
	struct card *k = cards_at(c, c->cur);
	if (!k || !k->doc_id)
		return;
	/* Opening the document may reload the views, this list with them. */
	size_t cp = k->cp;
	if (tui_open_doc(t, k->doc_id, k->doc ? k->doc : "") == 0)
		tui_text_goto(t, cp);
}

const char *views_code_key(struct tui *t, int i)
{
	return t->codes.cb.codes[i].guid;
}

void views_code_label(struct tui *t, int i, struct strbuf *out)
{
	const struct codebook_code *k = &t->codes.cb.codes[i];
	if (*k->number)
		sb_addf(out, "%s ", k->number);
	codebook_path(&t->codes.cb, (size_t)i, out);
}

int views_code_find(struct tui *t, int64_t id)
{
	for (size_t i = 0; i < t->codes.cb.ncodes; i++)
		if (t->codes.cb.codes[i].id == id)
			return (int)i;
	return -1;
}

int views_code_find_guid(struct tui *t, const char *guid)
{
	for (size_t i = 0; guid && *guid && i < t->codes.cb.ncodes; i++)
		if (strcmp(t->codes.cb.codes[i].guid, guid) == 0)
			return (int)i;
	return -1;
}

int views_code_find_path(struct tui *t, const char *number, const char *path)
{
	int found = -1;
	struct strbuf sb = { 0 };
	for (size_t i = 0; *path && found < 0 && i < t->codes.cb.ncodes; i++) {
		if (strcmp(t->codes.cb.codes[i].number, number) != 0)
			continue;
		sb_reset(&sb);
		codebook_path(&t->codes.cb, i, &sb);
		if (strcmp(sb_str(&sb), path) == 0)
			found = (int)i;
	}
	sb_free(&sb);
	return found;
}

int views_coders_rerank(struct tui *t, struct team_coder_count **coders, size_t *n, size_t *a,
                        size_t *b, struct anker_err *err)
{
	struct team_coder_count *c;
	size_t m, na = 0, nb = 1;
	int rc = team_coders_ranked(t->st, &c, &m, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < m && *n >= 2; i++) {
		if (strcmp(c[i].name, (*coders)[*a].name) == 0)
			na = i;
		if (strcmp(c[i].name, (*coders)[*b].name) == 0)
			nb = i;
	}
	if (na == nb)
		na = 0, nb = 1;
	team_coder_counts_free(*coders, *n);
	*coders = c;
	*n = m;
	*a = na;
	*b = nb;
	return 0;
}

bool views_coders_pair_next(struct tui *t, const struct team_coder_count *c, size_t n, size_t *a,
                            size_t *b)
{
	if (n < 2)
		return false;
	if (n == 2) {
		/* C did nothing without a word: say why. */
		tui_message(t, false, "Only %s and %s have segments: no other pair of coders",
		            c[0].name, c[1].name);
		return false;
	}
	if (++*b >= n) {
		*a = *a + 2 < n ? *a + 1 : 0;
		*b = *a + 1;
	}
	return true;
}
