/* Frequencies, the code × document matrix, saved results and the table
 * JSON they are kept in: hand-computed cases on one small project. */
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

/* Codes: 1 A, 1.1 A1, 1.2 A2, 2 B, 3 C (never coded).
 * Documents in table order: drei (G1, Jahr 2020), eins (G1, 2020),
 * zwei (G2, 2021), vier (no group, no Jahr).
 * Segments (coder: code [start, end)):
 *   eins  anna A1 [0,4)  ben A1 [0,4)  anna A [2,8)  anna B [10,12)
 *   zwei  ben A2 [0,3)   ben B [1,5)   anna A1 [5,9)
 *   drei  anna B [0,2) */
static const char codebook[] =
	"Test\n\nCodesystem\n\n1 A\n1.1 A1\n1.2 A2\n2 B\n3 C\n\n"
	"1 A\n\nCodedefinition: a\n\n1.1 A >> A1\n\nCodedefinition: a1\n\n"
	"1.2 A >> A2\n\nCodedefinition: a2\n\n2 B\n\nCodedefinition: b\n\n"
	"3 C\n\nCodedefinition: c\n";

static void import(const char *name, const char *group, const char *var)
{
	static const char text[] = "Erste Zeile hier\nzweite Zeile\n";
	unit_import_doc(st, name, text, sizeof text - 1, group, var, NULL);
}

static void sql(const char *q)
{
	unit_exec(st, q);
}

static void segment(const char *doc, const char *code, const char *coder, int start, int end)
{
	char q[512];
	static int n;
	snprintf(q, sizeof q, "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", "
	         "created, modified) SELECT 'seg%d', d.id, c.id, k.id, %d, %d, 't', 't' "
	         "FROM document d, code c, coder k WHERE d.name = '%s' AND c.number = '%s' "
	         "AND k.name = '%s'", ++n, start, end, doc, code, coder);
	sql(q);
	cr_assert_eq(store_changes(st), 1, "segment %s %s %s inserted", doc, code, coder);
}

static void setup(void)
{
	st = unit_project_open();
	import("eins", "G1", "Jahr=2020");
	import("zwei", "G2", "Jahr=2021");
	import("drei", "G1", "Jahr=2020");
	import("vier", NULL, NULL);
	unit_import_codebook(st, codebook, sizeof codebook - 1, NULL);
	sql("INSERT INTO coder(guid, name) VALUES ('k1', 'anna'), ('k2', 'ben'), ('k3', 'cem')");
	segment("eins", "1.1", "anna", 0, 4);
	segment("eins", "1.1", "ben", 0, 4);
	segment("eins", "1", "anna", 2, 8);
	segment("eins", "2", "anna", 10, 12);
	segment("zwei", "1.2", "ben", 0, 3);
	segment("zwei", "2", "ben", 1, 5);
	segment("zwei", "1.1", "anna", 5, 9);
	segment("drei", "2", "anna", 0, 2);
}

static void teardown(void)
{
	unit_project_close(st);
}

/* The table as TSV rows without the header, "|" between rows. */
static char *rows(const struct report_table *t)
{
	struct strbuf out = {0}, flat = {0};
	report_table_write(t, REPORT_TSV, 0, &out);
	const char *p = strchr(sb_str(&out), '\n');
	for (p = p ? p + 1 : ""; *p; p++)
		sb_addc(&flat, *p == '\n' ? (p[1] ? '|' : '\0') : *p);
	sb_free(&out);
	return sb_steal(&flat);
}

static char *header(const struct report_table *t)
{
	struct strbuf out = {0};
	report_table_write(t, REPORT_TSV, 0, &out);
	char *nl = strchr(out.buf, '\n');
	if (nl)
		*nl = '\0';
	return sb_steal(&out);
}

#define expect_table(t, want_header, want_rows)                                          \
	do {                                                                             \
		char *h_ = header(t), *r_ = rows(t);                                     \
		cr_expect_str_eq(h_, want_header, "header: expected\n%s\ngot\n%s", want_header, h_); \
		cr_expect_str_eq(r_, want_rows, "rows: expected\n%s\ngot\n%s", want_rows, r_); \
		free(h_);                                                                \
		free(r_);                                                                \
	} while (0)

