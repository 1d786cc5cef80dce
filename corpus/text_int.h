/* corpus/text_int.h — inside corpus/ only: what corpus/text.c's
 * normalisation knows about NFC, shared with the position map
 * (corpus/posmap.c) so that both agree on where NFC can change text. */
#ifndef ANKER_CORPUS_TEXT_INT_H
#define ANKER_CORPUS_TEXT_INT_H

#include <stdbool.h>
#include <stdint.h>

/* True when cp can neither change under NFC nor combine with what stands
 * before it: NFC never changes text across the start of such a code point,
 * so text can be normalised piece by piece, cut before each. */
bool corpus_nfc_safe(int32_t cp);

#endif
