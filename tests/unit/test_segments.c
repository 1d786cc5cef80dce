/* Unit tests for coding/segments.c and coding/retrieve.c: mark, unmark,
 * segment set, find, list.  Positions are hand-computed code points of
 * the texts below (umlauts are 2 bytes, the emoji 4: bytes would differ). */
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

static void open_project(void)
{
	st = unit_project_open();
}

static void close_project(void)
{
	unit_project_close(st);
}

/* Paragraphs and their code point ranges:
 *   1 "Kopf"                             [0, 4)
 *   2 "I: Grüße aus Köln. Wie geht's?"   [5, 35)    "Grüße" [8, 13)
 *   3 ""                                 [36, 36)
 *   4 "B: Gut 😀 danke. Schön!"          [37, 59)   "😀" [44, 45)
 *   5 "I: Und sonst?"                    [60, 73)   73 characters in all */
static const char text1[] =
	"Kopf\nI: Grüße aus Köln. Wie geht's?\n\nB: Gut 😀 danke. Schön!\nI: Und sonst?";

static const char codebook_txt[] =
	"T\n\nCodesystem\n\n1 Alpha\n1.1 Beta\n1.1.1 Gamma\n2 Delta\n2.1 Sonstiges\n3 Sonstiges\n";

static void import_doc(const char *name, const char *group, const char *var, const char *text)
{
	unit_import_doc(st, name, text, strlen(text), group, var, NULL);
}

static void setup(void)
{
	open_project();
	import_doc("eins", NULL, NULL, text1);
	unit_import_codebook(st, codebook_txt, sizeof codebook_txt - 1, NULL);
}

static int64_t count(const char *sql)
{
	return unit_query_int(st, sql);
}

static int mark(const char *doc, const char *code, size_t start, size_t end, const char *coder,
                char guid[37])
{
	struct coding_mark m = { .doc = doc, .code = code, .start = start, .end = end,
	                         .coder = coder ? coder : "anna" };
	char dummy[37];
	return coding_mark(st, &m, guid ? guid : dummy, &err);
}

