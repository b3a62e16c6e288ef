/* graph.c - the URLs, pages and links a crawl has found */
#include "graph.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "fsutil.h"
#include "strlist.h"
#include "strmap.h"
#include "url.h"
#include "xalloc.h"

#define MAX_DEPTH 32		/* folders below root looked into */
#define MAX_FILES 1000000	/* start pages from root */
#define MAX_EXTERNAL_LEN 2000

struct graph {
	struct result *r;	/* borrowed: externals, truncated */
	char *origin;		/* owned: as url.h's url.origin */
	size_t max_pages, max_urls;
	struct strmap targets;	/* url -> struct graph_target */
	struct graph_target **all;	/* every target, in order of
					 * discovery */
	size_t nall, allcap;
	size_t qhead;		/* all[qhead..] may hold TARGET_QUEUED ones */
	struct strmap idents;	/* ident -> struct graph_page */
	struct graph_page **pages;
	size_t npages, pagecap;
	struct strmap ext_seen;	/* external -> its copy in r->external */
	struct strmap seen;	/* one page's refs, to check each once */
	struct strlist files;	/* *.html below root, relative, sorted */
	char *root;		/* owned: from graph_list_files(), or NULL */
};

struct graph *
graph_new(const char *origin, size_t max_pages, struct result *r)
{
	struct graph *g = xcalloc(1, sizeof *g);

	g->r = r;
	g->origin = xstrdup(origin);
	g->max_pages = max_pages;
	g->max_urls = max_pages > SIZE_MAX / 16 ? SIZE_MAX : 16 * max_pages;
	return g;
}

void
graph_page_free(struct graph_page *p)
{
	for (size_t i = 0; i < p->nlinks; i++) {
		free(p->links[i].ref);
		free(p->links[i].frag);
	}
	free(p->links);
	html_ids_release(&p->ids);
	free(p->ident);
	free(p->path);
	free(p);
}

void
graph_free(struct graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nall; i++) {
		free(g->all[i]->url);
		free(g->all[i]->path);
		free(g->all[i]->ctype);
		free(g->all[i]);
	}
	free(g->all);
	for (size_t i = 0; i < g->npages; i++)
		graph_page_free(g->pages[i]);
	free(g->pages);
	strmap_clear(&g->targets);
	strmap_clear(&g->idents);
	strmap_clear(&g->ext_seen);
	strmap_clear(&g->seen);
	strlist_clear(&g->files);
	free(g->root);
	free(g->origin);
	free(g);
}

/* Add the *.html files below root/rel (depth folders deep) to g->files. */
static int
list_pages(struct graph *g, const char *root, const char *rel, int depth)
{
	char *dir = *rel ? fs_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		int err = errno;

		free(dir);
		errno = err;
		return -1;
	}
	free(dir);
	while ((e = readdir(d)) && g->files.len < MAX_FILES) {
		char *child;
		struct stat st;
		bool is_dir = e->d_type == DT_DIR, is_reg = e->d_type == DT_REG;

		if (e->d_name[0] == '.')
			continue;
		/* Symlinks to files count; to folders, no (no loops). */
		if ((e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) &&
		    fstatat(dirfd(d), e->d_name, &st, 0) == 0) {
			is_reg = S_ISREG(st.st_mode);
			is_dir = e->d_type == DT_UNKNOWN && S_ISDIR(st.st_mode);
		}
		if (!is_reg && !(is_dir && depth < MAX_DEPTH))
			continue;
		if (is_reg && !url_names_page(e->d_name, strlen(e->d_name)))
			continue;
		child = *rel ? fs_join(rel, e->d_name) : xstrdup(e->d_name);
		if (is_dir)
			list_pages(g, root, child, depth + 1);
		else
			strlist_add(&g->files, child);
		free(child);
	}
	closedir(d);
	return 0;
}

int
graph_list_files(struct graph *g, const char *root)
{
	if (list_pages(g, root, "", 0) < 0)
		return -1;
	result_sort(&g->files);
	free(g->root);
	g->root = xstrdup(root);
	return 0;
}

bool
graph_is_listing(const struct graph *g, const struct graph_target *t)
{
	size_t n = strcspn(t->path, "?");
	char *path, *dir, *index;
	struct stat st;
	bool listing;

	if (!g->root || !n || t->path[n - 1] != '/')
		return false;
	path = xstrndup(t->path, n);
	dir = url_unescape(path);
	index = xasprintf("%s%sindex.html", g->root, dir);
	listing = stat(index, &st) < 0 || !S_ISREG(st.st_mode);
	free(index);
	free(dir);
	free(path);
	return listing;
}

void
graph_add_external(struct graph *g, const char *ref)
{
	char *s;

	while (*ref && (unsigned char)*ref <= ' ')
		ref++;
	if (strncasecmp(ref, "data:", 5) == 0) {
		size_t n = strcspn(ref, ",;");

		s = xasprintf("%.*s,...", (int)(n < 64 ? n : 64), ref);
	} else {
		s = xstrndup(ref, MAX_EXTERNAL_LEN);
	}
	if (!strmap_get(&g->ext_seen, s)) {
		struct strlist *l = &g->r->external;

		strlist_add(l, s);
		strmap_put(&g->ext_seen, l->items[l->len - 1], g);
	}
	free(s);
}

