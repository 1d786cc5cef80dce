/* tui/finder.c — the finder: a popup over the text pane listing items
 * (codes, or the codings under the cursor), narrowed as the user types
 * part of a number or a name, best matches first.  The prompt line
 * (tui/prompt.c) edits the query; Up/Down move in the list, Enter picks,
 * Esc closes.  The code finder codes the selection with the chosen code,
 * or creates the code when nothing matches exactly ("A >> B" whose A is
 * missing: asks, then creates both); a new code codes the selection only
 * when the coder says so, and then in the same undo step.  Paths too long
 * for the popup lose their ancestors from the left (text_path_fit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <utf8proc.h>

#include "text.h"
#include "views.h"

static struct {
	char title[128];
	char info[256];          /* a line under the title (recent codes) */
	struct finder_item *items;
	size_t n;
	size_t *match;           /* rows: indices into items, best first */
	int *score;
	size_t nmatch;
	bool create, create_row; /* offer "create"; the last row is that offer */
	bool ranked;             /* rows show their rank; a typed rank picks */
	size_t sel, top;
	void (*pick)(struct tui *t, const char *key, const char *typed);
} F;

/* Case-folded copy (malloc'd) for matching. */
static char *fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                  UTF8PROC_CASEFOLD);
	if (n < 0)
		return xstrdup(s);
	return (char *)out;
}

static void finder_free(void)
{
	for (size_t i = 0; i < F.n; i++) {
		free(F.items[i].label);
		free(F.items[i].number);
		free(F.items[i].text);
		free(F.items[i].note);
	}
	free(F.items);
	free(F.match);
	free(F.score);
	memset(&F, 0, sizeof F);
}

/* Higher is better, 0: no match.  A number that starts with the query
 * beats the code's own name starting with it, which beats the query
 * anywhere in the name, in the path, in the number, and last the query's
 * characters in order with gaps (fuzzy). */
int finder_score(const char *needle, const char *number, const char *text)
{
	size_t nl = strlen(needle);
	if (!nl)
		return 1;
	if (number && strncmp(number, needle, nl) == 0)
		return 1000 + (number[nl] == 0 ? 100 : 0);
	const char *own = text;
	for (const char *p = strstr(text, " >> "); p; p = strstr(p + 4, " >> "))
		own = p + 4;
	/* "2.4 koord": the number as the finder shows it, then the name. */
	size_t num = number ? strlen(number) : 0;
	if (num && num < nl && strncmp(needle, number, num) == 0 && needle[num] == ' ' &&
	    strncmp(own, needle + num + 1, nl - num - 1) == 0)
		return 1150;
	const char *hit = strstr(own, needle);
	if (hit == own)
		return 800;
	if (hit)
		return hit[-1] == ' ' ? 700 : 600;
	if ((hit = strstr(text, needle)) != NULL)
		return 500 - (int)((hit - text) < 100 ? hit - text : 100);
	if (number && strstr(number, needle))
		return 300;
	/* Fuzzy: every character of the query in order. */
	const char *p = text;
	int gaps = 0;
	for (const char *q = needle; *q; q++) {
		const char *f = strchr(p, *q);
		if (!f)
			return 0;
		gaps += (int)(f - p);
		p = f + 1;
	}
	return gaps < 99 ? 100 - gaps : 1;
}

/* Does the query name the item exactly: its own name, its path, its
 * number, or number and name ("2.4 koordination bund - länder")?  Then
 * there is nothing to create.  Spaces around the query do not count. */
static bool finder_exact(const char *needle, const char *number, const char *text)
{
	size_t n = strlen(needle);
	while (*needle == ' ')
		needle++, n--;
	while (n && needle[n - 1] == ' ')
		n--;
	const char *own = text;
	for (const char *p = strstr(text, " >> "); p; p = strstr(p + 4, " >> "))
		own = p + 4;
	if (!n)
		return false;
	if ((strlen(own) == n && !strncmp(own, needle, n)) ||
	    (strlen(text) == n && !strncmp(text, needle, n)))
		return true;
	if (!number || !*number)
		return false;
	size_t nl = strlen(number);
	if (nl > n || strncmp(needle, number, nl) != 0)
		return false;
	return nl == n || (needle[nl] == ' ' && strlen(own) == n - nl - 1 &&
	                   !strncmp(needle + nl + 1, own, n - nl - 1));
}

