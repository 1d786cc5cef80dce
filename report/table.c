/* report/table.c — one table, six formats (SPEC §6). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "write.h"
#include "../corpus/corpus.h"

static const char *format_names[] = { "table", "tsv", "csv", "md", "latex", "json", "xlsx" };

int report_format_parse(const char *name)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *report_format_names(void)
{
	return "table|tsv|csv|md|latex|json|xlsx";
}

void report_table_init(struct report_table *t)
{
	memset(t, 0, sizeof *t);
}

/* The cells' text is kept in chunks of CHUNK bytes (a longer text in a
 * chunk of its own), freed with the table: a malloc and a free for each
 * cell were a tenth of listing 5,000 segments. */
#define CHUNK 65536

struct report_chunk {
	struct report_chunk *next;
	size_t used, cap;
	char buf[];
};

/* A copy of s[0..len) (up to a NUL in it, as strndup), owned by t. */
static char *cell_copy(struct report_table *t, const char *s, size_t len)
{
	len = strnlen(s, len);
	struct report_chunk *k = t->chunks;
	if (!k || k->cap - k->used <= len) {
		size_t cap = len < CHUNK ? CHUNK : len + 1;
		struct report_chunk *n = xmalloc(sizeof *n + cap);
		n->used = 0;
		n->cap = cap;
		if (k && cap > CHUNK) {   /* a long text: the open chunk stays open */
			n->next = k->next;
			k->next = n;
		} else {
			n->next = k;
			t->chunks = n;
		}
		k = n;
	}
	char *p = k->buf + k->used;
	memcpy(p, s, len);
	p[len] = '\0';
	k->used += len + 1;
	return p;
}

static void chunks_free(struct report_table *t)
{
	for (struct report_chunk *k = t->chunks, *next; k; k = next) {
		next = k->next;
		free(k);
	}
	t->chunks = NULL;
}

void report_table_free(struct report_table *t)
{
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->headers[i]);
		free(t->keys[i]);
	}
	chunks_free(t);
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

void report_table_reserve(struct report_table *t, size_t rows)
{
	if (rows > t->cap && t->ncols) {
		t->cap = rows;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
	}
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
		c->text = cell_copy(t, s, len);
}

void report_table_text(struct report_table *t, const char *s)
{
	report_table_textn(t, s, s ? strlen(s) : 0);
}

void report_table_int(struct report_table *t, int64_t v)
{
	/* Digits from the right, without snprintf (a call per cell). */
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	report_table_textn(t, p, (size_t)(buf + sizeof buf - p));
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
	c->text = text ? cell_copy(t, text, strlen(text)) : NULL;
	c->json = json ? cell_copy(t, json, strlen(json)) : NULL;
}

bool report_col_is_number(const struct report_table *t, size_t c)
{
	return t->types[c] == REPORT_COL_INT || t->types[c] == REPORT_COL_FLOAT;
}

static bool is_number(const struct report_table *t, size_t c)
{
	return report_col_is_number(t, c);
}

static const struct report_cell *cell(const struct report_table *t, size_t r, size_t c)
{
	return &t->cells[r * t->ncols + c];
}

/* The code's own name: the part of a path after its last " >> ". */
static const char *leaf_of(const char *path)
{
	for (const char *p = path; (p = strstr(p, " >> ")) != NULL; p += 4)
		path = p + 4;
	return path;
}

const char *report_shown(struct report_writer *w, size_t r, size_t c)
{
	const struct report_table *t = w->t;
	const char *s = cell(t, r, c)->text;
	if (!s) {
		bool machine = w->fmt == REPORT_CSV || w->fmt == REPORT_TSV || w->fmt == REPORT_XLSX;
		return is_number(t, c) && !machine ? "n/a" : "";
	}
	if (t->types[c] == REPORT_COL_PATH && w->o->leaf)
		return leaf_of(s);
	/* A decimal comma where asked for: numbers are kept with a point. */
	size_t len = strlen(s);
	const char *point = t->types[c] == REPORT_COL_FLOAT ? strchr(s, '.') : NULL;
	if (!point || !w->o->decimal_comma || len >= sizeof w->num)
		return s;
	memcpy(w->num, s, len + 1);
	w->num[point - s] = ',';
	return w->num;
}

const char *report_header(const struct report_writer *w, size_t c)
{
	if (w->o->leaf && w->t->types[c] == REPORT_COL_PATH && strcmp(w->t->headers[c], "Path") == 0)
		return "Name";
	return w->t->headers[c];
}

static const char *json_key_of(const struct report_writer *w, size_t c)
{
	if (w->o->leaf && w->t->types[c] == REPORT_COL_PATH && strcmp(w->t->keys[c], "path") == 0)
		return "name";
	return w->t->keys[c];
}

