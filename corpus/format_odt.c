/* corpus/format_odt.c — OpenDocument text (.odt), with libzip and libxml2.
 *
 * content.xml's office:text in order: paragraphs and headings, list items,
 * sections, tables row by row (cells separated by a tab, the paragraphs of
 * a cell by a space).  White space collapses as ODF says; text:s, text:tab
 * and text:line-break give spaces, a tab and a LF.  Tracked changes are
 * accepted: the body holds the inserted text already, deleted text lives
 * only in text:tracked-changes, which is skipped.  Fields show their
 * result (their element's text); frames (images, drawings, text boxes)
 * are left out.  Notes follow the text; annotations are comments on the
 * range up to their office:annotation-end.
 */
#include <stdlib.h>
#include <string.h>

#include "format_int.h"

#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define DC_NS "http://purl.org/dc/elements/1.1/"

struct open_note {
	char *name;
	size_t start;
	char *author, *date, *text;
};

struct odt {
	struct fmt_out *o;
	struct open_note *open;        /* annotations waiting for their end */
	size_t nopen;
	bool in_cell;
};

static bool t_is(xmlNodePtr n, const char *name)
{
	return fmt_xml_is(n, TEXT_NS, name);
}

static void blocks(struct odt *d, xmlNodePtr parent);
static void inlines(struct odt *d, xmlNodePtr parent);

static void para_end(struct odt *d)
{
	struct strbuf *t = &d->o->text;
	while (t->len && t->buf[t->len - 1] == ' ')   /* collapsed white space at the end */
		t->len--;
	if (d->in_cell)
		sb_addc(t, ' ');
	else
		fmt_para_end(d->o);
}

/* The text of a note body or an annotation, rendered apart. */
static char *part_text(xmlNodePtr n, size_t *len)
{
	struct fmt_out tmp = {0};
	struct odt sub = { .o = &tmp };
	blocks(&sub, n);
	for (size_t i = 0; i < sub.nopen; i++) {
		free(sub.open[i].name);
		free(sub.open[i].author);
		free(sub.open[i].date);
		free(sub.open[i].text);
	}
	free(sub.open);
	return fmt_out_take(&tmp, len);
}

static char *child_text(xmlNodePtr n, const char *ns, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (fmt_xml_is(c, ns, name)) {
			xmlChar *s = xmlNodeGetContent(c);
			char *r = xstrdup(s ? (const char *)s : "");
			xmlFree(s);
			return r;
		}
	return xstrdup("");
}

static void note(struct odt *d, xmlNodePtr n)
{
	char *cls = fmt_xml_attr(n, TEXT_NS, "note-class");
	bool endnote = cls && strcmp(cls, "endnote") == 0;
	xmlFree(cls);
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (t_is(c, "note-body")) {
			size_t len;
			char *text = part_text(c, &len);
			fmt_note_add(d->o, endnote, text, len);
			free(text);
			return;
		}
}

static void annotation(struct odt *d, xmlNodePtr n)
{
	char *name = fmt_xml_attr(n, OFFICE_NS, "name");
	size_t len;
	struct open_note a = { NULL, d->o->text.len, child_text(n, DC_NS, "creator"),
	                       child_text(n, DC_NS, "date"), part_text(n, &len) };
	if (!name) {   /* no range: a comment at this point */
		fmt_comment_add(d->o, a.start, a.start, a.author, a.date, a.text);
		free(a.author);
		free(a.date);
		free(a.text);
		return;
	}
	a.name = xstrdup(name);
	xmlFree(name);
	d->open = xreallocarray(d->open, d->nopen + 1, sizeof *d->open);
	d->open[d->nopen++] = a;
}

static void annotation_end(struct odt *d, xmlNodePtr n)
{
	char *name = fmt_xml_attr(n, OFFICE_NS, "name");
	for (size_t i = 0; name && i < d->nopen; i++) {
		struct open_note *a = &d->open[i];
		if (strcmp(a->name, name) != 0)
			continue;
		fmt_comment_add(d->o, a->start, d->o->text.len, a->author, a->date, a->text);
		free(a->name);
		free(a->author);
		free(a->date);
		free(a->text);
		d->open[i] = d->open[--d->nopen];
		break;
	}
	xmlFree(name);
}

static void spaces(struct odt *d, xmlNodePtr n)
{
	char *c = fmt_xml_attr(n, TEXT_NS, "c");
	long k = c ? strtol(c, NULL, 10) : 1;
	xmlFree(c);
	for (long i = 0; i < (k < 1 ? 1 : k > 1000 ? 1000 : k); i++)
		sb_addc(&d->o->text, ' ');
}

