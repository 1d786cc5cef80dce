/* anchor/model.c — the suggestion model kept in the project (schema 6,
 * store/schema.c): every code's profile as rows, so that codes for a
 * passage read the passage's terms' rows instead of every code's
 * segments.
 *
 * The model is a cache: the same profiles anchor/profile.c computes per
 * call, by the same rules.  It is built on first use (anchor_suggest_codes
 * on a writable store); from then on the schema's triggers note each
 * source of a profile that changed (model_todo), and anchor_model_sync,
 * run at the end of every write transaction (store_set_commit_hook), takes
 * those sources out of their profiles and puts them back as they are now:
 * a coding costs the tokens of its one segment.
 */
#include <stdlib.h>
#include <string.h>

#include "suggest_int.h"
#include "../corpus/corpus.h"

enum { KIND_DEF = 1, KIND_ANCHOR, KIND_SEGMENT };

#define MODEL_SCHEMA 6
#define LANG_KEY "suggest_lang"
#define MODEL_PROGRESS "suggestion model"

/* A change of a weight: term (0: the profile's length) of code by w. */
struct delta {
	int64_t term, code;
	double w;
};

struct sync {
	struct store *st;
	struct anchor_vocab *vocab;
	struct term_ids ids;
	struct delta *d;
	size_t nd, capd;
	struct anchor_termv tv;
	struct strbuf terms;
};

static void delta_add(struct sync *s, int64_t term, int64_t code, double w)
{
	if (s->nd == s->capd) {
		s->capd = s->capd ? 2 * s->capd : 1024;
		s->d = xreallocarray(s->d, s->capd, sizeof *s->d);
	}
	s->d[s->nd++] = (struct delta){ term, code, w };
}

int suggest_term_id(struct term_ids *t, uint32_t id, int64_t *out, struct anker_err *err)
{
	if (id >= t->n) {
		size_t n = 2 * (size_t)id + 64;
		t->dbid = xreallocarray(t->dbid, n, sizeof *t->dbid);
		memset(t->dbid + t->n, 0, (n - t->n) * sizeof *t->dbid);
		t->n = n;
	}
	if (!t->dbid[id]) {
		const char *stem = anchor_vocab_stem(t->vocab, id);
		int rc = store_get_int(t->st, &t->dbid[id], err,
		                       "SELECT id FROM model_term WHERE stem = :stem",
		                       STORE_TEXT(":stem", stem));
		if (rc == ANKER_NOTFOUND) {
			if (store_run(t->st, err, "INSERT INTO model_term(stem, word) VALUES (:stem, :word)",
			              STORE_TEXT(":stem", stem),
			              STORE_TEXT(":word", anchor_vocab_word(t->vocab, id))))
				return err->status;
			t->dbid[id] = store_last_rowid(t->st);
		} else if (rc) {
			return rc;
		}
	}
	*out = t->dbid[id];
	return ANKER_OK;
}

/* Take source (kind, src) out of its profile. */
static int part_remove(struct sync *s, int kind, int64_t src, struct anker_err *err)
{
	struct store_stmt *q;
	if (store_prepare(s->st, "SELECT code_id, weight, terms FROM model_part "
	                         "WHERE kind = :kind AND src = :src", &q, err) ||
	    store_bind_int(q, ":kind", kind, err) || store_bind_int(q, ":src", src, err))
		return err->status;
	int r = store_step(q, err);
	if (r > 0) {
		int64_t code = store_col_int(q, 0);
		double w = store_col_double(q, 1), nt = 0;
		for (const char *t = store_col_text(q, 2); *t;) {
			char *end;
			delta_add(s, strtoll(t, &end, 10), code, -w);
			nt++;
			t = *end ? end + 1 : end;
		}
		delta_add(s, 0, code, -w * nt);
	}
	store_done(q);
	if (r < 0)
		return err->status;
	return r ? store_run(s->st, err, "DELETE FROM model_part WHERE kind = :kind AND src = :src",
	                     STORE_INT(":kind", kind), STORE_INT(":src", src))
	         : ANKER_OK;
}

/* Put text into code's profile as source (kind, src), taken from p's
 * place. */
