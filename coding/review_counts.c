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

/* One code's segments per document: its kept counts (code_doc, or
 * code_doc_coder for one coder), not its segment rows. */
#define CODE_SEGMENTS_SQL "SELECT doc_id, n FROM code_doc WHERE code_id = :code AND :coder IS NULL"
#define CODE_SEGMENTS_CODER_SQL                                                             \
	"SELECT doc_id, n FROM code_doc_coder WHERE coder_id = "                              \
	"(SELECT id FROM coder WHERE name = :coder) AND code_id = :code"
/* One code's segments with their verdicts, oldest first, in document
 * order (the code's index and the verdicts' by segment, no sort): one
 * walk counts every reviewer's newest verdicts and the reviewer's at
 * once (two counts of the newest verdict looked up per segment took 330
 * ms each for a code of 500k segments, all judged). */
#define CODE_VERDICTS_SQL                                                                   \
	"SELECT s.doc_id, s.id, v.reviewer_id, CASE v.verdict WHEN 'fits' THEN 0 "             \
	"WHEN 'misfit' THEN 1 ELSE 2 END FROM segment s JOIN review v ON v.segment_id = s.id " \
	"WHERE s.code_id = :code "                                                            \
	"AND (:coder IS NULL OR s.coder_id = (SELECT id FROM coder WHERE name = :coder)) "   \
	"ORDER BY s.doc_id, s.start, s.id, v.id"

/* Rows of sql (doc_id, n) added into c->segments, of the documents keep
 * keeps (NULL: all). */
