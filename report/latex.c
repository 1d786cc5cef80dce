/* report/latex.c — tables as LaTeX that compiles in a paper.
 *
 * The target is pdflatex in a standard \documentclass{article}, with the
 * default font encoding (OT1) or T1, and the packages the first line of
 * the table names (booktabs always; tabularx, longtable and array when the
 * table needs them).  Text is escaped for both encodings: characters only
 * T1 has (the German low quote „, guillemets, ð) are set in T1 where they
 * stand, Greek and a few symbols as math, and what pdflatex cannot set at
 * all (other scripts, emoji) as a visible <U+XXXX>.
 *
 * Layout: the width of every column is estimated from Computer Modern's
 * character widths (in em, so that the estimate holds at any font size).
 * A table that fits the text width is a plain tabular; a wider one wraps
 * its text columns (tabularx, the widest first) and, when that is not
 * enough, is set in \footnotesize with narrower column gaps; a table with
 * too many number columns even then (cooc, matrix) is split into several
 * tables of some columns each, the code columns repeated; a long table is
 * a longtable, which breaks across pages.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "write.h"

/* ---------------------------------------------------------------------- */
/* Characters */

/* Code point ranges pdflatex (inputenc utf8, the LaTeX kernel of 2022)
 * sets in OT1 and in T1 alike, and those it sets in T1 only: found by
 * compiling every character of these blocks in both encodings. */
static const uint32_t both_enc[][2] = {
	{ 0x00A0, 0x00AA }, { 0x00AC, 0x00BA }, { 0x00BC, 0x00CF }, { 0x00D1, 0x00DD },
	{ 0x00DF, 0x00EF }, { 0x00F1, 0x00FD }, { 0x00FF, 0x0103 }, { 0x0106, 0x010F },
	{ 0x0112, 0x0117 }, { 0x011A, 0x0125 }, { 0x0128, 0x012D }, { 0x0130, 0x0137 },
	{ 0x0139, 0x013E }, { 0x0141, 0x0148 }, { 0x014C, 0x0165 }, { 0x0168, 0x0171 },
	{ 0x0174, 0x017E }, { 0x0192, 0x0192 }, { 0x01C4, 0x01D4 }, { 0x01E2, 0x01E3 },
	{ 0x01E6, 0x01E9 }, { 0x01F0, 0x01F0 }, { 0x01F4, 0x01F5 }, { 0x0218, 0x021B },
	{ 0x0232, 0x0233 }, { 0x0237, 0x0237 }, { 0x2010, 0x2016 }, { 0x2018, 0x2019 },
	{ 0x201C, 0x201D }, { 0x2020, 0x2022 }, { 0x2026, 0x2026 }, { 0x2030, 0x2031 },
	{ 0x203B, 0x203B }, { 0x203D, 0x203D }, { 0x2044, 0x2044 }, { 0x204E, 0x204E },
	{ 0x2052, 0x2052 }, { 0x20A1, 0x20A1 }, { 0x20A4, 0x20A4 }, { 0x20A6, 0x20A6 },
	{ 0x20A9, 0x20A9 }, { 0x20AB, 0x20AC }, { 0x20B1, 0x20B1 }, { 0x2103, 0x2103 },
	{ 0x2116, 0x2117 }, { 0x211E, 0x211E }, { 0x2120, 0x2120 }, { 0x2122, 0x2122 },
	{ 0x2126, 0x2127 }, { 0x212E, 0x212E }, { 0x2190, 0x2193 }, { 0x2329, 0x232A },
	{ 0x25E6, 0x25E6 }, { 0x25EF, 0x25EF }, { 0x266A, 0x266A }, { 0x27E8, 0x27E9 },
	{ 0x1E02, 0x1E03 }, { 0x1E0D, 0x1E0D }, { 0x1E1E, 0x1E21 }, { 0x1E25, 0x1E25 },
	{ 0x1E30, 0x1E31 }, { 0x1E37, 0x1E37 }, { 0x1E43, 0x1E43 }, { 0x1E45, 0x1E45 },
	{ 0x1E47, 0x1E47 }, { 0x1E5B, 0x1E5B }, { 0x1E63, 0x1E63 }, { 0x1E6D, 0x1E6D },
	{ 0x1E8E, 0x1E91 }, { 0x1E9E, 0x1E9E }, { 0x1EF2, 0x1EF3 }, { 0x3008, 0x3009 },
	{ 0xFB00, 0xFB06 },
};
static const uint32_t t1_only[][2] = {
	{ 0x00AB, 0x00AB }, { 0x00BB, 0x00BB }, { 0x00D0, 0x00D0 }, { 0x00DE, 0x00DE },
	{ 0x00F0, 0x00F0 }, { 0x00FE, 0x00FE }, { 0x0104, 0x0105 }, { 0x0110, 0x0111 },
	{ 0x0118, 0x0119 }, { 0x012E, 0x012F }, { 0x014A, 0x014B }, { 0x0172, 0x0173 },
	{ 0x01EA, 0x01EB }, { 0x201A, 0x201A }, { 0x201E, 0x201E }, { 0x2039, 0x203A },
};

