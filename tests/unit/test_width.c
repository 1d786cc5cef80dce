/* tests/unit/test_width.c — display width, fitting, visible placeholders. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

static void expect_width(const char *s, int want)
{
	int got = corpus_utf8_width(s, strlen(s));
	cr_assert_eq(got, want, "width of \"%s\": expected %d, got %d", s, want, got);
}

Test(width, ascii_and_umlauts)
{
	expect_width("", 0);
	expect_width("hello", 5);
	expect_width("Grüße aus Köln", 14);
	expect_width("„Zitat“ – …", 11);
}

Test(width, cjk_is_double)
{
	expect_width("中文", 4);
	expect_width("a中b", 4);
	expect_width("한국어", 6);
}

Test(width, emoji)
{
	expect_width("😀", 2);
	expect_width("👨‍👩‍👧", 2);           /* ZWJ family: one cluster */
	expect_width("🇩🇪", 2);               /* flag: two regional indicators */
	expect_width("🇩🇪🇫🇷", 4);
	expect_width("👍🏽", 2);              /* skin tone modifier */
	expect_width("❤", 1);                /* text presentation by default */
	expect_width("❤️", 2);               /* VS16: emoji presentation */
	expect_width("1️⃣", 2);              /* keycap */
	expect_width("x😀y", 4);
}

Test(width, combining_marks)
{
	expect_width("e\xCC\x81", 1);        /* e + COMBINING ACUTE */
	expect_width("u\xCC\x88" "ber", 4);
	expect_width("a\xCC\x81\xCC\xA3", 1);  /* two marks on one base */
	expect_width("\xCC\x81", 0);         /* a lone mark */
}

Test(width, tabs)
{
	expect_width("\t", 8);
	expect_width("ab\t", 8);
	expect_width("abcdefgh\tx", 17);
	int cols;
	size_t n = corpus_utf8_fit("\tx", 2, 3, -1, &cols);
	cr_assert(n == 2 && cols == 6, "tab at column 3: expected 5+1 columns, got %d", cols);
}

Test(width, controls_and_invalid)
{
	expect_width("\x1b", 2);       /* ^[ */
	expect_width("\x7f", 2);       /* ^? */
	expect_width("\n", 2);         /* ^J */
	expect_width("\r", 2);
	expect_width("\xC2\x85", 8);   /* <U+0085> */
	expect_width("\xFF", 4);       /* <FF> */
	expect_width("a\xC3", 5);      /* truncated sequence: one invalid byte */
	expect_width("\xED\xA0\x80", 12);  /* surrogate: three invalid bytes */
}

static void expect_fit(const char *s, int max, size_t bytes, int cols)
{
	int got_cols = -1;
	size_t got = corpus_utf8_fit(s, strlen(s), 0, max, &got_cols);
	cr_assert_eq(got, bytes, "fit \"%s\" in %d: expected %zu bytes, got %zu", s, max, bytes, got);
	cr_assert_eq(got_cols, cols, "fit \"%s\" in %d: expected %d cols, got %d", s, max, cols,
	             got_cols);
}

Test(width, shown_by_number)
{
	expect_width("\xE2\x80\xAE", 8);      /* U+202E RIGHT-TO-LEFT OVERRIDE */
	expect_width("\xE2\x81\xA6", 8);      /* U+2066 LEFT-TO-RIGHT ISOLATE */
	expect_width("\xE2\x80\xA8", 8);      /* U+2028 LINE SEPARATOR */
	expect_width("\xF4\x8F\xBF\xBF", 10); /* U+10FFFF, a noncharacter */
	expect_width("\xF3\xA0\x82\x80", 9);  /* U+E0080, unassigned */
	expect_width("\xE2\x80\x8F", 0);      /* U+200F RLM stays */
}

