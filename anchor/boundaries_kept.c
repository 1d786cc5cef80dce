/* anchor/boundaries_kept.c — where one code blurs, from the model kept in
 * the project (anchor/model.c): the profiles read from their rows, each of
 * the code's segments ranked from its stored terms, with only the sources
 * of its own document at hand to leave out.  The per-call way
 * (boundaries.c) holds every segment's text and, for each segment, looks
 * through every source of every profile.
 */
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"
#include "../corpus/corpus.h"

enum { KIND_ANCHOR = 2, KIND_SEGMENT = 3 };

/* The kept model at hand: m's vocabulary numbers model_term ids in their
 * order (vid: model_term id to vocabulary id), and m->parts holds the
 * sources of one document (doc), their terms read when first needed. */
struct kept {
	struct store *st;
	struct anchor_model *m;
	uint32_t *vid;
	size_t nvid;
	int64_t doc;            /* the document whose sources m->parts holds; -1: none */
	int64_t *src;           /* per part: its kind * 2^40 + src */
	bool *read;             /* per part: its terms read */
	/* One code's segments, a few per document: m->parts holds only the
	 * sources a segment overlaps, found through the segment index, and
	 * the anchor examples taken from its document (adoc's, asrc). */
	bool narrow;
	int64_t adoc, *asrc;
	size_t nasrc;
	/* a bound of the longest segment of adoc (doc_longest): the segments
	 * a range overlaps start within that length before it, a window of
	 * the segment index (reading every segment of adoc instead, 5,000 to
	 * a document at 10M segments, was half the time of one code's
	 * boundaries; finding its longest through the index, a third) */
	int64_t maxlen;
	uint64_t done, total;   /* segments ranked, of how many (progress) */
};

/* Ranking a code's segments takes 0.4 s at a million segments, every
 * code's far longer: said every so many segments (store_progress; the
 * TUI's Escape cancels). */
#define PROGRESS_EVERY 64
#define PROGRESS_WHAT "boundaries"


static int64_t src_key(int64_t kind, int64_t src)
{
	return kind * ((int64_t)1 << 40) + src;
}

