/* corpus/format_rtf.c — Rich Text Format, as word processors and the f4/f5
 * transcription programs write it.  Hand-written (no Debian library reads
 * RTF into text), so fuzzed: tests/fuzz/fuzz_rtf.c.
 *
 * Text comes from plain characters, \'xx bytes in the code page of the
 * document (\ansicpgN, \ansi, \mac, \pc) or of the current font's
 * character set (\fcharsetN in the font table), and \uN code points whose
 * fallback (\ucN characters) is skipped.  \par and \sect end paragraphs,
 * \line is a line end, \tab a tab, \~ a non-breaking space; table cells
 * are separated by tabs and \row ends the row.  Hidden text (\v), deleted
 * revisions (\deleted) and destinations that are not text (font and
 * colour tables, style sheet, info, pictures, headers and footers, field
 * instructions, list numbers, every unknown \* destination) are skipped.
 * \footnote (with \ftnalt: an endnote) follows the text; \annotation is a
 * comment on the range between \atrfstart and \atrfend with its id.
 *
 * Damaged input: "byte N: ..." for a '}' that closes nothing, groups
 * nested too deeply, a \bin longer than the file, or a file that ends
 * inside a group (truncated).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_int.h"

#define RTF_MAX_DEPTH 512
#define RTF_MAX_FONTS 1024
#define RTF_MAX_MARKS 1024

enum dest {
	D_TEXT,          /* the body, or a note or annotation being collected */
	D_SKIP,
	D_FONTTBL,
	D_FOOTNOTE,
	D_ANNOTATION,
	D_ATNAUTHOR,     /* small destinations whose text is a value */
	D_ATNREF,
	D_ATRFSTART,
	D_ATRFEND,
};

struct state {
	enum dest dest;        /* D_TEXT, D_SKIP or D_FONTTBL: what content is */
	enum dest opened;      /* the destination this group opened (finished at
	                        * its '}'), D_TEXT for none */
	bool star;             /* \* seen: the next control word is ignorable */
	bool first;            /* no control word yet in this group */
	bool hidden, deleted;
	int uc;                /* \ucN: fallback characters after \uN */
	unsigned cp;           /* code page of \'xx */
	struct strbuf *out;    /* where text goes */
	bool endnote;          /* in a footnote: \ftnalt */
};

struct font {
	long num;
	unsigned cp;
};

struct mark {
	long id;
	size_t pos;
};

struct rtf {
	const unsigned char *s;
	size_t len, i;
	struct fmt_out *o;
	struct state st[RTF_MAX_DEPTH + 1];
	int depth;
	unsigned ansicpg;
	long deff, font_num;      /* \deffN; the font being defined in fonttbl */
	struct font fonts[RTF_MAX_FONTS];
	size_t nfonts;
	long skip;                /* fallback characters still to skip */
	long high;                /* a pending high surrogate, or 0 */
	struct strbuf bytes;      /* \'xx bytes waiting for their code page */
	unsigned bytes_cp;
	iconv_t cd;
	unsigned cd_cp;
	struct strbuf note, annot, value;   /* collected destinations */
	char author[256];
	long atnref;
	struct mark starts[RTF_MAX_MARKS], ends[RTF_MAX_MARKS];
	size_t nstarts, nends;
	struct anker_err *err;
};

/* ---------------------------------------------------------------------- */
/* Code pages */

static unsigned charset_cp(long charset, unsigned ansicpg)
{
	static const struct { long cs; unsigned cp; } map[] = {
		{ 77, 10000 }, { 128, 932 }, { 129, 949 }, { 130, 1361 }, { 134, 936 },
		{ 136, 950 }, { 161, 1253 }, { 162, 1254 }, { 163, 1258 }, { 177, 1255 },
		{ 178, 1256 }, { 186, 1257 }, { 204, 1251 }, { 222, 874 }, { 238, 1250 },
		{ 254, 437 }, { 255, 850 },
	};
	for (size_t k = 0; k < sizeof map / sizeof *map; k++)
		if (map[k].cs == charset)
			return map[k].cp;
	return ansicpg;   /* 0 ANSI, 1 default, 2 symbol: the document's */
}

