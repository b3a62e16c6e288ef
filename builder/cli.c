/* cli.c - option parsing */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basepath.h"
#include "config.h"
#include "crawlopts.h"
#include "listen.h"
#include "pool.h"
#include "skiplist.h"
#include "banned.h"

const char cli_usage[] =
"usage: tend serve [SRC] [options]   build SRC, serve it, rebuild on change\n"
"       tend build [SRC] [options]   build SRC once and exit\n"
"       tend check [SRC] [options]   build once, serve, check every page and\n"
"                                    link; exit 0 if all are good, 1 if a\n"
"                                    link is broken, 3 if the build failed\n"
"\n"
"SRC is the source folder (default: the current folder).\n"
"\n"
"options:\n"
"  -o, --out DIR       output folder; a relative DIR is taken from SRC\n"
"                      (default: SRC/_site; SRC/.tend-site for a detected\n"
"                      generator; check: a temporary folder, removed at exit)\n"
"  -c, --cmd COMMAND   external build, run as /bin/sh -c COMMAND in SRC;\n"
"                      {out} in COMMAND: a staging folder, published to\n"
"                      --out atomically when the build succeeds\n"
"  -b, --builder NAME  builtin, or the generator to run: mkdocs, mdbook,\n"
"                      zola, hugo, jekyll, eleventy, sphinx (default: the\n"
"                      one whose config file SRC holds, else builtin)\n"
"  -p, --port N        port to serve on (default 8000, or the next free one;\n"
"                      a busy --port N is an error; 0 picks any free port)\n"
"      --host ADDR     address to bind (default 127.0.0.1)\n"
"  -j, --jobs N        built-in builder: render pages on N threads, 1 to 256\n"
"                      (default: one per online processor)\n"
"      --debounce MS   quiet time before a rebuild starts (default 10)\n"
"      --timeout SEC   stop a build that runs longer (default 600)\n"
"      --poll MS       poll for changes every MS ms instead of inotify\n"
"      --no-gitignore  do not honour .gitignore files (nor leave out\n"
"                      node_modules/, as they do by default)\n"
"      --follow-symlinks  built-in builder: publish what symlinks that leave\n"
"                      SRC point at (skipped with a warning by default)\n"
"      --ignore GLOB   do not watch nor publish paths matching GLOB (repeatable)\n"
"      --https         serve over TLS with a self-signed certificate for\n"
"                      localhost and the LAN addresses, made on first use\n"
"      --cert FILE     serve over TLS with this PEM certificate (with --key)\n"
"      --key FILE      the PEM private key of --cert\n"
"      --qr            print a QR code of the URL on the network (with\n"
"                      --host 0.0.0.0 or ::) for a phone to scan\n"
"      --watch PATH    serve: a change to this file or folder outside SRC\n"
"                      starts a build too (repeatable; the built-in builder\n"
"                      then rebuilds everything)\n"
"      --allow-host NAME  also accept requests for NAME in the Host header\n"
"                      (repeatable; localhost and IP addresses always are)\n"
"      --max-connections N  concurrent connections (default 512)\n"
"      --no-reload     do not add the live-reload script to pages\n"
"      --navigate      serve: when one page's source is saved, the open tabs\n"
"                      go to that page\n"
"      --json-log      also write JSON lines (listen, build, stop) to stdout\n"
"      --open          open the served URL in the default browser (serve)\n"
"      --drafts        build and check `draft: true` pages too (serve does)\n"
"      --strict        a build warning (unknown placeholder...) is an error\n"
"      --base PATH     serve the site under PATH (/repo/), as its host will;\n"
"                      check judges root-absolute links so (default: the\n"
"                      generator's site_url, baseURL or baseurl; not build)\n"
"      --spa[=FILE]    a path with no file and no extension gets index.html\n"
"                      (or FILE), status 200, as for a single-page app\n"
"                      (serve and check)\n";

/* The options of tend check and the rest (a string of its own: C
 * guarantees string literals of 4,095 bytes only). */
