/* tui/review.h — inside the codebook and review view (B): what its files
 * share.  tui/view_review.c loads, draws and dispatches the keys;
 * tui/review_cards.c builds the cards and the codebook side;
 * tui/review_act.c does what the reviewer does (verdicts, anchor examples,
 * fixes of a segment); tui/review_panels.c the candidates (Z) and where
 * the code blurs (\).  Included by those files only. */
#ifndef ANKER_TUI_REVIEW_H
#define ANKER_TUI_REVIEW_H

#include "views.h"

struct anchor_suggestion;
struct review_data;

/* What the view knows of each card (a passage) besides what it shows. */
struct review_item {
	size_t para_first, para_last;
	size_t first, n;         /* its coders' segments: wseg[first .. first + n) */
	size_t sel;              /* the coder chosen (h/l), 0 .. n-1 */
};

/* What the left side shows. */
enum review_left {
	REVIEW_LEFT_CODEBOOK,    /* number, path, definition, anchor examples, notes, counts */
	REVIEW_LEFT_CONTEXT,     /* z: the paragraphs around the segment under the cursor */
	REVIEW_LEFT_BOUNDARIES,  /* \: where the code blurs into others */
};

struct review_view {
	char guid[37];           /* the code's */
	char *label;             /* "2.1 Name" as last seen (said when it is gone) */
	struct cards cards;      /* its segments; card keys: the segments' GUIDs */
	/* The code's segments (C, :docs), read a window at a time: identical
	 * passages of several coders are one card naming each coder and each
	 * one's verdicts.  The window: cards base..base+nv of cards, their
	 * segments wseg (list positions wseg_pos on), passage by passage. */
	struct coding_pages *pages;
	struct review_item *items;   /* one per card of the window */
	struct coding_segment *wseg;
	bool *seg_judged;        /* the reviewer has a verdict on it */
	size_t nwseg, wseg_pos;
	size_t nseg;             /* segments listed */
	char sel_seg[37];        /* the chosen segment, kept across reloads */
	int64_t sel_doc;         /* its document */
	bool all;                /* =: a verdict goes to every coder's segment of the passage */
	/* C: every coder's segments or one coder's (one at a time: B lists, so
	 * "each separately" is stepping through them); with :docs, only the
	 * segments of those documents (tui/views_coders.c, tui/views_docs.c). */
	struct views_coders coders;
	size_t njudged;
	/* The codebook side's counts (every reviewer's newest verdicts), kept
	 * so that a verdict moves them without counting again; counted false
	 * when they could not be read. */
	struct coding_review_count counts;
	bool counted;
	struct strbuf left;      /* the codebook side (or the context), lines split by '\n' */
	size_t left_top;
	enum review_left show;
	enum coding_verdict verdict;
	char (*pending)[37];     /* the segments the verdict's prompt is for */
	size_t npending;
	char recode_seg[37];     /* the segment the finder recodes */
	size_t anchor;           /* P: the chosen anchor example (1-based), 0: none */
	size_t nanchors;
	/* Z: passages the code's profile suggests, in place of its segments
	 * (computed when opened, for the code then under review). */
	bool cand_on;
	struct cards cand;       /* card keys: the passages' index in candv, as text */
	struct anchor_suggestion *candv;
	size_t ncand;            /* listed; those coded since are after them */
	size_t ncand_all;
	struct strbuf bounds;    /* \: the boundaries as last computed, for bounds_guid */
	char bounds_guid[37];
	/* The code's boundaries were computed while idle since the last load
	 * (kept in the project, as \ keeps them; tui/review_panels.c). */
	bool bounds_idle;
	/* The code's anchor examples, kept while the cards are shown (a
	 * card says which segment is one): a card's Pos., text and verdicts
	 * are read when it comes on the screen (tui/review_cards.c). */
	struct review_data *data;
	struct tui *t;
};

/* Paragraphs shown before and after the segment with z. */
#define REVIEW_CONTEXT 2
/* Candidates (Z) listed at most. */
#define REVIEW_CANDIDATES 20

/* tui/review_cards.c */
/* Who judges: :reviewer, $ANKER_REVIEWER, else the coder. */
const char *review_reviewer(const struct tui *t);
/* Load (again): the code by its GUID, the cursor on the same segment; a
 * code that is gone leaves its label and says so. */
int review_load(struct tui *t, struct review_view *r, struct anker_err *err);
/* " (coder anna, documents: group X)" when B is filtered, else nothing. */
void review_filters_say(struct tui *t, const struct review_view *r, struct strbuf *out);
/* The left side again for the segment under the cursor (z). */
void review_context_build(struct tui *t, struct review_view *r);
/* Free what the cards are made of (r->data, the list and its window). */
void review_data_free(struct review_view *r);
/* The window dropped: read again, the choice (sel_seg) marked, when a
 * card is asked for. */
void review_window_drop(struct review_view *r);
/* The card under the cursor (its window read); NULL when none. */
struct review_item *review_cur_item(struct review_view *r);
/* A verdict added: judged more segments judged by the reviewer, c how
 * every reviewer's newest verdicts moved (coding_review_count_change),
 * each of segs[0..n) marked judged and its card read again when shown.
 * The title and the codebook side follow without counting again. */
void review_judged(struct tui *t, struct review_view *r, int64_t judged,
                   const struct coding_review_count *c, char (*segs)[37], size_t n);
/* The window's cards read again when shown (what they mark changed). */
void review_cards_again(struct review_view *r);
/* :export: the segments B lists (its coder and :docs filters), as anker
 * segments lists them. */
int review_table(struct tui *t, struct tui_view *v, struct report_table *out,
                 struct anker_err *err);

/* tui/view_review.c */
/* The review view, when it is the top one (a prompt or the finder may
 * have been answered after it closed). */
struct review_view *review_top(struct tui *t);
void review_reload(struct tui *t, struct tui_view *v);
/* The segment the reviewer's keys act on: the chosen coder's of the
 * passage under the cursor; NULL when there is none. */
const char *review_cur_seg(struct review_view *r);
/* Choose the segment at list position pos: its passage under the
 * cursor, its coder chosen. */
void review_choose(struct tui *t, struct review_view *r, size_t pos);
/* The list position of the first segment from pos on (wrapping round)
 * the reviewer has not judged; SIZE_MAX when there is none. */
size_t review_unjudged_from(struct tui *t, struct review_view *r, size_t pos);
/* The reviewer acts (verdicts, anchors, fixes, their undo); then the
 * coder again. */
void review_act_as(struct tui *t, bool on);

/* tui/review_act.c: the reviewer's keys on the code's segments and its
 * anchor examples (true when a was one of them). */
bool review_act_key(struct tui *t, struct tui_view *v, enum tui_action a);

/* tui/review_panels.c: Z and \ (true when a was one of them, or when the
 * candidates are shown and took it). */
bool review_panel_key(struct tui *t, struct tui_view *v, enum tui_action a);
/* The boundaries as the left side's text. */
void review_boundaries_build(struct tui *t, struct review_view *r);
/* No key for a while: the boundaries computed and kept in the project
 * unless done since the last load; true when it worked (ops->idle). */
bool review_boundaries_idle(struct tui *t, struct review_view *r);
void review_cand_free(struct review_view *r);

#endif
