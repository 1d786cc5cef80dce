/* coding/pages.c — a long retrieval read a window at a time (issue 18).
 *
 * The TUI's lists of a code's segments show a screenful of a list that
 * can hold a million (R on a top-level code of 10M segments).  What the
 * list needs at once is only how many segments each document adds: from
 * the kept counts (code_doc) when they give the same answer, else counted
 * per document from an index.  A window is then read by document: the
 * segment_code_cover rows of each wanted code in that document, put in
 * the list's order in memory.  A document's rows are few (a list's share
 * of it), so the window costs a few small index ranges, whatever the
 * length of the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "retrieve_int.h"
#include "../corpus/corpus.h"

struct page_doc {
	struct ref ref;          /* id, name and group (the list's order) */
	size_t first, n;         /* its segments: first..first+n of the list */
	size_t pfirst, np;       /* its passages (coding_pages_passages) */
};

struct coding_pages {
	struct coding_filter f;  /* what the rows need of it (min_weight) */
	struct query q;          /* filters resolved once */
	struct page_doc *docs;   /* in the list's order */
	size_t ndocs, n;
	size_t np;               /* passages, once counted */
};

void coding_pages_free(struct coding_pages *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->ndocs; i++) {
		free(p->docs[i].ref.name);
		free(p->docs[i].ref.group);
	}
	free(p->docs);
	for (size_t i = 0; i < p->q.n; i++)
		coding_segment_free(&p->q.v[i].seg);
	coding_query_free(&p->q);
	free(p);
}

size_t coding_pages_count(const struct coding_pages *p)
{
	return p->n;
}

/* The kept counts answer when only code, document and the document
 * filters limit the list: they count every coder's segments of any
 * weight. */
static bool kept_counts(const struct coding_pages *p)
{
	return !p->q.coder_id && p->f.min_weight < 0;
}

/* Segments of code per document added into count[doc id] (ids up to max;
 * a document added since is left out: the next load counts it). */
