/* refi/qdpx_held.c — the Sources of a .qdpx held between the one pass
 * over project.qde and reading them.
 *
 * What a selection refers to comes after the Sources in the file (its
 * Notes, its source's Set), so a Source cannot be read when the stream
 * reaches it.  Reading project.qde twice cost a second parse of the
 * Sources and their expansion into XML subtrees; holding the subtrees
 * would take a kilobyte and more per selection.  So each element of
 * <Sources> is taken apart as the pass reaches it, into what the import
 * takes from it, typed and packed (struct qr_held), and read from there
 * once the pass is over (refi/qdpx_sources.c).  Each check is made where
 * it was made on the XML, with the same message: a GUID attribute keeps
 * its value as given when it is not a GUID, so that it is refused in the
 * same place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

/* Room for one more of an array of the held, its count n. */
static void *room(void *a, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return a;
	*cap = *cap ? 2 * *cap : 64;
	return xreallocarray(a, *cap, size);
}

/* A string into the arena of h (taken and freed); QR_NONE for NULL. */
static size_t keep(struct qr_hsrc *h, char *s)
{
	if (!s)
		return QR_NONE;
	size_t at = h->arena.len;
	sb_add(&h->arena, s, strlen(s) + 1);
	free(s);
	return at;
}

const char *qr_held_str(const struct qr_hsrc *s, size_t at)
{
	return at == QR_NONE ? NULL : s->arena.buf + at;
}

/* The line of n, as held (a file of more than 4G lines says the last). */
static uint32_t line_of(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);
	return line < 0 ? 0 : line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

void qr_hguid_take(struct qr *q, xmlNodePtr n, const char *attr, struct qr_hguid *h)
{
	*h = (struct qr_hguid){ .line = line_of(n) };
	/* Most are GUIDs as they stand, read from the tree without a copy. */
	if (refi_guid_scan(refi_xml_attr(n, attr), h->g))
		return;
	char *v = refi_xml_prop(n, attr);
	if (!v) {
		h->bad = QR_ABSENT;
	} else if (!refi_guid_scan(v, h->g)) {
		struct qr_held *k = &q->held;
		k->bad = xreallocarray(k->bad, k->nbad + 1, sizeof *k->bad);
		k->bad[k->nbad++] = v;
		h->bad = (uint32_t)k->nbad;
		return;
	}
	free(v);
}

/* The GUID attribute attr of n among the ids: each value once. */
static uint32_t hold_id(struct qr *q, xmlNodePtr n, const char *attr)
{
	struct qr_held *k = &q->held;
	struct qr_hguid h;
	qr_hguid_take(q, n, attr, &h);
	h.line = 0;
	if (!h.bad) {
		long i = refi_guids_get_packed(&k->id_ix, h.g);
		if (i >= 0)
			return (uint32_t)i;
		refi_guids_add_packed(&k->id_ix, h.g, (long)k->nids, NULL);
	}
	k->ids = room(k->ids, k->nids, &k->ids_cap, sizeof *k->ids);
	k->ids[k->nids] = h;
	return (uint32_t)k->nids++;
}

struct qr_hguid qr_held_id(const struct qr *q, uint32_t i, uint32_t line)
{
	struct qr_hguid h = q->held.ids[i];
	h.line = line;
	return h;
}

const char *qr_hguid_text(const struct qr *q, const struct qr_hguid *h, char buf[37])
{
	if (h->bad == QR_ABSENT)
		return NULL;
	if (h->bad)
		return q->held.bad[h->bad - 1];
	refi_guid_unpack(h->g, buf);
	return buf;
}

bool qr_hguid_get(struct qr *q, const struct qr_hguid *h, const char *el, const char *attr,
                  char out[37])
{
	if (!h->bad) {
		refi_guid_unpack(h->g, out);
		return true;
	}
	const char *v = qr_hguid_text(q, h, out);
	anker_err_set(q->err, ANKER_INPUT, "%s: line %lu: <%s> %s '%s' is not a GUID", q->path,
	              (unsigned long)h->line, el, attr, v ? v : "(missing)");
	return false;
}

/* ---------------------------------------------------------------------- */
/* Taken apart */

/* The NoteRefs among the children of el, held for source h; how many. */
static uint32_t hold_refs(struct qr *q, struct qr_hsrc *h, xmlNodePtr el)
{
	uint32_t n = 0;
	for (xmlNodePtr r = el->children; r; r = r->next)
		if (refi_xml_is(r, "NoteRef")) {
			h->ref = room(h->ref, h->nrefs, &h->cap[0], sizeof *h->ref);
			qr_hguid_take(q, r, "targetGUID", &h->ref[h->nrefs++]);
			n++;
		}
	return n;
}

/* A VariableValue: its VariableRef, and the first other element child,
 * its value. */
static void hold_var(struct qr *q, struct qr_hsrc *h, xmlNodePtr vv)
{
	h->var = room(h->var, h->nvar, &h->cap[1], sizeof *h->var);
	struct qr_hvar *v = &h->var[h->nvar++];
	xmlNodePtr r = refi_xml_child(vv, "VariableRef");
	*v = (struct qr_hvar){ .line = line_of(vv), .value = QR_NONE };
	if (r)
		qr_hguid_take(q, r, "targetGUID", &v->ref);
	else
		v->ref.bad = QR_ABSENT;
	for (xmlNodePtr c = vv->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c != r) {
			v->date = strcmp((const char *)c->name, "DateTimeValue") == 0;
			v->value = keep(h, refi_xml_content(c));
			break;
		}
}

