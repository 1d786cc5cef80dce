/* Unit tests for store/log.c: rows as JSON (round trips), undo and redo.
 * Segments, reviews and memos are written with plain SQL here, so these
 * tests stand on the store alone, not on the coding commands. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../codebook/codebook.h"
#include "../../corpus/corpus.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;
static char doc_guid[37];

/* A project with one document (step 1) and three codes (step 2). */
static void open_project(void)
{
	st = unit_project_open();
	unit_import_doc(st, "eins", unit_interview, strlen(unit_interview), "G", "Jahr=2023",
	                doc_guid);
	unit_import_codebook(st, unit_codebook, strlen(unit_codebook), NULL);
}

static void close_project(void)
{
	unit_project_close(st);
}

TestSuite(log, .init = open_project, .fini = close_project);

static int64_t count(const char *sql)
{
	return unit_query_int(st, sql);
}

static char *row_json(const char *entity, const char *guid)
{
	struct strbuf sb = {0};
	cr_assert_eq(store_row_json(st, entity, guid, &sb, &err), ANKER_OK, "%s %s: %s", entity,
	             guid, err.msg);
	return sb_steal(&sb);
}

static void code_guid(const char *number, char out[37])
{
	struct codebook cb;
	cr_assert_eq(codebook_load(st, 0, &cb, &err), ANKER_OK, "%s", err.msg);
	int i = codebook_find(&cb, number, &err);
	cr_assert_geq(i, 0, "code %s: %s", number, err.msg);
	memcpy(out, cb.codes[i].guid, 37);
	codebook_free(&cb);
}

static void exec(const char *sql)
{
	unit_exec(st, sql);
}

/* Insert a segment of code NUMBER by coder "anna" as one logged step
 * ("mark"), as the mark command does. */