TestSuite(freq, .init = setup, .fini = teardown);

static void freq(const struct analysis_freq_opts *o, struct report_table *t, struct strbuf *coders)
{
	report_table_init(t);
	cr_assert_eq(analysis_freq(st, o, t, coders, &err), ANKER_OK, "%s", err.msg);
}

Test(freq, per_code_with_zeros)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE };
	struct report_table t;
	struct strbuf coders = {0};
	freq(&o, &t, &coders);
	expect_table(&t, "Code\tPath\tSegments\tDocuments\t%",
	             "1\tA\t1\t1\t12.50|1.1\tA >> A1\t3\t2\t37.50|1.2\tA >> A2\t1\t1\t12.50|"
	             "2\tB\t3\t3\t37.50|3\tC\t0\t0\t0.00");
	cr_expect_str_eq(sb_str(&coders), "anna, ben", "cem has no segments");
	report_table_free(&t);
	sb_free(&coders);
}

Test(freq, rollup)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE, .rollup = true };
	struct report_table t;
	freq(&o, &t, NULL);
	/* A: its own segment, A1's three and A2's one; documents eins and
	 * zwei (a union, not 1 + 2 + 1). */
	expect_table(&t, "Code\tPath\tSegments\tDocuments\tSegments (rolled up)\t"
	                 "Documents (rolled up)\t%\t% (rolled up)",
	             "1\tA\t1\t1\t5\t2\t12.50\t62.50|1.1\tA >> A1\t3\t2\t3\t2\t37.50\t37.50|"
	             "1.2\tA >> A2\t1\t1\t1\t1\t12.50\t12.50|2\tB\t3\t3\t3\t3\t37.50\t37.50|"
	             "3\tC\t0\t0\t0\t0\t0.00\t0.00");
	report_table_free(&t);
}

Test(freq, json_keys)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE, .rollup = true };
	struct report_table t;
	struct strbuf out = {0};
	freq(&o, &t, NULL);
	report_table_write(&t, REPORT_JSON, 0, &out);
	cr_expect(strstr(sb_str(&out), "{\"code\": \"1\", \"path\": \"A\", \"segments\": 1, "
	                               "\"documents\": 1, \"segments_rollup\": 5, "
	                               "\"documents_rollup\": 2, \"percent\": 12.50, "
	                               "\"percent_rollup\": 62.50}"),
	          "%s", sb_str(&out));
	sb_free(&out);
	report_table_free(&t);
}

Test(freq, one_coder)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE, .coder = "ben" };
	struct report_table t;
	struct strbuf coders = {0};
	freq(&o, &t, &coders);
	expect_table(&t, "Code\tPath\tSegments\tDocuments\t%",
	             "1\tA\t0\t0\t0.00|1.1\tA >> A1\t1\t1\t33.33|1.2\tA >> A2\t1\t1\t33.33|"
	             "2\tB\t1\t1\t33.33|3\tC\t0\t0\t0.00");
	cr_expect_str_eq(sb_str(&coders), "ben");
	report_table_free(&t);
	sb_free(&coders);
}

Test(freq, unknown_coder)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE, .coder = "nobody" };
	struct report_table t;
	report_table_init(&t);
	cr_assert_eq(analysis_freq(st, &o, &t, NULL, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "no coder 'nobody'"), "%s", err.msg);
	cr_expect_eq(t.nrows, 0);
	report_table_free(&t);
}

Test(freq, by_document)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_DOC };
	struct report_table t;
	freq(&o, &t, NULL);
	/* Every code × every document; % within the document (n/a, 0/0, in
	 * vier, which has no segments). */
	cr_assert_eq(t.nrows, 5 * 4);
	char *r = rows(&t);
	cr_expect(strstr(r, "1\tA\tdrei\t0\t0\t0.00|1\tA\teins\t1\t1\t25.00|1\tA\tzwei\t0\t0\t0.00|"
	                    "1\tA\tvier\t0\t0\t|1.1\tA >> A1\tdrei\t0\t0\t0.00|"
	                    "1.1\tA >> A1\teins\t2\t1\t50.00|1.1\tA >> A1\tzwei\t1\t1\t33.33|"), "%s", r);
	cr_expect(strstr(r, "2\tB\tdrei\t1\t1\t100.00|"), "%s", r);
	free(r);
	char *h = header(&t);
	cr_expect_str_eq(h, "Code\tPath\tDocument\tSegments\tDocuments\t%");
	free(h);
	report_table_free(&t);
}

