/* Unit tests for anker suggest (anchor/terms.c, anchor/profile.c,
 * anchor/suggest.c, anchor/passages.c, anchor/model.c; issue 17): stems,
 * stop words, the profile rules, the order of suggestions on a tiny
 * hand-made project, and the model kept in the project. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../../anchor/anchor.h"
#include "../../coding/coding.h"
#include "unit_fixture.h"

/* The stems of s's terms as "a|b|c". */
static char *stems(struct anchor_vocab *v, const char *s)
{
	static char buf[1024];
	struct anchor_termv t = { 0 };
	anchor_vocab_terms(v, s, strlen(s), &t);
	buf[0] = '\0';
	for (size_t i = 0; i < t.n; i++) {
		strcat(buf, i ? "|" : "");
		strcat(buf, anchor_vocab_stem(v, t.v[i].id));
	}
	free(t.v);
	return buf;
}

Test(suggest, stems_german_and_english)
{
	struct anchor_vocab *v = anchor_vocab_new(ANCHOR_LANG_DE);
	/* inflected forms are one term; the first form seen is what reasons show */
	cr_assert_str_eq(stems(v, "Verwaltung Verwaltungen Kommune Kommunen"),
	                 "verwalt|verwalt|kommun|kommun");
	cr_assert_eq(anchor_vocab_size(v), 2);
	cr_assert_str_eq(anchor_vocab_word(v, 0), "verwaltung");
	/* umlauts stemmed as the Snowball German stemmer does */
	cr_assert_str_eq(stems(v, "Übermittlung übermittelt"), "ubermittl|ubermittelt");
	anchor_vocab_free(v);
	v = anchor_vocab_new(ANCHOR_LANG_EN);
	cr_assert_str_eq(stems(v, "The portals, a portal; connecting connected"),
	                 "portal|portal|connect|connect");
	anchor_vocab_free(v);
}

Test(suggest, stop_words_and_numbers_left_out)
{
	struct anchor_vocab *v = anchor_vocab_new(ANCHOR_LANG_DE);
	/* stop words, fillers, numbers and one-letter words are no terms */
	cr_assert_str_eq(stems(v, "Und dann, ähm, hat der Bund 2021 die Kosten über x getragen"),
	                 "bund|kost|getrag");
	/* "nicht" carries meaning in a codebook: it stays */
	cr_assert_str_eq(stems(v, "nicht finanziert"), "nicht|finanziert");
	anchor_vocab_free(v);
	cr_assert(anchor_stopword(ANCHOR_LANG_EN, "the", 3));
	cr_assert(!anchor_stopword(ANCHOR_LANG_EN, "der", 3));
	cr_assert(anchor_stopword(ANCHOR_LANG_DE, "über", strlen("über")));
	/* the lists are sorted, as bsearch needs */
	for (int lang = ANCHOR_LANG_DE; lang <= ANCHOR_LANG_EN; lang++)
		for (size_t i = 1; anchor_stopword_at(lang, i); i++)
			cr_assert(strcmp(anchor_stopword_at(lang, i - 1), anchor_stopword_at(lang, i)) < 0,
			          "%s before %s", anchor_stopword_at(lang, i - 1),
			          anchor_stopword_at(lang, i));
}

Test(suggest, language_guessed_from_stop_words)
{
	const char *de = "Wir haben das mit dem Land und der Kommune abgestimmt.";
	const char *en = "We have agreed this with the state and the council.";
	cr_assert_eq(anchor_lang_guess(de, strlen(de)), ANCHOR_LANG_DE);
	cr_assert_eq(anchor_lang_guess(en, strlen(en)), ANCHOR_LANG_EN);
	cr_assert_eq(anchor_lang_guess("", 0), ANCHOR_LANG_DE);
	cr_assert_eq(anchor_lang_parse("en"), ANCHOR_LANG_EN);
	cr_assert_eq(anchor_lang_parse("fr"), -1);
}

/* ---------------------------------------------------------------------- */
/* A tiny project: one interview, three codes. */

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

