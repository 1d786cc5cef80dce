/* tui/views_coders.c — the coder filter of the analysis views (issue 13):
 * F, O and r count every coder's segments pooled, one coder's, or (F, O)
 * each coder's on their own; C steps through them and the view's title
 * says which.  The counting itself is the analysis module's (coder,
 * by coder, per_coder). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"

/* all → each coder in the order they came → (each separately) → all.  A
 * coder that is gone (renamed, merged) counts as the last one. */
bool views_coders_next(struct tui *t, struct views_coders *f, bool each)
{
	char **names;
	size_t n;
	struct anker_err err = { 0 };
	if (coding_coders_list(t->st, &names, &n, &err)) {
		tui_message(t, true, "%s", err.msg);
		return false;
	}
	size_t at = n;   /* the next coder's index; n: past the last */
	if (f->mode == VIEWS_CODERS_ALL) {
		at = 0;
	} else if (f->mode == VIEWS_CODERS_ONE) {
		for (size_t i = 0; i < n; i++)
			if (strcmp(names[i], f->name) == 0)
				at = i + 1;
	}
	if (f->mode != VIEWS_CODERS_EACH && at < n) {
		f->mode = VIEWS_CODERS_ONE;
		snprintf(f->name, sizeof f->name, "%s", names[at]);
	} else if (f->mode == VIEWS_CODERS_ONE && each && n > 1) {
		f->mode = VIEWS_CODERS_EACH;
	} else {
		f->mode = VIEWS_CODERS_ALL;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return true;
}

const char *views_coders_one(const struct views_coders *f)
{
	return f->mode == VIEWS_CODERS_ONE ? f->name : NULL;
}

void views_coders_say(const struct views_coders *f, struct strbuf *out)
{
	switch (f->mode) {
	case VIEWS_CODERS_ALL: sb_adds(out, "all coders"); break;
	case VIEWS_CODERS_ONE: sb_addf(out, "coder %s", f->name); break;
	case VIEWS_CODERS_EACH: sb_adds(out, "each coder separately"); break;
	}
}
