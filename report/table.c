/* report/table.c — one table, six formats (SPEC §6). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../corpus/corpus.h"

static const char *format_names[] = { "table", "tsv", "csv", "md", "latex", "json" };

int report_format_parse(const char *name)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *report_format_names(void)
{
	return "table|tsv|csv|md|latex|json";
}

void report_table_init(struct report_table *t)
{
	memset(t, 0, sizeof *t);
}

void report_table_free(struct report_table *t)
{
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->headers[i]);
		free(t->keys[i]);
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		free(t->cells[i].text);
		free(t->cells[i].json);
	}
	free(t->headers);
	free(t->keys);
	free(t->types);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

void report_table_col(struct report_table *t, const char *header, const char *key,
                      enum report_col_type type)
{
	t->headers = xreallocarray(t->headers, t->ncols + 1, sizeof *t->headers);
	t->keys = xreallocarray(t->keys, t->ncols + 1, sizeof *t->keys);
	t->types = xreallocarray(t->types, t->ncols + 1, sizeof *t->types);
	t->headers[t->ncols] = xstrdup(header);
	t->keys[t->ncols] = xstrdup(key);
	t->types[t->ncols] = type;
	t->ncols++;
}

void report_table_row(struct report_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
	}
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
	t->nrows++;
	t->cur = 0;
}

static struct report_cell *next_cell(struct report_table *t)
{
	if (t->nrows == 0 || t->cur >= t->ncols)
		return NULL;   /* a programming error; ignore rather than corrupt */
	return &t->cells[(t->nrows - 1) * t->ncols + t->cur++];
}

void report_table_textn(struct report_table *t, const char *s, size_t len)
{
	struct report_cell *c = next_cell(t);
	if (c && s)
		c->text = xstrndup(s, len);
}

void report_table_text(struct report_table *t, const char *s)
{
	report_table_textn(t, s, s ? strlen(s) : 0);
}

void report_table_int(struct report_table *t, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	report_table_text(t, buf);
}

void report_table_float(struct report_table *t, double v, int decimals)
{
	char buf[REPORT_NUMBER_MAX];
	report_table_text(t, isfinite(v) ? report_number(buf, v, decimals, 0) : NULL);
}

void report_table_json(struct report_table *t, const char *text, const char *json)
{
	struct report_cell *c = next_cell(t);
	if (!c)
		return;
	c->text = text ? xstrdup(text) : NULL;
	c->json = json ? xstrdup(json) : NULL;
}

static bool is_number(const struct report_table *t, size_t c)
{
	return t->types[c] == REPORT_COL_INT || t->types[c] == REPORT_COL_FLOAT;
}

static const struct report_cell *cell(const struct report_table *t, size_t r, size_t c)
{
	return &t->cells[r * t->ncols + c];
}

/* A cell as a format shows it: a missing number (0/0) is "n/a" where
 * people read it, empty in csv and tsv (JSON writes null itself). */
static const char *cell_shown(const struct report_table *t, size_t r, size_t c,
                              enum report_format fmt)
{
	const char *s = cell(t, r, c)->text;
	if (s)
		return s;
	return is_number(t, c) && fmt != REPORT_CSV && fmt != REPORT_TSV ? "n/a" : "";
}

const char *report_table_cell(const struct report_table *t, size_t r, size_t c)
{
	return cell_shown(t, r, c, REPORT_TABLE);
}

/* ---------------------------------------------------------------------- */
/* JSON */

static void write_json(const struct report_table *t, struct strbuf *out)
{
	struct json_w w = { .out = out };
	json_arr_begin(&w);
	for (size_t r = 0; r < t->nrows; r++) {
		json_break(&w, "\n  ");
		json_obj_begin(&w);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct report_cell *x = cell(t, r, c);
			json_key(&w, t->keys[c]);
			if (x->json)
				json_raw(&w, x->json);
			else if (x->text && is_number(t, c) && *x->text)
				json_raw(&w, x->text);
			else
				json_str(&w, x->text);
		}
		json_obj_end(&w);
	}
	if (t->nrows)
		json_break(&w, "\n");
	json_arr_end(&w);
	sb_addc(out, '\n');
}

