/* store/open.c — open a project file (after looking at its bytes and the
 * files beside it), create one, and close it again.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_int.h"

/* What anker may do with a project file before SQLite touches it.  SQLite
 * keeps a WAL project's recent changes in FILE-wal and an index of them in
 * FILE-shm, both beside the file, created by the first reader: a command
 * may write only when it can write the file and those two (or create them),
 * and should read a file it cannot write without leaving them behind. */
struct file_info {
	bool writable;
	char why[160];            /* when not writable: the reason */
	off_t wal;                /* size of FILE-wal, -1 when there is none */
	bool shm;                 /* FILE-shm exists */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Open for writing and close again: 0, or the errno. */
static int try_write(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Whether SQLite will be able to write FILE and FILE-wal and FILE-shm
 * (creating them when missing).  Another process may remove the two at any
 * moment (its close folds them back): gone by now counts as missing. */
static void probe_files(const char *path, struct file_info *fi)
{
	static const char *const side[] = { "-wal", "-shm" };
	struct strbuf b = {0};
	struct stat sb;
	bool missing = false;
	fi->wal = stat(store_side_path(&b, path, "-wal"), &sb) == 0 ? sb.st_size : -1;
	fi->shm = stat(store_side_path(&b, path, "-shm"), &sb) == 0;
	fi->writable = false;
	int e = try_write(path);
	if (e) {
		snprintf(fi->why, sizeof fi->why, "%s", strerror(e));
		goto out;
	}
	for (size_t i = 0; i < 2; i++) {
		e = try_write(store_side_path(&b, path, side[i]));
		missing |= e == ENOENT;
		if (e && e != ENOENT) {
			snprintf(fi->why, sizeof fi->why, "%s beside it: %s", b.buf, strerror(e));
			goto out;
		}
	}
	if (missing) {
		char *d = xstrdup(path);
		const char *dir = dirname(d);
		if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
			snprintf(fi->why, sizeof fi->why, "its directory %s: %s", dir, strerror(errno));
		else
			fi->writable = true;
		free(d);
	} else {
		fi->writable = true;
	}
out:
	sb_free(&b);
}

/* Whether FILE-wal is one SQLite will read: its header names the WAL
 * format and the file's page size, and at least one frame follows.  Any
 * other FILE-wal SQLite ignores (or refuses), so it cannot make up for a
 * short file. */
static bool wal_has_frames(const char *path, const struct file_info *fi, long long pgsz)
{
	if (fi->wal < 32 + 24 + pgsz)
		return false;
	struct strbuf b = {0};
	unsigned char h[32];
	int fd = open(store_side_path(&b, path, "-wal"), O_RDONLY | O_CLOEXEC);
	sb_free(&b);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, h, sizeof h);
	close(fd);
	uint32_t magic = n == (ssize_t)sizeof h ? be32(h) : 0;
	return (magic == 0x377f0682 || magic == 0x377f0683) && be32(h + 8) == (uint32_t)pgsz;
}

/* Look at the bytes before SQLite does: a text file or a truncated project
 * must be refused without SQLite creating a journal for it. */
static int check_header(const char *path, struct file_info *fi, struct anker_err *err)
{
	/* FILE-wal first: when it is gone, so is any checkpoint that was
	 * growing the file (and made it look short for a moment). */
	probe_files(path, fi);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return anker_err_set(err, errno == ENOENT ? ANKER_NOTFOUND : ANKER_IO,
		                     "%s: %s%s", path, strerror(errno),
		                     errno == ENOENT ? " (create it with 'anker -p FILE init')" : "");
	unsigned char hdr[100];
	ssize_t n = read(fd, hdr, sizeof hdr);
	struct stat sbuf;
	int statok = fstat(fd, &sbuf);
	close(fd);
	if (statok == 0 && S_ISDIR(sbuf.st_mode))
		return anker_err_set(err, ANKER_INPUT, "%s: is a directory, not an anker project", path);
	if (n == 0)
		return anker_err_set(err, ANKER_INPUT, "%s: empty file, not an anker project", path);
	if (n < 16 || memcmp(hdr, "SQLite format 3", 16) != 0)
		return anker_err_set(err, ANKER_INPUT, "%s: not an anker project (not a SQLite database)",
		                     path);
	if (n < (ssize_t)sizeof hdr || statok != 0)
		return anker_err_set(err, ANKER_INPUT, "%s: project file is truncated or damaged", path);
	if (be32(hdr + 68) != STORE_APPLICATION_ID)
		return anker_err_set(err, ANKER_INPUT,
		                     "%s: not an anker project (a SQLite database of another program)",
		                     path);
	long long pgsz = hdr[16] << 8 | hdr[17];
	if (pgsz == 1)
		pgsz = 65536;
	if (pgsz < 512 || pgsz > 65536 || (pgsz & (pgsz - 1)) != 0)
		return anker_err_set(err, ANKER_INPUT, "%s: project file is damaged (page size %lld "
		                     "in its header)", path, pgsz);
	/* A checkpoint cut short (a full disk, ulimit -f, a kill) leaves the
	 * file shorter than its header says, even ending inside a page, while
	 * FILE-wal holds every committed page: SQLite reads those from there
	 * and finishes the checkpoint once there is room.  So the size is
	 * judged only when no such FILE-wal is beside the file. */
	if (wal_has_frames(path, fi, pgsz))
		return ANKER_OK;
	/* The page count in the header is valid when its change counter says
	 * so. */
	long long want = (long long)be32(hdr + 28) * pgsz;
	if (sbuf.st_size % pgsz != 0 ||
	    (be32(hdr + 24) == be32(hdr + 92) && sbuf.st_size < want))
		return anker_err_set(err, ANKER_INPUT, "%s: project file is truncated or damaged "
		                     "(%lld bytes; its header says %lld)", path,
		                     (long long)sbuf.st_size, want);
	return ANKER_OK;
}

static int open_db(struct store *st, const char *file, int flags, struct anker_err *err)
{
	/* One connection per store, used by one thread, and no use for
	 * SQLite's memory statistics: without their mutexes a bulk import
	 * (a statement or two per row) runs a seventh faster.  The
	 * configuration fails harmlessly once SQLite is initialised. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(file, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		anker_err_set(err, ANKER_IO, "%s: cannot open: %s", st->path,
		              st->db ? sqlite3_errmsg(st->db) : "out of memory");
		return ANKER_IO;
	}
	sqlite3_extended_result_codes(st->db, 0);
	sqlite3_busy_handler(st->db, store_busy_wait, st);
	/* A cache of up to 8 MiB (not the default 2 MiB; taken only as
	 * needed): a transaction whose indexes outgrow the cache spills pages
	 * to FILE-wal and reads them back, which made an import of 100,000
	 * codes spend a third of its time copying.  More gains nothing. */
	int rc = store_exec(st, "PRAGMA foreign_keys = ON", err);
	if (!rc)
		rc = store_exec(st, "PRAGMA cache_size = -8192", err);
	return rc ? rc : store_functions_add(st, err);
}

static void close_db(struct store *st)
{
	for (struct store_stmt *s = st->stmts, *next; s; s = next) {
		next = s->next;
		sqlite3_finalize(s->stmt);
		free(s->sql);
		free(s);
	}
	st->stmts = NULL;
	if (st->db) {
		store_map(st, false);   /* sqlite3_close may fold FILE-wal */
		sqlite3_close(st->db);
	}
	st->db = NULL;
}

/* A project this process cannot write.  With FILE-wal and FILE-shm there,
 * SQLite reads through them; without, the file is opened immutable, so
 * that SQLite creates neither (a read-only FILE-shm left behind would make
 * the project read-only for its owner too, even once the file is
 * writable again).  Immutable means SQLite takes no locks: should a process
 * that may write the file write it meanwhile, this one could read a mix;
 * for a command that reads a read-only file once, that risk is taken. */
static int open_unwritable(struct store *st, const struct file_info *fi, struct anker_err *err)
{
	if (fi->wal >= 0 && fi->shm)
		return open_db(st, st->path, SQLITE_OPEN_READONLY, err);
	if (fi->wal > 0)
		return anker_err_set(err, ANKER_IO, "%s: read-only (%s), and %s-wal beside it holds "
		                     "changes not yet in the file: open it once with write access",
		                     st->path, fi->why, st->path);
	struct strbuf uri = {0};
	sb_adds(&uri, "file:");
	for (const char *p = st->path; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._-~", *p))
			sb_addc(&uri, *p);
		else
			sb_addf(&uri, "%%%02X", (unsigned char)*p);
	sb_adds(&uri, "?immutable=1");
	int rc = open_db(st, uri.buf, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
	sb_free(&uri);
	return rc;
}

static int open_existing(struct store *st, bool readonly, struct anker_err *err)
{
	struct file_info fi;
	if (check_header(st->path, &fi, err))
		return err->status;
	if (!fi.writable && !readonly)
		return anker_err_set(err, ANKER_IO, "%s: read-only (%s): cannot write it; nothing "
		                     "was changed", st->path, fi.why);
	/* A command that only reads opens a writable file for writing too
	 * (st->readonly keeps store_begin from writing; not query_only, which
	 * would refuse VACUUM INTO): the last to close it then folds FILE-wal
	 * back into the file and removes it. */
	int rc = fi.writable ? open_db(st, st->path, SQLITE_OPEN_READWRITE, err)
	                     : open_unwritable(st, &fi, err);
	int64_t version;
	if (rc || (rc = store_query_int(st, "PRAGMA user_version", &version, err)))
		return rc;
	if (version > STORE_SCHEMA_VERSION)
		return anker_err_set(err, ANKER_INPUT,
		                     "%s: written by a newer anker (schema %lld; this anker knows up to %d); "
		                     "nothing was changed", st->path, (long long)version,
		                     STORE_SCHEMA_VERSION);
	if (version < STORE_SCHEMA_VERSION && !fi.writable)
		return anker_err_set(err, ANKER_IO, "%s: read-only (%s), and written by an older anker "
		                     "(schema %lld): open it once with write access to bring it up to "
		                     "date", st->path, fi.why, (long long)version);
	if (!fi.writable) {
		st->readonly = true;
		store_map(st, true);
		return ANKER_OK;
	}
	if (!readonly && store_exec(st, "PRAGMA journal_mode = WAL", err))
		return store_failed(err);
	/* An older project is brought up to date even by a command that only
	 * reads: its queries need the current schema. */
	if (version < STORE_SCHEMA_VERSION && store_migrate(st, err))
		return store_failed(err);
	st->readonly = readonly;
	/* Every command reads through the map (its first 32 MiB: store_map)
	 * until its first write: opening costs less on every project, and on
	 * one the map holds whole, `segments --code` on 1M segments took 30 ->
	 * 26 ms CPU, `search` 38 -> 30 ms.  On the bench's 100 MB (170 MB
	 * file) `suggest --code` takes 17 ms capped, 14 ms mapped whole, but
	 * mapped whole a scan kept the file resident (store_map). */
	store_map(st, true);
	return ANKER_OK;
}

/* A new project is built under a temporary name beside FILE and linked to
 * FILE only when complete, so that a kill or a full disk never leaves a
 * half-made project that 'init' would refuse as existing. */
static int create_project(struct store *st, struct anker_err *err)
{
	struct stat sb;
	if (lstat(st->path, &sb) == 0)
		return anker_err_set(err, ANKER_EXISTS, "%s: already exists", st->path);
	struct strbuf tmp = {0};
	store_new_name(&tmp, st->path);
	int rc = open_db(st, tmp.buf, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
	if (!rc)
		rc = store_init_project(st, err);
	close_db(st);
	if (!rc)
		rc = store_link_new(tmp.buf, st->path, err);
	store_remove_files(tmp.buf);
	sb_free(&tmp);
	return rc ? rc : open_existing(st, false, err);
}

int store_open(const char *path, enum store_open_mode mode, struct store **out,
               struct anker_err *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	int rc = mode == STORE_OPEN_CREATE ? create_project(st, err)
	                                   : open_existing(st, mode == STORE_OPEN_READONLY, err);
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return ANKER_OK;
}

int store_open_memory(struct store **out, struct anker_err *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(":memory:");
	int rc = open_db(st, ":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return ANKER_OK;
}

/* The last connection to close folds FILE-wal into the file (a
 * checkpoint) and removes it, but sqlite3_close keeps quiet when that
 * fails.  So the checkpoint is run here first, where its error can be
 * seen; the one in sqlite3_close then has nothing left to do.  PASSIVE
 * waits for nobody: another process reading or checkpointing leaves its
 * part for later (SQLITE_BUSY, no error). */
static int checkpoint(struct store *st, struct anker_err *err)
{
	if (!st->db || sqlite3_db_readonly(st->db, "main") != 0)
		return ANKER_OK;
	store_map(st, false);
	int rc = sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return ANKER_OK;
	store_db_error(st, err, "checkpoint");
	return ANKER_IO;
}

int store_finish(struct store *st, struct anker_err *err)
{
	if (!st)
		return ANKER_OK;
	while (st->depth > 0)
		store_rollback(st);
	int rc = checkpoint(st, err);
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	while (st->depth > 0)
		store_rollback(st);
	close_db(st);
	free(st->group.v);
	free(st->actor);
	free(st->path);
	free(st);
}

bool store_readonly(const struct store *st)
{
	return st->readonly;
}

int store_schema_version(struct store *st)
{
	int64_t v = 0;
	store_query_int(st, "PRAGMA user_version", &v, NULL);
	return (int)v;
}
