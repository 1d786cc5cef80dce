/* corpus/regex.c — PCRE2 over stored text: UTF and Unicode properties,
 * JIT where the library has it, and limits so that no pattern can hang.
 *
 * PCRE2's limits count steps of its matcher, not work: comparing a
 * backreference costs the group's length in one step, the JIT lets tight
 * loops run uncounted, and the match limit starts afresh at every start
 * position.  So "(a+)\1+b" over one line of n letters does n^3 work
 * within every limit (4,000 letters: 6 s; 8,000: a minute; 50,000:
 * hours).
 * Matching therefore also runs on a time budget: a second, plus a second
 * for every REGEX_BYTES_PER_SECOND of text the search has moved over (a
 * search over a large corpus is allowed its linear time, a pattern that
 * goes superlinear is not).  PCRE2 lets us look at the clock through
 * callouts, with the JIT too; the callback reads it every
 * REGEX_TICKS_PER_CHECK calls.  Callouts cost time, so a pattern gets
 * only those it needs (regex_guard): none when it cannot backtrack over
 * the text, one per start position when the match limit bounds each, one
 * before every item otherwise (over 50 MB with the JIT, "\b\w+ung\b"
 * then takes 3.4 times as long, "(\w)\1" 2.6 times; a word, a stem with
 * "\w*" or "A|B" nothing more).
 *
 * The clock is CLOCK_MONOTONIC: a CPU-time clock would not count a busy
 * machine against the budget, but reading it is a system call, twice per
 * match, which made a search with many hits ten times slower.  Offset
 * limits (a slice of start positions per call, the time checked between
 * calls) would cost nothing with the JIT, but cannot bound the work at one
 * start position, and the interpreter scans the whole rest of the text
 * for a first letter at every slice. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcre2.h>

#include "corpus.h"

/* Enough for any sensible search over a long transcript; "(a+)+$" on 30
 * letters exceeds it within a fraction of a second. */
#define REGEX_MATCH_LIMIT 10000000
#define REGEX_DEPTH_LIMIT 100000
#define REGEX_HEAP_LIMIT_KIB (64 * 1024)
#define REGEX_JIT_STACK_MAX (8 * 1024 * 1024)
#define REGEX_BUDGET_SECONDS 1.0
#define REGEX_BYTES_PER_SECOND (5.0 * 1024 * 1024)
#define REGEX_TICKS_PER_CHECK 256

struct corpus_regex {
	pcre2_code *code;
	pcre2_match_data *md;       /* reused by every match */
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack; /* NULL when the pattern runs interpreted */
	/* The time budget: seconds spent in pcre2_match and allowed so far,
	 * the time at which the running match must give up. */
	double spent, allowed, deadline;
	unsigned ticks;
	bool out_of_time;
	bool lines;                 /* a match stays within a line (regex_asks_newline) */
};

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The callout (at each start position, or before every item): a negative
 * value abandons the match (PCRE2_ERROR_CALLOUT), 0 goes on. */
static int regex_tick(pcre2_callout_block *cb, void *arg)
{
	struct corpus_regex *re = arg;
	(void)cb;
	if (++re->ticks % REGEX_TICKS_PER_CHECK != 0 || now_seconds() < re->deadline)
		return 0;
	re->out_of_time = true;
	return PCRE2_ERROR_CALLOUT;
}

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

/* Where "(?C)" goes: after the options PCRE2 takes only at the very start
 * of a pattern, "(*UTF)", "(*LIMIT_MATCH=1000)", "(*CRLF)" and the like. */
static size_t regex_start_items(const char *pattern)
{
	size_t i = 0;
	while (pattern[i] == '(' && pattern[i + 1] == '*') {
		size_t k = i + 2;
		while ((pattern[k] >= 'A' && pattern[k] <= 'Z') || pattern[k] == '_')
			k++;
		if (pattern[k] == '=')
			while (pattern[++k] >= '0' && pattern[k] <= '9')
				;
		if (k == i + 2 || pattern[k] != ')')
			break;
		i = k + 1;
	}
	return i;
}

/* Where a pattern needs the clock read.  Without a quantifier (or with
 * one only at its very end, "Schnittstelle\w*", which is never
 * backtracked into) the work at a start position is bounded by the
 * pattern and a search is linear: no callout.  Where PCRE2's match limit
 * bounds the work at one start position, the interpreter's, once per
 * position.  Where nothing does, before every item: with a backreference
 * (\1 to \9, \g, \k, (?P=name)) one step compares up to a line, and the
 * JIT's match limit lets tight loops run uncounted ("\w*\w*\w*b" on a
 * 50,000-letter line: a minute).  A false alarm (inside a class,
 * \Q...\E) only costs speed. */