static int part_add(struct sync *s, int kind, int64_t src, int64_t code, double w,
                    const struct part *p, const char *text, struct anker_err *err)
{
	s->tv.n = 0;
	anchor_vocab_terms(s->vocab, text, strlen(text), &s->tv);
	sb_reset(&s->terms);
	for (size_t i = 0; i < s->tv.n; i++) {
		int64_t id = 0;
		if (suggest_term_id(&s->ids, s->tv.v[i].id, &id, err))
			return err->status;
		sb_addf(&s->terms, "%s%lld", i ? " " : "", (long long)id);
		delta_add(s, id, code, w);
	}
	delta_add(s, 0, code, w * (double)s->tv.n);
	return store_run(s->st, err, "INSERT INTO model_part VALUES (:kind, :src, :code, :w, :doc, "
	                             ":cps, :a, :b, :terms)",
	                 STORE_INT(":kind", kind), STORE_INT(":src", src), STORE_INT(":code", code),
	                 STORE_DOUBLE(":w", w), STORE_INT(":doc", p->doc_id),
	                 STORE_INT(":cps", p->cps), STORE_INT(":a", (int64_t)p->a),
	                 STORE_INT(":b", (int64_t)p->b), STORE_TEXT(":terms", sb_str(&s->terms)));
}

static int def_add(struct sync *s, int64_t code, struct anker_err *err)
{
	struct strbuf def = { 0 };
	struct part p = { 0 };
	int rc = store_get_text(s->st, &def, err, "SELECT definition FROM code WHERE id = :id",
	                        STORE_INT(":id", code));
	if (!rc)
		rc = part_add(s, KIND_DEF, code, code, W_DEFINITION, &p, sb_str(&def), err);
	sb_free(&def);
	return rc == ANKER_NOTFOUND ? ANKER_OK : rc;
}

/* An anchor example, where it was taken from as anchor_source (profile.c)
 * finds it: its segment, else its citation. */
static int anchor_add(struct sync *s, int64_t id, struct anker_err *err)
{
	struct store_stmt *q;
	if (store_prepare(s->st, "SELECT a.code_id, a.text, a.citation, g.doc_id, g.start, g.\"end\" "
	                         "FROM anchor a LEFT JOIN segment g ON g.guid = a.segment_guid "
	                         "WHERE a.id = :id", &q, err) ||
	    store_bind_int(q, ":id", id, err))
		return err->status;
	int r = store_step(q, err);
	int64_t code = r > 0 ? store_col_int(q, 0) : 0;
	char *text = r > 0 ? xstrdup(store_col_text(q, 1)) : NULL;
	char *cite = r > 0 ? xstrdup(store_col_text(q, 2)) : NULL;
	struct part p = { 0 };
	if (r > 0 && !store_col_null(q, 3)) {
		p.doc_id = store_col_int(q, 3);
		p.cps = true;
		p.a = (size_t)store_col_int(q, 4);
		p.b = (size_t)store_col_int(q, 5);
	}
	store_done(q);
	if (r > 0 && !p.doc_id)
		suggest_cited(s->st, cite, &p);
	int rc = r < 0 ? (int)err->status : ANKER_OK;
	if (r > 0)
		rc = part_add(s, KIND_ANCHOR, id, code, W_ANCHOR, &p, text, err);
	free(text);
	free(cite);
	return rc;
}

/* A segment to put back: its place and weight (by its newest verdict). */
struct seg {
	int64_t id, doc_id, code;
	double w;
	struct corpus_span sp;
};

static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	return (x->doc_id > y->doc_id) - (x->doc_id < y->doc_id);
}

/* The segments ids[0..n) that count, put back document by document (each
 * document's text read once). */
