/* crawl.c - fetch a site with curl multi, check its links and fragments */
#include "crawl.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <curl/curl.h>

#include "buf.h"
#include "config.h"
#include "fsutil.h"
#include "links.h"
#include "xalloc.h"

#define DEFAULT_PARALLEL 16
#define DEFAULT_MAX_PAGES 100000
#define MAX_PARALLEL 256
#define POLL_MS 50
#define CONNECT_TIMEOUT_MS 10000
/* A body that is not parsed is read (and dropped) up to this size, so the
 * connection can be reused; past it the transfer is cut. */
#define DROP_MAX (1024 * 1024)
#define MAX_DEPTH 32		/* folders below root looked into */
#define MAX_FILES 1000000	/* start pages from root */
#define MAX_EXTERNAL_LEN 2000

/* A string-keyed hash table; keys are borrowed from the values' owners. */
struct map {
	struct map_slot {
		const char *key;
		void *val;
	} *slots;
	size_t cap, len;
};

enum target_state { T_NEW, T_QUEUED, T_RUNNING, T_DONE };

/* One distinct URL (without fragment) of the site, fetched at most once. */
struct target {
	char *url;		/* owned: absolute; key in crawl.targets */
	char *path;		/* owned: path?query, for reports */
	enum target_state state;
	bool start;		/* a start page: must be an HTML page */
	bool redirect_out;	/* redirected outside the site */
	bool too_big;		/* an HTML page over CRAWL_MAX_BODY */
	long status;		/* HTTP status; 0 if the transfer failed */
	char *ctype;		/* owned: Content-Type, or NULL */
	const char *error;	/* static: why the transfer failed, or NULL */
	struct target *redirect;	/* an internal Location */
	struct cpage *page;	/* the parsed page it names (shared by the
				 * URLs of one file), or NULL */
};

/* One internal or invalid link of a page, checked once the crawl is done. */
struct clink {
	char *ref;		/* owned: as written */
	char *frag;		/* owned: its fragment, or NULL */
	struct target *t;	/* NULL: not a URL */
	enum link_kind kind;
};

struct cpage {
	char *ident;		/* owned: the file it is (ident_of()); the
				 * key in crawl.idents */
	char *path;		/* owned: URL path it was parsed under */
	struct links_ids ids;
	struct clink *links;	/* owned */
	size_t nlinks;
};

struct job {
	CURL *easy;
	struct target *t;	/* NULL when idle */
	struct buf body;	/* an HTML page's bytes */
	int keep;		/* -1 not known yet, 0 drop the body, 1 keep */
	size_t dropped;
	bool cut;		/* we ended the transfer on purpose */
	bool too_big;
};

struct crawl {
	const struct crawl_config *cfg;
	struct crawl_result *r;
	char *base;		/* owned: "http://host:port/" */
	char *origin;		/* owned: as links_url.origin */
	CURLM *multi;
	struct job *jobs;
	size_t njobs, running;
	size_t max_pages, max_urls;
	struct map targets;	/* url -> struct target */
	struct target **all;	/* every target, in order of discovery */
	size_t nall, allcap;
	size_t qhead;		/* all[qhead..] may hold T_QUEUED ones */
	struct map idents;	/* ident -> struct cpage */
	struct cpage **pages;
	size_t npages, pagecap;
	struct map ext_seen;	/* external -> its copy in r->external */
	struct map seen;	/* one page's refs, to check each once */
	struct strlist files;	/* *.html below root, relative, sorted */
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void *
map_get(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->slots[i].key)
			return NULL;
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].val;
	}
}

