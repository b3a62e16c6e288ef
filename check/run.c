/* run.c - tend-crawl: crawl, report, and make sure the report got out */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crawl.h"
#include "crawlopts.h"
#include "extreport.h"
#include "log.h"
#include "report.h"
#include "srcpos.h"
#include "xalloc.h"
#include "banned.h"

/* Flush stdout; 0, or -1 with errno if anything written to it was lost. */
static int
flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	if (!errno)
		errno = EIO;
	return -1;
}

/* The build failed: the reports say so, and nothing is crawled. */
static int
run_build_failed(const struct check_opts *o)
{
	if (o->json) {
		report_json_build_failed(stdout, o->build_failed,
		    o->build_log);
		if (flush_stdout() < 0)
			log_err("cannot write the report");
	}
	if (o->junit && report_junit_build_failed(o->junit, o->build_failed,
	    o->build_log) < 0)
		log_err("cannot write '%s'", o->junit);
	return CRAWL_EXIT_BUILD_FAILED;
}

/* --check-external: fetch the external links r found; NULL if it could
 * not be done (said). */
static struct extreport *
check_external(const struct check_opts *o, struct result *r)
{
	struct ext_config cfg = EXT_CONFIG_INIT;
	struct strlist notes = STRLIST_INIT;
	struct extreport *e;

	cfg.timeout_ms = o->external_timeout_s * 1000;
	cfg.cache = o->cache;
	cfg.max_age_s = o->cache_max_age_s;
	e = extreport_check(r, &cfg, &notes);
	for (size_t i = 0; i < notes.len; i++)
		log_warnx("%s", notes.items[i]);
	strlist_clear(&notes);
	if (!e)
		log_err("cannot check the external links");
	return e;
}

/* Crawl the site and report. */
static int
run_crawl(const struct check_opts *o)
{
	struct crawl_config cc = CRAWL_CONFIG_INIT;
	struct result *r;
	size_t n = strlen(o->url);
	char *base = xstrndup(o->url, n && o->url[n - 1] == '/' ? n - 1 : n);
	unsigned flags = (o->list_external ? REPORT_EXTERNAL : 0) |
			 (o->verbosity == LOG_VERBOSE ? REPORT_ALL : 0) |
			 (isatty(STDOUT_FILENO) && !getenv("NO_COLOR")
			      ? REPORT_COLOR : 0);
	struct extreport *ext = NULL;
	int status;

	cc.base_url = base;
	cc.root = o->root;
	cc.base_path = o->base;
	if (crawl_run(&cc, &r) < 0) {
		log_err("cannot check %s", base);
		free(base);
		return 1;
	}
	free(base);
	if (r->nfailures && (o->src || o->links))
		srcpos_fill(r, o->src, o->links, o->root);
	for (size_t i = 0; i < r->warnings.len; i++)
		log_warnx("%s", r->warnings.items[i]);
	if (o->check_external && !(ext = check_external(o, r))) {
		result_free(r);
		return 1;
	}
	if (o->json)
		ext ? report_json_open(stdout, r) : report_json(stdout, r);
	else
		report_text(stdout, r, flags |
		    (ext ? REPORT_EXTERNAL_CHECKED : 0));
	if (ext && o->json) {
		extreport_json(stdout, ext);
		fputs("}\n", stdout);
	} else if (ext) {
		extreport_text(stdout, ext);
	}
	status = r->nfailures || r->truncated ? 1 : 0;
	if (ext && o->external_strict && extreport_warnings(ext))
		status = 1;
	if (flush_stdout() < 0) {
		log_err("cannot write the report");
		status = 1;
	}
	if (o->junit && report_junit(o->junit, r) < 0) {
		log_err("cannot write '%s'", o->junit);
		status = 1;
	}
	extreport_free(ext);
	result_free(r);
	return status;
}

int
run_check(const struct check_opts *o)
{
	return o->build_failed ? run_build_failed(o) : run_crawl(o);
}
