/* store/store_int.h — private to store/: the migration list and its use. */
#ifndef ANKER_STORE_INT_H
#define ANKER_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <sqlite3.h>

#include "store.h"

/* The open project (store/open.c) and its cached statements
 * (store/store.c); the change log (store/log.c) keeps its step here. */
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
	char step_action[64];     /* store_log_action for the open transaction; "": none */
	bool readonly;
	bool mapped;              /* main is read through a memory map (store_map) */
	bool nowait;              /* a cache write: waits for no other writer */
	struct timespec wait_t0;  /* when the current wait for a lock began */
	bool wait_told;           /* the wait was reported (store_set_wait_notify) */
	/* The rows anker_rows() took for the group being read
	 * (store_each_group): k values a row. */
	struct {
		int64_t *v;
		size_t n, cap;
		int k;
		bool on;              /* inside store_each_group */
	} group;
};

/* Marks the file as an anker project ("ankr"), so that opening any other
 * SQLite file is refused before anything is written to it. */
#define STORE_APPLICATION_ID 0x616e6b72

struct store_migration {
	int version;          /* the version this step produces */
	const char *const *sql;    /* statements, NULL-terminated */
	/* Run after the statements, for what SQL cannot say; NULL: none. */
	int (*fn)(struct store *st, struct anker_err *err);
};

/* A document's paragraphs (corpus.h) from its text T, in SQL: one more
 * than its line feeds, one less when it ends in one, none when empty.
 * A C function (store/query.c): the count in SQL, with replace() and a
 * CAST to a blob, copied a document's text twice while its row was
 * written, two thirds of what a large import held.  Schema 4 recounts
 * with it; rows put back from the log (undo) or another project (merge)
 * are counted with it, never taken as written, since rows logged before
 * schema 4 counted the empty paragraph after a final LF. */
#define STORE_SQL_PARAGRAPHS(T) "anker_paragraphs(" T ")"

/* Register the SQL functions anker's statements use (anker_paragraphs)
 * on st's connection; ANKER_NOMEM. */
int store_functions_add(struct store *st, struct anker_err *err);

extern const struct store_migration store_migrations[];
extern const size_t store_nmigrations;
/* store/schema_late.c: the statements of the migrations after 13. */
extern const char *const store_schema_v14[];
extern const char *const store_schema_v15[];
extern const char *const store_schema_v16[];
extern const char *const store_schema_v17[];
extern const char *const store_schema_v18[];
extern const char *const store_schema_v19[];
extern const char *const store_schema_v20[];

/* store/kept.c: schema 15's columns (cooc_state.since, cooc_cache.gen)
 * when the file lacks them (a file set back to an older version has
 * them), and the change counter moved. */
int store_kept_migrate(struct store *st, struct anker_err *err);
/* store/schema.c: bring an open project up to STORE_SCHEMA_VERSION (one
 * transaction; safe when several processes open an old project at once),
 * and set up a new, empty file. */
int store_migrate(struct store *st, struct anker_err *err);
int store_init_project(struct store *st, struct anker_err *err);

/* store/color.c: schema 5, subcodes that have their parent's color get
 * their own (store_color_child). */
int store_recolor_inherited(struct store *st, struct anker_err *err);

/* store/log.c and store/undo.c: undo and redo.  log_step_info describes
 * step n without its row counts (out->step 0: no such step); undo_pick
 * finds the step undo/redo take for step 0 (ANKER_NOTFOUND saying why
 * there is none); undo_check fills s's row counts and refuses (with
 * ANKER_CONFLICT) what would overwrite or take other changes with it. */
int log_step_info(struct store *st, int64_t n, struct store_step *out, struct anker_err *err);
int undo_pick(struct store *st, bool redo, int64_t *step, struct anker_err *err);
int undo_counts(struct store *st, struct store_step *s, struct anker_err *err);
int undo_check(struct store *st, const struct store_step *s, bool redo, struct anker_err *err);

/* store/log.c: run SQL, an INSERT INTO log, with :step, :time, :coder and
 * :action bound for the open transaction, and the pairs MORE (ending with
 * STORE_END_) for the rest. */
int log_insert(struct store *st, const char *sql, const char *action,
               const struct store_arg *more, struct anker_err *err);

/* store/row.c, for store/log.c: an entity's row as JSON in SQL: the
 * expression OBJECT over FROM, whose table is ALIAS (ANKER_INPUT naming
 * an unknown entity). */
struct row_sql {
	const char *name, *object, *from, *alias;
};
int row_sql(const char *entity, struct row_sql *out, struct anker_err *err);

/* store/store.c, for store/open.c: ST's last SQLite error as an anker
 * error (WHAT, when not NULL, says what failed; the file's own troubles,
 * a full disk, a lock held too long, in words a researcher can act on),
 * and the busy handler that waits for another writer (ANKER_WAIT). */
int store_db_error(struct store *st, struct anker_err *err, const char *what);
int store_busy_wait(void *arg, int count);

/* Read the project file through SQLite's memory map (ON) or with
 * read(2) again (store/store.c).  Outside transactions only: SQLite keeps
 * the map while a page of it is in use. */
void store_map(struct store *st, bool on);

/* FILE plus suffix ("-wal", "-shm", "-journal"), in buf (store/files.c). */
const char *store_side_path(struct strbuf *buf, const char *path, const char *suffix);

/* The status to return after a chain of store calls failed. */
static inline int store_failed(const struct anker_err *err)
{
	return err && err->status ? (int)err->status : ANKER_DB;
}

#endif
