/* tests/unit/test_rtf.c — the RTF reader (corpus/format_rtf.c) through
 * corpus_convert: code pages, Unicode escapes and their fallback, groups
 * and destinations, notes, comments, damaged input. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

static void expect_rtf(const char *rtf, const char *want)
{
	struct corpus_converted cv;
	struct anker_err err = {0};
	int rc = corpus_convert("t.rtf", rtf, strlen(rtf), NULL, &cv, &err);
	cr_assert_eq(rc, ANKER_OK, "%s: refused: %s", rtf, err.msg);
	cr_assert_str_eq(cv.format, "rtf");
	cr_assert_str_eq(cv.text, want, "%s: expected \"%s\", got \"%s\"", rtf, want, cv.text);
	corpus_converted_free(&cv);
}

static void expect_refused(const char *rtf, size_t len, const char *msg)
{
	struct corpus_converted cv;
	struct anker_err err = {0};
	int rc = corpus_convert("t.rtf", rtf, len, NULL, &cv, &err);
	cr_assert_eq(rc, ANKER_INPUT, "%s: expected a refusal, got %d (%s)", rtf, rc,
	             rc ? err.msg : cv.text);
	cr_assert(strstr(err.msg, msg), "%s: expected \"%s\" in \"%s\"", rtf, msg, err.msg);
}

Test(rtf, code_pages)
{
	expect_rtf("{\\rtf1\\ansi\\ansicpg1252 Gr\\'fc\\'dfe, \\'84ja\\'93 \\'80}",
	           "Grüße, „ja“ €");
	expect_rtf("{\\rtf1\\ansi\\ansicpg1251 \\'c4\\'e0}", "Да");
	/* The font's character set wins over the document's code page. */
	expect_rtf("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset204 Arial "
	           "Cyr;}}\\f0 \\'e4 {\\f1 \\'e4} \\'e4}", "ä д ä");
	expect_rtf("{\\rtf1\\mac K\\'9alln}", "Kölln");
	/* A byte the code page lacks: U+FFFD; a NUL byte: nothing. */
	expect_rtf("{\\rtf1\\ansi\\ansicpg1252 a\\'81b\\'00c}", "a\xEF\xBF\xBD" "bc");
}

Test(rtf, unicode_and_fallback)
{
	expect_rtf("{\\rtf1 \\u8364?}", "€");
	expect_rtf("{\\rtf1 \\uc2 \\u252\\'c3\\'bcber}", "über");
	expect_rtf("{\\rtf1 \\uc0 \\u252 ber}", "über");
	expect_rtf("{\\rtf1 \\u-10179?\\u-8704?}", "\xF0\x9F\x98\x80");   /* U+1F600 */
	expect_rtf("{\\rtf1 \\u-10179?x}", "\xEF\xBF\xBDx");   /* lone surrogate */
	/* \ucN is per group: the group's end restores it. */
	expect_rtf("{\\rtf1 {\\uc2 \\u252??}\\u252?}", "üü");
	expect_rtf("{\\rtf1 \\u8220\\'93Zitat\\u8221\\'94}", "“Zitat”");
}

Test(rtf, paragraphs_tabs_tables)
{
	expect_rtf("{\\rtf1 I: Frage\\par B: Antwort\\line weiter\\par}",
	           "I: Frage\nB: Antwort\nweiter");
	expect_rtf("{\\rtf1 a\\tab b\\~c\\-d\\_e}", "a\tb\xC2\xA0" "cd-e");
	expect_rtf("{\\rtf1 \\trowd\\cellx1\\cellx2 A\\cell B\\cell\\row C\\cell D\\cell\\row}",
	           "A\tB\nC\tD");
	expect_rtf("{\\rtf1 \\emdash\\endash\\lquote\\rquote\\ldblquote\\rdblquote}",
	           "—–‘’“”");
	expect_rtf("{\\rtf1 a\\{b\\}c\\\\d}", "a{b}c\\d");
}

Test(rtf, skipped_destinations)
{
	expect_rtf("{\\rtf1{\\fonttbl{\\f0 Times;}}{\\colortbl;\\red0;}{\\stylesheet{\\s0 Normal;}}"
	           "{\\info{\\title T}{\\author A}}{\\*\\generator W;}{\\*\\unknownthing x}"
	           "{\\header Kopf}{\\pict\\bin3 {}x}Text}", "Text");
	expect_rtf("{\\rtf1 {\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt Link}}}", "Link");
	expect_rtf("{\\rtf1 sicht{\\v bar}bar}", "sichtbar");
	expect_rtf("{\\rtf1 a{\\deleted weg }b{\\revised neu}}", "abneu");
	expect_rtf("{\\rtf1 {\\listtext 1.\\tab}Punkt}", "Punkt");
}

Test(rtf, notes_after_text)
{
	expect_rtf("{\\rtf1 Satz.{\\super\\chftn}{\\footnote \\pard {\\super\\chftn} Fu\\'df.}"
	           " Mehr.{\\*\\footnote\\ftnalt Ende.}\\par}",
	           "Satz.[1] Mehr.[i]\n\n---\n[1] Fuß.\n[i] Ende.");
}

Test(rtf, comments)
{
	const char *s = "{\\rtf1 vor {\\*\\atrfstart 7}Wort{\\*\\atrfend 7}{\\*\\atnid A}"
	                "{\\*\\atnauthor Anna}\\chatn{\\*\\annotation{\\*\\atnref 7}Notiz} nach}";
	struct corpus_converted cv;
	struct anker_err err = {0};
	cr_assert_eq(corpus_convert("t.rtf", s, strlen(s), NULL, &cv, &err), ANKER_OK, "%s",
	             err.msg);
	cr_assert_str_eq(cv.text, "vor Wort nach");
	cr_assert_eq(cv.ncomments, 1);
	cr_assert_eq(cv.comments[0].start, 4);
	cr_assert_eq(cv.comments[0].end, 8);
	cr_assert_str_eq(cv.comments[0].author, "Anna");
	cr_assert_str_eq(cv.comments[0].text, "Notiz");
	corpus_converted_free(&cv);
}

Test(rtf, damaged)
{
	expect_rtf("{\\rtf1 a}}", "a");   /* after the document's group: not RTF */
	expect_refused("{\\rtf1 {a}", 10, "byte 10: the file ends inside a group");
	expect_refused("{\\rtf1 \\bin99 x}", 16, "byte 7: \\bin announces more bytes");
	expect_refused("{\\rtf1 \\'4", 10, "byte 7: \\' without two hexadecimal digits");
	expect_refused("{\\rtf1 a\\", 9, "byte 8: the file ends after a backslash");
	char deep[2000] = "{\\rtf1 ";
	for (int i = 0; i < 600; i++)
		strcat(deep, "{");
	expect_refused(deep, strlen(deep), "groups nested more than 512 deep");
	expect_refused("I: kein RTF", 11, "not an RTF file: it does not start with {\\rtf");
}
