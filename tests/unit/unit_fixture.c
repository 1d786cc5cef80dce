/* tests/unit/unit_fixture.c — a scratch directory and projects shared by
 * the unit tests that need files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "unit_fixture.h"

char unit_dir[64];

const char unit_interview[] =
	"Interview 1\n"
	"I: Wie läuft es mit dem Portal? #00:00:05-1#\n"
	"\n"
	"B: Die Schnittstelle fehlt. Übermäßig viel Papier. #00:00:12-0#\n";

const char unit_codebook[] =
	"Mein Codebuch\n\nCodesystem\n\n1 Portale\n1.1 Viele Portale\n2 Schnittstellen\n\n"
	"1 Portale\n\nCodedefinition: Alles zu Portalen\n\n"
	"Ankerbeispiel: „Wir haben drei Portale.“\n\n"
	"1.1 Portale >> Viele Portale\n\nCodedefinition: Mehr als eins\n\n"
	"2 Schnittstellen\n\nCodedefinition: Datenübertragung\n\nKritik: unscharf\n";

void unit_dir_make(void)
{
	snprintf(unit_dir, sizeof unit_dir, "/tmp/anker-unit-XXXXXX");
	cr_assert_not_null(mkdtemp(unit_dir), "mkdtemp %s", unit_dir);
}

void unit_dir_remove(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", unit_dir);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

struct store *unit_project_create(const char *name)
{
	char path[256];
	struct store *st;
	struct anker_err err = {0};
	snprintf(path, sizeof path, "%s/%s", unit_dir, name);
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK, "%s: %s", path,
	             err.msg);
	return st;
}

struct store *unit_project_open(void)
{
	unit_dir_make();
	return unit_project_create("p.anker");
}

void unit_project_close(struct store *st)
{
	store_close(st);
	unit_dir_remove();
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

void unit_exec(struct store *st, const char *sql)
{
	struct anker_err err = {0};
	cr_assert_eq(store_exec(st, sql, &err), ANKER_OK, "%s: %s", sql, err.msg);
}

int64_t unit_query_int(struct store *st, const char *sql)
{
	int64_t n = -1;
	struct anker_err err = {0};
	cr_assert_eq(store_query_int(st, sql, &n, &err), ANKER_OK, "%s: %s", sql, err.msg);
	return n;
}
