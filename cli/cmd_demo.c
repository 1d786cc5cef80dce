/* cli/cmd_demo.c — build the demo project from the material compiled in. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"
#include "../coding/coding.h"

/* The demo transcripts begin "Interview 01 – Stadt Hohenfeld, Bauaufsicht"
 * and "Datum: 14.03.2023": the name is what a researcher would type
 * ("Interview 01"), the rest becomes document variables. */
static char *demo_header(const char *text, struct corpus_var vars[2], size_t *nvars)
{
	const char *eol = strchr(text, '\n');
	size_t n = eol ? (size_t)(eol - text) : strlen(text);
	const char *dash = strstr(text, " – ");
	*nvars = 0;
	if (dash && dash < text + n) {
		const char *org = dash + strlen(" – ");
		vars[*nvars].name = xstrdup("Organisation");
		vars[*nvars].type = xstrdup("text");
		vars[(*nvars)++].value = xstrndup(org, (size_t)(text + n - org));
		n = (size_t)(dash - text);
	}
	const char *date = strstr(text, "\nDatum: ");
	int d, m, y;
	if (date && sscanf(date, "\nDatum: %d.%d.%d", &d, &m, &y) == 3) {
		char iso[16];
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
		vars[*nvars].name = xstrdup("Datum");
		vars[*nvars].type = xstrdup("date");
		vars[(*nvars)++].value = xstrdup(iso);
	}
	return xstrndup(text, n);
}

static int demo_fill(struct cli *c, size_t *added)
{
	for (size_t i = 0; i < cli_demo_nfiles; i++) {
		const struct cli_demo_file *f = &cli_demo_files[i];
		if (strncmp(f->name, "interview-", 10) != 0)
			continue;
		struct corpus_var vars[2];
		size_t nvars;
		char *name = demo_header((const char *)f->data, vars, &nvars);
		struct corpus_doc doc;
		int rc = corpus_doc_find(c->st, name, &doc, &c->err);
		if (rc == ANKER_OK) {
			corpus_doc_free(&doc);
		} else if (rc == ANKER_NOTFOUND) {
			struct corpus_import_opts o = { .group = "Interviews", .vars = vars,
			                                .nvars = nvars };
			struct corpus_import_result res;
			rc = corpus_import_bytes(c->st, name, f->name, (const char *)f->data, f->len, &o,
			                         &res, &c->err);
			if (!rc) {
				free(res.name);
				(*added)++;
			}
		}
		for (size_t v = 0; v < nvars; v++)
			corpus_var_free(&vars[v]);
		free(name);
		if (rc)
			return rc;
	}
	return ANKER_OK;
}

static int demo_codebook(struct cli *c)
{
	for (size_t i = 0; i < cli_demo_nfiles; i++) {
		const struct cli_demo_file *f = &cli_demo_files[i];
		if (!strstr(f->name, "codebook"))
			continue;
		struct codebook cb = {0};
		struct codebook_import_report rep;
		int rc = codebook_import_text(c->st, (const char *)f->data, f->len, f->name, &cb, &rep,
		                              &c->err);
		codebook_free(&cb);   /* its warnings are the seed codebook's own */
		return rc;
	}
	return ANKER_OK;
}

/* Codings shipped with the demo (demo/codings.tsv: coder, document, code,
 * quote): each quote is found in its document and coded, so frequencies,
 * co-occurrences and agreement have something to show.  A coding that
 * exists already is skipped, so the demo stays idempotent. */
static int demo_code_one(struct cli *c, char *line, size_t *added)
{
	char *f[4];
	size_t nf = 0;
	for (char *p = line; nf < 4; nf++) {
		f[nf] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	if (nf < 3)
		return ANKER_OK;
	struct corpus_doc doc;
	if (corpus_doc_find(c->st, f[1], &doc, &c->err))
		return c->err.status;
	char *text = NULL;
	size_t len;
	int rc = corpus_doc_text(c->st, doc.id, &text, &len, &c->err);
	const char *at = rc ? NULL : strstr(text, f[3]);
	if (!rc && !at)
		rc = anker_err_set(&c->err, ANKER_INPUT, "demo: quote not found in %s: %.40s", f[1], f[3]);
	if (!rc) {
		size_t start = corpus_utf8_count(text, (size_t)(at - text));
		struct coding_mark m = { .doc = f[1], .code = f[2], .start = start,
		                         .end = start + corpus_utf8_count(f[3], strlen(f[3])),
		                         .coder = f[0] };
		char guid[37];
		rc = coding_mark(c->st, &m, guid, &c->err);
		if (rc == ANKER_EXISTS)
			rc = ANKER_OK;
		else if (!rc)
			(*added)++;
	}
	free(text);
	corpus_doc_free(&doc);
	return rc;
}

static int demo_codings(struct cli *c, size_t *added)
{
	for (size_t i = 0; i < cli_demo_nfiles; i++) {
		const struct cli_demo_file *f = &cli_demo_files[i];
		if (strcmp(f->name, "codings.tsv") != 0)
			continue;
		char *all = xstrndup((const char *)f->data, f->len);
		int rc = ANKER_OK;
		char *save = NULL;
		strtok_r(all, "\n", &save);   /* the header line */
		for (char *line = strtok_r(NULL, "\n", &save); line && !rc;
		     line = strtok_r(NULL, "\n", &save))
			rc = demo_code_one(c, line, added);
		free(all);
		return rc;
	}
	return ANKER_OK;
}

int cli_cmd_demo(struct cli *c, int argc, char **argv)
{
	/* No -p: the demo makes its own project. */
	static const struct option longopts[] = {
		{ "uncoded", no_argument, NULL, 'u' }, { "help", no_argument, NULL, CLI_OPT_HELP },
		{ 0 }
	};
	bool uncoded = false;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		uncoded = true;
	}
	if (argc - optind > 1)
		return cli_usage_error(c, "expected at most one DIR");
	const char *dir = optind < argc ? argv[optind] : ".";
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		anker_err_set(&c->err, ANKER_IO, "%s: %s", dir, strerror(errno));
		return cli_fail(c);
	}
	struct strbuf path = {0};
	sb_addf(&path, "%s/demo.anker", dir);
	c->project = path.buf;
	struct stat sb;
	bool fresh = stat(path.buf, &sb) != 0;
	size_t added = 0;
	rc = store_open(path.buf, fresh ? STORE_OPEN_CREATE : STORE_OPEN_EXISTING, &c->st, &c->err);
	if (!rc && fresh)
		rc = store_meta_set(c->st, "title", "Demo: Kommunen und Online-Verwaltungsportale", &c->err);
	/* One transaction: the demo is built whole or not at all, and is one
	 * step in the log, called "demo" (not "codebook import", its first
	 * part), so that undo can say what it takes away. */
	size_t coded = 0;
	if (!rc)
		rc = store_begin(c->st, &c->err);
	if (!rc) {
		store_log_action(c->st, "demo");
		rc = demo_codebook(c);
		if (!rc)
			rc = demo_fill(c, &added);
		if (!rc && !uncoded)
			rc = demo_codings(c, &coded);
		if (rc)
			store_rollback(c->st);
		else
			rc = store_commit(c->st, &c->err);
	}
	if (rc) {
		rc = cli_fail(c);
	} else {
		printf("%s: %s, %zu interview%s and %zu coding%s added\n", path.buf,
		       fresh ? "created" : "up to date", added, added == 1 ? "" : "s", coded,
		       coded == 1 ? "" : "s");
	}
	cli_close(c);
	c->project = NULL;
	sb_free(&path);
	return rc;
}
