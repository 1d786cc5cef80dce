/* tests/fuzz/fuzz_anchor.c — anchors locate's tokens and matcher on
 * arbitrary quotes and texts (issue 17).
 *
 * Input: the first line is the quote, the rest the text, each normalised
 * as stored text is (lossy; an input with a NUL is skipped, as no document
 * has one).  Every token of the text must be a forward, non-empty range of
 * whole characters whose form (made from the text) has the length and the
 * hash the tokenizer gave it; a place found must lie inside the text with
 * a score from 0 to 1 and paragraphs in order; and the text quoted whole,
 * when it has words enough, is found with a score of 1.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "../../anchor/anchor.h"
#include "../../corpus/corpus.h"

#define TEXT_MAX 8192

static bool boundary(const char *s, size_t len, size_t b)
{
	return b == len || ((unsigned char)s[b] & 0xC0) != 0x80;
}

static void check_tokens(const char *s, size_t len)
{
	struct anchor_toks t = { 0 }, q = { 0 };
	struct strbuf f = { 0 };
	anchor_tokens(&t, s, len, false);
	anchor_tokens(&q, s, len, true);
	size_t last = 0;
	for (size_t i = 0; i < t.n; i++) {
		const struct anchor_tok *k = &t.v[i];
		FUZZ_CHECK(k->b0 < k->b1 && k->b1 <= len && k->b0 >= last, "token %zu: [%zu, %zu) "
		           "after %zu of %zu", i, k->b0, k->b1, last, len);
		FUZZ_CHECK(boundary(s, len, k->b0) && boundary(s, len, k->b1), "token %zu cuts a "
		           "character", i);
		last = k->b1;
		sb_reset(&f);
		anchor_tok_form(s, k, &f);
		FUZZ_CHECK(f.len == k->len, "token %zu: form of %zu bytes, %u counted", i, f.len,
		           k->len);
	}
	/* The same words read as a quote: the same hashes, gaps aside. */
	size_t j = 0;
	for (size_t i = 0; i < q.n; i++) {
		if (q.v[i].h == ANCHOR_GAP)
			continue;
		while (j < t.n && t.v[j].b0 < q.v[i].b0)
			j++;
		if (j < t.n && t.v[j].b0 == q.v[i].b0 && t.v[j].b1 == q.v[i].b1)
			FUZZ_CHECK(t.v[j].h == q.v[i].h, "token at %zu: quote and text hash apart",
			           q.v[i].b0);
	}
	sb_free(&f);
	anchor_toks_free(&t);
	anchor_toks_free(&q);
}

static void check_place(const struct anchor_place *p, size_t chars)
{
	if (!p->found)
		return;
	FUZZ_CHECK(p->start < p->end && p->end <= chars, "place [%zu, %zu) of %zu", p->start,
	           p->end, chars);
	FUZZ_CHECK(p->score >= 0 && p->score <= 1, "score %f", p->score);
	FUZZ_CHECK(p->para_first >= 1 && p->para_first <= p->para_last, "paragraphs %zu-%zu",
	           p->para_first, p->para_last);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	size_t qlen = nl ? (size_t)(nl - in) : size;
	const char *rest = nl ? nl + 1 : in + size;
	size_t tlen = size - (size_t)(rest - in);
	if (tlen > TEXT_MAX)
		tlen = TEXT_MAX;
	struct corpus_norm q, t;
	struct anker_err err = { 0 };
	if (corpus_normalize(in, qlen, true, &q, &err) != ANKER_OK)
		return 0;
	if (corpus_normalize(rest, tlen, true, &t, &err) != ANKER_OK) {
		free(q.text);
		return 0;
	}
	check_tokens(t.text, t.len);
	check_tokens(q.text, q.len);

	struct anchor_matcher *m = anchor_matcher_new();
	size_t a = anchor_matcher_add(m, q.text, q.len);
	size_t whole = anchor_matcher_add(m, t.text, t.len);
	anchor_matcher_scan(m, 0, t.text, t.len);
	struct anchor_place p;
	anchor_matcher_place(m, a, &p);
	check_place(&p, t.chars);
	anchor_matcher_place(m, whole, &p);
	check_place(&p, t.chars);
	/* The text found in itself: whole, unless its words are too few or
	 * only short pairs (which seed nothing). */
	if (p.found)
		FUZZ_CHECK(p.score > 0.999, "the text in itself: score %f", p.score);
	anchor_matcher_free(m);
	free(q.text);
	free(t.text);
	return 0;
}