const char cli_usage_check[] =
"check:\n"
"      --junit FILE    also write a JUnit XML report (one test per page);\n"
"                      a relative FILE is taken from the current folder\n"
"      --json          print the results as JSON instead of text\n"
"      --external      list every external link (not fetched)\n"
"      --check-external  fetch every external http(s) link: 4xx is broken,\n"
"                      a network failure or 5xx a warning\n"
"      --external-strict  with --check-external, a warning fails the check\n"
"      --external-timeout SEC  one external request's limit (default 10)\n"
"      --cache FILE    keep the external links found good in FILE, and do\n"
"                      not fetch them again within --cache-max-age\n"
"      --cache-max-age DURATION  e.g. 30m, 12h, 1d (default 1d)\n"
"      --format FMT    text, json or github (default under GitHub Actions)\n"
"      --codequality FILE  also write a GitLab Code Quality report\n"
"      --skip REGEX    do not check links matching REGEX (repeatable)\n"
"      --changed-since REV  check only the pages changed since git REV\n"
"  -q, --quiet         print errors only\n"
"  -v, --verbose       print more detail\n"
"  -h, --help          show this help\n"
"  -V, --version       show the version\n"
"\n"
"Ctrl-C stops tend; a build in progress finishes first (Ctrl-C again aborts it).\n"
"exit status: 0 ok, 1 build failed (check: broken links), 2 bad usage,\n"
"3 check: the build failed (the reports say so), 130 stopped by Ctrl-C\n";

enum { OPT_HOST = 256, OPT_DEBOUNCE, OPT_TIMEOUT, OPT_IGNORE, OPT_JSON,
	OPT_ALLOW_HOST, OPT_MAX_CONN, OPT_NO_RELOAD, OPT_POLL, OPT_JUNIT,
	OPT_JSON_RESULTS, OPT_EXTERNAL, OPT_NO_GITIGNORE, OPT_OPEN,
	OPT_DRAFTS, OPT_STRICT, OPT_FOLLOW_SYMLINKS,
	OPT_CHECK_EXTERNAL, OPT_EXTERNAL_STRICT, OPT_EXTERNAL_TIMEOUT,
	OPT_CACHE, OPT_CACHE_MAX_AGE, OPT_BASE, OPT_SPA,
	OPT_HTTPS, OPT_CERT, OPT_KEY, OPT_QR, OPT_WATCH, OPT_NAVIGATE,
	OPT_FORMAT, OPT_CODEQUALITY, OPT_SKIP, OPT_CHANGED_SINCE };

static const struct option long_opts[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "cmd", required_argument, NULL, 'c' },
	{ "builder", required_argument, NULL, 'b' },
	{ "port", required_argument, NULL, 'p' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "debounce", required_argument, NULL, OPT_DEBOUNCE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "json-log", no_argument, NULL, OPT_JSON },
	{ "allow-host", required_argument, NULL, OPT_ALLOW_HOST },
	{ "max-connections", required_argument, NULL, OPT_MAX_CONN },
	{ "no-reload", no_argument, NULL, OPT_NO_RELOAD },
	{ "poll", required_argument, NULL, OPT_POLL },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "json", no_argument, NULL, OPT_JSON_RESULTS },
	{ "external", no_argument, NULL, OPT_EXTERNAL },
	{ "check-external", no_argument, NULL, OPT_CHECK_EXTERNAL },
	{ "external-strict", no_argument, NULL, OPT_EXTERNAL_STRICT },
	{ "external-timeout", required_argument, NULL, OPT_EXTERNAL_TIMEOUT },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "cache-max-age", required_argument, NULL, OPT_CACHE_MAX_AGE },
	{ "no-gitignore", no_argument, NULL, OPT_NO_GITIGNORE },
	{ "open", no_argument, NULL, OPT_OPEN },
	{ "drafts", no_argument, NULL, OPT_DRAFTS },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW_SYMLINKS },
	{ "base", required_argument, NULL, OPT_BASE },
	{ "spa", optional_argument, NULL, OPT_SPA },
	{ "https", no_argument, NULL, OPT_HTTPS },
	{ "cert", required_argument, NULL, OPT_CERT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "qr", no_argument, NULL, OPT_QR },
	{ "watch", required_argument, NULL, OPT_WATCH },
	{ "navigate", no_argument, NULL, OPT_NAVIGATE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "codequality", required_argument, NULL, OPT_CODEQUALITY },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Parse a whole decimal number in [min, max]; 0 or -1. */
