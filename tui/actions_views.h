/* tui/actions_views.h — rows of the action table (tui/actions.h) for the
 * views opened over the panes: same columns (id, name, default keys, help).
 * Included by tui/actions.h only. */
#ifndef ANKER_TUI_ACTIONS_VIEWS_H
#define ANKER_TUI_ACTIONS_VIEWS_H

#define TUI_VIEW_ACTIONS(_)

#endif
