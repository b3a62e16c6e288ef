/* outnames.c - one folder's output names and their sources */
#include "outnames.h"

#include <stdio.h>
#include <string.h>
#include "banned.h"

int
outnames_claim(struct outnames *o, const char *rel, const char *name,
    char *err, size_t errlen)
{
	const char *src = strrchr(rel, '/'), *was;
	int dir;

	src = src ? src + 1 : rel;
	dir = (int)(src - rel);	/* "sub/" of "sub/a.md" */
	strlist_add(&o->names, name);
	strlist_add(&o->srcs, src);
	was = strmap_put(&o->by_name, o->names.items[o->names.len - 1],
	    (void *)o->srcs.items[o->srcs.len - 1]);
	if (!was || !strcmp(was, src))
		return 0;
	snprintf(err, errlen, "'%.*s%s' and '%.*s%s' both make '%.*s%s': "
	    "rename or remove one", dir, rel, was, dir, rel, src, dir, rel,
	    name);
	return -1;
}

void
outnames_clear(struct outnames *o)
{
	strlist_clear(&o->names);
	strlist_clear(&o->srcs);
	strmap_clear(&o->by_name);
}
