/* gfmmem.c - cmark-gfm's allocator: one arena per document */
#include "gfmmem.h"

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
#define FIRST_CHUNK (32 * 1024)	/* a generated page needs ~20-40 KiB */
#define MAX_CHUNK (1024 * 1024)	/* chunks double up to this */

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
	size_t next_cap;
};

_Static_assert(sizeof(struct hdr) % ALIGN == 0, "header keeps alignment");
_Static_assert(sizeof(struct chunk) % ALIGN == 0, "chunk keeps alignment");

static _Thread_local struct gfmmem *current;

static unsigned char *
chunk_data(struct chunk *c)
{
	return (unsigned char *)(c + 1);
}

/* hdr + n bytes, rounded to ALIGN; 0 on overflow */
static size_t
block_size(size_t n)
{
	size_t need;

	if (__builtin_add_overflow(n, sizeof(struct hdr) + REDZONE + ALIGN - 1,
	    &need))
		return 0;
	return need & ~(size_t)(ALIGN - 1);
}

static struct hdr *
cut(struct gfmmem *a, size_t n)
{
	size_t need = block_size(n);
	struct chunk *c = a->head;
	struct hdr *h;

	if (!need)
		abort();	/* a size that overflows: as cmark's calloc */
	if (!c || c->cap - c->used < need) {
		size_t cap = need > a->next_cap ? need : a->next_cap;

		c = xmalloc(sizeof *c + cap);
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		POISON(chunk_data(c), cap);
		a->head = c;
		if (a->next_cap < MAX_CHUNK)
			a->next_cap *= 2;
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
	h = current ? cut(current, n) : heap_block(n);
	memset(h + 1, 0, n);
	return h + 1;
}

static void *
mem_realloc(void *p, size_t n)
{
	struct hdr *h, *g;
	struct gfmmem *a;

	if (!p) {
		h = current ? cut(current, n) : heap_block(n);
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
	if (h == a->last) {	/* the last block: grow or shrink in place */
		struct chunk *c = a->head;
		size_t start = (size_t)((unsigned char *)h - chunk_data(c));
		size_t need = block_size(n);

		if (need && need <= c->cap - start) {
			POISON(h + 1, h->size);
			UNPOISON(h + 1, n);
			c->used = start + need;
			h->size = n;
			return h + 1;
		}
	}
	g = cut(a, n);
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
	struct gfmmem *a = xcalloc(1, sizeof *a);

	a->next_cap = FIRST_CHUNK;
	return a;
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
		UNPOISON(chunk_data(c), c->cap);
		free(c);
	}
	if (current == a)
		current = NULL;
	free(a);
}
