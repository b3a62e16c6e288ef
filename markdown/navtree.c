/* navtree.c - the page list: names, folders, order */
#include "navtree.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "xalloc.h"
#include "banned.h"

#define NONE NAVTREE_NONE
#define FOLDER_BIT NAVTREE_FOLDER

void
navtree_add(struct navtree *n, const char *src, const char *title,
    bool has_order, double order, bool draft)
{
	if (n->n == n->cap) {
		n->cap = n->cap ? 2 * n->cap : 64;
		n->pages = xrealloc(n->pages, n->cap * sizeof *n->pages);
	}
	n->pages[n->n++] = (struct nav_page){ .src = xstrdup(src),
		.title = xstrdup(title), .order = order,
		.has_order = has_order, .draft = draft, .seq = NONE,
		.off = NONE };
}

void
navtree_set_home(struct navtree *n, const char *title)
{
	free(n->home);
	n->home = xstrdup(title);
}

void
navtree_set_first(struct navtree *n, const char *src)
{
	free(n->first);
	n->first = xstrdup(src);
}

static void
add_item(struct navtree_folder *f, size_t item)
{
	f->items = xrealloc(f->items, (f->n_items + 1) * sizeof *f->items);
	f->items[f->n_items++] = item;
}

/* The folder with this path (made, with its parents, if new). */
static size_t
folder(struct navtree *n, const char *path)
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
	n->folders[i] = (struct navtree_folder){ .path = xstrdup(path),
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

/* What an item sorts by: its order, else its file or folder name. */
struct key {
	bool has_order;
	double order;
	const char *name;
};

static struct key
key_of(const struct navtree *n, size_t item)
{
	const struct nav_page *p;

	if (item & FOLDER_BIT) {
		const struct navtree_folder *f =
		    &n->folders[item & ~FOLDER_BIT];

		if (f->index == NONE)
			return (struct key){ false, 0, f->name };
		p = &n->pages[f->index];
		return (struct key){ p->has_order, p->order, f->name };
	}
	p = &n->pages[item];
	return (struct key){ p->has_order, p->order, base_of(p->src) };
}

/* Compare names as people number files: case aside, and runs of digits
 * by their value, so "ch2" < "ch10" and "Intro" == "intro"; 0 if they
 * differ only in case or leading zeros. */
static int
natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			size_t la, lb;

			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (la = 0; isdigit((unsigned char)a[la]); la++)
				;
			for (lb = 0; isdigit((unsigned char)b[lb]); lb++)
				;
			if (la != lb)
				return la < lb ? -1 : 1;
			if (memcmp(a, b, la))
				return memcmp(a, b, la);
			a += la;
			b += lb;
			continue;
		}
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return tolower((unsigned char)*a) -
			    tolower((unsigned char)*b);
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
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
	c = natural_cmp(x.name, y.name);
	return c ? c : strcmp(x.name, y.name);
}

/* Make page i the candidate *at if it comes first: the name spelt as usual
 * (index.md, README.md), then in byte order; the same whatever order the
 * folder lists them in (index.md and INDEX.md: index.md is the index,
 * INDEX.md becomes INDEX.html). */
static void
prefer(const struct navtree *n, size_t *at, size_t i, const char *usual)
{
	const char *b = base_of(n->pages[i].src), *was;
	bool usual_b, usual_was;

	if (*at == NONE) {
		*at = i;
		return;
	}
	was = base_of(n->pages[*at].src);
	usual_b = !strncmp(b, usual, strlen(usual));
	usual_was = !strncmp(was, usual, strlen(usual));
	if (usual_b != usual_was ? usual_b : strcmp(b, was) < 0)
		*at = i;
}

