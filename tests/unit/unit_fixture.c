/* tests/unit/unit_fixture.c — scratch directories and projects shared by
 * the unit tests that need files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit_fixture.h"

void unit_dir_make(char *dir, size_t size, const char *tag)
{
	snprintf(dir, size, "/tmp/anker-%s-XXXXXX", tag);
	cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
}

void unit_dir_remove(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

struct store *unit_project_create(const char *dir, const char *name)
{
	char path[256];
	struct store *st;
	struct anker_err err = {0};
	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK, "%s: %s", path,
	             err.msg);
	return st;
}

struct store *unit_project_open(char *dir, size_t size, const char *tag)
{
	unit_dir_make(dir, size, tag);
	return unit_project_create(dir, "p.anker");
}

void unit_project_close(struct store *st, const char *dir)
{
	store_close(st);
	unit_dir_remove(dir);
}

void unit_import_doc(struct store *st, const char *name, const char *text, size_t len,
                     const char *group, const char *var, char *guid)
{
	struct corpus_import_result res;
	struct corpus_var v;
	struct corpus_import_opts o = { .group = group };
	struct anker_err err = {0};
	if (var) {
		cr_assert_eq(corpus_var_parse(var, &v, &err), ANKER_OK, "%s", err.msg);
		o.vars = &v;
		o.nvars = 1;
	}
	cr_assert_eq(corpus_import_bytes(st, name, "mem", text, len, &o, &res, &err), ANKER_OK,
	             "%s", err.msg);
	if (guid)
		memcpy(guid, res.guid, sizeof res.guid);
	free(res.name);
	if (var)
		corpus_var_free(&v);
}

void unit_import_codebook(struct store *st, const char *text, size_t len,
                          struct codebook_import_report *rep)
{
	struct codebook cb = {0};
	struct codebook_import_report r;
	struct anker_err err = {0};
	cr_assert_eq(codebook_import_text(st, text, len, "cb.txt", &cb, &r, &err), ANKER_OK,
	             "%s", err.msg);
	codebook_free(&cb);
	if (rep)
		*rep = r;
}
