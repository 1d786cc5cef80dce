/* cli/util.c — what every command shares: opening, reporting, tables. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

int cli_open(struct cli *c, enum store_open_mode mode)
{
	if (!c->project || !*c->project)
		return cli_usage_error(c, "no project: give -p FILE or set ANKER_PROJECT");
	if (store_open(c->project, mode, &c->st, &c->err))
		return cli_fail(c);
	return 0;
}

void cli_close(struct cli *c)
{
	struct anker_err err = {0};
	if (!c->st)
		return;
	char *path = xstrdup(store_path(c->st));
	if (store_finish(c->st, &err))
		cli_warn("%s; what was saved is safe in %s-wal beside it (keep the two together), "
		         "and the next command folds it into the file once there is room",
		         err.msg, path);
	c->st = NULL;
	free(path);
}

/* Messages quote names, arguments and file content: a document named with
 * an escape sequence must not retitle the terminal (or a log viewer) when
 * an error names it.  So every message is formatted whole and then made
 * visible, here and only here; tabs and line feeds stay. */
static void eputs_visible(const struct strbuf *msg)
{
	struct strbuf vis = {0};
	corpus_utf8_visible(&vis, sb_str(msg), msg->len, false, true);
	fwrite(sb_str(&vis), 1, vis.len, stderr);
	sb_free(&vis);
}

void cli_eprintf(const char *fmt, ...)
{
	struct strbuf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	report_progress_clear();
	eputs_visible(&msg);
	sb_free(&msg);
}

int cli_fail(struct cli *c)
{
	cli_eprintf("anker: %s\n", c->err.msg[0] ? c->err.msg : anker_status_name(c->err.status));
	return anker_status_exit(c->err.status);
}

int cli_usage_error(struct cli *c, const char *fmt, ...)
{
	struct strbuf msg = {0};
	va_list ap;
	sb_adds(&msg, "anker");
	if (c->cmd)
		sb_addf(&msg, " %s", c->cmd->name);
	if (c->sub)
		sb_addf(&msg, " %s", c->sub->name);
	sb_adds(&msg, ": ");
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	sb_addf(&msg, "\nTry 'anker %s%s--help'.\n", c->cmd ? c->cmd->name : "",
	        c->cmd ? " " : "");
	eputs_visible(&msg);
	sb_free(&msg);
	return 2;
}

void cli_warn(const char *fmt, ...)
{
	struct strbuf msg = {0};
	va_list ap;
	sb_adds(&msg, "anker: warning: ");
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	sb_addc(&msg, '\n');
	eputs_visible(&msg);
	sb_free(&msg);
}

int cli_utf8_arg(struct cli *c, const char *option, const char *value)
{
	struct corpus_norm norm;
	struct anker_err err = {0};
	if (!value)
		return 0;
	if (corpus_normalize(value, strlen(value), false, &norm, &err))
		return cli_usage_error(c, "%s: %s", option, err.msg);
	free(norm.text);
	return 0;
}

/* The commands that print tables: their usage names --format (the help
 * and the man page say so); they take the table options. */
static bool writes_tables(const struct cli_command *cmd)
{
	return cmd && cmd->usage && strstr(cmd->usage, "--format");
}

