/* refi/qdpx_check.c — checks of a .qdpx before it is read: no GUID given
 * twice.
 *
 * Two users, sources, selections, notes or sets with one GUID would
 * become one row (the second overwriting the first) while the report
 * counted both; a .qdc that gives a code's GUID twice is refused
 * (refi/codes.c), and so is a .qdpx that does it for anything.
 */
#include <stdio.h>
#include <stdlib.h>

#include "refi_int.h"

/* Add the GUID of el (when it has a valid one: a missing or malformed
 * GUID is refused where it is read, if it matters) to seen; ANKER_INPUT
 * naming both places when it is there already. */
static int guid_once(struct qr *q, xmlNodePtr el, const char *what, struct refi_guids *seen)
{
	char *v = refi_xml_prop(el, "guid"), g[37];
	bool valid = refi_guid_parse(v, g);
	long first;
	free(v);
	if (!valid || refi_guids_add(seen, g, xmlGetLineNo(el), &first))
		return ANKER_OK;
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

static int sources_once(struct qr *q, xmlNodePtr root, struct refi_guids seen[3])
{
	xmlNodePtr sources = refi_xml_child(root, "Sources");
	if (children_once(q, sources, NULL, "source", &seen[0]))
		return ANKER_INPUT;
	for (xmlNodePtr s = sources ? sources->children : NULL; s; s = s->next)
		for (xmlNodePtr sel = s->children; sel; sel = sel->next)
			if (refi_xml_is(sel, "PlainTextSelection") &&
			    (guid_once(q, sel, "selection", &seen[1]) ||
			     children_once(q, sel, "Coding", "coding", &seen[2])))
				return ANKER_INPUT;
	return ANKER_OK;
}

int qr_check_guids(struct qr *q, xmlNodePtr root)
{
	static const struct { const char *list, *item, *what; } lists[] = {
		{ "Users", "User", "user" }, { "Variables", "Variable", "variable" },
		{ "Notes", "Note", "note" }, { "Sets", "Set", "set" },
	};
	enum { NLISTS = sizeof lists / sizeof *lists };
	struct refi_guids seen[NLISTS + 3] = {{0}};
	int rc = ANKER_OK;
	for (size_t k = 0; k < NLISTS && !rc; k++)
		rc = children_once(q, refi_xml_child(root, lists[k].list), lists[k].item,
		                   lists[k].what, &seen[k]);
	if (!rc)
		rc = sources_once(q, root, &seen[NLISTS]);
	for (size_t k = 0; k < NLISTS + 3; k++)
		refi_guids_free(&seen[k]);
	return rc;
}
