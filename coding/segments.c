/* coding/segments.c — code a range, remove a coding, change one.
 *
 * Every function here that changes the project is one transaction and one
 * logged step: the log keeps the whole row (store_row_json) before and
 * after, which is what undo puts back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "coding.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

void coding_segment_free(struct coding_segment *s)
{
	if (!s)
		return;
	free(s->doc);
	free(s->code);
	free(s->path);
	free(s->coder);
	free(s->memo);
	free(s->text);
	free(s->created);
	free(s->modified);
	memset(s, 0, sizeof *s);
}

void coding_segments_free(struct coding_segment *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		coding_segment_free(&v[i]);
	free(v);
}

static bool is_space(utf8proc_int32_t c)
{
	if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x85)
		return true;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

bool coding_text_blank(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0 || !is_space(c))
			return false;
		i += (size_t)n;
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* Checks */

struct doc_ref {
	int64_t id;
	char *name;
	size_t chars;
};

/* Empty, reversed, out of range or only white space: refused. */
static int check_range(struct store *st, const struct doc_ref *d, size_t start, size_t end,
                       struct anker_err *err)
{
	if (start == end)
		return anker_err_set(err, ANKER_INPUT, "empty range: start and end are both %zu", start);
	if (start > end)
		return anker_err_set(err, ANKER_INPUT, "reversed range: start %zu is after end %zu",
		                     start, end);
	if (end > d->chars)
		return anker_err_set(err, ANKER_INPUT, "range %zu-%zu is outside %s (%zu characters)",
		                     start, end, d->name, d->chars);
	struct corpus_span sp = { .start = start, .end = end };
	if (corpus_doc_spans(st, d->id, &sp, 1, true, err))
		return err->status;
	bool blank = coding_text_blank(sp.text, strlen(sp.text));
	free(sp.text);
	if (blank)
		return anker_err_set(err, ANKER_INPUT, "range %zu-%zu of %s is only white space",
		                     start, end, d->name);
	return ANKER_OK;
}

/* Paragraphs first..last (1-based) as a code point range, LF excluded. */
static int lines_range(struct store *st, const struct doc_ref *d, size_t first, size_t last,
                       size_t *start, size_t *end, struct anker_err *err)
{
	char *text;
	size_t len, s, e;
	struct corpus_text idx;
	if (first == 0 || last < first)
		return anker_err_set(err, ANKER_INPUT, "bad paragraph range %zu-%zu", first, last);
	if (corpus_doc_text(st, d->id, &text, &len, err))
		return err->status;
	corpus_text_index(&idx, text, len);
	int rc = ANKER_OK;
	if (last > idx.nlines) {
		rc = anker_err_set(err, ANKER_INPUT, "%s has %zu paragraph%s, not %zu-%zu",
		                   d->name, idx.nlines, idx.nlines == 1 ? "" : "s", first, last);
	} else {
		corpus_text_para_range(&idx, first, start, &e);
		corpus_text_para_range(&idx, last, &s, end);
	}
	corpus_text_free(&idx);
	free(text);
	return rc;
}


