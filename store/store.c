/* store/store.c — open the project file, migrate, statements, transactions.
 *
 * The shape follows fossil's db.c: one statement wrapper, named parameters
 * that fail loudly, nested transactions that remember where they began,
 * every statement finalized on close.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_int.h"

/* ---------------------------------------------------------------------- */
/* Errors.  Most SQLite messages are about anker's own statements and are
 * passed on as they are; the ones about the file (disk full, read-only,
 * locked, damaged) are said in words a researcher can act on. */

/* Was a write refused by the file size limit (ulimit -f)?  SQLite often
 * keeps no errno for it, so look whether a file of the project has grown
 * to the limit (less a page and a WAL frame header). */
static bool at_size_limit(struct store *st)
{
	static const char *const suffix[] = { "", "-wal", "-journal" };
	struct rlimit rl;
	const char *db = sqlite3_db_filename(st->db, "main");
	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || !db || !*db)
		return false;
	struct strbuf b = {0};
	struct stat sb;
	bool hit = false;
	for (size_t i = 0; i < 3; i++)
		if (stat(store_side_path(&b, db, suffix[i]), &sb) == 0 &&
		    (rlim_t)sb.st_size + 65536 + 24 > rl.rlim_cur)
			hit = true;
	sb_free(&b);
	return hit;
}

static int full_error(struct store *st, int sys, struct anker_err *err)
{
	if (sys == EFBIG || at_size_limit(st))
		return anker_err_set(err, ANKER_IO, "%s: cannot write: file too large (the file "
		                     "size limit, ulimit -f, was reached)", st->path);
	return anker_err_set(err, ANKER_IO, "%s: cannot write: %s", st->path,
	                     sys == EDQUOT ? "disk quota exceeded" : "disk full");
}

static int db_error(struct store *st, struct anker_err *err, const char *what)
{
	int ext = sqlite3_extended_errcode(st->db);
	int sys = sqlite3_system_errno(st->db);
	const char *msg = sqlite3_errmsg(st->db);
	switch (ext & 0xff) {
	case SQLITE_CONSTRAINT:
		return anker_err_set(err, ANKER_INPUT, "%s: %s%s%s", st->path, what ? what : "",
		                     what ? ": " : "", msg);
	case SQLITE_FULL:
		return full_error(st, sys, err);
	case SQLITE_IOERR:
		if (sys == EFBIG || sys == ENOSPC || sys == EDQUOT || at_size_limit(st))
			return full_error(st, sys, err);
		return anker_err_set(err, ANKER_IO, "%s: i/o error: %s%s%s", st->path, msg,
		                     sys ? ": " : "", sys ? strerror(sys) : "");
	case SQLITE_READONLY:
		return anker_err_set(err, ANKER_IO, "%s: read-only: cannot write the project (%s)",
		                     st->path, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		if (ext == SQLITE_BUSY_SNAPSHOT)
			return anker_err_set(err, ANKER_DB, "%s: changed by another process meanwhile; "
			                     "try again", st->path);
		return anker_err_set(err, ANKER_DB, "%s: another process has kept it locked for "
		                     "%g s; gave up, nothing was changed (set ANKER_WAIT to wait "
		                     "longer)", st->path, store_wait_limit());
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return anker_err_set(err, ANKER_INPUT, "%s: the project file is damaged (%s)",
		                     st->path, msg);
	case SQLITE_CANTOPEN:
		return anker_err_set(err, ANKER_IO, "%s: cannot open it, or its -wal and -shm files "
		                     "beside it (%s%s%s)", st->path, msg, sys ? ": " : "",
		                     sys ? strerror(sys) : "");
	default:
		return anker_err_set(err, ANKER_DB, "%s: %s%s%s", st->path, what ? what : "",
		                     what ? ": " : "", msg);
	}
}

/* ---------------------------------------------------------------------- */
/* Waiting for another writer.  SQLite's own busy timeout would fail after
 * it with "database is locked"; a researcher's other anker may well write
 * for longer (importing a large corpus, autocoding), so anker waits, says
 * so once after a second, and gives up only after ANKER_WAIT seconds. */

static void (*wait_notify)(const char *path, void *arg);
static void *wait_arg;

static store_progress_fn progress_fn;
static void *progress_arg;

void store_set_progress(store_progress_fn fn, void *arg)
{
	progress_fn = fn;
	progress_arg = arg;
}

int store_progress(const char *what, uint64_t done, uint64_t total, struct anker_err *err)
{
	static int64_t cancel_at = -2;   /* -2: not read yet, -1: no test hook */
	if (cancel_at == -2) {
		const char *at = getenv("ANKER_CANCEL_AT");
		cancel_at = at && *at ? strtoll(at, NULL, 10) : -1;
	}
	bool stop = progress_fn && progress_fn(progress_arg, what, done, total);
	if (stop || (cancel_at >= 0 && done >= (uint64_t)cancel_at))
		return anker_err_set(err, ANKER_CANCELLED, "%s cancelled; nothing was changed", what);
	return ANKER_OK;
}

void store_set_wait_notify(void (*fn)(const char *path, void *arg), void *arg)
{
	wait_notify = fn;
	wait_arg = arg;
}

double store_wait_limit(void)
{
	const char *e = getenv("ANKER_WAIT");
	char *end;
	double s = e && *e ? strtod(e, &end) : 0;
	return e && *e && !*end && s >= 0 ? s : 600;
}

static int busy_wait(void *arg, int count)
{
	/* SQLite's own schedule of sleeps in milliseconds, but no longer
	 * than 25: polling is cheap, and a writer whose transactions follow
	 * each other closely (the TUI coding) leaves only short gaps. */
	static const int delay[] = { 1, 2, 5, 10, 15, 20, 25 };
	struct store *st = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0) {
		st->wait_t0 = now;
		st->wait_told = false;
	}
	double waited = (double)(now.tv_sec - st->wait_t0.tv_sec) +
	                (double)(now.tv_nsec - st->wait_t0.tv_nsec) / 1e9;
	if (st->nowait || waited >= store_wait_limit())
		return 0;
	if (waited >= 1.0 && !st->wait_told) {
		st->wait_told = true;
		if (wait_notify)
			wait_notify(st->path, wait_arg);
	}
	int ms = delay[count < 7 ? count : 6];
	nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = ms * 1000000L }, NULL);
	return 1;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

