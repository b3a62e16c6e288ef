/*
 * outnames.h - the output names one folder of a build makes, and which
 * source makes each: two sources that make one name (a.md and a.html;
 * README.md and a static index.html; a.md and a.markdown) are an error
 * that names both, whichever of them the walk meets first.
 */
#ifndef TEND_OUTNAMES_H
#define TEND_OUTNAMES_H

#include <stddef.h>

#include "strlist.h"
#include "strmap.h"

struct outnames {
	struct strlist names;	/* the output names, in walk order */
	struct strlist srcs;	/* the source name of each */
	struct strmap by_name;	/* name -> its source (borrowed) */
};

#define OUTNAMES_INIT { STRLIST_INIT, STRLIST_INIT, STRMAP_INIT }

/*
 * The source at rel (below SRC; its last segment is its name in the
 * folder) makes the output name. 0; or -1 if another source of the folder
 * made it already, with "'dir/a.md' and 'dir/a.html' both make
 * 'dir/a.html'" in err.
 */
int outnames_claim(struct outnames *o, const char *rel, const char *name,
    char *err, size_t errlen);

void outnames_clear(struct outnames *o);

#endif
