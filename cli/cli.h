/* cli/cli.h — the command line: parse arguments, call a module, print.
 *
 * No SQL here.  Every command is one row in the table in cli/commands.c,
 * which also writes `anker help` and `anker COMMAND --help`; the man page
 * documents the same rows (a test checks that they agree).
 */
#ifndef ANKER_CLI_H
#define ANKER_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/store.h"
#include "../coding/coding.h"

struct cli {
	const char *project;        /* -p FILE or $ANKER_PROJECT */
	struct store *st;           /* opened by cli_open */
	int format;                 /* --format, -1 when not given */
	const char *coder;          /* --coder, NULL: default */
	struct anker_err err;
	const struct cli_command *cmd;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;        /* one line for `anker help` */
	const char *usage;          /* "anker -p FILE import [OPTIONS] FILE…" lines */
	const char *help;           /* options and details, for COMMAND --help */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;

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
int cli_cmd_docs(struct cli *c, int argc, char **argv);
int cli_cmd_show(struct cli *c, int argc, char **argv);
int cli_cmd_search(struct cli *c, int argc, char **argv);
int cli_cmd_codebook(struct cli *c, int argc, char **argv);
int cli_cmd_codes(struct cli *c, int argc, char **argv);
int cli_cmd_demo(struct cli *c, int argc, char **argv);
/* coding (cli/cmd_coding.c, cli/cmd_review.c) */
int cli_cmd_mark(struct cli *c, int argc, char **argv);
int cli_cmd_unmark(struct cli *c, int argc, char **argv);
int cli_cmd_segment(struct cli *c, int argc, char **argv);
int cli_cmd_autocode(struct cli *c, int argc, char **argv);
int cli_cmd_segments(struct cli *c, int argc, char **argv);
int cli_cmd_memo(struct cli *c, int argc, char **argv);
int cli_cmd_review(struct cli *c, int argc, char **argv);
int cli_cmd_anchors(struct cli *c, int argc, char **argv);
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
int cli_cmd_qdpx(struct cli *c, int argc, char **argv);
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
/* getopt_long over a command's arguments, handling the common options.
 * Returns the next own option, -1 at the end, or -2 when the command must
 * return *rc (usage error, or --help printed).  Set optind = 0 first. */
struct option;
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *rc);
/* Table output in the chosen format (default: table on a terminal, else
 * tsv); writes to stdout.  On a terminal every format is made visible as
 * the table is (cli_print_text); into a file or pipe the data formats
 * (tsv, csv, md, latex, json) carry the text byte for byte. */
void cli_print_table(struct cli *c, const struct report_table *t);
/* Parse "A-B" (1-based, inclusive) into first/last; "A" means A-A. */
bool cli_parse_range(const char *s, size_t *first, size_t *last);
/* Split a comma-separated option value (items trimmed of spaces); owned
 * by the caller, freed with cli_free_list. */
char **cli_split_list(const char *list, size_t *n);
void cli_free_list(char **v, size_t n);
/* Write text to stdout; control characters made visible on a terminal. */
void cli_print_text(const char *s, size_t len);

/* getopt_long values for the common long options. */
enum {
	CLI_OPT_FORMAT = 1000,
	CLI_OPT_CODER,
	CLI_OPT_HELP,
	CLI_OPT_FIRST_OWN,          /* commands number their own from here */
};

#define CLI_COMMON_LONGOPTS                                      \
	{ "format", required_argument, NULL, CLI_OPT_FORMAT },   \
	{ "coder", required_argument, NULL, CLI_OPT_CODER },     \
	{ "help", no_argument, NULL, CLI_OPT_HELP },             \
	{ "project", required_argument, NULL, 'p' }

#endif
