/* cli/cmd_log.c — log, undo, redo. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../report/report.h"

/* A positive count for --limit / --steps; false when it is not one. */
static bool parse_count(const char *s, size_t *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || v == 0 || v > 1000000000ULL)
		return false;
	*out = (size_t)v;
	return true;
}

static void cell_bool(struct report_table *t, bool v)
{
	report_table_json(t, v ? "yes" : "no", v ? "true" : "false");
}

/* A before/after cell: the JSON as text, and as a JSON value (not a
 * string holding JSON) in --format json. */
static void cell_json(struct report_table *t, const char *json)
{
	if (json)
		report_table_json(t, json, json);
	else
		report_table_text(t, NULL);
}

static void log_steps_table(struct report_table *t, const struct store_step *v, size_t n)
{
	report_table_col(t, "Step", "step", REPORT_COL_INT);
	report_table_col(t, "Time", "time", REPORT_COL_TEXT);
	report_table_col(t, "Coder", "coder", REPORT_COL_TEXT);
	report_table_col(t, "Action", "action", REPORT_COL_TEXT);
	report_table_col(t, "Changes", "changes", REPORT_COL_INT);
	report_table_col(t, "Undone", "undone", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		report_table_int(t, v[i].step);
		report_table_text(t, v[i].time);
		report_table_text(t, v[i].coder);
		report_table_text(t, v[i].action);
		report_table_int(t, (int64_t)v[i].changes);
		cell_bool(t, v[i].undone);
	}
}

static void log_entries_table(struct report_table *t, const struct store_log_entry *v, size_t n)
{
	report_table_col(t, "Step", "step", REPORT_COL_INT);
	report_table_col(t, "Time", "time", REPORT_COL_TEXT);
	report_table_col(t, "Coder", "coder", REPORT_COL_TEXT);
	report_table_col(t, "Action", "action", REPORT_COL_TEXT);
	report_table_col(t, "Entity", "entity", REPORT_COL_TEXT);
	report_table_col(t, "GUID", "guid", REPORT_COL_TEXT);
	report_table_col(t, "Before", "before", REPORT_COL_TEXT);
	report_table_col(t, "After", "after", REPORT_COL_TEXT);
	report_table_col(t, "Undone", "undone", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		report_table_int(t, v[i].step);
		report_table_text(t, v[i].time);
		report_table_text(t, v[i].coder);
		report_table_text(t, v[i].action);
		report_table_text(t, v[i].entity);
		report_table_text(t, v[i].guid);
		cell_json(t, v[i].before);
		cell_json(t, v[i].after);
		cell_bool(t, v[i].undone);
	}
}

int cli_cmd_log(struct cli *c, int argc, char **argv)
{
	enum { OPT_LIMIT = CLI_OPT_FIRST_OWN, OPT_VERBOSE };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "limit", required_argument, NULL, OPT_LIMIT },
		{ "verbose", no_argument, NULL, OPT_VERBOSE }, { 0 }
	};
	size_t limit = 0;
	bool verbose = false;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:v", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_LIMIT && !parse_count(optarg, &limit))
			return cli_usage_error(c, "--limit '%s': expected a positive number", optarg);
		if (opt == OPT_VERBOSE || opt == 'v')
			verbose = true;
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct report_table t;
	report_table_init(&t);
	if (verbose) {
		struct store_log_entry *v;
		size_t n;
		if ((rc = store_log_entries(c->st, limit, &v, &n, &c->err)) == 0) {
			log_entries_table(&t, v, n);
			store_log_entries_free(v, n);
		}
	} else {
		struct store_step *v;
		size_t n;
		if ((rc = store_steps(c->st, limit, &v, &n, &c->err)) == 0) {
			log_steps_table(&t, v, n);
			free(v);
		}
	}
	if (rc)
		rc = cli_fail(c);
	else
		cli_print_table(c, &t);
	report_table_free(&t);
	return rc;
}

