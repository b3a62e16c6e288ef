/*
 * test_generators.c - zero config: tend detects MkDocs, Sphinx, Hugo and
 * Jekyll projects (tests/fixtures/gen-NAME), runs the generator into a
 * staging folder and publishes it atomically.
 *
 * A test whose generator is not installed is skipped with a message
 * (tools/install-deps --test installs them). To catch a build in the middle,
 * the generator is wrapped by a script earlier in PATH that, once told to by
 * the test, sleeps after the real program has written its output.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define OUT ".tend-site"	/* PRESET_OUT */

struct gen {
	const char *name;	/* tests/fixtures/gen-NAME */
	const char *program;
	const char *announce;	/* the line tend prints */
	const char *home;	/* source of the home page, relative */
	const char *tag;	/* "MKDOCS": the home page says TAG-HOME-ONE */
	const char *config;	/* the config file, and a broken version */
	const char *broken;
	const char *guide;	/* the guide page's source, and its URL */
	const char *guide_url;
};

static const struct gen gens[] = {
	{ "mkdocs", "mkdocs", "tend: MkDocs project (mkdocs.yml): running "
	  "'mkdocs build -q -f mkdocs.yml -d {out}'", "docs/index.md",
	  "MKDOCS", "mkdocs.yml", "site_name: [unclosed\n", "docs/guide.md",
	  "/guide/" },
	{ "sphinx", "sphinx-build", "tend: Sphinx project (docs/conf.py): "
	  "running 'sphinx-build -b html -q -d docs/_build/doctrees docs "
	  "{out}'", "docs/index.rst", "SPHINX", "docs/conf.py",
	  "project = (\n", "docs/guide.rst", "/guide.html" },
	{ "hugo", "hugo", "tend: Hugo project (hugo.toml): running 'rm -rf "
	  "{out} && hugo --quiet --noBuildLock -d {out}'", "content/_index.md",
	  "HUGO", "hugo.toml", "baseURL = \n", "content/guide.md", "/guide/" },
	{ "jekyll", "jekyll", "tend: Jekyll project (_config.yml): running "
	  "'jekyll build -q -d {out}'", "index.md", "JEKYLL", "_config.yml",
	  "title: [unclosed\n", "guide.md", "/guide.html" },
};

static struct tend_proc t;
static char *site, *wrap, *saved_path;

static void
setup(void)
{
	saved_path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
}

/* PATH as it was (tests change it; rm_rf() runs rm). */
static void
teardown(void)
{
	setenv("PATH", saved_path, 1);
	free(saved_path);
	tp_teardown(&t, &site);
	if (wrap) {
		rm_rf(wrap);
		free(wrap);
		wrap = NULL;
	}
}

TestSuite(generators, .init = setup, .fini = teardown, .timeout = 60);

static const struct gen *
gen(const char *name)
{
	for (size_t i = 0; i < sizeof gens / sizeof *gens; i++)
		if (!strcmp(gens[i].name, name))
			return &gens[i];
	cr_assert_fail("no generator '%s'", name);
	return NULL;
}

/* The program's path in PATH, or NULL; static storage. */
static const char *
which(const char *program)
{
	static char path[PATH_MAX];
	const char *p = getenv("PATH");

	for (const char *s = p ? p : ""; *s;) {
		size_t n = strcspn(s, ":");

		snprintf(path, sizeof path, "%.*s/%s", (int)n, s, program);
		if (n && access(path, X_OK) == 0)
			return path;
		s += n;
		if (*s)
			s++;
	}
	return NULL;
}

