/* test_route.c - the URI callback: what it may read of the raw URI */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "route.h"

/*
 * uri copied so that its NUL is the last readable byte: the next page is
 * PROT_NONE, so a read past the NUL faults. *map and *len to unmap.
 */
static const char *
uri_at_page_end(const char *uri, void **map, size_t *len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n = strlen(uri) + 1;
	char *p;

	*len = 2 * page;
	*map = mmap(NULL, *len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(*map, MAP_FAILED);
	cr_assert_eq(mprotect((char *)*map + page, page, PROT_NONE), 0);
	p = (char *)*map + page - n;
	memcpy(p, uri, n);
	return p;
}

/*
 * Issue: route_uri read past the URI's NUL, trusting libmicrohttpd
 * 0.9.75's buffer layout (the NUL then "HTTP/"), while meson accepted
 * 0.9.71 on. A URI whose NUL ends readable memory must not fault.
 */
Test(route, uri_callback_reads_nothing_past_the_nul, .timeout = 10)
{
	static const char *const uris[] = { "/", "/a.html", "/a?x=1",
		"/a.html#top", "/x%00.html", "/a?q=%00" };

	for (size_t i = 0; i < sizeof uris / sizeof *uris; i++) {
		void *map;
		size_t len;
		const char *uri = uri_at_page_end(uris[i], &map, &len);
		void *req = route_uri(NULL, uri, NULL);

		cr_expect_not_null(req, "%s", uris[i]);
		/* route_completed() frees it; it needs a real connection */
		free(req);
		munmap(map, len);
	}
}