/* ---------------------------------------------------------------------- */
/* Delimited and markup formats */

static void write_tsv_field(struct strbuf *out, const char *s)
{
	for (;;) {
		size_t run = strcspn(s, "\t\n\r\\");   /* copied as is, in one piece */
		sb_add(out, s, run);
		s += run;
		switch (*s) {
		case '\0': return;
		case '\t': sb_adds(out, "\\t"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		default: sb_adds(out, "\\\\"); break;
		}
		s++;
	}
}

static void write_csv_field(struct strbuf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sb_adds(out, s);
		return;
	}
	sb_addc(out, '"');
	for (;;) {
		size_t run = strcspn(s, "\"");
		sb_add(out, s, run);
		s += run;
		if (!*s)
			break;
		sb_adds(out, "\"\"");
		s++;
	}
	sb_addc(out, '"');
}

/* Markdown: the characters that would end the cell (|) or start markup
 * (emphasis, code, links, strike-through, HTML tags and entities) are
 * escaped with a backslash, and so is the backslash; a line break is
 * <br>. */
static void write_md_field(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\|*_`<[]~&", *s))
			sb_addc(out, '\\');
		if (*s == '\n')
			sb_adds(out, "<br>");
		else if (*s != '\r')
			sb_addc(out, *s);
	}
}

static void write_latex_field(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': case '%': case '$': case '#': case '_': case '{': case '}':
			sb_addc(out, '\\');
			sb_addc(out, *s);
			break;
		case '~': sb_adds(out, "\\textasciitilde{}"); break;
		case '^': sb_adds(out, "\\textasciicircum{}"); break;
		case '\\': sb_adds(out, "\\textbackslash{}"); break;
		case '\n': case '\r': case '\t': sb_addc(out, ' '); break;
		default: sb_addc(out, *s);
		}
	}
}

typedef void (*field_fn)(struct strbuf *, const char *);

static void write_delimited(const struct report_table *t, enum report_format fmt,
                            struct strbuf *out, field_fn fn, const char *sep, const char *eol)
{
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			sb_adds(out, sep);
		fn(out, t->headers[c]);
	}
	sb_adds(out, eol);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, sep);
			fn(out, cell_shown(t, r, c, fmt));
		}
		sb_adds(out, eol);
	}
}

static void write_md(const struct report_table *t, struct strbuf *out)
{
	sb_adds(out, "| ");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			sb_adds(out, " | ");
		write_md_field(out, t->headers[c]);
	}
	sb_adds(out, " |\n|");
	for (size_t c = 0; c < t->ncols; c++)
		sb_adds(out, is_number(t, c) ? " ---: |" : " --- |");
	sb_addc(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		sb_adds(out, "| ");
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, " | ");
			write_md_field(out, cell_shown(t, r, c, REPORT_MD));
		}
		sb_adds(out, " |\n");
	}
}

static void write_latex(const struct report_table *t, struct strbuf *out)
{
	sb_adds(out, "\\begin{tabular}{");
	for (size_t c = 0; c < t->ncols; c++)
		sb_addc(out, is_number(t, c) ? 'r' : 'l');
	sb_adds(out, "}\n\\toprule\n");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			sb_adds(out, " & ");
		write_latex_field(out, t->headers[c]);
	}
	sb_adds(out, " \\\\\n\\midrule\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, " & ");
			write_latex_field(out, cell_shown(t, r, c, REPORT_LATEX));
		}
		sb_adds(out, " \\\\\n");
	}
	sb_adds(out, "\\bottomrule\n\\end{tabular}\n");
}

/* ---------------------------------------------------------------------- */
/* Aligned text for people: every cell is made visible first (one line, no
 * control characters), then measured with the one width function. */

/* The last part of vis that fits in max_width - 1 columns, after "…":
 * for paths, whose end (the code itself) matters most. */
static void cut_left(struct strbuf *vis, int max_width, int *w)
{
	size_t skip = 0;
	int cols = *w;
	while (cols > max_width - 1 && skip < vis->len) {
		int c1;
		size_t n = corpus_utf8_fit(vis->buf + skip, vis->len - skip, 0, 1, &c1);
		if (n == 0)   /* a wide character: take it whole */
			n = corpus_utf8_fit(vis->buf + skip, vis->len - skip, 0, 2, &c1);
		skip += n ? n : 1;
		cols -= c1;
	}
	struct strbuf out = {0};
	sb_adds(&out, "…");
	sb_add(&out, vis->buf + skip, vis->len - skip);
	sb_free(vis);
	*vis = out;
	*w = cols + 1;
}

static char *visible_cell(const char *s, int max_width, bool left, int *width)
{
	struct strbuf flat = {0}, vis = {0};
	for (const char *p = s; *p; p++)
		sb_addc(&flat, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
	corpus_utf8_visible(&vis, sb_str(&flat), flat.len, false, false);
	sb_free(&flat);
	int w = corpus_utf8_width(sb_str(&vis), vis.len);
	if (left && max_width > 1 && w > max_width) {
		cut_left(&vis, max_width, &w);
	} else if (max_width > 1 && w > max_width) {
		int cols;
		size_t n = corpus_utf8_fit(sb_str(&vis), vis.len, 0, max_width - 1, &cols);
		vis.len = n;
		vis.buf[n] = '\0';
		sb_adds(&vis, "…");
		w = cols + 1;
	}
	*width = w;
	return sb_steal(&vis);
}

static void pad(struct strbuf *out, int n)
{
	for (; n > 0; n--)
		sb_addc(out, ' ');
}

static void write_aligned(const struct report_table *t, int max_width, struct strbuf *out)
{
	size_t n = (t->nrows + 1) * t->ncols;
	char **vis = xcalloc(n, sizeof *vis);
	int *w = xcalloc(n, sizeof *w);
	int *colw = xcalloc(t->ncols ? t->ncols : 1, sizeof *colw);
	for (size_t r = 0; r <= t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c;
			const char *s = r ? cell_shown(t, r - 1, c, REPORT_TABLE) : t->headers[c];
			bool text = t->types[c] == REPORT_COL_TEXT || t->types[c] == REPORT_COL_PATH;
			vis[i] = visible_cell(s, text ? max_width : 0, r > 0 && t->types[c] == REPORT_COL_PATH,
			                      &w[i]);
			if (w[i] > colw[c])
				colw[c] = w[i];
		}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c;
			bool right = (t->types[c] == REPORT_COL_INT || t->types[c] == REPORT_COL_FLOAT) && r > 0;
			bool last = c + 1 == t->ncols;
			if (c)
				sb_adds(out, "  ");
			if (right)
				pad(out, colw[c] - w[i]);
			sb_adds(out, vis[i]);
			if (!right && !last)
				pad(out, colw[c] - w[i]);
		}
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < n; i++)
		free(vis[i]);
	free(vis);
	free(w);
	free(colw);
}

void report_table_write(const struct report_table *t, enum report_format fmt, int max_width,
                        struct strbuf *out)
{
	switch (fmt) {
	case REPORT_TABLE: write_aligned(t, max_width, out); break;
	case REPORT_TSV: write_delimited(t, fmt, out, write_tsv_field, "\t", "\n"); break;
	case REPORT_CSV: write_delimited(t, fmt, out, write_csv_field, ",", "\r\n"); break;
	case REPORT_MD: write_md(t, out); break;
	case REPORT_LATEX: write_latex(t, out); break;
	case REPORT_JSON: write_json(t, out); break;
	}
}
