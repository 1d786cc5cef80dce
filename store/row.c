/* store/row.c — rows as JSON: capture, apply, delete.
 *
 * Each entity ("document", "code", "segment", "memo", "coder") is one row
 * found by GUID plus what hangs on it.  store_row_json writes it with
 * foreign keys as GUIDs; store_row_apply puts it back, updating a row that
 * exists in place (never delete + insert: that would cascade away the
 * segments of a document or the children of a code) and replacing its
 * nested lists.  JSON is built and taken apart by SQLite's JSON functions,
 * so there is no JSON parser in C.  The objects (references are GUIDs):
 *   document  guid name grp text bytes chars paragraphs source imported
 *             vars[{name type value}]
 *             turns[{n start end para_first para_last speaker ts_start ts_end}]
 *   code      guid number name parent position color codable(bool) definition
 *             created modified anchors[{position text citation segment_guid}]
 *             notes[{position label text}]
 *   segment   guid doc code coder(name) coder_guid start end weight memo created
 *             modified reviews[{verdict comment reviewer(name) created}]
 *             memos[memo objects]
 *   memo      guid type target doc code segment author(name) text created modified
 *   coder     guid name
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* ---------------------------------------------------------------------- */
/* Rows as JSON */

/* A memo, from memo m.  Used alone and inside a segment's "memos". */
#define MEMO_OBJECT                                                                 \
	"json_object('guid', m.guid, 'type', m.type, 'target', m.target, "          \
	"'doc', (SELECT guid FROM document WHERE id = m.doc_id), "                  \
	"'code', (SELECT guid FROM code WHERE id = m.code_id), "                    \
	"'segment', (SELECT guid FROM segment WHERE id = m.segment_id), "           \
	"'author', (SELECT name FROM coder WHERE id = m.author_id), "               \
	"'text', m.text, 'created', m.created, 'modified', m.modified)"

/* Nested lists go through json(): a scalar subquery drops the JSON
 * subtype, and json_object would quote the list as a string.  Each object
 * is an expression over its row (d, c, s, m, k in the FROM of ENTITY below),
 * so that one statement can capture one row or every new one. */
#define DOC_OBJECT                                                                   \
	"json_object('guid', d.guid, 'name', d.name, 'grp', d.grp, 'text', d.text, "   \
	"'bytes', d.bytes, 'chars', d.chars, 'paragraphs', d.paragraphs, "             \
	"'source', d.source, 'imported', d.imported, "                                 \
	"'vars', json((SELECT json_group_array(json_object('name', v.name, "           \
	"  'type', v.type, 'value', v.value)) "                                        \
	"  FROM (SELECT * FROM doc_var WHERE doc_id = d.id ORDER BY name) v)), "       \
	"'turns', json((SELECT json_group_array(json_object('n', t.n, 'start', t.start, " \
	"  'end', t.\"end\", 'para_first', t.para_first, 'para_last', t.para_last, "  \
	"  'speaker', t.speaker, 'ts_start', t.ts_start, 'ts_end', t.ts_end)) "        \
	"  FROM (SELECT * FROM turn WHERE doc_id = d.id ORDER BY n) t)))"

/* A document without its text and turns: what a rename, a new group or a
 * variable changes, logged without copying a text of up to 100 MB twice.
 * store_row_apply updates the document's head from it and keeps the rest. */
#define DOC_HEAD_OBJECT                                                              \
	"json_object('guid', d.guid, 'name', d.name, 'grp', d.grp, "                   \
	"'source', d.source, 'imported', d.imported, "                                 \
	"'vars', json((SELECT json_group_array(json_object('name', v.name, "           \
	"  'type', v.type, 'value', v.value)) "                                        \
	"  FROM (SELECT * FROM doc_var WHERE doc_id = d.id ORDER BY name) v)))"

#define CODE_OBJECT                                                                  \
	"json_object('guid', c.guid, 'number', c.number, 'name', c.name, "             \
	"'parent', (SELECT guid FROM code WHERE id = c.parent_id), "                   \
	"'position', c.position, 'color', c.color, "                                   \
	"'codable', json(CASE WHEN c.codable THEN 'true' ELSE 'false' END), "          \
	"'definition', c.definition, 'created', c.created, 'modified', c.modified, "   \
	"'anchors', json((SELECT json_group_array(json_object('position', a.position, " \
	"  'text', a.text, 'citation', a.citation, 'segment_guid', a.segment_guid)) "  \
	"  FROM (SELECT * FROM anchor WHERE code_id = c.id ORDER BY position, id) a)), " \
	"'notes', json((SELECT json_group_array(json_object('position', n.position, "  \
	"  'label', n.label, 'text', n.text)) "                                        \
	"  FROM (SELECT * FROM code_note WHERE code_id = c.id ORDER BY position, id) n)))"

