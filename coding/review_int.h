/* coding/review_int.h — private to coding/review*.c: what the review
 * files share. */
#ifndef ANKER_CODING_REVIEW_INT_H
#define ANKER_CODING_REVIEW_INT_H

#include "coding.h"

/* Only an existing coder can have reviewed anything: a typo in a name
 * should say so (coding_coder_find names the nearest) rather than print an
 * empty table.  *name (when not NULL) becomes the name as stored, kept in
 * canon. */
int coding_coder_known(struct store *st, const char **name, struct strbuf *canon,
                       struct anker_err *err);

#endif
