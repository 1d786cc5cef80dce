/* team/agree_int.h — what the two kinds of agreement share (private to
 * team/): the coders, documents and codes compared (team/agree.c), used
 * by the unit agreement (team/agree_units.c) and the segment agreement.
 */
#ifndef ANKER_TEAM_AGREE_INT_H
#define ANKER_TEAM_AGREE_INT_H

#include "../codebook/codebook.h"
#include "team.h"

struct agree_ctx {
	struct store *st;
	size_t ncoders;
	const char *const *names;       /* = namev: the coders' names as stored */
	const char *namev[TEAM_AGREE_MAX_CODERS];
	struct strbuf canon[TEAM_AGREE_MAX_CODERS];
	int64_t coder_id[TEAM_AGREE_MAX_CODERS];
	struct codebook cb;
	size_t *sel, nsel;              /* selected codes: indices into cb */
	int *sel_of;                    /* code row id -> position in sel, or -1 */
	int *code_at;                   /* code row id -> index in cb, or -1 */
	int64_t max_code;
	struct corpus_doc *docs;        /* corpus_docs_brief: chars, paragraphs 0 */
	size_t ndocs;
	int *doc_of;                    /* document row id -> index in docs */
	int64_t max_doc;
	uint64_t *present;              /* per document: the coders who coded in it */
	bool *chosen;                   /* per document: chosen by the filter */
	bool *counted;                  /* per document: compared (SPEC §5) */
	struct coding_segment *segs[TEAM_AGREE_MAX_CODERS];   /* segment agreement only */
	size_t nsegs[TEAM_AGREE_MAX_CODERS];
};

/* What both kinds of agreement choose: codes and documents. */
struct agree_sel {
	const char *const *codes;
	size_t ncodes;
	const char *under;
	const struct corpus_doc_filter *docs;
	bool all_docs;
};

/* The bits of coders 0..n-1. */
uint64_t agree_all(size_t ncoders);
/* into += sign * s: every count whole, so that a part taken out (sign
 * -1) leaves exactly what was there before it was added. */
void agree_stats_add(struct team_agree_stats *into, const struct team_agree_stats *s, int sign);
/* The coders (found as coding_coder_find finds them, their names as
 * stored from then on), the documents (x->present zero) and those the
 * filter chooses, the codebook (no code selected yet).  No segment is
 * read.  ctx_free frees, also after an error. */
int agree_ctx_begin(struct agree_ctx *x, struct store *st, const char *const *names, size_t n,
                    const struct agree_sel *sel, struct anker_err *err);
void agree_ctx_free(struct agree_ctx *x);
/* SPEC §5's rule for document d, once x->present[d] is known. */
bool agree_doc_counted(const struct agree_ctx *x, size_t d, bool all_docs);
/* x->counted from x->present, and scope (may be NULL) told. */
void agree_ctx_scope(struct agree_ctx *x, const struct agree_sel *sel,
                     struct team_agree_scope *scope);
/* The selected codes: sel's codes (in the order given, duplicates
 * dropped), or under's children, else those used[i] (cb index i), in
 * tree order. */
int agree_ctx_select(struct agree_ctx *x, const struct agree_sel *sel, const bool *used,
                     struct anker_err *err);
/* The first columns of both agreement tables, a row's first cells
 * (selected code j's number and path; sb: scratch), the last row's. */
void agree_code_cols(struct report_table *t);
void agree_code_cells(struct report_table *t, const struct agree_ctx *x, size_t j,
                      struct strbuf *sb);
void agree_total_cells(struct report_table *t, const char *label);

/* Segment agreement: per code, the segments of both coders with a match,
 * and those of coder 0 and 1 without; the table of team_agree_segments
 * from cnt[j] for selected code j. */
struct agree_seg_count {
	int64_t agree, only[2];
};
void agree_seg_table(const struct agree_ctx *x, const struct agree_seg_count *cnt,
                     struct report_table *t);
/* team_agree_segments without the list of disagreements (no text read):
 * one document's rows at a time, as team_agree reads them. */
int agree_segments_count(struct store *st, const struct team_agree_seg_opts *o,
                         struct report_table *t, struct team_agree_scope *scope,
                         struct anker_err *err);

/* Counts kept in the project (team/agree_cache.c).  begin: before the
 * context is read (agree_ctx_begin), arms the change counter and reads it
 * (k->on false: nothing kept or read, with no_cache or $ANKER_NO_CACHE).
 * key: kind (an enum team_agree_unit, or TEAM_AGREE_TABLES - 1 for the
 * segment agreement) and what else the counts depend on.  value: the
 * counts of every code used (used[c], cb index c; cdocs[c] the documents
 * counted with its segments; stats, else seg for the segment agreement),
 * blank those of a code without segments, and x->present.  read: the same
 * back into x->present, used, cdocs, blank and stats or seg (by cb index;
 * stats of codes not used: blank); false when the value does not fit
 * this context. */
struct agree_kept {
	int64_t gen, armed;
	bool on;
};
struct agree_kept_opts {
	bool ignore_uncoded, blank_units, all_docs;
	double min_overlap;
};
void agree_kept_begin(struct store *st, bool no_cache, struct agree_kept *k);
void agree_kept_key(const struct agree_ctx *x, int kind, const struct agree_kept_opts *o,
                    struct strbuf *key);
void agree_kept_value(const struct agree_ctx *x, const bool *used, const int64_t *cdocs,
                      const struct team_agree_stats *stats, const struct team_agree_stats *blank,
                      const struct agree_seg_count *seg, struct strbuf *v);
bool agree_kept_read(struct agree_ctx *x, const struct strbuf *v, bool *used, int64_t *cdocs,
                     struct team_agree_stats *stats, struct team_agree_stats *blank,
                     struct agree_seg_count *seg);

#endif
