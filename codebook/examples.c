/* codebook/examples.c — coded examples for the Markdown appendix: the N
 * segments shown beside a code's anchor examples, chosen as a supervisor
 * would sign them (reviewed as fitting first, then unreviewed, borderline
 * only when asked, never a misfit), then deterministically (highest weight
 * first, then document order). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "../corpus/corpus.h"

/* The standing of a passage, in the order examples are picked. */
enum example_class { EX_FITS, EX_UNREVIEWED, EX_BORDERLINE, EX_MISFIT };

struct example_row {
	int64_t doc_id, id;
	char *doc, *group;
	size_t start, end;
	int weight;
	enum example_class cls;
};

static int example_cmp(const void *a, const void *b)
{
	const struct example_row *x = a, *y = b;
	int c;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if ((c = anker_numcmp(x->group, y->group)) || (c = anker_numcmp(x->doc, y->doc)))
		return c;
	if (x->doc_id != y->doc_id)
		return x->doc_id < y->doc_id ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* One row per segment of the code with its passage's standing.  Each
 * reviewer's latest verdict counts, the worst of them wins (one misfit
 * keeps a passage out whatever others said), and a passage is what its
 * range is: two coders' segments of the same range share verdicts and
 * promotion, so a passage judged misfit or already an anchor example does
 * not come back through the other coder's segment. */
#define EXAMPLES_SQL                                                                        \
	"WITH seg AS (SELECT s.*, IFNULL((SELECT MAX(CASE r.verdict WHEN 'fits' THEN 1 "        \
	"WHEN 'borderline' THEN 2 WHEN 'misfit' THEN 3 END) FROM review r "                    \
	"WHERE r.segment_id = s.id AND r.id = (SELECT MAX(r2.id) FROM review r2 "               \
	"WHERE r2.segment_id = s.id AND r2.reviewer_id = r.reviewer_id)), 0) AS verdict, "     \
	"s.guid IN (SELECT segment_guid FROM anchor WHERE code_id = :id AND "                  \
	"segment_guid IS NOT NULL) AS promoted FROM segment s WHERE s.code_id = :id) "         \
	"SELECT * FROM (SELECT s.doc_id, s.id, d.name, d.grp, s.start, s.\"end\", s.weight, "   \
	"MAX(s.verdict) OVER w, MAX(s.promoted) OVER w AS promoted FROM seg s "                \
	"JOIN document d ON d.id = s.doc_id "                                                  \
	"WINDOW w AS (PARTITION BY s.doc_id, s.start, s.\"end\")) WHERE promoted = 0"

static enum example_class example_class(int64_t verdict)
{
	switch (verdict) {
	case 1: return EX_FITS;
	case 2: return EX_BORDERLINE;
	case 3: return EX_MISFIT;
	default: return EX_UNREVIEWED;
	}
}

static int example_rows(struct store *st, int64_t code_id, unsigned flags,
                        struct example_row **out, size_t *n, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, EXAMPLES_SQL, &s, err) || store_bind_int(s, ":id", code_id, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		enum example_class cls = example_class(store_col_int(s, 7));
		if (cls == EX_MISFIT || (cls == EX_BORDERLINE && !(flags & CODEBOOK_EX_BORDERLINE)))
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct example_row *r = &(*out)[(*n)++];
		r->doc_id = store_col_int(s, 0);
		r->id = store_col_int(s, 1);
		r->doc = xstrdup(store_col_text(s, 2));
		r->group = xstrdup(store_col_text(s, 3));
		r->start = (size_t)store_col_int(s, 4);
		r->end = (size_t)store_col_int(s, 5);
		r->weight = (int)store_col_int(s, 6);
		r->cls = cls;
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Text and citation of each pick: each document's text is read once,
 * however many picks it has. */
static int examples_fill(struct store *st, const struct example_row *rows, const size_t *pick,
                         size_t npick, struct codebook_example *ex, struct anker_err *err)
{
	struct corpus_span *sp = xcalloc(npick + 1, sizeof *sp);
	size_t *of = xcalloc(npick + 1, sizeof *of), nsp, k, m;
	int rc = ANKER_OK;
	for (k = 0; !rc && k < npick; k++) {
		const struct example_row *r = &rows[pick[k]];
		if (ex[k].text)
			continue;
		for (m = k, nsp = 0; m < npick; m++)
			if (rows[pick[m]].doc_id == r->doc_id) {
				sp[nsp] = (struct corpus_span){ .start = rows[pick[m]].start,
				                                .end = rows[pick[m]].end };
				of[nsp++] = m;
			}
		rc = corpus_doc_spans(st, r->doc_id, sp, nsp, true, err);
		for (m = 0; !rc && m < nsp; m++) {
			struct strbuf cite = {0};
			corpus_citation(&cite, r->doc, sp[m].para_first, sp[m].para_last);
			ex[of[m]].citation = sb_steal(&cite);
			ex[of[m]].text = sp[m].text;
		}
	}
	free(sp);
	free(of);
	return rc;
}

int codebook_examples(struct store *st, int64_t code_id, size_t max, unsigned flags,
                      struct codebook_example **out, size_t *n, struct anker_err *err)
{
	struct example_row *rows;
	size_t nrows, k, m;
	*out = NULL;
	*n = 0;
	if (max == 0)
		return ANKER_OK;
	int rc = example_rows(st, code_id, flags, &rows, &nrows, err);
	if (!rc && nrows > 1)
		qsort(rows, nrows, sizeof *rows, example_cmp);
	/* The picks: at most max, one per range (two coders, one passage). */
	size_t *pick = xcalloc(nrows ? nrows : 1, sizeof *pick), npick = 0;
	for (k = 0; !rc && k < nrows && npick < max; k++) {
		for (m = 0; m < npick; m++)
			if (rows[pick[m]].doc_id == rows[k].doc_id && rows[pick[m]].start == rows[k].start &&
			    rows[pick[m]].end == rows[k].end)
				break;
		if (m == npick)
			pick[npick++] = k;
	}
	struct codebook_example *ex = xcalloc(npick ? npick : 1, sizeof *ex);
	if (!rc)
		rc = examples_fill(st, rows, pick, npick, ex, err);
	for (k = 0; k < nrows; k++) {
		free(rows[k].doc);
		free(rows[k].group);
	}
	free(rows);
	free(pick);
	if (rc) {
		for (k = 0; k < npick; k++) {
			free(ex[k].text);
			free(ex[k].citation);
		}
		free(ex);
		return rc;
	}
	*out = npick ? ex : NULL;
	*n = npick;
	if (!npick)
		free(ex);
	return ANKER_OK;
}
