/* report/progress.c — the progress bar of long commands on a terminal
 * (store_progress's reporter in the CLI; report.h).
 *
 * Standard error only, and only when it is a terminal: a pipe or a file
 * gets nothing.  Drawn at the first call (so that even a short operation
 * shows what it does), then at most ten times a second, and wiped when
 * the operation is done or anything else is said on standard error.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static struct {
	int on;                   /* -1: not asked yet, 0: no terminal, 1: drawing */
	bool drawn;               /* a bar stands on the line */
	char what[32];            /* the operation the times below belong to */
	struct timespec t0, last;
} bar = { .on = -1 };

static double secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void report_progress_clear(void)
{
	if (bar.drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		bar.drawn = false;
	}
}

static void draw(uint64_t done, uint64_t total, double rate)
{
	enum { WIDTH = 30 };
	char n[REPORT_NUMBER_MAX], r[REPORT_NUMBER_MAX];
	int fill = total ? (int)(WIDTH * (done < total ? done : total) / total) : 0;
	fprintf(stderr, "\r%s [%.*s%*s] %llu", bar.what, fill, "##############################",
	        WIDTH - fill, "", (unsigned long long)done);
	if (total)
		fprintf(stderr, "/%llu (%s %%)", (unsigned long long)total,
		        report_number(n, 100.0 * (double)done / (double)total, 0, 0));
	if (rate > 0)
		fprintf(stderr, ", %s/s", report_number(r, rate, 0, 0));
	fputs("\033[K", stderr);
	fflush(stderr);
	bar.drawn = true;
}

bool report_progress_bar(void *arg, const char *what, uint64_t done, uint64_t total)
{
	(void)arg;
	if (bar.on < 0)
		bar.on = isatty(STDERR_FILENO) == 1;
	if (!bar.on)
		return false;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	bool fresh = strncmp(bar.what, what, sizeof bar.what - 1) != 0 || done == 0;
	if (fresh) {
		snprintf(bar.what, sizeof bar.what, "%s", what);
		bar.t0 = now;
	} else if (total && done >= total) {
		report_progress_clear();
		return false;
	} else if (secs(&bar.last, &now) < 0.1) {
		return false;
	}
	bar.last = now;
	double t = secs(&bar.t0, &now);
	draw(done, total, t > 0.2 ? (double)done / t : 0);
	return false;
}
