/* tests/unit/test_text.c — corpus_normalize, corpus_text_given, the position
 * index, sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

/* Normalise s (length n) and expect success. */
static struct corpus_norm norm_ok(const char *s, size_t n, bool lossy)
{
	struct corpus_norm out;
	struct anker_err err = { 0 };
	int rc = corpus_normalize(s, n, lossy, &out, &err);
	cr_assert_eq(rc, ANKER_OK, "expected success, got status %d: %s", rc, err.msg);
	cr_assert_not_null(out.text, "text must never be NULL on success");
	cr_assert_eq(strlen(out.text), out.len, "len %zu but strlen %zu", out.len, strlen(out.text));
	return out;
}

/* Normalise and expect ANKER_INPUT with a message containing want. */
static void norm_fails(const char *s, size_t n, bool lossy, const char *want)
{
	struct corpus_norm out;
	struct anker_err err = { 0 };
	int rc = corpus_normalize(s, n, lossy, &out, &err);
	cr_assert_eq(rc, ANKER_INPUT, "expected ANKER_INPUT for \"%s\", got %d", want, rc);
	cr_assert_not_null(strstr(err.msg, want), "expected message containing \"%s\", got \"%s\"",
	                   want, err.msg);
}

static void expect_text(const char *in, size_t n, const char *want, size_t chars)
{
	struct corpus_norm o = norm_ok(in, n, false);
	cr_assert_str_eq(o.text, want, "normalised text differs");
	cr_assert_eq(o.chars, chars, "expected %zu code points, got %zu", chars, o.chars);
	free(o.text);
}

#define S(lit) lit, sizeof lit - 1

Test(normalize, ascii_unchanged)
{
	expect_text(S("Hallo Welt.\nZweite Zeile, etwas laenger als acht Bytes.\n"),
	            "Hallo Welt.\nZweite Zeile, etwas laenger als acht Bytes.\n", 56);
}

Test(normalize, empty_input)
{
	struct corpus_norm o = norm_ok("", 0, false);
	cr_assert_eq(o.len, 0, "expected len 0, got %zu", o.len);
	cr_assert_eq(o.chars, 0, "expected 0 chars, got %zu", o.chars);
	cr_assert_str_eq(o.text, "");
	free(o.text);
}

Test(normalize, umlauts_quotes_cjk_emoji)
{
	expect_text(S("Grüße aus Köln"), "Grüße aus Köln", 14);
	expect_text(S("„Zitat“ – sagt sie…"), "„Zitat“ – sagt sie…", 19);
	expect_text(S("中文字"), "中文字", 3);
	/* Family: man ZWJ woman ZWJ girl = 5 code points; a flag = 2. */
	expect_text(S("👨‍👩‍👧 🇩🇪"), "👨‍👩‍👧 🇩🇪", 8);
}

