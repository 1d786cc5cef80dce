/* corpus/text_int.h — inside corpus/ only: what corpus/text.c's
 * normalisation knows about NFC, shared with the position map
 * (corpus/posmap.c) so that both agree on where NFC can change text; and
 * UTF-8 decoding shared with the sentences (corpus/sentence.c). */
#ifndef ANKER_CORPUS_TEXT_INT_H
#define ANKER_CORPUS_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when cp can neither change under NFC nor combine with what stands
 * before it: NFC never changes text across the start of such a code point,
 * so text can be normalised piece by piece, cut before each. */
bool corpus_nfc_safe(int32_t cp);

/* Decode a sequence already known to be valid. */
static inline int32_t utf8_decode(const unsigned char *p, size_t n)
{
	switch (n) {
	case 1:
		return p[0];
	case 2:
		return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	case 3:
		return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	default:
		return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
		       (p[3] & 0x3F);
	}
}

static inline size_t utf8_len(unsigned char lead)
{
	return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

#endif
