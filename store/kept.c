/* store/kept.c — what the results kept in the project share (analysis/'s
 * co-occurrence matrices, team/'s agreement counts; schema 10 and 13):
 * the bypass, the change counter cooc_state and its arming, a key's
 * encoding and hash.  Why a kept result cannot go stale: store.h.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

bool store_kept_wanted(bool no_cache)
{
	const char *e = getenv("ANKER_NO_CACHE");
	return !no_cache && !(e && *e && strcmp(e, "0") != 0);
}

void store_kept_add(struct strbuf *sb, int64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	sb_add(sb, (const char *)b, sizeof b);
}

int64_t store_kept_at(const unsigned char *p, size_t i)
{
	uint64_t v = 0;
	for (int k = 0; k < 8; k++)
		v |= (uint64_t)p[8 * i + (size_t)k] << (8 * k);
	return (int64_t)v;
}

int64_t store_kept_hash(const struct strbuf *key)
{
	uint64_t h = 0xcbf29ce484222325u;   /* FNV-1a */
	for (size_t i = 0; i < key->len; i++)
		h = (h ^ (unsigned char)key->buf[i]) * 0x100000001b3u;
	return (int64_t)(h >> 1);
}

void store_kept_arm_state(struct store *st, bool bounds)
{
	static const char *const get[] = { "SELECT armed FROM cooc_state WHERE id = 1",
	                                    "SELECT armed FROM bounds_state WHERE id = 1" };
	/* Disarmed, every kept result is stale: the journal starts anew
	 * (schema 15). */
	static const char *const set[] = { "UPDATE cooc_state SET armed = 1, since = gen WHERE id = 1",
	                                    "UPDATE bounds_state SET armed = 1 WHERE id = 1" };
	struct anker_err err = { 0 };
	int64_t armed = 0;
	if (store_get_int(st, &armed, &err, get[bounds]) || armed || store_begin_cache(st, &err))
		return;
	if (store_run(st, &err, set[bounds]) ||
	    (!bounds && store_run(st, &err, "DELETE FROM kept_journal")) || store_commit(st, &err))
		store_rollback(st);
}

void store_kept_arm(struct store *st)
{
	store_kept_arm_state(st, false);
}

int store_kept_state(struct store *st, int64_t *gen, int64_t *armed, struct anker_err *err)
{
	if (store_get_int(st, gen, err, "SELECT gen FROM cooc_state WHERE id = 1") ||
	    store_get_int(st, armed, err, "SELECT armed FROM cooc_state WHERE id = 1"))
		return err->status ? err->status : ANKER_DB;
	return ANKER_OK;
}

/* The table kept (schema 13): at most KEPT_ENTRIES results and KEPT_BYTES
 * of values; the oldest kept go first, a value larger than the whole
 * budget is not kept. */
#define KEPT_ENTRIES 64
#define KEPT_BYTES (16 * 1024 * 1024)

