/* corpus/text.c — normalisation of imported bytes, and the position index
 * (code points <-> bytes, paragraphs, sentences) over stored text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "corpus.h"
#include "text_int.h"

/* ---------------------------------------------------------------------- */
/* UTF-8 validation */

/* Why a byte sequence is not UTF-8, for the error message. */
enum utf8_fault {
	FAULT_NONE,
	FAULT_STRAY,       /* continuation byte where a character should start */
	FAULT_LEAD,        /* a byte that never occurs in UTF-8 */
	FAULT_OVERLONG,
	FAULT_SURROGATE,
	FAULT_TOOBIG,      /* beyond U+10FFFF */
	FAULT_INCOMPLETE,  /* lead byte not followed by enough continuations */
	FAULT_TRUNCATED,   /* input ends inside a sequence */
};

static const char *fault_text[] = {
	[FAULT_NONE] = "",
	[FAULT_STRAY] = "unexpected continuation byte",
	[FAULT_LEAD] = "byte never valid in UTF-8",
	[FAULT_OVERLONG] = "overlong encoding",
	[FAULT_SURROGATE] = "UTF-16 surrogate",
	[FAULT_TOOBIG] = "code point beyond U+10FFFF",
	[FAULT_INCOMPLETE] = "incomplete sequence",
	[FAULT_TRUNCATED] = "sequence truncated at end of input",
};

/* Length of the valid multi-byte sequence at p (lead byte >= 0x80), or 0.
 * On 0, *sub is the length of the maximal invalid subpart (Unicode's
 * "substitution of maximal subparts": the longest prefix of a well-formed
 * sequence, or 1) and *why says what is wrong. */
static size_t utf8_seq(const unsigned char *p, size_t n, size_t *sub, enum utf8_fault *why)
{
	unsigned char b = p[0], lo = 0x80, hi = 0xBF;
	enum utf8_fault range_fault = FAULT_INCOMPLETE;
	size_t need;

	*sub = 1;
	if (b < 0xC0) {
		*why = FAULT_STRAY;
		return 0;
	}
	if (b < 0xC2) {
		*why = FAULT_OVERLONG;
		return 0;
	}
	if (b < 0xE0) {
		need = 1;
	} else if (b < 0xF0) {
		need = 2;
		if (b == 0xE0) {
			lo = 0xA0;
			range_fault = FAULT_OVERLONG;
		} else if (b == 0xED) {
			hi = 0x9F;
			range_fault = FAULT_SURROGATE;
		}
	} else if (b < 0xF5) {
		need = 3;
		if (b == 0xF0) {
			lo = 0x90;
			range_fault = FAULT_OVERLONG;
		} else if (b == 0xF4) {
			hi = 0x8F;
			range_fault = FAULT_TOOBIG;
		}
	} else {
		*why = FAULT_LEAD;   /* F5..FF would start code points beyond U+10FFFF */
		return 0;
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= n) {
			*sub = k;
			*why = FAULT_TRUNCATED;
			return 0;
		}
		unsigned char c = p[k];
		bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
		if (!ok) {
			*sub = k;
			*why = (k == 1 && c >= 0x80 && c <= 0xBF) ? range_fault : FAULT_INCOMPLETE;
			return 0;
		}
	}
	return need + 1;
}

/* True when cp can neither change under NFC nor combine with what stands
 * before it, so text made only of such code points is NFC already.  Checked
 * against utf8proc's NFC for every code point alone, and for every pair of
 * a composition starter below U+3100 and a "safe" code point below U+20000.
 * Below U+0300 nothing composes as a second character, and what decomposes
 * canonically there NFC recomposes to itself. */
bool corpus_nfc_safe(int32_t cp)
{
	if (cp < 0x300)
		return true;
	if (cp >= 0x1100 && cp <= 0x11FF)   /* conjoining jamo compose algorithmically */
		return false;
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->combining_class || p->comp_exclusion)
		return false;
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
		return false;               /* canonical decomposition (singleton) */
	if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
		return false;               /* second half of a composition */
	return true;
}