static int segments_add(struct sync *s, const int64_t *ids, size_t n, struct anker_err *err)
{
	struct seg *v = xcalloc(n + 1, sizeof *v);
	size_t nv = 0;
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		struct store_stmt *q;
		if (store_prepare(s->st, "SELECT doc_id, code_id, start, \"end\", (SELECT verdict FROM "
		                         "review r WHERE r.segment_id = s.id ORDER BY r.id DESC LIMIT 1) "
		                         "FROM segment s WHERE id = :id", &q, err) ||
		    store_bind_int(q, ":id", ids[i], err)) {
			rc = err->status;
			break;
		}
		int r = store_step(q, err);
		int verdict = r > 0 && !store_col_null(q, 4) ? coding_verdict_parse(store_col_text(q, 4))
		                                             : -1;
		if (r > 0 && verdict != CODING_MISFIT)
			v[nv++] = (struct seg){ .id = ids[i], .doc_id = store_col_int(q, 0),
			                        .code = store_col_int(q, 1),
			                        .w = verdict == CODING_FITS ? W_FITS : W_SEGMENT,
			                        .sp = { .start = (size_t)store_col_int(q, 2),
			                                .end = (size_t)store_col_int(q, 3) } };
		store_done(q);
		if (r < 0)
			rc = err->status;
	}
	qsort(v, nv, sizeof *v, cmp_seg);
	struct corpus_span *sp = xcalloc(nv + 1, sizeof *sp);
	for (size_t i = 0, j; !rc && i < nv; i = j) {
		for (j = i; j < nv && v[j].doc_id == v[i].doc_id; j++)
			sp[j - i] = v[j].sp;
		rc = corpus_doc_spans(s->st, v[i].doc_id, sp, j - i, true, err);
		for (size_t k = i; k < j; k++) {
			struct part p = { .doc_id = v[k].doc_id, .cps = true, .a = v[k].sp.start,
			                  .b = v[k].sp.end };
			if (!rc)
				rc = part_add(s, KIND_SEGMENT, v[k].id, v[k].code, v[k].w, &p,
				              sp[k - i].text, err);
			free(sp[k - i].text);
			sp[k - i].text = NULL;
		}
	}
	free(sp);
	free(v);
	return rc;
}

static int cmp_delta(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (x->term > y->term) - (x->term < y->term);
}

/* The changes summed per term and code, into the profiles. */
static int deltas_apply(struct sync *s, struct anker_err *err)
{
	if (s->nd)      /* (none when only documents changed) */
		qsort(s->d, s->nd, sizeof *s->d, cmp_delta);
	int rc = ANKER_OK;
	for (size_t i = 0, j; !rc && i < s->nd; i = j) {
		double w = 0;
		for (j = i; j < s->nd && s->d[j].code == s->d[i].code && s->d[j].term == s->d[i].term; j++)
			w += s->d[j].w;
		/* (weights are sums of 1s and 2s: exact, a profile term gone is 0) */
		if (w == 0)
			continue;
		if (s->d[i].term == 0)
			rc = store_run(s->st, err, "INSERT INTO model_profile VALUES (:code, :w) ON CONFLICT "
			                           "DO UPDATE SET len = len + excluded.len",
			               STORE_INT(":code", s->d[i].code), STORE_DOUBLE(":w", w));
		else
			rc = store_run(s->st, err, "INSERT INTO model_weight VALUES (:term, :code, :w) ON "
			                           "CONFLICT DO UPDATE SET weight = weight + excluded.weight",
			               STORE_INT(":term", s->d[i].term), STORE_INT(":code", s->d[i].code),
			               STORE_DOUBLE(":w", w));
		if (!rc && w < 0 && s->d[i].term)
			rc = store_run(s->st, err, "DELETE FROM model_weight WHERE term_id = :term AND "
			                           "code_id = :code AND weight < 0.5",
			               STORE_INT(":term", s->d[i].term), STORE_INT(":code", s->d[i].code));
	}
	if (!rc)
		rc = store_exec(s->st, "DELETE FROM model_profile WHERE len < 0.5", err);
	s->nd = 0;
	return rc;
}

/* The model's language; ANKER_NOTFOUND when there is no model. */
static int model_lang(struct store *st, enum anchor_lang *lang, struct anker_err *err)
{
	struct strbuf sb = { 0 };
	if (store_schema_version(st) < MODEL_SCHEMA)
		return ANKER_NOTFOUND;
	int rc = store_get_text(st, &sb, err, "SELECT value FROM meta WHERE key = '" LANG_KEY "'");
	if (!rc)
		*lang = anchor_lang_parse(sb_str(&sb)) == ANCHOR_LANG_EN ? ANCHOR_LANG_EN
		                                                         : ANCHOR_LANG_DE;
	sb_free(&sb);
	return rc;
}

