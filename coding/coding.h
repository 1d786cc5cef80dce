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

#endif
