/* Unit tests for the JSON writer (store/json.c): commas, nesting, keys,
 * breaks, numbers, and strings escaped the way sb_add_json escapes them. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../../store/store.h"

#define expect_json(sb, want)                                                       \
	cr_expect_str_eq(sb_str(&(sb)), (want), "expected %s\n     got %s", (want), \
	                 sb_str(&(sb)))

Test(json, empty_containers)
{
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_arr_begin(&w);
	json_obj_begin(&w);
	json_obj_end(&w);
	json_arr_begin(&w);
	json_arr_end(&w);
	json_arr_end(&w);
	expect_json(sb, "[{}, []]");
	sb_free(&sb);
}

Test(json, commas_and_nesting)
{
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "a");
	json_int(&w, 1);
	json_key(&w, "list");
	json_arr_begin(&w);
	json_str(&w, "x");
	json_obj_begin(&w);
	json_key(&w, "deep");
	json_arr_begin(&w);
	json_null(&w);
	json_bool(&w, true);
	json_bool(&w, false);
	json_arr_end(&w);
	json_obj_end(&w);
	json_str(&w, NULL);
	json_arr_end(&w);
	json_key(&w, "raw");
	json_raw(&w, "{\"k\": [1, 2]}");
	json_key(&w, "after");
	json_strn(&w, "abcdef", 3);
	json_obj_end(&w);
	expect_json(sb, "{\"a\": 1, \"list\": [\"x\", {\"deep\": [null, true, false]}, null], "
	                "\"raw\": {\"k\": [1, 2]}, \"after\": \"abc\"}");
	sb_free(&sb);
}

/* Integers by hand (json_int): the extremes and zero as printf writes them;
 * compact: no space after a comma or colon. */
Test(json, integers_and_compact)
{
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb, .compact = true };
	json_obj_begin(&w);
	json_key(&w, "n");
	json_arr_begin(&w);
	json_int(&w, 0);
	json_int(&w, -7);
	json_int(&w, 1234567890123);
	json_int(&w, INT64_MAX);
	json_int(&w, INT64_MIN);
	json_arr_end(&w);
	json_key(&w, "s");
	json_str(&w, "a b");
	json_obj_end(&w);
	expect_json(sb, "{\"n\":[0,-7,1234567890123,9223372036854775807,-9223372036854775808],"
	                "\"s\":\"a b\"}");
	sb_free(&sb);
}

/* Two writers one after the other on one buffer: each starts fresh. */
Test(json, appends_to_the_buffer)
{
	struct strbuf sb = {0};
	sb_adds(&sb, "x=");
	struct json_w w = { .out = &sb };
	json_arr_begin(&w);
	json_int(&w, INT64_MIN);
	json_int(&w, INT64_MAX);
	json_arr_end(&w);
	sb_adds(&sb, "; y=");
	struct json_w v = { .out = &sb };
	json_arr_begin(&v);
	json_int(&v, 0);
	json_arr_end(&v);
	expect_json(sb, "x=[-9223372036854775808, 9223372036854775807]; y=[0]");
	sb_free(&sb);
}

Test(json, breaks)
{
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_arr_begin(&w);
	for (int i = 0; i < 2; i++) {
		json_break(&w, "\n  ");
		json_obj_begin(&w);
		json_key(&w, "n");
		json_int(&w, i);
		json_key(&w, "m");
		json_int(&w, -i);
		json_obj_end(&w);
	}
	json_break(&w, "\n");
	json_arr_end(&w);
	expect_json(sb, "[\n  {\"n\": 0, \"m\": 0},\n  {\"n\": 1, \"m\": -1}\n]");
	/* A break before a key, and before the first item of a list. */
	sb_reset(&sb);
	w = (struct json_w){ .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "a");
	json_arr_begin(&w);
	json_arr_end(&w);
	json_break(&w, "\n");
	json_key(&w, "b");
	json_arr_begin(&w);
	json_break(&w, "\n");
	json_str(&w, "c");
	json_arr_end(&w);
	json_obj_end(&w);
	expect_json(sb, "{\"a\": [],\n\"b\": [\n\"c\"]}");
	sb_free(&sb);
}

Test(json, escaping_as_sb_add_json)
{
	static const char s[] = "q\" b\\ n\n t\t r\r c\x01\x1f del\x7f é \xff\xc3\x28 /";
	struct strbuf sb = {0}, ref = {0};
	struct json_w w = { .out = &sb };
	json_arr_begin(&w);
	json_strn(&w, s, sizeof s - 1);
	json_str(&w, s);
	json_arr_end(&w);
	const char *want = "\"q\\\" b\\\\ n\\n t\\t r\\r c\\u0001\\u001f del\\u007f é \xff\xc3\x28 /\"";
	sb_addc(&ref, '[');
	sb_adds(&ref, want);
	sb_adds(&ref, ", ");
	sb_adds(&ref, want);
	sb_addc(&ref, ']');
	expect_json(sb, sb_str(&ref));
	sb_reset(&ref);
	sb_add_json(&ref, s, sizeof s - 1);
	cr_expect_str_eq(sb_str(&ref), want, "sb_add_json: %s", sb_str(&ref));
	/* Runs of plain bytes are copied at once: escapes first, back to back
	 * and last, and no bytes at all. */
	sb_reset(&ref);
	sb_add_json(&ref, "\"\"x\n", 4);
	sb_add_json(&ref, NULL, 0);
	cr_expect_str_eq(sb_str(&ref), "\"\\\"\\\"x\\n\"\"\"", "sb_add_json: %s", sb_str(&ref));
	/* Embedded NUL: json_strn writes it escaped, as sb_add_json does. */
	sb_reset(&sb);
	w = (struct json_w){ .out = &sb };
	json_strn(&w, "a\0b", 3);
	expect_json(sb, "\"a\\u0000b\"");
	/* Keys are escaped too. */
	sb_reset(&sb);
	w = (struct json_w){ .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "k\"\n");
	json_str(&w, "");
	json_obj_end(&w);
	expect_json(sb, "{\"k\\\"\\n\": \"\"}");
	sb_free(&sb);
	sb_free(&ref);
}

Test(json, doubles)
{
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_arr_begin(&w);
	json_double(&w, 0.1);
	json_double(&w, 1.0 / 3);
	json_double(&w, 2);
	json_double(&w, -0.5);
	json_double(&w, 1e300);
	json_double(&w, NAN);
	json_double(&w, INFINITY);
	json_arr_end(&w);
	expect_json(sb, "[0.1, 0.3333333333333333, 2, -0.5, 1e+300, null, null]");
	sb_free(&sb);
}
