/* Unit tests for editing the code system (codebook/edit.c): add, rename,
 * renumber, move, merge, delete, color, and the coded examples of the
 * Markdown appendix.  Each test gets a fresh project with a small
 * codebook and one document; segments are inserted with SQL. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../codebook/codebook.h"
#include "../../coding/coding.h"
#include "../../corpus/corpus.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;
static struct codebook_edit ed;
static int64_t doc1, doc2;

static const char codebook_txt[] =
	"Test\n\nCodesystem\n\n1 Alpha\n1.1 Eins\n1.2 Zwei\n1.2.1 Tief\n2 Beta\n2.1 Eins\n"
	"2.13 Dreizehn\n\n"
	"1 Alpha\n\nCodedefinition: Alles zu Alpha\n\nAnkerbeispiel: „Anker A“\n\n"
	"1.1 Alpha >> Eins\n\nCodedefinition: Eins unter Alpha\n\n"
	"Ankerbeispiele: „Gemeinsam“\n\n„Nur eins“\n\nKritik: zu breit\n\n"
	"1.2 Alpha >> Zwei\n\nCodedefinition: Zwei unter Alpha\n\n"
	"Ankerbeispiel: „Gemeinsam“\n\n"
	"1.2.1 Alpha >> Zwei >> Tief\n\nCodedefinition: t\n\n"
	"2 Beta\n\nCodedefinition: b\n\n2.1 Beta >> Eins\n\nCodedefinition: e\n\n"
	"2.13 Beta >> Dreizehn\n\nCodedefinition: d\n";

/* Paragraphs: 1 "Erste Zeile", 2 "Zweite Zeile mit Umlaut ä", 3 "", 4 "Vierte". */
static const char doc_text[] = "Erste Zeile\nZweite Zeile mit Umlaut ä\n\nVierte";

static int64_t import_doc(const char *name)
{
	struct store_stmt *s;
	unit_import_doc(st, name, doc_text, sizeof doc_text - 1, NULL, NULL, NULL);
	cr_assert_eq(store_prepare(st, "SELECT id FROM document WHERE name = :n", &s, &err), 0);
	store_bind_text(s, ":n", name, &err);
	cr_assert_eq(store_step(s, &err), 1);
	int64_t id = store_col_int(s, 0);
	store_done(s);
	return id;
}

static void setup(void)
{
	struct codebook_import_report rep;
	st = unit_project_open();
	unit_import_codebook(st, codebook_txt, sizeof codebook_txt - 1, &rep);
	cr_assert_eq(rep.added, 7, "codes imported: %zu", rep.added);
	doc1 = import_doc("Interview 2");
	doc2 = import_doc("Interview 10");
	memset(&ed, 0, sizeof ed);
}

static void teardown(void)
{
	codebook_edit_free(&ed);
	unit_project_close(st);
}

TestSuite(codes_edit, .init = setup, .fini = teardown);

/* ---------------------------------------------------------------------- */
/* Helpers */

static int64_t q_int(const char *sql)
{
	return unit_query_int(st, sql);
}

/* One text value of sql with :v bound to v ("" when no row); owned. */
static char *q_text(const char *sql, const char *v)
{
	struct store_stmt *s;
	cr_assert_eq(store_prepare(st, sql, &s, &err), ANKER_OK, "%s", err.msg);
	if (v)
		cr_assert_eq(store_bind_text(s, ":v", v, &err), ANKER_OK, "%s", err.msg);
	int rc = store_step(s, &err);
	cr_assert_geq(rc, 0, "%s", err.msg);
	char *out = xstrdup(rc ? store_col_text(s, 0) : "");
	store_done(s);
	return out;
}

static void expect_text(const char *sql, const char *v, const char *want)
{
	char *got = q_text(sql, v);
	cr_expect_str_eq(got, want, "%s [%s]: expected '%s', got '%s'", sql, v ? v : "", want, got);
	free(got);
}

#define PARENT_OF "SELECT COALESCE(p.number, '(top)') FROM code c LEFT JOIN code p " \
	"ON p.id = c.parent_id WHERE c.number = :v"
#define NAME_OF "SELECT name FROM code WHERE number = :v"

