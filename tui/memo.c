/* tui/memo.c — memos from the TUI: the typed memos of `anker memo` on the
 * project, a document, a code or a coding (segment).  M opens the
 * one-line prompt (quick notes while coding), Ctrl-E the user's editor
 * (long text; also from the prompt, taking what was typed along).  A
 * target may hold several memos (the CLI adds as many as one likes): the
 * TUI edits the oldest, the memo list (") reaches every one.  Each change
 * is one module call (coding_memo_add, _edit, _delete), so one undo step;
 * emptying a memo deletes it, and u brings it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "views.h"

/* The memo being edited: prompt callbacks take no argument, so it waits
 * here between the key and Enter (one prompt is open at a time). */
static struct {
	enum coding_memo_target target;
	char key[37];            /* the target's GUID ("" for the project) */
	char what[192];          /* "document 'Interview 01'", for the messages */
	char memo[37];           /* the memo's GUID, "": none yet */
	char type[16];           /* the type to give it, "": keep (a new one: free) */
	char cur_type[16];       /* its type now */
	char *old;               /* its text now ("" when new; owned) */
} pend;

void tui_memo_free(void)
{
	free(pend.old);
	pend.old = NULL;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static void memo_save(struct tui *t, const char *text)
{
	struct anker_err err = { 0 };
	const char *did, *type = *pend.type ? pend.type : *pend.cur_type ? pend.cur_type : "free";
	int rc;
	if (blank(text) && !*pend.memo) {
		tui_message(t, false, "No memo on %s: nothing written", pend.what);
		return;
	}
	if (blank(text)) {
		rc = coding_memo_delete(t->st, pend.memo, t->coder, &err);
		did = "Deleted";
	} else if (*pend.memo) {
		bool same_text = strcmp(text, pend.old) == 0;
		bool same_type = strcmp(type, pend.cur_type) == 0;
		if (same_text && same_type) {
			tui_message(t, false, "The memo on %s is unchanged", pend.what);
			return;
		}
		rc = coding_memo_edit(t->st, pend.memo, same_type ? NULL : type,
		                      same_text ? NULL : text, t->coder, &err);
		did = "Changed";
	} else {
		struct coding_memo_on on = { pend.target, pend.key };
		char guid[37];
		rc = coding_memo_add(t->st, &on, type, text, t->coder, guid, &err);
		did = "Wrote";
	}
	if (rc) {
		tui_message(t, true, "Memo not set: %s", err.msg);
		return;
	}
	tui_reload(t);
	tui_message(t, false, "%s the %s memo on %s (u undoes)", did, type, pend.what);
}

static void memo_editor(struct tui *t, const char *text)
{
	struct anker_err err = { 0 };
	char *out = NULL;
	bool changed;
	t->acted = true;
	if (tui_edit_text(t, "memo", text, &out, &changed, &err))
		tui_message(t, true, "Memo not set: %s", err.msg);
	else
		memo_save(t, out);
	free(out);
}

static void prompt_done(struct tui *t, const char *text)
{
	memo_save(t, text);
}

/* Ctrl-E in the prompt: what was typed goes on in the editor. */
static bool prompt_key(struct tui *t, enum tui_action a)
{
	if (a != TUI_ACT_MEMO_EDIT)
		return false;
	char *typed = xstrdup(t->prompt.buf);
	tui_prompt_close(t);
	memo_editor(t, typed);
	free(typed);
	return true;
}

/* Open the prompt (one-line text only: a longer memo goes to the editor
 * at once, never cut) or the editor on pend. */
static void memo_open(struct tui *t, bool editor)
{
	if (!editor && !strchr(pend.old, '\n') && strlen(pend.old) < TUI_PROMPT_MAX) {
		char label[256];
		snprintf(label, sizeof label, "Memo (%s; ^E: editor) on %s: ",
		         *pend.type ? pend.type : *pend.cur_type ? pend.cur_type : "free", pend.what);
		tui_prompt_open(t, TUI_PROMPT_MEMO, label, pend.old, prompt_done);
		t->prompt.key = prompt_key;
		return;
	}
	char *text = xstrdup(pend.old);
	memo_editor(t, text);
	free(text);
}

static void pend_set(enum coding_memo_target target, const char *key, const char *what,
                     const char *type, const struct coding_memo *m)
{
	tui_memo_free();
	memset(&pend, 0, sizeof pend);
	pend.target = target;
	snprintf(pend.key, sizeof pend.key, "%s", key ? key : "");
	snprintf(pend.what, sizeof pend.what, "%s", what);
	snprintf(pend.type, sizeof pend.type, "%s", type ? type : "");
	if (m) {
		memcpy(pend.memo, m->guid, sizeof pend.memo);
		snprintf(pend.cur_type, sizeof pend.cur_type, "%s", m->type);
	}
	pend.old = xstrdup(m ? m->text : "");
}

void tui_memo_edit(struct tui *t, enum coding_memo_target target, const char *key,
                   const char *what, const char *type, bool editor)
{
	struct coding_memo_on on = { target, key };
	struct coding_memo_filter f = { .on = &on };
	struct coding_memo *v;
	size_t n;
	struct anker_err err = { 0 };
	if (coding_memo_list(t->st, &f, &v, &n, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	pend_set(target, key, what, type, n ? &v[0] : NULL);
	coding_memos_free(v, n);
	memo_open(t, editor);
}

void tui_memo_edit_memo(struct tui *t, const struct coding_memo *m, const char *type,
                        bool editor)
{
	/* Named as M names them elsewhere. */
	struct strbuf what = { 0 };
	int target = coding_memo_target_parse(m->target);
	if (target == CODING_MEMO_PROJECT)
		sb_adds(&what, "the project");
	else if (target == CODING_MEMO_DOCUMENT)
		sb_addf(&what, "document '%s'", m->on);
	else
		sb_addf(&what, "%s %s", target == CODING_MEMO_CODE ? "code" : "the coding", m->on);
	pend_set((enum coding_memo_target)target, m->target_guid, sb_str(&what), type, m);
	sb_free(&what);
	memo_open(t, editor);
}

void tui_memo_here(struct tui *t, const char *type, bool editor)
{
	struct strbuf what = { 0 };
	switch (t->focus) {
	case TUI_PANE_TEXT:
		text_memo_at(t, text_view_of(t), type, editor);
		break;
	case TUI_PANE_DOCS: {
		const struct corpus_doc *d = tui_docs_cursor(t);
		if (!d) {
			tui_message(t, true, "No document here");
			break;
		}
		sb_addf(&what, "document '%s'", d->name);
		tui_memo_edit(t, CODING_MEMO_DOCUMENT, d->guid, sb_str(&what), type, editor);
		break;
	}
	default:
		if (t->codes.current < 0) {
			tui_message_id(t, TUI_MSG_NO_CODE);
			break;
		}
		const struct codebook_code *k = &t->codes.cb.codes[t->codes.current];
		sb_addf(&what, "code %s%s%s", k->number, *k->number ? " " : "", k->name);
		tui_memo_edit(t, CODING_MEMO_CODE, views_code_key(t, t->codes.current), sb_str(&what),
		              type, editor);
		break;
	}
	sb_free(&what);
}

void tui_memo_cmd(struct tui *t, char **w, size_t n)
{
	size_t at = n > 1 && strcmp(w[1], "project") == 0 ? 2 : 1;
	bool project = at == 2;
	const char *type = n > at ? w[at] : NULL;
	if (n > at + 1 || (type && !coding_memo_type_valid(type))) {
		tui_message(t, true, "Usage: :memo [project] [TYPE] (TYPE: definition, method, theory "
		            "or free)");
		return;
	}
	if (project)
		tui_memo_edit(t, CODING_MEMO_PROJECT, "", "the project", type, true);
	else
		tui_memo_here(t, type, true);
}
