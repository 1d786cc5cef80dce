/* anchor/anchor.h — the codebook's anchor examples as data: find the
 * passage of the corpus each anchor example quotes.
 *
 * Anchor examples are quotes from the study's transcripts, but rarely
 * verbatim: wrapped in „…“, broken over paragraphs, shortened with "[…]"
 * or "...", with fillers ("ähm") and small typos dropped or added, an
 * editor's "[kommunal]" put in.  So quote and text are compared as
 * sequences of normalised tokens (anchor/tokens.c): words in lower case,
 * punctuation and quote marks gone, a word hyphenated at a line end joined,
 * bracketed remarks and fillers left out, and an ellipsis in a quote a gap
 * that may stand for any stretch of the text.  A quote is found where an
 * alignment of its tokens with the text's costs fewest edits (a token
 * missing, added, or replaced; a typo in a long word half an edit): its
 * score is 1 - edits / tokens.
 */
#ifndef ANKER_ANCHOR_H
#define ANKER_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

/* ---------------------------------------------------------------------- */
/* Tokens (anchor/tokens.c). */

/* A token: the hash of its normalised form, where that form is in the
 * owner's arena, and the bytes [b0, b1) of the text it was read from. */
struct anchor_tok {
	uint64_t h;
	uint32_t off, len;      /* the normalised form: arena[off, off + len) */
	size_t b0, b1;
};
struct anchor_toks {
	struct anchor_tok *v;
	size_t n, cap;
	struct strbuf arena;
	bool forms;             /* forms kept in the arena (quotes); else off is 0 */
};
/* The hash of a gap ("[…]", "...", "…" in a quote). */
#define ANCHOR_GAP UINT64_C(0x9e3779b97f4a7c15)
/* Append the tokens of s[0..len) (valid UTF-8) to t; with gaps, an
 * ellipsis becomes an ANCHOR_GAP token (quotes), else it is punctuation
 * (the text). */
void anchor_tokens(struct anchor_toks *t, const char *s, size_t len, bool gaps);
void anchor_toks_free(struct anchor_toks *t);
/* Append the normalised form of token a, read from the text s it came
 * from (where the owner keeps no forms). */
void anchor_tok_form(const char *s, const struct anchor_tok *a, struct strbuf *out);
/* Forms a and b are the same word but for a typo (one insertion, deletion,
 * substitution or swap of neighbours), both of five code points or more. */
bool anchor_form_near(const char *a, size_t alen, const char *b, size_t blen);

/* ---------------------------------------------------------------------- */
/* Matching quotes against texts (anchor/match.c): add the quotes, scan
 * each text once, read each quote's best place. */

struct anchor_matcher;
/* Where a quote was found best: text (the index given to scan), code
 * points [start, end) of that text, the score, and how many places
 * scored as well (a quote found twice). */
struct anchor_place {
	bool found;             /* any place at all */
	size_t text;
	size_t start, end;
	size_t para_first, para_last;   /* 1-based paragraphs (lines) of the text */
	double score;
	size_t places;
	/* the second such place, when places > 1 */
	size_t text2, start2, end2, para2_first, para2_last;
};
struct anchor_matcher *anchor_matcher_new(void);
void anchor_matcher_free(struct anchor_matcher *m);
/* Add a quote; returns its index.  A quote of fewer than three tokens
 * (anchor_matcher_tokens) is never found: too short to tell apart. */
size_t anchor_matcher_add(struct anchor_matcher *m, const char *quote, size_t len);
size_t anchor_matcher_tokens(const struct anchor_matcher *m, size_t quote);
/* Look for every quote in s[0..len) (valid UTF-8), the text numbered text. */
void anchor_matcher_scan(struct anchor_matcher *m, size_t text, const char *s, size_t len);
/* The best place of quote so far. */
void anchor_matcher_place(const struct anchor_matcher *m, size_t quote, struct anchor_place *p);

/* ---------------------------------------------------------------------- */
/* Locating the project's anchor examples (anchor/locate.c). */

enum anchor_status { ANCHOR_FOUND, ANCHOR_NOT_FOUND, ANCHOR_TOO_SHORT };
struct anchor_located {
	char *code_number, *code_path;
	int64_t code_id;
	char guid[37];          /* the code's */
	size_t position;        /* the example's, 1-based, as `anchors list` */
	char *text;             /* the example */
	enum anchor_status status;
	double score;           /* the best place's, also when not found */
	int64_t doc_id;         /* 0 when not found */
	char *doc;              /* the best place's document (also when not found) */
	size_t start, end;      /* code points */
	size_t para_first, para_last;
	size_t places;          /* places that scored as well */
	char *doc2;             /* the second such place's document, else NULL */
	size_t para2_first, para2_last;
};
void anchor_located_free(struct anchor_located *v, size_t n);
struct anchor_locate_opts {
	const char *code;       /* NULL: every code's examples */
	double min_score;       /* found: a score at least this (0..1) */
};
/* One pass over every document for all examples.  Code errors as
 * codebook_find. */
int anchor_locate(struct store *st, const struct anchor_locate_opts *o,
                  struct anchor_located **out, size_t *n, struct anker_err *err);

/* Record the source of each example found in one place (not one found in
 * several: which one is the reader's call): its citation, and with
 * code_passages the passage coded with the example's code by the coder
 * "codebook" (an identical coding of it is used as it is).  Examples with a
 * citation or segment already are left as they are.  One transaction, one
 * undo step ("anchors locate"), actor NULL: the default coder. */
struct anchor_link_report {
	size_t linked, had_source, ambiguous, not_found;
	size_t coded, coded_before;     /* passages coded now, found coded already */
};
int anchor_link(struct store *st, const struct anchor_located *v, size_t n, bool code_passages,
                const char *actor, struct anchor_link_report *r, struct anker_err *err);

#endif
