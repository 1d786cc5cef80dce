/* tui/views_docs.c — `:docs`, the documents the analysis views count
 * (MAXQDA's activation, issue 13): named documents, a group or a variable
 * value; r, F, O and their pairs count only these, and their titles say
 * so.  One filter for the session, kept in struct tui; the counting is the
 * modules' (corpus_docs_filter). */
#include <stdlib.h>
#include <string.h>

#include "views.h"

struct tui_docs {
	struct corpus_doc_filter f;
	char *group, *var, *value;
	char **names;
	size_t nnames;
	char *say;               /* for the titles: "group Interviews" */
};

void tui_docs_free(struct tui *t)
{
	struct tui_docs *d = t->docs;
	if (!d)
		return;
	free(d->group);
	free(d->var);
	free(d->value);
	for (size_t i = 0; i < d->nnames; i++)
		free(d->names[i]);
	free(d->names);
	free(d->say);
	free(d);
	t->docs = NULL;
}

const struct corpus_doc_filter *views_docs(struct tui *t)
{
	return t->docs ? &t->docs->f : NULL;
}

void views_docs_say(struct tui *t, struct strbuf *out)
{
	if (t->docs)
		sb_addf(out, ", documents: %s", t->docs->say);
}

/* "A, B" into names, each trimmed. */
static void docs_names(struct tui_docs *d, const char *list)
{
	const char *p = list;
	for (;;) {
		while (*p == ' ')
			p++;
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && p[len - 1] == ' ')
			len--;
		if (len) {
			d->names = xreallocarray(d->names, d->nnames + 1, sizeof *d->names);
			d->names[d->nnames++] = xstrndup(p, len);
		}
		if (!e)
			break;
		p = e + 1;
	}
	d->f.names = (const char *const *)d->names;
	d->f.nnames = d->nnames;
}

int tui_docs_set(struct tui *t, const char *kind, const char *arg, size_t *kept,
                 struct anker_err *err)
{
	struct tui_docs *d = xcalloc(1, sizeof *d);
	if (strcmp(kind, "group") == 0) {
		d->f.group = d->group = xstrdup(arg);
	} else if (strcmp(kind, "var") == 0) {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg) {
			free(d);
			return anker_err_set(err, ANKER_USAGE, "expected NAME=VALUE, got '%s'", arg);
		}
		d->f.var_name = d->var = xstrndup(arg, (size_t)(eq - arg));
		d->f.var_value = d->value = xstrdup(eq + 1);
	} else if (strcmp(kind, "doc") == 0) {
		docs_names(d, arg);
	} else {
		free(d);
		return anker_err_set(err, ANKER_USAGE, "expected group, var or doc, got '%s'", kind);
	}
	struct strbuf say = { 0 };
	sb_addf(&say, "%s%s", strcmp(kind, "doc") ? kind : "", strcmp(kind, "doc") ? " " : "");
	sb_adds(&say, arg);
	d->say = sb_steal(&say);
	/* Checked now, so that a name that is not there is said at once. */
	bool *keep;
	int64_t max;
	int rc = corpus_docs_kept(t->st, &d->f, &keep, &max, err);
	*kept = 0;
	for (int64_t i = 0; !rc && i <= max; i++)
		*kept += keep[i];
	free(keep);
	struct tui_docs *old = t->docs;
	t->docs = d;
	if (rc) {
		tui_docs_free(t);
		t->docs = old;
		return rc;
	}
	t->docs = old;
	tui_docs_free(t);
	t->docs = d;
	return 0;
}
