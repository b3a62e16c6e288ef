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

/* What a good build changed: the build's name, the '\n'-separated list. */
struct built_news {
	const char *build;
	char *list;		/* owned: "*" when everything changed */
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
	buf_addf(&b, "%s,\"page\":%s}", all ? "" : "]", mine ? "true" : "false");
	return b.p;
}

void
reload_publish(unsigned generation, const char *changed, size_t len)
{
	char build[INJECT_BUILD_MAX];
	struct built_news n = { build, xstrndup(changed, len) };

	pthread_mutex_lock(&mu);
	set_build_locked(generation);
	snprintf(build, sizeof build, "%s", build_name);
	pthread_mutex_unlock(&mu);
	sse_broadcast_each("built", built_json, &n);
	free(n.list);
}

void
reload_failed(const char *log, size_t len)
{
	struct buf b = BUF_INIT;

	pthread_mutex_lock(&mu);
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
	free(failed_log);
	failed_log = NULL;
	pthread_mutex_unlock(&mu);
}
