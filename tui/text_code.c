/* tui/text_code.c — coding in the text pane: the selection with a code
 * (the current one, a recent one, one from the finder), and the coding at
 * the cursor: remove it, move its boundaries, set its weight and memo
 * (tui/memo.c edits the memo).
 * When several codings cover the cursor a chooser (the finder) lists them
 * with code and coder.  Every change is one module call, so one undo step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "views.h"

void text_code_with(struct tui *t, struct text_view *tv, int code)
{
	size_t a, b;
	if (!tv->doc_id) {
		tui_message_id(t, TUI_MSG_NO_DOC);
		return;
	}
	if (!text_sel_range(tv, &a, &b)) {
		tui_message_id(t, TUI_MSG_NO_SEL);
		return;
	}
	if (code < 0 || (size_t)code >= t->codes.cb.ncodes) {
		tui_message_id(t, TUI_MSG_NO_CODE);
		return;
	}
	const struct codebook_code *k = &t->codes.cb.codes[code];
	struct coding_mark m = { .doc = tv->name, .code = k->guid, .start = a, .end = b,
	                         .coder = t->coder };
	struct anker_err err = { 0 };
	char guid[37];
	if (coding_mark(t->st, &m, guid, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	tv->sel = false;
	t->mode = "NORMAL";
	tui_recent_use(t, k->guid);
	tui_message(t, false, "Coded %zu-%zu with %s %s (%.8s)", a, b, k->number, k->name, guid);
	tui_reload(t);
}

/* The segments covering code point cp (indices into tv->segs). */
static size_t segs_at(const struct text_view *tv, size_t cp, size_t *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < tv->nsegs && n < max; i++)
		if (tv->segs[i].start <= cp && cp < tv->segs[i].end)
			out[n++] = i;
	return n;
}

/* "anna: 2.1 Name (12-40)": the coder first, so overlapping codings of
 * one code by several coders stay apart in a narrow pane. */
