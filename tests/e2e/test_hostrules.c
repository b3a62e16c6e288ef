/* test_hostrules.c - _redirects and _headers honoured by tend serve and
 * tend check, over real HTTP */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;

static const char redirects[] =
    "# moved pages\n"
    "/old /page 301\n"
    "/temp /page 302\n"
    "/news/:year/* /blog/:year/:splat 308\n"
    "/page /elsewhere 301\n"
    "/forced /page.html 307!\n"
    "/forced-shadow /page 302!\n"
    "/app/* /app.html 200\n"
    "/x /y 999\n"
    "/near / 302 Country=fr\n"
    "/* /oops.html 404\n";

static const char headers[] =
    "/*\n"
    "  X-Frame-Options: DENY\n"
    "  X-Robots-Tag: noindex\n"
    "/page\n"
    "  X-Robots-Tag: nosnippet\n"
    "  Content-Type: text/plain; charset=utf-8\n"
    "/app/*\n"
    "  ! X-Frame-Options\n";

static void
setup(void)
{
	site = tmp_dir();
	write_file(site, "index.md", "# Home\n\n[old](/old)\n");
	write_file(site, "page.md", "# The page\n");
	write_file(site, "forced-shadow.md", "# Shadowed? No: forced\n");
	write_file(site, "app.md", "# The app shell\n");
	write_file(site, "oops.md", "# Oops, no such page\n");
	write_file(site, "_redirects", redirects);
	write_file(site, "_headers", headers);
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
}

static void
teardown(void)
{
	tp_teardown(&t, &site);
}

TestSuite(hostrules, .init = setup, .fini = teardown, .timeout = 60);

/* GET path: status, body and headers (each may be NULL). */
static long
get(const char *path, char **body, char **hdrs)
{
	char url[512];

	snprintf(url, sizeof url, "%s%s", t.url, path);
	return http_request(NULL, url, NULL, body, hdrs);
}

/* The value of header name in a header block (a new string), or NULL. */
static char *
header(const char *hdrs, const char *name)
{
	char key[64];
	const char *p, *end;

	snprintf(key, sizeof key, "\r\n%s: ", name);
	p = strcasestr(hdrs, key);
	if (!p)
		return NULL;
	p += strlen(key);
	end = strstr(p, "\r\n");
	return strndup(p, (size_t)(end - p));
}

/* path answers status with Location location. */
static void
assert_redirect(const char *path, long status, const char *location)
{
	char *h = NULL, *loc;

	cr_assert_eq(get(path, NULL, &h), status, "%s", path);
	loc = header(h, "Location");
	cr_assert_not_null(loc, "%s: %s", path, h);
	cr_assert_str_eq(loc, location, "%s", path);
	free(loc);
	free(h);
}

Test(hostrules, redirects_with_status_and_location)
{
	assert_redirect("/old", 301, "/page");
	assert_redirect("/old/", 301, "/page");
	assert_redirect("/temp?a=1&b=x%20y", 302, "/page?a=1&b=x%20y");
	assert_redirect("/news/2024/05/hello", 308, "/blog/2024/05/hello");
}

Test(hostrules, rewrite_serves_the_target_with_200)
{
	char *body = NULL;

	cr_assert_eq(get("/app/settings/users", &body, NULL), 200);
	cr_assert(strstr(body, "The app shell"), "%s", body);
	free(body);
}

Test(hostrules, shadowed_and_forced_rules)
{
	char *body = NULL;

	/* "/page /elsewhere" is not forced and page.html exists: shadowed. */
	cr_assert_eq(get("/page", &body, NULL), 200);
	cr_assert(strstr(body, "The page"), "%s", body);
	free(body);
	/* forced: applies though forced-shadow.html exists. */
	assert_redirect("/forced-shadow", 302, "/page");
	assert_redirect("/forced", 307, "/page.html");
}

Test(hostrules, custom_404_rule_and_skipped_rules)
{
	char *body = NULL;

	cr_assert_eq(get("/no/such/page", &body, NULL), 404);
	cr_assert(strstr(body, "Oops, no such page"), "%s", body);
	free(body);
	body = NULL;
	/* The Country rule and the bad status were skipped, with a warning
	 * naming the file and line: both fall through to the 404 rule. */
	cr_assert_eq(get("/near", &body, NULL), 404);
	free(body);
	cr_assert(tp_wait_err(&t, "_redirects:9: unsupported status '999'",
	    5000), "%s", t.err);
	cr_assert(tp_wait_err(&t, "_redirects:10: 'Country=fr': conditions "
	    "on the visitor cannot be tested locally", 5000), "%s", t.err);
}

Test(hostrules, rules_files_are_not_served)
{
	char *body = NULL;

	cr_assert(file_exists(site, "_site/_redirects"));
	cr_assert(file_exists(site, "_site/_headers"));
	cr_assert_eq(get("/_redirects", &body, NULL), 404);
	cr_assert_null(strstr(body, "/old /page"), "%s", body);
	free(body);
	body = NULL;
	cr_assert_eq(get("/_headers", &body, NULL), 404);
	cr_assert_null(strstr(body, "X-Frame-Options"), "%s", body);
	free(body);
}

