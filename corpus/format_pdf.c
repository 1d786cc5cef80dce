/* corpus/format_pdf.c — the text layer of a PDF, with poppler (glib API).
 *
 * poppler gives each page's text in reading order, a line per line of the
 * page, and a rectangle per character.  Pieces of text on one baseline
 * (table cells, text after a tab stop) become one line, separated by a
 * tab where a gap stands between them.  Lines then become paragraphs, as
 * a reader sees them: a line continues the paragraph of the line before
 * unless
 *   - the line before ended short: the first word of this line would have
 *     fitted on it (the widest line of the document is the right margin);
 *   - the space between them is clearly more than between the lines of a
 *     paragraph (1.3 times the document's usual line distance), or the
 *     page changed and the line before ended short;
 *   - this line starts a speaker turn or with a timestamp ("I: ...").
 * A word hyphenated at a line end is joined ("Verwaltungs-" "digitali-
 * sierung"); before a capital the hyphen stays ("E-" "Akte"), and before
 * "und", "oder", ... it stays with a space ("Bau- und Planungsämter").
 * A line that is only a page number, first or last on its page, goes.
 *
 * poppler-glib and the ~65 libraries under it (cairo, NSS, X11, ...) cost
 * 7 ms of startup, which every command paid though few ever import a PDF.
 * So it is not linked: its header gives the types, and the first PDF
 * loads the library (PDF_LIB, its SONAME, found by the Makefile) and
 * looks up the functions below.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>
#include <utf8proc.h>

#include "format_int.h"

#ifndef PDF_LIB
#define PDF_LIB "libpoppler-glib.so.8"
#endif
#ifndef PDF_PACKAGE
#define PDF_PACKAGE "libpoppler-glib8"
#endif

/* Each function the reader calls: our name, poppler's or glib's.  The
 * glib ones come through the same handle, as poppler-glib depends on glib.
 * The types are taken from the headers (__typeof__), so a wrong signature
 * cannot compile. */
#define PDF_FUNCS(X) \
	X(doc_new, poppler_document_new_from_bytes) \
	X(doc_pages, poppler_document_get_n_pages) \
	X(doc_page, poppler_document_get_page) \
	X(page_text, poppler_page_get_text) \
	X(page_layout, poppler_page_get_text_layout) \
	X(error_quark, poppler_error_quark) \
	X(bytes_new, g_bytes_new_static) \
	X(bytes_unref, g_bytes_unref) \
	X(utf8_len, g_utf8_strlen) \
	X(error_clear, g_clear_error) \
	X(mem_free, g_free) \
	X(object_unref, g_object_unref)

#define PDF_MEMBER(ours, theirs) __typeof__(theirs) *ours;
static struct {
	bool loaded;
	PDF_FUNCS(PDF_MEMBER)
} pdf;

/* Load poppler-glib once, on the first PDF; a failure is reported each
 * time (the library may have been installed since). */
static int pdf_load(struct anker_err *err)
{
#define PDF_NAME(ours, theirs) #theirs,
#define PDF_COPY(ours, theirs) memcpy(&pdf.ours, &fns[i++], sizeof fns[0]);
	static const char *const names[] = { PDF_FUNCS(PDF_NAME) };
	enum { N = sizeof names / sizeof names[0] };
	void *fns[N];
	size_t i = 0;
	if (pdf.loaded)
		return ANKER_OK;
	int rc = lazy_lib_load(PDF_LIB, PDF_PACKAGE, "PDF import", names, fns, N, err);
	if (rc)
		return rc;
	/* dlsym gives a void *; POSIX lets it hold a function's address. */
	PDF_FUNCS(PDF_COPY)
	pdf.loaded = true;
	return ANKER_OK;
#undef PDF_NAME
#undef PDF_COPY
}

struct pline {
	int page;
	double x1, x2, y1, y2;
	double word1;             /* width of the first word */
	struct strbuf text;
	bool last_on_page, first_on_page;
};

struct lines {
	struct pline *v;
	size_t n, cap;
};

static struct pline *line_new(struct lines *ls, int page)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? 2 * ls->cap : 64;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof *ls->v);
	}
	struct pline *l = &ls->v[ls->n++];
	memset(l, 0, sizeof *l);
	l->page = page;
	return l;
}

