/* Unit tests for report/number.c, the one number formatter, and for
 * anker_parse_number, the one number reader. */
#include <criterion/criterion.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../report/report.h"

static void expect(double v, int decimals, unsigned flags, const char *want)
{
	char buf[REPORT_NUMBER_MAX];
	report_number(buf, v, decimals, flags);
	cr_expect_str_eq(buf, want, "%.17g at %d decimals: expected %s, got %s", v, decimals, want,
	                 buf);
}

Test(number, ties_round_half_up)
{
	expect(3.0 / 16, 3, 0, "0.188");      /* alpha = 3/16, exact in binary */
	expect(3.125, 2, 0, "3.13");
	expect(0.125, 2, 0, "0.13");
	expect(2.5, 0, 0, "3");
	expect(0.5, 0, 0, "1");
	expect(1.5, 0, 0, "2");
	expect(0.0625, 3, 0, "0.063");
}

Test(number, ties_on_the_decimal_the_reader_sees)
{
	/* Not exact in binary: 2.675 is 2.67499999999999982…, 1.005 is
	 * 1.00499999999999989…; rounded as the decimal that reads back. */
	expect(2.675, 2, 0, "2.68");
	expect(1.005, 2, 0, "1.01");
	expect(0.045, 2, 0, "0.05");
	expect(1.0000000000000002, 15, 0, "1.000000000000000");
	/* a percentage of counts that is a tie: 100 * 201 / 2000 = 10.05 */
	expect(100.0 * 201 / 2000, 1, 0, "10.1");
	expect(100.0 * 1 / 8, 1, 0, "12.5");
	expect(100.0 * 1 / 800, 2, 0, "0.13");
	/* not ties: plain rounding */
	expect(1.0 / 3, 3, 0, "0.333");
	expect(2.0 / 3, 3, 0, "0.667");
	expect(0.1 + 0.2, 2, 0, "0.30");
	expect(0.18749999999999997, 3, 0, "0.187");   /* just below the tie */
}

Test(number, negative_values_round_away_from_zero)
{
	expect(-0.0005, 3, 0, "-0.001");
	expect(-3.0 / 16, 3, 0, "-0.188");
	expect(-2.675, 2, 0, "-2.68");
	expect(-0.25, 3, 0, "-0.250");
	/* all digits shown are 0: no sign */
	expect(-0.0004, 3, 0, "0.000");
	expect(-0.0, 2, 0, "0.00");
	expect(-1e-300, 2, 0, "0.00");
}

Test(number, carries_and_zero)
{
	expect(0, 2, 0, "0.00");
	expect(0, 0, 0, "0");
	expect(9.995, 2, 0, "10.00");
	expect(99.95, 1, 0, "100.0");
	expect(0.9999, 3, 0, "1.000");
	expect(0.0005, 3, 0, "0.001");
	expect(0.00049, 3, 0, "0.000");
	expect(0.00004, 3, 0, "0.000");
	expect(100, 2, 0, "100.00");
	expect(42, 0, 0, "42");
	expect(7.25, 5, 0, "7.25000");
}

Test(number, large_and_small_values)
{
	expect(1e20, 2, 0, "100000000000000000000.00");
	expect(123456789012.345, 2, 0, "123456789012.35");   /* shortest: ...012.345 */
	expect(9007199254740993.0, 0, 0, "9007199254740992");   /* 2^53 + 1 is not a double */
	expect(1e-20, 3, 0, "0.000");
	char buf[REPORT_NUMBER_MAX];
	report_number(buf, DBL_MAX, REPORT_NUMBER_DECIMALS, 0);
	cr_expect_eq(strlen(buf), 309 + 1 + REPORT_NUMBER_DECIMALS, "DBL_MAX: %zu chars", strlen(buf));
	cr_expect(strncmp(buf, "17976931348623157", 17) == 0, "DBL_MAX: %s", buf);
	report_number(buf, -DBL_MAX, 99, 0);   /* decimals capped */
	cr_expect_eq(strlen(buf), 1 + 309 + 1 + REPORT_NUMBER_DECIMALS, "-DBL_MAX: %s", buf);
	expect(DBL_MIN, 2, 0, "0.00");
	expect(5e-324, 3, 0, "0.000");
}

Test(number, not_a_number_is_na)
{
	expect(NAN, 3, 0, "n/a");
	expect(-NAN, 2, 0, "n/a");
	expect(INFINITY, 2, 0, "n/a");
	expect(-INFINITY, 2, REPORT_NUM_COMMA, "n/a");
}

