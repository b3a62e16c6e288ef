/* external.c - fetch external links: per-host queues over curl multi */
#include "external.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "config.h"
#include "extcache.h"
#include "fsutil.h"
#include "strmap.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

#define POLL_MS 50
#define CONNECT_TIMEOUT_MS 10000

/* One host name: its requests under way and when it may get the next. */
struct host {
	char *name;		/* owned: the map's key */
	int active;
	int64_t next_start;	/* the rate limit: no request before */
	int64_t paused_until;	/* Retry-After: no request before */
};

/* One link being checked: where its redirects have got to. */
struct job {
	struct ext_link *link;
	char *cur;		/* owned: the URL of the current hop */
	char *chain[EXT_MAX_REDIRECTS + 1];	/* owned: the hops so far */
	int hops;
	struct host *host;
	bool get;		/* HEAD was refused: GET */
	int tries;		/* failed tries of the current request */
	int64_t not_before;
	CURL *easy;		/* while a request is under way */
	bool cut;		/* we cut the GET's body */
	bool done;
};

struct ext {
	const struct ext_config *cfg;
	CURLM *multi;
	struct job *jobs;
	size_t njobs, left, active;
	struct strmap hosts;	/* name -> struct host */
	struct host **hostv;	/* to free them */
	size_t nhosts;
};

const char *
ext_why_name(enum ext_why why)
{
	static const char *const names[EXT_WHY_N] = {
		[EXT_WHY_NONE] = "",
		[EXT_WHY_TIMEOUT] = "timeout",
		[EXT_WHY_REFUSED] = "connection refused",
		[EXT_WHY_RESET] = "connection reset",
		[EXT_WHY_DNS] = "DNS",
		[EXT_WHY_TLS] = "TLS",
		[EXT_WHY_429] = "429",
		[EXT_WHY_503] = "503",
		[EXT_WHY_SERVER] = "server error",
		[EXT_WHY_NETWORK] = "network",
		[EXT_WHY_TIME_LIMIT] = "time limit",
	};

	return why < EXT_WHY_N ? names[why] : "";
}

/* The host name of an absolute URL's origin, lower case (url.h). */
static struct host *
host_of(struct ext *x, const char *url)
{
	struct url u = URL_INIT;
	const char *name = url, *end;
	char *key;
	struct host *h;

	if (url_resolve(url, url, &u) == URL_HTTP && strstr(u.origin, "://"))
		name = strstr(u.origin, "://") + 3;
	end = name[0] == '[' ? strchr(name, ']') : strrchr(name, ':');
	key = end ? xstrndup(name, (size_t)(end - name) + (name[0] == '['))
		  : xstrdup(name);
	url_release(&u);
	if ((h = strmap_get(&x->hosts, key))) {
		free(key);
		return h;
	}
	h = xcalloc(1, sizeof *h);
	h->name = key;
	strmap_put(&x->hosts, h->name, h);
	if ((x->nhosts & (x->nhosts - 1)) == 0)
		x->hostv = xrealloc(x->hostv, (x->nhosts < 4 ? 8 :
		    2 * x->nhosts) * sizeof *x->hostv);
	x->hostv[x->nhosts++] = h;
	return h;
}

/* End a link: its verdict, and its reason (printf-style, or NULL). */
static void
settle(struct ext *x, struct job *j, enum ext_state st, enum ext_why why,
    const char *reason)
{
	j->done = true;
	j->link->state = st;
	j->link->why = why;
	free(j->link->reason);
	j->link->reason = reason ? xstrdup(reason) : NULL;
	x->left--;
}

/* A GET's body: cut it at its first byte, the status is known. */
static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct job *j = arg;

	(void)data;
	if (!size || !nmemb)
		return 0;
	j->cut = true;
	return 0;
}

