/* team/alpha_csv.c — the reliability data matrix of `anker alpha`, read
 * from the CSV files that R, SPSS, Excel and LibreOffice write.
 *
 * One record per coder.  The separator is taken from the first record:
 * a semicolon there makes the file semicolon-separated (German Excel, R's
 * write.csv2), else a tab tab-separated, else a comma comma-separated;
 * with none of them cells are separated by blanks (Krippendorff's
 * examples as printed).  Fields follow RFC 4180: a quoted field may hold
 * separators, line breaks and doubled quotes.  In semicolon and tab files
 * a decimal comma is accepted besides the point, since there the comma
 * separates nothing.  A UTF-8 byte order mark (Excel writes one) is
 * skipped.  Missing values: an empty cell, "." (SPSS, Stata) and "NA" (R),
 * quoted or not; a label "NA" cannot be given.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "team.h"

struct csv_cell {
	char *s;
	size_t line;             /* where the cell starts */
};

struct csv_row {
	struct csv_cell *cells;
	size_t n, cap;
	size_t line;
};

struct csv_reader {
	const char *s;
	size_t len, i, line;
	char sep;                /* ',', ';', '\t', or ' ' for blanks */
};

/* Room for one more: growing by doubling keeps a long row or file linear. */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	return xreallocarray(v, *cap, size);
}

static void row_add(struct csv_row *r, char *s, size_t line)
{
	r->cells = grow(r->cells, r->n, &r->cap, sizeof *r->cells);
	r->cells[r->n++] = (struct csv_cell){ s, line };
}

static bool is_blank(const struct csv_reader *r, char c)
{
	return c == ' ' || (c == '\t' && r->sep != '\t');
}

/* The separator of the first record with text (quotes respected). */
static char csv_separator(const char *s, size_t len)
{
	bool quoted = false, comma = false, tab = false, text = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		if (quoted || s[i] == '"')
			continue;
		if (s[i] == '\n' && text)
			break;
		if (s[i] == ';')
			return ';';
		comma = comma || s[i] == ',';
		tab = tab || s[i] == '\t';
		text = text || (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n');
	}
	return tab ? '\t' : comma ? ',' : ' ';
}

static const char *sep_name(char sep)
{
	return sep == ';' ? "semicolons" : sep == '\t' ? "tabs" : sep == ',' ? "commas" : "blanks";
}

/* A quoted field from the opening quote at r->i, RFC 4180: "" is a quote,
 * line breaks are part of the field. */
static int csv_quoted(struct csv_reader *r, struct strbuf *cell, size_t col,
                      struct anker_err *err)
{
	size_t line = r->line;
	for (r->i++;; r->i++) {
		if (r->i >= r->len)
			return anker_err_set(err, ANKER_INPUT, "line %zu, column %zu: the quote opened "
			                     "here is never closed", line, col);
		char c = r->s[r->i];
		if (c == '"' && r->i + 1 < r->len && r->s[r->i + 1] == '"') {
			sb_addc(cell, '"');
			r->i++;
		} else if (c == '"') {
			r->i++;
			break;
		} else {
			r->line += c == '\n';
			sb_addc(cell, c);
		}
	}
	while (r->i < r->len && (is_blank(r, r->s[r->i]) || r->s[r->i] == '\r'))
		r->i++;
	if (r->i < r->len && r->s[r->i] != r->sep && r->s[r->i] != '\n')
		return anker_err_set(err, ANKER_INPUT, "line %zu, column %zu: text after the closing "
		                     "quote (a quote inside a quoted field is written twice: \"\")",
		                     r->line, col);
	return ANKER_OK;
}

/* One record of a file with separators, from r->i (a line with text). */
static int csv_record(struct csv_reader *r, struct csv_row *row, struct anker_err *err)
{
	for (;;) {
		struct strbuf cell = {0};
		size_t line = r->line;
		while (r->i < r->len && is_blank(r, r->s[r->i]))
			r->i++;
		if (r->i < r->len && r->s[r->i] == '"') {
			int rc = csv_quoted(r, &cell, row->n + 1, err);
			if (rc) {
				sb_free(&cell);
				return rc;
			}
		} else {
			size_t b = r->i;
			while (r->i < r->len && r->s[r->i] != r->sep && r->s[r->i] != '\n')
				r->i++;
			size_t e = r->i;
			while (e > b && (is_blank(r, r->s[e - 1]) || r->s[e - 1] == '\r'))
				e--;
			sb_add(&cell, r->s + b, e - b);
		}
		if (!cell.buf)
			sb_adds(&cell, "");
		row_add(row, sb_steal(&cell), line);
		if (r->i >= r->len || r->s[r->i] == '\n')
			break;
		r->i++;   /* the separator */
	}
	return ANKER_OK;
}

