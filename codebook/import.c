/* codebook/import.c — merge a parsed codebook into the project.
 *
 * Codes are matched by number (else by path).  The file is authoritative
 * for names, parents and definitions; anchor examples and notes are
 * merged (what the file has and the project lacks is added; what the
 * project has besides, e.g. anchors promoted from segments, is kept).
 * So re-importing the same file changes nothing, and nothing is lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "../corpus/corpus.h"

struct import_ctx {
	struct store *st;
	struct codebook *cb;          /* from the file */
	struct codebook cur;          /* the project before */
	int64_t *ids;                 /* project id of each file code */
	/* The project's codes by number and by path (paths[j] of cur's code
	 * j), and the palette place of each of the file's top-level codes:
	 * looked up once per code of the file, which a scan made quadratic. */
	struct anker_map bynum, bypath;
	char **paths;
	size_t *toprank;
	struct codebook_import_report *rep;
	struct anker_err *err;
};

static void index_codes(struct import_ctx *x)
{
	struct strbuf b = {0};
	x->paths = xcalloc(x->cur.ncodes + 1, sizeof *x->paths);
	for (size_t j = 0; j < x->cur.ncodes; j++) {
		const char *num = x->cur.codes[j].number;
		if (*num)
			anker_map_put(&x->bynum, num, strlen(num), j);
		sb_reset(&b);
		codebook_path(&x->cur, j, &b);
		x->paths[j] = xstrdup(sb_str(&b));
		anker_map_put(&x->bypath, x->paths[j], b.len, j);
	}
	sb_free(&b);
	x->toprank = xcalloc(x->cb->ncodes + 1, sizeof *x->toprank);
	for (size_t i = 0, ntop = 0; i < x->cb->ncodes; i++)
		if (x->cb->codes[i].parent < 0)
			x->toprank[i] = ntop++;
}

static void index_free(struct import_ctx *x)
{
	for (size_t j = 0; x->paths && j < x->cur.ncodes; j++)
		free(x->paths[j]);
	free(x->paths);
	free(x->toprank);
	anker_map_free(&x->bynum);
	anker_map_free(&x->bypath);
}

/* The project's code that file code i is: the same number, or for an
 * unnumbered code the same path; -1 when none. */
static int find_existing(struct import_ctx *x, size_t i)
{
	const struct codebook_code *c = &x->cb->codes[i];
	size_t j;
	if (*c->number) {
		j = anker_map_get(&x->bynum, c->number, strlen(c->number));
	} else {
		struct strbuf a = {0};
		codebook_path(x->cb, i, &a);
		j = anker_map_get(&x->bypath, sb_str(&a), a.len);
		sb_free(&a);
	}
	return j == SIZE_MAX ? -1 : (int)j;
}

/* Does the project already have anchor example k of c?  A project that
 * read the example before citations were split off holds it as one text,
 * "„…“ (Interview 01, Pos. 16)". */
static bool anchor_known(const struct codebook_code *old, const struct codebook_code *c, size_t k)
{
	const char *cite = codebook_anchor_citation(c, k);
	struct strbuf joined = {0};
	bool have = false;
	if (cite)
		sb_addf(&joined, "%s (%s)", c->anchors[k], cite);
	for (size_t m = 0; old && m < old->nanchors && !have; m++)
		have = strcmp(old->anchors[m], c->anchors[k]) == 0 ||
		       (cite && strcmp(old->anchors[m], sb_str(&joined)) == 0);
	sb_free(&joined);
	return have;
}

static int add_list_items(struct import_ctx *x, int64_t id, const struct codebook_code *c,
                          const struct codebook_code *old)
{
	int changed = 0;
	for (size_t k = 0; k < c->nanchors; k++) {
		const char *cite = codebook_anchor_citation(c, k);
		if (anchor_known(old, c, k))
			continue;
		if (store_run(x->st, x->err, "INSERT INTO anchor(code_id, position, text, citation) "
		                             "VALUES (:id, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
		                             "anchor WHERE code_id = :id), :text, :cite)",
		              STORE_INT(":id", id), STORE_TEXT(":text", c->anchors[k]),
		              STORE_TEXT(":cite", cite ? cite : "")))
			return -1;
		changed++;
	}
	for (size_t k = 0; k < c->nnotes; k++) {
		bool have = false;
		for (size_t m = 0; old && m < old->nnotes && !have; m++)
			have = strcmp(old->notes[m].label, c->notes[k].label) == 0 &&
			       strcmp(old->notes[m].text, c->notes[k].text) == 0;
		if (have)
			continue;
		if (store_run(x->st, x->err, "INSERT INTO code_note(code_id, position, label, text) "
		                             "VALUES (:id, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
		                             "code_note WHERE code_id = :id), :label, :text)",
		              STORE_INT(":id", id), STORE_TEXT(":label", c->notes[k].label),
		              STORE_TEXT(":text", c->notes[k].text)))
			return -1;
		changed++;
	}
	return changed;
}

