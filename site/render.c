/* render.c - a build's pages on the worker pool */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bug.h"
#include "fsutil.h"
#include "mathassets.h"
#include "navtree.h"
#include "pool.h"
#include "search.h"
#include "site_int.h"
#include "xalloc.h"
#include "banned.h"

#define WAIT_MS 20		/* how often should_abort() is polled */
#define BATCH_MIN 8		/* pages a pool job renders, at least (one
				   hand-off between threads per batch) ... */
#define BATCH_MAX 128		/* ... and at most */
#define BATCHES_PER_WORKER 4	/* a build's pages, cut in about this many
				   batches per worker (an even end) */
#define PENDING_MAX 16		/* batches queued or running, at most: a
				   batch holds at most BATCH_MIN + 1 folders'
				   3 descriptors */

/* A folder's descriptors (duplicates), held by the walk and its queued
 * pages; the last one to let go closes them. */
struct render_dir {
	atomic_int refs;
	int srcfd, dstfd, livefd;
};

/* A queued page. Its strings follow it in the same allocation. */
struct page_job {
	struct render *r;
	struct render_dir *dir;
	int tfd;		/* where it is written: dstfd or stagefd */
	const char *name, *html, *rel, *target;
	size_t slot;		/* its entry in the written list */
	struct page_job *next;	/* the next page of its batch */
	enum page_state state;	/* set by the job */
	char *err;		/* owned: PAGE_FAILED's message */
	int code;		/* and its errno */
};

struct render {
	struct render_config c;
	struct pool *pool;	/* NULL: inline */
	struct page_job **jobs;	/* owned, in walk order */
	size_t n, cap;
	size_t pending_max;	/* pool jobs (batches) */
	size_t batch_max;	/* pages */
	struct page_job *batch, **batch_end;	/* not queued yet */
	size_t batch_n;
	struct render_dir *batch_dir;	/* the folder of its last page */
	atomic_bool failed;	/* a job failed: stop */
};

/*
 * Read the page name below srcfd (rel) and stage it (site_stage_page()).
 * A state; *err gets PAGE_FAILED's message, *code its errno.
 */
static enum page_state
page_make(const struct render *r, int srcfd, int dstfd, int livefd, int tfd,
    const char *target, const char *name, const char *html, const char *rel,
    char **err, int *code)
{
	enum page_state st = PAGE_FAILED;
	struct stat sst;
	char *md = NULL;
	size_t len;
	int in;

	if (!strcmp(rel, NAVTREE_HOME)) {	/* generated: no source */
		st = site_stage_page(r->c.docs, r->c.out, "", 0, rel, livefd,
		    dstfd, html, tfd, target, err);
		*code = errno;
		return st;
	}
	in = openat(srcfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (in < 0 && (errno == ENOENT || errno == ENXIO /* a socket */))
		return PAGE_GONE;
	if (in < 0 || fs_read_fd_max(in, DOCS_SOURCE_MAX, &md, &len,
	    &sst) < 0) {
		*code = errno;
		if (in >= 0 && errno == EFBIG)
			*err = xasprintf("page '%s' is over %s", rel,
			    DOCS_SOURCE_MAX_STR);
		else
			*err = xasprintf("cannot read '%s': %s", rel,
			    strerror(errno));
	} else {
		st = site_stage_page(r->c.docs, r->c.out, md, len, rel, livefd,
		    dstfd, html, tfd, target, err);
		*code = errno;
	}
	if (in >= 0)
		close(in);
	free(md);
	return st;
}

static void
dir_release(struct render_dir *d)
{
	if (!d || atomic_fetch_sub(&d->refs, 1) > 1)
		return;
	close(d->srcfd);
	if (d->dstfd >= 0)
		close(d->dstfd);
	if (d->livefd >= 0)
		close(d->livefd);
	free(d);
}

/* A duplicate of fd (-1 stays -1), or -1 with errno. */
static int
dup_fd(int fd)
{
	int d = fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, 0);

	return fd >= 0 && d < 0 ? -1 : d;
}

/* One page of a batch. */
static void
run_page(struct page_job *pj)
{
	struct render *r = pj->r;
	struct render_dir *d = pj->dir;

	pj->state = page_make(r, d->srcfd, d->dstfd, d->livefd, pj->tfd,
	    pj->target, pj->name, pj->html, pj->rel, &pj->err, &pj->code);
	if (pj->state == PAGE_FAILED) {
		atomic_store(&r->failed, true);
		pool_abort(r->pool);
	}
	pj->dir = NULL;
	dir_release(d);
}

/* The pool's job: a batch of pages, in walk order; after an abort the
 * rest are left (stopped between pages). */
static void
run_job(void *arg)
{
	for (struct page_job *pj = arg, *next; pj; pj = next) {
		next = pj->next;
		if (pool_aborted(pj->r->pool))
			break;
		run_page(pj);
	}
}