static bool nfc_chunk_safe(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* Leads below 0xCC start code points below U+0300. */
		if (s[i] >= 0xCC) {   /* never a continuation byte */
			size_t n = utf8_len(s[i]);
			if (!corpus_nfc_safe(utf8_decode(s + i, n)))
				return false;
			i += n - 1;
		}
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* Normalisation */

struct norm {
	unsigned char *buf;
	size_t len, cap;
	size_t chars, replaced;
	bool crlf, need_nfc;
};

#define ONES   UINT64_C(0x0101010101010101)
#define HIGHS  UINT64_C(0x8080808080808080)
#define HAS_ZERO(w) (((w) - ONES) & ~(w) & HIGHS)

/* How many bytes (in memory order) come before the first whose high bit
 * is set in flags, a nonzero word of 0x80 bits.  Big-endian: none are
 * trusted (a borrow runs towards the first byte there), the caller then
 * goes byte by byte. */
static inline size_t first_flag(uint64_t flags)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	(void)flags;
	return 0;
#else
	return (size_t)__builtin_ctzll(flags) / 8;
#endif
}

/* The number of 0x80 bits set in flags: a multiply, not popcount, which
 * without -mpopcnt is a library call per word. */
static inline unsigned count_flags(uint64_t flags)
{
	return (unsigned)(((flags >> 7) * ONES) >> 56);
}

/* Copy the plain ASCII (no NUL, no CR) up to the next byte that needs a
 * look, eight bytes at a time: the common case for transcripts, and what
 * makes 100 MB fast.  HAS_ZERO may flag a byte after a zero byte too, never
 * one before it, so the lowest flag (little-endian: the first byte) is the
 * first byte that needs a look.  Writing all eight bytes is safe: cap >=
 * o->len + unread input + 1 (see norm_invalid). */
static size_t norm_ascii_words(struct norm *o, const unsigned char *in, size_t i, size_t len)
{
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, in + i, 8);
		uint64_t look = (w & HIGHS) | HAS_ZERO(w) | HAS_ZERO(w ^ (ONES * '\r'));
		size_t n = look ? first_flag(look) : 8;
		memcpy(o->buf + o->len, &w, 8);
		o->len += n;
		o->chars += n;
		i += n;
		if (look)
			break;
	}
	return i;
}

static int norm_invalid(struct norm *o, const unsigned char *in, size_t i, size_t len, size_t sub,
                        enum utf8_fault why, bool lossy, struct anker_err *err)
{
	if (!lossy) {
		char bytes[32] = "";
		size_t show = sub + (i + sub < len && why != FAULT_STRAY && why != FAULT_LEAD);
		for (size_t k = 0; k < show && k < 4; k++)
			snprintf(bytes + strlen(bytes), sizeof bytes - strlen(bytes), " 0x%02X",
			         in[i + k]);
		return anker_err_set(err, ANKER_INPUT, "byte offset %zu: invalid UTF-8 (byte%s%s: %s)",
		                     i, show > 1 ? "s" : "", bytes, fault_text[why]);
	}
	/* Invariant: cap >= o->len + unread input + 1, since everything
	 * else writes at most what it reads; only U+FFFD writes more. */
	size_t need = o->len + 3 + (len - i - sub) + 1;
	if (need > o->cap) {
		o->cap = need > 2 * o->cap ? need : 2 * o->cap;
		o->buf = xrealloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, "\xEF\xBF\xBD", 3);
	o->len += 3;
	o->chars++;
	o->replaced += sub;
	return ANKER_OK;
}

/* One pass: validate (or repair), convert line ends, count, and note
 * whether anything could change under NFC. */
