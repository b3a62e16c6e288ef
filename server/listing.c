/* listing.c - generated folder indexes */
#include "listing.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

struct entry {
	char *name;		/* owned */
	bool dir;
	long long size;
};

static int
by_kind_then_name(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->dir != y->dir)
		return x->dir ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Read the visible entries of dirfd into a new sorted array. */
static struct entry *
read_entries(int dirfd, size_t *count)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((e = readdir(d))) {
		struct stat st;

		if (e->d_name[0] == '.' ||
		    fstatat(dirfd, e->d_name, &st, 0) < 0)
			continue;	/* dotfiles; dangling links */
		if (n == cap)
			v = xrealloc(v, (cap = cap ? 2 * cap : 32) * sizeof *v);
		v[n++] = (struct entry){ xstrdup(e->d_name),
			S_ISDIR(st.st_mode), (long long)st.st_size };
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof *v, by_kind_then_name);
	*count = n;
	return v ? v : xcalloc(1, sizeof *v);
}

/* "1.2 KiB"-style sizes. */
static void
add_size(struct buf *b, long long size)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double s = (double)size;
	int u = 0;

	while (s >= 1024 && u < 4) {
		s /= 1024;
		u++;
	}
	if (u == 0)
		buf_addf(b, "%lld B", size);
	else
		buf_addf(b, "%.1f %s", s, units[u]);
}

char *
listing_html(int dirfd, const char *path, const char *top, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t n = 0;
	struct entry *v = read_entries(dirfd, &n);

	if (!v)
		return NULL;
	buf_adds(&b, "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
	    "<title>Index of ");
	buf_add_html(&b, path);
	buf_adds(&b, "</title><style>body{font:15px/1.5 system-ui,sans-serif;"
	    "margin:2rem}td{padding:.1rem 1.5rem .1rem 0}"
	    "td.s{text-align:right;color:#555}</style></head>\n<body><h1>"
	    "Index of ");
	buf_add_html(&b, path);
	buf_adds(&b, "</h1>\n<table>\n");
	if (strcmp(path, top))
		buf_adds(&b, "<tr><td><a href=\"../\">../</a></td><td></td>"
		    "</tr>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(&b, "<tr><td><a href=\"./");
		buf_add_url(&b, v[i].name);
		buf_adds(&b, v[i].dir ? "/\">" : "\">");
		buf_add_html(&b, v[i].name);
		buf_adds(&b, v[i].dir ? "/</a></td><td class=\"s\">"
				      : "</a></td><td class=\"s\">");
		if (!v[i].dir)
			add_size(&b, v[i].size);
		buf_adds(&b, "</td></tr>\n");
		free(v[i].name);
	}
	free(v);
	buf_adds(&b, "</table>\n</body></html>\n");
	*len = b.len;
	return b.p;
}