static const char codebook[] =
	"Codebuch\n\nCodesystem\n\n1 Finanzierung\n2 Schnittstellen\n3 Betrieb\n\n"
	"1 Finanzierung\n\nCodedefinition: Wer bezahlt: Förderprogramme, Haushalt.\n\n"
	"2 Schnittstellen\n\nCodedefinition: Schnittstellen zwischen Fachverfahren.\n\n"
	"Ankerbeispiel: „Die Datenübermittlung hakt ständig.“\n\n"
	"3 Betrieb\n\nCodedefinition: Ausfall und Wartung im Rechenzentrum.\n";

static void setup(void)
{
	st = unit_project_open();
	unit_import_doc(st, "eins", interview, strlen(interview), NULL, NULL, NULL);
	unit_import_codebook(st, codebook, strlen(codebook), NULL);
	anker_err_clear(&err);
}

static void teardown(void)
{
	unit_project_close(st);
}

/* Code paragraph line of "eins" with code; its GUID into guid. */
static void mark(const char *code, size_t line, char guid[37])
{
	struct coding_mark m = { .doc = "eins", .code = code, .lines = true, .first = line,
	                         .last = line };
	cr_assert_eq(coding_mark(st, &m, guid, &err), ANKER_OK, "%s", err.msg);
}

/* The codes suggested for paragraphs first..last as "1 (reasons)|2 (…)". */
static char *codes_for(size_t first, size_t last)
{
	static char buf[1024];
	struct anchor_passage p = { .doc = "eins", .lines = true, .first = first, .last = last };
	struct anchor_suggest_opts o = { .limit = 0 };
	struct anchor_suggestion *v;
	size_t n;
	cr_assert_eq(anchor_suggest_codes(st, &p, &o, &v, &n, &err), ANKER_OK, "%s", err.msg);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		cr_assert(v[i].score > 0);
		cr_assert(i == 0 || v[i - 1].score >= v[i].score, "best first");
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s (%s)", i ? "|" : "",
		         v[i].code_number, v[i].reasons);
	}
	anchor_suggestions_free(v, n);
	return buf;
}

TestSuite(suggest_project, .init = setup, .fini = teardown);

Test(suggest_project, codes_ranked_with_reasons)
{
	/* from the codebook alone: one word of a definition each; 1's
	 * profile is the shorter, so its word weighs more (BM25's b) */
	cr_assert_str_eq(codes_for(7, 7), "1 (förderprogramme)|2 (schnittstellen)");
	char g[37];
	mark("1", 3, g);
	/* now Kosten is in 1's profile too, from the coded segment */
	cr_assert_str_eq(codes_for(7, 7), "1 (förderprogramme, kosten)|2 (schnittstellen)");
	cr_assert_str_eq(codes_for(6, 6), "3 (ausfall, wartung, rechenzentrum)");
	/* nothing shared: no suggestion */
	cr_assert_str_eq(codes_for(8, 8), "");
}

/* The score of code for paragraphs first..last, 0 when not suggested. */
static double score_of(const char *code, size_t first, size_t last)
{
	struct anchor_passage p = { .doc = "eins", .lines = true, .first = first, .last = last };
	struct anchor_suggest_opts o = { .limit = 0 };
	struct anchor_suggestion *v;
	size_t n;
	double score = 0;
	cr_assert_eq(anchor_suggest_codes(st, &p, &o, &v, &n, &err), ANKER_OK, "%s", err.msg);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code_number, code) == 0)
			score = v[i].score;
	anchor_suggestions_free(v, n);
	return score;
}

