/* test_external.c - the --cmd builder: in place, held requests, env */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* SITE/out as an absolute path (a relative --out is taken from the cwd). */
static const char *
out_dir(void)
{
	static char path[600];

	snprintf(path, sizeof path, "%s/out", site);
	return path;
}

/* Wait up to ms for dir/rel to hold exactly want. */
static bool
wait_file(const char *dir, const char *rel, const char *want, int ms)
{
	long long end = ms_now() + ms;

	for (;;) {
		char *got = read_file(dir, rel);
		bool same = got && !strcmp(got, want);

		free(got);
		if (same)
			return true;
		if (ms_now() >= end)
			return false;
		usleep(5 * 1000);	/* polling a file: no event to wait on */
	}
}

/* The build copies page.txt into out/index.html slowly, in two halves. */
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
	/* The rebuild has written its first half: a request must wait. */
	cr_assert(wait_file(site, "out/index.html", "half-", 5000),
	    "the rebuild never started: %s", t.err);
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
	cr_assert(strstr(t.err, "the output may be partial"), "%s", t.err);
	cr_assert_null(strstr(t.err, "still serving the last good build"),
	    "an in-place build cannot know: %s", t.err);
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

/*
 * While tend serves: a build that ends with jobs still running in its
 * group (a grandchild too) leaves nothing behind, neither the jobs nor
 * the unreaped shell. (Killed leftovers are init's zombies to reap.)
 */
Test(external, leftovers_are_ended_when_each_served_build_ends)
{
	site = tmp_dir();
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "-v",
	    "--cmd", "mkdir -p out && (sleep 300 &) && sleep 300 & "
	    "mkdir -p out; echo started", "--out", out_dir(), NULL });
	cr_assert(tp_wait_err(&t, "(process group ", 5000), "%s", t.err);
	pid_t pgid = (pid_t)atoi(strstr(t.err, "(process group ") + 15);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_assert(pgroup_wait_empty(pgid, 2000),
	    "the build's background jobs are still running");
	cr_assert(kill(pgid, 0) < 0 && errno == ESRCH,
	    "the shell was not reaped");
	cr_assert_gt(pgroup_count(t.pid), 0, "tend is gone");
}

/* How many times needle occurs in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	while (s && (s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Wait up to ms for needle to occur n times on stderr. */
static bool
wait_count_err(struct tend_proc *tp, const char *needle, int n, int ms)
{
	long long end = ms_now() + ms;

	while (count(tp->err, needle) < n) {
		if (ms_now() >= end)
			return false;
		tp_wait_err(tp, "\n\x01", 20);	/* reads for up to 20 ms */
	}
	return true;
}

/* The inode of dir/rel, or 0. */
static ino_t
inode(const char *dir, const char *rel)
{
	char path[1024];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/*
 * {out}: the build writes "half-" then, 2 s later, the rest, into the
 * staging folder. Requests meanwhile get the last good page at once (never
 * held, never half), and the new one is switched in whole. The command also
 * records whether the staging folder was seeded with the last good output.
 */
Test(external, out_build_is_staged_and_published_atomically)
{
	char url[160], *body = NULL, *seeded;
	long long start;
	ino_t live;

	site = tmp_dir();
	write_file(site, "page.txt", "v1");
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "-v",
	    "--cmd", "ls {out} > seen.txt; printf 'half-' > {out}/index.html "
	    "&& sleep 2 && cat page.txt >> {out}/index.html",
	    "--out", "out", "--ignore", "seen.txt", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_str_eq(body, "half-v1");
	free(body);
	live = inode(site, "out/index.html");

	write_file(site, "page.txt", "v2");
	cr_assert(wait_file(site, ".out.tend-new/index.html", "half-", 5000),
	    "the rebuild never wrote its staging folder: %s", t.err);
	/* A held request would get half-v2 once the build ends, 2 s on. */
	for (int i = 0; i < 3; i++) {
		start = ms_now();
		cr_assert_eq(http_get(url, &body), 200);
		cr_assert_str_eq(body, "half-v1", "%s during the build (after "
		    "%lld ms)", body, ms_now() - start);
		free(body);
	}
	cr_assert_eq(inode(site, "out/index.html"), live,
	    "the live file was touched during the build");
	cr_assert(http_wait_body(url, "half-v2", 5000), "%s", t.err);
	cr_assert(tp_wait_builds(&t, 2, 5000));
	cr_assert_not(file_exists(site, ".out.tend-new"));
	seeded = read_file(site, "seen.txt");
	cr_assert(seeded && strstr(seeded, "index.html"),
	    "the staging folder was not seeded: '%s'", seeded);
	free(seeded);
	cr_assert(strstr(t.err, "reflinked) in "), "%s", t.err);
}

/* A failed {out} build leaves the live output byte for byte, even though it
 * rewrote and removed files in its staging copy. */
Test(external, out_failed_build_leaves_the_live_output)
{
	char url[160], *body = NULL, *kept;

	site = tmp_dir();
	write_file(site, "page.txt", "good");
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "--cmd",
	    "cp page.txt {out}/index.html && rm -f {out}/extra.html && "
	    "grep -q good page.txt && echo extra > {out}/extra.html",
	    "--out", "out", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	write_file(site, "page.txt", "bad");
	cr_assert(tp_wait_out(&t, "\"ok\":false", 5000), "%s", t.out);
	kept = read_file(site, "out/index.html");
	cr_assert_str_eq(kept, "good");
	free(kept);
	kept = read_file(site, "out/extra.html");
	cr_assert_str_eq(kept, "extra\n");
	free(kept);
	cr_assert_not(file_exists(site, ".out.tend-new"),
	    "the staging folder was left");
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_str_eq(body, "good");
	free(body);
	cr_assert(strstr(t.err, "still serving the last good build"), "%s",
	    t.err);
}

/* Double Ctrl-C in the middle of an {out} build: the build's group is
 * stopped, the live output untouched, no staging folder left. */
Test(external, out_double_ctrl_c_leaves_the_live_output)
{
	char *kept;
	pid_t pgid;
	const char *p;

	site = tmp_dir();
	write_file(site, "page.txt", "v1");
	tp_serve(&t, site, (const char *const[]){ "-v", "--cmd",
	    "cp page.txt {out}/index.html; if grep -q slow page.txt; then "
	    "printf partial > {out}/index.html; sleep 30; fi",
	    "--out", "out", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	write_file(site, "page.txt", "slow");
	cr_assert(wait_count_err(&t, "(process group ", 2, 5000), "%s", t.err);
	p = strstr(strstr(t.err, "(process group ") + 1, "(process group ");
	cr_assert(wait_file(site, ".out.tend-new/index.html", "partial", 5000),
	    "%s", t.err);
	pgid = (pid_t)atoi(p + strlen("(process group "));
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 2000));
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000), "tend did not stop");
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT,
	    "status %#x", t.status);
	cr_assert(pgroup_wait_empty(pgid, 1000), "the build is still running");
	kept = read_file(site, "out/index.html");
	cr_assert_str_eq(kept, "v1");
	free(kept);
	cr_assert_not(file_exists(site, ".out.tend-new"),
	    "the staging folder was left");
	cr_assert_not(file_exists(site, ".out.tend-old"));
}

