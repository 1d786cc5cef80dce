/* coding/review.c — quotations, supervisor reviews and anchor examples.
 *
 * A supervisor reads the segments of a code beside its definition and
 * anchor examples, gives each a verdict (fits, misfit, borderline), and
 * promotes a good one to an anchor example.  Verdicts are never
 * overwritten: a later verdict of the same reviewer supersedes the earlier
 * one in lists, and the history stays for the audit trail.  The counts
 * per code are in coding/review_counts.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "review_int.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

/* ---------------------------------------------------------------------- */
/* Quotations */

void coding_quote_free(struct coding_quote *q)
{
	if (!q)
		return;
	free(q->doc);
	free(q->citation);
	free(q->text);
	memset(q, 0, sizeof *q);
}

int coding_quote_get(struct store *st, const char *key, struct coding_quote *out,
                     struct anker_err *err)
{
	struct store_stmt *s;
	memset(out, 0, sizeof *out);
	if (coding_segment_id(st, key, &out->segment_id, out->guid, err))
		return err->status;
	if (store_prepare(st, "SELECT s.doc_id, s.code_id, s.start, s.\"end\", d.name "
	                      "FROM segment s JOIN document d ON d.id = s.doc_id "
	                      "WHERE s.id = :id", &s, err) ||
	    store_bind_int(s, ":id", out->segment_id, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	if (rc == 1) {
		out->doc_id = store_col_int(s, 0);
		out->code_id = store_col_int(s, 1);
		out->start = (size_t)store_col_int(s, 2);
		out->end = (size_t)store_col_int(s, 3);
		out->doc = xstrdup(store_col_text(s, 4));
	}
	store_done(s);
	if (rc != 1)
		return rc < 0 ? ANKER_DB : anker_err_set(err, ANKER_DB, "segment %s vanished", out->guid);
	struct corpus_span sp = { .start = out->start, .end = out->end };
	if (corpus_doc_spans(st, out->doc_id, &sp, 1, true, err)) {
		coding_quote_free(out);
		return err->status;
	}
	out->text = sp.text;
	out->para_first = sp.para_first;
	out->para_last = sp.para_last;
	struct strbuf cite = {0};
	corpus_citation(&cite, out->doc, out->para_first, out->para_last);
	out->citation = sb_steal(&cite);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Logged changes: capture the row, change it, capture it again. */

static int log_update(struct store *st, const char *action, const char *entity,
                      const char *guid, const struct strbuf *before, struct anker_err *err)
{
	struct strbuf after = {0};
	int rc = store_row_json(st, entity, guid, &after, err);
	if (!rc)
		rc = store_log(st, action, entity, guid, sb_str(before), sb_str(&after), err);
	sb_free(&after);
	return rc;
}

static int fail_rollback(struct store *st, struct strbuf *before, struct anker_err *err)
{
	store_rollback(st);
	sb_free(before);
	return err->status ? err->status : ANKER_DB;
}

/* ---------------------------------------------------------------------- */
/* Reviews */

static const char *const verdict_names[] = { "fits", "misfit", "borderline" };

int coding_verdict_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, verdict_names[i]) == 0)
			return i;
	if (strcmp(name, "does-not-fit") == 0)
		return CODING_MISFIT;
	return -1;
}

const char *coding_verdict_name(enum coding_verdict v)
{
	return (unsigned)v < 3 ? verdict_names[v] : "?";
}

int coding_review_add(struct store *st, const char *segment, enum coding_verdict v,
                      const char *comment, const char *reviewer, struct anker_err *err)
{
	struct strbuf before = {0};
	int64_t seg_id, reviewer_id;
	char guid[37], now[32];
	if ((unsigned)v >= 3)
		return anker_err_set(err, ANKER_INPUT, "unknown verdict (use fits, misfit or borderline)");
	if (corpus_utf8_check("comment", comment, err))
		return err->status;
	if (!reviewer)
		reviewer = store_default_coder();
	store_set_actor(st, reviewer);
	if (store_begin(st, err))
		return err->status;
	if (coding_segment_id(st, segment, &seg_id, guid, err) ||
	    store_coder_id(st, reviewer, &reviewer_id, err) ||
	    store_row_json(st, "segment", guid, &before, err))
		return fail_rollback(st, &before, err);
	store_now(now);
	if (store_run(st, err, "INSERT INTO review(segment_id, verdict, comment, reviewer_id, "
	                       "created) VALUES (:seg, :verdict, :comment, :reviewer, :now)",
	              STORE_INT(":seg", seg_id), STORE_TEXT(":verdict", verdict_names[v]),
	              STORE_TEXT(":comment", comment ? comment : ""),
	              STORE_INT(":reviewer", reviewer_id), STORE_TEXT(":now", now)))
		return fail_rollback(st, &before, err);
	if (log_update(st, "review", "segment", guid, &before, err))
		return fail_rollback(st, &before, err);
	sb_free(&before);
	return store_commit(st, err);
}

