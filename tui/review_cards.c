/* tui/review_cards.c — the codebook and review view's cards (one per
 * passage, naming each coder who coded it exactly and each one's
 * verdicts) and its left side: the codebook entry of the code, or the
 * context of the segment under the cursor (z). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "review.h"
#include "text.h"

const char *review_reviewer(const struct tui *t)
{
	return *t->reviewer ? t->reviewer : t->coder;
}

void review_filters_say(struct tui *t, const struct review_view *r, struct strbuf *out)
{
	struct strbuf f = { 0 };
	if (views_coders_one(&r->coders)) {
		sb_adds(&f, ", ");
		views_coders_say(&r->coders, &f);
	}
	views_docs_say(t, &f);
	if (f.len)
		sb_addf(out, " (%s)", sb_str(&f) + 2);
	sb_free(&f);
}

/* The code's verdicts, of the segments B lists (its C and :docs). */
static void left_counts(struct tui *t, struct review_view *r, int code)
{
	struct coding_review_count c;
	struct anker_err err = { 0 };
	struct strbuf say = { 0 };
	review_filters_say(t, r, &say);
	if (coding_review_count_code(t->st, NULL, views_coders_one(&r->coders), views_docs(t),
	                             t->codes.cb.codes[code].id, &c, &err))
		sb_addf(&r->left, "\nReview%s: %s\n", sb_str(&say), err.msg);
	else
		sb_addf(&r->left, "\nReview%s: %lld of %lld segment%s: %lld fit, %lld do not fit, "
		        "%lld borderline\n", sb_str(&say), (long long)c.reviewed,
		        (long long)c.segments, c.segments == 1 ? "" : "s", (long long)c.fits,
		        (long long)c.misfit, (long long)c.borderline);
	sb_free(&say);
}

static void left_build(struct tui *t, struct review_view *r, int i, const struct coding_anchor *a,
                       size_t na)
{
	const struct codebook_code *k = &t->codes.cb.codes[i];
	struct strbuf *l = &r->left;
	sb_reset(l);
	views_code_label(t, i, l);
	sb_adds(l, "\n\nDefinition:\n");
	sb_adds(l, *k->definition ? k->definition : "(none)");
	sb_adds(l, "\n\nAnchor examples:\n");
	r->nanchors = na;
	for (size_t j = 0; j < na; j++) {
		sb_addf(l, "%s%zu. %s", a[j].position == r->anchor ? "> " : "", a[j].position, a[j].text);
		if (*a[j].citation)
			sb_addf(l, " (%s)", a[j].citation);
		sb_addc(l, '\n');
	}
	if (!na)
		sb_adds(l, "(none)\n");
	for (size_t j = 0; j < k->nnotes; j++)
		sb_addf(l, "\n%s:\n%s\n", k->notes[j].label, k->notes[j].text);
	left_counts(t, r, i);
}

/* The paragraphs around the current segment, its own marked ">", in
 * place of the codebook side. */
void review_context_build(struct tui *t, struct review_view *r)
{
	struct strbuf *l = &r->left;
	struct anker_err err = { 0 };
	char *s = NULL;
	size_t len;
	struct corpus_text x = { 0 };
	sb_reset(l);
	r->left_top = 0;
	if (!r->cards.n) {
		sb_adds(l, "Context: no segment\n");
		return;
	}
	cards_ready(&r->cards, r->cards.cur);   /* its Pos. */
	const struct card *k = cards_at(&r->cards, r->cards.cur);
	const struct review_item *it = &r->items[r->cards.cur];
	if (corpus_doc_text(t->st, k->doc_id, &s, &len, &err) || corpus_text_index(&x, s, len)) {
		sb_addf(l, "Context: %s\n", err.msg[0] ? err.msg : "cannot read the document");
		free(s);
		return;
	}
	size_t first = it->para_first > REVIEW_CONTEXT ? it->para_first - REVIEW_CONTEXT : 1;
	size_t last = it->para_last + REVIEW_CONTEXT < x.nlines ? it->para_last + REVIEW_CONTEXT
	                                                        : x.nlines;
	sb_addf(l, "Context: %s (z: back to the codebook)\n", k->doc ? k->doc : "");
	for (size_t p = first; p <= last; p++) {
		size_t a, b;
		corpus_text_para_range(&x, p, &a, &b);
		size_t ba = corpus_text_byte(&x, a), bb = corpus_text_byte(&x, b);
		bool in = p >= it->para_first && p <= it->para_last;
		sb_addf(l, "\n%zu %s ", p, in ? ">" : " ");
		sb_add(l, s + ba, bb - ba);
		sb_addc(l, '\n');
	}
	corpus_text_free(&x);
	free(s);
}