/* ---------------------------------------------------------------------- */

int store_exec(struct store *st, const char *sql, struct anker_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(st, err, NULL);
	return ANKER_OK;
}

int store_prepare(struct store *st, const char *sql, struct store_stmt **out,
                  struct anker_err *err)
{
	struct store_stmt *s;
	/* By text, never by pointer: SQL built in a buffer may come back at
	 * the address of other SQL once the buffer is freed. */
	for (s = st->stmts; s; s = s->next)
		if (strcmp(s->sql, sql) == 0) {
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			*out = s;
			return ANKER_OK;
		}
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
		return db_error(st, err, "prepare");
	s = xcalloc(1, sizeof *s);
	s->st = st;
	s->stmt = stmt;
	s->sql = xstrdup(sql);
	s->next = st->stmts;
	st->stmts = s;
	*out = s;
	return ANKER_OK;
}

static int param(struct store_stmt *s, const char *name, struct anker_err *err)
{
	int i = sqlite3_bind_parameter_index(s->stmt, name);
	if (i == 0)
		anker_err_set(err, ANKER_DB, "internal: statement has no parameter %s: %s", name,
		              s->sql);
	return i;
}

static int bound(struct store_stmt *s, int rc, struct anker_err *err)
{
	if (rc != SQLITE_OK)
		return db_error(s->st, err, "bind");
	return ANKER_OK;
}

int store_bind_textn(struct store_stmt *s, const char *name, const char *v, size_t len,
                     struct anker_err *err)
{
	int i = param(s, name, err);
	if (!i)
		return ANKER_DB;
	return bound(s, sqlite3_bind_text64(s->stmt, i, v, len, SQLITE_TRANSIENT, SQLITE_UTF8),
	             err);
}

int store_bind_blob(struct store_stmt *s, const char *name, const void *v, size_t len,
                    struct anker_err *err)
{
	int i = param(s, name, err);
	if (!i)
		return ANKER_DB;
	return bound(s, sqlite3_bind_blob64(s->stmt, i, len ? v : "", len, SQLITE_TRANSIENT), err);
}

int store_bind_text(struct store_stmt *s, const char *name, const char *v, struct anker_err *err)
{
	if (!v)
		return store_bind_null(s, name, err);
	return store_bind_textn(s, name, v, strlen(v), err);
}

int store_bind_int(struct store_stmt *s, const char *name, int64_t v, struct anker_err *err)
{
	int i = param(s, name, err);
	if (!i)
		return ANKER_DB;
	return bound(s, sqlite3_bind_int64(s->stmt, i, v), err);
}

int store_bind_double(struct store_stmt *s, const char *name, double v, struct anker_err *err)
{
	int i = param(s, name, err);
	if (!i)
		return ANKER_DB;
	return bound(s, sqlite3_bind_double(s->stmt, i, v), err);
}

int store_bind_null(struct store_stmt *s, const char *name, struct anker_err *err)
{
	int i = param(s, name, err);
	if (!i)
		return ANKER_DB;
	return bound(s, sqlite3_bind_null(s->stmt, i), err);
}

int store_bind_count(struct store_stmt *s)
{
	return sqlite3_bind_parameter_count(s->stmt);
}

