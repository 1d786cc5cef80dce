/* tui/keys.c — key names (for the action table and key scripts) and the
 * bindings made from tui/actions.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "view.h"

const struct tui_action_info tui_action_table[TUI_ACT_COUNT] = {
	[TUI_ACT_NONE] = { "none", "", "" },
#define TUI_ACTION_INFO(id, name, keys, help) [TUI_ACT_##id] = { name, keys, help },
	TUI_ACTIONS(TUI_ACTION_INFO)
#undef TUI_ACTION_INFO
};

const char *const tui_msg_text[] = {
#define TUI_MSG_TEXT(id, text) text,
	TUI_MESSAGES(TUI_MSG_TEXT)
#undef TUI_MSG_TEXT
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\n' }, { "Tab", '\t' }, { "S-Tab", KEY_BTAB }, { "Esc", 27 },
	{ "Space", ' ' }, { "Down", KEY_DOWN }, { "Up", KEY_UP }, { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "PgDn", KEY_NPAGE }, { "PgUp", KEY_PPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END }, { "BS", KEY_BACKSPACE }, { "lt", '<' },
	{ "DEL", 127 }, { "Del", KEY_DC }, { "Mouse", KEY_MOUSE },
	{ "Idle", TUI_KEY_IDLE }, { "Hook", TUI_KEY_HOOK },
};

/* The last mouse event of a key script (headless). */
static struct {
	bool headless, pending;
	int y, x, kind;
} mouse;

void tui_mouse_headless(bool on)
{
	mouse.headless = on;
}

bool tui_mouse_event(int *y, int *x, int *kind)
{
	if (mouse.headless) {
		if (!mouse.pending)
			return false;
		mouse.pending = false;
		*y = mouse.y;
		*x = mouse.x;
		*kind = mouse.kind;
		return true;
	}
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return false;
	*y = ev.y;
	*x = ev.x;
	*kind = ev.bstate & BUTTON1_PRESSED ? TUI_MOUSE_PRESS
	      : ev.bstate & BUTTON1_RELEASED ? TUI_MOUSE_RELEASE
	      : ev.bstate & BUTTON4_PRESSED ? TUI_MOUSE_WHEEL_UP
	      : ev.bstate & BUTTON5_PRESSED ? TUI_MOUSE_WHEEL_DOWN : TUI_MOUSE_MOVE;
	return true;
}

int tui_key_parse(const char **s, int *rw, int *rh)
{
	const char *p = *s;
	if (!*p)
		return -1;
	if (*p != '<' || !strchr(p, '>')) {
		*s = p + 1;
		return (unsigned char)*p;
	}
	const char *end = strchr(p, '>');
	size_t n = (size_t)(end - p - 1);
	const char *name = p + 1;
	*s = end + 1;
	if (n == 3 && name[0] == 'C' && name[1] == '-' && isalpha((unsigned char)name[2]))
		return tolower((unsigned char)name[2]) - 'a' + 1;
	if (n > 6 && strncmp(name, "Mouse ", 6) == 0) {
		char kind[16];
		if (sscanf(name + 6, "%15s %d %d", kind, &mouse.y, &mouse.x) != 3)
			return -1;
		mouse.kind = strcmp(kind, "press") == 0 ? TUI_MOUSE_PRESS
		           : strcmp(kind, "release") == 0 ? TUI_MOUSE_RELEASE
		           : strcmp(kind, "wheelup") == 0 ? TUI_MOUSE_WHEEL_UP
		           : strcmp(kind, "wheeldown") == 0 ? TUI_MOUSE_WHEEL_DOWN : TUI_MOUSE_MOVE;
		mouse.pending = true;
		return KEY_MOUSE;
	}
	if (n > 7 && strncmp(name, "Resize ", 7) == 0) {
		if (sscanf(name + 7, "%dx%d", rw, rh) == 2 && *rw > 0 && *rh > 0)
			return KEY_RESIZE;
		return -1;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strlen(key_names[i].name) == n && strncmp(key_names[i].name, name, n) == 0)
			return key_names[i].key;
	return -1;
}

/* Keys go up to KEY_MAX; a flat table is simplest. */
static unsigned char bindings[KEY_MAX + 1];

void tui_keys_init(void)
{
	memset(bindings, 0, sizeof bindings);
	for (int a = 1; a < TUI_ACT_COUNT; a++) {
		const char *p = tui_action_table[a].keys;
		while (*p) {
			int rw, rh;
			while (*p == ' ')
				p++;
			int k = tui_key_parse(&p, &rw, &rh);
			if (k >= 0 && k <= KEY_MAX)
				bindings[k] = (unsigned char)a;
		}
	}
	bindings['\r'] = bindings['\n'];
	bindings[KEY_ENTER] = bindings['\n'];
}

enum tui_action tui_key_action(int key)
{
	if (key < 0 || key > KEY_MAX)
		return TUI_ACT_NONE;
	return (enum tui_action)bindings[key];
}
