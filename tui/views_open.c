/* tui/views_open.c — the actions that open the views over the panes
 * (retrieved segments, codebook and review, frequencies, co-occurrence). */
#include "view.h"

bool tui_views_open_for(struct tui *t, enum tui_action a)
{
	(void)t;
	(void)a;
	return false;
}