#define SEGMENT_OBJECT                                                               \
	"json_object('guid', s.guid, "                                                 \
	"'doc', (SELECT guid FROM document WHERE id = s.doc_id), "                     \
	"'code', (SELECT guid FROM code WHERE id = s.code_id), "                       \
	"'coder', k.name, 'coder_guid', k.guid, 'start', s.start, 'end', s.\"end\", "  \
	"'weight', s.weight, 'memo', s.memo, 'created', s.created, "                   \
	"'modified', s.modified, "                                                     \
	"'reviews', json((SELECT json_group_array(json_object('verdict', r.verdict, "  \
	"  'comment', r.comment, "                                                     \
	"  'reviewer', (SELECT name FROM coder WHERE id = r.reviewer_id), "            \
	"  'created', r.created)) "                                                    \
	"  FROM (SELECT * FROM review WHERE segment_id = s.id ORDER BY created, id) r)), " \
	"'memos', json((SELECT json_group_array(" MEMO_OBJECT ") "                     \
	"  FROM (SELECT * FROM memo WHERE segment_id = s.id ORDER BY created, guid) m)))"

#define CODER_OBJECT "json_object('guid', k.guid, 'name', k.name)"

/* A JSON object taken apart by json_each: one value per key. */
struct jval {
	char *key;
	char type[8];       /* null true false integer real text array object */
	char *text;         /* NULL for null */
	size_t len;
};

struct jobj {
	const char *entity;
	struct jval *v;
	size_t n;
};

struct entity {
	const char *name;
	const char *object, *from, *alias;      /* the row's JSON, over FROM as ALIAS */
	const char *json_sql;
	const char *log_new_sql;
	const char *id_sql;
	const char *delete_sql;
	int (*apply)(struct store *st, const struct jobj *o, struct anker_err *err);
};

static const struct entity *entity_find(const char *name, struct anker_err *err);

static void jobj_free(struct jobj *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].key);
		free(o->v[i].text);
	}
	free(o->v);
	o->v = NULL;
	o->n = 0;
}

static int jobj_parse(struct store *st, const char *entity, const char *json, struct jobj *o,
                      struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	o->entity = entity;
	o->v = NULL;
	o->n = 0;
	if (store_prepare(st, "SELECT typeof(key), key, type, value FROM json_each(:j)", &s, err) ||
	    store_bind_text(s, ":j", json, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		if (strcmp(store_col_text(s, 0), "text") != 0)
			break;
		o->v = xreallocarray(o->v, o->n + 1, sizeof *o->v);
		struct jval *v = &o->v[o->n++];
		v->key = xstrdup(store_col_text(s, 1));
		snprintf(v->type, sizeof v->type, "%s", store_col_text(s, 2));
		v->len = store_col_bytes(s, 3);
		v->text = store_col_null(s, 3) ? NULL : xstrndup(store_col_text(s, 3), v->len);
	}
	store_done(s);
	if (rc < 0) {
		jobj_free(o);
		return anker_err_set(err, ANKER_INPUT, "%s JSON: not valid JSON", entity);
	}
	if (rc == 1 || o->n == 0) {
		jobj_free(o);
		return anker_err_set(err, ANKER_INPUT, "%s JSON: not an object", entity);
	}
	return ANKER_OK;
}

static const struct jval *jget(const struct jobj *o, const char *key, struct anker_err *err)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0)
			return &o->v[i];
	anker_err_set(err, ANKER_INPUT, "%s JSON: no \"%s\"", o->entity, key);
	return NULL;
}

/* The string at key, or NULL for null when null_ok. */
static int jstr(const struct jobj *o, const char *key, bool null_ok, const char **out,
                struct anker_err *err)
{
	const struct jval *v = jget(o, key, err);
	if (!v)
		return ANKER_INPUT;
	if (strcmp(v->type, "text") == 0 || (null_ok && !v->text)) {
		*out = v->text;
		return ANKER_OK;
	}
	return anker_err_set(err, ANKER_INPUT, "%s JSON: \"%s\" is not a string", o->entity, key);
}

static int jbind_str(struct store_stmt *s, const char *param, const struct jobj *o,
                     const char *key, bool null_ok, struct anker_err *err)
{
	const struct jval *v = jget(o, key, err);
	const char *text;
	if (!v || jstr(o, key, null_ok, &text, err))
		return ANKER_INPUT;
	return text ? store_bind_textn(s, param, text, v->len, err) : store_bind_null(s, param, err);
}

