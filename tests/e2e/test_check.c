/* test_check.c - tend check: build, serve, crawl, report, exit status */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	cr_assert(strstr(t.out, "/: missing.md → 404\n"), "%s", t.out);
	cr_assert(strstr(t.out, "/about.html: img/missing.png → 404\n"), "%s",
	    t.out);
	cr_assert(strstr(t.out, "/: guide.html#nope → no such fragment #nope\n"),
	    "%s", t.out);
	cr_assert(strstr(t.out, "/orphan.html: nowhere.md → 404\n"), "%s",
	    t.out);
	cr_assert(strstr(t.out, ": 4 broken\n"), "%s", t.out);
	cr_assert_eq(count(t.out, " → "), 4, "%s", t.out);
	xml = read_file(tmp, "report.xml");
	cr_assert_not_null(xml);
	cr_assert(strstr(xml, "<testsuites"), "%s", xml);
	cr_assert_eq(count(xml, "<testcase "), 5, "%s", xml);	/* 404.html */
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
	cr_assert(strstr(t.out, "{\"event\":\"check\",\"pages\":5,"), "%s",
	    t.out);
	cr_assert(strstr(t.out, "\"broken\":4,"), "%s", t.out);
	cr_assert(strstr(t.out, "\"reason\":\"no such fragment #nope\""), "%s",
	    t.out);
}

Test(check, failed_build_exits_3_with_its_log)
{
	tmp = tmp_dir();
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--cmd",
	    "echo the generator broke >&2; exit 3", "--out", tmp, NULL }), 3);
	cr_assert(strstr(t.err, "  | the generator broke"), "%s", t.err);
	cr_assert(strstr(t.err, "build failed: the command exited with "
	    "status 3"), "%s", t.err);
	cr_assert_null(strstr(t.out, "links checked"), "crawled anyway: %s",
	    t.out);
}

/*
 * A failed build still writes the reports: a JUnit file with a failing
 * "build" test case holding the log (replacing an earlier, green one) and
 * a JSON object that says the build failed.
 */
Test(check, failed_build_writes_the_reports)
{
	char junit[1024], out[1024], *xml;

	tmp = tmp_dir();
	snprintf(junit, sizeof junit, "%s/report.xml", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	write_file(tmp, "report.xml", "<testsuites tests=\"8\" "
	    "failures=\"0\"/>\n");
	cr_assert_eq(run((const char *const[]){ "check", tmp, "--cmd",
	    "echo 'the <generator> broke' >&2; exit 3", "--out", out,
	    "--junit", junit, "--json", NULL }), 3, "%s", t.err);
	cr_assert(strstr(t.out, "{\"event\":\"check\",\"pages\":0,"), "%s",
	    t.out);
	cr_assert(strstr(t.out, "\"build\":\"failed\",\"error\":\"the "
	    "command exited with status 3\",\"log\":\"the <generator> "
	    "broke\\n\""), "%s", t.out);
	xml = read_file(tmp, "report.xml");
	cr_assert_not_null(xml);
	cr_assert(strstr(xml, "<testcase classname=\"tend.check\" "
	    "name=\"build\">"), "%s", xml);
	cr_assert(strstr(xml, "<failure type=\"build-failed\" message=\"build "
	    "failed: the command exited with status 3\">the &lt;generator&gt; "
	    "broke\n</failure>"), "%s", xml);
	cr_assert(strstr(xml, "tests=\"1\" failures=\"1\""), "%s", xml);
	free(xml);
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

/*
 * The report is the result: a report that cannot be written (a full disk,
 * here /dev/full) is an error and exit 1, never a silent exit 0.
 */
Test(check, unwritable_report_is_an_error)
{
	char out[1024];

	tmp = tmp_dir();
	snprintf(out, sizeof out, "%s/out", tmp);
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c",
	    "exec \"$0\" \"$@\" >/dev/full", tend_bin(), "check",
	    src("site-example"), "-o", out, NULL });
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s",
	    t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 1,
	    "status %#x: %s", t.status, t.err);
	cr_assert(strstr(t.err, "cannot write the report: No space "
	    "left on device\n"), "%s", t.err);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
}

/*
 * A link to a folder without index.html: tend's server answers it with a
 * listing, every real host with 404. It is a broken link, and the listing
 * is not checked as a page.
 */
