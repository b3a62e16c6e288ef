/* test_deploy.c - a site as it will be deployed: --base PATH and --spa */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;
static int stream = -1;

static void
teardown(void)
{
	if (stream >= 0)
		close(stream);
	stream = -1;
	tp_teardown(&t, &site);
}

TestSuite(deploy, .fini = teardown, .timeout = 60);

/* GET t.url + path: the status; *body and *headers may be NULL. */
static long
get(const char *path, char **body, char **headers)
{
	char url[512];

	snprintf(url, sizeof url, "%s%s", t.url, path);
	return http_request("GET", url, NULL, body, headers);
}

/* The status of GET path, its body dropped. */
static long
status_of(const char *path)
{
	return get(path, NULL, NULL);
}

/* Does GET path answer status with a body holding needle? */
static void
expect_body(const char *path, long status, const char *needle)
{
	char *body = NULL;
	long got = get(path, &body, NULL);

	cr_expect_eq(got, status, "%s: %ld", path, got);
	cr_expect(body && strstr(body, needle), "%s: no '%s' in %s", path,
	    needle, body ? body : "(none)");
	free(body);
}

/* A redirect of path to location (a header line's value). */
static void
expect_redirect(const char *path, long status, const char *location)
{
	char *headers = NULL, want[256];
	long got = get(path, NULL, &headers);

	snprintf(want, sizeof want, "Location: %s\r\n", location);
	cr_expect_eq(got, status, "%s: %ld", path, got);
	cr_expect(headers && strcasestr(headers, want), "%s: %s", path,
	    headers ? headers : "(none)");
	free(headers);
}