/* The integer (or boolean) at key. */
static int jint(const struct jobj *o, const char *key, int64_t *out, struct anker_err *err)
{
	const struct jval *v = jget(o, key, err);
	if (!v)
		return ANKER_INPUT;
	if (strcmp(v->type, "integer") != 0 && strcmp(v->type, "true") != 0 &&
	    strcmp(v->type, "false") != 0)
		return anker_err_set(err, ANKER_INPUT, "%s JSON: \"%s\" is not an integer", o->entity,
		                     key);
	*out = strtoll(v->text, NULL, 10);
	return ANKER_OK;
}

static int jbind_int(struct store_stmt *s, const char *param, const struct jobj *o,
                     const char *key, struct anker_err *err)
{
	int64_t v;
	return jint(o, key, &v, err) ? ANKER_INPUT : store_bind_int(s, param, v, err);
}

static bool jhas(const struct jobj *o, const char *key)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0)
			return true;
	return false;
}

/* A nested list; a missing one is empty. */
static int jlist(const struct jobj *o, const char *key, const char **out, struct anker_err *err)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0) {
			if (strcmp(o->v[i].type, "array") != 0)
				return anker_err_set(err, ANKER_INPUT, "%s JSON: \"%s\" is not a list",
				                     o->entity, key);
			*out = o->v[i].text;
			return ANKER_OK;
		}
	*out = "[]";
	return ANKER_OK;
}

/* Row id of an entity's GUID: ANKER_NOTFOUND naming what is missing. */
static int lookup_id(struct store *st, const char *entity, const char *guid, int64_t *id,
                     struct anker_err *err)
{
	const struct entity *e = entity_find(entity, err);
	if (!e)
		return ANKER_INPUT;
	*id = 0;
	int rc = store_get_int(st, id, err, e->id_sql, STORE_TEXT(":guid", guid));
	if (rc == ANKER_NOTFOUND)
		return anker_err_set(err, ANKER_NOTFOUND, "no %s with GUID %s", entity, guid);
	return rc ? ANKER_DB : ANKER_OK;
}

/* The GUID of another row holding a unique value the row being applied
 * needs ("" when none): a restore must never take over someone else's.
 * SQL and STORE_ pairs as for store_get_text. */
#define taken_by(st, other, err, ...) \
	taken_by_args((st), (other), (err), STORE_ARGS_(__VA_ARGS__))
static int taken_by_args(struct store *st, char other[37], struct anker_err *err,
                         const char *sql, const struct store_arg *args)
{
	struct strbuf guid = {0};
	int rc = store_get_text_args(st, &guid, err, sql, args);
	snprintf(other, 37, "%s", rc == ANKER_OK ? guid.buf : "");
	sb_free(&guid);
	return rc && rc != ANKER_NOTFOUND ? ANKER_DB : ANKER_OK;
}

/* Run a statement for row :id, with a JSON list as :list unless NULL
 * (INSERT … SELECT … FROM json_each(:list)). */
static int run_id(struct store *st, const char *sql, int64_t id, const char *list,
                  struct anker_err *err)
{
	if (list ? store_run(st, err, sql, STORE_INT(":id", id), STORE_TEXT(":list", list))
	         : store_run(st, err, sql, STORE_INT(":id", id)))
		return ANKER_DB;
	return ANKER_OK;
}

/* Create the coders a list names under key (reviewers, authors) that do
 * not exist, so the list can be inserted by name. */
static int ensure_coders(struct store *st, const char *list, const char *path,
                         struct anker_err *err)
{
	struct store_stmt *s;
	char **names = NULL;
	size_t n = 0;
	int rc;
	if (store_prepare(st, "SELECT DISTINCT json_extract(value, :path) FROM json_each(:list) "
	                      "WHERE json_extract(value, :path) IS NOT NULL", &s, err) ||
	    store_bind_text(s, ":path", path, err) || store_bind_text(s, ":list", list, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(store_col_text(s, 0));
	}
	store_done(s);
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		if (rc >= 0 && store_coder_id(st, names[i], &id, err))
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}


/* An optional string (NULL when absent or null). */
static const char *jopt(const struct jobj *o, const char *key)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0 && strcmp(o->v[i].type, "text") == 0)
			return o->v[i].text;
	return NULL;
}

/* Bind :param to the row id of the GUID at key, or NULL when it is null. */
static int bind_ref(struct store *st, struct store_stmt *s, const char *param,
                    const struct jobj *o, const char *key, const char *entity,
                    struct anker_err *err)
{
	const char *guid;
	int64_t id;
	int rc;
	if (jstr(o, key, true, &guid, err))
		return ANKER_INPUT;
	if (!guid)
		return store_bind_null(s, param, err);
	if ((rc = lookup_id(st, entity, guid, &id, err))) {
		anker_err_prefix(err, "%s %s", o->entity, jopt(o, "guid") ? jopt(o, "guid") : "");
		return rc;
	}
	return store_bind_int(s, param, id, err);
}

