/* codebook/codebook.h — the code tree and codebook formats.
 *
 * In memory a codebook is a flat array of codes in list order; the tree is
 * given by each code's parent index.  The same struct is what the MAXQDA
 * text parser produces, what the writers read, and what the project's code
 * tree is loaded into.
 */
#ifndef ANKER_CODEBOOK_H
#define ANKER_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

struct codebook_note {
	char *label;            /* "Auffälligkeiten", "Kritik", "Bsp", … */
	char *text;
};

struct codebook_code {
	char *number;           /* "2.12.8.1"; "" for unnumbered codes */
	char *name;
	int parent;             /* index into codebook.codes, -1 for a top-level code */
	char *definition;       /* "" when none */
	char **anchors;         /* anchor examples, in order, verbatim (quotes kept) */
	size_t nanchors;
	struct codebook_note *notes;
	size_t nnotes;
	char *color;            /* "#rrggbb" or NULL (parser leaves NULL) */
	/* Filled when loaded from a project; zero from the parser. */
	int64_t id;
	char guid[37];
	int64_t segments;       /* own coded segments */
	size_t line;            /* parser: line of the list entry, 1-based */
};

struct codebook {
	char *preamble;         /* title block before "Codesystem", verbatim (copyright!) */
	struct codebook_code *codes;
	size_t ncodes;
	char **warnings;        /* "FILE:LINE: what" — not errors */
	size_t nwarnings;
};

void codebook_free(struct codebook *cb);
/* Append a warning (printf style). */
void codebook_warn(struct codebook *cb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------------------------- */
/* MAXQDA codebook text export (codebook/maxqda.c).
 *
 * The format: a title block; a line "Codesystem"; the list, one
 * "NUMBER NAME" per line (hierarchy from the number); then one section per
 * code headed "NUMBER PATH" (path elements joined by " >> ") with labelled
 * blocks "Codedefinition:", "Ankerbeispiel:"/"Ankerbeispiele:" and any
 * other "Label:" block, kept as a note.  The list is authoritative for
 * numbers and names; a heading that differs is matched by number and
 * reported as a warning.  Anchor examples are quotes in „…“ or "…"; a quote
 * that runs over several paragraphs is one example.
 *
 * Errors (ANKER_INPUT, "FILE:LINE: what"): no "Codesystem" list, a list
 * line that is not "NUMBER NAME", a number whose parent is not listed, a
 * duplicate number, a NUL byte.  Everything else that is odd is a warning.
 * On error *out is left empty (nothing to free). */
int codebook_parse_maxqda(const char *text, size_t len, const char *filename,
                          struct codebook *out, struct anker_err *err);

/* Would codebook_parse_maxqda() read line (one line, without "\n") as a
 * "Label:" line or as a section heading of cb?  The text writer asks so
 * that such a line stays inside the definition it belongs to. */
bool codebook_maxqda_structural(const struct codebook *cb, const char *line, size_t len);

/* Write the same format; parse(write(cb)) yields cb's codes, definitions,
 * anchors and notes.  Codes without a number are numbered after their last
 * sibling (the format has no other way to place them).  What the format
 * cannot hold: a line of a note or anchor example that reads as a label or
 * heading (the parser never produces one; a project edit might). */
void codebook_write_txt(const struct codebook *cb, struct strbuf *out);

/* Examples for the Markdown appendix: coded segments of one code. */
struct codebook_example {
	char *text;
	char *citation;         /* "Interview 01, Pos. 12–14" */
};
/* Called per code to get up to max examples; may be NULL.  It allocates
 * *out (an array of *n, each text and citation malloc'd, citation may be
 * NULL) and the writer frees all of it.  On failure it returns an ANKER_*
 * status and leaves nothing to free; a message it put in the err given to
 * codebook_write_md (say through arg) is kept, else the writer sets one. */
typedef int (*codebook_examples_fn)(void *arg, size_t code_index, size_t max,
                                    struct codebook_example **out, size_t *n);

/* A readable Markdown appendix: numbered headings, definition, anchor
 * examples as block quotes, notes; with examples_per_code > 0 and fn,
 * that many coded segments per code with their citations.  err is cleared
 * first; the only failure is fn's. */
int codebook_write_md(const struct codebook *cb, struct strbuf *out, size_t examples_per_code,
                      codebook_examples_fn fn, void *arg, struct anker_err *err);

/* Tree helpers. */
/* "A >> B >> C" for code i. */
void codebook_path(const struct codebook *cb, size_t i, struct strbuf *out);
/* Depth of code i (0 for top level). */
int codebook_depth(const struct codebook *cb, size_t i);

/* ---------------------------------------------------------------------- */
/* The project's code system (codebook/codes.c). */

/* Load all codes in tree order (siblings by number, then position). */
int codebook_load(struct store *st, struct codebook *out, struct anker_err *err);

/* Find a code by number ("2.9.1"), path ("A >> B"), unique name or GUID.
 * Returns its index in cb, or -1 with err set (ANKER_NOTFOUND, or
 * ANKER_INPUT naming the candidates when ambiguous). */
int codebook_find(const struct codebook *cb, const char *key, struct anker_err *err);

struct codebook_import_report {
	size_t added, updated, unchanged;
};

/* Parse a MAXQDA text codebook and merge it into the project in one
 * transaction: codes matched by number (else by path) are updated, new
 * ones added; nothing is deleted.  Re-importing the same file changes
 * nothing.  Warnings are left in cb->warnings for the caller to report. */
int codebook_import_txt(struct store *st, const char *path, struct codebook *cb,
                        struct codebook_import_report *rep, struct anker_err *err);
/* Same from text in memory (demo, tests). */
int codebook_import_text(struct store *st, const char *text, size_t len, const char *filename,
                         struct codebook *cb, struct codebook_import_report *rep,
                         struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Editing the code system (codebook/edit.c). */
/* -- begin edit block -- */
/* -- end edit block -- */

#endif
