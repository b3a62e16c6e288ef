/*
 * quick.c - site_build(): an edit of a few files built without walking
 * SRC when it can be, else the walk (site.c).
 *
 * Under `tend serve` the parent keeps the page list of its last successful
 * build of the built-in builder (struct site_memo, site.h). The next
 * incremental build is quick when every changed path is
 *   - a page of that list that still shows the same title, order and draft
 *     flag to the others (so no other page changes), or
 *   - another regular file published by that build (the live output holds
 *     it), but not an .html file (a page may make one of that name),
 * with no name starting with '_' or '.' on the way, in a SRC that
 * publishes no symlinks, and with the live page cache as that build left
 * it (nobody else changed the output). Then only those files are rendered
 * or copied, and published as a delta (publish.c): a request still gets
 * the whole file of one build. Anything else (a new, removed or renamed
 * path, a folder, a template, a new title) is built by the walk.
 *
 * Its cost follows the change: no walk of SRC nor of the output, and the
 * page cache is not written again (docs_shows_same()).
 */
#include "site.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "delta.h"
#include "mathassets.h"
#include "docs.h"
#include "fsutil.h"
#include "incdeps.h"
#include "page.h"
#include "publish.h"
#include "search.h"
#include "site_int.h"
#include "xalloc.h"
#include "banned.h"

/* One changed file of a quick build. */
struct item {
	const char *rel;	/* borrowed from cfg->changed */
	struct stat st;		/* its stat now */
	char *md;		/* owned: a page's source, else NULL */
	size_t len;
};

struct quick {
	const struct site_config *cfg;
	struct site_memo *m;
	int srcfd, livefd;
	struct item *items;	/* owned, n of them */
	size_t n;
	struct delta out;
	bool partial;		/* the publish left the output partly updated */
	char *err;
	size_t errlen;
	int code;		/* the errno err tells of (0: EINVAL) */
};

static int
fail(struct quick *q, const char *what, const char *path)
{
	q->code = errno;
	snprintf(q->err, q->errlen, "%s '%s': %s", what, path,
	    strerror(q->code));
	return -1;
}

/* Does rel avoid every name starting with '_' (templates) or '.'? */
static bool
plain_path(const char *rel)
{
	for (const char *p = rel;; p++) {
		if (*p == '_' || *p == '.' || !*p)
			return false;
		if (!(p = strchr(p, '/')))
			return true;
	}
}

/* Could the output name rel be a page's too (x.html from x.md)? */
static bool
may_be_a_page(const char *rel)
{
	size_t n = strlen(rel);

	return n >= 5 && !strcasecmp(rel + n - 5, ".html");
}

/* Is the live page cache the one the memo's build wrote? */
static bool
cache_is_ours(const struct quick *q)
{
	const struct stat *m = &q->m->cache;
	struct stat st;

	return fstatat(q->livefd, DOCS_CACHE_NAME, &st,
	    AT_SYMLINK_NOFOLLOW) == 0 && st.st_dev == m->st_dev &&
	    st.st_ino == m->st_ino && st.st_size == m->st_size &&
	    st.st_mtim.tv_sec == m->st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == m->st_mtim.tv_nsec;
}

