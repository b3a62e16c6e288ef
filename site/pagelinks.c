/* pagelinks.c - a rendered page's links, resolved, and its ids */
#include "pagelinks.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "links.h"
#include "page.h"
#include "xalloc.h"
#include "banned.h"

void
pagelinks_clear(struct pagelinks *d)
{
	for (size_t i = 0; i < d->nlinks; i++) {
		free(d->links[i].href);
		free(d->links[i].key);
		free(d->links[i].frag);
	}
	free(d->links);
	for (size_t i = 0; i < d->nids; i++)
		free(d->ids[i]);
	free(d->ids);
	*d = (struct pagelinks){ 0 };
}

/*
 * path (decoded) resolved against the folder of from ("a/b.md": "a"): "."
 * and ".." resolved, no trailing '/'; a leading '/' is the site's root. A
 * new string, or NULL if it climbs above the root.
 */
static char *
resolve(const char *from, const char *path)
{
	const char *slash = strrchr(from, '/');
	char *dir = slash ? xstrndup(from, (size_t)(slash - from)) : NULL;
	char *r = page_resolve(dir ? dir : "", path, strlen(path));

	free(dir);
	return r;
}

/* Does href name another site or a scheme (http:, mailto:, //host)? */
static bool
is_external(const char *h)
{
	size_t i = 0;

	if (h[0] == '/' && h[1] == '/')
		return true;
	if (!isalpha((unsigned char)h[0]))
		return false;
	while (isalnum((unsigned char)h[i]) || h[i] == '+' || h[i] == '-' ||
	    h[i] == '.')
		i++;
	return h[i] == ':';
}

/* Classify the link l of the page at rel (out: its output path); false if
 * it is not judged here (external, or empty). */
static bool
classify(struct pagelink *l, const char *rel, const char *out)
{
	const char *h = l->href, *hash = strchr(h, '#');
	size_t plen = strcspn(h, "?#");
	char *path;

	if (!*h || is_external(h))
		return false;
	if (hash && hash[1])
		l->frag = buf_url_decode(hash + 1, strlen(hash + 1));
	if (!plen) {
		l->kind = PAGELINK_SELF;
		return l->frag != NULL;
	}
	path = buf_url_decode(h, plen);
	if (page_markdown_ext(path, strlen(path))) {
		l->kind = PAGELINK_PAGE;
		l->key = resolve(rel, path);
	} else {
		l->kind = PAGELINK_FILE;
		l->key = resolve(out, path);
	}
	free(path);
	if (!l->key)
		l->kind = PAGELINK_OUTSIDE;
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the values of id= and name= attributes of html (sorted, unique). */
static void
scan_ids(struct pagelinks *d, const char *html, size_t len)
{
	static const char *const attrs[] = { "id=", "name=" };
	size_t cap = 0, k = 0;

	for (size_t a = 0; a < 2; a++) {
		size_t al = strlen(attrs[a]);

		for (const char *p = html, *end = html + len, *q; p < end;
		    p = q + 1) {
			const char *v;
			char quote;

			q = memmem(p, (size_t)(end - p), attrs[a], al);
			if (!q)
				break;
			if (q == html || !isspace((unsigned char)q[-1]) ||
			    q + al >= end)
				continue;
			quote = q[al];
			if (quote != '"' && quote != '\'')
				continue;
			v = q + al + 1;
			q = memchr(v, quote, (size_t)(end - v));
			if (!q)
				break;
			XGROW(d->ids, d->nids, cap);
			d->ids[d->nids++] = xstrndup(v, (size_t)(q - v));
		}
	}
	if (d->nids)
		qsort(d->ids, d->nids, sizeof *d->ids, cmp_str);
	d->ids_hash = 1469598103934665603ULL;
	for (size_t i = 0; i < d->nids; i++) {
		if (k && !strcmp(d->ids[k - 1], d->ids[i])) {
			free(d->ids[i]);
			continue;
		}
		d->ids[k++] = d->ids[i];
		for (const char *c = d->ids[i]; ; c++) {
			d->ids_hash = (d->ids_hash ^ (unsigned char)*c) *
			    1099511628211ULL;
			if (!*c)
				break;
		}
	}
	d->nids = k;
}

void
pagelinks_make(struct pagelinks *d, const char *rel, const char *out,
    const char *md, size_t len, const char *html, size_t hlen)
{
	struct md_links ml = MD_LINKS_INIT;

	md_links_scan(md, len, &ml);
	d->links = xcalloc(ml.n ? ml.n : 1, sizeof *d->links);
	for (size_t i = 0; i < ml.n; i++) {
		struct pagelink *l = &d->links[d->nlinks];

		*l = (struct pagelink){ .href = ml.v[i].href,
			.line = ml.v[i].line, .col = ml.v[i].col };
		ml.v[i].href = NULL;	/* ours now */
		if (classify(l, rel, out)) {
			d->nlinks++;
		} else {
			free(l->href);
			free(l->frag);
		}
	}
	md_links_clear(&ml);
	scan_ids(d, html, hlen);
}

bool
pagelinks_has_id(const struct pagelinks *d, const char *id)
{
	if (!strcmp(id, "top"))
		return true;	/* the browser's own */
	return bsearch(&id, d->ids, d->nids, sizeof *d->ids, cmp_str) != NULL;
}

size_t
pagelinks_bytes(const struct pagelinks *d)
{
	size_t b = d->nlinks * sizeof *d->links + d->nids * sizeof *d->ids;

	for (size_t k = 0; k < d->nlinks; k++) {
		const struct pagelink *l = &d->links[k];

		b += strlen(l->href) + 1 + (l->key ? strlen(l->key) + 1 : 0) +
		    (l->frag ? strlen(l->frag) + 1 : 0);
	}
	for (size_t k = 0; k < d->nids; k++)
		b += strlen(d->ids[k]) + 1;
	return b;
}
