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
	char **citations;       /* parallel to anchors, may be NULL: each one's source
	                         * ("Interview 01, Pos. 16") or NULL when it has none */
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

/* The labels the writers use: the text format MAXQDA's German ones and
 * the Markdown appendix English ones by default. */
enum codebook_lang { CODEBOOK_LANG_DEFAULT, CODEBOOK_LANG_EN, CODEBOOK_LANG_DE };

struct codebook {
	char *preamble;         /* title block before "Codesystem", verbatim (copyright!) */
	struct codebook_code *codes;
	size_t ncodes;
	char **warnings;        /* "FILE:LINE: what" — not errors */
	size_t nwarnings;
	enum codebook_lang lang;        /* what the writers label with (the parser: default) */
	/* The parser: the language most of the known labels it read are in
	 * ("Codedefinition", "Ankerbeispiel": DE; "Code definition", "Anchor
	 * example": EN), DEFAULT on a tie; the import records it. */
	enum codebook_lang labels_lang;
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
/* The same as a LaTeX appendix (codebook/write_latex.c): one \subsection*
 * per code, definition, anchor examples (and examples) as quotes with
 * their citations, notes; for \input into a standard article, compiling
 * with pdflatex without extra packages.  Nothing is written on error. */
int codebook_write_latex(const struct codebook *cb, struct strbuf *out, size_t examples_per_code,
                         codebook_examples_fn fn, void *arg, struct anker_err *err);

/* Tree helpers. */
/* Append an anchor example to c; text and citation (may be NULL) become c's. */
void codebook_anchor_push(struct codebook_code *c, char *text, char *citation);
/* The citation of c's k-th anchor example, NULL when it has none (or only
 * blanks). */
const char *codebook_anchor_citation(const struct codebook_code *c, size_t k);
/* "A >> B >> C" for code i. */
void codebook_path(const struct codebook *cb, size_t i, struct strbuf *out);
/* Depth of code i (0 for top level). */
int codebook_depth(const struct codebook *cb, size_t i);

/* Code ids to their index in a codebook's codes: a table while the ids
 * are dense (they are the code table's rowids, about as many as the codes
 * ever made), else a search of the ids sorted (a file whose ids were set
 * to 10^12 in the sqlite3 shell: a table would not fit in memory). */
struct codebook_ids {
	size_t *at;             /* dense: at[id] = index + 1 (0: none), nat of them */
	size_t nat;
	struct codebook_id *sorted;     /* else: (id, index) by id, n of them */
	size_t n;
};
void codebook_ids_make(struct codebook_ids *m, const struct codebook *cb);
/* The index of the code whose id is id, -1 when none. */
ptrdiff_t codebook_ids_find(const struct codebook_ids *m, int64_t id);
void codebook_ids_free(struct codebook_ids *m);
/* The color of the i-th top-level branch ("#rrggbb"); subcodes get shades
 * of their parent's (store_color_child). */
const char *codebook_palette(size_t i);
/* A color as the user may name it: "#rrggbb" (either case), a palette
 * color's number (1 for the first top-level branch's) or its name ("red",
 * "green", …, any case).  out: "#rrggbb" lowercase.  false when it is none
 * of these; codebook_palette_name(i) names the i-th. */
bool codebook_color_parse(const char *s, char out[8]);
const char *codebook_palette_name(size_t i);
size_t codebook_palette_size(void);
/* The color for a new subcode of the code with row id parent_id: a shade
 * of its color as it is now, apart from the subcodes it has already
 * (store_color_child).  ANKER_DB (err set) when it cannot be read. */
int codebook_child_color(struct store *st, int64_t parent_id, char out[8], struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* The project's code system (codebook/codes.c). */

/* Load all codes in tree order (siblings by number, then position).  With
 * CODEBOOK_COUNTS each code's segments are counted (which reads every
 * segment: leave it out where the counts are not shown). */
enum { CODEBOOK_COUNTS = 1 };
int codebook_load(struct store *st, unsigned flags, struct codebook *out, struct anker_err *err);

/* Find a code by number ("2.9.1"), path ("A >> B"), unique name or GUID.
 * Returns its index in cb, or -1 with err set (ANKER_NOTFOUND, or
 * ANKER_INPUT naming the candidates when ambiguous). */
int codebook_find(const struct codebook *cb, const char *key, struct anker_err *err);
/* Load the tree and find one code: its row id in *id. */
int codebook_resolve(struct store *st, const char *key, int64_t *id, struct anker_err *err);

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
/* The import records the language of the codebook's labels
 * (cb->labels_lang, when not DEFAULT) in the project, as the codebook's preamble is (not an
 * undo step of its own); this reads it: DEFAULT when no codebook with
 * such labels was imported. */
int codebook_lang_of_project(struct store *st, enum codebook_lang *out, struct anker_err *err);
/* The title block of the codebook imported last (its copyright line!),
 * kept in the project as given: *out malloc'd, NULL when none. */
int codebook_preamble_of_project(struct store *st, char **out, struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Editing the code system (codebook/edit.c). */
/* -- begin edit block -- */
/* Every edit is one transaction, so one undo step: each changed row is
 * logged with store_log (action "codes add", "codes rename", …; entity
 * "code", "segment" or "memo"; before/after from store_row_json).  A code
 * key is what codebook_find takes (number, path, unique name, GUID
 * prefix).  On any error the project is unchanged.  Errors: ANKER_NOTFOUND
 * (no such code), ANKER_INPUT (ambiguous key; a bad name, number or color;
 * a refused edit, with the reason), ANKER_EXISTS (the number is in use, or
 * a sibling has the name), ANKER_DB.
 *
 * Numbers are positive integers joined by dots, without leading zeros
 * ("2.14").  A top-level code's number is one integer; a subcode's is its
 * parent's number and one more ("2.9" → "2.9.N"); under an unnumbered
 * parent any number that is not in use is accepted.  Names are one line,
 * trimmed, NFC, never contain ">>" (the path separator), and are unique
 * among their siblings. */

/* What an edit did, for the caller's message.  Strings are owned: free
 * with codebook_edit_free (also after an error). */
struct codebook_edit {
	char guid[37];          /* the code (add: the new one; merge: the target) */
	char *number, *name;    /* afterwards ("" when unnumbered) */
	char *old_number, *old_name;   /* before (add: same as afterwards) */
	size_t codes;           /* codes changed: added 1, renamed/recolored 1, renumbered
	                         * or moved (whole subtree), deleted, or subcodes moved
	                         * under the target (merge); 0: nothing to change */
	size_t segments;        /* merge: moved to the target; delete: deleted */
	size_t duplicates;      /* merge: the source's segments dropped because the same
	                         * coder has the same coding with the target */
	size_t anchors, notes, memos;  /* merge: appended (anchors, notes) or moved (memos)
	                                * to the target */
};
void codebook_edit_free(struct codebook_edit *e);

bool codebook_number_valid(const char *s);
/* The one rule for a code name (name[0..len), NFC and trimmed already),
 * which every way in applies (codes add and rename, the text import): not
 * empty, one line without control characters (C0, DEL, C1; a tab too:
 * the text import makes a tab a space first, with a warning), no ">>".
 * ANKER_INPUT with what is wrong, quoting the name; the caller says where
 * (FILE:LINE). */
int codebook_name_check(const char *name, size_t len, struct anker_err *err);
/* "#rrggbb" (either case) */
bool codebook_color_valid(const char *s);

struct codebook_add {
	const char *name;        /* "NAME" (top level) or "PARENT >> NAME": PARENT is any code
	                          * key, the text before the last ">>" */
	const char *number;      /* NULL: the next free number among the siblings (after 2.13
	                          * comes 2.14; none under an unnumbered parent); "": none */
	const char *definition;  /* NULL: none */
	const char *color;       /* NULL: a shade of the parent's (store_color_child), else the next palette color */
};
int codebook_code_add(struct store *st, const struct codebook_add *a, struct codebook_edit *out,
                      struct anker_err *err);
int codebook_code_rename(struct store *st, const char *key, const char *name,
                         struct codebook_edit *out, struct anker_err *err);
/* Give the code a new number under its parent, and its whole subtree with
 * it (2.9 → 2.15 makes 2.9.1 → 2.15.1).  Refuses a number any other code
 * has, or that the renumbered subtree would take from another code. */
int codebook_code_renumber(struct store *st, const char *key, const char *number,
                           struct codebook_edit *out, struct anker_err *err);
/* Move a code with its subtree under parent (a key; NULL: the top level).
 * Refuses moving a code under itself or its own subcode.  The subtree is
 * renumbered to fit: the code gets number, else the next free number among
 * its new siblings; under an unnumbered parent numbers are kept (number,
 * when given, is still checked and used).  Moving a code under the parent
 * it has, without number, changes nothing (out->codes == 0). */
int codebook_code_move(struct store *st, const char *key, const char *parent, const char *number,
                       struct codebook_edit *out, struct anker_err *err);
/* Merge source into target: source's segments move to target (one that
 * duplicates a coding the same coder has with target is dropped, with its
 * reviews and memos); source's anchor examples and notes are appended to
 * target's (exact duplicates skipped), its definition kept as a note
 * "Merged definition"; memos on source move to target; source's subcodes
 * move under target (renumbered as by codebook_code_move); source is
 * deleted.  Refuses merging a code into itself or its own subcode, and
 * subcodes whose names target's subcodes have. */
int codebook_code_merge(struct store *st, const char *source, const char *target,
                        struct codebook_edit *out, struct anker_err *err);
/* Delete a code.  Refused while it or its subcodes have segments, or while
 * it has subcodes, unless force: then the subtree's segments and the
 * subtree go too (segments logged first, subcodes before their parents, so
 * that undo restores each code before what hangs on it).  Memos on the
 * deleted codes are deleted with them. */
int codebook_code_delete(struct store *st, const char *key, bool force,
                         struct codebook_edit *out, struct anker_err *err);
/* Set the color ("#rrggbb", stored lowercase). */
int codebook_code_color(struct store *st, const char *key, const char *color,
                        struct codebook_edit *out, struct anker_err *err);

/* The texts of a code (codebook/define.c), each replaced whole: its
 * definition ("" for none); its anchor examples by texts[0..n) in order
 * (an example whose text was there keeps its citation and segment, and
 * with as many examples as before one edited in place keeps its place's);
 * its notes by notes[0..n) (labels one line, not blank).  Logged as
 * "codes define", "anchors set", "notes set".  Text that is not UTF-8
 * (corpus_utf8_check), a blank example or label: ANKER_INPUT naming
 * which ("anchor example 2: byte offset 5: …").  out->codes is 0 when the
 * code is as it was (nothing logged). */
int codebook_code_define(struct store *st, const char *key, const char *definition,
                         struct codebook_edit *out, struct anker_err *err);
int codebook_code_anchors_set(struct store *st, const char *key, const char *const *texts,
                              size_t n, struct codebook_edit *out, struct anker_err *err);
int codebook_code_notes_set(struct store *st, const char *key, const struct codebook_note *notes,
                            size_t n, struct codebook_edit *out, struct anker_err *err);

/* Coded segments of a code for the Markdown appendix (codebook_examples_fn
 * contract): at most max, one per range when coders coded the same range.
 * A passage's standing is the worst of each reviewer's latest verdict on
 * any segment of its range: those that fit first, then unreviewed ones,
 * then (only with CODEBOOK_EX_BORDERLINE) borderline ones; a misfit never;
 * within each, highest weight first, then document order (group, name,
 * start).  A range promoted to this code's anchor examples is left out.
 * Citation "Document, Pos. 12–14" (paragraphs, en dash).  *out is malloc'd
 * (NULL when none); on error nothing is left to free. */
enum { CODEBOOK_EX_BORDERLINE = 1 };
int codebook_examples(struct store *st, int64_t code_id, size_t max, unsigned flags,
                      struct codebook_example **out, size_t *n, struct anker_err *err);
/* -- end edit block -- */


#endif
