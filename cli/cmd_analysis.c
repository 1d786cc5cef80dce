/* cli/cmd_analysis.c — freq, matrix, cooc, results. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../report/report.h"
#include "../analysis/analysis.h"

enum {
	OPT_BY = CLI_OPT_FIRST_OWN,
	OPT_COLS,
	OPT_MODE,
	OPT_MEASURE,
	OPT_CODES,
	OPT_UNDER,
	OPT_NO_CACHE,
	OPT_ROLLUP,
	OPT_SAVE,
	OPT_REPLACE,
	OPT_DELETE,
};

#define SAVE_LONGOPTS                                                 \
	{ "rollup", no_argument, NULL, OPT_ROLLUP },                  \
	{ "save", required_argument, NULL, OPT_SAVE },                \
	{ "replace", no_argument, NULL, OPT_REPLACE }

/* What the three analyses share: --rollup, and --save, --replace with the
 * options as they are stored with a saved result. */
struct analysis {
	bool rollup;
	struct cli_save save;
};

/* cli_getopt for the analyses: --rollup, --save and --replace go into a.
 * Returns the next option of the command's own, -1 at the end, or -2 when
 * the command must return *rc. */
static int analysis_getopt(struct cli *c, struct analysis *a, int argc, char **argv,
                           const struct option *longopts, int *rc)
{
	for (;;) {
		int opt = cli_getopt(c, argc, argv, "p:", longopts, rc);
		if (opt == OPT_ROLLUP)
			a->rollup = true;
		else if (opt == OPT_SAVE)
			a->save.name = optarg;
		else if (opt == OPT_REPLACE)
			a->save.replace = true;
		else
			return opt;
	}
}

/* After the options: check them, open the project (read-only unless the
 * table is to be saved). */
static int analysis_open(struct cli *c, struct analysis *a, int argc, char **argv)
{
	int rc;
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_save_check(c, &a->save)))
		return rc;
	if (a->rollup)
		cli_save_param(&a->save, "--rollup", NULL);
	if (c->coder)
		cli_save_param(&a->save, "--coder", c->coder);
	return cli_open(c, a->save.name ? STORE_OPEN_EXISTING : STORE_OPEN_READONLY);
}

/* ---------------------------------------------------------------------- */

static bool parse_by(const char *s, struct analysis_freq_opts *o)
{
	static const char *const names[] = { "code", "doc", "group", "coder" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			o->by = (enum analysis_by)i;
			return true;
		}
	if (strncmp(s, "var:", 4) == 0 && s[4]) {
		o->by = ANALYSIS_BY_VAR;
		o->var = s + 4;
		return true;
	}
	return false;
}

/* freq or matrix, whichever options are given (the other NULL), after
 * their options: run it, print the table and save it when asked. */
static int table_analysis(struct cli *c, struct analysis *a, int argc, char **argv,
                          struct analysis_freq_opts *freq, struct analysis_matrix_opts *matrix)
{
	struct report_table t;
	struct strbuf coders = {0};
	int rc;
	if (freq) {
		freq->rollup = a->rollup;
		freq->coder = c->coder;
	} else {
		matrix->rollup = a->rollup;
		matrix->coder = c->coder;
	}
	report_table_init(&t);
	if ((rc = analysis_open(c, a, argc, argv)))
		goto out;
	if (freq ? analysis_freq(c->st, freq, &t, &coders, &c->err)
	         : analysis_matrix(c->st, matrix, &t, &coders, &c->err))
		rc = cli_fail(c);
	else
		rc = cli_save_print(c, &a->save, freq ? "freq" : "matrix", &t, sb_str(&coders));
out:
	report_table_free(&t);
	sb_free(&coders);
	sb_free(&a->save.params);
	return rc;
}

int cli_cmd_freq(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, SAVE_LONGOPTS, CLI_LEAF_LONGOPT,
		{ "by", required_argument, NULL, OPT_BY }, { 0 }
	};
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE };
	struct analysis a = {0};
	const char *by = "code";
	int opt, rc = 0;
	optind = 0;
	while ((opt = analysis_getopt(c, &a, argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_BY && !parse_by(optarg, &o))
			return cli_usage_error(c, "--by '%s': expected code, doc, group, coder or "
			                          "var:NAME", optarg);
		if (opt == OPT_BY)
			by = optarg;
	}
	cli_save_param(&a.save, "--by", by);
	return table_analysis(c, &a, argc, argv, &o, NULL);
}

int cli_cmd_matrix(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, SAVE_LONGOPTS, CLI_LEAF_LONGOPT,
		{ "cols", required_argument, NULL, OPT_COLS },
		{ 0 }
	};
	struct analysis_matrix_opts o = { .cols = ANALYSIS_COLS_DOC };
	struct analysis a = {0};
	int opt, rc = 0;
	optind = 0;
	while ((opt = analysis_getopt(c, &a, argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_COLS && strcmp(optarg, "doc") == 0)
			o.cols = ANALYSIS_COLS_DOC;
		else if (opt == OPT_COLS && strcmp(optarg, "group") == 0)
			o.cols = ANALYSIS_COLS_GROUP;
		else if (opt == OPT_COLS)
			return cli_usage_error(c, "--cols '%s': expected doc or group", optarg);
	}
	cli_save_param(&a.save, "--cols", o.cols == ANALYSIS_COLS_DOC ? "doc" : "group");
	return table_analysis(c, &a, argc, argv, NULL, &o);
}

/* ---------------------------------------------------------------------- */

/* Split "1,2.3,A >> B" at the commas; empty items are refused. */
struct cooc_args {
	struct analysis_cooc_opts o;
	int measure;
	const char *mode, *codes;
};

