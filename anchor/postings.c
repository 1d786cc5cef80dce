/* anchor/postings.c — the units of the corpus kept for passages for a code
 * (schema 8, store/schema.c): per unit kind and document, every unit's
 * place, length and distinct terms with their counts, and per term the
 * units that hold it (model_df), so that passages for a code read packed
 * numbers instead of tokenizing every document (anchor/units_rank.c ranks
 * them).
 *
 * Like the model of profiles (anchor/model.c) a cache, and kept the same
 * way: a kind is built when first asked for; from then on the schema's
 * triggers note each document that comes, goes or changes (model_todo
 * kind MODEL_TODO_DOC) and the model's sync reads it again at the end of
 * the same transaction.  Terms are model_term ids, stemmed in the model's
 * language.
 *
 * A document's units, strongest first (by their bounds weighted as idf
 * grows with the class), packed as varints: before every PK_GROUP units a
 * bound of them all from there on (rest_put), and per unit its start
 * (zigzag, from the previous unit's start), end - start, its number of
 * terms, the bytes of its terms, and per class of terms (postings_int.h)
 * that it holds the class and the bound of what those terms can add to a
 * score for a term weight of 1: the sum of their BM25 tf weights,
 * reckoned with the mean unit length avg0 of the row (units_rank.c scales
 * it for today's mean).  Terms, per unit its distinct terms in the
 * order they first occur (id, tf), the order the scan sums them in.  The
 * first PK_HEAD units in model_unit (head), their terms in model_unit_data
 * (row 0, read for the documents scored), the rest there a row per
 * PK_BLOCK units (units, terms; rows 1, 2, ...): a dense code's ranking
 * reads one block or two of most documents, where a row of all the rest
 * made it read them whole (sentences of the bench corpus: 1,580 units a
 * document). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "postings_int.h"

void pk_put(struct strbuf *b, uint64_t v)
{
	char buf[10];
	size_t n = 0;
	do {
		buf[n] = (char)(v & 0x7f);
		v >>= 7;
		if (v)
			buf[n] |= (char)0x80;
		n++;
	} while (v);
	sb_add(b, buf, n);
}

void pk_key_weights(double avg0, double kw[PK_CLASSES])
{
	double len = pk_key_len(avg0);
	for (int c = 0; c < PK_CLASSES; c++) {
		/* a term of class c is about 2^-((c + 1/2) / PK_STEPS) of the
		 * tokens (classes), so in a share p of the units of len tokens;
		 * its idf as suggest_idf's, floored for the commonest */
		double p = -expm1(-exp2(-(c + 0.5) / PK_STEPS) * len);
		double k = log1p((1 - p) / p);
		kw[c] = k > 1.0 / 16 ? k : 1.0 / 16;
	}
}

int pk_kinds(struct store *st, unsigned *kinds, struct anker_err *err)
{
	int64_t v = 0;
	int rc = store_get_int(st, &v, err, "SELECT value FROM meta WHERE key = '" UNITS_KEY "'");
	if (rc == ANKER_NOTFOUND) {
		anker_err_clear(err);
		rc = ANKER_OK;
	}
	*kinds = (unsigned)v;
	return rc;
}

/* A unit read, before it is packed. */
struct staged {
	size_t start, end, len;
	size_t t0, t1;          /* its terms in the stage */
	double ref;             /* the order units are packed in: strongest first */
	size_t i;
};

/* A sync's work: the documents' units put into rows, and the changes of
 * each kind's df. */
struct build {
	struct term_ids *ids;
	const char *progress;   /* a first build's, said per document (NULL: a sync's) */
	struct anchor_termv tv;
	uint32_t *utf;          /* per vocabulary term: its count in the unit being read */
	size_t nutf;
	uint32_t *seen;         /* the unit's terms, each once, as they first occur */
	size_t nseen, capseen;
	struct strbuf units, terms;
	size_t *cut;            /* per block: where its units, then its terms start */
	size_t ncut, capcut;
	int64_t *df[CODING_UNIT_TURN + 1];      /* per kind, per model_term id */
	size_t ndf;
	uint8_t *cls;           /* per model_term id: its class + 1, 0: not looked up */
	size_t ncls;
	double nunits[CODING_UNIT_TURN + 1], sumlen[CODING_UNIT_TURN + 1];    /* for avg0 */
	double f[PK_CLASSES];   /* the unit's bound per class */
	double kw[PK_CLASSES];  /* the order key's weights (pk_key_weights) */
	uint32_t *uq;           /* per unit of the document, per class: its bound, scaled */
	struct staged *su;      /* per unit of the document: what is packed */
	size_t capu;
	struct strbuf stage;    /* the document's units' terms, in text order */
	uint64_t rest[PK_CLASSES];
};

