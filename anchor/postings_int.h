/* anchor/postings_int.h — what postings.c (the kept units, built and kept
 * current) and units_rank.c (passages for a code from them) share. */
#ifndef ANKER_POSTINGS_INT_H
#define ANKER_POSTINGS_INT_H

#include "suggest_int.h"

/* Classes of terms by how common they are (model_class): a term in
 * 2^-(c/2) .. 2^-((c+1)/2) of the tokens of the sample is in class c, the
 * rarest and those never classed in PK_CLASSES - 1.  A unit's bound per
 * class is kept as a multiple of 1 / PK_SCALE, rounded up. */
#define PK_STEPS 4
#define PK_CLASSES 64
#define PK_SCALE 64.0
/* A bound of the units still to come before every PK_GROUP units; the
 * first PK_HEAD units in model_unit (head), read with every document's
 * bound; their terms, and the rest in blocks of PK_BLOCK units (each
 * starts with its bound of the rest: a multiple of PK_GROUP), in
 * model_unit_data, read one after another while their bounds may still
 * reach the best. */
#define PK_GROUP 8
#define PK_HEAD 16
#define PK_BLOCK 64

/* model_unit_data's id of row block of document doc's units of kind (0:
 * the head's terms; k: block k - 1).  The heads' terms by kind, then
 * document: read for the documents scored, they lie together in a few
 * pages; the blocks after them by document, kind, then block, so that a
 * document's are read one after another by one statement (units_rank.c),
 * the range from PK_DATA_ID(doc, kind, 1) up to PK_DATA_ID(doc, kind + 1,
 * 1).  (2^24 rows, 2^30 units: more than a document of a gigabyte has
 * sentences; document ids below 2^36.)  A block's row holds its units
 * alone (terms empty), its terms are in the row of PK_TERMS_ID, apart:
 * the units are read for every block a ranking reaches, the terms only
 * for the blocks with a unit to score (at 1 GB, code 1.1.1: 5.5K units
 * scored of 1.24M read), and as much again beside each block's units was
 * half of the pages read. */
#define PK_DATA_ID(doc, kind, block)                                             \
	((block) ? ((int64_t)1 << 62) + (((int64_t)(doc) * 4 + (kind)) << 24) + (block) \
	         : ((int64_t)(kind) << 37) + (int64_t)(doc))
#define PK_TERMS_ID(doc, kind, block) (-PK_DATA_ID(doc, kind, block))

/* The order key of a unit (postings.c unit_stage, units_rank.c
 * ref_bound): its bounds per class (scaled) times kw[c], kw from the mean
 * unit length avg0 of its document's row (pk_key_weights).  Any positive
 * weights keep ref_bound true; weights that grow with the class as idf
 * does keep it tight, where (c + PK_STEPS) let 1.41M of 3.2M paragraphs
 * at 1 GB pass it for code 1.1.1 (of them 401 have a bound that reaches
 * the 10th score), these 1,418 (notes/post9-status.md). */
void pk_key_weights(double avg0, double kw[PK_CLASSES]);
/* The whole number of tokens pk_key_weights reckons with for avg0 (the
 * few a corpus's rows have share their weights). */
static inline double pk_key_len(double avg0)
{
	double len = (double)(int64_t)(avg0 + 0.5);
	return len >= 1 ? len : 1;
}

/* Unsigned varints (7 bits a byte, low first). */
void pk_put(struct strbuf *b, uint64_t v);
/* (inline: a dense code's ranking reads some hundred thousand units, a
 * dozen numbers each) */
static inline uint64_t pk_get(const unsigned char **p, const unsigned char *end)
{
	uint64_t v = 0;
	for (int shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned c = *(*p)++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			break;
	}
	return v;
}
/* The unit kinds kept (meta UNITS_KEY), a bit (1 << kind) each. */
int pk_kinds(struct store *st, unsigned *kinds, struct anker_err *err);
/* Build the units of kind (one transaction; nothing when kept already). */
int pk_build(struct store *st, enum anchor_lang lang, int kind, struct anker_err *err);

/* The code's segments, every coder's (what a suggestion leaves out), in
 * document and start order (units_coded.c). */
struct pk_coded {
	int64_t doc;
	size_t start, end;
};
int pk_coded_load(struct store *st, int64_t code, struct pk_coded **out, size_t *n,
                  struct anker_err *err);
/* The code's segments in document doc: cv[*from, *to). */
void pk_coded_in(const struct pk_coded *cv, size_t ncv, int64_t doc, size_t *from, size_t *to);
/* Whether [start, end) overlaps one of cv[from, to). */
bool pk_coded_overlaps(const struct pk_coded *cv, size_t from, size_t to, size_t start,
                       size_t end);
/* The ids of the documents f keeps (corpus_docs_filter), ascending; a
 * document's id among them (pk_doc_kept). */
struct corpus_doc_filter;
int pk_docs_kept(struct store *st, const struct corpus_doc_filter *f, int64_t **ids, size_t *n,
                 struct anker_err *err);
bool pk_doc_kept(const int64_t *ids, size_t n, int64_t id);

#endif
