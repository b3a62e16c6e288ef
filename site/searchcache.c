/* searchcache.c - each thread's memo of the search index's term numbers */
#include "searchcache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

struct slot {
	const char *s;		/* NULL: free */
	uint32_t n, hash, k;
};

struct memo {
	uint64_t gen;
	struct slot *v;
	size_t mask, used;
};

static atomic_uint_fast64_t next_gen = 1;
static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static bool memo_keyed;
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

static void
memo_key_make(void)
{
	memo_keyed = !pthread_key_create(&memo_key, memo_free);
}

/* This thread's memo, of the set gen. */
static struct memo *
memo(uint64_t gen)
{
	struct memo *m = mine;

	if (!m) {
		pthread_once(&memo_once, memo_key_make);
		m = mine = xcalloc(1, sizeof *m);
		if (memo_keyed)	/* freed at the thread's end */
			pthread_setspecific(memo_key, m);
	}
	if (m->gen != gen) {
		if (m->v)
			memset(m->v, 0, (m->mask + 1) * sizeof *m->v);
		m->used = 0;
		m->gen = gen;
	}
	return m;
}

uint32_t
search_cache_get(uint64_t gen, const char *str, size_t n, uint32_t h)
{
	struct memo *m = memo(gen);

	for (size_t i = h & m->mask; m->v && m->v[i].s; i = (i + 1) &
	    m->mask) {
		const struct slot *sl = &m->v[i];

		if (sl->hash == h && sl->n == n && !memcmp(sl->s, str, n))
			return sl->k;
	}
	return SEARCH_NO_TERM;
}

static void
grow(struct memo *m)
{
	size_t cap = m->v ? 2 * (m->mask + 1) : 1024;
	struct slot *v = xcalloc(cap, sizeof *v);

	for (size_t k = 0; m->v && k <= m->mask; k++) {
		size_t i = m->v[k].hash & (cap - 1);

		if (!m->v[k].s)
			continue;
		while (v[i].s)
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
	for (i = h & m->mask; m->v[i].s; i = (i + 1) & m->mask)
		if (m->v[i].hash == h && m->v[i].n == n &&
		    !memcmp(m->v[i].s, str, n))
			return;
	m->v[i] = (struct slot){ str, (uint32_t)n, h, k };
	m->used++;
}
