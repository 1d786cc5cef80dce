/* refi/guids.c — a table of GUIDs for the imports: which notes, users,
 * variables and codes a file has, found without a walk through all of
 * them (a .qdpx with 35 000 notes looked each NoteRef up in a list).
 *
 * Open addressing with linear probing over the GUID's 128 bits (already
 * random: their low half is the hash); the table doubles when three
 * quarters full, so a probe still ends soon at an empty slot (a few slots
 * on average, each two words compared), and a table of 600,000 Notes
 * takes 25 MB, not the 50 it took doubled when half full.  A slot is 24
 * bytes, not the 48 of the GUID as text: a 200 000-selection import keeps
 * a million.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

#define EMPTY LONG_MIN            /* no caller stores it: lines, indexes */

struct refi_guid_slot {
	uint64_t hi, lo;
	long value;                  /* EMPTY when the slot is empty */
};

/* The 32 hex digits of a GUID refi_guid_parse gave (8-4-4-4-12, lower
 * case), as two numbers. */
static void key(const char *guid, uint64_t *hi, uint64_t *lo)
{
	uint64_t v[2] = {0, 0};
	int k = 0;
	for (int i = 0; i < 36 && guid[i]; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			continue;
		unsigned char c = (unsigned char)guid[i];
		unsigned d = c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'a' + 10);
		v[k / 16] = v[k / 16] << 4 | (d & 0xF);
		k++;
	}
	*hi = v[0];
	*lo = v[1];
}

void refi_guid_pack(const char *guid, uint64_t out[2])
{
	key(guid, &out[0], &out[1]);
}

/* Digits by hand: snprintf took a tenth of the import's own time. */
void refi_guid_unpack(const uint64_t in[2], char out[37])
{
	static const char hex[] = "0123456789abcdef";
	int k = 0;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			out[i] = '-';
			continue;
		}
		out[i] = hex[in[k / 16] >> (60 - 4 * (k % 16)) & 0xF];
		k++;
	}
	out[36] = '\0';
}

/* The slot of hi:lo, or the empty slot where it would go.  The low half
 * mixed once: GUIDs are random, but a derived or sequential one need not
 * be in its last bits. */
static struct refi_guid_slot *probe(const struct refi_guids *t, uint64_t hi, uint64_t lo)
{
	uint64_t h = (lo ^ hi) * 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h >> 17) & (t->cap - 1);
	while (t->slot[i].value != EMPTY && (t->slot[i].hi != hi || t->slot[i].lo != lo))
		i = (i + 1) & (t->cap - 1);
	return &t->slot[i];
}

static void grow(struct refi_guids *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	struct refi_guids bigger = { xreallocarray(NULL, cap, sizeof *t->slot), cap, t->n };
	for (size_t i = 0; i < cap; i++)
		bigger.slot[i].value = EMPTY;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].value != EMPTY)
			*probe(&bigger, t->slot[i].hi, t->slot[i].lo) = t->slot[i];
	free(t->slot);
	*t = bigger;
}

bool refi_guids_add_packed(struct refi_guids *t, const uint64_t g[2], long value, long *old)
{
	if (4 * (t->n + 1) > 3 * t->cap)
		grow(t);
	struct refi_guid_slot *s = probe(t, g[0], g[1]);
	if (s->value != EMPTY) {
		if (old)
			*old = s->value;
		return false;
	}
	*s = (struct refi_guid_slot){ g[0], g[1], value };
	t->n++;
	return true;
}

long refi_guids_get_packed(const struct refi_guids *t, const uint64_t g[2])
{
	if (!t->n)
		return -1;
	const struct refi_guid_slot *s = probe(t, g[0], g[1]);
	return s->value != EMPTY ? s->value : -1;
}

bool refi_guids_add(struct refi_guids *t, const char *guid, long value, long *old)
{
	uint64_t g[2];
	key(guid, &g[0], &g[1]);
	return refi_guids_add_packed(t, g, value, old);
}

long refi_guids_get(const struct refi_guids *t, const char *guid)
{
	uint64_t g[2];
	if (!t->n)
		return -1;
	key(guid, &g[0], &g[1]);
	return refi_guids_get_packed(t, g);
}

void refi_guids_free(struct refi_guids *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* ---------------------------------------------------------------------- */
/* Sets that answer "perhaps" */

/* 2^25 bits, three set by each GUID: at 600,000 GUIDs one answer "perhaps"
 * in 7,000 is wrong, at two million one in 60. */
#define BLOOM_BITS 25

bool refi_guid_bloom_add(struct refi_guid_bloom *b, int space, const char *guid)
{
	uint64_t hi, lo;
	if (!b->bits)
		b->bits = xcalloc((size_t)1 << (BLOOM_BITS - 6), sizeof *b->bits);
	key(guid, &hi, &lo);
	/* Three indices from two mixes of all 128 bits (and the space). */
	uint64_t h = (lo ^ (uint64_t)space) * 0x9e3779b97f4a7c15u ^ hi;
	uint64_t g = (hi ^ lo >> 7) * 0xbf58476d1ce4e5b9u;
	uint64_t at[3] = { h >> (64 - BLOOM_BITS), g >> (64 - BLOOM_BITS),
	                   (h + g) >> (64 - BLOOM_BITS) };
	bool all = true;
	for (int i = 0; i < 3; i++) {
		uint64_t bit = (uint64_t)1 << (at[i] & 63);
		all = all && (b->bits[at[i] >> 6] & bit);
		b->bits[at[i] >> 6] |= bit;
	}
	return all;
}

void refi_guid_bloom_free(struct refi_guid_bloom *b)
{
	free(b->bits);
	b->bits = NULL;
}

/* ---------------------------------------------------------------------- */
/* GUIDs made from names */

/* FNV-1a over the three strings and the NULs between them, from seed,
 * then splitmix64's finaliser, so that every input bit reaches every
 * output bit. */
static uint64_t hash3(uint64_t seed, const char *a, const char *b, const char *c)
{
	uint64_t h = seed;
	const char *part[3] = { a, b, c };
	for (int i = 0; i < 3; i++)
		for (const char *s = part[i];; s++) {
			h = (h ^ (unsigned char)*s) * 1099511628211u;
			if (!*s)
				break;
		}
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

void refi_guid_derive(char out[37], const char *ns, const char *kind, const char *key)
{
	uint64_t hi = hash3(14695981039346656037u, ns, kind, key);
	uint64_t lo = hash3(0x6a09e667f3bcc908u, ns, kind, key);
	hi = (hi & ~(uint64_t)0xF000) | 0x8000;                  /* version 8 */
	lo = (lo & ~((uint64_t)3 << 62)) | ((uint64_t)2 << 62);  /* variant 10 */
	snprintf(out, 37, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(hi >> 32),
	         (unsigned)(hi >> 16) & 0xFFFF, (unsigned)hi & 0xFFFF, (unsigned)(lo >> 48),
	         (unsigned long long)(lo & 0xFFFFFFFFFFFFu));
}
