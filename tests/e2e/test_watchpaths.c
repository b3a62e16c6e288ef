/*
 * test_watchpaths.c - `tend serve --watch PATH`: a file or a folder outside
 * SRC starts a build (a full one for the built-in builder, TEND_CHANGED for
 * a command), also with --poll; mkdocs.yml's watch: list; the errors.
 *
 * The layout outside SRC reaches the built-in builder through a symlink,
 * SRC/_layout.html -> ../theme/layout.html, as a shared theme would: without
 * --watch its edits start no build at all.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define QUIET_MS 500		/* no build within this: no further build */
#define BUILD_MS 15000

static struct tend_proc t;
static char *top;		/* holds site/, theme/, data/ */

static void
teardown(void)
{
	tp_teardown(&t, &top);
}

TestSuite(watchpaths, .fini = teardown, .timeout = 90);

/* top/rel in one of a few rotating buffers. */
static const char *
at(const char *rel)
{
	static char buf[8][1024];
	static int i;
	char *b = buf[i++ % 8];

	snprintf(b, sizeof buf[0], "%s/%s", top, rel);
	return b;
}

static const char *
url(const char *rel)
{
	static char buf[1024];

	snprintf(buf, sizeof buf, "%s/%s", t.url, rel);
	return buf;
}

/* A site whose layout is ../theme/layout.html, and a data folder. */
static void
make_top(void)
{
	top = tmp_dir();
	write_file(top, "site/index.md", "# Home\n");
	write_file(top, "site/b.md", "# Page B\n");
	write_file(top, "theme/layout.html",
	    "<html><body>theme one {{ content }}</body></html>\n");
	write_file(top, "theme/other.txt", "x\n");
	write_file(top, "data/sub/values.txt", "v1\n");
	cr_assert_eq(symlink("../theme/layout.html", at("site/_layout.html")),
	    0);
}

