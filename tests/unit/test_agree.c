/* Unit tests for team/agree.c: the sweep over segment boundaries against
 * hand-computed tables (char units; paragraph and document units are the
 * same sweep in other coordinates). */
#include <criterion/criterion.h>
#include <math.h>

#include "../../coding/coding.h"
#include "../../team/team.h"

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
	near3(team_agree_bp(&s), -0.2, "BP");
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
	near3(team_agree_bp(&s), 1, "BP");
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
	cr_assert(s.o00 == 0 && s.o01 == 0 && s.o11 == 0, "no pairable values expected");
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
	near3(team_agree_bp(&s), 0.333, "BP (Randolph)");
}
