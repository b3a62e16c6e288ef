/* test_url.c - URL resolution, classification, percent-decoding */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

struct resolve_case {
	const char *ref;
	enum url_class cls;
	const char *path;	/* URL_HTTP: path and query */
	const char *frag;	/* NULL: none */
	const char *origin;	/* NULL: the base's */
};

#define BASE "http://127.0.0.1:8080/a/b/c.html?x=1"
#define ORIGIN "http://127.0.0.1:8080"

static const struct resolve_case cases[] = {
	{ "", URL_HTTP, "/a/b/c.html?x=1", NULL, NULL },
	{ "#frag", URL_HTTP, "/a/b/c.html?x=1", "frag", NULL },
	{ "#", URL_HTTP, "/a/b/c.html?x=1", "", NULL },
	{ "?q=2", URL_HTTP, "/a/b/c.html?q=2", NULL, NULL },
	{ "d.html", URL_HTTP, "/a/b/d.html", NULL, NULL },
	{ "../x.html", URL_HTTP, "/a/x.html", NULL, NULL },
	{ "../../../../y", URL_HTTP, "/y", NULL, NULL },
	{ ".", URL_HTTP, "/a/b/", NULL, NULL },
	{ " \n/abs/./z/../w \t", URL_HTTP, "/abs/w", NULL, NULL },
	{ "sp ace.html", URL_HTTP, "/a/b/sp%20ace.html", NULL, NULL },
	{ "caf\xc3\xa9.html#\xc3\xa9", URL_HTTP, "/a/b/caf%C3%A9.html",
	    "\xc3\xa9", NULL },
	{ "caf%C3%A9.html", URL_HTTP, "/a/b/caf%C3%A9.html", NULL, NULL },
	{ "a\\b.html?c\\d", URL_HTTP, "/a/b/a/b.html?c\\d", NULL, NULL },
	{ "x\ty\n.html", URL_HTTP, "/a/b/xy.html", NULL, NULL },
	{ "x.html#a#b", URL_HTTP, "/a/b/x.html", "a#b", NULL },
	{ "x.html#sec ", URL_HTTP, "/a/b/x.html", "sec", NULL },
	{ "x.html?a=1&b=2#f", URL_HTTP, "/a/b/x.html?a=1&b=2", "f", NULL },
	{ "x.html?a b", URL_HTTP, "/a/b/x.html?a%20b", NULL, NULL },
	{ "/", URL_HTTP, "/", NULL, NULL },
	{ "http:rel.html", URL_HTTP, "/a/b/rel.html", NULL, NULL },
	{ "HTTP://127.0.0.1:8080/Q", URL_HTTP, "/Q", NULL, NULL },
	{ "http://127.0.0.1:8080", URL_HTTP, "/", NULL, NULL },
	{ "//other.host/x", URL_HTTP, "/x", NULL, "http://other.host:80" },
	{ "http://LOCALHOST:8080/", URL_HTTP, "/", NULL,
	    "http://localhost:8080" },
	{ "https://127.0.0.1:8080/s", URL_HTTP, "/s", NULL,
	    "https://127.0.0.1:8080" },
	{ "http://127.0.0.1:80/", URL_HTTP, "/", NULL, "http://127.0.0.1:80" },
	{ "https://example.org", URL_HTTP, "/", NULL,
	    "https://example.org:443" },
	{ "mailto:someone@example.org", URL_OTHER_SCHEME, NULL, NULL, NULL },
	{ "  MAILTO:x", URL_OTHER_SCHEME, NULL, NULL, NULL },
	{ "tel:+331234", URL_OTHER_SCHEME, NULL, NULL, NULL },
	{ "javascript:void(0)", URL_OTHER_SCHEME, NULL, NULL, NULL },
	{ "data:text/plain,x", URL_OTHER_SCHEME, NULL, NULL, NULL },
	{ "ftp://example.org/f", URL_OTHER_SCHEME, NULL, NULL, NULL },
	{ "http://[bad", URL_INVALID, NULL, NULL, NULL },
	{ "http://", URL_INVALID, NULL, NULL, NULL },
	{ "https:foo", URL_INVALID, NULL, NULL, NULL },
};

Test(url, resolve_table, .timeout = 10)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct resolve_case *c = &cases[i];
		struct url u = { NULL, NULL, NULL, NULL };
		enum url_class cls = url_resolve(BASE, c->ref, &u);

		cr_expect_eq(cls, c->cls, "class of \"%s\": %d", c->ref, cls);
		if (cls != URL_HTTP || c->cls != URL_HTTP) {
			cr_expect_null(u.url);
			continue;
		}
		cr_expect_str_eq(u.path, c->path, "path of \"%s\"", c->ref);
		cr_expect_str_eq(u.origin, c->origin ? c->origin : ORIGIN,
		    "origin of \"%s\"", c->ref);
		if (c->frag)
			cr_expect(u.frag && strcmp(u.frag, c->frag) == 0,
			    "fragment of \"%s\": %s", c->ref,
			    u.frag ? u.frag : "(none)");
		else
			cr_expect_null(u.frag, "fragment of \"%s\"", c->ref);
		cr_expect_null(strchr(u.url, '#'), "url of \"%s\"", c->ref);
		url_release(&u);
	}
}