/* Every source in model_todo out of its profile and back in as it is now. */
static int todo_run(struct store *st, enum anchor_lang lang, struct anker_err *err)
{
	struct store_stmt *q;
	int64_t(*todo)[2] = NULL;
	size_t n = 0, cap = 0;
	if (store_prepare(st, "SELECT kind, src FROM model_todo ORDER BY kind, src", &q, err))
		return err->status;
	int r;
	while ((r = store_step(q, err)) > 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			todo = xreallocarray(todo, cap, sizeof *todo);
		}
		todo[n][0] = store_col_int(q, 0);
		todo[n++][1] = store_col_int(q, 1);
	}
	store_done(q);
	struct sync s = { .st = st, .vocab = anchor_vocab_new(lang) };
	s.ids = (struct term_ids){ .st = st, .vocab = s.vocab };
	int64_t *segs = xcalloc(n + 1, sizeof *segs), *docs = xcalloc(n + 1, sizeof *docs);
	size_t nsegs = 0, ndocs = 0;
	int rc = r < 0 ? (int)err->status : store_exec(st, "DELETE FROM model_todo", err);
	for (size_t i = 0; !rc && i < n; i++)
		if (todo[i][0] != MODEL_TODO_DOC)
			rc = part_remove(&s, (int)todo[i][0], todo[i][1], err);
	for (size_t i = 0; !rc && i < n; i++) {
		if (todo[i][0] == KIND_DEF)
			rc = def_add(&s, todo[i][1], err);
		else if (todo[i][0] == KIND_ANCHOR)
			rc = anchor_add(&s, todo[i][1], err);
		else if (todo[i][0] == KIND_SEGMENT)
			segs[nsegs++] = todo[i][1];
		else if (todo[i][0] == MODEL_TODO_DOC)
			docs[ndocs++] = todo[i][1];
	}
	if (!rc)
		rc = segments_add(&s, segs, nsegs, err);
	if (!rc)
		rc = deltas_apply(&s, err);
	if (!rc && ndocs)
		rc = suggest_units_sync(&s.ids, docs, ndocs, err);
	free(segs);
	free(docs);
	free(todo);
	free(s.ids.dbid);
	free(s.d);
	free(s.tv.v);
	sb_free(&s.terms);
	anchor_vocab_free(s.vocab);
	return rc;
}

int anchor_model_sync(struct store *st, struct anker_err *err)
{
	enum anchor_lang lang;
	bool todo;
	int rc = model_lang(st, &lang, err);
	if (rc)
		return rc == ANKER_NOTFOUND ? ANKER_OK : rc;
	if (store_exists(st, &todo, err, "SELECT 1 FROM model_todo"))
		return err->status;
	return todo ? todo_run(st, lang, err) : ANKER_OK;
}

/* Document doc's segments in the order of the whole list (that of the
 * per-call model), with their texts. */
static int doc_segments(struct store *st, int64_t doc, struct coding_segment **v, size_t *n,
                        struct anker_err *err)
{
	struct coding_filter f = { .doc_id = doc, .min_weight = -1, .with_text = true };
	return coding_segments_list(st, &f, v, n, err) ? err->status : ANKER_OK;
}

/* The language, guessed from the texts the per-call model guesses it from
 * (profile.c), the segments' read document by document until enough. */
static int build_lang(struct store *st, const struct codebook *cb, const struct corpus_doc *docs,
                      size_t ndocs, enum anchor_lang *lang, struct anker_err *err)
{
	struct strbuf sb = { 0 };
	int rc = ANKER_OK;
	suggest_lang_sample(cb, &sb);
	for (size_t d = 0; !rc && d < ndocs && sb.len < SUGGEST_LANG_SAMPLE; d++) {
		struct coding_segment *v;
		size_t n;
		if ((rc = doc_segments(st, docs[d].id, &v, &n, err)))
			break;
		for (size_t i = 0; i < n && sb.len < SUGGEST_LANG_SAMPLE; i++)
			if (v[i].text)
				sb_adds(&sb, v[i].text), sb_addc(&sb, '\n');
		coding_segments_free(v, n);
	}
	if (!rc)
		rc = suggest_lang_guess(st, &sb, lang, err);
	sb_free(&sb);
	return rc;
}

