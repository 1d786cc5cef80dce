/* coding/coding.h — segments, marking, retrieval, autocode, memos,
 * reviews and anchor examples: the coding work itself.
 */
#ifndef ANKER_CODING_H
#define ANKER_CODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "../report/report.h"

/* Segments (coding/segments.c).  A segment is a coded range of a document:
 * [start, end) in code points, with a code, a coder, a weight 0–100 and a
 * memo.  Every change is one transaction and one logged step (undo).
 * Document, code, segment and coder arguments are user keys: a document
 * name or GUID prefix, a code number/path/unique name, a segment GUID or
 * unique GUID prefix (at least 4 characters), a coder name. */

struct coding_segment {
	int64_t id;
	char guid[37];
	int64_t doc_id;
	char *doc;              /* document name */
	int64_t code_id;
	char *code;             /* code number ("" when unnumbered) */
	char *path;             /* code path "A >> B" */
	char *coder;
	size_t start, end;      /* code points */
	size_t para_first, para_last;   /* Pos. (1-based paragraphs) */
	int weight;
	char *memo;
	char *text;             /* the coded text, NULL unless asked for */
	char *created, *modified;   /* coding_segment_find only; NULL in lists */
};

void coding_segment_free(struct coding_segment *s);
void coding_segments_free(struct coding_segment *v, size_t n);

struct coding_mark {
	const char *doc;        /* user key */
	const char *code;       /* user key */
	size_t start, end;      /* code points, used when !lines */
	bool lines;             /* code whole paragraphs first..last instead */
	size_t first, last;     /* 1-based, inclusive */
	const char *coder;      /* NULL: store_default_coder() */
	int weight;             /* 0–100 */
	const char *memo;       /* NULL: "" */
};

/* Code a range.  Refuses (ANKER_INPUT) an empty, reversed or out-of-range
 * range, a range that is only whitespace, an unknown document or code, and
 * an identical coding the same coder already has (ANKER_EXISTS). */
int coding_mark(struct store *st, const struct coding_mark *m, char guid[37],
                struct anker_err *err);
/* Find one segment by GUID or unique prefix. */
int coding_segment_find(struct store *st, const char *key, struct coding_segment *out,
                        struct anker_err *err);
/* Only the row id and full GUID of a segment key (cheaper). */
int coding_segment_id(struct store *st, const char *key, int64_t *id, char guid[37],
                      struct anker_err *err);
int coding_unmark(struct store *st, const char *key, struct anker_err *err);

struct coding_segment_change {
	bool set_start, set_end, set_weight, set_memo;
	size_t start, end;
	int weight;
	const char *memo;
};
int coding_segment_set(struct store *st, const char *key, const struct coding_segment_change *c,
                       struct anker_err *err);

/* For modules that code many ranges in one step (autocode): insert one
 * segment inside the caller's transaction and log it as `action` with the
 * new row as after.  The caller has checked the range; an identical coding
 * of the same coder is refused (ANKER_EXISTS, nothing written; guid is
 * then the existing segment's). */
struct coding_new_segment {
	int64_t doc_id, code_id, coder_id;
	size_t start, end;
	int weight;
	const char *memo;       /* NULL: "" */
};
int coding_segment_insert(struct store *st, const char *action, const struct coding_new_segment *ns,
                          char guid[37], struct anker_err *err);
/* True when s[0..len) holds only white space (Unicode Z* and ASCII
 * controls \t\n\v\f\r): such a range is not codable. */
bool coding_text_blank(const char *s, size_t len);

enum coding_unit { CODING_UNIT_HIT, CODING_UNIT_SENTENCE, CODING_UNIT_PARAGRAPH,
                   CODING_UNIT_TURN };
/* A unit's name ("hit", "sentence", "paragraph", "turn"), and the unit
 * named s (false: no such name). */
const char *coding_unit_name(enum coding_unit u);
bool coding_unit_parse(const char *s, enum coding_unit *u);

struct coding_autocode {
	const char *pattern;
	bool icase;
	const char *code;
	enum coding_unit unit;
	const char *speaker;    /* NULL: any; else only hits in this speaker's turns */
	const char *doc;        /* NULL: all documents */
	const char *coder;
};
struct coding_autocode_report {
	size_t hits, added, skipped;   /* skipped: the coder had it already */
};
/* One transaction, one undo step. */
int coding_autocode_run(struct store *st, const struct coding_autocode *a,
                        struct coding_autocode_report *rep, struct anker_err *err);

