/* codebook/write.c — writes a codebook as MAXQDA text and as Markdown.
 *
 * The text writer's one promise is that codebook_parse_maxqda() reads back
 * what it wrote: the same codes, definitions, anchor examples and notes.
 * The Markdown writer is for people (the paper's appendix) and only has to
 * render as meant.
 */
#include <stdlib.h>
#include <string.h>

#include "write_int.h"
#include "quotes_int.h"

static size_t trimmed_len(const char *s, size_t len)
{
	while (len > 0 && strchr(" \t\r", s[len - 1]))
		len--;
	return len;
}

/* Step through text a line at a time: the next line (trailing blanks cut)
 * and its length, NULL at the end. */
static const char *next_line(const char **p, size_t *len)
{
	const char *s = *p;
	if (!s || !*s)
		return NULL;
	size_t n = strcspn(s, "\n");
	*p = s[n] ? s + n + 1 : s + n;
	*len = trimmed_len(s, n);
	return s;
}

static size_t indent_of(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

void codebook_add_oneline(struct strbuf *out, const char *s)
{
	for (; s && *s; s++)
		sb_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
}

bool codebook_has_text(const char *s)
{
	return s && s[strspn(s, " \t\r\n")] != '\0';
}

/* The labels each language writes (codebook.lang).  The text format
 * defaults to MAXQDA's German labels, the Markdown appendix to English;
 * the parser reads both. */
static const struct codebook_labels label_sets[] = {
	[CODEBOOK_LANG_DEFAULT] = { "Codedefinition", "Ankerbeispiel", "Ankerbeispiele", "Definition",
	                            "Anchor examples", "Anchor examples", "Coded segments", "Note" },
	[CODEBOOK_LANG_EN] = { "Code definition", "Anchor example", "Anchor examples", "Definition",
	                       "Anchor examples", "Anchor examples", "Coded segments", "Note" },
	[CODEBOOK_LANG_DE] = { "Codedefinition", "Ankerbeispiel", "Ankerbeispiele", "Codedefinition",
	                       "Ankerbeispiel", "Ankerbeispiele", "Kodierte Segmente", "Anmerkung" },
};

const struct codebook_labels *codebook_labels_of(const struct codebook *cb)
{
	return &label_sets[(unsigned)cb->lang <= CODEBOOK_LANG_DE ? cb->lang : CODEBOOK_LANG_DEFAULT];
}

/* ---------------------------------------------------------------------- */
/* MAXQDA text. */

/* The paragraphs of text, one per line with blank lines between; the first
 * goes on the label's line when on_label is set.  With cb, a later line
 * the parser would take for a label or heading gets its own
 * "Codedefinition:" (the parser joins repeated definitions). */
static void txt_paras(struct strbuf *out, const char *text, bool on_label,
                      const struct codebook *cb)
{
	const char *p = text, *s;
	size_t len;
	bool first = true;

	while ((s = next_line(&p, &len))) {
		size_t ind = indent_of(s, len);
		if (ind == len)
			continue;
		if (first && on_label) {
			sb_addc(out, ' ');
			sb_add(out, s + ind, len - ind);
		} else {
			sb_adds(out, "\n\n");
			if (cb && codebook_maxqda_structural(cb, s, len))
				sb_addf(out, "%s: ", codebook_labels_of(cb)->def_txt);
			sb_add(out, s, len);
		}
		first = false;
	}
}

static void txt_block(struct strbuf *out, const char *label, const char *text,
                      const struct codebook *def_of)
{
	sb_addf(out, "\n%s:", label);
	txt_paras(out, text, true, def_of);
	sb_addc(out, '\n');
}

/* Length of the quote mark at s (0: none), as the parser sees it. */
static size_t mark_len(const char *s, size_t len)
{
	bool opens;
	return len ? codebook_quote_mark(s, len, 0, &opens) : 0;
}

/* May anchor example next follow prev as a plain paragraph?  Only when the
 * parser will see prev as finished — it ends on a closing mark — and next
 * as a new example rather than a label or heading — it starts with a mark.
 * Otherwise next gets an "Ankerbeispiel:" line of its own, which reads
 * back the same: a paraphrase after an unclosed quote, or one starting
 * "Wort: …", stays an example of its own. */
static bool anchor_follows(const char *prev, const char *next)
{
	size_t len = strlen(prev);
	bool closes = false;

	while (len > 0 && strchr(".,;:!?)] \t\r\n", prev[len - 1]))
		len--;
	for (size_t m = 1; m <= 3; m++) {
		if (len >= m && mark_len(prev + len - m, m) == m) {
			closes = !(m == 3 && (unsigned char)prev[len - 1] == 0x9E);
			break;
		}
	}
	next += strspn(next, " \t\r\n");
	return closes && mark_len(next, strlen(next)) > 0;
}

/* An example promoted from a segment keeps its source behind the quote,
 * " (Interview 01, Pos. 16)", where the parser finds it again
 * (codebook_quote_citation).  Behind a paraphrase it would read as part of
 * the text, so there it is left out. */
static void txt_citation(struct strbuf *out, const struct codebook_code *c, size_t k)
{
	const char *cite = codebook_anchor_citation(c, k);
	if (cite && codebook_quote_ends_with_closer(c->anchors[k], strlen(c->anchors[k]))) {
		sb_adds(out, " (");
		codebook_add_oneline(out, cite);
		sb_addc(out, ')');
	}
}

static void txt_anchors(struct strbuf *out, const struct codebook *cb,
                        const struct codebook_code *c)
{
	/* An empty example (only possible from a project) would vanish on the
	 * way back and shift the rest, so it is not written. */
	size_t *a = xmalloc((c->nanchors + 1) * sizeof *a);
	size_t n = 0;

	for (size_t k = 0; k < c->nanchors; k++)
		if (codebook_has_text(c->anchors[k]))
			a[n++] = k;
	for (size_t k = 0; k < n;) {
		size_t end = k + 1;
		while (end < n && anchor_follows(c->anchors[a[end - 1]], c->anchors[a[end]]))
			end++;
		const struct codebook_labels *l = codebook_labels_of(cb);
		sb_addf(out, "\n%s:", end - k > 1 ? l->anchors_txt : l->anchor_txt);
		for (size_t j = k; j < end; j++) {
			txt_paras(out, c->anchors[a[j]], j == k, NULL);
			txt_citation(out, c, a[j]);
		}
		sb_addc(out, '\n');
		k = end;
	}
	free(a);
}

static int valid_parent(const struct codebook *cb, size_t i)
{
	int p = cb->codes[i].parent;
	return p >= 0 && (size_t)p < cb->ncodes ? p : -1;
}

/* Last component of a number ("2.12.8" → 8). */
static unsigned long last_component(const char *num)
{
	const char *dot = strrchr(num, '.');
	return strtoul(dot ? dot + 1 : num, NULL, 10);
}

/* The number code i is written under.  The format has no place for a code
 * without a number — the number is the hierarchy — so an unnumbered code
 * (made in anker) is numbered after its last sibling, its parent first.
 * The file stays readable, and importing it numbers the code. */
static const char *txt_number(const struct codebook *cb, char **num, size_t i, size_t guard)
{
	if (num[i])
		return num[i];
	int p = guard < cb->ncodes ? valid_parent(cb, i) : -1;   /* guard: a parent cycle */
	const char *base = p >= 0 ? txt_number(cb, num, (size_t)p, guard + 1) : "";
	unsigned long max = 0;
	for (size_t j = 0; j < cb->ncodes; j++)
		if (num[j] && valid_parent(cb, j) == p && last_component(num[j]) > max)
			max = last_component(num[j]);
	struct strbuf sb = {0};
	sb_addf(&sb, "%s%s%lu", base, *base ? "." : "", max + 1);
	num[i] = sb_steal(&sb);
	return num[i];
}

static void txt_section(struct strbuf *out, const struct codebook *cb, size_t i, const char *num)
{
	const struct codebook_code *c = &cb->codes[i];
	struct strbuf path = {0};

	codebook_path(cb, i, &path);
	sb_addf(out, "\n%s ", num);
	codebook_add_oneline(out, sb_str(&path));
	sb_addc(out, '\n');
	sb_free(&path);
	if (codebook_has_text(c->definition))
		txt_block(out, codebook_labels_of(cb)->def_txt, c->definition, cb);
	txt_anchors(out, cb, c);
	for (size_t k = 0; k < c->nnotes; k++) {
		const char *label = c->notes[k].label;
		txt_block(out, label && *label ? label : "Anmerkung", c->notes[k].text, NULL);
	}
}

void codebook_write_txt(const struct codebook *cb, struct strbuf *out)
{
	char **num = xcalloc(cb->ncodes + 1, sizeof *num);
	const char *pre = cb->preamble;
	size_t plen = pre ? strlen(pre) : 0;

	for (size_t i = 0; i < cb->ncodes; i++)
		if (cb->codes[i].number && cb->codes[i].number[0])
			num[i] = xstrdup(cb->codes[i].number);
	for (size_t i = 0; i < cb->ncodes; i++)
		txt_number(cb, num, i, 0);

	while (plen > 0 && strchr(" \t\r\n", pre[plen - 1]))
		plen--;
	if (plen > 0 && codebook_has_text(pre))
		sb_add(out, pre, plen);
	else
		sb_adds(out, "Codebuch");
	sb_adds(out, "\n\nCodesystem\n\n");
	for (size_t i = 0; i < cb->ncodes; i++) {
		sb_addf(out, "%s ", num[i]);
		codebook_add_oneline(out, cb->codes[i].name);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < cb->ncodes; i++)
		txt_section(out, cb, i, num[i]);
	for (size_t i = 0; i < cb->ncodes; i++)
		free(num[i]);
	free(num);
}

/* ---------------------------------------------------------------------- */
/* Markdown. */

/* Length of a list marker at s ("- ", "* ", "+ ", "1. ", "2) "), else 0. */
static size_t list_marker(const char *s, size_t len)
{
	size_t i = 0;
	if (len > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '*')) {
		i = 1;
	} else {
		while (i < len && i < 9 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == 0 || i == len || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	return i == len || s[i] == ' ' || s[i] == '\t' ? i : 0;
}

/* A line of three or more -, * or _ (and blanks) is a thematic break. */
static bool is_rule(const char *s, size_t len)
{
	size_t n = 0;
	if (len == 0 || !strchr("-*_", s[0]))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == s[0])
			n++;
		else if (s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return n >= 3;
}

/* Would a line starting like s open a Markdown block (other than a list)? */
static bool md_opens_block(const char *s, size_t len)
{
	size_t hashes = 0;
	while (hashes < len && s[hashes] == '#')
		hashes++;
	if (hashes > 0 && hashes <= 6 && (hashes == len || s[hashes] == ' ' || s[hashes] == '\t'))
		return true;                            /* heading */
	if (len > 0 && s[0] == '>')
		return true;                            /* block quote */
	if (len >= 3 && (strncmp(s, "```", 3) == 0 || strncmp(s, "~~~", 3) == 0))
		return true;                            /* code fence */
	if (len >= 2 && s[0] == '<') {
		char c = (char)(s[1] | 0x20);
		return strchr("/!?", s[1]) || (c >= 'a' && c <= 'z');   /* HTML */
	}
	return is_rule(s, len);
}

/* One line of text (no leading blanks), escaped so that it starts no
 * Markdown block.  Inside the line nothing is escaped: "**bold**" in a
 * MAXQDA export was meant as bold. */
static void md_line(struct strbuf *out, const char *s, size_t len)
{
	size_t m = list_marker(s, len);
	if (m > 0 && s[0] >= '0' && s[0] <= '9') {
		sb_add(out, s, m - 1);                  /* "1. " → "1\. " */
		sb_addc(out, '\\');
		sb_add(out, s + m - 1, len - m + 1);
		return;
	}
	if (m > 0 || md_opens_block(s, len))
		sb_addc(out, '\\');
	sb_add(out, s, len);
}

/* Heading text: one line, a closing run of "#" escaped. */
static void md_heading_text(struct strbuf *out, const char *s)
{
	size_t len = strlen(s), k = len;
	while (k > 0 && s[k - 1] == '#')
		k--;
	for (size_t i = 0; i < len; i++) {
		if (i == k)
			sb_addc(out, '\\');
		sb_addc(out, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	}
}

/* A definition or note: lead ("**Definition.**") and its paragraphs.  Bullet
 * lines stay a Markdown list, since they are one in the codebook; indented
 * ones nest. */
static void md_text(struct strbuf *out, const char *lead, const char *text)
{
	const char *p = text, *s;
	size_t len;
	bool first = true, prev_item = false;

	sb_addc(out, '\n');
	sb_adds(out, lead);
	while ((s = next_line(&p, &len))) {
		size_t ind = indent_of(s, len);
		if (ind == len)
			continue;
		bool item = list_marker(s + ind, len - ind) > 0;
		if (first && !item) {
			sb_addc(out, ' ');
			sb_add(out, s + ind, len - ind);
		} else {
			sb_adds(out, item && prev_item ? "\n" : "\n\n");
			if (item && ind > 0)
				sb_adds(out, "  ");
			if (item)
				sb_add(out, s + ind, len - ind);
			else
				md_line(out, s + ind, len - ind);
		}
		first = false;
		prev_item = item;
	}
	sb_addc(out, '\n');
}

/* A block quote: one quote paragraph per line of text. */
static void md_quote(struct strbuf *out, const char *text)
{
	const char *p = text, *s;
	size_t len;
	bool first = true;

	sb_addc(out, '\n');
	while ((s = next_line(&p, &len))) {
		size_t ind = indent_of(s, len);
		if (ind == len)
			continue;
		sb_adds(out, first ? "> " : ">\n> ");
		md_line(out, s + ind, len - ind);
		sb_addc(out, '\n');
		first = false;
	}
}

/* Does s (n bytes) contain the two characters pair? */
static bool has_pair(const char *s, size_t n, const char *pair)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == pair[0] && s[i + 1] == pair[1])
			return true;
	return false;
}

void codebook_preamble_title(const char **p, struct strbuf *title)
{
	struct strbuf raw = {0};
	const char *s;
	size_t len;

	while ((s = next_line(p, &len))) {
		size_t ind = indent_of(s, len);
		if (ind == len) {
			if (raw.len)
				break;
			continue;
		}
		if (raw.len)
			sb_addc(&raw, ' ');
		sb_add(&raw, s + ind, len - ind);
	}
	const char *t = sb_str(&raw);
	size_t n = raw.len;
	if (n > 4 && (strncmp(t, "**", 2) == 0 || strncmp(t, "__", 2) == 0) &&
	    strncmp(t + n - 2, t, 2) == 0 && !has_pair(t + 2, n - 4, t)) {
		t += 2;
		n -= 4;
	}
	if (n > 0)
		sb_add(title, t, n);
	else
		sb_adds(title, "Codebook");
	sb_free(&raw);
}

/* The title as the document's heading; the rest of the preamble (with the
 * copyright) as paragraphs that keep their line breaks. */
static void md_preamble(struct strbuf *out, const char *pre)
{
	struct strbuf title = {0};
	const char *p = pre, *s;
	size_t len;
	bool in_para = false;

	codebook_preamble_title(&p, &title);
	sb_adds(out, "# ");
	md_heading_text(out, sb_str(&title));
	sb_addc(out, '\n');
	sb_free(&title);
	while ((s = next_line(&p, &len))) {
		size_t ind = indent_of(s, len);
		if (ind == len) {
			if (in_para)
				sb_addc(out, '\n');
			in_para = false;
			continue;
		}
		sb_adds(out, in_para ? "\\\n" : "\n");
		md_line(out, s + ind, len - ind);
		in_para = true;
	}
	if (in_para)
		sb_addc(out, '\n');
}

static void md_heading(struct strbuf *out, const struct codebook *cb, size_t i)
{
	const struct codebook_code *c = &cb->codes[i];
	int depth = codebook_depth(cb, i);
	struct strbuf text = {0}, path = {0};

	if (c->number && c->number[0])
		sb_addf(&text, "%s ", c->number);
	sb_adds(&text, c->name ? c->name : "");
	sb_addf(out, "\n%.*s ", depth + 2 > 5 ? 5 : depth + 2, "#####");
	md_heading_text(out, sb_str(&text));
	sb_addc(out, '\n');
	sb_free(&text);
	if (depth == 0)
		return;
	codebook_path(cb, i, &path);
	sb_adds(out, "\n*");
	for (const char *s = sb_str(&path); *s; s++) {
		if (strchr("*_`\\", *s))
			sb_addc(out, '\\');
		sb_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	sb_adds(out, "*\n");
	sb_free(&path);
}

/* text led by "**Label.**" (no full stop after one of .:!?). */
static void md_lead_text(struct strbuf *out, const char *label, const char *text)
{
	struct strbuf lead = {0};

	sb_addf(&lead, "**%s%s**", label, strchr(".:!?", label[strlen(label) - 1]) ? "" : ".");
	md_text(out, sb_str(&lead), text);
	sb_free(&lead);
}

static void md_note(struct strbuf *out, const struct codebook *cb, const struct codebook_note *n)
{
	md_lead_text(out, n->label && *n->label ? n->label : codebook_labels_of(cb)->note_md, n->text);
}

/* A quote as a block quote, its source (may be NULL) on its last line. */
static void md_cited(struct strbuf *out, const char *text, const char *citation)
{
	md_quote(out, text);
	if (citation) {
		sb_adds(out, ">\n> — ");
		codebook_add_oneline(out, citation);
		sb_addc(out, '\n');
	}
}

void codebook_examples_free(struct codebook_example *ex, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		free(ex[k].text);
		free(ex[k].citation);
	}
	free(ex);
}

int codebook_examples_get(const struct codebook *cb, size_t i, size_t max,
                          codebook_examples_fn fn, void *arg, struct codebook_example **ex,
                          size_t *n, struct anker_err *err)
{
	*ex = NULL;
	*n = 0;
	int rc = fn(arg, i, max, ex, n);
	if (rc != ANKER_OK) {
		enum anker_status st = rc > 0 && rc <= ANKER_NOMEM ? (enum anker_status)rc : ANKER_DB;
		if (err && err->status == ANKER_OK)     /* fn did not say why */
			anker_err_set(err, st, "cannot read the coded segments of code %s %s",
			              cb->codes[i].number, cb->codes[i].name);
		return st;
	}
	/* Only examples with text, at most max; a blank citation is none. */
	size_t kept = 0;
	for (size_t k = 0; k < *n; k++) {
		struct codebook_example *e = &(*ex)[k];
		if (!codebook_has_text(e->citation)) {
			free(e->citation);
			e->citation = NULL;
		}
		if (codebook_has_text(e->text) && kept < max) {
			(*ex)[kept++] = *e;
			continue;
		}
		free(e->text);
		free(e->citation);
	}
	*n = kept;
	return ANKER_OK;
}

static int md_examples(struct strbuf *out, const struct codebook *cb, size_t i, size_t max,
                       codebook_examples_fn fn, void *arg, struct anker_err *err)
{
	struct codebook_example *ex;
	size_t n;
	int rc = codebook_examples_get(cb, i, max, fn, arg, &ex, &n, err);
	if (rc != ANKER_OK)
		return rc;
	if (n)
		sb_addf(out, "\n**%s.**\n", codebook_labels_of(cb)->coded_md);
	for (size_t k = 0; k < n; k++)
		md_cited(out, ex[k].text, ex[k].citation);
	codebook_examples_free(ex, n);
	return ANKER_OK;
}

int codebook_write_md(const struct codebook *cb, struct strbuf *out, size_t examples_per_code,
                      codebook_examples_fn fn, void *arg, struct anker_err *err)
{
	anker_err_clear(err);
	md_preamble(out, cb->preamble);
	for (size_t i = 0; i < cb->ncodes; i++) {
		const struct codebook_code *c = &cb->codes[i];
		md_heading(out, cb, i);
		if (codebook_has_text(c->definition))
			md_lead_text(out, codebook_labels_of(cb)->def_md, c->definition);
		size_t shown = 0;
		for (size_t k = 0; k < c->nanchors; k++)
			shown += codebook_has_text(c->anchors[k]);
		for (size_t k = 0, any = 0; k < c->nanchors; k++) {
			if (!codebook_has_text(c->anchors[k]))
				continue;
			if (!any++)
				sb_addf(out, "\n**%s.**\n", shown > 1 ? codebook_labels_of(cb)->anchors_md
				                                         : codebook_labels_of(cb)->anchor_md);
			md_cited(out, c->anchors[k], codebook_anchor_citation(c, k));
		}
		for (size_t k = 0; k < c->nnotes; k++)
			md_note(out, cb, &c->notes[k]);
		if (examples_per_code > 0 && fn) {
			int rc = md_examples(out, cb, i, examples_per_code, fn, arg, err);
			if (rc != ANKER_OK)
				return rc;
		}
	}
	return ANKER_OK;
}
