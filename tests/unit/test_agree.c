/* Unit tests for team/agree.c: the sweep over segment boundaries against
 * hand-computed tables (char units; paragraph and document units are the
 * same sweep in other coordinates), and on a small project which
 * documents count and which paragraphs are units (issue 15). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../coding/coding.h"
#include "../../team/team.h"
#include "unit_fixture.h"

static void near3(double got, double want, const char *what)
{
	cr_assert(fabs(got - want) < 0.0005, "%s: expected %.3f, got %.6f", what, want, got);
}

/* A document of 10 characters.  A: [0,4) and [2,6) (overlapping: once,
 * so [0,6)); B: [4,8).  Runs: [0,4) A only, [4,6) both, [6,8) B only,
 * [8,10) nobody. */
static struct team_agree_span spans[] = {
	{ 0, 0, 4 }, { 0, 2, 6 }, { 1, 4, 8 },
};

Test(agree, sweep_char_units)
{
	struct team_agree_stats s = {0};
	team_agree_sweep(&s, 2, 3, spans, 3, 10, false);
	cr_assert_eq(s.units, 10, "units: expected 10, got %lld", (long long)s.units);
	cr_assert_eq(s.agree, 4, "agree: expected 4, got %lld", (long long)s.agree);
	cr_assert_eq(s.coded[0], 6, "A coded: expected 6, got %lld", (long long)s.coded[0]);
	cr_assert_eq(s.coded[1], 4, "B coded: expected 4, got %lld", (long long)s.coded[1]);
	cr_assert(s.n11 == 2 && s.n10 == 4 && s.n01 == 2 && s.n00 == 2,
	          "2x2: expected 2 4 2 2, got %lld %lld %lld %lld", (long long)s.n11,
	          (long long)s.n10, (long long)s.n01, (long long)s.n00);
	near3(team_agree_percent(&s), 40, "percent");
	near3(team_agree_cohen(&s, 2), -0.154, "Cohen");
	near3(team_agree_bp(&s, 2), -0.2, "BP");
	near3(team_agree_alpha(&s), -0.14, "alpha");
}

Test(agree, sweep_ignore_uncoded)
{
	struct team_agree_stats s = {0};
	team_agree_sweep(&s, 2, 3, spans, 3, 10, true);
	cr_assert_eq(s.units, 8, "units: expected 8, got %lld", (long long)s.units);
	near3(team_agree_percent(&s), 25, "percent");
	near3(team_agree_cohen(&s, 2), -0.5, "Cohen");
	near3(team_agree_alpha(&s), -0.5, "alpha");
}

Test(agree, code_nobody_used)
{
	struct team_agree_stats s = {0};
	team_agree_sweep(&s, 2, 3, NULL, 0, 10, false);
	cr_assert_eq(s.units, 10);
	near3(team_agree_percent(&s), 100, "percent");
	cr_assert(isnan(team_agree_cohen(&s, 2)), "Cohen: expected undefined");
	near3(team_agree_bp(&s, 2), 1, "BP");
	cr_assert(isnan(team_agree_alpha(&s)), "alpha: expected undefined");
	struct team_agree_stats t = {0};
	team_agree_sweep(&t, 2, 3, NULL, 0, 10, true);
	cr_assert_eq(t.units, 0, "ignore-uncoded: expected no units, got %lld", (long long)t.units);
	cr_assert(isnan(team_agree_percent(&t)), "percent of no units: expected undefined");
}

Test(agree, missing_coder_counts_nothing)
{
	struct team_agree_stats s = {0};
	/* B (bit 1) coded nothing in this document: only A present. */
	team_agree_sweep(&s, 2, 1, spans, 2, 10, false);
	cr_assert_eq(s.units, 0, "units: expected 0, got %lld", (long long)s.units);
	for (size_t m = 0; m <= TEAM_AGREE_MAX_CODERS; m++)
		cr_assert(s.pairs[m].c00 == 0 && s.pairs[m].c01 == 0 && s.pairs[m].c11 == 0,
		          "no pairable values expected (m = %zu)", m);
}