Test(normalize, nfd_becomes_nfc)
{
	expect_text(S("Cafe\xCC\x81"), "Café", 4);
	expect_text(S("u\xCC\x88" "ber"), "über", 4);
	/* Singleton: ANGSTROM SIGN becomes A WITH RING ABOVE. */
	expect_text(S("\xE2\x84\xAB"), "\xC3\x85", 1);
	/* Conjoining jamo L V compose to a Hangul syllable. */
	expect_text(S("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80", 1);
}

Test(normalize, nfc_in_later_chunk_of_large_text)
{
	/* More than one NFC chunk: the combining mark sits after 2 MB. */
	size_t n = 3u << 20;
	char *in = malloc(n + 3);
	for (size_t i = 0; i < n; i++)
		in[i] = (i % 100 == 99) ? '\n' : 'a' + (char)(i % 26);
	memcpy(in + (2u << 20) + 10, "e\xCC\x81", 3);
	struct corpus_norm o = norm_ok(in, n, false);
	cr_assert_eq(o.len, n - 1, "3 bytes e+U+0301 should become 2 bytes é: len %zu", o.len);
	cr_assert_eq(memcmp(o.text + (2u << 20) + 10, "\xC3\xA9", 2), 0, "expected é in place");
	cr_assert_eq(o.chars, n - 2, "expected %zu chars, got %zu", n - 2, o.chars);
	free(o.text);
	free(in);
}

Test(normalize, line_ends)
{
	struct corpus_norm o = norm_ok(S("a\r\nb\r\n"), false);
	cr_assert_str_eq(o.text, "a\nb\n");
	cr_assert(o.had_crlf, "CRLF must be reported");
	free(o.text);
	expect_text(S("a\rb\r"), "a\nb\n", 4);
	expect_text(S("a\r\r\nb"), "a\n\nb", 4);
	/* A CR inside the 8-byte fast path. */
	expect_text(S("abcdefghijk\r\nlmnopqrstuvwxyz"), "abcdefghijk\nlmnopqrstuvwxyz", 27);
	o = norm_ok(S("a\nb\n"), false);
	cr_assert_not(o.had_crlf, "LF-only input must not report CRLF");
	free(o.text);
}

Test(normalize, bom)
{
	struct corpus_norm o = norm_ok(S("\xEF\xBB\xBFTitel\n"), false);
	cr_assert_str_eq(o.text, "Titel\n");
	cr_assert(o.had_bom, "BOM must be reported");
	cr_assert_eq(o.chars, 6, "expected 6 chars, got %zu", o.chars);
	free(o.text);
	o = norm_ok(S("\xEF\xBB\xBF"), false);
	cr_assert_eq(o.len, 0, "a BOM alone is empty text, got len %zu", o.len);
	free(o.text);
	/* Offsets count the BOM: they are offsets in the raw file. */
	norm_fails(S("\xEF\xBB\xBF" "ab\xFF"), false, "byte offset 5:");
}

Test(normalize, invalid_utf8_kinds)
{
	norm_fails(S("ab\xC3\x28"), false,
	           "byte offset 2: invalid UTF-8 (bytes 0xC3 0x28");
	norm_fails(S("x\x80y"), false,
	           "byte offset 1: invalid UTF-8 (byte 0x80: unexpected continuation");
	norm_fails(S("\xC0\xAF"), false,
	           "byte offset 0: invalid UTF-8 (bytes 0xC0 0xAF: overlong");
	norm_fails(S("ok \xE0\x80\xAF"), false,
	           "byte offset 3: invalid UTF-8 (bytes 0xE0 0x80: overlong");
	norm_fails(S("\xF0\x80\x80\xAF"), false,
	           "byte offset 0: invalid UTF-8 (bytes 0xF0 0x80: overlong");
	norm_fails(S("ab\xED\xA0\x80"), false,
	           "byte offset 2: invalid UTF-8 (bytes 0xED 0xA0: UTF-16 surrogate");
	norm_fails(S("\xF4\x90\x80\x80"), false,
	           "byte offset 0: invalid UTF-8 (bytes 0xF4 0x90: code point beyond U+10FFFF");
	norm_fails(S("\xF5\x80\x80\x80"), false,
	           "byte offset 0: invalid UTF-8 (byte 0xF5: byte never valid in UTF-8)");
	norm_fails(S("\xFF"), false,
	           "byte offset 0: invalid UTF-8 (byte 0xFF: byte never valid in UTF-8)");
	norm_fails(S("abc\xE2\x82"), false,
	           "byte offset 3: invalid UTF-8 (bytes 0xE2 0x82: sequence truncated");
	norm_fails(S("Grüße \xE2\x82x"), false,
	           "byte offset 8: invalid UTF-8 (bytes 0xE2 0x82 0x78: incomplete");
	/* After the 8-byte fast path. */
	norm_fails(S("0123456789abcdefghij\x80"), false, "byte offset 20:");
}

Test(normalize, lossy_replacement)
{
	struct corpus_norm o = norm_ok(S("a\xC3\x28" "b"), true);
	cr_assert_str_eq(o.text, "a\xEF\xBF\xBD(b");
	cr_assert_eq(o.replaced, 1, "expected 1 replaced byte, got %zu", o.replaced);
	cr_assert_eq(o.chars, 4, "expected 4 chars, got %zu", o.chars);
	free(o.text);

	/* Unicode's example of maximal subparts (chapter 3, U+FFFD substitution). */
	o = norm_ok(S("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"), true);
	cr_assert_str_eq(o.text, "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD"
	                 "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
	cr_assert_eq(o.replaced, 9, "expected 9 replaced bytes, got %zu", o.replaced);
	free(o.text);

	/* Growth: every byte becomes three. */
	char bad[1000];
	memset(bad, 0xFF, sizeof bad);
	o = norm_ok(bad, sizeof bad, true);
	cr_assert_eq(o.len, 3000, "expected 3000 bytes, got %zu", o.len);
	cr_assert_eq(o.replaced, 1000, "expected 1000 replaced, got %zu", o.replaced);
	cr_assert_eq(o.chars, 1000, "expected 1000 chars, got %zu", o.chars);
	free(o.text);

	o = norm_ok(S("valid ü"), true);
	cr_assert_eq(o.replaced, 0, "valid text: nothing replaced, got %zu", o.replaced);
	free(o.text);
}

Test(normalize, nul_byte)
{
	norm_fails(S("ab\0c"), false, "byte offset 2: NUL byte (binary file?)");
	norm_fails(S("ab\0c"), true, "byte offset 2: NUL byte");
	norm_fails(S("0123456789abcdef\0"), false, "byte offset 16: NUL byte");
}

/* The ASCII before a byte that needs a look is copied eight bytes at a
 * time: at every offset in German text (two-byte umlauts, a three-byte
 * quote), a NUL, a stray continuation byte and a CR are each found where
 * they are, and a CR becomes a LF. */
Test(normalize, special_byte_at_every_offset)
{
	static const char base[] = "Die Bürger \xE2\x80\x9Emüssen\xE2\x80\x9C das Portal öffnen, "
	                           "weil es ßo ist.";
	size_t n = sizeof base - 1;
	char buf[sizeof base], want[64];
	for (size_t at = 0; at < n; at++) {
		if (((unsigned char)base[at] & 0xC0) == 0x80)
			continue;   /* not at a character's start */
		memcpy(buf, base, n);
		buf[at] = '\0';
		snprintf(want, sizeof want, "byte offset %zu: NUL byte", at);
		norm_fails(buf, n, false, want);
		buf[at] = '\x80';
		snprintf(want, sizeof want, "byte offset %zu: invalid UTF-8", at);
		norm_fails(buf, n, false, want);
		if ((unsigned char)base[at] >= 0x80)
			continue;   /* a CR for a multi-byte character changes the length */
		buf[at] = '\r';
		struct corpus_norm o = norm_ok(buf, n, false);
		memcpy(buf, base, n + 1);
		buf[at] = '\n';
		cr_expect_str_eq(o.text, buf, "CR at %zu", at);
		cr_expect_eq(o.chars, corpus_utf8_count(buf, n));
		free(o.text);
	}
}

Test(normalize, utf8_count)
{
	cr_assert_eq(corpus_utf8_count(S("")), 0);
	cr_assert_eq(corpus_utf8_count(S("abc")), 3);
	size_t n = corpus_utf8_count(S("Grüße 中文 😀"));
	cr_assert_eq(n, 10, "expected 10 code points, got %zu", n);
}

/* ---------------------------------------------------------------------- */

static size_t naive_byte(const char *s, size_t len, size_t cp)
{
	size_t b = 0;
	while (b < len && cp > 0) {
		b++;
		while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80)
			b++;
		cp--;
	}
	return b;
}

static size_t naive_cp(const char *s, size_t byte)
{
	size_t cp = 0;
	for (size_t i = 0; i < byte; i++)
		cp += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cp;
}

Test(positions, line_counts)
{
	static const struct {
		const char *s;
		size_t lines;
	} cases[] = { { "", 0 }, { "a", 1 }, { "a\n", 1 }, { "a\nb", 2 }, { "a\nb\n", 2 },
	              { "\n", 1 }, { "\n\n", 2 }, { "a\n\n", 2 } };
	/* The LF that ends a text ends its last paragraph and starts none
	 * (issue 15): a file of 100 lines has 100 paragraphs. */
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct corpus_text t;
		corpus_text_index(&t, cases[k].s, strlen(cases[k].s));
		cr_assert_eq(t.nlines, cases[k].lines, "\"%s\": expected %zu lines, got %zu",
		             cases[k].s, cases[k].lines, t.nlines);
		corpus_text_free(&t);
	}
}

