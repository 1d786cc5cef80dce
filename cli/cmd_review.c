/* cli/cmd_review.c — memo, review, anchors: what a supervisor adds to the
 * coding (memos, verdicts on segments, anchor examples from segments). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../report/report.h"
#include "../corpus/corpus.h"

/* The format a table is written in (as cli_print_table chooses it). */
static bool want_json(const struct cli *c)
{
	return c->format == REPORT_JSON;
}

/* ---------------------------------------------------------------------- */
/* memo */

/* --on project | doc KEY | code KEY | segment KEY, or TARGET:KEY.  The key
 * of the two-word form is the next argument, taken from argv here;
 * getopt moves it along with the option when it permutes. */
static int parse_on(struct cli *c, int argc, char **argv, const char *arg,
                    struct coding_memo_on *on)
{
	const char *colon = strchr(arg, ':');
	char name[16];
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
	int t = -1;
	if (len < sizeof name) {
		memcpy(name, arg, len);
		name[len] = '\0';
		t = coding_memo_target_parse(name);
	}
	if (t < 0)
		return cli_usage_error(c, "--on '%s': use project, doc DOC, code CODE or segment "
		                       "SEGMENT", arg);
	on->target = (enum coding_memo_target)t;
	on->key = NULL;
	if (t == CODING_MEMO_PROJECT)
		return colon ? cli_usage_error(c, "--on project takes no key") : 0;
	if (colon)
		on->key = colon + 1;
	else if (optind < argc)
		on->key = argv[optind++];
	if (!on->key || !*on->key)
		return cli_usage_error(c, "--on %s needs a key, e.g. --on %s KEY or --on %s:KEY", name,
		                       name, name);
	return 0;
}

/* TEXT, or "-" for standard input (a memo of several paragraphs). */
static char *memo_text(const char *arg)
{
	if (strcmp(arg, "-") != 0)
		return xstrdup(arg);
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		sb_add(&sb, buf, n);
	while (sb.len > 0 && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	return sb_steal(&sb);
}

static const struct option memo_longopts[] = {
	CLI_COMMON_LONGOPTS, { "on", required_argument, NULL, 'O' },
	{ "type", required_argument, NULL, 't' }, { 0 }
};

/* Options of memo add, list and edit: --on and --type. */
static int memo_options(struct cli *c, int argc, char **argv, struct coding_memo_on *on,
                        bool *have_on, const char **type)
{
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", memo_longopts, &rc)) != -1) {
		if (opt == -2)
			return rc ? rc : -1;
		if (opt == 'O') {
			if ((rc = parse_on(c, argc, argv, optarg, on)))
				return rc;
			*have_on = true;
		} else if (opt == 't') {
			if (!coding_memo_type_valid(optarg))
				return cli_usage_error(c, "unknown memo type '%s' (use definition, method, "
				                       "theory or free)", optarg);
			*type = optarg;
		}
	}
	return 0;
}

static int memo_add(struct cli *c, int argc, char **argv)
{
	struct coding_memo_on on = { CODING_MEMO_PROJECT, NULL };
	bool have_on = false;
	const char *type = "free";
	char guid[37];
	int rc = memo_options(c, argc, argv, &on, &have_on, &type);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!have_on)
		return cli_usage_error(c, "needs --on project|doc DOC|code CODE|segment SEG");
	if (argc - optind != 1)
		return cli_usage_error(c, "takes one TEXT (or - for standard input)");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	char *text = memo_text(argv[optind]);
	if (coding_memo_add(c->st, &on, type, text, c->coder, guid, &c->err))
		rc = cli_fail(c);
	else
		printf("%s\n", guid);
	free(text);
	return rc;
}

static void memo_table(struct cli *c, const struct coding_memo *v, size_t n)
{
	struct report_table t;
	report_table_init(&t);
	coding_memos_table(v, n, want_json(c), &t);
	cli_print_table(c, &t);
	report_table_free(&t);
}

static int memo_list(struct cli *c, int argc, char **argv)
{
	struct coding_memo_on on = { CODING_MEMO_PROJECT, NULL };
	struct coding_memo_filter f = {0};
	struct coding_memo *v;
	bool have_on = false;
	size_t n;
	int rc = memo_options(c, argc, argv, &on, &have_on, &f.type);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	f.on = have_on ? &on : NULL;
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	if (coding_memo_list(c->st, &f, &v, &n, &c->err))
		return cli_fail(c);
	memo_table(c, v, n);
	coding_memos_free(v, n);
	return 0;
}

