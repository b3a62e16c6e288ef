/* test_serve.c - serve a site, edit it, see the change; tend build */
#include <criterion/criterion.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(serve, .fini = teardown, .timeout = 30);

Test(serve, edit_is_served_after_rebuild)
{
	char url[160], *body = NULL;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body,
	    "<h1 id=\"home-page\">Home page<a class=\"anchor\""),
	    "got: %s", body);
	cr_assert(strstr(body, "href=\"guide/page.html\""), "got: %s", body);
	cr_assert(strstr(body, "<title>Home page</title>"));
	free(body);

	write_file(site, "index.md", "# Edited home\n\nNew words.\n");
	cr_assert(http_wait_body(url, "New words.", 5000),
	    "the edit was not served; stderr:\n%s", t.err);
	cr_assert(tp_wait_out(&t, "\"changed\":[\"index.md\"]", 2000),
	    "the build did not name the changed file: %s", t.out);
}

Test(serve, nested_pages_layout_and_new_folder)
{
	char url[160], *body = NULL;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	snprintf(url, sizeof url, "%s/guide/page.html", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "<title>Guide</title>"), "got: %s", body);
	cr_assert(strstr(body, "href=\"../style.css\""), "got: %s", body);
	cr_assert(strstr(body, "href=\"../index.html\""), "got: %s", body);
	free(body);

	/* a folder created later is watched: a page written into it appears */
	write_file(site, "later/deep/new.md", "# Late page\n");
	snprintf(url, sizeof url, "%s/later/deep/new.html", t.url);
	cr_assert(http_wait_body(url, "Late page", 5000), "stderr:\n%s", t.err);
	write_file(site, "later/deep/new.md", "# Late page, edited\n");
	cr_assert(http_wait_body(url, "edited", 5000), "stderr:\n%s", t.err);
}

Test(serve, burst_of_saves_gives_few_builds)
{
	char name[32];
	int before;

	site = make_site();
	tp_serve(&t, site, (const char *const[]){ "--debounce", "200", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	before = tp_builds(&t);
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "burst/p%d.md", i);
		write_file(site, name, "# burst\n");
	}
	cr_assert(tp_wait_builds(&t, before + 1, 5000));
	/* give a second build the time to show up, if the burst was split */
	tp_wait_builds(&t, before + 3, 1000);
	cr_assert_leq(tp_builds(&t), before + 2,
	    "20 quick saves gave %d builds", tp_builds(&t) - before);
}

Test(serve, output_folder_is_not_watched)
{
	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	/* a build writes _site: it must not trigger itself */
	cr_assert_not(tp_wait_builds(&t, 2, 1000),
	    "a build triggered another one: %s", t.out);
	write_file(site, "_site/stray.txt", "x");
	cr_assert_not(tp_wait_builds(&t, 2, 500));
}

Test(serve, build_once_and_exit)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", site, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %d; stderr:\n%s", t.status, t.err);
	cr_assert(file_exists(site, "_site/index.html"));
	cr_assert(file_exists(site, "_site/guide/page.html"));
	cr_assert(file_exists(site, "_site/style.css"));
	cr_assert_not(file_exists(site, "_site/_layout.html"));
	cr_assert_not(file_exists(site, "._site.tend-old"));
	cr_assert(strstr(t.err, "built 2 pages and 1 file"), "%s", t.err);
}

Test(serve, failed_build_keeps_last_good_output)
{
	char url[160], *body = NULL;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	/* a layout that is a folder cannot be read: the build fails */
	snprintf(url, sizeof url, "%s/_layout.html", site);
	cr_assert_eq(unlink(url), 0);
	write_file(site, "_layout.html/x", "");
	write_file(site, "index.md", "# Never shown\n");
	cr_assert(tp_wait_out(&t, "\"ok\":false", 5000), "%s", t.out);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert(strstr(body, "Home page"), "got: %s", body);
	free(body);
	cr_assert(strstr(t.err, "still serving the last good build"), "%s",
	    t.err);
}
