/* refi/qdpx_read.c — a REFI-QDA .qdpx into the project.
 *
 * Three passes: the zip is checked and project.qde parsed (libxml2, no
 * network, no DTD, no entity expansion: a document with a DTD is refused,
 * so no entity can be declared); the tree is turned into anker rows as
 * JSON, checking every reference and position; the rows are applied with
 * store_row_apply in one transaction and each change logged.  Nothing is
 * written before the last check passed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zip.h>

#include "refi_int.h"
#include "../coding/coding.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

/* Bounds against zip bombs: real projects are far below them. */
#define QR_MAX_ENTRIES 20000
#define QR_MAX_ENTRY (256u << 20)
#define QR_MAX_TOTAL (1024u << 20)

struct qr {
	struct store *st;
	zip_t *z;
	const char *path;
	struct refi_qdpx_report *rep;
	struct anker_err *err;
	/* What later elements refer to by GUID: each list in the file's
	 * order, and a table from GUID to the first entry with it. */
	struct qr_user { char guid[37]; char *name; } *users;
	size_t nusers;
	struct refi_guids user_ix;
	struct qr_var { char guid[37]; char *name; const char *type; } *vars;
	size_t nvars;
	struct refi_guids var_ix;
	struct qr_note { char guid[37]; xmlNodePtr el; bool used; } *notes;
	size_t nnotes;
	struct refi_guids note_ix;
	struct refi_guids codes;     /* the codes of the CodeBook */
	xmlNodePtr *sets;            /* Sets, and the first one of each source */
	size_t nsets;
	struct refi_guids set_of;
	/* rows to apply, in order: entity and JSON */
	const char **rent;
	char **rjson;
	size_t nrows;
	int64_t total;               /* bytes read from the zip */
	char when[64];               /* for a missing timestamp (file_time) */
};

static void warn(struct qr *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct qr *q, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	q->rep->warnings = xreallocarray(q->rep->warnings, q->rep->nwarnings + 1,
	                                 sizeof *q->rep->warnings);
	q->rep->warnings[q->rep->nwarnings++] = sb_steal(&sb);
}

static void row_add(struct qr *q, const char *entity, struct strbuf *json)
{
	q->rent = xreallocarray(q->rent, q->nrows + 1, sizeof *q->rent);
	q->rjson = xreallocarray(q->rjson, q->nrows + 1, sizeof *q->rjson);
	q->rent[q->nrows] = entity;
	q->rjson[q->nrows++] = sb_steal(json);
}

/* ---------------------------------------------------------------------- */
/* The zip */

static bool entry_name_safe(const char *n)
{
	if (!*n || n[0] == '/' || n[0] == '\\' || (isalpha((unsigned char)n[0]) && n[1] == ':'))
		return false;
	for (const char *p = n; *p; ) {
		size_t len = strcspn(p, "/\\");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += len;
		if (*p)
			p++;
	}
	return true;
}

static int zip_check(struct qr *q, zip_int64_t *qde)
{
	zip_int64_t n = zip_get_num_entries(q->z, 0);
	*qde = -1;
	if (n > QR_MAX_ENTRIES)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %lld zip entries (at most %d)", q->path,
		                     (long long)n, QR_MAX_ENTRIES);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		if (!name || !entry_name_safe(name))
			return anker_err_set(q->err, ANKER_INPUT, "%s: unsafe zip entry name '%s' "
			                     "(absolute or with '..')", q->path, name ? name : "?");
		size_t len = strlen(name);
		if (len >= 4 && strcasecmp(name + len - 4, ".qde") == 0 &&
		    (*qde < 0 || strcasecmp(name, "project.qde") == 0))
			*qde = i;
	}
	if (*qde < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: no .qde file in the archive", q->path);
	return ANKER_OK;
}

static int zip_read(struct qr *q, zip_int64_t i, char **out, size_t *len)
{
	zip_stat_t zs;
	const char *name = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
	if (zip_stat_index(q->z, (zip_uint64_t)i, 0, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE))
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: %s", q->path, name,
		                     zip_strerror(q->z));
	if (zs.size > QR_MAX_ENTRY || q->total + (int64_t)zs.size > (int64_t)QR_MAX_TOTAL)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: too large (%llu bytes; at most "
		                     "%u per entry and %u in all)", q->path, name,
		                     (unsigned long long)zs.size, QR_MAX_ENTRY, QR_MAX_TOTAL);
	zip_file_t *f = zip_fopen_index(q->z, (zip_uint64_t)i, 0);
	if (!f)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: %s", q->path, name,
		                     zip_strerror(q->z));
	/* One byte more than announced: an entry that lies about its size is
	 * caught here instead of read without bound. */
	char *buf = xmalloc(zs.size + 2);
	zip_int64_t got = zip_fread(f, buf, zs.size + 1);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != zs.size) {
		free(buf);
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: damaged or not the size it "
		                     "announces", q->path, name);
	}
	buf[got] = '\0';
	q->total += got;
	*out = buf;
	*len = (size_t)got;
	return ANKER_OK;
}

/* The entry for internal://NAME: sources/NAME, any case of "sources". */
static zip_int64_t zip_source_entry(struct qr *q, const char *name)
{
	zip_int64_t n = zip_get_num_entries(q->z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *e = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		if (e && strncasecmp(e, "sources/", 8) == 0 && strcmp(e + 8, name) == 0)
			return i;
	}
	return -1;
}

