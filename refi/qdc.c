/* refi/qdc.c — the REFI-QDA codebook exchange file (.qdc).
 *
 * Export writes the code tree with libxml2's xmlTextWriter; anker's own
 * fields travel in each Code's Description (refi/desc.c), so a
 * .qdc read back gives the same codebook, GUIDs included.
 *
 * Import parses with libxml2 without network, DTD loading or entity
 * expansion (a DOCTYPE is refused, so no entity can be declared), then
 * merges code by code inside one transaction: each code becomes a row in
 * store_row_json's form and is put in place with store_row_apply, so undo
 * and redo treat it like any other edit.  Element names are compared
 * without their namespace: exporters differ (codebook:1.0, codebook:0:4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

#define QDC_NS "urn:QDA-XML:codebook:1.0"

/* ---------------------------------------------------------------------- */
/* Export */

struct qx {
	struct store *st;
	struct refi_xw x;
	const struct codebook *cb;
	struct anker_err *err;
};

/* The Description of code i: its row's position and the anchors with
 * their citations and segments, which codebook_load does not keep. */
static int qx_desc(struct qx *x, size_t i, struct strbuf *sb)
{
	const struct codebook_code *c = &x->cb->codes[i];
	struct store_stmt *s;
	int rc;
	if (store_prepare(x->st, "SELECT position FROM code WHERE id = :id", &s, x->err) ||
	    store_bind_int(s, ":id", c->id, x->err))
		return ANKER_DB;
	rc = store_step(s, x->err);
	refi_desc_head(sb, c->number, rc == 1 ? (long long)store_col_int(s, 0) : 0,
	                        c->definition);
	store_done(s);
	if (rc < 0 || store_prepare(x->st, "SELECT text, citation, segment_guid FROM anchor "
	                                   "WHERE code_id = :id ORDER BY position, id", &s, x->err) ||
	    store_bind_int(s, ":id", c->id, x->err))
		return ANKER_DB;
	while ((rc = store_step(s, x->err)) == 1)
		refi_desc_anchor(sb, store_col_text(s, 0), store_col_text(s, 1),
		                          store_col_null(s, 2) ? NULL : store_col_text(s, 2));
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	for (size_t k = 0; k < c->nnotes; k++)
		refi_desc_note(sb, c->notes[k].label, c->notes[k].text);
	return ANKER_OK;
}

static bool qx_codable(struct qx *x, int64_t id)
{
	struct store_stmt *s;
	bool codable = true;
	if (store_prepare(x->st, "SELECT codable FROM code WHERE id = :id", &s, x->err) ||
	    store_bind_int(s, ":id", id, x->err))
		return true;
	if (store_step(s, x->err) == 1)
		codable = store_col_int(s, 0) != 0;
	store_done(s);
	return codable;
}

static int qx_code(struct qx *x, size_t i)
{
	const struct codebook_code *c = &x->cb->codes[i];
	struct strbuf desc = {0};
	int rc = qx_desc(x, i, &desc);
	if (rc) {
		sb_free(&desc);
		return rc;
	}
	refi_xw_start(&x->x, "Code");
	refi_xw_attr(&x->x, "guid", c->guid);
	refi_xw_attr(&x->x, "name", c->name);
	refi_xw_attr(&x->x, "isCodable", qx_codable(x, c->id) ? "true" : "false");
	if (c->color && codebook_color_valid(c->color))
		refi_xw_attr(&x->x, "color", c->color);
	refi_xw_text(&x->x, "Description", sb_str(&desc));
	sb_free(&desc);
	/* codebook_load lists codes in tree order: the children follow. */
	for (size_t j = i + 1; j < x->cb->ncodes && !rc; j++)
		if (x->cb->codes[j].parent == (int)i)
			rc = qx_code(x, j);
	refi_xw_end(&x->x);
	return rc;
}

