/* tui/view.c — the view manager: the three panes and the help view, the
 * layout (one place for every size and every resize), the status line and
 * the dispatch of actions to the focused view. */
#include <ctype.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "text.h"

static const struct tui_view_ops *const pane_ops[TUI_NPANES] = {
	[TUI_PANE_DOCS] = &tui_view_docs_ops,
	[TUI_PANE_CODES] = &tui_view_codes_ops,
	[TUI_PANE_TEXT] = &tui_view_text_ops,
};

int tui_views_open(struct tui *t, struct anker_err *err)
{
	int rc = store_data_version(t->st, &t->data_version, err);
	if (rc)
		return rc;
	for (int i = 0; i < TUI_NPANES; i++) {
		t->panes[i].ops = pane_ops[i];
		rc = pane_ops[i]->open(t, &t->panes[i], err);
		if (rc)
			return rc;
	}
	return ANKER_OK;
}

int tui_view_push(struct tui *t, const struct tui_view_ops *ops, void *arg)
{
	struct anker_err err = { 0 };
	if (t->depth >= TUI_STACK_MAX) {
		/* arg is open's to free: open and close the view unseen. */
		struct tui_view scratch = { .ops = ops, .priv = arg };
		if (ops->open(t, &scratch, &err) == 0 && ops->close)
			ops->close(&scratch);
		tui_message(t, true, "Too many views open: close one with q");
		return ANKER_INPUT;
	}
	struct tui_view *v = &t->stack[t->depth];
	memset(v, 0, sizeof *v);
	v->ops = ops;
	v->priv = arg;
	int rc = ops->open(t, v, &err);
	if (rc) {
		tui_message(t, true, "%s", err.msg[0] ? err.msg : "Cannot open this view");
		memset(v, 0, sizeof *v);
		return rc;
	}
	t->depth++;
	v->r = (struct tui_rect){ 0, 0, t->lines - 1, t->cols };
	if (ops->resize)
		ops->resize(t, v);
	return ANKER_OK;
}

static void view_close(struct tui_view *v)
{
	if (v->ops->close)
		v->ops->close(v);
	memset(v, 0, sizeof *v);
}

void tui_view_pop(struct tui *t)
{
	if (t->depth == 0)
		return;
	view_close(&t->stack[--t->depth]);
	/* The view under it missed a change while covered: load it now. */
	struct tui_view *top = tui_view_top(t);
	if (top && top->stale) {
		top->stale = false;
		if (top->ops->reload)
			top->ops->reload(t, top);
	}
}

struct tui_view *tui_view_top(struct tui *t)
{
	return t->depth ? &t->stack[t->depth - 1] : NULL;
}

static void set_rect(struct tui *t, struct tui_view *v, int y, int x, int h, int w);

void tui_view_park(struct tui *t)
{
	if (!t->depth)
		return;
	/* No room: the oldest layers go (closed), the newest ways back stay. */
	while (t->nlayers && t->nparked + t->depth > TUI_PARK_MAX) {
		int k = t->layer[0];
		for (int i = 0; i < k; i++)
			view_close(&t->parked[i]);
		memmove(t->parked, t->parked + k, (size_t)(t->nparked - k) * sizeof t->parked[0]);
		memset(t->parked + t->nparked - k, 0, (size_t)k * sizeof t->parked[0]);
		memmove(t->layer, t->layer + 1, (size_t)(t->nlayers - 1) * sizeof t->layer[0]);
		t->nparked -= k;
		t->nlayers--;
	}
	memcpy(t->parked + t->nparked, t->stack, (size_t)t->depth * sizeof t->stack[0]);
	memset(t->stack, 0, (size_t)t->depth * sizeof t->stack[0]);
	t->nparked += t->depth;
	t->layer[t->nlayers++] = t->depth;
	t->depth = 0;
}

