/* tests/unit/test_posmap.c — corpus_posmap: positions counted in raw text
 * (BOM, CRLF, NFD) carried into the text corpus_normalize stores. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../corpus/corpus.h"

/* The stored text of raw, and its map; the map must agree with it. */
static struct corpus_norm norm_map(const char *raw, struct corpus_posmap *m)
{
	struct corpus_norm n;
	struct anker_err err = { 0 };
	cr_assert_eq(corpus_normalize(raw, strlen(raw), false, &n, &err), ANKER_OK, "%s", err.msg);
	corpus_posmap_build(raw, strlen(raw), m);
	cr_assert_eq(m->chars, n.chars, "map says %zu code points, the text has %zu", m->chars,
	             n.chars);
	return n;
}

/* The stored text that raw positions [a, b) cover. */
static char *cut(const struct corpus_norm *n, const struct corpus_posmap *m, size_t a, size_t b)
{
	struct corpus_span sp = { .start = corpus_posmap_start(m, a), .end = corpus_posmap_end(m, b) };
	corpus_text_spans(n->text, n->len, &sp, 1, true);
	return sp.text;
}

static void expect_cut(const char *raw, size_t a, size_t b, const char *want)
{
	struct corpus_posmap m;
	struct corpus_norm n = norm_map(raw, &m);
	char *got = cut(&n, &m, a, b);
	cr_assert_str_eq(got, want, "raw [%zu,%zu) of \"%s\": expected \"%s\", got \"%s\"", a, b, raw,
	                 want, got);
	free(got);
	free(n.text);
	corpus_posmap_free(&m);
}

Test(posmap, plain_text_is_identity)
{
	struct corpus_posmap m;
	struct corpus_norm n = norm_map("Ein ganz normaler Satz ohne alles, lang genug für Wörter.", &m);
	cr_assert_eq(m.n, 0, "nothing changes, yet %zu pieces", m.n);
	cr_assert_eq(corpus_posmap_start(&m, 17), 17);
	free(n.text);
	corpus_posmap_free(&m);
	expect_cut("Straße über Öl", 7, 11, "über");
}

Test(posmap, crlf)
{
	/* "Ziel" at raw [12,16): two CRLF before it. */
	expect_cut("Erste\r\nZwei\r\nZiel hier\r\n", 13, 17, "Ziel");
	expect_cut("a\r\nb\r\nc", 0, 7, "a\nb\nc");
	/* Lone CR is one LF: nothing moves. */
	expect_cut("a\rbc", 2, 4, "bc");
}

Test(posmap, crlf_split_snaps_outward)
{
	/* Ending between CR and LF takes the LF; starting there too. */
	expect_cut("ab\r\ncd", 0, 3, "ab\n");
	expect_cut("ab\r\ncd", 3, 6, "\ncd");
}

Test(posmap, bom_is_not_counted)
{
	expect_cut("\xEF\xBB\xBFPortal und mehr", 0, 6, "Portal");
	expect_cut("\xEF\xBB\xBF" "a\r\nPortal", 3, 9, "Portal");
}

Test(posmap, nfd_composes)
{
	/* "Die Übergänge zum Portal": U and a with U+0308 (NFD, as macOS). */
	const char *nfd = "Die U\xCC\x88" "berga\xCC\x88nge zum Portal";
	expect_cut(nfd, 20, 26, "Portal");
	expect_cut(nfd, 4, 15, "Übergänge");
	/* Inside a composed character: outward both ways. */
	expect_cut(nfd, 5, 7, "Üb");
	expect_cut(nfd, 4, 5, "Ü");
}

Test(posmap, stacked_marks_and_mixes)
{
	/* e + dot below + acute: NFC U+1EB9 U+0301, three code points to two. */
	expect_cut("xe\xCC\x81\xCC\xA3y", 4, 5, "y");
	expect_cut("\xEF\xBB\xBF" "a\r\nU\xCC\x88" "ber\r\nend", 3, 8, "Über");
	expect_cut("\xEF\xBB\xBF" "a\r\nU\xCC\x88" "ber\r\nend", 10, 13, "end");
}

Test(posmap, many_marks_use_the_long_path)
{
	struct strbuf sb = { 0 };
	sb_add(&sb, "a", 1);
	for (int i = 0; i < 100; i++)
		sb_add(&sb, "\xCC\x81", 2);
	sb_add(&sb, "Ende", 4);
	expect_cut(sb_str(&sb), 101, 105, "Ende");
	sb_free(&sb);
}
