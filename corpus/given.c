/* corpus/given.c — text kept as it was given (a memo, a name, a
 * description) that comes from a file: checked as a document's text is,
 * but its line ends left alone, so that what anker wrote comes back the
 * same.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "corpus.h"

int corpus_text_given(const char *what, const char *s, size_t len, char **out,
                      struct anker_err *err)
{
	struct corpus_norm norm;
	*out = NULL;
	/* corpus_normalize gives the messages (byte offset, what is wrong) and
	 * the NFC; its text is the answer unless it dropped a BOM or changed
	 * a line end. */
	if (corpus_normalize(s, len, false, &norm, err)) {
		anker_err_prefix(err, "%s", what);
		return err->status;
	}
	if (!norm.had_bom && !norm.had_crlf) {
		*out = norm.text ? norm.text : xstrdup("");
		return ANKER_OK;
	}
	free(norm.text);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
	                                  UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n < 0)
		return anker_err_set(err, n == UTF8PROC_ERROR_NOMEM ? ANKER_NOMEM : ANKER_INPUT,
		                     "%s: normalising to NFC: %s", what, utf8proc_errmsg(n));
	*out = (char *)nfc;
	return ANKER_OK;
}
