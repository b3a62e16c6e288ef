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
	cr_expect_eq(c.parent, parent ? atoi(parent) : 0);
	cr_expect_str_eq(c.url, URL);
	cr_expect_str_eq(c.root, ROOT);
	cr_expect_str_eq(c.src, o->src);
	cr_expect_str_eq(c.links, "/tmp/tend-links-x/links");
}

Test(checkrun, every_option_reaches_tend_crawl)
{
	const char *words[] = { "tend", "check", "site", "--json", "--external",
		"--junit", "report.xml", "--json-log", "-v", NULL };
	struct tend_opts o;

	tend_parse(&o, words);
	cr_assert(o.json && o.list_external && o.json_log && o.junit &&
	    o.verbosity == LOG_VERBOSE, "tend did not take every option");
	round_trip(&o, "4242");
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