int store_kept_get(struct store *st, const struct strbuf *key, struct strbuf *value,
                   int64_t *from, struct anker_err *err)
{
	struct store_stmt *s;
	int rc = 0;
	*from = -1;
	if (store_prepare(st, "SELECT key, value, gen FROM kept WHERE hash = :hash", &s, err) ||
	    store_bind_int(s, ":hash", store_kept_hash(key), err))
		return err->status ? err->status : ANKER_DB;
	while (*from < 0 && (rc = store_step(s, err)) == 1) {
		if (store_col_bytes(s, 0) != key->len ||
		    memcmp(store_col_blob(s, 0), key->buf, key->len) != 0)
			continue;
		sb_reset(value);
		sb_add(value, (const char *)store_col_blob(s, 1), store_col_bytes(s, 1));
		*from = store_col_int(s, 2);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

void store_kept_put(struct store *st, const struct strbuf *key, int64_t gen, int64_t armed,
                    const struct strbuf *value)
{
	struct anker_err err = { 0 };
	int64_t now = -1;
	if (!armed || value->len > KEPT_BYTES || store_begin_cache(st, &err))
		return;
	/* Rows the journal cannot catch up go (and the one this replaces),
	 * then the oldest until this one fits in both limits. */
	if (store_get_int(st, &now, &err, "SELECT gen FROM cooc_state WHERE id = 1") ||
	    now != gen ||
	    store_run(st, &err, "DELETE FROM kept WHERE gen < (SELECT since FROM cooc_state "
	                        "WHERE id = 1) OR (hash = :hash AND key = :key)",
	              STORE_INT(":hash", store_kept_hash(key)),
	              STORE_BLOB(":key", key->buf, key->len)) ||
	    store_run(st, &err, "INSERT INTO kept(gen, hash, key, value) "
	                        "VALUES (:gen, :hash, :key, :value)",
	              STORE_INT(":gen", gen), STORE_INT(":hash", store_kept_hash(key)),
	              STORE_BLOB(":key", key->buf, key->len),
	              STORE_BLOB(":value", value->buf, value->len)) ||
	    store_run(st, &err, "DELETE FROM kept WHERE id IN (SELECT id FROM "
	                        "(SELECT id, SUM(length(value)) OVER (ORDER BY id DESC) AS bytes, "
	                        "ROW_NUMBER() OVER (ORDER BY id DESC) AS k FROM kept) "
	                        "WHERE bytes > :bytes OR k > :entries)",
	              STORE_INT(":bytes", KEPT_BYTES), STORE_INT(":entries", KEPT_ENTRIES)) ||
	    store_kept_trim(st, &err) || store_commit(st, &err))
		store_rollback(st);
}

int store_kept_changes(struct store *st, int64_t from, struct store_kept_change **out, size_t *n,
                       bool *covered, struct anker_err *err)
{
	struct store_stmt *s;
	int64_t armed = 0, since = 0;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_get_int(st, &armed, err, "SELECT armed FROM cooc_state WHERE id = 1") ||
	    store_get_int(st, &since, err, "SELECT since FROM cooc_state WHERE id = 1"))
		return ANKER_DB;
	*covered = armed == 1 && from >= since;
	if (!*covered)
		return ANKER_OK;
	if (store_prepare(st, "SELECT doc_id, sign, start, \"end\", code_id, coder_id "
	                      "FROM kept_journal WHERE gen > :gen ORDER BY doc_id, id", &s, err) ||
	    store_bind_int(s, ":gen", from, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		if (*n == cap)
			*out = xreallocarray(*out, cap = cap ? 2 * cap : 64, sizeof **out);
		(*out)[(*n)++] = (struct store_kept_change){
			.doc = store_col_int(s, 0), .sign = (int)store_col_int(s, 1),
			.start = store_col_int(s, 2), .end = store_col_int(s, 3),
			.code = store_col_int(s, 4), .coder = store_col_int(s, 5) };
	}
	store_done(s);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return ANKER_DB;
	}
	return ANKER_OK;
}

/* How many changes behind a kept result may fall and still hold the
 * journal for its catching up.  One nobody asks for again (kept under a
 * code selection gone when a code got its first segment) would otherwise
 * keep every change until the journal overflows and drops all the kept
 * results; past this it is counted anew if ever asked for. */
#define KEPT_BEHIND 1024

int store_kept_trim(struct store *st, struct anker_err *err)
{
	/* The oldest gen of a kept result the journal can still catch up;
	 * stale ones (before since) and those KEPT_BEHIND behind are not
	 * waited for. */
	if (store_run(st, err, "UPDATE cooc_state SET since = (SELECT COALESCE(MIN(g), "
	                       "cooc_state.gen) FROM (SELECT gen AS g FROM cooc_cache UNION ALL "
	                       "SELECT gen FROM kept) WHERE g >= MAX(cooc_state.since, "
	                       "cooc_state.gen - :behind)) WHERE id = 1",
	              STORE_INT(":behind", KEPT_BEHIND)) ||
	    store_run(st, err, "DELETE FROM kept_journal WHERE gen <= "
	                       "(SELECT since FROM cooc_state WHERE id = 1)"))
		return ANKER_DB;
	return ANKER_OK;
}

int store_kept_migrate(struct store *st, struct anker_err *err)
{
	static const char *const col[][3] = {
		{ "cooc_state", "since", "ALTER TABLE cooc_state ADD COLUMN since INTEGER NOT NULL "
		                         "DEFAULT 0" },
		{ "cooc_cache", "gen", "ALTER TABLE cooc_cache ADD COLUMN gen INTEGER NOT NULL "
		                       "DEFAULT 0" },
	};
	for (size_t i = 0; i < sizeof col / sizeof col[0]; i++) {
		bool has = false;
		if (store_exists(st, &has, err, "SELECT 1 FROM pragma_table_info(:t) WHERE name = :c",
		                 STORE_TEXT(":t", col[i][0]), STORE_TEXT(":c", col[i][1])) ||
		    (!has && store_exec(st, col[i][2], err)))
			return ANKER_DB;
	}
	/* Set back to an older version and opened again: what changed since
	 * is unknown. */
	return store_exec(st, "UPDATE cooc_state SET gen = gen + 1, armed = 0", err) ? ANKER_DB
	                                                                             : ANKER_OK;
}
