/* corpus/format_subtitles.c — subtitles: SubRip (.srt) and WebVTT (.vtt).
 * Hand-written, so fuzzed: tests/fuzz/fuzz_subtitles.c.
 *
 * Each cue becomes a paragraph that starts with its time range in the
 * form the turn parser knows, "[00:00:01.000–00:00:04.000] ", so that it
 * is a turn with that time: with a speaker when the cue names one ("Anna:
 * text", WebVTT's "<v Anna>text"), else a turn without a speaker.  The
 * lines of a cue are joined by spaces, except a line that names another
 * speaker or starts with a dialogue dash ("- "), which starts a line of
 * its own.  Formatting tags (<i>, <b>, <font>, <c.x>, {\an8}) go; WebVTT's
 * character references (&amp; &lt; &gt; &nbsp; &lrm; &rlm; &#NN;) are
 * decoded.  WebVTT's NOTE, STYLE and REGION blocks are skipped.
 *
 * The input is UTF-8 here (format.c decoded --encoding or UTF-16).  A cue
 * without a valid timing line is refused: "line N: ...".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_int.h"

struct src {
	const char *s;
	size_t len, at, line;    /* next byte, number of the next line (1-based) */
	struct anker_err *err;
};

/* The next line (CR LF, LF or CR ended), without its end; false at EOF. */
static bool next_line(struct src *r, const char **l, size_t *n, size_t *lineno)
{
	if (r->at >= r->len)
		return false;
	size_t b = r->at, e = b;
	while (e < r->len && r->s[e] != '\n' && r->s[e] != '\r')
		e++;
	r->at = e + (e < r->len && r->s[e] == '\r' && e + 1 < r->len && r->s[e + 1] == '\n' ? 2 :
	             e < r->len ? 1 : 0);
	*l = r->s + b;
	*n = e - b;
	*lineno = ++r->line;
	return true;
}

static bool blank(const char *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (l[i] != ' ' && l[i] != '\t')
			return false;
	return true;
}

/* ---------------------------------------------------------------------- */
/* Times */

static size_t num(const char *s, size_t n, size_t max, long *v)
{
	size_t k = 0;
	*v = 0;
	while (k < n && k < max && s[k] >= '0' && s[k] <= '9')
		*v = *v * 10 + (s[k++] - '0');
	return k;
}

/* "HH:MM:SS,mmm" (SubRip) or "[HH:]MM:SS.mmm" (WebVTT): milliseconds,
 * bytes used (0: not a time). */
static size_t cue_time(const char *s, size_t n, long *ms)
{
	long f[3], frac;
	size_t i = 0, k, nf = 0;
	while (nf < 3) {
		k = num(s + i, n - i, nf == 0 ? 4 : 2, &f[nf]);
		if (k == 0 || (nf > 0 && (k != 2 || f[nf] > 59)))
			return 0;
		i += k;
		nf++;
		if (i >= n || s[i] != ':')
			break;
		i++;
	}
	if (nf < 2 || i >= n || (s[i] != ',' && s[i] != '.'))
		return 0;
	k = num(s + i + 1, n - i - 1, 3, &frac);
	if (k != 3)
		return 0;
	i += 4;
	long h = nf == 3 ? f[0] : 0, m = f[nf - 2], sec = f[nf - 1];
	*ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
	return i;
}

/* "START --> END [settings]": true with both times. */
static bool timing(const char *l, size_t n, long *a, long *b)
{
	size_t i = 0, k;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (!(k = cue_time(l + i, n - i, a)))
		return false;
	i += k;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (n - i < 3 || memcmp(l + i, "-->", 3) != 0)
		return false;
	i += 3;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (!(k = cue_time(l + i, n - i, b)))
		return false;
	i += k;
	return i == n || l[i] == ' ' || l[i] == '\t';
}

static bool has_arrow(const char *l, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(l + i, "-->", 3) == 0)
			return true;
	return false;
}

static void stamp(struct strbuf *sb, long ms)
{
	sb_addf(sb, "%02ld:%02ld:%02ld.%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
	        ms % 1000);
}