static int doc_ref(struct store *st, const char *key, struct doc_ref *out, struct anker_err *err)
{
	struct corpus_doc d;
	if (corpus_doc_find(st, key, &d, err))
		return err->status;
	out->id = d.id;
	out->chars = d.chars;
	out->name = d.name;
	d.name = NULL;
	corpus_doc_free(&d);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Insert */

/* The GUID of the coder's identical coding (same document, code, range),
 * if there is one other than segment `self`. */
static int find_identical(struct store *st, const struct coding_new_segment *ns, int64_t self,
                          char guid[37], struct anker_err *err)
{
	struct strbuf other = {0};
	int rc = store_get_text(st, &other, err, "SELECT guid FROM segment WHERE doc_id = :doc AND "
	                                         "code_id = :code AND coder_id = :coder AND start = "
	                                         ":start AND \"end\" = :end AND id <> :self",
	                        STORE_INT(":doc", ns->doc_id), STORE_INT(":code", ns->code_id),
	                        STORE_INT(":coder", ns->coder_id),
	                        STORE_INT(":start", (int64_t)ns->start),
	                        STORE_INT(":end", (int64_t)ns->end), STORE_INT(":self", self));
	if (rc == ANKER_OK)
		snprintf(guid, 37, "%s", other.buf);
	sb_free(&other);
	return rc == ANKER_OK ? 1 : rc == ANKER_NOTFOUND ? 0 : -1;
}

static int identical_error(struct anker_err *err, const char *guid)
{
	return anker_err_set(err, ANKER_EXISTS, "the coder has this coding already: segment %.8s "
	                     "(same document, range and code)", guid);
}

int coding_segment_insert(struct store *st, const char *action, const struct coding_new_segment *ns,
                          char guid[37], struct anker_err *err)
{
	char other[37], now[32];
	if (corpus_utf8_check("memo", ns->memo, err))
		return err->status;
	int rc = find_identical(st, ns, 0, other, err);
	if (rc < 0)
		return ANKER_DB;
	if (rc == 1) {
		memcpy(guid, other, 37);
		return identical_error(err, other);
	}
	store_guid(guid);
	store_now(now);
	if (store_run(st, err, "INSERT INTO segment(guid, doc_id, code_id, coder_id, start, \"end\", "
	                       "weight, memo, created, modified) VALUES (:guid, :doc, :code, :coder, "
	                       ":start, :end, :weight, :memo, :now, :now)",
	              STORE_TEXT(":guid", guid), STORE_INT(":doc", ns->doc_id),
	              STORE_INT(":code", ns->code_id), STORE_INT(":coder", ns->coder_id),
	              STORE_INT(":start", (int64_t)ns->start), STORE_INT(":end", (int64_t)ns->end),
	              STORE_INT(":weight", ns->weight), STORE_TEXT(":memo", ns->memo ? ns->memo : ""),
	              STORE_TEXT(":now", now)))
		return err->status;
	struct strbuf after = {0};
	rc = store_row_json(st, "segment", guid, &after, err);
	if (!rc)
		rc = store_log(st, action, "segment", guid, NULL, sb_str(&after), err);
	sb_free(&after);
	return rc;
}

static int mark_in_tx(struct store *st, const struct coding_mark *m, char guid[37],
                      struct anker_err *err)
{
	struct doc_ref d = {0};
	struct coding_new_segment ns = { .weight = m->weight, .memo = m->memo,
	                                 .start = m->start, .end = m->end };
	int rc;
	if ((rc = doc_ref(st, m->doc, &d, err)))
		return rc;
	if ((rc = codebook_resolve(st, m->code, &ns.code_id, err)))
		goto out;
	if (m->lines && (rc = lines_range(st, &d, m->first, m->last, &ns.start, &ns.end, err)))
		goto out;
	if ((rc = check_range(st, &d, ns.start, ns.end, err)))
		goto out;
	if ((rc = store_coder_id(st, m->coder, &ns.coder_id, err)))
		goto out;
	ns.doc_id = d.id;
	rc = coding_segment_insert(st, "mark", &ns, guid, err);
out:
	free(d.name);
	return rc;
}

int coding_mark(struct store *st, const struct coding_mark *m, char guid[37],
                struct anker_err *err)
{
	if (m->weight < 0 || m->weight > 100)
		return anker_err_set(err, ANKER_INPUT, "weight %d: must be 0 to 100", m->weight);
	int rc = store_begin(st, err);
	if (rc)
		return rc;
	if ((rc = mark_in_tx(st, m, guid, err))) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* ---------------------------------------------------------------------- */
/* Find */

#define SEG_COLS "s.id, s.guid, s.doc_id, d.name, s.code_id, c.number, k.name, s.start, " \
	"s.\"end\", s.weight, s.memo, s.created, s.modified, d.chars, s.coder_id"
#define SEG_FROM " FROM segment s JOIN document d ON d.id = s.doc_id " \
	"JOIN code c ON c.id = s.code_id JOIN coder k ON k.id = s.coder_id"

struct seg_row {
	struct coding_segment seg;
	size_t doc_chars;
	int64_t coder_id;
};

static void seg_from_row(struct store_stmt *s, struct seg_row *r)
{
	struct coding_segment *g = &r->seg;
	memset(r, 0, sizeof *r);
	g->id = store_col_int(s, 0);
	snprintf(g->guid, sizeof g->guid, "%s", store_col_text(s, 1));
	g->doc_id = store_col_int(s, 2);
	g->doc = xstrdup(store_col_text(s, 3));
	g->code_id = store_col_int(s, 4);
	g->code = xstrdup(store_col_text(s, 5));
	g->coder = xstrdup(store_col_text(s, 6));
	g->start = (size_t)store_col_int(s, 7);
	g->end = (size_t)store_col_int(s, 8);
	g->weight = (int)store_col_int(s, 9);
	g->memo = xstrdup(store_col_text(s, 10));
	g->created = xstrdup(store_col_text(s, 11));
	g->modified = xstrdup(store_col_text(s, 12));
	r->doc_chars = (size_t)store_col_int(s, 13);
	r->coder_id = store_col_int(s, 14);
}

/* A segment by GUID or unique prefix (at least 4 characters).  GUIDs are
 * lowercase hex, so a prefix is a range of the guid index:
 * [prefix, prefix + "~"). */
static int seg_lookup(struct store *st, const char *key, struct seg_row *out,
                      struct anker_err *err)
{
	size_t n = strlen(key);
	char lo[40], hi[40];
	if (n < 4)
		return anker_err_set(err, ANKER_INPUT,
		                     "segment '%s': give at least 4 characters of its GUID", key);
	if (n > 36 || strspn(key, "0123456789abcdefABCDEF-") != n)
		return anker_err_set(err, ANKER_NOTFOUND, "no segment '%s' (see 'anker segments')", key);
	for (size_t i = 0; i <= n; i++)
		lo[i] = (char)(key[i] >= 'A' && key[i] <= 'F' ? key[i] - 'A' + 'a' : key[i]);
	memcpy(hi, lo, n);
	hi[n] = '~';
	hi[n + 1] = '\0';
	struct store_stmt *s;
	if (store_prepare(st, "SELECT " SEG_COLS SEG_FROM " WHERE s.guid >= :lo AND s.guid < :hi "
	                      "ORDER BY s.guid LIMIT 6", &s, err) ||
	    store_bind_text(s, ":lo", lo, err) || store_bind_text(s, ":hi", hi, err))
		return ANKER_DB;
	struct strbuf cands = {0};
	int rc, found = 0;
	while ((rc = store_step(s, err)) == 1) {
		if (++found == 1)
			seg_from_row(s, out);
		sb_addf(&cands, "%s%s", found > 1 ? ", " : "", found > 5 ? "…" : "");
		if (found <= 5)
			sb_addf(&cands, "%s (%s, %s)", store_col_text(s, 1), store_col_text(s, 3),
			        store_col_text(s, 5));
	}
	store_done(s);
	if (rc < 0 || found != 1) {
		if (found)
			coding_segment_free(&out->seg);
		if (rc < 0)
			rc = ANKER_DB;
		else if (found == 0)
			rc = anker_err_set(err, ANKER_NOTFOUND, "no segment '%s' (see 'anker segments')", key);
		else
			rc = anker_err_set(err, ANKER_INPUT, "segment '%s' is ambiguous: %s "
			                   "(give more of its GUID)", key, sb_str(&cands));
	}
	sb_free(&cands);
	return rc;
}

/* "A >> B >> C": the code's ancestors' names and its own. */
static int code_path(struct store *st, int64_t id, char **out, struct anker_err *err)
{
	struct store_stmt *s;
	char **names = NULL;
	size_t n = 0;
	int rc = 1;
	/* A damaged tree with a cycle must not loop for ever. */
	while (id && rc == 1 && n < 1000) {
		if (store_prepare(st, "SELECT name, parent_id FROM code WHERE id = :id", &s, err) ||
		    store_bind_int(s, ":id", id, err)) {
			rc = -1;
			break;
		}
		if ((rc = store_step(s, err)) == 1) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(store_col_text(s, 0));
			id = store_col_null(s, 1) ? 0 : store_col_int(s, 1);
		}
		store_done(s);
	}
	struct strbuf sb = {0};
	for (size_t i = n; i-- > 0;) {
		sb_adds(&sb, i + 1 < n ? " >> " : "");
		sb_adds(&sb, names[i]);
		free(names[i]);
	}
	free(names);
	*out = sb_steal(&sb);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}

/* Pos. and the coded text from the document. */
static int seg_text(struct store *st, struct coding_segment *g, struct anker_err *err)
{
	struct corpus_span sp = { .start = g->start, .end = g->end };
	if (corpus_doc_spans(st, g->doc_id, &sp, 1, true, err))
		return err->status;
	g->para_first = sp.para_first;
	g->para_last = sp.para_last;
	g->text = sp.text;
	return ANKER_OK;
}

int coding_segment_find(struct store *st, const char *key, struct coding_segment *out,
                        struct anker_err *err)
{
	struct seg_row r;
	int rc;
	memset(out, 0, sizeof *out);
	if ((rc = store_read_begin(st, err)))
		return rc;
	if ((rc = seg_lookup(st, key, &r, err)))
		goto out;
	if ((rc = code_path(st, r.seg.code_id, &r.seg.path, err)) ||
	    (rc = seg_text(st, &r.seg, err))) {
		coding_segment_free(&r.seg);
		goto out;
	}
	*out = r.seg;
out:
	store_read_end(st);
	return rc;
}

int coding_segment_id(struct store *st, const char *key, int64_t *id, char guid[37],
                      struct anker_err *err)
{
	struct seg_row r;
	int rc = seg_lookup(st, key, &r, err);
	if (rc)
		return rc;
	*id = r.seg.id;
	memcpy(guid, r.seg.guid, 37);
	coding_segment_free(&r.seg);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */
/* Unmark, change */

int coding_unmark(struct store *st, const char *key, struct anker_err *err)
{
	struct seg_row r;
	struct strbuf before = {0};
	int rc;
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = seg_lookup(st, key, &r, err))) {
		store_rollback(st);
		return rc;
	}
	/* The row is captured first: the delete takes its reviews and memos
	 * with it (ON DELETE CASCADE), and undo must bring them back. */
	if ((rc = store_row_json(st, "segment", r.seg.guid, &before, err)))
		goto fail;
	if (store_run(st, err, "DELETE FROM segment WHERE id = :id", STORE_INT(":id", r.seg.id))) {
		rc = ANKER_DB;
		goto fail;
	}
	if ((rc = store_log(st, "unmark", "segment", r.seg.guid, sb_str(&before), NULL, err)))
		goto fail;
	rc = store_commit(st, err);
	sb_free(&before);
	coding_segment_free(&r.seg);
	return rc;
fail:
	store_rollback(st);
	sb_free(&before);
	coding_segment_free(&r.seg);
	return rc ? rc : ANKER_DB;
}

