/* test_hostrules.c - _redirects and _headers: parsing, matching, filling in */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostrules.h"

static struct hostrules *h;
static struct strlist warnings = STRLIST_INIT;

/* The test request's state: which paths are files, its query. */
static const char *const *files;
static const char *query_key, *query_value;
static int exists_calls;

static void
setup(void)
{
	h = hostrules_new();
	files = NULL;
	query_key = query_value = NULL;
	exists_calls = 0;
}

static void
teardown(void)
{
	hostrules_free(h);
	strlist_clear(&warnings);
}

TestSuite(hostrules, .init = setup, .fini = teardown);

static void
redirects(const char *text)
{
	hostrules_parse_redirects(h, text, strlen(text), "_redirects",
	    &warnings);
}

static void
headers(const char *text)
{
	hostrules_parse_headers(h, text, strlen(text), "_headers", &warnings);
}

static const char *cur_path;

static bool
exists(void *ctx)
{
	(void)ctx;
	exists_calls++;
	for (size_t i = 0; files && files[i]; i++)
		if (!strcmp(files[i], cur_path))
			return true;
	return false;
}

static const char *
arg(void *ctx, const char *name)
{
	(void)ctx;
	return query_key && !strcmp(name, query_key) ? query_value : NULL;
}

/* Match path: the target (static buffer, "" when nothing matched) and
 * the status in *status. */
static const char *
route(const char *path, unsigned *status)
{
	static char out[512];
	struct hostrules_request req = { path, arg, exists, NULL, false };
	struct hostrules_match m;

	cur_path = path;
	*status = 0;
	if (!hostrules_redirect(h, &req, &m))
		return "";
	*status = m.status;
	snprintf(out, sizeof out, "%s", m.target);
	hostrules_match_release(&m);
	return out;
}

Test(hostrules, plain_rule_defaults_to_301)
{
	unsigned s;

	redirects("# old pages\n/old /new\n\n/gone /  302\n");
	cr_assert_eq(hostrules_redirects(h), 2);
	cr_assert_eq(warnings.len, 0);
	cr_assert_str_eq(route("/old", &s), "/new");
	cr_assert_eq(s, 301);
	cr_assert_str_eq(route("/gone", &s), "/");
	cr_assert_eq(s, 302);
	cr_assert_str_eq(route("/other", &s), "");
	cr_assert_str_eq(route("/older", &s), "");
}

Test(hostrules, every_supported_status)
{
	static const unsigned ok[] = { 200, 301, 302, 303, 307, 308, 404,
		410, 451 };
	unsigned s;
	char line[64];

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		snprintf(line, sizeof line, "/s%u /t %u\n", ok[i], ok[i]);
		redirects(line);
		snprintf(line, sizeof line, "/s%u", ok[i]);
		route(line, &s);
		cr_assert_eq(s, ok[i]);
	}
	cr_assert_eq(warnings.len, 0);
}

Test(hostrules, trailing_slash_is_not_significant)
{
	unsigned s;

	redirects("/blog/ /news 301\n/docs /manual/ 302\n");
	cr_assert_str_eq(route("/blog", &s), "/news");
	cr_assert_str_eq(route("/blog/", &s), "/news");
	cr_assert_str_eq(route("/docs/", &s), "/manual/");
}

Test(hostrules, splat_fills_in)
{
	unsigned s;

	redirects("/news/* /blog/:splat 301\n/* /index.html 200\n");
	cr_assert_str_eq(route("/news/2024/hello", &s), "/blog/2024/hello");
	cr_assert_str_eq(route("/news", &s), "/blog/");
	cr_assert_str_eq(route("/newsletter", &s), "/index.html");
	cr_assert_eq(s, 200);
	cr_assert_str_eq(route("/", &s), "/index.html");
}

