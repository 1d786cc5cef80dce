/* codebook/quotes.c — quote marks in codebook text, for the MAXQDA text
 * parser (codebook/maxqda.c) and writer (codebook/write.c), which must
 * agree on them for a codebook to read back as it was written.
 *
 * „ only ever opens.  " “ ” « » open or close by position: before a word
 * and after a space, a bracket or another mark they open, anywhere else
 * they close.  Single quotes are left alone: ’ is also the apostrophe. */
#include <string.h>

#include "quotes_int.h"

size_t codebook_quote_mark(const char *s, size_t len, size_t i, bool *always_opens)
{
	const unsigned char *u = (const unsigned char *)s;
	*always_opens = false;
	if (u[i] == '"')
		return 1;
	if (u[i] == 0xC2 && i + 1 < len && (u[i + 1] == 0xAB || u[i + 1] == 0xBB))
		return 2;
	if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80) {
		*always_opens = u[i + 2] == 0x9E;
		if (u[i + 2] >= 0x9C && u[i + 2] <= 0x9E)
			return 3;
	}
	return 0;
}

static bool mark_ends_at(const char *s, size_t i)
{
	bool opens;
	for (size_t m = 1; m <= 3; m++)
		if (i >= m && codebook_quote_mark(s, i, i - m, &opens) == m)
			return true;
	return false;
}

int codebook_quote_at(const char *s, size_t len, size_t i, size_t *mlen)
{
	bool opens;
	size_t m = codebook_quote_mark(s, len, i, &opens);
	*mlen = m ? m : 1;
	if (m == 0)
		return 0;
	if (opens)
		return 1;
	bool before_word = i + m < len && s[i + m] != ' ' && s[i + m] != '\t';
	bool after_gap = i == 0 || (s[i - 1] && strchr(" \t([{/", s[i - 1])) ||
	                 mark_ends_at(s, i);
	return before_word && after_gap ? 1 : -1;
}

bool codebook_quote_ends_with_closer(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] && strchr(".,;:!?)] \t", s[len - 1]))
		len--;
	bool opens;
	for (size_t m = 1; m <= 3; m++)
		if (len >= m && codebook_quote_mark(s, len, len - m, &opens) == m)
			return !opens;
	return false;
}

/* "12", "12–14" or "12-14": the paragraph numbers of a citation. */
static bool positions(const char *s, size_t len)
{
	size_t i = 0, from;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i == len)
		return i > 0;
	if (len - i >= 3 && memcmp(s + i, "\u2013", 3) == 0)
		i += 3;
	else if (s[i] == '-')
		i++;
	else
		return false;
	for (from = i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i > from && i == len;
}

bool codebook_quote_citation(const char *s, size_t len, size_t *quote_len, size_t *cite_at)
{
	static const char pos[] = ", Pos. ";
	const size_t npos = sizeof pos - 1;
	const char *p = NULL;
	if (len < 2 || s[len - 1] != ')')
		return false;
	for (size_t i = 0; i + npos < len; i++)
		if (memcmp(s + i, pos, npos) == 0)
			p = s + i;
	if (!p || !positions(p + npos, (size_t)(s + len - 1 - (p + npos))))
		return false;
	/* The first "(" after a finished quote: a document name may have
	 * brackets of its own ("Interview 01 (Anna), Pos. 3"). */
	size_t from = 1;   /* a citation is one line: after the last line break */
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			from = i + 1;
	for (size_t i = from; s + i + 1 < p; i++) {
		if (s[i] != '(' || (s[i - 1] != ' ' && s[i - 1] != '\t'))
			continue;
		size_t q = i;
		while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '\t'))
			q--;
		if (q > 0 && codebook_quote_ends_with_closer(s, q)) {
			*quote_len = q;
			*cite_at = i + 1;
			return true;
		}
	}
	return false;
}
