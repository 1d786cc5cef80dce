/* tui/review_act.c — what the reviewer does in the codebook and review
 * view (B): verdicts on the chosen segment (y, d, m; h/l and = choose
 * whose), anchor examples (a promotes the segment; P chooses one, which
 * e edits, D deletes, < and > move), and a misfit fixed where it is
 * found: recoded (f), removed (x), its boundaries moved.  Each is one
 * undo step done as the reviewer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "review.h"
#include "text.h"

/* After a verdict: the next segment the reviewer has not judged, after
 * the one judged (wrapping round; the other coders of the same passage
 * first). */
static void next_unjudged(struct tui *t, struct review_view *r, const char *judged)
{
	const struct review_item *it = review_cur_item(r);
	size_t from = it ? r->wseg_pos + it->first : 0;
	for (size_t i = 0; i < r->nwseg; i++)
		if (strcmp(r->wseg[i].guid, judged) == 0)
			from = r->wseg_pos + i + 1;
	size_t s = review_unjudged_from(t, r, from);
	if (s == SIZE_MAX) {
		/* Under C or :docs the others may be left to judge. */
		bool some = views_coders_one(&r->coders) || views_docs(t);
		tui_message(t, false, "Reviewed: %s; every segment %s judged (T: the next code to "
		            "judge)", coding_verdict_name(r->verdict), some ? "listed" : "of the code");
		return;
	}
	review_choose(t, r, s);
}

static void review_done(struct tui *t, const char *comment)
{
	struct review_view *r = review_top(t);
	struct anker_err err = { 0 };
	if (!r || !r->npending)
		return;
	/* The segments the prompt was opened on, even when the list was
	 * reloaded meanwhile (another process wrote).  What the verdict
	 * changes of the counts is read first: the list is not read again. */
	struct coding_review_count c = { 0 };
	int64_t judged;
	int rc = coding_review_count_change(t->st, review_reviewer(t), r->pending, r->npending,
	                                    r->verdict, &judged, &c, &err);
	if (!rc)
		rc = coding_review_add_each(t->st, r->pending, r->npending, r->verdict, comment,
		                            review_reviewer(t), &err);
	review_act_as(t, false);
	if (rc) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	if (r->npending > 1)
		tui_message(t, false, "Reviewed: %s, the segments of %zu coders (u undoes)",
		            coding_verdict_name(r->verdict), r->npending);
	else
		tui_message(t, false, "Reviewed: %s (u undoes)", coding_verdict_name(r->verdict));
	review_judged(t, r, judged, &c, r->pending, r->npending);
	/* a verdict moves the profiles (fits count twice, misfits not): the
	 * kept boundaries went with it, to be worked out again when idle */
	r->bounds_idle = false;
	next_unjudged(t, r, r->pending[r->npending - 1]);
	if (r->show == REVIEW_LEFT_CONTEXT)
		review_context_build(t, r);
}

/* y, d, m: the verdict's comment asked for the chosen coder's segment of
 * the passage, or (=) every coder's. */
static void review_verdict(struct tui *t, struct review_view *r, enum tui_action a)
{
	if (!review_cur_seg(r)) {
		/* The comment typed next must not run as keys. */
		tui_prompt_fail(t, TUI_PROMPT_COMMENT, "No verdict", "no segment to review");
		return;
	}
	const struct review_item *it = review_cur_item(r);
	size_t from = r->all ? it->first : it->first + it->sel, n = r->all ? it->n : 1;
	free(r->pending);
	r->pending = xcalloc(n, sizeof *r->pending);
	for (size_t i = 0; i < n; i++)
		memcpy(r->pending[i], r->wseg[from + i].guid, sizeof r->pending[i]);
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
	const struct review_item *it = review_cur_item(r);
	if (!it)
		return;
	if (it->n < 2) {
		tui_message(t, false, "One coder coded this passage");
		return;
	}
	review_choose(t, r, r->wseg_pos + it->first +
	              (it->sel + it->n + (size_t)(d > 0 ? 1 : it->n - 1)) % it->n);
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
	review_cards_again(r);
}

