/* cli/cmd_agree.c — agree, alpha, blind, merge. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../report/report.h"
#include "../team/team.h"

enum {
	OPT_CODERS = CLI_OPT_FIRST_OWN,
	OPT_CODES,
	OPT_UNDER,
	OPT_UNIT,
	OPT_IGNORE,
	OPT_SEGMENTS,
	OPT_MIN_OVERLAP,
	OPT_DISAGREEMENTS,
	OPT_SAVE,
	OPT_REPLACE,
	OPT_LEVEL,
	OPT_NAMES,
	OPT_DOCS,
	OPT_GROUP,
	OPT_VAR,
	OPT_ALL_DOCS,
	OPT_BLANK_UNITS,
	OPT_NO_CACHE,
};

/* Split "a,b, c" at the commas (items trimmed; empty items kept, so the
 * caller can refuse them). */
struct agree_args {
	const char *coders, *codes, *under, *unit, *overlap, *docs, *group, *var;
	bool ignore, segments, disagreements, all_docs, blank_units, no_cache;
	char **coder_v, **code_v, **doc_v;
	size_t ncoders, ncodes, ndocs;
	double min_overlap;
	char *var_name;                 /* --var NAME=VALUE split at the '=' */
	struct corpus_doc_filter filter;
	struct cli_save save;
};

/* --docs, --group, --var: which documents (SPEC §5). */
static int agree_check_docs(struct cli *c, struct agree_args *x)
{
	if (x->docs) {
		x->doc_v = cli_split_list(x->docs, &x->ndocs);
		for (size_t i = 0; i < x->ndocs; i++)
			if (!*x->doc_v[i])
				return cli_usage_error(c, "--docs '%s': an empty document name", x->docs);
		x->filter.names = (const char *const *)x->doc_v;
		x->filter.nnames = x->ndocs;
	}
	if (x->group && !*x->group)
		return cli_usage_error(c, "--group needs a GROUP");
	x->filter.group = x->group;
	if (x->var) {
		const char *eq = strchr(x->var, '=');
		if (!eq || eq == x->var)
			return cli_usage_error(c, "--var '%s': expected NAME=VALUE", x->var);
		x->var_name = xstrndup(x->var, (size_t)(eq - x->var));
		x->filter.var_name = x->var_name;
		x->filter.var_value = eq + 1;
	}
	if (x->blank_units && (x->segments || !x->unit || strcmp(x->unit, "paragraph") != 0))
		return cli_usage_error(c, "--blank-units needs --unit paragraph");
	return 0;
}

static int agree_check(struct cli *c, struct agree_args *x, int argc, char **argv)
{
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (!x->coders)
		return cli_usage_error(c, "give the coders to compare: --coders A,B");
	x->coder_v = cli_split_list(x->coders, &x->ncoders);
	for (size_t i = 0; i < x->ncoders; i++)
		if (!*x->coder_v[i])
			return cli_usage_error(c, "--coders '%s': an empty name", x->coders);
	if (x->ncoders < 2)
		return cli_usage_error(c, "--coders '%s': give two coders or more", x->coders);
	if (x->segments && x->ncoders != 2)
		return cli_usage_error(c, "--segments compares exactly two coders");
	if (x->codes && x->under)
		return cli_usage_error(c, "give --codes or --under, not both");
	if (!x->segments && (x->overlap || x->disagreements))
		return cli_usage_error(c, "--%s needs --segments",
		                       x->overlap ? "min-overlap" : "disagreements");
	if (x->segments && (x->unit || x->ignore))
		return cli_usage_error(c, "--%s does not apply to --segments",
		                       x->unit ? "unit" : "ignore-uncoded");
	int rc = cli_save_check(c, &x->save);
	if (rc)
		return rc;
	if (x->overlap) {
		char *end;
		x->min_overlap = strtod(x->overlap, &end);
		if (*end || !(x->min_overlap > 0 && x->min_overlap <= 100))
			return cli_usage_error(c, "--min-overlap '%s': expected a percentage above 0 "
			                          "and at most 100", x->overlap);
	}
	if (x->codes) {
		x->code_v = cli_split_list(x->codes, &x->ncodes);
		for (size_t i = 0; i < x->ncodes; i++)
			if (!*x->code_v[i])
				return cli_usage_error(c, "--codes '%s': an empty code", x->codes);
	}
	if ((rc = agree_check_docs(c, x)))
		return rc;
	cli_save_param(&x->save, "--coders", x->coders);
	if (x->segments) {
		cli_save_param(&x->save, "--segments --min-overlap", x->overlap ? x->overlap : "90");
	} else {
		cli_save_param(&x->save, "--unit", x->unit ? x->unit : "char");
		if (x->ignore)
			cli_save_param(&x->save, "--ignore-uncoded", NULL);
		if (x->blank_units)
			cli_save_param(&x->save, "--blank-units", NULL);
	}
	if (x->codes)
		cli_save_param(&x->save, "--codes", x->codes);
	if (x->under)
		cli_save_param(&x->save, "--under", x->under);
	if (x->docs)
		cli_save_param(&x->save, "--docs", x->docs);
	if (x->group)
		cli_save_param(&x->save, "--group", x->group);
	if (x->var)
		cli_save_param(&x->save, "--var", x->var);
	if (x->all_docs)
		cli_save_param(&x->save, "--all-docs", NULL);
	return 0;
}

