/* analysis/analysis.h — frequencies, the code × document matrix,
 * co-occurrence and saved results: the numbers of SPEC §5.
 */
#ifndef ANKER_ANALYSIS_H
#define ANKER_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "../report/report.h"

struct corpus_doc_filter;   /* corpus/corpus.h: documents named, a group, a variable */

/* ---------------------------------------------------------------------- */
/* Analysis: frequencies, code × document matrix, co-occurrence, saved
 * results (analysis/freq.c, analysis/cooc.c, analysis/results.c). */
/* Every analysis counts segments (SPEC §5): all coders' unless coder names
 * one (ANKER_NOTFOUND when there is no coder of that name); with rollup a
 * code counts its descendants' segments as its own.  Each function reads
 * in one read transaction and fills a table the caller initialised and
 * frees.  coders (when not NULL) receives the names of the coders whose
 * segments were counted, ", " between them, for saved results. */

/* Frequencies (analysis/freq.c).  One row per code, tree order, every
 * code (also those without segments): Code (key "code", the number), Path,
 * Segments, Documents (distinct documents with the code), with rollup
 * Segments/Documents rolled up over all descendants ("segments_rollup",
 * "documents_rollup": documents where the code or a descendant occurs),
 * and "%" ("percent", 2 decimals): the code's own segments as a share of
 * all segments counted; with rollup also "% (rolled up)" ("percent_rollup"),
 * the rolled-up segments as a share of the same total.  With by, one row
 * per code and value, every combination (zeros included), with a column
 * after Path: "doc", "group", "coder" or, for a variable, "value" (null for
 * documents without it); then % is the share among the segments with that value.  Values: every
 * document / group (natural order), every coder with segments (by name),
 * every value of the variable (natural order).  A variable no document has
 * is ANKER_NOTFOUND. */
enum analysis_by { ANALYSIS_BY_CODE, ANALYSIS_BY_DOC, ANALYSIS_BY_GROUP, ANALYSIS_BY_CODER,
                 ANALYSIS_BY_VAR };
struct analysis_freq_opts {
	enum analysis_by by;
	const char *var;        /* ANALYSIS_BY_VAR: the variable's name */
	bool rollup;
	const char *coder;      /* NULL: every coder */
	const struct corpus_doc_filter *docs;   /* only these documents; NULL: all */
};
int analysis_freq(struct store *st, const struct analysis_freq_opts *o, struct report_table *t,
                struct strbuf *coders, struct anker_err *err);

/* Code × document matrix (MAXQDA's Code Matrix Browser).  One row per
 * code (tree order, every code): Code, Path, one column of segment counts
 * per document (header and key: its name; documents in group, name order)
 * or per document group (header and key: the group, "(no group)" for
 * documents without one), and Total.  A document named "code", "path" or
 * "total" gets the key "doc:NAME" so that JSON keys stay unique. */
enum analysis_cols { ANALYSIS_COLS_DOC, ANALYSIS_COLS_GROUP };
struct analysis_matrix_opts {
	enum analysis_cols cols;
	bool rollup;
	const char *coder;
	const struct corpus_doc_filter *docs;   /* only these documents (columns); NULL: all */
};
int analysis_matrix(struct store *st, const struct analysis_matrix_opts *o, struct report_table *t,
                  struct strbuf *coders, struct anker_err *err);
/* The same as numbers, for a view that draws a part of it at a time:
 * rows[i] and paths[i] the code's number and path, cols[j] the column's
 * header, cell[i * ncols + j] the count (no Total column: a row's sum). */
struct analysis_matrix {
	size_t nrows, ncols;
	char **numbers, **paths, **cols;
	int64_t *cell;
};
int analysis_matrix_counts(struct store *st, const struct analysis_matrix_opts *o,
                           struct analysis_matrix *out, struct anker_err *err);
void analysis_matrix_free(struct analysis_matrix *m);

