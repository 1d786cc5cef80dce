/* codebook/edit.c — editing the code system (add, rename, renumber, move,
 * merge, delete, recolor).
 *
 * Each edit loads the code tree inside its transaction, checks what it
 * would refuse, then writes and logs every changed row with its before and
 * after (store_row_json).  One edit is one transaction, hence one undo
 * step, and an edit that fails anywhere is rolled back whole. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_int.h"
#include "../corpus/corpus.h"

void codebook_edit_free(struct codebook_edit *e)
{
	if (!e)
		return;
	free(e->number);
	free(e->name);
	free(e->old_number);
	free(e->old_name);
	memset(e, 0, sizeof *e);
}

void edit_set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

int edit_begin(struct edit *e, struct store *st, const char *action,
               struct codebook_edit *rep, struct anker_err *err)
{
	memset(e, 0, sizeof *e);
	e->st = st;
	e->action = action;
	e->rep = rep ? rep : &e->own_rep;
	e->err = err ? err : &e->own_err;
	memset(e->rep, 0, sizeof *e->rep);
	int rc = store_begin(st, e->err);
	if (rc)
		return rc;
	if ((rc = codebook_load(st, CODEBOOK_COUNTS, &e->cb, e->err)))
		store_rollback(st);
	return rc;
}

int edit_end(struct edit *e, int rc)
{
	if (rc == ANKER_OK)
		rc = store_commit(e->st, e->err);
	else
		store_rollback(e->st);
	codebook_free(&e->cb);
	codebook_edit_free(&e->own_rep);
	return rc;
}

/* The code at key, with the report's "before" filled in; -1 with err set. */
int edit_find(struct edit *e, const char *key, bool report)
{
	int i = codebook_find(&e->cb, key, e->err);
	if (i >= 0 && report) {
		const struct codebook_code *c = &e->cb.codes[i];
		memcpy(e->rep->guid, c->guid, sizeof e->rep->guid);
		edit_set_str(&e->rep->old_number, c->number);
		edit_set_str(&e->rep->number, c->number);
		edit_set_str(&e->rep->old_name, c->name);
		edit_set_str(&e->rep->name, c->name);
	}
	return i;
}

int edit_index_of_guid(const struct codebook *cb, const char *guid)
{
	for (size_t i = 0; i < cb->ncodes; i++)
		if (strcmp(cb->codes[i].guid, guid) == 0)
			return (int)i;
	return -1;
}

bool edit_in_subtree(const struct codebook *cb, int i, int root)
{
	for (int j = i; j >= 0; j = cb->codes[j].parent)
		if (j == root)
			return true;
	return false;
}

/* "2.9 OZG-Entwicklung" for messages (static buffer: one per message). */
const char *edit_label_of(const struct codebook *cb, int i)
{
	static char buf[2][512];
	static int which;
	char *b = buf[which ^= 1];
	const struct codebook_code *c = &cb->codes[i];
	snprintf(b, sizeof buf[0], "%s%s%s", c->number, *c->number ? " " : "", c->name);
	return b;
}

/* ---------------------------------------------------------------------- */
/* Rows and the log */

int edit_capture(struct edit *e, const char *entity, const char *guid, struct strbuf *out)
{
	sb_reset(out);
	return store_row_json(e->st, entity, guid, out, e->err);
}

/* Log a change of entity guid: before as given (NULL: inserted); after
 * captured now unless the row was deleted. */
int edit_log_row(struct edit *e, const char *entity, const char *guid, const char *before,
                 bool deleted)
{
	struct strbuf after = {0};
	int rc = deleted ? ANKER_OK : edit_capture(e, entity, guid, &after);
	if (rc == ANKER_OK)
		rc = store_log(e->st, e->action, entity, guid, before, deleted ? NULL : sb_str(&after),
		               e->err);
	sb_free(&after);
	return rc;
}