/* Start j's current request. 0, or -1 if curl would not. */
static int
start(struct ext *x, struct job *j, int64_t now)
{
	const struct ext_config *cfg = x->cfg;
	long timeout = cfg->timeout_ms > 0 ? cfg->timeout_ms : 10000;
	CURL *e = curl_easy_init();

	if (!e)
		return -1;
	curl_easy_setopt(e, CURLOPT_URL, j->cur);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_NOBODY, j->get ? 0L : 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    timeout < CONNECT_TIMEOUT_MS ? timeout : CONNECT_TIMEOUT_MS);
	curl_easy_setopt(e, CURLOPT_USERAGENT, cfg->user_agent ?
	    cfg->user_agent : "tend-check/" TEND_VERSION " (link checker)");
	if (curl_multi_add_handle(x->multi, e)) {
		curl_easy_cleanup(e);
		return -1;
	}
	j->easy = e;
	j->cut = false;
	j->link->requests++;
	j->host->active++;
	j->host->next_start = now + 1000 / EXT_RATE;
	x->active++;
	return 0;
}

/* When j may start, or INT64_MAX while its host is full. */
static int64_t
ready_at(const struct job *j)
{
	int64_t t = j->not_before;

	if (j->host->active >= EXT_PER_HOST)
		return INT64_MAX;
	if (j->host->next_start > t)
		t = j->host->next_start;
	if (j->host->paused_until > t)
		t = j->host->paused_until;
	return t;
}

/* Start what may start; returns how long until something else may. */
static int64_t
start_ready(struct ext *x, int64_t now)
{
	int64_t wait = POLL_MS;

	for (size_t i = 0; i < x->njobs && x->active < EXT_PARALLEL; i++) {
		struct job *j = &x->jobs[i];
		int64_t at;

		if (j->done || j->easy)
			continue;
		at = ready_at(j);
		if (at <= now) {
			if (start(x, j, now) < 0)
				settle(x, j, EXT_WARNING, EXT_WHY_NETWORK,
				    "cannot start the request");
		} else if (at - now < wait) {
			wait = at - now;
		}
	}
	return wait;
}

/* Why a transfer failed, for a warning. */
static enum ext_why
why_of(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT: return EXT_WHY_TIMEOUT;
	case CURLE_COULDNT_CONNECT: return EXT_WHY_REFUSED;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING: return EXT_WHY_RESET;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY: return EXT_WHY_DNS;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS: return EXT_WHY_TLS;
	default: return EXT_WHY_NETWORK;
	}
}

static const char *
transfer_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT: return "timed out";
	case CURLE_COULDNT_CONNECT: return "connection refused";
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR: return "connection reset";
	case CURLE_GOT_NOTHING: return "empty reply";
	case CURLE_COULDNT_RESOLVE_HOST: return "cannot resolve the host";
	default: return curl_easy_strerror(rc);
	}
}

/*
 * Try j's request again later, if it has tries left: after delay_ms, or
 * the back-off. False when it has none left.
 */
static bool
retry(struct job *j, int64_t now, int64_t delay_ms)
{
	if (j->tries >= EXT_RETRIES)
		return false;
	if (delay_ms <= 0)
		delay_ms = (int64_t)EXT_BACKOFF_MS << j->tries;
	j->tries++;
	j->not_before = now + delay_ms;
	return true;
}

/* "timed out (3 tries)" */
static void
settle_tried(struct ext *x, struct job *j, enum ext_why why, const char *what)
{
	char reason[256];

	if (j->tries)
		snprintf(reason, sizeof reason, "%s (%d tries)", what,
		    j->tries + 1);
	else
		snprintf(reason, sizeof reason, "%s", what);
	settle(x, j, EXT_WARNING, why, reason);
}

/* A 3xx: go on to its Location, unless that is a loop or one too many. */
static void
redirect(struct ext *x, struct job *j, long status)
{
	char *location = NULL, reason[128];
	struct url u = URL_INIT;

	curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_URL, &location);
	if (!location) {
		snprintf(reason, sizeof reason, "%ld without Location", status);
		settle(x, j, EXT_BROKEN, EXT_WHY_NONE, reason);
		return;
	}
	if (url_resolve(j->cur, location, &u) != URL_HTTP) {
		settle(x, j, EXT_BROKEN, EXT_WHY_NONE,
		    "redirected to a URL that is not http(s)");
		goto out;
	}
	for (int i = 0; i <= j->hops; i++) {
		if (strcmp(j->chain[i], u.url) == 0) {
			settle(x, j, EXT_BROKEN, EXT_WHY_NONE,
			    "redirect loop");
			goto out;
		}
	}
	if (j->hops == EXT_MAX_REDIRECTS) {
		snprintf(reason, sizeof reason, "more than %d redirects",
		    EXT_MAX_REDIRECTS);
		settle(x, j, EXT_BROKEN, EXT_WHY_NONE, reason);
		goto out;
	}
	j->chain[++j->hops] = xstrdup(u.url);
	j->cur = j->chain[j->hops];
	j->host = host_of(x, j->cur);
	j->get = false;
	j->tries = 0;