/* Checks of a change against the row r: the new range as for mark, and no
 * identical coding of the same coder and code. */
static int check_change(struct store *st, const struct seg_row *r,
                        const struct coding_segment_change *c, struct anker_err *err)
{
	const struct coding_segment *g = &r->seg;
	if (c->set_weight && (c->weight < 0 || c->weight > 100))
		return anker_err_set(err, ANKER_INPUT, "weight %d: must be 0 to 100", c->weight);
	size_t start = c->set_start ? c->start : g->start, end = c->set_end ? c->end : g->end;
	if (start == g->start && end == g->end)
		return ANKER_OK;
	struct doc_ref d = { .id = g->doc_id, .name = g->doc, .chars = r->doc_chars };
	int rc = check_range(st, &d, start, end, err);
	if (rc)
		return rc;
	struct coding_new_segment ns = { .doc_id = g->doc_id, .code_id = g->code_id,
	                                 .coder_id = r->coder_id, .start = start, .end = end };
	char other[37];
	rc = find_identical(st, &ns, g->id, other, err);
	if (rc < 0)
		return ANKER_DB;
	return rc == 1 ? identical_error(err, other) : ANKER_OK;
}

static bool change_is_noop(const struct coding_segment *g, const struct coding_segment_change *c)
{
	return (!c->set_start || c->start == g->start) && (!c->set_end || c->end == g->end) &&
	       (!c->set_weight || c->weight == g->weight) &&
	       (!c->set_memo || strcmp(c->memo ? c->memo : "", g->memo) == 0);
}

