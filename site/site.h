/*
 * site.h - the built-in builder: SRC (Markdown and assets) -> a new
 * generation of the output folder, published atomically.
 *
 * Every `.md` becomes `.html` through the layout (SRC/_layout.html, or
 * the built-in one) with the page list and nav of docs.h (README.md or
 * index.md -> the folder's index.html; drafts left out unless asked); every
 * other regular file is copied (copy.h). Names starting with '_' or '.'
 * (but the hosts' `_redirects` and `_headers` at the top: hostfiles.h),
 * editors' temporary files, the output folder and paths the ignore rules
 * match are not published.
 *
 * Symlinks (srclink.h): one that stays in SRC is published as what it points
 * at; one that leaves SRC (after resolution) is skipped unless
 * follow_symlinks, and one into the output, a loop or a dangling link is
 * always skipped, each with a warning. Folders reached through symlinks are
 * walked after the rest, and no folder is walked twice: a link to a folder
 * published already (its own name, or a loop) is skipped with a warning.
 * Folders more than 64 deep are skipped with a warning too.
 *
 * Publishing (publish.h): each build is staged beside the output folder; a
 * failed build (a write error included, such as a full disk) leaves the
 * live output untouched. A full build (the first, `tend build`, a change
 * to a '_' name) stages the whole site, hard-linking unchanged files of
 * the live generation into it, and switches it in at once. An incremental
 * build stages only the files it wrote, renames each into the live output
 * and removes what the build no longer makes (a delta build: its cost
 * follows the change, not the site). A file is never rewritten in place,
 * so an unchanged file keeps its inode and the browser its cached copy.
 */
#ifndef TEND_SITE_H
#define TEND_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "ignore.h"
#include "strlist.h"

struct site_config {
	const char *src;		/* absolute */
	const char *out;		/* absolute */
	const struct ignore *ign;	/* not owned; may be NULL */
	/*
	 * The source paths that changed since the live generation was built,
	 * or NULL for a full build. Pages not listed are taken from the live
	 * generation without rendering; a change to a name starting with '_'
	 * (the layout, partials) renders every page.
	 */
	const struct strlist *changed;
	bool drafts;		/* publish `draft: true` pages (with a banner) */
	bool strict;		/* any warning fails the build */
	/*
	 * Each warning, one line (file and line first; a skipped path as
	 * "skipping 'x': why", in incremental builds only if x changed or
	 * strict); may be NULL.
	 */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
	/* Polled between files; true aborts the build (nothing published). */
	bool (*should_abort)(void *arg);
	void *abort_arg;
	/* Publish what symlinks leaving SRC point at (--follow-symlinks). */
	bool follow_symlinks;
	/* Threads of the build's one pool, which reads the pages for their
	 * titles (docs.h) and renders them (render.h); 0 or 1: none, the
	 * walk's own thread does it. The output is the same either way. */
	unsigned jobs;
	/* Kept between builds (NULL: `tend build`; zeroed at first): a
	 * successful build leaves its page list there, so that an edit of a
	 * few files can be built without the walk (quick.c). */
	struct site_memo *memo;
	/* `tend serve`: each rendered page's links and ids go there, for
	 * the check after the build (livelinks.h); NULL: not kept. */
	struct livelinks *live;
	/* Set by site_build() itself (callers leave it NULL): where pages
	 * read their {{#include}}s (incdeps.h). */
	const struct include_src *include;
};

struct livelinks;
struct include_src;
struct incdeps;

struct docs;

/*
 * What the parent keeps of the last successful build for the next one
 * (quick.c): its page list, and how it left the output. Zeroed: nothing.
 */
struct site_memo {
	struct docs *docs;	/* owned, or NULL */
	bool links;		/* SRC publishes symlinks */
	unsigned pages, files;	/* the build's totals */
	struct stat cache;	/* the live page cache it wrote */
	/* The search index (search.h), kept when a build fails too: owned,
	 * or NULL. */
	struct search *search;
	struct incdeps *incdeps;	/* owned: what pages include */
};

struct site_stats {
	unsigned pages;		/* Markdown pages rendered */
	unsigned files;		/* other files copied */
	/* Set by a failed build that left the live output partly updated
	 * (publish.h): the next build must be a full one. */
	bool partial;
};

/*
 * Build and publish: with cfg->memo, quickly when the change allows it
 * (an edit of a few pages or files: no walk of SRC, see quick.c), else by
 * walking SRC (a failed build drops the memo). outputs (may be NULL) gets
 * the output paths the build wrote or removed, relative to the output
 * folder; "*" for a removed folder.
 *
 * Returns 0, or a negative errno with a one-line message in err (the live
 * output is then as it was, unless stats->partial): the errno of the
 * system call that failed (-ENOSPC: a full disk, -EACCES, ...), -ECANCELED
 * when should_abort() stopped it, -EFBIG for a page or layout too big
 * (docs.h), -EEXIST for an output folder tend will not replace (neither
 * its own nor empty), -EINVAL when the site itself is at fault (two
 * sources of one output name, --strict and a warning, a page md4c cannot
 * render).
 */
int site_build(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen);

/* Forget what the memo holds, its search index too (it is zeroed). */
void site_forget(struct site_memo *m);

#endif