Test(freq, by_group_with_rollup)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_GROUP, .rollup = true };
	struct report_table t;
	freq(&o, &t, NULL);
	cr_assert_eq(t.nrows, 5 * 3);
	char *r = rows(&t);
	/* G1 = drei + eins: A rolled up has A (eins), A1 ×2 (eins): 3 segments
	 * in one document; G2: A1, A2 in zwei. */
	cr_expect(strstr(r, "1\tA\tG1\t1\t1\t3\t1\t20.00\t60.00|1\tA\tG2\t0\t0\t2\t1\t0.00\t66.67|"
	                    "1\tA\t\t0\t0\t0\t0\t\t|"), "%s", r);   /* no group: 0/0 */
	cr_expect(strstr(r, "2\tB\tG1\t2\t2\t2\t2\t40.00\t40.00|2\tB\tG2\t1\t1\t1\t1\t33.33\t33.33|"), "%s", r);
	free(r);
	report_table_free(&t);
}

Test(freq, by_coder_with_rollup)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODER, .rollup = true };
	struct report_table t;
	freq(&o, &t, NULL);
	cr_assert_eq(t.nrows, 5 * 2, "anna and ben; cem has no segments");
	char *r = rows(&t);
	cr_expect(strstr(r, "1\tA\tanna\t1\t1\t3\t2\t20.00\t60.00|1\tA\tben\t0\t0\t2\t2\t0.00\t66.67|"
	                    "1.1\tA >> A1\tanna\t2\t2\t2\t2\t40.00\t40.00|"
	                    "1.1\tA >> A1\tben\t1\t1\t1\t1\t33.33\t33.33|"),
	          "%s", r);
	free(r);
	report_table_free(&t);
}

Test(freq, by_variable)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_VAR, .var = "Jahr" };
	struct report_table t;
	struct strbuf json = {0};
	freq(&o, &t, NULL);
	cr_assert_eq(t.nrows, 5 * 3, "2020, 2021 and documents without Jahr");
	char *r = rows(&t), *h = header(&t);
	cr_expect_str_eq(h, "Code\tPath\tJahr\tSegments\tDocuments\t%");
	cr_expect(strstr(r, "2\tB\t2020\t2\t2\t40.00|2\tB\t2021\t1\t1\t33.33|2\tB\t\t0\t0\t|"),
	          "%s", r);
	report_table_write(&t, REPORT_JSON, 0, &json);
	cr_expect(strstr(sb_str(&json), "\"value\": null"), "%s", sb_str(&json));
	cr_expect(strstr(sb_str(&json), "\"value\": \"2021\""), "%s", sb_str(&json));
	free(r);
	free(h);
	sb_free(&json);
	report_table_free(&t);
}

Test(freq, unknown_variable)
{
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_VAR, .var = "Alter" };
	struct report_table t;
	report_table_init(&t);
	cr_assert_eq(analysis_freq(st, &o, &t, NULL, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "Alter"), "%s", err.msg);
	report_table_free(&t);
}

Test(freq, empty_project_codes_only)
{
	sql("DELETE FROM segment");
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODER };
	struct report_table t;
	freq(&o, &t, NULL);
	cr_expect_eq(t.nrows, 0, "no coder has segments: no rows");
	report_table_free(&t);
	o.by = ANALYSIS_BY_CODE;
	freq(&o, &t, NULL);
	cr_expect_eq(t.nrows, 5);
	report_table_free(&t);
}

/* ---------------------------------------------------------------------- */

static void matrix(const struct analysis_matrix_opts *o, struct report_table *t)
{
	report_table_init(t);
	cr_assert_eq(analysis_matrix(st, o, t, NULL, &err), ANKER_OK, "%s", err.msg);
}

