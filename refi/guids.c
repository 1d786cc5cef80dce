/* refi/guids.c — a table of GUIDs for the imports: which notes, users,
 * variables and codes a file has, found without a walk through all of
 * them (a .qdpx with 35 000 notes looked each NoteRef up in a list).
 *
 * Open addressing with linear probing, FNV-1a over the key; the table
 * doubles when half full, so a probe ends soon at an empty slot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refi_int.h"

struct refi_guid_slot {
	char guid[37];               /* "" when the slot is empty */
	long value;
};

static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot of guid, or the empty slot where it would go. */
static struct refi_guid_slot *probe(const struct refi_guids *t, const char *guid)
{
	size_t i = hash(guid) & (t->cap - 1);
	while (t->slot[i].guid[0] && strcmp(t->slot[i].guid, guid) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slot[i];
}

static void grow(struct refi_guids *t)
{
	struct refi_guids bigger = { xcalloc(t->cap ? t->cap * 2 : 64, sizeof *t->slot),
	                             t->cap ? t->cap * 2 : 64, t->n };
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].guid[0])
			*probe(&bigger, t->slot[i].guid) = t->slot[i];
	free(t->slot);
	*t = bigger;
}

bool refi_guids_add(struct refi_guids *t, const char *guid, long value, long *old)
{
	if (2 * (t->n + 1) > t->cap)
		grow(t);
	struct refi_guid_slot *s = probe(t, guid);
	if (s->guid[0]) {
		if (old)
			*old = s->value;
		return false;
	}
	memcpy(s->guid, guid, 37);
	s->value = value;
	t->n++;
	return true;
}

long refi_guids_get(const struct refi_guids *t, const char *guid)
{
	if (!t->n)
		return -1;
	const struct refi_guid_slot *s = probe(t, guid);
	return s->guid[0] ? s->value : -1;
}

void refi_guids_free(struct refi_guids *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
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
