/* store/store.h — the project file, and the base every module stands on.
 *
 * Two things live here because everything else needs them:
 *   - errors (struct anker_err) and growable buffers (struct strbuf);
 *   - the SQLite project file: open, schema and migrations, one statement
 *     wrapper with named parameters, nested transactions, GUIDs.
 *
 * Nothing in store/ prints or exits: every failure is returned as a status
 * and a message in the caller's struct anker_err.  The one place that
 * reports is cli/ (or the TUI's status line).
 */
#ifndef ANKER_STORE_H
#define ANKER_STORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------- */
/* Status codes: each with its process exit status and a short name.      */

#define ANKER_STATUS(_)                                         \
	_(OK,       0, "ok")                                    \
	_(INPUT,    1, "bad input")                             \
	_(NOTFOUND, 1, "not found")                             \
	_(EXISTS,   1, "already exists")                        \
	_(CONFLICT, 1, "conflict")                              \
	_(USAGE,    2, "usage")                                 \
	_(DB,       3, "database error")                        \
	_(IO,       3, "i/o error")                             \
	_(NOMEM,    3, "out of memory")                         \
	_(CANCELLED, 1, "cancelled")

enum anker_status {
#define ANKER_STATUS_ENUM(name, exit, text) ANKER_##name,
	ANKER_STATUS(ANKER_STATUS_ENUM)
#undef ANKER_STATUS_ENUM
};

struct anker_err {
	enum anker_status status;
	char msg[1024];
};

/* Set err (if not NULL) and return its status, so callers can write
 * `return anker_err_set(err, ANKER_INPUT, "...")`. */
