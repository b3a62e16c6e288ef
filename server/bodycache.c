/* bodycache.c - small files and injected pages kept in memory, per build */
#include "bodycache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "http.h"
#include "inject.h"
#include "resolve.h"
#include "xalloc.h"
#include "banned.h"

#define CACHE_BUCKETS 1024
#define CACHE_MAX_BYTES (64 << 20)
#define HTML_MAX (16 << 20)	/* larger pages are served without the tag */

struct body {
	atomic_int refs;	/* the cache's one, plus responses in flight */
	char *key;		/* owned: "rel\netag\nbuild" */
	char *data;		/* owned */
	size_t len;
	time_t mtime;		/* the file's */
	bool injected;
	char etag[HTTP_ETAG_MAX + INJECT_BUILD_MAX + 2];
	struct body *next;	/* bucket chain, under mu */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct body *buckets[CACHE_BUCKETS];
static size_t cached_bytes;

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % CACHE_BUCKETS;
}

void
body_unref(void *p)
{
	struct body *h = p;

	if (h && atomic_fetch_sub(&h->refs, 1) == 1) {
		free(h->key);
		free(h->data);
		free(h);
	}
}

/* Empty the cache; call with mu held. */
static void
clear_locked(void)
{
	for (size_t i = 0; i < CACHE_BUCKETS; i++) {
		while (buckets[i]) {
			struct body *h = buckets[i];

			buckets[i] = h->next;
			body_unref(h);
		}
	}
	cached_bytes = 0;
}

void
bodycache_clear(void)
{
	pthread_mutex_lock(&mu);
	clear_locked();
	pthread_mutex_unlock(&mu);
}

/* Read (and inject) a new body; NULL if it must be served as is. */
static struct body *
make_body(int fd, const struct stat *st, const char *key, const char *build)
{
	char *raw, *tag;
	size_t len;
	struct body *h;

	if (st->st_size > HTML_MAX || fs_read_fd(fd, &raw, &len) < 0)
		return NULL;
	h = xcalloc(1, sizeof *h);
	h->mtime = st->st_mtime;
	http_etag(st, h->etag, sizeof h->etag);
	if (!build) {
		h->data = raw;
		h->len = len;
	} else {
		tag = inject_script_tag(build);
		h->data = inject_tag(raw, len, tag, &h->len);
		free(tag);
		free(raw);
		if (!h->data) {
			free(h);
			return NULL;	/* gzip data: not to be touched */
		}
		h->injected = true;
		/* its own ETag: the file's, and the build */
		snprintf(h->etag + strlen(h->etag) - 1,
		    sizeof h->etag - strlen(h->etag) + 1, "-%s\"", build);
	}
	h->key = xstrdup(key);
	atomic_init(&h->refs, 1);
	return h;
}

struct body *
bodycache_get(int fd, const struct stat *st, const char *rel,
    const char *build)
{
	char etag[HTTP_ETAG_MAX];
	char key[RESOLVE_PATH_MAX + HTTP_ETAG_MAX + INJECT_BUILD_MAX + 4];
	struct body *h;
	unsigned b;

	http_etag(st, etag, sizeof etag);
	if ((build && strlen(build) >= INJECT_BUILD_MAX) ||
	    (size_t)snprintf(key, sizeof key, "%s\n%s\n%s", rel, etag,
	    build ? build : "") >= sizeof key)
		return NULL;	/* served from the file, never cut short */
	b = hash(key);
	pthread_mutex_lock(&mu);
	for (h = buckets[b]; h && strcmp(h->key, key); h = h->next)
		;
	if (!h && (h = make_body(fd, st, key, build))) {
		if (cached_bytes + h->len > CACHE_MAX_BYTES)
			clear_locked();
		h->next = buckets[b];
		buckets[b] = h;
		cached_bytes += h->len;
	}
	if (h)
		atomic_fetch_add(&h->refs, 1);	/* the caller's */
	pthread_mutex_unlock(&mu);
	return h;
}

const char *
body_data(const struct body *h)
{
	return h->data;
}

size_t
body_len(const struct body *h)
{
	return h->len;
}

const char *
body_etag(const struct body *h)
{
	return h->etag;
}

time_t
body_mtime(const struct body *h)
{
	return h->mtime;
}

bool
body_injected(const struct body *h)
{
	return h->injected;
}
