/* refi/qdpx_stream.c — a .qdpx's project.qde read as a stream: libxml2's
 * xmlTextReader over the zip entry, each element the import reads
 * expanded into a subtree, handed to the functions that read it, and
 * freed as the reader moves on.  Memory does not grow with the file (a
 * 1M-segment project.qde is 500 MB; parsed whole it took twice that).
 *
 * One pass: it checks that the XML is well-formed (no network, no DTD:
 * a DOCTYPE is refused, so no entity can be declared, and none is
 * expanded), copies the small elements (Users, CodeBook, Variables, Sets)
 * into a document of their own, indexes the Notes and the Project's
 * NoteRefs (refi/qdpx_notes.c), and checks the Sources and holds them
 * taken apart (refi/qdpx_held.c): what they refer to comes after them in
 * the file (Notes, Sets, the Project's NoteRefs), so they are read once
 * the pass is over.  (A second pass over the Sources cost a fifth of the
 * import.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

/* One pass over the entry. */
struct qde {
	struct qr *q;
	zip_file_t *f;
	xmlTextReaderPtr r;
	const char *name;            /* of the entry */
	uint64_t read;               /* bytes inflated so far */
	bool too_large, damaged;
	bool failed;                 /* the first error libxml2 reported: */
	int line, col;
	char msg[512];
};

static int qde_read(void *arg, char *buf, int len)
{
	struct qde *x = arg;
	zip_int64_t got = zip_fread(x->f, buf, (zip_uint64_t)len);
	if (got < 0) {
		x->damaged = true;
		return -1;
	}
	/* The size the entry announced was checked (zip_check); this catches
	 * one that lies. */
	if ((x->read += (uint64_t)got) > x->q->qde_max) {
		x->too_large = true;
		return -1;
	}
	return (int)got;
}

#if LIBXML_VERSION >= 21200
static void qde_error(void *arg, const xmlError *e)
#else
static void qde_error(void *arg, xmlErrorPtr e)
#endif
{
	struct qde *x = arg;
	if (x->failed || !e || e->level < XML_ERR_ERROR)
		return;
	x->failed = true;
	x->line = e->line;
	x->col = e->int2;
	snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "not well-formed");
}

/* The reader stopped (ret 0 before the end, or -1): say why. */
static int qde_fail(struct qde *x, int ret)
{
	struct qr *q = x->q;
	if (x->too_large)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: too large: more than the %llu "
		                     "bytes free on the disk that holds the project", q->path,
		                     x->name, (unsigned long long)q->qde_max);
	if (x->damaged)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: damaged (%s)", q->path, x->name,
		                     zip_file_strerror(x->f));
	if (x->failed || ret < 0) {
		refi_xml_malformed(q->err, x->name, x->line, x->col,
		                   x->failed ? x->msg : "not well-formed");
		anker_err_prefix(q->err, "%s", q->path);
		return ANKER_INPUT;
	}
	return anker_err_set(q->err, ANKER_INPUT, "%s: %s: ends before </Project>", q->path,
	                     x->name);
}

static void qde_close(struct qde *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	if (x->f)
		zip_fclose(x->f);
	x->r = NULL;
	x->f = NULL;
}

/* Open entry i and move to its root element, which must be <Project>
 * after no DOCTYPE. */
static int qde_open(struct qr *q, zip_int64_t i, struct qde *x)
{
	*x = (struct qde){ .q = q,
	                   .name = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS) };
	if (!(x->f = zip_fopen_index(q->z, (zip_uint64_t)i, 0)))
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: %s", q->path, x->name,
		                     zip_strerror(q->z));
	/* No XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no
	 * network; errors come to qde_error instead of stderr. */
	x->r = xmlReaderForIO(qde_read, NULL, x, x->name, NULL, XML_PARSE_NONET |
	                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (!x->r)
		return anker_err_set(q->err, ANKER_NOMEM, "cannot set up the XML parser");
	xmlTextReaderSetStructuredErrorHandler(x->r, qde_error, x);
	int ret;
	bool doctype = false;
	while ((ret = xmlTextReaderRead(x->r)) == 1 &&
	       xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
		doctype |= xmlTextReaderNodeType(x->r) == XML_READER_TYPE_DOCUMENT_TYPE;
	if (ret != 1)
		return qde_fail(x, ret);
	/* The document through its root: xmlTextReaderCurrentDoc would make
	 * the reader keep it (and leave it to be freed here). */
	xmlDocPtr d = xmlTextReaderCurrentNode(x->r)->doc;
	if (doctype || (d && (d->intSubset || d->extSubset)))
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: a DOCTYPE is not accepted "
		                     "(entities are never expanded)", q->path, x->name);
	if (!refi_xml_is(xmlTextReaderCurrentNode(x->r), "Project"))
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: the root element is not <Project>",
		                     q->path, x->name);
	return ANKER_OK;
}

