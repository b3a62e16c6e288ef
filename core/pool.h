/*
 * pool.h - a small fixed pool of worker threads running queued jobs (a
 * function and its argument), for the built-in builder's pages (site.c).
 *
 * Threads, not processes: a page's inputs (the layout, the nav, the page
 * list) are already in memory and read-only while pages render, and a
 * rendered page goes straight to a file; processes would copy or rebuild
 * that state for nothing.
 *
 * Signals: the workers are created with every signal blocked, so SIGINT,
 * SIGTERM, SIGHUP and SIGCHLD reach the calling (main) thread only. The
 * workers never decide to stop: the main thread polls its own stop flags
 * while it waits (pool_wait() with a timeout) and calls pool_abort(), after
 * which no job starts (a running job finishes: workers stop between jobs).
 *
 * Calling protocol (one thread, the owner, calls everything but the jobs):
 *  1. pool_new(n);
 *  2. pool_add() jobs, in any number; the queue grows as needed (the owner
 *     bounds it with pool_wait(p, max, ...) if its jobs hold resources);
 *  3. pool_wait(p, 0, ms) until it returns 0 (every job has run, or, after
 *     pool_abort(), every started job has ended);
 *  4. pool_free().
 * Jobs run in queue order as workers free up; they may end in any order.
 * pool_wait() returning 0 makes everything the jobs wrote visible to the
 * owner (a mutex orders them).
 */
#ifndef TEND_POOL_H
#define TEND_POOL_H

#include <stdbool.h>
#include <stddef.h>

#define POOL_MAX_WORKERS 256

typedef void pool_fn(void *arg);

struct pool;

/* Start n workers (1 to POOL_MAX_WORKERS). NULL with errno if a thread
 * could not be made (none is left running then). */
struct pool *pool_new(unsigned n);

/* Queue fn(arg). After pool_abort() the job is dropped, never run. */
void pool_add(struct pool *p, pool_fn *fn, void *arg);

/*
 * Wait up to timeout_ms (-1: no limit) until at most max jobs are queued or
 * running. 0 when reached, -1 (errno ETIMEDOUT) when the time ran out.
 */
int pool_wait(struct pool *p, size_t max, int timeout_ms);

/* No job starts after this (queued ones are dropped); running ones end.
 * Safe from any thread, a job included. */
void pool_abort(struct pool *p);

/* Has pool_abort() been called? */
bool pool_aborted(const struct pool *p);

/* Abort what is queued, wait for running jobs, join the workers, free. */
void pool_free(struct pool *p);

/* The number of online processors (at least 1, at most
 * POOL_MAX_WORKERS): the default number of workers. */
unsigned pool_default_workers(void);

#endif
