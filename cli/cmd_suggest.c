/* cli/cmd_suggest.c — suggest: passages for a code, codes for a passage,
 * each with the terms that made it match; review boundaries: where codes
 * blur, for the supervisor (anchor/). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../anchor/anchor.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

enum { OPT_CODE = CLI_OPT_FIRST_OWN, OPT_UNIT, OPT_DOC, OPT_LINES, OPT_RANGE, OPT_LANG,
       OPT_EXCLUDE_DOC, OPT_CODEBOOK_ONLY, OPT_LIST, OPT_NO_MODEL };

struct suggest_args {
	struct anchor_suggest_opts o;
	const char *code;
	struct anchor_passage p;
	bool lines, range;
};

/* "START-END", code points from 0, END exclusive and past START. */
static bool parse_cps(const char *s, size_t *start, size_t *end)
{
	char *e;
	if (*s < '0' || *s > '9')
		return false;
	unsigned long a = strtoul(s, &e, 10);
	if (*e != '-' || e[1] < '0' || e[1] > '9')
		return false;
	unsigned long b = strtoul(e + 1, &e, 10);
	if (*e || b <= a)
		return false;
	*start = a;
	*end = b;
	return true;
}

/* The options suggest and review boundaries share: 1 when opt was one of
 * them, 2 after a usage error, 0 when it is none of them. */
static int common_opt(struct cli *c, int opt, struct anchor_suggest_opts *o)
{
	char *end;
	int lang;
	switch (opt) {
	case 'n':
		o->limit = strtoul(optarg, &end, 10);
		if (end == optarg || *end || *optarg == '-')
			return cli_usage_error(c, "-n '%s': give a number of rows (0: all)", optarg);
		return 1;
	case OPT_LANG:
		if ((lang = anchor_lang_parse(optarg)) < 0)
			return cli_usage_error(c, "--lang '%s': use de or en", optarg);
		o->lang = (enum anchor_lang)lang;
		return 1;
	case OPT_EXCLUDE_DOC:
		o->exclude_doc = optarg;
		return 1;
	}
	return 0;
}

static int suggest_opt(struct cli *c, int opt, struct suggest_args *x)
{
	enum coding_unit u;
	int rc = common_opt(c, opt, &x->o);
	if (rc)
		return rc == 1 ? -1 : rc;
	switch (opt) {
	case OPT_CODE: x->code = optarg; break;
	case OPT_UNIT:
		if (!coding_unit_parse(optarg, &u) || u == CODING_UNIT_HIT)
			return cli_usage_error(c, "--unit '%s': use sentence, paragraph or turn", optarg);
		x->o.unit = (int)u;
		break;
	case OPT_DOC: x->p.doc = optarg; break;
	case OPT_LINES:
		if (!cli_parse_range(optarg, &x->p.first, &x->p.last))
			return cli_usage_error(c, "--lines '%s': expected A-B (paragraphs from 1)", optarg);
		x->lines = x->p.lines = true;
		break;
	case OPT_RANGE:
		if (!parse_cps(optarg, &x->p.start, &x->p.end))
			return cli_usage_error(c, "--range '%s': expected START-END (code points from 0, "
			                       "END exclusive)", optarg);
		x->range = true;
		break;
	case OPT_CODEBOOK_ONLY: x->o.codebook_only = true; break;
	case OPT_NO_MODEL: x->o.per_call = true; break;
	}
	return -1;
}

static int suggest_args(struct cli *c, int argc, char **argv, struct suggest_args *x)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "code", required_argument, NULL, OPT_CODE },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "doc", required_argument, NULL, OPT_DOC },
		{ "lines", required_argument, NULL, OPT_LINES },
		{ "range", required_argument, NULL, OPT_RANGE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "exclude-doc", required_argument, NULL, OPT_EXCLUDE_DOC },
		{ "codebook-only", no_argument, NULL, OPT_CODEBOOK_ONLY },
		{ "no-model", no_argument, NULL, OPT_NO_MODEL }, { 0 }
	};
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:o:n:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if ((rc = suggest_opt(c, opt, x)) >= 0)
			return rc;
	}
	if (argc != optind)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (!x->code == !x->p.doc)
		return cli_usage_error(c, "give --code CODE (passages for a code) or --doc DOC with "
		                       "--lines or --range (codes for a passage)");
	if (x->code && (x->lines || x->range))
		return cli_usage_error(c, "--lines and --range go with --doc, not --code");
	if (x->p.doc && x->lines == x->range)
		return cli_usage_error(c, "--doc needs one of --lines A-B or --range START-END");
	return -1;
}

