/* refi/qdpx_read.c — a REFI-QDA .qdpx into the project.
 *
 * The zip is checked, then project.qde read as a stream in one pass
 * (refi/qdpx_stream.c: libxml2, no network, no DTD, no entity expansion;
 * a document with a DTD is refused, so no entity can be declared): what
 * it holds is turned into anker rows as JSON, checking every reference
 * and position, each row applied with store_row_apply as it is made, or
 * staged and added in bulk when it is a new segment or memo
 * (refi/qdpx_bulk.c), all in one transaction, each change logged.  On any
 * error the transaction is rolled back: nothing is written.
 *
 * This file has the zip, the codes and the import's steps; what elements
 * refer to (users, variables, notes) is read in refi/qdpx_notes.c, the
 * sources with their selections in refi/qdpx_sources.c, from what
 * refi/qdpx_held.c kept of them during the pass.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/statvfs.h>

#include "refi_int.h"

/* Bounds against zip bombs: real projects are far below them.  What is
 * read into memory (the sources, note files) is capped by --max-size in
 * all, REFI_QDPX_MAX_SIZE unless raised.  project.qde is streamed, never
 * held whole (refi/qdpx_stream.c): memory does not grow with it, so the
 * cap meant against bombs in the sources is not its bound (a 1M-segment
 * project's is 496 MB, and would need --max-size raised for no gain);
 * it may inflate to what the disk holding the project has free, what the
 * rows made from it could fill at most, so a bomb is still refused before
 * a byte of it is parsed. */
#define QR_MAX_ENTRIES 20000

/* Bytes free for the project at path (its folder's file system); 0 when
 * that cannot be told. */
static uint64_t disk_free(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	struct strbuf dir = {0};
	if (!slash)
		sb_adds(&dir, ".");
	else if (slash == path)
		sb_adds(&dir, "/");
	else
		sb_add(&dir, path, (size_t)(slash - path));
	struct statvfs fs;
	uint64_t n = statvfs(sb_str(&dir), &fs) == 0 ? (uint64_t)fs.f_bavail * fs.f_frsize : 0;
	sb_free(&dir);
	return n;
}

void qr_warn(struct qr *q, const char *fmt, ...)
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

static int add_row(struct qr *q, const char *entity, char **json, const struct qr_seg *seg,
                   const struct qr_memo *memo);

/* Applied at once, or staged (refi/qdpx_bulk.c), inside the import's
 * transaction, so that no more than one source's text is held at a time;
 * the first failure is kept for the end of the pass (later rows are
 * dropped). */
static void take_row(struct qr *q, const char *entity, struct strbuf *json,
                     const struct qr_seg *seg, const struct qr_memo *memo)
{
	char *j = sb_steal(json);
	if (!q->apply_rc)
		q->apply_rc = add_row(q, entity, &j, seg, memo);
	free(j);
}

void qr_row_add(struct qr *q, const char *entity, struct strbuf *json)
{
	take_row(q, entity, json, NULL, NULL);
}

void qr_segment_add(struct qr *q, const struct qr_seg *seg, struct strbuf *json)
{
	take_row(q, "segment", json, seg, NULL);
}

void qr_memo_add(struct qr *q, const struct qr_memo *memo, struct strbuf *json)
{
	take_row(q, "memo", json, NULL, memo);
}

/* ---------------------------------------------------------------------- */
/* Times */

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
void qr_time_attr(const struct qr *q, xmlNodePtr n, const char *name, char out[64])
{
	/* A valid time as it stands in the tree is ASCII (the shape, under 64
	 * bytes): NFC already, no copy needed. */
	const char *v = refi_xml_attr(n, name);
	if (time_valid(v) && refi_xml_plain(v)) {
		memcpy(out, v, strlen(v) + 1);
		return;
	}
	char *c = n ? refi_xml_prop(n, name) : NULL;
	snprintf(out, 64, "%s", time_valid(c) ? c : q->when);
	free(c);
}

/* The time a missing timestamp stands for: the project's creation time,
 * else when project.qde was written into the zip, else now. */
