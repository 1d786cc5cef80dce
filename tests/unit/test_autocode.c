/* Unit tests for coding/autocode.c: every unit, --speaker, merging of hits
 * in one unit, skipping what the coder has, one step.  Positions are
 * hand-computed code points of the text below. */
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

/* Paragraphs, sentences and hits (code points):
 *   1 "Interview"                                       [0, 9)
 *   2 "I: Wie ist das Portal? Das Portal ist neu."       [10, 52)   turn I
 *        sentences [10, 32) [33, 52); Portal [25, 31) [37, 43); neu [48, 51)
 *   3 "B: Das Portal geht. Aber das Portal ist langsam." [53, 101)  turn B
 *        sentences [53, 72) [73, 101); Portal [60, 66) [82, 88)
 *   4 ""                                                [102, 102)
 *   5 "I: Und sonst?"                                   [103, 116)  turn I */
static const char text1[] =
	"Interview\n"
	"I: Wie ist das Portal? Das Portal ist neu.\n"
	"B: Das Portal geht. Aber das Portal ist langsam.\n"
	"\n"
	"I: Und sonst?";

static const char codebook_txt[] = "T\n\nCodesystem\n\n1 Portal\n2 Sonstiges\n";

static void import_doc(const char *name, const char *text)
{
	unit_import_doc(st, name, text, strlen(text), NULL, NULL, NULL);
}

static void setup(void)
{
	st = unit_project_open();
	import_doc("eins", text1);
	import_doc("zwei", "B: Kein Portal hier? Doch, ein Portal.\n");
	unit_import_codebook(st, codebook_txt, sizeof codebook_txt - 1, NULL);
}

static void teardown(void)
{
	unit_project_close(st);
}

TestSuite(autocode, .init = setup, .fini = teardown);

static int64_t count(const char *sql)
{
	return unit_query_int(st, sql);
}

static struct coding_autocode_report run(const char *pattern, enum coding_unit unit,
                                         const char *speaker, const char *doc)
{
	struct coding_autocode a = { .pattern = pattern, .code = "1", .unit = unit,
	                             .speaker = speaker, .doc = doc, .coder = "anna" };
	struct coding_autocode_report rep;
	cr_assert_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_OK, "%s", err.msg);
	return rep;
}

/* The segments of document doc as "start-end" joined by spaces. */
static char *ranges(const char *doc)
{
	struct coding_filter f = { .doc = doc, .min_weight = -1 };
	struct coding_segment *v;
	size_t n;
	cr_assert_eq(coding_segments_list(st, &f, &v, &n, &err), ANKER_OK, "%s", err.msg);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%zu-%zu", i ? " " : "", v[i].start, v[i].end);
	coding_segments_free(v, n);
	return sb_steal(&sb);
}

static void expect_ranges(const char *doc, const char *want)
{
	char *got = ranges(doc);
	cr_expect_str_eq(got, want, "%s: expected [%s], got [%s]", doc, want, got);
	free(got);
}

static void expect_report(struct coding_autocode_report r, size_t hits, size_t added,
                          size_t skipped)
{
	cr_expect(r.hits == hits && r.added == added && r.skipped == skipped,
	          "expected %zu hits, %zu added, %zu skipped; got %zu, %zu, %zu", hits, added,
	          skipped, r.hits, r.added, r.skipped);
}

Test(autocode, unit_hit)
{
	expect_report(run("Portal", CODING_UNIT_HIT, NULL, "eins"), 4, 4, 0);
	expect_ranges("eins", "25-31 37-43 60-66 82-88");
	expect_ranges("zwei", "");
}

Test(autocode, unit_sentence_merges_hits_in_one_sentence)
{
	/* "Das Portal ist neu." holds two hits: one segment. */
	expect_report(run("Portal|neu", CODING_UNIT_SENTENCE, NULL, "eins"), 5, 4, 0);
	expect_ranges("eins", "10-32 33-52 53-72 73-101");
}

Test(autocode, unit_paragraph)
{
	expect_report(run("Portal", CODING_UNIT_PARAGRAPH, NULL, "eins"), 4, 2, 0);
	expect_ranges("eins", "10-52 53-101");
}

Test(autocode, unit_turn)
{
	expect_report(run("Portal|sonst", CODING_UNIT_TURN, NULL, "eins"), 5, 3, 0);
	expect_ranges("eins", "10-52 53-101 103-116");
}

Test(autocode, unit_turn_outside_turns_takes_the_paragraph)
{
	expect_report(run("Interview", CODING_UNIT_TURN, NULL, "eins"), 1, 1, 0);
	expect_ranges("eins", "0-9");
}