static void passages_table(struct report_table *t, const struct anchor_suggestion *v, size_t n)
{
	struct strbuf sb = { 0 };
	report_table_col(t, "Document", "document", REPORT_COL_TEXT);
	report_table_col(t, "Pos.", "pos", REPORT_COL_TEXT);
	report_table_col(t, "Start", "start", REPORT_COL_INT);
	report_table_col(t, "End", "end", REPORT_COL_INT);
	report_table_col(t, "Score", "score", REPORT_COL_FLOAT);
	report_table_col(t, "Reasons", "reasons", REPORT_COL_TEXT);
	report_table_col(t, "Text", "text", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		report_table_text(t, v[i].doc);
		sb_reset(&sb);
		corpus_pos_cell(&sb, v[i].para_first, v[i].para_last);
		report_table_text(t, sb_str(&sb));
		report_table_int(t, (int64_t)v[i].start);
		report_table_int(t, (int64_t)v[i].end);
		report_table_float(t, v[i].score, 2);
		report_table_text(t, v[i].reasons);
		report_table_text(t, v[i].text);
	}
	sb_free(&sb);
}

static void codes_table(struct report_table *t, const struct anchor_suggestion *v, size_t n)
{
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	report_table_col(t, "Score", "score", REPORT_COL_FLOAT);
	report_table_col(t, "Reasons", "reasons", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		report_table_text(t, v[i].code_number);
		report_table_text(t, v[i].code_path);
		report_table_float(t, v[i].score, 2);
		report_table_text(t, v[i].reasons);
	}
}

int cli_cmd_suggest(struct cli *c, int argc, char **argv)
{
	struct suggest_args x = { .o = { .unit = CODING_UNIT_PARAGRAPH, .limit = 10 } };
	int rc = suggest_args(c, argc, argv, &x);
	if (rc >= 0)
		return rc;
	/* Suggestions read the model stored in the project, which the first
	 * suggestion builds (a file that cannot be written is read as it is:
	 * the profiles, or the corpus, computed per call). */
	bool model = !x.o.per_call && access(c->project, W_OK) == 0;
	if ((rc = cli_open(c, model ? STORE_OPEN_EXISTING : STORE_OPEN_READONLY)))
		return rc;
	struct anchor_suggestion *v;
	size_t n;
	if (x.code ? anchor_suggest_passages(c->st, x.code, &x.o, &v, &n, &c->err)
	           : anchor_suggest_codes(c->st, &x.p, &x.o, &v, &n, &c->err))
		return cli_fail(c);
	struct report_table t;
	report_table_init(&t);
	if (x.code)
		passages_table(&t, v, n);
	else
		codes_table(&t, v, n);
	cli_print_table(c, &t);
	report_table_free(&t);
	if (!n)
		cli_eprintf("anker: no %s shares a term with %s\n", x.code ? "passage" : "code",
		            x.code ? "the code's profile" : "the passage");
	anchor_suggestions_free(v, n);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* review boundaries */

enum { LIST_ALL, LIST_SEGMENTS, LIST_ANCHORS, LIST_PAIRS };

struct boundaries_args {
	struct anchor_suggest_opts o;
	const char *code;
	int list;
};

static int boundaries_opt(struct cli *c, int opt, struct boundaries_args *x)
{
	static const char *const lists[] = { "segments", "anchors", "pairs" };
	int rc = common_opt(c, opt, &x->o);
	if (rc)
		return rc == 1 ? -1 : rc;
	switch (opt) {
	case OPT_CODE: x->code = optarg; break;
	case OPT_NO_MODEL: x->o.per_call = true; break;
	case OPT_LIST:
		for (size_t i = 0; i < 3; i++)
			if (strcmp(optarg, lists[i]) == 0)
				x->list = (int)i + LIST_SEGMENTS;
		if (x->list == LIST_ALL)
			return cli_usage_error(c, "--list '%s': use segments, anchors or pairs", optarg);
		break;
	}
	return -1;
}

static void blur_cols(struct report_table *t, bool segments)
{
	if (segments) {
		report_table_col(t, "Segment", "segment", REPORT_COL_TEXT);
		report_table_col(t, "Document", "document", REPORT_COL_TEXT);
		report_table_col(t, "Pos.", "pos", REPORT_COL_TEXT);
	}
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	if (!segments)
		report_table_col(t, "#", "anchor", REPORT_COL_INT);
	report_table_col(t, "Score", "score", REPORT_COL_FLOAT);
	report_table_col(t, "Closer to", "other", REPORT_COL_TEXT);
	report_table_col(t, "Its path", "other_path", REPORT_COL_PATH);
	report_table_col(t, "Its score", "other_score", REPORT_COL_FLOAT);
	report_table_col(t, "Reasons", "reasons", REPORT_COL_TEXT);
	report_table_col(t, "Text", "text", REPORT_COL_TEXT);
}

static void blur_table(struct report_table *t, const struct anchor_blur *v, size_t n,
                       bool segments)
{
	struct strbuf sb = { 0 };
	blur_cols(t, segments);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		if (segments) {
			report_table_text(t, v[i].guid);
			report_table_text(t, v[i].doc);
			sb_reset(&sb);
			corpus_pos_cell(&sb, v[i].para_first, v[i].para_last);
			report_table_text(t, sb_str(&sb));
		}
		report_table_text(t, v[i].code_number);
		report_table_text(t, v[i].code_path);
		if (!segments)
			report_table_int(t, (int64_t)v[i].anchor);
		report_table_float(t, v[i].own_score, 2);
		report_table_text(t, v[i].other_number);
		report_table_text(t, v[i].other_path);
		report_table_float(t, v[i].other_score, 2);
		report_table_text(t, v[i].reasons);
		report_table_text(t, v[i].text);
	}
	sb_free(&sb);
}