static int update_row(struct store *st, const struct seg_row *r,
                      const struct coding_segment_change *c, struct anker_err *err)
{
	const struct coding_segment *g = &r->seg;
	char now[32];
	store_now(now);
	return store_run(st, err, "UPDATE segment SET start = :start, \"end\" = :end, "
	                          "weight = :weight, memo = :memo, modified = :now WHERE id = :id",
	                 STORE_INT(":start", (int64_t)(c->set_start ? c->start : g->start)),
	                 STORE_INT(":end", (int64_t)(c->set_end ? c->end : g->end)),
	                 STORE_INT(":weight", c->set_weight ? c->weight : g->weight),
	                 STORE_TEXT(":memo", c->set_memo ? (c->memo ? c->memo : "") : g->memo),
	                 STORE_TEXT(":now", now), STORE_INT(":id", g->id));
}

int coding_segment_set(struct store *st, const char *key, const struct coding_segment_change *c,
                       struct anker_err *err)
{
	struct seg_row r;
	struct strbuf before = {0}, after = {0};
	int rc;
	if (c->set_memo && corpus_utf8_check("memo", c->memo, err))
		return err->status;
	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = seg_lookup(st, key, &r, err))) {
		store_rollback(st);
		return rc;
	}
	if ((rc = check_change(st, &r, c, err)))
		goto fail;
	if (change_is_noop(&r.seg, c)) {
		/* Nothing to change: no step in the log, nothing to undo. */
		store_rollback(st);
		coding_segment_free(&r.seg);
		return ANKER_OK;
	}
	if ((rc = store_row_json(st, "segment", r.seg.guid, &before, err)) ||
	    (rc = update_row(st, &r, c, err)) ||
	    (rc = store_row_json(st, "segment", r.seg.guid, &after, err)) ||
	    (rc = store_log(st, "segment set", "segment", r.seg.guid, sb_str(&before),
	                    sb_str(&after), err)))
		goto fail;
	rc = store_commit(st, err);
	sb_free(&before);
	sb_free(&after);
	coding_segment_free(&r.seg);
	return rc;
fail:
	store_rollback(st);
	sb_free(&before);
	sb_free(&after);
	coding_segment_free(&r.seg);
	return rc;
}