static int vocab_load(struct kept *k, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(k->st, "SELECT id, stem, word FROM model_term ORDER BY id", &s, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		size_t id = (size_t)store_col_int(s, 0);
		if (id >= k->nvid) {
			size_t n = 2 * id + 64;
			k->vid = xreallocarray(k->vid, n, sizeof *k->vid);
			memset(k->vid + k->nvid, 0xff, (n - k->nvid) * sizeof *k->vid);
			k->nvid = n;
		}
		k->vid[id] = anchor_vocab_add(k->m->vocab, store_col_text(s, 1), store_col_text(s, 2));
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

static uint32_t vid_of(const struct kept *k, int64_t db)
{
	return db > 0 && (size_t)db < k->nvid ? k->vid[db] : UINT32_MAX;
}

static int profiles_load(struct kept *k, struct anker_err *err)
{
	struct anchor_model *m = k->m;
	size_t nc = m->cb.ncodes, *cap = xcalloc(nc + 1, sizeof *cap);
	struct store_stmt *s;
	m->prof = xcalloc(nc + 1, sizeof *m->prof);
	int r = -1;
	/* (the vocabulary is in model_term order: in the table's own order,
	 * term by term, each profile's terms come ascending; ORDER BY code_id
	 * read it through model_weight_code, a lookup per row: 41 % of the
	 * time of one code's boundaries at a million segments) */
	if (!store_prepare(k->st, "SELECT code_id, term_id, weight FROM model_weight "
	                          "ORDER BY term_id, code_id", &s, err)) {
		while ((r = store_step(s, err)) > 0) {
			int c = suggest_code_index(m, store_col_int(s, 0));
			uint32_t t = vid_of(k, store_col_int(s, 1));
			if (c < 0 || t == UINT32_MAX)
				continue;
			struct prof *p = &m->prof[c];
			if (p->n == cap[c]) {
				cap[c] = cap[c] ? 2 * cap[c] : 64;
				p->t = xreallocarray(p->t, cap[c], sizeof *p->t);
				p->w = xreallocarray(p->w, cap[c], sizeof *p->w);
			}
			p->t[p->n] = t;
			p->w[p->n++] = store_col_double(s, 2);
		}
		store_done(s);
	}
	free(cap);
	if (r < 0)
		return err->status;
	return suggest_profile_lens(k->st, m, err);
}

/* Append part to m->parts (its terms not read yet). */
static struct part *part_push(struct kept *k, int64_t key)
{
	struct anchor_model *m = k->m;
	m->parts = xreallocarray(m->parts, m->nparts + 1, sizeof *m->parts);
	k->src = xreallocarray(k->src, m->nparts + 1, sizeof *k->src);
	k->read = xreallocarray(k->read, m->nparts + 1, sizeof *k->read);
	k->src[m->nparts] = key;
	k->read[m->nparts] = false;
	return &m->parts[m->nparts++];
}

/* The sources taken from document doc into m->parts. */
static int doc_parts(struct kept *k, int64_t doc, struct anker_err *err)
{
	struct anchor_model *m = k->m;
	struct store_stmt *s;
	if (k->doc == doc && doc)
		return ANKER_OK;
	m->nparts = 0;
	m->terms.n = 0;
	k->doc = doc;
	if (!doc)
		return ANKER_OK;
	/* (doc_id <> 0: for the partial index, as in model.c) */
	if (store_prepare(k->st, "SELECT kind, src, code_id, weight, cps, a, b FROM model_part "
	                         "WHERE doc_id = :doc AND doc_id <> 0", &s, err) ||
	    store_bind_int(s, ":doc", doc, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		int c = suggest_code_index(m, store_col_int(s, 2));
		if (c < 0)
			continue;
		struct part *p = part_push(k, src_key(store_col_int(s, 0), store_col_int(s, 1)));
		*p = (struct part){ .code = (size_t)c, .w = store_col_double(s, 3), .doc_id = doc,
		                    .cps = store_col_int(s, 4) != 0, .a = (size_t)store_col_int(s, 5),
		                    .b = (size_t)store_col_int(s, 6), .seg = SIZE_MAX };
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* Part i's terms (model_part.terms) into m->terms. */
static void terms_parse(struct kept *k, size_t i, const char *t)
{
	struct anchor_model *m = k->m;
	struct part *p = &m->parts[i];
	p->t0 = m->terms.n;
	while (*t) {
		char *e;
		uint32_t id = vid_of(k, strtoll(t, &e, 10));
		if (m->terms.n == m->terms.cap) {
			m->terms.cap = m->terms.cap ? 2 * m->terms.cap : 256;
			m->terms.v = xreallocarray(m->terms.v, m->terms.cap, sizeof *m->terms.v);
		}
		m->terms.v[m->terms.n++] = (struct anchor_term){ id, 0 };
		t = *e ? e + 1 : e;
	}
	p->nt = m->terms.n - p->t0;
	k->read[i] = true;
}

/* The terms of part i read into m->terms. */
static int part_terms(struct kept *k, size_t i, struct anker_err *err)
{
	struct store_stmt *s;
	if (k->read[i])
		return ANKER_OK;
	int64_t key = k->src[i], one = (int64_t)1 << 40;
	if (store_prepare(k->st, "SELECT terms FROM model_part WHERE kind = :kind AND src = :src",
	                  &s, err) ||
	    store_bind_int(s, ":kind", key / one, err) || store_bind_int(s, ":src", key % one, err))
		return err->status;
	int r = store_step(s, err);
	terms_parse(k, i, r > 0 ? store_col_text(s, 0) : "");
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* The part of row s (columns code_id, weight, doc_id, cps, a, b, terms of
 * model_part) into m->parts as source (kind, src), with its terms: *i its
 * index, SIZE_MAX when not for a code of the codebook. */
static void part_row(struct kept *k, struct store_stmt *s, int kind, int64_t src, size_t *i)
{
	struct anchor_model *m = k->m;
	int c = suggest_code_index(m, store_col_int(s, 0));
	*i = SIZE_MAX;
	if (c < 0)
		return;
	*i = m->nparts;
	*part_push(k, src_key(kind, src)) = (struct part){
		.code = (size_t)c, .w = store_col_double(s, 1), .doc_id = store_col_int(s, 2),
		.cps = store_col_int(s, 3) != 0, .a = (size_t)store_col_int(s, 4),
		.b = (size_t)store_col_int(s, 5), .seg = SIZE_MAX };
	terms_parse(k, *i, store_col_text(s, 6));
}

/* Source (kind, src) into m->parts as the model has it, with its terms
 * (the narrow way's sources are mostly those overlapping: one lookup, not
 * two): *i its index, SIZE_MAX when the model has it not (a misfit) or
 * not for a code of the codebook. */
static int part_fetch(struct kept *k, int kind, int64_t src, size_t *i, struct anker_err *err)
{
	struct store_stmt *s;
	*i = SIZE_MAX;
	if (store_prepare(k->st, "SELECT code_id, weight, doc_id, cps, a, b, terms FROM model_part "
	                         "WHERE kind = :kind AND src = :src", &s, err) ||
	    store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":src", src, err))
		return err->status;
	int r = store_step(s, err);
	if (r > 0)
		part_row(k, s, kind, src, i);
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* The ids of query sql (binding :doc) into *v. */
static int ids_of(struct kept *k, const char *sql, int64_t doc, int64_t **v, size_t *n,
                  struct anker_err *err)
{
	struct store_stmt *s;
	size_t cap = *n = 0;
	if (store_prepare(k->st, sql, &s, err) || store_bind_int(s, ":doc", doc, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*v = xreallocarray(*v, cap, sizeof **v);
		}
		(*v)[(*n)++] = store_col_int(s, 0);
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* The segments of k->adoc overlapping [a, b) but segment self into
 * m->parts as the model has them (those it has), in segment_span's
 * order: the window and the parts in one statement, where a statement
 * per part was a tenth of a code's boundaries at 10M segments. */
static int overlapping(struct kept *k, int64_t a, int64_t b, int64_t self,
                       struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(k->st, "SELECT p.code_id, p.weight, p.doc_id, p.cps, p.a, p.b, p.terms, "
	                         "g.id FROM segment g JOIN model_part p ON p.kind = 3 AND "
	                         "p.src = g.id WHERE g.doc_id = :doc AND g.start > :lo AND "
	                         "g.start < :b AND g.\"end\" > :a AND g.id <> :self ORDER BY "
	                         "g.start, g.\"end\", g.code_id, g.coder_id, g.id", &s, err) ||
	    store_bind_int(s, ":doc", k->adoc, err) || store_bind_int(s, ":lo", a - k->maxlen, err) ||
	    store_bind_int(s, ":b", b, err) || store_bind_int(s, ":a", a, err) ||
	    store_bind_int(s, ":self", self, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0)
		part_row(k, s, KIND_SEGMENT, store_col_int(s, 7), &(size_t){ 0 });
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* Source (kind, src) and the sources it may overlap into m->parts (the
 * narrow way): the segments overlapping its range, and the anchor
 * examples of its document; *self its index (SIZE_MAX: none). */
static int narrow_parts(struct kept *k, int kind, int64_t src, size_t *self,
                        struct anker_err *err)
{
	struct anchor_model *m = k->m;
	size_t i;
	m->nparts = 0;
	m->terms.n = 0;
	int rc = part_fetch(k, kind, src, self, err);
	if (rc || *self == SIZE_MAX || !m->parts[*self].doc_id)
		return rc;
	struct part p = m->parts[*self];
	if (k->adoc != p.doc_id) {
		/* (few; the index alone: its rows carry kind and src) */
		k->adoc = p.doc_id;
		rc = ids_of(k, "SELECT src FROM model_part WHERE doc_id = :doc AND doc_id <> 0 "
		               "AND kind = 2", p.doc_id, &k->asrc, &k->nasrc, err);
		/* (kept by the triggers, schema 20: a bound; no row, no
		 * segments) */
		if (!rc)
			rc = store_get_int(k->st, &k->maxlen, err, "SELECT COALESCE(MAX(len), 0) FROM "
			                   "doc_longest WHERE doc_id = :doc", STORE_INT(":doc", p.doc_id));
		if (rc)
			k->adoc = -1;
	}
	for (i = 0; !rc && i < k->nasrc; i++)
		if (kind != KIND_ANCHOR || k->asrc[i] != src)
			rc = part_fetch(k, KIND_ANCHOR, k->asrc[i], &(size_t){ 0 }, err);
	/* (as suggest_part_overlaps has a segment's range overlap: start <
	 * p.b and end > p.a, so start > p.a - maxlen; in segment_span's order,
	 * that of the index scan the overlaps were found by before) */
	if (!rc)
		rc = overlapping(k, (int64_t)p.a, (int64_t)p.b, kind == KIND_SEGMENT ? src : -1, err);
	return rc;
}

/* Source (kind, src) ranked as its code's segments and examples are: its
 * document's sources at hand, those it overlaps with their terms; true
 * into *yes with *b filled (but for the text and place) when another code
 * comes first; *yes false also when the source is not in the model (a
 * misfit). */
static int kept_rank(struct kept *k, int kind, int64_t src, size_t anchor,
                     struct anchor_blur *b, bool *yes, struct anker_err *err)
{
	struct anchor_model *m = k->m;
	int64_t doc;
	size_t self = SIZE_MAX;
	*yes = false;
	int rc;
	if (k->narrow) {
		if ((rc = narrow_parts(k, kind, src, &self, err)) || self == SIZE_MAX)
			return rc;
		doc = m->parts[self].doc_id;
	} else {
		rc = store_get_int(k->st, &doc, err, "SELECT doc_id FROM model_part "
		                                     "WHERE kind = :kind AND src = :src",
		                   STORE_INT(":kind", kind), STORE_INT(":src", src));
		if (rc)
			return rc == ANKER_NOTFOUND ? ANKER_OK : rc;
		if ((rc = doc_parts(k, doc, err)))
			return rc;
	}
	int64_t key = src_key(kind, src);
	for (size_t i = 0; i < m->nparts && self == SIZE_MAX; i++)
		if (k->src[i] == key)
			self = i;
	if (self == SIZE_MAX) {
		/* (from nowhere known: the document's sources are none) */
		if ((rc = part_fetch(k, kind, src, &self, err)) || self == SIZE_MAX)
			return rc;
	}
	struct part *p = &m->parts[self];
	p->anchor = anchor;
	for (size_t i = 0; !rc && i < m->nparts; i++)
		if (i == self || suggest_part_overlaps(&m->parts[i], doc, p->a, p->b, p->a, p->b))
			rc = part_terms(k, i, err);
	if (rc)
		return rc;
	uint32_t *ids = xcalloc(p->nt + 1, sizeof *ids);
	for (size_t t = 0; t < p->nt; t++)
		ids[t] = m->terms.v[p->t0 + t].id;
	struct suggest_query q;
	suggest_query_of(ids, p->nt, &q);
	free(ids);
	*yes = suggest_blur_rank(m, p, &q, self, b);
	suggest_query_free(&q);
	p->anchor = 0;
	return ANKER_OK;
}

/* A blurred segment's place in the list, by its document. */
struct at_doc {
	int64_t doc;
	size_t i;
};

static int cmp_at_doc(const void *a, const void *b)
{
	const struct at_doc *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The texts and places of the blurred segments v[0..n), each document
 * read once: only those listed (nearly every segment of random codings
 * blurs; reading every one's document was 12 % of one code's time). */
static int segs_place(struct store *st, struct anchor_blur *v, size_t n, struct anker_err *err)
{
	struct at_doc *by = xcalloc(n + 1, sizeof *by);
	struct corpus_span *sp = xcalloc(n + 1, sizeof *sp);
	int rc = ANKER_OK;
	for (size_t i = 0; i < n; i++)
		by[i] = (struct at_doc){ v[i].doc_id, i };
	if (n)
		qsort(by, n, sizeof *by, cmp_at_doc);
	for (size_t i = 0, j; !rc && i < n; i = j) {
		for (j = i; j < n && by[j].doc == by[i].doc; j++)
			sp[j - i] = (struct corpus_span){ .start = v[by[j].i].start, .end = v[by[j].i].end };
		rc = corpus_doc_spans(st, by[i].doc, sp, j - i, true, err);
		for (size_t g = i; g < j; g++) {
			struct anchor_blur *x = &v[by[g].i];
			x->para_first = sp[g - i].para_first;
			x->para_last = sp[g - i].para_last;
			x->text = sp[g - i].text ? sp[g - i].text : xstrdup("");
		}
	}
	free(sp);
	free(by);
	return rc;
}

/* Blurs found so far. */
struct blurv {
	struct anchor_blur *v;
	size_t n, cap;
};

static void blurv_free(struct blurv *b)
{
	for (size_t i = 0; i < b->n; i++)
		suggest_blur_clear(&b->v[i]);
	free(b->v);
}

/* Code code's anchor examples, in their order, into b. */
static int code_anchor_blurs(struct kept *k, size_t code, struct blurv *b,
                             struct anker_err *err)
{
	const struct codebook_code *c = &k->m->cb.codes[code];
	struct store_stmt *s;
	int64_t *ids = NULL;
	size_t nids = 0;
	if (store_prepare(k->st, "SELECT id FROM anchor WHERE code_id = :code ORDER BY position, id",
	                  &s, err) ||
	    store_bind_int(s, ":code", c->id, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		ids = xreallocarray(ids, nids + 1, sizeof *ids);
		ids[nids++] = store_col_int(s, 0);
	}
	store_done(s);
	b->v = xreallocarray(b->v, b->n + nids + 1, sizeof *b->v);
	b->cap = b->n + nids + 1;
	int rc = r < 0 ? (int)err->status : ANKER_OK;
	for (size_t i = 0; !rc && i < nids && i < c->nanchors; i++) {
		bool yes;
		rc = kept_rank(k, KIND_ANCHOR, ids[i], i + 1, &b->v[b->n], &yes, err);
		if (!rc && yes)
			b->v[b->n++].text = xstrdup(c->anchors[i]);
	}
	free(ids);
	return rc;
}

/* The segments segs[0..nsegs) (a list's, documents together) ranked in
 * their order, into b (not placed yet). */
static int list_blurs(struct kept *k, const struct coding_segment *segs, size_t nsegs,
                      const struct anchor_suggest_opts *o, struct blurv *b, struct anker_err *err)
{
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < nsegs; i++) {
		if (k->done++ % PROGRESS_EVERY == 0 &&
		    (rc = store_progress(PROGRESS_WHAT, k->done - 1, k->total, err)))
			break;
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 16;
			b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
		}
		struct anchor_blur *x = &b->v[b->n];
		bool yes;
		rc = kept_rank(k, KIND_SEGMENT, segs[i].id, 0, x, &yes, err);
		if (!rc && yes) {
			memcpy(x->guid, segs[i].guid, sizeof x->guid);
			x->doc = xstrdup(segs[i].doc);
			x->doc_id = segs[i].doc_id;
			x->start = segs[i].start;
			x->end = segs[i].end;
			b->n++;
		}
		/* only the first o->limit can be listed: the rest let go as
		 * they come (a stable sort: the same first ones at the end) */
		if (!rc && o->limit && b->n > 2 * o->limit + 256)
			suggest_blurs_finish(b->v, b->n, o->limit, &b->v, &b->n);
	}
	return rc;
}

/* list_blurs in one read transaction (SQLite locks the file once, not
 * per statement); segs[0..nsegs) freed. */
static int segs_blurs(struct kept *k, struct coding_segment *segs, size_t nsegs,
                      const struct anchor_suggest_opts *o, struct blurv *b, struct anker_err *err)
{
	int rc = store_read_begin(k->st, err);
	if (!rc)
		rc = list_blurs(k, segs, nsegs, o, b, err);
	store_read_end(k->st);
	coding_segments_free(segs, nsegs);
	return rc;
}

/* The segments of one code, as coding_segments_list lists them, a window
 * at a time: a code's list at 10M segments, 50,000, held 20 MB. */
#define CODE_WINDOW 1024
static int code_blurs(struct kept *k, const struct coding_filter *f,
                      const struct anchor_suggest_opts *o, struct blurv *b, struct anker_err *err)
{
	struct coding_pages *pg;
	if (coding_pages_open(k->st, f, &pg, err))
		return err->status;
	int rc = ANKER_OK;
	for (size_t at = 0, got = CODE_WINDOW; !rc && got == CODE_WINDOW; at += got) {
		struct coding_segment *w = xcalloc(CODE_WINDOW, sizeof *w);
		if (coding_pages_read(k->st, pg, at, CODE_WINDOW, w, &got, err)) {
			free(w);
			rc = err->status;
		} else {
			rc = segs_blurs(k, w, got, o, b, err);
		}
	}
	coding_pages_free(pg);
	return rc;
}

/* The segments of code (SIZE_MAX: of every code) in the order the
 * per-call way takes them (that of coding_segments_list): one code's
 * listed at once, every code's document by document (the documents in
 * the list's order), each document's sources read once. */
static int seg_blurs(struct kept *k, size_t code, const struct anchor_suggest_opts *o,
                     struct anchor_blur **out, size_t *n, struct anker_err *err)
{
	struct coding_filter f = { .min_weight = -1, .positions_only = true };
	struct corpus_doc *docs = NULL;
	size_t ndocs = 1;
	struct blurv b = { 0 };
	int rc = ANKER_OK;
	int64_t total = 0;
	if (code != SIZE_MAX) {
		f.code = k->m->cb.codes[code].guid;
		rc = store_get_int(k->st, &total, err, "SELECT n FROM code_segments WHERE code_id = :c",
		                   STORE_INT(":c", k->m->cb.codes[code].id));
	} else {
		rc = store_get_int(k->st, &total, err, "SELECT COALESCE(SUM(n), 0) FROM doc_segments");
		if (!rc)
			rc = corpus_docs_list(k->st, &docs, &ndocs, err);
	}
	if (rc == ANKER_NOTFOUND)
		rc = ANKER_OK;   /* (a code without segments has no row) */
	k->total = (uint64_t)total;
	if (!rc && code != SIZE_MAX)
		rc = code_blurs(k, &f, o, &b, err);
	for (size_t d = 0; !rc && docs && d < ndocs; d++) {
		struct coding_segment *segs;
		size_t nsegs;
		f.doc_id = docs[d].id;
		if (coding_segments_list(k->st, &f, &segs, &nsegs, err))
			rc = err->status;
		else
			rc = segs_blurs(k, segs, nsegs, o, &b, err);
	}
	corpus_docs_free(docs, docs ? ndocs : 0);
	if (rc) {
		blurv_free(&b);
		return rc;
	}
	suggest_blurs_finish(b.v, b.n, o->limit, out, n);
	rc = segs_place(k->st, *out, *n, err);
	return rc ? rc : store_progress(PROGRESS_WHAT, k->total, k->total, err);
}

/* The anchor examples of code (SIZE_MAX: of every code, in the
 * codebook's order), each code's in their order. */
static int anchor_blurs(struct kept *k, size_t code, const struct anchor_suggest_opts *o,
                        struct anchor_blur **out, size_t *n, struct anker_err *err)
{
	struct blurv b = { 0 };
	int rc = ANKER_OK;
	for (size_t c = 0; !rc && c < k->m->cb.ncodes; c++)
		if (code == SIZE_MAX || c == code)
			rc = code_anchor_blurs(k, c, &b, err);
	if (rc) {
		blurv_free(&b);
		return rc;
	}
	suggest_blurs_finish(b.v, b.n, o->limit, out, n);
	return ANKER_OK;
}

int suggest_kept_boundaries(struct store *st, enum anchor_lang lang, const char *code,
                            const struct anchor_suggest_opts *o, struct anchor_boundaries *out,
                            struct anker_err *err)
{
	struct anchor_model *m = xcalloc(1, sizeof *m);
	struct kept k = { .st = st, .m = m, .doc = -1, .narrow = code != NULL, .adoc = -1 };
	m->vocab = anchor_vocab_new(lang);
	/* (no read transaction around it: coding_segments_list has its own) */
	int rc = codebook_load(st, 0, &m->cb, err) ? (int)err->status : ANKER_OK;
	m->counted = xcalloc(m->cb.ncodes + 1, sizeof *m->counted);
	m->only = rc || !code ? -1 : codebook_find(&m->cb, code, err);
	if (!rc && code && m->only < 0)
		rc = err->status;
	size_t only = m->only < 0 ? SIZE_MAX : (size_t)m->only;
	if (!rc)
		rc = vocab_load(&k, err);
	if (!rc)
		rc = profiles_load(&k, err);
	if (!rc)
		suggest_model_invert(m);
	if (!rc)
		rc = seg_blurs(&k, only, o, &out->segments, &out->nsegments, err);
	if (!rc)
		rc = anchor_blurs(&k, only, o, &out->anchors, &out->nanchors, err);
	if (!rc)
		suggest_overlaps(m, m->only, o->limit, &out->pairs, &out->npairs);
	free(k.vid);
	free(k.src);
	free(k.read);
	free(k.asrc);
	anchor_model_free(m);
	return rc;
}