static void mark(const char *guid, const char *number, int start, int end)
{
	char code[37];
	int64_t coder;
	struct store_stmt *s;
	code_guid(number, code);
	cr_assert_eq(store_begin(st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_coder_id(st, "anna", &coder, &err), ANKER_OK, "%s", err.msg);
	static const char sql[] =
		"INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, memo, "
		"created, modified) VALUES (:guid, (SELECT id FROM document WHERE guid = :doc), "
		"(SELECT id FROM code WHERE guid = :code), :coder, :start, :end, 10, 'm', "
		"'2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')";
	cr_assert_eq(store_prepare(st, sql, &s, &err), ANKER_OK, "%s", err.msg);
	bool bad = store_bind_text(s, ":guid", guid, &err) ||
	           store_bind_text(s, ":doc", doc_guid, &err) ||
	           store_bind_text(s, ":code", code, &err) ||
	           store_bind_int(s, ":coder", coder, &err) ||
	           store_bind_int(s, ":start", start, &err) || store_bind_int(s, ":end", end, &err);
	cr_assert_not(bad, "%s", err.msg);
	cr_assert_eq(store_step(s, &err), 0, "%s", err.msg);
	store_done(s);
	char *after = row_json("segment", guid);
	cr_assert_eq(store_log(st, "mark", "segment", guid, NULL, after, &err), ANKER_OK, "%s",
	             err.msg);
	free(after);
	cr_assert_eq(store_commit(st, &err), ANKER_OK, "%s", err.msg);
}

/* One logged step changing ENTITY GUID with SQL (before and after
 * captured around it; sql NULL-terminated list). */
static void change(const char *action, const char *entity, const char *guid, const char *sql,
                   bool deletes)
{
	cr_assert_eq(store_begin(st, &err), ANKER_OK, "%s", err.msg);
	char *before = row_json(entity, guid);
	exec(sql);
	char *after = deletes ? NULL : row_json(entity, guid);
	cr_assert_eq(store_log(st, action, entity, guid, before, after, &err), ANKER_OK, "%s",
	             err.msg);
	free(before);
	free(after);
	cr_assert_eq(store_commit(st, &err), ANKER_OK, "%s", err.msg);
}

static void review_and_memo(const char *seg)
{
	char sql[1024];
	int64_t boss;
	cr_assert_eq(store_coder_id(st, "boss", &boss, &err), ANKER_OK);
	snprintf(sql, sizeof sql,
	         "INSERT INTO review(segment_id, verdict, comment, reviewer_id, created) SELECT id, "
	         "'fits', 'gut', %lld, '2026-02-01T00:00:00Z' FROM segment WHERE guid = '%s';"
	         "INSERT INTO review(segment_id, verdict, comment, reviewer_id, created) SELECT id, "
	         "'borderline', '', %lld, '2026-02-02T00:00:00Z' FROM segment WHERE guid = '%s';"
	         "INSERT INTO memo(guid, type, target, segment_id, author_id, text, created, modified) "
	         "SELECT 'memo-0001', 'free', 'segment', id, %lld, 'Notiz „x“', "
	         "'2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z' FROM segment WHERE guid = '%s';",
	         (long long)boss, seg, (long long)boss, seg, (long long)boss, seg);
	exec(sql);
}

/* ---------------------------------------------------------------------- */
/* Round trips: json → delete → apply → the same json. */

static void round_trip(const char *entity, const char *guid)
{
	char *json = row_json(entity, guid);
	cr_assert_eq(store_row_delete(st, entity, guid, &err), ANKER_OK, "%s", err.msg);
	struct strbuf gone = {0};
	cr_assert_eq(store_row_json(st, entity, guid, &gone, &err), ANKER_NOTFOUND,
	             "%s %s still there after delete", entity, guid);
	cr_assert_eq(store_row_apply(st, entity, json, &err), ANKER_OK, "%s", err.msg);
	char *back = row_json(entity, guid);
	cr_assert_str_eq(back, json, "%s after apply:\n%s\nexpected:\n%s", entity, back, json);
	free(json);
	free(back);
}

Test(log, round_trip_document)
{
	char *json = row_json("document", doc_guid);
	cr_assert(strstr(json, "\"vars\":[{\"name\":\"Jahr\",\"type\":\"integer\",\"value\":\"2023\"}]"),
	          "%s", json);
	cr_assert(strstr(json, "\"turns\":[{\"n\":1,"), "%s", json);
	cr_assert(strstr(json, "Übermäßig viel Papier"), "%s", json);
	free(json);
	round_trip("document", doc_guid);
	cr_assert_eq(count("SELECT COUNT(*) FROM turn"), 2);
}

Test(log, round_trip_code_with_anchors_notes_parent)
{
	char guid[37], parent[37];
	code_guid("1", parent);
	code_guid("2", guid);
	exec("UPDATE code SET codable = 0 WHERE number = '2'");
	char *json = row_json("code", guid);
	cr_assert(strstr(json, "\"notes\":[{\"position\":1,\"label\":\"Kritik\",\"text\":\"unscharf\"}]"),
	          "%s", json);
	cr_assert(strstr(json, "\"codable\":false"), "%s", json);
	free(json);
	round_trip("code", guid);
	code_guid("1.1", guid);
	json = row_json("code", guid);
	cr_assert(strstr(json, parent), "child names its parent's GUID: %s", json);
	free(json);
	round_trip("code", guid);
	code_guid("1", guid);
	json = row_json("code", guid);
	cr_assert(strstr(json, "\"anchors\":[{\"position\":1,\"text\":\"„Wir haben drei Portale.“\""),
	          "%s", json);
	free(json);
}

Test(log, round_trip_segment_with_reviews_and_memos)
{
	mark("seg-0001", "1.1", 3, 10);
	review_and_memo("seg-0001");
	char *json = row_json("segment", "seg-0001");
	cr_assert(strstr(json, "\"coder\":\"anna\",\"coder_guid\":\""), "%s", json);
	cr_assert(strstr(json, "\"reviews\":[{\"verdict\":\"fits\",\"comment\":\"gut\","
	                       "\"reviewer\":\"boss\""), "%s", json);
	cr_assert(strstr(json, "\"memos\":[{\"guid\":\"memo-0001\""), "%s", json);
	free(json);
	round_trip("segment", "seg-0001");
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 2);
	cr_assert_eq(count("SELECT COUNT(*) FROM memo"), 1);
}

