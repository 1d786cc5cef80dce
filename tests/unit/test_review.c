/* Unit tests for coding/review.c and coding/memo.c: quotations, reviews,
 * review counts, anchor examples, memos; their errors, logging and undo. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../codebook/codebook.h"
#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;

/* Umlauts and an emoji before the coded text: positions are code points. */
static const char doc_eins[] =
	"Kopf\n"
	"B: Grüße 😀 aus Köln. Die Schnittstelle fehlt.\n"
	"\n"
	"I: Und dann?\n";
static const char doc_zwei[] =
	"B: Viele Portale.\n"
	"B: Noch eins.\n";

static const char codebook_txt[] =
	"Codebuch\n\nCodesystem\n\n1 Portale\n1.1 Viele Portale\n2 Schnittstellen\n\n"
	"1 Portale\n\nCodedefinition: Alles zu Portalen\n\n"
	"Ankerbeispiel: „Wir haben drei Portale.“\n";

#define G1 "aaaa1111-0000-4000-8000-000000000001"   /* eins, 2, alice: "Die Schnittstelle fehlt." */
#define G2 "aaaa2222-0000-4000-8000-000000000002"   /* eins, 1.1, alice: paragraphs 2–4 */
#define G3 "bbbb3333-0000-4000-8000-000000000003"   /* zwei, 1, bob: "Viele Portale." */
#define G4 "cccc4444-0000-4000-8000-000000000004"   /* zwei, 1.1, bob: "Noch eins." */

static void import(const char *name, const char *text)
{
	unit_import_doc(st, name, text, strlen(text), NULL, NULL, NULL);
}

/* Code points from the start of text to needle, and needle's length. */
static void span(const char *text, const char *needle, size_t *start, size_t *end)
{
	const char *at = strstr(text, needle);
	cr_assert_not_null(at, "'%s' not in the test text", needle);
	*start = corpus_utf8_count(text, (size_t)(at - text));
	*end = *start + corpus_utf8_count(needle, strlen(needle));
}

