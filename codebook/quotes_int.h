/* codebook/quotes_int.h — private to codebook/: the quote marks the MAXQDA
 * text parser and writer share (codebook/quotes.c). */
#ifndef ANKER_CODEBOOK_QUOTES_INT_H
#define ANKER_CODEBOOK_QUOTES_INT_H

#include <stdbool.h>
#include <stddef.h>

/* Byte length of the quote mark at s[i] (0: none); *always_opens for „. */
size_t codebook_quote_mark(const char *s, size_t len, size_t i, bool *always_opens);
/* +1 for an opening mark at s[i], -1 for a closing one, 0 for none; *mlen
 * is the byte length of what stands at i. */
int codebook_quote_at(const char *s, size_t len, size_t i, size_t *mlen);
/* Does the paragraph end on a closing mark, maybe followed by punctuation?
 * Then its quote is over even if the marks inside do not balance: authors
 * leave one open now and then (2.12.4 of the Verflechtung codebook). */
bool codebook_quote_ends_with_closer(const char *s, size_t len);
/* Does s[0..len) end in a citation " (DOC, Pos. 12)" or " (DOC, Pos. 12–14)"
 * right after a finished quote, as the text writer puts it behind an anchor
 * example promoted from a segment?  Then the quote is s[0..*quote_len) and
 * the citation s[*cite_at..len - 1). */
bool codebook_quote_citation(const char *s, size_t len, size_t *quote_len, size_t *cite_at);

#endif
