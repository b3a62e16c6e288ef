/* crawlopts.c - the options tend forwards to tend-crawl */
#include "crawlopts.h"

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
	{ CRAWL_OPT_SRC, "src", "--src", "DIR" },
	{ CRAWL_OPT_LINKS, "links", "--links", "FILE" },
};

const char *
crawl_opt_flag(enum crawl_opt id)
{
	for (size_t i = 0; i < CRAWL_NOPTS; i++)
		if (crawl_opts[i].id == id)
			return crawl_opts[i].flag;
	BUG("crawl option %d is not in the table", (int)id);
}