/* Width of the first word of s (chars from rects r), or of all of it. */
static double first_word(const char *s, size_t len, const PopplerRectangle *r, size_t nr)
{
	size_t k = 0, i = 0;
	while (i < len && s[i] == ' ')
		i++, k++;
	size_t start = k;
	while (i < len && s[i] != ' ') {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k++;
	}
	if (k == start || k > nr)
		return 0;
	return r[k - 1].x2 - r[start].x1;
}

/* One piece of poppler's text (bytes s[0..len), its characters' rects
 * r[0..nc)): a new line, or more of the line on the same baseline. */
static void piece_add(struct lines *ls, int page, const char *s, size_t len,
                      const PopplerRectangle *r, size_t nc)
{
	while (len > 0 && s[len - 1] == ' ')
		len--, nc--;
	size_t lead = 0;
	while (lead < len && s[lead] == ' ')
		lead++;
	if (lead == len || nc == 0 || nc <= lead)
		return;
	double x1 = r[lead].x1, x2 = r[nc - 1].x2, y1 = r[lead].y1, y2 = r[lead].y2;
	struct pline *l = ls->n ? &ls->v[ls->n - 1] : NULL;
	double h = y2 - y1 > 1 ? y2 - y1 : 1;
	if (l && l->page == page && fabs(l->y1 - y1) < 0.4 * h && x1 > l->x2) {
		/* The same baseline: a table cell or text after a tab stop. */
		sb_addc(&l->text, x1 - l->x2 > 0.5 * h ? '\t' : ' ');
		sb_add(&l->text, s + lead, len - lead);
		l->x2 = x2;
		return;
	}
	l = line_new(ls, page);
	/* Symbol fonts' glyphs (list bullets) come as private-use code
	 * points, which mean nothing as text. */
	for (size_t i = lead; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b == 0xEE || (b == 0xEF && i + 1 < len && (unsigned char)s[i + 1] < 0xA4)) &&
		    i + 2 < len) {
			i += 2;
			continue;
		}
		if (l->text.len || b != ' ')
			sb_addc(&l->text, (char)b);
	}
	l->x1 = x1;
	l->x2 = x2;
	l->y1 = y1;
	l->y2 = y2;
	l->word1 = first_word(s + lead, len - lead, r + lead, nc - lead);
	if (l->text.len == 0)
		ls->n--;
}

static int page_lines(PopplerPage *p, int page, struct lines *ls)
{
	char *text = pdf.page_text(p);
	PopplerRectangle *rects = NULL;
	guint nr = 0;
	size_t first = ls->n;
	if (!text)
		return ANKER_OK;
	if (!pdf.page_layout(p, &rects, &nr))
		nr = 0;
	size_t k = 0;   /* rect of the current character */
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t nc = (size_t)pdf.utf8_len(s, (gssize)len);
		if (k + nc <= nr)
			piece_add(ls, page, s, len, rects + k, nc);
		k += nc + (nl ? 1 : 0);
		s += len + (nl ? 1 : 0);
	}
	if (ls->n > first) {
		ls->v[first].first_on_page = true;
		ls->v[ls->n - 1].last_on_page = true;
	}
	pdf.mem_free(rects);
	pdf.mem_free(text);
	return ANKER_OK;
}