/* Add key (not already there). */
static void
map_put(struct map *m, const char *key, void *val)
{
	size_t i;

	if (2 * (m->len + 1) > m->cap) {
		struct map old = *m;

		m->cap = old.cap ? 2 * old.cap : 64;
		m->slots = xcalloc(m->cap, sizeof *m->slots);
		m->len = 0;
		for (i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				map_put(m, old.slots[i].key, old.slots[i].val);
		free(old.slots);
	}
	for (i = hash(key) & (m->cap - 1); m->slots[i].key;
	    i = (i + 1) & (m->cap - 1))
		;
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->len++;
}

static void
map_empty(struct map *m)
{
	if (m->len)
		memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->len = 0;
}

static void
map_free(struct map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

void
crawl_result_add_failure(struct crawl_result *r, const char *page,
    const char *link, const char *target, const char *reason)
{
	size_t n = r->nfailures;
	struct crawl_failure *f;

	if ((n & (n - 1)) == 0)
		r->failures = xrealloc(r->failures,
		    (n < 4 ? 8 : 2 * n) * sizeof *r->failures);
	f = &r->failures[r->nfailures++];
	f->page = xstrdup(page);
	f->link = xstrdup(link);
	f->target = xstrdup(target);
	f->reason = xstrdup(reason);
}

void
crawl_result_free(struct crawl_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nfailures; i++) {
		free(r->failures[i].page);
		free(r->failures[i].link);
		free(r->failures[i].target);
		free(r->failures[i].reason);
	}
	free(r->failures);
	strlist_clear(&r->pages);
	strlist_clear(&r->external);
	free(r);
}

/* List an external link once; data: URLs by their media type only. */
static void
add_external(struct crawl *c, const char *ref)
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
	if (!map_get(&c->ext_seen, s)) {
		struct strlist *l = &c->r->external;

		strlist_add(l, s);
		map_put(&c->ext_seen, l->items[l->len - 1], c);
	}
	free(s);
}

/* The target for an absolute URL, made (T_NEW) if new; NULL past max_urls. */
static struct target *
target_get(struct crawl *c, const char *url, const char *path)
{
	struct target *t = map_get(&c->targets, url);

	if (t)
		return t;
	if (c->nall >= c->max_urls) {
		c->r->truncated = true;
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->url = xstrdup(url);
	t->path = xstrdup(path);
	map_put(&c->targets, t->url, t);
	if (c->nall == c->allcap) {
		c->allcap = c->allcap ? 2 * c->allcap : 256;
		c->all = xrealloc(c->all, c->allcap * sizeof *c->all);
	}
	c->all[c->nall++] = t;
	return t;
}

/* Fetch t once. Targets are queued in order of discovery: breadth first. */
static void
want(struct target *t)
{
	if (t && t->state == T_NEW)
		t->state = T_QUEUED;
}

/* Does a file name end in .html or .htm (any case)? */
static bool
is_page_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".html") == 0) ||
	    (n > 4 && strcasecmp(name + n - 4, ".htm") == 0);
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
	char *id = links_unescape(p);
	size_t n = strlen(id);

	free(p);
	if (n && id[n - 1] == '/')
		p = xasprintf("%sindex.html", id);
	else if (!is_page_name(id))
		p = xasprintf("%s.html", id);
	else
		return id;
	free(id);
	return p;
}

static void
page_free(struct cpage *p)
{
	for (size_t i = 0; i < p->nlinks; i++) {
		free(p->links[i].ref);
		free(p->links[i].frag);
	}
	free(p->links);
	links_ids_release(&p->ids);
	free(p->ident);
	free(p->path);
	free(p);
}

