/* cli/cmd_codebook.c — codebook import|export, codes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../codebook/codebook.h"

static int codebook_import(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_COMMON_LONGOPTS, { 0 } };
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1)
		if (opt == -2)
			return rc;
	if (argc - optind != 1)
		return cli_usage_error(c, "codebook import: expected one FILE");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	struct codebook cb = {0};
	struct codebook_import_report rep;
	rc = codebook_import_txt(c->st, argv[optind], &cb, &rep, &c->err);
	for (size_t i = 0; i < cb.nwarnings; i++)
		cli_warn("%s", cb.warnings[i]);
	if (rc) {
		rc = cli_fail(c);
	} else {
		fprintf(stderr, "anker: %zu codes: %zu added, %zu updated, %zu unchanged\n", cb.ncodes,
		        rep.added, rep.updated, rep.unchanged);
	}
	codebook_free(&cb);
	return rc;
}

static int codebook_export(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, CLI_OPT_HELP }, { "project", required_argument, NULL, 'p' },
		{ 0 }
	};
	const char *format = "txt", *output = NULL;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:o:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'f')
			format = optarg;
		else if (opt == 'o')
			output = optarg;
	}
	if (strcmp(format, "txt") != 0 && strcmp(format, "md") != 0)
		return cli_usage_error(c, "codebook export: unknown format '%s' (use txt or md)", format);
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct codebook cb;
	struct strbuf out = {0};
	if (codebook_load(c->st, &cb, &c->err) ||
	    store_meta_get(c->st, "codebook_preamble", &cb.preamble, &c->err))
		return cli_fail(c);
	if (strcmp(format, "txt") == 0)
		codebook_write_txt(&cb, &out);
	else
		rc = codebook_write_md(&cb, &out, 0, NULL, NULL, &c->err);
	if (!rc && output)
		rc = anker_write_file(output, sb_str(&out), out.len, &c->err);
	else if (!rc)
		fwrite(sb_str(&out), 1, out.len, stdout);
	if (rc)
		rc = cli_fail(c);
	sb_free(&out);
	codebook_free(&cb);
	return rc;
}

int cli_cmd_codebook(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_print_help(c->cmd);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "import") == 0)
		return codebook_import(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "export") == 0)
		return codebook_export(c, argc - 1, argv + 1);
	return cli_usage_error(c, "unknown subcommand '%s' (use import or export)", argv[1]);
}

/* ---------------------------------------------------------------------- */

static void anchors_json(const struct codebook_code *k, struct strbuf *json)
{
	sb_addc(json, '[');
	for (size_t a = 0; a < k->nanchors; a++) {
		sb_adds(json, a ? ", " : "");
		sb_add_json(json, k->anchors[a], strlen(k->anchors[a]));
	}
	sb_addc(json, ']');
}

static void notes_json(const struct codebook_code *k, struct strbuf *json, struct strbuf *text)
{
	sb_addc(json, '[');
	for (size_t a = 0; a < k->nnotes; a++) {
		const struct codebook_note *n = &k->notes[a];
		sb_adds(json, a ? ", {\"label\": " : "{\"label\": ");
		sb_add_json(json, n->label, strlen(n->label));
		sb_adds(json, ", \"text\": ");
		sb_add_json(json, n->text, strlen(n->text));
		sb_addc(json, '}');
		sb_addf(text, "%s%s: %s", a ? "\n\n" : "", n->label, n->text);
	}
	sb_addc(json, ']');
}

static void code_row_full(struct coding_table *t, const struct codebook *cb, size_t i)
{
	const struct codebook_code *k = &cb->codes[i];
	struct strbuf path = {0}, json = {0}, text = {0};
	coding_table_row(t);
	coding_table_text(t, k->number);
	coding_table_text(t, k->name);
	if (k->parent >= 0)
		coding_table_text(t, cb->codes[k->parent].number);
	else
		coding_table_text(t, NULL);
	codebook_path(cb, i, &path);
	coding_table_text(t, sb_str(&path));
	coding_table_text(t, k->definition);
	anchors_json(k, &json);
	for (size_t a = 0; a < k->nanchors; a++)
		sb_addf(&text, "%s%s", a ? "\n\n" : "", k->anchors[a]);
	coding_table_json(t, sb_str(&text), json.buf);
	sb_reset(&json);
	sb_reset(&text);
	notes_json(k, &json, &text);
	coding_table_json(t, sb_str(&text), json.buf);
	coding_table_text(t, k->color);
	coding_table_text(t, k->guid);
	coding_table_int(t, k->segments);
	sb_free(&path);
	sb_free(&json);
	sb_free(&text);
}

static void code_row_short(struct coding_table *t, const struct codebook *cb, size_t i)
{
	const struct codebook_code *k = &cb->codes[i];
	struct strbuf name = {0};
	for (int d = codebook_depth(cb, i); d > 0; d--)
		sb_adds(&name, "  ");
	sb_adds(&name, k->name);
	coding_table_row(t);
	coding_table_text(t, k->number);
	coding_table_text(t, sb_str(&name));
	coding_table_int(t, k->segments);
	coding_table_int(t, (int64_t)k->nanchors);
	coding_table_int(t, (int64_t)k->nnotes);
	coding_table_text(t, k->definition);
	sb_free(&name);
}

int cli_cmd_codes(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_COMMON_LONGOPTS, { 0 } };
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "+p:", longopts, &rc)) != -1)
		if (opt == -2)
			return rc;
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct codebook cb;
	if (codebook_load(c->st, &cb, &c->err))
		return cli_fail(c);
	bool people = c->format == CODING_TABLE || (c->format < 0 && isatty(1));
	struct coding_table t;
	coding_table_init(&t);
	if (people) {
		coding_table_col(&t, "Number", "number", CODING_COL_TEXT);
		coding_table_col(&t, "Code", "name", CODING_COL_TEXT);
		coding_table_col(&t, "Segments", "segments", CODING_COL_INT);
		coding_table_col(&t, "Anchors", "anchors", CODING_COL_INT);
		coding_table_col(&t, "Notes", "notes", CODING_COL_INT);
		coding_table_col(&t, "Definition", "definition", CODING_COL_TEXT);
	} else {
		coding_table_col(&t, "Number", "number", CODING_COL_TEXT);
		coding_table_col(&t, "Name", "name", CODING_COL_TEXT);
		coding_table_col(&t, "Parent", "parent", CODING_COL_TEXT);
		coding_table_col(&t, "Path", "path", CODING_COL_TEXT);
		coding_table_col(&t, "Definition", "definition", CODING_COL_TEXT);
		coding_table_col(&t, "Anchors", "anchors", CODING_COL_TEXT);
		coding_table_col(&t, "Notes", "notes", CODING_COL_TEXT);
		coding_table_col(&t, "Color", "color", CODING_COL_TEXT);
		coding_table_col(&t, "GUID", "guid", CODING_COL_TEXT);
		coding_table_col(&t, "Segments", "segments", CODING_COL_INT);
	}
	for (size_t i = 0; i < cb.ncodes; i++)
		(people ? code_row_short : code_row_full)(&t, &cb, i);
	cli_print_table(c, &t);
	coding_table_free(&t);
	codebook_free(&cb);
	return 0;
}
