/* tui/view_segments.c — retrieved segments of the current code (SPEC §4
 * retrieval, issue 4 item 6): each with its citation, code, coder, weight
 * and text; with or without subcodes (R toggles); Enter jumps to the
 * passage in the text pane. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"

struct segments_view {
	char code[37];           /* the code's GUID */
	char *label;             /* "2.1 Name" as last seen (said when it is gone) */
	bool gone;
	bool subcodes;
	struct views_coders coders;
	char *doc;               /* only this document's (its name), NULL: all */
	struct cards cards;      /* keys: the segments' GUIDs; paged, filled on the screen */
	struct tui *t;
	struct coding_pages *pages;    /* the list, read a window at a time */
	struct coding_segment *segs;   /* the window's segments, placed when shown */
	int *verdict;            /* each one's newest verdict, -1: none */
	size_t nsegs;
};

/* The segments the view shows: its code (with subcodes), coder, document
 * and the :docs filter. */
static struct coding_filter segments_filter(struct tui *t, const struct segments_view *s,
                                            bool with_text)
{
	return (struct coding_filter){
		.code = s->code, .subcodes = s->subcodes, .min_weight = -1, .with_text = with_text,
		.positions_only = !with_text, .coder = views_coders_one(&s->coders),
		.docs = views_docs(t), .doc = s->doc,
	};
}

static void segments_drop(struct segments_view *s)
{
	coding_segments_free(s->segs, s->nsegs);
	free(s->verdict);
	s->segs = NULL;
	s->verdict = NULL;
	s->nsegs = 0;
}

/* Segments placed (Pos. and text read) around the one a card needs at
 * once: cards come on the screen a page at a time, and a list in
 * document order reads each document once for its neighbours. */
#define SEGMENTS_PLACE 16
/* Cards held around the one asked for: more than a screen above and
 * below the cursor, so that drawing a screen reads one window. */
#define SEGMENTS_WINDOW 512

/* The window of cards that holds card i (cards.page): its segments read
 * from the list, with their verdicts. */
static void segments_page(struct cards *c, size_t i, void *arg)
{
	struct segments_view *s = arg;
	struct anker_err err = { 0 };
	size_t a = i > SEGMENTS_WINDOW / 2 ? i - SEGMENTS_WINDOW / 2 : 0;
	size_t b = c->n - a > SEGMENTS_WINDOW ? a + SEGMENTS_WINDOW : c->n;
	segments_drop(s);
	cards_window(c, a);
	if (!s->pages)
		return;
	s->segs = xcalloc(b - a + 1, sizeof *s->segs);
	if (coding_pages_read(s->t->st, s->pages, a, b - a, s->segs, &s->nsegs, &err))
		tui_message(s->t, true, "%s", err.msg);
	/* A judged segment says so (the newest verdict, as B shows it). */
	s->verdict = xcalloc(s->nsegs + 1, sizeof *s->verdict);
	if (coding_verdicts_latest(s->t->st, s->segs, s->nsegs, s->verdict, &err))
		tui_message(s->t, true, "%s", err.msg);
	for (size_t j = 0; j < s->nsegs; j++) {
		const struct coding_segment *g = &s->segs[j];
		cards_add(c, g->doc_id, g->doc, g->start, g->guid);
	}
}

/* Card i as it comes on the screen (cards_draw); it is in the window. */
static void segments_fill(struct cards *c, size_t i, void *arg)
{
	struct segments_view *s = arg;
	struct anker_err err = { 0 };
	size_t j = i - c->base;
	size_t a = j > SEGMENTS_PLACE ? j - SEGMENTS_PLACE : 0;
	size_t b = s->nsegs - j > SEGMENTS_PLACE ? j + SEGMENTS_PLACE : s->nsegs;
	if (coding_segments_place(s->t->st, s->segs + a, b - a, true, &err))
		tui_message(s->t, true, "%s", err.msg);
	struct card *k = cards_at(c, i);
	views_segment_card(k, &s->segs[j]);
	if (s->verdict[j] >= 0)
		cards_partf(k, A_BOLD, "Verdict: %s",
		            coding_verdict_name((enum coding_verdict)s->verdict[j]));
}

/* Load (again): the code by its GUID, the list counted, the cursor on
 * the same segment (else where it was); windows are read when drawn. */
static int segments_load(struct tui *t, struct segments_view *s, struct anker_err *err)
{
	const struct card *k = s->pages ? cards_at(&s->cards, s->cards.cur) : NULL;
	char keep[37] = "";
	int64_t keep_doc = 0;
	if (k) {
		memcpy(keep, k->key, sizeof keep);
		keep_doc = k->doc_id;
	}
	segments_drop(s);
	cards_window(&s->cards, 0);
	coding_pages_free(s->pages);
	s->pages = NULL;
	s->cards.n = 0;
	int i = views_code_find_guid(t, s->code);
	s->gone = i < 0;
	int rc = 0;
	if (!s->gone) {
		struct strbuf sb = { 0 };
		views_code_label(t, i, &sb);
		free(s->label);
		s->label = sb_steal(&sb);
		struct coding_filter f = segments_filter(t, s, false);
		rc = coding_pages_open(t->st, &f, &s->pages, err);
	}
	size_t pos;
	struct anker_err ferr = { 0 };   /* not found: the cursor stays where it was */
	if (s->pages) {
		s->cards.n = coding_pages_count(s->pages);
		if (*keep && !coding_pages_find(t->st, s->pages, keep_doc, keep, &pos, &ferr))
			s->cards.cur = pos;
	}
	cards_settle(&s->cards);
	return rc;
}

