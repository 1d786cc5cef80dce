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
	char *created, *modified;
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
int coding_unmark(struct store *st, const char *key, struct anker_err *err);

struct coding_segment_change {
	bool set_start, set_end, set_weight, set_memo;
	size_t start, end;
	int weight;
	const char *memo;
};
int coding_segment_set(struct store *st, const char *key, const struct coding_segment_change *c,
                       struct anker_err *err);

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

/* ---------------------------------------------------------------------- */
/* Memos, reviews, anchors (coding/review.c) — declarations below. */
/* -- begin review block -- */
/* -- end review block -- */

/* ---------------------------------------------------------------------- */
/* Analysis: frequencies, code × document matrix, co-occurrence, saved
 * results (coding/analysis.c, coding/cooc.c, coding/results.c). */
/* -- begin analysis block -- */
/* -- end analysis block -- */

#endif