static int memo_edit(struct cli *c, int argc, char **argv)
{
	struct coding_memo_on on;
	bool have_on = false;
	const char *type = NULL;
	int rc = memo_options(c, argc, argv, &on, &have_on, &type);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (have_on)
		return cli_usage_error(c, "cannot move a memo (--on)");
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error(c, "takes a MEMO and a new TEXT (or --type)");
	if (argc - optind == 1 && !type)
		return cli_usage_error(c, "give a new TEXT or --type");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	char *text = argc - optind == 2 ? memo_text(argv[optind + 1]) : NULL;
	if (coding_memo_edit(c->st, argv[optind], type, text, c->coder, &c->err))
		rc = cli_fail(c);
	free(text);
	return rc;
}

static int memo_delete(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(c, "takes one MEMO");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	if (coding_memo_delete(c->st, argv[optind], c->coder, &c->err))
		return cli_fail(c);
	return 0;
}

const struct cli_subcommand cli_memo_subcommands[] = {
	{ "add", memo_add, "write a memo" },
	{ "list", memo_list, "list memos" },
	{ "edit", memo_edit, "change a memo's text or type" },
	{ "delete", memo_delete, "delete a memo" },
	{ 0 }
};

/* ---------------------------------------------------------------------- */
/* review */

static int verdict_arg(struct cli *c, const char *arg, int *v)
{
	*v = coding_verdict_parse(arg);
	if (*v < 0)
		return cli_usage_error(c, "unknown verdict '%s' (use fits, misfit, does-not-fit or "
		                       "borderline)", arg);
	return 0;
}

static int review_add(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "comment", required_argument, NULL, 'm' },
		{ "reviewer", required_argument, NULL, 'r' }, { 0 }
	};
	const char *comment = NULL, *reviewer = NULL;
	int opt, rc = 0, v;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'm')
			comment = optarg;
		else if (opt == 'r')
			reviewer = optarg;
	}
	if (cli_utf8_arg(c, "--reviewer", reviewer))
		return 2;
	if (argc - optind != 2)
		return cli_usage_error(c, "expected SEGMENT and a verdict (fits, misfit, borderline)");
	if ((rc = verdict_arg(c, argv[optind + 1], &v)))
		return rc;
	if (reviewer && !*reviewer)
		return cli_usage_error(c, "--reviewer needs a name");
	if (!reviewer)
		reviewer = coding_reviewer_default(c->coder);
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	if (coding_review_add(c->st, argv[optind], (enum coding_verdict)v, comment, reviewer,
	                      &c->err))
		return cli_fail(c);
	cli_eprintf("anker: %s: %s (reviewer %s)\n", argv[optind],
	            coding_verdict_name((enum coding_verdict)v), reviewer);
	return 0;
}

static void review_table(struct cli *c, const struct coding_review *v, size_t n, bool all)
{
	static const char *const cols[][2] = {
		{ "Segment", "segment" }, { "Document", "document" }, { "Pos.", "pos" },
		{ "Code", "code" }, { "Coder", "coder" }, { "Verdict", "verdict" },
		{ "Comment", "comment" }, { "Reviewer", "reviewer" }, { "Time", "time" },
	};
	struct report_table t;
	struct strbuf pos = {0};
	report_table_init(&t);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		report_table_col(&t, cols[i][0], cols[i][1], REPORT_COL_TEXT);
	if (all)
		report_table_col(&t, "Latest", "latest", REPORT_COL_TEXT);
	report_table_col(&t, "Text", "text", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		const struct coding_review *r = &v[i];
		sb_reset(&pos);
		corpus_pos_cell(&pos, r->para_first, r->para_last);
		report_table_row(&t);
		report_table_text(&t, r->segment);
		report_table_text(&t, r->doc);
		report_table_text(&t, sb_str(&pos));
		report_table_text(&t, r->code);
		report_table_text(&t, r->coder);
		report_table_text(&t, r->verdict);
		report_table_text(&t, r->comment);
		report_table_text(&t, r->reviewer);
		report_table_text(&t, r->time);
		if (all)
			report_table_json(&t, r->latest ? "yes" : "no", r->latest ? "true" : "false");
		report_table_text(&t, r->text);
	}
	sb_free(&pos);
	cli_print_table(c, &t);
	report_table_free(&t);
}

/* The options of review list and counts (counts names only --reviewer in
 * its longopts, so no other comes back), then the project opened to read:
 * 0, -1 after --help, else the exit status of an error. */
