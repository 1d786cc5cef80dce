/* tui/code_edit.c — editing the code system from its pane: rename (e),
 * delete (D, asking first), move by cut (x) and paste (p: under the code
 * at the cursor; *: at the top level), merge into another code (&, the
 * target picked in the finder), recolor (#) and the code's definition,
 * anchor examples and notes in the user's editor (@).
 *
 * Each change goes through the codebook/ function the command line uses,
 * so it is one transaction and one undo step; the tree is reloaded after
 * it and the cursor stays on the code (by GUID: ids change when undo puts
 * a code back). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "views.h"

/* The code a prompt, the finder or the editor is about, and the code x
 * cut ("": none); GUIDs, as the tree may be reloaded in between. */
static struct {
	char asked[37];
	char cut[37];
	size_t memos;            /* D: the memos the question named */
} E;

bool tui_code_is_cut(const char *guid)
{
	return *E.cut && strcmp(E.cut, guid) == 0;
}

const char *tui_code_label(struct tui *t, int i, struct strbuf *sb)
{
	const struct codebook_code *k = &t->codes.cb.codes[i];
	sb_reset(sb);
	if (*k->number)
		sb_addf(sb, "%s ", k->number);
	sb_adds(sb, k->name);
	return sb_str(sb);
}

/* "2.9 Name" before and after an edit, from its report. */
static const char *label_ed(const char *number, const char *name, struct strbuf *sb)
{
	sb_reset(sb);
	if (number && *number)
		sb_addf(sb, "%s ", number);
	sb_adds(sb, name ? name : "");
	return sb_str(sb);
}

/* After a change: load again, the cursor on the code guid (when there). */
static void reload_on(struct tui *t, const char *guid)
{
	tui_reload(t);
	tui_codes_set_current(t, views_code_find_guid(t, guid));
}

/* ---------------------------------------------------------------------- */
/* Rename (e) */

static void rename_done(struct tui *t, const char *text)
{
	struct codebook_edit ed;
	struct anker_err err = { 0 };
	struct strbuf a = { 0 }, b = { 0 };
	if (codebook_code_rename(t->st, E.asked, text, &ed, &err))
		tui_message(t, true, "Not renamed: %s", err.msg);
	else if (ed.codes == 0)
		tui_message(t, false, "The name is unchanged");
	else {
		reload_on(t, E.asked);
		tui_message(t, false, "Renamed '%s' to '%s' (u undoes)",
		            label_ed(ed.old_number, ed.old_name, &a), label_ed(ed.number, ed.name, &b));
	}
	codebook_edit_free(&ed);
	sb_free(&a);
	sb_free(&b);
}

/* ---------------------------------------------------------------------- */
/* Delete (D): asks first, naming the subcodes and the codings. */

/* The answer to "Delete …? y/N": y deletes, anything else not. */
static void delete_answer(struct tui *t, char key)
{
	if (key != 'y' && key != 'Y') {
		tui_message(t, false, "Not deleted");
		return;
	}
	struct codebook_edit ed;
	struct anker_err err = { 0 };
	struct strbuf a = { 0 };
	if (codebook_code_delete(t->st, E.asked, true, &ed, &err))
		tui_message(t, true, "Not deleted: %s", err.msg);
	else {
		tui_reload(t);
		tui_message(t, false, "Deleted '%s' with %zu subcode%s, %zu coding%s and %zu memo%s "
		            "(u undoes)", label_ed(ed.old_number, ed.old_name, &a), ed.codes - 1,
		            ed.codes == 2 ? "" : "s", ed.segments, ed.segments == 1 ? "" : "s",
		            E.memos, E.memos == 1 ? "" : "s");
	}
	if (tui_code_is_cut(E.asked))
		E.cut[0] = 0;
	codebook_edit_free(&ed);
	sb_free(&a);
}

/* ", 2 memos ('Erste Zeile…', 'Noch einer')" onto q: the memos named
 * by the start of their first line while q stays within max bytes. */
