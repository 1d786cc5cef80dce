/* Unit tests for REFI-QDA: a Code's Description sections, and a qdpx
 * export read back into an empty project and into the one it came from. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "../../refi/refi.h"
#include "../../refi/refi_int.h"
#include "unit_fixture.h"

Test(refi_desc, foreign_description_is_the_definition)
{
	struct refi_desc d;
	refi_desc_parse("Some text\n== not a header at the start", &d);
	cr_assert_null(d.number, "expected no number, got %s", d.number);
	cr_assert_eq(d.position, -1);
	cr_assert_str_eq(d.definition, "Some text\n== not a header at the start");
	cr_assert_str_eq(d.anchors, "[]");
	cr_assert_str_eq(d.notes, "[]");
	refi_desc_free(&d);
}

Test(refi_desc, sections_read_back)
{
	struct refi_desc d;
	refi_desc_parse("== Number: 2.9.1 ==\n== Position: 3 ==\n== Definition ==\nline 1\n"
	                       "\nline 3\n== Anchor example | Doc, Pos. 4 | - ==\n„quote“\n"
	                       "== Anchor example |  | 0000aaaa-0000-0000-0000-000000000001 ==\n"
	                       "two\n== Note: Kritik ==\nzu eng\n== Definition ==\n", &d);
	cr_assert_str_eq(d.number, "2.9.1");
	cr_assert_eq(d.position, 3);
	/* the last Definition section wins, and it is empty */
	cr_assert_str_eq(d.definition, "", "expected an empty definition, got '%s'", d.definition);
	cr_assert_str_eq(d.anchors,
	                 "[{\"position\": 1, \"text\": \"„quote“\", \"citation\": \"Doc, Pos. 4\", "
	                 "\"segment_guid\": null}, {\"position\": 2, \"text\": \"two\", "
	                 "\"citation\": \"\", \"segment_guid\": "
	                 "\"0000aaaa-0000-0000-0000-000000000001\"}]", "got %s", d.anchors);
	cr_assert_str_eq(d.notes, "[{\"position\": 1, \"label\": \"Kritik\", \"text\": \"zu eng\"}]",
	                 "got %s", d.notes);
	refi_desc_free(&d);
}

Test(refi_desc, multiline_definition)
{
	struct refi_desc d;
	refi_desc_parse("== Position: 0 ==\n== Definition ==\na\n\nb\n", &d);
	cr_assert_str_eq(d.definition, "a\n\nb", "got '%s'", d.definition);
	refi_desc_free(&d);
}

TestSuite(refi_qdpx, .init = unit_dir_make, .fini = unit_dir_remove);

/* Project a.anker with document "d" (text) and one segment [start,end)
 * of code K by ann, its GUID in guid, exported to px (unit_dir/x.qdpx). */
