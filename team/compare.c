/* team/compare.c — two coders side by side (the TUI's team views,
 * issue 6): the coders ranked by their segments, and one document's
 * codings of two coders with each segment marked agreeing or not under
 * the segment rule of SPEC §5 (the rule of team_agree_segments). */
#include <stdlib.h>
#include <string.h>

#include "agree_int.h"
#include "../coding/coding.h"
#include "../analysis/analysis.h"

void team_coder_counts_free(struct team_coder_count *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

static int rank_cmp(const void *a, const void *b)
{
	const struct team_coder_count *x = a, *y = b;
	if (x->segments != y->segments)
		return x->segments > y->segments ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void ranked_add(struct team_coder_count **out, size_t *n, const char *name, int64_t k)
{
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	(*out)[*n].name = xstrdup(name);
	(*out)[(*n)++].segments = k;
}

int team_coders_ranked(struct store *st, struct team_coder_count **out, size_t *n,
                         struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	/* code_coder: the counts the triggers keep, a row per coder and code
	 * (ten million segments are not read for a few coders' totals) */
	if (store_prepare(st, "SELECT c.name, SUM(k.n) FROM code_coder k JOIN coder c ON "
	                      "c.id = k.coder_id GROUP BY c.id", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1)
		ranked_add(out, n, store_col_text(s, 0), store_col_int(s, 1));
	store_done(s);
	if (rc < 0) {
		team_coder_counts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ANKER_DB;
	}
	if (*n)
		qsort(*out, *n, sizeof **out, rank_cmp);
	return ANKER_OK;
}

/* MAXQDA's segment agreement rule (SPEC §5), used by team_agree_segments
 * and the side-by-side view: same code, |a n b| / |a u b| >= min_overlap / 100. */
bool team_segment_match(const struct coding_segment *a, const struct coding_segment *b,
                          double min_overlap)
{
	if (a->doc_id != b->doc_id || a->code_id != b->code_id)
		return false;
	size_t lo = a->start > b->start ? a->start : b->start;
	size_t hi = a->end < b->end ? a->end : b->end;
	if (hi <= lo)
		return false;
	double inter = (double)(hi - lo);
	double uni = (double)(a->end - a->start) + (double)(b->end - b->start) - inter;
	return inter * 100 >= min_overlap * uni;
}

void team_compare_free(struct team_compare *c)
{
	coding_segments_free(c->seg[0], c->n[0]);
	coding_segments_free(c->seg[1], c->n[1]);
	free(c->agree[0]);
	free(c->agree[1]);
	free(c->doc);
	memset(c, 0, sizeof *c);
}

/* The first document (document order: group, then name) in which both
 * coders have segments and, with code_id, one of them that code's.  Each
 * document with segments is probed in code_doc_coder, keyed by coder and
 * document: a few lookups per document, not a read of both coders'
 * segments. */
static int first_shared_doc(struct store *st, int64_t a, int64_t b, int64_t code_id, char **doc,
                            struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	char *group = NULL;
	*doc = NULL;
	if (store_prepare(st,
	                  "SELECT d.name, d.grp FROM doc_segments x JOIN document d ON d.id = x.doc_id "
	                  "WHERE EXISTS (SELECT 1 FROM code_doc_coder WHERE coder_id = :a AND "
	                  "doc_id = x.doc_id) AND EXISTS (SELECT 1 FROM code_doc_coder WHERE "
	                  "coder_id = :b AND doc_id = x.doc_id) AND (:code = 0 OR EXISTS (SELECT 1 "
	                  "FROM code_doc_coder WHERE coder_id IN (:a, :b) AND doc_id = x.doc_id AND "
	                  "code_id = :code))",
	                  &s, err) ||
	    store_bind_int(s, ":a", a, err) || store_bind_int(s, ":b", b, err) ||
	    store_bind_int(s, ":code", code_id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		const char *name = store_col_text(s, 0), *grp = store_col_text(s, 1);
		int c = *doc ? anker_numcmp(grp, group) : -1;
		if (c < 0 || (c == 0 && anker_numcmp(name, *doc) < 0)) {
			free(*doc);
			free(group);
			*doc = xstrdup(name);
			group = xstrdup(grp);
		}
	}
	store_done(s);
	free(group);
	if (rc < 0) {
		free(*doc);
		*doc = NULL;
		return ANKER_DB;
	}
	return ANKER_OK;
}

static int seg_start_cmp(const void *x, const void *y)
{
	const struct coding_segment *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

int team_compare_doc(struct store *st, const char *doc, int64_t code_id, const char *a,
                       const char *b, double min_overlap, struct team_compare *out, struct anker_err *err)
{
	memset(out, 0, sizeof *out);
	int64_t ida, idb;
	if (analysis_coder(st, a, &ida, err) || analysis_coder(st, b, &idb, err))
		return err->status;
	int rc = doc ? ANKER_OK : first_shared_doc(st, ida, idb, code_id, &out->doc, err);
	if (rc)
		return rc;
	if (!doc && !out->doc)
		return anker_err_set(err, ANKER_NOTFOUND, "'%s' and '%s' coded no document both", a, b);
	if (doc)
		out->doc = xstrdup(doc);
	const char *coder[2] = { a, b };
	for (int k = 0; k < 2 && !rc; k++) {
		struct coding_filter f = { .doc = out->doc, .coder = coder[k], .min_weight = -1,
		                           .with_text = true };
		rc = coding_segments_list(st, &f, &out->seg[k], &out->n[k], err);
		out->coded[k] = !rc && out->n[k] > 0;
		size_t m = 0;
		for (size_t i = 0; !rc && i < out->n[k]; i++) {
			if (code_id && out->seg[k][i].code_id != code_id)
				coding_segment_free(&out->seg[k][i]);
			else
				out->seg[k][m++] = out->seg[k][i];
		}
		if (!rc) {
			out->n[k] = m;
			qsort(out->seg[k], out->n[k], sizeof *out->seg[k], seg_start_cmp);
		}
	}
	if (rc) {
		team_compare_free(out);
		return rc;
	}
	for (int k = 0; k < 2; k++) {
		out->agree[k] = xcalloc(out->n[k] + 1, sizeof *out->agree[k]);
		for (size_t i = 0; i < out->n[k]; i++)
			for (size_t j = 0; j < out->n[!k] && !out->agree[k][i]; j++)
				out->agree[k][i] = team_segment_match(&out->seg[k][i], &out->seg[!k][j],
				                                        min_overlap);
	}
	return ANKER_OK;
}
