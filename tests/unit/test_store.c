/* Unit tests for store/: open, refuse, migrate, statements, transactions. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../store/store.h"

static char dir[64];
static char path[128];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/anker-test-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.anker", dir);
}

static void rm_dir(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(store, .init = make_dir, .fini = rm_dir);

Test(store, create_then_open)
{
	struct store *st;
	struct anker_err err = {0};
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_OK, "%s", err.msg);
	int64_t n;
	cr_assert_eq(store_query_int(st, "SELECT COUNT(*) FROM project", &n, &err), ANKER_OK);
	cr_assert_eq(n, 1);
	store_close(st);
}

Test(store, create_refuses_existing)
{
	struct store *st;
	struct anker_err err = {0};
	FILE *f = fopen(path, "w");
	fputs("keep me", f);
	fclose(f);
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_EXISTS);
	cr_assert(strstr(err.msg, "already exists"), "message: %s", err.msg);
	char *text;
	size_t len;
	cr_assert_eq(anker_read_file(path, &text, &len, &err), ANKER_OK);
	cr_assert_str_eq(text, "keep me");
	free(text);
}

Test(store, refuses_non_project)
{
	struct store *st;
	struct anker_err err = {0};
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 100; i++)
		fputs("not a database at all\n", f);
	fclose(f);
	cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "not an anker project"), "message: %s", err.msg);
}

Test(store, named_parameters_fail_loudly)
{
	struct store *st;
	struct store_stmt *s;
	struct anker_err err = {0};
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	cr_assert_eq(store_prepare(st, "SELECT :a", &s, &err), ANKER_OK);
	cr_assert_eq(store_bind_int(s, ":b", 1, &err), ANKER_DB);
	cr_assert(strstr(err.msg, ":b"), "message names the parameter: %s", err.msg);
	cr_assert_eq(store_bind_text(s, ":a", "x", &err), ANKER_OK);
	cr_assert_eq(store_step(s, &err), 1);
	cr_assert_str_eq(store_col_text(s, 0), "x");
	store_done(s);
	store_close(st);
}

Test(store, nested_rollback_undoes_only_inner)
{
	struct store *st;
	struct anker_err err = {0};
	int64_t n;
	char *v;
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_meta_set(st, "a", "1", &err), ANKER_OK);
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_meta_set(st, "b", "2", &err), ANKER_OK);
	store_rollback(st);
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_meta_set(st, "c", "3", &err), ANKER_OK);
	cr_assert_eq(store_commit(st, &err), ANKER_OK);
	cr_assert_eq(store_commit(st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_query_int(st, "SELECT COUNT(*) FROM meta", &n, &err), ANKER_OK);
	cr_assert_eq(n, 2, "expected a and c, got %lld rows", (long long)n);
	cr_assert_eq(store_meta_get(st, "b", &v, &err), ANKER_OK);
	cr_assert_null(v, "the rolled-back inner write survived");
	store_close(st);
}

Test(store, outer_rollback_undoes_everything)
{
	struct store *st;
	struct anker_err err = {0};
	int64_t n;
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_meta_set(st, "a", "1", &err), ANKER_OK);
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_meta_set(st, "b", "2", &err), ANKER_OK);
	cr_assert_eq(store_commit(st, &err), ANKER_OK);
	store_rollback(st);
	cr_assert_eq(store_query_int(st, "SELECT COUNT(*) FROM meta", &n, &err), ANKER_OK);
	cr_assert_eq(n, 0);
	store_close(st);
}

Test(store, log_groups_one_step_per_transaction)
{
	struct store *st;
	struct anker_err err = {0};
	int64_t n;
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	for (int tx = 0; tx < 2; tx++) {
		cr_assert_eq(store_begin(st, &err), ANKER_OK);
		cr_assert_eq(store_log(st, "test", "thing", NULL, NULL, "{}", &err), ANKER_OK);
		cr_assert_eq(store_log(st, "test", "thing", NULL, "{}", NULL, &err), ANKER_OK);
		cr_assert_eq(store_commit(st, &err), ANKER_OK);
	}
	cr_assert_eq(store_query_int(st, "SELECT COUNT(DISTINCT step) FROM log", &n, &err), 0);
	cr_assert_eq(n, 2, "steps: expected 2, got %lld", (long long)n);
	cr_assert_eq(store_query_int(st, "SELECT COUNT(*) FROM log", &n, &err), 0);
	cr_assert_eq(n, 4);
	store_close(st);
}

Test(store, guid_is_v4)
{
	char a[37], b[37];
	store_guid(a);
	store_guid(b);
	cr_assert_eq(strlen(a), 36);
	cr_assert_eq(a[14], '4', "version nibble in %s", a);
	cr_assert(strchr("89ab", a[19]), "variant nibble in %s", a);
	cr_assert_str_neq(a, b);
}

Test(store, coder_created_once)
{
	struct store *st;
	struct anker_err err = {0};
	int64_t a, b, n;
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	cr_assert_eq(store_coder_id(st, "anna", &a, &err), ANKER_OK);
	cr_assert_eq(store_coder_id(st, "anna", &b, &err), ANKER_OK);
	cr_assert_eq(a, b);
	cr_assert_eq(store_query_int(st, "SELECT COUNT(*) FROM coder", &n, &err), 0);
	cr_assert_eq(n, 1);
	store_close(st);
}

Test(store, coder_settings_per_coder_and_unlogged)
{
	struct store *st;
	struct anker_err err = {0};
	char *v;
	int64_t n;
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	cr_assert_eq(store_coder_get(st, "anna", "tui.document", &v, &err), ANKER_OK);
	cr_assert_null(v, "nothing set yet");
	cr_assert_eq(store_coder_set(st, "anna", "tui.document", "g-1", &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_eq(store_coder_set(st, "ben", "tui.document", "g-2", &err), ANKER_OK);
	cr_assert_eq(store_coder_set(st, "anna", "tui.document", "g-3", &err), ANKER_OK);
	cr_assert_eq(store_coder_get(st, "anna", "tui.document", &v, &err), ANKER_OK);
	cr_assert_str_eq(v, "g-3");
	free(v);
	cr_assert_eq(store_coder_get(st, "ben", "tui.document", &v, &err), ANKER_OK);
	cr_assert_str_eq(v, "g-2");
	free(v);
	/* No coder rows, no log: looking at a project changes no data. */
	cr_assert_eq(store_query_int(st, "SELECT (SELECT COUNT(*) FROM coder) + (SELECT COUNT(*) "
	                                 "FROM log)", &n, &err), ANKER_OK);
	cr_assert_eq(n, 0);
	store_close(st);
}

Test(util, numcmp_natural)
{
	cr_assert_lt(anker_numcmp("2.9", "2.10"), 0);
	cr_assert_lt(anker_numcmp("2.9", "2.9.1"), 0);
	cr_assert_lt(anker_numcmp("2.9.5", "2.10"), 0);
	cr_assert_gt(anker_numcmp("10", "9"), 0);
	cr_assert_eq(anker_numcmp("2.12.8.1", "2.12.8.1"), 0);
	cr_assert_gt(anker_numcmp("", "1"), 0, "unnumbered codes sort last");
}

Test(util, json_escapes)
{
	struct strbuf sb = {0};
	sb_add_json(&sb, "a\"b\\c\nd\x01", 8);
	cr_assert_str_eq(sb_str(&sb), "\"a\\\"b\\\\c\\nd\\u0001\"");
	sb_free(&sb);
}