/* A step number for --step; false when it is not one. */
static bool parse_step(const char *s, int64_t *out)
{
	size_t n;
	if (!parse_count(s, &n))
		return false;
	*out = (int64_t)n;
	return true;
}

/* Before a big undo on a terminal: "Undo step 1 (demo by anna): 5
 * documents, 54 codes, 128 codings? [y/N] ", read from standard input.
 * Off a terminal (scripts) nothing is asked: the report names what was
 * removed. */
static bool confirm_undo(const struct store_step *s)
{
	struct strbuf name = {0}, rows = {0};
	char line[64];
	store_step_name(s, &name);
	store_step_rows(s, &rows);
	cli_eprintf("Undo %s: %s? [y/N] ", sb_str(&name), sb_str(&rows));
	bool yes = fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
	sb_free(&name);
	sb_free(&rows);
	return yes;
}

/* Undo or redo one step (0: the coder's own), asking first when ask and
 * the undo is big.  *done describes it. */
static int undo_redo_one(struct cli *c, bool undo, int64_t step, bool ask,
                         struct store_step *done)
{
	if (undo && ask) {
		int rc = step ? store_step_get(c->st, step, done, &c->err)
		              : store_undo_next(c->st, false, done, &c->err);
		if (rc)
			return rc;
		if (!done->undone && store_step_big(done) && !confirm_undo(done)) {
			struct strbuf name = {0};
			store_step_name(done, &name);
			anker_err_set(&c->err, ANKER_INPUT, "%s was not undone", sb_str(&name));
			sb_free(&name);
			return ANKER_INPUT;
		}
		step = done->step;
	}
	return undo ? store_undo(c->st, step, done, &c->err) : store_redo(c->st, step, done, &c->err);
}

/* undo and redo: the same options, the same report. */
static int undo_redo(struct cli *c, int argc, char **argv, bool undo)
{
	enum { OPT_STEPS = CLI_OPT_FIRST_OWN, OPT_STEP, OPT_YES };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "steps", required_argument, NULL, OPT_STEPS },
		{ "step", required_argument, NULL, OPT_STEP }, { "yes", no_argument, NULL, OPT_YES },
		{ 0 }
	};
	size_t steps = 1;
	int64_t step = 0;
	bool yes = false, many = false;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:y", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_STEPS && !(many = parse_count(optarg, &steps)))
			return cli_usage_error(c, "--steps '%s': expected a positive number", optarg);
		if (opt == OPT_STEP && !parse_step(optarg, &step))
			return cli_usage_error(c, "--step '%s': expected a step number (anker log lists "
			                       "them)", optarg);
		if (opt == OPT_YES || opt == 'y')
			yes = true;
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (step && many)
		return cli_usage_error(c, "--step and --steps exclude each other");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	if (c->coder)
		store_set_actor(c->st, c->coder);
	bool ask = !yes && isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
	/* Each step is its own transaction: when one cannot be undone, the
	 * ones before it stay undone and the message says which failed. */
	for (size_t i = 0; i < steps; i++) {
		struct store_step done;
		struct strbuf name = {0}, effect = {0};
		rc = undo_redo_one(c, undo, step, ask, &done);
		if (rc == ANKER_NOTFOUND && i > 0) {
			cli_eprintf("anker: nothing more to %s\n", undo ? "undo" : "redo");
			return 0;
		}
		if (rc)
			return cli_fail(c);
		store_step_name(&done, &name);
		store_step_effect(&done, !undo, &effect);
		cli_eprintf("%s %s: %s\n", undo ? "undid" : "redid", sb_str(&name), sb_str(&effect));
		sb_free(&name);
		sb_free(&effect);
	}
	return 0;
}

int cli_cmd_undo(struct cli *c, int argc, char **argv)
{
	return undo_redo(c, argc, argv, true);
}

int cli_cmd_redo(struct cli *c, int argc, char **argv)
{
	return undo_redo(c, argc, argv, false);
}
