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
#include "banned.h"

int
srclink_rules_init(struct srclink_rules *r, const char *src,
    const char *out, bool follow)
{
	char *a = xstrdup(out), *b = xstrdup(out), *parent;

	r->follow = follow;
	r->out = NULL;
	r->published = NULL;
	r->arg = NULL;
	r->why = NULL;
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
	free(r->why);
	r->src = r->out = r->why = NULL;
}

/* Is every segment of rel (below SRC) published? */
static bool
published_as_is(const struct srclink_rules *r, const char *rel)
{
	char *p = xstrdup(rel), *seg = p, *end;
	bool ok = true;

	for (; ok && seg; seg = end ? end + 1 : NULL) {
		if ((end = strchr(seg, '/')))
			*end = '\0';
		ok = r->published(r->arg, seg, p);
		if (end)
			*end = '/';
	}
	free(p);
	return ok;
}

enum srclink_kind
srclink_classify(struct srclink_rules *r, const char *path,
    const char **why, char **target)
{
	char *real = realpath(path, NULL);
	enum srclink_kind kind = SRCLINK_SKIP;
	const char *in = real ? path_below(real, r->src) : NULL;
	struct stat st;

	if (!real)
		*why = errno == ELOOP ? "a symlink loop"
		     : errno == ENOENT ? "a dangling symlink" : strerror(errno);
	else if (path_below(real, r->out))
		*why = "it points into the output folder";
	else if (!r->follow && !path_below(real, r->src))
		*why = "it points outside the source folder "
		       "(--follow-symlinks publishes it)";
	else if (in && *in && r->published && !published_as_is(r, in)) {
		free(r->why);
		r->why = xasprintf("it points to '%s', which is not published",
		    in);
		*why = r->why;
	} else if (stat(real, &st) < 0)
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
