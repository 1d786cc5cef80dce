/* tests/unit/codebook_fixture.h — helpers shared by the codebook parser
 * and writer tests (tests/unit/codebook_fixture.c). */
#ifndef ANKER_TEST_CODEBOOK_FIXTURE_H
#define ANKER_TEST_CODEBOOK_FIXTURE_H

#include "../../codebook/codebook.h"

#define REAL "verflechtung-codebook.txt"

/* The repository root: $ANKER_SRCDIR, else where this file was compiled. */
const char *srcdir(void);
/* tests/fixtures/codebook/NAME, malloc'd; fails the test when unreadable. */
char *read_fixture(const char *name, size_t *len);
/* Parse text under the name used in messages; expect success. */
void parse_ok(const char *text, size_t len, const char *name, struct codebook *cb);
void parse_fixture(const char *name, struct codebook *cb);
void parse_string(const char *text, struct codebook *cb);
/* The code numbered num; fails the test when there is none. */
const struct codebook_code *code(const struct codebook *cb, const char *num);
/* Code num is named name, under the code numbered parent ("" for none). */
void expect_code(const struct codebook *cb, const char *num, const char *name,
                 const char *parent);
/* Every field the text format carries must survive. */
void expect_same(const struct codebook *a, const struct codebook *b, const char *what);

#endif
