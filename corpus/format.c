/* corpus/format.c — which reader a file needs (extension and content), and
 * what the readers share: paragraphs, notes, comments, ZIP and XML. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format_int.h"

/* What needs libzip and libxml2 (lazy/lazy.h), for the message when
 * they are missing. */
#define FMT_ZIP_WHAT "importing .docx and .odt documents"

/* Limits for ZIP members: a document.xml of a 2000-page book is ~20 MB. */
#define FMT_ZIP_MAX_MEMBER (256u << 20)

enum magic { MAGIC_NONE, MAGIC_ZIP, MAGIC_PDF, MAGIC_RTF, MAGIC_VTT, MAGIC_HTML };

struct format {
	const char *name;
	const char *exts;        /* ".a.b." */
	enum magic magic;        /* what the content must be (MAGIC_NONE: text) */
	fmt_reader *read;        /* NULL: text */
	const char *what;        /* for messages */
	bool decode;             /* text: --encoding and UTF-16 apply before the reader */
};

static const struct format formats[] = {
	{ "docx", ".docx.docm.", MAGIC_ZIP, fmt_docx_read, "a Word document (.docx)", false },
	{ "odt", ".odt.", MAGIC_ZIP, fmt_odt_read, "an OpenDocument text (.odt)", false },
	{ "rtf", ".rtf.", MAGIC_RTF, fmt_rtf_read, "an RTF file", false },
	{ "pdf", ".pdf.", MAGIC_PDF, fmt_pdf_read, "a PDF file", false },
	{ "srt", ".srt.", MAGIC_NONE, fmt_srt_read, "SubRip subtitles (.srt)", true },
	{ "vtt", ".vtt.", MAGIC_VTT, fmt_vtt_read, "WebVTT subtitles (.vtt)", true },
	{ "html", ".html.htm.xhtml.", MAGIC_NONE, fmt_html_read, "an HTML page", true },
	{ "text", ".txt.md.text.markdown.", MAGIC_NONE, NULL, "text", true },
};

#define NFORMATS (sizeof formats / sizeof *formats)
#define FMT_TEXT (&formats[NFORMATS - 1])

static const char *magic_what[] = {
	[MAGIC_NONE] = "text", [MAGIC_ZIP] = "a ZIP archive", [MAGIC_PDF] = "a PDF file",
	[MAGIC_RTF] = "an RTF file", [MAGIC_VTT] = "WebVTT subtitles", [MAGIC_HTML] = "an HTML page",
};

static bool starts_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && strncasecmp(s, prefix, n) == 0;
}

static enum magic sniff(const char *raw, size_t len)
{
	if (len >= 4 && memcmp(raw, "PK\x03\x04", 4) == 0)
		return MAGIC_ZIP;
	/* PDF readers accept the header anywhere in the first kilobyte. */
	size_t head = len < 1024 ? len : 1024;
	for (size_t i = 0; i + 5 <= head; i++)
		if (raw[i] == '%' && memcmp(raw + i, "%PDF-", 5) == 0)
			return MAGIC_PDF;
	size_t i = 0;
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (starts_ci(raw + i, len - i, "{\\rtf"))
		return MAGIC_RTF;
	if (len - i >= 6 && memcmp(raw + i, "WEBVTT", 6) == 0 &&
	    (len - i == 6 || (raw[i + 6] && strchr(" \t\r\n", raw[i + 6]))))
		return MAGIC_VTT;
	while (i < len && isspace((unsigned char)raw[i]))
		i++;
	if (starts_ci(raw + i, len - i, "<!doctype html") || starts_ci(raw + i, len - i, "<html"))
		return MAGIC_HTML;
	return MAGIC_NONE;
}

static const struct format *by_extension(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	if (!dot || dot == base || strlen(dot) > 12)
		return NULL;
	char ext[16];
	size_t n = strlen(dot);
	for (size_t i = 0; i < n; i++)
		ext[i] = (char)tolower((unsigned char)dot[i]);
	ext[n] = '.';
	ext[n + 1] = '\0';
	for (size_t k = 0; k < NFORMATS; k++)
		if (strstr(formats[k].exts, ext))
			return &formats[k];
	return NULL;
}

/* A ZIP is a .docx when it holds word/document.xml, an .odt when its
 * mimetype says so; NULL for another ZIP.  *damaged: it cannot be opened
 * (its reader will say why). */
