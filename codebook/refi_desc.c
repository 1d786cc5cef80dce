/* codebook/refi_desc.c — anker's fields in a REFI-QDA Code's Description.
 *
 * Number, position, definition, anchor examples and notes are written as
 * "== ... ==" header lines, each followed by its text; .qdc and .qdpx share
 * the format, so either reads back what the other wrote.  A Description
 * that does not start with such a header comes from another tool and is
 * the definition as it stands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "codebook.h"

void codebook_refi_desc_head(struct strbuf *sb, const char *number, long long position,
                             const char *definition)
{
	if (number && *number)
		sb_addf(sb, "== Number: %s ==\n", number);
	sb_addf(sb, "== Position: %lld ==\n", position);
	sb_addf(sb, "== Definition ==\n%s\n", definition);
}

void codebook_refi_desc_anchor(struct strbuf *sb, const char *text, const char *citation,
                               const char *segment_guid)
{
	sb_addf(sb, "== Anchor example | %s | %s ==\n%s\n", citation,
	        segment_guid ? segment_guid : "-", text);
}

void codebook_refi_desc_note(struct strbuf *sb, const char *label, const char *text)
{
	sb_addf(sb, "== Note: %s ==\n%s\n", label, text);
}

static bool header(const char *line, size_t len)
{
	return len >= 6 && memcmp(line, "== ", 3) == 0 && memcmp(line + len - 3, " ==", 3) == 0;
}

/* "CITATION | GUID" of an anchor header: the GUID is after the last " | ". */
static void anchor_fields(const char *s, size_t len, struct strbuf *json)
{
	const char *bar = NULL;
	for (size_t i = 0; i + 3 <= len; i++)
		if (memcmp(s + i, " | ", 3) == 0)
			bar = s + i;
	size_t clen = bar ? (size_t)(bar - s) : len;
	sb_adds(json, ", \"citation\": ");
	sb_add_json(json, s, clen);
	sb_adds(json, ", \"segment_guid\": ");
	if (bar && !(len - clen - 3 == 1 && bar[3] == '-'))
		sb_add_json(json, bar + 3, len - clen - 3);
	else
		sb_adds(json, "null");
}

void codebook_refi_desc_parse(const char *d, struct codebook_refi_desc *out)
{
	size_t len = strlen(d), nl = strcspn(d, "\n");
	struct strbuf anchors = {0}, notes = {0};
	memset(out, 0, sizeof *out);
	out->position = -1;
	if (!header(d, nl)) {
		out->definition = xstrdup(d);
		out->anchors = xstrdup("[]");
		out->notes = xstrdup("[]");
		return;
	}
	sb_adds(&anchors, "[");
	sb_adds(&notes, "[");
	size_t na = 0, nn = 0;
	const char *p = d, *end = d + len;
	while (p < end) {
		size_t hl = strcspn(p, "\n");
		const char *h = p + 4 > end ? end : p;   /* header line [p, p + hl) */
		const char *body = p + hl + (p + hl < end);
		/* The body runs to the newline before the next header line. */
		const char *q = body, *bend = end;
		while (q < end) {
			size_t l = strcspn(q, "\n");
			if (header(q, l)) {
				bend = q > body ? q - 1 : body;
				break;
			}
			q += l + (q + l < end);
		}
		if (q >= end && bend == end && end > body && end[-1] == '\n')
			bend = end - 1;
		const char *in = h + 3;
		size_t il = hl - 6;
		if (il > 8 && memcmp(in, "Number: ", 8) == 0) {
			free(out->number);
			out->number = xstrndup(in + 8, il - 8);
		} else if (il > 10 && memcmp(in, "Position: ", 10) == 0) {
			out->position = strtol(in + 10, NULL, 10);
		} else if (il == 10 && memcmp(in, "Definition", 10) == 0) {
			free(out->definition);
			out->definition = xstrndup(body, (size_t)(bend - body));
		} else if (il >= 14 && memcmp(in, "Anchor example", 14) == 0) {
			sb_addf(&anchors, "%s{\"position\": %zu, \"text\": ", na ? ", " : "", na + 1);
			sb_add_json(&anchors, body, (size_t)(bend - body));
			if (il > 17)
				anchor_fields(in + 17, il - 17, &anchors);
			else
				sb_adds(&anchors, ", \"citation\": \"\", \"segment_guid\": null");
			sb_adds(&anchors, "}");
			na++;
		} else if (il > 6 && memcmp(in, "Note: ", 6) == 0) {
			sb_addf(&notes, "%s{\"position\": %zu, \"label\": ", nn ? ", " : "", nn + 1);
			sb_add_json(&notes, in + 6, il - 6);
			sb_adds(&notes, ", \"text\": ");
			sb_add_json(&notes, body, (size_t)(bend - body));
			sb_adds(&notes, "}");
			nn++;
		}
		p = q < end ? q : end;
	}
	sb_adds(&anchors, "]");
	sb_adds(&notes, "]");
	out->anchors = sb_steal(&anchors);
	out->notes = sb_steal(&notes);
	if (!out->definition)
		out->definition = xstrdup("");
}

void codebook_refi_desc_free(struct codebook_refi_desc *d)
{
	free(d->number);
	free(d->definition);
	free(d->anchors);
	free(d->notes);
	memset(d, 0, sizeof *d);
}

bool codebook_xml_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr codebook_xml_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (codebook_xml_is(c, name))
			return c;
	return NULL;
}

char *codebook_xml_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}
