/* Unit tests for report/table.c: the six output formats. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../coding/coding.h"

static struct report_table t;
static struct strbuf out;

static void build(void)
{
	report_table_init(&t);
	report_table_col(&t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(&t, "n", "n", REPORT_COL_INT);
	report_table_row(&t);
	report_table_text(&t, "Größe, \"groß\"\nzweite Zeile");
	report_table_int(&t, 7);
	report_table_row(&t);
	report_table_text(&t, "東京 & 100% $x #1 _y {z} ~ ^ \\");
	report_table_int(&t, 12);
	report_table_row(&t);
	report_table_text(&t, NULL);
	report_table_int(&t, 0);
	memset(&out, 0, sizeof out);
}

static void teardown(void)
{
	report_table_free(&t);
	sb_free(&out);
}

TestSuite(table, .init = build, .fini = teardown);

Test(table, csv_rfc4180)
{
	report_table_write(&t, REPORT_CSV, 0, &out);
	cr_assert_str_eq(sb_str(&out),
	                 "Code,n\r\n"
	                 "\"Größe, \"\"groß\"\"\nzweite Zeile\",7\r\n"
	                 "東京 & 100% $x #1 _y {z} ~ ^ \\,12\r\n"
	                 ",0\r\n");
}

Test(table, tsv_escapes)
{
	report_table_write(&t, REPORT_TSV, 0, &out);
	cr_assert(strstr(sb_str(&out), "Größe, \"groß\"\\nzweite Zeile\t7\n"), "got: %s",
	          sb_str(&out));
	cr_assert(strstr(sb_str(&out), "~ ^ \\\\\t12\n"), "backslash escaped: %s", sb_str(&out));
}

Test(table, latex_escapes_every_special)
{
	report_table_write(&t, REPORT_LATEX, 0, &out);
	const char *s = sb_str(&out);
	cr_assert(strstr(s, "% needs \\usepackage{booktabs}\n"), "%s", s);
	cr_assert(strstr(s, "\\begin{tabular}{lr}\n\\toprule\nCode & n \\\\\n\\midrule\n"), "%s", s);
	/* the straight quote in T1 (OT1 has none; babel's ngerman makes it
	 * active), CJK (which pdflatex cannot set) as placeholders */
	cr_assert(strstr(s, "\\providecommand*{\\ankerTone}[1]{{\\fontencoding{T1}\\selectfont#1}}"),
	          "%s", s);
	cr_assert(strstr(s, "Größe, \\ankerTone{\\textquotedbl}groß\\ankerTone{\\textquotedbl} "
	                    "zweite Zeile & 7 \\\\"), "%s", s);
	cr_assert(strstr(s, "\\textless{}U+6771\\textgreater{}\\allowbreak{}\\textless{}U+4EAC"
	                    "\\textgreater{}\\allowbreak{} \\& 100\\% \\$x \\#1 \\_y \\{z\\} "
	                    "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} & 12 \\\\"),
	          "got: %s", s);
	cr_assert(strstr(s, "\\bottomrule\n\\end{tabular}\n"), "%s", s);
}

Test(table, markdown)
{
	report_table_write(&t, REPORT_MD, 0, &out);
	cr_assert(strstr(sb_str(&out), "| Code | n |\n| --- | ---: |\n"), "%s", sb_str(&out));
	cr_assert(strstr(sb_str(&out), "| Größe, \"groß\"<br>zweite Zeile | 7 |"), "%s", sb_str(&out));
	/* markup characters and the backslash escaped, others as they are */
	cr_assert(strstr(sb_str(&out), "| 東京 \\& 100% $x #1 \\_y {z} \\~ ^ \\\\ | 12 |"), "%s",
	          sb_str(&out));
}

Test(table, json_types_and_null)
{
	report_table_write(&t, REPORT_JSON, 0, &out);
	const char *s = sb_str(&out);
	cr_assert(strstr(s, "{\"code\": \"Größe, \\\"groß\\\"\\nzweite Zeile\", \"n\": 7}"), "%s", s);
	cr_assert(strstr(s, "{\"code\": null, \"n\": 0}"), "%s", s);
	cr_assert_eq(s[0], '[');
}

Test(table, json_empty_is_array)
{
	struct report_table e;
	struct strbuf o = {0};
	report_table_init(&e);
	report_table_col(&e, "A", "a", REPORT_COL_TEXT);
	report_table_write(&e, REPORT_JSON, 0, &o);
	cr_assert_str_eq(sb_str(&o), "[]\n");
	report_table_free(&e);
	sb_free(&o);
}