/* {out} is replaced by a quoted path: a folder name with a space and a
 * quote still works. */
Test(external, out_is_shell_quoted)
{
	char out[700], *got;

	site = tmp_dir();
	snprintf(out, sizeof out, "%s/it's here", site);
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--cmd",
	    "echo hi > {out}/index.html", "--out", out, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0, "%s",
	    t.err);
	got = read_file(site, "it's here/index.html");
	cr_assert_str_eq(got, "hi\n");
	free(got);
	cr_assert_not(file_exists(site, ".it's here.tend-old"));
}

/* Hugo exits 255 on a template error: an exit status, not a signal. */
Test(external, exit_status_is_not_a_signal)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--json-log",
	    "--cmd", "exit 255", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1);
	cr_assert(strstr(t.err, "the command exited with status 255"), "%s",
	    t.err);
	cr_assert_null(strstr(t.err, "killed"), "%s", t.err);
	cr_assert(strstr(t.out, "\"exit_status\":255"), "%s", t.out);
	cr_assert_null(strstr(t.out, "\"signal\""), "%s", t.out);
}

Test(external, death_by_signal_is_reported_as_such)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--json-log",
	    "--cmd", "kill -SEGV $$", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1);
	cr_assert(strstr(t.err, "the command was killed by SIGSEGV"), "%s",
	    t.err);
	cr_assert(strstr(t.out, "\"signal\":11"), "%s", t.out);
	cr_assert_null(strstr(t.out, "\"exit_status\""), "%s", t.out);
}

/* A relative --out is taken from SRC, where the command runs: the trap of
 * `tend serve mkp --cmd 'mkdocs build' --out site` (503 for ever). */
Test(external, relative_out_is_taken_from_src)
{
	char url[160], *body = NULL;

	site = tmp_dir();
	tp_serve(&t, site, (const char *const[]){ "--no-reload", "--cmd",
	    "mkdir -p site && echo hi > site/index.html", "--out", "site",
	    NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &body), 200, "%s", t.err);
	cr_assert_str_eq(body, "hi\n");
	free(body);
	cr_assert(strstr(t.out, "\"ok\":true"), "%s", t.out);
}

/* A successful build that leaves no output folder is an error that names
 * --out, not a server answering 503 for ever. */
Test(external, no_output_folder_is_a_clear_error)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--cmd",
	    "mkdir -p site", "--out", "public", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1, "%s",
	    t.err);
	cr_assert(strstr(t.err, "left no output folder"), "%s", t.err);
	cr_assert(strstr(t.err, "/public'"), "%s", t.err);
	cr_assert_eq(count(t.err, "\n"), 1, "not one line: %s", t.err);
}

Test(external, out_build_that_writes_nothing_fails)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--cmd",
	    "true {out}", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1, "%s",
	    t.err);
	cr_assert(strstr(t.err, "wrote nothing into {out}"), "%s", t.err);
	cr_assert_not(file_exists(site, "._site.tend-new"));
	cr_assert_not(file_exists(site, "_site"));
}

/* `--out _build/html` in a fresh clone: the folders below SRC are made. */
Test(external, out_parents_below_src_are_created)
{
	char *got;

	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--cmd",
	    "echo hi > {out}/index.html", "--out", "_build/html", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0, "%s",
	    t.err);
	got = read_file(site, "_build/html/index.html");
	cr_assert_str_eq(got, "hi\n");
	free(got);
}
