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

struct corpus_doc_filter;

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
/* Fewer words than this tell no passage apart: such a quote is never
 * found. */
#define ANCHOR_MIN_WORDS 3
/* Add a quote; returns its index.  Its words: anchor_matcher_tokens. */
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


/* ---------------------------------------------------------------------- */
/* Terms for suggestions (anchor/terms.c, anchor/stopwords.c): the
 * tokenizer's words without stop words and bare numbers, each reduced to
 * its Snowball stem (libstemmer), German or English. */

enum anchor_lang { ANCHOR_LANG_AUTO, ANCHOR_LANG_DE, ANCHOR_LANG_EN };
/* "de", "en"; -1 for anything else. */
int anchor_lang_parse(const char *name);
const char *anchor_lang_name(enum anchor_lang lang);
/* The language whose stop words s[0..len) uses more often; German on a
 * tie (no words at all). */
enum anchor_lang anchor_lang_guess(const char *s, size_t len);
/* Whether a normalised form (lower case, anchor_tokens) is a stop word of
 * lang (German unless ANCHOR_LANG_EN). */
bool anchor_stopword(enum anchor_lang lang, const char *form, size_t len);
/* The i-th stop word of lang's list (sorted), NULL past the end (tests). */
const char *anchor_stopword_at(enum anchor_lang lang, size_t i);

/* A term of a text: its id in the vocabulary, and the byte of the text
 * its word starts at. */
struct anchor_term {
	uint32_t id;
	size_t b0;
};
struct anchor_termv {
	struct anchor_term *v;
	size_t n, cap;
};
/* The terms seen so far, numbered from 0 as they come. */
struct anchor_vocab;
/* lang: ANCHOR_LANG_EN or German (AUTO too: guess first). */
struct anchor_vocab *anchor_vocab_new(enum anchor_lang lang);
void anchor_vocab_free(struct anchor_vocab *v);
enum anchor_lang anchor_vocab_lang(const struct anchor_vocab *v);
/* Append the terms of s[0..len) (valid UTF-8) to out, in text order. */
void anchor_vocab_terms(struct anchor_vocab *v, const char *s, size_t len,
                        struct anchor_termv *out);
size_t anchor_vocab_size(const struct anchor_vocab *v);
/* A term's stem, and the first word seen with that stem (what reasons
 * show: "verwaltung" reads better than "verwalt"). */
const char *anchor_vocab_stem(const struct anchor_vocab *v, uint32_t id);
const char *anchor_vocab_word(const struct anchor_vocab *v, uint32_t id);
/* The term of stem (added, with word to show, when new). */
uint32_t anchor_vocab_add(struct anchor_vocab *v, const char *stem, const char *word);

/* ---------------------------------------------------------------------- */
/* Suggestions (anchor/profile.c, anchor/suggest.c).
 *
 * A code's profile is the bag of terms of its definition, its anchor
 * examples and its coded segments (every coder's), weighted: anchor
 * examples and segments whose newest verdict is "fits" count twice,
 * the definition and other segments once, and segments whose newest
 * verdict is "misfit" not at all.  Passages and profiles are compared
 * with Okapi BM25 (k1 1.2, b 0.75; idf ln(1 + (N - df + 0.5) / (df +
 * 0.5))), the collection being what is ranked:
 *   - codes for a passage: the passage's terms are the query, the
 *     profiles the documents (N: the codes with a profile);
 *   - passages for a code: the units of the corpus are the documents
 *     (N: every unit), the profile the query, each of its terms weighed
 *     by its weight saturated as a term frequency is, w (k1 + 1) / (w + k1),
 *     so that one much-repeated word does not carry a whole profile.
 * The profile of a code never holds the passage asked about: segments
 * overlapping it and anchor examples cited from it (their citation or
 * segment) are left out; a unit coded with the code (any overlap) is
 * never suggested for it.  The terms that made a suggestion are those
 * that added most to its score. */

struct anchor_suggestion {
	/* a passage (anchor_suggest_passages) */
	int64_t doc_id;
	char *doc;
	size_t start, end, para_first, para_last;
	char *text;
	/* a code (anchor_suggest_codes) */
	int64_t code_id;
	char *code_number, *code_path;
	double score;
	char *reasons;          /* the terms, strongest first, ", " between */
};
void anchor_suggestions_free(struct anchor_suggestion *v, size_t n);

struct anchor_suggest_opts {
	enum anchor_lang lang;  /* AUTO: guessed from the codebook and the coded
	                         * segments (with the first document when these
	                         * come to fewer than 2,000 bytes) */
	const char *exclude_doc;  /* profiles built without this document's
	                           * segments and anchor examples (leave-one-out) */
	bool codebook_only;     /* profiles of definitions and anchor examples alone */
	int unit;               /* passages: CODING_UNIT_PARAGRAPH, _TURN, else
	                         * sentences (CODING_UNIT_SENTENCE) */
	size_t limit;           /* at most this many rows; 0: all */
	/* passages: only those of the documents this keeps (NULL: every
	 * document's); the terms keep the whole corpus's weights */
	const struct corpus_doc_filter *docs;
	bool per_call;          /* codes for a passage: profiles computed for this
	                         * call, not read from the stored model (what the
	                         * model is checked against; exclude_doc,
	                         * codebook_only and a lang other than the model's
	                         * compute per call too) */
};