Test(number, decimal_comma_on_request)
{
	expect(2.345, 2, REPORT_NUM_COMMA, "2,35");
	expect(-1234.5, 1, REPORT_NUM_COMMA, "-1234,5");
	expect(12, 0, REPORT_NUM_COMMA, "12");
	expect(2.345, 2, 0, "2.35");
}

/* The table keeps a missing number missing and writes it per format. */
Test(number, missing_number_in_every_format)
{
	struct report_table t;
	struct strbuf out = {0};
	report_table_init(&t);
	report_table_col(&t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(&t, "%", "percent", REPORT_COL_FLOAT);
	report_table_row(&t);
	report_table_text(&t, "a");
	report_table_float(&t, 0.0 / 0.0, 2);
	report_table_row(&t);
	report_table_text(&t, "b");
	report_table_float(&t, 3.125, 2);
	cr_expect_str_eq(report_table_cell(&t, 0, 1), "n/a");
	cr_expect_str_eq(report_table_cell(&t, 1, 1), "3.13");
	report_table_write(&t, REPORT_CSV, 0, &out);
	cr_expect_str_eq(sb_str(&out), "Code,%\r\na,\r\nb,3.13\r\n");
	sb_reset(&out);
	report_table_write(&t, REPORT_TSV, 0, &out);
	cr_expect_str_eq(sb_str(&out), "Code\t%\na\t\nb\t3.13\n");
	sb_reset(&out);
	report_table_write(&t, REPORT_JSON, 0, &out);
	cr_expect_str_eq(sb_str(&out), "[\n  {\"code\": \"a\", \"percent\": null},\n"
	                 "  {\"code\": \"b\", \"percent\": 3.13}\n]\n");
	sb_reset(&out);
	report_table_write(&t, REPORT_TABLE, 0, &out);
	cr_expect_str_eq(sb_str(&out), "Code  %\na      n/a\nb     3.13\n");
	sb_reset(&out);
	report_table_write(&t, REPORT_MD, 0, &out);
	cr_expect(strstr(sb_str(&out), "| a | n/a |"), "%s", sb_str(&out));
	sb_reset(&out);
	report_table_write(&t, REPORT_LATEX, 0, &out);
	cr_expect(strstr(sb_str(&out), "a & n/a \\\\"), "%s", sb_str(&out));
	sb_free(&out);
	report_table_free(&t);
}

/* anker_parse_number (store/util.c): numbers read from files and
 * arguments, strictly, the same under any LC_NUMERIC. */
static void parses(const char *s, bool comma, double want)
{
	double v = -12345;
	cr_expect(anker_parse_number(s, strlen(s), comma, &v), "'%s': expected a number", s);
	cr_expect(v == want, "'%s': expected %.17g, got %.17g", s, want, v);
}

static void refuses(const char *s, bool comma)
{
	double v = -12345;
	cr_expect(!anker_parse_number(s, strlen(s), comma, &v), "'%s': expected no number", s);
	cr_expect(v == -12345, "'%s': v changed to %g", s, v);
}

Test(number, parse_decimal_forms)
{
	parses("0.0", false, 0);
	parses("-1.5", false, -1.5);
	parses("+2", false, 2);
	parses(".5", false, 0.5);
	parses("5.", false, 5);
	parses("1e3", false, 1000);
	parses("1.5E-2", false, 0.015);
	parses("007", false, 7);
	parses("1,5", true, 1.5);
	parses("-0,25e1", true, -2.5);
	parses("2.5", true, 2.5);
	static const char *const bad[] = { "", ".", "-", "+.", "e3", "1e", "1e+", "1.5.2", " 1",
	                                   "1 ", "0x10", "inf", "nan", "NaN", "1e999", "1,5",
	                                   "1'000", "1_000", "١٢" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		refuses(bad[i], false);
	refuses("1,5,0", true);
	refuses("1.5,0", true);
	double v;
	cr_expect(anker_parse_number("12x", 2, false, &v) && v == 12, "only len bytes are read");
}

Test(number, parse_ignores_the_locale)
{
	/* A German LC_NUMERIC, under which strtod stops at the point: built
	 * with localedef as tests/cli/test_numbers.sh does (this test runs
	 * in a process of its own). */
	char dir[] = "/tmp/anker-locale-XXXXXX", cmd[256];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
	int built = system(cmd);
	setenv("LOCPATH", dir, 1);
	cr_assert(built == 0 && setlocale(LC_NUMERIC, "de_DE.UTF-8"),
	          "localedef -i de_DE -f UTF-8 failed (is the locales package there?)");
	cr_assert_eq(strtod("1.5", NULL), 1.0, "the locale has a decimal comma");
	parses("1.5", false, 1.5);
	parses("1,5", true, 1.5);
	setlocale(LC_NUMERIC, "C");
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}
