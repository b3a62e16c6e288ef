/* livelinks.c - pages' links, their reverse index and checks (livelinks.h) */
#include "livelinks.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pagelinks.h"
#include "strlist.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

struct ll_page {
	char *rel, *out;	/* owned: source and output paths */
	struct pagelinks d;
	bool present;		/* published (else removed: kept, as the
				   maps keep their keys) */
	bool rendered;		/* by the build being committed */
};

/* A page a build rendered, not yet committed. */
struct ll_pending {
	char *rel, *out;	/* owned (until committed) */
	struct pagelinks d;
	struct ll_page *page;	/* once committed: where it went */
};

/* The pages linking to one target. */
struct ll_rev {
	char *key;		/* owned */
	struct ll_page **v;	/* borrowed, each once */
	size_t n, cap;
};

struct livelinks {
	pthread_mutex_t mu;	/* guards pend */
	struct ll_pending *pend;
	size_t npend, cappend;
	struct strmap pages;	/* rel -> ll_page */
	struct strmap outs;	/* out -> ll_page (check p->out == key) */
	struct strmap rev;	/* key -> ll_rev */
	struct ll_page **all;	/* owned, every page ever seen */
	size_t nall, capall;
	struct ll_rev **revs;	/* owned, every target ever seen */
	size_t nrevs, caprevs;
	char **old_outs;	/* owned: the output paths pages had before
				   they moved, keys of outs still */
	size_t nold, capold;
};

struct livelinks *
livelinks_new(void)
{
	struct livelinks *ll = xcalloc(1, sizeof *ll);

	pthread_mutex_init(&ll->mu, NULL);
	return ll;
}

void
livelinks_page(struct livelinks *ll, const char *rel, const char *out,
    const char *md, size_t len, const char *html, size_t hlen)
{
	struct ll_pending p = { xstrdup(rel), xstrdup(out), { 0 }, NULL };

	pagelinks_make(&p.d, rel, out, md, len, html, hlen);
	pthread_mutex_lock(&ll->mu);
	XGROW(ll->pend, ll->npend, ll->cappend);
	ll->pend[ll->npend++] = p;
	pthread_mutex_unlock(&ll->mu);
}

static struct ll_rev *
rev_get(struct livelinks *ll, const char *key, bool make)
{
	struct ll_rev *r = strmap_get(&ll->rev, key);

	if (r || !make)
		return r;
	r = xcalloc(1, sizeof *r);
	r->key = xstrdup(key);
	strmap_put(&ll->rev, r->key, r);
	XGROW(ll->revs, ll->nrevs, ll->caprevs);
	ll->revs[ll->nrevs++] = r;
	return r;
}

/* Add p to (add) or remove it from the reverse index of its links. */
static void
rev_update(struct livelinks *ll, struct ll_page *p, bool add)
{
	for (size_t i = 0; i < p->d.nlinks; i++) {
		const char *key = p->d.links[i].key;
		struct ll_rev *r;

		if (!key || !(r = rev_get(ll, key, add)))
			continue;
		if (add) {
			bool there = false;

			for (size_t k = r->n; k-- > 0 && !there;)
				there = r->v[k] == p;
			if (!there) {
				XGROW(r->v, r->n, r->cap);
				r->v[r->n++] = p;
			}
			continue;
		}
		for (size_t k = 0; k < r->n; k++)
			if (r->v[k] == p) {
				r->v[k] = r->v[--r->n];
				break;
			}
	}
}

/* Add the pages linking to key to check. */
static void
add_linkers(struct livelinks *ll, const char *key, struct strlist *check)
{
	struct ll_rev *r = strmap_get(&ll->rev, key);

	for (size_t i = 0; r && i < r->n; i++)
		strlist_add_unique(check, r->v[i]->rel);
}

/* Add the pages linking to the page p (by any of its names) to check. */
static void
add_page_linkers(struct livelinks *ll, const struct ll_page *p,
    struct strlist *check)
{
	size_t n = strlen(p->out);
	char *bare;