void qr_file_time(struct qr *q, xmlNodePtr root, int64_t qde)
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
	uint64_t announced = 0;
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
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t zs;
		if (i == *qde || zip_stat_index(q->z, (zip_uint64_t)i, 0, &zs) != 0 ||
		    !(zs.valid & ZIP_STAT_SIZE))
			continue;
		announced = zs.size > UINT64_MAX - announced ? UINT64_MAX : announced + zs.size;
	}
	zip_stat_t zs;
	if (zip_stat_index(q->z, (zip_uint64_t)*qde, 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) &&
	    zs.size > q->qde_max)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: too large: it inflates to %llu "
		                     "bytes, more than the %llu free on the disk that holds the "
		                     "project", q->path, zip_get_name(q->z, (zip_uint64_t)*qde,
		                                                      ZIP_FL_ENC_GUESS),
		                     (unsigned long long)zs.size, (unsigned long long)q->qde_max);
	/* What the entries besides project.qde say they inflate to, refused
	 * before any is read; qr_zip_read checks again what they really give. */
	if (announced > q->max_size)
		return anker_err_set(q->err, ANKER_INPUT, "%s: too large: its entries inflate to "
		                     "%llu bytes, more than the %llu allowed (qdpx import --max-size "
		                     "SIZE raises the cap)", q->path, (unsigned long long)announced,
		                     (unsigned long long)q->max_size);
	return ANKER_OK;
}

int qr_zip_read(struct qr *q, int64_t i, char **out, size_t *len)
{
	zip_stat_t zs;
	const char *name = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
	if (zip_stat_index(q->z, (zip_uint64_t)i, 0, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE))
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: %s", q->path, name,
		                     zip_strerror(q->z));
	if (zs.size > q->max_size || (uint64_t)q->total + zs.size > q->max_size)
		return anker_err_set(q->err, ANKER_INPUT, "%s: %s: too large: %llu bytes inflated, "
		                     "%llu with what was read before, more than the %llu allowed "
		                     "(qdpx import --max-size SIZE raises the cap)", q->path, name,
		                     (unsigned long long)zs.size,
		                     (unsigned long long)q->total + zs.size,
		                     (unsigned long long)q->max_size);
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

/* The entry for internal://NAME: sources/NAME, any case of "sources".  The
 * entries are indexed on the first call (a scan per source went quadratic:
 * 20,000 sources took seconds); the first entry of a name is the one, as a
 * scan would find.  The names are libzip's, valid while the zip is open. */
int64_t qr_zip_source(struct qr *q, const char *name)
{
	if (!q->sources_indexed) {
		zip_int64_t n = zip_get_num_entries(q->z, 0);
		for (zip_int64_t i = 0; i < n; i++) {
			const char *e = zip_get_name(q->z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
			if (e && strncasecmp(e, "sources/", 8) == 0)
				anker_map_put(&q->sources, e + 8, strlen(e + 8), (size_t)i);
		}
		q->sources_indexed = true;
	}
	size_t i = anker_map_get(&q->sources, name, strlen(name));
	return i == SIZE_MAX ? -1 : (int64_t)i;
}

/* ---------------------------------------------------------------------- */
/* Codes */

/* The color of a code the file gives none (or no valid one): the
 * project's when it has the code (re-importing then changes nothing),
 * else one derived as `codebook import` does: a top-level code the
 * palette color of its place, a subcode a shade of its parent's (applied
 * before it), siblings apart.  Gray for all of them made every code look
 * the same in the TUI and the reports. */
static int code_color(struct qr *q, const struct refi_code *c, char out[8])
{
	static const char sql[] = "SELECT color FROM code WHERE guid = :g";
	struct strbuf have = {0};
	int rc = store_get_text(q->st, &have, q->err, sql, STORE_TEXT(":g", c->guid));
	if (rc == ANKER_OK) {
		snprintf(out, 8, "%s", sb_str(&have));
	} else if (rc == ANKER_NOTFOUND && !c->parent) {
		snprintf(out, 8, "%s", codebook_palette((size_t)c->index));
		rc = ANKER_OK;
	} else if (rc == ANKER_NOTFOUND) {
		/* the parent's row is there: parents are read first */
		rc = store_get_text(q->st, &have, q->err, sql, STORE_TEXT(":g", c->parent));
		if (rc != ANKER_DB) {
			store_color_child(sb_str(&have), (size_t)c->index, out);
			rc = ANKER_OK;
		}
	}
	sb_free(&have);
	return rc ? ANKER_DB : ANKER_OK;
}

/* One Code as a row (refi_codes_read calls it).  A code without a name
 * is called by its GUID. */
static int read_code(void *arg, struct refi_code *c)
{
	struct qr *q = arg;
	char now[64];
	const char *name = c->name ? c->name : c->guid;
	bool codable = !c->codable || strcmp(c->codable, "false") != 0;
	if (!c->color[0] && code_color(q, c, c->color))
		return ANKER_DB;
	store_now(now);
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb };
	json_obj_begin(&w);
	json_key(&w, "guid"); json_str(&w, c->guid);
	json_key(&w, "number"); json_str(&w, c->d.number ? c->d.number : "");
	json_key(&w, "name"); json_str(&w, name);
	json_key(&w, "parent"); json_str(&w, c->parent);
	json_key(&w, "position"); json_int(&w, c->d.position >= 0 ? c->d.position : c->index);
	json_key(&w, "color"); json_str(&w, c->color);
	json_key(&w, "codable"); json_bool(&w, codable);
	json_key(&w, "definition"); json_str(&w, c->d.definition);
	json_key(&w, "created"); json_str(&w, now);
	json_key(&w, "modified"); json_str(&w, now);
	json_key(&w, "anchors"); json_raw(&w, c->d.anchors);
	json_key(&w, "notes"); json_raw(&w, c->d.notes);
	json_obj_end(&w);
	qr_row_add(q, "code", &sb);
	q->rep->codes++;
	return qr_memo_rows(q, c->el, "code", c->guid) ? ANKER_INPUT : ANKER_OK;
}

