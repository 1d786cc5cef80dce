/* Unit tests for team/alpha.c: Krippendorff's alpha against the values
 * published in Krippendorff (2011), Cohen's kappa against Artstein &
 * Poesio (2008), and the CSV reliability matrix. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "../../coding/coding.h"
#include "../../team/team.h"

#define NA NAN

static void near3(double got, double want, const char *what)
{
	cr_assert(fabs(got - want) < 0.0005, "%s: expected %.3f, got %.6f", what, want, got);
}

/* Section C: four observers, twelve units, missing values. */
static const double kripp_c[4 * 12] = {
	1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA,
	1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3,
	NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA,
	1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA,
};

Test(alpha, krippendorff_2011_c_all_levels)
{
	double n;
	near3(team_alpha(kripp_c, 4, 12, TEAM_ALPHA_NOMINAL, &n), 0.743, "nominal");
	cr_assert_eq(n, 40, "pairable values: expected 40, got %g", n);
	near3(team_alpha(kripp_c, 4, 12, TEAM_ALPHA_ORDINAL, NULL), 0.815, "ordinal");
	near3(team_alpha(kripp_c, 4, 12, TEAM_ALPHA_INTERVAL, NULL), 0.849, "interval");
	near3(team_alpha(kripp_c, 4, 12, TEAM_ALPHA_RATIO, NULL), 0.797, "ratio");
}

Test(alpha, krippendorff_2011_binary_two_coders)
{
	static const double v[2 * 10] = { 0, 1, 0, 0, 0, 0, 0, 0, 1, 0,
	                                  1, 1, 1, 0, 0, 1, 0, 0, 0, 0 };
	near3(team_alpha(v, 2, 10, TEAM_ALPHA_NOMINAL, NULL), 0.095, "binary alpha");
	/* The same from coincidences: o01 = 4, o11 = 2, o00 = 10. */
	near3(team_alpha_binary(10, 4, 2), 0.095, "binary alpha from coincidences");
}

Test(alpha, cohen_artstein_poesio_2008)
{
	/* coder 1: 40 x 0, 60 x 1; coder 2: 20 x 0, 20 x 1, 10 x 0, 50 x 1 */
	double t[4] = { 20, 20, 10, 50 };
	near3(team_cohen_kappa(t, 2), 0.348, "Cohen's kappa");
	near3(team_bp_kappa(0.7, 2), 0.4, "Brennan-Prediger kappa");
}

Test(alpha, undefined_without_variation)
{
	static const double v[2 * 3] = { 1, 1, 1, 1, 1, 1 };
	cr_assert(isnan(team_alpha(v, 2, 3, TEAM_ALPHA_NOMINAL, NULL)),
	          "alpha of identical values: expected undefined (NAN)");
	static const double w[2 * 2] = { 1, NA, NA, 2 };
	double n;
	cr_assert(isnan(team_alpha(w, 2, 2, TEAM_ALPHA_NOMINAL, &n)),
	          "no pairable unit: expected NAN");
	cr_assert_eq(n, 0, "pairable: expected 0, got %g", n);
}

Test(alpha, csv_with_names_and_missing)
{
	static const char csv[] = "A,1,2,3,3,2,1,4,1,2,,,\n"
	                          "B,1,2,3,3,2,2,4,1,2,5,,3\n"
	                          "C,.,3,3,3,2,3,4,2,2,5,1,\n"
	                          "D,1,2,3,3,2,4,4,1,2,5,1,.\r\n";
	struct team_alpha_data d;
	struct anker_err err = {0};
	cr_assert_eq(team_alpha_csv(csv, strlen(csv), TEAM_ALPHA_INTERVAL, false, &d, &err), 0,
	             "%s", err.msg);
	cr_assert_eq(d.ncoders, 4, "coders: expected 4, got %zu", d.ncoders);
	cr_assert_eq(d.nunits, 12, "units: expected 12, got %zu", d.nunits);
	cr_assert_str_eq(d.coders[2], "C");
	near3(team_alpha(d.values, 4, 12, TEAM_ALPHA_INTERVAL, NULL), 0.849, "interval from CSV");
	team_alpha_data_free(&d);
}

