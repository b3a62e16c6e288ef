/* opts.c - tend-crawl's command line */
#include "opts.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basepath.h"
#include "crawlopts.h"
#include "banned.h"

/* getopt_long's table, from the one tend writes with (crawlopts.h). */
static void
long_opts(struct option *lo)
{
	for (size_t i = 0; i < CRAWL_NOPTS; i++)
		lo[i] = (struct option){ crawl_opts[i].name,
			crawl_opts[i].arg ? required_argument : no_argument,
			NULL, (int)crawl_opts[i].id };
	lo[CRAWL_NOPTS] = (struct option){ NULL, 0, NULL, 0 };
}

/* A pid: a whole number, 1 to INT_MAX. */
static int
parse_pid(const char *s, pid_t *pid)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > INT_MAX)
		return -1;
	*pid = (pid_t)v;
	return 0;
}

/* Is s a base path in its one form (basepath.h)? */
static bool
base_ok(const char *s)
{
	char err[8], *norm = basepath_normalise(s, err, sizeof err);
	bool ok = norm && !strcmp(norm, s);

	free(norm);
	return ok;
}

int
check_opts_parse(int argc, char **argv, struct check_opts *o, char *err,
    size_t errlen)
{
	struct option lo[CRAWL_NOPTS + 1];
	int c;

	long_opts(lo);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, CRAWL_SHORT_OPTS, lo, NULL)) != -1) {
		switch (c) {
		case CRAWL_OPT_JSON: o->json = true; break;
		case CRAWL_OPT_EXTERNAL: o->list_external = true; break;
		case CRAWL_OPT_JUNIT: o->junit = optarg; break;
		case CRAWL_OPT_BUILD_FAILED: o->build_failed = optarg; break;
		case CRAWL_OPT_BUILD_LOG: o->build_log = optarg; break;
		case CRAWL_OPT_SRC: o->src = optarg; break;
		case CRAWL_OPT_LINKS: o->links = optarg; break;
		case CRAWL_OPT_JSON_LOG: o->json_log = true; break;
		case CRAWL_OPT_QUIET: o->verbosity = LOG_QUIET; break;
		case CRAWL_OPT_VERBOSE: o->verbosity = LOG_VERBOSE; break;
		case CRAWL_OPT_BASE:
			if (base_ok(optarg)) {
				o->base = optarg;
				break;
			}
			snprintf(err, errlen, "bad --base '%s'", optarg);
			return -1;
		case CRAWL_OPT_CHECK_EXTERNAL: o->check_external = true; break;
		case CRAWL_OPT_EXTERNAL_STRICT: o->external_strict = true; break;
		case CRAWL_OPT_CACHE: o->cache = optarg; break;
		case CRAWL_OPT_EXTERNAL_TIMEOUT:
			if (crawl_parse_timeout(optarg,
			    &o->external_timeout_s) == 0)
				break;
			snprintf(err, errlen, "invalid --external-timeout '%s' "
			    "(expected 1 to %d s)", optarg,
			    CRAWL_EXTERNAL_TIMEOUT_MAX);
			return -1;
		case CRAWL_OPT_CACHE_MAX_AGE:
			if (crawl_parse_duration(optarg,
			    &o->cache_max_age_s) == 0)
				break;
			snprintf(err, errlen, "invalid --cache-max-age '%s' "
			    "(expected a duration: 30m, 12h, 1d...)", optarg);
			return -1;
		case CRAWL_OPT_FORMAT:
			o->format = crawl_format_parse(optarg);
			if (o->format == CRAWL_FORMAT_JSON)
				o->json = true;
			if (o->format >= 0)
				break;
			snprintf(err, errlen, "unknown --format '%s' (expected "
			    "text, json or github)", optarg);
			return -1;
		case CRAWL_OPT_CODEQUALITY: o->codequality = optarg; break;
		case CRAWL_OPT_SKIP:
			if (o->nskips < CRAWL_MAX_SKIPS) {
				o->skips[o->nskips++] = optarg;
				break;
			}
			snprintf(err, errlen, "too many --skip patterns (at "
			    "most %d)", CRAWL_MAX_SKIPS);
			return -1;
		case CRAWL_OPT_REPO: o->repo = optarg; break;
		case CRAWL_OPT_CHANGED: o->changed = optarg; break;
		case CRAWL_OPT_PARENT:
			if (parse_pid(optarg, &o->parent) == 0)
				break;
			snprintf(err, errlen, "--parent needs a process id, "
			    "not '%s'", optarg);
			return -1;
		default:
			snprintf(err, errlen, "unknown option '%s'\n" CRAWL_USAGE,
			    argv[optind - 1]);
			return -1;
		}
	}
	if (o->build_failed && argc == optind)
		return 0;	/* nothing to crawl */
	if (argc - optind != 2) {
		snprintf(err, errlen, "%s\n" CRAWL_USAGE, argc - optind < 2
		    ? "URL and ROOT are needed" : "too many arguments");
		return -1;
	}
	o->url = argv[optind];
	o->root = argv[optind + 1];
	return 0;
}
