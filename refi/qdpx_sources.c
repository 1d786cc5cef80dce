/* refi/qdpx_sources.c — a .qdpx's TextSources: the text (from the zip or
 * inline, normalised, and the selections mapped to match), the
 * variables' values, the document group (its Set), and each
 * PlainTextSelection with its Codings as segments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

/* ---------------------------------------------------------------------- */
/* The text */

struct qtext {
	struct corpus_norm norm;
	struct corpus_posmap map;    /* the file's positions in the stored text */
};

static int text_load(struct qr *q, struct qr_hsrc *src, const char *name, struct qtext *t,
                     bool *skip)
{
	char *raw = NULL;
	const char *path = qr_held_str(src, src->path);
	size_t len = 0;
	int rc = ANKER_OK;
	*skip = false;
	if (path && strncmp(path, "internal://", 11) == 0) {
		int64_t i = qr_zip_source(q, path + 11);
		if (i < 0)
			rc = anker_err_set(q->err, ANKER_INPUT, "%s: source '%s': %s is not in the "
			                   "archive", q->path, name, path);
		else
			rc = qr_zip_read(q, i, &raw, &len);
	} else if ((raw = src->text)) {
		src->text = NULL;
		len = strlen(raw);
	} else {
		qr_warn(q, "%s: source '%s' skipped: its text (%s) is not in the archive", q->path,
		        name, path ? path : "no plainTextPath");
		*skip = true;
	}
	if (rc || *skip)
		return rc;
	/* Selections count in the file's text: map them through the BOM,
	 * CRLF and NFC that normalising takes away. */
	if ((rc = corpus_normalize(raw, len, false, &t->norm, q->err)))
		anker_err_prefix(q->err, "%s: source '%s'", q->path, name);
	else
		corpus_posmap_build(raw, len, &t->map);
	free(raw);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Selections */

/* The GUID of the segment a selection's memos and reviews go with: the
 * selection's own when it has one Coding (the segment takes it), else the
 * first Coding's (each Coding becomes a segment with its own GUID).  A
 * memo row must name a segment that is imported, or applying it fails. */
static int first_segment(struct qr *q, const struct qr_hsel *sel, const struct qr_hcod *cod,
                         const char *g, char out[37])
{
	if (sel->ncod <= 1) {
		memcpy(out, g, 37);
		return ANKER_OK;
	}
	return qr_hguid_get(q, &cod[0].guid, "Coding", "guid", out) ? ANKER_OK : ANKER_INPUT;
}

/* What the segments of one selection share. */
struct qsel {
	char guid[37];
	const char *doc;             /* the source's GUID */
	const char *by;              /* the selection's creatingUser, NULL when none */
	size_t start, end;           /* stored positions */
	size_t ncod;                 /* Codings */
	int weight;
	const char *created, *modified;
	const char *memo;            /* the Description, NULL when none */
	struct strbuf reviews, memos;   /* JSON arrays, for the first segment only */
	struct qr_smemos sm;         /* the memos as columns, likewise */
	size_t nrows;                /* segment rows written */
};

/* The selection's positions in the stored text: the file's positions
 * (code points of its text, BOM not counted) mapped through the
 * normalisation, refused when outside the text. */
static int selection_range(struct qr *q, const struct qr_hsel *sel, const char *dname,
                           const struct qtext *t, struct qsel *s)
{
	int64_t s0 = sel->start, s1 = sel->end;   /* -1: missing or not a number */
	if (s0 < 0 || s1 <= s0 || (uint64_t)s1 > t->map.raw_chars)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %lu: selection %s is outside the "
		                     "text of '%s' (%zu code points)", q->path,
		                     (unsigned long)sel->guid.line, s->guid, dname, t->map.raw_chars);
	s->start = corpus_posmap_start(&t->map, (size_t)s0);
	s->end = corpus_posmap_end(&t->map, (size_t)s1);
	return ANKER_OK;
}

/* One Coding of the selection as a segment row: the selection's GUID
 * when it is the only one, else the Coding's. */
