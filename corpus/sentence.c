/* corpus/sentence.c — sentences (a German-aware end of sentence) and
 * citations of paragraphs; split from corpus/text.c. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "corpus.h"
#include "text_int.h"

static int32_t cp_at(const char *s, size_t i, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s + i;
	*n = utf8_len(p[0]);
	return utf8_decode(p, *n);
}

static bool is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x3000;
}

static bool is_terminator(int32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* Closing quotes and brackets that stay with the sentence they end. */
static bool is_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201C || c == 0x201D ||
	       c == 0x2019 || c == 0x00BB || c == 0x00AB || c == 0x203A || c == 0x2039;
}

/* Abbreviations common in German interview transcripts and papers, with
 * their final dot.  Compared case-insensitively. */
static const char *const abbrevs[] = {
	"z.B.", "d.h.", "u.a.", "bzw.", "ca.", "Dr.", "Nr.", "insb.", "ggf.",
	"vgl.", "usw.", "i.d.R.", "Prof.", "Hr.", "Fr.", "evtl.", "inkl.", "o.ä.", "u.ä.",
	"s.o.", "s.u.", "u.U.", "v.a.", "z.T.", "bspw.", "sog.", "Abs.", "Art.", "St.",
	"Str.", "Mio.", "Mrd.", "Tel.", "allg.", "etc.", "e.V.", "zzgl.", "max.", "min.",
	"geb.", "gem.", "Jh.", "Jhd.", "Kap.", "S.", "Bd.", "Hrsg.", "f.", "ff.",
	"u.v.m.", "z.Zt.", "i.A.", "i.V.", "a.D.", "o.g.", "d.J.", "v.", "vs.",
};

static bool abbrev_match(const char *w, size_t n)
{
	for (size_t k = 0; k < sizeof abbrevs / sizeof *abbrevs; k++)
		if (strlen(abbrevs[k]) == n && strncasecmp(abbrevs[k], w, n) == 0)
			return true;
	return false;
}

/* Does the dot at s[dot] belong to the word before it rather than end
 * the sentence?  Abbreviations, single letters ("Frau K.", "z. B."),
 * ordinal numbers ("2. Stufe"). */
static bool dot_is_abbrev(const char *s, size_t from, size_t dot)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = dot;

	while (w > from && p[w - 1] != ' ' && p[w - 1] != '\t' && p[w - 1] != '(' &&
	       p[w - 1] != '[' && p[w - 1] != '"' && p[w - 1] != '/')
		w--;
	/* Opening quotes outside ASCII: „ “ ‚ ‘ « ». */
	while (w < dot && p[w] >= 0x80) {
		size_t n;
		int32_t c = cp_at(s, w, &n);
		if (c != 0x201E && c != 0x201C && c != 0x201A && c != 0x2018 && c != 0xAB &&
		    c != 0xBB)
			break;
		w += n;
	}
	if (w == dot)
		return false;
	if (p[dot - 1] >= '0' && p[dot - 1] <= '9')
		return true;
	if (abbrev_match(s + w, dot + 1 - w))
		return true;
	/* A single letter: an initial or a spaced abbreviation. */
	size_t n;
	int32_t c = cp_at(s, w, &n);
	return w + n == dot && utf8proc_category(c) >= UTF8PROC_CATEGORY_LU &&
	       utf8proc_category(c) <= UTF8PROC_CATEGORY_LO;
}

/* If a sentence ends at byte i (a terminator), return the byte after its
 * terminators and closers, else 0. */
static size_t sentence_end(const char *s, size_t from, size_t i, size_t end)
{
	size_t j = i, n, dots = 0;
	bool strong = false;
	int32_t c;

	while (j < end && is_terminator(c = cp_at(s, j, &n))) {
		dots += c == '.';
		strong |= c != '.';
		j += n;
	}
	while (j < end && is_closer(cp_at(s, j, &n)))
		j += n;
	if (j < end && !is_space(cp_at(s, j, &n)))
		return 0;
	if (!strong && dots == 1 && dot_is_abbrev(s, from, i))
		return 0;
	return j;
}

static size_t skip_space(const char *s, size_t i, size_t end)
{
	size_t n;
	while (i < end && is_space(cp_at(s, i, &n)))
		i += n;
	return i;
}

void corpus_citation(struct strbuf *out, const char *doc, size_t para_first, size_t para_last)
{
	if (doc)
		sb_addf(out, "%s, ", doc);
	if (para_last > para_first)
		sb_addf(out, "Pos. %zu\u2013%zu", para_first, para_last);
	else
		sb_addf(out, "Pos. %zu", para_first);
}

void corpus_pos_cell(struct strbuf *out, size_t para_first, size_t para_last)
{
	if (para_last > para_first)
		sb_addf(out, "%zu-%zu", para_first, para_last);
	else
		sb_addf(out, "%zu", para_first);
}

void corpus_sentence_at(const struct corpus_text *t, size_t cp, size_t *start, size_t *end)
{
	size_t ps, pe;
	corpus_text_para_range(t, corpus_text_para(t, cp), &ps, &pe);
	size_t bs = corpus_text_byte(t, ps), be = corpus_text_byte(t, pe);
	size_t at = corpus_text_byte(t, cp);
	size_t sent = skip_space(t->s, bs, be), i = sent, n;

	while (i < be) {
		if (!is_terminator(cp_at(t->s, i, &n))) {
			i += n;
			continue;
		}
		size_t j = sentence_end(t->s, bs, i, be);
		if (!j) {
			i += n;
			continue;
		}
		size_t next = skip_space(t->s, j, be);
		/* The spaces after a sentence go with it: the cursor there
		 * still selects the sentence just read. */
		if (at < next || next >= be) {
			*start = corpus_text_cp(t, sent);
			*end = corpus_text_cp(t, j);
			return;
		}
		sent = i = next;
	}
	while (be > sent && (t->s[be - 1] == ' ' || t->s[be - 1] == '\t'))
		be--;
	*start = corpus_text_cp(t, sent);
	*end = corpus_text_cp(t, be);
}

