/* reload.c - the build name and failure log the browser is told about */
#include "reload.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "inject.h"
#include "linknotice.h"
#include "pagematch.h"
#include "sse.h"
#include "xalloc.h"
#include "banned.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static const char *run = "";	/* not owned: the config's */
static char build_name[INJECT_BUILD_MAX];
static char *failed_log;	/* owned; NULL when the last build was good */
static char *hint;		/* owned; reload_expect()'s, or NULL */

/* Name generation and forget the failure; call with mu held. */
static void
set_build_locked(unsigned generation)
{
	snprintf(build_name, sizeof build_name, "%s.%u", run, generation);
	free(failed_log);
	failed_log = NULL;
}

void
reload_init(const char *run_id, unsigned generation)
{
	pthread_mutex_lock(&mu);
	run = run_id;
	set_build_locked(generation);
	pthread_mutex_unlock(&mu);
}

void
reload_build(char *buf, size_t len)
{
	pthread_mutex_lock(&mu);
	snprintf(buf, len, "%s", build_name);
	pthread_mutex_unlock(&mu);
}

char *
reload_hello_json(void)
{
	struct buf b = BUF_INIT;

	pthread_mutex_lock(&mu);
	buf_adds(&b, "{\"build\":\"");
	buf_add_json(&b, build_name);
	buf_addf(&b, "\",\"failed\":%s", failed_log ? "true" : "false");
	if (failed_log) {
		buf_adds(&b, ",\"log\":\"");
		buf_add_json(&b, failed_log);
		buf_adds(&b, "\"");
	}
	buf_adds(&b, ",\"links\":");
	linknotice_add_json(&b);	/* the pages' broken links */
	buf_adds(&b, "}");
	pthread_mutex_unlock(&mu);
	return b.p;
}

void
reload_expect(const char *h, size_t len)
{
	pthread_mutex_lock(&mu);
	free(hint);
	hint = xstrndup(h, len);
	pthread_mutex_unlock(&mu);
}

/* Is the n bytes at p one of list's lines? */
static bool
listed(const char *list, const char *p, size_t n)
{
	for (const char *l = list; *l;) {
		size_t len = strcspn(l, "\n");

		if (len == n && !memcmp(l, p, n))
			return true;
		l += len + (l[len] == '\n');
	}
	return false;
}

char *
reload_navigate_target(const char *h, const char *list)
{
	const char *found = NULL;
	size_t flen = 0;

	if (!h || !strcmp(list, "*"))
		return NULL;
	for (const char *p = h; *p && !found;) {
		size_t len = strcspn(p, "\n");

		if (len && listed(list, p, len))
			found = p, flen = len;
		p += len + (p[len] == '\n');
	}
	return found ? xstrndup(found, flen) : NULL;
}

char *
reload_url_of(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;
	size_t n = strlen(path);

	if (n >= 10 && !strcmp(path + n - 10, "index.html") &&
	    (n == 10 || path[n - 11] == '/'))
		n -= 10;	/* the folder: "/" or "/a/" */
	buf_adds(&b, "/");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			buf_add(&b, path + i, 1);
		else
			buf_addf(&b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
	return b.p;
}

/* What a good build changed: the build's name, the '\n'-separated list,
 * the page the tabs go to. */
struct built_news {
	const char *build;
	char *list;		/* owned: "*" when everything changed */
	char *navigate;		/* owned: an output path, or NULL */
};

/* The "built" event for one tab: the changes, and whether its page is one. */
static char *
built_json(const char *page, void *arg)
{
	struct built_news *n = arg;
	struct buf b = BUF_INIT;
	bool all = !strcmp(n->list, "*"), mine = all;

	buf_adds(&b, "{\"build\":\"");
	buf_add_json(&b, n->build);
	buf_adds(&b, all ? "\",\"changed\":\"*\"" : "\",\"changed\":[");
	for (const char *p = n->list; !all && *p;) {
		size_t len = strcspn(p, "\n");
		char *path = xstrndup(p, len);

		buf_adds(&b, p == n->list ? "\"" : ",\"");
		buf_add_json(&b, path);
		buf_adds(&b, "\"");
		mine = mine || (page && pagematch(page, path));
		free(path);
		p += len + (p[len] == '\n');
	}
	buf_addf(&b, "%s,\"page\":%s", all ? "" : "]", mine ? "true" : "false");
	if (n->navigate) {
		char *url = reload_url_of(n->navigate);

		buf_adds(&b, ",\"navigate\":{\"url\":\"");
		buf_add_json(&b, url);
		buf_adds(&b, "\",\"path\":\"");
		buf_add_json(&b, n->navigate);
		buf_adds(&b, "\"}");
		free(url);
	}
	buf_adds(&b, "}");
	return b.p;
}

void
reload_publish(unsigned generation, const char *changed, size_t len)
{
	char build[INJECT_BUILD_MAX];
	struct built_news n = { build, xstrndup(changed, len), NULL };

	pthread_mutex_lock(&mu);
	set_build_locked(generation);
	snprintf(build, sizeof build, "%s", build_name);
	n.navigate = reload_navigate_target(hint, n.list);
	free(hint);
	hint = NULL;
	pthread_mutex_unlock(&mu);
	sse_broadcast_each("built", built_json, &n);
	free(n.list);
	free(n.navigate);
}

void
reload_failed(const char *log, size_t len)
{
	struct buf b = BUF_INIT;

	pthread_mutex_lock(&mu);
	free(hint);	/* that build takes no tab anywhere */
	hint = NULL;
	free(failed_log);
	failed_log = xstrndup(log, len);
	buf_adds(&b, "{\"log\":\"");
	buf_add_json(&b, failed_log);
	buf_adds(&b, "\"}");
	pthread_mutex_unlock(&mu);
	sse_broadcast("failed", b.p);
	free(b.p);
}

char *
reload_failed_log(void)
{
	char *log;

	pthread_mutex_lock(&mu);
	log = failed_log ? xstrdup(failed_log) : NULL;
	pthread_mutex_unlock(&mu);
	return log;
}

void
reload_release(void)
{
	pthread_mutex_lock(&mu);
	free(hint);
	hint = NULL;
	free(failed_log);
	failed_log = NULL;
	pthread_mutex_unlock(&mu);
}