static const struct format *zip_kind(const char *raw, size_t len, bool *damaged)
{
	zip_t *z;
	struct anker_err e = {0};
	const struct format *f = NULL;
	*damaged = fmt_zip_open(raw, len, &z, &e) != ANKER_OK;
	if (*damaged)
		return NULL;
	if (zip_name_locate(z, "word/document.xml", 0) >= 0) {
		f = &formats[0];
	} else {
		char *mt;
		size_t n;
		if (zip_name_locate(z, "mimetype", 0) >= 0 && !fmt_zip_read(z, "mimetype", &mt, &n, &e)) {
			if (strncmp(mt, "application/vnd.oasis.opendocument.text", 39) == 0)
				f = &formats[1];
			free(mt);
		}
	}
	zip_discard(z);
	return f;
}

/* No known extension: the content decides. */
static const struct format *format_by_content(const char *raw, size_t len, enum magic m,
                                              struct anker_err *err)
{
	bool damaged;
	const struct format *f = NULL;
	switch (m) {
	case MAGIC_ZIP:
		f = zip_kind(raw, len, &damaged);
		if (!f)
			anker_err_set(err, ANKER_INPUT, damaged ? "a damaged ZIP archive" :
			              "a ZIP archive that is neither a .docx nor an .odt document");
		return f;
	case MAGIC_PDF: return &formats[3];
	case MAGIC_RTF: return &formats[2];
	case MAGIC_VTT: return &formats[5];
	case MAGIC_HTML: return &formats[6];
	case MAGIC_NONE: break;
	}
	return FMT_TEXT;
}

/* The format to read raw with, or NULL with err set. */
static const struct format *format_of(const char *path, const char *raw, size_t len,
                                      struct anker_err *err)
{
	const struct format *f = by_extension(path);
	enum magic m = sniff(raw, len);
	bool damaged = false;

	if (!f)
		return format_by_content(raw, len, m, err);
	/* UTF-16 text has no signature to check before it is decoded. */
	if (f->decode && len >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') ||
	                              (raw[0] == '\xFE' && raw[1] == '\xFF')))
		return f;
	if (f->magic == MAGIC_ZIP && m == MAGIC_ZIP) {
		const struct format *k = zip_kind(raw, len, &damaged);
		if (damaged || k == f)
			return f;   /* a damaged one: its reader says what is wrong */
		anker_err_set(err, ANKER_INPUT, "not %s: its content is %s", f->what,
		              k ? k->what : "a ZIP archive of another kind");
		return NULL;
	}
	/* Text formats take text; HTML may be any text, .txt anything but the
	 * binary formats (a .txt holding RTF is imported as the text it is). */
	if (f->magic == m || (f->magic == MAGIC_NONE && m != MAGIC_ZIP && m != MAGIC_PDF) ||
	    (f == FMT_TEXT && len == 0))
		return f;
	if (m == MAGIC_NONE || m == MAGIC_HTML)
		anker_err_set(err, ANKER_INPUT, "not %s: it does not start with %s", f->what,
		              f->magic == MAGIC_PDF ? "%PDF-" : f->magic == MAGIC_RTF ? "{\\rtf" :
		              f->magic == MAGIC_VTT ? "WEBVTT" : "a ZIP signature (PK)");
	else
		anker_err_set(err, ANKER_INPUT, "not %s: its content is %s", f->what, magic_what[m]);
	return NULL;
}

/* ---------------------------------------------------------------------- */

static void comments_free(struct corpus_comment *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].author);
		free(c[i].date);
		free(c[i].text);
	}
	free(c);
}

void fmt_out_free(struct fmt_out *o)
{
	sb_free(&o->text);
	sb_free(&o->notes);
	comments_free(o->comments, o->ncomments);
	memset(o, 0, sizeof *o);
}

char *fmt_out_take(struct fmt_out *o, size_t *len)
{
	while (o->text.len && (o->text.buf[o->text.len - 1] == '\n' ||
	                       o->text.buf[o->text.len - 1] == ' '))
		o->text.len--;
	sb_addc(&o->text, '\0');
	*len = o->text.len - 1;
	char *s = sb_steal(&o->text);
	fmt_out_free(o);
	return s;
}

void fmt_para_end(struct fmt_out *o)
{
	sb_addc(&o->text, '\n');
}