Test(deploy, base_serves_the_site_below_its_path)
{
	char want[160];

	site = make_site();
	write_file(site, "files/a.txt", "a\n");
	tp_serve(&t, site, (const char *const[]){ "--base", "docs", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	snprintf(want, sizeof want, "at %s/docs/ (Ctrl-C", t.url);
	cr_assert(tp_wait_err(&t, want, 5000), "%s", t.err);
	expect_body("/docs/", 200, "<script src=\"/docs/__tend/client.js\"");
	expect_body("/docs/guide/page", 200, "First words");
	expect_body("/docs/style.css", 200, "color: black");
	expect_body("/docs/__tend/client.js", 200, "EventSource");
	/* the top and the base without its '/' go to the base */
	expect_redirect("/", 302, "/docs/");
	expect_redirect("/?a=1", 302, "/docs/?a=1");
	expect_redirect("/docs", 302, "/docs/");
	expect_redirect("/docs/guide", 301, "/docs/guide/");
	/* outside the base: tend's own 404, as the site has none */
	expect_body("/style.css", 404, "There is no such page");
	expect_body("/index.html", 404, "There is no such page");
	expect_body("/docsx/", 404, "There is no such page");
	/* a listing below the base, its links relative, "../" in a folder */
	expect_body("/docs/files/", 200, "Index of /docs/files/");
	expect_body("/docs/files/", 200, "<a href=\"./a.txt\">");
	expect_body("/docs/files/", 200, "<a href=\"../\">");
}

Test(deploy, outside_the_base_is_the_sites_404)
{
	site = make_site();
	write_file(site, "404.html", "<html><body><h1>Our own 404</h1>"
	    "</body></html>\n");
	tp_serve(&t, site, (const char *const[]){ "--base", "/a/b/", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	expect_body("/a/b/", 200, "Home page");
	expect_body("/a/", 404, "Our own 404");
	expect_body("/guide/page.html", 404, "Our own 404");
	expect_body("/a/b/nope.html", 404, "Our own 404");
	/* with the live-reload script below the base */
	expect_body("/elsewhere", 404, "src=\"/a/b/__tend/client.js\"");
	expect_redirect("/a/b", 302, "/a/b/");
	cr_expect_eq(status_of("/a"), 404);
}

/* Open the event stream below base for page on a raw socket. */
static int
open_stream(const char *base, const char *page)
{
	char req[512];
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)t.port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), n;

	n = snprintf(req, sizeof req, "GET %s__tend/events?page=%s HTTP/1.1\r\n"
	    "Host: localhost\r\nAccept: text/event-stream\r\n\r\n", base, page);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(write(fd, req, (size_t)n), n);
	return fd;
}

/* Read from fd into buf (appending) until needle shows up or ms pass. */
static bool
read_until(int fd, char *buf, size_t cap, const char *needle, int ms)
{
	size_t len = strlen(buf);
	long long end = now_ms() + ms;

	while (!strstr(buf, needle)) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (now_ms() >= end || poll(&p, 1, 50) < 0)
			return false;
		if (!p.revents)
			continue;
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			return strstr(buf, needle) != NULL;
		len += (size_t)n;
		buf[len] = '\0';
	}
	return true;
}

Test(deploy, live_reload_stream_below_the_base)
{
	static char buf[65536];

	site = make_site();
	tp_serve(&t, site, (const char *const[]){ "--base", "/docs/", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	/* the page as client.js names it: its path below the base */
	stream = open_stream("/docs/", "%2Fguide%2Fpage");
	cr_assert(read_until(stream, buf, sizeof buf, "event: hello", 5000),
	    "%s", buf);
	cr_assert(strstr(buf, "text/event-stream"), "%s", buf);
	write_file(site, "guide/page.md", "# Second words\n");
	cr_assert(read_until(stream, buf, sizeof buf,
	    "\"changed\":[\"guide/page.html\"],\"page\":true}", 10000),
	    "the edited page is not the stream's: %s", buf);
	snprintf(buf, sizeof buf, "%s/docs/guide/page", t.url);
	cr_assert(http_wait_body(buf, "Second words", 5000));
}

/* Run tend to its end; its exit status. */
static int
run(const char *const *args)
{
	tp_start(&t, NULL, args);
	cr_assert(tp_wait_exit(&t, 30000), "tend did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

/* A site whose pages are copied as they are, for tend check --base. */
static void
write_pages(const char *index)
{
	site = tmp_dir();
	write_file(site, "pages/index.html", index);
	write_file(site, "pages/other.html", "<html><body><p id=\"x\">other"
	    "</p><a href=\"index.html\">back</a></body></html>\n");
	/* linked from nowhere: checked all the same, below the base */
	write_file(site, "pages/sub/orphan.html", "<html><body><a href=\""
	    "/site/other.html\">o</a></body></html>\n");
}

Test(deploy, check_base_resolves_root_absolute_links_as_deployed)
{
	write_pages("<html><body><a href=\"/site/other.html#x\">abs</a>"
	    "<a href=\"other.html\">rel</a><a href=\"/site/\">top</a>"
	    "</body></html>\n");
	cr_assert_eq(run((const char *const[]){ "check", site, "--base",
	    "site", "--cmd", "cp -R pages/. {out}", NULL }), 0,
	    "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_assert(strstr(t.out, ": 0 broken\n"), "%s", t.out);
	cr_assert(strstr(t.out, "3 pages, "), "%s", t.out);
}

Test(deploy, check_base_breaks_a_link_outside_it)
{
	write_pages("<html><body><a href=\"/other.html\">abs</a>"
	    "<a href=\"other.html\">rel</a><a href=\"/\">top</a>"
	    "</body></html>\n");
	cr_assert_eq(run((const char *const[]){ "check", site, "--base",
	    "/site/", "--cmd", "cp -R pages/. {out}", NULL }), 1,
	    "stdout:\n%s\nstderr:\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/site/: /other.html → 404"), "%s", t.out);
	cr_assert(strstr(t.out, "/site/other.html"), "no hint: %s", t.out);
	/* "/" is another site on the host, though tend redirects it */
	cr_assert(strstr(t.out, "/site/: / → 404"), "%s", t.out);
	cr_assert(strstr(t.out, ": 2 broken\n"), "%s", t.out);
	/* without --base, the other way round */
	tp_cleanup(&t);
	cr_assert_eq(run((const char *const[]){ "check", site, "--cmd",
	    "cp -R pages/. {out}", NULL }), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/sub/orphan.html: /site/other.html → 404"),
	    "%s", t.out);
	cr_assert(strstr(t.out, ": 1 broken\n"), "%s", t.out);
}

Test(deploy, spa_falls_back_for_routes_not_assets)
{
	site = tmp_dir();
	write_file(site, "pages/index.html", "<html><body><div id=app>shell"
	    "</div><script src=\"/app.js\"></script></body></html>\n");
	write_file(site, "pages/app.js", "console.log(1);\n");
	write_file(site, "pages/about.html", "<html><body>about</body>"
	    "</html>\n");
	tp_serve(&t, site, (const char *const[]){ "--spa", "--cmd",
	    "cp -R pages/. {out}", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	expect_body("/users/42", 200, "shell");
	expect_body("/users/42", 200, "data-tend-spa=\"index.html\"");
	expect_body("/settings/", 200, "shell");
	expect_body("/about", 200, "about");	/* a file wins */
	expect_body("/app.js", 200, "console.log");
	cr_expect_eq(status_of("/missing.js"), 404);
	cr_expect_eq(status_of("/img/x.png"), 404);
	cr_expect_eq(status_of("/users/42.json"), 404);
}

Test(deploy, spa_file_and_base)
{
	site = tmp_dir();
	write_file(site, "pages/index.html", "<html><body>index</body>"
	    "</html>\n");
	write_file(site, "pages/app/shell.html", "<html><body>the shell"
	    "</body></html>\n");
	tp_serve(&t, site, (const char *const[]){ "--spa=app/shell.html",
	    "--base", "/my-app/", "--cmd", "cp -R pages/. {out}", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	expect_body("/my-app/route/x", 200, "the shell");
	expect_body("/my-app/", 200, "index");
	expect_body("/route/x", 404, "There is no such page");
	cr_expect_eq(status_of("/my-app/x.css"), 404);
}

Test(deploy, spa_under_a_base_is_the_bases_index)
{
	site = tmp_dir();
	write_file(site, "pages/index.html", "<html><body>base index</body>"
	    "</html>\n");
	tp_serve(&t, site, (const char *const[]){ "--spa", "--base", "app",
	    "--cmd", "cp -R pages/. {out}", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	expect_body("/app/deep/route", 200, "base index");
	expect_body("/app/deep/route", 200, "src=\"/app/__tend/client.js\"");
}

/* tend ARGS exits 2 with message on stderr. */
static void
usage_error(const char *const *args, const char *message)
{
	cr_expect_eq(run(args), 2, "%s", t.err);
	cr_expect(strstr(t.err, message), "no '%s' in %s", message, t.err);
	tp_cleanup(&t);
}

Test(deploy, bad_values_are_usage_errors)
{
	site = make_site();
	usage_error((const char *const[]){ "serve", site, "--base", "/a/../b/",
	    NULL }, "invalid --base '/a/../b/': a '..' segment");
	usage_error((const char *const[]){ "serve", site, "--base", "//",
	    NULL }, "empty segment");
	usage_error((const char *const[]){ "check", site, "--base", "/a?x=1",
	    NULL }, "query");
	usage_error((const char *const[]){ "serve", site, "--base", "my docs",
	    NULL }, "space");
	usage_error((const char *const[]){ "serve", site, "--base", NULL },
	    "needs a value");
	usage_error((const char *const[]){ "build", site, "--base", "/docs/",
	    NULL }, "--base and --spa go with 'tend serve' and 'tend check'");
	usage_error((const char *const[]){ "build", site, "--spa", NULL },
	    "--base and --spa go with");
	usage_error((const char *const[]){ "serve", site, "--spa=../x.html",
	    NULL }, "invalid --spa");
	usage_error((const char *const[]){ "serve", site, "--spa=", NULL },
	    "invalid --spa");
}

Test(deploy, generator_config_gives_the_base)
{
	char want[160];

	site = tmp_dir();
	write_file(site, "mkdocs.yml", "site_name: x\n"
	    "site_url: https://someone.github.io/repo/  # deployed\n");
	write_file(site, "docs/index.md", "# x\n");
	tp_serve(&t, site, (const char *const[]){ "--builder", "mkdocs",
	    "--cmd", "mkdir -p {out} && echo '<p>built</p>' > {out}/index.html",
	    NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	cr_assert(tp_wait_err(&t, "tend: base path '/repo/' from mkdocs.yml's "
	    "site_url\n", 5000), "%s", t.err);
	snprintf(want, sizeof want, "at %s/repo/ (Ctrl-C", t.url);
	cr_assert(tp_wait_err(&t, want, 5000), "%s", t.err);
	expect_body("/repo/", 200, "built");
	expect_redirect("/", 302, "/repo/");
}

Test(deploy, command_line_base_wins_over_the_config)
{
	site = tmp_dir();
	write_file(site, "hugo.toml", "baseURL = 'https://example.org/blog/'\n"
	    "title = 'x'\n");
	tp_serve(&t, site, (const char *const[]){ "--builder", "hugo",
	    "--base", "/mine/", "--cmd",
	    "mkdir -p {out} && echo '<p>built</p>' > {out}/index.html", NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	expect_body("/mine/", 200, "built");
	cr_expect_eq(status_of("/blog/"), 404);
	cr_expect_null(strstr(t.err, "base path '/blog/'"), "%s", t.err);
}

/* The output's .nojekyll: present (empty), and a dotfile, so never served
 * nor named in the nav; SRC's own dotfiles stay unpublished. */
static void
expect_nojekyll(const char *out)
{
	char *s = read_file(out, ".nojekyll");

	cr_expect(s && !*s, "no empty .nojekyll in %s: %s", out,
	    s ? s : "(missing)");
	free(s);
	cr_expect_not(file_exists(out, ".hidden"));
	cr_expect_eq(status_of("/.nojekyll"), 404);
	s = read_file(out, "index.html");
	cr_expect(s && !strstr(s, "nojekyll"), "the nav names it: %s",
	    s ? s : "(none)");
	free(s);
}

/* GitHub Pages' Jekyll drops folders starting with '_' (_tend/: the search
 * index, KaTeX): the built-in builder writes .nojekyll at the top of the
 * output, as mdBook does, and incremental builds keep it (or put it back). */
Test(deploy, nojekyll_survives_incremental_builds)
{
	char out[600], url[700];

	site = tmp_dir();
	snprintf(out, sizeof out, "%s/_out", site);
	write_file(site, "index.md", "# Home\n\nSee [the guide](guide.md).\n");
	write_file(site, "guide.md", "# Guide\n\nFirst words.\n");
	write_file(site, ".hidden", "not published\n");
	tp_serve(&t, site, (const char *const[]){ "--out", out, NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
	expect_nojekyll(out);
	/* an edit: an incremental build, which must not drop it */
	write_file(site, "guide.md", "# Guide\n\nSecond words.\n");
	cr_assert(tp_wait_builds(&t, 2, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/guide.html", t.url);
	cr_assert(http_wait_body(url, "Second words", 5000), "%s", t.err);
	expect_nojekyll(out);
	/* gone from the output (an older tend's): the next build puts it back */
	snprintf(url, sizeof url, "%s/.nojekyll", out);
	cr_assert_eq(unlink(url), 0);
	write_file(site, "new.md", "# New\n\nA new page.\n");
	cr_assert(tp_wait_builds(&t, 3, 10000), "%s", t.err);
	snprintf(url, sizeof url, "%s/new.html", t.url);
	cr_assert(http_wait_body(url, "A new page", 5000), "%s", t.err);
	expect_nojekyll(out);
}
