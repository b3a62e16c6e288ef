/* crawlopts.c - the options tend forwards to tend-crawl */
#include "crawlopts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bug.h"
#include "banned.h"

const struct crawl_opt_spec crawl_opts[CRAWL_NOPTS] = {
	{ CRAWL_OPT_JSON, "json", "--json", NULL },
	{ CRAWL_OPT_EXTERNAL, "external", "--external", NULL },
	{ CRAWL_OPT_JUNIT, "junit", "--junit", "FILE" },
	{ CRAWL_OPT_JSON_LOG, "json-log", "--json-log", NULL },
	{ CRAWL_OPT_QUIET, "quiet", "-q", NULL },
	{ CRAWL_OPT_VERBOSE, "verbose", "-v", NULL },
	{ CRAWL_OPT_PARENT, "parent", "--parent", "PID" },
	{ CRAWL_OPT_BUILD_FAILED, "build-failed", "--build-failed", "ERROR" },
	{ CRAWL_OPT_BUILD_LOG, "build-log", "--build-log", "LOG" },
	{ CRAWL_OPT_CHECK_EXTERNAL, "check-external", "--check-external",
	    NULL },
	{ CRAWL_OPT_EXTERNAL_STRICT, "external-strict", "--external-strict",
	    NULL },
	{ CRAWL_OPT_EXTERNAL_TIMEOUT, "external-timeout",
	    "--external-timeout", "SEC" },
	{ CRAWL_OPT_CACHE, "cache", "--cache", "FILE" },
	{ CRAWL_OPT_CACHE_MAX_AGE, "cache-max-age", "--cache-max-age",
	    "DURATION" },
	{ CRAWL_OPT_BASE, "base", "--base", "PATH" },
	{ CRAWL_OPT_SRC, "src", "--src", "DIR" },
	{ CRAWL_OPT_LINKS, "links", "--links", "FILE" },
	{ CRAWL_OPT_FORMAT, "format", "--format", "FMT" },
	{ CRAWL_OPT_CODEQUALITY, "codequality", "--codequality", "FILE" },
	{ CRAWL_OPT_SKIP, "skip", "--skip", "REGEX" },
	{ CRAWL_OPT_REPO, "repo", "--repo", "DIR" },
	{ CRAWL_OPT_CHANGED, "changed", "--changed", "FILES" },
};

int
crawl_format_parse(const char *s)
{
	static const char *const names[] = { "text", "json", "github" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i]) == 0)
			return CRAWL_FORMAT_TEXT + (int)i;
	return -1;
}

const char *
crawl_opt_flag(enum crawl_opt id)
{
	for (size_t i = 0; i < CRAWL_NOPTS; i++)
		if (crawl_opts[i].id == id)
			return crawl_opts[i].flag;
	BUG("crawl option %d is not in the table", (int)id);
}

int
crawl_parse_timeout(const char *s, int *secs)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || *s == '+' || v < 1 ||
	    v > CRAWL_EXTERNAL_TIMEOUT_MAX)
		return -1;
	*secs = (int)v;
	return 0;
}

int
crawl_parse_duration(const char *s, long *secs)
{
	static const struct { char unit; long secs; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 'w', 7 * 86400 },
	};
	char *end;
	long v, mult = 0;

	if (*s < '0' || *s > '9')
		return -1;	/* no sign, no space */
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno)
		return -1;
	if (!*end)
		mult = 1;
	for (size_t i = 0; !mult && i < sizeof units / sizeof *units; i++)
		if (end[0] == units[i].unit && !end[1])
			mult = units[i].secs;
	if (!mult || v > CRAWL_CACHE_MAX_AGE_MAX / mult)
		return -1;
	*secs = v * mult;
	return 0;
}