static int agree_parse(struct cli *c, struct agree_args *x, int argc, char **argv, int *rc)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "coders", required_argument, NULL, OPT_CODERS },
		{ "codes", required_argument, NULL, OPT_CODES },
		{ "under", required_argument, NULL, OPT_UNDER },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "ignore-uncoded", no_argument, NULL, OPT_IGNORE },
		{ "segments", no_argument, NULL, OPT_SEGMENTS },
		{ "min-overlap", required_argument, NULL, OPT_MIN_OVERLAP },
		{ "disagreements", no_argument, NULL, OPT_DISAGREEMENTS },
		{ "save", required_argument, NULL, OPT_SAVE },
		{ "replace", no_argument, NULL, OPT_REPLACE },
		{ "docs", required_argument, NULL, OPT_DOCS },
		{ "group", required_argument, NULL, OPT_GROUP },
		{ "var", required_argument, NULL, OPT_VAR },
		{ "all-docs", no_argument, NULL, OPT_ALL_DOCS },
		{ "blank-units", no_argument, NULL, OPT_BLANK_UNITS },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE }, { 0 }
	};
	int opt;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, rc)) != -1) {
		if (opt == -2)
			return 1;
		switch (opt) {
		case OPT_CODERS: x->coders = optarg; break;
		case OPT_CODES: x->codes = optarg; break;
		case OPT_UNDER: x->under = optarg; break;
		case OPT_UNIT:
			if (strcmp(optarg, "char") && strcmp(optarg, "paragraph") &&
			    strcmp(optarg, "document")) {
				*rc = cli_usage_error(c, "--unit '%s': expected char, paragraph or document",
				                      optarg);
				return 1;
			}
			x->unit = optarg;
			break;
		case OPT_IGNORE: x->ignore = true; break;
		case OPT_SEGMENTS: x->segments = true; break;
		case OPT_MIN_OVERLAP: x->overlap = optarg; break;
		case OPT_DISAGREEMENTS: x->disagreements = true; break;
		case OPT_SAVE: x->save.name = optarg; break;
		case OPT_REPLACE: x->save.replace = true; break;
		case OPT_DOCS: x->docs = optarg; break;
		case OPT_GROUP: x->group = optarg; break;
		case OPT_VAR: x->var = optarg; break;
		case OPT_ALL_DOCS: x->all_docs = true; break;
		case OPT_BLANK_UNITS: x->blank_units = true; break;
		case OPT_NO_CACHE: x->no_cache = true; break;
		}
	}
	if ((*rc = agree_check(c, x, argc, argv)))
		return 1;
	return 0;
}