static int coding_row(struct qr *q, const struct qr_hcod *c, struct qsel *s)
{
	char cg[37], code[37];
	const char *coder;
	bool known;
	struct qr_hguid ch = qr_held_id(q, c->code, c->code_line),
	                user = qr_held_id(q, c->user, c->guid.line);
	if (!qr_hguid_get(q, &c->guid, "Coding", "guid", cg) ||
	    !qr_hguid_get(q, &ch, c->coderef ? "CodeRef" : "Coding", "targetGUID", code) ||
	    qr_held_user(q, &user, "Coding", &coder))
		return ANKER_INPUT;
	int rc = qr_code_known(q, code, &known);
	if (rc)
		return rc;
	if (!known)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %lu: coding refers to code %s, "
		                     "which is not in the codebook", q->path,
		                     (unsigned long)c->guid.line, code);
	coder = coder ? coder : s->by ? s->by : store_default_coder();
	/* Memos and reviews go with the first segment of the selection. */
	struct qr_seg g = { .guid = s->ncod == 1 ? s->guid : cg, .doc = s->doc, .code = code,
	                    .coder = coder, .start = (int64_t)s->start, .end = (int64_t)s->end,
	                    .weight = s->weight, .memo = s->memo ? s->memo : "",
	                    .created = s->created, .modified = s->modified,
	                    .reviews = s->nrows ? "[]" : sb_str(&s->reviews),
	                    .memos = s->nrows ? "[]" : sb_str(&s->memos),
	                    .smemos = s->nrows ? NULL : &s->sm };
	for (size_t u = 0; u < q->nusers && !g.coder_guid; u++)
		if (strcmp(q->users[u].name, coder) == 0)
			g.coder_guid = q->users[u].guid;
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "guid"); json_str(&w, g.guid);
	json_key(&w, "doc"); json_str(&w, g.doc);
	json_key(&w, "code"); json_str(&w, g.code);
	json_key(&w, "coder"); json_str(&w, g.coder);
	if (g.coder_guid) {
		json_key(&w, "coder_guid"); json_str(&w, g.coder_guid);
	}
	json_key(&w, "start"); json_int(&w, g.start);
	json_key(&w, "end"); json_int(&w, g.end);
	json_key(&w, "weight"); json_int(&w, g.weight);
	json_key(&w, "memo"); json_str(&w, g.memo);
	json_key(&w, "created"); json_str(&w, g.created);
	json_key(&w, "modified"); json_str(&w, g.modified);
	json_key(&w, "reviews"); json_raw(&w, g.reviews);
	json_key(&w, "memos"); json_raw(&w, g.memos);
	json_obj_end(&w);
	qr_segment_add(q, &g, &sb);
	s->nrows++;
	q->rep->selections++;
	return ANKER_OK;
}

/* A held selection, its Codings cod and NoteRefs refs. */
static int read_selection(struct qr *q, const struct qr_hsrc *src, const struct qr_hsel *sel,
                          const struct qr_hcod *cod, const struct qr_hguid *refs,
                          const char *doc, const char *dname, const struct qtext *t)
{
	struct qsel s = { .doc = doc, .ncod = sel->ncod };
	char first[37];
	if (!qr_hguid_get(q, &sel->guid, "PlainTextSelection", "guid", s.guid))
		return ANKER_INPUT;
	int rc = selection_range(q, sel, dname, t, &s);
	if (rc)
		return rc;
	struct qr_hguid user = qr_held_id(q, sel->user, sel->guid.line);
	if (qr_held_user(q, &user, "PlainTextSelection", &s.by))
		return ANKER_INPUT;
	s.created = qr_held_str(src, sel->created);
	s.modified = qr_held_str(src, sel->modified);
	s.memo = qr_held_str(src, sel->memo);
	rc = first_segment(q, sel, cod, s.guid, first);
	if (!rc)
		rc = qr_selection_notes(q, refs, sel->nref, first, &s.weight, &s.reviews, &s.memos,
		                        &s.sm);
	for (size_t i = 0; i < sel->ncod && !rc; i++)
		rc = coding_row(q, &cod[i], &s);
	sb_free(&s.reviews);
	sb_free(&s.memos);
	qr_smemos_free(&s.sm);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Sources */

/* The value of a VariableValue (the one *Value child) as an object of the
 * document's "vars", written with w. */
static int var_value(struct qr *q, const struct qr_hsrc *src, const struct qr_hvar *vv,
                     struct json_w *w)
{
	char g[37];
	if (vv->ref.bad)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %lu: VariableValue without a "
		                     "VariableRef", q->path, (unsigned long)vv->line);
	refi_guid_unpack(vv->ref.g, g);
	long i = refi_guids_get(&q->var_ix, g);
	if (i < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %lu: VariableRef to variable %s, "
		                     "which is not in <Variables>", q->path,
		                     (unsigned long)vv->ref.line, g);
	if (vv->value == QR_NONE)
		return ANKER_OK;
	json_obj_begin(w);
	json_key(w, "name"); json_str(w, q->vars[i].name);
	json_key(w, "type"); json_str(w, vv->date ? "text" : q->vars[i].type);
	json_key(w, "value"); json_str(w, qr_held_str(src, vv->value));
	json_obj_end(w);
	return ANKER_OK;
}