bool tui_view_back(struct tui *t)
{
	if (!t->nlayers || t->depth)
		return false;
	int k = t->layer[--t->nlayers];
	memcpy(t->stack, t->parked + t->nparked - k, (size_t)k * sizeof t->stack[0]);
	memset(t->parked + t->nparked - k, 0, (size_t)k * sizeof t->parked[0]);
	t->depth = k;
	t->nparked -= k;
	/* The window may have changed size behind the panes. */
	for (int i = 0; i < t->depth; i++)
		set_rect(t, &t->stack[i], 0, 0, t->lines - 1, t->cols);
	struct tui_view *top = tui_view_top(t);
	if (top->stale) {
		top->stale = false;
		if (top->ops->reload)
			top->ops->reload(t, top);
	}
	return true;
}

void tui_views_close(struct tui *t)
{
	/* The views over the panes first, without loading the ones under
	 * them again (tui_view_pop would). */
	while (t->depth)
		view_close(&t->stack[--t->depth]);
	while (t->nparked)
		view_close(&t->parked[--t->nparked]);
	t->nlayers = 0;
	for (int i = 0; i < TUI_NPANES; i++)
		if (t->panes[i].ops && t->panes[i].ops->close)
			t->panes[i].ops->close(&t->panes[i]);
	tui_prompt_history_free(t);
	tui_docs_free(t);
	tui_memo_free();
	for (size_t i = 0; i < TUI_MSGLOG; i++)
		free(t->msglog.text[i]);
	memset(&t->msglog, 0, sizeof t->msglog);
	/* The code tree is shared by the views: the manager's to free. */
	codebook_free(&t->codes.cb);
	free(t->codes.pair);
	t->codes.pair = NULL;
}

static void set_rect(struct tui *t, struct tui_view *v, int y, int x, int h, int w)
{
	v->r = (struct tui_rect){ y, x, h, w };
	if (v->ops->resize)
		v->ops->resize(t, v);
}

/* The one place that knows the size: called at start, on KEY_RESIZE and
 * on redraw.  MAXQDA's layout: documents top left, code system bottom
 * left, the document on the right, the status line at the bottom. */
void tui_layout(struct tui *t)
{
	getmaxyx(stdscr, t->lines, t->cols);
	t->too_small = t->cols < TUI_MIN_COLS || t->lines < TUI_MIN_LINES;
	if (!t->too_small) {
		int body = t->lines - 1;
		int left = t->cols * 3 / 10;
		if (left < 16)
			left = 16;
		if (left > 48)
			left = 48;
		int top = body / 2;
		set_rect(t, &t->panes[TUI_PANE_DOCS], 0, 0, top, left);
		set_rect(t, &t->panes[TUI_PANE_CODES], top, 0, body - top, left);
		set_rect(t, &t->panes[TUI_PANE_TEXT], 0, left + 1, body, t->cols - left - 1);
		for (int i = 0; i < t->depth; i++)
			set_rect(t, &t->stack[i], 0, 0, body, t->cols);
	}
	clearok(curscr, TRUE);
	tui_draw(t);
}

/* The status line: where the cursor is, and the last message.  The
 * message comes first: when both do not fit, the status drops the project
 * and coder, then the way back to a list, the document, the position; a
 * message longer than the line takes all of it, cut with "…" (E shows it
 * in full). */
