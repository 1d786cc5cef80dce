/* coding/memo.c — memos: typed notes on the project, a document, a code or
 * a segment (definition, method, theory, free), as MAXQDA keeps them.
 *
 * Every change is one transaction and one logged step of entity "memo",
 * so that undo and redo cover memos like any other change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

static const char *const memo_types[] = { "definition", "method", "theory", "free" };
static const char *const target_names[] = { "project", "document", "code", "segment" };

int coding_memo_target_parse(const char *name)
{
	if (strcmp(name, "doc") == 0)
		return CODING_MEMO_DOCUMENT;
	for (int i = 0; i < 4; i++)
		if (strcmp(name, target_names[i]) == 0)
			return i;
	return -1;
}

bool coding_memo_type_valid(const char *type)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(type, memo_types[i]) == 0)
			return true;
	return false;
}

void coding_memos_free(struct coding_memo *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].type);
		free(v[i].target);
		free(v[i].target_guid);
		free(v[i].on);
		free(v[i].author);
		free(v[i].text);
		free(v[i].created);
		free(v[i].modified);
	}
	free(v);
}

/* ---------------------------------------------------------------------- */
/* What a memo is attached to: row ids for the memo's columns. */

struct target_ref {
	int64_t doc_id, code_id, seg_id;
};

static int target_resolve(struct store *st, const struct coding_memo_on *on,
                          struct target_ref *t, struct anker_err *err)
{
	memset(t, 0, sizeof *t);
	if (on->target != CODING_MEMO_PROJECT && (!on->key || !*on->key))
		return anker_err_set(err, ANKER_INPUT, "a memo on a %s needs the %s's name or key",
		                     target_names[on->target], target_names[on->target]);
	switch (on->target) {
	case CODING_MEMO_PROJECT:
		return ANKER_OK;
	case CODING_MEMO_DOCUMENT: {
		struct corpus_doc d;
		if (corpus_doc_find(st, on->key, &d, err))
			return err->status;
		t->doc_id = d.id;
		corpus_doc_free(&d);
		return ANKER_OK;
	}
	case CODING_MEMO_CODE:
		return codebook_resolve(st, on->key, &t->code_id, err);
	case CODING_MEMO_SEGMENT: {
		struct coding_quote q;
		if (coding_quote_get(st, on->key, &q, err))
			return err->status;
		t->seg_id = q.segment_id;
		coding_quote_free(&q);
		return ANKER_OK;
	}
	}
	return anker_err_set(err, ANKER_INPUT, "unknown memo target");
}

static int bind_id(struct store_stmt *s, const char *name, int64_t id, struct anker_err *err)
{
	return id ? store_bind_int(s, name, id, err) : store_bind_null(s, name, err);
}

/* The same as a pair for store_run. */
static struct store_arg id_pair(const char *name, int64_t id)
{
	return id ? STORE_INT(name, id) : STORE_NULL(name);
}