Test(check, folder_without_index_is_broken)
{
	char srcdir[1024], out[1024];

	tmp = tmp_dir();
	write_file(tmp, "src/index.md", "[files](files/) [docs](docs/) "
	    "[bare](files)\n");
	write_file(tmp, "src/files/notes.txt", "notes");
	write_file(tmp, "src/files/more.md", "[up](../)\n");
	write_file(tmp, "src/docs/index.md", "# Docs\n");
	snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check", srcdir, "-o", out,
	    NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/: files/ → folder without index.html\n"),
	    "%s", t.out);
	cr_assert(strstr(t.out, "/: files → folder without index.html\n"),
	    "%s", t.out);
	cr_assert_eq(count(t.out, " → "), 2, "%s", t.out);
	/* /, /docs/, 404.html and the orphan /files/more.html: not the
	 * listing. */
	cr_assert(strstr(t.out, "4 pages, "), "%s", t.out);
	cr_assert(strstr(t.out, ": 2 broken\n"), "%s", t.out);
}

/* How many entries the folder dir/rel holds; -1 if it cannot be read. */
static int
entries(const char *dir, const char *rel)
{
	char path[1024];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if (!(d = opendir(path)))
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/*
 * Start `tend check ARGS...` (at most 8) with TMPDIR=tmp/tmp, in a mount
 * namespace where tmp/src is read-only when ro (the test is skipped where
 * that cannot be done).
 */
static void
start_in(bool ro, const char *const *args)
{
	static char tmpenv[1100], srcdir[1024];
	const char *argv[24] = { "env", tmpenv };
	size_t n = 2;

	snprintf(tmpenv, sizeof tmpenv, "TMPDIR=%s/tmp", tmp);
	snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
	mkdir(tmpenv + strlen("TMPDIR="), 0755);
	if (ro) {
		if (system("unshare -m true 2>/dev/null") != 0)
			cr_skip_test("no mount namespace to make SRC read-only");
		argv[n++] = "unshare";
		argv[n++] = "-m";
		argv[n++] = "sh";
		argv[n++] = "-c";
		/* exit 99 if SRC is still writable */
		argv[n++] = "mount --bind -o ro \"$1\" \"$1\" && ! touch "
		    "\"$1/x\" 2>/dev/null || exit 99; shift; exec \"$0\" \"$@\"";
		argv[n++] = tend_bin();
		argv[n++] = srcdir;
	} else {
		argv[n++] = tend_bin();
	}
	argv[n++] = "check";
	argv[n++] = srcdir;
	for (; *args; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	tp_exec(&t, NULL, argv);
}

/*
 * tend check without --out builds into a temporary folder of its own,
 * removed at exit: a read-only checkout is checked, and SRC gets no
 * _site (or .tend-site).
 */
Test(check, read_only_source_is_checked_in_a_temporary_folder)
{
	tmp = tmp_dir();
	write_file(tmp, "src/index.md", "# Home\n\n[guide](guide.html)\n");
	write_file(tmp, "src/guide.md", "# Guide\n");
	start_in(true, (const char *const[]){ NULL });
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s",
	    t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x:\n%s\n%s", t.status, t.out, t.err);
	cr_assert(strstr(t.out, "3 pages, "), "%s", t.out);	/* 404.html */
	cr_assert_eq(entries(tmp, "src"), 2, "SRC was written into");
	cr_assert_eq(entries(tmp, "tmp"), 0, "the temporary output was left");
}

/*
 * A generator that writes caches into SRC (Sphinx's doctrees, Jekyll's
 * .jekyll-cache, Hugo's resources/) checks a read-only checkout too: tend
 * gives the caches a temporary folder, says where once, and removes it at
 * exit. Skipped unless program is installed.
 */
static void
check_read_only(const char *name, const char *program)
{
	char cmd[2300];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null", program);
	if (system(cmd) != 0)
		cr_skip_test("%s is not installed", program);
	tmp = tmp_dir();
	snprintf(cmd, sizeof cmd, "cp -R '%s%s' '%s/src'",
	    src("tests/fixtures/gen-"), name, tmp);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
	start_in(true, (const char *const[]){ NULL });
	cr_assert(tp_wait_exit(&t, 50000), "tend check did not end: %s",
	    t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x:\n%s\n%s", t.status, t.out, t.err);
	cr_assert(strstr(t.err, "is read-only: "), "%s", t.err);
	cr_assert(strstr(t.err, "'s caches go to "), "%s", t.err);
	cr_assert_eq(count(t.err, "caches go to"), 1, "%s", t.err);
	/* tend's own: Hugo keeps its module cache in $TMPDIR as always */
	snprintf(cmd, sizeof cmd, "ls -A '%s/tmp' | grep -q '^tend-'", tmp);
	cr_assert_neq(system(cmd), 0, "the caches' folder was left");
}

Test(check, read_only_sphinx_project_keeps_its_doctrees_outside)
{
	check_read_only("sphinx", "sphinx-build");
}

Test(check, read_only_jekyll_project_keeps_no_disk_cache)
{
	check_read_only("jekyll", "jekyll");
}

Test(check, read_only_hugo_project_keeps_its_resources_outside)
{
	check_read_only("hugo", "hugo");
}

/*
 * docs/ of a MkDocs project whose mkdocs.yml is in the folder above: tend
 * says so once, naming the project, and builds docs/ alone as before (a
 * warning, not an error). The walk stops at the git work tree's root.
 */
Test(check, folder_inside_a_project_above_says_so)
{
	char docs[1100], want[1300];

	tmp = tmp_dir();
	write_file(tmp, "mkdocs.yml", "site_name: x\n");
	write_file(tmp, "docs/index.md", "# Home\n");
	write_file(tmp, ".git/HEAD", "ref: refs/heads/main\n");
	snprintf(docs, sizeof docs, "%s/docs", tmp);
	snprintf(want, sizeof want, "'%s' is part of the MkDocs project at "
	    "'%s' (mkdocs.yml): run tend there, or --builder builtin to build "
	    "this folder alone\n", docs, tmp);
	cr_assert_eq(run((const char *const[]){ "check", docs, NULL }), 0,
	    "%s", t.err);
	cr_assert(strstr(t.err, want), "%s", t.err);
	cr_assert_eq(count(t.err, "is part of the"), 1, "%s", t.err);
	cr_assert(strstr(t.out, "2 pages, "), "%s", t.out);	/* 404.html */

	/* --builder builtin: asked for, nothing to say */
	cr_assert_eq(run((const char *const[]){ "check", docs, "--builder",
	    "builtin", NULL }), 0, "%s", t.err);
	cr_assert_null(strstr(t.err, "is part of"), "%s", t.err);

	/* another docs_dir: docs/ is not part of it */
	write_file(tmp, "mkdocs.yml", "site_name: x\ndocs_dir: pages\n");
	mkdir(docs, 0755);
	cr_assert_eq(run((const char *const[]){ "check", docs, NULL }), 0,
	    "%s", t.err);
	cr_assert_null(strstr(t.err, "is part of"), "%s", t.err);
}

/* The same for a command with {out}, as a detected generator runs. */
Test(check, staged_command_builds_in_a_temporary_folder)
{
	tmp = tmp_dir();
	write_file(tmp, "src/index.html", "<p>hi</p>");
	start_in(false, (const char *const[]){ "--cmd", "cp index.html {out}/",
	    NULL });
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s",
	    t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x:\n%s\n%s", t.status, t.out, t.err);
	cr_assert(strstr(t.out, "1 page, "), "%s", t.out);
	cr_assert_eq(entries(tmp, "src"), 1, "SRC was written into");
	cr_assert_eq(entries(tmp, "tmp"), 0, "the temporary output was left");
}

/* A failed build and a Ctrl-C leave no temporary output either. */
Test(check, temporary_output_is_removed_after_a_failure_or_ctrl_c)
{
	tmp = tmp_dir();
	write_file(tmp, "src/index.html", "<p>hi</p>");
	start_in(false, (const char *const[]){ "--cmd", "exit 1", NULL });
	cr_assert(tp_wait_exit(&t, 30000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 3,
	    "status %#x: %s", t.status, t.err);
	cr_assert_eq(entries(tmp, "tmp"), 0, "left after a failed build");
	tp_cleanup(&t);

	start_in(false, (const char *const[]){ "-v", "--cmd",
	    "sleep 1 && cp index.html {out}/", NULL });
	cr_assert(tp_wait_err(&t, "(process group ", 5000), "%s", t.err);
	cr_assert_eq(entries(tmp, "tmp"), 1);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT,
	    "status %#x: %s", t.status, t.err);
	cr_assert_eq(entries(tmp, "tmp"), 0, "left after Ctrl-C");
	cr_assert_eq(entries(tmp, "src"), 1, "SRC was written into");
}

/*
 * Reports that read better: a stylesheet missing on every page is one
 * line; a link that misses a file by case names it; pages read decoded;
 * JUnit test cases have a file and a time.
 */
Test(check, reports_group_targets_hint_case_and_decode_pages)
{
	char srcdir[1024], out[1024], junit[1024], *xml;

	tmp = tmp_dir();
	write_file(tmp, "src/_layout.html", "<!doctype html><html><head>"
	    "<title>{{ title }}</title><link rel=\"stylesheet\" "
	    "href=\"{{ root }}css/x.css\"></head><body>{{ content }}</body>"
	    "</html>\n");
	write_file(tmp, "src/index.md", "# Home\n\n[a](a.html) [b](b.html) "
	    "[us](%C3%9Cber%20uns/)\n");
	write_file(tmp, "src/a.md", "# A\n\n![shot](img/screenshot.png)\n");
	write_file(tmp, "src/b.md", "# B\n");
	write_file(tmp, "src/\xc3\x9c" "ber uns/index.md", "# Us\n\n"
	    "[gone](gone.html)\n");
	write_file(tmp, "src/img/Screenshot.png", "png");
	snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/out", tmp);
	snprintf(junit, sizeof junit, "%s/r.xml", tmp);
	cr_assert_eq(run((const char *const[]){ "check", srcdir, "-o", out,
	    "--junit", junit, NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/css/x.css → 404, linked from 4 pages: /, "
	    "/\xc3\x9c" "ber uns/, /a.html and 1 more\n"), "%s", t.out);
	cr_assert(strstr(t.out, "/a.html: img/screenshot.png → 404 (did you "
	    "mean /img/Screenshot.png?)\n"), "%s", t.out);
	cr_assert(strstr(t.out, "/\xc3\x9c" "ber uns/: gone.html → 404\n"),
	    "%s", t.out);
	cr_assert_eq(count(t.out, " → "), 3, "%s", t.out);
	cr_assert(strstr(t.out, ": 6 broken\n"), "%s", t.out);
	xml = read_file(tmp, "r.xml");
	cr_assert_not_null(xml);
	cr_assert(strstr(xml, "name=\"/\xc3\x9c" "ber uns/\" file=\"\xc3\x9c"
	    "ber uns/index.html\" time=\""), "%s", xml);
	cr_assert(strstr(xml, "name=\"/a.html\" file=\"a.html\" time=\""),
	    "%s", xml);
	cr_assert(strstr(xml, "skipped=\"0\" time=\""), "%s", xml);
	free(xml);
}

/*
 * --out writable but the folder holding it not (a tmpfs mounted read-only,
 * with another, writable, on --out): the message names the folder that
 * cannot be written, not --out, which can.
 */
Test(check, writable_out_in_a_read_only_parent_names_the_parent)
{
	char script[2048];

	tmp = tmp_dir();
	write_file(tmp, "src/index.md", "# Home\n");
	write_file(tmp, "parent/.keep", "");
	if (system("unshare -m true 2>/dev/null") != 0)
		cr_skip_test("no mount namespace");
	snprintf(script, sizeof script, "P='%s/parent' && mount -t tmpfs t "
	    "\"$P\" && mkdir \"$P/out\" && mount -o remount,ro \"$P\" && "
	    "mount -t tmpfs t \"$P/out\" && touch \"$P/out/w\" && rm "
	    "\"$P/out/w\" && ! touch \"$P/w\" 2>/dev/null || exit 99; exec "
	    "\"$0\" check '%s/src' --out \"$P/out\"", tmp, tmp);
	tp_exec(&t, NULL, (const char *const[]){ "unshare", "-m", "sh", "-c",
	    script, tend_bin(), NULL });
	cr_assert(tp_wait_exit(&t, 30000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 2,
	    "status %#x: %s", t.status, t.err);
	cr_assert(strstr(t.err, "tend: error: cannot write in '"), "%s", t.err);
	cr_assert(strstr(t.err, "/parent', which holds the output folder "
	    "'out': Read-only file system (tend stages each build beside the "
	    "output folder, then swaps it in)\n"), "%s", t.err);
	cr_assert_null(strstr(t.err, "cannot write the output folder"), "%s",
	    t.err);
}

/* What `sh -c cmd` prints on stdout (at most 4 KiB), or NULL. */
static char *
shell_out(const char *cmd)
{
	static char buf[4096];
	FILE *p = popen(cmd, "r");
	size_t n;

	if (!p)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, p);
	buf[n] = '\0';
	return pclose(p) == 0 ? buf : NULL;
}

/*
 * The output folder holds a .gitignore ("*"), so git shows no tend output
 * as untracked; it is not served, not crawled, and tend says once where
 * the output is.
 */
Test(check, output_folder_is_ignored_by_git_and_named_once)
{
	char srcdir[1024], cmd[1200], line[1100], *s;

	tmp = tmp_dir();
	write_file(tmp, "src/index.md", "# Home\n");
	snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
	snprintf(cmd, sizeof cmd, "git init -q '%s'", srcdir);
	if (!shell_out(cmd))
		cr_skip_test("no git");
	cr_assert_eq(run((const char *const[]){ "build", srcdir, NULL }), 0,
	    "%s", t.err);
	snprintf(line, sizeof line, "output: %s/_site\n", srcdir);
	cr_assert_eq(count(t.err, "output: "), 1, "%s", t.err);
	cr_assert(strstr(t.err, line), "%s", t.err);
	s = read_file(tmp, "src/_site/.gitignore");
	cr_assert_not_null(s);
	cr_assert_str_eq(s, "*\n");
	free(s);
	snprintf(cmd, sizeof cmd, "git -C '%s' status --porcelain "
	    "--untracked-files=all", srcdir);
	s = shell_out(cmd);
	cr_assert_not_null(s);
	cr_assert_str_eq(s, "?? index.md\n");
	tp_cleanup(&t);

	/* Not crawled: one page (and 404.html); not served. */
	snprintf(line, sizeof line, "%s/_site", srcdir);
	cr_assert_eq(run((const char *const[]){ "check", srcdir, "-o", line,
	    NULL }), 0, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "2 pages, "), "%s", t.out);
	tp_cleanup(&t);
	tp_serve(&t, srcdir, NULL);
	snprintf(line, sizeof line, "%s/.gitignore", t.url);
	cr_assert_eq(http_get(line, NULL), 404);
}

/* The pid of the process of t's group whose name is comm, or 0. */
static pid_t
member_named(const char *comm, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		pid_t pids[16];
		int n = pgroup_others(t.pid, pids, 16);

		for (int i = 0; i < n; i++) {
			char path[64], name[64] = "";
			FILE *f;

			snprintf(path, sizeof path, "/proc/%d/comm", (int)pids[i]);
			f = fopen(path, "r");
			if (!f)
				continue;
			if (fgets(name, sizeof name, f))
				name[strcspn(name, "\n")] = '\0';
			fclose(f);
			if (strcmp(name, comm) == 0)
				return pids[i];
		}
		usleep(10000);
	}
	return 0;
}

/*
 * Start `tend check` on site-example and hold the crawl: once tend-crawl
 * runs, stop the server child (SIGSTOP), so the crawler waits on a request
 * for as long as the test needs. Returns the server's pid.
 */
static pid_t
start_held_crawl(void)
{
	char out[1024];
	pid_t crawler, server;

	tmp = tmp_dir();
	snprintf(out, sizeof out, "%s/out", tmp);
	tp_start(&t, NULL, (const char *const[]){ "check",
	    src("site-example"), "-o", out, NULL });
	server = member_named("tend-serve", 10000);
	cr_assert(server > 0, "no server child: %s", t.err);
	cr_assert_eq(kill(server, SIGSTOP), 0);
	crawler = member_named("tend-crawl", 10000);
	cr_assert(crawler > 0, "tend-crawl did not start: %s %s", t.out,
	    t.err);
	return server;
}

Test(check, ctrl_c_during_the_crawl_stops_everything)
{
	pid_t server = start_held_crawl();

	tp_signal_group(&t, SIGINT);
	kill(server, SIGCONT);
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGINT,
	    "status %#x: %s", t.status, t.err);
	cr_assert_null(strstr(t.out, "links checked"), "%s", t.out);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
}

Test(check, sigterm_to_tend_alone_stops_the_crawler)
{
	pid_t server = start_held_crawl();

	kill(t.pid, SIGTERM);
	kill(server, SIGCONT);
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFSIGNALED(t.status) && WTERMSIG(t.status) == SIGTERM,
	    "status %#x: %s", t.status, t.err);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
}

