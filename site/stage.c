/* stage.c - one page, or one copy, staged: for the walk and quick builds */
#include "site_int.h"

#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"
#include "delta.h"
#include "docs.h"
#include "fsutil.h"
#include "livelinks.h"
#include "page.h"
#include "search.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Threads make files in one folder at once, unserialised (render.h). A
 * mutex per folder around the create was tried: it only helps on ext4
 * without a journal right after a large delete (threads spin in the kernel
 * while the allocator skips recently freed inodes), and made builds slower
 * on tmpfs and on ext4 with a journal (bench/README.md).
 */
enum page_state
site_stage_page(struct docs *docs, struct delta *out, const char *md,
    size_t len, const char *rel, int livefd, int dstfd, const char *html,
    int tfd, const char *target, char **err)
{
	enum page_state st = PAGE_FAILED;
	struct page pg;
	int code = 0;

	if (docs_render(docs, md, len, rel, &pg) < 0) {
		*err = xasprintf("cannot render '%s'", rel);
		errno = EINVAL;
		return PAGE_FAILED;
	}
	if (out->search && pg.body)
		search_page(out->search, rel, docs_out_path(docs, rel),
		    pg.title, pg.body, pg.body_len);
	if (pg.math)
		atomic_store(&out->math, true);	/* mathassets.h */
	if (out->live)
		livelinks_page(out->live, rel, docs_out_path(docs, rel), md,
		    len, pg.html, pg.len);
	if (delta_reuse(out, livefd, dstfd, html, delta_same_page, &pg)) {
		st = PAGE_REUSED;
	} else {
		if (fs_write_new(tfd, target, pg.html, pg.len) < 0) {
			code = errno;
			*err = xasprintf("cannot write '%s': %s", html,
			    strerror(code));
		} else {
			st = PAGE_WRITTEN;
		}
	}
	page_release(&pg);
	errno = code;
	return st;
}

int
site_stage_copy(struct delta *out, int srcfd, int dstfd, const char *name,
    const char *rel, const struct stat *st, char *err, size_t errlen)
{
	const char *base = strrchr(name, '/'), *target;
	char num[32];
	int in, dirfd, ret = 1, code = 0;

	in = openat(srcfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (in < 0 && (errno == ENOENT || errno == ENXIO /* a socket */))
		return 0;
	if (in < 0) {
		code = errno;
		snprintf(err, errlen, "cannot read '%s': %s", rel,
		    strerror(code));
		errno = code;
		return -1;
	}
	base = base ? base + 1 : name;
	target = delta_target(out, dstfd, &dirfd, base, num, sizeof num);
	if (copy_file(in, st, dirfd, target) < 0) {
		code = errno;
		snprintf(err, errlen, "cannot copy '%s': %s", rel,
		    strerror(code));
		ret = -1;
	} else {
		delta_written(out, rel, base);
	}
	close(in);
	errno = code;
	return ret;
}
