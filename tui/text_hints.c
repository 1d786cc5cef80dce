/* tui/text_hints.c — H: which codes fit this passage?  The selection (or,
 * without one, the sentence at the cursor, which is then selected) goes
 * to the anchor module's ranking of codes for a passage (as anker suggest
 * --doc D --range A-B), and the best nine open in the finder, each with
 * its score and the terms that made it; a digit or Enter codes the
 * selection with that code (coding_mark: one undo step). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "views.h"
#include "../anchor/anchor.h"
#include "../report/report.h"

#define HINTS_MAX 9

static void hint_picked(struct tui *t, const char *key, const char *typed)
{
	(void)typed;
	struct text_view *tv = text_view_of(t);
	int code = key ? views_code_find_guid(t, key) : -1;
	if (code < 0) {
		tui_message(t, true, "The code is %s", TUI_GONE);
		return;
	}
	tui_codes_set_current(t, code);
	text_code_with(t, tv, code);
}

/* The rows: the suggested codes still in the tree, best first. */
static struct finder_item *hint_items(struct tui *t, const struct anchor_suggestion *v,
                                      size_t n, size_t *out)
{
	struct finder_item *items = xcalloc(n + 1, sizeof *items);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int code = views_code_find(t, v[i].code_id);
		if (code < 0)
			continue;
		const struct codebook_code *c = &t->codes.cb.codes[code];
		struct strbuf sb = { 0 };
		views_code_label(t, code, &sb);
		items[k].label = xstrdup(sb_str(&sb));
		items[k].text = sb_steal(&sb);
		items[k].number = xstrdup(c->number);
		char num[REPORT_NUMBER_MAX];
		sb_addf(&sb, "%s  %s", report_number(num, v[i].score, 2, 0), v[i].reasons);
		items[k].note = sb_steal(&sb);
		memcpy(items[k].key, c->guid, sizeof items[k].key);
		items[k].code = true;
		k++;
	}
	*out = k;
	return items;
}

static void hints_open(struct tui *t, struct text_view *tv)
{
	size_t a, b;
	if (!tv->doc_id) {
		tui_message_id(t, TUI_MSG_NO_DOC);
		return;
	}
	if (!text_sel_range(tv, &a, &b)) {
		corpus_sentence_at(&tv->d.idx, tv->cur, &a, &b);
		if (b <= a) {
			tui_message(t, true, "No sentence at the cursor: select a passage, then H");
			return;
		}
		text_select(t, tv, a, b);
	}
	struct anchor_passage p = { .doc = *tv->doc_guid ? tv->doc_guid : tv->name,
	                            .start = a, .end = b };
	struct anchor_suggest_opts o = { .unit = CODING_UNIT_PARAGRAPH, .limit = HINTS_MAX };
	struct anchor_suggestion *v;
	size_t n, k;
	struct anker_err err = { 0 };
	if (anchor_suggest_codes(t->st, &p, &o, &v, &n, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	struct finder_item *items = hint_items(t, v, n, &k);
	anchor_suggestions_free(v, n);
	if (!k) {
		free(items);
		tui_message(t, false, "No code shares a term with %zu-%zu (f finds any code)", a, b);
		return;
	}
	char title[128];
	snprintf(title, sizeof title, "Codes for %zu-%zu, best first (1-%zu or Enter codes)", a, b,
	         k);
	tui_finder_open(t, title, items, k, false, hint_picked);
	tui_finder_ranked(t);
}

bool text_hints_key(struct tui *t, struct text_view *tv, enum tui_action a)
{
	if (a != TUI_ACT_HINTS)
		return false;
	hints_open(t, tv);
	return true;
}
