/* corpus/format_docx.c — Word documents (.docx, Office Open XML), with
 * libzip and libxml2.
 *
 * word/document.xml's body in order: paragraphs (headings and list items
 * are paragraphs too), tables row by row (cells separated by a tab, the
 * paragraphs of a cell by a space).  Runs give their text, tabs, line
 * breaks (a LF) and non-breaking spaces as they are; tracked changes are
 * accepted (w:ins and w:moveTo kept, w:del and w:moveFrom dropped); field
 * instructions are dropped and field results kept; drawings, pictures and
 * embedded objects are left out.  Footnotes and endnotes (footnotes.xml,
 * endnotes.xml) follow the text; comments (comments.xml) are returned with
 * the range they mark.
 */
#include <stdlib.h>
#include <string.h>

#include "format_int.h"

static const char *const W_NS[] = {
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
	"http://purl.oclc.org/ooxml/wordprocessingml/main",   /* strict OOXML */
};

struct range {
	char *id;
	size_t start;
	bool done;
};

struct docx {
	struct fmt_out *o;
	xmlDocPtr foot, end, comments;
	struct range *ranges;
	size_t nranges;
	bool in_cell;       /* paragraph ends and breaks become spaces */
};

static bool w_is(xmlNodePtr n, const char *name)
{
	return fmt_xml_is(n, W_NS[0], name) || fmt_xml_is(n, W_NS[1], name);
}

static char *w_attr(xmlNodePtr n, const char *name)
{
	char *v = fmt_xml_attr(n, W_NS[0], name);
	return v ? v : fmt_xml_attr(n, W_NS[1], name);
}

static void blocks(struct docx *d, xmlNodePtr parent);
static void inlines(struct docx *d, xmlNodePtr parent);

static void para_end(struct docx *d)
{
	if (d->in_cell)
		sb_addc(&d->o->text, ' ');
	else
		fmt_para_end(d->o);
}

/* A w:footnote, w:endnote or w:comment element with this w:id. */
static xmlNodePtr by_id(xmlDocPtr doc, const char *elem, const char *id)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (!w_is(n, elem))
			continue;
		char *v = w_attr(n, "id");
		bool same = v && strcmp(v, id) == 0;
		xmlFree(v);
		if (same)
			return n;
	}
	return NULL;
}

/* The text of a note or comment: its paragraphs, rendered apart. */
static char *part_text(struct docx *d, xmlNodePtr n, size_t *len)
{
	struct fmt_out tmp = {0};
	struct docx sub = { .o = &tmp };
	(void)d;
	blocks(&sub, n);
	for (size_t i = 0; i < sub.nranges; i++)
		free(sub.ranges[i].id);
	free(sub.ranges);
	return fmt_out_take(&tmp, len);
}

static void note_ref(struct docx *d, xmlNodePtr n, bool endnote)
{
	char *id = w_attr(n, "id");
	xmlNodePtr note = id ? by_id(endnote ? d->end : d->foot, endnote ? "endnote" : "footnote",
	                             id) : NULL;
	size_t len = 0;
	char *text = note ? part_text(d, note, &len) : xstrdup("");
	fmt_note_add(d->o, endnote, text, len);
	free(text);
	xmlFree(id);
}

static void comment_add(struct docx *d, const char *id, size_t start)
{
	xmlNodePtr c = by_id(d->comments, "comment", id);
	if (!c)
		return;
	char *author = w_attr(c, "author"), *date = w_attr(c, "date");
	size_t len;
	char *text = part_text(d, c, &len);
	fmt_comment_add(d->o, start, d->o->text.len, author, date, text);
	free(text);
	xmlFree(author);
	xmlFree(date);
}

static struct range *range_of(struct docx *d, const char *id)
{
	for (size_t i = 0; i < d->nranges; i++)
		if (strcmp(d->ranges[i].id, id) == 0)
			return &d->ranges[i];
	return NULL;
}

/* commentRangeStart, commentRangeEnd, commentReference: a comment is
 * taken at its range's end, or at its reference when it has no range. */
static void comment_mark(struct docx *d, xmlNodePtr n, int what)
{
	char *id = w_attr(n, "id");
	if (!id)
		return;
	struct range *r = range_of(d, id);
	if (what == 0 && !r) {
		d->ranges = xreallocarray(d->ranges, d->nranges + 1, sizeof *d->ranges);
		d->ranges[d->nranges++] = (struct range){ xstrdup(id), d->o->text.len, false };
	} else if (what != 0 && !(r && r->done)) {
		comment_add(d, id, r ? r->start : d->o->text.len);
		if (!r) {
			d->ranges = xreallocarray(d->ranges, d->nranges + 1, sizeof *d->ranges);
			d->ranges[d->nranges++] = (struct range){ xstrdup(id), 0, true };
		} else {
			r->done = true;
		}
	}
	xmlFree(id);
}