static bool in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i][0] && cp <= r[i][1])
			return true;
	return false;
}

/* Characters neither encoding sets as text, as LaTeX writes them. */
static const struct {
	uint32_t cp;
	const char *tex;
} spelled[] = {
	{ 0x2002, "\\enspace{}" }, { 0x2003, "\\quad{}" }, { 0x2004, "\\," }, { 0x2005, "\\," },
	{ 0x2006, "\\," }, { 0x2007, "\\enspace{}" }, { 0x2008, "\\," }, { 0x2009, "\\," },
	{ 0x200A, "\\," }, { 0x200B, "\\hspace{0pt}" }, { 0x200D, "" }, { 0x2028, " " },
	{ 0x2029, " " }, { 0x202F, "\\," }, { 0x2060, "" }, { 0xFEFF, "" },
	{ 0x2032, "$'$" }, { 0x2033, "$''$" }, { 0x2212, "$-$" }, { 0x2194, "$\\leftrightarrow$" },
	{ 0x21D2, "$\\Rightarrow$" }, { 0x21D4, "$\\Leftrightarrow$" }, { 0x2205, "$\\emptyset$" },
	{ 0x2208, "$\\in$" }, { 0x2211, "$\\sum$" }, { 0x2219, "$\\cdot$" }, { 0x221E, "$\\infty$" },
	{ 0x2248, "$\\approx$" }, { 0x2260, "$\\neq$" }, { 0x2261, "$\\equiv$" },
	{ 0x2264, "$\\leq$" }, { 0x2265, "$\\geq$" }, { 0x22C5, "$\\cdot$" },
};

/* Greek as math (α as $\alpha$); the capitals that look Latin as Latin. */
static const char *const greek_lower[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
	"lambda", "mu", "nu", "xi", "o", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi",
	"chi", "psi", "omega",
};
static const char *const greek_upper[] = {
	"A", "B", "Gamma", "Delta", "E", "Z", "H", "Theta", "I", "K", "Lambda", "M", "N", "Xi", "O",
	"Pi", "P", NULL, "Sigma", "T", "Upsilon", "Phi", "X", "Psi", "Omega",
};

static bool greek(struct strbuf *out, uint32_t cp)
{
	const char *name = NULL;
	if (cp >= 0x3B1 && cp <= 0x3C9)
		name = greek_lower[cp - 0x3B1];
	else if (cp >= 0x391 && cp <= 0x3A9)
		name = greek_upper[cp - 0x391];
	if (!name)
		return false;
	if (name[1] == '\0')
		sb_adds(out, name);
	else if (strcmp(name, "o") == 0)
		sb_adds(out, "o");
	else
		sb_addf(out, "$\\%s$", name);
	return true;
}

/* What a LaTeX table needs besides booktabs, found while writing it. */
struct latex_needs {
	bool t1;             /* \ankerTone: a character only T1 has */
	bool pathsep;        /* \ankerpathsep */
};

