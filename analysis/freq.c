/* analysis/freq.c — frequencies and the code × document matrix (SPEC §5).
 *
 * Both read the segment counts per (code, document[, coder]) from the
 * tables the triggers keep (store/schema.c), then do the rest in memory:
 * roll-up walks the code tree backwards (in tree order every descendant
 * comes after its ancestor), and "documents" are bitsets over the
 * documents, so that a rolled-up document count is a union, not a sum.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "../codebook/codebook.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

/* ---------------------------------------------------------------------- */
/* Coders */

int analysis_coder(struct store *st, const char *name, int64_t *id,
                          struct anker_err *err)
{
	*id = -1;
	return name ? coding_coder_find(st, name, id, NULL, err) : ANKER_OK;
}

int analysis_coder_names(struct store *st, const int64_t *ids, size_t n,
                                struct strbuf *out, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	size_t written = 0;
	if (store_prepare(st, "SELECT id, name FROM coder ORDER BY name", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		for (size_t i = 0; i < n; i++)
			if (ids[i] == id) {
				sb_adds(out, written++ ? ", " : "");
				sb_adds(out, store_col_text(s, 1));
				break;
			}
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* What every table needs: codes in tree order, documents, coders. */

struct an_doc {
	int64_t id;
	char *name, *group;
	size_t group_ix;
	size_t value_ix;        /* --by var:NAME: index of its value */
};

struct an {
	struct store *st;
	struct codebook cb;
	char **paths;
	size_t *code_at;        /* code id → index + 1; 0: none */
	int64_t code_max;
	struct an_doc *docs;    /* group, name order */
	size_t ndocs;
	size_t *doc_at;         /* document id → index + 1 */
	int64_t doc_max;
	char **groups;
	size_t ngroups;
	int64_t *coder_ids;     /* the coders counted, by name */
	char **coder_names;
	size_t ncoders;
	int64_t coder;          /* the filter, -1: none */
};

static void an_free(struct an *a)
{
	if (a->paths)
		for (size_t i = 0; i < a->cb.ncodes; i++)
			free(a->paths[i]);
	free(a->paths);
	codebook_free(&a->cb);
	free(a->code_at);
	for (size_t i = 0; i < a->ndocs; i++) {
		free(a->docs[i].name);
		free(a->docs[i].group);
	}
	free(a->docs);
	free(a->doc_at);
	free(a->groups);   /* borrowed from docs */
	for (size_t i = 0; i < a->ncoders; i++)
		free(a->coder_names[i]);
	free(a->coder_ids);
	free(a->coder_names);
	memset(a, 0, sizeof *a);
}

static void an_codes(struct an *a)
{
	a->paths = xcalloc(a->cb.ncodes ? a->cb.ncodes : 1, sizeof *a->paths);
	a->code_max = 0;
	for (size_t i = 0; i < a->cb.ncodes; i++) {
		struct strbuf p = {0};
		codebook_path(&a->cb, i, &p);
		a->paths[i] = sb_steal(&p);
		if (a->cb.codes[i].id > a->code_max)
			a->code_max = a->cb.codes[i].id;
	}
	a->code_at = xcalloc((size_t)a->code_max + 1, sizeof *a->code_at);
	for (size_t i = 0; i < a->cb.ncodes; i++)
		a->code_at[a->cb.codes[i].id] = i + 1;
}

static int cmp_doc(const void *x, const void *y)
{
	const struct an_doc *a = x, *b = y;
	int c = anker_numcmp(a->group, b->group);
	return c ? c : anker_numcmp(a->name, b->name);
}

/* Every document, or those the filter keeps (NULL: every one). */
static int an_docs(struct an *a, const struct corpus_doc_filter *df, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	size_t cap = 0;
	bool *keep = NULL;
	int64_t keep_max = -1;
	if (df && (rc = corpus_docs_kept(a->st, df, &keep, &keep_max, err)))
		return rc;
	if (store_prepare(a->st, "SELECT id, name, grp FROM document", &s, err)) {
		free(keep);
		return ANKER_DB;
	}
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		if (keep && (id < 0 || id > keep_max || !keep[id]))
			continue;
		if (a->ndocs == cap) {
			cap = cap ? cap * 2 : 64;
			a->docs = xreallocarray(a->docs, cap, sizeof *a->docs);
		}
		struct an_doc *d = &a->docs[a->ndocs++];
		memset(d, 0, sizeof *d);
		d->id = store_col_int(s, 0);
		d->name = xstrdup(store_col_text(s, 1));
		d->group = xstrdup(store_col_text(s, 2));
		if (d->id > a->doc_max)
			a->doc_max = d->id;
	}
	store_done(s);
	free(keep);
	if (rc < 0)
		return ANKER_DB;
	if (a->ndocs > 1)
		qsort(a->docs, a->ndocs, sizeof *a->docs, cmp_doc);
	a->doc_at = xcalloc((size_t)a->doc_max + 1, sizeof *a->doc_at);
	a->groups = xcalloc(a->ndocs ? a->ndocs : 1, sizeof *a->groups);
	for (size_t i = 0; i < a->ndocs; i++) {
		a->doc_at[a->docs[i].id] = i + 1;
		/* Sorted by group: a new group starts where the name changes. */
		if (!a->ngroups || strcmp(a->groups[a->ngroups - 1], a->docs[i].group) != 0)
			a->groups[a->ngroups++] = a->docs[i].group;
		a->docs[i].group_ix = a->ngroups - 1;
	}
	return ANKER_OK;
}

/* The coders counted: the filter's, else every coder with segments. */
static int an_coders(struct an *a, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	const char *sql = a->coder >= 0
		? "SELECT id, name FROM coder WHERE id = :coder"
		: "SELECT c.id, c.name FROM coder c WHERE EXISTS "
		  "(SELECT 1 FROM code_coder k WHERE k.coder_id = c.id) ORDER BY c.name";
	if (store_prepare(a->st, sql, &s, err) ||
	    (a->coder >= 0 && store_bind_int(s, ":coder", a->coder, err)))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		a->coder_ids = xreallocarray(a->coder_ids, a->ncoders + 1, sizeof *a->coder_ids);
		a->coder_names = xreallocarray(a->coder_names, a->ncoders + 1, sizeof *a->coder_names);
		a->coder_ids[a->ncoders] = store_col_int(s, 0);
		a->coder_names[a->ncoders++] = xstrdup(store_col_text(s, 1));
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int an_load(struct store *st, const char *coder, const struct corpus_doc_filter *df,
                   struct an *a, struct strbuf *coders, struct anker_err *err)
{
	memset(a, 0, sizeof *a);
	a->st = st;
	if (analysis_coder(st, coder, &a->coder, err))
		return err->status;
	if (codebook_load(st, 0, &a->cb, err))
		return err->status;
	an_codes(a);
	int rc = an_docs(a, df, err);
	if (rc || (rc = an_coders(a, err)))
		return rc;
	for (size_t i = 0; coders && i < a->ncoders; i++) {
		sb_adds(coders, i ? ", " : "");
		sb_adds(coders, a->coder_names[i]);
	}
	return ANKER_OK;
}

/* The index of coder among those counted (a->ncoders: not counted), k
 * the last one's: rows come grouped by coder, so it rarely moves. */
static size_t an_coder_at(const struct an *a, int64_t coder, size_t k)
{
	if (k >= a->ncoders || a->coder_ids[k] != coder)
		for (k = 0; k < a->ncoders && a->coder_ids[k] != coder; k++)
			;
	return k;
}

/* Segment counts per (code, document[, coder]) from the tables the
 * triggers keep: code_doc for all coders pooled, code_doc_coder (keyed
 * coder first: one coder's rows are a range) per coder. */
typedef void (*tally_fn)(void *arg, size_t code, size_t doc, size_t coder, int64_t n);

static int an_tally(struct an *a, bool by_coder, tally_fn fn, void *arg, struct anker_err *err)
{
	static const char *const sql[2][2] = {
		{ "SELECT code_id, doc_id, 0, n FROM code_doc",
		  "SELECT code_id, doc_id, 0, n FROM code_doc_coder WHERE coder_id = :coder" },
		{ "SELECT code_id, doc_id, coder_id, n FROM code_doc_coder",
		  "SELECT code_id, doc_id, coder_id, n FROM code_doc_coder WHERE coder_id = :coder" },
	};
	struct store_stmt *s;
	int rc;
	bool one = a->coder >= 0;
	if (store_prepare(a->st, sql[by_coder][one], &s, err) ||
	    (one && store_bind_int(s, ":coder", a->coder, err)))
		return ANKER_DB;
	size_t k = 0;
	while ((rc = store_step(s, err)) == 1) {
		int64_t code = store_col_int(s, 0), doc = store_col_int(s, 1);
		int64_t coder = store_col_int(s, 2);
		if (code < 0 || code > a->code_max || !a->code_at[code] || doc < 0 ||
		    doc > a->doc_max || !a->doc_at[doc])
			continue;   /* foreign keys make this impossible */
		if (by_coder && (k = an_coder_at(a, coder, k)) >= a->ncoders)
			continue;
		fn(arg, a->code_at[code] - 1, a->doc_at[doc] - 1, k, store_col_int(s, 3));
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Frequencies */

struct freq {
	struct an *a;
	const struct analysis_freq_opts *o;
	size_t V;               /* values: rows per code */
	size_t K;               /* coder planes of the document bitsets */
	size_t W;               /* 64-bit words per document bitset */
	char **values;          /* --by var: its values, natural order (borrowed) */
	size_t nvalues;
	char **doc_value;       /* --by var: each document's value or NULL */
	struct strbuf var;      /* --by var: its name as documents have it */
	int64_t *seg;           /* ncodes × V own segments */
	uint64_t *bits;         /* ncodes × K × W: documents with own segments */
	int64_t *docs;          /* ncodes × V documents with own segments */
	int64_t *docs_r;        /* ncodes × V rolled up, when not from bits */
};

static size_t freq_value(const struct freq *f, size_t doc, size_t coder)
{
	switch (f->o->by) {
	case ANALYSIS_BY_CODE: return 0;
	case ANALYSIS_BY_DOC: return doc;
	case ANALYSIS_BY_GROUP: return f->a->docs[doc].group_ix;
	case ANALYSIS_BY_CODER: return coder;
	case ANALYSIS_BY_VAR: return f->a->docs[doc].value_ix;
	}
	return 0;
}

static void freq_tally(void *arg, size_t code, size_t doc, size_t coder, int64_t n)
{
	struct freq *f = arg;
	f->seg[code * f->V + freq_value(f, doc, coder)] += n;
	uint64_t *b = &f->bits[(code * f->K + coder) * f->W];   /* coder is 0 unless by coder */
	b[doc / 64] |= UINT64_C(1) << (doc % 64);
}

static int cmp_value(const void *x, const void *y)
{
	return anker_numcmp(*(char *const *)x, *(char *const *)y);
}

/* --by var:NAME: every document's value, and the distinct values. */
static int freq_var(struct freq *f, struct anker_err *err)
{
	struct an *a = f->a;
	struct store_stmt *s;
	int rc;
	f->doc_value = xcalloc(a->ndocs ? a->ndocs : 1, sizeof *f->doc_value);
	f->values = xcalloc(a->ndocs ? a->ndocs : 1, sizeof *f->values);
	if ((rc = corpus_var_name_find(a->st, f->o->var, &f->var, err)))
		return rc;
	if (store_prepare(a->st, "SELECT doc_id, value FROM doc_var WHERE name = :name", &s, err) ||
	    store_bind_text(s, ":name", sb_str(&f->var), err))
		return ANKER_DB;
	size_t n = 0;
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		if (id < 0 || id > a->doc_max || !a->doc_at[id])
			continue;
		char *v = xstrdup(store_col_text(s, 1));
		f->doc_value[a->doc_at[id] - 1] = v;
		f->values[n++] = v;
	}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (n == 0)
		return anker_err_set(err, ANKER_NOTFOUND, "no document has a variable '%s'",
		                     f->o->var);
	qsort(f->values, n, sizeof *f->values, cmp_value);
	f->nvalues = 0;
	for (size_t i = 0; i < n; i++)
		if (!f->nvalues || strcmp(f->values[f->nvalues - 1], f->values[i]) != 0)
			f->values[f->nvalues++] = f->values[i];
	bool missing = false;
	for (size_t d = 0; d < a->ndocs; d++) {
		char **hit = f->doc_value[d] ? bsearch(&f->doc_value[d], f->values, f->nvalues,
		                                       sizeof *f->values, cmp_value) : NULL;
		a->docs[d].value_ix = hit ? (size_t)(hit - f->values) : f->nvalues;
		missing |= !hit;
	}
	f->V = f->nvalues + missing;   /* documents without it: one more value, null */
	return ANKER_OK;
}

/* Roll up over the tree: every descendant comes after its ancestor in
 * tree order, so going backwards each code is complete before it is added
 * to its parent. */
static void rollup_sums(const struct codebook *cb, int64_t *v, size_t width)
{
	for (size_t i = cb->ncodes; i-- > 0;) {
		int p = cb->codes[i].parent;
		if (p >= 0 && (size_t)p < i)
			for (size_t x = 0; x < width; x++)
				v[(size_t)p * width + x] += v[i * width + x];
	}
}

static void rollup_bits(const struct codebook *cb, uint64_t *v, size_t width)
{
	for (size_t i = cb->ncodes; i-- > 0;) {
		int p = cb->codes[i].parent;
		if (p >= 0 && (size_t)p < i)
			for (size_t x = 0; x < width; x++)
				v[(size_t)p * width + x] |= v[i * width + x];
	}
}

/* Documents per (code, value) from the bitsets. */
static int64_t *freq_docs(const struct freq *f, const uint64_t *bits)
{
	size_t ncodes = f->a->cb.ncodes;
	int64_t *docs = xcalloc(ncodes * f->V + 1, sizeof *docs);
	for (size_t c = 0; c < ncodes; c++)
		for (size_t k = 0; k < f->K; k++) {
			const uint64_t *b = &bits[(c * f->K + k) * f->W];
			for (size_t w = 0; w < f->W; w++)
				for (uint64_t x = b[w]; x; x &= x - 1) {
					size_t d = w * 64 + (size_t)__builtin_ctzll(x);
					docs[c * f->V + freq_value(f, d, k)]++;
				}
		}
	return docs;
}

/* The plain table (a row per code, or per code and coder; no roll-up,
 * every document) needs no per-document counts: per code (and coder), a
 * count and a count of distinct documents, from the tables the triggers
 * keep: code_doc (a row per code and document) for all coders pooled,
 * code_coder (both counts per coder and code) for one or each. */
static int freq_simple(struct freq *f, struct anker_err *err)
{
	struct an *a = f->a;
	struct store_stmt *s;
	int rc;
	bool one = a->coder >= 0, each = f->o->by == ANALYSIS_BY_CODER;
	const char *sql = one ? "SELECT code_id, coder_id, n, docs FROM code_coder WHERE coder_id = :coder"
		: each ? "SELECT code_id, coder_id, n, docs FROM code_coder"
		: "SELECT code_id, 0, SUM(n), COUNT(*) FROM code_doc GROUP BY code_id";
	if (store_prepare(a->st, sql, &s, err) || (one && store_bind_int(s, ":coder", a->coder, err)))
		return ANKER_DB;
	size_t k = 0;
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		if (id < 0 || id > a->code_max || !a->code_at[id] ||
		    (each && (k = an_coder_at(a, store_col_int(s, 1), k)) >= a->ncoders))
			continue;
		size_t i = (a->code_at[id] - 1) * f->V + (each ? k : 0);
		f->seg[i] = store_col_int(s, 2);
		f->docs[i] = store_col_int(s, 3);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Code :code and its descendants (the row ids), as "sub". */
#define SUBTREE "WITH RECURSIVE sub(id) AS (SELECT :code UNION ALL " \
	"SELECT c.id FROM code c JOIN sub ON c.parent_id = sub.id) "

/* Rolled-up documents without reading every (code, document) row (by
 * code or coder, every document; f->docs holds each code's own): a leaf's
 * are its own; a code whose subcodes' own counts bound the union to one
 * number (the largest own count equal to the sum, or to every document:
 * a code in every document) needs no read; the rest are counted a
 * document at a time, a lookup per subcode at most, when that costs less
 * than the rows the bitsets would read (they are then left to them:
 * *bitsets).  At 10M segments nearly every code is in every document of
 * each coder: the bitsets read 1.2M rows of code_doc_coder, 144 ms. */
static int freq_rollup_docs(struct freq *f, int64_t **out, bool *bitsets, struct anker_err *err)
{
	const struct an *a = f->a;
	size_t nc = a->cb.ncodes, V = f->V;
	int64_t all = (int64_t)a->ndocs, rows = 0, probes = 0;
	size_t *end = xmalloc((nc + 1) * sizeof *end);
	int64_t *docs = xcalloc(nc * V + 1, sizeof *docs);
	bool *open = xcalloc(nc * V + 1, sizeof *open);
	for (size_t i = 0; i < nc; i++)
		end[i] = i + 1;
	/* (tree order: a code's subtree is it and the codes up to end) */
	for (size_t i = nc; i-- > 0;) {
		int p = a->cb.codes[i].parent;
		if (p >= 0 && (size_t)p < i && end[i] > end[p])
			end[p] = end[i];
	}
	for (size_t i = 0; i < nc * V; i++)
		rows += f->docs[i];
	for (size_t c = 0; c < nc; c++)
		for (size_t v = 0; v < V; v++) {
			int64_t most = 0, sum = 0;
			for (size_t s = c; s < end[c]; s++) {
				int64_t n = f->docs[s * V + v];
				most = n > most ? n : most;
				sum += n;
			}
			docs[c * V + v] = most;
			if (most != (sum < all ? sum : all)) {
				open[c * V + v] = true;
				probes += all * (int64_t)(end[c] - c);
			}
		}
	/* (a lookup costs about two rows read) */
	*bitsets = 2 * probes > rows;
	int rc = ANKER_OK;
	for (size_t c = 0; !rc && !*bitsets && c < nc; c++)
		for (size_t v = 0; !rc && v < V; v++) {
			if (!open[c * V + v])
				continue;
			int64_t coder = f->o->by == ANALYSIS_BY_CODER ? a->coder_ids[v] : a->coder;
			struct store_arg code = STORE_INT(":code", a->cb.codes[c].id);
			rc = coder < 0
				? store_get_int(a->st, &docs[c * V + v], err, SUBTREE
				                "SELECT COUNT(*) FROM document d WHERE EXISTS (SELECT 1 FROM "
				                "code_doc WHERE code_id IN sub AND doc_id = d.id)", code)
				: store_get_int(a->st, &docs[c * V + v], err, SUBTREE
				                "SELECT COUNT(*) FROM document d WHERE EXISTS (SELECT 1 FROM "
				                "code_doc_coder WHERE coder_id = :coder AND doc_id = d.id AND "
				                "code_id IN sub)", code, STORE_INT(":coder", coder));
		}
	free(open);
	free(end);
	if (rc || *bitsets)
		free(docs);
	else
		*out = docs;
	return rc;
}

static const char *freq_label(const struct freq *f, size_t v)
{
	switch (f->o->by) {
	case ANALYSIS_BY_CODE: return NULL;
	case ANALYSIS_BY_DOC: return f->a->docs[v].name;
	case ANALYSIS_BY_GROUP: return f->a->groups[v];
	case ANALYSIS_BY_CODER: return f->a->coder_names[v];
	case ANALYSIS_BY_VAR: return v < f->nvalues ? f->values[v] : NULL;
	}
	return NULL;
}

static void freq_columns(const struct freq *f, struct report_table *t)
{
	static const char *const head[] = { NULL, "Document", "Group", "Coder", NULL };
	static const char *const key[] = { NULL, "doc", "group", "coder", "value" };
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	if (f->o->by != ANALYSIS_BY_CODE)
		report_table_col(t, f->o->by == ANALYSIS_BY_VAR ? sb_str(&f->var) : head[f->o->by],
		                 key[f->o->by], REPORT_COL_TEXT);
	report_table_col(t, "Segments", "segments", REPORT_COL_INT);
	report_table_col(t, "Documents", "documents", REPORT_COL_INT);
	if (f->o->rollup) {
		report_table_col(t, "Segments (rolled up)", "segments_rollup", REPORT_COL_INT);
		report_table_col(t, "Documents (rolled up)", "documents_rollup", REPORT_COL_INT);
	}
	report_table_col(t, "%", "percent", REPORT_COL_FLOAT);
	if (f->o->rollup)
		report_table_col(t, "% (rolled up)", "percent_rollup", REPORT_COL_FLOAT);
}

static void freq_table(const struct freq *f, struct report_table *t)
{
	const struct an *a = f->a;
	size_t ncodes = a->cb.ncodes, V = f->V;
	const int64_t *docs = f->docs;
	int64_t *seg_r = NULL, *docs_r = NULL;
	if (f->o->rollup && f->docs_r) {
		docs_r = xmalloc((ncodes * V + 1) * sizeof *docs_r);
		memcpy(docs_r, f->docs_r, ncodes * V * sizeof *docs_r);
	} else if (f->o->rollup) {
		size_t nbits = ncodes * f->K * f->W;
		uint64_t *bits_r = xmalloc((nbits + 1) * sizeof *bits_r);
		memcpy(bits_r, f->bits, nbits * sizeof *bits_r);
		rollup_bits(&a->cb, bits_r, f->K * f->W);
		docs_r = freq_docs(f, bits_r);
		free(bits_r);
	}
	if (f->o->rollup) {
		seg_r = xmalloc((ncodes * V + 1) * sizeof *seg_r);
		memcpy(seg_r, f->seg, ncodes * V * sizeof *seg_r);
		rollup_sums(&a->cb, seg_r, V);
	}
	int64_t *total = xcalloc(V, sizeof *total);
	for (size_t c = 0; c < ncodes; c++)
		for (size_t v = 0; v < V; v++)
			total[v] += f->seg[c * V + v];
	freq_columns(f, t);
	for (size_t c = 0; c < ncodes; c++)
		for (size_t v = 0; v < V; v++) {
			size_t i = c * V + v;
			report_table_row(t);
			report_table_text(t, a->cb.codes[c].number);
			report_table_text(t, a->paths[c]);
			if (f->o->by != ANALYSIS_BY_CODE)
				report_table_text(t, freq_label(f, v));
			report_table_int(t, f->seg[i]);
			report_table_int(t, docs[i]);
			if (f->o->rollup) {
				report_table_int(t, seg_r[i]);
				report_table_int(t, docs_r[i]);
			}
			report_table_float(t, total[v] ? 100.0 * (double)f->seg[i] / (double)total[v]
			                               : NAN, 2);   /* 0/0: n/a */
			if (f->o->rollup)
				report_table_float(t, total[v] ? 100.0 * (double)seg_r[i] / (double)total[v]
				                               : NAN, 2);
		}
	free(total);
	free(docs_r);
	free(seg_r);
}

int analysis_freq(struct store *st, const struct analysis_freq_opts *o, struct report_table *t,
                struct strbuf *coders, struct anker_err *err)
{
	struct an a;
	struct freq f = { .a = &a, .o = o, .V = 1, .K = 1 };
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if ((rc = an_load(st, o->coder, o->docs, &a, coders, err)))
		goto out;
	if (o->by == ANALYSIS_BY_VAR && (rc = freq_var(&f, err)))
		goto out;
	if (o->by == ANALYSIS_BY_DOC)
		f.V = a.ndocs;
	else if (o->by == ANALYSIS_BY_GROUP)
		f.V = a.ngroups;
	else if (o->by == ANALYSIS_BY_CODER)
		f.V = f.K = a.ncoders;
	f.W = (a.ndocs + 63) / 64;
	f.seg = xcalloc(a.cb.ncodes * f.V + 1, sizeof *f.seg);
	/* The counts left to the bitsets unless the kept counts give them. */
	bool bitsets = true;
	if ((o->by == ANALYSIS_BY_CODE || o->by == ANALYSIS_BY_CODER) && !o->docs) {
		f.docs = xcalloc(a.cb.ncodes * f.V + 1, sizeof *f.docs);
		rc = freq_simple(&f, err);
		bitsets = false;
		if (!rc && o->rollup)
			rc = freq_rollup_docs(&f, &f.docs_r, &bitsets, err);
		if (bitsets) {
			free(f.docs);
			f.docs = NULL;
			memset(f.seg, 0, a.cb.ncodes * f.V * sizeof *f.seg);
		}
	}
	if (!rc && bitsets) {
		f.bits = xcalloc(a.cb.ncodes * f.K * f.W + 1, sizeof *f.bits);
		rc = an_tally(&a, o->by == ANALYSIS_BY_CODER, freq_tally, &f, err);
		if (!rc)
			f.docs = freq_docs(&f, f.bits);
	}
	if (!rc)
		freq_table(&f, t);
out:
	if (f.doc_value)
		for (size_t d = 0; d < a.ndocs; d++)
			free(f.doc_value[d]);
	free(f.doc_value);
	sb_free(&f.var);
	free(f.values);
	free(f.seg);
	free(f.bits);
	free(f.docs);
	free(f.docs_r);
	an_free(&a);
	store_read_end(st);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Code × document (or group) matrix */

struct matrix {
	const struct an *a;
	enum analysis_cols cols;
	size_t ncols;
	int64_t *cell;          /* ncodes × ncols */
};

static void matrix_tally(void *arg, size_t code, size_t doc, size_t coder, int64_t n)
{
	struct matrix *m = arg;
	(void)coder;
	size_t col = m->cols == ANALYSIS_COLS_DOC ? doc : m->a->docs[doc].group_ix;
	m->cell[code * m->ncols + col] += n;
}

/* Column c's header: the document's name or the group's. */
static const char *matrix_col(const struct matrix *m, size_t c)
{
	const char *name = m->cols == ANALYSIS_COLS_DOC ? m->a->docs[c].name : m->a->groups[c];
	return *name ? name : "(no group)";
}

static void matrix_columns(const struct matrix *m, struct report_table *t)
{
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	for (size_t c = 0; c < m->ncols; c++) {
		const char *name = matrix_col(m, c);
		/* JSON keys must stay unique beside the fixed ones. */
		if (strcmp(name, "code") == 0 || strcmp(name, "path") == 0 ||
		    strcmp(name, "total") == 0) {
			char *key = xmalloc(strlen(name) + 5);
			sprintf(key, "doc:%s", name);
			report_table_col(t, name, key, REPORT_COL_INT);
			free(key);
		} else {
			report_table_col(t, name, name, REPORT_COL_INT);
		}
	}
	report_table_col(t, "Total", "total", REPORT_COL_INT);
}

/* Count into m->cell (m->a loaded by the caller, freed by it). */
static int matrix_count(struct store *st, const struct analysis_matrix_opts *o, struct matrix *m,
                        struct strbuf *coders, struct anker_err *err)
{
	struct an *a = (struct an *)m->a;
	int rc = an_load(st, o->coder, o->docs, a, coders, err);
	if (rc)
		return rc;
	m->ncols = o->cols == ANALYSIS_COLS_DOC ? a->ndocs : a->ngroups;
	m->cell = xcalloc(a->cb.ncodes * m->ncols + 1, sizeof *m->cell);
	if ((rc = an_tally(a, false, matrix_tally, m, err)))
		return rc;
	if (o->rollup)
		rollup_sums(&a->cb, m->cell, m->ncols);
	return ANKER_OK;
}

int analysis_matrix(struct store *st, const struct analysis_matrix_opts *o, struct report_table *t,
                  struct strbuf *coders, struct anker_err *err)
{
	struct an a;
	struct matrix m = { .a = &a, .cols = o->cols };
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if ((rc = matrix_count(st, o, &m, coders, err)))
		goto out;
	matrix_columns(&m, t);
	for (size_t c = 0; c < a.cb.ncodes; c++) {
		int64_t total = 0;
		report_table_row(t);
		report_table_text(t, a.cb.codes[c].number);
		report_table_text(t, a.paths[c]);
		for (size_t x = 0; x < m.ncols; x++) {
			report_table_int(t, m.cell[c * m.ncols + x]);
			total += m.cell[c * m.ncols + x];
		}
		report_table_int(t, total);
	}
out:
	free(m.cell);
	an_free(&a);
	store_read_end(st);
	return rc;
}

int analysis_matrix_counts(struct store *st, const struct analysis_matrix_opts *o,
                           struct analysis_matrix *out, struct anker_err *err)
{
	struct an a;
	struct matrix m = { .a = &a, .cols = o->cols };
	memset(out, 0, sizeof *out);
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if (!(rc = matrix_count(st, o, &m, NULL, err))) {
		out->nrows = a.cb.ncodes;
		out->ncols = m.ncols;
		out->numbers = xcalloc(out->nrows + 1, sizeof *out->numbers);
		out->paths = xcalloc(out->nrows + 1, sizeof *out->paths);
		out->cols = xcalloc(out->ncols + 1, sizeof *out->cols);
		for (size_t c = 0; c < out->nrows; c++) {
			out->numbers[c] = xstrdup(a.cb.codes[c].number);
			out->paths[c] = xstrdup(a.paths[c]);
		}
		for (size_t x = 0; x < out->ncols; x++)
			out->cols[x] = xstrdup(matrix_col(&m, x));
		out->cell = m.cell;
		m.cell = NULL;
	}
	free(m.cell);
	an_free(&a);
	store_read_end(st);
	return rc;
}

void analysis_matrix_free(struct analysis_matrix *m)
{
	for (size_t i = 0; i < m->nrows; i++) {
		free(m->numbers[i]);
		free(m->paths[i]);
	}
	for (size_t i = 0; i < m->ncols; i++)
		free(m->cols[i]);
	free(m->numbers);
	free(m->paths);
	free(m->cols);
	free(m->cell);
	memset(m, 0, sizeof *m);
}