static void expect_segment(const char *guid, size_t start, size_t end, size_t p1, size_t p2,
                           const char *text)
{
	struct coding_segment s;
	cr_assert_eq(coding_segment_find(st, guid, &s, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(s.start, start, "start: expected %zu, got %zu", start, s.start);
	cr_expect_eq(s.end, end, "end: expected %zu, got %zu", end, s.end);
	cr_expect_eq(s.para_first, p1, "Pos. from: expected %zu, got %zu", p1, s.para_first);
	cr_expect_eq(s.para_last, p2, "Pos. to: expected %zu, got %zu", p2, s.para_last);
	cr_expect_str_eq(s.text, text, "text: expected '%s', got '%s'", text, s.text);
	coding_segment_free(&s);
}

TestSuite(segments, .init = setup, .fini = close_project);

Test(segments, mark_counts_code_points_not_bytes)
{
	char g[37];
	cr_assert_eq(mark("eins", "1.1", 8, 13, NULL, g), ANKER_OK, "%s", err.msg);
	cr_assert_eq(strlen(g), 36, "GUID '%s'", g);
	expect_segment(g, 8, 13, 2, 2, "Grüße");
	cr_assert_eq(mark("eins", "1.1", 44, 45, NULL, g), ANKER_OK, "%s", err.msg);
	expect_segment(g, 44, 45, 4, 4, "😀");
	cr_assert_eq(mark("eins", "1.1", 70, 73, NULL, g), ANKER_OK, "%s", err.msg);
	expect_segment(g, 70, 73, 5, 5, "st?");
}

Test(segments, mark_over_paragraph_boundaries)
{
	char g[37];
	cr_assert_eq(mark("eins", "Beta", 28, 43, NULL, g), ANKER_OK, "%s", err.msg);
	expect_segment(g, 28, 43, 2, 4, "geht's?\n\nB: Gut");
	struct coding_segment s;
	cr_assert_eq(coding_segment_find(st, g, &s, &err), ANKER_OK);
	cr_expect_str_eq(s.code, "1.1");
	cr_expect_str_eq(s.path, "Alpha >> Beta");
	cr_expect_str_eq(s.doc, "eins");
	cr_expect_str_eq(s.coder, "anna");
	coding_segment_free(&s);
}

Test(segments, mark_lines)
{
	struct coding_mark m = { .doc = "eins", .code = "2", .lines = true, .first = 4, .last = 5,
	                         .weight = 30, .memo = "zwei Absätze" };
	char g[37];
	cr_assert_eq(coding_mark(st, &m, g, &err), ANKER_OK, "%s", err.msg);
	expect_segment(g, 37, 73, 4, 5, "B: Gut 😀 danke. Schön!\nI: Und sonst?");
	m.first = m.last = 2;
	cr_assert_eq(coding_mark(st, &m, g, &err), ANKER_OK, "%s", err.msg);
	expect_segment(g, 5, 35, 2, 2, "I: Grüße aus Köln. Wie geht's?");
	struct coding_segment s;
	cr_assert_eq(coding_segment_find(st, g, &s, &err), ANKER_OK);
	cr_expect_eq(s.weight, 30);
	cr_expect_str_eq(s.memo, "zwei Absätze");
	coding_segment_free(&s);
	/* Paragraph 3 is empty; 6 does not exist. */
	m.first = m.last = 3;
	cr_assert_eq(coding_mark(st, &m, g, &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "empty range"), "%s", err.msg);
	m.first = 5;
	m.last = 6;
	cr_assert_eq(coding_mark(st, &m, g, &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "5 paragraphs"), "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 2);
}

Test(segments, bad_ranges_refused_and_nothing_written)
{
	struct { size_t s, e; const char *msg; } bad[] = {
		{ 10, 10, "empty range" }, { 20, 10, "reversed range" },
		{ 70, 74, "outside eins (73 characters)" }, { 35, 37, "only white space" },
		{ 43, 44, "only white space" },
	};
	int64_t log = count("SELECT COUNT(*) FROM log");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_eq(mark("eins", "1", bad[i].s, bad[i].e, NULL, NULL), ANKER_INPUT,
		             "%zu-%zu accepted", bad[i].s, bad[i].e);
		cr_expect(strstr(err.msg, bad[i].msg), "%zu-%zu: expected '%s', got '%s'", bad[i].s,
		          bad[i].e, bad[i].msg, err.msg);
	}
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 0);
	cr_expect_eq(count("SELECT COUNT(*) FROM log"), log);
}

Test(segments, unknown_doc_and_code)
{
	cr_assert_eq(mark("nix", "1", 0, 4, NULL, NULL), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no document 'nix'"), "%s", err.msg);
	cr_assert_eq(mark("eins", "9.9", 0, 4, NULL, NULL), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no code '9.9'"), "%s", err.msg);
	cr_assert_eq(mark("eins", "Sonstiges", 0, 4, NULL, NULL), ANKER_INPUT);
	cr_expect(strstr(err.msg, "ambiguous") && strstr(err.msg, "2.1") && strstr(err.msg, "3"),
	          "%s", err.msg);
	cr_assert_eq(mark("eins", "Delta >> Sonstiges", 0, 4, NULL, NULL), ANKER_OK, "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 1);
}

Test(segments, weight_out_of_range)
{
	struct coding_mark m = { .doc = "eins", .code = "1", .start = 0, .end = 4, .weight = 101 };
	char g[37];
	cr_assert_eq(coding_mark(st, &m, g, &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "weight 101"), "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 0);
}

Test(segments, two_coders_same_range_allowed_duplicate_refused)
{
	char a[37], b[37];
	cr_assert_eq(mark("eins", "1", 0, 4, "anna", a), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("eins", "1", 0, 4, "bert", b), ANKER_OK, "%s", err.msg);
	cr_expect_str_neq(a, b);
	int64_t log = count("SELECT COUNT(*) FROM log");
	cr_assert_eq(mark("eins", "1", 0, 4, "anna", NULL), ANKER_EXISTS);
	char short_a[9];
	memcpy(short_a, a, 8);
	short_a[8] = '\0';
	cr_expect(strstr(err.msg, "already") && strstr(err.msg, short_a),
	          "expected 'already' and %s, got '%s'", short_a, err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 2);
	cr_expect_eq(count("SELECT COUNT(*) FROM log"), log);
	/* Another code, or another range, is another coding. */
	cr_expect_eq(mark("eins", "2", 0, 4, "anna", NULL), ANKER_OK);
	cr_expect_eq(mark("eins", "1", 0, 3, "anna", NULL), ANKER_OK);
}

/* The log entry of the newest step: action, before and after. */
static void last_log(char *action, size_t n, bool *before, bool *after, char *guid)
{
	struct store_stmt *s;
	cr_assert_eq(store_prepare(st, "SELECT action, before IS NOT NULL, after IS NOT NULL, guid, "
	                               "coalesce(before, after) FROM log ORDER BY id DESC LIMIT 1",
	                           &s, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_step(s, &err), 1);
	snprintf(action, n, "%s", store_col_text(s, 0));
	*before = store_col_int(s, 1);
	*after = store_col_int(s, 2);
	cr_expect_str_eq(store_col_text(s, 3), guid);
	cr_expect(strstr(store_col_text(s, 4), guid), "row JSON without the GUID: %s",
	          store_col_text(s, 4));
	store_done(s);
}

Test(segments, every_change_is_logged_with_its_rows)
{
	char g[37], action[64];
	bool before, after;
	cr_assert_eq(mark("eins", "1", 0, 4, NULL, g), ANKER_OK, "%s", err.msg);
	last_log(action, sizeof action, &before, &after, g);
	cr_expect_str_eq(action, "mark");
	cr_expect(!before && after, "mark: before %d, after %d", before, after);
	struct coding_segment_change c = { .set_weight = true, .weight = 80 };
	cr_assert_eq(coding_segment_set(st, g, &c, &err), ANKER_OK, "%s", err.msg);
	last_log(action, sizeof action, &before, &after, g);
	cr_expect_str_eq(action, "segment set");
	cr_expect(before && after, "set: before %d, after %d", before, after);
	cr_assert_eq(coding_unmark(st, g, &err), ANKER_OK, "%s", err.msg);
	last_log(action, sizeof action, &before, &after, g);
	cr_expect_str_eq(action, "unmark");
	cr_expect(before && !after, "unmark: before %d, after %d", before, after);
	cr_expect_eq(count("SELECT COUNT(DISTINCT step) FROM log WHERE entity = 'segment'"), 3);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 0);
}

/* Segments with chosen GUIDs, to make prefixes collide. */
static void insert_guid(const char *guid, size_t start, size_t end)
{
	struct store_stmt *s;
	cr_assert_eq(store_exec(st, "INSERT OR IGNORE INTO coder(guid, name) VALUES ('c', 'anna')",
	                        &err), ANKER_OK);
	cr_assert_eq(store_prepare(st, "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, "
	                               "\"end\", created, modified) SELECT :guid, (SELECT id FROM "
	                               "document), (SELECT id FROM code WHERE number = '1'), "
	                               "(SELECT id FROM coder WHERE name = 'anna'), :s, :e, 'x', 'x'",
	                           &s, &err), ANKER_OK, "%s", err.msg);
	store_bind_text(s, ":guid", guid, &err);
	store_bind_int(s, ":s", (int64_t)start, &err);
	store_bind_int(s, ":e", (int64_t)end, &err);
	cr_assert_eq(store_step(s, &err), 0, "%s", err.msg);
	store_done(s);
}

Test(segments, find_and_unmark_by_prefix)
{
	insert_guid("abcd1111-0000-4000-8000-000000000001", 0, 4);
	insert_guid("abcd2222-0000-4000-8000-000000000002", 8, 13);
	cr_assert_eq(coding_unmark(st, "abcd", &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "ambiguous") && strstr(err.msg, "abcd1111-") &&
	          strstr(err.msg, "abcd2222-"), "%s", err.msg);
	cr_assert_eq(coding_unmark(st, "abc", &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "at least 4"), "%s", err.msg);
	cr_assert_eq(coding_unmark(st, "abcd3", &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no segment 'abcd3'"), "%s", err.msg);
	cr_assert_eq(coding_unmark(st, "xyz!", &err), ANKER_NOTFOUND);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 2);
	expect_segment("ABCD2", 8, 13, 2, 2, "Grüße");
	cr_assert_eq(coding_unmark(st, "abcd2", &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 1);
	cr_assert_eq(coding_unmark(st, "abcd1111-0000-4000-8000-000000000001", &err), ANKER_OK);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 0);
}

Test(segments, set_changes_and_checks)
{
	char g[37], h[37];
	cr_assert_eq(mark("eins", "1", 8, 13, NULL, g), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("eins", "1", 5, 13, NULL, h), ANKER_OK, "%s", err.msg);
	struct coding_segment_change c = { .set_end = true, .end = 18, .set_memo = true,
	                                   .memo = "neu", .set_weight = true, .weight = 5 };
	cr_assert_eq(coding_segment_set(st, g, &c, &err), ANKER_OK, "%s", err.msg);
	expect_segment(g, 8, 18, 2, 2, "Grüße aus ");
	struct coding_segment s;
	cr_assert_eq(coding_segment_find(st, g, &s, &err), ANKER_OK);
	cr_expect_str_eq(s.memo, "neu");
	cr_expect_eq(s.weight, 5);
	coding_segment_free(&s);

	int64_t log = count("SELECT COUNT(*) FROM log");
	struct coding_segment_change bad[] = {
		{ .set_start = true, .start = 18 },                     /* empty */
		{ .set_start = true, .start = 20 },                     /* reversed */
		{ .set_end = true, .end = 74 },                         /* outside */
		{ .set_start = true, .start = 35, .set_end = true, .end = 37 },  /* white space */
		{ .set_start = true, .start = 5, .set_end = true, .end = 13 },   /* identical to h */
		{ .set_weight = true, .weight = -1 },
	};
	const char *msg[] = { "empty", "reversed", "outside", "white space", "already", "weight" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = coding_segment_set(st, g, &bad[i], &err);
		cr_expect(rc == ANKER_INPUT || rc == ANKER_EXISTS, "change %zu accepted", i);
		cr_expect(strstr(err.msg, msg[i]), "change %zu: expected '%s', got '%s'", i, msg[i],
		          err.msg);
	}
	expect_segment(g, 8, 18, 2, 2, "Grüße aus ");
	/* A change to the same values is no change: nothing logged. */
	struct coding_segment_change same = { .set_end = true, .end = 18, .set_memo = true,
	                                      .memo = "neu" };
	cr_assert_eq(coding_segment_set(st, g, &same, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM log"), log);
	/* Another coder's identical coding does not block the change. */
	cr_assert_eq(mark("eins", "1", 0, 4, "bert", NULL), ANKER_OK);
	struct coding_segment_change to_bert = { .set_start = true, .start = 0, .set_end = true,
	                                         .end = 4 };
	cr_assert_eq(coding_segment_set(st, g, &to_bert, &err), ANKER_OK, "%s", err.msg);
	expect_segment(g, 0, 4, 1, 1, "Kopf");
}

/* ---------------------------------------------------------------------- */
/* Retrieval */

static void setup_retrieve(void)
{
	setup();
	/* "doc 10" sorts after "doc 9" (natural order); both are in group G,
	 * and ungrouped documents (eins) come last, as in `docs`. */
	import_doc("doc 10", "G", "Jahr=2024", "Erste Zeile\nZweite Zeile\n");
	import_doc("doc 9", "G", "Jahr=2023", "Neun eins\nNeun zwei\n");
}

TestSuite(retrieve, .init = setup_retrieve, .fini = close_project);

static size_t list(const struct coding_filter *f, struct coding_segment **v)
{
	size_t n;
	cr_assert_eq(coding_segments_list(st, f, v, &n, &err), ANKER_OK, "%s", err.msg);
	return n;
}

/* The listed segments as "doc:start-end:code:coder" joined by spaces. */
static char *listing(const struct coding_filter *f)
{
	struct coding_segment *v;
	size_t n = list(f, &v);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%s:%zu-%zu:%s:%s", i ? " " : "", v[i].doc, v[i].start, v[i].end,
		        v[i].code, v[i].coder);
	coding_segments_free(v, n);
	return sb_steal(&sb);
}

static void expect_listing(const struct coding_filter *f, const char *want)
{
	char *got = listing(f);
	cr_expect_str_eq(got, want, "expected [%s], got [%s]", want, got);
	free(got);
}

static void mark_all(void)
{
	struct coding_mark m = { .doc = "eins", .code = "1.1.1", .start = 8, .end = 13,
	                         .coder = "anna", .weight = 50 };
	char g[37];
	cr_assert_eq(coding_mark(st, &m, g, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("eins", "1", 5, 35, "anna", NULL), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("eins", "2", 5, 35, "bert", NULL), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("doc 10", "1.1", 0, 5, "bert", NULL), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("doc 9", "1.1", 10, 19, "anna", NULL), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("doc 9", "2.1", 0, 4, "anna", NULL), ANKER_OK, "%s", err.msg);
}

Test(retrieve, all_in_document_order)
{
	mark_all();
	struct coding_filter f = { .min_weight = -1 };
	/* As `docs` lists them: by group (ungrouped last), then name in natural
	 * order; within a document by start, end, code. */
	expect_listing(&f, "doc 9:0-4:2.1:anna doc 9:10-19:1.1:anna doc 10:0-5:1.1:bert "
	                   "eins:5-35:1:anna eins:5-35:2:bert eins:8-13:1.1.1:anna");
}

Test(retrieve, code_with_and_without_subcodes)
{
	mark_all();
	struct coding_filter f = { .code = "1", .min_weight = -1 };
	expect_listing(&f, "eins:5-35:1:anna");
	f.subcodes = true;
	expect_listing(&f, "doc 9:10-19:1.1:anna doc 10:0-5:1.1:bert eins:5-35:1:anna "
	                   "eins:8-13:1.1.1:anna");
	f.code = "Beta";
	expect_listing(&f, "doc 9:10-19:1.1:anna doc 10:0-5:1.1:bert eins:8-13:1.1.1:anna");
	f.code = "Delta";
	f.subcodes = false;
	expect_listing(&f, "eins:5-35:2:bert");
}

Test(retrieve, doc_coder_weight_var)
{
	mark_all();
	struct coding_filter f = { .doc = "doc 9", .min_weight = -1 };
	expect_listing(&f, "doc 9:0-4:2.1:anna doc 9:10-19:1.1:anna");
	f = (struct coding_filter){ .coder = "bert", .min_weight = -1 };
	expect_listing(&f, "doc 10:0-5:1.1:bert eins:5-35:2:bert");
	f = (struct coding_filter){ .min_weight = 50 };
	expect_listing(&f, "eins:8-13:1.1.1:anna");
	f = (struct coding_filter){ .var_name = "Jahr", .var_value = "2024", .min_weight = -1 };
	expect_listing(&f, "doc 10:0-5:1.1:bert");
	f = (struct coding_filter){ .code = "1", .subcodes = true, .doc = "doc 9",
	                            .coder = "anna", .min_weight = -1 };
	expect_listing(&f, "doc 9:10-19:1.1:anna");
	f = (struct coding_filter){ .code = "1", .subcodes = true, .var_name = "Jahr",
	                            .var_value = "1999", .min_weight = -1 };
	expect_listing(&f, "");
}

Test(retrieve, unknown_filters_fail)
{
	struct coding_segment *v;
	size_t n;
	struct coding_filter f = { .code = "7", .min_weight = -1 };
	cr_expect_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no code '7'"), "%s", err.msg);
	f = (struct coding_filter){ .doc = "nix", .min_weight = -1 };
	cr_expect_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_NOTFOUND);
	f = (struct coding_filter){ .coder = "niemand", .min_weight = -1 };
	cr_expect_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no coder 'niemand'"), "%s", err.msg);
	f = (struct coding_filter){ .var_name = "Ort", .var_value = "x", .min_weight = -1 };
	cr_expect_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "variable 'Ort'"), "%s", err.msg);
}

Test(retrieve, text_and_pos)
{
	cr_assert_eq(mark("eins", "1", 28, 43, NULL, NULL), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("eins", "1", 44, 45, NULL, NULL), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mark("doc 10", "1", 6, 17, NULL, NULL), ANKER_OK, "%s", err.msg);
	struct coding_segment *v;
	struct coding_filter f = { .min_weight = -1, .with_text = true };
	size_t n = list(&f, &v);
	cr_assert_eq(n, 3);
	cr_expect_str_eq(v[0].text, "Zeile\nZweit");
	cr_expect_eq(v[0].para_first, 1);
	cr_expect_eq(v[0].para_last, 2);
	cr_expect_str_eq(v[1].text, "geht's?\n\nB: Gut");
	cr_expect_eq(v[1].para_first, 2);
	cr_expect_eq(v[1].para_last, 4);
	cr_expect_str_eq(v[2].text, "😀");
	cr_expect_eq(v[2].para_first, 4);
	cr_expect_eq(v[2].para_last, 4);
	coding_segments_free(v, n);
	f.with_text = false;
	n = list(&f, &v);
	cr_expect_null(v[1].text);
	cr_expect_eq(v[1].para_last, 4, "Pos. is there without the text");
	coding_segments_free(v, n);
}

static char *table_of(const struct coding_filter *f, bool split, enum report_format fmt)
{
	struct coding_segment *v;
	size_t n = list(f, &v);
	struct report_table t;
	struct strbuf out = {0};
	coding_segments_table(v, n, split, &t);
	report_table_write(&t, fmt, 0, &out);
	report_table_free(&t);
	coding_segments_free(v, n);
	return sb_steal(&out);
}

Test(retrieve, table_columns_and_split_path)
{
	mark_all();
	struct coding_filter f = { .code = "1", .subcodes = true, .doc = "eins", .min_weight = -1,
	                           .with_text = true };
	char *tsv = table_of(&f, false, REPORT_TSV);
	const char *header = "GUID\tDocument\tPos.\tStart\tEnd\tCode\tPath\tCoder\tWeight\tMemo\tText\n";
	cr_expect(strncmp(tsv, header, strlen(header)) == 0, "header: %s", tsv);
	cr_expect(strstr(tsv, "\teins\t2\t8\t13\t1.1.1\tAlpha >> Beta >> Gamma\tanna\t50\t\tGrüße\n"),
	          "%s", tsv);
	free(tsv);
	/* Deepest path 3: CAT1..CAT3; "Alpha" alone leaves CAT2 and CAT3 empty. */
	tsv = table_of(&f, true, REPORT_TSV);
	cr_expect(strstr(tsv, "\tCode\tCAT1\tCAT2\tCAT3\tCoder\t"), "%s", tsv);
	cr_expect(strstr(tsv, "\t1\tAlpha\t\t\tanna\t"), "%s", tsv);
	cr_expect(strstr(tsv, "\t1.1.1\tAlpha\tBeta\tGamma\tanna\t"), "%s", tsv);
	free(tsv);
	/* Only depth 2 among these rows: two CAT columns. */
	f = (struct coding_filter){ .code = "2", .subcodes = true, .min_weight = -1 };
	tsv = table_of(&f, true, REPORT_TSV);
	cr_expect(strstr(tsv, "\tCode\tCAT1\tCAT2\tCoder\t") && !strstr(tsv, "CAT3"), "%s", tsv);
	cr_expect(strstr(tsv, "\t2\tDelta\t\tbert\t") && strstr(tsv, "\t2.1\tDelta\tSonstiges\t"),
	          "%s", tsv);
	free(tsv);
}

Test(retrieve, json_keys_and_types)
{
	cr_assert_eq(mark("eins", "1", 28, 43, NULL, NULL), ANKER_OK, "%s", err.msg);
	struct coding_filter f = { .min_weight = -1, .with_text = true };
	char *json = table_of(&f, false, REPORT_JSON);
	cr_expect(strstr(json, "\"document\": \"eins\", \"pos\": \"2-4\", \"start\": 28, \"end\": 43, "
	                       "\"code\": \"1\", \"path\": \"Alpha\", \"coder\": \"anna\", "
	                       "\"weight\": 0, \"memo\": \"\", \"text\": \"geht's?\\n\\nB: Gut\"}"),
	          "%s", json);
	free(json);
}

/* Text stored as given must be UTF-8, checked by the module for every
 * caller (command line, TUI, imports): a memo on a new or changed coding. */
Test(segments, memo_must_be_utf8)
{
	struct coding_mark m = { .doc = "eins", .code = "1", .start = 0, .end = 5, .coder = "anna",
	                         .memo = "ab\xff" };
	char guid[37];
	int64_t before = count("SELECT COUNT(*) FROM segment");
	cr_expect_eq(coding_mark(st, &m, guid, &err), ANKER_INPUT);
	cr_expect(strncmp(err.msg, "memo: byte offset 2: invalid UTF-8", 34) == 0, "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), before, "nothing written");
	cr_assert_eq(mark("eins", "1", 0, 5, NULL, guid), ANKER_OK, "%s", err.msg);
	struct coding_segment_change c = { .set_memo = true, .memo = "ok\xc3" };
	cr_expect_eq(coding_segment_set(st, guid, &c, &err), ANKER_INPUT);
	cr_expect(strncmp(err.msg, "memo: byte offset 2: invalid UTF-8", 34) == 0, "%s", err.msg);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment WHERE memo <> ''"), 0, "memo unchanged");
}
