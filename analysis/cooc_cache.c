/* analysis/cooc_cache.c — co-occurrence matrices kept in the project
 * (schema 10: cooc_state, cooc_cache), so that a matrix asked for again on
 * an unchanged project is read, not counted again (a million segments:
 * a read of a few kilobytes instead of every segment).
 *
 * Why it cannot go stale: the project's triggers count the changes of
 * what a matrix depends on in cooc_state.gen and empty cooc_cache, but
 * only while cooc_state.armed (after the first change they cost one read
 * per changed row, no write).  A matrix is counted after arming and kept
 * only if gen is still what it was when the counting read the segments,
 * in the same read transaction; so every kept matrix is that of the
 * project as it is.  Writing the cache is best effort: on a file that
 * cannot be written, while another process writes, or inside a write
 * transaction, the matrix is counted and not kept.
 *
 * Its size: at most COOC_CACHE_ENTRIES matrices and COOC_CACHE_BYTES of
 * counts; the oldest kept go first, and a matrix larger than the whole
 * budget (over 1,024 codes selected) is not kept.
 */
#include <stdlib.h>
#include <string.h>

#include "cooc_int.h"

#define COOC_CACHE_ENTRIES 32
#define COOC_CACHE_BYTES (8 * 1024 * 1024)

bool cooc_cache_wanted(const struct analysis_cooc_opts *o)
{
	return !o->no_cache && !store_cache_off();
}

void cooc_cache_add(struct strbuf *key, int64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	sb_add(key, (const char *)b, sizeof b);
}

static int64_t key_hash(const struct strbuf *key)
{
	uint64_t h = 0xcbf29ce484222325u;   /* FNV-1a */
	for (size_t i = 0; i < key->len; i++)
		h = (h ^ (unsigned char)key->buf[i]) * 0x100000001b3u;
	return (int64_t)(h >> 1);
}

void cooc_cache_arm(struct store *st)
{
	struct anker_err err = { 0 };
	int64_t armed = 0;
	if (store_get_int(st, &armed, &err, "SELECT armed FROM cooc_state WHERE id = 1") ||
	    armed || store_begin_cache(st, &err))
		return;
	if (store_run(st, &err, "UPDATE cooc_state SET armed = 1 WHERE id = 1") ||
	    store_commit(st, &err))
		store_rollback(st);
}

int cooc_cache_get(struct store *st, const struct strbuf *key, size_t n, int64_t *counts,
                   struct cooc_cache_state *state, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	state->hit = false;
	if (store_get_int(st, &state->gen, err, "SELECT gen FROM cooc_state WHERE id = 1") ||
	    store_get_int(st, &state->armed, err, "SELECT armed FROM cooc_state WHERE id = 1") ||
	    store_prepare(st, "SELECT key, n, counts FROM cooc_cache WHERE hash = :hash", &s, err) ||
	    store_bind_int(s, ":hash", key_hash(key), err))
		return err->status ? err->status : ANKER_DB;
	while (!state->hit && (rc = store_step(s, err)) == 1) {
		size_t bytes = store_col_bytes(s, 2);
		if (store_col_bytes(s, 0) != key->len ||
		    memcmp(store_col_blob(s, 0), key->buf, key->len) != 0 ||
		    store_col_int(s, 1) != (int64_t)n || bytes != n * n * 8)
			continue;
		const unsigned char *b = store_col_blob(s, 2);
		for (size_t i = 0; i < n * n; i++) {
			uint64_t v = 0;
			for (int k = 0; k < 8; k++)
				v |= (uint64_t)b[8 * i + (size_t)k] << (8 * k);
			counts[i] = (int64_t)v;
		}
		state->hit = true;
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

void cooc_cache_put(struct store *st, const struct strbuf *key,
                    const struct cooc_cache_state *state, const int64_t *counts, size_t n)
{
	struct anker_err err = { 0 };
	struct strbuf blob = { 0 };
	int64_t gen = -1;
	if (!state->armed || state->hit || !n || n * n * 8 > COOC_CACHE_BYTES)
		return;
	for (size_t i = 0; i < n * n; i++)
		cooc_cache_add(&blob, counts[i]);
	if (store_begin_cache(st, &err)) {
		sb_free(&blob);
		return;
	}
	/* The oldest go until this one fits in both limits. */
	if (store_get_int(st, &gen, &err, "SELECT gen FROM cooc_state WHERE id = 1") ||
	    gen != state->gen ||
	    store_run(st, &err, "INSERT INTO cooc_cache(hash, key, n, counts) "
	                        "VALUES (:hash, :key, :n, :counts)",
	              STORE_INT(":hash", key_hash(key)), STORE_BLOB(":key", key->buf, key->len),
	              STORE_INT(":n", (int64_t)n), STORE_BLOB(":counts", blob.buf, blob.len)) ||
	    store_run(st, &err, "DELETE FROM cooc_cache WHERE id IN (SELECT id FROM "
	                        "(SELECT id, SUM(8 * n * n) OVER (ORDER BY id DESC) AS bytes, "
	                        "ROW_NUMBER() OVER (ORDER BY id DESC) AS k FROM cooc_cache) "
	                        "WHERE bytes > :bytes OR k > :entries)",
	              STORE_INT(":bytes", COOC_CACHE_BYTES),
	              STORE_INT(":entries", COOC_CACHE_ENTRIES)) ||
	    store_commit(st, &err))
		store_rollback(st);
	sb_free(&blob);
}