/* Can the changed path it->rel be built quickly? Reads a page's source. */
static bool
check_item(struct quick *q, struct item *it)
{
	struct stat live;

	if (!plain_path(it->rel) ||
	    fstatat(q->srcfd, it->rel, &it->st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISREG(it->st.st_mode))
		return false;
	if (!page_is_markdown(it->rel))	/* an .html may clash with a page's */
		return !may_be_a_page(it->rel) &&
		    fstatat(q->livefd, it->rel, &live,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(live.st_mode);
	if (docs_read_source(q->srcfd, it->rel, &it->md, &it->len) < 0)
		return false;	/* the walk says why */
	return docs_shows_same(q->m->docs, it->rel, it->md, it->len);
}

/* Render a changed page and stage it, unless the live one is the same. */
static int
stage_page(struct quick *q, const struct item *it)
{
	const char *out = docs_out_path(q->m->docs, it->rel);
	const char *slash = strrchr(out, '/');
	char num[32], *err = NULL;
	enum page_state st;

	snprintf(num, sizeof num, "%zu", q->out.written.len);
	st = site_stage_page(q->m->docs, &q->out, it->md, it->len, it->rel,
	    q->livefd, -1, out, q->out.stagefd, num, &err);
	if (st == PAGE_FAILED) {
		q->code = errno;
		snprintf(q->err, q->errlen, "%s", err);
		free(err);
		return -1;
	}
	if (st == PAGE_WRITTEN)
		delta_written(&q->out, it->rel, slash ? slash + 1 : out);
	return 0;
}

/* Stage every changed file. */
static int
stage(struct quick *q)
{
	unsigned n;

	for (size_t i = 0; i < q->n; i++) {
		const struct item *it = &q->items[i];

		if (it->md) {
			if (stage_page(q, it) < 0)
				return -1;
		} else if (site_stage_copy(&q->out, q->srcfd, -1, it->rel,
		    it->rel, &it->st, q->err, q->errlen) < 0) {
			q->code = errno;	/* never reused (delta.h) */
			return -1;
		}
	}
	if (search_stage(&q->out, NULL, q->err, q->errlen, &q->code) < 0)
		return -1;
	if (mathassets_stage(&q->out, q->cfg->out, q->cfg->warn,
	    q->cfg->warn_arg, q->err, q->errlen) < 0) {
		q->code = errno;
		return -1;
	}
	n = docs_warnings(q->m->docs);
	if (n && q->cfg->strict) {
		snprintf(q->err, q->errlen, "%u warning%s, and --strict makes "
		    "them errors", n, n == 1 ? "" : "s");
		return -1;
	}
	return 0;	/* the page cache stays as it is (docs.h) */
}

/* Stage and publish; 0 or -1 (err set). */
static int
publish(struct quick *q)
{
	struct publish pub = PUBLISH_INIT;
	int ret = -1;

	if ((q->code = -publish_open(&pub, q->cfg->out, q->err,
	    q->errlen)) > 0)
		return -1;	/* as site.c's */
	if (publish_stage(&pub) < 0) {
		fail(q, "cannot create", pub.staged);
		goto out;
	}
	q->out.delta = true;
	q->out.stagefd = openat(pub.pfd, pub.staged, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	if (q->out.stagefd < 0)
		fail(q, "cannot open", pub.staged);
	else if (stage(q) == 0 && (ret = delta_commit(&q->out, &pub)) < 0)
		snprintf(q->err, q->errlen, "%s", pub.msg);
	else if (ret == 0 && pub.msg && q->cfg->warn)
		q->cfg->warn(q->cfg->warn_arg, pub.msg);
	q->partial = ret < 0 && pub.partial;
	if (q->out.stagefd >= 0)
		close(q->out.stagefd);
	if (ret < 0)
		publish_discard(&pub);
out:
	publish_close(&pub);
	return ret;
}

/* Check every changed path: true if the build can be quick. */
static bool
check(struct quick *q)
{
	const struct strlist *changed = q->cfg->changed;

	if (!cache_is_ours(q))
		return false;
	q->items = xcalloc(changed->len, sizeof *q->items);
	for (size_t i = 0; i < changed->len; i++) {
		struct item *it = &q->items[q->n++];

		it->rel = changed->items[i];
		if (!check_item(q, it))
			return false;
	}
	return true;
}

/* Forget the memo's page list, keeping its search index (an incremental
 * build updates it: pages it renders, whatever became of the last) and
 * what pages include (incdeps.h; a walk renders the changed pages only). */
static void
forget_pages(struct site_memo *m)
{
	struct search *s = m->search;
	struct incdeps *inc = m->incdeps;

	m->search = NULL;
	m->incdeps = NULL;
	site_forget(m);
	m->search = s;
	m->incdeps = inc;
}

/* site_build() succeeded with cfg->memo m: keep what the next quick build
 * needs (st: the build's totals). */
static void
quick_keep(struct site_memo *m, const struct site_stats *st,
    const char *out)
{
	char *path = fs_join(out, DOCS_CACHE_NAME);

	m->pages = st->pages;
	m->files = st->files;
	if (lstat(path, &m->cache) < 0)
		forget_pages(m);
	free(path);
}

/*
 * Build cfg->changed quickly if it can be: 1 if built and published, 0 if
 * not quick (nothing was done), or a negative errno with a message in err
 * (the memo is then dropped).
 */
static int
quick_build(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen)
{
	struct site_memo *m = cfg->memo;
	struct quick q = { .cfg = cfg, .m = m, .srcfd = -1, .livefd = -1,
		.out = { .stagefd = -1, .live = cfg->live,
		.search = m ? m->search : NULL }, .err = err, .errlen = errlen };
	struct docs_config dc = { .src = cfg->src, .live = cfg->out,
		.drafts = cfg->drafts, .changed = cfg->changed,
		.warn = cfg->warn, .warn_arg = cfg->warn_arg,
		.include = cfg->include };
	int ret = 0;

	if (!m || !m->docs || m->links || !cfg->changed ||
	    !cfg->changed->len || !search_ready(m->search, cfg->src))
		return 0;
	if (m->search)
		search_output(m->search, cfg->out);
	docs_rebind(m->docs, &dc);
	q.srcfd = open(cfg->src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	q.livefd = open(cfg->out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (q.srcfd >= 0 && q.livefd >= 0 && check(&q))
		ret = publish(&q) < 0 ? -(q.code ? q.code : EINVAL) : 1;
	if (ret > 0) {
		*stats = (struct site_stats){ .pages = m->pages,
		    .files = m->files };
		if (outputs)
			delta_outputs(&q.out, outputs);
	} else if (ret < 0) {
		stats->partial = q.partial;
		forget_pages(m);
	}
	if (m->docs)
		docs_rebind(m->docs, NULL);	/* dc ends here */
	for (size_t i = 0; i < q.n; i++)
		free(q.items[i].md);
	free(q.items);
	delta_release(&q.out);
	if (q.srcfd >= 0)
		close(q.srcfd);
	if (q.livefd >= 0)
		close(q.livefd);
	return ret;
}

void
site_forget(struct site_memo *m)
{
	docs_close(m->docs);
	search_free(m->search);
	incdeps_free(m->incdeps);
	*m = (struct site_memo){ 0 };
}

/* Quickly if the change allows it, else by the walk (site_build()). */
static int
build(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen)
{
	int r = cfg->memo ? quick_build(cfg, stats, outputs, err, errlen) : 0;
	struct search *own = NULL, *s;
	struct site_config walk = *cfg;

	if (r)
		return r < 0 ? r : 0;
	if (cfg->memo)
		forget_pages(cfg->memo);
	if (!cfg->memo) {
		s = own = search_new();	/* for this build only */
		search_oneshot(own);
	} else if (!(s = cfg->memo->search)) {
		s = cfg->memo->search = search_new();
	}
	search_output(s, cfg->out);
	if (!search_ready(s, cfg->src))
		walk.changed = NULL;	/* the index needs every page: full */
	r = site_walk(&walk, stats, outputs, err, errlen, s);
	search_free(own);
	if (r < 0)
		return r;
	if (cfg->memo)
		quick_keep(cfg->memo, stats, cfg->out);
	return 0;
}

/*
 * The pages read their {{#include}}s below SRC; under `tend serve` (a
 * memo) what they include is remembered, and a changed included file
 * makes the pages that include it changed too.
 */
int
site_build(const struct site_config *cfg, struct site_stats *stats,
    struct strlist *outputs, char *err, size_t errlen)
{
	struct site_config c = *cfg;
	struct site_includes inc;
	struct strlist more = STRLIST_INIT, wide = STRLIST_INIT;
	int r;

	if (c.memo && !c.memo->incdeps)
		c.memo->incdeps = incdeps_new();
	site_includes_open(&inc, c.src, c.memo ? c.memo->incdeps : NULL);
	c.include = &inc.src;
	if (c.memo && c.changed && incdeps_widen(c.memo->incdeps, c.changed,
	    &more)) {
		for (size_t i = 0; i < c.changed->len; i++)
			strlist_add(&wide, c.changed->items[i]);
		for (size_t i = 0; i < more.len; i++)
			strlist_add(&wide, more.items[i]);
		c.changed = &wide;
	}
	r = build(&c, stats, outputs, err, errlen);
	site_includes_close(&inc);
	strlist_clear(&more);
	strlist_clear(&wide);
	return r;
}
