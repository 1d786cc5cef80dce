/* corpus/import.c — a file becomes a document, whole or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

int corpus_var_parse(const char *arg, struct corpus_var *out, struct anker_err *err)
{
	const char *eq = strchr(arg, '=');
	memset(out, 0, sizeof *out);
	if (!eq || eq == arg)
		return anker_err_set(err, ANKER_USAGE, "--var '%s': expected NAME=VALUE", arg);
	out->name = xstrndup(arg, (size_t)(eq - arg));
	out->value = xstrdup(eq + 1);
	out->type = xstrdup(corpus_var_type(out->value));
	return ANKER_OK;
}

/* "dir/Interview 03.txt" → "Interview 03": what MAXQDA and QualCoder show. */
static char *name_from_path(const char *path)
{
	static const char *const exts[] = { ".txt", ".md", ".TXT", ".docx", ".DOCX", ".odt",
	                                    ".rtf", ".RTF", ".pdf", ".PDF", ".srt", ".vtt",
	                                    ".html", ".htm" };
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	for (size_t k = 0; dot && dot != base && k < sizeof exts / sizeof *exts; k++)
		if (strcmp(dot, exts[k]) == 0)
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

/* A turn's time stamp: milliseconds, or null when it has none (-1). */
static void ms_json(struct json_w *w, long ms)
{
	if (ms >= 0)
		json_int(w, ms);
	else
		json_null(w);
}

/* A document's turns go in one row of doc_turn, a JSON array (store/
 * schema.c, version 9): a row per turn, even 32 rows per INSERT, was 40 %
 * of the CPU time of a 100 MB import. */
static int insert_turns(struct store *st, int64_t doc, const struct corpus_turn *turns,
                        size_t n, struct anker_err *err)
{
	if (!n)
		return ANKER_OK;
	struct strbuf sb = {0};
	struct json_w w = { .out = &sb, .compact = true };
	json_arr_begin(&w);
	for (size_t i = 0; i < n; i++) {
		const struct corpus_turn *t = &turns[i];
		json_arr_begin(&w);
		json_int(&w, (int64_t)t->start);
		json_int(&w, (int64_t)t->end);
		json_int(&w, (int64_t)t->para_first);
		json_int(&w, (int64_t)t->para_last);
		json_str(&w, t->speaker);
		ms_json(&w, t->ts_start_ms);
		ms_json(&w, t->ts_end_ms);
		json_arr_end(&w);
	}
	json_arr_end(&w);
	int rc = store_run(st, err, "INSERT INTO doc_turn(doc_id, turns) VALUES (:doc, :turns)",
	                   STORE_INT(":doc", doc), STORE_TEXTN(":turns", sb.buf, sb.len));
	sb_free(&sb);
	return rc ? ANKER_DB : ANKER_OK;
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
	if (corpus_turns_opt(idx, o->speakers, &turns, &nturns))
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

void corpus_import_result_free(struct corpus_import_result *res)
{
	free(res->name);
	for (size_t i = 0; i < res->nmemos; i++)
		free(res->memos[i]);
	free(res->memos);
	res->name = NULL;
	res->memos = NULL;
	res->nmemos = 0;
}

/* Bytes that are not UTF-8 but look like Windows-1252 (or Latin-1): high
 * bytes that never form a UTF-8 sequence, all of them defined there. */
static bool looks_cp1252(const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw;
	size_t bad = 0, good = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x80)
			continue;
		if (p[i] == 0x81 || p[i] == 0x8D || p[i] == 0x8F || p[i] == 0x90 || p[i] == 0x9D)
			return false;
		size_t n = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : p[i] >= 0xC2 ? 2 : 0;
		size_t k = 1;
		while (n && k < n && i + k < len && (p[i + k] & 0xC0) == 0x80)
			k++;
		if (n && k == n) {
			good++;
			i += n - 1;
		} else {
			bad++;
		}
	}
	return bad > good;
}

/* Invalid UTF-8 in a file that looks like Windows-1252: say what to do. */
static void hint_encoding(struct anker_err *err, const char *raw, size_t len,
                          const struct corpus_import_opts *o)
{
	if (!o->encoding && strstr(err->msg, "invalid UTF-8") && looks_cp1252(raw, len))
		snprintf(err->msg + strlen(err->msg), sizeof err->msg - strlen(err->msg),
		         "; the file looks like Windows-1252: try --encoding cp1252");
}

/* A comment's memo text: a memo on a document has no position, so the
 * position goes into its text. */