static int read_codes(struct qr *q, xmlNodePtr root)
{
	xmlNodePtr codes = refi_xml_child(refi_xml_child(root, "CodeBook"), "Codes");
	int rc = refi_codes_check(codes, q->path, &q->codes, q->err);
	return rc ? rc : refi_codes_read(codes, q->path, read_code, q, q->err);
}

/* A code GUID a Coding refers to: in this file's CodeBook or the project. */
int qr_code_known(struct qr *q, const char *g, bool *known)
{
	*known = refi_guids_get(&q->codes, g) >= 0;
	if (*known)
		return ANKER_OK;
	if (store_exists(q->st, known, q->err, "SELECT 1 FROM code WHERE guid = :guid",
	                 STORE_TEXT(":guid", g)))
		return ANKER_DB;
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Apply */

/* The row's GUID: the first key of every row this import builds, read
 * without parsing the JSON (a document's holds its whole text). */
static int row_guid(struct qr *q, const char *json, char guid[37])
{
	static const char head[] = "{\"guid\":\"";
	if (strncmp(json, head, sizeof head - 1) == 0 &&
	    strnlen(json, sizeof head + 37) > sizeof head + 36 && json[sizeof head - 1 + 36] == '"') {
		memcpy(guid, json + sizeof head - 1, 36);
		guid[36] = '\0';
		return ANKER_OK;
	}
	struct strbuf g = {0};
	int rc = store_get_text(q->st, &g, q->err, "SELECT json_extract(:j, '$.guid')",
	                        STORE_TEXT(":j", json));
	snprintf(guid, 37, "%s", rc == ANKER_OK ? sb_str(&g) : "");
	sb_free(&g);
	return rc ? ANKER_DB : ANKER_OK;
}

/* A row that exists keeps what the file does not decide: a code its
 * created and modified times unless it changes (re-importing the same
 * file then logs nothing), a document where and when it was imported
 * (the same file read from another path is no conflict) unless the file's
 * rows are to replace the project's. */
static int keep_fields(struct qr *q, const char *entity, const char *before, char **json)
{
	const char *a, *b;
	if (strcmp(entity, "code") == 0)
		a = "$.created", b = "$.modified";
	else if (strcmp(entity, "document") == 0 && !q->replace)
		a = "$.source", b = "$.imported";
	else
		return ANKER_OK;
	struct strbuf kept = {0};
	if (store_get_text(q->st, &kept, q->err, "SELECT json_set(:j, :a, json_extract(:b, :a), "
	                   ":c, json_extract(:b, :c))", STORE_TEXT(":j", *json),
	                   STORE_TEXT(":b", before), STORE_TEXT(":a", a), STORE_TEXT(":c", b))) {
		sb_free(&kept);
		return ANKER_DB;
	}
	free(*json);
	*json = sb_steal(&kept);
	return ANKER_OK;
}

/* What the file calls a row of entity: a row the project refuses (a name
 * it has under another GUID) is named as the file names it. */
static const char *file_term(const char *entity)
{
	static const char *const terms[][2] = {
		{ "document", "source" }, { "segment", "selection" }, { "coder", "user" },
		{ "memo", "note" },
	};
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		if (strcmp(entity, terms[i][0]) == 0)
			return terms[i][1];
	return entity;
}

/* One row into the project (the import's transaction is open), logged
 * when it is new or changed.  A row the project has that would change is
 * a conflict (refi/qdpx_conflict.c): it is still applied, to find them
 * all, and the import rolled back at the end, unless q->replace. */
int qr_apply_row(struct qr *q, const char *entity, char **json)
{
	struct strbuf before = {0}, after = {0};
	char guid[37];
	int rc = row_guid(q, *json, guid);
	if (rc)
		return rc;
	rc = store_row_json(q->st, entity, guid, &before, q->err);
	bool exists = rc == ANKER_OK;
	if (rc == ANKER_NOTFOUND)
		rc = ANKER_OK;
	if (!rc && exists)
		rc = keep_fields(q, entity, sb_str(&before), json);
	if (!rc && (rc = store_row_apply(q->st, entity, *json, q->err)))
		anker_err_prefix(q->err, "%s: %s %s", q->path, file_term(entity), guid);
	free(*json);
	*json = NULL;
	if (!rc)
		rc = store_row_json(q->st, entity, guid, &after, q->err);
	bool changed = !rc && exists && strcmp(sb_str(&before), sb_str(&after)) != 0;
	if (changed && !q->replace)
		rc = qr_conflict(q, entity, sb_str(&before), sb_str(&after));
	if (!rc && (!exists || changed))
		rc = store_log(q->st, "qdpx import", entity, guid,
		               exists ? sb_str(&before) : NULL, sb_str(&after), q->err);
	sb_free(&before);
	sb_free(&after);
	return rc;
}

/* A segment or memo is staged, to be added in bulk (refi/qdpx_bulk.c)
 * when the project lacks it: there is nothing to compare it with.  The
 * rest, few, is applied at once, after the staged rows the project has
 * (qr_bulk_settle), which come before it. */
static int add_row(struct qr *q, const char *entity, char **json, const struct qr_seg *seg,
                   const struct qr_memo *memo)
{
	if (seg || memo)
		return qr_bulk_stage(q, seg ? seg->guid : memo->guid, *json, seg, memo);
	int rc = qr_bulk_settle(q);
	return rc ? rc : qr_apply_row(q, entity, json);
}

static void qr_free(struct qr *q)
{
	for (size_t i = 0; i < q->nusers; i++)
		free(q->users[i].name);
	for (size_t i = 0; i < q->nvars; i++)
		free(q->vars[i].name);
	free(q->users);
	free(q->vars);
	refi_guids_free(&q->user_ix);
	refi_guids_free(&q->var_ix);
	qr_notes_free(q);
	free(q->refs);
	for (int k = 0; k < 3; k++)
		refi_guids_free(&q->seen[k]);
	refi_guids_free(&q->codes);
	qr_held_free(q);
	free(q->sets);
	refi_guids_free(&q->set_of);
	anker_map_free(&q->sources);
	sb_free(&q->conflicts);
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

int refi_qdpx_import(struct store *st, const char *path, const struct refi_qdpx_opts *o,
                     struct refi_qdpx_report *rep, struct anker_err *err)
{
	struct qr q = { .st = st, .path = path, .rep = rep, .err = err,
	                .max_size = o && o->max_size ? o->max_size : REFI_QDPX_MAX_SIZE,
	                .replace = o && o->replace };
	xmlDocPtr doc = NULL;
	zip_int64_t qde;
	memset(rep, 0, sizeof *rep);
	if (refi_libs_load(true, err))
		return err->status;
	uint64_t disk = disk_free(store_path(st));
	q.qde_max = disk > q.max_size ? disk : q.max_size;
	int rc = open_zip(&q);
	if (!rc)
		rc = zip_check(&q, &qde);
	if (!rc)
		rc = qr_qde_index(&q, qde, &doc);
	/* Rows are applied as they are read, or staged and added in bulk, in
	 * one transaction: on any error it is rolled back and nothing is
	 * written.  The staging tables are made before it: temp_store cannot
	 * change inside a transaction. */
	bool bulk = !rc && !(rc = qr_bulk_begin(&q));
	if (!rc && !(rc = store_begin(st, err))) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		rc = qr_check_guids(&q, root);
		if (!rc)
			rc = qr_read_lists(&q, root);
		if (!rc && !(rc = q.apply_rc))
			rc = read_codes(&q, root);
		if (!rc && !(rc = q.apply_rc))
			rc = qr_read_sets(&q, root);
		if (!rc)
			rc = qr_held_read(&q);
		if (!rc && !(rc = q.apply_rc))
			rc = qr_project_memos(&q);
		if (!rc && !(rc = q.apply_rc))
			rc = qr_project_meta(&q, root);
		if (!rc)
			rc = qr_bulk_finish(&q);
		if (!rc && q.nconflicts)
			rc = qr_conflicts_refuse(&q);
		if (rc)
			store_rollback(st);
		else
			rc = store_commit(st, err);
	}
	if (bulk)
		qr_bulk_end(&q);
	if (doc)
		xmlFreeDoc(doc);
	if (q.z)
		zip_discard(q.z);
	qr_free(&q);
	return rc;
}
