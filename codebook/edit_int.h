/* codebook/edit_int.h — private to codebook/edit.c and codebook/merge.c:
 * the state of one edit and the helpers both files use. */
#ifndef ANKER_CODEBOOK_EDIT_INT_H
#define ANKER_CODEBOOK_EDIT_INT_H

#include "codebook.h"

struct edit {
	struct store *st;
	struct codebook cb;           /* the tree at the start (merge reloads it) */
	const char *action;           /* the log's action */
	struct codebook_edit *rep;
	struct anker_err *err;
	struct codebook_edit own_rep;  /* when the caller passed none */
	struct anker_err own_err;
};

/* For edit_delete_row. */
#define SQL_SEGMENT_DELETE "DELETE FROM segment WHERE guid = :v"
#define SQL_MEMO_DELETE "DELETE FROM memo WHERE guid = :v"

void edit_set_str(char **dst, const char *s);
int edit_begin(struct edit *e, struct store *st, const char *action,
               struct codebook_edit *rep, struct anker_err *err);
int edit_end(struct edit *e, int rc);
int edit_find(struct edit *e, const char *key, bool report);
int edit_index_of_guid(const struct codebook *cb, const char *guid);
bool edit_in_subtree(const struct codebook *cb, int i, int root);
const char *edit_label_of(const struct codebook *cb, int i);
int edit_capture(struct edit *e, const char *entity, const char *guid, struct strbuf *out);
int edit_log_row(struct edit *e, const char *entity, const char *guid, const char *before,
                 bool deleted);
int edit_run_id(struct edit *e, const char *sql, int64_t id, const char *v);
int edit_collect(struct edit *e, const char *sql, int64_t id, char ***out, size_t *n);
int edit_update_code(struct edit *e, int i, const char *sql, const char *v);
int edit_delete_row(struct edit *e, const char *entity, const char *sql, const char *guid);
int edit_move_code(struct edit *e, int i, int parent, const char *number, char **moved);

#endif
