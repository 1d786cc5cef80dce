/* coding/retrieve.c — coded segments with their text and citation.
 *
 * Built for many segments (a million in the project, thousands listed):
 * one read transaction; the rows come from the segment indices (by code,
 * by document) and the other filters are applied here; code paths and
 * coder names come from small lookup tables loaded once; a document row
 * is read once, for its name, group and text together, and only when it
 * has segments to show: the row carries the text, so even reading a
 * document's name costs a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "retrieve_int.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

static int cmp_ref_id(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct ref *coding_ref_find(struct ref *v, size_t n, int64_t id)
{
	struct ref key = { .id = id };
	return n ? bsearch(&key, v, n, sizeof *v, cmp_ref_id) : NULL;
}

static void refs_free(struct ref *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].group);
		free(v[i].number);
		free(v[i].path);
	}
	free(v);
}

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

void coding_query_free(struct query *q)
{
	refs_free(q->codes, q->ncodes);
	refs_free(q->coders, q->ncoders);
	refs_free(q->docs, q->ndocs);
	free(q->want_codes);
	free(q->var_docs);
	free(q->v);
}

/* ---------------------------------------------------------------------- */
/* Lookups */

static int load_coders(struct store *st, struct query *q, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, "SELECT id, name FROM coder ORDER BY id", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		q->coders = xreallocarray(q->coders, q->ncoders + 1, sizeof *q->coders);
		struct ref *r = &q->coders[q->ncoders++];
		memset(r, 0, sizeof *r);
		r->id = store_col_int(s, 0);
		r->name = xstrdup(store_col_text(s, 1));
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int coding_coder_find(struct store *st, const char *name, int64_t *id, struct strbuf *canon,
                      struct anker_err *err)
{
	struct query q = {0};
	int rc = load_coders(st, &q, err);
	const char **names = xcalloc(q.ncoders + 1, sizeof *names);
	for (size_t i = 0; i < q.ncoders; i++)
		names[i] = q.coders[i].name;
	long i = rc ? -1 : corpus_name_find(name, names, q.ncoders);
	struct strbuf sb = {0};
	if (rc) {
		;
	} else if (i >= 0) {
		*id = q.coders[i].id;
		if (canon)
			sb_adds(canon, names[i]);
	} else if (i == -2) {
		rc = anker_err_set(err, ANKER_INPUT, "coder '%s' is ambiguous: several coders' names "
		                   "differ from it only in case", name);
	} else {
		corpus_name_suggest(&sb, name, names, q.ncoders);
		rc = anker_err_set(err, ANKER_NOTFOUND, "no coder '%s'%s", name, sb_str(&sb));
	}
	sb_free(&sb);
	free(names);
	refs_free(q.coders, q.ncoders);
	return rc;
}

int coding_coders_list(struct store *st, char ***names, size_t *n, struct anker_err *err)
{
	struct query q = {0};
	int rc = load_coders(st, &q, err);
	*names = xcalloc(q.ncoders + 1, sizeof **names);
	*n = rc ? 0 : q.ncoders;
	for (size_t i = 0; i < *n; i++) {
		(*names)[i] = q.coders[i].name;
		q.coders[i].name = NULL;
	}
	refs_free(q.coders, q.ncoders);
	return rc;
}

static int cmp_code_order(const void *a, const void *b)
{
	const struct ref *x = *(struct ref *const *)a, *y = *(struct ref *const *)b;
	int c = anker_numcmp(x->number, y->number);
	return c ? c : strcmp(x->path, y->path);
}

/* Codes with their number and path, ranked by number (2.9 before 2.10). */
static void load_codes(const struct codebook *cb, struct query *q)
{
	struct strbuf path = {0};
	q->codes = xcalloc(cb->ncodes ? cb->ncodes : 1, sizeof *q->codes);
	q->ncodes = cb->ncodes;
	struct ref **order = xcalloc(cb->ncodes ? cb->ncodes : 1, sizeof *order);
	for (size_t i = 0; i < cb->ncodes; i++) {
		struct ref *r = &q->codes[i];
		r->id = cb->codes[i].id;
		r->number = xstrdup(cb->codes[i].number);
		sb_reset(&path);
		codebook_path(cb, i, &path);
		r->path = xstrdup(sb_str(&path));
		order[i] = r;
	}
	qsort(order, q->ncodes, sizeof *order, cmp_code_order);
	for (size_t i = 0; i < q->ncodes; i++)
		order[i]->rank = i;
	free(order);
	sb_free(&path);
	qsort(q->codes, q->ncodes, sizeof *q->codes, cmp_ref_id);
}

static int cmp_code_id(const void *a, const void *b)
{
	const struct codebook_code *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The code tree for codebook_find and codebook_path: ids, GUIDs, numbers,
 * names, parents.  Not codebook_load, which also counts every code's
 * segments and reads anchors and notes: with a million segments that alone
 * would cost more than the whole retrieval may. */
static int load_code_tree(struct store *st, struct codebook *cb, struct anker_err *err)
{
	struct store_stmt *s;
	int64_t *parents = NULL;
	int rc;
	memset(cb, 0, sizeof *cb);
	if (store_prepare(st, "SELECT id, guid, number, name, parent_id FROM code ORDER BY id", &s,
	                  err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		cb->codes = xreallocarray(cb->codes, cb->ncodes + 1, sizeof *cb->codes);
		parents = xreallocarray(parents, cb->ncodes + 1, sizeof *parents);
		struct codebook_code *c = &cb->codes[cb->ncodes];
		memset(c, 0, sizeof *c);
		c->id = store_col_int(s, 0);
		snprintf(c->guid, sizeof c->guid, "%s", store_col_text(s, 1));
		c->number = xstrdup(store_col_text(s, 2));
		c->name = xstrdup(store_col_text(s, 3));
		parents[cb->ncodes++] = store_col_null(s, 4) ? 0 : store_col_int(s, 4);
	}
	store_done(s);
	/* Rows come in id order, so a parent's index is found by bsearch. */
	for (size_t i = 0; rc == 0 && i < cb->ncodes; i++) {
		struct codebook_code key = { .id = parents[i] }, *p;
		p = key.id ? bsearch(&key, cb->codes, cb->ncodes, sizeof key, cmp_code_id) : NULL;
		cb->codes[i].parent = p ? (int)(p - cb->codes) : -1;
	}
	free(parents);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* The code and, with subcodes, its descendants. */
static int resolve_codes(struct store *st, struct query *q, struct anker_err *err)
{
	struct codebook cb;
	int rc = load_code_tree(st, &cb, err);
	if (rc) {
		codebook_free(&cb);
		return rc;
	}
	load_codes(&cb, q);
	int i = q->f->code ? codebook_find(&cb, q->f->code, err) : -1;
	if (q->f->code && i < 0)
		rc = err->status;
	for (size_t j = 0; i >= 0 && j < cb.ncodes; j++) {
		int up = (int)j;
		/* Bounded: a damaged tree with a cycle must not hang. */
		for (size_t k = 0; up >= 0 && up != i && q->f->subcodes && k < cb.ncodes; k++)
			up = cb.codes[up].parent;
		if (up != i)
			continue;
		q->want_codes = xreallocarray(q->want_codes, q->nwant_codes + 1,
		                              sizeof *q->want_codes);
		q->want_codes[q->nwant_codes++] = cb.codes[j].id;
	}
	codebook_free(&cb);
	return rc;
}

/* --var NAME=VALUE: the documents that have it (numbers compared as
 * numbers: corpus_var_matches). */
static int filter_var(struct store *st, struct query *q, const char *name, const char *value,
                      struct anker_err *err)
{
	struct store_stmt *s;
	struct strbuf canon = {0};
	int rc = corpus_var_name_find(st, name, &canon, err);
	if (rc) {
		sb_free(&canon);
		return rc;
	}
	rc = store_prepare(st, "SELECT doc_id, type, value FROM doc_var WHERE name = :name", &s, err) ||
	     store_bind_text(s, ":name", sb_str(&canon), err);
	sb_free(&canon);
	if (rc)
		return ANKER_DB;
	/* One slot even when none matches: a non-NULL list means "filter". */
	q->var_docs = xcalloc(1, sizeof *q->var_docs);
	while ((rc = store_step(s, err)) == 1) {
		if (!corpus_var_matches(store_col_text(s, 1), store_col_text(s, 2), value))
			continue;
		q->var_docs = xreallocarray(q->var_docs, q->nvar_docs + 1, sizeof *q->var_docs);
		q->var_docs[q->nvar_docs++] = store_col_int(s, 0);
	}
	store_done(s);
	qsort(q->var_docs, q->nvar_docs, sizeof *q->var_docs, cmp_int64);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int coding_query_resolve(struct store *st, struct query *q, struct anker_err *err)
{
	const struct coding_filter *f = q->f;
	int rc;
	if ((rc = load_coders(st, q, err)) || (rc = resolve_codes(st, q, err)))
		return rc;
	if (f->doc_id) {
		q->doc_id = f->doc_id;
	} else if (f->doc) {
		struct corpus_doc d;
		if ((rc = corpus_doc_find(st, f->doc, &d, err)))
			return rc;
		q->doc_id = d.id;
		corpus_doc_free(&d);
	}
	if (f->coder && (rc = coding_coder_find(st, f->coder, &q->coder_id, NULL, err)))
		return rc;
	if (f->var_name && (rc = filter_var(st, q, f->var_name,
	                                    f->var_value ? f->var_value : "", err)))
		return rc;
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Rows */

bool coding_query_var_keeps(const struct query *q, int64_t doc)
{
	return !q->var_docs || bsearch(&doc, q->var_docs, q->nvar_docs, sizeof doc, cmp_int64);
}

/* Not created and modified: a list does not show them, and without them an
 * index on (code_id, doc_id, start, end, coder_id, weight, guid, memo)
 * covers the query, sparing a table page per row. */
#define ROW_COLS "SELECT s.id, s.guid, s.doc_id, s.code_id, s.coder_id, s.start, s.\"end\", " \
	"s.weight, s.memo FROM segment s"

/* One row, unless a filter the query did not apply drops it.  The
 * document's name comes later, with its text. */
static void take_row(struct query *q, struct store_stmt *s)
{
	int64_t doc = store_col_int(s, 2), coder = store_col_int(s, 4), weight = store_col_int(s, 7);
	if ((q->coder_id && coder != q->coder_id) || weight < q->f->min_weight)
		return;
	if (!coding_query_var_keeps(q, doc))
		return;
	struct ref *c = coding_ref_find(q->codes, q->ncodes, store_col_int(s, 3));
	struct ref *k = coding_ref_find(q->coders, q->ncoders, coder);
	if (!c || !k)
		return;
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 256;
		q->v = xreallocarray(q->v, q->cap, sizeof *q->v);
	}
	struct item *it = &q->v[q->n++];
	struct coding_segment *g = &it->seg;
	memset(it, 0, sizeof *it);
	it->code_rank = c->rank;
	g->id = store_col_int(s, 0);
	snprintf(g->guid, sizeof g->guid, "%s", store_col_text(s, 1));
	g->doc_id = doc;
	g->code_id = c->id;
	g->code = xstrdup(c->number);
	g->path = xstrdup(c->path);
	g->coder = xstrdup(k->name);
	g->start = (size_t)store_col_int(s, 5);
	g->end = (size_t)store_col_int(s, 6);
	g->weight = (int)weight;
	g->memo = xstrdup(store_col_text(s, 8));
}

/* The rows of one code (or of all codes), read through the index that
 * fits: segment(code_id, doc_id, start) or segment(doc_id, start). */
int coding_query_rows(struct store *st, struct query *q, int64_t code, struct anker_err *err)
{
	static const char *const sql[4] = {
		ROW_COLS,
		ROW_COLS " WHERE s.doc_id = :doc",
		ROW_COLS " WHERE s.code_id = :code",
		ROW_COLS " WHERE s.code_id = :code AND s.doc_id = :doc",
	};
	struct store_stmt *s;
	int rc, which = (code ? 2 : 0) + (q->doc_id ? 1 : 0);
	if (store_prepare(st, sql[which], &s, err) ||
	    (code && store_bind_int(s, ":code", code, err)) ||
	    (q->doc_id && store_bind_int(s, ":doc", q->doc_id, err)))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1)
		take_row(q, s);
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Documents: name, group, Pos. and text */

/* Pos. and text of the segments *v[0..n) of one document. */
static void segs_place(const char *text, size_t len, struct coding_segment **v, size_t n,
                       bool with_text)
{
	struct corpus_span *sp = xcalloc(n + 1, sizeof *sp);
	for (size_t i = 0; i < n; i++) {
		sp[i].start = v[i]->start;
		sp[i].end = v[i]->end;
	}
	corpus_text_spans(text, len, sp, n, with_text);
	for (size_t i = 0; i < n; i++) {
		v[i]->para_first = sp[i].para_first;
		v[i]->para_last = sp[i].para_last;
		v[i]->text = sp[i].text;
	}
	free(sp);
}

/* segs_place on items. */
static void items_place(const char *text, size_t len, struct item *v, size_t n, bool with_text)
{
	struct coding_segment **p = xcalloc(n + 1, sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = &v[i].seg;
	segs_place(text, len, p, n, with_text);
	free(p);
}

/* A segment not placed yet: Pos. 0 (paragraphs count from 1). */
static bool unplaced(const struct coding_segment *g, bool with_text)
{
	return !g->para_first || (with_text && !g->text);
}

int coding_segments_place(struct store *st, struct coding_segment *v, size_t n, bool with_text,
                          struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, "SELECT text FROM document WHERE id = :id", &s, err))
		return ANKER_DB;
	struct coding_segment **run = xcalloc(n + 1, sizeof *run);
	int rc = 0;
	for (size_t i = 0, j; i < n && !rc; i = j) {
		size_t m = 0;
		for (j = i; j < n && v[j].doc_id == v[i].doc_id; j++)
			if (unplaced(&v[j], with_text)) {
				free(v[j].text);
				v[j].text = NULL;
				run[m++] = &v[j];
			}
		if (!m)
			continue;
		store_done(s);   /* reset for the next document */
		if (store_bind_int(s, ":id", v[i].doc_id, err) || (rc = store_step(s, err)) < 0)
			break;
		if (rc == 1)
			segs_place(store_col_text(s, 0), store_col_bytes(s, 0), run, m, with_text);
		rc = 0;
	}
	store_done(s);
	free(run);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* The segments v[0..n), all of one document: its row is read once.  Adds
 * the document to q->docs. */
static int doc_read(struct store *st, struct query *q, struct item *v, size_t n,
                    struct anker_err *err)
{
	struct store_stmt *s;
	bool place = !q->f->positions_only;
	if (store_prepare(st, place ? "SELECT name, grp, text FROM document WHERE id = :id"
	                            : "SELECT name, grp FROM document WHERE id = :id", &s, err) ||
	    store_bind_int(s, ":id", v[0].seg.doc_id, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	if (rc == 1) {
		struct ref *d = &q->docs[q->ndocs++];
		memset(d, 0, sizeof *d);
		d->id = v[0].seg.doc_id;
		d->name = xstrdup(store_col_text(s, 0));
		d->group = xstrdup(store_col_text(s, 1));
		for (size_t i = 0; i < n; i++)
			v[i].seg.doc = xstrdup(d->name);
		if (place)
			items_place(store_col_text(s, 2), store_col_bytes(s, 2), v, n, q->f->with_text);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int cmp_items_doc(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	return x->seg.doc_id < y->seg.doc_id ? -1 : x->seg.doc_id > y->seg.doc_id;
}

int coding_doc_order_cmp(const struct ref *x, const struct ref *y)
{
	int c = anker_numcmp(x->group, y->group);
	return c ? c : anker_numcmp(x->name, y->name);
}

static int cmp_doc_order(const void *a, const void *b)
{
	return coding_doc_order_cmp(*(struct ref *const *)a, *(struct ref *const *)b);
}

/* Rank the documents read as `docs` lists them: group, then name, natural
 * order.  q->docs is in id order (the items were). */
static void rank_docs(struct query *q)
{
	struct ref **order = xcalloc(q->ndocs ? q->ndocs : 1, sizeof *order);
	for (size_t i = 0; i < q->ndocs; i++)
		order[i] = &q->docs[i];
	qsort(order, q->ndocs, sizeof *order, cmp_doc_order);
	for (size_t i = 0; i < q->ndocs; i++)
		order[i]->rank = i;
	free(order);
	for (size_t i = 0; i < q->n; i++) {
		struct ref *d = coding_ref_find(q->docs, q->ndocs, q->v[i].seg.doc_id);
		q->v[i].doc_rank = d ? d->rank : SIZE_MAX;
	}
}

int coding_items_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->doc_rank != y->doc_rank)
		return x->doc_rank < y->doc_rank ? -1 : 1;
	if (x->seg.start != y->seg.start)
		return x->seg.start < y->seg.start ? -1 : 1;
	if (x->seg.end != y->seg.end)
		return x->seg.end < y->seg.end ? -1 : 1;
	if (x->code_rank != y->code_rank)
		return x->code_rank < y->code_rank ? -1 : 1;
	int c = strcmp(x->seg.coder, y->seg.coder);
	return c ? c : strcmp(x->seg.guid, y->seg.guid);
}

static int collect(struct store *st, struct query *q, struct anker_err *err)
{
	int rc;
	if ((rc = coding_query_resolve(st, q, err)))
		return rc;
	if (!q->f->code)
		rc = coding_query_rows(st, q, 0, err);
	for (size_t i = 0; i < q->nwant_codes && !rc; i++)
		rc = coding_query_rows(st, q, q->want_codes[i], err);
	if (rc)
		return rc;
	if (q->n == 0)
		return ANKER_OK;
	qsort(q->v, q->n, sizeof *q->v, cmp_items_doc);
	/* q->docs at its full size at once: grown by one per document it was
	 * copied whole each time (a fifth of a 5,000-segment retrieval). */
	size_t ndocs = 1;
	for (size_t i = 1; i < q->n; i++)
		ndocs += q->v[i].seg.doc_id != q->v[i - 1].seg.doc_id;
	q->docs = xcalloc(ndocs, sizeof *q->docs);
	for (size_t i = 0, j; i < q->n && !rc; i = j) {
		for (j = i + 1; j < q->n && q->v[j].seg.doc_id == q->v[i].seg.doc_id; j++)
			;
		rc = doc_read(st, q, q->v + i, j - i, err);
	}
	if (rc)
		return rc;
	rank_docs(q);
	qsort(q->v, q->n, sizeof *q->v, coding_items_cmp);
	return ANKER_OK;
}

/* Drop the segments of documents the filter leaves out. */
static int keep_docs(struct store *st, const struct corpus_doc_filter *df, struct query *q,
                     struct anker_err *err)
{
	bool *keep;
	int64_t max;
	int rc = corpus_docs_kept(st, df, &keep, &max, err);
	if (rc)
		return rc;
	size_t m = 0;
	for (size_t i = 0; i < q->n; i++) {
		int64_t d = q->v[i].seg.doc_id;
		if (d >= 0 && d <= max && keep[d])
			q->v[m++] = q->v[i];
		else
			coding_segment_free(&q->v[i].seg);
	}
	q->n = m;
	free(keep);
	return ANKER_OK;
}

int coding_segments_list(struct store *st, const struct coding_filter *f,
                         struct coding_segment **out, size_t *n, struct anker_err *err)
{
	struct query q = { .f = f };
	*out = NULL;
	*n = 0;
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	rc = collect(st, &q, err);
	if (!rc && f->docs)
		rc = keep_docs(st, f->docs, &q, err);
	store_read_end(st);
	if (!rc) {
		*out = xcalloc(q.n ? q.n : 1, sizeof **out);
		for (size_t i = 0; i < q.n; i++)
			(*out)[i] = q.v[i].seg;
		*n = q.n;
	} else {
		for (size_t i = 0; i < q.n; i++)
			coding_segment_free(&q.v[i].seg);
	}
	coding_query_free(&q);
	return rc;
}


/* ---------------------------------------------------------------------- */
/* The table */

/* Number of " >> "-separated elements of path. */
static size_t path_depth(const char *path)
{
	size_t n = *path ? 1 : 0;
	for (const char *p = path; (p = strstr(p, " >> ")); p += 4)
		n++;
	return n;
}

static void path_cells(struct report_table *t, const char *path, size_t depth)
{
	const char *p = path;
	for (size_t i = 0; i < depth; i++) {
		if (!p) {
			report_table_text(t, "");
			continue;
		}
		const char *sep = strstr(p, " >> ");
		report_table_textn(t, p, sep ? (size_t)(sep - p) : strlen(p));
		p = sep ? sep + 4 : NULL;
	}
}

void coding_segments_table(const struct coding_segment *v, size_t n, bool split_path,
                           struct report_table *t)
{
	size_t depth = 0;
	for (size_t i = 0; split_path && i < n; i++) {
		size_t d = path_depth(v[i].path ? v[i].path : "");
		depth = d > depth ? d : depth;
	}
	report_table_init(t);
	report_table_col(t, "GUID", "guid", REPORT_COL_TEXT);
	report_table_col(t, "Document", "document", REPORT_COL_TEXT);
	report_table_col(t, "Pos.", "pos", REPORT_COL_TEXT);
	report_table_col(t, "Start", "start", REPORT_COL_INT);
	report_table_col(t, "End", "end", REPORT_COL_INT);
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	if (!split_path)
		report_table_col(t, "Path", "path", REPORT_COL_PATH);
	for (size_t i = 0; i < depth; i++) {
		char header[32], key[32];
		snprintf(header, sizeof header, "CAT%zu", i + 1);
		snprintf(key, sizeof key, "cat%zu", i + 1);
		report_table_col(t, header, key, REPORT_COL_TEXT);
	}
	report_table_col(t, "Coder", "coder", REPORT_COL_TEXT);
	report_table_col(t, "Weight", "weight", REPORT_COL_INT);
	report_table_col(t, "Memo", "memo", REPORT_COL_TEXT);
	report_table_col(t, "Text", "text", REPORT_COL_TEXT);
	report_table_reserve(t, n);
	struct strbuf pos = {0};   /* one buffer for every row's Pos. cell */
	for (size_t i = 0; i < n; i++) {
		const struct coding_segment *g = &v[i];
		sb_reset(&pos);
		corpus_pos_cell(&pos, g->para_first, g->para_last);
		report_table_row(t);
		report_table_text(t, g->guid);
		report_table_text(t, g->doc);
		report_table_text(t, pos.buf);
		report_table_int(t, (int64_t)g->start);
		report_table_int(t, (int64_t)g->end);
		report_table_text(t, g->code ? g->code : "");
		if (split_path)
			path_cells(t, g->path ? g->path : "", depth);
		else
			report_table_text(t, g->path ? g->path : "");
		report_table_text(t, g->coder ? g->coder : "");
		report_table_int(t, g->weight);
		report_table_text(t, g->memo ? g->memo : "");
		report_table_text(t, g->text);
	}
	sb_free(&pos);
}
