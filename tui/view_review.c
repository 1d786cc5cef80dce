/* tui/view_review.c — codebook and review of one code (issue 4 item 7,
 * issue 14): on the left its number, path, definition, anchor examples,
 * notes and the counts of verdicts (or, with z, the paragraphs around the
 * segment under the cursor); on the right its coded segments with their
 * verdicts, identical passages of several coders as one card naming each
 * coder and each one's verdicts (h/l choose the coder a verdict goes to, =
 * sends it to every coder's segment of the passage, in one undo step).
 * The reviewer marks the segment under the cursor fits (y), does not fit
 * (d) or borderline (m), with an optional comment asked on
 * the prompt line, and the cursor moves on to the next segment the
 * reviewer has not judged; a promotes it to an anchor example, f moves it
 * to another code, x removes it.  P chooses an anchor example, which < and
 * > move, e edits and D deletes.  J and K walk the code system, T goes to
 * the next code with segments left to judge.  Everything done here is
 * done as the reviewer (:reviewer, $ANKER_REVIEWER, else the coder) and is
 * one undo step; u here undoes the reviewer's last step.  The view reloads
 * at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "text.h"

/* What the view knows of each card (a passage) besides what it shows. */
struct review_item {
	size_t para_first, para_last;
	size_t first, n;         /* its coders' segments: seg[first .. first + n) */
	size_t sel;              /* the coder chosen (h/l), 0 .. n-1 */
};

struct review_view {
	char guid[37];           /* the code's */
	char *label;             /* "2.1 Name" as last seen (said when it is gone) */
	struct cards cards;      /* its segments; card keys: the segments' GUIDs */
	struct review_item *items;   /* one per card */
	/* Every segment of the code, passage by passage: identical passages of
	 * several coders are one card naming each coder and each one's verdicts. */
	char (*seg)[37];
	bool *seg_judged;        /* the reviewer has a verdict on it */
	size_t nseg;
	char sel_seg[37];        /* the chosen segment, kept across reloads */
	bool all;                /* =: a verdict goes to every coder's segment of the passage */
	size_t njudged;
	struct strbuf left;      /* the codebook side (or the context), lines split by '\n' */
	size_t left_top;
	bool context;            /* z: the left side shows the current segment's context */
	enum coding_verdict verdict;
	char (*pending)[37];     /* the segments the verdict's prompt is for */
	size_t npending;
	char recode_seg[37];     /* the segment the finder recodes */
	size_t anchor;           /* P: the chosen anchor example (1-based), 0: none */
	size_t nanchors;
};

/* Paragraphs shown before and after the segment with z. */
#define REVIEW_CONTEXT 2

static const char *reviewer(const struct tui *t)
{
	return *t->reviewer ? t->reviewer : t->coder;
}

