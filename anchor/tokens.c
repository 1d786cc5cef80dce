/* anchor/tokens.c — quotes and texts as sequences of normalised words.
 *
 * Both sides are read the same way, so that what a quote's author changed
 * without changing the words (quote marks, punctuation, case, line breaks,
 * a word hyphenated at a line end, a bracketed remark, a filler) costs
 * nothing when the two are compared.
 */
#include <string.h>

#include <utf8proc.h>

#include "anchor.h"

/* Spoken fillers transcripts keep and quotes drop (German and English;
 * not "um" or "eh", which are German words too). */
#define F(s) { s, sizeof s - 1 }
static const struct {
	const char *s;
	size_t n;
} fillers[] = {
	F("äh"), F("ähm"), F("ähh"), F("äähm"), F("ähhm"), F("öhm"), F("ehm"), F("hm"), F("hmm"),
	F("mhm"), F("mmh"), F("uhm"), F("erm"),
};
#undef F

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
	return h == ANCHOR_GAP ? h + 1 : h;
}

static bool is_filler(const char *s, size_t n)
{
	/* (called for every word of the corpus: most are no filler by their
	 * first byte) */
	if (n < 2 || n > 6 || !strchr("\xc3" "ehmu", s[0]))
		return false;
	for (size_t i = 0; i < sizeof fillers / sizeof *fillers; i++)
		if (fillers[i].n == n && memcmp(fillers[i].s, s, n) == 0)
			return true;
	return false;
}

static void push(struct anchor_toks *t, uint64_t h, size_t off, size_t len, size_t b0, size_t b1)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n++] = (struct anchor_tok){ .h = h, .off = (uint32_t)off, .len = (uint32_t)len,
	                                   .b0 = b0, .b1 = b1 };
}

/* The word being read: its form from arena offset off (the last of it
 * gathered in buf, appended to the arena a word at a time), its bytes
 * from b0. */
struct word {
	bool open;
	size_t off, b0, b1;
	char buf[64];
	size_t n;
};

static void word_add(struct anchor_toks *t, struct word *w, const char *s, size_t n)
{
	if (w->n + n > sizeof w->buf) {
		sb_add(&t->arena, w->buf, w->n);
		w->n = 0;
	}
	memcpy(w->buf + w->n, s, n);
	w->n += n;
}

static void word_end(struct anchor_toks *t, struct word *w)
{
	if (!w->open)
		return;
	w->open = false;
	sb_add(&t->arena, w->buf, w->n);
	w->n = 0;
	const char *s = t->arena.buf + w->off;
	size_t n = t->arena.len - w->off;
	if (is_filler(s, n) || n > UINT32_MAX || w->off > UINT32_MAX) {
		t->arena.len = w->off;
		return;
	}
	push(t, hash(s, n), w->off, n, w->b0, w->b1);
}

static void gap(struct anchor_toks *t, size_t first, struct word *w, size_t at)
{
	word_end(t, w);
	/* Never first, never twice: a gap only stands between words. */
	if (t->n > first && t->v[t->n - 1].h != ANCHOR_GAP)
		push(t, ANCHOR_GAP, 0, 0, at, at);
}

static size_t decode(const char *s, size_t len, size_t i, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	                                      (utf8proc_ssize_t)(len - i), cp);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)n;
}

static bool is_word_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* After a hyphen at i + hlen: a line end, then a word in lower case goes
 * on ("Verwal-\ntung")?  Its first byte's offset, else 0. */
static size_t hyphen_join(const char *s, size_t len, size_t i)
{
	bool eol = false;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || (s[i] == '\n' && !eol)))
		eol |= s[i++] == '\n';
	if (!eol || i >= len)
		return 0;
	utf8proc_int32_t cp;
	decode(s, len, i, &cp);
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ? i : 0;
}

/* A bracketed remark on one line ("[lacht]", "[kommunal]", "[…]") from
 * the '[' at i: its end (after the ']'), or 0 when it is not one. */
