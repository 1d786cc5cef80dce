/* coding/coding.h — segments, retrieval, analysis and the tables they are
 * reported in.
 *
 * Tables: every report of anker (documents, codes, search hits, segments,
 * frequencies, matrices) is built as a struct coding_table and written in
 * one of the formats of SPEC §6.  The table owns all its strings.
 */
#ifndef ANKER_CODING_H
#define ANKER_CODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

enum coding_format {
	CODING_TABLE,       /* aligned by display width, for people */
	CODING_TSV,         /* tab separated; \t \n \\ escaped */
	CODING_CSV,         /* RFC 4180 */
	CODING_MD,          /* GitHub Markdown table */
	CODING_LATEX,       /* booktabs tabular, specials escaped */
	CODING_JSON,        /* array of objects */
};

/* Parse a --format name; -1 when unknown. */
int coding_format_parse(const char *name);
const char *coding_format_names(void);   /* "table|tsv|csv|md|latex|json" */

enum coding_col_type {
	CODING_COL_TEXT,
	CODING_COL_INT,     /* right-aligned; JSON number */
	CODING_COL_FLOAT,   /* right-aligned; JSON number */
	CODING_COL_PATH,    /* a code path: text, cut at the left in `table` so the
	                       code's own name stays visible */
};

struct coding_cell {
	char *text;         /* shown in text formats; NULL: empty / JSON null */
	char *json;         /* raw JSON value for the json format, or NULL to derive */
};

struct coding_table {
	size_t ncols, nrows;
	char **headers;      /* shown in text formats */
	char **keys;         /* JSON keys */
	enum coding_col_type *types;
	struct coding_cell *cells;   /* nrows * ncols, row major */
	size_t cap;          /* allocated rows */
	size_t cur;          /* next cell to fill in the last row */
};

void coding_table_init(struct coding_table *t);
void coding_table_free(struct coding_table *t);
/* Add a column before the first row. */
void coding_table_col(struct coding_table *t, const char *header, const char *key,
                      enum coding_col_type type);
/* Start a row; then fill its cells left to right. */
void coding_table_row(struct coding_table *t);
void coding_table_text(struct coding_table *t, const char *s);      /* NULL: null */
void coding_table_textn(struct coding_table *t, const char *s, size_t len);
void coding_table_int(struct coding_table *t, int64_t v);
void coding_table_float(struct coding_table *t, double v, int decimals);
/* A cell with a text rendering and a raw JSON value (arrays, objects). */
void coding_table_json(struct coding_table *t, const char *text, const char *json);

/* Write the table.  For CODING_TABLE, text is made visible (control
 * characters as placeholders, never raw) and columns are aligned by display
 * width; max_width > 0 caps each text column (cut with "…"). */
void coding_table_write(const struct coding_table *t, enum coding_format fmt, int max_width,
                        struct strbuf *out);

/* ---------------------------------------------------------------------- */
/* Segments (coding/segments.c).  A segment is a coded range of a document:
 * [start, end) in code points, with a code, a coder, a weight 0–100 and a
 * memo.  Every change is one transaction and one logged step (undo).
 * Document, code, segment and coder arguments are user keys: a document
 * name or GUID prefix, a code number/path/unique name, a segment GUID or
 * unique GUID prefix (at least 4 characters), a coder name. */

struct coding_segment {
	int64_t id;
	char guid[37];
	int64_t doc_id;
	char *doc;              /* document name */
	int64_t code_id;
	char *code;             /* code number ("" when unnumbered) */
	char *path;             /* code path "A >> B" */
	char *coder;
	size_t start, end;      /* code points */
	size_t para_first, para_last;   /* Pos. (1-based paragraphs) */
	int weight;
	char *memo;
	char *text;             /* the coded text, NULL unless asked for */
	char *created, *modified;   /* coding_segment_find only; NULL in lists */
};

void coding_segment_free(struct coding_segment *s);
void coding_segments_free(struct coding_segment *v, size_t n);

struct coding_mark {
	const char *doc;        /* user key */
	const char *code;       /* user key */
	size_t start, end;      /* code points, used when !lines */
	bool lines;             /* code whole paragraphs first..last instead */
	size_t first, last;     /* 1-based, inclusive */
	const char *coder;      /* NULL: store_default_coder() */
	int weight;             /* 0–100 */
	const char *memo;       /* NULL: "" */
};

/* Code a range.  Refuses (ANKER_INPUT) an empty, reversed or out-of-range
 * range, a range that is only whitespace, an unknown document or code, and
 * an identical coding the same coder already has (ANKER_EXISTS). */
int coding_mark(struct store *st, const struct coding_mark *m, char guid[37],
                struct anker_err *err);
