/*
 * gfmmem.h - cmark-gfm's allocator for gfm.h: one arena per document.
 *
 * cmark-gfm allocates every node, string and buffer of a parse one by one
 * and frees them one by one again; a page's tree is made and dropped as a
 * whole, so gfm.c gives each document an arena instead: blocks are cut
 * from large chunks, freeing a block is nearly free (only the last block
 * cut is given back), and the arena's chunks are freed at once with the
 * document. cmark's allocator (cmark_mem) has no context pointer, so the
 * arena allocations go to is the thread's current one (gfmmem_enter()).
 *
 * Contract:
 * - gfmmem_mem() is the one cmark_mem to give cmark. Its calloc cuts from
 *   the thread's current arena, or, if none is current, takes the block
 *   from malloc; realloc and free act on the block where it was made (each
 *   block's header says which), whatever arena is current. So cmark calls
 *   made outside gfm.c on a document's tree (cmark_node_get_literal()
 *   copies a string into the tree) make heap blocks the tree owns, which
 *   cmark_node_free() frees.
 * - A document's calls into cmark that may add to its tree run with its
 *   arena current (gfm.c's entry points enter and leave it); nothing cut
 *   from an arena may be used after gfmmem_free() of that arena.
 * - Arenas and the current arena are per thread: no locks. An arena may be
 *   freed on another thread than it was made on (no block of it is then
 *   being cut).
 * - Under AddressSanitizer, the unused part of each chunk and every block
 *   freed are poisoned, so a use of a freed block, inside a document or
 *   after its arena is freed, is reported as with malloc.
 * Allocation failure exits (xalloc.h).
 */
#ifndef TEND_GFMMEM_H
#define TEND_GFMMEM_H

#include <cmark-gfm.h>

struct gfmmem;

struct gfmmem *gfmmem_new(void);

/* Make a the thread's current arena (a may be NULL: malloc); returns the
 * one it replaces, for gfmmem_leave(). */
struct gfmmem *gfmmem_enter(struct gfmmem *a);
void gfmmem_leave(struct gfmmem *previous);

cmark_mem *gfmmem_mem(void);

/* Free all of a's chunks (a may be NULL). */
void gfmmem_free(struct gfmmem *a);

#endif