Test(positions, paragraphs)
{
	const char *s = "eins\nzwei ü\n\ndrei";
	struct corpus_text t;
	size_t a, b;

	corpus_text_index(&t, s, strlen(s));
	cr_assert_eq(t.chars, 17, "expected 17 chars, got %zu", t.chars);
	cr_assert_not(t.ascii, "text with ü is not ASCII");
	cr_assert_eq(corpus_text_para(&t, 0), 1);
	cr_assert_eq(corpus_text_para(&t, 4), 1, "the LF belongs to its line");
	cr_assert_eq(corpus_text_para(&t, 5), 2);
	cr_assert_eq(corpus_text_para(&t, 12), 3, "the empty line is paragraph 3");
	cr_assert_eq(corpus_text_para(&t, 13), 4);
	cr_assert_eq(corpus_text_para(&t, 17), 4, "cp == chars gives the last paragraph");
	corpus_text_para_range(&t, 2, &a, &b);
	cr_assert(a == 5 && b == 11, "paragraph 2: expected [5,11), got [%zu,%zu)", a, b);
	corpus_text_para_range(&t, 3, &a, &b);
	cr_assert(a == 12 && b == 12, "paragraph 3: expected [12,12), got [%zu,%zu)", a, b);
	corpus_text_para_range(&t, 4, &a, &b);
	cr_assert(a == 13 && b == 17, "paragraph 4: expected [13,17), got [%zu,%zu)", a, b);
	cr_assert_eq(corpus_text_byte(&t, 10), 10, "ü starts at byte 10");
	cr_assert_eq(corpus_text_byte(&t, 11), 12, "LF after ü is at byte 12");
	cr_assert_eq(corpus_text_cp(&t, 12), 11);
	cr_assert_eq(corpus_text_byte(&t, 99), strlen(s), "cp beyond the end clamps to len");
	corpus_text_free(&t);
}

