/* corpus/search.c — a regular expression over the documents of a project.
 *
 * Matching runs on the stored UTF-8 bytes; only documents with a hit pay
 * for a position index, which turns byte offsets into code points and
 * paragraphs. */
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

struct search_state {
	const struct corpus_search_opts *o;
	struct corpus_regex *re;
	int (*fn)(const struct corpus_hit *, void *);
	void *arg;
	struct strbuf line;
};

/* Bytes of context kept on each side of a hit whose line is longer than
 * CORPUS_HIT_LINE_MAX: copying a whole 100 MB line for each of its hits
 * would make a search quadratic, and nobody reads such a line anyway. */
#define HIT_CONTEXT_BYTES (CORPUS_HIT_LINE_MAX / 2)

/* Back (dir < 0) or forward to the start of a UTF-8 sequence. */
static size_t cp_boundary(const char *s, size_t i, size_t lo, size_t hi, int dir)
{
	while (i > lo && i < hi && ((unsigned char)s[i] & 0xC0) == 0x80)
		i = dir < 0 ? i - 1 : i + 1;
	return i;
}

/* Bytes of paragraphs [first, last] (1-based), LF between them; cut to a
 * window around the match [ms, me) with "…" where it is too long.
 * Returns where the match starts in out. */
static size_t para_text(const struct corpus_text *t, size_t first, size_t last, size_t ms,
                        size_t me, struct strbuf *out)
{
	size_t s, e, a, b;
	corpus_text_para_range(t, first, &s, &e);
	corpus_text_para_range(t, last, &a, &b);
	size_t from = corpus_text_byte(t, s), to = corpus_text_byte(t, b);
	sb_reset(out);
	if (to - from <= CORPUS_HIT_LINE_MAX) {
		sb_add(out, t->s + from, to - from);
		return ms - from;
	}
	/* A match may run on past the lines shown (a pattern that crosses a
	 * line feed): the window ends with the lines. */
	if (me > to)
		me = to;
	size_t wf = ms - from > HIT_CONTEXT_BYTES ? ms - HIT_CONTEXT_BYTES : from;
	size_t wt = to - me > HIT_CONTEXT_BYTES ? me + HIT_CONTEXT_BYTES : to;
	wf = cp_boundary(t->s, wf, from, ms, +1);
	wt = cp_boundary(t->s, wt, me, to, -1);
	if (wf > from)
		sb_adds(out, "\xE2\x80\xA6");   /* … */
	size_t at = out->len + (ms - wf);
	sb_add(out, t->s + wf, wt - wf);
	if (wt < to)
		sb_adds(out, "\xE2\x80\xA6");   /* … */
	return at;
}

static int search_doc(struct search_state *ss, int64_t id, const char *name, const char *text,
                      size_t len, struct anker_err *err)
{
	struct corpus_text idx = {0};
	bool indexed = false;
	size_t from = 0, ms, me;
	int rc, stop = 0;

	while (!stop && (rc = corpus_regex_next(ss->re, text, len, from, &ms, &me, err)) == 1) {
		if (!indexed) {
			if (corpus_text_index(&idx, text, len))
				return anker_err_set(err, ANKER_NOMEM, "out of memory");
			indexed = true;
		}
		struct corpus_hit hit = { .doc_id = id, .doc = name };
		hit.start = corpus_text_cp(&idx, ms);
		hit.end = corpus_text_cp(&idx, me);
		hit.pos = corpus_text_para(&idx, hit.start);
		size_t ctx = ss->o->context > 0 ? (size_t)ss->o->context : 0;
		size_t first = hit.pos > ctx ? hit.pos - ctx : 1;
		size_t last = hit.pos + ctx < idx.nlines ? hit.pos + ctx : idx.nlines;
		hit.line_at = para_text(&idx, first, last, ms, me, &ss->line);
		hit.line = ss->line.buf ? ss->line.buf : (char *)"";
		hit.match = xstrndup(text + ms, me - ms);
		stop = ss->fn(&hit, ss->arg);
		free(hit.match);
		from = me;   /* corpus_regex_next never reports an empty match */
	}
	if (indexed)
		corpus_text_free(&idx);
	if (rc < 0)
		anker_err_prefix(err, "%s", name);
	if (rc < 0)
		return (int)err->status;
	return stop ? -1 : 0;
}

