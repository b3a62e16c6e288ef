/* graph.c - the URLs, pages and links a crawl has found */
#include "graph.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "basepath.h"
#include "buf.h"
#include "fsutil.h"
#include "skiplist.h"
#include "strlist.h"
#include "strmap.h"
#include "url.h"
#include "walk.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_FILES 1000000	/* page files listed below root, at most */
#define URLS_PER_PAGE 16	/* targets made at most, per page parsed */
#define MAX_EXTERNAL_LEN 2000	/* an external link is listed up to this */
#define MAX_MEDIA_TYPE 64	/* a data: URL is listed by its media type */

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
	const struct skiplist *skip;	/* borrowed: links not checked */
	char *base;		/* owned: graph_set_base()'s, or NULL */
};

struct graph *
graph_new(const char *origin, size_t max_pages, struct result *r)
{
	struct graph *g = xcalloc(1, sizeof *g);

	g->r = r;
	g->origin = xstrdup(origin);
	g->max_pages = max_pages;
	g->max_urls = max_pages > SIZE_MAX / URLS_PER_PAGE ? SIZE_MAX :
	    URLS_PER_PAGE * max_pages;
	return g;
}

void
graph_set_base(struct graph *g, const char *base)
{
	free(g->base);
	g->base = basepath_none(base) ? NULL : xstrdup(base);
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
	free(g->base);
	free(g->origin);
	free(g);
}

/* Leave out names starting with '.': the server does not serve them. */
static bool
skip_dotfile(const char *rel, const char *name, void *arg)
{
	return name[0] == '.';
}

/* Add a page file (or a symlink to one) to g->files; folders are walked,
 * symlinks to folders not (the walk does not follow them). */
static enum walk_action
list_page(const struct walk_entry *e, void *arg)
{
	struct graph *g = arg;
	struct stat st;

	if (e->type == WALK_DIR || !url_names_page(e->name, strlen(e->name)))
		return WALK_NEXT;
	if (e->type != WALK_FILE && !(e->link &&
	    fstatat(e->dirfd, e->name, &st, 0) == 0 && S_ISREG(st.st_mode)))
		return WALK_NEXT;
	if (g->files.len >= MAX_FILES) {
		char *msg = xasprintf("more than %d page files below '%s': "
		    "the others are not start pages", MAX_FILES, g->root);

		g->r->truncated = true;
		strlist_add(&g->r->warnings, msg);
		free(msg);
		return WALK_STOP;
	}
	strlist_add(&g->files, e->rel);
	return WALK_NEXT;
}

/* A folder that was not listed: say which and why. */
static void
list_problem(const char *rel, enum walk_problem what, int err, void *arg)
{
	struct graph *g = arg;
	char *msg = xasprintf("cannot list '%s' below '%s': %s%s%s", rel,
	    g->root, walk_problem_str(what), err ? ": " : "",
	    err ? strerror(err) : "");

	strlist_add(&g->r->warnings, msg);
	free(msg);
}

int
graph_list_files(struct graph *g, const char *root)
{
	struct walk_ops ops = { .skip = skip_dotfile, .visit = list_page,
		.problem = list_problem, .arg = g };

	free(g->root);
	g->root = xstrdup(root);
	if (walk_tree(root, "", &ops) < 0) {
		int err = errno;

		free(g->root);
		g->root = NULL;
		errno = err;
		return -1;
	}
	result_sort(&g->files);
	return 0;
}

bool
graph_is_listing(const struct graph *g, const struct graph_target *t)
{
	size_t n = strcspn(t->path, "?");
	char *path, *dir, *index;
	struct stat st;
	bool listing;

	const char *in = basepath_strip(g->base, t->path);

	if (!g->root || !in || !n || t->path[n - 1] != '/')
		return false;
	path = xstrndup(in, n - (size_t)(in - t->path));
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
	if (strncasecmp(ref, "data:", strlen("data:")) == 0) {
		size_t n = strcspn(ref, ",;");

		s = xasprintf("%.*s,...", (int)(n < MAX_MEDIA_TYPE ? n :
		    MAX_MEDIA_TYPE), ref);
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
	enum url_class uc = url_base_resolve(base, l->ref, &u);

	if (g->skip && (skiplist_match(g->skip, l->ref) ||
	    (uc == URL_HTTP && skiplist_match(g->skip, u.url)))) {
		g->r->skipped++;
		url_release(&u);
		return;
	}
	switch (uc) {
	case URL_OTHER_SCHEME:
		graph_add_external(g, l->ref);
		return;
	case URL_HTTP:
		if (strcmp(u.origin, g->origin) != 0) {
			graph_add_external(g, u.url);
			result_add_extlink(g->r, p->ident + 1, l->ref, u.url);
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
graph_set_skip(struct graph *g, const struct skiplist *skip)
{
	g->skip = skip;
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
	p->secs = t->secs;
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
		char *ident = xasprintf("%s%s", g->base ? g->base : "/",
		    g->files.items[i]);
		struct buf url = BUF_INIT;
		struct graph_target *t;

		if (!strmap_get(&g->idents, ident)) {
			buf_adds(&url, base);
			buf_add_url(&url, g->files.items[i]);
			/* The path is the URL after its origin. */
			t = graph_target(g, url.p, url.p + strlen(g->origin));
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
