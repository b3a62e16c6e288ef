/* docs.c - the page list of a build: scan, cache, render; kept for the next */
#include "docs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "nav.h"
#include "pagecache.h"
#include "pool.h"
#include "strmap.h"
#include "theme.h"
#include "walk.h"
#include "xalloc.h"
#include "banned.h"

#define SCAN_POOL_MIN 64	/* fewer pages to read are read inline */
#define SCAN_BATCH 16		/* pages a pool job reads (fewer hand-offs) */
#define WAIT_MS 20		/* how often should_abort() is polled */

struct docs {
	/* Of the config, what outlives docs_open() (docs_rebind() sets them
	 * anew): the config itself is not kept, it is the caller's. */
	layout_warn_fn *warn;	/* may be NULL */
	void *warn_arg;
	size_t n_changed;	/* the changed paths (0: a full build) */
	const struct include_src *include;	/* the config's */
	char *layout_text;	/* owned: SRC/_layout.html, or NULL */
	struct layout layout;
	struct nav *nav;
	struct book book;	/* _tend.yml, SUMMARY.md, the home page */
	struct pagecache old;	/* the live generation's, while scanning */
	uint64_t sig, names_sig;	/* this build's (nav.h) */
	bool nav_changed, names_changed;
	bool shows_nav;		/* the layout shows the nav or the pager */
	struct strmap must;	/* pages whose nav or pager changed (keys:
				   the nav's src strings) */
	size_t n_must;
	struct buf cache;	/* the new cache's page lines */
	struct scanned *scan;	/* owned: the pages the scan found */
	size_t n_scan, cap_scan;
	unsigned warnings;
};

/* Count a warning and pass it on (one at a time: pages render on
 * several threads). */
static void
warn(void *arg, const char *msg)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct docs *d = arg;

	pthread_mutex_lock(&lock);
	d->warnings++;
	if (d->warn)
		d->warn(d->warn_arg, msg);
	pthread_mutex_unlock(&lock);
}

/* What a page's front matter and first heading say of it: flags (1: has
 * an order, 2: a draft), order, and the title (a new string). */
static int
page_meta(const char *md, size_t len, const char *rel, double *order,
    char **title)
{
	struct front_matter fm;
	const char *t;
	int flags;

	*order = 0;
	fm_parse(md, len, &fm);
	flags = fm_order(&fm, order) | fm_draft(&fm) << 1;
	if ((t = fm_get(&fm, "title")) && *t)
		*title = xstrdup(t);
	else
		*title = page_first_heading(fm.body, fm.body_len);
	if (!*title)
		*title = page_fallback_title(rel);
	fm_release(&fm);
	return flags;
}

/* A page found by the scan, in walk order (read later, on the pool). */
struct scanned {
	char *rel;		/* owned */
	struct page_key key;	/* unknown (stat when read) if !statted */
	bool statted, read, gone;	/* must be read; could not be */
	bool too_big;		/* over DOCS_SOURCE_MAX */
	int flags;
	double order;
	char *title;		/* owned */
	int srcfd;		/* for the job: SRC */
	struct pool *pool;	/* for the job: stopped? */
	struct scanned *next;	/* the next page of its batch */
};

/* The scan of docs_open(): the docs being made and its config (borrowed
 * for the call). */
struct scan {
	struct docs *d;
	const struct docs_config *c;
};

/* Note the page rel (its stat key k, or NULL: taken when it is read): its
 * title, order and flags come from the cache if it is as the cache says,
 * else it is read later. */
static void
scan_page(struct scan *s, const char *rel, const struct page_key *k)
{
	struct docs *d = s->d;
	const struct page_cached *c = k ? pagecache_get(&d->old, rel) : NULL;
	struct scanned *p;

	if (d->n_scan == d->cap_scan) {
		d->cap_scan = d->cap_scan ? 2 * d->cap_scan : 64;
		d->scan = xrealloc(d->scan, d->cap_scan * sizeof *d->scan);
	}
	p = &d->scan[d->n_scan++];
	*p = (struct scanned){ .rel = xstrdup(rel), .statted = k != NULL,
		.read = true };
	if (k)
		p->key = *k;
	if (c && page_key_eq(&c->key, &p->key) &&
	    !(s->c->changed && strlist_has(s->c->changed, rel))) {
		p->read = false;
		p->flags = c->flags;
		p->order = c->order;
		p->title = xstrdup(c->title);
	}
}

