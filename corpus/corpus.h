/* corpus/corpus.h — documents: text normalisation, positions, speaker
 * turns, display width, search, import.
 *
 * Positions are Unicode code points of the stored text, 0-based, end
 * exclusive.  A paragraph is one line of the stored text (LF separated),
 * numbered from 1; a LF at the very end ends the last paragraph, it does
 * not start an empty one ("a\nb\n" has two paragraphs, "a\n\n" two, the
 * second empty).  Stored text is UTF-8, NFC, LF line ends, no BOM.
 */
#ifndef ANKER_CORPUS_H
#define ANKER_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../store/store.h"

/* ---------------------------------------------------------------------- */
/* Normalisation (corpus/text.c) */

struct corpus_norm {
	char *text;          /* owned by the caller: free() */
	size_t len;          /* bytes */
	size_t chars;        /* code points */
	size_t replaced;     /* invalid bytes replaced by U+FFFD (lossy only) */
	bool had_bom;
	bool had_crlf;       /* CRLF or lone CR converted */
};

/* Turn raw file bytes into stored text: drop a UTF-8 BOM, validate UTF-8,
 * CRLF and lone CR to LF, NFC.  Refuses (ANKER_INPUT, message
 * "byte offset N: ...") invalid UTF-8 unless lossy, and any NUL byte
 * ("byte offset N: NUL byte (binary file?)", even when lossy).  The message
 * gives the offset in the raw input, BOM included.  Invalid UTF-8 reads
 * "byte offset N: invalid UTF-8 (bytes 0xC3 0x28: incomplete sequence)".
 * Lossy: each maximal invalid subpart becomes one U+FFFD.  Empty input is
 * fine (text "" with len 0). */
int corpus_normalize(const char *raw, size_t len, bool lossy, struct corpus_norm *out,
                     struct anker_err *err);

/* Positions through normalisation (corpus/posmap.c): where the code points
 * of raw text end up in the text corpus_normalize makes of it, for
 * positions another program counted in the raw text (a .qdpx selection).
 * Raw positions count code points after a BOM (which is not text), end
 * exclusive.  Only the pieces whose length changes are kept: a CRLF (two
 * code points, one LF), and each run that NFC composes or expands (a
 * character with the combining marks that follow it); everything between
 * them moves by the same offset.  A position inside such a piece snaps
 * outward: a start to the piece's start, an end to its end, so that a
 * range covers at least the characters it covered. */
struct corpus_posmap {
	struct corpus_posmap_piece {
		size_t raw, stored;      /* where the piece starts, in each text */
		uint32_t raw_len, stored_len;
	} *piece;
	size_t n, cap;
	size_t raw_chars;            /* code points of the raw text, BOM not counted */
	size_t chars;                /* code points of the normalised text */
};
/* Build the map of raw (len bytes, UTF-8 as corpus_normalize accepted it).
 * m->chars then equals the chars of corpus_normalize's result. */
void corpus_posmap_build(const char *raw, size_t len, struct corpus_posmap *m);
/* A raw start or end position (at most m->raw_chars) in the normalised
 * text. */
size_t corpus_posmap_start(const struct corpus_posmap *m, size_t raw);
size_t corpus_posmap_end(const struct corpus_posmap *m, size_t raw);
void corpus_posmap_free(struct corpus_posmap *m);

/* Text stored as it was given (a memo, a code's definition, a review's
 * comment), from an argument, a prompt or a file: it must be UTF-8, which
 * every export and the screen assume.  ANKER_INPUT "WHAT: byte offset N:
 * invalid UTF-8 (...)" (or a NUL byte) otherwise; NULL is fine.  The
 * modules that store such text call it, so that every caller (command
 * line, TUI, imports) gets the same check. */
int corpus_utf8_check(const char *what, const char *s, struct anker_err *err);

/* The same for text kept as given that comes from a file (s[0..len), a
 * note, a name, a description): refused as corpus_utf8_check refuses
 * ("WHAT: byte offset N: ..."), a NUL byte too, so that none truncates
 * it; else *out is a malloc'd NFC copy, line ends and a leading BOM kept
 * as they are.  ANKER_INPUT, ANKER_NOMEM. */
