/* linkmap.c - where the links of a built-in build are written */
#include "linkmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "docs.h"
#include "fsutil.h"
#include "links.h"
#include "page.h"
#include "pagecache.h"
#include "xalloc.h"
#include "banned.h"

#define LAYOUT_NAME "_layout.html"

static bool
clean(const char *s)
{
	return !strpbrk(s, "\t\n\r");
}

/* What page_rewrite_links() makes of value v in a page in folder dir: a
 * new string. */
static char *
rewritten(const char *v, const char *dir)
{
	struct buf in = BUF_INIT;
	size_t n;
	char *out, *r;

	buf_adds(&in, "href=\"");
	buf_adds(&in, v);
	buf_adds(&in, "\"");
	out = page_rewrite_links(in.p, in.len, dir, NULL, NULL, &n);
	r = xstrndup(out + 6, n - 7);
	free(out);
	free(in.p);
	return r;
}

static void
add_links(struct buf *b, const struct md_links *l, const char *dir)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct md_link *k = &l->v[i];
		char *v = k->kind == MD_LINK_IMG || !dir ? xstrdup(k->href)
		    : rewritten(k->href, dir);

		if (clean(v))
			buf_addf(b, "\t%u\t%u\t%s\n", k->line, k->col, v);
		free(v);
	}
}

/* The page at rel: its output path and links, if it can be read. */
static void
add_page(struct buf *b, int srcfd, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *dir = slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
	char *out = rewritten(rel, ""), *md;
	struct md_links l = MD_LINKS_INIT;
	size_t len;

	if (clean(rel) && clean(out) &&
	    docs_read_source(srcfd, rel, &md, &len) == 0) {
		buf_addf(b, "P\t%s\t%s\n", out, rel);
		md_links_scan(md, len, &l);
		add_links(b, &l, dir);
		md_links_clear(&l);
		free(md);
	}
	free(out);
	free(dir);
}

int
linkmap_write(const char *src, const char *out, const char *path,
    char *err, size_t errlen)
{
	struct pagecache pc = PAGECACHE_INIT;
	struct md_links l = MD_LINKS_INIT;
	struct buf b = BUF_INIT;
	char *cache = fs_join(out, DOCS_CACHE_NAME), *layout;
	size_t len;
	int srcfd, fd, rc = 0, e;

	srcfd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (srcfd < 0) {
		e = errno;
		snprintf(err, errlen, "cannot open '%s': %s", src, strerror(e));
		free(cache);
		errno = e;
		return -1;
	}
	buf_adds(&b, LINKMAP_HEADER "\n");
	if (docs_read_source(srcfd, LAYOUT_NAME, &layout, &len) == 0) {
		buf_adds(&b, "L\t" LAYOUT_NAME "\n");
		md_links_scan_html(layout, len, &l);
		add_links(&b, &l, NULL);
		md_links_clear(&l);
		free(layout);
	}
	pagecache_load(&pc, cache);
	for (size_t i = 0; i < pc.n; i++)
		add_page(&b, srcfd, pc.v[i].src);
	pagecache_forget(&pc);
	close(srcfd);
	free(cache);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && fs_write_all(fd, b.p, b.len) < 0) {
		e = errno;
		close(fd);
		fd = -1;
		errno = e;
	}
	if (fd < 0 || close(fd) < 0) {
		e = errno;
		snprintf(err, errlen, "cannot write '%s': %s", path,
		    strerror(e));
		errno = e;
		rc = -1;
	}
	free(b.p);
	return rc;
}
