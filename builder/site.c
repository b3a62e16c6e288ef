/* site.c - the built-in builder and its atomic publish */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docs.h"
#include "fsutil.h"
#include "publish.h"
#include "xalloc.h"

#define MAX_DEPTH 64

/* One build's state. */
struct job {
	const struct site_config *cfg;
	struct site_stats *stats;
	struct docs *docs;	/* the page list, layout and nav */
	char *out_rel;		/* owned: out relative to src, or NULL */
	char *err;
	size_t errlen;
	bool incremental;	/* render only the changed pages */
	dev_t dev[MAX_DEPTH];	/* folders being walked: loop detection */
	ino_t ino[MAX_DEPTH];
	int depth;
};
static int
fail(struct job *j, const char *what, const char *path)
{
	snprintf(j->err, j->errlen, "%s '%s': %s", what, path,
	    strerror(errno));
	return -1;
}

/* Is this source name published? */
static bool
published(struct job *j, const char *name, const char *rel)
{
	if (name[0] == '_' || name[0] == '.' || ignore_is_editor_temp(name))
		return false;
	if (j->out_rel && !strcmp(rel, j->out_rel))
		return false;
	return !j->cfg->ign || !ignore_match(j->cfg->ign, rel);
}

/* Copy an open file into a new file name below dirfd, keeping its mtime
 * (so the next build can tell it is unchanged). */
static int
copy_fd(int in, int dirfd, const char *name, const struct stat *st)
{
	struct timespec times[2] = { st->st_atim, st->st_mtim };
	mode_t mode = st->st_mode;
	int out = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode & 0777);
	char buf[65536];
	ssize_t n;

	if (out < 0)
		return -1;
	for (;;) {
		n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
		if (n > 0)
			continue;
		if (n == 0 || (errno != EXDEV && errno != EINVAL &&
		    errno != ENOSYS && errno != EOPNOTSUPP))
			break;
		while ((n = read(in, buf, sizeof buf)) > 0)	/* fallback */
			if (fs_write_all(out, buf, (size_t)n) < 0)
				break;
		break;
	}
	if (n < 0 || futimens(out, times) < 0) {
		int saved = errno;

		close(out);
		errno = saved;
		return -1;
	}
	return close(out);
}

/*
 * Reuse name from the live generation (livefd, may be -1) if same() says it
 * is unchanged: a hard link keeps its inode, so its ETag and the browser's
 * cache stay valid. 1 if linked, 0 if not.
 */