static void left_refresh(struct tui *t, struct review_view *r, int code,
                         const struct coding_anchor *a, size_t na)
{
	if (r->show == REVIEW_LEFT_CONTEXT)
		review_context_build(t, r);
	else if (r->show == REVIEW_LEFT_BOUNDARIES)
		review_boundaries_build(t, r);
	else
		left_build(t, r, code, a, na);
}

struct review_data {
	struct coding_segment *v;
	size_t n;
	struct coding_review *rv;
	size_t nr;
	struct coding_anchor *a;
	size_t na;
};

/* One coder's line of a card: who and how heavy (never cut away: the
 * code's path is in the header, not here), whether the reviewer coded it
 * (own) or it is an anchor example already; in a passage of several
 * coders marked '>' when the verdict goes to it. */
static void coder_line(struct card *k, const struct coding_segment *g, const char *mark,
                       const struct coding_anchor *a, size_t na, const char *who)
{
	struct strbuf sb = { 0 };
	sb_addf(&sb, "%s%s | weight %d", mark, g->coder, g->weight);
	if (strcmp(g->coder, who) == 0)
		sb_adds(&sb, " | own");
	for (size_t j = 0; j < na; j++)
		if (a[j].segment && strcmp(a[j].segment, g->guid) == 0)
			sb_addf(&sb, " | anchor example %zu", a[j].position);
	cards_part(k, sb_str(&sb), A_NORMAL, false);
	sb_free(&sb);
}

