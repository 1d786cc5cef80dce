/* tests/unit/unit_fixture.h — scratch directories and projects for the
 * unit tests that need files (tests/unit/unit_fixture.c).  Each helper
 * fails the running test when what it does fails. */
#ifndef ANKER_TEST_UNIT_FIXTURE_H
#define ANKER_TEST_UNIT_FIXTURE_H

#include <stddef.h>

#include "../../codebook/codebook.h"
#include "../../corpus/corpus.h"

/* A new directory /tmp/anker-TAG-XXXXXX; its name is written to dir
 * (size bytes). */
void unit_dir_make(char *dir, size_t size, const char *tag);
/* Remove dir and everything in it. */
void unit_dir_remove(const char *dir);
/* A new project dir/name: the open store. */
struct store *unit_project_create(const char *dir, const char *name);
/* unit_dir_make, and a new project dir/p.anker in it: the open store. */
struct store *unit_project_open(char *dir, size_t size, const char *tag);
/* Close st, then unit_dir_remove(dir). */
void unit_project_close(struct store *st, const char *dir);
/* Import len bytes of text as document name (source "mem") in group
 * (NULL: none) with the variable var ("NAME=VALUE", NULL: none); its GUID
 * into guid (37 bytes) unless guid is NULL. */
void unit_import_doc(struct store *st, const char *name, const char *text, size_t len,
                     const char *group, const char *var, char *guid);
/* Import a codebook in MAXQDA's text format (named "cb.txt" in
 * messages); its report into rep unless rep is NULL. */
void unit_import_codebook(struct store *st, const char *text, size_t len,
                          struct codebook_import_report *rep);

#endif