/* Skip unless g's program is installed; copy its fixture into site. */
static void
setup_gen(const struct gen *g)
{
	const char *e2e = getenv("E2E_DIR");
	char cmd[2048];

	if (!which(g->program))
		cr_skip_test("%s is not installed (tools/install-deps --test)",
		    g->program);
	cr_assert_not_null(e2e, "E2E_DIR is not set");
	site = tmp_dir();
	snprintf(cmd, sizeof cmd, "cp -R '%s/../fixtures/gen-%s/.' '%s'", e2e,
	    g->name, site);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

/*
 * Put a wrapper of g's program first in PATH: it runs the real one, then,
 * if WRAP/slow exists, creates WRAP/written and sleeps 4 s, keeping the
 * build running with its output complete but not yet published.
 */
static void
wrap_program(const struct gen *g)
{
	char *script, *path, real[PATH_MAX];

	snprintf(real, sizeof real, "%s", which(g->program));
	wrap = tmp_dir();
	script = NULL;
	cr_assert(asprintf(&script, "#!/bin/sh\n'%s' \"$@\"\nst=$?\n"
	    "if [ -e '%s/slow' ]; then : > '%s/written'; sleep 4; fi\n"
	    "exit $st\n", real, wrap, wrap) > 0);
	write_file(wrap, g->program, script);
	free(script);
	script = NULL;
	cr_assert(asprintf(&script, "%s/%s", wrap, g->program) > 0);
	cr_assert_eq(chmod(script, 0755), 0);
	free(script);
	cr_assert(asprintf(&path, "%s:%s", wrap, getenv("PATH")) > 0);
	cr_assert_eq(setenv("PATH", path, 1), 0);
	free(path);
}

/* Replace from with to in site/rel. */
static void
edit(const char *rel, const char *from, const char *to)
{
	char *s = read_file(site, rel), *p, *n;

	cr_assert_not_null(s, "cannot read %s", rel);
	p = strstr(s, from);
	cr_assert_not_null(p, "%s lacks %s", rel, from);
	cr_assert(asprintf(&n, "%.*s%s%s", (int)(p - s), s, to,
	    p + strlen(from)) > 0);
	write_file(site, rel, n);
	free(n);
	free(s);
}

/* "TAG-HOME-WORD", in one of four buffers used in turn (so that two calls
 * can be arguments of one call). */
static const char *
home_text(const struct gen *g, const char *word)
{
	static char s[4][64];
	static unsigned i;

	i = (i + 1) % 4;
	snprintf(s[i], sizeof s[i], "%s-HOME-%s", g->tag, word);
	return s[i];
}

/* The build's process group from the last "(process group N)" line. */
static pid_t
last_build_pgid(void)
{
	const char *p = NULL;

	for (const char *q = t.err; (q = strstr(q, "(process group ")); q++)
		p = q;
	cr_assert_not_null(p, "no process group line:\n%s", t.err);
	return (pid_t)atoi(p + strlen("(process group "));
}

/* Nothing of a staging folder is left in site (whatever its name). */
static void
assert_no_staging_left(void)
{
	DIR *d = opendir(site);
	struct dirent *e;

	cr_assert_not_null(d);
	while ((e = readdir(d)))
		cr_expect(!strstr(e->d_name, "tend-new") &&
		    !strstr(e->d_name, "{out}"), "left in SRC: %s", e->d_name);
	closedir(d);
}

static bool
killed_by_sigint(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGINT;
}

/* No flags: detected and announced, first build served, an edit served. */
static void
detected_served_and_edited(const struct gen *g)
{
	char url[160];

	setup_gen(g);
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);
	cr_expect(strstr(t.err, g->announce), "no '%s' in:\n%s", g->announce,
	    t.err);
	cr_assert(strstr(t.out, "\"ok\":true"), "%s\n%s", t.out, t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, home_text(g, "ONE"), 5000), "%s",
	    t.err);
	edit(g->home, home_text(g, "ONE"), home_text(g, "TWO"));
	cr_assert(http_wait_body(url, home_text(g, "TWO"), 30000), "%s",
	    t.err);
	cr_expect(file_exists(site, OUT "/index.html"));
}

/* A broken config: the build fails, the last good output is served byte
 * for byte; fixed again, the site is served again. */
static void
broken_config_keeps_last_good(const struct gen *g)
{
	char url[160], *good = NULL, *body = NULL, *config;
	size_t goodlen;

	setup_gen(g);
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert_eq(http_get(url, &good), 200, "%s", t.err);
	goodlen = http_last_body_len();
	cr_assert(strstr(good, home_text(g, "ONE")), "%s", good);

	config = read_file(site, g->config);
	cr_assert_not_null(config);
	write_file(site, g->config, g->broken);
	cr_assert(tp_wait_out(&t, "\"ok\":false", 30000), "%s\n%s", t.out,
	    t.err);
	cr_expect(strstr(t.err, "exited with status"), "%s", t.err);
	cr_expect_not(strstr(t.err, "killed by"), "%s", t.err);
	cr_assert_eq(http_get(url, &body), 200);
	cr_assert_eq(http_last_body_len(), goodlen);
	cr_assert_eq(memcmp(body, good, goodlen), 0, "served:\n%s", body);
	free(body);
	body = NULL;
	assert_no_staging_left();

	write_file(site, g->config, config);
	edit(g->home, home_text(g, "ONE"), home_text(g, "THREE"));
	cr_assert(http_wait_body(url, home_text(g, "THREE"), 30000), "%s",
	    t.err);
	free(config);
	free(good);
}