/* Shared by the analyses.  The id of the coder called name, -1 for NULL
 * (as coding_coder_find finds it: without case when unambiguous;
 * ANKER_NOTFOUND with the nearest names when there is none).  The names of the coders ids[0..n)
 * (repeats allowed) in name order, ", " between them, appended to out. */
int analysis_coder(struct store *st, const char *name, int64_t *id,
                          struct anker_err *err);
int analysis_coder_names(struct store *st, const int64_t *ids, size_t n,
                                struct strbuf *out, struct anker_err *err);

/* Co-occurrence (analysis/cooc.c: the counting; analysis/cooc_db.c: the
 * project).  Modes:
 *   overlap     cell (A,B), A≠B: pairs (a,b) of segments, a counting as A
 *               and b as B, in one document, sharing a code point
 *               (touching is not overlapping);
 *   near:N      the same for pairs whose paragraph ranges are at most N
 *               apart (0: they share a paragraph);
 *   paragraph   paragraphs in which both codes occur;
 *   document    documents in which both codes occur.
 * The diagonal is each code's own count: its segments (overlap, near),
 * the paragraphs or documents where it occurs (unit modes).  A segment
 * touches paragraph p when it covers one of p's code points; the line
 * break belongs to the paragraph it ends.  With roll-up a segment counts
 * for its code and every selected ancestor, so when both a code and its
 * subcode are selected, a subcode segment pairs with itself in cell
 * (code, subcode) — the subcode always co-occurs with its parent. */
enum analysis_cooc_mode { ANALYSIS_COOC_OVERLAP, ANALYSIS_COOC_NEAR, ANALYSIS_COOC_PARAGRAPH,
                        ANALYSIS_COOC_DOCUMENT };
enum analysis_measure { ANALYSIS_MEASURE_COUNT, ANALYSIS_MEASURE_JACCARD, ANALYSIS_MEASURE_ROWPCT };

/* "overlap", "near:N" (0 <= N <= 1000000), "paragraph", "document". */
bool analysis_cooc_mode_parse(const char *s, enum analysis_cooc_mode *mode, unsigned *near);
/* "count", "jaccard", "rowpct"; -1 when unknown. */
int analysis_measure_parse(const char *s);
/* Jaccard compares units, so it needs a unit mode (paragraph, document):
 * in overlap and near modes the diagonal counts segments while a cell
 * counts pairs, and n12/(n1+n2-n12) means nothing. */
bool analysis_cooc_measure_ok(enum analysis_cooc_mode mode, enum analysis_measure m);

/* The counting without a database, so that it can be checked against a
 * brute-force reference.  A segment: its document (any number), its code
 * (an index into the code tree of the spec), coder, [start, end) in code
 * points (start < end) and the paragraphs it touches (needed for near and
 * paragraph modes only). */
struct analysis_cooc_seg {
	uint32_t doc, code, coder;
	uint32_t start, end;
	uint32_t pfirst, plast;
};
struct analysis_cooc_spec {
	enum analysis_cooc_mode mode;
	unsigned near;
	const int *parent;      /* per code: index of its parent, -1 at the top */
	size_t ncodes;
	const size_t *sel;      /* the selected codes (rows and columns), distinct */
	size_t nsel;
	bool rollup;
	int64_t coder;          /* only this coder's segments; -1: all */
};
/* Add the counts of segs (any order; several documents allowed) to
 * counts, nsel × nsel row major, which the caller zeroes once.  Calling it
 * once per document gives the same as once for all.  Time: a sweep per
 * document over the segments sorted by start, O(n log n) plus the number
 * of (segment, overlapping code) pairs; no pair of segments is compared
 * unless they overlap. */
void analysis_cooc_add(const struct analysis_cooc_spec *spec, const struct analysis_cooc_seg *segs,
                     size_t n, int64_t *counts);
