/* tui/export.c — :export (issue 13): what the open view shows (retrieved
 * segments, frequencies, co-occurrence, agreement) with its settings and
 * filters, or a table by name (freq, matrix, codebook), in every format
 * the command line writes (xlsx too).  "~/" is the home directory; the
 * message names the file by its absolute path. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "views.h"
#include "../report/report.h"
#include "../analysis/analysis.h"

void views_table_copy(const struct report_table *in, struct report_table *out)
{
	for (size_t j = 0; j < in->ncols; j++)
		report_table_col(out, in->headers[j], in->keys[j], in->types[j]);
	for (size_t r = 0; r < in->nrows; r++) {
		report_table_row(out);
		for (size_t j = 0; j < in->ncols; j++) {
			const struct report_cell *c = &in->cells[r * in->ncols + j];
			if (c->json)
				report_table_json(out, c->text, c->json);
			else
				report_table_text(out, c->text);
		}
	}
}

/* "~" and "~/…" in the home directory; else the path as typed. */
static void export_expand(const char *file, struct strbuf *out)
{
	const char *home = getenv("HOME");
	if (home && *home && file[0] == '~' && (file[1] == '/' || !file[1]))
		sb_addf(out, "%s%s", home, file + 1);
	else
		sb_adds(out, file);
}

/* The file's absolute path, for the message (it exists now). */
static void export_absolute(const char *path, struct strbuf *out)
{
	char *real = realpath(path, NULL);
	if (real) {
		sb_adds(out, real);
		free(real);
		return;
	}
	char cwd[PATH_MAX];
	if (path[0] != '/' && getcwd(cwd, sizeof cwd))
		sb_addf(out, "%s/", cwd);
	sb_adds(out, path);
}

/* Which view a kind names; the open view of that kind exports itself. */
static const char *const kinds[][2] = {
	{ "segments", "segments" }, { "freq", "frequencies" }, { "cooc", "cooc" },
	{ "agreement", "agreement" }, { "matrix", "matrix" },
};

static int export_named(struct tui *t, const char *kind, struct report_table *tab,
                        struct anker_err *err)
{
	if (strcmp(kind, "freq") == 0) {
		struct analysis_freq_opts o = { .by = ANALYSIS_BY_CODE, .docs = views_docs(t) };
		return analysis_freq(t->st, &o, tab, NULL, err);
	}
	if (strcmp(kind, "matrix") == 0) {
		struct analysis_matrix_opts o = { .cols = ANALYSIS_COLS_DOC, .docs = views_docs(t) };
		return analysis_matrix(t->st, &o, tab, NULL, err);
	}
	return anker_err_set(err, ANKER_USAGE, "open the %s view first (%s)", kind,
	                     strcmp(kind, "segments") == 0 ? "r" : strcmp(kind, "cooc") == 0 ? "O"
	                     : strcmp(kind, "agreement") == 0 ? "I" : "?");
}

bool tui_export_kind(const char *s)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(s, kinds[i][0]) == 0)
			return true;
	return strcmp(s, "codebook") == 0;
}

/* The open view whose table :export writes: kind NULL or naming it
 * (*view: the view kind names, NULL when none). */
static struct tui_view *export_view(struct tui *t, const char *kind, const char **view)
{
	struct tui_view *v = tui_view_top(t);
	*view = NULL;
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i][0]) == 0)
			*view = kinds[i][1];
	if (v && v->ops->table && (!*view || strcmp(v->ops->name, *view) == 0))
		return v;
	return NULL;
}

/* The table: the open view's when kind is NULL or names it. */
static int export_table(struct tui *t, const char *kind, struct report_table *tab,
                        struct anker_err *err)
{
	const char *view;
	struct tui_view *v = export_view(t, kind, &view);
	if (kind && !view)
		return anker_err_set(err, ANKER_USAGE, "nothing called '%s' to export (segments, freq, "
		                     "cooc, matrix, agreement, codebook)", kind);
	if (v)
		return v->ops->table(t, v, tab, err);
	if (!kind)
		return anker_err_set(err, ANKER_USAGE, "this view has no table: open r, B, F, O or I, "
		                     "or name one (:export freq|matrix FORMAT FILE)");
	return export_named(t, kind, tab, err);
}

/* A view's table written as it comes (tui_view_ops.table_parts): each
 * part goes to the file at once, so that memory holds one part. */
struct export_parts {
	struct report_stream rs;
	struct anker_afile f;
	struct strbuf out;
	size_t bytes;
};

static void export_part(struct report_table *tab, void *arg)
{
	struct export_parts *x = arg;
	report_stream_write(&x->rs, tab, false, &x->out);
	anker_afile_write(&x->f, x->out.buf, x->out.len);
	x->bytes += x->out.len;
	sb_reset(&x->out);
}

