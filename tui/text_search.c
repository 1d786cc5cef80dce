/* tui/text_search.c — `/` in the text pane: a PCRE2 pattern (corpus
 * regex: UTF, Unicode properties, a match limit) over the open document;
 * the hits are highlighted, n/N go to the next/previous one (wrapping),
 * and A codes them all with the current code, each hit or the sentence,
 * paragraph or turn around it (coding_autocode_run, as anker autocode
 * --unit: one transaction, one undo step).  A pattern without capitals
 * matches any case (smart case, as vim's smartcase). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void text_search_clear(struct text_view *tv)
{
	free(tv->pattern);
	free(tv->hits);
	tv->pattern = NULL;
	tv->hits = NULL;
	tv->nhits = 0;
}

bool text_search_hit(const struct text_view *tv, size_t cp)
{
	size_t lo = 0, hi = tv->nhits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tv->hits[2 * mid + 1] <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tv->nhits && tv->hits[2 * lo] <= cp;
}

bool text_search_icase(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;             /* \S, \W, \D … are not capitals */
			continue;
		}
		if (isupper((unsigned char)*p))
			return false;
	}
	return true;
}

/* At most this many hits are kept (16 bytes each): "ab" in a 100 MB
 * transcript has 50 million, and n/N through a million is enough. */
#define SEARCH_MAX_HITS 1000000

/* Every hit of the pattern in the document (the first SEARCH_MAX_HITS);
 * 0 or an error in err.  Hits come in text order, so their code points
 * are counted on from the previous hit rather than looked up. */
static int find_hits(struct text_view *tv, const char *pattern, struct anker_err *err)
{
	struct corpus_regex *re;
	bool icase = text_search_icase(pattern);
	int rc = corpus_regex_compile(pattern, icase, &re, err);
	if (rc)
		return rc;
	size_t cap = 16, n = 0, from = 0, ms, me, byte = 0, cp = 0;
	size_t *hits = xcalloc(2 * cap, sizeof *hits);
	const char *s = tv->d.text;
	int r = 0;
	while (n < SEARCH_MAX_HITS &&
	       (r = corpus_regex_next(re, s, tv->d.len, from, &ms, &me, err)) == 1) {
		if (n == cap) {
			cap *= 2;
			hits = xreallocarray(hits, 2 * cap, sizeof *hits);
		}
		cp += corpus_utf8_count(s + byte, ms - byte);
		hits[2 * n] = cp;
		cp += corpus_utf8_count(s + ms, me - ms);
		hits[2 * n + 1] = cp;
		byte = me;
		n++;
		from = me;
	}
	if (n == SEARCH_MAX_HITS)
		r = 0;
	corpus_regex_free(re);
	if (r < 0) {
		free(hits);
		return err->status ? (int)err->status : ANKER_INPUT;
	}
	text_search_clear(tv);
	tv->pattern = xstrdup(pattern);
	tv->icase = icase;
	tv->hits = hits;
	tv->nhits = n;
	return 0;
}