Test(url, resolve_with_base_href, .timeout = 10)
{
	struct url base = { NULL, NULL, NULL, NULL };
	struct url u = { NULL, NULL, NULL, NULL };

	/* <base href="../up/"> on /a/b/c.html, then "#x" and "p.html". */
	cr_assert_eq(url_resolve(BASE, "../up/", &base), URL_HTTP);
	cr_assert_str_eq(base.url, ORIGIN "/a/up/");
	cr_assert_eq(url_resolve(base.url, "#x", &u), URL_HTTP);
	cr_assert_str_eq(u.path, "/a/up/");
	cr_assert_str_eq(u.frag, "x");
	url_release(&u);
	cr_assert_eq(url_resolve(base.url, "p.html", &u), URL_HTTP);
	cr_assert_str_eq(u.url, ORIGIN "/a/up/p.html");
	url_release(&u);
	url_release(&base);
	cr_assert_eq(url_resolve(BASE, "x", NULL), URL_HTTP);
}

Test(url, unescape, .timeout = 10)
{
	static const char *const t[][2] = {
		{ "", "" }, { "abc", "abc" }, { "a%20b", "a b" },
		{ "%C3%A9", "\xc3\xa9" }, { "%c3%a9", "\xc3\xa9" },
		{ "100%", "100%" }, { "%zz%4", "%zz%4" }, { "%41%42", "AB" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *s = url_unescape(t[i][0]);

		cr_expect_str_eq(s, t[i][1], "unescape \"%s\"", t[i][0]);
		free(s);
	}
}

/* What curl alone makes of ref against base: the reference result. */
static char *
curl_resolve(const char *base, const char *ref)
{
	CURLU *h = curl_url();
	char *s = NULL, *out;

	cr_assert_eq(curl_url_set(h, CURLUPART_URL, base, 0), 0);
	if (curl_url_set(h, CURLUPART_URL, ref, 0) ||
	    curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0) ||
	    curl_url_get(h, CURLUPART_URL, &s, 0)) {
		curl_url_cleanup(h);
		return NULL;
	}
	out = strdup(s);
	curl_free(s);
	curl_url_cleanup(h);
	return out;
}

/* The shortcut for simple references gives what curl gives. */
Test(url, simple_refs_as_curl, .timeout = 10)
{
	static const char *const bases[] = {
		"http://127.0.0.1:8080/", "http://127.0.0.1:8080/a/b/c.html",
		"http://127.0.0.1:8080/a/b/?q=1", "http://LocalHost:99/x",
		"https://example.org/a/b", "http://127.0.0.1:8080/a/b/c.html?x=/y",
	};
	static const char *const refs[] = {
		"d.html", "/d.html", "d/e/f.html", "/a//b.html", "d.html?x=1&y=2",
		"d.html?a/../b", "x%41%zz.html", "~user/p", "a;b=c/d", "a@b",
		"..x/y", "x../y", "x/.y", ".hidden", "/..x", "-._~!$&'()*+,;=",
		"d/./e", "d/../e", "./d", "../d", ".", "..", "d/.", "d/..",
		"/.", "/..", "?q", "d?", "d.html?q?r", "//host/p", "a:b", "d#f",
		"%2e%2e/x",
	};

	for (size_t i = 0; i < sizeof bases / sizeof *bases; i++) {
		struct url_base *b = url_base_new(bases[i]);

		cr_assert_not_null(b, "base %s", bases[i]);
		for (size_t j = 0; j < sizeof refs / sizeof *refs; j++) {
			struct url u = { NULL, NULL, NULL, NULL };
			char *want = curl_resolve(bases[i], refs[j]);
			enum url_class cls = url_base_resolve(b, refs[j], &u);

			if (!want) {
				cr_expect_neq(cls, URL_HTTP, "%s + %s",
				    bases[i], refs[j]);
			} else if (cls == URL_HTTP) {
				cr_expect_str_eq(u.url, want, "%s + %s",
				    bases[i], refs[j]);
				cr_expect(strlen(u.url) > strlen(u.path) &&
				    strcmp(u.url + strlen(u.url) -
				    strlen(u.path), u.path) == 0,
				    "path %s of %s", u.path, u.url);
			} else if (strcmp(refs[j], "a:b") != 0) {
				cr_expect_fail("%s + %s: class %d, curl: %s",
				    bases[i], refs[j], cls, want);
			}
			free(want);
			url_release(&u);
		}
		url_base_free(b);
	}
	cr_assert_null(url_base_new("mailto:x@example.org"));
	cr_assert_null(url_base_new("/relative"));
}

Test(url, names_asset, .timeout = 10)
{
	cr_expect(url_names_asset("/app/_tend/search/search.js", 27));
	cr_expect(url_names_asset("/a/STYLE.CSS", 12));
	cr_expect(url_names_asset("/i/logo.png", 11));
	cr_expect_not(url_names_asset("/guide/page.html", 16));
	cr_expect_not(url_names_asset("/guide/", 7));
	cr_expect_not(url_names_asset("/v1.2", 5));
	cr_expect_not(url_names_asset(".js", 3));
}
