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
 * or 0 when s does not start with a label.  With paren, a label may
 * also end before " (" or " [" (a timestamp follows: "Name (00:12:34):");
 * the offset of that bracket is returned then. */
static size_t label_scan(const char *s, size_t len, bool paren)
{
	size_t i = 0, chars = 0, words = 0;
	bool word_start = true;

	while (i < len && s[i] != ':') {
		if (paren && words > 0 && (s[i] == '(' || s[i] == '[') && s[i - 1] == ' ')
			return i;
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

/* What starts a turn on one line. */
enum turn_kind {
	TURN_NONE,
	TURN_LABEL,      /* "B: text", "Name (00:12:34): text" */
	TURN_BRACKET,    /* "[id1] text" (QualCoder) */
	TURN_STAMP,      /* "[00:00:01–00:00:04] text": a turn without a speaker */
};

struct line_turn {
	enum turn_kind kind;
	const char *label;
	size_t label_len, body_off;
	long ts_start, ts_end;     /* a stamp before the label or inside it; -1 */
	bool lead_stamp;           /* the line begins with the stamp */
};

static size_t skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && is_blank(s[i]))
		i++;
	return i;
}

/* "Label:" or "Label (stamp):" at line[i..len). */
static bool colon_label(const char *line, size_t i, size_t len, struct line_turn *lt)
{
	size_t colon = label_scan(line + i, len - i, true), end;
	long a, b;

	if (!colon)
		return false;
	colon += i;
	end = colon;
	if (line[colon] != ':') {   /* a stamp between the label and the colon */
		size_t n = corpus_timestamp_parse(line + colon, len - colon, &a, &b);
		if (!n)
			return false;
		colon = skip_blanks(line, colon + n, len);
		if (colon >= len || line[colon] != ':')
			return false;
		if (lt->ts_start < 0) {
			lt->ts_start = a;
			lt->ts_end = b;
		}
	}
	if (colon + 1 < len && !is_blank(line[colon + 1]))
		return false;   /* "12:30", "http://" */
	while (end > i && line[end - 1] == ' ')
		end--;
	lt->kind = TURN_LABEL;
	lt->label = line + i;
	lt->label_len = end - i;
	lt->body_off = skip_blanks(line, colon + 1, len);
	return true;
}

/* "[id1] text", "[Interviewer]: text": a label in brackets, as QualCoder
 * writes speakers.  It starts with a letter and holds a digit or starts
 * with a capital, so that "[lacht]" and "[unverständlich]" stay text. */
static bool bracket_label(const char *line, size_t i, size_t len, struct line_turn *lt)
{
	size_t j = i + 1, chars = 0, words = 0;
	bool digit = false, word_start = true, upper = false;

	if (i >= len || line[i] != '[')
		return false;
	while (j < len && line[j] != ']') {
		int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)line + j,
		                                      (utf8proc_ssize_t)(len - j), &c);
		if (n <= 0 || ++chars > LABEL_MAX_CHARS || !(label_char(c) || c == '_'))
			return false;
		utf8proc_category_t cat = utf8proc_category(c);
		if (c == ' ') {
			word_start = true;
		} else if (word_start) {
			if (++words > LABEL_MAX_WORDS)
				return false;
			if (words == 1) {
				if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO)
					return false;
				upper = cat != UTF8PROC_CATEGORY_LL;
			}
			word_start = false;
		}
		digit |= cat == UTF8PROC_CATEGORY_ND;
		j += (size_t)n;
	}
	if (j >= len || words == 0 || !(digit || upper))
		return false;
	size_t b = j + 1;
	if (b < len && line[b] == ':')
		b++;
	if (b >= len || !is_blank(line[b]))
		return false;
	b = skip_blanks(line, b, len);
	if (b >= len)
		return false;
	size_t end = j;
	while (end > i + 1 && line[end - 1] == ' ')
		end--;
	lt->kind = TURN_BRACKET;
	lt->label = line + i + 1;
	lt->label_len = end - i - 1;
	lt->body_off = b;
	return true;
}

/* How one line may start a turn, before any policy: a label, a label in
 * brackets, or a leading timestamp followed by text. */
static void line_turn_parse(const char *line, size_t len, struct line_turn *lt)
{
	size_t i = skip_blanks(line, 0, len);

	memset(lt, 0, sizeof *lt);
	lt->ts_start = lt->ts_end = -1;
	size_t ts = corpus_timestamp_parse(line + i, len - i, &lt->ts_start, &lt->ts_end);
	lt->lead_stamp = ts > 0;
	i = skip_blanks(line, i + ts, len);
	if (colon_label(line, i, len, lt) || bracket_label(line, i, len, lt))
		return;
	if (ts && i < len) {
		lt->kind = TURN_STAMP;
		lt->label = line + i;
		lt->label_len = 0;
		lt->body_off = i;
	}
}