/* The number of hits that start before cp (or at it, when at is set). */
static size_t hits_before(const struct text_view *tv, size_t cp, bool at)
{
	size_t lo = 0, hi = tv->nhits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t h = tv->hits[2 * mid];
		if (h < cp || (at && h == cp))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* To the first hit after (or before) the cursor, wrapping around. */
static void goto_hit(struct tui *t, struct text_view *tv, bool back, bool here)
{
	if (!tv->nhits) {
		tui_message(t, true, tv->pattern ? "No hits for /%s" : "No search: press / first",
		            tv->pattern ? tv->pattern : "");
		return;
	}
	size_t i, n = tv->nhits;
	bool wrapped = false;
	if (!back) {
		i = hits_before(tv, tv->cur, !here);
		if (i == n) {
			i = 0;
			wrapped = true;
		}
	} else {
		i = hits_before(tv, tv->cur, false);
		if (i == 0) {
			i = n;
			wrapped = true;
		}
		i--;
	}
	tv->cur = tv->hits[2 * i];
	tv->goal = -1;
	text_follow(tv);
	tui_message(t, false, "/%s: hit %zu of %s%zu%s", tv->pattern, i + 1,
	            n == SEARCH_MAX_HITS ? "the first " : "", n,
	            wrapped ? (back ? " (wrapped to the end)" : " (wrapped to the start)") : "");
}

static void search_done(struct tui *t, const char *pattern)
{
	struct text_view *tv = text_view_of(t);
	struct anker_err err = { 0 };
	if (!*pattern) {
		if (!tv->pattern)
			return;
		pattern = tv->pattern;       /* `/` Enter: the last search again */
	}
	char *p = xstrdup(pattern);
	if (find_hits(tv, p, &err))
		tui_message(t, true, "/%s: %s", p, err.msg);
	else
		goto_hit(t, tv, false, true);
	free(p);
}

int text_search_set(struct text_view *tv, const char *pattern, struct anker_err *err)
{
	char *p = xstrdup(pattern);   /* pattern may be tv->pattern */
	int rc = find_hits(tv, p, err);
	free(p);
	return rc;
}

/* What "Code the hits as …?" waits to code: the pattern, and the
 * document (NULL: every one). */
static struct {
	char *pattern, *doc;
	bool icase;
} ac;

static void autocode_forget(void)
{
	free(ac.pattern);
	free(ac.doc);
	memset(&ac, 0, sizeof ac);
}

void text_autocode_run(struct tui *t, const char *pattern, bool icase, const char *doc,
                       enum coding_unit unit)
{
	if (t->codes.current < 0) {
		tui_message_id(t, TUI_MSG_NO_CODE);
		return;
	}
	const struct codebook_code *k = &t->codes.cb.codes[t->codes.current];
	struct coding_autocode a = { .pattern = pattern, .icase = icase, .code = k->guid,
	                             .unit = unit, .doc = doc, .coder = t->coder };
	struct coding_autocode_report rep = { 0 };
	struct anker_err err = { 0 };
	if (coding_autocode_run(t->st, &a, &rep, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	tui_recent_use(t, k->guid);
	struct strbuf by = { 0 };
	if (unit != CODING_UNIT_HIT)
		sb_addf(&by, " by %s", coding_unit_name(unit));
	tui_message(t, false, "Autocoded %zu hit%s%s%s with %s %s: %zu added, %zu skipped "
	            "(u undoes)", rep.hits, rep.hits == 1 ? "" : "s", doc ? "" : " in all documents",
	            sb_str(&by), k->number, k->name, rep.added, rep.skipped);
	sb_free(&by);
	tui_reload(t);           /* frees k */
}

/* The answer, one key: h, s, p or t, Enter the default (each hit as it
 * is); any other key and Esc code nothing. */
static void ask_answer(struct tui *t, char key)
{
	static const char keys[] = "hspt";
	const char *k = key == '\n' ? keys : key ? strchr(keys, key) : NULL;
	if (!k)
		tui_message(t, false, "Nothing coded");
	else
		text_autocode_run(t, ac.pattern, ac.icase, ac.doc, (enum coding_unit)(k - keys));
	autocode_forget();
}

void text_autocode_ask(struct tui *t, const char *pattern, bool icase, const char *doc)
{
	if (t->codes.current < 0) {
		tui_message_id(t, TUI_MSG_NO_CODE);
		return;
	}
	autocode_forget();
	ac.pattern = xstrdup(pattern);
	ac.doc = doc ? xstrdup(doc) : NULL;
	ac.icase = icase;
	const struct codebook_code *k = &t->codes.cb.codes[t->codes.current];
	struct strbuf q = { 0 };
	sb_addf(&q, "Code /%s/%s with %s %s by h(it) s(entence) p(aragraph) t(urn)? ", pattern,
	        doc ? "" : " in all documents", k->number, k->name);
	tui_prompt_ask(t, sb_str(&q), ask_answer);
	sb_free(&q);
}

static void autocode(struct tui *t, struct text_view *tv)
{
	if (!tv->pattern) {
		tui_message(t, true, "No search: press / first, then A codes the hits");
		return;
	}
	text_autocode_ask(t, tv->pattern, tv->icase, tv->name);
}

bool text_search_key(struct tui *t, struct text_view *tv, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_SEARCH: tui_prompt_open(t, TUI_PROMPT_SEARCH, "/", NULL, search_done); return true;
	case TUI_ACT_SEARCH_NEXT: goto_hit(t, tv, false, false); return true;
	case TUI_ACT_SEARCH_PREV: goto_hit(t, tv, true, false); return true;
	case TUI_ACT_AUTOCODE: autocode(t, tv); return true;
	default: return false;
	}
}
