/* codebook/maxqda.c — reads the MAXQDA codebook text export.
 *
 * The export is loose text: a title block, the "Codesystem" list, then one
 * section per code whose blocks are told apart only by "Label:" lines.  The
 * parser works on lines: a MAXQDA paragraph is one line, and blank lines
 * carry no meaning except where an author broke a quote across them.  The
 * list is the authority for numbers and names; the sections only add
 * definitions, anchor examples and notes, and whatever in them is odd
 * becomes a warning rather than an error.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codebook.h"
#include "quotes_int.h"

struct line {
	const char *s;
	size_t len;             /* without "\r\n" and trailing blanks */
};

enum block_kind { BLOCK_DEF, BLOCK_ANCHOR, BLOCK_NOTE };

struct parser {
	const char *file;
	struct line *lines;
	size_t nlines;
	struct codebook *cb;
	size_t cap;             /* allocated length of cb->codes */
	struct anker_map bynum; /* number → index in cb->codes */
	struct anker_err *err;
};

/* The section being read: the blocks of one code. */
struct section {
	struct codebook_code *code;     /* NULL while skipping a section */
	enum block_kind kind;           /* the block the next paragraph joins */
	char *label;                    /* label of the current note */
	struct strbuf note;             /* text of the current note */
	struct strbuf def;              /* the definition so far */
	struct strbuf ex;               /* the anchor example being read */
	int depth;                      /* quote nesting at the end of ex */
	bool open;                      /* ex's quote runs on into the next paragraph */
	size_t votes[CODEBOOK_LANG_DE + 1];     /* known labels read, by language */
};

/* Labels that are labels wherever they stand, matched without case, and
 * the language they are in (DEFAULT: either).  Any other "Label:" must
 * look like one (see label_at). */
#define DE CODEBOOK_LANG_DE
#define EN CODEBOOK_LANG_EN
#define ANY CODEBOOK_LANG_DEFAULT
static const struct {
	const char *name;
	enum block_kind kind;
	enum codebook_lang lang;
} known_labels[] = {
	{ "Codedefinition", BLOCK_DEF, DE },   { "Code-Definition", BLOCK_DEF, DE },
	{ "Code definition", BLOCK_DEF, EN },  { "Definition", BLOCK_DEF, ANY },
	{ "Ankerbeispiel", BLOCK_ANCHOR, DE }, { "Ankerbeispiele", BLOCK_ANCHOR, DE },
	{ "Anchor example", BLOCK_ANCHOR, EN }, { "Anchor examples", BLOCK_ANCHOR, EN },
	{ "Beispiel", BLOCK_NOTE, DE },        { "Beispiele", BLOCK_NOTE, DE },
	{ "Bsp", BLOCK_NOTE, DE },             { "Bsp.", BLOCK_NOTE, DE },
	{ "Auffälligkeit", BLOCK_NOTE, DE },   { "Auffälligkeiten", BLOCK_NOTE, DE },
	{ "Kritik", BLOCK_NOTE, DE },          { "Anmerkung", BLOCK_NOTE, DE },
	{ "Anmerkungen", BLOCK_NOTE, DE },     { "Hinweis", BLOCK_NOTE, DE },
	{ "Hinweise", BLOCK_NOTE, DE },        { "Abgrenzung", BLOCK_NOTE, DE },
	{ "Kodierregel", BLOCK_NOTE, DE },     { "Kodierregeln", BLOCK_NOTE, DE },
};
#undef DE
#undef EN
#undef ANY

/* ---------------------------------------------------------------------- */
/* Lines and small scanners. */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void split_lines(struct parser *p, const char *text, size_t len)
{
	/* The importer normalises, but a file read some other way may still
	 * carry a byte order mark or "\r\n"; neither should change the result. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	/* Lines end in "\n", "\r\n" or a lone "\r" (old Mac files). */
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
	p->lines = xcalloc(n, sizeof *p->lines);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n' && text[i] != '\r')
			continue;
		size_t e = i;
		while (e > start && is_blank(text[e - 1]))
			e--;
		p->lines[p->nlines++] = (struct line){ text + start, e - start };
		if (i + 1 < len && text[i] == '\r' && text[i + 1] == '\n')
			i++;
		start = i + 1;
	}
}

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((*s)[*len - 1]))
		(*len)--;
}

