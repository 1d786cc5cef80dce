/* Unit tests for REFI-QDA: a Code's Description sections, and a qdpx
 * export read back into an empty project. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "../../refi/refi.h"
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

Test(refi_qdpx, export_import_keeps_a_segment)
{
	struct store *a = unit_project_create("a.anker"), *b;
	struct anker_err err;
	char px[128];
	snprintf(px, sizeof px, "%s/x.qdpx", unit_dir);
	const char text[] = "Übermäßig viel Papier.\nZweite Zeile.";
	unit_import_doc(a, "d", text, sizeof text - 1, NULL, NULL, NULL);
	cr_assert_eq(store_exec(a, "INSERT INTO code(guid, name, created, modified) VALUES "
	                           "('0000aaaa-0000-0000-0000-00000000000c', 'K', 'x', 'x')", &err),
	             ANKER_OK, "%s", err.msg);
	struct coding_mark m = { .doc = "d", .code = "K", .start = 10, .end = 21, .coder = "ann" };
	char guid[37];
	cr_assert_eq(coding_mark(a, &m, guid, &err), ANKER_OK, "%s", err.msg);
	struct refi_qdpx_report rep;
	cr_assert_eq(refi_qdpx_export(a, px, &rep, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(rep.selections, 1);
	refi_qdpx_report_free(&rep);
	store_close(a);

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
