/* nav.c - the navigation as HTML, prev/next, what a page shows of the site */
#include "nav.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "navbook.h"
#include "navhome.h"
#include "page.h"
#include "strlist.h"
#include "summary.h"
#include "xalloc.h"
#include "banned.h"

#define NONE NAVTREE_NONE
#define FOLDER_BIT NAVTREE_FOLDER
#define CACHE_MAX (64u << 20)	/* bytes of folder navs kept at once */

/* What nav.c keeps of a folder. */
struct nav_cache {
	char *html;		/* owned: its pages' nav HTML, or NULL */
	size_t len;
	bool mixed;		/* a book's group whose pages are in folders
				   of different depths: no shared nav */
	uint64_t sig;		/* hash of that HTML, once has_sig */
	bool has_sig;
};

struct nav {
	struct navtree t;
	struct nav_cache *cache;	/* owned: one per folder */
	size_t cached;		/* bytes in folder caches */
	bool collapse;		/* over NAV_FULL_MAX pages */
	struct summary book;	/* SUMMARY.md's, if has_book */
	bool has_book;
	char *book_file;	/* owned: its name, for messages */
	struct strmap hidden;	/* pages known, not published (keys in
				   hidden_keys) */
	struct strlist hidden_keys;
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

/* Does the nav of the pages of folder f differ by page (a window around
 * each, or a book's group of pages at several depths: links go up by
 * "../" per folder)? Else they share one. */
static bool
windowed(const struct nav *n, size_t f)
{
	return (n->collapse && n->t.folders[f].n_items > NAV_WINDOW) ||
	    n->cache[f].mixed;
}

/* How many folders deep the source path src is. */
static size_t
depth_of(const char *src)
{
	size_t d = 0;

	for (; *src; src++)
		d += *src == '/';
	return d;
}

char *
nav_root_prefix(const char *src)
{
	size_t ups = depth_of(src);
	char *s = xmalloc(3 * ups + 1), *p = s;

	while (ups--)
		p = stpcpy(p, "../");
	*p = '\0';
	return s;
}

/* Mark the book's groups whose pages lie at different depths. */
static void
mark_mixed(struct nav *n)
{
	size_t *depth = xmalloc(n->t.nf * sizeof *depth);

	for (size_t i = 0; i < n->t.nf; i++)
		depth[i] = NONE;
	for (size_t i = 0; i < n->t.n; i++) {
		size_t f = n->t.pages[i].folder, d = depth_of(n->t.pages[i].src);

		if (depth[f] == NONE)
			depth[f] = d;
		else if (depth[f] != d)
			n->cache[f].mixed = true;
	}
	free(depth);
}

const char *
nav_set_book(struct nav *n, const char *text, size_t len, const char *file)
{
	summary_release(&n->book);
	summary_parse(text, len, &n->book);
	free(n->book_file);
	n->book_file = xstrdup(file);
	n->has_book = true;
	return n->book.title;
}

void
nav_hide(struct nav *n, const char *src)
{
	if (strmap_get(&n->hidden, src))
		return;
	strlist_add(&n->hidden_keys, src);
	strmap_put(&n->hidden, n->hidden_keys.items[n->hidden_keys.len - 1],
	    n);
}

void
nav_set_home(struct nav *n, const char *title)
{
	navtree_set_home(&n->t, title);
}

const char *
nav_home(const struct nav *n)
{
	return navtree_find(&n->t, NAVTREE_HOME) ? NAVTREE_HOME : NULL;
}

void
nav_home_markdown(const struct nav *n, const char *title, struct buf *out)
{
	navhome_markdown(&n->t, title, out);
}

const struct nav_page *
nav_root_index(const struct nav *n)
{
	size_t i = n->t.folders[n->t.root].index;

	for (size_t k = 0; i == NONE && k < n->t.n; k++)
		if (!strcmp(n->t.pages[k].out, "index.html"))
			i = k;
	return i == NONE ? NULL : &n->t.pages[i];
}

unsigned
nav_finish(struct nav *n, nav_warn_fn *warn, void *arg)
{
	unsigned warnings;

	for (size_t i = 0; n->has_book && i < n->book.n; i++)
		if (n->book.v[i].path) {	/* mdBook's index.html */
			navtree_set_first(&n->t, n->book.v[i].path);
			break;
		}
	warnings = navtree_finish(&n->t, warn, arg);

	if (n->has_book)
		warnings += navbook_apply(&n->t, &n->book, n->book_file,
		    &n->hidden, warn, arg);

	n->cache = xcalloc(n->t.nf, sizeof *n->cache);
	if (n->has_book)
		mark_mixed(n);
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
	if (!text && p->num)
		buf_addf(b, "<strong aria-hidden=\"true\">%s</strong> ",
		    p->num);
	buf_add_html(b, text ? text : nav_page_label(p));
	buf_adds(b, "</a>");
}

/* The label of folder g without an index: SUMMARY.md's, else its name
 * made readable. A new string. */
static char *
folder_label(const struct navtree_folder *g)
{
	return g->label ? xstrdup(g->label) : page_readable_name(g->name,
	    strlen(g->name));
}

/* The tooltip of folder g's link: its path (NULL: a SUMMARY.md group). */
static const char *
tip(const struct navtree_folder *g)
{
	return *g->path ? g->path : NULL;
}

/* Append a SUMMARY.md label: a part title, a draft, a separator. */
static void
label(const struct nav *n, struct buf *b, size_t it)
{
	const struct navtree_label *l = &n->t.labels[it & ~NAVTREE_LABEL];

	if (l->kind == NAVTREE_SEPARATOR) {
		buf_adds(b, "<li class=\"spacer\" role=\"separator\"></li>\n");
		return;
	}
	buf_adds(b, l->kind == NAVTREE_PART ? "<li class=\"part-title\">"
	    : "<li class=\"draft-chapter\"><span>");
	if (l->num)
		buf_addf(b, "<strong aria-hidden=\"true\">%s</strong> ", l->num);
	buf_add_html(b, l->text);
	buf_adds(b, l->kind == NAVTREE_PART ? "</li>\n" : "</span></li>\n");
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
	char *text;

	if (first == NONE)
		return;
	buf_adds(b, "<li class=\"folder closed\">");
	text = f->index == NONE ? folder_label(f) : NULL;
	link(n, b, first, root, cur, tip(f), text);
	free(text);
	buf_adds(b, "</li>\n");
}

/* The first page of item it (a page, or folder | FOLDER_BIT). */
static size_t
item_page(const struct nav *n, size_t it)
{
	if (it & NAVTREE_LABEL)
		return NONE;
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

		if (it & NAVTREE_LABEL) {
			label(n, b, it);
			continue;
		}
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
			link(n, b, g->index, root, cur, tip(g), NULL);
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
			link(n, b, g->index, root, cur, tip(g), NULL);
		} else {
			char *text = folder_label(g);

			buf_adds(b, "<span>");
			buf_add_html(b, text);
			buf_adds(b, "</span>");
			free(text);
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

/* Append the nav html (len bytes) with the current page's link marked at
 * off (NONE: a page the nav does not list). */
static void
current(struct buf *out, const char *html, size_t len, size_t off)
{
	if (off == NONE || off > len) {
		buf_add(out, html, len);
		return;
	}
	buf_add(out, html, off);
	buf_adds(out, " aria-current=\"page\"");
	buf_add(out, html + off, len - off);
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
		current(out, b.p, b.len, off);
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
	current(out, c->html, c->len, p->off);
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
	buf_add_html(out, nav_page_label(p));
	if (!strcmp(cls, "next"))
		buf_adds(out, " \xe2\x86\x92");
	buf_adds(out, "</a>");
}

void
nav_prev(const struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	if (p->seq != NONE && p->seq > 0)
		pager(&n->t.pages[n->t.seq[p->seq - 1]], root, "prev", "prev",
		    out);
}

void
nav_next(const struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	if (p->seq != NONE && p->seq + 1 < n->t.n_seq)
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
	return navtree_hash(h, nav_page_label(p), strlen(nav_page_label(p)) +
	    1);
}

uint64_t
nav_page_signature(struct nav *n, const struct nav_page *p)
{
	struct nav_cache *c = &n->cache[p->folder];
	struct buf root = { .p = nav_root_prefix(p->src) }, b = BUF_INIT;
	uint64_t h = 0xcbf29ce484222325ull;

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
	h = hash_pager(h, n, p->seq != NONE && p->seq > 0 ?
	    n->t.seq[p->seq - 1] : NONE);
	return hash_pager(h, n, p->seq != NONE && p->seq + 1 < n->t.n_seq ?
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
	summary_release(&n->book);
	free(n->book_file);
	strmap_clear(&n->hidden);
	strlist_clear(&n->hidden_keys);
	pthread_rwlock_destroy(&n->lock);
	free(n);
}