static void add_segment(const char *guid, const char *doc, const char *code, const char *coder,
                        size_t start, size_t end)
{
	struct store_stmt *s;
	int64_t coder_id;
	cr_assert_eq(store_coder_id(st, coder, &coder_id, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_prepare(st, "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, "
	                               "\"end\", created, modified) VALUES (:guid, (SELECT id FROM "
	                               "document WHERE name = :doc), (SELECT id FROM code WHERE "
	                               "number = :code), :coder, :start, :end, :t, :t)", &s, &err),
	             ANKER_OK, "%s", err.msg);
	store_bind_text(s, ":guid", guid, &err);
	store_bind_text(s, ":doc", doc, &err);
	store_bind_text(s, ":code", code, &err);
	store_bind_int(s, ":coder", coder_id, &err);
	store_bind_int(s, ":start", (int64_t)start, &err);
	store_bind_int(s, ":end", (int64_t)end, &err);
	store_bind_text(s, ":t", "2026-01-01T00:00:00Z", &err);
	cr_assert_eq(store_step(s, &err), 0, "insert segment %s: %s", guid, err.msg);
	store_done(s);
}

static void open_project(void)
{
	size_t a, b;
	st = unit_project_open();
	import("eins", doc_eins);
	import("zwei", doc_zwei);
	unit_import_codebook(st, codebook_txt, sizeof codebook_txt - 1, NULL);
	span(doc_eins, "Die Schnittstelle fehlt.", &a, &b);
	add_segment(G1, "eins", "2", "alice", a, b);
	span(doc_eins, "B: Grüße", &a, &b);
	add_segment(G2, "eins", "1.1", "alice", a, corpus_utf8_count(doc_eins, strlen(doc_eins)) - 1);
	span(doc_zwei, "Viele Portale.", &a, &b);
	add_segment(G3, "zwei", "1", "bob", a, b);
	span(doc_zwei, "Noch eins.", &a, &b);
	add_segment(G4, "zwei", "1.1", "bob", a, b);
}

static void close_project(void)
{
	unit_project_close(st);
}

static int64_t count(const char *sql)
{
	return unit_query_int(st, sql);
}

/* The newest log entry's action, entity, coder, and its before/after. */
struct entry {
	char action[64], entity[16], coder[64];
	char *before, *after;
};

static void last_entry(struct entry *e)
{
	struct store_stmt *s;
	cr_assert_eq(store_prepare(st, "SELECT action, entity, coder, before, after FROM log "
	                               "ORDER BY id DESC LIMIT 1", &s, &err), ANKER_OK);
	cr_assert_eq(store_step(s, &err), 1, "no log entry");
	snprintf(e->action, sizeof e->action, "%s", store_col_text(s, 0));
	snprintf(e->entity, sizeof e->entity, "%s", store_col_text(s, 1));
	snprintf(e->coder, sizeof e->coder, "%s", store_col_text(s, 2));
	e->before = store_col_null(s, 3) ? NULL : strdup(store_col_text(s, 3));
	e->after = store_col_null(s, 4) ? NULL : strdup(store_col_text(s, 4));
	store_done(s);
}

static void entry_free(struct entry *e)
{
	free(e->before);
	free(e->after);
}

TestSuite(review, .init = open_project, .fini = close_project);

/* ---------------------------------------------------------------------- */
/* Quotations */

Test(review, citation_single_and_range)
{
	struct strbuf sb = {0};
	corpus_citation(&sb, "Interview 01", 12, 12);
	cr_assert_str_eq(sb_str(&sb), "Interview 01, Pos. 12");
	sb_reset(&sb);
	corpus_citation(&sb, "Interview 01", 12, 14);
	cr_assert_str_eq(sb_str(&sb), "Interview 01, Pos. 12\u201314");
	sb_free(&sb);
}

Test(review, quote_counts_code_points)
{
	struct coding_quote q;
	cr_assert_eq(coding_quote_get(st, "aaaa1", &q, &err), ANKER_OK, "%s", err.msg);
	cr_assert_str_eq(q.guid, G1);
	cr_assert_str_eq(q.text, "Die Schnittstelle fehlt.");
	cr_assert_str_eq(q.doc, "eins");
	cr_assert_eq(q.para_first, 2);
	cr_assert_eq(q.para_last, 2);
	cr_assert_str_eq(q.citation, "eins, Pos. 2");
	/* "Kopf\n" (5) + "B: Grüße 😀 aus Köln. " (21 code points, 27 bytes) */
	cr_assert_eq(q.start, 26, "start %zu, expected 26 (code points, not bytes)", q.start);
	coding_quote_free(&q);
	cr_assert_eq(coding_quote_get(st, "AAAA2222", &q, &err), ANKER_OK, "upper case: %s", err.msg);
	cr_assert_str_eq(q.citation, "eins, Pos. 2\u20134");
	cr_assert_str_eq(q.text, "B: Grüße 😀 aus Köln. Die Schnittstelle fehlt.\n\nI: Und dann?");
	coding_quote_free(&q);
}

Test(review, quote_key_errors)
{
	struct coding_quote q;
	cr_assert_eq(coding_quote_get(st, "aaaa", &q, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "ambiguous") && strstr(err.msg, G1) && strstr(err.msg, G2),
	          "expected both candidates named, got: %s", err.msg);
	cr_assert_eq(coding_quote_get(st, "aaa", &q, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "at least 4"), "%s", err.msg);
	cr_assert_eq(coding_quote_get(st, "dddd", &q, &err), ANKER_NOTFOUND);
	cr_assert(strstr(err.msg, "no segment 'dddd'"), "%s", err.msg);
	cr_assert_eq(coding_quote_get(st, G1 "0", &q, &err), ANKER_NOTFOUND, "%s", err.msg);
	cr_assert_eq(coding_quote_get(st, G3, &q, &err), ANKER_OK, "full GUID: %s", err.msg);
	coding_quote_free(&q);
}

/* ---------------------------------------------------------------------- */
/* Reviews */

Test(review, verdict_names)
{
	cr_assert_eq(coding_verdict_parse("fits"), CODING_FITS);
	cr_assert_eq(coding_verdict_parse("misfit"), CODING_MISFIT);
	cr_assert_eq(coding_verdict_parse("does-not-fit"), CODING_MISFIT);
	cr_assert_eq(coding_verdict_parse("borderline"), CODING_BORDERLINE);
	cr_assert_eq(coding_verdict_parse("fit"), -1);
	cr_assert_eq(coding_verdict_parse(""), -1);
	cr_assert_str_eq(coding_verdict_name(CODING_BORDERLINE), "borderline");
}

Test(review, add_is_logged_as_segment_update)
{
	struct entry e;
	int64_t steps = count("SELECT COUNT(DISTINCT step) FROM log");
	cr_assert_eq(coding_review_add(st, "aaaa1", CODING_FITS, "passt", "sup", &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 1);
	cr_assert_eq(count("SELECT COUNT(DISTINCT step) FROM log"), steps + 1, "one step");
	last_entry(&e);
	cr_assert_str_eq(e.action, "review");
	cr_assert_str_eq(e.entity, "segment");
	cr_assert_str_eq(e.coder, "sup", "the log names the reviewer");
	cr_assert_not_null(e.before);
	cr_assert_not_null(e.after);
	cr_assert_null(strstr(e.before, "passt"), "before has no review: %s", e.before);
	cr_assert(strstr(e.after, "passt") && strstr(e.after, "fits"), "after: %s", e.after);
	entry_free(&e);
}

/* The comment must be UTF-8, checked here for every caller. */
Test(review, comment_must_be_utf8)
{
	cr_expect_eq(coding_review_add(st, "aaaa1", CODING_FITS, "gut\xfe", "sup", &err),
	             ANKER_INPUT);
	cr_expect(strncmp(err.msg, "comment: byte offset 3: invalid UTF-8", 37) == 0, "%s",
	          err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM review"), 0, "nothing written");
}

Test(review, later_verdict_supersedes_and_history_stays)
{
	struct coding_review *v;
	size_t n;
	struct coding_review_filter f = { .verdict = -1 };
	cr_assert_eq(coding_review_add(st, G1, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G1, CODING_MISFIT, "doch nicht", "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G1, CODING_BORDERLINE, NULL, "zweite", &err), ANKER_OK);
	cr_assert_eq(coding_reviews_list(st, &f, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 2, "latest per reviewer: expected 2 rows, got %zu", n);
	cr_assert_str_eq(v[0].verdict, "misfit");
	cr_assert_str_eq(v[0].reviewer, "sup");
	cr_assert_str_eq(v[0].comment, "doch nicht");
	cr_assert_str_eq(v[1].verdict, "borderline");
	cr_assert_str_eq(v[0].text, "Die Schnittstelle fehlt.");
	cr_assert_str_eq(v[0].code, "2");
	cr_assert_str_eq(v[0].coder, "alice");
	cr_assert_eq(v[0].para_first, 2);
	coding_reviews_free(v, n);
	f.all = true;
	cr_assert_eq(coding_reviews_list(st, &f, &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 3, "with --all: expected 3 rows, got %zu", n);
	cr_assert_str_eq(v[0].verdict, "fits");
	cr_assert(!v[0].latest && v[1].latest && v[2].latest);
	coding_reviews_free(v, n);
}

static size_t list_n(const struct coding_review_filter *f, int expect_status)
{
	struct coding_review *v;
	size_t n = 0;
	cr_assert_eq(coding_reviews_list(st, f, &v, &n, &err), expect_status, "%s", err.msg);
	if (!expect_status)
		coding_reviews_free(v, n);
	return n;
}

Test(review, list_filters_and_order)
{
	cr_assert_eq(coding_review_add(st, G4, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G3, CODING_MISFIT, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G2, CODING_BORDERLINE, NULL, "chef", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G1, CODING_FITS, NULL, "chef", &err), ANKER_OK);
	struct coding_review_filter f = { .verdict = -1 };
	struct coding_review *v;
	size_t n;
	cr_assert_eq(coding_reviews_list(st, &f, &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 4);
	/* Document order: eins (G2 starts before G1), then zwei (G3, G4). */
	const char *order[] = { G2, G1, G3, G4 };
	for (size_t i = 0; i < 4; i++)
		cr_assert_str_eq(v[i].segment, order[i], "row %zu", i);
	coding_reviews_free(v, n);
	f.code = "1";
	cr_assert_eq(list_n(&f, 0), 1, "code 1 alone");
	f.subcodes = true;
	cr_assert_eq(list_n(&f, 0), 3, "code 1 with 1.1");
	f = (struct coding_review_filter){ .verdict = CODING_FITS };
	cr_assert_eq(list_n(&f, 0), 2, "fits");
	f = (struct coding_review_filter){ .verdict = -1, .reviewer = "chef" };
	cr_assert_eq(list_n(&f, 0), 2, "chef");
	f = (struct coding_review_filter){ .verdict = -1, .segment = "bbbb" };
	cr_assert_eq(list_n(&f, 0), 1, "segment bbbb");
	f = (struct coding_review_filter){ .verdict = -1, .reviewer = "niemand" };
	list_n(&f, ANKER_NOTFOUND);
	cr_assert(strstr(err.msg, "niemand"), "%s", err.msg);
	f = (struct coding_review_filter){ .verdict = -1, .code = "9.9" };
	list_n(&f, ANKER_NOTFOUND);
	f = (struct coding_review_filter){ .verdict = -1, .segment = "aaaa" };
	list_n(&f, ANKER_INPUT);
}

/* A code's verdicts read from its segments (REVIEW_SQL_CODES), brief or
 * quoted: the same rows in the same order, brief without the quotes. */
Test(review, list_of_a_code_brief)
{
	cr_assert_eq(coding_review_add(st, G4, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G2, CODING_MISFIT, "nein", "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G2, CODING_BORDERLINE, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G1, CODING_FITS, NULL, "chef", &err), ANKER_OK);
	struct coding_review_filter f = { .verdict = -1, .code = "1", .subcodes = true, .all = true };
	struct coding_review *v, *b;
	size_t n, nb;
	cr_assert_eq(coding_reviews_list(st, &f, &v, &n, &err), ANKER_OK, "%s", err.msg);
	f.brief = true;
	cr_assert_eq(coding_reviews_list(st, &f, &b, &nb, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 3, "G2 twice and G1: got %zu", n);
	cr_assert_eq(nb, n);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(b[i].id, v[i].id, "row %zu", i);
		cr_assert_str_eq(b[i].segment, v[i].segment);
		cr_assert_str_eq(b[i].verdict, v[i].verdict);
		cr_assert_str_eq(b[i].comment, v[i].comment);
		cr_assert_eq(b[i].latest, v[i].latest);
		cr_assert_not_null(v[i].text);
		cr_assert_null(b[i].text, "brief: no quote");
	}
	cr_assert_str_eq(v[0].segment, G2);
	cr_assert(!v[0].latest && v[1].latest, "G2's misfit superseded");
	coding_reviews_free(v, n);
	coding_reviews_free(b, nb);
}

Test(review, add_errors_change_nothing)
{
	int64_t log = count("SELECT COUNT(*) FROM log");
	cr_assert_eq(coding_review_add(st, "dddd", CODING_FITS, NULL, "sup", &err), ANKER_NOTFOUND);
	cr_assert_eq(coding_review_add(st, "aaaa", CODING_FITS, NULL, "sup", &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "ambiguous"), "%s", err.msg);
	cr_assert_eq(coding_review_add(st, G1, (enum coding_verdict)7, NULL, "sup", &err),
	             ANKER_INPUT);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM log"), log);
	cr_assert_eq(count("SELECT COUNT(*) FROM coder WHERE name = 'sup'"), 0,
	             "a failed review must not leave its reviewer behind");
}

Test(review, undo_and_redo_a_review)
{
	struct store_step done;
	cr_assert_eq(coding_review_add(st, G3, CODING_FITS, "gut", "sup", &err), ANKER_OK);
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 0, "undo removes the verdict");
	cr_assert_eq(store_redo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM review WHERE comment = 'gut'"), 1,
	             "redo brings it back");
}

Test(review, counts_per_code)
{
	struct coding_review_count *v;
	size_t n;
	cr_assert_eq(coding_review_add(st, G2, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G2, CODING_MISFIT, NULL, "chef", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G4, CODING_BORDERLINE, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G1, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_counts(st, NULL, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 3, "every code");
	/* Tree order: 1, 1.1, 2. */
	cr_assert_str_eq(v[0].number, "1");
	cr_assert_eq(v[0].segments, 1);
	cr_assert_eq(v[0].reviewed, 0);
	cr_assert_str_eq(v[1].number, "1.1");
	cr_assert_str_eq(v[1].path, "Portale >> Viele Portale");
	cr_assert_eq(v[1].depth, 1);
	cr_assert_eq(v[1].segments, 2);
	cr_assert_eq(v[1].reviewed, 2);
	cr_assert_eq(v[1].misfit, 1, "G2's newest verdict is chef's misfit");
	cr_assert_eq(v[1].borderline, 1);
	cr_assert_eq(v[1].fits, 0);
	cr_assert_eq(v[2].fits, 1);
	coding_review_counts_free(v, n);
	cr_assert_eq(coding_review_counts(st, "sup", &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(v[1].fits, 1, "sup's verdict on G2 is fits");
	cr_assert_eq(v[1].misfit, 0);
	coding_review_counts_free(v, n);
	cr_assert_eq(coding_review_counts(st, "niemand", &v, &n, &err), ANKER_NOTFOUND);
}

/* The same counts over one coder's segments, or some documents': G2
 * (alice, eins) and G4 (bob, zwei) are both 1.1's. */
Test(review, counts_per_code_filtered)
{
	struct coding_review_count *v;
	size_t n;
	cr_assert_eq(coding_review_add(st, G2, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G4, CODING_BORDERLINE, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G4, CODING_MISFIT, NULL, "chef", &err), ANKER_OK);
	cr_assert_eq(coding_review_counts_of(st, NULL, "alice", NULL, &v, &n, &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(n, 3, "every code");
	cr_expect_eq(v[0].segments, 0, "1 is bob's");
	cr_expect_eq(v[1].segments, 1);
	cr_expect_eq(v[1].reviewed, 1);
	cr_expect_eq(v[1].fits, 1);
	cr_expect_eq(v[2].segments, 1);
	cr_expect_eq(v[2].reviewed, 0);
	coding_review_counts_free(v, n);
	const char *zwei[] = { "zwei" };
	struct corpus_doc_filter f = { .names = zwei, .nnames = 1 };
	cr_assert_eq(coding_review_counts_of(st, NULL, NULL, &f, &v, &n, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_eq(v[0].segments, 1);
	cr_expect_eq(v[1].segments, 1);
	cr_expect_eq(v[1].reviewed, 1);
	cr_expect_eq(v[1].misfit, 1, "G4's newest verdict is chef's");
	cr_expect_eq(v[1].fits + v[1].borderline, 0);
	cr_expect_eq(v[2].segments, 0);
	coding_review_counts_free(v, n);
	cr_assert_eq(coding_review_counts_of(st, "sup", "bob", &f, &v, &n, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_eq(v[1].borderline, 1, "sup's verdict on G4");
	cr_expect_eq(v[1].misfit, 0);
	coding_review_counts_free(v, n);
	/* Without filters: coding_review_counts itself. */
	cr_assert_eq(coding_review_counts_of(st, NULL, NULL, NULL, &v, &n, &err), ANKER_OK);
	cr_expect_eq(v[1].segments, 2);
	coding_review_counts_free(v, n);
	cr_assert_eq(coding_review_counts_of(st, "niemand", "bob", NULL, &v, &n, &err),
	             ANKER_NOTFOUND);
}

/* One code's counts (B's codebook side) are those coding_review_counts_of
 * gives it, with every filter. */
Test(review, counts_of_one_code)
{
	cr_assert_eq(coding_review_add(st, G2, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G2, CODING_MISFIT, NULL, "chef", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G4, CODING_BORDERLINE, NULL, "sup", &err), ANKER_OK);
	const char *zwei[] = { "zwei" }, *reviewers[] = { NULL, "sup", "chef" };
	const char *coders[] = { NULL, "alice", "bob" };
	struct corpus_doc_filter f = { .names = zwei, .nnames = 1 };
	for (int w = 0; w < 3; w++)
		for (int c = 0; c < 3; c++)
			for (int d = 0; d < 2; d++) {
				struct coding_review_count *v, *any, one, all;
				size_t n, nany;
				cr_assert_eq(coding_review_counts_of(st, reviewers[w], coders[c], d ? &f : NULL,
				                                     &v, &n, &err), ANKER_OK, "%s", err.msg);
				cr_assert_eq(coding_review_counts_of(st, NULL, coders[c], d ? &f : NULL, &any,
				                                     &nany, &err), ANKER_OK, "%s", err.msg);
				cr_assert_eq(n, nany);
				for (size_t i = 0; i < n; i++) {
					cr_assert_eq(coding_review_count_code(st, reviewers[w], coders[c],
					                                      d ? &f : NULL, v[i].code_id, &one,
					                                      &all, &err), ANKER_OK, "%s", err.msg);
					/* Every reviewer's counts, from the same walk. */
					cr_expect(all.segments == any[i].segments &&
					          all.reviewed == any[i].reviewed && all.fits == any[i].fits &&
					          all.misfit == any[i].misfit &&
					          all.borderline == any[i].borderline,
					          "code %s, every reviewer, coder %s, docs %d: %lld, expected %lld",
					          v[i].number, coders[c] ? coders[c] : "-", d,
					          (long long)all.reviewed, (long long)any[i].reviewed);
					cr_expect(one.segments == v[i].segments && one.reviewed == v[i].reviewed &&
					          one.fits == v[i].fits && one.misfit == v[i].misfit &&
					          one.borderline == v[i].borderline,
					          "code %s, reviewer %s, coder %s, docs %d: %lld %lld, expected "
					          "%lld %lld", v[i].number, reviewers[w] ? reviewers[w] : "-",
					          coders[c] ? coders[c] : "-", d, (long long)one.segments,
					          (long long)one.reviewed, (long long)v[i].segments,
					          (long long)v[i].reviewed);
				}
				coding_review_counts_free(v, n);
				coding_review_counts_free(any, nany);
			}
	struct coding_review_count one;
	cr_assert_eq(coding_review_count_code(st, "niemand", NULL, NULL, 1, &one, NULL, &err),
	             ANKER_NOTFOUND);
}

/* T: the first code, in the order asked, with a segment left to judge. */
Test(review, todo_find_first_code_to_judge)
{
	struct coding_review_count *v;
	size_t n, found;
	cr_assert_eq(coding_review_counts(st, NULL, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	int64_t order[] = { v[1].code_id, v[2].code_id, v[0].code_id };   /* 1.1 (G2, G4), 2, 1 */
	coding_review_counts_free(v, n);
	cr_assert_eq(coding_review_todo_find(st, "sup", NULL, NULL, order, 3, &found, &err),
	             ANKER_OK, "%s", err.msg);
	cr_assert_eq(found, 0, "sup judged nothing yet: 1.1 has segments to judge");
	cr_assert_eq(coding_review_add(st, G2, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_todo_find(st, "sup", NULL, NULL, order, 3, &found, &err),
	             ANKER_OK, "%s", err.msg);
	cr_expect_eq(found, 0, "G4 is left");
	cr_assert_eq(coding_review_todo_find(st, "sup", "alice", NULL, order, 3, &found, &err),
	             ANKER_OK, "%s", err.msg);
	cr_expect_eq(found, 1, "alice's G2 is judged: 2 is next");
	cr_assert_eq(coding_review_add(st, G4, CODING_MISFIT, NULL, "chef", &err), ANKER_OK);
	cr_assert_eq(coding_review_todo_find(st, "chef", NULL, NULL, order, 1, &found, &err),
	             ANKER_OK, "%s", err.msg);
	cr_expect_eq(found, 0, "chef's verdict on G4 leaves G2 to chef");
	cr_assert_eq(coding_review_add(st, G4, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_todo_find(st, "sup", NULL, NULL, order, 1, &found, &err),
	             ANKER_OK, "%s", err.msg);
	cr_expect_eq(found, 1, "none (n) when every segment asked about is judged");
}

Test(review, verdicts_latest_per_segment)
{
	struct coding_segment *v;
	size_t n;
	struct coding_filter f = { .min_weight = -1 };
	cr_assert_eq(coding_review_add(st, G2, CODING_FITS, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G2, CODING_MISFIT, NULL, "chef", &err), ANKER_OK);
	cr_assert_eq(coding_review_add(st, G4, CODING_BORDERLINE, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 4);
	int verdict[4];
	cr_assert_eq(coding_verdicts_latest(st, v, n, verdict, &err), ANKER_OK, "%s", err.msg);
	for (size_t i = 0; i < n; i++) {
		int want = strcmp(v[i].guid, G2) == 0 ? CODING_MISFIT
		         : strcmp(v[i].guid, G4) == 0 ? CODING_BORDERLINE : -1;
		cr_assert_eq(verdict[i], want, "%s: %d, expected %d (the newest verdict)", v[i].guid,
		             verdict[i], want);
	}
	cr_assert_eq(coding_verdicts_latest(st, v, 0, verdict, &err), ANKER_OK, "no segments");
	coding_segments_free(v, n);
}

Test(review, add_each_one_step_or_nothing)
{
	char segs[2][37] = { G2, G4 };
	char bad[2][37] = { G1, "ffff0000-0000-4000-8000-00000000dead" };
	struct store_step done;
	cr_assert_eq(coding_review_add_each(st, segs, 2, CODING_FITS, "ok", "sup", &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 2);
	cr_assert_eq(count("SELECT COUNT(DISTINCT step) FROM log WHERE action = 'review'"), 1,
	             "one undo step for both verdicts");
	cr_assert_neq(coding_review_add_each(st, bad, 2, CODING_MISFIT, NULL, "sup", &err), ANKER_OK);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 2, "nothing of a failed batch stays");
	store_set_actor(st, "sup");
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 0, "undo takes both back");
}

/* ---------------------------------------------------------------------- */
/* Anchors */

Test(review, anchor_from_segment)
{
	struct coding_anchor *v;
	size_t n, pos;
	bool other = true;
	struct entry e;
	cr_assert_eq(coding_anchor_add(st, "1.1", "aaaa2", "sup", &pos, &other, &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(pos, 1);
	cr_assert(!other, "the segment is coded 1.1");
	cr_assert_eq(coding_anchors_list(st, "1.1", &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].text, "„B: Grüße 😀 aus Köln. Die Schnittstelle fehlt.\n\nI: Und dann?“");
	cr_assert_str_eq(v[0].citation, "eins, Pos. 2\u20134");
	cr_assert_str_eq(v[0].segment, G2);
	coding_anchors_free(v, n);
	last_entry(&e);
	cr_assert_str_eq(e.action, "anchors add");
	cr_assert_str_eq(e.entity, "code");
	cr_assert_str_eq(e.coder, "sup");
	cr_assert(e.after && strstr(e.after, G2), "after names the segment: %s", e.after);
	cr_assert(e.before && !strstr(e.before, G2), "before does not: %s", e.before);
	entry_free(&e);
}

Test(review, anchor_appends_after_imported_ones)
{
	struct coding_anchor *v;
	size_t n, pos;
	bool other;
	cr_assert_eq(coding_anchor_add(st, "Portale", G3, NULL, &pos, &other, &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(pos, 2, "after the codebook's example");
	cr_assert_eq(coding_anchors_list(st, "1", &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[0].text, "„Wir haben drei Portale.“");
	cr_assert_str_eq(v[0].citation, "");
	cr_assert_null(v[0].segment);
	cr_assert_str_eq(v[1].text, "„Viele Portale.“");
	cr_assert_str_eq(v[1].citation, "zwei, Pos. 1");
	cr_assert_eq(v[1].position, 2);
	coding_anchors_free(v, n);
	/* Another code's segment may be promoted, and the caller is told. */
	cr_assert_eq(coding_anchor_add(st, "1", G4, NULL, &pos, &other, &err), ANKER_OK);
	cr_assert(other, "G4 is coded 1.1, not 1");
}

Test(review, anchor_duplicate_refused_unchanged)
{
	size_t pos;
	bool other;
	cr_assert_eq(coding_anchor_add(st, "2", G1, NULL, &pos, &other, &err), ANKER_OK);
	int64_t log = count("SELECT COUNT(*) FROM log");
	cr_assert_eq(coding_anchor_add(st, "2", "aaaa1111", NULL, &pos, &other, &err), ANKER_EXISTS);
	cr_assert(strstr(err.msg, "already an anchor example") && strstr(err.msg, "eins, Pos. 2"),
	          "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM anchor WHERE segment_guid IS NOT NULL"), 1);
	cr_assert_eq(count("SELECT COUNT(*) FROM log"), log);
	/* The same segment for another code is another example. */
	cr_assert_eq(coding_anchor_add(st, "1", G1, NULL, &pos, &other, &err), ANKER_OK);
	cr_assert_eq(coding_anchor_add(st, "9", G1, NULL, &pos, &other, &err), ANKER_NOTFOUND);
	cr_assert_eq(coding_anchor_add(st, "2", "dddd", NULL, &pos, &other, &err), ANKER_NOTFOUND);
	cr_assert_eq(count("SELECT COUNT(*) FROM log"), log + 1);
}

Test(review, anchor_delete_and_undo)
{
	struct coding_anchor *v;
	struct store_step done;
	size_t n, pos;
	bool other;
	cr_assert_eq(coding_anchor_add(st, "1", G3, NULL, &pos, &other, &err), ANKER_OK);
	cr_assert_eq(coding_anchor_delete(st, "1", 3, NULL, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "has 2 anchor examples"), "%s", err.msg);
	cr_assert_eq(coding_anchor_delete(st, "1", 0, NULL, &err), ANKER_INPUT);
	cr_assert_eq(coding_anchor_delete(st, "1", 1, NULL, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(coding_anchors_list(st, "1", &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].position, 1, "the rest move up");
	cr_assert_str_eq(v[0].segment, G3);
	coding_anchors_free(v, n);
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(coding_anchors_list(st, "1", &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 2, "undo brings the deleted example back");
	cr_assert_str_eq(v[0].text, "„Wir haben drei Portale.“");
	coding_anchors_free(v, n);
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM anchor WHERE segment_guid IS NOT NULL"), 0,
	             "undo of the promotion");
}

/* The code's examples' texts joined by '|', in order. */
static void anchors_join(const char *code, char *out, size_t size)
{
	struct coding_anchor *v;
	size_t n;
	cr_assert_eq(coding_anchors_list(st, code, &v, &n, &err), ANKER_OK, "%s", err.msg);
	out[0] = 0;
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(v[i].position, i + 1);
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? "|" : "", v[i].text);
	}
	coding_anchors_free(v, n);
}

Test(review, anchor_move_edit_and_undo)
{
	struct store_step done;
	char got[512];
	size_t pos;
	bool other;
	cr_assert_eq(coding_anchor_add(st, "1", G3, NULL, &pos, &other, &err), ANKER_OK);
	cr_assert_eq(coding_anchor_add(st, "1", G4, NULL, &pos, &other, &err), ANKER_OK);
	anchors_join("1", got, sizeof got);
	cr_assert_str_eq(got, "„Wir haben drei Portale.“|„Viele Portale.“|„Noch eins.“");
	cr_assert_eq(coding_anchor_move(st, "1", 3, 1, "sup", &err), ANKER_OK, "%s", err.msg);
	anchors_join("1", got, sizeof got);
	cr_assert_str_eq(got, "„Noch eins.“|„Wir haben drei Portale.“|„Viele Portale.“");
	cr_assert_eq(coding_anchor_move(st, "1", 1, 2, "sup", &err), ANKER_OK, "%s", err.msg);
	anchors_join("1", got, sizeof got);
	cr_assert_str_eq(got, "„Wir haben drei Portale.“|„Noch eins.“|„Viele Portale.“");
	cr_assert_eq(coding_anchor_move(st, "1", 1, 4, "sup", &err), ANKER_INPUT);
	cr_assert_eq(coding_anchor_move(st, "1", 4, 1, "sup", &err), ANKER_INPUT);
	cr_assert_eq(coding_anchor_edit(st, "1", 2, "„Noch eins, gekürzt.“", "sup", &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(coding_anchor_edit(st, "1", 2, " \n", "sup", &err), ANKER_INPUT);
	cr_assert_eq(coding_anchor_edit(st, "1", 2, "\xff", "sup", &err), ANKER_INPUT);
	anchors_join("1", got, sizeof got);
	cr_assert_str_eq(got, "„Wir haben drei Portale.“|„Noch eins, gekürzt.“|„Viele Portale.“");
	cr_assert_eq(count("SELECT COUNT(*) FROM anchor WHERE citation != '' AND segment_guid = '"
	                   G4 "'"), 1, "the edited example keeps its citation and segment");
	struct entry e;
	last_entry(&e);
	cr_assert_str_eq(e.action, "anchors edit");
	cr_assert_str_eq(e.coder, "sup");
	entry_free(&e);
	store_set_actor(st, "sup");
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	anchors_join("1", got, sizeof got);
	cr_assert_str_eq(got, "„Noch eins.“|„Wir haben drei Portale.“|„Viele Portale.“",
	                 "undo: the edit, then the second move; got %s", got);
}

/* ---------------------------------------------------------------------- */
/* Memos */

static void memo(enum coding_memo_target t, const char *key, const char *type, const char *text,
                 char guid[37])
{
	struct coding_memo_on on = { t, key };
	cr_assert_eq(coding_memo_add(st, &on, type, text, "alice", guid, &err), ANKER_OK,
	             "memo on %s: %s", key ? key : "project", err.msg);
}

Test(review, memo_targets_and_labels)
{
	char g[4][37];
	struct coding_memo *v;
	size_t n;
	struct coding_memo_filter f = {0};
	memo(CODING_MEMO_PROJECT, NULL, "method", "Vorgehen", g[0]);
	memo(CODING_MEMO_DOCUMENT, "zwei", "theory", "Theorie", g[1]);
	memo(CODING_MEMO_CODE, "Viele Portale", "definition", "Mehr als eins", g[2]);
	memo(CODING_MEMO_SEGMENT, "aaaa1", "free", "Gut", g[3]);
	cr_assert_eq(coding_memo_list(st, &f, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 4);
	const char *on[] = { "project", "zwei", "1.1 Viele Portale", "aaaa1111 (2, eins, Pos. 2)" };
	const char *target[] = { "project", "document", "code", "segment" };
	for (size_t i = 0; i < 4; i++) {
		cr_assert_str_eq(v[i].guid, g[i]);
		cr_assert_str_eq(v[i].on, on[i], "memo %zu", i);
		cr_assert_str_eq(v[i].target, target[i]);
		cr_assert_str_eq(v[i].author, "alice");
	}
	cr_assert_null(v[0].target_guid);
	cr_assert_str_eq(v[3].target_guid, G1);
	cr_assert_str_eq(v[2].type, "definition");
	coding_memos_free(v, n);
}

Test(review, memos_counted_per_segment)
{
	struct coding_segment *v;
	size_t n;
	char g[37];
	struct coding_filter f = { .min_weight = -1 };
	memo(CODING_MEMO_SEGMENT, G2, "free", "eins", g);
	memo(CODING_MEMO_SEGMENT, G2, "theory", "zwei", g);
	memo(CODING_MEMO_SEGMENT, G3, "method", "drei", g);
	memo(CODING_MEMO_DOCUMENT, "eins", "free", "not a segment's", g);
	cr_assert_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_OK, "%s", err.msg);
	int memos[4] = { 7, 7, 7, 7 };
	cr_assert_eq(coding_memos_count(st, v, n, memos, &err), ANKER_OK, "%s", err.msg);
	for (size_t i = 0; i < n; i++) {
		int want = strcmp(v[i].guid, G2) == 0 ? 2 : strcmp(v[i].guid, G3) == 0 ? 1 : 0;
		cr_assert_eq(memos[i], want, "%s: %d memos, expected %d", v[i].guid, memos[i], want);
	}
	cr_assert_eq(coding_memos_count(st, v, 0, memos, &err), ANKER_OK, "no segments");
	coding_segments_free(v, n);
}

Test(review, memo_list_filters)
{
	char g[37];
	struct coding_memo *v;
	size_t n;
	memo(CODING_MEMO_DOCUMENT, "zwei", "theory", "A", g);
	memo(CODING_MEMO_DOCUMENT, "eins", "free", "B", g);
	memo(CODING_MEMO_CODE, "1", "theory", "C", g);
	struct coding_memo_on on = { CODING_MEMO_DOCUMENT, "eins" };
	struct coding_memo_filter f = { .on = &on };
	cr_assert_eq(coding_memo_list(st, &f, &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].text, "B");
	coding_memos_free(v, n);
	f = (struct coding_memo_filter){ .type = "theory" };
	cr_assert_eq(coding_memo_list(st, &f, &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 2);
	coding_memos_free(v, n);
	on = (struct coding_memo_on){ CODING_MEMO_PROJECT, NULL };
	f = (struct coding_memo_filter){ .on = &on };
	cr_assert_eq(coding_memo_list(st, &f, &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 0);
	coding_memos_free(v, n);
	on = (struct coding_memo_on){ CODING_MEMO_CODE, "7" };
	cr_assert_eq(coding_memo_list(st, &f, &v, &n, &err), ANKER_NOTFOUND);
	f = (struct coding_memo_filter){ .type = "poem" };
	cr_assert_eq(coding_memo_list(st, &f, &v, &n, &err), ANKER_INPUT);
}

Test(review, memo_errors_change_nothing)
{
	char g[37];
	int64_t log = count("SELECT COUNT(*) FROM log");
	struct coding_memo_on on = { CODING_MEMO_DOCUMENT, "drei" };
	cr_assert_eq(coding_memo_add(st, &on, "free", "x", NULL, g, &err), ANKER_NOTFOUND);
	cr_assert(strstr(err.msg, "no document 'drei'"), "%s", err.msg);
	on = (struct coding_memo_on){ CODING_MEMO_CODE, "Nichts" };
	cr_assert_eq(coding_memo_add(st, &on, "free", "x", NULL, g, &err), ANKER_NOTFOUND);
	on = (struct coding_memo_on){ CODING_MEMO_SEGMENT, "aaaa" };
	cr_assert_eq(coding_memo_add(st, &on, "free", "x", NULL, g, &err), ANKER_INPUT);
	on = (struct coding_memo_on){ CODING_MEMO_SEGMENT, NULL };
	cr_assert_eq(coding_memo_add(st, &on, "free", "x", NULL, g, &err), ANKER_INPUT);
	on = (struct coding_memo_on){ CODING_MEMO_PROJECT, NULL };
	cr_assert_eq(coding_memo_add(st, &on, "poem", "x", NULL, g, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "unknown memo type 'poem'"), "%s", err.msg);
	cr_assert_eq(coding_memo_add(st, &on, "free", " \n\t", NULL, g, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM memo"), 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM log"), log);
	cr_assert_eq(coding_memo_target_parse("doc"), CODING_MEMO_DOCUMENT);
	cr_assert_eq(coding_memo_target_parse("document"), CODING_MEMO_DOCUMENT);
	cr_assert_eq(coding_memo_target_parse("segment"), CODING_MEMO_SEGMENT);
	cr_assert_eq(coding_memo_target_parse("Doc"), -1);
}

Test(review, memo_edit_delete_logged_and_undone)
{
	char g[37];
	struct entry e;
	struct store_step done;
	memo(CODING_MEMO_CODE, "2", "free", "erst", g);
	last_entry(&e);
	cr_assert_str_eq(e.action, "memo add");
	cr_assert_str_eq(e.entity, "memo");
	cr_assert_null(e.before);
	cr_assert(e.after && strstr(e.after, "erst"), "after: %s", e.after);
	entry_free(&e);
	cr_assert_eq(coding_memo_edit(st, g, NULL, NULL, NULL, &err), ANKER_INPUT);
	cr_assert_eq(coding_memo_edit(st, g, "theory", "dann", "bob", &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM memo WHERE text = 'dann' AND type = 'theory' AND "
	                   "author_id = (SELECT id FROM coder WHERE name = 'alice')"), 1,
	             "edited, author kept");
	last_entry(&e);
	cr_assert_str_eq(e.action, "memo edit");
	cr_assert_str_eq(e.coder, "bob");
	cr_assert(strstr(e.before, "erst") && strstr(e.after, "dann"), "%s -> %s", e.before, e.after);
	entry_free(&e);
	char prefix[9];
	snprintf(prefix, sizeof prefix, "%.8s", g);
	cr_assert_eq(coding_memo_delete(st, prefix, NULL, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM memo"), 0);
	last_entry(&e);
	cr_assert_str_eq(e.action, "memo delete");
	cr_assert_null(e.after);
	entry_free(&e);
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM memo WHERE text = 'dann'"), 1, "undo of delete");
	/* Undo is per coder: the edit was bob's. */
	store_set_actor(st, "bob");
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	store_set_actor(st, NULL);
	cr_assert_eq(count("SELECT COUNT(*) FROM memo WHERE text = 'erst'"), 1, "undo of edit");
	cr_assert_eq(coding_memo_delete(st, "zzzz", NULL, &err), ANKER_NOTFOUND);
	cr_assert_eq(coding_memo_delete(st, "ab", NULL, &err), ANKER_INPUT);
}
