/* srclink.c - symlinks in the source folder: publish or skip (srclink.h) */
#include "srclink.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "xalloc.h"

int
srclink_rules_init(struct srclink_rules *r, const char *src,
    const char *out, bool follow)
{
	char *a = xstrdup(out), *b = xstrdup(out), *parent;

	r->follow = follow;
	r->out = NULL;
	r->src = realpath(src, NULL);
	parent = realpath(dirname(a), NULL);
	if (parent)
		r->out = xasprintf("%s%s%s", parent,
		    strcmp(parent, "/") ? "/" : "", basename(b));
	free(parent);
	free(a);
	free(b);
	return r->src && r->out ? 0 : -1;
}

void
srclink_rules_release(struct srclink_rules *r)
{
	free(r->src);
	free(r->out);
	r->src = r->out = NULL;
}

enum srclink_kind
srclink_classify(const struct srclink_rules *r, const char *path,
    const char **why, char **target)
{
	char *real = realpath(path, NULL);
	enum srclink_kind kind = SRCLINK_SKIP;
	struct stat st;

	if (!real)
		*why = errno == ELOOP ? "a symlink loop"
		     : errno == ENOENT ? "a dangling symlink" : strerror(errno);
	else if (path_below(real, r->out))
		*why = "it points into the output folder";
	else if (!r->follow && !path_below(real, r->src))
		*why = "it points outside the source folder "
		       "(--follow-symlinks publishes it)";
	else if (stat(real, &st) < 0)
		*why = strerror(errno);
	else
		kind = S_ISDIR(st.st_mode) ? SRCLINK_FOLDER : SRCLINK_FILE;
	if (target && kind != SRCLINK_SKIP)
		*target = real;
	else
		free(real);
	return kind;
}

bool
srclink_is(int dirfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type == DT_LNK;
	return fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISLNK(st.st_mode);
}
