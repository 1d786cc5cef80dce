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

/* Kept by triggers (schema 6): counting through segment_doc grew with
 * the segments. */
#define DOC_SEGMENTS "COALESCE((SELECT n FROM doc_segments c WHERE c.doc_id = d.id), 0)"
#define DOC_COLS "d.id, d.guid, d.name, d.grp, d.chars, d.paragraphs, d.source, d.imported, " \
	DOC_SEGMENTS
/* The columns stored before the text only, in DOC_COLS's places: SQLite
 * reads a row's columns after a long text by walking the text's overflow
 * pages, so DOC_COLS over all documents reads every text. */
#define DOC_BRIEF_COLS "d.id, d.guid, d.name, d.grp, 0, 0, '', '', " DOC_SEGMENTS

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

/* A doc_var row's name, type and value from column FROM on, onto d. */
static void doc_var_add(struct corpus_doc *d, struct store_stmt *s, int from)
{
	d->vars = xreallocarray(d->vars, d->nvars + 1, sizeof *d->vars);
	struct corpus_var *v = &d->vars[d->nvars++];
	v->name = xstrdup(store_col_text(s, from));
	v->type = xstrdup(store_col_text(s, from + 1));
	v->value = xstrdup(store_col_text(s, from + 2));
}

struct speaker_ref {
	const char *name;
	size_t turn;
};

static int speaker_ref_cmp(const void *a, const void *b)
{
	const struct speaker_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->turn > y->turn) - (x->turn < y->turn);
}

static int turn_cmp(const void *a, const void *b)
{
	const struct speaker_ref *x = a, *y = b;
	return (x->turn > y->turn) - (x->turn < y->turn);
}

/* The document's speakers, each once, in the order they first speak. */
static int doc_speakers(struct store *st, struct corpus_doc *d, struct anker_err *err)
{
	struct corpus_turn *v;
	size_t n, k = 0;
	if (corpus_doc_turns(st, d->id, &v, &n, err))
		return ANKER_DB;
	struct speaker_ref *r = xmalloc((n ? n : 1) * sizeof *r);
	for (size_t i = 0; i < n; i++)
		if (*v[i].speaker)
			r[k++] = (struct speaker_ref){ v[i].speaker, i };
	if (k)    /* qsort(NULL, 0) is undefined */
		qsort(r, k, sizeof *r, speaker_ref_cmp);
	size_t m = 0;
	for (size_t i = 0; i < k; i++)
		if (i == 0 || strcmp(r[i].name, r[i - 1].name) != 0)
			r[m++] = r[i];
	if (m)
		qsort(r, m, sizeof *r, turn_cmp);
	d->speakers = xreallocarray(d->speakers, d->nspeakers + m + 1, sizeof *d->speakers);
	for (size_t i = 0; i < m; i++)
		d->speakers[d->nspeakers++] = xstrdup(r[i].name);
	free(r);
	free(v);
	return ANKER_OK;
}

