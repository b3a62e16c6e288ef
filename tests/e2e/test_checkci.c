/* test_checkci.c - tend check in CI: GitHub annotations, GitLab Code
 * Quality, ignore rules (--skip, .tendcheckignore), --changed-since */
#include <criterion/criterion.h>
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

TestSuite(checkci, .fini = teardown, .timeout = 90);

/* Run tend ARGS in cwd to its end; its exit status. */
static int
run_in(const char *cwd, const char *const *args)
{
	tp_cleanup(&t);
	tp_start(&t, cwd, args);
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* Run git ARGS in dir; asserts it succeeded. */
static void
git(const char *dir, const char *const *args)
{
	struct tend_proc g = { .pid = 0 };
	const char *argv[16] = { "git", "-c", "user.name=t", "-c",
		"user.email=t@example.org", "-c", "commit.gpgsign=false" };
	size_t n = 7;

	for (; *args && n < 15; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	tp_exec(&g, dir, argv);
	cr_assert(tp_wait_exit(&g, 20000), "git hangs");
	cr_assert(WIFEXITED(g.status) && WEXITSTATUS(g.status) == 0,
	    "git %s failed: %s", args[-1], g.err);
	tp_cleanup(&g);
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

/* tmp/repo, a git repository whose docs/ holds a site with two broken
 * links on its home page and one on a.md (whose #Is-Match is not). */
static char *
make_repo(void)
{
	static char repo[1024];

	tmp = tmp_dir();
	snprintf(repo, sizeof repo, "%s/repo", tmp);
	write_file(tmp, "repo/docs/index.md", "# Home\n\n[A](a.md)\n\n"
	    "[gone](missing.md)\n\n[api](/api/v1/)\n");
	write_file(tmp, "repo/docs/a.md", "# A\n\n## Is Match\n\n"
	    "[self](#Is-Match) [home](index.md#nope)\n");
	write_file(tmp, "repo/docs/b.md", "# B\n\nNothing broken.\n");
	git(repo, (const char *const[]){ "init", "-q", NULL });
	git(repo, (const char *const[]){ "add", "-A", NULL });
	git(repo, (const char *const[]){ "commit", "-q", "-m", "site", NULL });
	return repo;
}

/* Under GitHub Actions, each broken link is a workflow command at a file
 * of the repository (its source when known, else its page's output
 * file), then the text report. */
Test(checkci, github_actions_gets_annotations)
{
	char *repo = make_repo();

	setenv("GITHUB_ACTIONS", "true", 1);
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "-o", "_out", NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert_eq(count(t.out, "::error "), 3, "%s", t.out);
	cr_assert(strstr(t.out, "::error file=docs/"), "%s", t.out);
	cr_assert(strstr(t.out, ",title=broken link::/: missing.md "
	    "\xe2\x86\x92 404\n"), "%s", t.out);
	cr_assert(strstr(t.out, "/a.html: index.html#nope \xe2\x86\x92 no "
	    "such fragment #nope\n"), "%s", t.out);
	/* #Is-Match finds the heading "is-match" (GitHub's rule); the text
	 * report follows. */
	cr_assert(strstr(t.out, "links checked: 3 broken\n"), "%s", t.out);
	/* --format text: no annotations, even under GitHub Actions. */
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--format", "text", NULL }), 1, "%s", t.err);
	cr_assert_eq(count(t.out, "::error "), 0, "%s", t.out);
	unsetenv("GITHUB_ACTIONS");
}

/* Outside git, paths start at the current folder; --format github asks
 * for annotations anywhere. */
Test(checkci, without_git_paths_start_at_the_current_folder)
{
	tmp = tmp_dir();
	write_file(tmp, "site/index.md", "# Home\n\n[gone](gone.md)\n");
	cr_assert_eq(run_in(tmp, (const char *const[]){ "check", "site",
	    "-o", "out", "--format", "github", NULL }), 1, "%s", t.err);
	cr_assert(strstr(t.out, "::error file=site/"), "%s", t.out);
	cr_assert(strstr(t.out, "title=broken link::/: gone.md "), "%s",
	    t.out);
}

/* GitLab's Code Quality report: one issue per broken link, with a path
 * in the repository and a line. */
Test(checkci, codequality_report)
{
	char *repo = make_repo(), *json;

	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--codequality", "cq.json", NULL }), 1, "%s", t.err);
	cr_assert_eq(count(t.out, "::error "), 0, "%s", t.out);
	json = read_file(repo, "cq.json");
	cr_assert_not_null(json);
	cr_assert_eq(json[0], '[', "%s", json);
	cr_assert_eq(count(json, "\"fingerprint\":\""), 3, "%s", json);
	cr_assert_eq(count(json, "\"check_name\":\"broken-link\""), 3, "%s",
	    json);
	cr_assert_eq(count(json, "\"lines\":{\"begin\":"), 3, "%s", json);
	cr_assert(strstr(json, "missing.md \xe2\x86\x92 404"), "%s", json);
	free(json);
}

/* --skip and the ignore file leave links out, and the summary says how
 * many; a bad pattern is a usage error before anything is built. */
Test(checkci, ignore_rules)
{
	char *repo = make_repo();

	write_file(repo, "docs/.tendcheckignore", "# only once deployed\n\n"
	    "^/api/\n");
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--skip", "missing", "--skip", "#nope$", NULL }), 0, "%s\n%s",
	    t.out, t.err);
	cr_assert(strstr(t.out, "0 broken, 3 skipped by ignore rules\n"),
	    "%s", t.out);
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--skip", "a(", NULL }), 2, "%s", t.err);
	cr_assert(strstr(t.err, "bad --skip pattern 'a(': "), "%s", t.err);
	cr_assert_eq(count(t.err, "\n"), 1, "%s", t.err);
	cr_assert_null(strstr(t.err, "built"), "%s", t.err);
	write_file(repo, "docs/.tendcheckignore", "ok\n[z-a]\n");
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    NULL }), 2, "%s", t.err);
	cr_assert(strstr(t.err, ".tendcheckignore' line 2: bad pattern "
	    "'[z-a]'"), "%s", t.err);
	cr_assert_null(strstr(t.err, "built"), "%s", t.err);
}

