/* tui/text_label.c — codes named in few columns without losing what tells
 * them apart.  Siblings often share their start ("Koordination Bund -
 * Länder", "Koordination Länder", …): a name too long keeps its start and
 * the word where it parts from its siblings ("Koo…Bund - Länder"); a path
 * too long loses its ancestors first, from the left ("… >> Optimierung >>
 * Zentrales Portal"), as the CLI's tables do. */
#include <string.h>

#include "text.h"

#define ELLIPSIS "…"

/* The first glyphs of s[0..len) that fit in w columns as drawn (a
 * control's placeholder whole or not at all), into out. */
static int add_fit(struct strbuf *out, const char *s, size_t len, int w)
{
	int used = 0, gw;
	size_t b = 0;
	while (b < len) {
		size_t g = tui_glyph(s + b, len - b, used, &gw);
		if (used + gw > w)
			break;
		used += gw;
		b += g;
	}
	sb_add(out, s, b);
	return used;
}

/* Bytes name shares at its start with the sibling it resembles most:
 * where it parts from them, moved back to the start of that word. */
static size_t parting(const struct codebook *cb, size_t i)
{
	const char *name = cb->codes[i].name;
	size_t best = 0;
	for (size_t j = 0; j < cb->ncodes; j++) {
		if (j == i || cb->codes[j].parent != cb->codes[i].parent)
			continue;
		const char *o = cb->codes[j].name;
		size_t k = 0;
		while (name[k] && name[k] == o[k])
			k++;
		if (k > best)
			best = k;
	}
	size_t p = best;
	while (p > 0 && name[p - 1] != ' ')
		p--;
	/* One long word shared ("Koordination" in "Koordinationsstelle"): a
	 * little of it before where they part. */
	if (p == 0 && best > 4) {
		p = best - 2;
		while (p > 0 && ((unsigned char)name[p] & 0xC0) == 0x80)
			p--;
	}
	return p;
}

/* name (len bytes) in w columns as drawn; it parts from its siblings at
 * byte p. */
static void name_fit(const char *name, size_t len, size_t p, int w, struct strbuf *out)
{
	if (w <= 0)
		return;
	if (tui_text_width(name, len) <= w) {
		sb_add(out, name, len);
		return;
	}
	const char *tail = name + p;
	size_t tlen = len - p;
	int tw = tui_text_width(tail, tlen);
	/* Where the name parts from its siblings within the first w - 1
	 * columns, with a few characters of the part that differs: cut at
	 * the end. */
	if (p == 0 || tui_text_width(name, p) + 4 <= w - 1 || w < 6) {
		add_fit(out, name, len, w - 1);
		sb_adds(out, ELLIPSIS);
		return;
	}
	if (tw + 1 >= w) {
		sb_adds(out, ELLIPSIS);
		add_fit(out, tail, tlen, w - 2);
		sb_adds(out, ELLIPSIS);
		return;
	}
	add_fit(out, name, p, w - 1 - tw);
	sb_adds(out, ELLIPSIS);
	sb_add(out, tail, tlen);
}

void text_name_fit(const struct codebook *cb, size_t i, int w, struct strbuf *out)
{
	const char *name = cb->codes[i].name;
	size_t len = strlen(name);
	/* Where it parts from its siblings only when it must be cut: that
	 * looks at every code (a tree of 100,000 asks for each row drawn). */
	if (w > 0 && tui_text_width(name, len) <= w)
		sb_add(out, name, len);
	else
		name_fit(name, len, parting(cb, i), w, out);
}

void text_path_fit(const struct codebook *cb, size_t i, int w, struct strbuf *out)
{
	const struct codebook_code *k = &cb->codes[i];
	if (*k->number && w > 0) {
		int nw = add_fit(out, k->number, strlen(k->number), w);
		sb_addc(out, ' ');
		w -= nw + 1;
	}
	struct strbuf path = { 0 };
	codebook_path(cb, i, &path);
	const char *s = sb_str(&path);
	if (tui_text_width(s, path.len) <= w) {
		sb_add(out, s, path.len);
		sb_free(&path);
		return;
	}
	/* Drop ancestors from the left while the rest does not fit. */
	static const char sep[] = " >> ";
	int ew = tui_text_width(ELLIPSIS, strlen(ELLIPSIS));
	for (const char *p = strstr(s, sep); p; p = strstr(p + 1, sep)) {
		const char *rest = p;   /* " >> B >> C" */
		if (ew + tui_text_width(rest, strlen(rest)) <= w) {
			sb_adds(out, ELLIPSIS);
			sb_adds(out, rest);
			sb_free(&path);
			return;
		}
	}
	sb_free(&path);
	text_name_fit(cb, i, w, out);
}