static void review_free(struct coding_review *r)
{
	free(r->doc);
	free(r->code);
	free(r->coder);
	free(r->verdict);
	free(r->comment);
	free(r->reviewer);
	free(r->time);
	free(r->text);
}

void coding_reviews_free(struct coding_review *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		review_free(&v[i]);
	free(v);
}

/* The ids of a code and, with subcodes, its descendants, as a JSON array
 * for json_each: one statement whatever the number of codes. */
static int code_ids(struct store *st, const char *key, bool subcodes, struct strbuf *ids,
                    struct anker_err *err)
{
	struct codebook cb;
	if (codebook_load(st, 0, &cb, err))
		return err->status;
	int at = codebook_find(&cb, key, err);
	if (at < 0) {
		codebook_free(&cb);
		return err->status;
	}
	sb_addc(ids, '[');
	for (size_t j = 0, n = 0; j < cb.ncodes; j++) {
		int p = (int)j;
		while (p >= 0 && p != at && subcodes)
			p = cb.codes[p].parent;
		if (p == at)
			sb_addf(ids, "%s%lld", n++ ? "," : "", (long long)cb.codes[j].id);
	}
	sb_addc(ids, ']');
	codebook_free(&cb);
	return ANKER_OK;
}

int coding_coder_known(struct store *st, const char **name, struct strbuf *canon,
                       struct anker_err *err)
{
	int64_t id;
	if (!*name)
		return ANKER_OK;
	if (coding_coder_find(st, *name, &id, canon, err))
		return err->status;
	*name = sb_str(canon);
	return ANKER_OK;
}

struct review_row {
	struct coding_review r;
	int64_t doc_id, code_id;
	char *grp, *number;
};

static int cmp_review_rows(const void *a, const void *b)
{
	const struct review_row *x = a, *y = b;
	int c = anker_numcmp(x->grp, y->grp);
	if (!c)
		c = anker_numcmp(x->r.doc, y->r.doc);
	if (!c && x->doc_id != y->doc_id)
		c = x->doc_id < y->doc_id ? -1 : 1;
	if (!c && x->r.start != y->r.start)
		c = x->r.start < y->r.start ? -1 : 1;
	if (!c && x->r.end != y->r.end)
		c = x->r.end < y->r.end ? -1 : 1;
	if (!c)
		c = anker_numcmp(x->number, y->number);
	if (!c)
		c = strcmp(x->r.segment, y->r.segment);
	if (!c && x->r.id != y->r.id)
		c = x->r.id < y->r.id ? -1 : 1;
	return c;
}

/* A code's verdicts: from the code's segments (its index, then each
 * one's verdicts) when it has fewer segments than the project has
 * verdicts, else from the verdicts (500K verdicts, a code's 2,500 of
 * 5,000 segments: 141 ms read from the verdicts, 3 ms from the segments;
 * no verdicts, 50K segments: 1 ms, 12 ms).  The order is reviews_finish's. */
#define REVIEW_COLS                                                                        \
	"SELECT r.id, s.guid, s.doc_id, d.name, d.grp, s.start, s.\"end\", s.code_id, c.number, " \
	"c.name, k.name, r.verdict, r.comment, v.name, r.created, "                          \
	"r.id = (SELECT MAX(r2.id) FROM review r2 WHERE r2.segment_id = r.segment_id "       \
	"AND r2.reviewer_id = r.reviewer_id) "