Test(log, delete_cascades_and_apply_creates_missing_coder)
{
	mark("seg-0001", "1.1", 3, 10);
	review_and_memo("seg-0001");
	char *json = row_json("segment", "seg-0001");
	cr_assert_eq(store_row_delete(st, "segment", "seg-0001", &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM review") + count("SELECT COUNT(*) FROM memo"), 0,
	             "reviews and memos cascade with their segment");
	exec("DELETE FROM coder WHERE name IN ('anna', 'boss')");
	cr_assert_eq(store_row_apply(st, "segment", json, &err), ANKER_OK, "%s", err.msg);
	char *back = row_json("segment", "seg-0001");
	cr_assert_str_eq(back, json, "coder recreated with its GUID:\n%s\nexpected:\n%s", back, json);
	free(json);
	free(back);
}

Test(log, round_trip_memo_and_coder)
{
	char code[37], sql[512];
	code_guid("2", code);
	snprintf(sql, sizeof sql, "INSERT INTO memo(guid, type, target, code_id, author_id, text, "
	         "created, modified) SELECT 'memo-0002', 'definition', 'code', id, NULL, 'Def', "
	         "'2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z' FROM code WHERE guid = '%s'", code);
	exec(sql);
	char *json = row_json("memo", "memo-0002");
	cr_assert(strstr(json, "\"code\":\""), "%s", json);
	cr_assert(strstr(json, "\"author\":null"), "%s", json);
	free(json);
	round_trip("memo", "memo-0002");
	exec("INSERT INTO coder(guid, name) VALUES ('coder-0001', 'carla')");
	round_trip("coder", "coder-0001");
}

Test(log, apply_replaces_nested_lists)
{
	char guid[37];
	code_guid("1", guid);
	char *json = row_json("code", guid);
	exec("INSERT INTO anchor(code_id, position, text) SELECT id, 9, 'später' FROM code "
	     "WHERE number = '1'");
	exec("UPDATE code SET name = 'Anders' WHERE number = '1'");
	cr_assert_eq(store_row_apply(st, "code", json, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM anchor a JOIN code c ON c.id = a.code_id "
	                   "WHERE c.number = '1'"), 1, "the extra anchor is gone");
	cr_assert_eq(count("SELECT COUNT(*) FROM code WHERE name = 'Portale'"), 1);
	free(json);
}

Test(log, apply_refuses_taken_code_number)
{
	char guid[37];
	code_guid("2", guid);
	char *json = row_json("code", guid);
	cr_assert_eq(store_row_delete(st, "code", guid, &err), ANKER_OK, "%s", err.msg);
	exec("UPDATE code SET number = '2' WHERE number = '1.1'");
	cr_assert_eq(store_row_apply(st, "code", json, &err), ANKER_EXISTS, "status %d: %s",
	             err.status, err.msg);
	cr_assert(strstr(err.msg, "code number 2 is taken"), "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM code"), 2, "nothing applied");
	free(json);
}

Test(log, apply_and_delete_errors)
{
	cr_assert_eq(store_row_apply(st, "code", "{\"guid\": ", &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "code JSON: not valid JSON"), "%s", err.msg);
	cr_assert_eq(store_row_apply(st, "code", "[1, 2]", &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "not an object"), "%s", err.msg);
	cr_assert_eq(store_row_apply(st, "segment", "{\"guid\": \"x\"}", &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "segment JSON: no \"doc\""), "%s", err.msg);
	cr_assert_eq(store_row_apply(st, "thing", "{}", &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "unknown entity 'thing'"), "%s", err.msg);
	cr_assert_eq(store_row_delete(st, "segment", "nope", &err), ANKER_NOTFOUND);
	cr_assert(strstr(err.msg, "no segment with GUID nope"), "%s", err.msg);
	char parent[37], child[37];
	code_guid("1", parent);
	code_guid("1.1", child);
	char *json = row_json("code", child);
	char *at = strstr(json, parent);
	cr_assert_not_null(at, "%s", json);
	memcpy(at, "00000000", 8);
	cr_assert_eq(store_row_apply(st, "code", json, &err), ANKER_NOTFOUND, "%s", err.msg);
	cr_assert(strstr(err.msg, "no code with GUID 00000000"), "%s", err.msg);
	free(json);
	cr_assert_eq(store_row_delete(st, "code", parent, &err), ANKER_INPUT,
	             "a code with a subcode is not deleted: %s", err.msg);
	cr_assert(strstr(err.msg, "cannot delete code"), "%s", err.msg);
}

/* store_log_inserts writes for rows added in bulk what store_log writes for
 * each, and undo takes them back. */
