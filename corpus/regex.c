/* corpus/regex.c — PCRE2 over stored text: UTF and Unicode properties,
 * JIT where the library has it, and limits so that no pattern can hang. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "corpus.h"

/* Enough for any sensible search over a long transcript; "(a+)+$" on 30
 * letters exceeds it within a fraction of a second. */
#define REGEX_MATCH_LIMIT 10000000
#define REGEX_DEPTH_LIMIT 100000
#define REGEX_HEAP_LIMIT_KIB (64 * 1024)
#define REGEX_JIT_STACK_MAX (8 * 1024 * 1024)

struct corpus_regex {
	pcre2_code *code;
	pcre2_match_data *md;       /* reused by every match */
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack; /* NULL when the pattern runs interpreted */
};

void corpus_regex_free(struct corpus_regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_jit_stack_free(re->jit_stack);
	pcre2_code_free(re->code);
	free(re);
}

/* Does the pattern call a group or itself: (?R), (?1), (?-1), (?+1),
 * (?&name), (?P>name), \g<...>, \g'...'?  PCRE2 10.42's JIT can loop
 * without end on such a call that matches the empty string under
 * PCRE2_NOTEMPTY ("|(?R)"), outside its match limit; the interpreter
 * counts those steps.  A false alarm (the text inside a class or after a
 * backslash) only costs speed. */
static bool regex_calls(const char *pattern)
{
	for (const char *p = pattern; (p = strpbrk(p, "(\\")); p++) {
		if (p[0] == '(' && p[1] == '?' &&
		    ((p[2] && strchr("R&+-0123456789", p[2])) || (p[2] == 'P' && p[3] == '>')))
			return true;
		if (p[0] == '\\' && p[1] == 'g' && (p[2] == '<' || p[2] == '\''))
			return true;
		if (p[0] == '\\' && p[1])
			p++;   /* "\\(?R)" is text */
	}
	return false;
}

/* JIT is an optimisation: when the library lacks it or the pattern cannot
 * be compiled for it, the interpreter gives the same answers. */
static void regex_jit(struct corpus_regex *re, const char *pattern)
{
	/* ANKER_NO_JIT: the JIT's vector loads read aligned blocks that may
	 * reach past the end of the text (harmless, within a page), which
	 * valgrind reports; `make check-valgrind` sets it. */
	const char *off = getenv("ANKER_NO_JIT");
	if ((off && *off) || regex_calls(pattern))
		return;
	if (pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) != 0)
		return;
	/* The default 32 KiB JIT stack is too small for some legitimate
	 * patterns over long paragraphs. */
	re->jit_stack = pcre2_jit_stack_create(32 * 1024, REGEX_JIT_STACK_MAX, NULL);
	if (re->jit_stack)
		pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
}

int corpus_regex_compile(const char *pattern, bool icase, struct corpus_regex **out,
                         struct anker_err *err)
{
	/* \C matches one byte even in UTF mode: a hit could end inside a
	 * character, and the next search would start there (undefined with
	 * PCRE2_NO_UTF_CHECK).  Refused at compile time with PCRE2's message. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
	                (icase ? PCRE2_CASELESS : 0);
	int code;
	PCRE2_SIZE off;
	struct corpus_regex *re;

	*out = NULL;
	re = xcalloc(1, sizeof *re);
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &off,
	                         NULL);
	if (!re->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		free(re);
		return anker_err_set(err, ANKER_INPUT, "bad pattern at offset %zu: %s", (size_t)off,
		                     (const char *)msg);
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->md || !re->mctx) {
		corpus_regex_free(re);
		return anker_err_set(err, ANKER_NOMEM, "out of memory compiling a pattern");
	}
	pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, REGEX_HEAP_LIMIT_KIB);
	regex_jit(re, pattern);
	*out = re;
	return ANKER_OK;
}

/* Which limit a pattern ran into: the user learns why the search stopped
 * and that it is the pattern, not the text, to change. */
static void regex_limit_error(int rc, struct anker_err *err)
{
	const char *what = rc == PCRE2_ERROR_DEPTHLIMIT ? "backtracking depth limit"
	                 : rc == PCRE2_ERROR_HEAPLIMIT ? "memory limit"
	                 : rc == PCRE2_ERROR_JIT_STACKLIMIT ? "stack limit" : "match limit";
	anker_err_set(err, ANKER_INPUT, "pattern too complex: %s exceeded (simplify the pattern)",
	              what);
}

/* Empty matches are never reported (PCRE2_NOTEMPTY): a hit must cover
 * text to be highlighted or coded, and it means a caller can always go on
 * at *mend without ever seeing the same hit twice.  from must be at a
 * character boundary: the text is not checked again (PCRE2_NO_UTF_CHECK)
 * because stored text is valid UTF-8 by construction. */
int corpus_regex_next(struct corpus_regex *re, const char *s, size_t len, size_t from,
                      size_t *mstart, size_t *mend, struct anker_err *err)
{
	if (from > len)
		return 0;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, from, PCRE2_NOTEMPTY | PCRE2_NO_UTF_CHECK,
	                     re->md, re->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		regex_limit_error(rc, err);
		return -1;
	}
	if (rc < 0) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		anker_err_set(err, ANKER_INPUT, "search failed: %s", (const char *)msg);
		return -1;
	}
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	*mstart = ov[0];
	/* \K can move the reported start; it never passes the end unless
	 * \K sits in a lookahead, which PCRE2 refuses by default.  Clamp
	 * anyway rather than hand out a negative length.  *mend > from
	 * always holds: what PCRE2 actually consumed was not empty. */
	*mend = ov[1] < ov[0] ? ov[0] : ov[1];
	return 1;
}
