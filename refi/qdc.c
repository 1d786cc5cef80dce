/* refi/qdc.c — the REFI-QDA codebook exchange file (.qdc).
 *
 * Export writes the code tree as the .qdpx does (refi/codes.c); anker's
 * own fields travel in each Code's Description (refi/desc.c), so a .qdc
 * read back gives the same codebook, GUIDs included.
 *
 * Import parses with libxml2 without network, DTD loading or entity
 * expansion (a DOCTYPE is refused, so no entity can be declared), then
 * merges code by code, as refi/codes.c walks them, inside one
 * transaction: each code becomes a row in store_row_json's form and is
 * put in place with store_row_apply, so undo and redo treat it like any
 * other edit.  Element names are compared without their namespace:
 * exporters differ (codebook:1.0, codebook:0:4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

#define QDC_NS "urn:QDA-XML:codebook:1.0"

/* ---------------------------------------------------------------------- */
/* Export */

int refi_qdc_export(struct store *st, struct strbuf *out, size_t *replaced,
                        struct anker_err *err)
{
	struct codebook cb;
	int rc = refi_libs_load(false, err);
	if (!rc)
		rc = store_read_begin(st, err);
	if (rc)
		return rc;
	if ((rc = codebook_load(st, 0, &cb, err))) {
		store_read_end(st);
		return rc;
	}
	xmlBufferPtr buf = xmlBufferCreate();
	struct refi_xw x = { buf ? xmlNewTextWriterMemory(buf, 0) : NULL, false, 0 };
	if (!x.w) {
		rc = anker_err_set(err, ANKER_NOMEM, "cannot set up the XML writer");
		goto out;
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	x.bad |= xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0;
	x.bad |= xmlTextWriterStartElementNS(x.w, NULL, BAD_CAST "CodeBook", BAD_CAST QDC_NS) < 0;
	refi_xw_attr(&x, "origin", "anker");
	refi_xw_start(&x, "Codes");
	rc = refi_codes_write(st, &cb, &x, NULL, NULL, err);
	x.bad |= xmlTextWriterEndDocument(x.w) < 0;
	xmlFreeTextWriter(x.w);   /* flushes into buf */
	if (!rc && x.bad)
		rc = anker_err_set(err, ANKER_NOMEM, "cannot write the codebook XML");
	if (!rc)
		sb_add(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	if (replaced)
		*replaced = x.replaced;
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

/* The project's code this one merges into: the same GUID, else the same
 * path.  Its GUID in target ("" when new). */
static int qi_match(struct qi *q, const char *g, const char *path, char target[37])
{
	bool known;
	target[0] = '\0';
	if (store_exists(q->st, &known, q->err, "SELECT 1 FROM code WHERE guid = :g",
	                 STORE_TEXT(":g", g)))
		return ANKER_DB;
	if (known) {
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

/* The row as it is to be: the project's row with the file's fields set
 * (before != NULL), else a new row, colored pcolor unless the file gives
 * a color.  A field bound NULL keeps before's.  One fixed SQL text:
 * statements are cached by their text. */
static int qi_row(struct qi *q, const struct refi_code *c, const char *pcolor, const char *before,
                  struct strbuf *row)
{
	char now[32];
	struct strbuf fresh = {0};
	struct json_w w = { .out = &fresh };
	store_now(now);
	json_obj_begin(&w);
	json_key(&w, "guid"); json_str(&w, c->guid);
	json_key(&w, "created"); json_str(&w, now);
	json_key(&w, "modified"); json_str(&w, now);
	json_obj_end(&w);
	const char *color = c->color[0] ? c->color : before ? NULL : pcolor;
	const char *number = c->d.number ? c->d.number : before ? NULL : "";
	long pos = c->d.position >= 0 ? c->d.position : before ? -1 : c->index;
	const char *codable = c->codable ? c->codable : before ? NULL : "true";
	bool lists = c->ours || !before;
	int rc = store_get_text(q->st, row, q->err,
	                        "SELECT json_set(json(:b), '$.name', :name, '$.parent', :parent, "
	                        "'$.definition', :def, '$.codable', json(IFNULL(:codable, CASE WHEN "
	                        "json_extract(:b, '$.codable') THEN 'true' ELSE 'false' END)), "
	                        "'$.color', IFNULL(:color, json_extract(:b, '$.color')), "
	                        "'$.number', IFNULL(:number, json_extract(:b, '$.number')), "
	                        "'$.position', IFNULL(:pos, json_extract(:b, '$.position')), "
	                        "'$.anchors', json(IFNULL(:anchors, json_extract(:b, '$.anchors'))), "
	                        "'$.notes', json(IFNULL(:notes, json_extract(:b, '$.notes'))))",
	                        STORE_TEXT(":b", before ? before : sb_str(&fresh)),
	                        STORE_TEXT(":name", c->name), STORE_TEXT(":parent", c->parent),
	                        STORE_TEXT(":def", c->d.definition), STORE_TEXT(":codable", codable),
	                        STORE_TEXT(":color", color), STORE_TEXT(":number", number),
	                        pos >= 0 ? STORE_INT(":pos", pos) : STORE_NULL(":pos"),
	                        STORE_TEXT(":anchors", lists ? c->d.anchors : NULL),
	                        STORE_TEXT(":notes", lists ? c->d.notes : NULL));
	sb_free(&fresh);
	return rc ? ANKER_DB : ANKER_OK;
}

/* A number the file gives that another code of the project has. */
static int qi_number_free(struct qi *q, const struct refi_code *c)
{
	if (!c->d.number || !*c->d.number)
		return ANKER_OK;
	struct strbuf other = {0};
	int rc = store_get_text(q->st, &other, q->err, "SELECT name FROM code WHERE number = :n AND "
	                                               "guid <> :g",
	                        STORE_TEXT(":n", c->d.number), STORE_TEXT(":g", c->guid));
	if (rc == ANKER_OK)
		rc = anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: code '%s': number %s is taken "
		                   "by '%s'", q->path, xmlGetLineNo(c->el), c->name, c->d.number,
		                   sb_str(&other));
	else
		rc = rc == ANKER_NOTFOUND ? ANKER_OK : ANKER_DB;
	sb_free(&other);
	return rc;
}

/* A changed code's new modification time, and its row as it is now. */
static int qi_touch(struct qi *q, const char *guid, struct strbuf *after)
{
	char now[32];
	store_now(now);
	if (store_run(q->st, q->err, "UPDATE code SET modified = :now WHERE guid = :g",
	              STORE_TEXT(":now", now), STORE_TEXT(":g", guid)))
		return ANKER_DB;
	sb_reset(after);
	return store_row_json(q->st, "code", guid, after, q->err);
}

/* Put one code in place and log it, unless it is already as the file says.
 * Whether it is, is known for sure only once the row is applied and read
 * back: one text has more than one JSON spelling ("\b" and "\u0008"), and
 * only a real change may be logged and get a new time. */
static int qi_apply(struct qi *q, const struct refi_code *c, const char *pcolor)
{
	struct strbuf before = {0}, row = {0}, after = {0};
	int rc = store_row_json(q->st, "code", c->guid, &before, q->err);
	bool exists = rc == ANKER_OK;
	if (rc == ANKER_NOTFOUND)
		rc = ANKER_OK;
	if (!rc)
		rc = qi_number_free(q, c);
	if (!rc)
		rc = qi_row(q, c, pcolor, exists ? sb_str(&before) : NULL, &row);
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

/* The color for a new subcode of the code with this GUID: a shade of the
 * parent's color as it is now, apart from the subcodes it has already. */
static int qi_color_of(struct qi *q, const char *guid, char out[8])
{
	int64_t id = 0;
	int rc = store_get_int(q->st, &id, q->err, "SELECT id FROM code WHERE guid = :g",
	                       STORE_TEXT(":g", guid));
	if (!rc)
		return codebook_child_color(q->st, id, out, q->err);
	store_color_child(NULL, 0, out);
	return rc != ANKER_NOTFOUND ? ANKER_DB : ANKER_OK;
}

/* One code of the file into the project (refi_codes_read calls it). */
static int qi_code(void *arg, struct refi_code *c)
{
	struct qi *q = arg;
	char pcolor[8], target[37];
	if (!c->name)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: <Code> %s has no name",
		                     q->path, xmlGetLineNo(c->el), c->guid);
	int rc = ANKER_OK;
	if (c->parent)
		rc = qi_color_of(q, c->parent, pcolor);
	else
		snprintf(pcolor, sizeof pcolor, "%s", codebook_palette(q->ntop++));
	if (!rc)
		rc = qi_match(q, c->guid, c->path, target);
	if (!rc && target[0])
		memcpy(c->guid, target, sizeof target);
	if (!rc)
		rc = qi_apply(q, c, pcolor);
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

/* ATLAS.ti's code groups: Sets of codes, which anker has no place for. */
static void qi_sets_warn(const char *path, xmlNodePtr root, struct codebook *warn)
{
	for (xmlNodePtr s = refi_xml_child(refi_xml_child(root, "Sets"), "Set"); s; s = s->next) {
		size_t n = 0;
		for (xmlNodePtr m = refi_xml_is(s, "Set") ? s->children : NULL; m; m = m->next)
			n += refi_xml_is(m, "MemberCode");
		if (!n)
			continue;
		char *name = refi_xml_prop(s, "name");
		codebook_warn(warn, "%s: line %ld: set '%s': its %zu code%s not grouped (anker "
		              "groups documents only)", path, xmlGetLineNo(s), name ? name : "", n,
		              n == 1 ? " is" : "s are");
		free(name);
	}
}

int refi_qdc_import(struct store *st, const char *path, struct codebook_import_report *rep,
                    struct codebook *warn, struct anker_err *err)
{
	struct qi q = { .st = st, .path = path, .rep = rep, .err = err };
	xmlDocPtr doc = NULL;
	char *buf;
	size_t len;
	memset(rep, 0, sizeof *rep);
	int rc = refi_libs_load(false, err);
	if (!rc)
		rc = anker_read_file(path, &buf, &len, err);
	if (rc)
		return rc;
	rc = qi_parse(&q, buf, len, &doc);
	free(buf);
	if (rc)
		return rc;
	xmlNodePtr codes = refi_xml_child(xmlDocGetRootElement(doc), "Codes");
	struct refi_guids seen = {0};
	rc = refi_codes_check(codes, path, &seen, err);
	refi_guids_free(&seen);
	if (rc || (rc = store_begin(st, err))) {
		xmlFreeDoc(doc);
		return rc;
	}
	rc = codebook_load(st, 0, &q.cur, err);
	if (!rc)
		rc = refi_codes_read(codes, path, qi_code, &q, err);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	if (!rc && warn)
		qi_sets_warn(path, xmlDocGetRootElement(doc), warn);
	codebook_free(&q.cur);
	xmlFreeDoc(doc);
	return rc;
}
