/* tui/prompt.c — the prompt line: a one-line editor for search patterns,
 * commands, weights, memos and the finder's query.  Text is UTF-8; the
 * cursor moves and deletes by code point, never inside one.  Typed keys
 * are text; the editing keys are actions of tui/actions.h (so `?` lists
 * them): Enter, Esc, Left/Right, Home/End, Backspace, Delete, Ctrl-U,
 * Ctrl-W, and Up/Down through the history of the prompt's kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "view.h"

/* Put s in the editor (cut to the buffer, never inside a code point),
 * the cursor at its end. */
static void set_text(struct tui_prompt *p, const char *s)
{
	size_t n = strlen(s);
	if (n >= sizeof p->buf)
		n = sizeof p->buf - 1;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(p->buf, s, n);
	p->buf[n] = 0;
	p->len = p->cur = n;
}

void tui_prompt_open(struct tui *t, enum tui_prompt_kind kind, const char *label,
                     const char *init, void (*done)(struct tui *t, const char *text))
{
	struct tui_prompt *p = &t->prompt;
	memset(p, 0, sizeof *p);
	p->on = true;
	p->kind = kind;
	snprintf(p->label, sizeof p->label, "%s", label);
	if (init)
		set_text(p, init);
	p->done = done;
}

void tui_prompt_fail(struct tui *t, enum tui_prompt_kind kind, const char *what,
                     const char *why)
{
	char label[192], said[256];
	snprintf(label, sizeof label, "%s: %s (Esc): ", what, why);
	snprintf(said, sizeof said, "%s: %s (what was typed is kept: Up recalls it)", what, why);
	tui_prompt_open(t, kind, label, NULL, NULL);
	snprintf(t->prompt.failed, sizeof t->prompt.failed, "%s", said);
}

void tui_prompt_close(struct tui *t)
{
	memset(&t->prompt, 0, sizeof t->prompt);
}

/* The open question's answer (one question at a time: it is a prompt). */
static void (*ask_answer)(struct tui *t, char key);

static void ask_key(struct tui *t)
{
	char c = t->prompt.buf[0];
	tui_prompt_close(t);
	ask_answer(t, c);
}

static void ask_enter(struct tui *t, const char *text)
{
	(void)text;
	ask_answer(t, '\n');
}

static void ask_esc(struct tui *t)
{
	ask_answer(t, 0);
}

void tui_prompt_ask(struct tui *t, const char *question, void (*answer)(struct tui *t, char key))
{
	ask_answer = answer;
	tui_prompt_open(t, TUI_PROMPT_NONE, question, NULL, ask_enter);
	t->prompt.edited = ask_key;
	t->prompt.cancel = ask_esc;
}

static void history_add(struct tui *t, enum tui_prompt_kind kind, const char *text)
{
	struct tui_history *h = &t->history[kind];
	if (kind == TUI_PROMPT_NONE || !*text || (h->n && strcmp(h->v[h->n - 1], text) == 0))
		return;
	if (h->n == TUI_HISTORY_MAX) {
		free(h->v[0]);
		memmove(&h->v[0], &h->v[1], (TUI_HISTORY_MAX - 1) * sizeof h->v[0]);
		h->n--;
	}
	h->v[h->n++] = xstrdup(text);
}

void tui_prompt_history_free(struct tui *t)
{
	for (int k = 0; k < TUI_PROMPT_NKINDS; k++) {
		for (size_t i = 0; i < t->history[k].n; i++)
			free(t->history[k].v[i]);
		t->history[k].n = 0;
	}
}

/* Up (older) and Down (newer, then back to what was typed). */
static bool history_move(struct tui *t, enum tui_action a)
{
	struct tui_prompt *p = &t->prompt;
	const struct tui_history *h = &t->history[p->kind];
	if (p->kind == TUI_PROMPT_NONE || (a != TUI_ACT_UP && a != TUI_ACT_DOWN))
		return false;
	if (a == TUI_ACT_UP && p->back < h->n) {
		if (p->back == 0)
			memcpy(p->draft, p->buf, sizeof p->draft);
		p->back++;
	} else if (a == TUI_ACT_DOWN && p->back > 0)
		p->back--;
	else
		return true;
	set_text(p, p->back ? h->v[h->n - p->back] : p->draft);
	return true;
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

/* Close, keep the text in the history, then call done or cancel (which
 * may open another prompt).  A failed prompt only says why nothing was
 * set. */
static void finish(struct tui *t, bool ok)
{
	struct tui_prompt p = t->prompt;
	history_add(t, p.kind, p.buf);
	tui_prompt_close(t);
	if (*p.failed)
		tui_message(t, true, "%s", p.failed);
	else if (ok && p.done)
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
	if (history_move(t, a) && p->edited)
		p->edited(t);
}

void tui_prompt_draw_at(struct tui *t, int y, int x, int w)
{
	const struct tui_prompt *p = &t->prompt;
	tui_fill(y, x, w, A_NORMAL);
	/* Room for the cursor, and for what is typed (a third of the line, at
	 * most 30 columns) unless the prompt asks a question; a label too wide
	 * loses its middle. */
	int lmax = w > 3 ? w - 2 : w;
	if (p->kind != TUI_PROMPT_NONE && w > 30)
		lmax = w - (w / 3 < 30 ? w / 3 : 30);
	int lw = tui_draw_text_mid(y, x, lmax, p->label, strlen(p->label), A_BOLD);
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