/* Find one segment by GUID or unique prefix. */
int coding_segment_find(struct store *st, const char *key, struct coding_segment *out,
                        struct anker_err *err);
/* Only the row id and full GUID of a segment key (cheaper). */
int coding_segment_id(struct store *st, const char *key, int64_t *id, char guid[37],
                      struct anker_err *err);
int coding_unmark(struct store *st, const char *key, struct anker_err *err);

struct coding_segment_change {
	bool set_start, set_end, set_weight, set_memo;
	size_t start, end;
	int weight;
	const char *memo;
};
int coding_segment_set(struct store *st, const char *key, const struct coding_segment_change *c,
                       struct anker_err *err);

/* For modules that code many ranges in one step (autocode): insert one
 * segment inside the caller's transaction and log it as `action` with the
 * new row as after.  The caller has checked the range; an identical coding
 * of the same coder is refused (ANKER_EXISTS, nothing written). */
struct coding_new_segment {
	int64_t doc_id, code_id, coder_id;
	size_t start, end;
	int weight;
	const char *memo;       /* NULL: "" */
};
int coding_segment_insert(struct store *st, const char *action, const struct coding_new_segment *ns,
                          char guid[37], struct anker_err *err);
/* True when s[0..len) holds only white space (Unicode Z* and ASCII
 * controls \t\n\v\f\r): such a range is not codable. */
bool coding_text_blank(const char *s, size_t len);

enum coding_unit { CODING_UNIT_HIT, CODING_UNIT_SENTENCE, CODING_UNIT_PARAGRAPH,
                   CODING_UNIT_TURN };

struct coding_autocode {
	const char *pattern;
	bool icase;
	const char *code;
	enum coding_unit unit;
	const char *speaker;    /* NULL: any; else only hits in this speaker's turns */
	const char *doc;        /* NULL: all documents */
	const char *coder;
};
struct coding_autocode_report {
	size_t hits, added, skipped;   /* skipped: the coder had it already */
};
/* One transaction, one undo step. */
int coding_autocode_run(struct store *st, const struct coding_autocode *a,
                        struct coding_autocode_report *rep, struct anker_err *err);

/* Retrieval (coding/retrieve.c). */
struct coding_filter {
	const char *code;       /* NULL: all codes */
	bool subcodes;          /* with the code's descendants */
	const char *doc;
	const char *coder;
	int min_weight;         /* -1: none */
	const char *var_name, *var_value;   /* document variable NAME=VALUE */
	bool with_text;
};
/* Segments in document order (group, name, start, end, code). */
int coding_segments_list(struct store *st, const struct coding_filter *f,
                         struct coding_segment **out, size_t *n, struct anker_err *err);
/* The retrieval table: GUID, Document, Pos. ("12" or "12-14"), Start, End,
 * Code (number), Path, Coder, Weight, Memo, Text; JSON keys guid,
 * document, pos, start, end, code, path, coder, weight, memo, text.  With
 * split_path the Path column becomes CAT1…CATn (keys cat1…catn), n the
 * deepest path among the segments; shorter paths leave the rest empty. */
void coding_segments_table(const struct coding_segment *v, size_t n, bool split_path,
                           struct coding_table *t);

/* ---------------------------------------------------------------------- */
/* Memos, reviews, anchors (coding/review.c) — declarations below. */
/* -- begin review block -- */
/* Quotations: a segment with its coded text and its citation
 * "Interview 01, Pos. 12–14" (en dash for a range), as anchor examples
 * and memo lists show it. */

/* Append "DOC, Pos. A" (or "DOC, Pos. A–B" when last > first). */
void coding_citation(struct strbuf *out, const char *doc, size_t para_first, size_t para_last);

struct coding_quote {
	int64_t segment_id, doc_id, code_id;
	char guid[37];
	char *doc;              /* document name */
	size_t start, end;      /* code points */
	size_t para_first, para_last;
	char *citation;         /* "Interview 01, Pos. 12–14" */
	char *text;             /* the coded text, verbatim */
};

/* Find a segment by GUID or unique GUID prefix (at least 4 characters)
 * and quote it.  ANKER_NOTFOUND: no such segment; ANKER_INPUT: a prefix
 * shorter than 4 characters, or one that fits several segments (the
 * message names them). */
int coding_quote_get(struct store *st, const char *key, struct coding_quote *out,
                     struct anker_err *err);
void coding_quote_free(struct coding_quote *q);

/* Memos (coding/memo.c): typed notes on the project, a document, a code
 * or a segment.  Each change is one transaction, logged as entity "memo"
 * ("memo add", "memo edit", "memo delete"), so undo covers it. */

enum coding_memo_target {
	CODING_MEMO_PROJECT, CODING_MEMO_DOCUMENT, CODING_MEMO_CODE, CODING_MEMO_SEGMENT
};

