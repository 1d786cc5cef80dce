/* anchor/suggest_int.h — what profile.c and suggest.c share: the model of
 * every code's profile (see anchor.h, "Suggestions"). */
#ifndef ANKER_SUGGEST_INT_H
#define ANKER_SUGGEST_INT_H

#include "anchor.h"
#include "../codebook/codebook.h"
#include "../coding/coding.h"

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
	int64_t exclude_doc;    /* 0: none */
};

/* Load the profiles of every code, or with code (a user key) of that code
 * alone (code errors as codebook_find). */
int suggest_model_load(struct store *st, const struct anchor_suggest_opts *o, const char *code,
                       struct anchor_model **out, struct anker_err *err);

/* The place an anchor example's citation "DOC, Pos. 12" or "DOC, Pos.
 * 12–14" (corpus_citation) names, into p (doc_id, paragraphs a..b); p is
 * left as it was when the citation names no document of the project. */
void suggest_cited(struct store *st, const char *citation, struct part *p);

/* anchor_model_rank, with part skip (an index into parts, SIZE_MAX: none)
 * left out of its profile as well. */
void suggest_rank(struct anchor_model *m, int64_t doc_id, const char *text, size_t len,
                  size_t start, size_t end, size_t para_first, size_t para_last, size_t skip,
                  const struct anchor_suggest_opts *o, struct anchor_suggestion **out, size_t *n);

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

#endif
