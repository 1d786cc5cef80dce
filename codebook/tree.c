/* codebook/tree.c — the code tree as a flat array: paths, depths, freeing,
 * warnings. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codebook.h"

static void code_free(struct codebook_code *c)
{
	free(c->number);
	free(c->name);
	free(c->definition);
	for (size_t k = 0; k < c->nanchors; k++) {
		free(c->anchors[k]);
		if (c->citations)
			free(c->citations[k]);
	}
	free(c->anchors);
	free(c->citations);
	for (size_t k = 0; k < c->nnotes; k++) {
		free(c->notes[k].label);
		free(c->notes[k].text);
	}
	free(c->notes);
	free(c->color);
}

void codebook_free(struct codebook *cb)
{
	if (!cb)
		return;
	free(cb->preamble);
	for (size_t i = 0; i < cb->ncodes; i++)
		code_free(&cb->codes[i]);
	free(cb->codes);
	for (size_t i = 0; i < cb->nwarnings; i++)
		free(cb->warnings[i]);
	free(cb->warnings);
	memset(cb, 0, sizeof *cb);
}

void codebook_warn(struct codebook *cb, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	cb->warnings = xreallocarray(cb->warnings, cb->nwarnings + 1, sizeof *cb->warnings);
	cb->warnings[cb->nwarnings++] = sb_steal(&sb);
}

/* The parent of code i, or -1.  A parent index out of range (a caller's
 * bug, or a half-built tree) ends the chain instead of reading past it. */
static int parent_of(const struct codebook *cb, size_t i)
{
	int p = cb->codes[i].parent;
	return p >= 0 && (size_t)p < cb->ncodes ? p : -1;
}

void codebook_path(const struct codebook *cb, size_t i, struct strbuf *out)
{
	if (i >= cb->ncodes)
		return;
	/* Collect the chain leaf first, then write it root first.  At most
	 * ncodes steps, so a parent cycle cannot loop forever. */
	size_t *chain = xmalloc(cb->ncodes * sizeof *chain);
	size_t n = 0;
	for (int j = (int)i; j >= 0 && n < cb->ncodes; j = parent_of(cb, (size_t)j))
		chain[n++] = (size_t)j;
	while (n > 0) {
		const char *name = cb->codes[chain[--n]].name;
		sb_adds(out, name ? name : "");
		if (n > 0)
			sb_adds(out, " >> ");
	}
	free(chain);
}

int codebook_depth(const struct codebook *cb, size_t i)
{
	if (i >= cb->ncodes)
		return 0;
	int depth = 0;
	for (int j = parent_of(cb, i); j >= 0 && (size_t)depth < cb->ncodes;
	     j = parent_of(cb, (size_t)j))
		depth++;
	return depth;
}

/* Colors for top-level branches, cycled; children get shades of them.
 * Chosen to stay distinct on 256-color terminals. */
static const char *const palette[] = {
	"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4",
	"#42d4f4", "#f032e6", "#bfef45", "#469990", "#9a6324",
};

/* Their names, as the user may type them (Trubetskoy's list). */
static const char *const palette_names[] = {
	"red", "green", "blue", "orange", "purple",
	"cyan", "magenta", "lime", "teal", "brown",
};

#define PALETTE_N (sizeof palette / sizeof *palette)

/* Ids up to this many per code are looked up in a table. */
#define IDS_PER_CODE 64

struct codebook_id {
	int64_t id;
	size_t i;
};

static int cmp_code_id(const void *a, const void *b)
{
	const struct codebook_id *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

void codebook_ids_make(struct codebook_ids *m, const struct codebook *cb)
{
	size_t nc = cb->ncodes, nat = 0;
	*m = (struct codebook_ids){ 0 };
	for (size_t k = 0; k < nc; k++)
		if (cb->codes[k].id >= 0 && (uint64_t)cb->codes[k].id >= nat)
			nat = (size_t)cb->codes[k].id + 1;
	if (nat <= IDS_PER_CODE * (nc + 1)) {
		m->nat = nat;
		m->at = xcalloc(nat + 1, sizeof *m->at);
		for (size_t k = 0; k < nc; k++)
			if (cb->codes[k].id >= 0)
				m->at[cb->codes[k].id] = k + 1;
		return;
	}
	m->sorted = xcalloc(nc + 1, sizeof *m->sorted);
	for (size_t k = 0; k < nc; k++)
		if (cb->codes[k].id >= 0)
			m->sorted[m->n++] = (struct codebook_id){ cb->codes[k].id, k };
	qsort(m->sorted, m->n, sizeof *m->sorted, cmp_code_id);
}

ptrdiff_t codebook_ids_find(const struct codebook_ids *m, int64_t id)
{
	if (m->at)
		return id >= 0 && (uint64_t)id < m->nat ? (ptrdiff_t)m->at[id] - 1 : -1;
	struct codebook_id key = { id, 0 };
	const struct codebook_id *hit = m->n ? bsearch(&key, m->sorted, m->n, sizeof *m->sorted,
	                                               cmp_code_id) : NULL;
	return hit ? (ptrdiff_t)hit->i : -1;
}

void codebook_ids_free(struct codebook_ids *m)
{
	free(m->at);
	free(m->sorted);
	*m = (struct codebook_ids){ 0 };
}

const char *codebook_palette(size_t i)
{
	return palette[i % PALETTE_N];
}

const char *codebook_palette_name(size_t i)
{
	return palette_names[i % PALETTE_N];
}

size_t codebook_palette_size(void)
{
	return PALETTE_N;
}

bool codebook_color_parse(const char *s, char out[8])
{
	const char *hex = NULL;
	char *end;
	long k = strtol(s, &end, 10);
	if (*s >= '0' && *s <= '9' && !*end && k >= 1 && (size_t)k <= PALETTE_N)
		hex = palette[k - 1];
	for (size_t i = 0; !hex && i < PALETTE_N; i++)
		if (strcasecmp(s, palette_names[i]) == 0)
			hex = palette[i];
	if (!hex && codebook_color_valid(s))
		hex = s;
	if (!hex)
		return false;
	for (int i = 0; i < 7; i++)
		out[i] = (char)tolower((unsigned char)hex[i]);
	out[7] = 0;
	return true;
}

int codebook_child_color(struct store *st, int64_t parent_id, char out[8], struct anker_err *err)
{
	struct strbuf pc = {0};
	int64_t nsib = 0;
	int rc = store_get_text(st, &pc, err, "SELECT color FROM code WHERE id = :p",
	                        STORE_INT(":p", parent_id));
	if (!rc)
		rc = store_get_int(st, &nsib, err, "SELECT COUNT(*) FROM code WHERE parent_id = :p",
		                   STORE_INT(":p", parent_id));
	if (!rc)
		store_color_child(sb_str(&pc), (size_t)nsib, out);
	sb_free(&pc);
	return rc ? ANKER_DB : ANKER_OK;
}

void codebook_anchor_push(struct codebook_code *c, char *text, char *citation)
{
	c->anchors = xreallocarray(c->anchors, c->nanchors + 1, sizeof *c->anchors);
	c->citations = xreallocarray(c->citations, c->nanchors + 1, sizeof *c->citations);
	c->anchors[c->nanchors] = text;
	c->citations[c->nanchors++] = citation;
}

const char *codebook_anchor_citation(const struct codebook_code *c, size_t k)
{
	const char *s = c->citations && k < c->nanchors ? c->citations[k] : NULL;
	return s && s[strspn(s, " \t\r\n")] ? s : NULL;
}