Test(table, aligned_by_display_width)
{
	struct report_table a;
	struct strbuf o = {0};
	report_table_init(&a);
	report_table_col(&a, "Name", "name", REPORT_COL_TEXT);
	report_table_col(&a, "n", "n", REPORT_COL_INT);
	report_table_row(&a);
	report_table_text(&a, "東京");      /* 4 columns, 6 bytes */
	report_table_int(&a, 1);
	report_table_row(&a);
	report_table_text(&a, "Ärger");    /* 5 columns, 6 bytes */
	report_table_int(&a, 22);
	report_table_write(&a, REPORT_TABLE, 0, &o);
	cr_assert_str_eq(sb_str(&o), "Name   n\n東京    1\nÄrger  22\n");
	report_table_free(&a);
	sb_free(&o);
}

Test(table, table_makes_controls_visible_and_cuts)
{
	struct report_table a;
	struct strbuf o = {0};
	report_table_init(&a);
	report_table_col(&a, "T", "t", REPORT_COL_TEXT);
	report_table_row(&a);
	report_table_text(&a, "rot \x1b[31mROT");
	report_table_row(&a);
	report_table_text(&a, "abcdefghijklmnopqrstuvwxyz");
	report_table_write(&a, REPORT_TABLE, 10, &o);
	cr_assert_null(strchr(sb_str(&o), '\x1b'), "raw ESC in: %s", sb_str(&o));
	cr_assert(strstr(sb_str(&o), "rot ^[[31…"), "got: %s", sb_str(&o));
	cr_assert(strstr(sb_str(&o), "abcdefghi…"), "got: %s", sb_str(&o));
	report_table_free(&a);
	sb_free(&o);
}

Test(table, format_names)
{
	cr_assert_eq(report_format_parse("latex"), REPORT_LATEX);
	cr_assert_eq(report_format_parse("json"), REPORT_JSON);
	cr_assert_eq(report_format_parse("xls"), -1);
}

Test(table, path_cut_keeps_the_code_name)
{
	struct report_table a;
	struct strbuf o = {0};
	report_table_init(&a);
	report_table_col(&a, "Path", "path", REPORT_COL_PATH);
	report_table_row(&a);
	report_table_text(&a, "Verflechtungsorganisation >> Optimierung >> Zentrales Portal");
	report_table_write(&a, REPORT_TABLE, 20, &o);
	cr_assert_str_eq(sb_str(&o), "Path\n…>> Zentrales Portal\n");
	sb_reset(&o);
	report_table_write(&a, REPORT_JSON, 20, &o);
	cr_assert(strstr(sb_str(&o), "\"path\": \"Verflechtungsorganisation >> Optimierung"),
	          "JSON keeps the whole path: %s", sb_str(&o));
	report_table_free(&a);
	sb_free(&o);
}

/* A table of a code path, a number as text and numbers, for the options. */
static void options_table(struct report_table *a)
{
	report_table_init(a);
	report_table_col(a, "Code", "code", REPORT_COL_TEXT);
	report_table_col(a, "Path", "path", REPORT_COL_PATH);
	report_table_col(a, "n", "n", REPORT_COL_INT);
	report_table_col(a, "%", "percent", REPORT_COL_FLOAT);
	report_table_row(a);
	report_table_text(a, "2.10");
	report_table_text(a, "A >> B >> Leaf");
	report_table_int(a, 1234);
	report_table_float(a, 2.345, 2);
	report_table_row(a);
	report_table_text(a, "=SUM(1;2)");
	report_table_text(a, "A; B");
	report_table_int(a, 0);
	report_table_float(a, 0.0 / 0.0, 2);
}

/* The options table written in f with opt; the caller frees it. */
static char *written(enum report_format f, struct report_write_opts opt)
{
	struct report_table a;
	struct strbuf o = {0};
	options_table(&a);
	report_table_write_opts(&a, f, &opt, &o);
	report_table_free(&a);
	return sb_steal(&o);
}

Test(table, decimal_comma_only_in_numbers)
{
	char *md = written(REPORT_MD, (struct report_write_opts){ .decimal_comma = true });
	char *tex = written(REPORT_LATEX, (struct report_write_opts){ .decimal_comma = true });
	cr_expect(strstr(md, "| 2.10 | A >> B >> Leaf | 1234 | 2,35 |"), "%s", md);
	cr_expect(strstr(md, "| 0 | n/a |"), "%s", md);
	cr_expect(strstr(tex, "1234 & 2,35"), "%s", tex);
	free(md);
	free(tex);
}

Test(table, csv_for_excel)
{
	char *csv = written(REPORT_CSV, (struct report_write_opts){ .decimal_comma = true,
	                                                            .excel = true });
	cr_expect_str_eq(csv, "\xEF\xBB\xBF" "Code;Path;n;%\r\n"
	                 "\"=\"\"2.10\"\"\";A >> B >> Leaf;1234;2,35\r\n"
	                 "\"=\"\"=SUM(1;2)\"\"\";\"A; B\";0;\r\n");
	free(csv);
}