int anker_err_set(struct anker_err *err, enum anker_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Put "PREFIX: " in front of an existing message (e.g. the file name). */
void anker_err_prefix(struct anker_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void anker_err_clear(struct anker_err *err);
int anker_status_exit(enum anker_status st);
const char *anker_status_name(enum anker_status st);

/* ---------------------------------------------------------------------- */
/* Buffers.  A zeroed struct strbuf is an empty buffer; buf is always
 * NUL-terminated once anything was added.  Allocation failure aborts the
 * process with a message (the only exit outside cli/): a QDA tool that ran
 * out of memory has nothing sensible left to do, and every write is inside
 * a transaction that SQLite rolls back. */

struct strbuf {
	char *buf;
	size_t len, cap;
};

void sb_add(struct strbuf *sb, const char *s, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);
/* Hand the buffer to the caller (never NULL) and reset sb. */
char *sb_steal(struct strbuf *sb);
const char *sb_str(const struct strbuf *sb);  /* "" when empty */
/* Append s as a JSON string literal, quotes included: '"', '\\', LF, TAB
 * and CR as their short escapes, other control characters and DEL as
 * \u00XX, every other byte as it is (invalid UTF-8 too). */
void sb_add_json(struct strbuf *sb, const char *s, size_t len);

/* Writing JSON (store/json.c): a writer over a strbuf that places the
 * commas itself, so that no caller pastes "\"key\": " by hand.
 *
 *     struct json_w w = { .out = &sb };
 *     json_obj_begin(&w);
 *     json_key(&w, "name");  json_str(&w, name);
 *     json_key(&w, "chars"); json_int(&w, n);
 *     json_obj_end(&w);                    // {"name": "…", "chars": 12}
 *
 * The layout is anker's one JSON style: ", " between items, ": " after a
 * key, no other white space unless json_break asks for it (compact: "," and
 * ":", for JSON the project keeps and nobody reads).  In an object
 * every value follows a json_key; the writer does not check that, nor that
 * begins and ends pair up (nesting up to 64 levels).  Strings are escaped
 * by sb_add_json. */
struct json_w {
	struct strbuf *out;
	const char *brk;     /* json_break: white space before the next item or bracket */
	unsigned depth;
	uint64_t items;      /* bit d: the container at depth d has an item already */
	bool keyed;          /* a key was written: its value comes next, no comma */
	bool compact;        /* no space after a comma or colon: JSON kept in the
	                      * project, not shown (a document's turns) */
};
void json_obj_begin(struct json_w *w);
void json_obj_end(struct json_w *w);
void json_arr_begin(struct json_w *w);
void json_arr_end(struct json_w *w);
void json_key(struct json_w *w, const char *key);
void json_str(struct json_w *w, const char *s);               /* NULL: null */
void json_strn(struct json_w *w, const char *s, size_t len);  /* len bytes of s */
void json_int(struct json_w *w, int64_t v);
/* The shortest of %.15g, %.16g, %.17g that reads back as v (a decimal
 * point: LC_NUMERIC stays "C"); NaN and infinities, which JSON lacks: null. */
void json_double(struct json_w *w, double v);
void json_bool(struct json_w *w, bool v);
void json_null(struct json_w *w);
/* A value that is JSON already (a number kept as text, a nested document). */
void json_raw(struct json_w *w, const char *json);
/* White space written instead of the default before the next item, or
 * before the closing bracket when none follows: json_break(w, "\n  ")
 * puts the next item on a line of its own, the comma staying behind. */
void json_break(struct json_w *w, const char *ws);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Read a whole file into a NUL-terminated buffer the caller frees. */
int anker_read_file(const char *path, char **out, size_t *len, struct anker_err *err);
/* Write a whole file atomically (temp file + rename). */
int anker_write_file(const char *path, const char *data, size_t len, struct anker_err *err);
/* The same written in parts, so that a large output need not be held:
 * anker_afile_open makes PATH.tmp.PID, anker_afile_write appends (the
 * first error is kept, later writes do nothing), anker_afile_commit
 * syncs it and renames it to PATH (reporting a kept error instead, the
 * temp file removed), anker_afile_abort removes it.  Either commit or
 * abort ends it: PATH is then whole or as it was. */
struct anker_afile {
	char *path, *tmp;
	int fd;
	int error;      /* errno of the first failed write, 0 */
};
int anker_afile_open(struct anker_afile *f, const char *path, struct anker_err *err);
void anker_afile_write(struct anker_afile *f, const char *data, size_t len);
int anker_afile_commit(struct anker_afile *f, struct anker_err *err);
void anker_afile_abort(struct anker_afile *f);

/* Natural order of code numbers: "2.9" < "2.10" < "2.10.1"; "" last. */
int anker_numcmp(const char *a, const char *b);

/* A number written as people and spreadsheets write it: an optional sign,
 * digits with an optional decimal point (".5", "2." and "0.0" too), an
 * optional exponent ("1e3", "1.5E-2"); with decimal_comma a comma may
 * stand for the point.  Nothing else: no blanks, hex, inf, nan, thousands
 * separators, or over 1000 characters.  Read the same whatever the locale
 * (LC_NUMERIC).  False for anything else or a value out of range; v is set
 * only on true. */
bool anker_parse_number(const char *s, size_t len, bool decimal_comma, double *v);
/* The color ("#rrggbb") of the index-th (0-based) subcode of a code
 * colored parent: a shade of the parent's hue, siblings clearly apart
 * (store/color.c; the schema 5 migration uses it too).  A parent that is
 * not "#rrggbb" gives gray. */
void store_color_child(const char *parent, size_t index, char out[8]);

/* A map from strings (len bytes, NULs allowed) to indices, for lookups by
 * number, path or label inside loops over thousands of rows, which a
 * linear scan makes quadratic.  Keys are not copied: they must stay where
 * they are while the map is used.  A zeroed struct is an empty map.
 * anker_map_put: false (and the first value kept) when key is there
 * already.  anker_map_get: the value, SIZE_MAX when key is not there. */
struct anker_map {
	struct anker_map_slot {
		const char *key;
		size_t len, value;
	} *slots;
	size_t cap, n;
};
bool anker_map_put(struct anker_map *m, const char *key, size_t len, size_t value);
size_t anker_map_get(const struct anker_map *m, const char *key, size_t len);
void anker_map_free(struct anker_map *m);

/* ---------------------------------------------------------------------- */
/* The project file. */

/* Schema version this build writes.  Older files are migrated on open;
 * newer files are refused. */
#define STORE_SCHEMA_VERSION 20

struct store;
struct store_stmt;

enum store_open_mode {
	STORE_OPEN_EXISTING,    /* refuse when the file does not exist */
	STORE_OPEN_CREATE,      /* create; refuse when it exists already */
	STORE_OPEN_READONLY,    /* existing, never written (no migration) */
};

/* Open a project.  A file that is not an anker project, one written by a
 * newer anker, or a truncated one, is refused (ANKER_INPUT) with a message
 * and left untouched.  (A file shorter than its header says, even by part
 * of a page, is not truncated when a FILE-wal with frames is beside it: a
 * checkpoint was cut short, and SQLite reads the rest from FILE-wal.)  A project the process may not write (the file, its
 * directory or its -wal/-shm files read-only) opens with READONLY, leaving
 * nothing beside it, and is refused with EXISTING (ANKER_IO, "read-only").
 * CREATE builds the file under a temporary name and links it into place
 * complete.  An older project is migrated, in one transaction, even by
 * READONLY.  Later, SQLite's errors about the file come back as ANKER_IO
 * ("disk full", "file too large", "read-only"), ANKER_INPUT ("damaged")
 * or ANKER_DB (locked longer than store_wait_limit()). */
int store_open(const char *path, enum store_open_mode mode, struct store **out,
               struct anker_err *err);
void store_close(struct store *st);
/* A private in-memory database without schema, for SQL over values that
 * belong to no project (SQLite's JSON functions over a JSON text, where
 * no project is open).  Close it with store_close. */
int store_open_memory(struct store **out, struct anker_err *err);
/* store_close, saying whether the committed changes could be folded from
 * FILE-wal into the file (SQLite's checkpoint, which sqlite3_close does
 * without a word).  When not (a full disk, ulimit -f): ANKER_IO with the
 * reason in err ("disk full", "file too large"), and nothing is lost: the
 * changes stay in FILE-wal, which every later open reads, and the next
 * close tries again.  A warning, not a failure of the command. */
int store_finish(struct store *st, struct anker_err *err);

/* New files appear whole or not at all (init, blind copies): built under
 * a temporary name beside path and put in place once complete and closed,
 * so that a kill or a full disk never leaves a half-made file that a
 * retry would refuse as existing.
 * store_new_name: the temporary name for path into tmp (path.new-PID),
 * with any leftovers of an earlier run under that name removed.
 * store_link_new: put tmp in place as path, never over an existing file
 * (ANKER_EXISTS); link(2), or rename(2) where the file system has no hard
 * links.  ANKER_IO when tmp-wal still holds changes (its close could not
 * fold them in: a full disk).  tmp stays; the caller removes it.
 * store_remove_files: remove FILE and what SQLite keeps beside it (-wal,
 * -shm, -journal). */
void store_new_name(struct strbuf *tmp, const char *path);
int store_link_new(const char *tmp, const char *path, struct anker_err *err);
void store_remove_files(const char *path);
const char *store_path(const struct store *st);
/* Opened with STORE_OPEN_READONLY (or a file that cannot be written). */
bool store_readonly(const struct store *st);
int store_schema_version(struct store *st);

/* Waiting for another process that writes the project: anker waits (and
 * never reports "database is locked") up to store_wait_limit() seconds,
 * $ANKER_WAIT or 600; after a second of waiting it calls fn(path, arg)
 * once per wait, so that the one place that reports can say why nothing
 * happens.  Process-wide; NULL: nothing is said. */
void store_set_wait_notify(void (*fn)(const char *path, void *arg), void *arg);

/* Progress of long operations (import of many files, qdpx export and
 * import, merge, agree, cooc).  A module calls store_progress with the
 * units done so far out of total (0: unknown) as it goes, at least once
 * at the start (done 0) and as often as it likes (the drawing throttles);
 * `what` names the operation ("import", "merge").  The reporter set by
 * store_set_progress draws (the CLI's bar on a terminal, the TUI's status
 * line) and returns true to cancel.  store_progress then returns
 * ANKER_CANCELLED with err set ("cancelled"), and the module returns it
 * at once through its error path, so its transaction rolls back and the
 * project stays as it was.  Process-wide, like the wait notice; NULL: no
 * reporter, store_progress returns ANKER_OK.
 *
 * A test hook makes cancelling deterministic: with ANKER_CANCEL_AT=N in
 * the environment, the call whose done reaches N cancels, reporter or
 * not. */
typedef bool (*store_progress_fn)(void *arg, const char *what, uint64_t done, uint64_t total);
void store_set_progress(store_progress_fn fn, void *arg);
int store_progress(const char *what, uint64_t done, uint64_t total, struct anker_err *err);
double store_wait_limit(void);

/* Transactions nest: the outermost is a transaction (BEGIN IMMEDIATE),
 * inner ones are savepoints, so an inner rollback undoes only the inner
 * work and the caller may go on (a batch import keeps the files that
 * worked) and commit once.  store_begin records file and line for
 * messages.  Log entries written in one outermost transaction share a
 * step: one user action, one undo.  When SQLite rolled the whole
 * transaction back by itself (a full disk), every further begin and commit
 * fails until the callers have rolled back their levels. */
#define store_begin(st, err) store_begin_at((st), __FILE__, __LINE__, (err))
int store_begin_at(struct store *st, const char *file, int line, struct anker_err *err);
/* store_begin for a batch of many statements (an import of many files,
 * each a savepoint): their statement and savepoint journals (a copy of
 * each page a statement or a file changes, for its rollback) stay in
 * memory, not in a temporary file.  With 16 KiB pages nearly every one
 * outgrew SQLite's 64 KiB limit for memory: a 100 MB import wrote 650 MB
 * to /var/tmp, a third of its CPU time in the kernel.  (Raising that
 * limit process-wide, SQLITE_CONFIG_STMTJRNL_SPILL, made SQLite 3.40 fail
 * a 60,000-code codebook import with SQLITE_FULL as a journal moved from
 * memory to its file.) */
#define store_begin_bulk(st, err) store_begin_bulk_at((st), __FILE__, __LINE__, (err))
int store_begin_bulk_at(struct store *st, const char *file, int line, struct anker_err *err);
int store_commit(struct store *st, struct anker_err *err);
void store_rollback(struct store *st);
/* A write of data derived from the project (analysis/'s kept
 * co-occurrence matrices), best effort: an outermost transaction like
 * store_begin's, writing no log step, allowed on a store opened READONLY
 * whose file can be written (the user's data stays untouched), and
 * waiting for no other writer (ANKER_DB at once when one holds the lock).
 * store_commit or store_rollback ends it. */
int store_begin_cache(struct store *st, struct anker_err *err);

/* Results kept in the project (store/kept.c): co-occurrence matrices
 * (analysis/, schema 10: cooc_cache) and agreement counts (team/, schema
 * 13: agree_cache).  Why they cannot go stale: the triggers count the
 * changes of what they depend on (segments, the code tree, the documents
 * and their texts) in cooc_state.gen, but only while cooc_state.armed.
 * A result is counted after store_kept_arm, with the gen and armed that
 * store_kept_state read before the counting read the project, and kept
 * only when it was armed then and gen has not moved since; so every kept
 * result is that of the project as it is.  A result kept at an older gen
 * is stale; while armed the triggers journal the segments changed (schema
 * 14, store_kept_changes), so that a reader can catch it up by counting
 * again only the documents changed, and keep it at the new gen.
 * wanted: unless no_cache or $ANKER_NO_CACHE (set, not "0") says not to
 * (also for the boundaries kept by anchor/boundaries_cache.c).
 * arm: before a counting that may be kept (best effort, a write only
 * when disarmed).  add: v as 8 bytes little-endian (keys and values);
 * at: the i-th such int64 of p; hash: a key's, for the lookup. */
bool store_kept_wanted(bool no_cache);
void store_kept_arm(struct store *st);
/* The same for the state of the boundaries kept (schema 12: bounds_state;
 * anchor/boundaries_cache.c) when bounds, else cooc_state. */
void store_kept_arm_state(struct store *st, bool bounds);
int store_kept_state(struct store *st, int64_t *gen, int64_t *armed, struct anker_err *err);
void store_kept_add(struct strbuf *sb, int64_t v);
int64_t store_kept_at(const unsigned char *p, size_t i);
int64_t store_kept_hash(const struct strbuf *key);
/* The table kept (schema 13), for results of any module: get, inside the
 * read transaction of the counting it saves, the value kept for key into
 * value and the gen it was kept at into *from (-1, value untouched: none
 * kept): store_kept_state's gen is a hit, an older one can be caught up
 * (store_kept_changes).  put: after it, keeps value for key when armed
 * and gen is still the counter's, in place of the one kept before (best
 * effort: errors leave the table as it was; at most 64 results, 16 MB,
 * the oldest go first). */
int store_kept_get(struct store *st, const struct strbuf *key, struct strbuf *value,
                   int64_t *from, struct anker_err *err);
void store_kept_put(struct store *st, const struct strbuf *key, int64_t gen, int64_t armed,
                    const struct strbuf *value);
/* The segments changed since a result kept at gen from (schema 15's
 * journal), inside the read transaction of its catching up: *covered
 * false when the journal does not hold every change since (disarmed
 * since, or from older than the journal; *out empty), else *out (the
 * caller's to free) the segments inserted (sign 1) and deleted (-1), by
 * document, in the order they changed.
 * trim: inside a store_begin_cache transaction that kept results at the
 * current gen, drops the journal rows no kept result still needs. */
struct store_kept_change {
	int64_t doc, start, end, code, coder;
	int sign;
};
int store_kept_changes(struct store *st, int64_t from, struct store_kept_change **out, size_t *n,
                       bool *covered, struct anker_err *err);
int store_kept_trim(struct store *st, struct anker_err *err);
/* A function run at the end of every outermost write transaction, inside
 * it, just before its COMMIT: for a module that keeps data derived from
 * the project current with each change (anchor/'s suggestion model), which
 * store/ knows nothing of.  Its error fails the commit (rolled back).
 * Process-wide; NULL: none. */
void store_set_commit_hook(int (*fn)(struct store *st, struct anker_err *err));

/* A read transaction: every query until store_read_end sees the same
 * state of the file (a report never mixes before and after another
 * process's write), and SQLite keeps its lock and page cache instead of
 * re-checking the file for each statement.  Allowed on read-only stores;
 * not nested with store_begin. */
int store_read_begin(struct store *st, struct anker_err *err);
void store_read_end(struct store *st);

/* Statements.  SQL uses named parameters (":name").  Binding a name the
 * statement does not have is an error (caught at once, not as a NULL).
 * Statements are cached per store by SQL text, so preparing the same SQL in
 * a loop costs a lookup; store_done() resets one for reuse. */
int store_prepare(struct store *st, const char *sql, struct store_stmt **out,
                  struct anker_err *err);
int store_bind_text(struct store_stmt *s, const char *name, const char *v, struct anker_err *err);
int store_bind_textn(struct store_stmt *s, const char *name, const char *v, size_t len,
                     struct anker_err *err);
int store_bind_int(struct store_stmt *s, const char *name, int64_t v, struct anker_err *err);
int store_bind_double(struct store_stmt *s, const char *name, double v, struct anker_err *err);
int store_bind_null(struct store_stmt *s, const char *name, struct anker_err *err);
/* Bytes, not text (the suggestion model's packed unit index). */
int store_bind_blob(struct store_stmt *s, const char *name, const void *v, size_t len,
                    struct anker_err *err);
/* Positional parameters ("?", numbered from 1), for statements that
 * insert many rows at once (VALUES (?, ?), (?, ?), ...: one step for a
 * batch of rows, no name looked up per value).  Only for such bulk
 * inserts; the caller binds every parameter (store_bind_count says how
 * many the statement has). */
int store_bind_count(struct store_stmt *s);
int store_bind_int_at(struct store_stmt *s, int i, int64_t v, struct anker_err *err);
int store_bind_text_at(struct store_stmt *s, int i, const char *v, struct anker_err *err);
int store_bind_null_at(struct store_stmt *s, int i, struct anker_err *err);
/* 1 = a row, 0 = done, -1 = error (err set). */
int store_step(struct store_stmt *s, struct anker_err *err);
const char *store_col_text(struct store_stmt *s, int col);   /* "" for NULL */
size_t store_col_bytes(struct store_stmt *s, int col);
/* A BLOB column's bytes (store_col_bytes of them; NULL when empty), valid
 * until the next step or store_done. */
const unsigned char *store_col_blob(struct store_stmt *s, int col);
int64_t store_col_int(struct store_stmt *s, int col);
double store_col_double(struct store_stmt *s, int col);
bool store_col_null(struct store_stmt *s, int col);
/* Reset and clear bindings; the statement stays cached. */
void store_done(struct store_stmt *s);

/* Rows handed over a group at a time, without a step and a column fetch
 * per row (for a million rows, half of what reading them costs).  s is a
 * query with GROUP BY whose result columns include the aggregate
 * anker_rows(x1, ..., xk), k integer expressions (1 <= k <= 8, the same k
 * in every group): for each result row, fn gets the statement (its other
 * columns readable with store_col_*) and the group's rows, k values each,
 * in the order SQLite took them.  fn returns ANKER_OK, or an error status
 * with err set, which stops the query and is returned.  Ends with
 * store_done(s). */
typedef int (*store_group_fn)(void *arg, struct store_stmt *s, const int64_t *v, size_t nrows,
                              struct anker_err *err);
int store_each_group(struct store_stmt *s, store_group_fn fn, void *arg, struct anker_err *err);

/* The whole value of one column of one row (TEXT or BLOB), read straight
 * into a new NUL-terminated buffer (incremental BLOB I/O: no copy in
 * SQLite's page cache first, which matters for 10 MB documents).
 * ANKER_NOTFOUND when the row does not exist. */
int store_read_value(struct store *st, const char *table, const char *column, int64_t rowid,
                     char **out, size_t *len, struct anker_err *err);

/* One-line queries (after fossil's db_int, db_text, db_exists and
 * db_multi_exec): prepare, bind, step, read, store_done in one call, for a
 * query that answers with one value or a statement that returns nothing:
 *
 *   store_get_int(st, &id, err, "SELECT id FROM coder WHERE name = :name",
 *                 STORE_TEXT(":name", name));
 *   store_run(st, err, "DELETE FROM memo WHERE id = :id", STORE_INT(":id", id));
 *
 * The SQL comes first, then its parameters as typed pairs:
 *   STORE_INT(":n", v)        an integer (int64_t)
 *   STORE_DOUBLE(":n", v)     a double
 *   STORE_TEXT(":n", s)       a NUL-terminated string, copied; NULL binds NULL
 *   STORE_TEXTN(":n", s, len) len bytes of s (may hold NULs), copied
 *   STORE_BLOB(":n", p, len)  len bytes at p as a BLOB, copied
 *   STORE_NULL(":n")          NULL
 * A pair is a value of type struct store_arg, so a choice is an ordinary
 * expression: `parent ? STORE_INT(":parent", parent) : STORE_NULL(":parent")`.
 * The macros append the end of the list themselves, so it cannot be left
 * off.  A bare value in place of a pair (":id", id) does not compile; a
 * value of the wrong kind (STORE_INT with a string) draws a warning.  The
 * names are checked when the statement runs, before it is stepped: a name
 * the SQL does not have, one given twice, and one the SQL has but that was
 * not given all fail with ANKER_DB and "internal: ..." naming the
 * parameter and the SQL (never a silent NULL).
 *
 * Each returns ANKER_OK, or on an error the status with err set the way
 * the statement wrapper sets it (SQL that does not prepare: ANKER_DB with
 * SQLite's message; a constraint: ANKER_INPUT; a full disk: ANKER_IO; see
 * store_open).  The statement is cached like store_prepare's and is reset
 * before returning, so it holds no lock. */

/* The pairs.  bind is first so that a bare string or number in the list
 * does not convert to a pair; a zeroed pair (bind NULL) ends the list. */
struct store_arg {
	int (*bind)(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
	const char *name;
	int64_t i;
	double d;
	const char *text;
	size_t len;
};
#define STORE_INT(n, v)      ((struct store_arg){ .bind = store_arg_int, .name = (n), .i = (v) })
#define STORE_DOUBLE(n, v)   ((struct store_arg){ .bind = store_arg_double, .name = (n), .d = (v) })
#define STORE_TEXT(n, s)     ((struct store_arg){ .bind = store_arg_text, .name = (n), .text = (s) })
#define STORE_TEXTN(n, s, l) ((struct store_arg){ .bind = store_arg_textn, .name = (n), \
                                                  .text = (s), .len = (l) })
#define STORE_BLOB(n, p, l)  ((struct store_arg){ .bind = store_arg_blob, .name = (n), \
                                                  .text = (p), .len = (l) })
