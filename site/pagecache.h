/*
 * pagecache.h - the page cache (.tend-pages in each generation): what the
 * last build read of each page (title, order, flags) with the page's stat
 * then, so a scan reads only the pages whose stat changed.
 *
 * The file: a header "tend-pages 3 SIG NAMES" (the nav's two signatures,
 * nav.h), then a line per page: src, mtime seconds and nanoseconds, ctime
 * seconds and nanoseconds, size, inode, flags, order, the signature of what its nav and pager showed
 * (nav_page_signature(), hex; 0 if the layout shows neither), title;
 * tab-separated (a src with a tab or newline gets no line: it is read every
 * time; tabs in a title become spaces). A file of another version is not
 * read (the next build is a full one).
 */
#ifndef TEND_PAGECACHE_H
#define TEND_PAGECACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "strmap.h"

struct stat;

/* What the cache keeps of a page's stat: the page is as it was if they
 * match (the ctime too: a rewrite that keeps the size and puts the mtime
 * back, as cp -p and tar do, still changes it). */
struct page_key {
	long long sec, nsec, csec, cnsec, size, ino;
};

/* A page as the last build saw it. */
struct page_cached {
	const char *src, *title;	/* point into the loaded text */
	struct page_key key;
	int flags;		/* 1: has an order, 2: a draft */
	double order;
	uint64_t nav;		/* what its nav and pager showed */
};

/* A loaded cache. */
struct pagecache {
	bool loaded;		/* a valid file was read */
	uint64_t sig, names;	/* its header's signatures */
	char *text;		/* owned */
	struct page_cached *v;	/* owned, n of them */
	size_t n;
	struct strmap by_src;	/* src -> struct page_cached */
};

#define PAGECACHE_INIT { false, 0, 0, NULL, NULL, 0, STRMAP_INIT }

struct page_key page_key_of(const struct stat *st);
bool page_key_eq(const struct page_key *a, const struct page_key *b);

/* Load the cache file at path; a missing or bad file loads nothing. */
void pagecache_load(struct pagecache *pc, const char *path);

/* The page with this src, or NULL. */
const struct page_cached *pagecache_get(const struct pagecache *pc,
    const char *src);

/* Free what was loaded (back to PAGECACHE_INIT). */
void pagecache_forget(struct pagecache *pc);

/* Append a page's line to lines. */
void pagecache_line(struct buf *lines, const char *src,
    const struct page_key *k, int flags, double order, uint64_t nav,
    const char *title);

/* Write the file name below dirfd: the header, then lines. 0, or -1 with
 * errno. */
int pagecache_save(int dirfd, const char *name, uint64_t sig,
    uint64_t names, const struct buf *lines);

#endif
