/* checkrun.c - crawl the served build and report for tend check */
#include "checkrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crawl.h"
#include "log.h"
#include "report.h"

int
checkrun(const char *url, const char *root, const struct tend_opts *o,
    bool (*should_stop)(void *arg), void *arg)
{
	struct crawl_config cc = CRAWL_CONFIG_INIT;
	struct result *r;
	char base[128];
	unsigned flags = (o->list_external ? REPORT_EXTERNAL : 0) |
			 (isatty(STDOUT_FILENO) && !getenv("NO_COLOR")
			      ? REPORT_COLOR : 0);
	int status;

	snprintf(base, sizeof base, "%.*s", (int)strlen(url) - 1, url);
	cc.base_url = base;
	cc.root = root;
	cc.should_stop = should_stop;
	cc.stop_arg = arg;
	if (crawl_run(&cc, &r) < 0) {
		log_err("cannot check %s", base);
		return 1;
	}
	if (r->interrupted) {
		result_free(r);
		return -1;
	}
	if (o->json)
		report_json(stdout, r);
	else
		report_text(stdout, r, flags);
	fflush(stdout);
	status = r->nfailures || r->truncated ? 1 : 0;
	if (o->junit && report_junit(o->junit, r) < 0) {
		log_err("cannot write '%s'", o->junit);
		status = 1;
	}
	result_free(r);
	return status;
}
