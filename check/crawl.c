/* crawl.c - fetch a site with curl multi, check its links and fragments */
#include "crawl.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "basepath.h"
#include "buf.h"
#include "changed.h"
#include "config.h"
#include "fsutil.h"
#include "graph.h"
#include "suggest.h"
#include "url.h"
#include "verdict.h"
#include "xalloc.h"
#include "banned.h"

#define DEFAULT_PARALLEL 16
#define DEFAULT_MAX_PAGES 100000
#define MAX_PARALLEL 256
#define POLL_MS 50
#define CONNECT_TIMEOUT_MS 10000
/* A body that is not parsed is read (and dropped) up to this size, so the
 * connection can be reused; past it the transfer is cut. */
#define DROP_MAX (1024 * 1024)

struct job {
	CURL *easy;
	struct graph_target *t;	/* NULL when idle */
	struct buf body;	/* an HTML page's bytes */
	int keep;		/* -1 not known yet, 0 drop the body, 1 keep */
	size_t dropped;
	bool cut;		/* we ended the transfer on purpose */
	bool too_big;
};

struct crawl {
	const struct crawl_config *cfg;
	struct result *r;
	char *base;		/* owned: "http://host:port/" */
	char *origin;		/* owned: as url.h's url.origin */
	CURLM *multi;
	struct job *jobs;
	size_t njobs, running;
	struct graph *graph;	/* owned */
};

/* curl's write callback: keep an HTML page's body, drop (up to DROP_MAX)
 * any other. */
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
		j->keep = status == 200 && verdict_is_html(ctype);
	}
	if (!j->keep) {
		j->dropped += n;
		if (j->dropped > DROP_MAX) {
			j->cut = true;
			return 0;
		}
		return n;
	}
	if (j->body.len + n > VERDICT_MAX_BODY) {
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
	struct graph_target *t = j->t;
	char *ctype = NULL, *location = NULL;

	curl_multi_remove_handle(c->multi, j->easy);
	curl_easy_getinfo(j->easy, CURLINFO_TOTAL_TIME, &t->secs);
	c->running--;
	j->t = NULL;
	t->state = TARGET_DONE;
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
		struct url u = URL_INIT;

		if (url_resolve(t->url, location, &u) == URL_HTTP &&
		    strcmp(u.origin, c->origin) == 0) {
			t->redirect = graph_target(c->graph, u.url,
			    u.path);
			graph_want(t->redirect);
		} else {
			graph_add_external(c->graph, location);
			t->redirect_out = true;
		}
		url_release(&u);
	} else if (t->status == 200 && j->keep == 1 && !j->too_big &&
	    !url_names_asset(t->path, strcspn(t->path, "?")) &&
	    !(t->no_index = graph_is_listing(c->graph, t))) {
		graph_parse_page(c->graph, t, j->body.p ? j->body.p : "",
		    j->body.len);
	}
	if (j->body.cap > DROP_MAX) {
		free(j->body.p);
		j->body = (struct buf)BUF_INIT;
	}
}

/*
 * Is t the top of the origin, "/", while the site lives below a base
 * path? tend's server redirects it to the base for people, but on the
 * host it is another site (the user's GitHub Pages site, the company's
 * home page), or nothing: a link to it is judged a 404, as a link to any
 * other path outside the base is (the server answers those 404 itself).
 */
static bool
top_outside_base(const struct crawl *c, const struct graph_target *t)
{
	return !basepath_none(c->cfg->base_path) && t->path[0] == '/' &&
	       (t->path[1] == '\0' || t->path[1] == '?');
}

/* Give queued targets to idle jobs. */
static void
start_jobs(struct crawl *c)
{
	for (size_t i = 0; i < c->njobs && c->running < c->njobs; i++) {
		struct job *j = &c->jobs[i];
		struct graph_target *t;

		if (j->t)
			continue;
		while ((t = graph_next(c->graph)) && top_outside_base(c, t)) {
			t->state = TARGET_DONE;	/* not fetched */
			t->status = 404;
		}
		if (!t)
			return;
		j->t = t;
		j->keep = -1;
		j->dropped = 0;
		j->cut = j->too_big = false;
		j->body.len = 0;
		t->state = TARGET_RUNNING;
		curl_easy_setopt(j->easy, CURLOPT_URL, t->url);
		if (curl_multi_add_handle(c->multi, j->easy)) {
			t->state = TARGET_DONE;
			t->error = "cannot start the request";
			j->t = NULL;
			continue;
		}
		c->running++;
		c->r->fetched++;
	}
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
			graph_add_orphans(c->graph, c->base);
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
	graph_free(c->graph);
	free(c->base);
	free(c->origin);
}

int
crawl_run(const struct crawl_config *cfg, struct result **out)
{
	struct crawl c = { .cfg = cfg };
	struct url u = URL_INIT;
	char *base = NULL;
	struct graph_target *t;
	size_t npages, ntargets;
	struct graph_page *const *pages;
	struct graph_target *const *targets;
	int rc = -1, err = EINVAL;
	int64_t start;

	*out = NULL;
	if (!cfg->base_url)
		goto out;
	base = xasprintf("%s/", cfg->base_url);
	if (url_resolve(base, cfg->base_path ? cfg->base_path : "/", &u) !=
	    URL_HTTP)
		goto out;
	err = EIO;
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		goto out;
	c.r = result_new();
	c.base = u.url;
	c.origin = u.origin;
	u.url = u.origin = NULL;
	c.graph = graph_new(c.origin,
	    cfg->max_pages ? cfg->max_pages : DEFAULT_MAX_PAGES, c.r);
	graph_set_skip(c.graph, cfg->skip);
	graph_set_base(c.graph, cfg->base_path);
	if (cfg->root && graph_list_files(c.graph, cfg->root) < 0) {
		err = errno;
		goto cleanup;
	}
	if (setup_curl(&c) < 0)
		goto cleanup;
	t = graph_target(c.graph, c.base, c.base + strlen(c.origin));
	t->start = true;
	graph_want(t);
	start = fs_now_ms();
	if (crawl_loop(&c) < 0)
		goto cleanup;
	c.r->secs = (double)(fs_now_ms() - start) / 1000;
	pages = graph_pages(c.graph, &npages);
	targets = graph_targets(c.graph, &ntargets);
	if (cfg->changed) {
		size_t nkept;
		struct graph_page **kept = changed_filter(pages, npages,
		    cfg->changed, &nkept);

		c.r->pages_skipped = npages - nkept;
		verdict_evaluate(c.r, kept, nkept, targets, ntargets);
		changed_free(kept, nkept);
	} else {
		verdict_evaluate(c.r, pages, npages, targets, ntargets);
	}
	if (cfg->root)
		suggest_case(c.r, cfg->root, cfg->base_path);
	*out = c.r;
	c.r = NULL;
	rc = 0;
cleanup:
	crawl_release(&c);
	result_free(c.r);
	curl_global_cleanup();
out:
	url_release(&u);
	free(base);
	if (rc < 0)
		errno = err;
	return rc;
}