static void refilter(struct tui *t)
{
	char *needle = fold(t->prompt.buf);
	F.nmatch = 0;
	bool exact = false;
	for (size_t i = 0; i < F.n; i++) {
		exact |= finder_exact(needle, F.items[i].number, F.items[i].text);
		int s = finder_score(needle, F.items[i].number, F.items[i].text);
		if (!s)
			continue;
		/* Insertion keeps equal scores in list order. */
		size_t k = F.nmatch++;
		while (k > 0 && F.score[k - 1] < s) {
			F.match[k] = F.match[k - 1];
			F.score[k] = F.score[k - 1];
			k--;
		}
		F.match[k] = i;
		F.score[k] = s;
	}
	F.create_row = F.create && *needle && !exact;
	F.sel = F.top = 0;
	free(needle);
}

static void finder_done(struct tui *t, const char *typed);

/* A ranked finder: a rank typed alone picks its row. */
static void ranked_edited(struct tui *t)
{
	const char *b = t->prompt.buf;
	if (b[0] >= '1' && b[0] <= '9' && !b[1] && (size_t)(b[0] - '1') < F.n) {
		size_t rank = (size_t)(b[0] - '1');
		tui_prompt_close(t);
		F.nmatch = 1;
		F.match[0] = rank;
		F.sel = 0;
		finder_done(t, "");
		return;
	}
	refilter(t);
}

void tui_finder_ranked(struct tui *t)
{
	F.ranked = true;
	t->prompt.edited = ranked_edited;
}

static size_t rows(void)
{
	return F.nmatch + (F.create_row ? 1 : 0);
}

static bool finder_key(struct tui *t, enum tui_action a)
{
	size_t n = rows();
	int page = t->panes[TUI_PANE_TEXT].r.h / 2;
	switch (a) {
	case TUI_ACT_DOWN: if (F.sel + 1 < n) F.sel++; return true;
	case TUI_ACT_UP: if (F.sel) F.sel--; return true;
	case TUI_ACT_PAGE_DOWN: case TUI_ACT_HALF_DOWN:
		F.sel = F.sel + (size_t)page < n ? F.sel + (size_t)page : (n ? n - 1 : 0);
		return true;
	case TUI_ACT_PAGE_UP:
		F.sel = F.sel > (size_t)page ? F.sel - (size_t)page : 0;
		return true;
	default: return false;
	}
}

static void finder_done(struct tui *t, const char *typed)
{
	void (*pick)(struct tui *, const char *, const char *) = F.pick;
	char key[37] = "";
	bool create = false;
	if (F.sel < F.nmatch)
		memcpy(key, F.items[F.match[F.sel]].key, sizeof key);
	else
		create = F.create_row;
	char *text = xstrdup(typed);
	finder_free();
	if (!*key && !create)
		tui_message(t, true, "Nothing matches '%s'", text);
	else
		pick(t, create ? NULL : key, text);
	free(text);
}

static void finder_cancel(struct tui *t)
{
	(void)t;
	finder_free();
}

/* Item i in w columns: its rank (ranked finders), its label (a code's
 * path fitted), then its note; a note takes up to half the row when the
 * label needs the room. */
static void item_draw(struct tui *t, size_t i, int y, int x, int w, int attr)
{
	const struct finder_item *it = &F.items[i];
	if (F.ranked) {
		char rank[8];
		snprintf(rank, sizeof rank, "%zu ", i + 1);
		int used = tui_draw_text(y, x, w, rank, strlen(rank), attr | A_BOLD);
		x += used;
		w -= used;
	}
	int notew = it->note ? tui_text_width(it->note, strlen(it->note)) + 2 : 0;
	int labelw = notew && w - notew < w / 2 ? w / 2 : w - notew;
	int code = it->code ? views_code_find_guid(t, it->key) : -1;
	struct strbuf sb = { 0 };
	if (code >= 0)
		text_path_fit(&t->codes.cb, (size_t)code, labelw, &sb);
	else
		sb_adds(&sb, it->label);
	int used = tui_draw_text_cut(y, x, labelw, sb_str(&sb), sb.len, attr);
	sb_free(&sb);
	if (it->note)
		tui_draw_text_cut(y, x + used + 2, w - used - 2, it->note, strlen(it->note), attr);
}