/* Record one link of page p, whose base URL is base. */
static void
add_link(struct crawl *c, struct cpage *p, const struct links_base *base,
    const struct link *l, size_t *cap)
{
	struct links_url u = { NULL, NULL, NULL, NULL };
	struct target *t = NULL;
	struct clink *cl;

	switch (links_base_resolve(base, l->ref, &u)) {
	case LINKS_OTHER_SCHEME:
		add_external(c, l->ref);
		return;
	case LINKS_HTTP:
		if (strcmp(u.origin, c->origin) != 0) {
			add_external(c, u.url);
			links_url_release(&u);
			return;
		}
		t = target_get(c, u.url, u.path);
		if (!t) {
			links_url_release(&u);
			return;
		}
		want(t);
		break;
	case LINKS_INVALID:
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
	links_url_release(&u);
}

/* Parse the HTML page t answered with, unless its file was parsed already. */
static void
parse_page(struct crawl *c, struct target *t, const char *html, size_t len)
{
	struct links_doc doc = LINKS_DOC_INIT;
	struct links_url bu = { NULL, NULL, NULL, NULL };
	struct links_base *page_base, *doc_base = NULL;
	const struct links_base *base;
	char *ident = ident_of(t->path);
	struct cpage *p = map_get(&c->idents, ident);
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
	if (c->npages >= c->max_pages || links_parse(html, len, &doc)) {
		c->r->truncated |= c->npages >= c->max_pages;
		free(ident);
		return;
	}
	p = xcalloc(1, sizeof *p);
	p->ident = ident;
	p->path = xstrdup(t->path);
	p->ids = doc.ids;
	doc.ids = (struct links_ids){ NULL, NULL, 0 };
	map_put(&c->idents, p->ident, p);
	if (c->npages == c->pagecap) {
		c->pagecap = c->pagecap ? 2 * c->pagecap : 256;
		c->pages = xrealloc(c->pages, c->pagecap * sizeof *c->pages);
	}
	c->pages[c->npages++] = p;
	t->page = p;

	base = page_base = links_base_new(t->url);
	if (base && doc.base &&
	    links_base_resolve(base, doc.base, &bu) == LINKS_HTTP &&
	    (doc_base = links_base_new(bu.url)))
		base = doc_base;
	map_empty(&c->seen);
	for (size_t i = 0; base && i < doc.nlinks; i++) {
		if (map_get(&c->seen, doc.links[i].ref))
			continue;
		map_put(&c->seen, doc.links[i].ref, c);
		add_link(c, p, base, &doc.links[i], &cap);
	}
	map_empty(&c->seen);
	links_base_free(doc_base);
	links_base_free(page_base);
	links_url_release(&bu);
	links_doc_release(&doc);
}

static bool
is_html_type(const char *ctype)
{
	size_t n;

	if (!ctype)
		return false;
	n = strcspn(ctype, "; \t");
	return (n == 9 && strncasecmp(ctype, "text/html", 9) == 0) ||
	    (n == 21 && strncasecmp(ctype, "application/xhtml+xml", 21) == 0);
}

static size_t
on_data(char *data, size_t size, size_t nmemb, void *arg)
{
	struct job *j = arg;
	size_t n = size * nmemb;

	if (j->keep < 0) {
		long status = 0;
		char *ctype = NULL;

		curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype);
		j->keep = status == 200 && is_html_type(ctype);
	}
	if (!j->keep) {
		j->dropped += n;
		if (j->dropped > DROP_MAX) {
			j->cut = true;
			return 0;
		}
		return n;
	}
	if (j->body.len + n > CRAWL_MAX_BODY) {
		j->too_big = j->cut = true;
		return 0;
	}
	buf_add(&j->body, data, n);
	return n;
}

/* A short reason for a failed transfer. */
static const char *
transfer_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT: return "connection refused";
	case CURLE_OPERATION_TIMEDOUT: return "timed out";
	case CURLE_GOT_NOTHING: return "empty reply";
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR: return "connection reset";
	case CURLE_PARTIAL_FILE: return "body shorter than its Content-Length";
	case CURLE_WEIRD_SERVER_REPLY: return "malformed HTTP reply";
	default: return curl_easy_strerror(rc);
	}
}

/* A transfer ended: record what t answered and follow what it leads to. */
static void
finish(struct crawl *c, struct job *j, CURLcode rc)
{
	struct target *t = j->t;
	char *ctype = NULL, *location = NULL;

	curl_multi_remove_handle(c->multi, j->easy);
	c->running--;
	j->t = NULL;
	t->state = T_DONE;
	if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && j->cut)) {
		t->error = transfer_error(rc);
		return;
	}
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &t->status);
	curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype);
	t->ctype = ctype ? xstrdup(ctype) : NULL;
	t->too_big = j->too_big;
	if (t->status >= 300 && t->status < 400 &&
	    !curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_URL, &location) &&
	    location) {
		struct links_url u = { NULL, NULL, NULL, NULL };

		if (links_resolve(t->url, location, &u) == LINKS_HTTP &&
		    strcmp(u.origin, c->origin) == 0) {
			t->redirect = target_get(c, u.url, u.path);
			want(t->redirect);
		} else {
			add_external(c, location);
			t->redirect_out = true;
		}
		links_url_release(&u);
	} else if (t->status == 200 && j->keep == 1 && !j->too_big) {
		parse_page(c, t, j->body.p ? j->body.p : "", j->body.len);
	}
	if (j->body.cap > DROP_MAX) {
		free(j->body.p);
		j->body = (struct buf)BUF_INIT;
	}
}