/* One line of words separated by blanks, from r->i. */
static void csv_words(struct csv_reader *r, struct csv_row *row)
{
	const char *s = r->s;
	for (;;) {
		while (r->i < r->len && (s[r->i] == ' ' || s[r->i] == '\t' || s[r->i] == '\r'))
			r->i++;
		if (r->i >= r->len || s[r->i] == '\n')
			break;
		size_t b = r->i;
		while (r->i < r->len && s[r->i] != ' ' && s[r->i] != '\t' && s[r->i] != '\r' &&
		       s[r->i] != '\n')
			r->i++;
		row_add(row, xstrndup(s + b, r->i - b), r->line);
	}
}

static void rows_free(struct csv_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < rows[i].n; j++)
			free(rows[i].cells[j].s);
		free(rows[i].cells);
	}
	free(rows);
}

/* Every record with text; blank lines are skipped. */
static int csv_rows(struct csv_reader *r, struct csv_row **out, size_t *nout,
                    struct anker_err *err)
{
	struct csv_row *rows = NULL;
	size_t n = 0, cap = 0;
	int rc = ANKER_OK;
	while (!rc && r->i < r->len) {
		size_t k = r->i;
		while (k < r->len && (r->s[k] == ' ' || r->s[k] == '\t' || r->s[k] == '\r'))
			k++;
		if (k < r->len && r->s[k] != '\n') {
			rows = grow(rows, n, &cap, sizeof *rows);
			rows[n] = (struct csv_row){ .line = r->line };
			if (r->sep == ' ')
				csv_words(r, &rows[n++]);
			else
				rc = csv_record(r, &rows[n++], err);
			k = r->i;
		}
		r->i = k + 1;   /* past the line feed */
		r->line++;
	}
	*out = rows;
	*nout = n;
	return rc;
}

/* A hint for a cell that holds semicolons in a file read as separated by
 * commas: the separator comes from the first line. */
static const char *sep_hint(const struct csv_reader *r, const char *c)
{
	return r->sep == ',' && strchr(c, ';') ? "; a file separated by semicolons needs one "
	       "in its first line" : "";
}

static bool cell_missing(const char *c)
{
	return !*c || strcmp(c, ".") == 0 || strcmp(c, "NA") == 0;
}

static bool cell_number(const struct csv_reader *r, const char *c, double *v)
{
	return anker_parse_number(c, strlen(c), r->sep == ';' || r->sep == '\t', v);
}

/* Names in the first column: all its cells non-numeric, every other cell
 * a number or missing. */
static bool csv_has_names(const struct csv_reader *r, const struct csv_row *rows, size_t n)
{
	double v;
	for (size_t i = 0; i < n; i++) {
		const char *first = rows[i].cells[0].s;
		if (cell_missing(first) || cell_number(r, first, &v))
			return false;
		for (size_t j = 1; j < rows[i].n; j++)
			if (!cell_missing(rows[i].cells[j].s) && !cell_number(r, rows[i].cells[j].s, &v))
				return false;
	}
	return true;
}

/* labels: each of d->labels to its category number. */
static int csv_value(const struct csv_reader *r, struct team_alpha_data *d,
                     struct anker_map *labels, const struct csv_cell *cell,
                     enum team_alpha_level level, size_t col, double *v, struct anker_err *err)
{
	const char *c = cell->s;
	if (cell_missing(c)) {
		*v = NAN;
		return ANKER_OK;
	}
	if (cell_number(r, c, v)) {
		if (level == TEAM_ALPHA_RATIO && *v < 0)
			return anker_err_set(err, ANKER_INPUT, "line %zu, column %zu: '%s': ratio "
			                     "data cannot be negative", cell->line, col, c);
		return ANKER_OK;
	}
	if (level != TEAM_ALPHA_NOMINAL)
		return anker_err_set(err, ANKER_INPUT, "line %zu, column %zu: '%s' is not a number "
		                     "(labels need --level nominal)%s", cell->line, col, c,
		                     sep_hint(r, c));
	/* A label becomes its category number; numbers and labels in one
	 * matrix are refused (csv_fill), so the two cannot collide. */
	size_t i = anker_map_get(labels, c, strlen(c));
	if (i == SIZE_MAX) {
		if ((d->nlabels & (d->nlabels - 1)) == 0)   /* 0, 1, 2, 4, …: double */
			d->labels = xreallocarray(d->labels, d->nlabels ? 2 * d->nlabels : 1,
			                          sizeof *d->labels);
		i = d->nlabels++;
		d->labels[i] = xstrdup(c);
		anker_map_put(labels, d->labels[i], strlen(c), i);
	}
	*v = (double)i;
	return ANKER_OK;
}

