/* tests/unit/unit_fixture.h — a scratch directory and projects for the
 * unit tests that need files (tests/unit/unit_fixture.c).  Each helper
 * fails the running test when what it does fails.  Criterion runs every
 * test in a process of its own, so each test has its own unit_dir. */
#ifndef ANKER_TEST_UNIT_FIXTURE_H
#define ANKER_TEST_UNIT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "../../codebook/codebook.h"
#include "../../corpus/corpus.h"

/* The scratch directory, /tmp/anker-unit-XXXXXX once made. */
extern char unit_dir[64];
/* Make unit_dir; remove it and everything in it (a suite's .init and
 * .fini when it needs files but no project). */
void unit_dir_make(void);
void unit_dir_remove(void);
/* A new project unit_dir/name: the open store. */
struct store *unit_project_create(const char *name);
/* unit_dir_make, and a new project p.anker in it: the open store. */
struct store *unit_project_open(void);
/* Close st, then unit_dir_remove. */
void unit_project_close(struct store *st);
/* Import len bytes of text as document name (source "mem") in group
 * (NULL: none) with the variable var ("NAME=VALUE", NULL: none); its GUID
 * into guid (37 bytes) unless guid is NULL. */
void unit_import_doc(struct store *st, const char *name, const char *text, size_t len,
                     const char *group, const char *var, char *guid);
/* Import a codebook in MAXQDA's text format (named "cb.txt" in
 * messages); its report into rep unless rep is NULL. */
void unit_import_codebook(struct store *st, const char *text, size_t len,
                          struct codebook_import_report *rep);
/* The material of the project and log tests: an interview of four
 * paragraphs (a title; "I: ..." and "B: ..." with timestamps, an empty
 * line between), and a codebook in MAXQDA's text format with three codes
 * (1 Portale, 1.1 Viele Portale, 2 Schnittstellen), their definitions, an
 * anchor example of 1 and a note "Kritik" on 2. */
extern const char unit_interview[];
extern const char unit_codebook[];

/* Run the SQL statements sql. */
void unit_exec(struct store *st, const char *sql);
/* The one integer the query sql yields. */
int64_t unit_query_int(struct store *st, const char *sql);

#endif
