/* corpus/turns.c — speaker labels, transcript timestamps, speaker turns. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "corpus.h"

/* A label longer than this is a sentence, not a name. */
#define LABEL_MAX_CHARS 30
#define LABEL_MAX_WORDS 3

/* ---------------------------------------------------------------------- */
/* Timestamps */

static size_t digits(const char *s, size_t len, size_t max, long *v)
{
	size_t n = 0;
	*v = 0;
	while (n < len && n < max && s[n] >= '0' && s[n] <= '9')
		*v = *v * 10 + (s[n++] - '0');
	return n;
}

/* "H:MM:SS", "MM:SS" (first field 1–3 digits, the others two, below 60),
 * then an optional fraction ".5", ",25" — or "-5" inside f4's #…#, where
 * the digit after the hyphen is tenths of a second.  Returns bytes used. */
static size_t ts_time(const char *s, size_t len, bool hash, long *ms)
{
	long f[3], v;
	size_t i, n, nf = 0;

	n = digits(s, len, 3, &f[nf++]);
	if (!n)
		return 0;
	i = n;
	while (nf < 3 && i < len && s[i] == ':' && digits(s + i + 1, len - i - 1, 2, &v) == 2) {
		if (v >= 60)
			return 0;
		f[nf++] = v;
		i += 3;
	}
	if (nf < 2)
		return 0;
	*ms = (nf == 3 ? (f[0] * 3600 + f[1] * 60 + f[2]) : (f[0] * 60 + f[1])) * 1000;
	if (i < len && (s[i] == '.' || s[i] == ',' || (hash && s[i] == '-'))) {
		n = digits(s + i + 1, len - i - 1, 3, &v);
		if (n && (i + 1 + n >= len || s[i + 1 + n] < '0' || s[i + 1 + n] > '9')) {
			for (size_t k = n; k < 3; k++)
				v *= 10;
			*ms += v;
			i += 1 + n;
		}
	}
	return i;
}

/* The separator of a range: hyphen, en dash or em dash, spaces allowed. */
static size_t ts_dash(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '-')
		i++;
	else if (i + 2 < len && memcmp(s + i, "\xE2\x80", 2) == 0 &&
	         ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
		i += 3;
	else
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

size_t corpus_timestamp_parse(const char *s, size_t len, long *start_ms, long *end_ms)
{
	long a = -1, b = -1;
	size_t i, n;
	char close;

	if (len < 2)
		return 0;
	switch (s[0]) {
	case '#': close = '#'; break;
	case '[': close = ']'; break;
	case '(': close = ')'; break;
	default: return 0;
	}
	i = 1;
	n = ts_time(s + i, len - i, close == '#', &a);
	if (!n)
		return 0;
	i += n;
	if (close != '#' && (n = ts_dash(s + i, len - i)) > 0) {
		size_t m = ts_time(s + i + n, len - i - n, false, &b);
		if (!m)
			return 0;
		i += n + m;
	}
	if (i >= len || s[i] != close)
		return 0;
	if (start_ms)
		*start_ms = a;
	if (end_ms)
		*end_ms = b;
	return i + 1;
}

/* A timestamp that ends the line (trailing blanks allowed). */
static bool ts_trailing(const char *line, size_t len, long *start_ms, long *end_ms)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	if (len < 2)
		return false;
	char close = line[len - 1];
	char open = close == '#' ? '#' : close == ']' ? '[' : close == ')' ? '(' : 0;
	if (!open)
		return false;
	/* The longest stamp, "[000:00:00.000 – 000:00:00.000]", is 35 bytes. */
	for (size_t k = len - 1; k-- > 0 && len - k <= 40;) {
		if (line[k] == open)
			return corpus_timestamp_parse(line + k, len - k, start_ms, end_ms) == len - k;
	}
	return false;
}

/* ---------------------------------------------------------------------- */
/* Speaker labels */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Letters with no lowercase form (Lu, Lt, Lo) may start a word of a label:
 * "Frau K.", "Befragte 2"; a lowercase word marks an ordinary sentence
 * ("Das Problem ist: ..."). */
