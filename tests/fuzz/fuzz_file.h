/* tests/fuzz/fuzz_file.h — an input as a file, and a project to import
 * it into, for the harnesses whose modules read a path (.qdc, .qdpx) or
 * need a project (corpus_search).  Include after defining _GNU_SOURCE.
 *
 * The input file is a memfd named by /proc/self/fd/N: nothing on disk,
 * nothing left behind when a run crashes, reused by every run.  The
 * project is one per process, in a directory of its own under $TMPDIR
 * (store_open builds a project under a temporary name and links it into
 * place, so it cannot live in memory); each run works inside a
 * transaction that is rolled back afterwards, so every input meets the
 * same empty project and nothing is ever committed.  The directory goes
 * at exit; one left by a crashed process (its pid gone) is removed by the
 * next harness that starts.
 */
#ifndef ANKER_FUZZ_FILE_H
#define ANKER_FUZZ_FILE_H

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "../../store/store.h"

#define FUZZ_DIR_PREFIX "anker-fuzz-"

static char fuzz_dir_path[256];

/* Remove a flat directory and the files in it. */
static inline void fuzz_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char path[512];
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static inline void fuzz_dir_remove(void)
{
	if (fuzz_dir_path[0])
		fuzz_rmdir(fuzz_dir_path);
}

/* Directories of harness processes that no longer run. */
static inline void fuzz_dir_sweep(const char *base)
{
	DIR *d = opendir(base);
	if (!d)
		return;
	char path[512];
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(FUZZ_DIR_PREFIX);
		if (strncmp(e->d_name, FUZZ_DIR_PREFIX, n) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + n, &end, 10);
		if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", base, e->d_name) < (int)sizeof path)
			fuzz_rmdir(path);
	}
	closedir(d);
}

/* This process's directory (created on first use). */
static inline const char *fuzz_dir(void)
{
	if (fuzz_dir_path[0])
		return fuzz_dir_path;
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	fuzz_dir_sweep(base);
	snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/" FUZZ_DIR_PREFIX "%ld", base,
	         (long)getpid());
	fuzz_rmdir(fuzz_dir_path);
	FUZZ_CHECK(mkdir(fuzz_dir_path, 0700) == 0, "mkdir %s: %s", fuzz_dir_path,
	           strerror(errno));
	atexit(fuzz_dir_remove);
	return fuzz_dir_path;
}

/* The path of a file holding exactly data[0..size). */
static inline const char *fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		fd = memfd_create("anker-fuzz", MFD_CLOEXEC);
		FUZZ_CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	FUZZ_CHECK(ftruncate(fd, 0) == 0, "ftruncate: %s", strerror(errno));
	for (size_t off = 0; off < size;) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);
		FUZZ_CHECK(n > 0, "pwrite: %s", strerror(errno));
		off += (size_t)n;
	}
	return path;
}

/* The project NAME (opened into *st on first use), inside a fresh outer
 * transaction; fuzz_project_reset() rolls it back. */
static inline struct store *fuzz_project_named(const char *name, struct store **st)
{
	struct anker_err err = {0};
	if (!*st) {
		char path[300];
		snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
		FUZZ_CHECK(store_open(path, STORE_OPEN_CREATE, st, &err) == ANKER_OK,
		           "project %s: %s", path, err.msg);
	}
	FUZZ_CHECK(store_begin(*st, &err) == ANKER_OK, "begin: %s", err.msg);
	return *st;
}

/* The project every input meets. */
static inline struct store *fuzz_project(void)
{
	static struct store *st;
	return fuzz_project_named("p.anker", &st);
}

static inline void fuzz_project_reset(struct store *st)
{
	store_rollback(st);
}

#endif