/* A user's name by GUID attribute; *name NULL when the attribute is absent. */
static int user_ref(struct qr *q, xmlNodePtr n, const char *attr_name, const char **name)
{
	char g[37];
	*name = NULL;
	if (!xmlHasProp(n, BAD_CAST attr_name))
		return ANKER_OK;
	if (!refi_xml_guid(n, attr_name, g, q->path, q->err))
		return ANKER_INPUT;
	long i = refi_guids_get(&q->user_ix, g);
	if (i < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: %s refers to user %s, which "
		                     "is not in <Users>", q->path, xmlGetLineNo(n), attr_name, g);
	*name = q->users[i].name;
	return ANKER_OK;
}

/* Does v start like an xs:dateTime ("2023-01-02T10:00:00")?  The export
 * leaves out a time that does not, so one kept here would not survive a
 * round trip. */
static bool time_valid(const char *v)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	if (!v || strlen(v) < sizeof shape - 1 || strlen(v) >= 64)
		return false;
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)v[i]) : v[i] != shape[i])
			return false;
	return true;
}

/* An xs:dateTime attribute, else the file's own time (q->when): not the
 * clock, so that importing the same file again changes nothing. */
static void time_attr(const struct qr *q, xmlNodePtr n, const char *name, char out[64])
{
	char *v = n ? refi_xml_prop(n, name) : NULL;
	snprintf(out, 64, "%s", time_valid(v) ? v : q->when);
	free(v);
}

/* The time a missing timestamp stands for: the project's creation time,
 * else when project.qde was written into the zip, else now. */
static void file_time(struct qr *q, xmlNodePtr root, zip_int64_t qde)
{
	char *v = refi_xml_prop(root, "creationDateTime");
	zip_stat_t zs;
	if (time_valid(v)) {
		snprintf(q->when, sizeof q->when, "%s", v);
	} else if (zip_stat_index(q->z, (zip_uint64_t)qde, 0, &zs) == 0 &&
	           (zs.valid & ZIP_STAT_MTIME) && zs.mtime > 0) {
		struct tm tm;
		gmtime_r(&zs.mtime, &tm);
		strftime(q->when, sizeof q->when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	} else {
		store_now(q->when);
	}
	free(v);
}

/* ---------------------------------------------------------------------- */
/* Users, Variables, Notes: indexed first, referred to later. */

static int read_users(struct qr *q, xmlNodePtr root)
{
	for (xmlNodePtr u = refi_xml_child(refi_xml_child(root, "Users"), "User"); u; u = u->next) {
		char g[37];
		if (!refi_xml_is(u, "User"))
			continue;
		if (!refi_xml_guid(u, "guid", g, q->path, q->err))
			return ANKER_INPUT;
		char *name = refi_xml_prop(u, "name");
		if (!name || !*name) {
			free(name);
			name = xstrdup(g);   /* the schema makes the name optional */
		}
		q->users = xreallocarray(q->users, q->nusers + 1, sizeof *q->users);
		memcpy(q->users[q->nusers].guid, g, sizeof g);
		q->users[q->nusers].name = name;
		refi_guids_add(&q->user_ix, g, (long)q->nusers++, NULL);
		struct strbuf sb = {0};
		sb_adds(&sb, "{\"guid\": ");
		sb_add_json(&sb, g, strlen(g));
		sb_adds(&sb, ", \"name\": ");
		sb_add_json(&sb, name, strlen(name));
		sb_adds(&sb, "}");
		row_add(q, "coder", &sb);
		q->rep->users++;
	}
	return ANKER_OK;
}

static int read_variables(struct qr *q, xmlNodePtr root)
{
	static const char *const map[][2] = {
		{ "Text", "text" }, { "Integer", "integer" }, { "Float", "float" },
		{ "Boolean", "boolean" }, { "Date", "date" },
	};
	for (xmlNodePtr v = refi_xml_child(refi_xml_child(root, "Variables"), "Variable"); v; v = v->next) {
		char g[37];
		if (!refi_xml_is(v, "Variable"))
			continue;
		if (!refi_xml_guid(v, "guid", g, q->path, q->err))
			return ANKER_INPUT;
		char *name = refi_xml_prop(v, "name"), *type = refi_xml_prop(v, "typeOfVariable");
		const char *t = "text";
		for (size_t i = 0; type && i < sizeof map / sizeof *map; i++)
			if (strcmp(type, map[i][0]) == 0)
				t = map[i][1];
		free(type);
		q->vars = xreallocarray(q->vars, q->nvars + 1, sizeof *q->vars);
		memcpy(q->vars[q->nvars].guid, g, sizeof g);
		q->vars[q->nvars].name = name ? name : xstrdup(g);
		q->vars[q->nvars].type = t;
		refi_guids_add(&q->var_ix, g, (long)q->nvars++, NULL);
	}
	return ANKER_OK;
}

static int read_notes(struct qr *q, xmlNodePtr root)
{
	for (xmlNodePtr n = refi_xml_child(refi_xml_child(root, "Notes"), "Note"); n; n = n->next) {
		char g[37];
		if (!refi_xml_is(n, "Note"))
			continue;
		if (!refi_xml_guid(n, "guid", g, q->path, q->err))
			return ANKER_INPUT;
		q->notes = xreallocarray(q->notes, q->nnotes + 1, sizeof *q->notes);
		memcpy(q->notes[q->nnotes].guid, g, sizeof g);
		q->notes[q->nnotes].el = n;
		q->notes[q->nnotes].used = false;
		refi_guids_add(&q->note_ix, g, (long)q->nnotes++, NULL);
	}
	return ANKER_OK;
}

/* A note's text: PlainTextContent, else its internal plainTextPath. */
static int note_text(struct qr *q, xmlNodePtr n, char **text)
{
	char *t = refi_xml_child_text(n, "PlainTextContent"), *path;
	if (t) {
		*text = t;
		return ANKER_OK;
	}
	path = refi_xml_prop(n, "plainTextPath");
	*text = NULL;
	if (path && strncmp(path, "internal://", 11) == 0) {
		zip_int64_t i = zip_source_entry(q, path + 11);
		size_t len;
		int rc = i >= 0 ? zip_read(q, i, text, &len) : ANKER_OK;
		free(path);
		if (rc)
			return rc;
	} else {
		free(path);
	}
	if (!*text)
		*text = xstrdup("");
	return ANKER_OK;
}

/* What a Note carries for anker. */
enum note_kind { NOTE_MEMO, NOTE_WEIGHT, NOTE_REVIEW };

/* The note a NoteRef points at (index into q->notes), or -1 with err set. */
static long note_ref(struct qr *q, xmlNodePtr r)
{
	char g[37];
	if (!refi_xml_guid(r, "targetGUID", g, q->path, q->err))
		return -1;
	long i = refi_guids_get(&q->note_ix, g);
	if (i < 0)
		anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: NoteRef to note %s, which is not in "
		              "<Notes>", q->path, xmlGetLineNo(r), g);
	return i;
}

