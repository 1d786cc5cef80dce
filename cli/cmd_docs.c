/* cli/cmd_docs.c — docs: the documents listed, and managed (rename,
 * delete, group, var set|unset), each edit one undo step. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

static void doc_row(struct report_table *t, const struct corpus_doc *d)
{
	struct strbuf text = {0}, json = {0};
	struct json_w w = { .out = &json };
	report_table_row(t);
	report_table_text(t, d->name);
	report_table_text(t, d->group);
	report_table_int(t, (int64_t)d->chars);
	report_table_int(t, (int64_t)d->paragraphs);
	json_arr_begin(&w);
	for (size_t i = 0; i < d->nspeakers; i++) {
		sb_adds(&text, i ? ", " : "");
		sb_adds(&text, d->speakers[i]);
		json_str(&w, d->speakers[i]);
	}
	json_arr_end(&w);
	report_table_json(t, sb_str(&text), json.buf);
	sb_reset(&text);
	sb_reset(&json);
	w = (struct json_w){ .out = &json };
	json_obj_begin(&w);
	for (size_t i = 0; i < d->nvars; i++) {
		const struct corpus_var *v = &d->vars[i];
		sb_addf(&text, "%s%s=%s", i ? "; " : "", v->name, v->value);
		json_key(&w, v->name);
		/* Raw only when the value still reads as its type: projects
		 * typed before corpus_var_type existed hold "007" as integer,
		 * which raw would make invalid JSON. */
		if ((strcmp(v->type, "integer") == 0 || strcmp(v->type, "float") == 0 ||
		     strcmp(v->type, "boolean") == 0) &&
		    strcmp(corpus_var_type(v->value), v->type) == 0)
			json_raw(&w, v->value);
		else
			json_str(&w, v->value);
	}
	json_obj_end(&w);
	report_table_json(t, sb_str(&text), json.buf);
	report_table_int(t, d->segments);
	report_table_text(t, d->guid);
	sb_free(&text);
	sb_free(&json);
}

/* Without a subcommand: the documents (cli_run parsed the options). */
int cli_cmd_docs(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	int rc;
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	struct corpus_doc *docs;
	size_t n;
	if (corpus_docs_list(c->st, &docs, &n, &c->err))
		return cli_fail(c);
	struct report_table t;
	report_table_init(&t);
	report_table_col(&t, "Document", "name", REPORT_COL_TEXT);
	report_table_col(&t, "Group", "group", REPORT_COL_TEXT);
	report_table_col(&t, "Chars", "chars", REPORT_COL_INT);
	report_table_col(&t, "Paragraphs", "paragraphs", REPORT_COL_INT);
	report_table_col(&t, "Speakers", "speakers", REPORT_COL_TEXT);
	report_table_col(&t, "Variables", "variables", REPORT_COL_TEXT);
	report_table_col(&t, "Segments", "segments", REPORT_COL_INT);
	report_table_col(&t, "GUID", "guid", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++)
		doc_row(&t, &docs[i]);
	cli_print_table(c, &t);
	report_table_free(&t);
	corpus_docs_free(docs, n);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* docs rename|delete|group|var */

/* "3 documents" */
static const char *docs_count(size_t n, char buf[32])
{
	snprintf(buf, 32, "%zu document%s", n, n == 1 ? "" : "s");
	return buf;
}

/* Report a finished edit (the failure, else nothing: the caller said
 * what was done) and free it. */
static int docs_done(struct cli *c, int rc, struct corpus_doc_edit *ed)
{
	if (rc)
		rc = cli_fail(c);
	corpus_doc_edit_free(ed);
	return rc;
}

static int docs_rename(struct cli *c, int argc, char **argv)
{
	struct corpus_doc_edit ed;
	int rc = cli_sub_opts(c, argc, argv, NULL, 2, 2, "DOC NEWNAME", NULL, NULL);
	if (rc >= 0)
		return rc;
	rc = corpus_doc_rename(c->st, argv[optind], argv[optind + 1], &ed, &c->err);
	if (!rc && ed.docs == 0)
		cli_eprintf("anker: document '%s': the name is unchanged\n", ed.old_name);
	else if (!rc)
		cli_eprintf("anker: renamed document '%s' to '%s'\n", ed.old_name, ed.name);
	return docs_done(c, rc, &ed);
}

static int force_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c;
	(void)arg;
	if (opt == 'f')
		*(bool *)ctx = true;
	return -1;
}

/* ", 12 codings" for n of what (plural whats), nothing for 0. */
static void count_part(struct strbuf *sb, int64_t n, const char *one, const char *many)
{
	if (n)
		sb_addf(sb, "%s%lld %s", sb->len ? ", " : "", (long long)n, n == 1 ? one : many);
}