/* Every code's definition and anchor examples, in the codebook's order. */
static int build_codebook(struct sync *s, const struct codebook *cb, struct anker_err *err)
{
	int rc = ANKER_OK;
	for (size_t k = 0; !rc && k < cb->ncodes; k++) {
		struct store_stmt *q;
		int64_t *ids = NULL;
		size_t n = 0;
		if ((rc = def_add(s, cb->codes[k].id, err)))
			break;
		if (store_prepare(s->st, "SELECT id FROM anchor WHERE code_id = :code "
		                         "ORDER BY position, id", &q, err) ||
		    store_bind_int(q, ":code", cb->codes[k].id, err))
			return err->status;
		int r;
		while ((r = store_step(q, err)) > 0) {
			ids = xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = store_col_int(q, 0);
		}
		store_done(q);
		rc = r < 0 ? (int)err->status : ANKER_OK;
		for (size_t i = 0; !rc && i < n; i++)
			rc = anchor_add(s, ids[i], err);
		free(ids);
	}
	return rc;
}

#define BUILD_DELTAS (1 << 19)

/* Document doc's segments that count into their profiles, weighed by
 * their newest verdicts. */
static int build_doc(struct sync *s, int64_t doc, struct anker_err *err)
{
	struct coding_segment *v;
	size_t n;
	struct store_stmt *q;
	int rc = doc_segments(s->st, doc, &v, &n, err);
	if (rc)
		return rc;
	int *verdict = xcalloc(n + 1, sizeof *verdict);
	for (size_t i = 0; i < n; i++)
		verdict[i] = -1;
	if (store_prepare(s->st, "SELECT r.segment_id, r.verdict FROM review r JOIN segment g "
	                         "ON g.id = r.segment_id WHERE g.doc_id = :doc ORDER BY r.id", &q,
	                  err) ||
	    store_bind_int(q, ":doc", doc, err)) {
		rc = err->status;
	} else {
		int r;
		/* (verdicts are few: the newest, last, wins) */
		while ((r = store_step(q, err)) > 0)
			for (size_t i = 0; i < n; i++)
				if (v[i].id == store_col_int(q, 0))
					verdict[i] = coding_verdict_parse(store_col_text(q, 1));
		store_done(q);
		rc = r < 0 ? (int)err->status : ANKER_OK;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		if (verdict[i] == CODING_MISFIT || !v[i].text)
			continue;
		struct part p = { .doc_id = doc, .cps = true, .a = v[i].start, .b = v[i].end };
		rc = part_add(s, KIND_SEGMENT, v[i].id, v[i].code_id,
		              verdict[i] == CODING_FITS ? W_FITS : W_SEGMENT, &p, v[i].text, err);
	}
	free(verdict);
	coding_segments_free(v, n);
	/* (the changes of a few documents at a time, a few MB: the sums are
	 * exact in any order, and fewer rows are written than per document) */
	return rc || s->nd < BUILD_DELTAS ? rc : deltas_apply(s, err);
}

/* The model from scratch, document by document: the sources put in the
 * order the per-call model (profile.c) meets them, so that model_term
 * numbers the terms as its vocabulary does (reasons of equal weight come
 * in the same order) with the same first words. */
