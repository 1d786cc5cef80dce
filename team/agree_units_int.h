/* team/agree_units_int.h — the counting of agreement over units shared by
 * team/agree_units.c (the counting) and team/agree_catch.c (catching up
 * counts kept at an older gen); not part of the module's interface.
 */
#ifndef ANKER_AGREE_UNITS_INT_H
#define ANKER_AGREE_UNITS_INT_H

#include "agree_int.h"

/* One segment of a document: cb index of its code, coder index, span. */
struct unit_row {
	uint32_t code, coder;
	int64_t start, end;
};

/* One kind of unit's counts: per code (cb index) its statistics and the
 * counted documents added so far; the counted documents' unit counts. */
struct unit_count {
	struct team_agree_stats *stats;  /* NULL: this unit not asked for */
	bool kept;                       /* stats read from the project, not counted */
	bool caught;                     /* kept at an older gen and caught up */
	struct team_agree_stats blank;   /* kept: a code's without segments */
	size_t *done;
	int64_t *lens;
	size_t nlens;
};

struct unit_run {
	struct agree_ctx *x;
	bool all_docs, ignore_uncoded, blank_units;
	struct unit_count u[3];          /* by enum team_agree_unit */
	double min_overlap;              /* segment agreement: its P */
	struct agree_seg_count *seg;     /* segment agreement: per code; NULL: none */
	bool seg_kept;                   /* seg read from the project */
	bool seg_caught;                 /* kept at an older gen and caught up */
	struct agree_kept kept;
	struct agree_kept_opts ko;
	bool *used;                      /* per code: a segment in a counted document */
	int64_t *cdocs;                  /* per code: the counted documents with its segments */
	struct unit_row *rows, *tmp;
	size_t nrows, caprows;
	size_t *bucket;                  /* per code and coder + 1: counting sort */
	struct team_agree_span *spans;
};

/* Document d's rows of the coders compared into r->rows; x->present[d]
 * gets their coders (or'ed in). */
int agree_rows_read(struct unit_run *r, size_t d, struct anker_err *err);
/* Document d's rows (r->rows, x->present[d] set) added to r's counts of
 * every kind it counts, when d is counted. */
int agree_doc_count_rows(struct unit_run *r, size_t d, struct anker_err *err);
/* Frees what a run allocated for its counts (not its context). */
void agree_run_free_counts(struct unit_run *r);
/* team/agree_catch.c: r's counts, read as kept at gen from, brought up to
 * the project as it is, inside the read transaction: *caught (then every
 * kind is kept, and caught, to be kept again); else r's counts are half
 * changed, to be counted anew. */
int agree_catch_up(struct unit_run *r, int64_t from, bool *caught, struct anker_err *err);

#endif
