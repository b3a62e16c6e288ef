/*
 * publish.h - staging a new generation of the output folder beside the live
 * one and switching it in atomically. Used by the built-in builder (site.h)
 * and by external builds whose command names {out} (build.h). A delta build
 * of the built-in builder publishes only its changed files, each renamed
 * into place (publish_commit_delta(); publish.c says why).
 *
 * The new generation is written as `.NAME.tend-new` beside the output folder
 * NAME (same file system), then exchanged with the live one in one step
 * (renameat2 RENAME_EXCHANGE; without it, two renames and a brief gap). The
 * previous generation is kept as `.NAME.tend-old` until the next build
 * (requests still reading it finish) and removed by publish_cleanup(). A
 * browser never sees a half-built site; a failed build removes its staging
 * folder and leaves the live output untouched. The one exception is a delta
 * commit whose rename fails after others succeeded (all that can be checked
 * is checked first): it sets partial, and the next build must be full.
 *
 * An existing output folder is replaced only if tend made it (it holds the
 * marker file `.tend`) or it is empty: tend never deletes a user's folder.
 *
 * Use: publish_open(); publish_stage(); [publish_seed();] write below the
 * staging folder; publish_commit() or publish_discard(); publish_close().
 * Functions return 0, or -1 with errno, unless said otherwise; none prints
 * (a commit or a seed leaves its message in msg). Those that write a
 * message in err return -errno (errno set too), so a caller can tell a
 * full disk (ENOSPC) from a refusal (EPERM, EACCES).
 */
#ifndef TEND_PUBLISH_H
#define TEND_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

/* Globs matching the staging and previous-generation folders' names. */
#define PUBLISH_STAGING_GLOB ".*.tend-new"
#define PUBLISH_OLD_GLOB ".*.tend-old"
/* The file that marks an output folder as tend's. */
#define PUBLISH_MARKER ".tend"
/* Beside it from publish_commit() on (unless the build wrote one): "*",
 * so that git ignores the output folder. */
#define PUBLISH_GITIGNORE ".gitignore"

struct publish {
	int pfd;		/* the output's parent folder; -1 when closed */
	char *out;		/* owned: the output folder's path */
	char *base;		/* owned: the output folder's name */
	char *staged;		/* owned: the staging folder's name */
	char *old;		/* owned: the previous generation's name */
	/*
	 * Owned, or NULL. After a failed commit: a one-line message naming
	 * the file that failed and saying what is live; after a commit that
	 * succeeded (returned 0): a warning to show, if any.
	 */
	char *msg;
	/*
	 * A failed commit left the live output partly updated (a delta
	 * commit stopped midway) or missing: it is no longer one build, so
	 * the caller must make the next build a full one.
	 */
	bool partial;
};

#define PUBLISH_INIT { -1, NULL, NULL, NULL, NULL, NULL, false }

/*
 * Get ready to publish into out (absolute): open its parent, check that out
 * may be replaced, remove a staging or previous folder left over. 0, or
 * -errno with a one-line message in err (-EEXIST: out is there, neither
 * tend's nor empty).
 */
int publish_open(struct publish *p, const char *out, char *err,
    size_t errlen);

/* Make a fresh, empty staging folder holding the marker. */
int publish_stage(struct publish *p);

/* The staging folder's absolute path: a new string. */
char *publish_staged_path(const struct publish *p, const char *out);

struct publish_seed_stats {
	unsigned files;		/* regular files seeded */
	unsigned cloned;	/* of which reflinked (FICLONE) */
};

/*
 * Fill the staging folder with a copy of the live output, so a generator
 * that builds incrementally from its previous output stays incremental.
 * Files are copied by copy_file() (copy.h: reflinked where the file system
 * can, sparse-aware, a full disk an error), with their mode and modification
 * time; never hard-linked, so the generator may rewrite a
 * file in place without touching the live one. Symlinks are copied as
 * symlinks, never followed, their targets whole. should_abort (may be
 * NULL) is polled between files: true ends the seed with ECANCELED. No
 * live output: nothing to do. Else -1 with errno and msg set: the file
 * that could not be copied, and why.
 */
int publish_seed(struct publish *p, struct publish_seed_stats *st,
    bool (*should_abort)(void *arg), void *arg);

/*
 * Put the marker and the .gitignore in the staging folder (ENOENT if the
 * folder is gone) and switch it in; the previous generation becomes the
 * old folder. Once the new generation is live the commit has succeeded: if
 * the previous one cannot then be renamed to the old folder's name, it
 * stays as the staging folder (removed by the next build) and msg warns.
 * Without RENAME_EXCHANGE, if the new generation cannot take the live
 * one's place, the live one is put back. -1 with errno and msg set.
 */
int publish_commit(struct publish *p);

/*
 * Publish a delta build: the staging folder holds only the files that
 * changed, flat, each named by its index in moves (decimal). Each of moves
 * (paths below the output folder, in an order where a folder comes before
 * what it holds; "d/" names a folder to make) is made or renamed into the
 * live output, replacing what had its name; then each of removed ("d/": a
 * folder and all it holds) is removed from it, and the staging folder too.
 *
 * What can fail is done before the first rename: each staged file is
 * checked, each folder a move or removal goes into must be writable (not
 * read-only nor immutable), the new folders are made. If that fails the
 * live output is left as it was (a new folder made is removed again). A
 * rename or removal that still fails stops the commit: the live output
 * then holds some of the moves, partial is set, and msg names the file and
 * says the output is partly updated. -1 with errno and msg set.
 */
int publish_commit_delta(struct publish *p, const struct strlist *moves,
    const struct strlist *removed);

/* Remove the staging folder (after a failed or aborted build). */
void publish_discard(struct publish *p);

/* Close and free; the folders stay as they are. */
void publish_close(struct publish *p);

/* Remove the staging and previous-generation folders beside out. */
void publish_cleanup(const char *out);

/*
 * Check, before the first build, that out can be published: its parent
 * exists and a folder can be made in it, and an existing out is tend's or
 * empty (publish_open() checks the latter again each time). 0, or -errno
 * with a message in err (-EEXIST: out is not tend's).
 */
int publish_check_out(const char *out, char *err, size_t errlen);

#endif
