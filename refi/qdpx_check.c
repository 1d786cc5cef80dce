/* refi/qdpx_check.c — checks of a .qdpx before it is read: no GUID given
 * twice, no variable twice for one source.
 *
 * Two users, sources, selections, notes or sets with one GUID would
 * become one row (the second overwriting the first) while the report
 * counted both; a .qdc that gives a code's GUID twice is refused
 * (refi/codes.c), and so is a .qdpx that does it for anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

/* Add the GUID of el (when it has a valid one: a missing or malformed
 * GUID is refused where it is read, if it matters) to seen; ANKER_INPUT
 * naming both places when it is there already. */
static int guid_once(struct qr *q, xmlNodePtr el, const char *what, struct refi_guids *seen)
{
	uint64_t p[2];
	char g[37];
	long first;
	bool valid = refi_guid_scan(refi_xml_attr(el, "guid"), p);
	if (!valid) {   /* a value with references is not one text node in the tree */
		char *v = refi_xml_prop(el, "guid");
		valid = refi_guid_scan(v, p);
		free(v);
	}
	if (!valid || refi_guids_add_packed(seen, p, xmlGetLineNo(el), &first))
		return ANKER_OK;
	refi_guid_unpack(p, g);
	return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: %s GUID %s is given twice (also "
	                     "at line %ld)", q->path, xmlGetLineNo(el), what, g, first);
}

/* Each element called item among the children of parent, once. */
static int children_once(struct qr *q, xmlNodePtr parent, const char *item, const char *what,
                         struct refi_guids *seen)
{
	for (xmlNodePtr el = parent ? parent->children : NULL; el; el = el->next)
		if ((item ? refi_xml_is(el, item) : el->type == XML_ELEMENT_NODE) &&
		    guid_once(q, el, what, seen))
			return ANKER_INPUT;
	return ANKER_OK;
}

int qr_check_source(struct qr *q, xmlNodePtr s)
{
	if (guid_once(q, s, "source", &q->seen[0]))
		return ANKER_INPUT;
	for (xmlNodePtr sel = s->children; sel; sel = sel->next)
		if (refi_xml_is(sel, "PlainTextSelection") &&
		    (guid_once(q, sel, "selection", &q->seen[1]) ||
		     children_once(q, sel, "Coding", "coding", &q->seen[2])))
			return ANKER_INPUT;
	return ANKER_OK;
}

int qr_check_guids(struct qr *q, xmlNodePtr root)
{
	static const struct { const char *list, *item, *what; } lists[] = {
		{ "Users", "User", "user" }, { "Variables", "Variable", "variable" },
		{ "Sets", "Set", "set" },
	};
	enum { NLISTS = sizeof lists / sizeof *lists };
	struct refi_guids seen[NLISTS] = {{0}};
	int rc = ANKER_OK;
	for (size_t k = 0; k < NLISTS && !rc; k++)
		rc = children_once(q, refi_xml_child(root, lists[k].list), lists[k].item,
		                   lists[k].what, &seen[k]);
	for (size_t k = 0; k < NLISTS; k++)
		refi_guids_free(&seen[k]);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* A variable given twice for one source: a document has one value of
 * each (doc_var's key), and SQLite's "UNIQUE constraint failed" would say
 * nothing about the file. */

struct var_at {
	const char *name;
	long line;
};

static int var_cmp(const void *a, const void *b)
{
	const struct var_at *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int source_vars_once(struct qr *q, const struct qr_hsrc *src, struct var_at **v,
                            size_t *cap)
{
	const struct qr_hvar *vv = src->var;
	size_t n = 0;
	for (size_t j = 0; j < src->nvar; j++) {
		long i = vv[j].ref.bad ? -1 : refi_guids_get_packed(&q->var_ix, vv[j].ref.g);
		if (i < 0)
			continue;   /* refused where the value is read */
		if (n == *cap)
			*v = xreallocarray(*v, *cap = *cap ? 2 * *cap : 16, sizeof **v);
		(*v)[n++] = (struct var_at){ q->vars[i].name, vv[j].line };
	}
	if (n > 1)
		qsort(*v, n, sizeof **v, var_cmp);
	for (size_t k = 1; k < n; k++)
		if (strcmp((*v)[k - 1].name, (*v)[k].name) == 0) {
			const char *name = qr_held_str(src, src->name);
			return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: source '%s' gives "
			                     "variable '%s' twice (also at line %ld)", q->path,
			                     (*v)[k].line, name ? name : "", (*v)[k].name,
			                     (*v)[k - 1].line);
		}
	return ANKER_OK;
}

int qr_check_vars(struct qr *q, const struct qr_hsrc *s)
{
	struct var_at *v = NULL;
	size_t cap = 0;
	int rc = source_vars_once(q, s, &v, &cap);
	free(v);
	return rc;
}