static int cooc_check(struct cli *c, struct cooc_args *x, struct analysis *a, char ***codes)
{
	if (x->codes && x->o.under)
		return cli_usage_error(c, "give --codes or --under, not both");
	if (!analysis_cooc_measure_ok(x->o.mode, (enum analysis_measure)x->measure))
		return cli_usage_error(c, "--measure jaccard needs --mode paragraph or document "
		                          "(in overlap and near modes the diagonal counts segments, "
		                          "the cells pairs of segments)");
	cli_save_param(&a->save, "--mode", x->mode);
	cli_save_param(&a->save, "--measure", x->measure == ANALYSIS_MEASURE_JACCARD ? "jaccard"
	                                      : x->measure == ANALYSIS_MEASURE_ROWPCT ? "rowpct"
	                                      : "count");
	if (x->codes) {
		*codes = cli_split_list(x->codes, &x->o.ncodes);
		for (size_t i = 0; i < x->o.ncodes; i++)
			if (!*(*codes)[i])
				return cli_usage_error(c, "--codes '%s': an empty code", x->codes);
		x->o.codes = (const char *const *)*codes;
		cli_save_param(&a->save, "--codes", x->codes);
	}
	if (x->o.under)
		cli_save_param(&a->save, "--under", x->o.under);
	return 0;
}

int cli_cmd_cooc(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, SAVE_LONGOPTS, CLI_LEAF_LONGOPT,
		{ "mode", required_argument, NULL, OPT_MODE },
		{ "measure", required_argument, NULL, OPT_MEASURE },
		{ "codes", required_argument, NULL, OPT_CODES },
		{ "under", required_argument, NULL, OPT_UNDER },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE }, { 0 }
	};
	struct cooc_args x = { .o.mode = ANALYSIS_COOC_OVERLAP, .measure = ANALYSIS_MEASURE_COUNT,
	                       .mode = "overlap" };
	struct analysis a = {0};
	char **codes = NULL;
	int opt, rc = 0;
	optind = 0;
	while ((opt = analysis_getopt(c, &a, argc, argv, longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_MODE) {
			if (!analysis_cooc_mode_parse(optarg, &x.o.mode, &x.o.near))
				return cli_usage_error(c, "--mode '%s': expected overlap, near:N "
				                          "(N from 0 to 1000000), paragraph or document",
				                       optarg);
			x.mode = optarg;
		} else if (opt == OPT_MEASURE) {
			if ((x.measure = analysis_measure_parse(optarg)) < 0)
				return cli_usage_error(c, "--measure '%s': expected count, jaccard or "
				                          "rowpct", optarg);
		} else if (opt == OPT_CODES) {
			x.codes = optarg;
		} else if (opt == OPT_UNDER) {
			x.o.under = optarg;
		} else if (opt == OPT_NO_CACHE) {
			x.o.no_cache = true;
		}
	}
	struct analysis_cooc_result r = {0};
	struct report_table t;
	report_table_init(&t);
	if ((rc = cooc_check(c, &x, &a, &codes)) || (rc = analysis_open(c, &a, argc, argv)))
		goto out;
	x.o.rollup = a.rollup;
	x.o.coder = c->coder;
	if (analysis_cooc_run(c->st, &x.o, &r, &c->err)) {
		rc = cli_fail(c);
		goto out;
	}
	analysis_cooc_table(&r, (enum analysis_measure)x.measure, &t);
	rc = cli_save_print(c, &a.save, "cooc", &t, r.coders);
out:
	analysis_cooc_result_free(&r);
	report_table_free(&t);
	cli_free_list(codes, x.o.ncodes);
	sb_free(&a.save.params);
	return rc;
}

/* ---------------------------------------------------------------------- */

static int results_list(struct cli *c)
{
	struct analysis_result *v;
	size_t n;
	if (analysis_results_list(c->st, &v, &n, &c->err))
		return cli_fail(c);
	struct report_table t;
	report_table_init(&t);
	report_table_col(&t, "Name", "name", REPORT_COL_TEXT);
	report_table_col(&t, "Kind", "kind", REPORT_COL_TEXT);
	report_table_col(&t, "Parameters", "params", REPORT_COL_TEXT);
	report_table_col(&t, "Coders", "coders", REPORT_COL_TEXT);
	report_table_col(&t, "Created", "created", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(&t);
		report_table_text(&t, v[i].name);
		report_table_text(&t, v[i].kind);
		report_table_text(&t, v[i].params);
		report_table_text(&t, v[i].coders);
		report_table_text(&t, v[i].created);
	}
	cli_print_table(c, &t);
	report_table_free(&t);
	analysis_results_free(v, n);
	return 0;
}

int cli_cmd_results(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "delete", required_argument, NULL, OPT_DELETE }, { 0 }
	};
	const char *del = NULL;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_DELETE)
			del = optarg;
	}
	if (argc - optind > 1)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind + 1]);
	if (del && optind < argc)
		return cli_usage_error(c, "give NAME or --delete NAME, not both");
	if ((rc = cli_open(c, del ? STORE_OPEN_EXISTING : STORE_OPEN_READONLY)))
		return rc;
	if (del) {
		if (analysis_result_delete(c->st, del, &c->err))
			return cli_fail(c);
		cli_eprintf("anker: deleted result '%s'\n", del);
		return 0;
	}
	if (optind == argc)
		return results_list(c);
	struct analysis_result r;
	struct report_table t;
	if (analysis_result_get(c->st, argv[optind], &r, &t, &c->err))
		return cli_fail(c);
	cli_print_table(c, &t);
	report_table_free(&t);
	analysis_result_free(&r);
	return 0;
}
