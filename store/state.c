/* store/state.c — settings per coder kept in the project (coder_state,
 * schema 3): where the TUI was left.  Not logged: they are no part of the
 * data, and undo must never move someone's cursor. */
#include <stdlib.h>

#include "store_int.h"

int store_coder_get(struct store *st, const char *coder, const char *key, char **value,
                    struct anker_err *err)
{
	struct store_stmt *s;
	*value = NULL;
	if (store_prepare(st, "SELECT value FROM coder_state WHERE coder = :coder AND key = :key",
	                  &s, err) ||
	    store_bind_text(s, ":coder", coder, err) || store_bind_text(s, ":key", key, err))
		return store_failed(err);
	int rc = store_step(s, err);
	if (rc == 1)
		*value = xstrdup(store_col_text(s, 0));
	store_done(s);
	return rc < 0 ? store_failed(err) : ANKER_OK;
}

int store_coder_set(struct store *st, const char *coder, const char *key, const char *value,
                    struct anker_err *err)
{
	struct store_stmt *s;
	if (store_prepare(st, "INSERT INTO coder_state(coder, key, value) VALUES (:coder, :key, "
	                      ":value) ON CONFLICT(coder, key) DO UPDATE SET value = excluded.value",
	                  &s, err) ||
	    store_bind_text(s, ":coder", coder, err) || store_bind_text(s, ":key", key, err) ||
	    store_bind_text(s, ":value", value, err) || store_step(s, err) < 0)
		return store_failed(err);
	store_done(s);
	return ANKER_OK;
}