static void finder_draw(struct tui *t)
{
	const struct tui_rect *pr = &t->panes[TUI_PANE_TEXT].r;
	int x = pr->x, w = pr->w;
	int y = pr->y + 1;
	int room = pr->h - 2 - (F.info[0] ? 3 : 2);
	if (w < 10 || room < 1)
		return;
	tui_fill(y, x, w, A_REVERSE | A_BOLD);
	tui_draw_text(y, x + 1, w - 1, F.title, strlen(F.title), A_REVERSE | A_BOLD);
	y++;
	if (F.info[0]) {
		tui_fill(y, x, w, A_REVERSE);
		tui_draw_text(y, x + 1, w - 1, F.info, strlen(F.info), A_REVERSE);
		y++;
	}
	tui_prompt_draw_at(t, y++, x, w);
	size_t n = rows();
	if (F.sel < F.top)
		F.top = F.sel;
	if (F.sel >= F.top + (size_t)room)
		F.top = F.sel - (size_t)room + 1;
	for (int i = 0; i < room; i++) {
		size_t r = F.top + (size_t)i;
		int attr = r == F.sel ? A_REVERSE : A_NORMAL;
		tui_fill(y + i, x, w, r < n ? attr : (int)A_NORMAL);
		if (r >= n) {
			if (i == 0)
				tui_draw_text(y, x + 1, w - 1, "(no match)", 10, A_DIM);
			continue;
		}
		if (r < F.nmatch) {
			item_draw(t, F.match[r], y + i, x + 1, w - 1, attr);
		} else {
			char buf[TUI_PROMPT_MAX + 32];
			snprintf(buf, sizeof buf, "+ create code \"%s\"", t->prompt.buf);
			tui_draw_text(y + i, x + 1, w - 1, buf, strlen(buf), attr | A_BOLD);
		}
	}
	/* A border line under the list, so the popup reads as one. */
	int last = y + (int)(n < (size_t)room ? (n ? n : 1) : (size_t)room);
	if (last < pr->y + pr->h)
		tui_fill(last, x, w, A_REVERSE);
}

void tui_finder_open(struct tui *t, const char *title, struct finder_item *items, size_t n,
                     bool create, void (*pick)(struct tui *t, const char *key,
                                               const char *typed))
{
	finder_free();
	snprintf(F.title, sizeof F.title, "%s", title);
	F.items = items;
	F.n = n;
	F.match = xcalloc(n + 1, sizeof *F.match);
	F.score = xcalloc(n + 1, sizeof *F.score);
	F.create = create;
	F.pick = pick;
	for (size_t i = 0; i < n; i++) {
		char *f = fold(items[i].text);
		free(items[i].text);
		items[i].text = f;
		if (items[i].number) {
			f = fold(items[i].number);
			free(items[i].number);
			items[i].number = f;
		}
	}
	tui_prompt_open(t, TUI_PROMPT_NONE, "> ", "", finder_done);
	t->prompt.cancel = finder_cancel;
	t->prompt.edited = refilter;
	t->prompt.key = finder_key;
	t->prompt.draw = finder_draw;
	refilter(t);
}

/* ---------------------------------------------------------------------- */
/* The code finder. */

/* What the question about a new code waits for: the path typed, the
 * selection when there was one (a, b; b == 0: none) and whether the
 * question is about missing parents. */
static struct {
	char path[TUI_PROMPT_MAX];
	size_t a, b;
	bool parents;
} ask;

/* Add the code path names; with parents, first those of its ancestors
 * the tree lacks ("A >> B >> C": A, then A >> B, then the code).  Then,
 * when b > a, code [a, b) with the new code.  One transaction: one undo
 * step, whether it codes or not. */
