/* report/xlsx.c — tables as sheets of an Excel workbook (libxlsxwriter).
 *
 * Numbers are numbers (Excel computes with them) shown with the places the
 * table gives them; text is text, whatever it looks like (a code number
 * 2.10 or a range 9-11 stays as written, never a number or a date); a
 * missing number (0/0) is an empty cell.  The header row is bold, frozen
 * and has a filter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lazy/lazy.h"   /* libxlsxwriter, loaded on first use */

#include "report.h"
#include "write.h"

#define EXCEL_CELL_MAX 32767      /* characters in a cell */
#define EXCEL_ROWS (LXW_ROW_MAX - 1)   /* data rows under the header */

struct report_xlsx {
	lxw_workbook *wb;
	lxw_format *bold;
	lxw_format *places[REPORT_NUMBER_DECIMALS + 1];   /* "0", "0.0", ...: made once */
	lxw_error error;          /* the first error, reported at close */
	int open_errno;           /* the file could not be created */
	struct anker_err load;    /* libxlsxwriter could not be loaded */
};

struct report_xlsx *report_xlsx_open(const char *path)
{
	struct report_xlsx *x = xcalloc(1, sizeof *x);
	if (lazy_xlsx_load("writing an Excel workbook (xlsx)", &x->load))
		return x;
	/* Created here first, so that a directory that is not there or not
	 * writable is told plainly (libxlsxwriter would print its own
	 * message when it writes the file, at the end). */
	FILE *f = fopen(path, "wb");
	if (!f) {
		x->open_errno = errno;
		return x;
	}
	fclose(f);
	x->wb = workbook_new(path);
	if (!x->wb) {
		x->error = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return x;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	return x;
}

static lxw_format *places_format(struct report_xlsx *x, int places)
{
	if (!x->places[places]) {
		char fmt[REPORT_NUMBER_DECIMALS + 3] = "0";
		if (places) {
			fmt[1] = '.';
			memset(fmt + 2, '0', (size_t)places);
			fmt[2 + places] = '\0';
		}
		x->places[places] = workbook_add_format(x->wb);
		format_set_num_format(x->places[places], fmt);
	}
	return x->places[places];
}

/* A sheet name Excel takes: at most 31 characters, none of []:*?/\, unique
 * in the workbook ("freq", "freq (2)", ...). */
static void sheet_name(struct report_xlsx *x, const char *want, char *name, size_t size)
{
	char base[LXW_SHEETNAME_MAX + 1];
	size_t n = 0;
	for (const char *p = want; *p && n < 24; p++)   /* ASCII: command names */
		base[n++] = strchr("[]:*?/\\'", *p) || (unsigned char)*p >= 0x80 ? '_' : *p;
	base[n] = '\0';
	snprintf(name, size, "%s", n ? base : "table");
	for (int i = 2; workbook_get_worksheet_by_name(x->wb, name); i++)
		snprintf(name, size, "%s (%d)", n ? base : "table", i);
}

/* s cut to the characters a cell holds. */
static char *cell_text(const char *s)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > EXCEL_CELL_MAX)
			break;
	return xstrndup(s, i);
}

static void keep_error(struct report_xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
		x->error = e;
}

/* Cell r, c of the table at row `row` of the sheet. */
static void write_cell(struct report_xlsx *x, lxw_worksheet *ws, struct report_writer *w,
                       lxw_row_t row, size_t r, size_t c)
{
	const char *s = w->t->cells[r * w->t->ncols + c].text;
	if (!s || !*s)
		return;   /* missing: an empty cell */
	s = report_shown(w, r, c);
	if (report_col_is_number(w->t, c)) {
		char *end;
		double v = strtod(s, &end);   /* LC_NUMERIC is "C" */
		const char *point = strchr(s, '.');
		if (end != s && !*end) {
			int places = point ? (int)strlen(point + 1) : 0;
			if (places > REPORT_NUMBER_DECIMALS)
				places = REPORT_NUMBER_DECIMALS;
			keep_error(x, worksheet_write_number(ws, row, (lxw_col_t)c, v,
			                                     places_format(x, places)));
			return;
		}
	}
	char *text = cell_text(s);
	keep_error(x, worksheet_write_string(ws, row, (lxw_col_t)c, text, NULL));
	free(text);
}

/* Rows first to first + n of the table as one sheet. */
static void write_sheet(struct report_xlsx *x, const char *want, struct report_writer *w,
                        size_t first, size_t n)
{
	const struct report_table *t = w->t;
	char name[LXW_SHEETNAME_MAX + 16];
	sheet_name(x, want, name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	if (!ws) {
		keep_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	size_t ncols = t->ncols < LXW_COL_MAX ? t->ncols : LXW_COL_MAX;
	for (size_t c = 0; c < ncols; c++) {
		/* width: the header's, at least 8 and at most 60 characters */
		size_t wide = strlen(report_header(w, c));
		for (size_t r = first; r < first + n && r < first + 200; r++) {
			const char *s = t->cells[r * t->ncols + c].text;
			size_t len = s ? strlen(s) : 0;
			wide = len > wide ? len : wide;
		}
		double width = wide < 8 ? 8 : wide > 60 ? 60 : (double)wide;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width + 1, NULL);
		char *head = cell_text(report_header(w, c));
		keep_error(x, worksheet_write_string(ws, 0, (lxw_col_t)c, head, x->bold));
		free(head);
	}
	for (size_t r = first; r < first + n; r++)
		for (size_t c = 0; c < ncols; c++)
			write_cell(x, ws, w, (lxw_row_t)(r - first + 1), r, c);
	worksheet_freeze_panes(ws, 1, 0);
	if (ncols)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(ncols - 1));
}

void report_xlsx_sheet(struct report_xlsx *x, const char *name, const struct report_table *t,
                       const struct report_write_opts *o)
{
	struct report_write_opts plain = *o;
	plain.decimal_comma = false;   /* numbers are numbers: Excel shows them its way */
	struct report_writer w = { .t = t, .fmt = REPORT_XLSX, .o = &plain };
	if (!x->wb)
		return;
	/* More rows than a sheet holds: the rest on further sheets. */
	size_t first = 0;
	do {
		size_t n = t->nrows - first < EXCEL_ROWS ? t->nrows - first : EXCEL_ROWS;
		write_sheet(x, name, &w, first, n);
		first += n;
	} while (first < t->nrows);
}

int report_xlsx_close(struct report_xlsx *x, struct anker_err *err)
{
	lxw_error e = x->error;
	if (x->wb) {
		if (e == LXW_NO_ERROR)
			e = workbook_close(x->wb);
		else
			lxw_workbook_free(x->wb);
	}
	int open_errno = x->open_errno;
	if (x->load.status) {
		int rc = anker_err_set(err, x->load.status, "%s", x->load.msg);
		free(x);
		return rc;
	}
	free(x);
	if (open_errno)
		return anker_err_set(err, ANKER_IO, "%s", strerror(open_errno));
	return e == LXW_NO_ERROR ? ANKER_OK : anker_err_set(err, ANKER_IO, "%s", lxw_strerror(e));
}

void report_xlsx_discard(struct report_xlsx *x)
{
	if (x->wb)
		lxw_workbook_free(x->wb);
	free(x);
}