bool corpus_line_speaker(const char *line, size_t len, const char **label, size_t *label_len,
                         size_t *body_off)
{
	struct line_turn lt;
	size_t i = skip_blanks(line, 0, len);

	memset(&lt, 0, sizeof lt);
	lt.ts_start = lt.ts_end = -1;
	i = skip_blanks(line, i + corpus_timestamp_parse(line + i, len - i, NULL, NULL), len);
	if (!colon_label(line, i, len, &lt))
		return false;
	if (label)
		*label = lt.label;
	if (label_len)
		*label_len = lt.label_len;
	if (body_off)
		*body_off = lt.body_off;
	return true;
}

/* ---------------------------------------------------------------------- */
/* Which labels name speakers (--speakers auto|off|LIST) */

/* Words that head a caption ("Abbildung 55: ..."): with a number after
 * them they never name a speaker. */
static const char *const caption_words[] = {
	"Abbildung", "Abb.", "Tabelle", "Tab.", "Grafik", "Diagramm", "Schaubild", "Bild",
	"Foto", "Karte", "Übersicht", "Anhang", "Anlage", "Kasten", "Figure", "Fig.", "Table",
	"Chart", "Exhibit", "Box", "Listing",
};

/* Labels of a document's metadata, never speakers ("Stand: 07.10.2021"). */
static const char *const meta_words[] = {
	"Stand", "Datum", "Date", "Quelle", "Quellen", "Source", "Sources", "Seite", "Page",
};

static const char *const months[] = {
	"Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
	"September", "Oktober", "November", "Dezember", "January", "February", "March",
	"May", "June", "July", "October", "December", "Jan.", "Feb.", "Mrz.", "Apr.", "Jun.",
	"Jul.", "Aug.", "Sep.", "Sept.", "Okt.", "Oct.", "Nov.", "Dez.", "Dec.",
};

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	/* The first byte first: called for the first word of every line. */
	for (size_t k = 0; k < count; k++)
		if (n && list[k][0] == w[0] && strlen(list[k]) == n && memcmp(list[k], w, n) == 0)
			return true;
	return false;
}

#define WORD_IN(w, n, list) word_in((w), (n), (list), sizeof(list) / sizeof *(list))

/* "Abbildung 55", "Tab. 3.2", "Stand", "Quelle". */
static bool label_is_caption(const char *s, size_t n)
{
	size_t w = 0;
	while (w < n && s[w] != ' ')
		w++;
	if (w == n)
		return WORD_IN(s, n, meta_words);
	return WORD_IN(s, w, caption_words) && w + 1 < n && s[w + 1] >= '0' && s[w + 1] <= '9';
}

/* A body that is only a date: "07.10.2021", "Juni 2018", "14. März 2023",
 * "03/2023". */
static bool body_is_date(const char *s, size_t n)
{
	size_t i = 0, words = 0;
	bool digit = false;

	while (n > 0 && is_blank(s[n - 1]))
		n--;
	while (i < n) {
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		bool num = true;
		for (size_t k = w; k < i; k++) {
			if (s[k] >= '0' && s[k] <= '9')
				digit = true;
			else if (s[k] != '.' && s[k] != '/' && s[k] != '-' && s[k] != ',')
				num = false;
		}
		if ((!num && !WORD_IN(s + w, i - w, months)) || ++words > 4)
			return false;
		while (i < n && s[i] == ' ')
			i++;
	}
	return digit;
}

/* The next label of a comma-separated list at *p, blanks around it
 * trimmed; false after the last. */
static bool list_next(const char **p, const char **label, size_t *n)
{
	if (!*p)
		return false;
	const char *q = strchr(*p, ',');
	size_t m = q ? (size_t)(q - *p) : strlen(*p);
	const char *s = *p;
	while (m > 0 && s[m - 1] == ' ')
		m--;
	while (m > 0 && *s == ' ')
		s++, m--;
	*label = s;
	*n = m;
	*p = q ? q + 1 : NULL;
	return true;
}

int corpus_speakers_check(const char *spec, struct anker_err *err)
{
	const char *label;
	size_t n;
	if (!spec || strcmp(spec, "auto") == 0 || strcmp(spec, "off") == 0)
		return ANKER_OK;
	for (const char *p = spec; list_next(&p, &label, &n);)
		if (n == 0)
			return anker_err_set(err, ANKER_USAGE, "--speakers '%s': an empty speaker label "
			                     "(give off, auto or labels separated by commas)", spec);
	return ANKER_OK;
}

