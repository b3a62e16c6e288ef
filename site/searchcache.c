/* searchcache.c - each thread's memo of the search index's term numbers */
#include "searchcache.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "threadobj.h"
#include "xalloc.h"
#include "banned.h"

/* A term of up to SLOT_IN bytes is kept in its slot, a longer one by
 * pointer: a look-up then reads no line but the slot's. */
#define SLOT_IN 15

struct slot {
	uint32_t hash, k;
	uint8_t n;		/* 0: free; SLOT_IN + 1: a longer term */
	char in[SLOT_IN];	/* the term, or a pointer to it (memcpy) */
};
_Static_assert(sizeof(char *) <= SLOT_IN, "a pointer fits a slot");

struct memo {
	uint64_t gen;
	struct slot *v;
	size_t mask, used;
};

static atomic_uint_fast64_t next_gen = 1;
static __thread struct memo *mine;

uint64_t
search_cache_gen(void)
{
	return atomic_fetch_add(&next_gen, 1);
}

static void
memo_free(void *arg)
{
	struct memo *m = arg;

	free(m->v);
	free(m);
}

static struct thread_obj memo_obj = THREAD_OBJ_INIT(sizeof(struct memo),
    memo_free);

/* This thread's memo, of the set gen. */
static struct memo *
memo(uint64_t gen)
{
	struct memo *m = mine;

	if (!m)
		m = mine = thread_obj_make(&memo_obj);
	if (m->gen != gen) {
		if (m->v)
			memset(m->v, 0, (m->mask + 1) * sizeof *m->v);
		m->used = 0;
		m->gen = gen;
	}
	return m;
}

void
search_cache_prefetch(uint64_t gen, uint32_t h)
{
	struct memo *m = mine;

	if (m && m->gen == gen && m->v)
		__builtin_prefetch(&m->v[h & m->mask]);
}

/* Does sl hold the term str (n bytes, hash h)? */
static inline bool
slot_is(const struct slot *sl, const char *str, size_t n, uint32_t h)
{
	const char *at;

	if (sl->hash != h)
		return false;
	if (n <= SLOT_IN)
		return sl->n == n && !memcmp(sl->in, str, n);
	if (sl->n != SLOT_IN + 1)
		return false;
	memcpy(&at, sl->in, sizeof at);
	return !strncmp(at, str, n) && !at[n];
}

uint32_t
search_cache_get(uint64_t gen, const char *str, size_t n, uint32_t h)
{
	struct memo *m = memo(gen);

	for (size_t i = h & m->mask; m->v && m->v[i].n; i = (i + 1) &
	    m->mask)
		if (slot_is(&m->v[i], str, n, h))
			return m->v[i].k;
	return SEARCH_NO_TERM;
}

static void
grow(struct memo *m)
{
	size_t cap = m->v ? 2 * (m->mask + 1) : 1024;
	struct slot *v = xcalloc(cap, sizeof *v);

	for (size_t k = 0; m->v && k <= m->mask; k++) {
		size_t i = m->v[k].hash & (cap - 1);

		if (!m->v[k].n)
			continue;
		while (v[i].n)
			i = (i + 1) & (cap - 1);
		v[i] = m->v[k];
	}
	free(m->v);
	m->v = v;
	m->mask = cap - 1;
}

void
search_cache_put(uint64_t gen, const char *str, size_t n, uint32_t h,
    uint32_t k)
{
	struct memo *m = memo(gen);
	size_t i;

	if (2 * (m->used + 1) > (m->v ? m->mask + 1 : 0))
		grow(m);
	for (i = h & m->mask; m->v[i].n; i = (i + 1) & m->mask)
		if (slot_is(&m->v[i], str, n, h))
			return;
	m->v[i] = (struct slot){ .hash = h, .k = k, .n = n <= SLOT_IN ?
		(uint8_t)n : SLOT_IN + 1 };
	if (n <= SLOT_IN)
		memcpy(m->v[i].in, str, n);
	else
		memcpy(m->v[i].in, &str, sizeof str);
	m->used++;
}
