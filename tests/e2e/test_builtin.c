/* test_builtin.c - the built-in builder: symlinks, a full disk, failed builds */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site, *outside;

static void
teardown(void)
{
	tp_teardown(&t, &site);
	rm_rf(outside);
	free(outside);
	outside = NULL;
}

TestSuite(builtin, .fini = teardown, .timeout = 40);

/* GET path from the server t runs; the status, body in *body if not NULL. */
static long
get(const char *path, char **body)
{
	char url[256];

	snprintf(url, sizeof url, "%s%s", t.url, path);
	return http_get(url, body);
}

static void
link_or_die(const char *target, const char *dir, const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	cr_assert_eq(symlink(target, path), 0, "symlink %s", path);
}

/* `tend build SITE EXTRA...`; asserts it exits with status want. */
static void
build(const char *extra, int want)
{
	tp_start(&t, NULL, (const char *const[]){ "build", site, extra,
	    NULL });
	cr_assert(tp_wait_exit(&t, 20000), "build hangs: %s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == want,
	    "status %#x, want %d: %s", t.status, want, t.err);
}

Test(builtin, symlinks_out_of_src_are_not_served)
{
	char path[512];

	site = make_site();
	outside = tmp_dir();
	write_file(outside, "secret.txt", "the secret\n");
	snprintf(path, sizeof path, "%s/secret.txt", outside);
	link_or_die(path, site, "passwd.txt");
	link_or_die(outside, site, "etc");
	link_or_die("style.css", site, "alias.css");	/* stays in SRC */
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_expect_eq(get("/passwd.txt", NULL), 404);
	cr_expect_eq(get("/etc/secret.txt", NULL), 404);
	cr_expect_eq(get("/alias.css", NULL), 200);
	cr_expect_eq(get("/index.html", NULL), 200);
	cr_expect(strstr(t.err, "skipping 'passwd.txt': it points outside "
	    "the source folder (--follow-symlinks publishes it)"), "%s",
	    t.err);
	cr_expect(strstr(t.err, "skipping 'etc': it points outside"), "%s",
	    t.err);
	cr_expect(strstr(t.out, "\"ok\":true"), "%s", t.out);
}

Test(builtin, follow_symlinks_publishes_them)
{
	char path[512], *s;

	site = make_site();
	outside = tmp_dir();
	write_file(outside, "sub/secret.txt", "the secret\n");
	snprintf(path, sizeof path, "%s/sub/secret.txt", outside);
	link_or_die(path, site, "passwd.txt");
	link_or_die(outside, site, "etc");
	build("--follow-symlinks", 0);
	s = read_file(site, "_site/passwd.txt");
	cr_expect(s && !strcmp(s, "the secret\n"), "%s", s ? s : "missing");
	free(s);
	cr_expect(file_exists(site, "_site/etc/sub/secret.txt"));
	cr_expect_null(strstr(t.err, "skipping"), "%s", t.err);
}

Test(builtin, help_names_follow_symlinks)
{
	tp_start(&t, NULL, (const char *const[]){ "--help", NULL });
	cr_assert(tp_wait_exit(&t, 5000));
	cr_expect(strstr(t.out, "--follow-symlinks"), "%s", t.out);
}

Test(builtin, symlink_loops_are_skipped_and_the_site_served)
{
	site = make_site();
	link_or_die("knot", site, "knot");		/* ELOOP */
	link_or_die("..", site, "guide/up");		/* a folder loop */
	link_or_die("nowhere", site, "dangling");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_expect(strstr(t.out, "\"ok\":true"), "%s", t.out);
	cr_expect_eq(get("/", NULL), 200, "%s", t.err);
	cr_expect_eq(get("/guide/page.html", NULL), 200);
	cr_expect_eq(get("/guide/up/index.html", NULL), 404);
	cr_expect(strstr(t.err, "skipping 'knot': a symlink loop"), "%s",
	    t.err);
	cr_expect(strstr(t.err, "skipping 'guide/up': a symlink loop (it "
	    "links to '.')"), "%s", t.err);
	cr_expect(strstr(t.err, "skipping 'dangling': a dangling symlink"),
	    "%s", t.err);
	/* a loop made while serving: the next build still succeeds */
	link_or_die("guide", site, "guide/again");
	write_file(site, "index.md", "# After the loop\n");
	cr_assert(http_wait_body(t.url, "After the loop", 10000), "%s", t.err);
	cr_expect_null(strstr(t.out, "\"ok\":false"), "%s", t.out);
}