/* A segment of the code numbered number; returns its GUID (static). */
static const char *seg(int64_t doc, const char *number, const char *coder, int start, int end,
                       int weight)
{
	static char guid[8][37];
	static int next;
	char *g = guid[next++ % 8];
	int64_t coder_id;
	struct store_stmt *s;
	store_guid(g);
	cr_assert_eq(store_coder_id(st, coder, &coder_id, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_prepare(st, "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, "
	                               "\"end\", weight, created, modified) VALUES (:g, :d, (SELECT "
	                               "id FROM code WHERE number = :n), :c, :s, :e, :w, 'x', 'x')",
	                           &s, &err), ANKER_OK, "%s", err.msg);
	store_bind_text(s, ":g", g, &err);
	store_bind_int(s, ":d", doc, &err);
	store_bind_text(s, ":n", number, &err);
	store_bind_int(s, ":c", coder_id, &err);
	store_bind_int(s, ":s", start, &err);
	store_bind_int(s, ":e", end, &err);
	store_bind_int(s, ":w", weight, &err);
	cr_assert_eq(store_step(s, &err), 0, "insert segment: %s", err.msg);
	store_done(s);
	return g;
}

/* The codes (with parents, anchors, notes) and segments, by GUID: what a
 * refused edit must leave alone and an undo must bring back.  with_log
 * adds the number of log entries. */
static char *state_of(bool with_log)
{
	return q_text("SELECT COALESCE((SELECT group_concat(x, '|') FROM (SELECT c.guid || "
	              "c.number || c.name || COALESCE(p.guid, '') || c.color || c.position || "
	              "c.definition AS x FROM code c LEFT JOIN code p ON p.id = c.parent_id "
	              "ORDER BY c.guid)), '') || '#' || COALESCE((SELECT group_concat(y, '|') FROM "
	              "(SELECT s.guid || c.guid || s.start || s.\"end\" || s.weight AS y FROM "
	              "segment s JOIN code c ON c.id = s.code_id ORDER BY s.guid)), '') || '#' || "
	              "COALESCE((SELECT group_concat(z, '|') FROM (SELECT c.guid || a.position || "
	              "a.text AS z FROM anchor a JOIN code c ON c.id = a.code_id ORDER BY c.guid, "
	              "a.position)), '') || '#' || COALESCE((SELECT group_concat(z, '|') FROM "
	              "(SELECT c.guid || n.position || n.label || n.text AS z FROM code_note n "
	              "JOIN code c ON c.id = n.code_id ORDER BY c.guid, n.position)), '') || '#' || "
	              "CASE WHEN :v = '1' THEN (SELECT COUNT(*) FROM log) ELSE '' END",
	              with_log ? "1" : "0");
}

static char *state(void)
{
	return state_of(true);
}

/* Expect the edit rc to have failed with status want and msg in the
 * message, and the project to be as it was (before). */
static void expect_refused(int rc, enum anker_status want, const char *msg, char *before)
{
	cr_expect_eq(rc, (int)want, "expected status %s, got %s (%s)", anker_status_name(want),
	             anker_status_name(rc), err.msg);
	cr_expect(strstr(err.msg, msg), "expected the message to contain '%s', got '%s'", msg,
	          err.msg);
	char *after = state();
	cr_expect_str_eq(after, before, "project changed by a refused edit:\n%s\n%s", before, after);
	free(after);
	free(before);
	codebook_edit_free(&ed);
}

/* ---------------------------------------------------------------------- */
/* Add */

Test(codes_edit, add_next_free_number_and_parent_shade)
{
	struct codebook_add a = { .name = "Beta >> Neu", .definition = "Neu hier" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.number, "2.14", "after 2.13 comes 2.14, got %s", ed.number);
	cr_expect_eq(strlen(ed.guid), 36);
	expect_text(PARENT_OF, "2.14", "2");
	expect_text("SELECT definition FROM code WHERE number = :v", "2.14", "Neu hier");
	/* A shade of its parent's, apart from its 13 siblings. */
	expect_text("SELECT c.color = p.color FROM code c JOIN code p ON p.id = c.parent_id "
	            "WHERE c.number = :v", "2.14", "0");
	expect_text("SELECT COUNT(*) FROM code WHERE parent_id = (SELECT parent_id FROM code "
	            "WHERE number = :v) AND color = (SELECT color FROM code WHERE number = '2.14')",
	            "2.14", "1");
	/* Logged as an insert: no before, the row after. */
	expect_text("SELECT (before IS NULL) || action || entity FROM log WHERE guid = :v", ed.guid,
	            "1codes addcode");
	char *after = q_text("SELECT after FROM log WHERE guid = :v", ed.guid);
	cr_expect(strstr(after, "\"Neu\""), "after JSON lacks the name: %s", after);
	free(after);
}

Test(codes_edit, add_top_level_path_by_number_and_unnumbered)
{
	struct codebook_add a = { .name = "Gamma" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.number, "3");
	expect_text(PARENT_OF, "3", "(top)");
	char *c = q_text("SELECT color FROM code WHERE number = '3'", NULL);
	cr_expect(codebook_color_valid(c), "palette color expected, got '%s'", c);
	free(c);
	codebook_edit_free(&ed);
	/* A parent given by number; a path with a deeper parent. */
	a = (struct codebook_add){ .name = "1.2 >> Unter Zwei", .color = "#ABCDEF" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.number, "1.2.2");
	expect_text("SELECT color FROM code WHERE number = :v", "1.2.2", "#abcdef");
	codebook_edit_free(&ed);
	/* --number "": unnumbered; a child of it stays unnumbered. */
	a = (struct codebook_add){ .name = "Ohne Nummer", .number = "" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.number, "");
	codebook_edit_free(&ed);
	a = (struct codebook_add){ .name = "Ohne Nummer >> Kind" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.number, "", "child of an unnumbered code got '%s'", ed.number);
	codebook_edit_free(&ed);
	/* Under an unnumbered parent any free number will do. */
	a = (struct codebook_add){ .name = "Ohne Nummer >> Kind zwei", .number = "7.7" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	expect_text("SELECT p.name FROM code c JOIN code p ON p.id = c.parent_id WHERE c.number = :v",
	            "7.7", "Ohne Nummer");
}

Test(codes_edit, add_refusals)
{
	struct codebook_add a = { .name = "X", .number = "1" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_EXISTS, "in use by 1 Alpha",
	               state());
	a = (struct codebook_add){ .name = "Alpha >> X", .number = "2.5" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT,
	               "does not fit under 1 Alpha (expected 1.N)", state());
	a = (struct codebook_add){ .name = "X", .number = "4.1" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT, "does not fit the top level",
	               state());
	a = (struct codebook_add){ .name = "X", .number = "04" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT, "is not a code number",
	               state());
	a = (struct codebook_add){ .name = "Fehlt >> X" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_NOTFOUND, "no code 'Fehlt'",
	               state());
	a = (struct codebook_add){ .name = "Eins >> X" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT, "ambiguous", state());
	a = (struct codebook_add){ .name = "Alpha >> Eins" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_EXISTS,
	               "has a code named 'Eins' already", state());
	a = (struct codebook_add){ .name = "Alpha >>   " };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT, "may not be empty",
	               state());
	a = (struct codebook_add){ .name = "Zwei\nZeilen" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT, "one line", state());
	a = (struct codebook_add){ .name = "C1 \xc2\x9b Name" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT,
	               "without control characters (U+009B at byte 3)", state());
	a = (struct codebook_add){ .name = "Neu", .definition = "kaputt \xff" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT,
	               "definition: byte offset 7: invalid UTF-8", state());
	a = (struct codebook_add){ .name = "Farbe", .color = "red" };
	expect_refused(codebook_code_add(st, &a, &ed, &err), ANKER_INPUT, "expected #RRGGBB",
	               state());
}

/* ---------------------------------------------------------------------- */
/* Rename, color */

Test(codes_edit, rename_logged_and_refusals)
{
	cr_assert_eq(codebook_code_rename(st, "1.2", "  Zwo ", &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.old_name, "Zwei");
	cr_expect_str_eq(ed.name, "Zwo");
	cr_expect_eq(ed.codes, 1);
	expect_text(NAME_OF, "1.2", "Zwo");
	char *log = q_text("SELECT action || ':' || instr(before, '\"Zwei\"') || ':' || "
	                   "instr(after, '\"Zwo\"') FROM log ORDER BY id DESC LIMIT 1", NULL);
	cr_expect(strncmp(log, "codes rename:", 13) == 0 && !strstr(log, ":0"),
	          "expected a rename entry with both names, got %s", log);
	free(log);
	codebook_edit_free(&ed);
	/* The same name again: nothing to do, nothing logged. */
	int64_t n = q_int("SELECT COUNT(*) FROM log");
	cr_assert_eq(codebook_code_rename(st, "Alpha >> Zwo", "Zwo", &ed, &err), ANKER_OK);
	cr_expect_eq(ed.codes, 0);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log"), n, "a no-op rename was logged");
	codebook_edit_free(&ed);
	expect_refused(codebook_code_rename(st, "1.2", "Eins", &ed, &err), ANKER_EXISTS,
	               "1 Alpha has a code named 'Eins' already (1.1 Eins)", state());
	expect_refused(codebook_code_rename(st, "1.2", "A >> B", &ed, &err), ANKER_INPUT, "'>>'",
	               state());
	expect_refused(codebook_code_rename(st, "9", "X", &ed, &err), ANKER_NOTFOUND, "no code '9'",
	               state());
	/* A name used under another parent is fine. */
	cr_expect_eq(codebook_code_rename(st, "2.13", "Zwo", &ed, &err), ANKER_OK, "%s", err.msg);
}

Test(codes_edit, color)
{
	cr_assert_eq(codebook_code_color(st, "2.1", "#A0B1C2", &ed, &err), ANKER_OK, "%s", err.msg);
	expect_text("SELECT color FROM code WHERE number = :v", "2.1", "#a0b1c2");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log WHERE action = 'codes color'"), 1);
	codebook_edit_free(&ed);
	expect_refused(codebook_code_color(st, "2.1", "#12345", &ed, &err), ANKER_INPUT,
	               "expected #RRGGBB", state());
	expect_refused(codebook_code_color(st, "2.1", "#12345g", &ed, &err), ANKER_INPUT,
	               "expected #RRGGBB", state());
	expect_refused(codebook_code_color(st, "2.1", "123456", &ed, &err), ANKER_INPUT,
	               "expected #RRGGBB", state());
}

/* ---------------------------------------------------------------------- */
/* Renumber, move */

Test(codes_edit, renumber_subtree)
{
	cr_assert_eq(codebook_code_renumber(st, "1.2", "1.15", &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(ed.codes, 2, "renumbered %zu codes, expected 1.2 and 1.2.1", ed.codes);
	cr_expect_str_eq(ed.old_number, "1.2");
	cr_expect_str_eq(ed.number, "1.15");
	expect_text(NAME_OF, "1.15", "Zwei");
	expect_text(NAME_OF, "1.15.1", "Tief");
	expect_text(PARENT_OF, "1.15.1", "1.15");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM code WHERE number LIKE '1.2%'"), 0);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log WHERE action = 'codes renumber'"), 2);
	cr_expect_eq(q_int("SELECT COUNT(DISTINCT step) FROM log WHERE action = 'codes renumber'"), 1,
	             "one renumber must be one step");
	/* Natural order: 1.15 after 1.1 and before 2. */
	struct codebook cb;
	cr_assert_eq(codebook_load(st, 0, &cb, &err), ANKER_OK);
	cr_expect_str_eq(cb.codes[2].number, "1.15");
	cr_expect_str_eq(cb.codes[3].number, "1.15.1");
	codebook_free(&cb);
}

Test(codes_edit, renumber_refusals)
{
	expect_refused(codebook_code_renumber(st, "1.2", "1.1", &ed, &err), ANKER_EXISTS,
	               "number 1.1 is in use by 1.1 Eins", state());
	expect_refused(codebook_code_renumber(st, "1.2", "2.3", &ed, &err), ANKER_INPUT,
	               "does not fit under 1 Alpha", state());
	expect_refused(codebook_code_renumber(st, "1.2", "1.2.3", &ed, &err), ANKER_INPUT,
	               "does not fit", state());
	expect_refused(codebook_code_renumber(st, "1.2", "1.x", &ed, &err), ANKER_INPUT,
	               "not a code number", state());
	expect_refused(codebook_code_renumber(st, "1.2", "", &ed, &err), ANKER_INPUT,
	               "not a code number", state());
	/* 1 → 2 would collide on the top level. */
	expect_refused(codebook_code_renumber(st, "1", "2", &ed, &err), ANKER_EXISTS,
	               "in use by 2 Beta", state());
	/* A subtree number taken: 2 → 3 is free, but a code 3.1 outside it
	 * would clash with 2.1 → 3.1. */
	struct codebook_add a = { .name = "Drei", .number = "" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK);
	codebook_edit_free(&ed);
	a = (struct codebook_add){ .name = "Drei >> Fremd", .number = "3.1" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK, "%s", err.msg);
	codebook_edit_free(&ed);
	expect_refused(codebook_code_renumber(st, "2", "3", &ed, &err), ANKER_EXISTS,
	               "number 3.1 is in use by 3.1 Fremd (needed for 2.1 Eins)", state());
}

Test(codes_edit, move_renumbers_to_fit)
{
	cr_assert_eq(codebook_code_move(st, "1.2", "Beta", NULL, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_str_eq(ed.number, "2.14");
	cr_expect_eq(ed.codes, 2);
	expect_text(PARENT_OF, "2.14", "2");
	expect_text(NAME_OF, "2.14.1", "Tief");
	codebook_edit_free(&ed);
	cr_assert_eq(codebook_code_move(st, "2.14.1", NULL, NULL, &ed, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_str_eq(ed.number, "3", "to the top level: next free top number");
	expect_text(PARENT_OF, "3", "(top)");
	codebook_edit_free(&ed);
	cr_assert_eq(codebook_code_move(st, "3", "1", "1.9", &ed, &err), ANKER_OK, "%s", err.msg);
	expect_text(NAME_OF, "1.9", "Tief");
	codebook_edit_free(&ed);
	/* Under its own parent without a number: nothing to do. */
	int64_t n = q_int("SELECT COUNT(*) FROM log");
	cr_assert_eq(codebook_code_move(st, "1.9", "1", NULL, &ed, &err), ANKER_OK);
	cr_expect_eq(ed.codes, 0);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log"), n);
}

Test(codes_edit, move_under_unnumbered_keeps_numbers)
{
	struct codebook_add a = { .name = "Sammlung", .number = "" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK);
	codebook_edit_free(&ed);
	cr_assert_eq(codebook_code_move(st, "1.2", "Sammlung", NULL, &ed, &err), ANKER_OK, "%s",
	             err.msg);
	cr_expect_str_eq(ed.number, "1.2");
	expect_text("SELECT p.name FROM code c JOIN code p ON p.id = c.parent_id WHERE c.number = :v",
	            "1.2", "Sammlung");
	expect_text(PARENT_OF, "1.2.1", "1.2");
	codebook_edit_free(&ed);
	/* And an unnumbered code moved to a numbered parent gets a number,
	 * its unnumbered child too. */
	a = (struct codebook_add){ .name = "Sammlung >> Kind" };
	cr_assert_eq(codebook_code_add(st, &a, &ed, &err), ANKER_OK);
	codebook_edit_free(&ed);
	cr_assert_eq(codebook_code_move(st, "Sammlung", "2", NULL, &ed, &err), ANKER_OK, "%s",
	             err.msg);
	/* Subcodes keep their last part (1.2 → 2.14.2); the unnumbered one
	 * gets the next free. */
	cr_expect_str_eq(ed.number, "2.14");
	expect_text(NAME_OF, "2.14.2", "Zwei");
	expect_text(NAME_OF, "2.14.2.1", "Tief");
	expect_text(NAME_OF, "2.14.3", "Kind");
}

Test(codes_edit, move_refusals)
{
	expect_refused(codebook_code_move(st, "1", "1", NULL, &ed, &err), ANKER_INPUT,
	               "cannot move 1 Alpha under itself", state());
	expect_refused(codebook_code_move(st, "1", "1.2.1", NULL, &ed, &err), ANKER_INPUT,
	               "cannot move 1 Alpha under its own subcode 1.2.1 Tief", state());
	expect_refused(codebook_code_move(st, "2.1", "1", NULL, &ed, &err), ANKER_EXISTS,
	               "has a code named 'Eins' already", state());
	expect_refused(codebook_code_move(st, "1.2", "2", "2.13", &ed, &err), ANKER_EXISTS,
	               "in use by 2.13 Dreizehn", state());
	expect_refused(codebook_code_move(st, "1.2", "2", "1.5", &ed, &err), ANKER_INPUT,
	               "does not fit under 2 Beta", state());
	expect_refused(codebook_code_move(st, "1.2", "Nirgends", NULL, &ed, &err), ANKER_NOTFOUND,
	               "no code 'Nirgends'", state());
}

/* ---------------------------------------------------------------------- */
/* Merge */

Test(codes_edit, merge_segments_duplicates_lists_children)
{
	seg(doc1, "1.1", "anna", 0, 5, 0);           /* duplicate of anna's 1.2 coding: dropped */
	seg(doc1, "1.2", "anna", 0, 5, 0);
	seg(doc1, "1.1", "ben", 0, 5, 0);            /* another coder: moves */
	const char *moved = seg(doc2, "1.1", "anna", 6, 11, 30);
	cr_assert_eq(codebook_code_add(st, &(struct codebook_add){ .name = "1.1 >> Kind" }, &ed,
	                               &err), ANKER_OK);
	codebook_edit_free(&ed);
	cr_assert_eq(codebook_code_merge(st, "1.1", "1.2", &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(ed.segments, 2, "segments moved: %zu", ed.segments);
	cr_expect_eq(ed.duplicates, 1, "duplicates dropped: %zu", ed.duplicates);
	cr_expect_eq(ed.codes, 1, "subcodes moved: %zu", ed.codes);
	cr_expect_eq(ed.anchors, 1, "„Gemeinsam“ is there already; „Nur eins“ appended: %zu",
	             ed.anchors);
	cr_expect_eq(ed.notes, 2, "Kritik and the merged definition: %zu", ed.notes);
	cr_expect_str_eq(ed.old_number, "1.1");
	cr_expect_str_eq(ed.number, "1.2");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM code WHERE name = 'Eins' AND parent_id = "
	                   "(SELECT id FROM code WHERE number = '1')"), 0, "source not deleted");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM segment s JOIN code c ON c.id = s.code_id "
	                   "WHERE c.number = '1.2'"), 3);
	expect_text("SELECT c.number FROM segment s JOIN code c ON c.id = s.code_id WHERE "
	            "s.guid = :v", moved, "1.2");
	expect_text("SELECT group_concat(text, '|') FROM (SELECT a.text FROM anchor a JOIN code c "
	            "ON c.id = a.code_id WHERE c.number = :v ORDER BY a.position)", "1.2",
	            "„Gemeinsam“|„Nur eins“");
	expect_text("SELECT group_concat(label || '=' || text, '|') FROM (SELECT n.label, n.text "
	            "FROM code_note n JOIN code c ON c.id = n.code_id WHERE c.number = :v "
	            "ORDER BY n.position)", "1.2",
	            "Kritik=zu breit|Merged definition=(1.1 Eins) Eins unter Alpha");
	expect_text(NAME_OF, "1.2.2", "Kind");
	/* Log: segments first, the source's deletion last. */
	expect_text("SELECT group_concat(entity || (before IS NULL) || (after IS NULL), ' ') FROM "
	            "(SELECT * FROM log WHERE action = 'codes merge' ORDER BY id)", NULL,
	            "segment01 segment00 segment00 code00 code00 code01");
	cr_expect_eq(q_int("SELECT COUNT(DISTINCT step) FROM log WHERE action = 'codes merge'"), 1);
}

Test(codes_edit, merge_refusals)
{
	seg(doc1, "1.1", "anna", 0, 5, 0);
	expect_refused(codebook_code_merge(st, "1.1", "1.1", &ed, &err), ANKER_INPUT,
	               "cannot merge 1.1 Eins into itself", state());
	expect_refused(codebook_code_merge(st, "1", "1.2.1", &ed, &err), ANKER_INPUT,
	               "cannot merge 1 Alpha into its own subcode 1.2.1 Tief", state());
	expect_refused(codebook_code_merge(st, "1", "2", &ed, &err), ANKER_EXISTS,
	               "both have a subcode named 'Eins'", state());
	expect_refused(codebook_code_merge(st, "1.1", "9", &ed, &err), ANKER_NOTFOUND,
	               "no code '9'", state());
}

Test(codes_edit, merge_into_ancestor)
{
	seg(doc1, "1.2.1", "anna", 1, 3, 0);
	cr_assert_eq(codebook_code_merge(st, "1.2", "1", &ed, &err), ANKER_OK, "%s", err.msg);
	expect_text(NAME_OF, "1.3", "Tief");
	expect_text(PARENT_OF, "1.3", "1");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM segment s JOIN code c ON c.id = s.code_id "
	                   "WHERE c.number = '1.3'"), 1);
}

/* ---------------------------------------------------------------------- */
/* Delete */

Test(codes_edit, delete_refused_without_force)
{
	seg(doc1, "1.2.1", "anna", 1, 3, 0);
	expect_refused(codebook_code_delete(st, "1.2.1", false, &ed, &err), ANKER_INPUT,
	               "1.2.1 Tief has 1 coded segment; --force", state());
	expect_refused(codebook_code_delete(st, "1.2", false, &ed, &err), ANKER_INPUT,
	               "1.2 Zwei has 1 coded segment (with its subcodes)", state());
	expect_refused(codebook_code_delete(st, "2", false, &ed, &err), ANKER_INPUT,
	               "2 Beta has 2 subcodes; --force", state());
	expect_refused(codebook_code_delete(st, "x", false, &ed, &err), ANKER_NOTFOUND,
	               "no code 'x'", state());
}

Test(codes_edit, delete_leaf_and_force_subtree)
{
	cr_assert_eq(codebook_code_delete(st, "2.13", false, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(ed.codes, 1);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM code WHERE number = '2.13'"), 0);
	codebook_edit_free(&ed);
	seg(doc1, "1.2.1", "anna", 1, 3, 0);
	seg(doc2, "1.2", "anna", 1, 3, 0);
	seg(doc2, "1.1", "anna", 1, 3, 0);
	cr_assert_eq(codebook_code_delete(st, "1.2", true, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(ed.codes, 2);
	cr_expect_eq(ed.segments, 2);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM code WHERE number LIKE '1.2%'"), 0);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM segment"), 1, "1.1's segment must stay");
	/* Segments logged before codes; the subcode before its parent. */
	expect_text("SELECT group_concat(entity, ' ') FROM (SELECT entity FROM log WHERE step = "
	            "(SELECT MAX(step) FROM log) ORDER BY id)", NULL,
	            "segment segment code code");
	expect_text("SELECT guid FROM log WHERE step = (SELECT MAX(step) FROM log) AND entity = "
	            "'code' ORDER BY id DESC LIMIT 1", NULL, ed.guid);
}

/* coding_memo_list_tree names what the delete's question counts: the
 * memos on the code, its subcodes and their segments, no other code's;
 * the delete removes exactly those. */
Test(codes_edit, delete_memos_of_the_tree)
{
	const char *g = seg(doc1, "1.2.1", "anna", 1, 3, 0);
	char guid[37];
	struct coding_memo_on on[] = {
		{ CODING_MEMO_CODE, "1.2" }, { CODING_MEMO_CODE, "1.2.1" },
		{ CODING_MEMO_SEGMENT, g }, { CODING_MEMO_CODE, "1.1" }, { CODING_MEMO_CODE, "2" },
	};
	const char *texts[] = { "auf 1.2", "auf 1.2.1", "auf dem Segment", "auf 1.1", "auf 2" };
	for (size_t i = 0; i < 5; i++)
		cr_assert_eq(coding_memo_add(st, &on[i], "free", texts[i], "anna", guid, &err),
		             ANKER_OK, "%s", err.msg);
	struct coding_memo *m;
	size_t n;
	cr_assert_eq(coding_memo_list_tree(st, "1.2", &m, &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 3, "memos of 1.2's tree: %zu", n);
	for (size_t i = 0; i < 3; i++)
		cr_expect_str_eq(m[i].text, texts[i]);
	coding_memos_free(m, n);
	cr_assert_eq(coding_memo_list_tree(st, "1", &m, &n, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(n, 4, "memos of 1's tree: %zu", n);
	coding_memos_free(m, n);
	cr_expect_eq(coding_memo_list_tree(st, "9.9", &m, &n, &err), ANKER_NOTFOUND);
	cr_assert_eq(codebook_code_delete(st, "1.2", true, &ed, &err), ANKER_OK, "%s", err.msg);
	expect_text("SELECT group_concat(text, ', ') FROM (SELECT text FROM memo ORDER BY id)", NULL,
	            "auf 1.1, auf 2");
}

Test(codes_edit, delete_force_undo_restores)
{
	seg(doc1, "1.2.1", "anna", 1, 3, 20);
	char *before = state_of(false);
	cr_assert_eq(codebook_code_delete(st, "1", true, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_expect_eq(ed.codes, 4);
	struct store_step done;
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	char *after = state_of(false);
	/* The same codes, segments, anchors and notes as before. */
	cr_expect_str_eq(after, before, "undo of delete --force:\n%s\n%s", before, after);
	free(before);
	free(after);
}

Test(codes_edit, merge_undo_restores)
{
	seg(doc1, "1.1", "anna", 0, 5, 0);
	seg(doc1, "1.2", "anna", 0, 5, 0);
	char *before = state_of(false);
	cr_assert_eq(codebook_code_merge(st, "1.1", "1.2", &ed, &err), ANKER_OK, "%s", err.msg);
	struct store_step done;
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	char *after = state_of(false);
	cr_expect_str_eq(after, before, "undo of merge:\n%s\n%s", before, after);
	free(before);
	free(after);
}

/* ---------------------------------------------------------------------- */
/* Examples */

Test(codes_edit, examples_order_citation_dedup)
{
	struct codebook_example *ex;
	size_t n;
	/* doc_text: "Erste Zeile\n" is 0..12, "Zweite Zeile mit Umlaut ä\n" 12..38. */
	seg(doc2, "1.1", "anna", 0, 5, 0);     /* Interview 10, Pos. 1 */
	seg(doc1, "1.1", "anna", 6, 18, 0);    /* Interview 2, Pos. 1–2: first in document order */
	seg(doc1, "1.1", "ben", 6, 18, 0);     /* the same range by another coder: once */
	seg(doc1, "1.1", "anna", 29, 37, 80);  /* highest weight first */
	cr_assert_eq(codebook_examples(st, q_int("SELECT id FROM code WHERE number = '1.1'"), 10, 0, &ex,
	                               &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 3, "expected 3 examples, got %zu", n);
	cr_expect_str_eq(ex[0].text, "Umlaut ä");
	cr_expect_str_eq(ex[0].citation, "Interview 2, Pos. 2");
	cr_expect_str_eq(ex[1].text, "Zeile\nZweite");
	cr_expect_str_eq(ex[1].citation, "Interview 2, Pos. 1–2");
	cr_expect_str_eq(ex[2].text, "Erste");
	cr_expect_str_eq(ex[2].citation, "Interview 10, Pos. 1");
	for (size_t k = 0; k < n; k++) {
		free(ex[k].text);
		free(ex[k].citation);
	}
	free(ex);
	/* max; none for a code without segments. */
	cr_assert_eq(codebook_examples(st, q_int("SELECT id FROM code WHERE number = '1.1'"), 1, 0, &ex,
	                               &n, &err), ANKER_OK);
	cr_expect_eq(n, 1);
	cr_expect_str_eq(ex[0].text, "Umlaut ä");
	free(ex[0].text);
	free(ex[0].citation);
	free(ex);
	cr_assert_eq(codebook_examples(st, q_int("SELECT id FROM code WHERE number = '2'"), 3, 0, &ex,
	                               &n, &err), ANKER_OK);
	cr_expect_eq(n, 0);
	cr_expect_null(ex);
}

Test(codes_edit, examples_leave_out_promoted_anchors)
{
	struct codebook_example *ex;
	size_t n;
	const char *g = seg(doc1, "2.1", "anna", 0, 5, 90);
	seg(doc1, "2.1", "anna", 12, 18, 0);
	struct store_stmt *s;
	cr_assert_eq(store_prepare(st, "INSERT INTO anchor(code_id, position, text, segment_guid) "
	                               "VALUES ((SELECT id FROM code WHERE number = '2.1'), 1, "
	                               "'„Erste“', :g)", &s, &err), ANKER_OK, "%s", err.msg);
	store_bind_text(s, ":g", g, &err);
	cr_assert_eq(store_step(s, &err), 0, "%s", err.msg);
	store_done(s);
	cr_assert_eq(codebook_examples(st, q_int("SELECT id FROM code WHERE number = '2.1'"), 5, 0, &ex,
	                               &n, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(n, 1);
	cr_expect_str_eq(ex[0].text, "Zweite");
	free(ex[0].text);
	free(ex[0].citation);
	free(ex);
}

Test(codes_edit, numbers_and_colors_valid)
{
	cr_expect(codebook_number_valid("2.12.8.1"));
	cr_expect(codebook_number_valid("7"));
	cr_expect_not(codebook_number_valid(""));
	cr_expect_not(codebook_number_valid("2."));
	cr_expect_not(codebook_number_valid(".2"));
	cr_expect_not(codebook_number_valid("2..1"));
	cr_expect_not(codebook_number_valid("2.01"));
	cr_expect_not(codebook_number_valid("0"));
	cr_expect_not(codebook_number_valid("2.a"));
	cr_expect_not(codebook_number_valid("1234567"));
	cr_expect(codebook_color_valid("#00ffAA"));
	cr_expect_not(codebook_color_valid("#00ffA"));
	cr_expect_not(codebook_color_valid("00ffAA0"));
	cr_expect_not(codebook_color_valid(NULL));
}

/* ---------------------------------------------------------------------- */
/* The texts of a code (codebook/define.c) */

#define ANCHORS_OF "SELECT group_concat(x, '|') FROM (SELECT a.position || ':' || a.text || " \
	"':' || a.citation AS x FROM anchor a JOIN code c ON c.id = a.code_id WHERE c.number = :v " \
	"ORDER BY a.position)"

Test(codes_edit, define_one_step_and_undo)
{
	char *before = state_of(false);
	cr_assert_eq(codebook_code_define(st, "1.1", "Neu\nzweite Zeile", &ed, &err), ANKER_OK,
	             "%s", err.msg);
	cr_expect_eq(ed.codes, 1);
	expect_text("SELECT definition FROM code WHERE number = :v", "1.1", "Neu\nzweite Zeile");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log WHERE action = 'codes define'"), 1);
	codebook_edit_free(&ed);
	/* the same again: no change, nothing logged */
	cr_assert_eq(codebook_code_define(st, "1.1", "Neu\nzweite Zeile", &ed, &err), ANKER_OK);
	cr_expect_eq(ed.codes, 0);
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log WHERE action = 'codes define'"), 1);
	codebook_edit_free(&ed);
	struct store_step done;
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	char *after = state_of(false);
	cr_expect_str_eq(after, before, "undo of define:\n%s\n%s", before, after);
	free(before);
	free(after);
	expect_refused(codebook_code_define(st, "1.1", "a\xffz", &ed, &err), ANKER_INPUT,
	               "definition", state());
	expect_refused(codebook_code_define(st, "9", "x", &ed, &err), ANKER_NOTFOUND, "9", state());
}

Test(codes_edit, anchors_set_keeps_sources)
{
	cr_assert_eq(store_run(st, &err, "UPDATE anchor SET citation = 'Interview 2, Pos. 1' WHERE "
	                                 "text = '„Nur eins“'"), ANKER_OK, "%s", err.msg);
	/* 1.1 has „Gemeinsam“ and „Nur eins“ (cited): a new one before them,
	 * the cited one kept by its text */
	const char *const texts[] = { "Neu vorn", "„Nur eins“", "„Gemeinsam“" };
	char *before = state_of(false);
	cr_assert_eq(codebook_code_anchors_set(st, "1.1", texts, 3, &ed, &err), ANKER_OK, "%s",
	             err.msg);
	expect_text(ANCHORS_OF, "1.1", "1:Neu vorn:|2:„Nur eins“:Interview 2, Pos. 1|3:„Gemeinsam“:");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log WHERE action = 'anchors set'"), 1);
	codebook_edit_free(&ed);
	/* as many as before: one edited in place keeps its place's source */
	const char *const edited[] = { "Neu vorn", "„Nur eins, geändert“", "„Gemeinsam“" };
	cr_assert_eq(codebook_code_anchors_set(st, "1.1", edited, 3, &ed, &err), ANKER_OK);
	expect_text(ANCHORS_OF, "1.1", "1:Neu vorn:|2:„Nur eins, geändert“:Interview 2, Pos. 1|"
	                               "3:„Gemeinsam“:");
	codebook_edit_free(&ed);
	const char *const blank[] = { "x", " \n " };
	expect_refused(codebook_code_anchors_set(st, "1.1", blank, 2, &ed, &err), ANKER_INPUT,
	               "anchor example 2: no text", state());
	/* none: all go; two undos bring the first list back */
	cr_assert_eq(codebook_code_anchors_set(st, "1.1", NULL, 0, &ed, &err), ANKER_OK);
	expect_text(ANCHORS_OF, "1.1", "");
	struct store_step done;
	for (int k = 0; k < 3; k++)
		cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	char *after = state_of(false);
	cr_expect_str_eq(after, before, "undo of anchors set:\n%s\n%s", before, after);
	free(before);
	free(after);
}

Test(codes_edit, notes_set_and_refusals)
{
	struct codebook_note notes[] = { { "Kritik", "zu eng\nzweite" }, { "Bsp", "" } };
	cr_assert_eq(codebook_code_notes_set(st, "1.1", notes, 2, &ed, &err), ANKER_OK, "%s", err.msg);
	expect_text("SELECT group_concat(x, '|') FROM (SELECT n.position || n.label || '=' || n.text "
	            "AS x FROM code_note n JOIN code c ON c.id = n.code_id WHERE c.number = :v "
	            "ORDER BY n.position)", "1.1", "1Kritik=zu eng\nzweite|2Bsp=");
	cr_expect_eq(q_int("SELECT COUNT(*) FROM log WHERE action = 'notes set'"), 1);
	codebook_edit_free(&ed);
	struct codebook_note bad[] = { { " ", "x" } }, two[] = { { "a\nb", "x" } };
	expect_refused(codebook_code_notes_set(st, "1.1", bad, 1, &ed, &err), ANKER_INPUT,
	               "note 1: label: no text", state());
	expect_refused(codebook_code_notes_set(st, "1.1", two, 1, &ed, &err), ANKER_INPUT,
	               "one line", state());
}

Test(codes_edit, color_parse)
{
	char hex[8];
	cr_expect(codebook_color_parse("#A0B1C2", hex));
	cr_expect_str_eq(hex, "#a0b1c2");
	cr_expect(codebook_color_parse("1", hex));
	cr_expect_str_eq(hex, codebook_palette(0));
	cr_expect(codebook_color_parse("TEAL", hex));
	cr_expect_str_eq(hex, codebook_palette(8));
	cr_expect(codebook_color_parse("10", hex));
	cr_expect_not(codebook_color_parse("11", hex));
	cr_expect_not(codebook_color_parse("0", hex));
	cr_expect_not(codebook_color_parse("mauve", hex));
	cr_expect_not(codebook_color_parse("#12345", hex));
	cr_expect_not(codebook_color_parse("", hex));
}
