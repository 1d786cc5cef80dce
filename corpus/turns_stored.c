/* corpus/turns_stored.c — a document's speaker turns as the project keeps
 * them: one JSON array per document in doc_turn.turns (store/schema.c,
 * version 9), each turn [start, end, para_first, para_last, speaker,
 * ts_start, ts_end].
 *
 * Read here, not through the view turn or SQLite's JSON functions: they
 * parse each turn again for every column, 0.5 s CPU for the 320,000 turns
 * of the 100 MB bench corpus where the table of version 7 took 0.05 s.
 * This reads what writes that column: import (store/json.c's writer) and
 * undo, redo, .qdpx and the migration (SQLite's json_array): integers,
 * null, strings with JSON's escapes, white space between tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

struct jscan {
	const char *s, *end;
};

static bool js_char(struct jscan *j, char c)
{
	while (j->s < j->end && (*j->s == ' ' || *j->s == '\n' || *j->s == '\t' || *j->s == '\r'))
		j->s++;
	if (j->s < j->end && *j->s == c) {
		j->s++;
		return true;
	}
	return false;
}

/* A non-negative integer; null (a time stamp without one) as -1 when
 * nullable. */
static bool js_int(struct jscan *j, bool nullable, int64_t *v)
{
	if (js_char(j, 'n')) {
		if (!nullable || j->end - j->s < 3 || memcmp(j->s, "ull", 3) != 0)
			return false;
		j->s += 3;
		*v = -1;
		return true;
	}
	const char *d = j->s;
	int64_t u = 0;
	while (j->s < j->end && *j->s >= '0' && *j->s <= '9' && j->s - d < 18)
		u = u * 10 + (*j->s++ - '0');
	*v = u;
	return j->s > d && (j->s == j->end || *j->s < '0' || *j->s > '9');
}

static int hex4(const char *p)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p[k];
		int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* \uXXXX (a surrogate pair as one code point) at j->s, just after the u,
 * as UTF-8 into b; its length, 0 when malformed. */
static size_t js_u(struct jscan *j, char b[4])
{
	int cp = j->end - j->s >= 4 ? hex4(j->s) : -1;
	if (cp < 0)
		return 0;
	j->s += 4;
	if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->s >= 6 && j->s[0] == '\\' &&
	    j->s[1] == 'u') {
		int lo = hex4(j->s + 2);
		if (lo >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			j->s += 6;
		}
	}
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | cp >> 18);
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A string into out, its first 63 bytes (as the table's reader cut it). */
static bool js_str(struct jscan *j, char out[64])
{
	size_t n = 0;
	if (!js_char(j, '"'))
		return false;
	while (j->s < j->end && *j->s != '"') {
		char b[4] = { *j->s++ };
		size_t k = 1;
		if (b[0] == '\\') {
			if (j->s >= j->end)
				return false;
			switch (*j->s++) {
			case '"': b[0] = '"'; break;
			case '\\': b[0] = '\\'; break;
			case '/': b[0] = '/'; break;
			case 'b': b[0] = '\b'; break;
			case 'f': b[0] = '\f'; break;
			case 'n': b[0] = '\n'; break;
			case 'r': b[0] = '\r'; break;
			case 't': b[0] = '\t'; break;
			case 'u':
				if (!(k = js_u(j, b)))
					return false;
				break;
			default:
				return false;
			}
		}
		for (size_t i = 0; i < k && n < 63; i++)
			out[n++] = b[i];
	}
	out[n] = '\0';
	return js_char(j, '"');
}

static bool js_turn(struct jscan *j, struct corpus_turn *t)
{
	int64_t v[6];
	memset(t, 0, sizeof *t);
	if (!js_char(j, '['))
		return false;
	for (int k = 0; k < 4; k++)
		if (!js_int(j, false, &v[k]) || !js_char(j, ','))
			return false;
	if (!js_str(j, t->speaker) || !js_char(j, ',') || !js_int(j, true, &v[4]) ||
	    !js_char(j, ',') || !js_int(j, true, &v[5]) || !js_char(j, ']'))
		return false;
	t->start = (size_t)v[0];
	t->end = (size_t)v[1];
	t->para_first = (size_t)v[2];
	t->para_last = (size_t)v[3];
	t->ts_start_ms = (long)v[4];
	t->ts_end_ms = (long)v[5];
	return true;
}

static int turns_parse(const char *s, size_t len, int64_t doc_id, struct corpus_turn **out,
                       size_t *n, struct anker_err *err)
{
	struct jscan j = { s, s + len };
	size_t cap = 0;
	if (!js_char(&j, '['))
		goto bad;
	if (!js_char(&j, ']')) {
		do {
			if (*n == cap) {
				cap = cap ? 2 * cap : 64;
				*out = xreallocarray(*out, cap, sizeof **out);
			}
			if (!js_turn(&j, &(*out)[*n]))
				goto bad;
			(*n)++;
		} while (js_char(&j, ','));
		if (!js_char(&j, ']'))
			goto bad;
	}
	js_char(&j, ' ');   /* white space after the array */
	if (j.s == j.end)
		return ANKER_OK;
bad:
	free(*out);
	*out = NULL;
	*n = 0;
	return anker_err_set(err, ANKER_DB, "the speaker turns of document %lld are damaged "
	                     "(byte offset %zu of doc_turn.turns)", (long long)doc_id,
	                     (size_t)(j.s - s));
}

int corpus_doc_turns(struct store *st, int64_t doc_id, struct corpus_turn **out, size_t *n,
                     struct anker_err *err)
{
	struct store_stmt *s;
	*out = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT turns FROM doc_turn WHERE doc_id = :doc", &s, err) ||
	    store_bind_int(s, ":doc", doc_id, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	if (rc == 1)
		rc = turns_parse(store_col_text(s, 0), store_col_bytes(s, 0), doc_id, out, n, err);
	store_done(s);
	return rc < 0 ? ANKER_DB : rc;
}
