/* tui/view_freq.c — frequencies (SPEC §5, issue 4 item 8): segments and
 * documents per code (analysis_freq), own or rolled up over the subcodes
 * (R toggles), with a horizontal bar scaled to the widest count: block
 * characters, or '#' where the terminal cannot show them (not UTF-8,
 * TERM=linux).  Enter opens the retrieved segments of the code. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "views.h"
#include "../report/report.h"
#include "../analysis/analysis.h"

struct freq_row {
	char code[37];           /* the code's GUID, "": not in the tree */
	char coder[128];         /* each coder separately: whose row */
	char *label;             /* "2.1 Name", indented by depth */
	int64_t segs, docs;
	char *pct;
};

struct freq_view {
	bool rollup;
	struct views_coders coders;
	struct freq_row *rows;
	size_t n, cur, top;
	int64_t max;
	int64_t total;
};

static void freq_free_rows(struct freq_view *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->rows[i].label);
		free(f->rows[i].pct);
	}
	free(f->rows);
	f->rows = NULL;
	f->n = 0;
}

static size_t col_of(const struct report_table *tb, const char *key)
{
	for (size_t j = 0; j < tb->ncols; j++)
		if (strcmp(tb->keys[j], key) == 0)
			return j;
	return SIZE_MAX;
}

static const char *cell(const struct report_table *tb, size_t r, size_t c)
{
	if (c == SIZE_MAX)
		return "";
	return report_table_cell(tb, r, c);
}

/* The table as the view's settings make it (also for :export). */
static int freq_table(struct tui *t, struct tui_view *v, struct report_table *out,
                      struct anker_err *err)
{
	struct freq_view *f = v->priv;
	bool each = f->coders.mode == VIEWS_CODERS_EACH;
	struct analysis_freq_opts o = { .by = each ? ANALYSIS_BY_CODER : ANALYSIS_BY_CODE,
	                                .rollup = f->rollup, .coder = views_coders_one(&f->coders),
	                                .docs = views_docs(t) };
	return analysis_freq(t->st, &o, out, NULL, err);
}

static int freq_load(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct freq_view *f = v->priv;
	struct report_table tb;
	report_table_init(&tb);
	int rc = freq_table(t, v, &tb, err);
	if (rc) {
		report_table_free(&tb);
		return rc;
	}
	/* The cursor stays on its code. */
	char keep[37] = "";
	if (f->cur < f->n)
		memcpy(keep, f->rows[f->cur].code, sizeof keep);
	freq_free_rows(f);
	size_t cn = col_of(&tb, "code"), cp = col_of(&tb, "path");
	size_t cs = col_of(&tb, f->rollup ? "segments_rollup" : "segments");
	size_t cd = col_of(&tb, f->rollup ? "documents_rollup" : "documents");
	size_t cpct = col_of(&tb, f->rollup ? "percent_rollup" : "percent");
	size_t cc = col_of(&tb, "coder");
	f->rows = xcalloc(tb.nrows + 1, sizeof *f->rows);
	f->max = f->total = 0;
	for (size_t r = 0; r < tb.nrows; r++) {
		struct freq_row *w = &f->rows[f->n++];
		const char *path = cell(&tb, r, cp), *num = cell(&tb, r, cn);
		/* The code's own name, indented by its depth in the path. */
		const char *name = path;
		int depth = 0;
		for (const char *p; (p = strstr(name, " >> ")); name = p + 4)
			depth++;
		struct strbuf sb = { 0 };
		for (int d = 0; d < depth; d++)
			sb_adds(&sb, "  ");
		if (*num)
			sb_addf(&sb, "%s ", num);
		sb_adds(&sb, name);
		if (cc != SIZE_MAX) {
			snprintf(w->coder, sizeof w->coder, "%s", cell(&tb, r, cc));
			sb_addf(&sb, " (%s)", w->coder);
		}
		w->label = sb_steal(&sb);
		w->segs = strtoll(cell(&tb, r, cs), NULL, 10);
		w->docs = strtoll(cell(&tb, r, cd), NULL, 10);
		w->pct = xstrdup(cell(&tb, r, cpct));
		int i = views_code_find_path(t, num, path);
		if (i >= 0)
			memcpy(w->code, t->codes.cb.codes[i].guid, sizeof w->code);
		if (*keep && strcmp(w->code, keep) == 0)
			f->cur = r;
		if (w->segs > f->max)
			f->max = w->segs;
		f->total += strtoll(cell(&tb, r, col_of(&tb, "segments")), NULL, 10);
	}
	report_table_free(&tb);
	if (f->cur >= f->n)
		f->cur = f->n ? f->n - 1 : 0;
	return 0;
}

static void freq_reload(struct tui *t, struct tui_view *v)
{
	struct anker_err err = { 0 };
	if (freq_load(t, v, &err))
		tui_message(t, true, "%s", err.msg);
}

static int freq_open(struct tui *t, struct tui_view *v, struct anker_err *err)
{
	struct freq_view *f = xcalloc(1, sizeof *f);
	v->priv = f;
	int rc = freq_load(t, v, err);
	if (rc) {
		free(f);
		v->priv = NULL;
	}
	return rc;
}

