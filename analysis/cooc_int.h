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

/* Matrices kept in the project (analysis/cooc_cache.c).  wanted: unless
 * the options or $ANKER_NO_CACHE (not "0") say not to.  A key is the
 * counting's inputs resolved to ids, cooc_cache_add'ed one int64 each.
 * arm: before the read transaction of a counting that may be kept (best
 * effort, a write only when disarmed).  get: inside it, the matrix n × n
 * into counts when kept (state->hit), and what put needs to know.  put:
 * after the read transaction, keeps the counts unless the project changed
 * since get (best effort: errors leave the cache as it was). */
struct cooc_cache_state {
	int64_t gen, armed;
	bool hit;
};
bool cooc_cache_wanted(const struct analysis_cooc_opts *o);
void cooc_cache_add(struct strbuf *key, int64_t v);
void cooc_cache_arm(struct store *st);
int cooc_cache_get(struct store *st, const struct strbuf *key, size_t n, int64_t *counts,
                   struct cooc_cache_state *state, struct anker_err *err);
void cooc_cache_put(struct store *st, const struct strbuf *key,
                    const struct cooc_cache_state *state, const int64_t *counts, size_t n);

#endif