static const char *cp_name(unsigned cp, char buf[16])
{
	if (cp == 10000)
		return "MACINTOSH";
	if (cp == 65001)
		return "UTF-8";
	snprintf(buf, 16, "CP%u", cp);
	return buf;
}

/* iconv for cp, or for CP1252 when iconv does not know cp. */
static iconv_t cd_for(struct rtf *r, unsigned cp)
{
	char buf[16];
	if (r->cd != (iconv_t)-1 && r->cd_cp == cp)
		return r->cd;
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	r->cd = iconv_open("UTF-8", cp_name(cp, buf));
	if (r->cd == (iconv_t)-1)
		r->cd = iconv_open("UTF-8", "CP1252");
	r->cd_cp = cp;
	return r->cd;
}

static struct strbuf *out_of(struct rtf *r)
{
	return r->st[r->depth].out;
}

static bool dropped(struct rtf *r)
{
	const struct state *s = &r->st[r->depth];
	return s->dest == D_SKIP || s->dest == D_FONTTBL || s->hidden || s->deleted;
}

/* Decode the waiting \'xx bytes into the output; a byte the code page
 * does not define becomes U+FFFD, a NUL nothing. */
static void bytes_flush(struct rtf *r)
{
	if (!r->bytes.len)
		return;
	iconv_t cd = cd_for(r, r->bytes_cp);
	struct strbuf *out = out_of(r);
	char *in = r->bytes.buf;
	size_t left = r->bytes.len;
	while (left > 0) {
		char buf[256], *o = buf;
		size_t room = sizeof buf;
		size_t rc = cd == (iconv_t)-1 ? (size_t)-1 : iconv(cd, &in, &left, &o, &room);
		for (char *p = buf; p < o; p++)
			if (*p)
				sb_addc(out, *p);
		if (rc == (size_t)-1 && (cd == (iconv_t)-1 || errno != E2BIG)) {
			sb_add(out, "\xEF\xBF\xBD", 3);
			in++;
			left--;
			if (cd != (iconv_t)-1)
				iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	r->bytes.len = 0;
}

/* A high surrogate that no low one followed. */
static void high_flush(struct rtf *r)
{
	if (!r->high)
		return;
	r->high = 0;
	if (!dropped(r))
		fmt_add_cp(out_of(r), 0xFFFD);
}

/* Text: a byte in the current code page (or ASCII). */
static void emit_byte(struct rtf *r, unsigned char b)
{
	if (r->skip > 0) {
		r->skip--;
		return;
	}
	high_flush(r);
	if (dropped(r) || b == 0)
		return;
	if (b < 0x80 && !r->bytes.len) {
		sb_addc(out_of(r), (char)b);
		return;
	}
	unsigned cp = r->st[r->depth].cp ? r->st[r->depth].cp : r->ansicpg;
	if (r->bytes.len && r->bytes_cp != cp)
		bytes_flush(r);
	r->bytes_cp = cp;
	sb_addc(&r->bytes, (char)b);
}

static void emit_cp(struct rtf *r, long cp)
{
	bytes_flush(r);
	high_flush(r);
	if (!dropped(r))
		fmt_add_cp(out_of(r), cp);
}

static void emit_str(struct rtf *r, const char *s)
{
	bytes_flush(r);
	high_flush(r);
	if (!dropped(r))
		sb_adds(out_of(r), s);
}

/* ---------------------------------------------------------------------- */
/* Groups and destinations */

static int fail(struct rtf *r, size_t at, const char *what)
{
	return anker_err_set(r->err, ANKER_INPUT, "byte %zu: %s", at, what);
}

static void mark_add(struct mark *v, size_t *n, long id, size_t pos)
{
	if (*n < RTF_MAX_MARKS)
		v[(*n)++] = (struct mark){ id, pos };
}

static size_t mark_find(const struct mark *v, size_t n, long id, size_t dflt)
{
	for (size_t k = n; k-- > 0;)
		if (v[k].id == id)
			return v[k].pos;
	return dflt;
}

/* A group that opened a destination closes: finish it. */
static void dest_finish(struct rtf *r, enum dest d, bool endnote)
{
	struct strbuf *text = &r->o->text;
	sb_addc(&r->value, '\0');
	long v = strtol(r->value.buf, NULL, 10);
	switch (d) {
	case D_FOOTNOTE:
		fmt_note_add(r->o, endnote, sb_str(&r->note), r->note.len);
		sb_reset(&r->note);
		break;
	case D_ANNOTATION:
		fmt_comment_add(r->o, mark_find(r->starts, r->nstarts, r->atnref, text->len),
		                mark_find(r->ends, r->nends, r->atnref, text->len), r->author, "",
		                sb_str(&r->annot));
		sb_reset(&r->annot);
		r->author[0] = '\0';
		break;
	case D_ATNAUTHOR:
		snprintf(r->author, sizeof r->author, "%s", r->value.buf);
		break;
	case D_ATNREF:
		r->atnref = v;
		break;
	case D_ATRFSTART:
		mark_add(r->starts, &r->nstarts, v, text->len);
		break;
	case D_ATRFEND:
		mark_add(r->ends, &r->nends, v, text->len);
		break;
	default:
		break;
	}
	sb_reset(&r->value);
}

static void dest_begin(struct rtf *r, enum dest d)
{
	struct state *s = &r->st[r->depth];
	s->opened = d;
	s->dest = d == D_FONTTBL ? D_FONTTBL : D_TEXT;
	s->hidden = s->deleted = false;
	s->endnote = false;
	if (d == D_FOOTNOTE)
		s->out = &r->note;
	else if (d == D_ANNOTATION)
		s->out = &r->annot;
	else if (d >= D_ATNAUTHOR)
		s->out = &r->value;
	if (s->out != &r->o->text)
		sb_reset(s->out);
}

/* Destinations whose text is not document text. */
static const char *const skipped[] = {
	"colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr", "headerf",
	"footer", "footerl", "footerr", "footerf", "listtable", "listoverridetable", "revtbl",
	"rsidtbl", "generator", "xmlnstbl", "themedata", "colorschememapping", "datastore",
	"latentstyles", "pgdsctbl", "object", "objdata", "fldinst", "filetbl", "mmathPr",
	"listtext", "pntext", "pntxta", "pntxtb", "nonshppict", "shp", "shpinst", "xe", "tc",
	"txe", "bkmkstart", "bkmkend", "atnid", "atndate", "atntime", "atnicn", "ftnsep",
	"ftnsepc", "ftncn", "aftnsep", "aftnsepc", "aftncn", "template", "userprops", "docvar",
	"private", "background", "defchp", "defpap", "wgrffmtfilter", "fonttbl_", "falt",
	"panose", "leveltext", "levelnumbers", "upr", "operator", "author", "title", "subject",
	"keywords", "comment", "doccomm", "company", "buptim", "creatim", "printim", "revtim",
	"blipuid", "passwordhash", "protusertbl", "mhtmltag", "htmltag", "factoidname",
};

static bool word_is(const char *w, const char *const *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(w, list[k]) == 0)
			return true;
	return false;
}

/* A control word that may open a destination: true when it did. */
static bool destination(struct rtf *r, const char *w)
{
	struct state *s = &r->st[r->depth];
	static const struct { const char *w; enum dest d; } own[] = {
		{ "fonttbl", D_FONTTBL }, { "footnote", D_FOOTNOTE }, { "annotation", D_ANNOTATION },
		{ "atnauthor", D_ATNAUTHOR }, { "atnref", D_ATNREF }, { "atrfstart", D_ATRFSTART },
		{ "atrfend", D_ATRFEND },
	};
	if (s->dest == D_SKIP)
		return true;
	for (size_t k = 0; k < sizeof own / sizeof *own; k++) {
		if (strcmp(w, own[k].w) != 0)
			continue;
		/* Inside the font table nothing of these is text; a note or a
		 * comment inside a note or a comment is skipped. */
		if (s->dest == D_FONTTBL || (s->out != &r->o->text && own[k].d <= D_ANNOTATION))
			s->dest = D_SKIP;
		else
			dest_begin(r, own[k].d);
		return true;
	}
	if (s->star || word_is(w, skipped, sizeof skipped / sizeof *skipped)) {
		s->dest = D_SKIP;
		return true;
	}
	return false;
}

static void font_set(struct rtf *r, long charset, bool is_cpg)
{
	for (size_t k = 0; k < r->nfonts; k++)
		if (r->fonts[k].num == r->font_num) {
			r->fonts[k].cp = is_cpg ? (unsigned)charset : charset_cp(charset, r->ansicpg);
			return;
		}
	if (r->nfonts < RTF_MAX_FONTS)
		r->fonts[r->nfonts++] = (struct font){
			r->font_num, is_cpg ? (unsigned)charset : charset_cp(charset, r->ansicpg)
		};
}

static unsigned font_cp(const struct rtf *r, long num)
{
	for (size_t k = 0; k < r->nfonts; k++)
		if (r->fonts[k].num == num)
			return r->fonts[k].cp ? r->fonts[k].cp : r->ansicpg;
	return r->ansicpg;
}

/* ---------------------------------------------------------------------- */
/* Control words */

static const struct { const char *w; long cp; } specials[] = {
	{ "emdash", 0x2014 }, { "endash", 0x2013 }, { "lquote", 0x2018 }, { "rquote", 0x2019 },
	{ "ldblquote", 0x201C }, { "rdblquote", 0x201D }, { "bullet", 0x2022 },
	{ "emspace", 0x2003 }, { "enspace", 0x2002 }, { "qmspace", 0x2005 }, { "zwj", 0x200D },
	{ "zwnj", 0x200C }, { "ltrmark", 0x200E }, { "rtlmark", 0x200F },
};

static void unicode(struct rtf *r, long n)
{
	long cp = n < 0 ? n + 65536 : n;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		high_flush(r);
		bytes_flush(r);
		r->high = cp;
	} else if (cp >= 0xDC00 && cp <= 0xDFFF && r->high) {
		long high = r->high;
		r->high = 0;
		emit_cp(r, 0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00));
	} else if (cp > 0) {
		emit_cp(r, cp);   /* a lone surrogate becomes U+FFFD there */
	}
	r->skip = r->st[r->depth].uc;
}