/* One code point (not ASCII) of valid UTF-8 at s, of n bytes. */
static void latex_char(struct strbuf *out, const char *s, size_t n, uint32_t cp,
                       struct latex_needs *need)
{
	if (in_ranges(cp, both_enc, sizeof both_enc / sizeof both_enc[0])) {
		sb_add(out, s, n);
		return;
	}
	if (in_ranges(cp, t1_only, sizeof t1_only / sizeof t1_only[0])) {
		sb_adds(out, "\\ankerTone{");
		sb_add(out, s, n);
		sb_addc(out, '}');
		need->t1 = true;
		return;
	}
	for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++)
		if (spelled[i].cp == cp) {
			sb_adds(out, spelled[i].tex);
			return;
		}
	if (!greek(out, cp))   /* a break may follow: a run of them is no word */
		sb_addf(out, "\\textless{}U+%04X\\textgreater{}\\allowbreak{}", (unsigned)cp);
}

/* Decode one UTF-8 sequence at s (len bytes left): its length, 0 when
 * invalid. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (!n || n > len || s[0] > 0xF4)
		return 0;
	uint32_t v = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

/* One ASCII character as LaTeX: the ten specials, < > | " (which OT1 sets
 * as ¡ ¿ — ” or babel makes active), the ligatures TeX would make of -- ``
 * '' ,, !` ?` broken (p[1] is the next character), [ ] braced (not
 * \\[length] at a row's start), / a place to break a line and a line
 * break \newline where the column wraps. */
static void latex_ascii(struct strbuf *out, const unsigned char *p, bool wrap,
                        struct latex_needs *need)
{
	unsigned char ch = *p;
	switch (ch) {
	case '&': case '%': case '$': case '#': case '_': case '{': case '}':
		sb_addc(out, '\\');
		sb_addc(out, (char)ch);
		break;
	case '~': sb_adds(out, "\\textasciitilde{}"); break;
	case '^': sb_adds(out, "\\textasciicircum{}"); break;
	case '\\': sb_adds(out, "\\textbackslash{}"); break;
	case '<': sb_adds(out, "\\textless{}"); break;
	case '>': sb_adds(out, "\\textgreater{}"); break;
	case '|': sb_adds(out, "\\textbar{}"); break;
	case '"': sb_adds(out, "\\ankerTone{\\textquotedbl}"); need->t1 = true; break;
	case '[': sb_adds(out, "{[}"); break;
	case ']': sb_adds(out, "{]}"); break;
	case '/': sb_adds(out, wrap ? "\\slash{}" : "/"); break;
	case '\n': sb_adds(out, wrap ? "\\newline{}" : " "); break;
	case '\r': case '\t': sb_addc(out, ' '); break;
	case '-': case '`': case '\'': case ',': case '!': case '?':
		sb_addc(out, (char)ch);
		if (p[1] == (ch == '!' || ch == '?' ? '`' : ch))
			sb_adds(out, "{}");
		break;
	default:
		if (ch < 0x20 || ch == 0x7F)
			sb_addf(out, "\\textless{}U+%04X\\textgreater{}", ch);
		else
			sb_addc(out, (char)ch);
	}
}

static double text_width(const char *s, size_t n);
#define LONG_WORD 16.0      /* em: wider words get places to break */

/* Text as LaTeX (latex_ascii, latex_char), " >> " in a code path as
 * \ankerpathsep; where the column wraps, a word too wide to hyphenate (a
 * URL, a run of characters) gets a place to break every 8 characters. */
static void latex_text(struct strbuf *out, const char *s, bool path, bool wrap,
                       struct latex_needs *need)
{
	size_t word_left = 0;   /* characters to its next break, in such a word */
	bool word_start = true;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (wrap && word_start) {
			size_t n = strcspn((const char *)p, " \n\t-/");
			word_left = text_width((const char *)p, n) > LONG_WORD ? 8 : 0;
		}
		word_start = strchr(" \n\t-/", *p) != NULL;
		if (word_left && (*p & 0xC0) != 0x80 && --word_left == 0) {
			sb_adds(out, "\\allowbreak{}");
			word_left = 8;
		}
		if (path && strncmp((const char *)p, " >> ", 4) == 0) {
			sb_adds(out, "~\\ankerpathsep{} ");
			need->pathsep = true;
			p += 4;
		} else if (*p >= 0x80) {
			uint32_t cp;
			size_t n = utf8_decode(p, strlen((const char *)p), &cp);
			if (n)
				latex_char(out, (const char *)p, n, cp, need);
			else
				sb_addf(out, "\\textless{}%02X\\textgreater{}\\allowbreak{}", *p);
			p += n ? n : 1;
		} else {
			latex_ascii(out, p++, wrap, need);
		}
	}
}