/* A memo's GUID or unique prefix (at least 4 characters) → row id, GUID. */
static int memo_resolve(struct store *st, const char *key, int64_t *id, char guid[37],
                        struct anker_err *err)
{
	struct store_stmt *s;
	int rc, n = 0;
	if (strlen(key) < 4)
		return anker_err_set(err, ANKER_INPUT, "memo '%s': give at least 4 characters of "
		                     "its GUID", key);
	if (store_prepare(st, "SELECT id, guid FROM memo WHERE substr(guid, 1, length(:key)) = "
	                      "lower(:key) ORDER BY guid LIMIT 2", &s, err) ||
	    store_bind_text(s, ":key", key, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1)
		if (++n == 1) {
			*id = store_col_int(s, 0);
			snprintf(guid, 37, "%s", store_col_text(s, 1));
		}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (n == 0)
		return anker_err_set(err, ANKER_NOTFOUND, "no memo '%s' (see 'anker memo list')", key);
	if (n > 1)
		return anker_err_set(err, ANKER_INPUT, "memo '%s' is ambiguous: give more of its GUID",
		                     key);
	return ANKER_OK;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* *nfc: text as it is stored (NFC, as every text anker keeps: a memo
 * typed on a terminal that writes NFD must match a search like the
 * documents), malloc'd; NULL when text is. */
static int check_type_text(const char *type, const char *text, char **nfc,
                           struct anker_err *err)
{
	*nfc = NULL;
	if (type && !coding_memo_type_valid(type))
		return anker_err_set(err, ANKER_INPUT, "unknown memo type '%s' (use definition, "
		                     "method, theory or free)", type);
	if (text && blank(text))
		return anker_err_set(err, ANKER_INPUT, "the memo's text is empty");
	/* A memo may come from any file on stdin. */
	return text ? corpus_text_given("memo text", text, strlen(text), nfc, err) : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Changes */

static int memo_insert(struct store *st, const struct coding_memo_on *on, const char *type,
                       const char *text, const char *author, const char *guid,
                       struct anker_err *err)
{
	struct target_ref t;
	int64_t author_id;
	char now[32];
	if (target_resolve(st, on, &t, err) || store_coder_id(st, author, &author_id, err))
		return err->status ? err->status : ANKER_DB;
	store_now(now);
	if (store_run(st, err, "INSERT INTO memo(guid, type, target, doc_id, code_id, segment_id, "
	                       "author_id, text, created, modified) VALUES (:guid, :type, :target, "
	                       ":doc, :code, :seg, :author, :text, :now, :now)",
	              STORE_TEXT(":guid", guid), STORE_TEXT(":type", type),
	              STORE_TEXT(":target", target_names[on->target]), id_pair(":doc", t.doc_id),
	              id_pair(":code", t.code_id), id_pair(":seg", t.seg_id),
	              STORE_INT(":author", author_id), STORE_TEXT(":text", text),
	              STORE_TEXT(":now", now)))
		return ANKER_DB;
	return ANKER_OK;
}

/* Log the memo's change: before (NULL for an insert) and the row now
 * (NULL after a delete). */
static int memo_log(struct store *st, const char *action, const char *guid, const char *before,
                    bool deleted, struct anker_err *err)
{
	struct strbuf after = {0};
	int rc = deleted ? ANKER_OK : store_row_json(st, "memo", guid, &after, err);
	if (!rc)
		rc = store_log(st, action, "memo", guid, before, deleted ? NULL : sb_str(&after), err);
	sb_free(&after);
	return rc;
}

/* Commit, or roll back after a failure (a failed commit rolls back itself). */
static int finish(struct store *st, int rc, struct anker_err *err)
{
	if (rc) {
		store_rollback(st);
		return err->status ? err->status : ANKER_DB;
	}
	return store_commit(st, err);
}

int coding_memo_add(struct store *st, const struct coding_memo_on *on, const char *type,
                    const char *text, const char *author, char guid[37], struct anker_err *err)
{
	char *nfc;
	if (check_type_text(type, text, &nfc, err))
		return err->status;
	if ((unsigned)on->target > CODING_MEMO_SEGMENT) {
		free(nfc);
		return anker_err_set(err, ANKER_INPUT, "unknown memo target");
	}
	if (!author)
		author = store_default_coder();
	store_set_actor(st, author);
	if (store_begin(st, err)) {
		free(nfc);
		return err->status;
	}
	store_guid(guid);
	int rc = memo_insert(st, on, type, nfc, author, guid, err);
	free(nfc);
	if (!rc)
		rc = memo_log(st, "memo add", guid, NULL, false, err);
	return finish(st, rc, err);
}

int coding_memo_edit(struct store *st, const char *key, const char *type, const char *text,
                     const char *actor, struct anker_err *err)
{
	struct strbuf before = {0};
	int64_t id = 0;
	char guid[37], now[32];
	if (!type && !text)
		return anker_err_set(err, ANKER_INPUT, "nothing to change: give a new text or --type");
	char *nfc;
	if (check_type_text(type, text, &nfc, err))
		return err->status;
	store_set_actor(st, actor);
	if (store_begin(st, err)) {
		free(nfc);
		return err->status;
	}
	int rc = memo_resolve(st, key, &id, guid, err);
	if (!rc)
		rc = store_row_json(st, "memo", guid, &before, err);
	store_now(now);
	if (!rc && store_run(st, err, "UPDATE memo SET type = COALESCE(:type, type), "
	                              "text = COALESCE(:text, text), modified = :now WHERE id = :id",
	                     STORE_TEXT(":type", type), STORE_TEXT(":text", nfc),
	                     STORE_TEXT(":now", now), STORE_INT(":id", id)))
		rc = ANKER_DB;
	free(nfc);
	if (!rc)
		rc = memo_log(st, "memo edit", guid, sb_str(&before), false, err);
	sb_free(&before);
	return finish(st, rc, err);
}

int coding_memo_delete(struct store *st, const char *key, const char *actor,
                       struct anker_err *err)
{
	struct strbuf before = {0};
	int64_t id = 0;
	char guid[37];
	store_set_actor(st, actor);
	if (store_begin(st, err))
		return err->status;
	int rc = memo_resolve(st, key, &id, guid, err);
	if (!rc)
		rc = store_row_json(st, "memo", guid, &before, err);
	if (!rc && store_run(st, err, "DELETE FROM memo WHERE id = :id", STORE_INT(":id", id)))
		rc = ANKER_DB;
	if (!rc)
		rc = memo_log(st, "memo delete", guid, sb_str(&before), true, err);
	sb_free(&before);
	return finish(st, rc, err);
}

int coding_import_file(struct store *st, const char *path, const struct corpus_import_opts *o,
                       const char *author, struct corpus_import_result *res,
                       struct anker_err *err)
{
	if (store_begin(st, err))
		return err->status;
	int rc = corpus_import_file(st, path, o, res, err);
	for (size_t i = 0; !rc && i < res->nmemos; i++) {
		char guid[37];
		struct coding_memo_on on = { CODING_MEMO_DOCUMENT, res->guid };
		rc = coding_memo_add(st, &on, "free", res->memos[i], author, guid, err);
	}
	return finish(st, rc, err);
}

/* ---------------------------------------------------------------------- */
/* Listing */

#define MEMO_SELECT                                                                          \
	"SELECT m.id, m.guid, m.type, m.target, COALESCE(d.guid, c.guid, s.guid), d.name, "    \
	"c.number, c.name, s.guid, a.name, m.text, m.created, m.modified FROM memo m "         \
	"LEFT JOIN document d ON d.id = m.doc_id LEFT JOIN code c ON c.id = m.code_id "        \
	"LEFT JOIN segment s ON s.id = m.segment_id LEFT JOIN coder a ON a.id = m.author_id "
#define MEMO_SQL                                                                             \
	MEMO_SELECT                                                                          \
	"WHERE (:target IS NULL OR m.target = :target) AND (:doc IS NULL OR m.doc_id = :doc) " \
	"AND (:code IS NULL OR m.code_id = :code) AND (:seg IS NULL OR m.segment_id = :seg) "  \
	"AND (:type IS NULL OR m.type = :type) ORDER BY m.id"
/* The memos on a code, its subcodes and the segments of them all. */
#define MEMO_TREE_SQL                                                                        \
	"WITH RECURSIVE sub(id) AS (SELECT :code UNION ALL "                                   \
	"SELECT k.id FROM code k JOIN sub ON k.parent_id = sub.id) " MEMO_SELECT             \
	"WHERE m.code_id IN (SELECT id FROM sub) OR m.segment_id IN "                          \
	"(SELECT g.id FROM segment g JOIN sub ON g.code_id = sub.id) ORDER BY m.id"

static void memo_from_row(struct store_stmt *s, struct coding_memo *m)
{
	struct strbuf on = {0};
	memset(m, 0, sizeof *m);
	m->id = store_col_int(s, 0);
	snprintf(m->guid, sizeof m->guid, "%s", store_col_text(s, 1));
	m->type = xstrdup(store_col_text(s, 2));
	m->target = xstrdup(store_col_text(s, 3));
	m->target_guid = store_col_null(s, 4) ? NULL : xstrdup(store_col_text(s, 4));
	if (strcmp(m->target, "document") == 0) {
		sb_adds(&on, store_col_text(s, 5));
	} else if (strcmp(m->target, "code") == 0) {
		const char *num = store_col_text(s, 6);
		sb_addf(&on, "%s%s%s", num, *num ? " " : "", store_col_text(s, 7));
	} else if (strcmp(m->target, "segment") == 0) {
		sb_adds(&on, store_col_text(s, 8));   /* quoted once the statement is done */
	} else {
		sb_adds(&on, "project");
	}
	m->on = sb_steal(&on);
	m->author = xstrdup(store_col_text(s, 9));
	m->text = xstrdup(store_col_text(s, 10));
	m->created = xstrdup(store_col_text(s, 11));
	m->modified = xstrdup(store_col_text(s, 12));
}

/* f NULL: the memos of code t->code_id's tree (MEMO_TREE_SQL). */
static int memos_query(struct store *st, const struct coding_memo_filter *f,
                       const struct target_ref *t, struct coding_memo **out, size_t *n,
                       struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (!f) {
		if (store_prepare(st, MEMO_TREE_SQL, &s, err) || bind_id(s, ":code", t->code_id, err))
			return ANKER_DB;
	} else if (store_prepare(st, MEMO_SQL, &s, err) ||
	           store_bind_text(s, ":target", f->on ? target_names[f->on->target] : NULL, err) ||
	           bind_id(s, ":doc", t->doc_id, err) || bind_id(s, ":code", t->code_id, err) ||
	           bind_id(s, ":seg", t->seg_id, err) || store_bind_text(s, ":type", f->type, err)) {
		return ANKER_DB;
	}
	while ((rc = store_step(s, err)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		memo_from_row(s, &(*out)[(*n)++]);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* A segment memo is shown as "1a2b3c4d (2.1, Interview 01, Pos. 12)":
 * the GUID prefix names the segment for commands, the code number says
 * to the reader which coding it is. */
static int memos_quote(struct store *st, struct coding_memo *v, size_t n, struct anker_err *err)
{
	struct strbuf number = {0};
	int rc = ANKER_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		if (strcmp(v[i].target, "segment") != 0)
			continue;
		struct coding_quote q;
		if ((rc = coding_quote_get(st, v[i].on, &q, err)))
			break;
		rc = store_get_text(st, &number, err, "SELECT number FROM code WHERE id = :id",
		                    STORE_INT(":id", q.code_id));
		if (!rc) {
			struct strbuf on = {0};
			sb_addf(&on, "%.8s (%s, %s)", q.guid, sb_str(&number), q.citation);
			free(v[i].on);
			v[i].on = sb_steal(&on);
		}
		coding_quote_free(&q);
	}
	sb_free(&number);
	return rc;
}

/* coding_memo_list (f set) and coding_memo_list_tree (f NULL, on the
 * code). */
static int memos_list(struct store *st, const struct coding_memo_filter *f,
                      const struct coding_memo_on *on, struct coding_memo **out, size_t *n,
                      struct anker_err *err)
{
	struct target_ref t = {0};
	*out = NULL;
	*n = 0;
	char *none;
	if (f && f->type && check_type_text(f->type, NULL, &none, err))
		return err->status;
	if (store_read_begin(st, err))
		return err->status;
	int rc = (on && target_resolve(st, on, &t, err)) ||
	         memos_query(st, f, &t, out, n, err) || memos_quote(st, *out, *n, err);
	store_read_end(st);
	if (rc) {
		coding_memos_free(*out, *n);
		*out = NULL;
		*n = 0;
		return err->status ? err->status : ANKER_DB;
	}
	return ANKER_OK;
}

int coding_memo_list(struct store *st, const struct coding_memo_filter *f,
                     struct coding_memo **out, size_t *n, struct anker_err *err)
{
	return memos_list(st, f, f->on, out, n, err);
}

int coding_memo_list_tree(struct store *st, const char *code, struct coding_memo **out,
                          size_t *n, struct anker_err *err)
{
	struct coding_memo_on on = { CODING_MEMO_CODE, code };
	return memos_list(st, NULL, &on, out, n, err);
}

void coding_memos_table(const struct coding_memo *v, size_t n, bool full, struct report_table *t)
{
	report_table_col(t, "GUID", "guid", REPORT_COL_TEXT);
	report_table_col(t, "Type", "type", REPORT_COL_TEXT);
	if (full)
		report_table_col(t, "Target", "target", REPORT_COL_TEXT);
	report_table_col(t, "On", "on", REPORT_COL_TEXT);
	report_table_col(t, "Author", "author", REPORT_COL_TEXT);
	report_table_col(t, "Created", "created", REPORT_COL_TEXT);
	if (full)
		report_table_col(t, "Modified", "modified", REPORT_COL_TEXT);
	report_table_col(t, "Text", "text", REPORT_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		report_table_row(t);
		report_table_text(t, v[i].guid);
		report_table_text(t, v[i].type);
		if (full)
			report_table_text(t, v[i].target);
		report_table_text(t, v[i].on);
		report_table_text(t, v[i].author);
		report_table_text(t, v[i].created);
		if (full)
			report_table_text(t, v[i].modified);
		report_table_text(t, v[i].text);
	}
}