static int apply_coder(struct store *st, const struct jobj *o, struct anker_err *err)
{
	const char *guid, *name;
	char other[37];
	if (jstr(o, "guid", false, &guid, err) || jstr(o, "name", false, &name, err))
		return ANKER_INPUT;
	if (taken_by(st, other, err, "SELECT guid FROM coder WHERE name = :name AND guid <> :guid",
	             STORE_TEXT(":name", name), STORE_TEXT(":guid", guid)))
		return store_failed(err);
	if (*other)
		return anker_err_set(err, ANKER_EXISTS, "a coder named '%s' exists already (GUID %s)",
		                     name, other);
	if (store_run(st, err, "INSERT INTO coder(guid, name) VALUES (:guid, :name) "
	                       "ON CONFLICT(guid) DO UPDATE SET name = excluded.name",
	              STORE_TEXT(":guid", guid), STORE_TEXT(":name", name)))
		return store_failed(err);
	return ANKER_OK;
}

/* A segment's coder: by GUID, else by name, else created with the GUID. */
static int segment_coder(struct store *st, const struct jobj *o, int64_t *id,
                         struct anker_err *err)
{
	const char *name, *guid = jopt(o, "coder_guid");
	if (jstr(o, "coder", false, &name, err))
		return ANKER_INPUT;
	if (guid) {
		int rc = lookup_id(st, "coder", guid, id, err);
		if (rc != ANKER_NOTFOUND)
			return rc;
		if (store_run(st, err, "INSERT INTO coder(guid, name) SELECT :guid, :name "
		                       "WHERE NOT EXISTS (SELECT 1 FROM coder WHERE name = :name)",
		              STORE_TEXT(":guid", guid), STORE_TEXT(":name", name)))
			return store_failed(err);
	}
	return store_coder_id(st, name, id, err);
}

/* Variables of document id from the JSON list vars, replacing its own. */
static int apply_vars(struct store *st, int64_t id, const char *vars, struct anker_err *err)
{
	if (run_id(st, "DELETE FROM doc_var WHERE doc_id = :id", id, NULL, err) ||
	    run_id(st, "INSERT INTO doc_var(doc_id, name, type, value) SELECT :id, "
	                    "json_extract(value, '$.name'), json_extract(value, '$.type'), "
	                    "json_extract(value, '$.value') FROM json_each(:list) ORDER BY key",
	                id, vars, err))
		return store_failed(err);
	return ANKER_OK;
}

/* A document's head (DOC_HEAD_OBJECT) onto the document, which must exist:
 * its text and turns stay. */
static int apply_document_head(struct store *st, const struct jobj *o, const char *guid,
                               const char *name, const char *vars, struct anker_err *err)
{
	struct store_stmt *s;
	int64_t id;
	if (lookup_id(st, "document", guid, &id, err))
		return err->status;
	if (store_prepare(st, "UPDATE document SET name = :name, grp = :grp, source = :source, "
	                      "imported = :imported WHERE id = :id", &s, err) ||
	    store_bind_text(s, ":name", name, err) || jbind_str(s, ":grp", o, "grp", false, err) ||
	    jbind_str(s, ":source", o, "source", false, err) ||
	    jbind_str(s, ":imported", o, "imported", false, err) ||
	    store_bind_int(s, ":id", id, err) || store_step(s, err) < 0)
		return store_failed(err);
	store_done(s);
	return apply_vars(st, id, vars, err);
}

#define DOCUMENT_UPDATE                                                                      \
	"UPDATE document SET name = :name, grp = :grp, text = :text, bytes = :bytes, "          \
	"chars = :chars, paragraphs = " STORE_SQL_PARAGRAPHS(":text") ", source = :source, "    \
	"imported = :imported WHERE guid = :guid"
#define DOCUMENT_INSERT                                                                      \
	"INSERT INTO document(guid, name, grp, text, bytes, chars, paragraphs, source, "        \
	"imported) VALUES (:guid, :name, :grp, :text, :bytes, :chars, "                          \
	STORE_SQL_PARAGRAPHS(":text") ", :source, :imported)"

