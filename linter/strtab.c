/*
 * strtab.c - interned strings: an open-addressing hash set over copies
 * kept in 64 KiB blocks.
 */
#include "strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCK_BYTES (64u << 10)

struct block {
	struct block *next;
	size_t used, size;
	char data[];
};

struct slot {
	uint64_t hash;
	char *s;                 /* NULL: empty */
};

struct sl_strtab {
	struct slot *slots;      /* a power of two of them */
	size_t cap, count, bytes;
	struct block *blocks;    /* the newest first */
};

struct sl_strtab *
sl_strtab_new(void)
{
	struct sl_strtab *t = sl_calloc(1, sizeof *t);
	t->cap = 1024;
	t->slots = sl_calloc(t->cap, sizeof *t->slots);
	return t;
}

void
sl_strtab_free(struct sl_strtab *t)
{
	if (t == NULL)
		return;
	for (struct block *b = t->blocks, *next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(t->slots);
	free(t);
}

/* FNV-1a over the bytes, and the length through *LEN. */
static uint64_t
hash_str(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ull;
	const char *p = s;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	*len = (size_t)(p - s);
	return h;
}

/* A copy of S (LEN bytes and its NUL) in the newest block, or in a block
 * of its own when it is large. */
static char *
store(struct sl_strtab *t, const char *s, size_t len)
{
	size_t need = len + 1;
	struct block *b = t->blocks;
	if (b == NULL || b->size - b->used < need) {
		size_t size = need > BLOCK_BYTES / 4 ? need : BLOCK_BYTES;
		struct block *nb = sl_malloc(sizeof *nb + size);
		nb->used = 0;
		nb->size = size;
		if (size == BLOCK_BYTES || b == NULL) {
			nb->next = b;
			t->blocks = nb;
		} else {
			/* Keep filling the current block after a large string. */
			nb->next = b->next;
			b->next = nb;
		}
		b = nb;
	}
	char *copy = b->data + b->used;
	memcpy(copy, s, need);
	b->used += need;
	t->bytes += need;
	return copy;
}

static void
grow(struct sl_strtab *t)
{
	size_t cap = t->cap * 2;
	struct slot *slots = sl_calloc(cap, sizeof *slots);
	for (size_t i = 0; i < t->cap; i++) {
		if (t->slots[i].s == NULL)
			continue;
		size_t k = (size_t)t->slots[i].hash & (cap - 1);
		while (slots[k].s != NULL)
			k = (k + 1) & (cap - 1);
		slots[k] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

char *
sl_strtab_intern(struct sl_strtab *t, const char *s)
{
	size_t len;
	uint64_t h = hash_str(s, &len);
	size_t k = (size_t)h & (t->cap - 1);
	while (t->slots[k].s != NULL) {
		if (t->slots[k].hash == h && strcmp(t->slots[k].s, s) == 0)
			return t->slots[k].s;
		k = (k + 1) & (t->cap - 1);
	}
	char *copy = store(t, s, len);
	t->slots[k].hash = h;
	t->slots[k].s = copy;
	/* Keep the load factor under one half. */
	if (++t->count * 2 > t->cap)
		grow(t);
	return copy;
}

size_t
sl_strtab_count(const struct sl_strtab *t)
{
	return t->count;
}

size_t
sl_strtab_bytes(const struct sl_strtab *t)
{
	return t->bytes;
}