/* Queue the pages gathered so far as one pool job. */
static void
flush(struct render *r)
{
	if (!r->batch)
		return;
	pool_add(r->pool, run_job, r->batch);
	r->batch = NULL;
	r->batch_end = &r->batch;
	r->batch_n = 0;
}

struct render *
render_new(const struct render_config *c)
{
	struct render *r = xcalloc(1, sizeof *r);

	r->c = *c;
	r->c.err[0] = '\0';
	r->pool = c->pool;
	atomic_init(&r->failed, false);
	/* Full, the queue drains to half: each worker then has one. */
	r->pending_max = 2 * (size_t)c->workers + 2;
	if (r->pending_max > PENDING_MAX)
		r->pending_max = PENDING_MAX;
	r->batch_max = c->pages_hint / (BATCHES_PER_WORKER *
	    (size_t)(c->workers ? c->workers : 1));
	if (r->batch_max < BATCH_MIN)
		r->batch_max = BATCH_MIN;
	if (r->batch_max > BATCH_MAX)
		r->batch_max = BATCH_MAX;
	r->batch_end = &r->batch;
	if (c->out->search)
		search_begin(c->out->search, c->out);
	return r;
}

/* Wait until at most max jobs are pending, polling should_abort(); on true
 * stop the pool. 0, or -1 if stopped (a failed job, or aborted). */
static int
wait_pending(struct render *r, size_t max)
{
	flush(r);
	while (pool_wait(r->pool, max, WAIT_MS) < 0) {
		if (r->c.should_abort && r->c.should_abort(r->c.abort_arg)) {
			pool_abort(r->pool);
			snprintf(r->c.err, r->c.errlen, "build aborted");
			*r->c.code = ECANCELED;
			return -1;
		}
	}
	return atomic_load(&r->failed) ? -1 : 0;
}

/* Render the page now, on the calling thread. */
static int
render_inline(struct render *r, int srcfd, int dstfd, int livefd,
    const char *name, const char *html, const char *rel)
{
	char num[32], *err = NULL;
	const char *target;
	enum page_state st;
	int tfd;

	target = delta_target(r->c.out, dstfd, &tfd, html, num, sizeof num);
	st = page_make(r, srcfd, dstfd, livefd, tfd, target, name, html, rel,
	    &err, r->c.code);
	if (st == PAGE_FAILED) {
		snprintf(r->c.err, r->c.errlen, "%s", err);
		free(err);
		return -1;
	}
	if (st == PAGE_WRITTEN)
		delta_written(r->c.out, rel, html);
	if (st != PAGE_GONE)
		(*r->c.pages)++;
	return 0;
}

int
render_page(struct render *r, struct render_dir **dir, int srcfd, int dstfd,
    int livefd, const char *name, const char *html, const char *rel)
{
	struct page_job *pj;
	size_t nl = strlen(name) + 1, hl = strlen(html) + 1,
	    rl = strlen(rel) + 1;
	char num[32], *p;
	const char *target;
	int tfd;

	if (r->c.out->search)	/* its id, in walk order (search.h) */
		search_reserve(r->c.out->search, rel);
	if (!r->pool)
		return render_inline(r, srcfd, dstfd, livefd, name, html, rel);
	/* Full: let it drain by half, so the walk wakes once per many pages. */
	if (pool_wait(r->pool, r->pending_max - 1, 0) < 0 &&
	    wait_pending(r, r->pending_max / 2) < 0)
		return -1;
	if (atomic_load(&r->failed))
		return -1;
	if (!*dir) {
		*dir = xcalloc(1, sizeof **dir);
		atomic_init(&(*dir)->refs, 1);
		(*dir)->srcfd = dup_fd(srcfd);
		(*dir)->dstfd = dup_fd(dstfd);
		(*dir)->livefd = dup_fd(livefd);
		if ((*dir)->srcfd < 0 || (dstfd >= 0 && (*dir)->dstfd < 0) ||
		    (livefd >= 0 && (*dir)->livefd < 0)) {
			*r->c.code = errno;
			snprintf(r->c.err, r->c.errlen, "cannot read '%s': %s",
			    rel, strerror(errno));
			return -1;
		}
	}
	target = delta_target(r->c.out, (*dir)->dstfd, &tfd, html, num,
	    sizeof num);
	pj = xcalloc(1, sizeof *pj + nl + hl + rl + strlen(target) + 1);
	p = (char *)(pj + 1);
	pj->name = memcpy(p, name, nl);
	pj->html = memcpy(p += nl, html, hl);
	pj->rel = memcpy(p += hl, rel, rl);
	pj->target = memcpy(p + rl, target, strlen(target) + 1);
	pj->r = r;
	pj->tfd = tfd;
	pj->dir = *dir;
	atomic_fetch_add(&(*dir)->refs, 1);
	delta_written(r->c.out, rel, html);	/* its entry, reserved */
	pj->slot = r->c.out->written.len - 1;
	/* A delta build stages it under that entry's index (delta.h). */
	BUG_ON(r->c.out->delta && strtoull(target, NULL, 10) != pj->slot);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->jobs = xrealloc(r->jobs, r->cap * sizeof *r->jobs);
	}
	r->jobs[r->n++] = pj;
	if (r->batch_n >= BATCH_MIN && *dir != r->batch_dir)
		flush(r);	/* a new folder: a new batch */
	*r->batch_end = pj;
	r->batch_end = &pj->next;
	r->batch_dir = *dir;
	if (++r->batch_n == r->batch_max)
		flush(r);
	return 0;
}

