/* anchor/terms.c — the terms suggestions compare: the tokenizer's words
 * (anchor/tokens.c: lower case, punctuation, bracketed remarks and
 * fillers gone), stop words and bare numbers left out, the rest reduced
 * to their Snowball stem, so that "Verwaltung", "Verwaltungen" and
 * "verwaltet" count as one term.
 *
 * Stemming costs far more than reading a word, and a corpus says the same
 * words again and again: each form is stemmed once and its term kept
 * under the form's hash (the tokenizer's), so a word seen before costs one
 * table probe.
 */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "anchor.h"

#define STOP UINT32_MAX

struct slot {
	uint64_t h;
	uint32_t v;             /* term id + 1, STOP + 0 for a stop word; 0: empty */
};
struct table {
	struct slot *v;
	size_t n, cap;          /* cap a power of two */
};

struct anchor_vocab {
	enum anchor_lang lang;
	struct sb_stemmer *stemmer;
	struct table forms;     /* form hash → term */
	struct table stems;     /* stem hash → term */
	uint32_t *stem_off, *word_off;  /* per term, in arena (NUL-terminated) */
	size_t nterms, cap;
	struct strbuf arena;
	struct anchor_toks toks;
	struct strbuf form;
};

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
	return h;
}

/* The slot of h: its own, or the empty one where it goes. */
static struct slot *probe(struct table *t, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & (t->cap - 1);
	while (t->v[i].v && t->v[i].h != h)
		i = (i + 1) & (t->cap - 1);
	return &t->v[i];
}

static void put(struct table *t, uint64_t h, uint32_t v)
{
	if (2 * (t->n + 1) > t->cap) {
		struct table old = *t;
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->v = xcalloc(t->cap, sizeof *t->v);
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].v)
				*probe(t, old.v[i].h) = old.v[i];
		free(old.v);
	}
	struct slot *s = probe(t, h);
	if (!s->v)
		t->n++;
	s->h = h;
	s->v = v;
}

static uint32_t get(struct table *t, uint64_t h)
{
	return t->cap ? probe(t, h)->v : 0;
}

struct anchor_vocab *anchor_vocab_new(enum anchor_lang lang)
{
	struct anchor_vocab *v = xcalloc(1, sizeof *v);
	v->lang = lang == ANCHOR_LANG_EN ? ANCHOR_LANG_EN : ANCHOR_LANG_DE;
	v->stemmer = sb_stemmer_new(v->lang == ANCHOR_LANG_EN ? "english" : "german", "UTF_8");
	if (!v->stemmer) {
		/* only when out of memory: both stemmers are built in */
		abort();
	}
	return v;
}

void anchor_vocab_free(struct anchor_vocab *v)
{
	if (!v)
		return;
	sb_stemmer_delete(v->stemmer);
	free(v->forms.v);
	free(v->stems.v);
	free(v->stem_off);
	free(v->word_off);
	sb_free(&v->arena);
	anchor_toks_free(&v->toks);
	sb_free(&v->form);
	free(v);
}

enum anchor_lang anchor_vocab_lang(const struct anchor_vocab *v)
{
	return v->lang;
}

static bool is_number(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The term of stem st[0..sn), new ones with the word form[0..n). */
static uint32_t stem_term(struct anchor_vocab *v, const char *st, size_t sn, const char *form,
                          size_t n)
{
	uint64_t h = fnv(st, sn);
	uint32_t id = get(&v->stems, h);
	if (id)
		return id - 1;
	if (v->nterms == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 1024;
		v->stem_off = xreallocarray(v->stem_off, v->cap, sizeof *v->stem_off);
		v->word_off = xreallocarray(v->word_off, v->cap, sizeof *v->word_off);
	}
	id = (uint32_t)v->nterms++;
	v->stem_off[id] = (uint32_t)v->arena.len;
	sb_add(&v->arena, st, sn);
	sb_addc(&v->arena, '\0');
	v->word_off[id] = (uint32_t)v->arena.len;
	sb_add(&v->arena, form, n);
	sb_addc(&v->arena, '\0');
	put(&v->stems, h, id + 1);
	return id;
}

/* The term of a form not seen before (STOP for a word not counted). */
static uint32_t term_new(struct anchor_vocab *v, const char *form, size_t n)
{
	if (n < 2 || is_number(form, n) || anchor_stopword(v->lang, form, n))
		return STOP;
	const sb_symbol *st = sb_stemmer_stem(v->stemmer, (const sb_symbol *)form, (int)n);
	size_t sn = st ? (size_t)sb_stemmer_length(v->stemmer) : 0;
	if (!st) {
		st = (const sb_symbol *)form;
		sn = n;
	}
	return stem_term(v, (const char *)st, sn, form, n);
}

uint32_t anchor_vocab_add(struct anchor_vocab *v, const char *stem, const char *word)
{
	return stem_term(v, stem, strlen(stem), word, strlen(word));
}

void anchor_vocab_terms(struct anchor_vocab *v, const char *s, size_t len,
                        struct anchor_termv *out)
{
	struct anchor_toks *t = &v->toks;
	t->n = 0;
	anchor_tokens(t, s, len, false);
	if (out->cap - out->n < t->n) {
		out->cap = out->n + t->n + 16;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct anchor_tok *a = &t->v[i];
		uint32_t id = get(&v->forms, a->h);
		if (!id) {
			sb_reset(&v->form);
			anchor_tok_form(s, a, &v->form);
			uint32_t term = term_new(v, sb_str(&v->form), v->form.len);
			id = term == STOP ? STOP : term + 1;
			put(&v->forms, a->h, id);
		}
		if (id != STOP)
			out->v[out->n++] = (struct anchor_term){ .id = id - 1, .b0 = a->b0 };
	}
}

size_t anchor_vocab_size(const struct anchor_vocab *v)
{
	return v->nterms;
}

const char *anchor_vocab_stem(const struct anchor_vocab *v, uint32_t id)
{
	return v->arena.buf + v->stem_off[id];
}

const char *anchor_vocab_word(const struct anchor_vocab *v, uint32_t id)
{
	return v->arena.buf + v->word_off[id];
}

enum anchor_lang anchor_lang_guess(const char *s, size_t len)
{
	struct anchor_toks t = { 0 };
	struct strbuf form = { 0 };
	size_t de = 0, en = 0;
	anchor_tokens(&t, s, len, false);
	for (size_t i = 0; i < t.n; i++) {
		sb_reset(&form);
		anchor_tok_form(s, &t.v[i], &form);
		de += anchor_stopword(ANCHOR_LANG_DE, sb_str(&form), form.len);
		en += anchor_stopword(ANCHOR_LANG_EN, sb_str(&form), form.len);
	}
	anchor_toks_free(&t);
	sb_free(&form);
	/* a tie (no text at all) is German: the codebooks anker reads are */
	return en > de ? ANCHOR_LANG_EN : ANCHOR_LANG_DE;
}

int anchor_lang_parse(const char *name)
{
	if (strcmp(name, "de") == 0)
		return ANCHOR_LANG_DE;
	if (strcmp(name, "en") == 0)
		return ANCHOR_LANG_EN;
	return -1;
}

const char *anchor_lang_name(enum anchor_lang lang)
{
	return lang == ANCHOR_LANG_EN ? "en" : "de";
}