/* A final LF: the paragraphs and positions before it are those of the text
 * without it; the end of the text is in the last paragraph. */
Test(positions, final_line_feed)
{
	const char *s = "eins\n\nzwei\n";
	struct corpus_text t;
	size_t a, b, cps[2] = { 10, 11 }, bytes[2], paras[2];

	corpus_text_index(&t, s, strlen(s));
	cr_assert_eq(t.nlines, 3, "expected 3 paragraphs, got %zu", t.nlines);
	cr_assert_eq(corpus_text_para(&t, 10), 3, "the final LF belongs to paragraph 3");
	cr_assert_eq(corpus_text_para(&t, 11), 3, "cp == chars gives the last paragraph");
	corpus_text_para_range(&t, 3, &a, &b);
	cr_assert(a == 6 && b == 10, "paragraph 3: expected [6,10), got [%zu,%zu)", a, b);
	corpus_text_para_range(&t, 2, &a, &b);
	cr_assert(a == 5 && b == 5, "paragraph 2: expected [5,5), got [%zu,%zu)", a, b);
	corpus_text_para_range(&t, 4, &a, &b);
	cr_assert(a == 11 && b == 11, "no paragraph 4: expected [11,11), got [%zu,%zu)", a, b);
	corpus_text_locate(s, strlen(s), cps, 2, bytes, paras);
	cr_assert(paras[0] == 3 && paras[1] == 3, "located: expected paragraphs 3 3, got %zu %zu",
	          paras[0], paras[1]);
	corpus_text_free(&t);
	corpus_text_index(&t, "\n", 1);
	corpus_text_para_range(&t, 1, &a, &b);
	cr_assert(t.nlines == 1 && a == 0 && b == 0, "\"\\n\": one empty paragraph [0,0), got %zu "
	          "[%zu,%zu)", t.nlines, a, b);
	corpus_text_free(&t);
}

Test(positions, empty_text)
{
	struct corpus_text t;
	corpus_text_index(&t, "", 0);
	cr_assert_eq(t.chars, 0);
	cr_assert_eq(corpus_text_byte(&t, 0), 0);
	cr_assert_eq(corpus_text_cp(&t, 0), 0);
	cr_assert_eq(corpus_text_para(&t, 0), 0, "empty text has no paragraph");
	corpus_text_free(&t);
}

Test(positions, ascii_identity)
{
	const char *s = "plain ascii\ntext";
	struct corpus_text t;
	corpus_text_index(&t, s, strlen(s));
	cr_assert(t.ascii, "pure ASCII must be flagged");
	for (size_t i = 0; i <= t.len; i++) {
		cr_assert_eq(corpus_text_byte(&t, i), i);
		cr_assert_eq(corpus_text_cp(&t, i), i);
	}
	corpus_text_free(&t);
}

