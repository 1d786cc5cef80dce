/* codebook/write_latex.c — the codebook as a LaTeX appendix for a paper:
 * one subsection per code (its number and name; the path of a subcode
 * under it), the definition, the anchor examples as quotes with their
 * citations, the notes and, when asked, coded segments as quotes too.
 * It is \input into a standard article and compiles with pdflatex in the
 * OT1 or T1 font encoding without extra packages; the text is escaped as
 * the report tables' (report_latex_escape). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write_int.h"
#include "../report/report.h"

/* The paragraphs of text (lines; blank ones dropped), each escaped and
 * ended by a blank line. */
static void tex_paras(struct strbuf *out, const char *text, bool *t1)
{
	struct strbuf line = {0};
	for (const char *p = text; p && *p;) {
		size_t n = strcspn(p, "\n");
		sb_reset(&line);
		sb_add(&line, p, n);
		if (codebook_has_text(sb_str(&line))) {
			report_latex_escape(out, sb_str(&line), t1);
			sb_adds(out, "\n\n");
		}
		p += n + (p[n] == '\n');
	}
	sb_free(&line);
}

/* "\textbf{Label.}" (no full stop after one of .:!?), then after. */
static void tex_label(struct strbuf *out, const char *label, const char *after, bool *t1)
{
	sb_adds(out, "\\textbf{");
	report_latex_escape(out, label, t1);
	sb_adds(out, strchr(".:!?", label[strlen(label) - 1]) ? "}" : ".}");
	sb_adds(out, after);
}

/* A label and its text, run in. */
static void tex_lead(struct strbuf *out, const char *label, const char *text, bool *t1)
{
	tex_label(out, label, " ", t1);
	tex_paras(out, text, t1);
}

/* A quote with its source (may be NULL) set flush right under it. */
static void tex_quote(struct strbuf *out, const char *text, const char *citation, bool *t1)
{
	sb_adds(out, "\\begin{quote}\n");
	tex_paras(out, text, t1);
	if (citation) {
		struct strbuf c = {0};
		codebook_add_oneline(&c, citation);
		sb_adds(out, "\\nopagebreak\\hfill---~");
		report_latex_escape(out, sb_str(&c), t1);
		sb_adds(out, "\n");
		sb_free(&c);
	}
	sb_adds(out, "\\end{quote}\n\n");
}

/* The title in bold (without the "**" MAXQDA wraps it in, which LaTeX
 * would print), then the rest of the preamble (the copyright). */
static void tex_preamble(struct strbuf *out, const char *pre, bool *t1)
{
	struct strbuf title = {0};
	codebook_preamble_title(&pre, &title);
	sb_adds(out, "\\textbf{");
	report_latex_escape(out, sb_str(&title), t1);
	sb_adds(out, "}\n\n");
	sb_free(&title);
	tex_paras(out, pre, t1);
}

static void tex_heading(struct strbuf *out, const struct codebook *cb, size_t i, bool *t1)
{
	const struct codebook_code *c = &cb->codes[i];
	struct strbuf text = {0};
	if (c->number && c->number[0])
		sb_addf(&text, "%s ", c->number);
	codebook_add_oneline(&text, c->name ? c->name : "");
	/* Starred: the codes carry their own numbers. */
	sb_adds(out, "\\subsection*{");
	report_latex_escape(out, sb_str(&text), t1);
	sb_adds(out, "}\n\n");
	if (codebook_depth(cb, i) > 0) {
		sb_reset(&text);
		codebook_path(cb, i, &text);
		sb_adds(out, "\\emph{");
		report_latex_escape(out, sb_str(&text), t1);
		sb_adds(out, "}\n\n");
	}
	sb_free(&text);
}

static void tex_anchors(struct strbuf *out, const struct codebook *cb, size_t i, bool *t1)
{
	const struct codebook_code *c = &cb->codes[i];
	size_t shown = 0;
	for (size_t k = 0; k < c->nanchors; k++)
		shown += codebook_has_text(c->anchors[k]);
	if (!shown)
		return;
	const struct codebook_labels *l = codebook_labels_of(cb);
	tex_label(out, shown > 1 ? l->anchors_md : l->anchor_md, "\n\n", t1);
	for (size_t k = 0; k < c->nanchors; k++)
		if (codebook_has_text(c->anchors[k]))
			tex_quote(out, c->anchors[k], codebook_anchor_citation(c, k), t1);
}

static int tex_examples(struct strbuf *out, const struct codebook *cb, size_t i, size_t max,
                        codebook_examples_fn fn, void *arg, bool *t1, struct anker_err *err)
{
	struct codebook_example *ex;
	size_t n;
	int rc = codebook_examples_get(cb, i, max, fn, arg, &ex, &n, err);
	if (rc != ANKER_OK)
		return rc;
	if (n)
		tex_label(out, codebook_labels_of(cb)->coded_md, "\n\n", t1);
	for (size_t k = 0; k < n; k++)
		tex_quote(out, ex[k].text, ex[k].citation, t1);
	codebook_examples_free(ex, n);
	return ANKER_OK;
}

int codebook_write_latex(const struct codebook *cb, struct strbuf *out, size_t examples_per_code,
                         codebook_examples_fn fn, void *arg, struct anker_err *err)
{
	struct strbuf body = {0};
	bool t1 = false;
	int rc = ANKER_OK;
	anker_err_clear(err);
	if (codebook_has_text(cb->preamble))
		tex_preamble(&body, cb->preamble, &t1);
	for (size_t i = 0; i < cb->ncodes && rc == ANKER_OK; i++) {
		const struct codebook_code *c = &cb->codes[i];
		tex_heading(&body, cb, i, &t1);
		if (codebook_has_text(c->definition))
			tex_lead(&body, codebook_labels_of(cb)->def_md, c->definition, &t1);
		tex_anchors(&body, cb, i, &t1);
		for (size_t k = 0; k < c->nnotes; k++)
			tex_lead(&body, c->notes[k].label && *c->notes[k].label ? c->notes[k].label
			                : codebook_labels_of(cb)->note_md, c->notes[k].text, &t1);
		if (examples_per_code > 0 && fn)
			rc = tex_examples(&body, cb, i, examples_per_code, fn, arg, &t1, err);
	}
	if (rc == ANKER_OK) {
		sb_adds(out, "% anker codebook: \\input into a standard article (pdflatex)\n");
		report_latex_defs(out, t1);
		/* Long compounds (Zuständigkeitsverteilung) that TeX cannot
		 * hyphenate stretch the spaces rather than run into the margin. */
		sb_adds(out, "\\begingroup\\sloppy\n");
		sb_add(out, body.buf, body.len);
		sb_adds(out, "\\endgroup\n");
	}
	sb_free(&body);
	return rc;
}