Test(agree, three_coders_missing_documents)
{
	/* Document units, three coders; unit 1: all coded; unit 2: A, B
	 * coded, C not; unit 3: C missing, A coded, B not.  Units complete:
	 * 2; agree 1.  Coincidences: u1 o11 += 3*2/2 = 3; u2 o11 += 1,
	 * o01 += 2*1/2 = 1; u3 (m = 2) o01 += 1.  n1 = 4 + 2 = 6, n0 = 2,
	 * n = 8: alpha = 1 - 7 * 2 / 12 = -0.167. */
	struct team_agree_stats s = {0};
	team_agree_add(&s, 3, 7, 7, 1, false);
	team_agree_add(&s, 3, 7, 3, 1, false);
	team_agree_add(&s, 3, 3, 1, 1, false);
	cr_assert_eq(s.units, 2);
	cr_assert_eq(s.agree, 1);
	near3(team_agree_alpha(&s), -0.167, "alpha");
	cr_assert(isnan(team_agree_cohen(&s, 3)), "Cohen with three coders: expected undefined");
	/* pairwise: u1 6/6, u2 2/6 -> P_o = (1 + 1/3) / 2 = 2/3; BP = 1/3 */
	near3(team_agree_bp(&s, 3), 0.333, "BP (Randolph)");
}

/* Four coders, units with two, three or four of them present (and some
 * with one or none, which pair nothing): alpha from the whole pairs by
 * the coders present is Krippendorff's alpha of the same values as a
 * reliability matrix (team_alpha, nominal). */
Test(agree, pairs_by_coders_present_give_alpha)
{
	enum { NC = 4, NU = 300 };
	double v[NC * NU];
	struct team_agree_stats s = {0};
	uint32_t seed = 12345;
	for (size_t u = 0; u < NU; u++) {
		uint64_t present = 0, coded = 0;
		for (size_t c = 0; c < NC; c++) {
			seed = seed * 1103515245 + 12345;
			unsigned r = (seed >> 16) % 5;   /* 0: missing; 1, 2: uncoded; 3, 4: coded */
			v[c * NU + u] = r == 0 ? NAN : r >= 3;
			present |= (uint64_t)(r != 0) << c;
			coded |= (uint64_t)(r >= 3) << c;
		}
		team_agree_add(&s, NC, present, coded, 1, false);
	}
	double want = team_alpha(v, NC, NU, TEAM_ALPHA_NOMINAL, NULL);
	cr_assert(fabs(team_agree_alpha(&s) - want) < 1e-12, "alpha: expected %.15f, got %.15f",
	          want, team_agree_alpha(&s));
}

/* ---------------------------------------------------------------------- */
/* On a project: p is coded by both, q by anna only.  p's paragraphs:
 * 1 "eins" [0,4), 2 "" [5,5), 3 "zwei" [6,10), 4 "  " [11,13) (blank),
 * 5 "drei" [14,18); its final LF starts no sixth.  anna X [0,10) (1-3),
 * ben X [6,18) (3-5); anna X in q. */
static struct store *pst;
static struct anker_err perr;

static void pmark(const char *doc, const char *coder, size_t start, size_t end)
{
	struct coding_mark m = { .doc = doc, .code = "X", .start = start, .end = end,
	                         .coder = coder };
	char guid[37];
	cr_assert_eq(coding_mark(pst, &m, guid, &perr), ANKER_OK, "%s", perr.msg);
}

static void agree_project(void)
{
	static const char p[] = "eins\n\nzwei\n  \ndrei\n", q[] = "fünf\n";
	static const char cb[] = "Codebuch\n\nCodesystem\n\n1 X\n";
	pst = unit_project_open();
	unit_import_doc(pst, "p", p, strlen(p), NULL, NULL, NULL);
	unit_import_doc(pst, "q", q, strlen(q), NULL, NULL, NULL);
	unit_import_codebook(pst, cb, sizeof cb - 1, NULL);
	pmark("p", "anna", 0, 10);
	pmark("p", "ben", 6, 18);
	pmark("q", "anna", 0, 4);
}

