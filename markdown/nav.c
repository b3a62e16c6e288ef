/* nav.c - the navigation as HTML, prev/next, what a page shows of the site */
#include "nav.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "xalloc.h"
#include "banned.h"

#define NONE NAVTREE_NONE
#define FOLDER_BIT NAVTREE_FOLDER
#define CACHE_MAX (64u << 20)	/* bytes of folder navs kept at once */

/* What nav.c keeps of a folder. */
struct nav_cache {
	char *html;		/* owned: its pages' nav HTML, or NULL */
	size_t len;
	uint64_t sig;		/* hash of that HTML, once has_sig */
	bool has_sig;
};

struct nav {
	struct navtree t;
	struct nav_cache *cache;	/* owned: one per folder */
	size_t cached;		/* bytes in folder caches */
	bool collapse;		/* over NAV_FULL_MAX pages */
	/*
	 * nav_render() runs on several threads at once (render.h). Making a
	 * nav writes the caches and the pages' off (link()): that takes the
	 * write lock; copying a cached nav out takes the read lock.
	 */
	pthread_rwlock_t lock;
};

struct nav *
nav_new(void)
{
	struct nav *n = xcalloc(1, sizeof(struct nav));

	pthread_rwlock_init(&n->lock, NULL);
	return n;
}

void
nav_add(struct nav *n, const char *src, const char *title, bool has_order,
    double order, bool draft)
{
	navtree_add(&n->t, src, title, has_order, order, draft);
}

unsigned
nav_finish(struct nav *n, nav_warn_fn *warn, void *arg)
{
	unsigned warnings = navtree_finish(&n->t, warn, arg);

	n->cache = xcalloc(n->t.nf, sizeof *n->cache);
	n->collapse = n->t.n > NAV_FULL_MAX;
	return warnings;
}

const struct nav_page *
nav_find(const struct nav *n, const char *src)
{
	return navtree_find(&n->t, src);
}

/* Append <a href="ROOT+OUT">TEXT</a> for page i (TEXT: its title unless
 * text is given), noting where its "<a" ends if it is page i's own entry
 * and i lives in folder cur; a folder's link has its path in a tooltip
 * (two folders may have the same title). */
static void
link(struct nav *n, struct buf *b, size_t i, const char *root, size_t cur,
    const char *folder, const char *text)
{
	struct nav_page *p = &n->t.pages[i];

	buf_adds(b, "<a");
	if (p->folder == cur && !text)
		p->off = b->len;
	buf_adds(b, " href=\"");
	buf_adds(b, root);
	buf_add_url(b, p->out);
	buf_adds(b, "\"");
	if (folder) {
		buf_adds(b, " title=\"");
		buf_add_html(b, folder);
		buf_adds(b, "/\"");
	}
	buf_adds(b, ">");
	buf_add_html(b, text ? text : p->title);
	buf_adds(b, "</a>");
}

/* Is folder g cur or one of its parents? */
static bool
holds(const struct nav *n, size_t g, size_t cur)
{
	for (; cur != NONE; cur = n->t.folders[cur].parent)
		if (cur == g)
			return true;
	return false;
}

/* Append folder g, not on the way to the current page, as one link: to
 * its index (titled by it), else to its first page (named by the folder);
 * the class "closed" marks that it has more inside. */
static void
closed(struct nav *n, struct buf *b, size_t g, const char *root, size_t cur)
{
	const struct navtree_folder *f = &n->t.folders[g];
	size_t first = navtree_first_page(&n->t, g);
	char *label;

	if (first == NONE)
		return;
	buf_adds(b, "<li class=\"folder closed\">");
	label = f->index == NONE ? page_readable_name(f->name,
	    strlen(f->name)) : NULL;
	link(n, b, first, root, cur, f->path, label);
	free(label);
	buf_adds(b, "</li>\n");
}

/* The first page of item it (a page, or folder | FOLDER_BIT). */
static size_t
item_page(const struct nav *n, size_t it)
{
	if (it & FOLDER_BIT)
		return navtree_first_page(&n->t, it & ~FOLDER_BIT);
	return it;
}

/* Append "… N more", linked to item it of folder f. */
static void
more(struct nav *n, struct buf *b, size_t f, size_t it, size_t count,
    const char *root, size_t cur)
{
	size_t p = item_page(n, n->t.folders[f].items[it]);
	char text[64];

	if (p == NONE)
		return;
	snprintf(text, sizeof text, "\xe2\x80\xa6 %zu more", count);
	buf_adds(b, "<li class=\"more\">");
	link(n, b, p, root, cur, NULL, text);
	buf_adds(b, "</li>\n");
}