/* names[0..n) as "A, B, C", the first few of a long list. */
static void scope_names(struct strbuf *sb, char *const *names, size_t n)
{
	enum { SHOWN = 10 };
	for (size_t i = 0; i < n && i < SHOWN; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", names[i]);
	if (n > SHOWN)
		sb_addf(sb, " and %zu more (--format json lists them all)", n - SHOWN);
}

/* The documents compared and those left out, grouped by why (SPEC §5):
 * on stderr, so that the table stays a table. */
static void scope_tell(const struct team_agree_scope *s)
{
	struct strbuf sb = { 0 };
	scope_names(&sb, s->compared, s->ncompared);
	cli_eprintf("anker: compared %zu document%s%s%s\n", s->ncompared,
	            s->ncompared == 1 ? "" : "s", s->ncompared ? ": " : "", sb_str(&sb));
	bool *told = xcalloc(s->nleft + 1, sizeof *told);
	char **same = xcalloc(s->nleft + 1, sizeof *same);
	for (size_t i = 0; i < s->nleft; i++) {
		size_t n = 0;
		for (size_t k = i; k < s->nleft; k++)
			if (!told[k] && strcmp(s->why[k], s->why[i]) == 0) {
				told[k] = true;
				same[n++] = s->left[k];
			}
		if (!n)
			continue;
		sb_reset(&sb);
		scope_names(&sb, same, n);
		cli_eprintf("anker: left out %zu document%s %s: %s (--all-docs counts %s)\n", n,
		            n == 1 ? "" : "s", s->why[i], sb_str(&sb), n == 1 ? "it" : "them");
	}
	free(told);
	free(same);
	sb_free(&sb);
}

/* JSON: one object, the table's rows with the documents compared and
 * those left out: {"compared": [...], "left_out": [{"document", "reason"}],
 * "rows": [...]}. */
static void scope_json(const struct team_agree_scope *s, const struct report_table *t)
{
	struct strbuf out = { 0 }, rows = { 0 };
	struct json_w w = { .out = &out };
	report_table_write(t, REPORT_JSON, 0, &rows);
	while (rows.len && rows.buf[rows.len - 1] == '\n')
		rows.buf[--rows.len] = '\0';
	json_obj_begin(&w);
	json_break(&w, "\n");
	json_key(&w, "compared");
	json_arr_begin(&w);
	for (size_t i = 0; i < s->ncompared; i++)
		json_str(&w, s->compared[i]);
	json_arr_end(&w);
	json_break(&w, "\n");
	json_key(&w, "left_out");
	json_arr_begin(&w);
	for (size_t i = 0; i < s->nleft; i++) {
		json_obj_begin(&w);
		json_key(&w, "document");
		json_str(&w, s->left[i]);
		json_key(&w, "reason");
		json_str(&w, s->why[i]);
		json_obj_end(&w);
	}
	json_arr_end(&w);
	json_break(&w, "\n");
	json_key(&w, "rows");
	json_raw(&w, sb_str(&rows));
	json_break(&w, "\n");
	json_obj_end(&w);
	sb_addc(&out, '\n');
	cli_print_text(out.buf, out.len);
	sb_free(&out);
	sb_free(&rows);
}

/* Keep the table when --save was given, then print it with the
 * documents compared (in JSON, or on stderr). */
static int agree_finish(struct cli *c, struct agree_args *x, const struct report_table *t,
                        const struct team_agree_scope *s)
{
	/* The record says which documents the numbers are over: the options
	 * alone do not, once coders code more documents. */
	if (x->save.name) {
		sb_addf(&x->save.params, "; compared %zu document%s%s", s->ncompared,
		        s->ncompared == 1 ? "" : "s", s->ncompared ? ": " : "");
		for (size_t i = 0; i < s->ncompared; i++)
			sb_addf(&x->save.params, "%s%s", i ? ", " : "", s->compared[i]);
	}
	int rc = cli_save_keep(c, &x->save, "agree", t, x->coders);
	if (rc)
		return rc;
	if (c->format == REPORT_JSON) {
		scope_json(s, t);
	} else {
		cli_print_table(c, t);
		scope_tell(s);
	}
	return 0;
}

static int agree_segments(struct cli *c, struct agree_args *x)
{
	struct team_agree_seg_opts o = {
		.a = x->coder_v[0], .b = x->coder_v[1], .codes = (const char *const *)x->code_v,
		.ncodes = x->ncodes, .under = x->under, .min_overlap = x->overlap ? x->min_overlap : 90,
		.docs = x->filter, .all_docs = x->all_docs, .no_cache = x->no_cache,
	};
	struct report_table t, dis;
	struct team_agree_scope s;
	int rc;
	report_table_init(&t);
	report_table_init(&dis);
	/* Without the list nobody sees, no segment text is read. */
	bool listed = x->disagreements || cli_tables_many(c);
	if (team_agree_segments(c->st, &o, &t, listed ? &dis : NULL, &s, &c->err)) {
		rc = cli_fail(c);
	} else if (x->disagreements) {
		rc = 0;
		if (c->format == REPORT_JSON) {
			scope_json(&s, &dis);
		} else {
			cli_print_table(c, &dis);
			scope_tell(&s);
		}
	} else if ((rc = agree_finish(c, x, &t, &s)) == 0 && cli_tables_many(c)) {
		/* Only the people's format (and a workbook) gets both tables: a
		 * second table would break every machine-readable one. */
		cli_print_table(c, &dis);
	}
	team_agree_scope_free(&s);
	report_table_free(&t);
	report_table_free(&dis);
	return rc;
}

int cli_cmd_agree(struct cli *c, int argc, char **argv)
{
	struct agree_args x = {0};
	int rc = 0;
	if (agree_parse(c, &x, argc, argv, &rc))
		goto out;
	if ((rc = cli_open(c, x.save.name ? STORE_OPEN_EXISTING : STORE_OPEN_READONLY)))
		goto out;
	if (x.segments) {
		rc = agree_segments(c, &x);
		goto out;
	}
	struct team_agree_opts o = {
		.coders = (const char *const *)x.coder_v, .ncoders = x.ncoders,
		.codes = (const char *const *)x.code_v, .ncodes = x.ncodes, .under = x.under,
		.unit = !x.unit || strcmp(x.unit, "char") == 0 ? TEAM_AGREE_CHAR
		        : strcmp(x.unit, "paragraph") == 0 ? TEAM_AGREE_PARAGRAPH
		        : TEAM_AGREE_DOCUMENT,
		.ignore_uncoded = x.ignore, .blank_units = x.blank_units,
		.docs = x.filter, .all_docs = x.all_docs, .no_cache = x.no_cache,
	};
	struct report_table t;
	struct team_agree_scope s;
	report_table_init(&t);
	if (team_agree(c->st, &o, &t, &s, &c->err))
		rc = cli_fail(c);
	else
		rc = agree_finish(c, &x, &t, &s);
	team_agree_scope_free(&s);
	report_table_free(&t);
out:
	cli_free_list(x.coder_v, x.ncoders);
	cli_free_list(x.code_v, x.ncodes);
	cli_free_list(x.doc_v, x.ndocs);
	free(x.var_name);
	sb_free(&x.save.params);
	return rc;
}

/* ---------------------------------------------------------------------- */

static void alpha_table(const struct team_alpha_data *d, const char *level, double alpha,
                        double pairable, struct report_table *t)
{
	report_table_col(t, "Level", "level", REPORT_COL_TEXT);
	report_table_col(t, "Coders", "coders", REPORT_COL_INT);
	report_table_col(t, "Units", "units", REPORT_COL_INT);
	report_table_col(t, "Pairable values", "pairable", REPORT_COL_FLOAT);
	report_table_col(t, "α", "alpha", REPORT_COL_FLOAT);
	report_table_row(t);
	report_table_text(t, level);
	report_table_int(t, (int64_t)d->ncoders);
	report_table_int(t, (int64_t)d->nunits);
	report_table_float(t, pairable, 0);
	if (isnan(alpha))
		report_table_text(t, NULL);
	else
		report_table_float(t, alpha, 3);
}

int cli_cmd_alpha(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "level", required_argument, NULL, OPT_LEVEL },
		{ "names", no_argument, NULL, OPT_NAMES }, { 0 }
	};
	const char *level = "nominal";
	bool names = false;
	int opt, rc = 0, lv = TEAM_ALPHA_NOMINAL;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (opt == OPT_LEVEL && (lv = team_alpha_level_parse(optarg)) < 0)
			return cli_usage_error(c, "--level '%s': expected nominal, ordinal, interval or "
			                          "ratio", optarg);
		if (opt == OPT_LEVEL)
			level = optarg;
		if (opt == OPT_NAMES)
			names = true;
	}
	if (argc - optind != 1)
		return cli_usage_error(c, argc == optind ? "give the CSV FILE of the reliability "
		                          "data" : "one FILE only");
	char *text;
	size_t len;
	struct team_alpha_data d;
	const char *file = argv[optind];
	if (anker_read_file(file, &text, &len, &c->err) == 0) {
		if (team_alpha_csv(text, len, (enum team_alpha_level)lv, names, &d, &c->err))
			anker_err_prefix(&c->err, "%s", file);
		free(text);
	}
	if (c->err.status)
		return cli_fail(c);
	/* Reliability data has a few coders and many units: the other way
	 * round, the file is most likely transposed. */
	if (d.ncoders > 50 && d.ncoders > 10 * d.nunits)
		cli_warn("%s: %zu rows and %zu columns: alpha reads a row per coder and a column "
		         "per unit; if the rows are the units, transpose the file", file, d.ncoders,
		         d.nunits);
	double pairable;
	double a = team_alpha(d.values, d.ncoders, d.nunits, (enum team_alpha_level)lv,
	                        &pairable);
	struct report_table t;
	report_table_init(&t);
	alpha_table(&d, level, a, pairable, &t);
	cli_print_table(c, &t);
	if (isnan(a))
		cli_warn("alpha is undefined: %s", pairable < 2 ? "fewer than two pairable values"
		                                    : "all pairable values are the same");
	report_table_free(&t);
	team_alpha_data_free(&d);
	return 0;
}

