/* run.c - tend-crawl: crawl, report, and make sure the report got out */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annotate.h"
#include "crawl.h"
#include "crawlopts.h"
#include "extreport.h"
#include "log.h"
#include "report.h"
#include "reportfile.h"
#include "skiplist.h"
#include "srcpos.h"
#include "strlist.h"
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

/* The format to print in: --format, --json, else GITHUB_ACTIONS's. */
static int
format_of(const struct check_opts *o)
{
	const char *gha = getenv("GITHUB_ACTIONS");

	if (o->json)
		return CRAWL_FORMAT_JSON;
	if (o->format != CRAWL_FORMAT_DEFAULT)
		return o->format;
	return gha && strcmp(gha, "true") == 0 ? CRAWL_FORMAT_GITHUB
					       : CRAWL_FORMAT_TEXT;
}

/* The Code Quality file when the build failed: one issue, at SRC. */
static void
cq_build_failed(FILE *f, const void *arg)
{
	const struct check_opts *o = arg;
	char *src = o->src ? annotate_relative(o->repo, o->src) : NULL;
	char hex[33];

	annotate_fingerprint("build failed", hex);
	fputs("[\n{\"description\":", f);
	report_put_json(f, o->build_failed);
	fprintf(f, ",\"check_name\":\"build-failed\",\"fingerprint\":\"%s\","
	    "\"severity\":\"blocker\",\"location\":{\"path\":", hex);
	report_put_json(f, src && *src ? src : ".");
	fputs(",\"lines\":{\"begin\":1}}}\n]\n", f);
	free(src);
}

/* The build failed: the reports say so, and nothing is crawled. */
static int
run_build_failed(const struct check_opts *o)
{
	if (format_of(o) == CRAWL_FORMAT_GITHUB) {
		fputs("::error title=build failed::", stdout);
		annotate_escape(stdout, o->build_failed, false);
		fputc('\n', stdout);
		if (flush_stdout() < 0)
			log_err("cannot write the report");
	}
	if (o->codequality && reportfile_write(o->codequality,
	    cq_build_failed, o) < 0)
		log_err("cannot write '%s'", o->codequality);
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

/* The ignore rules: --skip, then SRC's ignore file. 0, or -1 (said). */
static int
load_skips(const struct check_opts *o, struct skiplist *sl)
{
	char err[512], *path;
	int rc = 0;

	for (size_t i = 0; i < o->nskips; i++) {
		if (skiplist_add(sl, o->skips[i], err, sizeof err) < 0) {
			log_errx("%s", err);
			return -1;
		}
	}
	if (!o->src)
		return 0;
	path = xasprintf("%s/%s", o->src, SKIPLIST_FILE);
	if (skiplist_load(sl, path, err, sizeof err) < 0) {
		log_errx("%s", err);
		rc = -1;
	}
	free(path);
	return rc;
}

/* --changed's lines into l. */
static void
split_changed(const char *s, struct strlist *l)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		char *line = xstrndup(s, n);

		if (n)
			strlist_add_unique(l, line);
		free(line);
		s += n + (s[n] == '\n');
	}
}

/* The annotations and the Code Quality file; the status so far, or 1. */
static int
annotate(const struct check_opts *o, const struct result *r, int status)
{
	struct annotate_where w = ANNOTATE_WHERE_INIT;

	annotate_where_init(&w, o->repo, o->src, o->root);
	if (format_of(o) == CRAWL_FORMAT_GITHUB)
		annotate_github(stdout, r, &w);
	if (o->codequality && annotate_codequality(o->codequality, r,
	    &w) < 0) {
		log_err("cannot write '%s'", o->codequality);
		status = 1;
	}
	annotate_where_release(&w);
	return status;
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
	struct skiplist skip = SKIPLIST_INIT;
	struct strlist changed = STRLIST_INIT;
	struct result *r;
	size_t n = strlen(o->url);
	char *base = xstrndup(o->url, n && o->url[n - 1] == '/' ? n - 1 : n);
	unsigned flags = (o->list_external ? REPORT_EXTERNAL : 0) |
			 (o->verbosity == LOG_VERBOSE ? REPORT_ALL : 0) |
			 (isatty(STDOUT_FILENO) && !getenv("NO_COLOR")
			      ? REPORT_COLOR : 0);
	struct extreport *ext = NULL;
	int annotated;
	int status;

	if (load_skips(o, &skip) < 0) {
		skiplist_release(&skip);
		free(base);
		return 2;
	}
	if (o->changed) {
		split_changed(o->changed, &changed);
		cc.changed = &changed;
	}
	cc.base_url = base;
	cc.root = o->root;
	cc.base_path = o->base;
	cc.skip = &skip;
	status = crawl_run(&cc, &r);
	skiplist_release(&skip);
	strlist_clear(&changed);
	if (status < 0) {
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
	annotated = annotate(o, r, 0);
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
	if (annotated)
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
