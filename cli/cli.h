/* cli/cli.h — the command line: parse arguments, call a module, print.
 *
 * No SQL here.  Every command is one row in the table in cli/commands.c,
 * which also writes `anker help` and `anker COMMAND --help`; the man page
 * documents the same rows (a test checks that they agree).  A command with
 * subcommands names its table of them in its row; cli_run dispatches, and
 * shell completion (cli/complete.c) lists them from there too.
 */
#ifndef ANKER_CLI_H
#define ANKER_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/store.h"
#include "../coding/coding.h"

struct report_xlsx;

struct cli {
	const char *project;        /* -p FILE or $ANKER_PROJECT */
	struct store *st;           /* opened by cli_open */
	int format;                 /* --format, -1 when not given (see cli_format) */
	const char *coder;          /* --coder, NULL: default */
	/* Table options (commands whose usage names --format). */
	const char *output;         /* -o FILE: tables go there, renamed into place at the end */
	bool decimal_comma;         /* --decimal-comma */
	bool excel;                 /* --excel (csv for Excel) */
	bool leaf;                  /* --leaf (freq, matrix, cooc, segments) */
	struct strbuf out;          /* the text for -o FILE not yet in outf */
	struct anker_afile outf;    /* -o FILE's temp file, once text came */
	int outf_rc;                /* it could not be made: the status (err in outf_err) */
	struct anker_err outf_err;
	struct report_xlsx *xlsx;   /* the workbook for -o FILE.xlsx, once opened */
	char *xlsx_tmp;             /* the file it is written to first */
	size_t nwritten;            /* tables (and texts) printed so far */
	struct anker_err err;
	const struct cli_command *cmd;
	const struct cli_subcommand *sub;   /* set by cli_run; NULL: none or a placeholder */
};

/* One subcommand: `anker qdpx export`.  A name in capitals is a
 * placeholder (review's SEGMENT): its row takes any word no other row
 * names, and its function sees that word as its first argument.  Tables
 * end with a row whose name is NULL. */
struct cli_subcommand {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;
};