/* Passages of the corpus not coded with code, best first (score > 0).
 * Reads every document once.  Code errors as codebook_find; a code whose
 * profile is empty is ANKER_INPUT (nothing to compare with). */
int anchor_suggest_passages(struct store *st, const char *code, const struct anchor_suggest_opts *o,
                            struct anchor_suggestion **out, size_t *n, struct anker_err *err);

/* The passage asked about: a document (user key), and code points
 * [start, end) or, with lines, paragraphs first..last (1-based). */
struct anchor_passage {
	const char *doc;
	bool lines;
	size_t start, end, first, last;
};
/* Codes for a passage, best first (score > 0).  Document errors as
 * corpus_doc_find; a range outside the document is ANKER_INPUT.  Read from
 * the model stored in the project (anchor/model.c), which a writable store
 * builds on first use (its language guessed then, as AUTO guesses) and
 * keeps current; a read-only one, and the options above, compute the
 * profiles per call. */
int anchor_suggest_codes(struct store *st, const struct anchor_passage *p,
                         const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                         size_t *n, struct anker_err *err);

/* Keep the stored model current: the profiles' sources changed in this
 * transaction (noted by the schema's triggers) taken out and put back as
 * they are.  Nothing before the model is first built.  Meant for
 * store_set_commit_hook (cli/main.c sets it); a suggestion brings the
 * model up to date too. */
int anchor_model_sync(struct store *st, struct anker_err *err);

/* The model behind anchor_suggest_codes, for callers that ask many
 * passages of one model (the leave-one-out evaluation in bench/). */
struct anchor_model;
int anchor_model_load(struct store *st, const struct anchor_suggest_opts *o,
                      struct anchor_model **out, struct anker_err *err);
void anchor_model_free(struct anchor_model *m);
/* Codes for the text of document doc_id's code points [start, end), its
 * paragraphs para_first..para_last. */
void anchor_model_rank(struct anchor_model *m, int64_t doc_id, const char *text, size_t len,
                       size_t start, size_t end, size_t para_first, size_t para_last,
                       const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                       size_t *n);
/* The codes by their number of segments in the model, most first (the
 * baseline "always the most frequent codes"): ids into ids[0..n). */
void anchor_model_frequent(const struct anchor_model *m, int64_t **ids, size_t *n);

/* ---------------------------------------------------------------------- */
/* Where codes blur (anchor/boundaries.c): for the supervisor, the places
 * where a codebook's definitions need sharpening. */

/* A segment, or an anchor example, whose text is closer to another code's
 * profile than to its own code's (each ranked as anchor_suggest_codes
 * ranks a passage, left out of its own profile). */
struct anchor_blur {
	char guid[37];          /* the segment's; "" for an anchor example */
	size_t anchor;          /* the example's position (from 1); 0 for a segment */
	char *doc;              /* the segment's document; NULL for an example */
	int64_t doc_id;         /* its id (0 for an example) */
	size_t start, end, para_first, para_last;
	char *code_number, *code_path;  /* its own code */
	double own_score;       /* 0: its own code is not suggested at all */
	char *other_number, *other_path;        /* the code ranked first */
	double other_score;
	char *reasons;          /* the words that speak for the other code */
	char *text;
};
/* Two codes whose profiles overlap: the cosine of their profiles' weights
 * times idf (over the profiles), 0 to 1, and the words they share most. */
struct anchor_overlap {
	char *a_number, *a_path, *b_number, *b_path;
	double similarity;
	char *shared;
};
struct anchor_boundaries {
	struct anchor_blur *segments, *anchors;  /* widest margin first */
	size_t nsegments, nanchors;
	struct anchor_overlap *pairs;            /* most similar first */
	size_t npairs;
};
void anchor_boundaries_free(struct anchor_boundaries *b);
/* With code (a user key, else NULL: all codes): only its segments and
 * examples, and the pairs it is in.  o->limit: at most so many rows of
 * each list (0: all); o->lang, o->exclude_doc and o->per_call as for
 * suggestions: from the model kept in the project where it can serve
 * (anchor/boundaries_kept.c; built first where the store is writable),
 * else per call.  Code errors as codebook_find. */
int anchor_boundaries(struct store *st, const char *code, const struct anchor_suggest_opts *o,
                      struct anchor_boundaries *out, struct anker_err *err);
/* Whether anchor_boundaries can work out a code's boundaries now without
 * a write that waits for other processes, and keep them: the model built
 * and current (nothing noted in model_todo), the project writable, kept
 * results wanted (ANKER_NO_CACHE unset).  For work done while idle. */
bool anchor_boundaries_keepable(struct store *st);

#endif
