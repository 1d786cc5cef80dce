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

Test(alpha, csv_errors)
{
	struct team_alpha_data d;
	struct anker_err err = {0};
	cr_assert_eq(team_alpha_csv("1,2\n", 4, TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "one row: expected ANKER_INPUT");
	cr_assert(strstr(err.msg, "at least two"), "message: got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,2\n1,x\n", 8, TEAM_ALPHA_INTERVAL, false, &d, &err),
	             ANKER_INPUT, "a label for interval data: expected ANKER_INPUT");
	cr_assert(strstr(err.msg, "2: column 2: 'x' is not a number"), "message: got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,2\n1\n", 6, TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "rows of different length");
	cr_assert(strstr(err.msg, "2: 1 cells, but line 1 has 2"), "message: got '%s'", err.msg);
	cr_assert_eq(team_alpha_csv("1,a\n1,2\n", 8, TEAM_ALPHA_NOMINAL, false, &d, &err),
	             ANKER_INPUT, "numbers and labels mixed");
	cr_assert_eq(team_alpha_csv("1,-2\n1,2\n", 9, TEAM_ALPHA_RATIO, false, &d, &err),
	             ANKER_INPUT, "negative ratio data");
}
