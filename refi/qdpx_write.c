/* refi/qdpx_write.c — the project as a REFI-QDA .qdpx (QDA-XML 1.0).
 *
 * project.qde is written with libxml2's xmlTextWriter, the notes into a
 * second writer while the sources are walked (a selection's weight and
 * review notes are known only there, and Notes come after Sources in the
 * schema), then spliced in raw.  Both go to anonymous temporary files
 * (tmpfile: gone however the process ends), and libzip reads each source
 * text from the project only when it compresses it, so an export holds
 * one document text at a time, not the project (issue #18).  The zip is
 * written by libzip (refi/qdpx_zip.c), which replaces the file only when
 * zip_close succeeds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"
#include "../codebook/codebook.h"

#define QDE_NS "urn:QDA-XML:project:1.0"

struct qw {
	struct store *st;
	struct refi_xw x;            /* project.qde */
	struct refi_xw nx;           /* the Notes, spliced in after Sources */
	FILE *qf, *nf;               /* their temporary files */
	struct refi_qdpx_report *rep;
	struct anker_err *err;
	char project[37];            /* the project's GUID: what GUIDs are derived from */
};

/* The GUID of what anker keeps no GUID of, the same in every export: the
 * one a .qdpx import kept for it (meta "refi:KIND:NAME"), else one derived
 * from the project's GUID, kind and name (refi_guid_derive). */
static int stable_guid(struct qw *q, const char *kind, const char *name, char out[37])
{
	struct strbuf key = {0};
	char *kept = NULL;
	sb_addf(&key, "refi:%s:%s", kind, name);
	int rc = store_meta_get(q->st, key.buf, &kept, q->err);
	if (kept && strlen(kept) == 36)
		memcpy(out, kept, 37);
	else
		refi_guid_derive(out, q->project, kind, name);
	free(kept);
	sb_free(&key);
	return rc;
}