/* Give queued targets to idle jobs. */
static void
start_jobs(struct crawl *c)
{
	for (size_t i = 0; i < c->njobs && c->running < c->njobs; i++) {
		struct job *j = &c->jobs[i];
		struct target *t = NULL;

		if (j->t)
			continue;
		while (c->qhead < c->nall && !t) {
			if (c->all[c->qhead]->state == T_QUEUED)
				t = c->all[c->qhead];
			c->qhead++;
		}
		if (!t)
			return;
		j->t = t;
		j->keep = -1;
		j->dropped = 0;
		j->cut = j->too_big = false;
		j->body.len = 0;
		t->state = T_RUNNING;
		curl_easy_setopt(j->easy, CURLOPT_URL, t->url);
		if (curl_multi_add_handle(c->multi, j->easy)) {
			t->state = T_DONE;
			t->error = "cannot start the request";
			j->t = NULL;
			continue;
		}
		c->running++;
		c->r->fetched++;
	}
}

/*
 * Queue the files below root that no URL fetched so far named. New targets
 * go to the end of c->all, so the queue finds them.
 */
static void
add_orphans(struct crawl *c)
{
	for (size_t i = 0; i < c->files.len; i++) {
		char *ident = xasprintf("/%s", c->files.items[i]);
		struct buf url = BUF_INIT;
		struct target *t;

		if (!map_get(&c->idents, ident)) {
			buf_adds(&url, c->base);
			buf_add_url(&url, c->files.items[i]);
			/* The path is the URL from the base's final '/'. */
			t = target_get(c, url.p, url.p + strlen(c->base) - 1);
			if (t) {
				t->start = true;
				want(t);
			}
			free(url.p);
		}
		free(ident);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the *.html files below root/rel (depth folders deep) to c->files. */
static int
list_pages(struct crawl *c, const char *rel, int depth)
{
	char *dir = *rel ? fs_join(c->cfg->root, rel) : xstrdup(c->cfg->root);
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		int err = errno;

		free(dir);
		errno = err;
		return -1;
	}
	free(dir);
	while ((e = readdir(d)) && c->files.len < MAX_FILES) {
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
		if (is_reg && !is_page_name(e->d_name))
			continue;
		child = *rel ? fs_join(rel, e->d_name) : xstrdup(e->d_name);
		if (is_dir)
			list_pages(c, child, depth + 1);
		else
			strlist_add(&c->files, child);
		free(child);
	}
	closedir(d);
	return 0;
}

static bool
stopped(struct crawl *c)
{
	if (c->r->interrupted)
		return true;
	if (c->cfg->should_stop && c->cfg->should_stop(c->cfg->stop_arg))
		c->r->interrupted = true;
	return c->r->interrupted;
}

/* Fetch until nothing is left to fetch. 0, or -1 if curl failed. */
static int
crawl_loop(struct crawl *c)
{
	bool orphans_done = false;
	int still;

	while (!stopped(c)) {
		CURLMsg *m;
		int left;

		start_jobs(c);
		if (!c->running) {
			if (orphans_done)
				return 0;
			add_orphans(c);
			orphans_done = true;
			continue;
		}
		if (curl_multi_perform(c->multi, &still))
			return -1;
		while ((m = curl_multi_info_read(c->multi, &left))) {
			struct job *j = NULL;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &j);
			finish(c, j, m->data.result);
			if (stopped(c))
				return 0;
		}
		start_jobs(c);
		if (c->running &&
		    curl_multi_poll(c->multi, NULL, 0, POLL_MS, NULL))
			return -1;
	}
	return 0;
}

/* The Content-Type a link of this kind to path must have, or NULL. */
static const char *
expected_type(enum link_kind kind, const char *path)
{
	size_t n = strcspn(path, "?");

	switch (kind) {
	case LINK_STYLE: return "text/css";
	case LINK_SCRIPT: return "JavaScript";
	case LINK_MEDIA: return NULL;
	case LINK_NAV:
	case LINK_OTHER: break;
	}
	if ((n && path[n - 1] == '/') ||
	    (n > 5 && strncasecmp(path + n - 5, ".html", 5) == 0) ||
	    (n > 4 && strncasecmp(path + n - 4, ".htm", 4) == 0))
		return "text/html";
	return NULL;
}

static bool
type_ok(const char *ctype, const char *want)
{
	size_t n = strcspn(ctype, "; \t");

	if (strcmp(want, "text/html") == 0)
		return is_html_type(ctype);
	if (strcmp(want, "JavaScript") == 0)
		return strcasestr(ctype, "javascript") ||
		    strcasestr(ctype, "ecmascript");
	return n == strlen(want) && strncasecmp(ctype, want, n) == 0;
}