/* Retrieval (coding/retrieve.c). */
struct coding_filter {
	const char *code;       /* NULL: all codes */
	bool subcodes;          /* with the code's descendants */
	const char *doc;
	int64_t doc_id;         /* the document by id instead of doc (0: by doc) */
	const char *coder;
	int min_weight;         /* -1: none */
	const char *var_name, *var_value;   /* document variable NAME=VALUE */
	bool with_text;
	/* Start and end only, no Pos. (para_first, para_last stay 0) and no
	 * text: for a caller that holds the document's text already (the
	 * TUI's text pane), which would otherwise be read and indexed again. */
	bool positions_only;
	const struct corpus_doc_filter *docs;   /* NULL: every document */
};
/* The coder called name: exactly, else the one so called but for case
 * (corpus_name_find).  Its id into *id, its name as stored into canon
 * (unless NULL).  ANKER_NOTFOUND "no coder 'NAME'" with the nearest names
 * ("; did you mean 'ben'?"); ANKER_INPUT when several coders are called
 * so but for case. */
int coding_coder_find(struct store *st, const char *name, int64_t *id, struct strbuf *canon,
                      struct anker_err *err);
/* Every coder's name, in the order they came (names[n] is NULL); the
 * caller frees each and the array. */
int coding_coders_list(struct store *st, char ***names, size_t *n, struct anker_err *err);
/* Segments in document order (group, name, start, end, code).  The
 * filter's doc and coder are found as corpus_doc_find and
 * coding_coder_find find them. */
int coding_segments_list(struct store *st, const struct coding_filter *f,
                         struct coding_segment **out, size_t *n, struct anker_err *err);
/* Pos. (para_first, para_last) and, with with_text, the text of the
 * segments v[0..n) of a list made with positions_only, as the list would
 * have given them: for a view that shows a few of many segments at a
 * time.  Each document's text is read once per run of its segments (a
 * list is in document order).  Segments placed already are left alone. */
int coding_segments_place(struct store *st, struct coding_segment *v, size_t n, bool with_text,
                          struct anker_err *err);
/* A long list read a window at a time (coding/pages.c): the segments
 * coding_segments_list lists for f (f->code required; as with
 * positions_only: no Pos., no text), of which only the number per
 * document is read at open (the kept counts, code_doc, when only code,
 * document and the document filters limit it); each window is read when
 * asked for, from the index by code and document.  A view over a million
 * segments holds the few it shows.  f's strings are not kept.
 * coding_pages_read: the segments at first..first+n of the list into
 * out[0..*got) (the caller's; coding_segment_free each); fewer than asked
 * only at the end of the list or when the project changed since open.
 * coding_pages_find: where the segment guid (of document doc_id) is in
 * the list; ANKER_NOTFOUND (err untouched) when it is not there. */
struct coding_pages;
int coding_pages_open(struct store *st, const struct coding_filter *f, struct coding_pages **out,
                      struct anker_err *err);
size_t coding_pages_count(const struct coding_pages *p);
int coding_pages_read(struct store *st, struct coding_pages *p, size_t first, size_t n,
                      struct coding_segment *out, size_t *got, struct anker_err *err);
int coding_pages_find(struct store *st, struct coding_pages *p, int64_t doc_id, const char *guid,
                      size_t *pos, struct anker_err *err);
void coding_pages_free(struct coding_pages *p);
/* Passages of a list of one code (no subcodes): runs of its segments
 * with the same document, start and end, identical passages of several
 * coders (the cards of the review view, B).
 * coding_pages_passages counts them per document (one walk of the code's
 * positions in the index; a list of one coder has a passage per segment
 * and reads nothing); then coding_pages_passage_count is how many.
 * coding_pages_passage_start: the list position of passage i's first
 * segment (the count when i is past the end); coding_pages_passage_of:
 * the passage holding list position pos (ANKER_NOTFOUND past the end). */
