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
	char key[37];            /* what the card shows (a segment's GUID), "": none */
	bool filled;             /* its parts added (cards with a fill function) */
};

struct cards {
	struct card *v;
	size_t n, cur, top;
	int max_lines;           /* wrapped lines per part (0: a third of the view) */
	char keep[37];           /* cards_refill: the key of the card under the cursor */
	/* NULL, or cards are added without parts and fill(c, i, fill_arg)
	 * adds card i's when it is first measured or drawn: a view of many
	 * cards reads only what comes on the screen. */
	void (*fill)(struct cards *c, size_t i, void *arg);
	void *fill_arg;
	/* NULL, or the list is paged: n counts every card but v holds only
	 * cards base..base+nv, and page(c, i, fill_arg) puts a window that
	 * holds card i there (cards_window, then cards_add each): a list of a
	 * million cards holds a few hundred.  Without it v holds all n. */
	void (*page)(struct cards *c, size_t i, void *arg);
	size_t base, nv;
};

/* key: the card's object (a segment GUID) or NULL; the cursor stays on it
 * across cards_refill. */
struct card *cards_add(struct cards *c, int64_t doc_id, const char *doc, size_t cp,
                       const char *key);
void cards_part(struct card *k, const char *s, int attr, bool wrap);
void cards_partf(struct card *k, int attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cards_free(struct cards *c);
/* Card i's parts added now if a fill function adds them (for what reads
 * a card before it is drawn). */
void cards_ready(struct cards *c, size_t i);
/* Card i's parts dropped, when it is held, to be added again (its fill
 * function's) when it is next drawn: what it shows changed. */
void cards_unfill(struct cards *c, size_t i);
/* Card i (its page read when the list is paged); NULL past the end, or
 * when its page could not be read.  Valid until the next cards_at. */
struct card *cards_at(struct cards *c, size_t i);
/* A paged list's window dropped; the cards added next are base on. */
void cards_window(struct cards *c, size_t base);
/* Load again: cards_refill drops the cards but remembers the current
 * card's key (and keeps scroll and settings); cards_add the new ones, then
 * cards_settle puts the cursor back on that key, or where it was. */
void cards_refill(struct cards *c);
void cards_settle(struct cards *c);
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
/* The index in t->codes.cb (valid until the next reload) of the code with
 * this id (only as fresh as the tree: ids change on undo and redo), this
 * GUID, or this number and path ("A >> B"); -1 when it is gone. */
int views_code_find(struct tui *t, int64_t id);
int views_code_find_guid(struct tui *t, const char *guid);
int views_code_find_path(struct tui *t, const char *number, const char *path);
/* The coders with segments ranked again (after a reload): *coders (n of
 * them) replaced, the pair *a, *b kept by name while both are still
 * there, else the first two; fewer than two leaves *n < 2. */
struct team_coder_count;
int views_coders_rerank(struct tui *t, struct team_coder_count **coders, size_t *n, size_t *a,
                        size_t *b, struct anker_err *err);
/* C in I and V: the next pair (*a, *b), a < b, in the ranking's order of
 * the n coders c; false when there is no other (two coders: said on the
 * status line). */
bool views_coders_pair_next(struct tui *t, const struct team_coder_count *c, size_t n, size_t *a,
                            size_t *b);

/* The document filter (tui/views_docs.c, :docs): kind "group" (arg its
 * name), "var" (arg NAME=VALUE) or "doc" (arg names, ", " between);
 * checked at once (an unknown name: ANKER_NOTFOUND, the filter stays as
 * it was); *kept: how many documents it keeps.  views_docs: the filter for
 * the modules (NULL: every document; valid until the next :docs);
 * views_docs_say: ", documents: group X" for the titles, "" without. */
int tui_docs_set(struct tui *t, const char *kind, const char *arg, size_t *kept,
                 struct anker_err *err);
const struct corpus_doc_filter *views_docs(struct tui *t);
void views_docs_say(struct tui *t, struct strbuf *out);

/* :export (tui/export.c): kind NULL or "segments", "freq", "cooc",
 * "agreement", "matrix" (the open view of that kind with its settings,
 * else freq and matrix as the command line makes them, limited by :docs),
 * "codebook" (md, txt); FILE with "~/" expanded; says what it wrote, by
 * its absolute path, or why not.  views_table_copy: in's columns and
 * cells appended to out. */
void tui_export(struct tui *t, const char *kind, const char *fmt, const char *file);
void views_table_copy(const struct report_table *in, struct report_table *out);
/* s names a kind :export takes. */
bool tui_export_kind(const char *s);

/* Heat maps (tui/views_grid.c): the cell cursor over nrows × ncols, moved
 * by h/j/k/l, pages, g and G (true when a is one of them), kept on screen
 * with rows × cols cells visible; a value's heat 0 (none, also NaN) to 5
 * against max, and its attribute (a ramp on 256 colors, two steps on 8,
 * bold for high ones without colors; dim: a cell that counts something
 * else, like the diagonal). */
struct views_grid {
	size_t nrows, ncols, row, col, top, left;
};
bool views_grid_move(struct views_grid *g, enum tui_action a, size_t page);
void views_grid_scroll(struct views_grid *g, size_t rows, size_t cols);
int views_heat(double x, double max);
int views_heat_attr(struct tui *t, int h, bool dim);

/* The views (one file each) and what tui_views_open_for gives their open
 * in v->priv: a malloc'd views_arg, which open frees (also on error). */
struct views_arg {
	char code[37];           /* the code's GUID */
	bool subcodes;
	char coder[128];         /* only this coder's segments ("": all) */
	char *doc;               /* only this document's (its name, owned), NULL: all */
};
/* The coder filter of F, O and r (tui/views_coders.c): every coder's
 * segments pooled, one coder's, or each coder's on their own. */
enum views_coders_mode { VIEWS_CODERS_ALL, VIEWS_CODERS_ONE, VIEWS_CODERS_EACH };
struct views_coders {
	enum views_coders_mode mode;
	char name[128];          /* VIEWS_CODERS_ONE: the coder */
};
/* C: all, then each coder in the order they came, then (when each) each
 * separately, then all again; false (said on the status line) when the
 * coders cannot be read. */
bool views_coders_next(struct tui *t, struct views_coders *f, bool each);
/* The coder for the modules' coder option: NULL unless one. */
const char *views_coders_one(const struct views_coders *f);
/* For the title: "all coders", "coder anna", "each coder separately". */
void views_coders_say(const struct views_coders *f, struct strbuf *out);

extern const struct tui_view_ops tui_view_segments_ops;
extern const struct tui_view_ops tui_view_review_ops;
extern const struct tui_view_ops tui_view_freq_ops;
extern const struct tui_view_ops tui_view_cooc_ops;
extern const struct tui_view_ops tui_view_cooc_pairs_ops;
extern const struct tui_view_ops tui_view_matrix_ops;
extern const struct tui_view_ops tui_view_memos_ops;
/* A segment as a card: citation, code, coder, weight, memo, text. */
void views_segment_card(struct card *k, const struct coding_segment *g);
/* Only its memo and text (the review view has a head of its own). */
void views_segment_text(struct card *k, const struct coding_segment *g);

/* Team views (tui/view_agree.c, tui/view_compare.c).  The side-by-side
 * view's open gets a malloc'd compare_arg (NULL: the two coders with the
 * most segments, every code), which it frees (also on error). */
struct compare_arg {
	char *a, *b;             /* coder names (owned) */
	char code[37];           /* the code's GUID, "": every code */
};
extern const struct tui_view_ops tui_view_agree_ops;
extern const struct tui_view_ops tui_view_compare_ops;

/* Search across the documents (tui/view_search.c): S asks for a pattern
 * (the prompt of `/`), then tui_search_all_run lists its hits (a bad
 * pattern: said on the status line).  tui_search_view_pattern: the
 * pattern of the search view on top (false: it is not on top). */
extern const struct tui_view_ops tui_view_search_ops;
void tui_search_all(struct tui *t);
void tui_search_all_run(struct tui *t, const char *pattern);
bool tui_search_view_pattern(struct tui *t, const char **pattern, bool *icase);

#endif