static bool label_listed(const char *spec, const char *label, size_t n)
{
	const char *l;
	size_t m;
	for (const char *p = spec; list_next(&p, &l, &m);)
		if (m == n && memcmp(l, label, n) == 0)
			return true;
	return false;
}

enum speakers_mode { SPEAKERS_AUTO, SPEAKERS_OFF, SPEAKERS_LIST };

static enum speakers_mode speakers_mode(const char *spec)
{
	if (!spec || strcmp(spec, "auto") == 0)
		return SPEAKERS_AUTO;
	return strcmp(spec, "off") == 0 ? SPEAKERS_OFF : SPEAKERS_LIST;
}

/* Apply the policy to a parsed line: a label that does not name a speaker
 * leaves a turn without one when a timestamp leads the line, else none. */
static void line_turn_policy(const char *line, size_t len, const char *spec,
                             struct line_turn *lt)
{
	enum speakers_mode m = speakers_mode(spec);
	bool keep = true;

	if (lt->kind != TURN_LABEL && lt->kind != TURN_BRACKET)
		return;
	if (m == SPEAKERS_OFF)
		keep = false;
	else if (m == SPEAKERS_LIST)
		keep = label_listed(spec, lt->label, lt->label_len);
	else if (lt->kind == TURN_LABEL)
		keep = !label_is_caption(lt->label, lt->label_len) &&
		       !body_is_date(line + lt->body_off, len - lt->body_off);
	if (keep)
		return;
	if (lt->lead_stamp && lt->body_off < len) {
		lt->kind = TURN_STAMP;
		lt->label_len = 0;
	} else {
		lt->kind = TURN_NONE;
	}
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

/* A rule ("---", "___", "***"): the end of a section, such as the text
 * above footnotes; it ends the turn before it. */
static bool line_rule(const char *s, struct line l)
{
	size_t b = l.b, e = l.e, n = 0;
	while (b < e && is_blank(s[b]))
		b++;
	while (e > b && is_blank(s[e - 1]))
		e--;
	for (size_t i = b; i < e && (s[i] == '-' || s[i] == '_' || s[i] == '*') && s[i] == s[b]; i++)
		n++;
	return n >= 3 && n == e - b;
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
                       const struct line_turn *lt)
{
	memset(tu, 0, sizeof *tu);
	tu->start = t->line_cp[i];
	tu->ts_start_ms = lt->ts_start;
	tu->ts_end_ms = lt->ts_end;
	copy_label(tu->speaker, lt->label, lt->label_len);
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

/* How often each turn's speaker speaks (counts[i] for turn i), looked up
 * among the few labels seen so far, as a transcript has: sorting the labels
 * of every document was 3 % of a 100 MB import.  Past FEW labels they are
 * sorted: a transcript of 100 000 turns must not cost n² compares. */
static size_t *speaker_counts(const struct corpus_turn *v, size_t n)
{
	enum { FEW = 16 };
	size_t first[FEW], times[FEW], nl = 0, i;
	size_t *counts = xmalloc((n ? n : 1) * sizeof *counts);
	for (i = 0; i < n; i++) {
		size_t l = 0;
		while (l < nl && strcmp(v[first[l]].speaker, v[i].speaker) != 0)
			l++;
		if (l == FEW)
			break;
		if (l == nl) {
			first[nl] = i;
			times[nl++] = 0;
		}
		times[l]++;
		counts[i] = l;     /* the label's slot, until all are counted */
	}
	if (i == n) {
		for (i = 0; i < n; i++)
			counts[i] = times[counts[i]];
		return counts;
	}
	struct speaker_ref *r = xmalloc((n ? n : 1) * sizeof *r);
	for (i = 0; i < n; i++)
		r[i] = (struct speaker_ref){ v[i].speaker, i };
	qsort(r, n, sizeof *r, speaker_ref_cmp);
	for (size_t a = 0, j; a < n; a = j) {
		for (j = a + 1; j < n && strcmp(r[j].name, r[a].name) == 0; j++)
			;
		for (size_t k = a; k < j; k++)
			counts[r[k].turn] = j - a;
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

/* The lines that start turns, with what starts them. */
struct turn_start {
	size_t line;
	struct line_turn lt;
};

static int bracket_cmp(const void *a, const void *b)
{
	const struct turn_start *x = *(const struct turn_start *const *)a;
	const struct turn_start *y = *(const struct turn_start *const *)b;
	size_t n = x->lt.label_len < y->lt.label_len ? x->lt.label_len : y->lt.label_len;
	int c = memcmp(x->lt.label, y->lt.label, n);
	return c ? c : (x->lt.label_len > y->lt.label_len) - (x->lt.label_len < y->lt.label_len);
}

/* Automatically, a label in brackets names a speaker only in a document
 * without "Label:" turns, and only when it speaks twice: elsewhere
 * "[Lachen]" is a transcriber's note.  The others become turns without a
 * speaker when a timestamp leads their line, else no turns. */
static size_t bracket_filter(struct turn_start *v, size_t n, bool labels)
{
	struct turn_start **r = xmalloc((n ? n : 1) * sizeof *r);
	size_t nr = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].lt.kind == TURN_BRACKET)
			r[nr++] = &v[i];
	qsort(r, nr, sizeof *r, bracket_cmp);
	for (size_t i = 0, j; i < nr; i = j) {
		for (j = i + 1; j < nr && bracket_cmp(&r[i], &r[j]) == 0; j++)
			;
		for (size_t m = i; (labels || j - i < 2) && m < j; m++)
			r[m]->lt.kind = r[m]->lt.lead_stamp ? TURN_STAMP : TURN_NONE;
	}
	free(r);
	for (size_t i = 0; i < n; i++) {
		if (v[i].lt.kind == TURN_STAMP)
			v[i].lt.label_len = 0;
		if (v[i].lt.kind != TURN_NONE)
			v[k++] = v[i];
	}
	return k;
}

static size_t turn_starts(const struct corpus_text *t, const char *spec, struct turn_start **out)
{
	struct turn_start *v = NULL;
	size_t n = 0, cap = 0, b = 0, labels = 0;

	for (size_t i = 0; i < t->nlines; i++) {
		const char *lf = memchr(t->s + b, '\n', t->len - b);
		struct line l = { b, lf ? (size_t)(lf - t->s) : t->len };
		struct line_turn lt;
		b = l.e + 1;
		line_turn_parse(t->s + l.b, l.e - l.b, &lt);
		line_turn_policy(t->s + l.b, l.e - l.b, spec, &lt);
		if (lt.kind == TURN_NONE)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = (struct turn_start){ i, lt };
		labels += lt.kind == TURN_LABEL;
	}
	if (speakers_mode(spec) == SPEAKERS_AUTO)
		n = bracket_filter(v, n, labels > 0);
	*out = v;
	return n;
}

int corpus_turns_opt(const struct corpus_text *t, const char *speakers,
                     struct corpus_turn **out, size_t *n)
{
	struct corpus_turn *v = NULL, cur;
	struct turn_start *st = NULL;
	size_t ns = turn_starts(t, speakers, &st), nv = 0, b = 0, k = 0;
	size_t first = 0, last = 0;
	struct line fl = { 0, 0 }, ll = { 0, 0 };
	bool open = false;
	long prev_end = -1;

	if (ns)
		v = xmalloc(ns * sizeof *v);
	for (size_t i = 0; i < t->nlines; i++) {
		const char *lf = memchr(t->s + b, '\n', t->len - b);
		struct line l = { b, lf ? (size_t)(lf - t->s) : t->len };

		b = l.e + 1;
		if (k < ns && st[k].line == i) {
			if (open) {
				turn_finish(t, &cur, first, fl, last, ll, prev_end);
				prev_end = cur.ts_end_ms;
				v[nv++] = cur;
			}
			turn_begin(t, &cur, i, &st[k].lt);
			k++;
			open = true;
			first = last = i;
			fl = ll = l;
		} else if (open && line_rule(t->s, l)) {
			turn_finish(t, &cur, first, fl, last, ll, prev_end);
			prev_end = cur.ts_end_ms;
			v[nv++] = cur;
			open = false;
		} else if (open && !line_blank(t->s, l)) {
			last = i;
			ll = l;
		}
	}
	if (open) {
		turn_finish(t, &cur, first, fl, last, ll, prev_end);
		v[nv++] = cur;
	}
	free(st);
	if (speakers_mode(speakers) == SPEAKERS_AUTO)
		drop_header_turns(v, &nv);
	if (nv == 0) {
		free(v);
		v = NULL;
	}
	*out = v;
	*n = nv;
	return ANKER_OK;
}

int corpus_turns(const struct corpus_text *t, struct corpus_turn **out, size_t *n)
{
	return corpus_turns_opt(t, NULL, out, n);
}
