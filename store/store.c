/* store/store.c — errors, waiting for other writers, statements, transactions.
 *
 * The shape follows fossil's db.c: one statement wrapper, named parameters
 * that fail loudly, nested transactions that remember where they began,
 * every statement finalized on close.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

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

int store_db_error(struct store *st, struct anker_err *err, const char *what)
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

int store_busy_wait(void *arg, int count)
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

/* A project is read through SQLite's memory map until the first write
 * (store/open.c): no copy of each page out of the kernel's cache, and no
 * page cache of our own filled once and never read again.  Writes, and
 * the fold of FILE-wal at close, go through write(2) as they always did:
 * SQLite would first extend the file to the size it maps (ftruncate), and
 * on a full tmpfs a page of such a hole is a SIGBUS, not an error.
 *
 * Only the first 32 MiB are mapped, the rest is read as without a map:
 * every page touched through the map stays resident until exit, so a map
 * of the whole file (2 GB at most, as before) made a search over 1 GB of
 * text peak at 1.1 GB RSS, 19 MB unmapped.  With the cap a scan peaks at
 * about 32 MB more than unmapped, under the 64 MB goals (issue 18); a
 * project of up to 32 MiB is mapped whole, and on a bigger one the map
 * still holds the schema and the first pages every command opens with. */
void store_map(struct store *st, bool on)
{
	if (st->mapped == on)
		return;
	sqlite3_exec(st->db, on ? "PRAGMA main.mmap_size = 33554432" : "PRAGMA main.mmap_size = 0",
	             NULL, NULL, NULL);
	st->mapped = on;
}

int store_exec(struct store *st, const char *sql, struct anker_err *err)
{
	/* outside a transaction: BEGIN IMMEDIATE, VACUUM, PRAGMAs, writes */
	if (st->mapped && sqlite3_get_autocommit(st->db))
		store_map(st, false);
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(st, err, NULL);
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
		return store_db_error(st, err, "prepare");
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
		return store_db_error(s->st, err, "bind");
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
	/* a write of its own (store_run outside store_begin) */
	if (s->st->mapped && !sqlite3_stmt_busy(s->stmt) && !sqlite3_stmt_readonly(s->stmt) &&
	    sqlite3_get_autocommit(s->st->db))
		store_map(s->st, false);
	int rc = sqlite3_step(s->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_db_error(s->st, err, "query");
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
		return store_db_error(st, err, "read");
	}
	int n = sqlite3_blob_bytes(b);
	char *buf = xmalloc((size_t)n + 1);
	if (n > 0 && sqlite3_blob_read(b, buf, n, 0) != SQLITE_OK) {
		free(buf);
		sqlite3_blob_close(b);
		return store_db_error(st, err, "read");
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
	/* (not store_exec: a read keeps the map) */
	if (sqlite3_exec(st->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(st, err, NULL);
	return ANKER_OK;
}

void store_read_end(struct store *st)
{
	if (st->depth == 0 && !sqlite3_get_autocommit(st->db))
		store_exec(st, "COMMIT", NULL);
}
