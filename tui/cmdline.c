/* tui/cmdline.c — `:` the command line for rarer actions.  The commands
 * are one table (name, arguments, help) that both runs them and fills
 * the help view (`?`, `:help`), as the actions table does for keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "views.h"
#include "../report/report.h"
#include "../analysis/analysis.h"

#define TUI_COMMANDS(_)                                                                    \
	_(coder,  "NAME",           "Code as NAME from now on (shown in the status line)")    \
	_(reviewer, "NAME",         "Judge as NAME in the review (B) from now on (alone: say who judges)") \
	_(goto,   "POS",            "Go to paragraph POS of the document")                   \
	_(export, "FORMAT FILE",    "Write the open view's table (r, F, O, I: as shown, filters too) as csv, tsv, md, latex, json, table or xlsx; ~/ is home") \
	_(export, "KIND FORMAT FILE", "Write KIND: segments, freq, cooc, agreement (the open view), freq or matrix (all codes, :docs)") \
	_(export, "codebook md|txt|latex FILE",                                             \
	  "Write the codebook as Markdown, MAXQDA text or LaTeX (as codebook export)")      \
	_(search, "PATTERN",        "Search all documents for PATTERN (as S)")                \
	_(autocode, "hit|sentence|paragraph|turn", "Code the search's hits (/ in the document; S: all documents) with the current code by this unit") \
	_(rename, "NAME",           "Rename the current code (the code tree's cursor)")      \
	_(color,  "COLOR",          "Recolor the current code: #rrggbb, a palette number 1-10 or name (red, teal, ...)") \
	_(define, "",               "Edit the current code's definition in $VISUAL/$EDITOR") \
	_(docs,   "[group G|var N=V|doc A, B]", "Count only these documents in r, F, O, X, B (alone: every document)") \
	_(import, "[-g G] [-s S] [-e E] [-v N=V] FILE...", "Import files as anker import does, in one step") \
	_(group,  "[NAME]",         "Put the document at the cursor (or open) in group NAME (alone: none)") \
	_(var,    "NAME=VALUE|-NAME", "Set (typed as docs var set) or unset a variable of that document") \
	_(memo,   "[project] [TYPE]", "Memo as M (or the project's) in $VISUAL/$EDITOR, of type TYPE") \
	_(undo,   "[STEP]",         "Undo your last change, or step STEP of anyone (anker log)") \
	_(redo,   "[STEP]",         "Redo what you undid last, or step STEP however old")      \
	_(help,   "",               "Show the keys and these commands")                      \
	_(q,      "",               "Quit (also :quit)")

const struct tui_command_info tui_command_table[] = {
#define TUI_COMMAND_INFO(name, args, help) { #name, args, help },
	TUI_COMMANDS(TUI_COMMAND_INFO)
#undef TUI_COMMAND_INFO
	{ NULL, NULL, NULL },
};

static void cmd_done(struct tui *t, const char *line)
{
	tui_cmdline_run(t, line);
}

void tui_cmdline_open(struct tui *t)
{
	tui_prompt_open(t, TUI_PROMPT_COMMAND, ":", NULL, cmd_done);
}

/* Split line into at most max words (spaces between); the last word
 * takes the rest of the line (a file name may hold spaces). */
static size_t split(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[n++] = p;
		if (n == max)
			break;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
	}
	if (n) {
		size_t k = strlen(w[n - 1]);
		while (k && w[n - 1][k - 1] == ' ')
			w[n - 1][--k] = 0;
	}
	return n;
}

static void cmd_coder(struct tui *t, char **w, size_t n)
{
	if (n != 2 || strlen(w[1]) >= sizeof t->coder_buf) {
		tui_message(t, true, "Usage: :coder NAME");
		return;
	}
	snprintf(t->coder_buf, sizeof t->coder_buf, "%s", w[1]);
	t->coder = t->coder_buf;
	store_set_actor(t->st, t->coder);
	tui_message(t, false, "Coding as %s", t->coder);
}

