/* tui/view.h — inside the TUI (not for cli/, which has tui.h): the view
 * manager, the views' operations table, the drawing helpers.
 *
 * A view is one file ending with its `struct tui_view_ops` (tig's
 * view_ops); the manager (tui/view.c) knows views only through it.  Views
 * draw only through the helpers below, which clip by display width
 * (corpus_utf8_fit) and make file text visible (corpus_utf8_visible). */
#ifndef ANKER_TUI_VIEW_H
#define ANKER_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "../codebook/codebook.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"
#include "actions.h"
#include "tui.h"

#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 12
#define TUI_STACK_MAX 8
/* Views kept behind the panes by jumps from lists, all layers together:
 * the oldest layers are closed beyond it (each may hold a long list). */
#define TUI_PARK_MAX 16

struct tui;
struct tui_view;
struct report_table;

struct tui_rect {
	int y, x, h, w;
};

struct tui_view_ops {
	const char *name;
	/* Load what the view shows; 0 or an ANKER_* status with err set. */
	int (*open)(struct tui *t, struct tui_view *v, struct anker_err *err);
	void (*draw)(struct tui *t, struct tui_view *v);
	/* true when the view handled the action. */
	bool (*key)(struct tui *t, struct tui_view *v, enum tui_action a);
	/* The pane got a new rectangle (v->r is already set). */
	void (*resize)(struct tui *t, struct tui_view *v);
	/* The project changed (undo, redo, a write of this view or of another
	 * process): load again.  Views keep no index into what a reload
	 * replaces: they hold codes, documents and segments by GUID and look
	 * them up again here, keeping cursor and scroll on the same object; a
	 * row whose object is gone disappears, a view whose object is gone
	 * says so.  Called after the code tree was reloaded; NULL: nothing to
	 * reload. */
	void (*reload)(struct tui *t, struct tui_view *v);
	void (*close)(struct tui_view *v);
	/* :export: what the view shows (its settings and filters) as a table
	 * into out (initialised, empty); NULL: nothing to export here. */
	int (*table)(struct tui *t, struct tui_view *v, struct report_table *out,
	             struct anker_err *err);
	/* :export of a table too long to hold (every hit of a search): as
	 * table, but part(out, arg) is called whenever out holds
	 * REPORT_STREAM_ROWS rows, and writes and removes them (the rows left
	 * at the end are the caller's to write); NULL: table only. */
	int (*table_parts)(struct tui *t, struct tui_view *v, struct report_table *out,
	                   void (*part)(struct report_table *out, void *arg), void *arg,
	                   struct anker_err *err);
	/* Whose steps u, Ctrl-R, :undo and :redo undo and redo while the view
	 * is on top (the review: the reviewer's); NULL: the coder's. */
	const char *(*actor)(struct tui *t, struct tui_view *v);
	/* No key has come for a while (the key timeout; headless, <Idle>)
	 * and no prompt is open: work the view can do ahead of a key (the
	 * review's boundaries).  A key arriving meanwhile cancels it through
	 * store_progress (ANKER_CANCELLED; the key is kept for after), and
	 * nothing is drawn (the screen stays as the user left it).  true when
	 * it did work (ANKER_TUI_TIMING times it); NULL: nothing to do. */
	bool (*idle)(struct tui *t, struct tui_view *v);
};

struct tui_view {
	const struct tui_view_ops *ops;
	struct tui_rect r;           /* the pane, border included */
	void *priv;                  /* the view's own state */
	bool stale;                  /* under the top view when the project changed */
};

extern const struct tui_view_ops tui_view_docs_ops;
extern const struct tui_view_ops tui_view_text_ops;
extern const struct tui_view_ops tui_view_codes_ops;
extern const struct tui_view_ops tui_view_help_ops;
extern const struct tui_view_ops tui_view_messages_ops;

/* Said by a view whose code, document or segment went under it. */
#define TUI_GONE "gone: deleted, merged or undone"

enum tui_pane { TUI_PANE_DOCS, TUI_PANE_CODES, TUI_PANE_TEXT, TUI_NPANES };

/* The project's code system, shared by the views: the code tree with
 * colors, counts and the current code (the code tree's cursor).  Indices
 * into cb are valid until the next reload (tui_reload) only: what must
 * outlive one keeps the code's GUID. */
struct tui_codes {
	struct codebook cb;
	short *pair;                 /* per code: color pair for highlights (0: none) */
	int current;                 /* index into cb.codes, -1: none */
};