/* Length of the code number ("2.12.8") at the start of s: digits
 * separated by single dots; 0 when s does not start with one. */
static size_t number_len(const char *s, size_t len)
{
	size_t i = 0;
	for (;;) {
		size_t d = i;
		while (i < len && isdigit((unsigned char)s[i]))
			i++;
		if (i == d)
			return 0;
		if (i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1]))
			i++;
		else
			return i;
	}
}

/* Split "NUMBER NAME"; false when l is not such a line.  Leading blanks
 * are ignored here and in label_at: the text keeps its indentation but
 * the writer may drop it, and that must not turn text into structure. */
static bool split_numbered(const struct line *l, const char **num, size_t *numlen,
                           const char **rest, size_t *restlen)
{
	const char *s = l->s;
	size_t len = l->len;
	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	size_t n = number_len(s, len);
	if (n == 0 || n == len || !is_blank(s[n]))
		return false;
	*num = s;
	*numlen = n;
	*rest = s + n;
	*restlen = len - n;
	trim(rest, restlen);
	return *restlen > 0;
}

/* Offset just past the last " >> " in s, 0 when there is none. */
static size_t after_last_sep(const char *s, size_t len)
{
	for (size_t i = len; i >= 4; i--)
		if (memcmp(s + i - 4, " >> ", 4) == 0)
			return i;
	return 0;
}

/* The listed code numbered num[0..len), -1 when none: through the map,
 * since the list and every heading look numbers up (a scan per lookup
 * made 100,000 codes take minutes). */
static int find_code(const struct parser *p, const char *num, size_t len)
{
	size_t i = anker_map_get(&p->bynum, num, len);
	return i == SIZE_MAX ? -1 : (int)i;
}

/* Is s[0..len) the listed name?  A tab counts as the space it became in
 * the list (add_code). */