static int norm_pass(struct norm *o, const unsigned char *in, size_t i, size_t len, bool lossy,
                     struct anker_err *err)
{
	while (i < len) {
		i = norm_ascii_words(o, in, i, len);
		if (i >= len)
			break;
		unsigned char b = in[i];
		if (b == 0)
			return anker_err_set(err, ANKER_INPUT, "byte offset %zu: NUL byte (binary file?)", i);
		if (b == '\r') {
			o->buf[o->len++] = '\n';
			o->crlf = true;
			o->chars++;
			i += (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (b < 0x80) {
			o->buf[o->len++] = b;
			o->chars++;
			i++;
			continue;
		}
		/* U+0080..U+02FF (the umlauts of German text): valid when a
		 * continuation byte follows, and nothing there changes under NFC. */
		if (b >= 0xC2 && b < 0xCC && i + 1 < len && (in[i + 1] & 0xC0) == 0x80) {
			memcpy(o->buf + o->len, in + i, 2);
			o->len += 2;
			o->chars++;
			i += 2;
			continue;
		}
		size_t sub;
		enum utf8_fault why;
		size_t n = utf8_seq(in + i, len - i, &sub, &why);
		if (!n) {
			int rc = norm_invalid(o, in, i, len, sub, why, lossy, err);
			if (rc != ANKER_OK)
				return rc;
			i += sub;
			continue;
		}
		if (b >= 0xCC && !o->need_nfc && !corpus_nfc_safe(utf8_decode(in + i, n)))
			o->need_nfc = true;
		memcpy(o->buf + o->len, in + i, n);
		o->len += n;
		o->chars++;
		i += n;
	}
	return ANKER_OK;
}

/* NFC in chunks cut after a LF (which never composes with anything), so
 * that utf8proc's 4-bytes-per-code-point work buffer stays small, and
 * chunks that cannot change are copied as they are. */
static int norm_nfc(struct norm *o, struct anker_err *err)
{
	enum { CHUNK = 1 << 20 };
	struct strbuf sb = { 0 };
	size_t at = 0;

	sb.cap = o->len + o->len / 8 + 1;
	sb.buf = xmalloc(sb.cap);
	while (at < o->len) {
		size_t end = o->len;
		if (o->len - at > CHUNK) {
			const char *lf = memchr(o->buf + at + CHUNK, '\n', o->len - at - CHUNK);
			if (lf)
				end = (size_t)(lf - (const char *)o->buf) + 1;
		}
		if (nfc_chunk_safe(o->buf + at, end - at)) {
			sb_add(&sb, (const char *)o->buf + at, end - at);
		} else {
			utf8proc_uint8_t *dst = NULL;
			utf8proc_ssize_t n = utf8proc_map(o->buf + at, (utf8proc_ssize_t)(end - at), &dst,
			                                  UTF8PROC_COMPOSE | UTF8PROC_STABLE);
			if (n < 0) {
				sb_free(&sb);
				return anker_err_set(err, n == UTF8PROC_ERROR_NOMEM ? ANKER_NOMEM : ANKER_INPUT,
				                     "normalising to NFC: %s", utf8proc_errmsg(n));
			}
			sb_add(&sb, (const char *)dst, (size_t)n);
			free(dst);
		}
		at = end;
	}
	free(o->buf);
	o->len = sb.len;
	o->cap = sb.cap;
	o->buf = (unsigned char *)sb_steal(&sb);
	o->chars = corpus_utf8_count((const char *)o->buf, o->len);
	return ANKER_OK;
}

int corpus_normalize(const char *raw, size_t len, bool lossy, struct corpus_norm *out,
                     struct anker_err *err)
{
	const unsigned char *in = (const unsigned char *)raw;
	struct norm o = { 0 };
	size_t i = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
		out->had_bom = true;
		i = 3;
	}
	o.cap = len - i + 1;
	o.buf = xmalloc(o.cap);
	rc = norm_pass(&o, in, i, len, lossy, err);
	if (rc == ANKER_OK && o.need_nfc)
		rc = norm_nfc(&o, err);
	if (rc != ANKER_OK) {
		free(o.buf);
		return rc;
	}
	o.buf[o.len] = '\0';
	out->text = (char *)o.buf;
	out->len = o.len;
	out->chars = o.chars;
	out->replaced = o.replaced;
	out->had_crlf = o.crlf;
	return ANKER_OK;
}

int corpus_utf8_check(const char *what, const char *s, struct anker_err *err)
{
	struct corpus_norm norm;
	if (!s)
		return ANKER_OK;
	if (corpus_normalize(s, strlen(s), false, &norm, err)) {
		anker_err_prefix(err, "%s", what);
		return err->status;
	}
	free(norm.text);
	return ANKER_OK;
}

size_t corpus_utf8_count(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	/* Branch-free so the compiler vectorises it. */
	for (size_t i = 0; i < len; i++)
		n += (p[i] & 0xC0) != 0x80;
	return n;
}

/* ---------------------------------------------------------------------- */
/* Position index */

/* Code points (bytes not of the form 10xxxxxx) and line feeds among eight
 * bytes, counted in parallel. */
static inline unsigned swar_cps(uint64_t w)
{
	uint64_t t = (w & 0xC0C0C0C0C0C0C0C0ULL) ^ 0x8080808080808080ULL;
	return count_flags((t | (t << 1)) & 0x8080808080808080ULL);
}

static inline unsigned swar_lfs(uint64_t w)
{
	uint64_t z = w ^ 0x0A0A0A0A0A0A0A0AULL;
	uint64_t nz = ((z & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | z;
	return count_flags(~nz & 0x8080808080808080ULL);
}

int corpus_text_index(struct corpus_text *t, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = 64, cp = 0;

	memset(t, 0, sizeof *t);
	t->s = s;
	t->len = len;
	/* chars <= len, so this many checkpoints always suffice. */
	t->ckpt = xmalloc((len / CORPUS_CKPT + 1) * sizeof *t->ckpt);
	t->line_cp = xmalloc(cap * sizeof *t->line_cp);
	if (len > 0)
		t->line_cp[t->nlines++] = 0;
	for (size_t i = 0; i < len; i++) {
		/* Eight ASCII bytes without a LF at a time: one code point per
		 * byte, and at most one checkpoint among them (8 < CKPT). */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			uint64_t lf = w ^ 0x0a0a0a0a0a0a0a0aULL;
			if ((lf - 0x0101010101010101ULL) & ~lf & 0x8080808080808080ULL)
				break;
			size_t r = cp % CORPUS_CKPT;
			if (w & 0x8080808080808080ULL) {
				/* Not ASCII (an umlaut in German text every few
				 * words): counted in parallel too, unless a
				 * checkpoint falls inside or the word ends within a
				 * character (the loop below then goes byte by byte). */
				unsigned c = swar_cps(w);
				if ((p[i] & 0xC0) == 0x80 || r == 0 || r + c > CORPUS_CKPT ||
				    (i + 8 < len && (p[i + 8] & 0xC0) == 0x80))
					break;
				i += 8;
				cp += c;
				continue;
			}
			if (r == 0)
				t->ckpt[t->nckpt++] = i;
			else if (r > CORPUS_CKPT - 8)
				t->ckpt[t->nckpt++] = i + (CORPUS_CKPT - r);
			i += 8;
			cp += 8;
		}
		if (i >= len)
			break;
		if ((p[i] & 0xC0) == 0x80)
			continue;
		if (cp % CORPUS_CKPT == 0)
			t->ckpt[t->nckpt++] = i;
		cp++;
		if (p[i] == '\n') {
			if (t->nlines == cap) {
				cap *= 2;
				t->line_cp = xreallocarray(t->line_cp, cap, sizeof *t->line_cp);
			}
			t->line_cp[t->nlines++] = cp;
		}
	}
	/* The line feed that ends the text ends its last paragraph; no empty
	 * paragraph follows it (a file of 100 lines has 100). */
	if (len > 0 && p[len - 1] == '\n')
		t->nlines--;
	t->chars = cp;
	t->ascii = cp == len;
	return ANKER_OK;
}

void corpus_text_free(struct corpus_text *t)
{
	if (!t)
		return;
	free(t->line_cp);
	free(t->ckpt);
	memset(t, 0, sizeof *t);
}

size_t corpus_text_byte(const struct corpus_text *t, size_t cp)
{
	if (cp >= t->chars)
		return t->len;
	if (t->ascii)
		return cp;
	const unsigned char *p = (const unsigned char *)t->s;
	size_t b = t->ckpt[cp / CORPUS_CKPT];
	for (size_t k = cp % CORPUS_CKPT; k > 0; k--)
		b += utf8_len(p[b]);
	return b;
}

size_t corpus_text_cp(const struct corpus_text *t, size_t byte)
{
	if (byte >= t->len)
		return t->chars;
	if (t->ascii)
		return byte;
	/* Last checkpoint at or before byte. */
	size_t lo = 0, hi = t->nckpt;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->ckpt[mid] <= byte)
			lo = mid;
		else
			hi = mid;
	}
	const unsigned char *p = (const unsigned char *)t->s;
	size_t cp = lo * CORPUS_CKPT;
	for (size_t b = t->ckpt[lo]; b < byte; b += utf8_len(p[b]))
		cp++;
	return cp;
}

