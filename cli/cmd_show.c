/* cli/cmd_show.c — show a document, search the documents. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

int cli_cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "lines", required_argument, NULL, 'l' },
		{ "numbers", no_argument, NULL, 'n' }, { 0 }
	};
	size_t first = 0, last = 0;
	bool numbers = false;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:n", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'l' && !cli_parse_range(optarg, &first, &last))
			return cli_usage_error(c, "--lines '%s': expected A-B with 1 <= A <= B", optarg);
		if (opt == 'n')
			numbers = true;
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one DOC");
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct corpus_doc doc;
	if (corpus_doc_find(c->st, argv[optind], &doc, &c->err))
		return cli_fail(c);
	char *text = NULL;
	size_t len;
	struct corpus_text idx = {0};
	if (corpus_doc_text(c->st, doc.id, &text, &len, &c->err)) {
		rc = cli_fail(c);
		goto out;
	}
	corpus_text_index(&idx, text, len);
	if (!first) {
		if (idx.nlines == 0)
			goto out;   /* an empty document: nothing to show */
		first = 1;
		last = idx.nlines;
	}
	if (first > idx.nlines) {
		anker_err_set(&c->err, ANKER_INPUT, "%s has %zu paragraph%s; --lines starts at %zu",
		              doc.name, idx.nlines, idx.nlines == 1 ? "" : "s", first);
		rc = cli_fail(c);
		goto out;
	}
	if (last > idx.nlines)
		last = idx.nlines;
	int w = snprintf(NULL, 0, "%zu", last);
	for (size_t p = first; p <= last; p++) {
		size_t s, e;
		corpus_text_para_range(&idx, p, &s, &e);
		size_t bs = corpus_text_byte(&idx, s), be = corpus_text_byte(&idx, e);
		if (numbers)
			printf("%*zu  ", w, p);
		cli_print_text(text + bs, be - bs);
		putchar('\n');
	}
out:
	corpus_text_free(&idx);
	free(text);
	corpus_doc_free(&doc);
	return rc;
}

/* ---------------------------------------------------------------------- */

/* A search may have millions of hits, each with its line (up to 2 KB and
 * its context): written as they come, REPORT_STREAM_ROWS at a time, memory
 * stays bounded. */
struct search_out {
	struct cli *c;
	struct report_table t;
	struct report_stream rs;
	size_t hits;
	bool count_only;
};

static int on_hit(const struct corpus_hit *h, void *arg)
{
	struct search_out *so = arg;
	if (so->count_only) {
		so->hits += h->start;
		return 0;
	}
	so->hits++;
	corpus_search_table_row(&so->t, h);
	if (so->t.nrows >= REPORT_STREAM_ROWS)
		cli_print_part(so->c, &so->rs, &so->t, false);
	return 0;
}

int cli_cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, { "ignore-case", no_argument, NULL, 'i' },
		{ "doc", required_argument, NULL, 'd' }, { "context", required_argument, NULL, 'C' },
		{ "count", no_argument, NULL, 'c' }, { 0 }
	};
	struct corpus_search_opts o = {0};
	struct search_out so = { .c = c };
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:icC:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'i')
			o.icase = true;
		else if (opt == 'd')
			o.doc = optarg;
		else if (opt == 'c')
			so.count_only = true;
		else if (opt == 'C') {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 0 || n > 1000)
				return cli_usage_error(c, "--context '%s': expected 0 to 1000", optarg);
			o.context = (int)n;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one REGEX");
	o.pattern = argv[optind];
	o.count_only = so.count_only;
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	report_table_init(&so.t);
	corpus_search_table_cols(&so.t);
	int st = corpus_search(c->st, &o, on_hit, &so, &c->err);
	/* After an error the rows found so far are out already: the table is
	 * closed (JSON stays readable), the exit status says it is not all. */
	if (!so.count_only && (!st || so.rs.started))
		cli_print_part(c, &so.rs, &so.t, true);
	if (st)
		rc = cli_fail(c);
	else if (so.count_only)
		printf("%zu\n", so.hits);
	report_table_free(&so.t);
	return rc;
}
