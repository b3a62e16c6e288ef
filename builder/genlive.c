/* genlive.c - tend serve: the live link check of external builds */
#include "genlive.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "follow.h"
#include "fsutil.h"
#include "livecheck.h"
#include "livelinks.h"
#include "log.h"
#include "page.h"
#include "srcfind.h"
#include "strmap.h"
#include "buf.h"
#include "xalloc.h"
#include "banned.h"

#define MAX_DEPTH 64

struct genlive {
	struct strmap targets;	/* target path -> struct strlist * of pages */
	struct strlist keys;	/* owns the targets' keys */
	struct strlist pages;	/* every page scanned so far */
	bool scanned;		/* the first build was checked */
};

/* One build's check. */
struct run {
	const char *root;	/* the new output */
	struct genlive *g;
	struct strmap ids;	/* page -> struct strlist * of its ids */
	struct strlist idkeys;
};

/* One page's broken links, before their sources are found. */
struct bad {
	char *href, *target, *reason;
	size_t page;		/* index in the check list */
};

static bool
is_html(const char *p, size_t n)
{
	return (n > 5 && !strncasecmp(p + n - 5, ".html", 5)) ||
	       (n > 4 && !strncasecmp(p + n - 4, ".htm", 4));
}

/* The n bytes at v, "&amp;" as '&': a new string. */
static char *
attr_value(const char *v, size_t n)
{
	char *r = xstrndup(v, n), *w = r;

	for (const char *p = r; *p; p++) {
		*w++ = *p;
		if (!strncmp(p, "&amp;", 5))
			p += 4;
	}
	*w = '\0';
	return r;
}

/* Scan the HTML s (NUL-terminated, n bytes): the href and src of its a,
 * link, img and script tags go to links (NULL: not wanted), every id= and
 * name= to ids. */
static void
scan_html(const char *s, size_t n, struct strlist *links,
    struct strlist *ids)
{
	const char *end = s + n, *p = s;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
		char name[16];
		size_t nl = 0;
		bool want;

		p++;
		if (end - p >= 3 && !memcmp(p, "!--", 3)) {
			const char *c = memmem(p + 3, (size_t)(end - p - 3),
			    "-->", 3);

			p = c ? c + 3 : end;
			continue;
		}
		while (p < end && isalnum((unsigned char)*p)) {
			if (nl < sizeof name - 1)
				name[nl++] = (char)tolower((unsigned char)*p);
			p++;
		}
		name[nl] = '\0';
		if (!nl)
			continue;
		want = links && (!strcmp(name, "a") || !strcmp(name, "link") ||
		    !strcmp(name, "img") || !strcmp(name, "script"));
		while (p < end && *p != '>') {
			const char *an, *v = NULL;
			size_t alen, vlen = 0;

			if (isspace((unsigned char)*p) || *p == '/') {
				p++;
				continue;
			}
			an = p;
			while (p < end && !isspace((unsigned char)*p) &&
			    *p != '=' && *p != '>' && *p != '/')
				p++;
			alen = (size_t)(p - an);
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p < end && *p == '=') {
				p++;
				while (p < end && isspace((unsigned char)*p))
					p++;
				if (p < end && (*p == '"' || *p == '\'')) {
					const char *q = memchr(p + 1, *p,
					    (size_t)(end - p - 1));

					v = p + 1;
					p = q ? q : end;
					vlen = (size_t)(p - v);
					p += p < end;
				} else {
					v = p;
					while (p < end && *p != '>' &&
					    !isspace((unsigned char)*p))
						p++;
					vlen = (size_t)(p - v);
				}
			}
			if (!v)
				continue;
			if ((alen == 2 && !strncasecmp(an, "id", 2)) ||
			    (alen == 4 && !strncasecmp(an, "name", 4))) {
				char *id = attr_value(v, vlen);

				strlist_add_unique(ids, id);
				free(id);
			} else if (want && ((alen == 4 && !strncasecmp(an,
			    "href", 4)) || (alen == 3 && !strncasecmp(an,
			    "src", 3)))) {
				char *l = attr_value(v, vlen);

				strlist_add(links, l);
				free(l);
			}
		}
		if (p < end && (!strcmp(name, "script") ||
		    !strcmp(name, "style"))) {	/* raw text: no tags */
			char close[24];
			const char *c;

			snprintf(close, sizeof close, "</%s", name);
			c = strcasestr(p, close);
			p = c ? c : end;
		}
	}
}