int store_bind_int_at(struct store_stmt *s, int i, int64_t v, struct anker_err *err)
{
	return bound(s, sqlite3_bind_int64(s->stmt, i, v), err);
}

int store_bind_text_at(struct store_stmt *s, int i, const char *v, struct anker_err *err)
{
	if (!v)
		return store_bind_null_at(s, i, err);
	return bound(s, sqlite3_bind_text64(s->stmt, i, v, strlen(v), SQLITE_TRANSIENT, SQLITE_UTF8),
	             err);
}

int store_bind_null_at(struct store_stmt *s, int i, struct anker_err *err)
{
	return bound(s, sqlite3_bind_null(s->stmt, i), err);
}

int store_step(struct store_stmt *s, struct anker_err *err)
{
	int rc = sqlite3_step(s->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_error(s->st, err, "query");
	sqlite3_reset(s->stmt);
	return -1;
}

const char *store_col_text(struct store_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->stmt, col);
	return t ? (const char *)t : "";
}

size_t store_col_bytes(struct store_stmt *s, int col)
{
	return (size_t)sqlite3_column_bytes(s->stmt, col);
}

const unsigned char *store_col_blob(struct store_stmt *s, int col)
{
	return sqlite3_column_blob(s->stmt, col);
}

int64_t store_col_int(struct store_stmt *s, int col)
{
	return sqlite3_column_int64(s->stmt, col);
}

double store_col_double(struct store_stmt *s, int col)
{
	return sqlite3_column_double(s->stmt, col);
}

bool store_col_null(struct store_stmt *s, int col)
{
	return sqlite3_column_type(s->stmt, col) == SQLITE_NULL;
}

void store_done(struct store_stmt *s)
{
	sqlite3_reset(s->stmt);
	sqlite3_clear_bindings(s->stmt);
}

int store_read_value(struct store *st, const char *table, const char *column, int64_t rowid,
                     char **out, size_t *len, struct anker_err *err)
{
	sqlite3_blob *b;
	if (sqlite3_blob_open(st->db, "main", table, column, rowid, 0, &b) != SQLITE_OK) {
		int code = sqlite3_errcode(st->db);
		if (code == SQLITE_ERROR && strstr(sqlite3_errmsg(st->db), "no such rowid"))
			return anker_err_set(err, ANKER_NOTFOUND, "no %s with id %lld", table,
			                     (long long)rowid);
		return db_error(st, err, "read");
	}
	int n = sqlite3_blob_bytes(b);
	char *buf = xmalloc((size_t)n + 1);
	if (n > 0 && sqlite3_blob_read(b, buf, n, 0) != SQLITE_OK) {
		free(buf);
		sqlite3_blob_close(b);
		return db_error(st, err, "read");
	}
	sqlite3_blob_close(b);
	buf[n] = '\0';
	*out = buf;
	*len = (size_t)n;
	return ANKER_OK;
}

int store_query_int(struct store *st, const char *sql, int64_t *out, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, sql, &s, err))
		return err ? err->status : ANKER_DB;
	int rc = store_step(s, err);
	*out = rc == 1 ? store_col_int(s, 0) : 0;
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int store_data_version(struct store *st, int64_t *out, struct anker_err *err)
{
	return store_query_int(st, "PRAGMA data_version", out, err);
}

int64_t store_last_rowid(struct store *st)
{
	return sqlite3_last_insert_rowid(st->db);
}

int store_changes(struct store *st)
{
	return sqlite3_changes(st->db);
}

/* ---------------------------------------------------------------------- */
/* Transactions */

/* SQLite rolls a whole transaction back by itself after some errors (a
 * full disk, an I/O error).  Until the callers have unwound their levels,
 * nothing may be begun or committed: a savepoint begun now would start a
 * transaction of its own, and its RELEASE would commit half an action. */
static int tx_lost(struct store *st, struct anker_err *err)
{
	if (st->depth == 0 || !sqlite3_get_autocommit(st->db))
		return ANKER_OK;
	return anker_err_set(err, ANKER_DB, "%s: the transaction begun at %s:%d was rolled back "
	                     "after an error; nothing was changed", st->path, st->tx_file,
	                     st->tx_line);
}