void refi_qdpx_report_free(struct refi_qdpx_report *r)
{
	for (size_t i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	memset(r, 0, sizeof *r);
}

/* A datetime the schema accepts, or NULL (then the attribute is left out:
 * an odd stored time must not make the export invalid). */
static const char *xs_time(const char *t)
{
	size_t n = strlen(t);
	if (n < 19 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':')
		return NULL;
	return t;
}

/* ---------------------------------------------------------------------- */
/* Users */

static int write_users(struct qw *q)
{
	struct store_stmt *s;
	int rc;
	int64_t n = 0;
	if (store_query_int(q->st, "SELECT COUNT(*) FROM coder", &n, q->err))
		return ANKER_DB;
	if (n == 0)
		return ANKER_OK;   /* Users needs at least one User */
	if (store_prepare(q->st, "SELECT guid, name FROM coder ORDER BY id", &s, q->err))
		return ANKER_DB;
	refi_xw_start(&q->x, "Users");
	while ((rc = store_step(s, q->err)) == 1) {
		refi_xw_start(&q->x, "User");
		refi_xw_attr(&q->x, "guid", store_col_text(s, 0));
		refi_xw_attr(&q->x, "name", store_col_text(s, 1));
		refi_xw_end(&q->x);
		q->rep->users++;
	}
	store_done(s);
	refi_xw_end(&q->x);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* CodeBook */

struct wrefs {
	char **guid;
	size_t n;
};
static int write_memos(struct qw *q, const char *sql, int64_t id, struct wrefs *later);

#define MEMO_SELECT "SELECT m.guid, m.type, (SELECT guid FROM coder WHERE id = m.author_id), " \
	"m.text, m.created, m.modified FROM memo m "

/* What a Code holds besides what refi/codes.c writes: its memos. */
static int code_memos(void *arg, const struct codebook_code *c)
{
	struct qw *q = arg;
	q->rep->codes++;
	return write_memos(q, MEMO_SELECT "WHERE m.target = 'code' AND m.code_id = :id "
	                   "ORDER BY m.created, m.guid", c->id, NULL);
}

static int write_codebook(struct qw *q)
{
	struct codebook cb;
	int rc = codebook_load(q->st, 0, &cb, q->err);
	if (rc)
		return rc;
	if (cb.ncodes) {
		refi_xw_start(&q->x, "CodeBook");
		refi_xw_start(&q->x, "Codes");
		rc = refi_codes_write(q->st, &cb, &q->x, code_memos, q, q->err);
		refi_xw_end(&q->x);
		refi_xw_end(&q->x);
	}
	codebook_free(&cb);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Variables: one per name (anker keeps variables by name), each with a
 * stable GUID. */

struct wvars {
	char **name, **guid;
	size_t n;
};

static const char *var_type(const char *t)
{
	static const char *const map[][2] = {
		{ "text", "Text" }, { "integer", "Integer" }, { "float", "Float" },
		{ "boolean", "Boolean" }, { "date", "Date" },
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(t, map[i][0]) == 0)
			return map[i][1];
	return "Text";
}

static int write_variables(struct qw *q, struct wvars *vars)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(q->st, "SELECT name, MIN(type) FROM doc_var GROUP BY name ORDER BY name",
	                  &s, q->err))
		return ANKER_DB;
	while ((rc = store_step(s, q->err)) == 1) {
		char g[37];
		if (stable_guid(q, "variable", store_col_text(s, 0), g)) {
			rc = -1;
			break;
		}
		if (vars->n == 0)
			refi_xw_start(&q->x, "Variables");
		vars->name = xreallocarray(vars->name, vars->n + 1, sizeof *vars->name);
		vars->guid = xreallocarray(vars->guid, vars->n + 1, sizeof *vars->guid);
		vars->name[vars->n] = xstrdup(store_col_text(s, 0));
		vars->guid[vars->n++] = xstrdup(g);
		refi_xw_start(&q->x, "Variable");
		refi_xw_attr(&q->x, "guid", g);
		refi_xw_attr(&q->x, "name", store_col_text(s, 0));
		refi_xw_attr(&q->x, "typeOfVariable", var_type(store_col_text(s, 1)));
		refi_xw_end(&q->x);
	}
	store_done(s);
	if (vars->n)
		refi_xw_end(&q->x);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static void wvars_free(struct wvars *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->name[i]);
		free(v->guid[i]);
	}
	free(v->name);
	free(v->guid);
}

