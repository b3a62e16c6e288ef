/*
 * test_checkrun.c - tend, tend-crawl and the command line between them
 * agree: tend's own options (cli_parse) become tend-crawl's argv
 * (checkrun_argv), which tend-crawl reads back (check_opts_parse) as the
 * same options.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkrun.h"
#include "cli.h"
#include "crawlopts.h"
#include "opts.h"

#define URL "http://127.0.0.1:4000/"
#define ROOT "/srv/site/_site"

/* Parse `tend WORDS...` (NULL-terminated) into o; asserts it is valid. */
static void
tend_parse(struct tend_opts *o, const char **words)
{
	char err[256] = "";
	int argc = 0;

	while (words[argc])
		argc++;
	*o = (struct tend_opts)TEND_OPTS_INIT;
	cr_assert_eq(cli_parse(argc, (char **)words, o, err, sizeof err), CLI_OK,
	    "%s", err);
}

/*
 * Hand tend's options o to tend-crawl as `tend check` does, parse them there
 * and check that each arrived as it was meant.
 */
static void
round_trip(const struct tend_opts *o, const char *parent)
{
	const char *argv[CRAWL_ARGV_MAX];
	struct check_opts c = CHECK_OPTS_INIT;
	char err[512] = "";
	int argc = 0;

	memset(argv, 0, sizeof argv);
	checkrun_argv(argv, "/usr/libexec/tend/tend-crawl", parent, URL, ROOT,
	    "/tmp/tend-links-x/links", NULL, o);
	while (argv[argc])
		argc++;
	cr_assert_lt(argc, CRAWL_ARGV_MAX);
	cr_assert_eq(check_opts_parse(argc, (char **)argv, &c, err,
	    sizeof err), 0, "%s", err);
	cr_expect_eq(c.json, o->json);
	cr_expect_eq(c.list_external, o->list_external);
	cr_expect_eq(c.json_log, o->json_log);
	cr_expect_eq(c.verbosity, o->verbosity);
	if (o->junit)
		cr_expect_str_eq(c.junit, o->junit);
	else
		cr_expect_null(c.junit);
	cr_expect_eq(c.check_external, o->check_external);
	cr_expect_eq(c.external_strict, o->external_strict);
	cr_expect_eq(c.external_timeout_s, o->external_timeout ?
	    atoi(o->external_timeout) : CRAWL_EXTERNAL_TIMEOUT_S);
	if (o->cache)
		cr_expect_str_eq(c.cache, o->cache);
	else
		cr_expect_null(c.cache);
	cr_expect_eq(c.cache_max_age_s, o->cache_max_age ? 12 * 3600 :
	    CRAWL_CACHE_MAX_AGE_S);
	cr_expect_eq(c.parent, parent ? atoi(parent) : 0);
	if (o->base)
		cr_expect_str_eq(c.base, o->base);
	else
		cr_expect_null(c.base);
	cr_expect_str_eq(c.url, URL);
	cr_expect_str_eq(c.root, ROOT);
	cr_expect_str_eq(c.src, o->src);
	cr_expect_str_eq(c.links, "/tmp/tend-links-x/links");
}

Test(checkrun, every_option_reaches_tend_crawl)
{
	const char *words[] = { "tend", "check", "site", "--json", "--external",
		"--junit", "report.xml", "--json-log", "-v", "--base", "repo",
		NULL };
	struct tend_opts o;

	tend_parse(&o, words);
	cr_assert(o.json && o.list_external && o.json_log && o.junit &&
	    o.verbosity == LOG_VERBOSE && o.base,
	    "tend did not take every option");
	cr_expect_str_eq(o.base, "/repo/");
	round_trip(&o, "4242");
}

Test(checkrun, the_external_link_options_reach_tend_crawl)
{
	const char *words[] = { "tend", "check", "site", "--check-external",
		"--external-strict", "--external-timeout", "3", "--cache",
		"links.cache", "--cache-max-age", "12h", NULL };
	struct tend_opts o;

	tend_parse(&o, words);
	cr_assert(o.check_external && o.external_strict &&
	    o.external_timeout && o.cache && o.cache_max_age,
	    "tend did not take every option");
	round_trip(&o, "4242");
}