#define REVIEW_JOINS                                                                       \
	"JOIN document d ON d.id = s.doc_id JOIN code c ON c.id = s.code_id "                \
	"JOIN coder k ON k.id = s.coder_id JOIN coder v ON v.id = r.reviewer_id "            \
	"WHERE (:seg IS NULL OR s.id = :seg) AND (:verdict IS NULL OR r.verdict = :verdict) " \
	"AND (:reviewer IS NULL OR v.name = :reviewer) "                                    \
	"AND (:codes IS NULL OR s.code_id IN (SELECT value FROM json_each(:codes)))"
#define REVIEW_SQL                                                                         \
	REVIEW_COLS "FROM review r JOIN segment s ON s.id = r.segment_id " REVIEW_JOINS
#define REVIEW_SQL_SEGMENTS                                                                \
	REVIEW_COLS "FROM segment s CROSS JOIN review r ON r.segment_id = s.id " REVIEW_JOINS \
	" AND s.code_id IN (SELECT value FROM json_each(:codes))"
/* One segment's: by its id, not a scan of every verdict (the OR above
 * uses no index; the review view asks this for each card it shows). */
#define REVIEW_SQL_SEGMENT                                                                 \
	REVIEW_COLS "FROM segment s CROSS JOIN review r ON r.segment_id = s.id " REVIEW_JOINS \
	" AND s.id = :seg"

/* Whether the codes' segments are fewer than the project's verdicts
 * (max(id): the verdicts at most, without counting them). */
static int segments_first(struct store *st, const char *codes, bool *yes, struct anker_err *err)
{
	int64_t nrev = 0, nseg = 0;
	*yes = false;
	if (!codes)
		return ANKER_OK;
	if (store_get_int(st, &nrev, err, "SELECT ifnull(max(id), 0) FROM review") ||
	    store_get_int(st, &nseg, err, "SELECT ifnull(sum(n), 0) FROM code_segments WHERE "
	                  "code_id IN (SELECT value FROM json_each(:codes))", STORE_TEXT(":codes", codes)))
		return err->status;
	*yes = nseg < nrev;
	return ANKER_OK;
}

static void review_from_row(struct store_stmt *s, struct review_row *w)
{
	memset(w, 0, sizeof *w);
	w->r.id = store_col_int(s, 0);
	snprintf(w->r.segment, sizeof w->r.segment, "%s", store_col_text(s, 1));
	w->doc_id = store_col_int(s, 2);
	w->r.doc = xstrdup(store_col_text(s, 3));
	w->grp = xstrdup(store_col_text(s, 4));
	w->r.start = (size_t)store_col_int(s, 5);
	w->r.end = (size_t)store_col_int(s, 6);
	w->code_id = store_col_int(s, 7);
	w->number = xstrdup(store_col_text(s, 8));
	w->r.code = xstrdup(*w->number ? w->number : store_col_text(s, 9));
	w->r.coder = xstrdup(store_col_text(s, 10));
	w->r.verdict = xstrdup(store_col_text(s, 11));
	w->r.comment = xstrdup(store_col_text(s, 12));
	w->r.reviewer = xstrdup(store_col_text(s, 13));
	w->r.time = xstrdup(store_col_text(s, 14));
	w->r.latest = store_col_int(s, 15) != 0;
}

static void review_row_free(struct review_row *w)
{
	free(w->grp);
	free(w->number);
	review_free(&w->r);
}