/* A turn's time stamp in milliseconds; null when it has none (-1). */
static void ms_json(struct json_w *w, const char *key, long ms)
{
	json_key(w, key);
	if (ms >= 0)
		json_int(w, ms);
	else
		json_null(w);
}

/* The document's sizes and speaker turns, as fields of its object. */
static void turns_json(const struct corpus_norm *n, struct json_w *w)
{
	struct corpus_text t = {0};
	struct corpus_turn *v = NULL;
	size_t nv = 0;
	corpus_text_index(&t, n->text, n->len);
	corpus_turns(&t, &v, &nv);
	json_key(w, "bytes"); json_int(w, (int64_t)n->len);
	json_key(w, "chars"); json_int(w, (int64_t)n->chars);
	json_key(w, "paragraphs"); json_int(w, (int64_t)t.nlines);
	json_key(w, "turns");
	json_arr_begin(w);
	for (size_t i = 0; i < nv; i++) {
		json_obj_begin(w);
		json_key(w, "n"); json_int(w, (int64_t)i + 1);
		json_key(w, "start"); json_int(w, (int64_t)v[i].start);
		json_key(w, "end"); json_int(w, (int64_t)v[i].end);
		json_key(w, "para_first"); json_int(w, (int64_t)v[i].para_first);
		json_key(w, "para_last"); json_int(w, (int64_t)v[i].para_last);
		json_key(w, "speaker"); json_str(w, v[i].speaker);
		ms_json(w, "ts_start", v[i].ts_start_ms);
		ms_json(w, "ts_end", v[i].ts_end_ms);
		json_obj_end(w);
	}
	json_arr_end(w);
	free(v);
	corpus_text_free(&t);
}

/* A document this project has under the same GUID must have the same
 * text: its segments' positions count in it (as `anker merge` refuses). */
static int text_conflict(struct qr *q, const char *guid, const char *name,
                         const struct corpus_norm *n)
{
	struct strbuf have = {0};
	int rc = store_get_text(q->st, &have, q->err, "SELECT text FROM document WHERE guid = :guid",
	                        STORE_TEXT(":guid", guid));
	bool differs = rc == ANKER_OK && (have.len != n->len ||
	                                  memcmp(have.buf, n->text ? n->text : "", n->len) != 0);
	sb_free(&have);
	if (rc && rc != ANKER_NOTFOUND)
		return ANKER_DB;
	if (differs)
		return anker_err_set(q->err, ANKER_INPUT, "document '%s' (GUID %s): its text differs "
		                     "from this project's; nothing imported", name, guid);
	return ANKER_OK;
}

static int read_source(struct qr *q, struct qr_hsrc *src, const char *g, const char *group)
{
	char imported[64];
	struct qtext t = {0};
	bool skip;
	const char *given = qr_held_str(src, src->name);
	const char *name = given && *given ? given : g;
	int rc = text_load(q, src, name, &t, &skip);
	if (!rc && !skip)
		rc = text_conflict(q, g, name, &t.norm);
	if (rc || skip)
		goto out;
	/* The Description is what anker exports as the document's source
	 * (where it came from); another tool's stays as it was, and a
	 * source without one gets none, not the path of this file. */
	const char *desc = qr_held_str(src, src->desc);
	snprintf(imported, sizeof imported, "%s", qr_held_str(src, src->created));
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "guid"); json_str(&w, g);
	json_key(&w, "name"); json_str(&w, name);
	json_key(&w, "grp"); json_str(&w, group ? group : "");
	json_key(&w, "text"); json_strn(&w, t.norm.text, t.norm.len);
	turns_json(&t.norm, &w);
	json_key(&w, "source"); json_str(&w, desc ? desc : "");
	json_key(&w, "imported"); json_str(&w, imported);
	json_key(&w, "vars");
	json_arr_begin(&w);
	for (size_t i = 0; i < src->nvar && !rc; i++)
		rc = var_value(q, src, &src->var[i], &w);
	json_arr_end(&w);
	json_obj_end(&w);
	free(t.norm.text);    /* the row has it: one copy less while it is applied */
	t.norm.text = NULL;
	qr_row_add(q, "document", &sb);
	q->rep->sources++;
	/* Indices, not pointers moved on: a source without Codings or
	 * NoteRefs has NULL arrays. */
	size_t cod = 0, ref = src->nref;
	for (size_t i = 0; i < src->nsel && !rc; i++) {
		const struct qr_hsel *sel = &src->sel[i];
		rc = read_selection(q, src, sel, sel->ncod ? &src->cod[cod] : NULL,
		                    sel->nref ? &src->ref[ref] : NULL, g, name, &t);
		cod += sel->ncod;
		ref += sel->nref;
	}
	if (!rc)
		rc = qr_memo_refs(q, src->ref, src->nref, "document", g);