/* Start tend serve top/site with extra options; first build done. */
static void
serve(const char *const *extra)
{
	const char *args[24] = { "--debounce", "50" };
	size_t n = 2;

	for (; extra && *extra; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	tp_serve(&t, at("site"), args);
	cr_assert(tp_wait_builds(&t, 1, BUILD_MS), "no first build:\n%s",
	    t.err);
	cr_assert_not(tp_wait_builds(&t, 2, QUIET_MS), "a second build:\n%s",
	    t.out);
}

/* One build more than before, and it names path in "changed". */
static void
expect_build_of(int before, const char *path)
{
	const char *last;

	cr_assert(tp_wait_builds(&t, before + 1, BUILD_MS),
	    "no build after a change to %s:\n%s", path, t.err);
	cr_assert_not(tp_wait_builds(&t, before + 2, QUIET_MS),
	    "more than one build:\n%s", t.out);
	last = strrchr(t.out, '\n');
	while (last > t.out && !strstr(last, "\"event\":\"build\""))
		last--;
	last = strstr(last, "\"event\":\"build\"");
	cr_assert(last && strstr(last, path), "the build does not name %s:\n%s",
	    path, t.out);
	cr_assert(strstr(last, "\"ok\":true"), "%s\n%s", last, t.err);
}

static void
expect_no_build(int before, const char *what)
{
	cr_assert_not(tp_wait_builds(&t, before + 1, QUIET_MS),
	    "%s started a build:\n%s", what, t.out);
}

Test(watchpaths, builtin_file_outside_src_rebuilds_everything)
{
	int n;

	make_top();
	serve((const char *const[]){ "--watch", at("theme/layout.html"),
	    NULL });
	cr_assert(http_wait_body(url("b.html"), "theme one", BUILD_MS));
	n = tp_builds(&t);
	write_file(top, "theme/layout.html.tmp",
	    "<html><body>theme two {{ content }}</body></html>\n");
	cr_assert_eq(rename(at("theme/layout.html.tmp"),
	    at("theme/layout.html")), 0);	/* saved as editors do */
	expect_build_of(n, at("theme/layout.html"));
	/* every page has it: the build was a full one */
	cr_assert(http_wait_body(url("b.html"), "theme two", BUILD_MS));
	cr_assert(http_wait_body(url(""), "theme two", BUILD_MS));
	cr_assert(tp_wait_err(&t, "rebuilding everything after changes to",
	    1000), "%s", t.err);
	/* a file beside it was not asked for */
	n = tp_builds(&t);
	write_file(top, "theme/other.txt", "y\n");
	expect_no_build(n, "a file beside the watched one");
}

Test(watchpaths, builtin_folder_outside_src)
{
	int n;

	make_top();
	serve((const char *const[]){ "--watch", at("theme"), "--watch",
	    at("data"), NULL });
	n = tp_builds(&t);
	write_file(top, "data/sub/values.txt", "v2\n");
	expect_build_of(n, at("data/sub/values.txt"));
	n = tp_builds(&t);
	write_file(top, "data/sub/new/deeper.txt", "new folder\n");
	expect_build_of(n, "data/sub/new");
	n = tp_builds(&t);
	write_file(top, "theme/layout.html",
	    "<html><body>theme three {{ content }}</body></html>\n");
	expect_build_of(n, at("theme/layout.html"));
	cr_assert(http_wait_body(url("b.html"), "theme three", BUILD_MS));
	/* ignore rules apply there too: editors' files, .gitignore */
	write_file(top, "data/.gitignore", "*.log\n");
	cr_assert(tp_wait_builds(&t, n + 2, BUILD_MS));
	n = tp_builds(&t);
	write_file(top, "data/x.log", "noise\n");
	write_file(top, "data/.x.swp", "noise\n");
	expect_no_build(n, "ignored files in a watched folder");
}

Test(watchpaths, without_watch_an_outside_edit_builds_nothing)
{
	int n;

	make_top();
	serve(NULL);
	n = tp_builds(&t);
	write_file(top, "theme/layout.html", "<html><body>{{ content }}"
	    "</body></html>\n");
	expect_no_build(n, "an unwatched file outside SRC");
}

Test(watchpaths, relative_to_the_current_folder_and_polled)
{
	const char *args[] = { "serve", "site", "--port", "0", "--json-log",
		"--debounce", "50", "--poll", "50", "--watch", "theme/layout.html",
		"--watch", "data", NULL };
	int n;

	make_top();
	tp_start(&t, top, args);	/* in top: the paths are from there */
	cr_assert(tp_wait_out(&t, "\"event\":\"listen\"", 10000), "%s", t.err);
	cr_assert(tp_wait_builds(&t, 1, BUILD_MS), "%s", t.err);
	n = tp_builds(&t);
	write_file(top, "data/sub/values.txt", "polled, and longer\n");
	expect_build_of(n, at("data/sub/values.txt"));
	n = tp_builds(&t);
	write_file(top, "theme/layout.html", "<html><body>polled layout "
	    "{{ content }}</body></html>\n");
	expect_build_of(n, at("theme/layout.html"));
}

Test(watchpaths, command_gets_the_path_in_tend_changed)
{
	char cmd[1024];
	char *changed;
	int n;

	make_top();
	snprintf(cmd, sizeof cmd, "cat '%s' > {out}/index.html && printf "
	    "'%%s' \"$TEND_CHANGED\" > {out}/changed.txt",
	    at("data/sub/values.txt"));
	serve((const char *const[]){ "--cmd", cmd, "--out", "../out",
	    "--watch", at("data"), "--watch", at("theme/layout.html"), NULL });
	n = tp_builds(&t);
	write_file(top, "data/sub/values.txt", "v2 from outside\n");
	expect_build_of(n, at("data/sub/values.txt"));
	cr_assert(http_wait_body(url(""), "v2 from outside", BUILD_MS));
	cr_assert_eq(http_get(url("changed.txt"), &changed), 200);
	cr_expect_str_eq(changed, at("data/sub/values.txt"));
	free(changed);
	n = tp_builds(&t);
	write_file(top, "theme/layout.html", "changed\n");
	expect_build_of(n, at("theme/layout.html"));
	cr_assert_null(strstr(t.err, "rebuilding everything"), "%s", t.err);
}

Test(watchpaths, mkdocs_watch_list_is_read)
{
	char *body;
	int n;

	top = tmp_dir();
	write_file(top, "proj/mkdocs.yml", "site_name: x\nwatch:\n"
	    "  - ../extra   # the code\n  - ../missing\n");
	write_file(top, "proj/docs/index.md", "# Hi\n");
	write_file(top, "extra/x.txt", "v1\n");
	tp_serve(&t, at("proj"), (const char *const[]){ "--builder", "mkdocs",
	    "--debounce", "50", "--cmd", "cat ../extra/x.txt > {out}/index.html",
	    NULL });
	cr_assert(tp_wait_builds(&t, 1, BUILD_MS), "%s", t.err);
	cr_assert(strstr(t.err, "watching '") && strstr(t.err, "/extra' too "
	    "(the watch: list of '"), "%s", t.err);
	cr_assert(strstr(t.err, "warning: not watching '../missing' (the "
	    "watch: list of '"), "%s", t.err);
	n = tp_builds(&t);
	write_file(top, "extra/x.txt", "v2 watched by mkdocs.yml\n");
	expect_build_of(n, at("extra/x.txt"));
	cr_assert(http_wait_body(url(""), "v2 watched by mkdocs.yml",
	    BUILD_MS));
	cr_assert_eq(http_get(url(""), &body), 200);
	free(body);
}

/* tend ARGS... in top must exit 2 with msg on stderr. */
static void
expect_usage_error(const char *const *args, const char *msg)
{
	tp_start(&t, top, args);
	cr_assert(tp_wait_exit(&t, 10000), "tend did not exit");
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 2,
	    "status %d; stderr:\n%s", t.status, t.err);
	cr_assert(strstr(t.err, msg), "no '%s' in:\n%s", msg, t.err);
	tp_cleanup(&t);
}

Test(watchpaths, errors)
{
	make_top();
	cr_assert_eq(mkfifo(at("fifo"), 0644), 0);
	expect_usage_error((const char *const[]){ "serve", "site", "--port",
	    "0", "--watch", "nope", NULL },
	    "tend: error: cannot watch 'nope': No such file or directory");
	expect_usage_error((const char *const[]){ "serve", "site", "--port",
	    "0", "--watch", "fifo", NULL },
	    "cannot watch 'fifo': not a file nor a folder");
	mkdir(at("site/_site"), 0755);
	expect_usage_error((const char *const[]){ "serve", "site", "--port",
	    "0", "--watch", "site/_site", NULL },
	    "cannot watch 'site/_site': it is inside the output folder");
	expect_usage_error((const char *const[]){ "serve", "site", "--port",
	    "0", "--out", "../out", "--watch", "out/x", NULL },
	    "cannot watch 'out/x': No such file or directory");
	mkdir(at("out"), 0755);
	expect_usage_error((const char *const[]){ "serve", "site", "--port",
	    "0", "--out", "../out", "--watch", "out", NULL },
	    "it is inside the output folder");
	expect_usage_error((const char *const[]){ "build", "site", "--watch",
	    "theme", NULL }, "--watch and --navigate go with 'tend serve'");
	expect_usage_error((const char *const[]){ "serve", "site", "--watch",
	    "", NULL }, "the --watch path is empty");
	expect_usage_error((const char *const[]){ "serve", "site", "--watch",
	    NULL }, "option '--watch' needs a value");
}
