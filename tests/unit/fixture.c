/* fixture.c - temporary folders and paths for unit tests */
#define _XOPEN_SOURCE 700
#include "fixture.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
fixture_mkdtemp(char *dir, size_t cap, const char *name)
{
	cr_assert_lt((size_t)snprintf(dir, cap, "/tmp/tend-%s-XXXXXX", name),
	    cap);
	cr_assert_not_null(mkdtemp(dir));
}

void
fixture_rmtree(const char *dir)
{
	if (dir[0])
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fixture_path(const char *dir, const char *fmt, ...)
{
	static char bufs[2][512];
	static int which;
	char rel[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof rel, fmt, ap);
	va_end(ap);
	which ^= 1;
	snprintf(bufs[which], sizeof bufs[which], "%s/%s", dir, rel);
	return bufs[which];
}