int corpus_text_given(const char *what, const char *s, size_t len, char **out,
                      struct anker_err *err);

/* Number of code points in valid UTF-8. */
size_t corpus_utf8_count(const char *s, size_t len);

/* ---------------------------------------------------------------------- */
/* Positions (corpus/text.c).  An index over one document's text: paragraph
 * starts, and checkpoints every CORPUS_CKPT code points so that converting
 * a code point offset to a byte offset (and back) costs O(log n + CKPT),
 * never a scan from the start. */

#define CORPUS_CKPT 64

struct corpus_text {
	const char *s;       /* borrowed: must outlive the index */
	size_t len;          /* bytes */
	size_t chars;        /* code points */
	size_t nlines;       /* paragraphs: 1 + number of LF, less one when the
	                      * text ends in a LF (0 for "") */
	size_t *line_cp;     /* code point offset where each line starts */
	size_t *ckpt;        /* byte offset of code point i*CORPUS_CKPT */
	size_t nckpt;
	bool ascii;          /* bytes == code points: conversions are identity */
};

int corpus_text_index(struct corpus_text *t, const char *s, size_t len);
void corpus_text_free(struct corpus_text *t);
/* Code point → byte offset; cp > chars is clamped to len. */
size_t corpus_text_byte(const struct corpus_text *t, size_t cp);
/* Byte offset (at a character boundary) → code point offset. */
size_t corpus_text_cp(const struct corpus_text *t, size_t byte);
/* Paragraph (1-based) containing code point cp; cp == chars gives the last;
 * 0 for empty text (which has no paragraph). */
size_t corpus_text_para(const struct corpus_text *t, size_t cp);
/* Without an index: for code point offsets cps[0..n), sorted ascending,
 * their byte offsets and 1-based paragraphs, in one pass over the text
 * (eight bytes at a time).  For callers that need a few positions of many
 * documents, such as retrieval. */
void corpus_text_locate(const char *s, size_t len, const size_t *cps, size_t n, size_t *bytes,
                        size_t *paras);

/* A range of one document's text, such as a coded segment: start and end
 * (code points, end exclusive) are the input; the paragraphs it touches
 * (1-based; para_last is that of its last code point) and, when asked
 * for, its text are the output. */
struct corpus_span {
	size_t start, end;
	size_t para_first, para_last;
	char *text;          /* with_text: a malloc'd copy of the range (else untouched) */
};

/* The one way to cut segments out of a document: paragraphs and (with_text)
 * texts of the spans v[0..n) of the text s, in one pass over s however many
 * spans there are, so read each document once for all of its segments.  A
 * few spans are found by corpus_text_locate (which stops after the last of
 * them), many through an index (cheaper than sorting their positions).
 * The spans need not be sorted; a range past the end of the text is cut at
 * the end. */
void corpus_text_spans(const char *s, size_t len, struct corpus_span *v, size_t n,
                       bool with_text);
/* Code point range [start, end) of paragraph n (1-based), LF excluded. */
void corpus_text_para_range(const struct corpus_text *t, size_t n, size_t *start, size_t *end);
/* Append the citation of paragraphs first..last of document doc:
 * "DOC, Pos. 12", or "DOC, Pos. 12–14" (en dash) when last > first; with
 * doc NULL just "Pos. 12–14".  The one way anker cites a passage (anchor
 * examples, quotations, memo lists, the TUI's cards). */
void corpus_citation(struct strbuf *out, const char *doc, size_t para_first, size_t para_last);
/* Append the Pos. cell of a table: "12", or "12-14" (a hyphen: tables are
 * data, and spreadsheets read it as text) when last > first. */
void corpus_pos_cell(struct strbuf *out, size_t para_first, size_t para_last);