static void left_counts(struct tui *t, struct review_view *r, int code)
{
	struct coding_review_count *c;
	size_t n;
	struct anker_err err = { 0 };
	if (coding_review_counts(t->st, NULL, &c, &n, &err)) {
		sb_addf(&r->left, "\nReview: %s\n", err.msg);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (c[i].code_id == t->codes.cb.codes[code].id)
			sb_addf(&r->left, "\nReview: %lld of %lld segment%s: %lld fit, %lld do not fit, "
			        "%lld borderline\n", (long long)c[i].reviewed, (long long)c[i].segments,
			        c[i].segments == 1 ? "" : "s",
			        (long long)c[i].fits, (long long)c[i].misfit, (long long)c[i].borderline);
	coding_review_counts_free(c, n);
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
static void context_build(struct tui *t, struct review_view *r)
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
	const struct card *k = &r->cards.v[r->cards.cur];
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
	if (r->context)
		context_build(t, r);
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

/* A passage as the reviewer's card: its citation, a line per coder who
 * coded exactly it (g[0..ng)), the memos, the text once, and each
 * reviewer's latest verdict on each coder's segment. */
static void review_card(struct review_view *r, const struct coding_segment *g, size_t ng,
                        const struct review_data *d, const char *who)
{
	struct card *k = cards_add(&r->cards, g->doc_id, g->doc, g->start, g->guid);
	struct review_item *it = &r->items[r->cards.n - 1];
	struct strbuf sb = { 0 };
	corpus_citation(&sb, g->doc, g->para_first, g->para_last);
	cards_part(k, sb_str(&sb), A_BOLD, false);
	it->para_first = g->para_first;
	it->para_last = g->para_last;
	it->first = r->nseg;
	it->n = ng;
	it->sel = 0;
	for (size_t q = 0; q < ng; q++)
		if (strcmp(g[q].guid, r->sel_seg) == 0)
			it->sel = q;
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
	for (size_t q = 0; q < ng; q++) {
		size_t s = r->nseg++;
		memcpy(r->seg[s], g[q].guid, sizeof r->seg[s]);
		r->seg_judged[s] = false;
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
			if (strcmp(rv->reviewer, who) == 0)
				r->seg_judged[s] = true;
		}
		r->njudged += r->seg_judged[s];
	}
}
static int data_read(struct tui *t, const char *guid, struct review_data *d,
                     struct anker_err *err)
{
	struct coding_filter f = { .code = guid, .min_weight = -1, .with_text = true };
	struct coding_review_filter rf = { .code = guid, .verdict = -1 };
	memset(d, 0, sizeof *d);
	if (coding_segments_list(t->st, &f, &d->v, &d->n, err))
		return err->status;
	if (!coding_reviews_list(t->st, &rf, &d->rv, &d->nr, err) &&
	    !coding_anchors_list(t->st, guid, &d->a, &d->na, err))
		return 0;
	coding_segments_free(d->v, d->n);
	coding_reviews_free(d->rv, d->nr);
	return err->status;
}

static void data_free(struct review_data *d)
{
	coding_segments_free(d->v, d->n);
	coding_reviews_free(d->rv, d->nr);
	coding_anchors_free(d->a, d->na);
}

/* Load (again): the code by its GUID, the cursor on the same segment; a
 * code that is gone leaves its label and says so. */
static int review_load(struct tui *t, struct review_view *r, struct anker_err *err)
{
	int i = views_code_find_guid(t, r->guid);
	struct review_data d;
	cards_refill(&r->cards);
	free(r->items);
	free(r->seg);
	free(r->seg_judged);
	r->items = NULL;
	r->seg = NULL;
	r->seg_judged = NULL;
	r->njudged = r->nseg = 0;
	if (i < 0) {
		cards_settle(&r->cards);
		sb_reset(&r->left);
		sb_addf(&r->left, "%s\n\nThe code is " TUI_GONE ".\n", r->label ? r->label : "");
		return 0;
	}
	if (data_read(t, r->guid, &d, err)) {
		cards_settle(&r->cards);
		return err->status;
	}
	r->items = xcalloc(d.n + 1, sizeof *r->items);
	r->seg = xcalloc(d.n + 1, sizeof *r->seg);
	r->seg_judged = xcalloc(d.n + 1, sizeof *r->seg_judged);
	/* In document order the coders of one passage come together. */
	for (size_t j = 0, e; j < d.n; j = e) {
		for (e = j + 1; e < d.n && d.v[e].doc_id == d.v[j].doc_id &&
		     d.v[e].start == d.v[j].start && d.v[e].end == d.v[j].end; e++)
			;
		review_card(r, &d.v[j], e - j, &d, reviewer(t));
	}
	cards_settle(&r->cards);
	struct strbuf sb = { 0 };
	views_code_label(t, i, &sb);
	free(r->label);
	r->label = sb_steal(&sb);
	left_refresh(t, r, i, d.a, d.na);
	data_free(&d);
	return 0;
}

static void review_free(struct review_view *r)
{
	cards_free(&r->cards);
	sb_free(&r->left);
	free(r->items);
	free(r->seg);
	free(r->seg_judged);
	free(r->pending);
	free(r->label);
	free(r);
}

static int review_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct views_arg *arg = v->priv;
	struct review_view *r = xcalloc(1, sizeof *r);
	memcpy(r->guid, arg->code, sizeof r->guid);
	free(arg);
	v->priv = NULL;
	r->cards.max_lines = 4;
	int rc = views_code_find_guid(t, r->guid) < 0
	         ? anker_err_set(err, ANKER_INPUT, "%s", tui_msg_text[TUI_MSG_NO_CODE])
	         : review_load(t, r, err);
	if (rc) {
		review_free(r);
		return rc;
	}
	v->priv = r;
	return 0;
}

