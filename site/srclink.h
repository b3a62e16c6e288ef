/*
 * srclink.h - where a symlink in the source folder leads, and whether the
 * built-in builder may publish what it points at.
 *
 * A link is published as what it resolves to if that stays in SRC (or
 * anywhere, with --follow-symlinks) and is not in the output folder; a loop
 * or a dangling link is never published, nor is a link to a file or folder
 * of SRC that would not be published itself (env.txt -> .env, a '_' name,
 * an ignored path: the published callback says). Resolution is realpath(3): every
 * symlink on the way counts, relative and absolute alike.
 */
#ifndef TEND_SRCLINK_H
#define TEND_SRCLINK_H

#include <dirent.h>
#include <stdbool.h>

struct srclink_rules {
	char *src;		/* owned: SRC, resolved */
	char *out;		/* owned: the output folder, resolved */
	bool follow;		/* links may leave SRC */
	/* May rel below SRC (name: its last segment) be published? Set by
	 * the caller after init; NULL: every path may. */
	bool (*published)(void *arg, const char *name, const char *rel);
	void *arg;		/* passed to published */
	char *why;		/* owned: the last reason built */
};

enum srclink_kind { SRCLINK_SKIP, SRCLINK_FILE, SRCLINK_FOLDER };

/*
 * Resolve src and out (both absolute; out need not exist, its parent must).
 * 0, or -1 with errno; r is released either way by srclink_rules_release().
 */
int srclink_rules_init(struct srclink_rules *r, const char *src,
    const char *out, bool follow);
void srclink_rules_release(struct srclink_rules *r);

/*
 * What the symlink at path (absolute) leads to: a file or a folder that may
 * be published, with its resolved path in *target (a new string) if target
 * is not NULL; or SRCLINK_SKIP with *why set to a one-line reason, valid
 * until the next call with r.
 */
enum srclink_kind srclink_classify(struct srclink_rules *r,
    const char *path, const char **why, char **target);

/* Is the entry e of the folder dirfd a symlink (d_type, else lstat)? */
bool srclink_is(int dirfd, const struct dirent *e);

#endif