/* Mixed text: 1-, 2-, 3- and 4-byte code points. */
static char *mixed_text(size_t bytes, bool newlines, unsigned seed)
{
	static const char *pieces[] = { "a", "b", " ", "ü", "ß", "中", "😀", "„", "x", "." };
	char *s = malloc(bytes + 8);
	size_t n = 0;
	srand(seed);
	while (n < bytes) {
		const char *p = pieces[rand() % 10];
		if (newlines && rand() % 50 == 0)
			p = "\n";
		size_t l = strlen(p);
		memcpy(s + n, p, l);
		n += l;
	}
	s[n] = '\0';
	return s;
}

Test(positions, five_megabyte_single_line)
{
	char *s = mixed_text(5u << 20, false, 7);
	size_t len = strlen(s);
	struct corpus_text t;

	corpus_text_index(&t, s, len);
	cr_assert_eq(t.nlines, 1, "one line expected, got %zu", t.nlines);
	cr_assert_eq(t.chars, naive_cp(s, len), "chars differ from a naive count");
	size_t probes[] = { 0, 1, 63, 64, 65, 1000, t.chars / 2, t.chars - 1, t.chars };
	for (size_t k = 0; k < sizeof probes / sizeof *probes; k++) {
		size_t cp = probes[k], want = naive_byte(s, len, cp);
		size_t got = corpus_text_byte(&t, cp);
		cr_assert_eq(got, want, "cp %zu: expected byte %zu, got %zu", cp, want, got);
		cr_assert_eq(corpus_text_cp(&t, got), cp, "byte %zu: expected cp %zu", got, cp);
	}
	size_t a, b;
	corpus_text_para_range(&t, 1, &a, &b);
	cr_assert(a == 0 && b == t.chars, "the only paragraph spans all: [%zu,%zu)", a, b);
	corpus_text_free(&t);
	free(s);
}

Test(positions, random_round_trips)
{
	char *s = mixed_text(200000, true, 42);
	size_t len = strlen(s);
	struct corpus_text t;

	corpus_text_index(&t, s, len);
	srand(4242);
	for (int k = 0; k < 2000; k++) {
		size_t cp = (size_t)rand() % (t.chars + 1);
		size_t want = naive_byte(s, len, cp), got = corpus_text_byte(&t, cp);
		cr_assert_eq(got, want, "cp %zu: expected byte %zu, got %zu", cp, want, got);
		size_t back = corpus_text_cp(&t, got);
		cr_assert_eq(back, cp, "byte %zu: expected cp %zu, got %zu", got, cp, back);
		/* Paragraph by counting LFs before cp. */
		size_t para = 1;
		for (size_t i = 0; i < got; i++)
			para += s[i] == '\n';
		cr_assert_eq(corpus_text_para(&t, cp), para, "cp %zu: expected paragraph %zu", cp, para);
	}
	corpus_text_free(&t);
	free(s);
}

/* ---------------------------------------------------------------------- */

/* The sentence around the first occurrence of needle in s. */
static char *sentence(const char *s, const char *needle)
{
	struct corpus_text t;
	size_t a, b;
	const char *at = strstr(s, needle);

	cr_assert_not_null(at, "test error: \"%s\" not in text", needle);
	corpus_text_index(&t, s, strlen(s));
	corpus_sentence_at(&t, corpus_text_cp(&t, (size_t)(at - s)), &a, &b);
	size_t ba = corpus_text_byte(&t, a), bb = corpus_text_byte(&t, b);
	char *r = strndup(s + ba, bb - ba);
	corpus_text_free(&t);
	return r;
}

static void expect_sentence(const char *s, const char *needle, const char *want)
{
	char *got = sentence(s, needle);
	cr_assert_str_eq(got, want, "sentence at \"%s\": expected \"%s\", got \"%s\"", needle, want,
	                 got);
	free(got);
}

Test(sentence, simple_boundaries)
{
	const char *s = "Erster Satz. Zweiter Satz! Dritter?! Vierter… Fünfter.";
	expect_sentence(s, "Erster", "Erster Satz.");
	expect_sentence(s, "Satz.", "Erster Satz.");
	expect_sentence(s, "Zweiter", "Zweiter Satz!");
	expect_sentence(s, "Dritter", "Dritter?!");
	expect_sentence(s, "Vierter", "Vierter…");
	expect_sentence(s, "Fünfter", "Fünfter.");
}