static void agree_project_close(void)
{
	unit_project_close(pst);
}

/* The (pooled) row's Units and Agree. */
static void pooled_is(const struct team_agree_opts *o, int64_t units, int64_t agree,
                      const char *what)
{
	struct report_table t;
	struct team_agree_scope sc;
	report_table_init(&t);
	cr_assert_eq(team_agree(pst, o, &t, &sc, &perr), ANKER_OK, "%s", perr.msg);
	const struct report_cell *row = &t.cells[(t.nrows - 1) * t.ncols];
	cr_assert(strcmp(row[2].text, "") != 0 && atoll(row[2].text) == units &&
	          atoll(row[5].text) == agree, "%s: expected %lld units, %lld agreeing; got %s, %s",
	          what, (long long)units, (long long)agree, row[2].text, row[5].text);
	report_table_free(&t);
	team_agree_scope_free(&sc);
}

TestSuite(agree_project, .init = agree_project, .fini = agree_project_close);

Test(agree_project, only_documents_every_coder_coded)
{
	const char *coders[] = { "anna", "ben" };
	struct team_agree_opts o = { .coders = coders, .ncoders = 2, .unit = TEAM_AGREE_DOCUMENT };
	struct report_table t;
	struct team_agree_scope sc;
	report_table_init(&t);
	cr_assert_eq(team_agree(pst, &o, &t, &sc, &perr), ANKER_OK, "%s", perr.msg);
	cr_assert(sc.ncompared == 1 && strcmp(sc.compared[0], "p") == 0,
	          "compared: expected p alone, got %zu", sc.ncompared);
	cr_assert(sc.nleft == 1 && strcmp(sc.left[0], "q") == 0 &&
	          strcmp(sc.why[0], "not coded by ben") == 0, "left out: expected q, not coded by ben");
	report_table_free(&t);
	team_agree_scope_free(&sc);
	pooled_is(&o, 1, 1, "document units");
	o.all_docs = true;
	pooled_is(&o, 2, 1, "document units, all documents");
}

Test(agree_project, paragraph_units_with_text)
{
	const char *coders[] = { "anna", "ben" };
	struct team_agree_opts o = { .coders = coders, .ncoders = 2, .unit = TEAM_AGREE_PARAGRAPH };
	/* Units p1 (anna), p3 (both), p5 (ben): one agrees. */
	pooled_is(&o, 3, 1, "paragraphs with text");
	/* And p2 (anna: her segment runs over it), p4 (ben): five. */
	o.blank_units = true;
	pooled_is(&o, 5, 1, "all paragraphs");
	/* q's one paragraph, anna's alone, with all documents. */
	o.blank_units = false;
	o.all_docs = true;
	pooled_is(&o, 4, 1, "paragraphs with text, all documents");
	/* Characters: p's 19: [6,10) both, [18,19) nobody: 5 alike. */
	o.unit = TEAM_AGREE_CHAR;
	o.all_docs = false;
	pooled_is(&o, 19, 5, "characters");
}

Test(agree_project, segments_only_in_documents_compared)
{
	struct team_agree_seg_opts o = { .a = "anna", .b = "ben", .min_overlap = 90 };
	struct report_table t, dis;
	struct team_agree_scope sc;
	report_table_init(&t);
	report_table_init(&dis);
	cr_assert_eq(team_agree_segments(pst, &o, &t, &dis, &sc, &perr), ANKER_OK, "%s", perr.msg);
	/* p: [0,10) against [6,18), 4/18 < 90 %: one only anna, one only ben;
	 * q's segment is not counted. */
	const struct report_cell *row = &t.cells[(t.nrows - 1) * t.ncols];
	cr_assert(atoll(row[2].text) == 0 && atoll(row[3].text) == 1 && atoll(row[4].text) == 1,
	          "total: expected 0 1 1, got %s %s %s", row[2].text, row[3].text, row[4].text);
	cr_assert_eq(dis.nrows, 2, "disagreements: expected 2, got %zu", dis.nrows);
	report_table_free(&t);
	report_table_free(&dis);
	team_agree_scope_free(&sc);
}

