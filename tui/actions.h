/* tui/actions.h — every action of the TUI once (tig's REQ_INFO): its id,
 * its name, its default keys and its help text.  The keys column binds
 * the keys (tui/keys.c parses it) and the help view (`?`) lists the same
 * rows, so the help can never disagree with the bindings.  Keys are
 * space-separated, in the key-script syntax: "q", "<Down>", "<C-d>".
 * Adding an action is one line here and a case in the views that do it. */
#ifndef ANKER_TUI_ACTIONS_H
#define ANKER_TUI_ACTIONS_H

/* The actions of the views over the panes (segments, codebook and review,
 * frequencies, co-occurrence) are listed in their own file but are rows
 * of this same table. */
#include "actions_views.h"

#define TUI_ACTIONS(_)                                                              \
	_(QUIT,       "quit",        "q",              "Quit (every change is saved; the next start resumes here); after Enter in a list (S, r, B, \", …): back to the list (again: to the list before)") \
	_(HELP,       "help",        "?",              "Show this help")                   \
	_(FOCUS_NEXT, "focus-next",  "<Tab>",          "Focus the next pane")              \
	_(FOCUS_PREV, "focus-prev",  "<S-Tab>",        "Focus the previous pane")          \
	_(REDRAW,     "redraw",      "<C-l>",          "Reload the project and redraw the screen") \
	_(DOWN,       "down",        "j <Down>",       "Down one line")                    \
	_(UP,         "up",          "k <Up>",         "Up one line")                      \
	_(LEFT,       "left",        "h <Left>",       "Left one character")               \
	_(RIGHT,      "right",       "l <Right>",      "Right one character")              \
	_(WORD_NEXT,  "word-next",   "w",              "Next word")                        \
	_(WORD_PREV,  "word-prev",   "b",              "Previous word")                    \
	_(PARA_NEXT,  "para-next",   "}",              "Next paragraph")                   \
	_(PARA_PREV,  "para-prev",   "{",              "Start of paragraph / previous one") \
	_(PAGE_DOWN,  "page-down",   "<PgDn> <C-f>",   "Down one page")                    \
	_(PAGE_UP,    "page-up",     "<PgUp> <C-b>",   "Up one page")                      \
	_(HALF_DOWN,  "half-down",   "<C-d>",          "Down half a page")                 \
	_(HALF_UP,    "half-up",     "<C-u>",          "Up half a page")                   \
	_(TOP,        "top",         "g <Home>",       "Go to the start")                  \
	_(BOTTOM,     "bottom",      "G <End>",        "Go to the end")                    \
	_(OPEN,       "open",        "<Enter>",        "Open the document / fold or unfold the code (text selected: code it)") \
	_(TOGGLE,     "toggle",      "<Space>",        "Fold or unfold the code")          \
	_(UNFOLD,     "unfold",      "+",           "Unfold the code")                  \
	_(FOLD,       "fold",        "-",           "Fold the code")                    \
	_(SELECT,     "select",      "v",              "Start a selection at the cursor (v again: cancel it)") \
	_(CODE,       "code",        "c",              "Code the selection with the current code (the one under the cursor)") \
	_(CANCEL,     "cancel",      "<Esc>",          "Cancel the selection")             \
	_(UNDO,       "undo",        "u",              "Undo your last change, not another coder's (big ones ask y/N)") \
	_(REDO,       "redo",        "<C-r>",          "Redo what you undid last (:redo N: any undone step)") \
	_(INVIVO,     "in-vivo",     "i",              "In-vivo coding: a new code named after the selected words codes them") \
	_(FIND,       "find-code",   "f",              "Find a code by number or name: code the selection (or make it current; in the review: recode the segment)") \
	_(RECENT,     "recent-code", "1 2 3 4 5 6 7 8 9", "Code with a recent code (1: the last used; kept across sessions)") \
	_(UNCODE,     "uncode",      "x",              "Remove the coding at the cursor (a list when several overlap; in the review: the segment; in the code system: cut the code, p pastes it)") \
	_(START_LEFT, "start-left",  "<lt>",           "Move the start of the coding at the cursor a word left (in the review: the chosen anchor example up)") \
	_(START_RIGHT,"start-right", ">",              "Move the start of the coding at the cursor a word right (in the review: the chosen anchor example down)") \
	_(END_LEFT,   "end-left",    "[",              "Move the end of the coding at the cursor a word left (in the review: of the chosen segment)") \
	_(END_RIGHT,  "end-right",   "]",              "Move the end of the coding at the cursor a word right (in the review: of the chosen segment)") \
	_(WEIGHT,     "weight",      "W",              "Set the weight (0-100) of the coding at the cursor") \
	_(MEMO,       "memo",        "M",              "Memo (one line) on the coding/document/code at the cursor") \
	_(SEL_SENT,   "select-sentence", "s",          "Select the sentence at the cursor") \
	_(SEL_PARA,   "select-paragraph", "p",         "Select the paragraph at the cursor (code system: paste the code cut with x under the code at the cursor)") \
	_(SEL_TURN,   "select-turn", "t",              "Select the speaker turn at the cursor") \
	_(STRIPES,    "stripes",     "L",              "Coding stripes: labelled (code numbers, bars; wide panes) or plain marks") \
	_(MOUSE,      "mouse",       "<Mouse>",        "Click moves the cursor, drag selects, the wheel scrolls the pane under the pointer") \
	_(SEARCH,     "search",      "/",              "Search the document (PCRE2; lower case: any case)") \
	_(SEARCH_NEXT,"search-next", "n",              "Next search hit (wraps)")          \
	_(SEARCH_PREV,"search-prev", "N",              "Previous search hit (wraps)")      \
	_(AUTOCODE,   "autocode",    "A",              "Code every search hit with the current code: each hit, or its sentence, paragraph or turn (asks; one undo step)") \
	_(DOC_RENAME, "rename-document", "e",          "Documents: rename the document at the cursor (code system: the code; u undoes; in the review: edit the chosen anchor example)") \
	_(DOC_DELETE, "delete-document", "D",          "Documents: delete the document at the cursor; asks first, naming its codings (code system: the code, naming its subcodes and memos too; u undoes; in the review: delete the chosen anchor example)") \
	_(COMMAND,    "command",     ":",              "Command line (:help lists the commands)") \
	_(PROMPT_BS,  "backspace",   "<BS> <DEL> <C-h>", "Prompt: delete the character before the cursor") \
	_(PROMPT_DEL, "delete",      "<Del>",          "Prompt: delete the character at the cursor") \
	_(PROMPT_WORD,"delete-word", "<C-w>",          "Prompt: delete the word before the cursor (Ctrl-U: the line)") \
	_(SEARCH_ALL, "search-all",  "S",              "Search all documents (PCRE2; lower case: any case): the hits in a list (Enter: go to, A: autocode them all)") \
	_(HINTS,      "hints",       "H",              "Codes that fit the selection (or the sentence at the cursor), ranked, with their reasons (Enter or a digit codes with it)") \
	_(PASTE_TOP,  "paste-top",   "*",              "Code system: paste the code cut with x at the top level (Esc: forget the cut)") \
	_(MERGE,      "merge-code",  "&",              "Code system: merge the code at the cursor into another, picked in the finder (u undoes)") \
	_(RECOLOR,    "recolor-code", "#",             "Code system: recolor the code at the cursor (#rrggbb, a palette number or name)") \
	_(CODE_TEXTS, "edit-code-texts", "@",          "Code system: edit the code's definition (d), anchor examples (a) or notes (n) in $VISUAL/$EDITOR") \
	_(MEMO_EDIT,  "memo-editor", "<C-e>",          "Memo as M, in $VISUAL/$EDITOR (also from the M prompt)") \
	TUI_VIEW_ACTIONS(_)