Test(alpha, csv_blank_separated_labels)
{
	static const char txt[] = "a b a .\nb b a a\n";
	struct team_alpha_data d;
	struct anker_err err = {0};
	cr_assert_eq(team_alpha_csv(txt, strlen(txt), TEAM_ALPHA_NOMINAL, false, &d, &err), 0,
	             "%s", err.msg);
	cr_assert_eq(d.nunits, 4, "units: expected 4, got %zu", d.nunits);
	cr_assert_eq(d.nlabels, 2, "labels: expected 2, got %zu", d.nlabels);
	cr_assert(isnan(d.values[3]), "'.' is missing");
	/* Units: (a,b) (b,b) (a,a) (-,a): o_ab = 2, o_aa = 2, o_bb = 2, n = 6:
	 * alpha = 1 - 5 * 2 / (2 * 3 * 3) = 0.444 */
	near3(team_alpha(d.values, 2, 4, TEAM_ALPHA_NOMINAL, NULL), 0.444, "labels");
	team_alpha_data_free(&d);
}

/* Read text as a matrix, expecting success. */
static void csv_ok(const char *text, enum team_alpha_level level, bool names,
                   struct team_alpha_data *d)
{
	struct anker_err err = {0};
	cr_assert_eq(team_alpha_csv(text, strlen(text), level, names, d, &err), 0,
	             "'%s': %s", text, err.msg);
}

/* Krippendorff's section C once more, as German Excel writes it: a byte
 * order mark, semicolons, NA for missing (R), quoted names. */
Test(alpha, csv_excel_semicolons_bom_na)
{
	struct team_alpha_data d;
	csv_ok("\xEF\xBB\xBF\"A\";1;2;3;3;2;1;4;1;2;;;\r\n"
	       "B;1;2;3;3;2;2;4;1;2;5;NA;3\r\n"
	       "C;.;3;3;3;2;3;4;2;2;5;1;NA\r\n"
	       "D;1;2;3;3;2;4;4;1;2;5;1;\"NA\"\r\n", TEAM_ALPHA_ORDINAL, false, &d);
	cr_assert_eq(d.nunits, 12, "units: expected 12, got %zu", d.nunits);
	cr_assert_str_eq(d.coders[0], "A", "the BOM is not part of the first name");
	near3(team_alpha(d.values, 4, 12, TEAM_ALPHA_ORDINAL, NULL), 0.815, "ordinal");
	team_alpha_data_free(&d);
}

Test(alpha, csv_decimal_comma_only_where_comma_separates_nothing)
{
	struct team_alpha_data d;
	csv_ok("1,5;2;-0,25\n1.5;2,0;-2.5e-1\n", TEAM_ALPHA_INTERVAL, false, &d);
	cr_assert_eq(d.nunits, 3, "semicolons: expected 3 units, got %zu", d.nunits);
	cr_assert(d.values[0] == 1.5 && d.values[2] == -0.25 && d.values[5] == -0.25,
	          "decimal commas and points: got %g %g %g", d.values[0], d.values[2], d.values[5]);
	team_alpha_data_free(&d);
	csv_ok("x\t1,5\t\t2\ny\t1\t2\t2\n", TEAM_ALPHA_INTERVAL, false, &d);
	cr_assert_eq(d.nunits, 3, "tabs: expected 3 units, got %zu", d.nunits);
	cr_assert(d.values[0] == 1.5 && isnan(d.values[1]), "tab: an empty cell is missing");
	team_alpha_data_free(&d);
	struct anker_err err = {0};
	cr_assert_eq(team_alpha_csv("1,5,2\n\"1,5\",2,3\n", 17, TEAM_ALPHA_INTERVAL, false, &d,
	                            &err), ANKER_INPUT, "a decimal comma in a comma file");
	cr_assert(strstr(err.msg, "line 2, column 1: '1,5' is not a number"), "got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,2\n1;2,3\n", 10, TEAM_ALPHA_INTERVAL, false, &d, &err),
	             ANKER_INPUT, "semicolons after a comma line");
	cr_assert(strstr(err.msg, "semicolons needs one in its first line"), "got '%s'", err.msg);
}