enum regex_guard { GUARD_NONE, GUARD_START, GUARD_ITEMS };

static enum regex_guard regex_guard(const char *pattern, bool jit)
{
	const char *last = NULL;       /* just after the last quantifier */
	for (const char *p = pattern + regex_start_items(pattern); *p; p++) {
		if (p[0] == '\\' && p[1]) {
			if (strchr("123456789gk", p[1]))
				return GUARD_ITEMS;
			p++;
		} else if (strncmp(p, "(?P=", 4) == 0) {
			return GUARD_ITEMS;
		} else if (strchr("*+", *p) || (*p == '?' && p > pattern && p[-1] != '(') ||
		           (*p == '{' && p[1] >= '0' && p[1] <= '9')) {
			if (*p == '{' && !(p = strchr(p, '}')))
				return jit ? GUARD_ITEMS : GUARD_START;   /* not a quantifier, but why guess */
			if (p[1] == '+' || p[1] == '?')
				p++;
			last = p + 1;
		}
	}
	if (regex_calls(pattern))
		return GUARD_START;    /* recursion: the interpreter, counted */
	if (!last || !*last)
		return GUARD_NONE;
	return jit ? GUARD_ITEMS : GUARD_START;
}

/* ANKER_NO_JIT: the JIT's vector loads read aligned blocks that may reach
 * past the end of the text (harmless, within a page), which valgrind
 * reports; `make check-valgrind` sets it. */
static bool regex_jit_wanted(const char *pattern)
{
	const char *off = getenv("ANKER_NO_JIT");
	return !(off && *off) && !regex_calls(pattern);
}

/* JIT is an optimisation: when the library lacks it or the pattern cannot
 * be compiled for it, the interpreter gives the same answers. */
static void regex_jit(struct corpus_regex *re, const char *pattern)
{
	if (!regex_jit_wanted(pattern))
		return;
	if (pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) != 0)
		return;
	/* The default 32 KiB JIT stack is too small for some legitimate
	 * patterns over long paragraphs. */
	re->jit_stack = pcre2_jit_stack_create(32 * 1024, REGEX_JIT_STACK_MAX, NULL);
	if (re->jit_stack)
		pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
}

/* Does the pattern ask for a line break: \n, \R, \v, \x0a, \x{a}, \012, a
 * literal line feed, or (?s) (a dot that matches one)?  Otherwise a match
 * stays within a line, as in grep, even where \s or [^x] could take the
 * line feed.  A false alarm (inside \Q...\E) lets such a match cross. */
static bool regex_asks_newline(const char *pattern)
{
	for (const char *p = pattern; *p; p++) {
		if (*p == '\n')
			return true;
		if (p[0] == '(' && p[1] == '?') {
			/* (?s), (?is), (?s:...); not (?-s) */
			for (const char *f = p + 2; (*f >= 'a' && *f <= 'z') || *f == '^'; f++)
				if (*f == 's')
					return true;
		}
		if (p[0] != '\\' || !p[1])
			continue;
		p++;
		if (strchr("nRv", *p) || strncmp(p, "012", 3) == 0)
			return true;
		if (*p == 'x') {
			/* \x0a (two digits at most) or \x{a} */
			char hex[3] = { p[1], p[1] ? p[2] : 0, 0 }, *end;
			bool brace = p[1] == '{';
			unsigned long c = strtoul(brace ? p + 2 : hex, &end, 16);
			if (c == 10 && (brace ? *end == '}' : end == hex + 2))
				return true;
		}
	}
	return false;
}

int corpus_regex_compile(const char *pattern, bool icase, struct corpus_regex **out,
                         struct anker_err *err)
{
	/* \C matches one byte even in UTF mode: a hit could end inside a
	 * character, and the next search would start there (undefined with
	 * PCRE2_NO_UTF_CHECK).  Refused at compile time with PCRE2's message. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | PCRE2_MULTILINE |
	                (icase ? PCRE2_CASELESS : 0);
	int code;
	PCRE2_SIZE off;
	struct corpus_regex *re;
	struct strbuf pat = {0};
	size_t at = 0;          /* where "(?C)" went in, in bytes of pattern */