static bool same_name(const char *listed, const char *s, size_t len)
{
	if (strlen(listed) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (listed[i] != (s[i] == '\t' ? ' ' : s[i]))
			return false;
	return true;
}

/* At most max bytes of s, cut at a character boundary (for messages). */
static int cut_utf8(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* ---------------------------------------------------------------------- */
/* Labels and headings. */

/* Does s start with an uppercase letter (ASCII or Latin-1: Ä Ö Ü …)? */
static bool upper_start(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len > 0 && u[0] >= 'A' && u[0] <= 'Z')
		return true;
	return len > 1 && u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97;
}

/* An unknown label must look like one: an uppercase start, one to three
 * words, at most 40 characters, no quote marks or list punctuation.  That
 * keeps "aus Kommunen-Sicht: wenig Einfluss" and "- b) Formen der …:"
 * in the text where they belong. */
static bool looks_like_label(const char *s, size_t n)
{
	size_t chars = 0, spaces = 0;
	bool opens;
	if (!upper_start(s, n) || s[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t' || strchr(",;=", s[i]) || codebook_quote_mark(s, n, i, &opens))
			return false;
		spaces += s[i] == ' ';
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	}
	return spaces <= 2 && chars <= 40;
}

struct label {
	enum block_kind kind;
	enum codebook_lang lang;        /* a known label's language, else DEFAULT */
	const char *name, *rest;        /* the label; the text after it, trimmed */
	size_t namelen, restlen;
	const char *raw;                /* the text after the colon and one blank */
	size_t rawlen;
};

/* Is l a "Label:" line (leading blanks ignored)? */
static bool label_at(const struct line *l, struct label *lab)
{
	const char *s = l->s, *end = l->s + l->len;
	while (s < end && is_blank(*s))
		s++;
	const char *colon = memchr(s, ':', (size_t)(end - s));
	if (!colon || colon == s)
		return false;
	size_t n = (size_t)(colon - s), k;
	for (k = 0; k < sizeof known_labels / sizeof known_labels[0]; k++)
		if (strlen(known_labels[k].name) == n && strncasecmp(s, known_labels[k].name, n) == 0)
			break;
	lab->lang = CODEBOOK_LANG_DEFAULT;
	if (k < sizeof known_labels / sizeof known_labels[0]) {
		lab->kind = known_labels[k].kind;
		lab->lang = known_labels[k].lang;
	} else {
		if ((colon + 1 < end && !is_blank(colon[1])) || !looks_like_label(s, n))
			return false;
		lab->kind = BLOCK_NOTE;
	}
	lab->name = s;
	lab->namelen = n;
	lab->rest = colon + 1;
	lab->restlen = (size_t)(end - lab->rest);
	lab->raw = lab->rest + (lab->restlen > 0 && is_blank(*lab->rest));
	lab->rawlen = (size_t)(end - lab->raw);
	trim(&lab->rest, &lab->restlen);
	return true;
}

/* Is the next non-blank line after line i a definition label, or is there
 * none?  Only a definition label: the export opens every section with
 * one, and the text writer puts anchor examples and notes after the
 * definition, so a line of theirs that happens to precede a note's label
 * in the written file must not become a heading there. */
static bool definition_follows(const struct parser *p, size_t i)
{
	struct label lab;
	while (++i < p->nlines && p->lines[i].len == 0)
		;
	return i == p->nlines || (label_at(&p->lines[i], &lab) && lab.kind == BLOCK_DEF);
}

/* Is line i a section heading "NUMBER PATH"?  Returns the listed code's
 * index, -2 for a heading whose number is not listed, -1 for an ordinary
 * line.  Text may start with a number too ("2 Personen sind …"), so a
 * listed number makes a heading only with a path, with the list's name,
 * or — a renamed top-level heading — as the top-level code expected next
 * with a definition label after it, as every heading of the export has. */
static int heading_at(const struct parser *p, size_t li, size_t expect, const char **name,
                      size_t *namelen)
{
	size_t nl, rl;
	const char *num, *rest;
	if (!split_numbered(&p->lines[li], &num, &nl, &rest, &rl))
		return -1;
	size_t sep = after_last_sep(rest, rl);
	*name = rest + sep;
	*namelen = rl - sep;
	int i = find_code(p, num, nl);
	if (i < 0)
		return sep ? -2 : -1;
	const struct codebook_code *c = &p->cb->codes[i];
	if (sep || same_name(c->name, rest, rl))
		return i;
	return (size_t)i == expect && c->parent < 0 && definition_follows(p, li) ? i : -1;
}

/* ---------------------------------------------------------------------- */
/* The list. */

static void add_code(struct parser *p, const char *num, size_t numlen, const char *name,
                     size_t namelen, size_t line)
{
	struct codebook *cb = p->cb;
	if (cb->ncodes == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		cb->codes = xreallocarray(cb->codes, p->cap, sizeof *cb->codes);
	}
	struct codebook_code *c = &cb->codes[cb->ncodes++];
	memset(c, 0, sizeof *c);
	c->number = xstrndup(num, numlen);
	c->name = xstrndup(name, namelen);
	for (char *t = c->name; (t = strchr(t, '\t'));)
		*t = ' ';
	c->definition = xstrdup("");
	c->parent = -1;
	c->line = line;
	anker_map_put(&p->bynum, c->number, numlen, cb->ncodes - 1);
}

/* A number listed twice: the first body heading repeats the list's first
 * number, so this ends the list — unless the list plainly goes on after
 * it (the next line is another new "NUMBER NAME"), which makes it a
 * duplicate. */
static bool list_ends_at(const struct parser *p, size_t i, const char *rest, size_t restlen)
{
	if (after_last_sep(rest, restlen))
		return true;
	size_t j = i + 1;
	while (j < p->nlines && p->lines[j].len == 0)
		j++;
	if (j == p->nlines)
		return true;
	size_t nl, rl;
	const char *num, *r;
	if (!split_numbered(&p->lines[j], &num, &nl, &r, &rl) || after_last_sep(r, rl))
		return true;
	return find_code(p, num, nl) >= 0;
}

/* Natural order, stably (2.01 and 2.1 are equal to anker_numcmp): by list
 * line where numbers compare equal. */
static int cmp_listed(const void *x, const void *y)
{
	const struct codebook_code *a = x, *b = y;
	int c = anker_numcmp(a->number, b->number);
	return c ? c : a->line < b->line ? -1 : a->line > b->line;
}

/* Natural order: parents before children, 2.9 before 2.10.  The export is
 * already in this order; a hand-edited list may not be.  The map follows
 * the codes to their new places. */
static void sort_codes(struct parser *p)
{
	struct codebook *cb = p->cb;
	qsort(cb->codes, cb->ncodes, sizeof *cb->codes, cmp_listed);
	anker_map_free(&p->bynum);
	for (size_t i = 0; i < cb->ncodes; i++)
		anker_map_put(&p->bynum, cb->codes[i].number, strlen(cb->codes[i].number), i);
}

static int link_parents(struct parser *p)
{
	struct codebook *cb = p->cb;
	size_t bad = SIZE_MAX;
	for (size_t i = 0; i < cb->ncodes; i++) {
		const char *num = cb->codes[i].number;
		const char *dot = strrchr(num, '.');
		if (!dot)
			continue;
		cb->codes[i].parent = find_code(p, num, (size_t)(dot - num));
		if (cb->codes[i].parent < 0 && (bad == SIZE_MAX || cb->codes[i].line < cb->codes[bad].line))
			bad = i;
	}
	if (bad == SIZE_MAX)
		return ANKER_OK;
	const char *num = cb->codes[bad].number;
	return anker_err_set(p->err, ANKER_INPUT, "%s:%zu: code %s has no parent %.*s in the list",
	                     p->file, cb->codes[bad].line, num,
	                     (int)(strrchr(num, '.') - num), num);
}

/* How deep a listed code may be.  XML parsers refuse documents nested
 * deeper than 256 elements (libxml2 without XML_PARSE_HUGE, which would
 * lift its other limits too), and a .qdpx nests a code a few levels below
 * its root: 100 levels keep every codebook exportable and importable, and
 * are far beyond any real code system. */
#define CODEBOOK_MAX_DEPTH 100

/* A listed code the project can keep: at most CODEBOOK_MAX_DEPTH levels
 * deep, a name that passes codebook_name_check, as `codes add` asks.  A
 * tab inside a name is white space, and becomes a space (add_code) with a
 * warning. */
static int list_name(struct parser *p, size_t i, const char *num, size_t numlen,
                     const char *name, size_t len)
{
	size_t depth = 1;
	for (size_t k = 0; k < numlen; k++)
		depth += num[k] == '.';
	if (depth > CODEBOOK_MAX_DEPTH)
		return anker_err_set(p->err, ANKER_INPUT, "%s:%zu: code %.*s is %zu levels deep "
		                     "(anker keeps at most %d: a deeper tree could not be written "
		                     "as a REFI-QDA file)", p->file, i + 1, (int)numlen, num, depth,
		                     CODEBOOK_MAX_DEPTH);
	char *spaced = xstrndup(name, len);
	for (char *t = spaced; (t = strchr(t, '\t'));)
		*t = ' ';
	int rc = codebook_name_check(spaced, len, p->err);
	free(spaced);
	if (rc) {
		anker_err_prefix(p->err, "%s:%zu", p->file, i + 1);
		return rc;
	}
	if (memchr(name, '\t', len))
		codebook_warn(p->cb, "%s:%zu: tab in the code name '%.*s' replaced by a space",
		              p->file, i + 1, (int)len, name);
	return ANKER_OK;
}

static int parse_list(struct parser *p, size_t from, size_t *body)
{
	size_t i;
	int rc;
	for (i = from; i < p->nlines; i++) {
		const struct line *l = &p->lines[i];
		size_t nl, rl;
		const char *num, *rest;
		if (l->len == 0)
			continue;
		if (!split_numbered(l, &num, &nl, &rest, &rl))
			return anker_err_set(p->err, ANKER_INPUT,
			                     "%s:%zu: expected \"NUMBER NAME\" in the code list, not \"%.*s%s\"",
			                     p->file, i + 1, cut_utf8(l->s, l->len, 60), l->s,
			                     l->len > 60 ? "…" : "");
		int first = find_code(p, num, nl);
		if (first >= 0) {
			if (list_ends_at(p, i, rest, rl))
				break;
			return anker_err_set(p->err, ANKER_INPUT,
			                     "%s:%zu: number %.*s is listed twice (first at line %zu)",
			                     p->file, i + 1, (int)nl, num, p->cb->codes[first].line);
		}
		if ((rc = list_name(p, i, num, nl, rest, rl)))
			return rc;
		add_code(p, num, nl, rest, rl, i + 1);
	}
	*body = i;
	if (p->cb->ncodes == 0)     /* from - 1 is the "Codesystem" line, 0-based */
		return anker_err_set(p->err, ANKER_INPUT, "%s:%zu: no codes listed under \"Codesystem\"",
		                     p->file, from);
	sort_codes(p);
	return link_parents(p);
}

/* ---------------------------------------------------------------------- */
/* Sections and their blocks. */

/* Finish the anchor example being read (even if its quote never closed). */
static void anchor_emit(struct section *sec)
{
	const char *s = sb_str(&sec->ex);
	size_t len = sec->ex.len;
	trim(&s, &len);
	size_t quote_len, cite_at;
	if (len > 0 && codebook_quote_citation(s, len, &quote_len, &cite_at))
		codebook_anchor_push(sec->code, xstrndup(s, quote_len),
		                     xstrndup(s + cite_at, len - 1 - cite_at));
	else if (len > 0)
		codebook_anchor_push(sec->code, xstrndup(s, len), NULL);
	sb_reset(&sec->ex);
	sec->open = false;
	sec->depth = 0;
}

/* One paragraph of an anchor block.  Each quote is one example; a quote
 * whose paragraph ends inside it runs on into the next paragraph (joined
 * with "\n"); two quotes on one line are two examples; a paragraph that is
 * not a quote (a paraphrase) is an example of its own. */
static void anchor_feed(struct section *sec, const char *s, size_t len)
{
	size_t start = 0, i = 0, m;
	int depth = 0;

	trim(&s, &len);
	if (len == 0)
		return;
	if (sec->open && codebook_quote_at(s, len, 0, &m) > 0)
		anchor_emit(sec);       /* a new quote: the open one never closed */
	if (sec->open) {
		sb_addc(&sec->ex, '\n');
		depth = sec->depth;
	}
	while (i < len) {
		int q = codebook_quote_at(s, len, i, &m);
		i += m;
		if (q > 0) {
			depth++;
		} else if (q < 0 && depth > 0 && --depth == 0) {
			size_t k = i;
			while (k < len && is_blank(s[k]))
				k++;
			if (k < len && codebook_quote_at(s, len, k, &m) > 0) {
				sb_add(&sec->ex, s + start, i - start);
				anchor_emit(sec);
				start = i = k;
			}
		}
	}
	sb_add(&sec->ex, s + start, len - start);
	if (depth > 0 && !codebook_quote_ends_with_closer(s, len)) {
		sec->open = true;
		sec->depth = depth;
	} else {
		anchor_emit(sec);
	}
}

/* Add a paragraph to a text block: "\n" between paragraphs, indentation
 * after the first kept (nested bullets). */
static void add_para(struct strbuf *sb, const char *s, size_t len)
{
	if (sb->len > 0) {
		sb_addc(sb, '\n');
	} else {
		while (len > 0 && is_blank(*s)) {
			s++;
			len--;
		}
	}
	sb_add(sb, s, len);
}

static void block_add(struct section *sec, const char *s, size_t len)
{
	if (sec->kind == BLOCK_ANCHOR)
		anchor_feed(sec, s, len);
	else
		add_para(sec->kind == BLOCK_DEF ? &sec->def : &sec->note, s, len);
}

static void block_end(struct section *sec)
{
	if (sec->kind == BLOCK_ANCHOR) {
		anchor_emit(sec);
	} else if (sec->kind == BLOCK_NOTE) {
		struct codebook_code *c = sec->code;
		const char *s = sb_str(&sec->note);
		size_t len = sec->note.len;
		trim(&s, &len);
		c->notes = xreallocarray(c->notes, c->nnotes + 1, sizeof *c->notes);
		c->notes[c->nnotes].label = sec->label;
		c->notes[c->nnotes++].text = xstrndup(s, len);
		sec->label = NULL;
		sb_reset(&sec->note);
	}
}

static void section_end(struct section *sec)
{
	if (!sec->code)
		return;
	block_end(sec);
	const char *s = sb_str(&sec->def);
	size_t len = sec->def.len;
	trim(&s, &len);
	free(sec->code->definition);
	sec->code->definition = xstrndup(s, len);
	sb_reset(&sec->def);
	sec->code = NULL;
}

/* A line inside a section: a new labelled block, or more of the current. */
static void section_line(struct section *sec, const struct line *l)
{
	struct label lab;

	if (!label_at(l, &lab)) {
		block_add(sec, l->s, l->len);
		return;
	}
	/* A second "Codedefinition:" continues the definition: the text
	 * writer uses that for definition lines that would read as labels or
	 * headings, and writes them after "Codedefinition: " as they were,
	 * indentation included, which must therefore stay. */
	block_end(sec);
	sec->votes[lab.lang]++;
	bool more = lab.kind == BLOCK_DEF && sec->def.len > 0 && lab.restlen > 0;
	sec->kind = lab.kind;
	if (lab.kind == BLOCK_NOTE)
		sec->label = xstrndup(lab.name, lab.namelen);
	if (more)
		block_add(sec, lab.raw, lab.rawlen);
	else if (lab.restlen > 0)
		block_add(sec, lab.rest, lab.restlen);
}

/* Start the section of code h at line lineno; false when it is skipped. */
static bool section_begin(struct parser *p, struct section *sec, int h, size_t *seen,
                          size_t lineno, const char *name, size_t namelen)
{
	struct codebook_code *c;
	if (h == -2) {
		size_t nl, rl;
		const char *num, *rest;
		split_numbered(&p->lines[lineno - 1], &num, &nl, &rest, &rl);
		codebook_warn(p->cb, "%s:%zu: heading %.*s is not in the list; section skipped",
		              p->file, lineno, (int)nl, num);
		return false;
	}
	c = &p->cb->codes[h];
	if (seen[h]) {
		codebook_warn(p->cb, "%s:%zu: second section for %s (first at line %zu); skipped",
		              p->file, lineno, c->number, seen[h]);
		return false;
	}
	seen[h] = lineno;
	if (!same_name(c->name, name, namelen))
		codebook_warn(p->cb, "%s:%zu: heading of %s names it '%.*s', the list '%s'; "
		              "keeping the list's name", p->file, lineno, c->number,
		              (int)namelen, name, c->name);
	sec->code = c;
	sec->kind = BLOCK_DEF;  /* text before any label is the definition */
	return true;
}

static void parse_body(struct parser *p, size_t from)
{
	struct codebook *cb = p->cb;
	size_t *seen = xcalloc(cb->ncodes, sizeof *seen);  /* line of each section */
	struct section sec = {0};
	size_t expect = 0;

	for (size_t i = from; i < p->nlines; i++) {
		const struct line *l = &p->lines[i];
		const char *name;
		size_t namelen;
		if (l->len == 0)
			continue;
		int h = heading_at(p, i, expect, &name, &namelen);
		if (h == -1) {
			if (sec.code)
				section_line(&sec, l);
			continue;
		}
		section_end(&sec);
		if (section_begin(p, &sec, h, seen, i + 1, name, namelen))
			expect = (size_t)h + 1;
	}
	section_end(&sec);
	/* The codebook's language: that of most of its known labels. */
	size_t de = sec.votes[CODEBOOK_LANG_DE], en = sec.votes[CODEBOOK_LANG_EN];
	cb->labels_lang = de > en ? CODEBOOK_LANG_DE : en > de ? CODEBOOK_LANG_EN : CODEBOOK_LANG_DEFAULT;
	for (size_t i = 0; i < cb->ncodes; i++)
		if (!seen[i])
			codebook_warn(cb, "%s:%zu: code %s has no section; its definition is empty",
			              p->file, cb->codes[i].line, cb->codes[i].number);
	free(seen);
	free(sec.label);
	sb_free(&sec.note);
	sb_free(&sec.def);
	sb_free(&sec.ex);
}

/* ---------------------------------------------------------------------- */

bool codebook_maxqda_structural(const struct codebook *cb, const char *line, size_t len)
{
	struct line l = { line, len };
	struct label lab;
	size_t nl, rl;
	const char *num, *r;

	while (l.len > 0 && (is_blank(l.s[l.len - 1]) || l.s[l.len - 1] == '\r'))
		l.len--;
	if (label_at(&l, &lab))
		return true;
	/* Wider than heading_at, which also looks at the lines around: a line
	 * wrongly called structural only costs an extra "Codedefinition:". */
	if (!split_numbered(&l, &num, &nl, &r, &rl))
		return false;
	if (after_last_sep(r, rl) > 0)
		return true;
	for (size_t i = 0; i < cb->ncodes; i++) {
		const char *n = cb->codes[i].number;
		if (n && strlen(n) == nl && memcmp(n, num, nl) == 0)
			return true;
	}
	return false;
}

static bool is_codesystem(const struct line *l)
{
	const char *s = l->s;
	size_t len = l->len;
	trim(&s, &len);
	if (len > 0 && s[len - 1] == ':')
		len--;
	return (len == 10 && strncasecmp(s, "Codesystem", 10) == 0) ||
	       (len == 11 && strncasecmp(s, "Code System", 11) == 0);
}

/* The title block as written (it carries the copyright), without the
 * blank lines before "Codesystem". */
static char *make_preamble(const struct parser *p, size_t end)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < end; i++) {
		sb_add(&sb, p->lines[i].s, p->lines[i].len);
		sb_addc(&sb, '\n');
	}
	while (sb.len > 0 && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	return sb_steal(&sb);
}

int codebook_parse_maxqda(const char *text, size_t len, const char *filename,
                          struct codebook *out, struct anker_err *err)
{
	struct parser p = { .file = filename ? filename : "<codebook>", .cb = out, .err = err };
	size_t cs, body = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (!text)
		len = 0;
	const char *nul = len ? memchr(text, '\0', len) : NULL;
	if (nul) {  /* every string here is a C string: a NUL would cut it */
		size_t line = 1;
		for (const char *c = text; c < nul; c++)
			line += *c == '\n';
		return anker_err_set(err, ANKER_INPUT, "%s:%zu: NUL byte: not a text file",
		                     p.file, line);
	}
	split_lines(&p, text ? text : "", len);
	for (cs = 0; cs < p.nlines && !is_codesystem(&p.lines[cs]); cs++)
		;
	if (cs == p.nlines) {
		rc = anker_err_set(err, ANKER_INPUT, "%s:1: no \"Codesystem\" line: "
		                   "not a MAXQDA codebook export", p.file);
		goto fail;
	}
	out->preamble = make_preamble(&p, cs);
	rc = parse_list(&p, cs + 1, &body);
	if (rc != ANKER_OK)
		goto fail;
	parse_body(&p, body);
	free(p.lines);
	anker_map_free(&p.bynum);
	return ANKER_OK;
fail:
	free(p.lines);
	anker_map_free(&p.bynum);
	codebook_free(out);
	return rc;
}
