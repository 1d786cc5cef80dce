/* tui/view_review.c — codebook and review of one code (issue 4 item 7,
 * issues 14 and 17): on the left its number, path, definition, anchor
 * examples, notes and the counts of verdicts (or, with z, the paragraphs
 * around the segment under the cursor; with \, where the code blurs into
 * others); on the right its coded segments with their verdicts, identical
 * passages of several coders as one card naming each coder and each one's
 * verdicts (or, with Z, candidates: passages to code with it).  The keys
 * that judge and fix are in tui/review_act.c, the candidates and the
 * boundaries in tui/review_panels.c, the cards in tui/review_cards.c.
 * J and K walk the code system, T goes to the next code with segments
 * left to judge.  Everything done here is done as the reviewer
 * (:reviewer, $ANKER_REVIEWER, else the coder) and is one undo step; u,
 * Ctrl-R, :undo and :redo here undo and redo the reviewer's steps.  The
 * view reloads at once.  C lists every coder's segments or one coder's,
 * :docs only those of some documents (issue 13); the header says which,
 * its counts and :export follow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "review.h"

static void review_free(struct review_view *r)
{
	review_data_free(r);
	cards_free(&r->cards);
	review_cand_free(r);
	sb_free(&r->left);
	sb_free(&r->bounds);
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

void review_reload(struct tui *t, struct tui_view *v)
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
	struct strbuf title = { 0 };
	if (r->cand_on) {
		sb_addf(&title, "Candidates for %s: %zu passage%s not coded with it%s",
		        r->label ? r->label : "", r->ncand, r->ncand == 1 ? "" : "s",
		        views_coders_one(&r->coders) ? " by any coder" : "");
		views_docs_say(t, &title);
		sb_adds(&title, "  (c code it, a code it as an anchor example, Enter: go to, Z: the "
		        "segments, q: close)");
	} else {
		/* The counts are of the segments listed; the filters right after
		 * them (said, like :docs, only when on), where 80 columns still
		 * show one of them. */
		sb_addf(&title, "Codebook and review: %zu segment%s, %zu judged by %s", r->nseg,
		        r->nseg == 1 ? "" : "s", r->njudged, review_reviewer(t));
		if (views_coders_one(&r->coders)) {
			sb_adds(&title, ", ");
			views_coders_say(&r->coders, &title);
		}
		views_docs_say(t, &title);
		sb_addf(&title, "%s  (y fits, d does not fit, m borderline, J/K next/previous code, T "
		        "next to judge, z context, f recode, x remove, , . [ ] move start/end, a anchor, "
		        "h/l coder, = all coders, C coders one at a time, Z candidates, \\ boundaries, "
		        "Enter: go to, q: close)", r->all ? ", verdicts for all coders" : "");
	}
	tui_draw_title(&v->r, sb_str(&title), true);
	sb_free(&title);
	int lw = v->r.w * 2 / 5;
	struct tui_rect lr = { v->r.y + 1, v->r.x, v->r.h - 1, lw };
	struct tui_rect rr = { v->r.y + 1, v->r.x + lw + 1, v->r.h - 1, v->r.w - lw - 1 };
	draw_left(r, &lr);
	mvvline(lr.y, v->r.x + lw, '|', lr.h);
	if (r->cand_on)
		cards_draw(t, &r->cand, &rr, true);
	else
		cards_draw(t, &r->cards, &rr, true);
}

struct review_view *review_top(struct tui *t)
{
	struct tui_view *v = tui_view_top(t);
	return v && v->ops == &tui_view_review_ops ? v->priv : NULL;
}

const char *review_cur_seg(struct review_view *r)
{
	const struct review_item *it = review_cur_item(r);
	return it ? r->wseg[it->first + it->sel].guid : NULL;
}

/* Choose list position pos when its card is in the window: nothing to
 * read (h/l, the next to judge after a verdict). */
static bool choose_held(struct review_view *r, size_t pos)
{
	size_t k = pos - r->wseg_pos;
	if (!r->items || pos < r->wseg_pos || k >= r->nwseg)
		return false;
	for (size_t j = 0; j < r->cards.nv; j++) {
		struct review_item *it = &r->items[j];
		if (k < it->first || k >= it->first + it->n)
			continue;
		r->cards.cur = r->cards.base + j;
		if (it->sel != k - it->first) {
			it->sel = k - it->first;
			cards_unfill(&r->cards, r->cards.cur);   /* its '>' */
		}
		memcpy(r->sel_seg, r->wseg[k].guid, sizeof r->sel_seg);
		r->sel_doc = r->wseg[k].doc_id;
		return true;
	}
	return false;   /* past the window's last whole passage */
}

/* Else the card marks the choice when its window is read next. */
void review_choose(struct tui *t, struct review_view *r, size_t pos)
{
	struct anker_err err = { 0 };
	struct coding_segment g = { 0 };
	size_t i, got = 0;
	if (!r->pages || choose_held(r, pos))
		return;
	if (coding_pages_passage_of(t->st, r->pages, pos, &i, &err) ||
	    coding_pages_read(t->st, r->pages, pos, 1, &g, &got, &err) || !got) {
		if (err.msg[0])
			tui_message(t, true, "%s", err.msg);
		return;
	}
	r->cards.cur = i;
	memcpy(r->sel_seg, g.guid, sizeof r->sel_seg);
	r->sel_doc = g.doc_id;
	coding_segment_free(&g);
	review_window_drop(r);
}

