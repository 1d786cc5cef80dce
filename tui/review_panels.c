/* tui/review_panels.c — what the codebook and review view (B) shows of the
 * code beyond its own segments (issue 17): the candidates (Z), passages
 * its profile suggests that nobody coded with it, which the supervisor
 * codes (c) or makes anchor examples (a); and where the code blurs (\),
 * as `anker review boundaries --code` lists it.  Both read the whole
 * corpus, so they are computed when asked for, not when B opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "review.h"
#include "../anchor/anchor.h"
#include "../report/report.h"

/* Rows of each list of the boundaries shown at most. */
#define REVIEW_BOUNDARIES 10

void review_cand_free(struct review_view *r)
{
	cards_free(&r->cand);
	anchor_suggestions_free(r->candv, r->ncand_all);
	r->candv = NULL;
	r->ncand = r->ncand_all = 0;
	r->cand_on = false;
}

/* The candidates as cards (again), the cursor kept on the same passage. */
static void cand_cards(struct review_view *r)
{
	char num[REPORT_NUMBER_MAX];
	struct strbuf sb = { 0 };
	cards_refill(&r->cand);
	for (size_t i = 0; i < r->ncand; i++) {
		const struct anchor_suggestion *g = &r->candv[i];
		char key[37];
		snprintf(key, sizeof key, "%lld:%zu", (long long)g->doc_id, g->start);
		struct card *k = cards_add(&r->cand, g->doc_id, g->doc, g->start, key);
		sb_reset(&sb);
		corpus_citation(&sb, g->doc, g->para_first, g->para_last);
		sb_addf(&sb, " | %zu-%zu | score %s", g->start, g->end,
		        report_number(num, g->score, 2, 0));
		cards_part(k, sb_str(&sb), A_BOLD, false);
		cards_partf(k, A_NORMAL, "Terms: %s", g->reasons);
		cards_part(k, g->text, A_NORMAL, true);
	}
	sb_free(&sb);
	cards_settle(&r->cand);
}

/* Z: the candidates for the code under review, or back to its segments. */
static void cand_toggle(struct tui *t, struct review_view *r)
{
	struct anker_err err = { 0 };
	if (r->cand_on) {
		review_cand_free(r);
		tui_message(t, false, "The code's segments again");
		return;
	}
	/* Of the documents :docs keeps; C does not apply: a candidate is a
	 * passage no coder coded with the code (the title says so). */
	struct anchor_suggest_opts o = { .unit = CODING_UNIT_PARAGRAPH,
	                                 .limit = REVIEW_CANDIDATES, .docs = views_docs(t) };
	if (anchor_suggest_passages(t->st, r->guid, &o, &r->candv, &r->ncand, &err)) {
		r->candv = NULL;
		r->ncand = 0;
		tui_message(t, true, "No candidates: %s", err.msg);
		return;
	}
	r->cand_on = true;
	r->ncand_all = r->ncand;
	r->cand.max_lines = 4;
	r->cand.cur = r->cand.top = 0;
	cand_cards(r);
	if (r->ncand)
		tui_message(t, false, "%zu candidate%s (c codes, a also makes an anchor example, "
		            "Z: the segments)", r->ncand, r->ncand == 1 ? "" : "s");
	else
		tui_message(t, false, "No passage shares a term with the code's profile");
}

/* c and a on a candidate: code it with the code under review, as the
 * reviewer; with a also an anchor example (one undo step).  A coded
 * passage is no candidate any more: it leaves the list. */
static void cand_code(struct tui *t, struct review_view *r, bool anchor)
{
	struct anker_err err = { 0 };
	char guid[37];
	size_t pos = 0;
	if (!r->ncand) {
		tui_message(t, true, "No candidate to code");
		return;
	}
	size_t i = r->cand.cur;
	struct anchor_suggestion *g = &r->candv[i];
	struct coding_mark m = { .doc = g->doc, .code = r->guid, .start = g->start, .end = g->end,
	                         .coder = review_reviewer(t) };
	review_act_as(t, true);
	int rc = anchor ? coding_mark_anchor(t->st, &m, guid, &pos, &err)
	                : coding_mark(t->st, &m, guid, &err);
	review_act_as(t, false);
	if (rc) {
		tui_message(t, true, "Not coded: %s", err.msg);
		return;
	}
	if (anchor)
		tui_message(t, false, "Coded %zu-%zu as %s, anchor example %zu (u undoes)", g->start,
		            g->end, review_reviewer(t), pos);
	else
		tui_message(t, false, "Coded %zu-%zu as %s (u undoes)", g->start, g->end,
		            review_reviewer(t));
	/* To the end, past ncand: freed with the rest. */
	struct anchor_suggestion done = *g;
	memmove(g, g + 1, (r->ncand - i - 1) * sizeof *g);
	r->candv[--r->ncand] = done;
	cand_cards(r);
	tui_reload(t);
}

static void blur_list(struct strbuf *l, const struct anchor_blur *v, size_t n)
{
	char a[REPORT_NUMBER_MAX], b[REPORT_NUMBER_MAX];
	for (size_t i = 0; i < n; i++) {
		const struct anchor_blur *x = &v[i];
		if (x->anchor)
			sb_addf(l, "- Anchor example %zu", x->anchor);
		else
			corpus_citation(l, x->doc, x->para_first, x->para_last);
		sb_addf(l, ": %s%s%s %s (own %s)\n  Terms: %s\n  %s\n", x->other_number,
		        *x->other_number ? " " : "", x->other_path, report_number(a, x->other_score, 2, 0),
		        report_number(b, x->own_score, 2, 0), x->reasons, x->text);
	}
	if (!n)
		sb_adds(l, "(none)\n");
}

