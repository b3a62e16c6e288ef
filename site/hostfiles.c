/* hostfiles.c - _redirects and _headers: published as they are */
#include "hostfiles.h"

#include <string.h>
#include "banned.h"

bool
hostfiles_is(const char *rel)
{
	return !strcmp(rel, "_redirects") || !strcmp(rel, "_headers");
}