static bool label_word_start(int32_t c, bool first)
{
	utf8proc_category_t cat = utf8proc_category(c);
	if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO)
		return true;
	return !first && cat == UTF8PROC_CATEGORY_ND;
}

static bool label_char(int32_t c)
{
	if (c == '.' || c == '-' || c == ' ')
		return true;
	utf8proc_category_t cat = utf8proc_category(c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ||
	       cat == UTF8PROC_CATEGORY_ND;
}

/* Scan a label from s up to its colon: returns the offset of the colon,
 * or 0 when s does not start with a label. */
static size_t label_scan(const char *s, size_t len)
{
	size_t i = 0, chars = 0, words = 0;
	bool word_start = true;

	while (i < len && s[i] != ':') {
		int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0 || !label_char(c) || ++chars > LABEL_MAX_CHARS)
			return 0;
		if (c == ' ') {
			word_start = true;
		} else if (word_start) {
			if (!label_word_start(c, words == 0) || ++words > LABEL_MAX_WORDS)
				return 0;
			word_start = false;
		}
		i += (size_t)n;
	}
	if (i >= len || words == 0)
		return 0;
	return i;
}

bool corpus_line_speaker(const char *line, size_t len, const char **label, size_t *label_len,
                         size_t *body_off)
{
	size_t i = 0, colon, end;

	while (i < len && is_blank(line[i]))
		i++;
	size_t ts = corpus_timestamp_parse(line + i, len - i, NULL, NULL);
	if (ts) {
		i += ts;
		while (i < len && is_blank(line[i]))
			i++;
	}
	colon = label_scan(line + i, len - i);
	if (!colon)
		return false;
	colon += i;
	if (colon + 1 < len && !is_blank(line[colon + 1]))
		return false;   /* "12:30", "http://" */
	end = colon;
	while (end > i && line[end - 1] == ' ')
		end--;
	if (label)
		*label = line + i;
	if (label_len)
		*label_len = end - i;
	if (body_off) {
		size_t b = colon + 1;
		while (b < len && is_blank(line[b]))
			b++;
		*body_off = b;
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* Turns */

struct line {
	size_t b, e;   /* bytes, LF excluded */
};

static bool line_blank(const char *s, struct line l)
{
	for (size_t i = l.b; i < l.e; i++)
		if (!is_blank(s[i]))
			return false;
	return true;
}

static void copy_label(char dst[64], const char *label, size_t n)
{
	if (n > 63) {
		n = 63;
		/* Do not cut a character in half. */
		while (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, label, n);
	dst[n] = '\0';
}

/* Close turn tu whose first line is first and last non-blank line is last
 * (0-based line numbers).  prev_end: the previous turn's end stamp. */
static void turn_finish(const struct corpus_text *t, struct corpus_turn *tu, size_t first,
                        struct line fl, size_t last, struct line ll, long prev_end)
{
	long a, b;

	tu->para_first = first + 1;
	tu->para_last = last + 1;
	size_t from;
	corpus_text_para_range(t, last + 1, &from, &tu->end);
	if ((last != first && ts_trailing(t->s + ll.b, ll.e - ll.b, &a, &b)) ||
	    ts_trailing(t->s + fl.b, fl.e - fl.b, &a, &b)) {
		/* An end stamp ("B: text #00:01:23-4#") gives the time the turn
		 * ends; a range there ("[a–b]") gives both. */
		if (b >= 0) {
			if (tu->ts_start_ms < 0)
				tu->ts_start_ms = a;
			if (tu->ts_end_ms < 0)
				tu->ts_end_ms = b;
		} else if (tu->ts_end_ms < 0) {
			tu->ts_end_ms = a;
		}
	}
	/* f4 stamps mark the boundary between turns: this one began when
	 * the previous one ended. */
	if (tu->ts_start_ms < 0 && tu->ts_end_ms >= 0)
		tu->ts_start_ms = prev_end;
}

static void turn_begin(const struct corpus_text *t, struct corpus_turn *tu, size_t i,
                       struct line l, const char *label, size_t label_len)
{
	const char *s = t->s + l.b;
	size_t k = 0;

	memset(tu, 0, sizeof *tu);
	tu->start = t->line_cp[i];
	tu->ts_start_ms = tu->ts_end_ms = -1;
	copy_label(tu->speaker, label, label_len);
	while (l.b + k < l.e && is_blank(s[k]))
		k++;
	corpus_timestamp_parse(s + k, l.e - l.b - k, &tu->ts_start_ms, &tu->ts_end_ms);
}

struct speaker_ref {
	const char *name;
	size_t turn;
};

static int speaker_ref_cmp(const void *a, const void *b)
{
	const struct speaker_ref *x = a, *y = b;
	return strcmp(x->name, y->name);
}

/* How often each turn's speaker speaks (counts[i] for turn i), by sorting
 * the labels: a transcript of 100 000 turns must not cost n² compares. */
static size_t *speaker_counts(const struct corpus_turn *v, size_t n)
{
	struct speaker_ref *r = xmalloc((n ? n : 1) * sizeof *r);
	size_t *counts = xmalloc((n ? n : 1) * sizeof *counts);
	for (size_t i = 0; i < n; i++)
		r[i] = (struct speaker_ref){ v[i].speaker, i };
	qsort(r, n, sizeof *r, speaker_ref_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(r[j].name, r[i].name) == 0; j++)
			;
		for (size_t k = i; k < j; k++)
			counts[r[k].turn] = j - i;
	}
	free(r);
	return counts;
}

/* A transcript's header ("Datum: 14.03.2023", "Interviewer: I, Befragte
 * Person: B") looks like turns.  Where the document has real turns (a
 * speaker who speaks twice), leading one-off labels without a timestamp
 * are header lines, not speakers. */
static void drop_header_turns(struct corpus_turn *v, size_t *n)
{
	size_t *count = speaker_counts(v, *n);
	bool dialogue = false;
	for (size_t i = 0; i < *n && !dialogue; i++)
		dialogue = count[i] > 1;
	size_t skip = 0;
	while (dialogue && skip < *n && v[skip].ts_start_ms < 0 && v[skip].ts_end_ms < 0 &&
	       count[skip] == 1)
		skip++;
	free(count);
	if (skip) {
		memmove(v, v + skip, (*n - skip) * sizeof *v);
		*n -= skip;
	}
}

int corpus_turns(const struct corpus_text *t, struct corpus_turn **out, size_t *n)
{
	struct corpus_turn *v = NULL, cur;
	size_t nv = 0, cap = 0, first = 0, last = 0, b = 0;
	struct line fl = { 0, 0 }, ll = { 0, 0 };
	bool open = false;
	long prev_end = -1;

	for (size_t i = 0; i < t->nlines; i++) {
		const char *lf = memchr(t->s + b, '\n', t->len - b);
		struct line l = { b, lf ? (size_t)(lf - t->s) : t->len };
		const char *label;
		size_t label_len;

		b = l.e + 1;
		if (corpus_line_speaker(t->s + l.b, l.e - l.b, &label, &label_len, NULL)) {
			if (open) {
				turn_finish(t, &cur, first, fl, last, ll, prev_end);
				prev_end = cur.ts_end_ms;
				if (nv == cap) {
					cap = cap ? 2 * cap : 16;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[nv++] = cur;
			}
			turn_begin(t, &cur, i, l, label, label_len);
			open = true;
			first = last = i;
			fl = ll = l;
		} else if (open && !line_blank(t->s, l)) {
			last = i;
			ll = l;
		}
	}
	if (open) {
		turn_finish(t, &cur, first, fl, last, ll, prev_end);
		if (nv == cap)
			v = xreallocarray(v, nv + 1, sizeof *v);
		v[nv++] = cur;
	}
	drop_header_turns(v, &nv);
	*out = v;
	*n = nv;
	return ANKER_OK;
}