/* Two tables alike, cell by cell. */
static void tables_alike(const struct report_table *a, const struct report_table *b,
                         const char *what)
{
	cr_assert(a->ncols == b->ncols && a->nrows == b->nrows,
	          "%s: expected %zu x %zu, got %zu x %zu", what, a->nrows, a->ncols, b->nrows,
	          b->ncols);
	for (size_t j = 0; j < a->ncols; j++)
		cr_assert_str_eq(a->headers[j], b->headers[j], "%s: column %zu", what, j);
	for (size_t i = 0; i < a->nrows * a->ncols; i++) {
		const char *x = a->cells[i].text ? a->cells[i].text : "";
		const char *y = b->cells[i].text ? b->cells[i].text : "";
		cr_assert_str_eq(x, y, "%s: row %zu column %zu", what, i / a->ncols, i % a->ncols);
	}
}

/* team_agree_every (the TUI's four tables from one read) gives what
 * team_agree per unit and team_agree_segments (with its list, the other
 * way of counting) give, counted (no_cache), and the second time read
 * from the counts kept in the project. */
Test(agree_project, every_unit_at_once_as_one_by_one)
{
	const char *coders[] = { "anna", "ben" };
	static const bool want[TEAM_AGREE_TABLES] = { true, true, true, true };
	pmark("q", "ben", 1, 4);
	for (int all = 0; all < 4; all++) {
		struct team_agree_opts o = { .coders = coders, .ncoders = 2, .all_docs = all % 2 };
		struct report_table every[TEAM_AGREE_TABLES], one, dis;
		struct team_agree_scope sc, sc1;
		for (int k = 0; k < TEAM_AGREE_TABLES; k++)
			report_table_init(&every[k]);
		cr_assert_eq(team_agree_every(pst, &o, 60, want, every, &sc, &perr), ANKER_OK, "%s",
		             perr.msg);
		o.no_cache = true;
		for (int k = 0; k < TEAM_AGREE_TABLES; k++) {
			report_table_init(&one);
			report_table_init(&dis);
			if (k < TEAM_AGREE_TABLES - 1) {
				o.unit = (enum team_agree_unit)k;
				cr_assert_eq(team_agree(pst, &o, &one, &sc1, &perr), ANKER_OK, "%s", perr.msg);
			} else {
				struct team_agree_seg_opts so = { .a = "anna", .b = "ben", .min_overlap = 60,
				                                  .all_docs = all % 2 };
				cr_assert_eq(team_agree_segments(pst, &so, &one, &dis, &sc1, &perr), ANKER_OK,
				             "%s", perr.msg);
			}
			tables_alike(&one, &every[k], k < 3 ? "a unit" : "segments");
			cr_assert_eq(sc.ncompared, sc1.ncompared);
			report_table_free(&one);
			report_table_free(&dis);
			team_agree_scope_free(&sc1);
			report_table_free(&every[k]);
		}
		team_agree_scope_free(&sc);
	}
}

/* ---------------------------------------------------------------------- */
/* Side by side (team/compare.c) reads the counts the triggers keep: the
 * coders ranked by their segments, and without a document the first
 * (group, then name, natural order, as `docs` lists them) both coded in
 * which one of them used the code.  Documents in id order d10, b, c (group
 * g), d9, a; anna codes X in each but c (Y); ben X in a and d10, Y in c and
 * d9; b is anna's alone.  Both coded, in document order: c, a, d9, d10. */
static void cmark(const char *doc, const char *code, const char *coder)
{
	struct coding_mark m = { .doc = doc, .code = code, .start = 0, .end = 4, .coder = coder };
	char guid[37];
	cr_assert_eq(coding_mark(pst, &m, guid, &perr), ANKER_OK, "%s", perr.msg);
}