out:
	free(t.norm.text);
	corpus_posmap_free(&t.map);
	return rc;
}

/* Keep the GUID the file gives a set or variable called name, for the
 * export (refi_qdpx_export): meta "refi:KIND:NAME". */
static int meta_guid(struct qr *q, const char *kind, const char *name, const char *guid)
{
	struct strbuf key = {0};
	sb_addf(&key, "refi:%s:%s", kind, name);
	int rc = store_meta_set(q->st, key.buf, guid, q->err);
	sb_free(&key);
	return rc;
}

/* Sets: each that has sources is their document group (the first one
 * that names a source, as anker gives a document one group), its GUID
 * kept for the export (meta "refi:set:NAME").  Codes cannot be grouped
 * in anker: a Set of codes (ATLAS.ti's code groups) is skipped with a
 * warning, and so is a source's second Set.  A MemberSource without a
 * valid GUID names nothing. */
int qr_read_sets(struct qr *q, xmlNodePtr root)
{
	int rc = ANKER_OK;
	for (xmlNodePtr s = refi_xml_child(refi_xml_child(root, "Sets"), "Set"); s && !rc;
	     s = s->next) {
		if (!refi_xml_is(s, "Set"))
			continue;
		size_t sources = 0, codes = 0, again = 0;
		q->sets = xreallocarray(q->sets, q->nsets + 1, sizeof *q->sets);
		q->sets[q->nsets] = s;
		for (xmlNodePtr m = s->children; m; m = m->next) {
			char g[37];
			if (refi_xml_is(m, "MemberCode"))
				codes++;
			if (refi_xml_is(m, "MemberSource") &&
			    refi_xml_guid(m, "targetGUID", g, q->path, q->err)) {
				sources++;
				again += !refi_guids_add(&q->set_of, g, (long)q->nsets, NULL);
			}
		}
		anker_err_clear(q->err);
		char *name = refi_xml_prop(s, "name");
		char g[37], *sg = refi_xml_prop(s, "guid");
		if (codes)
			qr_warn(q, "%s: line %ld: set '%s': its %zu code%s not grouped (anker groups "
			        "documents only)", q->path, xmlGetLineNo(s), name ? name : "",
			        codes, codes == 1 ? " is" : "s are");
		if (again)
			qr_warn(q, "%s: line %ld: set '%s': %zu of its sources are in an earlier set "
			        "already, which stays their group", q->path, xmlGetLineNo(s),
			        name ? name : "", again);
		if (sources > again && name && *name) {
			q->rep->sets++;
			if (refi_guid_parse(sg, g))
				rc = meta_guid(q, "set", name, g);
		}
		free(sg);
		free(name);
		q->nsets++;
	}
	return rc;
}

/* The document group of a source: the name of its Set, NULL when none. */
static char *source_group(struct qr *q, const char *guid)
{
	long i = refi_guids_get(&q->set_of, guid);
	return i >= 0 ? refi_xml_prop(q->sets[i], "name") : NULL;
}

int qr_read_source(struct qr *q, struct qr_hsrc *s)
{
	const char *el = qr_held_str(s, s->el), *name = qr_held_str(s, s->name);
	if (strcmp(el, "TextSource") != 0) {
		qr_warn(q, "%s: %s '%s' skipped (anker reads text sources only)", q->path, el,
		        name ? name : "");
		return ANKER_OK;
	}
	char g[37];
	if (!qr_hguid_get(q, &s->guid, el, "guid", g))
		return ANKER_INPUT;
	char *group = source_group(q, g);
	int rc = read_source(q, s, g, group);
	free(group);
	return rc;
}

/* What the project keeps of the file besides rows: the Project's name as
 * its title when it has none yet (so that the export writes it back), and
 * the GUIDs of the variables. */
int qr_project_meta(struct qr *q, xmlNodePtr root)
{
	char *name = refi_xml_prop(root, "name"), *title = NULL;
	int rc = store_meta_get(q->st, "title", &title, q->err);
	if (!rc && name && *name && (!title || !*title))
		rc = store_meta_set(q->st, "title", name, q->err);
	for (size_t i = 0; i < q->nvars && !rc; i++)
		rc = meta_guid(q, "variable", q->vars[i].name, q->vars[i].guid);
	free(name);
	free(title);
	return rc;
}
