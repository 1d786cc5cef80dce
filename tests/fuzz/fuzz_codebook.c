/* tests/fuzz/fuzz_codebook.c — the MAXQDA codebook text parser.
 *
 * The input is a codebook file.  The parser gets it twice: as raw bytes
 * (it must cope with anything), and normalised as `codebook import` does
 * (corpus_normalize, strict).  A parsed codebook must be a sound tree
 * (parents listed before their children, numbers extending the parent's),
 * and the writer's promise must hold: parse(write(cb)) gives the same
 * codes, definitions, anchor examples and notes.  The Markdown writer
 * runs too (it only has to not crash).
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "../../codebook/codebook.h"
#include "../../corpus/corpus.h"

static void check_tree(const struct codebook *cb)
{
	struct strbuf path = {0};
	for (size_t i = 0; i < cb->ncodes; i++) {
		const struct codebook_code *c = &cb->codes[i];
		FUZZ_CHECK(c->number && c->name && c->definition, "code %zu has a NULL field", i);
		FUZZ_CHECK(codebook_number_valid(c->number) || strspn(c->number, "0123456789.") ==
		           strlen(c->number), "code %zu: number '%s'", i, c->number);
		FUZZ_CHECK(c->parent < (int)i, "code %zu (%s): parent %d not listed before it", i,
		           c->number, c->parent);
		if (c->parent >= 0) {
			const char *pn = cb->codes[c->parent].number;
			size_t pl = strlen(pn);
			FUZZ_CHECK(strncmp(c->number, pn, pl) == 0 && c->number[pl] == '.' &&
			           !strchr(c->number + pl + 1, '.'), "code %s under parent %s",
			           c->number, pn);
			FUZZ_CHECK(codebook_depth(cb, i) == codebook_depth(cb, (size_t)c->parent) + 1,
			           "depth of %s", c->number);
		} else {
			FUZZ_CHECK(!strchr(c->number, '.'), "top-level code %s has a dot", c->number);
		}
		sb_reset(&path);
		codebook_path(cb, i, &path);
		FUZZ_CHECK(path.len >= strlen(c->name), "path of %s shorter than its name", c->number);
		for (size_t k = 0; k < c->nnotes; k++)
			FUZZ_CHECK(c->notes[k].label && c->notes[k].text, "code %s: note %zu NULL",
			           c->number, k);
		for (size_t k = 0; k < c->nanchors; k++)
			FUZZ_CHECK(c->anchors[k] && *c->anchors[k], "code %s: anchor %zu empty",
			           c->number, k);
	}
	sb_free(&path);
}

static void same_code(const struct codebook_code *a, const struct codebook_code *b)
{
	FUZZ_CHECK(strcmp(a->number, b->number) == 0, "number '%s' came back as '%s'", a->number,
	           b->number);
	FUZZ_CHECK(strcmp(a->name, b->name) == 0, "%s: name '%s' came back as '%s'", a->number,
	           a->name, b->name);
	FUZZ_CHECK(a->parent == b->parent, "%s: parent %d came back as %d", a->number, a->parent,
	           b->parent);
	FUZZ_CHECK(strcmp(a->definition, b->definition) == 0,
	           "%s: definition came back changed:\n[%s]\n[%s]", a->number, a->definition,
	           b->definition);
	FUZZ_CHECK(a->nanchors == b->nanchors, "%s: %zu anchors came back as %zu", a->number,
	           a->nanchors, b->nanchors);
	for (size_t k = 0; k < a->nanchors; k++)
		FUZZ_CHECK(strcmp(a->anchors[k], b->anchors[k]) == 0,
		           "%s: anchor %zu came back changed:\n[%s]\n[%s]", a->number, k,
		           a->anchors[k], b->anchors[k]);
	FUZZ_CHECK(a->nnotes == b->nnotes, "%s: %zu notes came back as %zu", a->number,
	           a->nnotes, b->nnotes);
	for (size_t k = 0; k < a->nnotes; k++)
		FUZZ_CHECK(strcmp(a->notes[k].label, b->notes[k].label) == 0 &&
		           strcmp(a->notes[k].text, b->notes[k].text) == 0,
		           "%s: note %zu came back changed:\n[%s: %s]\n[%s: %s]", a->number, k,
		           a->notes[k].label, a->notes[k].text, b->notes[k].label, b->notes[k].text);
}

/* The writer's promise, on a codebook the parser produced. */
static void round_trip(const struct codebook *cb)
{
	struct strbuf txt = {0}, md = {0};
	struct codebook back;
	struct anker_err err = {0};

	codebook_write_txt(cb, &txt);
	int rc = codebook_parse_maxqda(txt.buf, txt.len, "written", &back, &err);
	FUZZ_CHECK(rc == ANKER_OK, "the written codebook does not parse: %s\n%s", err.msg,
	           txt.buf);
	FUZZ_CHECK(back.ncodes == cb->ncodes, "%zu codes came back as %zu", cb->ncodes,
	           back.ncodes);
	for (size_t i = 0; i < cb->ncodes; i++)
		same_code(&cb->codes[i], &back.codes[i]);
	codebook_free(&back);
	FUZZ_CHECK(codebook_write_md(cb, &md, 0, NULL, NULL, &err) == ANKER_OK, "markdown: %s",
	           err.msg);
	sb_free(&md);
	sb_free(&txt);
}

/* What the text writer asks about each line must not trip on any line. */
static void structural_lines(const struct codebook *cb, const char *s, size_t len)
{
	for (size_t b = 0; b < len;) {
		const char *lf = memchr(s + b, '\n', len - b);
		size_t e = lf ? (size_t)(lf - s) : len;
		(void)codebook_maxqda_structural(cb, s + b, e - b);
		b = e + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *raw = (const char *)data;
	struct codebook cb;
	struct anker_err err = {0};
	struct corpus_norm norm;

	int rc = codebook_parse_maxqda(raw, size, "raw", &cb, &err);
	FUZZ_CHECK(rc == ANKER_OK || rc == ANKER_INPUT, "raw: status %d: %s", rc, err.msg);
	FUZZ_CHECK(rc == ANKER_OK || (cb.ncodes == 0 && !cb.codes && !cb.preamble),
	           "an error left a codebook behind");
	if (rc == ANKER_OK) {
		check_tree(&cb);
		codebook_free(&cb);
	}
	/* The import path: normalised text, then the parser. */
	if (corpus_normalize(raw, size, false, &norm, &err) != ANKER_OK)
		return 0;
	rc = codebook_parse_maxqda(norm.text, norm.len, "norm", &cb, &err);
	if (rc == ANKER_OK) {
		check_tree(&cb);
		structural_lines(&cb, norm.text, norm.len);
		round_trip(&cb);
		codebook_free(&cb);
	}
	free(norm.text);
	return 0;
}