Test(sentence, german_abbreviations)
{
	const char *s = "Wir nutzen z.B. Moodle, d.h. eine Plattform, u.a. für Tests bzw. "
	                "Quizze, ca. zehn Stück. Dr. Weber und Nr. 5 sind insb. ggf. dabei, "
	                "vgl. oben, usw. und i.d.R. pünktlich. Ende.";
	expect_sentence(s, "Wir",
	                "Wir nutzen z.B. Moodle, d.h. eine Plattform, u.a. für Tests bzw. Quizze, "
	                "ca. zehn Stück.");
	expect_sentence(s, "Weber",
	                "Dr. Weber und Nr. 5 sind insb. ggf. dabei, vgl. oben, usw. und i.d.R. "
	                "pünktlich.");
	expect_sentence(s, "Ende", "Ende.");
}

Test(sentence, ordinals_initials_and_quotes)
{
	expect_sentence("Die 2. Stufe beginnt. Dann geht es weiter.", "Stufe",
	                "Die 2. Stufe beginnt.");
	expect_sentence("Frau K. kam spät. Sie sagte: „Nein.“ Dann ging sie.", "Nein",
	                "Sie sagte: „Nein.“");
	expect_sentence("Frau K. kam spät. Sie sagte: „Nein.“ Dann ging sie.", "kam",
	                "Frau K. kam spät.");
	expect_sentence("Er meinte (wirklich!) das. Gut.", "Gut", "Gut.");
	expect_sentence("Das geht z. B. so. Fertig.", "geht", "Das geht z. B. so.");
}

Test(sentence, stays_in_paragraph)
{
	const char *s = "Erste Zeile ohne Punkt\nZweite Zeile. Noch ein Satz\n";
	expect_sentence(s, "Erste", "Erste Zeile ohne Punkt");
	expect_sentence(s, "Noch", "Noch ein Satz");
	expect_sentence(s, "Zweite", "Zweite Zeile.");
}

Test(sentence, empty_paragraph)
{
	struct corpus_text t;
	size_t a, b;
	const char *s = "Satz.\n\nNoch einer.";
	corpus_text_index(&t, s, strlen(s));
	corpus_sentence_at(&t, 6, &a, &b);
	cr_assert(a == 6 && b == 6, "empty paragraph: expected [6,6), got [%zu,%zu)", a, b);
	corpus_text_free(&t);
}

/* The index's eight-bytes-at-a-time path: ASCII runs of every length
 * between umlauts and line feeds, checked against a byte-by-byte count. */
Test(positions, ascii_runs_match_naive_count)
{
	struct strbuf sb = {0};
	unsigned seed = 7;
	for (int k = 0; k < 3000; k++) {
		seed = seed * 1103515245u + 12345u;
		int run = (int)(seed >> 16) % 150;
		for (int j = 0; j < run; j++)
			sb_addc(&sb, (char)('a' + j % 26));
		seed = seed * 1103515245u + 12345u;
		sb_adds(&sb, (seed >> 16) % 3 == 0 ? "\n" : (seed >> 16) % 3 == 1 ? "ä" : "€");
	}
	struct corpus_text t;
	cr_assert_eq(corpus_text_index(&t, sb.buf, sb.len), ANKER_OK);
	size_t cp = 0, line = 1;
	for (size_t i = 0; i < sb.len; i++) {
		unsigned char b = (unsigned char)sb.buf[i];
		if ((b & 0xC0) == 0x80)
			continue;
		cr_assert_eq(corpus_text_byte(&t, cp), i, "byte of cp %zu: expected %zu, got %zu", cp, i,
		             corpus_text_byte(&t, cp));
		cr_assert_eq(corpus_text_cp(&t, i), cp, "cp of byte %zu", i);
		cr_assert_eq(corpus_text_para(&t, cp), line, "paragraph of cp %zu", cp);
		if (b == '\n')
			line++;
		cp++;
	}
	cr_assert_eq(t.chars, cp);
	cr_assert_eq(t.nlines, line);
	corpus_text_free(&t);
	sb_free(&sb);
}

/* corpus_text_locate against the index, on text whose multi-byte
 * characters fall across every eight-byte boundary. */