void cli_print_help(const struct cli_command *cmd)
{
	printf("usage: %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->help && *cmd->help)
		printf("\n%s", cmd->help);
	puts("\nCommon options: -p, --project FILE; --coder NAME; -h, --help.");
	if (writes_tables(cmd))
		puts("Table options: --format table|tsv|csv|md|latex|json|xlsx; -o, --output FILE;\n"
		     "--decimal-comma; --excel (see man anker: OPTIONS).");
}

/* A table option given to a command that prints no table. */
static int table_option(struct cli *c, const char *option)
{
	if (writes_tables(c->cmd))
		return 1;
	cli_usage_error(c, "%s: 'anker %s' prints no table", option, c->cmd ? c->cmd->name : "");
	return -1;
}

int cli_common_option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case 'p':
		c->project = arg;
		return 1;
	case CLI_OPT_FORMAT:
		c->format = report_format_parse(arg);
		if (c->format < 0) {
			cli_usage_error(c, "unknown format '%s' (use %s)", arg, report_format_names());
			return -1;
		}
		return 1;
	case CLI_OPT_CODER:
		if (cli_utf8_arg(c, "--coder", arg))
			return -1;
		c->coder = arg;
		return 1;
	case 'o':
		if (!*arg) {
			cli_usage_error(c, "-o needs a FILE");
			return -1;
		}
		c->output = arg;
		return table_option(c, "-o");
	case CLI_OPT_DECIMAL_COMMA:
		c->decimal_comma = true;
		return table_option(c, "--decimal-comma");
	case CLI_OPT_EXCEL:
		c->excel = true;
		return table_option(c, "--excel");
	case CLI_OPT_LEAF:
		c->leaf = true;
		return 1;
	case 'h':
	case CLI_OPT_HELP:
		cli_print_help(c->cmd);
		return 2;
	}
	return 0;
}

/* Whether stdout is a terminal, asked once: `show` prints a million
 * paragraphs one by one. */
static bool stdout_is_terminal(void)
{
	static int tty = -1;
	if (tty < 0)
		tty = isatty(1);
	return tty;
}

/* The format of -o FILE by its extension; -1 for any other. */
static int format_of_file(const char *path)
{
	static const struct {
		const char *ext;
		enum report_format fmt;
	} ext[] = {
		{ "csv", REPORT_CSV }, { "tsv", REPORT_TSV }, { "tab", REPORT_TSV },
		{ "md", REPORT_MD }, { "tex", REPORT_LATEX }, { "json", REPORT_JSON },
		{ "xlsx", REPORT_XLSX }, { "txt", REPORT_TABLE },
	};
	const char *base = strrchr(path, '/'), *dot = strrchr(base ? base : path, '.');
	for (size_t i = 0; dot && i < sizeof ext / sizeof ext[0]; i++)
		if (strcasecmp(dot + 1, ext[i].ext) == 0)
			return ext[i].fmt;
	return -1;
}

int cli_format(const struct cli *c)
{
	int fmt = c->output ? format_of_file(c->output) : -1;
	if (c->format >= 0)
		return c->format;
	if (fmt >= 0)
		return fmt;   /* --excel -o x.xlsx: refused as not csv */
	if (c->excel)
		return REPORT_CSV;
	return c->output || !stdout_is_terminal() ? REPORT_TSV : REPORT_TABLE;
}

bool cli_tables_many(const struct cli *c)
{
	int fmt = cli_format(c);
	return fmt == REPORT_TABLE || fmt == REPORT_XLSX;
}

/* The table options together, once all are parsed. */
static int table_options_check(struct cli *c)
{
	static const char *const names[] = { "table", "tsv", "csv", "md", "latex", "json", "xlsx" };
	int fmt = cli_format(c);
	if (!writes_tables(c->cmd))
		return 0;
	if (fmt == REPORT_XLSX && !c->output)
		return cli_usage_error(c, "--format xlsx writes a binary file: give -o FILE");
	struct stat out, project;
	if (c->output && c->project && stat(c->output, &out) == 0 && stat(c->project, &project) == 0 &&
	    out.st_dev == project.st_dev && out.st_ino == project.st_ino)
		return cli_usage_error(c, "-o %s is the project: it would be overwritten", c->output);
	if (c->excel && fmt != REPORT_CSV)
		return cli_usage_error(c, "--excel is for --format csv, not %s", names[fmt]);
	if (c->decimal_comma && (fmt == REPORT_TSV || fmt == REPORT_JSON || fmt == REPORT_XLSX ||
	                         (fmt == REPORT_CSV && !c->excel)))
		return cli_usage_error(c, "--decimal-comma: %s keeps the decimal point (a comma is for "
		                       "table, md, latex, and csv with --excel)", names[fmt]);
	return 0;
}

/* A table as a sheet of the workbook -o FILE.xlsx, named after the
 * command; the workbook is written at the end (cli_output_finish). */
