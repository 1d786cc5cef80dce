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

#endif
