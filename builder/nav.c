/* nav.c - the page list, its order, the navigation and prev/next */
#include "nav.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "strmap.h"
#include "xalloc.h"

#define NONE SIZE_MAX
#define FOLDER_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1))
#define CACHE_MAX (64u << 20)	/* bytes of folder navs kept at once */

struct nav_folder {
	char *path;		/* owned: "" for the root, "guide/sub" */
	const char *name;	/* points into path: its last part */
	size_t parent;		/* NONE for the root */
	size_t index;		/* its index page, or NONE */
	size_t *items;		/* owned: page i, or folder j | FOLDER_BIT */
	size_t n_items;
	char *cache;		/* owned: its pages' nav HTML, or NULL */
	size_t cache_len;
};

struct nav {
	struct nav_page *pages;
	size_t n, cap;
	struct nav_folder *folders;
	size_t nf, capf;
	struct strmap by_src;	/* src -> page index + 1 */
	struct strmap by_path;	/* folder path -> folder index + 1 */
	size_t *seq;		/* pages in nav order */
	size_t n_seq;
	size_t cached;		/* bytes in folder caches */
	/* Guards the folder caches and pages' off: nav_render() may run on
	 * several threads at once (a write lock builds or evicts caches). */
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
	if (n->n == n->cap) {
		n->cap = n->cap ? 2 * n->cap : 64;
		n->pages = xrealloc(n->pages, n->cap * sizeof *n->pages);
	}
	n->pages[n->n++] = (struct nav_page){ .src = xstrdup(src),
		.title = xstrdup(title), .order = order,
		.has_order = has_order, .draft = draft };
}

static void
add_item(struct nav_folder *f, size_t item)
{
	f->items = xrealloc(f->items, (f->n_items + 1) * sizeof *f->items);
	f->items[f->n_items++] = item;
}