static void row_end(struct rtf *r)
{
	bytes_flush(r);
	if (dropped(r))
		return;
	struct strbuf *out = out_of(r);
	if (out->len && out->buf[out->len - 1] == '\t')
		out->len--;
	sb_addc(out, '\n');
}

static void formatting(struct rtf *r, const char *w, bool has_n, long n)
{
	struct state *s = &r->st[r->depth];
	bool on = !has_n || n != 0;
	if (strcmp(w, "uc") == 0)
		s->uc = n < 0 ? 0 : n > 16 ? 16 : (int)n;
	else if (strcmp(w, "ansicpg") == 0 && n > 0 && n < 100000)
		r->ansicpg = (unsigned)n;
	else if (strcmp(w, "ansi") == 0)
		r->ansicpg = 1252;
	else if (strcmp(w, "mac") == 0)
		r->ansicpg = 10000;
	else if (strcmp(w, "pc") == 0)
		r->ansicpg = 437;
	else if (strcmp(w, "pca") == 0)
		r->ansicpg = 850;
	else if (strcmp(w, "deff") == 0)
		r->deff = n;
	else if (strcmp(w, "f") == 0)
		s->cp = font_cp(r, n);
	else if (strcmp(w, "plain") == 0)
		s->hidden = s->deleted = false, s->cp = font_cp(r, r->deff);
	else if (strcmp(w, "v") == 0)
		s->hidden = on;
	else if (strcmp(w, "deleted") == 0)
		s->deleted = on;
	else if (strcmp(w, "ftnalt") == 0)
		s->endnote = true;
}

