/*
 * crawlopts.h - the options `tend check` forwards to tend-crawl: one table
 * for both ends of that command line. builder/checkrun.c writes tend-crawl's
 * argv from tend's options with it; check/opts.c reads that argv with it
 * (getopt_long). It lives in core/ because that is the one folder both
 * builder/ and check/ may include (tests/layout.sh).
 *
 *	tend-crawl [--json] [--external] [--junit FILE] [--json-log]
 *	           [-q | -v] [--parent PID] [--base PATH] [--check-external
 *	           [--external-strict] [--external-timeout SEC] [--cache FILE]
 *	           [--cache-max-age DURATION]] [--src DIR
 *	           [--links FILE]] [--format FMT] [--codequality FILE]
 *	           [--skip REGEX]... [--repo DIR] [--changed FILES] [--] URL ROOT
 *	tend-crawl --build-failed ERROR [--build-log LOG] [--json]
 *	           [--junit FILE] [--json-log] [-q | -v] [--parent PID]
 *
 * An option added here is known to both programs at once;
 * tests/unit/builder/test_checkrun.c checks that every option tend sets
 * arrives in tend-crawl as it was meant.
 */
#ifndef TEND_CRAWLOPTS_H
#define TEND_CRAWLOPTS_H

#include <stddef.h>

enum crawl_opt {
	CRAWL_OPT_QUIET = 'q',
	CRAWL_OPT_VERBOSE = 'v',
	CRAWL_OPT_JSON = 256,
	CRAWL_OPT_EXTERNAL,
	CRAWL_OPT_JUNIT,
	CRAWL_OPT_JSON_LOG,
	CRAWL_OPT_PARENT,
	CRAWL_OPT_BUILD_FAILED,
	CRAWL_OPT_BUILD_LOG,
	CRAWL_OPT_CHECK_EXTERNAL,
	CRAWL_OPT_EXTERNAL_STRICT,
	CRAWL_OPT_EXTERNAL_TIMEOUT,
	CRAWL_OPT_CACHE,
	CRAWL_OPT_CACHE_MAX_AGE,
	CRAWL_OPT_BASE,
	CRAWL_OPT_SRC,
	CRAWL_OPT_LINKS,
	CRAWL_OPT_FORMAT,	/* text or github (json: --json) */
	CRAWL_OPT_CODEQUALITY,	/* GitLab's Code Quality report, to FILE */
	CRAWL_OPT_SKIP,		/* an ignore rule (skiplist.h), repeatable */
	CRAWL_OPT_REPO,		/* the folder annotations' paths start at */
	CRAWL_OPT_CHANGED,	/* --changed-since's output files, one per
				 * line (changed.h) */
};

/* How the results are printed (--format; --json is CRAWL_FORMAT_JSON). */
enum crawl_format {
	CRAWL_FORMAT_DEFAULT,	/* text, or github when GITHUB_ACTIONS=true */
	CRAWL_FORMAT_TEXT,
	CRAWL_FORMAT_JSON,
	CRAWL_FORMAT_GITHUB,	/* workflow commands, then the text */
};

/* The format named s ("text", "json", "github"), or -1. */
int crawl_format_parse(const char *s);

/* --skip rules that tend passes on, at most. */
#define CRAWL_MAX_SKIPS 64

struct crawl_opt_spec {
	enum crawl_opt id;	/* getopt_long's return value for it */
	const char *name;	/* the long name, without "--" */
	const char *flag;	/* what tend writes: "--json", "-q", ... */
	const char *arg;	/* its argument's name ("FILE"), or NULL */
};

#define CRAWL_NOPTS 22
extern const struct crawl_opt_spec crawl_opts[CRAWL_NOPTS];

/* getopt_long's short options: stop at the first operand, -q and -v. */
#define CRAWL_SHORT_OPTS "+qv"

#define CRAWL_USAGE "usage: tend-crawl [--json] [--external] [--junit FILE] " \
	"[--json-log] [-q|-v] [--parent PID] [--base PATH]\n" \
	"           [--check-external [--external-strict] " \
	"[--external-timeout SEC]\n" \
	"           [--cache FILE] [--cache-max-age DURATION]] " \
	"[--src DIR [--links FILE]]\n" \
	"           [--format FMT] [--codequality FILE] [--skip REGEX]... " \
	"[--repo DIR]\n           [--changed FILES] URL ROOT\n" \
	"       tend-crawl --build-failed ERROR [--build-log LOG] [--json] " \
	"[--junit FILE] ..."

/*
 * `tend check`'s exit status when the build failed (the reports then say
 * so); 1 is for broken links, 2 for bad usage.
 */
#define CRAWL_EXIT_BUILD_FAILED 3

/*
 * The most argv entries tend-crawl is given: the program, every option with
 * its argument (--skip up to CRAWL_MAX_SKIPS times more), "--", URL, ROOT
 * and the closing NULL.
 */
#define CRAWL_ARGV_MAX (1 + 2 * CRAWL_NOPTS + 2 * CRAWL_MAX_SKIPS + 3 + 1)

/* The table's flag for id ("--junit"); BUG() for an id not in it. */
const char *crawl_opt_flag(enum crawl_opt id);

/*
 * --check-external's bounds, for both ends: --external-timeout SEC is a
 * whole number of seconds from 1 to CRAWL_EXTERNAL_TIMEOUT_MAX (default
 * CRAWL_EXTERNAL_TIMEOUT_S); --cache-max-age DURATION is a whole number
 * followed by s, m, h, d or w (no unit: seconds), at most
 * CRAWL_CACHE_MAX_AGE_MAX seconds (default CRAWL_CACHE_MAX_AGE_S, a day).
 */
#define CRAWL_EXTERNAL_TIMEOUT_S 10
#define CRAWL_EXTERNAL_TIMEOUT_MAX 120
#define CRAWL_CACHE_MAX_AGE_S (24L * 3600)
#define CRAWL_CACHE_MAX_AGE_MAX (366L * 24 * 3600)

/* Parse --external-timeout's SEC into *secs: 0, or -1 if it is not one. */
int crawl_parse_timeout(const char *s, int *secs);

/* Parse --cache-max-age's DURATION ("1d", "12h", "90m", "0") into *secs:
 * 0, or -1 if it is not one. */
int crawl_parse_duration(const char *s, long *secs);

#endif