struct graph_target *
graph_target(struct graph *g, const char *url, const char *path)
{
	struct graph_target *t = strmap_get(&g->targets, url);

	if (t)
		return t;
	if (g->nall >= g->max_urls) {
		g->r->truncated = true;
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->url = xstrdup(url);
	t->path = xstrdup(path);
	strmap_put(&g->targets, t->url, t);
	if (g->nall == g->allcap) {
		g->allcap = g->allcap ? 2 * g->allcap : 256;
		g->all = xrealloc(g->all, g->allcap * sizeof *g->all);
	}
	g->all[g->nall++] = t;
	return t;
}

void
graph_want(struct graph_target *t)
{
	if (t && t->state == TARGET_NEW)
		t->state = TARGET_QUEUED;
}

struct graph_target *
graph_next(struct graph *g)
{
	struct graph_target *t = NULL;

	while (g->qhead < g->nall && !t) {
		if (g->all[g->qhead]->state == TARGET_QUEUED)
			t = g->all[g->qhead];
		g->qhead++;
	}
	return t;
}

/*
 * The file an HTML page's URL path names: decoded, without the query; as
 * tend's server maps them, "/d/" is "/d/index.html" and a clean URL "/about"
 * is "/about.html" (a file without that extension is not served as HTML).
 */
static char *
ident_of(const char *path)
{
	char *p = xstrndup(path, strcspn(path, "?"));
	char *id = url_unescape(p);
	size_t n = strlen(id);

	free(p);
	if (n && id[n - 1] == '/')
		p = xasprintf("%sindex.html", id);
	else if (!url_names_page(id, n))
		p = xasprintf("%s.html", id);
	else
		return id;
	free(id);
	return p;
}

/* Record one link of page p, whose base URL is base. */
static void
add_link(struct graph *g, struct graph_page *p,
    const struct url_base *base, const struct html_link *l, size_t *cap)
{
	struct url u = URL_INIT;
	struct graph_target *t = NULL;
	struct graph_link *cl;

	switch (url_base_resolve(base, l->ref, &u)) {
	case URL_OTHER_SCHEME:
		graph_add_external(g, l->ref);
		return;
	case URL_HTTP:
		if (strcmp(u.origin, g->origin) != 0) {
			graph_add_external(g, u.url);
			url_release(&u);
			return;
		}
		t = graph_target(g, u.url, u.path);
		if (!t) {
			url_release(&u);
			return;
		}
		graph_want(t);
		break;
	case URL_INVALID:
		break;
	}
	if (p->nlinks == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		p->links = xrealloc(p->links, *cap * sizeof *p->links);
	}
	cl = &p->links[p->nlinks++];
	cl->ref = xstrdup(l->ref);
	cl->frag = u.frag;
	cl->t = t;
	cl->kind = l->kind;
	u.frag = NULL;
	url_release(&u);
}

void
graph_parse_page(struct graph *g, struct graph_target *t,
    const char *html, size_t len)
{
	struct html_doc doc = HTML_DOC_INIT;
	struct url bu = URL_INIT;
	struct url_base *page_base, *doc_base = NULL;
	const struct url_base *base;
	char *ident = ident_of(t->path);
	struct graph_page *p = strmap_get(&g->idents, ident);
	size_t cap = 0;

	if (p) {
		/* Named by its shortest URL whatever the order they came in:
		 * "/" over "/index.html", "/about" over "/about.html". */
		if (strlen(t->path) < strlen(p->path) ||
		    (strlen(t->path) == strlen(p->path) &&
		    strcmp(t->path, p->path) < 0)) {
			free(p->path);
			p->path = xstrdup(t->path);
		}
		t->page = p;
		free(ident);
		return;
	}
	if (g->npages >= g->max_pages || html_parse(html, len, &doc)) {
		g->r->truncated |= g->npages >= g->max_pages;
		free(ident);
		return;
	}
	p = xcalloc(1, sizeof *p);
	p->ident = ident;
	p->path = xstrdup(t->path);
	p->ids = doc.ids;
	doc.ids = (struct html_ids){ NULL, NULL, 0 };
	strmap_put(&g->idents, p->ident, p);
	if (g->npages == g->pagecap) {
		g->pagecap = g->pagecap ? 2 * g->pagecap : 256;
		g->pages = xrealloc(g->pages, g->pagecap * sizeof *g->pages);
	}
	g->pages[g->npages++] = p;
	t->page = p;

	base = page_base = url_base_new(t->url);
	if (base && doc.base &&
	    url_base_resolve(base, doc.base, &bu) == URL_HTTP &&
	    (doc_base = url_base_new(bu.url)))
		base = doc_base;
	strmap_reset(&g->seen);
	for (size_t i = 0; base && i < doc.nlinks; i++) {
		if (strmap_get(&g->seen, doc.links[i].ref))
			continue;
		strmap_put(&g->seen, doc.links[i].ref, g);
		add_link(g, p, base, &doc.links[i], &cap);
	}
	strmap_reset(&g->seen);
	url_base_free(doc_base);
	url_base_free(page_base);
	url_release(&bu);
	html_doc_release(&doc);
}

void
graph_add_orphans(struct graph *g, const char *base)
{
	for (size_t i = 0; i < g->files.len; i++) {
		char *ident = xasprintf("/%s", g->files.items[i]);
		struct buf url = BUF_INIT;
		struct graph_target *t;

		if (!strmap_get(&g->idents, ident)) {
			buf_adds(&url, base);
			buf_add_url(&url, g->files.items[i]);
			/* The path is the URL from the base's final '/'. */
			t = graph_target(g, url.p,
			    url.p + strlen(base) - 1);
			if (t) {
				t->start = true;
				graph_want(t);
			}
			free(url.p);
		}
		free(ident);
	}
}

struct graph_target *const *
graph_targets(const struct graph *g, size_t *n)
{
	*n = g->nall;
	return g->all;
}

struct graph_page *const *
graph_pages(const struct graph *g, size_t *n)
{
	*n = g->npages;
	return g->pages;
}
