/* report/number.c — the one function that turns a statistic into text.
 *
 * Rounding is decided on the decimal a reader sees, not on the binary
 * double: 2.675 is stored as 2.67499999999999982…, yet whoever reads
 * "2.675" in a log, a JSON file or a calculator expects 2.68.  So the value
 * is first written as the shortest decimal that reads back as the same
 * double (what printf("%.17g") shortened, JSON writers and R's print give),
 * and that decimal is rounded half up (half away from zero) at the printed
 * precision.  Values that are exact in binary (3/16 = 0.1875, 3.125) round
 * as everyone expects; values computed as one correctly rounded division of
 * whole numbers (100 * a / b) are the double nearest the true ratio, whose
 * shortest decimal is the ratio itself whenever that has at most 15
 * significant digits: ties in percentages of counts round up too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The shortest significant digits of |v| (finite, not 0) that read back as
 * v, without trailing zeros: d[0] is the digit of 10^*exp10.  Returns
 * their count (1 to 17).  %.15e, %.16e or %.17e, the first that reads back:
 * 17 always does, and 15 does for every decimal of at most 15 digits, which
 * it then gives exactly (padded with zeros, stripped here).  The point
 * printf writes may follow LC_NUMERIC; it is skipped whatever it is. */
static int shortest_digits(double v, char d[18], int *exp10)
{
	char s[48];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*e", prec - 1, fabs(v));
		if (strtod(s, NULL) == fabs(v))
			break;
	}
	int n = 0;
	const char *p = s;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && n < 17)
			d[n++] = *p;
	*exp10 = *p == 'e' ? atoi(p + 1) : 0;
	while (n > 1 && d[n - 1] == '0')
		n--;
	d[n] = '\0';
	return n;
}

/* Round the digits half up so that none is left below 10^-decimals: keep
 * the first exp10 + 1 + decimals digits, and add one to the last kept when
 * the first dropped is 5 or more (the ones after it can only add). */
static int round_digits(char d[18], int n, int *exp10, int decimals)
{
	int keep = *exp10 + 1 + decimals;
	if (keep >= n)
		return n;
	if (keep < 0)
		return 0;   /* below a tenth of the last place: 0 */
	bool up = d[keep] >= '5';
	n = keep;
	if (!up)
		return n;
	int i = n - 1;
	for (; i >= 0 && d[i] == '9'; i--)
		d[i] = '0';
	if (i >= 0) {
		d[i]++;
	} else {   /* 9.99 → 10.0: a new first digit */
		memmove(d + 1, d, (size_t)n);
		d[0] = '1';
		n++;
		++*exp10;
	}
	return n;
}

char *report_number(char *buf, double v, int decimals, unsigned flags)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > REPORT_NUMBER_DECIMALS)
		decimals = REPORT_NUMBER_DECIMALS;
	if (!isfinite(v)) {
		strcpy(buf, "n/a");
		return buf;
	}
	char d[18];
	int exp10 = 0, n = v == 0 ? 0 : shortest_digits(v, d, &exp10);
	n = round_digits(d, n, &exp10, decimals);
	/* Digit of 10^p for p from the highest (at least 10^0) down to
	 * 10^-decimals; a sign only when a digit shown is not 0. */
	char *o = buf;
	bool nonzero = false;
	for (int i = 0; i < n; i++)
		nonzero |= d[i] != '0';
	if (signbit(v) && nonzero)
		*o++ = '-';
	for (int p = exp10 > 0 ? exp10 : 0; p >= -decimals; p--) {
		if (p == -1)
			*o++ = flags & REPORT_NUM_COMMA ? ',' : '.';
		int i = exp10 - p;
		*o++ = i >= 0 && i < n ? d[i] : '0';
	}
	*o = '\0';
	return buf;
}
