/* linknotice.c - the broken links of each page, for the tabs (linknotice.h) */
#include "linknotice.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sse.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

/* One page's latest list. Kept once made (the map has no removal): a page
 * whose links were fixed keeps "[]", which the hello leaves out. */
struct page_links {
	char *path;		/* owned: the output path, the map's key */
	char *json;		/* owned: the JSON array */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct strmap pages = STRMAP_INIT;
static struct page_links **all;	/* owned, in the order first seen */
static size_t nall, capall;

/* Is the n bytes at s a JSON array, as far as its ends tell (the parent
 * made it with buf_add_json(), so its inside is well-formed)? */
static int
is_array(const char *s, size_t n)
{
	return n >= 2 && s[0] == '[' && s[n - 1] == ']' && !memchr(s, '\0', n);
}

int
linknotice_set(const char *payload, size_t len)
{
	const char *nl = memchr(payload, '\n', len);
	struct page_links *p;
	struct buf ev = BUF_INIT;
	size_t plen;

	if (!nl || nl == payload || memchr(payload, '\0', (size_t)(nl -
	    payload)) || !is_array(nl + 1, len - (size_t)(nl + 1 - payload))) {
		errno = EINVAL;
		return -1;
	}
	plen = (size_t)(nl - payload);
	pthread_mutex_lock(&mu);
	{
		char *path = xstrndup(payload, plen);

		p = strmap_get(&pages, path);
		if (p) {
			free(path);
			free(p->json);
		} else {
			p = xcalloc(1, sizeof *p);
			p->path = path;
			strmap_put(&pages, p->path, p);
			if (nall == capall) {
				capall = capall ? 2 * capall : 16;
				all = xrealloc(all, capall * sizeof *all);
			}
			all[nall++] = p;
		}
		p->json = xstrndup(nl + 1, len - plen - 1);
	}
	buf_adds(&ev, "{\"page\":\"");
	buf_add_json(&ev, p->path);
	buf_adds(&ev, "\",\"broken\":");
	buf_adds(&ev, p->json);
	buf_adds(&ev, "}");
	pthread_mutex_unlock(&mu);
	sse_broadcast("links", ev.p);
	free(ev.p);
	return 0;
}

void
linknotice_add_json(struct buf *b)
{
	bool first = true;

	pthread_mutex_lock(&mu);
	buf_adds(b, "{");
	for (size_t i = 0; i < nall; i++) {
		if (!strcmp(all[i]->json, "[]"))
			continue;
		buf_adds(b, first ? "\"" : ",\"");
		buf_add_json(b, all[i]->path);
		buf_adds(b, "\":");
		buf_adds(b, all[i]->json);
		first = false;
	}
	buf_adds(b, "}");
	pthread_mutex_unlock(&mu);
}

void
linknotice_release(void)
{
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < nall; i++) {
		free(all[i]->path);
		free(all[i]->json);
		free(all[i]);
	}
	free(all);
	all = NULL;
	nall = capall = 0;
	strmap_clear(&pages);
	pthread_mutex_unlock(&mu);
}
