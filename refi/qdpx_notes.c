/* refi/qdpx_notes.c — what the elements of a .qdpx refer to: its Users,
 * Variables and Notes, indexed by GUID before the sources are read; the
 * Notes as anker's memos, and a selection's as its weight and reviews.
 *
 * The Notes come after the Sources in a project.qde, which is read as a
 * stream (refi/qdpx_stream.c): each Note is kept as the few strings
 * anker takes from it, packed in one allocation, not as its XML subtree
 * (a 200 000-selection project has 400 000 of them).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

/* What a Note keeps, in this order in qr_note.s; a field the Note does not
 * have is "" and its bit in qr_note.has is clear (NF_MODIFIED's also when
 * it is NF_CREATED, which then stands for it). */
enum { NF_NAME, NF_USER, NF_CREATED, NF_MODIFIED, NF_TEXT, NF_PATH, NF_N };

static const char *note_field(const struct qr_note *n, int k)
{
	const char *s = n->s;
	for (int i = 0; i < k; i++)
		s += strlen(s) + 1;
	return s;
}

static const char *note_opt(const struct qr_note *n, int k)
{
	return n->has & (1u << k) ? note_field(n, k) : NULL;
}

/* A user's name by GUID v (attribute attr_name at line); *name NULL when v
 * is NULL. */
static int user_ref(struct qr *q, const char *v, long line, const char *el,
                    const char *attr_name, const char **name)
{
	char g[37];
	*name = NULL;
	if (!v)
		return ANKER_OK;
	if (!refi_guid_parse(v, g))
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: <%s> %s '%s' is not a GUID",
		                     q->path, line, el, attr_name, v);
	long i = refi_guids_get(&q->user_ix, g);
	if (i < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: %s refers to user %s, which "
		                     "is not in <Users>", q->path, line, attr_name, g);
	*name = q->users[i].name;
	return ANKER_OK;
}

int qr_held_user(struct qr *q, const struct qr_hguid *h, const char *el, const char **name)
{
	char buf[37];
	long i = h->bad ? -1 : refi_guids_get_packed(&q->user_ix, h->g);
	if (i >= 0) {   /* found as held: its text is needed only to refuse it */
		*name = q->users[i].name;
		return ANKER_OK;
	}
	return user_ref(q, qr_hguid_text(q, h, buf), (long)h->line, el, "creatingUser", name);
}

/* ---------------------------------------------------------------------- */
/* Users, Variables, Notes: indexed first, referred to later. */

static void add_user(struct qr *q, xmlNodePtr u, const char g[37])
{
	char *name = refi_xml_prop(u, "name");
	if (!name || !*name) {
		free(name);
		name = xstrdup(g);   /* the schema makes the name optional */
	}
	q->users = xreallocarray(q->users, q->nusers + 1, sizeof *q->users);
	memcpy(q->users[q->nusers].guid, g, 37);
	q->users[q->nusers].name = name;
	refi_guids_add(&q->user_ix, g, (long)q->nusers++, NULL);
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "guid"); json_str(&w, g);
	json_key(&w, "name"); json_str(&w, name);
	json_obj_end(&w);
	qr_row_add(q, "coder", &sb);
	q->rep->users++;
}

static void add_variable(struct qr *q, xmlNodePtr v, const char g[37])
{
	static const char *const map[][2] = {
		{ "Text", "text" }, { "Integer", "integer" }, { "Float", "float" },
		{ "Boolean", "boolean" }, { "Date", "date" },
	};
	char *name = refi_xml_prop(v, "name"), *type = refi_xml_prop(v, "typeOfVariable");
	const char *t = "text";
	for (size_t i = 0; type && i < sizeof map / sizeof *map; i++)
		if (strcmp(type, map[i][0]) == 0)
			t = map[i][1];
	free(type);
	q->vars = xreallocarray(q->vars, q->nvars + 1, sizeof *q->vars);
	memcpy(q->vars[q->nvars].guid, g, 37);
	q->vars[q->nvars].name = name ? name : xstrdup(g);
	q->vars[q->nvars].type = t;
	refi_guids_add(&q->var_ix, g, (long)q->nvars++, NULL);
}

