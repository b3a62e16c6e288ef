/*
 * search_int.h - what search.c (the index in memory) and searchfile.c (its
 * files) share; the public face is search.h.
 */
#ifndef TEND_SEARCH_INT_H
#define TEND_SEARCH_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "strlist.h"
#include "strmap.h"

struct buf;
struct delta;
struct docs;

/* A page in a term's postings (sorted by page). */
struct post {
	uint32_t page;
	uint16_t sec;
	uint8_t field, count;
};

struct shard;

struct term {
	char *s;		/* in the same allocation, after it */
	uint32_t hash;		/* search_hash() of s */
	uint32_t last;		/* the last posting's page (n > 0): a page
				   appended needs no look at p (a cache miss) */
	struct shard *sh;
	struct post *p;		/* owned, n of them */
	size_t n, cap;
	bool dirty;		/* its postings changed since its file was
				   written (searchshard.h) */
	bool p_block;		/* p is in a block of search_post_all()'s
				   (not malloc'd) */
	uint64_t epoch;		/* apply()'s mark: in the page's old set */
	size_t slot;		/* there */
};

struct shard {
	char *name;		/* owned: the file name without ".json" */
	struct term **t;	/* owned array; the terms (sorted if sorted) */
	size_t n, cap;
	size_t posts;		/* postings of its terms, summed */
	bool sorted, dirty;
	bool split;		/* last written split (searchshard.h) */
};

/* A page's term, as the page holds it (in page order). */
struct pterm {
	uint32_t t;		/* the term's index in search's tv */
	uint16_t sec;
	uint8_t field, count;
};

struct spage {
	char *rel;		/* owned */
	char *meta;		/* owned: its entry in its p file */
	size_t meta_len;
	struct pterm *t;	/* owned */
	size_t n;
	uint32_t id;
	bool flushed;		/* its entry was written early and freed */
	bool t_owned;		/* t was malloc'd (else in search's arena) */
};

struct search {
	/* Held by search_reserve() and search_page(), which run at once on
	 * several threads: for the pages, terms and shards. */
	pthread_mutex_t lock;
	size_t applied;		/* pages search_page() took this build */
	/* The terms: tv[i] is term i (n_terms of them), found by tt (open
	 * addressing, by hash) whose slots hold hash and index + 1 (0: free),
	 * checked against its string at tstr + toff[i]: the lookup of a
	 * page's term reads only these small arrays, not the terms. */
	struct term **tv;
	uint32_t *toff;
	size_t n_terms, cap_tv;
	struct tslot {
		uint32_t hash, i;
	} *tt;
	size_t tt_mask;
	char *tstr;
	size_t tstr_len, tstr_cap;
	struct strmap shards;	/* name -> struct shard */
	struct shard **shv;	/* every shard, n_sh of them */
	size_t n_sh, cap_sh;
	struct strmap pages;	/* rel -> struct spage; keys: its rel */
	struct spage **byid;	/* NULL: a free id */
	size_t n_ids, cap_ids, free_hint;
	bool *chunk_dirty;	/* per p file */
	size_t n_chunks;
	bool on;		/* the layout uses search */
	bool complete;		/* a full build made the index */
	/* Until a full build made the index, search_page() keeps only each
	 * page's terms and search_stage() makes every posting list at once
	 * (search_post_all()): appending to 12,000 cold lists a page at a
	 * time costs more than the rest of the index. */
	bool unposted;
	uint64_t epoch;		/* of the last apply() */
	char *out;		/* owned: the live output folder, or NULL */
	uint64_t gen;		/* of the manifest last staged */
	struct stat man;	/* and its stat (man.st_nlink 0: none) */
	bool manifest_dirty;
	bool oneshot;		/* search_oneshot() */
	uint64_t term_gen;	/* its terms' set (searchcache.h) */
	/* Until the index is complete, the pages' terms are cut from chunks
	 * mapped apart from the heap, a chunk per thread: 10 MB at 10,000
	 * pages kept among the rendering's buffers would make each page's
	 * output buffer grow into new memory (page faults) rather than where
	 * the last one was. The terms are written outside the lock. */
	struct chunk *arena;	/* the newest; each links to the one before */
	/* search_post_all()'s postings: a block mapped (and its pages made)
	 * by each of its two threads, the terms' p in them */
	struct post *pblock[2];
	size_t pblock_size[2];
	/* search_begin()'s early p files, while on (under lock) */
	struct early {
		bool on;
		struct delta *d;	/* the build's (not owned) */
		int dir, live;		/* the staged and the live SEARCH_PATH
					   (-1: not made yet; none) */
		uint8_t *got;		/* each chunk's pages taken, n_chunks */
		bool *done;		/* its file written early */
		struct strlist names;	/* the files written */
		int err;		/* the first failure's errno, or 0 */
		char msg[256];		/* and its message */
	} early;
};

/* Append the p file c's JSON to b; false if it holds no page. */
bool search_chunk_json(const struct search *s, size_t c, struct buf *b);

/* Write the p file c (its JSON in b) into the staged folder of the build
 * under way; a failure is kept for search_stage(). Takes s->lock.
 * searchearly.c, as search_early_end(). */
void search_flush(struct search *s, size_t c, const struct buf *b);

/* Stop writing p files early: the names written go to the build's list of
 * what it wrote (after a failed build, nowhere). */
void search_early_end(struct search *s, bool ok);

/* Make every term's postings anew from the pages' terms (in page order,
 * so sorted), and mark every shard dirty. searchpost.c. */
void search_post_all(struct search *s);

/* Room for the n terms of a page (the set of terms gen; outside s->lock):
 * from this thread's chunk of s's arena while the index is not complete
 * (*owned false), else malloc'd (*owned true). searchpost.c. */
struct pterm *pterms_alloc(struct search *s, uint64_t gen, size_t n,
    bool *owned);

/* Free p's terms (if owned; an arena's go with it). */
void pterms_free(struct spage *p);

/* Unmap every chunk of s's arena, and search_post_all()'s blocks (no
 * term's p is in them then: p_block cleared). */
void arena_free(struct search *s);

/* Forget every page (the layout uses no search). */
void search_drop_all(struct search *s);

/* Drop the pages the page list docs (NULL: none) no longer has, and those
 * reserved but never rendered. */
void search_drop_gone(struct search *s, const struct docs *docs);

#endif
