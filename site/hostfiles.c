/* hostfiles.c - _redirects, _headers and the theme's extra files */
#include "hostfiles.h"

#include <string.h>
#include "banned.h"

bool
hostfiles_is(const char *rel)
{
	return !strcmp(rel, "_redirects") || !strcmp(rel, "_headers") ||
	    !strcmp(rel, "_extra.css") || !strcmp(rel, "_extra.js");
}
