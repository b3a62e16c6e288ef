/* gfmmem.c - cmark-gfm's allocator: one arena per document */
#include "gfmmem.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define REDZONE 16	/* a gap after each block, poisoned */
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE 0
#endif
#include "banned.h"

#define ALIGN 16
#define CHUNK (64 * 1024 - 64)	/* bytes of data; below malloc's mmap */
#define BIG (CHUNK / 4)	/* larger blocks are the heap's */
#define CACHE 16	/* chunks a thread keeps for its next documents */

/* Before each block: its size and the arena it was cut from (NULL: heap). */
struct hdr {
	size_t size;
	struct gfmmem *arena;
};

struct chunk {
	struct chunk *next;
	size_t cap;	/* bytes of data */
	size_t used;
	size_t pad;	/* keeps data 16-aligned */
};

struct gfmmem {
	struct chunk *head;	/* the chunk blocks are cut from */
	struct hdr *last;	/* the last block cut from head, or NULL */
};

/* The thread's spare chunks: a new chunk of fresh memory is touched for
 * the first time (page faults, cache misses), a spare one is warm. */
struct cache {
	struct chunk *list;
	int n;
};

_Static_assert(sizeof(struct hdr) % ALIGN == 0, "header keeps alignment");
_Static_assert(sizeof(struct chunk) % ALIGN == 0, "chunk keeps alignment");

static _Thread_local struct gfmmem *current;
static _Thread_local struct cache cache;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t cache_key;	/* set once a thread has a cache */

static void
cache_free(void *arg)
{
	struct chunk *c, *next;

	(void)arg;
	for (c = cache.list; c; c = next) {
		next = c->next;
		free(c);
	}
	cache.list = NULL;
	cache.n = 0;
}

static void
make_key(void)
{
	if (pthread_key_create(&cache_key, cache_free))
		abort();	/* out of keys: as an allocation failure */
}

static struct chunk *
chunk_new(void)
{
	struct chunk *c = cache.list;

	if (c) {
		cache.list = c->next;
		cache.n--;
	} else {
		c = xmalloc(sizeof *c + CHUNK);
		c->cap = CHUNK;
		POISON(c + 1, CHUNK);
	}
	c->used = 0;
	return c;
}

static void
chunk_release(struct chunk *c)
{
	if (cache.n >= CACHE) {
		UNPOISON(c + 1, c->cap);
		free(c);
		return;
	}
	if (!cache.list) {	/* so that the thread's exit frees them */
		pthread_once(&once, make_key);
		if (pthread_setspecific(cache_key, &cache))
			abort();
	}
	POISON(c + 1, c->cap);
	c->next = cache.list;
	cache.list = c;
	cache.n++;
}

static unsigned char *
chunk_data(struct chunk *c)
{
	return (unsigned char *)(c + 1);
}

/* hdr + n bytes, rounded to ALIGN (n <= BIG) */
static size_t
block_size(size_t n)
{
	return (n + sizeof(struct hdr) + REDZONE + ALIGN - 1) &
	    ~(size_t)(ALIGN - 1);
}

static struct hdr *
cut(struct gfmmem *a, size_t n)
{
	size_t need = block_size(n);
	struct chunk *c = a->head;
	struct hdr *h;

	if (!c || c->cap - c->used < need) {	/* need <= CHUNK: n <= BIG */
		c = chunk_new();
		c->next = a->head;
		a->head = c;
	}
	h = (struct hdr *)(chunk_data(c) + c->used);
	UNPOISON(h, sizeof *h + n);
	c->used += need;
	h->size = n;
	h->arena = a;
	a->last = h;
	return h;
}

static struct hdr *
heap_block(size_t n)
{
	struct hdr *h;

	if (n > SIZE_MAX - sizeof *h)
		abort();	/* a size that overflows: as cmark's calloc */
	h = xmalloc(sizeof *h + n);
	h->size = n;
	h->arena = NULL;
	return h;
}

static void *
mem_calloc(size_t nmemb, size_t size)
{
	size_t n;
	struct hdr *h;

	if (__builtin_mul_overflow(nmemb, size, &n))
		abort();	/* a size that overflows: as cmark's calloc */
	h = current && n <= BIG ? cut(current, n) : heap_block(n);
	memset(h + 1, 0, n);
	return h + 1;
}

static void *
mem_realloc(void *p, size_t n)
{
	struct hdr *h, *g;
	struct gfmmem *a;

	if (!p) {
		h = current && n <= BIG ? cut(current, n) : heap_block(n);
		return h + 1;
	}
	h = (struct hdr *)p - 1;
	a = h->arena;
	if (!a) {
		if (n > SIZE_MAX - sizeof *h)
			abort();	/* a size that overflows: as cmark's calloc */
		h = xrealloc(h, sizeof *h + n);
		h->size = n;
		return h + 1;
	}
	if (h == a->last && n <= BIG) {	/* the last block: in place */
		struct chunk *c = a->head;
		size_t start = (size_t)((unsigned char *)h - chunk_data(c));
		size_t need = block_size(n);

		if (need <= c->cap - start) {
			POISON(h + 1, h->size);
			UNPOISON(h + 1, n);
			c->used = start + need;
			h->size = n;
			return h + 1;
		}
	}
	g = n <= BIG ? cut(a, n) : heap_block(n);
	memcpy(g + 1, h + 1, h->size < n ? h->size : n);
	POISON(h + 1, h->size);
	return g + 1;
}

static void
mem_free(void *p)
{
	struct hdr *h;
	struct gfmmem *a;

	if (!p)
		return;
	h = (struct hdr *)p - 1;
	a = h->arena;
	if (!a) {
		free(h);
		return;
	}
	if (h == a->last) {	/* give the last block back */
		a->head->used = (size_t)((unsigned char *)h - chunk_data(a->head));
		a->last = NULL;
		POISON(h, sizeof *h + h->size);
		return;
	}
	POISON(h + 1, h->size);
}

static cmark_mem mem = { mem_calloc, mem_realloc, mem_free };

cmark_mem *
gfmmem_mem(void)
{
	return &mem;
}

struct gfmmem *
gfmmem_new(void)
{
	return xcalloc(1, sizeof(struct gfmmem));
}

struct gfmmem *
gfmmem_enter(struct gfmmem *a)
{
	struct gfmmem *previous = current;

	current = a;
	return previous;
}

void
gfmmem_leave(struct gfmmem *previous)
{
	current = previous;
}

void
gfmmem_free(struct gfmmem *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		chunk_release(c);
	}
	if (current == a)
		current = NULL;
	free(a);
}