Test(log, log_inserts_in_bulk)
{
	mark("seg-0001", "1.1", 3, 10);
	mark("seg-0002", "2", 12, 20);
	review_and_memo("seg-0001");
	exec("DELETE FROM log");
	char *one = row_json("segment", "seg-0001"), *two = row_json("segment", "seg-0002");
	char *memo = row_json("memo", "memo-0001");
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_log_inserts(st, "merge", "segment", "SELECT guid FROM segment", &err),
	             ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_log_inserts(st, "merge", "nonsense", "SELECT guid FROM code", &err),
	             ANKER_INPUT);
	cr_assert(strstr(err.msg, "unknown entity 'nonsense'"), "%s", err.msg);
	cr_assert_eq(store_commit(st, &err), ANKER_OK, "%s", err.msg);
	struct strbuf sb = {0};
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_log_inserts(st, "merge", "memo", "SELECT guid FROM memo", &err), ANKER_OK,
	             "%s", err.msg);
	cr_assert_eq(store_get_text(st, &sb, &err, "SELECT after FROM log WHERE entity = 'memo' "
	                            "AND step = 2"), ANKER_OK);
	cr_assert_str_eq(sb.buf, memo);
	free(memo);
	store_rollback(st);
	cr_assert_eq(store_get_text(st, &sb, &err, "SELECT after FROM log WHERE guid = 'seg-0001' "
	                            "AND before IS NULL AND action = 'merge' AND step = 1"), ANKER_OK);
	cr_assert_str_eq(sb.buf, one);
	cr_assert_eq(store_get_text(st, &sb, &err, "SELECT after FROM log WHERE guid = 'seg-0002'"),
	             ANKER_OK);
	cr_assert_str_eq(sb.buf, two);
	sb_free(&sb);
	free(one);
	free(two);
	cr_assert_eq(count("SELECT COUNT(DISTINCT step) FROM log"), 1);
	struct store_step done;
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM segment") + count("SELECT COUNT(*) FROM memo"), 0);
	cr_assert_eq(store_redo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM segment"), 2);
	cr_assert_eq(count("SELECT COUNT(*) FROM review"), 2);
}

/* store_log_bulk logs rows added in bulk as one entry per entity, their
 * GUIDs in the order of their ids; the step counts them as rows; undo
 * writes the entry out as store_log_inserts would have (each entry the
 * row's JSON, in the same order) and takes the rows back, redo brings them
 * back as they were. */
