/* cli/main.c — anker [-p FILE] COMMAND [OPTIONS] [ARGS] */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../anchor/anchor.h"

#ifndef ANKER_VERSION
#error "ANKER_VERSION comes from the file VERSION (the Makefile passes it)"
#endif

static void usage(FILE *f)
{
	fputs("usage: anker [-p FILE] [--coder NAME] COMMAND [OPTIONS] [ARGS]\n"
	      "       anker help [COMMAND]\n"
	      "       anker --version\n"
	      "Run 'anker help' for the list of commands.\n", f);
}

/* Said once when a command has waited a second for another process that
 * writes the project (store_set_wait_notify); the TUI says it in its
 * status line instead. */
static void say_waiting(const char *path, void *arg)
{
	(void)arg;
	cli_eprintf("anker: waiting for another process writing %s\n", path);
}

/* Only LC_CTYPE follows the user's locale (ncursesw draws characters
 * through it).  LC_NUMERIC stays "C": numbers are written and read with a
 * decimal point whatever the locale (under de_DE.UTF-8 a comma would make
 * JSON invalid, csv ambiguous, saved results and `alpha FILE` unreadable);
 * a comma only where asked for (--decimal-comma, --excel).  Nothing else
 * of the locale is used.  The data is UTF-8 whatever the locale: where the
 * locale's character set is not UTF-8 (LC_ALL=C, POSIX), the TUI would drop
 * every other character, so LC_CTYPE becomes C.UTF-8 there; when that
 * locale is missing too, non-ASCII characters show as placeholders. */
static void locale_init(void)
{
	if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int main(int argc, char **argv)
{
	struct cli c = { .format = -1 };
	int i = 1;

	locale_init();
	/* The shell completion scripts' helper (cli/complete.c): hidden. */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return cli_complete(argc - 2, argv + 2);
	/* Past a file size limit (ulimit -f) a write must fail with EFBIG,
	 * which anker reports ("file too large") after rolling back, rather
	 * than SIGXFSZ killing it with a core dump. */
	signal(SIGXFSZ, SIG_IGN);
	store_set_wait_notify(say_waiting, NULL);
	/* the suggestion model stays current with each change (anchor/model.c) */
	store_set_commit_hook(anchor_model_sync);
	store_set_progress(report_progress_bar, NULL);
	c.project = getenv("ANKER_PROJECT");
	/* Global options come before the command; commands take -p and
	 * --coder too. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-p") == 0 || strcmp(a, "--project") == 0) {
			if (++i >= argc) {
				cli_eprintf("anker: %s needs a FILE\n", a);
				return 2;
			}
			c.project = argv[i];
		} else if (strncmp(a, "--project=", 10) == 0) {
			c.project = a + 10;
		} else if (strcmp(a, "--coder") == 0 || strncmp(a, "--coder=", 8) == 0) {
			/* `anker -p ben.anker --coder ben` reads as -p does; every
			 * command's own --coder still wins, coming later. */
			const char *name = a[7] ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
			if (!name) {
				cli_eprintf("anker: --coder needs a NAME\n");
				return 2;
			}
			if (cli_utf8_arg(&c, "--coder", name))
				return 2;
			c.coder = name;
		} else if (strcmp(a, "--version") == 0) {
			printf("anker %s\n", ANKER_VERSION);
			return 0;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			const struct cli_command *help = cli_command_find("help");
			c.cmd = help;
			return help->run(&c, 1, (char *[]){ "help", NULL });
		} else {
			cli_eprintf("anker: unrecognized option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	/* No command: the TUI on a terminal, run and closed as the command
	 * `tui` is (returning from its run left the project open, which
	 * LeakSanitizer reported). */
	char *tui[] = { "tui", NULL };
	char **args = i < argc ? argv + i : tui;
	c.cmd = cli_command_find(args[0]);
	if (!c.cmd) {
		cli_command_unknown(args[0]);
		usage(stderr);
		return 2;
	}
	int rc = cli_output_finish(&c, cli_run(&c, i < argc ? argc - i : 1, args));
	report_progress_clear();
	cli_close(&c);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("anker: writing output");
		return rc ? rc : 3;
	}
	return rc;
}
