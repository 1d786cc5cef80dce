/* corpus/vars.c — the type of a document variable's value: the one rule
 * for every way a value comes in (import --var, docs var set), so that a
 * number is stored as a number whichever way it came. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

/* JSON's number syntax (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?):
 * what exports write as it is, and no "007" (an identifier, whose zeros
 * matter) or "+5".  *fraction: a point or an exponent was seen. */
static bool json_number(const char *s, bool *fraction)
{
	*fraction = false;
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (isdigit((unsigned char)*s))
			s++;
	else
		return false;
	if (*s == '.') {
		*fraction = true;
		if (!isdigit((unsigned char)*++s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		*fraction = true;
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD, a day the calendar has. */
static bool iso_date(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

const char *corpus_var_type(const char *value)
{
	bool fraction;
	if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0)
		return "boolean";
	if (json_number(value, &fraction)) {
		errno = 0;
		if (!fraction) {
			(void)strtoll(value, NULL, 10);
			if (errno != ERANGE)
				return "integer";
		}
		/* Beyond int64 or with a fraction: a float, when it is one. */
		errno = 0;
		double v = strtod(value, NULL);
		if (errno != ERANGE && isfinite(v))
			return "float";
		return "text";
	}
	return iso_date(value) ? "date" : "text";
}
