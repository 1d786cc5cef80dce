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
 * A document's row: units, per unit (varints) its start (zigzag, from the
 * previous unit's start), end - start, its number of terms, the bytes of
 * its terms, and its term counts as groups (tf, how many terms), largest
 * tf first, the bound's input; terms, per unit its distinct terms in the
 * order they first occur (id, tf), the order the scan sums them in. */
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

uint64_t pk_get(const unsigned char **p, const unsigned char *end)
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

/* A sync's work: the documents' units put into rows, and the changes of
 * each kind's df. */
struct build {
	struct term_ids *ids;
	struct anchor_termv tv;
	uint32_t *utf;          /* per vocabulary term: its count in the unit being read */
	size_t nutf;
	uint32_t *seen;         /* the unit's terms, each once, as they first occur */
	size_t nseen, capseen;
	uint32_t *tfs;
	struct strbuf units, terms;
	int64_t *df[CODING_UNIT_TURN + 1];      /* per kind, per model_term id */
	size_t ndf;
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

static int cmp_desc(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	return (*x < *y) - (*x > *y);
}

/* The unit whose terms are seen[0..nseen) (utf: how often each) packed. */
static int unit_pack(struct build *b, int kind, struct suggest_range r, size_t *prev,
                     size_t len, struct anker_err *err)
{
	size_t t0 = b->terms.len;
	for (size_t i = 0; i < b->nseen; i++) {
		int64_t id;
		if (suggest_term_id(b->ids, b->seen[i], &id, err))
			return err->status;
		b->tfs[i] = b->utf[b->seen[i]];
		b->utf[b->seen[i]] = 0;
		pk_put(&b->terms, (uint64_t)id);
		pk_put(&b->terms, b->tfs[i]);
		df_add(b, kind, id, 1);
	}
	qsort(b->tfs, b->nseen, sizeof *b->tfs, cmp_desc);
	int64_t d = (int64_t)r.start - (int64_t)*prev;
	pk_put(&b->units, d < 0 ? ((uint64_t)-d << 1) - 1 : (uint64_t)d << 1);
	pk_put(&b->units, r.end - r.start);
	pk_put(&b->units, len);
	pk_put(&b->units, b->terms.len - t0);
	size_t ng = 0;
	for (size_t i = 0; i < b->nseen; i++)
		ng += !i || b->tfs[i] != b->tfs[i - 1];
	pk_put(&b->units, ng);
	for (size_t i = 0, j; i < b->nseen; i = j) {
		for (j = i; j < b->nseen && b->tfs[j] == b->tfs[i]; j++)
			;
		pk_put(&b->units, b->tfs[i]);
		pk_put(&b->units, j - i);
	}
	*prev = r.start;
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
		b->tfs = xreallocarray(b->tfs, b->capseen, sizeof *b->tfs);
	}
	b->seen[b->nseen++] = id;
}

/* Document doc_id's units of kind, its text t, into a row; its terms cut
 * as anchor/passages.c cuts them (the whole text, then by unit). */
static int doc_put(struct build *b, int kind, int64_t doc_id, const struct corpus_text *t,
                   struct anker_err *err)
{
	struct suggest_range *u = NULL;
	size_t nu = 0, k = 0, prev = 0, total = 0;
	int rc = suggest_units_of(b->ids->st, doc_id, kind, t, &u, &nu, err);
	sb_reset(&b->units);
	sb_reset(&b->terms);
	for (size_t i = 0; !rc && i < nu; i++) {
		size_t b0 = corpus_text_byte(t, u[i].start), b1 = corpus_text_byte(t, u[i].end), len = 0;
		while (k < b->tv.n && b->tv.v[k].b0 < b0)
			k++;
		for (; k < b->tv.n && b->tv.v[k].b0 < b1; k++, len++)
			unit_term(b, b->tv.v[k].id);
		total += len;
		rc = unit_pack(b, kind, u[i], &prev, len, err);
	}
	free(u);
	struct store_stmt *s;
	if (rc || store_prepare(b->ids->st, "INSERT INTO model_unit VALUES (:kind, :doc, :n, :len, "
	                                    ":units, :terms)", &s, err))
		return err->status;
	if (store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":doc", doc_id, err) ||
	    store_bind_int(s, ":n", (int64_t)nu, err) || store_bind_int(s, ":len", (int64_t)total, err) ||
	    store_bind_blob(s, ":units", b->units.buf, b->units.len, err) ||
	    store_bind_blob(s, ":terms", b->terms.buf, b->terms.len, err) || store_step(s, err) < 0)
		rc = err->status;
	store_done(s);
	return rc;
}

/* Document doc_id's row of kind taken out, its units out of the df. */
static int doc_drop(struct build *b, int kind, int64_t doc_id, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(b->ids->st, "SELECT terms FROM model_unit WHERE kind = :kind AND "
	                              "doc_id = :doc", &s, err) ||
	    store_bind_int(s, ":kind", kind, err) || store_bind_int(s, ":doc", doc_id, err))
		return err->status;
	int r = store_step(s, err);
	if (r > 0) {
		const unsigned char *p = store_col_blob(s, 0), *end = p + store_col_bytes(s, 0);
		while (p && p < end) {
			int64_t id = (int64_t)pk_get(&p, end);
			pk_get(&p, end);
			df_add(b, kind, id, -1);
		}
	}
	store_done(s);
	if (r < 0)
		return err->status;
	return r ? store_run(b->ids->st, err, "DELETE FROM model_unit WHERE kind = :kind AND "
	                                      "doc_id = :doc", STORE_INT(":kind", kind),
	                     STORE_INT(":doc", doc_id))
	         : ANKER_OK;
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
	free(b->tfs);
	sb_free(&b->units);
	sb_free(&b->terms);
	for (int k = 0; k <= CODING_UNIT_TURN; k++)
		free(b->df[k]);
}

static int units_put(struct term_ids *ids, unsigned kinds, const int64_t *docs, size_t n,
                     struct anker_err *err)
{
	struct build b = { .ids = ids };
	int rc = docs_put(&b, kinds, docs, n, err);
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
	return kinds ? units_put(ids, kinds, docs, n, err) : ANKER_OK;
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
	if (!rc)
		rc = units_put(&ids, 1u << kind, docs, n, err);
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
