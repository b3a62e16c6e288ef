/* srcpos.c - the source line of each broken link */
#include "srcpos.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "srcfind.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

#define MAP_HEADER "tend-links 1"	/* site/linkmap.h's */

struct rec {
	const char *href;	/* points into the map's text */
	unsigned line, col;
};

/* One page (or the layout) of the map. */
struct mpage {
	const char *src;	/* points into the map's text */
	struct rec *v;
	size_t n, alloc;
};

struct map {
	char *text;
	struct mpage *pages;	/* [0] the layout (src NULL if none) */
	size_t n, alloc;
	struct strmap by_out;	/* output path -> struct mpage index + 1 */
};

bool
srcpos_match(const char *pat, const char *s)
{
	const char *open = strstr(pat, "{{"), *close;

	if (!open)
		return !strcmp(pat, s);
	if (strncmp(pat, s, (size_t)(open - pat)))
		return false;
	s += open - pat;
	close = strstr(open, "}}");
	if (!close)
		return !strcmp(open, s);
	for (const char *t = s;; t++) {
		if (srcpos_match(close + 2, t))
			return true;
		if (!*t)
			return false;
	}
}

static void
add_rec(struct mpage *p, const char *href, unsigned line, unsigned col)
{
	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 8;
		p->v = xrealloc(p->v, p->alloc * sizeof *p->v);
	}
	p->v[p->n++] = (struct rec){ href, line, col };
}

static struct mpage *
add_page(struct map *m)
{
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 64;
		m->pages = xrealloc(m->pages, m->alloc * sizeof *m->pages);
	}
	m->pages[m->n] = (struct mpage){ NULL, NULL, 0, 0 };
	return &m->pages[m->n++];
}

static void
map_free(struct map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->pages[i].v);
	free(m->pages);
	free(m->text);
	strmap_clear(&m->by_out);
}

/* Split line at tabs into at most max fields: how many. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	for (char *t = line; *t && n < max; t++)
		if (*t == '\t') {
			*t = '\0';
			f[n++] = t + 1;
		}
	return n;
}

/* Load the map at path: 0, or -1 (missing, unreadable, malformed). */
static int
map_load(struct map *m, const char *path)
{
	struct mpage *cur = NULL;
	size_t len;
	char *line, *next;

	if (fs_read_file(AT_FDCWD, path, &m->text, &len) < 0)
		return -1;
	if (strncmp(m->text, MAP_HEADER "\n", sizeof MAP_HEADER))
		return -1;
	add_page(m);		/* the layout */
	for (line = m->text + sizeof MAP_HEADER; *line; line = next) {
		char *f[4];
		size_t n;

		next = strchr(line, '\n');
		if (!next)
			return -1;
		*next++ = '\0';
		n = fields(line, f, 4);
		if (n == 2 && !strcmp(f[0], "L")) {
			cur = &m->pages[0];
			cur->src = f[1];
		} else if (n == 3 && !strcmp(f[0], "P")) {
			cur = add_page(m);
			cur->src = f[2];
			strmap_put(&m->by_out, f[1], (void *)(uintptr_t)m->n);
		} else if (n == 4 && !*f[0] && cur) {
			add_rec(cur, f[3], (unsigned)strtoul(f[1], NULL, 10),
			    (unsigned)strtoul(f[2], NULL, 10));
		} else {
			return -1;
		}
	}
	return 0;
}

/* The output file of a failure's page: the result's, else from its URL
 * path. A new string. */
static char *
page_file(const struct result *r, const char *page)
{
	size_t n;

	for (size_t i = 0; r->info && i < r->pages.len; i++)
		if (!strcmp(r->pages.items[i], page) && *r->info[i].file)
			return xstrdup(r->info[i].file);
	page += *page == '/';
	n = strlen(page);
	if (!n || page[n - 1] == '/')
		return xasprintf("%sindex.html", page);
	return xstrdup(page);
}

static void
set_src(struct result_failure *x, const char *src, unsigned line,
    unsigned col)
{
	free(x->src);
	x->src = xstrdup(src ? src : "");
	x->src_line = src ? line : 0;
	x->src_col = src ? col : 0;
}

/* From the map: true if the map has the failure's link. */
static bool
from_map(const struct map *m, struct result_failure *x, const char *file)
{
	const struct mpage *p, *l = &m->pages[0];
	size_t at = (size_t)(uintptr_t)strmap_get(&m->by_out, file);

	if (!at)
		return false;
	p = &m->pages[at - 1];
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].href, x->link)) {
			set_src(x, p->src, p->v[i].line, p->v[i].col);
			return true;
		}
	for (size_t i = 0; l->src && i < l->n; i++)
		if (srcpos_match(l->v[i].href, x->link)) {
			set_src(x, l->src, l->v[i].line, l->v[i].col);
			return true;
		}
	return false;	/* made otherwise (an admonition's body...): search */
}

void
srcpos_fill(struct result *r, const char *src, const char *links,
    const char *root)
{
	struct map m = { NULL, NULL, 0, 0, STRMAP_INIT };
	struct srcfind_query *q = xcalloc(r->nfailures + 1, sizeof *q);
	size_t *of = xcalloc(r->nfailures + 1, sizeof *of), nq = 0;
	char **files = xcalloc(r->nfailures + 1, sizeof *files);
	bool mapped = false;

	if (links && !(mapped = map_load(&m, links) == 0)) {
		char *w = xasprintf("cannot read the link map '%s': broken "
		    "links are looked for in the sources", links);

		strlist_add(&r->warnings, w);
		free(w);
	}
	for (size_t i = 0; i < r->nfailures; i++) {
		struct result_failure *x = &r->failures[i];

		if (!*x->link)
			continue;
		files[i] = page_file(r, x->page);
		if (mapped && from_map(&m, x, files[i]))
			continue;
		if (!src)
			continue;
		q[nq] = (struct srcfind_query){ .page = files[i],
			.link = x->link, .target = x->target };
		of[nq++] = i;
	}
	if (nq)
		srcfind_run(src, root, q, nq);
	for (size_t k = 0; k < nq; k++) {
		set_src(&r->failures[of[k]], q[k].file, q[k].line, q[k].col);
		free(q[k].file);
	}
	for (size_t i = 0; i < r->nfailures; i++)
		free(files[i]);
	free(files);
	free(of);
	free(q);
	map_free(&m);
}
