/* refi/refi.h — REFI-QDA (QDA-XML 1.0): .qdc codebooks and .qdpx
 * projects, in and out, so that anker's work moves to and from MAXQDA,
 * ATLAS.ti, NVivo and QualCoder.
 */
#ifndef ANKER_REFI_H
#define ANKER_REFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "../codebook/codebook.h"

/* A REFI-QDA Code's Description (refi/desc.c), shared by .qdc and
 * .qdpx: anker's number, position, definition, anchor examples ("CITATION
 * | SEGMENT-GUID or -") and labelled notes as "== ... ==" header lines,
 * each followed by its text.  Write the head first, then each anchor and
 * note in order. */
void refi_desc_head(struct strbuf *sb, const char *number, long long position,
                             const char *definition);
void refi_desc_anchor(struct strbuf *sb, const char *text, const char *citation,
                               const char *segment_guid);
void refi_desc_note(struct strbuf *sb, const char *label, const char *text);
/* Can the definition stand alone as the Description?  When there is no
 * number, and its first line would not read as one of the headers; the
 * caller checks that there are no anchors or notes and that the position
 * is the code's place among its siblings (what a Description without
 * headers reads back as).  Another tool's Description then goes back as
 * it came. */
bool refi_desc_plain(const char *number, const char *definition);
/* Taken apart: number (NULL when none), position (-1 when none),
 * definition, and anchors and notes as JSON lists in store_row_json's
 * form.  A Description that does not start with a "== ... ==" line is all
 * definition.  Strings are owned. */
struct refi_desc {
	char *number;
	long position;
	char *definition;
	char *anchors, *notes;
};
void refi_desc_parse(const char *desc, struct refi_desc *out);
void refi_desc_free(struct refi_desc *d);

/* s as XML 1.0 can carry it, for the .qdc and .qdpx writers (refi/xml.c;
 * the other XML helpers are private, refi/refi_int.h): C0 controls
 * other than tab, LF and CR become U+FFFD (libxml2 would write them as
 * character references that every XML parser refuses, so the export would
 * not open anywhere, anker included).  Returns s when nothing needed
 * replacing, else a malloc'd copy left in *copy to free; *replaced counts
 * the characters replaced. */
const char *refi_xml_text(const char *s, char **copy, size_t *replaced);

/* REFI-QDA codebook (.qdc, refi/qdc.c).  Export: a CodeBook in the
 * namespace urn:QDA-XML:codebook:1.0, codes nested by the tree, each with
 * guid, name, isCodable, color and the Description above; it validates
 * against Codebook.xsd. */
/* *replaced (may be NULL): control characters written as U+FFFD. */
int refi_qdc_export(struct store *st, struct strbuf *out, size_t *replaced,
                        struct anker_err *err);
/* Import: merge a .qdc into the project in one transaction (one undo step,
 * "codebook import").  A code is matched by GUID (braces and case
 * ignored), else by path; a match is updated with what the file gives
 * (name, parent, isCodable, color when given, the definition; number,
 * position, anchors and notes only from an anker Description), others are
 * added with the file's GUID.  Nothing is deleted; re-importing changes
 * nothing.  Any namespace is accepted.  Refuses (ANKER_INPUT, nothing
 * written) malformed XML ("FILE:LINE:COL: ..."), a DOCTYPE (entities are
 * never expanded), a root that is not CodeBook, a code without a valid
 * GUID.  Sets of codes (ATLAS.ti's code groups) are not kept: anker
 * groups documents only; each is named in warn->warnings (codebook_warn;
 * nothing else of warn is touched; NULL: not told). */
int refi_qdc_import(struct store *st, const char *path, struct codebook_import_report *rep,
                    struct codebook *warn, struct anker_err *err);

/* REFI-QDA projects (.qdpx: a zip of project.qde and sources/GUID.txt),
 * refi/qdpx_write.c and refi/qdpx_read.c.
 *
 * Mapping: coders <-> Users; codes <-> CodeBook (nested, color,
 * isCodable; number, position, definition, anchor examples and labelled
 * notes as "== ... ==" sections of the Description, which anker reads
 * back, and which a Description from another tool never has: then it is
 * the definition); documents <-> TextSource (internal://GUID.txt, or
 * PlainTextContent when reading), their variables <-> Variables and
 * VariableValue, their group <-> a Set of sources; segments <->
 * PlainTextSelection + Coding (selection GUID = segment GUID; code points,
 * end exclusive; the segment's memo is the selection's Description);
 * memos <-> Notes with NoteRef from what they are about; a segment's
 * weight and review verdicts travel as Notes named "anker:weight N" and
 * "anker:review VERDICT". */
struct refi_qdpx_report {
	size_t users, codes, sources, selections, notes, sets;
	char **warnings;        /* "what was skipped and why" */
	size_t nwarnings;
};
void refi_qdpx_report_free(struct refi_qdpx_report *r);
/* Write the whole project to path (replaced atomically by libzip).
 * ANKER_IO when the file cannot be written. */
int refi_qdpx_export(struct store *st, const char *path, struct refi_qdpx_report *rep,
                       struct anker_err *err);
/* Read a .qdpx into the project, matching rows by GUID.  Rows the project
 * lacks are added; rows it has must be the same as the file's (importing
 * the same export again changes nothing): a row the file would change
 * (another range, weight, memo, name...; reviews or memos added here that
 * the file lacks) refuses the import (ANKER_INPUT, naming how many and
 * the first few) unless o->replace, which writes the file's rows over the
 * project's.  A document the project has keeps where and when it was
 * imported unless o->replace.  One transaction, one undo step ("qdpx
 * import"): on any error nothing is written.  Rows are applied as they are
 * read, so that memory holds one source's text at a time, however many
 * there are; segments and memos the project lacks are added a few
 * thousand at a time (refi/qdpx_bulk.c).  Refuses (ANKER_INPUT) a file that is not a zip, has no .qde,
 * holds unsafe entry names (".." or absolute), too many entries, texts
 * and note files of more than o->max_size bytes inflated in all (message
 * naming --max-size; project.qde, streamed, is not counted: it may
 * inflate to what the project's disk has free), malformed XML ("FILE:LINE:COL: what"), selections outside their text,
 * references to unknown codes or users.  Selections count code points of
 * the file's text; they are mapped through what normalising does to it
 * (BOM, CRLF, NFC: corpus_posmap), so each covers the same characters.
 * Sources other than text, and Sets of codes (anker groups documents
 * only), are skipped with a warning.  The Project's name becomes the
 * project's title when it has none yet.  A code without a valid color in
 * the file keeps the project's, else gets one as codebook import derives
 * it (codebook_palette, store_color_child). */
#define REFI_QDPX_MAX_SIZE ((uint64_t)1 << 30)
struct refi_qdpx_opts {
	uint64_t max_size;      /* inflated bytes of all texts and note files read;
	                         * 0: REFI_QDPX_MAX_SIZE */
	bool replace;           /* the file's rows win over the project's (--replace) */
};
int refi_qdpx_import(struct store *st, const char *path, const struct refi_qdpx_opts *o,
                     struct refi_qdpx_report *rep, struct anker_err *err);

#endif