/* ---------------------------------------------------------------------- */
/* Speaker turns and timestamps (corpus/turns.c).
 *
 * A line starts a turn when it begins (optionally after a timestamp) with a
 * speaker label and a colon: "I:", "B:", "B1:", "Interviewer:", "Frau K.:".
 * Timestamps: "#00:12:34-5#" (f4/f5), "[00:12:34]", "[00:00:02–00:00:32]"
 * (en dash or hyphen), "(00:12)", at the start or the end of the turn's
 * first or last line, or between label and colon ("Name (00:12:34):").  A
 * label in brackets ("[id1] text", QualCoder's style) starts a turn too,
 * and so does a line that begins with a timestamp and has no label (a
 * turn without a speaker: speaker ""; subtitle cues).  A turn runs until
 * the next turn starts or a rule ("---", "___", "***" alone on a line, as
 * above the notes of an imported .docx); empty lines between turns
 * belong to no turn.
 *
 * Which labels name speakers (the speakers argument, --speakers):
 *   NULL or "auto"  every label, except figure captions ("Abbildung 55:",
 *                   "Tab. 3:"), a document's metadata ("Stand:", "Datum:",
 *                   "Quelle:", "Seite:") and labels whose text is only a
 *                   date ("Stand: Juni 2018"); leading one-off labels
 *                   without a timestamp in a dialogue are its header; a
 *                   label in brackets counts only when it occurs twice and
 *                   the document has no "Label:" turns;
 *   "off"           none (timestamps still start turns without speakers);
 *   "I,B,Frau K."   exactly these labels (comma-separated, blanks around
 *                   each trimmed), with a colon or in brackets. */

struct corpus_turn {
	size_t start, end;        /* code points, end exclusive (trailing empty lines excluded) */
	size_t para_first, para_last;
	char speaker[64];         /* label without the colon, truncated to fit */
	long ts_start_ms;         /* -1 when the turn carries no timestamp; with only
	                           * an end stamp (f4), the previous turn's end stamp */
	long ts_end_ms;           /* -1 unless a range or end stamp was given */
};

/* Parse one line (bytes).  Returns true when it starts a turn; then
 * *label and *label_len point into line and *body_off is the byte offset of
 * the turn's text after the label, colon and spaces. */
bool corpus_line_speaker(const char *line, size_t len, const char **label, size_t *label_len,
                         size_t *body_off);
/* Parse a timestamp at the start of s.  Returns bytes consumed (0: none). */
size_t corpus_timestamp_parse(const char *s, size_t len, long *start_ms, long *end_ms);
/* All turns of a text; *out is malloc'd (NULL when none). */
int corpus_turns(const struct corpus_text *t, struct corpus_turn **out, size_t *n);
/* The same with a speakers policy (see above). */
int corpus_turns_opt(const struct corpus_text *t, const char *speakers,
                     struct corpus_turn **out, size_t *n);
/* ANKER_USAGE unless spec is NULL, "auto", "off" or a list of non-empty
 * labels separated by commas. */
int corpus_speakers_check(const char *spec, struct anker_err *err);

/* Sentence around code point cp (corpus/sentence.c): [start, end), within
 * its paragraph.  A sentence ends after . ! ? … (and closing
 * quotes/brackets) followed by space; abbreviations like "z.B." or "Dr."
 * do not end one. */
void corpus_sentence_at(const struct corpus_text *t, size_t cp, size_t *start, size_t *end);

/* ---------------------------------------------------------------------- */
/* Display (corpus/width.c).  The one function that measures UTF-8 for the
 * screen.  Text is walked by grapheme clusters (utf8proc); wide characters
 * count 2, combining marks 0; a tab counts up to the next multiple of 8;
 * control characters (C0, DEL, C1) count as their visible placeholder
 * ("^X" for C0 and DEL, "<U+0085>" for C1), invalid bytes as "<XX>".
 * Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069: they
 * reorder what a reader sees, "Trojan Source"), U+2028/2029, noncharacters
 * and unassigned code points are shown by number too ("<U+202E>", 8 to 10
 * columns); LRM, RLM and ALM stay, as Arabic and Hebrew text needs them.
 *
 * corpus_utf8_fit: how many bytes of s[0..len) fit in max_cols columns
 * without splitting a grapheme cluster; *cols gets their width.
 * start_col is the column s starts at (for tabs).  max_cols < 0: no limit. */
size_t corpus_utf8_fit(const char *s, size_t len, int start_col, int max_cols, int *cols);
/* Width in columns of all of s (convenience for corpus_utf8_fit). */
int corpus_utf8_width(const char *s, size_t len);
/* Append s to out with every control character and invalid byte replaced
 * by its placeholder, so that file text never reaches a terminal raw.
 * Tabs become spaces to the next multiple of 8 when expand_tabs, else stay.
 * LF is kept when keep_newlines, else shown as "^J". */
