/* Unit tests for coding/pages.c: a list read a window at a time gives,
 * window by window, the list coding_segments_list gives at once, under
 * every filter, and finds each segment where the list has it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;

static const char codebook_txt[] =
	"T\n\nCodesystem\n\n1 Alpha\n1.1 Beta\n1.1.1 Gamma\n2 Delta\n";

/* Documents whose order by group and name (natural) differs from the
 * order they came in, so ids and the list's order disagree; segments of
 * every code, several coders, weights and identical passages, inserted by
 * SQL in an order of their own. */
static void setup(void)
{
	static const char *const names[] = { "doc 10", "doc 9", "eins", "zwei", "doc 100" };
	static const char *const groups[] = { "G", "G", NULL, "A", "G" };
	static const char *const vars[] = { "Jahr=2024", "Jahr=2023", NULL, "Jahr=2024", NULL };
	char text[2000];
	size_t len = 0;
	for (int p = 0; p < 40; p++)
		len += (size_t)snprintf(text + len, sizeof text - len, "Absatz %02d hier.\n", p);
	st = unit_project_open();
	for (size_t d = 0; d < 5; d++)
		unit_import_doc(st, names[d], text, len, groups[d], vars[d], NULL);
	unit_import_codebook(st, codebook_txt, sizeof codebook_txt - 1, NULL);
	unit_exec(st, "INSERT INTO coder(guid, name) VALUES "
	              "('00000000-0000-4000-8000-00000000c001', 'anna'),"
	              "('00000000-0000-4000-8000-00000000c002', 'bert'),"
	              "('00000000-0000-4000-8000-00000000c003', 'cem');");
	/* 600 rows (a repeated one dropped by the unique key), then a quarter
	 * of them again by another coder: several coders on one passage. */
	unit_exec(st, "CREATE TEMP TABLE d(n INTEGER PRIMARY KEY, id INTEGER);"
	              "INSERT INTO d SELECT row_number() OVER (ORDER BY id) - 1, id FROM document;"
	              "CREATE TEMP TABLE c(n INTEGER PRIMARY KEY, id INTEGER);"
	              "INSERT INTO c SELECT row_number() OVER (ORDER BY id) - 1, id FROM code;"
	              "CREATE TEMP TABLE k(n INTEGER PRIMARY KEY, id INTEGER);"
	              "INSERT INTO k SELECT row_number() OVER (ORDER BY id) - 1, id FROM coder;"
	              "WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i < 599) "
	              "INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", "
	              "weight, memo, created, modified) "
	              "SELECT printf('00000000-0000-4000-8000-%012d', (i * 7919) % 1000), d.id, c.id, "
	              "k.id, (i * 37) % 300 * 2, (i * 37) % 300 * 2 + 5 + i % 3, (i * 11) % 101, "
	              "CASE WHEN i % 9 = 0 THEN 'memo' ELSE '' END, '2025', '2025' FROM i "
	              "JOIN d ON d.n = (i * 31) % 5 JOIN c ON c.n = (i * 13) % 4 "
	              "JOIN k ON k.n = (i * 17) % 3;"
	              /* The same passages coded again by the next coder. */
	              "INSERT OR IGNORE INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", "
	              "weight, memo, created, modified) "
	              "SELECT printf('00000000-0000-4000-8000-%012d', 1000 + id), doc_id, code_id, "
	              "(SELECT id FROM k WHERE n = (SELECT (n + 1) % 3 FROM k WHERE id = coder_id)), "
	              "start, \"end\", weight, '', '2025', '2025' FROM segment WHERE id % 4 = 0;"
	              "DROP TABLE d; DROP TABLE c; DROP TABLE k;");
}

static void teardown(void)
{
	unit_project_close(st);
}

TestSuite(pages, .init = setup, .fini = teardown);

static void expect_same(const struct coding_segment *a, const struct coding_segment *b,
                        size_t i)
{
	cr_expect_str_eq(a->guid, b->guid, "segment %zu: expected %s, got %s", i, a->guid, b->guid);
	cr_expect_str_eq(a->doc, b->doc, "segment %zu: document", i);
	cr_expect_eq(a->doc_id, b->doc_id, "segment %zu: document id", i);
	cr_expect_eq(a->start, b->start, "segment %zu: start", i);
	cr_expect_eq(a->end, b->end, "segment %zu: end", i);
	cr_expect_str_eq(a->code, b->code, "segment %zu: code", i);
	cr_expect_str_eq(a->path, b->path, "segment %zu: path", i);
	cr_expect_str_eq(a->coder, b->coder, "segment %zu: coder", i);
	cr_expect_eq(a->weight, b->weight, "segment %zu: weight", i);
	cr_expect_str_eq(a->memo, b->memo, "segment %zu: memo", i);
}

