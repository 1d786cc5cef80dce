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

bool refi_desc_plain(const char *number, const char *definition)
{
	return !(number && *number) && header(definition, strcspn(definition, "\n")) == DESC_TEXT;
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

/* "CITATION | GUID" of an anchor header: the GUID is after the last " | ".
 * Empty (a bare "Anchor example" header): citation "", no segment. */
static void anchor_fields(const char *s, size_t len, struct json_w *w)
{
	const char *bar = NULL;
	for (size_t i = 0; i + 3 <= len; i++)
		if (memcmp(s + i, " | ", 3) == 0)
			bar = s + i;
	size_t clen = bar ? (size_t)(bar - s) : len;
	json_key(w, "citation"); json_strn(w, s, clen);
	json_key(w, "segment_guid");
	if (bar && !(len - clen - 3 == 1 && bar[3] == '-'))
		json_strn(w, bar + 3, len - clen - 3);
	else
		json_null(w);
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

/* The anchors and notes read so far, as JSON arrays. */
struct desc_lists {
	struct json_w anchors, notes;
	size_t na, nn;
};

/* One header line [h, h + hl) and its text. */
static void desc_section(struct refi_desc *out, const char *h, size_t hl,
                         const struct strbuf *text, struct desc_lists *l)
{
	const char *in = h + 3;
	size_t il = hl - 6;
	struct json_w *aw = &l->anchors, *nw = &l->notes;
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
		json_obj_begin(aw);
		json_key(aw, "position"); json_int(aw, (int64_t)++l->na);
		json_key(aw, "text"); json_strn(aw, sb_str(text), text->len);
		/* "Anchor example | " is 17 bytes; a bare header is 14 */
		anchor_fields(in + 17, il > 17 ? il - 17 : 0, aw);
		json_obj_end(aw);
		break;
	case DESC_NOTE:
		json_obj_begin(nw);
		json_key(nw, "position"); json_int(nw, (int64_t)++l->nn);
		json_key(nw, "label"); json_strn(nw, in + 6, il - 6);
		json_key(nw, "text"); json_strn(nw, sb_str(text), text->len);
		json_obj_end(nw);
		break;
	case DESC_TEXT:
		break;
	}
}

void refi_desc_parse(const char *d, struct refi_desc *out)
{
	size_t len = strlen(d), nl = strcspn(d, "\n");
	struct strbuf anchors = {0}, notes = {0}, text = {0};
	struct desc_lists l = { .anchors = { .out = &anchors }, .notes = { .out = &notes } };
	memset(out, 0, sizeof *out);
	out->position = -1;
	json_arr_begin(&l.anchors);
	json_arr_begin(&l.notes);
	/* Another tool's Description is the definition as it stands. */
	bool ours = header(d, nl) != DESC_TEXT;
	const char *p = d, *end = d + len;
	while (ours && p < end) {
		size_t hl = strcspn(p, "\n");   /* p is at a header line */
		const char *body = p + hl + (p + hl < end), *next;
		section_text(body, end, &text, &next);
		desc_section(out, p, hl, &text, &l);
		p = next;
	}
	sb_free(&text);
	json_arr_end(&l.anchors);
	json_arr_end(&l.notes);
	out->anchors = sb_steal(&anchors);
	out->notes = sb_steal(&notes);
	if (!out->definition)
		out->definition = xstrdup(ours ? "" : d);
}

void refi_desc_free(struct refi_desc *d)
{
	free(d->number);
	free(d->definition);
	free(d->anchors);
	free(d->notes);
	memset(d, 0, sizeof *d);
}