/* Cell (i, j) in a measure: count; jaccard n12/(n1+n2-n12) with n1, n2
 * the diagonal (NAN, 0/0, when the denominator is 0); rowpct cell / row's
 * diagonal × 100 (NAN when the diagonal is 0). */
double analysis_cooc_value(const int64_t *counts, size_t nsel, size_t i, size_t j,
                         enum analysis_measure m);

struct analysis_cooc_opts {
	enum analysis_cooc_mode mode;
	unsigned near;
	const char *const *codes;   /* code keys (number, path, name); NULL: see below */
	size_t ncodes;
	const char *under;      /* the direct subcodes of this code */
	bool rollup;
	const char *coder;
	/* Each coder's segments counted on their own and the counts summed:
	 * a passage coded A by anna and B by ben is no co-occurrence of A and
	 * B (pooled, it is one).  No effect with coder. */
	bool per_coder;
	const struct corpus_doc_filter *docs;   /* only these documents' segments; NULL: all */
	/* Count these rows (analysis_cooc_rows_read; read here when not yet
	 * read and a count is needed) instead of reading the segments; near
	 * and paragraph modes locate their paragraphs once and keep them
	 * there.  NULL: read the project. */
	struct analysis_cooc_rows *rows;
	/* Count, even when the project keeps this matrix, and keep nothing
	 * (also with $ANKER_NO_CACHE set and not "0").  Otherwise a matrix
	 * counted is kept in the project (at most 32 of them, 8 MB of
	 * counts; schema 10's triggers drop them all at the first change of
	 * the segments, the code tree or a text) and, asked for again with
	 * the same options, read instead of counted. */
	bool no_cache;
};
/* Every segment's document, code and coder id, start and end, in
 * document order, read once and kept (28 bytes a segment) for a view that
 * counts again with other options: a million segments are counted again
 * without SQLite.  The caller reads them anew when the project changes.
 * More segments than max (0: ANALYSIS_COOC_ROWS_MAX, 40 MB of them, the
 * TUI's memory budget) are not held (streamed): each count reads the
 * project, one document's segments at a time, as without rows.
 * analysis_cooc_rows_free frees. */
#define ANALYSIS_COOC_ROWS_MAX ((size_t)40 * 1024 * 1024 / sizeof(struct analysis_cooc_seg))
struct analysis_cooc_rows {
	struct analysis_cooc_seg *v;   /* doc, code, coder: row ids */
	size_t n, max;
	bool streamed;                 /* too many to hold: v is NULL */
	bool paragraphs;               /* pfirst, plast located */
	bool read;                     /* analysis_cooc_rows_read filled it */
	/* The project's change count when they were read (schema 10's
	 * cooc_state), so that a matrix counted from rows gone stale is
	 * never kept in the project as current. */
	int64_t gen, armed;
};
int analysis_cooc_rows_read(struct store *st, struct analysis_cooc_rows *out,
                            struct anker_err *err);
void analysis_cooc_rows_free(struct analysis_cooc_rows *m);
/* The selected codes: codes (in the order given, duplicates dropped), or
 * under's children (tree order; ANKER_INPUT when it has none), else every
 * code with segments counted (with rollup: in its subtree), tree order. */
struct analysis_cooc_result {
	enum analysis_cooc_mode mode;
	size_t n;
	int64_t *code_id;
	char **number, **path;
	int64_t *counts;        /* n × n, row major */
	char *coders;           /* ", "-separated */
};
int analysis_cooc_run(struct store *st, const struct analysis_cooc_opts *o,
                    struct analysis_cooc_result *out, struct anker_err *err);
void analysis_cooc_result_free(struct analysis_cooc_result *r);
/* Code, Path, then a column per selected code (header and key: its
 * number, or its path when it has none): counts (int), jaccard (3
 * decimals) or rowpct (2 decimals). */
void analysis_cooc_table(const struct analysis_cooc_result *r, enum analysis_measure m,
                       struct report_table *t);