static void control(struct rtf *r, const char *w, bool has_n, long n)
{
	struct state *s = &r->st[r->depth];
	if (r->skip > 0 && strcmp(w, "u") != 0) {   /* part of a \u's fallback */
		r->skip--;
		return;
	}
	bool first = s->first;
	s->first = false;
	if ((first && destination(r, w)) || s->dest == D_SKIP) {
		s->star = false;
		return;
	}
	s->star = false;
	if (s->dest == D_FONTTBL) {
		if (strcmp(w, "f") == 0)
			r->font_num = n;
		else if (strcmp(w, "fcharset") == 0 || strcmp(w, "cpg") == 0)
			font_set(r, n, w[0] == 'c');
		return;
	}
	if (strcmp(w, "u") == 0 && has_n) {
		unicode(r, n);
	} else if (strcmp(w, "par") == 0 || strcmp(w, "sect") == 0 || strcmp(w, "line") == 0) {
		emit_str(r, "\n");
	} else if (strcmp(w, "tab") == 0 || strcmp(w, "cell") == 0 || strcmp(w, "nestcell") == 0) {
		emit_str(r, "\t");
	} else if (strcmp(w, "row") == 0 || strcmp(w, "nestrow") == 0) {
		row_end(r);
	} else {
		for (size_t k = 0; k < sizeof specials / sizeof *specials; k++)
			if (strcmp(w, specials[k].w) == 0) {
				emit_cp(r, specials[k].cp);
				return;
			}
		formatting(r, w, has_n, n);
	}
}

