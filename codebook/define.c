/* codebook/define.c — the texts of a code: its definition, its anchor
 * examples and its notes, each replaced whole (the TUI edits them in the
 * user's editor and gives back the lot).
 *
 * Like every edit (codebook/edit.c) one is one transaction, so one undo
 * step: the code's row, which holds its examples and notes
 * (store_row_json), is logged before and after.  An edit that leaves the
 * row as it was logs nothing and reports no change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_int.h"
#include "../corpus/corpus.h"

#define SQL_TOUCH "UPDATE code SET modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id"

/* Text is UTF-8 (corpus_utf8_check), and not blank where blank means
 * nothing. */
static int check_text(struct edit *e, const char *what, const char *s, bool need)
{
	if (corpus_utf8_check(what, s, e->err))
		return e->err->status;
	if (need && !s[strspn(s, " \t\r\n")])
		return anker_err_set(e->err, ANKER_INPUT, "%s: no text", what);
	return ANKER_OK;
}

/* After the rows of code i changed: if the row is not as before, touch it
 * and log it; else say nothing changed. */
static int finish_rows(struct edit *e, int i, const char *before)
{
	const struct codebook_code *c = &e->cb.codes[i];
	struct strbuf now = { 0 };
	int rc = edit_capture(e, "code", c->guid, &now);
	if (rc == ANKER_OK && strcmp(sb_str(&now), before) != 0) {
		rc = store_run(e->st, e->err, SQL_TOUCH, STORE_INT(":id", c->id));
		if (rc == ANKER_OK)
			rc = edit_log_row(e, "code", c->guid, before, false);
		e->rep->codes = 1;
	}
	sb_free(&now);
	return rc;
}

int codebook_code_define(struct store *st, const char *key, const char *definition,
                         struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	int rc = edit_begin(&e, st, "codes define", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		return edit_end(&e, e.err->status);
	rc = check_text(&e, "definition", definition, false);
	if (!rc && strcmp(definition, e.cb.codes[i].definition) != 0) {
		rc = edit_update_code(&e, i, "UPDATE code SET definition = :v, modified = "
		                             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id",
		                      definition);
		e.rep->codes = 1;
	}
	return edit_end(&e, rc);
}

/* The old example each new text keeps the source (citation and segment)
 * of: the first unused one with the same text; with as many examples as
 * before, an edited one keeps its place's.  keep[k]: index into the old
 * ones, -1: a new example. */
static void anchors_match(char **old, size_t nold, const char *const *texts, size_t n,
                          long *keep)
{
	bool *used = xcalloc(nold + 1, sizeof *used);
	for (size_t k = 0; k < n; k++) {
		keep[k] = -1;
		for (size_t j = 0; j < nold && keep[k] < 0; j++)
			if (!used[j] && strcmp(old[j], texts[k]) == 0)
				keep[k] = (long)j;
		if (keep[k] >= 0)
			used[keep[k]] = true;
	}
	for (size_t k = 0; n == nold && k < n; k++)
		if (keep[k] < 0 && !used[k]) {
			keep[k] = (long)k;
			used[k] = true;
		}
	free(used);
}

static int anchors_write(struct edit *e, int i, const char *const *texts, size_t n)
{
	int64_t code = e->cb.codes[i].id;
	char **ids = NULL, **old = NULL;
	size_t nids = 0, nold = 0;
	int rc = edit_collect(e, "SELECT id FROM anchor WHERE code_id = :id ORDER BY position, id",
	                      code, &ids, &nids);
	if (!rc)
		rc = edit_collect(e, "SELECT text FROM anchor WHERE code_id = :id ORDER BY position, id",
		                  code, &old, &nold);
	long *keep = xcalloc(n + 1, sizeof *keep);
	if (!rc && nold == nids)
		anchors_match(old, nold, texts, n, keep);
	/* Kept rows get their new place and text, the rest go, new ones come. */
	bool *kept = xcalloc(nids + 1, sizeof *kept);
	for (size_t k = 0; k < n && !rc; k++)
		if (keep[k] >= 0) {
			kept[keep[k]] = true;
			rc = store_run(e->st, e->err, "UPDATE anchor SET position = :pos, text = :text "
			               "WHERE id = :id", STORE_INT(":pos", (int64_t)k + 1),
			               STORE_TEXT(":text", texts[k]), STORE_INT(":id", atoll(ids[keep[k]])));
		}
	for (size_t j = 0; j < nids && !rc; j++)
		if (!kept[j])
			rc = store_run(e->st, e->err, "DELETE FROM anchor WHERE id = :id",
			               STORE_INT(":id", atoll(ids[j])));
	for (size_t k = 0; k < n && !rc; k++)
		if (keep[k] < 0)
			rc = store_run(e->st, e->err, "INSERT INTO anchor(code_id, position, text) "
			               "VALUES (:code, :pos, :text)", STORE_INT(":code", code),
			               STORE_INT(":pos", (int64_t)k + 1), STORE_TEXT(":text", texts[k]));
	free(kept);
	free(keep);
	store_texts_free(ids, nids);
	store_texts_free(old, nold);
	return rc;
}

int codebook_code_anchors_set(struct store *st, const char *key, const char *const *texts,
                              size_t n, struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	struct strbuf before = { 0 };
	int rc = edit_begin(&e, st, "anchors set", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		rc = e.err->status;
	char what[64];
	for (size_t k = 0; k < n && !rc; k++) {
		snprintf(what, sizeof what, "anchor example %zu", k + 1);
		rc = check_text(&e, what, texts[k], true);
	}
	if (!rc)
		rc = edit_capture(&e, "code", e.cb.codes[i].guid, &before);
	if (!rc)
		rc = anchors_write(&e, i, texts, n);
	if (!rc)
		rc = finish_rows(&e, i, sb_str(&before));
	sb_free(&before);
	return edit_end(&e, rc);
}

int codebook_code_notes_set(struct store *st, const char *key, const struct codebook_note *notes,
                            size_t n, struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	struct strbuf before = { 0 };
	int rc = edit_begin(&e, st, "notes set", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		rc = e.err->status;
	char what[64];
	for (size_t k = 0; k < n && !rc; k++) {
		snprintf(what, sizeof what, "note %zu: label", k + 1);
		if (!(rc = check_text(&e, what, notes[k].label, true)) && strchr(notes[k].label, '\n'))
			rc = anker_err_set(e.err, ANKER_INPUT, "%s: one line, not several", what);
		snprintf(what, sizeof what, "note %zu", k + 1);
		if (!rc)
			rc = check_text(&e, what, notes[k].text, false);
	}
	if (!rc)
		rc = edit_capture(&e, "code", e.cb.codes[i].guid, &before);
	if (!rc)
		rc = store_run(st, e.err, "DELETE FROM code_note WHERE code_id = :id",
		              STORE_INT(":id", e.cb.codes[i].id));
	for (size_t k = 0; k < n && !rc; k++)
		rc = store_run(st, e.err, "INSERT INTO code_note(code_id, position, label, text) "
		               "VALUES (:code, :pos, :label, :text)", STORE_INT(":code", e.cb.codes[i].id),
		               STORE_INT(":pos", (int64_t)k + 1), STORE_TEXT(":label", notes[k].label),
		               STORE_TEXT(":text", notes[k].text));
	if (!rc)
		rc = finish_rows(&e, i, sb_str(&before));
	sb_free(&before);
	return edit_end(&e, rc);
}
