/* tui/resume.c — where the coder left off, as MAXQDA reopens the last
 * document at the last position: the document, the cursor and the first
 * line shown, the pane in focus, the current code and the recent codes
 * (1-9).  Saved per coder in the project (store_coder_set) when the TUI
 * ends, put back when it starts; what was deleted meanwhile (a document,
 * a code) is simply not restored.  Rows are named by GUID, which survives
 * undo and redo, not by id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"
#include "views.h"

#define KEY_DOC    "tui.document"     /* GUID, "" for none */
#define KEY_PLACE  "tui.place"        /* "CURSOR TOP": code points */
#define KEY_FOCUS  "tui.focus"        /* documents, codes or text */
#define KEY_CODE   "tui.code"         /* GUID of the current code */
#define KEY_RECENT "tui.recent"       /* GUIDs, the last used first */

static const char *const pane_names[TUI_NPANES] = {
	[TUI_PANE_DOCS] = "documents", [TUI_PANE_CODES] = "codes", [TUI_PANE_TEXT] = "text",
};

void tui_resume_save(struct tui *t)
{
	struct anker_err err = { 0 };
	struct strbuf recent = { 0 };
	char place[64];
	size_t cur, top;
	const char *doc = tui_docs_guid(t, tui_text_doc(t));
	tui_text_place(t, &cur, &top);
	snprintf(place, sizeof place, "%zu %zu", cur, top);
	for (int k = 0; k < TUI_RECENT; k++)
		if (t->recent[k][0])
			sb_addf(&recent, "%s%s", recent.len ? " " : "", t->recent[k]);
	int i = t->codes.current;
	const char *code = i >= 0 && (size_t)i < t->codes.cb.ncodes ? t->codes.cb.codes[i].guid : "";
	/* One transaction; a failure (a read-only file, a lock held for
	 * minutes) loses only the place, never data: nothing is said. */
	if (store_begin(t->st, &err))
		goto out;
	if (store_coder_set(t->st, t->coder, KEY_DOC, doc ? doc : "", &err) ||
	    store_coder_set(t->st, t->coder, KEY_PLACE, place, &err) ||
	    store_coder_set(t->st, t->coder, KEY_FOCUS, pane_names[t->focus], &err) ||
	    store_coder_set(t->st, t->coder, KEY_CODE, code, &err) ||
	    store_coder_set(t->st, t->coder, KEY_RECENT, sb_str(&recent), &err))
		store_rollback(t->st);
	else
		store_commit(t->st, &err);
out:
	sb_free(&recent);
}

/* The recent codes from their GUIDs, in order; those gone are left out. */
static void recent_load(struct tui *t, const char *list)
{
	int n = 0;
	for (const char *p = list; *p && n < TUI_RECENT;) {
		size_t len = strcspn(p, " ");
		if (len < sizeof t->recent[n]) {
			memcpy(t->recent[n], p, len);
			t->recent[n][len] = 0;
			if (views_code_find_guid(t, t->recent[n]) >= 0)
				n++;
		}
		p += len;
		p += strspn(p, " ");
	}
	for (; n < TUI_RECENT; n++)
		t->recent[n][0] = 0;
}

void tui_resume_load(struct tui *t)
{
	struct anker_err err = { 0 };
	char *v[5] = { 0 };
	const char *keys[5] = { KEY_DOC, KEY_PLACE, KEY_FOCUS, KEY_CODE, KEY_RECENT };
	for (int k = 0; k < 5; k++)
		if (store_coder_get(t->st, t->coder, keys[k], &v[k], &err))
			goto out;
	if (v[3] && *v[3]) {
		int i = views_code_find_guid(t, v[3]);
		if (i >= 0)
			tui_codes_set_current(t, i);
	}
	if (v[4])
		recent_load(t, v[4]);
	if (v[0] && *v[0] && tui_docs_open_guid(t, v[0]) == 0) {
		unsigned long long cur = 0, top = 0;
		if (v[1] && sscanf(v[1], "%llu %llu", &cur, &top) == 2)
			tui_text_set_place(t, (size_t)cur, (size_t)top);
		for (int p = 0; v[2] && p < TUI_NPANES; p++)
			if (strcmp(v[2], pane_names[p]) == 0)
				t->focus = (enum tui_pane)p;
	}
out:
	for (int k = 0; k < 5; k++)
		free(v[k]);
}
