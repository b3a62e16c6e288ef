/*
 * render.h - the pages of one built-in build, rendered on a pool of worker
 * threads (pool.h), or inline with one worker.
 *
 * The walk (site.c) stays single-threaded: it keeps the names lists, the
 * delta lists and the stats. For each page to render it calls
 * render_page(); a page job reads the Markdown, renders it (docs.h),
 * compares it with the live file and writes it (or reuses the live one).
 * Pages go to the pool in batches, in walk order: one hand-off between
 * threads per batch, not per page. A batch keeps to one folder where it
 * can (it ends at a new folder once it holds BATCH_MIN pages), so the
 * workers mostly create files in different folders: threads creating in
 * one folder queue on its lock in the kernel (spinning, on ext4). A batch
 * is a quarter of a worker's share of the pages (pages_hint), within
 * [BATCH_MIN, BATCH_MAX], so the workers end together. A batch stops
 * between pages when the pool is stopped. (The measurements behind these
 * choices: bench/README.md.)
 *
 * Determinism: the output is byte for byte the one-worker output, and so is
 * the written list. render_page() reserves the page's entry in the delta's
 * written list at once, in walk order, and fixes where the job writes: its
 * name in the staged folder, or in a delta build that entry's index in the
 * staging folder (delta.h). A page that turns out unchanged (the live file
 * reused) or gone leaves its entry unused; render_finish() drops those
 * entries once every job has ended and renames the staged files after them
 * down to their final index, so a staged file is still named by its index
 * in the written list. Other outputs the walk writes meanwhile (copies,
 * folders) take the entries after the reserved ones, as they would inline.
 *
 * Errors: a job that fails (cannot read, render or write) stops the pool;
 * render_page() then returns -1 at once and render_finish() puts the
 * message of the first failed page in walk order in err, the same one line
 * as an inline build gives. Stops: while it waits for the workers, the
 * owner polls should_abort() (every 20 ms) and on true stops the pool
 * between pages ("build aborted").
 */
#ifndef TEND_RENDER_H
#define TEND_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "delta.h"
#include "docs.h"

struct render_config {
	/* Not owned. docs_render() runs on the workers at once: its
	 * warnings go through a mutex (docs.c), the nav's caches through a
	 * lock (nav.c); the rest of it only reads. */
	struct docs *docs;
	struct delta *out;	/* not owned: written, and stagefd */
	unsigned *pages;	/* not owned: counts the pages made */
	/* The build's worker threads (not owned; NULL: inline, no thread);
	 * stopped (pool_abort()) when a page fails or the build aborts. */
	struct pool *pool;
	unsigned workers;	/* the pool's threads */
	size_t pages_hint;	/* about how many pages the build renders */
	bool (*should_abort)(void *arg);	/* may be NULL */
	void *abort_arg;
	char *err;		/* the message of a failure (one line) */
	size_t errlen;
	int *code;		/* not owned: the errno err tells of (site.h) */
	/* For KaTeX's files, which render_finish() stages (mathassets.h):
	 * the live output folder (NULL: none) and where warnings go. */
	const char *live_out;
	void (*warn)(void *arg, const char *msg);	/* may be NULL */
	void *warn_arg;
};

struct pool;
struct render;
struct render_dir;

struct render *render_new(const struct render_config *c);

/*
 * Render the page at rel (its file name in the source folder srcfd; html:
 * its output name) into the staged folder dstfd, or reuse the live file
 * html below livefd (-1: none) if it has the same bytes. Inline: done on
 * return. Else queued: *dir (NULL for the first page of a folder) gets
 * duplicates of the folder's descriptors, held until its jobs end and the
 * walk calls render_dir_release(*dir) as it leaves the folder; the call
 * waits (polling should_abort()) while too many jobs are pending. 0, or
 * -1 with a message in err (none if a queued page failed:
 * render_finish() gives it).
 */
int render_page(struct render *r, struct render_dir **dir, int srcfd,
    int dstfd, int livefd, const char *name, const char *html,
    const char *rel);

/* The walk leaves the folder (dir may be NULL). */
void render_dir_release(struct render_dir *dir);

/*
 * Wait for every job (ok: the walk succeeded), settle the written list and
 * count the pages; then stage the search index (out->search, search.h)
 * and KaTeX's files if a page had math (mathassets.h). With !ok, stop the
 * pool first (only running jobs end). 0, or -1 with err set (kept if the
 * caller set it already).
 */
int render_finish(struct render *r, bool ok);

/* Free (after render_finish(): no page job runs). */
void render_free(struct render *r);

#endif