static void run_break(struct docx *d, xmlNodePtr n)
{
	char *type = w_attr(n, "type");
	struct strbuf *t = &d->o->text;
	/* A page or column break between paragraphs adds nothing; inside
	 * one it separates words. */
	bool page = type && (strcmp(type, "page") == 0 || strcmp(type, "column") == 0);
	if (!page || (t->len && t->buf[t->len - 1] != '\n'))
		sb_addc(t, d->in_cell ? ' ' : '\n');
	xmlFree(type);
}

static void run(struct docx *d, xmlNodePtr r)
{
	for (xmlNodePtr n = r->children; n; n = n->next) {
		if (w_is(n, "t")) {
			xmlChar *s = xmlNodeGetContent(n);
			sb_adds(&d->o->text, s ? (const char *)s : "");
			xmlFree(s);
		} else if (w_is(n, "tab") || w_is(n, "ptab")) {
			sb_addc(&d->o->text, '\t');
		} else if (w_is(n, "br") || w_is(n, "cr")) {
			run_break(d, n);
		} else if (w_is(n, "noBreakHyphen")) {
			sb_addc(&d->o->text, '-');
		} else if (w_is(n, "footnoteReference")) {
			note_ref(d, n, false);
		} else if (w_is(n, "endnoteReference")) {
			note_ref(d, n, true);
		} else if (w_is(n, "commentReference")) {
			comment_mark(d, n, 2);
		}
		/* w:delText, w:instrText, w:drawing, w:pict, w:object,
		 * w:softHyphen, w:sym, mc:AlternateContent: nothing. */
	}
}

static void inlines(struct docx *d, xmlNodePtr parent)
{
	static const char *const wrappers[] = { "ins", "moveTo", "hyperlink", "smartTag",
	                                        "customXml", "fldSimple", "sdtContent", "dir",
	                                        "bdo", "sdt" };
	/* Recursion is bounded: libxml2 refuses elements nested deeper than
	 * 256 levels. */
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (w_is(n, "r")) {
			run(d, n);
		} else if (w_is(n, "commentRangeStart")) {
			comment_mark(d, n, 0);
		} else if (w_is(n, "commentRangeEnd")) {
			comment_mark(d, n, 1);
		} else {
			for (size_t k = 0; k < sizeof wrappers / sizeof *wrappers; k++)
				if (w_is(n, wrappers[k])) {
					inlines(d, n);
					break;
				}
		}
	}
}

static bool is_tc(xmlNodePtr n)
{
	return w_is(n, "tc");
}

static void cell(void *ctx, xmlNodePtr tc)
{
	blocks(ctx, tc);
}

static void table(struct docx *d, xmlNodePtr tbl)
{
	bool was = d->in_cell;
	for (xmlNodePtr tr = tbl->children; tr; tr = tr->next) {
		if (!w_is(tr, "tr"))
			continue;
		d->in_cell = true;
		fmt_table_row(d->o, tr, is_tc, cell, d);
		d->in_cell = was;
		para_end(d);
	}
}

static void blocks(struct docx *d, xmlNodePtr parent)
{
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (w_is(n, "p")) {
			inlines(d, n);
			para_end(d);
		} else if (w_is(n, "tbl")) {
			table(d, n);
		} else if (w_is(n, "sdt") || w_is(n, "sdtContent") || w_is(n, "customXml") ||
		           w_is(n, "ins") || w_is(n, "moveTo")) {
			blocks(d, n);
		}
	}
}

int fmt_docx_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                  struct fmt_out *out, struct anker_err *err)
{
	struct docx d = { .o = out };
	xmlDocPtr doc = NULL;
	zip_t *z;
	(void)o;
	int rc = fmt_zip_open(raw, len, &z, err);
	if (rc)
		return rc;
	if ((rc = fmt_zip_xml(z, "word/document.xml", false, &doc, err)) ||
	    (rc = fmt_zip_xml(z, "word/footnotes.xml", true, &d.foot, err)) ||
	    (rc = fmt_zip_xml(z, "word/endnotes.xml", true, &d.end, err)) ||
	    (rc = fmt_zip_xml(z, "word/comments.xml", true, &d.comments, err)))
		goto out;
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL;
	for (xmlNodePtr n = root && w_is(root, "document") ? root->children : NULL; n; n = n->next)
		if (w_is(n, "body"))
			body = n;
	if (!body) {
		rc = anker_err_set(err, ANKER_INPUT, "word/document.xml: no w:document/w:body");
		goto out;
	}
	blocks(&d, body);
out:
	for (size_t i = 0; i < d.nranges; i++)
		free(d.ranges[i].id);
	free(d.ranges);
	xmlFreeDoc(doc);
	xmlFreeDoc(d.foot);
	xmlFreeDoc(d.end);
	xmlFreeDoc(d.comments);
	zip_discard(z);
	return rc;
}