static void df_add(struct build *b, int kind, int64_t term, int64_t d)
{
	if ((size_t)term >= b->ndf) {
		size_t n = 2 * (size_t)term + 1024;
		for (int k = 0; k <= CODING_UNIT_TURN; k++) {
			b->df[k] = xreallocarray(b->df[k], n, sizeof *b->df[k]);
			memset(b->df[k] + b->ndf, 0, (n - b->ndf) * sizeof *b->df[k]);
		}
		b->ndf = n;
	}
	b->df[kind][term] += d;
}

/* The class of term id (model_class; never classed: the rarest). */
static int class_of(struct build *b, int64_t id, int *out, struct anker_err *err)
{
	if ((size_t)id >= b->ncls) {
		size_t n = 2 * (size_t)id + 1024;
		b->cls = xreallocarray(b->cls, n, sizeof *b->cls);
		memset(b->cls + b->ncls, 0, n - b->ncls);
		b->ncls = n;
	}
	if (!b->cls[id]) {
		int64_t c = PK_CLASSES - 1;
		int rc = store_get_int(b->ids->st, &c, err, "SELECT class FROM model_class WHERE "
		                       "term_id = :t", STORE_INT(":t", id));
		if (rc == ANKER_NOTFOUND) {
			anker_err_clear(err);
			c = PK_CLASSES - 1;
		} else if (rc) {
			return rc;
		}
		b->cls[id] = (uint8_t)(c < 0 || c >= PK_CLASSES ? PK_CLASSES : c + 1);
	}
	*out = b->cls[id] - 1;
	return ANKER_OK;
}

/* The unit whose terms are seen[0..nseen) (utf: how often each) staged,
 * its bounds per class (uq) reckoned with mean unit length avg0. */
static int unit_stage(struct build *b, int kind, struct staged *su, double avg0, uint32_t *uq,
                      struct anker_err *err)
{
	double k = BM25_K1 * (1 - BM25_B + BM25_B * (double)su->len / avg0);
	memset(b->f, 0, sizeof b->f);
	su->t0 = b->stage.len;
	for (size_t i = 0; i < b->nseen; i++) {
		int64_t id;
		int c;
		double tf = b->utf[b->seen[i]];
		b->utf[b->seen[i]] = 0;
		if (suggest_term_id(b->ids, b->seen[i], &id, err) || class_of(b, id, &c, err))
			return err->status;
		pk_put(&b->stage, (uint64_t)id);
		pk_put(&b->stage, (uint64_t)tf);
		df_add(b, kind, id, 1);
		b->f[c] += tf * (BM25_K1 + 1) / (tf + k);
	}
	su->t1 = b->stage.len;
	su->ref = 0;
	for (int c = 0; c < PK_CLASSES; c++)
		if (b->f[c] > 0) {
			/* rounded up, and a little more for the sum's rounding */
			uint64_t q = (uint64_t)ceil(b->f[c] * PK_SCALE * (1 + 1e-9));
			uq[c] = q < UINT32_MAX ? (uint32_t)q : UINT32_MAX;
			/* (rarer classes weigh more, as their idf does;
			 * units_rank.c ref_bound recomputes this key from
			 * the packed bounds and relies on the order) */
			su->ref += (double)uq[c] * b->kw[c];
		}
	b->nseen = 0;
	return ANKER_OK;
}

static void unit_term(struct build *b, uint32_t id)
{
	if (id >= b->nutf) {
		size_t n = 2 * (size_t)id + 1024;
		b->utf = xreallocarray(b->utf, n, sizeof *b->utf);
		memset(b->utf + b->nutf, 0, (n - b->nutf) * sizeof *b->utf);
		b->nutf = n;
	}
	if (b->utf[id]++)
		return;
	if (b->nseen == b->capseen) {
		b->capseen = b->capseen ? 2 * b->capseen : 256;
		b->seen = xreallocarray(b->seen, b->capseen, sizeof *b->seen);
	}
	b->seen[b->nseen++] = id;
}

static int cmp_ref(const void *a, const void *b)
{
	const struct staged *x = a, *y = b;
	if (x->ref != y->ref)
		return x->ref < y->ref ? 1 : -1;
	return (x->start > y->start) - (x->start < y->start);
}