Test(log, log_bulk)
{
	mark("seg-0002", "2", 12, 20);
	mark("seg-0001", "1.1", 3, 10);
	review_and_memo("seg-0001");
	exec("DELETE FROM log");
	char *one = row_json("segment", "seg-0001"), *two = row_json("segment", "seg-0002");
	cr_assert_eq(store_begin(st, &err), ANKER_OK);
	cr_assert_eq(store_log_bulk(st, "qdpx import", "segment",
	                            "SELECT guid FROM segment ORDER BY id", &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_eq(store_log_bulk(st, "qdpx import", "memo", "SELECT guid FROM memo WHERE 0",
	                            &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_log_bulk(st, "qdpx import", "nonsense", "SELECT guid FROM code", &err),
	             ANKER_INPUT);
	cr_assert_eq(store_commit(st, &err), ANKER_OK, "%s", err.msg);
	struct strbuf sb = {0};
	cr_assert_eq(store_get_text(st, &sb, &err, "SELECT entity || ' ' || after FROM log WHERE "
	                            "guid IS NULL AND before IS NULL"), ANKER_OK, "%s", err.msg);
	cr_assert_str_eq(sb.buf, "segment [\"seg-0002\",\"seg-0001\"]", "no entry for no rows");
	struct store_step s;
	cr_assert_eq(store_step_get(st, 1, &s, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(s.added[STORE_SEGMENT], 2);
	struct store_step *v;
	size_t n;
	cr_assert_eq(store_steps(st, 0, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].changes, 2);
	free(v);
	struct store_step done;
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM segment") + count("SELECT COUNT(*) FROM memo"), 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM log WHERE guid IS NULL"), 0);
	cr_assert_eq(store_get_text(st, &sb, &err, "SELECT group_concat(after, ' ') FROM (SELECT "
	                            "after FROM log WHERE step = 1 ORDER BY id)"), ANKER_OK);
	size_t both = strlen(two) + 1 + strlen(one);
	char *want = xmalloc(both + 1);
	snprintf(want, both + 1, "%s %s", two, one);
	cr_assert_str_eq(sb.buf, want);
	free(want);
	cr_assert_eq(store_redo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	char *again = row_json("segment", "seg-0001");
	cr_assert_str_eq(again, one);
	cr_assert_eq(count("SELECT COUNT(*) FROM segment"), 2);
	sb_free(&sb);
	free(again);
	free(one);
	free(two);
}

/* ---------------------------------------------------------------------- */
/* Undo and redo */

static void undo_ok(int64_t step, const char *action)
{
	struct store_step d;
	cr_assert_eq(store_undo(st, 0, &d, &err), ANKER_OK, "undo: %s", err.msg);
	cr_assert_eq(d.step, step, "undid step %lld, expected %lld", (long long)d.step,
	             (long long)step);
	cr_assert_str_eq(d.action, action);
	cr_assert(d.undone);
}

static void redo_ok(int64_t step, const char *action)
{
	struct store_step d;
	cr_assert_eq(store_redo(st, 0, &d, &err), ANKER_OK, "redo: %s", err.msg);
	cr_assert_eq(d.step, step, "redid step %lld, expected %lld", (long long)d.step,
	             (long long)step);
	cr_assert_str_eq(d.action, action);
	cr_assert_not(d.undone);
}

static int64_t segments(void)
{
	return count("SELECT COUNT(*) FROM segment");
}

Test(log, undo_redo_segment_insert)
{
	mark("seg-0001", "1.1", 3, 10);
	char *json = row_json("segment", "seg-0001");
	undo_ok(3, "mark");
	cr_assert_eq(segments(), 0);
	redo_ok(3, "mark");
	char *back = row_json("segment", "seg-0001");
	cr_assert_str_eq(back, json);
	free(json);
	free(back);
}

Test(log, undo_redo_segment_update_and_delete)
{
	mark("seg-0001", "1.1", 3, 10);
	review_and_memo("seg-0001");
	char *orig = row_json("segment", "seg-0001");
	change("segment set", "segment", "seg-0001",
	       "UPDATE segment SET weight = 90, \"end\" = 12 WHERE guid = 'seg-0001'", false);
	char *updated = row_json("segment", "seg-0001");
	change("unmark", "segment", "seg-0001", "DELETE FROM segment WHERE guid = 'seg-0001'", true);
	cr_assert_eq(segments() + count("SELECT COUNT(*) FROM review"), 0);

	undo_ok(5, "unmark");
	char *back = row_json("segment", "seg-0001");
	cr_assert_str_eq(back, updated, "after undoing the delete:\n%s\nexpected:\n%s", back, updated);
	free(back);
	undo_ok(4, "segment set");
	back = row_json("segment", "seg-0001");
	cr_assert_str_eq(back, orig, "after undoing the update:\n%s\nexpected:\n%s", back, orig);
	free(back);

	redo_ok(4, "segment set");
	back = row_json("segment", "seg-0001");
	cr_assert_str_eq(back, updated);
	free(back);
	redo_ok(5, "unmark");
	cr_assert_eq(segments(), 0);
	free(orig);
	free(updated);
}

Test(log, undo_redo_code_insert_update_delete)
{
	char guid[37];
	code_guid("2", guid);
	char *orig = row_json("code", guid);
	change("codes rename", "code", guid, "UPDATE code SET name = 'Neu' WHERE number = '2'", false);
	change("codes delete", "code", guid, "DELETE FROM code WHERE number = '2'", true);
	cr_assert_eq(count("SELECT COUNT(*) FROM code_note"), 0);
	undo_ok(4, "codes delete");
	undo_ok(3, "codes rename");
	char *back = row_json("code", guid);
	cr_assert_str_eq(back, orig, "code after two undos:\n%s\nexpected:\n%s", back, orig);
	free(back);
	free(orig);

	/* The codebook import inserted three codes: undo deletes them
	 * (children first), redo brings them back with their GUIDs. */
	char child[37];
	code_guid("1.1", child);
	orig = row_json("code", child);
	undo_ok(2, "codebook import");
	cr_assert_eq(count("SELECT COUNT(*) FROM code"), 0);
	cr_assert_eq(count("SELECT COUNT(*) FROM anchor"), 0);
	redo_ok(2, "codebook import");
	cr_assert_eq(count("SELECT COUNT(*) FROM code"), 3);
	back = row_json("code", child);
	cr_assert_str_eq(back, orig);
	free(back);
	free(orig);
}

Test(log, undo_redo_document_import)
{
	char *orig = row_json("document", doc_guid);
	int64_t len_before = count("SELECT length(after) FROM log WHERE step = 1");
	undo_ok(2, "codebook import");
	undo_ok(1, "import");
	cr_assert_eq(count("SELECT COUNT(*) FROM document") + count("SELECT COUNT(*) FROM turn") +
	             count("SELECT COUNT(*) FROM doc_var"), 0);
	cr_assert_gt(count("SELECT length(after) FROM log WHERE step = 1"), len_before,
	             "the whole document is kept in the log once undone");
	redo_ok(1, "import");
	char *back = row_json("document", doc_guid);
	cr_assert_str_eq(back, orig, "document after redo:\n%s\nexpected:\n%s", back, orig);
	free(back);
	free(orig);
	struct store_step d;
	cr_assert_eq(store_undo(st, 0, &d, &err), ANKER_OK);
	cr_assert_eq(store_undo(st, 0, &d, &err), ANKER_NOTFOUND, "step 2 is undone already");
	cr_assert_str_eq(err.msg, "nothing to undo");
}

Test(log, undo_of_document_takes_its_segments)
{
	mark("seg-0001", "1", 0, 5);
	undo_ok(3, "mark");
	undo_ok(2, "codebook import");
	undo_ok(1, "import");
	redo_ok(1, "import");
	redo_ok(2, "codebook import");
	redo_ok(3, "mark");
	cr_assert_eq(segments(), 1);
}

Test(log, redo_is_linear_and_by_number_later)
{
	struct store_step d;
	cr_assert_eq(store_redo(st, 0, &d, &err), ANKER_NOTFOUND);
	cr_assert_str_eq(err.msg, "nothing to redo");
	mark("seg-0001", "1.1", 3, 10);                 /* step 3 */
	mark("seg-0002", "1.1", 4, 10);                 /* step 4 */
	undo_ok(4, "mark");
	undo_ok(3, "mark");
	mark("seg-0003", "2", 0, 5);                    /* step 5 */
	/* Plain redo is linear: after a new change there is nothing to
	 * redo, and the message says what can still be redone by number. */
	cr_assert_eq(store_redo(st, 0, &d, &err), ANKER_NOTFOUND, "redo after a new action");
	cr_assert(strstr(err.msg, "nothing to redo") && strstr(err.msg, "step 4 (mark by "),
	          "%s", err.msg);
	/* But nothing undone is lost: both come back by number. */
	cr_assert_eq(store_redo(st, 3, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(d.step, 3);
	cr_assert_eq(store_redo(st, 4, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(segments(), 3);
	cr_assert_eq(store_redo(st, 4, &d, &err), ANKER_INPUT, "redo of a step that is done");
	cr_assert(strstr(err.msg, "cannot redo step 4 (mark by ") && strstr(err.msg, "not undone"),
	          "%s", err.msg);
	cr_assert_eq(store_undo(st, 99, &d, &err), ANKER_NOTFOUND);
	cr_assert(strstr(err.msg, "there is no step 99"), "%s", err.msg);
}

Test(log, undo_and_redo_log_nothing)
{
	mark("seg-0001", "1.1", 3, 10);
	int64_t entries = count("SELECT COUNT(*) FROM log");
	undo_ok(3, "mark");
	undo_ok(2, "codebook import");
	redo_ok(2, "codebook import");
	redo_ok(3, "mark");
	cr_assert_eq(count("SELECT COUNT(*) FROM log"), entries, "undo/redo wrote log entries");
	cr_assert_eq(count("SELECT MAX(step) FROM log"), 3);
	struct store_step *v;
	size_t n;
	cr_assert_eq(store_steps(st, 2, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].step, 3);
	cr_assert_eq(v[1].step, 2);
	cr_assert_eq(v[1].changes, 3, "codebook import: %zu changes", v[1].changes);
	cr_assert_not(v[0].undone);
	free(v);
}

Test(log, conflicting_redo_changes_nothing)
{
	mark("seg-0001", "1.1", 3, 10);
	undo_ok(3, "mark");
	/* The identical coding appears again under another GUID (another
	 * process, a merge): redo must not create a duplicate. */
	mark("seg-0002", "1.1", 3, 10);
	exec("DELETE FROM log WHERE step = 4");
	struct store_step d;
	cr_assert_eq(store_redo(st, 0, &d, &err), ANKER_EXISTS, "status %d: %s", err.status, err.msg);
	cr_assert(strstr(err.msg, "cannot redo step 3 (mark by ") &&
	          strstr(err.msg, "identical coding exists already"), "%s", err.msg);
	cr_assert_eq(segments(), 1);
	cr_assert_eq(count("SELECT COUNT(*) FROM log WHERE step = 3 AND undone = 1"), 1,
	             "step 3 stays undone");
}

Test(log, conflicting_undo_changes_nothing)
{
	mark("seg-0001", "1.1", 3, 10);
	mark("seg-0002", "2", 3, 10);
	/* A change nobody logged: the code of step 4's segment has gone
	 * elsewhere, so undo of the import can't delete codes 1.1 … */
	undo_ok(4, "mark");
	undo_ok(3, "mark");
	exec("INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", created, modified) "
	     "SELECT 'seg-9999', d.id, c.id, 1, 0, 1, 'x', 'x' FROM document d, code c "
	     "WHERE c.number = '2'");
	int64_t codes = count("SELECT COUNT(*) FROM code");
	struct store_step d;
	cr_assert_neq(store_undo(st, 0, &d, &err), ANKER_OK);
	cr_assert(strstr(err.msg, "cannot undo step 2 (codebook import by ") &&
	          strstr(err.msg, "code 2 Schnittstellen would take 1 coding of other steps"),
	          "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM code"), codes, "codes deleted by a failed undo");
	cr_assert_eq(count("SELECT COUNT(*) FROM log WHERE step = 2 AND undone = 0"), 3);
}

Test(log, actor_names_the_coder)
{
	store_set_actor(st, "zoe");
	mark("seg-0001", "1.1", 3, 10);
	store_set_actor(st, NULL);
	struct store_step *v;
	size_t n;
	cr_assert_eq(store_steps(st, 0, &v, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(v[0].coder, "zoe");
	cr_assert_str_eq(v[0].action, "mark");
	cr_assert_str_eq(v[1].coder, store_default_coder());
	free(v);
}

/* ---------------------------------------------------------------------- */
/* Undo per coder, conflicts, and what a step did in words */

Test(log, undo_is_per_coder)
{
	store_set_actor(st, "anna");
	mark("seg-0001", "1.1", 3, 10);                 /* step 3, anna's */
	store_set_actor(st, "ben");
	mark("seg-0002", "2", 0, 5);                    /* step 4, ben's */
	store_set_actor(st, "anna");
	struct store_step d;
	cr_assert_eq(store_undo_next(st, false, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(d.step, 3, "anna's next undo is her step 3, not ben's 4");
	undo_ok(3, "mark");
	cr_assert_str_eq(d.coder, "anna");
	cr_assert_eq(count("SELECT COUNT(*) FROM segment WHERE guid = 'seg-0002'"), 1,
	             "ben's coding stays");
	/* anna has nothing left: the message names ben's step instead. */
	cr_assert_eq(store_undo(st, 0, &d, &err), ANKER_NOTFOUND);
	cr_assert(strstr(err.msg, "nothing to undo for anna") && strstr(err.msg, "step 4 (mark by "
	                                                                        "ben)"),
	          "%s", err.msg);
	/* By number anyone's step is undone, and says whose it was. */
	cr_assert_eq(store_undo(st, 4, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_str_eq(d.coder, "ben");
	redo_ok(3, "mark");
	store_set_actor(st, NULL);
}

Test(log, undo_refuses_what_another_changed_since)
{
	store_set_actor(st, "anna");
	mark("seg-0001", "1.1", 3, 10);                 /* step 3 */
	store_set_actor(st, "ben");
	change("review", "segment", "seg-0001",         /* step 4: ben's review, say */
	       "UPDATE segment SET weight = 50 WHERE guid = 'seg-0001'", false);
	store_set_actor(st, "anna");
	struct store_step d;
	cr_assert_eq(store_undo(st, 0, &d, &err), ANKER_CONFLICT, "%s", err.msg);
	cr_assert(strstr(err.msg, "cannot undo step 3 (mark by anna): step 4 (review by ben) "
	                          "changed the coding 3-10 by anna with 1.1 Viele Portale in "
	                          "'eins' since: undo that first"), "%s", err.msg);
	cr_assert_eq(segments(), 1);
	cr_assert_eq(store_undo(st, 4, &d, &err), ANKER_OK, "%s", err.msg);
	undo_ok(3, "mark");
	store_set_actor(st, NULL);
}

Test(log, undo_of_an_import_refuses_codings_of_others)
{
	store_set_actor(st, "ben");
	mark("seg-0001", "1.1", 3, 10);                 /* step 3: in anna's document */
	store_set_actor(st, NULL);
	struct store_step d;
	cr_assert_eq(store_undo(st, 1, &d, &err), ANKER_CONFLICT, "%s", err.msg);
	cr_assert(strstr(err.msg, "document 'eins' would take 1 coding of other steps with it"),
	          "%s", err.msg);
	cr_assert_eq(count("SELECT COUNT(*) FROM document"), 1);
}

Test(log, redo_refuses_a_coding_whose_code_is_gone)
{
	char guid[37];
	code_guid("2", guid);
	mark("seg-0001", "2", 3, 10);                   /* step 3 */
	undo_ok(3, "mark");
	change("codes delete", "code", guid, "DELETE FROM code WHERE number = '2'", true);
	struct store_step d;
	cr_assert_eq(store_redo(st, 3, &d, &err), ANKER_CONFLICT, "%s", err.msg);
	cr_assert(strstr(err.msg, "refers to code 2 Schnittstellen, which is gone"), "%s", err.msg);
	cr_assert_eq(segments(), 0);
	/* Once the code is back, the coding can be redone. */
	undo_ok(4, "codes delete");
	cr_assert_eq(store_redo(st, 3, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(segments(), 1);
}

Test(log, redo_refuses_a_row_changed_since)
{
	mark("seg-0001", "1.1", 3, 10);                 /* step 3 */
	change("segment set", "segment", "seg-0001",    /* step 4 */
	       "UPDATE segment SET weight = 90 WHERE guid = 'seg-0001'", false);
	undo_ok(4, "segment set");
	change("memo", "segment", "seg-0001",           /* step 5, on step 3's state */
	       "UPDATE segment SET memo = 'neu' WHERE guid = 'seg-0001'", false);
	struct store_step d;
	cr_assert_eq(store_redo(st, 4, &d, &err), ANKER_CONFLICT, "%s", err.msg);
	cr_assert(strstr(err.msg, "step 5 (memo by ") && strstr(err.msg, "since it was undone"),
	          "%s", err.msg);
	undo_ok(5, "memo");
	cr_assert_eq(store_redo(st, 4, &d, &err), ANKER_OK, "%s", err.msg);
	/* Step 5 was made without step 4's change: redoing it now would
	 * take that back. */
	cr_assert_eq(store_redo(st, 5, &d, &err), ANKER_CONFLICT, "%s", err.msg);
	cr_assert(strstr(err.msg, "has changed since it was undone (last by step 4 (segment set by "),
	          "%s", err.msg);
	cr_assert_eq(count("SELECT weight FROM segment"), 90);
}

Test(log, step_in_words)
{
	mark("seg-0001", "1.1", 3, 10);                 /* step 3 */
	struct store_step d;
	struct strbuf sb = {0};
	cr_assert_eq(store_step_get(st, 2, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(d.added[STORE_CODE], 3);
	store_step_rows(&d, &sb);
	cr_assert_str_eq(sb_str(&sb), "3 codes");
	sb_reset(&sb);
	store_step_effect(&d, false, &sb);
	cr_assert_str_eq(sb_str(&sb), "removed 3 codes");
	sb_reset(&sb);
	store_step_effect(&d, true, &sb);
	cr_assert_str_eq(sb_str(&sb), "added 3 codes");
	cr_assert(store_step_big(&d), "a codebook import asks before undo");
	cr_assert_eq(store_step_get(st, 3, &d, &err), ANKER_OK, "%s", err.msg);
	cr_assert_not(store_step_big(&d), "one coding is undone without a question");
	sb_reset(&sb);
	store_step_name(&d, &sb);
	cr_assert(strncmp(sb_str(&sb), "step 3 (mark by ", 16) == 0, "%s", sb_str(&sb));
	sb_free(&sb);
}

/* corpus_doc_delete: the document with its coding (reviews, memo) and a
 * memo on the document, one step; undo and redo give back the very rows. */
Test(log, undo_redo_document_delete_with_codings_and_memos)
{
	struct corpus_doc_edit ed;
	mark("seg-0001", "1.1", 3, 10);
	review_and_memo("seg-0001");
	exec("INSERT INTO memo(guid, type, target, doc_id, text, created, modified) SELECT "
	     "'memo-doc', 'method', 'document', id, 'Zum Dokument', '2026-03-02T00:00:00Z', "
	     "'2026-03-02T00:00:00Z' FROM document");
	char *doc = row_json("document", doc_guid), *seg = row_json("segment", "seg-0001");
	char *memo = row_json("memo", "memo-doc");
	cr_assert_eq(corpus_doc_delete(st, "eins", false, &ed, &err), ANKER_INPUT);
	cr_assert_str_eq(err.msg, "document 'eins' has 1 coding and 2 memos; --force deletes them "
	                 "with it");
	corpus_doc_edit_free(&ed);
	cr_assert_eq(corpus_doc_delete(st, "EINS", true, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(ed.deps.segments, 1);
	cr_assert_eq(ed.deps.reviews, 2);
	cr_assert_eq(ed.deps.memos, 2);
	corpus_doc_edit_free(&ed);
	cr_assert_eq(count("SELECT (SELECT COUNT(*) FROM document) + (SELECT COUNT(*) FROM memo) + "
	                   "(SELECT COUNT(*) FROM review) + (SELECT COUNT(*) FROM turn)"), 0);
	undo_ok(4, "docs delete");
	for (int round = 0; round < 2; round++) {
		char *d = row_json("document", doc_guid), *s = row_json("segment", "seg-0001");
		char *m = row_json("memo", "memo-doc");
		cr_assert_str_eq(d, doc);
		cr_assert_str_eq(s, seg);
		cr_assert_str_eq(m, memo);
		free(d);
		free(s);
		free(m);
		if (round == 0) {
			redo_ok(4, "docs delete");
			cr_assert_eq(count("SELECT COUNT(*) FROM document"), 0);
			undo_ok(4, "docs delete");
		}
	}
	free(doc);
	free(seg);
	free(memo);
}
