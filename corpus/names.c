/* corpus/names.c — the names people type: codes, documents, coders,
 * groups, variables, commands and options.  One comparison without case
 * (Unicode case folding, not just ASCII) and one distance, so that every
 * lookup matches and suggests alike ("no code 'Zentrales Protal'; did you
 * mean 'Zentrales Portal'?").  The lowest module with text in it, so that
 * codebook/, coding/, analysis/, team/ and cli/ can all use it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "corpus.h"

/* Names longer than this are compared but never measured: the distance
 * table is quadratic, and nobody mistypes a paragraph. */
#define NAME_MAX_CPS 200

/* s case-folded, as code points; *n of them.  Invalid UTF-8 (a name from
 * a damaged file) is taken byte by byte, unfolded, each byte a value no
 * code point has.  Returns NULL when s is longer than max code points. */
static int32_t *name_fold(const char *s, size_t max, size_t *n)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
	                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                    UTF8PROC_CASEFOLD);
	const utf8proc_uint8_t *p = len >= 0 ? f : (const utf8proc_uint8_t *)s;
	size_t bytes = len >= 0 ? (size_t)len : strlen(s);
	if (corpus_utf8_count((const char *)p, bytes) > max) {
		free(f);
		return NULL;
	}
	int32_t *v = xmalloc((bytes + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < bytes;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t m = utf8proc_iterate(p + i, (utf8proc_ssize_t)(bytes - i), &c);
		if (m <= 0) {
			c = -(int32_t)p[i];
			m = 1;
		}
		v[k++] = c;
		i += (size_t)m;
	}
	free(f);
	*n = k;
	return v;
}

bool corpus_name_equal_fold(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	size_t na, nb;
	int32_t *x = name_fold(a, SIZE_MAX, &na), *y = name_fold(b, SIZE_MAX, &nb);
	bool same = na == nb && memcmp(x, y, na * sizeof *x) == 0;
	free(x);
	free(y);
	return same;
}

/* Optimal string alignment: insertions, deletions, substitutions and
 * transpositions of two neighbours, each one edit (a transposed pair is
 * the commonest typo: "Protal"). */
static size_t osa(const int32_t *a, size_t n, const int32_t *b, size_t m)
{
	size_t *row[3];
	for (int r = 0; r < 3; r++)
		row[r] = xmalloc((m + 1) * sizeof *row[r]);
	size_t *pp = row[0], *prev = row[1], *cur = row[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
		}
		size_t *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[m];
	for (int r = 0; r < 3; r++)
		free(row[r]);
	return d;
}

size_t corpus_name_distance(const char *a, const char *b)
{
	size_t n, m;
	int32_t *x = name_fold(a, NAME_MAX_CPS, &n), *y = name_fold(b, NAME_MAX_CPS, &m);
	size_t d = x && y ? osa(x, n, y, m) : SIZE_MAX;
	free(x);
	free(y);
	return d;
}

long corpus_name_find(const char *key, const char *const *names, size_t n)
{
	long found = -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], key) == 0)
			return (long)i;
	for (size_t i = 0; i < n; i++)
		if (corpus_name_equal_fold(names[i], key)) {
			if (found >= 0 && strcmp(names[found], names[i]) != 0)
				return -2;
			found = (long)i;
		}
	return found;
}

/* How many edits a name of len code points may be off by and still be
 * suggested: one in a short name, up to three in a long one. */
static size_t name_slack(size_t len)
{
	return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

void corpus_name_suggest(struct strbuf *out, const char *key, const char *const *names,
                         size_t n)
{
	size_t len;
	int32_t *k = name_fold(key, NAME_MAX_CPS, &len);
	if (!k)
		return;
	size_t best[2] = { SIZE_MAX, SIZE_MAX }, at[2] = { 0, 0 }, slack = name_slack(len);
	for (size_t i = 0; i < n; i++) {
		size_t m;
		int32_t *c = name_fold(names[i], NAME_MAX_CPS, &m);
		size_t d = c ? osa(k, len, c, m) : SIZE_MAX;
		free(c);
		/* A name every character of which would change is no
		 * suggestion ('d' for 'a'). */
		if (d > slack || d >= (len > m ? len : m) ||
		    (best[0] != SIZE_MAX && strcmp(names[at[0]], names[i]) == 0))
			continue;
		if (d < best[0]) {
			best[1] = best[0];
			at[1] = at[0];
			best[0] = d;
			at[0] = i;
		} else if (d < best[1] && strcmp(names[at[0]], names[i]) != 0) {
			best[1] = d;
			at[1] = i;
		}
	}
	free(k);
	if (best[0] == SIZE_MAX)
		return;
	/* A second name only when it is as close as the first. */
	if (best[1] == best[0])
		sb_addf(out, "; did you mean '%s' or '%s'?", names[at[0]], names[at[1]]);
	else
		sb_addf(out, "; did you mean '%s'?", names[at[0]]);
}

int corpus_name_check(const char *what, const char *name, size_t len, struct anker_err *err)
{
	if (len == 0)
		return anker_err_set(err, ANKER_INPUT, "a %s may not be empty", what);
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)name[k];
		/* C0 and DEL, and C1 (U+0080 to U+009F: 0xC2 0x80 to 0xC2 0x9F) */
		unsigned cp = c == 0xC2 && k + 1 < len ? (unsigned char)name[k + 1] : c;
		if (c < 0x20 || c == 0x7F || (c == 0xC2 && cp >= 0x80 && cp <= 0x9F))
			return anker_err_set(err, ANKER_INPUT, "%s '%.*s' must be one line without "
			                     "control characters (U+%04X at byte %zu)", what, (int)len,
			                     name, cp, k);
	}
	return ANKER_OK;
}

int corpus_name_clean(const char *what, const char *in, char **out, struct anker_err *err)
{
	struct corpus_norm norm;
	*out = NULL;
	if (corpus_normalize(in, strlen(in), false, &norm, err)) {
		anker_err_prefix(err, "%s", what);
		return err->status;
	}
	const char *s = norm.text ? norm.text : "";
	size_t len = norm.len;
	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	int rc = corpus_name_check(what, s, len, err);
	if (!rc)
		*out = xstrndup(s, len);
	free(norm.text);
	return rc;
}
