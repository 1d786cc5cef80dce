/* report/write.h — what the writers of report/ share (table.c, latex.c,
 * xlsx.c); not for use outside report/. */
#ifndef ANKER_REPORT_WRITE_H
#define ANKER_REPORT_WRITE_H

#include "report.h"

/* One table being written in one format. */
struct report_writer {
	const struct report_table *t;
	enum report_format fmt;
	const struct report_write_opts *o;
	/* The part of a table written in parts (report_stream): head: the
	 * first (the header, JSON's "["), tail: the last (JSON's "]"), before:
	 * rows written in earlier parts, colw: the table's column widths, fixed
	 * by the first part.  A whole table is one part: head and tail. */
	bool head, tail;
	size_t before;
	int *colw;
	char num[REPORT_NUMBER_MAX];   /* report_shown's copy of a number with a comma */
};

/* Cell r, c as w's format shows it: a missing number is "n/a" in the
 * formats people read, empty in csv, tsv and xlsx; a code path is its
 * last part with --leaf; a number has a decimal comma when asked for.
 * Valid until the next call. */
const char *report_shown(struct report_writer *w, size_t r, size_t c);
/* Column c's header ("Name" for a path column with --leaf). */
const char *report_header(const struct report_writer *w, size_t c);
/* Whether column c holds numbers (int or float). */
bool report_col_is_number(const struct report_table *t, size_t c);

/* The LaTeX format (report/latex.c). */
void report_latex_write(struct report_writer *w, struct strbuf *out);

#endif