/* Field k of a Note, v (NULL: it has none), onto s. */
static void note_put(struct strbuf *s, unsigned char *has, int k, const char *v)
{
	if (v)
		*has |= (unsigned char)(1u << k);
	sb_add(s, v ? v : "", v ? strlen(v) + 1 : 1);
}

/* Attribute attr of n as field k: straight from the tree when it needs no
 * normalising (most do not), without a copy of its own. */
static void note_prop(struct strbuf *s, unsigned char *has, int k, xmlNodePtr n,
                      const char *attr)
{
	const char *v = refi_xml_attr(n, attr);
	if (v && refi_xml_plain(v)) {
		note_put(s, has, k, v);
		return;
	}
	char *c = refi_xml_prop(n, attr);
	note_put(s, has, k, c);
	free(c);
}

/* Note n into the index: its GUID (refused when missing, malformed or
 * given before) and what anker takes from it, the times resolved as
 * qr_time_attr does (q->when is set: the Project's start tag came first). */
int qr_note_add(struct qr *q, xmlNodePtr n)
{
	char created[64], modified[64];
	uint64_t g[2];
	long first;
	if (!refi_xml_guid_packed(n, "guid", g, q->path, q->err))
		return ANKER_INPUT;
	if (!refi_guids_add_packed(&q->note_ix, g, (long)q->nnotes, &first)) {
		char t[37];
		refi_guid_unpack(g, t);
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: note GUID %s is given twice "
		                     "(also at line %ld)", q->path, xmlGetLineNo(n), t,
		                     q->notes[first].line);
	}
	if (q->nnotes == q->notes_cap)
		q->notes = xreallocarray(q->notes, q->notes_cap = q->notes_cap ? 2 * q->notes_cap : 64,
		                         sizeof *q->notes);
	struct qr_note *note = &q->notes[q->nnotes++];
	struct strbuf s = {0};
	memcpy(note->guid, g, sizeof g);
	note->used = false;
	note->has = 0;
	note->line = xmlGetLineNo(n);
	note_prop(&s, &note->has, NF_NAME, n, "name");
	/* A weight is its name: half the Notes of an anker export keep nothing else. */
	if (note->has && strncmp(s.buf, "anker:weight ", 13) == 0) {
		for (int k = NF_NAME + 1; k < NF_N; k++)
			note_put(&s, &note->has, k, NULL);
	} else {
		qr_time_attr(q, n, "creationDateTime", created);
		qr_time_attr(q, n, xmlHasProp(n, BAD_CAST "modifiedDateTime") ? "modifiedDateTime" :
		             "creationDateTime", modified);
		note_prop(&s, &note->has, NF_USER, n, "creatingUser");
		note_put(&s, &note->has, NF_CREATED, created);
		/* Most Notes were not modified after they were made: the time once. */
		note_put(&s, &note->has, NF_MODIFIED, strcmp(modified, created) ? modified : NULL);
		char *text = refi_xml_child_text(n, "PlainTextContent");
		note_put(&s, &note->has, NF_TEXT, text);
		free(text);
		note_prop(&s, &note->has, NF_PATH, n, "plainTextPath");
	}
	note->s = xrealloc(s.buf, s.len);   /* no slack: there are many */
	return ANKER_OK;
}

int qr_read_lists(struct qr *q, xmlNodePtr root)
{
	static const struct {
		const char *list, *item;
		void (*add)(struct qr *q, xmlNodePtr el, const char g[37]);
	} lists[] = {
		{ "Users", "User", add_user }, { "Variables", "Variable", add_variable },
	};
	for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
		xmlNodePtr first = refi_xml_child(refi_xml_child(root, lists[k].list), lists[k].item);
		for (xmlNodePtr el = first; el; el = el->next) {
			char g[37];
			if (!refi_xml_is(el, lists[k].item))
				continue;
			if (!refi_xml_guid(el, "guid", g, q->path, q->err))
				return ANKER_INPUT;
			lists[k].add(q, el, g);
		}
	}
	return ANKER_OK;
}