static int reviews_query(struct store *st, const struct coding_review_filter *f,
                         int64_t seg_id, const char *codes, struct review_row **rows, size_t *n,
                         struct anker_err *err)
{
	struct store_stmt *s;
	bool segs;
	int rc;
	if (segments_first(st, codes, &segs, err) ||
	    store_prepare(st, seg_id ? REVIEW_SQL_SEGMENT : segs ? REVIEW_SQL_SEGMENTS : REVIEW_SQL,
	                  &s, err) ||
	    (seg_id ? store_bind_int(s, ":seg", seg_id, err) : store_bind_null(s, ":seg", err)) ||
	    (f->verdict >= 0
	     ? store_bind_text(s, ":verdict", coding_verdict_name((enum coding_verdict)f->verdict), err)
	     : store_bind_null(s, ":verdict", err)) ||
	    store_bind_text(s, ":reviewer", f->reviewer, err) ||
	    store_bind_text(s, ":codes", codes, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		struct review_row w;
		review_from_row(s, &w);
		if (!f->all && !w.r.latest) {
			review_row_free(&w);
			continue;
		}
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[(*n)++] = w;
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Sort in document order and quote each segment, one text per document
 * (brief: none). */
static int reviews_finish(struct store *st, struct review_row *rows, size_t n, bool brief,
                          struct coding_review **out, struct anker_err *err)
{
	if (n > 1)
		qsort(rows, n, sizeof *rows, cmp_review_rows);
	struct corpus_span *sp = xcalloc(n + 1, sizeof *sp);
	for (size_t i = 0; i < n; i++) {
		sp[i].start = rows[i].r.start;
		sp[i].end = rows[i].r.end;
	}
	for (size_t i = 0, j; !brief && i < n; i = j) {   /* a run of rows of one document */
		for (j = i + 1; j < n && rows[j].doc_id == rows[i].doc_id; j++)
			;
		if (corpus_doc_spans(st, rows[i].doc_id, sp + i, j - i, true, err)) {
			free(sp);
			return err->status;
		}
		for (size_t k = i; k < j; k++) {
			rows[k].r.text = sp[k].text;
			rows[k].r.para_first = sp[k].para_first;
			rows[k].r.para_last = sp[k].para_last;
		}
	}
	free(sp);
	*out = xcalloc(n ? n : 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = rows[i].r;
		free(rows[i].grp);
		free(rows[i].number);
	}
	return ANKER_OK;
}

int coding_reviews_list(struct store *st, const struct coding_review_filter *f,
                        struct coding_review **out, size_t *n, struct anker_err *err)
{
	struct strbuf codes = {0}, canon = {0};
	struct coding_review_filter g = *f;
	int64_t seg_id = 0;
	size_t nrows = 0;
	struct review_row *rows = NULL;
	char guid[37];
	int rc;
	*out = NULL;
	*n = 0;
	if (store_read_begin(st, err))
		return err->status;
	rc = coding_coder_known(st, &g.reviewer, &canon, err) ||
	     (f->code && code_ids(st, f->code, f->subcodes, &codes, err)) ||
	     (f->segment && coding_segment_id(st, f->segment, &seg_id, guid, err)) ||
	     reviews_query(st, &g, seg_id, f->code ? sb_str(&codes) : NULL, &rows, &nrows, err) ||
	     reviews_finish(st, rows, nrows, f->brief, out, err);
	store_read_end(st);
	sb_free(&codes);
	sb_free(&canon);
	if (rc) {
		for (size_t i = 0; i < nrows; i++)
			review_row_free(&rows[i]);
		free(rows);
		free(*out);
		*out = NULL;
		return err->status ? err->status : ANKER_DB;
	}
	free(rows);
	*n = nrows;
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Anchor examples */

void coding_anchors_free(struct coding_anchor *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].text);
		free(v[i].citation);
		free(v[i].segment);
	}
	free(v);
}

struct code_ref {
	int64_t id;
	char guid[37];
	char *label;            /* "2.9 Name" for messages */
};

static int code_resolve(struct store *st, const char *key, struct code_ref *out,
                        struct anker_err *err)
{
	struct codebook cb;
	if (codebook_load(st, 0, &cb, err))
		return err->status;
	int at = codebook_find(&cb, key, err);
	if (at >= 0) {
		const struct codebook_code *c = &cb.codes[at];
		struct strbuf label = {0};
		sb_addf(&label, "%s%s%s", c->number, *c->number ? " " : "", c->name);
		out->id = c->id;
		memcpy(out->guid, c->guid, sizeof out->guid);
		out->label = sb_steal(&label);
	}
	codebook_free(&cb);
	return at < 0 ? err->status : ANKER_OK;
}

/* An anchor example reads as a quote, as the codebook's own do: „…“ keeps
 * a passage over several paragraphs one example when the codebook is
 * exported as text and read back. */
static char *anchor_text(const char *text)
{
	const char *ws = " \t\r\n";
	size_t b = strspn(text, ws), e = strlen(text);
	while (e > b && strchr(ws, text[e - 1]))
		e--;
	if (e == b)
		return NULL;
	struct strbuf sb = {0};
	sb_adds(&sb, "\u201e");
	sb_add(&sb, text + b, e - b);
	sb_adds(&sb, "\u201c");
	return sb_steal(&sb);
}

static int anchor_promoted(struct store *st, int64_t code_id, const char *seg_guid,
                           struct anker_err *err)
{
	bool found;
	if (store_exists(st, &found, err, "SELECT 1 FROM anchor WHERE code_id = :code AND "
	                                  "segment_guid = :seg",
	                 STORE_INT(":code", code_id), STORE_TEXT(":seg", seg_guid)))
		return -1;
	return found;
}

/* The code's examples changed: so did the code. */
static int code_touch(struct store *st, int64_t code_id, struct anker_err *err)
{
	char now[32];
	store_now(now);
	if (store_run(st, err, "UPDATE code SET modified = :now WHERE id = :code",
	              STORE_TEXT(":now", now), STORE_INT(":code", code_id)))
		return ANKER_DB;
	return ANKER_OK;
}

static int anchor_insert(struct store *st, const struct code_ref *code,
                         const struct coding_quote *q, const char *text, struct anker_err *err)
{
	if (store_run(st, err, "INSERT INTO anchor(code_id, position, text, citation, segment_guid) "
	                       "VALUES (:code, (SELECT COALESCE(MAX(position), 0) + 1 FROM anchor "
	                       "WHERE code_id = :code), :text, :citation, :seg)",
	              STORE_INT(":code", code->id), STORE_TEXT(":text", text),
	              STORE_TEXT(":citation", q->citation), STORE_TEXT(":seg", q->guid)))
		return ANKER_DB;
	return code_touch(st, code->id, err);
}

static int anchor_count(struct store *st, int64_t code_id, size_t *n, struct anker_err *err)
{
	int64_t count = 0;
	if (store_get_int(st, &count, err, "SELECT COUNT(*) FROM anchor WHERE code_id = :code",
	                  STORE_INT(":code", code_id)))
		return ANKER_DB;
	*n = (size_t)count;
	return ANKER_OK;
}

/* Checks and the insert, inside the caller's transaction. */
static int anchor_add_tx(struct store *st, const struct code_ref *c, const struct coding_quote *q,
                         size_t *position, struct anker_err *err)
{
	struct strbuf before = {0};
	char *text = anchor_text(q->text);
	int rc = ANKER_OK;
	if (!text)
		rc = anker_err_set(err, ANKER_INPUT, "segment %s (%s) has no text to quote", q->guid,
		                   q->citation);
	int dup = rc ? 0 : anchor_promoted(st, c->id, q->guid, err);
	if (dup < 0)
		rc = ANKER_DB;
	else if (dup)
		rc = anker_err_set(err, ANKER_EXISTS, "segment %s (%s) is already an anchor example "
		                   "of %s", q->guid, q->citation, c->label);
	if (!rc)
		rc = store_row_json(st, "code", c->guid, &before, err);
	if (!rc)
		rc = anchor_insert(st, c, q, text, err);
	if (!rc)
		rc = log_update(st, "anchors add", "code", c->guid, &before, err);
	if (!rc)
		rc = anchor_count(st, c->id, position, err);
	sb_free(&before);
	free(text);
	return rc;
}

int coding_anchor_add(struct store *st, const char *code, const char *segment,
                      const char *actor, size_t *position, bool *other_code,
                      struct anker_err *err)
{
	struct code_ref c = {0};
	struct coding_quote q = {0};
	store_set_actor(st, actor);
	if (store_begin(st, err))
		return err->status;
	int rc = code_resolve(st, code, &c, err);
	if (!rc)
		rc = coding_quote_get(st, segment, &q, err);
	if (!rc)
		rc = anchor_add_tx(st, &c, &q, position, err);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	if (!rc)
		*other_code = q.code_id != c.id;
	coding_quote_free(&q);
	free(c.label);
	return rc;
}

int coding_anchors_list(struct store *st, const char *code, struct coding_anchor **out,
                        size_t *n, struct anker_err *err)
{
	struct code_ref c = {0};
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	if (code_resolve(st, code, &c, err))
		return err->status;
	free(c.label);
	if (store_prepare(st, "SELECT text, citation, segment_guid FROM anchor "
	                      "WHERE code_id = :code ORDER BY position, id", &s, err) ||
	    store_bind_int(s, ":code", c.id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct coding_anchor *a = &(*out)[(*n)++];
		a->position = *n;
		a->text = xstrdup(store_col_text(s, 0));
		a->citation = xstrdup(store_col_text(s, 1));
		a->segment = store_col_null(s, 2) ? NULL : xstrdup(store_col_text(s, 2));
	}
	store_done(s);
	if (rc < 0) {
		coding_anchors_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ANKER_DB;
	}
	return ANKER_OK;
}

/* The row id of the example at position (1-based, in list order). */
static int anchor_at(struct store *st, const struct code_ref *c, size_t position, int64_t *id,
                     struct anker_err *err)
{
	size_t n;
	if (anchor_count(st, c->id, &n, err))
		return ANKER_DB;
	if (position < 1 || position > n)
		return anker_err_set(err, ANKER_INPUT, "%s has %zu anchor example%s; there is no "
		                     "number %zu (see 'anker anchors list')", c->label, n,
		                     n == 1 ? "" : "s", position);
	/* Within the transaction the count was taken in, the row is there. */
	*id = 0;
	int rc = store_get_int(st, id, err, "SELECT id FROM anchor WHERE code_id = :code "
	                                    "ORDER BY position, id LIMIT 1 OFFSET :skip",
	                       STORE_INT(":code", c->id), STORE_INT(":skip", (int64_t)position - 1));
	return rc && rc != ANKER_NOTFOUND ? ANKER_DB : ANKER_OK;
}

/* What a change does to the example at a position. */
struct anchor_change {
	const char *action;      /* the log's: "anchors delete", "anchors move", "anchors edit" */
	size_t to;               /* move: its new position */
	const char *text;        /* edit: its new text */
};

/* Move row id to position to (1-based) among the code's examples: the
 * others are numbered 1, 2, … in their order, leaving to free for it. */
static int anchor_move_rows(struct store *st, const struct code_ref *c, int64_t id, size_t to,
                            struct anker_err *err)
{
	if (store_run(st, err, "UPDATE anchor SET position = (SELECT r.n + (r.n >= :to) FROM "
	                       "(SELECT id, ROW_NUMBER() OVER (ORDER BY position, id) AS n FROM anchor "
	                       "WHERE code_id = :code AND id != :id) r WHERE r.id = anchor.id) "
	                       "WHERE code_id = :code AND id != :id", STORE_INT(":to", (int64_t)to),
	              STORE_INT(":code", c->id), STORE_INT(":id", id)) ||
	    store_run(st, err, "UPDATE anchor SET position = :to WHERE id = :id",
	              STORE_INT(":to", (int64_t)to), STORE_INT(":id", id)))
		return ANKER_DB;
	return ANKER_OK;
}

static int anchor_change_tx(struct store *st, const struct code_ref *c, size_t position,
                            const struct anchor_change *ch, struct anker_err *err)
{
	struct strbuf before = {0};
	int64_t id = 0;
	size_t n = 0;
	int rc = anchor_at(st, c, position, &id, err);
	if (!rc && ch->to && anchor_count(st, c->id, &n, err))
		rc = ANKER_DB;
	if (!rc && ch->to && ch->to > n)
		rc = anker_err_set(err, ANKER_INPUT, "%s has %zu anchor example%s; it cannot move to "
		                   "number %zu", c->label, n, n == 1 ? "" : "s", ch->to);
	if (!rc)
		rc = store_row_json(st, "code", c->guid, &before, err);
	if (!rc && ch->to)
		rc = anchor_move_rows(st, c, id, ch->to, err);
	else if (!rc && ch->text && store_run(st, err, "UPDATE anchor SET text = :text WHERE id = :id",
	                                      STORE_TEXT(":text", ch->text), STORE_INT(":id", id)))
		rc = ANKER_DB;
	else if (!rc && !ch->text && store_run(st, err, "DELETE FROM anchor WHERE id = :id",
	                                       STORE_INT(":id", id)))
		rc = ANKER_DB;
	if (!rc)
		rc = code_touch(st, c->id, err);
	if (!rc)
		rc = log_update(st, ch->action, "code", c->guid, &before, err);
	sb_free(&before);
	return rc;
}

/* Delete, move or edit: one transaction, one undo step. */
static int anchor_change(struct store *st, const char *code, size_t position,
                         const struct anchor_change *ch, const char *actor, struct anker_err *err)
{
	struct code_ref c = {0};
	store_set_actor(st, actor);
	if (store_begin(st, err))
		return err->status;
	int rc = code_resolve(st, code, &c, err);
	if (!rc)
		rc = anchor_change_tx(st, &c, position, ch, err);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	free(c.label);
	return rc;
}

int coding_anchor_delete(struct store *st, const char *code, size_t position,
                         const char *actor, struct anker_err *err)
{
	struct anchor_change ch = { "anchors delete", 0, NULL };
	return anchor_change(st, code, position, &ch, actor, err);
}

int coding_anchor_move(struct store *st, const char *code, size_t position, size_t to,
                       const char *actor, struct anker_err *err)
{
	struct anchor_change ch = { "anchors move", to, NULL };
	if (to < 1)
		return anker_err_set(err, ANKER_INPUT, "anchor examples are numbered from 1");
	return anchor_change(st, code, position, &ch, actor, err);
}

int coding_anchor_edit(struct store *st, const char *code, size_t position, const char *text,
                       const char *actor, struct anker_err *err)
{
	struct anchor_change ch = { "anchors edit", 0, text };
	if (corpus_utf8_check("anchor example", text, err))
		return err->status;
	if (!text[strspn(text, " \t\n\r")])
		return anker_err_set(err, ANKER_INPUT, "an anchor example needs text");
	return anchor_change(st, code, position, &ch, actor, err);
}

int coding_anchor_cite(struct store *st, int64_t code_id, size_t position, const char *citation,
                       const char *segment, struct anker_err *err)
{
	/* by id: not the whole codebook loaded per example (anchors locate
	 * --link cites hundreds) */
	struct code_ref c = {.id = code_id};
	struct strbuf before = {0}, had = {0}, guid = {0}, label = {0};
	int64_t id = 0;
	int rc = store_get_text(st, &guid, err, "SELECT guid FROM code WHERE id = :id",
	                        STORE_INT(":id", code_id));
	if (!rc)
		rc = store_get_text(st, &label, err, "SELECT number || CASE WHEN number <> '' "
		                                     "THEN ' ' ELSE '' END || name FROM code "
		                                     "WHERE id = :id", STORE_INT(":id", code_id));
	if (rc == ANKER_NOTFOUND)
		rc = anker_err_set(err, ANKER_INPUT, "no code with id %lld", (long long)code_id);
	if (!rc) {
		snprintf(c.guid, sizeof c.guid, "%s", sb_str(&guid));
		c.label = sb_steal(&label);
		rc = anchor_at(st, &c, position, &id, err);
	}
	if (!rc)
		rc = store_get_text(st, &had, err, "SELECT citation || COALESCE(segment_guid, '') "
		                                   "FROM anchor WHERE id = :id", STORE_INT(":id", id));
	if (!rc && had.len)
		rc = anker_err_set(err, ANKER_EXISTS, "anchor example %zu of %s has a source already",
		                   position, c.label);
	if (!rc)
		rc = store_row_json(st, "code", c.guid, &before, err);
	if (!rc && store_run(st, err, "UPDATE anchor SET citation = :cite, segment_guid = :seg "
	                              "WHERE id = :id", STORE_TEXT(":cite", citation),
	                     STORE_TEXT(":seg", segment), STORE_INT(":id", id)))
		rc = ANKER_DB;
	if (!rc)
		rc = code_touch(st, c.id, err);
	if (!rc)
		rc = log_update(st, "anchors locate", "code", c.guid, &before, err);
	sb_free(&before);
	sb_free(&had);
	sb_free(&guid);
	sb_free(&label);
	free(c.label);
	return rc;
}
