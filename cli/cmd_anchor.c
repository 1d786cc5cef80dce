/* cli/cmd_anchor.c — anchors locate: where in the corpus each anchor
 * example comes from (anchor/). */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../anchor/anchor.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

enum { OPT_CODE = CLI_OPT_FIRST_OWN, OPT_MIN_SCORE, OPT_LINK, OPT_CODE_PASSAGES };

struct locate_args {
	struct anchor_locate_opts o;
	bool link, code_passages;
};

static int locate_args(struct cli *c, int argc, char **argv, struct locate_args *x)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "code", required_argument, NULL, OPT_CODE },
		{ "min-score", required_argument, NULL, OPT_MIN_SCORE },
		{ "link", no_argument, NULL, OPT_LINK },
		{ "code-passages", no_argument, NULL, OPT_CODE_PASSAGES }, { 0 }
	};
	int opt, rc = 0;
	char *end;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:o:", longopts, &rc)) != -1) {
		switch (opt) {
		case -2:
			return rc;
		case OPT_CODE: x->o.code = optarg; break;
		case OPT_MIN_SCORE:
			x->o.min_score = strtod(optarg, &end);
			if (end == optarg || *end || !(x->o.min_score >= 0 && x->o.min_score <= 1))
				return cli_usage_error(c, "--min-score '%s': give a number from 0 to 1 "
				                       "(0.8: a fifth of the words may differ)", optarg);
			break;
		case OPT_LINK: x->link = true; break;
		case OPT_CODE_PASSAGES: x->code_passages = true; break;
		}
	}
	if (argc != optind)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (x->code_passages && !x->link)
		return cli_usage_error(c, "--code-passages needs --link");
	return -1;
}

static void status_cell(struct report_table *t, const struct anchor_located *r,
                        struct strbuf *sb)
{
	sb_reset(sb);
	if (r->status == ANCHOR_TOO_SHORT) {
		sb_adds(sb, "too short");
	} else if (r->status == ANCHOR_NOT_FOUND) {
		sb_adds(sb, "not found");
	} else if (r->places == 1) {
		sb_adds(sb, "found");
	} else {
		sb_adds(sb, "found (also ");
		corpus_citation(sb, r->doc2, r->para2_first, r->para2_last);
		if (r->places > 2)
			sb_addf(sb, "; %zu places in all", r->places);
		sb_addc(sb, ')');
	}
	report_table_text(t, sb_str(sb));
}

static void locate_table(struct report_table *t, const struct anchor_located *v, size_t n)
{
	struct strbuf sb = { 0 };
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Path", "path", REPORT_COL_PATH);
	report_table_col(t, "#", "anchor", REPORT_COL_INT);
	report_table_col(t, "Status", "status", REPORT_COL_TEXT);
	report_table_col(t, "Score", "score", REPORT_COL_FLOAT);
	report_table_col(t, "Document", "document", REPORT_COL_TEXT);
	report_table_col(t, "Pos.", "pos", REPORT_COL_TEXT);
	report_table_col(t, "Start", "start", REPORT_COL_INT);
	report_table_col(t, "End", "end", REPORT_COL_INT);
	report_table_col(t, "Text", "text", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		const struct anchor_located *r = &v[i];
		report_table_row(t);
		report_table_text(t, r->code_number);
		report_table_text(t, r->code_path);
		report_table_int(t, (int64_t)r->position);
		status_cell(t, r, &sb);
		report_table_float(t, r->doc ? r->score : NAN, 2);
		report_table_text(t, r->doc);
		sb_reset(&sb);
		if (r->doc)
			corpus_pos_cell(&sb, r->para_first, r->para_last);
		report_table_text(t, r->doc ? sb_str(&sb) : NULL);
		if (r->doc) {
			report_table_int(t, (int64_t)r->start);
			report_table_int(t, (int64_t)r->end);
		} else {
			report_table_text(t, NULL);
			report_table_text(t, NULL);
		}
		report_table_text(t, r->text);
	}
	sb_free(&sb);
}

/* What --link did, on stderr. */
static void link_tell(const struct anchor_link_report *r, bool code_passages)
{
	cli_eprintf("anker: linked %zu anchor example%s to %s source%s\n", r->linked,
	            r->linked == 1 ? "" : "s", r->linked == 1 ? "its" : "their",
	            code_passages ? " (the passages coded by the coder 'codebook')" : "");
	if (code_passages && r->coded_before)
		cli_eprintf("anker: %zu of those passages were coded so already\n", r->coded_before);
	if (r->ambiguous)
		cli_eprintf("anker: not linked: %zu found in several places (see Status; promote the "
		            "right one with 'anchors add')\n", r->ambiguous);
	if (r->had_source)
		cli_eprintf("anker: left as they were: %zu with a citation or segment already\n",
		            r->had_source);
}

int cli_anchors_locate(struct cli *c, int argc, char **argv)
{
	struct locate_args x = { .o.min_score = 0.8 };
	int rc = locate_args(c, argc, argv, &x);
	if (rc >= 0)
		return rc;
	if ((rc = cli_open(c, x.link ? STORE_OPEN_EXISTING : STORE_OPEN_READONLY)))
		return rc;
	struct anchor_located *v;
	size_t n, found = 0, shortn = 0;
	if (anchor_locate(c->st, &x.o, &v, &n, &c->err))
		return cli_fail(c);
	for (size_t i = 0; i < n; i++) {
		found += v[i].status == ANCHOR_FOUND;
		shortn += v[i].status == ANCHOR_TOO_SHORT;
	}
	struct report_table t;
	report_table_init(&t);
	locate_table(&t, v, n);
	cli_print_table(c, &t);
	report_table_free(&t);
	char min[REPORT_NUMBER_MAX];
	cli_eprintf("anker: found %zu of %zu anchor example%s (score at least %s)%s\n", found, n,
	            n == 1 ? "" : "s", report_number(min, x.o.min_score, 2, 0),
	            shortn ? "; too short to locate: fewer than 3 words" : "");
	if (x.link) {
		struct anchor_link_report r;
		rc = anchor_link(c->st, v, n, x.code_passages, c->coder, &r, &c->err);
		if (rc)
			rc = cli_fail(c);
		else
			link_tell(&r, x.code_passages);
	}
	anchor_located_free(v, n);
	return rc;
}