struct cli_command {
	const char *name;
	/* The command; with subcommands, what runs when none is given (NULL:
	 * a usage error), its options already parsed by cli_run. */
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;        /* one line for `anker help` */
	const char *usage;          /* "anker -p FILE import [OPTIONS] FILE…" lines */
	const char *help;           /* options and details, for COMMAND --help */
	const struct cli_subcommand *subs;  /* NULL: no subcommands */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;

/* The command called name, or NULL. */
const struct cli_command *cli_command_find(const char *name);
/* Say "anker: unknown command 'NAME'" on stderr, with the nearest
 * commands ("; did you mean 'segments'?"). */
void cli_command_unknown(const char *name);
/* Append "; did you mean '--coders'?" to out: the long options of longopts
 * nearest to opt[0..len) ("--codrs"), if any is near. */
struct option;
void cli_option_suggest(struct strbuf *out, const char *opt, size_t len,
                        const struct option *longopts);
/* c->cmd with argv[0] its name: runs the command, or for a command with
 * subcommands parses the common options, finds the subcommand (a usage
 * error naming the valid ones when it is missing or unknown) and runs it
 * with argv[0] the subcommand's name. */
int cli_run(struct cli *c, int argc, char **argv);
/* The row of cmd's subcommand called word (a placeholder row when no other
 * matches), or NULL. */
const struct cli_subcommand *cli_subcommand_find(const struct cli_command *cmd,
                                                 const char *word);
/* Whether a subcommand row is a placeholder (its name in capitals). */
bool cli_subcommand_is_placeholder(const struct cli_subcommand *s);
/* `anker __complete WORD...`: the candidates for the last WORD, one a
 * line, for the shell completion scripts (cli/complete.c). */
int cli_complete(int argc, char **argv);

/* Embedded demo material (generated from demo/ at build time). */
struct cli_demo_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct cli_demo_file cli_demo_files[];
extern const size_t cli_demo_nfiles;

/* Commands (one function per command, in cli/cmd_*.c). */
int cli_cmd_init(struct cli *c, int argc, char **argv);
int cli_cmd_import(struct cli *c, int argc, char **argv);
int cli_cmd_docs(struct cli *c, int argc, char **argv);    /* the documents */
extern const struct cli_subcommand cli_docs_subcommands[];
int cli_cmd_show(struct cli *c, int argc, char **argv);
int cli_cmd_search(struct cli *c, int argc, char **argv);
extern const struct cli_subcommand cli_codebook_subcommands[];
int cli_cmd_codes(struct cli *c, int argc, char **argv);    /* the code system */
extern const struct cli_subcommand cli_codes_subcommands[];
int cli_cmd_demo(struct cli *c, int argc, char **argv);
/* coding (cli/cmd_coding.c, cli/cmd_review.c) */
int cli_cmd_mark(struct cli *c, int argc, char **argv);
int cli_cmd_unmark(struct cli *c, int argc, char **argv);
extern const struct cli_subcommand cli_segment_subcommands[];
int cli_cmd_autocode(struct cli *c, int argc, char **argv);
int cli_cmd_segments(struct cli *c, int argc, char **argv);
extern const struct cli_subcommand cli_memo_subcommands[];
extern const struct cli_subcommand cli_review_subcommands[];
extern const struct cli_subcommand cli_anchors_subcommands[];
/* anchors locate (cli/cmd_anchor.c). */
int cli_anchors_locate(struct cli *c, int argc, char **argv);
/* suggest and review boundaries (cli/cmd_suggest.c) */
int cli_cmd_suggest(struct cli *c, int argc, char **argv);
int cli_review_boundaries(struct cli *c, int argc, char **argv);
/* log (cli/cmd_log.c) */
int cli_cmd_log(struct cli *c, int argc, char **argv);
int cli_cmd_undo(struct cli *c, int argc, char **argv);
int cli_cmd_redo(struct cli *c, int argc, char **argv);
/* analysis (cli/cmd_analysis.c) */
int cli_cmd_freq(struct cli *c, int argc, char **argv);
int cli_cmd_matrix(struct cli *c, int argc, char **argv);
int cli_cmd_cooc(struct cli *c, int argc, char **argv);
int cli_cmd_results(struct cli *c, int argc, char **argv);
/* -- begin agreement block -- */
/* team coding (cli/cmd_agree.c) */
int cli_cmd_agree(struct cli *c, int argc, char **argv);
int cli_cmd_alpha(struct cli *c, int argc, char **argv);
int cli_cmd_blind(struct cli *c, int argc, char **argv);
int cli_cmd_merge(struct cli *c, int argc, char **argv);
/* -- end agreement block -- */
/* -- begin refi block -- */
/* REFI-QDA (cli/cmd_refi.c) */
extern const struct cli_subcommand cli_qdpx_subcommands[];
/* -- end refi block -- */
/* the terminal coder (cli/cmd_tui.c) */
int cli_cmd_tui(struct cli *c, int argc, char **argv);
int cli_cmd_help(struct cli *c, int argc, char **argv);

/* Helpers (cli/util.c). */

/* Open c->project (error when none was given). */
int cli_open(struct cli *c, enum store_open_mode mode);
/* Close c->st (if open).  Changes that could not be folded into the file
 * at the close (a full disk) are safe in FILE-wal: a warning, not a
 * failure. */
void cli_close(struct cli *c);
/* fprintf(stderr, ...) for every message to people: the formatted text is
 * made visible (corpus_utf8_visible: control characters, bidi overrides
 * and invalid bytes as placeholders; tabs and line feeds kept), since
 * messages quote names and file content.  cli_fail, cli_usage_error and
 * cli_warn go through it. */
void cli_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report c->err as "anker: message" and return the exit status. */
int cli_fail(struct cli *c);
/* Report a usage error for the current command; returns 2. */
int cli_usage_error(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a warning "anker: warning: ..." to stderr (not a failure). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An option whose value is stored as text (--memo, --comment, --coder):
 * 0 when it is UTF-8, else a usage error naming the option and the byte
 * offset (returns 2).  Paths are not checked: a file name need not be
 * UTF-8. */
int cli_utf8_arg(struct cli *c, const char *option, const char *value);
/* Print COMMAND --help to stdout. */
void cli_print_help(const struct cli_command *cmd);
/* The options every command takes: -p FILE, --format, --coder, --help.
 * Returns 1 when handled, 0 when not one of them, -1 on a usage error
 * (reported), 2 when --help was printed. */
int cli_common_option(struct cli *c, int opt, const char *arg);
/* Options of a subcommand that edits the project (codes add, docs rename,
 * ...): the common ones and own (may be NULL, then none); each own option
 * is passed to set, which returns -1 to go on or an exit status.  Returns
 * -1 to go on with min to max (-1: any number of) arguments at
 * argv[optind], the project open and --coder the acting coder; else the
 * exit status.  what names the arguments for the usage error. */
int cli_sub_opts(struct cli *c, int argc, char **argv, const struct option *own, int min,
                 int max, const char *what,
                 int (*set)(struct cli *c, int opt, const char *arg, void *ctx), void *ctx);
/* getopt_long over a command's arguments, handling the common options.
 * Returns the next own option, -1 at the end, or -2 when the command must
 * return *rc (usage error, or --help printed).  Set optind = 0 first. */
struct option;
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *rc);
/* A command that takes only the common options: returns -1 to go on with
 * the arguments at argv[optind], else what the command returns (0 after
 * --help, 2 after a usage error).  in_order: stop at the first argument
 * (a subcommand's options follow it). */
int cli_common_options(struct cli *c, int argc, char **argv, bool in_order);
/* The format tables are written in: --format; else by the extension of
 * -o FILE (.csv .tsv .tab .md .tex .json .xlsx, .txt: table); else csv with
 * --excel; else table on a terminal, tsv otherwise. */
int cli_format(const struct cli *c);
/* Whether the output takes more than one table (table format, a workbook):
 * the machine formats hold one. */
bool cli_tables_many(const struct cli *c);
/* Table output in cli_format, to -o FILE or stdout.  On a terminal every
 * format is made visible as the table is (cli_print_text); into a file or
 * pipe the data formats (tsv, csv, md, latex, json) carry the text byte for
 * byte.  A second table in table format follows after a blank line; in a
 * workbook each table is a sheet. */
void cli_print_table(struct cli *c, const struct report_table *t);
/* A table written in parts as its rows come, so that they need not all be
 * held (search): each call writes the rows of t and removes them; last:
 * the final part.  s starts zeroed.  The formats that cannot be written in
 * parts (LaTeX, xlsx) keep every row in t until the last call. */
void cli_print_part(struct cli *c, struct report_stream *s, struct report_table *t, bool last);
/* Text for -o FILE when given (kept for cli_output_finish), else printed
 * with cli_print_text: what a command writes that is not a table
 * (codebook export). */
void cli_output_text(struct cli *c, const char *s, size_t len);
/* At the end of a command (main): with -o FILE, write what was kept there
 * when rc is 0, atomically (a temporary file renamed: a failed command or
 * write leaves no half file), else drop it.  Returns rc, or 3 when the
 * file could not be written (reported). */
int cli_output_finish(struct cli *c, int rc);
/* Parse "A-B" (1-based, inclusive) into first/last; "A" means A-A. */
bool cli_parse_range(const char *s, size_t *first, size_t *last);
/* Parse a size: bytes, or a number with K, M, G or T (powers of 1024;
 * "KiB", "KB" and a trailing "B" are read alike): "512M", "2G".  False for
 * anything else, 0, or more than 2^64 - 1. */
bool cli_parse_size(const char *s, uint64_t *out);
/* Split a comma-separated option value (items trimmed of spaces); owned
 * by the caller, freed with cli_free_list. */
char **cli_split_list(const char *list, size_t *n);
void cli_free_list(char **v, size_t n);
/* Write text to stdout; control characters made visible on a terminal. */
void cli_print_text(const char *s, size_t len);

/* --save NAME [--replace] of freq, matrix, cooc and agree (cli/save.c). */
struct cli_save {
	const char *name;           /* --save NAME; NULL: not given */
	bool replace;               /* --replace */
	struct strbuf params;       /* the options, as the saved result lists them */
};
/* Append "NAME" or "NAME VALUE" (value not NULL) to s->params, a space
 * between options. */
void cli_save_param(struct cli_save *s, const char *name, const char *value);
/* The usage errors of --save and --replace (returns 2); 0 when none. */
int cli_save_check(struct cli *c, const struct cli_save *s);
/* Keep t as saved result s->name of kind when --save was given (a failure
 * is reported); the exit status.  cli_save_print: and then, unless it
 * failed, print t. */
int cli_save_keep(struct cli *c, const struct cli_save *s, const char *kind,
                  const struct report_table *t, const char *coders);
int cli_save_print(struct cli *c, const struct cli_save *s, const char *kind,
                   const struct report_table *t, const char *coders);

/* getopt_long values for the common long options (-o, --output: 'o'). */
enum {
	CLI_OPT_FORMAT = 1000,
	CLI_OPT_CODER,
	CLI_OPT_HELP,
	CLI_OPT_DECIMAL_COMMA,
	CLI_OPT_EXCEL,
	CLI_OPT_LEAF,
	CLI_OPT_FIRST_OWN,          /* commands number their own from here */
};

#define CLI_COMMON_LONGOPTS                                              \
	{ "format", required_argument, NULL, CLI_OPT_FORMAT },           \
	{ "coder", required_argument, NULL, CLI_OPT_CODER },             \
	{ "help", no_argument, NULL, CLI_OPT_HELP },                     \
	{ "project", required_argument, NULL, 'p' },                     \
	{ "output", required_argument, NULL, 'o' },                      \
	{ "decimal-comma", no_argument, NULL, CLI_OPT_DECIMAL_COMMA },   \
	{ "excel", no_argument, NULL, CLI_OPT_EXCEL }
#define CLI_COMMON_NLONGOPTS 7
/* --leaf, for the commands that print code paths (freq, matrix, cooc,
 * segments): handled with the common options. */
#define CLI_LEAF_LONGOPT { "leaf", no_argument, NULL, CLI_OPT_LEAF }

#endif