static int create_codes(struct tui *t, const char *path, bool parents, size_t a, size_t b,
                        struct codebook_edit *e, char seg[37], struct anker_err *err)
{
	int rc = store_begin(t->st, err);
	if (rc)
		return rc;
	store_log_action(t->st, "codes add");
	struct strbuf pre = { 0 };
	for (const char *sep = parents ? strstr(path, ">>") : NULL; sep && !rc;
	     sep = strstr(sep + 2, ">>")) {
		int n = (int)(sep - path);
		while (n > 0 && path[n - 1] == ' ')
			n--;
		sb_reset(&pre);
		sb_add(&pre, path, (size_t)n);
		struct anker_err miss = { 0 };
		if (codebook_find(&t->codes.cb, sb_str(&pre), &miss) >= 0)
			continue;
		struct codebook_add add = { .name = sb_str(&pre) };
		codebook_edit_free(e);
		memset(e, 0, sizeof *e);
		rc = codebook_code_add(t->st, &add, e, err);
	}
	sb_free(&pre);
	if (!rc) {
		struct codebook_add add = { .name = path };
		codebook_edit_free(e);
		memset(e, 0, sizeof *e);
		rc = codebook_code_add(t->st, &add, e, err);
	}
	/* The coding under its own name in the log ("mark"), in the same step. */
	store_log_action(t->st, NULL);
	if (!rc && b > a) {
		struct text_view *tv = text_view_of(t);
		struct coding_mark m = { .doc = tv->name, .code = e->guid, .start = a, .end = b,
		                         .coder = t->coder };
		rc = coding_mark(t->st, &m, seg, err);
	}
	if (rc)
		store_rollback(t->st);
	else
		rc = store_commit(t->st, err);
	return rc;
}

/* Create ask.path (and its parents), coding [a, b) when b > a; the new
 * code becomes current. */
static void create_now(struct tui *t, size_t a, size_t b)
{
	struct codebook_edit e = { 0 };
	struct anker_err err = { 0 };
	char seg[37] = "";
	if (create_codes(t, ask.path, ask.parents, a, b, &e, seg, &err)) {
		tui_message(t, true, "%s", err.msg);
		codebook_edit_free(&e);
		return;
	}
	struct text_view *tv = text_view_of(t);
	const char *with = ask.parents ? " with its parents" : "";
	if (b > a) {
		tv->sel = false;
		t->mode = "NORMAL";
		tui_recent_use(t, e.guid);
	}
	tui_reload(t);
	tui_codes_set_current(t, views_code_find_guid(t, e.guid));
	if (b > a)
		tui_message(t, false, "Created code %s %s%s and coded %zu-%zu with it (%.8s; u undoes both)",
		            e.number, e.name, with, a, b, seg);
	else if (ask.b > ask.a)
		tui_message(t, false, "Created code %s %s%s (current: c codes the selection with it)",
		            e.number, e.name, with);
	else
		tui_message(t, false, "Created code %s %s%s", e.number, e.name, with);
	codebook_edit_free(&e);
}

/* The answer, one key.  Enter is the default, N: asked about a new code
 * for a selection, N creates the code without coding; asked about missing
 * parents, N creates nothing.  Missing parents: y creates them all, c also
 * codes the selection.  A new code for a selection: y creates it and
 * codes.  Esc creates nothing. */
static void ask_answer(struct tui *t, char k)
{
	if (k == '\n')
		k = 'n';
	bool code = ask.parents ? (k == 'c' || k == 'C') : (k == 'y' || k == 'Y');
	bool create = k && (code || !ask.parents || k == 'y' || k == 'Y');
	if (!create)
		tui_message(t, false, "Nothing created");
	else if (code)
		create_now(t, ask.a, ask.b);
	else
		create_now(t, 0, 0);
}

/* The parent part of "A >> B >> C" ("A >> B"), spaces trimmed; "" when
 * there is no ">>". */
static int parent_len(const char *typed)
{
	const char *sep = typed;
	for (const char *p = strstr(typed, ">>"); p; p = strstr(p + 1, ">>"))
		sep = p;
	int n = (int)(sep - typed);
	while (n > 0 && typed[n - 1] == ' ')
		n--;
	return n;
}