Test(autocode, speaker_keeps_only_that_speakers_hits)
{
	expect_report(run("Portal", CODING_UNIT_HIT, "B", "eins"), 2, 2, 0);
	expect_ranges("eins", "60-66 82-88");
	expect_report(run("Portal|Und", CODING_UNIT_SENTENCE, "I", NULL), 3, 3, 0);
	expect_ranges("eins", "10-32 33-52 60-66 82-88 103-116");
	expect_report(run("Portal", CODING_UNIT_HIT, "X", NULL), 0, 0, 0);
}

Test(autocode, all_documents_and_ignore_case)
{
	struct coding_autocode a = { .pattern = "portal", .code = "Portal", .icase = true,
	                             .coder = "anna" };
	struct coding_autocode_report rep;
	cr_assert_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_OK, "%s", err.msg);
	expect_report(rep, 6, 6, 0);
	/* "B: Kein Portal hier? Doch, ein Portal." */
	expect_ranges("zwei", "8-14 31-37");
	a.icase = false;
	cr_assert_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_OK, "%s", err.msg);
	expect_report(rep, 0, 0, 0);
}

Test(autocode, existing_skipped_and_one_step)
{
	int64_t steps = count("SELECT COUNT(DISTINCT step) FROM log");
	expect_report(run("Portal", CODING_UNIT_SENTENCE, NULL, NULL), 6, 6, 0);
	cr_expect_eq(count("SELECT COUNT(DISTINCT step) FROM log"), steps + 1, "one undo step");
	cr_expect_eq(count("SELECT COUNT(*) FROM log WHERE action = 'autocode'"), 6);
	int64_t log = count("SELECT COUNT(*) FROM log");
	expect_report(run("Portal", CODING_UNIT_SENTENCE, NULL, NULL), 6, 0, 6);
	cr_expect_eq(count("SELECT COUNT(*) FROM log"), log, "nothing added, nothing logged");
	/* Paragraph 3 is new as a range; paragraph 2 too. */
	expect_report(run("Portal", CODING_UNIT_PARAGRAPH, NULL, NULL), 6, 3, 0);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 9);
	/* Another coder has none of them. */
	struct coding_autocode a = { .pattern = "Portal", .code = "1", .coder = "bert",
	                             .unit = CODING_UNIT_SENTENCE };
	struct coding_autocode_report rep;
	cr_assert_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_OK, "%s", err.msg);
	expect_report(rep, 6, 6, 0);
}

Test(autocode, errors_change_nothing)
{
	int64_t log = count("SELECT COUNT(*) FROM log");
	struct coding_autocode a = { .pattern = "(Portal", .code = "1", .coder = "anna" };
	struct coding_autocode_report rep;
	cr_expect_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "bad pattern"), "%s", err.msg);
	a.pattern = "Portal";
	a.code = "9";
	cr_expect_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no code '9'"), "%s", err.msg);
	a.code = "1";
	a.doc = "drei";
	cr_expect_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no document 'drei'"), "%s", err.msg);
	a.doc = NULL;
	a.pattern = "";
	cr_expect_eq(coding_autocode_run(st, &a, &rep, &err), ANKER_INPUT);
	cr_expect_eq(count("SELECT COUNT(*) FROM segment"), 0);
	cr_expect_eq(count("SELECT COUNT(*) FROM log"), log);
}

Test(autocode, white_space_hits_are_not_coded)
{
	/* " \n" between paragraphs: hits, but nothing codable (the line feed
	 * asked for: a match does not take one otherwise). */
	expect_report(run("\\s*\\n(?=I:)", CODING_UNIT_HIT, NULL, "eins"), 2, 0, 0);
	expect_ranges("eins", "");
}

Test(autocode, unit_names_parse_back)
{
	static const char *const names[] = { "hit", "sentence", "paragraph", "turn" };
	for (int u = CODING_UNIT_HIT; u <= CODING_UNIT_TURN; u++) {
		enum coding_unit back;
		cr_assert_str_eq(coding_unit_name((enum coding_unit)u), names[u]);
		cr_assert(coding_unit_parse(names[u], &back));
		cr_assert_eq((int)back, u);
	}
	enum coding_unit x = CODING_UNIT_TURN;
	cr_assert(!coding_unit_parse("word", &x));
	cr_assert(!coding_unit_parse("", &x));
	cr_assert(!coding_unit_parse("Sentence", &x), "names are lower case");
	cr_assert_eq(x, CODING_UNIT_TURN, "unchanged when unknown");
}