void corpus_utf8_visible(struct strbuf *out, const char *s, size_t len, bool expand_tabs,
                         bool keep_newlines);

/* ---------------------------------------------------------------------- */
/* Names people type (corpus/names.c): codes, documents, coders, groups,
 * variables, commands, options.  Case is compared by Unicode case folding
 * ("Ärger" = "ärger", "STRASSE" = "straße"). */

/* a and b are the same name but for case. */
bool corpus_name_equal_fold(const char *a, const char *b);
/* The Damerau-Levenshtein distance (optimal string alignment: insert,
 * delete, substitute, swap two neighbours) between the case-folded code
 * points of a and b; SIZE_MAX for names over 200 code points. */
size_t corpus_name_distance(const char *a, const char *b);
/* key among names[0..n): the index of the name equal to it, else of the
 * one name equal to it but for case (names alike but for case count as
 * one); -1 when none is, -2 when several different names are (ambiguous). */
long corpus_name_find(const char *key, const char *const *names, size_t n);
/* Append "; did you mean 'X'?" to out, X the name of names[0..n) nearest
 * to key, or "; did you mean 'X' or 'Y'?" when two are as near; nothing
 * when none is within one edit (names up to 4 code points), two (up to 8)
 * or three (longer), nor one that would change every character. */
void corpus_name_suggest(struct strbuf *out, const char *key, const char *const *names,
                         size_t n);

/* The one rule for a name people give (a document, a group, a variable;
 * codebook_name_check builds on it for codes): name[0..len) not empty,
 * one line without control characters (C0, DEL, C1).  ANKER_INPUT "a WHAT
 * may not be empty" or "WHAT 'NAME' must be one line without control
 * characters (U+0009 at byte 3)". */
int corpus_name_check(const char *what, const char *name, size_t len, struct anker_err *err);
/* A name as it is stored: in normalised (NFC; invalid UTF-8 refused),
 * trimmed of white space, then corpus_name_check.  *out is malloc'd
 * (NULL on error). */
