/* tui/docs_cmd.c — documents from the command line (issue 13): :import
 * files with the options of `anker import` that matter here (group,
 * speakers, encoding, variables), :group and :var on a document as
 * `anker docs group|var` do.  Each is one step through the modules the
 * command line uses (coding_import_file, corpus_docs_group,
 * corpus_docs_var_set|unset), so u undoes it; what went wrong is said on
 * the status line and changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wordexp.h>

#include "view.h"

/* ---------------------------------------------------------------------- */
/* :import [--group G] [--speakers S] [--encoding E] [--var N=V] PATH...
 * The words as a shell splits them (quotes, ~, globs; no commands). */

struct import_args {
	struct corpus_import_opts o;
	struct corpus_var *vars;
	char **paths;
	size_t npaths;
};

static void import_args_free(struct import_args *a)
{
	for (size_t i = 0; i < a->o.nvars; i++)
		corpus_var_free(&a->vars[i]);
	free(a->vars);
	free(a->paths);
}

/* Option word w (with its value in the next word, or after "="): *i moves
 * past what it took.  0, or an ANKER_* status with err set. */
static int import_option(struct import_args *a, char **w, size_t n, size_t *i,
                         struct anker_err *err)
{
	static const char *const names[] = { "group", "speakers", "encoding", "var" };
	const char *opt = w[*i], *val = NULL;
	size_t k = 0;
	for (; k < 4; k++) {
		size_t len = strlen(names[k]);
		if (strncmp(opt, "--", 2) == 0 && strncmp(opt + 2, names[k], len) == 0 &&
		    (opt[2 + len] == 0 || opt[2 + len] == '='))
			val = opt[2 + len] == '=' ? opt + 3 + len : NULL;
		else if (!(opt[0] == '-' && opt[1] == names[k][0] && opt[2] == 0))
			continue;
		break;
	}
	if (k == 4)
		return anker_err_set(err, ANKER_USAGE, "unknown option '%s' (--group, --speakers, "
		                     "--encoding, --var)", opt);
	if (!val && *i + 1 >= n)
		return anker_err_set(err, ANKER_USAGE, "%s needs a value", opt);
	if (!val)
		val = w[++*i];
	switch (k) {
	case 0: a->o.group = val; return ANKER_OK;
	case 1: a->o.speakers = val; return corpus_speakers_check(val, err);
	case 2: a->o.encoding = val; return corpus_encoding_check(val, err);
	default:
		a->vars = xreallocarray(a->vars, a->o.nvars + 1, sizeof *a->vars);
		if (corpus_var_parse(val, &a->vars[a->o.nvars], err))
			return err->status;
		a->o.vars = a->vars;
		a->o.nvars++;
		return ANKER_OK;
	}
}

static int import_parse(struct import_args *a, char **w, size_t n, struct anker_err *err)
{
	bool opts = true;
	a->paths = xcalloc(n + 1, sizeof *a->paths);
	for (size_t i = 0; i < n; i++) {
		if (opts && strcmp(w[i], "--") == 0)
			opts = false;
		else if (!opts || w[i][0] != '-' || !w[i][1])
			a->paths[a->npaths++] = w[i];
		else if (import_option(a, w, n, &i, err))
			return err->status;
	}
	if (!a->npaths)
		return anker_err_set(err, ANKER_USAGE, "no file to import");
	return ANKER_OK;
}

/* Every file in one transaction: one undo step, all of them or none. */
static int import_run(struct tui *t, const struct import_args *a, struct strbuf *names,
                      struct anker_err *err)
{
	if (store_begin_bulk(t->st, err))
		return err->status;
	for (size_t i = 0; i < a->npaths; i++) {
		/* The progress line at the foot; Escape cancels the whole batch. */
		if (store_progress("import", i, a->npaths, err)) {
			store_rollback(t->st);
			return err->status;
		}
		struct corpus_import_result res = { 0 };
		int rc = coding_import_file(t->st, a->paths[i], &a->o, t->coder, &res, err);
		if (!rc)
			sb_addf(names, "%s'%s'%s", i ? ", " : "", res.name,
			        res.replaced ? " (invalid bytes replaced)" : "");
		corpus_import_result_free(&res);
		if (rc) {
			store_rollback(t->st);
			if (!strstr(err->msg, a->paths[i]))
				anker_err_prefix(err, "%s", a->paths[i]);
			return rc;
		}
	}
	return store_commit(t->st, err);
}

