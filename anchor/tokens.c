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

static bool is_filler(const char *s, size_t n)
{
	/* (called for every word of the corpus: most are no filler by their
	 * first byte) */
	if (n < 2 || n > 6)
		return false;
	switch (s[0]) {
	case '\xc3': case 'e': case 'h': case 'm': case 'u':
		break;
	default:
		return false;
	}
	for (size_t i = 0; i < sizeof fillers / sizeof *fillers; i++)
		if (fillers[i].n == n && fillers[i].s[1] == s[1] && memcmp(fillers[i].s, s, n) == 0)
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

/* The word being read: its normalised form hashed as it grows (FNV-1a),
 * its first bytes kept (fillers are short), and where the owner keeps
 * forms (quotes) gathered in buf and appended to the arena a word at a
 * time from offset off; its bytes in the text from b0 to b1. */
struct word {
	bool open;
	uint64_t h;
	size_t n;
	char head[8];
	size_t off, b0, b1;
	char buf[64];
	size_t bn;
};

static void word_begin(struct anchor_toks *t, struct word *w, size_t b0)
{
	w->open = true;
	w->h = UINT64_C(14695981039346656037);
	w->n = w->bn = 0;
	w->off = t->arena.len;
	w->b0 = b0;
}

static inline void word_byte(struct anchor_toks *t, struct word *w, char c)
{
	w->h = (w->h ^ (unsigned char)c) * UINT64_C(1099511628211);
	if (w->n < sizeof w->head)
		w->head[w->n] = c;
	w->n++;
	if (!t->forms)
		return;
	if (w->bn == sizeof w->buf) {
		sb_add(&t->arena, w->buf, w->bn);
		w->bn = 0;
	}
	w->buf[w->bn++] = c;
}

static void word_end(struct anchor_toks *t, struct word *w)
{
	if (!w->open)
		return;
	w->open = false;
	if (t->forms)
		sb_add(&t->arena, w->buf, w->bn);
	if (is_filler(w->head, w->n) || w->n > UINT32_MAX || w->off > UINT32_MAX) {
		t->arena.len = w->off;
		return;
	}
	push(t, w->h == ANCHOR_GAP ? w->h + 1 : w->h, t->forms ? w->off : 0, w->n, w->b0, w->b1);
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

static inline bool is_ascii_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_word_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return is_ascii_word((char)cp);
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
	t->forms = gaps;
	/* about a token per six bytes: grow once, not while reading */
	if (t->cap - t->n < len / 6) {
		t->cap = t->n + len / 6 + 16;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	while (i < len) {
		/* Runs of ASCII letters and digits: most of a German text. */
		if (is_ascii_word(s[i])) {
			if (!w.open)
				word_begin(t, &w, i);
			do {
				char c = s[i];
				word_byte(t, &w, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
			} while (++i < len && is_ascii_word(s[i]));
			w.b1 = i;
			continue;
		}
		/* Latin-1 letters (Ä, ö, ß, é), the rest of a German text: lower
		 * case is 0x20 on. */
		if (s[i] == '\xC3' && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    s[i + 1] != '\x97' && s[i + 1] != '\xB7') {
			unsigned char c = (unsigned char)s[i + 1];
			if (!w.open)
				word_begin(t, &w, i);
			word_byte(t, &w, s[i]);
			word_byte(t, &w, (char)(c <= 0x9E ? c + 0x20 : c));
			i += 2;
			w.b1 = i;
			continue;
		}
		utf8proc_int32_t cp;
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : decode(s, len, i, &cp);
		if (n == 1)
			cp = (unsigned char)s[i];
		if (cp >= 0x80 && is_word_cp(cp)) {
			if (!w.open)
				word_begin(t, &w, i);
			utf8proc_uint8_t buf[4];
			utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), buf);
			for (utf8proc_ssize_t b = 0; b < k; b++)
				word_byte(t, &w, (char)buf[b]);
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

void anchor_tok_form(const char *s, const struct anchor_tok *a, struct strbuf *out)
{
	for (size_t i = a->b0; i < a->b1;) {
		utf8proc_int32_t cp;
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : decode(s, a->b1, i, &cp);
		if (n == 1)
			cp = (unsigned char)s[i];
		if (is_word_cp(cp)) {
			utf8proc_uint8_t buf[4];
			utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), buf);
			sb_add(out, (const char *)buf, (size_t)k);
		}
		i += n;
	}
}

/* The code points of a form, at most max of them; the count. */
static size_t cps(const char *s, size_t len, utf8proc_int32_t *v, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < max; n++)
		i += decode(s, len, i, &v[n]);
	return n;
}

bool anchor_form_near(const char *a, size_t alen, const char *b, size_t blen)
{
	enum { MAX = 64 };
	utf8proc_int32_t x[MAX], y[MAX];
	if (alen < 5 || blen < 5)
		return false;
	/* One edit leaves the first or the last character as it was. */
	if (a[0] != b[0] && a[alen - 1] != b[blen - 1])
		return false;
	size_t m = cps(a, alen, x, MAX), n = cps(b, blen, y, MAX);
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
