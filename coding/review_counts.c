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

/* Each segment's newest verdict of the reviewer (id; 0: of anyone), kept
 * per code, reviewer, coder and document (review_tally, schema 19): a
 * range of its rows for one code, the rows of one reviewer for every
 * code; of one coder's segments (:coder) or everyone's. */
#define TALLY_SQL(where)                                                                    \
	"SELECT code_id, doc_id, fits, misfit, borderline FROM review_tally WHERE " where      \
	" reviewer_id = :reviewer AND (:coder IS NULL OR coder_id = "                          \
	"(SELECT id FROM coder WHERE name = :coder))"
#define TALLY_CODE_SQL TALLY_SQL("code_id = :code AND")
#define TALLY_ALL_SQL TALLY_SQL("")
/* Segments per code and document (code_doc, or code_doc_coder of one
 * coder), kept since schemas 2 and 11. */
#define SEGMENTS_SQL(where)                                                                 \
	"SELECT code_id, doc_id, n FROM code_doc WHERE " where " :coder IS NULL UNION ALL "     \
	"SELECT code_id, doc_id, n FROM code_doc_coder WHERE coder_id = "                      \
	"(SELECT id FROM coder WHERE name = :coder) AND " where " 1"
#define SEGMENTS_CODE_SQL SEGMENTS_SQL("code_id = :code AND")
#define SEGMENTS_ALL_SQL SEGMENTS_SQL("")

/* The document kept: keep NULL keeps all (ids up to max). */
static bool doc_kept(const bool *keep, int64_t max, int64_t doc)
{
	return !keep || (doc >= 0 && doc <= max && keep[doc]);
}

/* The rows of a TALLY_SQL or SEGMENTS_SQL statement s (bound) added
 * into the count of their code: its index in v by ids (NULL: every row
 * into v[0]), of the documents keep keeps. */
static int rows_add(struct store_stmt *s, bool tally, const struct codebook_ids *ids,
                    const bool *keep, int64_t max, struct coding_review_count *v,
                    struct anker_err *err)
{
	int rc;
	while ((rc = store_step(s, err)) == 1) {
		int64_t code = store_col_int(s, 0), doc = store_col_int(s, 1);
		ptrdiff_t k = ids ? codebook_ids_find(ids, code) : 0;
		if (!doc_kept(keep, max, doc) || k < 0)
			continue;
		struct coding_review_count *c = &v[k];
		if (!tally) {
			c->segments += store_col_int(s, 2);
			continue;
		}
		int64_t f = store_col_int(s, 2), m = store_col_int(s, 3), b = store_col_int(s, 4);
		c->fits += f;
		c->misfit += m;
		c->borderline += b;
		c->reviewed += f + m + b;
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* The kept verdicts of reviewer (id; 0: anyone, -1: nobody) added into
 * v (see rows_add), of code (0: every code) and coder (NULL: all). */
static int tally_add(struct store *st, int64_t code, int64_t reviewer, const char *coder,
                     const struct codebook_ids *ids, const bool *keep, int64_t max,
                     struct coding_review_count *v, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, code ? TALLY_CODE_SQL : TALLY_ALL_SQL, &s, err) ||
	    (code && store_bind_int(s, ":code", code, err)) ||
	    store_bind_int(s, ":reviewer", reviewer, err) || store_bind_text(s, ":coder", coder, err))
		return ANKER_DB;
	return rows_add(s, true, ids, keep, max, v, err);
}

/* The kept segment counts added into v (see rows_add), of code (0: every
 * code) and coder (NULL: all). */
static int segments_add(struct store *st, int64_t code, const char *coder,
                        const struct codebook_ids *ids, const bool *keep, int64_t max,
                        struct coding_review_count *v, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, code ? SEGMENTS_CODE_SQL : SEGMENTS_ALL_SQL, &s, err) ||
	    (code && store_bind_int(s, ":code", code, err)) || store_bind_text(s, ":coder", coder, err))
		return ANKER_DB;
	return rows_add(s, false, ids, keep, max, v, err);
}

