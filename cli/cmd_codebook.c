/* cli/cmd_codebook.c — codebook import|export, codes. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "../codebook/codebook.h"
#include "../report/report.h"
#include "../refi/refi.h"

static int codebook_import(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(c, "expected one FILE");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	struct codebook cb = {0};
	struct codebook_import_report rep;
	const char *file = argv[optind];
	size_t flen = strlen(file);
	/* A .qdc is a REFI-QDA codebook; anything else the MAXQDA text. */
	if (flen > 4 && strcasecmp(file + flen - 4, ".qdc") == 0) {
		store_set_actor(c->st, c->coder);
		rc = refi_qdc_import(c->st, file, &rep, &cb, &c->err);
	} else {
		rc = codebook_import_txt(c->st, file, &cb, &rep, &c->err);
	}
	for (size_t i = 0; i < cb.nwarnings; i++)
		cli_warn("%s", cb.warnings[i]);
	if (rc) {
		rc = cli_fail(c);
	} else {
		size_t all = rep.added + rep.updated + rep.unchanged;
		cli_eprintf("anker: %zu code%s: %zu added, %zu updated, %zu unchanged\n", all,
		            all == 1 ? "" : "s", rep.added, rep.updated, rep.unchanged);
	}
	codebook_free(&cb);
	return rc;
}

/* The Markdown writer's source of coded examples (codebook_examples_fn). */
struct examples_arg {
	struct store *st;
	const struct codebook *cb;
	unsigned flags;         /* CODEBOOK_EX_* */
	struct anker_err *err;
};

static int examples_fn(void *arg, size_t i, size_t max, struct codebook_example **out, size_t *n)
{
	struct examples_arg *a = arg;
	return codebook_examples(a->st, a->cb->codes[i].id, max, a->flags, out, n, a->err);
}

/* Write out (to -o FILE or standard output), or report rc. */
static int export_done(struct cli *c, int rc, struct strbuf *out)
{
	if (!rc)
		cli_output_text(c, sb_str(out), out->len);
	else
		rc = cli_fail(c);
	sb_free(out);
	return rc;
}

static int codebook_export(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ "examples", required_argument, NULL, 'x' }, { "borderline", no_argument, NULL, 'b' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, CLI_OPT_HELP }, { "project", required_argument, NULL, 'p' },
		{ 0 }
	};
	const char *format = "txt";
	size_t examples = 0;
	unsigned flags = 0;
	enum codebook_lang lang = CODEBOOK_LANG_DEFAULT;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == 'f') {
			format = optarg;
		} else if (opt == 'b') {
			flags |= CODEBOOK_EX_BORDERLINE;
		} else if (opt == 'l') {
			if (strcmp(optarg, "de") != 0 && strcmp(optarg, "en") != 0)
				return cli_usage_error(c, "--lang '%s': use de or en", optarg);
			lang = optarg[0] == 'd' ? CODEBOOK_LANG_DE : CODEBOOK_LANG_EN;
		} else if (opt == 'x') {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (!*optarg || *end || optarg[0] == '-' || n > 1000)
				return cli_usage_error(c, "--examples '%s': expected 0 to 1000", optarg);
			examples = n;
		}
	}
	bool latex = strcmp(format, "latex") == 0;
	if (strcmp(format, "txt") != 0 && strcmp(format, "md") != 0 && strcmp(format, "qdc") != 0 &&
	    !latex)
		return cli_usage_error(c, "unknown format '%s' (use txt, md, latex or qdc)", format);
	if (examples && strcmp(format, "md") != 0 && !latex)
		return cli_usage_error(c, "--examples needs --format md or latex");
	if (flags && !examples)
		return cli_usage_error(c, "--borderline needs --examples N");
	if (lang && strcmp(format, "qdc") == 0)
		return cli_usage_error(c, "--lang is for --format txt, md or latex");
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct codebook cb;
	struct strbuf out = {0};
	if (strcmp(format, "qdc") == 0) {
		size_t replaced = 0;
		rc = refi_qdc_export(c->st, &out, &replaced, &c->err);
		if (!rc && replaced)
			cli_warn("%zu control character%s in code names or descriptions written as "
			         "U+FFFD: XML 1.0 cannot carry C0 controls, and a code name has no "
			         "control characters", replaced, replaced == 1 ? "" : "s");
		return export_done(c, rc, &out);
	}
	/* One read transaction: the examples match the codes listed. */
	if (store_read_begin(c->st, &c->err))
		return cli_fail(c);
	if (codebook_load(c->st, 0, &cb, &c->err) ||
	    codebook_preamble_of_project(c->st, &cb.preamble, &c->err)) {
		store_read_end(c->st);
		return cli_fail(c);
	}
	/* Without --lang the labels follow the imported codebook's. */
	if (!lang && codebook_lang_of_project(c->st, &lang, &c->err)) {
		store_read_end(c->st);
		codebook_free(&cb);
		return cli_fail(c);
	}
	cb.lang = lang;
	struct examples_arg ea = { c->st, &cb, flags, &c->err };
	if (strcmp(format, "txt") == 0)
		codebook_write_txt(&cb, &out);
	else if (latex)
		rc = codebook_write_latex(&cb, &out, examples, examples_fn, &ea, &c->err);
	else
		rc = codebook_write_md(&cb, &out, examples, examples_fn, &ea, &c->err);
	store_read_end(c->st);
	rc = export_done(c, rc, &out);
	codebook_free(&cb);
	return rc;
}