void qr_notes_free(struct qr *q)
{
	for (size_t i = 0; i < q->nnotes; i++)
		free(q->notes[i].s);
	free(q->notes);
	refi_guids_free(&q->note_ix);
}

/* A note's text: PlainTextContent, else its internal plainTextPath.  A
 * note file is checked as source text is (UTF-8, no NUL, NFC; its BOM
 * dropped): invalid bytes would make every later export malformed XML,
 * and a NUL would cut the memo short. */
static int note_text(struct qr *q, const struct qr_note *n, char **text)
{
	const char *t = note_opt(n, NF_TEXT), *path = note_opt(n, NF_PATH);
	char *raw = NULL;
	if (t) {
		*text = xstrdup(t);
		return ANKER_OK;
	}
	*text = NULL;
	int rc = ANKER_OK;
	int64_t i = path && strncmp(path, "internal://", 11) == 0 ? qr_zip_source(q, path + 11) : -1;
	size_t len;
	if (i >= 0 && !(rc = qr_zip_read(q, i, &raw, &len))) {
		struct strbuf what = {0};
		sb_addf(&what, "%s: %s", q->path, zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS));
		rc = corpus_text_given(sb_str(&what), raw, len, text, q->err);
		sb_free(&what);
		free(raw);
		if (!rc && strncmp(*text, "\xEF\xBB\xBF", 3) == 0)
			memmove(*text, *text + 3, strlen(*text + 3) + 1);
	}
	if (!rc && !*text)
		*text = xstrdup("");
	return rc;
}

/* What a Note carries for anker. */
enum note_kind { NOTE_MEMO, NOTE_WEIGHT, NOTE_REVIEW };

/* The note a NoteRef points at (index into q->notes), or -1 with err set. */
static long note_find(struct qr *q, const char *g, long line)
{
	long i = refi_guids_get(&q->note_ix, g);
	if (i < 0)
		anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: NoteRef to note %s, which is not in "
		              "<Notes>", q->path, line, g);
	return i;
}

static long note_ref(struct qr *q, const struct qr_hguid *r)
{
	char g[37];
	long i = r->bad ? -1 : refi_guids_get_packed(&q->note_ix, r->g);
	if (i >= 0)
		return i;
	if (!qr_hguid_get(q, r, "NoteRef", "targetGUID", g))
		return -1;
	return note_find(q, g, (long)r->line);
}

static enum note_kind note_kind(const struct qr_note *n, char *arg, size_t cap)
{
	const char *name = note_opt(n, NF_NAME);
	enum note_kind k = NOTE_MEMO;
	arg[0] = '\0';
	if (name && strncmp(name, "anker:weight ", 13) == 0) {
		k = NOTE_WEIGHT;
		snprintf(arg, cap, "%s", name + 13);
	} else if (name && strncmp(name, "anker:review ", 13) == 0) {
		k = NOTE_REVIEW;
		snprintf(arg, cap, "%s", name + 13);
	} else if (name && strncmp(name, "anker:memo ", 11) == 0 &&
	           coding_memo_type_valid(name + 11)) {
		snprintf(arg, cap, "%s", name + 11);
	} else {
		snprintf(arg, cap, "free");
	}
	return k;
}

/* The user who wrote note n, NULL when it does not say. */
static int note_user(struct qr *q, const struct qr_note *n, const char **name)
{
	return user_ref(q, note_opt(n, NF_USER), n->line, "Note", "creatingUser", name);
}

/* Note i as a memo row's columns (m->guid in guid, m->text malloc'd, the
 * caller frees it) and as its JSON in w. */
