/* Unit tests for the suggestion model kept in the project (anchor/model.c,
 * schema 6; issue 17): built on first use, kept current by each coding,
 * uncoding, verdict, deleted document and undo, and always ranking as the
 * profiles computed per call do. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../../anchor/anchor.h"
#include "../../coding/coding.h"
#include "unit_fixture.h"

static struct store *st;
static struct anker_err err;

static const char interview[] =
	"Titel\n"                                                                         /* 1 */
	"I: Wie lief die Finanzierung?\n"                                                 /* 2 */
	"B: Die Finanzierung kam aus dem Förderprogramm, die Kosten trug der Haushalt.\n" /* 3 */
	"I: Und die Schnittstellen?\n"                                                    /* 4 */
	"B: Die Schnittstelle zum Fachverfahren fehlt, die Datenübermittlung hakt.\n"     /* 5 */
	"B: Der Server im Rechenzentrum hatte einen Ausfall, die Wartung dauerte.\n"      /* 6 */
	"B: Das Förderprogramm deckte die Kosten der Schnittstelle nicht.\n"              /* 7 */
	"B: Die Gebühren für Anträge zahlen Bürger bar.\n"                                 /* 8 */
	"B: Bürger zahlen Gebühren online.\n";                                             /* 9 */

static const char other[] = "B: Der Haushalt zahlt die Gebühren, die Kosten steigen.\n";

static const char codebook[] =
	"Codebuch\n\nCodesystem\n\n1 Finanzierung\n2 Schnittstellen\n3 Betrieb\n\n"
	"1 Finanzierung\n\nCodedefinition: Wer bezahlt: Förderprogramme, Haushalt.\n\n"
	"2 Schnittstellen\n\nCodedefinition: Schnittstellen zwischen Fachverfahren.\n\n"
	"Ankerbeispiel: „Die Datenübermittlung hakt ständig.“\n\n"
	"3 Betrieb\n\nCodedefinition: Ausfall und Wartung im Rechenzentrum.\n";

static void setup(void)
{
	/* as cli/main.c: the model follows each commit */
	store_set_commit_hook(anchor_model_sync);
	st = unit_project_open();
	unit_import_doc(st, "eins", interview, strlen(interview), NULL, NULL, NULL);
	unit_import_doc(st, "zwei", other, strlen(other), NULL, NULL, NULL);
	unit_import_codebook(st, codebook, strlen(codebook), NULL);
	anker_err_clear(&err);
}

static void teardown(void)
{
	unit_project_close(st);
	store_set_commit_hook(NULL);
}

TestSuite(suggest_model, .init = setup, .fini = teardown);

static void mark(const char *doc, const char *code, size_t line, char guid[37])
{
	struct coding_mark m = { .doc = doc, .code = code, .lines = true, .first = line,
	                         .last = line };
	cr_assert_eq(coding_mark(st, &m, guid, &err), ANKER_OK, "%s", err.msg);
}

/* The codes for paragraphs first..last of "eins" as "1 2.34 (reasons)|…",
 * from the model or (per_call) computed for the call. */
