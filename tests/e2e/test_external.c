/* test_external.c - the --cmd builder: in place, held requests, env */
#include <criterion/criterion.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(external, .fini = teardown, .timeout = 40);

static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The build copies page.txt into out/index.html slowly, in two halves. */
/* SITE/out as an absolute path (a relative --out is taken from the cwd). */
static const char *
out_dir(void)
{
	static char path[600];

	snprintf(path, sizeof path, "%s/out", site);
	return path;
}

static const char slow_cmd[] =
    "mkdir -p out && printf 'half-' > out/index.html && sleep 1 && "
    "cat page.txt >> out/index.html";

Test(external, requests_wait_for_the_build)
{
	char url[160], *body = NULL;
	long long start;

	site = tmp_dir();
	write_file(site, "page.txt", "v1");
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "--cmd",
	    slow_cmd, "--out", out_dir(), NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_str_eq(body, "half-v1");
	free(body);

	write_file(site, "page.txt", "v2");
	cr_assert(tp_wait_out(&t, "\"event\":\"listen\"", 10));
	usleep(300 * 1000);	/* the rebuild is writing its first half */
	start = ms_now();
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_str_eq(body, "half-v2",
	    "a half-written file was served: '%s'", body);
	cr_assert_gt(ms_now() - start, 100, "the request was not held");
	free(body);
}

Test(external, failed_command_keeps_serving)
{
	char url[160], *body = NULL;

	site = tmp_dir();
	write_file(site, "page.txt", "good");
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "--cmd",
	    "grep -q good page.txt && mkdir -p out && cp page.txt out/index.html",
	    "--out", out_dir(), NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	write_file(site, "page.txt", "bad");
	cr_assert(tp_wait_out(&t, "\"ok\":false", 5000), "%s", t.out);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_str_eq(body, "good");
	free(body);
	cr_assert(strstr(t.err, "exited with status 1"), "%s", t.err);
}

Test(external, changed_paths_in_environment)
{
	char url[160];

	site = tmp_dir();
	write_file(site, "a.txt", "a");
	tp_serve(&t, site, (const char *const[]){ "--cmd",
	    "mkdir -p out && printf '%s' \"[$TEND_CHANGED]\" > out/changed.txt",
	    "--out", out_dir(), NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	write_file(site, "a.txt", "b");
	snprintf(url, sizeof url, "%s/changed.txt", t.url);
	cr_assert(http_wait_body(url, "[a.txt]", 5000), "%s", t.err);
}

Test(external, build_runs_in_src_with_stdin_from_dev_null)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--cmd",
	    "pwd > where.txt; cat > stdin.txt; mkdir -p _site; echo ok", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0, "%s",
	    t.err);
	char *where = read_file(site, "where.txt");
	cr_assert(where && strstr(where, site), "ran in %s", where);
	free(where);
	char *in = read_file(site, "stdin.txt");
	cr_assert_str_eq(in, "");
	free(in);
	cr_assert(strstr(t.err, "  | ok"), "%s", t.err);
}

Test(external, leftover_background_processes_are_ended)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "-v", "--cmd",
	    "sleep 60 & echo started", NULL });
	cr_assert(tp_wait_err(&t, "(process group ", 5000));
	pid_t pgid = (pid_t)atoi(strstr(t.err, "(process group ") + 15);
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(pgroup_wait_empty(pgid, 2000),
	    "the build's background sleep is still running");
}