static void ask_delete_memos(struct tui *t, struct strbuf *q, size_t max)
{
	struct coding_memo *m;
	size_t n;
	struct anker_err err = { 0 };
	E.memos = 0;
	if (coding_memo_list_tree(t->st, E.asked, &m, &n, &err)) {
		sb_adds(q, ", memos unknown");   /* the question still asks */
		return;
	}
	E.memos = n;
	sb_addf(q, " and %zu memo%s", n, n == 1 ? "" : "s");
	for (size_t k = 0; k < n; k++) {
		size_t line = strcspn(m[k].text, "\n"), fit;
		int cols;
		fit = corpus_utf8_fit(m[k].text, line, 0, 20, &cols);
		if (q->len + fit + 8 > max) {
			sb_adds(q, k ? ", …" : " (…");
			break;
		}
		sb_addf(q, "%s'%.*s%s'", k ? ", " : " (", (int)fit, m[k].text, fit < line ? "…" : "");
	}
	if (n)
		sb_adds(q, ")");
	coding_memos_free(m, n);
}

/* "Delete '2.9 X' with 3 subcodes (2.9.1 A, 2.9.2 B, …), 12 codings and
 * 2 memos ('Erste Zeile…', …)? y/N": subcodes and memos named as far as
 * the prompt has room. */
static void ask_delete(struct tui *t, int i)
{
	const struct codebook *cb = &t->codes.cb;
	size_t end = (size_t)i + 1;
	int64_t segs = cb->codes[i].segments;
	for (; end < cb->ncodes; end++) {
		int p = cb->codes[end].parent;
		while (p >= 0 && p != i)
			p = cb->codes[p].parent;
		if (p != i)
			break;
		segs += cb->codes[end].segments;
	}
	size_t subs = end - (size_t)i - 1;
	struct strbuf q = { 0 }, lb = { 0 };
	/* The question fits the prompt's label (its end, "? y/N", above all):
	 * a long name is cut, the subcodes are named while there is room. */
	tui_code_label(t, i, &lb);
	int cols;
	size_t fit = corpus_utf8_fit(sb_str(&lb), lb.len, 0, 60, &cols);
	sb_addf(&q, "Delete '%.*s%s' with", (int)fit, sb_str(&lb), fit < lb.len ? "…" : "");
	if (subs) {
		sb_addf(&q, " %zu subcode%s (", subs, subs == 1 ? "" : "s");
		for (size_t k = (size_t)i + 1; k < end; k++) {
			tui_code_label(t, (int)k, &lb);
			if (q.len + lb.len > 190) {
				sb_adds(&q, "…");
				break;
			}
			sb_addf(&q, "%s%s", k > (size_t)i + 1 ? ", " : "", sb_str(&lb));
		}
		sb_addf(&q, "),");
	}
	sb_addf(&q, " %lld coding%s", (long long)segs, segs == 1 ? "" : "s");
	memcpy(E.asked, cb->codes[i].guid, sizeof E.asked);
	ask_delete_memos(t, &q, sizeof t->prompt.label - 16);
	sb_adds(&q, "? y/N ");
	tui_prompt_ask(t, sb_str(&q), delete_answer);
	sb_free(&q);
	sb_free(&lb);
}

/* ---------------------------------------------------------------------- */
/* Move: x cuts, p pastes under the code at the cursor, * at the top. */

static void cut(struct tui *t, int i)
{
	struct strbuf lb = { 0 };
	memcpy(E.cut, t->codes.cb.codes[i].guid, sizeof E.cut);
	tui_message(t, false, "Cut '%s': p pastes it under the code at the cursor, * at the top "
	            "level (Esc: keep it where it is)", tui_code_label(t, i, &lb));
	sb_free(&lb);
}