out:
	url_release(&u);
}

/* A request ended: judge it, or set up the next one. */
static void
finish(struct ext *x, struct job *j, CURLcode rc, int64_t now)
{
	long status = 0;
	curl_off_t after = 0;
	char reason[64];

	curl_multi_remove_handle(x->multi, j->easy);
	j->host->active--;
	x->active--;
	if (rc == CURLE_WRITE_ERROR && j->cut)
		rc = CURLE_OK;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(j->easy, CURLINFO_RETRY_AFTER, &after);
	if (rc == CURLE_OK && status >= 300 && status < 400) {
		redirect(x, j, status);
		goto out;
	}
	if (rc != CURLE_OK) {
		/* Some servers drop a HEAD on the floor: GET. */
		if (!j->get && why_of(rc) == EXT_WHY_RESET) {
			j->get = true;
			goto out;
		}
		if ((why_of(rc) == EXT_WHY_TIMEOUT ||
		    why_of(rc) == EXT_WHY_REFUSED ||
		    why_of(rc) == EXT_WHY_RESET) && retry(j, now, 0))
			goto out;
		settle_tried(x, j, why_of(rc), transfer_error(rc));
		goto out;
	}
	if (!j->get && (status == 405 || status == 501 || status == 403)) {
		j->get = true;
		goto out;
	}
	if (status == 429 || status == 503) {
		int64_t delay = after > 0 ? (int64_t)after * 1000 : 0;

		if (delay > EXT_RETRY_AFTER_MAX_MS)
			delay = EXT_RETRY_AFTER_MAX_MS;
		if (retry(j, now, delay)) {
			/* The host asked for a pause: all of it pauses. */
			if (j->not_before > j->host->paused_until)
				j->host->paused_until = j->not_before;
			goto out;
		}
		snprintf(reason, sizeof reason, "%ld", status);
		settle_tried(x, j, status == 429 ? EXT_WHY_429 : EXT_WHY_503,
		    reason);
		goto out;
	}
	snprintf(reason, sizeof reason, "%ld", status);
	if (status >= 200 && status < 300)
		settle(x, j, EXT_OK, EXT_WHY_NONE, NULL);
	else if (status >= 400 && status < 500)
		settle(x, j, EXT_BROKEN, EXT_WHY_NONE, reason);
	else
		settle(x, j, EXT_WARNING, EXT_WHY_SERVER, reason);
out:
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
}

/* The time limit passed: what is not done is not checked. */
static void
give_up(struct ext *x)
{
	for (size_t i = 0; i < x->njobs; i++) {
		struct job *j = &x->jobs[i];

		if (j->done)
			continue;
		if (j->easy) {
			curl_multi_remove_handle(x->multi, j->easy);
			curl_easy_cleanup(j->easy);
			j->easy = NULL;
		}
		settle(x, j, EXT_WARNING, EXT_WHY_TIME_LIMIT,
		    "not checked: time limit");
	}
}

/* Fetch until every job is done. 0, or -1 if curl failed. */
static int
run(struct ext *x)
{
	int64_t deadline = fs_now_ms() + EXT_TOTAL_MS;

	while (x->left) {
		int64_t now = fs_now_ms(), wait;
		CURLMsg *m;
		int still, n;

		if (now >= deadline) {
			give_up(x);
			break;
		}
		wait = start_ready(x, now);
		if (curl_multi_perform(x->multi, &still))
			return -1;
		while ((m = curl_multi_info_read(x->multi, &n))) {
			struct job *j = NULL;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &j);
			finish(x, j, m->data.result, fs_now_ms());
			wait = 0;
		}
		if (wait > 0 && curl_multi_poll(x->multi, NULL, 0, (int)wait,
		    NULL))
			return -1;
	}
	return 0;
}

