/* tests/fuzz/fuzz_import.c — the transcript importer without a project.
 *
 * The input is a file as `anker import` reads it.  It goes through what
 * corpus_import_bytes does before it writes (corpus_normalize, strict and
 * lossy; corpus_text_index; corpus_turns), and the results are checked
 * against what corpus.h promises: stored text is valid UTF-8 in NFC
 * without CR, NUL or BOM, normalising it again changes nothing, position
 * conversions agree with each other and with corpus_text_locate, turns
 * lie inside the text in order.
 */
#include <stdbool.h>
#include <string.h>

#include <utf8proc.h>

#include "fuzz.h"
#include "../../corpus/corpus.h"

/* Positions checked one by one: all of them up to this many, else every
 * k-th, so a large input costs linear time, not quadratic. */
#define CHECK_CPS 4096

static bool valid_utf8(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	for (size_t i = 0; i < len;) {
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

static void check_stored(const struct corpus_norm *n)
{
	FUZZ_CHECK(n->text != NULL, "normalised text is NULL");
	FUZZ_CHECK(n->text[n->len] == '\0', "text not NUL-terminated at len %zu", n->len);
	FUZZ_CHECK(memchr(n->text, '\0', n->len) == NULL, "NUL inside stored text");
	FUZZ_CHECK(memchr(n->text, '\r', n->len) == NULL, "CR left in stored text");
	FUZZ_CHECK(valid_utf8(n->text, n->len), "stored text is not valid UTF-8");
	FUZZ_CHECK(n->chars == corpus_utf8_count(n->text, n->len), "chars %zu, counted %zu",
	           n->chars, corpus_utf8_count(n->text, n->len));
	char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)n->text);
	FUZZ_CHECK(nfc != NULL, "utf8proc refuses stored text");
	FUZZ_CHECK(strcmp(nfc, n->text) == 0, "stored text is not NFC");
	free(nfc);
	/* Stored text is a fixed point: normalising it again keeps it. */
	struct corpus_norm again;
	struct anker_err err = {0};
	FUZZ_CHECK(corpus_normalize(n->text, n->len, false, &again, &err) == ANKER_OK,
	           "stored text refused on a second pass: %s", err.msg);
	/* Except a BOM that was the second one at the start (now first). */
	if (!again.had_bom)
		FUZZ_CHECK(again.len == n->len && memcmp(again.text, n->text, n->len) == 0,
		           "normalising stored text changed it (%zu -> %zu bytes)", n->len,
		           again.len);
	free(again.text);
}

/* Code point <-> byte, paragraphs, and the one-pass locate agree. */
static void check_positions(const struct corpus_text *t)
{
	size_t step = t->chars / CHECK_CPS + 1, k = 0, nlf = 0;
	for (size_t i = 0; i < t->len; i++)
		nlf += t->s[i] == '\n';
	/* A final LF ends the last paragraph and starts none (issue 15). */
	bool final_lf = t->len && t->s[t->len - 1] == '\n';
	FUZZ_CHECK(t->nlines == (t->len ? nlf + 1 - final_lf : 0), "nlines %zu for %zu LF",
	           t->nlines, nlf);
	size_t n = t->chars / step + 2;
	size_t *cps = xmalloc(n * sizeof *cps), *bytes = xmalloc(n * sizeof *bytes);
	size_t *paras = xmalloc(n * sizeof *paras);
	for (size_t cp = 0; cp <= t->chars; cp += step)
		cps[k++] = cp;
	corpus_text_locate(t->s, t->len, cps, k, bytes, paras);
	for (size_t j = 0; j < k; j++) {
		size_t b = corpus_text_byte(t, cps[j]);
		FUZZ_CHECK(b <= t->len, "byte %zu past len %zu", b, t->len);
		FUZZ_CHECK(b == t->len || ((unsigned char)t->s[b] & 0xC0) != 0x80,
		           "code point %zu maps inside a character (byte %zu)", cps[j], b);
		FUZZ_CHECK(corpus_text_cp(t, b) == cps[j], "cp %zu -> byte %zu -> cp %zu", cps[j], b,
		           corpus_text_cp(t, b));
		FUZZ_CHECK(bytes[j] == b, "locate: cp %zu at byte %zu, index says %zu", cps[j],
		           bytes[j], b);
		size_t para = corpus_text_para(t, cps[j]);
		if (t->len)
			FUZZ_CHECK(paras[j] == para, "locate: cp %zu in paragraph %zu, index says %zu",
			           cps[j], paras[j], para);
		size_t ps, pe;
		corpus_text_para_range(t, para, &ps, &pe);
		/* The end of a text after its final LF is in the last paragraph,
		 * past that paragraph's end. */
		FUZZ_CHECK(ps <= cps[j] && (cps[j] <= pe || (final_lf && cps[j] == t->chars)),
		           "cp %zu outside its paragraph %zu [%zu, %zu)", cps[j], para, ps, pe);
		/* A sentence costs a scan of its paragraph: a few suffice. */
		if (cps[j] < t->chars && t->len && j % (k / 64 + 1) == 0) {
			size_t ss, se;
			corpus_sentence_at(t, cps[j], &ss, &se);
			FUZZ_CHECK(ps <= ss && ss <= se && se <= pe, "sentence [%zu, %zu) of cp %zu "
			           "outside paragraph [%zu, %zu)", ss, se, cps[j], ps, pe);
		}
	}
	free(cps);
	free(bytes);
	free(paras);
}

