/* test_links.c - link extraction, srcset, fragments and URL resolution */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "strlist.h"

static void
parse(const char *html, struct links_doc *doc)
{
	*doc = (struct links_doc)LINKS_DOC_INIT;
	cr_assert_eq(links_parse(html, strlen(html), doc), 0);
}

/* "kind:ref" for each link, joined with '\n'. */
static char *
dump(const struct links_doc *doc)
{
	static const char kinds[] = "NSJMO";
	struct strlist l = STRLIST_INIT;
	char line[512];
	char *s;

	for (size_t i = 0; i < doc->nlinks; i++) {
		snprintf(line, sizeof line, "%c:%s",
		    kinds[doc->links[i].kind], doc->links[i].ref);
		strlist_add(&l, line);
	}
	s = strlist_join(&l, "\n", l.len, false);
	strlist_clear(&l);
	return s;
}

Test(links, tricky_html, .timeout = 10)
{
	struct links_doc doc;
	char *got;

	parse("<!DOCTYPE html><HTML><HEAD>\n"
	    "<BASE HREF=/docs/>\n"
	    "<LINK REL=\"Preload StyleSheet\" HREF=style.css>\n"
	    "<link rel=icon href='/favicon.ico'>\n"
	    "</HEAD><BODY>\n"
	    "<A HREF=page.html?a=1&amp;b=2#sec>x</A>\n"
	    "<a href='../up.html'>up</a>\n"
	    "<a href=\"&#x2F;abs&lt;1&gt;\">entities</a>\n"
	    "<a>no href</a><a href=\"\">empty</a>\n"
	    "<IMG SRC=\"a.png\" SRCSET=\"a-1x.png 1x, a-2x.png 2x,"
	    "data:image/png;base64,AA== 3x,b.png\">\n"
	    "<script src=app.js></script>\n"
	    "<script type=module src=mod.js></script>\n"
	    "<script type=\"application/ld+json\" src=x.json></script>\n"
	    "<picture><source srcset=\"s.webp 100w, s2.webp 200w\"></picture>\n"
	    "<iframe src=frame.html></iframe>\n"
	    "<video src=v.mp4 poster=p.jpg><track src=t.vtt></video>\n"
	    "<audio src=a.mp3></audio><embed src=e.swf>\n"
	    "<object data=o.pdf></object><area href=map.html>\n"
	    "<input type=IMAGE src=btn.png><input type=text src=no.png>\n"
	    "<svg><a href=svg.html></a></svg>\n"
	    "<base href=second/>\n"
	    "</BODY></HTML>", &doc);
	cr_assert_str_eq(doc.base, "/docs/");
	got = dump(&doc);
	cr_assert_str_eq(got,
	    "S:style.css\n"
	    "O:/favicon.ico\n"
	    "N:page.html?a=1&b=2#sec\n"
	    "N:../up.html\n"
	    "N:/abs<1>\n"
	    "N:\n"
	    "M:a.png\n"
	    "M:a-1x.png\n"
	    "M:a-2x.png\n"
	    "M:data:image/png;base64,AA==\n"
	    "M:b.png\n"
	    "J:app.js\n"
	    "J:mod.js\n"
	    "O:x.json\n"
	    "M:s.webp\n"
	    "M:s2.webp\n"
	    "N:frame.html\n"
	    "M:v.mp4\n"
	    "M:p.jpg\n"
	    "M:t.vtt\n"
	    "M:a.mp3\n"
	    "M:e.swf\n"
	    "M:o.pdf\n"
	    "N:map.html\n"
	    "M:btn.png");
	free(got);
	links_doc_release(&doc);
	cr_assert_null(doc.links);
}

Test(links, no_base_and_garbage, .timeout = 10)
{
	static const char bytes[] = "<a href=\"x\xff.html\">\x01</a><p><a href=y>";
	struct links_doc doc = LINKS_DOC_INIT;

	cr_assert_eq(links_parse(bytes, sizeof bytes - 1, &doc), 0);
	cr_assert_null(doc.base);
	cr_assert_eq(doc.nlinks, 2);
	cr_assert_str_eq(doc.links[0].ref, "x\xef\xbf\xbd.html");
	cr_assert_str_eq(doc.links[1].ref, "y");
	links_doc_release(&doc);

	cr_assert_eq(links_parse("", 0, &doc), 0);
	cr_assert_eq(doc.nlinks, 0);
	cr_assert_eq(doc.ids.n, 0);
	cr_assert(links_ids_has(&doc.ids, ""));
	cr_assert_not(links_ids_has(&doc.ids, "x"));
	links_doc_release(&doc);
}

Test(links, deep_nesting, .timeout = 10)
{
	size_t depth = 5000, len = 0;
	char *html = malloc(depth * 5 + 64);
	struct links_doc doc;

	for (size_t i = 0; i < depth; i++)
		len += (size_t)sprintf(html + len, "<div>");
	sprintf(html + len, "<a id=deep href=d.html>");
	parse(html, &doc);
	cr_assert_eq(doc.nlinks, 1);
	cr_assert(links_ids_has(&doc.ids, "deep"));
	links_doc_release(&doc);
	free(html);
}

