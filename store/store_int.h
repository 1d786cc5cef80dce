/* store/store_int.h — private to store/: the migration list. */
#ifndef ANKER_STORE_INT_H
#define ANKER_STORE_INT_H

#include <stddef.h>

#include "store.h"

/* Marks the file as an anker project ("ankr"), so that opening any other
 * SQLite file is refused before anything is written to it. */
#define STORE_APPLICATION_ID 0x616e6b72

struct store_migration {
	int version;          /* the version this step produces */
	const char *const *sql;    /* statements, NULL-terminated */
};

extern const struct store_migration store_migrations[];
extern const size_t store_nmigrations;

/* The status to return after a chain of store calls failed. */
static inline int store_failed(const struct anker_err *err)
{
	return err && err->status ? (int)err->status : ANKER_DB;
}

#endif