static int docs_delete(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = { { "force", no_argument, NULL, 'f' }, { 0 } };
	struct corpus_doc_edit ed;
	bool force = false;
	int rc = cli_sub_opts(c, argc, argv, own, 1, 1, "one DOC", force_opt, &force);
	if (rc >= 0)
		return rc;
	rc = corpus_doc_delete(c->st, argv[optind], force, &ed, &c->err);
	if (!rc) {
		struct strbuf with = {0};
		count_part(&with, ed.deps.segments, "coding", "codings");
		count_part(&with, ed.deps.reviews, "review", "reviews");
		count_part(&with, ed.deps.memos, "memo", "memos");
		cli_eprintf("anker: deleted document '%s'%s%s ('anker undo' brings it back)\n",
		            ed.name, with.len ? " with " : "", sb_str(&with));
		if (ed.deps.anchors)
			cli_eprintf("anker: %lld anchor example%s quoting its codings stay%s in the "
			            "codebook\n", (long long)ed.deps.anchors,
			            ed.deps.anchors == 1 ? "" : "s", ed.deps.anchors == 1 ? "s" : "");
		sb_free(&with);
	}
	return docs_done(c, rc, &ed);
}

static int docs_group(struct cli *c, int argc, char **argv)
{
	struct corpus_doc_edit ed;
	char n1[32], n2[32];
	int rc = cli_sub_opts(c, argc, argv, NULL, 2, -1, "GROUP DOC...", NULL, NULL);
	if (rc >= 0)
		return rc;
	size_t n = (size_t)(argc - optind - 1);
	rc = corpus_docs_group(c->st, (const char *const *)argv + optind + 1, n, argv[optind], &ed,
	                       &c->err);
	if (!rc && *ed.group)
		cli_eprintf("anker: %s put in group '%s'", docs_count(ed.docs, n1), ed.group);
	else if (!rc)
		cli_eprintf("anker: %s taken out of their group", docs_count(ed.docs, n1));
	if (!rc && ed.docs < n)
		cli_eprintf(" (%s there already)", docs_count(n - ed.docs, n2));
	if (!rc)
		cli_eprintf("\n");
	return docs_done(c, rc, &ed);
}

static int docs_var(struct cli *c, int argc, char **argv)
{
	struct corpus_doc_edit ed;
	char n1[32], n2[32];
	int rc = cli_sub_opts(c, argc, argv, NULL, 3, -1, "set NAME=VALUE DOC... or unset NAME DOC...",
	                      NULL, NULL);
	if (rc >= 0)
		return rc;
	const char *verb = argv[optind], *arg = argv[optind + 1];
	const char *const *keys = (const char *const *)argv + optind + 2;
	size_t n = (size_t)(argc - optind - 2);
	if (strcmp(verb, "set") == 0) {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg)
			return cli_usage_error(c, "'%s': expected NAME=VALUE", arg);
		char *name = xstrndup(arg, (size_t)(eq - arg));
		rc = corpus_docs_var_set(c->st, keys, n, name, eq + 1, &ed, &c->err);
		free(name);
		if (!rc)
			cli_eprintf("anker: %s = %s (%s) on %s", ed.var, ed.var_value, ed.type,
			            docs_count(ed.docs, n1));
	} else if (strcmp(verb, "unset") == 0) {
		rc = corpus_docs_var_unset(c->st, keys, n, arg, &ed, &c->err);
		if (!rc)
			cli_eprintf("anker: %s removed from %s", ed.var, docs_count(ed.docs, n1));
	} else {
		static const char *const verbs[] = { "set", "unset" };
		struct strbuf sb = {0};
		corpus_name_suggest(&sb, verb, verbs, 2);
		rc = cli_usage_error(c, "unknown 'docs var' subcommand '%s'%s", verb,
		                     sb.len ? sb_str(&sb) : " (use set or unset)");
		sb_free(&sb);
		return rc;
	}
	if (!rc && ed.docs < n)
		cli_eprintf(" (%s %s)", docs_count(n - ed.docs, n2),
		            strcmp(verb, "set") == 0 ? "had it already" : "did not have it");
	if (!rc)
		cli_eprintf("\n");
	return docs_done(c, rc, &ed);
}

const struct cli_subcommand cli_docs_subcommands[] = {
	{ "rename", docs_rename, "give a document a new name" },
	{ "delete", docs_delete, "delete a document" },
	{ "group", docs_group, "put documents in a group" },
	{ "var", docs_var, "set or unset a document variable" },
	{ 0 }
};