/* The prompt line (tui/prompt.c): a one-line editor, UTF-8 aware, on the
 * status line or inside a popup (the finder).  While it is open it gets
 * every key: printable characters (and UTF-8 bytes) are typed, Enter
 * calls done, Esc calls cancel (when set) and closes it. */
#define TUI_PROMPT_MAX 512
#define TUI_RECENT 9
#define TUI_HISTORY_MAX 50

/* Each kind of prompt keeps its own history for the session (Up/Down);
 * NONE keeps none (the finder, whose Up/Down move in its list). */
enum tui_prompt_kind {
	TUI_PROMPT_NONE, TUI_PROMPT_SEARCH, TUI_PROMPT_COMMAND, TUI_PROMPT_WEIGHT,
	TUI_PROMPT_MEMO, TUI_PROMPT_COMMENT, TUI_PROMPT_NKINDS
};

struct tui_history {
	char *v[TUI_HISTORY_MAX];    /* oldest first (owned) */
	size_t n;
};

struct tui_prompt {
	bool on;
	enum tui_prompt_kind kind;
	/* Room for a question ("Undo step 12 (import by anna): 5 documents,
	 * 54 codes, 128 codings? y/N "; a code's delete naming subcodes and
	 * memos) and a failed key's reason. */
	char label[512];
	char buf[TUI_PROMPT_MAX];
	size_t len, cur;             /* bytes */
	size_t back;                 /* history: entries back from the newest, 0: the draft */
	char draft[TUI_PROMPT_MAX];  /* what was typed before Up */
	/* A prompt opened by a key that could not act (tui_prompt_fail):
	 * what Enter or Esc says; "" otherwise. */
	char failed[256];
	/* Enter: text is buf; the prompt is closed before the call, so done
	 * may open another one. */
	void (*done)(struct tui *t, const char *text);
	void (*cancel)(struct tui *t);
	void (*edited)(struct tui *t);               /* after each change */
	/* Actions the editor does not use (arrows up/down in a list). */
	bool (*key)(struct tui *t, enum tui_action a);
	/* Draws the prompt itself (a popup); NULL: on the status line. */
	void (*draw)(struct tui *t);
};

/* The last status-line messages, in full (E shows them). */
#define TUI_MSGLOG 100
struct tui_msglog {
	char *text[TUI_MSGLOG];      /* a ring (owned) */
	bool error[TUI_MSGLOG];
	char when[TUI_MSGLOG][9];    /* "14:03:12", local time */
	size_t n, next;              /* how many, where the next goes */
	uint64_t seq;                /* messages ever: a view sees it grew */
};

struct tui {
	struct store *st;
	const char *coder;
	char coder_buf[128];         /* a coder chosen with :coder */
	char reviewer[128];          /* :reviewer or $ANKER_REVIEWER; "": the coder judges */
	const char *project;         /* base name of the project file */
	int lines, cols;
	bool too_small;
	struct tui_view panes[TUI_NPANES];
	/* Full-window views opened over the panes (help, retrieved segments,
	 * codebook and review, frequencies, co-occurrence …): the top one is
	 * drawn and gets the keys; quit/Esc closes it. */
	struct tui_view stack[TUI_STACK_MAX];
	int depth;
	/* The views a jump to a passage put behind the panes (Enter in S, r,
	 * B, the memo list …), kept as they were: q in the panes brings them
	 * back (tui_view_back), the cursor where it was.  Each jump parks one
	 * layer (the stack as it was), so q after q goes back further, as a
	 * browser's back does: S, Enter, r, Enter, q, q returns to S. */
	struct tui_view parked[TUI_PARK_MAX];
	int nparked;
	int layer[TUI_PARK_MAX];     /* the views of each parked layer, oldest first */
	int nlayers;
	enum tui_pane focus;
	struct tui_codes codes;
	/* the status line */
	const char *doc_name;        /* the document in the text pane, or NULL */
	size_t pos_para, pos_cp;     /* the cursor there */
	const char *mode;            /* "NORMAL", "VISUAL" */
	char msg[1280];
	bool msg_error;
	struct tui_msglog msglog;
	bool quit;
	int colors;                  /* 0, 8 or 256 */
	int key;                     /* the key being dispatched (digits of recent codes) */
	bool acted;                  /* a key that opens a prompt acted without one (M: the editor) */
	struct tui_prompt prompt;
	struct tui_history history[TUI_PROMPT_NKINDS];
	/* Codes used last, most recent first (GUIDs; "": none). */
	char recent[TUI_RECENT][37];
	/* PRAGMA data_version when the views were last loaded: another
	 * process's commit changes it (tui_poll). */
	int64_t data_version;
	int64_t undo_ask;            /* the step "Undo …? y/N" asks about */
	/* :docs: the documents r, F and O count (tui/views_docs.c); NULL: all. */
	struct tui_docs *docs;
};