/* Verdicts, anchors and fixes in the review view go in under the
 * reviewer's name; the status line names a reviewer other than the coder. */
static void cmd_reviewer(struct tui *t, char **w, size_t n)
{
	if (n > 2 || (n == 2 && strlen(w[1]) >= sizeof t->reviewer)) {
		tui_message(t, true, "Usage: :reviewer NAME");
		return;
	}
	if (n == 2) {
		snprintf(t->reviewer, sizeof t->reviewer, "%s", strcmp(w[1], t->coder) ? w[1] : "");
		tui_reload(t);   /* the review view marks the reviewer's own segments */
	}
	tui_message(t, false, "Judging as %s", *t->reviewer ? t->reviewer : t->coder);
}

static void cmd_goto(struct tui *t, char **w, size_t n)
{
	struct text_view *tv = text_view_of(t);
	char *end = NULL;
	long pos = n == 2 ? strtol(w[1], &end, 10) : 0;
	if (!tv->doc_id) {
		tui_message_id(t, TUI_MSG_NO_DOC);
		return;
	}
	if (n != 2 || *end || pos < 1 || (size_t)pos > text_para_count(&tv->d)) {
		tui_message(t, true, "Usage: :goto POS (a paragraph from 1 to %zu)",
		            text_para_count(&tv->d));
		return;
	}
	tui_text_goto(t, text_para_start(&tv->d, (size_t)pos));
	tui_message(t, false, "Pos. %ld", pos);
}

static void cmd_undo(struct tui *t, char **w, size_t n, bool redo)
{
	char *end = NULL;
	long long step = n == 2 ? strtoll(w[1], &end, 10) : 0;
	if (n > 2 || (n == 2 && (*end || step < 1))) {
		tui_message(t, true, "Usage: :%s [STEP] (a step number, as anker log lists them)",
		            redo ? "redo" : "undo");
		return;
	}
	tui_undo_step(t, step, redo);
}

/* :export [KIND] FORMAT FILE (FILE the rest of the line: names hold
 * spaces).  The first word is a KIND when it names one, else the
 * format (a wrong one is said as such). */
static void cmd_export(struct tui *t, const char *line)
{
	char buf[TUI_PROMPT_MAX], buf4[TUI_PROMPT_MAX];
	char *w[4], *w4[4];
	snprintf(buf, sizeof buf, "%s", line);
	snprintf(buf4, sizeof buf4, "%s", line);
	size_t n = split(buf, w, 3), n4 = split(buf4, w4, 4);
	if (n4 == 4 && tui_export_kind(w4[1])) {
		tui_export(t, w4[1], w4[2], w4[3]);
		return;
	}
	if (n != 3) {
		tui_message(t, true, "Usage: :export [KIND] FORMAT FILE (KIND: segments, freq, cooc, "
		            "agreement, matrix; codebook md|txt|latex)");
		return;
	}
	tui_export(t, NULL, w[1], w[2]);
}

/* :autocode UNIT: the hits of the search view on top (every document),
 * else of the open document's search. */
static void cmd_autocode(struct tui *t, char **w, size_t n)
{
	enum coding_unit u;
	if (n != 2 || !coding_unit_parse(w[1], &u)) {
		tui_message(t, true, "Usage: :autocode hit|sentence|paragraph|turn");
		return;
	}
	const char *pattern;
	bool icase;
	struct text_view *tv = text_view_of(t);
	if (tui_search_view_pattern(t, &pattern, &icase))
		text_autocode_run(t, pattern, icase, NULL, u);
	else if (!tv->doc_id || !tv->pattern)
		tui_message(t, true, "No search: / searches the document, S all documents");
	else
		text_autocode_run(t, tv->pattern, tv->icase, tv->name, u);
}

/* :search PATTERN (the rest of the line: patterns hold spaces). */
static void cmd_search(struct tui *t, const char *line)
{
	const char *p = line + strspn(line, " ") + strlen("search");
	p += strspn(p, " ");
	if (!*p) {
		tui_message(t, true, "Usage: :search PATTERN");
		return;
	}
	tui_search_all_run(t, p);
}