int store_begin_at(struct store *st, const char *file, int line, struct anker_err *err)
{
	char sql[32];
	if (st->readonly)
		return anker_err_set(err, ANKER_DB, "%s: opened read-only", st->path);
	if (tx_lost(st, err))
		return ANKER_DB;
	if (st->depth > 0) {
		/* Inner levels are savepoints: their rollback undoes only their
		 * own work (one file of a batch import), not the caller's. */
		snprintf(sql, sizeof sql, "SAVEPOINT s%d", st->depth);
		if (store_exec(st, sql, err))
			return store_failed(err);
		st->depth++;
		return ANKER_OK;
	}
	/* A write inside a read transaction would have to upgrade its
	 * snapshot, which fails with SQLITE_BUSY_SNAPSHOT whenever another
	 * process wrote meanwhile, and no waiting helps. */
	if (!sqlite3_get_autocommit(st->db))
		return anker_err_set(err, ANKER_DB, "internal: %s:%d: write begun inside a read "
		                     "transaction", file, line);
	/* IMMEDIATE takes the write lock now, so two processes never both
	 * read, then both try to upgrade and one fails with SQLITE_BUSY. */
	if (store_exec(st, "BEGIN IMMEDIATE", err))
		return store_failed(err);
	st->depth = 1;
	st->tx_file = file;
	st->tx_line = line;
	st->step = 0;
	st->step_action[0] = '\0';
	return ANKER_OK;
}

int store_begin_bulk_at(struct store *st, const char *file, int line, struct anker_err *err)
{
	if (st->depth > 0)
		return store_begin_at(st, file, line, err);
	/* SQLite decides where a transaction's journals go as it begins:
	 * temp_store MEMORY then, DEFAULT again at once (refused, harmlessly,
	 * while a temporary table is in use). */
	if (store_exec(st, "PRAGMA temp_store = MEMORY", err))
		return store_failed(err);
	int rc = store_begin_at(st, file, line, err);
	sqlite3_exec(st->db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
	return rc;
}

static int (*commit_hook)(struct store *st, struct anker_err *err);

void store_set_commit_hook(int (*fn)(struct store *st, struct anker_err *err))
{
	commit_hook = fn;
}

int store_commit(struct store *st, struct anker_err *err)
{
	char sql[32];
	if (st->depth <= 0)
		return anker_err_set(err, ANKER_DB, "internal: commit without begin");
	if (tx_lost(st, err)) {
		if (--st->depth == 0)
			st->nowait = false;
		return ANKER_DB;
	}
	if (st->depth > 1) {
		snprintf(sql, sizeof sql, "RELEASE s%d", --st->depth);
		return store_exec(st, sql, err);
	}
	struct anker_err local;
	if (commit_hook && commit_hook(st, err ? err : &local)) {
		store_rollback(st);
		return err ? err->status : ANKER_DB;
	}
	st->depth = 0;
	int rc = store_exec(st, "COMMIT", err);
	st->nowait = false;
	if (rc) {
		/* Where it began helps with anker's own errors, not with a full
		 * disk. */
		if (err && err->status == ANKER_DB)
			anker_err_prefix(err, "transaction begun at %s:%d", st->tx_file, st->tx_line);
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return store_failed(err);
	}
	return ANKER_OK;
}

void store_rollback(struct store *st)
{
	char sql[64];
	if (st->depth <= 0)
		return;
	if (tx_lost(st, NULL)) {
		if (--st->depth == 0)   /* SQLite has rolled it all back already */
			st->nowait = false;
		return;
	}
	if (--st->depth > 0) {
		snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d", st->depth, st->depth);
		store_exec(st, sql, NULL);
		return;
	}
	store_exec(st, "ROLLBACK", NULL);
	st->nowait = false;
}

int store_read_begin(struct store *st, struct anker_err *err)
{
	if (st->depth > 0)
		return ANKER_OK;   /* already inside a write transaction */
	return store_exec(st, "BEGIN DEFERRED", err);
}

void store_read_end(struct store *st)
{
	if (st->depth == 0 && !sqlite3_get_autocommit(st->db))
		store_exec(st, "COMMIT", NULL);
}

/* ---------------------------------------------------------------------- */
/* Open */

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
	sqlite3_busy_handler(st->db, busy_wait, st);
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
	if (st->db)
		sqlite3_close(st->db);
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
	/* A command that only reads reads the file through a mapping
	 * (SQLite's memory-mapped I/O; 2 GB at most, the rest as before): no
	 * copy of each page out of the kernel's cache, and no 8 MiB page cache
	 * of our own filled once and never read again.  `segments --code` on
	 * 1M segments: 30 -> 26 ms CPU, `search` 38 -> 30 ms, the rest alike.
	 * Writers keep read(2): an I/O error then is an error, not SIGBUS. */
	if (readonly && (rc = store_exec(st, "PRAGMA mmap_size = 2147418112", err)))
		return rc;
	if (!fi.writable) {
		st->readonly = true;
		return ANKER_OK;
	}
	if (!readonly && store_exec(st, "PRAGMA journal_mode = WAL", err))
		return store_failed(err);
	/* An older project is brought up to date even by a command that only
	 * reads: its queries need the current schema. */
	if (version < STORE_SCHEMA_VERSION && store_migrate(st, err))
		return store_failed(err);
	st->readonly = readonly;
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
	int rc = sqlite3_wal_checkpoint_v2(st->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return ANKER_OK;
	db_error(st, err, "checkpoint");
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
