/* bench/suggest_eval.c — suggestions evaluated by leaving one document
 * out (issue 17), for `make bench` (bench/suggest.sh).
 *
 *   bench-suggest-eval PROJECT
 *
 * For each document with coded segments: profiles built without it
 * (anchor_model_load with exclude_doc: its segments, and anchor examples
 * cited from it, left out), then for each of its segments the codes
 * ranked for the segment's text.  A segment is a hit at k when its own
 * code is among the first k.  Beside anker's ranking, two baselines:
 * always the codes with the most segments (in the same profiles), and the
 * profiles of definitions and anchor examples alone.  Prints one line per
 * ranking: segments, hits at 1, 3, 5 (as shares), and what chance would
 * give at 1 (1 / codes).
 *
 *   bench-suggest-eval --time PROJECT COPY DOC A-B FREE CODE RUNS
 *
 * In-process times (no process start, no open, no close; in ms): RUNS
 * times in turn, codes for paragraphs A-B of DOC from the model kept in
 * PROJECT and computed per call (--no-model); then a coding of the next
 * answer (paragraphs 6, 8, ...) of document FREE with CODE in PROJECT,
 * where the model is kept current, and in COPY, which has no model.  Wall
 * and CPU time each, min/median/max.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../anchor/anchor.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

enum { SUGGEST, FREQUENT, CODEBOOK, NRANK };
static const char *const names[NRANK] = { "anker suggest (BM25 profiles)",
                                          "baseline: most frequent codes",
                                          "baseline: codebook text alone" };

struct tally {
	size_t n, hit[3];
};

static void count(struct tally *t, const int64_t *ids, size_t n, int64_t truth)
{
	static const size_t at[3] = { 1, 3, 5 };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < n && i < at[k]; i++)
			if (ids[i] == truth) {
				t->hit[k]++;
				break;
			}
}

static void ids_of(const struct anchor_suggestion *v, size_t n, int64_t *ids)
{
	for (size_t i = 0; i < n && i < 5; i++)
		ids[i] = v[i].code_id;
}

static void rank(struct anchor_model *m, const struct coding_segment *s,
                 const struct anchor_suggest_opts *o, struct tally *t)
{
	struct anchor_suggestion *v;
	size_t n;
	int64_t ids[5] = { 0 };
	anchor_model_rank(m, s->doc_id, s->text, strlen(s->text), s->start, s->end, s->para_first,
	                  s->para_last, o, &v, &n);
	ids_of(v, n, ids);
	count(t, ids, n < 5 ? n : 5, s->code_id);
	anchor_suggestions_free(v, n);
}

static int leave_out(struct store *st, const struct corpus_doc *d, struct tally *t,
                     struct anker_err *err)
{
	struct coding_filter f = { .doc = d->guid, .min_weight = -1, .with_text = true };
	struct coding_segment *segs;
	size_t nsegs;
	if (coding_segments_list(st, &f, &segs, &nsegs, err))
		return err->status;
	struct anchor_suggest_opts o = { .exclude_doc = d->guid, .limit = 5 };
	struct anchor_suggest_opts ocb = o;
	ocb.codebook_only = true;
	struct anchor_model *m = NULL, *mcb = NULL;
	int rc = nsegs ? anchor_model_load(st, &o, &m, err) : ANKER_OK;
	if (!rc && nsegs)
		rc = anchor_model_load(st, &ocb, &mcb, err);
	int64_t *freq = NULL;
	size_t nfreq = 0;
	if (!rc && nsegs)
		anchor_model_frequent(m, &freq, &nfreq);
	for (size_t i = 0; !rc && i < nsegs; i++) {
		for (int r = 0; r < NRANK; r++)
			t[r].n++;
		rank(m, &segs[i], &o, &t[SUGGEST]);
		rank(mcb, &segs[i], &ocb, &t[CODEBOOK]);
		count(&t[FREQUENT], freq, nfreq < 5 ? nfreq : 5, segs[i].code_id);
	}
	free(freq);
	anchor_model_free(m);
	anchor_model_free(mcb);
	coding_segments_free(segs, nsegs);
	return rc;
}

static double now(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

static void report(const char *label, double *wall, double *cpu, size_t n)
{
	qsort(wall, n, sizeof *wall, cmp_double);
	qsort(cpu, n, sizeof *cpu, cmp_double);
	printf("   %-38s min %.2f, median %.2f, max %.2f ms   CPU median %.2f ms\n", label, wall[0],
	       wall[(n - 1) / 2], wall[n - 1], cpu[(n - 1) / 2]);
}

/* One timed call: its wall and CPU milliseconds into w[i], c[i]. */
#define TIMED(w, c, i, call)                                                     \
	do {                                                                     \
		double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID); \
		rc = (call);                                                     \
		(c)[i] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;                      \
		(w)[i] = now(CLOCK_MONOTONIC) - w0;                               \
	} while (0)

/* Wall and CPU milliseconds of two alternating sides, runs each. */
struct sides {
	double *w[2], *c[2];
	size_t runs;
};

