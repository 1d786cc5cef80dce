/* cli/cmd_refi.c — qdpx import|export: REFI-QDA projects. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../report/report.h"
#include "../refi/refi.h"

static int qdpx_args(struct cli *c, int argc, char **argv, const char **file)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc ? rc : -1;   /* -1: --help was printed */
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one FILE.qdpx");
	*file = argv[optind];
	return 0;
}

/* After an export or import (rc its status): the warnings, then the
 * failure or what was written or read; r freed.  The exit status. */
static int qdpx_report(struct cli *c, const char *file, struct refi_qdpx_report *r, int rc)
{
	for (size_t i = 0; i < r->nwarnings; i++)
		cli_warn("%s", r->warnings[i]);
	if (rc)
		rc = cli_fail(c);
	else
		cli_eprintf("anker: %s: %zu user%s, %zu code%s, %zu source%s, %zu selection%s, "
		            "%zu note%s, %zu set%s\n", file, r->users, r->users == 1 ? "" : "s",
		            r->codes, r->codes == 1 ? "" : "s", r->sources, r->sources == 1 ? "" : "s",
		            r->selections, r->selections == 1 ? "" : "s", r->notes,
		            r->notes == 1 ? "" : "s", r->sets, r->sets == 1 ? "" : "s");
	refi_qdpx_report_free(r);
	return rc;
}

static int qdpx_export(struct cli *c, int argc, char **argv)
{
	const char *file = NULL;
	int rc = qdpx_args(c, argc, argv, &file);
	if (rc)
		return rc < 0 ? 0 : rc;
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct refi_qdpx_report r;
	rc = refi_qdpx_export(c->st, file, &r, &c->err);
	return qdpx_report(c, file, &r, rc);
}

/* Close and remove a project the import created (with SQLite's -wal and
 * -shm files beside it). */
static void project_remove(struct cli *c)
{
	struct strbuf side = {0};
	store_close(c->st);
	c->st = NULL;
	unlink(c->project);
	sb_addf(&side, "%s-wal", c->project);
	unlink(side.buf);
	sb_reset(&side);
	sb_addf(&side, "%s-shm", c->project);
	unlink(side.buf);
	sb_free(&side);
}

static int qdpx_import(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "max-size", required_argument, NULL, 'm' },
		{ "replace", no_argument, NULL, 'r' }, { 0 }
	};
	struct refi_qdpx_opts o = { .max_size = REFI_QDPX_MAX_SIZE };
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'm' && !cli_parse_size(optarg, &o.max_size))
			return cli_usage_error(c, "--max-size '%s': expected a size such as 2G, 512M "
			                       "or a number of bytes", optarg);
		if (opt == 'r')
			o.replace = true;
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one FILE.qdpx");
	const char *file = argv[optind];
	/* Into a new project when the file does not exist yet: created here,
	 * and removed again when the import fails (nothing half-written). */
	struct stat sb;
	bool fresh = c->project && stat(c->project, &sb) != 0;
	if ((rc = cli_open(c, fresh ? STORE_OPEN_CREATE : STORE_OPEN_EXISTING)))
		return rc;
	struct refi_qdpx_report r;
	rc = refi_qdpx_import(c->st, file, &o, &r, &c->err);
	if (rc && fresh)
		project_remove(c);
	return qdpx_report(c, file, &r, rc);
}

const struct cli_subcommand cli_qdpx_subcommands[] = {
	{ "export", qdpx_export, "write the project as a REFI-QDA project" },
	{ "import", qdpx_import, "read a REFI-QDA project into the project" },
	{ 0 }
};
