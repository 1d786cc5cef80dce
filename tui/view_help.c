/* tui/view_help.c — `?`: the keys, written from the action table that
 * binds them (tui/actions.h), so the two cannot disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "view.h"

struct help_view {
	size_t top;
};

/* After the keys and the commands: how the prompts behave. */
static const char *const prompt_notes[] = {
	"Prompts (/ search, : command, W weight, M memo, y/d/m comment)",
	"Up and Down go through what was typed in prompts of the same kind (this session);",
	"  Enter and Esc both keep the text there.",
	"W, M and / always open their prompt: where they cannot act (no coding at the",
	"  cursor, no document) the prompt says so and sets nothing, so what you type",
	"  stays text and never runs as keys; Esc closes it, Up recalls the text later.",
	"u (or :undo N) asks \"Undo ...? y/N\" before a step that removes documents,",
	"  codes or many codings: y undoes it; any other key (Enter, Esc) does not, and",
	"  is taken as the answer, never run as a command.",
	"f with a name no code has, text selected: \"Create 'X' and code the selection?",
	"  y/N\": y creates and codes (one undo step), n or Enter only creates (c then",
	"  codes), Esc creates nothing.  A parent not there: y creates it too, c also codes.",
	"A (and A in the S list) asks the unit: h each hit (Enter), s its sentence,",
	"  p its paragraph, t its turn; any other key codes nothing.",
	"H lists the codes that fit the selection: a digit codes with that one.",
};
#define NNOTES (sizeof prompt_notes / sizeof prompt_notes[0])

static int help_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	(void)t;
	(void)err;
	v->priv = xcalloc(1, sizeof(struct help_view));
	return 0;
}

static void help_draw(struct tui *t, struct tui_view *v)
{
	struct help_view *h = v->priv;
	(void)t;
	tui_draw_title(&v->r, "Keys (q, ? or Esc closes; j/k scroll)", true);
	int rows = v->r.h - 1;
	size_t nact = TUI_ACT_COUNT - 1, ncmd = 0;
	while (tui_command_table[ncmd].name)
		ncmd++;
	/* The actions, a heading, then the commands of the `:` line, then
	 * the notes on prompts. */
	size_t n = nact + 1 + ncmd + NNOTES;
	if (h->top + (size_t)rows > n)
		h->top = n > (size_t)rows ? n - (size_t)rows : 0;
	int kw = 16;
	for (int i = 0; i < rows && h->top + (size_t)i < n; i++) {
		size_t r = h->top + (size_t)i;
		int y = v->r.y + 1 + i;
		char buf[256];
		if (r == nact) {
			const char *m = "Commands (type : then the command, Enter runs it)";
			tui_draw_text(y, v->r.x + 1, v->r.w - 1, m, strlen(m), A_BOLD | A_UNDERLINE);
			continue;
		}
		if (r > nact + ncmd) {
			const char *m = prompt_notes[r - nact - ncmd - 1];
			tui_draw_text(y, v->r.x + 1, v->r.w - 1, m, strlen(m),
			              r == nact + ncmd + 1 ? A_BOLD | A_UNDERLINE : A_NORMAL);
			continue;
		}
		if (r > nact) {
			const struct tui_command_info *c = &tui_command_table[r - nact - 1];
			snprintf(buf, sizeof buf, ":%s %s", c->name, c->args);
			tui_draw_text(y, v->r.x + 1, v->r.w - 1, buf, strlen(buf), A_BOLD);
			int cw = (int)strlen(buf) + 2 > kw + 1 ? (int)strlen(buf) + 2 : kw + 1;
			tui_draw_text(y, v->r.x + 1 + cw, v->r.w - 1 - cw, c->help, strlen(c->help),
			              A_NORMAL);
			continue;
		}
		const struct tui_action_info *a = &tui_action_table[r + 1];
		tui_draw_text(y, v->r.x + 1, kw, a->keys, strlen(a->keys), A_BOLD);
		snprintf(buf, sizeof buf, "%-16s %s", a->name, a->help);
		tui_draw_text(y, v->r.x + 2 + kw, v->r.w - kw - 2, buf, strlen(buf), A_NORMAL);
	}
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