static int count_code(struct store *st, struct coding_pages *p, int64_t code, int64_t *count,
                      int64_t max, struct anker_err *err)
{
	struct strbuf sql = { 0 };
	struct store_stmt *s;
	if (kept_counts(p)) {
		sb_adds(&sql, "SELECT doc_id, n FROM code_doc WHERE code_id = :code");
	} else {
		/* With a coder, segment_coder_code(coder_id, code_id, doc_id)
		 * counts without a table row; a weight needs the row. */
		sb_adds(&sql, "SELECT doc_id, COUNT(*) FROM segment WHERE code_id = :code");
		if (p->q.coder_id)
			sb_adds(&sql, " AND coder_id = :coder");
		if (p->f.min_weight >= 0)
			sb_adds(&sql, " AND weight >= :weight");
	}
	if (p->q.doc_id)
		sb_adds(&sql, " AND doc_id = :doc");
	if (!kept_counts(p))
		sb_adds(&sql, " GROUP BY doc_id");
	int rc = store_prepare(st, sb_str(&sql), &s, err) ||
	         store_bind_int(s, ":code", code, err) ||
	         (!kept_counts(p) && p->q.coder_id &&
	          store_bind_int(s, ":coder", p->q.coder_id, err)) ||
	         (!kept_counts(p) && p->f.min_weight >= 0 &&
	          store_bind_int(s, ":weight", p->f.min_weight, err)) ||
	         (p->q.doc_id && store_bind_int(s, ":doc", p->q.doc_id, err));
	sb_free(&sql);
	if (rc)
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		int64_t d = store_col_int(s, 0);
		if (d >= 0 && d <= max)
			count[d] += store_col_int(s, 1);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int cmp_page_docs(const void *a, const void *b)
{
	return coding_doc_order_cmp(&((const struct page_doc *)a)->ref,
	                            &((const struct page_doc *)b)->ref);
}

/* The documents with segments in the list, with their names, in the
 * list's order, and where each one's segments begin. */
static int place_docs(struct store *st, struct coding_pages *p, const int64_t *count,
                      int64_t max, const bool *keep, struct anker_err *err)
{
	struct store_stmt *s;
	int rc = 0;
	size_t m = 0;
	for (int64_t d = 0; d <= max; d++)
		m += count[d] > 0;
	p->docs = xcalloc(m + 1, sizeof *p->docs);
	if (store_prepare(st, "SELECT name, grp FROM document WHERE id = :id", &s, err))
		return ANKER_DB;
	for (int64_t d = 0; d <= max && !rc; d++) {
		if (count[d] <= 0 || (keep && !keep[d]) || !coding_query_var_keeps(&p->q, d))
			continue;
		store_done(s);   /* reset for the next document */
		if (store_bind_int(s, ":id", d, err) || (rc = store_step(s, err)) < 0)
			break;
		if (rc == 1) {
			struct page_doc *pd = &p->docs[p->ndocs++];
			pd->ref.id = d;
			pd->ref.name = xstrdup(store_col_text(s, 0));
			pd->ref.group = xstrdup(store_col_text(s, 1));
			pd->n = (size_t)count[d];
		}
		rc = 0;
	}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (p->ndocs)
		qsort(p->docs, p->ndocs, sizeof *p->docs, cmp_page_docs);
	for (size_t i = 0; i < p->ndocs; i++) {
		p->docs[i].first = p->n;
		p->n += p->docs[i].n;
	}
	return ANKER_OK;
}

static int pages_count(struct store *st, struct coding_pages *p, struct anker_err *err)
{
	int64_t max = 0;
	bool *keep = NULL;
	int rc;
	if (p->f.docs) {
		if ((rc = corpus_docs_kept(st, p->f.docs, &keep, &max, err)))
			return rc;
	} else if ((rc = store_get_int(st, &max, err, "SELECT COALESCE(MAX(id), 0) FROM document"))) {
		return rc;
	}
	int64_t *count = xcalloc((size_t)(max < 0 ? 0 : max) + 2, sizeof *count);
	for (size_t i = 0; i < p->q.nwant_codes && !rc; i++)
		rc = count_code(st, p, p->q.want_codes[i], count, max, err);
	if (!rc)
		rc = place_docs(st, p, count, max, keep, err);
	free(count);
	free(keep);
	return rc;
}

int coding_pages_open(struct store *st, const struct coding_filter *f, struct coding_pages **out,
                      struct anker_err *err)
{
	*out = NULL;
	if (!f->code)
		return anker_err_set(err, ANKER_INPUT, "internal: a paged list needs a code");
	struct coding_pages *p = xcalloc(1, sizeof *p);
	p->f = *f;
	p->q.f = &p->f;
	int rc = store_read_begin(st, err);
	if (rc) {
		coding_pages_free(p);
		return rc;
	}
	rc = coding_query_resolve(st, &p->q, err);
	if (!rc)
		rc = pages_count(st, p, err);
	store_read_end(st);
	/* Resolved: the caller's strings are not needed again. */
	p->f = (struct coding_filter){ .min_weight = f->min_weight };
	if (rc) {
		coding_pages_free(p);
		return rc;
	}
	*out = p;
	return ANKER_OK;
}

/* Document i's segments in p->q.v[0..q.n), in the list's order. */
static int doc_rows(struct store *st, struct coding_pages *p, size_t i, struct anker_err *err)
{
	struct query *q = &p->q;
	for (size_t j = 0; j < q->n; j++)
		coding_segment_free(&q->v[j].seg);
	q->n = 0;
	q->doc_id = p->docs[i].ref.id;
	int rc = 0;
	for (size_t j = 0; j < q->nwant_codes && !rc; j++)
		rc = coding_query_rows(st, q, q->want_codes[j], err);
	if (q->n)
		qsort(q->v, q->n, sizeof *q->v, coding_items_cmp);
	return rc;
}

/* The document holding position pos of the list, or (passage) passage
 * pos. */
static size_t doc_holding(const struct coding_pages *p, size_t pos, bool passage)
{
	size_t lo = 0, hi = p->ndocs;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if ((passage ? p->docs[mid].pfirst : p->docs[mid].first) <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The list's largest document id (its documents are not in id order). */
static int64_t max_doc_id(const struct coding_pages *p)
{
	int64_t max = 0;
	for (size_t i = 0; i < p->ndocs; i++)
		if (p->docs[i].ref.id > max)
			max = p->docs[i].ref.id;
	return max;
}

int coding_pages_read(struct store *st, struct coding_pages *p, size_t first, size_t n,
                      struct coding_segment *out, size_t *got, struct anker_err *err)
{
	*got = 0;
	if (first >= p->n || !n)
		return ANKER_OK;
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	size_t pos = first;
	for (size_t i = doc_holding(p, first, false); i < p->ndocs && *got < n && !rc; i++) {
		const struct page_doc *pd = &p->docs[i];
		if ((rc = doc_rows(st, p, i, err)))
			break;
		for (size_t k = pos - pd->first; k < p->q.n && *got < n; k++) {
			out[*got] = p->q.v[k].seg;
			out[*got].doc = xstrdup(pd->ref.name);
			memset(&p->q.v[k].seg, 0, sizeof p->q.v[k].seg);
			++*got;
			pos++;
		}
		/* The project changed since the count (the view reloads on
		 * that): what follows would be misplaced. */
		if (p->q.n != pd->n)
			break;
	}
	store_read_end(st);
	if (rc) {
		for (size_t k = 0; k < *got; k++)
			coding_segment_free(&out[k]);
		*got = 0;
	}
	return rc;
}

int coding_pages_find(struct store *st, struct coding_pages *p, int64_t doc_id, const char *guid,
                      size_t *pos, struct anker_err *err)
{
	size_t i;
	for (i = 0; i < p->ndocs && p->docs[i].ref.id != doc_id; i++)
		;
	if (i == p->ndocs)
		return ANKER_NOTFOUND;
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	rc = doc_rows(st, p, i, err);
	store_read_end(st);
	for (size_t k = 0; !rc && k < p->q.n; k++)
		if (strcmp(p->q.v[k].seg.guid, guid) == 0) {
			*pos = p->docs[i].first + k;
			return ANKER_OK;
		}
	return rc ? rc : ANKER_NOTFOUND;
}

/* ---------------------------------------------------------------------- */
/* Passages: the list's runs of segments of one document, start and end
 * (B's cards: identical passages of several coders). */

bool coding_same_passage(const struct coding_segment *a, const struct coding_segment *b)
{
	return a->doc_id == b->doc_id && a->start == b->start && a->end == b->end;
}

/* Row k of the document's rows (p->q.v, read by doc_rows) starts a
 * passage. */
static bool starts_passage(const struct coding_pages *p, size_t k)
{
	return !k || !coding_same_passage(&p->q.v[k].seg, &p->q.v[k - 1].seg);
}

/* Passages per document id into count[0..max]: the kept counts
 * (code_passages, schema 19) when every weight is listed, else one walk
 * of the code's positions in the index's order. */
static int count_passages(struct store *st, struct coding_pages *p, int64_t *count, int64_t max,
                          struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (kept_counts(p)) {
		if (store_prepare(st, "SELECT doc_id, n FROM code_passages WHERE code_id = :code", &s,
		                  err) || store_bind_int(s, ":code", p->q.want_codes[0], err))
			return ANKER_DB;
		while ((rc = store_step(s, err)) == 1) {
			int64_t d = store_col_int(s, 0);
			if (d >= 0 && d <= max)
				count[d] = store_col_int(s, 1);
		}
		store_done(s);
		return rc < 0 ? ANKER_DB : ANKER_OK;
	}
	if (store_prepare(st, "SELECT doc_id, start, \"end\" FROM segment WHERE code_id = :code "
	                  "AND weight >= :weight ORDER BY doc_id, start, \"end\"", &s, err) ||
	    store_bind_int(s, ":code", p->q.want_codes[0], err) ||
	    store_bind_int(s, ":weight", p->f.min_weight, err))
		return ANKER_DB;
	struct coding_segment at = { .doc_id = -1 }, prev;
	while ((rc = store_step(s, err)) == 1) {
		prev = at;
		at.doc_id = store_col_int(s, 0);
		at.start = (size_t)store_col_int(s, 1);
		at.end = (size_t)store_col_int(s, 2);
		if (!coding_same_passage(&at, &prev) && at.doc_id >= 0 && at.doc_id <= max)
			count[at.doc_id]++;
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int coding_pages_passages(struct store *st, struct coding_pages *p, struct anker_err *err)
{
	if (p->q.nwant_codes != 1)
		return anker_err_set(err, ANKER_INPUT, "internal: passages of one code only");
	int64_t max = max_doc_id(p);
	int64_t *count = NULL;
	int rc = 0;
	/* One coder's segments are each a passage of their own (a coder
	 * codes a passage once): nothing to count. */
	if (!p->q.coder_id) {
		count = xcalloc((size_t)max + 2, sizeof *count);
		if ((rc = store_read_begin(st, err)) == 0) {
			rc = count_passages(st, p, count, max, err);
			store_read_end(st);
		}
	}
	p->np = 0;
	for (size_t i = 0; i < p->ndocs && !rc; i++) {
		p->docs[i].pfirst = p->np;
		p->docs[i].np = count ? (size_t)count[p->docs[i].ref.id] : p->docs[i].n;
		p->np += p->docs[i].np;
	}
	free(count);
	return rc;
}

size_t coding_pages_passage_count(const struct coding_pages *p)
{
	return p->np;
}

int coding_pages_passage_start(struct store *st, struct coding_pages *p, size_t i, size_t *pos,
                               struct anker_err *err)
{
	*pos = p->n;
	if (i >= p->np)
		return ANKER_OK;
	size_t d = doc_holding(p, i, true), want = i - p->docs[d].pfirst, seen = 0;
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	rc = doc_rows(st, p, d, err);
	store_read_end(st);
	for (size_t k = 0; !rc && k < p->q.n; k++)
		if (starts_passage(p, k) && seen++ == want) {
			*pos = p->docs[d].first + k;
			break;
		}
	return rc;
}

int coding_pages_passage_of(struct store *st, struct coding_pages *p, size_t pos, size_t *i,
                            struct anker_err *err)
{
	*i = 0;
	if (pos >= p->n)
		return ANKER_NOTFOUND;
	size_t d = doc_holding(p, pos, false);
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	rc = doc_rows(st, p, d, err);
	store_read_end(st);
	size_t seen = 0;
	for (size_t k = 0; !rc && k < p->q.n && p->docs[d].first + k <= pos; k++)
		seen += starts_passage(p, k);
	*i = p->docs[d].pfirst + (seen ? seen - 1 : 0);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* What a reviewer has judged (B: the cursor goes to the next segment the
 * reviewer has not judged). */

#define JUDGED_SQL                                                                          \
	"SELECT EXISTS (SELECT 1 FROM review WHERE segment_id = "                             \
	"(SELECT id FROM segment WHERE guid = :guid) AND reviewer_id = :reviewer)"

/* judged[i]: reviewer (its id) has a verdict on v[i]. */
static int judged_of(struct store *st, int64_t reviewer, const struct coding_segment *v,
                     size_t n, bool *judged, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, JUDGED_SQL, &s, err))
		return ANKER_DB;
	for (size_t i = 0; i < n; i++) {
		if (store_bind_text(s, ":guid", v[i].guid, err) ||
		    store_bind_int(s, ":reviewer", reviewer, err) || store_step(s, err) != 1) {
			store_done(s);
			return ANKER_DB;
		}
		judged[i] = store_col_int(s, 0) != 0;
		store_done(s);
	}
	return ANKER_OK;
}

/* The reviewer's id; 0 when no coder has that name (judged nothing). */
static int reviewer_id(struct store *st, const char *reviewer, int64_t *id, struct anker_err *err)
{
	struct strbuf canon = { 0 };
	*id = 0;
	if (!reviewer)
		return ANKER_OK;
	int rc = coding_coder_find(st, reviewer, id, &canon, err);
	sb_free(&canon);
	if (rc == ANKER_NOTFOUND) {
		anker_err_clear(err);
		*id = 0;
		return ANKER_OK;
	}
	return rc;
}

int coding_pages_judged(struct store *st, const char *reviewer, const struct coding_segment *v,
                        size_t n, bool *judged, struct anker_err *err)
{
	int64_t id;
	memset(judged, 0, n * sizeof *judged);
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	rc = reviewer_id(st, reviewer, &id, err);
	if (!rc && id)
		rc = judged_of(st, id, v, n, judged, err);
	store_read_end(st);
	return rc;
}

/* Whether a document (:doc) has a segment of the list the reviewer has
 * not judged: asked document by document from the cursor's on, so that
 * the next one near is found at once, not after a walk of every segment
 * of the code (250 ms for 500k segments); a code judged through is
 * walked once either way, a document at a time. */
#define TODO_DOC_SQL                                                                        \
	"SELECT EXISTS (SELECT 1 FROM segment s WHERE s.code_id = :code AND s.doc_id = :doc " \
	"AND (:coder = 0 OR s.coder_id = :coder) AND s.weight >= :weight "                    \
	"AND NOT EXISTS (SELECT 1 FROM review r WHERE r.segment_id = s.id "                   \
	"AND r.reviewer_id = :reviewer))"

/* Document doc of the list has a segment left to judge (s: TODO_DOC_SQL
 * prepared; its bindings are cleared after each). */
static int doc_todo(struct store_stmt *s, const struct coding_pages *p, int64_t reviewer,
                    int64_t doc, bool *todo, struct anker_err *err)
{
	int rc = store_bind_int(s, ":code", p->q.want_codes[0], err) ||
	         store_bind_int(s, ":doc", doc, err) ||
	         store_bind_int(s, ":coder", p->q.coder_id, err) ||
	         store_bind_int(s, ":weight", p->f.min_weight, err) ||
	         store_bind_int(s, ":reviewer", reviewer, err) || store_step(s, err) != 1
	         ? ANKER_DB : ANKER_OK;
	*todo = !rc && store_col_int(s, 0) != 0;
	store_done(s);   /* reset, for the next document */
	return rc;
}

/* In document i (its rows read), the first row from k on (below end)
 * the reviewer has not judged; SIZE_MAX when none. */
static size_t doc_unjudged(struct store *st, struct coding_pages *p, int64_t reviewer, size_t k,
                           size_t end, int *rc, struct anker_err *err)
{
	bool judged;
	for (; k < end && k < p->q.n && !*rc; k++)
		if (!(*rc = judged_of(st, reviewer, &p->q.v[k].seg, 1, &judged, err)) && !judged)
			return k;
	return SIZE_MAX;
}

int coding_pages_unjudged(struct store *st, struct coding_pages *p, const char *reviewer,
                          size_t from, size_t *pos, struct anker_err *err)
{
	int64_t id;
	*pos = SIZE_MAX;
	if (!p->n)
		return ANKER_NOTFOUND;
	from %= p->n;
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if ((rc = reviewer_id(st, reviewer, &id, err)) || !id) {
		store_read_end(st);
		*pos = from;
		return rc;
	}
	struct store_stmt *s = NULL;
	if (p->q.nwant_codes != 1)
		rc = anker_err_set(err, ANKER_INPUT, "internal: passages of one code only");
	else if (store_prepare(st, TODO_DOC_SQL, &s, err))
		rc = ANKER_DB;
	/* From the document of from on, wrapping round to it again for the
	 * rows before from. */
	size_t d0 = doc_holding(p, from, false);
	for (size_t j = 0; j <= p->ndocs && !rc && *pos == SIZE_MAX; j++) {
		size_t d = (d0 + j) % p->ndocs;
		bool todo;
		if ((rc = doc_todo(s, p, id, p->docs[d].ref.id, &todo, err)) || !todo ||
		    (rc = doc_rows(st, p, d, err)))
			continue;
		size_t at = from - p->docs[d0].first;
		size_t k = doc_unjudged(st, p, id, j == 0 ? at : 0, j == p->ndocs ? at : SIZE_MAX, &rc,
		                        err);
		if (k != SIZE_MAX)
			*pos = p->docs[d].first + k;
	}
	if (s)
		store_done(s);
	store_read_end(st);
	return rc ? rc : *pos == SIZE_MAX ? ANKER_NOTFOUND : ANKER_OK;
}