Test(suggest_project, misfits_left_out_fits_count_twice)
{
	char g[37];
	/* Gebühren and Bürger are in 3's profile only through line 8 */
	mark("3", 8, g);
	cr_assert_str_eq(codes_for(9, 9), "3 (gebühren, zahlen, bürger)");
	double plain = score_of("3", 9, 9);
	cr_assert_eq(coding_review_add(st, g, CODING_MISFIT, NULL, NULL, &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_str_eq(codes_for(9, 9), "", "a misfit is no part of the profile");
	/* the newest verdict counts: now it fits, and weighs twice */
	cr_assert_eq(coding_review_add(st, g, CODING_FITS, NULL, "ben", &err), ANKER_OK, "%s",
	             err.msg);
	double fits = score_of("3", 9, 9);
	cr_assert(fits > plain, "fits %f, unreviewed %f", fits, plain);
}

Test(suggest_project, passage_never_in_its_own_profile)
{
	char g[37];
	mark("1", 3, g);
	/* asked about line 3, 1's profile is its definition alone */
	cr_assert_str_eq(codes_for(3, 3), "1 (förderprogramme, haushalt)");
	/* an anchor example cited from the passage is left out too */
	size_t pos;
	bool other;
	cr_assert_eq(coding_anchor_add(st, "3", g, NULL, &pos, &other, &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_str_eq(codes_for(3, 3), "1 (förderprogramme, haushalt)");
	cr_assert(score_of("3", 2, 2) > 0, "elsewhere the example speaks for 3");
}

/* Passages for code as "Pos. (reasons)|…". */
static char *passages_for(const char *code, int unit)
{
	static char buf[1024];
	struct anchor_suggest_opts o = { .unit = unit };
	struct anchor_suggestion *v;
	size_t n;
	cr_assert_eq(anchor_suggest_passages(st, code, &o, &v, &n, &err), ANKER_OK, "%s", err.msg);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%zu (%s)", i ? "|" : "",
		         v[i].para_first, v[i].reasons);
	anchor_suggestions_free(v, n);
	return buf;
}

Test(suggest_project, passages_ranked_coded_ones_left_out)
{
	char g[37];
	mark("1", 3, g);
	cr_assert_str_eq(passages_for("1", CODING_UNIT_PARAGRAPH),
	                 "7 (förderprogramme, kosten)|2 (finanzierung)");
	/* sentences: line 3 is coded, whatever the unit */
	cr_assert_str_eq(passages_for("1", CODING_UNIT_SENTENCE),
	                 "7 (förderprogramme, kosten)|2 (finanzierung)");
	/* a code with nothing to compare with is an error */
	unit_exec(st, "UPDATE code SET definition = '' WHERE number = '3'");
	struct anchor_suggest_opts o = { .unit = CODING_UNIT_PARAGRAPH };
	struct anchor_suggestion *v;
	size_t n;
	cr_assert_eq(anchor_suggest_passages(st, "3", &o, &v, &n, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "nothing to compare with"), "%s", err.msg);
}

Test(suggest_project, boundaries_segments_examples_pairs)
{
	char g7[37], g8[37];
	/* Betrieb on a sentence about money, Finanzierung on one about money */
	mark("3", 7, g7);
	mark("1", 3, g8);
	struct anchor_suggest_opts o = { .limit = 0 };
	struct anchor_boundaries b;
	cr_assert_eq(anchor_boundaries(st, NULL, &o, &b, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(b.nsegments, 1, "only the segment of 3 blurs, got %zu", b.nsegments);
	cr_assert_str_eq(b.segments[0].guid, g7);
	cr_assert_str_eq(b.segments[0].other_number, "1");
	cr_assert_str_eq(b.segments[0].reasons, "förderprogramme, kosten");
	cr_assert(b.segments[0].other_score > b.segments[0].own_score);
	/* code 2's example shares no word with another profile */
	cr_assert_eq(b.nanchors, 0);
	/* 1 and 3 share the segment's words; similarity is a cosine */
	cr_assert(b.npairs >= 1);
	cr_assert_str_eq(b.pairs[0].a_number, "1");
	cr_assert_str_eq(b.pairs[0].b_number, "3");
	cr_assert(b.pairs[0].similarity > 0 && b.pairs[0].similarity <= 1);
	anchor_boundaries_free(&b);
	/* --code narrows to the pairs with the code */
	cr_assert_eq(anchor_boundaries(st, "2", &o, &b, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(b.nsegments, 0);
	for (size_t i = 0; i < b.npairs; i++)
		cr_assert(strcmp(b.pairs[i].a_number, "2") == 0 || strcmp(b.pairs[i].b_number, "2") == 0);
	anchor_boundaries_free(&b);
}

/* ---------------------------------------------------------------------- */
/* The model kept in the project (anchor/model.c, schema 6): built on
 * first use, kept current by each coding, uncoding, verdict, deleted
 * document and undo, and always ranking as the profiles computed per call
 * do. */

static const char other[] = "B: Der Haushalt zahlt die Gebühren, die Kosten steigen.\n";

static void model_setup(void)
{
	/* as cli/main.c: the model follows each commit */
	store_set_commit_hook(anchor_model_sync);
	setup();
	unit_import_doc(st, "zwei", other, strlen(other), NULL, NULL, NULL);
}

static void model_teardown(void)
{
	teardown();
	store_set_commit_hook(NULL);
}

TestSuite(suggest_model, .init = model_setup, .fini = model_teardown);

static void mark_in(const char *doc, const char *code, size_t line, char guid[37])
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
	mark_in("eins", "1", 3, g);
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

/* The paragraphs for code 1 as "doc start-end score (reasons)|…": of the
 * document doc alone (NULL: of all), from the kept units or (per_call) the
 * scan. */
static char *passages_in(const char *doc, bool per_call)
{
	static char buf[2][2048];
	char *b = buf[per_call];
	const char *names[] = { doc };
	struct corpus_doc_filter f = { .names = names, .nnames = 1 };
	struct anchor_suggest_opts o = { .unit = CODING_UNIT_PARAGRAPH, .docs = doc ? &f : NULL,
	                                 .per_call = per_call };
	struct anchor_suggestion *v;
	size_t n;
	cr_assert_eq(anchor_suggest_passages(st, "1", &o, &v, &n, &err), ANKER_OK, "%s", err.msg);
	b[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(b + strlen(b), 2048 - strlen(b), "%s%s %zu-%zu %.17g (%s)", i ? "|" : "",
		         v[i].doc, v[i].start, v[i].end, v[i].score, v[i].reasons);
	anchor_suggestions_free(v, n);
	return b;
}

Test(suggest_model, passages_of_some_documents_from_the_kept_units)
{
	same_as_per_call(7, NULL);
	char g[37], all[2048];
	mark_in("eins", "1", 3, g);
	snprintf(all, sizeof all, "%s", passages_in(NULL, false));
	cr_assert_gt(unit_query_int(st, "SELECT COUNT(*) FROM model_unit WHERE kind = 2"), 0,
	             "the paragraphs kept");
	cr_assert(strstr(all, "eins ") && strstr(all, "zwei "), "%s", all);
	/* each document's: the whole ranking's rows of that document, reasons
	 * too, and the same as the scan's */
	const char *docs[] = { "eins", "zwei" };
	for (size_t k = 0; k < 2; k++) {
		char want[2048] = "", *save, copy[2048];
		snprintf(copy, sizeof copy, "%s", all);
		for (char *r = strtok_r(copy, "|", &save); r; r = strtok_r(NULL, "|", &save))
			if (!strncmp(r, docs[k], 4))
				snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
				         *want ? "|" : "", r);
		cr_assert_str_eq(passages_in(docs[k], false), want, "%s", docs[k]);
		cr_assert_str_eq(passages_in(docs[k], true), want, "%s, scanned", docs[k]);
	}
}

Test(suggest_model, uncoding_and_undo_bring_the_profile_back)
{
	same_as_per_call(7, NULL);
	char before[1024];
	snprintf(before, sizeof before, "%s", ranked(7, 7, false));
	char g[37];
	mark_in("eins", "1", 3, g);
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
	mark_in("zwei", "3", 1, g);
	cr_assert_eq(weight("3", "kost"), 1);
	same_as_per_call(8, NULL);
	struct corpus_doc_edit ed;
	cr_assert_eq(corpus_doc_delete(st, "zwei", true, &ed, &err), ANKER_OK, "%s", err.msg);
	corpus_doc_edit_free(&ed);
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
	mark_in("eins", "1", 3, g);
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
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_str_eq(ranked(7, 7, false), before);
	cr_assert_eq(unit_query_int(st, "SELECT COUNT(*) FROM model_part WHERE kind = 3"), 1,
	             "built on first use");
	same_as_per_call(7, NULL);
}
