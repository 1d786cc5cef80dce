/* store/color.c — the colors of subcodes, derived from their parent's,
 * and the schema step that gives existing projects such colors.
 *
 * It lives in store/ (not codebook/) because the migration needs it and
 * the store calls no module; codebook/ and refi/ use it for new codes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static bool hex_rgb(const char *hex, double rgb[3])
{
	if (!hex || hex[0] != '#' || strlen(hex) != 7)
		return false;
	for (int i = 0; i < 3; i++) {
		char b[3] = { hex[1 + 2 * i], hex[2 + 2 * i], 0 }, *end;
		long v = strtol(b, &end, 16);
		if (*end)
			return false;
		rgb[i] = (double)v / 255.0;
	}
	return true;
}

static void rgb_hsl(const double c[3], double *h, double *s, double *l)
{
	double mx = fmax(c[0], fmax(c[1], c[2])), mn = fmin(c[0], fmin(c[1], c[2]));
	double d = mx - mn;
	*l = (mx + mn) / 2;
	*s = d == 0 ? 0 : d / (1 - fabs(2 * *l - 1));
	if (d == 0)
		*h = 0;
	else if (mx == c[0])
		*h = 60 * fmod((c[1] - c[2]) / d + 6, 6);
	else if (mx == c[1])
		*h = 60 * ((c[2] - c[0]) / d + 2);
	else
		*h = 60 * ((c[0] - c[1]) / d + 4);
}

static void hsl_hex(double h, double s, double l, char out[8])
{
	double c = (1 - fabs(2 * l - 1)) * s, hp = fmod(h + 360, 360) / 60;
	double x = c * (1 - fabs(fmod(hp, 2) - 1)), m = l - c / 2;
	double r = 0, g = 0, b = 0;
	switch ((int)hp) {
	case 0: r = c; g = x; break;
	case 1: r = x; g = c; break;
	case 2: g = c; b = x; break;
	case 3: g = x; b = c; break;
	case 4: r = x; b = c; break;
	default: r = c; b = x; break;
	}
	snprintf(out, 8, "#%02x%02x%02x", (int)lround((r + m) * 255), (int)lround((g + m) * 255),
	         (int)lround((b + m) * 255));
}

/* Siblings step through 7 hue offsets and 3 lightness steps at once (7
 * and 3 share no factor: 21 siblings before a pair repeats both, and
 * neighbours always differ in both); then the saturation halves.  The
 * hue stays within 45 degrees of the parent's: a branch reads as one
 * family.  Every step changes the lightness, so no child looks like its
 * parent; a step that would leave the readable range goes the other way. */
void store_color_child(const char *parent, size_t index, char out[8])
{
	static const double hue[7] = { 0, 30, -30, 15, -15, 45, -45 };
	static const double light[3] = { -0.14, 0.10, 0.22 };
	double rgb[3], h, s, l;
	if (!hex_rgb(parent, rgb)) {
		snprintf(out, 8, "#808080");
		return;
	}
	rgb_hsl(rgb, &h, &s, &l);
	double dh = hue[index % 7];
	/* A gray parent has no hue to keep: its children spread round the
	 * wheel (the golden angle keeps any run of them apart). */
	if (s < 0.1) {
		s = 0.5;
		h = 0;
		dh = fmod((double)index * 137.508, 360);
	}
	/* Steps from a middle lightness, so that all three stay apart. */
	l = fmin(0.7, fmax(0.3, l));
	double dl = light[index % 3];
	if (l + dl < 0.22 || l + dl > 0.82)
		dl = -dl;
	l = fmin(0.82, fmax(0.22, l + dl));
	if ((index / 21) % 2)
		s *= 0.5;
	hsl_hex(h + dh, s, l, out);
}

/* Schema 5: a subcode whose color is its parent's (codebook import gave
 * every subcode its branch's color) gets its own, derived from its
 * parent's new one; colors chosen by a user (any other) stay.  The log's
 * copies of these rows get the new color too, so that redo of an undone
 * step finds the rows as it left them. */
struct recolor_code {
	int64_t id, parent;
	char *guid, old[8], new[8];
};

static int recolor_load(struct store *st, struct recolor_code **out, size_t *n,
                        struct anker_err *err)
{
	struct store_stmt *s;
	size_t cap = 0;
	/* Parents before children (by depth); siblings in their order. */
	if (store_prepare(st, "WITH RECURSIVE t(id, depth) AS (SELECT id, 0 FROM code WHERE "
	                      "parent_id IS NULL UNION ALL SELECT c.id, t.depth + 1 FROM code c "
	                      "JOIN t ON c.parent_id = t.id) SELECT c.id, IFNULL(c.parent_id, 0), "
	                      "lower(c.color), c.guid FROM code c JOIN t USING (id) "
	                      "ORDER BY t.depth, c.parent_id, c.position, c.id", &s, err))
		return store_failed(err);
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = store_step(s, err)) == 1) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		struct recolor_code *c = &(*out)[(*n)++];
		c->id = store_col_int(s, 0);
		c->parent = store_col_int(s, 1);
		snprintf(c->old, sizeof c->old, "%s", store_col_text(s, 2));
		memcpy(c->new, c->old, sizeof c->new);
		c->guid = xstrdup(store_col_text(s, 3));
	}
	store_done(s);
	return rc < 0 ? store_failed(err) : ANKER_OK;
}

static int recolor_write(struct store *st, const struct recolor_code *c, struct anker_err *err)
{
	if (store_run(st, err, "UPDATE code SET color = :c WHERE id = :id",
	              STORE_TEXT(":c", c->new), STORE_INT(":id", c->id)))
		return store_failed(err);
	if (store_run(st, err, "UPDATE log SET before = json_set(before, '$.color', :c) WHERE "
	                       "entity = 'code' AND guid = :g AND lower(json_extract(before, "
	                       "'$.color')) = :o",
	              STORE_TEXT(":c", c->new), STORE_TEXT(":g", c->guid), STORE_TEXT(":o", c->old)) ||
	    store_run(st, err, "UPDATE log SET after = json_set(after, '$.color', :c) WHERE "
	                       "entity = 'code' AND guid = :g AND lower(json_extract(after, "
	                       "'$.color')) = :o",
	              STORE_TEXT(":c", c->new), STORE_TEXT(":g", c->guid), STORE_TEXT(":o", c->old)))
		return store_failed(err);
	return ANKER_OK;
}

int store_recolor_inherited(struct store *st, struct anker_err *err)
{
	struct recolor_code *v = NULL;
	size_t n = 0;
	int rc = recolor_load(st, &v, &n, err);
	struct anker_map by_id = { 0 };
	char (*keys)[24] = xcalloc(n + 1, sizeof *keys);
	size_t sib = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		struct recolor_code *c = &v[i];
		int len = snprintf(keys[i], sizeof keys[i], "%lld", (long long)c->id);
		anker_map_put(&by_id, keys[i], (size_t)len, i);
		sib = i && v[i - 1].parent == c->parent ? sib + 1 : 0;
		if (!c->parent)
			continue;
		char pk[24];
		int plen = snprintf(pk, sizeof pk, "%lld", (long long)c->parent);
		size_t p = anker_map_get(&by_id, pk, (size_t)plen);
		if (p == SIZE_MAX || strcmp(c->old, v[p].old) != 0)
			continue;
		store_color_child(v[p].new, sib, c->new);
		rc = recolor_write(st, c, err);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].guid);
	free(v);
	free(keys);
	anker_map_free(&by_id);
	return rc;
}