/* The ids of the page at rel (below the output), read once per run. */
static const struct strlist *
page_ids(struct run *r, const char *rel)
{
	struct strlist *ids = strmap_get(&r->ids, rel);
	char *path, *html;
	size_t len;

	if (ids)
		return ids;
	ids = xcalloc(1, sizeof *ids);
	path = fs_join(r->root, rel);
	if (fs_read_file(AT_FDCWD, path, &html, &len) == 0) {
		scan_html(html, len, NULL, ids);
		free(html);
	}
	free(path);
	strlist_add(&r->idkeys, rel);
	strmap_put(&r->ids, r->idkeys.items[r->idkeys.len - 1], ids);
	return ids;
}

/* Is rel (below the output) a regular file (1), a folder (2), or not (0)? */
static int
kind(const struct run *r, const char *rel)
{
	char *path = fs_join(r->root, rel);
	struct stat st;
	int k = 0;

	if (stat(path, &st) == 0)
		k = S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 0;
	free(path);
	return k;
}

/* Remember that page links to the target t. */
static void
remember(struct genlive *g, const char *t, const char *page)
{
	struct strlist *l = strmap_get(&g->targets, t);

	if (!l) {
		l = xcalloc(1, sizeof *l);
		strlist_add(&g->keys, t);
		strmap_put(&g->targets, g->keys.items[g->keys.len - 1], l);
	}
	strlist_add_unique(l, page);
}

/* Judge the link v of page (below the output): why it is broken, or NULL.
 * *target: the file it names (a new string) when known. */
static const char *
judge(struct run *r, const char *page, const char *v, char **target)
{
	size_t plen = strcspn(v, "?#"), sch = 0;
	const char *hash = strchr(v, '#'), *slash = strrchr(page, '/');
	const char *why = NULL, *base;
	char *path, *t, *file = NULL, *frag;
	int k;

	*target = NULL;
	if (!*v || !strncmp(v, "//", 2))
		return NULL;
	if (isalpha((unsigned char)v[0]))
		sch = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR"
		    "STUVWXYZ0123456789+-.");
	if (sch && v[sch] == ':')
		return NULL;	/* http:, mailto:, data:, javascript: ... */
	if (!plen) {
		file = xstrdup(page);
	} else {
		path = buf_url_decode(v, plen);
		t = slash ? xstrndup(page, (size_t)(slash - page))
			  : xstrdup("");
		file = t;
		t = page_resolve(file, path, strlen(path));
		free(file);
		file = NULL;
		if (!t) {
			free(path);
			return "outside the site";
		}
		remember(r->g, t, page);
		k = *t ? kind(r, t) : 2;
		if (path[strlen(path) - 1] == '/' || k == 2) {
			file = *t ? xasprintf("%s/index.html", t)
				  : xstrdup("index.html");
			if (kind(r, file) != 1)
				why = "no such page";
		} else if (k == 1) {
			file = xstrdup(t);
		} else {
			base = strrchr(t, '/');
			base = base ? base + 1 : t;
			file = xasprintf("%s.html", t);
			if (!strchr(base, '.') && kind(r, file) == 1)
				why = NULL;
			else
				why = !strchr(base, '.') ||
				    is_html(base, strlen(base)) ?
				    "no such page" : "no such file";
			if (why) {	/* the target as linked, for srcfind */
				free(file);
				file = xstrdup(t);
			}
		}
		free(t);
		free(path);
	}
	*target = file;
	if (why || !hash || !hash[1] || !is_html(file, strlen(file)))
		return why;
	frag = buf_url_decode(hash + 1, strlen(hash + 1));
	if (strcmp(frag, "top") && !strlist_has(page_ids(r, file), frag))
		why = "no such anchor";
	free(frag);
	return why;
}

