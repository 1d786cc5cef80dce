/* tui/views.h — inside the TUI: what the views over the panes share
 * (tui/views_open.c opens them; tui/cards.c draws their lists).
 *
 * Cards: a scrolling list shared by the views over the panes (retrieved
 * segments, review, co-occurrence pairs).
 * A card is a few parts, each one line (cut to the width) or wrapped text
 * (by display width, through the drawing helpers), and the passage that
 * Enter jumps to.  j/k/PgUp/PgDn move between whole cards. */
#ifndef ANKER_TUI_VIEWS_H
#define ANKER_TUI_VIEWS_H

#include "view.h"

struct card_part {
	char *s;                 /* owned */
	int attr;
	short pair;              /* a color swatch before the line (0: none) */
	bool wrap;               /* wrapped text, at most cards.max_lines lines */
};

struct card {
	struct card_part *parts;
	size_t nparts;
	int64_t doc_id;          /* the passage: document, its name, code point */
	char *doc;
	size_t cp;
	void *data;              /* the view's own (not owned) */
};

struct cards {
	struct card *v;
	size_t n, cur, top;
	int max_lines;           /* wrapped lines per part (0: a third of the view) */
};

struct card *cards_add(struct cards *c, int64_t doc_id, const char *doc, size_t cp, void *data);
void cards_part(struct card *k, const char *s, int attr, bool wrap);
void cards_partf(struct card *k, int attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cards_free(struct cards *c);
/* Draw in rectangle r (no title); the current card is marked. */
void cards_draw(struct tui *t, struct cards *c, const struct tui_rect *r, bool focus);
/* Movement keys (true when handled); page is the rectangle's height. */
bool cards_key(struct cards *c, enum tui_action a, int page);
/* Enter: open the current card's passage in the text pane. */
void cards_jump(struct tui *t, struct cards *c);

/* Lines of s[0..len) wrapped in w columns: byte offsets of their starts
 * and ends in b0[i], b1[i] (up to max lines; returns the count, and
 * *more when text was left over). */
size_t cards_wrap(const char *s, size_t len, int w, size_t *b0, size_t *b1, size_t max,
                  bool *more);

/* The code's key for the modules (its GUID) and its label "2.1 Name". */
const char *views_code_key(struct tui *t, int i);
void views_code_label(struct tui *t, int i, struct strbuf *out);
/* The index of code id in t->codes.cb (it changes when the tree is
 * reloaded), -1 when it is gone. */
int views_code_find(struct tui *t, int64_t id);

/* The views (one file each) and what tui_views_open_for gives their open
 * in v->priv: a malloc'd views_arg, which open frees (also on error). */
struct views_arg {
	int code;                /* index into t->codes.cb */
	bool subcodes;
};
extern const struct tui_view_ops tui_view_segments_ops;
extern const struct tui_view_ops tui_view_review_ops;
extern const struct tui_view_ops tui_view_freq_ops;
extern const struct tui_view_ops tui_view_cooc_ops;
extern const struct tui_view_ops tui_view_cooc_pairs_ops;
/* A segment as a card: citation, code, coder, weight, memo, text. */
void views_segment_card(struct card *k, const struct coding_segment *g);

/* Team views (tui/view_agree.c, tui/view_compare.c).  The side-by-side
 * view's open gets a malloc'd compare_arg (NULL: the two coders with the
 * most segments, every code), which it frees (also on error). */
struct compare_arg {
	char *a, *b;             /* coder names (owned) */
	int64_t code_id;         /* 0: every code */
};
extern const struct tui_view_ops tui_view_agree_ops;
extern const struct tui_view_ops tui_view_compare_ops;

#endif