/* :docs KIND ARG, from the line as typed (document names hold spaces). */
static void cmd_docs(struct tui *t, const char *line)
{
	const char *p = line + strspn(line, " ") + strlen("docs");
	p += strspn(p, " ");
	if (!*p) {
		tui_docs_free(t);
		tui_reload(t);
		tui_message(t, false, "Counting every document");
		return;
	}
	size_t k = strcspn(p, " ");
	char kind[16];
	snprintf(kind, sizeof kind, "%.*s", (int)(k < sizeof kind ? k : sizeof kind - 1), p);
	const char *arg = p + k + strspn(p + k, " ");
	struct anker_err err = { 0 };
	size_t kept;
	if (!*arg) {
		tui_message(t, true, "Usage: :docs group G, :docs var NAME=VALUE, :docs doc A, B");
		return;
	}
	if (tui_docs_set(t, kind, arg, &kept, &err)) {
		tui_message(t, true, "Documents not limited: %s", err.msg);
		return;
	}
	tui_reload(t);
	tui_message(t, false, "Counting %zu document%s (%s %s); :docs alone: every one", kept,
	            kept == 1 ? "" : "s", kind, arg);
}

/* :import, :group, :var: what follows the command as typed (names and
 * values hold spaces). */
static void cmd_docs_edit(struct tui *t, const char *c, const char *line)
{
	const char *p = line + strspn(line, " ") + strlen(c);
	p += strspn(p, " ");
	char rest[TUI_PROMPT_MAX];
	snprintf(rest, sizeof rest, "%s", p);
	for (size_t k = strlen(rest); k && rest[k - 1] == ' ';)
		rest[--k] = 0;
	if (c[0] == 'i')
		tui_docs_import(t, rest);
	else if (c[0] == 'g')
		tui_docs_group_cmd(t, rest);
	else
		tui_docs_var_cmd(t, rest);
}

void tui_cmdline_run(struct tui *t, const char *line)
{
	char buf[TUI_PROMPT_MAX];
	char *w[4];
	snprintf(buf, sizeof buf, "%s", line);
	size_t n = split(buf, w, 4);
	if (n == 0)
		return;
	const char *c = w[0];
	/* After the command word, as typed (a code name holds spaces). */
	const char *rest = line + strspn(line, " ") + strlen(c);
	rest += strspn(rest, " ");
	if (strcmp(c, "coder") == 0)
		cmd_coder(t, w, n);
	else if (strcmp(c, "reviewer") == 0)
		cmd_reviewer(t, w, n);
	else if (strcmp(c, "goto") == 0)
		cmd_goto(t, w, n);
	else if (strcmp(c, "docs") == 0)
		cmd_docs(t, line);
	else if (strcmp(c, "export") == 0)
		cmd_export(t, line);
	else if (strcmp(c, "autocode") == 0)
		cmd_autocode(t, w, n);
	else if (strcmp(c, "search") == 0)
		cmd_search(t, line);
	else if (strcmp(c, "import") == 0 || strcmp(c, "group") == 0 || strcmp(c, "var") == 0)
		cmd_docs_edit(t, c, line);
	else if (strcmp(c, "memo") == 0)
		tui_memo_cmd(t, w, n);
	else if (strcmp(c, "undo") == 0 || strcmp(c, "redo") == 0)
		cmd_undo(t, w, n, c[0] == 'r');
	else if (tui_code_command(t, c, rest))
		;
	else if (strcmp(c, "help") == 0 && n == 1)
		tui_view_push(t, &tui_view_help_ops, NULL);
	else if ((strcmp(c, "q") == 0 || strcmp(c, "quit") == 0) && n == 1)
		t->quit = true;
	else
		tui_message(t, true, "Unknown command ':%s' (:help lists the commands)", line);
}