static void roman(struct strbuf *sb, size_t n)
{
	static const char *const r[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix",
	                                 "v", "iv", "i" };
	static const size_t v[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	for (size_t k = 0; k < 13 && n; k++)
		while (n >= v[k]) {
			sb_adds(sb, r[k]);
			n -= v[k];
		}
}

void fmt_note_add(struct fmt_out *o, bool endnote, const char *text, size_t len)
{
	struct strbuf mark = {0};
	sb_addc(&mark, '[');
	if (endnote)
		roman(&mark, ++o->nend);
	else
		sb_addf(&mark, "%zu", ++o->nfoot);
	sb_addc(&mark, ']');
	sb_add(&o->text, mark.buf, mark.len);
	sb_add(&o->notes, mark.buf, mark.len);
	/* A note is one paragraph: its own paragraph breaks become spaces;
	 * the blanks after the word processor's own mark go. */
	while (len > 0 && text[len - 1] && strchr(" \t\n", text[len - 1]))
		len--;
	while (len > 0 && *text && strchr(" \t\n", *text))
		text++, len--;
	if (len)
		sb_addc(&o->notes, ' ');
	for (size_t i = 0; i < len; i++)
		sb_addc(&o->notes, text[i] == '\n' ? ' ' : text[i]);
	sb_addc(&o->notes, '\n');
	sb_free(&mark);
}

void fmt_comment_add(struct fmt_out *o, size_t start, size_t end, const char *author,
                     const char *date, const char *text)
{
	o->comments = xreallocarray(o->comments, o->ncomments + 1, sizeof *o->comments);
	struct corpus_comment *c = &o->comments[o->ncomments++];
	c->start = start;
	c->end = end < start ? start : end;
	c->author = xstrdup(author ? author : "");
	c->date = xstrdup(date ? date : "");
	c->text = xstrdup(text ? text : "");
}

void fmt_add_collapsed(struct fmt_out *o, const char *s)
{
	struct strbuf *sb = &o->text;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (sb->len > 0 && sb->buf[sb->len - 1] != ' ' && sb->buf[sb->len - 1] != '\n' &&
			    sb->buf[sb->len - 1] != '\t')
				sb_addc(sb, ' ');
		} else {
			sb_addc(sb, *s);
		}
	}
}

void fmt_table_row(struct fmt_out *o, xmlNodePtr row, bool (*is_cell)(xmlNodePtr),
                   void (*cell)(void *ctx, xmlNodePtr cell), void *ctx)
{
	bool first = true;
	for (xmlNodePtr c = row->children; c; c = c->next) {
		if (!is_cell(c))
			continue;
		if (!first)
			sb_addc(&o->text, '\t');
		first = false;
		size_t at = o->text.len;
		cell(ctx, c);
		/* The blank the cell's last paragraph left. */
		while (o->text.len > at && o->text.buf[o->text.len - 1] == ' ')
			o->text.len--;
	}
}

