/* tests/fuzz/fuzz_convert.h — what the harnesses of the hand-written
 * format readers (fuzz_rtf.c, fuzz_subtitles.c) promise, checked the same
 * way: corpus_convert either refuses the input cleanly (ANKER_INPUT, with
 * a message naming the place: "byte N: ...", "line N: ..." or, for text
 * that is not UTF-8, "byte offset N: ...") or gives
 * text that the import path takes as it is: valid UTF-8 without NUL,
 * which corpus_normalize accepts strictly, whose NFC is a fixed point,
 * with comments inside it, and whose turns lie inside it in order.
 */
#ifndef ANKER_FUZZ_CONVERT_H
#define ANKER_FUZZ_CONVERT_H

#include <string.h>

#include <utf8proc.h>

#include "fuzz.h"
#include "../../corpus/corpus.h"

static inline void fuzz_check_converted(const char *path, const uint8_t *data, size_t size,
                                        const char *place)
{
	struct corpus_converted cv;
	struct anker_err err = {0};
	int rc = corpus_convert(path, (const char *)data, size, NULL, &cv, &err);
	if (rc) {
		FUZZ_CHECK(rc == ANKER_INPUT, "status %d: %s", rc, err.msg);
		FUZZ_CHECK(err.msg[0] != '\0', "a refusal without a message");
		FUZZ_CHECK(strncmp(err.msg, place, strlen(place)) == 0 ||
		           strncmp(err.msg, "byte offset ", 12) == 0 ||
		           strncmp(err.msg, "not ", 4) == 0,
		           "message does not name the place (\"%s...\"): %s", place, err.msg);
		return;
	}
	FUZZ_CHECK(cv.text && cv.text[cv.len] == '\0', "text not NUL-terminated");
	FUZZ_CHECK(memchr(cv.text, '\0', cv.len) == NULL, "NUL inside the converted text");
	struct corpus_norm n;
	FUZZ_CHECK(corpus_normalize(cv.text, cv.len, false, &n, &err) == ANKER_OK,
	           "converted text refused by the import path: %s", err.msg);
	char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)n.text);
	FUZZ_CHECK(nfc && strcmp(nfc, n.text) == 0, "stored text is not NFC");
	free(nfc);
	for (size_t i = 0; i < cv.ncomments; i++)
		FUZZ_CHECK(cv.comments[i].start <= cv.comments[i].end &&
		           cv.comments[i].end <= cv.len, "comment %zu at [%zu, %zu) of %zu bytes", i,
		           cv.comments[i].start, cv.comments[i].end, cv.len);
	struct corpus_text t;
	struct corpus_turn *v;
	size_t nv;
	corpus_text_index(&t, n.text, n.len);
	FUZZ_CHECK(corpus_turns(&t, &v, &nv) == ANKER_OK, "corpus_turns failed");
	for (size_t i = 0; i < nv; i++)
		FUZZ_CHECK(v[i].start <= v[i].end && v[i].end <= t.chars &&
		           (i == 0 || v[i - 1].end <= v[i].start), "turn %zu [%zu, %zu) of %zu", i,
		           v[i].start, v[i].end, t.chars);
	free(v);
	corpus_text_free(&t);
	free(n.text);
	corpus_converted_free(&cv);
}

#endif