/* Speakers and variables: a second look per document. */
static int doc_details(struct store *st, struct corpus_doc *d, bool vars, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (doc_speakers(st, d, err))
		return ANKER_DB;
	if (!vars)
		return ANKER_OK;
	if (store_prepare(st, "SELECT name, type, value FROM doc_var WHERE doc_id = :doc "
	                      "ORDER BY name", &s, err) ||
	    store_bind_int(s, ":doc", d->id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1)
		doc_var_add(d, s, 0);
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Every document's variables in one query, onto docs[0..n) (in id order). */
static int docs_vars(struct store *st, struct corpus_doc *docs, size_t n, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	size_t i = 0;
	if (store_prepare(st, "SELECT doc_id, name, type, value FROM doc_var ORDER BY doc_id, name",
	                  &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		while (i < n && docs[i].id < id)
			i++;
		if (i < n && docs[i].id == id)
			doc_var_add(&docs[i], s, 1);
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

static int docs_list(struct store *st, bool brief, struct corpus_doc **out, size_t *n,
                     struct anker_err *err)
{
	struct store_stmt *s;
	struct corpus_doc *docs = NULL;
	size_t nd = 0, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, brief ? "SELECT " DOC_BRIEF_COLS " FROM document d ORDER BY d.id"
	                            : "SELECT " DOC_COLS " FROM document d ORDER BY d.id", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		if (nd == cap) {
			cap = cap ? 2 * cap : 64;
			docs = xreallocarray(docs, cap, sizeof *docs);
		}
		doc_from_row(s, &docs[nd++]);
	}
	store_done(s);
	for (size_t i = 0; rc == 0 && !brief && i < nd; i++)
		if (doc_details(st, &docs[i], false, err))
			rc = -1;
	if (rc < 0 || docs_vars(st, docs, nd, err)) {
		corpus_docs_free(docs, nd);
		return ANKER_DB;
	}
	if (nd)   /* qsort(NULL, 0) is undefined */
		qsort(docs, nd, sizeof *docs, cmp_docs);
	*out = docs;
	*n = nd;
	return ANKER_OK;
}

int corpus_docs_list(struct store *st, struct corpus_doc **out, size_t *n, struct anker_err *err)
{
	return docs_list(st, false, out, n, err);
}

int corpus_docs_brief(struct store *st, struct corpus_doc **out, size_t *n, struct anker_err *err)
{
	return docs_list(st, true, out, n, err);
}

/* No document is called key exactly: the one called so but for case,
 * or an error naming the nearest. */
static int doc_find_fold(struct store *st, const char *key, struct corpus_doc *out,
                         struct anker_err *err)
{
	char **names;
	size_t n;
	if (store_get_texts(st, &names, &n, err, "SELECT name FROM document ORDER BY id"))
		return ANKER_DB;
	long i = corpus_name_find(key, (const char *const *)names, n);
	struct strbuf sb = { 0 };
	int rc;
	if (i >= 0) {
		rc = corpus_doc_find(st, names[i], out, err);
	} else if (i == -2) {
		for (size_t k = 0; k < n; k++)
			if (corpus_name_equal_fold(names[k], key))
				sb_addf(&sb, "%s'%s'", sb.len ? ", " : "", names[k]);
		rc = anker_err_set(err, ANKER_INPUT, "document '%s' is ambiguous: %s (give its exact "
		                   "name)", key, sb_str(&sb));
	} else {
		corpus_name_suggest(&sb, key, (const char *const *)names, n);
		rc = anker_err_set(err, ANKER_NOTFOUND, "no document '%s'%s", key,
		                   sb.len ? sb_str(&sb) : " (see 'anker docs')");
	}
	sb_free(&sb);
	store_texts_free(names, n);
	return rc;
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
		return doc_find_fold(st, key, out, err);
	if (doc_details(st, out, true, err)) {
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

/* name among the distinct names[0..n) of groups or variables (var) as
 * corpus_name_find finds it: its index, or an error naming the nearest
 * ("no document has a variable 'Ort'; did you mean 'ort'?"). */
static long filter_name(const char *key, const char *const *names, size_t n, bool var,
                        struct anker_err *err)
{
	long i = corpus_name_find(key, names, n);
	if (i >= 0)
		return i;
	struct strbuf sb = { 0 };
	if (i == -2) {
		anker_err_set(err, ANKER_INPUT, "%s '%s' is ambiguous: several differ only in case",
		              var ? "variable" : "group", key);
	} else {
		corpus_name_suggest(&sb, key, names, n);
		anker_err_set(err, ANKER_NOTFOUND, "%s '%s'%s", var ? "no document has a variable"
		              : "no group", key, sb.len ? sb_str(&sb) : " (see 'anker docs')");
	}
	sb_free(&sb);
	return -1;
}

int corpus_var_name_find(struct store *st, const char *key, struct strbuf *canon,
                         struct anker_err *err)
{
	char **names;
	size_t n;
	if (store_get_texts(st, &names, &n, err, "SELECT DISTINCT name FROM doc_var ORDER BY name"))
		return ANKER_DB;
	long i = filter_name(key, (const char *const *)names, n, true, err);
	if (i >= 0)
		sb_adds(canon, names[i]);
	store_texts_free(names, n);
	return i < 0 ? (int)err->status : ANKER_OK;
}

/* Add s to the distinct names v[0..*n) (cap: docs' total). */
static void distinct_add(const char **v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return;
	v[(*n)++] = s;
}

int corpus_docs_filter(struct store *st, const struct corpus_doc *docs, size_t n,
                       const struct corpus_doc_filter *f, bool *keep, struct anker_err *err)
{
	size_t nvars = 0, ng = 0, nv = 0;
	for (size_t i = 0; i < n; i++) {
		keep[i] = true;
		nvars += docs[i].nvars;
	}
	const char **groups = xcalloc(n + 1, sizeof *groups), **vars = xcalloc(nvars + 1, sizeof *vars);
	for (size_t i = 0; i < n; i++) {
		if (*docs[i].group)
			distinct_add(groups, &ng, docs[i].group);
		for (size_t k = 0; k < docs[i].nvars; k++)
			distinct_add(vars, &nv, docs[i].vars[k].name);
	}
	long g = f->group ? filter_name(f->group, groups, ng, false, err) : 0;
	long v = g >= 0 && f->var_name ? filter_name(f->var_name, vars, nv, true, err) : 0;
	int rc = g < 0 || v < 0 ? (int)err->status : ANKER_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		if (f->group && strcmp(docs[i].group, groups[g]) != 0)
			keep[i] = false;
		bool has = !f->var_name;
		for (size_t k = 0; !has && k < docs[i].nvars; k++)
			has = strcmp(docs[i].vars[k].name, vars[v]) == 0 &&
			      corpus_var_matches(docs[i].vars[k].type, docs[i].vars[k].value,
			                         f->var_value ? f->var_value : "");
		keep[i] = keep[i] && has;
	}
	if (!rc && f->names) {
		bool *named = xcalloc(n + 1, sizeof *named);
		for (size_t k = 0; !rc && k < f->nnames; k++) {
			struct corpus_doc d;
			if ((rc = corpus_doc_find(st, f->names[k], &d, err)))
				break;
			for (size_t i = 0; i < n; i++)
				named[i] = named[i] || docs[i].id == d.id;
			corpus_doc_free(&d);
		}
		for (size_t i = 0; i < n; i++)
			keep[i] = keep[i] && named[i];
		free(named);
	}
	free(groups);
	free(vars);
	return rc;
}

int corpus_docs_kept(struct store *st, const struct corpus_doc_filter *f, bool **keep,
                     int64_t *max_id, struct anker_err *err)
{
	struct corpus_doc *docs;
	size_t n;
	*keep = NULL;
	*max_id = -1;
	/* Brief: the filters need names, groups and variables, not the columns
	 * stored after each text (reading those walks every text). */
	int rc = corpus_docs_brief(st, &docs, &n, err);
	if (rc)
		return rc;
	bool *k = xcalloc(n + 1, sizeof *k);
	rc = corpus_docs_filter(st, docs, n, f, k, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (docs[i].id > *max_id)
			*max_id = docs[i].id;
	if (!rc) {
		*keep = xcalloc((size_t)(*max_id + 1) + 1, sizeof **keep);
		for (size_t i = 0; i < n; i++)
			(*keep)[docs[i].id] = k[i];
	}
	free(k);
	corpus_docs_free(docs, n);
	return rc;
}