/* Saved results (analysis/results.c).  A table kept in the project with the
 * options that made it, the coders whose segments it counts and the time,
 * so that the numbers behind a paper stay beside the data.  Results are
 * not part of the coded data: saving and deleting are one transaction
 * each but not logged, so undo never touches them. */
struct analysis_result {
	char *name;
	char *kind;             /* "freq", "matrix", "cooc" */
	char *params;           /* the options, e.g. "--mode near:2 --rollup" */
	char *coders;
	char *created;          /* ISO 8601 UTC; filled by analysis_result_save */
};
void analysis_result_free(struct analysis_result *r);
void analysis_results_free(struct analysis_result *v, size_t n);
/* Store t under r->name (not empty).  A name in use is refused
 * (ANKER_EXISTS) unless replace. */
int analysis_result_save(struct store *st, const struct analysis_result *r,
                       const struct report_table *t, bool replace, struct anker_err *err);
/* All saved results, oldest first (content not loaded). */
int analysis_results_list(struct store *st, struct analysis_result **out, size_t *n,
                        struct anker_err *err);
/* One result and its table (ANKER_NOTFOUND when there is none). */
int analysis_result_get(struct store *st, const char *name, struct analysis_result *r,
                      struct report_table *t, struct anker_err *err);
int analysis_result_delete(struct store *st, const char *name, struct anker_err *err);
/* A table as JSON and back: {"columns": [{"header", "key", "type"}...],
 * "rows": [[cell...]...]}, a cell the text shown (a string or null), or
 * {"text": ..., "json": ...} when it carries its own JSON value.  Reading
 * goes through SQLite's JSON functions (key order and white space are
 * free) and refuses anything else (ANKER_INPUT): "byte offset N: ..." at
 * an escape a cell cannot hold (\u0000, a lone surrogate); "not
 * well-formed JSON" (SQLite does not say where); "$.rows[2]: ..." naming
 * the JSON path of what is no table. */
void analysis_table_to_json(const struct report_table *t, struct strbuf *out);
int analysis_table_from_json(const char *json, size_t len, struct report_table *t,
                           struct anker_err *err);

/* The segment pairs behind cell (A, B) of the co-occurrence matrix
 * (analysis/cooc_pairs.c): pairs (a, b), a counting as A and b as B (with
 * rollup: coded with the code or a descendant), in one document, that
 *   overlap     share a code point (a segment may pair with itself when
 *               it counts as both, as analysis_cooc_add counts it);
 *   near:N      have paragraph ranges at most N apart;
 *   paragraph   share a paragraph;
 *   document    are in the same document.
 * In overlap and near modes the pairs are what the cell counts; in the
 * unit modes the cell counts the paragraphs or documents these pairs lie
 * in.  When A and B are the same code (the diagonal), each of its
 * segments is paired with itself. */
struct analysis_cooc_pairs_opts {
	enum analysis_cooc_mode mode;
	unsigned near;
	const char *a, *b;      /* code keys (number, path, name, GUID) */
	bool rollup;
	const char *coder;      /* NULL: every coder */
	bool per_coder;         /* only pairs of one coder's segments (as analysis_cooc_opts) */
	const struct corpus_doc_filter *docs;   /* NULL: every document */
};
struct analysis_cooc_pair {
	size_t a, b;            /* indices into segs */
};
struct analysis_cooc_pairs {
	struct coding_segment *segs;   /* A's segments, then B's, document order, with text */
	size_t na, nb;
	struct analysis_cooc_pair *pairs;   /* by document, then a, then b */
	size_t n;
};
/* Code errors as codebook_resolve, others as coding_segments_list; *out
 * is the caller's (analysis_cooc_pairs_free), empty on error. */
int analysis_cooc_pairs(struct store *st, const struct analysis_cooc_pairs_opts *o,
                      struct analysis_cooc_pairs *out, struct anker_err *err);
void analysis_cooc_pairs_free(struct analysis_cooc_pairs *p);

#endif