static int model_build(struct store *st, struct anker_err *err)
{
	struct codebook cb;
	struct corpus_doc *docs = NULL;
	size_t ndocs = 0;
	enum anchor_lang lang = ANCHOR_LANG_DE;
	if (codebook_load(st, 0, &cb, err))
		return err->status;
	int rc = corpus_docs_list(st, &docs, &ndocs, err);
	if (!rc)
		rc = build_lang(st, &cb, docs, ndocs, &lang, err);
	/* (the units of the corpus name model_term ids: built again on use) */
	if (!rc)
		rc = store_exec(st, "DELETE FROM model_term; DELETE FROM model_part; DELETE FROM "
		                    "model_weight; DELETE FROM model_profile; DELETE FROM model_todo; "
		                    "DELETE FROM model_unit; DELETE FROM model_unit_data; "
		                    "DELETE FROM model_df; DELETE FROM model_class; "
		                    "DELETE FROM meta WHERE key = '" UNITS_KEY "';", err);
	if (!rc)
		rc = suggest_bounds_drop(st, err);
	if (!rc)
		rc = store_run(st, err, "INSERT OR REPLACE INTO meta VALUES ('" LANG_KEY "', :lang)",
		               STORE_TEXT(":lang", anchor_lang_name(lang)));
	struct sync s = { .st = st, .vocab = anchor_vocab_new(lang) };
	s.ids = (struct term_ids){ .st = st, .vocab = s.vocab };
	/* (9 s at a million segments: the TUI's foot and the CLI's bar say
	 * how far, and Escape cancels: the caller's transaction rolls back) */
	if (!rc)
		rc = store_progress(MODEL_PROGRESS, 0, ndocs, err);
	if (!rc)
		rc = build_codebook(&s, &cb, err);
	for (size_t d = 0; !rc && d < ndocs; d++)
		if (!(rc = build_doc(&s, docs[d].id, err)))
			rc = store_progress(MODEL_PROGRESS, d + 1, ndocs, err);
	if (!rc)
		rc = deltas_apply(&s, err);
	free(s.ids.dbid);
	free(s.d);
	free(s.tv.v);
	sb_free(&s.terms);
	anchor_vocab_free(s.vocab);
	corpus_docs_free(docs, ndocs);
	codebook_free(&cb);
	return rc;
}

int suggest_model_ready(struct store *st, enum anchor_lang *lang, struct anker_err *err)
{
	if (store_readonly(st) || store_schema_version(st) < MODEL_SCHEMA)
		return ANKER_NOTFOUND;
	/* Every write transaction with the hook leaves the model current, so
	 * most calls find nothing to do: looking first in a read takes no write
	 * lock (no wait for another writer) and keeps the file mapped
	 * (store_map).  suggest --code on the bench's 100 MB: 21 -> 17 ms. */
	bool todo = true;
	int rc = model_lang(st, lang, err);
	if (!rc && !(rc = store_exists(st, &todo, err, "SELECT 1 FROM model_todo")) && !todo)
		return ANKER_OK;
	if (rc && rc != ANKER_NOTFOUND)
		return rc;
	anker_err_clear(err);
	if (store_begin(st, err))
		return err->status;
	rc = model_lang(st, lang, err);
	if (rc == ANKER_NOTFOUND)
		rc = model_build(st, err);
	else if (!rc)
		/* changes made where no hook ran (sqlite3 on the file) */
		rc = anchor_model_sync(st, err);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	if (store_commit(st, err))
		return err->status;
	return model_lang(st, lang, err);
}

bool anchor_boundaries_keepable(struct store *st)
{
	enum anchor_lang lang;
	struct anker_err err = { 0 };
	bool todo = true;
	if (!store_kept_wanted(false) || store_readonly(st) || store_schema_version(st) < MODEL_SCHEMA)
		return false;
	return !model_lang(st, &lang, &err) &&
	       !store_exists(st, &todo, &err, "SELECT 1 FROM model_todo") && !todo;
}

/* ---------------------------------------------------------------------- */
/* Codes for a passage, from the model: the same struct anchor_model that
 * suggest_rank reads, holding only what the passage asks of it — its
 * terms' weights in each profile, each profile's length, and the sources
 * taken from the passage (to be left out) — read from a few rows. */

/* A passage's term: its model_term id and its id in the vocabulary. */
struct qterm {
	int64_t db;
	uint32_t id;
};

/* A weight of a passage's term in a profile. */
struct cw {
	size_t code;
	uint32_t id;
	double w;
};

static int cmp_qterm(const void *a, const void *b)
{
	const struct qterm *x = a, *y = b;
	return (x->db > y->db) - (x->db < y->db);
}