Test(positions, locate_matches_the_index)
{
	struct strbuf sb = {0};
	unsigned seed = 11;
	static const char *const pieces[] = { "a", "ä", "€", "😀", "\n", "bcdefgh", "e\xcc\x81" };
	for (int k = 0; k < 20000; k++) {
		seed = seed * 1103515245u + 12345u;
		sb_adds(&sb, pieces[(seed >> 16) % 7]);
	}
	struct corpus_text t;
	cr_assert_eq(corpus_text_index(&t, sb.buf, sb.len), ANKER_OK);
	size_t n = 0, *cps = xcalloc(t.chars + 1, sizeof *cps);
	for (size_t cp = 0; cp <= t.chars; cp += 1 + cp % 5)
		cps[n++] = cp;
	size_t *bytes = xcalloc(n, sizeof *bytes), *paras = xcalloc(n, sizeof *paras);
	corpus_text_locate(sb.buf, sb.len, cps, n, bytes, paras);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(bytes[i], corpus_text_byte(&t, cps[i]), "byte of cp %zu: %zu, index says %zu",
		             cps[i], bytes[i], corpus_text_byte(&t, cps[i]));
		if (cps[i] < t.chars)
			cr_assert_eq(paras[i], corpus_text_para(&t, cps[i]), "paragraph of cp %zu", cps[i]);
	}
	free(cps);
	free(bytes);
	free(paras);
	corpus_text_free(&t);
	sb_free(&sb);
}

/* corpus_text_spans: a few spans (located in one pass) and many (through
 * an index) give the same paragraphs and texts, and the citation of a
 * paragraph range. */
Test(positions, spans_few_and_many_agree)
{
	static const char text[] = "Erste Zeile\nzweite – mit €\n\nvierte: Ende";
	size_t len = sizeof text - 1, chars = corpus_utf8_count(text, len);
	struct corpus_span few[3] = { { .start = 0, .end = 5 }, { .start = 12, .end = 28 },
	                              { .start = 26, .end = chars } };
	corpus_text_spans(text, len, few, 3, true);
	cr_expect_str_eq(few[0].text, "Erste");
	cr_expect_str_eq(few[1].text, "zweite – mit €\n\n");
	cr_expect_eq(few[1].para_first, 2);
	cr_expect_eq(few[1].para_last, 3, "the LF ending paragraph 3 belongs to it");
	cr_expect_str_eq(few[2].text, "\n\nvierte: Ende");
	cr_expect_eq(few[2].para_last, 4);
	/* Every range of the text, many spans at once: the index. */
	size_t n = 0;
	struct corpus_span *many = calloc(chars * (chars + 1) / 2 + chars + 1, sizeof *many);
	for (size_t s = 0; s <= chars; s++)
		for (size_t e = s; e <= chars; e++)
			many[n++] = (struct corpus_span){ .start = s, .end = e + 3 * (e == chars) };
	corpus_text_spans(text, len, many, n, true);
	for (size_t i = 0; i < n; i++) {
		struct corpus_span one = { .start = many[i].start, .end = many[i].end };
		corpus_text_spans(text, len, &one, 1, true);
		cr_assert_str_eq(one.text, many[i].text, "text of %zu-%zu", one.start, one.end);
		cr_assert_eq(one.para_first, many[i].para_first, "first paragraph of %zu-%zu", one.start,
		             one.end);
		cr_assert_eq(one.para_last, many[i].para_last, "last paragraph of %zu-%zu", one.start,
		             one.end);
		free(one.text);
		free(many[i].text);
	}
	free(many);
	for (int i = 0; i < 3; i++)
		free(few[i].text);
	struct strbuf sb = {0};
	corpus_citation(&sb, "Interview 01", 2, 3);
	corpus_citation(&sb, NULL, 4, 4);
	cr_expect_str_eq(sb_str(&sb), "Interview 01, Pos. 2–3Pos. 4");
	sb_free(&sb);
}

/* Many spans without their texts (paragraphs only, searched from the
 * previous span's) against one span at a time (corpus_text_locate), on
 * random UTF-8 with line feeds, empty lines and a final one, spans in
 * document order and shuffled, some past the end. */