static int review_filter(struct cli *c, int argc, char **argv, const struct option *longopts,
                         struct coding_review_filter *f)
{
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc ? rc : -1;
		if (opt == 'c')
			f->code = optarg;
		else if (opt == 's')
			f->subcodes = true;
		else if (opt == 'v' && (rc = verdict_arg(c, optarg, &f->verdict)))
			return rc;
		else if (opt == 'r')
			f->reviewer = optarg;
		else if (opt == 'S')
			f->segment = optarg;
		else if (opt == 'a')
			f->all = true;
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (f->subcodes && !f->code)
		return cli_usage_error(c, "--subcodes needs --code");
	return cli_open(c, STORE_OPEN_READONLY);
}

static int review_list(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "code", required_argument, NULL, 'c' },
		{ "subcodes", no_argument, NULL, 's' }, { "verdict", required_argument, NULL, 'v' },
		{ "reviewer", required_argument, NULL, 'r' },
		{ "segment", required_argument, NULL, 'S' }, { "all", no_argument, NULL, 'a' }, { 0 }
	};
	struct coding_review_filter f = { .verdict = -1 };
	struct coding_review *v;
	size_t n;
	int rc = review_filter(c, argc, argv, longopts, &f);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (coding_reviews_list(c->st, &f, &v, &n, &c->err))
		return cli_fail(c);
	review_table(c, v, n, f.all);
	coding_reviews_free(v, n);
	return 0;
}

static void counts_table(struct cli *c, const struct coding_review_count *v, size_t n)
{
	/* People read an indented tree; programs get the path. */
	bool tree = c->format == REPORT_TABLE || (c->format < 0 && isatty(1));
	struct report_table t;
	struct strbuf name = {0};
	report_table_init(&t);
	report_table_col(&t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(&t, tree ? "Name" : "Path", "path", REPORT_COL_TEXT);
	report_table_col(&t, "Segments", "segments", REPORT_COL_INT);
	report_table_col(&t, "Reviewed", "reviewed", REPORT_COL_INT);
	report_table_col(&t, "Fits", "fits", REPORT_COL_INT);
	report_table_col(&t, "Misfit", "misfit", REPORT_COL_INT);
	report_table_col(&t, "Borderline", "borderline", REPORT_COL_INT);
	for (size_t i = 0; i < n; i++) {
		sb_reset(&name);
		for (int d = 0; tree && d < v[i].depth; d++)
			sb_adds(&name, "  ");
		sb_adds(&name, tree ? v[i].name : v[i].path);
		report_table_row(&t);
		report_table_text(&t, v[i].number);
		report_table_text(&t, sb_str(&name));
		report_table_int(&t, v[i].segments);
		report_table_int(&t, v[i].reviewed);
		report_table_int(&t, v[i].fits);
		report_table_int(&t, v[i].misfit);
		report_table_int(&t, v[i].borderline);
	}
	sb_free(&name);
	cli_print_table(c, &t);
	report_table_free(&t);
}

static int review_counts(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "reviewer", required_argument, NULL, 'r' }, { 0 }
	};
	struct coding_review_filter f = { .verdict = -1 };
	struct coding_review_count *v;
	size_t n;
	int rc = review_filter(c, argc, argv, longopts, &f);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (coding_review_counts(c->st, f.reviewer, &v, &n, &c->err))
		return cli_fail(c);
	counts_table(c, v, n);
	coding_review_counts_free(v, n);
	return 0;
}

/* One row per code with verdicts: its counts, then its misfits in one
 * cell ("Interview 01, Pos. 12 (anna; boss: eher 2.4)", "; " between)
 * and the codes their comments suggest, so that csv stays a row per code. */