/* Run `sh -c script` with TEND, SITE and MNT set; its exit status. */
static int
run_sh(const char *mnt, const char *script)
{
	setenv("TEND", tend_bin(), 1);
	setenv("SITE", site, 1);
	setenv("MNT", mnt, 1);
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c", script, NULL });
	cr_assert(tp_wait_exit(&t, 30000), "did not finish: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/*
 * SRC on the disk, the output on a 256 KiB tmpfs (another file system: the
 * copy falls back to read/write) in a mount namespace of our own.
 */
Test(builtin, copy_that_does_not_fit_fails_the_build)
{
	int code;

	site = tmp_dir();
	outside = tmp_dir();
	write_file(site, "index.md", "# First\n");
	code = run_sh(outside, "unshare -m true || exit 77; "
	    "exec unshare -m sh -c '"
	    "mount -t tmpfs -o size=256k tmpfs \"$MNT\" || exit 77; "
	    "\"$TEND\" build \"$SITE\" --out \"$MNT/out\" || exit 10; "
	    "echo \"# Second\" > \"$SITE/index.md\" && "
	    "head -c 400000 /dev/urandom > \"$SITE/big.bin\" && "
	    "\"$TEND\" build \"$SITE\" --out \"$MNT/out\"; "
	    "echo \"status=$?\" >&2; "
	    "cat \"$MNT/out/index.html\"; ls -a \"$MNT\" \"$MNT/out\" >&2'");
	if (code == 77)
		cr_skip_test("no mount namespaces here");
	cr_assert_eq(code, 0, "stderr:\n%s", t.err);
	cr_expect(strstr(t.err, "status=1"), "%s", t.err);
	cr_expect(strstr(t.err, "cannot copy 'big.bin': No space left on "
	    "device"), "%s", t.err);
	cr_expect(strstr(t.out, "id=\"first\">First"),
	    "the last good output was lost: %s", t.out);
	cr_expect_null(strstr(t.err, "big.bin\n"), "published: %s", t.err);
	cr_expect_null(strstr(t.err, ".tend-new"), "staging left: %s", t.err);
}

/* Did the last build that tend reported succeed? */
static bool
last_build_ok(void)
{
	static const char ok[] = "{\"event\":\"build\",\"ok\":true";
	const char *p = t.out, *last = NULL;

	while ((p = strstr(p, "{\"event\":\"build\"")))
		last = p++;
	return last && !strncmp(last, ok, sizeof ok - 1);
}

/*
 * `tend serve` with its output on a small tmpfs: an edit made in the same
 * burst as a page too big for the disk is built by the next good build.
 */
Test(builtin, edit_made_in_a_failed_build_is_not_lost)
{
	char big[300001];
	int builds;

	site = make_site();
	outside = tmp_dir();
	write_file(site, "a.md", "# Old text\n");
	setenv("TEND", tend_bin(), 1);
	setenv("SITE", site, 1);
	setenv("MNT", outside, 1);
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c",
	    "unshare -m true || { echo no-mountns >&2; exit 77; }; "
	    "exec unshare -m sh -c '"
	    "mount -t tmpfs -o size=256k tmpfs \"$MNT\" || exit 77; "
	    "exec \"$TEND\" serve \"$SITE\" --out \"$MNT/out\" --port 0 "
	    "--json-log --debounce 300'", NULL });
	if (!tp_wait_out(&t, "\"event\":\"listen\"", 10000)) {
		if (strstr(t.err, "no-mountns") || tp_wait_exit(&t, 0))
			cr_skip_test("no mount namespaces here: %s", t.err);
		cr_assert_fail("no listen line: %s", t.err);
	}
	t.port = atoi(strstr(t.out, "\"port\":") + 7);
	snprintf(t.url, sizeof t.url, "http://127.0.0.1:%d", t.port);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_assert(http_wait_body(t.url, "Home page", 5000), "%s", t.err);
	/* one burst: the edit, and a page that does not fit */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	write_file(site, "a.md", "# New text\n");
	write_file(site, "big.md", big);
	cr_assert(tp_wait_out(&t, "\"ok\":false", 10000), "%s", t.err);
	builds = tp_builds(&t);
	cr_expect(strstr(t.err, "No space left on device"), "%s", t.err);
	cr_expect(strstr(t.err, "still serving the last good build"), "%s",
	    t.err);
	cr_expect(http_wait_body(t.url, "Home page", 2000));
	/* the page goes: the next build has the edit of the failed one */
	cr_assert_eq(unlink(strcat(strcpy(big, site), "/big.md")), 0);
	cr_assert(tp_wait_builds(&t, builds + 1, 10000), "%s", t.err);
	cr_expect(last_build_ok(), "the next build failed too: %s", t.out);
	snprintf(big, sizeof big, "%s/a.html", t.url);
	cr_expect(http_wait_body(big, "New text", 5000),
	    "the edit made during the failed build was lost:\n%s", t.err);
	tp_signal_group(&t, SIGINT);
	cr_expect(tp_wait_exit(&t, 5000));
}

