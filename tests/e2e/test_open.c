/* test_open.c - `tend serve --open`: xdg-open the URL once, detached */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site, *bin, *old_path;

static void
teardown(void)
{
	if (old_path)
		setenv("PATH", old_path, 1);
	tp_teardown(&t, &site);
	if (bin) {
		rm_rf(bin);
		free(bin);
		bin = NULL;
	}
	free(old_path);
	old_path = NULL;
}

TestSuite(open, .fini = teardown, .timeout = 30);

/* A fake xdg-open in a new folder (bin) that appends to bin/log one line
 * per call: its argument count, its session id and its arguments. */
static void
fake_xdg_open(void)
{
	char path[300];

	bin = tmp_dir();
	write_file(bin, "xdg-open", "#!/bin/sh\n"
	    "read -r pid comm state ppid pgrp sid rest < /proc/$$/stat\n"
	    "printf '%s %s %s\\n' \"$#\" \"$sid\" \"$*\" >> \"${0%/*}/log\"\n");
	snprintf(path, sizeof path, "%s/xdg-open", bin);
	cr_assert_eq(chmod(path, 0755), 0);
}

/* Wait up to ms for a whole line in bin/log; its contents, or NULL. */
static char *
wait_log(int ms)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char *s;

	for (; ms > 0; ms -= 10) {
		if ((s = read_file(bin, "log")) && strchr(s, '\n'))
			return s;
		free(s);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

/* log holds exactly one line (a second call, even half-written, fails). */
static bool
one_line(const char *log)
{
	return strchr(log, '\n') == log + strlen(log) - 1;
}

/* Serve with PATH set to path, then restore it (tend has its own copy). */
static void
serve_with_path(const char *path, const char *const *extra)
{
	old_path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	tp_serve(&t, site, extra);
	setenv("PATH", old_path, 1);
}

Test(open, opens_the_url_once_detached)
{
	static const char *const extra[] = { "--open", NULL };
	char path[4200], got[200], url[160], *log;
	int argc, sid;
	pid_t child;

	site = make_site();
	fake_xdg_open();
	snprintf(path, sizeof path, "%s:%s", bin,
	    getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	serve_with_path(path, extra);
	log = wait_log(5000);
	cr_assert_not_null(log, "xdg-open was not run; stderr:\n%s", t.err);
	/* one argument, the URL; a session other than tend's */
	cr_assert_eq(sscanf(log, "%d %d %199s", &argc, &sid, got), 3,
	    "got: %s", log);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(argc, 1, "got: %s", log);
	cr_assert_str_eq(got, url);
	cr_assert_neq(sid, (int)getsid(t.pid),
	    "xdg-open ran in tend's session: %s", log);
	cr_assert(one_line(log), "got: %s", log);
	free(log);

	/* a restarted server child and a rebuild open nothing more */
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert_eq(pgroup_others(t.pid, &child, 1), 1,
	    "xdg-open was left in tend's process group");
	cr_assert_eq(kill(child, SIGKILL), 0);
	cr_assert(tp_wait_err(&t, "restarting it", 3000), "%s", t.err);
	cr_assert(http_wait_body(url, "Home page", 3000));
	write_file(site, "index.md", "# Home again\n");
	cr_assert(http_wait_body(url, "Home again", 5000));
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
	log = read_file(bin, "log");
	cr_assert_not_null(log);
	cr_assert(one_line(log), "xdg-open ran more than once:\n%s", log);
	free(log);
	cr_assert(!strstr(t.err, "xdg-open"), "stderr:\n%s", t.err);
}

Test(open, missing_xdg_open_is_one_warning)
{
	static const char *const extra[] = { "--open", NULL };
	char url[160];
	const char *p;
	int lines = 0;

	site = make_site();
	bin = tmp_dir();	/* an empty folder: no xdg-open on PATH */
	serve_with_path(bin, extra);
	cr_assert(tp_wait_err(&t, "xdg-open", 3000), "stderr:\n%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "Home page", 5000));
	for (p = t.err; (p = strstr(p, "xdg-open")); p++)
		lines++;
	cr_assert_eq(lines, 1, "stderr:\n%s", t.err);
	cr_assert(strstr(t.err, "cannot open '"), "stderr:\n%s", t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT);
}

Test(open, only_with_serve)
{
	static const char *const args[] = { "build", ".", "--open", NULL };

	site = make_site();
	tp_start(&t, site, args);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 2);
	cr_assert(strstr(t.err, "--open goes with 'tend serve'"),
	    "stderr:\n%s", t.err);
}

Test(open, opens_the_base_path)
{
	static const char *const extra[] = { "--open", "--base", "repo", NULL };
	char path[4200], got[200], url[160], *log;
	int argc, sid;

	site = make_site();
	fake_xdg_open();
	snprintf(path, sizeof path, "%s:%s", bin,
	    getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	serve_with_path(path, extra);
	log = wait_log(5000);
	cr_assert_not_null(log, "xdg-open was not run; stderr:\n%s", t.err);
	cr_assert_eq(sscanf(log, "%d %d %199s", &argc, &sid, got), 3,
	    "got: %s", log);
	snprintf(url, sizeof url, "%s/repo/", t.url);
	cr_assert_str_eq(got, url);
	free(log);
}