static void draw_status(struct tui *t)
{
	char v[5][1024], who[300], mode[64];
	int y = t->lines - 1;
	/* A reviewer other than the coder is named beside the coder: verdicts
	 * go in under that name. */
	snprintf(who, sizeof who, "%s%s%s", t->coder, *t->reviewer ? " | reviewer " : "",
	         t->reviewer);
	/* After a jump from a list, the way back, while there is room. */
	bool back = t->nparked && !t->depth;
	snprintf(mode, sizeof mode, "%s%s%s", t->mode, back ? " | q: back to " : "",
	         back ? t->parked[t->nparked - 1].ops->name : "");
	if (t->doc_name) {
		snprintf(v[0], sizeof v[0], " %s | %s | Pos. %zu (%zu) | %s | %s ", t->project,
		         t->doc_name, t->pos_para, t->pos_cp, who, mode);
		snprintf(v[1], sizeof v[1], " %s | Pos. %zu (%zu) | %s ", t->doc_name, t->pos_para,
		         t->pos_cp, mode);
		snprintf(v[2], sizeof v[2], " %s | Pos. %zu (%zu) | %s ", t->doc_name, t->pos_para,
		         t->pos_cp, t->mode);
		snprintf(v[3], sizeof v[3], " Pos. %zu | %s ", t->pos_para, t->mode);
	} else {
		snprintf(v[0], sizeof v[0], " %s | no document | %s | %s ", t->project, who, mode);
		snprintf(v[1], sizeof v[1], " no document | %s ", mode);
		snprintf(v[2], sizeof v[2], " no document | %s ", t->mode);
		snprintf(v[3], sizeof v[3], " %s ", t->mode);
	}
	snprintf(v[4], sizeof v[4], " %s ", t->mode);
	int attr = t->msg_error ? (A_REVERSE | A_BOLD) : A_REVERSE;
	size_t mlen = strlen(t->msg);
	int mw = mlen ? tui_text_width(t->msg, mlen) : 0;
	tui_fill(y, 0, t->cols, A_REVERSE);
	for (int i = 0; i < 5; i++) {
		int sw = tui_text_width(v[i], strlen(v[i]));
		if (!mw || sw + 1 + mw <= t->cols) {
			int used = tui_draw_text(y, 0, t->cols, v[i], strlen(v[i]), A_REVERSE);
			if (mw)
				tui_draw_text(y, used + 1, t->cols - used - 1, t->msg, mlen, attr);
			return;
		}
	}
	tui_draw_text_cut(y, 1, t->cols - 1, t->msg, mlen, attr);
}

void tui_draw(struct tui *t)
{
	erase();
	if (t->too_small) {
		const char *m = "Window too small: anker needs 40x12";
		tui_draw_text(0, 0, t->cols, m, strlen(m), A_BOLD);
		refresh();
		return;
	}
	if (t->depth) {
		struct tui_view *top = tui_view_top(t);
		top->ops->draw(t, top);
	} else {
		for (int i = 0; i < TUI_NPANES; i++)
			t->panes[i].ops->draw(t, &t->panes[i]);
		const struct tui_rect *r = &t->panes[TUI_PANE_TEXT].r;
		mvvline(0, r->x - 1, '|', r->h);
	}
	draw_status(t);
	if (t->prompt.on) {
		if (t->prompt.draw)
			t->prompt.draw(t);
		else
			tui_prompt_draw_at(t, t->lines - 1, 0, t->cols);
	}
	refresh();
}

/* Test hook, like ANKER_TUI_KEYS: with ANKER_TUI_MESSAGES=FILE every
 * status-line message is appended to FILE as one line, with one write(2)
 * as it is set (the screen shows it at the next draw, which follows).  A
 * test that kills the TUI at random moments (tests/tui/test_crash.sh)
 * reads it to learn which codings were acknowledged: a "Coded ..." line
 * is written only after the coding was committed. */
static void message_log(const char *msg)
{
	static int fd = -2;
	if (fd == -2) {
		const char *path = getenv("ANKER_TUI_MESSAGES");
		fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
	}
	if (fd < 0)
		return;
	char line[sizeof ((struct tui *)0)->msg + 1];
	size_t n = strlen(msg);
	memcpy(line, msg, n);
	line[n++] = '\n';
	if (write(fd, line, n) < 0)
		return;   /* a test hook: the test sees the line missing */
}

static void msglog_add(struct tui_msglog *l, const char *msg, bool error)
{
	time_t now = time(NULL);
	struct tm tm;
	free(l->text[l->next]);
	l->text[l->next] = xstrdup(msg);
	l->error[l->next] = error;
	if (localtime_r(&now, &tm))
		strftime(l->when[l->next], sizeof l->when[l->next], "%H:%M:%S", &tm);
	l->next = (l->next + 1) % TUI_MSGLOG;
	if (l->n < TUI_MSGLOG)
		l->n++;
	l->seq++;
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	message_log(t->msg);
	if (t->msg[0])
		msglog_add(&t->msglog, t->msg, error);
}

void tui_message_id(struct tui *t, enum tui_msg m)
{
	tui_message(t, m != TUI_MSG_SEL_START && m != TUI_MSG_SEL_CANCEL, "%s", tui_msg_text[m]);
}