Test(freq, matrix_documents)
{
	struct analysis_matrix_opts o = { .cols = ANALYSIS_COLS_DOC };
	struct report_table t;
	matrix(&o, &t);
	expect_table(&t, "Code\tPath\tdrei\teins\tzwei\tvier\tTotal",
	             "1\tA\t0\t1\t0\t0\t1|1.1\tA >> A1\t0\t2\t1\t0\t3|1.2\tA >> A2\t0\t0\t1\t0\t1|"
	             "2\tB\t1\t1\t1\t0\t3|3\tC\t0\t0\t0\t0\t0");
	report_table_free(&t);
	o.rollup = true;
	o.coder = "anna";
	matrix(&o, &t);
	expect_table(&t, "Code\tPath\tdrei\teins\tzwei\tvier\tTotal",
	             "1\tA\t0\t2\t1\t0\t3|1.1\tA >> A1\t0\t1\t1\t0\t2|1.2\tA >> A2\t0\t0\t0\t0\t0|"
	             "2\tB\t1\t1\t0\t0\t2|3\tC\t0\t0\t0\t0\t0");
	report_table_free(&t);
}

Test(freq, matrix_groups_and_json)
{
	struct analysis_matrix_opts o = { .cols = ANALYSIS_COLS_GROUP };
	struct report_table t;
	struct strbuf json = {0};
	matrix(&o, &t);
	expect_table(&t, "Code\tPath\tG1\tG2\t(no group)\tTotal",
	             "1\tA\t1\t0\t0\t1|1.1\tA >> A1\t2\t1\t0\t3|1.2\tA >> A2\t0\t1\t0\t1|"
	             "2\tB\t2\t1\t0\t3|3\tC\t0\t0\t0\t0");
	report_table_write(&t, REPORT_JSON, 0, &json);
	cr_expect(strstr(sb_str(&json), "{\"code\": \"1.1\", \"path\": \"A >> A1\", \"G1\": 2, "
	                                "\"G2\": 1, \"(no group)\": 0, \"total\": 3}"),
	          "%s", sb_str(&json));
	sb_free(&json);
	report_table_free(&t);
}

Test(freq, matrix_document_named_total)
{
	sql("UPDATE document SET name = 'total' WHERE name = 'vier'");
	struct analysis_matrix_opts o = { .cols = ANALYSIS_COLS_DOC };
	struct report_table t;
	struct strbuf json = {0};
	matrix(&o, &t);
	report_table_write(&t, REPORT_JSON, 0, &json);
	cr_expect(strstr(sb_str(&json), "\"doc:total\": 0, \"total\": 1}"), "%s", sb_str(&json));
	sb_free(&json);
	report_table_free(&t);
}

/* The counts a view draws from are the table's: every setting. */
Test(freq, matrix_counts_are_the_table)
{
	static const char *const coders[] = { NULL, "anna" };
	for (int k = 0; k < 8; k++) {
		struct analysis_matrix_opts o = {
			.cols = k & 1 ? ANALYSIS_COLS_GROUP : ANALYSIS_COLS_DOC,
			.rollup = k & 2, .coder = coders[(k >> 2) & 1],
		};
		struct report_table t;
		struct analysis_matrix m;
		matrix(&o, &t);
		cr_assert_eq(analysis_matrix_counts(st, &o, &m, &err), ANKER_OK, "%s", err.msg);
		cr_assert_eq(m.nrows, t.nrows);
		cr_assert_eq(m.ncols + 3, t.ncols);
		for (size_t c = 0; c < m.ncols; c++)
			cr_expect_str_eq(m.cols[c], t.headers[c + 2]);
		for (size_t r = 0; r < m.nrows; r++) {
			cr_expect_str_eq(m.numbers[r], report_table_cell(&t, r, 0));
			cr_expect_str_eq(m.paths[r], report_table_cell(&t, r, 1));
			for (size_t c = 0; c < m.ncols; c++) {
				char n[32];
				snprintf(n, sizeof n, "%lld", (long long)m.cell[r * m.ncols + c]);
				cr_expect_str_eq(n, report_table_cell(&t, r, c + 2), "setting %d row %zu", k, r);
			}
		}
		analysis_matrix_free(&m);
		report_table_free(&t);
	}
}