static void compare_project(void)
{
	static const char text[] = "eins zwei\n";
	static const char cb[] = "Codebuch\n\nCodesystem\n\n1 X\n2 Y\n3 Z\n";
	static const char *const docs[] = { "d10", "b", "c", "d9", "a" };
	pst = unit_project_open();
	for (size_t i = 0; i < 5; i++)
		unit_import_doc(pst, docs[i], text, sizeof text - 1, i == 2 ? "g" : NULL, NULL, NULL);
	unit_import_codebook(pst, cb, sizeof cb - 1, NULL);
	cmark("d10", "X", "anna");
	cmark("b", "X", "anna");
	cmark("c", "Y", "anna");
	cmark("d9", "X", "anna");
	cmark("a", "X", "anna");
	cmark("a", "X", "ben");
	cmark("c", "Y", "ben");
	cmark("d9", "Y", "ben");
	cmark("d10", "X", "ben");
}

static void first_doc_is(const char *code, const char *want)
{
	struct team_compare m;
	int64_t id = 0;
	if (code)
		id = unit_query_int(pst, code);
	int rc = team_compare_doc(pst, NULL, id, "anna", "ben", 50, &m, &perr);
	if (!want) {
		cr_assert_eq(rc, ANKER_NOTFOUND, "code %s: expected no document, got %d", code, rc);
		return;
	}
	cr_assert_eq(rc, ANKER_OK, "%s", perr.msg);
	cr_assert_str_eq(m.doc, want, "code %s: expected %s first, got %s", code ? code : "(any)",
	                 want, m.doc);
	team_compare_free(&m);
}

TestSuite(compare, .init = compare_project, .fini = agree_project_close);

Test(compare, coders_ranked_by_kept_counts)
{
	struct team_coder_count *v;
	size_t n;
	cr_assert_eq(team_coders_ranked(pst, &v, &n, &perr), ANKER_OK, "%s", perr.msg);
	cr_assert(n == 2 && strcmp(v[0].name, "anna") == 0 && v[0].segments == 5 &&
	          strcmp(v[1].name, "ben") == 0 && v[1].segments == 4,
	          "expected anna 5, ben 4; got %zu coders, %s %lld", n, n ? v[0].name : "-",
	          n ? (long long)v[0].segments : -1LL);
	team_coder_counts_free(v, n);
	/* ben's segments gone: one coder left to rank */
	unit_exec(pst, "DELETE FROM segment WHERE coder_id = (SELECT id FROM coder WHERE name = 'ben')");
	cr_assert_eq(team_coders_ranked(pst, &v, &n, &perr), ANKER_OK, "%s", perr.msg);
	cr_assert(n == 1 && strcmp(v[0].name, "anna") == 0, "expected anna alone, got %zu", n);
	team_coder_counts_free(v, n);
}

Test(compare, first_document_both_coded)
{
	const char *x = "SELECT id FROM code WHERE name = 'X'";
	const char *y = "SELECT id FROM code WHERE name = 'Y'";
	first_doc_is(NULL, "c");
	first_doc_is(x, "a");   /* c has no X */
	first_doc_is(y, "c");
	first_doc_is("SELECT id FROM code WHERE name = 'Z'", NULL);
	/* without c and a: d9 before d10 (natural order, not id or bytes) */
	unit_exec(pst, "DELETE FROM segment WHERE doc_id IN (SELECT id FROM document WHERE name IN "
	               "('c', 'a'))");
	first_doc_is(NULL, "d9");
	first_doc_is(x, "d9");
	first_doc_is(y, "d9");
	/* d9 no longer ben's: Y is nowhere both coded */
	unit_exec(pst, "DELETE FROM segment WHERE coder_id = (SELECT id FROM coder WHERE name = "
	               "'ben') AND doc_id = (SELECT id FROM document WHERE name = 'd9')");
	first_doc_is(NULL, "d10");
	first_doc_is(y, NULL);
}
