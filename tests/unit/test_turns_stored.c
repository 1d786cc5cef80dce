/* tests/unit/test_turns_stored.c — speaker turns as the project keeps them
 * (doc_turn, schema 9; corpus/turns_stored.c reads them): read back
 * exactly as the import found them, whoever wrote the row (import, undo
 * and redo, the migration of a schema 7 project), JSON's escapes and white
 * space read as SQLite reads them, and a damaged row refused. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../corpus/corpus.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;

static void open_project(void)
{
	st = unit_project_open();
}

static void close_project(void)
{
	unit_project_close(st);
}

TestSuite(turns_stored, .init = open_project, .fini = close_project);

/* A header, an f4 stamp, a speaker with an umlaut over two paragraphs, a
 * range stamp, a rule ending a turn: every field of a turn in use. */
static const char text[] = "Interview 3\nDatum: 05.06.2023\n\n"
                           "I: Wie war das? #00:00:12-3#\n\n"
                           "Befragte Ä: Gut.\nWirklich gut. #00:00:20-0#\n\n"
                           "I: Und dann? [00:01:00–00:01:30]\n---\nFußnote\n";

static int64_t import_text(void)
{
	unit_import_doc(st, "eins", text, strlen(text), NULL, NULL, NULL);
	return unit_query_int(st, "SELECT id FROM document WHERE name = 'eins'");
}

