/* tui/tui.c — tui_run: the terminal (or the headless screen of the tests),
 * signals, the key loop. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "view.h"
#include "../report/report.h"

/* SIGTERM/SIGHUP: the handler only sets a flag; the loop ends cleanly
 * (every change is committed when made, so there is nothing to save). */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

struct headless {
	bool on;
	int w, h;
	const char *keys;          /* the rest of the script */
	const char *dump;          /* file for the screen, NULL: stdout */
	FILE *in, *out;
	SCREEN *scr;
	FILE *timing;              /* ANKER_TUI_TIMING: NULL when unset */
	struct timespec t0;        /* tui_run's start */
	struct timespec cpu0;      /* and the process's CPU time then */
};

/* Milliseconds of clock (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID) since
 * *since. */
static double ms_since_on(clockid_t clock, const struct timespec *since)
{
	struct timespec now;
	clock_gettime(clock, &now);
	return (double)(now.tv_sec - since->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

static double ms_since(const struct timespec *since)
{
	return ms_since_on(CLOCK_MONOTONIC, since);
}

static int headless_setup(struct headless *hl, struct anker_err *err)
{
	const char *size = getenv("ANKER_TUI_HEADLESS");
	if (!size || !*size)
		return 0;
	if (sscanf(size, "%dx%d", &hl->w, &hl->h) != 2 || hl->w < 1 || hl->h < 1 ||
	    hl->w > 1000 || hl->h > 1000)
		return anker_err_set(err, ANKER_USAGE, "ANKER_TUI_HEADLESS: expected WxH, got '%s'",
		                     size);
	hl->on = true;
	hl->keys = getenv("ANKER_TUI_KEYS") ? getenv("ANKER_TUI_KEYS") : "";
	hl->dump = getenv("ANKER_TUI_DUMP");
	char buf[16];
	snprintf(buf, sizeof buf, "%d", hl->w);
	setenv("COLUMNS", buf, 1);
	snprintf(buf, sizeof buf, "%d", hl->h);
	setenv("LINES", buf, 1);
	const char *timing = getenv("ANKER_TUI_TIMING");
	if (timing && *timing && !(hl->timing = fopen(timing, "w")))
		return anker_err_set(err, ANKER_IO, "ANKER_TUI_TIMING: %s: %s", timing,
		                     strerror(errno));
	hl->in = fopen("/dev/null", "r");
	hl->out = fopen("/dev/null", "w");
	if (!hl->in || !hl->out)
		return anker_err_set(err, ANKER_IO, "/dev/null: %s", strerror(errno));
	const char *term = getenv("TERM");
	hl->scr = newterm(term && *term ? term : "xterm-256color", hl->out, hl->in);
	if (!hl->scr)
		return anker_err_set(err, ANKER_IO, "headless: no terminal description for '%s'",
		                     term ? term : "");
	set_term(hl->scr);
	return 0;
}

/* The screen as text, one line per row, trailing blanks cut. */
static int headless_dump(const struct headless *hl, struct anker_err *err)
{
	FILE *f = hl->dump ? fopen(hl->dump, "w") : stdout;
	if (!f)
		return anker_err_set(err, ANKER_IO, "%s: %s", hl->dump, strerror(errno));
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	wchar_t *w = calloc((size_t)cols + 1, sizeof *w);
	char *mb = malloc((size_t)cols * MB_CUR_MAX * 4 + 1);
	for (int y = 0; y < rows; y++) {
		int n = mvinnwstr(y, 0, w, cols);
		if (n < 0)
			n = 0;
		w[n] = 0;
		size_t len = wcstombs(mb, w, (size_t)cols * MB_CUR_MAX * 4);
		if (len == (size_t)-1)
			len = 0;
		while (len && mb[len - 1] == ' ')
			len--;
		fwrite(mb, 1, len, f);
		fputc('\n', f);
	}
	free(w);
	free(mb);
	if (f != stdout)
		fclose(f);
	else
		fflush(f);
	return 0;
}

/* <Hook>: run $ANKER_TUI_HOOK and wait for it (a test hook: another
 * process writes the project between two keys).  Its output goes to
 * /dev/null, not into the screen dump. */
static void run_hook(void)
{
	const char *hook = getenv("ANKER_TUI_HOOK");
	if (!hook || !*hook)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		/* An anker the hook runs is no headless TUI of this test. */
		static const char *const test_env[] = { "ANKER_TUI_HEADLESS", "ANKER_TUI_KEYS",
		                                        "ANKER_TUI_DUMP", "ANKER_TUI_HOOK",
		                                        "ANKER_TUI_MESSAGES", "ANKER_TUI_TIMING" };
		for (size_t i = 0; i < sizeof test_env / sizeof test_env[0]; i++)
			unsetenv(test_env[i]);
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", hook, (char *)NULL);
		_exit(127);
	}
	int status;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/* The next key: from the script in headless mode (-1 at its end), else
 * from the terminal (ERR on a timeout, so that signals are seen and other
 * writers polled).  The script's <Idle> and <Hook> come back as ERR;
 * *idle is set when no key came for the timeout (<Idle>). */
static int next_key(struct headless *hl, bool *idle)
{
	*idle = false;
	if (!hl->on) {
		int k = getch();
		*idle = k == ERR;
		return k;
	}
	int rw, rh;
	int k = tui_key_parse(&hl->keys, &rw, &rh);
	if (k == KEY_RESIZE)
		resizeterm(rh, rw);
	if (k == TUI_KEY_HOOK)
		run_hook();
	*idle = k == TUI_KEY_IDLE;
	if (k == TUI_KEY_HOOK || k == TUI_KEY_IDLE)
		return ERR;
	return k < 0 && !*hl->keys ? -2 : k;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Another process writes the project and this one has waited a second
 * (store_set_wait_notify): say so on the status line at once, since the
 * key loop is blocked until the wait ends.  Only the status line is drawn:
 * the panes would query the database the wait is for. */
static void show_waiting(const char *path, void *arg)
{
	struct tui *t = arg;
	tui_message(t, false, "Waiting for another process writing %s", base_name(path));
	if (t->too_small || t->lines < 1)
		return;
	tui_fill(t->lines - 1, 0, t->cols, A_REVERSE);
	tui_draw_text(t->lines - 1, 0, t->cols, t->msg, strlen(t->msg), A_REVERSE | A_BOLD);
	refresh();
}

/* Long operations (agreement, co-occurrence, merge, import, export)
 * started from the TUI report through store_progress: a line at the foot
 * of the screen, at most ten times a second, and Escape cancels (the
 * operation rolls back; the view says so).  The terminal is polled without
 * waiting; other keys typed meanwhile are kept for after.  Headless, the
 * script's next key is looked at on every call: a script with <Esc> right
 * after the key that starts the operation cancels it at its start, the
 * same on every run. */
struct tui_progress {
	struct tui *t;
	struct headless *hl;
	struct timespec last;
};

/* How long the key loop waits for a key (ms): a wait that ends without
 * one is idle time (run_idle). */
#define KEY_TIMEOUT 250

/* A key typed meanwhile, without waiting (ERR: none); any other than
 * Escape (unless esc_too) is put back, to be handled as typed. */
static int key_typed(bool esc_too)
{
	nodelay(stdscr, TRUE);
	int k = getch();
	nodelay(stdscr, FALSE);
	timeout(KEY_TIMEOUT);
	if (k != ERR && (esc_too || k != 27))
		ungetch(k);
	return k;
}

static bool progress_escape(struct headless *hl)
{
	if (hl->on) {
		const char *keys = hl->keys;
		int rw, rh;
		if (tui_key_parse(&keys, &rw, &rh) != 27)
			return false;
		hl->keys = keys;
		return true;
	}
	return key_typed(false) == 27;
}

static bool show_progress(void *arg, const char *what, uint64_t done, uint64_t total)
{
	struct tui_progress *p = arg;
	struct tui *t = p->t;
	bool esc = progress_escape(p->hl);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double since = (double)(now.tv_sec - p->last.tv_sec) +
	               (double)(now.tv_nsec - p->last.tv_nsec) / 1e9;
	if (!esc && done && since < 0.1)
		return false;
	p->last = now;
	if (t->too_small || t->lines < 1)
		return esc;
	char line[160], pct[REPORT_NUMBER_MAX];
	if (total)
		snprintf(line, sizeof line, "%s: %llu of %llu (%s %%); Esc cancels", what,
		         (unsigned long long)done, (unsigned long long)total,
		         report_number(pct, 100.0 * (double)done / (double)total, 0, 0));
	else
		snprintf(line, sizeof line, "%s: %llu; Esc cancels", what, (unsigned long long)done);
	tui_fill(t->lines - 1, 0, t->cols, A_REVERSE);
	tui_draw_text(t->lines - 1, 0, t->cols, line, strlen(line), A_REVERSE | A_BOLD);
	refresh();
	return esc;
}

/* The progress of the top view's idle work (ops->idle): nothing drawn
 * (the status line stays the user's), and any key cancels it, kept for
 * after (ungetch), so that what the user types is never lost or late by
 * more than a progress step.  Headless, a key is waiting when the script's
 * next one is a key (not <Idle>, <Hook> or the end): the work runs to its
 * end before <Idle> and is cancelled at its start before a key, the same
 * on every run. */
static bool idle_key_waiting(void *arg, const char *what, uint64_t done, uint64_t total)
{
	struct headless *hl = arg;
	(void)what;
	(void)done;
	(void)total;
	if (hl->on) {
		const char *keys = hl->keys;
		int rw, rh;
		int k = tui_key_parse(&keys, &rw, &rh);
		return k != TUI_KEY_IDLE && k != TUI_KEY_HOOK && !(k < 0 && !*keys);
	}
	return key_typed(true) != ERR;
}

/* No key for the timeout: the top view's idle work, never while a prompt
 * is open (the user is typing).  With ANKER_TUI_TIMING, "idle MS CPU_MS"
 * when it worked. */
static void run_idle(struct tui *t, struct headless *hl, struct tui_progress *prog)
{
	struct tui_view *v = tui_view_top(t);
	struct timespec k0, c0;
	if (t->prompt.on || !v || !v->ops->idle)
		return;
	clock_gettime(CLOCK_MONOTONIC, &k0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	store_set_progress(idle_key_waiting, hl);
	bool worked = v->ops->idle(t, v);
	store_set_progress(show_progress, prog);
	if (worked && hl->timing)
		fprintf(hl->timing, "idle %.3f %.3f\n", ms_since(&k0),
		        ms_since_on(CLOCK_PROCESS_CPUTIME_ID, &c0));
}

/* The key loop.  With ANKER_TUI_TIMING (headless only) it writes
 * "first-frame MS CPU_MS" (from tui_run's start to the end of the first
 * draw; then the CPU time the process took meanwhile, the steadier figure
 * on a busy machine) and "key MS CPU_MS RSS_KB KEY" per key (from taking
 * the key off the script to the end of its redraw; the CPU time meanwhile;
 * the peak RSS so far, so that the key that raised it shows; the key as
 * the script spelled it, a space as <Space>), in milliseconds of
 * CLOCK_MONOTONIC unless said otherwise.  The first frame shows
 * where the coder left off (tui/resume.c).  Idle work (run_idle) is
 * timed on lines of its own. */
static void time_key(struct headless *hl, const struct timespec *k0,
                     const struct timespec *c0, const char *spelled)
{
	double ms = ms_since(k0), cpu = ms_since_on(CLOCK_PROCESS_CPUTIME_ID, c0);
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru))
		ru.ru_maxrss = 0;
	int n = (int)(hl->keys - spelled);
	if (n == 1 && *spelled == ' ')
		fprintf(hl->timing, "key %.3f %.3f %ld <Space>\n", ms, cpu, ru.ru_maxrss);
	else
		fprintf(hl->timing, "key %.3f %.3f %ld %.*s\n", ms, cpu, ru.ru_maxrss, n, spelled);
}

static void run_loop(struct tui *t, struct headless *hl, struct tui_progress *prog)
{
	/* Laid out first: the place is put back at the pane's real width. */
	tui_layout(t);
	tui_resume_load(t);
	tui_draw(t);
	if (hl->timing)
		fprintf(hl->timing, "first-frame %.3f %.3f\n", ms_since(&hl->t0),
		        ms_since_on(CLOCK_PROCESS_CPUTIME_ID, &hl->cpu0));
	while (!t->quit && !got_signal) {
		struct timespec k0, c0;
		const char *spelled = hl->keys;
		if (hl->timing) {
			clock_gettime(CLOCK_MONOTONIC, &k0);
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
		}
		bool idle;
		int k = next_key(hl, &idle);
		if (k == -2)
			break;
		/* No key for a while (or one is here): another process may have
		 * written the project; the views follow within the timeout. */
		if (k == ERR) {
			if (tui_poll(t))
				tui_draw(t);
			if (idle)
				run_idle(t, hl, prog);
			continue;
		}
		if (k < 0)
			continue;
		tui_poll(t);
		if (k == KEY_RESIZE)
			tui_layout(t);
		else {
			tui_dispatch(t, k);
			tui_draw(t);
		}
		if (hl->timing)
			time_key(hl, &k0, &c0, spelled);
	}
}

int tui_run(struct store *st, const struct tui_opts *o, struct anker_err *err)
{
	struct headless hl = { 0 };
	struct tui t = { .st = st, .mode = "NORMAL" };
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &hl.t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &hl.cpu0);

	snprintf(t.coder_buf, sizeof t.coder_buf, "%s",
	         o && o->coder ? o->coder : store_default_coder());
	t.coder = t.coder_buf;
	snprintf(t.reviewer, sizeof t.reviewer, "%s", coding_reviewer_default(t.coder));
	if (strcmp(t.reviewer, t.coder) == 0)
		t.reviewer[0] = 0;
	t.project = base_name(store_path(st));
	t.codes.current = -1;
	rc = headless_setup(&hl, err);
	if (rc)
		goto out;
	if (!hl.on) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			rc = anker_err_set(err, ANKER_USAGE, "the TUI needs a terminal");
			goto out;
		}
		if (!initscr()) {
			rc = anker_err_set(err, ANKER_IO, "cannot initialise the terminal");
			goto out;
		}
	}
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	tui_mouse_headless(hl.on);
	if (!hl.on) {
		/* Press, release and motion with the button down (drag). */
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | REPORT_MOUSE_POSITION |
		          BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	curs_set(0);
	timeout(KEY_TIMEOUT);
	tui_colors_init(&t);
	tui_keys_init();
	/* Before the views load: the CLI's bar on standard error would draw
	 * over the screen. */
	struct tui_progress prog = { .t = &t, .hl = &hl };
	store_set_progress(show_progress, &prog);
	rc = tui_views_open(&t, err);
	if (!rc) {
		store_set_wait_notify(show_waiting, &t);
		run_loop(&t, &hl, &prog);
		tui_resume_save(&t);
		store_set_wait_notify(NULL, NULL);
		if (hl.on)
			rc = headless_dump(&hl, err);
	}
	store_set_progress(NULL, NULL);
	tui_views_close(&t);
	endwin();
out:
	if (hl.scr)
		delscreen(hl.scr);
	if (hl.in)
		fclose(hl.in);
	if (hl.out)
		fclose(hl.out);
	if (hl.timing && fclose(hl.timing) && !rc)
		rc = anker_err_set(err, ANKER_IO, "ANKER_TUI_TIMING: %s", strerror(errno));
	return rc;
}