Test(hostrules, headers_are_added)
{
	char *h = NULL, *v;

	cr_assert_eq(get("/page", NULL, &h), 200);
	v = header(h, "X-Frame-Options");
	cr_assert_str_eq(v ? v : "(none)", "DENY", "%s", h);
	free(v);
	v = header(h, "X-Robots-Tag");
	cr_assert_str_eq(v ? v : "(none)", "noindex, nosnippet", "%s", h);
	free(v);
	/* replaces tend's own Content-Type; Cache-Control stays tend's */
	v = header(h, "Content-Type");
	cr_assert_str_eq(v ? v : "(none)", "text/plain; charset=utf-8", "%s",
	    h);
	free(v);
	cr_assert_null(strstr(h, "text/html"), "%s", h);
	v = header(h, "Cache-Control");
	cr_assert_str_eq(v ? v : "(none)", "no-cache", "%s", h);
	free(v);
	free(h);
	h = NULL;
	/* "! X-Frame-Options" detaches it below /app/ */
	cr_assert_eq(get("/app/x", NULL, &h), 200);
	cr_assert_null(strcasestr(h, "X-Frame-Options"), "%s", h);
	v = header(h, "X-Robots-Tag");
	cr_assert_str_eq(v ? v : "(none)", "noindex", "%s", h);
	free(v);
	free(h);
}

Test(hostrules, an_edit_of_the_rules_is_picked_up)
{
	char *buf = NULL, *h = NULL;
	long long end = now_ms() + 15000;
	long status = 0;

	cr_assert_eq(get("/fresh", NULL, NULL), 404);
	cr_assert(asprintf(&buf, "/fresh /page 303\n%s", redirects) > 0);
	write_file(site, "_redirects", buf);
	free(buf);
	while (now_ms() < end && (status = get("/fresh", NULL, NULL)) != 303)
		usleep(50 * 1000);
	cr_assert_eq(status, 303);
	assert_redirect("/fresh", 303, "/page");
	/* and a header rule removed */
	write_file(site, "_headers", "/nothing\n  X-Other: 1\n");
	end = now_ms() + 15000;
	do {
		free(h);
		h = NULL;
		get("/page", NULL, &h);
	} while (now_ms() < end && strcasestr(h, "X-Frame-Options") &&
	    !usleep(50 * 1000));
	cr_assert_null(strcasestr(h, "X-Frame-Options"), "%s", h);
	free(h);
}

/* Run `tend check SRC -o OUT` to its end; its exit status. */
static int
check(const char *src, const char *out)
{
	tp_cleanup(&t);
	tp_start(&t, NULL, (const char *const[]){ "check", src, "-o", out,
	    NULL });
	cr_assert(tp_wait_exit(&t, 30000), "tend check did not end: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

Test(hostrules, check_follows_redirects_to_a_missing_page)
{
	char src[1024], out[1024];

	snprintf(src, sizeof src, "%s/chk", site);
	snprintf(out, sizeof out, "%s/chk-out", site);
	write_file(site, "chk/index.md", "[good](/moved) [spa](/app/deep)\n");
	write_file(site, "chk/target.md", "# Target\n");
	write_file(site, "chk/shell.md", "# Shell\n");
	/* a layout without the theme's scripts: served at /app/deep, the
	 * theme's relative _tend/search/search.js would be /app/... (the SPA
	 * rule's page again: a broken script, as on the host) */
	write_file(site, "chk/_layout.html", "<title>{{ title }}</title>\n"
	    "{{ content }}\n");
	write_file(site, "chk/_redirects", "/moved /target 301\n"
	    "/app/* /shell.html 200\n");
	cr_assert_eq(check(src, out), 0, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, ": 0 broken\n"), "%s", t.out);
	/* the rule now leads nowhere: the link is broken */
	write_file(site, "chk/_redirects", "/moved /gone 301\n"
	    "/app/* /shell.html 200\n");
	cr_assert_eq(check(src, out), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/moved"), "%s", t.out);
	cr_assert(strstr(t.out, "404"), "%s", t.out);
	cr_assert(strstr(t.out, ": 1 broken\n"), "%s", t.out);
	/* the theme's relative script under the SPA rule: the rule's page
	 * answers it, reported once, not crawled as a page (whose relative
	 * script would be /app/_tend/search/_tend/search/... for ever: the
	 * check ran into its page limit before) */
	snprintf(src, sizeof src, "%s/chk/_layout.html", site);
	cr_assert_eq(unlink(src), 0);
	snprintf(src, sizeof src, "%s/chk", site);
	cr_assert_eq(check(src, out), 1, "%s\n%s", t.out, t.err);
	cr_assert(strstr(t.out, "/app/_tend/search/search.js → Content-Type "
	    "text/html"), "%s", t.out);
	cr_assert_null(strstr(t.out, "_tend/search/_tend"), "%s", t.out);
}
