/* searchpost.c - the search index's postings made at once, and the arena
 * of the pages' terms they are made from */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "search_int.h"
#include "xalloc.h"
#include "banned.h"

#define ARENA_CHUNK (1u << 20)

struct chunk {
	struct chunk *prev;
	size_t size;
};

/* Each thread's part of the arena: the rest of its chunk, of the set of
 * terms gen (another set's chunk is left). */
static __thread struct {
	uint64_t gen;
	char *at;
	size_t left;
} mine;

/* Room for the n terms of a page (the set of terms gen), outside the lock:
 * from this thread's chunk while the index is not complete (*owned
 * false; a new chunk is linked to s under the lock), else malloc'd. */
struct pterm *
pterms_alloc(struct search *s, uint64_t gen, size_t n, bool *owned)
{
	size_t need = (n + 1) * sizeof(struct pterm);
	struct chunk *c;
	void *p;

	*owned = __atomic_load_n(&s->complete, __ATOMIC_RELAXED) ||
	    need > ARENA_CHUNK / 4;
	if (*owned)
		return xmalloc(need);
	if (mine.gen != gen || need > mine.left) {
		c = mmap(NULL, ARENA_CHUNK, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (c == MAP_FAILED) {
			*owned = true;
			return xmalloc(need);
		}
		c->size = ARENA_CHUNK;
		pthread_mutex_lock(&s->lock);
		c->prev = s->arena;
		s->arena = c;
		pthread_mutex_unlock(&s->lock);
		mine.gen = gen;
		mine.at = (char *)(c + 1);
		mine.left = ARENA_CHUNK - sizeof *c;
	}
	p = mine.at;
	mine.at += need;
	mine.left -= need;
	return p;
}

void
arena_free(struct search *s)
{
	while (s->arena) {
		struct chunk *c = s->arena;

		s->arena = c->prev;
		munmap(c, c->size);
	}
}

void
pterms_free(struct spage *p)
{
	if (p->t_owned)
		free(p->t);
	p->t = NULL;
}

/* search_post_all()'s filling of the postings of the terms [lo, hi)
 * (at: each term's next posting), on a thread of its own or not. */
struct fill {
	const struct search *s;
	struct post **at;
	uint32_t lo, hi;
	pthread_t th;
};

static void *
fill_run(void *arg)
{
	const struct fill *f = arg;
	const struct search *s = f->s;

	for (size_t id = 0; id < s->n_ids; id++) {
		const struct spage *p = s->byid[id];

		for (size_t i = 0; p && i < p->n; i++) {
			uint32_t k = p->t[i].t;

			if (k >= f->lo && k < f->hi)
				*f->at[k]++ = (struct post){ (uint32_t)id,
					p->t[i].sec, p->t[i].field,
					p->t[i].count };
		}
	}
	return NULL;
}

/* Fill the postings: the terms in two halves of about as many postings,
 * the second on a thread (writing 10 MB of new memory at 10,000 pages
 * is page faults mostly, which two cores take in half the time). */
static void
fill_all(struct search *s, struct post **at, const uint32_t *count,
    size_t total)
{
	struct fill lo = { s, at, 0, 0, 0 }, hi;
	size_t sum = 0;

	while (lo.hi < s->n_terms && 2 * sum < total)
		sum += count[lo.hi++];
	hi = (struct fill){ s, at, lo.hi, (uint32_t)s->n_terms, 0 };
	if (total < 65536 || pthread_create(&hi.th, NULL, fill_run, &hi)) {
		lo.hi = (uint32_t)s->n_terms;
		fill_run(&lo);
		return;
	}
	fill_run(&lo);
	pthread_join(hi.th, NULL);
}

void
search_post_all(struct search *s)
{
	uint32_t *count = xcalloc(s->n_terms + 1, sizeof *count);
	struct post **at = xcalloc(s->n_terms + 1, sizeof *at);
	size_t total = 0;

	for (size_t id = 0; id < s->n_ids; id++)
		for (size_t i = 0; s->byid[id] && i < s->byid[id]->n; i++)
			count[s->byid[id]->t[i].t]++;
	for (size_t i = 0; i < s->n_sh; i++) {
		s->shv[i]->posts = 0;
		s->shv[i]->dirty = true;
	}
	for (size_t k = 0; k < s->n_terms; k++) {
		struct term *t = s->tv[k];

		if (count[k] > t->cap) {
			free(t->p);
			t->cap = count[k];
			t->p = xmalloc(t->cap * sizeof *t->p);
		}
		t->n = count[k];
		t->sh->posts += t->n;
		total += t->n;
		at[k] = t->p;
	}
	fill_all(s, at, count, total);
	for (size_t k = 0; k < s->n_terms; k++)
		if (s->tv[k]->n)
			s->tv[k]->last = s->tv[k]->p[s->tv[k]->n - 1].page;
	free(count);
	free(at);
	s->unposted = false;
	s->manifest_dirty = true;
}

