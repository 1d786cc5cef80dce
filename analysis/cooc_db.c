/* analysis/cooc_db.c — co-occurrence in a project: select the codes, stream
 * the segments document by document into the counting of analysis/cooc.c,
 * and lay the counts out as a table.
 *
 * The segments are read in document order through the covering index
 * segment_span (doc_id, start, end, code_id, coder_id): one index scan, no
 * sort, and only one document's segments in memory at a time.  They come
 * a document at a time (GROUP BY doc_id with the aggregate anker_rows,
 * store_each_group): a step and five column fetches per row were half of
 * what reading a million rows cost, and a third of the whole.  Paragraphs
 * are needed by near and paragraph modes only; then each document's text
 * is indexed once, when its first segment arrives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cooc_int.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

/* The modes other than the one asked for. */
#define COOC_ALSO 3

struct cooc_run {
	struct store *st;
	const struct analysis_cooc_opts *o;
	struct codebook cb;
	int *parent;
	size_t *code_at;        /* code id → index + 1 */
	int64_t code_max;
	bool *counted;          /* per code: counts for a selected code */
	size_t *sel, nsel;
	int64_t coder;
	int64_t *coders;        /* coder ids seen */
	size_t ncoders;
	struct analysis_cooc_seg *buf;
	size_t nbuf, capbuf;
	int64_t buf_doc, buf_coder;  /* what the buffer holds (per_coder: also whose) */
	bool *keep;             /* by document id: counted (NULL: every document) */
	int64_t keep_max;
	/* The mode asked for, then those of also, in the same pass. */
	struct cooc_counter *counter[1 + COOC_ALSO];
	size_t ncounters;
	bool paras;             /* some mode needs paragraphs */
	/* Rows too many to hold (the TUI on ten million segments): each count
	 * reads the whole project, so the other modes a view switches to
	 * with o are counted in the same pass (run_also says which) and kept
	 * in the project (a switch then reads a kept matrix instead of the
	 * project again). */
	struct cooc_also {
		enum analysis_cooc_mode mode;
		struct strbuf key;
		struct cooc_cache_state cache;
		int64_t *counts;
	} also[COOC_ALSO];
	size_t nalso;
};

static void run_free(struct cooc_run *r)
{
	codebook_free(&r->cb);
	free(r->parent);
	free(r->code_at);
	free(r->counted);
	free(r->sel);
	free(r->coders);
	free(r->buf);
	free(r->keep);
	for (size_t k = 0; k < r->nalso; k++) {
		sb_free(&r->also[k].key);
		free(r->also[k].counts);
	}
}

static int run_codes(struct cooc_run *r, struct anker_err *err)
{
	if (codebook_load(r->st, 0, &r->cb, err))
		return err->status;
	size_t n = r->cb.ncodes;
	r->parent = xcalloc(n ? n : 1, sizeof *r->parent);
	for (size_t i = 0; i < n; i++) {
		r->parent[i] = r->cb.codes[i].parent;
		if (r->cb.codes[i].id > r->code_max)
			r->code_max = r->cb.codes[i].id;
	}
	r->code_at = xcalloc((size_t)r->code_max + 1, sizeof *r->code_at);
	for (size_t i = 0; i < n; i++)
		r->code_at[r->cb.codes[i].id] = i + 1;
	r->sel = xcalloc(n ? n : 1, sizeof *r->sel);
	r->counted = xcalloc(n ? n : 1, sizeof *r->counted);
	return ANKER_OK;
}

static void select_code(struct cooc_run *r, size_t c)
{
	for (size_t j = 0; j < r->nsel; j++)
		if (r->sel[j] == c)
			return;   /* listed twice: once is enough */
	r->sel[r->nsel++] = c;
}

/* Codes with segments (of the coder), with roll-up also those with
 * segments in their subtree: from the counts kept in code_segments (every
 * coder's) and code_coder (one's), not a probe of the segments per code. */
