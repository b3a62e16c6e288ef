/* site.c - the built-in builder's walk: SRC into a new generation */
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

#include "bookalias.h"
#include "delta.h"
#include "docs.h"
#include "fsutil.h"
#include "hostfiles.h"
#include "navtree.h"
#include "notfound.h"
#include "theme.h"
#include "outnames.h"
#include "pool.h"
#include "publish.h"
#include "render.h"
#include "site_int.h"
#include "srclink.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_DEPTH 64		/* folders below SRC walked into (fds held) */
#define STR_(x) #x
#define STR(x) STR_(x)

/* One build's state. */
struct job {
	const struct site_config *cfg;
	struct site_stats *stats;
	struct docs *docs;	/* the page list, layout and nav */
	struct pool *pool;	/* owned: the build's threads, or NULL */
	struct render *render;	/* renders the pages (render.h) */
	struct render_dir *rdir;	/* the folder walked, for render */
	char *out_rel;		/* owned: out relative to src, or NULL */
	char *err;
	size_t errlen;
	int code;		/* the errno err tells of (0: EINVAL) */
	bool incremental;	/* render only the changed pages */
	struct delta out;	/* what the build changed (delta.h) */
	struct outnames *names;	/* output names made in the folder walked */
	struct strmap changed;	/* cfg->changed (value: j) and the links to
				   files (&file_links); keys borrowed */
	struct srclink_rules links;	/* which symlinks are published */
	struct strlist visited;	/* "dev:ino", rel of each folder walked */
	struct strmap seen;	/* "dev:ino" -> rel (borrowed from visited) */
	struct strlist linked;	/* symlinks to folders, walked last */
	struct strlist file_links;	/* symlinks to files (in changed) */
	unsigned skipped;	/* paths skipped with a warning */
	int depth;
};
static int
fail(struct job *j, const char *what, const char *path)
{
	j->code = errno;
	snprintf(j->err, j->errlen, "%s '%s': %s", what, path,
	    strerror(j->code));
	return -1;
}

/* Say that rel is skipped and why: on full builds, and when rel changed
 * (not again on each edit of a page); each counts for --strict, which
 * shows them all. */
static void
skip(struct job *j, const char *rel, const char *why)
{
	char msg[PATH_MAX + 128];

	j->skipped++;
	if (!j->cfg->warn || (j->cfg->changed && !j->cfg->strict &&
	    !strmap_get(&j->changed, rel)))
		return;
	snprintf(msg, sizeof msg, "skipping '%s': %s", rel, why);
	j->cfg->warn(j->cfg->warn_arg, msg);
}

/* Is this source name published? */
static bool
published(struct job *j, const char *name, const char *rel)
{
	if ((name[0] == '_' && !hostfiles_is(rel)) || name[0] == '.' ||
	    ignore_is_editor_temp(name))
		return false;
	if (j->out_rel && !strcmp(rel, j->out_rel))
		return false;
	return !j->cfg->ign || !ignore_match(j->cfg->ign, rel);
}

static int walk(struct job *j, int srcfd, int dstfd, int livefd,
    const char *rel);

