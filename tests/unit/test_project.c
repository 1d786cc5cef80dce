/* Unit tests for the project-side module functions: corpus import, docs,
 * search; codebook import, load, find. */
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

static void open_project(void)
{
	st = unit_project_open();
}

static void close_project(void)
{
	unit_project_close(st);
}

TestSuite(project, .init = open_project, .fini = close_project);

static void import(const char *name, const struct corpus_import_opts *o)
{
	struct corpus_import_result res;
	cr_assert_eq(corpus_import_bytes(st, name, "mem", unit_interview, strlen(unit_interview), o,
	                                 &res, &err), ANKER_OK, "%s", err.msg);
	free(res.name);
}

Test(project, import_and_list)
{
	struct corpus_var v;
	cr_assert_eq(corpus_var_parse("Jahr=2023", &v, &err), ANKER_OK);
	cr_assert_str_eq(v.type, "integer");
	struct corpus_import_opts o = { .group = "G", .vars = &v, .nvars = 1 };
	import("eins", &o);
	corpus_var_free(&v);
	struct corpus_doc *docs;
	size_t n;
	cr_assert_eq(corpus_docs_list(st, &docs, &n, &err), ANKER_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(docs[0].name, "eins");
	cr_assert_str_eq(docs[0].group, "G");
	/* Four lines, the last ended by a LF that starts no paragraph. */
	cr_assert_eq(docs[0].paragraphs, 4, "paragraphs: %zu", docs[0].paragraphs);
	cr_assert_eq(docs[0].chars, corpus_utf8_count(unit_interview, strlen(unit_interview)));
	cr_assert_eq(docs[0].nspeakers, 2);
	cr_assert_str_eq(docs[0].speakers[0], "I");
	cr_assert_str_eq(docs[0].vars[0].value, "2023");
	corpus_docs_free(docs, n);
}

Test(project, duplicate_name_refused_and_nothing_written)
{
	import("eins", NULL);
	struct corpus_import_result res;
	int64_t before, after;
	store_query_int(st, "SELECT COUNT(*) FROM log", &before, &err);
	cr_assert_eq(corpus_import_bytes(st, "eins", "mem", "x", 1, NULL, &res, &err), ANKER_EXISTS);
	cr_assert(strstr(err.msg, "exists already"), "%s", err.msg);
	store_query_int(st, "SELECT COUNT(*) FROM log", &after, &err);
	cr_assert_eq(before, after);
}

Test(project, invalid_utf8_refused)
{
	struct corpus_import_result res;
	int64_t n;
	cr_assert_eq(corpus_import_bytes(st, "bad", "mem", "ab\xff", 3, NULL, &res, &err),
	             ANKER_INPUT);
	cr_assert(strstr(err.msg, "byte offset 2"), "%s", err.msg);
	store_query_int(st, "SELECT COUNT(*) FROM document", &n, &err);
	cr_assert_eq(n, 0);
}

struct hits {
	size_t n;
	size_t start[8], end[8], pos[8];
};

static int collect(const struct corpus_hit *h, void *arg)
{
	struct hits *x = arg;
	if (x->n < 8) {
		x->start[x->n] = h->start;
		x->end[x->n] = h->end;
		x->pos[x->n] = h->pos;
	}
	x->n++;
	return 0;
}

Test(project, search_reports_code_points)
{
	import("eins", NULL);
	struct hits h = {0};
	struct corpus_search_opts o = { .pattern = "Übermäßig" };
	cr_assert_eq(corpus_search(st, &o, collect, &h, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(h.n, 1);
	const char *at = strstr(unit_interview, "Übermäßig");
	size_t cp = corpus_utf8_count(unit_interview, (size_t)(at - unit_interview));
	cr_assert_eq(h.start[0], cp, "start %zu, expected %zu", h.start[0], cp);
	cr_assert_eq(h.end[0], cp + 9);
	cr_assert_eq(h.pos[0], 4);
}

Test(project, search_empty_matches_terminate)
{
	/* Empty matches are never reported (they can be neither shown nor
	 * coded), and a pattern that can match empty still terminates. */
	import("eins", NULL);
	struct hits h = {0};
	struct corpus_search_opts o = { .pattern = "l*" };
	cr_assert_eq(corpus_search(st, &o, collect, &h, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(h.n, 5, "non-empty runs of l: %zu", h.n);
}

Test(project, codebook_import_find_reimport)
{
	struct codebook cb = {0}, loaded;
	struct codebook_import_report rep;
	cr_assert_eq(codebook_import_text(st, unit_codebook, strlen(unit_codebook), "cb.txt", &cb,
	                                  &rep, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(rep.added, 3);
	codebook_free(&cb);
	cr_assert_eq(codebook_load(st, 0, &loaded, &err), ANKER_OK);
	cr_assert_eq(loaded.ncodes, 3);
	cr_assert_eq(codebook_find(&loaded, "1.1", &err), 1);
	cr_assert_eq(codebook_find(&loaded, "Portale >> Viele Portale", &err), 1);
	cr_assert_eq(codebook_find(&loaded, "schnittstellen", &err), 2, "case-insensitive name");
	cr_assert_eq(codebook_find(&loaded, "Nichts", &err), -1);
	cr_assert_eq(err.status, ANKER_NOTFOUND);
	cr_assert_eq(loaded.codes[0].nanchors, 1);
	cr_assert_str_eq(loaded.codes[2].notes[0].label, "Kritik");
	codebook_free(&loaded);

	memset(&cb, 0, sizeof cb);
	cr_assert_eq(codebook_import_text(st, unit_codebook, strlen(unit_codebook), "cb.txt", &cb,
	                                  &rep, &err), ANKER_OK);
	cr_assert_eq(rep.added + rep.updated, 0, "re-import changed %zu+%zu", rep.added, rep.updated);
	cr_assert_eq(rep.unchanged, 3);
	codebook_free(&cb);
}

Test(project, codebook_ambiguous_name)
{
	static const char twice[] =
		"T\n\nCodesystem\n\n1 A\n1.1 Sonstiges\n2 B\n2.1 Sonstiges\n\n"
		"1 A\n\nCodedefinition: a\n\n1.1 A >> Sonstiges\n\nCodedefinition: x\n\n"
		"2 B\n\nCodedefinition: b\n\n2.1 B >> Sonstiges\n\nCodedefinition: y\n";
	struct codebook cb = {0}, loaded;
	struct codebook_import_report rep;
	cr_assert_eq(codebook_import_text(st, twice, sizeof twice - 1, "t.txt", &cb, &rep, &err),
	             ANKER_OK, "%s", err.msg);
	codebook_free(&cb);
	cr_assert_eq(codebook_load(st, 0, &loaded, &err), ANKER_OK);
	cr_assert_eq(codebook_find(&loaded, "Sonstiges", &err), -1);
	cr_assert(strstr(err.msg, "ambiguous") && strstr(err.msg, "1.1") && strstr(err.msg, "2.1"),
	          "%s", err.msg);
	codebook_free(&loaded);
}

/* The brief list (the TUI's) agrees with the full one on what it holds:
 * each document's own variables (read for all documents in one query),
 * in the same order. */
Test(project, brief_list_matches_full_list)
{
	struct corpus_var v[2];
	cr_assert_eq(corpus_var_parse("Jahr=2023", &v[0], &err), ANKER_OK);
	cr_assert_eq(corpus_var_parse("Ort=Kiel", &v[1], &err), ANKER_OK);
	import("zwei", &(struct corpus_import_opts){ .group = "B", .vars = v, .nvars = 2 });
	import("eins", &(struct corpus_import_opts){ .group = "B" });
	import("drei", &(struct corpus_import_opts){ .group = "A", .vars = &v[1], .nvars = 1 });
	corpus_var_free(&v[0]);
	corpus_var_free(&v[1]);
	struct corpus_doc *full, *brief;
	size_t nf, nb;
	cr_assert_eq(corpus_docs_list(st, &full, &nf, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(corpus_docs_brief(st, &brief, &nb, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(nb, 3);
	cr_assert_eq(nf, nb);
	static const char *const names[] = { "drei", "eins", "zwei" };
	static const size_t nvars[] = { 1, 0, 2 };
	for (size_t i = 0; i < nb; i++) {
		cr_assert_str_eq(brief[i].name, names[i]);
		cr_assert_eq(brief[i].id, full[i].id);
		cr_assert_str_eq(brief[i].guid, full[i].guid);
		cr_assert_str_eq(brief[i].group, full[i].group);
		cr_assert_eq(brief[i].segments, full[i].segments);
		cr_assert_eq(brief[i].nvars, nvars[i], "%s: %zu variables", names[i], brief[i].nvars);
		cr_assert_eq(full[i].nvars, nvars[i]);
		for (size_t k = 0; k < brief[i].nvars; k++) {
			cr_assert_str_eq(brief[i].vars[k].name, full[i].vars[k].name);
			cr_assert_str_eq(brief[i].vars[k].value, full[i].vars[k].value);
		}
		cr_assert_eq(brief[i].nspeakers, 0);
		cr_assert_eq(full[i].nspeakers, 2);
	}
	cr_assert_str_eq(brief[2].vars[1].value, "Kiel");
	corpus_docs_free(full, nf);
	corpus_docs_free(brief, nb);
}

/* Where the match is in the hit's line (the TUI's result list marks it
 * there): in a short paragraph its offset, in a long one cut around the
 * match after the "…" that starts the window. */
struct line_hits {
	size_t n;
	char line[2][64];
};

static int collect_at(const struct corpus_hit *h, void *arg)
{
	struct line_hits *x = arg;
	if (x->n < 2)
		snprintf(x->line[x->n], sizeof x->line[0], "%.*s", (int)strlen(h->match),
		         h->line + h->line_at);
	x->n++;
	return 0;
}

Test(project, search_line_at_finds_the_match)
{
	struct corpus_import_result res;
	struct strbuf text = { 0 };
	sb_adds(&text, "Ärger über Portal hier.\n");
	for (int i = 0; i < 500; i++)
		sb_adds(&text, "wörter ");
	sb_adds(&text, "Portal");
	for (int i = 0; i < 500; i++)
		sb_adds(&text, " mehr");
	cr_assert_eq(corpus_import_bytes(st, "lang", "mem", sb_str(&text), text.len, NULL, &res,
	                                 &err), ANKER_OK, "%s", err.msg);
	corpus_import_result_free(&res);
	sb_free(&text);
	struct line_hits h = { 0 };
	struct corpus_search_opts o = { .pattern = "Portal" };
	cr_assert_eq(corpus_search(st, &o, collect_at, &h, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(h.n, 2);
	cr_assert_str_eq(h.line[0], "Portal");
	cr_assert_str_eq(h.line[1], "Portal", "in the long paragraph: '%s'", h.line[1]);
}
