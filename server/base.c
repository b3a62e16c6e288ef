/* base.c - a base path to serve the site under, and the --spa fallback */
#include "base.h"

#include <stdlib.h>
#include <string.h>

#include "basepath.h"
#include "buf.h"
#include "respond.h"
#include "banned.h"

enum base_where
base_where(const char *base, const char *url, const char **inner)
{
	size_t n;

	*inner = basepath_strip(base, url);
	if (*inner)
		return BASE_INSIDE;
	n = strlen(base) - 1;	/* without its final '/' */
	if (!strcmp(url, "/") || (!strncmp(url, base, n) && !url[n]))
		return BASE_REDIRECT;
	return BASE_OUTSIDE;
}

enum MHD_Result
base_redirect(struct MHD_Connection *c, const char *base)
{
	static const char body[] = "Found\n";
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
	struct buf loc = BUF_INIT;
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	buf_adds(&loc, base);	/* needs no encoding (basepath.h) */
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND,
	    respond_add_query_arg, &loc);
	MHD_add_response_header(r, "Location", loc.p);
	MHD_add_response_header(r, "Content-Type",
	    "text/plain; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	free(loc.p);
	ret = MHD_queue_response(c, MHD_HTTP_FOUND, r);
	MHD_destroy_response(r);
	return ret;
}

bool
base_spa_wants(const char *inner)
{
	const char *last = strrchr(inner, '/');

	return !strchr(last ? last + 1 : inner, '.');
}