	add_linkers(ll, p->rel, check);
	add_linkers(ll, p->out, check);
	if (n >= 10 && !strcmp(p->out + n - 10, "index.html") &&
	    (n == 10 || p->out[n - 11] == '/')) {
		bare = xstrndup(p->out, n == 10 ? 0 : n - 11);
		add_linkers(ll, bare, check);	/* the folder */
		free(bare);
	} else if (n > 5 && !strcmp(p->out + n - 5, ".html")) {
		bare = xstrndup(p->out, n - 5);
		add_linkers(ll, bare, check);	/* "about" for about.html */
		free(bare);
	}
}

static struct ll_page *
page_of_out(const struct livelinks *ll, const char *out)
{
	struct ll_page *p = strmap_get(&ll->outs, out);

	return p && p->present && !strcmp(p->out, out) ? p : NULL;
}

/* The page p is gone: out of the index; its linkers to check. */
static void
remove_page(struct livelinks *ll, struct ll_page *p, struct strlist *check)
{
	rev_update(ll, p, false);
	pagelinks_clear(&p->d);
	p->present = false;
	add_page_linkers(ll, p, check);
	strlist_add_unique(check, p->rel);
}

/* Take a rendered page into the index. */
static void
commit_page(struct livelinks *ll, struct ll_pending *u, struct strlist *check)
{
	struct ll_page *p = strmap_get(&ll->pages, u->rel);
	bool moved, ids_changed;

	if (!p) {
		p = xcalloc(1, sizeof *p);
		p->rel = u->rel;
		strmap_put(&ll->pages, p->rel, p);
		XGROW(ll->all, ll->nall, ll->capall);
		ll->all[ll->nall++] = p;
	} else {
		free(u->rel);
		rev_update(ll, p, false);
	}
	moved = p->present && strcmp(p->out, u->out);
	ids_changed = !p->present || moved || p->d.ids_hash != u->d.ids_hash ||
	    p->d.nids != u->d.nids;
	if (moved)	/* the old name went */
		add_page_linkers(ll, p, check);
	pagelinks_clear(&p->d);
	p->d = u->d;
	if (p->out && strcmp(p->out, u->out)) {	/* outs keeps its key */
		XGROW(ll->old_outs, ll->nold, ll->capold);
		ll->old_outs[ll->nold++] = p->out;
		p->out = NULL;
	}
	if (p->out)	/* the same key: strmap_put() takes the new one */
		strmap_put(&ll->outs, u->out, p);
	free(p->out);
	p->out = u->out;
	strmap_put(&ll->outs, p->out, p);
	p->present = p->rendered = true;
	rev_update(ll, p, true);
	strlist_add_unique(check, p->rel);
	u->page = p;
	if (ids_changed)
		add_page_linkers(ll, p, check);
}

/* Is the output path out (no trailing '/') in the live folder outfd? */
static bool
exists(int outfd, const char *out)
{
	struct stat st;

	return fstatat(outfd, *out ? out : ".", &st, 0) == 0;
}

void
livelinks_commit(struct livelinks *ll, const struct strlist *outputs,
    int outfd, struct strlist *check)
{
	bool folder_gone = false;

	for (size_t i = 0; i < ll->npend; i++)
		commit_page(ll, &ll->pend[i], check);
	for (size_t i = 0; outputs && i < outputs->len; i++) {
		const char *o = outputs->items[i];
		size_t n = strlen(o);
		struct ll_page *p;
		char *path;

		if (!strcmp(o, "*")) {
			folder_gone = true;
			continue;
		}
		path = xstrndup(o, n && o[n - 1] == '/' ? n - 1 : n);
		if ((p = page_of_out(ll, path))) {
			if (!p->rendered && !exists(outfd, path))
				remove_page(ll, p, check);
		} else {
			add_linkers(ll, path, check);	/* a file or folder */
		}
		free(path);
	}
	for (size_t i = 0; folder_gone && i < ll->nall; i++) {
		struct ll_page *p = ll->all[i];

		if (p->present && !p->rendered && !exists(outfd, p->out))
			remove_page(ll, p, check);
		else if (p->present)	/* a file it links to may be gone */
			strlist_add_unique(check, p->rel);
	}
	for (size_t i = 0; i < ll->npend; i++)
		ll->pend[i].page->rendered = false;
	ll->npend = 0;
}

