/* analysis/cooc_cache.c — co-occurrence matrices kept in the project
 * (schema 10: cooc_state, cooc_cache), so that a matrix asked for again on
 * an unchanged project is read, not counted again (a million segments:
 * a read of a few kilobytes instead of every segment).
 *
 * Why it cannot go stale: store.h's kept results (store/kept.c); the
 * triggers also empty cooc_cache when the code tree or a text changes.
 * A matrix kept at an older gen is caught up when the journal (schema 15)
 * holds every segment changed since: cooc_cache_changed gives the changed
 * documents' segments before and now, analysis/cooc_db.c counts both.  Writing the cache
 * is best effort: on a file that cannot be written, while another process
 * writes, or inside a write transaction, the matrix is counted and not
 * kept.
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

int cooc_cache_get(struct store *st, const struct strbuf *key, size_t n, int64_t *counts,
                   struct cooc_cache_state *state, struct anker_err *err)
{
	struct store_stmt *s;
	int rc = 0;
	state->hit = false;
	state->from = -1;
	if (store_kept_state(st, &state->gen, &state->armed, err) ||
	    store_prepare(st, "SELECT key, n, counts, gen FROM cooc_cache WHERE hash = :hash", &s,
	                  err) ||
	    store_bind_int(s, ":hash", store_kept_hash(key), err))
		return err->status ? err->status : ANKER_DB;
	while (state->from < 0 && (rc = store_step(s, err)) == 1) {
		size_t bytes = store_col_bytes(s, 2);
		if (store_col_bytes(s, 0) != key->len ||
		    memcmp(store_col_blob(s, 0), key->buf, key->len) != 0 ||
		    store_col_int(s, 1) != (int64_t)n || bytes != n * n * 8)
			continue;
		const unsigned char *b = store_col_blob(s, 2);
		for (size_t i = 0; i < n * n; i++)
			counts[i] = store_kept_at(b, i);
		state->from = store_col_int(s, 3);
		state->hit = state->from == state->gen;
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
		store_kept_add(&blob, counts[i]);
	if (store_begin_cache(st, &err)) {
		sb_free(&blob);
		return;
	}
	/* This one replaces the one it caught up with; the oldest go until
	 * it fits in both limits. */
	if (store_get_int(st, &gen, &err, "SELECT gen FROM cooc_state WHERE id = 1") ||
	    gen != state->gen ||
	    store_run(st, &err, "DELETE FROM cooc_cache WHERE hash = :hash AND key = :key",
	              STORE_INT(":hash", store_kept_hash(key)),
	              STORE_BLOB(":key", key->buf, key->len)) ||
	    store_run(st, &err, "INSERT INTO cooc_cache(hash, key, n, counts, gen) "
	                        "VALUES (:hash, :key, :n, :counts, :gen)",
	              STORE_INT(":hash", store_kept_hash(key)), STORE_BLOB(":key", key->buf, key->len),
	              STORE_INT(":n", (int64_t)n), STORE_BLOB(":counts", blob.buf, blob.len),
	              STORE_INT(":gen", gen)) ||
	    store_run(st, &err, "DELETE FROM cooc_cache WHERE id IN (SELECT id FROM "
	                        "(SELECT id, SUM(8 * n * n) OVER (ORDER BY id DESC) AS bytes, "
	                        "ROW_NUMBER() OVER (ORDER BY id DESC) AS k FROM cooc_cache) "
	                        "WHERE bytes > :bytes OR k > :entries)",
	              STORE_INT(":bytes", COOC_CACHE_BYTES),
	              STORE_INT(":entries", COOC_CACHE_ENTRIES)) ||
	    store_kept_trim(st, &err) || store_commit(st, &err))
		store_rollback(st);
	sb_free(&blob);
}

/* Is a the segment b is (its paragraphs aside)? */
static bool row_same(const struct analysis_cooc_seg *a, const struct analysis_cooc_seg *b)
{
	return a->doc == b->doc && a->start == b->start && a->end == b->end &&
	       a->code == b->code && a->coder == b->coder;
}

static void rows_push(struct analysis_cooc_rows *m, size_t *cap,
                      const struct analysis_cooc_seg *row)
{
	if (m->n == *cap)
		m->v = xreallocarray(m->v, *cap = *cap ? 2 * *cap : 256, sizeof *m->v);
	m->v[m->n++] = *row;
}

/* Document doc's segments now (appended to now), and before the changes
 * ch (n of them): now's less those inserted, plus those deleted (appended
 * to before).  False when an inserted one is not there (the journal does
 * not match the segments: counted in full instead). */
static int doc_rows(struct store_stmt *s, const struct store_kept_change *ch, size_t n,
                    struct analysis_cooc_rows *rows, size_t *cap, bool *ok, struct anker_err *err)
{
	struct analysis_cooc_rows *before = &rows[0], *now = &rows[1];
	struct analysis_cooc_seg row;
	size_t from = before->n;
	int rc;
	if (store_bind_int(s, ":doc", ch[0].doc, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		int64_t v[3] = { store_col_int(s, 0), store_col_int(s, 1), store_col_int(s, 2) };
		if (cooc_row_make(ch[0].doc, v, store_col_int(s, 3), &row)) {
			rows_push(now, &cap[1], &row);
			rows_push(before, &cap[0], &row);
		}
	}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	for (int sign = -1; sign <= 1; sign += 2)
		for (size_t i = 0; i < n && *ok; i++) {
			int64_t v[3] = { ch[i].start, ch[i].end, ch[i].code };
			if (ch[i].sign != sign || !cooc_row_make(ch[i].doc, v, ch[i].coder, &row))
				continue;
			if (sign < 0) {
				rows_push(before, &cap[0], &row);
				continue;
			}
			size_t k = from;
			while (k < before->n && !row_same(&before->v[k], &row))
				k++;
			*ok = k < before->n;
			if (*ok)
				before->v[k] = before->v[--before->n];
		}
	return ANKER_OK;
}

int cooc_cache_changed(struct store *st, int64_t from, size_t max, struct analysis_cooc_rows *rows,
                       bool *ok, struct anker_err *err)
{
	struct store_kept_change *ch;
	struct store_stmt *s = NULL;
	size_t n, cap[2] = { 0 };
	int rc = ANKER_OK;
	memset(rows, 0, 2 * sizeof *rows);
	if (store_kept_changes(st, from, &ch, &n, ok, err))
		return ANKER_DB;
	if (*ok && n && store_prepare(st, "SELECT start, \"end\", code_id, coder_id FROM segment "
	                                  "WHERE doc_id = :doc", &s, err))
		rc = ANKER_DB;
	for (size_t i = 0, e; !rc && *ok && i < n; i = e) {
		for (e = i; e < n && ch[e].doc == ch[i].doc; e++)
			;
		rc = doc_rows(s, ch + i, e - i, rows, cap, ok, err);
		*ok = *ok && rows[0].n + rows[1].n <= max;
	}
	free(ch);
	for (int k = 0; k < 2; k++)
		rows[k].read = true;
	if (rc || !*ok) {
		analysis_cooc_rows_free(&rows[0]);
		analysis_cooc_rows_free(&rows[1]);
	}
	return rc;
}
