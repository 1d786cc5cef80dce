/* cli/cmd_tui.c — tui: open the terminal coder on the project. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "../tui/tui.h"

int cli_cmd_tui(struct cli *c, int argc, char **argv)
{
	int rc = cli_common_options(c, argc, argv, false);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error(c, "tui takes no arguments");
	/* Headless mode (tests) needs no terminal; else both ends must be
	 * one, as `anker -p P` with no command relies on. */
	const char *hl = getenv("ANKER_TUI_HEADLESS");
	if ((!hl || !*hl) && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cli_usage_error(c, "the TUI needs a terminal (stdin and stdout)");
	if ((rc = cli_open(c, STORE_OPEN_EXISTING)) != 0)
		return rc;
	struct tui_opts o = { .coder = c->coder };
	if (c->coder)
		store_set_actor(c->st, c->coder);
	if (tui_run(c->st, &o, &c->err))
		return cli_fail(c);
	return 0;
}
