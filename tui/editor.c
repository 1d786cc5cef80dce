/* tui/editor.c — long text (a memo, a code's definition, an anchor
 * example) in the user's own editor, as git commit and tig do: the TUI
 * gives the terminal to $VISUAL (else $EDITOR, else vi) on a temporary
 * file and takes it back when the editor exits.  What comes back is
 * checked and normalised as any text kept as given (corpus_text_given);
 * the caller stores it, so the change is one step like a typed one. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curses.h>

#include "view.h"

static const char *editor_command(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Run the editor on path with the terminal given back; its exit status
 * (-1: it could not run).  SIGINT and SIGQUIT belong to the editor while
 * it runs (as system() does), so Ctrl-C in it never ends the TUI. */
static int run_editor(const char *path)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		/* The command may carry options ("code -w"): the shell splits it,
		 * the file name goes as one argument whatever it holds. */
		char cmd[1024];
		snprintf(cmd, sizeof cmd, "%s \"$1\"", editor_command());
		execl("/bin/sh", "sh", "-c", cmd, "anker-editor", path, (char *)NULL);
		_exit(127);
	}
	int status = -1;
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (pid < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Line ends at the end are the editor's (most add one): dropped. */
static void trim_end(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = 0;
}

int tui_edit_text(struct tui *t, const char *what, const char *text, char **out,
                  bool *changed, struct anker_err *err)
{
	(void)t;
	*out = NULL;
	*changed = false;
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/anker-edit-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return anker_err_set(err, ANKER_IO, "%s: cannot make a temporary file in %s: %s",
		                     what, dir && *dir ? dir : "/tmp", strerror(errno));
	size_t len = text ? strlen(text) : 0;
	FILE *f = fdopen(fd, "w");
	bool wrote = f && fwrite(text ? text : "", 1, len, f) == len &&
	             (len == 0 || fputc('\n', f) != EOF);
	if (f ? fclose(f) != 0 : close(fd) != 0)
		wrote = false;
	if (!wrote) {
		int e = errno;
		unlink(path);
		return anker_err_set(err, ANKER_IO, "%s: cannot write %s: %s", what, path, strerror(e));
	}
	int rc = run_editor(path);
	if (rc != 0) {
		unlink(path);
		return anker_err_set(err, ANKER_IO, rc < 0 ? "%s: the editor '%s' did not run: nothing changed"
		                                           : "%s: the editor '%s' failed: nothing changed",
		                     what, editor_command());
	}
	char *raw = NULL;
	size_t rlen = 0;
	rc = anker_read_file(path, &raw, &rlen, err);
	unlink(path);
	if (rc)
		return rc;
	rc = corpus_text_given(what, raw, rlen, out, err);
	free(raw);
	if (rc)
		return rc;
	trim_end(*out);
	char *old = xstrdup(text ? text : "");
	trim_end(old);
	*changed = strcmp(old, *out) != 0;
	free(old);
	return ANKER_OK;
}