static char *ranked(size_t first, size_t last, bool per_call)
{
	static char buf[2][1024];
	char *b = buf[per_call];
	struct anchor_passage p = { .doc = "eins", .lines = true, .first = first, .last = last };
	struct anchor_suggest_opts o = { .per_call = per_call };
	struct anchor_suggestion *v;
	size_t n;
	cr_assert_eq(anchor_suggest_codes(st, &p, &o, &v, &n, &err), ANKER_OK, "%s", err.msg);
	b[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(b + strlen(b), sizeof buf[0] - strlen(b), "%s%s %.17g (%s)", i ? "|" : "",
		         v[i].code_number, v[i].score, v[i].reasons);
	anchor_suggestions_free(v, n);
	return b;
}

/* Every passage of "eins" ranked by the model exactly as per call (the
 * same scores to the last bit); the model's ranking of line into got. */
static void same_as_per_call(size_t line, const char *want)
{
	for (size_t a = 1; a <= 9; a++)
		for (size_t z = a; z <= 9; z += 4)
			cr_assert_str_eq(ranked(a, z, false), ranked(a, z, true), "lines %zu-%zu", a, z);
	if (want)
		cr_assert_str_eq(ranked(line, line, false), want);
}

static int64_t todo(void)
{
	return unit_query_int(st, "SELECT COUNT(*) FROM model_todo");
}

/* The weight of the term whose stem is stem in code number code. */
static double weight(const char *code, const char *stem)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COALESCE((SELECT w.weight FROM model_weight w JOIN "
	         "model_term t ON t.id = w.term_id JOIN code c ON c.id = w.code_id WHERE t.stem = "
	         "'%s' AND c.number = '%s'), 0)", stem, code);
	return (double)unit_query_int(st, sql);
}

Test(suggest_model, built_on_first_use_then_kept_with_each_coding)
{
	cr_assert_eq(unit_query_int(st, "SELECT COUNT(*) FROM model_part"), 0, "not built yet");
	same_as_per_call(7, NULL);
	/* built: three definitions and one anchor example */
	cr_assert_eq(unit_query_int(st, "SELECT COUNT(*) FROM model_part"), 4);
	cr_assert_eq(weight("1", "kost"), 0);
	char g[37];
	mark("eins", "1", 3, g);
	/* the coding's own transaction brought the model up to date */
	cr_assert_eq(todo(), 0);
	cr_assert_eq(weight("1", "kost"), 1);
	same_as_per_call(7, NULL);
	cr_assert(strstr(ranked(7, 7, false), "förderprogramme, kosten"), "%s",
	          ranked(7, 7, false));
	/* a verdict: fits counts twice, misfit not at all */
	cr_assert_eq(coding_review_add(st, g, CODING_FITS, NULL, NULL, &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_eq(weight("1", "kost"), 2);
	same_as_per_call(7, NULL);
	cr_assert_eq(coding_review_add(st, g, CODING_MISFIT, NULL, NULL, &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_eq(weight("1", "kost"), 0);
	same_as_per_call(7, NULL);
}

Test(suggest_model, uncoding_and_undo_bring_the_profile_back)
{
	same_as_per_call(7, NULL);
	char before[1024];
	snprintf(before, sizeof before, "%s", ranked(7, 7, false));
	char g[37];
	mark("eins", "1", 3, g);
	char coded[1024];
	snprintf(coded, sizeof coded, "%s", ranked(7, 7, false));
	cr_assert_str_neq(coded, before);
	cr_assert_eq(coding_unmark(st, g, &err), ANKER_OK, "%s", err.msg);
	same_as_per_call(7, before);
	/* undo the uncoding: the coding is back, and so is its profile */
	struct store_step done;
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(todo(), 0);
	same_as_per_call(7, coded);
	/* undo the coding itself, redo it */
	cr_assert_eq(store_undo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	same_as_per_call(7, before);
	cr_assert_eq(store_redo(st, 0, &done, &err), ANKER_OK, "%s", err.msg);
	same_as_per_call(7, coded);
}

Test(suggest_model, deleted_document_leaves_the_profiles)
{
	same_as_per_call(7, NULL);
	char g[37];
	mark("zwei", "3", 1, g);
	cr_assert_eq(weight("3", "kost"), 1);
	same_as_per_call(8, NULL);
	struct corpus_doc_edit ed;
	cr_assert_eq(corpus_doc_delete(st, "zwei", true, &ed, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(weight("3", "kost"), 0, "its segments' words go with it");
	cr_assert_eq(unit_query_int(st, "SELECT COUNT(*) FROM model_part WHERE kind = 3"), 0);
	same_as_per_call(8, NULL);
}

Test(suggest_model, changes_without_the_hook_are_caught_up)
{
	same_as_per_call(6, NULL);
	/* as sqlite3 on the file, or a process without the hook: the triggers
	 * note the change, the next suggestion applies it */
	store_set_commit_hook(NULL);
	unit_exec(st, "UPDATE code SET definition = 'Gebühren der Bürger' WHERE number = '3'");
	cr_assert_eq(todo(), 1);
	same_as_per_call(9, NULL);
	cr_assert(strstr(ranked(9, 9, false), "3 "), "%s", ranked(9, 9, false));
	cr_assert_eq(todo(), 0);
}

Test(suggest_model, a_language_other_than_the_models_is_computed_per_call)
{
	same_as_per_call(7, NULL);
	char want[1024];
	struct anchor_passage p = { .doc = "eins", .lines = true, .first = 7, .last = 7 };
	struct anchor_suggestion *v;
	size_t n;
	for (int per_call = 1; per_call >= 0; per_call--) {
		struct anchor_suggest_opts o = { .lang = ANCHOR_LANG_EN, .per_call = per_call };
		cr_assert_eq(anchor_suggest_codes(st, &p, &o, &v, &n, &err), ANKER_OK, "%s", err.msg);
		char got[1024] = "";
		for (size_t i = 0; i < n; i++)
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s %.17g (%s)|",
			         v[i].code_number, v[i].score, v[i].reasons);
		anchor_suggestions_free(v, n);
		if (per_call)
			snprintf(want, sizeof want, "%s", got);
		else
			cr_assert_str_eq(got, want, "English stems, not the German model's");
	}
}

/* A project of schema 5 (no model tables) opens as 6 and suggests the
 * same as before. */
Test(suggest_model, a_schema_5_project_opens_and_suggests_the_same)
{
	char g[37], before[1024], path[128];
	mark("eins", "1", 3, g);
	snprintf(before, sizeof before, "%s", ranked(7, 7, true));
	unit_exec(st, "DROP TABLE model_term; DROP TABLE model_part; DROP TABLE model_weight; "
	              "DROP TABLE model_profile; DROP TABLE model_todo;");
	char **names = NULL;
	size_t n = 0;
	cr_assert_eq(store_get_texts(st, &names, &n, &err, "SELECT name FROM sqlite_master WHERE "
	                                                  "type = 'trigger' AND name LIKE 'model_%'"),
	             ANKER_OK, "%s", err.msg);
	cr_assert_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "DROP TRIGGER %s", names[i]);
		unit_exec(st, sql);
	}
	store_texts_free(names, n);
	unit_exec(st, "PRAGMA user_version = 5");
	snprintf(path, sizeof path, "%s", store_path(st));
	store_close(st);
	cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_schema_version(st), 6);
	cr_assert_str_eq(ranked(7, 7, false), before);
	cr_assert_eq(unit_query_int(st, "SELECT COUNT(*) FROM model_part WHERE kind = 3"), 1,
	             "built on first use");
	same_as_per_call(7, NULL);
}