const char *report_table_cell(const struct report_table *t, size_t r, size_t c)
{
	static const struct report_write_opts plain;
	struct report_writer w = { .t = t, .fmt = REPORT_TABLE, .o = &plain };
	return report_shown(&w, r, c);   /* not from w.num: no decimal comma */
}

/* ---------------------------------------------------------------------- */
/* JSON */

/* Whether s is a JSON number as RFC 8259 spells it: a saved result made
 * under an old version may hold "2,34", which must not go out raw. */
static bool json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		s += strspn(s, "0123456789");
	else
		return false;
	if (*s == '.') {
		size_t n = strspn(++s, "0123456789");
		if (!n)
			return false;
		s += n;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		size_t n = strspn(s, "0123456789");
		if (!n)
			return false;
		s += n;
	}
	return *s == '\0';
}

static void write_json(struct report_writer *wr, struct strbuf *out)
{
	const struct report_table *t = wr->t;
	/* The array by hand, the rows with a writer each: a part knows the rows
	 * before it only by their number. */
	if (wr->head)
		sb_addc(out, '[');
	for (size_t r = 0; r < t->nrows; r++) {
		struct json_w w = { .out = out };
		sb_adds(out, wr->before + r ? ",\n  " : "\n  ");
		json_obj_begin(&w);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct report_cell *x = cell(t, r, c);
			json_key(&w, json_key_of(wr, c));
			if (x->json)
				json_raw(&w, x->json);
			else if (x->text && is_number(t, c) && json_number(x->text))
				json_raw(&w, x->text);
			else
				json_str(&w, x->text ? report_shown(wr, r, c) : NULL);
		}
		json_obj_end(&w);
	}
	if (wr->tail)
		sb_adds(out, wr->before + t->nrows ? "\n]\n" : "]\n");
}

/* ---------------------------------------------------------------------- */
/* Delimited and markup formats */

static void write_tsv_field(struct report_writer *w, struct strbuf *out, const char *s,
                            bool text)
{
	(void)w, (void)text;
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

static void write_quoted(struct strbuf *out, const char *s)
{
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

/* Whether Excel, opening a csv file, would take text s for something
 * else: a formula (= + - @ first: also a security hole), or a number,
 * date, time, fraction or percentage (nothing but digits, spaces and
 * . , : / - + % e E, with a digit): the code number 2.1 would become
 * 2 January, the range 9-11 9 November, 2.10 the number 2.1. */
static bool excel_would_convert(const char *s)
{
	bool digit = false;
	if (*s && strchr("=+-@", *s))
		return true;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (!strchr(" .,:/-+%eE", *s))
			return false;
	}
	return digit;
}

static void write_csv_field(struct report_writer *w, struct strbuf *out, const char *s,
                            bool text)
{
	struct strbuf protect = {0};
	if (w->o->excel && text && excel_would_convert(s)) {
		/* As a formula that yields the text: ="9-11" shows 9-11, kept as
		 * text, whatever the locale.  A formula's string holds at most
		 * 255 characters and no line break; longer text gets an
		 * apostrophe, which Excel shows, but never runs as a formula. */
		if (strlen(s) <= 255 && !strpbrk(s, "\r\n")) {
			sb_adds(&protect, "=\"");
			for (; *s; s++) {
				if (*s == '"')
					sb_addc(&protect, '"');
				sb_addc(&protect, *s);
			}
			sb_addc(&protect, '"');
		} else {
			sb_addf(&protect, "'%s", s);
		}
		s = sb_str(&protect);
	}
	if (strpbrk(s, w->o->excel ? ";\"\r\n" : ",\"\r\n"))
		write_quoted(out, s);
	else
		sb_adds(out, s);
	sb_free(&protect);
}

/* Markdown: the characters that would end the cell (|) or start markup
 * (emphasis, code, links, strike-through, HTML tags and entities) are
 * escaped with a backslash, and so is the backslash; a line break is
 * <br>. */
static void write_md_field(struct report_writer *w, struct strbuf *out, const char *s,
                           bool text)
{
	(void)w, (void)text;
	for (; *s; s++) {
		if (strchr("\\|*_`<[]~&", *s))
			sb_addc(out, '\\');
		if (*s == '\n')
			sb_adds(out, "<br>");
		else if (*s != '\r')
			sb_addc(out, *s);
	}
}

/* A field: text (a header or a text column) or a number. */
typedef void (*field_fn)(struct report_writer *, struct strbuf *, const char *, bool text);

static void write_delimited(struct report_writer *w, struct strbuf *out, field_fn fn,
                            const char *sep, const char *eol)
{
	const struct report_table *t = w->t;
	for (size_t c = 0; w->head && c < t->ncols; c++) {
		if (c)
			sb_adds(out, sep);
		fn(w, out, report_header(w, c), true);
	}
	if (w->head)
		sb_adds(out, eol);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, sep);
			fn(w, out, report_shown(w, r, c), !is_number(t, c));
		}
		sb_adds(out, eol);
	}
}