int corpus_name_clean(const char *what, const char *in, char **out, struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Regular expressions (corpus/regex.c): PCRE2 with UTF and UCP, JIT,
 * limits on steps, depth and memory, and a time budget for what those do
 * not bound: a second, and a second more per 5 MB of text a regex has
 * moved over, counted over all its calls.  Search over documents
 * (corpus/search.c), autocode and the TUI's search use them. */

struct corpus_regex;

int corpus_regex_compile(const char *pattern, bool icase, struct corpus_regex **out,
                         struct anker_err *err);
void corpus_regex_free(struct corpus_regex *re);
/* Next match at or after byte offset from (a character boundary of valid
 * UTF-8: the text is not checked again).  Returns 1 and the byte range,
 * 0 when there is none, -1 with err set (ANKER_INPUT, "pattern too
 * complex: ...") when a limit or the time budget is exceeded.
 * Empty matches are never reported, so *mend > from after a match and a
 * loop may always continue at from = *mend. */
int corpus_regex_next(struct corpus_regex *re, const char *s, size_t len, size_t from,
                      size_t *mstart, size_t *mend, struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Documents in the project (corpus/docs.c, corpus/import.c). */

struct corpus_var {
	char *name;
	char *type;          /* text, integer, float, boolean, date */
	char *value;
};

struct corpus_doc {
	int64_t id;
	char guid[37];
	char *name;
	char *group;
	size_t chars, paragraphs;
	char *source;        /* imported-from path, "" if unknown */
	char *imported;      /* ISO time */
	char **speakers;     /* distinct speaker labels in order of appearance */
	size_t nspeakers;
	struct corpus_var *vars;
	size_t nvars;
	int64_t segments;    /* number of coded segments */
};

void corpus_doc_free(struct corpus_doc *d);
void corpus_docs_free(struct corpus_doc *docs, size_t n);

/* All documents, ordered by group then name (natural order). */
int corpus_docs_list(struct store *st, struct corpus_doc **out, size_t *n, struct anker_err *err);
/* The same list for choosing a document: id, GUID, name, group, variables
 * and segment count only (chars, paragraphs 0, source, imported "", no
 * speakers): it reads only the columns stored before each text, so it
 * takes as long for 1 GB of text as for 1 MB. */
int corpus_docs_brief(struct store *st, struct corpus_doc **out, size_t *n, struct anker_err *err);
/* Find a document by name, GUID or unique GUID prefix, else by the one
 * name equal to key but for case.  ANKER_NOTFOUND says "no document
 * 'KEY'" with the nearest names ("did you mean", corpus_name_suggest);
 * ANKER_INPUT when key fits several. */
int corpus_doc_find(struct store *st, const char *key, struct corpus_doc *out,
                    struct anker_err *err);
/* Documents a command is to count, of docs[0..n) (corpus_docs_list): those
 * named (names[0..nnames), as corpus_doc_find finds them), in group (its
 * name without case when that is unique), with variable var_name (without
 * case, likewise) of value var_value (exactly); every filter given must
 * hold.  keep[i] for docs[i].  An unknown document, group or variable is
 * ANKER_NOTFOUND with a suggestion. */
struct corpus_doc_filter {
	const char *const *names;
	size_t nnames;
	const char *group;
	const char *var_name, *var_value;
};
int corpus_docs_filter(struct store *st, const struct corpus_doc *docs, size_t n,
                       const struct corpus_doc_filter *f, bool *keep, struct anker_err *err);
/* The same over every document, by id: (*keep)[id] for 0 <= id <= *max_id
 * (malloc'd; ids of no document false).  For the analyses and retrieval
 * limited to some documents (MAXQDA's activation). */
int corpus_docs_kept(struct store *st, const struct corpus_doc_filter *f, bool **keep,
                     int64_t *max_id, struct anker_err *err);
/* A document variable's name as documents have it: key exactly, else the
 * one name equal to it but for case, appended to canon.  ANKER_NOTFOUND
 * "no document has a variable 'KEY'" with the nearest names; ANKER_INPUT
 * when several names differ from key only in case. */
int corpus_var_name_find(struct store *st, const char *key, struct strbuf *canon,
                         struct anker_err *err);
/* The stored text of a document (malloc'd, NUL-terminated). */
int corpus_doc_text(struct store *st, int64_t doc_id, char **text, size_t *len,
                    struct anker_err *err);
/* corpus_text_spans over a document's stored text, read once. */
int corpus_doc_spans(struct store *st, int64_t doc_id, struct corpus_span *v, size_t n,
                     bool with_text, struct anker_err *err);
/* The turns stored at import (under the --speakers given then), in order;
 * *out is malloc'd (NULL when none).  What autocode and the coder use, so
 * that they agree with `docs` and the import. */
int corpus_doc_turns(struct store *st, int64_t doc_id, struct corpus_turn **out, size_t *n,
                     struct anker_err *err);

/* Managing documents (corpus/docs_edit.c).  Each call is one transaction
 * and one step of the log (undo and redo restore it whole); a DOC key is
 * found as corpus_doc_find finds it (a did-you-mean when none fits), and
 * any failure leaves the project as it was.  Names and groups are cleaned
 * by corpus_name_clean; a group or variable name that differs from one in
 * use only in case takes that spelling. */
struct corpus_doc_deps {
	int64_t segments;        /* codings */
	int64_t memos;           /* on the document or on its codings */
	int64_t reviews;         /* of its codings */
	int64_t anchors;         /* anchor examples quoting its codings */
};
struct corpus_doc_edit {
	char guid[37];           /* the document (of one) */
	char *name, *old_name;   /* rename: new and old name; delete: its name */
	char *group;             /* group: as stored ("" none) */
	char *var, *var_value;   /* var: the variable's name as stored; set: the value */
	const char *type;        /* var set: the value's type (corpus_var_type) */
	size_t docs;             /* documents changed (those already so are not) */
	struct corpus_doc_deps deps;  /* delete: what went with it */
};
void corpus_doc_edit_free(struct corpus_doc_edit *e);
/* What hangs on document doc_id (for delete, and the TUI's question). */
int corpus_doc_deps(struct store *st, int64_t doc_id, struct corpus_doc_deps *out,
                    struct anker_err *err);
/* Names are unique without case: ANKER_EXISTS when another document has
 * name but for case.  The same name: nothing changes (out->docs 0). */
int corpus_doc_rename(struct store *st, const char *key, const char *name,
                      struct corpus_doc_edit *out, struct anker_err *err);
/* Put the documents keys[0..n) in group ("": none). */
int corpus_docs_group(struct store *st, const char *const *keys, size_t n, const char *group,
                      struct corpus_doc_edit *out, struct anker_err *err);
/* Set variable name to value (its type by corpus_var_type; "" is a value)
 * on the documents keys[0..n); unset removes it from those that have it
 * (a name no document has: ANKER_NOTFOUND with the nearest). */
int corpus_docs_var_set(struct store *st, const char *const *keys, size_t n, const char *name,
                        const char *value, struct corpus_doc_edit *out, struct anker_err *err);
int corpus_docs_var_unset(struct store *st, const char *const *keys, size_t n, const char *name,
                          struct corpus_doc_edit *out, struct anker_err *err);
/* Delete a document with its variables and turns.  ANKER_INPUT while it
 * has codings or memos, unless force: then they go with it (a coding with
 * its reviews and memos).  Anchor examples quoting its codings stay. */
int corpus_doc_delete(struct store *st, const char *key, bool force,
                      struct corpus_doc_edit *out, struct anker_err *err);

struct corpus_import_opts {
	const char *group;           /* NULL: none */
	const struct corpus_var *vars;
	size_t nvars;
	bool lossy;
	const char *name;            /* NULL: derived from the file name */
	const char *encoding;        /* NULL: UTF-8, or UTF-16 by its BOM; else an
	                              * iconv name ("cp1252", "latin1") for text
	                              * formats (.txt, .md, .srt, .vtt, .html) */
	const char *speakers;        /* NULL: "auto"; see corpus_turns_opt */
};

struct corpus_import_result {
	char guid[37];
	char *name;                  /* owned: free() */
	const char *format;          /* "text", "docx", "odt", "rtf", "pdf", "srt",
	                              * "vtt", "html" */
	size_t chars, paragraphs, nturns;
	size_t replaced;             /* lossy replacements */
	bool empty;                  /* imported with a warning */
	char **memos;                /* comments in the file, as memo texts for the
	                              * document (see corpus_import_file) */
	size_t nmemos;
};
void corpus_import_result_free(struct corpus_import_result *res);

/* Formats (corpus/format*.c).  A file's format comes from its extension,
 * checked against its content (a .docx must be a ZIP with
 * word/document.xml, a .pdf must start with %PDF, ...); a file with
 * another extension is read by its content (ZIP, PDF, RTF, WebVTT, HTML
 * signatures), else as text.  Each reader gives plain text that goes the
 * text path: paragraphs are lines; footnotes and endnotes follow the text
 * after an empty line ("[1] ...", "[i] ..."), referenced in the text by
 * their mark; tracked changes are taken as accepted; fields show their
 * result and images nothing; comments are returned separately.  Damaged
 * input: ANKER_INPUT naming the place ("word/document.xml:3:17: ...",
 * "byte 1234: ..."), never the file (the caller adds it). */

struct corpus_comment {
	size_t start, end;           /* corpus_convert: bytes of its text */
	char *author, *date, *text;  /* "" when absent */
};

struct corpus_converted {
	char *text;                  /* UTF-8, not yet normalised; malloc'd, except
	                              * for text that needs no decoding: then raw
	                              * itself (borrowed, valid while raw is) */
	size_t len;
	bool borrowed;
	const char *format;          /* as in corpus_import_result */
	size_t replaced;             /* lossy decoding replacements */
	struct corpus_comment *comments;
	size_t ncomments;
};

/* path: for the extension only (raw holds the file).  o: encoding and
 * lossy are used; NULL for defaults. */
int corpus_convert(const char *path, const char *raw, size_t len,
                   const struct corpus_import_opts *o, struct corpus_converted *out,
                   struct anker_err *err);
void corpus_converted_free(struct corpus_converted *c);
/* ANKER_USAGE when iconv knows no encoding of that name. */
int corpus_encoding_check(const char *name, struct anker_err *err);
/* Legacy text to UTF-8 (corpus/encoding.c): with encoding NULL only a
 * UTF-16 or UTF-32 BOM makes a conversion; else *out is NULL and raw is
 * UTF-8 as it is.  Bytes invalid in the encoding are refused with their
 * offset ("byte offset N: not valid CP1252 (byte 0x81)") or, lossy,
 * replaced with U+FFFD and counted in *replaced. */
int corpus_decode(const char *raw, size_t len, const char *encoding, bool lossy, char **out,
                  size_t *out_len, size_t *replaced, struct anker_err *err);

/* Import one file as one document, whole or not at all (one transaction).
 * A duplicate name is refused (ANKER_EXISTS).  Comments of a .docx, .odt
 * or .rtf come back in res->memos, one text each, saying who wrote it, when,
 * and where it stands ("Pos. 3, characters 120-135", with the text it
 * marks), since a memo on a document has no position of its own: the
 * caller adds them as memos on the document (res->guid) in the same
 * transaction, which corpus/ cannot do (memos live in coding/). */
int corpus_import_file(struct store *st, const char *path, const struct corpus_import_opts *o,
                       struct corpus_import_result *res, struct anker_err *err);
/* Same from text bytes already in memory (used by the demo and by tests):
 * UTF-8, or o->encoding. */
int corpus_import_bytes(struct store *st, const char *name, const char *source,
                        const char *raw, size_t len, const struct corpus_import_opts *o,
                        struct corpus_import_result *res, struct anker_err *err);
/* The type of a variable's value (corpus/vars.c), the one rule for every
 * way a value comes in: "boolean" (true, false), "integer" (JSON's
 * syntax, within 64 bits: no "+5", no "007"), "float" (JSON's syntax with a
 * point or an exponent, finite: "0.0", "-1.5", "2e3", integers beyond 64
 * bits), "date" (YYYY-MM-DD, a real day), else "text".  A static string. */
const char *corpus_var_type(const char *value);
/* Parse "NAME=VALUE" into a variable, its type by corpus_var_type. */
int corpus_var_parse(const char *arg, struct corpus_var *out, struct anker_err *err);
/* Does a variable of this type with the stored value have value: equal
 * numbers for an integer or float variable ("0" matches "0.0", in any
 * form anker_parse_number reads), else equal text. */
bool corpus_var_matches(const char *type, const char *stored, const char *value);
void corpus_var_free(struct corpus_var *v);

#define CORPUS_HIT_LINE_MAX 2048

struct corpus_hit {
	int64_t doc_id;
	const char *doc;     /* borrowed from the search's document list */
	size_t pos;          /* paragraph, 1-based */
	size_t start, end;   /* code points */
	char *match;         /* owned by the callback's caller: valid during the call */
	char *line;          /* the paragraph (or context lines); longer than
	                        CORPUS_HIT_LINE_MAX bytes: the match with
	                        CORPUS_HIT_LINE_MAX / 2 bytes each side, "…"
	                        where cut */
	size_t line_at;      /* the match's first byte in line */
};

struct corpus_search_opts {
	const char *pattern;
	bool icase;
	const char *doc;     /* NULL: all documents */
	int context;         /* extra paragraphs around the hit's line */
	bool count_only;     /* fn is called once per document with hits, with
	                        only doc set and the number of hits in start */
};

/* Call fn for every hit in document order; fn returns non-zero to stop. */
int corpus_search(struct store *st, const struct corpus_search_opts *o,
                  int (*fn)(const struct corpus_hit *hit, void *arg), void *arg,
                  struct anker_err *err);

/* The table of hits, as anker search prints it and the TUI's S list
 * exports it: Document, Pos., Start, End, Match, Line (JSON keys document,
 * pos, start, end, match, line).  corpus_search_table_cols declares the
 * columns, corpus_search_table_row adds one hit (from corpus_search's fn). */
struct report_table;
void corpus_search_table_cols(struct report_table *t);
void corpus_search_table_row(struct report_table *t, const struct corpus_hit *h);

#endif