/* The folder with this path (made, with its parents, if new). */
static size_t
folder(struct nav *n, const char *path)
{
	uintptr_t v = (uintptr_t)strmap_get(&n->by_path, path);
	const char *slash;
	size_t parent = NONE, i;

	if (v)
		return v - 1;
	if (*path) {
		char *up;

		slash = strrchr(path, '/');
		up = slash ? xstrndup(path, (size_t)(slash - path))
			   : xstrdup("");
		parent = folder(n, up);
		free(up);
	}
	if (n->nf == n->capf) {
		n->capf = n->capf ? 2 * n->capf : 16;
		n->folders = xrealloc(n->folders, n->capf * sizeof *n->folders);
	}
	i = n->nf++;
	n->folders[i] = (struct nav_folder){ .path = xstrdup(path),
		.parent = parent, .index = NONE };
	slash = strrchr(n->folders[i].path, '/');
	n->folders[i].name = slash ? slash + 1 : n->folders[i].path;
	strmap_put(&n->by_path, n->folders[i].path, (void *)(uintptr_t)(i + 1));
	if (parent != NONE)
		add_item(&n->folders[parent], i | FOLDER_BIT);
	return i;
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Is the file name b stem plus a Markdown extension ("README.md")? */
static bool
stem_is(const char *b, const char *stem)
{
	size_t n = strlen(stem), len = strlen(b);

	return len > n && !strncasecmp(b, stem, n) && b[n] == '.' &&
	       page_markdown_ext(b, len) == len - n;
}

/* What an item sorts by. */
struct key {
	bool has_order;
	double order;
	const char *title, *name;
};

static struct key
key_of(const struct nav *n, size_t item)
{
	const struct nav_page *p;

	if (item & FOLDER_BIT) {
		const struct nav_folder *f = &n->folders[item & ~FOLDER_BIT];

		if (f->index == NONE)
			return (struct key){ false, 0, f->name, f->name };
		p = &n->pages[f->index];
		return (struct key){ p->has_order, p->order, p->title, f->name };
	}
	p = &n->pages[item];
	return (struct key){ p->has_order, p->order, p->title,
		base_of(p->src) };
}

static int
compare(const void *a, const void *b, void *arg)
{
	struct key x = key_of(arg, *(const size_t *)a);
	struct key y = key_of(arg, *(const size_t *)b);
	int c;

	if (x.has_order != y.has_order)
		return x.has_order ? -1 : 1;
	if (x.has_order && x.order != y.order)
		return x.order < y.order ? -1 : 1;
	c = strcasecmp(x.title, y.title);
	return c ? c : strcmp(x.name, y.name);
}

/* Choose the index page of each folder (index.md, else README.md). */
static unsigned
choose_indexes(struct nav *n, nav_warn_fn *warn, void *arg)
{
	unsigned warnings = 0;
	size_t *readme = xmalloc(n->nf * sizeof *readme);

	for (size_t i = 0; i < n->nf; i++)
		readme[i] = NONE;
	for (size_t i = 0; i < n->n; i++) {
		struct nav_page *p = &n->pages[i];
		const char *b = base_of(p->src);

		if (stem_is(b, "index") &&
		    n->folders[p->folder].index == NONE)
			n->folders[p->folder].index = i;
		else if (stem_is(b, "readme") &&
		    readme[p->folder] == NONE)
			readme[p->folder] = i;
	}
	for (size_t i = 0; i < n->nf; i++) {
		struct nav_folder *f = &n->folders[i];
		char msg[512];

		if (readme[i] == NONE)
			continue;
		if (f->index == NONE) {
			f->index = readme[i];
			continue;
		}
		snprintf(msg, sizeof msg, "%s%sboth %s and %s: %s is the "
		    "folder's index, %s stays a page of its own", f->path,
		    *f->path ? ": " : "", base_of(n->pages[f->index].src),
		    base_of(n->pages[readme[i]].src),
		    base_of(n->pages[f->index].src),
		    base_of(n->pages[readme[i]].src));
		warn(arg, msg);
		warnings++;
	}
	free(readme);
	return warnings;
}

/* Put the pages of folder f (and below) into nav order. */
static void
sequence(struct nav *n, size_t f)
{
	for (size_t i = 0; i < n->folders[f].n_items; i++) {
		size_t it = n->folders[f].items[i];

		if (!(it & FOLDER_BIT)) {
			n->seq[n->n_seq++] = it;
			continue;
		}
		it &= ~FOLDER_BIT;
		if (n->folders[it].index != NONE)
			n->seq[n->n_seq++] = n->folders[it].index;
		sequence(n, it);
	}
}

unsigned
nav_finish(struct nav *n, nav_warn_fn *warn, void *arg)
{
	unsigned warnings;
	size_t root;

	root = folder(n, "");
	for (size_t i = 0; i < n->n; i++) {
		struct nav_page *p = &n->pages[i];
		const char *b = base_of(p->src);
		char *dir = xstrndup(p->src, (size_t)(b - p->src) -
		    (b > p->src));

		p->folder = folder(n, dir);
		free(dir);
		strmap_put(&n->by_src, p->src, (void *)(uintptr_t)(i + 1));
	}
	warnings = choose_indexes(n, warn, arg);
	for (size_t i = 0; i < n->n; i++) {
		struct nav_page *p = &n->pages[i];
		const char *b = base_of(p->src);

		p->index = n->folders[p->folder].index == i;
		if (p->index)
			p->out = xasprintf("%.*sindex.html",
			    (int)(b - p->src), p->src);
		else
			p->out = xasprintf("%.*s.html", (int)(strlen(p->src) -
			    page_markdown_ext(p->src, strlen(p->src))), p->src);
		if (!p->index)
			add_item(&n->folders[p->folder], i);
	}
	for (size_t i = 0; i < n->nf; i++)
		if (n->folders[i].n_items > 1)
			qsort_r(n->folders[i].items, n->folders[i].n_items,
			    sizeof(size_t), compare, n);
	n->seq = xmalloc((n->n + 1) * sizeof *n->seq);
	if (n->folders[root].index != NONE)
		n->seq[n->n_seq++] = n->folders[root].index;
	sequence(n, root);
	for (size_t i = 0; i < n->n_seq; i++)
		n->pages[n->seq[i]].seq = i;
	return warnings;
}

const struct nav_page *
nav_find(const struct nav *n, const char *src)
{
	uintptr_t v = (uintptr_t)strmap_get(&n->by_src, src);

	return v ? &n->pages[v - 1] : NULL;
}

/* Append <a href="ROOT+OUT">TITLE</a> for page i, noting where its "<a"
 * ends if it lives in folder cur; a folder's index link has its path in a
 * tooltip (two folders may have the same title). */
static void
link(struct nav *n, struct buf *b, size_t i, const char *root, size_t cur,
    const char *folder)
{
	struct nav_page *p = &n->pages[i];

	buf_adds(b, "<a");
	if (p->folder == cur)
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
	buf_add_html(b, p->title);
	buf_adds(b, "</a>");
}

/* Is folder g cur or one of its parents? */
static bool
holds(const struct nav *n, size_t g, size_t cur)
{
	for (; cur != NONE; cur = n->folders[cur].parent)
		if (cur == g)
			return true;
	return false;
}

static void
render_items(struct nav *n, struct buf *b, size_t f, const char *root,
    size_t cur)
{
	for (size_t i = 0; i < n->folders[f].n_items; i++) {
		size_t it = n->folders[f].items[i];
		struct nav_folder *g;

		if (!(it & FOLDER_BIT)) {
			buf_adds(b, "<li>");
			link(n, b, it, root, cur, NULL);
			buf_adds(b, "</li>\n");
			continue;
		}
		it &= ~FOLDER_BIT;
		g = &n->folders[it];
		if (!g->n_items) {	/* its index alone: no group to open */
			if (g->index == NONE)
				continue;
			buf_adds(b, "<li class=\"folder\">");
			link(n, b, g->index, root, cur, g->path);
			buf_adds(b, "</li>\n");
			continue;
		}
		buf_adds(b, holds(n, it, cur) ? "<li><details open><summary>"
					      : "<li><details><summary>");
		if (g->index != NONE) {
			link(n, b, g->index, root, cur, g->path);
		} else {
			buf_adds(b, "<span>");
			buf_add_html(b, g->name);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</summary>\n<ul>\n");
		render_items(n, b, it, root, cur);
		buf_adds(b, "</ul>\n</details></li>\n");
	}
}

/* Make the nav of the pages of folder f (root: their way up); the write
 * lock is held. */
static void
fill_cache(struct nav *n, struct nav_folder *f, size_t cur, const char *root)
{
	struct buf b = BUF_INIT;
	size_t rootf = (size_t)((uintptr_t)strmap_get(&n->by_path, "") - 1);

	if (n->cached > CACHE_MAX) {
		for (size_t i = 0; i < n->nf; i++) {
			free(n->folders[i].cache);
			n->folders[i].cache = NULL;
		}
		n->cached = 0;
	}
	buf_adds(&b, "<ul class=\"nav\">\n");
	if (n->folders[rootf].index != NONE) {
		buf_adds(&b, "<li>");
		link(n, &b, n->folders[rootf].index, root, cur, NULL);
		buf_adds(&b, "</li>\n");
	}
	render_items(n, &b, rootf, root, cur);
	buf_adds(&b, "</ul>\n");
	f->cache = b.p;
	f->cache_len = b.len;
	n->cached += b.len;
}

void
nav_render(struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	struct nav_folder *f = &n->folders[p->folder];

	pthread_rwlock_rdlock(&n->lock);
	while (!f->cache) {	/* (another thread may evict it again) */
		pthread_rwlock_unlock(&n->lock);
		pthread_rwlock_wrlock(&n->lock);
		if (!f->cache)
			fill_cache(n, f, p->folder, root);
		pthread_rwlock_unlock(&n->lock);
		pthread_rwlock_rdlock(&n->lock);
	}
	buf_add(out, f->cache, p->off);
	buf_adds(out, " aria-current=\"page\"");
	buf_add(out, f->cache + p->off, f->cache_len - p->off);
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
		pager(&n->pages[n->seq[p->seq - 1]], root, "prev", "prev", out);
}

void
nav_next(const struct nav *n, const struct nav_page *p, const char *root,
    struct buf *out)
{
	if (p->seq + 1 < n->n_seq)
		pager(&n->pages[n->seq[p->seq + 1]], root, "next", "next", out);
}

static uint64_t
fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;

	while (len--)
		h = (h ^ *s++) * 0x100000001b3ull;
	return h;
}

uint64_t
nav_signature(const struct nav *n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n->n_seq; i++) {
		const struct nav_page *p = &n->pages[n->seq[i]];
		unsigned char flags = (unsigned char)(p->has_order | p->draft << 1);

		h = fnv(h, p->src, strlen(p->src) + 1);
		h = fnv(h, p->title, strlen(p->title) + 1);
		h = fnv(h, &flags, 1);
		if (p->has_order)
			h = fnv(h, &p->order, sizeof p->order);
	}
	return h;
}

uint64_t
nav_names_signature(const struct nav *n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n->n; i++)
		if (!n->pages[i].index &&
		    stem_is(base_of(n->pages[i].src), "readme"))
			h = fnv(h, n->pages[i].src,
			    strlen(n->pages[i].src) + 1);
	return h;
}

void
nav_free(struct nav *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		free(n->pages[i].src);
		free(n->pages[i].out);
		free(n->pages[i].title);
	}
	for (size_t i = 0; i < n->nf; i++) {
		free(n->folders[i].path);
		free(n->folders[i].items);
		free(n->folders[i].cache);
	}
	free(n->pages);
	free(n->folders);
	free(n->seq);
	strmap_clear(&n->by_src);
	strmap_clear(&n->by_path);
	pthread_rwlock_destroy(&n->lock);
	free(n);
}
