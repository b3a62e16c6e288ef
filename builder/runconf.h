/*
 * runconf.h - one run of tend as main.c resolved it from the command line:
 * struct loop_config, read by loop.c and build.c. A header of its own so
 * that build.h need not include loop.h.
 */
#ifndef TEND_RUNCONF_H
#define TEND_RUNCONF_H

#include <stdbool.h>

#include "cli.h"

struct loop_config {
	const struct tend_opts *opts;
	const char *src;	/* absolute */
	const char *out;	/* absolute */
	bool once;		/* tend build: one build, no server, no watcher */
	bool check;		/* tend check: once, served on 127.0.0.1:0 and
				   crawled (crawl.h), no watcher */
	const char *server_exe;	/* tend-serve (libexec.h); unused by once */
	const char *scratch;	/* removed with all it holds before tend
				   exits, also by a signal (tend check's
				   temporary output), or NULL */
	const char *cache;	/* the same for the generator's caches when
				   SRC is read-only (preset.h), or NULL */
	const char *cert, *key;	/* --https: the PEM pair tend-serve uses
				   (https.h), absolute; NULL: plain HTTP */
	/* serve: the paths outside SRC that start builds too, or NULL */
	const struct watchpaths *watch;
	size_t user_ignores;	/* opts->ignores given by the user (the rest
				   are the generator's, for SRC only) */
};

#endif