void tui_docs_import(struct tui *t, const char *args)
{
	wordexp_t we;
	struct import_args a = { 0 };
	struct anker_err err = { 0 };
	struct strbuf names = { 0 };
	int wrc = wordexp(args, &we, WRDE_NOCMD);
	if (wrc) {
		tui_message(t, true, "Nothing imported: %s", wrc == WRDE_BADCHAR
		            ? "quote file names with | & ; < > ( ) { } in them"
		            : wrc == WRDE_CMDSUB ? "no commands ($(...), `...`) in :import"
		            : "usage: :import [--group G] [--speakers S] [--encoding E] [--var N=V] FILE...");
		if (wrc == WRDE_NOSPACE)
			wordfree(&we);
		return;
	}
	if (import_parse(&a, we.we_wordv, we.we_wordc, &err) || import_run(t, &a, &names, &err)) {
		tui_message(t, true, "Nothing imported: %s", err.msg);
	} else {
		tui_reload(t);
		tui_message(t, false, "Imported %zu document%s%s%s: %s (u undoes)", a.npaths,
		            a.npaths == 1 ? "" : "s", a.o.group ? " into group " : "",
		            a.o.group ? a.o.group : "", sb_str(&names));
	}
	sb_free(&names);
	import_args_free(&a);
	wordfree(&we);
}

/* ---------------------------------------------------------------------- */
/* :group and :var */

/* The document they act on: the open one while the text pane has the
 * focus, else the one at the documents pane's cursor.  false (said) when
 * there is none. */
static bool target_doc(struct tui *t, char guid[37], const char **name)
{
	int64_t id = tui_text_doc(t);
	const char *g = t->focus == TUI_PANE_TEXT && id ? tui_docs_guid(t, id) : NULL;
	if (g && tui_docs_find(t, g, &id, name)) {
		snprintf(guid, 37, "%s", g);
		return true;
	}
	const struct corpus_doc *d = tui_docs_cursor(t);
	if (!d) {
		tui_message(t, true, "No document: choose one in the documents pane");
		return false;
	}
	snprintf(guid, 37, "%s", d->guid);
	*name = d->name;
	return true;
}

void tui_docs_group_cmd(struct tui *t, const char *group)
{
	char guid[37];
	const char *name, *keys[1] = { guid };
	struct corpus_doc_edit ed;
	struct anker_err err = { 0 };
	if (!target_doc(t, guid, &name))
		return;
	char *was = xstrdup(name);
	if (corpus_docs_group(t->st, keys, 1, group, &ed, &err))
		tui_message(t, true, "Group not set: %s", err.msg);
	else if (ed.docs == 0)
		tui_message(t, false, "'%s' is %s already", was, *ed.group ? "in that group" : "in no group");
	else {
		tui_reload(t);
		if (*ed.group)
			tui_message(t, false, "Put '%s' in group '%s' (u undoes)", was, ed.group);
		else
			tui_message(t, false, "Took '%s' out of its group (u undoes)", was);
	}
	free(was);
	corpus_doc_edit_free(&ed);
}

void tui_docs_var_cmd(struct tui *t, const char *arg)
{
	char guid[37];
	const char *name, *keys[1] = { guid };
	struct corpus_doc_edit ed;
	struct anker_err err = { 0 };
	const char *eq = strchr(arg, '=');
	bool unset = arg[0] == '-';
	if (unset ? !arg[1] || eq : !eq || eq == arg) {
		tui_message(t, true, "Usage: :var NAME=VALUE (set), :var -NAME (unset)");
		return;
	}
	if (!target_doc(t, guid, &name))
		return;
	char *was = xstrdup(name);
	char *vname = unset ? xstrdup(arg + 1) : xstrndup(arg, (size_t)(eq - arg));
	int rc = unset ? corpus_docs_var_unset(t->st, keys, 1, vname, &ed, &err)
	               : corpus_docs_var_set(t->st, keys, 1, vname, eq + 1, &ed, &err);
	if (rc)
		tui_message(t, true, "Variable not %s: %s", unset ? "unset" : "set", err.msg);
	else if (ed.docs == 0)
		tui_message(t, false, "'%s' %s %s already", was, unset ? "has no" : "has that",
		            ed.var);
	else {
		tui_reload(t);
		if (unset)
			tui_message(t, false, "Removed %s from '%s' (u undoes)", ed.var, was);
		else
			tui_message(t, false, "%s = %s (%s) on '%s' (u undoes)", ed.var, ed.var_value,
			            ed.type, was);
	}
	free(vname);
	free(was);
	corpus_doc_edit_free(&ed);
}
