/* tui/view_help.c — `?`: the keys, written from the action table that
 * binds them (tui/actions.h), so the two cannot disagree; long help is
 * wrapped at the window's width (cards_wrap: display widths, whole
 * glyphs), never cut. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"

struct help_view {
	size_t top;
};

/* After the keys and the commands: how the prompts behave.  The first
 * is a heading; each other is a paragraph, wrapped to the window. */
static const char *const prompt_notes[] = {
	"Prompts (/ search, : command, W weight, M memo, y/d/m comment)",
	"Up and Down go through what was typed in prompts of the same kind (this session); "
	"Enter and Esc both keep the text there.",
	"W, M and / always open their prompt: where they cannot act (no coding at the cursor, "
	"no document) the prompt says so and sets nothing, so what you type stays text and never "
	"runs as keys; Esc closes it, Up recalls the text later.",
	"u (or :undo N) asks \"Undo ...? y/N\" before a step that removes documents, codes or "
	"many codings: y undoes it; any other key (Enter, Esc) does not, and is taken as the "
	"answer, never run as a command.",
	"f with a name no code has, text selected: \"Create 'X' and code the selection? y/N\": "
	"y creates and codes (one undo step), n or Enter only creates (c then codes), Esc "
	"creates nothing.  A parent not there: y creates it too, c also codes.",
	"A (and A in the S list) asks the unit: h each hit (Enter), s its sentence, p its "
	"paragraph, t its turn; any other key codes nothing.",
	"H lists the codes that fit the selection: a digit codes with that one.",
};
#define NNOTES (sizeof prompt_notes / sizeof prompt_notes[0])

/* Help text narrower than this goes under its key instead of beside it. */
#define HELP_MIN_TEXT 24
/* A command's help starts at this column (below a longer command). */
#define HELP_CMD_COL 17

static int help_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	(void)t;
	(void)err;
	v->priv = xcalloc(1, sizeof(struct help_view));
	return 0;
}

/* The help is laid out line by line twice: once to count the lines (to
 * keep the scroll within them), once to draw those in the window. */
struct help_out {
	const struct tui_view *v;
	size_t line, top;
	int rows;
	bool draw;
};

/* Draw s at column x of the current line (when it is in the window). */
static void out_text(struct help_out *o, int x, int w, const char *s, size_t len, int attr)
{
	if (o->draw && o->line >= o->top && o->line < o->top + (size_t)o->rows && w > 0)
		tui_draw_text(o->v->r.y + 1 + (int)(o->line - o->top), o->v->r.x + x, w, s, len, attr);
}

/* text wrapped from column col to the window's edge, its first line on
 * the current line (which a heading may have started), hang columns
 * further left; where col leaves too little room, the text goes on the
 * lines after it, from column 4. */
static void out_wrapped(struct help_out *o, int col, int hang, const char *text, int attr)
{
	int right = o->v->r.w;
	size_t len = strlen(text), max = len + 1;
	if (right - col < HELP_MIN_TEXT && col > 4) {
		o->line++;
		col = 4;
	}
	size_t *b0 = xcalloc(max, sizeof *b0), *b1 = xcalloc(max, sizeof *b1);
	bool more;
	size_t n = cards_wrap(text, len, right - col, b0, b1, max, &more);
	for (size_t i = 0; i < n; i++, o->line++)
		out_text(o, i ? col : col - hang, right - col + (i ? 0 : hang), text + b0[i],
		         b1[i] - b0[i], attr);
	if (!n)
		o->line++;
	free(b0);
	free(b1);
}

/* The widest key list (names: the widest name), at most a third of the
 * window: the column's width. */
static int column_width(bool names, int w)
{
	int cw = 0;
	for (size_t i = 1; i < TUI_ACT_COUNT; i++) {
		const char *k = names ? tui_action_table[i].name : tui_action_table[i].keys;
		int kwi = tui_text_width(k, strlen(k));
		if (kwi > cw)
			cw = kwi;
	}
	return cw > w / 3 ? w / 3 : cw;
}

/* Every line: the actions (keys, name, help), a heading, the commands of
 * the `:` line, then the notes on prompts. */
static void help_lines(struct help_out *o)
{
	int w = o->v->r.w, kw = column_width(false, w), nw = column_width(true, w);
	for (size_t i = 1; i < TUI_ACT_COUNT; i++) {
		const struct tui_action_info *a = &tui_action_table[i];
		out_text(o, 1, kw, a->keys, strlen(a->keys), A_BOLD);
		out_text(o, kw + 2, nw, a->name, strlen(a->name), A_NORMAL);
		out_wrapped(o, kw + 2 + nw + 1, 0, a->help, A_NORMAL);
	}
	const char *m = "Commands (type : then the command, Enter runs it)";
	out_text(o, 1, w - 1, m, strlen(m), A_BOLD | A_UNDERLINE);
	o->line++;
	struct strbuf sb = { 0 };
	for (const struct tui_command_info *c = tui_command_table; c->name; c++) {
		sb_reset(&sb);
		sb_addf(&sb, ":%s %s", c->name, c->args);
		out_text(o, 1, w - 1, sb_str(&sb), sb.len, A_BOLD);
		/* A command with long arguments has its help on the next line,
		 * in the column of the others (as man pages' tagged paragraphs):
		 * beside it the text would be pushed to the window's edge. */
		if (tui_text_width(sb_str(&sb), sb.len) + 2 > HELP_CMD_COL)
			o->line++;
		out_wrapped(o, 1 + HELP_CMD_COL, 0, c->help, A_NORMAL);
	}
	sb_free(&sb);
	out_text(o, 1, w - 1, prompt_notes[0], strlen(prompt_notes[0]), A_BOLD | A_UNDERLINE);
	o->line++;
	for (size_t i = 1; i < NNOTES; i++)
		out_wrapped(o, 3, 2, prompt_notes[i], A_NORMAL);
}

static void help_draw(struct tui *t, struct tui_view *v)
{
	struct help_view *h = v->priv;
	(void)t;
	tui_draw_title(&v->r, "Keys (q, ? or Esc closes; j/k scroll)", true);
	struct help_out o = { .v = v, .rows = v->r.h - 1 };
	help_lines(&o);
	size_t n = o.line;
	if (h->top + (size_t)o.rows > n)
		h->top = n > (size_t)o.rows ? n - (size_t)o.rows : 0;
	o = (struct help_out){ .v = v, .top = h->top, .rows = v->r.h - 1, .draw = true };
	help_lines(&o);
}

static bool help_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct help_view *h = v->priv;
	(void)t;
	if (a == TUI_ACT_DOWN || a == TUI_ACT_PAGE_DOWN || a == TUI_ACT_HALF_DOWN)
		h->top += a == TUI_ACT_DOWN ? 1 : (size_t)(v->r.h / 2);
	else if (a == TUI_ACT_UP || a == TUI_ACT_PAGE_UP || a == TUI_ACT_HALF_UP) {
		size_t d = a == TUI_ACT_UP ? 1 : (size_t)(v->r.h / 2);
		h->top = h->top > d ? h->top - d : 0;
	} else if (a == TUI_ACT_TOP)
		h->top = 0;
	else if (a == TUI_ACT_BOTTOM)
		h->top = (size_t)-1 / 2;     /* clamped when drawn */
	else
		return false;
	return true;
}

static void help_resize(struct tui *t, struct tui_view *v)
{
	(void)t;
	(void)v;
}

static void help_close(struct tui_view *v)
{
	free(v->priv);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.close = help_close,
};