static void review_anchor(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	size_t pos;
	bool other;
	const char *seg = review_cur_seg(r);
	if (!seg)
		return;
	int rc = coding_anchor_add(t->st, r->guid, seg, review_reviewer(t), &pos, &other, &err);
	review_act_as(t, false);
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
	r->show = REVIEW_LEFT_CODEBOOK;
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
	review_act_as(t, false);
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
	int rc = coding_anchor_edit(t->st, r->guid, r->anchor, text, review_reviewer(t), &err);
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
		rc = coding_anchor_delete(t->st, r->guid, pos, review_reviewer(t), &err);
		r->anchor = 0;
		anchor_done(t, r, rc, &err, "deleted");
		return;
	}
	size_t to = a == TUI_ACT_START_LEFT ? pos - 1 : pos + 1;
	if (to < 1 || to > r->nanchors) {
		tui_message(t, false, to < 1 ? "The first anchor example" : "The last anchor example");
		return;
	}
	rc = coding_anchor_move(t->st, r->guid, pos, to, review_reviewer(t), &err);
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
	int rc = coding_segment_recode(t->st, r->recode_seg, key, review_reviewer(t), &err);
	review_act_as(t, false);
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
	if (!review_cur_seg(r)) {
		tui_message(t, true, "No segment to recode");
		return;
	}
	memcpy(r->recode_seg, review_cur_seg(r), sizeof r->recode_seg);
	tui_finder_open(t, "Recode the segment with (type a number or a name; Enter)",
	                tui_finder_code_items(t), t->codes.cb.ncodes, false, recode_picked);
}

static void review_remove(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	if (!review_cur_seg(r)) {
		tui_message(t, true, "No segment to remove");
		return;
	}
	review_act_as(t, true);
	int rc = coding_unmark(t->st, review_cur_seg(r), &err);
	review_act_as(t, false);
	if (rc) {
		tui_message(t, true, "Not removed: %s", err.msg);
		return;
	}
	tui_message(t, false, "Removed the segment (u undoes)");
	tui_reload(t);
}


/* , and . move the start of the chosen segment a word left or right, [
 * and ] its end, as <, >, [ and ] do in the text pane (text_bounds_move)
 * and through the same coding_segment_set: one undo step, the
 * reviewer's.  The card shows the new extent on the reload. */
static void review_bounds(struct tui *t, struct review_view *r, enum tui_action a)
{
	struct anker_err err = { 0 };
	struct coding_segment g;
	struct coding_segment_change c;
	struct text_doc d = { 0 };
	char *s;
	size_t len;
	if (!review_cur_seg(r)) {
		tui_message(t, true, "No segment to adjust");
		return;
	}
	if (coding_segment_find(t->st, review_cur_seg(r), &g, &err)) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	int rc = corpus_doc_text(t->st, g.doc_id, &s, &len, &err);
	if (!rc && text_doc_set(&d, s, len))
		rc = anker_err_set(&err, ANKER_NOMEM, "out of memory");
	bool moved = !rc && text_bounds_move(&d, &g, a, &c);
	text_doc_free(&d);
	if (rc || !moved) {
		if (rc)
			tui_message(t, true, "%s", err.msg);
		else
			tui_message(t, true, "The segment cannot move that way (%zu-%zu)", g.start, g.end);
		coding_segment_free(&g);
		return;
	}
	review_act_as(t, true);
	rc = coding_segment_set(t->st, g.guid, &c, &err);
	review_act_as(t, false);
	if (rc)
		tui_message(t, true, "Not moved: %s", err.msg);
	else
		tui_message(t, false, "Moved the segment to %zu-%zu (u undoes)",
		            c.set_start ? c.start : g.start, c.set_end ? c.end : g.end);
	coding_segment_free(&g);
	tui_reload(t);
}

bool review_act_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct review_view *r = v->priv;
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
	case TUI_ACT_SEG_START_LEFT: case TUI_ACT_SEG_START_RIGHT: case TUI_ACT_END_LEFT:
	case TUI_ACT_END_RIGHT:
		review_bounds(t, r, a);
		return true;
	case TUI_ACT_ANCHOR: review_anchor(t, r); return true;
	case TUI_ACT_FIND: review_recode(t, r); return true;
	case TUI_ACT_UNCODE: review_remove(t, r); return true;
	default: return false;
	}
}