/* Run one statement with :v bound, and :id unless id is 0. */
int edit_run_id(struct edit *e, const char *sql, int64_t id, const char *v)
{
	return id ? store_run(e->st, e->err, sql, STORE_INT(":id", id), STORE_TEXT(":v", v))
	          : store_run(e->st, e->err, sql, STORE_TEXT(":v", v));
}

/* Column 0 of every row of sql (with :id bound), as owned strings.  Edits
 * collect first and change after, so no statement is stepped over rows
 * it is changing. */
int edit_collect(struct edit *e, const char *sql, int64_t id, char ***out, size_t *n)
{
	return store_get_texts(e->st, out, n, e->err, sql, STORE_INT(":id", id));
}

/* Change a code's column by sql (":id", ":v") and log it. */
int edit_update_code(struct edit *e, int i, const char *sql, const char *v)
{
	struct strbuf before = {0};
	const struct codebook_code *c = &e->cb.codes[i];
	int rc = edit_capture(e, "code", c->guid, &before);
	if (rc == ANKER_OK)
		rc = edit_run_id(e, sql, c->id, v);
	if (rc == ANKER_OK)
		rc = edit_log_row(e, "code", c->guid, sb_str(&before), false);
	sb_free(&before);
	return rc;
}

/* Delete one row by GUID (sql has ":v"), logged with its before. */
int edit_delete_row(struct edit *e, const char *entity, const char *sql, const char *guid)
{
	struct strbuf before = {0};
	int rc = edit_capture(e, entity, guid, &before);
	if (rc == ANKER_OK)
		rc = edit_run_id(e, sql, 0, guid);
	if (rc == ANKER_OK)
		rc = edit_log_row(e, entity, guid, sb_str(&before), true);
	sb_free(&before);
	return rc;
}


/* ---------------------------------------------------------------------- */
/* Names, numbers, colors */

/* name as stored: NFC, trimmed, one line, no ">>". */
static int clean_name(struct edit *e, const char *in, char **out)
{
	int rc = corpus_name_clean("code name", in, out, e->err);
	if (!rc && (rc = codebook_name_check(*out, strlen(*out), e->err))) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int codebook_name_check(const char *name, size_t len, struct anker_err *err)
{
	int rc = corpus_name_check("code name", name, len, err);
	for (size_t k = 0; !rc && k + 1 < len; k++)
		if (name[k] == '>' && name[k + 1] == '>')
			return anker_err_set(err, ANKER_INPUT, "code name '%.*s' contains '>>', which "
			                     "separates the names in a path", (int)len, name);
	return rc;
}

/* Refuse name when a child of parent (-1: top level) other than except has it. */
static int check_sibling(struct edit *e, int parent, const char *name, int except)
{
	for (size_t j = 0; j < e->cb.ncodes; j++)
		if (e->cb.codes[j].parent == parent && (int)j != except &&
		    strcmp(e->cb.codes[j].name, name) == 0)
			return anker_err_set(e->err, ANKER_EXISTS, "%s has a code named '%s' already (%s)",
			                     parent < 0 ? "the top level" : edit_label_of(&e->cb, parent), name,
			                     edit_label_of(&e->cb, (int)j));
	return ANKER_OK;
}

bool codebook_number_valid(const char *s)
{
	if (!s || !*s)
		return false;
	for (;;) {
		size_t n = 0;
		while (isdigit((unsigned char)s[n]))
			n++;
		if (n == 0 || n > 6 || s[0] == '0')   /* no 0, no leading zeros: 2.01 is 2.1 */
			return false;
		s += n;
		if (*s == '\0')
			return true;
		if (*s++ != '.')
			return false;
	}
}

bool codebook_color_valid(const char *s)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return false;
	for (int k = 1; k < 7; k++)
		if (!isxdigit((unsigned char)s[k]))
			return false;
	return true;
}

