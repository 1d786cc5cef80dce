/* tests/fuzz/fuzz_qdpx.c — the REFI-QDA project reader (.qdpx).
 *
 * The input is the zip file, imported into an empty scratch project as
 * `anker qdpx import` does.  A refused file must leave the project as it
 * was; an accepted one imported a second time must change nothing (no
 * log entry), and the project's own export of it must import cleanly.
 * The export needs a real file (libzip replaces files by renaming): it
 * goes in the harness's directory (fuzz_file.h) and is removed after
 * every run.
 */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz_file.h"
#include "../../coding/coding.h"
#include "../../refi/refi.h"

static const char *const tables[] = {
	"code", "log", "document", "segment", "memo", "coder", "review", "doc_var", "turn",
};
#define NTABLES (sizeof tables / sizeof *tables)

static void counts(struct store *st, int64_t out[NTABLES])
{
	struct anker_err err = {0};
	char sql[64];
	for (size_t i = 0; i < NTABLES; i++) {
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", tables[i]);
		FUZZ_CHECK(store_query_int(st, sql, &out[i], &err) == ANKER_OK, "%s: %s", sql,
		           err.msg);
	}
}

static const char *export_file(void)
{
	static char path[300];
	if (!path[0])
		snprintf(path, sizeof path, "%s/out.qdpx", fuzz_dir());
	return path;
}

static void reexport(struct store *st)
{
	struct refi_qdpx_report rep;
	struct anker_err err = {0};
	int64_t before[NTABLES], after[NTABLES];
	const char *path = export_file();
	FUZZ_CHECK(refi_qdpx_export(st, path, &rep, &err) == ANKER_OK, "export: %s", err.msg);
	refi_qdpx_report_free(&rep);
	counts(st, before);
	int rc = refi_qdpx_import(st, path, NULL, &rep, &err);
	refi_qdpx_report_free(&rep);
	unlink(path);
	FUZZ_CHECK(rc == ANKER_OK, "our own export is refused: %s", err.msg);
	counts(st, after);
	for (size_t i = 0; i < NTABLES; i++)
		FUZZ_CHECK(before[i] == after[i], "importing our export: %s %lld -> %lld",
		           tables[i], (long long)before[i], (long long)after[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_project();
	struct anker_err err = {0};
	struct refi_qdpx_report rep;
	int64_t before[NTABLES], after[NTABLES];
	const char *path = fuzz_file(data, size);

	counts(st, before);
	int rc = refi_qdpx_import(st, path, NULL, &rep, &err);
	refi_qdpx_report_free(&rep);
	FUZZ_CHECK(rc == ANKER_OK || rc == ANKER_INPUT, "status %d: %s", rc, err.msg);
	counts(st, after);
	if (rc != ANKER_OK) {
		for (size_t i = 0; i < NTABLES; i++)
			FUZZ_CHECK(before[i] == after[i], "a refused file changed %s (%lld -> %lld): %s",
			           tables[i], (long long)before[i], (long long)after[i], err.msg);
		fuzz_project_reset(st);
		return 0;
	}
	rc = refi_qdpx_import(st, path, NULL, &rep, &err);
	refi_qdpx_report_free(&rep);
	counts(st, before);
	FUZZ_CHECK(rc == ANKER_OK, "second import refused: %s", err.msg);
	for (size_t i = 0; i < NTABLES; i++)
		FUZZ_CHECK(before[i] == after[i], "second import changed %s (%lld -> %lld)",
		           tables[i], (long long)after[i], (long long)before[i]);
	reexport(st);
	fuzz_project_reset(st);
	return 0;
}
