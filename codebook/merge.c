/* codebook/merge.c — deleting and merging codes, with the segments, memos,
 * anchors and notes that hang on them; each logged row by row so that undo
 * (which walks a step backwards) restores the code before its segments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_int.h"

/* ---------------------------------------------------------------------- */
/* Delete */

/* Delete every segment and memo of code i, logged. */
static int delete_hangers(struct edit *e, int i, size_t *segments)
{
	char **guids;
	size_t n;
	int rc = edit_collect(e, "SELECT guid FROM segment WHERE code_id = :id ORDER BY id",
	                 e->cb.codes[i].id, &guids, &n);
	for (size_t k = 0; k < n && !rc; k++)
		rc = edit_delete_row(e, "segment", SQL_SEGMENT_DELETE, guids[k]);
	*segments += rc ? 0 : n;
	store_texts_free(guids, n);
	if (rc || (rc = edit_collect(e, "SELECT guid FROM memo WHERE code_id = :id ORDER BY id",
	                        e->cb.codes[i].id, &guids, &n)))
		return rc;
	for (size_t k = 0; k < n && !rc; k++)
		rc = edit_delete_row(e, "memo", SQL_MEMO_DELETE, guids[k]);
	store_texts_free(guids, n);
	return rc;
}

int codebook_code_delete(struct store *st, const char *key, bool force,
                         struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	int rc = edit_begin(&e, st, "codes delete", out, err);
	if (rc)
		return rc;
	int i = edit_find(&e, key, true);
	if (i < 0)
		return edit_end(&e, e.err->status);
	size_t end = (size_t)i + 1, subcodes;
	int64_t segs = e.cb.codes[i].segments;
	for (; end < e.cb.ncodes && edit_in_subtree(&e.cb, (int)end, i); end++)
		segs += e.cb.codes[end].segments;
	subcodes = end - (size_t)i - 1;
	if (!force && segs > 0)
		return edit_end(&e, anker_err_set(e.err, ANKER_INPUT, "%s has %lld coded segment%s%s; "
		                                  "--force deletes them with it", edit_label_of(&e.cb, i),
		                                  (long long)segs, segs == 1 ? "" : "s",
		                                  subcodes ? " (with its subcodes)" : ""));
	if (!force && subcodes > 0)
		return edit_end(&e, anker_err_set(e.err, ANKER_INPUT, "%s has %zu subcode%s; --force "
		                                  "deletes them with it", edit_label_of(&e.cb, i),
		                                  subcodes, subcodes == 1 ? "" : "s"));
	/* What hangs on the codes first, then the codes from the last in
	 * tree order back: children before their parents.  Undo walks the
	 * log backwards, so it brings parents back before their children and
	 * codes before their segments. */
	for (size_t k = (size_t)i; k < end && !rc; k++)
		rc = delete_hangers(&e, (int)k, &e.rep->segments);
	for (size_t k = end; k-- > (size_t)i && !rc;) {
		rc = edit_delete_row(&e, "code", "DELETE FROM code WHERE guid = :v",
		                e.cb.codes[k].guid);
		e.rep->codes++;
	}
	return edit_end(&e, rc);
}

/* ---------------------------------------------------------------------- */
/* Merge */

static int edit_reload(struct edit *e)
{
	codebook_free(&e->cb);
	return codebook_load(e->st, CODEBOOK_COUNTS, &e->cb, e->err);
}

/* Move src's segments to dst; drop those the same coder has with dst. */
static int merge_segments(struct edit *e, int src, int dst)
{
	struct strbuf before = {0};
	char **guids;
	size_t n;
	int rc = edit_collect(e, "SELECT guid FROM segment WHERE code_id = :id ORDER BY id",
	                 e->cb.codes[src].id, &guids, &n);
	for (size_t k = 0; k < n && !rc; k++) {
		int64_t dups = 0;
		if (store_get_int(e->st, &dups, e->err, "SELECT COUNT(*) FROM segment s JOIN segment t "
		                                        "ON t.doc_id = s.doc_id AND t.coder_id = "
		                                        "s.coder_id AND t.start = s.start AND "
		                                        "t.\"end\" = s.\"end\" WHERE s.guid = :v "
		                                        "AND t.code_id = :id",
		                  STORE_TEXT(":v", guids[k]), STORE_INT(":id", e->cb.codes[dst].id))) {
			rc = ANKER_DB;
			break;
		}
		if (dups > 0) {
			rc = edit_delete_row(e, "segment", SQL_SEGMENT_DELETE, guids[k]);
			e->rep->duplicates++;
			continue;
		}
		if (!(rc = edit_capture(e, "segment", guids[k], &before)) &&
		    !(rc = edit_run_id(e, "UPDATE segment SET code_id = :id, modified = "
		                     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE guid = :v",
		                  e->cb.codes[dst].id, guids[k])))
			rc = edit_log_row(e, "segment", guids[k], sb_str(&before), false);
		e->rep->segments++;
	}
	sb_free(&before);
	store_texts_free(guids, n);
	return rc;
}

