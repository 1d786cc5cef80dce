/* anchor/suggest_int.h — what profile.c and suggest.c share: the model of
 * every code's profile (see anchor.h, "Suggestions"). */
#ifndef ANKER_SUGGEST_INT_H
#define ANKER_SUGGEST_INT_H

#include "anchor.h"
#include "../codebook/codebook.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

#define BM25_K1 1.2
#define BM25_B 0.75
/* Weights of the sources of a profile. */
#define W_DEFINITION 1.0
#define W_ANCHOR 2.0
#define W_SEGMENT 1.0
#define W_FITS 2.0
/* Reasons shown per suggestion. */
#define SUGGEST_REASONS 5

/* One source of a profile: a definition, an anchor example or a segment. */
struct part {
	size_t code;            /* index into the model's codebook */
	double w;
	int64_t doc_id;         /* where it was taken from; 0: nowhere known */
	bool cps;               /* [a, b) code points; else paragraphs a..b */
	size_t a, b;
	size_t t0, nt;          /* its terms: terms.v[t0, t0 + nt) */
	size_t seg;             /* a segment: its index in segs; else SIZE_MAX */
	size_t anchor;          /* an anchor example: its position (from 1); else 0 */
};

/* A code's profile: its terms (ascending ids) with their weights. */
struct prof {
	uint32_t *t;
	double *w;
	size_t n;
	double len;             /* the sum of the weights */
};

struct anchor_model {
	struct anchor_vocab *vocab;
	struct codebook cb;
	int only;               /* the one code loaded, or -1: all */
	struct coding_segment *segs;    /* the loaded codes' segments, all of them */
	size_t nsegs;
	struct part *parts;
	size_t nparts;
	struct anchor_termv terms;
	struct prof *prof;      /* per code */
	size_t *counted;        /* per code: segments in its profile */
	/* code ids to indices (suggest_code_index), made when first needed */
	struct codebook_ids ids;
	bool ids_made;
	int64_t exclude_doc;    /* 0: none */
	/* The profiles turned around (suggest_model_invert), for many
	 * rankings: per term t, its weights in the profiles at
	 * inv[at[t] .. at[t + 1]); NULL: none. */
	size_t *at, nat;
	struct inv_weight {
		size_t code;
		double w;
	} *inv;
};

/* Load the profiles of every code, or with code (a user key) of that code
 * alone (code errors as codebook_find). */
int suggest_model_load(struct store *st, const struct anchor_suggest_opts *o, const char *code,
                       struct anchor_model **out, struct anker_err *err);

/* The language of the project: of the texts the profiles are made of (the
 * codebook's, suggest_lang_sample, then the segments' in their list's
 * order, SUGGEST_LANG_SAMPLE bytes telling it as well as the whole), and
 * of the first document when these are few (added to *sb). */
#define SUGGEST_LANG_SAMPLE (1 << 16)
void suggest_lang_sample(const struct codebook *cb, struct strbuf *sb);
int suggest_lang_guess(struct store *st, struct strbuf *sb, enum anchor_lang *lang,
                       struct anker_err *err);

/* The place an anchor example's citation "DOC, Pos. 12" or "DOC, Pos.
 * 12–14" (corpus_citation) names, into p (doc_id, paragraphs a..b); p is
 * left as it was when the citation names no document of the project. */
void suggest_cited(struct store *st, const char *citation, struct part *p);

/* anchor_model_rank, with part skip (an index into parts, SIZE_MAX: none)
 * left out of its profile as well. */
void suggest_rank(struct anchor_model *m, int64_t doc_id, const char *text, size_t len,
                  size_t start, size_t end, size_t para_first, size_t para_last, size_t skip,
                  const struct anchor_suggest_opts *o, struct anchor_suggestion **out, size_t *n);

/* A passage's query: its distinct terms (ascending ids) and how often
 * each, from its terms terms[0..n) in text order. */
struct suggest_query {
	uint32_t *id;
	double *qtf;
	size_t n;
};
void suggest_query_of(const uint32_t *terms, size_t n, struct suggest_query *q);
void suggest_query_free(struct suggest_query *q);
/* suggest_rank for a query already made. */
void suggest_rank_query(struct anchor_model *m, const struct suggest_query *q, int64_t doc_id,
                        size_t start, size_t end, size_t para_first, size_t para_last, size_t skip,
                        const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                        size_t *n);
/* The code ranked first for q as suggest_rank_query ranks (SIZE_MAX:
 * none), its score and reasons (malloc'd), and code own's score (0: not
 * suggested): without the strings of every other code. */
size_t suggest_rank_first(struct anchor_model *m, const struct suggest_query *q, int64_t doc_id,
                          size_t start, size_t end, size_t pf, size_t pl, size_t skip, size_t own,
                          double *first_score, char **reasons, double *own_score);
/* m's profiles turned around (m->inv), so that each ranking looks up a
 * term's weights at once instead of in every profile: for many. */
void suggest_model_invert(struct anchor_model *m);
/* Whether part p was taken from the passage (what a ranking leaves out). */
bool suggest_part_overlaps(const struct part *p, int64_t doc_id, size_t start, size_t end,
                           size_t pf, size_t pl);

/* Where codes blur (anchor/boundaries.c, from the kept model
 * anchor/boundaries_kept.c). */
/* Rank the codes for part p (query q; skip as suggest_rank's); true and
 * *b filled but for the text and the segment's place when another code
 * comes first. */