static void seg_label(struct strbuf *sb, const struct coding_segment *s)
{
	const char *own = s->path;
	for (const char *p = strstr(own, " >> "); p; p = strstr(p + 4, " >> "))
		own = p + 4;
	sb_addf(sb, "%s: ", s->coder);
	if (*s->code)
		sb_addf(sb, "%s ", s->code);
	sb_addf(sb, "%s (%zu-%zu)", own, s->start, s->end);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The end of the word after byte b (over spaces first), and the end of
 * the word before it: boundaries fall between words. */
static size_t end_right(const struct text_doc *d, size_t b)
{
	while (b < d->len && is_space(d->text[b]))
		b++;
	while (b < d->len && !is_space(d->text[b]))
		b++;
	return b;
}

static size_t end_left(const struct text_doc *d, size_t b)
{
	while (b > 0 && !is_space(d->text[b - 1]))
		b--;
	while (b > 0 && is_space(d->text[b - 1]))
		b--;
	return b;
}

static void set_done(struct tui *t, struct text_view *tv, const char *guid,
                     const struct coding_segment_change *c, const char *what)
{
	struct anker_err err = { 0 };
	if (coding_segment_set(t->st, guid, c, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	(void)tv;
	tui_reload(t);
	tui_message(t, false, "%s (u undoes)", what);
}

bool text_bounds_move(struct text_doc *d, const struct coding_segment *s, enum tui_action a,
                      struct coding_segment_change *c)
{
	size_t start = s->start, end = s->end;
	switch (a) {
	case TUI_ACT_START_LEFT: case TUI_ACT_SEG_START_LEFT: start = text_word_prev(d, start); break;
	case TUI_ACT_START_RIGHT: case TUI_ACT_SEG_START_RIGHT: start = text_word_next(d, start); break;
	case TUI_ACT_END_LEFT: end = text_cp(d, end_left(d, text_byte(d, end))); break;
	default: end = text_cp(d, end_right(d, text_byte(d, end))); break;
	}
	if (start >= end || (start == s->start && end == s->end))
		return false;
	memset(c, 0, sizeof *c);
	c->set_start = start != s->start;
	c->set_end = end != s->end;
	c->start = start;
	c->end = end;
	return true;
}

static void bounds(struct tui *t, struct text_view *tv, const struct coding_segment *s,
                   enum tui_action a)
{
	struct coding_segment_change c;
	if (!text_bounds_move(&tv->d, s, a, &c)) {
		tui_message(t, true, "The coding cannot move that way (%zu-%zu)", s->start, s->end);
		return;
	}
	char what[160];
	snprintf(what, sizeof what, "Moved coding %.8s to %zu-%zu", s->guid, c.start, c.end);
	set_done(t, tv, s->guid, &c, what);
}

static char act_guid[37];

static void weight_done(struct tui *t, const char *text)
{
	char *end;
	long w = strtol(text, &end, 10);
	while (*end == ' ')
		end++;
	if (!*text || *end || w < 0 || w > 100) {
		tui_message(t, true, "A weight is a whole number from 0 to 100, not '%s'", text);
		return;
	}
	struct coding_segment_change c = { .set_weight = true, .weight = (int)w };
	char what[96];
	snprintf(what, sizeof what, "Set the weight of %.8s to %ld", act_guid, w);
	set_done(t, text_view_of(t), act_guid, &c, what);
}

static void apply(struct tui *t, struct text_view *tv, enum tui_action a, size_t i)
{
	const struct coding_segment *s = &tv->segs[i];
	struct anker_err err = { 0 };
	snprintf(act_guid, sizeof act_guid, "%s", s->guid);
	switch (a) {
	case TUI_ACT_UNCODE: {
		struct strbuf sb = { 0 };
		seg_label(&sb, s);
		if (coding_unmark(t->st, s->guid, &err))
			tui_message(t, true, "%s", err.msg);
		else {
			tui_message(t, false, "Removed the coding %s (u undoes)", sb_str(&sb));
			tui_reload(t);
		}
		sb_free(&sb);
		return;
	}
	case TUI_ACT_WEIGHT: {
		char init[16];
		snprintf(init, sizeof init, "%d", s->weight);
		tui_prompt_open(t, TUI_PROMPT_WEIGHT, "Weight (0-100): ", init, weight_done);
		return;
	}
	case TUI_ACT_MEMO: {
		struct strbuf sb = { 0 };
		sb_adds(&sb, "the coding ");
		seg_label(&sb, s);
		tui_memo_edit(t, CODING_MEMO_SEGMENT, s->guid, sb_str(&sb),
		              *tv->memo_type ? tv->memo_type : NULL, tv->memo_editor);
		sb_free(&sb);
		return;
	}
	default: bounds(t, tv, s, a); return;
	}
}

static void chosen(struct tui *t, const char *key, const char *typed)
{
	struct text_view *tv = text_view_of(t);
	(void)typed;
	/* Found again by GUID: the segments may have been reloaded while the
	 * list was open. */
	for (size_t i = 0; key && i < tv->nsegs; i++)
		if (strcmp(tv->segs[i].guid, key) == 0) {
			apply(t, tv, tv->pending, i);
			return;
		}
	tui_message(t, true, "The coding is %s", TUI_GONE);
}

/* The coding the action is for: the only one at the cursor, else the one
 * chosen from the list. */
static void on_coding(struct tui *t, struct text_view *tv, enum tui_action a)
{
	size_t at[64];
	size_t n = segs_at(tv, tv->cur, at, 64);
	if (n == 0) {
		tui_message(t, true, "No coding at the cursor");
		return;
	}
	if (n == 1) {
		apply(t, tv, a, at[0]);
		return;
	}
	/* Moving a boundary again goes on with the coding moved last. */
	if (a != TUI_ACT_UNCODE)
		for (size_t k = 0; k < n; k++)
			if (strcmp(tv->segs[at[k]].guid, act_guid) == 0) {
				apply(t, tv, a, at[k]);
				return;
			}
	struct finder_item *items = xcalloc(n, sizeof *items);
	for (size_t k = 0; k < n; k++) {
		const struct coding_segment *s = &tv->segs[at[k]];
		struct strbuf sb = { 0 };
		seg_label(&sb, s);
		items[k].label = sb_steal(&sb);
		items[k].number = xstrdup(s->code);
		sb_addf(&sb, "%s %s", s->path, s->coder);
		items[k].text = sb_steal(&sb);
		memcpy(items[k].key, s->guid, sizeof items[k].key);
	}
	tv->pending = a;
	const char *title = a == TUI_ACT_UNCODE ? "Remove which coding?" : "Which coding?";
	tui_finder_open(t, title, items, n, false, chosen);
}

void text_memo_at(struct tui *t, struct text_view *tv, const char *type, bool editor)
{
	size_t at[1];
	if (!tv->doc_id) {
		tui_message_id(t, TUI_MSG_NO_DOC);
		return;
	}
	snprintf(tv->memo_type, sizeof tv->memo_type, "%s", type ? type : "");
	tv->memo_editor = editor;
	if (segs_at(tv, tv->cur, at, 1)) {
		on_coding(t, tv, TUI_ACT_MEMO);
		return;
	}
	struct strbuf what = { 0 };
	sb_addf(&what, "document '%s'", tv->name);
	tui_memo_edit(t, CODING_MEMO_DOCUMENT, tv->doc_guid, sb_str(&what), type, editor);
	sb_free(&what);
}

/* The in-vivo name of code points [a, b): the words as they stand, white
 * space as single spaces, ">>" (the path separator) as "»", at most 60
 * columns ending at a word. */
static void invivo_name(struct text_view *tv, size_t a, size_t b, struct strbuf *out)
{
	const char *s = tv->d.text + text_byte(&tv->d, a), *e = tv->d.text + text_byte(&tv->d, b);
	for (; s < e; s++) {
		if (is_space(*s) || *s == '\r') {
			if (out->len && sb_str(out)[out->len - 1] != ' ')
				sb_addc(out, ' ');
		} else if (s[0] == '>' && s + 1 < e && s[1] == '>') {
			sb_adds(out, "»");
			s++;
		} else {
			sb_addc(out, *s);
		}
	}
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	int used;
	size_t fit = corpus_utf8_fit(sb_str(out), out->len, 0, 60, &used);
	if (fit < out->len) {
		while (fit > 0 && out->buf[fit] != ' ')
			fit--;
		out->buf[fit ? fit : corpus_utf8_fit(sb_str(out), out->len, 0, 59, &used)] = '\0';
		out->len = strlen(out->buf);
		sb_adds(out, "…");
	}
}

/* A top-level code named name, as in-vivo coding uses it again. */
static int top_code_named(struct tui *t, const char *name)
{
	for (size_t i = 0; i < t->codes.cb.ncodes; i++)
		if (t->codes.cb.codes[i].parent < 0 && strcmp(t->codes.cb.codes[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* i: a top-level code named after the selected words (the one of that
 * name when there is one), and the selection coded with it: one
 * transaction, so one undo step takes both back. */
static void code_invivo(struct tui *t, struct text_view *tv)
{
	size_t a, b;
	if (!text_sel_range(tv, &a, &b)) {
		tui_message_id(t, TUI_MSG_NO_SEL);
		return;
	}
	struct strbuf name = { 0 };
	invivo_name(tv, a, b, &name);
	struct anker_err err = { 0 };
	struct codebook_edit e = { 0 };
	char code[37] = "", seg[37];
	int old = top_code_named(t, sb_str(&name));
	int rc = store_begin(t->st, &err);
	if (!rc) {
		store_log_action(t->st, "in-vivo");
		struct codebook_add add = { .name = sb_str(&name) };
		if (old >= 0)
			memcpy(code, t->codes.cb.codes[old].guid, sizeof code);
		else if (!(rc = codebook_code_add(t->st, &add, &e, &err)))
			memcpy(code, e.guid, sizeof code);
		struct coding_mark m = { .doc = tv->name, .code = code, .start = a, .end = b,
		                         .coder = t->coder };
		if (!rc)
			rc = coding_mark(t->st, &m, seg, &err);
		if (rc)
			store_rollback(t->st);
		else
			rc = store_commit(t->st, &err);
		store_log_action(t->st, NULL);
	}
	if (rc) {
		tui_message(t, true, "%s", err.msg);
	} else {
		tv->sel = false;
		t->mode = "NORMAL";
		tui_recent_use(t, code);
		tui_reload(t);
		int i = views_code_find_guid(t, code);
		tui_codes_set_current(t, i);
		tui_message(t, false, "Coded %zu-%zu in vivo with %s code %s %s (%.8s)", a, b,
		            old >= 0 ? "the" : "a new", i >= 0 ? t->codes.cb.codes[i].number : "",
		            sb_str(&name), seg);
	}
	codebook_edit_free(&e);
	sb_free(&name);
}

bool text_code_key(struct tui *t, struct text_view *tv, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_INVIVO:
		code_invivo(t, tv);
		return true;
	case TUI_ACT_RECENT: {
		int n = t->key - '0';
		int code = tui_recent_code(t, n);
		if (code < 0) {
			tui_message(t, true, "No recent code %d: code with c or f first", n);
			return true;
		}
		text_code_with(t, tv, code);
		return true;
	}
	case TUI_ACT_UNCODE: case TUI_ACT_START_LEFT: case TUI_ACT_START_RIGHT:
	case TUI_ACT_END_LEFT: case TUI_ACT_END_RIGHT: case TUI_ACT_WEIGHT:
		on_coding(t, tv, a);
		return true;
	default:
		return false;
	}
}