/* A new code from the finder.  Without a selection and with its parents
 * there, it is made at once; otherwise one question: the missing parents
 * (y/N, c: and code the selection), or whether to code the selection
 * with it too (y/N; N only creates).  Coding never happens unasked. */
static void code_create(struct tui *t, const char *typed)
{
	struct text_view *tv = text_view_of(t);
	memset(&ask, 0, sizeof ask);
	snprintf(ask.path, sizeof ask.path, "%s", typed);
	bool sel = tv->doc_id && text_sel_range(tv, &ask.a, &ask.b);
	if (!sel)
		ask.a = ask.b = 0;
	int plen = parent_len(typed);
	if (plen > 0) {
		char parent[TUI_PROMPT_MAX];
		struct anker_err err = { 0 };
		snprintf(parent, sizeof parent, "%.*s", plen, typed);
		ask.parents = codebook_find(&t->codes.cb, parent, &err) < 0 &&
		              err.status == ANKER_NOTFOUND;
	}
	if (!sel && !ask.parents) {
		create_now(t, 0, 0);
		return;
	}
	char q[2 * TUI_PROMPT_MAX + 96];
	if (ask.parents)
		snprintf(q, sizeof q, "No code '%.*s': create %s with its parents? y/N%s ", plen,
		         typed, typed, sel ? ", c: code the selection too" : "");
	else
		snprintf(q, sizeof q, "Create '%s' and code the selection? y/N (N: only create) ",
		         typed);
	tui_prompt_ask(t, q, ask_answer);
}

static void code_picked(struct tui *t, const char *key, const char *typed)
{
	if (!key) {
		code_create(t, typed);
		return;
	}
	int code = views_code_find_guid(t, key);
	if (code < 0) {
		tui_message(t, true, "The code is %s", TUI_GONE);
		return;
	}
	/* The code picked: current, and the selection coded with it. */
	struct text_view *tv = text_view_of(t);
	tui_codes_set_current(t, code);
	size_t a, b;
	if (tv->doc_id && text_sel_range(tv, &a, &b)) {
		text_code_with(t, tv, code);
	} else {
		const struct codebook_code *k = &t->codes.cb.codes[code];
		tui_message(t, false, "Current code: %s %s (select text, then c codes with it)",
		            k->number, k->name);
	}
}

struct finder_item *tui_finder_code_items(struct tui *t)
{
	const struct codebook *cb = &t->codes.cb;
	struct finder_item *items = xcalloc(cb->ncodes + 1, sizeof *items);
	for (size_t i = 0; i < cb->ncodes; i++) {
		struct strbuf sb = { 0 };
		codebook_path(cb, i, &sb);
		items[i].text = xstrdup(sb_str(&sb));
		sb_reset(&sb);
		if (*cb->codes[i].number)
			sb_addf(&sb, "%s ", cb->codes[i].number);
		codebook_path(cb, i, &sb);
		items[i].label = sb_steal(&sb);
		items[i].number = xstrdup(cb->codes[i].number);
		memcpy(items[i].key, cb->codes[i].guid, sizeof items[i].key);
		items[i].code = true;
	}
	return items;
}

void tui_finder_codes(struct tui *t)
{
	const struct codebook *cb = &t->codes.cb;
	struct finder_item *items = tui_finder_code_items(t);
	struct text_view *tv = text_view_of(t);
	size_t a, b;
	bool sel = tv->doc_id && text_sel_range(tv, &a, &b);
	tui_finder_open(t, sel ? "Code the selection with (type a number or a name; Enter)"
	                       : "Go to code (type a number or a name; Enter)",
	                items, cb->ncodes, true, code_picked);
	/* The recent codes, as the digits reach them. */
	struct strbuf sb = { 0 };
	for (int n = 1; n <= TUI_RECENT; n++) {
		int i = tui_recent_code(t, n);
		if (i >= 0)
			sb_addf(&sb, "%s%d:%s %s", n > 1 ? "  " : "Recent  ", n, cb->codes[i].number,
			        cb->codes[i].name);
	}
	snprintf(F.info, sizeof F.info, "%s", sb_str(&sb));
	sb_free(&sb);
}