static int apply_document(struct store *st, const struct jobj *o, struct anker_err *err)
{
	struct store_stmt *s;
	const char *guid, *name, *vars, *turns;
	char other[37];
	int64_t id;
	if (jstr(o, "guid", false, &guid, err) || jstr(o, "name", false, &name, err) ||
	    jlist(o, "vars", &vars, err) || jlist(o, "turns", &turns, err))
		return ANKER_INPUT;
	if (taken_by(st, other, err, "SELECT guid FROM document WHERE name = :name AND guid <> :guid",
	             STORE_TEXT(":name", name), STORE_TEXT(":guid", guid)))
		return store_failed(err);
	if (*other)
		return anker_err_set(err, ANKER_EXISTS, "a document named '%s' exists already (GUID %s)",
		                     name, other);
	if (!jhas(o, "text"))
		return apply_document_head(st, o, guid, name, vars, err);
	/* updated, else inserted, as a segment (apply_segment says why) */
	for (int k = 0; k < 2; k++) {
		if (store_prepare(st, k ? DOCUMENT_INSERT : DOCUMENT_UPDATE, &s, err) ||
		    store_bind_text(s, ":guid", guid, err) || store_bind_text(s, ":name", name, err) ||
		    jbind_str(s, ":grp", o, "grp", false, err) ||
		    jbind_str(s, ":text", o, "text", false, err) ||
		    jbind_int(s, ":bytes", o, "bytes", err) || jbind_int(s, ":chars", o, "chars", err) ||
		    jbind_str(s, ":source", o, "source", false, err) ||
		    jbind_str(s, ":imported", o, "imported", false, err) || store_step(s, err) < 0)
			return store_failed(err);
		store_done(s);
		if (store_changes(st) > 0)
			break;
	}
	if (lookup_id(st, "document", guid, &id, err) || apply_vars(st, id, vars, err) ||
	    run_id(st, "DELETE FROM doc_turn WHERE doc_id = :id", id, NULL, err) ||
	    /* packed as import packs them (schema.c, version 9), in order of n */
	    run_id(st, "INSERT INTO doc_turn(doc_id, turns) SELECT :id, json_group_array(json_array("
	                    "json_extract(value, '$.start'), json_extract(value, '$.end'), "
	                    "json_extract(value, '$.para_first'), json_extract(value, '$.para_last'), "
	                    "json_extract(value, '$.speaker'), json_extract(value, '$.ts_start'), "
	                    "json_extract(value, '$.ts_end'))) FROM (SELECT value FROM "
	                    "json_each(:list) ORDER BY json_extract(value, '$.n'), key) HAVING COUNT(*)",
	                id, turns, err))
		return store_failed(err);
	return ANKER_OK;
}

static int code_checks(struct store *st, const struct jobj *o, struct anker_err *err)
{
	const char *guid, *number, *parent;
	char other[37];
	if (jstr(o, "guid", false, &guid, err) || jstr(o, "number", false, &number, err) ||
	    jstr(o, "parent", true, &parent, err))
		return ANKER_INPUT;
	if (parent && strcmp(parent, guid) == 0)
		return anker_err_set(err, ANKER_INPUT, "code %s: is its own parent", guid);
	if (taken_by(st, other, err, "SELECT guid FROM code WHERE number = :number AND number <> '' "
	                             "AND guid <> :guid",
	             STORE_TEXT(":number", number), STORE_TEXT(":guid", guid)))
		return store_failed(err);
	if (*other)
		return anker_err_set(err, ANKER_EXISTS, "code number %s is taken by another code (GUID %s)",
		                     number, other);
	return ANKER_OK;
}

/* A code is inserted or updated by two statements, not one upsert: an
 * upsert takes a statement journal, a copy of every page it changes, which
 * made a .qdpx of 50,000 codes a fifth slower to apply. */
static int apply_code(struct store *st, const struct jobj *o, struct anker_err *err)
{
	struct store_stmt *s;
	const char *guid, *anchors, *notes;
	int64_t id = 0;
	if (code_checks(st, o, err))
		return store_failed(err);
	if (jstr(o, "guid", false, &guid, err) || jlist(o, "anchors", &anchors, err) ||
	    jlist(o, "notes", &notes, err))
		return ANKER_INPUT;
	int rc = store_get_int(st, &id, err, "SELECT id FROM code WHERE guid = :guid",
	                       STORE_TEXT(":guid", guid));
	if (rc && rc != ANKER_NOTFOUND)
		return store_failed(err);
	if (store_prepare(st, id ? "UPDATE code SET number = :number, name = :name, "
	                           "parent_id = :parent, position = :position, color = :color, "
	                           "codable = :codable, definition = :definition, "
	                           "created = :created, modified = :modified WHERE id = :id"
	                         : "INSERT INTO code(guid, number, name, parent_id, position, color, "
	                           "codable, definition, created, modified) VALUES (:guid, :number, "
	                           ":name, :parent, :position, :color, :codable, :definition, "
	                           ":created, :modified)", &s, err) ||
	    (id ? store_bind_int(s, ":id", id, err) : store_bind_text(s, ":guid", guid, err)) ||
	    jbind_str(s, ":number", o, "number", false, err) ||
	    jbind_str(s, ":name", o, "name", false, err) ||
	    bind_ref(st, s, ":parent", o, "parent", "code", err) ||
	    jbind_int(s, ":position", o, "position", err) ||
	    jbind_str(s, ":color", o, "color", false, err) ||
	    jbind_int(s, ":codable", o, "codable", err) ||
	    jbind_str(s, ":definition", o, "definition", false, err) ||
	    jbind_str(s, ":created", o, "created", false, err) ||
	    jbind_str(s, ":modified", o, "modified", false, err) || store_step(s, err) < 0)
		return store_failed(err);
	store_done(s);
	if (!id)
		id = store_last_rowid(st);
	if (run_id(st, "DELETE FROM anchor WHERE code_id = :id", id, NULL, err) ||
	    run_id(st, "INSERT INTO anchor(code_id, position, text, citation, segment_guid) "
	                    "SELECT :id, json_extract(value, '$.position'), json_extract(value, "
	                    "'$.text'), json_extract(value, '$.citation'), json_extract(value, "
	                    "'$.segment_guid') FROM json_each(:list) ORDER BY key", id, anchors, err) ||
	    run_id(st, "DELETE FROM code_note WHERE code_id = :id", id, NULL, err) ||
	    run_id(st, "INSERT INTO code_note(code_id, position, label, text) SELECT :id, "
	                    "json_extract(value, '$.position'), json_extract(value, '$.label'), "
	                    "json_extract(value, '$.text') FROM json_each(:list) ORDER BY key",
	                id, notes, err))
		return store_failed(err);
	return ANKER_OK;
}

