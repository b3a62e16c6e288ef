/*
 * delta.h - what one build of the built-in builder changes in the output
 * folder, and how a delta build is staged and published (publish.h).
 *
 * The walk (site.c) notes each output it writes (not reused from the live
 * generation) and, per folder, what the live generation holds that the
 * build no longer makes. That list goes to the browser (precise reloads)
 * and, in a delta build, drives the publish: no stat-walk of the output
 * folder is needed.
 *
 * A full build stages the whole site in a tree below the staging folder. A
 * delta build (incremental, a live generation to update) stages only the
 * files it writes, flat in the staging folder, each named by its index in
 * the written list, and makes no staging folders: its cost follows the
 * change, not the size of the site.
 */
#ifndef TEND_DELTA_H
#define TEND_DELTA_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "publish.h"
#include "strlist.h"

struct livelinks;
struct search;

struct delta {
	bool delta;		/* a delta build (else a full one) */
	int stagefd;		/* the staging folder (not owned) */
	struct strlist written;	/* outputs written ("d/": a new folder) */
	struct strlist removed;	/* live outputs no longer made ("d/") */
	/* The live folder being walked: its files (delta_read_live()), or
	 * NULL. Set by the walk. */
	const struct strlist *live_files;
	/* Where each rendered page's links go (the build's
	 * site_config.live), or NULL. */
	struct livelinks *live;
	/* The search index the rendered pages go to (search.h), or NULL. */
	struct search *search;
	/* A page this build rendered has math (set by the page jobs). */
	atomic_bool math;
};

#define DELTA_INIT { false, -1, STRLIST_INIT, STRLIST_INIT, NULL, NULL, \
	NULL, false }

/*
 * Where the output name below the staged folder dstfd is written: there, or
 * in a delta build flat in the staging folder (buf, len bytes, gets its
 * name). Returns the name and sets *dirfd. Call delta_written() once the
 * file is written.
 */
const char *delta_target(struct delta *d, int dstfd, int *dirfd,
    const char *name, char *buf, size_t len);

/* Is the live file name (below livefd) as it should be, given its stat? */
typedef bool delta_same_fn(int livefd, const char *name,
    const struct stat *st, const void *arg);

/*
 * Is name in the live generation (livefd, may be -1) a regular file that
 * same() (NULL: any; in a delta build then looked up in live_files)
 * accepts? A full build then hard-links it into the
 * staged folder dstfd (its inode stays, so its ETag and the browser's cache
 * stay valid); a delta build leaves it where it is. 1 if reused, else 0.
 */
int delta_reuse(struct delta *d, int livefd, int dstfd, const char *name,
    delta_same_fn *same, const void *arg);

/*
 * A copy is unchanged if size and mtime match its source's (arg: its
 * struct stat) and the source has not changed since the copy was made (its
 * ctime is not past the copy's): a rewrite that keeps size and mtime (cp
 * -p, tar x, rsync -t) still moves the source's ctime. The source's inode
 * needs no check: a new file put in its place has a new ctime too. A path
 * the change names is not reused at all (its caller's rule).
 */
delta_same_fn delta_same_copy;
/* A page is unchanged if its bytes are the same (arg: its struct page). */
delta_same_fn delta_same_page;

/*
 * Stage the len bytes at data as the output name below dstfd (the live
 * folder: livefd, may be -1), as a page is staged: the live file is reused
 * if it holds these bytes (delta_reuse()), else they are written
 * (delta_target()) and noted as written, rel its source (delta_written()).
 * 0, or -1 with errno.
 */
int delta_stage_bytes(struct delta *d, int livefd, int dstfd,
    const char *name, const char *rel, const char *data, size_t len);

/* Make and open the staged folder name below dstfd: 0 with *sub set (-1 in
 * a delta build, which makes no staged folders), or -1 with errno. */
int delta_stage_dir(struct delta *d, int dstfd, const char *name, int *sub);

/* Open the live folder name (rel below the output) below livefd (may be
 * -1): its fd, or -1 if none; a delta build then notes the folder as new. */
int delta_open_live(struct delta *d, int livefd, const char *name,
    const char *rel);

/* The output name was written; rel is the path of its source (the output
 * goes in the same folder). */
void delta_written(struct delta *d, const char *rel, const char *name);

/*
 * The entries of the live folder livefd (dotfiles and tend's own
 * SEARCH_DIR, which no source makes, left out),
 * sorted: folders into dirs, the rest into files.
 */
void delta_read_live(int livefd, struct strlist *files, struct strlist *dirs);

/*
 * Note what the live folder (rel below the output; files and dirs from
 * delta_read_live()) holds that the build did not make (names: the names
 * it made; sorted here) as removed.
 */
void delta_removed(struct delta *d, const char *rel, struct strlist *names,
    const struct strlist *files, const struct strlist *dirs);

/* A delta build: rename the file name in the staging folder (the page
 * cache) to be published too. 0, or -1 with errno; a full build: 0. */
int delta_stage_cache(struct delta *d, const char *name);

/* Publish the staged build (publish_commit() or publish_commit_delta()).
 * 0, or -1 with errno. */
int delta_commit(struct delta *d, struct publish *pub);

/* Append the changed outputs (paths below the output folder; "*" for a
 * removed folder) to outputs. */
void delta_outputs(const struct delta *d, struct strlist *outputs);

void delta_release(struct delta *d);

#endif