/* ---------------------------------------------------------------------- */

int cli_cmd_blind(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage_error(c, "give CODER and OUT.anker");
	const char *coder = argv[optind], *out = argv[optind + 1];
	if (!*coder)
		return cli_usage_error(c, "CODER is empty");
	if ((rc = cli_open(c, STORE_OPEN_READONLY)))
		return rc;
	if (team_blind(c->st, coder, out, &c->err))
		return cli_fail(c);
	cli_eprintf("anker: wrote %s for %s to code blind (no segments)\n", out, coder);
	return 0;
}

/* The rows a merge updated, removed or found changed on both sides. */
static void merge_table(const struct team_merge_report *r, struct report_table *t)
{
	static const char *const what[] = { "updated", "removed", "conflict" };
	report_table_col(t, "Change", "change", REPORT_COL_TEXT);
	report_table_col(t, "Row", "row", REPORT_COL_TEXT);
	report_table_col(t, "Document", "document", REPORT_COL_TEXT);
	report_table_col(t, "Code", "code", REPORT_COL_TEXT);
	report_table_col(t, "Coder", "coder", REPORT_COL_TEXT);
	report_table_col(t, "Here", "here", REPORT_COL_TEXT);
	report_table_col(t, "There", "there", REPORT_COL_TEXT);
	report_table_col(t, "Result", "result", REPORT_COL_TEXT);
	report_table_col(t, "GUID", "guid", REPORT_COL_TEXT);
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct team_merge_change *c = &r->changes[i];
		report_table_row(t);
		report_table_text(t, what[c->what]);
		report_table_text(t, c->entity);
		report_table_text(t, c->doc);
		report_table_text(t, c->code);
		report_table_text(t, c->coder);
		report_table_text(t, c->here);
		report_table_text(t, c->there);
		report_table_text(t, c->result);
		report_table_text(t, c->guid);
	}
}

