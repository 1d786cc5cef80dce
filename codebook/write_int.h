/* codebook/write_int.h — what the codebook writers share (codebook/write.c:
 * text and Markdown, codebook/write_latex.c: LaTeX).  Private to them. */
#ifndef ANKER_CODEBOOK_WRITE_INT_H
#define ANKER_CODEBOOK_WRITE_INT_H

#include "codebook.h"

/* The labels each language writes (codebook.lang): the text format's and
 * the appendix's (Markdown, LaTeX). */
struct codebook_labels {
	const char *def_txt, *anchor_txt, *anchors_txt;
	const char *def_md, *anchor_md, *anchors_md, *coded_md, *note_md;
};
const struct codebook_labels *codebook_labels_of(const struct codebook *cb);

/* s has something besides whitespace. */
bool codebook_has_text(const char *s);
/* Names are one line wherever they are written. */
void codebook_add_oneline(struct strbuf *out, const char *s);

/* The title into title: the preamble's first paragraph, without the "**"
 * MAXQDA wraps it in; "Codebook" without a preamble.  Leaves *p after it
 * (the rest of the preamble). */
void codebook_preamble_title(const char **p, struct strbuf *title);

/* Up to max coded segments of code i from fn, those with text only, a
 * blank citation as NULL (*ex, *n: the caller's, freed with
 * codebook_examples_free); when fn fails without saying why, err names
 * the code. */
int codebook_examples_get(const struct codebook *cb, size_t i, size_t max,
                          codebook_examples_fn fn, void *arg, struct codebook_example **ex,
                          size_t *n, struct anker_err *err);
void codebook_examples_free(struct codebook_example *ex, size_t n);

#endif