/* Which items of open folder f to list, [*lo, *hi): all, or in a collapsed
 * nav NAV_WINDOW around the one on the way to folder cur (page: the
 * current page, NONE if it is not known: then f is not cur). */
static void
window(const struct nav *n, size_t f, size_t cur, size_t page, size_t *lo,
    size_t *hi)
{
	const struct navtree_folder *g = &n->t.folders[f];
	size_t k = 0;

	*lo = 0;
	*hi = g->n_items;
	if (!n->collapse || g->n_items <= NAV_WINDOW)
		return;
	if (f != cur) {
		while (n->t.folders[cur].parent != f)
			cur = n->t.folders[cur].parent;
		k = n->t.folders[cur].pos;
	} else if (page != NONE && g->index != page) {
		k = n->t.pages[page].pos;
	}
	*lo = k > NAV_WINDOW / 2 ? k - NAV_WINDOW / 2 : 0;
	if (*lo > g->n_items - NAV_WINDOW)
		*lo = g->n_items - NAV_WINDOW;
	*hi = *lo + NAV_WINDOW;
}

static void
render_items(struct nav *n, struct buf *b, size_t f, const char *root,
    size_t cur, size_t page)
{
	size_t lo, hi;

	window(n, f, cur, page, &lo, &hi);
	if (lo > 0)
		more(n, b, f, lo - 1, lo, root, cur);
	for (size_t i = lo; i < hi; i++) {
		size_t it = n->t.folders[f].items[i];
		struct navtree_folder *g;

		if (!(it & FOLDER_BIT)) {
			buf_adds(b, "<li>");
			link(n, b, it, root, cur, NULL, NULL);
			buf_adds(b, "</li>\n");
			continue;
		}
		it &= ~FOLDER_BIT;
		g = &n->t.folders[it];
		if (!g->n_items) {	/* its index alone: no group to open */
			if (g->index == NONE)
				continue;
			buf_adds(b, "<li class=\"folder\">");
			link(n, b, g->index, root, cur, g->path, NULL);
			buf_adds(b, "</li>\n");
			continue;
		}
		if (n->collapse && !holds(n, it, cur)) {
			closed(n, b, it, root, cur);
			continue;
		}
		buf_adds(b, holds(n, it, cur) ? "<li><details open><summary>"
					      : "<li><details><summary>");
		if (g->index != NONE) {
			link(n, b, g->index, root, cur, g->path, NULL);
		} else {
			char *label = page_readable_name(g->name,
			    strlen(g->name));

			buf_adds(b, "<span>");
			buf_add_html(b, label);
			buf_adds(b, "</span>");
			free(label);
		}
		buf_adds(b, "</summary>\n<ul>\n");
		render_items(n, b, it, root, cur, page);
		buf_adds(b, "</ul>\n</details></li>\n");
	}
	if (hi < n->t.folders[f].n_items)
		more(n, b, f, hi, n->t.folders[f].n_items - hi, root, cur);
}

/* Append the nav of the pages of folder f (page: the current one, or NONE
 * if its folder lists all its items). */
static void
nav_html(struct nav *n, struct buf *b, size_t f, size_t page,
    const char *root)
{
	size_t rootf = n->t.root;

	buf_adds(b, "<ul class=\"nav\">\n");
	if (n->t.folders[rootf].index != NONE) {
		buf_adds(b, "<li>");
		link(n, b, n->t.folders[rootf].index, root, f, NULL, NULL);
		buf_adds(b, "</li>\n");
	}
	render_items(n, b, rootf, root, f, page);
	buf_adds(b, "</ul>\n");
}

/* Does the nav of the pages of folder f differ by page (a window around
 * each)? Else they share one. */
static bool
windowed(const struct nav *n, size_t f)
{
	return n->collapse && n->t.folders[f].n_items > NAV_WINDOW;
}

/* Make folder f's nav HTML (root: its way up) if it is not cached. */
static void
folder_nav(struct nav *n, size_t f, const char *root)
{
	struct buf b = BUF_INIT;

	if (n->cache[f].html)
		return;
	if (n->cached > CACHE_MAX) {
		for (size_t i = 0; i < n->t.nf; i++) {
			free(n->cache[i].html);
			n->cache[i].html = NULL;
		}
		n->cached = 0;
	}
	nav_html(n, &b, f, NONE, root);
	n->cache[f].html = b.p;
	n->cache[f].len = b.len;
	n->cached += b.len;
}

