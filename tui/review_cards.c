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

/* The code's verdicts, of the segments B lists (its C and :docs), as
 * counted when the list was read (list_open) and moved by verdicts since. */
static void left_counts(struct tui *t, struct review_view *r)
{
	const struct coding_review_count *c = &r->counts;
	struct strbuf say = { 0 };
	review_filters_say(t, r, &say);
	if (!r->counted)
		sb_addf(&r->left, "\nReview%s: not counted\n", sb_str(&say));
	else
		sb_addf(&r->left, "\nReview%s: %lld of %lld segment%s: %lld fit, %lld do not fit, "
		        "%lld borderline\n", sb_str(&say), (long long)c->reviewed,
		        (long long)c->segments, c->segments == 1 ? "" : "s", (long long)c->fits,
		        (long long)c->misfit, (long long)c->borderline);
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
	left_counts(t, r);
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
	cards_ready(&r->cards, r->cards.cur);   /* its Pos. */
	const struct card *k = cards_at(&r->cards, r->cards.cur);
	const struct review_item *it = review_cur_item(r);
	if (!k || !it) {
		sb_adds(l, "Context: no segment\n");
		return;
	}
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

/* Segments placed (Pos. and text read) around a card's when it comes on
 * the screen: a page of cards at a time, each document read once for its
 * neighbours (the list is in document order). */
#define REVIEW_PLACE 16
/* Segments read at a time into the window, and cards held before the
 * one asked for (more than a screen, so that drawing reads one window). */
#define REVIEW_READ 512
#define REVIEW_BEFORE 128

/* Each reviewer's latest verdict on segment g of card k. */
static void card_verdicts(struct review_view *r, struct card *k, const struct coding_segment *g,
                          bool one)
{
	struct coding_review_filter rf = { .segment = g->guid, .verdict = -1, .brief = true };
	struct coding_review *rv;
	size_t nr;
	struct anker_err err = { 0 };
	if (coding_reviews_list(r->t->st, &rf, &rv, &nr, &err)) {
		tui_message(r->t, true, "%s", err.msg);
		return;
	}
	for (size_t v = 0; v < nr; v++) {
		if (!rv[v].latest)
			continue;
		if (one)
			cards_partf(k, A_BOLD, "Verdict: %s by %s%s%s", rv[v].verdict, rv[v].reviewer,
			            *rv[v].comment ? ": " : "", rv[v].comment);
		else
			cards_partf(k, A_BOLD, "Verdict on %s's: %s by %s%s%s", g->coder, rv[v].verdict,
			            rv[v].reviewer, *rv[v].comment ? ": " : "", rv[v].comment);
	}
	coding_reviews_free(rv, nr);
}

/* Card i's parts, as it comes on the screen: its citation, a line per
 * coder who coded exactly it, the memos, the text once, and each
 * reviewer's latest verdict on each coder's segment. */
static void review_fill(struct cards *c, size_t i, void *arg)
{
	struct review_view *r = arg;
	const struct review_data *d = r->data;
	struct review_item *it = &r->items[i - c->base];
	const struct coding_segment *g = &r->wseg[it->first];
	size_t ng = it->n;
	size_t a = it->first > REVIEW_PLACE ? it->first - REVIEW_PLACE : 0;
	size_t b = r->nwseg - (it->first + ng) > REVIEW_PLACE ? it->first + ng + REVIEW_PLACE
	                                                       : r->nwseg;
	struct anker_err err = { 0 };
	if (coding_segments_place(r->t->st, r->wseg + a, b - a, true, &err))
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
		if (g[q].memo && *g[q].memo) {
			sb_reset(&sb);
			sb_addf(&sb, "Memo (%s): %s", g[q].coder, g[q].memo);
			cards_part(k, sb_str(&sb), A_NORMAL, true);
		}
	sb_free(&sb);
	for (size_t q = 0; q < ng; q++)
		card_verdicts(r, k, &g[q], ng == 1);
}

/* The segments B lists: the code's, of the coder C chose and the
 * documents :docs keeps. */
static struct coding_filter segments_filter(struct tui *t, const struct review_view *r,
                                            bool with_text)
{
	return (struct coding_filter){
		.code = r->guid, .min_weight = -1, .with_text = with_text, .positions_only = !with_text,
		.coder = views_coders_one(&r->coders), .docs = views_docs(t),
	};
}

int review_table(struct tui *t, struct tui_view *v, struct report_table *out,
                 struct anker_err *err)
{
	struct coding_segment *g;
	size_t n;
	struct coding_filter f = segments_filter(t, v->priv, true);
	if (coding_segments_list(t->st, &f, &g, &n, err))
		return err->status;
	coding_segments_table(g, n, false, out);
	coding_segments_free(g, n);
	return 0;
}

/* The window's segments and cards dropped (the cards read again when
 * asked for). */
void review_window_drop(struct review_view *r)
{
	coding_segments_free(r->wseg, r->nwseg);
	free(r->items);
	free(r->seg_judged);
	r->wseg = NULL;
	r->items = NULL;
	r->seg_judged = NULL;
	r->nwseg = 0;
	cards_window(&r->cards, r->cards.base);
}

void review_cards_again(struct review_view *r)
{
	for (size_t i = 0; i < r->cards.nv; i++)
		cards_unfill(&r->cards, r->cards.base + i);
}

void review_judged(struct tui *t, struct review_view *r, int64_t judged,
                   const struct coding_review_count *c, char (*segs)[37], size_t n)
{
	r->njudged += (size_t)judged;
	r->counts.reviewed += c->reviewed;
	r->counts.fits += c->fits;
	r->counts.misfit += c->misfit;
	r->counts.borderline += c->borderline;
	for (size_t j = 0; j < r->cards.nv && r->items; j++) {
		const struct review_item *it = &r->items[j];
		for (size_t k = it->first; k < it->first + it->n; k++)
			for (size_t q = 0; q < n; q++)
				if (strcmp(r->wseg[k].guid, segs[q]) == 0) {
					r->seg_judged[k] = true;
					cards_unfill(&r->cards, r->cards.base + j);
				}
	}
	int i = views_code_find_guid(t, r->guid);
	if (i >= 0 && r->show == REVIEW_LEFT_CODEBOOK && r->data)
		left_build(t, r, i, r->data->a, r->data->na);
}

/* The window's segments from list position pos, REVIEW_READ at a time,
 * until they hold want passages or the list ends. */
static void window_read(struct review_view *r, size_t pos, size_t want, struct anker_err *err)
{
	size_t cap = 0, passages = 0;
	r->wseg_pos = pos;
	while (pos < r->nseg && passages <= want) {
		size_t got;
		if (r->nwseg + REVIEW_READ > cap) {
			cap = r->nwseg + REVIEW_READ;
			r->wseg = xreallocarray(r->wseg, cap + 1, sizeof *r->wseg);
		}
		if (coding_pages_read(r->t->st, r->pages, pos, REVIEW_READ, r->wseg + r->nwseg, &got,
		                      err) || !got)
			break;
		for (size_t k = r->nwseg; k < r->nwseg + got; k++)
			passages += !k || !coding_same_passage(&r->wseg[k], &r->wseg[k - 1]);
		r->nwseg += got;
		pos += got;
	}
}

/* The window of cards that holds card i (cards.page): the passages from
 * REVIEW_BEFORE before it on, their segments read from the list, which
 * of them the reviewer judged, the chosen coder's marked. */
static void review_page(struct cards *c, size_t i, void *arg)
{
	struct review_view *r = arg;
	struct anker_err err = { 0 };
	size_t a = i > REVIEW_BEFORE ? i - REVIEW_BEFORE : 0, pos;
	review_window_drop(r);
	cards_window(c, a);
	if (!r->pages || coding_pages_passage_start(r->t->st, r->pages, a, &pos, &err)) {
		if (err.msg[0])
			tui_message(r->t, true, "%s", err.msg);
		return;
	}
	window_read(r, pos, i - a + REVIEW_BEFORE, &err);
	r->seg_judged = xcalloc(r->nwseg + 1, sizeof *r->seg_judged);
	if (err.msg[0] || coding_pages_judged(r->t->st, review_reviewer(r->t), r->wseg, r->nwseg,
	                                      r->seg_judged, &err))
		tui_message(r->t, true, "%s", err.msg);
	r->items = xcalloc(r->nwseg + 1, sizeof *r->items);
	/* In document order the coders of one passage come together; the
	 * last passage read may lack coders past the read, unless the list
	 * ends there. */
	for (size_t j = 0, e; j < r->nwseg; j = e) {
		const struct coding_segment *g = &r->wseg[j];
		for (e = j + 1; e < r->nwseg && coding_same_passage(&r->wseg[e], g); e++)
			;
		if (e == r->nwseg && r->wseg_pos + e < r->nseg && j > 0)
			break;
		struct review_item *it = &r->items[c->nv];
		cards_add(c, g->doc_id, g->doc, g->start, g->guid);
		it->first = j;
		it->n = e - j;
		for (size_t q = j; q < e; q++)
			if (strcmp(r->wseg[q].guid, r->sel_seg) == 0)
				it->sel = q - j;
	}
}

/* The card under the cursor, its window read; NULL when there is none. */
struct review_item *review_cur_item(struct review_view *r)
{
	if (!r->cards.n || !cards_at(&r->cards, r->cards.cur))
		return NULL;
	return &r->items[r->cards.cur - r->cards.base];
}

void review_data_free(struct review_view *r)
{
	struct review_data *d = r->data;
	review_window_drop(r);
	coding_pages_free(r->pages);
	r->pages = NULL;
	if (!d)
		return;
	coding_anchors_free(d->a, d->na);
	free(d);
	r->data = NULL;
}

/* The list counted and its counts (how many segments, how many the
 * reviewer judged), then the cursor on the card of segment keep (of
 * document doc), when it is still listed. */
static int list_open(struct tui *t, struct review_view *r, int64_t code, const char *keep,
                     int64_t doc, struct anker_err *err)
{
	struct coding_filter f = segments_filter(t, r, false);
	struct coding_review_count c;
	size_t pos, i;
	struct anker_err ferr = { 0 };   /* not found: the cursor stays where it was */
	int rc = coding_pages_open(t->st, &f, &r->pages, err);
	if (!rc)
		rc = coding_pages_passages(t->st, r->pages, err);
	if (rc)
		return rc;
	r->nseg = coding_pages_count(r->pages);
	r->cards.n = coding_pages_passage_count(r->pages);
	/* The title's count (the reviewer's) and the codebook side's
	 * (everyone's newest verdicts) in one walk. */
	rc = coding_review_count_code(t->st, review_reviewer(t), f.coder, f.docs, code, &c,
	                              &r->counts, &ferr);
	r->njudged = rc ? 0 : (size_t)c.reviewed;   /* ANKER_NOTFOUND: judged nothing yet */
	r->counted = !rc || rc == ANKER_NOTFOUND;
	if (!r->counted)
		return anker_err_set(err, rc, "%s", ferr.msg);
	if (*keep && !coding_pages_find(t->st, r->pages, doc, keep, &pos, &ferr) &&
	    !coding_pages_passage_of(t->st, r->pages, pos, &i, &ferr))
		r->cards.cur = i;
	return ANKER_OK;
}

int review_load(struct tui *t, struct review_view *r, struct anker_err *err)
{
	int i = views_code_find_guid(t, r->guid);
	struct review_data *d = xcalloc(1, sizeof *d);
	/* The cursor stays on its passage: its first segment's GUID when its
	 * window is held, else the segment chosen (the window dropped on the
	 * choice), not a window read only for that. */
	const struct card *c = r->pages && r->items && r->cards.cur >= r->cards.base &&
	                       r->cards.cur - r->cards.base < r->cards.nv
	                       ? &r->cards.v[r->cards.cur - r->cards.base] : NULL;
	char keep[37] = "";
	int64_t keep_doc = c ? c->doc_id : r->sel_doc;
	snprintf(keep, sizeof keep, "%s", c ? c->key : r->pages ? r->sel_seg : "");
	r->t = t;
	r->cards.fill = review_fill;
	r->cards.page = review_page;
	r->cards.fill_arg = r;
	review_data_free(r);
	r->bounds_idle = false;   /* the project may have changed, or the code */
	cards_window(&r->cards, 0);
	r->cards.n = 0;
	r->njudged = r->nseg = 0;
	if (i < 0) {
		free(d);
		cards_settle(&r->cards);
		sb_reset(&r->left);
		sb_addf(&r->left, "%s\n\nThe code is " TUI_GONE ".\n", r->label ? r->label : "");
		return 0;
	}
	int rc = coding_anchors_list(t->st, r->guid, &d->a, &d->na, err);
	r->data = d;
	if (!rc)
		rc = list_open(t, r, t->codes.cb.codes[i].id, keep, keep_doc, err);
	cards_settle(&r->cards);
	if (rc)
		return rc;
	struct strbuf sb = { 0 };
	views_code_label(t, i, &sb);
	free(r->label);
	r->label = sb_steal(&sb);
	left_refresh(t, r, i, d->a, d->na);
	return 0;
}
