/* tui/tui.h — the terminal coder (SPEC §7): the one interface cli/ uses.
 *
 * tui_run takes over the terminal until the user quits (or SIGTERM/SIGHUP
 * arrives) and gives it back.  Every change is committed by the module
 * function that makes it, so quitting (or being killed) loses nothing.
 *
 * Headless mode, for tests (as tig's test mode): with ANKER_TUI_HEADLESS=WxH
 * the screen is a newterm() on /dev/null of that size, keys come from the
 * script in ANKER_TUI_KEYS (plain characters and names such as <Enter>,
 * <Tab>, <Down>, <C-d>, <Resize 50x14>; see tui/keys.c), and when the
 * script is exhausted the screen is written as text to ANKER_TUI_DUMP
 * (default: stdout) and tui_run returns.
 */
#ifndef ANKER_TUI_H
#define ANKER_TUI_H

#include "../store/store.h"

struct tui_opts {
	const char *coder;      /* NULL: store_default_coder() */
};

/* Returns ANKER_OK, or a status with err set (no terminal, bad headless
 * settings, a failure to load the project). */
int tui_run(struct store *st, const struct tui_opts *o, struct anker_err *err);

#endif