/* A bound of every unit from here on: per class c, the largest sum over
 * a unit's bounds in classes c and rarer, scaled (units_rank.c: with
 * weights that grow with the class, a unit's bound is at most these sums
 * times the steps of the weights; sums of neighbouring classes vary far
 * less between units than the classes' own bounds). */
static void rest_put(struct strbuf *sb, const uint64_t *rest)
{
	size_t k = 0;
	while (k < PK_CLASSES && rest[k])
		k++;
	pk_put(sb, k);
	for (size_t c = 0; c < k; c++)
		pk_put(sb, rest[c]);
}

/* The document's units packed, strongest first, a bound of the rest
 * before each group of PK_GROUP (the first: the document's bound); the
 * head: the bytes of the first PK_HEAD units. */
static void doc_pack(struct build *b, size_t nu)
{
	uint64_t *rest = xcalloc(nu / PK_GROUP + 1, PK_CLASSES * sizeof *rest);
	for (size_t i = 0; i < nu; i++)
		b->su[i].i = i;
	if (nu)
		qsort(b->su, nu, sizeof *b->su, cmp_ref);
	memset(b->rest, 0, sizeof b->rest);
	for (size_t i = nu; i-- > 0;) {
		uint64_t sum = 0;
		for (int c = PK_CLASSES - 1; c >= 0; c--) {
			sum += b->uq[b->su[i].i * PK_CLASSES + c];
			b->rest[c] = sum > b->rest[c] ? sum : b->rest[c];
		}
		if (i % PK_GROUP == 0)
			memcpy(rest + i / PK_GROUP * PK_CLASSES, b->rest, sizeof b->rest);
	}
	sb_reset(&b->units);
	sb_reset(&b->terms);
	b->ncut = 0;
	size_t prev = 0;
	for (size_t i = 0; i < nu; i++) {
		const struct staged *u = &b->su[i];
		const uint32_t *uq = b->uq + u->i * PK_CLASSES;
		if (i >= PK_HEAD && (i - PK_HEAD) % PK_BLOCK == 0) {
			if (b->ncut == b->capcut) {
				b->capcut = b->capcut ? 2 * b->capcut : 64;
				b->cut = xreallocarray(b->cut, b->capcut, 2 * sizeof *b->cut);
			}
			b->cut[2 * b->ncut] = b->units.len;
			b->cut[2 * b->ncut++ + 1] = b->terms.len;
		}
		if (i % PK_GROUP == 0)
			rest_put(&b->units, rest + i / PK_GROUP * PK_CLASSES);
		int64_t d = (int64_t)u->start - (int64_t)prev;
		pk_put(&b->units, d < 0 ? ((uint64_t)-d << 1) - 1 : (uint64_t)d << 1);
		pk_put(&b->units, u->end - u->start);
		pk_put(&b->units, u->len);
		pk_put(&b->units, u->t1 - u->t0);
		size_t nc = 0;
		for (int c = 0; c < PK_CLASSES; c++)
			nc += uq[c] > 0;
		pk_put(&b->units, nc);
		for (int c = 0; c < PK_CLASSES; c++)
			if (uq[c]) {
				pk_put(&b->units, (uint64_t)c);
				pk_put(&b->units, uq[c]);
			}
		if (u->t1 > u->t0)
			sb_add(&b->terms, b->stage.buf + u->t0, u->t1 - u->t0);
		prev = u->start;
	}
	free(rest);
}

/* The bytes [from, to) of sb, to bind: sb_str, since a document without
 * units (no turns, say) leaves the buffers unallocated, and NULL + 0 is
 * undefined. */
static int bind_part(struct store_stmt *s, const char *name, struct strbuf *sb, size_t from,
                     size_t to, struct anker_err *err)
{
	return store_bind_blob(s, name, sb_str(sb) + from, to - from, err);
}

/* The packed units of doc_put into their rows: the head into model_unit,
 * its terms and then each block into model_unit_data. */