static void paste(struct tui *t, int under)
{
	if (!*E.cut || views_code_find_guid(t, E.cut) < 0) {
		E.cut[0] = 0;
		tui_message(t, true, "Nothing cut: x cuts the code at the cursor, p pastes it");
		return;
	}
	struct codebook_edit ed;
	struct anker_err err = { 0 };
	struct strbuf a = { 0 }, b = { 0 };
	const char *parent = under >= 0 ? t->codes.cb.codes[under].guid : NULL;
	if (under >= 0)
		tui_code_label(t, under, &b);
	if (codebook_code_move(t->st, E.cut, parent, NULL, &ed, &err))
		tui_message(t, true, "Not moved: %s", err.msg);
	else if (ed.codes == 0)
		tui_message(t, false, "'%s' is there already", label_ed(ed.number, ed.name, &a));
	else {
		char moved[37];
		memcpy(moved, E.cut, sizeof moved);
		E.cut[0] = 0;
		reload_on(t, moved);
		if (under >= 0)
			tui_message(t, false, "Moved '%s' under '%s' as %s (u undoes)",
			            label_ed(ed.old_number, ed.old_name, &a), sb_str(&b),
			            *ed.number ? ed.number : "unnumbered");
		else
			tui_message(t, false, "Moved '%s' to the top level as %s (u undoes)",
			            label_ed(ed.old_number, ed.old_name, &a),
			            *ed.number ? ed.number : "unnumbered");
	}
	codebook_edit_free(&ed);
	sb_free(&a);
	sb_free(&b);
}

/* ---------------------------------------------------------------------- */
/* Merge (&): the target picked in the finder. */

static void merge_picked(struct tui *t, const char *key, const char *typed)
{
	(void)typed;
	if (!key)
		return;
	struct codebook_edit ed;
	struct anker_err err = { 0 };
	struct strbuf a = { 0 }, b = { 0 };
	int from = views_code_find_guid(t, E.asked);
	if (from >= 0)
		tui_code_label(t, from, &a);
	if (codebook_code_merge(t->st, E.asked, key, &ed, &err))
		tui_message(t, true, "Not merged: %s", err.msg);
	else {
		if (tui_code_is_cut(E.asked))
			E.cut[0] = 0;
		reload_on(t, ed.guid);
		struct strbuf m = { 0 };
		sb_addf(&m, "Merged '%s' into '%s': %zu coding%s moved", sb_str(&a),
		        label_ed(ed.number, ed.name, &b), ed.segments, ed.segments == 1 ? "" : "s");
		if (ed.duplicates)
			sb_addf(&m, ", %zu duplicate%s dropped", ed.duplicates,
			        ed.duplicates == 1 ? "" : "s");
		if (ed.codes)
			sb_addf(&m, ", %zu subcode%s moved", ed.codes, ed.codes == 1 ? "" : "s");
		tui_message(t, false, "%s (u undoes)", sb_str(&m));
		sb_free(&m);
	}
	codebook_edit_free(&ed);
	sb_free(&a);
	sb_free(&b);
}

static void merge_open(struct tui *t, int i)
{
	struct strbuf title = { 0 }, lb = { 0 };
	memcpy(E.asked, t->codes.cb.codes[i].guid, sizeof E.asked);
	sb_addf(&title, "Merge '%s' into (type a number or a name; Enter)", tui_code_label(t, i, &lb));
	tui_finder_open(t, sb_str(&title), tui_finder_code_items(t), t->codes.cb.ncodes, false,
	                merge_picked);
	sb_free(&title);
	sb_free(&lb);
}

/* ---------------------------------------------------------------------- */
/* Recolor (#) */

