/* corpus/import.c — a file becomes a document, whole or not at all. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

static bool all_digits(const char *s, bool allow_sign)
{
	if (allow_sign && (*s == '-' || *s == '+'))
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static const char *guess_type(const char *v)
{
	if (all_digits(v, true) && strlen(v) < 19)
		return "integer";
	char *end;
	if (*v && strtod(v, &end) && *end == '\0' && strchr(v, '.'))
		return "float";
	if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
		return "boolean";
	if (strlen(v) == 10 && v[4] == '-' && v[7] == '-' && isdigit((unsigned char)v[0]) &&
	    isdigit((unsigned char)v[5]) && isdigit((unsigned char)v[8]))
		return "date";
	return "text";
}

int corpus_var_parse(const char *arg, struct corpus_var *out, struct anker_err *err)
{
	const char *eq = strchr(arg, '=');
	memset(out, 0, sizeof *out);
	if (!eq || eq == arg)
		return anker_err_set(err, ANKER_USAGE, "--var '%s': expected NAME=VALUE", arg);
	out->name = xstrndup(arg, (size_t)(eq - arg));
	out->value = xstrdup(eq + 1);
	out->type = xstrdup(guess_type(out->value));
	return ANKER_OK;
}

/* "dir/Interview 03.txt" → "Interview 03": what MAXQDA and QualCoder show. */
static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot != base && (strcmp(dot, ".txt") == 0 || strcmp(dot, ".md") == 0 ||
	                           strcmp(dot, ".TXT") == 0))
		n = (size_t)(dot - base);
	return xstrndup(base, n);
}

static int name_taken(struct store *st, const char *name, bool *taken, struct anker_err *err)
{
	*taken = false;
	if (store_exists(st, taken, err, "SELECT 1 FROM document WHERE name = :name",
	                 STORE_TEXT(":name", name)))
		return ANKER_DB;
	return ANKER_OK;
}

static int insert_turns(struct store *st, int64_t doc, const struct corpus_turn *turns,
                        size_t n, struct anker_err *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct corpus_turn *t = &turns[i];
		if (store_run(st, err, "INSERT INTO turn(doc_id, n, start, \"end\", para_first, "
		                       "para_last, speaker, ts_start, ts_end) VALUES (:doc, :n, :start, "
		                       ":end, :pf, :pl, :speaker, :ts, :te)",
		              STORE_INT(":doc", doc), STORE_INT(":n", (int64_t)i + 1),
		              STORE_INT(":start", (int64_t)t->start), STORE_INT(":end", (int64_t)t->end),
		              STORE_INT(":pf", (int64_t)t->para_first),
		              STORE_INT(":pl", (int64_t)t->para_last), STORE_TEXT(":speaker", t->speaker),
		              t->ts_start_ms >= 0 ? STORE_INT(":ts", t->ts_start_ms) : STORE_NULL(":ts"),
		              t->ts_end_ms >= 0 ? STORE_INT(":te", t->ts_end_ms) : STORE_NULL(":te")))
			return ANKER_DB;
	}
	return ANKER_OK;
}

static int insert_vars(struct store *st, int64_t doc, const struct corpus_import_opts *o,
                       struct anker_err *err)
{
	for (size_t i = 0; i < o->nvars; i++)
		if (store_run(st, err, "INSERT INTO doc_var(doc_id, name, type, value) "
		                       "VALUES (:doc, :name, :type, :value) ON CONFLICT DO UPDATE "
		                       "SET type = excluded.type, value = excluded.value",
		              STORE_INT(":doc", doc), STORE_TEXT(":name", o->vars[i].name),
		              STORE_TEXT(":type", o->vars[i].type),
		              STORE_TEXT(":value", o->vars[i].value)))
			return ANKER_DB;
	return ANKER_OK;
}