static int cmp_guid(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

static int cmp_guid_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The segments who has a latest verdict on, sorted for bsearch (a
 * search of every verdict per segment was n times nr: a code of 500K
 * segments with as many verdicts would never open). */
static const char **judged_index(const struct review_data *d, const char *who, size_t *n)
{
	const char **v = xcalloc(d->nr + 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; i < d->nr; i++)
		if (d->rv[i].latest && strcmp(d->rv[i].reviewer, who) == 0)
			v[(*n)++] = d->rv[i].segment;
	if (*n)
		qsort(v, *n, sizeof *v, cmp_guid_ptr);
	return v;
}

/* A passage as the reviewer's card, g[0..ng) the coders who coded exactly
 * it: what the view keeps of it (its segments, which of them the reviewer
 * judged: judged[0..nj), judged_index); the card's parts come with
 * review_fill. */
static void review_card(struct review_view *r, const struct coding_segment *g, size_t ng,
                        const char **judged, size_t nj)
{
	cards_add(&r->cards, g->doc_id, g->doc, g->start, g->guid);
	struct review_item *it = &r->items[r->cards.n - 1];
	it->first = r->nseg;
	it->n = ng;
	it->sel = 0;
	for (size_t q = 0; q < ng; q++)
		if (strcmp(g[q].guid, r->sel_seg) == 0)
			it->sel = q;
	for (size_t q = 0; q < ng; q++) {
		size_t s = r->nseg++;
		memcpy(r->seg[s], g[q].guid, sizeof r->seg[s]);
		r->seg_judged[s] = nj && bsearch(g[q].guid, judged, nj, sizeof *judged, cmp_guid);
		r->njudged += r->seg_judged[s];
	}
}

/* Segments placed (Pos. and text read) around a card's when it comes on
 * the screen: a page of cards at a time, each document read once for its
 * neighbours (the list is in document order). */
#define REVIEW_PLACE 16

/* Card i's parts, as it comes on the screen: its citation, a line per
 * coder who coded exactly it, the memos, the text once, and each
 * reviewer's latest verdict on each coder's segment. */
static void review_fill(struct cards *c, size_t i, void *arg)
{
	struct review_view *r = arg;
	const struct review_data *d = r->data;
	struct review_item *it = &r->items[i];
	const struct coding_segment *g = &d->v[it->first];
	size_t ng = it->n;
	size_t a = it->first > REVIEW_PLACE ? it->first - REVIEW_PLACE : 0;
	size_t b = d->n - (it->first + ng) > REVIEW_PLACE ? it->first + ng + REVIEW_PLACE : d->n;
	struct anker_err err = { 0 };
	if (coding_segments_place(r->t->st, d->v + a, b - a, true, &err))
		tui_message(r->t, true, "%s", err.msg);
	const char *who = review_reviewer(r->t);
	struct card *k = cards_at(c, i);
	struct strbuf sb = { 0 };
	corpus_citation(&sb, g->doc, g->para_first, g->para_last);
	/* The extent: , . [ ] move it, and the card shows where it is now. */
	sb_addf(&sb, " | %zu-%zu", g->start, g->end);
	cards_part(k, sb_str(&sb), A_BOLD, false);
	it->para_first = g->para_first;
	it->para_last = g->para_last;
	for (size_t q = 0; q < ng; q++)
		coder_line(k, &g[q], ng == 1 ? "" : r->all || q == it->sel ? "> " : "  ", d->a, d->na,
		           who);
	views_segment_text(k, g);
	for (size_t q = 1; q < ng; q++)
		if (*g[q].memo) {
			sb_reset(&sb);
			sb_addf(&sb, "Memo (%s): %s", g[q].coder, g[q].memo);
			cards_part(k, sb_str(&sb), A_NORMAL, true);
		}
	sb_free(&sb);
	for (size_t q = 0; q < ng; q++)
		for (size_t v = 0; v < d->nr; v++) {
			const struct coding_review *rv = &d->rv[v];
			if (!rv->latest || strcmp(rv->segment, g[q].guid) != 0)
				continue;
			if (ng == 1)
				cards_partf(k, A_BOLD, "Verdict: %s by %s%s%s", rv->verdict, rv->reviewer,
				            *rv->comment ? ": " : "", rv->comment);
			else
				cards_partf(k, A_BOLD, "Verdict on %s's: %s by %s%s%s", g[q].coder,
				            rv->verdict, rv->reviewer, *rv->comment ? ": " : "", rv->comment);
		}
}

/* The segments B lists: the code's, of the coder C chose and the
 * documents :docs keeps. */
static int segments_read(struct tui *t, const struct review_view *r, bool with_text,
                         struct coding_segment **v, size_t *n, struct anker_err *err)
{
	struct coding_filter f = {
		.code = r->guid, .min_weight = -1, .with_text = with_text, .positions_only = !with_text,
		.coder = views_coders_one(&r->coders), .docs = views_docs(t),
	};
	return coding_segments_list(t->st, &f, v, n, err);
}

int review_table(struct tui *t, struct tui_view *v, struct report_table *out,
                 struct anker_err *err)
{
	struct coding_segment *g;
	size_t n;
	if (segments_read(t, v->priv, true, &g, &n, err))
		return err->status;
	coding_segments_table(g, n, false, out);
	coding_segments_free(g, n);
	return 0;
}

static int data_read(struct tui *t, const struct review_view *r, struct review_data *d,
                     struct anker_err *err)
{
	/* (a card shows the verdicts, not their quotes: those read every
	 * document with a verdict on the code) */
	struct coding_review_filter rf = { .code = r->guid, .verdict = -1, .brief = true };
	memset(d, 0, sizeof *d);
	if (segments_read(t, r, false, &d->v, &d->n, err))
		return err->status;
	if (!coding_reviews_list(t->st, &rf, &d->rv, &d->nr, err) &&
	    !coding_anchors_list(t->st, r->guid, &d->a, &d->na, err))
		return 0;
	coding_segments_free(d->v, d->n);
	coding_reviews_free(d->rv, d->nr);
	return err->status;
}

void review_data_free(struct review_view *r)
{
	struct review_data *d = r->data;
	if (!d)
		return;
	coding_segments_free(d->v, d->n);
	coding_reviews_free(d->rv, d->nr);
	coding_anchors_free(d->a, d->na);
	free(d);
	r->data = NULL;
}

int review_load(struct tui *t, struct review_view *r, struct anker_err *err)
{
	int i = views_code_find_guid(t, r->guid);
	struct review_data *d = xcalloc(1, sizeof *d);
	r->t = t;
	r->cards.fill = review_fill;
	r->cards.fill_arg = r;
	cards_refill(&r->cards);
	review_data_free(r);
	free(r->items);
	free(r->seg);
	free(r->seg_judged);
	r->items = NULL;
	r->seg = NULL;
	r->seg_judged = NULL;
	r->njudged = r->nseg = 0;
	if (i < 0) {
		free(d);
		cards_settle(&r->cards);
		sb_reset(&r->left);
		sb_addf(&r->left, "%s\n\nThe code is " TUI_GONE ".\n", r->label ? r->label : "");
		return 0;
	}
	if (data_read(t, r, d, err)) {
		free(d);
		cards_settle(&r->cards);
		return err->status;
	}
	r->data = d;
	r->items = xcalloc(d->n + 1, sizeof *r->items);
	r->seg = xcalloc(d->n + 1, sizeof *r->seg);
	r->seg_judged = xcalloc(d->n + 1, sizeof *r->seg_judged);
	size_t nj;
	const char **judged = judged_index(d, review_reviewer(t), &nj);
	/* In document order the coders of one passage come together. */
	for (size_t j = 0, e; j < d->n; j = e) {
		for (e = j + 1; e < d->n && d->v[e].doc_id == d->v[j].doc_id &&
		     d->v[e].start == d->v[j].start && d->v[e].end == d->v[j].end; e++)
			;
		review_card(r, &d->v[j], e - j, judged, nj);
	}
	free(judged);
	cards_settle(&r->cards);
	struct strbuf sb = { 0 };
	views_code_label(t, i, &sb);
	free(r->label);
	r->label = sb_steal(&sb);
	left_refresh(t, r, i, d->a, d->na);
	return 0;
}