Test(check, sigkill_to_tend_ends_the_crawler)
{
	pid_t server = start_held_crawl();

	kill(t.pid, SIGKILL);
	cr_assert(tp_wait_exit(&t, 10000));
	kill(server, SIGCONT);
	/* Both children die with tend (their death signal). */
	cr_assert(pgroup_wait_empty(t.pid, 5000), "a process was left");
}

/* A folder of the output too deep to be listed is said, not skipped in
 * silence (its pages are not start pages then). */
Test(check, folder_too_deep_to_list_is_a_warning)
{
	char srcdir[1024], out[1024];

	tmp = tmp_dir();
	write_file(tmp, "src/index.html", "<p>hi</p>");
	snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
	snprintf(out, sizeof out, "%s/src/out", tmp);
	cr_assert_eq(run((const char *const[]){ "check", srcdir, "--cmd",
	    "d=out/$(printf 'd/%.0s' $(seq 130)) && mkdir -p \"$d\" && "
	    "cp index.html out/ && cp index.html \"$d/deep.html\"",
	    "--out", out, NULL }), 0, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.err, "cannot list 'd/d/d/") &&
	    strstr(t.err, "': too deep\n"), "%s", t.err);
	cr_assert(strstr(t.out, "1 page, "), "%s", t.out);
}

