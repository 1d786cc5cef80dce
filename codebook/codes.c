/* codebook/codes.c — the project's code system: load, find, import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codebook.h"
#include "../corpus/corpus.h"

/* ---------------------------------------------------------------------- */
/* Load */

struct loaded {
	struct codebook_code c;
	int64_t parent_id;
	int64_t position;
};

static int cmp_siblings(const struct loaded *a, const struct loaded *b)
{
	int c = anker_numcmp(a->c.number, b->c.number);
	if (c)
		return c;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return strcmp(a->c.name, b->c.name);
}

/* Depth-first: each code followed by its children, siblings in order. */
static void order_tree(struct loaded *all, size_t n, int64_t parent, int parent_index,
                       struct codebook *out)
{
	for (;;) {
		struct loaded *best = NULL;
		for (size_t i = 0; i < n; i++)
			if (all[i].c.parent == -2 && all[i].parent_id == parent &&
			    (!best || cmp_siblings(&all[i], best) < 0))
				best = &all[i];
		if (!best)
			return;
		best->c.parent = parent_index;
		size_t me = out->ncodes++;
		out->codes[me] = best->c;
		best->c.parent = -3;   /* placed */
		order_tree(all, n, best->c.id, (int)me, out);
	}
}

static int load_lists(struct store *st, struct codebook *cb, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	for (size_t i = 0; i < cb->ncodes; i++) {
		struct codebook_code *c = &cb->codes[i];
		if (store_prepare(st, "SELECT text FROM anchor WHERE code_id = :id ORDER BY position, id",
		                  &s, err) || store_bind_int(s, ":id", c->id, err))
			return ANKER_DB;
		while ((rc = store_step(s, err)) == 1) {
			c->anchors = xreallocarray(c->anchors, c->nanchors + 1, sizeof *c->anchors);
			c->anchors[c->nanchors++] = xstrdup(store_col_text(s, 0));
		}
		store_done(s);
		if (rc < 0)
			return ANKER_DB;
		if (store_prepare(st, "SELECT label, text FROM code_note WHERE code_id = :id "
		                      "ORDER BY position, id", &s, err) ||
		    store_bind_int(s, ":id", c->id, err))
			return ANKER_DB;
		while ((rc = store_step(s, err)) == 1) {
			c->notes = xreallocarray(c->notes, c->nnotes + 1, sizeof *c->notes);
			c->notes[c->nnotes].label = xstrdup(store_col_text(s, 0));
			c->notes[c->nnotes++].text = xstrdup(store_col_text(s, 1));
		}
		store_done(s);
		if (rc < 0)
			return ANKER_DB;
	}
	return ANKER_OK;
}