static int
parse_int(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* Does the --skip pattern re compile? 0, or -1 with err said. */
static int
check_skip(const char *re, char *err, size_t errlen)
{
	struct skiplist sl = SKIPLIST_INIT;
	int rc = skiplist_add(&sl, re, err, errlen);

	skiplist_release(&sl);
	return rc;
}

/* --base PATH, checked and made one form (basepath.h): exit 2 else. */
static enum cli_result
cli_base(const char *arg, struct tend_opts *o, char *err, size_t errlen)
{
	static char one[BASEPATH_MAX + 2];
	char why[BASEPATH_MAX + 128], *norm;

	norm = basepath_normalise(arg, why, sizeof why);
	if (!norm) {
		snprintf(err, errlen, "invalid --base %s", why);
		return CLI_ERROR;
	}
	snprintf(one, sizeof one, "%s", norm);
	free(norm);
	o->base = one;
	return CLI_OK;
}

/* --spa, or --spa=FILE: a file below the output, no ".." in it. */
static enum cli_result
cli_spa(const char *arg, struct tend_opts *o, char *err, size_t errlen)
{
	const char *p;

	if (!arg) {
		o->spa = "index.html";
		return CLI_OK;
	}
	arg += strspn(arg, "/");
	for (p = arg; *p; p += strcspn(p, "/"), p += *p == '/') {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 2 && p[0] == '.' && p[1] == '.') ||
		    (n == 1 && p[0] == '.')) {
			snprintf(err, errlen, "invalid --spa '%s' (expected a "
			    "file of the output, such as index.html)", arg);
			return CLI_ERROR;
		}
	}
	if (!*arg || arg[strlen(arg) - 1] == '/') {
		snprintf(err, errlen, "invalid --spa '%s' (expected a file of "
		    "the output, such as index.html)", arg);
		return CLI_ERROR;
	}
	o->spa = arg;
	return CLI_OK;
}

#define FAIL(...)                                                             \
	do {                                                                  \
		snprintf(err, errlen, __VA_ARGS__);                           \
		return CLI_ERROR;                                             \
	} while (0)