static int
reuse_live(int livefd, int dstfd, const char *name,
    bool (*same)(int fd, const struct stat *st, const void *arg),
    const void *arg)
{
	struct stat st;
	int fd;
	bool ok;

	if (livefd < 0)
		return 0;
	fd = openat(livefd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && same(fd, &st, arg);
	close(fd);
	return ok && linkat(livefd, name, dstfd, name, 0) == 0;
}

/* A copied file is unchanged if size and mtime match its source's. */
static bool
same_copy(int fd, const struct stat *st, const void *arg)
{
	const struct stat *src = arg;

	return st->st_size == src->st_size &&
	       st->st_mtim.tv_sec == src->st_mtim.tv_sec &&
	       st->st_mtim.tv_nsec == src->st_mtim.tv_nsec;
}

/* An unchanged source: its live page is kept as it is. */
static bool
always(int fd, const struct stat *st, const void *arg)
{
	return true;
}

/* Does a change touch a name starting with '_' (layout, partials)? */
static bool
touches_templates(const struct strlist *changed)
{
	for (size_t i = 0; i < changed->len; i++) {
		const char *p = changed->items[i];

		if (p[0] == '_' || strstr(p, "/_"))
			return true;
	}
	return false;
}

/* A page is unchanged if its bytes are the same. */
static bool
same_page(int fd, const struct stat *st, const void *arg)
{
	const struct page *pg = arg;
	char *old;
	size_t len;
	bool same;

	if ((size_t)st->st_size != pg->len || fs_read_fd(fd, &old, &len) < 0)
		return false;
	same = len == pg->len && !memcmp(old, pg->html, len);
	free(old);
	return same;
}

/* Render one Markdown file (open as in) into html_name below dirfd. */
static int
build_page(struct job *j, int in, int dirfd, int livefd,
    const char *html_name, const char *rel)
{
	char *md;
	size_t len;
	struct page pg;
	int fd, ret = -1;

	if (fs_read_fd(in, &md, &len) < 0)
		return fail(j, "cannot read", rel);
	if (docs_render(j->docs, md, len, rel, &pg) < 0) {
		snprintf(j->err, j->errlen, "cannot render '%s'", rel);
		goto out;
	}
	if (reuse_live(livefd, dirfd, html_name, same_page, &pg)) {
		j->stats->pages++;
		ret = 0;
		goto done;
	}
	fd = openat(dirfd, html_name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644);
	if (fd < 0 || fs_write_all(fd, pg.html, pg.len) < 0 || close(fd) < 0) {
		if (fd >= 0)
			close(fd);
		fail(j, "cannot write", html_name);
	} else {
		j->stats->pages++;
		ret = 0;
	}
done:
	page_release(&pg);
out:
	free(md);
	return ret;
}

static int walk(struct job *j, int srcfd, int dstfd, int livefd,
    const char *rel);

/* Publish one entry of a source folder (livefd: the same folder in the
 * live generation, or -1). */
static int
build_entry(struct job *j, int srcfd, int dstfd, int livefd,
    const char *name, const char *rel)
{
	struct stat st;
	size_t n = strlen(name);
	int in, ret;

	in = openat(srcfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (in < 0)
		return errno == ENOENT ? 0 : fail(j, "cannot read", rel);
	if (fstat(in, &st) < 0) {
		close(in);
		return fail(j, "cannot read", rel);
	}
	if (S_ISDIR(st.st_mode)) {
		ret = mkdirat(dstfd, name, 0755) < 0 ? fail(j, "cannot create",
		    rel) : 0;
		if (!ret) {
			int sub = openat(dstfd, name,
			    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			int live = livefd < 0 ? -1 : openat(livefd, name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			ret = sub < 0 ? fail(j, "cannot open", rel)
				      : walk(j, in, sub, live, rel);
			if (sub >= 0)
				close(sub);
			if (live >= 0)
				close(live);
		}
	} else if (!S_ISREG(st.st_mode)) {
		ret = 0;	/* sockets, fifos, devices: not published */
	} else if (n > 3 && !strcasecmp(name + n - 3, ".md")) {
		const char *html = docs_out_name(j->docs, rel);

		if (!html) {
			ret = 0;	/* a draft, left out */
		} else if (j->incremental && !strlist_has(j->cfg->changed, rel)
		    && !docs_must_render(j->docs, rel) &&
		    reuse_live(livefd, dstfd, html, always, NULL)) {
			j->stats->pages++;	/* not rendered: unchanged */
			ret = 0;
		} else {
			ret = build_page(j, in, dstfd, livefd, html, rel);
		}
	} else {
		ret = reuse_live(livefd, dstfd, name, same_copy, &st) ||
		      copy_fd(in, dstfd, name, &st) == 0
			  ? 0 : fail(j, "cannot copy", rel);
		j->stats->files += !ret;
	}
	close(in);
	return ret;
}

/* Is the folder open as fd already being walked (a symlink loop)? */
static bool
walking(struct job *j, int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || j->depth >= MAX_DEPTH)
		return true;
	for (int i = 0; i < j->depth; i++)
		if (j->dev[i] == st.st_dev && j->ino[i] == st.st_ino)
			return true;
	j->dev[j->depth] = st.st_dev;
	j->ino[j->depth] = st.st_ino;
	return false;
}

/* Publish every entry of the source folder srcfd into dstfd. */
static int
walk(struct job *j, int srcfd, int dstfd, int livefd, const char *rel)
{
	int fd = dup(srcfd), ret = 0;
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return fail(j, "cannot read", *rel ? rel : j->cfg->src);
	}
	if (walking(j, srcfd)) {
		closedir(d);
		return 0;	/* a symlink back up: published once already */
	}
	j->depth++;
	while (!ret && (e = readdir(d))) {
		char *child = *rel ? fs_join(rel, e->d_name)
				   : xstrdup(e->d_name);

		if (j->cfg->should_abort &&
		    j->cfg->should_abort(j->cfg->abort_arg)) {
			snprintf(j->err, j->errlen, "build aborted");
			ret = -1;
		} else if (published(j, e->d_name, child)) {
			ret = build_entry(j, srcfd, dstfd, livefd, e->d_name,
			    child);
		}
		free(child);
	}
	j->depth--;
	closedir(d);
	return ret;
}

/* out relative to src when it lies below it, else NULL. */
static char *
out_below_src(const char *src, const char *out)
{
	size_t n = strlen(src);

	if (!strncmp(out, src, n) && out[n] == '/')
		return xstrdup(out + n + 1);
	return NULL;
}

/* Count the warnings (errors with --strict); save the page cache. */
static int
finish_docs(struct job *j, int dstfd)
{
	unsigned n = docs_warnings(j->docs);

	if (n && j->cfg->strict) {
		snprintf(j->err, j->errlen, "%u warning%s, and --strict makes "
		    "them errors", n, n == 1 ? "" : "s");
		return -1;
	}
	return docs_save(j->docs, dstfd) < 0 ? fail(j, "cannot write",
	    ".tend-pages") : 0;
}

/* Stage the whole site into a fresh staging folder, reusing unchanged files
 * of the live generation. */
static int
stage(struct job *j, struct publish *pub)
{
	int srcfd = -1, dstfd = -1, livefd, ret = -1;

	if (publish_stage(pub) < 0)
		return fail(j, "cannot create", pub->staged);
	dstfd = openat(pub->pfd, pub->staged, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	srcfd = open(j->cfg->src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dstfd < 0 || srcfd < 0) {
		fail(j, "cannot open", dstfd < 0 ? pub->staged : j->cfg->src);
		goto out;
	}
	livefd = openat(pub->pfd, pub->base, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	ret = walk(j, srcfd, dstfd, livefd, "");
	if (ret == 0)
		ret = finish_docs(j, dstfd);
	if (livefd >= 0)
		close(livefd);
out:
	if (srcfd >= 0)
		close(srcfd);
	if (dstfd >= 0)
		close(dstfd);
	return ret;
}

/* docs.h asks which entries are published. */
static bool
is_published(void *arg, const char *name, const char *rel)
{
	return published(arg, name, rel);
}

int
site_build(const struct site_config *cfg, struct site_stats *stats,
    char *err, size_t errlen)
{
	struct job j = { .cfg = cfg, .stats = stats, .err = err,
		.errlen = errlen };
	struct docs_config dc = { .src = cfg->src, .live = cfg->out,
		.published = is_published, .arg = &j, .drafts = cfg->drafts,
		.changed = cfg->changed, .warn = cfg->warn,
		.warn_arg = cfg->warn_arg };
	struct publish pub = PUBLISH_INIT;
	int ret = -1;

	*stats = (struct site_stats){ 0, 0 };
	j.out_rel = out_below_src(cfg->src, cfg->out);
	if (publish_open(&pub, cfg->out, err, errlen) < 0 ||
	    docs_open(&dc, &j.docs, err, errlen) < 0)
		goto out;
	j.incremental = cfg->changed && !touches_templates(cfg->changed);
	if (stage(&j, &pub) == 0) {
		ret = publish_commit(&pub);
		if (ret < 0)
			fail(&j, "cannot publish", cfg->out);
	}
	if (ret < 0)
		publish_discard(&pub);
out:
	publish_close(&pub);
	docs_close(j.docs);
	free(j.out_rel);
	return ret;
}