static bool page_number(const struct pline *l)
{
	if (!l->first_on_page && !l->last_on_page)
		return false;
	if (l->text.len == 0 || l->text.len > 4)
		return false;
	for (size_t i = 0; i < l->text.len; i++)
		if (l->text.buf[i] < '0' || l->text.buf[i] > '9')
			return false;
	return true;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The usual distance between the baselines of consecutive lines. */
static double line_step(const struct lines *ls)
{
	double *d = xmalloc((ls->n ? ls->n : 1) * sizeof *d);
	size_t n = 0;
	for (size_t i = 1; i < ls->n; i++)
		if (ls->v[i].page == ls->v[i - 1].page && ls->v[i].y1 > ls->v[i - 1].y1)
			d[n++] = ls->v[i].y1 - ls->v[i - 1].y1;
	qsort(d, n, sizeof *d, cmp_double);
	double m = n ? d[n / 2] : 0;
	free(d);
	return m;
}

static bool new_paragraph(const struct pline *a, const struct pline *b, double right,
                          double step)
{
	const char *s = b->text.buf;
	size_t len = b->text.len, lab;
	const char *label;
	long t0, t1;
	if (corpus_line_speaker(s, len, &label, &lab, NULL) ||
	    corpus_timestamp_parse(s, len, &t0, &t1))
		return true;
	bool short_line = a->x2 + b->word1 < right - 1;
	if (a->page != b->page)
		return short_line;
	return short_line || (step > 0 && b->y1 - a->y1 > 1.3 * step);
}

static bool hyphen_keeps_space(const char *s, size_t len)
{
	static const char *const words[] = { "und", "oder", "bis", "sowie", "als", "wie", "noch",
	                                     "bzw.", "and", "or", "to", "nor" };
	size_t n = 0;
	while (n < len && s[n] != ' ' && s[n] != ',')
		n++;
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (strlen(words[k]) == n && memcmp(words[k], s, n) == 0)
			return true;
	return false;
}

/* Append line b to the paragraph in out (which ends with line a). */
static void line_join(struct strbuf *out, const struct pline *b)
{
	const char *s = b->text.buf;
	size_t len = b->text.len;
	int32_t c0 = 0, prev = 0;
	utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c0);
	bool hyphen = out->len >= 2 && out->buf[out->len - 1] == '-';
	if (hyphen) {
		size_t k = out->len - 1;
		while (k > 0 && ((unsigned char)out->buf[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > 0)
			utf8proc_iterate((const utf8proc_uint8_t *)out->buf + k - 1,
			                 (utf8proc_ssize_t)(out->len - k + 1), &prev);
	}
	bool letter_before = prev && utf8proc_category(prev) >= UTF8PROC_CATEGORY_LU &&
	                     utf8proc_category(prev) <= UTF8PROC_CATEGORY_LO;
	if (hyphen && letter_before && utf8proc_category(c0) == UTF8PROC_CATEGORY_LL &&
	    !hyphen_keeps_space(s, len))
		out->len--;               /* "Verwaltungs-" "digitalisierung" */
	else if (!(hyphen && letter_before && !hyphen_keeps_space(s, len)))
		sb_addc(out, ' ');        /* an ordinary line end; "Bau- und" */
	sb_add(out, s, len);          /* else "E-" "Akte" */
}

static void paragraphs(struct lines *ls, struct fmt_out *out)
{
	double right = 0, step = line_step(ls);
	for (size_t i = 0; i < ls->n; i++)
		if (ls->v[i].x2 > right)
			right = ls->v[i].x2;
	const struct pline *prev = NULL;
	for (size_t i = 0; i < ls->n; i++) {
		const struct pline *l = &ls->v[i];
		if (page_number(l))
			continue;
		if (prev && new_paragraph(prev, l, right, step))
			fmt_para_end(out);
		if (prev && out->text.len && out->text.buf[out->text.len - 1] != '\n')
			line_join(&out->text, l);
		else
			sb_add(&out->text, l->text.buf, l->text.len);
		prev = l;
	}
	fmt_para_end(out);
}

int fmt_pdf_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                 struct fmt_out *out, struct anker_err *err)
{
	GError *ge = NULL;
	(void)o;
	int rc = pdf_load(err);
	if (rc != ANKER_OK)
		return rc;
	GBytes *bytes = pdf.bytes_new(raw, len);
	PopplerDocument *doc = pdf.doc_new(bytes, NULL, &ge);
	if (!doc) {
		rc = ge && ge->domain == pdf.error_quark() && ge->code == POPPLER_ERROR_ENCRYPTED ?
		         anker_err_set(err, ANKER_INPUT, "encrypted PDF (it needs a password; "
		                       "save a copy without one)") :
		         anker_err_set(err, ANKER_INPUT, "damaged PDF: %s",
		                       ge ? ge->message : "poppler cannot read it");
		pdf.error_clear(&ge);
		pdf.bytes_unref(bytes);
		return rc;
	}
	struct lines ls = {0};
	int pages = pdf.doc_pages(doc);
	for (int i = 0; i < pages; i++) {
		PopplerPage *p = pdf.doc_page(doc, i);
		if (p) {
			page_lines(p, i, &ls);
			pdf.object_unref(p);
		}
	}
	pdf.object_unref(doc);
	pdf.bytes_unref(bytes);
	if (ls.n == 0)
		rc = anker_err_set(err, ANKER_INPUT, "the PDF has no text layer (%d page%s without text: "
		                   "a scan? run OCR first, e.g. ocrmypdf)", pages, pages == 1 ? "" : "s");
	else
		paragraphs(&ls, out);
	for (size_t i = 0; i < ls.n; i++)
		sb_free(&ls.v[i].text);
	free(ls.v);
	return rc;
}
