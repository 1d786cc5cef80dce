/* team/alpha.c — Krippendorff's alpha, Cohen's and Brennan–Prediger's
 * kappa, and the CSV reliability data matrix of `anker alpha`.
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

/* ---------------------------------------------------------------------- */
/* The CSV reliability data matrix. */

struct csv_row {
	char **cells;
	size_t n, cap;
	size_t line;
};

/* Room for one more: growing by doubling keeps a long row or file linear. */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	return xreallocarray(v, *cap, size);
}

/* One line's cells: RFC 4180 fields when comma is set, else words
 * separated by blanks.  Cells are trimmed of spaces. */
static void csv_cells(const char *s, size_t len, bool comma, struct csv_row *r)
{
	size_t i = 0;
	for (;;) {
		struct strbuf cell = {0};
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (!comma && i >= len)
			break;
		if (comma && i < len && s[i] == '"') {
			for (i++; i < len; i++) {
				if (s[i] == '"' && i + 1 < len && s[i + 1] == '"')
					sb_addc(&cell, s[i++]);
				else if (s[i] == '"')
					break;
				else
					sb_addc(&cell, s[i]);
			}
			i++;
			while (i < len && s[i] != ',')
				i++;
		} else {
			size_t b = i;
			while (i < len && (comma ? s[i] != ',' : s[i] != ' ' && s[i] != '\t'))
				i++;
			size_t e = i;
			while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
				e--;
			sb_add(&cell, s + b, e - b);
		}
		r->cells = grow(r->cells, r->n, &r->cap, sizeof *r->cells);
		r->cells[r->n++] = sb_steal(&cell);
		if (comma && i >= len)
			break;
		if (comma)
			i++;   /* the comma */
	}
}

static bool cell_missing(const char *c)
{
	return !*c || strcmp(c, ".") == 0;
}

static bool cell_number(const char *c, double *v)
{
	char *end;
	if (cell_missing(c))
		return false;
	*v = strtod(c, &end);
	return *end == '\0' && isfinite(*v);
}

static void rows_free(struct csv_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < rows[i].n; j++)
			free(rows[i].cells[j]);
		free(rows[i].cells);
	}
	free(rows);
}

static size_t csv_rows(const char *text, size_t len, struct csv_row **out)
{
	bool comma = memchr(text, ',', len) != NULL;
	struct csv_row *rows = NULL;
	size_t n = 0, cap = 0, line = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, b = i;
		i = e + 1;
		line++;
		if (e > b && text[e - 1] == '\r')
			e--;
		size_t k = b;
		while (k < e && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (k == e)
			continue;
		rows = grow(rows, n, &cap, sizeof *rows);
		rows[n] = (struct csv_row){ .line = line };
		csv_cells(text + b, e - b, comma, &rows[n++]);
	}
	*out = rows;
	return n;
}

/* Names in the first column: all its cells non-numeric, every other cell
 * a number or missing. */
static bool csv_has_names(const struct csv_row *rows, size_t n)
{
	double v;
	for (size_t i = 0; i < n; i++) {
		if (cell_missing(rows[i].cells[0]) || cell_number(rows[i].cells[0], &v))
			return false;
		for (size_t j = 1; j < rows[i].n; j++)
			if (!cell_missing(rows[i].cells[j]) && !cell_number(rows[i].cells[j], &v))
				return false;
	}
	return true;
}