static int insert_doc(struct store *st, const char *name, const char *source,
                      const struct corpus_norm *norm, const struct corpus_text *idx,
                      const struct corpus_import_opts *o, struct corpus_import_result *res,
                      struct anker_err *err)
{
	char now[32];
	store_now(now);
	store_guid(res->guid);
	if (store_run(st, err, "INSERT INTO document(guid, name, grp, text, bytes, chars, "
	                       "paragraphs, source, imported) VALUES (:guid, :name, :grp, :text, "
	                       ":bytes, :chars, :paras, :source, :now)",
	              STORE_TEXT(":guid", res->guid), STORE_TEXT(":name", name),
	              STORE_TEXT(":grp", o->group ? o->group : ""),
	              STORE_TEXTN(":text", norm->text ? norm->text : "", norm->len),
	              STORE_INT(":bytes", (int64_t)norm->len), STORE_INT(":chars", (int64_t)idx->chars),
	              STORE_INT(":paras", (int64_t)idx->nlines),
	              STORE_TEXT(":source", source ? source : ""), STORE_TEXT(":now", now)))
		return ANKER_DB;
	int64_t doc = store_last_rowid(st);
	struct corpus_turn *turns = NULL;
	size_t nturns = 0;
	if (corpus_turns(idx, &turns, &nturns))
		return anker_err_set(err, ANKER_NOMEM, "out of memory");
	int rc = insert_turns(st, doc, turns, nturns, err);
	free(turns);
	if (rc || insert_vars(st, doc, o, err))
		return ANKER_DB;
	res->nturns = nturns;

	/* A summary, not the whole row: a 100 MB corpus is not copied into
	 * the log at import.  store_undo captures the whole document (text,
	 * variables, turns) into this entry when it is undone, for redo. */
	struct strbuf after = {0};
	struct json_w w = { .out = &after };
	json_obj_begin(&w);
	json_key(&w, "name");
	json_str(&w, name);
	json_key(&w, "chars");
	json_int(&w, (int64_t)idx->chars);
	json_key(&w, "source");
	json_str(&w, source ? source : "");
	json_obj_end(&w);
	rc = store_log(st, "import", "document", res->guid, NULL, after.buf, err);
	sb_free(&after);
	return rc;
}

int corpus_import_bytes(struct store *st, const char *name, const char *source,
                        const char *raw, size_t len, const struct corpus_import_opts *o,
                        struct corpus_import_result *res, struct anker_err *err)
{
	static const struct corpus_import_opts none = {0};
	struct corpus_norm norm = {0};
	struct corpus_text idx = {0};
	bool taken;
	int rc;

	if (!o)
		o = &none;
	memset(res, 0, sizeof *res);
	if (!*name)
		return anker_err_set(err, ANKER_INPUT, "empty document name");
	if ((rc = corpus_normalize(raw, len, o->lossy, &norm, err)))
		return rc;
	if (corpus_text_index(&idx, norm.text ? norm.text : "", norm.len)) {
		free(norm.text);
		return anker_err_set(err, ANKER_NOMEM, "out of memory");
	}
	if ((rc = store_begin(st, err)))
		goto out;
	if ((rc = name_taken(st, name, &taken, err)) == 0 && taken)
		rc = anker_err_set(err, ANKER_EXISTS, "a document named '%s' exists already "
		                   "(use --name to import it under another name)", name);
	if (!rc)
		rc = insert_doc(st, name, source, &norm, &idx, o, res, err);
	if (rc) {
		store_rollback(st);
		goto out;
	}
	if ((rc = store_commit(st, err)))
		goto out;
	res->name = xstrdup(name);
	res->chars = idx.chars;
	res->paragraphs = idx.nlines;
	res->replaced = norm.replaced;
	res->empty = norm.len == 0;
out:
	corpus_text_free(&idx);
	free(norm.text);
	return rc;
}

int corpus_import_file(struct store *st, const char *path, const struct corpus_import_opts *o,
                       struct corpus_import_result *res, struct anker_err *err)
{
	char *raw;
	size_t len;
	int rc = anker_read_file(path, &raw, &len, err);
	if (rc)
		return rc;
	char *name = o && o->name ? xstrdup(o->name) : name_from_path(path);
	rc = corpus_import_bytes(st, name, path, raw, len, o, res, err);
	free(name);
	free(raw);
	return rc;
}
