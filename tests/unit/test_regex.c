/* tests/unit/test_regex.c — PCRE2 search: UTF/UCP, case, limits, errors. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

static struct corpus_regex *compile_ok(const char *pattern, bool icase)
{
	struct corpus_regex *re = NULL;
	struct anker_err err = { 0 };
	int rc = corpus_regex_compile(pattern, icase, &re, &err);
	cr_assert_eq(rc, ANKER_OK, "/%s/: expected to compile, got %d: %s", pattern, rc, err.msg);
	cr_assert_not_null(re);
	return re;
}

/* All matches of pattern in s, joined with "|". */
static char *all_matches(const char *pattern, bool icase, const char *s)
{
	struct corpus_regex *re = compile_ok(pattern, icase);
	struct anker_err err = { 0 };
	struct strbuf sb = { 0 };
	size_t from = 0, a, b, len = strlen(s);
	int rc, guard = 0;

	while ((rc = corpus_regex_next(re, s, len, from, &a, &b, &err)) == 1) {
		cr_assert_gt(b, from, "/%s/: no progress at %zu", pattern, from);
		cr_assert(++guard < 1000, "/%s/: runaway loop", pattern);
		if (sb.len)
			sb_addc(&sb, '|');
		sb_add(&sb, s + a, b - a);
		from = b;
	}
	cr_assert_eq(rc, 0, "/%s/: expected end of matches, got %d: %s", pattern, rc, err.msg);
	corpus_regex_free(re);
	return sb_steal(&sb);
}

static void expect_matches(const char *pattern, bool icase, const char *s, const char *want)
{
	char *got = all_matches(pattern, icase, s);
	cr_assert_str_eq(got, want, "/%s/ in \"%s\": expected \"%s\", got \"%s\"", pattern, s, want,
	                 got);
	free(got);
}

Test(regex, utf_and_ucp)
{
	expect_matches("\\w+", false, "Grüße, Übung!", "Grüße|Übung");
	expect_matches("ü", false, "über Müll", "ü|ü");
	expect_matches(".", false, "中😀", "中|😀");   /* a dot is a character, not a byte */
	expect_matches("\\p{Lu}\\w*", false, "ärger Ärger Öl", "Ärger|Öl");
	expect_matches("\\bZeit\\b", false, "Zeitplan Zeit", "Zeit");
}

Test(regex, case_insensitive)
{
	expect_matches("ärger", true, "ÄRGER Ärger ärger", "ÄRGER|Ärger|ärger");
	expect_matches("ärger", false, "ÄRGER Ärger ärger", "ärger");
	expect_matches("straße", true, "STRASSE Straße", "Straße");
}

Test(regex, match_positions_are_bytes)
{
	struct corpus_regex *re = compile_ok("Zeit", false);
	struct anker_err err = { 0 };
	size_t a = 0, b = 0;
	const char *s = "Grüße Zeit";
	int rc = corpus_regex_next(re, s, strlen(s), 0, &a, &b, &err);
	cr_assert_eq(rc, 1, "expected a match, got %d", rc);
	cr_assert(a == 8 && b == 12, "expected bytes [8,12), got [%zu,%zu)", a, b);
	rc = corpus_regex_next(re, s, strlen(s), b, &a, &b, &err);
	cr_assert_eq(rc, 0, "expected no further match, got %d", rc);
	rc = corpus_regex_next(re, s, strlen(s), 99, &a, &b, &err);
	cr_assert_eq(rc, 0, "from beyond the end: expected 0, got %d", rc);
	corpus_regex_free(re);
}

Test(regex, empty_matches_are_skipped)
{
	/* x* could match empty everywhere; only real text is a hit. */
	expect_matches("x*", false, "abxxcx", "xx|x");
	expect_matches("^", false, "abc", "");
	expect_matches("(?m)^\\w", false, "eins\nzwei", "e|z");
}