static enum note_kind note_kind(xmlNodePtr n, char *arg, size_t cap)
{
	char *name = refi_xml_prop(n, "name");
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
	free(name);
	return k;
}

/* A memo object for note i on target (kind "project", "document", "code",
 * "segment" and the target's GUID). */
static int memo_json(struct qr *q, long i, const char *type, const char *target,
                     const char *tguid, struct strbuf *sb)
{
	xmlNodePtr n = q->notes[i].el;
	const char *author;
	char created[64], modified[64], *text;
	if (user_ref(q, n, "creatingUser", &author) || note_text(q, n, &text))
		return ANKER_INPUT;
	time_attr(q, n, "creationDateTime", created);
	time_attr(q, n, xmlHasProp(n, BAD_CAST "modifiedDateTime") ? "modifiedDateTime" :
	          "creationDateTime", modified);
	sb_adds(sb, "{\"guid\": ");
	sb_add_json(sb, q->notes[i].guid, strlen(q->notes[i].guid));
	sb_addf(sb, ", \"type\": \"%s\", \"target\": \"%s\"", type, target);
	const char *keys[] = { "document", "doc", "code", "code", "segment", "segment" };
	for (size_t k = 0; k < 6; k += 2) {
		sb_addf(sb, ", \"%s\": ", keys[k + 1]);
		if (strcmp(target, keys[k]) == 0)
			sb_add_json(sb, tguid, strlen(tguid));
		else
			sb_adds(sb, "null");
	}
	sb_adds(sb, ", \"author\": ");
	if (author)
		sb_add_json(sb, author, strlen(author));
	else
		sb_adds(sb, "null");
	sb_adds(sb, ", \"text\": ");
	sb_add_json(sb, text, strlen(text));
	sb_adds(sb, ", \"created\": ");
	sb_add_json(sb, created, strlen(created));
	sb_adds(sb, ", \"modified\": ");
	sb_add_json(sb, modified, strlen(modified));
	sb_adds(sb, "}");
	free(text);
	q->rep->notes++;
	return ANKER_OK;
}