/* The paragraph (1-based) of code point cp, its line among [lo, hi) (the
 * line at lo starts at or before cp). */
static size_t para_between(const struct corpus_text *t, size_t cp, size_t lo, size_t hi)
{
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->line_cp[mid] <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

size_t corpus_text_para(const struct corpus_text *t, size_t cp)
{
	return t->nlines ? para_between(t, cp, 0, t->nlines) : 0;
}

void corpus_text_para_range(const struct corpus_text *t, size_t n, size_t *start, size_t *end)
{
	if (n == 0 || n > t->nlines) {
		*start = *end = n == 0 ? 0 : t->chars;
		return;
	}
	*start = t->line_cp[n - 1];
	*end = n < t->nlines ? t->line_cp[n] - 1 : t->chars - (t->s[t->len - 1] == '\n');
}

void corpus_text_locate(const char *s, size_t len, const size_t *cps, size_t n, size_t *bytes,
                        size_t *paras)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t b = 0, cp = 0, para = 1;
	for (size_t k = 0; k < n; k++) {
		size_t want = cps[k];
		while (b < len && cp < want) {
			/* A whole word when it ends before the wanted code point
			 * and at the end of a character... */
			if (b + 8 <= len) {
				uint64_t w;
				memcpy(&w, p + b, 8);
				unsigned c = swar_cps(w);
				if (cp + c <= want && (b + 8 == len || (p[b + 8] & 0xC0) != 0x80)) {
					cp += c;
					para += swar_lfs(w);
					b += 8;
					continue;
				}
			}
			/* ...else one character, and words again after it: in
			 * German text every few words split an umlaut. */
			if (p[b] == '\n')
				para++;
			b++;
			while (b < len && (p[b] & 0xC0) == 0x80)
				b++;
			cp++;
		}
		bytes[k] = b;
		/* The end of a text ending in a line feed is in its last
		 * paragraph (corpus_text_para). */
		paras[k] = para - (b == len && len > 0 && p[len - 1] == '\n');
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Index of cp in the sorted, unique want[0..n). */
static size_t pos_of(const size_t *want, size_t n, size_t cp)
{
	size_t lo = 0, hi = n;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (want[mid] <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* From this many spans of one text on, an index costs less than sorting
 * their positions for corpus_text_locate (co-occurrence reads hundreds of
 * segments per document, retrieval a few). */
#define SPANS_INDEXED 32

/* Code points among the bytes p[i..e): eight at a time. */
static size_t cps_between(const unsigned char *p, size_t i, size_t e)
{
	size_t cp = 0;
	for (; i + 8 <= e; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		cp += swar_cps(w);
	}
	for (; i < e; i++)
		cp += (p[i] & 0xC0) != 0x80;
	return cp;
}

/* The paragraphs of corpus_text_index alone (line_cp, nlines, chars): what
 * spans without their texts need.  memchr finds the line feeds and the
 * code points between them are counted by the word; the checkpoints for
 * bytes are not made.  A co-occurrence count over a project of 1 GB of
 * text spent a quarter of its time in the whole index (#18). */
static void text_lines(struct corpus_text *t, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = 64, cp = 0;
	memset(t, 0, sizeof *t);
	t->s = s;
	t->len = len;
	t->line_cp = xmalloc(cap * sizeof *t->line_cp);
	if (len > 0)
		t->line_cp[t->nlines++] = 0;
	for (size_t i = 0; i < len;) {
		const unsigned char *lf = memchr(p + i, '\n', len - i);
		size_t e = lf ? (size_t)(lf - p) : len;
		cp += cps_between(p, i, e);
		if (!lf)
			break;
		if (t->nlines == cap) {
			cap *= 2;
			t->line_cp = xreallocarray(t->line_cp, cap, sizeof *t->line_cp);
		}
		t->line_cp[t->nlines++] = ++cp;
		i = e + 1;
	}
	if (len > 0 && p[len - 1] == '\n')
		t->nlines--;
	t->chars = cp;
	t->ascii = cp == len;
}

/* corpus_text_para(t, cp), searched from the paragraph hint (1-based, as
 * corpus_text_para gives them) outwards: spans come mostly in order of
 * their starts, a few paragraphs apart, so a search costs the log of the
 * distance from the previous span, not of the text's paragraphs. */
static size_t para_from(const struct corpus_text *t, size_t cp, size_t hint)
{
	if (t->nlines == 0)
		return 0;
	/* lo: a line starting at or before cp; hi: one after it, or nlines. */
	size_t lo = hint > 0 && hint <= t->nlines ? hint - 1 : 0, hi, step = 1;
	if (t->line_cp[lo] <= cp) {
		for (hi = lo + 1; hi < t->nlines && t->line_cp[hi] <= cp; step *= 2) {
			lo = hi;
			hi = t->nlines - lo > step ? lo + step : t->nlines;
		}
	} else {
		hi = lo;
		for (lo = hi > step ? hi - step : 0; lo > 0 && t->line_cp[lo] > cp; step *= 2) {
			hi = lo;
			lo = hi > step ? hi - step : 0;
		}
	}
	return para_between(t, cp, lo, hi);
}

/* Many spans of one text: an index costs less than sorting their
 * positions for corpus_text_locate. */
static void spans_indexed(const char *s, size_t len, struct corpus_span *v, size_t n,
                          bool with_text)
{
	struct corpus_text t;
	size_t hint = 1;
	if (with_text)
		corpus_text_index(&t, s, len);
	else
		text_lines(&t, s, len);
	for (size_t i = 0; i < n; i++) {
		struct corpus_span *g = &v[i];
		hint = g->para_first = para_from(&t, g->start, hint);
		g->para_last = para_from(&t, g->end > g->start ? g->end - 1 : g->start, hint);
		if (with_text) {
			size_t a = corpus_text_byte(&t, g->start), e = corpus_text_byte(&t, g->end);
			g->text = xstrndup(s + a, e > a ? e - a : 0);
		}
	}
	corpus_text_free(&t);
}

void corpus_text_spans(const char *s, size_t len, struct corpus_span *v, size_t n,
                       bool with_text)
{
	if (n >= SPANS_INDEXED && len > 0) {   /* "" has no paragraph for the index */
		spans_indexed(s, len, v, n, with_text);
		return;
	}
	/* The positions the spans need (start, end - 1, end), located in one
	 * pass over the text, which stops after the last of them. */
	size_t *want = xcalloc(3 * n + 1, sizeof *want), m = 0;
	for (size_t i = 0; i < n; i++) {
		want[m++] = v[i].start;
		want[m++] = v[i].end > v[i].start ? v[i].end - 1 : v[i].start;
		want[m++] = v[i].end;
	}
	qsort(want, m, sizeof *want, cmp_size);
	size_t u = 0;
	for (size_t i = 0; i < m; i++)
		if (u == 0 || want[i] != want[u - 1])
			want[u++] = want[i];
	size_t *bytes = xcalloc(u + 1, sizeof *bytes), *paras = xcalloc(u + 1, sizeof *paras);
	corpus_text_locate(s, len, want, u, bytes, paras);
	for (size_t i = 0; i < n; i++) {
		struct corpus_span *g = &v[i];
		size_t a = pos_of(want, u, g->start);
		g->para_first = paras[a];
		g->para_last = paras[pos_of(want, u, g->end > g->start ? g->end - 1 : g->start)];
		if (with_text) {
			size_t e = bytes[pos_of(want, u, g->end)];
			g->text = xstrndup(s + bytes[a], e > bytes[a] ? e - bytes[a] : 0);
		}
	}
	free(want);
	free(bytes);
	free(paras);
}