/* ---------------------------------------------------------------------- */
/* Cue text */

struct cue {
	struct strbuf line;      /* the current line of the cue's text */
	struct strbuf out;       /* finished lines */
	char voice[64];          /* WebVTT <v Name> */
};

static void entity(struct strbuf *sb, const char *s, size_t n, size_t *used)
{
	static const struct { const char *name; long cp; } ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "nbsp;", 0xA0 },
		{ "lrm;", 0x200E }, { "rlm;", 0x200F }, { "quot;", '"' }, { "apos;", '\'' },
	};
	for (size_t k = 0; k < sizeof ents / sizeof *ents; k++) {
		size_t m = strlen(ents[k].name);
		if (n > m && memcmp(s + 1, ents[k].name, m) == 0) {
			fmt_add_cp(sb, ents[k].cp);
			*used = m + 1;
			return;
		}
	}
	if (n > 3 && s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		char *end;
		size_t start = hex ? 3 : 2;
		char buf[16];
		size_t m = 0;
		while (start + m < n && m < sizeof buf - 1 && s[start + m] != ';')
			buf[m] = s[start + m], m++;
		buf[m] = '\0';
		long cp = strtol(buf, &end, hex ? 16 : 10);
		if (m > 0 && *end == '\0' && start + m < n && s[start + m] == ';') {
			fmt_add_cp(sb, cp);
			*used = start + m + 1;
			return;
		}
	}
	sb_addc(sb, '&');
	*used = 1;
}

/* A tag at s[0] == '<' (or an ASS override "{\...}"): its length, and
 * the voice's name for "<v Name>". */
static size_t tag(const char *s, size_t n, char voice[64], bool *is_voice)
{
	char close = s[0] == '<' ? '>' : '}';
	size_t e = 1;
	*is_voice = false;
	while (e < n && s[e] != close)
		e++;
	if (e >= n)
		return 0;   /* not closed: text */
	if (s[0] == '<' && e > 2 && s[1] == 'v' && (s[2] == ' ' || s[2] == '.')) {
		size_t b = 2;
		while (b < e && s[b] != ' ')   /* classes: <v.loud Anna> */
			b++;
		while (b < e && s[b] == ' ')
			b++;
		size_t m = e - b < 63 ? e - b : 63;
		while (m > 0 && ((unsigned char)s[b + m] & 0xC0) == 0x80 && b + m < e)
			m--;
		memcpy(voice, s + b, m);
		voice[m] = '\0';
		*is_voice = true;
	}
	return e + 1;
}

static void cue_line_end(struct cue *c)
{
	size_t n = c->line.len;
	while (n > 0 && (c->line.buf[n - 1] == ' ' || c->line.buf[n - 1] == '\t'))
		n--;
	if (n == 0) {
		sb_reset(&c->line);
		return;
	}
	if (c->out.len)
		sb_addc(&c->out, '\n');
	sb_add(&c->out, c->line.buf, n);
	sb_reset(&c->line);
}

/* Does a cue's text line start a line of its own (another speaker, a
 * dialogue dash)? */
static bool own_line(const char *l, size_t n)
{
	return (n >= 2 && l[0] == '-' && l[1] == ' ') || corpus_line_speaker(l, n, NULL, NULL, NULL);
}

static void cue_text(struct cue *c, const char *l, size_t n, bool vtt)
{
	size_t i = 0;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (own_line(l + i, n - i) || c->line.len == 0) {
		cue_line_end(c);
		if (n - i >= 2 && l[i] == '-' && l[i + 1] == ' ')
			i += 2;
	} else {
		sb_addc(&c->line, ' ');
	}
	while (i < n) {
		bool voice;
		size_t k;
		if ((l[i] == '<' || (l[i] == '{' && i + 1 < n && l[i + 1] == '\\')) &&
		    (k = tag(l + i, n - i, c->voice, &voice)) > 0) {
			if (voice) {
				/* A new voice in the middle of a cue: a line of its own. */
				if (c->line.len)
					cue_line_end(c);
				sb_addf(&c->line, "%s: ", c->voice);
			}
			i += k;
		} else if (vtt && l[i] == '&') {
			entity(&c->line, l + i, n - i, &k);
			i += k;
		} else {
			sb_addc(&c->line, l[i++]);
		}
	}
}

