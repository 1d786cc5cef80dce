/* Unit tests for analysis/cooc_pairs.c: the segment pairs behind a cell of
 * the co-occurrence matrix, in every mode, hand-computed on a small
 * project. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../codebook/codebook.h"
#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "../../analysis/analysis.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;

/* Paragraphs of "a": P1 [0,15) P2 [15,25) P3 [25,35) P4 [35,40). */
static const char doc_a[] = "aaaa bbbb cccc\ndddd eeee\nffff gggg\nhhhh\n";
static const char doc_b[] = "iiii jjjj\n";
static const char codebook_txt[] =
	"Codebuch\n\nCodesystem\n\n1 X\n1.1 Xsub\n2 Y\n";

static void import(const char *name, const char *text)
{
	unit_import_doc(st, name, text, strlen(text), NULL, NULL, NULL);
}

static void mark(const char *doc, const char *code, const char *coder, size_t start, size_t end)
{
	struct coding_mark m = { .doc = doc, .code = code, .start = start, .end = end,
	                         .coder = coder };
	char guid[37];
	cr_assert_eq(coding_mark(st, &m, guid, &err), ANKER_OK, "%s", err.msg);
}

/* s1 a X [0,9) P1; s2 a Y [5,14) P1; s3 a Y [25,29) P3; s4 a Xsub [27,34) P3;
 * s5 b X [0,4); s6 b Y [5,9) by bob; the rest by alice. */
static void open_project(void)
{
	st = unit_project_open();
	import("a", doc_a);
	import("b", doc_b);
	unit_import_codebook(st, codebook_txt, sizeof codebook_txt - 1, NULL);
	mark("a", "1", "alice", 0, 9);
	mark("a", "2", "alice", 5, 14);
	mark("a", "2", "alice", 25, 29);
	mark("a", "1.1", "alice", 27, 34);
	mark("b", "1", "alice", 0, 4);
	mark("b", "2", "bob", 5, 9);
}

static void close_project(void)
{
	unit_project_close(st);
}

TestSuite(cooc_pairs, .init = open_project, .fini = close_project);

/* The pairs of cell (a, b) as "doc:startA-startB ..." */
static void pairs(enum analysis_cooc_mode mode, unsigned near, const char *a, const char *b,
                  bool rollup, const char *coder, const char *want)
{
	struct analysis_cooc_pairs_opts o = { .mode = mode, .near = near, .a = a, .b = b,
	                                    .rollup = rollup, .coder = coder };
	struct analysis_cooc_pairs p;
	cr_assert_eq(analysis_cooc_pairs(st, &o, &p, &err), ANKER_OK, "%s", err.msg);
	struct strbuf sb = {0};
	for (size_t i = 0; i < p.n; i++) {
		const struct coding_segment *x = &p.segs[p.pairs[i].a], *y = &p.segs[p.pairs[i].b];
		sb_addf(&sb, "%s%s:%zu-%zu", i ? " " : "", x->doc, x->start, y->start);
	}
	cr_assert_str_eq(sb_str(&sb), want, "mode %d near %u %s x %s rollup %d: expected '%s', got '%s'",
	                 mode, near, a, b, rollup, want, sb_str(&sb));
	sb_free(&sb);
	analysis_cooc_pairs_free(&p);
}

Test(cooc_pairs, overlap)
{
	pairs(ANALYSIS_COOC_OVERLAP, 0, "1", "2", false, NULL, "a:0-5");
	pairs(ANALYSIS_COOC_OVERLAP, 0, "2", "1", false, NULL, "a:5-0");
	/* with roll-up Xsub's s4 counts as X and overlaps s3 */
	pairs(ANALYSIS_COOC_OVERLAP, 0, "1", "2", true, NULL, "a:0-5 a:27-25");
	/* a subcode segment pairs with itself under its parent */
	pairs(ANALYSIS_COOC_OVERLAP, 0, "1", "1.1", true, NULL, "a:27-27");
}

Test(cooc_pairs, near_and_units)
{
	pairs(ANALYSIS_COOC_NEAR, 1, "1", "2", false, NULL, "a:0-5 b:0-5");
	pairs(ANALYSIS_COOC_NEAR, 2, "1", "2", false, NULL, "a:0-5 a:0-25 b:0-5");
	pairs(ANALYSIS_COOC_PARAGRAPH, 0, "1", "2", false, NULL, "a:0-5 b:0-5");
	pairs(ANALYSIS_COOC_DOCUMENT, 0, "1", "2", false, NULL, "a:0-5 a:0-25 b:0-5");
	pairs(ANALYSIS_COOC_DOCUMENT, 0, "1", "2", false, "alice", "a:0-5 a:0-25");
}

Test(cooc_pairs, diagonal_texts_and_errors)
{
	pairs(ANALYSIS_COOC_OVERLAP, 0, "1", "1", false, NULL, "a:0-0 b:0-0");
	struct analysis_cooc_pairs_opts o = { .mode = ANALYSIS_COOC_OVERLAP, .a = "1", .b = "2" };
	struct analysis_cooc_pairs p;
	cr_assert_eq(analysis_cooc_pairs(st, &o, &p, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(p.n, 1);
	cr_assert_str_eq(p.segs[p.pairs[0].a].text, "aaaa bbbb");
	cr_assert_str_eq(p.segs[p.pairs[0].b].text, "bbbb cccc");
	cr_assert_eq(p.segs[p.pairs[0].a].para_first, 1);
	analysis_cooc_pairs_free(&p);
	o.b = "Nope";
	cr_assert_neq(analysis_cooc_pairs(st, &o, &p, &err), ANKER_OK);
	cr_assert_eq(p.n, 0);
}
