/* bookalias.c - title-page.html, sending to the home page it became */
#include "bookalias.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "delta.h"
#include "docs.h"
#include "navtree.h"
#include "outnames.h"
#include "page.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

static const char html[] =
"<!doctype html>\n"
"<html lang=\"en\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<title>Redirecting to the home page</title>\n"
"<link rel=\"canonical\" href=\"index.html\">\n"
"<meta http-equiv=\"refresh\" content=\"0; url=index.html\">\n"
"<script>location.replace('index.html'+location.hash)</script>\n"
"</head>\n"
"<body>\n"
"<p>This chapter is the <a href=\"index.html\">home page</a> now.</p>\n"
"</body>\n"
"</html>\n";

/* The name the book's first chapter src would have had ("title-page.html"),
 * or NULL if src is an index page's (index.md, README.md: any case) or
 * the generated home page. A new string. */
static char *
alias_of(const char *src)
{
	size_t stem;

	if (!src || strchr(src, '/') || !strcmp(src, NAVTREE_HOME))
		return NULL;
	stem = strlen(src) - page_markdown_ext(src, strlen(src));
	if ((stem == 5 && !strncasecmp(src, "index", 5)) ||
	    (stem == 6 && !strncasecmp(src, "readme", 6)))
		return NULL;
	return xasprintf("%.*s.html", (int)stem, src);
}

int
bookalias_stage(struct docs *docs, struct delta *out, struct outnames *names,
    int dstfd, int livefd)
{
	char *name = alias_of(docs_home_source(docs)), num[32];
	int code = 0;

	if (!name || strmap_get(&names->by_name, name)) {
		free(name);
		return 0;
	}
	if (delta_stage_bytes(out, livefd, dstfd, name, name, html,
	    sizeof html - 1) < 0)
		code = errno;
	else	/* (the name was free: checked first) */
		outnames_claim(names, name, name, num, sizeof num);
	free(name);
	errno = code;
	return code ? -1 : 0;
}