static int doc_rows(struct build *b, int kind, int64_t doc_id, size_t nu, size_t total,
                    double avg0, struct anker_err *err)
{
	struct store_stmt *s;
	size_t hu = b->ncut ? b->cut[0] : b->units.len;
	int rc = ANKER_OK;
	if (store_prepare(b->ids->st, "INSERT INTO model_unit VALUES (:kind, :doc, :n, :len, "
	                              ":avg0, :head)", &s, err))
		return err->status;
	if (store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":doc", doc_id, err) ||
	    store_bind_int(s, ":n", (int64_t)nu, err) || store_bind_int(s, ":len", (int64_t)total, err) ||
	    store_bind_double(s, ":avg0", avg0, err) || bind_part(s, ":head", &b->units, 0, hu, err) ||
	    store_step(s, err) < 0)
		rc = err->status;
	store_done(s);
	for (size_t k = 0; !rc && k <= b->ncut; k++) {
		/* (row k > 0: block k - 1) */
		bool last = k == b->ncut;
		size_t u0 = k ? b->cut[2 * k - 2] : hu, t0 = k ? b->cut[2 * k - 1] : 0;
		size_t u1 = last ? b->units.len : k ? b->cut[2 * k] : hu;
		size_t t1 = last ? b->terms.len : b->cut[2 * k + 1];
		/* (a block's terms in a row of their own: PK_TERMS_ID) */
		for (int part = 0; !rc && part < (k ? 2 : 1); part++) {
			int64_t id = part ? PK_TERMS_ID(doc_id, kind, (int64_t)k)
			                  : PK_DATA_ID(doc_id, kind, (int64_t)k);
			bool units = k && !part, terms = !k || part;
			if (store_prepare(b->ids->st, "INSERT INTO model_unit_data VALUES (:id, :units, "
			                              ":terms)", &s, err))
				return err->status;
			if (store_bind_int(s, ":id", id, err) ||
			    bind_part(s, ":units", &b->units, u0, units ? u1 : u0, err) ||
			    bind_part(s, ":terms", &b->terms, t0, terms ? t1 : t0, err) ||
			    store_step(s, err) < 0)
				rc = err->status;
			store_done(s);
		}
	}
	return rc;
}

/* Document doc_id's units of kind, its text t, into a row; its terms cut
 * as anchor/passages.c cuts them (the whole text, then by unit). */
static int doc_put(struct build *b, int kind, int64_t doc_id, const struct corpus_text *t,
                   struct anker_err *err)
{
	struct suggest_range *u = NULL;
	size_t nu = 0, k = 0, total = 0;
	int rc = suggest_units_of(b->ids->st, doc_id, kind, t, &u, &nu, err);
	/* the mean so far (any mean keeps the bounds true; a close one keeps
	 * them tight), else this document's own */
	double avg0 = b->nunits[kind] > 0 ? b->sumlen[kind] / b->nunits[kind]
	                                  : nu ? (double)b->tv.n / (double)nu : 1;
	avg0 = avg0 > 0 ? avg0 : 1;
	pk_key_weights(avg0, b->kw);
	sb_reset(&b->stage);
	if (nu > b->capu) {
		b->capu = nu;
		b->uq = xreallocarray(b->uq, nu, PK_CLASSES * sizeof *b->uq);
		b->su = xreallocarray(b->su, nu, sizeof *b->su);
	}
	if (nu)
		memset(b->uq, 0, nu * PK_CLASSES * sizeof *b->uq);
	for (size_t i = 0; !rc && i < nu; i++) {
		size_t b0 = corpus_text_byte(t, u[i].start), b1 = corpus_text_byte(t, u[i].end), len = 0;
		while (k < b->tv.n && b->tv.v[k].b0 < b0)
			k++;
		for (; k < b->tv.n && b->tv.v[k].b0 < b1; k++, len++)
			unit_term(b, b->tv.v[k].id);
		total += len;
		b->su[i] = (struct staged){ .start = u[i].start, .end = u[i].end, .len = len };
		rc = unit_stage(b, kind, &b->su[i], avg0, b->uq + i * PK_CLASSES, err);
	}
	free(u);
	b->nunits[kind] += (double)nu;
	b->sumlen[kind] += (double)total;
	if (rc)
		return rc;
	doc_pack(b, nu);
	return doc_rows(b, kind, doc_id, nu, total, avg0, err);
}

/* The terms of the packed row s reads (prepared and bound; done here)
 * out of the df of kind; whether there was the row into *found. */