/* Read a scanned page for its title, order and flags (a pool job). */
static void
read_page(void *arg)
{
	struct scanned *p = arg;
	struct stat st;
	char *md = NULL;
	size_t len;
	int fd = openat(p->srcfd, p->rel, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0 || fs_read_fd_max(fd, DOCS_SOURCE_MAX, &md, &len,
	    &st) < 0 || !S_ISREG(st.st_mode)) {
		p->too_big = fd >= 0 && !md && errno == EFBIG;
		p->gone = true;	/* gone or unreadable: the walk reports it */
		if (fd >= 0)
			close(fd);
		free(md);
		return;
	}
	close(fd);
	if (!p->statted)
		p->key = page_key_of(&st);
	p->flags = page_meta(md, len, p->rel, &p->order, &p->title);
	free(md);
}

/* A pool job: read a batch of scanned pages; after an abort the rest are
 * left (stopped between pages). */
static void
read_batch(void *arg)
{
	for (struct scanned *p = arg; p && !pool_aborted(p->pool); p = p->next)
		read_page(p);
}

static bool
aborted(const struct scan *s)
{
	return s->c->should_abort && s->c->should_abort(s->c->abort_arg);
}

/* Wait for the pool's jobs, polling should_abort(); on true stop the pool
 * (running jobs end). 0, or -1 if aborted. */
static int
wait_pool(const struct scan *s, struct pool *pool)
{
	while (pool_wait(pool, 0, WAIT_MS) < 0) {
		if (aborted(s)) {
			pool_abort(pool);
			pool_wait(pool, 0, -1);
			return -1;
		}
	}
	return 0;
}

/* Read the scanned pages that must be (on the pool when there are many),
 * then add every page to the cache and the nav, in walk order. 0, or
 * -ECANCELED or -EFBIG (a page too big) with a message in err. */
static int
read_pages(struct scan *s, int srcfd, char *err, size_t errlen)
{
	struct docs *d = s->d;
	struct pool *pool = NULL;
	struct scanned *batch = NULL, **end = &batch;
	size_t n = 0;

	for (size_t i = 0; i < d->n_scan; i++)
		n += d->scan[i].read;
	if (n >= SCAN_POOL_MIN)
		pool = s->c->pool;
	for (size_t i = 0, k = 0; i < d->n_scan; i++) {
		struct scanned *p = &d->scan[i];

		p->srcfd = srcfd;
		p->pool = pool;
		if (!p->read)
			continue;
		if (!pool) {
			if (aborted(s))
				goto aborted;
			read_page(p);
			continue;
		}
		*end = p;	/* pages go to the pool SCAN_BATCH at a time */
		end = &p->next;
		if (++k % SCAN_BATCH == 0) {
			pool_add(pool, read_batch, batch);
			batch = NULL;
			end = &batch;
		}
	}
	if (batch)
		pool_add(pool, read_batch, batch);
	if (pool && wait_pool(s, pool) < 0)
		goto aborted;
	for (size_t i = 0; i < d->n_scan; i++) {
		struct scanned *p = &d->scan[i];

		if (p->too_big) {
			snprintf(err, errlen, "page '%s' is over %s", p->rel,
			    DOCS_SOURCE_MAX_STR);
			return -EFBIG;
		}
		if (p->gone || book_skips(&d->book, p->rel))
			continue;
		if (!(p->flags & 2) || s->c->drafts)
			nav_add(d->nav, p->rel, p->title, p->flags & 1,
			    p->order, p->flags & 2);
		else
			nav_hide(d->nav, p->rel);	/* SUMMARY.md's draft */
	}
	return 0;
aborted:
	snprintf(err, errlen, "build aborted");
	return -ECANCELED;
}

static void
free_scan(struct docs *d)
{
	for (size_t i = 0; i < d->n_scan; i++) {
		free(d->scan[i].rel);
		free(d->scan[i].title);
	}
	free(d->scan);
	d->scan = NULL;
	d->n_scan = d->cap_scan = 0;
}

/*
 * With the nav finished: the cache line of each scanned page, with what
 * its nav and pager show now; a page that shows something else than the
 * last build says goes into d->must (rendered again by an incremental
 * build). Then the scan is freed.
 */
static void
cache_pages(struct docs *d)
{
	for (size_t i = 0; i < d->n_scan; i++) {
		struct scanned *p = &d->scan[i];
		const struct nav_page *np = nav_find(d->nav, p->rel);
		const struct page_cached *old;
		uint64_t sig = 0;

		old = pagecache_get(&d->old, p->rel);
		if (np && d->shows_nav && !d->nav_changed && old && old->nav)
			sig = old->nav;	/* the same nav: the same signature */
		else if (np && d->shows_nav)
			sig = nav_page_signature(d->nav, np);
		if (np && d->shows_nav && d->nav_changed &&
		    (!old || old->nav != sig))
			d->n_must += !strmap_put(&d->must, np->src, d);
		if (!p->gone)
			pagecache_line(&d->cache, p->rel, &p->key, p->flags,
			    p->order, sig, p->title);
	}
	free_scan(d);
}