static void print_sheet(struct cli *c, const struct report_table *t,
                        const struct report_write_opts *o)
{
	if (!c->xlsx) {
		struct strbuf tmp = {0};
		sb_addf(&tmp, "%s.tmp.%ld", c->output, (long)getpid());
		c->xlsx_tmp = sb_steal(&tmp);
		c->xlsx = report_xlsx_open(c->xlsx_tmp);
	}
	struct strbuf name = {0};
	sb_adds(&name, c->cmd ? c->cmd->name : "table");
	if (c->sub && !cli_subcommand_is_placeholder(c->sub))
		sb_addf(&name, " %s", c->sub->name);
	report_xlsx_sheet(c->xlsx, sb_str(&name), t, o);
	sb_free(&name);
}

static struct report_write_opts write_opts(const struct cli *c)
{
	return (struct report_write_opts){ .max_width = 60, .decimal_comma = c->decimal_comma ||
	                                   c->excel, .excel = c->excel, .leaf = c->leaf };
}

/* -o FILE: text goes on to its temp file in parts, so that a long output
 * (a search over a large corpus) is never held whole; cli_output_finish
 * renames the file into place, or removes it when the command failed. */
enum { OUTPUT_PART = 1 << 20 };

static void output_add(struct cli *c, const char *s, size_t len, bool all)
{
	sb_add(&c->out, s, len);
	if (c->out.len < OUTPUT_PART && !all)
		return;
	if (!c->outf.path && !c->outf_rc)
		c->outf_rc = anker_afile_open(&c->outf, c->output, &c->outf_err);
	if (c->outf.path)
		anker_afile_write(&c->outf, c->out.buf, c->out.len);
	sb_reset(&c->out);
}

/* Written table text in format fmt: to -o FILE, or stdout. */
static void emit(struct cli *c, int fmt, const struct strbuf *out)
{
	bool tty = stdout_is_terminal();
	if (c->output) {
		output_add(c, out->buf, out->len, false);
	} else if (fmt == REPORT_TABLE || !tty) {
		/* The table is visible already; the data formats stay exact. */
		fwrite(sb_str(out), 1, out->len, stdout);
	} else {
		/* A data format read on a terminal: made inert like the rest,
		 * its CRLF line ends (CSV) shown as plain line ends. */
		for (size_t i = 0, j; i < out->len; i = j + 1) {
			const char *lf = memchr(out->buf + i, '\n', out->len - i);
			j = lf ? (size_t)(lf - out->buf) : out->len;
			size_t end = j > i && out->buf[j - 1] == '\r' ? j - 1 : j;
			cli_print_text(out->buf + i, end - i);
			if (lf)
				putchar('\n');
		}
	}
}

void cli_print_table(struct cli *c, const struct report_table *t)
{
	int fmt = cli_format(c);
	struct report_write_opts o = write_opts(c);
	struct strbuf out = {0};
	if (fmt == REPORT_XLSX) {
		c->nwritten++;
		print_sheet(c, t, &o);
		return;
	}
	if (c->nwritten++ && fmt == REPORT_TABLE)
		sb_addc(&out, '\n');   /* a second table after a blank line */
	report_table_write_opts(t, (enum report_format)fmt, &o, &out);
	emit(c, fmt, &out);
	sb_free(&out);
}

void cli_print_part(struct cli *c, struct report_stream *s, struct report_table *t, bool last)
{
	int fmt = cli_format(c);
	if (!report_format_streams((enum report_format)fmt)) {
		if (last)
			cli_print_table(c, t);   /* every row kept: LaTeX and xlsx need them all */
		return;
	}
	struct strbuf out = {0};
	if (!s->started) {
		s->fmt = (enum report_format)fmt;
		s->o = write_opts(c);
		if (c->nwritten++ && fmt == REPORT_TABLE)
			sb_addc(&out, '\n');
	}
	report_stream_write(s, t, last, &out);
	emit(c, fmt, &out);
	sb_free(&out);
	if (last)
		report_stream_free(s);
}

