/* test_limits.c - the inotify watch limit, a full disk, --quiet */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(limits, .fini = teardown, .timeout = 30);

/* Run `sh -c script` with TEND and SITE in its environment; exit code. */
static int
run_sh(const char *script)
{
	setenv("TEND", tend_bin(), 1);
	setenv("SITE", site, 1);
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c", script, NULL });
	cr_assert(tp_wait_exit(&t, 20000), "did not finish: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

Test(limits, watch_limit_is_a_clear_error_then_polling)
{
	char url[256];
	const char *p;

	site = make_site();
	write_file(site, "a/b/c/d/e/page.md", "# deep\n");
	setenv("TEND", tend_bin(), 1);
	setenv("SITE", site, 1);
	/* a user namespace of tend's own, with room for 3 watches */
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c",
	    "unshare -Ur sh -c 'echo 3 > /proc/sys/user/max_inotify_watches' "
	    "|| { echo no-userns >&2; exit 77; }; "
	    "exec unshare -Ur sh -c 'echo 3 > "
	    "/proc/sys/user/max_inotify_watches && exec \"$TEND\" serve "
	    "\"$SITE\" --port 0 --json-log'", NULL });
	if (!tp_wait_out(&t, "\"event\":\"listen\"", 10000)) {
		if (strstr(t.err, "no-userns"))
			cr_skip_test("no user namespaces here");
		cr_assert_fail("no listen line: %s", t.err);
	}
	cr_assert(tp_wait_err(&t, "max_user_watches", 1000), "%s", t.err);
	cr_assert(strstr(t.err, "the inotify watch limit is reached"), "%s",
	    t.err);
	cr_assert(strstr(t.err, "polling every 1000 ms instead"), "%s", t.err);
	p = strstr(t.out, "\"port\":");
	snprintf(url, sizeof url, "http://127.0.0.1:%d/a/b/c/d/e/page.html",
	    atoi(p + 7));
	cr_assert(http_wait_body(url, "deep", 5000));
	/* polling still sees an edit deep in the tree */
	write_file(site, "a/b/c/d/e/page.md", "# deeper still\n");
	cr_assert(http_wait_body(url, "deeper still", 5000), "%s", t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
}

Test(limits, full_disk_fails_the_build_and_keeps_the_output)
{
	int code;
	char *page;

	site = tmp_dir();
	/* a 256 KiB tmpfs in a mount namespace of our own */
	code = run_sh("unshare -m true || exit 77; exec unshare -m sh -c '"
	    "mount -t tmpfs -o size=256k tmpfs \"$SITE\" || exit 77; "
	    "mkdir \"$SITE/src\" && echo \"# First\" > \"$SITE/src/index.md\" && "
	    "\"$TEND\" build \"$SITE/src\" || exit 10; "
	    "echo \"# Second\" > \"$SITE/src/index.md\" && "
	    "head -c 200000 /dev/zero > \"$SITE/src/big.bin\" && "
	    "\"$TEND\" build \"$SITE/src\"; echo \"status=$?\" >&2; "
	    "cat \"$SITE/src/_site/index.html\"; "
	    "ls -a \"$SITE/src\" >&2'");
	if (code == 77)
		cr_skip_test("no mount namespaces here");
	cr_assert_eq(code, 0, "stderr:\n%s", t.err);
	cr_assert(strstr(t.err, "status=1"), "%s", t.err);
	cr_assert(strstr(t.err, "No space left on device"), "%s", t.err);
	page = t.out;
	cr_assert(strstr(page, "<h1 id=\"first\">First<a class=\"anchor\""),
	    "the last good output was lost: %s", page);
	cr_assert_null(strstr(t.err, ".tend-new"), "staging left: %s", t.err);
}

Test(limits, quiet_prints_nothing_on_success)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", "-q", site, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0);
	cr_assert_str_eq(t.err, "");
	cr_assert_str_eq(t.out, "");
}

Test(limits, verbose_and_json_for_scripts)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", "--json-log",
	    site, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(strstr(t.out, "{\"event\":\"build\",\"ok\":true,"
	    "\"generation\":1,"), "%s", t.out);
	cr_assert(strstr(t.out, "{\"event\":\"stop\",\"reason\":\"done\","
	    "\"status\":0}\n"), "%s", t.out);
}