void fmt_add_cp(struct strbuf *sb, long cp)
{
	if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		sb_addc(sb, (char)cp);
	} else if (cp < 0x800) {
		sb_addc(sb, (char)(0xC0 | (cp >> 6)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sb_addc(sb, (char)(0xE0 | (cp >> 12)));
		sb_addc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		sb_addc(sb, (char)(0xF0 | (cp >> 18)));
		sb_addc(sb, (char)(0x80 | ((cp >> 12) & 0x3F)));
		sb_addc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

/* ---------------------------------------------------------------------- */
/* ZIP and XML */

int fmt_zip_open(const char *raw, size_t len, zip_t **z, struct anker_err *err)
{
	*z = NULL;
	if (lazy_zip_load(FMT_ZIP_WHAT, err))
		return err->status;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(raw, len, 0, &ze);
	*z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!*z) {
		anker_err_set(err, ANKER_INPUT, "damaged ZIP container: %s", zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
	}
	zip_error_fini(&ze);
	return *z ? ANKER_OK : ANKER_INPUT;
}

int fmt_zip_read(zip_t *z, const char *name, char **buf, size_t *len, struct anker_err *err)
{
	zip_stat_t zs;
	zip_int64_t i = zip_name_locate(z, name, 0);
	*buf = NULL;
	if (i < 0)
		return anker_err_set(err, ANKER_INPUT, "%s: missing from the ZIP container", name);
	if (zip_stat_index(z, (zip_uint64_t)i, 0, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE))
		return anker_err_set(err, ANKER_INPUT, "%s: %s", name, zip_strerror(z));
	if (zs.size > FMT_ZIP_MAX_MEMBER)
		return anker_err_set(err, ANKER_INPUT, "%s: too large (%llu bytes, at most %u)", name,
		                     (unsigned long long)zs.size, FMT_ZIP_MAX_MEMBER);
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
	if (!f)
		return anker_err_set(err, ANKER_INPUT, "%s: %s", name, zip_strerror(z));
	/* One byte more than announced: a member that lies about its size is
	 * caught instead of read without bound. */
	char *b = xmalloc(zs.size + 2);
	zip_int64_t got = zip_fread(f, b, zs.size + 1);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != zs.size) {
		free(b);
		return anker_err_set(err, ANKER_INPUT, "%s: damaged (not the size it announces)",
		                     name);
	}
	b[got] = '\0';
	*buf = b;
	*len = (size_t)got;
	return ANKER_OK;
}

int fmt_zip_xml(zip_t *z, const char *name, bool optional, xmlDocPtr *doc,
                struct anker_err *err)
{
	char *buf;
	size_t len;
	*doc = NULL;
	if (lazy_xml_load(FMT_ZIP_WHAT, err))
		return err->status;
	if (optional && zip_name_locate(z, name, 0) < 0)
		return ANKER_OK;
	int rc = fmt_zip_read(z, name, &buf, &len, err);
	if (rc)
		return rc;
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	if (!ctx) {
		free(buf);
		return anker_err_set(err, ANKER_NOMEM, "cannot set up the XML parser");
	}
	/* No entity expansion, no DTD, no network; errors come back here. */
	*doc = xmlCtxtReadMemory(ctx, buf, (int)len, name, NULL,
	                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(buf);
	if (!*doc) {
		const xmlError *e = xmlCtxtGetLastError(ctx);
		char msg[512];
		snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed");
		msg[strcspn(msg, "\n")] = '\0';
		rc = anker_err_set(err, ANKER_INPUT, "%s:%d:%d: malformed XML: %s", name,
		                   e ? e->line : 0, e ? e->int2 : 0, msg);
	}
	xmlFreeParserCtxt(ctx);
	return rc;
}

bool fmt_xml_is(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

char *fmt_xml_attr(xmlNodePtr n, const char *ns, const char *name)
{
	return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
}

/* ---------------------------------------------------------------------- */

void corpus_converted_free(struct corpus_converted *c)
{
	if (!c->borrowed)
		free(c->text);
	comments_free(c->comments, c->ncomments);
	memset(c, 0, sizeof *c);
}

int corpus_convert(const char *path, const char *raw, size_t len,
                   const struct corpus_import_opts *o, struct corpus_converted *out,
                   struct anker_err *err)
{
	static const struct corpus_import_opts none = {0};
	memset(out, 0, sizeof *out);
	if (!o)
		o = &none;
	/* A ZIP is looked into to tell a .docx from an .odt: a missing libzip
	 * is said as such, not as a damaged archive. */
	if (sniff(raw, len) == MAGIC_ZIP && lazy_zip_load(FMT_ZIP_WHAT, err))
		return err->status;
	const struct format *f = format_of(path, raw, len, err);
	if (!f)
		return err->status;
	out->format = f->name;
	if (!f->read) {
		int rc = corpus_decode(raw, len, o->encoding, o->lossy, &out->text, &out->len,
		                       &out->replaced, err);
		if (!rc && !out->text) {   /* no copy of a 100 MB transcript */
			out->text = (char *)raw;
			out->len = len;
			out->borrowed = true;
		}
		return rc;
	}
	struct fmt_out fo = {0};
	char *dec = NULL;
	size_t dlen = 0;
	int rc = f->decode ? corpus_decode(raw, len, o->encoding, o->lossy, &dec, &dlen,
	                                   &out->replaced, err) : ANKER_OK;
	fo.decoded = dec != NULL;
	/* Subtitles are text: invalid UTF-8 is refused (or repaired) here,
	 * where its offset is the file's. */
	if (!rc && f->decode && !dec && f->read != fmt_html_read) {
		struct corpus_norm norm;
		if (!(rc = corpus_normalize(raw, len, o->lossy, &norm, err))) {
			dec = norm.text;
			dlen = norm.len;
			out->replaced = norm.replaced;
		}
	}
	if (!rc)
		rc = f->read(dec ? dec : raw, dec ? dlen : len, o, &fo, err);
	free(dec);
	if (rc) {
		fmt_out_free(&fo);
		return rc;
	}
	/* Paragraphs end in LF; the last needs none.  Notes after the text,
	 * below a rule as on paper (which also ends the last speaker turn). */
	if (fo.text.len && fo.text.buf[fo.text.len - 1] == '\n')
		fo.text.len--;
	if (fo.notes.len) {
		sb_adds(&fo.text, "\n\n---\n");
		sb_add(&fo.text, fo.notes.buf, fo.notes.len - 1);
	}
	sb_addc(&fo.text, '\0');
	out->len = fo.text.len - 1;
	out->text = sb_steal(&fo.text);
	out->comments = fo.comments;
	out->ncomments = fo.ncomments;
	for (size_t i = 0; i < out->ncomments; i++) {
		if (out->comments[i].end > out->len)
			out->comments[i].end = out->len;
		if (out->comments[i].start > out->comments[i].end)
			out->comments[i].start = out->comments[i].end;
	}
	fo.comments = NULL;
	fo.ncomments = 0;
	fmt_out_free(&fo);
	return ANKER_OK;
}