void report_latex_escape(struct strbuf *out, const char *s, bool *t1)
{
	struct latex_needs need = { 0 };
	latex_text(out, s, false, true, &need);
	if (need.t1)
		*t1 = true;
}

void report_latex_defs(struct strbuf *out, bool t1)
{
	if (t1)
		sb_adds(out, "\\providecommand*{\\ankerTone}[1]{{\\fontencoding{T1}\\selectfont#1}}\n");
}

/* ---------------------------------------------------------------------- */
/* Widths, in em of Computer Modern Roman */

/* cmr10's advance widths of printable ASCII in thousandths of an em. */
static const short cmr_width[95] = {
	333, 278, 500, 833, 500, 833, 778, 278, 389, 389, 500, 778, 278, 333, 278, 500,   /* !"#$%&'()... */
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 778, 778, 778, 472,   /* 0-9 :;<=>? */
	778, 750, 708, 722, 764, 681, 653, 785, 750, 361, 514, 778, 625, 917, 750, 778,   /* @A-O */
	681, 778, 736, 556, 722, 750, 750, 1028, 750, 750, 611, 278, 500, 278, 500, 778,  /* P-Z [\]^_ */
	278, 500, 556, 444, 556, 444, 306, 500, 556, 278, 306, 528, 278, 833, 556, 500,   /* `a-o */
	556, 528, 392, 394, 389, 556, 528, 722, 528, 528, 444, 500, 278, 500, 500,        /* p-z {|}~ */
};

/* Whether pdflatex sets code point cp (not ASCII) as some glyph, rather
 * than anker as a <U+XXXX> placeholder. */
static bool latex_sets(uint32_t cp)
{
	if (in_ranges(cp, both_enc, sizeof both_enc / sizeof both_enc[0]) ||
	    in_ranges(cp, t1_only, sizeof t1_only / sizeof t1_only[0]) ||
	    (cp >= 0x391 && cp <= 0x3C9))
		return true;
	for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++)
		if (spelled[i].cp == cp)
			return true;
	return false;
}

/* The estimated width of s in em: ASCII by cmr10, any other character as
 * a capital (0.75 em), a placeholder as its 8 characters, so that
 * estimates err wide. */
static double text_width(const char *s, size_t n)
{
	double w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char ch = (unsigned char)s[i];
		uint32_t cp;
		size_t len = ch >= 0x80 ? utf8_decode((const unsigned char *)s + i, n - i, &cp) : 1;
		if (ch >= 0x20 && ch < 0x7F)
			w += cmr_width[ch - 0x20] / 1000.0;
		else
			w += ch >= 0x80 && len && latex_sets(cp) ? 0.75 : 4.2;
		i += len ? len : 1;
	}
	return w;
}

/* The widest run of s that TeX cannot break (no space, hyphen or slash),
 * in em. */
static double longest_word(const char *s)
{
	double most = 0;
	while (*s) {
		size_t n = strcspn(s, " \n\t-/");
		double w = text_width(s, n);
		most = w > most ? w : most;
		s += n;
		if (*s)
			s++;
	}
	return most;
}

/* ---------------------------------------------------------------------- */
/* Layout */

/* Text widths a table may take, in em of the size it is set in: the text
 * width of article at 10, 11 and 12 pt (345, 360, 390 pt) in that size's
 * em, the smallest; and the same for \footnotesize (8, 9, 10 pt). */