static int select_default(struct cooc_run *r, struct anker_err *err)
{
	const char *sql = r->coder >= 0
		? "SELECT code_id FROM code_coder WHERE coder_id = :coder AND n > 0"
		: "SELECT code_id FROM code_segments WHERE n > 0";
	struct store_stmt *s;
	int rc;
	bool *has = xcalloc(r->cb.ncodes + 1, sizeof *has);
	if (store_prepare(r->st, sql, &s, err) ||
	    (r->coder >= 0 && store_bind_int(s, ":coder", r->coder, err))) {
		free(has);
		return ANKER_DB;
	}
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		if (id >= 0 && id <= r->code_max && r->code_at[id])
			has[r->code_at[id] - 1] = true;
	}
	store_done(s);
	for (size_t i = r->cb.ncodes; r->o->rollup && i-- > 0;)
		if (has[i] && r->parent[i] >= 0)
			has[r->parent[i]] = true;
	for (size_t i = 0; i < r->cb.ncodes; i++)
		if (has[i])
			r->sel[r->nsel++] = i;
	free(has);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int run_select(struct cooc_run *r, struct anker_err *err)
{
	const struct analysis_cooc_opts *o = r->o;
	if (o->codes && o->ncodes) {
		for (size_t k = 0; k < o->ncodes; k++) {
			int c = codebook_find(&r->cb, o->codes[k], err);
			if (c < 0)
				return err->status;
			select_code(r, (size_t)c);
		}
	} else if (o->under) {
		int c = codebook_find(&r->cb, o->under, err);
		if (c < 0)
			return err->status;
		for (size_t i = 0; i < r->cb.ncodes; i++)
			if (r->parent[i] == c)
				r->sel[r->nsel++] = i;
		if (!r->nsel)
			return anker_err_set(err, ANKER_INPUT, "code '%s' has no subcodes", o->under);
	} else if (select_default(r, err)) {
		return ANKER_DB;
	}
	/* Which codes count at all: skip the others' segments while reading. */
	bool *is_sel = xcalloc(r->cb.ncodes + 1, sizeof *is_sel);
	for (size_t j = 0; j < r->nsel; j++)
		is_sel[r->sel[j]] = true;
	for (size_t i = 0; i < r->cb.ncodes; i++) {
		size_t a = i;
		for (size_t steps = 0; steps <= r->cb.ncodes && !r->counted[i]; steps++) {
			r->counted[i] = is_sel[a];
			if (!o->rollup || r->parent[a] < 0)
				break;
			a = (size_t)r->parent[a];
		}
	}
	free(is_sel);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */

/* Paragraphs of the buffered document's segments, from its text. */
static int flush_paragraphs(struct cooc_run *r, struct anker_err *err)
{
	struct corpus_span *sp = xcalloc(r->nbuf + 1, sizeof *sp);
	for (size_t i = 0; i < r->nbuf; i++) {
		sp[i].start = r->buf[i].start;
		sp[i].end = r->buf[i].end;
	}
	int rc = corpus_doc_spans(r->st, r->buf_doc, sp, r->nbuf, false, err);
	for (size_t i = 0; !rc && i < r->nbuf; i++) {
		r->buf[i].pfirst = (uint32_t)sp[i].para_first;
		r->buf[i].plast = (uint32_t)sp[i].para_last;
	}
	free(sp);
	return rc;
}

/* Are the segments counted from rows in memory (not the project)? */
static bool rows_held(const struct analysis_cooc_opts *o)
{
	return o->rows && !o->rows->streamed;
}

static int flush_doc(struct cooc_run *r, struct anker_err *err)
{
	if (!r->nbuf)
		return ANKER_OK;
	if (r->paras && !rows_held(r->o) && flush_paragraphs(r, err))
		return err->status;
	for (size_t k = 0; k < r->ncounters; k++)
		cooc_counter_add(r->counter[k], r->buf, r->nbuf);
	r->nbuf = 0;
	return ANKER_OK;
}

/* The coders whose segments were counted: per coder, is there a segment
 * of a counted code?  A probe per (coder, code) in code_coder (the counts
 * the triggers keep) is cheaper than reading coder_id with every segment. */
static int run_coders(struct cooc_run *r, struct anker_err *err)
{
	struct store_stmt *k;
	int rc;
	if (store_prepare(r->st, "SELECT id FROM coder", &k, err))
		return ANKER_DB;
	while ((rc = store_step(k, err)) == 1) {
		int64_t coder = store_col_int(k, 0);
		if (r->coder >= 0 && coder != r->coder)
			continue;
		bool found = false;
		for (size_t i = 0; i < r->cb.ncodes && !found && rc == 1; i++) {
			if (!r->counted[i])
				continue;
			if (store_exists(r->st, &found, err, "SELECT 1 FROM code_coder WHERE coder_id = "
			                                     ":coder AND code_id = :code",
			                 STORE_INT(":coder", coder),
			                 STORE_INT(":code", r->cb.codes[i].id)))
				rc = -1;
		}
		if (found) {
			r->coders = xreallocarray(r->coders, r->ncoders + 1, sizeof *r->coders);
			r->coders[r->ncoders++] = coder;
		}
		if (rc < 0)
			break;
	}
	store_done(k);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

bool cooc_row_make(int64_t doc, const int64_t *v, int64_t coder, struct analysis_cooc_seg *row)
{
	if (doc < 0 || doc > UINT32_MAX || v[0] < 0 || v[0] >= v[1] || v[1] > UINT32_MAX ||
	    v[2] < 0 || v[2] > UINT32_MAX || coder < 0 || coder > UINT32_MAX)
		return false;
	*row = (struct analysis_cooc_seg){ .doc = (uint32_t)doc, .start = (uint32_t)v[0],
	                                   .end = (uint32_t)v[1], .code = (uint32_t)v[2],
	                                   .coder = (uint32_t)coder };
	return true;
}

/* One segment row, in document order (per_coder: by coder within each
 * document): skipped unless counted, else buffered, the buffer counted
 * when the document (or coder) changes. */
static int take_row(struct cooc_run *r, const struct analysis_cooc_seg *row, bool each,
                    struct anker_err *err)
{
	int64_t doc = row->doc, code = row->code, coder = each ? (int64_t)row->coder : -1;
	if (code > r->code_max || !r->code_at[code] || !r->counted[r->code_at[code] - 1] ||
	    row->start >= row->end)
		return ANKER_OK;
	if (r->keep && (doc > r->keep_max || !r->keep[doc]))
		return ANKER_OK;
	if (doc != r->buf_doc || coder != r->buf_coder) {
		if (flush_doc(r, err))
			return err->status;
		r->buf_doc = doc;
		r->buf_coder = coder;
	}
	if (r->nbuf == r->capbuf) {
		r->capbuf = r->capbuf ? r->capbuf * 2 : 1024;
		r->buf = xreallocarray(r->buf, r->capbuf, sizeof *r->buf);
	}
	struct analysis_cooc_seg *g = &r->buf[r->nbuf++];
	*g = *row;
	g->code = (uint32_t)(r->code_at[code] - 1);
	return ANKER_OK;
}

/* What run_segments hands each group to take_group. */
struct group_ctx {
	struct cooc_run *r;
	bool each;
	uint64_t rows, total;
};

/* One document's segments (per_coder: one coder's) from store_each_group:
 * doc_id[, coder_id] as columns, start, end, code_id a row. */
static int take_group(void *arg, struct store_stmt *s, const int64_t *v, size_t n,
                      struct anker_err *err)
{
	struct group_ctx *g = arg;
	int64_t doc = store_col_int(s, 0), coder = g->each ? store_col_int(s, 1) : 0;
	if (g->rows / 16384 != (g->rows + n) / 16384 &&
	    store_progress("cooc", g->rows + n, g->total, err))
		return err->status;
	g->rows += n;
	if (g->r->keep && (doc < 0 || doc > g->r->keep_max || !g->r->keep[doc]))
		return ANKER_OK;
	for (size_t i = 0; i < n; i++) {
		struct analysis_cooc_seg row;
		if (cooc_row_make(doc, v + 3 * i, coder, &row) && take_row(g->r, &row, g->each, err))
			return err->status;
	}
	return ANKER_OK;
}

static int run_segments(struct cooc_run *r, struct anker_err *err)
{
	/* A group per document: its rows come out of the covering index
	 * segment_span in document order, no sort and no column fetch per
	 * row (store_each_group).  "+coder_id" keeps the planner on that
	 * index (one on coder_id would need a sort of everything after). */
	/* per_coder: each coder's segments of a document are counted on their
	 * own (a sort by coder within the document, which the index lacks). */
	struct group_ctx g = { .r = r, .each = r->o->per_coder && r->coder < 0 };
	const char *sql = r->coder >= 0
		? "SELECT doc_id, anker_rows(start, \"end\", code_id) FROM segment "
		  "WHERE +coder_id = :coder GROUP BY doc_id"
		: g.each ? "SELECT doc_id, coder_id, anker_rows(start, \"end\", code_id) FROM segment "
		           "GROUP BY doc_id, coder_id"
		: "SELECT doc_id, anker_rows(start, \"end\", code_id) FROM segment GROUP BY doc_id";
	struct store_stmt *s;
	if (store_prepare(r->st, sql, &s, err) ||
	    (r->coder >= 0 && store_bind_int(s, ":coder", r->coder, err)))
		return ANKER_DB;
	/* Progress in rows read, out of all segments (code_segments: no count
	 * of its own); with one coder's rows it ends below the total. */
	int64_t total = 0;
	if (store_get_int(r->st, &total, err, "SELECT COALESCE(SUM(n), 0) FROM code_segments") ||
	    store_progress("cooc", 0, (uint64_t)total, err)) {
		store_done(s);
		return err->status;
	}
	g.total = (uint64_t)total;
	r->buf_doc = -1;
	int rc = store_each_group(s, take_group, &g, err);
	if (!rc)
		rc = flush_doc(r, err);
	return rc;
}

/* The same from rows kept in memory: per_coder takes each document's rows
 * coder by coder (the counting takes segments in any order). */
static int run_rows(struct cooc_run *r, struct anker_err *err)
{
	const struct analysis_cooc_rows *m = r->o->rows;
	bool each = r->o->per_coder && r->coder < 0;
	uint32_t *coders = NULL;
	size_t ncoders = 0, cap = 0;
	int rc = ANKER_OK;
	r->buf_doc = -1;
	for (size_t i = 0, e; !rc && i < m->n; i = e) {
		ncoders = 0;
		for (e = i; e < m->n && m->v[e].doc == m->v[i].doc; e++) {
			size_t c = 0;
			while (each && c < ncoders && coders[c] != m->v[e].coder)
				c++;
			if (each && c == ncoders) {
				if (ncoders == cap)
					coders = xreallocarray(coders, cap = cap ? 2 * cap : 8, sizeof *coders);
				coders[ncoders++] = m->v[e].coder;
			}
		}
		for (size_t c = 0; !rc && c < (each ? ncoders : 1); c++)
			for (size_t k = i; !rc && k < e; k++)
				if (each ? m->v[k].coder == coders[c]
				         : r->coder < 0 || m->v[k].coder == r->coder)
					rc = take_row(r, &m->v[k], each, err);
	}
	free(coders);
	if (!rc)
		rc = flush_doc(r, err);
	return rc;
}

/* One document's rows for analysis_cooc_rows_read: start, end, code_id,
 * coder_id each. */
struct rows_ctx {
	struct analysis_cooc_rows *out;
	size_t cap;
};

static int rows_group(void *arg, struct store_stmt *s, const int64_t *v, size_t n,
                      struct anker_err *err)
{
	struct rows_ctx *g = arg;
	struct analysis_cooc_rows *out = g->out;
	int64_t doc = store_col_int(s, 0);
	(void)err;
	if (out->n + n > g->cap) {
		g->cap = out->n + n > 2 * g->cap ? out->n + n : 2 * g->cap;
		out->v = xreallocarray(out->v, g->cap, sizeof *out->v);
	}
	for (size_t i = 0; i < n; i++)
		out->n += cooc_row_make(doc, v + 4 * i, v[4 * i + 3], &out->v[out->n]);
	return ANKER_OK;
}

int analysis_cooc_rows_read(struct store *st, struct analysis_cooc_rows *out,
                            struct anker_err *err)
{
	struct store_stmt *s;
	struct rows_ctx g = { .out = out };
	int64_t total = 0;
	size_t max = out->max;
	memset(out, 0, sizeof *out);
	out->max = max;
	/* The change count before the rows: a change in between moves it
	 * (when armed), and the rows are never taken as older than they are. */
	if (store_kept_state(st, &out->gen, &out->armed, err))
		return ANKER_DB;
	/* Room for every segment at once (code_segments counts them); too
	 * many are not held. */
	if (store_get_int(st, &total, err, "SELECT COALESCE(SUM(n), 0) FROM code_segments"))
		return ANKER_DB;
	if ((uint64_t)total > (out->max ? out->max : ANALYSIS_COOC_ROWS_MAX)) {
		out->streamed = out->read = true;
		return ANKER_OK;
	}
	if (store_prepare(st, "SELECT doc_id, anker_rows(start, \"end\", code_id, coder_id) "
	                      "FROM segment GROUP BY doc_id", &s, err))
		return ANKER_DB;
	if (total > 0) {
		g.cap = (size_t)total;
		out->v = xreallocarray(NULL, g.cap, sizeof *out->v);
	}
	if (store_each_group(s, rows_group, &g, err)) {
		analysis_cooc_rows_free(out);
		return err->status ? err->status : ANKER_DB;
	}
	out->read = true;
	return ANKER_OK;
}

/* Each document's text read once, its rows' paragraphs located. */
static int rows_paragraphs(struct store *st, struct analysis_cooc_rows *m, struct anker_err *err)
{
	struct corpus_span *sp = NULL;
	int rc = ANKER_OK;
	for (size_t i = 0, e; !rc && i < m->n; i = e) {
		for (e = i; e < m->n && m->v[e].doc == m->v[i].doc; e++)
			;
		sp = xreallocarray(sp, e - i, sizeof *sp);
		for (size_t k = i; k < e; k++)
			sp[k - i] = (struct corpus_span){ .start = m->v[k].start, .end = m->v[k].end };
		rc = corpus_doc_spans(st, m->v[i].doc, sp, e - i, false, err);
		for (size_t k = i; !rc && k < e; k++) {
			m->v[k].pfirst = (uint32_t)sp[k - i].para_first;
			m->v[k].plast = (uint32_t)sp[k - i].para_last;
		}
	}
	free(sp);
	m->paragraphs = !rc;
	return rc;
}

void analysis_cooc_rows_free(struct analysis_cooc_rows *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* The default selection is the codes with segments anywhere; limited to
 * some documents it keeps those with segments there: a code's diagonal
 * (its segments, or the units where it occurs) is 0 exactly when it has
 * none counted. */
static void drop_uncounted(struct cooc_run *r, int64_t *counts)
{
	size_t n = r->nsel, m = 0;
	size_t *keep = xcalloc(n + 1, sizeof *keep);
	for (size_t j = 0; j < n; j++)
		if (counts[j * n + j] > 0)
			keep[m++] = j;
	for (size_t i = 0; i < m; i++) {
		r->sel[i] = r->sel[keep[i]];
		for (size_t j = 0; j < m; j++)
			counts[i * m + j] = counts[keep[i] * n + keep[j]];
	}
	r->nsel = m;
	free(keep);
}

static void run_result(struct cooc_run *r, struct analysis_cooc_result *out)
{
	out->n = r->nsel;
	out->code_id = xcalloc(r->nsel + 1, sizeof *out->code_id);
	out->number = xcalloc(r->nsel + 1, sizeof *out->number);
	out->path = xcalloc(r->nsel + 1, sizeof *out->path);
	for (size_t j = 0; j < r->nsel; j++) {
		const struct codebook_code *c = &r->cb.codes[r->sel[j]];
		struct strbuf p = {0};
		codebook_path(&r->cb, r->sel[j], &p);
		out->code_id[j] = c->id;
		out->number[j] = xstrdup(c->number);
		out->path[j] = sb_steal(&p);
	}
}

/* What the counting depends on besides the project's data, as ids: the
 * key of a kept matrix (analysis/cooc_cache.c). */
static void run_key(const struct cooc_run *r, enum analysis_cooc_mode mode, struct strbuf *key)
{
	const struct analysis_cooc_opts *o = r->o;
	store_kept_add(key, 1);   /* the key's layout */
	store_kept_add(key, mode);
	store_kept_add(key, mode == ANALYSIS_COOC_NEAR ? o->near : 0);
	store_kept_add(key, o->rollup);
	store_kept_add(key, o->per_coder && r->coder < 0);
	store_kept_add(key, r->coder);
	store_kept_add(key, (int64_t)r->nsel);
	for (size_t j = 0; j < r->nsel; j++)
		store_kept_add(key, r->cb.codes[r->sel[j]].id);
	store_kept_add(key, r->keep != NULL);
	for (int64_t d = 0; r->keep && d <= r->keep_max; d++)
		if (r->keep[d])
			store_kept_add(key, d);
}

static bool mode_paras(enum analysis_cooc_mode m)
{
	return m == ANALYSIS_COOC_NEAR || m == ANALYSIS_COOC_PARAGRAPH;
}

/* The other modes, each with its key and what the project keeps of it:
 * those kept already (or that cannot be kept) are not counted, nor those
 * needing paragraphs when the mode asked for does not: the texts would
 * double the pass (overlap at ten million segments: 1.2 to 2.4 s CPU),
 * and read before the project's first write they are mapped (store_map),
 * a gigabyte in the process's resident size. */
static int run_also(struct cooc_run *r, struct anker_err *err)
{
	for (int m = ANALYSIS_COOC_OVERLAP; m <= ANALYSIS_COOC_DOCUMENT; m++) {
		if ((enum analysis_cooc_mode)m == r->o->mode ||
		    (mode_paras((enum analysis_cooc_mode)m) && !mode_paras(r->o->mode)))
			continue;
		struct cooc_also *a = &r->also[r->nalso++];
		*a = (struct cooc_also){ .mode = (enum analysis_cooc_mode)m };
		a->counts = xcalloc(r->nsel * r->nsel + 1, sizeof *a->counts);
		run_key(r, a->mode, &a->key);
		if (cooc_cache_get(r->st, &a->key, r->nsel, a->counts, &a->cache, err))
			return err->status;
		if (a->cache.hit || !a->cache.armed) {
			sb_free(&a->key);
			free(a->counts);
			r->nalso--;
		} else {
			/* Kept at an older gen: counted anew in this pass. */
			memset(a->counts, 0, r->nsel * r->nsel * sizeof *a->counts);
		}
	}
	return ANKER_OK;
}

/* Count the selected codes' co-occurrences into counts (nsel × nsel);
 * streamed and cached (also): the other modes' into theirs. */
static int run_count(struct cooc_run *r, int64_t *counts, bool also, struct anker_err *err)
{
	const struct analysis_cooc_opts *o = r->o;
	struct analysis_cooc_spec sp[1 + COOC_ALSO];
	int rc;
	if (o->rows && !o->rows->read && (rc = analysis_cooc_rows_read(r->st, o->rows, err)))
		return rc;
	if (also && o->rows && o->rows->streamed && (rc = run_also(r, err)))
		return rc;
	r->ncounters = 1 + r->nalso;
	for (size_t k = 0; k < r->ncounters; k++) {
		sp[k] = (struct analysis_cooc_spec){
			.mode = k ? r->also[k - 1].mode : o->mode, .near = o->near, .parent = r->parent,
			.ncodes = r->cb.ncodes, .sel = r->sel, .nsel = r->nsel, .rollup = o->rollup,
			.coder = -1,
		};
		r->paras |= mode_paras(sp[k].mode);
	}
	if (rows_held(o) && r->paras && !o->rows->paragraphs &&
	    (rc = rows_paragraphs(r->st, o->rows, err)))
		return rc;
	for (size_t k = 0; k < r->ncounters; k++)
		r->counter[k] = cooc_counter_new(&sp[k]);
	rc = rows_held(o) ? run_rows(r, err) : run_segments(r, err);
	for (size_t k = 0; k < r->ncounters; k++)
		cooc_counter_finish(r->counter[k], k ? r->also[k - 1].counts : counts);
	r->ncounters = 0;
	return rc;
}

/* A matrix kept at an older gen (counts) brought up to the project as it
 * is, when few documents changed since (*caught): their segments as they
 * were counted out, as they are counted in (both sums over documents).
 * More than a quarter of the segments to count twice (or the journal
 * cannot tell what changed): not caught, counted in full instead. */
static int run_catch_up(struct cooc_run *r, int64_t *counts, const struct cooc_cache_state *cache,
                        bool *caught, struct anker_err *err)
{
	const struct analysis_cooc_opts *o = r->o;
	struct analysis_cooc_opts each = *o;
	struct analysis_cooc_rows rows[2];
	int64_t total = 0;
	size_t nn = r->nsel * r->nsel;
	if (store_get_int(r->st, &total, err, "SELECT COALESCE(SUM(n), 0) FROM code_segments") ||
	    cooc_cache_changed(r->st, cache->from, (size_t)total / 4 + 65536, rows, caught, err))
		return err->status ? err->status : ANKER_DB;
	if (!*caught)
		return ANKER_OK;
	int64_t *before = xcalloc(nn + 1, sizeof *before);
	int rc;
	r->o = &each;
	each.rows = &rows[0];
	rc = run_count(r, before, false, err);
	each.rows = &rows[1];
	if (!rc)
		rc = run_count(r, counts, false, err);
	r->o = o;
	for (size_t i = 0; !rc && i < nn; i++)
		counts[i] -= before[i];
	free(before);
	analysis_cooc_rows_free(&rows[0]);
	analysis_cooc_rows_free(&rows[1]);
	*caught = !rc;
	return rc;
}

int analysis_cooc_run(struct store *st, const struct analysis_cooc_opts *o,
                    struct analysis_cooc_result *out, struct anker_err *err)
{
	struct cooc_run r = { .st = st, .o = o };
	struct strbuf names = {0}, key = {0};
	struct cooc_cache_state cache = {0};
	int64_t *fresh = NULL;    /* counted here, to be kept */
	size_t nkept = 0;
	bool cached = store_kept_wanted(o->no_cache), caught = false;
	memset(out, 0, sizeof *out);
	out->mode = o->mode;
	if (cached)
		store_kept_arm(st);
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if (o->docs && (rc = corpus_docs_kept(st, o->docs, &r.keep, &r.keep_max, err)))
		goto out;
	if ((rc = analysis_coder(st, o->coder, &r.coder, err)) ||
	    (rc = run_codes(&r, err)) || (rc = run_select(&r, err)))
		goto out;
	/* The selection as counted and kept (drop_uncounted narrows r.nsel
	 * for the result only). */
	nkept = r.nsel;
	size_t nn = r.nsel * r.nsel;
	out->counts = xcalloc(nn + 1, sizeof *out->counts);
	if (cached) {
		run_key(&r, o->mode, &key);
		if ((rc = cooc_cache_get(st, &key, r.nsel, out->counts, &cache, err)) ||
		    (!cache.hit && cache.from >= 0 && cache.armed &&
		     (rc = run_catch_up(&r, out->counts, &cache, &caught, err))))
			goto out;
	}
	if (!cache.hit) {
		if (!caught) {
			memset(out->counts, 0, nn * sizeof *out->counts);
			if ((rc = run_count(&r, out->counts, cached, err)))
				goto out;
			/* Rows read while disarmed, or before a change: the
			 * count is of an older project, shown (the caller reads
			 * them again when it sees the change) but not kept. */
			if (rows_held(o) && (!o->rows->armed || o->rows->gen != cache.gen))
				cache.armed = 0;
		}
		if (cached) {
			fresh = xreallocarray(NULL, nn + 1, sizeof *fresh);
			memcpy(fresh, out->counts, nn * sizeof *fresh);
		}
	}
	if ((rc = run_coders(&r, err)) ||
	    (rc = analysis_coder_names(st, r.coders, r.ncoders, &names, err)))
		goto out;
	if (o->docs && !o->codes && !o->under)
		drop_uncounted(&r, out->counts);
	run_result(&r, out);
	out->coders = sb_steal(&names);
out:
	if (rc)
		analysis_cooc_result_free(out);
	store_read_end(st);
	if (!rc && fresh)
		cooc_cache_put(st, &key, &cache, fresh, nkept);
	for (size_t k = 0; !rc && k < r.nalso; k++)
		cooc_cache_put(st, &r.also[k].key, &r.also[k].cache, r.also[k].counts, nkept);
	free(fresh);
	sb_free(&key);
	sb_free(&names);
	run_free(&r);
	return rc;
}

void analysis_cooc_result_free(struct analysis_cooc_result *r)
{
	for (size_t j = 0; j < r->n; j++) {
		free(r->number[j]);
		free(r->path[j]);
	}
	free(r->code_id);
	free(r->number);
	free(r->path);
	free(r->counts);
	free(r->coders);
	enum analysis_cooc_mode mode = r->mode;
	memset(r, 0, sizeof *r);
	r->mode = mode;
}

void analysis_cooc_table(const struct analysis_cooc_result *r, enum analysis_measure m,
                       struct report_table *t)
{
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	for (size_t j = 0; j < r->n; j++) {
		const char *name = *r->number[j] ? r->number[j] : r->path[j];
		report_table_col(t, name, name,
		                 m == ANALYSIS_MEASURE_COUNT ? REPORT_COL_INT : REPORT_COL_FLOAT);
	}
	for (size_t i = 0; i < r->n; i++) {
		report_table_row(t);
		report_table_text(t, r->number[i]);
		report_table_text(t, r->path[i]);
		for (size_t j = 0; j < r->n; j++) {
			if (m == ANALYSIS_MEASURE_COUNT)
				report_table_int(t, r->counts[i * r->n + j]);
			else
				report_table_float(t, analysis_cooc_value(r->counts, r->n, i, j, m),
				                   m == ANALYSIS_MEASURE_JACCARD ? 3 : 2);
		}
	}
}
