/* analysis/cooc_int.h — the co-occurrence counter shared by analysis/cooc.c
 * (the counting) and analysis/cooc_db.c (the project); not part of the
 * module's interface.
 */
#ifndef ANKER_COOC_INT_H
#define ANKER_COOC_INT_H

#include "analysis.h"

/* analysis_cooc_add in batches: new takes the spec (its arrays must
 * outlive the counter), add takes segments as analysis_cooc_add does (a
 * document's segments all in one call), finish adds the counts of every
 * batch to counts (nsel × nsel) and frees the counter.  Scratch and the
 * counts are kept from batch to batch, so a call per document costs no
 * allocation and no pass over the nsel × nsel matrix. */
struct cooc_counter;
struct cooc_counter *cooc_counter_new(const struct analysis_cooc_spec *spec);
void cooc_counter_add(struct cooc_counter *c, const struct analysis_cooc_seg *segs, size_t n);
void cooc_counter_finish(struct cooc_counter *c, int64_t *counts);

/* Matrices kept in the project (analysis/cooc_cache.c; the bypass, the
 * arming and a key's encoding: store.h's store_kept_*).  A key is the
 * counting's inputs resolved to ids, store_kept_add'ed one int64 each.
 * get: inside the read transaction, the matrix n × n into counts when
 * kept, at the current gen (state->hit) or an older one (state->from, to
 * be caught up or counted anew), and what put needs to know.  put:
 * after the read transaction, keeps the counts unless the project changed
 * since get (best effort: errors leave the cache as it was). */
struct cooc_cache_state {
	int64_t gen, armed;
	int64_t from;   /* the gen the counts read were kept at; -1: none kept */
	bool hit;       /* kept at gen */
};
int cooc_cache_get(struct store *st, const struct strbuf *key, size_t n, int64_t *counts,
                   struct cooc_cache_state *state, struct anker_err *err);
void cooc_cache_put(struct store *st, const struct strbuf *key,
                    const struct cooc_cache_state *state, const int64_t *counts, size_t n);

/* The segments of the documents changed since a matrix was kept at gen
 * from, inside the read transaction: rows[0] as they were then, rows[1]
 * as they are (by document; rows_read's, for the counting to take, the
 * caller's to free).  *ok false (rows empty) when the journal cannot tell
 * (store_kept_changes) or the two hold more than max rows. */
int cooc_cache_changed(struct store *st, int64_t from, size_t max, struct analysis_cooc_rows *rows,
                       bool *ok, struct anker_err *err);

/* analysis/cooc_db.c: a row of doc, then v = start, end, code_id and
 * coder as a segment to count; false for one no segment can be (ids and
 * positions beyond 32 bits, an empty span). */
bool cooc_row_make(int64_t doc, const int64_t *v, int64_t coder, struct analysis_cooc_seg *row);

#endif