/* Apply one parsed option; CLI_OK, CLI_EXIT or CLI_ERROR. */
static enum cli_result
apply_opt(int c, const char *arg, const char *name, struct tend_opts *o,
    char *err, size_t errlen)
{
	switch (c) {
	case 'o': o->out = arg; break;
	case 'c':
		if (!arg[strspn(arg, " \t\n")])
			FAIL("the --cmd command is empty");
		o->build_cmd = arg;
		break;
	case 'b': o->builder = arg; break;	/* preset_setup() checks it */
	case 'p':
		if (parse_int(arg, 0, 65535, &o->port) < 0)
			FAIL("invalid port '%s' (expected 0 to 65535)", arg);
		o->port_given = true;
		break;
	case 'j':
		if (parse_int(arg, 1, POOL_MAX_WORKERS, &o->jobs) < 0)
			FAIL("invalid --jobs '%s' (expected 1 to %d)", arg,
			    POOL_MAX_WORKERS);
		break;
	case OPT_HOST: o->host = arg; break;
	case OPT_DEBOUNCE:
		if (parse_int(arg, 0, 60000, &o->debounce_ms) < 0)
			FAIL("invalid --debounce '%s' (expected 0 to 60000 ms)",
			    arg);
		break;
	case OPT_TIMEOUT:
		if (parse_int(arg, 1, 86400, &o->timeout_s) < 0)
			FAIL("invalid --timeout '%s' (expected 1 to 86400 s)",
			    arg);
		break;
	case OPT_IGNORE:
		if (o->n_ignores == TEND_MAX_IGNORES)
			FAIL("too many --ignore patterns (at most %d)",
			    TEND_MAX_IGNORES);
		o->ignores[o->n_ignores++] = arg;
		break;
	case OPT_JSON: o->json_log = true; break;
	case OPT_NO_RELOAD: o->no_reload = true; break;
	case OPT_JUNIT: o->junit = arg; break;
	case OPT_JSON_RESULTS: o->json = true; break;
	case OPT_EXTERNAL: o->list_external = true; break;
	case OPT_CHECK_EXTERNAL: o->check_external = true; break;
	case OPT_EXTERNAL_STRICT: o->external_strict = true; break;
	case OPT_CACHE:
		if (!*arg)
			FAIL("the --cache file name is empty");
		o->cache = arg;
		break;
	case OPT_EXTERNAL_TIMEOUT: {
		int secs;

		if (crawl_parse_timeout(arg, &secs) < 0)
			FAIL("invalid --external-timeout '%s' (expected 1 to "
			    "%d s)", arg, CRAWL_EXTERNAL_TIMEOUT_MAX);
		o->external_timeout = arg;
		break;
	}
	case OPT_CACHE_MAX_AGE: {
		long secs;

		if (crawl_parse_duration(arg, &secs) < 0)
			FAIL("invalid --cache-max-age '%s' (expected a "
			    "duration: 30m, 12h, 1d, 2w...)", arg);
		o->cache_max_age = arg;
		break;
	}
	case OPT_NO_GITIGNORE: o->no_gitignore = true; break;
	case OPT_OPEN: o->open = true; break;
	case OPT_DRAFTS: o->drafts = true; break;
	case OPT_STRICT: o->strict = true; break;
	case OPT_FOLLOW_SYMLINKS: o->follow_symlinks = true; break;
	case OPT_BASE: return cli_base(arg, o, err, errlen);
	case OPT_SPA: return cli_spa(arg, o, err, errlen);
	case OPT_HTTPS: o->https = true; break;
	case OPT_CERT: o->cert = arg; o->https = true; break;
	case OPT_KEY: o->key = arg; o->https = true; break;
	case OPT_QR: o->qr = true; break;
	case OPT_WATCH:
		if (!*arg)
			FAIL("the --watch path is empty");
		if (o->n_watches == TEND_MAX_WATCHES)
			FAIL("too many --watch paths (at most %d)",
			    TEND_MAX_WATCHES);
		o->watches[o->n_watches++] = arg;
		break;
	case OPT_NAVIGATE: o->navigate = true; break;
	case OPT_FORMAT:
		if ((o->format = crawl_format_parse(arg)) < 0)
			FAIL("unknown --format '%s' (expected text, json or "
			    "github)", arg);
		o->json = o->format == CRAWL_FORMAT_JSON;
		break;
	case OPT_CODEQUALITY: o->codequality = arg; break;
	case OPT_SKIP:
		if (o->n_skips == CRAWL_MAX_SKIPS)
			FAIL("too many --skip patterns (at most %d)",
			    CRAWL_MAX_SKIPS);
		if (check_skip(arg, err, errlen) < 0)
			return CLI_ERROR;
		o->skips[o->n_skips++] = arg;
		break;
	case OPT_CHANGED_SINCE:
		if (!*arg)
			FAIL("the --changed-since revision is empty");
		o->changed_since = arg;
		break;
	case OPT_POLL:
		if (parse_int(arg, 10, 3600000, &o->poll_ms) < 0)
			FAIL("invalid --poll '%s' (expected 10 to 3600000 ms)",
			    arg);
		break;
	case OPT_ALLOW_HOST:
		if (o->n_hosts == TEND_MAX_HOSTS)
			FAIL("too many --allow-host names (at most %d)",
			    TEND_MAX_HOSTS);
		o->hosts[++o->n_hosts] = arg;	/* [0] is --host */
		break;
	case OPT_MAX_CONN:
		if (parse_int(arg, 1, 100000, &o->max_connections) < 0)
			FAIL("invalid --max-connections '%s' (expected 1 to "
			    "100000)", arg);
		break;
	case 'q': o->verbosity = LOG_QUIET; break;
	case 'v': o->verbosity = LOG_VERBOSE; break;
	case 'h':
		fputs(cli_usage, stdout);
		fputs(cli_usage_check, stdout);
		return CLI_EXIT;
	case 'V': printf("tend %s\n", TEND_VERSION); return CLI_EXIT;
	case ':': FAIL("option '%s' needs a value", name);
	default: FAIL("unknown option '%s' (see 'tend --help')", name);
	}
	return CLI_OK;
}