#define WIDTH_NORMAL 32.5
#define WIDTH_SMALL 39.0
#define SEP_NORMAL 0.6      /* 2 × \tabcolsep (6 pt) at 10 pt: 1.2 em per column */
#define SEP_SMALL 0.375     /* 3 pt at 8 pt */
#define WRAP_MIN 4.0        /* a wrapped column at least, em */
#define WRAP_WORD_MAX 9.0   /* longer words are left to hyphenation */
#define LONG_ROWS 30        /* more (estimated) lines: longtable */

struct column {
	double natural;      /* em: the widest cell or header */
	double minimum;      /* em: its widest word, for a wrapped text column */
	bool number;
	bool wrap;           /* a wrapped text column (X or p) */
	double share;        /* of the width the wrapped columns have */
	struct strbuf head;  /* the header, as LaTeX */
};

struct layout {
	struct report_writer *w;
	struct column *col;
	bool small;          /* \footnotesize with narrower gaps */
	double width, sep;   /* what a table may take, a column's gaps (em) */
	struct latex_needs need;
	bool tabularx, longtable;   /* the part being written */
	bool array, used_tabularx, used_longtable;   /* for the packages line */
};

/* A number column's header: split at spaces into lines no wider than its
 * numbers (or its widest word), stacked in a tabular; else as it is. */
static double number_header(struct strbuf *out, const char *h, double cells,
                            struct latex_needs *need)
{
	double word = longest_word(h), full = text_width(h, strlen(h));
	double limit = cells > word ? cells : word;
	if (full <= limit || !strchr(h, ' ')) {
		latex_text(out, h, false, false, need);
		return full;
	}
	sb_adds(out, "\\begin{tabular}[b]{@{}r@{}}");
	struct strbuf line = {0};
	for (const char *p = h; *p;) {
		size_t n = strcspn(p, " ");
		if (line.len && text_width(line.buf, line.len) + text_width(p, n) + 0.333 > limit) {
			latex_text(out, line.buf, false, false, need);
			sb_adds(out, "\\\\");
			sb_reset(&line);
		}
		if (line.len)
			sb_addc(&line, ' ');
		sb_add(&line, p, n);
		p += n;
		p += *p == ' ';
	}
	latex_text(out, sb_str(&line), false, false, need);
	sb_adds(out, "\\end{tabular}");
	sb_free(&line);
	return limit;
}

static void measure(struct layout *l)
{
	const struct report_table *t = l->w->t;
	for (size_t c = 0; c < t->ncols; c++) {
		struct column *k = &l->col[c];
		k->number = report_col_is_number(t, c);
		double cells = 0, word = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const char *s = report_shown(l->w, r, c);
			double w = text_width(s, strlen(s)) + (k->number && *s == '-' ? 0.45 : 0);
			cells = w > cells ? w : cells;
			if (!k->number) {
				double lw = longest_word(s);
				word = lw > word ? lw : word;
			}
		}
		const char *h = report_header(l->w, c);
		double head = k->number ? number_header(&k->head, h, cells, &l->need)
		                        : text_width(h, strlen(h));
		if (!k->number)
			latex_text(&k->head, h, false, false, &l->need);
		double hw = longest_word(h);
		word = hw > word ? hw : word;
		k->natural = cells > head ? cells : head;
		k->minimum = word < WRAP_MIN ? WRAP_MIN : word > WRAP_WORD_MAX ? WRAP_WORD_MAX : word;
		if (k->minimum > k->natural)
			k->minimum = k->natural;
	}
}

/* The width columns first to first + n (and the label columns before
 * first when first > 0) take as they are laid out. */
static double needed(const struct layout *l, const size_t *cols, size_t n)
{
	double w = 0;
	for (size_t i = 0; i < n; i++) {
		const struct column *k = &l->col[cols[i]];
		w += (k->wrap ? k->minimum : k->natural) + 2 * l->sep;
	}
	return w;
}

/* Wrap text columns among cols, the widest first, until they fit; false
 * when even all wrapped do not. */
static bool fit(struct layout *l, const size_t *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		l->col[cols[i]].wrap = false;
	for (;;) {
		if (needed(l, cols, n) <= l->width)
			return true;
		struct column *widest = NULL;
		for (size_t i = 0; i < n; i++) {
			struct column *k = &l->col[cols[i]];
			if (!k->number && !k->wrap && k->natural > k->minimum &&
			    (!widest || k->natural > widest->natural))
				widest = k;
		}
		if (!widest)
			return false;
		widest->wrap = true;
	}
}