/* Two tends on one output would share its staging folder: the second is
 * refused at once, told the first one's PID; once the first has exited,
 * a build goes through. */
Test(builtin, second_tend_on_one_output_is_refused)
{
	struct tend_proc t2;
	char want[128];

	site = make_site();
	tp_serve(&t, site, NULL);
	tp_start(&t2, NULL, (const char *const[]){ "build", site, NULL });
	cr_assert(tp_wait_exit(&t2, 5000), "second tend waits: %s", t2.err);
	snprintf(want, sizeof want, "another tend (pid %ld) is building into",
	    (long)t.pid);
	cr_expect(WIFEXITED(t2.status) && WEXITSTATUS(t2.status) == 2,
	    "status %#x: %s", t2.status, t2.err);
	cr_expect(strstr(t2.err, want), "stderr: %s", t2.err);
	cr_expect(strchr(t2.err, '\n') == t2.err + strlen(t2.err) - 1,
	    "not one line: %s", t2.err);
	tp_cleanup(&t2);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 10000), "serve does not stop");
	cr_assert(pgroup_wait_empty(t.pid, 5000));
	tp_cleanup(&t);
	build(NULL, 0);
}

/* The second tend is refused before it touches anything: the first one's
 * staging folder, in use by its build command, stays whole. */
Test(builtin, second_tend_leaves_the_first_ones_staging_alone)
{
	struct tend_proc t2;
	char cmd[1024], stop[600], *ctl = tmp_dir();
	long long deadline;

	site = make_site();
	snprintf(stop, sizeof stop, "%s/stop", ctl);
	snprintf(cmd, sizeof cmd, "echo one > {out}/a.html && until [ -e '%s' ]"
	    "; do sleep 0.02; done && cp {out}/a.html {out}/b.html", stop);
	tp_serve(&t, site, (const char *const[]){ "--cmd", cmd, "--out",
	    "out", NULL });
	deadline = now_ms() + 10000;
	while (!file_exists(site, ".out.tend-new/a.html") && now_ms() < deadline)
		usleep(10000);
	cr_assert(file_exists(site, ".out.tend-new/a.html"), "%s", t.err);
	tp_start(&t2, NULL, (const char *const[]){ "build", site, "--out",
	    "out", NULL });
	cr_assert(tp_wait_exit(&t2, 10000), "second tend waits: %s", t2.err);
	cr_expect(strstr(t2.err, "another tend (pid"), "%s", t2.err);
	tp_cleanup(&t2);
	cr_expect(file_exists(site, ".out.tend-new/a.html"),
	    "the second tend removed the first one's staging folder");
	write_file(ctl, "stop", "");
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_expect(strstr(t.out, "\"ok\":true"), "%s\n%s", t.out, t.err);
	cr_expect(file_exists(site, "out/b.html"));
	tp_signal_group(&t, SIGINT);
	cr_expect(tp_wait_exit(&t, 10000));
	rm_rf(ctl);
	free(ctl);
}

/* A stylesheet rewritten with other bytes of the same size, its old mtime
 * put back (cp -p, tar x, rsync -t): tend serve serves the new bytes. */
Test(builtin, copy_rewritten_with_same_size_and_mtime_is_served_anew)
{
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, 0 } };
	char path[512], url[256], *body = NULL;
	struct stat st;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_assert_eq(get("/style.css", &body), 200);
	cr_assert_str_eq(body, "body { color: black; }\n");
	free(body);
	snprintf(path, sizeof path, "%s/style.css", site);
	cr_assert_eq(stat(path, &st), 0);
	ts[1] = st.st_mtim;
	usleep(20000);		/* past the clock's tick */
	write_file(site, "style.css", "body { color: white; }\n");
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
	cr_assert(tp_wait_builds(&t, 2, 10000), "no build: %s", t.err);
	snprintf(url, sizeof url, "%s/style.css", t.url);
	cr_assert(http_wait_body(url, "white", 3000),
	    "the old bytes are still served; stderr:\n%s", t.err);
}
