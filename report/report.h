/* report/report.h — the tables every report of anker is written as.
 *
 * Documents, codes, search hits, segments, frequencies, matrices and
 * agreement are each built as a struct report_table and written in one of
 * the formats of SPEC §6.  The table owns all its strings.  This module
 * knows nothing of projects: it takes cells and writes text.
 */
#ifndef ANKER_REPORT_H
#define ANKER_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"   /* struct strbuf */

enum report_format {
	REPORT_TABLE,       /* aligned by display width, for people */
	REPORT_TSV,         /* tab separated; \t \n \\ escaped */
	REPORT_CSV,         /* RFC 4180 */
	REPORT_MD,          /* GitHub Markdown table */
	REPORT_LATEX,       /* booktabs tabular, specials escaped */
	REPORT_JSON,        /* array of objects */
	REPORT_XLSX,        /* Excel workbook (report_xlsx_*): a binary file */
};

/* Numbers.  report_number writes v with `decimals` places (0 to
 * REPORT_NUMBER_DECIMALS) into buf (REPORT_NUMBER_MAX bytes, enough for any
 * double) and returns buf.  Ties round half up, away from zero, on the
 * shortest decimal that reads back as v (report/number.c says why):
 * 0.1875 → 0.188, 3.125 → 3.13, 2.675 → 2.68, -0.0005 → -0.001.  A result
 * whose digits are all 0 has no sign (-0.0004 → 0.000).  NaN (0/0) and
 * infinities: "n/a".  A decimal point whatever the locale; a comma only
 * with REPORT_NUM_COMMA.  No grouping of thousands. */
#define REPORT_NUMBER_DECIMALS 30
#define REPORT_NUMBER_MAX 352
enum { REPORT_NUM_COMMA = 1 };
char *report_number(char *buf, double v, int decimals, unsigned flags);

/* The CLI's progress bar (report/progress.c), a store_progress_fn
 * (store.h): "import [#####     ] 120/2000 (6 %), 85/s" on standard
 * error when it is a terminal, nothing otherwise; at most ten times a
 * second, wiped when done reaches total.  It never cancels.
 * report_progress_clear wipes a bar standing on the line, before anything
 * else is written to standard error. */
bool report_progress_bar(void *arg, const char *what, uint64_t done, uint64_t total);
void report_progress_clear(void);

/* Parse a --format name; -1 when unknown. */
int report_format_parse(const char *name);
const char *report_format_names(void);   /* "table|tsv|csv|md|latex|json|xlsx" */

enum report_col_type {
	REPORT_COL_TEXT,
	REPORT_COL_INT,     /* right-aligned; JSON number */
	REPORT_COL_FLOAT,   /* right-aligned; JSON number */
	REPORT_COL_PATH,    /* a code path: text, cut at the left in `table` so the
	                       code's own name stays visible */
};

struct report_cell {
	char *text;         /* shown in text formats; NULL: empty / JSON null */
	char *json;         /* raw JSON value for the json format, or NULL to derive */
};

struct report_chunk;         /* storage of the cells' text (report/table.c) */

struct report_table {
	size_t ncols, nrows;
	char **headers;      /* shown in text formats */
	char **keys;         /* JSON keys */
	enum report_col_type *types;
	struct report_cell *cells;   /* nrows * ncols, row major */
	size_t cap;          /* allocated rows */
	size_t cur;          /* next cell to fill in the last row */
	struct report_chunk *chunks;   /* the cells' text, freed with the table */
};

void report_table_init(struct report_table *t);
void report_table_free(struct report_table *t);
/* Add a column before the first row. */
void report_table_col(struct report_table *t, const char *header, const char *key,
                      enum report_col_type type);
/* Room for `rows` rows at once, after the columns: a table of known size
 * is not copied as it grows (5,000 segments' rows were copied 9 times). */
void report_table_reserve(struct report_table *t, size_t rows);
/* Start a row; then fill its cells left to right. */
void report_table_row(struct report_table *t);
void report_table_text(struct report_table *t, const char *s);      /* NULL: null */
void report_table_textn(struct report_table *t, const char *s, size_t len);
void report_table_int(struct report_table *t, int64_t v);
/* A number with `decimals` places (report_number, a decimal point); NaN
 * (0/0) and infinities leave the cell missing (text NULL): a missing number
 * is written "n/a" in table, md and latex, empty in csv and tsv, null in
 * json. */