const struct cli_subcommand cli_codebook_subcommands[] = {
	{ "import", codebook_import, "read a codebook (MAXQDA text or .qdc)" },
	{ "export", codebook_export, "write the codebook (txt, md, latex or qdc)" },
	{ 0 }
};

/* ---------------------------------------------------------------------- */

static void anchors_json(const struct codebook_code *k, struct strbuf *json)
{
	struct json_w w = { .out = json };
	json_arr_begin(&w);
	for (size_t a = 0; a < k->nanchors; a++)
		json_str(&w, k->anchors[a]);
	json_arr_end(&w);
}

static void notes_json(const struct codebook_code *k, struct strbuf *json, struct strbuf *text)
{
	struct json_w w = { .out = json };
	json_arr_begin(&w);
	for (size_t a = 0; a < k->nnotes; a++) {
		const struct codebook_note *n = &k->notes[a];
		json_obj_begin(&w);
		json_key(&w, "label");
		json_str(&w, n->label);
		json_key(&w, "text");
		json_str(&w, n->text);
		json_obj_end(&w);
		sb_addf(text, "%s%s: %s", a ? "\n\n" : "", n->label, n->text);
	}
	json_arr_end(&w);
}

static void code_row_full(struct report_table *t, const struct codebook *cb, size_t i)
{
	const struct codebook_code *k = &cb->codes[i];
	struct strbuf path = {0}, json = {0}, text = {0};
	report_table_row(t);
	report_table_text(t, k->number);
	report_table_text(t, k->name);
	if (k->parent >= 0)
		report_table_text(t, cb->codes[k->parent].number);
	else
		report_table_text(t, NULL);
	codebook_path(cb, i, &path);
	report_table_text(t, sb_str(&path));
	report_table_text(t, k->definition);
	anchors_json(k, &json);
	for (size_t a = 0; a < k->nanchors; a++)
		sb_addf(&text, "%s%s", a ? "\n\n" : "", k->anchors[a]);
	report_table_json(t, sb_str(&text), json.buf);
	sb_reset(&json);
	sb_reset(&text);
	notes_json(k, &json, &text);
	report_table_json(t, sb_str(&text), json.buf);
	report_table_text(t, k->color);
	report_table_text(t, k->guid);
	report_table_int(t, k->segments);
	sb_free(&path);
	sb_free(&json);
	sb_free(&text);
}

static void code_row_short(struct report_table *t, const struct codebook *cb, size_t i)
{
	const struct codebook_code *k = &cb->codes[i];
	struct strbuf name = {0};
	for (int d = codebook_depth(cb, i); d > 0; d--)
		sb_adds(&name, "  ");
	sb_adds(&name, k->name);
	report_table_row(t);
	report_table_text(t, k->number);
	report_table_text(t, sb_str(&name));
	report_table_int(t, k->segments);
	report_table_int(t, (int64_t)k->nanchors);
	report_table_int(t, (int64_t)k->nnotes);
	report_table_text(t, k->definition);
	sb_free(&name);
}

/* ---------------------------------------------------------------------- */
/* codes add|rename|renumber|move|merge|delete|color */

/* "2.9 OZG-Entwicklung" (or the name alone). */
static const char *code_label(const char *number, const char *name, struct strbuf *sb)
{
	sb_reset(sb);
	sb_addf(sb, "%s%s%s", number ? number : "", number && *number ? " " : "", name ? name : "");
	return sb_str(sb);
}

/* Report a finished edit: the failure, or msg (printf style) on stderr. */
static int codes_done(struct cli *c, int rc, struct codebook_edit *ed, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int codes_done(struct cli *c, int rc, struct codebook_edit *ed, const char *fmt, ...)
{
	if (rc) {
		rc = cli_fail(c);
	} else if (fmt) {
		struct strbuf msg = {0};
		va_list ap;
		va_start(ap, fmt);
		sb_vaddf(&msg, fmt, ap);
		va_end(ap);
		cli_eprintf("anker: %s\n", sb_str(&msg));
		sb_free(&msg);
	}
	codebook_edit_free(ed);
	return rc;
}

static int add_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct codebook_add *a = ctx;
	(void)c;
	if (opt == 'n')
		a->number = arg;
	else if (opt == 'd')
		a->definition = arg;
	else if (opt == 'C')
		a->color = arg;
	return -1;
}

