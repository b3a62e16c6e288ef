/* pagematch.c - URL path of an open page vs a changed output file */
#include "pagematch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "banned.h"

/* %-decode src into dst (cap bytes); false if it does not fit. */
static bool
decode(const char *src, char *dst, size_t cap)
{
	size_t n = 0;

	for (const char *p = src; *p; p++) {
		char c = *p;

		if (c == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			char hex[3] = { p[1], p[2], 0 };

			c = (char)strtol(hex, NULL, 16);
			p += 2;
		}
		if (n + 1 >= cap)
			return false;
		dst[n++] = c;
	}
	dst[n] = '\0';
	return true;
}

/* Is s equal to prefix followed by exactly suffix? */
static bool
is(const char *s, const char *prefix, size_t plen, const char *suffix)
{
	return !strncmp(s, prefix, plen) && !strcmp(s + plen, suffix);
}

bool
pagematch(const char *page, const char *changed)
{
	char url[RESOLVE_PATH_MAX], rel[RESOLVE_PATH_MAX];
	size_t n;

	if (!decode(page, url, sizeof url) ||
	    resolve_url(url, rel, sizeof rel) != 0)
		return false;
	n = strlen(rel);
	if (n == 0 || url[strlen(url) - 1] == '/')	/* a folder's index */
		return is(changed, rel, n, n ? "/index.html" : "index.html");
	return is(changed, rel, n, "") || is(changed, rel, n, ".html") ||
	       is(changed, rel, n, "/index.html");
}
