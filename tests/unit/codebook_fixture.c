/* tests/unit/codebook_fixture.c — helpers shared by the codebook parser
 * and writer tests: fixtures from tests/fixtures/codebook and checks on
 * parsed codebooks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

#include "codebook_fixture.h"

/* The repository root: $ANKER_SRCDIR, else the directory this file was
 * compiled from (when the compiler saw an absolute path), else ".". */
const char *srcdir(void)
{
	static char dir[4096];
	struct stat st;
	const char *env = getenv("ANKER_SRCDIR");
	const char *file = __FILE__;
	const char *tail = strstr(file, "tests/unit/");

	if (env && *env)
		return env;
	if (tail && tail > file) {
		snprintf(dir, sizeof dir, "%.*s", (int)(tail - file), file);
		char probe[4200];
		snprintf(probe, sizeof probe, "%s/tests/fixtures/codebook", dir);
		if (stat(probe, &st) == 0)
			return dir;
	}
	return ".";
}

char *read_fixture(const char *name, size_t *len)
{
	char path[4400];
	char *text;
	struct anker_err err = {0};

	snprintf(path, sizeof path, "%s/tests/fixtures/codebook/%s", srcdir(), name);
	int rc = anker_read_file(path, &text, len, &err);
	cr_assert_eq(rc, ANKER_OK, "cannot read fixture %s: %s", path, err.msg);
	return text;
}

/* Parse text under the name used in messages; expect success. */
void parse_ok(const char *text, size_t len, const char *name, struct codebook *cb)
{
	struct anker_err err = {0};
	int rc = codebook_parse_maxqda(text, len, name, cb, &err);
	cr_assert_eq(rc, ANKER_OK, "%s: expected success, got %d: %s", name, rc, err.msg);
}

void parse_fixture(const char *name, struct codebook *cb)
{
	size_t len;
	char *text = read_fixture(name, &len);
	parse_ok(text, len, name, cb);
	free(text);
}

void parse_string(const char *text, struct codebook *cb)
{
	parse_ok(text, strlen(text), "mem.txt", cb);
}

/* The code numbered num; fails the test when there is none. */
const struct codebook_code *code(const struct codebook *cb, const char *num)
{
	for (size_t i = 0; i < cb->ncodes; i++)
		if (strcmp(cb->codes[i].number, num) == 0)
			return &cb->codes[i];
	cr_assert_fail("no code %s among %zu codes", num, cb->ncodes);
	return NULL;
}

/* Code num is named name, under the code numbered parent ("" for none). */
void expect_code(const struct codebook *cb, const char *num, const char *name,
                        const char *parent)
{
	const struct codebook_code *c = code(cb, num);
	const char *got = c->parent < 0 ? "" : cb->codes[c->parent].number;
	cr_expect_str_eq(c->name, name, "name of %s: expected '%s', got '%s'", num, name, c->name);
	cr_expect_str_eq(got, parent, "parent of %s: expected '%s', got '%s'", num, parent, got);
}

/* Every field the text format carries must survive. */
void expect_same(const struct codebook *a, const struct codebook *b, const char *what)
{
	cr_assert_eq(a->ncodes, b->ncodes, "%s: %zu codes, then %zu", what, a->ncodes, b->ncodes);
	for (size_t i = 0; i < a->ncodes; i++) {
		const struct codebook_code *x = &a->codes[i], *y = &b->codes[i];
		cr_assert_str_eq(x->number, y->number, "%s: code %zu numbered %s, then %s", what, i,
		                 x->number, y->number);
		cr_assert_str_eq(x->name, y->name, "%s: name of %s", what, x->number);
		cr_assert_eq(x->parent, y->parent, "%s: parent of %s", what, x->number);
		cr_assert_str_eq(x->definition, y->definition, "%s: definition of %s", what, x->number);
		cr_assert_eq(x->nanchors, y->nanchors, "%s: %s had %zu anchors, then %zu", what,
		             x->number, x->nanchors, y->nanchors);
		for (size_t k = 0; k < x->nanchors; k++) {
			cr_assert_str_eq(x->anchors[k], y->anchors[k], "%s: anchor %zu of %s", what, k,
			                 x->number);
			const char *cx = codebook_anchor_citation(x, k), *cy = codebook_anchor_citation(y, k);
			cr_assert_str_eq(cx ? cx : "(none)", cy ? cy : "(none)",
			                 "%s: citation of anchor %zu of %s", what, k, x->number);
		}
		cr_assert_eq(x->nnotes, y->nnotes, "%s: %s had %zu notes, then %zu", what, x->number,
		             x->nnotes, y->nnotes);
		for (size_t k = 0; k < x->nnotes; k++) {
			cr_assert_str_eq(x->notes[k].label, y->notes[k].label, "%s: note %zu label of %s",
			                 what, k, x->number);
			cr_assert_str_eq(x->notes[k].text, y->notes[k].text, "%s: note %zu of %s", what,
			                 k, x->number);
		}
	}
}