/* Choose the index page of each folder (index.md, else README.md). */
static unsigned
choose_indexes(struct navtree *n, navtree_warn_fn *warn, void *arg)
{
	unsigned warnings = 0;
	size_t *readme = xmalloc(n->nf * sizeof *readme);

	for (size_t i = 0; i < n->nf; i++)
		readme[i] = NONE;
	for (size_t i = 0; i < n->n; i++) {
		struct nav_page *p = &n->pages[i];
		const char *b = base_of(p->src);

		if (stem_is(b, "index"))
			prefer(n, &n->folders[p->folder].index, i, "index");
		else if (stem_is(b, "readme"))
			prefer(n, &readme[p->folder], i, "README");
	}
	for (size_t i = 0; i < n->nf; i++) {
		struct navtree_folder *f = &n->folders[i];
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
sequence(struct navtree *n, size_t f)
{
	for (size_t i = 0; i < n->folders[f].n_items; i++) {
		size_t it = n->folders[f].items[i];

		if (it & NAVTREE_LABEL)
			continue;
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
navtree_finish(struct navtree *n, navtree_warn_fn *warn, void *arg)
{
	unsigned warnings;
	uintptr_t first;

	n->root = folder(n, "");
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
	if (n->home && n->first && n->folders[n->root].index == NONE &&
	    (first = (uintptr_t)strmap_get(&n->by_src, n->first)) &&
	    n->pages[first - 1].folder == n->root && !n->pages[first - 1].draft)
		n->folders[n->root].index = first - 1;	/* mdBook's index */
	if (n->home && n->folders[n->root].index == NONE) {
		navtree_add(n, NAVTREE_HOME, n->home, false, 0, false);
		n->pages[n->n - 1].folder = n->root;
		n->folders[n->root].index = n->n - 1;
		strmap_put(&n->by_src, n->pages[n->n - 1].src,
		    (void *)(uintptr_t)n->n);
	}
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
	for (size_t i = 0; i < n->nf; i++) {
		struct navtree_folder *f = &n->folders[i];

		if (f->n_items > 1)
			qsort_r(f->items, f->n_items, sizeof(size_t), compare,
			    n);
		for (size_t j = 0; j < f->n_items; j++)
			if (f->items[j] & FOLDER_BIT)
				n->folders[f->items[j] & ~FOLDER_BIT].pos = j;
			else
				n->pages[f->items[j]].pos = j;
	}
	navtree_sequence(n);
	return warnings;
}

void
navtree_sequence(struct navtree *n)
{
	free(n->seq);
	n->seq = xmalloc((n->n + 1) * sizeof *n->seq);
	n->n_seq = 0;
	for (size_t i = 0; i < n->n; i++)
		n->pages[i].seq = NONE;
	if (n->folders[n->root].index != NONE)
		n->seq[n->n_seq++] = n->folders[n->root].index;
	sequence(n, n->root);
	for (size_t i = 0; i < n->n_seq; i++)
		n->pages[n->seq[i]].seq = i;
}

const struct nav_page *
navtree_find(const struct navtree *n, const char *src)
{
	uintptr_t v = (uintptr_t)strmap_get(&n->by_src, src);

	return v ? &n->pages[v - 1] : NULL;
}

/* The first page of folder f in nav order: its index, else the first
 * page of its first item; NONE if it holds no page. */
size_t
navtree_first_page(const struct navtree *n, size_t f)
{
	const struct navtree_folder *g = &n->folders[f];

	if (g->index != NONE)
		return g->index;
	for (size_t i = 0; i < g->n_items; i++) {
		size_t it = g->items[i], p;

		if (it & NAVTREE_LABEL)
			continue;
		if (!(it & FOLDER_BIT))
			return it;
		if ((p = navtree_first_page(n, it & ~FOLDER_BIT)) != NONE)
			return p;
	}
	return NONE;
}

uint64_t
navtree_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;

	while (len--)
		h = (h ^ *s++) * 0x100000001b3ull;
	return h;
}

uint64_t
navtree_signature(const struct navtree *n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	h = navtree_hash(h, &n->book, sizeof n->book);
	for (size_t i = 0; i < n->n_seq; i++) {
		const struct nav_page *p = &n->pages[n->seq[i]];
		unsigned char flags = (unsigned char)(p->has_order | p->draft << 1);

		h = navtree_hash(h, p->src, strlen(p->src) + 1);
		h = navtree_hash(h, p->title, strlen(p->title) + 1);
		if (p->label)
			h = navtree_hash(h, p->label, strlen(p->label) + 1);
		h = navtree_hash(h, &flags, 1);
		if (p->has_order)
			h = navtree_hash(h, &p->order, sizeof p->order);
	}
	return h;
}

/* Does a link to p's source that does not find it in the list name p's
 * output all the same (page.c: README.md any case -> index.html, else the
 * name's stem + .html)? Not for a README that is no index, nor for an
 * index spelt Index.md. */
static bool
linked_as_named(const struct nav_page *p)
{
	const char *b = base_of(p->src), *o = base_of(p->out);
	size_t stem = strlen(b) - page_markdown_ext(b, strlen(b));

	if (stem_is(b, "readme"))
		return !strcmp(o, "index.html");
	return !strncmp(o, b, stem) && !strcmp(o + stem, ".html");
}

uint64_t
navtree_names_signature(const struct navtree *n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n->n; i++)
		if (!linked_as_named(&n->pages[i]))
			h = navtree_hash(h, n->pages[i].src,
			    strlen(n->pages[i].src) + 1);
	return h;
}

void
navtree_release(struct navtree *n)
{
	for (size_t i = 0; i < n->n; i++) {
		free(n->pages[i].src);
		free(n->pages[i].out);
		free(n->pages[i].title);
		free(n->pages[i].label);
		free(n->pages[i].num);
	}
	for (size_t i = 0; i < n->nf; i++) {
		free(n->folders[i].path);
		free(n->folders[i].label);
		free(n->folders[i].items);
	}
	for (size_t i = 0; i < n->n_labels; i++) {
		free(n->labels[i].text);
		free(n->labels[i].num);
	}
	free(n->labels);
	free(n->home);
	free(n->first);
	free(n->pages);
	free(n->folders);
	free(n->seq);
	strmap_clear(&n->by_src);
	strmap_clear(&n->by_path);
	*n = (struct navtree)NAVTREE_INIT;
}