enum verdict { V_OK, V_SKIP, V_FAIL };

/*
 * Follow t's redirects and judge where they end: as a page (must be HTML)
 * or as the target of a link of kind. *final is where it ended.
 */
static enum verdict
judge(struct target *t, bool page, enum link_kind kind, char *why,
    size_t len, struct target **final)
{
	const char *want;

	for (int hops = 0; t->state == T_DONE && t->redirect; hops++) {
		if (hops == CRAWL_MAX_REDIRECTS) {
			snprintf(why, len, "more than %d redirects",
			    CRAWL_MAX_REDIRECTS);
			return V_FAIL;
		}
		t = t->redirect;
	}
	*final = t;
	if (t->state != T_DONE)
		return V_SKIP;
	if (t->redirect_out)
		return V_OK;
	if (t->error) {
		snprintf(why, len, "%s", t->error);
		return V_FAIL;
	}
	if (t->status >= 300 && t->status < 400) {
		snprintf(why, len, "%ld without Location", t->status);
		return V_FAIL;
	}
	if (t->status != 200) {
		snprintf(why, len, "%ld", t->status);
		return V_FAIL;
	}
	if (!t->ctype || !*t->ctype) {
		snprintf(why, len, "no Content-Type");
		return V_FAIL;
	}
	want = page ? "text/html" : expected_type(kind, t->path);
	if (want && !type_ok(t->ctype, want)) {
		snprintf(why, len, "Content-Type %s, expected %s", t->ctype,
		    want);
		return V_FAIL;
	}
	if (page && t->too_big) {
		snprintf(why, len, "larger than %d MiB, links not checked",
		    CRAWL_MAX_BODY >> 20);
		return V_FAIL;
	}
	return V_OK;
}

/* What a report lists: a parsed page, or a page that failed by itself. */
struct unit {
	const char *path;
	struct cpage *page;	/* or NULL */
	struct target *t;	/* a start page or too big page, or NULL */
};

static int
cmp_unit(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->path,
	    ((const struct unit *)b)->path);
}

static void
check_page(struct crawl *c, const struct cpage *p)
{
	char why[512];

	for (size_t i = 0; i < p->nlinks; i++) {
		const struct clink *l = &p->links[i];
		struct target *final = NULL;
		enum verdict v = V_FAIL;
		char *target;

		if (!l->t) {
			snprintf(why, sizeof why, "not a valid URL");
		} else {
			v = judge(l->t, false, l->kind, why, sizeof why,
			    &final);
			if (v == V_SKIP)
				continue;
			if (v == V_OK && l->frag && final->page &&
			    !links_ids_has(&final->page->ids, l->frag)) {
				snprintf(why, sizeof why,
				    "no such fragment #%.400s", l->frag);
				v = V_FAIL;
			}
		}
		c->r->links++;
		if (v == V_OK)
			continue;
		target = !l->t ? xstrdup("") : l->frag
		    ? xasprintf("%s#%s", l->t->path, l->frag)
		    : xstrdup(l->t->path);
		crawl_result_add_failure(c->r, p->path, l->ref, target, why);
		free(target);
	}
}

/* Turn what was fetched into the result's pages, counts and failures. */
static void
evaluate(struct crawl *c)
{
	struct unit *u = xcalloc(c->npages + c->nall + 1, sizeof *u);
	size_t n = 0;
	char why[512];

	for (size_t i = 0; i < c->npages; i++)
		u[n++] = (struct unit){ c->pages[i]->path, c->pages[i], NULL };
	for (size_t i = 0; i < c->nall; i++) {
		struct target *t = c->all[i], *final = NULL;

		if ((t->start || t->too_big) &&
		    judge(t, true, LINK_NAV, why, sizeof why, &final) == V_FAIL)
			u[n++] = (struct unit){ t->path, NULL, t };
	}
	qsort(u, n, sizeof *u, cmp_unit);
	for (size_t i = 0; i < n; i++) {
		strlist_add(&c->r->pages, u[i].path);
		if (u[i].t) {
			struct target *final = NULL;

			judge(u[i].t, true, LINK_NAV, why, sizeof why, &final);
			crawl_result_add_failure(c->r, u[i].path, "",
			    u[i].t->path, why);
		}
		if (u[i].page)
			check_page(c, u[i].page);
	}
	free(u);
	if (c->r->external.len)
		qsort(c->r->external.items, c->r->external.len,
		    sizeof(char *), cmp_str);
}