/* Block characters where the terminal shows them. */
static bool bars_utf8(void)
{
	const char *term = getenv("TERM");
	if (term && strcmp(term, "linux") == 0)
		return false;
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

static void draw_bar(int y, int x, int w, int64_t v, int64_t max, bool utf8)
{
	if (max <= 0 || w <= 0 || v <= 0)
		return;
	/* In eighths of a column, so that small differences show. */
	int64_t eighths = (v * w * 8 + max / 2) / max;
	if (eighths < 1)
		eighths = 1;
	struct strbuf sb = { 0 };
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (utf8) {
		for (int64_t i = 0; i < eighths / 8; i++)
			sb_adds(&sb, "█");
		sb_adds(&sb, part[eighths % 8]);
	} else {
		int64_t cols = (eighths + 4) / 8;
		for (int64_t i = 0; i < (cols ? cols : 1); i++)
			sb_addc(&sb, '#');
	}
	tui_draw_text(y, x, w, sb_str(&sb), sb.len, A_NORMAL);
	sb_free(&sb);
}

static void freq_draw(struct tui *t, struct tui_view *v)
{
	struct freq_view *f = v->priv;
	struct strbuf title = { 0 };
	sb_addf(&title, "Frequencies%s, ", f->rollup ? " (rolled up)" : "");
	views_coders_say(&f->coders, &title);
	views_docs_say(t, &title);
	sb_addf(&title, ": %lld segment%s  (R: roll-up, C: coders, Enter: segments, q: close)",
	        (long long)f->total, f->total == 1 ? "" : "s");
	tui_draw_title(&v->r, sb_str(&title), true);
	sb_free(&title);
	int h = v->r.h - 2, w = v->r.w;
	if (h <= 0)
		return;
	int lw = w / 3 > 40 ? 40 : w / 3;
	int nx = lw + 1, bx = nx + 22, bw = w - bx - 1;
	char head[96];
	snprintf(head, sizeof head, "%8s %5s %6s", "Segments", "Docs", "%");
	tui_draw_text(v->r.y + 1, v->r.x + 1, lw - 1, "Code", 4, A_BOLD);
	tui_draw_text(v->r.y + 1, v->r.x + nx, w - nx, head, strlen(head), A_BOLD);
	if (f->cur >= f->n)
		f->cur = f->n ? f->n - 1 : 0;
	if (f->cur < f->top)
		f->top = f->cur;
	if (f->cur >= f->top + (size_t)h)
		f->top = f->cur - (size_t)h + 1;
	bool utf8 = bars_utf8();
	for (int i = 0; i < h && f->top + (size_t)i < f->n; i++) {
		size_t r = f->top + (size_t)i;
		const struct freq_row *row = &f->rows[r];
		int y = v->r.y + 2 + i, attr = r == f->cur ? A_REVERSE : A_NORMAL;
		tui_fill(y, v->r.x, lw, attr);
		tui_draw_text_cut(y, v->r.x + 1, lw - 1, row->label, strlen(row->label), attr);
		char num[64];
		snprintf(num, sizeof num, "%8lld %5lld %6s", (long long)row->segs, (long long)row->docs,
		         row->pct);
		tui_draw_text(y, v->r.x + nx, 21, num, strlen(num), A_NORMAL);
		if (bw > 0)
			draw_bar(y, v->r.x + bx, bw, row->segs, f->max, utf8);
	}
}

static bool freq_key(struct tui *t, struct tui_view *v, enum tui_action a)
{
	struct freq_view *f = v->priv;
	if (tui_list_move(a, v->r.h, f->n, &f->cur))
		return true;
	switch (a) {
	case TUI_ACT_SUBCODES:
		f->rollup = !f->rollup;
		freq_reload(t, v);
		return true;
	case TUI_ACT_CODERS:
		if (views_coders_next(t, &f->coders, true))
			freq_reload(t, v);
		return true;
	case TUI_ACT_OPEN:
		if (f->n && *f->rows[f->cur].code) {
			struct views_arg *arg = xcalloc(1, sizeof *arg);
			memcpy(arg->code, f->rows[f->cur].code, sizeof arg->code);
			arg->subcodes = f->rollup;
			snprintf(arg->coder, sizeof arg->coder, "%s",
			         *f->rows[f->cur].coder ? f->rows[f->cur].coder
			         : views_coders_one(&f->coders) ? f->coders.name : "");
			tui_view_push(t, &tui_view_segments_ops, arg);
		}
		return true;
	case TUI_ACT_FREQ:
		return true;
	default:
		return false;
	}
	return true;
}

static void freq_close(struct tui_view *v)
{
	struct freq_view *f = v->priv;
	if (!f)
		return;
	freq_free_rows(f);
	free(f);
	v->priv = NULL;
}

const struct tui_view_ops tui_view_freq_ops = {
	.name = "frequencies",
	.open = freq_open,
	.draw = freq_draw,
	.key = freq_key,
	.resize = NULL,
	.reload = freq_reload,
	.close = freq_close,
	.table = freq_table,
};