/* The code tree first (the other views look codes up in it), then the
 * documents (the text pane finds its document there), the text, and the
 * top view; the views under it are marked and load when they come on top
 * again (tui_view_pop). */
void tui_reload(struct tui *t)
{
	static const enum tui_pane order[TUI_NPANES] = { TUI_PANE_CODES, TUI_PANE_DOCS,
	                                                 TUI_PANE_TEXT };
	/* Read before loading: a write that comes in between is seen by the
	 * next poll.  This process's own writes leave data_version as it was. */
	struct anker_err err = { 0 };
	store_data_version(t->st, &t->data_version, &err);
	for (int i = 0; i < TUI_NPANES; i++) {
		struct tui_view *v = &t->panes[order[i]];
		if (v->ops->reload)
			v->ops->reload(t, v);
	}
	for (int i = 0; i + 1 < t->depth; i++)
		t->stack[i].stale = true;
	for (int i = 0; i < t->nparked; i++)
		t->parked[i].stale = true;
	struct tui_view *top = tui_view_top(t);
	if (top && top->ops->reload)
		top->ops->reload(t, top);
}

bool tui_poll(struct tui *t)
{
	struct anker_err err = { 0 };
	int64_t v;
	if (store_data_version(t->st, &v, &err) || v == t->data_version)
		return false;
	tui_reload(t);
	return true;
}

void tui_recent_use(struct tui *t, const char *code_guid)
{
	int k;
	for (k = 0; k < TUI_RECENT - 1 && strcmp(t->recent[k], code_guid) != 0; k++)
		;
	memmove(&t->recent[1], &t->recent[0], (size_t)k * sizeof t->recent[0]);
	snprintf(t->recent[0], sizeof t->recent[0], "%s", code_guid);
}

int tui_recent_code(struct tui *t, int n)
{
	if (n < 1 || n > TUI_RECENT || !t->recent[n - 1][0])
		return -1;
	for (size_t i = 0; i < t->codes.cb.ncodes; i++)
		if (strcmp(t->codes.cb.codes[i].guid, t->recent[n - 1]) == 0)
			return (int)i;
	return -1;
}

/* A store message on the status line, capitalized ("Nothing to undo"). */
static void message_err(struct tui *t, const struct anker_err *err)
{
	const char *m = err->msg[0] ? err->msg : anker_status_name(err->status);
	tui_message(t, true, "%c%s", toupper((unsigned char)m[0]), m + 1);
}

/* Undo and redo act for the top view's actor (the review view's
 * reviewer), else for the coder. */
static void undo_actor(struct tui *t, bool on)
{
	struct tui_view *top = tui_view_top(t);
	const char *who = on && top && top->ops->actor ? top->ops->actor(t, top) : NULL;
	store_set_actor(t->st, who ? who : t->coder);
}

static void undo_now(struct tui *t, int64_t step, bool redo)
{
	struct store_step done;
	struct anker_err err = { 0 };
	undo_actor(t, true);
	int rc = redo ? store_redo(t->st, step, &done, &err) : store_undo(t->st, step, &done, &err);
	undo_actor(t, false);
	if (rc) {
		message_err(t, &err);
		return;
	}
	struct strbuf name = { 0 }, effect = { 0 };
	store_step_name(&done, &name);
	store_step_effect(&done, redo, &effect);
	tui_message(t, false, "%s %s: %s", redo ? "Redid" : "Undid", sb_str(&name), sb_str(&effect));
	sb_free(&name);
	sb_free(&effect);
	tui_reload(t);
}

/* The answer to "Undo …? y/N": y undoes, anything else not. */
static void undo_answer(struct tui *t, char key)
{
	int64_t step = t->undo_ask;
	t->undo_ask = 0;
	if (key == 'y' || key == 'Y')
		undo_now(t, step, false);
	else
		tui_message(t, false, "Not undone");
}