/* The NoteRefs of an element that are memos, as rows of their own. */
static int memo_rows(struct qr *q, xmlNodePtr el, const char *target, const char *tguid)
{
	for (xmlNodePtr r = el->children; r; r = r->next) {
		char type[64];
		if (!refi_xml_is(r, "NoteRef"))
			continue;
		long i = note_ref(q, r);
		if (i < 0)
			return ANKER_INPUT;
		if (q->notes[i].used || note_kind(q->notes[i].el, type, sizeof type) != NOTE_MEMO)
			continue;
		q->notes[i].used = true;
		struct strbuf sb = {0};
		if (memo_json(q, i, type, target, tguid, &sb)) {
			sb_free(&sb);
			return ANKER_INPUT;
		}
		row_add(q, "memo", &sb);
	}
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Codes */

/* One Code as a row (refi_codes_read calls it).  A code without a name
 * is called by its GUID, one without a valid color gray. */
static int read_code(void *arg, struct refi_code *c)
{
	struct qr *q = arg;
	char now[64];
	const char *name = c->name ? c->name : c->guid;
	bool codable = !c->codable || strcmp(c->codable, "false") != 0;
	store_now(now);
	struct strbuf sb = {0};
	sb_adds(&sb, "{\"guid\": ");
	sb_add_json(&sb, c->guid, strlen(c->guid));
	sb_adds(&sb, ", \"number\": ");
	sb_add_json(&sb, c->d.number ? c->d.number : "", c->d.number ? strlen(c->d.number) : 0);
	sb_adds(&sb, ", \"name\": ");
	sb_add_json(&sb, name, strlen(name));
	sb_adds(&sb, ", \"parent\": ");
	if (c->parent)
		sb_add_json(&sb, c->parent, strlen(c->parent));
	else
		sb_adds(&sb, "null");
	sb_addf(&sb, ", \"position\": %ld, \"color\": \"%s\", \"codable\": %s, \"definition\": ",
	        c->d.position >= 0 ? c->d.position : c->index, c->color[0] ? c->color : "#808080",
	        codable ? "true" : "false");
	sb_add_json(&sb, c->d.definition, strlen(c->d.definition));
	sb_addf(&sb, ", \"created\": \"%s\", \"modified\": \"%s\", \"anchors\": %s, \"notes\": %s}",
	        now, now, c->d.anchors, c->d.notes);
	row_add(q, "code", &sb);
	q->rep->codes++;
	return memo_rows(q, c->el, "code", c->guid) ? ANKER_INPUT : ANKER_OK;
}

static int read_codes(struct qr *q, xmlNodePtr root)
{
	xmlNodePtr codes = refi_xml_child(refi_xml_child(root, "CodeBook"), "Codes");
	int rc = refi_codes_check(codes, q->path, &q->codes, q->err);
	return rc ? rc : refi_codes_read(codes, q->path, read_code, q, q->err);
}

/* A code GUID a Coding refers to: in this file's CodeBook or the project. */
static int code_known(struct qr *q, const char *g, bool *known)
{
	struct store_stmt *s;
	*known = refi_guids_get(&q->codes, g) >= 0;
	if (*known)
		return ANKER_OK;
	if (store_prepare(q->st, "SELECT 1 FROM code WHERE guid = :guid", &s, q->err) ||
	    store_bind_text(s, ":guid", g, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	store_done(s);
	*known = rc == 1;
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Sources */

struct qtext {
	struct corpus_norm norm;
	size_t *crlf;        /* raw code point offsets of each CR of a CRLF */
	size_t ncrlf;
};

/* Raw position (counting the CR of each CRLF) to stored position. */
static size_t shift(const struct qtext *t, size_t pos)
{
	size_t lo = 0, hi = t->ncrlf;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->crlf[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return pos - lo;
}

static int text_load(struct qr *q, xmlNodePtr src, const char *name, struct qtext *t, bool *skip)
{
	char *raw = NULL, *path = refi_xml_prop(src, "plainTextPath");
	size_t len = 0;
	int rc = ANKER_OK;
	*skip = false;
	if (path && strncmp(path, "internal://", 11) == 0) {
		zip_int64_t i = zip_source_entry(q, path + 11);
		if (i < 0)
			rc = anker_err_set(q->err, ANKER_INPUT, "%s: source '%s': %s is not in the "
			                   "archive", q->path, name, path);
		else
			rc = zip_read(q, i, &raw, &len);
	} else if ((raw = refi_xml_child_text(src, "PlainTextContent"))) {
		len = strlen(raw);
	} else {
		warn(q, "%s: source '%s' skipped: its text (%s) is not in the archive", q->path, name,
		     path ? path : "no plainTextPath");
		*skip = true;
	}
	free(path);
	if (rc || *skip)
		return rc;
	size_t off = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, cp = 0;
	for (size_t i = off; i < len; i++) {
		if (raw[i] == '\r' && i + 1 < len && raw[i + 1] == '\n') {
			t->crlf = xreallocarray(t->crlf, t->ncrlf + 1, sizeof *t->crlf);
			t->crlf[t->ncrlf++] = cp;
		}
		if (((unsigned char)raw[i] & 0xC0) != 0x80)
			cp++;
	}
	if ((rc = corpus_normalize(raw, len, false, &t->norm, q->err)))
		anker_err_prefix(q->err, "%s: source '%s'", q->path, name);
	else if (t->norm.chars != cp - t->ncrlf)
		warn(q, "%s: source '%s': NFC normalisation changed its length; positions may be off",
		     q->path, name);
	free(raw);
	return rc;
}

static int review_json(struct qr *q, long i, const char *verdict, struct strbuf *sb, bool first)
{
	xmlNodePtr n = q->notes[i].el;
	const char *who;
	char created[64], *text;
	if (coding_verdict_parse(verdict) < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: unknown review verdict '%s'",
		                     q->path, xmlGetLineNo(n), verdict);
	if (user_ref(q, n, "creatingUser", &who) || note_text(q, n, &text))
		return ANKER_INPUT;
	time_attr(q, n, "creationDateTime", created);
	sb_addf(sb, "%s{\"verdict\": \"%s\", \"comment\": ", first ? "" : ", ",
	        coding_verdict_name((enum coding_verdict)coding_verdict_parse(verdict)));
	sb_add_json(sb, text, strlen(text));
	sb_adds(sb, ", \"reviewer\": ");
	sb_add_json(sb, who ? who : store_default_coder(), strlen(who ? who : store_default_coder()));
	sb_adds(sb, ", \"created\": ");
	sb_add_json(sb, created, strlen(created));
	sb_adds(sb, "}");
	free(text);
	return ANKER_OK;
}

/* A selection's notes: weight, reviews (into *reviews) and memos. */
static int sel_notes(struct qr *q, xmlNodePtr sel, const char *sguid, int *weight,
                     struct strbuf *reviews, struct strbuf *memos)
{
	bool r1 = true, m1 = true;
	for (xmlNodePtr r = sel->children; r; r = r->next) {
		char arg[64];
		if (!refi_xml_is(r, "NoteRef"))
			continue;
		long i = note_ref(q, r);
		if (i < 0)
			return ANKER_INPUT;
		q->notes[i].used = true;
		switch (note_kind(q->notes[i].el, arg, sizeof arg)) {
		case NOTE_WEIGHT:
			*weight = atoi(arg);
			if (*weight < 0 || *weight > 100)
				return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: weight %s is not "
				                     "0-100", q->path, xmlGetLineNo(q->notes[i].el), arg);
			break;
		case NOTE_REVIEW:
			if (review_json(q, i, arg, reviews, r1))
				return ANKER_INPUT;
			r1 = false;
			break;
		case NOTE_MEMO:
			if (!m1)
				sb_adds(memos, ", ");
			if (memo_json(q, i, arg, "segment", sguid, memos))
				return ANKER_INPUT;
			m1 = false;
			break;
		}
	}
	return ANKER_OK;
}

/* The GUID of the segment a selection's memos and reviews go with: the
 * selection's own when it has one Coding (the segment takes it), else the
 * first Coding's (each Coding becomes a segment with its own GUID).  A
 * memo row must name a segment that is imported, or applying it fails. */
static int first_segment(struct qr *q, xmlNodePtr sel, const char *g, char out[37], size_t *ncod)
{
	xmlNodePtr first = NULL;
	*ncod = 0;
	for (xmlNodePtr c = sel->children; c; c = c->next)
		if (refi_xml_is(c, "Coding") && (*ncod)++ == 0)
			first = c;
	if (*ncod <= 1 || !first) {
		memcpy(out, g, 37);
		return ANKER_OK;
	}
	return refi_xml_guid(first, "guid", out, q->path, q->err) ? ANKER_OK : ANKER_INPUT;
}

static int read_selection(struct qr *q, xmlNodePtr sel, const char *doc, const char *dname,
                          const struct qtext *t)
{
	char g[37], created[64], modified[64];
	if (!refi_xml_guid(sel, "guid", g, q->path, q->err))
		return ANKER_INPUT;
	char *a = refi_xml_prop(sel, "startPosition"), *b = refi_xml_prop(sel, "endPosition"), *e1 = NULL, *e2 = NULL;
	long long s0 = a ? strtoll(a, &e1, 10) : -1, s1 = b ? strtoll(b, &e2, 10) : -1;
	bool bad = !a || !b || *e1 || *e2 || s0 < 0 || s1 <= s0;
	free(a);
	free(b);
	size_t start = bad ? 0 : shift(t, (size_t)s0), end = bad ? 0 : shift(t, (size_t)s1);
	if (bad || end > t->norm.chars || start >= end)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: selection %s is outside the "
		                     "text of '%s' (%zu code points)", q->path, xmlGetLineNo(sel), g,
		                     dname, t->norm.chars);
	const char *selby;
	if (user_ref(q, sel, "creatingUser", &selby))
		return ANKER_INPUT;
	time_attr(q, sel, "creationDateTime", created);
	time_attr(q, sel, xmlHasProp(sel, BAD_CAST "modifiedDateTime") ? "modifiedDateTime" :
	          "creationDateTime", modified);
	int weight = 0;
	struct strbuf reviews = {0}, memos = {0};
	char first[37];
	size_t ncod = 0;
	int rc = first_segment(q, sel, g, first, &ncod);
	if (!rc)
		rc = sel_notes(q, sel, first, &weight, &reviews, &memos);
	char *memo = refi_xml_child_text(sel, "Description");
	for (xmlNodePtr c = sel->children; c && !rc; c = c->next) {
		char cg[37], code[37];
		const char *coder;
		bool known;
		if (!refi_xml_is(c, "Coding"))
			continue;
		xmlNodePtr cref = refi_xml_child(c, "CodeRef");
		if (!refi_xml_guid(c, "guid", cg, q->path, q->err) ||
		    !refi_xml_guid(cref ? cref : c, "targetGUID", code, q->path, q->err) ||
		    user_ref(q, c, "creatingUser", &coder)) {
			rc = ANKER_INPUT;
			break;
		}
		if ((rc = code_known(q, code, &known)))
			break;
		if (!known) {
			rc = anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: coding refers to code %s, "
			                   "which is not in the codebook", q->path, xmlGetLineNo(c), code);
			break;
		}
		coder = coder ? coder : selby ? selby : store_default_coder();
		struct strbuf sb = {0};
		const char *sg = ncod == 1 ? g : cg;
		sb_adds(&sb, "{\"guid\": ");
		sb_add_json(&sb, sg, strlen(sg));
		sb_addf(&sb, ", \"doc\": \"%s\", \"code\": \"%s\", \"coder\": ", doc, code);
		sb_add_json(&sb, coder, strlen(coder));
		long ui = -1;
		for (size_t u = 0; u < q->nusers && ui < 0; u++)
			if (strcmp(q->users[u].name, coder) == 0)
				ui = (long)u;
		if (ui >= 0)
			sb_addf(&sb, ", \"coder_guid\": \"%s\"", q->users[ui].guid);
		sb_addf(&sb, ", \"start\": %zu, \"end\": %zu, \"weight\": %d, \"memo\": ", start, end,
		        weight);
		sb_add_json(&sb, memo ? memo : "", memo ? strlen(memo) : 0);
		sb_adds(&sb, ", \"created\": ");
		sb_add_json(&sb, created, strlen(created));
		sb_adds(&sb, ", \"modified\": ");
		sb_add_json(&sb, modified, strlen(modified));
		sb_addf(&sb, ", \"reviews\": [%s], \"memos\": [%s]}", sb_str(&reviews),
		        sb_str(&memos));
		row_add(q, "segment", &sb);
		q->rep->selections++;
		/* Memos and reviews go with the first segment of the selection. */
		sb_reset(&reviews);
		sb_reset(&memos);
	}
	free(memo);
	sb_free(&reviews);
	sb_free(&memos);
	return rc;
}

/* The value of a VariableValue (the one *Value child), JSON vars entry. */
static int var_value(struct qr *q, xmlNodePtr vv, struct strbuf *vars, bool first)
{
	char g[37];
	xmlNodePtr r = refi_xml_child(vv, "VariableRef");
	if (!r || !refi_xml_guid(r, "targetGUID", g, q->path, q->err))
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: VariableValue without a "
		                     "VariableRef", q->path, xmlGetLineNo(vv));
	long i = refi_guids_get(&q->var_ix, g);
	if (i < 0)
		return anker_err_set(q->err, ANKER_INPUT, "%s: line %ld: VariableRef to variable %s, "
		                     "which is not in <Variables>", q->path, xmlGetLineNo(r), g);
	for (xmlNodePtr c = vv->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || c == r)
			continue;
		xmlChar *v = xmlNodeGetContent(c);
		const char *type = strcmp((const char *)c->name, "DateTimeValue") == 0 ? "text" : q->vars[i].type;
		sb_adds(vars, first ? "{\"name\": " : ", {\"name\": ");
		sb_add_json(vars, q->vars[i].name, strlen(q->vars[i].name));
		sb_addf(vars, ", \"type\": \"%s\", \"value\": ", type);
		sb_add_json(vars, v ? (const char *)v : "", v ? strlen((const char *)v) : 0);
		sb_adds(vars, "}");
		xmlFree(v);
		return ANKER_OK;
	}
	return ANKER_OK;
}