void report_table_float(struct report_table *t, double v, int decimals);
/* A cell with a text rendering and a raw JSON value (arrays, objects). */
void report_table_json(struct report_table *t, const char *text, const char *json);

/* Cell r, c as the table format shows it ("n/a" for a missing number,
 * "" for missing text): for views that draw a table themselves. */
const char *report_table_cell(const struct report_table *t, size_t r, size_t c);

/* How a table is written. */
struct report_write_opts {
	int max_width;          /* table: > 0 caps each text column (cut with "…") */
	bool decimal_comma;     /* numbers with a decimal comma (table, md, latex,
	                           csv with excel); json and tsv keep the point */
	bool excel;             /* csv for a spreadsheet program in a locale with
	                           a decimal comma: a UTF-8 BOM, ';' between cells,
	                           text that Excel would turn into a date, a number
	                           or a formula written as a formula string */
	bool leaf;              /* code path columns: the code's own name (the
	                           last part), header "Name", JSON key "name" */
};

/* Write the table.  For REPORT_TABLE, text is made visible (control
 * characters as placeholders, never raw) and columns are aligned by display
 * width.  REPORT_XLSX writes nothing here: a workbook is a file
 * (report_xlsx_sheet). */
void report_table_write_opts(const struct report_table *t, enum report_format fmt,
                             const struct report_write_opts *o, struct strbuf *out);
/* The same with default options and max_width. */
void report_table_write(const struct report_table *t, enum report_format fmt, int max_width,
                        struct strbuf *out);

/* Running text (not a table) as LaTeX for pdflatex in a standard article,
 * escaped as the latex tables are (report/latex.c): special characters
 * escaped, characters only T1 has in \ankerTone (*t1 is then set), what
 * pdflatex cannot set as a visible <U+XXXX>, words too long to hyphenate
 * given places to break.  s is one line (a line break would be a
 * \newline): split paragraphs before.  report_latex_defs writes the
 * definitions the escaped text needs (\ankerTone when t1), to stand
 * before it. */
void report_latex_escape(struct strbuf *out, const char *s, bool *t1);
void report_latex_defs(struct strbuf *out, bool t1);

/* A long table written in parts, so that its rows need not all be held at
 * once (search over a large corpus).  Set fmt and o; add rows to t, then
 * report_stream_write writes them (the first part also the header, a
 * CSV's BOM, JSON's "["; last: also JSON's "]") and removes them from t.
 * The output is that of the whole table, except that the aligned table
 * takes its column widths from the first part: a later cell that is wider
 * pushes the rest of its row on.  LaTeX and xlsx are not written in parts
 * (report_format_streams): the caller keeps every row for them. */
struct report_stream {
	enum report_format fmt;
	struct report_write_opts o;
	size_t rows;        /* written so far */
	bool started;
	int *colw;          /* REPORT_TABLE: the widths of the first part */
};
bool report_format_streams(enum report_format fmt);
/* Rows a part holds before it is written (anker search, the TUI's :export
 * of a search): a thousand hits with their lines stay a few MB, and the
 * aligned table's widths come from the same first part wherever it is
 * written. */
#define REPORT_STREAM_ROWS 1000
void report_stream_write(struct report_stream *s, struct report_table *t, bool last,
                         struct strbuf *out);
void report_stream_free(struct report_stream *s);

/* An Excel workbook (report/xlsx.c), one sheet per table: numbers as
 * numbers with the table's places, text as text, a bold header row.
 * report_xlsx_open never fails: errors (the file's included) are kept and
 * returned by report_xlsx_close, which writes the file and frees x;
 * report_xlsx_discard frees x writing nothing.  A sheet is named after
 * name (cut to what Excel takes, " (2)" when taken); a table longer than a
 * sheet goes on in further sheets. */
struct report_xlsx *report_xlsx_open(const char *path);
void report_xlsx_sheet(struct report_xlsx *x, const char *name, const struct report_table *t,
                       const struct report_write_opts *o);
int report_xlsx_close(struct report_xlsx *x, struct anker_err *err);
void report_xlsx_discard(struct report_xlsx *x);


#endif