/* Move to the next element child of the element at depth d (first: to
 * its first one): 1 when there is one, 0 at the end of the parent, -1 on
 * an error (in x->q->err). */
static int qde_child(struct qde *x, int d, bool first)
{
	if (first && xmlTextReaderIsEmptyElement(x->r))
		return 0;
	int ret = first ? xmlTextReaderRead(x->r) : xmlTextReaderNext(x->r);
	for (; ret == 1; ret = xmlTextReaderNext(x->r)) {
		if (xmlTextReaderDepth(x->r) <= d)
			return 0;
		if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT)
			return 1;
	}
	qde_fail(x, ret);
	return -1;
}

/* The element the reader is at, with all it holds. */
static xmlNodePtr qde_expand(struct qde *x)
{
	xmlNodePtr n = xmlTextReaderExpand(x->r);
	if (!n)
		qde_fail(x, -1);
	return n;
}

/* fn with each child element of the element at depth d called item (any
 * when NULL), expanded; stops at the first status that is not ANKER_OK. */
static int qde_each(struct qde *x, int d, const char *item, int (*fn)(struct qr *, xmlNodePtr))
{
	int k, rc = ANKER_OK;
	for (bool first = true; !rc && (k = qde_child(x, d, first)) != 0; first = false) {
		xmlNodePtr n = k > 0 ? qde_expand(x) : NULL;
		if (!n)
			return x->q->err->status ? x->q->err->status : ANKER_INPUT;
		if (!item || refi_xml_is(n, item))
			rc = fn(x->q, n);
	}
	return rc;
}

static bool kept(const char *name)
{
	static const char *const names[] = { "Users", "CodeBook", "Variables", "Sets" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* The pass over the Project's children. */
static int index_children(struct qde *x, xmlNodePtr root)
{
	bool notes = false, sources = false;
	int k, rc = ANKER_OK;
	for (bool first = true; !rc && (k = qde_child(x, 0, first)) != 0; first = false) {
		if (k < 0)
			return ANKER_INPUT;
		const char *name = (const char *)xmlTextReaderConstLocalName(x->r);
		if (strcmp(name, "Notes") == 0 && !notes) {
			notes = true;
			rc = qde_each(x, 1, "Note", qr_note_add);
		} else if (strcmp(name, "Sources") == 0 && !sources) {
			sources = true;
			rc = qde_each(x, 1, NULL, qr_hold_source);
		} else if (strcmp(name, "NoteRef") == 0) {
			xmlNodePtr n = qde_expand(x);
			rc = n ? qr_project_ref(x->q, n) : ANKER_INPUT;
		} else if (kept(name)) {
			xmlNodePtr n = qde_expand(x);
			if (!n)
				return ANKER_INPUT;
			xmlAddChild(root, xmlDocCopyNode(n, root->doc, 1));
		}
	}
	/* Read to the end: the whole file must be well-formed. */
	while (!rc && (k = xmlTextReaderRead(x->r)) == 1)
		;
	return rc ? rc : k < 0 ? qde_fail(x, k) : ANKER_OK;
}

int qr_qde_index(struct qr *q, int64_t i, xmlDocPtr *doc)
{
	struct qde x;
	int rc = qde_open(q, i, &x);
	*doc = NULL;
	if (!rc) {
		*doc = xmlNewDoc(BAD_CAST "1.0");
		xmlNodePtr root = xmlDocCopyNode(xmlTextReaderCurrentNode(x.r), *doc, 2);
		xmlDocSetRootElement(*doc, root);
		qr_file_time(q, root, i);
		rc = index_children(&x, root);
	}
	qde_close(&x);
	for (int k = 0; k < 3; k++)   /* needed no more: free them before the rows are made */
		refi_guids_free(&q->seen[k]);
	return rc;
}