static int code_segments_add(struct store *st, const char *sql, int64_t code, const char *coder,
                             const bool *keep, int64_t max, struct coding_review_count *c,
                             struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, sql, &s, err) || store_bind_int(s, ":code", code, err) ||
	    store_bind_text(s, ":coder", coder, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		int64_t doc = store_col_int(s, 0);
		if (!keep || (doc >= 0 && doc <= max && keep[doc]))
			c->segments += store_col_int(s, 1);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* The count of c that verdict v adds to. */
static int64_t *verdict_count(struct coding_review_count *c, int v)
{
	return v == CODING_FITS ? &c->fits : v == CODING_MISFIT ? &c->misfit : &c->borderline;
}

/* A segment's newest verdict (-1: none) counted into c. */
static void count_newest(struct coding_review_count *c, int v)
{
	if (v >= 0) {
		c->reviewed++;
		++*verdict_count(c, v);
	}
}

/* The verdicts of the code's segments (of coder) in the documents keep
 * keeps: each segment's newest into all, its newest of reviewer (id; 0:
 * everyone's) into out. */
static int code_verdicts_add(struct store *st, int64_t code, const char *coder, int64_t reviewer,
                             const bool *keep, int64_t max, struct coding_review_count *out,
                             struct coding_review_count *all, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, CODE_VERDICTS_SQL, &s, err) || store_bind_int(s, ":code", code, err) ||
	    store_bind_text(s, ":coder", coder, err))
		return ANKER_DB;
	int64_t seg = -1;
	int newest = -1, mine = -1;
	bool kept = false;
	while ((rc = store_step(s, err)) == 1) {
		int64_t doc = store_col_int(s, 0), id = store_col_int(s, 1);
		if (id != seg) {   /* the segment before is counted */
			if (kept) {
				count_newest(all, newest);
				count_newest(out, mine);
			}
			seg = id;
			newest = mine = -1;
			kept = !keep || (doc >= 0 && doc <= max && keep[doc]);
		}
		newest = (int)store_col_int(s, 3);
		if (!reviewer || store_col_int(s, 2) == reviewer)
			mine = newest;
	}
	if (kept) {
		count_newest(all, newest);
		count_newest(out, mine);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int coding_review_count_code(struct store *st, const char *reviewer, const char *coder,
                             const struct corpus_doc_filter *docs, int64_t code_id,
                             struct coding_review_count *out, struct coding_review_count *all,
                             struct anker_err *err)
{
	struct coding_review_count everyone;
	bool *keep = NULL;
	int64_t max = -1, rid = 0;
	if (!all)
		all = &everyone;
	memset(out, 0, sizeof *out);
	memset(all, 0, sizeof *all);
	out->code_id = all->code_id = code_id;
	if (store_read_begin(st, err))
		return err->status;
	/* An unknown reviewer judged nothing: said, every count still made. */
	int known = reviewer ? coding_coder_find(st, reviewer, &rid, NULL, err) : ANKER_OK;
	if (known == ANKER_NOTFOUND)
		rid = -1;
	int rc = (known && known != ANKER_NOTFOUND) ||
	         (docs && corpus_docs_kept(st, docs, &keep, &max, err)) ||
	         code_segments_add(st, coder ? CODE_SEGMENTS_CODER_SQL : CODE_SEGMENTS_SQL, code_id,
	                           coder, keep, max, out, err) ||
	         code_verdicts_add(st, code_id, coder, rid, keep, max, out, all, err);
	all->segments = out->segments;
	store_read_end(st);
	free(keep);
	if (rc)
		return err->status ? err->status : ANKER_DB;
	return known;   /* ANKER_NOTFOUND said by coding_coder_find */
}

/* A segment's newest verdict (NULL: none) and whether the reviewer has
 * one. */
#define CHANGE_SQL                                                                          \
	"SELECT (SELECT r.verdict FROM review r WHERE r.segment_id = s.id ORDER BY r.id DESC "   \
	"LIMIT 1), EXISTS (SELECT 1 FROM review r WHERE r.segment_id = s.id AND r.reviewer_id = " \
	"(SELECT id FROM coder WHERE name = :reviewer)) FROM segment s WHERE s.guid = :guid"

int coding_review_count_change(struct store *st, const char *reviewer, char (*segments)[37],
                               size_t n, enum coding_verdict v, int64_t *judged,
                               struct coding_review_count *c, struct anker_err *err)
{
	struct strbuf canon = { 0 };
	struct store_stmt *s = NULL;
	*judged = 0;
	if (store_read_begin(st, err))
		return err->status;
	int rc = coding_coder_known(st, &reviewer, &canon, err);
	if (rc == ANKER_NOTFOUND) {   /* no verdict yet: none of them judged */
		anker_err_clear(err);
		rc = 0;
	}
	rc = rc || store_prepare(st, CHANGE_SQL, &s, err);
	for (size_t i = 0; i < n && !rc; i++) {
		if (store_bind_text(s, ":reviewer", reviewer, err) ||
		    store_bind_text(s, ":guid", segments[i], err) || store_step(s, err) != 1) {
			rc = ANKER_DB;
			break;
		}
		/* Newly reviewed, or moved from its old verdict to v. */
		if (store_col_null(s, 0))
			c->reviewed++;
		else
			--*verdict_count(c, coding_verdict_parse(store_col_text(s, 0)));
		++*verdict_count(c, v);
		*judged += store_col_int(s, 1) == 0;
		store_done(s);   /* reset, for the next segment */
	}
	store_done(s);
	store_read_end(st);
	sb_free(&canon);
	return rc ? (err->status ? err->status : ANKER_DB) : ANKER_OK;
}

/* The segments of the code (of coder) without a verdict of the reviewer
 * (NULL: every segment), in no order asked for: the first kept one
 * answers, T asks only whether the code has one. */
#define TODO_SQL                                                                            \
	"SELECT s.doc_id FROM segment s WHERE s.code_id = :code "                             \
	"AND (:coder IS NULL OR s.coder_id = (SELECT id FROM coder WHERE name = :coder)) "   \
	"AND NOT EXISTS (SELECT 1 FROM review r WHERE r.segment_id = s.id AND r.reviewer_id = " \
	"(SELECT id FROM coder WHERE name = :reviewer))"

int coding_review_todo_find(struct store *st, const char *reviewer, const char *coder,
                            const struct corpus_doc_filter *docs, const int64_t *codes, size_t n,
                            size_t *found, struct anker_err *err)
{
	struct strbuf canon = { 0 };
	struct store_stmt *s = NULL;
	bool *keep = NULL;
	int64_t max = -1;
	*found = n;
	if (store_read_begin(st, err))
		return err->status;
	int rc = coding_coder_known(st, &reviewer, &canon, err);
	if (rc == ANKER_NOTFOUND) {   /* judged nothing yet: any segment is to judge */
		anker_err_clear(err);
		reviewer = NULL;
		rc = 0;
	}
	rc = rc || (docs && corpus_docs_kept(st, docs, &keep, &max, err)) ||
	     store_prepare(st, TODO_SQL, &s, err);
	for (size_t i = 0; i < n && *found == n && !rc; i++) {
		int r;
		if (store_bind_int(s, ":code", codes[i], err) || store_bind_text(s, ":coder", coder, err) ||
		    store_bind_text(s, ":reviewer", reviewer, err))
			r = -1;
		else
			while ((r = store_step(s, err)) == 1) {
				int64_t doc = store_col_int(s, 0);
				if (!keep || (doc >= 0 && doc <= max && keep[doc])) {
					*found = i;
					break;
				}
			}
		store_done(s);   /* reset, for the next code */
		rc = r < 0;
	}
	store_read_end(st);
	sb_free(&canon);
	free(keep);
	return rc ? (err->status ? err->status : ANKER_DB) : ANKER_OK;
}