/* Under each --speakers policy: automatic, none, a list. */
static void check_turns(const struct corpus_text *t, const char *speakers)
{
	struct corpus_turn *v;
	size_t n;
	FUZZ_CHECK(corpus_turns_opt(t, speakers, &v, &n) == ANKER_OK, "corpus_turns failed");
	for (size_t i = 0; i < n; i++) {
		const struct corpus_turn *u = &v[i];
		FUZZ_CHECK(u->start <= u->end && u->end <= t->chars, "turn %zu [%zu, %zu) of %zu",
		           i, u->start, u->end, t->chars);
		FUZZ_CHECK(i == 0 || v[i - 1].end <= u->start, "turn %zu overlaps the one before", i);
		FUZZ_CHECK(1 <= u->para_first && u->para_first <= u->para_last &&
		           u->para_last <= t->nlines, "turn %zu paragraphs %zu-%zu of %zu", i,
		           u->para_first, u->para_last, t->nlines);
		size_t len = strnlen(u->speaker, sizeof u->speaker);
		FUZZ_CHECK(len < sizeof u->speaker, "speaker label not terminated");
		FUZZ_CHECK(valid_utf8(u->speaker, len), "turn %zu: speaker cut inside a character", i);
		FUZZ_CHECK(u->ts_start_ms >= -1 && u->ts_end_ms >= -1, "negative timestamp");
	}
	free(v);
}

/* Each line alone, as the TUI and the turn parser see it. */
static void check_lines(const char *s, size_t len)
{
	for (size_t b = 0; b <= len;) {
		const char *lf = memchr(s + b, '\n', len - b);
		size_t e = lf ? (size_t)(lf - s) : len;
		const char *label;
		size_t label_len, body;
		long a, z;
		if (corpus_line_speaker(s + b, e - b, &label, &label_len, &body))
			FUZZ_CHECK(label >= s + b && label + label_len <= s + e && body <= e - b,
			           "speaker label or body outside its line");
		size_t used = corpus_timestamp_parse(s + b, e - b, &a, &z);
		FUZZ_CHECK(used <= e - b, "timestamp of %zu bytes in a line of %zu", used, e - b);
		b = e + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *raw = (const char *)data;
	struct corpus_norm strict, lossy;
	struct anker_err err = {0};
	int rs = corpus_normalize(raw, size, false, &strict, &err);
	int rl = corpus_normalize(raw, size, true, &lossy, &err);
	bool nul = size && memchr(raw, '\0', size);

	FUZZ_CHECK(!nul || (rs == ANKER_INPUT && rl == ANKER_INPUT), "a NUL byte was accepted");
	FUZZ_CHECK(rs == ANKER_OK || rs == ANKER_INPUT, "strict status %d", rs);
	FUZZ_CHECK(rl == ANKER_OK || nul, "lossy refused input without NUL: %s", err.msg);
	if (rs == ANKER_OK) {
		FUZZ_CHECK(rl == ANKER_OK && lossy.replaced == 0 && lossy.len == strict.len &&
		           memcmp(lossy.text, strict.text, strict.len) == 0,
		           "lossy differs from strict on valid input");
		check_stored(&strict);
		free(strict.text);
	}
	if (rl == ANKER_OK) {
		struct corpus_text t;
		check_stored(&lossy);
		FUZZ_CHECK(corpus_text_index(&t, lossy.text, lossy.len) == ANKER_OK, "index failed");
		FUZZ_CHECK(t.chars == lossy.chars, "index counts %zu, normalise %zu", t.chars,
		           lossy.chars);
		check_positions(&t);
		check_turns(&t, NULL);
		check_turns(&t, "off");
		check_turns(&t, "I, B,id1");
		check_lines(lossy.text, lossy.len);
		corpus_text_free(&t);
		free(lossy.text);
	}
	return 0;
}
