/* hostfiles.c - _redirects, _headers, the theme's extra files, .nojekyll */
#include "hostfiles.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "delta.h"
#include "fsutil.h"
#include "banned.h"

bool
hostfiles_is(const char *rel)
{
	return !strcmp(rel, "_redirects") || !strcmp(rel, "_headers") ||
	    !strcmp(rel, "_extra.css") || !strcmp(rel, "_extra.js");
}

int
hostfiles_stage_nojekyll(struct delta *out, int dstfd, int livefd)
{
	const char *name = HOSTFILES_NOJEKYLL, *target;
	struct stat st;
	char num[32];
	int dirfd;

	if (out->delta && livefd >= 0 &&
	    !fstatat(livefd, name, &st, AT_SYMLINK_NOFOLLOW) &&
	    S_ISREG(st.st_mode))
		return 0;	/* kept: a delta build removes no dotfile */
	if (!out->delta && delta_reuse(out, livefd, dstfd, name, NULL, NULL))
		return 0;
	target = delta_target(out, dstfd, &dirfd, name, num, sizeof num);
	if (fs_write_new(dirfd, target, "", 0) < 0)
		return -1;
	delta_written(out, name, name);
	return 0;
}