Test(hostrules, splat_with_a_suffix)
{
	unsigned s;

	headers("/*.js\n  X-Kind: script\n");
	redirects("/assets/*.png /img/:splat.webp 302\n");
	cr_assert_str_eq(route("/assets/a/b.png", &s), "/img/a/b.webp");
	cr_assert_str_eq(route("/assets/a/b.jpg", &s), "");
}

Test(hostrules, placeholders_take_one_segment)
{
	unsigned s;

	redirects("/news/:year/:month/:slug /blog/:year-:month/:slug 301\n");
	cr_assert_str_eq(route("/news/2024/05/hi", &s), "/blog/2024-05/hi");
	cr_assert_str_eq(route("/news/2024/05", &s), "");
	cr_assert_str_eq(route("/news/2024/05/hi/there", &s), "");
	cr_assert_str_eq(route("/news//05/hi", &s), "");
}

Test(hostrules, values_are_encoded_for_a_location)
{
	struct hostrules_request req = { "/p/a b/c", NULL, NULL, NULL, true };
	struct hostrules_match m;

	redirects("/p/* /q/:splat 302\n");
	cr_assert(hostrules_redirect(h, &req, &m));
	cr_assert_str_eq(m.target, "/q/a%20b/c");
	cr_assert(m.keep_query);
	hostrules_match_release(&m);
}

Test(hostrules, first_match_wins)
{
	unsigned s;

	redirects("/a/* /first 302\n/a/b /second 302\n");
	cr_assert_str_eq(route("/a/b", &s), "/first");
}

Test(hostrules, unforced_rule_is_shadowed_by_a_file)
{
	static const char *const present[] = { "/page", "/app", NULL };
	unsigned s;

	files = present;
	redirects("/page /elsewhere 301\n/app /app.html 200!\n"
	    "/* /404.html 404\n");
	cr_assert_str_eq(route("/page", &s), "");
	cr_assert_str_eq(route("/app", &s), "/app.html");
	cr_assert_eq(s, 200);
	cr_assert_str_eq(route("/missing", &s), "/404.html");
	cr_assert_eq(s, 404);
}

Test(hostrules, existence_is_asked_only_when_needed)
{
	unsigned s;

	redirects("/forced /x 301!\n/plain /y 301\n/plain2 /z 301\n");
	route("/forced", &s);
	route("/nothing", &s);
	cr_assert_eq(exists_calls, 0);
	route("/plain", &s);
	cr_assert_eq(exists_calls, 1);
}

Test(hostrules, query_conditions)
{
	unsigned s;

	redirects("/store id=:id /product/:id 301\n/store /shop 301\n"
	    "/search q=cats /cats 302\n");
	cr_assert_str_eq(route("/store", &s), "/shop");
	query_key = "id";
	query_value = "42";
	cr_assert_str_eq(route("/store", &s), "/product/42");
	query_key = "q";
	query_value = "dogs";
	cr_assert_str_eq(route("/search", &s), "");
	query_value = "cats";
	cr_assert_str_eq(route("/search", &s), "/cats");
}

Test(hostrules, query_passes_on_unless_the_rule_has_one)
{
	struct hostrules_request req = { "/a", NULL, NULL, NULL, true };
	struct hostrules_match m;

	redirects("/a /b?x=1 302\n/c /d 302\n");
	cr_assert(hostrules_redirect(h, &req, &m));
	cr_assert_not(m.keep_query);
	hostrules_match_release(&m);
	req.path = "/c";
	cr_assert(hostrules_redirect(h, &req, &m));
	cr_assert(m.keep_query);
	cr_assert_not(m.external);
	hostrules_match_release(&m);
}

Test(hostrules, external_redirect_is_kept_proxy_is_skipped)
{
	unsigned s;

	redirects("/twitch https://twitch.tv/:splat 302\n"
	    "/blog/* https://blog.example.com/:splat 200\n");
	cr_assert_eq(hostrules_redirects(h), 1);
	cr_assert_str_eq(route("/twitch", &s), "https://twitch.tv/:splat");
	cr_assert_eq(warnings.len, 1);
	cr_assert(strstr(warnings.items[0], "_redirects:2: proxying to "
	    "'https://blog.example.com/:splat' is not possible locally"),
	    "%s", warnings.items[0]);
}