#define STORE_NULL(n)        ((struct store_arg){ .bind = store_arg_null, .name = (n) })
/* The binders the pairs name; call the STORE_ macros instead. */
int store_arg_int(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
int store_arg_double(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
int store_arg_text(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
int store_arg_textn(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
int store_arg_blob(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
int store_arg_null(struct store_stmt *s, const struct store_arg *a, struct anker_err *err);
/* SQL, pairs... → SQL, the pairs as an array ending with a zeroed pair,
 * the arguments of the _args functions below (a wrapper of one's own
 * passes its list on with it, as store/row.c's taken_by does).  The SQL is
 * split off through the list so that a query without parameters needs no
 * empty argument (which C11 does not allow). */
#define STORE_ARGS_(...) STORE_SQL_(__VA_ARGS__, 0), STORE_LIST_(__VA_ARGS__, STORE_END_)
#define STORE_SQL_(sql, ...) (sql)
#define STORE_LIST_(sql, ...) ((const struct store_arg[]){ __VA_ARGS__ })
#define STORE_END_ ((struct store_arg){ .bind = NULL })

#define store_get_int(st, out, err, ...) \
	store_get_int_args((st), (out), (err), STORE_ARGS_(__VA_ARGS__))
#define store_get_text(st, out, err, ...) \
	store_get_text_args((st), (out), (err), STORE_ARGS_(__VA_ARGS__))
#define store_exists(st, out, err, ...) \
	store_exists_args((st), (out), (err), STORE_ARGS_(__VA_ARGS__))
#define store_run(st, err, ...) \
	store_run_args((st), (err), STORE_ARGS_(__VA_ARGS__))
#define store_get_texts(st, out, n, err, ...) \
	store_get_texts_args((st), (out), (n), (err), STORE_ARGS_(__VA_ARGS__))

/* store_get_int: column 0 of the first row into *out (SQL NULL reads as 0).
 * store_get_text: column 0 of the first row into out, which is reset first
 * and then holds the value's bytes (SQL NULL: empty), out->buf not NULL.
 * Both: ANKER_NOTFOUND when there is no row, with *out and err left as
 * they were, because only the caller can say what was not found; SQL that
 * returns no column is an internal error (ANKER_DB). */
int store_get_int_args(struct store *st, int64_t *out, struct anker_err *err, const char *sql,
                       const struct store_arg *args);
int store_get_text_args(struct store *st, struct strbuf *out, struct anker_err *err,
                        const char *sql, const struct store_arg *args);
/* Whether the query returns a row: *out true or false, ANKER_OK. */
int store_exists_args(struct store *st, bool *out, struct anker_err *err, const char *sql,
                      const struct store_arg *args);
/* Column 0 of every row as a NUL-terminated copy (SQL NULL: empty), *n
 * of them in *out (NULL when none); store_texts_free frees.  On an error
 * *out is NULL and *n 0. */
int store_get_texts_args(struct store *st, char ***out, size_t *n, struct anker_err *err,
                         const char *sql, const struct store_arg *args);
void store_texts_free(char **v, size_t n);
/* Run one statement to its end; rows it returns are ignored.
 * store_changes() tells afterwards how many rows it changed. */
int store_run_args(struct store *st, struct anker_err *err, const char *sql,
                   const struct store_arg *args);

/* Run SQL without parameters or results (schema, pragmas). */
int store_exec(struct store *st, const char *sql, struct anker_err *err);
/* One-shot helpers for a single integer result (e.g. COUNT). */
int store_query_int(struct store *st, const char *sql, int64_t *out, struct anker_err *err);
int64_t store_last_rowid(struct store *st);
/* SQLite's PRAGMA data_version: it changes when another connection (another
 * process) commits to the file, never for this store's own writes.  A view
 * that polls it knows when to load again. */
int store_data_version(struct store *st, int64_t *out, struct anker_err *err);
int store_changes(struct store *st);

/* A random (version 4) GUID, lowercase, 36 characters plus NUL. */
void store_guid(char out[37]);
/* Current time as ISO 8601 UTC ("2026-11-23T01:45:43Z"). */
void store_now(char out[32]);

/* The acting coder: name from $ANKER_CODER, else $USER, else "anker";
 * created on first use.  Returns its row id. */
int store_coder_id(struct store *st, const char *name, int64_t *id, struct anker_err *err);
const char *store_default_coder(void);

/* Project metadata (key → value), e.g. "title", "codebook_preamble". */
int store_meta_get(struct store *st, const char *key, char **value, struct anker_err *err);
int store_meta_set(struct store *st, const char *key, const char *value, struct anker_err *err);

/* Settings of one coder kept in the project (key → value), e.g. where the
 * TUI was left: not logged, never undone, not part of any export.  get
 * sets *value to a new string, or NULL when the key is not set. */
int store_coder_get(struct store *st, const char *coder, const char *key, char **value,
                    struct anker_err *err);
int store_coder_set(struct store *st, const char *coder, const char *key, const char *value,
                    struct anker_err *err);

/* ---------------------------------------------------------------------- */
/* Rows as JSON (store/row.c), undo and redo (store/log.c, store/undo.c).
 *
 * Entities: "document", "code", "segment", "memo", "coder", each found by
 * GUID.  store_row_json captures the whole row with what hangs on it (a
 * code's anchors and notes; a segment's reviews and memos; a document's
 * variables and turns), foreign keys written as GUIDs, so that
 * store_row_apply can put it back exactly.  Every change is logged with
 * store_log: before = the row before (NULL for an insert), after = the row
 * after (NULL for a delete).  Undo walks a step's entries backwards and
 * restores before (deleting inserted rows); redo walks forwards. */
int store_row_json(struct store *st, const char *entity, const char *guid, struct strbuf *out,
                   struct anker_err *err);
/* The row without what an edit of its head leaves alone: a document
 * without its text and turns (so that a rename does not log the text
 * twice); any other entity whole.  store_row_apply takes either. */
int store_row_json_head(struct store *st, const char *entity, const char *guid,
                        struct strbuf *out, struct anker_err *err);
int store_row_apply(struct store *st, const char *entity, const char *json,
                    struct anker_err *err);
int store_row_delete(struct store *st, const char *entity, const char *guid,
                     struct anker_err *err);

/* The kinds of rows a step changes, for counting. */
enum store_kind { STORE_DOCUMENT, STORE_CODE, STORE_SEGMENT, STORE_MEMO, STORE_CODER,
                  STORE_NKINDS };

struct store_step {
	int64_t step;
	char time[32];
	char coder[128];
	char action[64];         /* the first entry's action, e.g. "mark" */
	size_t changes;          /* log entries in the step */
	bool undone;
	/* Rows of each kind the step inserted, changed and deleted (filled by
	 * store_step_get, store_undo and store_redo; zero in store_steps). */
	size_t added[STORE_NKINDS], changed[STORE_NKINDS], removed[STORE_NKINDS];
};

/* Undo and redo are per coder.  step 0 means the acting coder's own
 * (store_set_actor, else store_default_coder()): undo takes the coder's
 * newest step that is not undone, redo the oldest of the coder's undone
 * steps after the coder's newest done one (vim's linear redo, for each
 * coder apart).  Another coder's step is only undone or redone when named
 * by its number.  Undone steps are never given up: any of them can be
 * redone by number later.  One transaction each; *done describes the step.
 * ANKER_NOTFOUND: nothing to undo/redo (the message says whose steps
 * there are), or no such step.  ANKER_CONFLICT, with nothing changed,
 * when the step cannot be undone or redone without overwriting or taking
 * other changes with it (store/undo.c lists the cases); ANKER_EXISTS when
 * a row it would put back collides with another (a document name, a code
 * number, an identical coding). */
int store_undo(struct store *st, int64_t step, struct store_step *done, struct anker_err *err);
int store_redo(struct store *st, int64_t step, struct store_step *done, struct anker_err *err);
/* The step store_undo (redo true: store_redo) would take for step 0,
 * described as store_step_get does; nothing changes.  ANKER_NOTFOUND as
 * store_undo. */
int store_undo_next(struct store *st, bool redo, struct store_step *out, struct anker_err *err);
/* Step n described, with its row counts; ANKER_NOTFOUND when none. */
int store_step_get(struct store *st, int64_t n, struct store_step *out, struct anker_err *err);
/* Words for messages, appended to out:
 *   store_step_name   "step 7 (mark by anna)"
 *   store_step_rows   "5 documents, 54 codes, 128 codings" (every row it touched)
 *   store_step_effect what undoing it did (redo false) or redoing it did:
 *                     "removed 5 documents, 54 codes; restored 1 coding" */
void store_step_name(const struct store_step *s, struct strbuf *out);
void store_step_rows(const struct store_step *s, struct strbuf *out);
void store_step_effect(const struct store_step *s, bool redo, struct strbuf *out);
/* A step worth a question before it is undone: it added or deleted a
 * document or a code, or more than one coding (imports, the demo, merges,
 * autocode, deleting or merging codes). */
bool store_step_big(const struct store_step *s);
/* The newest steps first, at most limit (0: all). */
int store_steps(struct store *st, size_t limit, struct store_step **out, size_t *n,
                struct anker_err *err);
/* One log entry, for `anker log --verbose`. */
struct store_log_entry {
	int64_t id, step;
	char time[32];
	char coder[128];
	char action[64];
	char entity[16];
	char guid[37];
	char *before, *after;    /* JSON, NULL when none */
	bool undone;
};
/* Entries of the newest steps (at most limit steps; 0: all), newest step
 * first, entries of a step in the order they were written. */
int store_log_entries(struct store *st, size_t limit, struct store_log_entry **out, size_t *n,
                      struct anker_err *err);
void store_log_entries_free(struct store_log_entry *v, size_t n);

/* The coder named in log entries from now on (the --coder of a command);
 * NULL: store_default_coder().  store_actor: that coder. */
void store_set_actor(struct store *st, const char *coder);
const char *store_actor(const struct store *st);

/* Name every entry the current outermost transaction logs from now on
 * ACTION, whatever the modules call their changes: the demo is one step
 * "demo", not a "codebook import" of documents and codings.  Ends with the
 * transaction. */
void store_log_action(struct store *st, const char *action);

/* Append one change to the audit log inside the current transaction.
 * before/after are JSON texts (or NULL).  Entries of one user action share
 * a step number, the unit of undo. */
int store_log(struct store *st, const char *action, const char *entity, const char *guid,
              const char *before, const char *after, struct anker_err *err);
/* What store_log does for inserts, for rows added in bulk: one entry
 * (before NULL, after the row's store_row_json) for every row of entity
 * ("segment" or "memo") whose GUID the query guids_sql selects (a column
 * named guid, no parameters), in one statement. */
int store_log_inserts(struct store *st, const char *action, const char *entity,
                      const char *guids_sql, struct anker_err *err);
/* Rows just added in bulk logged as one entry: entity, guid NULL, before
 * NULL and after the JSON array of the GUIDs guids_sql selects (a column
 * named guid, no parameters), which must be those rows, in the order of
 * their ids (the order store_log_inserts logs them in, and so the order
 * redo puts them back in); no entry when there are none.  A fraction of
 * the log store_log_inserts writes (36 bytes a row, not the row).  The
 * rows are read only when the step is first undone: the walk then writes
 * the entry out as store_log_inserts would have (log.c: spell_out), so
 * every reader but the step counts sees the per-row entries it knows. */
int store_log_bulk(struct store *st, const char *action, const char *entity,
                   const char *guids_sql, struct anker_err *err);

/* Log every row of ENTITY with an id above AFTER_ID as inserted (after =
 * its store_row_json), in the order of their ids, with one statement: what
 * a bulk import logs for the rows it added, at a quarter less work than a
 * store_row_json and a store_log per row. */
int store_log_inserted(struct store *st, const char *action, const char *entity, int64_t after_id,
                       struct anker_err *err);

#endif