/* Take the command word and SRC from the non-option arguments. */
static enum cli_result
take_operands(char **ops, int n, struct tend_opts *o, char *err,
    size_t errlen)
{
	if (n == 0)
		FAIL("missing command: 'serve', 'build' or 'check' (see "
		    "'tend --help')");
	if (strcmp(ops[0], "serve") == 0)
		o->command = CMD_SERVE;
	else if (strcmp(ops[0], "build") == 0)
		o->command = CMD_BUILD;
	else if (strcmp(ops[0], "check") == 0)
		o->command = CMD_CHECK;
	else
		FAIL("unknown command '%s' (expected 'serve', 'build' or "
		    "'check')", ops[0]);
	if (n > 2)
		FAIL("too many arguments: '%s' (one source folder at most)",
		    ops[2]);
	if (n == 2)
		o->src = ops[1];
	if (!*o->src)
		FAIL("the source folder name is empty");
	return CLI_OK;
}

enum cli_result
cli_parse(int argc, char **argv, struct tend_opts *o, char *err,
    size_t errlen)
{
	char *ops[4];
	int nops = 0, c;

	opterr = 0;
	optind = 0;	/* GNU: reinitialise, so tests can parse again */
	while ((c = getopt_long(argc, argv, "-:o:c:b:p:j:qvhV", long_opts,
	    NULL)) != -1) {
		enum cli_result r;
		char name[64];

		if (c == 1) {	/* an operand, in order ("-" in optstring) */
			if (nops < 3)
				ops[nops] = optarg;
			nops++;
			continue;
		}
		if (c == '?' && optopt > 0 && optopt < 128 &&
		    argv[optind - 1][1] != '-') {
			snprintf(name, sizeof name, "-%c", optopt);
		} else if (c == '?' || c == ':') {
			snprintf(name, sizeof name, "%s", argv[optind - 1]);
		} else {
			name[0] = '\0';
		}
		r = apply_opt(c, optarg, name, o, err, errlen);
		if (r != CLI_OK)
			return r;
	}
	for (; optind < argc; optind++) {	/* operands after "--" */
		if (nops < 3)
			ops[nops] = argv[optind];
		nops++;
	}
	o->hosts[0] = o->host;
	if (!o->jobs)
		o->jobs = (int)pool_default_workers();
	if (take_operands(ops, nops < 3 ? nops : 3, o, err, errlen) != CLI_OK)
		return CLI_ERROR;
	if (o->command != CMD_CHECK && (o->junit || o->json ||
	    o->list_external))
		FAIL("--junit, --json and --external go with 'tend check'");
	if (o->command != CMD_CHECK && o->check_external)
		FAIL("--check-external goes with 'tend check'");
	if (!o->check_external && (o->external_strict ||
	    o->external_timeout || o->cache || o->cache_max_age))
		FAIL("--external-strict, --external-timeout, --cache and "
		    "--cache-max-age go with --check-external");
	if (o->command != CMD_CHECK && (o->format || o->codequality ||
	    o->n_skips || o->changed_since))
		FAIL("--format, --codequality, --skip and --changed-since go "
		    "with 'tend check'");
	if (o->command != CMD_SERVE && o->open)
		FAIL("--open goes with 'tend serve'");
	if (o->command == CMD_BUILD && (o->base || o->spa))
		FAIL("--base and --spa go with 'tend serve' and 'tend check' "
		    "(a build is the same under any base path)");
	if (!o->cert != !o->key)
		FAIL("--cert and --key go together");
	if (o->command != CMD_SERVE && (o->https || o->qr))
		FAIL("--https, --cert, --key and --qr go with 'tend serve'");
	if (o->qr && !listen_is_public(o->host))
		FAIL("--qr needs --host 0.0.0.0 or :: (a phone cannot reach "
		    "%s)", o->host);
	if (o->command != CMD_SERVE && (o->n_watches || o->navigate))
		FAIL("--watch and --navigate go with 'tend serve'");
	return CLI_OK;
}