int codebook_load(struct store *st, unsigned flags, struct codebook *out, struct anker_err *err)
{
	struct store_stmt *s;
	struct loaded *all = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	const char *sql = flags & CODEBOOK_COUNTS
		? "SELECT c.id, c.guid, c.number, c.name, c.parent_id, c.position, c.color, "
		  "c.definition, (SELECT COUNT(*) FROM segment s WHERE s.code_id = c.id) FROM code c"
		: "SELECT c.id, c.guid, c.number, c.name, c.parent_id, c.position, c.color, "
		  "c.definition, 0 FROM code c";
	if (store_prepare(st, sql, &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		all = xreallocarray(all, n + 1, sizeof *all);
		struct loaded *l = &all[n++];
		memset(l, 0, sizeof *l);
		l->c.id = store_col_int(s, 0);
		snprintf(l->c.guid, sizeof l->c.guid, "%s", store_col_text(s, 1));
		l->c.number = xstrdup(store_col_text(s, 2));
		l->c.name = xstrdup(store_col_text(s, 3));
		l->parent_id = store_col_null(s, 4) ? 0 : store_col_int(s, 4);
		l->position = store_col_int(s, 5);
		l->c.color = xstrdup(store_col_text(s, 6));
		l->c.definition = xstrdup(store_col_text(s, 7));
		l->c.segments = store_col_int(s, 8);
		l->c.parent = -2;   /* not placed yet */
	}
	store_done(s);
	if (rc == 0) {
		out->codes = xcalloc(n ? n : 1, sizeof *out->codes);
		order_tree(all, n, 0, -1, out);
		if (out->ncodes != n)   /* a cycle cannot be reached from the roots */
			rc = anker_err_set(err, ANKER_DB, "code tree is damaged: %zu codes unreachable",
			                   n - out->ncodes);
	}
	for (size_t i = 0; i < n; i++)
		if (all[i].c.parent == -2) {   /* never placed: free here */
			free(all[i].c.number);
			free(all[i].c.name);
			free(all[i].c.color);
			free(all[i].c.definition);
		}
	free(all);
	if (rc == 0 && load_lists(st, out, err))
		rc = -1;
	if (rc) {
		codebook_free(out);
		return err ? err->status : ANKER_DB;
	}
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Find */

static int find_unique(const struct codebook *cb, const char *key, bool icase, int *found,
                       struct strbuf *cands)
{
	int count = 0;
	for (size_t i = 0; i < cb->ncodes; i++) {
		const char *name = cb->codes[i].name;
		if (icase ? !corpus_name_equal_fold(name, key) : strcmp(name, key) != 0)
			continue;
		if (count++ == 0)
			*found = (int)i;
		sb_addf(cands, "%s%s %s", count > 1 ? ", " : "", cb->codes[i].number,
		        cb->codes[i].name);
	}
	return count;
}

/* "no code 'KEY'" and the nearest names (paths for a key with ">>",
 * numbers for one that starts with a digit). */
static void find_failed(const struct codebook *cb, const char *key, struct anker_err *err)
{
	bool path = strstr(key, ">>"), number = *key >= '0' && *key <= '9';
	char **cands = xcalloc(cb->ncodes + 1, sizeof *cands);
	struct strbuf sb = {0};
	for (size_t i = 0; i < cb->ncodes; i++) {
		sb_reset(&sb);
		if (path)
			codebook_path(cb, i, &sb);
		else
			sb_adds(&sb, number ? cb->codes[i].number : cb->codes[i].name);
		cands[i] = sb_steal(&sb);
	}
	corpus_name_suggest(&sb, key, (const char *const *)cands, cb->ncodes);
	anker_err_set(err, ANKER_NOTFOUND, "no code '%s'%s", key,
	              sb.len ? sb_str(&sb) : " (see 'anker codes')");
	for (size_t i = 0; i < cb->ncodes; i++)
		free(cands[i]);
	free(cands);
	sb_free(&sb);
}

int codebook_find(const struct codebook *cb, const char *key, struct anker_err *err)
{
	struct strbuf path = {0}, cands = {0};
	int found = -1;

	for (size_t i = 0; i < cb->ncodes && found < 0; i++)
		if (*cb->codes[i].number && strcmp(cb->codes[i].number, key) == 0)
			found = (int)i;
	if (found < 0 && strstr(key, ">>")) {
		for (size_t i = 0; i < cb->ncodes && found < 0; i++) {
			sb_reset(&path);
			codebook_path(cb, i, &path);
			if (strcmp(sb_str(&path), key) == 0)
				found = (int)i;
		}
	}
	for (size_t i = 0; i < cb->ncodes && found < 0 && strlen(key) >= 4; i++)
		if (strncasecmp(cb->codes[i].guid, key, strlen(key)) == 0)
			found = (int)i;
	if (found < 0) {
		int n = find_unique(cb, key, false, &found, &cands);
		if (n == 0)
			n = find_unique(cb, key, true, &found, &cands);
		if (n > 1) {
			anker_err_set(err, ANKER_INPUT, "code '%s' is ambiguous: %s "
			              "(give its number or path)", key, sb_str(&cands));
			found = -1;
		} else if (n == 0) {
			find_failed(cb, key, err);
		}
	}
	sb_free(&path);
	sb_free(&cands);
	return found;
}

int codebook_resolve(struct store *st, const char *key, int64_t *id, struct anker_err *err)
{
	struct codebook cb;
	if (codebook_load(st, 0, &cb, err))
		return err && err->status ? (int)err->status : ANKER_DB;
	int i = codebook_find(&cb, key, err);
	if (i >= 0)
		*id = cb.codes[i].id;
	codebook_free(&cb);
	return i >= 0 ? ANKER_OK : (int)err->status;
}