/* Add to check the pages linking to the output o (its path and the URLs
 * that name it: x for x.html, d for d/index.html). */
static void
add_linkers(struct genlive *g, const char *o, size_t n, struct strlist *check)
{
	char *keys[3];
	size_t nk = 0;

	keys[nk++] = xstrndup(o, n);
	if (n >= 10 && !strncmp(o + n - 10, "index.html", 10) &&
	    (n == 10 || o[n - 11] == '/'))
		keys[nk++] = xstrndup(o, n > 10 ? n - 11 : 0);
	else if (n > 5 && !strncmp(o + n - 5, ".html", 5))
		keys[nk++] = xstrndup(o, n - 5);
	for (size_t i = 0; i < nk; i++) {
		const struct strlist *l = strmap_get(&g->targets, keys[i]);

		for (size_t j = 0; l && j < l->len; j++)
			strlist_add_unique(check, l->items[j]);
		free(keys[i]);
	}
}

/* Add to check the HTML pages below the output folder dir/rel. */
static void
walk(const char *root, const char *rel, int depth, struct strlist *check,
    bool *over)
{
	char *path = fs_join(root, rel);
	DIR *d = opendir(path);
	struct dirent *e;

	free(path);
	if (!d)
		return;
	while ((e = readdir(d)) && !*over) {
		char *sub;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		sub = *rel ? xasprintf("%s/%s", rel, e->d_name)
			   : xstrdup(e->d_name);
		path = fs_join(root, sub);
		if (stat(path, &st) < 0)
			st.st_mode = 0;
		if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
			walk(root, sub, depth + 1, check, over);
		else if (S_ISREG(st.st_mode) &&
		    is_html(e->d_name, strlen(e->d_name))) {
			if (check->len >= GENLIVE_MAX_PAGES)
				*over = true;
			else
				strlist_add_unique(check, sub);
		}
		free(path);
		free(sub);
	}
	closedir(d);
}

/* The page's URL path: "/guide/a/" for guide/a/index.html. A new string. */
static char *
url_path(const char *page)
{
	size_t n = strlen(page);

	if (n >= 10 && !strcmp(page + n - 10, "index.html") &&
	    (n == 10 || page[n - 11] == '/'))
		return xasprintf("/%.*s", (int)(n - 10), page);
	return xasprintf("/%s", page);
}