static int csv_fill(const struct csv_reader *r, struct team_alpha_data *d,
                    struct csv_row *rows, size_t n, size_t skip, enum team_alpha_level level,
                    struct anker_err *err)
{
	const struct csv_cell *number = NULL, *label = NULL;
	struct anker_map labels = {0};
	int rc = ANKER_OK;
	d->ncoders = n;
	d->nunits = rows[0].n - skip;
	d->values = xcalloc(n * d->nunits + 1, sizeof *d->values);
	d->coders = xcalloc(n, sizeof *d->coders);
	for (size_t i = 0; i < n && !rc; i++) {
		if (rows[i].n != rows[0].n) {
			rc = anker_err_set(err, ANKER_INPUT, "line %zu: %zu cells, but line %zu has %zu "
			                   "(cells separated by %s, as in line %zu)", rows[i].line,
			                   rows[i].n, rows[0].line, rows[0].n, sep_name(r->sep),
			                   rows[0].line);
			break;
		}
		if (skip) {
			d->coders[i] = xstrdup(rows[i].cells[0].s);
		} else {
			struct strbuf sb = {0};
			sb_addf(&sb, "%zu", i + 1);
			d->coders[i] = sb_steal(&sb);
		}
		for (size_t j = skip; j < rows[i].n && !rc; j++) {
			const struct csv_cell *cell = &rows[i].cells[j];
			double v = NAN, num;
			rc = csv_value(r, d, &labels, cell, level, j + 1, &v, err);
			if (!number && cell_number(r, cell->s, &num))
				number = cell;
			/* the example for the message: a cell with semicolons if any */
			if ((!label || !*sep_hint(r, label->s)) && !cell_missing(cell->s) &&
			    !cell_number(r, cell->s, &num))
				label = cell;
			d->values[i * d->nunits + j - skip] = v;
		}
	}
	anker_map_free(&labels);
	if (!rc && number && label)
		rc = anker_err_set(err, ANKER_INPUT, "numbers and labels mixed ('%s' in line %zu, "
		                   "'%s' in line %zu): give all values as numbers or all as labels%s",
		                   number->s, number->line, label->s, label->line, sep_hint(r, label->s));
	return rc;
}

int team_alpha_csv(const char *text, size_t len, enum team_alpha_level level, bool names,
                     struct team_alpha_data *out, struct anker_err *err)
{
	static const char bom[] = "\xEF\xBB\xBF";
	struct csv_reader r = { .s = text, .len = len, .line = 1 };
	if (len >= 3 && memcmp(text, bom, 3) == 0)
		r.i = 3;
	r.sep = csv_separator(text + r.i, len - r.i);
	struct csv_row *rows;
	size_t n;
	memset(out, 0, sizeof *out);
	int rc = csv_rows(&r, &rows, &n, err);
	if (!rc && n < 2)
		rc = anker_err_set(err, ANKER_INPUT, "%s: a reliability matrix needs a row per coder, "
		                   "at least two", n ? "only one row" : "no rows");
	else if (!rc && !names && csv_has_names(&r, rows, n))
		names = true;
	size_t skip = names ? 1 : 0;
	if (!rc && rows[0].n <= skip)
		rc = anker_err_set(err, ANKER_INPUT, "line %zu: no units (columns)", rows[0].line);
	if (!rc)
		rc = csv_fill(&r, out, rows, n, skip, level, err);
	rows_free(rows, n);
	if (rc)
		team_alpha_data_free(out);
	return rc;
}

void team_alpha_data_free(struct team_alpha_data *d)
{
	for (size_t i = 0; d->coders && i < d->ncoders; i++)
		free(d->coders[i]);
	for (size_t i = 0; d->labels && i < d->nlabels; i++)
		free(d->labels[i]);
	free(d->coders);
	free(d->labels);
	free(d->values);
	memset(d, 0, sizeof *d);
}