/* What the project has for doc equals what corpus_turns finds in text. */
static void expect_stored(int64_t doc)
{
	struct corpus_text t;
	struct corpus_turn *want, *got;
	size_t nwant, ngot;
	corpus_text_index(&t, text, strlen(text));
	cr_assert_eq(corpus_turns(&t, &want, &nwant), ANKER_OK);
	cr_assert_eq(corpus_doc_turns(st, doc, &got, &ngot, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(ngot, nwant);
	cr_assert_eq(nwant, 3, "the material has three turns");
	for (size_t i = 0; i < nwant; i++) {
		cr_expect_eq(got[i].start, want[i].start, "turn %zu", i + 1);
		cr_expect_eq(got[i].end, want[i].end, "turn %zu", i + 1);
		cr_expect_eq(got[i].para_first, want[i].para_first, "turn %zu", i + 1);
		cr_expect_eq(got[i].para_last, want[i].para_last, "turn %zu", i + 1);
		cr_expect_str_eq(got[i].speaker, want[i].speaker, "turn %zu", i + 1);
		cr_expect_eq(got[i].ts_start_ms, want[i].ts_start_ms, "turn %zu", i + 1);
		cr_expect_eq(got[i].ts_end_ms, want[i].ts_end_ms, "turn %zu", i + 1);
	}
	/* the view shows the same rows */
	cr_expect_eq(unit_query_int(st, "SELECT COUNT(*) FROM turn"), (int64_t)nwant);
	cr_expect_eq(unit_query_int(st, "SELECT ts_end FROM turn WHERE n = 3"), want[2].ts_end_ms);
	free(want);
	free(got);
	corpus_text_free(&t);
}

Test(turns_stored, import_reads_back_what_was_found)
{
	expect_stored(import_text());
	cr_expect_eq(unit_query_int(st, "SELECT COUNT(*) FROM turn WHERE speaker = 'Befragte Ä' "
	                                "AND ts_start = 12300 AND ts_end = 20000"), 1);
}

/* Redo writes the row through SQLite's JSON functions, not the import's
 * writer: read the same. */
Test(turns_stored, undo_and_redo_keep_them)
{
	struct store_step done;
	int64_t doc = import_text();
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(unit_query_int(st, "SELECT COUNT(*) FROM doc_turn"), 0);
	cr_assert_eq(store_redo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(unit_query_int(st, "SELECT id FROM document"), doc);
	expect_stored(doc);
}

static void set_turns(const char *json)
{
	cr_assert_eq(store_run(st, &err, "UPDATE doc_turn SET turns = :j", STORE_TEXT(":j", json)),
	             ANKER_OK, "%s", err.msg);
}

Test(turns_stored, escapes_and_white_space)
{
	struct corpus_turn *v;
	size_t n;
	struct strbuf view = {0};
	int64_t doc = import_text();
	set_turns(" [ [1, 2,3 ,4 , \"a\\\"\\\\\\/\\u00e4\\ud83d\\ude00\\n\\t\\u0001\" ,null, 5] ,\n"
	          "[6,7,8,9,\"\",12,null] ] ");
	cr_assert_eq(corpus_doc_turns(st, doc, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(v[0].speaker, "a\"\\/ä😀\n\t\001");
	cr_expect(v[0].start == 1 && v[0].end == 2 && v[0].para_first == 3 && v[0].para_last == 4);
	cr_expect(v[0].ts_start_ms == -1 && v[0].ts_end_ms == 5);
	cr_expect_str_eq(v[1].speaker, "");
	cr_expect(v[1].ts_start_ms == 12 && v[1].ts_end_ms == -1);
	cr_assert_eq(store_get_text(st, &view, &err, "SELECT speaker FROM turn WHERE n = 1"),
	             ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(sb_str(&view), v[0].speaker, "SQLite reads the same speaker");
	sb_free(&view);
	free(v);

	/* a label cut at 63 bytes, as the table's reader cut it */
	set_turns("[[0,1,1,1,\"0123456789012345678901234567890123456789012345678901234567890123456\","
	          "null,null]]");
	cr_assert_eq(corpus_doc_turns(st, doc, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(strlen(v[0].speaker), 63);
	free(v);

	set_turns("[]");
	cr_assert_eq(corpus_doc_turns(st, doc, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_expect(n == 0 && v == NULL);
}

Test(turns_stored, damaged_row_refused)
{
	static const char *const bad[] = {
		"", "[", "[[1,2,3,4,\"x\",null]]", "[[1,2,3,4,x,null,null]]",
		"[[1,2,3,4,\"x\",null,null]", "[[1,2,3,4,\"x\",null,null]] x", "[[-1,2,3,4,\"x\",1,2]]",
		"[[1,2,3,4,\"x\\q\",1,2]]", "[[1,2,3,4,\"x\\u12\",1,2]]", "[[1,2,3,null,\"x\",1,2]]",
		"[[1,2,3,4,\"x,1,2]]", "[[1.5,2,3,4,\"x\",1,2]]",
	};
	int64_t doc = import_text();
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct corpus_turn *v = (struct corpus_turn *)&err;
		size_t n = 7;
		set_turns(bad[i]);
		cr_expect_eq(corpus_doc_turns(st, doc, &v, &n, &err), ANKER_DB, "'%s' read", bad[i]);
		cr_expect(strstr(err.msg, "speaker turns of document") != NULL, "%s", err.msg);
		cr_expect(v == NULL && n == 0, "'%s': nothing returned", bad[i]);
	}
}

/* A project of schema 7 kept its turns a row each: opening it packs them,
 * and opening it again after its user_version was set back changes
 * nothing. */
Test(turns_stored, schema_7_project_migrated)
{
	char path[256];
	int64_t doc = import_text();
	unit_exec(st, "BEGIN; CREATE TEMP TABLE t7 AS SELECT * FROM turn; DROP VIEW turn; "
	              "DELETE FROM doc_turn; CREATE TABLE turn (doc_id INTEGER NOT NULL REFERENCES "
	              "document(id) ON DELETE CASCADE, n INTEGER NOT NULL, start INTEGER NOT NULL, "
	              "\"end\" INTEGER NOT NULL, para_first INTEGER NOT NULL, para_last INTEGER NOT "
	              "NULL, speaker TEXT NOT NULL, ts_start INTEGER, ts_end INTEGER, PRIMARY KEY "
	              "(doc_id, n)) WITHOUT ROWID; INSERT INTO turn SELECT * FROM t7 ORDER BY n DESC; "
	              "DROP TABLE t7; PRAGMA user_version = 7; COMMIT;");
	snprintf(path, sizeof path, "%s", store_path(st));
	for (int round = 0; round < 2; round++) {
		store_close(st);
		cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_OK, "%s", err.msg);
		cr_expect_eq(unit_query_int(st, "PRAGMA user_version"), 12);
		cr_expect_eq(unit_query_int(st, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'turn' "
		                                "AND type = 'view'"), 1);
		expect_stored(doc);
		unit_exec(st, "PRAGMA user_version = 7");
	}
}

/* More speakers than speaker_counts looks up one by one: the header line
 * before them is still recognised as one. */
Test(turns_stored, many_speakers_header_dropped)
{
	struct strbuf sb = {0};
	struct corpus_text t;
	struct corpus_turn *v;
	size_t n;
	sb_adds(&sb, "Ort: Berlin\n");
	for (int round = 0; round < 2; round++)
		for (int k = 1; k <= 20; k++)
			sb_addf(&sb, "Sprecher %d: Beitrag %d.\n", k, round);
	corpus_text_index(&t, sb.buf, sb.len);
	cr_assert_eq(corpus_turns(&t, &v, &n), ANKER_OK);
	cr_expect_eq(n, 40);
	cr_expect_str_eq(v[0].speaker, "Sprecher 1");
	free(v);
	corpus_text_free(&t);
	sb_free(&sb);
}
