/* corpus/width.c — the one measure of UTF-8 on screen, and the one way
 * file text is made safe for a terminal. */
#include <string.h>

#include <utf8proc.h>

#include "corpus.h"

enum glyph {
	GLYPH_TEXT,       /* a printable grapheme cluster, drawn as is */
	GLYPH_TAB,
	GLYPH_NEWLINE,
	GLYPH_C0,         /* C0 control or DEL: "^X" */
	GLYPH_CODE,       /* C1, bidi override, unprintable: "<U+0085>", "<U+202E>" */
	GLYPH_INVALID,    /* one byte that is not UTF-8: "<XX>" */
};

#define TABSTOP 8
#define WIDTH_CARET 2     /* "^X" */
#define WIDTH_CODE 8      /* "<U+0085>", "<U+202E>"; "<U+10FFFF>" is 10 */
#define WIDTH_BYTE 4      /* "<FF>" */

static bool is_c0(unsigned char b)
{
	return b < 0x20 || b == 0x7F;
}

/* Code points shown by number: C1 controls (U+009B is CSI to a terminal
 * that reads 8-bit controls); the bidi embeddings, overrides and isolates,
 * which reorder what follows them on screen ("Trojan Source": a code name
 * or quote that reads differently from what is stored); and what the
 * terminal's wcwidth() calls unprintable (-1) while utf8proc gives it a
 * width: the line and paragraph separators, noncharacters and unassigned
 * code points.  curses draws those as nothing or refuses them, and the
 * line would no longer be where it was measured.  The marks LRM, RLM and
 * ALM are left alone: Arabic and Hebrew text needs them, and they cannot
 * reorder a whole line. */
static bool is_shown_by_number(int32_t c)
{
	if (c < 0xA0)
		return c >= 0x80;
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return true;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP || k == UTF8PROC_CATEGORY_CN;
}

static bool is_regional_indicator(int32_t c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Decode one code point at s[i]; 0 when the bytes there are not UTF-8. */
static size_t decode(const unsigned char *s, size_t len, size_t i, int32_t *c)
{
	utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), c);
	return n > 0 ? (size_t)n : 0;
}

/* Width of a grapheme cluster that starts with c (n bytes) at s[i]; *end
 * gets the byte after it.  A cluster is as wide as its widest code point,
 * at most 2; emoji presentation (VS16) and flags (regional indicator
 * pairs) are 2 although their base code points count 1 on their own. */
static int cluster_width(const unsigned char *s, size_t len, size_t i, int32_t c, size_t n,
                         size_t *end)
{
	int32_t state = 0, prev = c;
	int w = utf8proc_charwidth(c);
	bool wide = is_regional_indicator(c);
	size_t j = i + n;

	while (j < len && !is_c0(s[j])) {
		int32_t next;
		size_t m = decode(s, len, j, &next);
		if (!m || is_shown_by_number(next))
			break;
		if (utf8proc_grapheme_break_stateful(prev, next, &state))
			break;
		int cw = utf8proc_charwidth(next);
		if (cw > w)
			w = cw;
		wide |= next == 0xFE0F;
		prev = next;
		j += m;
	}
	*end = j;
	if (wide)
		return 2;
	return w > 2 ? 2 : w;
}

/* Measure what starts at s[i]: a cluster, a control, a tab (at column
 * col) or an invalid byte.  Sets *n to its length in bytes. */
static int glyph_at(const unsigned char *s, size_t len, size_t i, int col, size_t *n,
                    enum glyph *kind)
{
	unsigned char b = s[i];
	int32_t c;
	size_t m;

	*n = 1;
	*kind = GLYPH_TEXT;
	if (b < 0x80) {
		if (b == '\t') {
			*kind = GLYPH_TAB;
			return TABSTOP - col % TABSTOP;
		}
		if (is_c0(b)) {
			*kind = b == '\n' ? GLYPH_NEWLINE : GLYPH_C0;
			return WIDTH_CARET;
		}
		if (i + 1 >= len || s[i + 1] < 0x80)
			return 1;
		/* Printable ASCII followed by something that may combine. */
	}
	m = decode(s, len, i, &c);
	if (!m) {
		*kind = GLYPH_INVALID;
		return WIDTH_BYTE;
	}
	if (is_shown_by_number(c)) {
		*n = m;
		*kind = GLYPH_CODE;
		return WIDTH_CODE + (c > 0xFFFF) + (c > 0xFFFFF);
	}
	size_t end;
	int w = cluster_width(s, len, i, c, m, &end);
	*n = end - i;
	return w;
}

size_t corpus_utf8_fit(const char *s, size_t len, int start_col, int max_cols, int *cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int w = 0;

	if (start_col < 0)
		start_col = 0;
	while (i < len) {
		size_t n = 1;
		int cw;
		enum glyph kind;

		/* Fast path: printable ASCII not followed by a possible
		 * combining mark is one column, one byte. */
		if (p[i] >= 0x20 && p[i] < 0x7F && (i + 1 >= len || p[i + 1] < 0x80))
			cw = 1;
		else
			cw = glyph_at(p, len, i, start_col + w, &n, &kind);
		if (max_cols >= 0 && w + cw > max_cols)
			break;
		w += cw;
		i += n;
	}
	if (cols)
		*cols = w;
	return i;
}

int corpus_utf8_width(const char *s, size_t len)
{
	int cols = 0;
	corpus_utf8_fit(s, len, 0, -1, &cols);
	return cols;
}

static size_t ascii_run(const unsigned char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len && s[j] >= 0x20 && s[j] < 0x7F)
		j++;
	return j;
}

static void put_tab(struct strbuf *out, int *col, bool expand)
{
	int w = TABSTOP - *col % TABSTOP;
	if (expand)
		sb_add(out, "        ", (size_t)w);
	else
		sb_addc(out, '\t');
	*col += w;
}

void corpus_utf8_visible(struct strbuf *out, const char *s, size_t len, bool expand_tabs,
                         bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int col = 0;   /* only for tab stops: since the start or the last kept LF */

	while (i < len) {
		size_t j = ascii_run(p, len, i), n;
		enum glyph kind;

		if (j > i) {
			sb_add(out, s + i, j - i);
			col += (int)(j - i);
			i = j;
			continue;
		}
		int w = glyph_at(p, len, i, col, &n, &kind);
		switch (kind) {
		case GLYPH_TAB:
			put_tab(out, &col, expand_tabs);
			break;
		case GLYPH_NEWLINE:
			if (keep_newlines) {
				sb_addc(out, '\n');
				col = 0;
			} else {
				sb_add(out, "^J", 2);
				col += w;
			}
			break;
		case GLYPH_C0:
			sb_addc(out, '^');
			sb_addc(out, (char)(p[i] ^ 0x40));   /* ESC -> ^[, DEL -> ^? */
			col += w;
			break;
		case GLYPH_CODE: {
			int32_t c = 0;
			decode(p, len, i, &c);
			sb_addf(out, "<U+%04X>", (unsigned)c);
			col += w;
			break;
		}
		case GLYPH_INVALID:
			sb_addf(out, "<%02X>", p[i]);
			col += w;
			break;
		case GLYPH_TEXT:
			sb_add(out, s + i, n);
			col += w;
			break;
		}
		i += n;
	}
}
