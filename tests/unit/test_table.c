/* Unit tests for coding/table.c: the six output formats. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../coding/coding.h"

static struct coding_table t;
static struct strbuf out;

static void build(void)
{
	coding_table_init(&t);
	coding_table_col(&t, "Code", "code", CODING_COL_TEXT);
	coding_table_col(&t, "n", "n", CODING_COL_INT);
	coding_table_row(&t);
	coding_table_text(&t, "Größe, \"groß\"\nzweite Zeile");
	coding_table_int(&t, 7);
	coding_table_row(&t);
	coding_table_text(&t, "東京 & 100% $x #1 _y {z} ~ ^ \\");
	coding_table_int(&t, 12);
	coding_table_row(&t);
	coding_table_text(&t, NULL);
	coding_table_int(&t, 0);
	memset(&out, 0, sizeof out);
}

static void teardown(void)
{
	coding_table_free(&t);
	sb_free(&out);
}

TestSuite(table, .init = build, .fini = teardown);

Test(table, csv_rfc4180)
{
	coding_table_write(&t, CODING_CSV, 0, &out);
	cr_assert_str_eq(sb_str(&out),
	                 "Code,n\r\n"
	                 "\"Größe, \"\"groß\"\"\nzweite Zeile\",7\r\n"
	                 "東京 & 100% $x #1 _y {z} ~ ^ \\,12\r\n"
	                 ",0\r\n");
}

Test(table, tsv_escapes)
{
	coding_table_write(&t, CODING_TSV, 0, &out);
	cr_assert(strstr(sb_str(&out), "Größe, \"groß\"\\nzweite Zeile\t7\n"), "got: %s",
	          sb_str(&out));
	cr_assert(strstr(sb_str(&out), "~ ^ \\\\\t12\n"), "backslash escaped: %s", sb_str(&out));
}

Test(table, latex_escapes_every_special)
{
	coding_table_write(&t, CODING_LATEX, 0, &out);
	const char *s = sb_str(&out);
	cr_assert(strstr(s, "\\begin{tabular}{lr}\n\\toprule\nCode & n \\\\\n\\midrule\n"), "%s", s);
	cr_assert(strstr(s, "東京 \\& 100\\% \\$x \\#1 \\_y \\{z\\} \\textasciitilde{} "
	                    "\\textasciicircum{} \\textbackslash{} & 12 \\\\"), "got: %s", s);
	cr_assert(strstr(s, "\\bottomrule\n\\end{tabular}\n"), "%s", s);
}

Test(table, markdown)
{
	coding_table_write(&t, CODING_MD, 0, &out);
	cr_assert(strstr(sb_str(&out), "| Code | n |\n| --- | ---: |\n"), "%s", sb_str(&out));
	cr_assert(strstr(sb_str(&out), "| Größe, \"groß\"<br>zweite Zeile | 7 |"), "%s", sb_str(&out));
}

Test(table, json_types_and_null)
{
	coding_table_write(&t, CODING_JSON, 0, &out);
	const char *s = sb_str(&out);
	cr_assert(strstr(s, "{\"code\": \"Größe, \\\"groß\\\"\\nzweite Zeile\", \"n\": 7}"), "%s", s);
	cr_assert(strstr(s, "{\"code\": null, \"n\": 0}"), "%s", s);
	cr_assert_eq(s[0], '[');
}

Test(table, json_empty_is_array)
{
	struct coding_table e;
	struct strbuf o = {0};
	coding_table_init(&e);
	coding_table_col(&e, "A", "a", CODING_COL_TEXT);
	coding_table_write(&e, CODING_JSON, 0, &o);
	cr_assert_str_eq(sb_str(&o), "[]\n");
	coding_table_free(&e);
	sb_free(&o);
}

Test(table, aligned_by_display_width)
{
	struct coding_table a;
	struct strbuf o = {0};
	coding_table_init(&a);
	coding_table_col(&a, "Name", "name", CODING_COL_TEXT);
	coding_table_col(&a, "n", "n", CODING_COL_INT);
	coding_table_row(&a);
	coding_table_text(&a, "東京");      /* 4 columns, 6 bytes */
	coding_table_int(&a, 1);
	coding_table_row(&a);
	coding_table_text(&a, "Ärger");    /* 5 columns, 6 bytes */
	coding_table_int(&a, 22);
	coding_table_write(&a, CODING_TABLE, 0, &o);
	cr_assert_str_eq(sb_str(&o), "Name   n\n東京    1\nÄrger  22\n");
	coding_table_free(&a);
	sb_free(&o);
}

Test(table, table_makes_controls_visible_and_cuts)
{
	struct coding_table a;
	struct strbuf o = {0};
	coding_table_init(&a);
	coding_table_col(&a, "T", "t", CODING_COL_TEXT);
	coding_table_row(&a);
	coding_table_text(&a, "rot \x1b[31mROT");
	coding_table_row(&a);
	coding_table_text(&a, "abcdefghijklmnopqrstuvwxyz");
	coding_table_write(&a, CODING_TABLE, 10, &o);
	cr_assert_null(strchr(sb_str(&o), '\x1b'), "raw ESC in: %s", sb_str(&o));
	cr_assert(strstr(sb_str(&o), "rot ^[[31…"), "got: %s", sb_str(&o));
	cr_assert(strstr(sb_str(&o), "abcdefghi…"), "got: %s", sb_str(&o));
	coding_table_free(&a);
	sb_free(&o);
}

Test(table, format_names)
{
	cr_assert_eq(coding_format_parse("latex"), CODING_LATEX);
	cr_assert_eq(coding_format_parse("json"), CODING_JSON);
	cr_assert_eq(coding_format_parse("xls"), -1);
}

Test(table, path_cut_keeps_the_code_name)
{
	struct coding_table a;
	struct strbuf o = {0};
	coding_table_init(&a);
	coding_table_col(&a, "Path", "path", CODING_COL_PATH);
	coding_table_row(&a);
	coding_table_text(&a, "Verflechtungsorganisation >> Optimierung >> Zentrales Portal");
	coding_table_write(&a, CODING_TABLE, 20, &o);
	cr_assert_str_eq(sb_str(&o), "Path\n…>> Zentrales Portal\n");
	sb_reset(&o);
	coding_table_write(&a, CODING_JSON, 20, &o);
	cr_assert(strstr(sb_str(&o), "\"path\": \"Verflechtungsorganisation >> Optimierung"),
	          "JSON keeps the whole path: %s", sb_str(&o));
	coding_table_free(&a);
	sb_free(&o);
}