static int apply_memo(struct store *st, const struct jobj *o, struct anker_err *err)
{
	struct store_stmt *s;
	const char *author;
	int64_t author_id = 0;
	if (jstr(o, "author", true, &author, err))
		return ANKER_INPUT;
	if (author && store_coder_id(st, author, &author_id, err))
		return store_failed(err);
	if (store_prepare(st, "INSERT INTO memo(guid, type, target, doc_id, code_id, segment_id, "
	                      "author_id, text, created, modified) VALUES (:guid, :type, :target, "
	                      ":doc, :code, :segment, :author, :text, :created, :modified) "
	                      "ON CONFLICT(guid) DO UPDATE SET type = excluded.type, "
	                      "target = excluded.target, doc_id = excluded.doc_id, "
	                      "code_id = excluded.code_id, segment_id = excluded.segment_id, "
	                      "author_id = excluded.author_id, text = excluded.text, "
	                      "created = excluded.created, modified = excluded.modified", &s, err) ||
	    jbind_str(s, ":guid", o, "guid", false, err) ||
	    jbind_str(s, ":type", o, "type", false, err) ||
	    jbind_str(s, ":target", o, "target", false, err) ||
	    bind_ref(st, s, ":doc", o, "doc", "document", err) ||
	    bind_ref(st, s, ":code", o, "code", "code", err) ||
	    bind_ref(st, s, ":segment", o, "segment", "segment", err) ||
	    (author ? store_bind_int(s, ":author", author_id, err)
	            : store_bind_null(s, ":author", err)) ||
	    jbind_str(s, ":text", o, "text", false, err) ||
	    jbind_str(s, ":created", o, "created", false, err) ||
	    jbind_str(s, ":modified", o, "modified", false, err) || store_step(s, err) < 0)
		return store_failed(err);
	store_done(s);
	return ANKER_OK;
}

/* A segment's memos: those it no longer has are deleted, the rest applied
 * one by one (they are whole memo objects).  Collected first: applying
 * reuses cached statements, which must not be reset mid-walk. */
static int segment_memos(struct store *st, int64_t id, const char *list, struct anker_err *err)
{
	struct store_stmt *s;
	char **memos = NULL;
	size_t n = 0;
	int rc;
	if (run_id(st, "DELETE FROM memo WHERE segment_id = :id AND guid NOT IN (SELECT "
	                    "json_extract(value, '$.guid') FROM json_each(:list))", id, list, err) ||
	    store_prepare(st, "SELECT value FROM json_each(:list) ORDER BY key", &s, err) ||
	    store_bind_text(s, ":list", list, err))
		return store_failed(err);
	while ((rc = store_step(s, err)) == 1) {
		memos = xreallocarray(memos, n + 1, sizeof *memos);
		memos[n++] = xstrdup(store_col_text(s, 0));
	}
	store_done(s);
	rc = rc < 0 ? ANKER_DB : ANKER_OK;
	for (size_t i = 0; i < n; i++) {
		struct jobj m;
		if (!rc && !(rc = jobj_parse(st, "memo", memos[i], &m, err))) {
			rc = apply_memo(st, &m, err);
			jobj_free(&m);
		}
		free(memos[i]);
	}
	free(memos);
	return rc;
}