static void set_scale(struct layout *l, bool small)
{
	l->small = small;
	l->width = small ? WIDTH_SMALL : WIDTH_NORMAL;
	l->sep = small ? SEP_SMALL : SEP_NORMAL;
}

/* The wrapped columns' shares of the width left to them: by their
 * natural widths (at most 60 em counted), each at least its minimum (a
 * column below it gets its minimum, the others share the rest). */
static void shares(struct layout *l, const size_t *cols, size_t n)
{
	double free = l->width;
	for (size_t i = 0; i < n; i++) {
		struct column *k = &l->col[cols[i]];
		free -= 2 * l->sep + (k->wrap ? 0 : k->natural);
		k->share = 0;   /* 0: not pinned to its minimum */
	}
	for (bool pinned = true; pinned;) {
		double left = free, total = 0;
		pinned = false;
		for (size_t i = 0; i < n; i++) {
			struct column *k = &l->col[cols[i]];
			if (k->wrap && k->share > 0)
				left -= k->share;
			else if (k->wrap)
				total += k->natural > 60 ? 60 : k->natural;
		}
		for (size_t i = 0; i < n; i++) {
			struct column *k = &l->col[cols[i]];
			if (k->wrap && k->share == 0 &&
			    (k->natural > 60 ? 60 : k->natural) / total * left < k->minimum) {
				k->share = k->minimum;
				pinned = true;
			}
		}
		if (!pinned)
			for (size_t i = 0; i < n; i++) {
				struct column *k = &l->col[cols[i]];
				if (k->wrap && k->share == 0)
					k->share = (k->natural > 60 ? 60 : k->natural) / total * left;
			}
	}
	for (size_t i = 0; i < n; i++)   /* as fractions of the free width */
		if (l->col[cols[i]].wrap)
			l->col[cols[i]].share /= free;
}

/* Estimated lines the rows take: a wrapped cell of width w in a column of
 * width x takes w / x lines, a spilled one w / the width. */
static double lines(const struct layout *l, const size_t *cols, size_t n, const size_t *spill,
                    size_t nspill)
{
	const struct report_table *t = l->w->t;
	double fixed = 0, total = 0;
	for (size_t i = 0; i < n; i++)
		fixed += 2 * l->sep + (l->col[cols[i]].wrap ? 0 : l->col[cols[i]].natural);
	for (size_t r = 0; r < t->nrows; r++) {
		double most = 1;
		for (size_t i = 0; i < n; i++) {
			const struct column *k = &l->col[cols[i]];
			if (!k->wrap)
				continue;
			const char *s = report_shown(l->w, r, cols[i]);
			double x = k->share * (l->width - fixed);
			double need = ceil(text_width(s, strlen(s)) * 1.1 / (x > 1 ? x : 1));
			most = need > most ? need : most;
		}
		total += most;
		for (size_t i = 0; i < nspill; i++) {
			const char *s = report_shown(l->w, r, spill[i]);
			total += *s ? ceil((text_width(s, strlen(s)) + 5) * 1.1 / l->width) : 0;
		}
	}
	return total;
}

/* ---------------------------------------------------------------------- */
/* Writing */

static void column_spec(struct layout *l, struct strbuf *out, const size_t *cols, size_t n)
{
	double fixed = 0;
	size_t nwrap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct column *k = &l->col[cols[i]];
		fixed += k->wrap ? 0 : k->natural;
		nwrap += k->wrap;
	}
	for (size_t i = 0; i < n; i++) {
		const struct column *k = &l->col[cols[i]];
		if (!k->wrap)
			sb_addc(out, k->number ? 'r' : 'l');
		else if (l->tabularx)
			sb_addf(out, ">{\\raggedright\\arraybackslash\\hsize=%.3f\\hsize}X",
			        k->share * (double)nwrap);
		else   /* the width the others leave, estimated with 10 % to spare */
			sb_addf(out, ">{\\raggedright\\arraybackslash}p{\\dimexpr(\\linewidth-%.1fem-%zu"
			        "\\tabcolsep)*%d/1000\\relax}", fixed * 1.1 + 1, 2 * n,
			        (int)(k->share * 1000));
	}
}