/* "project", "doc" or "document", "code", "segment"; -1 when unknown. */
int coding_memo_target_parse(const char *name);
/* "definition", "method", "theory" or "free". */
bool coding_memo_type_valid(const char *type);

struct coding_memo_on {
	enum coding_memo_target target;
	const char *key;        /* document, code or segment key; ignored for the project */
};

struct coding_memo {
	int64_t id;
	char guid[37];
	char *type;
	char *target;           /* "project", "document", "code", "segment" */
	char *target_guid;      /* NULL for the project */
	char *on;               /* "project", the document's name, "2.9 Name", or
	                         * "1a2b3c4d (Interview 01, Pos. 12)" */
	char *author;           /* "" when unknown */
	char *text;
	char *created, *modified;
};
void coding_memos_free(struct coding_memo *v, size_t n);

/* Add a memo; author NULL: store_default_coder().  Refuses (ANKER_INPUT)
 * an unknown type and empty text; an unknown or ambiguous target as the
 * finders do.  guid receives the new memo's GUID. */
int coding_memo_add(struct store *st, const struct coding_memo_on *on, const char *type,
                    const char *text, const char *author, char guid[37], struct anker_err *err);

struct coding_memo_filter {
	const struct coding_memo_on *on;   /* NULL: every target */
	const char *type;                  /* NULL: every type */
};
/* Memos in the order they were written; *out is the caller's
 * (coding_memos_free).  ANKER_INPUT for an unknown type; target errors
 * as for coding_memo_add. */
int coding_memo_list(struct store *st, const struct coding_memo_filter *f,
                     struct coding_memo **out, size_t *n, struct anker_err *err);
/* Change a memo's text and/or type (NULL: keep).  key: GUID or unique
 * prefix (at least 4 characters).  actor: who changes it (NULL: the
 * default coder); the author stays. */
int coding_memo_edit(struct store *st, const char *key, const char *type, const char *text,
                     const char *actor, struct anker_err *err);
/* Delete a memo (key as for coding_memo_edit). */
int coding_memo_delete(struct store *st, const char *key, const char *actor,
                       struct anker_err *err);

/* Reviews (coding/review.c): a supervisor's verdict on a segment.  Every
 * verdict is kept; a reviewer's later verdict on the same segment
 * supersedes the earlier one.  Logged as an update of entity "segment"
 * (action "review"). */

enum coding_verdict { CODING_FITS, CODING_MISFIT, CODING_BORDERLINE };

/* "fits", "misfit" (also "does-not-fit"), "borderline"; -1 when unknown. */
int coding_verdict_parse(const char *name);
const char *coding_verdict_name(enum coding_verdict v);

/* One verdict: one transaction, one undo step.  reviewer NULL:
 * store_default_coder() (created as a coder on first use); comment NULL:
 * "".  Segment errors as coding_quote_get; ANKER_INPUT for a verdict out
 * of range. */
int coding_review_add(struct store *st, const char *segment, enum coding_verdict v,
                      const char *comment, const char *reviewer, struct anker_err *err);

struct coding_review {
	int64_t id;
	char segment[37];       /* the segment's GUID */
	char *doc;
	size_t start, end, para_first, para_last;
	char *code;             /* number, or the name of an unnumbered code */
	char *coder;
	char *verdict;          /* "fits", "misfit", "borderline" */
	char *comment;
	char *reviewer;
	char *time;
	char *text;             /* the coded text */
	bool latest;            /* the reviewer's latest verdict on the segment */
};
void coding_reviews_free(struct coding_review *v, size_t n);

struct coding_review_filter {
	const char *code;       /* NULL: all codes */
	bool subcodes;
	const char *segment;    /* NULL: all segments */
	int verdict;            /* -1: any */
	const char *reviewer;   /* NULL: anyone */
	bool all;               /* also superseded verdicts */
};
/* Reviews in document order (group, document, start, end, code), each
 * segment's in the order they were given; *out is the caller's
 * (coding_reviews_free).  ANKER_NOTFOUND for an unknown code or reviewer
 * (a typo should not read as "no verdicts"); segment errors as
 * coding_quote_get. */
int coding_reviews_list(struct store *st, const struct coding_review_filter *f,
                        struct coding_review **out, size_t *n, struct anker_err *err);

/* Per code (every code, tree order): its own segments, how many of them
 * have a verdict, and how many of those fit, misfit, are borderline.  A
 * segment counts with its newest verdict (of reviewer, or of anyone when
 * reviewer is NULL), so fits + misfit + borderline == reviewed. */
struct coding_review_count {
	int64_t code_id;
	char *number, *name, *path;
	int depth;
	int64_t segments, reviewed, fits, misfit, borderline;
};
/* *out: one entry per code, the caller's (coding_review_counts_free).
 * ANKER_NOTFOUND for an unknown reviewer. */
