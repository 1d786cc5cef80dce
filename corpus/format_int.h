/* corpus/format_int.h — inside corpus/ only: the readers that turn a file
 * of one format into plain UTF-8 text, which then takes the text import
 * path (normalisation, positions, speaker turns) like any .txt.
 *
 * A reader appends paragraphs to out->text, each ended by fmt_para_end
 * (one LF: a paragraph is a line of the stored text), footnotes and
 * endnotes to out->notes (fmt_note_add: they follow the text, after an
 * empty line and a rule "---", as "[1] text"), and comments to out->comments with byte
 * offsets into out->text.  It need not produce NFC or refuse controls:
 * corpus_normalize does that.  It returns ANKER_INPUT with a message that
 * names the place ("word/document.xml:3:17: ...", "byte 1234: ...") but
 * not the file: the caller puts the file name in front.
 */
#ifndef ANKER_CORPUS_FORMAT_INT_H
#define ANKER_CORPUS_FORMAT_INT_H

#include "../lazy/lazy.h"   /* libxml2 and libzip, loaded on first use */

#include "corpus.h"

struct fmt_out {
	struct strbuf text;
	struct strbuf notes;
	size_t nfoot, nend;            /* footnotes and endnotes so far */
	struct corpus_comment *comments;
	size_t ncomments;
	bool decoded;                  /* the input was converted to UTF-8 before */
};

typedef int fmt_reader(const char *raw, size_t len, const struct corpus_import_opts *o,
                       struct fmt_out *out, struct anker_err *err);

fmt_reader fmt_docx_read, fmt_odt_read, fmt_rtf_read, fmt_pdf_read, fmt_srt_read,
	fmt_vtt_read, fmt_html_read;

/* The text of o (a note or comment rendered apart), without the blanks
 * and line ends it ends with; o is freed. */
char *fmt_out_take(struct fmt_out *o, size_t *len);
/* End the current paragraph (a LF). */
void fmt_para_end(struct fmt_out *o);
/* Append a note's text as its own paragraph after the text; endnote
 * numbers are lower-case roman ("[i]"), footnotes arabic ("[1]"), as word
 * processors number them by default.  The mark ("[1]") is also appended
 * to the text where the note is referenced. */
void fmt_note_add(struct fmt_out *o, bool endnote, const char *text, size_t len);
/* A comment on bytes [start, end) of out->text; strings are copied. */
void fmt_comment_add(struct fmt_out *o, size_t start, size_t end, const char *author,
                     const char *date, const char *text);
/* Append s collapsing runs of blanks (space, tab, CR, LF) into one space
 * and dropping blanks at the start of a paragraph (XML and HTML text). */
void fmt_add_collapsed(struct fmt_out *o, const char *s);
/* One table row: its cells (is_cell) rendered by cell(ctx, node) into
 * o->text, separated by tabs, without the blanks the cells end with.  The
 * reader ends the row's paragraph itself. */
void fmt_table_row(struct fmt_out *o, xmlNodePtr row, bool (*is_cell)(xmlNodePtr),
                   void (*cell)(void *ctx, xmlNodePtr cell), void *ctx);
/* Append a code point as UTF-8 (surrogates and U+0000 become U+FFFD). */
void fmt_add_cp(struct strbuf *sb, long cp);
void fmt_out_free(struct fmt_out *o);

/* Zip containers (docx, odt): open raw bytes, read a member, parse a
 * member as XML.  Errors name the member and, for XML, line and column.
 * fmt_zip_xml with optional: a missing member is *doc = NULL, no error. */
int fmt_zip_open(const char *raw, size_t len, zip_t **z, struct anker_err *err);
int fmt_zip_read(zip_t *z, const char *name, char **buf, size_t *len, struct anker_err *err);
int fmt_zip_xml(zip_t *z, const char *name, bool optional, xmlDocPtr *doc,
                struct anker_err *err);

/* libxml2 helpers: local name test with namespace URI; attribute value
 * by namespace URI and local name (xmlFree it). */
bool fmt_xml_is(xmlNodePtr n, const char *ns, const char *name);
char *fmt_xml_attr(xmlNodePtr n, const char *ns, const char *name);

#endif