static void pairs_table(struct report_table *t, const struct anchor_overlap *v, size_t n)
{
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	report_table_col(t, "Code 2", "code2", REPORT_COL_TEXT);
	report_table_col(t, "Path 2", "path2", REPORT_COL_PATH);
	report_table_col(t, "Similarity", "similarity", REPORT_COL_FLOAT);
	report_table_col(t, "Shared", "shared", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		report_table_text(t, v[i].a_number);
		report_table_text(t, v[i].a_path);
		report_table_text(t, v[i].b_number);
		report_table_text(t, v[i].b_path);
		report_table_float(t, v[i].similarity, 2);
		report_table_text(t, v[i].shared);
	}
}

/* Print list (a LIST_ value) of b. */
static void boundaries_print(struct cli *c, const struct anchor_boundaries *b, int list)
{
	struct report_table t;
	report_table_init(&t);
	if (list == LIST_SEGMENTS)
		blur_table(&t, b->segments, b->nsegments, true);
	else if (list == LIST_ANCHORS)
		blur_table(&t, b->anchors, b->nanchors, false);
	else
		pairs_table(&t, b->pairs, b->npairs);
	cli_print_table(c, &t);
	report_table_free(&t);
}

int cli_review_boundaries(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "code", required_argument, NULL, OPT_CODE },
		{ "list", required_argument, NULL, OPT_LIST },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "exclude-doc", required_argument, NULL, OPT_EXCLUDE_DOC },
		{ "no-model", no_argument, NULL, OPT_NO_MODEL }, { 0 }
	};
	struct boundaries_args x = { .o.limit = 20 };
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:o:n:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if ((rc = boundaries_opt(c, opt, &x)) >= 0)
			return rc;
	}
	if (argc != optind)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	/* Boundaries read the model kept in the project, as suggestions do
	 * (built by the first, where the file can be written). */
	bool model = !x.o.per_call && access(c->project, W_OK) == 0;
	if ((rc = cli_open(c, model ? STORE_OPEN_EXISTING : STORE_OPEN_READONLY)))
		return rc;
	struct anchor_boundaries b;
	if (anchor_boundaries(c->st, x.code, &x.o, &b, &c->err))
		return cli_fail(c);
	if (x.list != LIST_ALL) {
		boundaries_print(c, &b, x.list);
	} else {
		/* Only the people's format (and a workbook) takes three tables:
		 * a machine format gets the segments (--list for the others). */
		boundaries_print(c, &b, LIST_SEGMENTS);
		if (cli_tables_many(c)) {
			boundaries_print(c, &b, LIST_ANCHORS);
			boundaries_print(c, &b, LIST_PAIRS);
		}
	}
	anchor_boundaries_free(&b);
	return 0;
}