int coding_review_counts(struct store *st, const char *reviewer,
                         struct coding_review_count **out, size_t *n, struct anker_err *err);
void coding_review_counts_free(struct coding_review_count *v, size_t n);

/* Anchor examples (coding/review.c).  Promoting a segment appends its
 * text, in „…“, to the code's anchor examples with the segment's citation
 * and GUID.  Logged as an update of entity "code". */
struct coding_anchor {
	size_t position;        /* 1-based, in the code's order */
	char *text;
	char *citation;         /* "" when none (e.g. from a codebook import) */
	char *segment;          /* GUID of the promoted segment, or NULL */
};
void coding_anchors_free(struct coding_anchor *v, size_t n);

/* One transaction, one undo step; actor NULL: the default coder.  Refuses
 * (ANKER_EXISTS) a segment already promoted to that code, and
 * (ANKER_INPUT) a segment of only whitespace; code errors as
 * codebook_find, segment errors as coding_quote_get.  *position: the new
 * example's position; *other_code: the segment is coded with another code
 * (allowed, but worth a word to the user). */
int coding_anchor_add(struct store *st, const char *code, const char *segment,
                      const char *actor, size_t *position, bool *other_code,
                      struct anker_err *err);
int coding_anchors_list(struct store *st, const char *code, struct coding_anchor **out,
                        size_t *n, struct anker_err *err);
/* Delete the example at position (1-based, as coding_anchors_list numbers
 * them; ANKER_INPUT when there is none); the rest move up. */
int coding_anchor_delete(struct store *st, const char *code, size_t position,
                         const char *actor, struct anker_err *err);
/* -- end review block -- */

/* ---------------------------------------------------------------------- */
/* Analysis: frequencies, code × document matrix, co-occurrence, saved
 * results (coding/analysis.c, coding/cooc.c, coding/results.c). */
/* -- begin analysis block -- */
/* Every analysis counts segments (SPEC §5): all coders' unless coder names
 * one (ANKER_NOTFOUND when there is no coder of that name); with rollup a
 * code counts its descendants' segments as its own.  Each function reads
 * in one read transaction and fills a table the caller initialised and
 * frees.  coders (when not NULL) receives the names of the coders whose
 * segments were counted, ", " between them, for saved results. */

/* Frequencies (coding/analysis.c).  One row per code, tree order, every
 * code (also those without segments): Code (key "code", the number), Path,
 * Segments, Documents (distinct documents with the code), with rollup
 * Segments/Documents rolled up over all descendants ("segments_rollup",
 * "documents_rollup": documents where the code or a descendant occurs),
 * and "%" ("percent", 2 decimals): the code's own segments as a share of
 * all segments counted.  With by, one row per code and value, every
 * combination (zeros included), with a column after Path: "doc", "group",
 * "coder" or, for a variable, "value" (null for documents without it);
 * then % is the share among the segments with that value.  Values: every
 * document / group (natural order), every coder with segments (by name),
 * every value of the variable (natural order).  A variable no document has
 * is ANKER_NOTFOUND. */
enum coding_by { CODING_BY_CODE, CODING_BY_DOC, CODING_BY_GROUP, CODING_BY_CODER,
                 CODING_BY_VAR };
struct coding_freq_opts {
	enum coding_by by;
	const char *var;        /* CODING_BY_VAR: the variable's name */
	bool rollup;
	const char *coder;      /* NULL: every coder */
};
int coding_freq(struct store *st, const struct coding_freq_opts *o, struct coding_table *t,
                struct strbuf *coders, struct anker_err *err);

/* Code × document matrix (MAXQDA's Code Matrix Browser).  One row per
 * code (tree order, every code): Code, Path, one column of segment counts
 * per document (header and key: its name; documents in group, name order)
 * or per document group (header and key: the group, "(no group)" for
 * documents without one), and Total.  A document named "code", "path" or
 * "total" gets the key "doc:NAME" so that JSON keys stay unique. */
enum coding_cols { CODING_COLS_DOC, CODING_COLS_GROUP };
struct coding_matrix_opts {
	enum coding_cols cols;
	bool rollup;
	const char *coder;
};
int coding_matrix(struct store *st, const struct coding_matrix_opts *o, struct coding_table *t,
                  struct strbuf *coders, struct anker_err *err);

/* Shared by the analyses.  The id of the coder called name, -1 for NULL
 * (ANKER_NOTFOUND when there is none).  The names of the coders ids[0..n)
 * (repeats allowed) in name order, ", " between them, appended to out. */
int coding_analysis_coder(struct store *st, const char *name, int64_t *id,
                          struct anker_err *err);