void cli_output_text(struct cli *c, const char *s, size_t len)
{
	c->nwritten++;
	if (c->output)
		output_add(c, s, len, false);
	else
		cli_print_text(s, len);
}

/* Write the workbook to its temporary file and rename it to -o FILE;
 * on an error none is left. */
static int write_workbook(struct cli *c, struct anker_err *err)
{
	struct anker_err why = {0};
	int st = report_xlsx_close(c->xlsx, &why);
	if (!st && rename(c->xlsx_tmp, c->output) != 0)
		st = anker_err_set(&why, ANKER_IO, "%s", strerror(errno));
	if (st) {
		unlink(c->xlsx_tmp);
		anker_err_set(err, st, "%s: %s", c->output, why.msg);
	}
	return st;
}

int cli_output_finish(struct cli *c, int rc)
{
	struct anker_err err = {0};
	int st = ANKER_OK;
	if (!c->output)
		return rc;
	if (c->xlsx && rc) {
		report_xlsx_discard(c->xlsx);
		unlink(c->xlsx_tmp);
	} else if (c->xlsx) {
		st = write_workbook(c, &err);
	} else if (rc) {
		anker_afile_abort(&c->outf);
	} else if (c->nwritten) {
		output_add(c, NULL, 0, true);
		if (c->outf_rc) {
			st = c->outf_rc;
			err = c->outf_err;
		} else {
			st = anker_afile_commit(&c->outf, &err);
		}
	} else {
		cli_warn("%s not written: the command printed no table", c->output);
	}
	c->xlsx = NULL;
	free(c->xlsx_tmp);
	c->xlsx_tmp = NULL;
	sb_free(&c->out);
	if (!st)
		return rc;
	cli_eprintf("anker: %s\n", err.msg);   /* it names the file */
	return rc ? rc : anker_status_exit(st);
}

bool cli_parse_range(const char *s, size_t *first, size_t *last)
{
	char *end;
	unsigned long a = strtoul(s, &end, 10), b;
	if (end == s || a == 0)
		return false;
	if (*end == '\0') {
		b = a;
	} else {
		if (*end != '-' && strncmp(end, "–", strlen("–")) != 0)
			return false;
		const char *p = end + (*end == '-' ? 1 : strlen("–"));
		b = strtoul(p, &end, 10);
		if (end == p || *end != '\0' || b < a)
			return false;
	}
	*first = a;
	*last = b;
	return true;
}

bool cli_parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGT";
	char *end;
	errno = 0;
	if (!isdigit((unsigned char)*s))
		return false;
	unsigned long long n = strtoull(s, &end, 10);
	int shift = 0;
	const char *u = *end ? strchr(units, toupper((unsigned char)*end)) : NULL;
	if (u) {
		shift = 10 * (int)(u - units + 1);
		end++;
		if (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0)
			end += strlen(end);
	} else if (strcmp(end, "B") == 0) {
		end++;
	}
	if (errno || *end || n == 0 || n > (UINT64_MAX >> shift))
		return false;
	*out = (uint64_t)n << shift;
	return true;
}

void cli_print_text(const char *s, size_t len)
{
	if (!stdout_is_terminal()) {
		fwrite(s, 1, len, stdout);
		return;
	}
	struct strbuf vis = {0};
	corpus_utf8_visible(&vis, s, len, false, true);
	fwrite(sb_str(&vis), 1, vis.len, stdout);
	sb_free(&vis);
}

/* The option getopt_long refused (it returned '?' or ':' for the element
 * before it at optind `before`), told as a usage error.  getopt's own
 * messages are off: they would print the argument raw and without the
 * command. */