Test(hostrules, bad_lines_are_warnings_with_their_line)
{
	redirects("/ok /fine\n"
	    "/lonely\n"
	    "relative /x\n"
	    "/a /b 999\n"
	    "/a /b 301 Country=au,nz\n"
	    "/a /b 302 Language=fr\n"
	    "/a nowhere\n"
	    "/a /b 301 extra\n"
	    "/a/*/b/* /c\n"
	    "/a/*/:x /c\n"
	    "https://blog.example.com/* /blog/:splat 301\n"
	    "/a /b 301 \r\n"
	    "/a /b 30x\n"
	    "/a =v /b\n");
	cr_assert_eq(hostrules_redirects(h), 2);
	cr_assert_eq(warnings.len, 12, "%zu", warnings.len);
	cr_assert(strstr(warnings.items[0], "_redirects:2: '/lonely' has no "
	    "target"), "%s", warnings.items[0]);
	cr_assert(strstr(warnings.items[1], "_redirects:3: 'relative' is not "
	    "a path"), "%s", warnings.items[1]);
	cr_assert(strstr(warnings.items[2], "_redirects:4: unsupported status "
	    "'999'"), "%s", warnings.items[2]);
	cr_assert(strstr(warnings.items[3], "_redirects:5: 'Country=au,nz': "
	    "conditions on the visitor cannot be tested locally"), "%s",
	    warnings.items[3]);
	cr_assert(strstr(warnings.items[4], "_redirects:6:"));
	cr_assert(strstr(warnings.items[5], "_redirects:7: 'nowhere' is not a "
	    "path or an http(s) URL"), "%s", warnings.items[5]);
	cr_assert(strstr(warnings.items[6], "_redirects:8: unexpected "
	    "'extra'"), "%s", warnings.items[6]);
	cr_assert(strstr(warnings.items[7], "_redirects:9: '/a/*/b/*': more "
	    "than one splat"), "%s", warnings.items[7]);
	cr_assert(strstr(warnings.items[8], "_redirects:10: '/a/*/:x': a "
	    "placeholder after the splat"), "%s", warnings.items[8]);
	cr_assert(strstr(warnings.items[9], "_redirects:11: "
	    "'https://blog.example.com/*': a domain-level rule"), "%s",
	    warnings.items[9]);
	cr_assert(strstr(warnings.items[10], "_redirects:13: unsupported "
	    "status '30x'"), "%s", warnings.items[10]);
	cr_assert(strstr(warnings.items[11], "_redirects:14:"), "%s",
	    warnings.items[11]);
}

Test(hostrules, binary_junk_is_survived)
{
	char junk[4096];
	unsigned s;

	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)((i * 131 + 7) % 256);
	hostrules_parse_redirects(h, junk, sizeof junk, "_redirects",
	    &warnings);
	hostrules_parse_headers(h, junk, sizeof junk, "_headers", &warnings);
	route("/x", &s);
}

Test(hostrules, cloudflare_limits_warn_once)
{
	char line[64];

	for (int i = 0; i < 2002; i++) {
		snprintf(line, sizeof line, "/p%d /q\n", i);
		redirects(line);	/* each file counts alone */
	}
	cr_assert_eq(warnings.len, 0);
	strlist_clear(&warnings);
	{
		size_t n = 0, cap = 2200 * 16;
		char *big = malloc(cap);

		for (int i = 0; i < 2002; i++)
			n += (size_t)snprintf(big + n, cap - n, "/p%d /q\n", i);
		redirects(big);
		free(big);
	}
	cr_assert_eq(warnings.len, 1);
	cr_assert(strstr(warnings.items[0], "_redirects:2001: more static "
	    "redirects than Cloudflare Pages takes (2000)"), "%s",
	    warnings.items[0]);
	cr_assert_eq(hostrules_redirects(h), 2002 * 2);
}