int coding_pages_passages(struct store *st, struct coding_pages *p, struct anker_err *err);
/* a and b are the same passage: document, start and end. */
bool coding_same_passage(const struct coding_segment *a, const struct coding_segment *b);
size_t coding_pages_passage_count(const struct coding_pages *p);
int coding_pages_passage_start(struct store *st, struct coding_pages *p, size_t i, size_t *pos,
                               struct anker_err *err);
int coding_pages_passage_of(struct store *st, struct coding_pages *p, size_t pos, size_t *i,
                            struct anker_err *err);
/* judged[i]: reviewer has a verdict on v[i] (all false for a name no
 * coder has: one who judged nothing yet). */
int coding_pages_judged(struct store *st, const char *reviewer, const struct coding_segment *v,
                        size_t n, bool *judged, struct anker_err *err);
/* The first list position from `from` on (wrapping round) of a segment
 * reviewer has no verdict on, of a list of one code; ANKER_NOTFOUND
 * (err untouched) when every one has one or the list is empty.  Only the
 * documents with such a segment are read row by row. */
int coding_pages_unjudged(struct store *st, struct coding_pages *p, const char *reviewer,
                          size_t from, size_t *pos, struct anker_err *err);
/* The retrieval table: GUID, Document, Pos. ("12" or "12-14"), Start, End,
 * Code (number), Path, Coder, Weight, Memo, Text; JSON keys guid,
 * document, pos, start, end, code, path, coder, weight, memo, text.  With
 * split_path the Path column becomes CAT1…CATn (keys cat1…catn), n the
 * deepest path among the segments; shorter paths leave the rest empty. */
void coding_segments_table(const struct coding_segment *v, size_t n, bool split_path,
                           struct report_table *t);

/* ---------------------------------------------------------------------- */
/* Memos, reviews, anchors (coding/review.c) — declarations below. */
/* Quotations: a segment with its coded text and its citation
 * "Interview 01, Pos. 12–14" (corpus_citation), as anchor examples and
 * memo lists show it. */

struct coding_quote {
	int64_t segment_id, doc_id, code_id;
	char guid[37];
	char *doc;              /* document name */
	size_t start, end;      /* code points */
	size_t para_first, para_last;
	char *citation;         /* "Interview 01, Pos. 12–14" */
	char *text;             /* the coded text, verbatim */
};

/* Find a segment by GUID or unique GUID prefix (at least 4 characters)
 * and quote it.  ANKER_NOTFOUND: no such segment; ANKER_INPUT: a prefix
 * shorter than 4 characters, or one that fits several segments (the
 * message names them). */
int coding_quote_get(struct store *st, const char *key, struct coding_quote *out,
                     struct anker_err *err);
void coding_quote_free(struct coding_quote *q);

/* Memos (coding/memo.c): typed notes on the project, a document, a code
 * or a segment.  Each change is one transaction, logged as entity "memo"
 * ("memo add", "memo edit", "memo delete"), so undo covers it. */

enum coding_memo_target {
	CODING_MEMO_PROJECT, CODING_MEMO_DOCUMENT, CODING_MEMO_CODE, CODING_MEMO_SEGMENT
};

/* "project", "doc" or "document", "code", "segment"; -1 when unknown. */
int coding_memo_target_parse(const char *name);
/* "definition", "method", "theory" or "free". */
bool coding_memo_type_valid(const char *type);

struct coding_memo_on {
	enum coding_memo_target target;
	const char *key;        /* document, code or segment key; ignored for the project */
};

struct coding_memo {
	int64_t id;
	char guid[37];
	char *type;
	char *target;           /* "project", "document", "code", "segment" */
	char *target_guid;      /* NULL for the project */
	char *on;               /* "project", the document's name, "2.9 Name", or
	                         * "1a2b3c4d (Interview 01, Pos. 12)" */
	char *author;           /* "" when unknown */
	char *text;
	char *created, *modified;
};
void coding_memos_free(struct coding_memo *v, size_t n);

/* Add a memo; author NULL: store_default_coder().  Refuses (ANKER_INPUT)
 * an unknown type and empty text; an unknown or ambiguous target as the
 * finders do.  guid receives the new memo's GUID. */
int coding_memo_add(struct store *st, const struct coding_memo_on *on, const char *type,
                    const char *text, const char *author, char guid[37], struct anker_err *err);