static int df_drop(struct build *b, int kind, struct store_stmt *s, bool *found,
                   struct anker_err *err)
{
	int r = store_step(s, err);
	*found = r > 0;
	const unsigned char *p = r > 0 ? store_col_blob(s, 0) : NULL;
	const unsigned char *end = p ? p + store_col_bytes(s, 0) : p;
	while (p && p < end) {
		int64_t t = (int64_t)pk_get(&p, end);
		pk_get(&p, end);
		df_add(b, kind, t, -1);
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* Document doc_id's rows of kind taken out (its blocks' in turn up to the
 * first missing, then the head's), its units out of the df. */
static int doc_drop(struct build *b, int kind, int64_t doc_id, struct anker_err *err)
{
	struct store_stmt *s;
	bool found = true;
	for (int64_t k = 0; found; k++) {
		int64_t id = k ? PK_TERMS_ID(doc_id, kind, k) : PK_DATA_ID(doc_id, kind, k);
		if (store_prepare(b->ids->st, "SELECT terms FROM model_unit_data WHERE id = :id", &s,
		                  err) ||
		    store_bind_int(s, ":id", id, err) || df_drop(b, kind, s, &found, err) ||
		    (found && store_run(b->ids->st, err, "DELETE FROM model_unit_data WHERE id IN "
		                                         "(:id, :units)", STORE_INT(":id", id),
		                        STORE_INT(":units", PK_DATA_ID(doc_id, kind, k)))))
			return err->status;
	}
	return store_run(b->ids->st, err, "DELETE FROM model_unit WHERE kind = :kind AND doc_id = :doc",
	                 STORE_INT(":kind", kind), STORE_INT(":doc", doc_id));
}

/* Documents docs[0..n) of the kinds in kinds read again. */
static int docs_put(struct build *b, unsigned kinds, const int64_t *docs, size_t n,
                    struct anker_err *err)
{
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		for (int k = 1; !rc && k <= CODING_UNIT_TURN; k++)
			if (kinds & (1u << k))
				rc = doc_drop(b, k, docs[i], err);
		char *text;
		size_t len;
		if (rc || (rc = corpus_doc_text(b->ids->st, docs[i], &text, &len, err))) {
			if (rc == ANKER_NOTFOUND) {     /* gone */
				anker_err_clear(err);
				rc = ANKER_OK;
			}
			continue;
		}
		struct corpus_text t;
		corpus_text_index(&t, text, len);
		b->tv.n = 0;
		anchor_vocab_terms(b->ids->vocab, text, len, &b->tv);
		for (int k = 1; !rc && k <= CODING_UNIT_TURN; k++)
			if (kinds & (1u << k))
				rc = doc_put(b, k, docs[i], &t, err);
		corpus_text_free(&t);
		free(text);
		if (!rc && b->progress)
			rc = store_progress(b->progress, i + 1, n, err);
	}
	return rc;
}

/* The df changes into model_df. */
static int df_apply(struct build *b, struct anker_err *err)
{
	int rc = ANKER_OK;
	bool fewer = false;
	for (int k = 1; k <= CODING_UNIT_TURN; k++)
		for (size_t id = 0; !rc && id < b->ndf; id++) {
			if (!b->df[k][id])
				continue;
			fewer = fewer || b->df[k][id] < 0;
			rc = store_run(b->ids->st, err, "INSERT INTO model_df VALUES (:kind, :term, :d) ON "
			                                "CONFLICT DO UPDATE SET df = df + excluded.df",
			               STORE_INT(":kind", k), STORE_INT(":term", (int64_t)id),
			               STORE_INT(":d", b->df[k][id]));
		}
	if (!rc && fewer)
		rc = store_exec(b->ids->st, "DELETE FROM model_df WHERE df <= 0", err);
	return rc;
}

static void build_free(struct build *b)
{
	free(b->tv.v);
	free(b->utf);
	free(b->seen);
	free(b->cls);
	free(b->uq);
	free(b->su);
	free(b->cut);
	sb_free(&b->stage);
	sb_free(&b->units);
	sb_free(&b->terms);
	for (int k = 0; k <= CODING_UNIT_TURN; k++)
		free(b->df[k]);
}

static int units_put(struct term_ids *ids, const char *progress, unsigned kinds,
                     const int64_t *docs, size_t n, struct anker_err *err)
{
	struct build b = { .ids = ids, .progress = progress };
	struct store_stmt *s;
	int rc = ANKER_OK;
	for (int k = 1; !rc && k <= CODING_UNIT_TURN; k++) {
		if (!(kinds & (1u << k)))
			continue;
		if (store_prepare(ids->st, "SELECT ifnull(sum(n), 0), ifnull(sum(len), 0) FROM "
		                           "model_unit WHERE kind = :kind", &s, err) ||
		    store_bind_int(s, ":kind", k, err) || store_step(s, err) < 0) {
			rc = err->status;
			break;
		}
		b.nunits[k] = store_col_double(s, 0);
		b.sumlen[k] = store_col_double(s, 1);
		store_done(s);
	}
	if (!rc)
		rc = docs_put(&b, kinds, docs, n, err);
	if (!rc)
		rc = df_apply(&b, err);
	build_free(&b);
	return rc;
}

int suggest_units_sync(struct term_ids *ids, const int64_t *docs, size_t n,
                       struct anker_err *err)
{
	unsigned kinds;
	if (pk_kinds(ids->st, &kinds, err))
		return err->status;
	return kinds ? units_put(ids, NULL, kinds, docs, n, err) : ANKER_OK;
}

/* The terms' classes, once (model_class empty): from how often each term
 * comes in the first documents (up to CLASS_SAMPLE bytes of text). */
#define CLASS_SAMPLE (8u << 20)
static int classes(struct term_ids *ids, const int64_t *docs, size_t n, struct anker_err *err)
{
	bool have;
	if (store_exists(ids->st, &have, err, "SELECT 1 FROM model_class"))
		return err->status;
	struct anchor_termv tv = { 0 };
	size_t bytes = 0;
	int rc = ANKER_OK;
	for (size_t i = 0; !have && !rc && i < n && bytes < CLASS_SAMPLE; i++) {
		char *text;
		size_t len;
		if ((rc = corpus_doc_text(ids->st, docs[i], &text, &len, err)))
			break;
		anchor_vocab_terms(ids->vocab, text, len, &tv);
		bytes += len;
		free(text);
	}
	size_t nv = anchor_vocab_size(ids->vocab);
	double *cf = xcalloc(nv + 1, sizeof *cf);
	for (size_t i = 0; i < tv.n; i++)
		cf[tv.v[i].id]++;
	for (uint32_t id = 0; !rc && id < nv; id++) {
		int64_t db;
		if (!(cf[id] > 0) || (rc = suggest_term_id(ids, id, &db, err)))
			continue;
		double c = floor(PK_STEPS * log2((double)tv.n / cf[id]));
		rc = store_run(ids->st, err, "INSERT INTO model_class VALUES (:t, :c)",
		               STORE_INT(":t", db),
		               STORE_INT(":c", c < PK_CLASSES - 1 ? (int64_t)c : PK_CLASSES - 1));
	}
	free(cf);
	free(tv.v);
	return rc;
}

int pk_build(struct store *st, enum anchor_lang lang, int kind, struct anker_err *err)
{
	unsigned kinds;
	int64_t *docs = NULL;
	size_t n = 0, cap = 0;
	struct store_stmt *s;
	if (store_begin(st, err))
		return err->status;
	int rc = pk_kinds(st, &kinds, err);
	if (!rc && (kinds & (1u << kind)))
		return store_commit(st, err);   /* another process was first */
	if (!rc && !store_prepare(st, "SELECT id FROM document ORDER BY id", &s, err)) {
		int r;
		while ((r = store_step(s, err)) > 0) {
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				docs = xreallocarray(docs, cap, sizeof *docs);
			}
			docs[n++] = store_col_int(s, 0);
		}
		store_done(s);
		rc = r < 0 ? (int)err->status : ANKER_OK;
	} else if (!rc) {
		rc = err->status;
	}
	struct term_ids ids = { .st = st, .vocab = anchor_vocab_new(lang) };
	/* (paragraphs of 1 GB, 10M segments: minutes; the CLI's bar and the
	 * TUI's foot say how far, and Escape cancels: rolled back below) */
	const char *what = kind == CODING_UNIT_SENTENCE ? "suggestion units (sentences)"
	                   : kind == CODING_UNIT_TURN   ? "suggestion units (turns)"
	                                                : "suggestion units (paragraphs)";
	if (!rc)
		rc = store_progress(what, 0, n, err);
	if (!rc)
		rc = classes(&ids, docs, n, err);
	if (!rc)
		rc = units_put(&ids, what, 1u << kind, docs, n, err);
	if (!rc)
		rc = store_run(st, err, "INSERT OR REPLACE INTO meta VALUES ('" UNITS_KEY "', :v)",
		               STORE_INT(":v", (int64_t)(kinds | 1u << kind)));
	free(ids.dbid);
	anchor_vocab_free(ids.vocab);
	free(docs);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