/* The bounds of the values, at both ends. */
Test(checkrun, durations_and_timeouts)
{
	long secs = -1;
	int t = -1;

	cr_expect_eq(crawl_parse_duration("0", &secs), 0);
	cr_expect_eq(secs, 0);
	cr_expect_eq(crawl_parse_duration("90", &secs), 0);
	cr_expect_eq(secs, 90);
	cr_expect_eq(crawl_parse_duration("30m", &secs), 0);
	cr_expect_eq(secs, 1800);
	cr_expect_eq(crawl_parse_duration("12h", &secs), 0);
	cr_expect_eq(secs, 12 * 3600);
	cr_expect_eq(crawl_parse_duration("1d", &secs), 0);
	cr_expect_eq(secs, 86400);
	cr_expect_eq(crawl_parse_duration("2w", &secs), 0);
	cr_expect_eq(secs, 14 * 86400);
	cr_expect_eq(crawl_parse_duration("366d", &secs), 0);
	cr_expect_eq(crawl_parse_duration("367d", &secs), -1);
	cr_expect_eq(crawl_parse_duration("99999999999999999999", &secs), -1);
	cr_expect_eq(crawl_parse_duration("", &secs), -1);
	cr_expect_eq(crawl_parse_duration("d", &secs), -1);
	cr_expect_eq(crawl_parse_duration("-1h", &secs), -1);
	cr_expect_eq(crawl_parse_duration(" 1h", &secs), -1);
	cr_expect_eq(crawl_parse_duration("1hh", &secs), -1);
	cr_expect_eq(crawl_parse_duration("1y", &secs), -1);
	cr_expect_eq(crawl_parse_timeout("1", &t), 0);
	cr_expect_eq(t, 1);
	cr_expect_eq(crawl_parse_timeout("120", &t), 0);
	cr_expect_eq(crawl_parse_timeout("121", &t), -1);
	cr_expect_eq(crawl_parse_timeout("0", &t), -1);
	cr_expect_eq(crawl_parse_timeout("1.5", &t), -1);
	cr_expect_eq(crawl_parse_timeout("+3", &t), -1);
}

/* The options that only make sense with --check-external, and it only
 * with tend check, are usage errors elsewhere. */
Test(checkrun, external_options_need_check_external)
{
	const char *bad[][6] = {
		{ "tend", "check", "--cache", "f", NULL },
		{ "tend", "check", "--external-strict", NULL },
		{ "tend", "check", "--external-timeout", "5", NULL },
		{ "tend", "check", "--cache-max-age", "1d", NULL },
		{ "tend", "build", "--check-external", NULL },
		{ "tend", "check", "--check-external", "--cache", "", NULL },
		{ "tend", "check", "--check-external", "--cache-max-age", "1x",
		  NULL },
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct tend_opts o = TEND_OPTS_INIT;
		char err[256] = "";
		int argc = 0;

		while (bad[i][argc])
			argc++;
		cr_expect_eq(cli_parse(argc, (char **)bad[i], &o, err,
		    sizeof err), CLI_ERROR, "case %zu", i);
		cr_expect(*err, "case %zu: no message", i);
	}
}

Test(checkrun, quiet_reaches_tend_crawl)
{
	const char *words[] = { "tend", "check", "site", "-q", NULL };
	struct tend_opts o;

	tend_parse(&o, words);
	cr_assert_eq(o.verbosity, LOG_QUIET);
	round_trip(&o, "1");
}

Test(checkrun, no_option_gives_tend_crawl_its_defaults)
{
	const char *words[] = { "tend", "check", "site", NULL };
	struct tend_opts o;

	tend_parse(&o, words);
	round_trip(&o, NULL);
}

/* A junit file or a url that looks like an option stays an argument. */
Test(checkrun, arguments_that_look_like_options_stay_arguments)
{
	struct tend_opts o = TEND_OPTS_INIT;
	const char *argv[CRAWL_ARGV_MAX];
	struct check_opts c = CHECK_OPTS_INIT;
	char err[512] = "";
	int argc = 0;

	o.junit = "--json";
	checkrun_argv(argv, "tend-crawl", "7", "-v", "--external", NULL, NULL,
	    &o);
	while (argv[argc])
		argc++;
	cr_assert_eq(check_opts_parse(argc, (char **)argv, &c, err,
	    sizeof err), 0, "%s", err);
	cr_expect_str_eq(c.junit, "--json");
	cr_expect_not(c.json);
	cr_expect_not(c.list_external);
	cr_expect_eq(c.verbosity, LOG_NORMAL);
	cr_expect_str_eq(c.url, "-v");
	cr_expect_str_eq(c.root, "--external");
}