struct coding_memo_filter {
	const struct coding_memo_on *on;   /* NULL: every target */
	const char *type;                  /* NULL: every type */
};
/* Memos in the order they were written; *out is the caller's
 * (coding_memos_free).  ANKER_INPUT for an unknown type; target errors
 * as for coding_memo_add. */
int coding_memo_list(struct store *st, const struct coding_memo_filter *f,
                     struct coding_memo **out, size_t *n, struct anker_err *err);
/* The memos that deleting the code (codebook_code_delete) deletes with
 * it: those on the code, on its subcodes and on the segments of them all,
 * in the order they were written; as coding_memo_list (code: a code key
 * as the finders take it). */
int coding_memo_list_tree(struct store *st, const char *code, struct coding_memo **out,
                          size_t *n, struct anker_err *err);
/* Import one file as a document with its comments (.docx, .odt, .rtf) as
 * free memos on it by author (NULL: store_default_coder()), whole or not
 * at all: corpus_import_file, then coding_memo_add per comment, in one
 * transaction (a savepoint inside the caller's batch).  res as for
 * corpus_import_file; the caller frees it. */
struct corpus_import_opts;
struct corpus_import_result;
int coding_import_file(struct store *st, const char *path, const struct corpus_import_opts *o,
                       const char *author, struct corpus_import_result *res,
                       struct anker_err *err);
/* The memos as a table into t (initialised, empty): columns GUID, Type,
 * On, Author, Created, Text; full adds Target after Type and Modified
 * after Created.  JSON keys guid, type, target, on, author, created,
 * modified, text. */
void coding_memos_table(const struct coding_memo *v, size_t n, bool full, struct report_table *t);
/* Change a memo's text and/or type (NULL: keep).  key: GUID or unique
 * prefix (at least 4 characters).  actor: who changes it (NULL: the
 * default coder); the author stays. */
int coding_memo_edit(struct store *st, const char *key, const char *type, const char *text,
                     const char *actor, struct anker_err *err);
/* Delete a memo (key as for coding_memo_edit). */
int coding_memo_delete(struct store *st, const char *key, const char *actor,
                       struct anker_err *err);

/* Reviews (coding/review.c): a supervisor's verdict on a segment.  Every
 * verdict is kept; a reviewer's later verdict on the same segment
 * supersedes the earlier one.  Logged as an update of entity "segment"
 * (action "review"). */

enum coding_verdict { CODING_FITS, CODING_MISFIT, CODING_BORDERLINE };

/* "fits", "misfit" (also "does-not-fit"), "borderline"; -1 when unknown. */
int coding_verdict_parse(const char *name);
const char *coding_verdict_name(enum coding_verdict v);

/* One verdict: one transaction, one undo step.  reviewer NULL:
 * store_default_coder() (created as a coder on first use); comment NULL:
 * "".  Segment errors as coding_quote_get; ANKER_INPUT for a verdict out
 * of range. */
int coding_review_add(struct store *st, const char *segment, enum coding_verdict v,
                      const char *comment, const char *reviewer, struct anker_err *err);
/* The same verdict on each of segments[0..n) (GUIDs; identical passages of
 * several coders, say) in one transaction: one undo step; nothing when one
 * fails (coding/review_fix.c). */
int coding_review_add_each(struct store *st, char (*segments)[37], size_t n,
                           enum coding_verdict v, const char *comment, const char *reviewer,
                           struct anker_err *err);
/* Who judges when no reviewer is named (coding/review_fix.c): ANKER_REVIEWER,
 * else coder, else store_default_coder().  The result is borrowed. */
const char *coding_reviewer_default(const char *coder);
/* A misfit fixed where it was found: the segment gets code (a code key)
 * instead of its own, keeping range, coder, weight and memo; its verdicts,
 * given against the old code, are dropped (the log keeps them; undo puts
 * them back).  One transaction, one undo step (action "segment recode",
 * logged under actor).  ANKER_INPUT when it has that code already,
 * ANKER_EXISTS when its coder coded the same range with code; segment and
 * code errors as coding_segment_id and codebook_resolve. */
int coding_segment_recode(struct store *st, const char *segment, const char *code,
                          const char *actor, struct anker_err *err);