/* --changed-since: the changed page in full, the links into it on the
 * others; the rest is not judged, and the summary says so. */
Test(checkci, changed_since_checks_the_changed_pages)
{
	char *repo = make_repo();

	write_file(repo, "docs/b.md", "# B\n\n[new](new-missing.md)\n");
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--changed-since", "HEAD", NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/b.html: new-missing.md \xe2\x86\x92 404\n"),
	    "%s", t.out);
	cr_assert_null(strstr(t.out, "missing.md \xe2\x86\x92 404\n/"), "%s",
	    t.out);
	cr_assert_null(strstr(t.out, "#nope"), "%s", t.out);
	cr_assert(strstr(t.out, ": 1 broken"), "%s", t.out);
	cr_assert(strstr(t.err, "--changed-since HEAD: 1 source changed"),
	    "%s", t.err);
	/* Nothing changed: nothing judged, every page counted. */
	git(repo, (const char *const[]){ "commit", "-q", "-a", "-m", "b",
	    NULL });
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--changed-since", "HEAD", NULL }), 0, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "0 links checked: 0 broken (4 unchanged "
	    "pages not checked)\n"), "%s", t.out);	/* and 404.html */
	/* A layout change: every page, said why. */
	write_file(repo, "docs/_layout.html", "<title>{{ title }}</title>"
	    "{{ content }}");
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--changed-since", "HEAD", NULL }), 1, "%s", t.err);
	cr_assert(strstr(t.err, "checking every page: '_layout.html' "
	    "changed"), "%s", t.err);
	cr_assert(strstr(t.out, ": 4 broken\n"), "%s", t.out);
	/* A bad revision, a folder outside git: usage errors. */
	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--changed-since", "no-such-rev", NULL }), 2, "%s", t.err);
	cr_assert(strstr(t.err, "'no-such-rev' is not a revision"), "%s",
	    t.err);
	write_file(tmp, "plain/index.md", "# x\n");
	cr_assert_eq(run_in(tmp, (const char *const[]){ "check", "plain",
	    "--changed-since", "HEAD", NULL }), 2, "%s", t.err);
	cr_assert(strstr(t.err, "is not in a git work tree"), "%s", t.err);
}

/* GitHub's fragment and README rules: #IsMatch finds the id "ismatch";
 * a link to guide/README.md fails when only guide/index.md exists. */
Test(checkci, github_link_rules)
{
	tmp = tmp_dir();
	write_file(tmp, "site/index.md", "# Home\n\n## isMatch\n\n"
	    "[case](#ISMATCH) [guide](guide/README.md) "
	    "[idx](guide/index.md) [caf](#caf%C3%A9)\n");
	write_file(tmp, "site/guide/index.md", "# Guide\n");
	cr_assert_eq(run_in(tmp, (const char *const[]){ "check", "site",
	    NULL }), 1, "%s", t.err);
	cr_assert(strstr(t.out, "/: guide/README.md \xe2\x86\x92 404\n"), "%s",
	    t.out);
	cr_assert(strstr(t.out, "/: #caf%C3%A9 \xe2\x86\x92 no such fragment "
	    "#caf\xc3\xa9\n"), "%s", t.out);
	cr_assert(strstr(t.out, ": 2 broken\n"), "%s", t.out);
}

/* A failed build still writes both reports, so a CI never shows an
 * earlier run's: one annotation, one Code Quality issue. */
Test(checkci, a_failed_build_is_annotated)
{
	char *repo = make_repo(), *json;

	cr_assert_eq(run_in(repo, (const char *const[]){ "check", "docs",
	    "--cmd", "exit 3", "--format", "github", "--codequality",
	    "cq.json", NULL }), 3, "%s", t.err);
	cr_assert(strstr(t.out, "::error title=build failed::the command "
	    "exited with status 3\n"), "%s", t.out);
	json = read_file(repo, "cq.json");
	cr_assert_not_null(json);
	cr_assert(strstr(json, "\"check_name\":\"build-failed\""), "%s", json);
	cr_assert(strstr(json, "\"location\":{\"path\":\"docs\",\"lines\":"
	    "{\"begin\":1}}"), "%s", json);
	free(json);
}