int coding_analysis_coder_names(struct store *st, const int64_t *ids, size_t n,
                                struct strbuf *out, struct anker_err *err);

/* Co-occurrence (coding/cooc.c: the counting; coding/cooc_db.c: the
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
enum coding_cooc_mode { CODING_COOC_OVERLAP, CODING_COOC_NEAR, CODING_COOC_PARAGRAPH,
                        CODING_COOC_DOCUMENT };
enum coding_measure { CODING_MEASURE_COUNT, CODING_MEASURE_JACCARD, CODING_MEASURE_ROWPCT };

/* "overlap", "near:N" (0 <= N <= 1000000), "paragraph", "document". */
bool coding_cooc_mode_parse(const char *s, enum coding_cooc_mode *mode, unsigned *near);
/* "count", "jaccard", "rowpct"; -1 when unknown. */
int coding_measure_parse(const char *s);
/* Jaccard compares units, so it needs a unit mode (paragraph, document):
 * in overlap and near modes the diagonal counts segments while a cell
 * counts pairs, and n12/(n1+n2-n12) means nothing. */
bool coding_cooc_measure_ok(enum coding_cooc_mode mode, enum coding_measure m);

/* The counting without a database, so that it can be checked against a
 * brute-force reference.  A segment: its document (any number), its code
 * (an index into the code tree of the spec), coder, [start, end) in code
 * points (start < end) and the paragraphs it touches (needed for near and
 * paragraph modes only). */