/* Check the pages of check (below r->root) and tell. */
static void
check_pages(struct build *b, struct livecheck *lc, struct run *r,
    const struct strlist *check)
{
	struct bad *bad = NULL;
	size_t nbad = 0, cap = 0;
	bool *gone = xcalloc(check->len + 1, sizeof *gone);
	struct srcfind_query *q;

	for (size_t i = 0; i < check->len; i++) {
		const char *page = check->items[i];
		struct strlist links = STRLIST_INIT;
		struct strlist *ids;
		char *path = fs_join(r->root, page), *html;
		size_t len;

		if (fs_read_file(AT_FDCWD, path, &html, &len) < 0) {
			gone[i] = true;
			free(path);
			continue;
		}
		free(path);
		strlist_add_unique(&r->g->pages, page);
		ids = strmap_get(&r->ids, page);
		if (!ids) {
			ids = xcalloc(1, sizeof *ids);
			strlist_add(&r->idkeys, page);
			strmap_put(&r->ids, r->idkeys.items[r->idkeys.len - 1],
			    ids);
			scan_html(html, len, &links, ids);
		} else {
			struct strlist dummy = STRLIST_INIT;

			scan_html(html, len, &links, &dummy);
			strlist_clear(&dummy);
		}
		free(html);
		for (size_t j = 0; j < links.len; j++) {
			char *target;
			const char *why = judge(r, page, links.items[j],
			    &target);

			if (!why) {
				free(target);
				continue;
			}
			if (nbad == cap) {
				cap = cap ? 2 * cap : 16;
				bad = xrealloc(bad, cap * sizeof *bad);
			}
			bad[nbad++] = (struct bad){ xstrdup(links.items[j]),
				target, xstrdup(why), i };
		}
		strlist_clear(&links);
	}
	q = xcalloc(nbad + 1, sizeof *q);
	for (size_t i = 0; i < nbad; i++) {
		q[i].page = check->items[bad[i].page];
		q[i].link = bad[i].href;
		q[i].target = bad[i].target ? xasprintf("/%s", bad[i].target)
					    : NULL;
	}
	if (nbad)
		srcfind_run(b->cfg->src, b->cfg->out, q, nbad);
	for (size_t i = 0, k = 0; i < check->len; i++) {
		struct livelink_broken *v = xcalloc(nbad + 1, sizeof *v);
		char *url = url_path(check->items[i]);
		size_t n = 0;

		for (; k < nbad && bad[k].page == i; k++)
			v[n++] = (struct livelink_broken){ bad[k].href,
				q[k].file ? q[k].line : 0, q[k].col,
				bad[k].reason, q[k].file ? q[k].file : url };
		livecheck_report(lc, check->items[i], gone[i] ? NULL
		    : check->items[i], v, n, b->outbox, b->generation);
		free(v);
		free(url);
	}
	for (size_t i = 0; i < nbad; i++) {
		free(bad[i].href);
		free(bad[i].target);
		free(bad[i].reason);
		free(q[i].file);
		free((char *)q[i].target);
	}
	free(q);
	free(bad);
	free(gone);
}

static void
genlive_free(void *arg)
{
	struct genlive *g = arg;

	if (!g)
		return;
	for (size_t i = 0; i < g->keys.len; i++) {
		struct strlist *l = strmap_get(&g->targets, g->keys.items[i]);

		strlist_clear(l);
		free(l);
	}
	strmap_clear(&g->targets);
	strlist_clear(&g->keys);
	strlist_clear(&g->pages);
	free(g);
}

void
genlive_outputs(struct build *b, const char *list, const char *dir)
{
	struct strlist check = STRLIST_INIT;
	struct run r = { .root = dir ? dir : b->cfg->out };
	struct livecheck *lc;
	struct genlive *g;
	bool over = false;
	void **slot;

	follow_outputs(b, list, dir);
	if (b->cfg->check)
		return;
	livecheck_links(&b->live);
	lc = b->live;
	slot = livecheck_ext(lc, genlive_free);
	if (!*slot)
		*slot = xcalloc(1, sizeof *g);
	g = *slot;
	r.g = g;
	if (!g->scanned || !strcmp(list, "*")) {
		walk(r.root, "", 0, &check, &over);
		if (over)
			log_warnx("more than %d pages: the links of the rest "
			    "are not checked", GENLIVE_MAX_PAGES);
		for (size_t i = 0; i < g->pages.len; i++)	/* removed */
			if (check.len < GENLIVE_MAX_PAGES)
				strlist_add_unique(&check, g->pages.items[i]);
		g->scanned = true;
	} else {
		for (const char *p = list; *p;) {
			size_t len = strcspn(p, "\n");

			if (is_html(p, len) && check.len < GENLIVE_MAX_PAGES) {
				char *o = xstrndup(p, len);

				strlist_add_unique(&check, o);
				free(o);
			}
			add_linkers(g, p, len, &check);
			p += len + (p[len] == '\n');
		}
	}
	check_pages(b, lc, &r, &check);
	for (size_t i = 0; i < r.idkeys.len; i++) {
		struct strlist *ids = strmap_get(&r.ids, r.idkeys.items[i]);

		strlist_clear(ids);
		free(ids);
	}
	strmap_clear(&r.ids);
	strlist_clear(&r.idkeys);
	strlist_clear(&check);
}