Test(positions, spans_paragraphs_only_agree)
{
	static const char *const pieces[] = { "a", "ä", "€", "😀", "\n", "bcdefgh", "e\xcc\x81",
	                                      "\n\n" };
	unsigned seed = 7;
	for (int round = 0; round < 40; round++) {
		struct strbuf sb = {0};
		int npieces = 1 + round * 97 % 3000;
		for (int k = 0; k < npieces; k++) {
			seed = seed * 1103515245u + 12345u;
			sb_adds(&sb, pieces[(seed >> 16) % 8]);
		}
		if (round % 4 == 0)
			sb_adds(&sb, "\n");
		size_t chars = corpus_utf8_count(sb.buf, sb.len), n = 300;
		struct corpus_span *v = xcalloc(n, sizeof *v);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			size_t s = round % 2 ? (seed >> 8) % (chars + 1) : i * chars / n;
			v[i] = (struct corpus_span){ .start = s, .end = s + (seed >> 20) % 300 };
		}
		corpus_text_spans(sb.buf, sb.len, v, n, false);
		for (size_t i = 0; i < n; i++) {
			struct corpus_span one = { .start = v[i].start, .end = v[i].end };
			corpus_text_spans(sb.buf, sb.len, &one, 1, false);
			cr_assert_eq(v[i].para_first, one.para_first, "round %d: first paragraph of %zu-%zu",
			             round, one.start, one.end);
			cr_assert_eq(v[i].para_last, one.para_last, "round %d: last paragraph of %zu-%zu",
			             round, one.start, one.end);
			cr_assert_null(v[i].text);
		}
		free(v);
		sb_free(&sb);
	}
}

/* Text kept as given that comes from a file (a note, a name): refused as
 * source text is, with the byte offset; NFC; line ends and a BOM as they
 * were, so that anker's own exports come back the same. */
Test(given, checked_nfc_line_ends_kept)
{
	struct anker_err err = { 0 };
	char *out = (char *)"untouched";
	cr_expect_eq(corpus_text_given("x.qdpx: n.txt", S("ab\xc3(cd"), &out, &err), ANKER_INPUT);
	cr_expect_null(out);
	cr_expect_str_eq(err.msg, "x.qdpx: n.txt: byte offset 2: invalid UTF-8 (bytes 0xC3 0x28: "
	                 "incomplete sequence)");
	cr_expect_eq(corpus_text_given("n", S("vor\0nach"), &out, &err), ANKER_INPUT);
	cr_expect(strstr(err.msg, "n: byte offset 3: NUL byte") != NULL, "%s", err.msg);
	cr_assert_eq(corpus_text_given("n", S("Gro\xcc\x88\xc3\x9f" "e"), &out, &err), ANKER_OK);
	cr_expect_str_eq(out, "Gr\xc3\xb6\xc3\x9f" "e");
	free(out);
	cr_assert_eq(corpus_text_given("n", S("\xef\xbb\xbf" "a\xcc\x88\r\nb\rc"), &out, &err),
	             ANKER_OK);
	cr_expect_str_eq(out, "\xef\xbb\xbf\xc3\xa4\r\nb\rc");
	free(out);
	cr_assert_eq(corpus_text_given("n", "", 0, &out, &err), ANKER_OK);
	cr_expect_str_eq(out, "");
	free(out);
}

/* The index counts eight bytes at a time, ASCII or not, unless a line
 * feed, a checkpoint or a character split by the word's end is among
 * them: random UTF-8 of ASCII, umlauts, CJK, emoji and line feeds gives
 * the checkpoints and lines a byte-by-byte count gives. */
Test(positions, index_matches_a_byte_by_byte_count)
{
	static const char *const pieces[] = { "a", "Tür ", "ß", "\n", "日本", "😀", "abcdefg ", "ä" };
	uint64_t seed = 88172645463325252ULL;
	for (int run = 0; run < 200; run++) {
		struct strbuf sb = {0};
		int n = run * 7 % 400;
		for (int k = 0; k < n; k++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			sb_adds(&sb, pieces[seed % 8]);
		}
		const char *s = sb.buf ? sb.buf : "";
		struct corpus_text t;
		cr_assert_eq(corpus_text_index(&t, s, sb.len), 0);
		size_t cp = 0, lines = sb.len > 0, ck = 0;
		for (size_t i = 0; i < sb.len; i++) {
			if (((unsigned char)s[i] & 0xC0) == 0x80)
				continue;
			if (cp % CORPUS_CKPT == 0) {
				cr_assert(ck < t.nckpt && t.ckpt[ck] == i, "run %d: checkpoint %zu", run, ck);
				ck++;
			}
			cp++;
			if (s[i] == '\n') {
				cr_assert(lines < t.nlines + 1 && t.line_cp[lines] == cp, "run %d: line %zu",
				          run, lines);
				lines++;
			}
		}
		cr_assert_eq(t.chars, cp, "run %d: characters", run);
		cr_assert_eq(t.nckpt, ck, "run %d: checkpoints", run);
		corpus_text_free(&t);
		sb_free(&sb);
	}
}
