/* cli/commands.c — every command once: name, function, summary, usage,
 * help, subcommands.  `anker help` and `anker COMMAND --help` are written
 * from here, and man/anker.1 documents the same (tests/cli/test_help.sh
 * checks).  The rows live in one .inc file per area, in the order `anker
 * help` lists them.  cli_run is the one dispatcher of subcommands. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../corpus/corpus.h"

const struct cli_command cli_commands[] = {
#include "commands_corpus.inc"
#include "commands_codebook.inc"
#include "commands_coding.inc"
#include "commands_review.inc"
#include "commands_analysis.inc"
#include "commands_agree.inc"
#include "commands_refi.inc"
#include "commands_log.inc"
#include "commands_tui.inc"
	{ "demo", cli_cmd_demo,
	  "Build the demo project (five interviews, the demo codebook, codings).",
	  "anker demo [--uncoded] [DIR]",
	  "Creates DIR/demo.anker (default: the current directory), or completes it when\n"
	  "it exists: running it again changes nothing.  The interviews come coded by two\n"
	  "coders, anna (all five) and ben (01-03), so that the analyses and the\n"
	  "agreement have something to show.\n\n"
	  "  --uncoded        leave the codings out (to practise coding from scratch)\n",
	  NULL },
	{ "help", cli_cmd_help,
	  "List the commands, or show one command's help.",
	  "anker help [COMMAND]",
	  "",
	  NULL },
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const struct cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

void cli_command_unknown(const char *name)
{
	const char *names[sizeof cli_commands / sizeof cli_commands[0]];
	struct strbuf sb = {0};
	for (size_t i = 0; i < cli_ncommands; i++)
		names[i] = cli_commands[i].name;
	corpus_name_suggest(&sb, name, names, cli_ncommands);
	cli_eprintf("anker: unknown command '%s'%s\n", name, sb_str(&sb));
	sb_free(&sb);
}

void cli_option_suggest(struct strbuf *out, const char *opt, size_t len,
                        const struct option *longopts)
{
	struct strbuf key = {0};
	size_t n = 0;
	for (const struct option *o = longopts; o->name; o++)
		n++;
	char **names = xcalloc(n + 1, sizeof *names);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = {0};
		sb_addf(&sb, "--%s", longopts[i].name);
		names[i] = sb_steal(&sb);
	}
	sb_add(&key, opt, len);
	corpus_name_suggest(out, sb_str(&key), (const char *const *)names, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sb_free(&key);
}

bool cli_subcommand_is_placeholder(const struct cli_subcommand *s)
{
	return s->name[0] >= 'A' && s->name[0] <= 'Z';
}

const struct cli_subcommand *cli_subcommand_find(const struct cli_command *cmd,
                                                 const char *word)
{
	const struct cli_subcommand *any = NULL;
	for (const struct cli_subcommand *s = cmd->subs; s && s->name; s++) {
		if (cli_subcommand_is_placeholder(s))
			any = s;
		else if (strcmp(s->name, word) == 0)
			return s;
	}
	return any;
}

/* "add, list or delete": the subcommands, for messages; with word, the
 * one or two nearest it instead ("did you mean 'list'?"), when any is. */
static void subcommand_names(const struct cli_command *cmd, const char *word,
                             struct strbuf *sb)
{
	const char *names[64] = {0};
	size_t n = 0;
	for (const struct cli_subcommand *s = cmd->subs; s->name && n < 64; s++)
		names[n++] = s->name;
	if (word)
		corpus_name_suggest(sb, word, names, n);
	if (sb->len)
		return;
	for (size_t i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ", names[i]);
}

int cli_run(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = c->cmd;
	if (!cmd->subs)
		return cmd->run(c, argc, argv);
	/* The common options may come before the subcommand. */
	int rc = cli_common_options(c, argc, argv, true);
	if (rc >= 0)
		return rc;
	if (optind == argc && cmd->run)
		return cmd->run(c, argc, argv);
	const struct cli_subcommand *s = NULL;
	if (optind < argc)
		s = cli_subcommand_find(cmd, argv[optind]);
	if (!s) {
		struct strbuf names = {0};
		subcommand_names(cmd, optind < argc ? argv[optind] : NULL, &names);
		if (optind < argc && names.buf[0] == ';')
			rc = cli_usage_error(c, "unknown subcommand '%s'%s", argv[optind], names.buf);
		else if (optind < argc)
			rc = cli_usage_error(c, "unknown subcommand '%s' (use %s)", argv[optind],
			                     names.buf);
		else   /* review: "expected SEGMENT VERDICT, list or counts" */
			rc = cli_usage_error(c, "expected %s%s",
			                     cli_subcommand_is_placeholder(cmd->subs) ? "" : "a subcommand: ",
			                     names.buf);
		sb_free(&names);
		return rc;
	}
	if (cli_subcommand_is_placeholder(s))
		/* The word is the subcommand's first argument: argv[0] is
		 * whatever came before, which getopt skips. */
		return s->run(c, argc - optind + 1, argv + optind - 1);
	c->sub = s;
	return s->run(c, argc - optind, argv + optind);
}

int cli_cmd_help(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, CLI_OPT_HELP }, { 0 }
	};
	int opt, rc = 0;
	optind = 0;
	while ((opt = cli_getopt(c, argc, argv, "", longopts, &rc)) != -1)
		if (opt == -2)
			return rc;
	if (argc - optind > 1)
		return cli_usage_error(c, "expected at most one COMMAND");
	if (optind < argc) {
		const struct cli_command *cmd = cli_command_find(argv[optind]);
		if (!cmd) {
			cli_command_unknown(argv[optind]);
			return 2;
		}
		cli_print_help(cmd);
		return 0;
	}
	puts("usage: anker [-p FILE] [--coder NAME] COMMAND [OPTIONS] [ARGS]\n\n"
	     "anker codes qualitative data: interviews, a codebook, coded segments.\n"
	     "The project is one SQLite file, given with -p FILE or $ANKER_PROJECT.\n\n"
	     "Commands:");
	for (size_t i = 0; i < cli_ncommands; i++)
		printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	puts("\n'anker COMMAND --help' shows a command's options; 'man anker' has them all.");
	return 0;
}