bool suggest_blur_rank(struct anchor_model *m, const struct part *p, const struct suggest_query *q,
                       size_t skip, struct anchor_blur *b);
void suggest_blur_clear(struct anchor_blur *b);
/* v[0..nv) widest margin first (equal ones in the order given), the first
 * limit (0: all) kept, into *out. */
void suggest_blurs_finish(struct anchor_blur *v, size_t nv, size_t limit, struct anchor_blur **out,
                          size_t *n);
/* Pairs of codes whose profiles overlap most (those with code only, -1:
 * all), the first limit (0: all). */
void suggest_overlaps(struct anchor_model *m, int only, size_t limit, struct anchor_overlap **out,
                      size_t *n);
/* anchor_boundaries of code (a user key; NULL: every code) from the kept
 * model (ready, its language lang): no segment's text is read but those
 * listed, and a document's sources are at hand one document at a time. */
int suggest_kept_boundaries(struct store *st, enum anchor_lang lang, const char *code,
                            const struct anchor_suggest_opts *o, struct anchor_boundaries *out,
                            struct anker_err *err);

/* anchor_boundaries from the kept model as suggest_kept_boundaries, read
 * from the results kept in the project (anchor/boundaries_cache.c) when
 * nothing they depend on changed since, else computed and kept. */
int suggest_bounds_kept(struct store *st, enum anchor_lang lang, const char *code,
                        const struct anchor_suggest_opts *o, struct anchor_boundaries *out,
                        struct anker_err *err);
/* The kept results dropped (a model built anew), inside a write
 * transaction. */
int suggest_bounds_drop(struct store *st, struct anker_err *err);

/* The stored model (anchor/model.c) built or brought up to date, and its
 * language; ANKER_NOTFOUND where it cannot be (a store opened read-only). */
int suggest_model_ready(struct store *st, enum anchor_lang *lang, struct anker_err *err);
/* anchor_model_rank from the stored model (ready). */
int suggest_model_rank(struct store *st, enum anchor_lang lang, int64_t doc_id, const char *text,
                       size_t len, size_t start, size_t end, size_t pf, size_t pl,
                       const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                       size_t *n, struct anker_err *err);

/* A term and what it added to a score. */
struct contrib {
	uint32_t id;
	double v;
};
/* The SUGGEST_REASONS strongest of c[0..n) as "word, word" (reorders c). */
char *suggest_reasons(const struct anchor_vocab *v, struct contrib *c, size_t n);
/* Keep the first limit of v[0..*n) (0: all). */
void suggest_truncate(struct anchor_suggestion *v, size_t *n, size_t limit);
/* BM25's idf, and its term weight for frequency tf in a document of
 * length len (avglen: the collection's mean). */
double suggest_idf(double ndocs, double df);
double suggest_tf(double tf, double len, double avglen);

/* ---------------------------------------------------------------------- */
/* The units of the corpus kept for passages for a code (anchor/postings.c,
 * schema 8).  model_todo kind of a document whose units are read again. */
#define MODEL_TODO_DOC 4
/* meta key: the unit kinds whose units are kept, a bit (1 << unit) each */
#define UNITS_KEY "suggest_units"

/* model_term ids of a vocabulary's terms, looked up once each (added with
 * their stem and word when new). */
struct term_ids {
	struct store *st;
	struct anchor_vocab *vocab;
	int64_t *dbid;          /* per vocabulary term: its model_term id, 0: not looked up */
	size_t n;
};
int suggest_term_id(struct term_ids *t, uint32_t id, int64_t *out, struct anker_err *err);

/* A unit of a document: code points [start, end). */
struct suggest_range {
	size_t start, end;
};
/* The units (CODING_UNIT_SENTENCE, _PARAGRAPH or _TURN) of document
 * doc_id, text t, in order, blank ones left out (*out: the caller frees). */
int suggest_units_of(struct store *st, int64_t doc_id, int unit, const struct corpus_text *t,
                     struct suggest_range **out, size_t *n, struct anker_err *err);

/* The kept units of documents docs[0..n) read again (those gone dropped),
 * for every kind kept; ids: the sync's vocabulary and its term ids. */
int suggest_units_sync(struct term_ids *ids, const int64_t *docs, size_t n,
                       struct anker_err *err);
/* Passages for code from the kept units (built first when this kind is not
 * kept yet); *served false, and nothing done, where they cannot serve (a
 * read-only store, a language other than the model's). */
int suggest_units_rank(struct store *st, const char *code, const struct anchor_suggest_opts *o,
                       bool *served, struct anchor_suggestion **out, size_t *n,
                       struct anker_err *err);

/* A passage found for a code, before its text is read. */
struct suggest_hit {
	int64_t doc_id;
	size_t start, end;
	double score;
	char *reasons;          /* moves into the suggestion */
};
/* Hits h[0..n) as suggestions v[0..n) (allocated by the caller), with
 * their documents' names and texts (each document read once). */
int suggest_hits_fill(struct store *st, struct suggest_hit *h, size_t n,
                      struct anchor_suggestion *v, struct anker_err *err);
/* ANKER_INPUT: code k of cb has no profile to compare with. */
int suggest_no_profile(const struct codebook *cb, size_t k, struct anker_err *err);
/* Code id to its index in m's codebook (-1: none); a lookup: every row of
 * the profiles read asks. */
int suggest_code_index(struct anchor_model *m, int64_t id);
/* The profiles' lengths (model_profile) into m->prof, already allocated. */
int suggest_profile_lens(struct store *st, struct anchor_model *m, struct anker_err *err);

#endif