static int write_values(struct qw *q, const struct wvars *vars, int64_t doc)
{
	static const char *const elem[][2] = {
		{ "integer", "IntegerValue" }, { "float", "FloatValue" },
		{ "boolean", "BooleanValue" }, { "date", "DateValue" },
	};
	struct store_stmt *s;
	int rc;
	if (store_prepare(q->st, "SELECT name, type, value FROM doc_var WHERE doc_id = :id "
	                         "ORDER BY name", &s, q->err) ||
	    store_bind_int(s, ":id", doc, q->err))
		return ANKER_DB;
	while ((rc = store_step(s, q->err)) == 1) {
		const char *e = "TextValue", *guid = NULL;
		for (size_t i = 0; i < sizeof elem / sizeof *elem; i++)
			if (strcmp(store_col_text(s, 1), elem[i][0]) == 0)
				e = elem[i][1];
		for (size_t i = 0; i < vars->n; i++)
			if (strcmp(vars->name[i], store_col_text(s, 0)) == 0)
				guid = vars->guid[i];
		refi_xw_start(&q->x, "VariableValue");
		refi_xw_ref(&q->x, "VariableRef", guid);
		refi_xw_text(&q->x, e, store_col_text(s, 2));
		refi_xw_end(&q->x);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Notes: memos, and a selection's weight and reviews. */

static void note_open(struct qw *q, const char *guid, const char *name, const char *user,
                      const char *created, const char *modified)
{
	refi_xw_start(&q->nx, "Note");
	refi_xw_attr(&q->nx, "guid", guid);
	refi_xw_attr(&q->nx, "name", name);
	if (user && *user)
		refi_xw_attr(&q->nx, "creatingUser", user);
	refi_xw_attr(&q->nx, "creationDateTime", xs_time(created));
	if (modified)
		refi_xw_attr(&q->nx, "modifiedDateTime", xs_time(modified));
	q->rep->notes++;
}

/* Memos on one target (sql binds :id unless id is 0) as Notes, each
 * referenced from the element being written, or, when later is not NULL,
 * listed there to be referenced at the end (the project's NoteRefs come
 * after its Sets). */
static int write_memos(struct qw *q, const char *sql, int64_t id, struct wrefs *later)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(q->st, sql, &s, q->err) || (id && store_bind_int(s, ":id", id, q->err)))
		return ANKER_DB;
	while ((rc = store_step(s, q->err)) == 1) {
		char name[64];
		snprintf(name, sizeof name, "anker:memo %s", store_col_text(s, 1));
		if (later) {
			later->guid = xreallocarray(later->guid, later->n + 1, sizeof *later->guid);
			later->guid[later->n++] = xstrdup(store_col_text(s, 0));
		} else {
			refi_xw_ref(&q->x, "NoteRef", store_col_text(s, 0));
		}
		note_open(q, store_col_text(s, 0), name, store_col_text(s, 2), store_col_text(s, 4),
		          store_col_text(s, 5));
		refi_xw_text(&q->nx, "PlainTextContent", store_col_text(s, 3));
		refi_xw_end(&q->nx);
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* A selection's weight and review Notes: their GUIDs derived from the
 * segment's (sguid), so that every export gives the same. */
static int write_selection_notes(struct qw *q, int64_t seg, const char *sguid, int weight,
                                 const char *user, const char *created)
{
	struct store_stmt *s;
	char g[37], name[64];
	int rc;
	if (weight) {
		refi_guid_derive(g, q->project, "weight", sguid);
		snprintf(name, sizeof name, "anker:weight %d", weight);
		refi_xw_ref(&q->x, "NoteRef", g);
		note_open(q, g, name, user, created, NULL);
		refi_xw_text(&q->nx, "PlainTextContent", name + 6);
		refi_xw_end(&q->nx);
	}
	if (store_prepare(q->st, "SELECT r.verdict, r.comment, k.guid, r.created FROM review r "
	                         "JOIN coder k ON k.id = r.reviewer_id WHERE r.segment_id = :id "
	                         "ORDER BY r.created, r.id", &s, q->err) ||
	    store_bind_int(s, ":id", seg, q->err))
		return ANKER_DB;
	for (int k = 0; (rc = store_step(s, q->err)) == 1; k++) {
		char key[64];
		snprintf(key, sizeof key, "%s %d", sguid, k);
		refi_guid_derive(g, q->project, "review", key);
		snprintf(name, sizeof name, "anker:review %s", store_col_text(s, 0));
		refi_xw_ref(&q->x, "NoteRef", g);
		note_open(q, g, name, store_col_text(s, 2), store_col_text(s, 3), NULL);
		refi_xw_text(&q->nx, "PlainTextContent", store_col_text(s, 1));
		refi_xw_end(&q->nx);
	}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	return write_memos(q, MEMO_SELECT "WHERE m.target = 'segment' AND m.segment_id = :id "
	                      "ORDER BY m.created, m.guid", seg, NULL);
}

/* ---------------------------------------------------------------------- */
/* Sources */

static int write_selections(struct qw *q, int64_t doc)
{
	struct store_stmt *s;
	int rc;
	if (store_prepare(q->st, "SELECT s.id, s.guid, s.start, s.\"end\", k.guid, s.created, "
	                         "s.modified, s.memo, s.weight, c.guid FROM segment s "
	                         "JOIN coder k ON k.id = s.coder_id JOIN code c ON c.id = s.code_id "
	                         "WHERE s.doc_id = :id ORDER BY s.start, s.\"end\", s.id", &s, q->err) ||
	    store_bind_int(s, ":id", doc, q->err))
		return ANKER_DB;
	/* Rows first: the notes query reuses statements of its own, and this
	 * walk must not be reset under it. */
	struct row { int64_t id, start, end; int weight; char *v[6]; } *r = NULL;
	size_t n = 0;
	while ((rc = store_step(s, q->err)) == 1) {
		r = xreallocarray(r, n + 1, sizeof *r);
		r[n].id = store_col_int(s, 0);
		r[n].start = store_col_int(s, 2);
		r[n].end = store_col_int(s, 3);
		r[n].weight = (int)store_col_int(s, 8);
		r[n].v[0] = xstrdup(store_col_text(s, 1));
		r[n].v[1] = xstrdup(store_col_text(s, 4));
		r[n].v[2] = xstrdup(store_col_text(s, 5));
		r[n].v[3] = xstrdup(store_col_text(s, 6));
		r[n].v[4] = xstrdup(store_col_text(s, 7));
		r[n].v[5] = xstrdup(store_col_text(s, 9));
		n++;
	}
	store_done(s);
	rc = rc < 0 ? ANKER_DB : ANKER_OK;
	for (size_t i = 0; i < n; i++) {
		if (!rc) {
			char cg[37];
			refi_xw_start(&q->x, "PlainTextSelection");
			refi_xw_attr(&q->x, "guid", r[i].v[0]);
			refi_xw_attr_int(&q->x, "startPosition", r[i].start);
			refi_xw_attr_int(&q->x, "endPosition", r[i].end);
			refi_xw_attr(&q->x, "creatingUser", r[i].v[1]);
			refi_xw_attr(&q->x, "creationDateTime", xs_time(r[i].v[2]));
			refi_xw_attr(&q->x, "modifiedDateTime", xs_time(r[i].v[3]));
			if (*r[i].v[4])
				refi_xw_text(&q->x, "Description", r[i].v[4]);
			refi_guid_derive(cg, q->project, "coding", r[i].v[0]);
			refi_xw_start(&q->x, "Coding");
			refi_xw_attr(&q->x, "guid", cg);
			refi_xw_attr(&q->x, "creatingUser", r[i].v[1]);
			refi_xw_attr(&q->x, "creationDateTime", xs_time(r[i].v[2]));
			refi_xw_ref(&q->x, "CodeRef", r[i].v[5]);
			refi_xw_end(&q->x);
			rc = write_selection_notes(q, r[i].id, r[i].v[0], r[i].weight, r[i].v[1], r[i].v[2]);
			refi_xw_end(&q->x);
			q->rep->selections++;
		}
		for (int k = 0; k < 6; k++)
			free(r[i].v[k]);
	}
	free(r);
	return rc;
}

static int write_sources(struct qw *q, const struct wvars *vars, struct qw_texts *texts)
{
	struct store_stmt *s;
	int rc;
	/* bytes, not length(CAST(text AS BLOB)): that would read every text
	 * once more only to measure it (the size libzip stats; it counts what
	 * it reads, so the archive is right even were bytes wrong). */
	if (store_prepare(q->st, "SELECT id, guid, name, bytes, imported, source FROM document "
	                         "ORDER BY grp, name", &s, q->err))
		return ANKER_DB;
	struct doc { int64_t id; char *guid, *name, *imported, *source; } *d = NULL;
	size_t n = 0;
	while ((rc = store_step(s, q->err)) == 1) {
		d = xreallocarray(d, n + 1, sizeof *d);
		d[n].id = store_col_int(s, 0);
		d[n].guid = xstrdup(store_col_text(s, 1));
		d[n].name = xstrdup(store_col_text(s, 2));
		d[n].imported = xstrdup(store_col_text(s, 4));
		d[n].source = xstrdup(store_col_text(s, 5));
		texts->t = xreallocarray(texts->t, texts->n + 1, sizeof *texts->t);
		snprintf(texts->t[texts->n].guid, sizeof texts->t[texts->n].guid, "%s", d[n].guid);
		texts->t[texts->n].id = d[n].id;
		texts->t[texts->n++].len = (uint64_t)store_col_int(s, 3);
		n++;
	}
	store_done(s);
	rc = rc < 0 ? ANKER_DB : ANKER_OK;
	if (n)
		refi_xw_start(&q->x, "Sources");
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = store_progress("qdpx export", i, n, q->err);
		if (!rc) {
			char path[64];
			snprintf(path, sizeof path, "internal://%s.txt", d[i].guid);
			refi_xw_start(&q->x, "TextSource");
			refi_xw_attr(&q->x, "guid", d[i].guid);
			refi_xw_attr(&q->x, "name", d[i].name);
			refi_xw_attr(&q->x, "plainTextPath", path);
			refi_xw_attr(&q->x, "creationDateTime", xs_time(d[i].imported));
			if (*d[i].source)
				refi_xw_text(&q->x, "Description", d[i].source);
			rc = write_selections(q, d[i].id);
			if (!rc)
				rc = write_memos(q, MEMO_SELECT "WHERE m.target = 'document' AND "
				                    "m.doc_id = :id ORDER BY m.created, m.guid", d[i].id, NULL);
			if (!rc)
				rc = write_values(q, vars, d[i].id);
			refi_xw_end(&q->x);
			q->rep->sources++;
		}
		free(d[i].guid);
		free(d[i].name);
		free(d[i].imported);
		free(d[i].source);
	}
	if (n)
		refi_xw_end(&q->x);
	free(d);
	return rc;
}

/* Sets: one per document group, each with a stable GUID. */
static int write_sets(struct qw *q)
{
	struct store_stmt *s;
	int rc;
	char last[1024] = "";
	bool open = false;
	if (store_prepare(q->st, "SELECT grp, guid FROM document WHERE grp <> '' ORDER BY grp, name",
	                  &s, q->err))
		return ANKER_DB;
	while ((rc = store_step(s, q->err)) == 1) {
		const char *grp = store_col_text(s, 0);
		if (!open) {
			refi_xw_start(&q->x, "Sets");
			open = true;
		}
		if (strcmp(grp, last) != 0) {
			char g[37];
			if (*last)
				refi_xw_end(&q->x);
			snprintf(last, sizeof last, "%s", grp);
			if (stable_guid(q, "set", grp, g)) {
				rc = -1;
				break;
			}
			refi_xw_start(&q->x, "Set");
			refi_xw_attr(&q->x, "guid", g);
			refi_xw_attr(&q->x, "name", grp);
			refi_xw_text(&q->x, "Description", "anker:group");
			q->rep->sets++;
		}
		refi_xw_ref(&q->x, "MemberSource", store_col_text(s, 1));
	}
	store_done(s);
	if (open) {
		refi_xw_end(&q->x);
		refi_xw_end(&q->x);
	}
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */

static int write_project(struct qw *q, struct qw_texts *texts)
{
	struct wvars vars = {0};
	struct wrefs pm = {0};
	char *title = NULL;
	char created[64] = "";
	struct store_stmt *s;
	int rc = store_prepare(q->st, "SELECT title, created, guid FROM project", &s, q->err);
	if (rc)
		return ANKER_DB;
	if ((rc = store_step(s, q->err)) == 1) {
		title = xstrdup(store_col_text(s, 0));
		snprintf(created, sizeof created, "%s", store_col_text(s, 1));
		snprintf(q->project, sizeof q->project, "%s", store_col_text(s, 2));
	}
	store_done(s);
	/* The title: `init --title`'s, or the name of the Project a .qdpx
	 * import brought (both in meta). */
	if (rc >= 0 && (!title || !*title)) {
		free(title);
		rc = store_meta_get(q->st, "title", &title, q->err) ? -1 : rc;
	}
	if (rc < 0) {
		free(title);
		return ANKER_DB;
	}
	q->x.bad |= xmlTextWriterStartDocument(q->x.w, NULL, "UTF-8", NULL) < 0;
	refi_xw_start(&q->x, "Project");
	refi_xw_attr(&q->x, "xmlns", QDE_NS);
	refi_xw_attr(&q->x, "name", title && *title ? title : "anker project");
	refi_xw_attr(&q->x, "origin", "anker");
	refi_xw_attr(&q->x, "creationDateTime", xs_time(created));
	free(title);
	rc = write_users(q);
	if (!rc)
		rc = write_codebook(q);
	if (!rc)
		rc = write_variables(q, &vars);
	if (!rc)
		rc = write_sources(q, &vars, texts);
	if (!rc)
		rc = write_memos(q, MEMO_SELECT "WHERE m.target = 'project' "
		                 "ORDER BY m.created, m.guid", 0, &pm);
	if (!rc && xmlTextWriterFlush(q->nx.w) >= 0 && ftell(q->nf) > 0) {
		char chunk[65536];
		size_t got;
		refi_xw_start(&q->x, "Notes");
		rewind(q->nf);
		while ((got = fread(chunk, 1, sizeof chunk, q->nf)) > 0)
			q->x.bad |= xmlTextWriterWriteRawLen(q->x.w, (xmlChar *)chunk, (int)got) < 0;
		q->x.bad |= ferror(q->nf) != 0;
		refi_xw_end(&q->x);
	}
	if (!rc)
		rc = write_sets(q);
	for (size_t i = 0; i < pm.n; i++) {
		refi_xw_ref(&q->x, "NoteRef", pm.guid[i]);
		free(pm.guid[i]);
	}
	free(pm.guid);
	refi_xw_end(&q->x);
	q->x.bad |= xmlTextWriterEndDocument(q->x.w) < 0;
	wvars_free(&vars);
	return rc;
}

/* A text writer into a new anonymous temporary file (*fp). */
static xmlTextWriterPtr qw_writer_tmp(FILE **fp)
{
	xmlOutputBufferPtr out;
	xmlTextWriterPtr w;
	if (!(*fp = tmpfile()))
		return NULL;
	/* The buffer flushes into *fp but leaves closing it to us. */
	if (!(out = xmlOutputBufferCreateFile(*fp, NULL)))
		return NULL;
	if (!(w = xmlNewTextWriter(out))) {
		xmlOutputBufferClose(out);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	return w;
}

int refi_qdpx_export(struct store *st, const char *path, struct refi_qdpx_report *rep,
                       struct anker_err *err)
{
	struct qw q = { .st = st, .rep = rep, .err = err };
	struct qw_texts texts = {0};
	memset(rep, 0, sizeof *rep);
	if (refi_libs_load(true, err))
		return err->status;
	q.x.w = qw_writer_tmp(&q.qf);
	q.nx.w = q.x.w ? qw_writer_tmp(&q.nf) : NULL;
	int rc;
	if (!q.x.w || !q.nx.w) {
		rc = anker_err_set(err, ANKER_IO, "cannot make a temporary file for project.qde: %s",
		                   strerror(errno));
		goto out;
	}
	if ((rc = store_read_begin(st, err)))
		goto out;
	rc = write_project(&q, &texts);
	xmlFreeTextWriter(q.x.w);   /* flushes into q.qf */
	q.x.w = NULL;
	size_t replaced = q.x.replaced + q.nx.replaced;
	if (!rc && (q.x.bad || q.nx.bad || fflush(q.qf) != 0 || ferror(q.qf)))
		rc = anker_err_set(err, ANKER_IO, "writing project.qde failed");
	if (!rc) {
		/* Still in the read transaction: the texts libzip reads are
		 * those of the project.qde just written. */
		FILE *qde = q.qf;
		q.qf = NULL;
		rc = qw_zip_write(st, path, qde, &texts, err);
	}
	store_read_end(st);
	if (!rc && replaced) {
		rep->warnings = xreallocarray(rep->warnings, rep->nwarnings + 1, sizeof *rep->warnings);
		struct strbuf sb = {0};
		sb_addf(&sb, "%zu control character%s in names, descriptions or memos written as "
		        "U+FFFD: XML 1.0 cannot carry C0 controls, and a code name has no control "
		        "characters (document texts are kept exactly)", replaced,
		        replaced == 1 ? "" : "s");
		rep->warnings[rep->nwarnings++] = sb_steal(&sb);
	}
out:
	if (q.x.w)
		xmlFreeTextWriter(q.x.w);
	if (q.nx.w)
		xmlFreeTextWriter(q.nx.w);
	if (q.qf)
		fclose(q.qf);
	if (q.nf)
		fclose(q.nf);
	free(texts.t);
	return rc;
}