void
livelinks_discard(struct livelinks *ll)
{
	for (size_t i = 0; i < ll->npend; i++) {
		free(ll->pend[i].rel);
		free(ll->pend[i].out);
		pagelinks_clear(&ll->pend[i].d);
	}
	ll->npend = 0;
}

/* The page a file link's key shows (key: "about", "guide", "a.html"). */
static struct ll_page *
page_at(const struct livelinks *ll, const char *key)
{
	struct ll_page *p = page_of_out(ll, key);
	char *name;

	if (p)
		return p;
	name = xasprintf("%s%sindex.html", key, *key ? "/" : "");
	p = page_of_out(ll, name);
	free(name);
	if (!p && *key) {
		name = xasprintf("%s.html", key);
		p = page_of_out(ll, name);
		free(name);
	}
	return p;
}

/* Why the link l of the page p is broken, or NULL. */
static const char *
judge(const struct livelinks *ll, const struct ll_page *p,
    const struct pagelink *l, int outfd)
{
	const struct ll_page *t = NULL;

	switch (l->kind) {
	case PAGELINK_OUTSIDE:
		return "outside the site";
	case PAGELINK_SELF:
		t = p;
		break;
	case PAGELINK_PAGE:
		t = strmap_get(&ll->pages, l->key);
		if (!t || !t->present)
			return "no such page";
		break;
	case PAGELINK_FILE:
		t = page_at(ll, l->key);
		if (!t && !exists(outfd, l->key))
			return "no such file";
		break;
	}
	if (t && l->frag && !pagelinks_has_id(&t->d, l->frag))
		return "no such anchor";
	return NULL;
}

const char *
livelinks_check(struct livelinks *ll, const char *rel, int outfd,
    struct livelink_broken **v, size_t *n)
{
	struct ll_page *p = strmap_get(&ll->pages, rel);

	*v = NULL;
	*n = 0;
	if (!p || !p->present)
		return NULL;
	for (size_t i = 0; i < p->d.nlinks; i++) {
		const struct pagelink *l = &p->d.links[i];
		const char *why = judge(ll, p, l, outfd);

		if (!why)
			continue;
		*v = xrealloc(*v, (*n + 1) * sizeof **v);
		(*v)[(*n)++] = (struct livelink_broken){ l->href, l->line,
			l->col, why, NULL };
	}
	return p->out;
}

void
livelinks_stats(const struct livelinks *ll, size_t *pages, size_t *links,
    size_t *bytes)
{
	size_t b = sizeof *ll + ll->capall * sizeof *ll->all +
	    ll->caprevs * sizeof *ll->revs + (ll->pages.cap + ll->outs.cap +
	    ll->rev.cap) * sizeof(struct strmap_slot);

	*pages = *links = 0;
	for (size_t i = 0; i < ll->nall; i++) {
		const struct ll_page *p = ll->all[i];

		*pages += p->present;
		*links += p->d.nlinks;
		b += sizeof *p + strlen(p->rel) + strlen(p->out) + 2 +
		    pagelinks_bytes(&p->d);
	}
	for (size_t i = 0; i < ll->nrevs; i++)
		b += sizeof *ll->revs[i] + strlen(ll->revs[i]->key) + 1 +
		    ll->revs[i]->cap * sizeof *ll->revs[i]->v;
	*bytes = b;
}

void
livelinks_free(struct livelinks *ll)
{
	if (!ll)
		return;
	livelinks_discard(ll);
	free(ll->pend);
	for (size_t i = 0; i < ll->nall; i++) {
		free(ll->all[i]->rel);
		free(ll->all[i]->out);
		pagelinks_clear(&ll->all[i]->d);
		free(ll->all[i]);
	}
	free(ll->all);
	for (size_t i = 0; i < ll->nrevs; i++) {
		free(ll->revs[i]->key);
		free(ll->revs[i]->v);
		free(ll->revs[i]);
	}
	free(ll->revs);
	strmap_clear(&ll->pages);
	strmap_clear(&ll->outs);
	strmap_clear(&ll->rev);
	for (size_t i = 0; i < ll->nold; i++)
		free(ll->old_outs[i]);
	free(ll->old_outs);
	pthread_mutex_destroy(&ll->mu);
	free(ll);
}