void tui_undo_step(struct tui *t, int64_t step, bool redo)
{
	struct store_step s;
	struct anker_err err = { 0 };
	if (redo) {
		undo_now(t, step, true);
		return;
	}
	undo_actor(t, true);
	int rc = step ? store_step_get(t->st, step, &s, &err) : store_undo_next(t->st, false, &s, &err);
	undo_actor(t, false);
	if (rc) {
		message_err(t, &err);
		return;
	}
	if (s.undone || !store_step_big(&s)) {
		undo_now(t, s.step, false);
		return;
	}
	/* A step that removes documents, codes or many codings (an import,
	 * the demo, a merge) is undone only when the coder says so. */
	struct strbuf q = { 0 };
	sb_adds(&q, "Undo ");
	store_step_name(&s, &q);
	sb_adds(&q, ": ");
	store_step_rows(&s, &q);
	sb_adds(&q, "? y/N ");
	tui_prompt_ask(t, sb_str(&q), undo_answer);
	t->undo_ask = s.step;
	sb_free(&q);
}

void tui_undo_redo(struct tui *t, bool redo)
{
	tui_undo_step(t, 0, redo);
}

/* A wheel turn scrolls three lines of v (the pane under the pointer, or
 * the view over the panes), leaving the focus where it is. */
static void mouse_wheel(struct tui *t, struct tui_view *v, int kind)
{
	for (int i = 0; i < 3; i++)
		v->ops->key(t, v, kind == TUI_MOUSE_WHEEL_UP ? TUI_ACT_UP : TUI_ACT_DOWN);
}

/* A mouse event over the panes focuses the pane under it; the text pane
 * also gets the event (cursor, drag selection).  Over a view only the
 * wheel counts. */
static void mouse_focus(struct tui *t)
{
	int y, x, kind;
	if (!tui_mouse_event(&y, &x, &kind))
		return;
	bool wheel = kind == TUI_MOUSE_WHEEL_UP || kind == TUI_MOUSE_WHEEL_DOWN;
	if (t->depth) {
		if (wheel)
			mouse_wheel(t, tui_view_top(t), kind);
		return;
	}
	for (int i = 0; wheel && i < TUI_NPANES; i++) {
		const struct tui_rect *r = &t->panes[i].r;
		if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w)
			mouse_wheel(t, &t->panes[i], kind);
	}
	if (wheel)
		return;
	for (int i = 0; i < TUI_NPANES; i++) {
		const struct tui_rect *r = &t->panes[i].r;
		if (y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w &&
		    (kind == TUI_MOUSE_PRESS || (int)t->focus == i))
			t->focus = (enum tui_pane)i;
	}
	size_t cp;
	if (t->focus == TUI_PANE_TEXT && tui_text_cell_cp(t, y, x, &cp))
		tui_text_mouse(t, y, x, kind);
}

static void dispatch(struct tui *t, int key, enum tui_action a);

/* Keys that open a prompt, with what the prompt sets: when one cannot act
 * here (no coding at the cursor, no document), its prompt opens all the
 * same and says so, so that the memo or pattern typed next stays text. */
static const struct {
	enum tui_action a;
	enum tui_prompt_kind kind;
	const char *what;
} prompt_keys[] = {
	{ TUI_ACT_WEIGHT, TUI_PROMPT_WEIGHT, "Weight not set" },
	{ TUI_ACT_MEMO, TUI_PROMPT_MEMO, "Memo not set" },
	{ TUI_ACT_SEARCH, TUI_PROMPT_SEARCH, "Not searched" },
	{ TUI_ACT_DOC_RENAME, TUI_PROMPT_NONE, "Not renamed" },
	{ TUI_ACT_RECOLOR, TUI_PROMPT_NONE, "Color not set" },
};

void tui_dispatch(struct tui *t, int key)
{
	enum tui_action a = tui_key_action(key);
	bool before = t->prompt.on;
	t->acted = false;
	dispatch(t, key, a);
	/* A prompt is open when the key could act (or a list to choose the
	 * coding from, which is the finder's prompt, or the editor ran). */
	if (before || t->prompt.on || t->acted || t->quit || t->too_small)
		return;
	for (size_t i = 0; i < sizeof prompt_keys / sizeof prompt_keys[0]; i++)
		if (prompt_keys[i].a == a)
			tui_prompt_fail(t, prompt_keys[i].kind, prompt_keys[i].what,
			                t->msg[0] ? t->msg : tui_msg_text[TUI_MSG_NOT_HERE]);
}