static int codes_add(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {
		{ "number", required_argument, NULL, 'n' },
		{ "definition", required_argument, NULL, 'd' },
		{ "color", required_argument, NULL, 'C' }, { 0 }
	};
	struct codebook_add a = {0};
	struct codebook_edit ed = {0};
	int rc = cli_sub_opts(c, argc, argv, own, 1, 1, "one NAME or PARENT >> NAME", add_opt, &a);
	if (rc >= 0)
		return rc;
	a.name = argv[optind];
	rc = codebook_code_add(c->st, &a, &ed, &c->err);
	if (!rc)
		printf("%s\t%s\n", ed.number, ed.guid);
	return codes_done(c, rc, &ed, NULL);
}

static int codes_rename(struct cli *c, int argc, char **argv)
{
	struct codebook_edit ed = {0};
	struct strbuf l = {0};
	int rc = cli_sub_opts(c, argc, argv, NULL, 2, 2, "CODE NEWNAME", NULL, NULL);
	if (rc >= 0)
		return rc;
	rc = codebook_code_rename(c->st, argv[optind], argv[optind + 1], &ed, &c->err);
	if (!rc && ed.codes == 0)
		rc = codes_done(c, rc, &ed, "%s: the name is unchanged",
		                code_label(ed.old_number, ed.old_name, &l));
	else
		rc = codes_done(c, rc, &ed, "renamed %s to '%s'",
		                code_label(ed.old_number, ed.old_name, &l), ed.name);
	sb_free(&l);
	return rc;
}

static int codes_renumber(struct cli *c, int argc, char **argv)
{
	struct codebook_edit ed = {0};
	struct strbuf l = {0};
	int rc = cli_sub_opts(c, argc, argv, NULL, 2, 2, "CODE NEWNUMBER", NULL, NULL);
	if (rc >= 0)
		return rc;
	rc = codebook_code_renumber(c->st, argv[optind], argv[optind + 1], &ed, &c->err);
	rc = codes_done(c, rc, &ed, "renumbered %s to %s (%zu code%s)",
	                code_label(ed.old_number, ed.old_name, &l), ed.number, ed.codes,
	                ed.codes == 1 ? "" : "s");
	sb_free(&l);
	return rc;
}

struct move_ctx {
	const char *under, *number;
	bool top;
};

static int move_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct move_ctx *m = ctx;
	(void)c;
	if (opt == 'u')
		m->under = arg;
	else if (opt == 't')
		m->top = true;
	else if (opt == 'n')
		m->number = arg;
	return -1;
}

static int codes_move(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {
		{ "under", required_argument, NULL, 'u' }, { "top", no_argument, NULL, 't' },
		{ "number", required_argument, NULL, 'n' }, { 0 }
	};
	struct move_ctx m = {0};
	struct codebook_edit ed = {0};
	struct strbuf l = {0};
	int rc = cli_sub_opts(c, argc, argv, own, 1, 1, "one CODE", move_opt, &m);
	if (rc >= 0)
		return rc;
	if (!m.under == !m.top)
		return cli_usage_error(c, "give either --under PARENT or --top");
	rc = codebook_code_move(c->st, argv[optind], m.under, m.number, &ed, &c->err);
	if (!rc && ed.codes == 0)
		rc = codes_done(c, rc, &ed, "%s is there already; nothing changed",
		                code_label(ed.old_number, ed.old_name, &l));
	else
		rc = codes_done(c, rc, &ed, "moved %s %s%s%s, now %s (%zu code%s changed)",
		                code_label(ed.old_number, ed.old_name, &l),
		                m.top ? "to the top level" : "under '", m.top ? "" : m.under,
		                m.top ? "" : "'", *ed.number ? ed.number : "unnumbered", ed.codes,
		                ed.codes == 1 ? "" : "s");
	sb_free(&l);
	return rc;
}

