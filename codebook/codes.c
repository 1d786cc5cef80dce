/* codebook/codes.c — the project's code system: load, find, import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codebook.h"
#include "../corpus/corpus.h"

/* ---------------------------------------------------------------------- */
/* Load */

/* The rows as read, in id order (the SELECTs ask for it, so that a code
 * is found by id with a binary search). */
struct loaded {
	struct codebook_code c;
	int64_t parent_id;
	int64_t position;
	size_t placed;          /* its index in the codebook, once placed */
};

static int cmp_siblings(const void *x, const void *y)
{
	const struct loaded *a = *(struct loaded *const *)x, *b = *(struct loaded *const *)y;
	int c = anker_numcmp(a->c.number, b->c.number);
	if (c)
		return c;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return strcmp(a->c.name, b->c.name);
}

/* Codes made in order (an import, codes added one by one) have ids in
 * sibling order already: one pass instead of a sort. */
static bool in_order(struct loaded *const *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (cmp_siblings(&v[i - 1], &v[i]) > 0)
			return false;
	return true;
}

/* The index of the code with row id id in all, or n. */
static size_t loaded_by_id(const struct loaded *all, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (all[mid].c.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && all[lo].c.id == id ? lo : n;
}

/* Depth-first from the top level: each code followed by its children,
 * siblings in order; placed codes are marked with parent -3.  The
 * children are bucketed under their parents in one pass and each family
 * sorted on its own, then walked with a stack of sibling ranges: 100,000
 * codes take milliseconds (a scan of all codes per code took minutes), and
 * no depth of the tree can overflow the C stack.  A code whose parent is
 * missing or in a cycle is never reached. */
static void order_tree(struct loaded *all, size_t n, struct codebook *out)
{
	/* parent index of each code, n for the top level, n + 1: none */
	size_t *up = xcalloc(n + 1, sizeof *up), *first = xcalloc(n + 3, sizeof *first);
	struct loaded **kids = xcalloc(n + 1, sizeof *kids);
	for (size_t i = 0; i < n; i++) {
		size_t p = all[i].parent_id ? loaded_by_id(all, n, all[i].parent_id) : n;
		up[i] = p == n && all[i].parent_id ? n + 1 : p;
		first[up[i] + 1]++;
	}
	for (size_t p = 1; p <= n + 2; p++)
		first[p] += first[p - 1];
	/* kids[first[p] .. first[p + 1]) are the children of p */
	size_t *fill = xcalloc(n + 2, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		kids[first[up[i]] + fill[up[i]]++] = &all[i];
	for (size_t p = 0; p <= n; p++)
		if (!in_order(kids + first[p], first[p + 1] - first[p]))
			qsort(kids + first[p], first[p + 1] - first[p], sizeof *kids, cmp_siblings);
	/* Each entry: the siblings still to place, and their parent in out.
	 * One entry per placed code at most, and the top level. */
	struct range {
		size_t next, end;
		int parent;
	} *stack = xcalloc(n + 1, sizeof *stack);
	size_t depth = 1;
	stack[0] = (struct range){ first[n], first[n + 1], -1 };
	while (depth > 0) {
		struct range *r = &stack[depth - 1];
		if (r->next == r->end) {
			depth--;
			continue;
		}
		struct loaded *l = kids[r->next++];
		size_t me = out->ncodes++, i = (size_t)(l - all);
		l->c.parent = r->parent;
		out->codes[me] = l->c;
		l->c.parent = -3;
		l->placed = me;
		stack[depth++] = (struct range){ first[i], first[i + 1], (int)me };
	}
	free(stack);
	free(fill);
	free(kids);
	free(first);
	free(up);
}

/* Segments per code from the code_segments table the triggers keep (a
 * count per code over the segments was a search per code; summing
 * code_doc grew with codes times documents). */
static int load_counts(struct store *st, struct loaded *all, size_t n, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, "SELECT code_id, n FROM code_segments", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		size_t i = loaded_by_id(all, n, store_col_int(s, 0));
		if (i < n)
			all[i].c.segments = store_col_int(s, 1);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static void add_anchor(struct codebook_code *c, struct store_stmt *s)
{
	codebook_anchor_push(c, xstrdup(store_col_text(s, 1)),
	                     store_col_null(s, 2) ? NULL : xstrdup(store_col_text(s, 2)));
}

static void add_note(struct codebook_code *c, struct store_stmt *s)
{
	c->notes = xreallocarray(c->notes, c->nnotes + 1, sizeof *c->notes);
	c->notes[c->nnotes].label = xstrdup(store_col_text(s, 1));
	c->notes[c->nnotes++].text = xstrdup(store_col_text(s, 2));
}

/* Each row of sql (code_id first) given to add with its code, found
 * through all, where order_tree left the code's place in cb. */
static int rows_to_codes(struct store *st, const char *sql, struct loaded *all, size_t n,
                         struct codebook *cb,
                         void (*add)(struct codebook_code *c, struct store_stmt *s),
                         struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(st, sql, &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		size_t i = loaded_by_id(all, n, store_col_int(s, 0));
		if (i < n)
			add(&cb->codes[all[i].placed], s);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Anchor examples and notes of every code: one query each (a query per
 * code made 200,000 for a large code system). */
static int load_lists(struct store *st, struct loaded *all, size_t n, struct codebook *cb,
                      struct anker_err *err)
{
	if (rows_to_codes(st, "SELECT code_id, text, citation FROM anchor ORDER BY code_id, position, id",
	                  all, n, cb, add_anchor, err))
		return ANKER_DB;
	return rows_to_codes(st, "SELECT code_id, label, text FROM code_note "
	                         "ORDER BY code_id, position, id", all, n, cb, add_note, err);
}

/* Every row of the code table, in id order, into *all (n of them). */
static int load_rows(struct store *st, struct loaded **all, size_t *n, struct anker_err *err)
{
	struct store_stmt *s;
	size_t cap = 0;
	int rc;
	*all = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT id, guid, number, name, parent_id, position, color, "
	                      "definition FROM code ORDER BY id", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*all = xreallocarray(*all, cap, sizeof **all);
		}
		struct loaded *l = &(*all)[(*n)++];
		memset(l, 0, sizeof *l);
		l->c.id = store_col_int(s, 0);
		/* Copied, not snprintf'd: 100,000 codes load before the TUI's first frame. */
		const char *guid = store_col_text(s, 1);
		size_t glen = strnlen(guid, sizeof l->c.guid - 1);
		memcpy(l->c.guid, guid, glen);
		l->c.guid[glen] = '\0';
		l->c.number = xstrdup(store_col_text(s, 2));
		l->c.name = xstrdup(store_col_text(s, 3));
		l->parent_id = store_col_null(s, 4) ? 0 : store_col_int(s, 4);
		l->position = store_col_int(s, 5);
		l->c.color = xstrdup(store_col_text(s, 6));
		l->c.definition = xstrdup(store_col_text(s, 7));
		l->c.parent = -2;   /* not placed yet */
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

int codebook_load(struct store *st, unsigned flags, struct codebook *out, struct anker_err *err)
{
	struct loaded *all;
	size_t n;
	memset(out, 0, sizeof *out);
	int rc = load_rows(st, &all, &n, err);
	if (!rc && (flags & CODEBOOK_COUNTS))
		rc = load_counts(st, all, n, err);
	if (!rc) {
		out->codes = xcalloc(n ? n : 1, sizeof *out->codes);
		order_tree(all, n, out);
		if (out->ncodes != n)   /* a cycle cannot be reached from the roots */
			rc = anker_err_set(err, ANKER_DB, "code tree is damaged: %zu codes unreachable",
			                   n - out->ncodes);
	}
	if (!rc)
		rc = load_lists(st, all, n, out, err);
	for (size_t i = 0; i < n; i++)
		if (all[i].c.parent == -2) {   /* never placed: free here */
			free(all[i].c.number);
			free(all[i].c.name);
			free(all[i].c.color);
			free(all[i].c.definition);
		}
	free(all);
	if (rc) {
		codebook_free(out);
		return err && err->status ? (int)err->status : ANKER_DB;
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
