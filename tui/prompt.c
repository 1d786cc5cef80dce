/* tui/prompt.c — the prompt line: a one-line editor for search patterns,
 * commands, weights, memos and the finder's query.  Text is UTF-8; the
 * cursor moves and deletes by code point, never inside one.  Typed keys
 * are text; the editing keys are actions of tui/actions.h (so `?` lists
 * them): Enter, Esc, Left/Right, Home/End, Backspace, Delete, Ctrl-U,
 * Ctrl-W. */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "view.h"

void tui_prompt_open(struct tui *t, const char *label, const char *init,
                     void (*done)(struct tui *t, const char *text))
{
	struct tui_prompt *p = &t->prompt;
	memset(p, 0, sizeof *p);
	p->on = true;
	snprintf(p->label, sizeof p->label, "%s", label);
	if (init) {
		size_t n = strlen(init);
		if (n >= sizeof p->buf)
			n = sizeof p->buf - 1;
		/* Never cut a code point in two. */
		while (n > 0 && ((unsigned char)init[n] & 0xC0) == 0x80)
			n--;
		memcpy(p->buf, init, n);
		p->len = p->cur = n;
	}
	p->done = done;
}

void tui_prompt_close(struct tui *t)
{
	memset(&t->prompt, 0, sizeof t->prompt);
}

static bool cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

static size_t prev_cp(const struct tui_prompt *p, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && cont(p->buf[i]))
		i--;
	return i;
}

static size_t next_cp(const struct tui_prompt *p, size_t i)
{
	if (i >= p->len)
		return p->len;
	i++;
	while (i < p->len && cont(p->buf[i]))
		i++;
	return i;
}

static void cut(struct tui_prompt *p, size_t a, size_t b)
{
	memmove(p->buf + a, p->buf + b, p->len - b);
	p->len -= b - a;
	p->buf[p->len] = 0;
	p->cur = a;
}

static void insert(struct tui_prompt *p, char c)
{
	if (p->len + 1 >= sizeof p->buf)
		return;
	memmove(p->buf + p->cur + 1, p->buf + p->cur, p->len - p->cur);
	p->buf[p->cur++] = c;
	p->len++;
	p->buf[p->len] = 0;
}

static void finish(struct tui *t, bool ok)
{
	struct tui_prompt p = t->prompt;
	tui_prompt_close(t);
	if (ok && p.done)
		p.done(t, p.buf);
	else if (!ok && p.cancel)
		p.cancel(t);
}

/* Editing; false when the action is not an editing one. */
static bool edit(struct tui_prompt *p, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_LEFT: p->cur = prev_cp(p, p->cur); return true;
	case TUI_ACT_RIGHT: p->cur = next_cp(p, p->cur); return true;
	case TUI_ACT_TOP: p->cur = 0; return true;
	case TUI_ACT_BOTTOM: p->cur = p->len; return true;
	case TUI_ACT_PROMPT_BS:
		if (p->cur)
			cut(p, prev_cp(p, p->cur), p->cur);
		return true;
	case TUI_ACT_PROMPT_DEL:
		cut(p, p->cur, next_cp(p, p->cur));
		return true;
	case TUI_ACT_HALF_UP: cut(p, 0, p->cur); return true;
	case TUI_ACT_PROMPT_WORD: {
		size_t i = p->cur;
		while (i > 0 && p->buf[i - 1] == ' ')
			i--;
		while (i > 0 && p->buf[i - 1] != ' ')
			i--;
		cut(p, i, p->cur);
		return true;
	}
	default: return false;
	}
}

void tui_prompt_key(struct tui *t, int key)
{
	struct tui_prompt *p = &t->prompt;
	/* Text: printable ASCII and the bytes of UTF-8 sequences (curses
	 * hands them over one by one). */
	if ((key >= 0x20 && key < 0x7F) || (key >= 0x80 && key <= 0xFF)) {
		insert(p, (char)key);
		if (p->edited)
			p->edited(t);
		return;
	}
	enum tui_action a = tui_key_action(key);
	if (a == TUI_ACT_OPEN) {
		finish(t, true);
		return;
	}
	if (a == TUI_ACT_CANCEL || (a == TUI_ACT_PROMPT_BS && p->len == 0)) {
		finish(t, false);
		return;
	}
	size_t len = p->len;
	if (edit(p, a)) {
		if (p->edited && p->len != len)
			p->edited(t);
		return;
	}
	if (p->key && p->key(t, a))
		return;
}

void tui_prompt_draw_at(struct tui *t, int y, int x, int w)
{
	const struct tui_prompt *p = &t->prompt;
	tui_fill(y, x, w, A_NORMAL);
	int lw = tui_draw_text(y, x, w, p->label, strlen(p->label), A_BOLD);
	int room = w - lw - 1;
	if (room <= 0)
		return;
	/* Scroll so that the cursor stays in view. */
	size_t off = 0;
	while (off < p->cur && corpus_utf8_width(p->buf + off, p->cur - off) >= room)
		off = next_cp(p, off);
	int cx = x + lw;
	cx += tui_draw_text(y, cx, room, p->buf + off, p->cur - off, A_NORMAL);
	int gw = 1;
	size_t g = p->cur < p->len ? tui_glyph(p->buf + p->cur, p->len - p->cur, 0, &gw) : 0;
	if (g)
		tui_draw_glyph(y, cx, p->buf + p->cur, g, gw, A_REVERSE);
	else
		tui_fill(y, cx, 1, A_REVERSE);
	cx += gw;
	if (cx < x + w && p->cur + g < p->len)
		tui_draw_text(y, cx, x + w - cx, p->buf + p->cur + g, p->len - p->cur - g, A_NORMAL);
}
