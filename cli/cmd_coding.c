/* cli/cmd_coding.c — mark, unmark, segment set, autocode, segments. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../report/report.h"

/* A non-negative decimal number (a position): digits only. */
static bool parse_pos(const char *s, size_t *out)
{
	char *end;
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > (unsigned long long)INT64_MAX)
		return false;
	*out = (size_t)v;
	return true;
}

/* --weight W, --min-weight W: 0–100, a usage error otherwise. */
static bool parse_weight(const char *s, int *out)
{
	size_t v;
	if (!parse_pos(s, &v) || v > 100)
		return false;
	*out = (int)v;
	return true;
}

enum { OPT_WEIGHT = CLI_OPT_FIRST_OWN, OPT_MEMO, OPT_LINES, OPT_START, OPT_END, OPT_UNIT,
       OPT_SPEAKER, OPT_DOC, OPT_CODE, OPT_SUBCODES, OPT_MIN_WEIGHT, OPT_VAR, OPT_SPLIT };

/* Open the project for writing, with the log naming the acting coder. */
static int open_for_change(struct cli *c)
{
	int rc = cli_open(c, STORE_OPEN_EXISTING);
	if (!rc)
		store_set_actor(c->st, c->coder);
	return rc;
}

/* ---------------------------------------------------------------------- */

static int mark_args(struct cli *c, int argc, char **argv, struct coding_mark *m, bool lines)
{
	int n = argc - optind;
	if (n != (lines ? 2 : 4))
		return cli_usage_error(c, lines ? "expected DOC CODE with --lines"
		                                : "expected DOC CODE START END");
	m->doc = argv[optind];
	m->code = argv[optind + 1];
	if (lines)
		return 0;
	if (!parse_pos(argv[optind + 2], &m->start))
		return cli_usage_error(c, "START '%s': expected a number of characters",
		                       argv[optind + 2]);
	if (!parse_pos(argv[optind + 3], &m->end))
		return cli_usage_error(c, "END '%s': expected a number of characters", argv[optind + 3]);
	return 0;
}

int cli_cmd_mark(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "weight", required_argument, NULL, OPT_WEIGHT },
		{ "memo", required_argument, NULL, OPT_MEMO },
		{ "lines", required_argument, NULL, OPT_LINES }, { 0 }
	};
	struct coding_mark m = {0};
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_WEIGHT && !parse_weight(optarg, &m.weight))
			return cli_usage_error(c, "--weight '%s': expected 0 to 100", optarg);
		if (opt == OPT_MEMO)
			m.memo = optarg;
		if (opt == OPT_LINES) {
			if (!cli_parse_range(optarg, &m.first, &m.last))
				return cli_usage_error(c, "--lines '%s': expected A-B with 1 <= A <= B",
				                       optarg);
			m.lines = true;
		}
	}
	if ((rc = mark_args(c, argc, argv, &m, m.lines)))
		return rc;
	m.coder = c->coder;
	if ((rc = open_for_change(c)))
		return rc;
	char guid[37];
	if (coding_mark(c->st, &m, guid, &c->err))
		return cli_fail(c);
	puts(guid);
	return 0;
}

int cli_cmd_unmark(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one SEGMENT (its GUID or a unique prefix)");
	if ((rc = open_for_change(c)))
		return rc;
	if (coding_unmark(c->st, argv[optind], &c->err))
		return cli_fail(c);
	return 0;
}

static int segment_set(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "start", required_argument, NULL, OPT_START },
		{ "end", required_argument, NULL, OPT_END },
		{ "weight", required_argument, NULL, OPT_WEIGHT },
		{ "memo", required_argument, NULL, OPT_MEMO }, { 0 }
	};
	struct coding_segment_change ch = {0};
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_START && !(ch.set_start = parse_pos(optarg, &ch.start)))
			return cli_usage_error(c, "--start '%s': expected a number", optarg);
		if (opt == OPT_END && !(ch.set_end = parse_pos(optarg, &ch.end)))
			return cli_usage_error(c, "--end '%s': expected a number", optarg);
		if (opt == OPT_WEIGHT && !(ch.set_weight = parse_weight(optarg, &ch.weight)))
			return cli_usage_error(c, "--weight '%s': expected 0 to 100", optarg);
		if (opt == OPT_MEMO) {
			ch.set_memo = true;
			ch.memo = optarg;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one SEGMENT");
	if (!ch.set_start && !ch.set_end && !ch.set_weight && !ch.set_memo)
		return cli_usage_error(c, "nothing to change "
		                       "(give --start, --end, --weight or --memo)");
	if ((rc = open_for_change(c)))
		return rc;
	if (coding_segment_set(c->st, argv[optind], &ch, &c->err))
		return cli_fail(c);
	return 0;
}

