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
	struct text_line *lines; /* the layout of cached_para */
	size_t nlines, cap, cached_para;
};

/* Takes ownership of text; -1 when out of memory. */
int text_doc_set(struct text_doc *d, char *text, size_t len);
void text_doc_free(struct text_doc *d);
void text_doc_width(struct text_doc *d, int width);
size_t text_para_count(const struct text_doc *d);
void text_para_bytes(const struct text_doc *d, size_t para, size_t *b0, size_t *b1);
/* Valid until the next call for another paragraph or width. */
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

#endif
