/*
 * searchcache.h - each thread's memo of the search index's term numbers.
 *
 * Interning a page's terms under the index's lock (search.c) held it 5 µs
 * a page, and two rendering threads waited on each other for it. A term's
 * number never changes while the index keeps its terms, so each thread
 * remembers the numbers it has seen: a page's terms are looked up here,
 * outside the lock, and only those this thread never saw are interned
 * under it. Each set of terms has a number of its own (search_cache_gen()):
 * an index that forgets its terms takes a new one, and a thread's memo of
 * another set is dropped at its first look.
 */
#ifndef TEND_SEARCHCACHE_H
#define TEND_SEARCHCACHE_H

#include <stddef.h>
#include <stdint.h>

#define SEARCH_NO_TERM UINT32_MAX

/* A number for a new set of terms, never given before. Thread-safe. */
uint64_t search_cache_gen(void);

/* The number of the term str (n bytes, search_hash() h) in the set gen,
 * if this thread noted it, else SEARCH_NO_TERM. */
uint32_t search_cache_get(uint64_t gen, const char *str, size_t n,
    uint32_t h);

/* Ask for the memory that search_cache_get() of a term of hash h reads
 * (a few terms ahead: the look-ups of a page's terms then wait for
 * memory at once, not one after the other). */
void search_cache_prefetch(uint64_t gen, uint32_t h);

/* Note that the term at str (n bytes, hash h; kept by the index as long
 * as the set gen is: a term of more than 15 bytes is not copied) is
 * number k in the set gen. */
void search_cache_put(uint64_t gen, const char *str, size_t n, uint32_t h,
    uint32_t k);

#endif
