/* team/alpha.c — Krippendorff's alpha, Cohen's and Brennan–Prediger's
 * kappa (the CSV file of `anker alpha` is read in team/alpha_csv.c).
 *
 * Alpha follows Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability", section C: a coincidence matrix o_ck over the
 * pairable values (units with at least two values; each ordered pair of
 * values in unit u adds 1 / (m_u - 1)), marginals n_c, n = sum n_c, and
 *   alpha = 1 - (n - 1) * sum o_ck d2(c,k) / sum n_c n_k d2(c,k)
 * with the metric d2 of the level.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "team.h"

int team_alpha_level_parse(const char *s)
{
	static const char *const names[] = { "nominal", "ordinal", "interval", "ratio" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int zcmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static size_t value_index(const double *vals, size_t k, double v)
{
	const double *p = bsearch(&v, vals, k, sizeof *vals, dcmp);
	return (size_t)(p - vals);
}

/* The distinct values of the pairable units, sorted; their count. */
static size_t alpha_values(const double *v, size_t m, size_t n, double **out)
{
	double *vals = xmalloc((m * n + 1) * sizeof *vals);
	size_t k = 0;
	for (size_t u = 0; u < n; u++) {
		size_t mu = 0;
		for (size_t i = 0; i < m; i++)
			mu += !isnan(v[i * n + u]);
		for (size_t i = 0; mu >= 2 && i < m; i++)
			if (!isnan(v[i * n + u]))
				vals[k++] = v[i * n + u];
	}
	qsort(vals, k, sizeof *vals, dcmp);
	size_t w = 0;
	for (size_t i = 0; i < k; i++)
		if (w == 0 || vals[w - 1] != vals[i])
			vals[w++] = vals[i];
	*out = vals;
	return w;
}

/* Values c with weights w: sum over ordered pairs of w_c w_k d2(c, k), in
 * linear time where the metric allows (Krippendorff's d2 of nominal data
 * is 1 - [c = k], of interval data (x_c - x_k)^2, of ordinal data the
 * interval metric on the values' mid-ranks, which the caller passes as
 * x), pairwise for ratio data, whose metric does not separate. */
static double pair_sum(enum team_alpha_level level, const double *x, const size_t *c,
                       const double *w, size_t n)
{
	double sum = 0, wsum = 0, mean = 0;
	switch (level) {
	case TEAM_ALPHA_NOMINAL:
		for (size_t i = 0; i < n; i++) {
			wsum += w[i];
			sum += w[i] * w[i];
		}
		return wsum * wsum - sum;
	case TEAM_ALPHA_ORDINAL:
	case TEAM_ALPHA_INTERVAL:
		/* sum w_i w_j (x_i - x_j)^2 = 2 W sum w_i (x_i - mean)^2, centred
		 * first so that large values lose no precision. */
		for (size_t i = 0; i < n; i++) {
			wsum += w[i];
			mean += w[i] * x[c[i]];
		}
		mean /= wsum;
		for (size_t i = 0; i < n; i++)
			sum += w[i] * (x[c[i]] - mean) * (x[c[i]] - mean);
		return 2 * wsum * sum;
	case TEAM_ALPHA_RATIO:
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < i; j++) {
				double a = x[c[i]], b = x[c[j]];
				double d = a + b == 0 ? 0 : (a - b) / (a + b);
				sum += 2 * w[i] * w[j] * d * d;
			}
		return sum;
	}
	return 0;
}

/* The values of unit u: the indices of its distinct values in vals and how
 * often each occurs, in uc and uw; their number (0 for a unit with fewer
 * than two values, which is not pairable).  idx: room for m indices. */
static size_t unit_values(const double *v, size_t m, size_t n, size_t u, const double *vals,
                          size_t k, size_t *idx, size_t *uc, double *uw)
{
	size_t mu = 0, d = 0;
	for (size_t i = 0; i < m; i++)
		if (!isnan(v[i * n + u]))
			idx[mu++] = value_index(vals, k, v[i * n + u]);
	if (mu < 2)
		return 0;
	qsort(idx, mu, sizeof *idx, zcmp);
	for (size_t i = 0; i < mu; i++) {
		if (d == 0 || uc[d - 1] != idx[i]) {
			uc[d] = idx[i];
			uw[d++] = 0;
		}
		uw[d - 1]++;
	}
	return d;
}

/* Krippendorff's alpha without the coincidence matrix, in O(N log N) for
 * N values (ratio data: also the square of the distinct values, per unit
 * and overall): a transposed matrix (100,000 "coders") or 3,000 distinct
 * ordinal values took minutes pairwise.  Unit u adds its pairs with weight
 * 1 / (m_u - 1) to the observed disagreement and n_uc to the marginal n_c
 * (each row of o sums to n_uc); the expected disagreement pairs the
 * marginals. */
double team_alpha(const double *v, size_t m, size_t n, enum team_alpha_level level,
                    double *pairable)
{
	double *vals;
	size_t k = alpha_values(v, m, n, &vals);
	size_t *idx = xcalloc(m + 1, sizeof *idx), *uc = xcalloc(m + 1, sizeof *uc);
	size_t *all = xcalloc(k + 1, sizeof *all);
	double *uw = xcalloc(m + 1, sizeof *uw), *nc = xcalloc(k + 1, sizeof *nc);
	double *x = xcalloc(k + 1, sizeof *x);
	for (size_t u = 0; u < n; u++) {
		size_t d = unit_values(v, m, n, u, vals, k, idx, uc, uw);
		for (size_t i = 0; i < d; i++)
			nc[uc[i]] += uw[i];
	}
	double total = 0;
	for (size_t c = 0; c < k; c++) {
		/* the ordinal metric is the interval metric on mid-ranks */
		x[c] = level == TEAM_ALPHA_ORDINAL ? total + nc[c] / 2 : vals[c];
		total += nc[c];
		all[c] = c;
	}
	double dobs = 0, dexp = pair_sum(level, x, all, nc, k);
	for (size_t u = 0; u < n; u++) {
		size_t d = unit_values(v, m, n, u, vals, k, idx, uc, uw);
		double mu = 0;
		for (size_t i = 0; i < d; i++)
			mu += uw[i];
		if (d > 1)
			dobs += pair_sum(level, x, uc, uw, d) / (mu - 1);
	}
	if (pairable)
		*pairable = total;
	free(vals);
	free(idx);
	free(uc);
	free(all);
	free(uw);
	free(nc);
	free(x);
	if (dexp <= 0)
		return NAN;
	return 1 - (total - 1) * dobs / dexp;
}

double team_alpha_binary(double o00, double o01, double o11)
{
	double n0 = o00 + o01, n1 = o11 + o01, n = n0 + n1;
	if (n0 <= 0 || n1 <= 0)
		return NAN;
	return 1 - (n - 1) * o01 / (n0 * n1);
}

double team_cohen_kappa(const double *table, size_t k)
{
	double n = 0, po = 0, pe = 0;
	for (size_t i = 0; i < k * k; i++)
		n += table[i];
	if (n <= 0)
		return NAN;
	for (size_t i = 0; i < k; i++) {
		double row = 0, col = 0;
		for (size_t j = 0; j < k; j++) {
			row += table[i * k + j];
			col += table[j * k + i];
		}
		po += table[i * k + i];
		pe += row * col;
	}
	po /= n;
	pe /= n * n;
	if (pe >= 1)
		return NAN;
	return (po - pe) / (1 - pe);
}

double team_bp_kappa(double po, size_t q)
{
	if (q < 2 || isnan(po))
		return NAN;
	double pc = 1.0 / (double)q;
	return (po - pc) / (1 - pc);
}