const struct cli_subcommand cli_segment_subcommands[] = {
	{ "set", segment_set, "change a coding's range, weight or memo" },
	{ 0 }
};

/* ---------------------------------------------------------------------- */

int cli_cmd_autocode(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "unit", required_argument, NULL, OPT_UNIT },
		{ "speaker", required_argument, NULL, OPT_SPEAKER },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "ignore-case", no_argument, NULL, 'i' }, { 0 }
	};
	struct coding_autocode a = { .unit = CODING_UNIT_HIT };
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:i", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_UNIT && !coding_unit_parse(optarg, &a.unit))
			return cli_usage_error(c, "--unit '%s': use hit, sentence, paragraph or turn",
			                       optarg);
		if (opt == OPT_SPEAKER)
			a.speaker = optarg;
		if (opt == OPT_DOC)
			a.doc = optarg;
		if (opt == 'i')
			a.icase = true;
	}
	if (argc - optind != 2)
		return cli_usage_error(c, "expected REGEX CODE");
	a.pattern = argv[optind];
	a.code = argv[optind + 1];
	if (!*a.pattern)
		return cli_usage_error(c, "empty REGEX");
	a.coder = c->coder;
	if ((rc = open_for_change(c)))
		return rc;
	struct coding_autocode_report rep;
	if (coding_autocode_run(c->st, &a, &rep, &c->err))
		return cli_fail(c);
	cli_eprintf("autocode: %zu hit%s, %zu segment%s added, %zu already coded\n", rep.hits,
	            rep.hits == 1 ? "" : "s", rep.added, rep.added == 1 ? "" : "s", rep.skipped);
	return 0;
}

/* ---------------------------------------------------------------------- */

/* --var NAME=VALUE into f (var owns the copy). */
static int segments_var(struct cli *c, const char *arg, struct coding_filter *f, char **var)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg)
		return cli_usage_error(c, "--var '%s': expected NAME=VALUE", arg);
	free(*var);
	*var = xstrdup(arg);
	(*var)[eq - arg] = '\0';
	f->var_name = *var;
	f->var_value = *var + (eq - arg) + 1;
	return 0;
}

/* Options of `segments`: 0 to go on, -1 when --help was printed, else the
 * exit status of a usage error. */
static int segments_opts(struct cli *c, int argc, char **argv, struct coding_filter *f,
                         char **var, bool *split)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, CLI_LEAF_LONGOPT, { "code", required_argument, NULL, OPT_CODE },
		{ "subcodes", no_argument, NULL, OPT_SUBCODES },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "min-weight", required_argument, NULL, OPT_MIN_WEIGHT },
		{ "var", required_argument, NULL, OPT_VAR },
		{ "split-path", no_argument, NULL, OPT_SPLIT }, { 0 }
	};
	int opt, rc = 0;
	optind = 0;
	while (!rc && (opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc ? rc : -1;
		if (opt == OPT_CODE)
			f->code = optarg;
		else if (opt == OPT_SUBCODES)
			f->subcodes = true;
		else if (opt == OPT_DOC)
			f->doc = optarg;
		else if (opt == OPT_SPLIT)
			*split = true;
		else if (opt == OPT_MIN_WEIGHT && !parse_weight(optarg, &f->min_weight))
			rc = cli_usage_error(c, "--min-weight '%s': expected 0 to 100", optarg);
		else if (opt == OPT_VAR)
			rc = segments_var(c, optarg, f, var);
	}
	if (rc)
		return rc;
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (f->subcodes && !f->code)
		return cli_usage_error(c, "--subcodes needs --code");
	f->coder = c->coder;
	return 0;
}

int cli_cmd_segments(struct cli *c, int argc, char **argv)
{
	struct coding_filter f = { .min_weight = -1, .with_text = true };
	char *var = NULL;
	bool split = false;
	int rc = segments_opts(c, argc, argv, &f, &var, &split);
	if (rc < 0)
		rc = 0;
	else if (!rc)
		rc = cli_open(c, STORE_OPEN_READONLY);
	if (rc || !c->st)
		goto out;
	struct coding_segment *v;
	size_t n;
	if (coding_segments_list(c->st, &f, &v, &n, &c->err)) {
		rc = cli_fail(c);
		goto out;
	}
	struct report_table t;
	coding_segments_table(v, n, split, &t);
	cli_print_table(c, &t);
	report_table_free(&t);
	coding_segments_free(v, n);
out:
	free(var);
	return rc;
}