/* Run sql with :src and :dst bound; *changes gets the rows it changed. */
static int run_pair(struct edit *e, const char *sql, int src, int dst, size_t *changes)
{
	if (store_run(e->st, e->err, sql, STORE_INT(":src", e->cb.codes[src].id),
	              STORE_INT(":dst", e->cb.codes[dst].id)))
		return ANKER_DB;
	*changes += (size_t)store_changes(e->st);
	return ANKER_OK;
}

/* Append src's anchors and notes (those dst lacks) and its definition
 * (as a note) to dst: one logged update of dst. */
static int merge_lists(struct edit *e, int src, int dst)
{
	const struct codebook_code *sc = &e->cb.codes[src];
	struct strbuf before = {0}, def = {0};
	int rc = edit_capture(e, "code", e->cb.codes[dst].guid, &before);
	size_t had = e->rep->notes;
	if (!rc)
		rc = run_pair(e, "INSERT INTO anchor(code_id, position, text, citation, segment_guid) "
		                 "SELECT :dst, (SELECT COALESCE(MAX(position), 0) FROM anchor WHERE "
		                 "code_id = :dst) + ROW_NUMBER() OVER (ORDER BY position, id), text, "
		                 "citation, segment_guid FROM anchor a WHERE code_id = :src AND NOT "
		                 "EXISTS (SELECT 1 FROM anchor b WHERE b.code_id = :dst AND "
		                 "b.text = a.text)", src, dst, &e->rep->anchors);
	if (!rc)
		rc = run_pair(e, "INSERT INTO code_note(code_id, position, label, text) "
		                 "SELECT :dst, (SELECT COALESCE(MAX(position), 0) FROM code_note WHERE "
		                 "code_id = :dst) + ROW_NUMBER() OVER (ORDER BY position, id), label, "
		                 "text FROM code_note a WHERE code_id = :src AND NOT EXISTS (SELECT 1 "
		                 "FROM code_note b WHERE b.code_id = :dst AND b.label = a.label AND "
		                 "b.text = a.text)", src, dst, &e->rep->notes);
	if (!rc && sc->definition[strspn(sc->definition, " \t\n")] &&
	    strcmp(sc->definition, e->cb.codes[dst].definition) != 0) {
		/* The text starts with "(" so the MAXQDA writer can never read
		 * its first line as a label. */
		sb_addf(&def, "(%s) %s", edit_label_of(&e->cb, src), sc->definition);
		if (store_run(e->st, e->err, "INSERT INTO code_note(code_id, position, label, text) "
		                             "VALUES (:id, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
		                             "code_note WHERE code_id = :id), 'Merged definition', :v)",
		              STORE_INT(":id", e->cb.codes[dst].id), STORE_TEXT(":v", sb_str(&def))))
			rc = ANKER_DB;
		e->rep->notes++;
	}
	if (!rc && (e->rep->anchors || e->rep->notes > had))
		rc = edit_log_row(e, "code", e->cb.codes[dst].guid, sb_str(&before), false);
	sb_free(&before);
	sb_free(&def);
	return rc;
}

/* Memos on src go to dst, each logged. */
static int merge_memos(struct edit *e, int src, int dst)
{
	struct strbuf before = {0};
	char **guids;
	size_t n;
	int rc = edit_collect(e, "SELECT guid FROM memo WHERE code_id = :id ORDER BY id",
	                 e->cb.codes[src].id, &guids, &n);
	for (size_t k = 0; k < n && !rc; k++) {
		if (!(rc = edit_capture(e, "memo", guids[k], &before)) &&
		    !(rc = edit_run_id(e, "UPDATE memo SET code_id = :id WHERE guid = :v",
		                  e->cb.codes[dst].id, guids[k])))
			rc = edit_log_row(e, "memo", guids[k], sb_str(&before), false);
		e->rep->memos++;
	}
	sb_free(&before);
	store_texts_free(guids, n);
	return rc;
}

