/*
 * site.h - the built-in builder: SRC (Markdown and assets) -> a new
 * generation of the output folder, published atomically.
 *
 * Every `.md` becomes `.html` through the layout (SRC/_layout.html, or
 * the built-in one) with the page list and nav of docs.h (README.md or
 * index.md -> the folder's index.html; drafts left out unless asked); every
 * other regular file is copied. Names starting
 * with '_' or '.', editors' temporary files, the output folder and paths the
 * ignore rules match are not published.
 *
 * Publishing (publish.h): each build is staged beside the output folder and
 * switched in atomically; a failed build leaves the live output untouched.
 * Unchanged files of the live generation are hard-linked into the new one
 * (the built-in builder never rewrites a file in place), so their inode and
 * the browser's cached copy stay valid.
 */
#ifndef TEND_SITE_H
#define TEND_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	/* Each warning, one line (file and line first); may be NULL. */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
	/* Polled between files; true aborts the build (nothing published). */
	bool (*should_abort)(void *arg);
	void *abort_arg;
};

struct site_stats {
	unsigned pages;		/* Markdown pages rendered */
	unsigned files;		/* other files copied */
};

/*
 * Build and publish. Returns 0, or -1 with a one-line message in err (the
 * live output is then as it was).
 */
int site_build(const struct site_config *cfg, struct site_stats *stats,
    char *err, size_t errlen);

#endif