static int segment_unique(struct store *st, const struct jobj *o, int64_t doc, int64_t code,
                          int64_t coder, struct anker_err *err)
{
	const char *guid;
	int64_t start, end;
	char other[37];
	if (jint(o, "start", &start, err) || jint(o, "end", &end, err) ||
	    jstr(o, "guid", false, &guid, err))
		return ANKER_INPUT;
	if (taken_by(st, other, err, "SELECT guid FROM segment WHERE doc_id = :doc AND code_id = :code "
	                             "AND coder_id = :coder AND start = :start AND \"end\" = :end "
	                             "AND guid <> :guid",
	             STORE_INT(":doc", doc), STORE_INT(":code", code), STORE_INT(":coder", coder),
	             STORE_INT(":start", start), STORE_INT(":end", end), STORE_TEXT(":guid", guid)))
		return store_failed(err);
	if (*other)
		return anker_err_set(err, ANKER_EXISTS, "an identical coding exists already "
		                     "(segment %s: same document, code, coder and range)", other);
	return ANKER_OK;
}

/* Updated, else inserted, not upserted: an upsert's conflict clause
 * overrides the OR IGNORE of the triggers it fires, and with the model
 * built (schema.c, version 6) model_segment_update notes the segment twice
 * (old.id, new.id): an undone weight failed on "UNIQUE ... model_todo". */
#define SEGMENT_UPDATE                                                                       \
	"UPDATE segment SET doc_id = :doc, code_id = :code, coder_id = :coder, start = :start, " \
	"\"end\" = :end, weight = :weight, memo = :memo, created = :created, "                   \
	"modified = :modified WHERE guid = :guid"
#define SEGMENT_INSERT                                                                       \
	"INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", weight, memo, "     \
	"created, modified) VALUES (:guid, :doc, :code, :coder, :start, :end, :weight, :memo, "  \
	":created, :modified)"