void views_segment_card(struct card *k, const struct coding_segment *g)
{
	struct strbuf sb = { 0 };
	corpus_citation(&sb, g->doc, g->para_first, g->para_last);
	cards_part(k, sb_str(&sb), A_BOLD, false);
	sb_reset(&sb);
	if (*g->code)
		sb_addf(&sb, "%s ", g->code);
	sb_addf(&sb, "%s | %s | weight %d", g->path, g->coder, g->weight);
	cards_part(k, sb_str(&sb), A_NORMAL, false);
	sb_free(&sb);
	views_segment_text(k, g);
}

void views_segment_text(struct card *k, const struct coding_segment *g)
{
	if (g->memo && *g->memo) {
		struct strbuf sb = { 0 };
		sb_addf(&sb, "Memo: %s", g->memo);
		cards_part(k, sb_str(&sb), A_NORMAL, true);   /* a memo wraps */
		sb_free(&sb);
	}
	cards_part(k, g->text ? g->text : "", A_NORMAL, true);
}

static void segments_free(struct segments_view *s)
{
	cards_free(&s->cards);
	segments_drop(s);
	coding_pages_free(s->pages);
	free(s->label);
	free(s->doc);
	free(s);
}

static int segments_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct views_arg *arg = v->priv;
	struct segments_view *s = xcalloc(1, sizeof *s);
	s->t = t;
	s->cards.fill = segments_fill;
	s->cards.page = segments_page;
	s->cards.fill_arg = s;
	memcpy(s->code, arg->code, sizeof s->code);
	s->subcodes = arg->subcodes;
	s->doc = arg->doc;   /* taken over */
	if (*arg->coder) {
		s->coders.mode = VIEWS_CODERS_ONE;
		snprintf(s->coders.name, sizeof s->coders.name, "%s", arg->coder);
	}
	free(arg);
	v->priv = NULL;
	int rc = views_code_find_guid(t, s->code) < 0
	         ? anker_err_set(err, ANKER_INPUT, "%s", tui_msg_text[TUI_MSG_NO_CODE])
	         : segments_load(t, s, err);
	if (rc) {
		segments_free(s);
		return rc;
	}
	v->priv = s;
	return 0;
}

static void segments_draw(struct tui *t, struct tui_view *v)
{
	struct segments_view *s = v->priv;
	struct strbuf sb = { 0 };
	sb_addf(&sb, "Segments (%zu) of %s", s->cards.n, s->label ? s->label : "");
	if (s->gone)
		sb_adds(&sb, " (" TUI_GONE ")");
	if (s->doc)
		sb_addf(&sb, " in %s", s->doc);
	sb_adds(&sb, s->subcodes ? " with subcodes, " : ", ");
	views_coders_say(&s->coders, &sb);
	views_docs_say(t, &sb);
	sb_adds(&sb, "  (Enter: go to, R: subcodes, C: coders, q: close)");
	tui_draw_title(&v->r, sb_str(&sb), true);
	sb_free(&sb);
	struct tui_rect r = { v->r.y + 1, v->r.x, v->r.h - 1, v->r.w };
	cards_draw(t, &s->cards, &r, true);
}

static void segments_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (segments_load(t, v->priv, &err))
		tui_message(t, true, "%s", err.msg);
}

static bool segments_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct segments_view *s = v->priv;
	if (cards_key(&s->cards, a, v->r.h))
		return true;
	switch (a) {
	case TUI_ACT_OPEN:
		cards_jump(t, &s->cards);
		return true;
	case TUI_ACT_SUBCODES:
		s->subcodes = !s->subcodes;
		s->cards.cur = s->cards.top = 0;
		segments_reload(t, v);
		return true;
	case TUI_ACT_CODERS:
		if (views_coders_next(t, &s->coders, false))
			segments_reload(t, v);
		return true;
	case TUI_ACT_SEGMENTS:
		return true;   /* already open */
	default:
		return false;
	}
}

static void segments_close(struct tui_view *v)
{
	if (v->priv)
		segments_free(v->priv);
	v->priv = NULL;
}

/* :export: the segments as anker segments lists them, with the view's
 * filters. */
static int segments_table(struct tui *t, struct tui_view *v, struct report_table *out,
                          struct anker_err *err)
{
	struct coding_segment *g;
	size_t n;
	struct coding_filter f = segments_filter(t, v->priv, true);
	int rc = coding_segments_list(t->st, &f, &g, &n, err);
	if (rc)
		return rc;
	coding_segments_table(g, n, false, out);
	coding_segments_free(g, n);
	return 0;
}

const struct tui_view_ops tui_view_segments_ops = {
	.name = "segments",
	.open = segments_open,
	.draw = segments_draw,
	.key = segments_key,
	.resize = NULL,
	.reload = segments_reload,
	.close = segments_close,
	.table = segments_table,
};
