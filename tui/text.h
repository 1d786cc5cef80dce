/* tui/text.h — inside the TUI: the text pane's model (tui/text_layout.c),
 * kept apart from its drawing (tui/view_text.c). */
#ifndef ANKER_TUI_TEXT_H
#define ANKER_TUI_TEXT_H

#include "view.h"

struct text_line {
	size_t b0, b1;           /* bytes of the text, the paragraph's LF excluded */
};

struct text_pos {
	size_t para;             /* 1-based */
	size_t sub;              /* screen line within the paragraph, 0-based */
};

struct text_doc {
	char *text;              /* owned */
	size_t len;
	struct corpus_text idx;
	int width;               /* columns to wrap at */
	/* The layout, per paragraph (index para - 1), wrapped when first
	 * asked for and kept until the width changes; NULL: not yet. */
	struct text_line **pl;
	size_t *pn;
	struct text_line *tmp;   /* the wrapping's work buffer */
	size_t tmp_cap;
};

/* Takes ownership of text; -1 when out of memory. */
int text_doc_set(struct text_doc *d, char *text, size_t len);
void text_doc_free(struct text_doc *d);
void text_doc_width(struct text_doc *d, int width);
size_t text_para_count(const struct text_doc *d);
void text_para_bytes(const struct text_doc *d, size_t para, size_t *b0, size_t *b1);
/* Valid until the width changes. */
const struct text_line *text_para_lines(struct text_doc *d, size_t para, size_t *n);
size_t text_cp(const struct text_doc *d, size_t byte);
size_t text_byte(const struct text_doc *d, size_t cp);
size_t text_last(const struct text_doc *d);     /* the last position */
struct text_pos text_pos_of(struct text_doc *d, size_t cp);
bool text_line_next(struct text_doc *d, struct text_pos *p);
bool text_line_prev(struct text_doc *d, struct text_pos *p);
int text_pos_cmp(struct text_pos a, struct text_pos b);
int text_col_of(struct text_doc *d, size_t cp);
size_t text_cp_at_col(struct text_doc *d, struct text_pos p, int goal);
size_t text_right(struct text_doc *d, size_t cp);
size_t text_left(struct text_doc *d, size_t cp);
size_t text_word_next(struct text_doc *d, size_t cp);
size_t text_word_prev(struct text_doc *d, size_t cp);
size_t text_para_start(const struct text_doc *d, size_t para);
size_t text_para_of(const struct text_doc *d, size_t cp);

/* The coding stripes (tui/text_stripe.c): labelled lanes or plain marks,
 * laid out once per screen. */
#define TEXT_LANES_MAX 8
enum text_stripe_mode { TEXT_STRIPES_AUTO, TEXT_STRIPES_LABELS, TEXT_STRIPES_PLAIN };
struct text_vis {
	size_t seg;              /* index into segs */
	int first, last;         /* the screen rows it covers */
	int lane;                /* -1: no free lane (counted in "+N") */
};
struct text_stripes {
	enum text_stripe_mode mode;   /* AUTO: labelled on a wide pane */
	bool labels;             /* as laid out now */
	int lanes;
	size_t *row0;            /* per screen row: its first code point */
	int nrows;
	size_t rows_cap;
	struct text_vis *vis;    /* the codings on screen, in document order */
	size_t nvis, cap;
	int letters[26 * 4];     /* no colors: code indices by mark letter */
	size_t nletters;
};

/* The text pane's state (tui/view_text.c draws it and moves in it;
 * tui/text_code.c codes, tui/text_search.c searches). */
struct text_view {
	int64_t doc_id;          /* 0: none */
	char doc_guid[37];       /* found again by it after a reload */
	char *name;
	struct text_doc d;
	struct coding_segment *segs;
	size_t nsegs;
	int *seg_code;           /* per segment: index into the code tree, -1 */
	int *verdict;            /* per segment: its newest verdict (enum coding_verdict), -1 */
	int *memos;              /* per segment: its memos (M, memo add --on segment) */
	size_t *maxend;          /* per segment: the largest end up to it */
	size_t *line, nline, line_cap;   /* segments of the line being drawn */
	size_t cur;              /* the cursor, a code point */
	struct text_pos top;     /* first screen line shown */
	int goal;                /* column kept by up/down, -1: none */
	bool sel;
	size_t anchor;           /* where the selection started */
	int gutter, stripe, tx, tw, th;   /* geometry */
	struct text_stripes st;
	struct corpus_turn *turns;        /* speaker turns, loaded when first asked */
	size_t nturns;
	bool turns_done;
	/* The search: its pattern and hits ([hits[2i], hits[2i+1]) code points). */
	char *pattern;
	bool icase;
	size_t *hits, nhits;
	/* What the chooser of overlapping codings was opened for. */
	enum tui_action pending;
	char memo_type[16];      /* and for a memo: the type, "" keep; the editor */
	bool memo_editor;
	bool drag;               /* a mouse button is down */
};

struct text_view *text_view_of(struct tui *t);
void text_follow(struct text_view *tv);
/* Select code points [a, b) (b > a): the anchor at a, the cursor on the
 * last one. */