/* src's subcodes under dst, one at a time (each move renumbers, so the
 * tree is reloaded between them). */
static int merge_children(struct edit *e, const char *src_guid, const char *dst_guid)
{
	char **kids = NULL;
	size_t n = 0;
	int src = edit_index_of_guid(&e->cb, src_guid), rc = ANKER_OK;
	for (size_t j = 0; j < e->cb.ncodes; j++)
		if (e->cb.codes[j].parent == src) {
			kids = xreallocarray(kids, n + 1, sizeof *kids);
			kids[n++] = xstrdup(e->cb.codes[j].guid);
		}
	size_t moved = e->rep->codes;
	for (size_t k = 0; k < n && !rc; k++) {
		int kid = edit_index_of_guid(&e->cb, kids[k]);
		rc = edit_move_code(e, kid, edit_index_of_guid(&e->cb, dst_guid), NULL, NULL);
		if (!rc)
			rc = edit_reload(e);
	}
	e->rep->codes = moved + n;
	store_texts_free(kids, n);
	return rc;
}

/* Refuse when a subcode of src has the name of one of dst's. */
static int merge_check(struct edit *e, int src, int dst)
{
	if (src == dst)
		return anker_err_set(e->err, ANKER_INPUT, "cannot merge %s into itself",
		                     edit_label_of(&e->cb, src));
	if (edit_in_subtree(&e->cb, dst, src))
		return anker_err_set(e->err, ANKER_INPUT, "cannot merge %s into its own subcode %s",
		                     edit_label_of(&e->cb, src), edit_label_of(&e->cb, dst));
	for (size_t j = 0; j < e->cb.ncodes; j++)
		for (size_t k = 0; k < e->cb.ncodes; k++)
			if (e->cb.codes[j].parent == src && e->cb.codes[k].parent == dst &&
			    strcmp(e->cb.codes[j].name, e->cb.codes[k].name) == 0)
				return anker_err_set(e->err, ANKER_EXISTS, "both have a subcode named '%s' "
				                     "(%s and %s): rename or merge those first",
				                     e->cb.codes[j].name, edit_label_of(&e->cb, (int)j),
				                     edit_label_of(&e->cb, (int)k));
	return ANKER_OK;
}

int codebook_code_merge(struct store *st, const char *source, const char *target,
                        struct codebook_edit *out, struct anker_err *err)
{
	struct edit e;
	char sg[37], dg[37];
	int rc = edit_begin(&e, st, "codes merge", out, err);
	if (rc)
		return rc;
	int src = edit_find(&e, source, true), dst = src >= 0 ? codebook_find(&e.cb, target, e.err)
	                                                      : -1;
	if (src < 0 || dst < 0)
		return edit_end(&e, e.err->status);
	if ((rc = merge_check(&e, src, dst)))
		return edit_end(&e, rc);
	/* The report names the target; old_* keep the source. */
	memcpy(e.rep->guid, e.cb.codes[dst].guid, sizeof e.rep->guid);
	edit_set_str(&e.rep->number, e.cb.codes[dst].number);
	edit_set_str(&e.rep->name, e.cb.codes[dst].name);
	memcpy(sg, e.cb.codes[src].guid, sizeof sg);
	memcpy(dg, e.cb.codes[dst].guid, sizeof dg);
	/* Log order matters for undo, which walks backwards: the source's
	 * deletion comes last, so undo brings the code back before its
	 * subcodes, memos and segments return to it. */
	if (!(rc = merge_segments(&e, src, dst)) && !(rc = merge_children(&e, sg, dg))) {
		src = edit_index_of_guid(&e.cb, sg);
		dst = edit_index_of_guid(&e.cb, dg);
		if (!(rc = merge_lists(&e, src, dst)) && !(rc = merge_memos(&e, src, dst)))
			rc = edit_delete_row(&e, "code", "DELETE FROM code WHERE guid = :v", sg);
	}
	return edit_end(&e, rc);
}