/* labels: each of d->labels to its category number. */
static int csv_value(struct team_alpha_data *d, struct anker_map *labels, const char *c,
                     enum team_alpha_level level, size_t line, size_t col, double *v,
                     struct anker_err *err)
{
	if (cell_missing(c)) {
		*v = NAN;
		return ANKER_OK;
	}
	if (cell_number(c, v)) {
		if (level == TEAM_ALPHA_RATIO && *v < 0)
			return anker_err_set(err, ANKER_INPUT, "%zu: column %zu: '%s': ratio data "
			                     "cannot be negative", line, col, c);
		return ANKER_OK;
	}
	if (level != TEAM_ALPHA_NOMINAL)
		return anker_err_set(err, ANKER_INPUT, "%zu: column %zu: '%s' is not a number "
		                     "(labels need --level nominal)", line, col, c);
	/* A label becomes its category number; numbers and labels in one
	 * matrix are refused (csv_fill), so the two cannot collide. */
	size_t i = anker_map_get(labels, c, strlen(c));
	if (i == SIZE_MAX) {
		if ((d->nlabels & (d->nlabels - 1)) == 0)   /* 0, 1, 2, 4, …: double */
			d->labels = xreallocarray(d->labels, d->nlabels ? 2 * d->nlabels : 1,
			                          sizeof *d->labels);
		i = d->nlabels++;
		d->labels[i] = xstrdup(c);
		anker_map_put(labels, d->labels[i], strlen(c), i);
	}
	*v = (double)i;
	return ANKER_OK;
}

static int csv_fill(struct team_alpha_data *d, struct csv_row *rows, size_t n, size_t skip,
                    enum team_alpha_level level, struct anker_err *err)
{
	size_t numbers = 0;
	struct anker_map labels = {0};
	int rc = ANKER_OK;
	d->ncoders = n;
	d->nunits = rows[0].n - skip;
	d->values = xcalloc(n * d->nunits + 1, sizeof *d->values);
	d->coders = xcalloc(n, sizeof *d->coders);
	for (size_t i = 0; i < n && !rc; i++) {
		if (rows[i].n != rows[0].n) {
			rc = anker_err_set(err, ANKER_INPUT, "%zu: %zu cells, but line %zu has %zu",
			                   rows[i].line, rows[i].n, rows[0].line, rows[0].n);
			break;
		}
		if (skip) {
			d->coders[i] = xstrdup(rows[i].cells[0]);
		} else {
			struct strbuf sb = {0};
			sb_addf(&sb, "%zu", i + 1);
			d->coders[i] = sb_steal(&sb);
		}
		for (size_t j = skip; j < rows[i].n && !rc; j++) {
			double v = NAN, num;
			rc = csv_value(d, &labels, rows[i].cells[j], level, rows[i].line, j + 1, &v, err);
			numbers += cell_number(rows[i].cells[j], &num);
			d->values[i * d->nunits + j - skip] = v;
		}
	}
	anker_map_free(&labels);
	if (!rc && numbers && d->nlabels)
		rc = anker_err_set(err, ANKER_INPUT, "numbers and labels mixed (e.g. '%s'): give "
		                   "all values as numbers or all as labels", d->labels[0]);
	return rc;
}

int team_alpha_csv(const char *text, size_t len, enum team_alpha_level level, bool names,
                     struct team_alpha_data *out, struct anker_err *err)
{
	struct csv_row *rows;
	size_t n = csv_rows(text, len, &rows);
	int rc = ANKER_OK;
	memset(out, 0, sizeof *out);
	if (n < 2)
		rc = anker_err_set(err, ANKER_INPUT, "%s: a reliability matrix needs a row per coder, "
		                   "at least two", n ? "only one row" : "no rows");
	else if (!names && csv_has_names(rows, n))
		names = true;
	size_t skip = names ? 1 : 0;
	if (!rc && rows[0].n <= skip)
		rc = anker_err_set(err, ANKER_INPUT, "%zu: no units (columns)", rows[0].line);
	if (!rc)
		rc = csv_fill(out, rows, n, skip, level, err);
	rows_free(rows, n);
	if (rc)
		team_alpha_data_free(out);
	return rc;
}

void team_alpha_data_free(struct team_alpha_data *d)
{
	for (size_t i = 0; d->coders && i < d->ncoders; i++)
		free(d->coders[i]);
	for (size_t i = 0; i < d->nlabels; i++)
		free(d->labels[i]);
	free(d->coders);
	free(d->labels);
	free(d->values);
	memset(d, 0, sizeof *d);
}