void
nav_render(struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	struct nav_cache *c = &n->cache[p->folder];
	struct buf b = BUF_INIT;

	size_t off;

	if (windowed(n, p->folder)) {
		/* its own nav: off is this page's in it (another thread's
		   would write it too) */
		pthread_rwlock_wrlock(&n->lock);
		nav_html(n, &b, p->folder, (size_t)(p - n->t.pages), root);
		off = p->off;
		pthread_rwlock_unlock(&n->lock);
		buf_add(out, b.p, off);
		buf_adds(out, " aria-current=\"page\"");
		buf_add(out, b.p + off, b.len - off);
		free(b.p);
		return;
	}
	pthread_rwlock_rdlock(&n->lock);
	while (!c->html) {	/* (another thread may evict it again) */
		pthread_rwlock_unlock(&n->lock);
		pthread_rwlock_wrlock(&n->lock);
		folder_nav(n, p->folder, root);
		pthread_rwlock_unlock(&n->lock);
		pthread_rwlock_rdlock(&n->lock);
	}
	buf_add(out, c->html, p->off);
	buf_adds(out, " aria-current=\"page\"");
	buf_add(out, c->html + p->off, c->len - p->off);
	pthread_rwlock_unlock(&n->lock);
}

static void
pager(const struct nav_page *p, const char *root, const char *cls,
    const char *rel, struct buf *out)
{
	buf_addf(out, "<a class=\"%s\" rel=\"%s\" href=\"%s", cls, rel, root);
	buf_add_url(out, p->out);
	buf_adds(out, "\">");
	if (!strcmp(cls, "prev"))
		buf_adds(out, "\xe2\x86\x90 ");
	buf_add_html(out, p->title);
	if (!strcmp(cls, "next"))
		buf_adds(out, " \xe2\x86\x92");
	buf_adds(out, "</a>");
}

void
nav_prev(const struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	if (p->seq > 0)
		pager(&n->t.pages[n->t.seq[p->seq - 1]], root, "prev", "prev",
		    out);
}

void
nav_next(const struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	if (p->seq + 1 < n->t.n_seq)
		pager(&n->t.pages[n->t.seq[p->seq + 1]], root, "next", "next",
		    out);
}

/* Hash what a pager link to page i (NONE: none) shows. */
static uint64_t
hash_pager(uint64_t h, const struct nav *n, size_t i)
{
	const struct nav_page *p;

	if (i == NONE)
		return navtree_hash(h, "", 1);
	p = &n->t.pages[i];
	h = navtree_hash(h, p->out, strlen(p->out) + 1);
	return navtree_hash(h, p->title, strlen(p->title) + 1);
}

uint64_t
nav_page_signature(struct nav *n, const struct nav_page *p)
{
	const char *path = n->t.folders[p->folder].path;
	struct nav_cache *c = &n->cache[p->folder];
	struct buf root = BUF_INIT, b = BUF_INIT;
	uint64_t h = 0xcbf29ce484222325ull;

	buf_terminate(&root);
	for (const char *s = path; *path && s; s = strchr(s + 1, '/'))
		buf_adds(&root, "../");
	pthread_rwlock_wrlock(&n->lock);	/* see struct nav */
	if (windowed(n, p->folder)) {
		nav_html(n, &b, p->folder, (size_t)(p - n->t.pages), root.p);
		h = navtree_hash(h, b.p, b.len);
		free(b.p);
	} else {
		if (!c->has_sig) {
			folder_nav(n, p->folder, root.p);
			c->sig = navtree_hash(h, c->html, c->len);
			c->has_sig = true;
		}
		h = c->sig;
	}
	h = navtree_hash(h, &p->off, sizeof p->off);
	pthread_rwlock_unlock(&n->lock);
	free(root.p);
	h = hash_pager(h, n, p->seq > 0 ? n->t.seq[p->seq - 1] : NONE);
	return hash_pager(h, n, p->seq + 1 < n->t.n_seq ?
	    n->t.seq[p->seq + 1] : NONE);
}

uint64_t
nav_signature(const struct nav *n)
{
	return navtree_signature(&n->t);
}

uint64_t
nav_names_signature(const struct nav *n)
{
	return navtree_names_signature(&n->t);
}

size_t
nav_count(const struct nav *n)
{
	return n->t.n;
}

void
nav_free(struct nav *n)
{
	if (!n)
		return;
	for (size_t i = 0; n->cache && i < n->t.nf; i++)
		free(n->cache[i].html);
	free(n->cache);
	navtree_release(&n->t);
	pthread_rwlock_destroy(&n->lock);
	free(n);
}
