/* refi/desc.c — anker's fields in a REFI-QDA Code's Description.
 *
 * Number, position, definition, anchor examples and notes are written as
 * "== ... ==" header lines, each followed by its text; .qdc and .qdpx share
 * the format, so either reads back what the other wrote.  A text line that
 * would read as one of these headers is written with a backslash in front.
 * A Description that does not start with such a header comes from another
 * tool and is the definition as it stands.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi.h"

/* The sections anker writes.  Only these are headers: a Description
 * written elsewhere may well have "== Summary ==" lines of its own. */
enum desc_kind { DESC_TEXT, DESC_NUMBER, DESC_POSITION, DESC_DEFINITION, DESC_ANCHOR, DESC_NOTE };

static enum desc_kind header(const char *line, size_t len)
{
	if (len < 6 || memcmp(line, "== ", 3) != 0 || memcmp(line + len - 3, " ==", 3) != 0)
		return DESC_TEXT;
	const char *in = line + 3;
	size_t il = len - 6;
	if (il > 8 && memcmp(in, "Number: ", 8) == 0)
		return DESC_NUMBER;
	if (il > 10 && memcmp(in, "Position: ", 10) == 0)
		return DESC_POSITION;
	if (il == 10 && memcmp(in, "Definition", 10) == 0)
		return DESC_DEFINITION;
	if (il >= 14 && memcmp(in, "Anchor example", 14) == 0 &&
	    (il == 14 || (il >= 17 && memcmp(in + 14, " | ", 3) == 0)))
		return DESC_ANCHOR;
	if (il > 6 && memcmp(in, "Note: ", 6) == 0)
		return DESC_NOTE;
	return DESC_TEXT;
}

/* A text line that would read as a header gets one more backslash in
 * front (so does one that already has backslashes before a header): the
 * reader takes one away.  Any text survives, headers included. */
static size_t backslashes(const char *line, size_t len)
{
	size_t k = 0;
	while (k < len && line[k] == '\\')
		k++;
	return header(line + k, len - k) != DESC_TEXT ? k : SIZE_MAX;
}

static void add_text(struct strbuf *sb, const char *text)
{
	for (const char *p = text;;) {
		size_t len = strcspn(p, "\n");
		if (backslashes(p, len) != SIZE_MAX)
			sb_addc(sb, '\\');
		sb_add(sb, p, len);
		sb_addc(sb, '\n');
		if (!p[len])
			break;
		p += len + 1;
	}
}

/* A field inside a header line stays on it. */
static void add_field(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++)
		sb_addc(sb, *s == '\n' || *s == '\r' ? ' ' : *s);
}

void refi_desc_head(struct strbuf *sb, const char *number, long long position,
                             const char *definition)
{
	if (number && *number) {
		sb_adds(sb, "== Number: ");
		add_field(sb, number);
		sb_adds(sb, " ==\n");
	}
	sb_addf(sb, "== Position: %lld ==\n", position);
	sb_adds(sb, "== Definition ==\n");
	add_text(sb, definition);
}

void refi_desc_anchor(struct strbuf *sb, const char *text, const char *citation,
                               const char *segment_guid)
{
	sb_adds(sb, "== Anchor example | ");
	add_field(sb, citation);
	sb_addf(sb, " | %s ==\n", segment_guid ? segment_guid : "-");
	add_text(sb, text);
}

void refi_desc_note(struct strbuf *sb, const char *label, const char *text)
{
	sb_adds(sb, "== Note: ");
	add_field(sb, label);
	sb_adds(sb, " ==\n");
	add_text(sb, text);
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

/* The text of a section: its lines up to the next header, a backslash
 * taken from each escaped one; *next is where the next header starts. */
static void section_text(const char *p, const char *end, struct strbuf *out, const char **next)
{
	sb_reset(out);
	bool first = true;
	while (p < end) {
		size_t len = strcspn(p, "\n");
		size_t k = backslashes(p, len);
		if (k == 0)
			break;
		if (!first)
			sb_addc(out, '\n');
		first = false;
		sb_add(out, p + (k != SIZE_MAX), len - (k != SIZE_MAX));
		p += len + (p + len < end);
	}
	*next = p;
}

/* One header line [h, h + hl) and its text. */
static void desc_section(struct refi_desc *out, const char *h, size_t hl,
                         const struct strbuf *text, struct strbuf *anchors, size_t *na,
                         struct strbuf *notes, size_t *nn)
{
	const char *in = h + 3;
	size_t il = hl - 6;
	switch (header(h, hl)) {
	case DESC_NUMBER:
		free(out->number);
		out->number = xstrndup(in + 8, il - 8);
		break;
	case DESC_POSITION:
		out->position = strtol(in + 10, NULL, 10);
		break;
	case DESC_DEFINITION:
		free(out->definition);
		out->definition = xstrdup(sb_str(text));
		break;
	case DESC_ANCHOR:
		sb_addf(anchors, "%s{\"position\": %zu, \"text\": ", *na ? ", " : "", *na + 1);
		sb_add_json(anchors, sb_str(text), text->len);
		if (il > 17)
			anchor_fields(in + 17, il - 17, anchors);
		else
			sb_adds(anchors, ", \"citation\": \"\", \"segment_guid\": null");
		sb_adds(anchors, "}");
		(*na)++;
		break;
	case DESC_NOTE:
		sb_addf(notes, "%s{\"position\": %zu, \"label\": ", *nn ? ", " : "", *nn + 1);
		sb_add_json(notes, in + 6, il - 6);
		sb_adds(notes, ", \"text\": ");
		sb_add_json(notes, sb_str(text), text->len);
		sb_adds(notes, "}");
		(*nn)++;
		break;
	case DESC_TEXT:
		break;
	}
}

void refi_desc_parse(const char *d, struct refi_desc *out)
{
	size_t len = strlen(d), nl = strcspn(d, "\n");
	struct strbuf anchors = {0}, notes = {0}, text = {0};
	size_t na = 0, nn = 0;
	memset(out, 0, sizeof *out);
	out->position = -1;
	if (header(d, nl) == DESC_TEXT) {
		out->definition = xstrdup(d);
		out->anchors = xstrdup("[]");
		out->notes = xstrdup("[]");
		return;
	}
	sb_adds(&anchors, "[");
	sb_adds(&notes, "[");
	const char *p = d, *end = d + len;
	while (p < end) {
		size_t hl = strcspn(p, "\n");   /* p is at a header line */
		const char *body = p + hl + (p + hl < end), *next;
		section_text(body, end, &text, &next);
		desc_section(out, p, hl, &text, &anchors, &na, &notes, &nn);
		p = next;
	}
	sb_free(&text);
	sb_adds(&anchors, "]");
	sb_adds(&notes, "]");
	out->anchors = sb_steal(&anchors);
	out->notes = sb_steal(&notes);
	if (!out->definition)
		out->definition = xstrdup("");
}

void refi_desc_free(struct refi_desc *d)
{
	free(d->number);
	free(d->definition);
	free(d->anchors);
	free(d->notes);
	memset(d, 0, sizeof *d);
}