static int apply_segment(struct store *st, const struct jobj *o, struct anker_err *err)
{
	struct store_stmt *s;
	const char *guid, *doc, *code, *reviews, *memos;
	int64_t doc_id, code_id, coder_id, id;
	if (jstr(o, "guid", false, &guid, err) || jstr(o, "doc", false, &doc, err) ||
	    jstr(o, "code", false, &code, err) || jlist(o, "reviews", &reviews, err) ||
	    jlist(o, "memos", &memos, err))
		return ANKER_INPUT;
	if (lookup_id(st, "document", doc, &doc_id, err) || lookup_id(st, "code", code, &code_id, err)) {
		anker_err_prefix(err, "segment %s", guid);
		return store_failed(err);
	}
	if (segment_coder(st, o, &coder_id, err) ||
	    segment_unique(st, o, doc_id, code_id, coder_id, err))
		return store_failed(err);
	for (int k = 0; k < 2; k++) {
		if (store_prepare(st, k ? SEGMENT_INSERT : SEGMENT_UPDATE, &s, err) ||
		    store_bind_text(s, ":guid", guid, err) || store_bind_int(s, ":doc", doc_id, err) ||
		    store_bind_int(s, ":code", code_id, err) || store_bind_int(s, ":coder", coder_id, err) ||
		    jbind_int(s, ":start", o, "start", err) || jbind_int(s, ":end", o, "end", err) ||
		    jbind_int(s, ":weight", o, "weight", err) ||
		    jbind_str(s, ":memo", o, "memo", false, err) ||
		    jbind_str(s, ":created", o, "created", false, err) ||
		    jbind_str(s, ":modified", o, "modified", false, err) || store_step(s, err) < 0)
			return store_failed(err);
		store_done(s);
		if (store_changes(st) > 0)
			break;
	}
	if (lookup_id(st, "segment", guid, &id, err) ||
	    ensure_coders(st, reviews, "$.reviewer", err) ||
	    run_id(st, "DELETE FROM review WHERE segment_id = :id", id, NULL, err) ||
	    run_id(st, "INSERT INTO review(segment_id, verdict, comment, reviewer_id, created) "
	                    "SELECT :id, json_extract(value, '$.verdict'), json_extract(value, "
	                    "'$.comment'), (SELECT id FROM coder WHERE name = json_extract(value, "
	                    "'$.reviewer')), json_extract(value, '$.created') FROM json_each(:list) "
	                    "ORDER BY key", id, reviews, err) ||
	    segment_memos(st, id, memos, err))
		return store_failed(err);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */

/* An entity: its table (named like it), its JSON object over the row
 * (alias A in FROM), and the statements made from them.  log_new_sql
 * logs every row with an id above :id as inserted (store_log_inserted). */
#define ENTITY(NAME, OBJECT, FROM, A, APPLY)                                         \
	{ NAME, OBJECT, FROM, A, "SELECT " OBJECT " FROM " FROM " WHERE " A ".guid = :guid", \
	  "INSERT INTO log(step, time, coder, action, entity, guid, before, after) "   \
	  "SELECT :step, :time, :coder, :action, '" NAME "', " A ".guid, NULL, " OBJECT \
	  " FROM " FROM " WHERE " A ".id > :id ORDER BY " A ".id",                    \
	  "SELECT id FROM " NAME " WHERE guid = :guid",                                \
	  "DELETE FROM " NAME " WHERE guid = :guid", APPLY }

static const struct entity entities[] = {
	ENTITY("document", DOC_OBJECT, "document d", "d", apply_document),
	ENTITY("code", CODE_OBJECT, "code c", "c", apply_code),
	ENTITY("segment", SEGMENT_OBJECT, "segment s JOIN coder k ON k.id = s.coder_id", "s",
	       apply_segment),
	ENTITY("memo", MEMO_OBJECT, "memo m", "m", apply_memo),
	ENTITY("coder", CODER_OBJECT, "coder k", "k", apply_coder),
};

static const struct entity *entity_find(const char *name, struct anker_err *err)
{
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		if (strcmp(entities[i].name, name) == 0)
			return &entities[i];
	anker_err_set(err, ANKER_INPUT, "unknown entity '%s' (known: document, code, segment, memo, "
	              "coder)", name);
	return NULL;
}

/* The JSON sql (with :guid) gives for the row of entity with guid. */
static int row_json(struct store *st, const char *sql, const char *entity, const char *guid,
                    struct strbuf *out, struct anker_err *err)
{
	int rc = store_get_text(st, out, err, sql, STORE_TEXT(":guid", guid));
	if (rc == ANKER_NOTFOUND)
		return anker_err_set(err, ANKER_NOTFOUND, "no %s with GUID %s", entity, guid);
	return rc ? ANKER_DB : ANKER_OK;
}

int store_row_json(struct store *st, const char *entity, const char *guid, struct strbuf *out,
                   struct anker_err *err)
{
	const struct entity *e = entity_find(entity, err);
	if (!e)
		return ANKER_INPUT;
	return row_json(st, e->json_sql, entity, guid, out, err);
}

int store_row_json_head(struct store *st, const char *entity, const char *guid,
                        struct strbuf *out, struct anker_err *err)
{
	if (strcmp(entity, "document") != 0)
		return store_row_json(st, entity, guid, out, err);
	return row_json(st, "SELECT " DOC_HEAD_OBJECT " FROM document d WHERE d.guid = :guid",
	                entity, guid, out, err);
}

int store_log_inserted(struct store *st, const char *action, const char *entity, int64_t after_id,
                       struct anker_err *err)
{
	const struct entity *e = entity_find(entity, err);
	if (!e)
		return ANKER_INPUT;
	return log_insert(st, e->log_new_sql, action, STORE_LIST_(0, STORE_INT(":id", after_id),
	                                                          STORE_END_), err);
}

int store_row_apply(struct store *st, const char *entity, const char *json,
                    struct anker_err *err)
{
	const struct entity *e = entity_find(entity, err);
	struct jobj o;
	int rc;
	if (!e)
		return ANKER_INPUT;
	if (!json)
		return anker_err_set(err, ANKER_INPUT, "%s JSON: none", entity);
	if ((rc = jobj_parse(st, entity, json, &o, err)))
		return rc;
	/* A row fails whole, never half applied: inside a transaction its
	 * caller rolls back (every caller does), alone it is a transaction of
	 * its own.  Not a savepoint per row: that copies every page the row
	 * changes, a fifth of the time a .qdpx of 50,000 codes took. */
	bool own = st->depth == 0;
	if (!own || (rc = store_begin(st, err)) == 0) {
		rc = e->apply(st, &o, err);
		if (own && rc)
			store_rollback(st);
		else if (own)
			rc = store_commit(st, err);
	}
	jobj_free(&o);
	return rc;
}

int store_row_delete(struct store *st, const char *entity, const char *guid,
                     struct anker_err *err)
{
	const struct entity *e = entity_find(entity, err);
	if (!e)
		return ANKER_INPUT;
	if (store_run(st, err, e->delete_sql, STORE_TEXT(":guid", guid))) {
		/* Foreign keys without a cascade: a code with segments or
		 * subcodes, a coder with segments. */
		anker_err_prefix(err, "cannot delete %s %s (other rows refer to it)", entity, guid);
		return store_failed(err);
	}
	if (store_changes(st) == 0)
		return anker_err_set(err, ANKER_NOTFOUND, "no %s with GUID %s", entity, guid);
	return ANKER_OK;
}

int row_sql(const char *entity, struct row_sql *out, struct anker_err *err)
{
	const struct entity *e = entity_find(entity, err);
	if (!e)
		return ANKER_INPUT;
	*out = (struct row_sql){ e->name, e->object, e->from, e->alias };
	return ANKER_OK;
}
