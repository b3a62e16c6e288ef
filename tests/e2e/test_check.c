/* test_check.c - tend check: build, serve, crawl, report, exit status */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *tmp;

static void
teardown(void)
{
	tp_teardown(&t, &tmp);
}

TestSuite(check, .fini = teardown, .timeout = 60);

/* The source folder of a fixture or of site-example (from tests/e2e). */
static const char *
src(const char *rel)
{
	static char path[1024];

	snprintf(path, sizeof path, "%s/../../%s", getenv("E2E_DIR"), rel);
	return path;
}

static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* How many times needle occurs in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

Test(check, site_example_passes)
{
	char out[1024];

	tmp = tmp_dir();
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check", src("site-example"),
	    "-o", out, NULL }), 0, "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_assert(strstr(t.out, " links checked: 0 broken\n"), "%s", t.out);
	cr_assert(strstr(t.out, "8 pages, "), "%s", t.out);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a server was left");
}

Test(check, broken_fixture_reports_exactly_its_four_failures)
{
	char out[1024], junit[1024], *xml;

	tmp = tmp_dir();
	snprintf(out, sizeof out, "%s/out", tmp);
	snprintf(junit, sizeof junit, "%s/report.xml", tmp);
	cr_assert_eq(run((const char *const[]){ "check",
	    src("tests/fixtures/check-broken"), "-o", out, "--junit", junit,
	    NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/: missing.html → 404\n"), "%s", t.out);
	cr_assert(strstr(t.out, "/about.html: img/missing.png → 404\n"), "%s",
	    t.out);
	cr_assert(strstr(t.out, "/: guide.html#nope → no such fragment #nope\n"),
	    "%s", t.out);
	cr_assert(strstr(t.out, "/orphan.html: nowhere.html → 404\n"), "%s",
	    t.out);
	cr_assert(strstr(t.out, ": 4 broken\n"), "%s", t.out);
	cr_assert_eq(count(t.out, " → "), 4, "%s", t.out);
	xml = read_file(tmp, "report.xml");
	cr_assert_not_null(xml);
	cr_assert(strstr(xml, "<testsuites"), "%s", xml);
	cr_assert_eq(count(xml, "<testcase "), 4, "%s", xml);
	cr_assert_eq(count(xml, "<failure "), 4, "%s", xml);
	free(xml);
}

Test(check, json_results)
{
	char out[1024];

	tmp = tmp_dir();
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check",
	    src("tests/fixtures/check-broken"), "-o", out, "--json", NULL }), 1);
	cr_assert(strstr(t.out, "{\"event\":\"check\",\"pages\":4,"), "%s",
	    t.out);
	cr_assert(strstr(t.out, "\"broken\":4,"), "%s", t.out);
	cr_assert(strstr(t.out, "\"reason\":\"no such fragment #nope\""), "%s",
	    t.out);
}

Test(check, failed_build_exits_1_with_its_log)
{
	tmp = tmp_dir();
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--cmd",
	    "echo the generator broke >&2; exit 3", "--out", tmp, NULL }), 1);
	cr_assert(strstr(t.err, "  | the generator broke"), "%s", t.err);
	cr_assert(strstr(t.err, "build failed: the command exited with "
	    "status 3"), "%s", t.err);
	cr_assert_null(strstr(t.out, "links checked"), "crawled anyway: %s",
	    t.out);
}

Test(check, check_only_flags_are_refused_elsewhere)
{
	cr_assert_eq(run((const char *const[]){ "build", "--junit", "x.xml",
	    NULL }), 2);
	cr_assert(strstr(t.err, "go with 'tend check'"), "%s", t.err);
}

Test(check, ctrl_c_during_the_build_stops_everything)
{
	tmp = tmp_dir();
	write_file(tmp, "src/index.html", "<p>hi</p>");
	char srcdir[1024], out[1024];
	snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/src/out", tmp);
	tp_start(&t, NULL, (const char *const[]){ "check", srcdir, "-v",
	    "--cmd", "sleep 1 && mkdir -p out && cp index.html out/",
	    "--out", out, NULL });
	cr_assert(tp_wait_err(&t, "(process group ", 5000), "%s", t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT,
	    "status %#x: %s", t.status, t.err);
	cr_assert(file_exists(tmp, "src/out/index.html"),
	    "the build was interrupted");
	cr_assert_null(strstr(t.out, "links checked"));
	cr_assert(pgroup_wait_empty(t.pid, 2000));
}