/* An entry of SRC that the build publishes (for a folder: walks). */
static bool
published(const struct scan *s, const struct walk_entry *e)
{
	return s->c->published(s->c->arg, e->name, e->rel, e->link);
}

/*
 * In an incremental build, a page the change does not name is as the cache
 * says (the watcher reports every change): its cached line, or NULL.
 */
static const struct page_cached *
trusted(const struct scan *s, const char *rel)
{
	const struct page_cached *c = s->c->changed ?
	    pagecache_get(&s->d->old, rel) : NULL;

	return c && !strlist_has(s->c->changed, rel) ? c : NULL;
}

/* A page is scanned; a folder is walked if it is published. */
static enum walk_action
scan_entry(const struct walk_entry *e, void *arg)
{
	struct scan *s = arg;
	const struct page_cached *c;
	struct page_key k;
	struct stat st;

	if (e->type == WALK_DIR)
		return published(s, e) ? WALK_NEXT : WALK_SKIP;
	/* Cheap first: most files are not pages (no stat made for them). */
	if (e->type != WALK_FILE || !page_is_markdown(e->name) ||
	    !published(s, e))
		return WALK_NEXT;
	if (e->st) {
		k = page_key_of(e->st);
		scan_page(s, e->rel, &k);
	} else if (!e->link && !pagecache_get(&s->d->old, e->rel)) {
		scan_page(s, e->rel, NULL);	/* read anyway: stat then */
	} else if (!e->link && (c = trusted(s, e->rel))) {
		scan_page(s, e->rel, &c->key);
	} else if (fstatat(e->dirfd, e->name, &st, 0) == 0) {
		k = page_key_of(&st);
		scan_page(s, e->rel, &k);
	}
	return WALK_NEXT;
}

/* A published folder that was not scanned (a symlink loop, too deep,
 * unreadable) is a warning. */
static void
scan_problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	struct scan *s = arg;
	const char *slash = strrchr(rel, '/');
	char *msg;

	if (!s->c->published(s->c->arg, slash ? slash + 1 : rel, rel, true))
		return;
	msg = xasprintf("'%s' not scanned for pages: %s%s%s", rel,
	    walk_problem_str(what), err ? ": " : "", err ? strerror(err) : "");
	warn(s->d, msg);
	free(msg);
}

/* The walk's stop(): polls should_abort(). */
static bool
scan_stop(void *arg)
{
	return aborted(arg);
}

int
docs_read_source(int dirfd, const char *name, char **data, size_t *len)
{
	return fs_read_file_max(dirfd, name, DOCS_SOURCE_MAX, data, len);
}

/* Take what outlives the call of c (NULL: nothing). */
static void
bind(struct docs *d, const struct docs_config *c)
{
	d->warn = c ? c->warn : NULL;
	d->warn_arg = c ? c->warn_arg : NULL;
	d->n_changed = c && c->changed ? c->changed->len : 0;
	d->include = c ? c->include : NULL;
}