/* The reviewer's id (0: NULL, anyone's verdicts; -1: a name not known,
 * nobody's), *known ANKER_NOTFOUND for the latter (said in err). */
static int reviewer_of(struct store *st, const char *reviewer, int64_t *id, int *known,
                       struct anker_err *err)
{
	*id = 0;
	*known = reviewer ? coding_coder_find(st, reviewer, id, NULL, err) : ANKER_OK;
	if (*known == ANKER_NOTFOUND)
		*id = -1;
	return *known && *known != ANKER_NOTFOUND ? *known : ANKER_OK;
}

/* Every code's counts into v[0..n) (codes by id: ids), of coder's
 * segments (NULL: all) in the documents docs keeps (NULL: all; with
 * neither, the segments are the codebook's, already in v). */
static int counts_fill(struct store *st, int64_t reviewer, const char *coder,
                       const struct corpus_doc_filter *docs, const struct codebook_ids *ids,
                       struct coding_review_count *v, size_t n, struct anker_err *err)
{
	bool *keep = NULL;
	int64_t max = -1;
	int rc = docs ? corpus_docs_kept(st, docs, &keep, &max, err) : ANKER_OK;
	if (!rc && (coder || docs)) {
		for (size_t i = 0; i < n; i++)
			v[i].segments = 0;
		rc = segments_add(st, 0, coder, ids, keep, max, v, err);
	}
	if (!rc)
		rc = tally_add(st, 0, reviewer, coder, ids, keep, max, v, err);
	free(keep);
	return rc;
}

/* coding_review_counts, and with filter coding_review_counts_of. */
static int counts_list(struct store *st, const char *reviewer, const char *coder,
                       const struct corpus_doc_filter *docs, struct coding_review_count **out,
                       size_t *n, struct anker_err *err)
{
	struct codebook cb;
	struct strbuf canon = {0};
	int64_t rid;
	int known;
	*out = NULL;
	*n = 0;
	if (store_read_begin(st, err))
		return err->status;
	if (coding_coder_known(st, &reviewer, &canon, err) ||
	    reviewer_of(st, reviewer, &rid, &known, err) ||
	    codebook_load(st, CODEBOOK_COUNTS, &cb, err)) {
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
	/* each code's place in v (cb's order) by its id */
	struct codebook_ids ids;
	codebook_ids_make(&ids, &cb);
	codebook_free(&cb);
	int rc = counts_fill(st, rid, coder, docs, &ids, v, nc, err);
	codebook_ids_free(&ids);
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
	return counts_list(st, reviewer, NULL, NULL, out, n, err);
}

int coding_review_counts_of(struct store *st, const char *reviewer, const char *coder,
                            const struct corpus_doc_filter *docs,
                            struct coding_review_count **out, size_t *n, struct anker_err *err)
{
	return counts_list(st, reviewer, coder, docs, out, n, err);
}

/* The count verdict v adds to. */
static int64_t *verdict_count(struct coding_review_count *c, int v)
{
	return v == CODING_FITS ? &c->fits : v == CODING_MISFIT ? &c->misfit : &c->borderline;
}

int coding_review_count_code(struct store *st, const char *reviewer, const char *coder,
                             const struct corpus_doc_filter *docs, int64_t code_id,
                             struct coding_review_count *out, struct coding_review_count *all,
                             struct anker_err *err)
{
	struct coding_review_count everyone;
	bool *keep = NULL;
	int64_t max = -1, rid;
	int known;
	if (!all)
		all = &everyone;
	memset(out, 0, sizeof *out);
	memset(all, 0, sizeof *all);
	out->code_id = all->code_id = code_id;
	if (store_read_begin(st, err))
		return err->status;
	/* An unknown reviewer judged nothing: said, every count still made. */
	int rc = reviewer_of(st, reviewer, &rid, &known, err) ||
	         (docs && corpus_docs_kept(st, docs, &keep, &max, err)) ||
	         segments_add(st, code_id, coder, NULL, keep, max, out, err) ||
	         tally_add(st, code_id, rid, coder, NULL, keep, max, out, err) ||
	         tally_add(st, code_id, 0, coder, NULL, keep, max, all, err);
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
