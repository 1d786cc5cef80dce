/* tui/views_open.c — the actions that open the views over the panes
 * (retrieved segments, codebook and review, frequencies, co-occurrence),
 * from any pane or view. */
#include <stdlib.h>
#include <string.h>

#include "views.h"

static void open_code_view(struct tui *t, const struct tui_view_ops *ops, bool subcodes)
{
	if (t->codes.current < 0) {
		tui_message_id(t, TUI_MSG_NO_CODE);
		return;
	}
	struct views_arg *arg = xcalloc(1, sizeof *arg);
	memcpy(arg->code, t->codes.cb.codes[t->codes.current].guid, sizeof arg->code);
	arg->subcodes = subcodes;
	tui_view_push(t, ops, arg);
}

bool tui_views_open_for(struct tui *t, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_SEGMENTS: open_code_view(t, &tui_view_segments_ops, false); return true;
	case TUI_ACT_SUBCODES: open_code_view(t, &tui_view_segments_ops, true); return true;
	case TUI_ACT_REVIEW: open_code_view(t, &tui_view_review_ops, false); return true;
	case TUI_ACT_FREQ: tui_view_push(t, &tui_view_freq_ops, NULL); return true;
	case TUI_ACT_COOC: tui_view_push(t, &tui_view_cooc_ops, NULL); return true;
	case TUI_ACT_MATRIX: tui_view_push(t, &tui_view_matrix_ops, NULL); return true;
	case TUI_ACT_AGREE: tui_view_push(t, &tui_view_agree_ops, NULL); return true;
	case TUI_ACT_COMPARE: tui_view_push(t, &tui_view_compare_ops, NULL); return true;
	case TUI_ACT_MESSAGES: tui_view_push(t, &tui_view_messages_ops, NULL); return true;
	case TUI_ACT_SEARCH_ALL: tui_search_all(t); return true;
	case TUI_ACT_MEMOS: tui_view_push(t, &tui_view_memos_ops, NULL); return true;
	default: return false;
	}
}