static void dispatch(struct tui *t, int key, enum tui_action a)
{
	t->key = key;
	if (t->too_small) {
		if (a == TUI_ACT_QUIT)
			t->quit = true;
		return;
	}
	if (t->prompt.on) {
		t->msg[0] = 0;
		tui_prompt_key(t, key);
		return;
	}
	if (a == TUI_ACT_COMMAND) {
		t->msg[0] = 0;
		tui_cmdline_open(t);
		return;
	}
	if (t->depth) {
		/* The top view first: it may use q or Esc itself (a prompt). */
		struct tui_view *top = tui_view_top(t);
		t->msg[0] = 0;
		if (a == TUI_ACT_MOUSE) {
			mouse_focus(t);
			return;
		}
		if (top->ops->key(t, top, a) || tui_views_open_for(t, a))
			return;
		if (a == TUI_ACT_QUIT || a == TUI_ACT_CANCEL ||
		    (a == TUI_ACT_HELP && top->ops == &tui_view_help_ops))
			tui_view_pop(t);
		else if (a == TUI_ACT_UNDO || a == TUI_ACT_REDO)
			tui_undo_redo(t, a == TUI_ACT_REDO);
		else if (a == TUI_ACT_REDRAW) {
			tui_reload(t);
			tui_layout(t);
		}
		else if (a == TUI_ACT_NONE)
			tui_message_id(t, TUI_MSG_UNBOUND);
		return;
	}
	t->msg[0] = 0;
	switch (a) {
	case TUI_ACT_QUIT:
		/* After a jump from a list: back to it; else quit. */
		if (!tui_view_back(t))
			t->quit = true;
		return;
	case TUI_ACT_HELP: tui_view_push(t, &tui_view_help_ops, NULL); return;
	case TUI_ACT_FOCUS_NEXT: t->focus = (t->focus + 1) % TUI_NPANES; return;
	case TUI_ACT_FOCUS_PREV: t->focus = (t->focus + TUI_NPANES - 1) % TUI_NPANES; return;
	case TUI_ACT_REDRAW: tui_reload(t); tui_layout(t); return;
	case TUI_ACT_UNDO: tui_undo_redo(t, false); return;
	case TUI_ACT_REDO: tui_undo_redo(t, true); return;
	case TUI_ACT_MOUSE: mouse_focus(t); return;
	case TUI_ACT_FIND: tui_finder_codes(t); return;
	case TUI_ACT_MEMO: case TUI_ACT_MEMO_EDIT: tui_memo_here(t, NULL, a == TUI_ACT_MEMO_EDIT); return;
	default: break;
	}
	struct tui_view *v = &t->panes[t->focus];
	if (v->ops->key(t, v, a) || tui_views_open_for(t, a))
		return;
	if (a == TUI_ACT_NONE)
		tui_message_id(t, TUI_MSG_UNBOUND);
	else
		tui_message_id(t, TUI_MSG_NOT_HERE);
}

bool tui_list_move(enum tui_action a, int h, size_t n, size_t *cur)
{
	long page = h > 3 ? h - 3 : 1, d;
	switch (a) {
	case TUI_ACT_DOWN: d = 1; break;
	case TUI_ACT_UP: d = -1; break;
	case TUI_ACT_PAGE_DOWN: d = page; break;
	case TUI_ACT_PAGE_UP: d = -page; break;
	case TUI_ACT_HALF_DOWN: d = page / 2 + 1; break;
	case TUI_ACT_HALF_UP: d = -(page / 2 + 1); break;
	case TUI_ACT_TOP: d = -(long)n; break;
	case TUI_ACT_BOTTOM: d = (long)n; break;
	default: return false;
	}
	long r = (long)*cur + d;
	*cur = r < 0 ? 0 : r >= (long)n ? (n ? n - 1 : 0) : (size_t)r;
	return true;
}
