/* Unit tests for the REFI-QDA codebook: the Description format written and
 * read back, and a .qdc exported and imported into an empty project. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../codebook/codebook.h"
#include "../../refi/refi.h"
#include "unit_fixture.h"

Test(qdc_desc, written_fields_read_back)
{
	struct strbuf sb = {0};
	struct refi_desc d;
	refi_desc_head(&sb, "2.9", 4, "line 1\n\nline 2");
	refi_desc_anchor(&sb, "„quote“", "Interview 01, Pos. 3", NULL);
	refi_desc_note(&sb, "Kritik", "a note");
	refi_desc_parse(sb_str(&sb), &d);
	cr_assert_str_eq(d.number, "2.9", "expected number 2.9, got %s", d.number);
	cr_assert_eq(d.position, 4, "expected position 4, got %ld", d.position);
	cr_assert_str_eq(d.definition, "line 1\n\nline 2", "definition: got '%s'", d.definition);
	cr_assert(strstr(d.anchors, "\"citation\": \"Interview 01, Pos. 3\""), "anchors: %s", d.anchors);
	cr_assert(strstr(d.anchors, "\"segment_guid\": null"), "anchors: %s", d.anchors);
	cr_assert(strstr(d.notes, "\"label\": \"Kritik\""), "notes: %s", d.notes);
	refi_desc_free(&d);
	sb_free(&sb);
}

Test(qdc_desc, unnumbered_code_has_no_number)
{
	struct strbuf sb = {0};
	struct refi_desc d;
	refi_desc_head(&sb, "", 0, "");
	refi_desc_parse(sb_str(&sb), &d);
	cr_assert_null(d.number, "expected no number, got %s", d.number);
	cr_assert_eq(d.position, 0, "expected position 0, got %ld", d.position);
	refi_desc_free(&d);
	sb_free(&sb);
}

TestSuite(qdc_file, .init = unit_dir_make, .fini = unit_dir_remove);

Test(qdc_file, export_import_keeps_codes)
{
	struct store *a = unit_project_create("a.anker"), *b;
	struct anker_err err;
	char pq[128];
	snprintf(pq, sizeof pq, "%s/x.qdc", unit_dir);
	cr_assert_eq(store_exec(a, "INSERT INTO code(guid, number, name, color, definition, created, "
	                           "modified) VALUES ('0000aaaa-0000-0000-0000-00000000000c', '1', "
	                           "'K <&>', '#00ff00', 'def', 'x', 'x');"
	                           "INSERT INTO code(guid, number, name, parent_id, codable, created, "
	                           "modified) VALUES ('0000aaaa-0000-0000-0000-00000000000d', '1.1', "
	                           "'Sub', 1, 0, 'x', 'x');"
	                           "INSERT INTO anchor(code_id, position, text) VALUES (1, 1, 'ex');",
	                        &err), ANKER_OK, "%s", err.msg);
	struct strbuf out = {0};
	cr_assert_eq(refi_qdc_export(a, &out, NULL, &err), ANKER_OK, "%s", err.msg);
	store_close(a);
	cr_assert_eq(anker_write_file(pq, sb_str(&out), out.len, &err), ANKER_OK, "%s", err.msg);
	sb_free(&out);

	b = unit_project_create("b.anker");
	struct codebook_import_report rep;
	cr_assert_eq(refi_qdc_import(b, pq, &rep, NULL, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(rep.added, 2, "expected 2 added, got %zu", rep.added);
	struct codebook cb;
	cr_assert_eq(codebook_load(b, 0, &cb, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(cb.ncodes, 2, "expected 2 codes, got %zu", cb.ncodes);
	cr_assert_str_eq(cb.codes[0].name, "K <&>");
	cr_assert_str_eq(cb.codes[0].color, "#00ff00");
	cr_assert_eq(cb.codes[0].nanchors, 1, "expected 1 anchor, got %zu", cb.codes[0].nanchors);
	cr_assert_str_eq(cb.codes[1].number, "1.1");
	cr_assert_eq(cb.codes[1].parent, 0, "expected Sub under K, got parent %d", cb.codes[1].parent);
	codebook_free(&cb);
	cr_assert_eq(refi_qdc_import(b, pq, &rep, NULL, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(rep.unchanged, 2, "re-import: expected 2 unchanged, got %zu", rep.unchanged);
	store_close(b);
}

Test(qdc, xml_text_replaces_what_xml_cannot_carry)
{
	char *copy;
	size_t n = 0;
	const char *plain = "Tab\tLF\nCR\r ü \xC2\x9B \x7F";   /* all allowed in XML 1.0 */
	cr_assert_eq(refi_xml_text(plain, &copy, &n), plain);
	cr_assert_null(copy);
	cr_assert_eq(n, 0);
	const char *out = refi_xml_text("a\x1b[31m\x01z", &copy, &n);
	cr_assert_str_eq(out, "a\xEF\xBF\xBD[31m\xEF\xBF\xBDz");
	cr_assert_eq(out, copy);
	cr_assert_eq(n, 2);
	free(copy);
}