/* The project id of file code i's parent, 0 for a top-level code. */
static int64_t parent_of(const struct import_ctx *x, size_t i)
{
	int parent = x->cb->codes[i].parent;
	return parent >= 0 ? x->ids[parent] : 0;
}

static int insert_code(struct import_ctx *x, size_t i, int64_t parent_id)
{
	const struct codebook_code *c = &x->cb->codes[i];
	char guid[37], now[32];
	size_t top = i;
	while (x->cb->codes[top].parent >= 0)
		top = (size_t)x->cb->codes[top].parent;
	char color[8];
	snprintf(color, sizeof color, "%s", c->color ? c->color : codebook_palette(x->toprank[top]));
	/* A subcode the file gives no color: a shade of its parent's as the
	 * project has it now, apart from the siblings there before it. */
	if (!c->color && parent_id && codebook_child_color(x->st, parent_id, color, x->err))
		return ANKER_DB;
	store_guid(guid);
	store_now(now);
	if (store_run(x->st, x->err, "INSERT INTO code(guid, number, name, parent_id, position, "
	                             "color, definition, created, modified) VALUES (:guid, :number, "
	                             ":name, :parent, :pos, :color, :def, :now, :now)",
	              STORE_TEXT(":guid", guid), STORE_TEXT(":number", c->number),
	              STORE_TEXT(":name", c->name),
	              parent_id ? STORE_INT(":parent", parent_id) : STORE_NULL(":parent"),
	              STORE_INT(":pos", (int64_t)i),
	              STORE_TEXT(":color", color),
	              STORE_TEXT(":def", c->definition), STORE_TEXT(":now", now)))
		return ANKER_DB;
	x->ids[i] = store_last_rowid(x->st);
	if (add_list_items(x, x->ids[i], c, NULL) < 0)
		return ANKER_DB;
	/* Logged by merge_all with the other new codes. */
	x->rep->added++;
	return ANKER_OK;
}

static int update_code(struct import_ctx *x, size_t i, int j, int64_t parent_id)
{
	const struct codebook_code *c = &x->cb->codes[i];
	const struct codebook_code *old = &x->cur.codes[j];
	int64_t old_parent = old->parent >= 0 ? x->cur.codes[old->parent].id : 0;
	bool fields = strcmp(old->name, c->name) != 0 || old_parent != parent_id ||
	              strcmp(old->definition, c->definition) != 0;
	struct strbuf before = {0}, after = {0};
	char now[32];
	int rc;

	x->ids[i] = old->id;
	/* Captured before anything changes: what undo puts back. */
	if ((rc = store_row_json(x->st, "code", old->guid, &before, x->err)))
		goto out;
	if (fields) {
		store_now(now);
		if (store_run(x->st, x->err, "UPDATE code SET name = :name, parent_id = :parent, "
		                             "definition = :def, modified = :now WHERE id = :id",
		              STORE_TEXT(":name", c->name),
		              parent_id ? STORE_INT(":parent", parent_id) : STORE_NULL(":parent"),
		              STORE_TEXT(":def", c->definition), STORE_TEXT(":now", now),
		              STORE_INT(":id", old->id))) {
			rc = ANKER_DB;
			goto out;
		}
	}
	int added = add_list_items(x, old->id, c, old);
	if (added < 0) {
		rc = ANKER_DB;
	} else if (!fields && added == 0) {
		x->rep->unchanged++;
	} else {
		rc = store_row_json(x->st, "code", old->guid, &after, x->err);
		if (!rc)
			rc = store_log(x->st, "codebook import", "code", old->guid, before.buf, after.buf,
			               x->err);
		x->rep->updated++;
	}
out:
	sb_free(&before);
	sb_free(&after);
	return rc;
}

/* The meta key of the language the imported codebook's labels are in. */
#define LANG_KEY "codebook_lang"
#define PREAMBLE_KEY "codebook_preamble"

/* The export's labels follow the codebook imported last, when its labels
 * tell a language (a codebook with only "Definition:" keeps the one
 * recorded before). */