static void write_md_head(struct report_writer *w, struct strbuf *out)
{
	const struct report_table *t = w->t;
	sb_adds(out, "| ");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			sb_adds(out, " | ");
		write_md_field(w, out, report_header(w, c), true);
	}
	sb_adds(out, " |\n|");
	for (size_t c = 0; c < t->ncols; c++)
		sb_adds(out, is_number(t, c) ? " ---: |" : " --- |");
	sb_addc(out, '\n');
}

static void write_md(struct report_writer *w, struct strbuf *out)
{
	const struct report_table *t = w->t;
	if (w->head)
		write_md_head(w, out);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_adds(out, "| ");
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, " | ");
			write_md_field(w, out, report_shown(w, r, c), !is_number(t, c));
		}
		sb_adds(out, " |\n");
	}
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

static void write_aligned(struct report_writer *wr, struct strbuf *out)
{
	const struct report_table *t = wr->t;
	int max_width = wr->o->max_width;
	size_t n = (t->nrows + 1) * t->ncols;
	char **vis = xcalloc(n, sizeof *vis);
	int *w = xcalloc(n, sizeof *w);
	/* A later part keeps the first part's widths: what is wider pushes the
	 * rest of its row on. */
	int *colw = wr->colw ? wr->colw : xcalloc(t->ncols ? t->ncols : 1, sizeof *colw);
	size_t r0 = wr->head ? 0 : 1;   /* the header row */
	for (size_t r = r0; r <= t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c;
			const char *s = r ? report_shown(wr, r - 1, c) : report_header(wr, c);
			bool text = t->types[c] == REPORT_COL_TEXT || t->types[c] == REPORT_COL_PATH;
			vis[i] = visible_cell(s, text ? max_width : 0, r > 0 && t->types[c] == REPORT_COL_PATH,
			                      &w[i]);
			if (wr->head && w[i] > colw[c])
				colw[c] = w[i];
		}
	for (size_t r = r0; r <= t->nrows; r++) {
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
	if (colw != wr->colw)
		free(colw);
}

static void write_part(struct report_writer *w, struct strbuf *out)
{
	switch (w->fmt) {
	case REPORT_TABLE: write_aligned(w, out); break;
	case REPORT_TSV: write_delimited(w, out, write_tsv_field, "\t", "\n"); break;
	case REPORT_CSV:
		if (w->o->excel && w->head)
			sb_adds(out, "\xEF\xBB\xBF");   /* UTF-8 BOM: Excel reads the file as UTF-8 */
		write_delimited(w, out, write_csv_field, w->o->excel ? ";" : ",", "\r\n");
		break;
	case REPORT_MD: write_md(w, out); break;
	case REPORT_LATEX: report_latex_write(w, out); break;
	case REPORT_JSON: write_json(w, out); break;
	case REPORT_XLSX: break;   /* a binary file: report_xlsx_sheet */
	}
}

void report_table_write_opts(const struct report_table *t, enum report_format fmt,
                             const struct report_write_opts *o, struct strbuf *out)
{
	struct report_writer w = { .t = t, .fmt = fmt, .o = o, .head = true, .tail = true };
	write_part(&w, out);
}

void report_table_write(const struct report_table *t, enum report_format fmt, int max_width,
                        struct strbuf *out)
{
	struct report_write_opts o = { .max_width = max_width };
	report_table_write_opts(t, fmt, &o, out);
}

/* ---------------------------------------------------------------------- */
/* Tables written in parts */

bool report_format_streams(enum report_format fmt)
{
	return fmt != REPORT_LATEX && fmt != REPORT_XLSX;
}

void report_stream_write(struct report_stream *s, struct report_table *t, bool last,
                         struct strbuf *out)
{
	struct report_writer w = { .t = t, .fmt = s->fmt, .o = &s->o, .head = !s->started,
	                           .tail = last, .before = s->rows, .colw = s->colw };
	if (!s->colw && s->fmt == REPORT_TABLE)
		s->colw = w.colw = xcalloc(t->ncols + 1, sizeof *s->colw);
	write_part(&w, out);
	s->started = true;
	s->rows += t->nrows;
	chunks_free(t);
	t->nrows = 0;
}

void report_stream_free(struct report_stream *s)
{
	free(s->colw);
	s->colw = NULL;
}
