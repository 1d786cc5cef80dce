/* corpus/format_html.c — web pages (.html), with libxml2's HTML parser.
 *
 * Block elements (p, div, h1-h6, li, blockquote, pre, td's rows, ...) are
 * paragraphs; a table row is one paragraph with its cells separated by a
 * tab; <br> is a line end; white space collapses as a browser shows it,
 * except in <pre>.  The head, scripts, styles and other content that is
 * not text (template, noscript, svg, canvas, iframe, object) are dropped,
 * and so are comments.  The character set is the page's own (<meta
 * charset>), --encoding's, or UTF-8 after a UTF-16 byte order mark.
 */
#include <string.h>
#include <strings.h>

#include "format_int.h"

struct html {
	struct fmt_out *o;
	bool in_cell, in_pre;
};

static const char *const dropped[] = {
	"head", "script", "style", "template", "noscript", "svg", "canvas", "iframe", "object",
	"embed", "select", "button", "math",
};

static const char *const blocks[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
	"address", "article", "section", "aside", "header", "footer", "nav", "main", "figure",
	"figcaption", "form", "fieldset", "legend", "details", "summary", "table", "tbody",
	"thead", "tfoot", "ul", "ol", "dl", "hr", "caption", "center", "body", "html", "menu",
	"hgroup",
};

static bool named(xmlNodePtr n, const char *const *list, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (strcasecmp((const char *)n->name, list[k]) == 0)
			return true;
	return false;
}

#define NAMED(n, list) named((n), (list), sizeof(list) / sizeof *(list))

/* End the current paragraph, if it has anything (blank lines between
 * blocks are not paragraphs). */
static void block_break(struct html *h)
{
	struct strbuf *t = &h->o->text;
	while (t->len && t->buf[t->len - 1] == ' ')
		t->len--;
	if (h->in_cell) {
		if (t->len && t->buf[t->len - 1] != '\t' && t->buf[t->len - 1] != '\n')
			sb_addc(t, ' ');
	} else if (t->len && t->buf[t->len - 1] != '\n') {
		fmt_para_end(h->o);
	}
}

static void walk(struct html *h, xmlNodePtr parent);

static bool is_cell(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && (strcasecmp((const char *)n->name, "td") == 0 ||
	                                       strcasecmp((const char *)n->name, "th") == 0);
}

static void cell(void *ctx, xmlNodePtr td)
{
	walk(ctx, td);
}

static void row(struct html *h, xmlNodePtr tr)
{
	bool was = h->in_cell;
	block_break(h);
	h->in_cell = true;
	fmt_table_row(h->o, tr, is_cell, cell, h);
	h->in_cell = was;
	block_break(h);
}

static void text(struct html *h, const char *s)
{
	if (h->in_pre) {
		for (; *s; s++)
			if (*s != '\r')
				sb_addc(&h->o->text, h->in_cell && *s == '\n' ? ' ' : *s);
		return;
	}
	fmt_add_collapsed(h->o, s);
}

/* Bounded recursion: libxml2's parser nests at most 256 levels. */
static void walk(struct html *h, xmlNodePtr parent)
{
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			text(h, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || NAMED(n, dropped))
			continue;
		if (strcasecmp((const char *)n->name, "br") == 0) {
			if (h->in_cell)
				sb_addc(&h->o->text, ' ');
			else
				fmt_para_end(h->o);
		} else if (strcasecmp((const char *)n->name, "tr") == 0) {
			row(h, n);
		} else if (NAMED(n, blocks)) {
			bool pre = strcasecmp((const char *)n->name, "pre") == 0, was = h->in_pre;
			block_break(h);
			h->in_pre |= pre;
			walk(h, n);
			h->in_pre = was;
			block_break(h);
		} else {
			walk(h, n);
		}
	}
}

int fmt_html_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                  struct fmt_out *out, struct anker_err *err)
{
	struct html h = { .o = out };
	/* Decoded already (--encoding, UTF-16): UTF-8 now, whatever the page's
	 * <meta charset> says. */
	const char *enc = out->decoded || o->encoding ? "UTF-8" : NULL;
	if (lazy_xml_load("importing HTML pages", err))
		return err->status;
	if (len > (size_t)INT32_MAX)
		return anker_err_set(err, ANKER_INPUT, "too large for the HTML parser (%zu bytes)",
		                     len);
	htmlDocPtr doc = htmlReadMemory(raw, (int)len, NULL, enc,
	                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	if (!doc)
		return anker_err_set(err, ANKER_INPUT, "not readable as HTML");
	walk(&h, (xmlNodePtr)doc);
	xmlFreeDoc(doc);
	return ANKER_OK;
}