/* Look links up in the cache, and write it back. */
static void
use_cache(struct ext *x, struct extcache *c, bool save,
    struct strlist *warnings)
{
	char warn[1024];

	if (!save) {
		for (size_t i = 0; i < x->njobs; i++) {
			struct job *j = &x->jobs[i];

			if (extcache_fresh(c, j->cur)) {
				j->link->cached = true;
				settle(x, j, EXT_OK, EXT_WHY_NONE, NULL);
			}
		}
		return;
	}
	for (size_t i = 0; i < x->njobs; i++) {
		struct ext_link *l = x->jobs[i].link;

		if (l->state == EXT_OK && !l->cached)
			extcache_put(c, l->url, (int64_t)time(NULL));
		else if (l->state == EXT_BROKEN)
			extcache_drop(c, l->url);
	}
	if (extcache_save(c, x->cfg->cache, (int64_t)time(NULL)) < 0) {
		snprintf(warn, sizeof warn, "cannot write the cache '%s': %s",
		    x->cfg->cache, strerror(errno));
		strlist_add(warnings, warn);
	}
}

int
ext_check(const struct ext_config *cfg, char *const *urls, size_t n,
    struct ext_link **links, struct strlist *warnings)
{
	struct ext x = { .cfg = cfg, .hosts = STRMAP_INIT };
	struct extcache *cache = NULL;
	struct ext_link *l = xcalloc(n + 1, sizeof *l);
	char warn[1024] = "";
	int rc = -1;

	*links = NULL;
	for (size_t i = 0; i < n; i++)
		l[i].url = xstrdup(urls[i]);
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		ext_links_free(l, n);
		errno = EIO;
		return -1;
	}
	x.multi = curl_multi_init();
	if (!x.multi)
		goto out;
	curl_multi_setopt(x.multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)EXT_PER_HOST);
	curl_multi_setopt(x.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)EXT_PARALLEL);
	x.jobs = xcalloc(n + 1, sizeof *x.jobs);
	x.njobs = x.left = n;
	for (size_t i = 0; i < n; i++) {
		struct job *j = &x.jobs[i];

		j->link = &l[i];
		j->chain[0] = xstrdup(urls[i]);
		j->cur = j->chain[0];
		j->host = host_of(&x, j->cur);
	}
	if (cfg->cache) {
		cache = extcache_load(cfg->cache, (int64_t)time(NULL),
		    cfg->max_age_s, warn, sizeof warn);
		if (*warn)
			strlist_add(warnings, warn);
		use_cache(&x, cache, false, warnings);
	}
	if (run(&x) < 0)
		goto out;
	if (cache)
		use_cache(&x, cache, true, warnings);
	*links = l;
	l = NULL;
	rc = 0;
out:
	for (size_t i = 0; i < x.njobs; i++) {
		if (x.jobs[i].easy) {
			curl_multi_remove_handle(x.multi, x.jobs[i].easy);
			curl_easy_cleanup(x.jobs[i].easy);
		}
		for (int k = 0; k <= x.jobs[i].hops; k++)
			free(x.jobs[i].chain[k]);
	}
	free(x.jobs);
	for (size_t i = 0; i < x.nhosts; i++) {
		free(x.hostv[i]->name);
		free(x.hostv[i]);
	}
	free(x.hostv);
	strmap_clear(&x.hosts);
	extcache_free(cache);
	if (x.multi)
		curl_multi_cleanup(x.multi);
	curl_global_cleanup();
	if (l)
		ext_links_free(l, n);
	if (rc < 0)
		errno = EIO;
	return rc;
}

void
ext_links_free(struct ext_link *links, size_t n)
{
	for (size_t i = 0; links && i < n; i++) {
		free(links[i].url);
		free(links[i].reason);
	}
	free(links);
}