Test(regex, catastrophic_pattern_hits_limit)
{
	struct corpus_regex *re = compile_ok("(a+)+$", false);
	struct anker_err err = { 0 };
	const char *s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
	size_t a, b;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = corpus_regex_next(re, s, strlen(s), 0, &a, &b, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_assert_eq(rc, -1, "expected the match limit (-1), got %d", rc);
	cr_assert_eq(err.status, ANKER_INPUT, "expected ANKER_INPUT, got %d", err.status);
	/* The time budget (a second of wall time) stops it first when a loaded
	 * machine leaves it little CPU: either limit is the right answer. */
	if (strstr(err.msg, "time limit"))
		cr_assert(strncmp(err.msg, "pattern too complex: time limit exceeded (", 42) == 0, "%s", err.msg);
	else
		cr_assert_str_eq(err.msg, "pattern too complex: match limit exceeded (simplify the pattern)");
	cr_assert_lt(secs, 5.0, "the limit must stop it quickly; took %.2f s", secs);
	corpus_regex_free(re);
}

/* "(a+)\\1+b" compares the backreference in one step: n^3 work within
 * every PCRE2 limit (8,000 letters: 45 s).  The time budget stops it, with
 * a message; the bound asserted is the hang, not the speed (bench/hostile.sh
 * has the figures). */
Test(regex, backreference_pattern_stops_at_time_limit)
{
	struct corpus_regex *re = compile_ok("(a+)\\1+b", false);
	struct anker_err err = { 0 };
	size_t n = 8000, a, b;
	char *s = xmalloc(n + 3);
	memset(s, 'a', n);
	memcpy(s + n, "\nb", 3);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = corpus_regex_next(re, s, n + 2, 0, &a, &b, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_assert_eq(rc, -1, "expected the time limit (-1), got %d", rc);
	cr_assert_eq(err.status, ANKER_INPUT, "expected ANKER_INPUT, got %d", err.status);
	cr_assert(strncmp(err.msg, "pattern too complex: time limit exceeded (", 42) == 0,
	          "got \"%s\"", err.msg);
	cr_assert_lt(secs, 20.0, "the time limit must stop it; took %.2f s", secs);
	free(s);
	corpus_regex_free(re);
}

/* The callout anker puts in front of a pattern goes after the options
 * PCRE2 takes only at its start, and leaves matches and error offsets as
 * the user wrote them. */
Test(regex, start_options_and_offsets_unchanged)
{
	expect_matches("(*UCP)(*LIMIT_MATCH=100000)\\w+", false, "Grüße, Übung!", "Grüße|Übung");
	expect_matches("(*CRLF)^b", false, "a\nb", "");   /* lines end in CR LF only */
	expect_matches("(*CRLF)^b", false, "a\r\nb", "b");
	expect_matches("\\w+\\d", false, "ab1 c2", "ab1|c2");
	expect_matches("(\\w)\\1", false, "Mann Boot", "nn|oo");
	struct corpus_regex *re = NULL;
	struct anker_err err = { 0 };
	cr_assert_eq(corpus_regex_compile("(*UTF)ab(cd", false, &re, &err), ANKER_INPUT);
	cr_assert(strncmp(err.msg, "bad pattern at offset 11: ", 26) == 0, "got \"%s\"", err.msg);
	cr_assert_eq(corpus_regex_compile("*ab", false, &re, &err), ANKER_INPUT);
	cr_assert(strncmp(err.msg, "bad pattern at offset 0: ", 25) == 0, "got \"%s\"", err.msg);
}

Test(regex, bad_pattern_message)
{
	struct corpus_regex *re = (struct corpus_regex *)1;
	struct anker_err err = { 0 };
	int rc = corpus_regex_compile("ab(cd", false, &re, &err);
	cr_assert_eq(rc, ANKER_INPUT, "expected ANKER_INPUT, got %d", rc);
	cr_assert_null(re, "*out must be NULL on failure");
	cr_assert_eq(strncmp(err.msg, "bad pattern at offset 5: ", 25), 0,
	             "expected \"bad pattern at offset 5: ...\", got \"%s\"", err.msg);
	cr_assert_not_null(strstr(err.msg, "missing closing parenthesis"),
	                   "expected PCRE2's reason, got \"%s\"", err.msg);

	rc = corpus_regex_compile("[z-a]", false, &re, &err);
	cr_assert_eq(rc, ANKER_INPUT, "expected ANKER_INPUT for [z-a], got %d", rc);
	cr_assert_not_null(strstr(err.msg, "bad pattern at offset"), "got \"%s\"", err.msg);

	rc = corpus_regex_compile("\xFF", false, &re, &err);
	cr_assert_eq(rc, ANKER_INPUT, "invalid UTF-8 in a pattern: expected ANKER_INPUT, got %d", rc);
}

/* Lines as grep reads them: ^ and $ at every line start and end, and no
 * match across a line end unless the pattern asks for one. */
Test(regex, lines_as_grep_reads_them)
{
	const char *t = "A: ja\nB: nein\nB: doch\nA: gut";
	expect_matches("^B:", false, t, "B:|B:");
	expect_matches("\\w+$", false, t, "ja|nein|doch|gut");
	expect_matches("^.", false, "a\n\nb", "a|b");
	/* \s and [^x] could take the line feed: they do not */
	expect_matches("ja\\s+B", false, t, "");
	expect_matches("[^:]+", false, "a: b\nc: d", "a| b|c| d");
	expect_matches("\\s+", false, "a  \n  b", "  |  ");
	expect_matches("n\\W+B", false, "nein\nB nein.. B", "n.. B");
	/* the line feed asked for */
	expect_matches("ja\\nB", false, t, "ja\nB");
	expect_matches("ja\\s+B:\\s*\\w+\\n", false, t, "ja\nB: nein\n");   /* once asked, anywhere */
	expect_matches("ja\\RB", false, t, "ja\nB");
	expect_matches("ja\\x0aB", false, t, "ja\nB");
	expect_matches("ja\\x{a}B", false, t, "ja\nB");
	expect_matches("ja\\vB", false, t, "ja\nB");
	expect_matches("(?s)ja.B", false, t, "ja\nB");
	expect_matches("ja\\s+B", false, "ja\n\nB", "");
	expect_matches("ja\nB", false, t, "ja\nB");
	expect_matches("(?s)ja\\s+B", false, "ja\n\nB", "ja\n\nB");
	/* not asked: an escaped backslash before n; asked: \x0a then b */
	expect_matches("a\\\\n\\s", false, "a\\n\nb a\\n c", "a\\n ");
	expect_matches("\\x0ab\\s", false, "a\nb c", "\nb ");
}
