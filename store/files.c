/* store/files.c — the files of a project on disk: FILE and what SQLite
 * keeps beside it, and new files that appear whole or not at all (init,
 * blind copies). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

const char *store_side_path(struct strbuf *buf, const char *path, const char *suffix)
{
	sb_reset(buf);
	sb_adds(buf, path);
	sb_adds(buf, suffix);
	return buf->buf;
}

void store_remove_files(const char *path)
{
	struct strbuf b = {0};
	unlink(path);
	unlink(store_side_path(&b, path, "-wal"));
	unlink(store_side_path(&b, path, "-shm"));
	unlink(store_side_path(&b, path, "-journal"));
	sb_free(&b);
}

void store_new_name(struct strbuf *tmp, const char *path)
{
	sb_reset(tmp);
	sb_addf(tmp, "%s.new-%ld", path, (long)getpid());
	store_remove_files(tmp->buf);
}

int store_link_new(const char *tmp, const char *path, struct anker_err *err)
{
	struct stat sb;
	struct strbuf wal = {0};
	/* Closing folds FILE-wal into the file; when it could not (a full
	 * disk), the file is not complete without it. */
	bool whole = stat(store_side_path(&wal, tmp, "-wal"), &sb) != 0 || sb.st_size == 0;
	sb_free(&wal);
	if (!whole)
		return anker_err_set(err, ANKER_IO, "%s: cannot write it completely (disk full?)",
		                     path);
	if (lstat(path, &sb) == 0)
		return anker_err_set(err, ANKER_EXISTS, "%s: already exists", path);
	if (link(tmp, path) == 0)
		return ANKER_OK;
	if (errno == EEXIST)
		return anker_err_set(err, ANKER_EXISTS, "%s: already exists", path);
	if ((errno != EPERM && errno != EOPNOTSUPP) || rename(tmp, path) != 0)
		return anker_err_set(err, ANKER_IO, "%s: %s", path, strerror(errno));
	return ANKER_OK;
}