static int cmp_cw(const void *a, const void *b)
{
	const struct cw *x = a, *y = b;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

int suggest_code_index(struct anchor_model *m, int64_t id)
{
	if (!m->ids_made) {
		codebook_ids_make(&m->ids, &m->cb);
		m->ids_made = true;
	}
	return (int)codebook_ids_find(&m->ids, id);
}

/* The passage's terms known to the model, into m's vocabulary in the
 * model's order (that of the per-call model: reasons of equal weight
 * come in the same order) with the model's words, and into q (by
 * model_term id); their weights in the profiles into w. */
static int query_terms(struct store *st, struct anchor_model *m, enum anchor_lang lang,
                       const char *text, size_t len, struct qterm **q, size_t *nq, struct cw **w,
                       size_t *nw, struct anker_err *err)
{
	struct anchor_vocab *seen = anchor_vocab_new(lang);
	struct anchor_termv tv = { 0 };
	struct strbuf word = { 0 };
	int rc = ANKER_OK;
	anchor_vocab_terms(seen, text, len, &tv);
	free(tv.v);
	size_t ns = anchor_vocab_size(seen), cap = 0;
	*q = xcalloc(ns + 1, sizeof **q);
	for (uint32_t id = 0; !rc && id < ns; id++) {
		int64_t db;
		rc = store_get_int(st, &db, err, "SELECT id FROM model_term WHERE stem = :stem",
		                   STORE_TEXT(":stem", anchor_vocab_stem(seen, id)));
		if (!rc)
			(*q)[(*nq)++] = (struct qterm){ db, id };
		else if (rc == ANKER_NOTFOUND)
			rc = ANKER_OK;
	}
	qsort(*q, *nq, sizeof **q, cmp_qterm);
	for (size_t i = 0; !rc && i < *nq; i++) {
		struct store_stmt *s;
		rc = store_get_text(st, &word, err, "SELECT word FROM model_term WHERE id = :id",
		                    STORE_INT(":id", (*q)[i].db));
		if (rc)
			break;
		(*q)[i].id = anchor_vocab_add(m->vocab, anchor_vocab_stem(seen, (*q)[i].id),
		                              sb_str(&word));
		if (store_prepare(st, "SELECT code_id, weight FROM model_weight WHERE term_id = :t",
		                  &s, err) || store_bind_int(s, ":t", (*q)[i].db, err)) {
			rc = err->status;
			break;
		}
		int r;
		while ((r = store_step(s, err)) > 0) {
			int k = suggest_code_index(m, store_col_int(s, 0));
			if (k < 0)
				continue;
			if (*nw == cap) {
				cap = cap ? 2 * cap : 256;
				*w = xreallocarray(*w, cap, sizeof **w);
			}
			(*w)[(*nw)++] = (struct cw){ (size_t)k, (*q)[i].id, store_col_double(s, 1) };
		}
		store_done(s);
		if (r < 0)
			rc = err->status;
	}
	if (*nw)
		qsort(*w, *nw, sizeof **w, cmp_cw);
	sb_free(&word);
	anchor_vocab_free(seen);
	return rc;
}

/* The profiles as far as the passage's terms go, and their lengths. */
static int profiles_of(struct store *st, struct anchor_model *m, const struct cw *w, size_t nw,
                       struct anker_err *err)
{
	size_t nc = m->cb.ncodes;
	m->prof = xcalloc(nc + 1, sizeof *m->prof);
	for (size_t k = 0, i = 0; k < nc; k++) {
		struct prof *p = &m->prof[k];
		size_t j = i;
		while (j < nw && w[j].code == k)
			j++;
		p->t = xcalloc(j - i + 1, sizeof *p->t);
		p->w = xcalloc(j - i + 1, sizeof *p->w);
		for (; i < j; i++) {
			p->t[p->n] = w[i].id;
			p->w[p->n++] = w[i].w;
		}
	}
	return suggest_profile_lens(st, m, err);
}

int suggest_profile_lens(struct store *st, struct anchor_model *m, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, "SELECT code_id, len FROM model_profile", &s, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		int k = suggest_code_index(m, store_col_int(s, 0));
		if (k >= 0)
			m->prof[k].len = store_col_double(s, 1);
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

/* The sources taken from the passage, with their terms (those not in the
 * passage as UINT32_MAX: they only count towards the length). */
static int parts_of(struct store *st, struct anchor_model *m, const struct qterm *q, size_t nq,
                    int64_t doc_id, size_t start, size_t end, size_t pf, size_t pl,
                    struct anker_err *err)
{
	struct store_stmt *s;
	/* (doc_id <> 0 lets SQLite use the partial index model_part_doc: a
	 * parameter alone does not tell it the value is not 0) */
	if (store_prepare(st, "SELECT code_id, weight, cps, a, b, terms FROM model_part "
	                      "WHERE doc_id = :doc AND doc_id <> 0 AND CASE WHEN cps "
	                      "THEN a < :end AND :start < b ELSE a <= :pl AND :pf <= b END", &s,
	                  err) ||
	    store_bind_int(s, ":doc", doc_id, err) || store_bind_int(s, ":start", (int64_t)start, err) ||
	    store_bind_int(s, ":end", (int64_t)end, err) || store_bind_int(s, ":pf", (int64_t)pf, err) ||
	    store_bind_int(s, ":pl", (int64_t)pl, err))
		return err->status;
	int r;
	while ((r = store_step(s, err)) > 0) {
		int k = suggest_code_index(m, store_col_int(s, 0));
		if (k < 0)
			continue;
		m->parts = xreallocarray(m->parts, m->nparts + 1, sizeof *m->parts);
		struct part *p = &m->parts[m->nparts++];
		*p = (struct part){ .code = (size_t)k, .w = store_col_double(s, 1), .doc_id = doc_id,
		                    .cps = store_col_int(s, 2) != 0, .a = (size_t)store_col_int(s, 3),
		                    .b = (size_t)store_col_int(s, 4), .t0 = m->terms.n,
		                    .seg = SIZE_MAX };
		for (const char *t = store_col_text(s, 5); *t;) {
			char *e;
			struct qterm key = { .db = strtoll(t, &e, 10) };
			const struct qterm *hit = bsearch(&key, q, nq, sizeof *q, cmp_qterm);
			if (m->terms.n == m->terms.cap) {
				m->terms.cap = m->terms.cap ? 2 * m->terms.cap : 256;
				m->terms.v = xreallocarray(m->terms.v, m->terms.cap, sizeof *m->terms.v);
			}
			m->terms.v[m->terms.n++] = (struct anchor_term){ hit ? hit->id : UINT32_MAX, 0 };
			t = *e ? e + 1 : e;
		}
		p->nt = m->terms.n - p->t0;
	}
	store_done(s);
	return r < 0 ? err->status : ANKER_OK;
}

int suggest_model_rank(struct store *st, enum anchor_lang lang, int64_t doc_id, const char *text,
                       size_t len, size_t start, size_t end, size_t pf, size_t pl,
                       const struct anchor_suggest_opts *o, struct anchor_suggestion **out,
                       size_t *n, struct anker_err *err)
{
	struct anchor_model *m = xcalloc(1, sizeof *m);
	struct cw *w = NULL;
	size_t nq = 0, nw = 0;
	m->only = -1;
	m->vocab = anchor_vocab_new(lang);
	int rc = store_read_begin(st, err);
	if (!rc && codebook_load(st, 0, &m->cb, err))
		rc = err->status;
	m->counted = xcalloc(m->cb.ncodes + 1, sizeof *m->counted);
	struct qterm *q = NULL;
	if (!rc)
		rc = query_terms(st, m, lang, text, len, &q, &nq, &w, &nw, err);
	if (!rc)
		rc = profiles_of(st, m, w, nw, err);
	if (!rc)
		rc = parts_of(st, m, q, nq, doc_id, start, end, pf, pl, err);
	store_read_end(st);
	if (!rc)
		suggest_rank(m, doc_id, text, len, start, end, pf, pl, SIZE_MAX, o, out, n);
	free(q);
	free(w);
	anchor_model_free(m);
	return rc;
}
