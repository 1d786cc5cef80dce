/* tests/fuzz/fuzz_qdc.c — the REFI-QDA codebook reader (.qdc).
 *
 * The input is a .qdc file, imported into an empty scratch project as
 * `anker codebook import` does.  A refused file must leave the project
 * as it was; an accepted one must read back through export and import
 * unchanged, and importing it a second time must change nothing.
 */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz_file.h"
#include "../../codebook/codebook.h"
#include "../../refi/refi.h"

/* Rows that an import may touch, as one number per table. */
static void counts(struct store *st, int64_t out[3])
{
	static const char *const q[] = {
		"SELECT COUNT(*) FROM code", "SELECT COUNT(*) FROM log",
		"SELECT COUNT(*) + (SELECT COUNT(*) FROM code_note) FROM anchor",
	};
	struct anker_err err = {0};
	for (int i = 0; i < 3; i++)
		FUZZ_CHECK(store_query_int(st, q[i], &out[i], &err) == ANKER_OK, "%s: %s", q[i],
		           err.msg);
}

/* Export what was imported and import that: nothing may change. */
static void reexport(struct store *st)
{
	struct strbuf out = {0};
	struct anker_err err = {0};
	struct codebook_import_report rep;
	FUZZ_CHECK(refi_qdc_export(st, &out, NULL, &err) == ANKER_OK, "export: %s", err.msg);
	const char *path = fuzz_file((const uint8_t *)out.buf, out.len);
	int rc = refi_qdc_import(st, path, &rep, NULL, &err);
	FUZZ_CHECK(rc == ANKER_OK, "our own export is refused: %s\n%s", err.msg, out.buf);
	FUZZ_CHECK(rep.added == 0 && rep.updated == 0, "importing the export: %zu added, %zu "
	           "updated", rep.added, rep.updated);
	sb_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_project();
	struct anker_err err = {0};
	struct codebook_import_report rep;
	int64_t before[3], after[3];
	const char *path = fuzz_file(data, size);

	counts(st, before);
	int rc = refi_qdc_import(st, path, &rep, NULL, &err);
	FUZZ_CHECK(rc == ANKER_OK || rc == ANKER_INPUT, "status %d: %s", rc, err.msg);
	counts(st, after);
	if (rc != ANKER_OK) {
		FUZZ_CHECK(memcmp(before, after, sizeof before) == 0, "a refused file changed the "
		           "project (%s)", err.msg);
		fuzz_project_reset(st);
		return 0;
	}
	FUZZ_CHECK(after[0] == (int64_t)(rep.added), "%lld codes after adding %zu",
	           (long long)after[0], rep.added);
	rc = refi_qdc_import(st, path, &rep, NULL, &err);
	FUZZ_CHECK(rc == ANKER_OK && rep.added == 0 && rep.updated == 0,
	           "second import: status %d, %zu added, %zu updated: %s", rc, rep.added,
	           rep.updated, err.msg);
	reexport(st);
	fuzz_project_reset(st);
	return 0;
}