Test(links, fragments, .timeout = 10)
{
	struct links_doc doc;

	parse("<h2 id=setup>Setup</h2><a name=old></a><div name=notanchor>"
	    "<p id=\"\"><span ID=\"caf\xc3\xa9\"></span>"
	    "<svg><circle id=dot /></svg><section id=\"Two Words\">"
	    "<a NAME=\"with&amp;amp\"></a><b id=\"100%\"></b>", &doc);
	cr_assert(links_ids_has(&doc.ids, "setup"));
	cr_assert(links_ids_has(&doc.ids, "old"));
	cr_assert(links_ids_has(&doc.ids, "dot"));
	cr_assert(links_ids_has(&doc.ids, "with&amp"));
	cr_assert(links_ids_has(&doc.ids, "caf\xc3\xa9"));
	cr_assert(links_ids_has(&doc.ids, "caf%C3%A9"));
	cr_assert(links_ids_has(&doc.ids, "Two%20Words"));
	cr_assert(links_ids_has(&doc.ids, "100%"));
	cr_assert(links_ids_has(&doc.ids, ""));
	cr_assert(links_ids_has(&doc.ids, "top"));
	cr_assert(links_ids_has(&doc.ids, "TOP"));
	cr_assert_not(links_ids_has(&doc.ids, "notanchor"));
	cr_assert_not(links_ids_has(&doc.ids, "Setup"));
	cr_assert_not(links_ids_has(&doc.ids, "missing"));
	cr_assert_not(links_ids_has(&doc.ids, "two words"));
	links_doc_release(&doc);
}

static void
collect(const char *url, size_t len, void *arg)
{
	char *s = strndup(url, len);

	strlist_add(arg, s);
	free(s);
}

static void
check_srcset(const char *srcset, const char *want)
{
	struct strlist l = STRLIST_INIT;
	char *got;

	links_srcset(srcset, collect, &l);
	got = strlist_join(&l, "|", l.len, false);
	cr_expect_str_eq(got, want, "srcset \"%s\"", srcset);
	free(got);
	strlist_clear(&l);
}

Test(links, srcset, .timeout = 10)
{
	check_srcset("", "");
	check_srcset("  , ,", "");
	check_srcset("a.png", "a.png");
	check_srcset("a.png 1x,b.png 2x", "a.png|b.png");
	/* A URL is a run of non-spaces: only trailing commas end it. */
	check_srcset(" a.png, b.png , c.png ,", "a.png|b.png|c.png");
	check_srcset("a.png,,, b.png", "a.png|b.png");
	check_srcset("a.png,b.png", "a.png,b.png");
	check_srcset("\ta.png\n 100w,\n\tb.png 200w", "a.png|b.png");
	check_srcset("data:image/png;base64,AA==, b.png 2x",
	    "data:image/png;base64,AA==|b.png");
	check_srcset("x.png 100w (a, b), y.png", "x.png|y.png");
	check_srcset("a,b.png 1x", "a,b.png");
}

struct resolve_case {
	const char *ref;
	enum links_class cls;
	const char *path;	/* LINKS_HTTP: path and query */
	const char *frag;	/* NULL: none */
	const char *origin;	/* NULL: the base's */
};

#define BASE "http://127.0.0.1:8080/a/b/c.html?x=1"
#define ORIGIN "http://127.0.0.1:8080"