/* The headers for path, as "Name: value\n" lines. */
static char *
headers_for(const char *path)
{
	static char out[1024];
	struct strlist l = STRLIST_INIT;
	size_t n = 0;

	out[0] = '\0';
	hostrules_headers(h, path, &l);
	for (size_t i = 0; i + 1 < l.len; i += 2)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s: %s\n",
		    l.items[i], l.items[i + 1]);
	strlist_clear(&l);
	return out;
}

Test(hostrules, headers_blocks_apply_and_join)
{
	headers("# comment\n"
	    "/secure/page\n"
	    "  X-Frame-Options: DENY\n"
	    "  Referrer-Policy: no-referrer\n"
	    "/static/*\n"
	    "\tAccess-Control-Allow-Origin: *\n"
	    "  X-Robots-Tag: nosnippet\n"
	    "/*\n"
	    "  X-Robots-Tag: noindex\n");
	cr_assert_eq(warnings.len, 0);
	cr_assert_eq(hostrules_header_blocks(h), 3);
	cr_assert_str_eq(headers_for("/secure/page"), "X-Frame-Options: DENY\n"
	    "Referrer-Policy: no-referrer\nX-Robots-Tag: noindex\n");
	cr_assert_str_eq(headers_for("/secure/page/"), "X-Frame-Options: DENY\n"
	    "Referrer-Policy: no-referrer\nX-Robots-Tag: noindex\n");
	cr_assert_str_eq(headers_for("/static/a.css"),
	    "Access-Control-Allow-Origin: *\n"
	    "X-Robots-Tag: nosnippet, noindex\n");
	cr_assert_str_eq(headers_for("/home"), "X-Robots-Tag: noindex\n");
}

Test(hostrules, headers_detach_and_placeholders)
{
	headers("/*\n  X-Robots-Tag: noindex\n  X-Shared: all\n"
	    "/public/*\n  ! X-Robots-Tag\n"
	    "/movies/:title\n  X-Movie: :title\n");
	cr_assert_eq(warnings.len, 0);
	cr_assert_str_eq(headers_for("/public/a"), "X-Shared: all\n");
	cr_assert_str_eq(headers_for("/movies/up"), "X-Robots-Tag: noindex\n"
	    "X-Shared: all\nX-Movie: up\n");
}

Test(hostrules, headers_bad_lines)
{
	headers("  X-Early: 1\n"
	    "/a\n"
	    "  no colon here\n"
	    "  Bad Name: x\n"
	    "  Content-Length: 5\n"
	    "  ! \n"
	    "  X-Good: yes\n"
	    "https://example.com/*\n"
	    "  X-Host: 1\n"
	    "/b c\n"
	    "  X-Skipped: 1\n");
	cr_assert_eq(warnings.len, 7, "%zu", warnings.len);
	cr_assert(strstr(warnings.items[0], "_headers:1: 'X-Early: 1' comes "
	    "before any path"), "%s", warnings.items[0]);
	cr_assert(strstr(warnings.items[1], "_headers:3: expected 'Name: "
	    "value'"), "%s", warnings.items[1]);
	cr_assert(strstr(warnings.items[2], "_headers:4: 'Bad Name' is not a "
	    "header name"), "%s", warnings.items[2]);
	cr_assert(strstr(warnings.items[3], "_headers:5: 'Content-Length' is "
	    "set by the server"), "%s", warnings.items[3]);
	cr_assert(strstr(warnings.items[4], "_headers:6:"));
	cr_assert(strstr(warnings.items[5], "_headers:8: "
	    "'https://example.com/*': a rule for one host"), "%s",
	    warnings.items[5]);
	cr_assert(strstr(warnings.items[6], "_headers:10: '/b c' is not a "
	    "path"), "%s", warnings.items[6]);
	cr_assert_str_eq(headers_for("/a"), "X-Good: yes\n");
}