/* The newest verdict (anyone's) on each of the segments v[0..n) (coding/review_fix.c),
 * as coding_review_counts counts it: verdict[i] an enum coding_verdict, or -1
 * when the segment has none.  verdict has room for n. */
int coding_verdicts_latest(struct store *st, const struct coding_segment *v, size_t n,
                           int *verdict, struct anker_err *err);
/* How many memos (coding_memo_add on the segment) each of v[0..n) has
 * (coding/review_fix.c): memos has room for n. */
int coding_memos_count(struct store *st, const struct coding_segment *v, size_t n, int *memos,
                       struct anker_err *err);

struct coding_review {
	int64_t id;
	char segment[37];       /* the segment's GUID */
	char *doc;
	size_t start, end, para_first, para_last;
	char *code;             /* number, or the name of an unnumbered code */
	char *coder;
	char *verdict;          /* "fits", "misfit", "borderline" */
	char *comment;
	char *reviewer;
	char *time;
	char *text;             /* the coded text */
	bool latest;            /* the reviewer's latest verdict on the segment */
};
void coding_reviews_free(struct coding_review *v, size_t n);

struct coding_review_filter {
	const char *code;       /* NULL: all codes */
	bool subcodes;
	const char *segment;    /* NULL: all segments */
	int verdict;            /* -1: any */
	const char *reviewer;   /* NULL: anyone */
	bool all;               /* also superseded verdicts */
	bool brief;             /* no text, para_first and para_last (no document read) */
};
/* Reviews in document order (group, document, start, end, code), each
 * segment's in the order they were given; *out is the caller's
 * (coding_reviews_free).  ANKER_NOTFOUND for an unknown code or reviewer
 * (a typo should not read as "no verdicts"); segment errors as
 * coding_quote_get. */
int coding_reviews_list(struct store *st, const struct coding_review_filter *f,
                        struct coding_review **out, size_t *n, struct anker_err *err);

/* Per code (every code, tree order): its own segments, how many of them
 * have a verdict, and how many of those fit, misfit, are borderline.  A
 * segment counts with its newest verdict (of reviewer, or of anyone when
 * reviewer is NULL), so fits + misfit + borderline == reviewed. */
struct coding_review_count {
	int64_t code_id;
	char *number, *name, *path;
	int depth;
	int64_t segments, reviewed, fits, misfit, borderline;
};
/* *out: one entry per code, the caller's (coding_review_counts_free).
 * ANKER_NOTFOUND for an unknown reviewer. */
int coding_review_counts(struct store *st, const char *reviewer,
                         struct coding_review_count **out, size_t *n, struct anker_err *err);
/* The same over the segments of coder only (NULL: every coder's) in the
 * documents docs keeps (NULL: every document): segments and verdicts
 * counted alike (the review view's C and :docs). */
int coding_review_counts_of(struct store *st, const char *reviewer, const char *coder,
                            const struct corpus_doc_filter *docs,
                            struct coding_review_count **out, size_t *n, struct anker_err *err);
void coding_review_counts_free(struct coding_review_count *v, size_t n);
/* The same for one code (code_id) alone, in *out (its number, name and
 * path NULL): what B shows of the code under review reads that code's
 * segments and verdicts only.  all (unless NULL): the same of every
 * reviewer's verdicts, from the same walk (B's title counts the
 * reviewer's, its codebook side everyone's).  ANKER_NOTFOUND for an
 * unknown reviewer, the counts made (none of out's judged). */
int coding_review_count_code(struct store *st, const char *reviewer, const char *coder,
                             const struct corpus_doc_filter *docs, int64_t code_id,
                             struct coding_review_count *out, struct coding_review_count *all,
                             struct anker_err *err);
/* What a verdict v of reviewer on each of segments[0..n) (GUIDs) will
 * change of those counts, asked before it is added: *judged the segments
 * the reviewer has no verdict on yet (reviewed of the reviewer's counts
 * grows by it), *c (added to) how the counts of every reviewer's newest
 * verdicts move.  Keeps B's counts without counting the code again. */
int coding_review_count_change(struct store *st, const char *reviewer, char (*segments)[37],
                               size_t n, enum coding_verdict v, int64_t *judged,
                               struct coding_review_count *c, struct anker_err *err);
