/* inject.c - adding the live-reload script to HTML, cached per build */
#include "inject.h"

#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsutil.h"
#include "http.h"
#include "resolve.h"
#include "xalloc.h"

#define CACHE_BUCKETS 1024
#define CACHE_MAX_BYTES (64 << 20)
#define HTML_MAX (16 << 20)	/* larger pages are served without the tag */

struct html_body {
	atomic_int refs;	/* the cache's one, plus responses in flight */
	char *key;		/* owned: "rel\netag\nbuild" */
	char *data;		/* owned */
	size_t len;
	char etag[HTTP_ETAG_MAX + INJECT_BUILD_MAX + 2];
	struct html_body *next;	/* bucket chain, under mu */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct html_body *buckets[CACHE_BUCKETS];
static size_t cached_bytes;

char *
inject_tag(const char *html, size_t len, const char *tag, size_t *out_len)
{
	size_t tlen = strlen(tag), at = len;
	char *out;

	if (len >= 2 && (unsigned char)html[0] == 0x1f &&
	    (unsigned char)html[1] == 0x8b)
		return NULL;	/* gzip data, not HTML text */
	for (size_t i = len >= 6 ? len - 6 + 1 : 0; i-- > 0;)
		if (html[i] == '<' && !strncasecmp(html + i, "</body", 6)) {
			at = i;
			break;
		}
	out = xmalloc(len + tlen + 1);
	memcpy(out, html, at);
	memcpy(out + at, tag, tlen);
	memcpy(out + at + tlen, html + at, len - at);
	out[len + tlen] = '\0';
	*out_len = len + tlen;
	return out;
}

char *
inject_script_tag(const char *build)
{
	return xasprintf("<script src=\"/__tend/client.js\" "
	    "data-tend-build=\"%s\"></script>", build);
}

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % CACHE_BUCKETS;
}

void
html_body_unref(void *p)
{
	struct html_body *h = p;

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
			struct html_body *h = buckets[i];

			buckets[i] = h->next;
			html_body_unref(h);
		}
	}
	cached_bytes = 0;
}

void
html_cache_clear(void)
{
	pthread_mutex_lock(&mu);
	clear_locked();
	pthread_mutex_unlock(&mu);
}

/* Read and inject a new body; NULL if it must be served as is. */
static struct html_body *
make_body(int fd, const struct stat *st, const char *key, const char *build)
{
	char *raw, *tag, etag[HTTP_ETAG_MAX];
	size_t len;
	struct html_body *h;

	if (st->st_size > HTML_MAX || fs_read_fd(fd, &raw, &len) < 0)
		return NULL;
	h = xcalloc(1, sizeof *h);
	tag = inject_script_tag(build);
	h->data = inject_tag(raw, len, tag, &h->len);
	free(tag);
	free(raw);
	if (!h->data) {
		free(h);
		return NULL;
	}
	http_etag(st, etag, sizeof etag);
	etag[strlen(etag) - 1] = '\0';	/* drop the closing quote */
	snprintf(h->etag, sizeof h->etag, "%s-%s\"", etag, build);
	h->key = xstrdup(key);
	atomic_init(&h->refs, 1);
	return h;
}

struct html_body *
html_body_get(int fd, const struct stat *st, const char *rel,
    const char *build)
{
	char etag[HTTP_ETAG_MAX];
	char key[RESOLVE_PATH_MAX + HTTP_ETAG_MAX + INJECT_BUILD_MAX + 4];
	struct html_body *h;
	unsigned b;

	http_etag(st, etag, sizeof etag);
	if (strlen(build) >= INJECT_BUILD_MAX ||
	    (size_t)snprintf(key, sizeof key, "%s\n%s\n%s", rel, etag, build) >=
	    sizeof key)
		return NULL;	/* served without the script, never cut short */
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
html_body_data(const struct html_body *h)
{
	return h->data;
}

size_t
html_body_len(const struct html_body *h)
{
	return h->len;
}

const char *
html_body_etag(const struct html_body *h)
{
	return h->etag;
}
