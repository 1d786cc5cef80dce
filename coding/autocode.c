/* coding/autocode.c — code every hit of a regular expression, widened to
 * the hit, its sentence, its paragraph or its speaker turn.
 *
 * All of it is one transaction, so one undo takes the whole run back.
 * Hits are found on the stored bytes (corpus_regex_next); a document with
 * hits pays for one position index, and reads its turns (as the import
 * stored them, corpus_doc_turns) only when the unit or --speaker needs
 * them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "../codebook/codebook.h"
#include "../corpus/corpus.h"

struct range {
	size_t start, end;
};

/* One document's text and what was derived from it. */
struct doc_scan {
	const struct coding_autocode *a;
	struct corpus_regex *re;
	const char *text;
	size_t len;
	struct corpus_text idx;
	bool indexed;
	struct corpus_turn *turns;
	size_t nturns;
	struct range *v;          /* widened ranges */
	size_t n, cap;
	size_t hits;
};

/* The turn containing code point cp, or NULL. */
static const struct corpus_turn *turn_at(const struct doc_scan *d, size_t cp)
{
	size_t lo = 0, hi = d->nturns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->turns[mid].end <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->nturns && d->turns[lo].start <= cp && cp < d->turns[lo].end)
		return &d->turns[lo];
	return NULL;
}

static void para_widen(const struct corpus_text *t, size_t s, size_t e, struct range *r)
{
	size_t a, b;
	corpus_text_para_range(t, corpus_text_para(t, s), &r->start, &a);
	corpus_text_para_range(t, corpus_text_para(t, e - 1), &b, &r->end);
}

/* The unit around hit [s, e): never less than the hit itself. */
static void widen(const struct doc_scan *d, size_t s, size_t e, struct range *r)
{
	size_t a, b;
	r->start = s;
	r->end = e;
	switch (d->a->unit) {
	case CODING_UNIT_HIT:
		return;
	case CODING_UNIT_SENTENCE:
		corpus_sentence_at(&d->idx, s, &r->start, &a);
		corpus_sentence_at(&d->idx, e - 1, &b, &r->end);
		break;
	case CODING_UNIT_PARAGRAPH:
		para_widen(&d->idx, s, e, r);
		break;
	case CODING_UNIT_TURN: {
		const struct corpus_turn *t1 = turn_at(d, s), *t2 = turn_at(d, e - 1);
		/* A hit outside every turn (a header line, a note between
		 * turns) is coded with its paragraph. */
		if (!t1 || !t2) {
			para_widen(&d->idx, s, e, r);
		} else {
			r->start = t1->start;
			r->end = t2->end;
		}
		break;
	}
	}
	if (r->start > s)
		r->start = s;
	if (r->end < e)
		r->end = e;
}

/* --speaker: the hit lies inside one turn of that speaker. */
static bool speaker_keeps(const struct doc_scan *d, size_t s, size_t e)
{
	if (!d->a->speaker)
		return true;
	const struct corpus_turn *t = turn_at(d, s);
	return t && e <= t->end && strcmp(t->speaker, d->a->speaker) == 0;
}

static void add_range(struct doc_scan *d, struct range r)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = r;
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Two hits in one unit are one coding: sort and drop repeats. */
static void dedupe(struct doc_scan *d)
{
	size_t k = 0;
	if (d->n < 2)
		return;
	qsort(d->v, d->n, sizeof *d->v, cmp_range);
	for (size_t i = 0; i < d->n; i++)
		if (k == 0 || d->v[i].start != d->v[k - 1].start || d->v[i].end != d->v[k - 1].end)
			d->v[k++] = d->v[i];
	d->n = k;
}

static void scan_prepare(struct doc_scan *d)
{
	corpus_text_index(&d->idx, d->text, d->len);
	d->indexed = true;
}

static void scan_free(struct doc_scan *d)
{
	if (d->indexed)
		corpus_text_free(&d->idx);
	free(d->turns);
	free(d->v);
	d->indexed = false;
	d->turns = NULL;
	d->v = NULL;
	d->n = d->cap = d->nturns = 0;
}

/* Every hit of the document, widened, white-space-only ranges dropped. */
static int scan_doc(struct doc_scan *d, struct anker_err *err)
{
	size_t from = 0, ms, me;
	int rc;
	while ((rc = corpus_regex_next(d->re, d->text, d->len, from, &ms, &me, err)) == 1) {
		from = me;   /* never an empty match: always moves on */
		if (!d->indexed)
			scan_prepare(d);
		size_t s = corpus_text_cp(&d->idx, ms), e = corpus_text_cp(&d->idx, me);
		if (!speaker_keeps(d, s, e))
			continue;
		d->hits++;
		struct range r;
		widen(d, s, e, &r);
		size_t a = corpus_text_byte(&d->idx, r.start), b = corpus_text_byte(&d->idx, r.end);
		if (!coding_text_blank(d->text + a, b - a))
			add_range(d, r);
	}
	if (rc < 0)
		return (int)err->status;
	dedupe(d);
	return ANKER_OK;
}

/* ---------------------------------------------------------------------- */

struct run {
	const struct coding_autocode *a;
	struct corpus_regex *re;
	int64_t code_id, coder_id;
	struct coding_autocode_report *rep;
};