static int export_parts(struct tui *t, struct tui_view *v, enum report_format fmt,
                        const char *path, size_t *bytes, struct anker_err *err)
{
	struct export_parts x = { .rs = { .fmt = fmt } };
	struct report_table tab;
	int rc = anker_afile_open(&x.f, path, err);
	if (rc)
		return rc;
	report_table_init(&tab);
	rc = v->ops->table_parts(t, v, &tab, export_part, &x, err);
	if (!rc) {
		report_stream_write(&x.rs, &tab, true, &x.out);
		anker_afile_write(&x.f, x.out.buf, x.out.len);
		x.bytes += x.out.len;
		rc = anker_afile_commit(&x.f, err);
	} else {
		anker_afile_abort(&x.f);
	}
	*bytes = x.bytes;
	report_stream_free(&x.rs);
	report_table_free(&tab);
	sb_free(&x.out);
	return rc;
}

static int export_codebook(struct tui *t, const char *fmt, struct strbuf *out,
                           struct anker_err *err)
{
	/* The labels in the imported codebook's language and its title block
	 * (the copyright line), as the command line writes them. */
	free(t->codes.cb.preamble);
	t->codes.cb.preamble = NULL;
	if (codebook_lang_of_project(t->st, &t->codes.cb.lang, err) ||
	    codebook_preamble_of_project(t->st, &t->codes.cb.preamble, err))
		return err->status;
	if (strcmp(fmt, "md") == 0)
		return codebook_write_md(&t->codes.cb, out, 0, NULL, NULL, err);
	if (strcmp(fmt, "latex") == 0)
		return codebook_write_latex(&t->codes.cb, out, 0, NULL, NULL, err);
	if (strcmp(fmt, "txt") == 0) {
		codebook_write_txt(&t->codes.cb, out);
		return 0;
	}
	return anker_err_set(err, ANKER_USAGE, "a codebook is written as md, txt or latex, not '%s'",
	                     fmt);
}

static int export_write(struct tui *t, const char *kind, const char *fmt_name, const char *path,
                        size_t *bytes, struct anker_err *err)
{
	struct strbuf out = { 0 };
	int rc;
	*bytes = 0;
	if (kind && strcmp(kind, "codebook") == 0) {
		if (!(rc = export_codebook(t, fmt_name, &out, err)))
			rc = anker_write_file(path, sb_str(&out), out.len, err);
		*bytes = out.len;
		sb_free(&out);
		return rc;
	}
	int fmt = report_format_parse(fmt_name);
	if (fmt < 0)
		return anker_err_set(err, ANKER_USAGE, "unknown format '%s' (%s)", fmt_name,
		                     report_format_names());
	const char *view;
	struct tui_view *v = export_view(t, kind, &view);
	if (v && v->ops->table_parts && report_format_streams((enum report_format)fmt))
		return export_parts(t, v, (enum report_format)fmt, path, bytes, err);
	struct report_table tab;
	report_table_init(&tab);
	rc = export_table(t, kind, &tab, err);
	if (!rc && fmt == REPORT_XLSX) {
		struct report_xlsx *x = report_xlsx_open(path);
		struct report_write_opts o = { 0 };
		report_xlsx_sheet(x, kind ? kind : tui_view_top(t)->ops->name, &tab, &o);
		rc = report_xlsx_close(x, err);
	} else if (!rc) {
		report_table_write(&tab, (enum report_format)fmt, 0, &out);
		rc = anker_write_file(path, sb_str(&out), out.len, err);
		*bytes = out.len;
	}
	report_table_free(&tab);
	sb_free(&out);
	return rc;
}

void tui_export(struct tui *t, const char *kind, const char *fmt, const char *file)
{
	struct strbuf path = { 0 }, abs = { 0 };
	struct anker_err err = { 0 };
	size_t bytes;
	export_expand(file, &path);
	if (export_write(t, kind, fmt, sb_str(&path), &bytes, &err)) {
		tui_message(t, true, "Not exported: %s", err.msg);
	} else {
		/* The name first, where a narrow status line still shows it; the
		 * whole path after it (E shows it in full). */
		export_absolute(sb_str(&path), &abs);
		const char *slash = strrchr(sb_str(&abs), '/');
		const char *name = slash ? slash + 1 : sb_str(&abs);
		if (bytes)
			tui_message(t, false, "Wrote %s (%zu bytes): %s", name, bytes, sb_str(&abs));
		else
			tui_message(t, false, "Wrote %s: %s", name, sb_str(&abs));
	}
	sb_free(&path);
	sb_free(&abs);
}