Test(table, leaf_names_the_code_itself)
{
	char *tsv = written(REPORT_TSV, (struct report_write_opts){ .leaf = true });
	char *json = written(REPORT_JSON, (struct report_write_opts){ .leaf = true });
	cr_expect(strstr(tsv, "Code\tName\tn\t%\n2.10\tLeaf\t1234\t2.35\n"), "%s", tsv);
	cr_expect(strstr(json, "\"name\": \"Leaf\""), "%s", json);
	free(tsv);
	free(json);
}

Test(table, json_numbers_only_when_valid)
{
	/* a saved result made under a comma locale holds "2,34" */
	struct report_table a;
	struct strbuf o = {0};
	report_table_init(&a);
	report_table_col(&a, "%", "p", REPORT_COL_FLOAT);
	const char *cells[] = { "2,34", "1.5", "-0", "1e5", ".5", "01", "1.", "inf" };
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		report_table_row(&a);
		report_table_text(&a, cells[i]);
	}
	report_table_write(&a, REPORT_JSON, 0, &o);
	cr_expect_str_eq(sb_str(&o), "[\n  {\"p\": \"2,34\"},\n  {\"p\": 1.5},\n  {\"p\": -0},\n"
	                 "  {\"p\": 1e5},\n  {\"p\": \".5\"},\n  {\"p\": \"01\"},\n  {\"p\": \"1.\"},\n"
	                 "  {\"p\": \"inf\"}\n]\n");
	sb_free(&o);
	report_table_free(&a);
}

/* rows rows of (text, number): "r<i>", i; the same width throughout when
 * even is set, a longer text in row 1500 otherwise. */
static void fill(struct report_table *x, size_t from, size_t to, bool even)
{
	for (size_t i = from; i < to; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "r%04zu%s", i, !even && i == 1500 ? " longer" : "");
		report_table_row(x);
		report_table_text(x, buf);
		report_table_int(x, (int64_t)i + 10000);   /* five digits throughout */
	}
}

/* Written in parts of 1000 rows, a table reads as written whole, in every
 * format that can be written in parts (the aligned table: when no later
 * row is wider than the first part's). */
Test(table, parts_read_as_the_whole)
{
	static const enum report_format fmts[] = { REPORT_TABLE, REPORT_TSV, REPORT_CSV,
	                                           REPORT_MD, REPORT_JSON };
	for (size_t k = 0; k < sizeof fmts / sizeof *fmts; k++)
		for (int excel = 0; excel < 2; excel++)
			for (size_t n = 0; n <= 2500; n += n < 1000 ? 1000 : 1500) {
				struct report_write_opts o = { .max_width = 60, .excel = excel };
				struct report_table whole, part;
				struct strbuf a = {0}, b = {0};
				report_table_init(&whole);
				report_table_init(&part);
				for (struct report_table *x = &whole; x; x = x == &whole ? &part : NULL) {
					report_table_col(x, "Code", "code", REPORT_COL_TEXT);
					report_table_col(x, "n", "n", REPORT_COL_INT);
				}
				fill(&whole, 0, n, true);
				report_table_write_opts(&whole, fmts[k], &o, &a);
				struct report_stream s = { .fmt = fmts[k], .o = o };
				for (size_t i = 0; i < n; i += 1000) {
					fill(&part, i, i + 1000 < n ? i + 1000 : n, true);
					report_stream_write(&s, &part, false, &b);
				}
				report_stream_write(&s, &part, true, &b);
				report_stream_free(&s);
				cr_assert(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0,
				          "format %d, %zu rows, excel %d: parts differ from the whole table "
				          "(%zu and %zu bytes)", (int)fmts[k], n, excel, a.len, b.len);
				sb_free(&a);
				sb_free(&b);
				report_table_free(&whole);
				report_table_free(&part);
			}
}

/* The aligned table keeps the first part's widths: a wider cell later
 * pushes its own row on, the others stay aligned. */
Test(table, parts_keep_the_first_widths)
{
	struct report_stream s = { .fmt = REPORT_TABLE, .o = { .max_width = 60 } };
	report_table_free(&t);   /* the suite's table: columns of our own */
	report_table_col(&t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(&t, "n", "n", REPORT_COL_INT);
	fill(&t, 1000, 1001, false);
	report_stream_write(&s, &t, false, &out);
	fill(&t, 1500, 1502, false);
	report_stream_write(&s, &t, true, &out);
	report_stream_free(&s);
	cr_assert_str_eq(sb_str(&out), "Code   n\n"
	                               "r1000  11000\n"
	                               "r1500 longer  11500\n"
	                               "r1501  11501\n");
}
