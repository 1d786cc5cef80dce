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
	_(export, "freq FORMAT FILE", "Write the frequency table (csv, tsv, md, latex, json, table)") \
	_(export, "codebook md|txt FILE", "Write the codebook as Markdown or MAXQDA text")    \
	_(docs,   "[group G|var N=V|doc A, B]", "Count only these documents in r, F and O (alone: every document)") \
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

static int export_freq(struct tui *t, const char *fmt_name, struct strbuf *out,
                       struct anker_err *err)
{
	int fmt = report_format_parse(fmt_name);
	if (fmt < 0)
		return anker_err_set(err, ANKER_USAGE, "unknown format '%s' (%s)", fmt_name,
		                     report_format_names());
	if (fmt == REPORT_XLSX)
		return anker_err_set(err, ANKER_USAGE, "a workbook is written by anker freq -o FILE.xlsx");
	struct report_table tab;
	struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE };
	report_table_init(&tab);
	int rc = analysis_freq(t->st, &o, &tab, NULL, err);
	if (!rc)
		report_table_write(&tab, (enum report_format)fmt, 0, out);
	report_table_free(&tab);
	return rc;
}

static int export_codebook(struct tui *t, const char *fmt, struct strbuf *out,
                           struct anker_err *err)
{
	if (strcmp(fmt, "md") == 0)
		return codebook_write_md(&t->codes.cb, out, 0, NULL, NULL, err);
	if (strcmp(fmt, "txt") == 0) {
		codebook_write_txt(&t->codes.cb, out);
		return 0;
	}
	return anker_err_set(err, ANKER_USAGE, "a codebook is written as md or txt, not '%s'", fmt);
}

static void cmd_export(struct tui *t, char **w, size_t n)
{
	struct strbuf out = { 0 };
	struct anker_err err = { 0 };
	int rc;
	if (n != 4 || (strcmp(w[1], "freq") != 0 && strcmp(w[1], "codebook") != 0)) {
		tui_message(t, true, "Usage: :export freq FORMAT FILE, :export codebook md|txt FILE");
		return;
	}
	if (strcmp(w[1], "freq") == 0)
		rc = export_freq(t, w[2], &out, &err);
	else
		rc = export_codebook(t, w[2], &out, &err);
	if (!rc)
		rc = anker_write_file(w[3], sb_str(&out), out.len, &err);
	struct strbuf file = { 0 };
	tui_path_short(&file, w[3], 40);
	if (rc)
		tui_message(t, true, "Not exported: %s", err.msg);
	else
		tui_message(t, false, "Wrote %s (%zu bytes)", sb_str(&file), out.len);
	sb_free(&file);
	sb_free(&out);
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

void tui_cmdline_run(struct tui *t, const char *line)
{
	char buf[TUI_PROMPT_MAX];
	char *w[4];
	snprintf(buf, sizeof buf, "%s", line);
	size_t n = split(buf, w, 4);
	if (n == 0)
		return;
	const char *c = w[0];
	if (strcmp(c, "coder") == 0)
		cmd_coder(t, w, n);
	else if (strcmp(c, "reviewer") == 0)
		cmd_reviewer(t, w, n);
	else if (strcmp(c, "goto") == 0)
		cmd_goto(t, w, n);
	else if (strcmp(c, "docs") == 0)
		cmd_docs(t, line);
	else if (strcmp(c, "export") == 0)
		cmd_export(t, w, n);
	else if (strcmp(c, "undo") == 0 || strcmp(c, "redo") == 0)
		cmd_undo(t, w, n, c[0] == 'r');
	else if (strcmp(c, "help") == 0 && n == 1)
		tui_view_push(t, &tui_view_help_ops, NULL);
	else if ((strcmp(c, "q") == 0 || strcmp(c, "quit") == 0) && n == 1)
		t->quit = true;
	else
		tui_message(t, true, "Unknown command ':%s' (:help lists the commands)", line);
}