size_t review_unjudged_from(struct tui *t, struct review_view *r, size_t pos)
{
	struct anker_err err = { 0 };
	/* Every listed segment judged (the title's count): nothing to look
	 * for, not a walk of the code's segments to learn it. */
	if (r->njudged >= r->nseg)
		return SIZE_MAX;
	/* In the window first: after a verdict the next is near. */
	if (!r->nwseg && r->cards.n)
		cards_at(&r->cards, r->cards.cur);
	for (size_t k = pos >= r->wseg_pos ? pos - r->wseg_pos : r->nwseg; k < r->nwseg; k++)
		if (!r->seg_judged[k])
			return r->wseg_pos + k;
	int rc = r->pages ? coding_pages_unjudged(t->st, r->pages, review_reviewer(t), pos, &pos,
	                                          &err)
	                  : ANKER_NOTFOUND;
	if (rc && rc != ANKER_NOTFOUND)
		tui_message(t, true, "%s", err.msg);
	return rc ? SIZE_MAX : pos;
}

void review_act_as(struct tui *t, bool on)
{
	store_set_actor(t->st, on ? review_reviewer(t) : t->coder);
}

/* J and K: the next or previous code of the code system, the cursor on
 * its first segment the reviewer has not judged. */
static void review_goto(struct tui *t, struct review_view *r, int i)
{
	struct anker_err err = { 0 };
	memcpy(r->guid, t->codes.cb.codes[i].guid, sizeof r->guid);
	review_data_free(r);   /* the cursor goes to the new code's list, not the old one's */
	r->cards.cur = r->cards.top = 0;
	r->left_top = 0;
	r->sel_seg[0] = 0;
	tui_codes_set_current(t, i);
	int rc = review_load(t, r, &err);
	size_t s = rc ? SIZE_MAX : review_unjudged_from(t, r, 0);
	if (s != SIZE_MAX)
		review_choose(t, r, s);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	if (r->show == REVIEW_LEFT_CONTEXT)
		review_context_build(t, r);
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
 * reviewer has not judged, among those B lists (C and :docs). */
static void review_todo(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	int i = views_code_find_guid(t, r->guid), n = (int)t->codes.cb.ncodes, to = -1;
	int64_t *order = xcalloc((size_t)n + 1, sizeof *order);
	for (int d = 1; d <= n; d++)
		order[d - 1] = t->codes.cb.codes[((i < 0 ? 0 : i) + d) % n].id;
	size_t found;
	int rc = coding_review_todo_find(t->st, review_reviewer(t), views_coders_one(&r->coders),
	                                 views_docs(t), order, (size_t)n, &found, &err);
	free(order);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	if (found < (size_t)n)
		to = ((i < 0 ? 0 : i) + (int)found + 1) % n;
	if (to < 0) {
		struct strbuf say = { 0 };
		review_filters_say(t, r, &say);
		tui_message(t, false, "Every segment%s judged by %s", sb_str(&say), review_reviewer(t));
		sb_free(&say);
	} else
		review_goto(t, r, to);
}

static bool review_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct review_view *r = v->priv;
	if (review_panel_key(t, v, a))
		return true;
	if (cards_key(&r->cards, a, v->r.h)) {
		if (r->show == REVIEW_LEFT_CONTEXT)
			review_context_build(t, r);
		return true;
	}
	if (review_act_key(t, v, a))
		return true;
	switch (a) {
	case TUI_ACT_CODE_NEXT: review_step(t, r, 1); return true;
	case TUI_ACT_CODE_PREV: review_step(t, r, -1); return true;
	case TUI_ACT_CODE_TODO: review_todo(t, r); return true;
	case TUI_ACT_CONTEXT:
		r->show = r->show == REVIEW_LEFT_CONTEXT ? REVIEW_LEFT_CODEBOOK : REVIEW_LEFT_CONTEXT;
		r->left_top = 0;
		review_reload(t, v);
		return true;
	case TUI_ACT_OPEN: cards_jump(t, &r->cards); return true;
	case TUI_ACT_PARA_NEXT: r->left_top += 3; return true;
	case TUI_ACT_PARA_PREV: r->left_top = r->left_top > 3 ? r->left_top - 3 : 0; return true;
	case TUI_ACT_CODERS:
		if (views_coders_next(t, &r->coders, false))
			review_reload(t, v);
		return true;
	case TUI_ACT_REVIEW: return true;
	default: return false;
	}
}

/* u, Ctrl-R, :undo and :redo undo and redo the reviewer's steps here:
 * the verdicts, anchor examples and fixes made in this view are. */
static const char *review_actor(struct tui *t, struct tui_view *v)
{
	(void)v;
	return review_reviewer(t);
}

static bool review_idle(struct tui *t, struct tui_view *v)
{
	return review_boundaries_idle(t, v->priv);
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
	.actor = review_actor,
	.table = review_table,
	.idle = review_idle,
};