/* Publish the source folder name (rel) into a new folder below dstfd. */
static int
build_dir(struct job *j, int srcfd, int dstfd, int livefd, const char *name,
    const char *rel)
{
	int in, sub = -1, live = -1, ret;

	in = openat(srcfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (in < 0)
		return errno == ENOENT ? 0 : fail(j, "cannot read", rel);
	if (outnames_claim(j->names, rel, name, j->err, j->errlen) < 0) {
		ret = -1;
	} else if (!faccessat(in, IGNORE_OUTPUT_MARKER, F_OK, 0)) {
		ret = 0;	/* another tend's output: not published */
	} else if (delta_stage_dir(&j->out, dstfd, name, &sub) < 0) {
		ret = fail(j, "cannot create", rel);
	} else {
		live = delta_open_live(&j->out, livefd, name, rel);
		ret = walk(j, in, sub, live, rel);
	}
	if (sub >= 0)
		close(sub);
	if (live >= 0)
		close(live);
	close(in);
	return ret;
}

/*
 * Publish one regular file of a source folder (st: its stat, NULL for a
 * page; livefd: the same folder in the live generation, or -1). It is
 * opened only if it must be rendered or copied. A page to render goes to
 * render.h (the worker threads): the walk keeps the bookkeeping, and
 * render_page() reserves the page's place in the written list now, in walk
 * order, so the output and the list are those of a one-thread build.
 */
static int
build_file(struct job *j, int srcfd, int dstfd, int livefd, const char *name,
    const char *rel, const struct stat *st)
{
	const char *html = NULL;
	int ret;

	if (page_is_markdown(name) && !(html = docs_out_name(j->docs, rel)))
		return 0;	/* a draft, left out */
	if (outnames_claim(j->names, rel, html ? html : name, j->err,
	    j->errlen) < 0)
		return -1;
	if (html) {
		if (j->incremental && !strmap_get(&j->changed, rel) &&
		    !docs_must_render(j->docs, rel) &&
		    delta_reuse(&j->out, livefd, dstfd, html, NULL, NULL)) {
			j->stats->pages++;	/* not rendered: unchanged */
			return 0;
		}
	} else if (strmap_get(&j->changed, rel) != j && delta_reuse(&j->out,
	    livefd, dstfd, name, delta_same_copy, st)) {
		j->stats->files++;
		return 0;
	}
	if (html)
		return render_page(j->render, &j->rdir, srcfd, dstfd, livefd,
		    name, html, rel);
	ret = site_stage_copy(&j->out, srcfd, dstfd, name, rel, st, j->err,
	    j->errlen);
	if (ret < 0)
		j->code = errno;
	j->stats->files += ret > 0;
	return ret < 0 ? -1 : 0;
}

/* Publish one entry of a source folder (livefd: the same folder in the
 * live generation, or -1). A page needs no stat: it is read if rendered. */
static int
build_entry(struct job *j, int srcfd, int dstfd, int livefd,
    const struct dirent *e, const char *rel)
{
	const char *name = e->d_name;
	struct stat st;

	if (e->d_type == DT_REG && page_is_markdown(name))
		return build_file(j, srcfd, dstfd, livefd, name, rel, NULL);
	if (fstatat(srcfd, name, &st, 0) < 0)
		return errno == ENOENT ? 0 : fail(j, "cannot read", rel);
	if (S_ISDIR(st.st_mode))
		return build_dir(j, srcfd, dstfd, livefd, name, rel);
	if (S_ISREG(st.st_mode))
		return build_file(j, srcfd, dstfd, livefd, name, rel, &st);
	return 0;	/* sockets, fifos, devices: not published */
}

/*
 * The source path of the folder open as fd if it was walked in this build,
 * else NULL; with rel, the folder is noted as walked now, as rel.
 */
static const char *
visited(struct job *j, int fd, const char *rel)
{
	struct stat st;
	char key[64];
	const char *was;

	if (fstat(fd, &st) < 0)
		return NULL;
	snprintf(key, sizeof key, "%jx:%jx", (uintmax_t)st.st_dev,
	    (uintmax_t)st.st_ino);
	if ((was = strmap_get(&j->seen, key)) || !rel)
		return was;
	strlist_add(&j->visited, key);
	strlist_add(&j->visited, rel);
	strmap_put(&j->seen, j->visited.items[j->visited.len - 2],
	    j->visited.items[j->visited.len - 1]);
	return NULL;
}

/*
 * May the symlink rel be published? A file: yes, and it counts as changed
 * (an edit of its target is reported under the target's name). A folder is
 * queued in j->linked, to be walked after the rest (so a folder of SRC is
 * published under its own name, and once). Else it is skipped with a
 * warning.
 */
static bool
link_is_file(struct job *j, const char *rel)
{
	char *path = fs_join(j->cfg->src, rel);
	const char *why;
	enum srclink_kind kind = srclink_classify(&j->links, path, &why, NULL);

	free(path);
	if (kind == SRCLINK_SKIP)
		skip(j, rel, why);
	else if (kind == SRCLINK_FOLDER)
		strlist_add(&j->linked, rel);
	if (kind != SRCLINK_FILE)
		return false;
	strlist_add(&j->file_links, rel);
	if (!strmap_get(&j->changed, rel))	/* j: named by the change */
		strmap_put(&j->changed,
		    j->file_links.items[j->file_links.len - 1],
		    &j->file_links);
	return true;
}

/* Skip the link rel to the folder published as was: a loop if was holds
 * it. */
static void
skip_visited(struct job *j, const char *rel, const char *was)
{
	size_t n = strlen(was);
	char *why;

	if (!n || (!strncmp(rel, was, n) && rel[n] == '/'))
		why = xasprintf("a symlink loop (it links to '%s')",
		    n ? was : ".");
	else
		why = xasprintf("it links to '%s', published already", was);
	skip(j, rel, why);
	free(why);
}

/* Publish every entry of the source folder srcfd into dstfd, in the
 * order of their names' bytes (not the file system's): the same site
 * makes the same output (the search index's page ids; the pair an error
 * names when two sources make one output name) on any machine. */
static int
walk(struct job *j, int srcfd, int dstfd, int livefd, const char *rel)
{
	struct dirent **v = NULL, *e;
	int n = fs_entries(srcfd, &v), ret = 0;
	const char *was;
	struct outnames names = OUTNAMES_INIT, *up = j->names;
	struct render_dir *up_dir = j->rdir;
	struct strlist files = STRLIST_INIT, dirs = STRLIST_INIT;
	const struct strlist *up_live = j->out.live_files;

	if (n < 0)
		return fail(j, "cannot read", *rel ? rel : j->cfg->src);
	if (j->depth >= MAX_DEPTH) {
		skip(j, rel, "more than " STR(MAX_DEPTH) " folders deep");
		fs_entries_free(v, n);
		return 0;
	}
	if ((was = visited(j, srcfd, rel))) {
		skip_visited(j, rel, was);	/* a bind mount, say */
		fs_entries_free(v, n);
		return 0;
	}
	j->depth++;
	j->names = &names;
	j->rdir = NULL;
	if (livefd >= 0)
		delta_read_live(livefd, &files, &dirs);
	j->out.live_files = livefd >= 0 ? &files : NULL;
	for (int i = 0; !ret && i < n; i++) {
		char *child = *rel ? fs_join(rel, v[i]->d_name)
				   : xstrdup(v[i]->d_name);
		size_t queued = j->linked.len;

		e = v[i];
		if (j->cfg->should_abort &&
		    j->cfg->should_abort(j->cfg->abort_arg)) {
			snprintf(j->err, j->errlen, "build aborted");
			j->code = ECANCELED;
			ret = -1;
		} else if (!published(j, e->d_name, child)) {
			;
		} else if (!srclink_is(srcfd, e) || link_is_file(j, child)) {
			ret = build_entry(j, srcfd, dstfd, livefd, e,
			    child);
		} else if (j->linked.len > queued) {	/* walked last */
			ret = outnames_claim(&names, child, e->d_name, j->err,
			    j->errlen);
		}
		free(child);
	}
	if (!ret && !*rel && docs_out_path(j->docs, NAVTREE_HOME))
		ret = build_file(j, srcfd, dstfd, livefd, NAVTREE_HOME,
		    NAVTREE_HOME, NULL);	/* the home page (book.h) */
	if (!ret && !*rel && notfound_stage(j->docs, &j->out, &names, srcfd,
	    dstfd, livefd) < 0)	/* the site's 404 page (notfound.h) */
		ret = fail(j, "cannot write", NOTFOUND_NAME);
	if (!ret && !*rel && bookalias_stage(j->docs, &j->out, &names, dstfd,
	    livefd) < 0)	/* a first chapter's old name (bookalias.h) */
		ret = fail(j, "cannot write the old name of",
		    docs_home_source(j->docs));
	j->depth--;
	j->names = up;
	render_dir_release(j->rdir);
	j->rdir = up_dir;
	j->out.live_files = up_live;
	fs_entries_free(v, n);
	if (!ret && livefd >= 0)
		delta_removed(&j->out, rel, &names.names, &files, &dirs);
	outnames_clear(&names);
	strlist_clear(&files);
	strlist_clear(&dirs);
	return ret;
}

/*
 * Walk the symlinked folders that walk() queued (more may be queued on the
 * way), below the roots srcfd, dstfd and livefd: a folder already walked is
 * skipped, so each folder is published once however many links lead to it.
 */
static int
walk_linked(struct job *j, int srcfd, int dstfd, int livefd)
{
	int ret = 0;

	for (size_t i = 0; !ret && i < j->linked.len; i++) {
		const char *rel = j->linked.items[i], *was;
		int in, sub = -1, live = -1;

		in = openat(srcfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (in < 0) {
			if (errno != ENOENT && errno != ENOTDIR)
				ret = fail(j, "cannot read", rel);
			continue;	/* else changed meanwhile */
		}
		if ((was = visited(j, in, NULL))) {
			skip_visited(j, rel, was);
		} else if (delta_stage_dir(&j->out, dstfd, rel, &sub) < 0) {
			ret = fail(j, "cannot create", rel);
		} else {
			live = delta_open_live(&j->out, livefd, rel, rel);
			j->depth = 1;	/* rel's folders */
			for (const char *p = rel; (p = strchr(p, '/')); p++)
				j->depth++;
			ret = walk(j, in, sub, live, rel);
		}
		close(in);
		if (sub >= 0)
			close(sub);
		if (live >= 0)
			close(live);
	}
	return ret;
}

/* Count the warnings (errors with --strict); save the page cache. */
static int
finish_docs(struct job *j, int dstfd)
{
	unsigned n = docs_warnings(j->docs) + j->skipped;

	if (n && j->cfg->strict) {
		snprintf(j->err, j->errlen, "%u warning%s, and --strict makes "
		    "them errors", n, n == 1 ? "" : "s");
		return -1;
	}
	return docs_save(j->docs, dstfd) < 0 ? fail(j, "cannot write",
	    ".tend-pages") : 0;
}

/* The worker threads of this build (cfg->jobs), shared by the page scan
 * (docs.h) and the render (render.h): 0, or -1 with a message in err. */
static int
start_pool(struct job *j)
{
	if (j->cfg->jobs < 2 || (j->pool = pool_new(j->cfg->jobs)))
		return 0;
	j->code = errno;
	snprintf(j->err, j->errlen, "cannot start the page workers: %s",
	    strerror(j->code));
	return -1;
}

/*
 * Stage the site into a fresh staging folder: all of it, reusing unchanged
 * files of the live generation, or (a delta build) only what changed. The
 * pages render on the build's pool (render.h).
 */
static int
stage(struct job *j, struct publish *pub)
{
	struct render_config rc = { .docs = j->docs, .out = &j->out,
		.pages = &j->stats->pages, .pool = j->pool, .err = j->err,
		.workers = j->pool ? j->cfg->jobs : 1, .warn = j->cfg->warn,
		.should_abort = j->cfg->should_abort, .live_out = j->cfg->out,
		.abort_arg = j->cfg->abort_arg, .errlen = j->errlen,
		.warn_arg = j->cfg->warn_arg, .code = &j->code };
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
	j->out.delta = j->incremental && livefd >= 0;
	j->out.stagefd = dstfd;
	rc.pages_hint = docs_render_hint(j->docs, j->incremental);
	j->render = render_new(&rc);
	ret = walk(j, srcfd, dstfd, livefd, "");
	if (!ret)
		ret = walk_linked(j, srcfd, dstfd, livefd);
	ret = render_finish(j->render, ret == 0);	/* no page job runs on */
	if (!ret && hostfiles_stage_nojekyll(&j->out, dstfd, livefd) < 0)
		ret = fail(j, "cannot write", HOSTFILES_NOJEKYLL);
	if (!ret)
		ret = finish_docs(j, dstfd);
	if (!ret && delta_stage_cache(&j->out, DOCS_CACHE_NAME) < 0)
		ret = fail(j, "cannot write", DOCS_CACHE_NAME);
	render_free(j->render);
	j->render = NULL;
	if (livefd >= 0)
		close(livefd);
out:
	if (srcfd >= 0)
		close(srcfd);
	if (dstfd >= 0)
		close(dstfd);
	return ret;
}

/* Is the folder at rel below SRC published under its own name (each of
 * its segments is)? */
static bool
published_as_is(struct job *j, const char *rel)
{
	char *p = xstrdup(rel), *seg = p, *end;
	bool ok = true;

	for (; ok && seg; seg = end ? end + 1 : NULL) {
		if ((end = strchr(seg, '/')))
			*end = '\0';
		ok = published(j, seg, p);
		if (end)
			*end = '/';
	}
	free(p);
	return ok;
}

/*
 * docs.h asks which entries are published (for the nav): as the walk
 * decides, symlinks included. A link to a folder of SRC that is published
 * under its own name (or SRC itself) is not: the walk skips it.
 */
static bool
is_published(void *arg, const char *name, const char *rel, bool link)
{
	struct job *j = arg;
	char *path, *real = NULL;
	const char *why, *in;
	enum srclink_kind kind;
	struct stat st;
	bool ok;

	if (!published(j, name, rel))
		return false;
	if (!link)
		return true;
	path = fs_join(j->cfg->src, rel);
	ok = lstat(path, &st) < 0 || !S_ISLNK(st.st_mode);
	if (!ok) {
		kind = srclink_classify(&j->links, path, &why, &real);
		in = real ? path_below(real, j->links.src) : NULL;
		ok = kind == SRCLINK_FILE || (kind == SRCLINK_FOLDER &&
		    !(in && (!*in || published_as_is(j, in))));
	}
	free(real);
	free(path);
	return ok;
}

/* srclink.h asks whether a link's target in SRC is published. */
static bool
link_target_published(void *arg, const char *name, const char *rel)
{
	return published(arg, name, rel);
}

/* Resolve SRC and the output folder, and index the changed paths, for
 * the walk. */
static int
prepare(struct job *j)
{
	const struct strlist *changed = j->cfg->changed;

	if (srclink_rules_init(&j->links, j->cfg->src, j->cfg->out,
	    j->cfg->follow_symlinks) < 0)
		return fail(j, "cannot open", j->cfg->src);
	j->links.published = link_target_published;
	j->links.arg = j;
	for (size_t i = 0; changed && i < changed->len; i++)
		strmap_put(&j->changed, changed->items[i], j);
	return 0;
}

int
site_walk(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen, struct search *s)
{
	struct job j = { .cfg = cfg, .stats = stats, .err = err,
		.errlen = errlen, .changed = STRMAP_INIT,
		.visited = STRLIST_INIT, .seen = STRMAP_INIT,
		.linked = STRLIST_INIT, .file_links = STRLIST_INIT,
		.out = { .stagefd = -1, .live = cfg->live, .search = s } };
	struct docs_config dc = { .src = cfg->src, .live = cfg->out,
		.published = is_published, .arg = &j, .drafts = cfg->drafts,
		.changed = cfg->changed, .warn = cfg->warn,
		.warn_arg = cfg->warn_arg, .should_abort = cfg->should_abort,
		.abort_arg = cfg->abort_arg, .include = cfg->include };
	struct publish pub = PUBLISH_INIT;
	const char *out_rel = path_below(cfg->out, cfg->src);
	int ret = -1;

	*stats = (struct site_stats){ 0 };
	/* out relative to src when it lies below it, else NULL */
	j.out_rel = out_rel && *out_rel ? xstrdup(out_rel) : NULL;
	if ((j.code = -publish_open(&pub, cfg->out, err, errlen)) > 0)
		goto out;	/* -EEXIST: a folder tend will not replace */
	if (prepare(&j) < 0 || start_pool(&j) < 0)
		goto out;
	dc.pool = j.pool;
	if (docs_open(&dc, &j.docs, err, errlen) < 0) {
		j.code = errno;
		goto out;
	}
	j.incremental = cfg->changed && !theme_touched(cfg->changed);
	if (stage(&j, &pub) == 0) {
		ret = delta_commit(&j.out, &pub);
		stats->partial = ret < 0 && pub.partial;
		if (ret < 0)
			snprintf(err, errlen, "%s", pub.msg);
		else if (pub.msg && cfg->warn)
			cfg->warn(cfg->warn_arg, pub.msg);
	}
	if (ret < 0)
		publish_discard(&pub);
	else if (outputs)
		delta_outputs(&j.out, outputs);
	if (!ret && cfg->memo) {	/* the caller's now (quick.c) */
		docs_rebind(j.docs, NULL);	/* dc and j end here */
		cfg->memo->docs = j.docs;
		cfg->memo->links = j.file_links.len || j.linked.len;
		j.docs = NULL;
	}
out:
	publish_close(&pub);
	docs_close(j.docs);
	pool_free(j.pool);
	free(j.out_rel);
	srclink_rules_release(&j.links);
	strmap_clear(&j.changed);
	strmap_clear(&j.seen);
	strlist_clear(&j.visited);
	strlist_clear(&j.linked);
	strlist_clear(&j.file_links);
	delta_release(&j.out);
	return ret < 0 ? -(j.code ? j.code : EINVAL) : 0;
}