	*out = NULL;
	enum regex_guard guard = regex_guard(pattern, regex_jit_wanted(pattern));
	if (guard == GUARD_START) {
		at = regex_start_items(pattern);
		sb_add(&pat, pattern, at);
		sb_adds(&pat, "(?C)");
		sb_adds(&pat, pattern + at);
	} else {
		opts |= guard == GUARD_ITEMS ? PCRE2_AUTO_CALLOUT : 0;
		sb_adds(&pat, pattern);
	}
	re = xcalloc(1, sizeof *re);
	re->code = pcre2_compile((PCRE2_SPTR)pat.buf, pat.len, opts, &code, &off, NULL);
	sb_free(&pat);
	if (!re->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		free(re);
		/* The offset in the pattern as the user wrote it. */
		if (guard == GUARD_START && off > at)
			off = off >= at + 4 ? off - 4 : at;
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
	pcre2_set_callout(re->mctx, regex_tick, re);
	re->allowed = REGEX_BUDGET_SECONDS;
	re->lines = !regex_asks_newline(pattern);
	regex_jit(re, pattern);
	*out = re;
	return ANKER_OK;
}

/* Which limit a pattern ran into: the user learns why the search stopped
 * and that it is the pattern, not the text, to change. */
static void regex_limit_error(const struct corpus_regex *re, int rc, struct anker_err *err)
{
	if (rc == PCRE2_ERROR_CALLOUT && re->out_of_time) {
		anker_err_set(err, ANKER_INPUT, "pattern too complex: time limit exceeded (%.1f s "
		              "of matching; simplify the pattern)", re->spent);
		return;
	}
	const char *what = rc == PCRE2_ERROR_DEPTHLIMIT ? "backtracking depth limit"
	                 : rc == PCRE2_ERROR_HEAPLIMIT ? "memory limit"
	                 : rc == PCRE2_ERROR_JIT_STACKLIMIT ? "stack limit" : "match limit";
	anker_err_set(err, ANKER_INPUT, "pattern too complex: %s exceeded (simplify the pattern)",
	              what);
}

/* One pcre2_match of s[0, len) from byte from, on the time budget: rc as
 * corpus_regex_next returns it, the match in *mstart, *mend. */
static int regex_match(struct corpus_regex *re, const char *s, size_t len, size_t from,
                       size_t *mstart, size_t *mend, struct anker_err *err)
{
	/* This call may use what is left of the budget and the allowance for
	 * all the text ahead; what it moved over is added to the budget. */
	double t0 = now_seconds();
	re->deadline = t0 + re->allowed - re->spent + (double)(len - from) / REGEX_BYTES_PER_SECOND;
	re->out_of_time = false;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, from, PCRE2_NOTEMPTY | PCRE2_NO_UTF_CHECK,
	                     re->md, re->mctx);
	re->spent += now_seconds() - t0;
	size_t moved = (rc > 0 ? pcre2_get_ovector_pointer(re->md)[1] : len) - from;
	re->allowed += (double)moved / REGEX_BYTES_PER_SECOND;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
	    (rc == PCRE2_ERROR_CALLOUT && re->out_of_time)) {
		regex_limit_error(re, rc, err);
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

/* Empty matches are never reported (PCRE2_NOTEMPTY): a hit must cover
 * text to be highlighted or coded, and it means a caller can always go on
 * at *mend without ever seeing the same hit twice.  from must be at a
 * character boundary: the text is not checked again (PCRE2_NO_UTF_CHECK)
 * because stored text is valid UTF-8 by construction.
 *
 * A match stays within a line unless the pattern asks for line breaks.
 * Matching line by line would cost a call per line; so the whole text is
 * searched, and only a match that took a line feed is searched again
 * within its first line (the text cut at its end, so that $ and \b see
 * the end of the line there).  Nothing on a line before the match can
 * match within the line either, as long as the pattern looks no further
 * ahead than its end ((?=\n) could). */
int corpus_regex_next(struct corpus_regex *re, const char *s, size_t len, size_t from,
                      size_t *mstart, size_t *mend, struct anker_err *err)
{
	while (from <= len) {
		int rc = regex_match(re, s, len, from, mstart, mend, err);
		if (rc <= 0 || !re->lines)
			return rc;
		const char *nl = memchr(s + *mstart, '\n', *mend - *mstart);
		if (!nl)
			return 1;
		size_t eol = (size_t)(nl - s);
		rc = eol > *mstart ? regex_match(re, s, eol, *mstart, mstart, mend, err) : 0;
		if (rc)
			return rc;
		from = eol + 1;
	}
	return 0;
}