static void review_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (review_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

static void draw_left(struct review_view *r, const struct tui_rect *lr)
{
	const char *s = sb_str(&r->left);
	size_t len = r->left.len, b0[512], b1[512];
	bool more;
	size_t n = cards_wrap(s, len, lr->w - 1, b0, b1, 512, &more);
	if (r->left_top >= n)
		r->left_top = n ? n - 1 : 0;
	for (int y = 0; y < lr->h && r->left_top + (size_t)y < n; y++) {
		size_t i = r->left_top + (size_t)y;
		tui_draw_text(lr->y + y, lr->x + 1, lr->w - 1, s + b0[i], b1[i] - b0[i],
		              i == 0 ? A_BOLD : A_NORMAL);
	}
}

static void review_draw(struct tui *t, struct tui_view *v)
{
	struct review_view *r = v->priv;
	char title[400];
	snprintf(title, sizeof title, "Codebook and review: %zu segment%s, %zu judged by %s%s  "
	         "(y fits, d does not fit, m borderline, J/K next/previous code, T next to judge, "
	         "z context, f recode, x remove, a anchor, h/l coder, = all coders, Enter: go to, "
	         "q: close)", r->nseg, r->nseg == 1 ? "" : "s", r->njudged, reviewer(t),
	         r->all ? ", verdicts for all coders" : "");
	tui_draw_title(&v->r, title, true);
	int lw = v->r.w * 2 / 5;
	struct tui_rect lr = { v->r.y + 1, v->r.x, v->r.h - 1, lw };
	struct tui_rect rr = { v->r.y + 1, v->r.x + lw + 1, v->r.h - 1, v->r.w - lw - 1 };
	draw_left(r, &lr);
	mvvline(lr.y, v->r.x + lw, '|', lr.h);
	cards_draw(t, &r->cards, &rr, true);
}

/* The review view, when it is the top one (a prompt or the finder may
 * have been answered after it closed). */
static struct review_view *review_top(struct tui *t)
{
	struct tui_view *v = tui_view_top(t);
	return v && v->ops == &tui_view_review_ops ? v->priv : NULL;
}

/* The segment the reviewer's keys act on: the chosen coder's of the
 * passage under the cursor; NULL when there is none. */
static const char *cur_seg(const struct review_view *r)
{
	if (!r->cards.n || !r->nseg)
		return NULL;
	const struct review_item *it = &r->items[r->cards.cur];
	return r->seg[it->first + it->sel];
}

/* Choose segment s (an index into seg): its passage under the cursor, its
 * coder chosen.  The card marks the choice when it is loaded next. */
static void choose(struct review_view *r, size_t s)
{
	for (size_t c = 0; c < r->cards.n; c++)
		if (s >= r->items[c].first && s < r->items[c].first + r->items[c].n) {
			r->cards.cur = c;
			r->items[c].sel = s - r->items[c].first;
		}
	memcpy(r->sel_seg, r->seg[s], sizeof r->sel_seg);
}

/* The first segment from s on (wrapping round) the reviewer has not
 * judged; SIZE_MAX when there is none. */
static size_t unjudged_from(const struct review_view *r, size_t s)
{
	for (size_t d = 0; d < r->nseg; d++) {
		size_t i = (s + d) % r->nseg;
		if (!r->seg_judged[i])
			return i;
	}
	return SIZE_MAX;
}

/* After a verdict: the next segment the reviewer has not judged, after
 * the one judged (wrapping round; the other coders of the same passage
 * first). */
static void next_unjudged(struct tui *t, struct review_view *r, const char *judged)
{
	size_t from = r->cards.n ? r->items[r->cards.cur].first : 0;
	for (size_t i = 0; i < r->nseg; i++)
		if (strcmp(r->seg[i], judged) == 0)
			from = i + 1;
	size_t s = unjudged_from(r, from);
	if (s == SIZE_MAX) {
		tui_message(t, false, "Reviewed: %s; every segment of the code judged (T: the next "
		            "code to judge)", coding_verdict_name(r->verdict));
		return;
	}
	choose(r, s);
	review_reload(t, tui_view_top(t));
}

/* The reviewer acts (verdicts, anchors, fixes, their undo); then the
 * coder again. */
static void act_as_reviewer(struct tui *t, bool on)
{
	store_set_actor(t->st, on ? reviewer(t) : t->coder);
}

static void review_done(struct tui *t, const char *comment)
{
	struct review_view *r = review_top(t);
	struct anker_err err = { 0 };
	if (!r || !r->npending)
		return;
	/* The segments the prompt was opened on, even when the list was
	 * reloaded meanwhile (another process wrote). */
	int rc = coding_review_add_each(t->st, r->pending, r->npending, r->verdict, comment,
	                                reviewer(t), &err);
	act_as_reviewer(t, false);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	if (r->npending > 1)
		tui_message(t, false, "Reviewed: %s, the segments of %zu coders (u undoes)",
		            coding_verdict_name(r->verdict), r->npending);
	else
		tui_message(t, false, "Reviewed: %s (u undoes)", coding_verdict_name(r->verdict));
	review_reload(t, tui_view_top(t));
	next_unjudged(t, r, r->pending[r->npending - 1]);
	if (r->context)
		context_build(t, r);
}

/* y, d, m: the verdict's comment asked for the chosen coder's segment of
 * the passage, or (=) every coder's. */
static void review_verdict(struct tui *t, struct review_view *r, enum tui_action a)
{
	if (!cur_seg(r)) {
		/* The comment typed next must not run as keys. */
		tui_prompt_fail(t, TUI_PROMPT_COMMENT, "No verdict", "no segment to review");
		return;
	}
	const struct review_item *it = &r->items[r->cards.cur];
	size_t from = r->all ? it->first : it->first + it->sel, n = r->all ? it->n : 1;
	free(r->pending);
	r->pending = xcalloc(n, sizeof *r->pending);
	memcpy(r->pending, r->seg + from, n * sizeof *r->pending);
	r->npending = n;
	r->verdict = a == TUI_ACT_FITS ? CODING_FITS
	           : a == TUI_ACT_MISFIT ? CODING_MISFIT : CODING_BORDERLINE;
	tui_prompt_open(t, TUI_PROMPT_COMMENT, a == TUI_ACT_FITS ? "Fits, comment (Enter: none): "
	                 : a == TUI_ACT_MISFIT ? "Does not fit, comment (Enter: none): "
	                 : "Borderline, comment (Enter: none): ", NULL, review_done);
}

/* h and l: the previous or next coder of the passage under the cursor. */
static void review_coder(struct tui *t, struct tui_view *v, int d)
{
	struct review_view *r = v->priv;
	if (!r->cards.n)
		return;
	const struct review_item *it = &r->items[r->cards.cur];
	if (it->n < 2) {
		tui_message(t, false, "One coder coded this passage");
		return;
	}
	choose(r, it->first + (it->sel + it->n + (size_t)(d > 0 ? 1 : it->n - 1)) % it->n);
	review_reload(t, v);
}

/* =: verdicts for the chosen coder's segment or every coder's. */
static void review_all(struct tui *t, struct tui_view *v)
{
	struct review_view *r = v->priv;
	r->all = !r->all;
	tui_message(t, false, r->all ? "Verdicts go to every coder's segment of the passage (=: "
	                               "the chosen coder's)"
	                             : "Verdicts go to the chosen coder's segment (h/l choose; =: "
	                               "every coder's)");
	review_reload(t, v);
}

static void review_anchor(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	size_t pos;
	bool other;
	const char *seg = cur_seg(r);
	if (!seg)
		return;
	int rc = coding_anchor_add(t->st, r->guid, seg, reviewer(t), &pos, &other, &err);
	act_as_reviewer(t, false);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	tui_message(t, false, "Added anchor example %zu (u undoes)", pos);
	if (review_load(t, r, &err))
		tui_message(t, true, "%s", err.msg);
}

/* P: choose the next anchor example (wrapping round, then none). */
static void anchor_pick(struct tui *t, struct tui_view *v)
{
	struct review_view *r = v->priv;
	r->anchor = r->nanchors ? (r->anchor + 1) % (r->nanchors + 1) : 0;
	if (r->anchor)
		tui_message(t, false, "Anchor example %zu of %zu (e edits, D deletes, < > move it)",
		            r->anchor, r->nanchors);
	else
		tui_message(t, false, r->nanchors ? "No anchor example chosen" : "No anchor examples");
	r->context = false;
	review_reload(t, v);
}

/* The chosen anchor example's position, or 0 after saying there is none. */
static size_t anchor_chosen(struct tui *t, const struct review_view *r)
{
	if (!r->anchor || r->anchor > r->nanchors)
		tui_message(t, true, "No anchor example chosen (P chooses one)");
	return r->anchor <= r->nanchors ? r->anchor : 0;
}

static void anchor_done(struct tui *t, struct review_view *r, int rc, struct anker_err *err,
                        const char *what)
{
	act_as_reviewer(t, false);
	if (rc)
		tui_message(t, true, "Anchor example not %s: %s", what, err->msg);
	else
		tui_message(t, false, "Anchor example %s (u undoes)", what);
	if (review_load(t, r, err))
		tui_message(t, true, "%s", err->msg);
}

static void anchor_edited(struct tui *t, const char *text)
{
	struct review_view *r = review_top(t);
	struct anker_err err = { 0 };
	if (!r || !anchor_chosen(t, r))
		return;
	int rc = coding_anchor_edit(t->st, r->guid, r->anchor, text, reviewer(t), &err);
	anchor_done(t, r, rc, &err, "edited");
}

/* e, D, < and >: edit, delete, move the chosen anchor example. */
static void anchor_act(struct tui *t, struct review_view *r, enum tui_action a)
{
	struct anker_err err = { 0 };
	struct coding_anchor *an;
	size_t n, pos = anchor_chosen(t, r);
	int rc;
	if (!pos)
		return;
	if (a == TUI_ACT_DOC_RENAME) {
		if (coding_anchors_list(t->st, r->guid, &an, &n, &err) || pos > n) {
			tui_message(t, true, "%s", err.msg[0] ? err.msg : "The anchor example is gone");
			return;
		}
		tui_prompt_open(t, TUI_PROMPT_COMMENT, "Anchor example: ", an[pos - 1].text,
		                anchor_edited);
		coding_anchors_free(an, n);
		return;
	}
	if (a == TUI_ACT_DOC_DELETE) {
		rc = coding_anchor_delete(t->st, r->guid, pos, reviewer(t), &err);
		r->anchor = 0;
		anchor_done(t, r, rc, &err, "deleted");
		return;
	}
	size_t to = a == TUI_ACT_START_LEFT ? pos - 1 : pos + 1;
	if (to < 1 || to > r->nanchors) {
		tui_message(t, false, to < 1 ? "The first anchor example" : "The last anchor example");
		return;
	}
	rc = coding_anchor_move(t->st, r->guid, pos, to, reviewer(t), &err);
	if (!rc)
		r->anchor = to;
	anchor_done(t, r, rc, &err, "moved");
}

static void recode_picked(struct tui *t, const char *key, const char *typed)
{
	struct review_view *r = review_top(t);
	struct anker_err err = { 0 };
	(void)typed;
	int code = key ? views_code_find_guid(t, key) : -1;
	if (!r || code < 0) {
		tui_message(t, true, "The code is %s", TUI_GONE);
		return;
	}
	int rc = coding_segment_recode(t->st, r->recode_seg, key, reviewer(t), &err);
	act_as_reviewer(t, false);
	if (rc) {
		tui_message(t, true, "Not recoded: %s", err.msg);
		return;
	}
	const struct codebook_code *k = &t->codes.cb.codes[code];
	tui_message(t, false, "Recoded to %s %s (u undoes)", k->number, k->name);
	tui_reload(t);
}

static void review_recode(struct tui *t, struct review_view *r)
{
	if (!cur_seg(r)) {
		tui_message(t, true, "No segment to recode");
		return;
	}
	memcpy(r->recode_seg, cur_seg(r), sizeof r->recode_seg);
	tui_finder_open(t, "Recode the segment with (type a number or a name; Enter)",
	                tui_finder_code_items(t), t->codes.cb.ncodes, false, recode_picked);
}

static void review_remove(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	if (!cur_seg(r)) {
		tui_message(t, true, "No segment to remove");
		return;
	}
	act_as_reviewer(t, true);
	int rc = coding_unmark(t->st, cur_seg(r), &err);
	act_as_reviewer(t, false);
	if (rc) {
		tui_message(t, true, "Not removed: %s", err.msg);
		return;
	}
	tui_message(t, false, "Removed the segment (u undoes)");
	tui_reload(t);
}

/* J and K: the next or previous code of the code system, the cursor on
 * its first segment the reviewer has not judged. */
static void review_goto(struct tui *t, struct review_view *r, int i)
{
	struct anker_err err = { 0 };
	memcpy(r->guid, t->codes.cb.codes[i].guid, sizeof r->guid);
	r->cards.cur = r->cards.top = 0;
	r->left_top = 0;
	r->sel_seg[0] = 0;
	tui_codes_set_current(t, i);
	int rc = review_load(t, r, &err);
	size_t s = rc ? SIZE_MAX : unjudged_from(r, 0);
	r->cards.keep[0] = 0;
	if (s != SIZE_MAX) {
		choose(r, s);
		rc = review_load(t, r, &err);
	}
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	if (r->context)
		context_build(t, r);
}

static void review_step(struct tui *t, struct review_view *r, int d)
{
	int i = views_code_find_guid(t, r->guid), n = (int)t->codes.cb.ncodes;
	if (i + d < 0 || i + d >= n) {
		tui_message(t, false, d > 0 ? "The last code" : "The first code");
		return;
	}
	review_goto(t, r, i < 0 ? 0 : i + d);
}

/* T: the next code (after this one, wrapping round) with segments the
 * reviewer has not judged. */
static void review_todo(struct tui *t, struct review_view *r)
{
	struct coding_review_count *c = NULL;
	size_t nc = 0;
	struct anker_err err = { 0 };
	int rc = coding_review_counts(t->st, reviewer(t), &c, &nc, &err);
	bool none_yet = rc == ANKER_NOTFOUND;   /* the reviewer has judged nothing yet */
	if (none_yet)
		rc = coding_review_counts(t->st, NULL, &c, &nc, &err);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	int i = views_code_find_guid(t, r->guid), n = (int)t->codes.cb.ncodes, to = -1;
	for (int d = 1; d <= n && to < 0; d++) {
		int j = ((i < 0 ? 0 : i) + d) % n;
		for (size_t q = 0; q < nc; q++)
			if (c[q].code_id == t->codes.cb.codes[j].id &&
			    c[q].segments > (none_yet ? 0 : c[q].reviewed))
				to = j;
	}
	coding_review_counts_free(c, nc);
	if (to < 0)
		tui_message(t, false, "Every segment judged by %s", reviewer(t));
	else
		review_goto(t, r, to);
}

static bool review_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct review_view *r = v->priv;
	if (cards_key(&r->cards, a, v->r.h)) {
		if (r->context)
			context_build(t, r);
		return true;
	}
	switch (a) {
	case TUI_ACT_FITS: case TUI_ACT_MISFIT: case TUI_ACT_BORDERLINE:
		review_verdict(t, r, a);
		return true;
	case TUI_ACT_LEFT: case TUI_ACT_RIGHT:
		review_coder(t, v, a == TUI_ACT_RIGHT ? 1 : -1);
		return true;
	case TUI_ACT_VERDICT_ALL: review_all(t, v); return true;
	case TUI_ACT_ANCHOR_PICK: anchor_pick(t, v); return true;
	case TUI_ACT_DOC_RENAME: case TUI_ACT_DOC_DELETE: case TUI_ACT_START_LEFT:
	case TUI_ACT_START_RIGHT:
		anchor_act(t, r, a);
		return true;
	case TUI_ACT_ANCHOR: review_anchor(t, r); return true;
	case TUI_ACT_FIND: review_recode(t, r); return true;
	case TUI_ACT_UNCODE: review_remove(t, r); return true;
	case TUI_ACT_CODE_NEXT: review_step(t, r, 1); return true;
	case TUI_ACT_CODE_PREV: review_step(t, r, -1); return true;
	case TUI_ACT_CODE_TODO: review_todo(t, r); return true;
	case TUI_ACT_UNDO: case TUI_ACT_REDO:
		act_as_reviewer(t, true);
		tui_undo_redo(t, a == TUI_ACT_REDO);
		act_as_reviewer(t, false);
		return true;
	case TUI_ACT_CONTEXT:
		r->context = !r->context;
		r->left_top = 0;
		review_reload(t, v);
		return true;
	case TUI_ACT_OPEN: cards_jump(t, &r->cards); return true;
	case TUI_ACT_PARA_NEXT: r->left_top += 3; return true;
	case TUI_ACT_PARA_PREV: r->left_top = r->left_top > 3 ? r->left_top - 3 : 0; return true;
	case TUI_ACT_REVIEW: return true;
	default: return false;
	}
}

static void review_close(struct tui_view *v)
{
	if (v->priv)
		review_free(v->priv);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_review_ops = {
	.name = "review",
	.open = review_open,
	.draw = review_draw,
	.key = review_key,
	.resize = NULL,
	.reload = review_reload,
	.close = review_close,
};