/* Make the curl handles. 0, or -1. */
static int
setup_curl(struct crawl *c)
{
	int parallel = c->cfg->parallel > 0 ? c->cfg->parallel
					    : DEFAULT_PARALLEL;

	if (parallel > MAX_PARALLEL)
		parallel = MAX_PARALLEL;
	c->multi = curl_multi_init();
	if (!c->multi)
		return -1;
	curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)parallel);
	c->jobs = xcalloc((size_t)parallel, sizeof *c->jobs);
	for (int i = 0; i < parallel; i++) {
		struct job *j = &c->jobs[i];

		j->easy = curl_easy_init();
		if (!j->easy)
			return -1;
		c->njobs++;
		curl_easy_setopt(j->easy, CURLOPT_PRIVATE, j);
		curl_easy_setopt(j->easy, CURLOPT_WRITEFUNCTION, on_data);
		curl_easy_setopt(j->easy, CURLOPT_WRITEDATA, j);
		curl_easy_setopt(j->easy, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(j->easy, CURLOPT_NOPROXY, "*");
		curl_easy_setopt(j->easy, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(j->easy, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(j->easy, CURLOPT_TIMEOUT_MS,
		    (long)CRAWL_TIMEOUT_MS);
		curl_easy_setopt(j->easy, CURLOPT_CONNECTTIMEOUT_MS,
		    (long)CONNECT_TIMEOUT_MS);
		curl_easy_setopt(j->easy, CURLOPT_USERAGENT,
		    "tend-check/" TEND_VERSION);
	}
	return 0;
}

static void
crawl_release(struct crawl *c)
{
	for (size_t i = 0; i < c->njobs; i++) {
		if (c->jobs[i].t)
			curl_multi_remove_handle(c->multi, c->jobs[i].easy);
		curl_easy_cleanup(c->jobs[i].easy);
		free(c->jobs[i].body.p);
	}
	free(c->jobs);
	if (c->multi)
		curl_multi_cleanup(c->multi);
	for (size_t i = 0; i < c->nall; i++) {
		free(c->all[i]->url);
		free(c->all[i]->path);
		free(c->all[i]->ctype);
		free(c->all[i]);
	}
	free(c->all);
	for (size_t i = 0; i < c->npages; i++)
		page_free(c->pages[i]);
	free(c->pages);
	map_free(&c->targets);
	map_free(&c->idents);
	map_free(&c->ext_seen);
	map_free(&c->seen);
	strlist_clear(&c->files);
	free(c->base);
	free(c->origin);
}

int
crawl_run(const struct crawl_config *cfg, struct crawl_result **out)
{
	struct crawl c = { .cfg = cfg };
	struct links_url u = { NULL, NULL, NULL, NULL };
	char *base = NULL;
	struct target *t;
	int rc = -1, err = EINVAL;

	*out = NULL;
	if (!cfg->base_url)
		goto out;
	base = xasprintf("%s/", cfg->base_url);
	if (links_resolve(base, "/", &u) != LINKS_HTTP)
		goto out;
	err = EIO;
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		goto out;
	c.r = xcalloc(1, sizeof *c.r);
	c.base = u.url;
	c.origin = u.origin;
	u.url = u.origin = NULL;
	c.max_pages = cfg->max_pages ? cfg->max_pages : DEFAULT_MAX_PAGES;
	c.max_urls = c.max_pages > SIZE_MAX / 16 ? SIZE_MAX : 16 * c.max_pages;
	if (cfg->root) {
		if (list_pages(&c, "", 0) < 0) {
			err = errno;
			goto cleanup;
		}
		if (c.files.len)
			qsort(c.files.items, c.files.len, sizeof(char *),
			    cmp_str);
	}
	if (setup_curl(&c) < 0)
		goto cleanup;
	t = target_get(&c, c.base, "/");
	t->start = true;
	want(t);
	if (crawl_loop(&c) < 0)
		goto cleanup;
	evaluate(&c);
	*out = c.r;
	c.r = NULL;
	rc = 0;
cleanup:
	crawl_release(&c);
	crawl_result_free(c.r);
	curl_global_cleanup();
out:
	links_url_release(&u);
	free(base);
	if (rc < 0)
		errno = err;
	return rc;
}
