/* Unit tests for corpus/names.c: the edit distance, lookups without case,
 * and "did you mean" (issue 15). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../../corpus/corpus.h"

static void dist_is(const char *a, const char *b, size_t want)
{
	size_t got = corpus_name_distance(a, b);
	cr_assert_eq(got, want, "distance '%s' '%s': expected %zu, got %zu", a, b, want, got);
	got = corpus_name_distance(b, a);
	cr_assert_eq(got, want, "distance '%s' '%s': expected %zu, got %zu", b, a, want, got);
}

Test(names, distance_by_hand)
{
	dist_is("", "", 0);
	dist_is("", "abc", 3);
	dist_is("Portal", "Portal", 0);
	dist_is("Zentrales Protal", "Zentrales Portal", 1);   /* a swap is one edit */
	dist_is("ben", "bne", 1);
	dist_is("kitten", "sitting", 3);                       /* k/s, e/i, +g */
	dist_is("segmnets", "segments", 1);
	/* Optimal string alignment: a swapped pair is not edited again
	 * ("ca" -> "ac" -> "abc" would be 2). */
	dist_is("ca", "abc", 3);
	/* Code points, not bytes: ü for u is one edit, not two. */
	dist_is("Müller", "Muller", 1);
	dist_is("Ärger", "ärger", 0);
	dist_is("STRASSE", "straße", 0);                       /* ß folds to ss */
	dist_is("Anna", "ANNA", 0);
}

Test(names, equal_fold)
{
	cr_assert(corpus_name_equal_fold("Interview 01", "interview 01"));
	cr_assert(corpus_name_equal_fold("Übermaß", "ÜBERMASS"));
	cr_assert_not(corpus_name_equal_fold("Interview 01", "Interview 1"));
	/* Invalid UTF-8 (a damaged file's name) is taken byte by byte. */
	cr_assert(corpus_name_equal_fold("a\xff", "a\xff"));
	cr_assert_not(corpus_name_equal_fold("a\xff", "a\xfe"));
	cr_assert_eq(corpus_name_distance("a\xff", "a\xfe"), 1);
}

Test(names, find_exact_then_without_case)
{
	const char *names[] = { "anna", "Ben", "ben", "Cem" };
	cr_assert_eq(corpus_name_find("anna", names, 4), 0);
	cr_assert_eq(corpus_name_find("ANNA", names, 4), 0, "unique but for case");
	cr_assert_eq(corpus_name_find("ben", names, 4), 2, "exact before case");
	cr_assert_eq(corpus_name_find("BEN", names, 4), -2, "Ben and ben: ambiguous");
	cr_assert_eq(corpus_name_find("cem", names, 4), 3);
	cr_assert_eq(corpus_name_find("dora", names, 4), -1);
	const char *same[] = { "x", "X", "X" };
	cr_assert_eq(corpus_name_find("x", same, 3), 0);
	cr_assert_eq(corpus_name_find("X", same, 3), 1);
}

static void suggests(const char *key, const char *const *names, size_t n, const char *want)
{
	struct strbuf sb = { 0 };
	corpus_name_suggest(&sb, key, names, n);
	cr_assert_str_eq(sb_str(&sb), want, "suggestion for '%s': expected '%s', got '%s'", key, want,
	                 sb_str(&sb));
	sb_free(&sb);
}

Test(names, suggest_closest_one_or_two)
{
	const char *codes[] = { "Zentrales Portal", "Viele Portale", "Portal", "Papier" };
	suggests("Zentrales Protal", codes, 4, "; did you mean 'Zentrales Portal'?");
	suggests("zentrales portal", codes, 4, "; did you mean 'Zentrales Portal'?");
	suggests("Portl", codes, 4, "; did you mean 'Portal'?");
	const char *coders[] = { "anna", "ben", "bea" };
	suggests("bne", coders, 3, "; did you mean 'ben'?");
	/* Two as near (one edit each): both, in the order given. */
	suggests("be", coders, 3, "; did you mean 'ben' or 'bea'?");
	/* Too far: one edit in a name of up to four, two up to eight. */
	suggests("xyz", coders, 3, "");
	const char *letters[] = { "a", "b", "abc" };
	suggests("d", letters, 3, "");                   /* every character changed */
	suggests("abd", letters, 3, "; did you mean 'abc'?");
	suggests("anan", coders, 3, "; did you mean 'anna'?");
	suggests("Papierkorb", codes, 4, "");
	/* The same name twice (codes under two parents) is named once. */
	const char *twice[] = { "Kosten", "Kosten", "Posten" };
	suggests("Xosten", twice, 3, "; did you mean 'Kosten' or 'Posten'?");
	suggests("anything", twice, 0, "");
}

/* The one rule for names people give (documents, groups, variables). */
Test(names, check_and_clean)
{
	struct anker_err err = { 0 };
	char *out;
	cr_assert_eq(corpus_name_check("document name", "a", 1, &err), ANKER_OK);
	cr_assert_eq(corpus_name_check("document name", "", 0, &err), ANKER_INPUT);
	cr_assert_str_eq(err.msg, "a document name may not be empty");
	cr_assert_eq(corpus_name_check("group name", "a\tb", 3, &err), ANKER_INPUT);
	cr_assert_str_eq(err.msg, "group name 'a\tb' must be one line without control characters "
	                 "(U+0009 at byte 1)");
	cr_assert_eq(corpus_name_check("x", "a\x7f", 2, &err), ANKER_INPUT);
	cr_assert_eq(corpus_name_check("x", "a\xc2\x85", 3, &err), ANKER_INPUT);
	cr_assert(strstr(err.msg, "U+0085 at byte 1"), "%s", err.msg);
	cr_assert_eq(corpus_name_check("x", "\xc3\xa4", 2, &err), ANKER_OK);   /* ä */
	cr_assert_eq(corpus_name_clean("x", "  Mu\xcc\x88hle \n", &out, &err), ANKER_OK);
	cr_assert_str_eq(out, "M\xc3\xbchle");   /* trimmed, NFC */
	free(out);
	cr_assert_eq(corpus_name_clean("x", "a\xff", &out, &err), ANKER_INPUT);
	cr_assert_null(out);
	cr_assert_eq(corpus_name_clean("variable name", " \t", &out, &err), ANKER_INPUT);
	cr_assert_str_eq(err.msg, "a variable name may not be empty");
}

/* Variable values: numbers as JSON writes them, real dates, else text. */
Test(names, var_types)
{
	static const char *const cases[][2] = {
		{ "2023", "integer" }, { "-7", "integer" }, { "0", "integer" },
		{ "0.0", "float" }, { "-1.5", "float" }, { "2e3", "float" }, { "1E-2", "float" },
		{ "99999999999999999999", "float" }, { "9223372036854775807", "integer" },
		{ "007", "text" }, { "+5", "text" }, { "1.", "text" }, { ".5", "text" },
		{ "1,5", "text" }, { "1e999", "text" }, { "", "text" }, { "NaN", "text" },
		{ "true", "boolean" }, { "false", "boolean" }, { "True", "text" },
		{ "2024-02-29", "date" }, { "2023-02-29", "text" }, { "2023-13-01", "text" },
		{ "2023-04-31", "text" }, { "2000-02-29", "date" }, { "1900-02-29", "text" },
		{ "2023-1-01", "text" }, { "Bochum", "text" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_assert_str_eq(corpus_var_type(cases[i][0]), cases[i][1], "'%s'", cases[i][0]);
}