/* The boundaries of the code into r->bounds, "Where … blurs" first. */
static void bounds_build(struct tui *t, struct review_view *r)
{
	struct strbuf *l = &r->bounds;
	struct anchor_boundaries b = { 0 };
	struct anker_err err = { 0 };
	struct anchor_suggest_opts o = { .limit = REVIEW_BOUNDARIES };
	char num[REPORT_NUMBER_MAX];
	int i = views_code_find_guid(t, r->guid);
	const char *own = i >= 0 ? t->codes.cb.codes[i].number : "";
	sb_reset(l);
	sb_addf(l, "Where %s blurs (\\: back to the codebook)\n", r->label ? r->label : "the code");
	if (anchor_boundaries(t->st, r->guid, &o, &b, &err)) {
		sb_addf(l, "\n%s\n", err.msg);
		return;
	}
	sb_adds(l, "\nSegments closer to another code:\n");
	blur_list(l, b.segments, b.nsegments);
	sb_adds(l, "\nAnchor examples that read like another code's:\n");
	blur_list(l, b.anchors, b.nanchors);
	sb_adds(l, "\nCodes it overlaps most (similarity: shared terms):\n");
	for (size_t j = 0; j < b.npairs; j++) {
		const struct anchor_overlap *p = &b.pairs[j];
		bool a_own = strcmp(p->a_number, own) == 0;
		sb_addf(l, "- %s %s %s: %s\n", a_own ? p->b_number : p->a_number,
		        a_own ? p->b_path : p->a_path, report_number(num, p->similarity, 2, 0),
		        p->shared);
	}
	if (!b.npairs)
		sb_adds(l, "(none)\n");
	anchor_boundaries_free(&b);
}

/* Asked for when \ shows them or the code under review changes, not on
 * every reload (a verdict changes them, and ranking them anew reads the
 * code's every segment); asked again on an unchanged project they are
 * read from the project (anchor/boundaries_cache.c). */
void review_boundaries_build(struct tui *t, struct review_view *r)
{
	if (strcmp(r->bounds_guid, r->guid) != 0) {
		bounds_build(t, r);
		memcpy(r->bounds_guid, r->guid, sizeof r->bounds_guid);
	}
	sb_reset(&r->left);
	sb_add(&r->left, sb_str(&r->bounds), r->bounds.len);
}

/* What \ would compute, computed when no key has come for a while (the
 * key loop's idle time), so that \ shows it at once: ranking the code's
 * segments takes a second of CPU at ten million of them, and any change
 * of the project makes the kept result stale (every change shifts the
 * profiles, so it cannot be caught up with).  Only for the code under
 * review, and once after each load (a change, J, K): a second time on
 * an unchanged project it would be read, not ranked.  A key cancels it
 * (tui/tui.c's idle progress keeps the key); the next idle time starts it
 * again.  An error is not said here: \ says it when asked. */
bool review_boundaries_idle(struct tui *t, struct review_view *r)
{
	struct anchor_boundaries b = { 0 };
	struct anker_err err = { 0 };
	struct anchor_suggest_opts o = { .limit = REVIEW_BOUNDARIES };
	/* Nothing would be kept, the model would have to be built or brought
	 * up to date first (a write, which may wait for another process), or
	 * the code is gone. */
	if (r->bounds_idle || !anchor_boundaries_keepable(t->st) ||
	    views_code_find_guid(t, r->guid) < 0)
		return false;
	int rc = anchor_boundaries(t->st, r->guid, &o, &b, &err);
	anchor_boundaries_free(&b);
	r->bounds_idle = rc != ANKER_CANCELLED;
	return true;
}

/* Keys the candidates take while shown: the rest of the reviewer's keys
 * act on segments, which are not on the screen then. */
static bool cand_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct review_view *r = v->priv;
	if (cards_key(&r->cand, a, v->r.h))
		return true;
	switch (a) {
	case TUI_ACT_CODE: cand_code(t, r, false); return true;
	case TUI_ACT_ANCHOR: cand_code(t, r, true); return true;
	case TUI_ACT_OPEN: cards_jump(t, &r->cand); return true;
	case TUI_ACT_FITS: case TUI_ACT_MISFIT: case TUI_ACT_BORDERLINE: case TUI_ACT_LEFT:
	case TUI_ACT_RIGHT: case TUI_ACT_VERDICT_ALL: case TUI_ACT_FIND: case TUI_ACT_UNCODE:
	case TUI_ACT_SEG_START_LEFT: case TUI_ACT_SEG_START_RIGHT: case TUI_ACT_END_LEFT:
	case TUI_ACT_END_RIGHT: case TUI_ACT_CONTEXT:
		tui_message(t, true, "Candidates shown: c codes one, a makes it an anchor example too, "
		            "Z: back to the segments");
		return true;
	case TUI_ACT_CODE_NEXT: case TUI_ACT_CODE_PREV: case TUI_ACT_CODE_TODO:
		/* They are another code's candidates. */
		review_cand_free(r);
		return false;
	default: return false;
	}
}

bool review_panel_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct review_view *r = v->priv;
	if (a == TUI_ACT_CANDIDATES) {
		cand_toggle(t, r);
		return true;
	}
	if (a == TUI_ACT_BOUNDARIES) {
		r->show = r->show == REVIEW_LEFT_BOUNDARIES ? REVIEW_LEFT_CODEBOOK
		                                            : REVIEW_LEFT_BOUNDARIES;
		r->left_top = 0;
		r->bounds_guid[0] = 0;
		review_reload(t, v);
		return true;
	}
	return r->cand_on && cand_key(t, v, a);
}