static int option_error(struct cli *c, int opt, char **argv, int before,
                        const struct option *longopts)
{
	/* A refused long option is always the whole element just passed; a
	 * short one may sit inside a cluster (-xq) that getopt has not left. */
	const char *elem = optind > (before ? before : 1) ? argv[optind - 1] : "";
	if (strncmp(elem, "--", 2) != 0) {
		if (opt == ':')
			return cli_usage_error(c, "option '-%c' needs an argument", optopt);
		return cli_usage_error(c, "unrecognized option '-%c'", optopt);
	}
	size_t len = strcspn(elem + 2, "=");
	if (opt == ':')
		return cli_usage_error(c, "option '%s' needs an argument", elem);
	if (optopt)
		return cli_usage_error(c, "option '%.*s' takes no argument", (int)len + 2, elem);
	struct strbuf alts = {0};
	size_t n = 0;
	for (const struct option *o = longopts; o->name; o++)
		if (strncmp(o->name, elem + 2, len) == 0)
			sb_addf(&alts, "%s--%s", n++ ? ", " : "", o->name);
	if (n <= 1)
		cli_option_suggest(&alts, elem, len + 2, longopts);
	int rc = n > 1 ? cli_usage_error(c, "option '%.*s' is ambiguous (%s)", (int)len + 2, elem,
	                                 alts.buf)
	               : cli_usage_error(c, "unrecognized option '%.*s'%s", (int)len + 2, elem,
	                                 sb_str(&alts));
	sb_free(&alts);
	return rc;
}

/* Parse options with getopt_long, handling the common ones.  Returns the
 * option, -1 at the end, or -2 when the command must return *rc.  Every
 * command takes -h as --help; a leading ':' makes getopt tell a missing
 * argument (':') from an unknown option ('?'). */
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *rc)
{
	char opts[64];
	bool permute = shortopts[0] != '+';
	snprintf(opts, sizeof opts, "%s:%so:h", permute ? "" : "+", shortopts + !permute);
	opterr = 0;
	for (;;) {
		int before = optind;
		int opt = getopt_long(argc, argv, opts, longopts, NULL);
		/* Before a subcommand (in order) more options may follow it. */
		if (opt == -1 && permute && (*rc = table_options_check(c)) != 0)
			return -2;
		if (opt == -1)
			return -1;
		int r = opt == '?' || opt == ':' ? (option_error(c, opt, argv, before, longopts), -1)
		                                 : cli_common_option(c, opt, optarg);
		if (r == 0)
			return opt;
		if (r < 0 || r == 2) {
			*rc = r < 0 ? 2 : 0;
			return -2;
		}
	}
}
int cli_common_options(struct cli *c, int argc, char **argv, bool in_order)
{
	static const struct option longopts[] = { CLI_COMMON_LONGOPTS, { 0 } };
	int opt, rc = 0;
	optind = 0;
	/* All options are common ones: cli_getopt returns none of its own. */
	while ((opt = cli_getopt(c, argc, argv, in_order ? "+p:" : "p:", longopts, &rc)) != -1)
		if (opt == -2)
			return rc;
	return -1;
}

/* "a, b,c" → {"a", "b", "c"}: a comma-separated option value, each item
 * trimmed of spaces. */
char **cli_split_list(const char *list, size_t *n)
{
	char **v = NULL;
	*n = 0;
	for (const char *p = list;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		while (len && *p == ' ') {
			p++;
			len--;
		}
		while (len && p[len - 1] == ' ')
			len--;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(p, len);
		if (!comma)
			return v;
		p = comma + 1;
	}
}

void cli_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int cli_sub_opts(struct cli *c, int argc, char **argv, const struct option *own, int min,
                 int max, const char *what,
                 int (*set)(struct cli *c, int opt, const char *arg, void *ctx), void *ctx)
{
	struct option longopts[CLI_COMMON_NLONGOPTS + 16] = { CLI_COMMON_LONGOPTS };
	size_t n = CLI_COMMON_NLONGOPTS;
	for (; own && own->name && n < CLI_COMMON_NLONGOPTS + 15; own++)
		longopts[n++] = *own;
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "p:", longopts, &rc)) != -1) {
		if (opt == -2)
			return rc;
		if (set && (rc = set(c, opt, optarg, ctx)) >= 0)
			return rc;
	}
	if (argc - optind < min || (max >= 0 && argc - optind > max))
		return cli_usage_error(c, "expected %s", what);
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)))
		return rc;
	store_set_actor(c->st, c->coder);
	return -1;
}