/* Serve with the wrapper; after the first build, make the next one slow
 * and start it by an edit. */
static void
start_slow_rebuild(const struct gen *g)
{
	char url[160];

	setup_gen(g);
	wrap_program(g);
	tp_serve(&t, site, (const char *const[]){ "-v", NULL });
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, home_text(g, "ONE"), 5000), "%s",
	    t.err);
	write_file(wrap, "slow", "");
	edit(g->home, home_text(g, "ONE"), home_text(g, "TWO"));
	cr_assert(tp_wait_err(&t, "rebuilding after changes", 10000), "%s",
	    t.err);
}

/* Ctrl-C mid-build: the build finishes and is published; exit by SIGINT
 * (130 in a shell); nothing left running. */
static void
ctrl_c_mid_build_publishes(const struct gen *g)
{
	char *page;
	pid_t build;

	start_slow_rebuild(g);
	/* the slow build is running once the generator has written */
	for (int i = 0; i < 300 && !file_exists(wrap, "written"); i++)
		usleep(100 * 1000);
	cr_assert(file_exists(wrap, "written"), "the generator did not run");
	build = last_build_pgid();
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 3000), "%s",
	    t.err);
	cr_assert(tp_wait_exit(&t, 30000), "tend did not stop:\n%s", t.err);
	cr_assert(killed_by_sigint(t.status), "status %#x\n%s", t.status,
	    t.err);
	cr_assert(file_exists(wrap, "written"), "the build was not slowed");
	page = read_file(site, OUT "/index.html");
	cr_assert_not_null(page, "nothing published:\n%s", t.err);
	cr_expect(strstr(page, home_text(g, "TWO")), "not published:\n%s",
	    page);
	free(page);
	cr_assert(pgroup_wait_empty(build, 2000), "the build is still running");
	cr_assert(pgroup_wait_empty(t.pid, 2000));
	assert_no_staging_left();
}

/* A second Ctrl-C aborts the build: the live output is untouched. */
static void
double_ctrl_c_leaves_output(const struct gen *g)
{
	char *before, *after;
	pid_t build;

	start_slow_rebuild(g);
	before = read_file(site, OUT "/index.html");
	cr_assert_not_null(before);
	cr_assert(strstr(before, home_text(g, "ONE")));
	build = last_build_pgid();
	for (int i = 0; i < 300 && !file_exists(wrap, "written"); i++)
		usleep(100 * 1000);
	cr_assert(file_exists(wrap, "written"), "the generator did not run");
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_err(&t, "finishing the current build", 3000), "%s",
	    t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 8000), "tend did not stop:\n%s", t.err);
	cr_assert(killed_by_sigint(t.status), "status %#x", t.status);
	cr_assert(pgroup_wait_empty(build, 2000), "the build is still running");
	cr_assert(pgroup_wait_empty(t.pid, 2000));
	after = read_file(site, OUT "/index.html");
	cr_assert_not_null(after, "the live output is gone");
	cr_expect_str_eq(after, before, "the live output changed");
	assert_no_staging_left();
	free(before);
	free(after);
}

/*
 * A deleted page is no longer served, although {out} starts as a copy of
 * the last output (Sphinx, like `make html`, keeps the pages of deleted
 * sources: not tested).
 */
static void
deleted_page_is_gone(const struct gen *g)
{
	char url[160], path[600], *body = NULL;

	setup_gen(g);
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);
	snprintf(url, sizeof url, "%s%s", t.url, g->guide_url);
	cr_assert_eq(http_get(url, &body), 200, "%s", t.err);
	cr_assert(strstr(body, "GUIDE-ONE"), "%s", body);
	free(body);
	body = NULL;
	snprintf(path, sizeof path, "%s/%s", site, g->guide);
	cr_assert_eq(unlink(path), 0);
	cr_assert(tp_wait_builds(&t, 2, 30000), "%s", t.err);
	cr_assert(strstr(strrchr(t.out, '{'), "\"ok\":true"), "%s", t.out);
	/* the server child learns of the new generation just after the log
	   line: poll (bounded) */
	for (int i = 0; i < 50 && http_get(url, &body) != 404; i++) {
		free(body);
		body = NULL;
		usleep(100 * 1000);
	}
	cr_expect_eq(http_get(url, NULL), 404, "%s still served:\n%s",
	    g->guide_url, body);
	free(body);
}