static void cell(struct layout *l, struct strbuf *out, size_t r, size_t c)
{
	const struct column *k = &l->col[c];
	const char *s = report_shown(l->w, r, c);
	if (k->number && s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
		sb_adds(out, "$-$");   /* a minus, not a hyphen */
		s++;
	}
	if (k->wrap)
		sb_adds(out, "\\leavevmode\\nobreak\\hspace{0pt}");   /* TeX may hyphenate the first word */
	else if (*s == '*')
		sb_adds(out, "{}");   /* not \\* */
	latex_text(out, s, l->w->t->types[c] == REPORT_COL_PATH, k->wrap, &l->need);
}

/* The spilled columns of row r: each a line of the table's width below
 * the row, "Header: text" (none when empty). */
static void spilled(struct layout *l, struct strbuf *out, size_t r, size_t n,
                    const size_t *spill, size_t nspill)
{
	for (size_t i = 0; i < nspill; i++) {
		const char *s = report_shown(l->w, r, spill[i]);
		if (!*s)
			continue;
		sb_addf(out, "\\multicolumn{%zu}{>{\\raggedright\\arraybackslash}p{\\dimexpr\\linewidth"
		        "-2\\tabcolsep\\relax}}{\\textit{", n);
		sb_add(out, l->col[spill[i]].head.buf, l->col[spill[i]].head.len);
		sb_adds(out, ":} ");
		latex_text(out, s, l->w->t->types[spill[i]] == REPORT_COL_PATH, true, &l->need);
		sb_adds(out, "} \\\\\n");
	}
	if (nspill && r + 1 < l->w->t->nrows)
		sb_adds(out, "\\addlinespace\n");
}

/* One table of the columns cols (spill: shown below each row). */
static void write_part(struct layout *l, struct strbuf *out, const size_t *cols, size_t n,
                       const size_t *spill, size_t nspill)
{
	const struct report_table *t = l->w->t;
	bool wrap = false;
	for (size_t i = 0; i < n; i++)
		wrap |= l->col[cols[i]].wrap;
	if (wrap)
		shares(l, cols, n);
	l->longtable = lines(l, cols, n, spill, nspill) > LONG_ROWS;
	l->tabularx = wrap && !l->longtable;
	l->array |= wrap || nspill;
	const char *env = l->longtable ? "longtable" : l->tabularx ? "tabularx" : "tabular";
	if (l->small)
		sb_adds(out, "\\begingroup\\footnotesize\\setlength{\\tabcolsep}{3pt}\n");
	sb_addf(out, "%s\\begin{%s}%s{", l->longtable ? "" : "\\noindent", env,
	        l->tabularx ? "{\\linewidth}" : "");
	column_spec(l, out, cols, n);
	sb_adds(out, "}\n\\toprule\n");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_adds(out, " & ");
		sb_add(out, l->col[cols[i]].head.buf, l->col[cols[i]].head.len);
	}
	sb_adds(out, " \\\\\n\\midrule\n");
	if (l->longtable)
		sb_adds(out, "\\endhead\n\\bottomrule\n\\endfoot\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < n; i++) {
			if (i)
				sb_adds(out, " & ");
			cell(l, out, r, cols[i]);
		}
		sb_adds(out, " \\\\\n");
		spilled(l, out, r, n, spill, nspill);
	}
	if (!l->longtable)
		sb_adds(out, "\\bottomrule\n");
	sb_addf(out, "\\end{%s}\n", env);
	if (l->small)
		sb_adds(out, "\\endgroup\n");
	l->used_longtable |= l->longtable;
	l->used_tabularx |= l->tabularx;
}

/* Too many number columns for one table (a matrix: text columns, then
 * only numbers): the text columns (code, path) repeated in each of several
 * tables holding as many number columns as fit.  Returns false (nothing
 * written) for another shape or when not even one number column fits. */