Test(fit, never_splits_a_cluster)
{
	expect_fit("Grüße", 3, 4, 3);
	expect_fit("ae\xCC\x81" "b", 2, 4, 2);       /* é stays whole */
	expect_fit("ae\xCC\x81" "b", 1, 1, 1);
	expect_fit("中文", 3, 3, 2);                 /* no half of 文 */
	expect_fit("👨‍👩‍👧x", 1, 0, 0);
	expect_fit("👨‍👩‍👧x", 2, 18, 2);
	expect_fit("🇩🇪x", 2, 8, 2);
	expect_fit("abc", 0, 0, 0);
	expect_fit("abc", -1, 3, 3);
	expect_fit("a\x1b" "b", 2, 1, 1);            /* ^[ does not fit in one column */
}

/* Every prefix fit returns must be as wide as it says and end at a place
 * where the next piece would not fit. */
Test(fit, prefixes_consistent)
{
	const char *s = "Zä\xCC\x88 中😀👨‍👩‍👧\t🇩🇪e\xCC\x81\x1b\xC2\x85\xFFx";
	size_t len = strlen(s);
	int total = corpus_utf8_width(s, len);
	for (int max = 0; max <= total; max++) {
		int cols;
		size_t n = corpus_utf8_fit(s, len, 0, max, &cols);
		cr_assert_leq(cols, max, "max %d: %d columns used", max, cols);
		cr_assert_eq(corpus_utf8_width(s, n), cols, "max %d: prefix width differs", max);
		if (n < len) {
			/* Restarting at n (with its column) fits nothing more,
			 * and measures the rest as the whole did: n is a
			 * cluster boundary. */
			int more, rest;
			size_t next = corpus_utf8_fit(s + n, len - n, cols, max - cols, &more);
			cr_assert_eq(next, 0, "max %d: %zu more bytes (%d cols) fit after %zu", max,
			             next, more, n);
			corpus_utf8_fit(s + n, len - n, cols, -1, &rest);
			cr_assert_eq(cols + rest, total, "max %d: split at %zu changes the width", max, n);
		}
	}
}

static char *visible(const char *s, bool expand, bool keep)
{
	struct strbuf sb = { 0 };
	corpus_utf8_visible(&sb, s, strlen(s), expand, keep);
	return sb_steal(&sb);
}

static void expect_visible(const char *s, bool expand, bool keep, const char *want)
{
	char *got = visible(s, expand, keep);
	cr_assert_str_eq(got, want, "visible: expected \"%s\", got \"%s\"", want, got);
	free(got);
}

Test(visible, placeholders)
{
	expect_visible("a\x1b[31mb", false, false, "a^[[31mb");
	expect_visible("x\x7fy", false, false, "x^?y");
	expect_visible("\x01\x1f", false, false, "^A^_");
	expect_visible("a\rb", false, false, "a^Mb");
	expect_visible("a\xC2\x85z", false, false, "a<U+0085>z");
	expect_visible("\xC2\x9B", false, false, "<U+009B>");   /* C1 CSI */
	expect_visible("a\xFFz", false, false, "a<FF>z");
	expect_visible("\xC3(", false, false, "<C3>(");
}

Test(visible, text_passes_unchanged)
{
	const char *s = "Grüße „Zitat“ 中文 😀 👨‍👩‍👧 🇩🇪 e\xCC\x81";
	expect_visible(s, true, true, s);
	expect_visible("", true, true, "");
}

Test(visible, tabs_and_newlines)
{
	expect_visible("a\tb", true, false, "a       b");
	expect_visible("中\tb", true, false, "中      b");
	expect_visible("a\tb", false, false, "a\tb");
	expect_visible("a\nb", false, true, "a\nb");
	expect_visible("a\nb", false, false, "a^Jb");
	expect_visible("abc\n\tx", true, true, "abc\n        x");
}

Test(visible, width_matches_placeholders)
{
	const char *s = "a\x1b\xC2\x85\xFF\x7f中😀e\xCC\x81\tz\n";
	char *v = visible(s, true, false);
	int ws = corpus_utf8_width(s, strlen(s)), wv = corpus_utf8_width(v, strlen(v));
	cr_assert_eq(ws, wv, "width of text (%d) and of what is shown (%d, \"%s\") differ", ws, wv, v);
	free(v);
}
