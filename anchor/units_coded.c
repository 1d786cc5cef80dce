/* anchor/units_coded.c — what the kept units' ranking (units_rank.c)
 * leaves out of its suggestions: the segments of the code asked about
 * (read once, in document order, looked up per document), and the
 * documents a filter drops. */
#include <stdlib.h>

#include "postings_int.h"
#include "../corpus/corpus.h"

int pk_coded_load(struct store *st, int64_t code, struct pk_coded **out, size_t *n,
                  struct anker_err *err)
{
	struct store_stmt *s;
	size_t cap = 0;
	if (store_prepare(st, "SELECT doc_id, start, \"end\" FROM segment WHERE code_id = :code "
	                      "ORDER BY doc_id, start", &s, err) ||
	    store_bind_int(s, ":code", code, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = (struct pk_coded){ store_col_int(s, 0), (size_t)store_col_int(s, 1),
		                                    (size_t)store_col_int(s, 2) };
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* (cv[from, to) in start order: the first to start at or after end ends
 * the look) */
bool pk_coded_overlaps(const struct pk_coded *v, size_t from, size_t to, size_t start,
                       size_t end)
{
	for (size_t i = from; i < to && v[i].start < end; i++)
		if (start < v[i].end)
			return true;
	return false;
}

/* (binary search: cv is in document order) */
void pk_coded_in(const struct pk_coded *cv, size_t ncv, int64_t doc, size_t *from, size_t *to)
{
	size_t lo = 0, hi = ncv;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cv[mid].doc < doc)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (*from = *to = lo; *to < ncv && cv[*to].doc == doc; ++*to)
		;
}


static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int pk_docs_kept(struct store *st, const struct corpus_doc_filter *f, int64_t **ids, size_t *n,
                 struct anker_err *err)
{
	struct corpus_doc *docs = NULL;
	size_t ndocs = 0;
	*ids = NULL;
	*n = 0;
	/* (the brief list: it does not read the texts) */
	int rc = corpus_docs_brief(st, &docs, &ndocs, err);
	bool *keep = xcalloc(ndocs + 1, sizeof *keep);
	if (!rc)
		rc = corpus_docs_filter(st, docs, ndocs, f, keep, err);
	*ids = xcalloc(ndocs + 1, sizeof **ids);
	for (size_t i = 0; !rc && i < ndocs; i++)
		if (keep[i])
			(*ids)[(*n)++] = docs[i].id;
	if (*n)
		qsort(*ids, *n, sizeof **ids, cmp_id);
	free(keep);
	corpus_docs_free(docs, ndocs);
	return rc;
}

bool pk_doc_kept(const int64_t *ids, size_t n, int64_t id)
{
	return bsearch(&id, ids, n, sizeof *ids, cmp_id) != NULL;
}