/* The prompt (tui/prompt.c).  Enter and Esc keep non-empty text in the
 * kind's history. */
void tui_prompt_open(struct tui *t, enum tui_prompt_kind kind, const char *label,
                     const char *init, void (*done)(struct tui *t, const char *text));
/* A key that opens a prompt could not act (why: the status line's reason,
 * e.g. "No coding at the cursor"): the prompt opens all the same, saying
 * so, so that what is typed next stays text and never runs as keys; Enter
 * or Esc closes it, keeps the text in the history (Up recalls it in the
 * next prompt of the kind) and sets nothing.  what: "Memo not set". */
void tui_prompt_fail(struct tui *t, enum tui_prompt_kind kind, const char *what,
                     const char *why);
void tui_prompt_close(struct tui *t);
/* A question answered by one key ("…? y/N", a choice of letters): answer
 * gets the key typed (its first byte), '\n' for Enter (the default answer,
 * where a question has one) or 0 for Esc, once the prompt is closed; so no
 * key typed after the question runs as a command. */
void tui_prompt_ask(struct tui *t, const char *question, void (*answer)(struct tui *t, char key));
/* Free the histories (at the end of the session). */
void tui_prompt_history_free(struct tui *t);
/* Forget the :docs filter (at the end of the session). */
void tui_docs_free(struct tui *t);
/* A key while the prompt is open. */
void tui_prompt_key(struct tui *t, int key);
/* Draw label and text in w columns at y, x, the cursor shown. */
void tui_prompt_draw_at(struct tui *t, int y, int x, int w);

/* The command line `:` (tui/cmdline.c). */
void tui_cmdline_open(struct tui *t);
/* Run one command line (without the colon). */
void tui_cmdline_run(struct tui *t, const char *line);
/* Its commands, for the help view: NULL name ends. */
struct tui_command_info {
	const char *name, *args, *help;
};
extern const struct tui_command_info tui_command_table[];

/* Recent codes: remember the code (its GUID) as used now; the n-th
 * (1-based) recent code's index in t->codes.cb, -1 when none (or gone). */
void tui_recent_use(struct tui *t, const char *code_guid);
int tui_recent_code(struct tui *t, int n);
/* Make code index i the current code (the code tree's cursor). */
void tui_codes_set_current(struct tui *t, int i);
/* Editing the code system from its pane (tui/code_edit.c): e, D, x, p,
 * *, &, # and @ on the code at the cursor (Esc forgets a cut); true when
 * a was one of them. */
bool tui_code_edit_key(struct tui *t, enum tui_action a);
/* Is the code with this GUID the one x cut (drawn dim until pasted)? */
bool tui_code_is_cut(const char *guid);
/* "2.9 Name" of code i into sb (reset first); returns its text. */
const char *tui_code_label(struct tui *t, int i, struct strbuf *sb);
/* @: ask which text of code i to edit, then edit it (tui/code_texts.c);
 * tui_code_texts_edit edits one at once: 'd', 'a' or 'n'. */
void tui_code_texts_open(struct tui *t, int i);
void tui_code_texts_edit(struct tui *t, int i, char what);
/* :rename NAME, :color COLOR, :define on the current code (the code
 * tree's cursor, from any pane); false when name is none of them. */
bool tui_code_command(struct tui *t, const char *name, const char *arg);

/* A list view's cursor keys (j, k, pages, halves, g, G) over n rows in a
 * pane of h lines (title and header take 3): true when a was one of them
 * and *cur moved (kept within the rows). */
bool tui_list_move(enum tui_action a, int h, size_t n, size_t *cur);

/* Views over the panes (tui/view.c).  tui_view_push opens ops (its open
 * gets arg in v->priv, which open may replace with its own state) over
 * everything; on an open error the message goes to the status line and
 * nothing is pushed.  tui_view_pop closes the top view. */
