/* coding/review_fix.c — what a supervisor does with a misfit where it is
 * found: move the segment to the code it belongs to.  (Removing one is
 * coding_unmark.)  Also who the supervisor is when no name is given, and
 * the newest verdicts and the memos of a list of segments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "../codebook/codebook.h"

const char *coding_reviewer_default(const char *coder)
{
	const char *r = getenv("ANKER_REVIEWER");
	if (r && *r)
		return r;
	return coder && *coder ? coder : store_default_coder();
}

/* Inside the transaction: the change and its log entry. */
static int recode_tx(struct store *st, const char *guid, int64_t seg_id, int64_t code_id,
                     struct anker_err *err)
{
	struct strbuf before = {0}, after = {0};
	char now[32];
	int rc = store_row_json(st, "segment", guid, &before, err);
	store_now(now);
	if (!rc && store_run(st, err, "UPDATE segment SET code_id = :code, modified = :now "
	                              "WHERE id = :id", STORE_INT(":code", code_id),
	                     STORE_TEXT(":now", now), STORE_INT(":id", seg_id)))
		rc = ANKER_DB;
	/* The verdicts judged the segment against its old code. */
	if (!rc && store_run(st, err, "DELETE FROM review WHERE segment_id = :id",
	                     STORE_INT(":id", seg_id)))
		rc = ANKER_DB;
	if (!rc)
		rc = store_row_json(st, "segment", guid, &after, err);
	if (!rc)
		rc = store_log(st, "segment recode", "segment", guid, sb_str(&before), sb_str(&after),
		               err);
	sb_free(&before);
	sb_free(&after);
	return rc;
}

int coding_segment_recode(struct store *st, const char *segment, const char *code,
                          const char *actor, struct anker_err *err)
{
	int64_t seg_id, code_id, old_code = 0;
	char guid[37];
	bool dup = false;
	store_set_actor(st, actor);
	if (store_begin(st, err))
		return err->status;
	int rc = coding_segment_id(st, segment, &seg_id, guid, err);
	if (!rc)
		rc = codebook_resolve(st, code, &code_id, err);
	if (!rc && store_get_int(st, &old_code, err, "SELECT code_id FROM segment WHERE id = :id",
	                         STORE_INT(":id", seg_id)))
		rc = ANKER_DB;
	if (!rc && old_code == code_id)
		rc = anker_err_set(err, ANKER_INPUT, "segment %s already has code %s", guid, code);
	if (!rc && store_exists(st, &dup, err, "SELECT 1 FROM segment s JOIN segment o ON "
	                        "o.doc_id = s.doc_id AND o.coder_id = s.coder_id AND o.start = "
	                        "s.start AND o.\"end\" = s.\"end\" WHERE s.id = :id AND "
	                        "o.code_id = :code", STORE_INT(":id", seg_id),
	                        STORE_INT(":code", code_id)))
		rc = ANKER_DB;
	if (!rc && dup)
		rc = anker_err_set(err, ANKER_EXISTS, "the coder of segment %s already coded the same "
		                   "passage with %s", guid, code);
	if (!rc)
		rc = recode_tx(st, guid, seg_id, code_id, err);
	if (rc) {
		store_rollback(st);
		return err->status ? (int)err->status : rc;
	}
	return store_commit(st, err);
}

struct seg_ref {
	int64_t id;
	size_t i;
};

static int ref_cmp(const void *a, const void *b)
{
	const struct seg_ref *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Each row of sql (segment_id first) that is on one of v[0..n), with
 * that segment's index: read once, in the statement's order.  Verdicts
 * and memos are given by hand and stay few beside the segments, so one
 * pass over them serves a document, a code or anything else alike. */
static int segs_scan(struct store *st, const struct coding_segment *v, size_t n, const char *sql,
                     void (*hit)(struct store_stmt *s, size_t i, void *arg), void *arg,
                     struct anker_err *err)
{
	struct seg_ref *ids = xcalloc(n + 1, sizeof *ids);
	struct store_stmt *s;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		ids[i].id = v[i].id;
		ids[i].i = i;
	}
	if (n)
		qsort(ids, n, sizeof *ids, ref_cmp);
	if (store_prepare(st, sql, &s, err)) {
		free(ids);
		return ANKER_DB;
	}
	while (n && (rc = store_step(s, err)) == 1) {
		struct seg_ref key = { .id = store_col_int(s, 0) };
		struct seg_ref *found = bsearch(&key, ids, n, sizeof *ids, ref_cmp);
		if (found)
			hit(s, found->i, arg);
	}
	store_done(s);
	free(ids);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static void verdict_hit(struct store_stmt *s, size_t i, void *arg)
{
	((int *)arg)[i] = coding_verdict_parse(store_col_text(s, 1));
}

/* Oldest first, so each segment ends with its newest verdict. */
int coding_verdicts_latest(struct store *st, const struct coding_segment *v, size_t n,
                           int *verdict, struct anker_err *err)
{
	for (size_t i = 0; i < n; i++)
		verdict[i] = -1;
	return segs_scan(st, v, n, "SELECT segment_id, verdict FROM review ORDER BY id",
	                 verdict_hit, verdict, err);
}

static void memo_hit(struct store_stmt *s, size_t i, void *arg)
{
	(void)s;
	((int *)arg)[i]++;
}

int coding_memos_count(struct store *st, const struct coding_segment *v, size_t n, int *memos,
                       struct anker_err *err)
{
	memset(memos, 0, n * sizeof *memos);
	return segs_scan(st, v, n, "SELECT segment_id FROM memo WHERE segment_id IS NOT NULL",
	                 memo_hit, memos, err);
}

int coding_review_add_each(struct store *st, char (*segments)[37], size_t n,
                           enum coding_verdict v, const char *comment, const char *reviewer,
                           struct anker_err *err)
{
	/* One outer transaction: its savepoints' log entries share one step. */
	store_set_actor(st, reviewer ? reviewer : store_default_coder());
	if (store_begin(st, err))
		return err->status;
	for (size_t i = 0; i < n; i++)
		if (coding_review_add(st, segments[i], v, comment, reviewer, err)) {
			store_rollback(st);
			return err->status;
		}
	return store_commit(st, err);
}

/* A candidate passage the supervisor finds exemplary is coded and made an
 * anchor example at once: undoing it must not leave a coded passage that
 * nobody chose to code on its own. */
int coding_mark_anchor(struct store *st, const struct coding_mark *m, char guid[37],
                       size_t *position, struct anker_err *err)
{
	bool other;
	store_set_actor(st, m->coder);
	if (store_begin(st, err))
		return err->status;
	int rc = coding_mark(st, m, guid, err);
	if (!rc)
		rc = coding_anchor_add(st, m->code, guid, m->coder, position, &other, err);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
