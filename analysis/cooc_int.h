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
 * kept (state->hit), and what put needs to know.  put:
 * after the read transaction, keeps the counts unless the project changed
 * since get (best effort: errors leave the cache as it was). */
struct cooc_cache_state {
	int64_t gen, armed;
	bool hit;
};
int cooc_cache_get(struct store *st, const struct strbuf *key, size_t n, int64_t *counts,
                   struct cooc_cache_state *state, struct anker_err *err);
void cooc_cache_put(struct store *st, const struct strbuf *key,
                    const struct cooc_cache_state *state, const int64_t *counts, size_t n);

#endif