/* ---------------------------------------------------------------------- */
/* Co-occurrence through the project, by hand: eins has A1 [0,4) twice
 * (anna, ben), A [2,8) and B [10,12): A meets both A1 segments. */

Test(freq, cooc_table_by_hand)
{
	const char *codes[] = { "1", "1.1", "2" };
	struct analysis_cooc_opts o = { .mode = ANALYSIS_COOC_OVERLAP, .codes = codes, .ncodes = 3 };
	struct analysis_cooc_result r;
	struct report_table t;
	cr_assert_eq(analysis_cooc_run(st, &o, &r, &err), ANKER_OK, "%s", err.msg);
	report_table_init(&t);
	analysis_cooc_table(&r, ANALYSIS_MEASURE_COUNT, &t);
	/* zwei: A2 [0,3), B [1,5), A1 [5,9): B touches A1 only. */
	expect_table(&t, "Code\tPath\t1\t1.1\t2", "1\tA\t1\t2\t0|1.1\tA >> A1\t2\t3\t0|2\tB\t0\t0\t3");
	cr_expect_str_eq(r.coders, "anna, ben");
	report_table_free(&t);
	report_table_init(&t);
	analysis_cooc_table(&r, ANALYSIS_MEASURE_ROWPCT, &t);
	expect_table(&t, "Code\tPath\t1\t1.1\t2",
	             "1\tA\t100.00\t200.00\t0.00|1.1\tA >> A1\t66.67\t100.00\t0.00|"
	             "2\tB\t0.00\t0.00\t100.00");
	report_table_free(&t);
	analysis_cooc_result_free(&r);
}

Test(freq, cooc_document_jaccard_default_selection)
{
	struct analysis_cooc_opts o = { .mode = ANALYSIS_COOC_DOCUMENT, .rollup = true };
	struct analysis_cooc_result r;
	struct report_table t;
	cr_assert_eq(analysis_cooc_run(st, &o, &r, &err), ANKER_OK, "%s", err.msg);
	report_table_init(&t);
	analysis_cooc_table(&r, ANALYSIS_MEASURE_JACCARD, &t);
	/* Codes with segments (C has none): A (rolled up: eins, zwei), A1
	 * (eins, zwei), A2 (zwei), B (drei, eins, zwei). */
	expect_table(&t, "Code\tPath\t1\t1.1\t1.2\t2",
	             "1\tA\t1.000\t1.000\t0.500\t0.667|1.1\tA >> A1\t1.000\t1.000\t0.500\t0.667|"
	             "1.2\tA >> A2\t0.500\t0.500\t1.000\t0.333|2\tB\t0.667\t0.667\t0.333\t1.000");
	report_table_free(&t);
	analysis_cooc_result_free(&r);
}

