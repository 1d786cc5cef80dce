/* team/merge_int.h — private to team/merge.c and team/merge_rows.c. */
#ifndef ANKER_TEAM_MERGE_INT_H
#define ANKER_TEAM_MERGE_INT_H

#include "team.h"

/* One merge: this project (st, with the other attached as schema "other"
 * for the statements that work in bulk), the other opened on its own (for
 * its rows as JSON), and the report being filled.  json and mine are
 * scratch buffers for the other's and this project's row JSON. */
struct merge {
	struct store *st, *other;
	struct team_merge_report *r;
	struct strbuf json, mine;
};

/* Bring the other's row (m->json) in and log it as inserted ("merge"). */
int merge_insert_row(struct merge *m, const char *entity, const char *guid,
                     struct anker_err *err);
/* Segments, their reviews and memos, and memos on anything else: new ones
 * in bulk, the rest by the three-way rule (team_merge).  Coders,
 * documents and codes must be merged first. */
int merge_rows(struct merge *m, struct anker_err *err);

#endif