static int cmp_by_group_name(const void *a, const void *b)
{
	const struct corpus_doc *x = a, *y = b;
	int c = anker_numcmp(x->group, y->group);
	return c ? c : anker_numcmp(x->name, y->name);
}

/* Documents in the order `docs` lists them, without their text (sorting
 * rows that carry 100 MB of text would make SQLite spill it to disk) and
 * without the speakers and variables a search does not need. */
static int search_docs(struct store *st, const char *key, struct corpus_doc **docs, size_t *n,
                       struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	*docs = NULL;
	*n = 0;
	if (key) {
		*docs = xcalloc(1, sizeof **docs);
		if ((rc = corpus_doc_find(st, key, *docs, err))) {
			free(*docs);
			*docs = NULL;
			return rc;
		}
		*n = 1;
		return ANKER_OK;
	}
	if (store_prepare(st, "SELECT id, name, grp FROM document", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1) {
		*docs = xreallocarray(*docs, *n + 1, sizeof **docs);
		struct corpus_doc *d = &(*docs)[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = store_col_int(s, 0);
		d->name = xstrdup(store_col_text(s, 1));
		d->group = xstrdup(store_col_text(s, 2));
	}
	store_done(s);
	if (rc < 0)
		return ANKER_DB;
	if (*n)
		qsort(*docs, *n, sizeof **docs, cmp_by_group_name);
	return ANKER_OK;
}

/* Counting needs no positions: no index, no copies; one call per
 * document with hits, hit.start holding the count. */
static int count_doc(struct search_state *ss, const char *name, const char *text, size_t len,
                     struct anker_err *err)
{
	size_t from = 0, ms, me, n = 0;
	int rc;
	while ((rc = corpus_regex_next(ss->re, text, len, from, &ms, &me, err)) == 1) {
		n++;
		from = me;   /* never empty: always moves on */
	}
	if (rc < 0) {
		anker_err_prefix(err, "%s", name);
		return (int)err->status;
	}
	if (n == 0)
		return 0;
	struct corpus_hit hit = { .doc = name, .start = n };
	return ss->fn(&hit, ss->arg) ? -1 : 0;
}

int corpus_search(struct store *st, const struct corpus_search_opts *o,
                  int (*fn)(const struct corpus_hit *hit, void *arg), void *arg,
                  struct anker_err *err)
{
	struct search_state ss = { .o = o, .fn = fn, .arg = arg };
	struct corpus_doc *docs = NULL;
	size_t ndocs = 0;
	struct store_stmt *s;
	int rc;

	if ((rc = corpus_regex_compile(o->pattern, o->icase, &ss.re, err)))
		return rc;
	/* Only the first 32 MiB of the file are mapped (store_map): every
	 * mapped page read counts toward the resident size, 134 MB over a
	 * 100 MB corpus mapped whole against 18 MB unmapped, and reading
	 * through SQLite's small page cache is about as fast (0.14 s against
	 * 0.12 s CPU for that search). */
	if ((rc = store_read_begin(st, err)))
		goto out;
	if ((rc = search_docs(st, o->doc, &docs, &ndocs, err)))
		goto out;
	for (size_t i = 0; i < ndocs && !rc; i++) {
		if ((rc = store_prepare(st, "SELECT text FROM document WHERE id = :id", &s, err)) ||
		    (rc = store_bind_int(s, ":id", docs[i].id, err)))
			break;
		int step = store_step(s, err);
		if (step < 0) {
			rc = ANKER_DB;
		} else if (step == 1) {
			int r = o->count_only
			        ? count_doc(&ss, docs[i].name, store_col_text(s, 0), store_col_bytes(s, 0), err)
			        : search_doc(&ss, docs[i].id, docs[i].name, store_col_text(s, 0),
			                     store_col_bytes(s, 0), err);
			if (r > 0)
				rc = r;
			else if (r < 0)
				i = ndocs;   /* the callback asked to stop */
		}
		store_done(s);
	}
out:
	store_read_end(st);
	corpus_docs_free(docs, ndocs);
	corpus_regex_free(ss.re);
	sb_free(&ss.line);
	return rc;
}