static int memo_cols(struct qr *q, long i, const char *type, const char *target,
                     const char *tguid, struct qr_memo *m, char guid[37], struct json_w *w)
{
	const struct qr_note *n = &q->notes[i];
	char *text;
	*m = (struct qr_memo){ .guid = guid, .type = type, .target = target };
	if (note_user(q, n, &m->author) || note_text(q, n, &text))
		return ANKER_INPUT;
	m->text = text;
	refi_guid_unpack(n->guid, guid);
	/* the target's GUID under its key, the others NULL */
	m->doc = strcmp(target, "document") == 0 ? tguid : NULL;
	m->code = strcmp(target, "code") == 0 ? tguid : NULL;
	m->segment = strcmp(target, "segment") == 0 ? tguid : NULL;
	m->created = note_field(n, NF_CREATED);
	m->modified = note_field(n, n->has & (1u << NF_MODIFIED) ? NF_MODIFIED : NF_CREATED);
	json_obj_begin(w);
	json_key(w, "guid"); json_str(w, m->guid);
	json_key(w, "type"); json_str(w, m->type);
	json_key(w, "target"); json_str(w, m->target);
	json_key(w, "doc"); json_str(w, m->doc);
	json_key(w, "code"); json_str(w, m->code);
	json_key(w, "segment"); json_str(w, m->segment);
	json_key(w, "author"); json_str(w, m->author);
	json_key(w, "text"); json_str(w, m->text);
	json_key(w, "created"); json_str(w, m->created);
	json_key(w, "modified"); json_str(w, m->modified);
	json_obj_end(w);
	q->rep->notes++;
	return ANKER_OK;
}

/* Note i as a "memo" row of its own on target, unless it is used already
 * or is not a memo. */
static int memo_row(struct qr *q, long i, const char *target, const char *tguid)
{
	char type[64];
	if (q->notes[i].used || note_kind(&q->notes[i], type, sizeof type) != NOTE_MEMO)
		return ANKER_OK;
	q->notes[i].used = true;
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	struct qr_memo m;
	char guid[37];
	if (memo_cols(q, i, type, target, tguid, &m, guid, &w)) {
		sb_free(&sb);
		return ANKER_INPUT;
	}
	qr_memo_add(q, &m, &sb);
	free((char *)m.text);
	return ANKER_OK;
}

/* The NoteRefs of an element that are memos, as rows of their own. */
int qr_memo_refs(struct qr *q, const struct qr_hguid *refs, size_t n, const char *target,
                 const char *tguid)
{
	for (size_t k = 0; k < n; k++) {
		long i = note_ref(q, &refs[k]);
		if (i < 0 || memo_row(q, i, target, tguid))
			return ANKER_INPUT;
	}
	return ANKER_OK;
}