void text_select(struct tui *t, struct text_view *tv, size_t a, size_t b);
/* The selection as [a, b), end exclusive; false when there is none. */
bool text_sel_range(const struct text_view *tv, size_t *a, size_t *b);

/* The segments touching code points [c0, c1) into tv->line. */
void text_line_segs(struct text_view *tv, size_t c0, size_t c1);

/* Stripes (tui/text_stripe.c).  text_stripe_width: the margin's columns
 * for a pane pane_w wide (and whether it is labelled); layout before the
 * lines are drawn, then one draw per screen row; the info line last. */
int text_stripe_width(struct text_view *tv, int pane_w);
void text_stripe_toggle(struct tui *t, struct text_view *tv);
void text_stripe_layout(struct text_view *tv);
void text_stripe_draw(struct tui *t, struct text_view *tv, int row, int y, size_t c0, size_t c1);
void text_info_draw(struct tui *t, struct text_view *tv, int y);
void text_stripe_free(struct text_stripes *s);

/* Codes in few columns (tui/text_label.c).  text_name_fit: code i's
 * name in at most w columns, keeping its start and the word where it
 * parts from its siblings; text_path_fit: "NUMBER A >> B >> C" with the
 * ancestors cut from the left ("2.12.1 … >> Optimierung >> Offenlegung"),
 * then the name as text_name_fit. */
void text_name_fit(const struct codebook *cb, size_t i, int w, struct strbuf *out);
void text_path_fit(const struct codebook *cb, size_t i, int w, struct strbuf *out);

/* Coding (tui/text_code.c). */
/* Code the selection with code index i of the code tree. */
void text_code_with(struct tui *t, struct text_view *tv, int code);
/* x, <, >, [, ], W: on the coding at the cursor; true when handled. */
bool text_code_key(struct tui *t, struct text_view *tv, enum tui_action a);
/* Segment s (of document d) with its start (a: start-left, start-right,
 * or the review's segment-start-left/-right) or end (end-left, end-right)
 * moved a word: the change for coding_segment_set into *c; false when it
 * cannot move that way (it would be empty, or it is at the text's edge). */
bool text_bounds_move(struct text_doc *d, const struct coding_segment *s, enum tui_action a,
                      struct coding_segment_change *c);

/* H (tui/text_hints.c): the codes that fit the selection (or the
 * sentence at the cursor, then selected), ranked by the anchor module
 * with their score and reasons; a digit or Enter codes with one. */
bool text_hints_key(struct tui *t, struct text_view *tv, enum tui_action a);

/* M, Ctrl-E, :memo in the text pane: the memo of the coding at the
 * cursor (a list when several overlap), else of the document (tui/memo.c
 * edits it; type and editor as for tui_memo_edit). */
void text_memo_at(struct tui *t, struct text_view *tv, const char *type, bool editor);

/* Search (tui/text_search.c). */
bool text_search_key(struct tui *t, struct text_view *tv, enum tui_action a);
/* Smart case: a pattern without capitals (escapes like \S aside) matches
 * any case. */
bool text_search_icase(const char *pattern);
/* Search the open document for pattern (smart case), its hits shown. */
int text_search_set(struct text_view *tv, const char *pattern, struct anker_err *err);
/* Autocode the hits of pattern in document doc (NULL: every document)
 * with the current code: text_autocode_ask asks for the unit (h, s, p, t;
 * Enter: hit; Esc: nothing), text_autocode_run codes with it
 * (coding_autocode_run: one undo step) and says what it did. */
void text_autocode_ask(struct tui *t, const char *pattern, bool icase, const char *doc);
void text_autocode_run(struct tui *t, const char *pattern, bool icase, const char *doc,
                       enum coding_unit unit);
/* Is code point cp in a hit?  (binary search) */
bool text_search_hit(const struct text_view *tv, size_t cp);
void text_search_clear(struct text_view *tv);

/* The finder (tui/finder.c): a popup list over the text pane, narrowed
 * by what is typed.  Items are labels with a key (a code's or a segment's
 * GUID: the project may be reloaded while the finder is open, so pick
 * looks it up again); pick gets the chosen item's key, or NULL and the
 * typed text when create is set and nothing matched (or the "create" row
 * was chosen). */
struct finder_item {
	char *label;             /* shown (made visible when drawn) */
	char *number;            /* matched: the code number, or NULL */
	char *text;              /* matched: the path or label */
	char *note;              /* shown after the label (a score, reasons), or NULL */
	char key[37];
	bool code;               /* key is a code's: drawn as text_path_fit */
};
void tui_finder_open(struct tui *t, const char *title, struct finder_item *items, size_t n,
                     bool create, void (*pick)(struct tui *t, const char *key,
                                               const char *typed));
/* The open finder's rows are ranked: each shows its rank (1-9) first,
 * and typing a rank picks that row at once. */
void tui_finder_ranked(struct tui *t);
/* One item per code (label "NUMBER PATH", key its GUID), for tui_finder_open. */
struct finder_item *tui_finder_code_items(struct tui *t);
/* The code finder: pick codes the selection or makes the code current. */
void tui_finder_codes(struct tui *t);
/* The score of needle (case-folded) against an item, higher is better,
 * 0: no match.  Exposed for tests through the finder's order. */
int finder_score(const char *needle, const char *number, const char *text);

#endif