static char *comment_memo(const struct corpus_comment *c, const struct corpus_text *idx,
                          size_t start, size_t end)
{
	struct strbuf sb = {0};
	sb_adds(&sb, "Comment");
	if (*c->author)
		sb_addf(&sb, " by %s", c->author);
	if (*c->date)
		sb_addf(&sb, " (%.10s)", c->date);
	sb_addf(&sb, " at Pos. %zu, characters %zu-%zu", corpus_text_para(idx, start), start, end);
	if (end > start) {
		size_t b = corpus_text_byte(idx, start), e = corpus_text_byte(idx, end);
		size_t cut = corpus_utf8_fit(idx->s + b, e - b, 0, 80, &(int){0});
		sb_adds(&sb, " (\"");
		for (size_t i = b; i < b + cut; i++)
			sb_addc(&sb, idx->s[i] == '\n' ? ' ' : idx->s[i]);
		sb_adds(&sb, b + cut < e ? "…\")" : "\")");
	}
	sb_addf(&sb, ": %s", *c->text ? c->text : "(empty comment)");
	return sb_steal(&sb);
}

/* Code point offsets of the comments in the stored text: the converted
 * text up to each comment, normalised as the whole was.  Comments are
 * few; a document whose normalisation changed nothing is counted
 * directly. */
static void comment_positions(const char *conv, size_t conv_len, const struct corpus_norm *norm,
                              const struct corpus_comment *c, size_t n, size_t *cps)
{
	bool same = conv_len == norm->len && memcmp(conv, norm->text, conv_len) == 0;
	for (size_t i = 0; i < 2 * n; i++) {
		size_t at = i % 2 ? c[i / 2].end : c[i / 2].start;
		struct corpus_norm part;
		struct anker_err e = {0};
		if (same)
			cps[i] = corpus_utf8_count(conv, at);
		else if (corpus_normalize(conv, at, true, &part, &e) == ANKER_OK) {
			cps[i] = part.chars;
			free(part.text);
		} else {
			cps[i] = 0;
		}
		if (cps[i] > norm->chars)
			cps[i] = norm->chars;
	}
}

static void comments_to_memos(const struct corpus_converted *cv, const struct corpus_norm *norm,
                              const struct corpus_text *idx, struct corpus_import_result *res)
{
	if (!cv || !cv->ncomments)
		return;
	size_t *cps = xmalloc(2 * cv->ncomments * sizeof *cps);
	comment_positions(cv->text, cv->len, norm, cv->comments, cv->ncomments, cps);
	res->memos = xmalloc(cv->ncomments * sizeof *res->memos);
	for (size_t i = 0; i < cv->ncomments; i++)
		res->memos[res->nmemos++] = comment_memo(&cv->comments[i], idx, cps[2 * i],
		                                         cps[2 * i + 1]);
	free(cps);
}

/* Converted text (or a .txt file's bytes) becomes a document. */
static int import_text(struct store *st, const char *name, const char *source,
                       const char *raw, size_t len, const struct corpus_converted *cv,
                       const struct corpus_import_opts *o, struct corpus_import_result *res,
                       struct anker_err *err)
{
	struct corpus_norm norm = {0};
	struct corpus_text idx = {0};
	bool taken;
	int rc;

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
		rc = anker_err_set(err, ANKER_EXISTS, "a document named '%s' exists already", name);
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
	res->replaced += norm.replaced;
	res->empty = norm.len == 0;
	comments_to_memos(cv, &norm, &idx, res);
out:
	corpus_text_free(&idx);
	free(norm.text);
	return rc;
}

int corpus_import_bytes(struct store *st, const char *name, const char *source,
                        const char *raw, size_t len, const struct corpus_import_opts *o,
                        struct corpus_import_result *res, struct anker_err *err)
{
	static const struct corpus_import_opts none = {0};
	char *dec;
	size_t dlen, replaced;

	if (!o)
		o = &none;
	memset(res, 0, sizeof *res);
	res->format = "text";
	int rc = corpus_decode(raw, len, o->encoding, o->lossy, &dec, &dlen, &replaced, err);
	if (rc)
		return rc;
	res->replaced = replaced;
	rc = import_text(st, name, source, dec ? dec : raw, dec ? dlen : len, NULL, o, res, err);
	if (rc == ANKER_INPUT)
		hint_encoding(err, raw, len, o);
	free(dec);
	return rc;
}

int corpus_import_file(struct store *st, const char *path, const struct corpus_import_opts *o,
                       struct corpus_import_result *res, struct anker_err *err)
{
	static const struct corpus_import_opts none = {0};
	struct corpus_converted cv;
	char *raw;
	size_t len;

	if (!o)
		o = &none;
	memset(res, 0, sizeof *res);
	int rc = anker_read_file(path, &raw, &len, err);
	if (rc)
		return rc;
	rc = corpus_convert(path, raw, len, o, &cv, err);
	if (!rc) {
		char *name = o->name ? xstrdup(o->name) : name_from_path(path);
		res->format = cv.format;
		res->replaced = cv.replaced;
		rc = import_text(st, name, path, cv.text, cv.len, &cv, o, res, err);
		free(name);
		corpus_converted_free(&cv);
	}
	if (rc == ANKER_INPUT)
		hint_encoding(err, raw, len, o);
	free(raw);
	return rc;
}