Test(freq, cooc_under_and_errors)
{
	struct analysis_cooc_opts o = { .mode = ANALYSIS_COOC_PARAGRAPH, .under = "A" };
	struct analysis_cooc_result r;
	cr_assert_eq(analysis_cooc_run(st, &o, &r, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(r.n, 2);
	cr_expect_str_eq(r.number[0], "1.1");
	cr_expect_str_eq(r.number[1], "1.2");
	/* Paragraph 1 of zwei holds A1 and A2; eins has A1 only. */
	cr_expect_eq(r.counts[0 * 2 + 0], 2);
	cr_expect_eq(r.counts[0 * 2 + 1], 1);
	analysis_cooc_result_free(&r);
	o.under = "C";
	cr_assert_eq(analysis_cooc_run(st, &o, &r, &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "has no subcodes"), "%s", err.msg);
	o.under = NULL;
	const char *codes[] = { "1", "Nichts" };
	o.codes = codes;
	o.ncodes = 2;
	cr_assert_eq(analysis_cooc_run(st, &o, &r, &err), ANKER_NOTFOUND);
	cr_expect(strstr(err.msg, "Nichts"), "%s", err.msg);
	o.ncodes = 0;
	o.coder = "nobody";
	cr_assert_eq(analysis_cooc_run(st, &o, &r, &err), ANKER_NOTFOUND);
}

/* ---------------------------------------------------------------------- */
/* Saved results and their JSON */

static void sample_table(struct report_table *t)
{
	report_table_init(t);
	report_table_col(t, "Name \"quoted\"", "name", REPORT_COL_TEXT);
	report_table_col(t, "N", "n", REPORT_COL_INT);
	report_table_col(t, "%", "pct", REPORT_COL_FLOAT);
	report_table_col(t, "List", "list", REPORT_COL_TEXT);
	report_table_row(t);
	report_table_text(t, "tab\there, newline\nthere, \\ backslash, ä€😀, \x01 control");
	report_table_int(t, 42);
	report_table_float(t, 12.5, 2);
	report_table_json(t, "a, b", "[\"a\", \"b\"]");
	report_table_row(t);
	report_table_text(t, NULL);
	report_table_int(t, -1);
	report_table_float(t, 0, 2);
	report_table_json(t, NULL, "{}");
}

static void expect_same_output(const struct report_table *a, const struct report_table *b)
{
	for (int f = REPORT_TABLE; f <= REPORT_JSON; f++) {
		struct strbuf x = {0}, y = {0};
		report_table_write(a, (enum report_format)f, 60, &x);
		report_table_write(b, (enum report_format)f, 60, &y);
		cr_expect_str_eq(sb_str(&y), sb_str(&x), "format %d: expected\n%s\ngot\n%s", f,
		                 sb_str(&x), sb_str(&y));
		sb_free(&x);
		sb_free(&y);
	}
}

Test(freq, table_json_round_trip)
{
	struct report_table t, back;
	struct strbuf json = {0};
	sample_table(&t);
	analysis_table_to_json(&t, &json);
	cr_assert_eq(analysis_table_from_json(json.buf, json.len, &back, &err), ANKER_OK, "%s\n%s",
	             err.msg, json.buf);
	cr_assert_eq(back.ncols, 4);
	cr_assert_eq(back.nrows, 2);
	cr_expect_eq(back.types[2], REPORT_COL_FLOAT);
	expect_same_output(&t, &back);
	report_table_free(&back);
	/* Escapes the writer never produces still read right. */
	static const char esc[] = "{\"columns\": [{\"header\": \"\\u00e4\\ud83d\\ude00\\/\", "
	                          "\"key\": \"k\", \"type\": \"text\"}], \"rows\": []}";
	cr_assert_eq(analysis_table_from_json(esc, sizeof esc - 1, &back, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_str_eq(back.headers[0], "ä😀/");
	report_table_free(&back);
	report_table_free(&t);
	sb_free(&json);
}

Test(freq, table_json_damaged)
{
	static const char *const bad[] = {
		"",
		"[]",
		"{\"columns\": [], \"rows\": [] } x",
		"{\"columns\": [{\"header\": \"a\", \"key\": \"a\", \"type\": \"blob\"}], \"rows\": []}",
		"{\"columns\": [{\"header\": \"a\", \"key\": \"a\", \"type\": \"int\"}], \"rows\": [[\"1\", \"2\"]]}",
		"{\"columns\": [{\"header\": \"a\", \"key\": \"a\", \"type\": \"int\"}], \"rows\": [[]]}",
		"{\"columns\": [{\"header\": \"a\", \"key\": \"a\", \"type\": \"int\"}], \"rows\": [[1]]}",
		"{\"columns\": [{\"header\": \"\\ud800\", \"key\": \"a\", \"type\": \"int\"}], \"rows\": []}",
		"{\"columns\": [{\"header\": \"a\", \"key\": \"a\", \"type\": \"int\"}], \"rows\": [[\"unterminated",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct report_table t;
		cr_expect_eq(analysis_table_from_json(bad[i], strlen(bad[i]), &t, &err), ANKER_INPUT,
		             "accepted: %s", bad[i]);
		/* where: a byte offset, or the JSON path, or (malformed) that it is */
		cr_expect(strstr(err.msg, "byte offset") || strstr(err.msg, "$.") ||
		          strstr(err.msg, "well-formed") || strstr(err.msg, "expected {"), "%s", err.msg);
		cr_expect_eq(t.ncols, 0, "nothing left after a refusal");
	}
}

Test(freq, results_save_list_get_delete)
{
	struct report_table t, back;
	struct analysis_result r = { .name = "Tabelle 1", .kind = "freq", .params = "--by doc",
	                           .coders = "anna, ben" };
	sample_table(&t);
	cr_assert_eq(analysis_result_save(st, &r, &t, false, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(analysis_result_save(st, &r, &t, false, &err), ANKER_EXISTS);
	cr_expect(strstr(err.msg, "Tabelle 1") && strstr(err.msg, "--replace"), "%s", err.msg);
	r.params = "--by group";
	cr_assert_eq(analysis_result_save(st, &r, &t, true, &err), ANKER_OK, "%s", err.msg);
	struct analysis_result *v;
	size_t n;
	cr_assert_eq(analysis_results_list(st, &v, &n, &err), ANKER_OK);
	cr_assert_eq(n, 1, "replaced, not added");
	cr_expect_str_eq(v[0].params, "--by group");
	cr_expect_str_eq(v[0].coders, "anna, ben");
	cr_expect_eq(strlen(v[0].created), 20, "ISO time: %s", v[0].created);
	analysis_results_free(v, n);
	struct analysis_result got;
	cr_assert_eq(analysis_result_get(st, "Tabelle 1", &got, &back, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(got.kind, "freq");
	expect_same_output(&t, &back);
	analysis_result_free(&got);
	report_table_free(&back);
	int64_t logged;
	store_query_int(st, "SELECT COUNT(*) FROM log WHERE entity = 'result'", &logged, &err);
	cr_expect_eq(logged, 0, "saving a result is not an undoable change");
	cr_assert_eq(analysis_result_delete(st, "Tabelle 1", &err), ANKER_OK);
	cr_assert_eq(analysis_result_delete(st, "Tabelle 1", &err), ANKER_NOTFOUND);
	cr_assert_eq(analysis_result_get(st, "Tabelle 1", &got, &back, &err), ANKER_NOTFOUND);
	r.name = "";
	cr_assert_eq(analysis_result_save(st, &r, &t, false, &err), ANKER_INPUT);
	report_table_free(&t);
}

Test(freq, results_damaged_content)
{
	sql("INSERT INTO result(name, kind, params, coders, created, content) "
	    "VALUES ('kaputt', 'freq', '', '', '2025-01-01T00:00:00Z', '{\"columns\": 3}')");
	struct analysis_result got;
	struct report_table back;
	cr_assert_eq(analysis_result_get(st, "kaputt", &got, &back, &err), ANKER_DB);
	cr_expect(strstr(err.msg, "kaputt") && strstr(err.msg, "damaged"), "%s", err.msg);
}

/* Limited to group G2 (document zwei): its segments only, % of them; the
 * matrix has zwei's column alone. */
Test(freq, docs_filter)
{
	struct corpus_doc_filter df = { .group = "G2" };
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE, .docs = &df };
	struct report_table t;
	freq(&o, &t, NULL);
	expect_table(&t, "Code\tPath\tSegments\tDocuments\t%",
	             "1\tA\t0\t0\t0.00|1.1\tA >> A1\t1\t1\t33.33|1.2\tA >> A2\t1\t1\t33.33|"
	             "2\tB\t1\t1\t33.33|3\tC\t0\t0\t0.00");
	report_table_free(&t);
	struct analysis_matrix_opts m = { .cols = ANALYSIS_COLS_DOC, .docs = &df };
	matrix(&m, &t);
	expect_table(&t, "Code\tPath\tzwei\tTotal",
	             "1\tA\t0\t0|1.1\tA >> A1\t1\t1|1.2\tA >> A2\t1\t1|2\tB\t1\t1|3\tC\t0\t0");
	report_table_free(&t);
	df.group = "G9";
	report_table_init(&t);
	cr_expect_eq(analysis_freq(st, &o, &t, NULL, &err), ANKER_NOTFOUND);
	report_table_free(&t);
}