static int codes_merge(struct cli *c, int argc, char **argv)
{
	struct codebook_edit ed = {0};
	struct strbuf l = {0}, t = {0};
	int rc = cli_sub_opts(c, argc, argv, NULL, 2, 2, "SOURCE TARGET", NULL, NULL);
	if (rc >= 0)
		return rc;
	rc = codebook_code_merge(c->st, argv[optind], argv[optind + 1], &ed, &c->err);
	rc = codes_done(c, rc, &ed, "merged %s into %s: %zu segment%s moved, %zu duplicate%s "
	                "dropped, %zu subcode%s moved, %zu anchor%s and %zu note%s appended, "
	                "%zu memo%s moved", code_label(ed.old_number, ed.old_name, &l),
	                code_label(ed.number, ed.name, &t), ed.segments, ed.segments == 1 ? "" : "s",
	                ed.duplicates, ed.duplicates == 1 ? "" : "s", ed.codes,
	                ed.codes == 1 ? "" : "s", ed.anchors, ed.anchors == 1 ? "" : "s", ed.notes,
	                ed.notes == 1 ? "" : "s", ed.memos, ed.memos == 1 ? "" : "s");
	sb_free(&l);
	sb_free(&t);
	return rc;
}

static int delete_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c;
	(void)arg;
	if (opt == 'f')
		*(bool *)ctx = true;
	return -1;
}

static int codes_delete(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = { { "force", no_argument, NULL, 'f' }, { 0 } };
	struct codebook_edit ed = {0};
	struct strbuf l = {0};
	bool force = false;
	int rc = cli_sub_opts(c, argc, argv, own, 1, 1, "one CODE", delete_opt, &force);
	if (rc >= 0)
		return rc;
	rc = codebook_code_delete(c->st, argv[optind], force, &ed, &c->err);
	rc = codes_done(c, rc, &ed, "deleted %s: %zu code%s, %zu segment%s",
	                code_label(ed.old_number, ed.old_name, &l), ed.codes,
	                ed.codes == 1 ? "" : "s", ed.segments, ed.segments == 1 ? "" : "s");
	sb_free(&l);
	return rc;
}

static int codes_color(struct cli *c, int argc, char **argv)
{
	struct codebook_edit ed = {0};
	struct strbuf l = {0};
	int rc = cli_sub_opts(c, argc, argv, NULL, 2, 2, "CODE #RRGGBB", NULL, NULL);
	if (rc >= 0)
		return rc;
	rc = codebook_code_color(c->st, argv[optind], argv[optind + 1], &ed, &c->err);
	rc = codes_done(c, rc, &ed, "%s: color %s%s", code_label(ed.old_number, ed.old_name, &l),
	                argv[optind + 1], ed.codes ? "" : " (unchanged)");
	sb_free(&l);
	return rc;
}

const struct cli_subcommand cli_codes_subcommands[] = {
	{ "add", codes_add, "create a code" },
	{ "rename", codes_rename, "give a code a new name" },
	{ "renumber", codes_renumber, "give a code a new number" },
	{ "move", codes_move, "put a code under another or at the top level" },
	{ "merge", codes_merge, "merge a code into another" },
	{ "delete", codes_delete, "delete a code" },
	{ "color", codes_color, "set a code's color" },
	{ 0 }
};

/* Without a subcommand: the code system (cli_run parsed the options). */
int cli_cmd_codes(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	int rc;
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct codebook cb;
	if (codebook_load(c->st, CODEBOOK_COUNTS, &cb, &c->err))
		return cli_fail(c);
	bool people = c->format == REPORT_TABLE || (c->format < 0 && isatty(1));
	struct report_table t;
	report_table_init(&t);
	if (people) {
		report_table_col(&t, "Number", "number", REPORT_COL_TEXT);
		report_table_col(&t, "Code", "name", REPORT_COL_TEXT);
		report_table_col(&t, "Segments", "segments", REPORT_COL_INT);
		report_table_col(&t, "Anchors", "anchors", REPORT_COL_INT);
		report_table_col(&t, "Notes", "notes", REPORT_COL_INT);
		report_table_col(&t, "Definition", "definition", REPORT_COL_TEXT);
	} else {
		report_table_col(&t, "Number", "number", REPORT_COL_TEXT);
		report_table_col(&t, "Name", "name", REPORT_COL_TEXT);
		report_table_col(&t, "Parent", "parent", REPORT_COL_TEXT);
		report_table_col(&t, "Path", "path", REPORT_COL_PATH);
		report_table_col(&t, "Definition", "definition", REPORT_COL_TEXT);
		report_table_col(&t, "Anchors", "anchors", REPORT_COL_TEXT);
		report_table_col(&t, "Notes", "notes", REPORT_COL_TEXT);
		report_table_col(&t, "Color", "color", REPORT_COL_TEXT);
		report_table_col(&t, "GUID", "guid", REPORT_COL_TEXT);
		report_table_col(&t, "Segments", "segments", REPORT_COL_INT);
	}
	for (size_t i = 0; i < cb.ncodes; i++)
		(people ? code_row_short : code_row_full)(&t, &cb, i);
	cli_print_table(c, &t);
	report_table_free(&t);
	codebook_free(&cb);
	return 0;
}