/* A crawler killed by a signal: said, and tend check exits as a shell
 * would report it (128 + signal). */
Test(check, crawler_killed_by_a_signal)
{
	pid_t server = start_held_crawl(), crawler;

	crawler = member_named("tend-crawl", 10000);
	cr_assert(crawler > 0);
	cr_assert_eq(kill(crawler, SIGUSR1), 0);
	kill(server, SIGCONT);
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) ==
	    128 + SIGUSR1, "status %#x: %s", t.status, t.err);
	cr_assert(strstr(t.err, "tend-crawl was killed by SIGUSR1\n"), "%s",
	    t.err);
	cr_assert(pgroup_wait_empty(t.pid, 2000), "a process was left");
}

/* `tend serve` maps no link-checking code: libcurl and gumbo live in
 * tend-crawl only. Nor does tend itself map the HTTP server and its TLS
 * libraries: they live in its server child, tend-serve. */
Test(check, serve_loads_no_link_checker)
{
	char proc[64], *text;
	pid_t server;

	tmp = tmp_dir();
	write_file(tmp, "src/index.md", "# Hi\n");
	{
		char srcdir[1024];

		snprintf(srcdir, sizeof srcdir, "%s/src", tmp);
		tp_serve(&t, srcdir, NULL);
	}
	snprintf(proc, sizeof proc, "/proc/%d", (int)t.pid);
	text = read_file(proc, "maps");
	cr_assert_not_null(text);
	cr_assert_null(strstr(text, "libcurl"), "%s", text);
	cr_assert_null(strstr(text, "gumbo"), "%s", text);
	cr_assert_null(strstr(text, "libmicrohttpd"), "%s", text);
	cr_assert_null(strstr(text, "libgnutls"), "%s", text);
	free(text);

	/* Once it has answered, tend-serve has mapped its libraries (found
	   just after its exec, they may not be mapped yet). */
	{
		char url[160];

		snprintf(url, sizeof url, "%s/", t.url);
		cr_assert(http_wait_body(url, "Hi", 10000), "%s", t.err);
	}
	server = member_named("tend-serve", 10000);
	cr_assert(server > 0, "no tend-serve child: %s", t.err);
	snprintf(proc, sizeof proc, "/proc/%d", (int)server);
	text = read_file(proc, "maps");
	cr_assert_not_null(text);
	cr_assert(strstr(text, "libmicrohttpd"), "%s", text);
	cr_assert_null(strstr(text, "libcurl"), "%s", text);
	cr_assert_null(strstr(text, "gumbo"), "%s", text);
	cr_assert_null(strstr(text, "libcmark"), "%s", text);
	free(text);
}
