/* corpus/posmap.c — positions counted in raw text, carried through what
 * corpus_normalize does to it (BOM, CRLF, NFC).
 *
 * NFC never changes text across the start of a code point that
 * corpus_nfc_safe accepts, so the raw text is cut before each such code
 * point (and around each CR) into pieces that normalise on their own; a
 * piece whose length NFC changes is kept with both lengths.  ASCII other
 * than CR is passed eight bytes at a time.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "corpus.h"
#include "text_int.h"

static void piece_add(struct corpus_posmap *m, size_t raw, size_t raw_len, size_t stored_len)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->piece = xreallocarray(m->piece, m->cap, sizeof *m->piece);
	}
	m->piece[m->n++] = (struct corpus_posmap_piece){
		.raw = raw, .stored = m->chars,
		.raw_len = (uint32_t)raw_len, .stored_len = (uint32_t)stored_len,
	};
}

/* Code points of the NFC of s[0..len): a few code points decomposed on the
 * stack, longer runs (many stacked marks) through utf8proc_map. */
static size_t nfc_chars(const unsigned char *s, size_t len)
{
	const utf8proc_option_t opt = UTF8PROC_COMPOSE | UTF8PROC_STABLE;
	utf8proc_int32_t buf[64];
	utf8proc_ssize_t n = utf8proc_decompose(s, (utf8proc_ssize_t)len, buf, 64, opt);
	if (n >= 0 && n <= 64) {
		n = utf8proc_normalize_utf32(buf, n, opt);
		return n < 0 ? 0 : (size_t)n;
	}
	utf8proc_uint8_t *dst = NULL;
	n = utf8proc_map(s, (utf8proc_ssize_t)len, &dst, opt);
	size_t chars = n < 0 ? 0 : corpus_utf8_count((const char *)dst, (size_t)n);
	free(dst);
	return chars;
}

/* The code point at s[i] and its length in bytes; an invalid byte counts
 * as one code point (corpus_normalize refused it or made it U+FFFD). */
static size_t next_cp(const unsigned char *s, size_t i, size_t len, int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), cp);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)n;
}

void corpus_posmap_build(const char *raw, size_t len, struct corpus_posmap *m)
{
	const unsigned char *s = (const unsigned char *)raw;
	size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	memset(m, 0, sizeof *m);
	while (i < len) {
		/* Plain ASCII stays as it is, unless a mark follows it: the
		 * last of a run starts the next piece. */
		while (i + 9 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080u || memchr(s + i, '\r', 8) || s[i + 8] >= 0x80)
				break;
			i += 8;
			m->raw_chars += 8;
			m->chars += 8;
		}
		if (s[i] == '\r') {
			bool crlf = i + 1 < len && s[i + 1] == '\n';
			if (crlf)
				piece_add(m, m->raw_chars, 2, 1);
			m->raw_chars += 1 + crlf;
			m->chars++;
			i += 1 + crlf;
			continue;
		}
		/* A piece: this code point and every one after it that NFC
		 * may join to it or move. */
		size_t start = i, nraw = 0;
		int32_t cp;
		i += next_cp(s, i, len, &cp);
		nraw++;
		bool alone = corpus_nfc_safe(cp);
		while (i < len && s[i] >= 0x80) {
			size_t k = next_cp(s, i, len, &cp);
			if (corpus_nfc_safe(cp))
				break;
			i += k;
			nraw++;
			alone = false;
		}
		size_t nstored = alone ? 1 : nfc_chars(s + start, i - start);
		if (nstored != nraw)
			piece_add(m, m->raw_chars, nraw, nstored);
		m->raw_chars += nraw;
		m->chars += nstored;
	}
}

/* The last piece starting at or before raw, or NULL. */
static const struct corpus_posmap_piece *piece_at(const struct corpus_posmap *m, size_t raw)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->piece[mid].raw <= raw)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &m->piece[lo - 1] : NULL;
}

/* raw in the normalised text; one inside a piece goes to its start
 * (outward false) or its end. */
static size_t map(const struct corpus_posmap *m, size_t raw, bool end)
{
	const struct corpus_posmap_piece *p = piece_at(m, raw);
	if (!p)
		return raw;
	if (raw == p->raw)
		return p->stored;
	if (raw < p->raw + p->raw_len)
		return end ? p->stored + p->stored_len : p->stored;
	return raw - (p->raw + p->raw_len) + p->stored + p->stored_len;
}

size_t corpus_posmap_start(const struct corpus_posmap *m, size_t raw)
{
	return map(m, raw, false);
}

size_t corpus_posmap_end(const struct corpus_posmap *m, size_t raw)
{
	return map(m, raw, true);
}

void corpus_posmap_free(struct corpus_posmap *m)
{
	free(m->piece);
	memset(m, 0, sizeof *m);
}