int tui_view_push(struct tui *t, const struct tui_view_ops *ops, void *arg);
void tui_view_pop(struct tui *t);
/* The top view over the panes, or NULL. */
struct tui_view *tui_view_top(struct tui *t);
/* tui_view_park puts every view over the panes behind them, unclosed, as
 * one layer on those parked before (the oldest closed past TUI_PARK_MAX);
 * tui_view_back brings the last parked layer back on top (false: none),
 * the top one loaded again when the project changed meanwhile. */
void tui_view_park(struct tui *t);
bool tui_view_back(struct tui *t);

/* Actions that open a view over the panes, from any pane or view
 * (tui/views_open.c): true when a handled it. */
bool tui_views_open_for(struct tui *t, enum tui_action a);
/* Show code point cp of the open document in the text pane, cursor there
 * (after tui_open_doc); used by views that jump to a passage: the views
 * over the panes are parked (tui_view_park), q goes back to them. */
void tui_text_goto(struct tui *t, size_t cp);

/* The view manager (tui/view.c). */
int tui_views_open(struct tui *t, struct anker_err *err);
void tui_views_close(struct tui *t);
void tui_layout(struct tui *t);          /* query the size, lay out, redraw */
void tui_draw(struct tui *t);
void tui_dispatch(struct tui *t, int key);
void tui_message(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_message_id(struct tui *t, enum tui_msg m);
/* Open a document in the text pane and focus it. */
int tui_open_doc(struct tui *t, int64_t doc_id, const char *name);
/* Reload what a change may have changed: the panes (code tree first) and
 * the top view (the views under it when they come on top again). */
void tui_reload(struct tui *t);
/* Another process wrote the project (PRAGMA data_version changed): reload.
 * Called when no key came for a while and before each key; true when it
 * reloaded. */
bool tui_poll(struct tui *t);
/* u and Ctrl-R (also :undo, :redo): the coder's own last step.
 * tui_undo_step: step n of anyone (0: the coder's own, as u); an undo
 * that removes documents, codes or many codings asks first, with a prompt
 * that takes the next key as its answer (y undoes; any other key, Enter
 * and Esc do not), so that no key typed after u runs as a command. */
void tui_undo_redo(struct tui *t, bool redo);
void tui_undo_step(struct tui *t, int64_t step, bool redo);
/* A mouse event on the text pane's cell (y, x) (tui/view_text.c). */
void tui_text_mouse(struct tui *t, int y, int x, int kind);
/* The text pane's current document (0: none). */
int64_t tui_text_doc(struct tui *t);
/* The text pane's cursor and first line shown, as code points; set them
 * (clamped to the document, the cursor kept in view). */
void tui_text_place(struct tui *t, size_t *cur, size_t *top);
void tui_text_set_place(struct tui *t, size_t cur, size_t top);
/* The documents pane's list (fresh after each reload): a document's GUID
 * by id (NULL: not there), and id and name by GUID (false: gone).
 * tui_docs_open_guid opens the document with this GUID, the pane's cursor
 * on it (-1: none such). */
const char *tui_docs_guid(struct tui *t, int64_t id);
bool tui_docs_find(struct tui *t, const char *guid, int64_t *id, const char **name);
int tui_docs_open_guid(struct tui *t, const char *guid);
/* Where the coder left off (tui/resume.c): saved in the project per coder
 * when the TUI ends, put back when it starts. */
void tui_resume_save(struct tui *t);
void tui_resume_load(struct tui *t);

/* Long text in the user's editor (tui/editor.c): $VISUAL, else $EDITOR,
 * else vi, on a temporary file holding text (NULL: empty), the terminal
 * given to it until it exits.  *out (malloc'd) is what the file holds
 * then, checked as UTF-8 and NFC (corpus_text_given, errors naming what
 * and the byte offset), line ends at its end dropped; *changed says it
 * differs from text.  An editor that fails or cannot run changes nothing
 * (ANKER_IO).  The caller stores *out as one step. */
int tui_edit_text(struct tui *t, const char *what, const char *text, char **out,
                  bool *changed, struct anker_err *err);

/* Memos (tui/memo.c): the typed memos of `anker memo`.  The TUI edits a
 * target's oldest memo (a new one when it has none): in the one-line
 * prompt (a memo of several lines: the editor at once) or, editor set, in
 * tui_edit_text.  type: the type to give it (NULL: keep; a new memo:
 * free).  Saving is one step: add, edit, or delete when emptied.
 * what: the target as the messages name it ("document 'Interview 01'").
 * tui_memo_edit_memo: that memo itself (from the memo list).
 * tui_memo_here: the target of M in the focused pane (the coding or
 * document in the text pane, the document or code at the cursor). */
void tui_memo_edit(struct tui *t, enum coding_memo_target target, const char *key,
                   const char *what, const char *type, bool editor);
void tui_memo_edit_memo(struct tui *t, const struct coding_memo *m, const char *type,
                        bool editor);
void tui_memo_here(struct tui *t, const char *type, bool editor);
/* :memo [project] [TYPE] (the command's words w[0..n)): in the editor. */
void tui_memo_cmd(struct tui *t, char **w, size_t n);
/* Forget the memo a prompt was open for (at the end of the session). */
void tui_memo_free(void);
/* Documents from the command line (tui/docs_cmd.c), each one step:
 * :import ARGS (options and files as a shell splits them: --group,
 * --speakers, --encoding, --var; every file or none); :group NAME ("":
 * none) and :var NAME=VALUE or -NAME on the document open in the focused
 * text pane, else at the documents pane's cursor. */
void tui_docs_import(struct tui *t, const char *args);
void tui_docs_group_cmd(struct tui *t, const char *group);
void tui_docs_var_cmd(struct tui *t, const char *arg);
/* The document at the documents pane's cursor, or NULL (tui/view_docs.c). */
const struct corpus_doc *tui_docs_cursor(struct tui *t);

/* Keys (tui/keys.c). */
/* Key-script names of the headless test mode beyond the terminal's keys:
 * <Idle> passes like a second without a key (the loop polls for other
 * writers, tui_poll); <Hook> runs $ANKER_TUI_HOOK (sh -c, its output to
 * /dev/null) and waits for it, then idles: a test's way of letting
 * another process write between two keys. */
#define TUI_KEY_IDLE (KEY_MAX + 1)
#define TUI_KEY_HOOK (KEY_MAX + 2)
/* Parse one key name at *s ("q", "<Enter>", "<C-d>", "<Resize 50x14>");
 * advances *s.  Returns the key code (ncurses KEY_* or a character), or -1.
 * A resize sets *rw, *rh and returns KEY_RESIZE. */
int tui_key_parse(const char **s, int *rw, int *rh);
/* The mouse event behind a KEY_MOUSE: its screen cell and kind.  From the
 * terminal (getmouse) or, headless, from a script key
 * "<Mouse press|move|release|wheelup|wheeldown Y X>".  false when there is
 * none. */
enum { TUI_MOUSE_PRESS, TUI_MOUSE_MOVE, TUI_MOUSE_RELEASE, TUI_MOUSE_WHEEL_UP,
       TUI_MOUSE_WHEEL_DOWN };
bool tui_mouse_event(int *y, int *x, int *kind);
void tui_mouse_headless(bool on);
/* The code point under screen cell (y, x) of the text pane (tui/view_text.c). */
bool tui_text_cell_cp(struct tui *t, int y, int x, size_t *cp);
/* The action bound to key (TUI_ACT_NONE when none). */
enum tui_action tui_key_action(int key);
void tui_keys_init(void);

/* Drawing (tui/draw.c). */
void tui_colors_init(struct tui *t);
/* A color pair for text on background "#rrggbb" (0 when colors are off
 * or pairs ran out). */
short tui_color_pair(struct tui *t, const char *hex);
/* Draw s (UTF-8 from anywhere, file text included) at y, x in at most w
 * columns, made visible; returns the columns used. */
int tui_draw_text(int y, int x, int w, const char *s, size_t len, int attr);
/* The columns s takes when drawn (made visible: placeholders count). */
int tui_text_width(const char *s, size_t len);
/* tui_draw_text, ending with "…" when s is cut. */
int tui_draw_text_cut(int y, int x, int w, const char *s, size_t len, int attr);
/* tui_draw_text, cut in the middle ("Undo step 3 (import…: 5 documents? y/N")
 * when s is wider than w: for questions, whose end says what to answer. */
int tui_draw_text_mid(int y, int x, int w, const char *s, size_t len, int attr);
/* One glyph at s (a grapheme cluster, a control, a tab at column col):
 * its length in bytes and its width. */
size_t tui_glyph(const char *s, size_t len, int col, int *w);
/* Draw one glyph of n bytes and width w at y, x, made visible. */
void tui_draw_glyph(int y, int x, const char *s, size_t n, int w, int attr);
/* The pane's title line (r's first line); the focused pane's is reverse. */
void tui_draw_title(const struct tui_rect *r, const char *title, bool focus);
void tui_fill(int y, int x, int w, int attr);

#endif