int qr_memo_rows(struct qr *q, xmlNodePtr el, const char *target, const char *tguid)
{
	for (xmlNodePtr r = el->children; r; r = r->next) {
		struct qr_hguid h;
		if (!refi_xml_is(r, "NoteRef"))
			continue;
		qr_hguid_take(q, r, "targetGUID", &h);
		if (qr_memo_refs(q, &h, 1, target, tguid))
			return ANKER_INPUT;
	}
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* What a selection's and the project's notes become */

static int review_json(struct qr *q, long i, const char *verdict, struct json_w *w)
{
	const struct qr_note *n = &q->notes[i];
	const char *who;
	char *text;
	if (coding_verdict_parse(verdict) < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: unknown review verdict '%s'",
		                     q->path, n->line, verdict);
	if (note_user(q, n, &who) || note_text(q, n, &text))
		return ANKER_INPUT;
	json_obj_begin(w);
	json_key(w, "verdict");
	json_str(w, coding_verdict_name((enum coding_verdict)coding_verdict_parse(verdict)));
	json_key(w, "comment"); json_str(w, text);
	json_key(w, "reviewer"); json_str(w, who ? who : store_default_coder());
	json_key(w, "created"); json_str(w, note_field(n, NF_CREATED));
	json_obj_end(w);
	free(text);
	return ANKER_OK;
}
/* A selection's notes: weight, reviews (into *reviews) and memos. */
void qr_smemos_free(struct qr_smemos *sm)
{
	for (size_t k = 0; k < sm->n; k++)
		free(sm->v[k].text);
	free(sm->v);
	*sm = (struct qr_smemos){0};
}

/* Note i as a memo of segment sguid, in JSON with w and as columns in
 * sm. */
static int segment_memo(struct qr *q, long i, const char *type, const char *sguid,
                        struct json_w *w, struct qr_smemos *sm)
{
	struct qr_memo m;
	char guid[37];
	int rc = memo_cols(q, i, type, "segment", sguid, &m, guid, w);
	if (rc)
		return rc;
	sm->v = xreallocarray(sm->v, sm->n + 1, sizeof *sm->v);
	struct qr_smemo *c = &sm->v[sm->n++];
	*c = (struct qr_smemo){ .text = (char *)m.text, .author = m.author,
	                        .created = m.created, .modified = m.modified };
	memcpy(c->guid, guid, sizeof c->guid);
	snprintf(c->type, sizeof c->type, "%s", type);
	snprintf(sm->seg, sizeof sm->seg, "%s", sguid);
	return ANKER_OK;
}

int qr_selection_notes(struct qr *q, const struct qr_hguid *refs, size_t n, const char *sguid,
                       int *weight, struct strbuf *reviews, struct strbuf *memos,
                       struct qr_smemos *sm)
{
	struct json_w rw = { .out = reviews }, mw = { .out = memos };
	json_arr_begin(&rw);
	json_arr_begin(&mw);
	for (size_t k = 0; k < n; k++) {
		char arg[64];
		long i = note_ref(q, &refs[k]);
		if (i < 0)
			return ANKER_INPUT;
		q->notes[i].used = true;
		switch (note_kind(&q->notes[i], arg, sizeof arg)) {
		case NOTE_WEIGHT: {
			/* strictly: atoi took "-4294967200" for 96 */
			char *end;
			errno = 0;
			long v = strtol(arg, &end, 10);
			if (!isdigit((unsigned char)arg[0]) || errno || *end || v > 100)
				return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: weight '%s' is not "
				                     "a whole number 0-100", q->path,
				                     q->notes[i].line, arg);
			*weight = (int)v;
			break;
		}
		case NOTE_REVIEW:
			if (review_json(q, i, arg, &rw))
				return ANKER_INPUT;
			break;
		case NOTE_MEMO:
			if (segment_memo(q, i, arg, sguid, &mw, sm))
				return ANKER_INPUT;
			break;
		}
	}
	json_arr_end(&rw);
	json_arr_end(&mw);
	return ANKER_OK;
}

/* Notes nothing refers to, and the project's own, become project memos. */
int qr_project_ref(struct qr *q, xmlNodePtr r)
{
	char g[37];
	if (!refi_xml_guid(r, "targetGUID", g, q->path, q->err))
		return ANKER_INPUT;
	if (q->nrefs == q->refs_cap)
		q->refs = xreallocarray(q->refs, q->refs_cap = q->refs_cap ? 2 * q->refs_cap : 16,
		                        sizeof *q->refs);
	refi_guid_pack(g, q->refs[q->nrefs].guid);
	q->refs[q->nrefs++].line = xmlGetLineNo(r);
	return ANKER_OK;
}

int qr_project_memos(struct qr *q)
{
	for (size_t k = 0; k < q->nrefs; k++) {
		char g[37];
		refi_guid_unpack(q->refs[k].guid, g);
		long i = note_find(q, g, q->refs[k].line);
		if (i < 0 || memo_row(q, i, "project", ""))
			return ANKER_INPUT;
	}
	for (size_t i = 0; i < q->nnotes; i++)
		if (memo_row(q, (long)i, "project", ""))
			return ANKER_INPUT;
	return ANKER_OK;
}

