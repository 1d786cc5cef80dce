/* tui/view_review.c — codebook and review of one code (issue 4 item 7):
 * on the left its number, path, definition, anchor examples, notes and
 * the counts of verdicts; on the right its coded segments with their
 * verdicts.  The reviewer marks the segment under the cursor fits (y),
 * does not fit (d) or borderline (m), with an optional comment asked on
 * the prompt line, and promotes it to an anchor example (a).  Each is one
 * undo step; the view reloads at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"

struct review_view {
	char guid[37];           /* the code's */
	char *label;             /* "2.1 Name" as last seen (said when it is gone) */
	struct cards cards;      /* its segments; card keys: the segments' GUIDs */
	struct strbuf left;      /* the codebook side, lines split by '\n' */
	size_t left_top;
	enum coding_verdict pending;
	char pending_seg[37];    /* the segment the verdict's prompt is for */
};

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

static void left_build(struct tui *t, struct review_view *r, int i)
{
	const struct codebook_code *k = &t->codes.cb.codes[i];
	struct strbuf *l = &r->left;
	sb_reset(l);
	views_code_label(t, i, l);
	sb_adds(l, "\n\nDefinition:\n");
	sb_adds(l, *k->definition ? k->definition : "(none)");
	sb_adds(l, "\n\nAnchor examples:\n");
	struct coding_anchor *a;
	size_t na;
	struct anker_err err = { 0 };
	if (coding_anchors_list(t->st, r->guid, &a, &na, &err) == 0) {
		for (size_t j = 0; j < na; j++) {
			sb_addf(l, "%zu. %s", a[j].position, a[j].text);
			if (*a[j].citation)
				sb_addf(l, " (%s)", a[j].citation);
			sb_addc(l, '\n');
		}
		if (!na)
			sb_adds(l, "(none)\n");
		coding_anchors_free(a, na);
	}
	for (size_t j = 0; j < k->nnotes; j++)
		sb_addf(l, "\n%s:\n%s\n", k->notes[j].label, k->notes[j].text);
	left_counts(t, r, i);
}

/* Load (again): the code by its GUID, the cursor on the same segment; a
 * code that is gone leaves its label and says so. */
static int review_load(struct tui *t, struct review_view *r, struct anker_err *err)
{
	int i = views_code_find_guid(t, r->guid);
	cards_refill(&r->cards);
	if (i < 0) {
		cards_settle(&r->cards);
		sb_reset(&r->left);
		sb_addf(&r->left, "%s\n\nThe code is " TUI_GONE ".\n", r->label ? r->label : "");
		return 0;
	}
	struct coding_filter f = { .code = r->guid, .min_weight = -1, .with_text = true };
	struct coding_segment *v;
	size_t n;
	int rc = coding_segments_list(t->st, &f, &v, &n, err);
	struct coding_review_filter rf = { .code = r->guid, .verdict = -1 };
	struct coding_review *rv = NULL;
	size_t nr = 0;
	if (!rc && (rc = coding_reviews_list(t->st, &rf, &rv, &nr, err)))
		coding_segments_free(v, n);
	if (rc) {
		cards_settle(&r->cards);
		return rc;
	}
	for (size_t j = 0; j < n; j++) {
		struct card *k = cards_add(&r->cards, v[j].doc_id, v[j].doc, v[j].start, v[j].guid);
		views_segment_card(k, &v[j]);
		for (size_t q = 0; q < nr; q++)
			if (rv[q].latest && strcmp(rv[q].segment, v[j].guid) == 0)
				cards_partf(k, A_BOLD, "Verdict: %s by %s%s%s", rv[q].verdict, rv[q].reviewer,
				            *rv[q].comment ? ": " : "", rv[q].comment);
	}
	cards_settle(&r->cards);
	coding_segments_free(v, n);
	coding_reviews_free(rv, nr);
	struct strbuf sb = { 0 };
	views_code_label(t, i, &sb);
	free(r->label);
	r->label = sb_steal(&sb);
	left_build(t, r, i);
	return 0;
}

static void review_free(struct review_view *r)
{
	cards_free(&r->cards);
	sb_free(&r->left);
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
	char title[200];
	snprintf(title, sizeof title, "Codebook and review: %zu segment%s  (y fits, d does not fit, "
	         "m borderline, a anchor, Enter: go to, q: close)", r->cards.n,
	         r->cards.n == 1 ? "" : "s");
	tui_draw_title(&v->r, title, true);
	int lw = v->r.w * 2 / 5;
	struct tui_rect lr = { v->r.y + 1, v->r.x, v->r.h - 1, lw };
	struct tui_rect rr = { v->r.y + 1, v->r.x + lw + 1, v->r.h - 1, v->r.w - lw - 1 };
	draw_left(r, &lr);
	mvvline(lr.y, v->r.x + lw, '|', lr.h);
	cards_draw(t, &r->cards, &rr, true);
}

static void review_done(struct tui *t, const char *comment)
{
	struct tui_view *v = tui_view_top(t);
	struct anker_err err = { 0 };
	if (!v || v->ops != &tui_view_review_ops)
		return;
	struct review_view *r = v->priv;
	/* The segment the prompt was opened on, even when the list was
	 * reloaded meanwhile (another process wrote). */
	if (coding_review_add(t->st, r->pending_seg, r->pending, comment, t->coder, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	tui_message(t, false, "Reviewed: %s (u undoes)", coding_verdict_name(r->pending));
	review_reload(t, v);
}

static void review_anchor(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	size_t pos;
	bool other;
	if (!r->cards.n)
		return;
	const char *seg = r->cards.v[r->cards.cur].key;
	if (coding_anchor_add(t->st, r->guid, seg, t->coder, &pos, &other, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	tui_message(t, false, "Added anchor example %zu (u undoes)", pos);
	if (review_load(t, r, &err))
		tui_message(t, true, "%s", err.msg);
}

static bool review_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct review_view *r = v->priv;
	if (cards_key(&r->cards, a, v->r.h))
		return true;
	switch (a) {
	case TUI_ACT_FITS: case TUI_ACT_MISFIT: case TUI_ACT_BORDERLINE:
		if (!r->cards.n) {
			/* The comment typed next must not run as keys. */
			tui_prompt_fail(t, TUI_PROMPT_COMMENT, "No verdict", "no segment to review");
			return true;
		}
		memcpy(r->pending_seg, r->cards.v[r->cards.cur].key, sizeof r->pending_seg);
		r->pending = a == TUI_ACT_FITS ? CODING_FITS
		           : a == TUI_ACT_MISFIT ? CODING_MISFIT : CODING_BORDERLINE;
		tui_prompt_open(t, TUI_PROMPT_COMMENT, a == TUI_ACT_FITS ? "Fits, comment (Enter: none): "
		                 : a == TUI_ACT_MISFIT ? "Does not fit, comment (Enter: none): "
		                 : "Borderline, comment (Enter: none): ", NULL, review_done);
		return true;
	case TUI_ACT_ANCHOR: review_anchor(t, r); return true;
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
