/* outdir.c - the output folder's generations and their switch (outdir.h) */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"

int
outdir_open(struct outdir *o, const char *out)
{
	char *a = xstrdup(out), *b = xstrdup(out);

	o->parent = xstrdup(dirname(a));
	o->base = xstrdup(basename(b));
	free(a);
	free(b);
	o->staged = xasprintf(".%s.tend-new", o->base);
	o->old = xasprintf(".%s.tend-old", o->base);
	o->pfd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return o->pfd < 0 ? -1 : 0;
}

void
outdir_release(struct outdir *o)
{
	if (o->pfd >= 0)
		close(o->pfd);
	o->pfd = -1;
	free(o->parent);
	free(o->base);
	free(o->staged);
	free(o->old);
	o->parent = o->base = o->staged = o->old = NULL;
}

/* Is the output folder absent (1), empty or tend's (1), or neither (0)? */
static int
replaceable(const struct outdir *o)
{
	struct stat st;
	int fd;
	DIR *d;
	struct dirent *e;
	int entries = 0, has;
	char *marker;

	if (fstatat(o->pfd, o->base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 1 : -1;
	if (!S_ISDIR(st.st_mode))
		return 0;
	marker = xasprintf("%s/" OUTDIR_MARKER, o->base);
	has = faccessat(o->pfd, marker, F_OK, AT_SYMLINK_NOFOLLOW);
	free(marker);
	if (has == 0)
		return 1;
	fd = openat(o->pfd, o->base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fd < 0 ? NULL : fdopendir(fd);
	if (!d)
		return -1;
	while ((e = readdir(d)))
		entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return entries == 0;
}

int
outdir_check_replaceable(const struct outdir *o, const char *out,
    char *err, size_t errlen)
{
	int r = replaceable(o);

	if (r > 0)
		return 0;
	if (r < 0)
		snprintf(err, errlen, "cannot use the output folder '%s': %s",
		    out, strerror(errno));
	else
		snprintf(err, errlen, "refusing to replace '%s': it is not "
		    "empty and was not made by tend (choose another --out, or "
		    "remove it)", out);
	return -1;
}

int
outdir_try_create(const struct outdir *o)
{
	if (mkdirat(o->pfd, o->staged, 0755) < 0 && errno != EEXIST)
		return -1;
	return fs_remove_tree(o->pfd, o->staged);
}

void
outdir_clear(const struct outdir *o)
{
	fs_remove_tree(o->pfd, o->staged);
	fs_remove_tree(o->pfd, o->old);
}

int
outdir_publish(const struct outdir *o)
{
	int pfd = o->pfd;

	if (renameat2(pfd, o->staged, pfd, o->base, RENAME_EXCHANGE) == 0)
		return renameat(pfd, o->staged, pfd, o->old);
	if (errno == ENOENT)		/* first build: nothing to exchange */
		return renameat(pfd, o->staged, pfd, o->base);
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* No RENAME_EXCHANGE here: two renames, a brief gap. */
	if (renameat(pfd, o->base, pfd, o->old) < 0)
		return -1;
	return renameat(pfd, o->staged, pfd, o->base);
}
