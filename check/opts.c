/* opts.c - tend-crawl's command line */
#include "opts.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "banned.h"

enum {
	OPT_JSON = 256,
	OPT_EXTERNAL,
	OPT_JUNIT,
	OPT_JSON_LOG,
	OPT_PARENT,
};

static const struct option long_opts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "external", no_argument, NULL, OPT_EXTERNAL },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "json-log", no_argument, NULL, OPT_JSON_LOG },
	{ "parent", required_argument, NULL, OPT_PARENT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

#define USAGE "usage: tend-crawl [--json] [--external] [--junit FILE] " \
	"[--json-log] [-q|-v] [--parent PID] URL ROOT"

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

int
check_opts_parse(int argc, char **argv, struct check_opts *o, char *err,
    size_t errlen)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+qv", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: o->json = true; break;
		case OPT_EXTERNAL: o->list_external = true; break;
		case OPT_JUNIT: o->junit = optarg; break;
		case OPT_JSON_LOG: o->json_log = true; break;
		case 'q': o->verbosity = LOG_QUIET; break;
		case 'v': o->verbosity = LOG_VERBOSE; break;
		case OPT_PARENT:
			if (parse_pid(optarg, &o->parent) == 0)
				break;
			snprintf(err, errlen, "--parent needs a process id, "
			    "not '%s'", optarg);
			return -1;
		default:
			snprintf(err, errlen, "unknown option '%s'\n" USAGE,
			    argv[optind - 1]);
			return -1;
		}
	}
	if (argc - optind != 2) {
		snprintf(err, errlen, "%s\n" USAGE, argc - optind < 2
		    ? "URL and ROOT are needed" : "too many arguments");
		return -1;
	}
	o->url = argv[optind];
	o->root = argv[optind + 1];
	return 0;
}
