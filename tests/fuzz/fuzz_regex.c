/* tests/fuzz/fuzz_regex.c — arbitrary patterns over arbitrary text.
 *
 * Input: the first line is the pattern (a leading TAB, dropped, makes it
 * caseless, like `search -i`), the rest is the subject, normalised as an
 * imported document is (lossy), so it is valid stored text.  The pattern
 * runs with the project's limits (corpus_regex_compile); every hit must
 * be a non-empty range of whole characters moving forward, and the code
 * point conversion of its ends must agree with corpus_text_locate.  Then
 * the same pattern goes through corpus_search over the text as a document
 * of a scratch project (inside a transaction that is rolled back), and
 * must report the same hits with the same positions and paragraphs.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <string.h>

#include "fuzz_file.h"
#include "../../corpus/corpus.h"

/* A subject this long already reaches every code path; longer ones only
 * make slow patterns slower (each match may take the whole match limit). */
#define SUBJECT_MAX 4096
#define HITS_MAX 256

struct hit {
	size_t start, end, para;   /* code points; 1-based paragraph */
};

struct run {
	struct hit hits[HITS_MAX];
	size_t n;
	size_t seen;               /* corpus_search's hits, compared as they come */
	const char *text;
	const struct corpus_text *idx;
};

static bool boundary(const char *s, size_t len, size_t b)
{
	return b == len || ((unsigned char)s[b] & 0xC0) != 0x80;
}

/* The hits of corpus_regex_next directly; false when a limit was hit. */
static bool direct(struct corpus_regex *re, const struct corpus_text *t, struct run *r)
{
	struct anker_err err = {0};
	size_t from = 0, ms, me, cps[2], bytes[2], paras[2];
	int rc;
	while (r->n < HITS_MAX && (rc = corpus_regex_next(re, t->s, t->len, from, &ms, &me, &err)) == 1) {
		FUZZ_CHECK(ms < me && me > from && me <= t->len, "hit [%zu, %zu) from %zu of %zu",
		           ms, me, from, t->len);
		FUZZ_CHECK(boundary(t->s, t->len, ms) && boundary(t->s, t->len, me),
		           "hit [%zu, %zu) cuts a character", ms, me);
		struct hit *h = &r->hits[r->n++];
		h->start = corpus_text_cp(t, ms);
		h->end = corpus_text_cp(t, me);
		h->para = corpus_text_para(t, h->start);
		FUZZ_CHECK(corpus_text_byte(t, h->start) == ms && corpus_text_byte(t, h->end) == me,
		           "bytes [%zu, %zu) -> cps [%zu, %zu) do not convert back", ms, me,
		           h->start, h->end);
		cps[0] = h->start;
		cps[1] = h->end;
		corpus_text_locate(t->s, t->len, cps, 2, bytes, paras);
		FUZZ_CHECK(bytes[0] == ms && bytes[1] == me && paras[0] == h->para,
		           "locate: [%zu, %zu) para %zu, index: [%zu, %zu) para %zu", bytes[0],
		           bytes[1], paras[0], ms, me, h->para);
		from = me;
	}
	if (r->n == HITS_MAX)
		return true;
	FUZZ_CHECK(rc == 0 || (rc == -1 && err.status == ANKER_INPUT), "status %d: %s", rc, err.msg);
	return rc == 0;
}

static int on_hit(const struct corpus_hit *hit, void *arg)
{
	struct run *r = arg;
	FUZZ_CHECK(r->seen < r->n, "search reports more hits than %zu", r->n);
	const struct hit *h = &r->hits[r->seen++];
	FUZZ_CHECK(hit->start == h->start && hit->end == h->end && hit->pos == h->para,
	           "search hit %zu: [%zu, %zu) para %zu, direct: [%zu, %zu) para %zu", r->seen,
	           hit->start, hit->end, hit->pos, h->start, h->end, h->para);
	size_t b = corpus_text_byte(r->idx, h->start), e = corpus_text_byte(r->idx, h->end);
	FUZZ_CHECK(strlen(hit->match) == e - b && memcmp(hit->match, r->text + b, e - b) == 0,
	           "search hit %zu: match text differs from the document's", r->seen);
	FUZZ_CHECK(hit->line != NULL, "no line for hit %zu", r->seen);
	return r->seen == r->n;   /* stop where the direct run stopped */
}

static void through_search(const char *pattern, bool icase, const char *raw, size_t len,
                           struct run *r)
{
	struct store *st = fuzz_project();
	struct anker_err err = {0};
	struct corpus_import_result res;
	struct corpus_search_opts o = { .pattern = pattern, .icase = icase, .context = 1 };
	struct corpus_import_opts io = { .lossy = true };
	FUZZ_CHECK(corpus_import_bytes(st, "doc", NULL, raw, len, &io, &res, &err) == ANKER_OK,
	           "import: %s", err.msg);
	free(res.name);
	int rc = corpus_search(st, &o, on_hit, r, &err);
	FUZZ_CHECK(rc == ANKER_OK && r->seen == r->n, "search: status %d, %zu of %zu hits: %s",
	           rc, r->seen, r->n, err.msg);
	fuzz_project_reset(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	size_t plen = nl ? (size_t)(nl - in) : size;
	bool icase = plen > 0 && in[0] == '\t';
	char *pattern = xstrndup(in + icase, plen - icase);
	const char *subj = nl ? nl + 1 : in + size;
	size_t slen = size - (size_t)(subj - in);
	if (slen > SUBJECT_MAX)
		slen = SUBJECT_MAX;

	struct corpus_regex *re;
	struct corpus_norm norm;
	struct anker_err err = {0};
	if (corpus_regex_compile(pattern, icase, &re, &err) != ANKER_OK) {
		FUZZ_CHECK(err.status == ANKER_INPUT && strstr(err.msg, "offset"),
		           "compile: status %d: %s", err.status, err.msg);
		free(pattern);
		return 0;
	}
	if (corpus_normalize(subj, slen, true, &norm, &err) != ANKER_OK) {
		corpus_regex_free(re);   /* a NUL byte: no document has one */
		free(pattern);
		return 0;
	}
	struct corpus_text t;
	struct run *r = xcalloc(1, sizeof *r);
	corpus_text_index(&t, norm.text, norm.len);
	r->text = norm.text;
	r->idx = &t;
	/* Only a run that ends cleanly is compared: corpus_search reports a
	 * limit as an error, with no hits to compare.  Nor a text that starts with
	 * U+FEFF: importing it again would take that for a byte order mark. */
	bool bom = norm.len >= 3 && memcmp(norm.text, "\xEF\xBB\xBF", 3) == 0;
	if (direct(re, &t, r) && r->n > 0 && !bom)
		through_search(pattern, icase, norm.text, norm.len, r);
	corpus_text_free(&t);
	corpus_regex_free(re);
	free(norm.text);
	free(pattern);
	free(r);
	return 0;
}