/* The finished cue as one paragraph (its first line with the stamp). */
static void cue_emit(struct fmt_out *o, struct cue *c, long a, long b)
{
	cue_line_end(c);
	if (c->out.len) {
		sb_addc(&o->text, '[');
		stamp(&o->text, a);
		sb_adds(&o->text, "\xE2\x80\x93");   /* en dash */
		stamp(&o->text, b);
		sb_adds(&o->text, "] ");
		sb_add(&o->text, c->out.buf, c->out.len);
		fmt_para_end(o);
	}
	sb_reset(&c->out);
	c->voice[0] = '\0';
}

/* ---------------------------------------------------------------------- */

static int timing_error(struct src *r, size_t lineno, const char *l, size_t n, bool vtt)
{
	int shown = n > 40 ? 40 : (int)n;
	return anker_err_set(r->err, ANKER_INPUT, "line %zu: expected a cue timing like %s, got "
	                     "'%.*s'", lineno, vtt ? "00:01.000 --> 00:04.000" :
	                     "00:00:01,000 --> 00:00:04,000", shown, l);
}

/* Cues from the current position to the end: SubRip and WebVTT alike. */
static int cues(struct src *r, struct fmt_out *o, bool vtt)
{
	const char *l;
	size_t n, lineno;
	struct cue c = {0};
	int rc = ANKER_OK;
	while (!rc && next_line(r, &l, &n, &lineno)) {
		if (blank(l, n))
			continue;
		if (vtt && (((n == 4 || (n > 4 && (l[4] == ' ' || l[4] == '\t'))) &&
		             memcmp(l, "NOTE", 4) == 0) ||
		            (n >= 5 && memcmp(l, "STYLE", 5) == 0) ||
		            (n >= 6 && memcmp(l, "REGION", 6) == 0))) {
			while (next_line(r, &l, &n, &lineno) && !blank(l, n))
				;   /* the block runs to a blank line */
			continue;
		}
		/* An identifier ("12" in SubRip, any text in WebVTT) before the
		 * timing line. */
		if (!has_arrow(l, n) && !next_line(r, &l, &n, &lineno)) {
			rc = anker_err_set(r->err, ANKER_INPUT, "line %zu: the file ends before the cue's "
			                   "timing", lineno + 1);
			break;
		}
		long a, b;
		if (!timing(l, n, &a, &b)) {
			rc = timing_error(r, lineno, l, n, vtt);
			break;
		}
		while (next_line(r, &l, &n, &lineno) && !blank(l, n))
			cue_text(&c, l, n, vtt);
		cue_emit(o, &c, a, b);
	}
	sb_free(&c.line);
	sb_free(&c.out);
	return rc;
}

static void skip_bom(struct src *r)
{
	if (r->len >= 3 && memcmp(r->s, "\xEF\xBB\xBF", 3) == 0)
		r->at = 3;
}

int fmt_srt_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                 struct fmt_out *out, struct anker_err *err)
{
	struct src r = { raw, len, 0, 0, err };
	(void)o;
	skip_bom(&r);
	return cues(&r, out, false);
}

int fmt_vtt_read(const char *raw, size_t len, const struct corpus_import_opts *o,
                 struct fmt_out *out, struct anker_err *err)
{
	struct src r = { raw, len, 0, 0, err };
	const char *l;
	size_t n, lineno;
	(void)o;
	skip_bom(&r);
	if (!next_line(&r, &l, &n, &lineno) || n < 6 || memcmp(l, "WEBVTT", 6) != 0)
		return anker_err_set(err, ANKER_INPUT, "line 1: a WebVTT file starts with WEBVTT");
	/* The header runs to the first blank line. */
	while (next_line(&r, &l, &n, &lineno) && !blank(l, n))
		;
	return cues(&r, out, true);
}