int refi_qdc_export(struct store *st, struct strbuf *out, size_t *replaced,
                        struct anker_err *err)
{
	struct codebook cb;
	int rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if ((rc = codebook_load(st, 0, &cb, err))) {
		store_read_end(st);
		return rc;
	}
	xmlBufferPtr buf = xmlBufferCreate();
	struct qx x = { st, { buf ? xmlNewTextWriterMemory(buf, 0) : NULL, false, 0 }, &cb, err };
	if (!x.x.w) {
		rc = anker_err_set(err, ANKER_NOMEM, "cannot set up the XML writer");
		goto out;
	}
	xmlTextWriterSetIndent(x.x.w, 1);
	xmlTextWriterSetIndentString(x.x.w, BAD_CAST "  ");
	x.x.bad |= xmlTextWriterStartDocument(x.x.w, "1.0", "UTF-8", NULL) < 0;
	x.x.bad |= xmlTextWriterStartElementNS(x.x.w, NULL, BAD_CAST "CodeBook", BAD_CAST QDC_NS) < 0;
	refi_xw_attr(&x.x, "origin", "anker");
	refi_xw_start(&x.x, "Codes");
	for (size_t i = 0; i < cb.ncodes && !rc; i++)
		if (cb.codes[i].parent < 0)
			rc = qx_code(&x, i);
	x.x.bad |= xmlTextWriterEndDocument(x.x.w) < 0;
	xmlFreeTextWriter(x.x.w);   /* flushes into buf */
	if (!rc && x.x.bad)
		rc = anker_err_set(err, ANKER_NOMEM, "cannot write the codebook XML");
	if (!rc)
		sb_add(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	if (replaced)
		*replaced = x.x.replaced;
out:
	if (buf)
		xmlBufferFree(buf);
	store_read_end(st);
	codebook_free(&cb);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Import */

struct qi {
	struct store *st;
	const char *path;
	struct codebook cur;     /* the project before, for matching by path */
	struct codebook_import_report *rep;
	struct anker_err *err;
	size_t ntop;             /* top-level codes seen: the next palette color */
};


/* A Code's name as anker keeps it: one line, so a tab or line break
 * (possible as a character reference) becomes a space; NULL when the
 * attribute is missing. */
static char *qi_name(xmlNodePtr el)
{
	char *name = refi_xml_prop(el, "name");
	for (char *p = name; p && *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return name;
}

/* The project's code this one merges into: the same GUID, else the same
 * path.  Its GUID in target ("" when new). */
static int qi_match(struct qi *q, const char *g, const char *path, char target[37])
{
	struct store_stmt *s;
	target[0] = '\0';
	if (store_prepare(q->st, "SELECT 1 FROM code WHERE guid = :g", &s, q->err) ||
	    store_bind_text(s, ":g", g, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (rc == 1) {
		snprintf(target, 37, "%s", g);
		return ANKER_OK;
	}
	struct strbuf p = {0};
	for (size_t j = 0; j < q->cur.ncodes && !target[0]; j++) {
		sb_reset(&p);
		codebook_path(&q->cur, j, &p);
		if (strcmp(sb_str(&p), path) == 0)
			snprintf(target, 37, "%s", q->cur.codes[j].guid);
	}
	sb_free(&p);
	return ANKER_OK;
}

/* What the file says about one code. */
struct qcode {
	char guid[37];           /* the project's code it goes to */
	const char *parent;      /* its GUID, NULL at the top level */
	char *name;
	const char *codable;     /* "true", "false" or NULL (not given) */
	char color[8];           /* "" when not given */
	const char *pcolor;      /* a new code's color when the file has none */
	struct refi_desc d;
	bool ours;               /* the Description has anker's fields */
	long index;              /* among its siblings in the file */
};

/* The row as it is to be: the project's row with the file's fields set
 * (before != NULL), else a new row.  A field bound NULL keeps before's.
 * One fixed SQL text: store_prepare caches statements by their text. */
static int qi_row(struct qi *q, const struct qcode *c, const char *before, struct strbuf *row)
{
	struct store_stmt *s;
	char now[32], fresh[160];
	store_now(now);
	snprintf(fresh, sizeof fresh, "{\"guid\": \"%s\", \"created\": \"%s\", \"modified\": "
	         "\"%s\"}", c->guid, now, now);
	const char *color = c->color[0] ? c->color : before ? NULL : c->pcolor;
	const char *number = c->d.number ? c->d.number : before ? NULL : "";
	long pos = c->d.position >= 0 ? c->d.position : before ? -1 : c->index;
	const char *codable = c->codable ? c->codable : before ? NULL : "true";
	bool lists = c->ours || !before;
	if (store_prepare(q->st, "SELECT json_set(json(:b), '$.name', :name, '$.parent', :parent, "
	                         "'$.definition', :def, '$.codable', json(IFNULL(:codable, CASE WHEN "
	                         "json_extract(:b, '$.codable') THEN 'true' ELSE 'false' END)), "
	                         "'$.color', IFNULL(:color, json_extract(:b, '$.color')), "
	                         "'$.number', IFNULL(:number, json_extract(:b, '$.number')), "
	                         "'$.position', IFNULL(:pos, json_extract(:b, '$.position')), "
	                         "'$.anchors', json(IFNULL(:anchors, json_extract(:b, '$.anchors'))), "
	                         "'$.notes', json(IFNULL(:notes, json_extract(:b, '$.notes'))))",
	                  &s, q->err) ||
	    store_bind_text(s, ":b", before ? before : fresh, q->err) ||
	    store_bind_text(s, ":name", c->name, q->err) ||
	    (c->parent ? store_bind_text(s, ":parent", c->parent, q->err)
	               : store_bind_null(s, ":parent", q->err)) ||
	    store_bind_text(s, ":def", c->d.definition, q->err) ||
	    (codable ? store_bind_text(s, ":codable", codable, q->err)
	             : store_bind_null(s, ":codable", q->err)) ||
	    (color ? store_bind_text(s, ":color", color, q->err)
	           : store_bind_null(s, ":color", q->err)) ||
	    (number ? store_bind_text(s, ":number", number, q->err)
	            : store_bind_null(s, ":number", q->err)) ||
	    (pos >= 0 ? store_bind_int(s, ":pos", pos, q->err)
	              : store_bind_null(s, ":pos", q->err)) ||
	    (lists ? store_bind_text(s, ":anchors", c->d.anchors, q->err)
	           : store_bind_null(s, ":anchors", q->err)) ||
	    (lists ? store_bind_text(s, ":notes", c->d.notes, q->err)
	           : store_bind_null(s, ":notes", q->err)) || store_step(s, q->err) != 1) {
		store_done(s);
		return ANKER_DB;
	}
	sb_adds(row, store_col_text(s, 0));
	store_done(s);
	return ANKER_OK;
}

/* A number the file gives that another code of the project has. */
static int qi_number_free(struct qi *q, const struct qcode *c, xmlNodePtr el)
{
	struct store_stmt *s;
	if (!c->d.number || !*c->d.number)
		return ANKER_OK;
	if (store_prepare(q->st, "SELECT name FROM code WHERE number = :n AND guid <> :g", &s,
	                  q->err) || store_bind_text(s, ":n", c->d.number, q->err) ||
	    store_bind_text(s, ":g", c->guid, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	if (rc == 1)
		anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: code '%s': number %s is taken by "
		              "'%s'", q->path, xmlGetLineNo(el), c->name, c->d.number,
		              store_col_text(s, 0));
	store_done(s);
	return rc < 0 ? ANKER_DB : rc == 1 ? ANKER_INPUT : ANKER_OK;
}

/* A changed code's new modification time, and its row as it is now. */
static int qi_touch(struct qi *q, const char *guid, struct strbuf *after)
{
	struct store_stmt *s;
	char now[32];
	store_now(now);
	if (store_prepare(q->st, "UPDATE code SET modified = :now WHERE guid = :g", &s, q->err) ||
	    store_bind_text(s, ":now", now, q->err) || store_bind_text(s, ":g", guid, q->err) ||
	    store_step(s, q->err) < 0)
		return ANKER_DB;
	store_done(s);
	sb_reset(after);
	return store_row_json(q->st, "code", guid, after, q->err);
}

/* Put one code in place and log it, unless it is already as the file says.
 * Whether it is, is known for sure only once the row is applied and read
 * back: one text has more than one JSON spelling ("\b" and "\u0008"), and
 * only a real change may be logged and get a new time. */
static int qi_apply(struct qi *q, const struct qcode *c, xmlNodePtr el)
{
	struct strbuf before = {0}, row = {0}, after = {0};
	int rc = store_row_json(q->st, "code", c->guid, &before, q->err);
	bool exists = rc == ANKER_OK;
	if (rc == ANKER_NOTFOUND)
		rc = ANKER_OK;
	if (!rc)
		rc = qi_number_free(q, c, el);
	if (!rc)
		rc = qi_row(q, c, exists ? sb_str(&before) : NULL, &row);
	bool same = !rc && exists && strcmp(sb_str(&row), sb_str(&before)) == 0;
	if (!rc && !same)
		rc = store_row_apply(q->st, "code", sb_str(&row), q->err);
	if (!rc && !same)
		rc = store_row_json(q->st, "code", c->guid, &after, q->err);
	same = same || (!rc && exists && strcmp(sb_str(&after), sb_str(&before)) == 0);
	if (!rc && same) {
		q->rep->unchanged++;
		goto out;
	}
	if (!rc && exists)
		rc = qi_touch(q, c->guid, &after);
	if (!rc)
		rc = store_log(q->st, "codebook import", "code", c->guid,
		               exists ? sb_str(&before) : NULL, sb_str(&after), q->err);
	if (!rc)
		exists ? q->rep->updated++ : q->rep->added++;
out:
	sb_free(&before);
	sb_free(&row);
	sb_free(&after);
	return rc;
}

/* The color a code has now, for its new subcodes. */
static int qi_color_of(struct qi *q, const char *guid, char out[8])
{
	struct store_stmt *s;
	if (store_prepare(q->st, "SELECT color FROM code WHERE guid = :g", &s, q->err) ||
	    store_bind_text(s, ":g", guid, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	snprintf(out, 8, "%s", rc == 1 ? store_col_text(s, 0) : "#808080");
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int qi_code(struct qi *q, xmlNodePtr el, const char *parent, const char *ppath,
                   const char *pcolor, long index)
{
	struct qcode c = { .parent = parent, .pcolor = pcolor, .index = index };
	char mycolor[8];
	char g[37];
	if (!refi_xml_guid(el, "guid", g, q->path, q->err))
		return ANKER_INPUT;
	c.name = qi_name(el);
	if (!c.name || !*c.name) {
		free(c.name);
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: <Code> %s has no name",
		                     q->path, xmlGetLineNo(el), g);
	}
	if (strstr(c.name, ">>")) {
		int rc = anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: code name '%s' contains "
		                       "'>>', which separates the names in a path (rename the code)",
		                       q->path, xmlGetLineNo(el), c.name);
		free(c.name);
		return rc;
	}
	char *codable = refi_xml_prop(el, "isCodable");
	if (codable)
		c.codable = strcmp(codable, "false") == 0 || strcmp(codable, "0") == 0 ? "false"
		                                                                      : "true";
	free(codable);
	if (!refi_xml_color(el, c.color))
		c.color[0] = '\0';
	xmlNodePtr dn = refi_xml_child(el, "Description");
	xmlChar *desc = dn ? xmlNodeGetContent(dn) : NULL;
	refi_desc_parse(desc ? (const char *)desc : "", &c.d);
	c.ours = desc && strncmp((const char *)desc, "== ", 3) == 0 && c.d.position >= 0;
	xmlFree(desc);
	if (!parent)
		c.pcolor = codebook_palette(q->ntop++);
	struct strbuf path = {0};
	sb_addf(&path, "%s%s%s", ppath ? ppath : "", ppath ? " >> " : "", c.name);
	int rc = qi_match(q, g, sb_str(&path), c.guid);
	if (!rc && !c.guid[0])
		memcpy(c.guid, g, sizeof g);
	if (!rc)
		rc = qi_apply(q, &c, el);
	if (!rc)
		rc = qi_color_of(q, c.guid, mycolor);
	long k = 0;
	for (xmlNodePtr s = el->children; s && !rc; s = s->next)
		if (refi_xml_is(s, "Code"))
			rc = qi_code(q, s, c.guid, sb_str(&path), mycolor, k++);
	sb_free(&path);
	free(c.name);
	refi_desc_free(&c.d);
	return rc;
}

/* A file must not give a GUID twice: importing it would put two codes of
 * the file in one row of the project, and importing it again would move
 * that row back and forth. */
struct qguid {
	char guid[37];
	long line;
};

static int qi_collect(struct qi *q, xmlNodePtr parent, struct qguid **v, size_t *n)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (!refi_xml_is(c, "Code"))
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		if (!refi_xml_guid(c, "guid", (*v)[*n].guid, q->path, q->err))
			return ANKER_INPUT;
		(*v)[(*n)++].line = xmlGetLineNo(c);
		if (qi_collect(q, c, v, n))
			return ANKER_INPUT;
	}
	return ANKER_OK;
}

static int qguid_cmp(const void *a, const void *b)
{
	const struct qguid *x = a, *y = b;
	int c = strcmp(x->guid, y->guid);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int qi_unique(struct qi *q, xmlNodePtr codes)
{
	struct qguid *v = NULL;
	size_t n = 0;
	int rc = codes ? qi_collect(q, codes, &v, &n) : ANKER_OK;
	if (!rc && n > 1)
		qsort(v, n, sizeof *v, qguid_cmp);
	for (size_t i = 1; i < n && !rc; i++)
		if (strcmp(v[i - 1].guid, v[i].guid) == 0)
			rc = anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: code GUID %s is given "
			                   "twice (also at line %ld)", q->path, v[i].line, v[i].guid,
			                   v[i - 1].line);
	free(v);
	return rc;
}

/* Parse without network, DTD or entities; refuse what is not a codebook. */
static int qi_parse(struct qi *q, const char *buf, size_t len, xmlDocPtr *doc)
{
	if (len > (size_t)INT32_MAX)
		return anker_err_set(q->err, ANKER_INPUT, "%s: too large for a codebook", q->path);
	int rc = refi_xml_parse(buf, len, q->path, doc, q->err);
	xmlNodePtr root = rc ? NULL : xmlDocGetRootElement(*doc);
	if (!rc && !refi_xml_is(root, "CodeBook")) {
		rc = anker_err_set(q->err, ANKER_INPUT, "%s: not a REFI-QDA codebook: the root "
		                   "element is <%s>, not <CodeBook>", q->path,
		                   root ? (const char *)root->name : "(none)");
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return rc;
}

int refi_qdc_import(struct store *st, const char *path, struct codebook_import_report *rep,
                        struct anker_err *err)
{
	struct qi q = { .st = st, .path = path, .rep = rep, .err = err };
	xmlDocPtr doc = NULL;
	char *buf;
	size_t len;
	memset(rep, 0, sizeof *rep);
	int rc = anker_read_file(path, &buf, &len, err);
	if (rc)
		return rc;
	rc = qi_parse(&q, buf, len, &doc);
	free(buf);
	if (rc)
		return rc;
	xmlNodePtr codes = refi_xml_child(xmlDocGetRootElement(doc), "Codes");
	if ((rc = qi_unique(&q, codes)) || (rc = store_begin(st, err))) {
		xmlFreeDoc(doc);
		return rc;
	}
	rc = codebook_load(st, 0, &q.cur, err);
	long k = 0;
	for (xmlNodePtr c = codes ? codes->children : NULL; c && !rc; c = c->next)
		if (refi_xml_is(c, "Code"))
			rc = qi_code(&q, c, NULL, NULL, NULL, k++);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	codebook_free(&q.cur);
	xmlFreeDoc(doc);
	return rc;
}
