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

/* The counts kept in the project (store/kept.c's table, key RANKED, no
 * agreement key begins so): coder id and count each; the names as they
 * are now. */
#define RANKED 100

static int ranked_read(struct store *st, const struct strbuf *v, struct team_coder_count **out,
                       size_t *n, struct anker_err *err)
{
	const unsigned char *p = (const unsigned char *)v->buf;
	struct strbuf name = { 0 };
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i + 1 < v->len / 8; i += 2) {
		rc = store_get_text(st, &name, err, "SELECT name FROM coder WHERE id = :id",
		                    STORE_INT(":id", store_kept_at(p, i)));
		if (!rc)
			ranked_add(out, n, sb_str(&name), store_kept_at(p, i + 1));
		else if (rc == ANKER_NOTFOUND)
			rc = ANKER_OK;   /* gone with its segments: the counter moved, never here */
	}
	sb_free(&name);
	return rc;
}

int team_coders_ranked(struct store *st, struct team_coder_count **out, size_t *n,
                         struct anker_err *err)
{
	struct store_stmt *s;
	struct agree_kept k;
	struct strbuf key = { 0 }, val = { 0 };
	bool hit = false;
	int rc;
	*out = NULL;
	*n = 0;
	/* Ten million segments: a count of each coder's reads them all; kept
	 * in the project, the counts are read instead. */
	agree_kept_begin(st, false, &k);
	store_kept_add(&key, RANKED);
	if (k.on && (rc = store_kept_get(st, &key, k.gen, &val, &hit, err)))
		goto out;
	if (hit) {
		rc = ranked_read(st, &val, out, n, err);
		goto out;
	}
	if (store_prepare(st, "SELECT c.name, count(*) AS k, c.id FROM segment s JOIN coder c "
	                      "ON c.id = s.coder_id GROUP BY c.id", &s, err)) {
		rc = ANKER_DB;
		goto out;
	}
	while ((rc = store_step(s, err)) == 1) {
		ranked_add(out, n, store_col_text(s, 0), store_col_int(s, 1));
		store_kept_add(&val, store_col_int(s, 2));
		store_kept_add(&val, store_col_int(s, 1));
	}
	store_done(s);
	rc = rc < 0 ? ANKER_DB : ANKER_OK;
	if (!rc && k.on)
		store_kept_put(st, &key, k.gen, k.armed, &val);
out:
	if (rc) {
		team_coder_counts_free(*out, *n);
		*out = NULL;
		*n = 0;
	} else if (*n) {
		qsort(*out, *n, sizeof **out, rank_cmp);
	}
	sb_free(&key);
	sb_free(&val);
	return rc;
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

/* The first document (document order) in which both coders have segments. */
static int first_shared_doc(struct store *st, const char *a, const char *b, int64_t code_id,
                            char **doc, struct anker_err *err)
{
	struct coding_segment *sa = NULL, *sb = NULL;
	size_t na = 0, nb = 0;
	struct coding_filter fa = { .coder = a, .min_weight = -1 };
	struct coding_filter fb = { .coder = b, .min_weight = -1 };
	int rc = coding_segments_list(st, &fa, &sa, &na, err);
	if (!rc)
		rc = coding_segments_list(st, &fb, &sb, &nb, err);
	*doc = NULL;
	/* Lists are in document order; a shared document has A's segments. */
	for (size_t i = 0; !rc && !*doc && i < na; i++) {
		bool both = false, code = !code_id;
		for (size_t k = 0; k < na && !code; k++)
			code = sa[k].doc_id == sa[i].doc_id && sa[k].code_id == code_id;
		for (size_t j = 0; j < nb; j++)
			if (sb[j].doc_id == sa[i].doc_id) {
				both = true;
				code = code || sb[j].code_id == code_id;
			}
		if (both && code)
			*doc = xstrdup(sa[i].doc);
	}
	coding_segments_free(sa, na);
	coding_segments_free(sb, nb);
	if (!rc && !*doc)
		rc = anker_err_set(err, ANKER_NOTFOUND, "'%s' and '%s' coded no document both", a, b);
	return rc;
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
	int64_t id;
	if (analysis_coder(st, a, &id, err) || analysis_coder(st, b, &id, err))
		return err->status;
	int rc = doc ? ANKER_OK : first_shared_doc(st, a, b, code_id, &out->doc, err);
	if (rc)
		return rc;
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