static struct store *exported_segment(const char *text, size_t start, size_t end, char px[128],
                                      char guid[37])
{
	struct store *a = unit_project_create("a.anker");
	struct anker_err err;
	snprintf(px, 128, "%s/x.qdpx", unit_dir);
	unit_import_doc(a, "d", text, strlen(text), NULL, NULL, NULL);
	cr_assert_eq(store_exec(a, "INSERT INTO code(guid, name, created, modified) VALUES "
	                           "('0000aaaa-0000-0000-0000-00000000000c', 'K', 'x', 'x')", &err),
	             ANKER_OK, "%s", err.msg);
	struct coding_mark m = { .doc = "d", .code = "K", .start = start, .end = end, .coder = "ann" };
	cr_assert_eq(coding_mark(a, &m, guid, &err), ANKER_OK, "%s", err.msg);
	struct refi_qdpx_report rep;
	cr_assert_eq(refi_qdpx_export(a, px, &rep, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(rep.selections, 1);
	refi_qdpx_report_free(&rep);
	return a;
}

Test(refi_qdpx, export_import_keeps_a_segment)
{
	struct store *b;
	struct anker_err err;
	struct refi_qdpx_report rep;
	char px[128], guid[37];
	store_close(exported_segment("Übermäßig viel Papier.\nZweite Zeile.", 10, 21, px, guid));

	b = unit_project_create("b.anker");
	cr_assert_eq(refi_qdpx_import(b, px, NULL, &rep, &err), ANKER_OK, "%s", err.msg);
	refi_qdpx_report_free(&rep);
	struct coding_segment s;
	cr_assert_eq(coding_segment_find(b, guid, &s, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(s.start, 10, "expected start 10, got %zu", s.start);
	cr_assert_eq(s.end, 21, "expected end 21, got %zu", s.end);
	cr_assert_str_eq(s.coder, "ann");
	coding_segment_free(&s);
	store_close(b);
}

/* An older export does not revert later work: the import is refused,
 * naming the segment and what differs, and changes nothing; with replace
 * the file's row wins. */
Test(refi_qdpx, reimport_refuses_to_overwrite_unless_replace)
{
	struct anker_err err;
	struct refi_qdpx_report rep;
	char px[128], guid[37];
	struct store *a = exported_segment("Erste Zeile.\nZweite Zeile.", 0, 5, px, guid);
	struct coding_segment_change c = { .set_weight = true, .weight = 70 };
	cr_assert_eq(coding_segment_set(a, guid, &c, &err), ANKER_OK, "%s", err.msg);
	int64_t log_before, log_after, weight;
	cr_assert_eq(store_query_int(a, "SELECT COUNT(*) FROM log", &log_before, &err), ANKER_OK);
	cr_assert_eq(refi_qdpx_import(a, px, NULL, &rep, &err), ANKER_INPUT);
	refi_qdpx_report_free(&rep);
	char want[160];
	snprintf(want, sizeof want, "segment %s in 'd' [0,5): weight", guid);
	cr_expect(strstr(err.msg, "importing would overwrite 1 row") && strstr(err.msg, want) &&
	          strstr(err.msg, "--replace"), "got: %s", err.msg);
	cr_assert_eq(store_query_int(a, "SELECT COUNT(*) FROM log", &log_after, &err), ANKER_OK);
	cr_expect_eq(log_after, log_before, "the refused import logged %lld entries",
	             (long long)(log_after - log_before));
	cr_assert_eq(store_query_int(a, "SELECT weight FROM segment", &weight, &err), ANKER_OK);
	cr_expect_eq(weight, 70);
	struct refi_qdpx_opts replace = { .replace = true };
	cr_assert_eq(refi_qdpx_import(a, px, &replace, &rep, &err), ANKER_OK, "%s", err.msg);
	refi_qdpx_report_free(&rep);
	cr_assert_eq(store_query_int(a, "SELECT weight FROM segment", &weight, &err), ANKER_OK);
	cr_expect_eq(weight, 0, "expected the file's weight 0 with replace, got %lld",
	             (long long)weight);
	store_close(a);
}

/* The GUID table of an import (refi/guids.c, private to refi/): filled
 * to three quarters before it doubles, every GUID found with its value,
 * one never added not; and a GUID packed in 16 bytes reads back the same. */
Test(refi_guids, full_table_finds_every_guid)
{
	struct refi_guids t = {0};
	char g[37];
	for (long i = 0; i < 100000; i++) {
		char key[24];
		snprintf(key, sizeof key, "%ld", i);
		refi_guid_derive(g, "ns", "note", key);
		cr_assert(refi_guids_add(&t, g, i, NULL), "GUID %ld added twice", i);
	}
	for (long i = 0; i < 100000; i += 7) {
		char key[24];
		snprintf(key, sizeof key, "%ld", i);
		refi_guid_derive(g, "ns", "note", key);
		cr_assert_eq(refi_guids_get(&t, g), i);
		uint64_t packed[2];
		char back[37];
		refi_guid_pack(g, packed);
		refi_guid_unpack(packed, back);
		cr_assert_str_eq(back, g);
	}
	long old = -1;
	refi_guid_derive(g, "ns", "note", "5");
	cr_assert_not(refi_guids_add(&t, g, 9, &old));
	cr_assert_eq(old, 5);
	refi_guid_derive(g, "ns", "note", "never");
	cr_assert_eq(refi_guids_get(&t, g), -1);
	cr_assert_leq(4 * t.n, 3 * t.cap, "%zu GUIDs in %zu slots", t.n, t.cap);
	refi_guids_free(&t);
}