/* A time of a selection: the one before's when it is the same (most
 * are), so that it is kept once. */
static size_t keep_time(struct qr_hsrc *h, const char *t, size_t before)
{
	if (before != QR_NONE && strcmp(h->arena.buf + before, t) == 0)
		return before;
	return keep(h, xstrdup(t));
}

static void hold_coding(struct qr *q, struct qr_hsrc *h, xmlNodePtr c)
{
	h->cod = room(h->cod, h->ncod, &h->cap[2], sizeof *h->cod);
	struct qr_hcod *d = &h->cod[h->ncod++];
	xmlNodePtr cref = refi_xml_child(c, "CodeRef");
	qr_hguid_take(q, c, "guid", &d->guid);
	d->user = hold_id(q, c, "creatingUser");
	d->code = hold_id(q, cref ? cref : c, "targetGUID");
	d->code_line = line_of(cref ? cref : c);
	d->coderef = cref != NULL;
}

static void hold_selection(struct qr *q, struct qr_hsrc *h, xmlNodePtr sel)
{
	char t[64];
	h->sel = room(h->sel, h->nsel, &h->cap[3], sizeof *h->sel);
	struct qr_hsel *s = &h->sel[h->nsel];
	size_t last = h->nsel ? h->sel[h->nsel - 1].modified : QR_NONE;
	*s = (struct qr_hsel){ .start = -1, .end = -1 };
	qr_hguid_take(q, sel, "guid", &s->guid);
	s->user = hold_id(q, sel, "creatingUser");
	const char *attr[2] = { "startPosition", "endPosition" };
	int64_t *pos[2] = { &s->start, &s->end };
	for (int i = 0; i < 2; i++) {
		char *v = refi_xml_prop(sel, attr[i]), *e;
		long long p = v ? strtoll(v, &e, 10) : -1;
		*pos[i] = v && !*e && p >= 0 ? p : -1;
		free(v);
	}
	qr_time_attr(q, sel, "creationDateTime", t);
	s->created = keep_time(h, t, last);
	qr_time_attr(q, sel, xmlHasProp(sel, BAD_CAST "modifiedDateTime") ? "modifiedDateTime" :
	             "creationDateTime", t);
	s->modified = keep_time(h, t, s->created);
	s->memo = keep(h, refi_xml_child_text(sel, "Description"));
	for (xmlNodePtr c = sel->children; c; c = c->next)
		if (refi_xml_is(c, "Coding")) {
			hold_coding(q, h, c);
			s->ncod++;
		}
	s->nref = hold_refs(q, h, sel);
	h->nsel++;
}

int qr_hold_source(struct qr *q, xmlNodePtr s)
{
	int rc = qr_check_source(q, s);
	if (rc)
		return rc;
	struct qr_held *k = &q->held;
	k->src = room(k->src, k->nsrc, &k->src_cap, sizeof *k->src);
	struct qr_hsrc *h = &k->src[k->nsrc++];
	*h = (struct qr_hsrc){ .path = QR_NONE, .desc = QR_NONE, .created = QR_NONE };
	h->el = keep(h, xstrdup((const char *)s->name));
	h->name = keep(h, refi_xml_prop(s, "name"));
	qr_hguid_take(q, s, "guid", &h->guid);
	if (!refi_xml_is(s, "TextSource"))
		return ANKER_OK;   /* skipped when read, with a warning */
	char t[64];
	h->path = keep(h, refi_xml_prop(s, "plainTextPath"));
	h->desc = keep(h, refi_xml_child_text(s, "Description"));
	qr_time_attr(q, s, "creationDateTime", t);
	h->created = keep(h, xstrdup(t));
	h->text = refi_xml_child_raw(s, "PlainTextContent");
	for (xmlNodePtr c = s->children; c; c = c->next)
		if (refi_xml_is(c, "VariableValue"))
			hold_var(q, h, c);
	h->nref = hold_refs(q, h, s);
	for (xmlNodePtr c = s->children; c; c = c->next)
		if (refi_xml_is(c, "PlainTextSelection"))
			hold_selection(q, h, c);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Read */

static void src_free(struct qr_hsrc *h)
{
	free(h->text);
	free(h->var);
	free(h->ref);
	free(h->sel);
	free(h->cod);
	sb_free(&h->arena);
	*h = (struct qr_hsrc){0};
}

int qr_held_read(struct qr *q)
{
	int rc = ANKER_OK;
	for (size_t i = 0; i < q->held.nsrc && !rc; i++) {
		struct qr_hsrc *s = &q->held.src[i];
		rc = qr_check_vars(q, s);
		if (!rc)
			rc = qr_read_source(q, s);
		src_free(s);   /* memory for the rows of the next */
		if (!rc)
			rc = q->apply_rc;
	}
	return rc;
}

void qr_held_free(struct qr *q)
{
	struct qr_held *k = &q->held;
	for (size_t i = 0; i < k->nsrc; i++)
		src_free(&k->src[i]);
	for (size_t i = 0; i < k->nbad; i++)
		free(k->bad[i]);
	free(k->src);
	free(k->ids);
	refi_guids_free(&k->id_ix);
	free(k->bad);
	*k = (struct qr_held){0};
}