Test(alpha, csv_rfc4180_quotes_and_line_breaks)
{
	struct team_alpha_data d;
	csv_ok("\"anna\nmüller\",\"yes, \"\"clearly\"\"\",no\n"
	       "ben,\"yes, \"\"clearly\"\"\",\"no\"\n", TEAM_ALPHA_NOMINAL, true, &d);
	cr_assert_eq(d.ncoders, 2, "coders: expected 2, got %zu", d.ncoders);
	cr_assert_str_eq(d.coders[0], "anna\nmüller");
	cr_assert_eq(d.nlabels, 2, "labels: expected 2, got %zu", d.nlabels);
	cr_assert_str_eq(d.labels[0], "yes, \"clearly\"");
	team_alpha_data_free(&d);
	struct anker_err err = {0};
	static const char open[] = "1,2\n\n1,\"2\n3\n";
	cr_assert_eq(team_alpha_csv(open, strlen(open), TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "a quote never closed");
	cr_assert(strstr(err.msg, "line 3, column 2: the quote opened here is never closed"),
	          "got '%s'", err.msg);
	static const char after[] = "1,2\n\"a\nb\"c,2\n";
	cr_assert_eq(team_alpha_csv(after, strlen(after), TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "text after a closing quote");
	cr_assert(strstr(err.msg, "line 3, column 1: text after the closing quote"),
	          "got '%s'", err.msg);
}

/* NA was a category of its own: alpha -0.091 instead of 0.000. */
Test(alpha, csv_na_is_missing)
{
	struct team_alpha_data d;
	csv_ok("a,a,b,NA,NA\na,b,NA,b,a\n", TEAM_ALPHA_NOMINAL, false, &d);
	cr_assert_eq(d.nlabels, 2, "labels: expected a and b, got %zu", d.nlabels);
	near3(team_alpha(d.values, 2, 5, TEAM_ALPHA_NOMINAL, NULL), 0.0, "NA missing");
	team_alpha_data_free(&d);
	csv_ok("a,a,b,zz,zz\na,b,zz,b,a\n", TEAM_ALPHA_NOMINAL, false, &d);
	near3(team_alpha(d.values, 2, 5, TEAM_ALPHA_NOMINAL, NULL), -0.091, "a category zz");
	team_alpha_data_free(&d);
}

Test(alpha, csv_errors)
{
	struct team_alpha_data d;
	struct anker_err err = {0};
	cr_assert_eq(team_alpha_csv("1,2\n", 4, TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "one row: expected ANKER_INPUT");
	cr_assert(strstr(err.msg, "at least two"), "message: got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,2\n1,x\n", 8, TEAM_ALPHA_INTERVAL, false, &d, &err),
	             ANKER_INPUT, "a label for interval data: expected ANKER_INPUT");
	cr_assert(strstr(err.msg, "line 2, column 2: 'x' is not a number"), "message: got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,2\n1\n", 6, TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "rows of different length");
	cr_assert(strstr(err.msg, "line 2: 1 cells, but line 1 has 2 (cells separated by commas"), "message: got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,a\n1,2\n", 8, TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "numbers and labels mixed");
	cr_assert_eq(team_alpha_csv("1,-2\n1,2\n", 9, TEAM_ALPHA_RATIO, false, &d, &err),
	             ANKER_INPUT, "negative ratio data");
}

/* Krippendorff's recipe word for word, the coincidence matrix pair by
 * pair: the reference team_alpha's linear sums must agree with. */
static double alpha_by_pairs(const double *v, size_t m, size_t n, enum team_alpha_level level)
{
	double vals[64], o[64][64] = { { 0 } }, nc[64] = { 0 }, total = 0, dobs = 0, dexp = 0;
	size_t k = 0;
	for (size_t i = 0; i < m * n; i++) {
		size_t c = 0;
		while (c < k && vals[c] != v[i])
			c++;
		if (!isnan(v[i]) && c == k)
			vals[k++] = v[i];
	}
	for (size_t a = 0; a < k; a++)       /* sorted: the ordinal metric needs the order */
		for (size_t b = a + 1; b < k; b++)
			if (vals[b] < vals[a]) {
				double t = vals[a];
				vals[a] = vals[b];
				vals[b] = t;
			}
	for (size_t u = 0; u < n; u++) {
		size_t mu = 0;
		for (size_t i = 0; i < m; i++)
			mu += !isnan(v[i * n + u]);
		for (size_t i = 0; mu > 1 && i < m; i++)
			for (size_t j = 0; j < m; j++) {
				if (i == j || isnan(v[i * n + u]) || isnan(v[j * n + u]))
					continue;
				size_t c = 0, d = 0;
				while (vals[c] != v[i * n + u])
					c++;
				while (vals[d] != v[j * n + u])
					d++;
				o[c][d] += 1.0 / (double)(mu - 1);
			}
	}
	for (size_t c = 0; c < k; c++)
		for (size_t d = 0; d < k; d++)
			nc[c] += o[c][d];
	for (size_t c = 0; c < k; c++)
		total += nc[c];
	for (size_t c = 0; c < k; c++)
		for (size_t d = 0; d < k; d++) {
			double x = vals[c], y = vals[d], e = 0;
			if (level == TEAM_ALPHA_NOMINAL) {
				e = c != d;
			} else if (level == TEAM_ALPHA_INTERVAL) {
				e = (x - y) * (x - y);
			} else if (level == TEAM_ALPHA_RATIO) {
				e = x + y == 0 ? 0 : ((x - y) / (x + y)) * ((x - y) / (x + y));
			} else {
				size_t lo = c < d ? c : d, hi = c < d ? d : c;
				for (size_t g = lo; g <= hi; g++)
					e += nc[g];
				e = (e - (nc[c] + nc[d]) / 2) * (e - (nc[c] + nc[d]) / 2);
			}
			dobs += o[c][d] * e;
			dexp += nc[c] * nc[d] * e;
		}
	return dexp <= 0 ? NAN : 1 - (total - 1) * dobs / dexp;
}

Test(alpha, linear_sums_agree_with_the_coincidence_matrix)
{
	unsigned seed = 12345;
	double v[8 * 40];
	for (int round = 0; round < 200; round++) {
		size_t m = 2 + round % 7, n = 3 + (size_t)(round * 7) % 38;
		for (size_t i = 0; i < m * n; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 100;
			v[i] = r < 15 ? NAN : (double)(r % (2 + round % 9)) + (round % 3 ? 0 : 0.5);
		}
		for (int level = TEAM_ALPHA_NOMINAL; level <= TEAM_ALPHA_RATIO; level++) {
			double want = alpha_by_pairs(v, m, n, level);
			double got = team_alpha(v, m, n, level, NULL);
			cr_assert(isnan(want) ? isnan(got) : fabs(got - want) < 1e-9,
			          "round %d, %zu x %zu, level %d: expected %.12f, got %.12f", round, m,
			          n, level, want, got);
		}
	}
}

/* A transposed matrix (100,000 "coders" of three units) and 3,000
 * distinct ordinal values took minutes pair by pair; the sums are linear
 * (bench/hostile.sh has the figures).  The answers, worked out by hand:
 * every coder of a unit gives its value, so there is perfect agreement;
 * with one of 3,000 values moved by one, nearly so. */
Test(alpha, large_matrices, .timeout = 20)
{
	size_t m = 100000, n = 3;
	double *v = xcalloc(m * n, sizeof *v), pairable;
	for (size_t i = 0; i < m; i++)
		for (size_t u = 0; u < n; u++)
			v[i * n + u] = (double)u;
	near3(team_alpha(v, m, n, TEAM_ALPHA_NOMINAL, &pairable), 1.0, "transposed, nominal");
	cr_assert_eq(pairable, (double)(m * n), "pairable values: %g", pairable);
	near3(team_alpha(v, m, n, TEAM_ALPHA_ORDINAL, NULL), 1.0, "transposed, ordinal");
	free(v);
	n = 3000;
	v = xcalloc(2 * n, sizeof *v);
	for (size_t u = 0; u < n; u++)
		v[u] = v[n + u] = (double)u;
	near3(team_alpha(v, 2, n, TEAM_ALPHA_ORDINAL, NULL), 1.0, "3,000 ordinal values");
	v[n + 7] = 8;
	double a = team_alpha(v, 2, n, TEAM_ALPHA_ORDINAL, NULL);
	cr_assert(a > 0.999 && a < 1.0, "3,000 ordinal values, one moved: %.6f", a);
	free(v);
}