static void turns_json(const struct corpus_norm *n, struct strbuf *sb)
{
	struct corpus_text t = {0};
	struct corpus_turn *v = NULL;
	size_t nv = 0;
	corpus_text_index(&t, n->text, n->len);
	corpus_turns(&t, &v, &nv);
	sb_addf(sb, ", \"bytes\": %zu, \"chars\": %zu, \"paragraphs\": %zu, \"turns\": [", n->len,
	        n->chars, t.nlines);
	for (size_t i = 0; i < nv; i++) {
		sb_addf(sb, "%s{\"n\": %zu, \"start\": %zu, \"end\": %zu, \"para_first\": %zu, "
		        "\"para_last\": %zu, \"speaker\": ", i ? ", " : "", i + 1, v[i].start, v[i].end,
		        v[i].para_first, v[i].para_last);
		sb_add_json(sb, v[i].speaker, strlen(v[i].speaker));
		if (v[i].ts_start_ms >= 0)
			sb_addf(sb, ", \"ts_start\": %ld", v[i].ts_start_ms);
		else
			sb_adds(sb, ", \"ts_start\": null");
		if (v[i].ts_end_ms >= 0)
			sb_addf(sb, ", \"ts_end\": %ld}", v[i].ts_end_ms);
		else
			sb_adds(sb, ", \"ts_end\": null}");
	}
	sb_adds(sb, "]");
	free(v);
	corpus_text_free(&t);
}