static size_t bracket(const char *s, size_t len, size_t i, bool *ellipsis)
{
	size_t k = i + 1;
	while (k < len && k - i < 80 && s[k] != ']' && s[k] != '\n' && s[k] != '[')
		k++;
	if (k >= len || s[k] != ']')
		return 0;
	/* Only dots, an ellipsis and spaces inside: a cut, not a remark. */
	*ellipsis = true;
	for (size_t j = i + 1; j < k; j++)
		if (s[j] != '.' && s[j] != ' ' && strncmp(s + j, "…", 3) != 0)
			*ellipsis = false;
		else if (s[j] != '.' && s[j] != ' ')
			j += 2;
	return k + 1;
}

void anchor_tokens(struct anchor_toks *t, const char *s, size_t len, bool gaps)
{
	struct word w;
	w.open = false;
	size_t first = t->n;
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : decode(s, len, i, &cp);
		if (n == 1)
			cp = (unsigned char)s[i];
		if (is_word_cp(cp)) {
			if (!w.open)
				w.open = true, w.off = t->arena.len, w.b0 = i, w.n = 0;
			if (cp < 0x80) {
				char c = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
				word_add(t, &w, &c, 1);
			} else {
				utf8proc_uint8_t buf[4];
				utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), buf);
				word_add(t, &w, (const char *)buf, (size_t)k);
			}
			w.b1 = i + n;
			i += n;
			continue;
		}
		size_t j;
		bool ellipsis;
		if (cp == 0xAD && w.open) {                     /* soft hyphen */
			i += n;
		} else if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && w.open &&
		           (j = hyphen_join(s, len, i + n))) {
			i = j;
		} else if (cp == '[' && (j = bracket(s, len, i, &ellipsis))) {
			if (ellipsis && gaps)
				gap(t, first, &w, i);
			else
				word_end(t, &w);
			i = j;
		} else if (gaps && (cp == 0x2026 || (cp == '.' && i + 2 < len && s[i + 1] == '.' &&
		                                     s[i + 2] == '.'))) {
			gap(t, first, &w, i);
			while (i < len && s[i] == '.')
				i++;
			if (cp == 0x2026)
				i += n;
		} else {
			word_end(t, &w);
			i += n;
		}
	}
	word_end(t, &w);
	if (t->n > first && t->v[t->n - 1].h == ANCHOR_GAP)
		t->n--;
}

void anchor_toks_free(struct anchor_toks *t)
{
	free(t->v);
	sb_free(&t->arena);
	memset(t, 0, sizeof *t);
}

/* The code points of a token's form, at most max of them; the count. */
static size_t cps(const struct anchor_toks *t, const struct anchor_tok *a, utf8proc_int32_t *v,
                  size_t max)
{
	size_t n = 0;
	const char *s = t->arena.buf + a->off;
	for (size_t i = 0; i < a->len && n < max; n++)
		i += decode(s, a->len, i, &v[n]);
	return n;
}

bool anchor_tok_near(const struct anchor_toks *ta, const struct anchor_tok *a,
                     const struct anchor_toks *tb, const struct anchor_tok *b)
{
	enum { MAX = 64 };
	utf8proc_int32_t x[MAX], y[MAX];
	if (a->h == ANCHOR_GAP || b->h == ANCHOR_GAP || a->len < 5 || b->len < 5)
		return false;
	size_t m = cps(ta, a, x, MAX), n = cps(tb, b, y, MAX);
	if (m < 5 || n < 5 || m >= MAX || n >= MAX || (m > n ? m - n : n - m) > 1)
		return false;
	size_t i = 0;
	while (i < m && i < n && x[i] == y[i])
		i++;
	if (m == n) {
		if (i == m)
			return true;
		/* a substitution, or two neighbours swapped */
		bool swap = i + 1 < m && x[i] == y[i + 1] && x[i + 1] == y[i];
		size_t from = swap ? i + 2 : i + 1;
		return memcmp(x + from, y + from, (m - from) * sizeof *x) == 0;
	}
	/* one inserted or left out: skip it in the longer */
	const utf8proc_int32_t *lo = m > n ? x : y, *sh = m > n ? y : x;
	size_t ln = m > n ? m : n;
	return memcmp(lo + i + 1, sh + i, (ln - i - 1) * sizeof *x) == 0;
}
