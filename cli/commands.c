/* cli/commands.c — every command once: name, function, summary, usage,
 * help.  `anker help` and `anker COMMAND --help` are written from here, and
 * man/anker.1 documents the same (tests/cli/test_help.sh checks).  The rows
 * live in one .inc file per area, in the order `anker help` lists them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
	  "  --uncoded        leave the codings out (to practise coding from scratch)\n" },
	{ "help", cli_cmd_help,
	  "List the commands, or show one command's help.",
	  "anker help [COMMAND]",
	  "" },
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

int cli_cmd_help(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (argc > 1) {
		for (size_t i = 0; i < cli_ncommands; i++)
			if (strcmp(cli_commands[i].name, argv[1]) == 0) {
				cli_print_help(&cli_commands[i]);
				return 0;
			}
		cli_eprintf("anker: unknown command '%s'\n", argv[1]);
		return 2;
	}
	puts("usage: anker [-p FILE] COMMAND [OPTIONS] [ARGS]\n\n"
	     "anker codes qualitative data: interviews, a codebook, coded segments.\n"
	     "The project is one SQLite file, given with -p FILE or $ANKER_PROJECT.\n\n"
	     "Commands:");
	for (size_t i = 0; i < cli_ncommands; i++)
		printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	puts("\n'anker COMMAND --help' shows a command's options; 'man anker' has them all.");
	return 0;
}
