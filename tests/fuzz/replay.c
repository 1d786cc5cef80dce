/* tests/fuzz/replay.c — run a harness over saved inputs without libFuzzer.
 *
 *   fuzz-replay-NAME [-q] PATH...
 *
 * Each PATH is a file or a directory (its regular files, in name order,
 * not recursive).  Every file is handed to LLVMFuzzerTestOneInput once, so
 * `make check` replays the seed corpora and every past finding with the
 * ordinary compiler (and `make check-asan` under the sanitizers).  A
 * failed check aborts, naming the file; otherwise one line says how many
 * files were replayed.  Exit status: 0, or 2 for a path that cannot be
 * read.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static const char *volatile current;   /* the file being replayed */

/* Name the input that failed: a failed check or a crash (a signal), or a
 * sanitizer report (its death callback).  Only write(2) here. */
static void name_current(void)
{
	const char *p = current;
	if (!p)
		return;
	ssize_t w = write(2, "replay: failed on ", 18);
	w = write(2, p, strlen(p));
	w = write(2, "\n", 1);
	(void)w;
}

static void on_signal(int sig)
{
	name_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Present when the program is built with a sanitizer. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static int replay_file(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 2;
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(f);
		return 0;
	}
	size_t n = (size_t)sb.st_size;
	/* Exactly n bytes (malloc(0) may return NULL: ask for one more), so
	 * ASan catches a harness that reads past the input as libFuzzer would. */
	uint8_t *buf = malloc(n ? n : 1);
	if (!buf || (n && fread(buf, 1, n, f) != n)) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(buf);
		fclose(f);
		return 2;
	}
	fclose(f);
	current = path;
	LLVMFuzzerTestOneInput(buf, n);
	current = NULL;
	free(buf);
	(*count)++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names || !names[n]) {
			fprintf(stderr, "replay: out of memory\n");
			exit(2);
		}
		snprintf(names[n++], len, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		int r = replay_file(names[i], count);
		rc = r ? r : rc;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	const char *self = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	bool quiet = false;
	size_t count = 0;
	int rc = 0;

	signal(SIGABRT, on_signal);
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(name_current);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-q") == 0) {
			quiet = true;
			continue;
		}
		struct stat sb;
		int r = stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode) ? replay_dir(argv[i], &count)
		                                                      : replay_file(argv[i], &count);
		rc = r ? r : rc;
	}
	if (!quiet)
		printf("%s: %zu files replayed\n", self, count);
	return rc;
}