void
render_dir_release(struct render_dir *dir)
{
	dir_release(dir);
}

/* The written list being settled: which entries go, where the rest go. */
struct settle {
	struct render *r;
	bool *drop;		/* per entry */
	size_t i, k;		/* the entry looked at, its new index */
	int err;		/* errno of a failed rename, or 0 */
	char *failed;		/* owned: the entry it was for */
};

/* strlist_remove_if(): drop an unused entry; rename a kept staged file
 * down to its new index (the name k is free: its entry went, or its file
 * moved down already). */
static bool
settle_entry(const char *s, void *arg)
{
	struct settle *st = arg;
	size_t n = strlen(s);
	char from[32], to[32];

	if (st->drop[st->i++])
		return true;
	if (st->i - 1 != st->k && st->r->c.out->delta && n &&
	    s[n - 1] != '/' && !st->err) {
		snprintf(from, sizeof from, "%zu", st->i - 1);
		snprintf(to, sizeof to, "%zu", st->k);
		if (renameat(st->r->c.out->stagefd, from,
		    st->r->c.out->stagefd, to) < 0) {
			st->err = errno;
			st->failed = xstrdup(s);
		}
	}
	st->k++;
	return false;
}

/* Drop the entries of pages not written; count the pages. */
static int
settle(struct render *r)
{
	struct strlist *w = &r->c.out->written;
	struct settle st = { .r = r, .drop = xcalloc(w->len + 1, 1) };
	size_t len = w->len;

	for (size_t i = 0; i < r->n; i++) {
		struct page_job *pj = r->jobs[i];

		/* Every job ended well (else no settle), in its own entry. */
		BUG_ON(pj->state != PAGE_WRITTEN && pj->state != PAGE_REUSED &&
		    pj->state != PAGE_GONE);
		BUG_ON(pj->slot >= len ||
		    (i && pj->slot <= r->jobs[i - 1]->slot));
		st.drop[pj->slot] = pj->state != PAGE_WRITTEN;
		if (pj->state != PAGE_GONE)
			(*r->c.pages)++;
	}
	strlist_remove_if(w, settle_entry, &st);
	BUG_ON(st.i != len || st.k != w->len);	/* each entry seen once */
	free(st.drop);
	if (st.err)
		snprintf(r->c.err, r->c.errlen, "cannot write '%s': %s",
		    st.failed, strerror(*r->c.code = st.err));
	free(st.failed);
	return st.err ? -1 : 0;
}

/* Every page rendered: the search index's files (search.h), staged. */
static int
stage_search(struct render *r)
{
	if (!r->c.out->search)
		return 0;
	return search_stage(r->c.out, r->c.docs, r->c.err, r->c.errlen,
	    r->c.code);
}

/* render_finish() but for KaTeX's files. */
static int
finish_jobs(struct render *r, bool ok)
{
	int ret = ok ? 0 : -1;

	if (!r->pool)
		return ret ? ret : stage_search(r);
	if (!ok)
		pool_abort(r->pool);	/* the batch not queued never runs */
	else if (wait_pending(r, 0) < 0)
		ret = -1;
	pool_wait(r->pool, 0, -1);	/* running jobs end */
	for (size_t i = 0; ret < 0 && i < r->n; i++) {
		struct page_job *pj = r->jobs[i];

		if (pj->state == PAGE_FAILED && !*r->c.err) {
			snprintf(r->c.err, r->c.errlen, "%s", pj->err);
			*r->c.code = pj->code;
			break;
		}
	}
	if (ret == 0)
		ret = settle(r);
	return ret ? ret : stage_search(r);
}

int
render_finish(struct render *r, bool ok)
{
	if (finish_jobs(r, ok) < 0)
		return -1;
	if (mathassets_stage(r->c.out, r->c.live_out, r->c.warn,
	    r->c.warn_arg, r->c.err, r->c.errlen) < 0) {
		*r->c.code = errno;
		return -1;
	}
	return 0;
}

void
render_free(struct render *r)
{
	if (!r)
		return;
	if (r->pool)
		pool_wait(r->pool, 0, -1);	/* no job runs after this */
	for (size_t i = 0; i < r->n; i++) {
		dir_release(r->jobs[i]->dir);	/* jobs never run */
		free(r->jobs[i]->err);
		free(r->jobs[i]);
	}
	free(r->jobs);
	free(r);
}