struct coding_cooc_seg {
	uint32_t doc, code, coder;
	uint32_t start, end;
	uint32_t pfirst, plast;
};
struct coding_cooc_spec {
	enum coding_cooc_mode mode;
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
void coding_cooc_add(const struct coding_cooc_spec *spec, const struct coding_cooc_seg *segs,
                     size_t n, int64_t *counts);
/* Cell (i, j) in a measure: count; jaccard n12/(n1+n2-n12) with n1, n2
 * the diagonal (0 when the denominator is 0); rowpct cell / row's diagonal
 * × 100 (0 when the diagonal is 0). */
double coding_cooc_value(const int64_t *counts, size_t nsel, size_t i, size_t j,
                         enum coding_measure m);

struct coding_cooc_opts {
	enum coding_cooc_mode mode;
	unsigned near;
	const char *const *codes;   /* code keys (number, path, name); NULL: see below */
	size_t ncodes;
	const char *under;      /* the direct subcodes of this code */
	bool rollup;
	const char *coder;
};
/* The selected codes: codes (in the order given, duplicates dropped), or
 * under's children (tree order; ANKER_INPUT when it has none), else every
 * code with segments counted (with rollup: in its subtree), tree order. */
struct coding_cooc_result {
	enum coding_cooc_mode mode;
	size_t n;
	int64_t *code_id;
	char **number, **path;
	int64_t *counts;        /* n × n, row major */
	char *coders;           /* ", "-separated */
};
int coding_cooc_run(struct store *st, const struct coding_cooc_opts *o,
                    struct coding_cooc_result *out, struct anker_err *err);
void coding_cooc_result_free(struct coding_cooc_result *r);
/* Code, Path, then a column per selected code (header and key: its
 * number, or its path when it has none): counts (int), jaccard (3
 * decimals) or rowpct (2 decimals). */
void coding_cooc_table(const struct coding_cooc_result *r, enum coding_measure m,
                       struct coding_table *t);

/* Saved results (coding/results.c).  A table kept in the project with the
 * options that made it, the coders whose segments it counts and the time,
 * so that the numbers behind a paper stay beside the data.  Results are
 * not part of the coded data: saving and deleting are one transaction
 * each but not logged, so undo never touches them. */
struct coding_result {
	char *name;
	char *kind;             /* "freq", "matrix", "cooc" */
	char *params;           /* the options, e.g. "--mode near:2 --rollup" */
	char *coders;
	char *created;          /* ISO 8601 UTC; filled by coding_result_save */
};
void coding_result_free(struct coding_result *r);
void coding_results_free(struct coding_result *v, size_t n);
/* Store t under r->name (not empty).  A name in use is refused
 * (ANKER_EXISTS) unless replace. */
int coding_result_save(struct store *st, const struct coding_result *r,
                       const struct coding_table *t, bool replace, struct anker_err *err);
/* All saved results, oldest first (content not loaded). */
int coding_results_list(struct store *st, struct coding_result **out, size_t *n,
                        struct anker_err *err);
/* One result and its table (ANKER_NOTFOUND when there is none). */
int coding_result_get(struct store *st, const char *name, struct coding_result *r,
                      struct coding_table *t, struct anker_err *err);
int coding_result_delete(struct store *st, const char *name, struct anker_err *err);
/* A table as JSON and back: {"columns": [{"header", "key", "type"}...],
 * "rows": [[cell...]...]}, a cell the text shown (a string or null), or
 * {"text": ..., "json": ...} when it carries its own JSON value.  Reading
 * refuses anything else (ANKER_INPUT, with the byte offset). */
void coding_table_to_json(const struct coding_table *t, struct strbuf *out);
int coding_table_from_json(const char *json, size_t len, struct coding_table *t,
                           struct anker_err *err);
/* -- end analysis block -- */

/* -- begin tui views block -- */
/* The segment pairs behind cell (A, B) of the co-occurrence matrix
 * (coding/cooc_pairs.c): pairs (a, b), a counting as A and b as B (with
 * rollup: coded with the code or a descendant), in one document, that
 *   overlap     share a code point (a segment may pair with itself when
 *               it counts as both, as coding_cooc_add counts it);
 *   near:N      have paragraph ranges at most N apart;
 *   paragraph   share a paragraph;
 *   document    are in the same document.
 * In overlap and near modes the pairs are what the cell counts; in the
 * unit modes the cell counts the paragraphs or documents these pairs lie
 * in.  When A and B are the same code (the diagonal), each of its
 * segments is paired with itself. */
struct coding_cooc_pairs_opts {
	enum coding_cooc_mode mode;
	unsigned near;
	const char *a, *b;      /* code keys (number, path, name, GUID) */
	bool rollup;
	const char *coder;      /* NULL: every coder */
};
struct coding_cooc_pair {
	size_t a, b;            /* indices into segs */
};
struct coding_cooc_pairs {
	struct coding_segment *segs;   /* A's segments, then B's, document order, with text */
	size_t na, nb;
	struct coding_cooc_pair *pairs;   /* by document, then a, then b */
	size_t n;
};
/* Code errors as codebook_resolve, others as coding_segments_list; *out
 * is the caller's (coding_cooc_pairs_free), empty on error. */
int coding_cooc_pairs(struct store *st, const struct coding_cooc_pairs_opts *o,
                      struct coding_cooc_pairs *out, struct anker_err *err);
void coding_cooc_pairs_free(struct coding_cooc_pairs *p);
/* -- end tui views block -- */

/* -- begin agreement block -- */
/* Reliability statistics (coding/alpha.c).  NAN means undefined (shown as
 * an empty cell): no pairable values, or no variation to compare with
 * (a chance agreement of 1). */
enum coding_alpha_level { CODING_ALPHA_NOMINAL, CODING_ALPHA_ORDINAL, CODING_ALPHA_INTERVAL,
                          CODING_ALPHA_RATIO };
/* "nominal", "ordinal", "interval", "ratio"; -1 when unknown. */
int coding_alpha_level_parse(const char *s);
/* Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability") for values, ncoders x nunits row major, NAN for a
 * missing value.  For nominal data the values are category numbers (any
 * distinct doubles); ratio data must not be negative.  *pairable (if not
 * NULL): the number of pairable values n. */
double coding_alpha(const double *values, size_t ncoders, size_t nunits,
                    enum coding_alpha_level level, double *pairable);
/* Nominal alpha from binary coincidences o00, o01 (= o10), o11. */
double coding_alpha_binary(double o00, double o01, double o11);
/* Cohen's kappa from a k x k table of counts (rows: coder 1). */
double coding_cohen_kappa(const double *table, size_t k);
/* Brennan-Prediger kappa: (po - 1/q) / (1 - 1/q) for q categories. */
double coding_bp_kappa(double po, size_t q);

/* A reliability data matrix read from CSV (coding/alpha.c): one row per
 * coder, one column per unit; an empty cell or "." is missing.  Cells are
 * separated by commas (RFC 4180 quoting), or, in a file without commas, by
 * blanks.  The first column holds coder names when names is set, or when
 * all its cells are non-numeric while every other cell is a number or
 * missing.  Numeric levels need numbers; for nominal data non-numeric
 * values are labels (numbered in order of appearance; labels[i] names
 * category i). */
struct coding_alpha_data {
	size_t ncoders, nunits;
	double *values;         /* ncoders x nunits, NAN missing */
	char **coders;          /* names ("1", "2", ... when none given) */
	char **labels;
	size_t nlabels;
};
int coding_alpha_csv(const char *text, size_t len, enum coding_alpha_level level, bool names,
                     struct coding_alpha_data *out, struct anker_err *err);
void coding_alpha_data_free(struct coding_alpha_data *d);

/* Intercoder agreement over units (coding/agree.c).  For each code each
 * unit is coded or not by each coder (a coder's own overlapping codings
 * count once).  A coder who coded nothing at all in a document is
 * missing for all of its units.  Complete units (every coder present)
 * give units, coded, agree (all coders alike), the 2 x 2 table (two
 * coders) and pair_agree (agreeing ordered pairs / (m (m - 1)), summed);
 * every unit with two coders or more present adds to the coincidences of
 * alpha. */
#define CODING_AGREE_MAX_CODERS 64
enum coding_agree_unit { CODING_AGREE_CHAR, CODING_AGREE_PARAGRAPH, CODING_AGREE_DOCUMENT };
struct coding_agree_stats {
	int64_t units, agree;
	int64_t coded[CODING_AGREE_MAX_CODERS];
	int64_t n11, n10, n01, n00;     /* two coders: 1 = coded; first index coder 0 */
	double pair_agree;
	double o00, o01, o11;           /* coincidences (o10 = o01) */
};
/* Add weight units in which the coders in present (bit i: coder i) were
 * present and those in coded coded the code. */
void coding_agree_add(struct coding_agree_stats *s, size_t ncoders, uint64_t present,
                      uint64_t coded, int64_t weight, bool ignore_uncoded);
/* One document and code: spans [start, end) in units (code points,
 * 0-based paragraphs, or [0, 1) for the document) of length len, each of a
 * coder.  A sweep over the span boundaries: runs of one coded state are
 * added at once, never a unit at a time. */
struct coding_agree_span {
	uint32_t coder;
	int64_t start, end;
};
void coding_agree_sweep(struct coding_agree_stats *s, size_t ncoders, uint64_t present,
                        struct coding_agree_span *spans, size_t n, int64_t len,
                        bool ignore_uncoded);
void coding_agree_sum(struct coding_agree_stats *into, const struct coding_agree_stats *s);
/* Percent agreement (0-100), Cohen's kappa (two coders; NAN otherwise),
 * Brennan-Prediger kappa (q = 2, with the mean pairwise agreement: for
 * more than two coders Randolph's free-marginal kappa), alpha (nominal). */
double coding_agree_percent(const struct coding_agree_stats *s);
double coding_agree_cohen(const struct coding_agree_stats *s, size_t ncoders);
double coding_agree_bp(const struct coding_agree_stats *s);
double coding_agree_alpha(const struct coding_agree_stats *s);

struct coding_agree_opts {
	const char *const *coders;      /* names, at least two, distinct */
	size_t ncoders;
	const char *const *codes;       /* code keys; NULL: see coding_cooc_opts */
	size_t ncodes;
	const char *under;
	enum coding_agree_unit unit;
	bool ignore_uncoded;
};
/* The agreement table: Code, Path, Units, one column per coder (units
 * the coder coded; key "coded_NAME"), Agree, %, Cohen κ, BP κ, α (keys
 * code, path, units, coded_NAME..., agree, percent, cohen, bp, alpha),
 * one row per selected code (default: every code a selected coder used,
 * tree order) and a last row "(pooled)" over all (code, unit) pairs.
 * Unknown coder: ANKER_NOTFOUND; code errors as codebook_find. */
int coding_agree(struct store *st, const struct coding_agree_opts *o, struct coding_table *t,
                 struct anker_err *err);

/* Segment agreement as MAXQDA (coding/agree.c): a segment of one
 * coder agrees when the other coder has the same code in the same
 * document on a segment b with |a n b| / |a u b| >= min_overlap / 100. */
struct coding_agree_seg_opts {
	const char *a, *b;              /* coder names */
	const char *const *codes;
	size_t ncodes;
	const char *under;
	double min_overlap;             /* percent, 0 < P <= 100 */
};
/* t: Code, Path, Agree, Only A, Only B (headers name the coders), %,
 * κ (keys code, path, agree, only_a, only_b, percent, kappa), per code and
 * a "(total)" row; dis: the segments without a match: Document, Pos.,
 * Code, Path, Coder, Text (keys document, pos, code, path, coder, text). */
int coding_agree_segments(struct store *st, const struct coding_agree_seg_opts *o,
                          struct coding_table *t, struct coding_table *dis,
                          struct anker_err *err);

/* Team work (coding/team.c). */
/* A copy of the project for coder to code blind: documents, codebook,
 * coders and memos, but no segments (so no reviews or segment memos), no
 * log and no saved results.  meta "blind_coder" names the coder (created
 * in the copy when new).  ANKER_EXISTS when out exists. */
int coding_blind(struct store *st, const char *coder, const char *out, struct anker_err *err);
struct coding_merge_report {
	size_t coders, documents, codes, memos, segments;   /* inserted */
	size_t reviews;         /* verdicts added to segments both projects have */
	size_t same;            /* identical codings under another GUID, left out */
	char **conflicts;       /* messages: code edits kept as they are here */
	size_t nconflicts;
};
void coding_merge_report_free(struct coding_merge_report *r);
/* Bring other's coders, documents, codes, memos and segments (with their
 * reviews and memos) into st by GUID: one transaction, one undo step
 * ("merge").  Rows st has already are left as they are (so merging twice
 * changes nothing); a code whose name, number or definition differs is
 * reported in r->conflicts.  A document whose text differs under the same
 * GUID, or a new document or code whose name or number is taken here,
 * refuses the merge (ANKER_INPUT, nothing written). */
int coding_merge(struct store *st, const char *other, struct coding_merge_report *r,
                 struct anker_err *err);
/* -- end agreement block -- */

/* -- begin compare block -- */
/* Two coders side by side (coding/compare.c), for the TUI's team views. */
struct coding_coder_count {
	char *name;
	int64_t segments;
};
/* The coders who have segments, most segments first (ties by name). */
int coding_coders_ranked(struct store *st, struct coding_coder_count **out, size_t *n,
                         struct anker_err *err);
void coding_coder_counts_free(struct coding_coder_count *v, size_t n);
/* SPEC §5's segment rule (as coding_agree_segments): same document and
 * code, |a n b| / |a u b| >= min_overlap / 100. */
bool coding_segment_match(const struct coding_segment *a, const struct coding_segment *b,
                          double min_overlap);
/* One document's segments of coders a (seg[0]) and b (seg[1]), with their
 * text, by start; agree[k][i]: seg[k][i] has a match among the other
 * coder's.  code_id (0: all): only that code's segments.  doc: a document
 * key; NULL: the first document (document order) both coded in which one
 * of them used the code (ANKER_NOTFOUND when none); its name in out->doc.  Unknown coder:
 * ANKER_NOTFOUND.  coding_compare_free frees. */
struct coding_compare {
	char *doc;
	struct coding_segment *seg[2];
	size_t n[2];
	bool *agree[2];
};
int coding_compare_doc(struct store *st, const char *doc, int64_t code_id, const char *a,
                       const char *b, double min_overlap, struct coding_compare *out, struct anker_err *err);
void coding_compare_free(struct coding_compare *c);
/* -- end compare block -- */

/* -- begin refi block -- */
/* REFI-QDA projects (.qdpx: a zip of project.qde and sources/GUID.txt),
 * coding/qdpx_write.c and coding/qdpx_read.c.
 *
 * Mapping: coders <-> Users; codes <-> CodeBook (nested, color,
 * isCodable; number, position, definition, anchor examples and labelled
 * notes as "== ... ==" sections of the Description, which anker reads
 * back, and which a Description from another tool never has: then it is
 * the definition); documents <-> TextSource (internal://GUID.txt, or
 * PlainTextContent when reading), their variables <-> Variables and
 * VariableValue, their group <-> a Set of sources; segments <->
 * PlainTextSelection + Coding (selection GUID = segment GUID; code points,
 * end exclusive; the segment's memo is the selection's Description);
 * memos <-> Notes with NoteRef from what they are about; a segment's
 * weight and review verdicts travel as Notes named "anker:weight N" and
 * "anker:review VERDICT". */
struct coding_qdpx_report {
	size_t users, codes, sources, selections, notes, sets;
	char **warnings;        /* "what was skipped and why" */
	size_t nwarnings;
};
void coding_qdpx_report_free(struct coding_qdpx_report *r);
/* Write the whole project to path (replaced atomically by libzip).
 * ANKER_IO when the file cannot be written. */
int coding_qdpx_export(struct store *st, const char *path, struct coding_qdpx_report *rep,
                       struct anker_err *err);
/* Read a .qdpx into the project, merging by GUID: rows the project has
 * are updated, others added.  One transaction, one undo step ("qdpx
 * import"): on any error nothing is written.  Refuses (ANKER_INPUT) a
 * file that is not a zip, has no .qde, holds unsafe entry names (".." or
 * absolute), too many or too large entries, malformed XML ("FILE:LINE:COL:
 * what"), selections outside their text, references to unknown codes or
 * users.  Text with CRLF is normalised and its selections shifted.
 * Sources other than text are skipped with a warning. */
int coding_qdpx_import(struct store *st, const char *path, struct coding_qdpx_report *rep,
                       struct anker_err *err);
/* A Code's Description taken apart (coding/qdpx_codes.c): number (NULL
 * when none), position (-1 when none), definition, and anchors and notes
 * as JSON lists in store_row_json's form.  A Description that does not
 * start with a "== ... ==" line is all definition.  Strings are owned. */
struct coding_qdpx_desc {
	char *number;
	long position;
	char *definition;
	char *anchors, *notes;
};
void coding_qdpx_desc_parse(const char *desc, struct coding_qdpx_desc *out);
void coding_qdpx_desc_free(struct coding_qdpx_desc *d);
/* -- end refi block -- */

#endif