/* The paged list of f, read in windows of `window`, against the whole
 * list; each segment found at its place. */
static size_t expect_pages(struct coding_filter f, size_t window)
{
	struct coding_segment *all;
	size_t n;
	f.positions_only = true;
	cr_assert_eq(coding_segments_list(st, &f, &all, &n, &err), ANKER_OK, "%s", err.msg);
	struct coding_pages *p;
	cr_assert_eq(coding_pages_open(st, &f, &p, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(coding_pages_count(p), n, "count: expected %zu, got %zu", n,
	             coding_pages_count(p));
	struct coding_segment *w = calloc(window, sizeof *w);
	/* From the end backwards, as G and k read them. */
	for (size_t first = n - n % window; first <= n; first -= window) {
		size_t got;
		cr_assert_eq(coding_pages_read(st, p, first, window, w, &got, &err), ANKER_OK, "%s",
		             err.msg);
		size_t want = n - first < window ? n - first : window;
		cr_assert_eq(got, want, "window at %zu: expected %zu segments, got %zu", first, want,
		             got);
		for (size_t k = 0; k < got; k++) {
			expect_same(&all[first + k], &w[k], first + k);
			coding_segment_free(&w[k]);
		}
		if (first < window)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		size_t pos = SIZE_MAX;
		cr_expect_eq(coding_pages_find(st, p, all[i].doc_id, all[i].guid, &pos, &err), ANKER_OK);
		cr_expect_eq(pos, i, "%s: expected at %zu, found at %zu", all[i].guid, i, pos);
	}
	cr_expect_eq(coding_pages_find(st, p, all[0].doc_id, "no such", &(size_t){ 0 }, &err),
	             ANKER_NOTFOUND);
	free(w);
	coding_pages_free(p);
	coding_segments_free(all, n);
	return n;
}

Test(pages, code_with_and_without_subcodes)
{
	struct coding_filter f = { .code = "1", .min_weight = -1 };
	size_t own = expect_pages(f, 7);
	f.subcodes = true;
	size_t with = expect_pages(f, 7);
	cr_expect(own > 20 && with > own, "expected a list to page through: %zu, %zu", own, with);
	cr_expect_gt(unit_query_int(st, "SELECT COUNT(*) FROM (SELECT 1 FROM segment "
	                                "GROUP BY doc_id, start, \"end\" HAVING COUNT(*) > 1)"), 10,
	             "expected passages coded by several coders");
	expect_pages(f, 1);
	expect_pages(f, 1000);
	f.code = "2";
	expect_pages(f, 5);
}

Test(pages, coder_weight_document)
{
	struct coding_filter f = { .code = "1", .subcodes = true, .coder = "bert", .min_weight = -1 };
	expect_pages(f, 6);
	f.min_weight = 50;
	expect_pages(f, 6);
	f = (struct coding_filter){ .code = "1.1", .subcodes = true, .doc = "doc 9", .min_weight = -1 };
	expect_pages(f, 4);
	f.coder = "cem";
	expect_pages(f, 4);
}

Test(pages, document_filters)
{
	struct corpus_doc_filter group = { .group = "G" };
	struct coding_filter f = { .code = "1", .subcodes = true, .docs = &group, .min_weight = -1 };
	expect_pages(f, 9);
	static const char *const names[] = { "eins", "doc 100" };
	struct corpus_doc_filter some = { .names = names, .nnames = 2 };
	f.docs = &some;
	f.coder = "anna";
	expect_pages(f, 9);
	f = (struct coding_filter){ .code = "1", .subcodes = true, .var_name = "Jahr",
	                            .var_value = "2024", .min_weight = -1 };
	expect_pages(f, 9);
}

Test(pages, empty_list_and_unknown_code)
{
	struct coding_filter f = { .code = "1", .doc = "doc 9", .coder = "anna", .min_weight = 101 };
	struct coding_pages *p;
	cr_assert_eq(coding_pages_open(st, &f, &p, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(coding_pages_count(p), 0);
	size_t got = 1;
	struct coding_segment w[1];
	cr_expect_eq(coding_pages_read(st, p, 0, 1, w, &got, &err), ANKER_OK);
	cr_expect_eq(got, 0);
	coding_pages_free(p);
	f = (struct coding_filter){ .code = "7", .min_weight = -1 };
	cr_expect_eq(coding_pages_open(st, &f, &p, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no code '7'"), "%s", err.msg);
}
