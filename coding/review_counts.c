/* coding/review_counts.c — how many of each code's segments have a
 * verdict, and which (the review summary, T and the codebook side of the
 * TUI's review view), over every segment or those of one coder in some
 * documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "review_int.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

void coding_review_counts_free(struct coding_review_count *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].number);
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
}

/* Each reviewed segment's newest verdict (of one reviewer, or of anyone),
 * counted per code.  Driven by the reviews, not the segments: a project
 * has far fewer of them.  (The segments per code come with the codebook.) */
#define COUNTS_SQL                                                                          \
	"WITH latest AS (SELECT segment_id, MAX(id) AS rid FROM review "                     \
	"WHERE :reviewer IS NULL OR reviewer_id = (SELECT id FROM coder WHERE name = :reviewer) " \
	"GROUP BY segment_id) "                                                               \
	"SELECT s.code_id, COUNT(*), SUM(r.verdict = 'fits'), SUM(r.verdict = 'misfit'), "    \
	"SUM(r.verdict = 'borderline') FROM latest l JOIN review r ON r.id = l.rid "         \
	"JOIN segment s ON s.id = l.segment_id GROUP BY s.code_id"

static int counts_query(struct store *st, const char *reviewer, struct coding_review_count *v,
                        size_t n, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, COUNTS_SQL, &s, err) || store_bind_text(s, ":reviewer", reviewer, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0);
		for (size_t i = 0; i < n; i++) {
			if (v[i].code_id != id)
				continue;
			v[i].reviewed = store_col_int(s, 1);
			v[i].fits = store_col_int(s, 2);
			v[i].misfit = store_col_int(s, 3);
			v[i].borderline = store_col_int(s, 4);
			break;
		}
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* The same counted from the segments, per code and document, for
 * coding_review_counts_of: its filters pick segments, not reviews. */
#define COUNTS_OF_SQL                                                                       \
	"WITH latest AS (SELECT segment_id, MAX(id) AS rid FROM review "                     \
	"WHERE :reviewer IS NULL OR reviewer_id = (SELECT id FROM coder WHERE name = :reviewer) " \
	"GROUP BY segment_id) "                                                               \
	"SELECT s.code_id, s.doc_id, COUNT(*), COUNT(r.id), COALESCE(SUM(r.verdict = 'fits'), 0), " \
	"COALESCE(SUM(r.verdict = 'misfit'), 0), COALESCE(SUM(r.verdict = 'borderline'), 0) " \
	"FROM segment s LEFT JOIN latest l ON l.segment_id = s.id "                           \
	"LEFT JOIN review r ON r.id = l.rid "                                                 \
	"WHERE :coder IS NULL OR s.coder_id = (SELECT id FROM coder WHERE name = :coder) "    \
	"GROUP BY s.code_id, s.doc_id"

static int counts_of_query(struct store *st, const char *reviewer, const char *coder,
                           const struct corpus_doc_filter *docs, struct coding_review_count *v,
                           size_t n, struct anker_err *err)
{
	bool *keep = NULL;
	int64_t max = -1;
	struct store_stmt *s;
	int rc;
	if (docs && (rc = corpus_docs_kept(st, docs, &keep, &max, err)))
		return rc;
	if (store_prepare(st, COUNTS_OF_SQL, &s, err) ||
	    store_bind_text(s, ":reviewer", reviewer, err) || store_bind_text(s, ":coder", coder, err)) {
		free(keep);
		return ANKER_DB;
	}
	for (size_t i = 0; i < n; i++)
		v[i].segments = 0;
	while ((rc = store_step(s, err)) == 1) {
		int64_t id = store_col_int(s, 0), doc = store_col_int(s, 1);
		if (docs && (doc < 0 || doc > max || !keep[doc]))
			continue;
		for (size_t i = 0; i < n; i++) {
			if (v[i].code_id != id)
				continue;
			v[i].segments += store_col_int(s, 2);
			v[i].reviewed += store_col_int(s, 3);
			v[i].fits += store_col_int(s, 4);
			v[i].misfit += store_col_int(s, 5);
			v[i].borderline += store_col_int(s, 6);
			break;
		}
	}
	store_done(s);
	free(keep);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* coding_review_counts, and with filter coding_review_counts_of. */
static int counts_list(struct store *st, const char *reviewer, bool filter, const char *coder,
                       const struct corpus_doc_filter *docs, struct coding_review_count **out,
                       size_t *n, struct anker_err *err)
{
	struct codebook cb;
	struct strbuf canon = {0};
	*out = NULL;
	*n = 0;
	if (store_read_begin(st, err))
		return err->status;
	if (coding_coder_known(st, &reviewer, &canon, err) || codebook_load(st, CODEBOOK_COUNTS, &cb, err)) {
		store_read_end(st);
		sb_free(&canon);
		return err->status ? err->status : ANKER_DB;
	}
	struct coding_review_count *v = xcalloc(cb.ncodes ? cb.ncodes : 1, sizeof *v);
	struct strbuf path = {0};
	for (size_t i = 0; i < cb.ncodes; i++) {
		v[i].code_id = cb.codes[i].id;
		v[i].number = xstrdup(cb.codes[i].number);
		v[i].name = xstrdup(cb.codes[i].name);
		sb_reset(&path);
		codebook_path(&cb, i, &path);
		v[i].path = xstrdup(sb_str(&path));
		v[i].depth = codebook_depth(&cb, i);
		v[i].segments = cb.codes[i].segments;
	}
	sb_free(&path);
	size_t nc = cb.ncodes;
	codebook_free(&cb);
	int rc = filter ? counts_of_query(st, reviewer, coder, docs, v, nc, err)
	                : counts_query(st, reviewer, v, nc, err);
	store_read_end(st);
	sb_free(&canon);
	if (rc) {
		coding_review_counts_free(v, nc);
		return rc;
	}
	*out = v;
	*n = nc;
	return ANKER_OK;
}

int coding_review_counts(struct store *st, const char *reviewer,
                         struct coding_review_count **out, size_t *n, struct anker_err *err)
{
	return counts_list(st, reviewer, false, NULL, NULL, out, n, err);
}

int coding_review_counts_of(struct store *st, const char *reviewer, const char *coder,
                            const struct corpus_doc_filter *docs,
                            struct coding_review_count **out, size_t *n, struct anker_err *err)
{
	if (!coder && !docs)
		return coding_review_counts(st, reviewer, out, n, err);
	return counts_list(st, reviewer, true, coder, docs, out, n, err);
}