static const struct resolve_case cases[] = {
	{ "", LINKS_HTTP, "/a/b/c.html?x=1", NULL, NULL },
	{ "#frag", LINKS_HTTP, "/a/b/c.html?x=1", "frag", NULL },
	{ "#", LINKS_HTTP, "/a/b/c.html?x=1", "", NULL },
	{ "?q=2", LINKS_HTTP, "/a/b/c.html?q=2", NULL, NULL },
	{ "d.html", LINKS_HTTP, "/a/b/d.html", NULL, NULL },
	{ "../x.html", LINKS_HTTP, "/a/x.html", NULL, NULL },
	{ "../../../../y", LINKS_HTTP, "/y", NULL, NULL },
	{ ".", LINKS_HTTP, "/a/b/", NULL, NULL },
	{ " \n/abs/./z/../w \t", LINKS_HTTP, "/abs/w", NULL, NULL },
	{ "sp ace.html", LINKS_HTTP, "/a/b/sp%20ace.html", NULL, NULL },
	{ "caf\xc3\xa9.html#\xc3\xa9", LINKS_HTTP, "/a/b/caf%C3%A9.html",
	    "\xc3\xa9", NULL },
	{ "caf%C3%A9.html", LINKS_HTTP, "/a/b/caf%C3%A9.html", NULL, NULL },
	{ "a\\b.html?c\\d", LINKS_HTTP, "/a/b/a/b.html?c\\d", NULL, NULL },
	{ "x\ty\n.html", LINKS_HTTP, "/a/b/xy.html", NULL, NULL },
	{ "x.html#a#b", LINKS_HTTP, "/a/b/x.html", "a#b", NULL },
	{ "x.html#sec ", LINKS_HTTP, "/a/b/x.html", "sec", NULL },
	{ "x.html?a=1&b=2#f", LINKS_HTTP, "/a/b/x.html?a=1&b=2", "f", NULL },
	{ "x.html?a b", LINKS_HTTP, "/a/b/x.html?a%20b", NULL, NULL },
	{ "/", LINKS_HTTP, "/", NULL, NULL },
	{ "http:rel.html", LINKS_HTTP, "/a/b/rel.html", NULL, NULL },
	{ "HTTP://127.0.0.1:8080/Q", LINKS_HTTP, "/Q", NULL, NULL },
	{ "http://127.0.0.1:8080", LINKS_HTTP, "/", NULL, NULL },
	{ "//other.host/x", LINKS_HTTP, "/x", NULL, "http://other.host:80" },
	{ "http://LOCALHOST:8080/", LINKS_HTTP, "/", NULL,
	    "http://localhost:8080" },
	{ "https://127.0.0.1:8080/s", LINKS_HTTP, "/s", NULL,
	    "https://127.0.0.1:8080" },
	{ "http://127.0.0.1:80/", LINKS_HTTP, "/", NULL, "http://127.0.0.1:80" },
	{ "https://example.org", LINKS_HTTP, "/", NULL,
	    "https://example.org:443" },
	{ "mailto:someone@example.org", LINKS_OTHER_SCHEME, NULL, NULL, NULL },
	{ "  MAILTO:x", LINKS_OTHER_SCHEME, NULL, NULL, NULL },
	{ "tel:+331234", LINKS_OTHER_SCHEME, NULL, NULL, NULL },
	{ "javascript:void(0)", LINKS_OTHER_SCHEME, NULL, NULL, NULL },
	{ "data:text/plain,x", LINKS_OTHER_SCHEME, NULL, NULL, NULL },
	{ "ftp://example.org/f", LINKS_OTHER_SCHEME, NULL, NULL, NULL },
	{ "http://[bad", LINKS_INVALID, NULL, NULL, NULL },
	{ "http://", LINKS_INVALID, NULL, NULL, NULL },
	{ "https:foo", LINKS_INVALID, NULL, NULL, NULL },
};

Test(links, resolve_table, .timeout = 10)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct resolve_case *c = &cases[i];
		struct links_url u = { NULL, NULL, NULL, NULL };
		enum links_class cls = links_resolve(BASE, c->ref, &u);

		cr_expect_eq(cls, c->cls, "class of \"%s\": %d", c->ref, cls);
		if (cls != LINKS_HTTP || c->cls != LINKS_HTTP) {
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
		links_url_release(&u);
	}
}

Test(links, resolve_with_base_href, .timeout = 10)
{
	struct links_url base = { NULL, NULL, NULL, NULL };
	struct links_url u = { NULL, NULL, NULL, NULL };

	/* <base href="../up/"> on /a/b/c.html, then "#x" and "p.html". */
	cr_assert_eq(links_resolve(BASE, "../up/", &base), LINKS_HTTP);
	cr_assert_str_eq(base.url, ORIGIN "/a/up/");
	cr_assert_eq(links_resolve(base.url, "#x", &u), LINKS_HTTP);
	cr_assert_str_eq(u.path, "/a/up/");
	cr_assert_str_eq(u.frag, "x");
	links_url_release(&u);
	cr_assert_eq(links_resolve(base.url, "p.html", &u), LINKS_HTTP);
	cr_assert_str_eq(u.url, ORIGIN "/a/up/p.html");
	links_url_release(&u);
	links_url_release(&base);
	cr_assert_eq(links_resolve(BASE, "x", NULL), LINKS_HTTP);
}

Test(links, unescape, .timeout = 10)
{
	static const char *const t[][2] = {
		{ "", "" }, { "abc", "abc" }, { "a%20b", "a b" },
		{ "%C3%A9", "\xc3\xa9" }, { "%c3%a9", "\xc3\xa9" },
		{ "100%", "100%" }, { "%zz%4", "%zz%4" }, { "%41%42", "AB" },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *s = links_unescape(t[i][0]);

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
Test(links, simple_refs_as_curl, .timeout = 10)
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
		struct links_base *b = links_base_new(bases[i]);

		cr_assert_not_null(b, "base %s", bases[i]);
		for (size_t j = 0; j < sizeof refs / sizeof *refs; j++) {
			struct links_url u = { NULL, NULL, NULL, NULL };
			char *want = curl_resolve(bases[i], refs[j]);
			enum links_class cls = links_base_resolve(b, refs[j], &u);

			if (!want) {
				cr_expect_neq(cls, LINKS_HTTP, "%s + %s",
				    bases[i], refs[j]);
			} else if (cls == LINKS_HTTP) {
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
			links_url_release(&u);
		}
		links_base_free(b);
	}
	cr_assert_null(links_base_new("mailto:x@example.org"));
	cr_assert_null(links_base_new("/relative"));
}