/* tend build and tend check need no flags either. */
static void
build_and_check_zero_config(const struct gen *g)
{
	char *page;

	setup_gen(g);
	tp_start(&t, NULL, (const char *const[]){ "build", site, NULL });
	cr_assert(tp_wait_exit(&t, 60000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x\n%s", t.status, t.err);
	cr_expect(strstr(t.err, g->announce), "%s", t.err);
	page = read_file(site, OUT "/index.html");
	cr_assert_not_null(page, "%s", t.err);
	cr_expect(strstr(page, home_text(g, "ONE")), "%s", page);
	free(page);
	assert_no_staging_left();
	tp_cleanup(&t);

	tp_start(&t, NULL, (const char *const[]){ "check", site, NULL });
	cr_assert(tp_wait_exit(&t, 60000));
	cr_expect(strstr(t.err, g->announce), "%s", t.err);
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0,
	    "status %#x\n%s", t.status, t.err);
}

#define GEN_TESTS(N)                                                          \
	Test(generators, N##_detected_served_and_edited)                      \
	{ detected_served_and_edited(gen(#N)); }                              \
	Test(generators, N##_broken_config_keeps_last_good)                   \
	{ broken_config_keeps_last_good(gen(#N)); }                           \
	Test(generators, N##_ctrl_c_mid_build_publishes)                      \
	{ ctrl_c_mid_build_publishes(gen(#N)); }                              \
	Test(generators, N##_double_ctrl_c_leaves_output)                     \
	{ double_ctrl_c_leaves_output(gen(#N)); }                             \
	Test(generators, N##_build_and_check_zero_config)                     \
	{ build_and_check_zero_config(gen(#N)); }

GEN_TESTS(mkdocs)
GEN_TESTS(sphinx)
GEN_TESTS(hugo)
GEN_TESTS(jekyll)

Test(generators, mkdocs_deleted_page_is_gone)
{ deleted_page_is_gone(gen("mkdocs")); }
Test(generators, hugo_deleted_page_is_gone)
{ deleted_page_is_gone(gen("hugo")); }
Test(generators, jekyll_deleted_page_is_gone)
{ deleted_page_is_gone(gen("jekyll")); }

/* These need no generator. */

Test(generators, missing_program_is_a_usage_error)
{
	site = tmp_dir();
	write_file(site, "mkdocs.yml", "site_name: x\n");
	write_file(site, "docs/index.md", "# x\n");
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	tp_start(&t, NULL, (const char *const[]){ "serve", site, "--port",
	    "0", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 2,
	    "status %#x", t.status);
	cr_assert_str_eq(t.err, "tend: error: MkDocs project (mkdocs.yml) "
	    "needs 'mkdocs', which is not installed: apt-get install mkdocs "
	    "(or use --builder builtin)\n");
	cr_assert(pgroup_wait_empty(t.pid, 2000));
}

Test(generators, builder_builtin_ignores_the_marker)
{
	char *page;

	site = tmp_dir();
	write_file(site, "mkdocs.yml", "site_name: x\n");
	write_file(site, "index.md", "# BUILTIN-HOME\n");
	cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--builder",
	    "builtin", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0, "%s",
	    t.err);
	cr_expect_not(strstr(t.err, "MkDocs"), "%s", t.err);
	page = read_file(site, "_site/index.html");
	cr_assert_not_null(page);
	cr_expect(strstr(page, "BUILTIN-HOME"));
	free(page);
}

Test(generators, cmd_overrides_detection)
{
	char url[160];

	site = tmp_dir();
	write_file(site, "_config.yml", "title: x\n");
	snprintf(url, sizeof url, "%s/out", site);
	tp_serve(&t, site, (const char *const[]){ "--cmd", "mkdir -p out && "
	    "echo FROM-CMD > out/index.html", "--out", url, NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_expect_not(strstr(t.err, "Jekyll"), "%s", t.err);
	snprintf(url, sizeof url, "%s/", t.url);
	cr_assert(http_wait_body(url, "FROM-CMD", 5000), "%s", t.err);
}

Test(generators, unknown_builder_is_a_usage_error)
{
	site = tmp_dir();
	tp_start(&t, NULL, (const char *const[]){ "build", site, "--builder",
	    "gatsby", NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 2);
	cr_assert(strstr(t.err, "unknown builder 'gatsby' (expected builtin, "
	    "mkdocs,"), "%s", t.err);
}

/*
 * tend's own flags, mapped to the generator's (preset.h): --strict,
 * --drafts, and -v, which lifts the generator's quiet flag.
 */

/* Run `tend build SITE ARGS...` to its end; its exit status. */
static int
build_with(const char *const *args)
{
	const char *argv[12] = { "build", site };
	size_t n = 2;

	for (; args && *args && n < 11; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	tp_cleanup(&t);
	tp_start(&t, NULL, argv);
	cr_assert(tp_wait_exit(&t, 60000), "tend did not exit:\n%s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x\n%s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* A broken internal link is a warning of MkDocs': plain `tend build`
 * publishes; --strict fails, with MkDocs' warning naming the page. */
Test(generators, mkdocs_strict_fails_on_its_warning)
{
	setup_gen(gen("mkdocs"));
	edit("docs/guide.md", "Back", "See [nothing](missing.md). Back");
	cr_assert_eq(build_with(NULL), 0, "%s", t.err);
	cr_expect_not(strstr(t.err, "missing.md"), "%s", t.err);

	cr_assert_eq(build_with((const char *const[]){ "--strict", NULL }), 1,
	    "--strict did not fail the build:\n%s", t.err);
	cr_expect(strstr(t.err, "running 'mkdocs build --strict -f mkdocs.yml "
	    "-d {out}'"), "%s", t.err);
	cr_expect(strstr(t.err, "WARNING"), "%s", t.err);
	cr_expect(strstr(t.err, "'guide.md' contains a link to 'missing.md'"),
	    "the warning does not name the page:\n%s", t.err);
	cr_expect(strstr(t.err, "strict mode"), "%s", t.err);
}

/* -v drops MkDocs' -q: its own INFO and WARNING lines are shown. A flag
 * MkDocs has no equivalent of is said to be ignored. */
Test(generators, mkdocs_verbose_shows_its_own_lines)
{
	setup_gen(gen("mkdocs"));
	edit("docs/guide.md", "Back", "See [nothing](missing.md). Back");
	cr_assert_eq(build_with((const char *const[]){ "-v", "--drafts",
	    NULL }), 0, "%s", t.err);
	cr_expect(strstr(t.err, "running 'mkdocs build -f mkdocs.yml -d "
	    "{out}'"), "%s", t.err);
	cr_expect(strstr(t.err, "INFO"), "no INFO line of MkDocs':\n%s",
	    t.err);
	cr_expect(strstr(t.err, "'guide.md' contains a link to 'missing.md'"),
	    "MkDocs' warning is hidden:\n%s", t.err);
	cr_expect(strstr(t.err, "tend: warning: --drafts: MkDocs has no "
	    "drafts; ignored\n"), "%s", t.err);
}

/* A `draft: true` page of Hugo's is built only with --drafts (Hugo's
 * --buildDrafts). */
Test(generators, hugo_draft_served_only_with_drafts)
{
	char url[160];

	setup_gen(gen("hugo"));
	write_file(site, "content/draft.md", "---\ntitle: Draft\ndraft: true\n"
	    "---\nHUGO-DRAFT-ONE\n");
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);
	cr_assert(strstr(t.out, "\"ok\":true"), "%s\n%s", t.out, t.err);
	snprintf(url, sizeof url, "%s/draft/", t.url);
	cr_expect_eq(http_get(url, NULL), 404, "a draft was served without "
	    "--drafts");
	tp_cleanup(&t);

	tp_serve(&t, site, (const char *const[]){ "--drafts", NULL });
	cr_assert(tp_wait_builds(&t, 1, 30000), "%s", t.err);
	cr_expect(strstr(t.err, "hugo --quiet --buildDrafts --noBuildLock"),
	    "%s", t.err);
	snprintf(url, sizeof url, "%s/draft/", t.url);
	cr_expect(http_wait_body(url, "HUGO-DRAFT-ONE", 5000), "the draft is "
	    "not served with --drafts:\n%s", t.err);
}

/* Hugo: --strict is --panicOnWarning, without --quiet, which hides Hugo's
 * WARN lines: the warning is shown, and fails the build. */
Test(generators, hugo_strict_fails_on_its_warning)
{
	setup_gen(gen("hugo"));
	write_file(site, "layouts/shortcodes/warn.html", "{{ warnf "
	    "\"HUGO-WARNING in %s\" .Page.File.Path }}");
	edit("content/guide.md", "HUGO-GUIDE-ONE",
	    "HUGO-GUIDE-ONE {{< warn >}}");
	cr_assert_eq(build_with(NULL), 0, "%s", t.err);
	cr_assert_eq(build_with((const char *const[]){ "--strict", NULL }), 1,
	    "--strict did not fail the build:\n%s", t.err);
	cr_expect(strstr(t.err, "running 'rm -rf {out} && hugo "
	    "--panicOnWarning --noBuildLock -d {out}'"), "%s", t.err);
	cr_expect(strstr(t.err, "WARN") && strstr(t.err, "HUGO-WARNING in "
	    "guide.md"), "Hugo's warning is hidden:\n%s", t.err);
}

/* Does a file of the published output hold needle? */
static bool
published(const char *needle)
{
	char cmd[1024];

	snprintf(cmd, sizeof cmd, "grep -rqs '%s' '%s/" OUT "'", needle, site);
	return system(cmd) == 0;
}

/* Jekyll: --drafts builds the posts in _drafts/. */
Test(generators, jekyll_drafts_built_only_with_drafts)
{
	setup_gen(gen("jekyll"));
	write_file(site, "_drafts/a-draft.md", "---\nlayout: default\n"
	    "title: Draft\n---\nJEKYLL-DRAFT-ONE\n");
	cr_assert_eq(build_with(NULL), 0, "%s", t.err);
	cr_expect_not(published("JEKYLL-DRAFT-ONE"), "a draft was built");
	cr_assert_eq(build_with((const char *const[]){ "--drafts", NULL }), 0,
	    "%s", t.err);
	cr_expect(strstr(t.err, "running 'jekyll build -q --drafts -d "
	    "{out}'"), "%s", t.err);
	cr_expect(published("JEKYLL-DRAFT-ONE"), "the draft was not built "
	    "with --drafts:\n%s", t.err);
}

/* Jekyll: --strict is --strict_front_matter, without -q, which hides the
 * line that names the page. */
Test(generators, jekyll_strict_fails_on_bad_front_matter)
{
	setup_gen(gen("jekyll"));
	write_file(site, "bad.md", "---\ntitle: [unclosed\n---\nBAD\n");
	cr_assert_eq(build_with(NULL), 0, "%s", t.err);
	cr_assert_eq(build_with((const char *const[]){ "--strict", NULL }), 1,
	    "--strict did not fail the build:\n%s", t.err);
	cr_expect(strstr(t.err, "running 'jekyll build --strict_front_matter "
	    "-d {out}'"), "%s", t.err);
	cr_expect(strstr(t.err, "YAML Exception reading ") &&
	    strstr(t.err, "bad.md"), "the page is not named:\n%s", t.err);
}

/* Sphinx: --strict is -W --keep-going -E; its warning names the file,
 * also in a build after one that saved the environment (without -E the
 * unchanged guide.rst was not read again, and the build passed). */
Test(generators, sphinx_strict_fails_on_its_warning)
{
	setup_gen(gen("sphinx"));
	edit("docs/guide.rst", "Back to", "See :doc:`missing`. Back to");
	cr_assert_eq(build_with(NULL), 0, "%s", t.err);
	cr_expect(strstr(t.err, "guide.rst"), "Sphinx's -q keeps warnings:\n"
	    "%s", t.err);
	cr_assert_eq(build_with((const char *const[]){ "--strict", NULL }), 1,
	    "--strict did not fail the build:\n%s", t.err);
	cr_expect(strstr(t.err, "-W --keep-going -E"), "%s", t.err);
	cr_expect(strstr(t.err, "guide.rst"), "%s", t.err);
}

/* With --cmd the flags are the command's business: tend says they are
 * not passed on. Needs no generator. */
Test(generators, cmd_says_strict_and_drafts_are_not_passed_on)
{
	site = tmp_dir();
	cr_assert_eq(build_with((const char *const[]){ "--cmd",
	    "mkdir -p {out} && echo x > {out}/index.html", "--out", "out",
	    "--strict", "--drafts", NULL }), 0, "%s", t.err);
	cr_expect(strstr(t.err, "tend: warning: --strict, --drafts: not passed "
	    "to the --cmd command (give it the generator's own flags)\n"),
	    "%s", t.err);
}
