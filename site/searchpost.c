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

#define HUGE_PAGE (2u << 20)
#define ARENA_FIRST (256u << 10)	/* a thread's first chunk */
#define ARENA_MAX HUGE_PAGE		/* its chunks double up to it */

struct chunk {
	struct chunk *prev;
	size_t size;		/* mapped */
};

/* Each thread's part of the arena: the rest of its chunk, of the set of
 * terms gen (another set's chunk is left), and its next chunk's size. */
static __thread struct {
	uint64_t gen;
	char *at;
	size_t left, next;
} mine;

/*
 * size bytes of new memory, its pages made (MAP_FAILED: none); *mapped
 * is what to unmap. A block of a huge page or more is aligned to one and
 * asks for huge pages: the 20 MB of terms and postings of a 10,000-page
 * index, in 4 KB pages, cost a fault each (on a VM with shadow page
 * tables, a trap to the host at the first write as well), about as much
 * as reading every page's terms.
 */
static void *
block_map(size_t size, size_t *mapped)
{
	char *p, *a;
	size_t n = (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);

	*mapped = size;
	if (size < HUGE_PAGE)
		return mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		    MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	p = mmap(NULL, n + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return p;
	a = (char *)(((uintptr_t)p + HUGE_PAGE - 1) &
	    ~(uintptr_t)(HUGE_PAGE - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	munmap(a + n, (size_t)(p + HUGE_PAGE - a));
	madvise(a, n, MADV_HUGEPAGE);	/* no THP: 4 KB pages, as asked */
#ifdef MADV_POPULATE_WRITE
	madvise(a, n, MADV_POPULATE_WRITE);	/* before Linux 5.14: faults */
#endif
	*mapped = n;
	return a;
}

/* Room for the n terms of a page (the set of terms gen), outside the lock:
 * from this thread's chunk while the index is not complete (*owned
 * false; a new chunk is linked to s under the lock), else malloc'd. */
struct pterm *
pterms_alloc(struct search *s, uint64_t gen, size_t n, bool *owned)
{
	size_t need = (n + 1) * sizeof(struct pterm), size;
	struct chunk *c;
	void *p;

	*owned = __atomic_load_n(&s->complete, __ATOMIC_RELAXED) ||
	    need > ARENA_FIRST / 2;
	if (*owned)
		return xmalloc(need);
	if (mine.gen != gen) {
		mine.gen = gen;
		mine.left = 0;
		mine.next = ARENA_FIRST;
	}
	if (need > mine.left) {
		c = block_map(mine.next, &size);
		if (c == MAP_FAILED) {
			*owned = true;
			return xmalloc(need);
		}
		c->size = size;
		pthread_mutex_lock(&s->lock);
		c->prev = s->arena;
		s->arena = c;
		pthread_mutex_unlock(&s->lock);
		mine.at = (char *)(c + 1);
		mine.left = mine.next - sizeof *c;
		if (mine.next < ARENA_MAX)
			mine.next *= 2;
	}
	p = mine.at;
	mine.at += need;
	mine.left -= need;
	return p;
}

/* Drop search_post_all()'s blocks (the terms' p in them first). */
static void
blocks_free(struct search *s)
{
	for (size_t k = 0; k < s->n_terms; k++)
		if (s->tv[k]->p_block) {
			s->tv[k]->p = NULL;
			s->tv[k]->n = s->tv[k]->cap = 0;
			s->tv[k]->p_block = false;
		}
	for (int i = 0; i < 2; i++) {
		if (s->pblock[i])
			munmap(s->pblock[i], s->pblock_size[i]);
		s->pblock[i] = NULL;
		s->pblock_size[i] = 0;
	}
}

void
arena_free(struct search *s)
{
	blocks_free(s);
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
	const uint32_t *count;
	uint32_t lo, hi;
	struct post *block;	/* mapped here for the terms [lo, hi) */
	size_t size;
	pthread_t th;
};

/* The postings of the terms [f->lo, f->hi): one block (block_map()),
 * else each term's malloc'd. */
static void
fill_room(struct fill *f)
{
	const struct search *s = f->s;
	size_t n = 0;
	struct post *b;

	for (uint32_t k = f->lo; k < f->hi; k++)
		n += f->count[k];
	b = block_map((n + 1) * sizeof *b, &f->size);
	f->block = b == MAP_FAILED ? NULL : b;
	for (uint32_t k = f->lo; k < f->hi; k++) {
		struct term *t = s->tv[k];

		if (f->block) {
			t->p = b;
			t->cap = f->count[k];
			t->p_block = true;
			b += f->count[k];
		} else if (f->count[k] > t->cap) {
			free(t->p);
			t->cap = f->count[k];
			t->p = xmalloc(t->cap * sizeof *t->p);
		}
		f->at[k] = t->p;
	}
}

static void *
fill_run(void *arg)
{
	struct fill *f = arg;
	const struct search *s = f->s;

	fill_room(f);

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
	struct fill lo = { .s = s, .at = at, .count = count }, hi;
	size_t sum = 0;

	while (lo.hi < s->n_terms && 2 * sum < total)
		sum += count[lo.hi++];
	hi = (struct fill){ .s = s, .at = at, .count = count, .lo = lo.hi,
		.hi = (uint32_t)s->n_terms };
	if (total < 65536 || pthread_create(&hi.th, NULL, fill_run, &hi)) {
		lo.hi = (uint32_t)s->n_terms;
		hi.block = NULL;
		fill_run(&lo);
	} else {
		fill_run(&lo);
		pthread_join(hi.th, NULL);
	}
	s->pblock[0] = lo.block;
	s->pblock_size[0] = lo.size;
	s->pblock[1] = hi.block;
	s->pblock_size[1] = hi.size;
}

void
search_post_all(struct search *s)
{
	uint32_t *count = xcalloc(s->n_terms + 1, sizeof *count);
	struct post **at = xcalloc(s->n_terms + 1, sizeof *at);
	size_t total = 0;

	blocks_free(s);
	for (size_t id = 0; id < s->n_ids; id++)
		for (size_t i = 0; s->byid[id] && i < s->byid[id]->n; i++)
			count[s->byid[id]->t[i].t]++;
	for (size_t i = 0; i < s->n_sh; i++) {
		s->shv[i]->posts = 0;
		s->shv[i]->dirty = true;
	}
	for (size_t k = 0; k < s->n_terms; k++) {
		struct term *t = s->tv[k];

		t->n = count[k];
		t->sh->posts += t->n;
		total += t->n;
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

