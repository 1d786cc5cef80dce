/* cli/cmd_corpus.c — init and import. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

int cli_cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "title", required_argument, NULL, 't' }, { 0 }
	};
	const char *title = NULL;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "+p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 't')
			title = optarg;
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open(c, STORE_OPEN_CREATE)))
		return rc;
	if (title && store_meta_set(c->st, "title", title, &c->err))
		return cli_fail(c);
	cli_eprintf("anker: created %s\n", c->project);
	return 0;
}

/* ---------------------------------------------------------------------- */

static int import_one(struct cli *c, const char *path, const struct corpus_import_opts *o,
                      bool listed, size_t nfiles, struct strbuf *said)
{
	struct corpus_import_result res = {0};
	anker_err_clear(&c->err);
	/* The file's own savepoint: it imports whole or not at all, its
	 * comments as memos on it. */
	int rc = coding_import_file(c->st, path, o, NULL, &res, &c->err);
	if (rc) {
		corpus_import_result_free(&res);
		/* Messages name the file; corpus_normalize's offsets do not. */
		if (!strstr(c->err.msg, path))
			anker_err_prefix(&c->err, "%s", path);
		/* --name names one file's document: among several, it is refused. */
		if (rc == ANKER_EXISTS && !o->name) {
			size_t at = strlen(c->err.msg);
			snprintf(c->err.msg + at, sizeof c->err.msg - at, "%s", nfiles == 1
			         ? " (--name NAME imports it under another name)"
			         : " (import it alone with --name NAME to give it another name)");
		}
		cli_fail(c);
		return rc;
	}
	/* Said once the batch is committed (cli_cmd_import): a file whose
	 * import the final commit loses was not imported. */
	if (res.empty)
		sb_addf(said, "anker: warning: %s: empty file imported as an empty document\n", path);
	if (res.replaced)
		sb_addf(said, "anker: warning: %s: replaced %zu invalid byte%s with U+FFFD\n", path,
		        res.replaced, res.replaced == 1 ? "" : "s");
	if (listed) {
		bool text = strcmp(res.format, "text") == 0;
		sb_addf(said, "imported %s%s%s%s: %zu character%s, %zu paragraph%s, %zu turn%s%s\n",
		        res.name, text ? "" : " (", text ? "" : res.format, text ? "" : ")",
		        res.chars, res.chars == 1 ? "" : "s", res.paragraphs,
		        res.paragraphs == 1 ? "" : "s", res.nturns, res.nturns == 1 ? "" : "s",
		        res.nmemos ? ", comments as memos" : "");
	}
	corpus_import_result_free(&res);
	return 0;
}

int cli_cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "group", required_argument, NULL, 'g' }, { "var", required_argument, NULL, 'v' },
		{ "name", required_argument, NULL, 'n' }, { "lossy", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' }, { "encoding", required_argument, NULL, 'e' },
		{ "speakers", required_argument, NULL, 's' }, { 0 }
	};
	struct corpus_import_opts o = {0};
	struct corpus_var *vars = NULL;
	bool quiet = false;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:q", longopts, &rc)) != -1) {
		if (opt == -2)
			goto out;
		if (opt == 'g') {
			o.group = optarg;
		} else if (opt == 'n') {
			o.name = optarg;
		} else if (opt == 'l') {
			o.lossy = true;
		} else if (opt == 'q') {
			quiet = true;
		} else if (opt == 'e' || opt == 's') {
			if (opt == 'e')
				o.encoding = optarg;
			else
				o.speakers = optarg;
			if ((opt == 'e' ? corpus_encoding_check(optarg, &c->err)
			                : corpus_speakers_check(optarg, &c->err))) {
				rc = cli_usage_error(c, "%s", c->err.msg);
				goto out;
			}
		} else if (opt == 'v') {
			vars = xreallocarray(vars, o.nvars + 1, sizeof *vars);
			if (corpus_var_parse(optarg, &vars[o.nvars], &c->err)) {
				rc = cli_usage_error(c, "%s", c->err.msg);
				goto out;
			}
			o.nvars++;
		}
	}
	o.vars = vars;
	if (optind >= argc) {
		rc = cli_usage_error(c, "no FILE to import");
		goto out;
	}
	if (o.name && argc - optind > 1) {
		rc = cli_usage_error(c, "--name takes one FILE");
		goto out;
	}
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		goto out;
	size_t nfiles = (size_t)(argc - optind);
	/* Many files on a terminal: the bar (store_progress) says how far the
	 * batch is, not a line per file. */
	bool listed = !quiet && !(isatty(2) && nfiles > 20);
	if (quiet)
		store_set_progress(NULL, NULL);
	/* One transaction for the batch (one sync to disk, one undo step);
	 * each file is a savepoint inside it, whole or not at all. */
	if (store_begin_bulk(c->st, &c->err)) {
		rc = cli_fail(c);
		goto out;
	}
	struct strbuf said = {0};
	size_t failed = 0, ok = 0;
	for (int i = optind; i <= argc; i++) {
		if (store_progress("import", (uint64_t)(i - optind), nfiles, &c->err)) {
			rc = cli_fail(c);
			break;
		}
		if (i == argc)
			break;
		int r = import_one(c, argv[i], &o, listed, nfiles, &said);
		if (r) {
			failed++;
			if (r == ANKER_DB || r == ANKER_NOMEM) {
				rc = anker_status_exit((enum anker_status)r);
				break;
			}
		} else {
			ok++;
		}
	}
	/* A batch that is not committed imported nothing: the files read so
	 * far count as failed, so the summary does not contradict the error. */
	if (rc) {
		store_rollback(c->st);
		failed += ok;
		ok = 0;
	} else if (store_commit(c->st, &c->err)) {
		rc = cli_fail(c);
		failed += ok;
		ok = 0;
	}
	if (!rc)
		cli_eprintf("%s", sb_str(&said));
	sb_free(&said);
	if ((!quiet || failed) && c->err.status != ANKER_CANCELLED)
		cli_eprintf("anker: %zu file%s imported, %zu failed\n", ok, ok == 1 ? "" : "s",
		            failed);
	if (!rc && failed)
		rc = 1;
out:
	for (size_t i = 0; i < o.nvars; i++)
		corpus_var_free(&vars[i]);
	free(vars);
	return rc;
}