/* Colors are stored "#rrggbb". */
static char *lower_dup(const char *s)
{
	char *d = xstrdup(s);
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static int number_owner(const struct codebook *cb, const char *number)
{
	for (size_t j = 0; *number && j < cb->ncodes; j++)
		if (strcmp(cb->codes[j].number, number) == 0)
			return (int)j;
	return -1;
}

/* The last part of a number one level under parent's (prefix pn), or NULL. */
static const char *child_part(const char *number, const char *pn)
{
	size_t pl = strlen(pn);
	if (pl && (strncmp(number, pn, pl) != 0 || number[pl] != '.'))
		return NULL;
	const char *last = pl ? number + pl + 1 : number;
	return codebook_number_valid(last) && !strchr(last, '.') ? last : NULL;
}

/* Does number fit under parent (-1: top level)? */
static int number_fits(struct edit *e, int parent, const char *number)
{
	if (!codebook_number_valid(number))
		return anker_err_set(e->err, ANKER_INPUT, "'%s' is not a code number (numbers "
		                     "joined by dots, no leading zeros, e.g. 2.14)", number);
	const char *pn = parent >= 0 ? e->cb.codes[parent].number : "";
	if (parent >= 0 && !*pn)
		return ANKER_OK;
	if (child_part(number, pn))
		return ANKER_OK;
	if (parent < 0)
		return anker_err_set(e->err, ANKER_INPUT, "number %s does not fit the top level "
		                     "(a top-level code's number is one number, e.g. 5)", number);
	return anker_err_set(e->err, ANKER_INPUT, "number %s does not fit under %s "
	                     "(expected %s.N)", number, edit_label_of(&e->cb, parent), pn);
}

/* The next free number among parent's children: after 2.13 comes 2.14;
 * "" under an unnumbered parent. */
static char *next_free(const struct codebook *cb, int parent)
{
	const char *pn = parent >= 0 ? cb->codes[parent].number : "";
	struct strbuf sb = {0};
	unsigned long max = 0;
	if (parent >= 0 && !*pn)
		return xstrdup("");
	for (size_t j = 0; j < cb->ncodes; j++) {
		const char *last = child_part(cb->codes[j].number, pn);
		if (cb->codes[j].parent == parent && last && strtoul(last, NULL, 10) > max)
			max = strtoul(last, NULL, 10);
	}
	do {
		sb_reset(&sb);
		sb_addf(&sb, "%s%s%lu", pn, *pn ? "." : "", ++max);
	} while (number_owner(cb, sb_str(&sb)) >= 0);
	return sb_steal(&sb);
}

/* ---------------------------------------------------------------------- */
/* Renumbering a subtree */

/* The numbers of root's subtree once root has number top: plan[k] for
 * every code k in it, NULL outside.  A subcode keeps its last part under
 * its parent's new number; an unnumbered one under a numbered parent gets
 * the next free part; under an unnumbered parent numbers stay.  The tree
 * is in depth-first order, so the subtree follows root and a parent is
 * planned before its children. */
static char **plan_numbers(const struct codebook *cb, int root, const char *top)
{
	char **plan = xcalloc(cb->ncodes, sizeof *plan);
	plan[root] = xstrdup(top);
	for (size_t k = (size_t)root + 1; k < cb->ncodes && edit_in_subtree(cb, (int)k, root); k++) {
		int p = cb->codes[k].parent;
		const char *pn = plan[p], *old = cb->codes[k].number;
		struct strbuf sb = {0};
		if (!*pn) {
			sb_adds(&sb, old);
		} else if (*old) {
			const char *dot = strrchr(old, '.');
			sb_addf(&sb, "%s.%s", pn, dot ? dot + 1 : old);
		} else {
			unsigned long max = 0;
			for (size_t j = (size_t)root + 1; j < k; j++) {
				const char *last = cb->codes[j].parent == p ? child_part(plan[j], pn) : NULL;
				if (last && strtoul(last, NULL, 10) > max)
					max = strtoul(last, NULL, 10);
			}
			sb_addf(&sb, "%s.%lu", pn, max + 1);
		}
		plan[k] = sb_steal(&sb);
	}
	return plan;
}

static void plan_free(const struct codebook *cb, char **plan)
{
	store_texts_free(plan, cb->ncodes);
}

/* Refuse a plan that gives a number another code keeps or gets. */
static int plan_check(struct edit *e, char **plan)
{
	const struct codebook *cb = &e->cb;
	for (size_t k = 0; k < cb->ncodes; k++) {
		if (!plan[k] || !*plan[k] || strcmp(plan[k], cb->codes[k].number) == 0)
			continue;
		for (size_t j = 0; j < cb->ncodes; j++) {
			const char *other = plan[j] ? plan[j] : cb->codes[j].number;
			if (j == k || strcmp(other, plan[k]) != 0)
				continue;
			if (plan[j])
				return anker_err_set(e->err, ANKER_EXISTS, "renumbering would give %s and "
				                     "%s the same number %s", edit_label_of(cb, (int)k),
				                     edit_label_of(cb, (int)j), plan[k]);
			return anker_err_set(e->err, ANKER_EXISTS, "number %s is in use by %s "
			                     "(needed for %s)", plan[k], edit_label_of(cb, (int)j),
			                     edit_label_of(cb, (int)k));
		}
	}
	return ANKER_OK;
}

#define SQL_SET_NUMBER "UPDATE code SET number = :v, " \
	"modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id"

/* Write a plan; with move, root also goes under parent (-1: top level),
 * last among its new siblings.  Numbers change in two passes, through a
 * temporary "~GUID", so that no intermediate state breaks the unique
 * index.  Every changed code is logged once. */
static int plan_apply(struct edit *e, int root, char **plan, bool move, int parent)
{
	const struct codebook *cb = &e->cb;
	struct strbuf *before = xcalloc(cb->ncodes, sizeof *before);
	struct strbuf tmp = {0};
	int rc = ANKER_OK;
	size_t k;
	bool *renum = xcalloc(cb->ncodes, sizeof *renum);

	for (k = 0; k < cb->ncodes; k++)
		renum[k] = plan[k] && strcmp(plan[k], cb->codes[k].number) != 0;
	for (k = 0; k < cb->ncodes && !rc; k++)
		if (renum[k] || (move && (int)k == root))
			rc = edit_capture(e, "code", cb->codes[k].guid, &before[k]);
	for (k = 0; k < cb->ncodes && !rc; k++) {
		if (!renum[k])
			continue;
		sb_reset(&tmp);
		sb_addf(&tmp, "~%s", cb->codes[k].guid);
		rc = edit_run_id(e, SQL_SET_NUMBER, cb->codes[k].id, sb_str(&tmp));
	}
	for (k = 0; k < cb->ncodes && !rc; k++)
		if (renum[k])
			rc = edit_run_id(e, SQL_SET_NUMBER, cb->codes[k].id, plan[k]);
	if (!rc && move &&
	    store_run(e->st, e->err, "UPDATE code SET parent_id = :parent, position = "
	                             "(SELECT COALESCE(MAX(position), -1) + 1 FROM code WHERE "
	                             "parent_id IS :parent AND id <> :id), modified = "
	                             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id",
	              parent >= 0 ? STORE_INT(":parent", cb->codes[parent].id)
	                          : STORE_NULL(":parent"),
	              STORE_INT(":id", cb->codes[root].id)))
		rc = ANKER_DB;
	for (k = 0; k < cb->ncodes && !rc; k++) {
		if (renum[k] || (move && (int)k == root))
			rc = edit_log_row(e, "code", cb->codes[k].guid, sb_str(&before[k]), false);
		e->rep->codes += renum[k] || (move && (int)k == root);
	}
	for (k = 0; k < cb->ncodes; k++)
		sb_free(&before[k]);
	free(before);
	free(renum);
	sb_free(&tmp);
	return rc;
}

/* Move code i with its subtree under parent (-1: top level): number, else
 * the next free one, numbers kept under an unnumbered parent.  *moved
 * gets its number (when not NULL). */
int edit_move_code(struct edit *e, int i, int parent, const char *number, char **moved)
{
	int rc = check_sibling(e, parent, e->cb.codes[i].name, i);
	if (rc)
		return rc;
	char *top;
	if (number) {
		if ((rc = number_fits(e, parent, number)))
			return rc;
		top = xstrdup(number);
	} else if (parent >= 0 && !*e->cb.codes[parent].number) {
		top = xstrdup(e->cb.codes[i].number);
	} else {
		top = next_free(&e->cb, parent);
	}
	char **plan = plan_numbers(&e->cb, i, top);
	rc = plan_check(e, plan);
	if (!rc)
		rc = plan_apply(e, i, plan, true, parent);
	if (!rc && moved)
		edit_set_str(moved, top);
	plan_free(&e->cb, plan);
	free(top);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Add, rename, renumber, move, color */

/* Split "PARENT >> NAME" at the last ">>": parent index (-1: none given). */
static int add_parent(struct edit *e, const char *arg, const char **name, int *parent)
{
	const char *sep = NULL;
	for (const char *p = strstr(arg, ">>"); p; p = strstr(p + 1, ">>"))
		sep = p;
	*name = arg;
	*parent = -1;
	if (!sep)
		return ANKER_OK;
	*name = sep + 2;
	char *key = xstrndup(arg, (size_t)(sep - arg));
	size_t len = strlen(key);
	while (len > 0 && isspace((unsigned char)key[len - 1]))
		key[--len] = '\0';
	*parent = codebook_find(&e->cb, key + strspn(key, " \t"), e->err);
	free(key);
	return *parent < 0 ? e->err->status : ANKER_OK;
}

static int insert_code(struct edit *e, int parent, const char *name, const char *number,
                       const struct codebook_add *a)
{
	char guid[37], now[32];
	size_t ntop = 0;
	for (size_t j = 0; j < e->cb.ncodes; j++)
		ntop += e->cb.codes[j].parent < 0;
	size_t nsib = 0;
	for (size_t j = 0; parent >= 0 && j < e->cb.ncodes; j++)
		nsib += e->cb.codes[j].parent == parent;
	char derived[8];
	if (parent >= 0)
		store_color_child(e->cb.codes[parent].color, nsib, derived);
	const char *color = a->color ? a->color : parent >= 0 ? derived : codebook_palette(ntop);
	char *lower = lower_dup(color);
	store_guid(guid);
	store_now(now);
	int rc = ANKER_OK;
	if (store_run(e->st, e->err, "INSERT INTO code(guid, number, name, parent_id, position, "
	                             "color, definition, created, modified) VALUES (:guid, :number, "
	                             ":name, :parent, (SELECT COALESCE(MAX(position), -1) + 1 FROM "
	                             "code WHERE parent_id IS :parent), :color, :def, :now, :now)",
	              STORE_TEXT(":guid", guid), STORE_TEXT(":number", number),
	              STORE_TEXT(":name", name),
	              parent >= 0 ? STORE_INT(":parent", e->cb.codes[parent].id)
	                          : STORE_NULL(":parent"),
	              STORE_TEXT(":color", lower),
	              STORE_TEXT(":def", a->definition ? a->definition : ""),
	              STORE_TEXT(":now", now)))
		rc = ANKER_DB;
	free(lower);
	if (!rc)
		rc = edit_log_row(e, "code", guid, NULL, false);
	if (!rc) {
		memcpy(e->rep->guid, guid, sizeof guid);
		e->rep->codes = 1;
	}
	return rc;
}

int codebook_code_add(struct store *st, const struct codebook_add *a, struct codebook_edit *out,
                      struct anker_err *err)
{
	struct edit e;
	const char *raw;
	char *name = NULL, *number = NULL;
	int parent, rc = edit_begin(&e, st, "codes add", out, err);
	if (rc)
		return rc;
	if (!(rc = add_parent(&e, a->name, &raw, &parent)) && !(rc = clean_name(&e, raw, &name)))
		rc = check_sibling(&e, parent, name, -1);
	if (!rc && a->color && !codebook_color_valid(a->color))
		rc = anker_err_set(e.err, ANKER_INPUT, "color '%s': expected #RRGGBB", a->color);
	if (!rc)
		rc = corpus_utf8_check("definition", a->definition, e.err);
	if (!rc && a->number && *a->number && !(rc = number_fits(&e, parent, a->number)) &&
	    number_owner(&e.cb, a->number) >= 0)
		rc = anker_err_set(e.err, ANKER_EXISTS, "number %s is in use by %s", a->number,
		                   edit_label_of(&e.cb, number_owner(&e.cb, a->number)));
	if (!rc) {
		number = a->number ? xstrdup(a->number) : next_free(&e.cb, parent);
		rc = insert_code(&e, parent, name, number, a);
	}
	if (!rc) {
		edit_set_str(&e.rep->number, number);
		edit_set_str(&e.rep->old_number, number);
		edit_set_str(&e.rep->name, name);
		edit_set_str(&e.rep->old_name, name);
	}
	free(name);
	free(number);
	return edit_end(&e, rc);
}

int codebook_code_rename(struct store *st, const char *key, const char *name,
                         struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	char *clean = NULL;
	int rc = edit_begin(&e, st, "codes rename", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		rc = e.err->status;
	if (!rc && !(rc = clean_name(&e, name, &clean)) &&
	    strcmp(clean, e.cb.codes[i].name) != 0 &&
	    !(rc = check_sibling(&e, e.cb.codes[i].parent, clean, i))) {
		rc = edit_update_code(&e, i, "UPDATE code SET name = :v, modified = "
		                        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id", clean);
		e.rep->codes = 1;
		edit_set_str(&e.rep->name, clean);
	}
	free(clean);
	return edit_end(&e, rc);
}

int codebook_code_renumber(struct store *st, const char *key, const char *number,
                           struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	int rc = edit_begin(&e, st, "codes renumber", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		return edit_end(&e, e.err->status);
	if ((rc = number_fits(&e, e.cb.codes[i].parent, number)) ||
	    strcmp(number, e.cb.codes[i].number) == 0)
		return edit_end(&e, rc);
	char **plan = plan_numbers(&e.cb, i, number);
	if (!(rc = plan_check(&e, plan)))
		rc = plan_apply(&e, i, plan, false, -1);
	if (!rc)
		edit_set_str(&e.rep->number, number);
	plan_free(&e.cb, plan);
	return edit_end(&e, rc);
}

int codebook_code_move(struct store *st, const char *key, const char *parent, const char *number,
                       struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	int rc = edit_begin(&e, st, "codes move", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true), p = -1;
	if (i < 0 || (parent && (p = codebook_find(&e.cb, parent, e.err)) < 0))
		return edit_end(&e, e.err->status);
	if (p == i)
		rc = anker_err_set(e.err, ANKER_INPUT, "cannot move %s under itself",
		                   edit_label_of(&e.cb, i));
	else if (p >= 0 && edit_in_subtree(&e.cb, p, i))
		rc = anker_err_set(e.err, ANKER_INPUT, "cannot move %s under its own subcode %s",
		                   edit_label_of(&e.cb, i), edit_label_of(&e.cb, p));
	else if (p != e.cb.codes[i].parent || number)
		rc = edit_move_code(&e, i, p, number, &e.rep->number);
	return edit_end(&e, rc);
}

int codebook_code_color(struct store *st, const char *key, const char *color,
                        struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	int rc = edit_begin(&e, st, "codes color", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		return edit_end(&e, e.err->status);
	if (!codebook_color_valid(color))
		return edit_end(&e, anker_err_set(e.err, ANKER_INPUT, "color '%s': expected #RRGGBB "
		                                  "(six hex digits)", color));
	char *lower = lower_dup(color);
	if (strcmp(lower, e.cb.codes[i].color) != 0) {
		rc = edit_update_code(&e, i, "UPDATE code SET color = :v, modified = "
		                        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = :id", lower);
		e.rep->codes = 1;
	}
	free(lower);
	return edit_end(&e, rc);
}
