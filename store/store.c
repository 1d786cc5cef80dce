/* store/store.c — open the project file, migrate, statements, transactions.
 *
 * The shape follows fossil's db.c: one statement wrapper, named parameters
 * that fail loudly, nested transactions that remember where they began,
 * every statement finalized on close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_int.h"

struct store_stmt {
	struct store *st;
	sqlite3_stmt *stmt;
	char *sql;                /* a copy of the SQL: the cache key */
	struct store_stmt *next;
};

struct store {
	sqlite3 *db;
	char *path;
	struct store_stmt *stmts;
	int depth;                /* transaction nesting */
	const char *tx_file;
	int tx_line;
	int64_t step;             /* log step of the open transaction, 0: none yet */
	char *actor;              /* coder named in the log; NULL: store_default_coder() */
	bool readonly;
};

static int db_error(struct store *st, struct anker_err *err, const char *what)
{
	int code = sqlite3_errcode(st->db);
	enum anker_status s = ANKER_DB;
	if (code == SQLITE_CONSTRAINT)
		s = ANKER_INPUT;
	return anker_err_set(err, s, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

const char *store_path(const struct store *st)
{
	return st->path;
}

/* ---------------------------------------------------------------------- */

int store_exec(struct store *st, const char *sql, struct anker_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		anker_err_set(err, ANKER_DB, "%s: %s", st->path, msg ? msg : "error");
		sqlite3_free(msg);
		return ANKER_DB;
	}
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

int store_begin_at(struct store *st, const char *file, int line, struct anker_err *err)
{
	char sql[32];
	if (st->readonly)
		return anker_err_set(err, ANKER_DB, "%s: opened read-only", st->path);
	if (st->depth > 0) {
		/* Inner levels are savepoints: their rollback undoes only their
		 * own work (one file of a batch import), not the caller's. */
		snprintf(sql, sizeof sql, "SAVEPOINT s%d", st->depth);
		if (store_exec(st, sql, err))
			return ANKER_DB;
		st->depth++;
		return ANKER_OK;
	}
	/* IMMEDIATE takes the write lock now, so two processes never both
	 * read, then both try to upgrade and one fails with SQLITE_BUSY. */
	if (store_exec(st, "BEGIN IMMEDIATE", err))
		return ANKER_DB;
	st->depth = 1;
	st->tx_file = file;
	st->tx_line = line;
	st->step = 0;
	return ANKER_OK;
}

int store_commit(struct store *st, struct anker_err *err)
{
	char sql[32];
	if (st->depth <= 0)
		return anker_err_set(err, ANKER_DB, "internal: commit without begin");
	if (--st->depth > 0) {
		snprintf(sql, sizeof sql, "RELEASE s%d", st->depth);
		return store_exec(st, sql, err);
	}
	if (store_exec(st, "COMMIT", err)) {
		anker_err_prefix(err, "transaction begun at %s:%d", st->tx_file, st->tx_line);
		store_exec(st, "ROLLBACK", NULL);
		return ANKER_DB;
	}
	return ANKER_OK;
}

void store_rollback(struct store *st)
{
	char sql[64];
	if (st->depth <= 0)
		return;
	if (--st->depth > 0) {
		snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d", st->depth, st->depth);
		store_exec(st, sql, NULL);
		return;
	}
	store_exec(st, "ROLLBACK", NULL);
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

static int check_header(const char *path, struct anker_err *err)
{
	/* Look at the bytes before SQLite does: a text file or a truncated
	 * project must be refused without SQLite creating a journal for it. */
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
	if (n < (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0)
		return anker_err_set(err, ANKER_INPUT, "%s: not an anker project (not a SQLite database)",
		                     path);
	uint32_t app = (uint32_t)hdr[68] << 24 | (uint32_t)hdr[69] << 16 |
	               (uint32_t)hdr[70] << 8 | hdr[71];
	if (app != STORE_APPLICATION_ID)
		return anker_err_set(err, ANKER_INPUT,
		                     "%s: not an anker project (a SQLite database of another program)",
		                     path);
	if (statok == 0 && sbuf.st_size % 512 != 0)
		return anker_err_set(err, ANKER_INPUT, "%s: project file is truncated or damaged", path);
	return ANKER_OK;
}

static int migrate(struct store *st, int from, struct anker_err *err)
{
	for (size_t i = 0; i < store_nmigrations; i++) {
		const struct store_migration *m = &store_migrations[i];
		if (m->version <= from)
			continue;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
		if (store_begin(st, err))
			return ANKER_DB;
		int rc = 0;
		for (const char *const *q = m->sql; *q && !rc; q++)
			rc = store_exec(st, *q, err);
		if (rc || store_exec(st, pragma, err)) {
			store_rollback(st);
			anker_err_prefix(err, "migrating to schema %d", m->version);
			return ANKER_DB;
		}
		if (store_commit(st, err))
			return ANKER_DB;
	}
	return ANKER_OK;
}

static int init_project(struct store *st, struct anker_err *err)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
	/* 16 KiB pages: documents are long rows, and fewer overflow pages make
	 * reading them (search, the TUI) markedly faster. */
	if (store_exec(st, "PRAGMA page_size = 16384", err) || store_exec(st, pragma, err) ||
	    store_exec(st, "PRAGMA journal_mode = WAL", err))
		return ANKER_DB;
	if (migrate(st, 0, err))
		return ANKER_DB;
	struct store_stmt *s;
	char guid[37], now[32];
	store_guid(guid);
	store_now(now);
	if (store_begin(st, err))
		return ANKER_DB;
	if (store_prepare(st, "INSERT INTO project(id, guid, created) VALUES (1, :guid, :now)", &s,
	                  err) ||
	    store_bind_text(s, ":guid", guid, err) || store_bind_text(s, ":now", now, err) ||
	    store_step(s, err) < 0) {
		store_rollback(st);
		return ANKER_DB;
	}
	store_done(s);
	return store_commit(st, err);
}

static int open_db(struct store *st, int flags, struct anker_err *err)
{
	if (sqlite3_open_v2(st->path, &st->db, flags, NULL) != SQLITE_OK) {
		anker_err_set(err, ANKER_IO, "%s: cannot open: %s", st->path,
		              st->db ? sqlite3_errmsg(st->db) : "out of memory");
		return ANKER_IO;
	}
	sqlite3_extended_result_codes(st->db, 0);
	sqlite3_busy_timeout(st->db, 10000);
	return store_exec(st, "PRAGMA foreign_keys = ON", err);
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

static int open_existing(struct store *st, bool readonly, struct anker_err *err)
{
	if (check_header(st->path, err))
		return err->status;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (open_db(st, flags, err))
		return err->status;
	int64_t version;
	if (store_query_int(st, "PRAGMA user_version", &version, err))
		return ANKER_DB;
	if (version > STORE_SCHEMA_VERSION)
		return anker_err_set(err, ANKER_INPUT,
		                     "%s: written by a newer anker (schema %lld; this anker knows up to %d); "
		                     "nothing was changed", st->path, (long long)version,
		                     STORE_SCHEMA_VERSION);
	if (readonly && version == STORE_SCHEMA_VERSION)
		return ANKER_OK;
	if (readonly) {
		/* An older project is brought up to date even by a command that
		 * only reads: its queries need the current schema. */
		close_db(st);
		if (open_db(st, SQLITE_OPEN_READWRITE, err))
			return err->status;
	}
	if (store_exec(st, "PRAGMA journal_mode = WAL", err))
		return ANKER_DB;
	st->readonly = false;
	int rc = migrate(st, (int)version, err);
	st->readonly = readonly;
	return rc;
}

int store_open(const char *path, enum store_open_mode mode, struct store **out,
               struct anker_err *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->readonly = mode == STORE_OPEN_READONLY;
	int rc;
	if (mode == STORE_OPEN_CREATE) {
		struct stat sbuf;
		if (stat(path, &sbuf) == 0) {
			rc = anker_err_set(err, ANKER_EXISTS, "%s: already exists", path);
		} else {
			rc = open_db(st, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
			if (!rc)
				rc = init_project(st, err);
			if (rc) {
				store_close(st);
				unlink(path);
				return rc;
			}
		}
	} else {
		rc = open_existing(st, mode == STORE_OPEN_READONLY, err);
	}
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return ANKER_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	while (st->depth > 0)
		store_rollback(st);
	close_db(st);
	free(st->actor);
	free(st->path);
	free(st);
}

int store_schema_version(struct store *st)
{
	int64_t v = 0;
	store_query_int(st, "PRAGMA user_version", &v, NULL);
	return (int)v;
}

/* ---------------------------------------------------------------------- */

void store_guid(char out[37])
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* No kernel randomness: fall back to time and pid, still
			 * unique enough for one machine. */
			srand((unsigned)time(NULL) ^ (unsigned)getpid());
			for (; got < sizeof b; got++)
				b[got] = (unsigned char)rand();
			break;
		}
		got += (size_t)n;
	}
	b[6] = (b[6] & 0x0f) | 0x40;   /* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
	snprintf(out, 37,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
	         b[12], b[13], b[14], b[15]);
}

void store_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *store_default_coder(void)
{
	const char *c = getenv("ANKER_CODER");
	if (c && *c)
		return c;
	c = getenv("USER");
	if (c && *c)
		return c;
	return "anker";
}

int store_coder_id(struct store *st, const char *name, int64_t *id, struct anker_err *err)
{
	struct store_stmt *s;
	if (!name)
		name = store_default_coder();
	if (store_prepare(st, "SELECT id FROM coder WHERE name = :name", &s, err) ||
	    store_bind_text(s, ":name", name, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	if (rc < 0)
		return ANKER_DB;
	if (rc == 1) {
		*id = store_col_int(s, 0);
		store_done(s);
		return ANKER_OK;
	}
	store_done(s);
	char guid[37];
	store_guid(guid);
	if (store_prepare(st, "INSERT INTO coder(guid, name) VALUES (:guid, :name)", &s, err) ||
	    store_bind_text(s, ":guid", guid, err) || store_bind_text(s, ":name", name, err) ||
	    store_step(s, err) < 0)
		return ANKER_DB;
	store_done(s);
	*id = store_last_rowid(st);
	return ANKER_OK;
}

int store_meta_get(struct store *st, const char *key, char **value, struct anker_err *err)
{
	struct store_stmt *s;
	*value = NULL;
	if (store_prepare(st, "SELECT value FROM meta WHERE key = :key", &s, err) ||
	    store_bind_text(s, ":key", key, err))
		return ANKER_DB;
	int rc = store_step(s, err);
	if (rc == 1)
		*value = xstrdup(store_col_text(s, 0));
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int store_meta_set(struct store *st, const char *key, const char *value, struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, "INSERT INTO meta(key, value) VALUES (:key, :value) "
	                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &s, err) ||
	    store_bind_text(s, ":key", key, err) || store_bind_text(s, ":value", value, err) ||
	    store_step(s, err) < 0)
		return ANKER_DB;
	store_done(s);
	return ANKER_OK;
}

void store_set_actor(struct store *st, const char *coder)
{
	if (coder == st->actor)
		return;
	free(st->actor);
	st->actor = coder ? xstrdup(coder) : NULL;
}

int store_log(struct store *st, const char *action, const char *entity, const char *guid,
              const char *before, const char *after, struct anker_err *err)
{
	struct store_stmt *s;
	char now[32];
	if (st->depth <= 0)
		return anker_err_set(err, ANKER_DB, "internal: store_log outside a transaction");
	if (st->step == 0 &&
	    store_query_int(st, "SELECT COALESCE(MAX(step), 0) + 1 FROM log", &st->step, err))
		return ANKER_DB;
	store_now(now);
	if (store_prepare(st, "INSERT INTO log(step, time, coder, action, entity, guid, before, after) "
	                      "VALUES (:step, :time, :coder, :action, :entity, :guid, :before, :after)",
	                  &s, err) ||
	    store_bind_int(s, ":step", st->step, err) || store_bind_text(s, ":time", now, err) ||
	    store_bind_text(s, ":coder", st->actor ? st->actor : store_default_coder(), err) ||
	    store_bind_text(s, ":action", action, err) || store_bind_text(s, ":entity", entity, err) ||
	    store_bind_text(s, ":guid", guid, err) || store_bind_text(s, ":before", before, err) ||
	    store_bind_text(s, ":after", after, err) || store_step(s, err) < 0)
		return ANKER_DB;
	store_done(s);
	return ANKER_OK;
}
