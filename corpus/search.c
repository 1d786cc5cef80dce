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

/* Bytes of paragraphs [first, last] (1-based), LF between them. */
static void para_text(const struct corpus_text *t, size_t first, size_t last, struct strbuf *out)
{
	size_t s, e, a, b;
	corpus_text_para_range(t, first, &s, &e);
	corpus_text_para_range(t, last, &a, &b);
	size_t from = corpus_text_byte(t, s), to = corpus_text_byte(t, b);
	sb_reset(out);
	sb_add(out, t->s + from, to - from);
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
		para_text(&idx, first, last, &ss->line);
		hit.line = ss->line.buf ? ss->line.buf : (char *)"";
		hit.match = xstrndup(text + ms, me - ms);
		stop = ss->fn(&hit, ss->arg);
		free(hit.match);
		/* An empty match would be found again at the same place: step
		 * over one character. */
		from = me;
		if (me == ms) {
			if (me >= len)
				break;
			from++;
			while (from < len && ((unsigned char)text[from] & 0xC0) == 0x80)
				from++;
		}
	}
	if (indexed)
		corpus_text_free(&idx);
	if (rc < 0)
		anker_err_prefix(err, "%s", name);
	if (rc < 0)
		return (int)err->status;
	return stop ? -1 : 0;
}

int corpus_search(struct store *st, const struct corpus_search_opts *o,
                  int (*fn)(const struct corpus_hit *hit, void *arg), void *arg,
                  struct anker_err *err)
{
	struct search_state ss = { .o = o, .fn = fn, .arg = arg };
	struct corpus_doc doc = {0};
	struct store_stmt *s;
	int rc;

	if ((rc = corpus_regex_compile(o->pattern, o->icase, &ss.re, err)))
		return rc;
	if (o->doc && (rc = corpus_doc_find(st, o->doc, &doc, err)))
		goto out;
	rc = store_prepare(st, "SELECT id, name, text FROM document "
	                       "WHERE :doc IS NULL OR id = :doc ORDER BY grp, name", &s, err);
	if (!rc)
		rc = o->doc ? store_bind_int(s, ":doc", doc.id, err) : store_bind_null(s, ":doc", err);
	if (rc)
		goto out;
	int step;
	while ((step = store_step(s, err)) == 1) {
		int r = search_doc(&ss, store_col_int(s, 0), store_col_text(s, 1),
		                   store_col_text(s, 2), store_col_bytes(s, 2), err);
		if (r > 0) {
			rc = r;
			break;
		}
		if (r < 0)
			break;     /* the callback asked to stop */
	}
	if (step < 0)
		rc = ANKER_DB;
	store_done(s);
out:
	corpus_doc_free(&doc);
	corpus_regex_free(ss.re);
	sb_free(&ss.line);
	return rc;
}