static void report_table_of(struct cli *c, const struct coding_review_report *r)
{
	struct report_table t;
	struct strbuf mis = {0}, sug = {0};
	report_table_init(&t);
	report_table_col(&t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(&t, "Path", "path", REPORT_COL_TEXT);
	report_table_col(&t, "Segments", "segments", REPORT_COL_INT);
	report_table_col(&t, "Reviewed", "reviewed", REPORT_COL_INT);
	report_table_col(&t, "Fits", "fits", REPORT_COL_INT);
	report_table_col(&t, "Misfit", "misfit", REPORT_COL_INT);
	report_table_col(&t, "Borderline", "borderline", REPORT_COL_INT);
	report_table_col(&t, "Misfits", "misfits", REPORT_COL_TEXT);
	report_table_col(&t, "Suggested", "suggested", REPORT_COL_TEXT);
	for (size_t i = 0; i < r->ncodes; i++) {
		const struct coding_review_count *k = &r->codes[i];
		if (!k->reviewed)
			continue;
		sb_reset(&mis);
		sb_reset(&sug);
		for (size_t m = 0; m < r->nmisfits; m++) {
			const struct coding_review *v = &r->misfits[m];
			if (r->code[m] != i)
				continue;
			sb_adds(&mis, mis.len ? "; " : "");
			corpus_citation(&mis, v->doc, v->para_first, v->para_last);
			sb_addf(&mis, " (%s; %s%s%s)", v->coder, v->reviewer, *v->comment ? ": " : "",
			        v->comment);
			if (*r->suggested[m] && !strstr(sb_str(&sug), r->suggested[m]))
				sb_addf(&sug, "%s%s", sug.len ? ", " : "", r->suggested[m]);
		}
		report_table_row(&t);
		report_table_text(&t, k->number);
		report_table_text(&t, k->path);
		report_table_int(&t, k->segments);
		report_table_int(&t, k->reviewed);
		report_table_int(&t, k->fits);
		report_table_int(&t, k->misfit);
		report_table_int(&t, k->borderline);
		report_table_text(&t, sb_str(&mis));
		report_table_text(&t, sb_str(&sug));
	}
	sb_free(&mis);
	sb_free(&sug);
	cli_print_table(c, &t);
	report_table_free(&t);
}

static int review_report(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "reviewer", required_argument, NULL, 'r' }, { 0 }
	};
	struct coding_review_filter f = { .verdict = -1 };
	struct coding_review_report r;
	int rc = review_filter(c, argc, argv, longopts, &f);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (coding_review_report(c->st, f.reviewer, &r, &c->err))
		return cli_fail(c);
	report_table_of(c, &r);
	coding_review_report_free(&r);
	return 0;
}

const struct cli_subcommand cli_review_subcommands[] = {
	{ "SEGMENT VERDICT", review_add, "give a verdict on a segment" },
	{ "list", review_list, "list verdicts" },
	{ "counts", review_counts, "count verdicts per code" },
	{ "report", review_report, "verdicts and misfits per code, for the team" },
	{ "boundaries", cli_review_boundaries, "where codes blur: segments closer to another code" },
	{ 0 }
};

/* ---------------------------------------------------------------------- */
/* anchors */

static int anchors_add(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "from", required_argument, NULL, 'f' }, { 0 }
	};
	const char *from = NULL;
	size_t position;
	bool other;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'f')
			from = optarg;
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "takes one CODE");
	if (!from)
		return cli_usage_error(c, "needs --from SEGMENT");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	if (coding_anchor_add(c->st, argv[optind], from, c->coder, &position, &other, &c->err))
		return cli_fail(c);
	if (other)
		cli_warn("segment %s is coded with another code than %s", from, argv[optind]);
	cli_eprintf("anker: anchor example %zu of %s\n", position, argv[optind]);
	return 0;
}

static int anchors_list(struct cli *c, int argc, char **argv)
{
	struct coding_anchor *v;
	size_t n;
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(c, "takes one CODE");
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	if (coding_anchors_list(c->st, argv[optind], &v, &n, &c->err))
		return cli_fail(c);
	struct report_table t;
	report_table_init(&t);
	report_table_col(&t, "#", "position", REPORT_COL_INT);
	report_table_col(&t, "Text", "text", REPORT_COL_TEXT);
	report_table_col(&t, "Citation", "citation", REPORT_COL_TEXT);
	report_table_col(&t, "Segment", "segment", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(&t);
		report_table_int(&t, (int64_t)v[i].position);
		report_table_text(&t, v[i].text);
		report_table_text(&t, v[i].citation);
		report_table_text(&t, v[i].segment);
	}
	cli_print_table(c, &t);
	report_table_free(&t);
	coding_anchors_free(v, n);
	return 0;
}

static int anchors_delete(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage_error(c, "takes a CODE and a number N");
	char *end;
	unsigned long pos = strtoul(argv[optind + 1], &end, 10);
	if (*end || end == argv[optind + 1] || pos == 0 || argv[optind + 1][0] == '-')
		return cli_usage_error(c, "'%s' is not an anchor example's number (1, 2, ...)",
		                       argv[optind + 1]);
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	if (coding_anchor_delete(c->st, argv[optind], pos, c->coder, &c->err))
		return cli_fail(c);
	cli_eprintf("anker: deleted anchor example %lu of %s\n", pos, argv[optind]);
	return 0;
}

const struct cli_subcommand cli_anchors_subcommands[] = {
	{ "add", anchors_add, "promote a segment to an anchor example" },
	{ "list", anchors_list, "list a code's anchor examples" },
	{ "delete", anchors_delete, "delete an anchor example" },
	{ "locate", cli_anchors_locate, "find the passage each anchor example quotes" },
	{ 0 }
};