enum tui_action {
	TUI_ACT_NONE,
#define TUI_ACTION_ENUM(id, name, keys, help) TUI_ACT_##id,
	TUI_ACTIONS(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
	TUI_ACT_COUNT
};

struct tui_action_info {
	const char *name, *keys, *help;
};

/* Indexed by enum tui_action (entry 0 is TUI_ACT_NONE). */
extern const struct tui_action_info tui_action_table[TUI_ACT_COUNT];

/* Messages of the status line, the same way (tig's STATUS_CODE_INFO). */
#define TUI_MESSAGES(_)                                                   \
	_(NONE,        "")                                                \
	_(NO_DOC,      "No document open: choose one and press Enter")    \
	_(NO_CODE,     "No current code: choose one in the code system")  \
	_(NO_SEL,      "Nothing selected: press v, move, then code")      \
	_(SEL_START,   "Selection started: move to extend it")            \
	_(SEL_CANCEL,  "Selection cancelled")                             \
	_(UNBOUND,     "Key not bound: press ? for help")                 \
	_(NOT_HERE,    "Not available in this pane")

enum tui_msg {
#define TUI_MSG_ENUM(id, text) TUI_MSG_##id,
	TUI_MESSAGES(TUI_MSG_ENUM)
#undef TUI_MSG_ENUM
};

extern const char *const tui_msg_text[];

#endif
