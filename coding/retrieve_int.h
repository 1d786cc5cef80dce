/* coding/retrieve_int.h — private to coding/retrieve.c and coding/pages.c:
 * the retrieval's query (filters resolved, lookups loaded once) and its
 * rows, which the paged list reads a document at a time. */
#ifndef ANKER_CODING_RETRIEVE_INT_H
#define ANKER_CODING_RETRIEVE_INT_H

#include "coding.h"

/* Lookup tables: rows by id, sorted by id for bsearch. */
struct ref {
	int64_t id;
	size_t rank;          /* position in the report order */
	char *name, *group;   /* documents: name and group; coders: name */
	char *number, *path;  /* codes */
};

struct item {
	size_t doc_rank, code_rank;
	struct coding_segment seg;
};

struct query {
	const struct coding_filter *f;
	struct ref *codes, *coders, *docs;
	size_t ncodes, ncoders, ndocs;
	int64_t doc_id, coder_id;     /* 0: any */
	int64_t *want_codes;          /* the code and its subcodes; NULL: any */
	size_t nwant_codes;
	int64_t *var_docs;            /* --var: documents that have it, sorted */
	size_t nvar_docs;
	struct item *v;
	size_t n, cap;
};

void coding_query_free(struct query *q);
/* The row of id in v[0..n) (sorted by id), NULL when none. */
struct ref *coding_ref_find(struct ref *v, size_t n, int64_t id);
/* q->f's filters resolved: coders and codes loaded, the code (with
 * subcodes) into want_codes, doc, coder and --var found. */
int coding_query_resolve(struct store *st, struct query *q, struct anker_err *err);
/* The --var filter keeps document doc (true without one). */
bool coding_query_var_keeps(const struct query *q, int64_t doc);
/* The rows of code (0: every code) in q->doc_id (0: every document) that
 * the coder, weight and --var filters keep, appended to q->v without the
 * document's name. */
int coding_query_rows(struct store *st, struct query *q, int64_t code, struct anker_err *err);
/* Documents in the list's order: group, then name, natural order. */
int coding_doc_order_cmp(const struct ref *x, const struct ref *y);
/* Items in the list's order (qsort): document rank, start, end, code
 * rank, coder, GUID. */
int coding_items_cmp(const void *a, const void *b);

#endif