static void color_done(struct tui *t, const char *text)
{
	char hex[8];
	struct codebook_edit ed;
	struct anker_err err = { 0 };
	struct strbuf a = { 0 };
	while (*text == ' ')
		text++;
	if (!codebook_color_parse(text, hex)) {
		tui_message(t, true, "Color not set: '%s' is no color: #rrggbb, a number 1-%zu or a "
		            "name (red, green, blue, orange, purple, cyan, magenta, lime, teal, brown)",
		            text, codebook_palette_size());
		return;
	}
	if (codebook_code_color(t->st, E.asked, hex, &ed, &err))
		tui_message(t, true, "Color not set: %s", err.msg);
	else if (ed.codes == 0)
		tui_message(t, false, "The color is %s already", hex);
	else {
		reload_on(t, E.asked);
		tui_message(t, false, "Color of '%s': %s (u undoes)",
		            label_ed(ed.number, ed.name, &a), hex);
	}
	codebook_edit_free(&ed);
	sb_free(&a);
}

static void color_open(struct tui *t, int i)
{
	struct strbuf q = { 0 }, lb = { 0 };
	memcpy(E.asked, t->codes.cb.codes[i].guid, sizeof E.asked);
	sb_addf(&q, "Color of '%s', now %s (#rrggbb, 1-%zu, red, green, …): ",
	        tui_code_label(t, i, &lb), t->codes.cb.codes[i].color, codebook_palette_size());
	tui_prompt_open(t, TUI_PROMPT_NONE, sb_str(&q), NULL, color_done);
	sb_free(&q);
	sb_free(&lb);
}

/* ---------------------------------------------------------------------- */

/* The code at the cursor, or -1 (with a message). */
static int at_cursor(struct tui *t)
{
	if (t->codes.current >= 0 && (size_t)t->codes.current < t->codes.cb.ncodes)
		return t->codes.current;
	tui_message(t, true, "No code here");
	return -1;
}

bool tui_code_command(struct tui *t, const char *name, const char *arg)
{
	bool rename = strcmp(name, "rename") == 0, color = strcmp(name, "color") == 0;
	if (!rename && !color && strcmp(name, "define") != 0)
		return false;
	int i = at_cursor(t);
	if (i < 0)
		return true;
	memcpy(E.asked, t->codes.cb.codes[i].guid, sizeof E.asked);
	if ((rename || color) && !*arg)
		tui_message(t, true, rename ? "Usage: :rename NAME" : "Usage: :color #rrggbb|1-%zu|NAME",
		            codebook_palette_size());
	else if (*arg && !rename && !color)
		tui_message(t, true, "Usage: :define (the current code's definition in the editor)");
	else if (rename)
		rename_done(t, arg);
	else if (color)
		color_done(t, arg);
	else
		tui_code_texts_edit(t, i, 'd');
	return true;
}

bool tui_code_edit_key(struct tui *t, enum tui_action a)
{
	if (a == TUI_ACT_CANCEL && *E.cut) {
		E.cut[0] = 0;
		tui_message(t, false, "Nothing cut any more");
		return true;
	}
	if (a != TUI_ACT_DOC_RENAME && a != TUI_ACT_DOC_DELETE && a != TUI_ACT_UNCODE &&
	    a != TUI_ACT_SEL_PARA && a != TUI_ACT_PASTE_TOP && a != TUI_ACT_MERGE &&
	    a != TUI_ACT_RECOLOR && a != TUI_ACT_CODE_TEXTS)
		return false;
	if (a == TUI_ACT_PASTE_TOP) {
		paste(t, -1);
		return true;
	}
	int i = at_cursor(t);
	if (i < 0)
		return true;
	switch (a) {
	case TUI_ACT_DOC_RENAME:
		memcpy(E.asked, t->codes.cb.codes[i].guid, sizeof E.asked);
		tui_prompt_open(t, TUI_PROMPT_NONE, "New name: ", t->codes.cb.codes[i].name,
		                rename_done);
		break;
	case TUI_ACT_DOC_DELETE: ask_delete(t, i); break;
	case TUI_ACT_UNCODE: cut(t, i); break;
	case TUI_ACT_SEL_PARA: paste(t, i); break;
	case TUI_ACT_MERGE: merge_open(t, i); break;
	case TUI_ACT_RECOLOR: color_open(t, i); break;
	default: tui_code_texts_open(t, i); break;
	}
	return true;
}
