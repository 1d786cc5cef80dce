/* tui/code_texts.c — @ in the code system: the definition, the anchor
 * examples or the notes of the code at the cursor in the user's editor
 * (tui_edit_text), stored whole through codebook/ as one undo step.
 *
 * The examples and notes come as one file, a line "---" between two; a
 * note starts with its label and a colon ("Kritik: …").  Lines starting
 * with "# " at the top of that file say so and are dropped again: the
 * rest is taken as written, a '#' further down too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "views.h"

#define SEPARATOR "---"

static char texts_code[37];     /* the code @ asked about (GUID) */

/* The blocks of s between lines "---" (blank ones dropped), each trimmed
 * of blank space at both ends; the comment lines at the top skipped. */
static size_t split_blocks(const char *s, char ***out)
{
	while (strncmp(s, "# ", 2) == 0 || strncmp(s, "#\n", 2) == 0) {
		const char *nl = strchr(s, '\n');
		s = nl ? nl + 1 : s + strlen(s);
	}
	char **v = NULL;
	size_t n = 0;
	for (const char *p = s; *p;) {
		const char *end = p;
		/* the block runs to a separator line or the end */
		for (;;) {
			const char *nl = strchr(end, '\n');
			size_t ll = nl ? (size_t)(nl - end) : strlen(end);
			while (ll && (end[ll - 1] == '\r' || end[ll - 1] == ' '))
				ll--;
			if (ll == strlen(SEPARATOR) && strncmp(end, SEPARATOR, ll) == 0)
				break;
			end = nl ? nl + 1 : end + strlen(end);
			if (!nl)
				break;
		}
		const char *a = p, *b = end;
		while (a < b && strchr(" \t\r\n", *a))
			a++;
		while (b > a && strchr(" \t\r\n", b[-1]))
			b--;
		if (b > a) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = xstrndup(a, (size_t)(b - a));
		}
		if (!*end)
			break;
		const char *nl = strchr(end, '\n');
		p = nl ? nl + 1 : end + strlen(end);
	}
	*out = v;
	return n;
}

static void blocks_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* What the editor shows for what (a = anchor examples, n = notes). */
static void texts_file(const struct codebook_code *k, char what, const char *label,
                       struct strbuf *sb)
{
	sb_addf(sb, "# %s of %s, a line %s between two%s.\n", what == 'a' ? "Anchor examples"
	        : "Notes", label, SEPARATOR, what == 'a' ? "" : "; each starts with its label "
	        "and a colon (Kritik: ...)");
	sb_adds(sb, "# These lines are left out. Save to keep the change; an editor that fails "
	            "(vi: :cq) changes nothing.\n");
	size_t n = what == 'a' ? k->nanchors : k->nnotes;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_adds(sb, "\n" SEPARATOR "\n");
		if (what == 'a')
			sb_adds(sb, k->anchors[i]);
		else
			sb_addf(sb, "%s: %s", k->notes[i].label, k->notes[i].text);
	}
}

/* Blocks "Label: text" as notes; false (err set) when one has no label. */
static bool notes_of(char **blocks, size_t n, struct codebook_note *notes, struct anker_err *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(blocks[i], ':'), *nl = strchr(blocks[i], '\n');
		if (!colon || (nl && nl < colon) || colon == blocks[i]) {
			anker_err_set(err, ANKER_INPUT, "note %zu: its first line does not start with "
			              "'Label:'", i + 1);
			return false;
		}
		const char *text = colon + 1;
		text += strspn(text, " \t");
		if (*text == '\n')
			text++;
		/* "Kritik : …" is labelled "Kritik" */
		size_t ll = (size_t)(colon - blocks[i]);
		while (ll > 0 && (blocks[i][ll - 1] == ' ' || blocks[i][ll - 1] == '\t'))
			ll--;
		blocks[i][ll] = 0;
		notes[i].label = blocks[i];
		notes[i].text = (char *)text;
	}
	return true;
}

/* "definition", "anchor examples" or "notes"; capitalised for a message's start. */
static const char *texts_name(char what, bool cap)
{
	if (what == 'd')
		return cap ? "Definition" : "definition";
	if (what == 'a')
		return cap ? "Anchor examples" : "anchor examples";
	return cap ? "Notes" : "notes";
}

static void store_texts(struct tui *t, char what, const char *edited, const char *label)
{
	struct codebook_edit ed = { 0 };
	struct anker_err err = { 0 };
	int rc;
	if (what == 'd')
		rc = codebook_code_define(t->st, texts_code, edited, &ed, &err);
	else {
		char **blocks;
		size_t n = split_blocks(edited, &blocks);
		if (what == 'a')
			rc = codebook_code_anchors_set(t->st, texts_code, (const char *const *)blocks, n,
			                               &ed, &err);
		else {
			struct codebook_note *notes = xcalloc(n + 1, sizeof *notes);
			rc = notes_of(blocks, n, notes, &err) ? codebook_code_notes_set(t->st, texts_code,
			                                                               notes, n, &ed, &err)
			                                      : (int)err.status;
			free(notes);
		}
		blocks_free(blocks, n);
	}
	const char *name = texts_name(what, true);
	if (rc)
		tui_message(t, true, "%s not changed: %s", name, err.msg);
	else if (ed.codes == 0)
		tui_message(t, false, "%s of '%s' unchanged", name, label);
	else {
		tui_reload(t);
		tui_codes_set_current(t, views_code_find_guid(t, texts_code));
		tui_message(t, false, "%s of '%s' changed (u undoes)", name, label);
	}
	codebook_edit_free(&ed);
}

static void texts_edit(struct tui *t, char what)
{
	int i = views_code_find_guid(t, texts_code);
	if (i < 0) {
		tui_message(t, true, "The code is " TUI_GONE);
		return;
	}
	const struct codebook_code *k = &t->codes.cb.codes[i];
	struct strbuf label = { 0 }, file = { 0 };
	tui_code_label(t, i, &label);
	if (what == 'd')
		sb_adds(&file, k->definition);
	else
		texts_file(k, what, sb_str(&label), &file);
	char *out = NULL;
	bool changed;
	struct anker_err err = { 0 };
	if (tui_edit_text(t, texts_name(what, false), sb_str(&file), &out, &changed, &err))
		tui_message(t, true, "%s not changed: %s", texts_name(what, true), err.msg);
	else if (!changed)
		tui_message(t, false, "%s of '%s' unchanged", texts_name(what, true), sb_str(&label));
	else
		store_texts(t, what, out, sb_str(&label));
	free(out);
	sb_free(&label);
	sb_free(&file);
}

void tui_code_texts_edit(struct tui *t, int i, char what)
{
	memcpy(texts_code, t->codes.cb.codes[i].guid, sizeof texts_code);
	texts_edit(t, what);
}

/* One key: d, a or n; anything else edits nothing. */
static void texts_answer(struct tui *t, char key)
{
	if (key == 'd' || key == 'a' || key == 'n')
		texts_edit(t, key);
	else
		tui_message(t, false, "Nothing edited");
}

void tui_code_texts_open(struct tui *t, int i)
{
	const struct codebook_code *k = &t->codes.cb.codes[i];
	struct strbuf q = { 0 }, label = { 0 };
	memcpy(texts_code, k->guid, sizeof texts_code);
	sb_addf(&q, "Edit in the editor: d definition, a anchor examples, n notes of '%s'? ",
	        tui_code_label(t, i, &label));
	sb_free(&label);
	tui_prompt_ask(t, sb_str(&q), texts_answer);
	sb_free(&q);
}
