/* Unit tests for the colors of subcodes (store/color.c): siblings clearly
 * apart, each a shade of its parent's hue, and the schema 5 migration that
 * gives inherited colors their own. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../store/store.h"
#include "unit_fixture.h"

static void rgb_of(const char *hex, int rgb[3])
{
	cr_assert(hex[0] == '#' && strlen(hex) == 7, "not #rrggbb: %s", hex);
	for (int i = 0; i < 3; i++) {
		char b[3] = { hex[1 + 2 * i], hex[2 + 2 * i], 0 };
		rgb[i] = (int)strtol(b, NULL, 16);
	}
}

static double dist(const char *a, const char *b)
{
	int x[3], y[3];
	rgb_of(a, x);
	rgb_of(b, y);
	double d = 0;
	for (int i = 0; i < 3; i++)
		d += (double)(x[i] - y[i]) * (x[i] - y[i]);
	return sqrt(d);
}

static double hue_of(const char *hex)
{
	int c[3];
	rgb_of(hex, c);
	double r = c[0] / 255.0, g = c[1] / 255.0, b = c[2] / 255.0;
	double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b)), d = mx - mn;
	if (d == 0)
		return 0;
	if (mx == r)
		return 60 * fmod((g - b) / d + 6, 6);
	if (mx == g)
		return 60 * ((b - r) / d + 2);
	return 60 * ((r - g) / d + 4);
}

static const char *const parents[] = {
	"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#808080", "#ffffff",
};

/* The seed codebook's branch 2 has 13 subcodes; 21 is where a pair of
 * siblings first shares hue step and lightness step. */
Test(color, siblings_apart)
{
	for (size_t p = 0; p < sizeof parents / sizeof *parents; p++) {
		char c[21][8];
		for (size_t i = 0; i < 21; i++)
			store_color_child(parents[p], i, c[i]);
		for (size_t i = 0; i < 21; i++)
			for (size_t j = i + 1; j < 21; j++)
				cr_expect(dist(c[i], c[j]) >= 12, "parent %s: siblings %zu %s and %zu %s "
				          "too close (%.0f)", parents[p], i, c[i], j, c[j], dist(c[i], c[j]));
		/* Neighbours in the tree differ in hue and lightness at once. */
		for (size_t i = 0; i + 1 < 21; i++)
			cr_expect(dist(c[i], c[i + 1]) >= 40, "parent %s: siblings %zu %s and %zu %s "
			          "too close (%.0f)", parents[p], i, c[i], i + 1, c[i + 1],
			          dist(c[i], c[i + 1]));
	}
}

Test(color, children_are_shades_of_the_parent)
{
	for (size_t p = 0; p < 6; p++) {
		double ph = hue_of(parents[p]);
		for (size_t i = 0; i < 42; i++) {
			char c[8];
			store_color_child(parents[p], i, c);
			double dh = fabs(hue_of(c) - ph);
			if (dh > 180)
				dh = 360 - dh;
			cr_expect(dh <= 47, "parent %s child %zu %s: hue %.0f degrees away", parents[p], i,
			          c, dh);
			cr_expect(dist(c, parents[p]) >= 25, "parent %s child %zu %s: looks like it",
			          parents[p], i, c);
		}
	}
}

Test(color, stable_and_total)
{
	char a[8], b[8];
	store_color_child("#3cb44b", 4, a);
	store_color_child("#3CB44B", 4, b);
	cr_assert_str_eq(a, b);
	store_color_child("green", 0, a);
	cr_assert_str_eq(a, "#808080");
	store_color_child(NULL, 0, a);
	cr_assert_str_eq(a, "#808080");
}

static char path[128];

static void make_dir(void)
{
	unit_dir_make();
	snprintf(path, sizeof path, "%s/p.anker", unit_dir);
}

TestSuite(color_migration, .init = make_dir, .fini = unit_dir_remove);

static void add_code(struct store *st, int64_t id, int64_t parent, int pos, const char *color)
{
	struct anker_err err = {0};
	char guid[37];
	store_guid(guid);
	cr_assert_eq(store_run(st, &err, "INSERT INTO code(id, guid, name, parent_id, position, "
	                       "color, created, modified) VALUES (:id, :g, :g, :p, :pos, :c, '', '')",
	                       STORE_INT(":id", id), STORE_TEXT(":g", guid),
	                       parent ? STORE_INT(":p", parent) : STORE_NULL(":p"),
	                       STORE_INT(":pos", pos), STORE_TEXT(":c", color)), 0, "%s", err.msg);
}

static void color_is(struct store *st, int64_t id, const char *want)
{
	struct anker_err err = {0};
	struct strbuf c = {0};
	cr_assert_eq(store_get_text(st, &c, &err, "SELECT color FROM code WHERE id = :id",
	                            STORE_INT(":id", id)), 0, "%s", err.msg);
	cr_expect_str_eq(sb_str(&c), want, "code %lld", (long long)id);
	sb_free(&c);
}

/* A project of schema 4 whose subcodes inherited their branch's color:
 * opening it derives their own, keeps a color a user chose, and the
 * grandchildren follow their parent's new color. */
Test(color_migration, inherited_colors_derived)
{
	struct store *st;
	struct anker_err err = {0};
	cr_assert_eq(store_open(path, STORE_OPEN_CREATE, &st, &err), ANKER_OK, "%s", err.msg);
	cr_assert_eq(store_begin(st, &err), 0, "%s", err.msg);
	add_code(st, 1, 0, 0, "#3cb44b");
	add_code(st, 2, 1, 0, "#3cb44b");
	add_code(st, 3, 1, 1, "#3CB44B");
	add_code(st, 4, 1, 2, "#123456");    /* chosen with codes color */
	add_code(st, 5, 3, 0, "#3cb44b");
	add_code(st, 6, 4, 0, "#123456");
	cr_assert_eq(store_exec(st, "PRAGMA user_version = 4", &err), 0, "%s", err.msg);
	cr_assert_eq(store_commit(st, &err), 0, "%s", err.msg);
	store_close(st);

	cr_assert_eq(store_open(path, STORE_OPEN_EXISTING, &st, &err), ANKER_OK, "%s", err.msg);
	char c2[8], c3[8], c5[8], c6[8];
	store_color_child("#3cb44b", 0, c2);
	store_color_child("#3cb44b", 1, c3);
	store_color_child(c3, 0, c5);
	store_color_child("#123456", 0, c6);
	color_is(st, 1, "#3cb44b");
	color_is(st, 2, c2);
	color_is(st, 3, c3);
	color_is(st, 4, "#123456");
	color_is(st, 5, c5);
	color_is(st, 6, c6);
	cr_expect_str_neq(c2, c3);
	store_close(st);
}
