/* Unit tests for store/: open, refuse, migrate, statements, one-line queries,
 * transactions. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../store/store.h"
#include "unit_fixture.h"

static char path[128];

static void make_dir(void)
{
	unit_dir_make();
	snprintf(path, sizeof path, "%s/p.anker", unit_dir);
}

TestSuite(store, .init = make_dir, .fini = unit_dir_remove);

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

/* SQLite's memory map of the file (store_map): how many bytes of it. */
static int64_t mapped(struct store *st)
{
	int64_t n = -1;
	struct anker_err err = {0};
	cr_assert_eq(store_query_int(st, "PRAGMA main.mmap_size", &n, &err), ANKER_OK, "%s", err.msg);
	return n;
}

/* Every open reads through the map; the first write, in a transaction or
 * on its own, and the fold at close write with write(2) instead. */
Test(store, reads_through_the_map_until_the_first_write)
{
	struct store *st;
	struct anker_err err = {0};
	int64_t n;
	char *v;
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK, "%s", err.msg);
	store_close(st);
	for (int ro = 0; ro < 2; ro++) {
		cr_assert_eq(store_open(path, ro ? STORE_OPEN_READONLY : STORE_OPEN_EXISTING, &st, &err),
		             ANKER_OK, "%s", err.msg);
		cr_assert_gt(mapped(st), 0, "opened %s: not mapped", ro ? "read-only" : "to write");
		cr_assert_eq(store_read_begin(st, &err), ANKER_OK, "%s", err.msg);
		cr_assert_eq(store_query_int(st, "SELECT COUNT(*) FROM project", &n, &err), ANKER_OK);
		store_read_end(st);
		cr_assert_eq(n, 1);
		cr_assert_gt(mapped(st), 0, "a read (transaction) took the map away");
		store_close(st);
	}
	cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_begin(st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(mapped(st), 0, "a transaction writes through the map");
	cr_assert_eq(store_meta_set(st, "a", "1", &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_commit(st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_finish(st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_gt(mapped(st), 0);
	cr_assert_eq(store_run(st, &err, "INSERT INTO meta(key, value) VALUES ('b', '2')"), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(mapped(st), 0, "a write of its own went through the map");
	cr_assert_eq(store_finish(st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_open(path, STORE_OPEN_READONLY, &st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_meta_get(st, "a", &v, &err), ANKER_OK, "%s", err.msg);
	cr_assert_str_eq(v, "1");
	free(v);
	cr_assert_eq(store_meta_get(st, "b", &v, &err), ANKER_OK, "%s", err.msg);
	cr_assert_str_eq(v, "2");
	free(v);
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

/* store_each_group: each group's rows with the result row's columns;
 * an error from the callback stops the query; anker_rows elsewhere, or
 * with a changing number of values, is an error, not garbage. */
struct groups_seen {
	int64_t key[8], sum[8];
	size_t rows[8], n, stop_at;
};

static int group_seen(void *arg, struct store_stmt *s, const int64_t *v, size_t nrows,
                      struct anker_err *err)
{
	struct groups_seen *g = arg;
	if (g->n == g->stop_at)
		return anker_err_set(err, ANKER_CANCELLED, "stopped at group %zu", g->n);
	g->key[g->n] = store_col_int(s, 0);
	g->rows[g->n] = nrows;
	for (size_t i = 0; i < nrows; i++)
		g->sum[g->n] += v[2 * i] * 10 + v[2 * i + 1];
	g->n++;
	return ANKER_OK;
}

Test(store, each_group_hands_over_rows)
{
	struct store *st;
	struct store_stmt *s;
	struct anker_err err = {0};
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK);
	cr_assert_eq(store_run(st, &err, "CREATE TEMP TABLE t(g, a, b)"), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_run(st, &err, "INSERT INTO t VALUES (2, 1, 2), (1, 3, 4), (2, 5, 6), "
	                                 "(3, 7, 8), (1, 9, 1)"), ANKER_OK, "%s", err.msg);
	const char *sql = "SELECT g, anker_rows(a, b) FROM t GROUP BY g";
	struct groups_seen g = { .stop_at = 99 };
	cr_assert_eq(store_prepare(st, sql, &s, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_each_group(s, group_seen, &g, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(g.n, 3);
	int64_t key[] = { 1, 2, 3 }, sum[] = { 34 + 91, 12 + 56, 78 };
	size_t rows[] = { 2, 2, 1 };
	for (size_t i = 0; i < 3; i++) {
		cr_assert_eq(g.key[i], key[i], "group %zu: key %lld", i, (long long)g.key[i]);
		cr_assert_eq(g.rows[i], rows[i], "group %zu: %zu rows", i, g.rows[i]);
		cr_assert_eq(g.sum[i], sum[i], "group %zu: sum %lld", i, (long long)g.sum[i]);
	}
	struct groups_seen stop = { .stop_at = 1 };
	cr_assert_eq(store_prepare(st, sql, &s, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_each_group(s, group_seen, &stop, &err), ANKER_CANCELLED);
	cr_assert_str_eq(err.msg, "stopped at group 1");
	cr_assert_eq(stop.n, 1);
	/* Outside store_each_group. */
	int64_t n;
	cr_assert_eq(store_query_int(st, "SELECT anker_rows(a) IS NULL FROM t", &n, &err), ANKER_DB);
	cr_assert(strstr(err.msg, "anker_rows"), "message: %s", err.msg);
	cr_assert_eq(store_prepare(st, "SELECT g, anker_rows(a, b) FROM (SELECT g, a, b FROM t "
	                               "UNION ALL SELECT 1, 1, NULL) GROUP BY g", &s, &err), ANKER_OK);
	cr_assert_eq(store_each_group(s, group_seen, &(struct groups_seen){ .stop_at = 99 }, &err),
	             ANKER_OK, "NULL is a value: %s", err.msg);
	/* Two calls in one query would mix their rows. */
	cr_assert_eq(store_prepare(st, "SELECT g, anker_rows(a), anker_rows(a, b) FROM t GROUP BY g",
	                           &s, &err), ANKER_OK);
	cr_assert_eq(store_each_group(s, group_seen, &(struct groups_seen){ .stop_at = 99 }, &err),
	             ANKER_DB);
	cr_assert(strstr(err.msg, "anker_rows"), "message: %s", err.msg);
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

/* ---------------------------------------------------------------------- */
/* One-line queries: store_get_int, store_get_text, store_exists, store_run. */

static struct store *qst;
static struct anker_err qerr;

static void query_init(void)
{
	qst = unit_project_open();
	memset(&qerr, 0, sizeof qerr);
	cr_assert_eq(store_exec(qst, "CREATE TABLE t(key TEXT PRIMARY KEY, value); "
	                        "INSERT INTO t(key, value) VALUES ('a', '1'), ('b', NULL), "
	                        "('c', 'x' || char(0) || 'y')", &qerr), ANKER_OK, "%s", qerr.msg);
}

static void query_fini(void)
{
	unit_project_close(qst);
}

TestSuite(query, .init = query_init, .fini = query_fini);

/* A failing helper sets err: its status, and a message naming what failed. */
static void expect_failure(int rc, int st, const char *part)
{
	cr_assert_eq(rc, st, "expected status %d, got %d (%s)", st, rc, qerr.msg);
	cr_assert_eq((int)qerr.status, st, "err.status %d, expected %d", (int)qerr.status, st);
	cr_assert(strstr(qerr.msg, part), "expected '%s' in the message, got: %s", part, qerr.msg);
	memset(&qerr, 0, sizeof qerr);
}

Test(query, get_int_hit_and_no_row)
{
	int64_t n = -1;
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT COUNT(*) FROM t"), ANKER_OK);
	cr_assert_eq(n, 3, "expected 3 rows, got %lld", (long long)n);
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT CAST(value AS INTEGER) FROM t "
	                           "WHERE key = :key", STORE_TEXT(":key", "a")), ANKER_OK);
	cr_assert_eq(n, 1);
	n = 42;
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT 1 FROM t WHERE key = :key",
	                           STORE_TEXT(":key", "none")), ANKER_NOTFOUND);
	cr_assert_eq(n, 42, "no row: *out must stay, got %lld", (long long)n);
	cr_assert_eq(qerr.status, ANKER_OK, "no row: err must stay, got: %s", qerr.msg);
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT value FROM t WHERE key = 'b'"),
	             ANKER_OK);
	cr_assert_eq(n, 0, "NULL reads as 0, got %lld", (long long)n);
}

Test(query, get_int_all_kinds_of_pair)
{
	int64_t n = 0;
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT :i + CAST(:d * 2 AS INTEGER) + "
	                           "length(:t) + length(CAST(:tn AS BLOB)) + (:z IS NULL)",
	                           STORE_INT(":i", 1000), STORE_DOUBLE(":d", 0.5),
	                           STORE_TEXT(":t", "abc"), STORE_TEXTN(":tn", "a\0b", 3),
	                           STORE_NULL(":z")), ANKER_OK, "%s", qerr.msg);
	cr_assert_eq(n, 1000 + 1 + 3 + 3 + 1, "got %lld", (long long)n);
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT :t IS NULL",
	                           STORE_TEXT(":t", NULL)), ANKER_OK);
	cr_assert_eq(n, 1, "STORE_TEXT(NULL) binds NULL");
}

Test(query, get_text_hit_no_row_and_null)
{
	struct strbuf out = {0};
	cr_assert_eq(store_get_text(qst, &out, &qerr, "SELECT value FROM t WHERE key = :key",
	                            STORE_TEXT(":key", "a")), ANKER_OK, "%s", qerr.msg);
	cr_assert_str_eq(sb_str(&out), "1");
	cr_assert_eq(store_get_text(qst, &out, &qerr, "SELECT value FROM t WHERE key = :key",
	                            STORE_TEXT(":key", "c")), ANKER_OK);
	cr_assert_eq(out.len, 3, "the bytes after a NUL are kept, got %zu", out.len);
	cr_assert_eq(memcmp(out.buf, "x\0y", 3), 0);
	cr_assert_eq(store_get_text(qst, &out, &qerr, "SELECT value FROM t WHERE key = :key",
	                            STORE_TEXT(":key", "none")), ANKER_NOTFOUND);
	cr_assert_eq(out.len, 3, "no row: out must stay");
	cr_assert_eq(qerr.status, ANKER_OK, "no row: err must stay, got: %s", qerr.msg);
	cr_assert_eq(store_get_text(qst, &out, &qerr, "SELECT value FROM t WHERE key = :key",
	                            STORE_TEXT(":key", "b")), ANKER_OK);
	cr_assert_eq(out.len, 0, "NULL reads as empty, got %zu bytes", out.len);
	cr_assert_not_null(out.buf);
	cr_assert_str_eq(out.buf, "");
	sb_free(&out);
}

Test(query, exists)
{
	bool found = false;
	cr_assert_eq(store_exists(qst, &found, &qerr, "SELECT 1 FROM t WHERE key = :key",
	                          STORE_TEXT(":key", "a")), ANKER_OK);
	cr_assert(found);
	cr_assert_eq(store_exists(qst, &found, &qerr, "SELECT 1 FROM t WHERE key = :key",
	                          STORE_TEXT(":key", "none")), ANKER_OK);
	cr_assert_not(found);
	cr_assert_eq(store_exists(qst, &found, &qerr, "SELECT value FROM t WHERE key = 'b'"),
	             ANKER_OK);
	cr_assert(found, "a row holding NULL is a row");
}

Test(query, run)
{
	int64_t n = 0;
	cr_assert_eq(store_run(qst, &qerr, "UPDATE t SET value = :v WHERE key <> :k",
	                       STORE_TEXT(":v", "z"), STORE_TEXT(":k", "a")), ANKER_OK, "%s",
	             qerr.msg);
	cr_assert_eq(store_changes(qst), 2);
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT COUNT(*) FROM t WHERE value = 'z'"),
	             ANKER_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(store_run(qst, &qerr, "SELECT key FROM t"), ANKER_OK, "rows are ignored");
	expect_failure(store_run(qst, &qerr, "INSERT INTO t(key, value) VALUES (:k, 'v')",
	                         STORE_TEXT(":k", "a")), ANKER_INPUT, "UNIQUE");
}

Test(query, unknown_missing_and_twice_given_names)
{
	int64_t n = 7;
	struct strbuf out = {0};
	bool found = true;
	expect_failure(store_get_int(qst, &n, &qerr, "SELECT :a", STORE_INT(":b", 1)), ANKER_DB,
	               "no parameter :b");
	expect_failure(store_get_text(qst, &out, &qerr, "SELECT :a", STORE_INT(":a", 1),
	                              STORE_TEXT(":zz", "x")), ANKER_DB, "no parameter :zz");
	expect_failure(store_exists(qst, &found, &qerr, "SELECT :a, :b", STORE_INT(":a", 1)),
	               ANKER_DB, "parameter :b not given");
	expect_failure(store_run(qst, &qerr, "DELETE FROM t WHERE key = :k"), ANKER_DB,
	               "parameter :k not given");
	expect_failure(store_get_int(qst, &n, &qerr, "SELECT :a", STORE_INT(":a", 1),
	                             STORE_INT(":a", 2)), ANKER_DB, "parameter :a given twice");
	cr_assert_eq(n, 7, "a failed query leaves *out");
	cr_assert_eq(out.len, 0);
	cr_assert(found, "a failed query leaves *out");
	/* Nothing of the failed binds stays behind: the next query is clean. */
	cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT COUNT(*) FROM t"), ANKER_OK);
	cr_assert_eq(store_run(qst, &qerr, "DELETE FROM t WHERE key = :k", STORE_TEXT(":k", "a")),
	             ANKER_OK, "%s", qerr.msg);
	cr_assert_eq(store_changes(qst), 1, "the key was bound, not NULL");
	sb_free(&out);
}

Test(query, wrong_sql)
{
	int64_t n = 7;
	struct strbuf out = {0};
	bool found = true;
	expect_failure(store_get_int(qst, &n, &qerr, "SELECT x FROM nowhere"), ANKER_DB,
	               "no such table: nowhere");
	expect_failure(store_get_text(qst, &out, &qerr, "SELEC 1"), ANKER_DB, "syntax error");
	expect_failure(store_exists(qst, &found, &qerr, "SELECT nope FROM t"), ANKER_DB,
	               "no such column: nope");
	expect_failure(store_run(qst, &qerr, "UPDATE nowhere SET a = 1"), ANKER_DB,
	               "no such table: nowhere");
	expect_failure(store_get_int(qst, &n, &qerr, "DELETE FROM t WHERE key = 'zz'"), ANKER_DB,
	               "returns no column");
	cr_assert_eq(n, 7);
	cr_assert(found);
	sb_free(&out);
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

/* anker_paragraphs, the C function behind STORE_SQL_PARAGRAPHS: corpus.h's
 * count (one more than the LFs, one less after a final LF), NULL for NULL. */
Test(query, paragraphs_function)
{
	static const struct { const char *text; int64_t n; } cases[] = {
		{ "", 0 }, { "a", 1 }, { "a\n", 1 }, { "a\nb", 2 }, { "a\nb\n", 2 }, { "\n", 1 },
		{ "\n\n", 2 }, { "ä\n\nü", 3 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t n = -1;
		cr_assert_eq(store_get_int(qst, &n, &qerr, "SELECT anker_paragraphs(:t)",
		                           STORE_TEXT(":t", cases[i].text)), ANKER_OK, "%s", qerr.msg);
		cr_assert_eq(n, cases[i].n, "'%s': expected %lld, got %lld", cases[i].text,
		             (long long)cases[i].n, (long long)n);
	}
	int64_t isnull = 0;
	cr_assert_eq(store_get_int(qst, &isnull, &qerr, "SELECT anker_paragraphs(NULL) IS NULL"),
	             ANKER_OK, "%s", qerr.msg);
	cr_assert_eq(isnull, 1, "NULL text: NULL paragraphs");
}