/* A document this project has under the same GUID must have the same
 * text: its segments' positions count in it (as `anker merge` refuses). */
static int text_conflict(struct qr *q, const char *guid, const char *name,
                         const struct corpus_norm *n)
{
	struct store_stmt *s;
	if (store_prepare(q->st, "SELECT text FROM document WHERE guid = :guid", &s, q->err) ||
	    store_bind_text(s, ":guid", guid, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	bool differs = rc == 1 && (store_col_bytes(s, 0) != n->len ||
	                           memcmp(store_col_text(s, 0), n->text ? n->text : "", n->len) != 0);
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (differs)
		return anker_err_set(q->err, ANKER_INPUT, "document '%s' (GUID %s): its text differs "
		                     "from this project's; nothing imported", name, guid);
	return ANKER_OK;
}

static int read_source(struct qr *q, xmlNodePtr src, const char *group, bool ours)
{
	char g[37], imported[64];
	struct qtext t = {0};
	bool skip;
	if (!refi_xml_guid(src, "guid", g, q->path, q->err))
		return ANKER_INPUT;
	char *name = refi_xml_prop(src, "name");
	if (!name || !*name) {
		free(name);
		name = xstrdup(g);
	}
	int rc = text_load(q, src, name, &t, &skip);
	if (!rc && !skip)
		rc = text_conflict(q, g, name, &t.norm);
	if (rc || skip)
		goto out;
	char *desc = ours ? refi_xml_child_text(src, "Description") : NULL;
	time_attr(q, src, "creationDateTime", imported);
	struct strbuf sb = {0}, vars = {0};
	sb_adds(&sb, "{\"guid\": ");
	sb_add_json(&sb, g, strlen(g));
	sb_adds(&sb, ", \"name\": ");
	sb_add_json(&sb, name, strlen(name));
	sb_adds(&sb, ", \"grp\": ");
	sb_add_json(&sb, group ? group : "", group ? strlen(group) : 0);
	sb_adds(&sb, ", \"text\": ");
	sb_add_json(&sb, t.norm.text, t.norm.len);
	turns_json(&t.norm, &sb);
	sb_adds(&sb, ", \"source\": ");
	sb_add_json(&sb, desc ? desc : q->path, strlen(desc ? desc : q->path));
	sb_adds(&sb, ", \"imported\": ");
	sb_add_json(&sb, imported, strlen(imported));
	free(desc);
	bool first = true;
	for (xmlNodePtr c = src->children; c && !rc; c = c->next)
		if (refi_xml_is(c, "VariableValue")) {
			rc = var_value(q, c, &vars, first);
			first = first && vars.len == 0;
		}
	sb_addf(&sb, ", \"vars\": [%s]}", sb_str(&vars));
	sb_free(&vars);
	row_add(q, "document", &sb);
	q->rep->sources++;
	for (xmlNodePtr c = src->children; c && !rc; c = c->next)
		if (refi_xml_is(c, "PlainTextSelection"))
			rc = read_selection(q, c, g, name, &t);
	if (!rc)
		rc = memo_rows(q, src, "document", g);
out:
	free(name);
	free(t.norm.text);
	free(t.crlf);
	return rc;
}

/* Which Set each source is a member of: the first one that names it.  A
 * MemberSource without a valid GUID names nothing. */
static void index_sets(struct qr *q, xmlNodePtr root)
{
	for (xmlNodePtr s = refi_xml_child(refi_xml_child(root, "Sets"), "Set"); s; s = s->next) {
		if (!refi_xml_is(s, "Set"))
			continue;
		q->sets = xreallocarray(q->sets, q->nsets + 1, sizeof *q->sets);
		q->sets[q->nsets] = s;
		for (xmlNodePtr m = s->children; m; m = m->next) {
			char g[37];
			if (refi_xml_is(m, "MemberSource") &&
			    refi_xml_guid(m, "targetGUID", g, q->path, q->err))
				refi_guids_add(&q->set_of, g, (long)q->nsets, NULL);
		}
		q->nsets++;
	}
	anker_err_clear(q->err);
}

/* The document group of a source: the name of its Set, NULL when none. */
static char *source_group(struct qr *q, const char *guid)
{
	long i = refi_guids_get(&q->set_of, guid);
	return i >= 0 ? refi_xml_prop(q->sets[i], "name") : NULL;
}

static int read_sources(struct qr *q, xmlNodePtr root, bool ours)
{
	index_sets(q, root);
	for (xmlNodePtr s = refi_xml_child(root, "Sources") ? refi_xml_child(root, "Sources")->children : NULL; s;
	     s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (!refi_xml_is(s, "TextSource")) {
			char *name = refi_xml_prop(s, "name");
			warn(q, "%s: %s '%s' skipped (anker reads text sources only)", q->path,
			     (const char *)s->name, name ? name : "");
			free(name);
			continue;
		}
		char g[37];
		if (!refi_xml_guid(s, "guid", g, q->path, q->err))
			return ANKER_INPUT;
		char *group = source_group(q, g);
		int rc = read_source(q, s, group, ours);
		free(group);
		if (rc)
			return rc;
	}
	return ANKER_OK;
}

/* Notes nothing refers to, and the project's own, become project memos. */
static int project_memos(struct qr *q, xmlNodePtr root)
{
	if (memo_rows(q, root, "project", ""))
		return ANKER_INPUT;
	for (size_t i = 0; i < q->nnotes; i++) {
		char type[64];
		if (q->notes[i].used || note_kind(q->notes[i].el, type, sizeof type) != NOTE_MEMO)
			continue;
		struct strbuf sb = {0};
		q->notes[i].used = true;
		if (memo_json(q, (long)i, type, "project", "", &sb)) {
			sb_free(&sb);
			return ANKER_INPUT;
		}
		row_add(q, "memo", &sb);
	}
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Apply */

static int row_guid(struct qr *q, const char *json, char guid[37])
{
	struct store_stmt *s;
	if (store_prepare(q->st, "SELECT json_extract(:j, '$.guid')", &s, q->err) ||
	    store_bind_text(s, ":j", json, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	snprintf(guid, 37, "%s", rc == 1 ? store_col_text(s, 0) : "");
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* A code that exists keeps its created and modified times unless it
 * changes: re-importing the same file then logs nothing. */
static int keep_times(struct qr *q, const char *before, char **json)
{
	struct store_stmt *s;
	if (store_prepare(q->st, "SELECT json_set(:j, '$.created', json_extract(:b, '$.created'), "
	                         "'$.modified', json_extract(:b, '$.modified'))", &s, q->err) ||
	    store_bind_text(s, ":j", *json, q->err) || store_bind_text(s, ":b", before, q->err))
		return ANKER_DB;
	int rc = store_step(s, q->err);
	if (rc == 1) {
		free(*json);
		*json = xstrdup(store_col_text(s, 0));
	}
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

static int apply_rows(struct qr *q)
{
	struct strbuf before = {0}, after = {0};
	int rc = store_begin(q->st, q->err);
	for (size_t i = 0; i < q->nrows && !rc; i++) {
		char guid[37];
		if ((rc = row_guid(q, q->rjson[i], guid)))
			break;
		rc = store_row_json(q->st, q->rent[i], guid, &before, q->err);
		bool exists = rc == ANKER_OK;
		if (rc == ANKER_NOTFOUND)
			rc = ANKER_OK;
		if (!rc && exists && strcmp(q->rent[i], "code") == 0)
			rc = keep_times(q, sb_str(&before), &q->rjson[i]);
		if (!rc && (rc = store_row_apply(q->st, q->rent[i], q->rjson[i], q->err)))
			anker_err_prefix(q->err, "%s", q->path);
		if (!rc)
			rc = store_row_json(q->st, q->rent[i], guid, &after, q->err);
		if (!rc && (!exists || strcmp(sb_str(&before), sb_str(&after)) != 0))
			rc = store_log(q->st, "qdpx import", q->rent[i], guid,
			               exists ? sb_str(&before) : NULL, sb_str(&after), q->err);
	}
	if (rc)
		store_rollback(q->st);
	else
		rc = store_commit(q->st, q->err);
	sb_free(&before);
	sb_free(&after);
	return rc;
}

/* ---------------------------------------------------------------------- */

static int parse_qde(struct qr *q, zip_int64_t i, xmlDocPtr *doc)
{
	char *buf;
	size_t len;
	const char *name = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
	int rc = zip_read(q, i, &buf, &len);
	if (rc)
		return rc;
	rc = refi_xml_parse(buf, len, name, doc, q->err);
	free(buf);
	if (rc == ANKER_INPUT)
		anker_err_prefix(q->err, "%s", q->path);
	if (!rc && !refi_xml_is(xmlDocGetRootElement(*doc), "Project")) {
		rc = anker_err_set(q->err, ANKER_INPUT, "%s: %s: the root element is not <Project>",
		                   q->path, name);
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return rc;
}

static void qr_free(struct qr *q)
{
	for (size_t i = 0; i < q->nusers; i++)
		free(q->users[i].name);
	for (size_t i = 0; i < q->nvars; i++)
		free(q->vars[i].name);
	for (size_t i = 0; i < q->nrows; i++)
		free(q->rjson[i]);
	free(q->users);
	free(q->vars);
	free(q->notes);
	refi_guids_free(&q->user_ix);
	refi_guids_free(&q->var_ix);
	refi_guids_free(&q->note_ix);
	refi_guids_free(&q->codes);
	free(q->sets);
	refi_guids_free(&q->set_of);
	free(q->rent);
	free(q->rjson);
}

static int open_zip(struct qr *q)
{
	int zerr;
	q->z = zip_open(q->path, ZIP_RDONLY, &zerr);
	if (q->z)
		return ANKER_OK;
	if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS)
		return anker_err_set(q->err, ANKER_INPUT, "%s: not a zip file (a .qdpx is a zip "
		                     "archive)", q->path);
	/* libzip reports some damaged archives as ZIP_ER_NOENT ("No such
	 * file"): only a file that cannot be read is an i/o error. */
	FILE *f = fopen(q->path, "rb");
	int why = errno;
	bool readable = f != NULL;
	if (f)
		fclose(f);
	zip_error_t ze;
	zip_error_init_with_code(&ze, zerr);
	if (readable && zerr != ZIP_ER_MEMORY)
		anker_err_set(q->err, ANKER_INPUT, "%s: damaged zip archive (%s)", q->path,
		              zip_error_strerror(&ze));
	else
		anker_err_set(q->err, zerr == ZIP_ER_MEMORY ? ANKER_NOMEM : ANKER_IO, "%s: %s",
		              q->path, readable ? zip_error_strerror(&ze) : strerror(why));
	zip_error_fini(&ze);
	return q->err->status;
}

int refi_qdpx_import(struct store *st, const char *path, struct refi_qdpx_report *rep,
                       struct anker_err *err)
{
	struct qr q = { .st = st, .path = path, .rep = rep, .err = err };
	xmlDocPtr doc = NULL;
	zip_int64_t qde;
	memset(rep, 0, sizeof *rep);
	int rc = open_zip(&q);
	if (!rc)
		rc = zip_check(&q, &qde);
	if (!rc)
		rc = parse_qde(&q, qde, &doc);
	if (!rc) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		char *origin = refi_xml_prop(root, "origin");
		bool ours = origin && strncmp(origin, "anker", 5) == 0;
		free(origin);
		file_time(&q, root, qde);
		rc = read_users(&q, root);
		if (!rc)
			rc = read_variables(&q, root);
		if (!rc)
			rc = read_notes(&q, root);
		if (!rc)
			rc = read_codes(&q, root);
		if (!rc)
			rc = read_sources(&q, root, ours);
		if (!rc)
			rc = project_memos(&q, root);
		if (!rc)
			rc = apply_rows(&q);
	}
	if (doc)
		xmlFreeDoc(doc);
	if (q.z)
		zip_discard(q.z);
	qr_free(&q);
	return rc;
}