static int lang_record(struct import_ctx *x)
{
	enum codebook_lang lang = x->cb->labels_lang;
	if (lang == CODEBOOK_LANG_DEFAULT)
		return ANKER_OK;
	return store_meta_set(x->st, LANG_KEY, lang == CODEBOOK_LANG_DE ? "de" : "en", x->err);
}

int codebook_lang_of_project(struct store *st, enum codebook_lang *out, struct anker_err *err)
{
	char *v = NULL;
	if (store_meta_get(st, LANG_KEY, &v, err))
		return err->status;
	*out = !v ? CODEBOOK_LANG_DEFAULT
	     : strcmp(v, "de") == 0 ? CODEBOOK_LANG_DE
	     : strcmp(v, "en") == 0 ? CODEBOOK_LANG_EN : CODEBOOK_LANG_DEFAULT;
	free(v);
	return ANKER_OK;
}

int codebook_preamble_of_project(struct store *st, char **out, struct anker_err *err)
{
	*out = NULL;
	return store_meta_get(st, PREAMBLE_KEY, out, err) ? (int)err->status : ANKER_OK;
}

/* New codes first, logged together (one statement for all), then the
 * codes the project has, each logged.  Undo walks the step backwards: the
 * updates go back first, then the new codes are deleted, children before
 * their parents; redo the other way round. */
static int merge_all(struct import_ctx *x)
{
	int64_t last_id = 0;
	int rc = store_get_int(x->st, &last_id, x->err, "SELECT COALESCE(MAX(id), 0) FROM code");
	int *match = xcalloc(x->cb->ncodes ? x->cb->ncodes : 1, sizeof *match);
	for (size_t i = 0; i < x->cb->ncodes; i++)
		if ((match[i] = find_existing(x, i)) >= 0)
			x->ids[i] = x->cur.codes[match[i]].id;
	/* Parents come before their children in the file's sorted list. */
	for (size_t i = 0; i < x->cb->ncodes && !rc; i++)
		if (match[i] < 0)
			rc = insert_code(x, i, parent_of(x, i));
	if (!rc && x->rep->added)
		rc = store_log_inserted(x->st, "codebook import", "code", last_id, x->err);
	for (size_t i = 0; i < x->cb->ncodes && !rc; i++)
		if (match[i] >= 0)
			rc = update_code(x, i, match[i], parent_of(x, i));
	free(match);
	if (!rc)
		rc = lang_record(x);
	if (rc || !x->cb->preamble || !*x->cb->preamble)
		return rc;
	char *old = NULL;
	if (store_meta_get(x->st, PREAMBLE_KEY, &old, x->err))
		return ANKER_DB;
	if (!old || strcmp(old, x->cb->preamble) != 0)
		rc = store_meta_set(x->st, PREAMBLE_KEY, x->cb->preamble, x->err);
	free(old);
	return rc;
}

int codebook_import_text(struct store *st, const char *text, size_t len, const char *filename,
                         struct codebook *cb, struct codebook_import_report *rep,
                         struct anker_err *err)
{
	struct import_ctx x = { .st = st, .cb = cb, .rep = rep, .err = err };
	int rc;
	memset(rep, 0, sizeof *rep);
	/* The same normalisation as documents: BOM, CRLF, NFC; so names
	 * typed on the command line match what the file holds. */
	struct corpus_norm norm;
	if ((rc = corpus_normalize(text, len, false, &norm, err))) {
		anker_err_prefix(err, "%s", filename);
		return rc;
	}
	rc = codebook_parse_maxqda(norm.text ? norm.text : "", norm.len, filename, cb, err);
	free(norm.text);
	if (rc)
		return rc;
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = codebook_load(st, 0, &x.cur, err))) {
		store_rollback(st);
		return rc;
	}
	x.ids = xcalloc(cb->ncodes ? cb->ncodes : 1, sizeof *x.ids);
	index_codes(&x);
	rc = merge_all(&x);
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st, err);
	index_free(&x);
	free(x.ids);
	codebook_free(&x.cur);
	return rc;
}

int codebook_import_txt(struct store *st, const char *path, struct codebook *cb,
                        struct codebook_import_report *rep, struct anker_err *err)
{
	char *raw;
	size_t len;
	int rc = anker_read_file(path, &raw, &len, err);
	if (rc)
		return rc;
	rc = codebook_import_text(st, raw, len, path, cb, rep, err);
	free(raw);
	return rc;
}