/* A failed build: its error and log arrive, and no URL nor ROOT is due. */
Test(checkrun, a_failed_build_reaches_tend_crawl)
{
	const char *argv[CRAWL_ARGV_MAX];
	struct tend_opts o = TEND_OPTS_INIT;
	struct checkrun_failure f = { "the command exited with status 3",
		"--json\nline two" };
	struct check_opts c = CHECK_OPTS_INIT;
	char err[512] = "";
	int argc = 0;

	o.junit = "r.xml";
	o.json = true;
	checkrun_argv(argv, "tend-crawl", NULL, URL, ROOT, NULL, &f, &o);
	while (argv[argc])
		argc++;
	cr_assert_eq(check_opts_parse(argc, (char **)argv, &c, err,
	    sizeof err), 0, "%s", err);
	cr_expect_str_eq(c.build_failed, f.error);
	cr_expect_str_eq(c.build_log, f.log);
	cr_expect_str_eq(c.junit, "r.xml");
	cr_expect(c.json);
	cr_expect_null(c.url);
}

/* Every option of the table is written by tend and read by tend-crawl. */
Test(checkrun, the_table_names_each_option_once)
{
	for (size_t i = 0; i < CRAWL_NOPTS; i++) {
		cr_expect_str_eq(crawl_opt_flag(crawl_opts[i].id),
		    crawl_opts[i].flag);
		cr_expect(strstr(CRAWL_USAGE, crawl_opts[i].arg ?
		    crawl_opts[i].arg : crawl_opts[i].flag),
		    "the usage misses %s", crawl_opts[i].flag);
		for (size_t j = 0; j < i; j++)
			cr_expect_str_neq(crawl_opts[i].name,
			    crawl_opts[j].name);
	}
}

/* tend check's CI options and what checkprep worked out reach tend-crawl;
 * --skip as many times as tend allows. */
Test(checkrun, ci_options_reach_tend_crawl)
{
	const char *words[CRAWL_MAX_SKIPS * 2 + 16] = { "tend", "check",
		"site", "--format", "github", "--codequality", "cq.json" };
	const char *argv[CRAWL_ARGV_MAX];
	struct check_opts c = CHECK_OPTS_INIT;
	struct tend_opts o;
	char err[512] = "", pats[CRAWL_MAX_SKIPS][16];
	size_t n = 7;
	int argc = 0;

	for (int i = 0; i < CRAWL_MAX_SKIPS; i++) {
		snprintf(pats[i], sizeof pats[i], "^/x%d/", i);
		words[n++] = "--skip";
		words[n++] = pats[i];
	}
	words[n] = NULL;
	tend_parse(&o, words);
	cr_assert_eq(o.n_skips, CRAWL_MAX_SKIPS);
	o.check_repo = "/repo";
	o.check_changed = "a.html\nb/index.html";
	checkrun_argv(argv, "tend-crawl", "9", URL, ROOT, NULL, NULL, &o);
	while (argv[argc])
		argc++;
	cr_assert_lt(argc, CRAWL_ARGV_MAX);
	cr_assert_eq(check_opts_parse(argc, (char **)argv, &c, err,
	    sizeof err), 0, "%s", err);
	cr_expect_eq(c.format, CRAWL_FORMAT_GITHUB);
	cr_expect_not(c.json);
	cr_expect_str_eq(c.codequality, "cq.json");
	cr_expect_eq(c.nskips, CRAWL_MAX_SKIPS);
	cr_expect_str_eq(c.skips[CRAWL_MAX_SKIPS - 1], pats[CRAWL_MAX_SKIPS - 1]);
	cr_expect_str_eq(c.src, "site");
	cr_expect_str_eq(c.repo, "/repo");
	cr_expect_str_eq(c.changed, "a.html\nb/index.html");
	cr_expect_str_eq(c.url, URL);
}

/* --format json is --json; --format text is said; a bad one is an error. */
Test(checkrun, formats)
{
	const char *json[] = { "tend", "check", "--format", "json", NULL };
	const char *text[] = { "tend", "check", "--json", "--format", "text",
		NULL };
	const char *argv[CRAWL_ARGV_MAX];
	struct check_opts c = CHECK_OPTS_INIT;
	struct tend_opts o;
	char err[512] = "";
	int argc = 0;

	tend_parse(&o, json);
	cr_expect(o.json);
	tend_parse(&o, text);
	cr_expect_not(o.json);
	checkrun_argv(argv, "tend-crawl", NULL, URL, ROOT, NULL, NULL, &o);
	while (argv[argc])
		argc++;
	cr_assert_eq(check_opts_parse(argc, (char **)argv, &c, err,
	    sizeof err), 0, "%s", err);
	cr_expect_eq(c.format, CRAWL_FORMAT_TEXT);
	cr_expect_not(c.json);
}