static bool write_split(struct layout *l, struct strbuf *out)
{
	const struct report_table *t = l->w->t;
	size_t *cols = xmalloc((t->ncols + 1) * sizeof *cols), nlabel = 0;
	while (nlabel < t->ncols && !l->col[nlabel].number) {
		cols[nlabel] = nlabel;
		nlabel++;
	}
	bool matrix = nlabel > 0 && nlabel < t->ncols;
	for (size_t c = nlabel; matrix && c < t->ncols; c++) {
		cols[nlabel] = c;   /* only numbers, each fits beside the labels */
		matrix = l->col[c].number && fit(l, cols, nlabel + 1);
	}
	for (size_t next = nlabel, parts = 0; matrix && next < t->ncols; parts++) {
		size_t n = nlabel;
		cols[n++] = next++;
		for (; next < t->ncols; next++) {
			cols[n++] = next;
			if (!fit(l, cols, n)) {
				n--;
				break;
			}
		}
		fit(l, cols, n);
		if (parts)
			sb_adds(out, "\n\\medskip\n");
		write_part(l, out, cols, n, NULL, 0);
	}
	free(cols);
	return matrix;
}

/* A table too wide even in \footnotesize, not a matrix: its widest text
 * columns (segment text, definitions, paths) leave the row one by one and
 * become lines below it, until the rest fits. */
static void write_spilled(struct layout *l, struct strbuf *out)
{
	const struct report_table *t = l->w->t;
	size_t *cols = xmalloc((t->ncols + 1) * sizeof *cols), n = t->ncols;
	size_t *spill = xmalloc((t->ncols + 1) * sizeof *spill), nspill = 0;
	for (size_t c = 0; c < t->ncols; c++)
		cols[c] = c;
	while (!fit(l, cols, n)) {
		size_t widest = SIZE_MAX;
		for (size_t i = 0; i < n; i++)
			if (!l->col[cols[i]].number &&
			    (widest == SIZE_MAX || l->col[cols[i]].natural > l->col[cols[widest]].natural))
				widest = i;
		if (widest == SIZE_MAX || n == 1)
			break;   /* numbers only: as narrow as it gets */
		size_t c = cols[widest];
		memmove(cols + widest, cols + widest + 1, (n - widest - 1) * sizeof *cols);
		n--;
		/* in the order of the columns */
		size_t at = nspill;
		while (at > 0 && spill[at - 1] > c)
			at--;
		memmove(spill + at + 1, spill + at, (nspill - at) * sizeof *spill);
		spill[at] = c;
		nspill++;
	}
	write_part(l, out, cols, n, spill, nspill);
	free(cols);
	free(spill);
}

void report_latex_write(struct report_writer *w, struct strbuf *out)
{
	const struct report_table *t = w->t;
	struct layout l = { .w = w, .col = xcalloc(t->ncols + 1, sizeof *l.col) };
	struct strbuf body = {0};
	size_t *all = xmalloc((t->ncols + 1) * sizeof *all);
	for (size_t c = 0; c < t->ncols; c++)
		all[c] = c;
	measure(&l);
	set_scale(&l, false);
	if (fit(&l, all, t->ncols)) {
		write_part(&l, &body, all, t->ncols, NULL, 0);
	} else {
		set_scale(&l, true);
		if (fit(&l, all, t->ncols))
			write_part(&l, &body, all, t->ncols, NULL, 0);
		else if (!write_split(&l, &body))
			write_spilled(&l, &body);
	}
	sb_addf(out, "%% needs \\usepackage{booktabs%s%s%s}\n", l.array ? ",array" : "",
	        l.used_tabularx ? ",tabularx" : "", l.used_longtable ? ",longtable" : "");
	if (l.need.pathsep)
		sb_adds(out, "\\providecommand*{\\ankerpathsep}{\\textgreater}\n");
	report_latex_defs(out, l.need.t1);
	sb_add(out, body.buf, body.len);
	sb_free(&body);
	for (size_t c = 0; c < t->ncols; c++)
		sb_free(&l.col[c].head);
	free(l.col);
	free(all);
}