int
docs_open(const struct docs_config *c, struct docs **out, char *err,
    size_t errlen)
{
	struct docs *d = xcalloc(1, sizeof *d);
	struct scan s = { d, c };
	char *cache = fs_join(c->live, DOCS_CACHE_NAME);
	struct walk_ops ops = { .visit = scan_entry, .problem = scan_problem,
		.stop = scan_stop, .arg = &s,
		.flags = WALK_FOLLOW | WALK_LINKS_LAST };
	int fd = open(c->src, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r, code;

	bind(d, c);
	err[0] = '\0';
	if (fd < 0 || theme_load(fd, DOCS_SOURCE_MAX, DOCS_SOURCE_MAX_STR,
	    &d->layout_text, &d->layout, warn, d, err, errlen) < 0) {
		code = errno;
		if (fd < 0)
			snprintf(err, errlen, "cannot read '%s': %s", c->src,
			    strerror(code));
		else
			close(fd);
		free(cache);
		free(d);
		errno = code;
		return -1;
	}
	d->nav = nav_new();
	pagecache_load(&d->old, cache);
	free(cache);
	if ((r = walk_tree_fd(fd, "", &ops)) < 0) {
		code = errno;
		snprintf(err, errlen, "cannot read '%s': %s", c->src,
		    strerror(code));
	} else if (r > 0) {
		code = ECANCELED;
		snprintf(err, errlen, "build aborted");
	} else if (book_open(&d->book, fd, c->src, d->nav, warn, d, err,
	    errlen) < 0) {
		code = errno;
	} else {
		code = -read_pages(&s, fd, err, errlen);
	}
	close(fd);
	if (code) {
		docs_close(d);
		errno = code;
		return -1;
	}
	nav_finish(d->nav, warn, d);
	book_finish(&d->book, d->nav);
	d->sig = nav_signature(d->nav);
	d->names_sig = nav_names_signature(d->nav);
	d->nav_changed = !d->old.loaded || d->old.sig != d->sig;
	d->names_changed = !d->old.loaded || d->old.names != d->names_sig;
	d->shows_nav = layout_uses(&d->layout, LAYOUT_NAV) ||
	    layout_uses(&d->layout, LAYOUT_PREV) ||
	    layout_uses(&d->layout, LAYOUT_NEXT);
	cache_pages(d);
	pagecache_forget(&d->old);
	*out = d;
	return 0;
}

void
docs_rebind(struct docs *d, const struct docs_config *c)
{
	bind(d, c);
	d->warnings = 0;
	d->nav_changed = d->names_changed = false;
	strmap_clear(&d->must);
	d->n_must = 0;
	free(d->cache.p);	/* saved already */
	d->cache = (struct buf)BUF_INIT;
}

bool
docs_shows_same(const struct docs *d, const char *rel, const char *md,
    size_t len)
{
	const struct nav_page *p = nav_find(d->nav, rel);
	char *title;
	double order;
	int flags = page_meta(md, len, rel, &order, &title);
	bool same = p && !strcmp(p->title, title) &&
	    p->has_order == (flags & 1) && p->draft == !!(flags & 2) &&
	    (!(flags & 1) || p->order == order);

	free(title);
	return same;
}

const char *
docs_out_path(const struct docs *d, const char *rel)
{
	const struct nav_page *p = nav_find(d->nav, rel);

	return p ? p->out : NULL;
}

const char *
docs_home_source(const struct docs *d)
{
	const struct nav_page *p = nav_root_index(d->nav);

	return p ? p->src : NULL;
}

const char *
docs_out_name(const struct docs *d, const char *rel)
{
	const char *path = docs_out_path(d, rel), *slash;

	if (!path)
		return NULL;
	slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

bool
docs_must_render(const struct docs *d, const char *rel)
{
	return d->names_changed || strmap_get(&d->must, rel) != NULL ||
	    (d->nav_changed && !strcmp(rel, NAVTREE_HOME));
}

static const char *
link_target(void *arg, const char *src)
{
	const struct nav_page *p = nav_find(arg, src);

	return p ? p->out : NULL;
}

size_t
docs_render_hint(const struct docs *d, bool incremental)
{
	if (!incremental || d->names_changed)
		return nav_count(d->nav);
	return d->n_must + d->n_changed;
}

int
docs_render(struct docs *d, const char *md, size_t len, const char *rel,
    struct page *out)
{
	const struct nav_page *p = nav_find(d->nav, rel);
	struct buf nav = BUF_INIT, prev = BUF_INIT, next = BUF_INIT;
	char *root = nav_root_prefix(rel), *edit, *fallback = page_fallback_title(rel);
	struct page_in in = { .md = md, .len = len, .rel = rel, .root = root,
		.fallback_title = fallback, .layout = &d->layout, .warn = warn,
		.draft = p && p->draft, .link = link_target, .warn_arg = d,
		.link_arg = d->nav, .include = d->include };
	int r;

	book_page(&d->book, rel, &in, &edit);
	if (p && layout_uses(&d->layout, LAYOUT_NAV))
		nav_render(d->nav, p, root, &nav);
	if (p && layout_uses(&d->layout, LAYOUT_PREV))
		nav_prev(d->nav, p, root, &prev);
	if (p && layout_uses(&d->layout, LAYOUT_NEXT))
		nav_next(d->nav, p, root, &next);
	in.nav = nav.p;
	in.prev = prev.p;
	in.next = next.p;
	r = page_render(&in, out);
	free(nav.p);
	free(prev.p);
	free(next.p);
	free(root);
	free(fallback);
	free(edit);
	return r;
}

int
docs_save(const struct docs *d, int dirfd)
{
	return pagecache_save(dirfd, DOCS_CACHE_NAME, d->sig, d->names_sig,
	    &d->cache);
}

unsigned
docs_warnings(const struct docs *d)
{
	return d->warnings;
}

void
docs_close(struct docs *d)
{
	if (!d)
		return;
	free_scan(d);
	layout_release(&d->layout);
	strmap_clear(&d->must);
	nav_free(d->nav);
	book_release(&d->book);
	pagecache_forget(&d->old);
	free(d->layout_text);
	free(d->cache.p);
	free(d);
}
