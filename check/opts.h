/*
 * opts.h - the command line of tend-crawl, the program `tend check` runs
 * once it has built the site and serves it:
 *
 *	tend-crawl [--json] [--external] [--junit FILE] [--json-log]
 *	           [-q | -v] [--parent PID] [--check-external
 *	           [--external-strict] [--external-timeout SEC] [--cache FILE]
 *	           [--cache-max-age DURATION]] [--base PATH] [--src DIR
 *	           [--links FILE]] [--format text|github] [--codequality FILE]
 *	           [--skip REGEX]... [--repo DIR] [--changed FILES] URL ROOT
 *	tend-crawl --build-failed ERROR [--build-log LOG] [--json]
 *	           [--junit FILE] [--json-log] [-q | -v] [--parent PID]
 *
 * URL is where the site is served ("http://127.0.0.1:PORT/"), ROOT the
 * folder served there. --src names the site's sources (SRC) and --links
 * the built-in builder's link map (site/linkmap.h): a broken link is then
 * reported with the source line that wrote it (srcpos.h). --json, --external, --junit and the external-link
 * options (external.h) are `tend check`'s options of the same name;
 * --json-log, -q and -v set the log (log.h) as tend's do. With --parent, tend-crawl exits as soon as that process is
 * gone (the death signal of main.c), so a SIGKILLed tend never leaves it
 * running. The second form crawls nothing: the build failed (ERROR, one
 * line, and LOG, its output), and the reports say so (run.h). tend-crawl
 * is not meant to be run by hand, but can be, on any site served over
 * http. The options are core/crawlopts.h's table, the one
 * tend writes this command line with (builder/checkrun.c).
 * --format, --codequality and --skip are tend check's (--format json is
 * --json); --src is SRC, whose ignore file (skiplist.h) is read and whose
 * sources' paths (result.h) are relative to it; --repo is where
 * annotations' paths start (the git work tree, else the current folder);
 * --changed is the output files of the sources changed since a revision,
 * one per line (changed.h).
 *
 * check_opts_parse() only reads argv: it does not touch the file system.
 * Strings in struct check_opts point into argv.
 */
#ifndef TEND_OPTS_H
#define TEND_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "crawlopts.h"
#include "log.h"

struct check_opts {
	const char *url;	/* points into argv: the served site */
	const char *root;	/* points into argv: the folder served */
	const char *junit;	/* points into argv: --junit FILE, or NULL */
	const char *build_failed;	/* points into argv: --build-failed
					 * ERROR, or NULL */
	const char *build_log;	/* points into argv: --build-log, or NULL */
	bool json;		/* --json: the results as JSON */
	bool list_external;	/* --external: list every external link */
	bool json_log;		/* --json-log: log.h's JSON lines */
	enum log_level verbosity;
	pid_t parent;		/* --parent: exit when it is gone; 0: none */
	bool check_external;	/* --check-external: fetch them (external.h) */
	bool external_strict;	/* --external-strict: a network failure of
				 * one fails the check */
	int external_timeout_s;	/* --external-timeout SEC */
	const char *cache;	/* points into argv: --cache FILE, or NULL */
	long cache_max_age_s;	/* --cache-max-age DURATION */
	const char *base;	/* points into argv: --base PATH (basepath.h),
				   or NULL */
	const char *src;	/* points into argv: --src, the site's
				 * sources, or NULL (srcpos.h) */
	const char *links;	/* points into argv: --links, the built-in
				 * builder's link map, or NULL */
	int format;		/* --format: crawlopts.h's enum crawl_format */
	const char *codequality;	/* --codequality FILE, or NULL */
	const char *skips[CRAWL_MAX_SKIPS];	/* --skip REGEX, in order */
	size_t nskips;
	const char *repo;	/* --repo DIR, or NULL: the current folder */
	const char *changed;	/* --changed FILES, or NULL: every page */
};

#define CHECK_OPTS_INIT { NULL, NULL, NULL, NULL, NULL, false, false, \
	false, LOG_NORMAL, 0, false, false, CRAWL_EXTERNAL_TIMEOUT_S, NULL, \
	CRAWL_CACHE_MAX_AGE_S, NULL, NULL, NULL, CRAWL_FORMAT_DEFAULT, NULL, \
	{ NULL }, 0, NULL, NULL }

/*
 * Parse argv into o (initialised with CHECK_OPTS_INIT): 0, or -1 with the
 * error in err (then, for a misuse, the usage on a second line).
 */
int check_opts_parse(int argc, char **argv, struct check_opts *o, char *err,
    size_t errlen);

#endif