/* Insert the document's ranges; those the coder has already are skipped. */
static int insert_ranges(struct store *st, struct run *r, int64_t doc_id,
                         const struct doc_scan *d, struct anker_err *err)
{
	for (size_t i = 0; i < d->n; i++) {
		struct coding_new_segment ns = { .doc_id = doc_id, .code_id = r->code_id,
		                                 .coder_id = r->coder_id, .start = d->v[i].start,
		                                 .end = d->v[i].end };
		char guid[37];
		int rc = coding_segment_insert(st, "autocode", &ns, guid, err);
		if (rc == ANKER_EXISTS) {
			r->rep->skipped++;
			anker_err_clear(err);
		} else if (rc) {
			return rc;
		} else {
			r->rep->added++;
		}
	}
	return ANKER_OK;
}

static int code_doc(struct store *st, struct run *r, int64_t doc_id, const char *name,
                    struct anker_err *err)
{
	struct doc_scan d = { .a = r->a, .re = r->re };
	struct store_stmt *s;
	/* The turns as the import stored them (--speakers). */
	if ((r->a->unit == CODING_UNIT_TURN || r->a->speaker) &&
	    corpus_doc_turns(st, doc_id, &d.turns, &d.nturns, err))
		return ANKER_DB;
	if (store_prepare(st, "SELECT text FROM document WHERE id = :id", &s, err) ||
	    store_bind_int(s, ":id", doc_id, err)) {
		scan_free(&d);
		return ANKER_DB;
	}
	int rc = store_step(s, err);
	if (rc == 1) {
		/* The text is read where SQLite holds it, until store_done. */
		d.text = store_col_text(s, 0);
		d.len = store_col_bytes(s, 0);
		rc = scan_doc(&d, err);
		if (rc)
			anker_err_prefix(err, "%s", name);
	} else if (rc < 0) {
		rc = ANKER_DB;
	}
	store_done(s);
	if (!rc) {
		r->rep->hits += d.hits;
		rc = insert_ranges(st, r, doc_id, &d, err);
	}
	scan_free(&d);
	return rc;
}

struct doc_list {
	int64_t *ids;
	char **names;
	size_t n;
};

static void doc_list_free(struct doc_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	free(l->ids);
	memset(l, 0, sizeof *l);
}

static void doc_list_add(struct doc_list *l, int64_t id, const char *name)
{
	l->ids = xreallocarray(l->ids, l->n + 1, sizeof *l->ids);
	l->names = xreallocarray(l->names, l->n + 1, sizeof *l->names);
	l->ids[l->n] = id;
	l->names[l->n++] = xstrdup(name);
}

static int doc_list(struct store *st, const char *key, struct doc_list *l, struct anker_err *err)
{
	struct store_stmt *s;
	int rc;
	if (key) {
		struct corpus_doc d;
		if ((rc = corpus_doc_find(st, key, &d, err)))
			return rc;
		doc_list_add(l, d.id, d.name);
		corpus_doc_free(&d);
		return ANKER_OK;
	}
	if (store_prepare(st, "SELECT id, name FROM document ORDER BY id", &s, err))
		return ANKER_DB;
	while ((rc = store_step(s, err)) == 1)
		doc_list_add(l, store_col_int(s, 0), store_col_text(s, 1));
	store_done(s);
	return rc < 0 ? ANKER_DB : ANKER_OK;
}


static int autocode_in_tx(struct store *st, struct run *r, struct anker_err *err)
{
	struct doc_list docs = {0};
	int rc;
	if ((rc = codebook_resolve(st, r->a->code, &r->code_id, err)) ||
	    (rc = doc_list(st, r->a->doc, &docs, err)) ||
	    (rc = store_coder_id(st, r->a->coder, &r->coder_id, err))) {
		doc_list_free(&docs);
		return rc;
	}
	for (size_t i = 0; i < docs.n && !rc; i++)
		rc = code_doc(st, r, docs.ids[i], docs.names[i], err);
	doc_list_free(&docs);
	return rc;
}

static const char *const unit_names[] = { "hit", "sentence", "paragraph", "turn" };

const char *coding_unit_name(enum coding_unit u)
{
	return (size_t)u < sizeof unit_names / sizeof unit_names[0] ? unit_names[u] : "?";
}

bool coding_unit_parse(const char *s, enum coding_unit *u)
{
	for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
		if (strcmp(s, unit_names[i]) == 0) {
			*u = (enum coding_unit)i;
			return true;
		}
	return false;
}

int coding_autocode_run(struct store *st, const struct coding_autocode *a,
                        struct coding_autocode_report *rep, struct anker_err *err)
{
	struct run r = { .a = a, .rep = rep };
	memset(rep, 0, sizeof *rep);
	if (!a->pattern || !*a->pattern)
		return anker_err_set(err, ANKER_INPUT, "empty pattern");
	int rc = corpus_regex_compile(a->pattern, a->icase, &r.re, err);
	if (rc)
		return rc;
	if (!(rc = store_begin(st, err))) {
		rc = autocode_in_tx(st, &r, err);
		if (rc)
			store_rollback(st);
		else
			rc = store_commit(st, err);
	}
	if (rc)
		memset(rep, 0, sizeof *rep);
	corpus_regex_free(r.re);
	return rc;
}