static void inlines(struct odt *d, xmlNodePtr parent)
{
	/* Bounded recursion: libxml2 refuses elements nested deeper than 256. */
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			fmt_add_collapsed(d->o, (const char *)n->content);
		} else if (n->type != XML_ELEMENT_NODE) {
			continue;
		} else if (t_is(n, "s")) {
			spaces(d, n);
		} else if (t_is(n, "tab")) {
			sb_addc(&d->o->text, '\t');
		} else if (t_is(n, "line-break")) {
			sb_addc(&d->o->text, d->in_cell ? ' ' : '\n');
		} else if (t_is(n, "note")) {
			note(d, n);
		} else if (fmt_xml_is(n, OFFICE_NS, "annotation")) {
			annotation(d, n);
		} else if (fmt_xml_is(n, OFFICE_NS, "annotation-end")) {
			annotation_end(d, n);
		} else if (n->ns && n->ns->href &&
		           (strcmp((const char *)n->ns->href, TEXT_NS) == 0 ||
		            strcmp((const char *)n->ns->href, OFFICE_NS) == 0) &&
		           !t_is(n, "note-citation") && !t_is(n, "ruby-text")) {
			/* text:span, text:a, fields (text:date, text:page-number, ...),
			 * text:ruby-base, text:meta: their text. */
			inlines(d, n);
		}
		/* draw:*, table:* inside a paragraph, and foreign elements:
		 * nothing. */
	}
}

/* Covered cells (the rest of a merged cell) hold nothing. */
static bool is_cell(xmlNodePtr n)
{
	return fmt_xml_is(n, TABLE_NS, "table-cell");
}

static void cell(void *ctx, xmlNodePtr c)
{
	blocks(ctx, c);
}

static void table(struct odt *d, xmlNodePtr parent)
{
	bool was = d->in_cell;
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (fmt_xml_is(n, TABLE_NS, "table-header-rows") || fmt_xml_is(n, TABLE_NS, "table-rows") ||
		    fmt_xml_is(n, TABLE_NS, "table-row-group")) {
			table(d, n);
		} else if (fmt_xml_is(n, TABLE_NS, "table-row")) {
			d->in_cell = true;
			fmt_table_row(d->o, n, is_cell, cell, d);
			d->in_cell = was;
			para_end(d);
		}
	}
}

static void blocks(struct odt *d, xmlNodePtr parent)
{
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (t_is(n, "p") || t_is(n, "h")) {
			inlines(d, n);
			para_end(d);
		} else if (fmt_xml_is(n, TABLE_NS, "table")) {
			table(d, n);
		} else if (t_is(n, "list") || t_is(n, "list-item") || t_is(n, "list-header") ||
		           t_is(n, "section") || t_is(n, "index-body") ||
		           t_is(n, "table-of-content") || t_is(n, "alphabetical-index") ||
		           t_is(n, "illustration-index") || t_is(n, "table-index") ||
		           t_is(n, "bibliography") || t_is(n, "note-body")) {
			blocks(d, n);
		}
		/* text:tracked-changes (deletions), text:*-decls, *-source
		 * (index templates), office:forms, draw:*: nothing. */
	}
}

int fmt_odt_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                 struct fmt_out *out, struct anker_err *err)
{
	struct odt d = { .o = out };
	xmlDocPtr doc = NULL;
	zip_t *z;
	(void)o;
	int rc = fmt_zip_open(raw, len, &z, err);
	if (rc)
		return rc;
	if ((rc = fmt_zip_xml(z, "content.xml", false, &doc, err)))
		goto out;
	xmlNodePtr root = xmlDocGetRootElement(doc), text = NULL;
	for (xmlNodePtr b = root ? root->children : NULL; b && !text; b = b->next)
		for (xmlNodePtr n = fmt_xml_is(b, OFFICE_NS, "body") ? b->children : NULL; n; n = n->next)
			if (fmt_xml_is(n, OFFICE_NS, "text"))
				text = n;
	if (!text) {
		rc = anker_err_set(err, ANKER_INPUT, "content.xml: no office:body/office:text (not a "
		                   "text document?)");
		goto out;
	}
	blocks(&d, text);
	/* An annotation whose end never came marks the rest of the text. */
	for (size_t i = 0; i < d.nopen; i++) {
		struct open_note *a = &d.open[i];
		fmt_comment_add(out, a->start, out->text.len, a->author, a->date, a->text);
		free(a->name);
		free(a->author);
		free(a->date);
		free(a->text);
	}
	free(d.open);
out:
	xmlFreeDoc(doc);
	zip_discard(z);
	return rc;
}