/* ---------------------------------------------------------------------- */
/* The lexer */

static int hexval(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A control word at r->i (after the backslash): letters, an optional
 * signed number, and a space that belongs to it. */
static int control_word(struct rtf *r)
{
	size_t at = r->i - 1;
	char w[33];
	size_t k = 0;
	long n = 0;
	bool has_n = false, neg = false;
	while (r->i < r->len && ((r->s[r->i] | 0x20) >= 'a' && (r->s[r->i] | 0x20) <= 'z')) {
		if (k < sizeof w - 1)
			w[k++] = (char)r->s[r->i];
		r->i++;
	}
	w[k] = '\0';
	if (r->i < r->len && r->s[r->i] == '-' && r->i + 1 < r->len && r->s[r->i + 1] >= '0' &&
	    r->s[r->i + 1] <= '9') {
		neg = true;
		r->i++;
	}
	for (size_t d = 0; r->i < r->len && r->s[r->i] >= '0' && r->s[r->i] <= '9'; d++, r->i++)
		if (d < 10)   /* RTF's numbers are 16 or 32 bits; more digits are noise */
			n = n * 10 + (r->s[r->i] - '0'), has_n = true;
	if (neg)
		n = -n;
	if (r->i < r->len && r->s[r->i] == ' ')
		r->i++;
	if (strcmp(w, "bin") == 0) {
		/* Binary data: skipped whatever group it is in. */
		if (n < 0 || (size_t)n > r->len - r->i)
			return fail(r, at, "\\bin announces more bytes than the file has");
		r->i += (size_t)n;
		return ANKER_OK;
	}
	control(r, w, has_n, n);
	return ANKER_OK;
}

static int control_symbol(struct rtf *r)
{
	size_t at = r->i - 1;
	unsigned char c = r->s[r->i++];
	struct state *s = &r->st[r->depth];
	if (c == '\'') {
		int hi = r->i < r->len ? hexval(r->s[r->i]) : -1;
		int lo = r->i + 1 < r->len ? hexval(r->s[r->i + 1]) : -1;
		if (hi < 0 || lo < 0)
			return fail(r, at, "\\' without two hexadecimal digits");
		r->i += 2;
		s->first = false;
		if (s->dest != D_FONTTBL)
			emit_byte(r, (unsigned char)(hi * 16 + lo));
		return ANKER_OK;
	}
	if (c == '*') {
		s->star = true;
		return ANKER_OK;
	}
	s->first = false;
	if (r->skip > 0 && c != '\\' && c != '{' && c != '}') {
		r->skip--;
		return ANKER_OK;
	}
	if (c == '\\' || c == '{' || c == '}')
		emit_byte(r, c);
	else if (c == '~')
		emit_cp(r, 0xA0);
	else if (c == '_')
		emit_str(r, "-");
	else if (c == '\n' || c == '\r')
		emit_str(r, "\n");
	/* \- (optional hyphen), \| \: and the others: nothing. */
	return ANKER_OK;
}

static int group_open(struct rtf *r)
{
	bytes_flush(r);
	high_flush(r);
	if (r->depth >= RTF_MAX_DEPTH)
		return fail(r, r->i, "groups nested more than 512 deep");
	r->st[r->depth + 1] = r->st[r->depth];
	r->depth++;
	struct state *s = &r->st[r->depth];
	s->opened = D_TEXT;
	s->first = true;
	s->star = false;
	r->skip = 0;
	r->i++;
	return ANKER_OK;
}

static int group_close(struct rtf *r)
{
	bytes_flush(r);
	high_flush(r);
	if (r->depth == 0)
		return fail(r, r->i, "a '}' that closes no group");
	struct state *s = &r->st[r->depth];
	r->depth--;
	if (s->opened != D_TEXT)
		dest_finish(r, s->opened, s->endnote);
	r->skip = 0;
	r->i++;
	return ANKER_OK;
}

static int rtf_lex(struct rtf *r)
{
	int rc = ANKER_OK;
	while (!rc && r->i < r->len) {
		unsigned char c = r->s[r->i];
		if (c == '{') {
			rc = group_open(r);
		} else if (c == '}') {
			rc = group_close(r);
			if (!rc && r->depth == 0)
				return ANKER_OK;   /* the document's group closed: the rest is not RTF */
		} else if (c == '\\') {
			if (++r->i >= r->len)
				return fail(r, r->i - 1, "the file ends after a backslash");
			unsigned char d = r->s[r->i];
			rc = ((d | 0x20) >= 'a' && (d | 0x20) <= 'z') ? control_word(r) : control_symbol(r);
		} else {
			r->i++;
			if (c != '\r' && c != '\n' && r->depth > 0) {
				r->st[r->depth].first = false;
				emit_byte(r, c);
			}
		}
	}
	if (!rc && r->depth > 0)
		rc = fail(r, r->len, "the file ends inside a group (truncated?)");
	return rc;
}

int fmt_rtf_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                 struct fmt_out *out, struct anker_err *err)
{
	struct rtf *r = xcalloc(1, sizeof *r);
	(void)o;
	r->s = (const unsigned char *)raw;
	r->len = len;
	r->o = out;
	r->err = err;
	r->ansicpg = 1252;
	r->cd = (iconv_t)-1;
	r->st[0] = (struct state){ .dest = D_TEXT, .opened = D_TEXT, .uc = 1, .out = &out->text };
	/* A UTF-8 BOM before "{\rtf" (format.c allowed it). */
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		r->i = 3;
	int rc = rtf_lex(r);
	bytes_flush(r);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	sb_free(&r->bytes);
	sb_free(&r->note);
	sb_free(&r->annot);
	sb_free(&r->value);
	free(r);
	return rc;
}