/* The first of codes[0..n), in that order, with a segment (of coder,
 * NULL: any coder's, in the documents docs keeps, NULL: all) that
 * reviewer has no verdict on; a reviewer who judged nothing yet has every
 * segment to judge.  *found its index, n when there is none.  Asks code
 * after code and stops at the first unjudged segment (T in B). */
int coding_review_todo_find(struct store *st, const char *reviewer, const char *coder,
                            const struct corpus_doc_filter *docs, const int64_t *codes, size_t n,
                            size_t *found, struct anker_err *err);

/* What a supervisor sends back to a team (coding/review_report.c): every
 * code with its counts (as coding_review_counts), and the misfits: each
 * reviewer's latest verdict that is misfit (of reviewer only, when not
 * NULL), in document order, each with the codes its comment names by
 * number ("eher 2.4" suggests 2.4), as "2.4 Name, 2.10 Name" ("" when
 * none).  Everything is the caller's (coding_review_report_free, also after
 * an error).  ANKER_NOTFOUND for an unknown reviewer. */
struct coding_review_report {
	struct coding_review_count *codes;
	size_t ncodes;
	struct coding_review *misfits;
	size_t nmisfits;
	size_t *code;           /* per misfit: its code's index in codes */
	char **suggested;       /* per misfit: the codes its comment suggests */
};
int coding_review_report(struct store *st, const char *reviewer, struct coding_review_report *r,
                         struct anker_err *err);
void coding_review_report_free(struct coding_review_report *r);

/* Anchor examples (coding/review.c).  Promoting a segment appends its
 * text, in „…“, to the code's anchor examples with the segment's citation
 * and GUID.  Logged as an update of entity "code". */
struct coding_anchor {
	size_t position;        /* 1-based, in the code's order */
	char *text;
	char *citation;         /* "" when none (e.g. from a codebook import) */
	char *segment;          /* GUID of the promoted segment, or NULL */
};
void coding_anchors_free(struct coding_anchor *v, size_t n);

/* One transaction, one undo step; actor NULL: the default coder.  Refuses
 * (ANKER_EXISTS) a segment already promoted to that code, and
 * (ANKER_INPUT) a segment of only whitespace; code errors as
 * codebook_find, segment errors as coding_quote_get.  *position: the new
 * example's position; *other_code: the segment is coded with another code
 * (allowed, but worth a word to the user). */
int coding_anchor_add(struct store *st, const char *code, const char *segment,
                      const char *actor, size_t *position, bool *other_code,
                      struct anker_err *err);
int coding_anchors_list(struct store *st, const char *code, struct coding_anchor **out,
                        size_t *n, struct anker_err *err);
/* Code a passage as coding_mark does (coder m->coder, also the actor) and
 * make the new segment (*guid) an anchor example of m->code, at
 * *position: one transaction, one undo step (coding/review_fix.c).
 * Errors as coding_mark and coding_anchor_add; nothing is written then. */
int coding_mark_anchor(struct store *st, const struct coding_mark *m, char guid[37],
                       size_t *position, struct anker_err *err);
/* Delete the example at position (1-based, as coding_anchors_list numbers
 * them; ANKER_INPUT when there is none); the rest move up. */
int coding_anchor_delete(struct store *st, const char *code, size_t position,
                         const char *actor, struct anker_err *err);
/* Move the example at position to position to (both 1-based; the others
 * keep their order around it), logged as "anchors move".  Edit its text,
 * logged as "anchors edit" (ANKER_INPUT for text that is not UTF-8 or only
 * whitespace); citation and segment stay.  One transaction, one undo step
 * each; ANKER_INPUT for a position (or to) beyond the examples. */
int coding_anchor_move(struct store *st, const char *code, size_t position, size_t to,
                       const char *actor, struct anker_err *err);
int coding_anchor_edit(struct store *st, const char *code, size_t position, const char *text,
                       const char *actor, struct anker_err *err);
/* Record where example position of the code (its id) comes from: its
 * citation and, unless NULL, the segment that codes it.  Inside the
 * caller's transaction, logged as an update of the code ("anchors locate").
 * ANKER_EXISTS when the example has a citation or a segment already. */
int coding_anchor_cite(struct store *st, int64_t code_id, size_t position, const char *citation,
                       const char *segment, struct anker_err *err);

#endif