int cli_cmd_merge(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(c, argc == optind ? "give the OTHER.anker to merge"
		                                         : "one OTHER.anker only");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	struct team_merge_report r;
	if (team_merge(c->st, argv[optind], &r, &c->err))
		return cli_fail(c);
	for (size_t i = 0; i < r.nconflicts; i++)
		cli_warn("%s", r.conflicts[i]);
	if (r.nchanges) {
		struct report_table t;
		report_table_init(&t);
		merge_table(&r, &t);
		cli_print_table(c, &t);
		report_table_free(&t);
	}
	cli_eprintf("anker: merged %zu coder%s, %zu document%s, %zu code%s, %zu memo%s, "
	            "%zu segment%s", r.coders, r.coders == 1 ? "" : "s", r.documents,
	            r.documents == 1 ? "" : "s", r.codes, r.codes == 1 ? "" : "s", r.memos,
	            r.memos == 1 ? "" : "s", r.segments, r.segments == 1 ? "" : "s");
	if (r.reviews)
		cli_eprintf(", %zu review%s", r.reviews, r.reviews == 1 ? "" : "s");
	if (r.same)
		cli_eprintf(" (%zu identical codings left out)", r.same);
	if (r.updated || r.removed || r.nrow_conflicts)
		cli_eprintf("; updated %zu, removed %zu, %zu conflict%s (changed on both sides)",
		            r.updated, r.removed, r.nrow_conflicts, r.nrow_conflicts == 1 ? "" : "s");
	fputc('\n', stderr);
	team_merge_report_free(&r);
	return 0;
}
