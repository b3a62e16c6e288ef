/* strmap.c - string-keyed hash map with linear probing */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define FIRST_CAP 64

/* FNV-1a, 64 bits. */
static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	/* The table is never more than half full: a free slot ends the loop. */
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->slots[i].key)
			return NULL;
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].val;
	}
}

void *
strmap_put(struct strmap *m, const char *key, void *val)
{
	void *old;
	size_t i;

	if (2 * (m->len + 1) > m->cap) {
		struct strmap grown = STRMAP_INIT;

		grown.cap = m->cap ? 2 * m->cap : FIRST_CAP;
		grown.slots = xcalloc(grown.cap, sizeof *grown.slots);
		for (i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				strmap_put(&grown, m->slots[i].key,
				    m->slots[i].val);
		free(m->slots);
		*m = grown;
	}
	for (i = hash(key) & (m->cap - 1);
	    m->slots[i].key && strcmp(m->slots[i].key, key) != 0;
	    i = (i + 1) & (m->cap - 1))
		;
	old = m->slots[i].key ? m->slots[i].val : NULL;
	if (!m->slots[i].key)
		m->len++;
	m->slots[i].key = key;
	m->slots[i].val = val;
	return old;
}

void
strmap_reset(struct strmap *m)
{
	if (m->len)
		memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->len = 0;
}

void
strmap_clear(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}