static void sides_new(struct sides *t, size_t runs)
{
	t->runs = runs;
	for (int k = 0; k < 2; k++) {
		t->w[k] = calloc(runs, sizeof *t->w[k]);
		t->c[k] = calloc(runs, sizeof *t->c[k]);
	}
}

static void sides_report(struct sides *t, const char *a, const char *b)
{
	report(a, t->w[0], t->c[0], t->runs);
	report(b, t->w[1], t->c[1], t->runs);
	for (int k = 0; k < 2; k++) {
		free(t->w[k]);
		free(t->c[k]);
	}
}

static int time_suggest(struct store *st, const struct anchor_passage *p, size_t runs,
                        struct anker_err *err)
{
	struct sides t;
	int rc = 0;
	sides_new(&t, runs);
	for (size_t i = 0; !rc && i < runs; i++)
		for (int k = 0; !rc && k < 2; k++) {
			struct anchor_suggest_opts o = { .limit = 10, .per_call = k == 1 };
			struct anchor_suggestion *v = NULL;
			size_t n = 0;
			TIMED(t.w[k], t.c[k], i, anchor_suggest_codes(st, p, &o, &v, &n, err));
			anchor_suggestions_free(v, n);
		}
	sides_report(&t, "suggest --doc (the model)", "  --no-model (per call, baseline)");
	return rc;
}

static int time_coding(struct store *st[2], const char *doc, const char *code, size_t runs,
                       struct anker_err *err)
{
	struct sides t;
	int rc = 0;
	sides_new(&t, runs);
	for (size_t i = 0; !rc && i < runs; i++)
		for (int k = 0; !rc && k < 2; k++) {
			struct coding_mark m = { .doc = doc, .code = code, .lines = true,
			                         .first = 6 + 2 * i, .last = 6 + 2 * i };
			char guid[37];
			TIMED(t.w[k], t.c[k], i, coding_mark(st[k], &m, guid, err));
		}
	sides_report(&t, "a coding (the model kept current)", "  a coding (no model, baseline)");
	return rc;
}

static int time_main(char **argv)
{
	struct store *st[2] = { NULL, NULL };
	struct anker_err err = { 0 };
	struct anchor_passage p = { .doc = argv[3], .lines = true };
	size_t runs = strtoul(argv[7], NULL, 10);
	if (sscanf(argv[4], "%zu-%zu", &p.first, &p.last) != 2 || !runs) {
		fprintf(stderr, "bench-suggest-eval: --time: A-B and RUNS, please\n");
		return 2;
	}
	store_set_commit_hook(anchor_model_sync);
	int rc = store_open(argv[1], STORE_OPEN_EXISTING, &st[0], &err);
	if (!rc)
		rc = store_open(argv[2], STORE_OPEN_EXISTING, &st[1], &err);
	if (!rc)
		rc = time_suggest(st[0], &p, runs, &err);
	if (!rc)
		rc = time_coding(st, argv[5], argv[6], runs, &err);
	if (rc)
		fprintf(stderr, "bench-suggest-eval: %s\n", err.msg);
	for (int k = 0; k < 2; k++)
		if (st[k])
			store_close(st[k]);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 9 && strcmp(argv[1], "--time") == 0)
		return time_main(argv + 1);
	struct store *st;
	struct anker_err err = { 0 };
	struct corpus_doc *docs;
	size_t ndocs, ncodes = 0;
	struct tally t[NRANK] = { 0 };
	if (argc != 2) {
		fprintf(stderr, "usage: bench-suggest-eval PROJECT\n");
		return 2;
	}
	if (store_open(argv[1], STORE_OPEN_READONLY, &st, &err) ||
	    corpus_docs_list(st, &docs, &ndocs, &err)) {
		fprintf(stderr, "bench-suggest-eval: %s\n", err.msg);
		return 1;
	}
	int rc = 0;
	for (size_t d = 0; !rc && d < ndocs; d++)
		rc = leave_out(st, &docs[d], t, &err);
	if (!rc) {
		struct anchor_model *m;
		struct anchor_suggest_opts o = { .codebook_only = true };
		if (!(rc = anchor_model_load(st, &o, &m, &err))) {
			int64_t *ids;
			anchor_model_frequent(m, &ids, &ncodes);
			free(ids);
			anchor_model_free(m);
		}
	}
	if (rc) {
		fprintf(stderr, "bench-suggest-eval: %s\n", err.msg);
		return 1;
	}
	for (int r = 0; r < NRANK; r++) {
		double n = t[r].n ? (double)t[r].n : 1;
		printf("   %-32s %5zu segments   hit@1 %.2f   hit@3 %.2f   hit@5 %.2f\n", names[r],
		       t[r].n, t[r].hit[0] / n, t[r].hit[1] / n, t[r].hit[2] / n);
	}
	printf("   (chance at 1: %.3f, %zu codes; %zu documents left out in turn)\n",
	       ncodes ? 1.0 / (double)ncodes : 0.0, ncodes, ndocs);
	corpus_docs_free(docs, ndocs);
	store_close(st);
	return 0;
}
