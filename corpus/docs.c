/* corpus/docs.c — documents in the project: list, find, text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

void corpus_var_free(struct corpus_var *v)
{
	free(v->name);
	free(v->type);
	free(v->value);
	memset(v, 0, sizeof *v);
}

void corpus_doc_free(struct corpus_doc *d)
{
	if (!d)
		return;
	free(d->name);
	free(d->group);
	free(d->source);
	free(d->imported);
	for (size_t i = 0; i < d->nspeakers; i++)
		free(d->speakers[i]);
	free(d->speakers);
	for (size_t i = 0; i < d->nvars; i++)
		corpus_var_free(&d->vars[i]);
	free(d->vars);
	memset(d, 0, sizeof *d);
}

void corpus_docs_free(struct corpus_doc *docs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		corpus_doc_free(&docs[i]);
	free(docs);
}

#define DOC_COLS "d.id, d.guid, d.name, d.grp, d.chars, d.paragraphs, d.source, d.imported, " \
	"(SELECT COUNT(*) FROM segment s WHERE s.doc_id = d.id)"

static void doc_from_row(struct store_stmt *s, struct corpus_doc *d)
{
	memset(d, 0, sizeof *d);
	d->id = store_col_int(s, 0);
	snprintf(d->guid, sizeof d->guid, "%s", store_col_text(s, 1));
	d->name = xstrdup(store_col_text(s, 2));
	d->group = xstrdup(store_col_text(s, 3));
	d->chars = (size_t)store_col_int(s, 4);
	d->paragraphs = (size_t)store_col_int(s, 5);
	d->source = xstrdup(store_col_text(s, 6));
	d->imported = xstrdup(store_col_text(s, 7));
	d->segments = store_col_int(s, 8);
}

/* Speakers and variables: a second look per document. */
static int doc_details(struct store *st, struct corpus_doc *d, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, "SELECT speaker FROM turn WHERE doc_id = :doc AND speaker <> '' "
	                      "GROUP BY speaker ORDER BY MIN(n)", &s, err) ||
	    store_bind_int(s, ":doc", d->id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		d->speakers = xreallocarray(d->speakers, d->nspeakers + 1, sizeof *d->speakers);
		d->speakers[d->nspeakers++] = xstrdup(store_col_text(s, 0));
	}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (store_prepare(st, "SELECT name, type, value FROM doc_var WHERE doc_id = :doc "
	                      "ORDER BY name", &s, err) ||
	    store_bind_int(s, ":doc", d->id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		d->vars = xreallocarray(d->vars, d->nvars + 1, sizeof *d->vars);
		struct corpus_var *v = &d->vars[d->nvars++];
		v->name = xstrdup(store_col_text(s, 0));
		v->type = xstrdup(store_col_text(s, 1));
		v->value = xstrdup(store_col_text(s, 2));
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int cmp_docs(const void *a, const void *b)
{
	const struct corpus_doc *x = a, *y = b;
	int c = anker_numcmp(x->group, y->group);
	return c ? c : anker_numcmp(x->name, y->name);
}

int corpus_docs_list(struct store *st, struct corpus_doc **out, size_t *n, struct anker_err *err)
{
	struct store_stmt *s;
	struct corpus_doc *docs = NULL;
	size_t nd = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT " DOC_COLS " FROM document d", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		docs = xreallocarray(docs, nd + 1, sizeof *docs);
		doc_from_row(s, &docs[nd++]);
	}
	store_done(s);
	for (size_t i = 0; rc == 0 && i < nd; i++)
		if (doc_details(st, &docs[i], err))
			rc = -1;
	if (rc < 0) {
		corpus_docs_free(docs, nd);
		return ANKER_DB;
	}
	if (nd)   /* qsort(NULL, 0) is undefined */
		qsort(docs, nd, sizeof *docs, cmp_docs);
	*out = docs;
	*n = nd;
	return ANKER_OK;
}

int corpus_doc_find(struct store *st, const char *key, struct corpus_doc *out,
                    struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	memset(out, 0, sizeof *out);
	/* Exact name first; then a GUID or a unique GUID prefix (as git takes
	 * a short hash). */
	if (store_prepare(st, "SELECT " DOC_COLS " FROM document d WHERE d.name = :key", &s, err) ||
	    store_bind_text(s, ":key", key, err))
		return ANKER_DB;
	rc = store_step(s, err);
	if (rc == 1)
		doc_from_row(s, out);
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (rc == 0 && strlen(key) >= 4) {
		if (store_prepare(st, "SELECT " DOC_COLS " FROM document d "
		                      "WHERE substr(d.guid, 1, length(:prefix)) = lower(:prefix) LIMIT 2", &s, err) ||
		    store_bind_text(s, ":prefix", key, err))
			return ANKER_DB;
		int found = 0;
		while ((rc = store_step(s, err)) == 1 && ++found == 1)
			doc_from_row(s, out);
		store_done(s);
		if (rc < 0) {
			corpus_doc_free(out);
			return ANKER_DB;
		}
		if (found > 1) {
			corpus_doc_free(out);
			return anker_err_set(err, ANKER_INPUT, "document '%s' is ambiguous: "
			                     "give more of its GUID or its name", key);
		}
		rc = found;
	}
	if (rc == 0 || !out->name)
		return anker_err_set(err, ANKER_NOTFOUND, "no document '%s' (see 'anker docs')", key);
	if (doc_details(st, out, err)) {
		corpus_doc_free(out);
		return ANKER_DB;
	}
	return ANKER_OK;
}

int corpus_doc_text(struct store *st, int64_t doc_id, char **text, size_t *len,
                    struct anker_err *err)
{
	int rc = store_read_value(st, "document", "text", doc_id, text, len, err);
	if (rc == ANKER_NOTFOUND)
		anker_err_set(err, ANKER_NOTFOUND, "no document with id %lld", (long long)doc_id);
	return rc;
}

int corpus_doc_spans(struct store *st, int64_t doc_id, struct corpus_span *v, size_t n,
                     bool with_text, struct anker_err *err)
{
	char *text;
	size_t len;
	int rc = corpus_doc_text(st, doc_id, &text, &len, err);
	if (rc)
		return rc;
	corpus_text_spans(text, len, v, n, with_text);
	free(text);
	return ANKER_OK;
}

int corpus_doc_turns(struct store *st, int64_t doc_id, struct corpus_turn **out, size_t *n,
                     struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT start, \"end\", para_first, para_last, speaker, "
	                      "ifnull(ts_start, -1), ifnull(ts_end, -1) FROM turn "
	                      "WHERE doc_id = :doc ORDER BY n", &s, err) ||
	    store_bind_int(s, ":doc", doc_id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct corpus_turn *t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->start = (size_t)store_col_int(s, 0);
		t->end = (size_t)store_col_int(s, 1);
		t->para_first = (size_t)store_col_int(s, 2);
		t->para_last = (size_t)store_col_int(s, 3);
		snprintf(t->speaker, sizeof t->speaker, "%s", store_col_text(s, 4));
		t->ts_start_ms = (long)store_col_int(s, 5);
		t->ts_end_ms = (long)store_col_int(s, 6);
	}
	store_done(s);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return ANKER_DB;
	}
	return ANKER_OK;
}
