/* store/json.c — the JSON writer (struct json_w): commas, keys and
 * values over a strbuf, in anker's one layout.  Reading JSON is SQLite's
 * business (json_each, json_extract): there is no JSON parser in C. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static uint64_t level_bit(const struct json_w *w)
{
	return UINT64_C(1) << (w->depth < 63 ? w->depth : 63);
}

/* What goes before an item: nothing after a key; else a comma unless it
 * is the first item, then the break or a space (none before the first). */
static void item(struct json_w *w)
{
	if (w->keyed) {
		w->keyed = false;
		return;
	}
	bool more = w->items & level_bit(w);
	if (more)
		sb_addc(w->out, ',');
	if (w->brk)
		sb_adds(w->out, w->brk);
	else if (more && !w->compact)
		sb_addc(w->out, ' ');
	w->brk = NULL;
	w->items |= level_bit(w);
}

static void open_container(struct json_w *w, char c)
{
	item(w);
	sb_addc(w->out, c);
	w->depth++;
	w->items &= ~level_bit(w);
}

static void close_container(struct json_w *w, char c)
{
	if (w->brk)
		sb_adds(w->out, w->brk);
	w->brk = NULL;
	sb_addc(w->out, c);
	if (w->depth > 0)
		w->depth--;
}

void json_obj_begin(struct json_w *w)
{
	open_container(w, '{');
}

void json_obj_end(struct json_w *w)
{
	close_container(w, '}');
}

void json_arr_begin(struct json_w *w)
{
	open_container(w, '[');
}

void json_arr_end(struct json_w *w)
{
	close_container(w, ']');
}

void json_key(struct json_w *w, const char *key)
{
	item(w);
	sb_add_json(w->out, key, strlen(key));
	sb_adds(w->out, w->compact ? ":" : ": ");
	w->keyed = true;
}

void json_strn(struct json_w *w, const char *s, size_t len)
{
	item(w);
	sb_add_json(w->out, s, len);
}

void json_str(struct json_w *w, const char *s)
{
	if (s)
		json_strn(w, s, strlen(s));
	else
		json_null(w);
}

/* Digits by hand, not printf: an import writes six numbers per speaker
 * turn, and formatting them through sb_addf cost more than storing them. */
void json_int(struct json_w *w, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	item(w);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	sb_add(w->out, p, (size_t)(buf + sizeof buf - p));
}

void json_double(struct json_w *w, double v)
{
	if (!isfinite(v)) {
		json_null(w);
		return;
	}
	char buf[32];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	json_raw(w, buf);
}

void json_bool(struct json_w *w, bool v)
{
	json_raw(w, v ? "true" : "false");
}

void json_null(struct json_w *w)
{
	json_raw(w, "null");
}

void json_raw(struct json_w *w, const char *json)
{
	item(w);
	sb_adds(w->out, json);
}

void json_break(struct json_w *w, const char *ws)
{
	w->brk = ws;
}
